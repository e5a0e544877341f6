"""Every layer of the network for one image, left to right, in one painted widget.

:class:`NetworkView` lays out one column per position of the network (the input, each
layer's output, the softmax): maps as small multiples on a grid that fits the height,
vectors as columns of cells (wrapped when long), the scores and probabilities with their
class names. Each scale group (:mod:`gui.network.scales`) has a legend under its
columns. Clicking a unit emits :attr:`NetworkView.unit_clicked`; the page answers with
:meth:`NetworkView.set_selection`, which outlines the unit, the units that feed it in the
column before and its receptive field on the input. Hovering shows a unit's value.

Painting uses :meth:`gui.common.colormap.ColourMap.qimage` (one picture per map, made
when the values change) and plain rectangles, so a repaint is a few hundred drawImage
and fillRect calls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine.units import INPUT, Activations, Position, ReceptiveField
from gui.common.colormap import DIVERGING, INK
from gui.common.heatmap import rgb_qimage
from gui.common.number_format import format_number
from gui.common.probability_bars import OTHER_COLOR, TOP_COLOR, percent_text
from gui.network import texts
from gui.network.scales import ScaleGroup, group_of, scale_groups

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

SELECTED = QColor(255, 140, 0)
FEEDING = QColor(255, 140, 0, 70)
FIELD = QColor(255, 140, 0)
TITLE_COLOR = QColor(40, 40, 40)
SUBTITLE_COLOR = QColor(110, 110, 110)
ARROW_COLOR = QColor(150, 150, 150)


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


def _same_array(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.shape == b.shape and np.array_equal(a, b)


def _grid_for(count: int, h: int, w: int, height: float) -> tuple[int, float]:
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


def _vector_cells(count: int, height: float) -> tuple[int, int, float]:
    """(cells per column, columns, cell side) for a vector of ``count`` values."""
    for side in range(MAX_VECTOR_CELL, 1, -1):
        per_column = max(1, int(height // side))
        columns = math.ceil(count / per_column)
        if columns * side <= MAX_VECTOR_WIDTH:
            return per_column, columns, float(side)
    per_column = max(1, int(height // 2))
    return per_column, math.ceil(count / per_column), 2.0


class NetworkView(QWidget):
    """The painted network. :meth:`set_network` gives it the values; the widget's height
    decides the layout and its width follows (it lives in a horizontal scroll area).

    Signals
    -------
    unit_clicked(int, object)
        A unit was clicked: its position (``engine.units`` numbering) and index tuple.
    """

    unit_clicked = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.positions: tuple[Position, ...] = ()
        self.activations: Activations | None = None
        self.groups: tuple[ScaleGroup, ...] = ()
        self.class_names: tuple[str, ...] = ()
        self.columns: list[Column] = []
        self.paints = 0
        self._pictures: list[list[QImage]] = []
        self._selection: tuple[int, tuple] | None = None
        self._feeding: np.ndarray | None = None
        self._highlight: np.ndarray | None = None  # flat indices outlined in the column before
        self._field: ReceptiveField | None = None
        self._laid_out_height = -1
        self.edited_layers: frozenset[int] = frozenset()  # convolutions with edited kernels
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    # --- data ---------------------------------------------------------------------------
    def set_network(self, positions, activations: Activations, class_names,
                    changed_from: int = INPUT) -> None:
        """Show ``activations`` of the network whose columns are ``positions``.

        ``changed_from``: the first position whose values may differ from the ones shown
        (an edited kernel's layer): only the columns from there on, and those whose scale
        changed with them, are drawn again."""
        structure_changed = ([p.shape for p in positions] != [p.shape for p in self.positions]
                             or tuple(class_names) != self.class_names or not self.columns)
        old_groups = self.groups
        self.positions = tuple(positions)
        self.activations = activations
        self.class_names = tuple(class_names)
        self.groups = scale_groups(self.positions, activations)
        if structure_changed:
            self._selection = None
            self._feeding = self._highlight = self._field = None
            self._layout()
            self._make_pictures()
            self.update()
            return
        rescaled = {g.first for g, old in zip(self.groups, old_groups, strict=False)
                    if g.levels != old.levels}
        changed = [index for index, column in enumerate(self.columns)
                   if column.position.layer >= changed_from
                   or group_of(self.groups, index).first in rescaled]
        self._make_pictures(changed)
        for index in changed:
            self.update(self.column_band(index))

    def column_band(self, index: int) -> QRect:
        """The widget's full height under column ``index``, with half the gaps on either
        side (its arrow, its header and its part of a legend)."""
        column = self.columns[index]
        left = math.floor(column.x - COLUMN_GAP / 2)
        return QRect(left, 0, math.ceil(column.x + column.width + COLUMN_GAP / 2) - left,
                     self.height())

    def clear(self) -> None:
        self.positions, self.activations, self.groups, self.columns = (), None, (), []
        self._pictures = []
        self._selection = None
        self._feeding = self._highlight = self._field = None
        self.update()

    def set_selection(self, layer: int | None, unit=None, feeding: np.ndarray | None = None,
                      highlight: np.ndarray | None = None,
                      receptive: ReceptiveField | None = None) -> None:
        """Outline ``unit`` of position ``layer``; ``feeding`` (the shape of the column
        before) marks the units it reads, ``highlight`` (flat indices into that column)
        the ones outlined most strongly, ``receptive`` its box on the input."""
        selection = None if layer is None else (int(layer), tuple(unit))
        if (selection == self._selection and receptive == self._field
                and _same_array(feeding, self._feeding)
                and _same_array(highlight, self._highlight)):
            return  # an edit of a kernel: the same outline, nothing to paint again
        self._selection = selection
        self._feeding, self._highlight, self._field = feeding, highlight, receptive
        self.update()

    def set_edited_layers(self, layers) -> None:
        """Mark the columns of convolutions (layer indices) whose kernels were edited."""
        layers = frozenset(int(v) for v in layers)
        if layers != self.edited_layers:
            self.edited_layers = layers
            self._layout()  # a marked title is wider
            self.update()

    def retranslate(self) -> None:
        for column in self.columns:
            self._name_column(column)
        self.update()

    # --- layout -------------------------------------------------------------------------
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

    def _name_column(self, column: Column) -> None:
        family = "conv"
        index = self.positions.index(column.position)
        if column.position.role == "activation":
            family = group_of(self.groups, index).kind
        column.title = texts.position_name(column.position,
                                           "hidden" if family == "hidden" else "conv")
        if column.position.role == "conv" and column.position.layer in self.edited_layers:
            column.title = self.tr("{0} (edited)").format(column.title)
        column.subtitle = self.position_shape(column.position)

    def position_shape(self, position: Position) -> str:
        """A column's subtitle: how many maps of which size, or how many values."""
        shape = position.shape
        if len(shape) == 3:
            return self.tr("%n map(s) of {0}×{1}", "", shape[0]).format(shape[1], shape[2])
        if position.role in ("output", "softmax"):
            return self.tr("%n class(es)", "", shape[0])
        return self.tr("%n value(s)", "", shape[0])

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
                grid, px = _grid_for(count, h, w, body)
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
                per_column, ncols, side = _vector_cells(count, body)
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

    def sizeHint(self) -> QSize:
        return QSize(self.width(), 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, HEADER + LEGEND + 2 * MARGIN + 120)

    def resizeEvent(self, event) -> None:
        if event.size().height() != self._laid_out_height and self.positions:
            self._layout()
            self._make_pictures()
        super().resizeEvent(event)

    # --- hit testing ----------------------------------------------------------------------
    def unit_at(self, x: float, y: float) -> tuple[int, tuple] | None:
        """(position, unit) under the widget point (x, y), or None."""
        for column in self.columns:
            if not column.x <= x <= column.x + column.width:
                continue
            layer = column.position.layer
            if column.maps:
                for channel, rect in enumerate(column.maps):
                    if rect.contains(QPointF(x, y)):
                        row = min(int((y - rect.y()) / column.px), column.position.shape[1] - 1)
                        col = min(int((x - rect.x()) / column.px), column.position.shape[2] - 1)
                        return layer, (channel, row, col)
                return None
            for index, rect in enumerate(column.cells):
                wide = rect
                if column.position.role in ("output", "softmax"):  # the whole row, names too
                    wide = QRectF(column.x, rect.y(), column.width, rect.height())
                if wide.contains(QPointF(x, y)):
                    return layer, (index,)
            return None
        return None

    def column_of(self, layer: int) -> Column:
        return next(c for c in self.columns if c.position.layer == layer)

    def mousePressEvent(self, event) -> None:
        hit = self.unit_at(event.position().x(), event.position().y())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.unit_clicked.emit(*hit)
        super().mousePressEvent(event)

    def hover_text(self, layer: int, unit) -> str:
        """What hovering over a unit says: its column, which unit, its value."""
        column = self.column_of(layer)
        value = self.activations.value(layer, unit)
        shown = (percent_text(value) if column.position.role == "softmax"
                 else format_number(value, 3))
        return QCoreApplication.translate("NetworkView", "{0} · {1}: {2}").format(
            column.title, texts.unit_name(column.position, unit, self.class_names), shown)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            hit = self.unit_at(event.pos().x(), event.pos().y())
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.hover_text(*hit), self)
            return True
        return super().event(event)

    # --- painting -------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        self.paints += 1
        if not self.columns or self.activations is None:
            return
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(255, 255, 255))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        left, right = event.rect().left() - COLUMN_GAP, event.rect().right() + COLUMN_GAP
        for index, column in enumerate(self.columns):
            if column.x > right or column.x + column.width < left:
                continue  # scrolled out of sight
            self._paint_header(painter, column)
            if column.maps:
                self._paint_maps(painter, index, column)
            elif column.position.role in ("output", "softmax"):
                self._paint_classes(painter, index, column)
            else:
                self._paint_vector(painter, index, column)
            if index + 1 < len(self.columns):
                self._paint_arrow(painter, column)
        self._paint_selection(painter)
        for group in self.groups:
            first, last = self.columns[group.first], self.columns[group.last]
            if first.x - COLUMN_GAP <= right and last.x + last.width + COLUMN_GAP >= left:
                self._paint_legend(painter, group)
        painter.end()

    def _paint_header(self, painter: QPainter, column: Column) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(TITLE_COLOR)
        rect = QRectF(column.x - COLUMN_GAP / 2 + 2, MARGIN, column.width + COLUMN_GAP - 4,
                      HEADER / 2)
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         column.title)
        painter.setFont(self.font())
        painter.setPen(SUBTITLE_COLOR)
        rect.translate(0, HEADER / 2)
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         column.subtitle)

    def _paint_arrow(self, painter: QPainter, column: Column) -> None:
        y = MARGIN + HEADER + self._body_height() / 2
        x0 = column.x + column.width + 6
        x1 = x0 + COLUMN_GAP - 12
        painter.setPen(QPen(ARROW_COLOR, 1.5))
        painter.drawLine(QPointF(x0, y), QPointF(x1, y))
        painter.drawLine(QPointF(x1, y), QPointF(x1 - 4, y - 4))
        painter.drawLine(QPointF(x1, y), QPointF(x1 - 4, y + 4))

    def _paint_maps(self, painter: QPainter, index: int, column: Column) -> None:
        frame = QPen(QColor(170, 170, 170), 1)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(frame)
        picture = self._pictures[index]
        _, h, w = self.activations.at(column.position.layer).shape
        rgb = picture.height() == h  # an RGB input is one picture, not stacked maps
        for channel, rect in enumerate(column.maps):
            source = QRectF(0, 0 if rgb else channel * h, w, h)
            painter.drawImage(rect, picture, source)
            painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
            if rgb:
                break

    def _vector_colours(self, index: int):
        group = group_of(self.groups, index)
        values = self.activations.at(self.columns[index].position.layer)
        return (group.colormap or DIVERGING).rgb(values, group.levels)

    def _paint_vector(self, painter: QPainter, index: int, column: Column) -> None:
        if not column.cells:
            return
        per_column, ncols = column.wrap
        first = column.cells[0]
        side = first.width()
        area = QRectF(first.x(), first.y(), ncols * side, per_column * side)
        painter.drawImage(area, self._pictures[index])
        painter.setPen(QPen(QColor(170, 170, 170), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(area.adjusted(-0.5, -0.5, 0.5, 0.5))

    def _paint_classes(self, painter: QPainter, index: int, column: Column) -> None:
        values = self.activations.at(column.position.layer)
        top = int(np.argmax(values))
        painter.setFont(self.font())
        metrics = painter.fontMetrics()
        softmax = column.position.role == "softmax"
        colours = None if softmax else self._vector_colours(index)
        for k, rect in enumerate(column.cells):
            name = self.class_names[k] if k < len(self.class_names) else str(k)
            painter.setPen(TITLE_COLOR)
            font = QFont(self.font())
            font.setBold(k == top)
            painter.setFont(font)
            painter.drawText(QRectF(column.x, rect.y(), rect.x() - column.x - 6, rect.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            if softmax:
                painter.fillRect(QRectF(rect.x(), rect.y(), rect.width(), rect.height()),
                                 QColor(242, 242, 242))
                bar = QRectF(rect.x(), rect.y(), max(1.0, rect.width() * float(values[k])),
                             rect.height())
                painter.fillRect(bar, TOP_COLOR if k == top else OTHER_COLOR)
                text = percent_text(float(values[k]))
            else:
                rgb = colours[k]
                painter.fillRect(rect, QColor(int(rgb[0]), int(rgb[1]), int(rgb[2])))
                painter.setPen(QPen(QColor(170, 170, 170), 1))
                painter.drawRect(rect)
                text = format_number(float(values[k]), 2)
            painter.setPen(TITLE_COLOR)
            painter.drawText(QRectF(rect.right() + 5, rect.y(), metrics.horizontalAdvance(
                "−000.00") + 4, rect.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(self.font())

    def _paint_selection(self, painter: QPainter) -> None:
        if self._selection is None:
            return
        layer, unit = self._selection
        try:
            column = self.column_of(layer)
        except StopIteration:
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        position_index = self.columns.index(column)
        if self._feeding is not None and position_index > 0:
            before = self.columns[position_index - 1]
            self._paint_feeding(painter, before)
        if self._field is not None:
            self._paint_field(painter, self.columns[0])
        rect = column.unit_rect(unit)
        if column.position.role in ("output", "softmax"):
            rect = QRectF(column.x - 2, rect.y() - 1, column.width + 4, rect.height() + 2)
        painter.setPen(QPen(QColor(0, 0, 0), 3))
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        painter.setPen(QPen(SELECTED, 2))
        painter.drawRect(rect.adjusted(-2, -2, 2, 2))

    def _paint_feeding(self, painter: QPainter, column: Column) -> None:
        mask = self._feeding
        if column.maps:
            for channel in range(mask.shape[0]):
                rows, cols = np.nonzero(mask[channel])
                if not rows.size:
                    continue
                rect = column.maps[channel]
                px = column.px
                box = QRectF(rect.x() + cols.min() * px, rect.y() + rows.min() * px,
                             (cols.max() - cols.min() + 1) * px, (rows.max() - rows.min() + 1) * px)
                if rows.size == box.width() * box.height() / (px * px):
                    painter.fillRect(box, FEEDING)  # a solid window: one rectangle
                else:  # a dilated window: its cells
                    for r, c in zip(rows, cols, strict=True):
                        painter.fillRect(column.unit_rect((channel, r, c)), FEEDING)
                painter.setPen(QPen(SELECTED, 2))
                painter.drawRect(box.adjusted(-1, -1, 1, 1))
            return
        if self._highlight is not None and mask.all():
            for index in self._highlight:
                rect = column.unit_rect((int(index),))
                painter.setPen(QPen(SELECTED, 2))
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
            return
        for index in np.flatnonzero(mask):
            rect = column.unit_rect((int(index),))
            painter.fillRect(rect, FEEDING)
            painter.setPen(QPen(SELECTED, 2))
            painter.drawRect(rect.adjusted(-1, -1, 1, 1))

    def _paint_field(self, painter: QPainter, column: Column) -> None:
        top, left, bottom, right = self._field.clipped
        for rect in column.maps:
            px = column.px
            box = QRectF(rect.x() + left * px, rect.y() + top * px, (right - left + 1) * px,
                         (bottom - top + 1) * px)
            painter.setPen(QPen(FIELD, 2, Qt.PenStyle.DashLine))
            painter.drawRect(box)

    def _paint_legend(self, painter: QPainter, group: ScaleGroup) -> None:
        first, last = self.columns[group.first], self.columns[group.last]
        left, right = first.x, last.x + last.width
        top = self.height() - MARGIN - LEGEND + 6
        painter.setPen(QPen(QColor(200, 200, 200), 1))
        painter.drawLine(QPointF(left, top), QPointF(right, top))
        caption = legend_caption(group)
        metrics = painter.fontMetrics()
        span = right - left
        if group.colormap is not None:
            bar_width = min(160.0, span)
            bar = QRectF(left + (span - bar_width) / 2, top + 6, bar_width, 10)
            lut = np.ascontiguousarray(group.colormap.lut[None, :, :])
            image = QImage(lut.data, lut.shape[1], 1, 3 * lut.shape[1],
                           QImage.Format.Format_RGB888)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(bar, image)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.setPen(QPen(QColor(120, 120, 120), 1))
            painter.drawRect(bar)
            lo, hi = group.levels
            painter.setPen(SUBTITLE_COLOR)
            labels = QRectF(bar.x(), bar.bottom() + 1, bar.width(), metrics.height())
            painter.drawText(labels, Qt.AlignmentFlag.AlignLeft, format_number(lo, 2))
            painter.drawText(labels, Qt.AlignmentFlag.AlignRight, format_number(hi, 2))
            ends = metrics.horizontalAdvance(format_number(lo, 2) + format_number(hi, 2))
            if lo < 0 < hi and bar.width() > ends + 4 * metrics.horizontalAdvance("0"):
                painter.drawText(labels, Qt.AlignmentFlag.AlignHCenter, "0")
        painter.setPen(SUBTITLE_COLOR)
        room = span + COLUMN_GAP - 6
        text = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, int(room))
        painter.drawText(QRectF(left - (COLUMN_GAP - 6) / 2, top + 18 + metrics.height(), room,
                                metrics.height() + 2),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text)


def legend_caption(group: ScaleGroup) -> str:
    """What a scale group's colours mean, in the current language."""
    if group.kind == "input":
        if group.colormap is None:
            return QCoreApplication.translate("NetworkView", "the picture's own colours")
        return QCoreApplication.translate("NetworkView", "0 = paper, 1 = ink")
    if group.kind == "softmax":
        return QCoreApplication.translate("NetworkView", "bar length = probability")
    if group.kind == "block":
        return QCoreApplication.translate(
            "NetworkView", "Block {0}, one scale: blue < 0 < red").format(group.number)
    if group.kind == "hidden":
        return QCoreApplication.translate(
            "NetworkView", "Hidden layer {0}: blue < 0 < red").format(group.number)
    return QCoreApplication.translate("NetworkView", "blue < 0 < red")
