"""The one state object the panels share: image, filters, settings, selection, model.

Panels receive a :class:`LabState` in their constructor, change it through its methods
and redraw on its signals; they never call each other. Lessons set the app up by
changing this object alone, several changes at once inside :meth:`LabState.batch`.

Every change that affects the explorer schedules one recomputation on the next turn of
the event loop, so a burst of edits costs one computation and one repaint. Before
computing, the cost is estimated (:mod:`gui.state.budget`): settings that would need
more memory than the budget are refused with a message, and explorations that take
longer than a frame run in a :class:`gui.worker.Worker`, the latest edit winning.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from engine import kernels
from engine.layers import AvgPool2D, Conv2D, MaxPool2D, ReLU
from engine.pipeline import CellExplanation, Exploration, explore
from gui.common.error_text import error_text
from gui.common.preprocess import Preprocess, prepare
from gui.state.budget import EXPLORE_MEMORY_BUDGET, FRAME_SECONDS, exploration_cost
from gui.state.errors import StateError
from gui.state.filters import (
    MAX_FILTERS,
    MAX_KERNEL,
    Filter,
    check_weight,
    convert_channels,
    default_filters,
    resize_kernel,
)
from gui.state.selection import Selection
from gui.state.settings import DATA_SOURCES, LayerSettings, TrainingConfig
from gui.worker import Worker, return_free_memory

#: The order signals go out in when a batch of changes ends: what changed first, then
#: what was picked, so a listener of a later signal sees every earlier change.
_SIGNAL_ORDER = ("source_changed", "image_changed", "filters_changed", "settings_changed",
                 "model_changed", "selected_filter_changed", "channel_selected",
                 "cell_selected", "pooled_cell_selected", "data_source_changed",
                 "training_config_changed")


def _padding_name(padding) -> str | tuple[int, int]:
    """A trained layer's numeric padding in the explorer's words: none is "valid"."""
    pad = tuple(int(v) for v in padding)
    if pad == (0, 0):
        return "valid"
    return pad


#: The explorer's worker thread ends after this long without a heavy exploration.
EXPLORE_WORKER_IDLE_SECONDS = 3.0


class LabState(QObject):
    """Everything the explorer shows, with a signal for each kind of change."""

    source_changed = Signal()
    image_changed = Signal()
    filters_changed = Signal()
    selected_filter_changed = Signal(int)
    channel_selected = Signal(int)
    settings_changed = Signal()
    explored = Signal(object)        # Exploration
    explore_failed = Signal(str)     # a message for the learner
    busy_changed = Signal(bool)      # True while an exploration runs in the worker
    model_changed = Signal()
    predicted = Signal(object)        # softmax probabilities (K,) for the image, or None
    cell_selected = Signal(int, int)  # feature-map row, column (-1, -1: none)
    pooled_cell_selected = Signal(int, int)  # pooled-map row, column (-1, -1: none)
    data_source_changed = Signal(str)
    training_config_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = np.ones((9, 9, 3), dtype=np.float32)
        self._source_name = ""
        self._preprocess = Preprocess()
        self._image = prepare(self._source, self._preprocess)
        self._filters: list[Filter] = default_filters(1)
        self._selection = Selection()
        self._settings = LayerSettings()
        self._training_config = TrainingConfig()
        self._data_source = DATA_SOURCES[0]
        self._exploration: Exploration | None = None
        # (exploration, filter, cell, explanation) of the last `cell_explanation` asked.
        self._explained: tuple | None = None
        self._error: str | None = None
        self._model = None
        self._prediction = None
        self._learned: list[Filter] | None = None
        # The learner's own filters and layer settings, kept when "Use learned filters"
        # replaced them (see `restore_own_filters`); whether the editor holds a model's.
        self._own: tuple[list[Filter], LayerSettings] | None = None
        self._from_model = False
        # Batches: depth of nested batch() blocks, the signals held back (name -> args)
        # and whether a recomputation is owed when the outermost block ends.
        self._batch_depth = 0
        self._held: dict[str, tuple] = {}
        self._recompute_owed = False
        # Background explorations: the running worker, the inputs of the newest edit
        # waiting for it, and a counter that tells the newest request from stale ones.
        self._explore_worker: Worker | None = None
        self._queued_inputs: tuple | None = None  # (generation, inputs), shared with it
        self._queue_lock = threading.Condition()
        self._busy = False
        self._generation = 0
        #: Set False to compute every exploration in the GUI thread (tests, exports).
        self.background_allowed = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.recompute)
        self._schedule()

    # --- applying many changes as one ------------------------------------------------
    @contextmanager
    def batch(self):
        """Apply many changes (image, filters, settings, selection) as one: signals are
        held back and sent once each when the outermost ``with state.batch():`` ends,
        and the explorer recomputes once, on the next turn of the event loop (call
        :meth:`recompute` to have the result at once). Blocks may nest."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._release()

    def _release(self) -> None:
        held, self._held = self._held, {}
        for name in _SIGNAL_ORDER:
            if name in held:
                getattr(self, name).emit(*held[name])
        if self._recompute_owed:
            self._recompute_owed = False
            self._schedule()  # one recomputation, on the next turn of the event loop

    def _emit(self, name: str, *args) -> None:
        if self._batch_depth:
            self._held[name] = args  # the latest value of a repeated signal wins
        else:
            getattr(self, name).emit(*args)

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
            raise StateError("image_shape", shape=tuple(rgb.shape))
        source = np.clip(np.nan_to_num(rgb), 0.0, 1.0)
        source.flags.writeable = False
        self._source = source
        self._source_name = name
        self._emit("source_changed")
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
        image.flags.writeable = False
        self._image = image
        with self.batch():
            if channels_changed:
                self._filters = [f.replace(weights=convert_channels(f.weights, image.shape[0]))
                                 for f in self._filters]
                self._emit("filters_changed")
                self._select(channel=min(self._selection.channel, image.shape[0] - 1))
            self._clear_cells()
            self._emit("image_changed")
            self._schedule()

    # --- filters ---------------------------------------------------------------------
    @property
    def filters(self) -> list[Filter]:
        """The feature detectors: a new list of immutable :class:`Filter` snapshots."""
        return list(self._filters)

    @property
    def filter_count(self) -> int:
        return len(self._filters)

    @property
    def selected_filter(self) -> Filter:
        return self._filters[self._selection.filter]

    @property
    def kernel_size(self) -> tuple[int, int]:
        return tuple(self._filters[0].weights.shape[1:])

    def weights(self) -> np.ndarray:
        """All filters stacked: (F, C, KH, KW) float32 (a new array)."""
        return np.stack([f.weights for f in self._filters])

    def biases(self) -> np.ndarray:
        return np.array([f.bias for f in self._filters], dtype=np.float32)

    def _replace_filter(self, index: int, **changes) -> None:
        self._filters[index] = self._filters[index].replace(**changes)

    def _filters_edited(self) -> None:
        self._emit("filters_changed")
        self._schedule()

    def set_cell(self, index: int, channel: int, row: int, col: int, value: float) -> None:
        """Change one weight; raises ValueError (and changes nothing) for a bad value."""
        value = check_weight(value)
        f = self._filters[index]
        if f.weights[channel, row, col] == np.float32(value):
            return
        weights = f.weights.copy()
        weights[channel, row, col] = value
        self._replace_filter(index, weights=weights, preset=None)
        self._filters_edited()

    def set_weights(self, index: int, weights: np.ndarray, preset: str | None = None) -> None:
        """Replace one filter's weights (C, KH, KW) of the current size and channels."""
        weights = np.asarray(weights, dtype=np.float32)
        if weights.ndim == 2:
            weights = np.repeat(weights[None], self.channels, axis=0)
        if weights.shape != self._filters[index].weights.shape:
            raise StateError("weights_shape", expected=tuple(self._filters[index].weights.shape),
                             shape=tuple(weights.shape))
        for value in (weights.min(), weights.max()):
            check_weight(value)
        self._replace_filter(index, weights=weights, preset=preset)
        self._filters_edited()

    def apply_preset(self, index: int, preset: str) -> None:
        kh, kw = self.kernel_size
        kernel = kernels.preset(preset, max(kh, kw))
        kernel = resize_kernel(kernel[None], kh, kw)[0]
        self.set_weights(index, kernel, preset)

    def set_bias(self, index: int, bias: float) -> None:
        bias = check_weight(bias)
        if bias == self._filters[index].bias:
            return
        self._replace_filter(index, bias=bias)
        self._filters_edited()

    def rename_filter(self, index: int, name: str) -> None:
        name = name.strip() or self._filters[index].name
        if name != self._filters[index].name:
            self._replace_filter(index, name=name)
            self._emit("filters_changed")

    def set_kernel_size(self, kh: int, kw: int) -> None:
        """Resize every filter (a layer's filters share one size); presets are rebuilt."""
        if not (1 <= kh <= MAX_KERNEL and 1 <= kw <= MAX_KERNEL):
            raise StateError("kernel_size_range", limit=MAX_KERNEL)
        if (kh, kw) == tuple(self.kernel_size):
            return
        resized = []
        for f in self._filters:
            if f.preset is not None:
                kernel = kernels.preset(f.preset, max(kh, kw))
                weights = resize_kernel(np.repeat(kernel[None], self.channels, axis=0), kh, kw)
            else:
                weights = resize_kernel(f.weights, kh, kw)
            resized.append(f.replace(weights=weights))
        self._filters = resized
        with self.batch():
            self._clear_cells()
            self._filters_edited()

    def add_filter(self, f: Filter | None = None) -> int:
        if len(self._filters) >= MAX_FILTERS:
            raise StateError("too_many_filters", limit=MAX_FILTERS)
        if f is None:
            kh, kw = self.kernel_size
            weights = np.zeros((self.channels, kh, kw), np.float32)
            weights[:, kh // 2, kw // 2] = 1.0
            # Named after the number it gets in the list ("8. filter 8"), never a number
            # that reads like another position ("8. filter 4").
            f = Filter(self._unique_name(f"filter {len(self._filters) + 1}"), weights, 0.0,
                       "identity" if kh == kw and kh % 2 else None)
        self._filters.append(f)
        with self.batch():
            self._filters_edited()
            self._select(filter=len(self._filters) - 1, force=True)
        return len(self._filters) - 1

    def duplicate_filter(self, index: int) -> int:
        f = self._filters[index]
        names, n, name = {g.name for g in self._filters}, 2, f"{f.name} (copy)"
        while name in names:
            name, n = f"{f.name} (copy {n})", n + 1
        return self.add_filter(f.replace(name=name))

    def remove_filter(self, index: int) -> None:
        if len(self._filters) <= 1:
            raise StateError("no_filters")
        del self._filters[index]
        with self.batch():
            self._filters_edited()
            self._select(filter=min(self._selection.filter, len(self._filters) - 1),
                         force=True)

    def move_filter(self, index: int, to: int) -> None:
        to = int(np.clip(to, 0, len(self._filters) - 1))
        if to == index:
            return
        self._filters.insert(to, self._filters.pop(index))
        with self.batch():
            self._filters_edited()
            self._select(filter=to, force=True)

    def set_filters(self, filters: list[Filter], remember_as_learned: bool = False) -> None:
        """Replace all filters (loading a file, a lesson, a trained model's first layer)."""
        if not filters:
            raise StateError("no_filters")
        if len(filters) > MAX_FILTERS:
            raise StateError("too_many_filters", limit=MAX_FILTERS)
        shapes = {f.weights.shape[1:] for f in filters}
        if len(shapes) != 1:
            raise StateError("mixed_sizes")
        new = [f.replace(weights=convert_channels(f.weights, self.channels)) for f in filters]
        self._filters = new
        self._from_model = remember_as_learned
        if remember_as_learned:
            self._learned = list(new)
        with self.batch():
            self._clear_cells()
            self._filters_edited()
            self._select(filter=min(self._selection.filter, len(new) - 1), force=True)

    @property
    def learned_filters(self) -> list[Filter] | None:
        return None if self._learned is None else list(self._learned)

    @property
    def learned_filters_edited(self) -> bool:
        """True when learned filters are in the editor and differ from the model's."""
        return self._learned is not None and self._learned != self._filters

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
        with self.batch():
            self._clear_cells()
            self._emit("settings_changed")
            self._schedule()

    # --- selection -------------------------------------------------------------------
    @property
    def selection(self) -> Selection:
        """Filter, channel, feature-map cell and pooled cell picked now (a snapshot)."""
        return self._selection

    @property
    def selected(self) -> int:
        return self._selection.filter

    @property
    def selected_channel(self) -> int:
        return self._selection.channel

    @property
    def selected_cell(self) -> tuple[int, int]:
        return self._selection.cell

    @property
    def selected_pooled_cell(self) -> tuple[int, int]:
        return self._selection.pooled_cell

    def select_filter(self, index: int) -> None:
        self._select(filter=int(np.clip(index, 0, len(self._filters) - 1)))

    def select_channel(self, channel: int) -> None:
        """Which slice (0 for grayscale; 0, 1, 2 = R, G, B) of the filter is edited."""
        self._select(channel=int(np.clip(channel, 0, self.channels - 1)))

    def select_cell(self, row: int, col: int) -> None:
        """Select feature-map cell (row, col); (-1, -1) clears the selection."""
        self._select(cell=(int(row), int(col)), force=True)

    def select_pooled_cell(self, row: int, col: int) -> None:
        """Select pooled-map cell (row, col); (-1, -1) clears it."""
        self._select(pooled_cell=(int(row), int(col)), force=True)

    def _select(self, force: bool = False, **changes) -> None:
        """Change the selection; ``force`` sends the signal even for an unchanged value
        (a click on the selected cell still asks the panels to show it)."""
        old, new = self._selection, replace(self._selection, **changes)
        self._selection = new
        if "filter" in changes and (force or new.filter != old.filter):
            self._emit("selected_filter_changed", new.filter)
        if "channel" in changes and new.channel != old.channel:
            self._emit("channel_selected", new.channel)
        if "cell" in changes and (force or new.cell != old.cell):
            self._emit("cell_selected", *new.cell)
        if "pooled_cell" in changes and (force or new.pooled_cell != old.pooled_cell):
            self._emit("pooled_cell_selected", *new.pooled_cell)

    def _clear_cells(self) -> None:
        """The maps change size or meaning: no cell stays selected (quietly, as before:
        the next result redraws every overlay)."""
        self._selection = self._selection.cleared()

    # --- training set-up -------------------------------------------------------------
    @property
    def data_source(self) -> str:
        """Where training images come from: one of :data:`gui.state.DATA_SOURCES`."""
        return self._data_source

    def set_data_source(self, key: str) -> None:
        if key not in DATA_SOURCES:
            raise StateError("unknown_data_source", key=key, valid=DATA_SOURCES)
        if key != self._data_source:
            self._data_source = key
            self._emit("data_source_changed", key)

    @property
    def training_config(self) -> TrainingConfig:
        """The architecture and hyper-parameters the next training run uses."""
        return self._training_config

    def set_training_config(self, config: TrainingConfig | None = None, **changes) -> None:
        """Replace the training configuration, or change some of its fields; ValueError
        (and nothing changed) for a value the engine must never see."""
        new = replace(config or self._training_config, **changes)
        if new != self._training_config:
            self._training_config = new
            self._emit("training_config_changed")

    # --- model ---------------------------------------------------------------------
    @property
    def model(self):
        """The trained :class:`engine.model.Sequential`, or None."""
        return self._model

    def set_model(self, model) -> None:
        self._model = model
        self._learned = None
        self._emit("model_changed")
        self._schedule()

    def first_conv(self):
        """The model's first convolution layer, or None."""
        if self._model is None:
            return None
        return next((layer for layer in self._model.layers if isinstance(layer, Conv2D)), None)

    def use_learned_filters(self) -> None:
        """Put the model's first-layer filters in the editor, with its stride, padding and
        pooling, so the explorer shows exactly what the network computes. The learner's
        own filters and settings are kept aside (`restore_own_filters`). Listeners hear
        of it once everything has changed."""
        conv = self.first_conv()
        if conv is None:
            raise StateError("no_model_filters")
        if not self._from_model:  # a model's filters replaced by another's are not "own"
            self._own = (list(self._filters), self._settings)
        filters = [Filter(f"learned {i + 1}", w, float(b), None)
                   for i, (w, b) in enumerate(zip(conv.params["weight"], conv.params["bias"],
                                                  strict=True))]
        index = self._model.layers.index(conv)
        follow = self._model.layers[index + 1:index + 3]
        pool = next((layer for layer in follow if isinstance(layer, (MaxPool2D, AvgPool2D))),
                    None)
        settings = LayerSettings(
            stride=conv.stride, padding=_padding_name(conv.padding),
            dilation=(1, 1),
            activation="relu" if any(isinstance(layer, ReLU) for layer in follow) else "none",
            pool="none" if pool is None else ("max" if isinstance(pool, MaxPool2D) else "avg"),
            pool_size=pool.size if pool else (2, 2), pool_stride=None if pool is None or
            pool.stride == pool.size else pool.stride)
        with self.batch():
            self.set_filters(filters, remember_as_learned=True)
            if settings != self._settings:
                self._settings = settings
                self._emit("settings_changed")

    @property
    def own_filters(self) -> list[Filter] | None:
        """Copies of the learner's filters that `use_learned_filters` or
        `restore_default_filters` replaced, or None."""
        return None if self._own is None else list(self._own[0])

    def restore_own_filters(self) -> None:
        """Bring back the filters and layer settings kept aside (see `own_filters`)."""
        if self._own is None:
            raise StateError("no_own_filters")
        filters, settings = self._own
        self._own = None
        with self.batch():  # listeners see filters and settings change together
            self.set_filters(filters)
            if settings != self._settings:
                self._settings = settings
                self._emit("settings_changed")

    def restore_default_filters(self) -> None:
        """Replace every filter by the app's four starting ones (:func:`default_filters`);
        the learner's own are kept aside, as `use_learned_filters` does."""
        if not self._from_model:
            self._own = (list(self._filters), self._settings)
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
    def cell_explanation(self) -> CellExplanation | None:
        """The arithmetic behind the selected feature-map cell of the selected filter in
        the exploration on show (:meth:`engine.pipeline.Exploration.explain`), or None
        when no cell is selected, there is no result or the cell left the maps.

        Worked out once per exploration and selection: the explain panel, the stage view
        and the pixel-values window all read this one, so an edit explains the cell once.
        """
        e, (f, cell) = self._exploration, (self._selection.filter, self._selection.cell)
        cached = self._explained
        if cached is not None and cached[0] is e and cached[1:3] == (f, cell):
            return cached[3]
        explanation = None
        if e is not None and min(cell) >= 0 and f < e.conv.shape[0]:
            try:
                explanation = e.explain(f, *cell)
            except IndexError:  # a stale selection; the state clears it with the new maps
                explanation = None
        self._explained = (e, f, cell, explanation)
        return explanation

    @property
    def error(self) -> str | None:
        return self._error

    @property
    def busy(self) -> bool:
        """True while an exploration runs in the worker (the one on show is older)."""
        return self._busy

    def _schedule(self) -> None:
        if self._batch_depth:
            self._recompute_owed = True
        elif not self._timer.isActive():
            self._timer.start()

    def _inputs(self) -> tuple:
        s = self._settings
        return (self._image, self.weights(), s.stride, s.padding, s.activation, s.pool,
                s.pool_size, s.pool_stride, self.biases(), s.dilation)

    def recompute(self) -> None:
        """Run the explorer pipeline (normally called by the coalescing timer): now, or
        in the worker when it would hold up the window for more than a frame, or not
        at all, with a message, when it would need more memory than the budget."""
        self._timer.stop()
        self._generation += 1
        inputs = self._inputs()
        image, weights, stride, padding = inputs[:4]
        cost = exploration_cost(image.shape, weights.shape, stride, padding, inputs[9],
                                *inputs[4:8])
        if cost is not None and cost.bytes > EXPLORE_MEMORY_BUDGET:
            self._take_queued()
            self._set_busy(False)
            self._failed(error_text(StateError("memory_budget", bytes=cost.bytes,
                                               limit=EXPLORE_MEMORY_BUDGET)))
            return
        if cost is not None and cost.seconds > FRAME_SECONDS and self.background_allowed:
            self._explore_in_background(inputs)
            return
        self._take_queued()  # this result supersedes any still waiting
        self._set_busy(False)
        try:
            result = explore(*inputs)
        except ValueError as error:
            self._failed(error_text(error))
            return
        self._succeeded(result)

    def _failed(self, message: str) -> None:
        self._exploration, self._error = None, message
        self.explore_failed.emit(message)
        if self._model is not None:
            self._predict()  # the model's own settings may still fit the image

    def _succeeded(self, result: Exploration) -> None:
        self._exploration, self._error = result, None
        self.explored.emit(result)
        if self._model is not None or self._prediction is not None:
            self._predict()

    # --- explorations in the worker ------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _explore_in_background(self, inputs: tuple) -> None:
        """Hand the newest inputs to the explorer's worker: one long-lived job that
        explores whatever is newest when it is free (older inputs are never computed),
        and sleeps while nothing is queued, ending after a few idle seconds. One thread
        for a whole session of edits keeps memory flat (a thread per burst of edits
        grows the heap) and the window quick."""
        with self._queue_lock:
            self._queued_inputs = (self._generation, inputs)
            self._queue_lock.notify()
        if self._explore_worker is None:
            self._start_explore_worker()
        self._set_busy(True)

    def _start_explore_worker(self) -> None:
        worker = Worker(self._explore_newest, self)
        worker.progressed.connect(self._on_background_result)
        worker.failed.connect(self._on_background_crashed)
        worker.finished.connect(lambda: self._on_background_finished(worker))
        self._explore_worker = worker
        worker.start()

    def _take_queued(self) -> tuple | None:
        with self._queue_lock:
            queued, self._queued_inputs = self._queued_inputs, None
        return queued

    def _explore_newest(self, report, should_stop) -> None:
        """The worker's job (runs in its thread): explore the newest queued inputs and
        report ``(generation, result or None, message or None)``, until told to stop or
        idle for :data:`EXPLORE_WORKER_IDLE_SECONDS`."""
        idle_since, trim_owed = time.monotonic(), False
        while not should_stop():
            with self._queue_lock:
                if self._queued_inputs is None:
                    if time.monotonic() - idle_since > EXPLORE_WORKER_IDLE_SECONDS:
                        return
                    if trim_owed:  # a burst of edits has ended
                        trim_owed = False
                        return_free_memory()
                    self._queue_lock.wait(0.1)  # wakes at once for new inputs
                    continue
                (generation, inputs), self._queued_inputs = self._queued_inputs, None
            try:
                report((generation, explore(*inputs), None))
            except (ValueError, MemoryError) as error:
                report((generation, None, error_text(error)))
            idle_since, trim_owed = time.monotonic(), True

    def _on_background_result(self, report: tuple) -> None:
        generation, result, message = report
        if generation != self._generation:
            return  # a newer edit has made this one stale
        self._set_busy(False)
        if result is None:
            self._failed(message)
        else:
            self._succeeded(result)

    def _on_background_crashed(self, error: Exception) -> None:
        self._set_busy(False)
        self._failed(error_text(error))

    def _on_background_finished(self, worker: Worker) -> None:
        if worker is not self._explore_worker:
            return
        self._explore_worker = None
        worker.deleteLater()
        with self._queue_lock:
            waiting = self._queued_inputs is not None
        if waiting:  # queued while the idle worker was ending
            self._start_explore_worker()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Drop queued explorations and wait for a running one (the window is closing)."""
        self._take_queued()
        self._timer.stop()
        worker, self._explore_worker = self._explore_worker, None
        self._set_busy(False)
        return worker is None or worker.stop_and_wait(timeout_ms)
