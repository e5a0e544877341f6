"""The state's refusals: a code and the values, worded by :mod:`gui.common.error_text`.

A :class:`StateError` is a ValueError, so callers that catch ValueError keep working;
``str()`` of one is its sentence in the current language.
"""

from __future__ import annotations

from gui.common.error_text import CodedError


class StateError(CodedError):
    """A value the lab's state (filters, layer or training settings) refuses."""

    family = "state"
