"""Where each column of the network picture goes, and its picture.

:class:`ColumnLayout` (a part of :class:`gui.network.overview.NetworkView`) lays out one
:class:`Column` per position of the network for the widget's height: maps as small
multiples on a grid that fits it (:func:`grid_for`), vectors as columns of cells
wrapped when long (:func:`vector_cells`), the scores and probabilities as rows with
their class names; and makes each column's picture, the maps stacked or a vector's
cells, in the colours of its scale group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetrics, QImage

from engine.units import Position
from gui.common.colormap import DIVERGING, INK
from gui.common.heatmap import rgb_qimage
from gui.network.scales import group_of

MARGIN = 10
HEADER = 40
LEGEND = 62
COLUMN_GAP = 26
MAP_GAP = 4
# Maps grow to this side at most, and to at most this many screen pixels per cell.
MAX_MAP_SIDE = 168
MAX_CELL_PX = 10
# The grid of maps takes the fewest columns that still shows each map this large.
PREFERRED_MAP_SIDE = 46
MAX_VECTOR_CELL = 16
MAX_VECTOR_WIDTH = 96
CLASS_ROW = 26
SCORE_CELL = 26
BAR_LENGTH = 96


@dataclass
class Column:
    """Where one position is drawn. ``cells`` maps a unit to its rectangle for vectors;
    ``maps`` holds one rectangle per channel for maps, ``px`` screen pixels per cell."""

    position: Position
    x: float
    width: float
    maps: list[QRectF] = field(default_factory=list)
    px: float = 0.0
    cells: list[QRectF] = field(default_factory=list)
    title: str = ""
    subtitle: str = ""
    wrap: tuple[int, int] = (0, 0)  # a vector's (cells per column, columns)

    def unit_rect(self, unit) -> QRectF:
        if self.maps:
            channel, row, col = unit
            rect = self.maps[channel]
            return QRectF(rect.x() + col * self.px, rect.y() + row * self.px, self.px,
                          self.px)
        return self.cells[unit[0]]


def grid_for(count: int, h: int, w: int, height: float) -> tuple[int, float]:
    """(grid columns, pixels per cell) for ``count`` maps of h×w in ``height`` pixels."""
    choices = []
    for grid in range(1, count + 1):
        rows = math.ceil(count / grid)
        side = (height - (rows - 1) * MAP_GAP) / rows
        px = min(MAX_CELL_PX, MAX_MAP_SIDE / max(h, w), side / h)
        px = math.floor(px) if px >= 1 else px  # whole pixels per cell, when there is room
        choices.append((grid, px))
        if px * max(h, w) >= PREFERRED_MAP_SIDE:
            return grid, px
    return max(choices, key=lambda c: (c[1], -c[0]))


def vector_cells(count: int, height: float) -> tuple[int, int, float]:
    """(cells per column, columns, cell side) for a vector of ``count`` values."""
    for side in range(MAX_VECTOR_CELL, 1, -1):
        per_column = max(1, int(height // side))
        columns = math.ceil(count / per_column)
        if columns * side <= MAX_VECTOR_WIDTH:
            return per_column, columns, float(side)
    per_column = max(1, int(height // 2))
    return per_column, math.ceil(count / per_column), 2.0


class ColumnLayout:
    """The layout part of :class:`gui.network.overview.NetworkView`: reads its
    ``positions``, ``activations``, ``groups`` and ``class_names`` and fills ``columns``
    and the pictures painted in them (``_pictures``)."""

    def _make_pictures(self, indices=None) -> None:
        """One picture per column: the maps stacked (C*H, W), or a vector's cells in
        their wrapped columns (white where the last column ends early); ``indices``:
        only those columns' (all by default)."""
        if indices is None or len(self._pictures) != len(self.columns):
            self._pictures = [None] * len(self.columns)
            indices = range(len(self.columns))
        for index in indices:
            column = self.columns[index]
            position = column.position
            values = self.activations.at(position.layer)
            group = group_of(self.groups, index)
            picture = None
            if len(position.shape) == 3:
                c, h, w = values.shape
                if group.colormap is None and c == 3:  # an RGB input, in its colours
                    picture = rgb_qimage(values.transpose(1, 2, 0))
                else:
                    colormap = group.colormap or INK
                    picture = colormap.qimage(values.reshape(c * h, w), group.levels)
            elif position.role not in ("output", "softmax"):
                per_column, ncols = column.wrap
                rgb = np.full((per_column * ncols, 3), 255, dtype=np.uint8)
                rgb[:values.size] = (group.colormap or DIVERGING).rgb(values, group.levels)
                rgb = np.ascontiguousarray(rgb.reshape(ncols, per_column, 3).transpose(1, 0, 2))
                picture = QImage(rgb.data, ncols, per_column, 3 * ncols,
                                 QImage.Format.Format_RGB888).convertToFormat(
                                     QImage.Format.Format_RGB32)
            self._pictures[index] = picture

    def _body_height(self) -> float:
        return max(60.0, self.height() - HEADER - LEGEND - 2 * MARGIN)

    def _layout(self) -> None:
        if not self.positions:
            self.columns = []
            return
        body = self._body_height()
        top = MARGIN + HEADER
        bold = QFont(self.font())
        bold.setBold(True)
        title_metrics, metrics = QFontMetrics(bold), QFontMetrics(self.font())
        x = float(MARGIN)
        columns = []
        names_width = max((metrics.horizontalAdvance(n) for n in self.class_names),
                          default=0) + 8
        for position in self.positions:
            column = Column(position, x, 0.0)
            self._name_column(column)
            header_width = max(title_metrics.horizontalAdvance(column.title),
                               metrics.horizontalAdvance(column.subtitle)) + 4
            shape = position.shape
            if len(shape) == 3:
                count, h, w = shape
                grid, px = grid_for(count, h, w, body)
                rows = math.ceil(count / grid)
                content = grid * w * px + (grid - 1) * MAP_GAP
                width = max(content, header_width)
                left = x + (width - content) / 2
                column.px = px
                for channel in range(count):
                    r, c = divmod(channel, grid)
                    column.maps.append(QRectF(left + c * (w * px + MAP_GAP),
                                              top + r * (h * px + MAP_GAP), w * px, h * px))
                del rows
            elif position.role in ("output", "softmax"):
                count = shape[0]
                row_h = min(CLASS_ROW, body / count)
                number_width = metrics.horizontalAdvance("−00.00") + 6
                if position.role == "output":
                    content = names_width + SCORE_CELL + number_width
                    cell_x, cell_w = names_width, SCORE_CELL
                else:
                    content = names_width + BAR_LENGTH + number_width
                    cell_x, cell_w = names_width, BAR_LENGTH
                width = max(content, header_width)
                left = x + (width - content) / 2
                for k in range(count):
                    column.cells.append(QRectF(left + cell_x, top + k * row_h + 1, cell_w,
                                               row_h - 2))
            else:
                count = shape[0]
                per_column, ncols, side = vector_cells(count, body)
                content = ncols * side
                width = max(content, header_width)
                left = x + (width - content) / 2
                column.wrap = (min(per_column, count), ncols)
                for k in range(count):
                    c, r = divmod(k, per_column)
                    column.cells.append(QRectF(left + c * side, top + r * side, side, side))
            column.width = width
            columns.append(column)
            x += width + COLUMN_GAP
        self.columns = columns
        self._laid_out_height = self.height()
        self.setFixedWidth(int(x - COLUMN_GAP + MARGIN))
        self.updateGeometry()

