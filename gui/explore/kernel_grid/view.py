"""The painted grid of numbers: one (KH, KW) slice of a feature detector, read-only.

Each cell is painted in its value's colour on the diverging map (blue negative, white
zero, red positive) with the number written in it, so a learner sees both the sign
pattern and the exact weights. :class:`gui.explore.kernel_grid.KernelGrid` adds editing.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.common.colormap import DIVERGING, symmetric_levels
from gui.common.number_grid import GRID_LINE, paint_number_grid
from gui.explore.kernel_grid.cells import (
    CellLayout,
    height_for_width,
    preferred_size,
    smallest_size,
)
from gui.explore.kernel_grid.weight_text import compact_value, format_value

HIGHLIGHT_FRAME = QColor(255, 152, 0)
#: Below this cell width (large kernels) numbers are written with two decimals and no
#: leading zero (``.25``, ``-.5``): three decimals would shrink below readable size. The
#: tooltip and the editor keep the exact value.
COMPACT_CELL = 26

#: A frame drawn around one cell: (row, col), colour, pen width, inset in pixels.
Frame = tuple[tuple[int, int], QColor, int, int]


class KernelView(QWidget):
    """A custom-painted KH × KW grid of weights (1 ≤ KH, KW ≤ 15), one cell of which
    may be framed in orange (the cell being explained). Its height follows its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros((3, 3), dtype=np.float32)
        self._highlight: tuple[int, int] | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # Painting its own background spares the panels under it a repaint per edit.
        self.setAutoFillBackground(True)

    # --- values ----------------------------------------------------------------------
    def set_values(self, values: np.ndarray) -> None:
        """Show ``values`` (KH, KW); emits nothing."""
        values = np.array(values, dtype=np.float32, ndmin=2)
        if values.ndim != 2:
            raise ValueError(f"values must be a 2-D grid, got shape {values.shape}")
        resized = values.shape != self._values.shape
        if not resized and np.array_equal(values, self._values):
            return
        self._values = values
        if self._highlight is not None and not self.cells().contains(self._highlight):
            self._highlight = None
        self._values_replaced(resized)
        if resized:
            self.updateGeometry()
        self.update()

    def _values_replaced(self, resized: bool) -> None:
        """Called once new values are stored (``resized``: of another shape)."""

    def values(self) -> np.ndarray:
        """A copy of the shown grid, (KH, KW) float32."""
        return self._values.copy()

    @property
    def shape(self) -> tuple[int, int]:
        return self._values.shape

    def set_highlight(self, row: int | None = None, col: int | None = None) -> None:
        """Frame cell (row, col) in orange (the cell being explained); None clears it.

        A (row, col) pair may be passed as the first argument; negative indices clear.
        """
        if isinstance(row, tuple):
            row, col = row
        cell = None
        if row is not None and col is not None and self.cells().contains((row, col)):
            cell = (int(row), int(col))
        if cell != self._highlight:
            self._highlight = cell
            self.update()

    def highlight(self) -> tuple[int, int] | None:
        return self._highlight

    # --- geometry --------------------------------------------------------------------
    def cells(self) -> CellLayout:
        """Where the cells sit at the widget's present size."""
        return CellLayout(self._values.shape, self.width(), self.height())

    def cell_size(self) -> float:
        return self.cells().cell

    def cell_rect(self, row: int, col: int) -> QRect:
        """The cell's rectangle in widget coordinates (tests click its centre)."""
        return self.cells().rect(row, col).toRect()

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        return self.cells().cell_at(pos)

    def heightForWidth(self, width: int) -> int:
        return height_for_width(self._values.shape, width)

    def sizeHint(self) -> QSize:
        return preferred_size(self._values.shape)

    def minimumSizeHint(self) -> QSize:
        return smallest_size(self._values.shape)

    # --- painting --------------------------------------------------------------------
    def _levels(self) -> tuple[float, float]:
        """The diverging map's range: the grid's largest magnitude, at least 1."""
        return symmetric_levels(self._values, floor=1.0)

    def cell_color(self, row: int, col: int) -> QColor:
        """The fill of a cell: its value on the diverging map, scaled to the grid's
        largest magnitude (at least 1)."""
        return DIVERGING.qcolor(float(self._values[row, col]), self._levels())

    def _frames(self) -> list[Frame]:
        """The frames to draw over the cells, in painting order."""
        if self._highlight is None:
            return []
        return [(self._highlight, HIGHLIGHT_FRAME, 3, 2)]

    def _cell_without_text(self) -> tuple[int, int] | None:
        """A cell whose number is not written (another widget shows it)."""
        return None

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        layout = self.cells()
        size = layout.cell
        paint_number_grid(
            painter, layout.origin, size, self._values.shape,
            fills=DIVERGING.rgb(self._values, self._levels()),
            texts=[(compact_value if size < COMPACT_CELL else format_value)(v)
                   for v in self._values.ravel()],
            font=self.font(), font_px=int(min(max(size * 0.32, 10), 16)),
            skip=self._cell_without_text(), grid_pen=QPen(GRID_LINE, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for cell, color, width, inset in self._frames():
            painter.setPen(QPen(color, width))
            painter.drawRect(layout.rect(*cell).adjusted(inset, inset, -inset, -inset))
        painter.end()
