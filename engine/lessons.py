"""The numbers the later lessons show, computed by the engine itself.

Pure NumPy, float64 throughout (a lesson shows few numbers and they should be exact):

* **Why ReLU** (:func:`stacked_filters`, :func:`line_stack`, :func:`straightness`): two
  filters applied one after the other with nothing between them are one filter, whose
  kernel is the full convolution of the two and whose bias is ``b1 * sum(k2) + b2``; a
  ReLU between them breaks that. In one dimension, ``z = w'(wx + b) + b'`` is the
  straight line ``(w'w)x + (w'b + b')``.
* **Pooling** (:func:`shift_effect`, :func:`pooling_savings`): how much a feature map
  and its pooled map change when the input moves by a pixel or two, and how many values
  pooling takes away from the layers after it.
* **Softmax and cross-entropy** (:func:`loss_gradients`, :func:`gradient_sweep`): the
  gradient at the scores of cross-entropy (``p - y``) and of squared error on the
  softmax outputs, as the prediction goes from right to confidently wrong.
* **Full connection** (:func:`dense_weight_maps`, :func:`dense_connections`): a trained
  model's dense weights reshaped to the maps they read, and its weight and bias counts.
* **Back-propagation** (:func:`backprop_step`): one example through a small network
  (convolution, ReLU, max pooling, flatten, dense), every gradient from the layers' own
  backward passes, then one gradient-descent step and the loss after it.

Maps are ``(H, W)`` (one channel) unless said otherwise; images NCHW as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import architecture, ops
from engine.layers import Conv2D, Dense, Flatten, MaxPool2D, ReLU
from engine.losses import softmax_cross_entropy
from engine.model import Sequential


class LessonError(ValueError):
    """Numbers a lesson cannot compute. ``code`` names why, ``values`` holds the numbers:
    ``"not_2d"`` (a map that is not (H, W)), ``"too_small"`` (the kernels do not fit:
    ``size``, ``span``), ``"no_dense"`` (a model without a dense layer),
    ``"not_small_network"`` (not conv -> ReLU -> max pool -> flatten -> dense)."""

    def __init__(self, code: str, message: str, **values) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


def _map(values, name: str = "map") -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 2:
        raise LessonError("not_2d", f"{name} must be (H, W), got shape {array.shape}",
                          shape=array.shape)
    return array


def _correlate(image: np.ndarray, kernel: np.ndarray, bias: float = 0.0) -> np.ndarray:
    """The engine's convolution (cross-correlation, valid, stride 1) of one (H, W) map."""
    return ops.conv2d(image[None, None], kernel[None, None], np.array([bias]))[0, 0]


# --- lesson 5: why ReLU --------------------------------------------------------------------

@dataclass(frozen=True)
class StackedFilters:
    """Two filters applied one after the other, with and without a ReLU between them.

    ``first`` is the first filter's map (before any activation); ``two_filters`` the
    second filter applied to it directly, ``combined`` the one combined filter applied to
    the image (the same size), ``largest_difference`` = ``max |two_filters - combined|``;
    ``with_relu`` is the second filter applied to ``relu(first)`` and
    ``relu_difference`` = ``max |with_relu - combined|``. ``combined_kernel`` is
    ``(k1 + k2 - 1)`` square, ``combined_bias`` a number.
    """

    first: np.ndarray
    two_filters: np.ndarray
    combined_kernel: np.ndarray
    combined_bias: float
    combined: np.ndarray
    largest_difference: float
    with_relu: np.ndarray
    relu_difference: float


def combined_filter(kernel1, bias1: float, kernel2, bias2: float) -> tuple[np.ndarray, float]:
    """The one filter equal to ``kernel1`` then ``kernel2`` (both cross-correlations,
    valid, stride 1, nothing between them).

    ``(x * k1 + b1) * k2 + b2`` sums ``k2[v] k1[u] x[i + u + v]`` over u and v, so the
    combined kernel's cell t holds the sum of ``k1[u] k2[v]`` over ``u + v = t``: the full
    convolution of the two kernels, of size ``k1 + k2 - 1``. The first bias reaches the
    output once through every cell of ``k2``: ``b1 * sum(k2) + b2``.
    """
    k1, k2 = _map(kernel1, "kernel1"), _map(kernel2, "kernel2")
    (h1, w1), (h2, w2) = k1.shape, k2.shape
    combined = np.zeros((h1 + h2 - 1, w1 + w2 - 1))
    for i in range(h2):
        for j in range(w2):
            combined[i:i + h1, j:j + w1] += k2[i, j] * k1
    return combined, float(bias1) * float(k2.sum()) + float(bias2)


def stacked_filters(image, kernel1, bias1: float, kernel2, bias2: float) -> StackedFilters:
    """:class:`StackedFilters` for an (H, W) ``image``; raises :class:`LessonError`
    ``"too_small"`` when the combined kernel does not fit in the image."""
    image = _map(image, "image")
    k1, k2 = _map(kernel1, "kernel1"), _map(kernel2, "kernel2")
    kernel, bias = combined_filter(k1, bias1, k2, bias2)
    if min(image.shape[0] - kernel.shape[0], image.shape[1] - kernel.shape[1]) < 0:
        raise LessonError("too_small", f"the image of {image.shape} is smaller than the "
                          f"combined kernel of {kernel.shape}", size=min(image.shape),
                          span=max(kernel.shape))
    first = _correlate(image, k1, bias1)
    two = _correlate(first, k2, bias2)
    combined = _correlate(image, kernel, bias)
    with_relu = _correlate(ops.relu(first), k2, bias2)
    return StackedFilters(first, two, kernel, bias, combined,
                          float(np.abs(two - combined).max()), with_relu,
                          float(np.abs(with_relu - combined).max()))


@dataclass(frozen=True)
class LineStack:
    """``z = sum_j w2[j] * a(w1[j] x + b1[j]) + b2`` over ``x``, with ``a`` the identity
    or ReLU. ``slope`` and ``intercept`` are the one straight line the stack is without an
    activation: ``sum(w2 w1)`` and ``sum(w2 b1) + b2``; ``hidden`` is (units, points)."""

    x: np.ndarray
    hidden: np.ndarray
    z: np.ndarray
    slope: float
    intercept: float
    relu: bool


def line_stack(x, w1, b1, w2, b2: float, relu: bool) -> LineStack:
    """Input ``x`` (points,) through hidden units ``w1 x + b1`` (``w1``, ``b1``, ``w2``
    of shape (units,)), an optional ReLU, and the output ``w2 . hidden + b2``."""
    x = np.asarray(x, dtype=np.float64)
    w1, b1, w2 = (np.atleast_1d(np.asarray(v, dtype=np.float64)) for v in (w1, b1, w2))
    hidden = w1[:, None] * x[None, :] + b1[:, None]
    if relu:
        hidden = ops.relu(hidden)
    z = w2 @ hidden + float(b2)
    return LineStack(x, hidden, z, float(w2 @ w1), float(w2 @ b1 + b2), bool(relu))


def straightness(x, z) -> float:
    """The largest distance (along z) of the points from their least-squares straight
    line: 0 (to float tolerance) exactly when the points lie on one line."""
    x, z = np.asarray(x, dtype=np.float64), np.asarray(z, dtype=np.float64)
    design = np.stack([x, np.ones_like(x)], axis=1)
    coefficients, *_ = np.linalg.lstsq(design, z, rcond=None)
    return float(np.abs(design @ coefficients - z).max())


def is_straight(x, z) -> bool:
    """Whether the points lie on one straight line, to a tolerance relative to their
    spread (so that rounding in large values does not count as a bend)."""
    scale = max(1.0, float(np.abs(np.asarray(z)).max()))
    return straightness(x, z) <= 1e-9 * scale


# --- lesson 6: pooling ---------------------------------------------------------------------

def shift_map(image, rows: int, cols: int) -> np.ndarray:
    """``image`` (H, W) moved down by ``rows`` and right by ``cols`` (negative: up, left),
    the same size; the cells uncovered repeat the edge, which on a flat background is the
    background."""
    image = _map(image, "image")
    h, w = image.shape
    rows, cols = int(np.clip(rows, -h + 1, h - 1)), int(np.clip(cols, -w + 1, w - 1))
    kept = image[max(0, -rows):h - max(0, rows), max(0, -cols):w - max(0, cols)]
    return np.pad(kept, ((max(0, rows), max(0, -rows)), (max(0, cols), max(0, -cols))),
                  mode="edge")


@dataclass(frozen=True)
class MapChange:
    """How much a map changed between two versions of equal size.

    ``changed_fraction`` is the fraction of cells whose value moved by more than
    ``1e-6`` of the map's largest absolute value; ``relative_change`` is
    ``mean |after - before| / mean |before|`` (0 = unchanged, 1 = as large as the map
    itself), comparable between a feature map and its smaller pooled map.
    """

    cells: int
    changed_cells: int
    changed_fraction: float
    relative_change: float


def map_change(before, after) -> MapChange:
    before, after = np.asarray(before, np.float64), np.asarray(after, np.float64)
    if before.shape != after.shape:
        raise ValueError(f"maps of equal size are compared, got {before.shape} and "
                         f"{after.shape}")
    scale = float(np.abs(before).max()) or 1.0
    difference = np.abs(after - before)
    changed = int((difference > 1e-6 * scale).sum())
    size = float(np.abs(before).mean())
    relative = float(difference.mean() / size) if size > 0 else float(difference.mean() > 0)
    return MapChange(before.size, changed, changed / before.size, relative)


@dataclass(frozen=True)
class ShiftEffect:
    """A feature map and its pooled map, before and after the input moved.

    ``feature`` / ``pooled`` are :class:`MapChange`; ``ratio`` is how many times less
    the pooled map changed than the feature map (``feature.relative_change /
    pooled.relative_change``; ``inf`` when the pooled map did not change at all, 1 when
    neither did).
    """

    shift: tuple[int, int]
    pool: str
    feature_before: np.ndarray
    feature_after: np.ndarray
    pooled_before: np.ndarray
    pooled_after: np.ndarray
    feature: MapChange
    pooled: MapChange

    @property
    def ratio(self) -> float:
        if self.pooled.relative_change == 0:
            return 1.0 if self.feature.relative_change == 0 else float("inf")
        return self.feature.relative_change / self.pooled.relative_change


def pool_map(feature_map, pool: str, size) -> np.ndarray:
    """Max (``"max"``) or average (``"avg"``) pooling of an (H, W) map, stride = size."""
    feature_map = _map(feature_map, "feature map")
    if pool == "max":
        return ops.max_pool(feature_map[None], size)[0]
    if pool == "avg":
        return ops.avg_pool(feature_map[None], size)[0]
    raise ValueError(f"pool must be 'max' or 'avg', got {pool!r}")


def shift_effect(image, kernel, bias: float, shift: tuple[int, int], pool: str = "max",
                 size=2, relu: bool = True) -> ShiftEffect:
    """Convolve ``image`` (H, W) with ``kernel`` (+ ReLU), pool it, then do the same with
    the image moved by ``shift`` (rows, cols) (:func:`shift_map`) and measure both
    changes (:func:`map_change`)."""
    image, kernel = _map(image, "image"), _map(kernel, "kernel")
    moved = shift_map(image, *shift)

    def features(x):
        out = _correlate(x, kernel, bias)
        return ops.relu(out) if relu else out

    before, after = features(image), features(moved)
    pooled_before, pooled_after = pool_map(before, pool, size), pool_map(after, pool, size)
    return ShiftEffect(tuple(int(v) for v in shift), pool, before, after, pooled_before,
                       pooled_after, map_change(before, after),
                       map_change(pooled_before, pooled_after))


@dataclass(frozen=True)
class PoolingSavings:
    """Values the layers after pooling receive, without and with the pool, and the
    weights a dense layer of ``units`` outputs would need to read them."""

    before: int
    after: int
    units: int

    @property
    def removed(self) -> int:
        return self.before - self.after

    @property
    def removed_fraction(self) -> float:
        return self.removed / self.before

    @property
    def weights_before(self) -> int:
        return self.before * self.units

    @property
    def weights_after(self) -> int:
        return self.after * self.units


def pooling_savings(maps_shape, size, stride=None, units: int = 10) -> PoolingSavings:
    """For feature maps of ``maps_shape`` (F, H, W) and a pool of ``size`` (and
    ``stride``, default ``size``), counted by :func:`engine.architecture.summarize`."""
    pool_spec = {"type": "MaxPool2D", "size": list(ops.pair(size)),
                 "stride": list(ops.pair(size if stride is None else stride))}
    shape = tuple(int(v) for v in maps_shape)
    pooled = architecture.summarize([pool_spec], shape)[-1].output_shape
    return PoolingSavings(int(np.prod(shape)), int(np.prod(pooled)), int(units))


# --- lesson 9: softmax and cross-entropy ---------------------------------------------------

def _onehot(classes: int, true_class: int) -> np.ndarray:
    y = np.zeros(classes)
    y[int(true_class)] = 1.0
    return y


def softmax_of(scores) -> np.ndarray:
    """The engine's softmax of one row of scores (K,), in float64."""
    return ops.softmax(np.asarray(scores, dtype=np.float64)[None])[0]


def cross_entropy_loss(scores, true_class: int) -> float:
    """``-log p[true_class]`` with ``p = softmax(scores)``."""
    return ops.cross_entropy(np.asarray(scores, dtype=np.float64)[None], [int(true_class)])


def squared_error_loss(scores, true_class: int) -> float:
    """``1/2 * sum_k (p_k - y_k)^2`` with ``p = softmax(scores)`` and y one-hot."""
    p = softmax_of(scores)
    return float(0.5 * np.sum((p - _onehot(p.size, true_class)) ** 2))


def loss_gradients(scores, true_class: int) -> tuple[np.ndarray, np.ndarray]:
    """The gradients of both losses at the scores (K,): ``(cross_entropy, squared)``.

    Cross-entropy's is ``p - y`` (from :func:`engine.losses.softmax_cross_entropy`).
    Squared error's goes through the softmax's Jacobian ``dp_k/dz_j = p_k (d_kj - p_j)``:
    ``dE/dz_j = p_j ((p_j - y_j) - sum_k (p_k - y_k) p_k)``, small whenever p is near
    0 or 1, right or wrong.
    """
    scores = np.asarray(scores, dtype=np.float64)
    _, grad_ce = softmax_cross_entropy(scores[None], [int(true_class)])
    p = softmax_of(scores)
    error = p - _onehot(p.size, true_class)
    grad_se = p * (error - float(error @ p))
    return grad_ce[0], grad_se


@dataclass(frozen=True)
class GradientSweep:
    """The true class's score swept over ``true_scores`` (the other scores fixed):
    ``probability`` of the true class, both losses and both gradients at the true
    class's score, each (points,)."""

    true_scores: np.ndarray
    probability: np.ndarray
    cross_entropy: np.ndarray
    squared_error: np.ndarray
    cross_entropy_gradient: np.ndarray
    squared_error_gradient: np.ndarray


def gradient_sweep(scores, true_class: int, true_scores) -> GradientSweep:
    """From right (a high score for the true class) to confidently wrong (a low one)."""
    scores = np.asarray(scores, dtype=np.float64)
    rows = []
    for value in np.asarray(true_scores, dtype=np.float64):
        z = scores.copy()
        z[true_class] = value
        grad_ce, grad_se = loss_gradients(z, true_class)
        rows.append((softmax_of(z)[true_class], cross_entropy_loss(z, true_class),
                     squared_error_loss(z, true_class), grad_ce[true_class],
                     grad_se[true_class]))
    columns = np.array(rows, dtype=np.float64).reshape(-1, 5).T
    return GradientSweep(np.asarray(true_scores, dtype=np.float64), *columns)


# --- lesson 8: full connection -------------------------------------------------------------

@dataclass(frozen=True)
class DenseWeightMaps:
    """The first dense layer's weights, one (C, H, W) stack per output unit.

    ``maps`` is (units, C, H, W): unit u's weight on flattened feature ``(c*H + h)*W +
    w`` sits at ``maps[u, c, h, w]``. ``to_classes`` is True when that layer is the
    output layer (its units are the classes), False when hidden units come first.
    """

    layer_index: int
    maps: np.ndarray
    biases: np.ndarray
    to_classes: bool


def dense_weight_maps(model: Sequential) -> DenseWeightMaps:
    """What each unit of the layer after Flatten reads from the pooled maps."""
    summary = model.summary()
    for index, layer in enumerate(model.layers):
        if isinstance(layer, Dense) and index and isinstance(model.layers[index - 1], Flatten):
            maps_shape = summary[index - 1].input_shape
            weight = layer.params["weight"].astype(np.float64)
            maps = weight.T.reshape(weight.shape[1], *maps_shape)
            last = index == max(i for i, x in enumerate(model.layers) if isinstance(x, Dense))
            return DenseWeightMaps(index, maps, layer.params["bias"].astype(np.float64), last)
    raise LessonError("no_dense", "the model has no dense layer after Flatten")


@dataclass(frozen=True)
class Connection:
    """One dense layer: ``inputs`` values in, ``outputs`` out, its weights and biases."""

    layer_index: int
    inputs: int
    outputs: int
    weights: int
    biases: int


def dense_connections(summary) -> tuple[Connection, ...]:
    """Input -> (hidden ->) output: each dense layer's counts in ``summary`` (from
    :func:`engine.architecture.summarize`, or a model's ``summary()``)."""
    return tuple(Connection(layer.index, layer.input_shape[0], layer.output_shape[0],
                            layer.weights, layer.biases)
                 for layer in summary if layer.kind == "Dense")


# --- lesson 10: back-propagation -----------------------------------------------------------

@dataclass(frozen=True)
class BackpropStep:
    """One example through conv -> ReLU -> max pool -> flatten -> dense, and back.

    Shapes for an image (C, H, W), F filters of (KH, KW), pooled maps (F, Hp, Wp), K
    classes. Forward: ``conv`` (F, Ho, Wo) before the ReLU, ``relu`` after it,
    ``pooled`` (F, Hp, Wp), ``flat`` (F*Hp*Wp,), ``scores`` and ``probabilities`` (K,),
    ``loss``. Backward, each from the layer's own ``backward``: ``grad_scores`` = p - y
    (K,), ``grad_flat`` (F*Hp*Wp,) from the dense layer, ``grad_pooled`` (F, Hp, Wp),
    ``grad_relu`` (F, Ho, Wo) from the pool (non-zero only at each window's winner),
    ``grad_conv`` (F, Ho, Wo) from the ReLU (``mask`` = where the ReLU passed),
    ``grad_kernel`` (F, C, KH, KW), ``grad_bias`` (F,), ``grad_dense`` (D, K).
    ``winners`` (F, Ho, Wo) marks the cell each pool window took. After one step
    ``w <- w - learning_rate * g`` on every parameter: ``kernel_after`` and
    ``loss_after``, ``probabilities_after`` and the stepped ``model_after`` (a copy).
    """

    image: np.ndarray
    true_class: int
    kernel: np.ndarray
    conv: np.ndarray
    relu: np.ndarray
    pooled: np.ndarray
    flat: np.ndarray
    scores: np.ndarray
    probabilities: np.ndarray
    loss: float
    grad_scores: np.ndarray
    grad_dense: np.ndarray
    grad_flat: np.ndarray
    grad_pooled: np.ndarray
    grad_relu: np.ndarray
    winners: np.ndarray
    mask: np.ndarray
    grad_conv: np.ndarray
    grad_kernel: np.ndarray
    grad_bias: np.ndarray
    learning_rate: float
    kernel_after: np.ndarray
    loss_after: float
    probabilities_after: np.ndarray
    model_after: Sequential


def small_network(input_shape, classes: int = 3, filters: int = 2, kernel: int = 3,
                  pool: int = 2, seed: int = 0) -> Sequential:
    """conv(filters, kernel) -> ReLU -> max pool -> flatten -> dense(classes), in float64
    so that a finite-difference check agrees to many digits."""
    from engine.model import build_network

    block = architecture.ConvBlock(filters, (kernel, kernel), pool_size=(pool, pool))
    model = build_network(tuple(input_shape), classes, [block], [], seed)
    for layer in model.layers:
        for name, value in layer.params.items():
            layer.params[name] = value.astype(np.float64)
    return model


def _small_layers(model: Sequential):
    kinds = [type(layer) for layer in model.layers]
    if kinds != [Conv2D, ReLU, MaxPool2D, Flatten, Dense]:
        raise LessonError("not_small_network", "the lesson steps through conv -> ReLU -> "
                          "max pool -> flatten -> dense only",
                          layers=[kind.__name__ for kind in kinds])
    return model.layers


def kernel_gradient_window(image, grad_conv, kernel_size: int) -> np.ndarray:
    """The kernel's gradient as the same sliding window: ``image`` (C, H, W) unfolded
    under every output cell (:func:`engine.ops.im2col`, stride 1, no padding) times the
    upstream gradient ``grad_conv`` (F, Ho, Wo) at that cell, summed over the cells:
    (F, C, KH, KW). Written from the windows rather than taken from the layer, so that
    it can be held against the layer's backward pass; :func:`window_products` spells out
    one cell of it."""
    image = np.asarray(image, dtype=np.float64)
    grad_conv = np.asarray(grad_conv, dtype=np.float64)
    filters = grad_conv.shape[0]
    rows, _ = ops.im2col(image[None], kernel_size, kernel_size)
    return (grad_conv.reshape(filters, -1) @ rows).reshape(filters, image.shape[0],
                                                            kernel_size, kernel_size)


def window_products(image, grad_conv, channel: int, row: int, col: int):
    """Kernel cell (row, col)'s gradient for channel ``channel``, spelt out for one
    filter's upstream gradient ``grad_conv`` (Ho, Wo): the input cells that kernel cell
    lay over for every output cell (Ho, Wo), the products with the gradient, their sum."""
    image = np.asarray(image, dtype=np.float64)
    grad_conv = np.asarray(grad_conv, dtype=np.float64)
    out_h, out_w = grad_conv.shape
    window = image[channel, row:row + out_h, col:col + out_w]
    products = window * grad_conv
    return window, products, float(products.sum())


def backprop_step(model: Sequential, image, true_class: int,
                  learning_rate: float = 0.1) -> BackpropStep:
    """Step one example (C, H, W) of ``true_class`` through ``model`` (a
    :func:`small_network`), forward and back through each layer's own NCHW
    ``forward``/``backward``, then one plain gradient-descent step. The model is not
    changed: the step runs on a copy (``model_after``)."""
    model = model.copy()
    conv, relu, pool, flatten, dense = _small_layers(model)
    x = np.asarray(image, dtype=np.float64)[None]
    kernel = conv.params["weight"].copy()
    conv_out = conv.forward(x)
    relu_out = relu.forward(conv_out)
    mask = relu._positive.copy()  # the layer's own record of where it passed
    pooled = pool.forward(relu_out)
    flat = flatten.forward(pooled)
    scores = dense.forward(flat)
    loss, grad_scores = softmax_cross_entropy(scores, [int(true_class)])
    grad_flat = dense.backward(grad_scores)
    grad_pooled = flatten.backward(grad_flat)
    grad_relu = pool.backward(grad_pooled)
    winners = pool.backward(np.ones_like(grad_pooled)) > 0
    grad_conv = relu.backward(grad_relu)
    conv.backward(grad_conv)
    grad_kernel, grad_bias = conv.grads["weight"].copy(), conv.grads["bias"].copy()
    grad_dense = dense.grads["weight"].copy()
    for layer in (conv, dense):
        for name in layer.params:
            layer.params[name] = layer.params[name] - learning_rate * layer.grads[name]
    scores_after = model.forward(x)
    loss_after, _ = softmax_cross_entropy(scores_after, [int(true_class)])
    return BackpropStep(
        x[0], int(true_class), kernel, conv_out[0], relu_out[0], pooled[0], flat[0],
        scores[0], ops.softmax(scores)[0], float(loss), grad_scores[0], grad_dense,
        grad_flat[0], grad_pooled[0], grad_relu[0], winners[0], mask[0],
        grad_conv[0], grad_kernel, grad_bias, float(learning_rate),
        conv.params["weight"].copy(), float(loss_after), ops.softmax(scores_after)[0],
        model)

