"""The lab's shared state: image, filters, layer settings, selection and the model.

Panels receive one :class:`LabState` and talk only through its signals.
"""

from gui.state.lab_state import (
    MAX_FILTERS,
    MAX_KERNEL,
    MAX_WEIGHT,
    Filter,
    LabState,
    check_weight,
    make_preset_filter,
)

__all__ = [
    "MAX_FILTERS", "MAX_KERNEL", "MAX_WEIGHT", "Filter", "LabState", "check_weight",
    "make_preset_filter",
]
