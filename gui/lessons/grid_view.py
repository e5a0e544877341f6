"""A grid of numbers the lessons draw on: cells coloured by value, numbers written in them,
frames around chosen blocks, and the cell under the mouse reported.

Drawn with :func:`gui.common.number_grid.paint_number_grid`, the painter every grid of
numbers in CNN Lab uses, so the lessons' grids look like the explorer's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.common.colormap import light_text, symmetric_levels
from gui.common.number_format import format_number
from gui.common.number_grid import (
    GRID_LINE,
    MIN_FONT_PX,
    font_px_for,
    font_px_limit,
    paint_number_grid,
)

#: Colours of the frames the lessons draw (the window, the cell it fills, a hovered cell).
WINDOW_COLOUR = QColor(230, 120, 0)
TARGET_COLOUR = QColor(30, 110, 220)
HOVER_COLOUR = QColor(200, 30, 140)


# Grids of more cells than this paint their colours as one picture.
MANY_CELLS = 4096
# How much of a cell's height its number may take: a lesson's grids show few digits a
# cell, and at the numbers' usual 0.42 a 9×9 picture's 0s and 1s were 7 px at 1024×700.
NUMBER_FILL = 0.55

@dataclass(frozen=True)
class Frame:
    """A frame around cells ``rows`` × ``cols`` (ranges; may reach into padding, which is
    drawn outside the grid's own cells when the grid has a ``margin``)."""

    rows: range
    cols: range
    colour: QColor
    width: float = 3.0


class GridView(QWidget):
    """Paints ``values`` (H, W) as a grid of numbers.

    ``kind`` chooses the colours: "ink" (0 white … 1 black, the picture's darkness),
    "signed" (blue-white-red centred on zero, weights and feature maps) or "plain".
    ``margin`` cells of padding can be drawn round the grid (hatched, reading 0).

    Signals
    -------
    hovered(int, int)
        The cell under the mouse (row, col), (-1, -1) when the mouse leaves the grid.
    clicked(int, int)
    """

    hovered = Signal(int, int)
    clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, largest_cell: int = 44) -> None:
        super().__init__(parent)
        self.values = np.zeros((1, 1), dtype=np.float32)
        self.kind = "ink"
        self.decimals = 0
        self.show_numbers = True
        self.margin = 0
        self.frames: list[Frame] = []
        self.hidden: set[tuple[int, int]] = set()  # cells whose number is not told yet
        self.blank: set[tuple[int, int]] = set()   # cells not computed yet (no colour)
        self.largest_cell = largest_cell
        self._hover = (-1, -1)
        self.setMouseTracking(True)
        self.setMinimumSize(90, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, values, kind: str = "ink", decimals: int = 0, margin: int = 0) -> None:
        self.values = np.asarray(values, dtype=np.float32)
        self.kind, self.decimals, self.margin = kind, decimals, margin
        self.updateGeometry()
        self.update()

    def set_frames(self, frames: list[Frame]) -> None:
        self.frames = list(frames)
        self.update()

    def sizeHint(self) -> QSize:
        h, w = self._shape()
        cell = min(self.largest_cell, 30)
        return QSize(w * cell + 2, h * cell + 2)

    # --- geometry ----------------------------------------------------------------------
    def _shape(self) -> tuple[int, int]:
        h, w = self.values.shape
        return h + 2 * self.margin, w + 2 * self.margin

    def cell_size(self) -> float:
        h, w = self._shape()
        return max(1.0, min((self.width() - 2) / w, (self.height() - 2) / h,
                            float(self.largest_cell)))

    def origin(self) -> QPointF:
        """Top-left corner of the grid's own cell (0, 0), padding drawn before it; the grid
        is centred across and sits at the top."""
        cell = self.cell_size()
        h, w = self._shape()
        x = (self.width() - w * cell) / 2 + self.margin * cell
        y = self.margin * cell + 1  # at the top, under its heading
        return QPointF(x, y)

    def cell_at(self, point: QPointF) -> tuple[int, int]:
        """The grid cell (row, col) at ``point``, or (-1, -1) outside the grid's cells."""
        cell, origin = self.cell_size(), self.origin()
        col = int((point.x() - origin.x()) // cell)
        row = int((point.y() - origin.y()) // cell)
        h, w = self.values.shape
        if 0 <= row < h and 0 <= col < w:
            return row, col
        return -1, -1

    def cell_rect(self, row: int, col: int) -> QRectF:
        cell, origin = self.cell_size(), self.origin()
        return QRectF(origin.x() + col * cell, origin.y() + row * cell, cell, cell)

    # --- painting ----------------------------------------------------------------------
    def _fills(self, values: np.ndarray) -> np.ndarray:
        if self.kind == "ink":
            grey = np.clip(255.0 * (1.0 - values), 0, 255).astype(np.uint8)
            return np.repeat(grey[..., None], 3, axis=2)
        if self.kind == "signed":
            low, high = symmetric_levels(values, floor=1e-6)
            t = np.clip(values / high, -1.0, 1.0)[..., None]
            white = np.array([255.0, 255.0, 255.0])
            red, blue = np.array([214.0, 60.0, 50.0]), np.array([45.0, 110.0, 200.0])
            rgb = np.where(t >= 0, white + t * (red - white), white - t * (blue - white))
            return rgb.astype(np.uint8)
        return np.full(values.shape + (3,), 250, dtype=np.uint8)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        m = self.margin
        values = np.pad(self.values, m) if m else self.values
        fills = self._fills(values)
        h, w = values.shape
        cell = self.cell_size()
        # Numbers only where a cell can hold one: a large picture's cells are a few pixels
        # and formatting its quarter of a million numbers took most of a second a paint.
        writes = self.show_numbers and font_px_limit(cell, NUMBER_FILL) >= MIN_FONT_PX
        texts = [format_number(v, self.decimals) for v in values.ravel()] if writes else None
        for r, c in self.hidden:
            if texts is not None:
                texts[(r + m) * w + c + m] = "?"
            fills[r + m, c + m] = (255, 244, 200)
        for r, c in self.blank:
            if texts is not None:
                texts[(r + m) * w + c + m] = ""
            fills[r + m, c + m] = (245, 245, 245)
        hatched = None
        if m:
            hatched = np.ones((h, w), dtype=bool)
            hatched[m:h - m, m:w - m] = False
        origin = self.origin()
        corner = (origin.x() - m * cell, origin.y() - m * cell)
        font_px = (font_px_for(cell, texts, self.font(), largest=15, fill=NUMBER_FILL)
                   if texts else 0)
        light = light_text(fills) if texts else None
        if h * w > MANY_CELLS:  # one picture, not a rectangle per cell
            pixels = np.ascontiguousarray(fills)
            image = QImage(pixels.data, w, h, 3 * w, QImage.Format.Format_RGB888)
            painter.drawImage(QRectF(corner[0], corner[1], w * cell, h * cell), image)
            fills = None
        paint_number_grid(painter, corner, cell, (h, w), fills=fills, texts=texts,
                          light=light, font=self.font(), font_px=font_px, hatched=hatched,
                          grid_pen=QPen(GRID_LINE) if cell >= 10 else None,
                          outline_pen=QPen(QColor(120, 120, 120)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        frames = list(self.frames)
        if self._hover != (-1, -1):
            r, c = self._hover
            frames.append(Frame(range(r, r + 1), range(c, c + 1), HOVER_COLOUR, 2.0))
        for frame in frames:
            painter.setPen(QPen(frame.colour, frame.width))
            rect = QRectF(origin.x() + frame.cols.start * cell,
                          origin.y() + frame.rows.start * cell,
                          len(frame.cols) * cell, len(frame.rows) * cell)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.end()

    # --- the mouse ---------------------------------------------------------------------
    def set_hover(self, row: int, col: int) -> None:
        """Mark cell (row, col) as hovered (from elsewhere: its twin in another view)."""
        if (row, col) != self._hover:
            self._hover = (row, col)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if cell != self._hover:
            self.set_hover(*cell)
            self.hovered.emit(*cell)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover != (-1, -1):
            self.set_hover(-1, -1)
            self.hovered.emit(-1, -1)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if cell != (-1, -1):
            self.clicked.emit(*cell)
        super().mousePressEvent(event)
