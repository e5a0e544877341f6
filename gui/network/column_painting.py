"""How the network picture is painted: each column's header, maps, cells or class rows,
the arrows between columns, the clicked unit with what feeds it and its receptive field,
and each scale group's legend.

:class:`ColumnPainting` is the painting part of :class:`gui.network.overview.NetworkView`
(its ``paintEvent`` calls these for the columns in the exposed rectangle only); it uses
the pictures the layout made (:mod:`gui.network.columns`) and plain rectangles, so a
repaint is a few hundred drawImage and fillRect calls.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from gui.common.colormap import DIVERGING
from gui.common.number_format import format_number
from gui.common.probability_bars import OTHER_COLOR, TOP_COLOR, percent_texts
from gui.network.columns import COLUMN_GAP, HEADER, LEGEND, MARGIN, Column
from gui.network.scales import ScaleGroup, group_of

SELECTED = QColor(255, 140, 0)
FEEDING = QColor(255, 140, 0, 70)
FIELD = QColor(255, 140, 0)
TITLE_COLOR = QColor(40, 40, 40)
SUBTITLE_COLOR = QColor(110, 110, 110)
ARROW_COLOR = QColor(150, 150, 150)


class ColumnPainting:
    """The painting part of :class:`gui.network.overview.NetworkView` (see the module)."""

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
        percents = percent_texts(values) if softmax else None
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
                text = percents[k]
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

    def _paint_selection(self, painter: QPainter, left: float, right: float) -> None:
        """The clicked unit, what feeds it and its field, where they meet the columns
        ``left..right`` (widget x) being painted."""
        if self._selection is None:
            return

        def in_sight(column: Column) -> bool:
            return column.x <= right and column.x + column.width >= left

        layer, unit = self._selection
        try:
            column = self.column_of(layer)
        except StopIteration:
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        position_index = self.columns.index(column)
        if self._feeding is not None and position_index > 0 \
                and in_sight(self.columns[position_index - 1]):
            self._paint_feeding(painter, self.columns[position_index - 1])
        if self._field is not None and in_sight(self.columns[0]):
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
