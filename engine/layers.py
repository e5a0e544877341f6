"""Layers of a convolutional network, written to be read: NCHW in, NCHW out.

Each layer's ``forward(x)`` takes an NCHW batch ``(N, C, H, W)`` (``(N, D)`` for Dense),
keeps what its backward pass needs and returns the output; ``backward(grad_out)`` takes the
gradient of the loss with respect to that output, fills ``grads`` and returns the gradient
with respect to the input. Trainable layers keep ``params`` and ``grads``: dicts with the
keys ``"weight"`` and ``"bias"`` and matching shapes.

The fast path
-------------
Training and the model's predictions run a second implementation of the same maths,
``forward_chwn(x)`` / ``backward_chwn(grad_out, need_input_grad)``, on 4-D activations in
``(C, H, W, N)`` order (batch axis innermost), driven by :class:`engine.model.Sequential`.
With the batch innermost, every kernel offset's slice of a whole batch is a few long
contiguous runs: a convolution is k*k block copies into columns and one matrix product,
pooling moves whole runs of N values, and no transposes happen between layers. Measured on
the default model, this path trains 2-3x faster than the NCHW one. A stride-1 convolution
of 16 or more channels computes there with Winograd tiles instead of columns (fewer
multiplications, see :func:`engine.winograd.conv2d_winograd_chwn`), and
:meth:`Conv2D.forward_max_pool_chwn` runs a convolution and the max pool it feeds as one
step (see :meth:`engine.model.Sequential.fast_path_steps`).
``tests/engine/test_layers_gradcheck.py``, ``test_winograd.py`` and
``test_fused_conv_pool.py`` check that the paths give the same outputs and the same
gradients. Layers whose maths does not depend on the axis order (ReLU, Dense) use one
implementation for both. A backward pass must follow a forward pass of the same path.
"""

from __future__ import annotations

import numpy as np

from engine import ops, winograd


def nchw_to_chwn(x: np.ndarray) -> np.ndarray:
    """``(N, C, H, W) -> (C, H, W, N)`` as a view."""
    return x.transpose(1, 2, 3, 0)


def chwn_to_nchw(x: np.ndarray) -> np.ndarray:
    """``(C, H, W, N) -> (N, C, H, W)``, C-contiguous (a copy unless N is 1)."""
    return np.ascontiguousarray(x.transpose(3, 0, 1, 2))


class Layer:
    """Base class: ``forward``/``backward`` on NCHW arrays; the fast path
    ``forward_chwn``/``backward_chwn`` on (C, H, W, N) arrays defaults to them for layers
    whose maths is the same in either order."""

    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]

    def __init__(self) -> None:
        self.params = {}
        self.grads = {}

    def config(self) -> dict:
        """Constructor arguments that rebuild this layer (saved with a model as JSON)."""
        return {}

    def output_shape(self, in_shape):
        """The shape of one sample's output for one sample's input shape."""
        return tuple(in_shape)

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def forward_chwn(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)

    def backward_chwn(self, grad_out: np.ndarray, need_input_grad: bool = True):
        """Fills ``grads``; returns the input gradient, or None when not needed."""
        return self.backward(grad_out)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"


def _he_normal(rng, shape, fan_in, dtype, initialize: bool):
    """He-normal weights; zeros (untouched memory, no random numbers) when ``initialize``
    is False, for layers whose weights are about to be replaced (a loaded model)."""
    if not initialize:
        return np.zeros(shape, dtype=dtype)
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(dtype)


class Conv2D(Layer):
    """Convolution (cross-correlation) with ``out_channels`` filters of ``kernel_size``.

    ``params["weight"]`` is ``(F, C, KH, KW)``, ``params["bias"]`` is ``(F,)``;
    ``forward`` maps ``(N, C, H, W)`` to ``(N, F, Ho, Wo)``. ``dilation`` spaces the kernel's
    cells: with dilation d, kernel cell ``(i, j)`` lies over input cell
    ``(r * stride + i * d, c * stride + j * d)`` of the padded input, so a k-cell kernel
    spans ``d * (k - 1) + 1`` cells. ``initialize=False`` skips the random initialisation
    (the weights start as zeros, to be replaced).
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: ops.IntPair,
                 stride: ops.IntPair = 1, padding: ops.IntPair = 0,
                 dilation: ops.IntPair = 1, rng=None, dtype=np.float32,
                 initialize: bool = True) -> None:
        super().__init__()
        self.in_channels = int(in_channels)
        self.out_channels = int(out_channels)
        self.kernel_size = ops.pair(kernel_size, "kernel_size")
        self.stride = ops.pair(stride, "stride")
        self.padding = ops.pair(padding, "padding")
        self.dilation = ops.pair(dilation, "dilation")
        if min(self.in_channels, self.out_channels, *self.kernel_size, *self.stride,
               *self.dilation) < 1:
            raise ValueError("channels, kernel size, stride and dilation must all be at "
                             "least 1")
        if min(self.padding) < 0:
            raise ValueError(f"padding must not be negative, got {self.padding}")
        kh, kw = self.kernel_size
        shape = (self.out_channels, self.in_channels, kh, kw)
        self.params = {
            "weight": _he_normal(np.random.default_rng(rng) if initialize else None, shape,
                                 self.in_channels * kh * kw, dtype, initialize),
            "bias": np.zeros(self.out_channels, dtype=dtype),
        }
        self._cols = None
        self._winograd = None
        self._pool = self._pool_choice = None  # set by forward_max_pool_chwn
        self._x_shape = None

    def config(self) -> dict:
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                "kernel_size": list(self.kernel_size), "stride": list(self.stride),
                "padding": list(self.padding), "dilation": list(self.dilation)}

    def output_shape(self, in_shape):
        """``(C, H, W) -> (F, Ho, Wo)``; raises ValueError when nothing fits."""
        out_h, out_w = ops.conv_geometry(in_shape[1:], self.kernel_size, self.stride,
                                         self.padding, self.dilation)
        return (self.out_channels, out_h, out_w)

    def forward(self, x):
        """``(N, C, H, W) -> (N, F, Ho, Wo)``: unfold the windows into rows, one matrix
        product with the filters, add the bias."""
        x = ops._float_array(x)
        ops._require_ndim(x, 4, "x", "(N, C, H, W)")
        weight = self.params["weight"]
        filters = weight.shape[0]
        kh, kw = self.kernel_size
        self._cols = None  # free the last batch's columns before unfolding this one
        cols, (out_h, out_w) = ops.im2col(x, kh, kw, self.stride, self.padding,
                                          self.dilation)
        out = cols @ weight.reshape(filters, -1).T.astype(x.dtype, copy=False)
        out += self.params["bias"].astype(x.dtype, copy=False)
        self._cols, self._x_shape = cols, x.shape
        return np.ascontiguousarray(out.reshape(x.shape[0], out_h, out_w, filters)
                                    .transpose(0, 3, 1, 2))

    def backward(self, grad_out):
        """``grad_out`` (N, F, Ho, Wo) -> input gradient (N, C, H, W); fills ``grads``."""
        if self._cols is None:
            raise RuntimeError("backward called before forward")
        weight = self.params["weight"]
        filters = weight.shape[0]
        grad_rows = np.asarray(grad_out).transpose(0, 2, 3, 1).reshape(-1, filters)
        self.grads = {
            "weight": (grad_rows.T @ self._cols).reshape(weight.shape).astype(
                weight.dtype, copy=False),
            "bias": grad_rows.sum(axis=0).astype(weight.dtype, copy=False),
        }
        grad_cols = grad_rows @ weight.reshape(filters, -1).astype(grad_rows.dtype,
                                                                   copy=False)
        kh, kw = self.kernel_size
        return ops.col2im(grad_cols, self._x_shape, kh, kw, self.stride, self.padding,
                          self.dilation)

    def forward_chwn(self, x):
        weight = self.params["weight"]
        self._x_shape, self._pool, self._pool_choice = x.shape, None, None
        if winograd.winograd_suits(weight.shape, self.stride, self.dilation):
            # Fewer multiplications than im2col's product (see winograd.conv2d_winograd_chwn).
            self._cols = None
            out, self._winograd = winograd.conv2d_winograd_chwn(x, weight, self.params["bias"],
                                                           self.padding)
            return out
        # The last batch's columns stay alive until these are made: measured, unfolding
        # into a fresh buffer runs 20-30% faster than freeing or overwriting the old one
        # (engine.costs.estimate_memory counts both).
        self._winograd = None
        out, self._cols = ops.conv2d_chwn(x, weight, self.params["bias"],
                                          self.stride, self.padding, self.dilation)
        return out

    def forward_max_pool_chwn(self, x, pool: MaxPool2D):
        """The fast path of this convolution and of ``pool`` (a :class:`MaxPool2D` whose
        windows do not overlap) right after it, as one step: the convolution lays its
        output out window by window for the pool (see engine.ops, "a convolution and the
        max pool after it, fused"). Returns the pooled maps, exactly
        ``pool.forward_chwn(self.forward_chwn(x))``; :meth:`backward_chwn` then takes
        their gradient and goes back through both."""
        if pool.stride != pool.size:
            raise ValueError("only a pool whose windows do not overlap can be fused")
        weight, bias = self.params["weight"], self.params["bias"]
        self._x_shape, self._pool = x.shape, pool.size
        if winograd.winograd_max_pool_suits(weight.shape, x.shape, self.stride, self.padding,
                                       self.dilation, pool.size):
            self._cols = None
            out, self._winograd, self._pool_choice = winograd.conv2d_winograd_max_pool_chwn(
                x, weight, bias, self.padding, pool.size)
            return out
        self._winograd = None
        out, self._cols, self._pool_choice = ops.conv2d_max_pool_chwn(
            x, weight, bias, self.stride, self.padding, self.dilation, pool.size)
        return out

    def backward_chwn(self, grad_out, need_input_grad=True):
        weight = self.params["weight"]
        if self._winograd is None and self._cols is None:
            raise RuntimeError("backward called before forward")
        if self._pool is not None and self._winograd is not None:
            grad_in, grad_weight, grad_bias = winograd.conv2d_winograd_max_pool_backward_chwn(
                grad_out, weight, self._winograd, self._pool_choice, self._pool,
                need_input_grad)
        elif self._pool is not None:
            grad_in, grad_weight, grad_bias = ops.conv2d_max_pool_backward_chwn(
                grad_out, weight, self._cols, self._pool_choice, self._x_shape,
                self.stride, self.padding, self.dilation, self._pool, need_input_grad)
        elif self._winograd is not None:
            grad_in, grad_weight, grad_bias = winograd.conv2d_winograd_backward_chwn(
                grad_out, weight, self._winograd, need_input_grad)
        else:
            grad_2d = grad_out.reshape(weight.shape[0], -1)
            # The columns end with conv2d_chwn's row of ones, so the product's last
            # column is the bias gradient (the sum of grad_out over every output cell).
            products = ops.matmul_abt(self._cols, grad_2d)
            grad_weight, grad_bias = products[:-1].T.reshape(weight.shape), products[-1]
            grad_in = ops.conv2d_input_grad_chwn(
                grad_2d, weight, self._x_shape, self.stride, self.padding,
                self.dilation) if need_input_grad else None
        self.grads = {"weight": grad_weight.astype(weight.dtype, copy=False),
                      "bias": grad_bias.astype(weight.dtype, copy=True)}
        return grad_in


class ReLU(Layer):
    """``max(x, 0)``; the gradient passes where the output is positive. Element-wise, so
    one implementation serves both axis orders."""

    def __init__(self) -> None:
        super().__init__()
        self._positive = None

    def forward(self, x):
        x = ops._float_array(x)
        out = np.maximum(x, 0, dtype=x.dtype)
        self._positive = out > 0
        return out

    def backward(self, grad_out):
        return grad_out * self._positive


class _Pool2D(Layer):
    """Pooling over the two spatial axes; ``forward`` runs on NCHW (rows are axis 2),
    ``forward_chwn`` on (C, H, W, N) (rows are axis 1), with the same kernels."""

    def __init__(self, size: ops.IntPair, stride: ops.IntPair | None = None) -> None:
        super().__init__()
        self.size = ops.pair(size, "pool size")
        self.stride = self.size if stride is None else ops.pair(stride, "pool stride")
        if min(*self.size, *self.stride) < 1:
            raise ValueError("pool size and stride must be at least 1")
        self._x_shape = None
        self._axis = 2

    def config(self) -> dict:
        return {"size": list(self.size), "stride": list(self.stride)}

    def output_shape(self, in_shape):
        _, _, (out_h, out_w) = ops.pool_geometry(in_shape[1:], self.size, self.stride)
        return (in_shape[0], out_h, out_w)

    def forward(self, x):
        x = ops._float_array(x)
        ops._require_ndim(x, 4, "x", "(N, C, H, W)")
        return self._pool(x, axis=2)

    def backward(self, grad_out):
        return self._unpool(np.asarray(grad_out))

    def forward_chwn(self, x):
        return self._pool(x, axis=1)

    def backward_chwn(self, grad_out, need_input_grad=True):
        return self._unpool(grad_out)

    def _pool(self, x, axis):
        raise NotImplementedError

    def _unpool(self, grad_out):
        raise NotImplementedError


class MaxPool2D(_Pool2D):
    """Largest value of each ``size`` window; windows past the edge are dropped. On a tie
    the first maximum in scan order (row by row) holds the window and gets its gradient."""

    def __init__(self, size: ops.IntPair, stride: ops.IntPair | None = None) -> None:
        super().__init__(size, stride)
        self._choice = None  # which cell of each window held its maximum

    def _pool(self, x, axis):
        self._x_shape, self._axis = x.shape, axis
        out, self._choice = ops.max_pool_argmax(x, self.size, self.stride, axis=axis)
        return out

    def _unpool(self, grad_out):
        return ops.max_pool_backward(self._choice, grad_out, self._x_shape, self.size,
                                     self.stride, axis=self._axis)


class AvgPool2D(_Pool2D):
    """Mean of each ``size`` window; windows past the edge are dropped."""

    def _pool(self, x, axis):
        self._x_shape, self._axis = x.shape, axis
        return ops.avg_pool(x, self.size, self.stride, axis=axis)

    def _unpool(self, grad_out):
        return ops.avg_pool_backward(self._x_shape, grad_out, self.size, self.stride,
                                     axis=self._axis)


class Flatten(Layer):
    """``(N, C, H, W) -> (N, C*H*W)`` in C order: feature ``(c * H + h) * W + w``."""

    def __init__(self) -> None:
        super().__init__()
        self._in_shape = None

    def output_shape(self, in_shape):
        return (int(np.prod(in_shape)),)

    def forward(self, x):
        x = np.asarray(x)
        self._in_shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad_out):
        return np.asarray(grad_out).reshape(self._in_shape)

    def forward_chwn(self, x):
        # (C, H, W, N) read as (C*H*W, N) puts feature (c, h, w) in the same row as NCHW's
        # flatten; transposed (a view) it is the (N, C*H*W) matrix Dense multiplies.
        c, h, w, n = x.shape
        self._in_shape = x.shape
        return x.reshape(c * h * w, n).T

    def backward_chwn(self, grad_out, need_input_grad=True):
        return grad_out.T.reshape(self._in_shape)


class Dense(Layer):
    """Fully connected layer ``y = x @ W + b`` with W ``(in, out)``, b ``(out,)``, on
    ``(N, in)`` batches. ``initialize=False`` skips the random initialisation."""

    def __init__(self, in_features: int, out_features: int, rng=None,
                 dtype=np.float32, initialize: bool = True) -> None:
        super().__init__()
        self.in_features = int(in_features)
        self.out_features = int(out_features)
        if min(self.in_features, self.out_features) < 1:
            raise ValueError("in_features and out_features must be at least 1")
        self.params = {
            "weight": _he_normal(np.random.default_rng(rng) if initialize else None,
                                 (self.in_features, self.out_features), self.in_features,
                                 dtype, initialize),
            "bias": np.zeros(self.out_features, dtype=dtype),
        }
        self._x = None

    def config(self) -> dict:
        return {"in_features": self.in_features, "out_features": self.out_features}

    def output_shape(self, in_shape):
        if tuple(in_shape) != (self.in_features,):
            raise ValueError(f"Dense expects {self.in_features} inputs, got shape {in_shape}")
        return (self.out_features,)

    def forward(self, x):
        x = ops._float_array(x)
        ops._require_ndim(x, 2, "x", "(N, D)")
        self._x = x
        out = x @ self.params["weight"].astype(x.dtype, copy=False)
        out += self.params["bias"]
        return out

    def backward(self, grad_out):
        return self.backward_chwn(grad_out, need_input_grad=True)

    def backward_chwn(self, grad_out, need_input_grad=True):
        weight = self.params["weight"]
        self.grads = {
            "weight": (self._x.T @ grad_out).astype(weight.dtype, copy=False),
            "bias": grad_out.sum(axis=0).astype(weight.dtype, copy=False),
        }
        if not need_input_grad:
            return None
        if self._x.flags.f_contiguous and not self._x.flags.c_contiguous:
            # The input gradient gets the input's memory layout: column-major when the
            # fast path's Flatten handed over a transposed view, so Flatten's backward
            # reshapes it back to (C, H, W, N) without a copy and the layers below read
            # contiguous runs (measured 2-3% of the default model's training step).
            return (weight @ grad_out.T).T
        return grad_out @ weight.T


LAYER_TYPES = {cls.__name__: cls for cls in (Conv2D, ReLU, MaxPool2D, AvgPool2D, Flatten, Dense)}
