"""What the learner has picked on screen: a filter, its channel slice, a feature-map cell
and a pooled cell. Lessons set these through :class:`gui.state.LabState` as a learner
would by clicking."""

from __future__ import annotations

from dataclasses import dataclass

#: A cell position meaning "nothing selected".
NO_CELL = (-1, -1)


@dataclass(frozen=True)
class Selection:
    """``filter`` and ``channel`` index the filter list and its (C, KH, KW) slices;
    ``cell`` is a feature-map (row, column) and ``pooled_cell`` a pooled-map (row,
    column); :data:`NO_CELL` when none is selected."""

    filter: int = 0
    channel: int = 0
    cell: tuple[int, int] = NO_CELL
    pooled_cell: tuple[int, int] = NO_CELL

    def cleared(self) -> Selection:
        """The same filter and channel with no cell selected (the maps changed size)."""
        return Selection(self.filter, self.channel)
