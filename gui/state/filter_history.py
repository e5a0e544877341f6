"""Taking filter edits back: every change of the filters, one step at a time.

One job of :class:`gui.state.LabState`. A step is whatever changed the filters between
two times the listeners heard of it (``filters_changed``): one typed weight, one wheel
notch, a preset, a tool (Randomise, Zero…), a new kernel size, a whole set from a lesson,
a file or a model. A batch of changes is one step. Filters are values the state replaces
and never changes in place, so a step keeps the list as it was, sharing its filters.
"""

from __future__ import annotations

from gui.state.errors import StateError
from gui.state.filters import Filter

#: How many steps back the learner can go.
UNDO_LIMIT = 200


class FilterHistory:
    """The undo part of :class:`gui.state.LabState` (see :meth:`undo_filter_edit`)."""

    def _init_filter_history(self) -> None:
        self._undo_steps: list[list[Filter]] = []
        self._undoing = False
        # The filters as listeners last heard of them: the step an edit takes back to.
        self._settled: list[Filter] = list(self._filters)

    @property
    def can_undo_filters(self) -> bool:
        return bool(self._undo_steps)

    def undo_filter_edit(self) -> None:
        """Put back the filters as they were before the latest change (for the image's
        channels now); raises StateError when there is nothing to take back."""
        if not self._undo_steps:
            raise StateError("nothing_to_undo")
        previous = self._undo_steps.pop()
        self._undoing = True  # going back is no step of its own
        try:
            self.set_filters(previous)
        finally:
            self._undoing = False
        self._settled = list(self._filters)

    def forget_filter_edits(self) -> None:
        """Start the history afresh (the filters remembered from the last session are
        where this one starts, not a step back to the defaults)."""
        self._undo_steps.clear()
        self._settled = list(self._filters)

    def _filters_settling(self) -> None:
        """The listeners are about to hear that the filters changed: keep the filters
        they knew as a step back."""
        current, settled = self._filters, self._settled
        if self._undoing:
            self._settled = list(current)
            return
        if len(current) == len(settled) and all(
                a is b for a, b in zip(current, settled, strict=True)):
            return
        self._undo_steps.append(settled)
        del self._undo_steps[:-UNDO_LIMIT]
        self._settled = list(current)

    def _filters_converted(self) -> None:
        """The filters were remade for the image's channels, not edited: no step (an
        undo converts what it puts back)."""
        self._settled = list(self._filters)
