"""Choosing things in the stage view, by keyboard and by mouse: arrows move the selected
feature-map cell, [ and ] change filter, Escape clears; a click selects a feature-map
cell, a pooled cell, a position of the flattened vector or a filter's thumbnail. What
is chosen goes to the shared state; the view redraws from the state's signals."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt


class StageNavigation(QObject):
    """Turns keys on ``scene``'s widget and clicks on its maps into selections in
    ``state``; ``changed`` is called when a pooled cell is chosen (the view's marks and
    readout follow it)."""

    _MOVES = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
              Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}

    def __init__(self, scene, state, changed) -> None:
        super().__init__(scene.graphics)
        self._scene = scene
        self._state = state
        self._changed = changed
        scene.graphics.installEventFilter(self)
        scene.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress:
            return self.handle_key(event.key())
        return False

    def handle_key(self, key) -> bool:
        """Arrows move the selected feature-map cell (the first press selects the
        top-left one), [ and ] select the previous and next filter, Escape clears the
        selection. Returns whether the key was used."""
        e = self._scene.exploration
        if e is None:
            return False
        state = self._state
        if key in self._MOVES:
            rows, cols = e.conv.shape[1:]
            row, col = state.selected_cell
            if row < 0 or col < 0:
                row, col = 0, 0
            else:
                dr, dc = self._MOVES[key]
                row = min(max(row + dr, 0), rows - 1)
                col = min(max(col + dc, 0), cols - 1)
            state.select_cell(row, col)
            return True
        if key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            step = -1 if key == Qt.Key.Key_BracketLeft else 1
            state.select_filter(state.selected + step)
            return True
        if key == Qt.Key.Key_Escape:
            with state.batch():
                state.select_pooled_cell(-1, -1)
                state.select_cell(-1, -1)
            return True
        return False

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._scene.hit(event.scenePos())
        if hit is not None:
            self.click_cell(*hit[:3], index=hit[3])

    def click_cell(self, key: str, row: int, col: int, index: int = -1) -> None:
        """Act as a click on cell (row, col) of stage ``key`` (or thumbnail ``index``)."""
        e = self._scene.exploration
        if e is None:
            return
        state = self._state
        if key in ("conv", "activated"):
            state.select_cell(row, col)
        elif key == "pooled" and e.pool != "none":
            if (row, col) != self._scene.pool_cell:
                state.select_pooled_cell(row, col)
            self._changed()
        elif key == "flattened":
            filt, prow, pcol = e.unflatten_index(col)
            with state.batch():
                state.select_pooled_cell(prow, pcol)
                state.select_filter(filt)
        elif key == "thumbnail":
            state.select_filter(index)
