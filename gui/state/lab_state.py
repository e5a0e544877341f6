"""The one state object the panels share: image, filters, settings, selection, model.

Panels receive a :class:`LabState` in their constructor, change it through its methods
and redraw on its signals; they never call each other. Lessons set the app up by
changing this object alone, several changes at once inside :meth:`LabState.batch`.

Every change that affects the explorer schedules one recomputation on the next turn of
the event loop, so a burst of edits costs one computation and one repaint. Before
computing, the cost is estimated (:mod:`gui.state.budget`): settings that would need
more memory than the budget are refused with a message, and explorations that take
longer than a frame run in a :class:`gui.worker.Worker`, the latest edit winning.

This module holds the signals, the state they describe and how a batch of changes sends
them; each kind of change lives in its own part, one job each:
:mod:`~gui.state.image_source`, :mod:`~gui.state.filter_editing` (one filter, or the
list's order), :mod:`~gui.state.filter_sets` (whole sets: learned, default, the
learner's own), :mod:`~gui.state.layer_config`, :mod:`~gui.state.selecting`,
:mod:`~gui.state.training_setup`, :mod:`~gui.state.model_prediction`,
:mod:`~gui.state.unit_switching` (units switched off, the test images),
:mod:`~gui.state.kernel_editing` (learned kernels edited) and
:mod:`~gui.state.exploring` (scheduling, the budget and the worker).
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal

from gui.state.classify_input import ClassifyInput
from gui.state.exploring import Exploring
from gui.state.filter_editing import FilterEditing
from gui.state.filter_history import FilterHistory
from gui.state.filter_sets import FilterSets
from gui.state.image_source import ImageSource
from gui.state.kernel_editing import KernelEditing
from gui.state.layer_config import LayerConfig
from gui.state.model_prediction import ModelPrediction
from gui.state.selecting import Selecting
from gui.state.training_setup import TrainingSetup
from gui.state.unit_switching import UnitSwitching

#: The order signals go out in when a batch of changes ends: what changed first, then
#: what was picked, so a listener of a later signal sees every earlier change.
_SIGNAL_ORDER = ("source_changed", "image_changed", "filters_changed", "settings_changed",
                 "model_changed", "selected_filter_changed", "channel_selected",
                 "cell_selected", "pooled_cell_selected", "data_source_changed",
                 "training_config_changed", "classify_input_changed",
                 "switched_off_changed", "kernel_edits_changed", "test_set_changed")


class LabState(QObject, ImageSource, FilterEditing, FilterSets, FilterHistory, LayerConfig,
               Selecting, TrainingSetup, ModelPrediction, Exploring, ClassifyInput,
               UnitSwitching, KernelEditing):
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
    classify_input_changed = Signal()  # the Classify page's 28×28 input (classify_input)
    switched_off_changed = Signal()  # units of the model switched off or on
    test_set_changed = Signal()      # the test images to measure the model with
    kernel_edits_changed = Signal()  # a learned kernel of the model edited or reset

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._init_image_source()
        self._init_filter_editing()
        self._init_filter_sets()
        self._init_filter_history()
        self._init_selecting()
        self._init_layer_config()
        self._init_training_setup()
        self._init_model_prediction()
        self._init_classify_input()
        self._init_unit_switching()
        self._init_kernel_editing()
        # Batches: depth of nested batch() blocks, the signals held back (name -> args)
        # and whether a recomputation is owed when the outermost block ends.
        self._batch_depth = 0
        self._held: dict[str, tuple] = {}
        self._recompute_owed = False
        self._init_exploring()
        self._schedule(edit=False)

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
                if name == "filters_changed":
                    self._filters_settling()
                getattr(self, name).emit(*held[name])
        if self._recompute_owed:
            self._recompute_owed = False
            # One recomputation, on the next turn of the event loop (an edit in the
            # batch has already said so to training).
            self._schedule(edit=False)

    def _emit(self, name: str, *args) -> None:
        if self._batch_depth:
            self._held[name] = args  # the latest value of a repeated signal wins
        else:
            if name == "filters_changed":
                self._filters_settling()
            getattr(self, name).emit(*args)
