"""The one painter of grids of numbers on coloured cells.

The kernel grid, the explain panel's grids, the pixel-values window and the numbers
over small stage maps all draw "a cell, its colour, its value written in it" through
:func:`paint_number_grid`, so they share one look: the text's colour follows the cell's
brightness, long numbers shrink instead of spilling over, padding cells are hatched.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QStaticText

from gui.common.colormap import light_text

DARK_TEXT = QColor(25, 25, 25)
LIGHT_TEXT = QColor(255, 255, 255)
GRID_LINE = QColor(190, 190, 190)
HATCH = QBrush(QColor(150, 150, 150), Qt.BrushStyle.BDiagPattern)
#: Text smaller than this (pixels) is not drawn: the cells show colour only.
MIN_FONT_PX = 7

#: (text, font) -> (laid-out text, width, height): most grids repeat a few numbers, and
#: drawing a laid-out text took a quarter of the time of drawText's layout on each call
#: (1024 numbers: 3.4 against 12 ms).
_LAID_OUT: dict[tuple[str, str], tuple[QStaticText, float, float]] = {}
_LAID_OUT_MAX = 4096


def _laid_out(text: str, font: QFont, font_key: str) -> tuple[QStaticText, float, float]:
    key = (text, font_key)
    entry = _LAID_OUT.get(key)
    if entry is None:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=font)
        size = static.size()
        if len(_LAID_OUT) >= _LAID_OUT_MAX:
            _LAID_OUT.clear()
        entry = _LAID_OUT[key] = (static, size.width(), size.height())
    return entry


def _draw_centred(painter: QPainter, x: float, y: float, cw: float, ch: float,
                  laid_out: tuple[QStaticText, float, float]) -> None:
    """Write a laid-out text centred in the cw×ch cell whose top-left corner is (x, y)."""
    static, width, height = laid_out
    painter.drawStaticText(QPointF(x + (cw - width) / 2, y + (ch - height) / 2), static)


def font_px_limit(cell: float, fill: float = 0.42) -> float:
    """The largest text size (pixels) a ``cell``-pixel cell can hold, whatever the text:
    below :data:`MIN_FONT_PX` no number is drawn, so none need be formatted."""
    return fill * cell


def font_px_for(cell: float, texts: Sequence[str], font: QFont, largest: float = 16.0,
                fill: float = 0.42) -> int:
    """The pixel size at which the longest of ``texts`` fits a ``cell``-pixel cell:
    ``fill`` of the cell's height at most, ``largest`` px at most."""
    if not texts:
        return 0
    probe = QFont(font)
    probe.setPixelSize(100)
    metrics = QFontMetricsF(probe)
    widest = max(metrics.horizontalAdvance(t) for t in set(texts)) / 100.0 or 1.0
    return int(min(font_px_limit(cell, fill), 0.86 * cell / widest, largest))


def paint_number_grid(painter: QPainter, origin: tuple[float, float],
                      cell: float | tuple[float, float], shape: tuple[int, int], *,
                      fills: np.ndarray | None = None, texts: Sequence[str] | None = None,
                      light: np.ndarray | None = None, font: QFont | None = None,
                      font_px: int = 0, rows: range | None = None, cols: range | None = None,
                      skip: tuple[int, int] | None = None, hatched: np.ndarray | None = None,
                      grid_pen: QPen | None = None, outline_pen: QPen | None = None) -> None:
    """Paint a (rows, cols) grid whose top-left corner is at ``origin`` (painter
    coordinates), each cell ``cell`` pixels (or (width, height)).

    Parameters
    ----------
    fills : (H, W, 3) uint8, optional
        Cell colours (left unpainted without).
    texts : H*W strings in row-major order, optional
        The numbers; ``font_px`` (from :func:`font_px_for`) sets their size and a text
        still too wide for its cell is drawn smaller.
    light : (H, W) bool, optional
        Where text is white; by default where the fill is dark.
    rows, cols : ranges of the cells to paint (the visible ones); all by default.
    skip : a cell left without text (the one being typed into).
    hatched : (H, W) bool, cells hatched over their fill (padding).
    grid_pen : lines between the cells; ``outline_pen``: a frame around them all.
    """
    h, w = shape
    cw, ch = (cell, cell) if np.isscalar(cell) else cell
    x0, y0 = origin
    rows = range(h) if rows is None else rows
    cols = range(w) if cols is None else cols
    if light is None and fills is not None:
        light = light_text(fills)
    if fills is not None:
        colours = {}
        for r in rows:
            for c in cols:
                key = tuple(fills[r, c])
                colour = colours.get(key)
                if colour is None:
                    colour = colours[key] = QColor(int(key[0]), int(key[1]), int(key[2]))
                painter.fillRect(QRectF(x0 + c * cw, y0 + r * ch, cw, ch), colour)
    if hatched is not None and hatched.any():
        for r, c in zip(*np.nonzero(hatched), strict=True):
            if r in rows and c in cols:
                painter.fillRect(QRectF(x0 + c * cw, y0 + r * ch, cw, ch), HATCH)
    if texts is not None and font_px >= MIN_FONT_PX:
        font = QFont(font) if font is not None else QFont()
        font.setPixelSize(font_px)
        font_key = font.key()
        room = cw - 4
        painter.setFont(font)
        pens = (DARK_TEXT, LIGHT_TEXT)
        current = None
        for r in range(rows.start, rows.stop):
            y = y0 + r * ch
            for c in range(cols.start, cols.stop):
                if skip == (r, c):
                    continue
                text = texts[r * w + c]
                pen = pens[bool(light[r, c])] if light is not None else DARK_TEXT
                if pen is not current:
                    painter.setPen(pen)
                    current = pen
                x = x0 + c * cw
                laid_out = _laid_out(text, font, font_key)
                width = laid_out[1]
                if width > room:  # a long number shrinks rather than spills over
                    small = QFont(font)
                    small.setPixelSize(max(MIN_FONT_PX, int(font_px * room / width)))
                    painter.setFont(small)
                    _draw_centred(painter, x, y, cw, ch, _laid_out(text, small, small.key()))
                    painter.setFont(font)
                else:
                    _draw_centred(painter, x, y, cw, ch, laid_out)
    if grid_pen is not None:
        painter.setPen(grid_pen)
        left, right = x0 + cols.start * cw, x0 + cols.stop * cw
        top, bottom = y0 + rows.start * ch, y0 + rows.stop * ch
        for r in range(rows.start, rows.stop + 1):
            painter.drawLine(QLineF(left, y0 + r * ch, right, y0 + r * ch))
        for c in range(cols.start, cols.stop + 1):
            painter.drawLine(QLineF(x0 + c * cw, top, x0 + c * cw, bottom))
    if outline_pen is not None:
        painter.setPen(outline_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x0, y0, w * cw, h * ch))
