"""How the "Pixel values" grid is painted: coloured cells with their values, the frames
of the hovered cell and of the selected receptive field, and the pinned indices.

:class:`PixelGridPainter` keeps what painting needs between frames (the cells' colours
and texts, the fonts per cell size) and reads everything else from its
:class:`gui.explore.pixel_grid.PixelGrid`: values, zoom, hover and field, and
the cells' places from its ``cells`` (:class:`~gui.explore.pixel_grid_geometry.CellGeometry`).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from gui.common.colormap import INK, ColourMap
from gui.common.number_format import format_number, shown_index
from gui.common.number_grid import paint_number_grid

#: The colour the explorer frames a receptive field with (gui.explore.stages.items.FIELD_COLOR).
FIELD_COLOR = QColor(0, 166, 81)
HOVER_COLOR = QColor(255, 140, 0)
GRID_LINE = QColor(0, 0, 0, 40)
HEADER_BACKGROUND = QColor(243, 243, 243)
HEADER_TEXT = QColor(110, 110, 110)
#: Smallest legible digit height; below it the cells show colour only.
MIN_FONT_PX = 7


def format_value(value: float, binary: bool) -> str:
    """The text written in a cell: whole numbers (every 0 and 1 of a binarised picture)
    without decimals, anything else with two."""
    return format_number(value, 0 if binary else 2)


class PixelGridPainter:
    """Paints ``grid``'s viewport; the grid calls :meth:`paint` from its ``paintEvent``."""

    def __init__(self, grid) -> None:
        self._grid = grid
        self._colormap: ColourMap = INK
        self._texts: list[str] | None = None   # built lazily, at paint time
        self._fills: np.ndarray | None = None
        self._fonts: dict[tuple[int, bool], tuple[QFont, bool]] = {}

    def set_colormap(self, colormap: ColourMap) -> None:
        """New values (or colours) are on show: colour them by ``colormap`` over [0, 1]."""
        self._colormap = colormap
        self._texts = self._fills = None

    def forget_fonts(self) -> None:
        """The grid's font changed: measure the cell fonts again."""
        self._fonts.clear()

    def cell_font(self) -> tuple[QFont, bool]:
        """The font for values at the current cell size, and whether it is legible."""
        grid = self._grid
        cell = grid.cell_size
        key = (cell, grid.binary)
        if key in self._fonts:
            return self._fonts[key]
        font = QFont(grid.font())
        widest = "1" if grid.binary else "0.00"
        size = max(round(cell * 0.5), 1)
        while size > 1:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(widest) <= cell - 4:
                break
            size -= 1
        result = (font, size >= MIN_FONT_PX)
        self._fonts[key] = result
        return result

    def _build_cache(self) -> None:
        values = self._grid.values()
        self._fills = self._colormap.rgb(values, (0.0, 1.0))
        self._texts = [format_value(float(v), self._grid.binary)
                       for v in np.nan_to_num(values).ravel()]

    def paint(self) -> None:
        """Paint the visible cells, the field and hover frames and the indices."""
        grid = self._grid
        h, w = grid.values().shape
        painter = QPainter(grid.viewport())
        if not h or not w:
            return
        if self._texts is None:
            self._build_cache()
        size = grid.cell_size
        left, top = grid.cells.header_size()
        viewport = grid.viewport().rect()
        ox, oy = grid.cells.origin()
        c0, c1 = max(0, (left - ox) // size), min(w, -(-(viewport.width() - ox) // size))
        r0, r1 = max(0, (top - oy) // size), min(h, -(-(viewport.height() - oy) // size))
        # Cells never paint over the indices, which sit right beside the grid.
        cells = QRect(max(left, ox), max(top, oy), viewport.width(), viewport.height())

        painter.setClipRect(cells)
        font, legible = self.cell_font()
        # Thin lines between cells so neighbouring equal values still read as cells.
        paint_number_grid(painter, (ox, oy), size, (h, w), fills=self._fills,
                          texts=self._texts, font=font,
                          font_px=font.pixelSize() if legible else 0,
                          rows=range(r0, r1), cols=range(c0, c1),
                          grid_pen=QPen(GRID_LINE, 1))
        self._paint_field(painter)
        hover = grid.hovered_cell
        if hover != (-1, -1):
            painter.setPen(QPen(HOVER_COLOR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(grid.cells.cell_rect(*hover).adjusted(1, 1, -1, -1))
        painter.setClipping(False)
        self._paint_headers(painter, r0, r1, c0, c1)
        painter.end()

    def _paint_field(self, painter: QPainter) -> None:
        grid = self._grid
        if grid.field is None:
            return
        rows, cols = grid.field
        size = grid.cell_size
        ox, oy = grid.cells.origin()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        span = QRect(ox + int(cols[0]) * size, oy + int(rows[0]) * size,
                     (int(cols[-1]) - int(cols[0]) + 1) * size,
                     (int(rows[-1]) - int(rows[0]) + 1) * size)
        contiguous = (np.all(np.diff(rows) == 1) and np.all(np.diff(cols) == 1))
        if contiguous:
            painter.setPen(QPen(FIELD_COLOR, 3 if size >= 24 else 2))
            painter.drawRect(span.adjusted(1, 1, -1, -1))
            return
        # A dilated kernel reads only some pixels of its span: a thin frame for the span,
        # a bold one for each pixel it reads.
        painter.setPen(QPen(FIELD_COLOR, 1, Qt.PenStyle.DashLine))
        painter.drawRect(span)
        painter.setPen(QPen(FIELD_COLOR, 3 if size >= 24 else 2))
        for r in rows:
            for c in cols:
                painter.drawRect(grid.cells.cell_rect(int(r), int(c)).adjusted(2, 2, -2, -2))

    def _paint_headers(self, painter: QPainter, r0: int, r1: int, c0: int, c1: int) -> None:
        """Indices beside the cells: next to the grid when it all fits, pinned to the
        viewport's edges while it scrolls."""
        grid = self._grid
        viewport = grid.viewport().rect()
        left, top = grid.cells.header_size()
        size = grid.cell_size
        h, w = grid.values().shape
        ox, oy = grid.cells.origin()
        hx, hy = max(0, ox - left), max(0, oy - top)
        right = min(viewport.width(), ox + w * size + 1)
        bottom = min(viewport.height(), oy + h * size + 1)
        painter.fillRect(QRect(hx, hy, right - hx, top), HEADER_BACKGROUND)
        painter.fillRect(QRect(hx, hy, left, bottom - hy), HEADER_BACKGROUND)
        field_rows = field_cols = ()
        if grid.field is not None:
            field_rows, field_cols = (set(a.tolist()) for a in grid.field)
        font = grid.cells.header_font()
        bold = QFont(font)
        bold.setBold(True)
        tint = QColor(FIELD_COLOR)
        tint.setAlpha(50)
        centre = Qt.AlignmentFlag.AlignCenter
        painter.setClipRect(QRect(hx + left, hy, viewport.width(), top))
        for c in range(c0, c1):
            rect = QRect(ox + c * size, hy, size, top)
            self._paint_index(painter, rect, c, c == grid.hovered_cell[1], c in field_cols,
                              (font, bold), tint, centre)
        painter.setClipRect(QRect(hx, hy + top, left, viewport.height()))
        for r in range(r0, r1):
            rect = QRect(hx, oy + r * size, left - 6, size)
            self._paint_index(painter, rect, r, r == grid.hovered_cell[0], r in field_rows,
                              (font, bold), tint, Qt.AlignmentFlag.AlignRight
                              | Qt.AlignmentFlag.AlignVCenter)
        painter.setClipping(False)
        painter.setPen(QPen(QColor(0, 0, 0, 70), 1))
        painter.drawLine(hx + left - 1, hy, hx + left - 1, bottom)
        painter.drawLine(hx, hy + top - 1, right, hy + top - 1)

    @staticmethod
    def _paint_index(painter, rect, index, hovered, in_field, fonts, tint, align):
        if in_field:
            painter.fillRect(rect if align == Qt.AlignmentFlag.AlignCenter
                             else rect.adjusted(0, 0, 6, 0), tint)
        painter.setFont(fonts[1] if hovered else fonts[0])
        painter.setPen(HOVER_COLOR.darker(130) if hovered else HEADER_TEXT)
        painter.drawText(rect, align, str(shown_index(index)))  # counted from 1
