"""Zoom and scrolling of the "Pixel values" grid.

:class:`GridZoom` owns the cell size: the automatic zoom that grows small pictures to
fill the window until the learner zooms, zooming around a point (Ctrl+wheel, the slider),
and the scroll bars' ranges that follow from the cell size.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWheelEvent

MIN_CELL, MAX_CELL, DEFAULT_CELL = 14, 48, 26


def clamp_cell(size: float) -> int:
    """``size`` as a whole cell size within MIN_CELL–MAX_CELL."""
    return int(min(max(size, MIN_CELL), MAX_CELL))


class GridZoom:
    """The cell size of ``grid`` (``grid.zoom``), and its scroll bars.

    Until :meth:`set_cell_size` is called (the learner zoomed), the size follows the
    window: small pictures grow to fill it, never below DEFAULT_CELL, where two decimals
    are still legible.
    """

    def __init__(self, grid) -> None:
        self._grid = grid
        self.cell_size = DEFAULT_CELL
        self.auto = True
        for bar in (grid.horizontalScrollBar(), grid.verticalScrollBar()):
            bar.setSingleStep(DEFAULT_CELL)

    def set_cell_size(self, size: int, anchor: QPoint | None = None) -> None:
        """Cells of ``size`` pixels (clamped to 14–48), keeping the point ``anchor``
        (viewport coordinates) over the same place of the picture. The size then stays
        as chosen (no more automatic zoom)."""
        self.auto = False
        self._resize_cells(size, anchor)

    def fit_cell_size(self) -> int:
        """The cell size that shows the whole picture in the current viewport."""
        grid = self._grid
        h, w = grid.values().shape
        if not h or not w:
            return DEFAULT_CELL
        left, top = grid.cells.header_size()
        # Scroll bars vanish once everything fits, so measure without them.
        room = grid.maximumViewportSize()
        return clamp_cell(min((room.width() - left - 2) // w, (room.height() - top - 2) // h))

    def fit_if_auto(self) -> None:
        """New values or a new window size: with the automatic zoom on, fit the picture
        again (never below DEFAULT_CELL)."""
        if self.auto:
            self._resize_cells(max(self.fit_cell_size(), DEFAULT_CELL))

    def wheel(self, event: QWheelEvent) -> bool:
        """Ctrl+wheel zooms around the pointer; whether ``event`` was a zoom."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_cell_size(self.cell_size + round(2 * steps) or (1 if steps > 0 else -1),
                               event.position().toPoint())
        return True

    def update_scrollbars(self) -> None:
        grid = self._grid
        h, w = grid.values().shape
        room_w, room_h = grid.cells.room()
        hbar, vbar = grid.horizontalScrollBar(), grid.verticalScrollBar()
        hbar.setRange(0, max(0, w * self.cell_size + 2 - room_w))
        vbar.setRange(0, max(0, h * self.cell_size + 2 - room_h))
        hbar.setPageStep(max(room_w, 1))
        vbar.setPageStep(max(room_h, 1))

    def _resize_cells(self, size: int, anchor: QPoint | None = None) -> None:
        size = clamp_cell(size)
        if size == self.cell_size:
            return
        grid = self._grid
        viewport = grid.viewport()
        if anchor is None:
            anchor = QPoint(viewport.width() // 2, viewport.height() // 2)
        ox, oy = grid.cells.origin()
        fx, fy = (anchor.x() - ox) / self.cell_size, (anchor.y() - oy) / self.cell_size
        self.cell_size = size
        self.update_scrollbars()
        hbar, vbar = grid.horizontalScrollBar(), grid.verticalScrollBar()
        left, top = grid.cells.header_size()
        hbar.setValue(round(fx * size - (anchor.x() - left)))
        vbar.setValue(round(fy * size - (anchor.y() - top)))
        hbar.setSingleStep(size)
        vbar.setSingleStep(size)
        viewport.update()
        grid.cell_size_changed.emit(size)
