"""Where each cell of the "Pixel values" grid lies: headers, origin and hit testing.

:class:`CellGeometry` answers, for a :class:`gui.explore.pixel_grid.PixelGrid` at its
current size, zoom and scroll position, which cell is under a point and where a cell is
drawn. It keeps no state of its own: everything is read from the grid, so it is always
up to date.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics


class CellGeometry:
    """Geometry of ``grid``'s cells in viewport coordinates (``grid.cells``)."""

    def __init__(self, grid) -> None:
        self._grid = grid

    def header_font(self) -> QFont:
        """Index font: small beside small cells, so two-digit indices never collide."""
        font = QFont(self._grid.font())
        font.setPixelSize(int(min(max(round(self._grid.cell_size * 0.45), 8), 12)))
        return font

    def header_size(self) -> tuple[int, int]:
        """(left header width, top header height) in pixels."""
        metrics = QFontMetrics(self.header_font())
        h, _ = self._grid.values().shape
        digits = len(str(max(h - 1, 0)))
        left = metrics.horizontalAdvance("8" * max(digits, 2)) + 12
        return left, metrics.height() + 8

    def room(self) -> tuple[int, int]:
        """(width, height) of the viewport left for the cells beside the headers."""
        left, top = self.header_size()
        viewport = self._grid.viewport()
        return viewport.width() - left, viewport.height() - top

    def origin(self) -> tuple[int, int]:
        """Viewport position of the top-left cell's corner (centred when it all fits)."""
        grid = self._grid
        h, w = grid.values().shape
        cell = grid.cell_size
        left, top = self.header_size()
        room_w, room_h = self.room()
        x = left + max(0, (room_w - w * cell) // 2) - grid.horizontalScrollBar().value()
        y = top + max(0, (room_h - h * cell) // 2) - grid.verticalScrollBar().value()
        return x, y

    def content_size(self) -> QSize:
        """Pixels needed to show every cell and both headers without scrolling."""
        h, w = self._grid.values().shape
        cell = self._grid.cell_size
        left, top = self.header_size()
        return QSize(left + w * cell + 2, top + h * cell + 2)

    def cell_at(self, pos: QPoint) -> tuple[int, int]:
        """The (row, col) under viewport point ``pos``, or (-1, -1)."""
        left, top = self.header_size()
        if pos.x() < left or pos.y() < top:
            return -1, -1
        ox, oy = self.origin()
        cell = self._grid.cell_size
        col = math.floor((pos.x() - ox) / cell)
        row = math.floor((pos.y() - oy) / cell)
        h, w = self._grid.values().shape
        if 0 <= row < h and 0 <= col < w:
            return row, col
        return -1, -1

    def cell_rect(self, row: int, col: int) -> QRect:
        """Viewport rectangle of cell (row, col)."""
        ox, oy = self.origin()
        cell = self._grid.cell_size
        return QRect(ox + col * cell, oy + row * cell, cell, cell)
