"""Every unit of a trained network for one image: its value, where it looks, what feeds it
and its arithmetic.

A *unit* is one number a layer outputs for one image. It is named by a position in the
network, ``layer``, and an index into that layer's output for one sample, ``unit``:

- ``layer = INPUT`` (-1): the input image, ``unit = (channel, row, col)``;
- ``0 <= layer < len(model.layers)``: the output of ``model.layers[layer]``, with
  ``unit = (channel, row, col)`` for maps (C, H, W) and ``(index,)`` for vectors (D,);
- ``layer = len(model.layers)``: the softmax of the last layer's scores, ``(class,)``.

:func:`forward_all` runs one image through every layer and keeps every output (the
model's own :meth:`engine.model.Sequential.activations`, plus the softmax); given the
outputs of an earlier run, it can start from a later layer.
:func:`receptive_field` gives the input box a unit can see, worked out from the layer
geometry alone (``tests/engine/test_units.py`` checks it by perturbing input pixels one
at a time); :func:`field_sizes` the receptive-field size of each layer by the textbook
formula ``r_out = r_in + (k - 1) * d * j_in``, ``j_out = j_in * s``.
:func:`feeding_units` marks the units of the layer before that a unit reads, and
:func:`explain_unit` returns a unit's arithmetic as data, reusing
:func:`engine.pipeline.explain_cell` and :func:`engine.pipeline.explain_pooled_cell`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import ops
from engine.layers import AvgPool2D, Conv2D, Dense, Flatten, MaxPool2D, ReLU
from engine.pipeline import (
    CellExplanation,
    PooledCellExplanation,
    explain_cell,
    explain_pooled_cell,
)

#: The position of the input image.
INPUT = -1

#: What each position of the network is, for naming it on screen.
ROLES = ("input", "conv", "activation", "pool", "flatten", "hidden", "output", "softmax")


@dataclass(frozen=True)
class Position:
    """One column of the network picture.

    ``layer`` is the position (see the module docstring); ``role`` one of :data:`ROLES`:
    a ReLU is ``"activation"`` wherever it is, a Dense layer ``"hidden"`` unless it is the
    last layer (``"output"``). ``block`` counts positions of the same family from 1:
    convolution blocks for conv/activation/pool roles after a convolution, hidden layers
    for a dense layer and the ReLU after it. ``kind`` is the layer class name
    (``"MaxPool2D"``...), ``"Input"`` or ``"Softmax"``; ``shape`` the output of one sample.
    """

    layer: int
    role: str
    block: int
    kind: str
    shape: tuple[int, ...]


@dataclass(frozen=True)
class Activations:
    """Every value of the network for one image.

    ``values[0]`` is the input (C, H, W); ``values[i + 1]`` the output of layer ``i``;
    ``values[-1]`` the softmax probabilities (K,). :meth:`at` reads by position.
    """

    values: tuple[np.ndarray, ...]

    def at(self, layer: int) -> np.ndarray:
        """The output at position ``layer`` (:data:`INPUT`, a layer index, or the
        softmax's ``len(model.layers)``)."""
        return self.values[layer + 1]

    def value(self, layer: int, unit) -> float:
        return float(self.at(layer)[tuple(unit)])

    @property
    def probabilities(self) -> np.ndarray:
        return self.values[-1]

    @property
    def scores(self) -> np.ndarray:
        return self.values[-2]


def softmax_position(model) -> int:
    return len(model.layers)


def positions(model) -> tuple[Position, ...]:
    """Every column of the network, input first, softmax last (needs ``input_shape``)."""
    if model.input_shape is None:
        raise ValueError("the model needs an input shape")
    shape = tuple(model.input_shape)
    out = [Position(INPUT, "input", 0, "Input", shape)]
    conv_blocks = hidden = 0
    family = None  # "conv" or "hidden": what a following ReLU or pool belongs to
    last = len(model.layers) - 1
    for index, layer in enumerate(model.layers):
        shape = tuple(layer.output_shape(shape))
        kind = type(layer).__name__
        if isinstance(layer, Conv2D):
            conv_blocks += 1
            family = "conv"
            role, block = "conv", conv_blocks
        elif isinstance(layer, Dense):
            if index == last:
                role, block = "output", 0
            else:
                hidden += 1
                family = "hidden"
                role, block = "hidden", hidden
        elif isinstance(layer, ReLU):
            role = "activation"
            block = conv_blocks if family == "conv" else hidden
        elif isinstance(layer, (MaxPool2D, AvgPool2D)):
            role, block = "pool", conv_blocks
        elif isinstance(layer, Flatten):
            role, block = "flatten", 0
            family = None
        else:
            raise ValueError(f"layers of type {kind} are not supported")
        out.append(Position(index, role, block, kind, shape))
    out.append(Position(len(model.layers), "softmax", 0, "Softmax", shape))
    return tuple(out)


def forward_all(model, image, kept: Activations | None = None, start: int = 0) -> Activations:
    """Every layer's output for one ``image`` (C, H, W), by the model's own textbook
    forward pass (:meth:`engine.model.Sequential.activations`), and the softmax.

    ``kept`` (the activations of the same image by a model whose layers before layer
    ``start`` are the same as ``model``'s: the same network before one of its kernels
    was edited, say) keeps those layers' outputs and runs layers ``start, ...`` only."""
    outputs = model.activations(np.asarray(image), kept=None if kept is None
                                else kept.values[:-1], start=start)
    logits = outputs[-1]
    return Activations(tuple(outputs) + (ops.softmax(logits[None])[0],))


# --- geometry -----------------------------------------------------------------------------


def _window(layer):
    """(kernel, stride, padding, dilation) pairs of a sliding-window layer, else None."""
    if isinstance(layer, Conv2D):
        return (layer.kernel_size, layer.stride, layer.padding,
                tuple(getattr(layer, "dilation", (1, 1))))
    if isinstance(layer, (MaxPool2D, AvgPool2D)):
        return layer.size, layer.stride, (0, 0), (1, 1)
    return None


def _is_spatial(shape) -> bool:
    return len(shape) == 3


@dataclass(frozen=True)
class ReceptiveField:
    """The input rows ``top..bottom`` and columns ``left..right`` (inclusive) a unit's
    value can depend on. These follow the formula and may reach past the image into the
    padding (negative, or beyond the last row); :attr:`clipped` keeps the part on the
    image. ``size`` is ``(rows, cols)`` of the unclipped box."""

    top: int
    left: int
    bottom: int
    right: int
    image_shape: tuple[int, int]

    @property
    def size(self) -> tuple[int, int]:
        return self.bottom - self.top + 1, self.right - self.left + 1

    @property
    def clipped(self) -> tuple[int, int, int, int]:
        """``(top, left, bottom, right)`` inside the image, inclusive."""
        h, w = self.image_shape
        return (max(self.top, 0), max(self.left, 0), min(self.bottom, h - 1),
                min(self.right, w - 1))

    @property
    def clipped_size(self) -> tuple[int, int]:
        top, left, bottom, right = self.clipped
        return bottom - top + 1, right - left + 1

    def mask(self) -> np.ndarray:
        """(H, W) bool: True inside the clipped box."""
        top, left, bottom, right = self.clipped
        out = np.zeros(self.image_shape, dtype=bool)
        out[top:bottom + 1, left:right + 1] = True
        return out


def _spatial_span(model, layer: int, unit):
    """The last spatial position at or before ``layer`` and the (rows, cols) ranges
    (inclusive) of it that ``unit`` depends on."""
    pos = positions(model)
    unit = tuple(int(v) for v in unit)
    # Walk back over vector positions: a ReLU keeps the unit, the flattening names its
    # one source cell; a dense layer or the softmax reads every cell of the last maps.
    while not (_is_spatial(pos[layer + 1].shape) and layer < len(model.layers)):
        current = None if layer == len(model.layers) else model.layers[layer]
        if isinstance(current, ReLU):
            layer -= 1
        elif isinstance(current, Flatten):
            unit = tuple(int(v) for v in np.unravel_index(unit[0], pos[layer].shape))
            layer -= 1
        else:
            last = max(p.layer for p in pos[:layer + 1] if _is_spatial(p.shape))
            _, h, w = pos[last + 1].shape
            return last, (0, h - 1), (0, w - 1)
    _, r, c = unit
    return layer, (r, r), (c, c)


def receptive_field(model, layer: int, unit) -> ReceptiveField:
    """The box of input pixels that unit ``unit`` of position ``layer`` can depend on.

    Traced back layer by layer: a window layer with kernel ``k``, stride ``s``, padding
    ``p`` and dilation ``d`` maps output rows ``a..b`` to input rows
    ``a*s - p .. b*s - p + d*(k - 1)``; element-wise layers keep the span. A flattened
    unit sees what its source cell sees; dense units (hidden, scores) and the softmax
    depend on every cell of the last maps.
    """
    spatial, (r0, r1), (c0, c1) = _spatial_span(model, layer, unit)
    for index in range(spatial, -1, -1):
        window = _window(model.layers[index])
        if window is None:
            continue
        (kh, kw), (sh, sw), (ph, pw), (dh, dw) = window
        r0, r1 = r0 * sh - ph, r1 * sh - ph + dh * (kh - 1)
        c0, c1 = c0 * sw - pw, c1 * sw - pw + dw * (kw - 1)
    _, h, w = model.input_shape
    return ReceptiveField(int(r0), int(c0), int(r1), int(c1), (int(h), int(w)))


@dataclass(frozen=True)
class FieldSize:
    """The receptive-field size after one position: ``size`` (rows, cols) by the
    formula, and ``jump`` (rows, cols): how many input pixels one step between
    neighbouring units of this position moves the field."""

    layer: int
    size: tuple[int, int]
    jump: tuple[int, int]


def field_sizes(model) -> tuple[FieldSize, ...]:
    """The receptive-field size of every spatial position, input first, by
    ``r_out = r_in + (k - 1) * d * j_in`` and ``j_out = j_in * s`` per axis."""
    size, jump = [1, 1], [1, 1]
    out = [FieldSize(INPUT, (1, 1), (1, 1))]
    shape = tuple(model.input_shape)
    for index, layer in enumerate(model.layers):
        shape = tuple(layer.output_shape(shape))
        if not _is_spatial(shape):
            break
        window = _window(layer)
        if window is not None:
            kernel, stride, _, dilation = window
            for axis in range(2):
                size[axis] += (kernel[axis] - 1) * dilation[axis] * jump[axis]
                jump[axis] *= stride[axis]
        out.append(FieldSize(index, (size[0], size[1]), (jump[0], jump[1])))
    return tuple(out)


# --- what feeds a unit ---------------------------------------------------------------------


def _window_mask(in_shape, channels, top_left, kernel, dilation) -> np.ndarray:
    mask = np.zeros(in_shape, dtype=bool)
    _, h, w = in_shape
    rows = top_left[0] + dilation[0] * np.arange(kernel[0])
    cols = top_left[1] + dilation[1] * np.arange(kernel[1])
    rows, cols = rows[(rows >= 0) & (rows < h)], cols[(cols >= 0) & (cols < w)]
    mask[np.ix_(np.asarray(channels), rows, cols)] = True
    return mask


def feeding_units(model, layer: int, unit) -> np.ndarray:
    """A bool array of the shape of position ``layer - 1``'s output (the layer's input):
    True for every unit that unit ``unit`` of ``layer`` reads (padding excluded). The
    input has none: it raises ValueError."""
    if layer == INPUT:
        raise ValueError("the input is fed by nothing")
    pos = positions(model)
    in_shape = pos[layer].shape
    if layer == softmax_position(model):
        return np.ones(in_shape, dtype=bool)
    current = model.layers[layer]
    if isinstance(current, Dense):
        return np.ones(in_shape, dtype=bool)
    if isinstance(current, ReLU):
        mask = np.zeros(in_shape, dtype=bool)
        mask[tuple(unit)] = True
        return mask
    if isinstance(current, Flatten):
        mask = np.zeros(in_shape, dtype=bool)
        mask[np.unravel_index(int(unit[0]), in_shape)] = True
        return mask
    kernel, stride, padding, dilation = _window(current)
    channel, row, col = (int(v) for v in unit)
    top_left = (row * stride[0] - padding[0], col * stride[1] - padding[1])
    channels = range(in_shape[0]) if isinstance(current, Conv2D) else [channel]
    return _window_mask(in_shape, list(channels), top_left, kernel, dilation)


# --- arithmetic ----------------------------------------------------------------------------


@dataclass(frozen=True)
class InputUnit:
    """A pixel of the input: nothing computes it."""

    value: float


@dataclass(frozen=True)
class ConvUnit:
    """A convolution unit: ``cell`` holds each input channel's window, the filter's
    slices, their products, the per-channel sums, the total and the bias
    (:func:`engine.pipeline.explain_cell`, with ``activation="none"``); ``value`` is
    ``cell.pre_activation``, the unit's value. ``filter_index`` is the unit's channel."""

    filter_index: int
    cell: CellExplanation
    value: float


@dataclass(frozen=True)
class ActivationUnit:
    """A ReLU unit: ``value = max(input_value, 0)``. ``conv`` is the arithmetic of the
    convolution unit it activates, when a convolution feeds the ReLU directly."""

    input_value: float
    value: float
    conv: ConvUnit | None = None


@dataclass(frozen=True)
class PoolUnit:
    """A pooled unit of map ``channel``: ``cell`` is the window with its winner (max,
    the first maximum in scan order) or its mean (avg)."""

    channel: int
    cell: PooledCellExplanation
    value: float


@dataclass(frozen=True)
class FlattenUnit:
    """Position ``index`` of the flattened vector, read from ``source`` = (channel, row,
    col) of the maps before."""

    index: int
    source: tuple[int, int, int]
    value: float


@dataclass(frozen=True)
class DenseUnit:
    """A fully connected unit: ``value = sum(inputs * weights) + bias``.

    ``inputs`` and ``weights`` (D,) and ``contributions = inputs * weights`` are float64;
    ``order`` lists the inputs by decreasing ``|contribution|``; ``total`` is the sum of
    all contributions, before the bias. :meth:`top` and :meth:`rest` split the sum into
    the largest terms and the others.
    """

    index: int
    inputs: np.ndarray
    weights: np.ndarray
    contributions: np.ndarray
    order: np.ndarray
    total: float
    bias: float
    value: float

    def top(self, count: int) -> np.ndarray:
        """Indices of the ``count`` inputs that contribute most (by magnitude)."""
        return self.order[:count]

    def rest(self, count: int) -> float:
        """The sum of every contribution but the ``count`` largest."""
        return float(self.contributions[self.order[count:]].sum())


@dataclass(frozen=True)
class SoftmaxUnit:
    """The probability of class ``index``: ``exp(score_k - shift) / sum_j exp(score_j -
    shift)``. ``shift`` is 0 unless the scores are so large that their exponentials
    would not be finite; then it is the largest score (the result is the same).
    ``exponentials`` and ``probabilities`` are (K,) float64, ``total`` their sum."""

    index: int
    scores: np.ndarray
    shift: float
    exponentials: np.ndarray
    total: float
    probabilities: np.ndarray
    value: float


#: Scores up to this size have exponentials written out as they are (e^80 ≈ 5.5e34).
_LARGEST_PLAIN_SCORE = 80.0


def _explain_conv(layer: Conv2D, image, unit, activation: str = "none") -> CellExplanation:
    f, row, col = (int(v) for v in unit)
    return explain_cell(image, layer.params["weight"][f], layer.stride, layer.padding, row,
                        col, tuple(getattr(layer, "dilation", (1, 1))),
                        bias=float(layer.params["bias"][f]), activation=activation)


def explain_unit(model, activations: Activations, layer: int, unit):
    """The arithmetic of unit ``unit`` of position ``layer`` for the image of
    ``activations`` (:func:`forward_all`): one of :class:`InputUnit`,
    :class:`ConvUnit`, :class:`ActivationUnit`, :class:`PoolUnit`,
    :class:`FlattenUnit`, :class:`DenseUnit` or :class:`SoftmaxUnit`. Costs one
    window's or one weight column's work."""
    unit = tuple(int(v) for v in unit)
    value = activations.value(layer, unit)
    if layer == INPUT:
        return InputUnit(value)
    if layer == softmax_position(model):
        scores = activations.scores.astype(np.float64)
        peak = float(scores.max())
        shift = peak if peak > _LARGEST_PLAIN_SCORE else 0.0
        exponentials = np.exp(scores - shift)
        total = float(exponentials.sum())
        return SoftmaxUnit(unit[0], scores, shift, exponentials, total,
                           exponentials / total, value)
    current = model.layers[layer]
    before = activations.at(layer - 1)
    if isinstance(current, Conv2D):
        cell = _explain_conv(current, before, unit)
        return ConvUnit(unit[0], cell, value)
    if isinstance(current, ReLU):
        feeding = model.layers[layer - 1] if layer > 0 else None
        conv = None
        if isinstance(feeding, Conv2D):
            conv = ConvUnit(unit[0], _explain_conv(feeding, activations.at(layer - 2), unit),
                            float(before[unit]))
        return ActivationUnit(float(before[unit]), value, conv)
    if isinstance(current, (MaxPool2D, AvgPool2D)):
        pool = "max" if isinstance(current, MaxPool2D) else "avg"
        cell = explain_pooled_cell(before[unit[0]], unit[1], unit[2], pool, current.size,
                                   current.stride)
        return PoolUnit(unit[0], cell, value)
    if isinstance(current, Flatten):
        source = tuple(int(v) for v in np.unravel_index(unit[0], before.shape))
        return FlattenUnit(unit[0], source, value)
    if isinstance(current, Dense):
        inputs = before.astype(np.float64)
        weights = current.params["weight"][:, unit[0]].astype(np.float64)
        contributions = inputs * weights
        order = np.argsort(-np.abs(contributions), kind="stable")
        return DenseUnit(unit[0], inputs, weights, contributions, order,
                         float(contributions.sum()), float(current.params["bias"][unit[0]]),
                         value)
    raise ValueError(f"layers of type {type(current).__name__} are not supported")
