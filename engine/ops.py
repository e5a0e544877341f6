"""Building blocks of a convolutional network, as pure functions.

Public functions take and return NCHW arrays: ``(N, C, H, W)`` = (batch, channels,
rows, columns): :func:`im2col` / :func:`col2im` (the layers' textbook path),
:func:`conv2d`, the pools, softmax and cross-entropy, and the output-size formula with its
terms (:func:`output_size_terms`, :class:`WindowDoesNotFit`). The ``_chwn`` kernels work
on ``(C, H, W, N)`` arrays, the order of the layers' fast path: with the batch axis
innermost, every kernel offset's slice of a whole batch is a few long contiguous runs, so
one convolution is k*k block copies into columns and one matrix product, and pooling
moves whole runs of N values. The pooling kernels take the row axis as ``axis`` and serve
both orders. A convolution fused with the max pool it feeds (:func:`conv2d_max_pool_chwn`,
pooling with :func:`max_pool_cells`) is one more way of the fast path, tested against the
plain one; :mod:`engine.winograd` holds another (Winograd tiles).

Everything keeps the input's floating dtype (float32 by default, float64 preserved).
"""

from __future__ import annotations

from dataclasses import dataclass

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


STAGES = ("convolution", "pool")


class WindowDoesNotFit(ValueError):
    """A sliding window (a kernel, a pool window) larger than the input it slides over.

    ``code`` is ``"window_does_not_fit"``; ``terms`` holds the :class:`OutputSizeTerms`
    (the stage, the input size ``n``, window ``k``, padding ``p``, stride ``s`` and
    dilation ``d``), so a GUI can word the refusal in any language.
    """

    code = "window_does_not_fit"

    def __init__(self, terms: OutputSizeTerms) -> None:
        self.terms = terms
        cells = "cell" if terms.n == 1 else "cells"
        padded = (f" (padded by {terms.p} on each side to {terms.padded})"
                  if terms.p else "")
        window = "convolution kernel" if terms.stage == "convolution" else "pool window"
        super().__init__(
            f"the {window}, spanning {terms.span} cells, does not fit in its input of "
            f"{terms.n} {cells}{padded}: no output is left"
        )


@dataclass(frozen=True)
class OutputSizeTerms:
    """The terms of ``floor((n + 2p - d(k - 1) - 1) / s) + 1`` along one axis.

    ``stage`` is ``"convolution"`` or ``"pool"``. ``span`` = ``d(k - 1) + 1`` cells is what
    the window covers, ``padded`` = ``n + 2p`` what it slides over, ``numerator`` =
    ``padded - span``; ``size`` is the output length, 0 when the window does not fit.
    """

    stage: str
    n: int
    k: int
    p: int
    s: int
    d: int

    @property
    def span(self) -> int:
        return self.d * (self.k - 1) + 1

    @property
    def padded(self) -> int:
        return self.n + 2 * self.p

    @property
    def numerator(self) -> int:
        return self.padded - self.span

    @property
    def fits(self) -> bool:
        return self.numerator >= 0

    @property
    def size(self) -> int:
        return self.numerator // self.s + 1 if self.fits else 0

    def check(self) -> int:
        """The output length; raises :class:`WindowDoesNotFit` when it would be 0."""
        if not self.fits:
            raise WindowDoesNotFit(self)
        return self.size


def output_size_terms(size: int, kernel: int, stride: int = 1, padding: int = 0,
                      dilation: int = 1, stage: str = "convolution") -> OutputSizeTerms:
    """The :class:`OutputSizeTerms` of one axis, whether or not the window fits.

    Raises ValueError for a window, stride or dilation below 1, negative padding or an
    unknown ``stage``.
    """
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
    window = "kernel" if stage == "convolution" else "pool window"
    if kernel < 1:
        raise ValueError(f"{window} size must be at least 1, got {kernel}")
    if stride < 1:
        raise ValueError(f"stride must be at least 1, got {stride}")
    if padding < 0:
        raise ValueError(f"padding must not be negative, got {padding}")
    if dilation < 1:
        raise ValueError(f"dilation must be at least 1, got {dilation}")
    return OutputSizeTerms(stage, int(size), int(kernel), int(padding), int(stride),
                           int(dilation))


def output_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                dilation: int = 1, stage: str = "convolution") -> int:
    """Length of a convolution or pooling output along one axis.

    ``(size + 2*padding - dilation*(kernel - 1) - 1) // stride + 1``; with dilation 1
    that is the familiar ``(size + 2*padding - kernel) // stride + 1``.

    Raises
    ------
    WindowDoesNotFit
        (a ValueError) when the (padded) input is shorter than the window's span.
    ValueError
        If the stride, kernel or padding is out of range.
    """
    # The arithmetic inline (no dataclass) on the hot path: layers call this every step.
    if kernel >= 1 and stride >= 1 and padding >= 0 and dilation >= 1 \
            and stage in STAGES:
        numerator = size + 2 * padding - dilation * (kernel - 1) - 1
        if numerator >= 0:
            return numerator // stride + 1
    return output_size_terms(size, kernel, stride, padding, dilation, stage).check()


def _float_array(x) -> np.ndarray:
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        x = x.astype(np.float32)
    return x


def _require_ndim(x: np.ndarray, ndim: int, name: str, layout: str) -> None:
    if x.ndim != ndim:
        raise ValueError(f"{name} must be {layout} with {ndim} dimensions, got shape {x.shape}")


# --- convolution kernels on (C, H, W, N) ------------------------------------------------

def _pad_chwn(x: np.ndarray, ph: int, pw: int) -> np.ndarray:
    if ph == 0 and pw == 0:
        return x
    c, h, w, n = x.shape
    padded = np.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=x.dtype)
    padded[:, ph:ph + h, pw:pw + w] = x
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


def _pool_cells_view(view: np.ndarray, pool) -> np.ndarray:
    """``(C, P*Ho, Q*Wo, N)`` -> ``(C, P, Q, Ho, Wo, N)`` as a view: the cells of each
    P x Q pool window first (splitting an axis never copies)."""
    p, q = pool
    c, rows, columns, n = view.shape
    return view.reshape(c, rows // p, p, columns // q, q, n).transpose(0, 2, 4, 1, 3, 5)


def _offset_view(xp: np.ndarray, i: int, j: int, out_hw, stride, pool) -> np.ndarray:
    """The cells of ``xp`` that kernel offset (i, j) (dilation applied) lies over, one per
    output cell: (C, Ho, Wo, N), or with ``pool`` (P, Q) (C, P, Q, Ho // P, Wo // Q, N) in
    pool-window order, over the P*(Ho // P) x Q*(Wo // Q) cells the pool reads."""
    out_h, out_w = out_hw
    if pool is None:
        return xp[(slice(None),) + _window_slices(i, j, out_h, out_w, *stride)]
    p, q = pool
    used = (p * (out_h // p), q * (out_w // q))
    view = xp[(slice(None),) + _window_slices(i, j, *used, *stride)]
    return _pool_cells_view(view, pool)


def _columns_shape(c: int, kh: int, kw: int, out_hw, n: int, pool):
    """Shape of :func:`im2col_chwn`'s columns as a view: (C, KH, KW) then the output
    cells' axes of :func:`_offset_view`."""
    out_h, out_w = out_hw
    if pool is None:
        return (c, kh, kw, out_h, out_w, n)
    p, q = pool
    return (c, kh, kw, p, q, out_h // p, out_w // q, n)


def im2col_chwn(x: np.ndarray, kh: int, kw: int, stride=1, padding=0, dilation=1,
                ones_row: bool = False, pool=None):
    """Unfold ``x`` (C, H, W, N) into columns ``(C*KH*KW, Ho*Wo*N)``.

    Row ``(c, i, j)`` of the result holds, for every output cell, the input value that
    kernel cell ``(i, j)`` of channel ``c`` lies over. With ``ones_row`` the result has one
    more row, all ones, after them (``(C*KH*KW + 1, Ho*Wo*N)``), for a bias carried in the
    product (see :func:`conv2d_chwn`). With ``pool`` (P, Q), the columns are those of the
    output cells that non-overlapping P x Q pool windows read, in pool-window order
    (cell (i, j) of every window, then the next cell; see :func:`conv2d_max_pool_chwn`).
    Returns ``(cols, (Ho, Wo))``, the convolution's output size.
    """
    c, h, w, n = x.shape
    stride = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_hw = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    xp = _pad_chwn(x, ph, pw)
    shape = _columns_shape(c, kh, kw, out_hw, n, pool)
    windows = c * kh * kw
    cols = np.empty((windows + bool(ones_row), int(np.prod(shape[3:]))), dtype=x.dtype)
    unfolded = cols[:windows].reshape(shape)  # a view of cols
    for i in range(kh):
        for j in range(kw):
            unfolded[:, i, j] = _offset_view(xp, i * dh, j * dw, out_hw, stride, pool)
    if ones_row:
        cols[windows] = 1
    return cols, out_hw


def col2im_chwn(dcols: np.ndarray, x_shape, kh: int, kw: int, stride=1, padding=0,
                dilation=1, pool=None) -> np.ndarray:
    """Adjoint of :func:`im2col_chwn` (with the same ``pool``): add columns back into an
    array of ``x_shape`` (C, H, W, N)."""
    c, h, w, n = x_shape
    stride = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_hw = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    dcols = dcols.reshape(_columns_shape(c, kh, kw, out_hw, n, pool))
    dxp = np.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=dcols.dtype)
    for i in range(kh):
        for j in range(kw):
            target = _offset_view(dxp, i * dh, j * dw, out_hw, stride, pool)
            target += dcols[:, i, j]
    if ph == 0 and pw == 0:
        return dxp
    return dxp[:, ph:ph + h, pw:pw + w]


#: Values of one kernel row (channels x kernel columns) from which
#: :func:`conv2d_input_grad_chwn` multiplies row by row.
_ROW_PRODUCT_MIN = 64


def conv2d_input_grad_chwn(grad_out: np.ndarray, weight: np.ndarray, x_shape, stride=1,
                           padding=0, dilation=1, pool=None) -> np.ndarray:
    """Gradient of :func:`conv2d_chwn` with respect to its input of ``x_shape``
    (C, H, W, N), from ``grad_out`` (F, Ho, Wo, N) (or ``(F, Ho*Wo*N)``; with ``pool``,
    the output cells in :func:`im2col_chwn`'s pool-window order).

    The same sum as ``col2im_chwn(weight.reshape(F, -1).T @ grad_out)``; with at least
    :data:`_ROW_PRODUCT_MIN` values in a kernel row (C*KW), one kernel row at a time: that
    row's share of the column gradient is still in the core's cache when it is added back.
    Measured on the default network's second convolution (16 channels, 5x5): 8 % faster;
    with fewer (16 channels 3x3, 8 channels 3x3) the thinner products ran 1-11 % slower.
    """
    f, c, kh, kw = weight.shape
    _, h, w, n = x_shape
    stride = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_hw = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    shape = _columns_shape(c, kh, kw, out_hw, n, pool)
    grad_2d = grad_out.reshape(f, int(np.prod(shape[3:])))
    if c * kw < _ROW_PRODUCT_MIN:
        whole = weight.reshape(f, -1).astype(grad_2d.dtype, copy=False).T @ grad_2d
        return col2im_chwn(whole, x_shape, kh, kw, stride, padding, dilation, pool)
    dxp = np.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=grad_2d.dtype)
    for i in range(kh):
        row_matrix = weight[:, :, i, :].reshape(f, c * kw).astype(grad_2d.dtype, copy=False)
        part = (row_matrix.T @ grad_2d).reshape((c, kw) + shape[3:])
        for j in range(kw):
            target = _offset_view(dxp, i * dh, j * dw, out_hw, stride, pool)
            target += part[:, j]
    if ph == 0 and pw == 0:
        return dxp
    return dxp[:, ph:ph + h, pw:pw + w]


# OpenBLAS, which NumPy's wheels ship, runs products with M*N*K below 10**6 through a
# small-matrix kernel. A thin product over a very long shared axis, such as a first
# layer's weight gradient (9 x 16 summed over 43,264 columns), measured 3-4x faster here
# as a sum of such pieces; with bigger M*N the pieces get too short to pay.
_SMALL_PRODUCT = 1_000_000
_MIN_PIECE = 1024


def matmul_abt(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b.T`` for ``a`` (P, M) and ``b`` (Q, M), summed in pieces along M when
    P*Q is small and M long (see above)."""
    p, m = a.shape
    piece = (_SMALL_PRODUCT - 1) // max(1, p * b.shape[0])
    if piece < _MIN_PIECE or piece >= m:
        return a @ b.T
    out = a[:, :piece] @ b[:, :piece].T
    for start in range(piece, m, piece):
        out += a[:, start:start + piece] @ b[:, start:start + piece].T
    return out


def conv2d_chwn(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """Convolution of ``x`` (C, H, W, N) with ``weight`` (F, C, KH, KW) -> ``(F, Ho, Wo, N)``.

    Also returns the columns, which the layer keeps for its backward pass: those of
    :func:`im2col_chwn`, with its row of ones when there is a ``bias``.
    """
    f, c, kh, kw = weight.shape
    if x.shape[0] != c:
        raise ValueError(
            f"the input has {x.shape[0]} channel(s) but the filters expect {c}"
        )
    has_bias = bias is not None
    cols, (out_h, out_w) = im2col_chwn(x, kh, kw, stride, padding, dilation,
                                       ones_row=has_bias)
    matrix = weight.reshape(f, -1).astype(x.dtype, copy=False)
    if has_bias:
        # The bias rides in the product (a column of biases meets the row of ones)
        # instead of a second pass over the output: measured 10 % off the default
        # network's first convolution, whose output is 16 x 36,864 values per batch.
        matrix = np.concatenate([matrix, np.asarray(bias, dtype=x.dtype).reshape(f, 1)],
                                axis=1)
    out = matrix @ cols
    return out.reshape(f, out_h, out_w, x.shape[3]), cols


# --- pooling kernels on two adjacent spatial axes -----------------------------------------
# ``axis`` names the row axis; the column axis follows it. The layers' (C, H, W, N)
# activations and the explorer's (F, H, W) maps both use axis 1, NCHW arrays axis 2.

def pool_geometry(in_hw, size, stride=None):
    """``(ph, pw), (sh, sw), (Ho, Wo)`` for a pool; stride defaults to the pool size."""
    ph, pw = pair(size, "pool size")
    sh, sw = pair(size if stride is None else stride, "pool stride")
    out_h = output_size(in_hw[0], ph, sh, stage="pool")
    out_w = output_size(in_hw[1], pw, sw, stage="pool")
    return (ph, pw), (sh, sw), (out_h, out_w)


def _pool_windows(shape, size, stride, axis):
    """Yield ``(i, j, index)``: for pool offset (i, j), the index picking that cell of
    every window out of an array of ``shape`` whose rows are ``axis``."""
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(shape[axis:axis + 2], size, stride)
    lead = (slice(None),) * axis
    for i in range(ph):
        for j in range(pw):
            yield i, j, lead + _window_slices(i, j, out_h, out_w, sh, sw)


def _fold(ufunc, parts: list[np.ndarray], out: np.ndarray | None = None) -> np.ndarray:
    """``ufunc`` folded over ``parts`` into ``out`` or a new array (a view when there is
    one part and no ``out``)."""
    if len(parts) == 1:
        if out is None:
            return parts[0]
        np.copyto(out, parts[0])
        return out
    out = ufunc(parts[0], parts[1], out=out)
    for part in parts[2:]:
        ufunc(out, part, out=out)
    return out


def _fold_windows(ufunc, x: np.ndarray, size, stride, axis: int,
                  out: np.ndarray | None = None) -> np.ndarray:
    """``ufunc`` (``np.maximum``, ``np.add``) folded over each pool window of axes
    ``axis`` and ``axis + 1``, into ``out`` when given (the explorer's bands write
    straight into the pooled maps instead of copying a band's result there).

    Both reductions are separable, so a window's rows are folded first (on whole
    contiguous rows), then its columns: PH + PW - 2 passes instead of PH * PW - 1.
    """
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(x.shape[axis:axis + 2], size, stride)
    lead = (slice(None),) * axis
    rows = _fold(ufunc, [x[lead + (slice(i, i + sh * (out_h - 1) + 1, sh),)]
                         for i in range(ph)])
    result = _fold(ufunc, [rows[lead + (slice(None), slice(j, j + sw * (out_w - 1) + 1, sw))]
                           for j in range(pw)], out)
    if out is not None or result.base is None:
        return result
    return result.copy()  # never a view of x or of rows


def max_pool(x: np.ndarray, size, stride=None, axis: int = 1,
             out: np.ndarray | None = None) -> np.ndarray:
    """Max over each pool window of axes ``axis`` and ``axis + 1``; windows past the edge
    are dropped. Written into ``out`` when given."""
    return _fold_windows(np.maximum, x, size, stride, axis, out)


def max_pool_argmax(x: np.ndarray, size, stride=None, axis: int = 1):
    """:func:`max_pool` that also says where each window's maximum lies.

    Returns ``(out, choice)``: ``choice`` has ``out``'s shape and holds, for each window,
    the scan-order number ``i * PW + j`` of the pool offset (i, j) holding the window's
    first maximum. It is all :func:`max_pool_backward` needs, and much smaller than ``x``.
    """
    (ph, pw), _, _ = pool_geometry(x.shape[axis:axis + 2], size, stride)
    code = np.min_scalar_type(ph * pw - 1)
    out = choice = larger = None
    for k, (_, _, index) in enumerate(_pool_windows(x.shape, size, stride, axis)):
        window = x[index]
        if out is None:
            out = window.copy()
            choice = np.zeros(out.shape, dtype=code)
            larger = np.empty(out.shape, dtype=bool)
            continue
        # Strictly larger only: on a tie the earlier cell keeps the window. Offsets come
        # in increasing k, so the last one that raised the maximum is the largest k.
        np.greater(window, out, out=larger)
        np.maximum(out, window, out=out)
        np.maximum(choice, np.multiply(larger, k, dtype=code), out=choice)
    return out, choice


def max_pool_backward(choice, grad_out, x_shape, size, stride=None, axis: int = 1):
    """Gradient of :func:`max_pool` w.r.t. its input of ``x_shape``, from the ``choice``
    of :func:`max_pool_argmax`.

    Each window's gradient goes to exactly one cell, the first maximum in scan order:
    on flat backgrounds every cell of a window ties, and sending the gradient to all of
    them would multiply it.
    """
    (ph, pw), (sh, sw), (out_h, out_w) = pool_geometry(x_shape[axis:axis + 2], size, stride)
    disjoint = sh >= ph and sw >= pw  # every input cell lies in at most one window
    # Windows that tile the input exactly write every cell once: no zero fill needed.
    tiled = (sh, sw) == (ph, pw) and (out_h * ph, out_w * pw) == tuple(x_shape[axis:axis + 2])
    grad_in = (np.empty if tiled else np.zeros)(x_shape, dtype=grad_out.dtype)
    winner = np.empty(choice.shape, dtype=bool)
    for k, (_, _, index) in enumerate(_pool_windows(x_shape, size, stride, axis)):
        np.equal(choice, k, out=winner)
        if disjoint:
            np.multiply(grad_out, winner, out=grad_in[index])
        else:
            grad_in[index] += grad_out * winner
    return grad_in


def _first_max(parts: list[np.ndarray]):
    """Element-wise maximum of ``parts`` and which part holds the first maximum (bool
    for two parts, small integers for more; None for one part, which is returned as is)."""
    if len(parts) == 1:
        return parts[0], None
    # Strictly larger only: on a tie the earlier part keeps the window.
    choice = np.greater(parts[1], parts[0])
    best = np.maximum(parts[0], parts[1])
    if len(parts) > 2:
        choice = choice.astype(np.min_scalar_type(len(parts) - 1))
        larger = np.empty(best.shape, dtype=bool)
        for k in range(2, len(parts)):
            np.greater(parts[k], best, out=larger)
            np.maximum(best, parts[k], out=best)
            np.maximum(choice, np.multiply(larger, k, dtype=choice.dtype), out=choice)
    return best, choice


def _route(grad: np.ndarray, choice, outs: list[np.ndarray]) -> None:
    """Adjoint of :func:`_first_max`: ``outs[k]`` gets ``grad`` where part k was chosen,
    0 elsewhere."""
    if len(outs) == 1:
        np.copyto(outs[0], grad)
    elif len(outs) == 2:
        # The first part gets what the second does not: grad - grad * 1 is exactly 0.
        np.multiply(grad, choice, out=outs[1])
        np.subtract(grad, outs[1], out=outs[0])
    else:
        for k, out in enumerate(outs):
            np.multiply(grad, choice == k, out=out)


def max_pool_cells(cells):
    """Max pooling over windows whose cells lie apart: ``cells[i][j]`` holds cell (i, j)
    of every window (P x Q arrays of one shape, the windows' shape).

    Returns ``(out, choice)``, ``out`` a new array. Max is separable: each window row's
    maximum first, then the rows'; the winner is the first row holding the window's
    maximum and, in it, the first column: the first maximum in scan order (row by row),
    as :func:`max_pool_argmax`'s. ``choice`` is what :func:`max_pool_cells_backward`
    needs. For 2x2 windows that is 6 passes over contiguous arrays of the output's size;
    :func:`max_pool_argmax` on a (C, H, W, N) map needs 13 over strided slices.
    """
    rows = [_first_max(row) for row in cells]
    out, row_choice = _first_max([best for best, _ in rows])
    if len(cells) == 1 and len(cells[0]) == 1:
        out = out.copy()  # never a view of the cells
    return out, ([choice for _, choice in rows], row_choice)


def max_pool_cells_backward(choice, grad_out: np.ndarray, grad_cells) -> None:
    """Adjoint of :func:`max_pool_cells`: writes into ``grad_cells[i][j]`` (arrays laid out
    as the cells) each window's gradient at its winning cell and 0 at the others, so
    every window sends its gradient to exactly one cell even where its cells tie."""
    column_choices, row_choice = choice
    if len(grad_cells) == 1:
        row_grads = [grad_out]
    else:
        row_grads = [np.empty(grad_out.shape, dtype=grad_out.dtype) for _ in grad_cells]
        _route(grad_out, row_choice, row_grads)
    for row_grad, column_choice, cells in zip(row_grads, column_choices, grad_cells,
                                              strict=True):
        _route(row_grad, column_choice, cells)


def avg_pool(x: np.ndarray, size, stride=None, axis: int = 1,
             out: np.ndarray | None = None) -> np.ndarray:
    """Mean over each pool window of axes ``axis`` and ``axis + 1``; windows past the
    edge are dropped. Written into ``out`` when given."""
    (ph, pw), _, _ = pool_geometry(x.shape[axis:axis + 2], size, stride)
    out = _fold_windows(np.add, x, size, stride, axis, out)
    out *= 1.0 / (ph * pw)
    return out


def avg_pool_backward(x_shape, grad_out, size, stride=None, axis: int = 1) -> np.ndarray:
    """Gradient of :func:`avg_pool`: each window shares its gradient equally."""
    (ph, pw), _, _ = pool_geometry(x_shape[axis:axis + 2], size, stride)
    grad_in = np.zeros(x_shape, dtype=grad_out.dtype)
    share = grad_out * (1.0 / (ph * pw))
    for _, _, index in _pool_windows(x_shape, size, stride, axis):
        grad_in[index] += share
    return grad_in


# --- a convolution and the max pool after it, fused (the fast path) -----------------------
# A convolution whose output only feeds a max pool with non-overlapping windows can lay
# its output out window by window: cell (i, j) of every pool window in one contiguous
# array. The pool then runs on whole arrays (max_pool_cells) instead of strided slices of
# a (C, H, W, N) map, output cells that no window reads are never computed, and the bias,
# the same for every cell of a window, is added after the pool (max(v + b) = max(v) + b)
# to a quarter of the values. engine.model.Sequential uses this for a Conv2D followed,
# in its fast-path order, by such a MaxPool2D.

def pooled_conv_geometry(out_hw, pool):
    """The pool's output size over a convolution output of ``out_hw``, windows
    ``pool`` (P, Q) with stride ``pool``; raises WindowDoesNotFit when none fits."""
    return pool_geometry(out_hw, pool, pool)[2]


#: Kernel values (C*KH*KW) from which :func:`conv2d_max_pool_chwn` lays its product out
#: output cells x filters (see :func:`_cells_by_filters`); with fewer, filters x cells
#: measured as fast or faster (the whole training step of ``build_cnn()``, 3x3 on one
#: channel, ran 10 % slower the other way).
CELLS_FIRST_MIN_KERNEL = 20


def cells_first(weight_shape) -> bool:
    """Whether :func:`conv2d_max_pool_chwn` computes weights of ``weight_shape``
    (F, C, KH, KW) output cells x filters (else filters x cells)."""
    return int(np.prod(weight_shape[1:])) >= CELLS_FIRST_MIN_KERNEL


def conv2d_max_pool_chwn(x, weight, bias, stride, padding, dilation, pool):
    """``max_pool(conv2d_chwn(x, weight, bias, ...), pool)`` on (C, H, W, N), with the
    convolution's columns in pool-window order (:func:`im2col_chwn` with ``pool``).

    Returns ``(out, cols, choice)``: the pooled maps (F, Ho // P, Wo // Q, N), the
    columns (without a row of ones) and the pool's choice (laid out as the product, see
    :func:`cells_first`), for :func:`conv2d_max_pool_backward_chwn`.
    """
    f, c, kh, kw = weight.shape
    n = x.shape[3]
    out_hw = conv_geometry(x.shape[1:3], (kh, kw), stride, padding, dilation)
    pooled_h, pooled_w = pooled_conv_geometry(out_hw, pool)
    cols, _ = im2col_chwn(x, kh, kw, stride, padding, dilation, pool=pool)
    p, q = pool
    matrix = weight.reshape(f, -1).astype(x.dtype, copy=False)
    bias = None if bias is None else np.asarray(bias, dtype=x.dtype)
    if not cells_first(weight.shape):
        conv = (matrix @ cols).reshape(f, p, q, -1)
        pooled, choice = max_pool_cells([[conv[:, i, j] for j in range(q)]
                                         for i in range(p)])
        if bias is not None:
            pooled += bias[:, None]
        return pooled.reshape(f, pooled_h, pooled_w, n), cols, choice
    cells = _cells_by_filters(cols, matrix).reshape(p, q, -1, f)
    pooled, choice = max_pool_cells([[cells[i, j] for j in range(q)] for i in range(p)])
    out = np.empty((f, pooled.shape[0]), dtype=x.dtype)
    if bias is None:
        np.copyto(out, pooled.T)
    else:
        np.add(pooled.T, bias[:, None], out=out)
    return out.reshape(f, pooled_h, pooled_w, n), cols, choice


#: Output cells per piece of :func:`_cells_by_filters`' product.
_CELLS_PIECE = 2048


def _cells_by_filters(cols: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """``cols.T @ matrix.T`` (output cells x filters) for ``cols`` (K, M) and ``matrix``
    (F, K), in pieces of :data:`_CELLS_PIECE` cells.

    The same numbers as ``matrix @ cols``, transposed; measured on the default network's
    first convolution (16 filters 5x5 on one channel, 36,864 output cells a batch) the
    product ran in 0.45 ms against 0.75 ms, and the whole training step 8-10 % faster:
    OpenBLAS writes a long output of few columns faster than one of few rows, and each
    piece is still in the core's cache when the next is computed.
    """
    m = cols.shape[1]
    out = np.empty((m, matrix.shape[0]), dtype=cols.dtype)
    matrix_t = matrix.T
    for start in range(0, m, _CELLS_PIECE):
        np.matmul(cols[:, start:start + _CELLS_PIECE].T, matrix_t,
                  out=out[start:start + _CELLS_PIECE])
    return out


def conv2d_max_pool_backward_chwn(grad_out, weight, cols, choice, x_shape, stride, padding,
                                  dilation, pool, need_input_grad: bool = True):
    """Gradients of :func:`conv2d_max_pool_chwn` from ``grad_out`` (F, Ho // P, Wo // Q,
    N): ``(input gradient or None, weight gradient, bias gradient)``."""
    f = weight.shape[0]
    p, q = pool
    grad = grad_out.astype(cols.dtype, copy=False).reshape(f, -1)
    if cells_first(weight.shape):
        # The pool's choice is laid out as the forward product: cells x filters.
        grad_by_cell = np.ascontiguousarray(grad.T)
        grad_conv = np.empty((p, q) + grad_by_cell.shape, dtype=cols.dtype)
        max_pool_cells_backward(choice, grad_by_cell,
                                [[grad_conv[i, j] for j in range(q)] for i in range(p)])
        grad_2d = grad_conv.reshape(-1, f).T  # (F, cells), a view
    else:
        grad_conv = np.empty((f, p, q, grad.shape[1]), dtype=cols.dtype)
        max_pool_cells_backward(choice, grad,
                                [[grad_conv[:, i, j] for j in range(q)] for i in range(p)])
        grad_2d = grad_conv.reshape(f, -1)
    grad_weight = matmul_abt(cols, grad_2d).T.reshape(weight.shape)
    grad_bias = grad.sum(axis=1)
    if not need_input_grad:
        return None, grad_weight, grad_bias
    return (conv2d_input_grad_chwn(grad_2d, weight, x_shape, stride, padding, dilation,
                                   pool), grad_weight, grad_bias)


# --- public NCHW functions -------------------------------------------------------------

def im2col(x: np.ndarray, kh: int, kw: int, stride: IntPair = 1, padding: IntPair = 0,
           dilation: IntPair = 1):
    """Unfold ``x`` (N, C, H, W) into one row per output cell: ``(N*Ho*Wo, C*KH*KW)``.

    Row ``(n, r, c)`` holds the window of image ``n`` under output cell ``(r, c)``, read
    channel by channel, then kernel row, then kernel column (the order of a weight's
    ``(C, KH, KW)``), so a convolution is ``im2col(x) @ weight.reshape(F, -1).T``. Cells of
    the window that lie on the zero padding read 0. Returns ``(rows, (Ho, Wo))``.
    """
    n, c, h, w = x.shape
    sh, sw = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_h, out_w = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    cols = np.empty((n, out_h, out_w, c, kh, kw), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            rows, columns = _window_slices(i * dh, j * dw, out_h, out_w, sh, sw)
            cols[..., i, j] = xp[:, :, rows, columns].transpose(0, 2, 3, 1)
    return cols.reshape(n * out_h * out_w, c * kh * kw), (out_h, out_w)


def col2im(dcols: np.ndarray, x_shape, kh: int, kw: int, stride: IntPair = 1,
           padding: IntPair = 0, dilation: IntPair = 1) -> np.ndarray:
    """Adjoint of :func:`im2col`: add each row's values back onto the input cells they
    were read from, giving an array of ``x_shape`` (N, C, H, W)."""
    n, c, h, w = x_shape
    sh, sw = pair(stride, "stride")
    ph, pw = pair(padding, "padding")
    dh, dw = pair(dilation, "dilation")
    out_h, out_w = conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    dcols = dcols.reshape(n, out_h, out_w, c, kh, kw)
    dxp = np.zeros((n, c, h + 2 * ph, w + 2 * pw), dtype=dcols.dtype)
    for i in range(kh):
        for j in range(kw):
            rows, columns = _window_slices(i * dh, j * dw, out_h, out_w, sh, sw)
            dxp[:, :, rows, columns] += dcols[..., i, j].transpose(0, 3, 1, 2)
    return dxp[:, :, ph:ph + h, pw:pw + w]


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
    out, _ = conv2d_chwn(x.transpose(1, 2, 3, 0), weight, bias, stride, padding, dilation)
    return np.ascontiguousarray(out.transpose(3, 0, 1, 2))


def relu(x) -> np.ndarray:
    """``max(x, 0)`` element-wise."""
    x = _float_array(x)
    return np.maximum(x, 0, dtype=x.dtype)


def max_pool2d(x, size: IntPair, stride: IntPair | None = None) -> np.ndarray:
    """Max pooling of ``x`` (N, C, H, W); stride defaults to ``size``; floor mode."""
    x = _float_array(x)
    _require_ndim(x, 4, "x", "(N, C, H, W)")
    return max_pool(x, size, stride, axis=2)


def avg_pool2d(x, size: IntPair, stride: IntPair | None = None) -> np.ndarray:
    """Average pooling of ``x`` (N, C, H, W); stride defaults to ``size``; floor mode."""
    x = _float_array(x)
    _require_ndim(x, 4, "x", "(N, C, H, W)")
    return avg_pool(x, size, stride, axis=2)


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
