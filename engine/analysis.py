"""Looking inside a trained network: why it decided, and what its units respond to.

Every function takes a :class:`engine.model.Sequential` and leaves it untouched: each
runs on layers of its own (:meth:`~engine.model.Sequential.with_parameters`), so the GUI
can call them while the model is shown elsewhere. Images are NCHW ``(N, C, H, W)``, or
one image ``(C, H, W)`` where said.

- :func:`input_gradient`: how a class score (or probability) changes with each input
  pixel, by back-propagation.
- :func:`occlusion_map`: how much a class probability drops when a grey patch hides
  each part of the image.
- :func:`switched_off_model` / :func:`evaluate_switched_off`: the network with chosen
  filters of convolution layers or units of hidden dense layers zeroed, and its test
  accuracy and confusion matrix.
- :func:`top_activating`: the test images that excite one filter (or unit) of any layer
  most, with where in its map the maximum lies.

Every layer's activations for a batch are :meth:`engine.model.Sequential.activations`.
Errors a learner can cause (a patch larger than the image, a unit that does not exist)
raise :class:`AnalysisError` with a code and values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from engine import ops
from engine.layers import Conv2D, Dense, Flatten, nchw_to_chwn
from engine.train import Evaluation, evaluate, evaluation_of


class AnalysisError(ValueError):
    """A request the network cannot answer. ``code`` names the problem, ``values`` holds
    its numbers (layers and units count from 0); the message is English.

    Codes: ``"no_such_class"`` (``class_index``, ``classes``), ``"no_such_layer"``
    (``layer``, ``layers``), ``"no_such_unit"`` (``layer``, ``unit``, ``units``),
    ``"not_switchable"`` (``layer``, ``kind``: only convolutions and hidden dense layers
    can be switched off), ``"bad_patch"`` (``patch``, ``stride``: below 1),
    ``"patch_too_large"`` (``patch``, ``size``: the image's rows and columns),
    ``"image_shape"`` (``shape``, ``expected``).
    """

    def __init__(self, code: str, message: str, **values) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


def _image_batch(model, x) -> tuple[np.ndarray, bool]:
    """``x`` as a float batch (N, C, H, W), and whether it was one image (C, H, W)."""
    x = ops._float_array(x)
    single = x.ndim == 3
    batch = x[None] if single else x
    expected = model.input_shape
    if batch.ndim != 4 or (expected is not None and batch.shape[1:] != expected):
        raise AnalysisError("image_shape", f"the network takes images of shape {expected}, "
                            f"got {x.shape}", shape=tuple(x.shape), expected=expected)
    return batch, single


def _class_indices(model, class_index, count: int) -> np.ndarray:
    classes = model.num_classes
    indices = np.broadcast_to(np.asarray(class_index, dtype=np.int64), (count,))
    bad = indices[(indices < 0) | (indices >= classes)]
    if bad.size:
        raise AnalysisError("no_such_class", f"class {int(bad[0])} does not exist; the "
                            f"network has {classes}", class_index=int(bad[0]),
                            classes=classes)
    return indices


# --- why the network decided -----------------------------------------------------------

def input_gradient(model, x, class_index, of: str = "score") -> np.ndarray:
    """Gradient of one class's output with respect to every input pixel.

    Parameters
    ----------
    x : images (N, C, H, W), or one image (C, H, W)
    class_index : int, or one int per image (N,)
    of : ``"score"`` for the class's logit (the value before the softmax; the usual
        saliency map) or ``"probability"`` for its softmax probability.

    Returns
    -------
    array of ``x``'s shape and float dtype: ``d output / d pixel``. Where a ReLU or a
    max pool is exactly at its kink the one-sided gradient the layers use is taken.
    """
    if of not in ("score", "probability"):
        raise ValueError(f"of must be 'score' or 'probability', got {of!r}")
    batch, single = _image_batch(model, x)
    indices = _class_indices(model, class_index, len(batch))
    network = model.with_parameters({})
    logits = network.forward(batch)
    rows = np.arange(len(batch))
    grad = np.zeros_like(logits)
    grad[rows, indices] = 1
    if of == "probability":
        p = ops.softmax(logits)
        # d p_k / d z = p_k (e_k - p)
        grad = p[rows, indices][:, None] * (grad - p)
    grad_x = network.backward(grad, input_grad=True)
    return grad_x[0] if single else grad_x


@dataclass(frozen=True)
class Occlusion:
    """Result of :func:`occlusion_map` for one image of ``H`` x ``W`` pixels.

    ``drop[i, j]`` is the class probability without a patch minus with the patch whose
    top-left pixel is ``(rows[i], cols[j])`` (positive: the patch hid something the
    class needed). ``probability`` holds those occluded probabilities, ``base`` the
    unoccluded one; ``patch`` is the patch's (rows, cols).
    """

    drop: np.ndarray
    probability: np.ndarray
    base: float
    rows: np.ndarray
    cols: np.ndarray
    patch: tuple[int, int]
    image_size: tuple[int, int]

    def per_pixel(self) -> np.ndarray:
        """``(H, W)``: for every pixel, the mean drop of the patches that covered it (0
        where none did), to show beside the image at its own size."""
        h, w = self.image_size
        ph, pw = self.patch
        total = np.zeros((h, w), dtype=np.float64)
        count = np.zeros((h, w), dtype=np.float64)
        for i, r in enumerate(self.rows):
            for j, c in enumerate(self.cols):
                total[r:r + ph, c:c + pw] += self.drop[i, j]
                count[r:r + ph, c:c + pw] += 1
        return np.divide(total, count, out=np.zeros_like(total), where=count > 0)


def _positions(size: int, patch: int, stride: int) -> np.ndarray:
    """Top-left positions every ``stride`` pixels, plus the last one that fits, so the
    patch also reaches the far edge."""
    positions = list(range(0, size - patch + 1, stride))
    if positions[-1] != size - patch:
        positions.append(size - patch)
    return np.asarray(positions)


def occlusion_map(model, image, class_index: int, patch: ops.IntPair = 5,
                  stride: ops.IntPair = 2, fill: float = 0.5,
                  batch_size: int = 256) -> Occlusion:
    """Slide a patch of value ``fill`` over ``image`` (C, H, W) and measure how much the
    probability of ``class_index`` drops at each position (see :class:`Occlusion`).

    The patch (rows, cols) moves by ``stride`` (rows, cols) pixels, every position fully
    inside the image, the last row and column of positions touching the far edges. All
    channels are covered. The occluded images are predicted ``batch_size`` at a time.
    """
    batch, _ = _image_batch(model, image)
    if len(batch) != 1:
        raise AnalysisError("image_shape", "occlusion_map takes one image (C, H, W)",
                            shape=tuple(np.shape(image)), expected=model.input_shape)
    klass = int(_class_indices(model, class_index, 1)[0])
    ph, pw = ops.pair(patch, "patch")
    sh, sw = ops.pair(stride, "stride")
    if min(ph, pw, sh, sw) < 1:
        raise AnalysisError("bad_patch", "the patch and its stride must be at least 1",
                            patch=(ph, pw), stride=(sh, sw))
    _, _, h, w = batch.shape
    if ph > h or pw > w:
        raise AnalysisError("patch_too_large", f"a {ph}x{pw} patch does not fit in a "
                            f"{h}x{w} image", patch=(ph, pw), size=(h, w))
    network = model.with_parameters({})
    base = float(network.predict_proba(batch)[0, klass])
    rows, cols = _positions(h, ph, sh), _positions(w, pw, sw)
    where = [(r, c) for r in rows for c in cols]
    probability = np.empty(len(where), dtype=np.float64)
    for start in range(0, len(where), batch_size):
        chunk = where[start:start + batch_size]
        occluded = np.repeat(batch, len(chunk), axis=0)
        for n, (r, c) in enumerate(chunk):
            occluded[n, :, r:r + ph, c:c + pw] = fill
        probability[start:start + len(chunk)] = network.predict_proba(occluded)[:, klass]
    probability = probability.reshape(len(rows), len(cols))
    return Occlusion(base - probability, probability, base, rows, cols, (ph, pw), (h, w))


# --- switching units off ---------------------------------------------------------------

def _switchable(model, layer_index: int):
    layers = model.layers
    if not 0 <= layer_index < len(layers):
        raise AnalysisError("no_such_layer", f"layer {layer_index} does not exist; the "
                            f"network has {len(layers)}", layer=layer_index,
                            layers=len(layers))
    layer = layers[layer_index]
    last_dense = max(i for i, other in enumerate(layers) if isinstance(other, Dense))
    if not isinstance(layer, (Conv2D, Dense)) or layer_index == last_dense:
        raise AnalysisError("not_switchable", f"layer {layer_index} "
                            f"({type(layer).__name__}) has no filters or hidden units to "
                            "switch off", layer=layer_index, kind=type(layer).__name__)
    return layer


def unit_count(layer) -> int:
    """Filters of a convolution, units of a dense layer."""
    return layer.out_channels if isinstance(layer, Conv2D) else layer.out_features


def _checked_units(model, switched_off: Mapping[int, Iterable[int]]) -> dict[int, list[int]]:
    """``switched_off`` checked against ``model``: layer index -> sorted units, the layers
    with none left out. :class:`AnalysisError` for a layer or unit that is not there."""
    checked = {}
    for layer_index, units in switched_off.items():
        layer = _switchable(model, int(layer_index))
        units = sorted({int(u) for u in units})
        count = unit_count(layer)
        bad = [u for u in units if not 0 <= u < count]
        if bad:
            raise AnalysisError("no_such_unit", f"layer {layer_index} has no unit {bad[0]} "
                                f"(it has {count})", layer=int(layer_index), unit=bad[0],
                                units=count)
        if units:
            checked[int(layer_index)] = units
    return checked


def switched_off_model(model, switched_off: Mapping[int, Iterable[int]]):
    """A model sharing ``model``'s weights except that the chosen units output 0.

    ``switched_off`` maps a layer index (a :class:`~engine.layers.Conv2D`, or a
    :class:`~engine.layers.Dense` layer other than the output layer) to the filters or
    units to zero: their weights and bias are zeroed (in copies), so the unit's output
    is 0 for every input, as is what a following ReLU or pool makes of it. ``model`` is
    not changed.
    """
    replacements = {}
    for layer_index, units in _checked_units(model, switched_off).items():
        layer = model.layers[layer_index]
        weight = layer.params["weight"].copy()
        bias = layer.params["bias"].copy()
        if isinstance(layer, Conv2D):
            weight[units] = 0
        else:
            weight[:, units] = 0
        bias[units] = 0
        replacements[layer_index] = {"weight": weight, "bias": bias}
    return model.with_parameters(replacements)


def evaluate_switched_off(model, x, y, switched_off: Mapping[int, Iterable[int]],
                          batch_size: int = 500) -> Evaluation:
    """:func:`engine.train.evaluate` (loss, accuracy, predictions, confusion matrix) of
    ``model`` with the ``switched_off`` units zeroed (see :func:`switched_off_model`) on
    images ``x`` (N, C, H, W) with labels ``y``: the whole network with those weights
    zeroed, every layer run. :class:`SwitchOffEvaluator` gives the same for many
    switches on the same images, far faster."""
    return evaluate(switched_off_model(model, switched_off), x, y, batch_size)


#: :class:`SwitchOffEvaluator` keeps the whole network's outputs up to this size.
MAX_KEPT_BYTES = 256 * 2**20


class SwitchOffEvaluator:
    """:func:`evaluate_switched_off` of one model on one set of images, many times over,
    at a fraction of the cost: what the whole network computes is worked out once and
    kept, and each evaluation recomputes only what the switched-off units change.

    A switched-off unit outputs 0 for every image, and so does what a ReLU or a pooling
    makes of it. So with units ``S`` of layer ``k`` off (the earliest such layer), the
    layers before ``k`` are unchanged, and the input of the next convolution or dense
    layer ``j`` is the kept one with the channels (or, after the flattening, the
    features) of ``S`` at 0. Layer ``j`` is linear in its input, so its output is the
    kept output less what those channels added, a convolution over ``|S|`` channels
    instead of all (recomputed in full when ``S`` is most of them); the layers after
    ``j`` run again, later switched-off units set to 0. For the default network on 1000
    test images a first-layer filter then costs one of the second convolution's 16 input
    channels, not the whole network. The result equals :func:`evaluate_switched_off`
    up to float rounding (a few units in the last place of the scores).

    Parameters
    ----------
    model : Sequential
        Never changed (the evaluator runs layers of its own); do not change its weights
        while the evaluator is in use.
    x, y : images (N, C, H, W) and labels (N,).
    batch_size : images computed at a time (bounds the working memory; what is kept
        is about the size of the second block's input and output for every image).
    max_kept_bytes : when what would be kept is larger (a wide network, many images),
        nothing is kept and every evaluation is :func:`evaluate_switched_off`'s.
    """

    def __init__(self, model, x, y, batch_size: int = 500,
                 max_kept_bytes: int = MAX_KEPT_BYTES) -> None:
        self.model = model
        self._x, _ = _image_batch(model, x)
        self._y = np.asarray(y, dtype=np.int64)
        self._batch_size = max(1, int(batch_size))
        self._order = model.fast_path_order()
        self._kept: list[dict[int, np.ndarray]] | None = None
        self._whole: Evaluation | None = None
        self.keeps = self.kept_bytes() <= max_kept_bytes

    def _kept_positions(self) -> set[int]:
        """Positions in the run order kept: the input and the output of every
        convolution and dense layer but the first (whose units, switched off, change
        what the next one reads), and the scores."""
        linear = [p for p in range(len(self._order)) if self._is_linear(p)][1:]
        return set(linear) | {p - 1 for p in linear} | {len(self._order) - 1}

    def kept_bytes(self) -> int:
        """What keeping the whole network's outputs on the images takes, in bytes."""
        shape, sizes = tuple(self.model.input_shape), []
        for index in self._order:  # in the run order: a ReLU after its pool is pool-sized
            shape = tuple(self.model.layers[index].output_shape(shape))
            sizes.append(int(np.prod(shape)))
        per_image = sum(sizes[p] for p in self._kept_positions())
        return per_image * len(self._x) * self._x.dtype.itemsize

    def _is_linear(self, position: int) -> bool:
        return isinstance(self.model.layers[self._order[position]], (Conv2D, Dense))

    def _keep(self) -> list[dict[int, np.ndarray]]:
        """Per batch: position in the run order -> the output there, for the positions
        of :meth:`_kept_positions` (worked out on the first call)."""
        if self._kept is None:
            layers = self.model.with_parameters({}).layers
            wanted = self._kept_positions()
            kept = []
            for start in range(0, len(self._x), self._batch_size):
                h = np.ascontiguousarray(nchw_to_chwn(self._x[start:start + self._batch_size]))
                outputs = {}
                for position, index in enumerate(self._order):
                    h = layers[index].forward_chwn(h)
                    if position in wanted:
                        outputs[position] = h
                kept.append(outputs)
            self._kept = kept
        return self._kept

    def evaluate(self, switched_off: Mapping[int, Iterable[int]]) -> Evaluation:
        """Loss, accuracy, predictions and confusion matrix with ``switched_off`` (layer
        index -> filters or hidden units, as :func:`switched_off_model`) at 0."""
        off = _checked_units(self.model, switched_off)
        if not self.keeps:
            return evaluate(switched_off_model(self.model, off), self._x, self._y,
                            self._batch_size)
        if not off:
            if self._whole is None:
                self._whole = self._summary(self._batch_scores(off))
            return self._whole
        return self._summary(self._batch_scores(off))

    def scores(self, switched_off: Mapping[int, Iterable[int]]) -> np.ndarray:
        """The scores (logits) ``(N, K)`` of every image with ``switched_off`` at 0."""
        off = _checked_units(self.model, switched_off)
        if not self.keeps:
            return switched_off_model(self.model, off).forward(self._x)
        return np.concatenate(self._batch_scores(off))

    def _batch_scores(self, off: dict[int, list[int]]) -> list[np.ndarray]:
        kept = self._keep()
        if not off:
            return [batch[len(self._order) - 1] for batch in kept]
        model, order = self.model, self._order
        first = order.index(min(off))
        after = next(p for p in range(first + 1, len(order)) if self._is_linear(p))
        layers = model.with_parameters({}).layers
        dropped = self._dropped_inputs(order[first], off[order[first]])
        logits = []
        for batch in kept:
            h = self._without(layers[order[after]], batch[after - 1], batch[after], dropped)
            h = _zero_units(h, off.get(order[after]))
            for position in range(after + 1, len(order)):
                index = order[position]
                h = _zero_units(layers[index].forward_chwn(h), off.get(index))
            logits.append(h)
        return logits

    def _dropped_inputs(self, layer_index: int, units: list[int]) -> np.ndarray:
        """Which channels (of maps C, H, W, N) or features (of vectors N, D) of the next
        convolution's or dense layer's input the switched-off ``units`` of layer
        ``layer_index`` feed: the same channels, or after the flattening, every feature
        of their maps (feature (c, h, w) in NCHW order)."""
        shape = tuple(self.model.input_shape)
        flattened = None
        for index, layer in enumerate(self.model.layers):
            if index > layer_index and isinstance(layer, (Conv2D, Dense)):
                break
            if index > layer_index and isinstance(layer, Flatten):
                flattened = shape
            shape = tuple(layer.output_shape(shape))
        if flattened is None:
            return np.asarray(units)
        return np.arange(int(np.prod(flattened))).reshape(flattened)[units].ravel()

    @staticmethod
    def _without(layer, x: np.ndarray, out: np.ndarray, dropped: np.ndarray) -> np.ndarray:
        """``layer``'s output ``out`` for input ``x`` with the ``dropped`` channels or
        features of ``x`` at 0."""
        if isinstance(layer, Dense):
            return out - x[:, dropped] @ layer.params["weight"][dropped]
        if 2 * len(dropped) > x.shape[0]:  # most of the channels: run the layer again
            x = x.copy()
            x[dropped] = 0
            return layer.forward_chwn(x)
        part = Conv2D(len(dropped), layer.out_channels, layer.kernel_size, layer.stride,
                      layer.padding, layer.dilation, dtype=x.dtype, initialize=False)
        part.params["weight"] = np.ascontiguousarray(layer.params["weight"][:, dropped])
        return out - part.forward_chwn(np.ascontiguousarray(x[dropped]))

    def _summary(self, logits: list[np.ndarray]) -> Evaluation:
        """What :func:`engine.train.evaluate` reports, from the scores of every batch."""
        return evaluation_of(logits, self._y, self.model.num_classes)


def _zero_units(h: np.ndarray, units) -> np.ndarray:
    """``h`` (C, H, W, N maps or N, D vectors) with channels or features ``units`` at 0."""
    if not units:
        return h
    h = h.copy()
    if h.ndim == 4:
        h[units] = 0
    else:
        h[:, units] = 0
    return h


# --- what a unit responds to -----------------------------------------------------------

@dataclass(frozen=True)
class TopActivations:
    """The images that excite one unit most, strongest first.

    ``indices`` (k,) index the images given; ``values`` (k,) are the unit's largest
    activation on each; ``positions`` (k, 2) the (row, col) in the layer's output map
    where it lies (the first in scan order on a tie), or -1 for a layer without maps
    (after Flatten).
    """

    layer: int
    unit: int
    indices: np.ndarray
    values: np.ndarray
    positions: np.ndarray


def top_activating(model, x, layer_index: int, unit: int, k: int = 9,
                   batch_size: int = 250) -> TopActivations:
    """The ``k`` images of ``x`` (N, C, H, W) on which filter (or unit) ``unit`` of layer
    ``layer_index`` (an index into ``model.layers``: the output of that layer, e.g. a
    convolution, the ReLU after it or the pool) reaches its largest value.

    Images are ranked by the maximum of the unit's map over all positions (by the
    unit's value for a flat layer); ties keep the lower image index first.
    """
    layers = model.layers
    if not 0 <= layer_index < len(layers):
        raise AnalysisError("no_such_layer", f"layer {layer_index} does not exist; the "
                            f"network has {len(layers)}", layer=layer_index,
                            layers=len(layers))
    batch, _ = _image_batch(model, x)
    shape = batch.shape[1:]
    for layer in layers[:layer_index + 1]:
        shape = layer.output_shape(shape)
    if not 0 <= unit < shape[0]:
        raise AnalysisError("no_such_unit", f"layer {layer_index} has no unit {unit} (it "
                            f"has {shape[0]})", layer=layer_index, unit=unit,
                            units=shape[0])
    network = model.with_parameters({}).layers[:layer_index + 1]
    maxima = np.empty(len(batch), dtype=np.float64)
    where = np.full((len(batch), 2), -1, dtype=np.int64)
    for start in range(0, len(batch), batch_size):
        h = batch[start:start + batch_size]
        for layer in network:
            h = layer.forward(h)
        values = h[:, unit]
        if values.ndim == 1:
            maxima[start:start + len(h)] = values
            continue
        flat = values.reshape(len(h), -1)
        best = flat.argmax(axis=1)
        maxima[start:start + len(h)] = flat[np.arange(len(h)), best]
        where[start:start + len(h)] = np.stack(np.unravel_index(best, values.shape[1:]),
                                               axis=1)
    order = np.argsort(-maxima, kind="stable")[:max(int(k), 0)]
    return TopActivations(layer_index, unit, order, maxima[order], where[order])
