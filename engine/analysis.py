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
from engine.layers import Conv2D, Dense
from engine.train import Evaluation, evaluate


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


def switched_off_model(model, switched_off: Mapping[int, Iterable[int]]):
    """A model sharing ``model``'s weights except that the chosen units output 0.

    ``switched_off`` maps a layer index (a :class:`~engine.layers.Conv2D`, or a
    :class:`~engine.layers.Dense` layer other than the output layer) to the filters or
    units to zero: their weights and bias are zeroed (in copies), so the unit's output
    is 0 for every input, as is what a following ReLU or pool makes of it. ``model`` is
    not changed.
    """
    replacements = {}
    for layer_index, units in switched_off.items():
        layer = _switchable(model, int(layer_index))
        units = sorted({int(u) for u in units})
        count = unit_count(layer)
        bad = [u for u in units if not 0 <= u < count]
        if bad:
            raise AnalysisError("no_such_unit", f"layer {layer_index} has no unit {bad[0]} "
                                f"(it has {count})", layer=int(layer_index), unit=bad[0],
                                units=count)
        if not units:
            continue
        weight = layer.params["weight"].copy()
        bias = layer.params["bias"].copy()
        if isinstance(layer, Conv2D):
            weight[units] = 0
        else:
            weight[:, units] = 0
        bias[units] = 0
        replacements[int(layer_index)] = {"weight": weight, "bias": bias}
    return model.with_parameters(replacements)


def evaluate_switched_off(model, x, y, switched_off: Mapping[int, Iterable[int]],
                          batch_size: int = 500) -> Evaluation:
    """:func:`engine.train.evaluate` (loss, accuracy, predictions, confusion matrix) of
    ``model`` with the ``switched_off`` units zeroed (see :func:`switched_off_model`) on
    images ``x`` (N, C, H, W) with labels ``y``."""
    return evaluate(switched_off_model(model, switched_off), x, y, batch_size)


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
