"""Forward-only building blocks of a convolutional network, as pure functions.

Public functions take and return NCHW arrays: ``(N, C, H, W)`` = (batch, channels,
rows, columns). The private ``_cnhw`` kernels below work on ``(C, N, H, W)`` arrays,
the order the layers keep internally: there the columns of every image in a batch sit
side by side, so one convolution is one contiguous copy and one matrix product.

Everything keeps the input's floating dtype (float32 by default, float64 preserved).
"""

from __future__ import annotations

import numpy as np

IntPair = int | tuple[int, int]


def pair(value: IntPair, name: str = "value") -> tuple[int, int]:
    """``3 -> (3, 3)``; ``(2, 1) -> (2, 1)``; refuses anything else with a clear message."""
    if isinstance(value, (int, np.integer)):
        return int(value), int(value)
    try:
        rows, cols = value
        return int(rows), int(cols)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an int or a (rows, cols) pair, got {value!r}") from None


def output_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                dilation: int = 1) -> int:
    """Length of a convolution or pooling output along one axis.

    ``(size + 2*padding - dilation*(kernel - 1) - 1) // stride + 1``; with dilation 1
    that is the familiar ``(size + 2*padding - kernel) // stride + 1``.

    Raises
    ------
    ValueError
        If the stride, kernel or padding is out of range, or the (padded) input is
        smaller than the kernel, so that no output cell exists. The message names the sizes.
    """
    if kernel < 1:
        raise ValueError(f"kernel size must be at least 1, got {kernel}")
    if stride < 1:
        raise ValueError(f"stride must be at least 1, got {stride}")
    if padding < 0:
        raise ValueError(f"padding must not be negative, got {padding}")
    if dilation < 1:
        raise ValueError(f"dilation must be at least 1, got {dilation}")
    span = dilation * (kernel - 1) + 1
    padded = size + 2 * padding
    if padded < span:
        raise ValueError(
            f"a kernel spanning {span} cells does not fit in an input of {size} cells "
            f"with padding {padding} (padded size {padded}): no output is left"
        )
    return (padded - span) // stride + 1


def _float_array(x) -> np.ndarray:
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        x = x.astype(np.float32)
    return x


def _require_ndim(x: np.ndarray, ndim: int, name: str, layout: str) -> None:
    if x.ndim != ndim:
        raise ValueError(f"{name} must be {layout} with {ndim} dimensions, got shape {x.shape}")


# --- convolution kernels on (C, N, H, W) ------------------------------------------------

def _pad_cnhw(x: np.ndarray, ph: int, pw: int) -> np.ndarray:
    if ph == 0 and pw == 0:
        return x
    c, n, h, w = x.shape
    padded = np.zeros((c, n, h + 2 * ph, w + 2 * pw), dtype=x.dtype)
    padded[:, :, ph:ph + h, pw:pw + w] = x
    return padded


def _window_slices(i: int, j: int, out_h: int, out_w: int, sh: int, sw: int):
    """Slices picking, for kernel offset (i, j), the input cell under it for every output cell."""
    return (slice(i, i + sh * (out_h - 1) + 1, sh), slice(j, j + sw * (out_w - 1) + 1, sw))


def conv_geometry(in_hw, kernel_hw, stride, padding, dilation=1):
    """Output rows and columns of a convolution, validating every argument."""
    sh, sw = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_h = output_size(in_hw[0], kernel_hw[0], sh, ph, dh)
    out_w = output_size(in_hw[1], kernel_hw[1], sw, pw, dw)
    return out_h, out_w


def im2col_cnhw(x: np.ndarray, kh: int, kw: int, stride=1, padding=0, dilation=1):
    """Unfold ``x`` (C, N, H, W) into columns ``(C*KH*KW, N*Ho*Wo)``.

    Row ``(c, i, j)`` of the result holds, for every output cell, the input value that
    kernel cell ``(i, j)`` of channel ``c`` lies over. Returns ``(cols, (Ho, Wo))``.
    """
    c, n, h, w = x.shape
    sh, sw = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_h, out_w = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    xp = _pad_cnhw(x, ph, pw)
    cols = np.empty((c, kh, kw, n, out_h, out_w), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            rows, columns = _window_slices(i * dh, j * dw, out_h, out_w, sh, sw)
            cols[:, i, j] = xp[:, :, rows, columns]
    return cols.reshape(c * kh * kw, n * out_h * out_w), (out_h, out_w)


def col2im_cnhw(dcols: np.ndarray, x_shape, kh: int, kw: int, stride=1, padding=0,
                dilation=1) -> np.ndarray:
    """Adjoint of :func:`im2col_cnhw`: add columns back into an array of ``x_shape``
    (C, N, H, W)."""
    c, n, h, w = x_shape
    sh, sw = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_h, out_w = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    dcols = dcols.reshape(c, kh, kw, n, out_h, out_w)
    dxp = np.zeros((c, n, h + 2 * ph, w + 2 * pw), dtype=dcols.dtype)
    for i in range(kh):
        for j in range(kw):
            rows, columns = _window_slices(i * dh, j * dw, out_h, out_w, sh, sw)
            dxp[:, :, rows, columns] += dcols[:, i, j]
    if ph == 0 and pw == 0:
        return dxp
    return dxp[:, :, ph:ph + h, pw:pw + w]


def conv2d_cnhw(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """Convolution of ``x`` (C, N, H, W) with ``weight`` (F, C, KH, KW) -> ``(F, N, Ho, Wo)``.

    Also returns the columns, which the layer keeps for its backward pass.
    """
    f, c, kh, kw = weight.shape
    if x.shape[0] != c:
        raise ValueError(
            f"the input has {x.shape[0]} channel(s) but the filters expect {c}"
        )
    cols, (out_h, out_w) = im2col_cnhw(x, kh, kw, stride, padding, dilation)
    out = weight.reshape(f, -1).astype(x.dtype, copy=False) @ cols
    if bias is not None:
        out += np.asarray(bias, dtype=x.dtype).reshape(f, 1)
    return out.reshape(f, x.shape[1], out_h, out_w), cols


# --- pooling kernels on the last two axes (any leading layout) ---------------------------

def pool_geometry(in_hw, size, stride=None):
    """``(ph, pw), (sh, sw), (Ho, Wo)`` for a pool; stride defaults to the pool size."""
    ph, pw = pair(size, "pool size")
    sh, sw = pair(size if stride is None else stride, "pool stride")
    out_h = output_size(in_hw[0], ph, sh)
    out_w = output_size(in_hw[1], pw, sw)
    return (ph, pw), (sh, sw), (out_h, out_w)


def max_pool_last2(x: np.ndarray, size, stride=None) -> np.ndarray:
    """Max over each pool window of the last two axes; windows past the edge are dropped."""
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(x.shape[-2:], size, stride)
    out = None
    for i in range(ph):
        for j in range(pw):
            rows, columns = _window_slices(i, j, out_h, out_w, sh, sw)
            window = x[..., rows, columns]
            if out is None:
                out = window.copy()
            else:
                np.maximum(out, window, out=out)
    return out


def max_pool_last2_backward(x, out, grad_out, size, stride=None) -> np.ndarray:
    """Gradient of :func:`max_pool_last2`.

    Each window's gradient goes to exactly one cell, the first maximum in scan order:
    on flat backgrounds every cell of a window ties, and sending the gradient to all of
    them would multiply it.
    """
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(x.shape[-2:], size, stride)
    grad_in = np.zeros(x.shape, dtype=grad_out.dtype)
    disjoint = sh >= ph and sw >= pw  # every input cell lies in at most one window
    unclaimed = np.ones(out.shape, dtype=bool)
    winner = np.empty(out.shape, dtype=bool)
    last = (ph - 1, pw - 1)
    for i in range(ph):
        for j in range(pw):
            rows, columns = _window_slices(i, j, out_h, out_w, sh, sw)
            np.equal(x[..., rows, columns], out, out=winner)
            winner &= unclaimed
            if disjoint:
                np.multiply(grad_out, winner, out=grad_in[..., rows, columns])
            else:
                grad_in[..., rows, columns] += grad_out * winner
            if (i, j) != last:
                unclaimed ^= winner  # winner is a subset of unclaimed
    return grad_in


def avg_pool_last2(x: np.ndarray, size, stride=None) -> np.ndarray:
    """Mean over each pool window of the last two axes; windows past the edge are dropped."""
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(x.shape[-2:], size, stride)
    out = None
    for i in range(ph):
        for j in range(pw):
            rows, columns = _window_slices(i, j, out_h, out_w, sh, sw)
            window = x[..., rows, columns]
            if out is None:
                out = window.copy()
            else:
                out += window
    out *= 1.0 / (ph * pw)
    return out


def avg_pool_last2_backward(x_shape, grad_out, size, stride=None) -> np.ndarray:
    """Gradient of :func:`avg_pool_last2`: each window shares its gradient equally."""
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(x_shape[-2:], size, stride)
    grad_in = np.zeros(x_shape, dtype=grad_out.dtype)
    share = grad_out * (1.0 / (ph * pw))
    for i in range(ph):
        for j in range(pw):
            rows, columns = _window_slices(i, j, out_h, out_w, sh, sw)
            grad_in[..., rows, columns] += share
    return grad_in


# --- public NCHW functions -------------------------------------------------------------

def conv2d(x, weight, bias=None, stride: IntPair = 1, padding: IntPair = 0,
           dilation: IntPair = 1) -> np.ndarray:
    """2-D cross-correlation with zero padding, as PyTorch's ``conv2d`` (no kernel flip).

    Parameters
    ----------
    x : array (N, C, H, W)
    weight : array (F, C, KH, KW)
    bias : array (F,), optional
    stride, padding, dilation : int or (rows, cols)

    Returns
    -------
    array (N, F, Ho, Wo) with ``Ho = (H + 2*ph - dh*(KH - 1) - 1) // sh + 1``.
    """
    x = _float_array(x)
    weight = np.asarray(weight, dtype=x.dtype)
    _require_ndim(x, 4, "x", "(N, C, H, W)")
    _require_ndim(weight, 4, "weight", "(F, C, KH, KW)")
    if bias is not None and np.shape(bias) != (weight.shape[0],):
        raise ValueError(f"bias must have shape ({weight.shape[0]},), got {np.shape(bias)}")
    out, _ = conv2d_cnhw(x.transpose(1, 0, 2, 3), weight, bias, stride, padding, dilation)
    return np.ascontiguousarray(out.transpose(1, 0, 2, 3))


def relu(x) -> np.ndarray:
    """``max(x, 0)`` element-wise."""
    x = _float_array(x)
    return np.maximum(x, 0, dtype=x.dtype)


def max_pool2d(x, size: IntPair, stride: IntPair | None = None) -> np.ndarray:
    """Max pooling of ``x`` (N, C, H, W); stride defaults to ``size``; floor mode."""
    x = _float_array(x)
    _require_ndim(x, 4, "x", "(N, C, H, W)")
    return max_pool_last2(x, size, stride)


def avg_pool2d(x, size: IntPair, stride: IntPair | None = None) -> np.ndarray:
    """Average pooling of ``x`` (N, C, H, W); stride defaults to ``size``; floor mode."""
    x = _float_array(x)
    _require_ndim(x, 4, "x", "(N, C, H, W)")
    return avg_pool_last2(x, size, stride)


def flatten(x) -> np.ndarray:
    """``(N, C, H, W) -> (N, C*H*W)`` in C order (channel, then row, then column)."""
    x = np.asarray(x)
    return x.reshape(x.shape[0], -1)


def log_softmax(logits) -> np.ndarray:
    """Row-wise log-softmax of ``logits`` (N, K), stable for huge values."""
    logits = _float_array(logits)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(logits) -> np.ndarray:
    """Row-wise softmax of ``logits`` (N, K); subtracting the row maximum keeps exp finite."""
    logits = _float_array(logits)
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def cross_entropy(logits, labels) -> float:
    """Mean of ``-log softmax(logits)[n, labels[n]]`` over the batch.

    ``logits`` (N, K); ``labels`` (N,) integer class indices.
    """
    logits = _float_array(logits)
    labels = np.asarray(labels)
    _require_ndim(logits, 2, "logits", "(N, K)")
    if labels.shape != (logits.shape[0],):
        raise ValueError(f"labels must have shape ({logits.shape[0]},), got {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= logits.shape[1]):
        raise ValueError(f"labels must lie in 0..{logits.shape[1] - 1}")
    log_p = log_softmax(logits)
    return float(-log_p[np.arange(len(labels)), labels].mean())
