"""What is picked on screen: filter, channel, feature-map cell and pooled cell.

One job of :class:`gui.state.LabState`: changing the selection and sending its signals.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from gui.state.selection import Selection


class Selecting:
    """The selection part of :class:`gui.state.LabState`."""

    def _init_selecting(self) -> None:
        self._selection = Selection()

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
