"""Where the cells of a kernel grid sit: their size for a widget's size, and back.

Cells are square, between :data:`MIN_CELL` (smaller for large kernels) and
:data:`MAX_CELL` pixels, and the grid is centred in the widget.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize

MIN_CELL = 34
#: Kernels of 10 or more columns (up to :data:`engine.limits.MAX_KERNEL_SIZE`, 15) get
#: cells of this width divided by the columns, at least ``MIN_CELL_LARGEST`` px, so a
#: 15×15 kernel still fits the side panel without a scroll bar.
LARGE_GRID_WIDTH = 290
MIN_CELL_LARGEST = 18
MAX_CELL = 64
MARGIN = 2
#: The side the size hint asks for, spread over the kernel's longer side.
PREFERRED_SIDE = 280


def min_cell(shape: tuple[int, int]) -> int:
    """The smallest cell a (rows, cols) kernel is drawn with."""
    side = max(shape)
    return MIN_CELL if side < 10 else max(MIN_CELL_LARGEST, LARGE_GRID_WIDTH // side)


def height_for_width(shape: tuple[int, int], width: int) -> int:
    """The widget height that shows every row at the cell size ``width`` allows."""
    rows, cols = shape
    cell = min(max((width - 2 * MARGIN) / cols, min_cell(shape)), MAX_CELL)
    return math.ceil(rows * cell) + 2 * MARGIN


def preferred_size(shape: tuple[int, int]) -> QSize:
    rows, cols = shape
    cell = float(np.clip(PREFERRED_SIDE / max(rows, cols), min_cell(shape), MAX_CELL))
    return QSize(math.ceil(cols * cell) + 2 * MARGIN, math.ceil(rows * cell) + 2 * MARGIN)


def smallest_size(shape: tuple[int, int]) -> QSize:
    rows, cols = shape
    cell = min_cell(shape)
    return QSize(cols * cell + 2 * MARGIN, rows * cell + 2 * MARGIN)


class CellLayout:
    """The cells of a (rows, cols) grid in a ``width`` × ``height`` widget."""

    def __init__(self, shape: tuple[int, int], width: int, height: int) -> None:
        self.shape = shape
        rows, cols = shape
        fit = min((width - 2 * MARGIN) / cols, (height - 2 * MARGIN) / rows)
        #: The side of one cell, in pixels (not rounded).
        self.cell = min(max(fit, min_cell(shape)), MAX_CELL)
        #: The grid's top-left corner.
        self.origin = ((width - cols * self.cell) / 2, (height - rows * self.cell) / 2)

    def rect(self, row: int, col: int) -> QRectF:
        x0, y0 = self.origin
        return QRectF(x0 + col * self.cell, y0 + row * self.cell, self.cell, self.cell)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        """The (row, col) under ``pos``, or None between or beyond the cells."""
        x0, y0 = self.origin
        cell = (math.floor((pos.y() - y0) / self.cell), math.floor((pos.x() - x0) / self.cell))
        return cell if self.contains(cell) else None

    def contains(self, cell) -> bool:
        rows, cols = self.shape
        return 0 <= cell[0] < rows and 0 <= cell[1] < cols
