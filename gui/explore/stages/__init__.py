"""The explorer's stage view (see :mod:`gui.explore.stages.view`)."""

from gui.explore.stages.view import StageView

__all__ = ["StageView"]
