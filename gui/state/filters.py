"""Feature detectors as the state hands them out: frozen :class:`Filter` snapshots.

A :class:`Filter` cannot be changed after it is made: its weights are a private,
read-only float32 copy. Panels and lessons read filters from the state and change them
only through :class:`gui.state.LabState`'s methods, so nothing can edit the state's
filters behind its back (and skip the recomputation and the signals).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from engine import kernels
from engine.limits import MAX_KERNEL_SIZE
from gui.common.display_names import filter_name
from gui.state.errors import StateError

#: Largest magnitude a filter cell or bias may hold; beyond it, heatmaps lose all meaning.
MAX_WEIGHT = 1000.0
MAX_FILTERS = 32
#: Largest kernel side: the engine's one limit (:data:`engine.limits.MAX_KERNEL_SIZE`), so
#: the editor, filter files and remembered filters accept every kernel a model may have.
MAX_KERNEL = MAX_KERNEL_SIZE


def check_weight(value: float) -> float:
    """``value`` as a float, or a :class:`StateError` (a ValueError) saying why not."""
    if isinstance(value, bool):  # JSON true/false: a mistake, not the numbers 1 and 0
        raise StateError("not_a_number", value=repr(value))
    try:
        value = float(value)
    except OverflowError:  # an integer hundreds of digits long
        raise StateError("huge_integer", limit=MAX_WEIGHT, digits=_digits(value)) from None
    except (TypeError, ValueError):
        raise StateError("not_a_number", value=_short_repr(value)) from None
    if not math.isfinite(value):
        raise StateError("not_finite")
    if abs(value) > MAX_WEIGHT:
        raise StateError("weight_too_large", limit=MAX_WEIGHT, value=value)
    return value


def _digits(value: int) -> int:
    # str() of a huge int is slow, and refused beyond 4300 digits.
    return int(abs(value).bit_length() * 0.30103) + 1


def _short_repr(value, limit: int = 40) -> str:
    if isinstance(value, (list, dict)):
        # Words, not the (possibly huge) contents: error_text says "A list" / "An object".
        return "list" if isinstance(value, list) else "object"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


#: Longest filter name a file may give; names are shown in lists and stage headers.
MAX_NAME = 200


def _frozen_weights(weights) -> np.ndarray:
    """A private read-only float32 (C, KH, KW) copy of ``weights`` ((KH, KW) gets C = 1)."""
    array = np.array(weights, dtype=np.float32)  # always a copy: no one else holds it
    if array.ndim == 2:
        array = array[None]
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class Filter:
    """One feature detector: ``weights`` (C, KH, KW) float32, a bias and a display name.

    ``preset`` names the preset it came from, or is None once edited ("custom"). The
    object is immutable and its weights are read-only; :meth:`replace` makes a changed
    copy.
    """

    name: str
    weights: np.ndarray
    bias: float = 0.0
    preset: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _frozen_weights(self.weights))
        object.__setattr__(self, "bias", float(self.bias))
        object.__setattr__(self, "name", str(self.name))

    def __eq__(self, other) -> bool:
        if not isinstance(other, Filter):
            return NotImplemented
        return (self.name == other.name and self.bias == other.bias
                and self.preset == other.preset and self.weights.shape == other.weights.shape
                and bool(np.array_equal(self.weights, other.weights)))

    __hash__ = None  # equal filters may be different objects; they are values, not keys

    @property
    def display_name(self) -> str:
        """The name to show: names the app made (a preset's key, as saved to files,
        "filter 5", a copy's) in the current language, even after an edit; any other
        name is the learner's own and shows as it is."""
        return filter_name(self.name)

    def replace(self, **changes) -> Filter:
        """A copy with ``changes`` (``name``, ``weights``, ``bias``, ``preset``) applied."""
        return replace(self, **changes)

    def copy(self) -> Filter:
        return replace(self)

    def to_dict(self) -> dict:
        return {"name": self.name, "weights": self.weights.tolist(), "bias": self.bias,
                "preset": self.preset}

    @classmethod
    def from_dict(cls, data: dict) -> Filter:
        """Rebuild a filter from :meth:`to_dict` output; ValueError if anything is off.

        ``data`` may come from any file: every field is checked for its type and range
        before anything is built, and no input makes this raise anything but ValueError.
        """
        if not isinstance(data, dict):
            raise StateError("filter_not_object")
        weights = _weights_from(data.get("weights"))
        name = data.get("name", "filter")
        if not isinstance(name, str):
            raise StateError("name_not_text")
        if len(name) > MAX_NAME:
            raise StateError("name_too_long", limit=MAX_NAME)
        preset = data.get("preset")
        if not (preset is None or isinstance(preset, str)):
            raise StateError("preset_not_text")
        return cls(name, weights, check_weight(data.get("bias", 0.0)),
                   preset if preset in kernels.PRESETS else None)


def _weights_from(raw) -> np.ndarray:
    """(C, KH, KW) float32 weights from nested lists, or ValueError saying what is wrong."""
    if not isinstance(raw, list):
        raise StateError("weights_not_grid")
    try:
        weights = np.asarray(raw)
    # Ragged or too deeply nested lists (ValueError), deeper than the stack (RecursionError).
    except (ValueError, TypeError, RecursionError, OverflowError):
        raise StateError("weights_not_grid") from None
    if weights.dtype == object:  # integers too long for any machine type, or None
        for value in weights.flat:
            if not isinstance(value, int) or isinstance(value, bool):
                raise StateError("weights_not_grid")
            check_weight(value)  # raises: it is huge
    if weights.dtype.kind not in "iuf":
        raise StateError("weights_not_grid")
    if weights.ndim == 2:
        weights = weights[None]
    if weights.ndim != 3 or not (1 <= weights.shape[1] <= MAX_KERNEL
                                 and 1 <= weights.shape[2] <= MAX_KERNEL):
        raise StateError("kernel_too_large", limit=MAX_KERNEL)
    if not 1 <= weights.shape[0] <= 3:
        raise StateError("bad_channels")
    weights = weights.astype(np.float64)
    if not np.isfinite(weights).all():
        raise StateError("not_finite")
    largest = float(np.abs(weights).max())
    if largest > MAX_WEIGHT:
        raise StateError("weight_too_large", limit=MAX_WEIGHT, value=largest)
    return weights.astype(np.float32)


def make_preset_filter(preset: str, size: int, channels: int, name: str | None = None) -> Filter:
    kernel = kernels.preset(preset, size)
    return Filter(name or preset, np.repeat(kernel[None], channels, axis=0), 0.0, preset)


def default_filters(channels: int = 1) -> list[Filter]:
    names = ("vertical line", "horizontal line", "sobel x", "laplacian")
    return [make_preset_filter(name, 3, channels) for name in names]


def resize_kernel(weights: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Crop or zero-pad each (KH, KW) slice of ``weights`` (C, KH, KW) around its centre."""
    c, oh, ow = weights.shape
    out = np.zeros((c, kh, kw), dtype=np.float32)
    h, w = min(oh, kh), min(ow, kw)
    so, sn = (oh - h) // 2, (kh - h) // 2
    to, tn = (ow - w) // 2, (kw - w) // 2
    out[:, sn:sn + h, tn:tn + w] = weights[:, so:so + h, to:to + w]
    return out


def convert_channels(weights: np.ndarray, channels: int) -> np.ndarray:
    """``weights`` (C, KH, KW) for ``channels`` input channels: a grayscale filter is
    the mean of the colour slices; a colour filter repeats that mean in each slice."""
    if weights.shape[0] == channels:
        return weights
    if channels == 1:
        return weights.mean(axis=0, keepdims=True)
    return np.repeat(weights.mean(axis=0, keepdims=True), channels, axis=0)
