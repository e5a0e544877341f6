"""The "Pixel values" grid widget: a (H, W) array as cells, with zoom, hover and a field.

:class:`PixelGrid` holds the values, the hovered cell and the framed field, and answers
the mouse; its parts do one job each: :class:`~gui.explore.pixel_grid_zoom.GridZoom`
(``zoom``) the cell size and scrolling, :class:`~gui.explore.pixel_grid_geometry.
CellGeometry` (``cells``) which cell lies where, and
:class:`~gui.explore.pixel_grid_painter.PixelGridPainter` the painting.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from gui.common.colormap import ColourMap
from gui.common.number_format import shown_index
from gui.explore.pixel_grid_geometry import CellGeometry
from gui.explore.pixel_grid_painter import PixelGridPainter, format_value
from gui.explore.pixel_grid_zoom import DEFAULT_CELL, MAX_CELL, MIN_CELL, GridZoom

__all__ = ["DEFAULT_CELL", "MAX_CELL", "MAX_SIDE", "MIN_CELL", "PixelGrid", "is_binary"]

#: Pictures larger than this (rows or columns) are not listed: thousands of numbers
#: teach nothing, and the learner is told to pick a small working size instead.
MAX_SIDE = 64


def is_binary(values: np.ndarray) -> bool:
    """Whether every value is exactly 0 or 1 (a binarised picture)."""
    return bool(np.all((values == 0) | (values == 1)))


class PixelGrid(QAbstractScrollArea):
    """One painted widget showing a (H, W) array as coloured cells with their values.

    Row and column indices stay pinned along the top and left while the cells scroll;
    only visible cells are painted. Ctrl+wheel zooms around the pointer.

    Signals
    -------
    hovered(int, int)
        The row and column under the pointer, (-1, -1) when it leaves the cells.
    cell_size_changed(int)
        The cell size in pixels changed (zoom).
    """

    hovered = Signal(int, int)
    cell_size_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros((0, 0), np.float32)
        self._binary = False
        self._field: tuple[np.ndarray, np.ndarray] | None = None
        self._hover = (-1, -1)
        self.cells = CellGeometry(self)
        self.zoom = GridZoom(self)
        self._painter = PixelGridPainter(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(True)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)

    # --- data ------------------------------------------------------------------------
    def set_values(self, values: np.ndarray, colormap: ColourMap, binary: bool) -> None:
        """Show ``values`` (H, W), coloured by ``colormap`` over [0, 1]."""
        self._values = np.asarray(values, dtype=np.float32)
        self._binary = binary
        self._painter.set_colormap(colormap)
        h, w = self._values.shape
        self.zoom.fit_if_auto()
        if not (0 <= self._hover[0] < h and 0 <= self._hover[1] < w):
            self._hover = (-1, -1)
        self.zoom.update_scrollbars()
        self.viewport().update()

    def values(self) -> np.ndarray:
        return self._values

    @property
    def binary(self) -> bool:
        """Whether every value on show is 0 or 1 (written without decimals)."""
        return self._binary

    def text_at(self, row: int, col: int) -> str:
        """The text written in cell (row, col)."""
        return format_value(float(self._values[row, col]), self._binary)

    def set_field(self, rows: np.ndarray | None, cols: np.ndarray | None) -> None:
        """Frame the pixels at ``rows`` × ``cols`` (image coordinates; may lie outside)."""
        self._field = None if rows is None else (np.asarray(rows), np.asarray(cols))
        self.viewport().update()

    @property
    def field(self) -> tuple[np.ndarray, np.ndarray] | None:
        return self._field

    @property
    def hovered_cell(self) -> tuple[int, int]:
        """The (row, col) under the pointer, (-1, -1) when none."""
        return self._hover

    def hover_text(self, row: int, col: int) -> str:
        return self.tr("row {0}, col {1} = {2}").format(shown_index(row), shown_index(col),
                                                        self.text_at(row, col))

    # --- zoom (see GridZoom) ---------------------------------------------------------
    @property
    def cell_size(self) -> int:
        return self.zoom.cell_size

    def set_cell_size(self, size: int, anchor: QPoint | None = None) -> None:
        """Zoom to cells of ``size`` pixels around ``anchor`` (:meth:`GridZoom.set_cell_size`)."""
        self.zoom.set_cell_size(size, anchor)

    @property
    def auto_zoom(self) -> bool:
        """Whether the cell size still follows the window (the learner has not zoomed)."""
        return self.zoom.auto

    def fit_cell_size(self) -> int:
        """The cell size that shows the whole picture in the current viewport."""
        return self.zoom.fit_cell_size()

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        size = self.cells.content_size()
        return QSize(size.width() + frame, size.height() + frame)

    # --- events ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._painter.paint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.zoom.update_scrollbars()
        self.zoom.fit_if_auto()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._painter.forget_fonts()
        super().changeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.zoom.wheel(event):
            event.accept()
            return
        super().wheelEvent(event)

    def mouseMoveEvent(self, event) -> None:
        self._set_hover(*self.cells.cell_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def viewportEvent(self, event) -> bool:
        kind = event.type()
        if kind == event.Type.Leave:
            self._set_hover(-1, -1)
        elif kind == event.Type.ToolTip:
            row, col = self.cells.cell_at(event.pos())
            if row >= 0:
                QToolTip.showText(event.globalPos(), self.hover_text(row, col), self.viewport(),
                                  self.cells.cell_rect(row, col))
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _set_hover(self, row: int, col: int) -> None:
        if (row, col) != self._hover:
            self._hover = (row, col)
            self.viewport().update()
            self.hovered.emit(row, col)
