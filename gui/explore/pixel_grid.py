"""The "Pixel values" grid widget: a (H, W) array as cells, with zoom, hover and a field.

:class:`PixelGrid` holds the values, the zoom and the geometry (which cell lies where,
the pinned index headers, scrolling) and answers the mouse and wheel;
:class:`gui.explore.pixel_grid_painter.PixelGridPainter` paints it.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent, QPalette, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from gui.common.colormap import ColourMap
from gui.common.number_format import shown_index
from gui.explore.pixel_grid_painter import PixelGridPainter, format_value

#: Pictures larger than this (rows or columns) are not listed: thousands of numbers
#: teach nothing, and the learner is told to pick a small working size instead.
MAX_SIDE = 64
MIN_CELL, MAX_CELL, DEFAULT_CELL = 14, 48, 26


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
        self._cell = DEFAULT_CELL
        # Until the learner zooms, small pictures grow to fill the window (never below
        # the default size, where two decimals are still legible).
        self._auto_zoom = True
        self._field: tuple[np.ndarray, np.ndarray] | None = None
        self._hover = (-1, -1)
        self._painter = PixelGridPainter(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(True)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.horizontalScrollBar().setSingleStep(DEFAULT_CELL)
        self.verticalScrollBar().setSingleStep(DEFAULT_CELL)

    # --- data ------------------------------------------------------------------------
    def set_values(self, values: np.ndarray, colormap: ColourMap, binary: bool) -> None:
        """Show ``values`` (H, W), coloured by ``colormap`` over [0, 1]."""
        self._values = np.asarray(values, dtype=np.float32)
        self._binary = binary
        self._painter.set_colormap(colormap)
        h, w = self._values.shape
        if self._auto_zoom:
            self._apply_auto_zoom()
        if not (0 <= self._hover[0] < h and 0 <= self._hover[1] < w):
            self._hover = (-1, -1)
        self._update_scrollbars()
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

    # --- zoom ------------------------------------------------------------------------
    @property
    def cell_size(self) -> int:
        return self._cell

    def set_cell_size(self, size: int, anchor: QPoint | None = None) -> None:
        """Cells of ``size`` pixels (clamped to 14–48), keeping the point ``anchor``
        (viewport coordinates) over the same place of the picture. The size then stays
        as chosen (no more automatic zoom)."""
        self._auto_zoom = False
        self._set_cell_size(size, anchor)

    @property
    def auto_zoom(self) -> bool:
        return self._auto_zoom

    def _apply_auto_zoom(self) -> None:
        self._set_cell_size(max(self.fit_cell_size(), DEFAULT_CELL))

    def _set_cell_size(self, size: int, anchor: QPoint | None = None) -> None:
        size = int(min(max(size, MIN_CELL), MAX_CELL))
        if size == self._cell:
            return
        if anchor is None:
            anchor = QPoint(self.viewport().width() // 2, self.viewport().height() // 2)
        ox, oy = self.origin()
        fx, fy = (anchor.x() - ox) / self._cell, (anchor.y() - oy) / self._cell
        self._cell = size
        self._update_scrollbars()
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        left, top = self.header_size()
        hbar.setValue(round(fx * size - (anchor.x() - left)))
        vbar.setValue(round(fy * size - (anchor.y() - top)))
        hbar.setSingleStep(size)
        vbar.setSingleStep(size)
        self.viewport().update()
        self.cell_size_changed.emit(size)

    def fit_cell_size(self) -> int:
        """The cell size that shows the whole picture in the current viewport."""
        h, w = self._values.shape
        if not h or not w:
            return DEFAULT_CELL
        left, top = self.header_size()
        # Scroll bars vanish once everything fits, so measure without them.
        room = self.maximumViewportSize()
        size = min((room.width() - left - 2) // w, (room.height() - top - 2) // h)
        return int(min(max(size, MIN_CELL), MAX_CELL))

    def content_size(self) -> QSize:
        """Pixels needed to show every cell and both headers without scrolling."""
        h, w = self._values.shape
        left, top = self.header_size()
        return QSize(left + w * self._cell + 2, top + h * self._cell + 2)

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        size = self.content_size()
        return QSize(size.width() + frame, size.height() + frame)

    # --- geometry --------------------------------------------------------------------
    def header_font(self) -> QFont:
        """Index font: small beside small cells, so two-digit indices never collide."""
        font = QFont(self.font())
        font.setPixelSize(int(min(max(round(self._cell * 0.45), 8), 12)))
        return font

    def header_size(self) -> tuple[int, int]:
        """(left header width, top header height) in pixels."""
        metrics = QFontMetrics(self.header_font())
        h, w = self._values.shape
        digits = len(str(max(h - 1, 0)))
        left = metrics.horizontalAdvance("8" * max(digits, 2)) + 12
        return left, metrics.height() + 8

    def origin(self) -> tuple[int, int]:
        """Viewport position of the top-left cell's corner (centred when it all fits)."""
        h, w = self._values.shape
        left, top = self.header_size()
        room_w = self.viewport().width() - left
        room_h = self.viewport().height() - top
        x = left + max(0, (room_w - w * self._cell) // 2) - self.horizontalScrollBar().value()
        y = top + max(0, (room_h - h * self._cell) // 2) - self.verticalScrollBar().value()
        return x, y

    def _update_scrollbars(self) -> None:
        h, w = self._values.shape
        left, top = self.header_size()
        room_w = self.viewport().width() - left
        room_h = self.viewport().height() - top
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setRange(0, max(0, w * self._cell + 2 - room_w))
        vbar.setRange(0, max(0, h * self._cell + 2 - room_h))
        hbar.setPageStep(max(room_w, 1))
        vbar.setPageStep(max(room_h, 1))

    def cell_at(self, pos: QPoint) -> tuple[int, int]:
        """The (row, col) under viewport point ``pos``, or (-1, -1)."""
        left, top = self.header_size()
        if pos.x() < left or pos.y() < top:
            return -1, -1
        ox, oy = self.origin()
        col = math.floor((pos.x() - ox) / self._cell)
        row = math.floor((pos.y() - oy) / self._cell)
        h, w = self._values.shape
        if 0 <= row < h and 0 <= col < w:
            return row, col
        return -1, -1

    def cell_rect(self, row: int, col: int) -> QRect:
        """Viewport rectangle of cell (row, col)."""
        ox, oy = self.origin()
        return QRect(ox + col * self._cell, oy + row * self._cell, self._cell, self._cell)

    # --- painting --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._painter.paint()

    # --- events ----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()
        if self._auto_zoom:
            self._apply_auto_zoom()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._painter.forget_fonts()
        super().changeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_cell_size(self._cell + round(2 * steps) or (1 if steps > 0 else -1),
                                   event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    def mouseMoveEvent(self, event) -> None:
        self._set_hover(*self.cell_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def viewportEvent(self, event) -> bool:
        kind = event.type()
        if kind == event.Type.Leave:
            self._set_hover(-1, -1)
        elif kind == event.Type.ToolTip:
            row, col = self.cell_at(event.pos())
            if row >= 0:
                QToolTip.showText(event.globalPos(), self.hover_text(row, col), self.viewport(),
                                  self.cell_rect(row, col))
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def hover_text(self, row: int, col: int) -> str:
        return self.tr("row {0}, col {1} = {2}").format(shown_index(row), shown_index(col),
                                                        self.text_at(row, col))

    def _set_hover(self, row: int, col: int) -> None:
        if (row, col) != self._hover:
            self._hover = (row, col)
            self.viewport().update()
            self.hovered.emit(row, col)
