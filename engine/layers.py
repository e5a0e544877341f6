"""Layers with a forward pass that caches what its backward pass needs.

Each layer's public ``forward(x)`` / ``backward(grad_out)`` take and return NCHW arrays
``(N, C, H, W)`` (``(N, D)`` for Dense). Trainable layers keep ``params`` and, after a
backward pass, ``grads``: dicts with the keys ``"weight"`` and ``"bias"`` and matching
shapes.

:class:`engine.model.Sequential` instead calls ``_forward`` / ``_backward``, which take
4-D activations in ``(C, H, W, N)`` order (batch axis innermost): there a convolution
is k*k block copies into columns and one matrix product, pooling moves whole runs of N
values, and no transposes happen between layers.
"""

from __future__ import annotations

import numpy as np

from engine import ops


def nchw_to_chwn(x: np.ndarray) -> np.ndarray:
    """``(N, C, H, W) -> (C, H, W, N)`` as a view."""
    return x.transpose(1, 2, 3, 0)


def chwn_to_nchw(x: np.ndarray) -> np.ndarray:
    """``(C, H, W, N) -> (N, C, H, W)``, C-contiguous (a copy unless N is 1)."""
    return np.ascontiguousarray(x.transpose(3, 0, 1, 2))


class Layer:
    """Base class. ``forward``/``backward`` wrap ``_forward``/``_backward``, turning 4-D
    NCHW arrays into the internal (C, H, W, N) order and back."""

    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]

    def __init__(self) -> None:
        self.params = {}
        self.grads = {}

    def config(self) -> dict:
        """Constructor arguments that rebuild this layer (saved with a model as JSON)."""
        return {}

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = ops._float_array(x)
        if x.ndim != 4:
            return self._forward(x)
        return chwn_to_nchw(self._forward(nchw_to_chwn(x)))

    def backward(self, grad_out: np.ndarray) -> np.ndarray:
        grad_out = np.asarray(grad_out)
        if grad_out.ndim != 4:
            return self._backward(grad_out, need_input_grad=True)
        return chwn_to_nchw(self._backward(nchw_to_chwn(grad_out), need_input_grad=True))

    def _forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _backward(self, grad_out: np.ndarray, need_input_grad: bool = True):
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"


def _he_normal(rng, shape, fan_in, dtype):
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(dtype)


class Conv2D(Layer):
    """Convolution (cross-correlation) with ``out_channels`` filters of ``kernel_size``.

    ``params["weight"]`` is ``(F, C, KH, KW)``, ``params["bias"]`` is ``(F,)``;
    ``forward`` maps ``(N, C, H, W)`` to ``(N, F, Ho, Wo)``.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: ops.IntPair,
                 stride: ops.IntPair = 1, padding: ops.IntPair = 0, rng=None,
                 dtype=np.float32) -> None:
        super().__init__()
        self.in_channels = int(in_channels)
        self.out_channels = int(out_channels)
        self.kernel_size = ops.pair(kernel_size, "kernel_size")
        self.stride = ops.pair(stride, "stride")
        self.padding = ops.pair(padding, "padding")
        if min(self.in_channels, self.out_channels, *self.kernel_size, *self.stride) < 1:
            raise ValueError("channels, kernel size and stride must all be at least 1")
        if min(self.padding) < 0:
            raise ValueError(f"padding must not be negative, got {self.padding}")
        rng = np.random.default_rng(rng)
        kh, kw = self.kernel_size
        shape = (self.out_channels, self.in_channels, kh, kw)
        self.params = {
            "weight": _he_normal(rng, shape, self.in_channels * kh * kw, dtype),
            "bias": np.zeros(self.out_channels, dtype=dtype),
        }
        self._cols = None
        self._x_shape = None

    def config(self) -> dict:
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                "kernel_size": list(self.kernel_size), "stride": list(self.stride),
                "padding": list(self.padding)}

    def output_shape(self, in_shape):
        """``(C, H, W) -> (F, Ho, Wo)``; raises ValueError when nothing fits."""
        out_h, out_w = ops.conv_geometry(in_shape[1:], self.kernel_size, self.stride,
                                         self.padding)
        return (self.out_channels, out_h, out_w)

    def forward(self, x):
        x = ops._float_array(x)
        ops._require_ndim(x, 4, "x", "(N, C, H, W)")
        return super().forward(x)

    def _forward(self, x):
        out, self._cols = ops.conv2d_chwn(x, self.params["weight"], self.params["bias"],
                                          self.stride, self.padding)
        self._x_shape = x.shape
        return out

    def _backward(self, grad_out, need_input_grad=True):
        if self._cols is None:
            raise RuntimeError("backward called before forward")
        weight = self.params["weight"]
        filters = weight.shape[0]
        grad_2d = grad_out.reshape(filters, -1)
        self.grads = {
            "weight": ops.matmul_abt(self._cols, grad_2d).T.reshape(weight.shape).astype(
                weight.dtype, copy=False),
            # einsum's row sums run about 3x faster here than grad_2d.sum(axis=1).
            "bias": np.einsum("fm->f", grad_2d).astype(weight.dtype, copy=False),
        }
        if not need_input_grad:
            return None
        grad_cols = weight.reshape(filters, -1).T @ grad_2d
        kh, kw = self.kernel_size
        return ops.col2im_chwn(grad_cols, self._x_shape, kh, kw, self.stride, self.padding)


class ReLU(Layer):
    """``max(x, 0)``; the gradient passes where the output is positive."""

    def __init__(self) -> None:
        super().__init__()
        self._positive = None

    def output_shape(self, in_shape):
        return tuple(in_shape)

    def _forward(self, x):
        out = np.maximum(x, 0, dtype=x.dtype)
        self._positive = out > 0
        return out

    def _backward(self, grad_out, need_input_grad=True):
        return grad_out * self._positive


class _Pool2D(Layer):
    def __init__(self, size: ops.IntPair, stride: ops.IntPair | None = None) -> None:
        super().__init__()
        self.size = ops.pair(size, "pool size")
        self.stride = self.size if stride is None else ops.pair(stride, "pool stride")
        if min(*self.size, *self.stride) < 1:
            raise ValueError("pool size and stride must be at least 1")
        self._x_shape = None
        self._choice = None  # max pool: which cell of each window held its maximum

    def config(self) -> dict:
        return {"size": list(self.size), "stride": list(self.stride)}

    def output_shape(self, in_shape):
        _, _, (out_h, out_w) = ops.pool_geometry(in_shape[1:], self.size, self.stride)
        return (in_shape[0], out_h, out_w)

    def forward(self, x):
        x = ops._float_array(x)
        ops._require_ndim(x, 4, "x", "(N, C, H, W)")
        return super().forward(x)


class MaxPool2D(_Pool2D):
    """Largest value of each ``size`` window; windows past the edge are dropped."""

    def _forward(self, x):
        self._x_shape = x.shape
        out, self._choice = ops.max_pool_argmax(x, self.size, self.stride, axis=1)
        return out

    def _backward(self, grad_out, need_input_grad=True):
        return ops.max_pool_backward(self._choice, grad_out, self._x_shape, self.size,
                                     self.stride, axis=1)


class AvgPool2D(_Pool2D):
    """Mean of each ``size`` window; windows past the edge are dropped."""

    def _forward(self, x):
        self._x_shape = x.shape
        return ops.avg_pool(x, self.size, self.stride, axis=1)

    def _backward(self, grad_out, need_input_grad=True):
        return ops.avg_pool_backward(self._x_shape, grad_out, self.size, self.stride, axis=1)


class Flatten(Layer):
    """``(N, C, H, W) -> (N, C*H*W)`` in C order (channel, row, column)."""

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

    def _forward(self, x):
        # x is (C, H, W, N): viewed as (C*H*W, N) and transposed, it already is the
        # (N, C*H*W) matrix, in column-major order; matrix products take it without a copy.
        c, h, w, n = x.shape
        self._in_shape = (c, h, w, n)
        return x.reshape(c * h * w, n).T

    def _backward(self, grad_out, need_input_grad=True):
        # The transpose back is free when grad_out is column-major (Dense returns it so).
        return grad_out.T.reshape(self._in_shape)


class Dense(Layer):
    """Fully connected layer ``y = x @ W + b`` with W ``(in, out)``, b ``(out,)``."""

    def __init__(self, in_features: int, out_features: int, rng=None,
                 dtype=np.float32) -> None:
        super().__init__()
        self.in_features = int(in_features)
        self.out_features = int(out_features)
        if min(self.in_features, self.out_features) < 1:
            raise ValueError("in_features and out_features must be at least 1")
        rng = np.random.default_rng(rng)
        self.params = {
            "weight": _he_normal(rng, (self.in_features, self.out_features),
                                 self.in_features, dtype),
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
        return self._forward(x)

    def _forward(self, x):
        self._x = x
        out = x @ self.params["weight"].astype(x.dtype, copy=False)
        out += self.params["bias"]
        return out

    def _backward(self, grad_out, need_input_grad=True):
        weight = self.params["weight"]
        self.grads = {
            "weight": (self._x.T @ grad_out).astype(weight.dtype, copy=False),
            "bias": grad_out.sum(axis=0).astype(weight.dtype, copy=False),
        }
        if not need_input_grad:
            return None
        if self._x.flags.f_contiguous and not self._x.flags.c_contiguous:
            # Column-major in, column-major out: Flatten turns it back into (C, H, W, N)
            # without a copy.
            return (weight @ grad_out.T).T
        return grad_out @ weight.T


LAYER_TYPES = {cls.__name__: cls for cls in (Conv2D, ReLU, MaxPool2D, AvgPool2D, Flatten, Dense)}
