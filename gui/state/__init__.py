"""The lab's shared state: image, filters, layer settings, selection and the model.

Panels receive one :class:`LabState` and talk only through its signals. The parts:
:mod:`~gui.state.filters` (frozen :class:`Filter` snapshots and presets),
:mod:`~gui.state.settings` (layer and training settings), :mod:`~gui.state.selection`
(what is picked on screen), :mod:`~gui.state.budget` (memory and time estimates) and
:mod:`~gui.state.lab_state` (the object with the signals, composed of one part per job:
:mod:`~gui.state.image_source`, :mod:`~gui.state.filter_editing`,
:mod:`~gui.state.layer_config`, :mod:`~gui.state.selecting`,
:mod:`~gui.state.training_setup`, :mod:`~gui.state.model_prediction` and
:mod:`~gui.state.exploring`).
"""

from gui.state.filters import (
    MAX_FILTERS,
    MAX_KERNEL,
    MAX_WEIGHT,
    Filter,
    check_weight,
    default_filters,
    make_preset_filter,
)
from gui.state.lab_state import LabState
from gui.state.selection import NO_CELL, Selection
from gui.state.settings import DATA_SOURCES, LayerSettings, TrainingConfig

__all__ = [
    "DATA_SOURCES", "MAX_FILTERS", "MAX_KERNEL", "MAX_WEIGHT", "NO_CELL", "Filter",
    "LabState", "LayerSettings", "Selection", "TrainingConfig", "check_weight",
    "default_filters", "make_preset_filter",
]
