"""The one state object the panels share: image, feature detectors, layer settings, model.

Panels receive a :class:`LabState` in their constructor, change it through its methods
and redraw on its signals; they never call each other. Lessons set the app up by
changing this object alone. Every change that affects the explorer schedules one
recomputation through the engine on the next turn of the event loop, so a burst of
edits costs one computation and one repaint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from engine import kernels
from engine.layers import AvgPool2D, Conv2D, MaxPool2D, ReLU
from engine.pipeline import Exploration, explore
from gui.common.preprocess import Preprocess, prepare

#: Largest magnitude a filter cell or bias may hold; beyond it, heatmaps lose all meaning.
MAX_WEIGHT = 1000.0
MAX_FILTERS = 32
MAX_KERNEL = 11


def check_weight(value: float) -> float:
    """``value`` as a float, or ValueError with a message a learner understands."""
    if isinstance(value, bool):  # JSON true/false: a mistake, not the numbers 1 and 0
        raise ValueError(f"{value!r} is not a number")
    try:
        value = float(value)
    except OverflowError:  # an integer hundreds of digits long
        raise ValueError(f"weights are limited to ±{MAX_WEIGHT:g}; "
                         f"a {_digits(value)}-digit number is far too large") from None
    except (TypeError, ValueError):
        raise ValueError(f"{_short_repr(value)} is not a number") from None
    if not math.isfinite(value):
        raise ValueError("a weight must be a finite number (not NaN or infinity)")
    if abs(value) > MAX_WEIGHT:
        raise ValueError(f"weights are limited to ±{MAX_WEIGHT:g}; {value:g} is too large")
    return value


def _digits(value: int) -> int:
    # str() of a huge int is slow, and refused beyond 4300 digits.
    return int(abs(value).bit_length() * 0.30103) + 1


def _short_repr(value, limit: int = 40) -> str:
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


#: Longest filter name a file may give; names are shown in lists and stage headers.
MAX_NAME = 200


@dataclass
class Filter:
    """One feature detector: ``weights`` (C, KH, KW) float32, a bias and a display name.

    ``preset`` names the preset it came from, or is None once edited ("custom").
    """

    name: str
    weights: np.ndarray
    bias: float = 0.0
    preset: str | None = None

    def copy(self) -> Filter:
        return Filter(self.name, self.weights.copy(), self.bias, self.preset)

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
            raise ValueError("each filter must be an object with name and weights")
        weights = _weights_from(data.get("weights"))
        name = data.get("name", "filter")
        if not isinstance(name, str):
            raise ValueError("a filter's name must be text")
        if len(name) > MAX_NAME:
            raise ValueError(f"a filter's name must be at most {MAX_NAME} characters long")
        preset = data.get("preset")
        if not (preset is None or isinstance(preset, str)):
            raise ValueError("a filter's preset must be the name of a preset")
        return cls(name, weights, check_weight(data.get("bias", 0.0)),
                   preset if preset in kernels.PRESETS else None)


def _weights_from(raw) -> np.ndarray:
    """(C, KH, KW) float32 weights from nested lists, or ValueError saying what is wrong."""
    grid_message = "filter weights must be a grid of numbers"
    if not isinstance(raw, list):
        raise ValueError(grid_message)
    try:
        weights = np.asarray(raw)
    # Ragged or too deeply nested lists (ValueError), deeper than the stack (RecursionError).
    except (ValueError, TypeError, RecursionError, OverflowError):
        raise ValueError(grid_message) from None
    if weights.dtype == object:  # integers too long for any machine type, or None
        for value in weights.flat:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(grid_message)
            check_weight(value)  # raises: it is huge
    if weights.dtype.kind not in "iuf":
        raise ValueError(grid_message)
    if weights.ndim == 2:
        weights = weights[None]
    if weights.ndim != 3 or not (1 <= weights.shape[1] <= MAX_KERNEL
                                 and 1 <= weights.shape[2] <= MAX_KERNEL):
        raise ValueError(f"filter weights must be k×k grids up to {MAX_KERNEL}×{MAX_KERNEL}")
    if not 1 <= weights.shape[0] <= 3:
        raise ValueError("a filter has one grid per colour channel: 1 (grey) or 3 (RGB)")
    weights = weights.astype(np.float64)
    if not np.isfinite(weights).all():
        raise ValueError("a weight must be a finite number (not NaN or infinity)")
    largest = float(np.abs(weights).max())
    if largest > MAX_WEIGHT:
        raise ValueError(f"weights are limited to ±{MAX_WEIGHT:g}; {largest:g} is too large")
    return weights.astype(np.float32)


@dataclass(frozen=True)
class LayerSettings:
    """How the convolutional layer and the pooling after it are set up.

    ``padding`` is ``"valid"``, ``"same"`` or a (rows, cols) pair; ``pool_stride`` None
    means "equal to the pool size".
    """

    stride: tuple[int, int] = (1, 1)
    padding: str | tuple[int, int] = "valid"
    dilation: tuple[int, int] = (1, 1)
    activation: str = "relu"
    pool: str = "max"
    pool_size: tuple[int, int] = (2, 2)
    pool_stride: tuple[int, int] | None = None


def default_filters(channels: int = 1) -> list[Filter]:
    names = ("vertical line", "horizontal line", "sobel x", "laplacian")
    return [make_preset_filter(name, 3, channels) for name in names]


def make_preset_filter(preset: str, size: int, channels: int, name: str | None = None) -> Filter:
    kernel = kernels.preset(preset, size)
    return Filter(name or preset, np.repeat(kernel[None], channels, axis=0), 0.0, preset)


def _resize_kernel(weights: np.ndarray, kh: int, kw: int) -> np.ndarray:
    """Crop or zero-pad each (KH, KW) slice around its centre."""
    c, oh, ow = weights.shape
    out = np.zeros((c, kh, kw), dtype=np.float32)
    h, w = min(oh, kh), min(ow, kw)
    so, sn = (oh - h) // 2, (kh - h) // 2
    to, tn = (ow - w) // 2, (kw - w) // 2
    out[:, sn:sn + h, tn:tn + w] = weights[:, so:so + h, to:to + w]
    return out


def _convert_channels(weights: np.ndarray, channels: int) -> np.ndarray:
    if weights.shape[0] == channels:
        return weights
    if channels == 1:
        return weights.mean(axis=0, keepdims=True)
    return np.repeat(weights.mean(axis=0, keepdims=True), channels, axis=0)


class LabState(QObject):
    """Everything the explorer shows, with a signal for each kind of change."""

    source_changed = Signal()
    image_changed = Signal()
    filters_changed = Signal()
    selected_filter_changed = Signal(int)
    settings_changed = Signal()
    explored = Signal(object)        # Exploration
    explore_failed = Signal(str)     # a message for the learner
    model_changed = Signal()
    predicted = Signal(object)        # softmax probabilities (K,) for the image, or None
    cell_selected = Signal(int, int)  # feature-map row, column (-1, -1: none)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = np.ones((9, 9, 3), dtype=np.float32)
        self._source_name = ""
        self._preprocess = Preprocess()
        self._image = prepare(self._source, self._preprocess)
        self._filters: list[Filter] = default_filters(1)
        self._selected = 0
        self._settings = LayerSettings()
        self._exploration: Exploration | None = None
        self._error: str | None = None
        self._model = None
        self._prediction = None
        self._learned: list[Filter] | None = None
        # The learner's own filters and layer settings, kept when "Use learned filters"
        # replaced them (see `restore_own_filters`); whether the editor holds a model's.
        self._own: tuple[list[Filter], LayerSettings] | None = None
        self._from_model = False
        self._cell = (-1, -1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.recompute)
        self._schedule()

    # --- image -----------------------------------------------------------------------
    @property
    def source(self) -> np.ndarray:
        """The picture as loaded: (H, W, 3) float32 RGB, 0 = dark, 1 = bright."""
        return self._source

    @property
    def source_name(self) -> str:
        return self._source_name

    @property
    def preprocess(self) -> Preprocess:
        return self._preprocess

    @property
    def image(self) -> np.ndarray:
        """The image the filters see: (C, H, W) float32 (see :mod:`gui.common.preprocess`)."""
        return self._image

    @property
    def channels(self) -> int:
        return self._image.shape[0]

    def set_source(self, rgb: np.ndarray, name: str = "") -> None:
        """Show a new picture; ``rgb`` is (H, W, 3) or (H, W), values 0..1, 1 = bright."""
        rgb = np.asarray(rgb, dtype=np.float32)
        if rgb.ndim == 2:
            rgb = np.repeat(rgb[:, :, None], 3, axis=2)
        if rgb.ndim != 3 or rgb.shape[2] != 3 or min(rgb.shape[:2]) < 1:
            raise ValueError(f"an image must be (H, W) or (H, W, 3), got {rgb.shape}")
        self._source = np.clip(np.nan_to_num(rgb), 0.0, 1.0)
        self._source_name = name
        self.source_changed.emit()
        self._update_image()

    def set_preprocess(self, preprocess: Preprocess | None = None, **changes) -> None:
        new = replace(preprocess or self._preprocess, **changes)
        if new == self._preprocess:
            return
        self._preprocess = new
        self._update_image()

    def _update_image(self) -> None:
        image = prepare(self._source, self._preprocess)
        channels_changed = image.shape[0] != self._image.shape[0]
        self._image = image
        if channels_changed:
            for f in self._filters:
                f.weights = _convert_channels(f.weights, image.shape[0])
            self.filters_changed.emit()
        self._cell = (-1, -1)
        self.image_changed.emit()
        self._schedule()

    # --- filters ---------------------------------------------------------------------
    @property
    def filters(self) -> list[Filter]:
        """The feature detectors (do not mutate: use the methods below)."""
        return self._filters

    @property
    def selected(self) -> int:
        return self._selected

    @property
    def selected_filter(self) -> Filter:
        return self._filters[self._selected]

    @property
    def kernel_size(self) -> tuple[int, int]:
        return self._filters[0].weights.shape[1:]

    def weights(self) -> np.ndarray:
        """All filters stacked: (F, C, KH, KW) float32."""
        return np.stack([f.weights for f in self._filters])

    def biases(self) -> np.ndarray:
        return np.array([f.bias for f in self._filters], dtype=np.float32)

    def select_filter(self, index: int) -> None:
        index = int(np.clip(index, 0, len(self._filters) - 1))
        if index != self._selected:
            self._selected = index
            self.selected_filter_changed.emit(index)

    def _filters_edited(self) -> None:
        self.filters_changed.emit()
        self._schedule()

    def set_cell(self, index: int, channel: int, row: int, col: int, value: float) -> None:
        """Change one weight; raises ValueError (and changes nothing) for a bad value."""
        value = check_weight(value)
        f = self._filters[index]
        if f.weights[channel, row, col] == np.float32(value):
            return
        f.weights[channel, row, col] = value
        f.preset = None
        self._filters_edited()

    def set_weights(self, index: int, weights: np.ndarray, preset: str | None = None) -> None:
        """Replace one filter's weights (C, KH, KW) of the current size and channels."""
        weights = np.asarray(weights, dtype=np.float32)
        if weights.ndim == 2:
            weights = np.repeat(weights[None], self.channels, axis=0)
        if weights.shape != self._filters[index].weights.shape:
            raise ValueError(f"weights must have shape {self._filters[index].weights.shape}, "
                             f"got {weights.shape}")
        for value in (weights.min(), weights.max()):
            check_weight(value)
        f = self._filters[index]
        f.weights = weights.copy()
        f.preset = preset
        self._filters_edited()

    def apply_preset(self, index: int, preset: str) -> None:
        kh, kw = self.kernel_size
        kernel = kernels.preset(preset, max(kh, kw))
        kernel = _resize_kernel(kernel[None], kh, kw)[0]
        self.set_weights(index, kernel, preset)

    def set_bias(self, index: int, bias: float) -> None:
        self._filters[index].bias = check_weight(bias)
        self._filters_edited()

    def rename_filter(self, index: int, name: str) -> None:
        self._filters[index].name = name.strip() or self._filters[index].name
        self.filters_changed.emit()

    def set_kernel_size(self, kh: int, kw: int) -> None:
        """Resize every filter (a layer's filters share one size); presets are rebuilt."""
        if not (1 <= kh <= MAX_KERNEL and 1 <= kw <= MAX_KERNEL):
            raise ValueError(f"kernel size must be between 1 and {MAX_KERNEL}")
        if (kh, kw) == tuple(self.kernel_size):
            return
        for f in self._filters:
            if f.preset is not None:
                kernel = kernels.preset(f.preset, max(kh, kw))
                f.weights = _resize_kernel(
                    np.repeat(kernel[None], self.channels, axis=0), kh, kw)
            else:
                f.weights = _resize_kernel(f.weights, kh, kw)
        self._cell = (-1, -1)
        self._filters_edited()

    def add_filter(self, f: Filter | None = None) -> int:
        if len(self._filters) >= MAX_FILTERS:
            raise ValueError(f"at most {MAX_FILTERS} filters")
        if f is None:
            kh, kw = self.kernel_size
            # Named after the number it gets in the list ("8. filter 8"), never a number
            # that reads like another position ("8. filter 4").
            f = Filter(self._unique_name(f"filter {len(self._filters) + 1}"),
                       np.zeros((self.channels, kh, kw), np.float32), 0.0, None)
            f.weights[:, kh // 2, kw // 2] = 1.0
            f.preset = "identity" if kh == kw and kh % 2 else None
        self._filters.append(f)
        self._selected = len(self._filters) - 1
        self._filters_edited()
        self.selected_filter_changed.emit(self._selected)
        return self._selected

    def duplicate_filter(self, index: int) -> int:
        f = self._filters[index].copy()
        names, n = {g.name for g in self._filters}, 2
        f.name = f"{f.name} (copy)"
        while f.name in names:
            f.name, n = f"{self._filters[index].name} (copy {n})", n + 1
        return self.add_filter(f)

    def remove_filter(self, index: int) -> None:
        if len(self._filters) <= 1:
            raise ValueError("a layer needs at least one filter")
        del self._filters[index]
        self._selected = min(self._selected, len(self._filters) - 1)
        self._filters_edited()
        self.selected_filter_changed.emit(self._selected)

    def move_filter(self, index: int, to: int) -> None:
        to = int(np.clip(to, 0, len(self._filters) - 1))
        if to == index:
            return
        f = self._filters.pop(index)
        self._filters.insert(to, f)
        self._selected = to
        self._filters_edited()
        self.selected_filter_changed.emit(to)

    def set_filters(self, filters: list[Filter], remember_as_learned: bool = False) -> None:
        """Replace all filters (loading a file, a lesson, a trained model's first layer)."""
        if not filters:
            raise ValueError("a layer needs at least one filter")
        if len(filters) > MAX_FILTERS:
            raise ValueError(f"at most {MAX_FILTERS} filters")
        shapes = {f.weights.shape[1:] for f in filters}
        if len(shapes) != 1:
            raise ValueError("all filters of a layer must have the same size")
        new = [f.copy() for f in filters]
        for f in new:
            f.weights = _convert_channels(f.weights.astype(np.float32), self.channels)
        self._filters = new
        self._from_model = remember_as_learned
        self._learned = [f.copy() for f in new] if remember_as_learned else self._learned
        self._selected = min(self._selected, len(new) - 1)
        self._cell = (-1, -1)
        self._filters_edited()
        self.selected_filter_changed.emit(self._selected)

    @property
    def learned_filters(self) -> list[Filter] | None:
        return self._learned

    def reset_to_learned(self) -> None:
        if self._learned is not None:
            self.set_filters(self._learned)

    def _unique_name(self, base: str) -> str:
        # The counter goes in brackets: "vertical line 2" would read as a list position.
        names = {f.name for f in self._filters}
        if base not in names:
            return base
        n = 2
        while f"{base} ({n})" in names:
            n += 1
        return f"{base} ({n})"

    # --- layer settings --------------------------------------------------------------
    @property
    def settings(self) -> LayerSettings:
        return self._settings

    def set_settings(self, **changes) -> None:
        new = replace(self._settings, **changes)
        if new == self._settings:
            return
        self._settings = new
        self._cell = (-1, -1)
        self.settings_changed.emit()
        self._schedule()

    # --- model ---------------------------------------------------------------------
    @property
    def model(self):
        """The trained :class:`engine.model.Sequential`, or None."""
        return self._model

    def set_model(self, model) -> None:
        self._model = model
        self._learned = None
        self.model_changed.emit()
        self._schedule()

    def first_conv(self):
        """The model's first convolution layer, or None."""
        if self._model is None:
            return None
        return next((layer for layer in self._model.layers if isinstance(layer, Conv2D)), None)

    def use_learned_filters(self) -> None:
        """Put the model's first-layer filters in the editor, with its stride, padding and
        pooling, so the explorer shows exactly what the network computes. The learner's
        own filters and settings are kept aside (`restore_own_filters`)."""
        conv = self.first_conv()
        if conv is None:
            raise ValueError("there is no trained model with a convolution layer yet")
        if not self._from_model:  # a model's filters replaced by another's are not "own"
            self._own = ([f.copy() for f in self._filters], self._settings)
        filters = [Filter(f"learned {i + 1}", w.copy(), float(b), None)
                   for i, (w, b) in enumerate(zip(conv.params["weight"], conv.params["bias"],
                                                  strict=True))]
        index = self._model.layers.index(conv)
        follow = self._model.layers[index + 1:index + 3]
        pool = next((layer for layer in follow if isinstance(layer, (MaxPool2D, AvgPool2D))),
                    None)
        self._settings = LayerSettings(
            stride=conv.stride, padding=conv.padding, dilation=(1, 1),
            activation="relu" if any(isinstance(layer, ReLU) for layer in follow) else "none",
            pool="none" if pool is None else ("max" if isinstance(pool, MaxPool2D) else "avg"),
            pool_size=pool.size if pool else (2, 2), pool_stride=None if pool is None or
            pool.stride == pool.size else pool.stride)
        self.settings_changed.emit()
        self.set_filters(filters, remember_as_learned=True)

    @property
    def own_filters(self) -> list[Filter] | None:
        """Copies of the learner's filters that `use_learned_filters` or
        `restore_default_filters` replaced, or None."""
        return None if self._own is None else [f.copy() for f in self._own[0]]

    def restore_own_filters(self) -> None:
        """Bring back the filters and layer settings kept aside (see `own_filters`)."""
        if self._own is None:
            raise ValueError("no filters of your own were replaced")
        filters, settings = self._own
        self._own = None
        self._settings = settings
        self.settings_changed.emit()
        self.set_filters(filters)

    def restore_default_filters(self) -> None:
        """Replace every filter by the app's four starting ones (:func:`default_filters`);
        the learner's own are kept aside, as `use_learned_filters` does."""
        if not self._from_model:
            self._own = ([f.copy() for f in self._filters], self._settings)
        self.set_filters(default_filters(self.channels))

    @property
    def prediction(self):
        """Softmax probabilities (K,) of the model for the current image, or None when
        there is no model or the image does not fit it."""
        return self._prediction

    def _predict(self) -> None:
        model, conv = self._model, self.first_conv()
        prediction = None
        if model is not None and tuple(self._image.shape) == tuple(model.input_shape or ()):
            weights, biases = self.weights(), self.biases()
            # Once the learned filters are in the editor, the editor's filters stand in
            # for the first layer, so editing a learned weight changes the prediction live;
            # the shared model itself is never changed.
            if (conv is not None and self._learned is not None
                    and weights.shape == conv.params["weight"].shape):
                model = model.with_parameters(
                    {model.layers.index(conv): {"weight": weights, "bias": biases}})
            prediction = model.predict_proba(self._image[None])[0]
        self._prediction = prediction
        self.predicted.emit(prediction)

    # --- results ---------------------------------------------------------------------
    @property
    def exploration(self) -> Exploration | None:
        """The latest result, or None when the settings leave no output (see ``error``)."""
        return self._exploration

    @property
    def error(self) -> str | None:
        return self._error

    @property
    def selected_cell(self) -> tuple[int, int]:
        return self._cell

    def select_cell(self, row: int, col: int) -> None:
        self._cell = (int(row), int(col))
        self.cell_selected.emit(*self._cell)

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def recompute(self) -> None:
        """Run the explorer pipeline now (normally called by the coalescing timer)."""
        self._timer.stop()
        s = self._settings
        try:
            result = explore(self._image, self.weights(), s.stride, s.padding, s.activation,
                             s.pool, s.pool_size, s.pool_stride, self.biases(), s.dilation)
        except ValueError as error:
            self._exploration, self._error = None, str(error)
            self.explore_failed.emit(self._error)
            if self._model is not None:
                self._predict()  # the model's own settings may still fit the image
            return
        self._exploration, self._error = result, None
        self.explored.emit(result)
        if self._model is not None or self._prediction is not None:
            self._predict()
