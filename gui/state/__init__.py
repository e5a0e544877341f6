"""The lab's shared state: image, filters, layer settings, selection and the model.

Panels receive one :class:`LabState` and talk only through its signals. The parts:
:mod:`~gui.state.filters` (frozen :class:`Filter` snapshots and presets),
:mod:`~gui.state.settings` (layer and training settings), :mod:`~gui.state.selection`
(what is picked on screen), :mod:`~gui.state.budget` (memory and time estimates) and
:mod:`~gui.state.lab_state` (the object with the signals).
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
