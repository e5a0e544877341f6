"""Every layer of the network for one image, left to right, in one painted widget.

:class:`NetworkView` lays out one column per position of the network (the input, each
layer's output, the softmax): maps as small multiples on a grid that fits the height,
vectors as columns of cells (wrapped when long), the scores and probabilities with their
class names. Each scale group (:mod:`gui.network.scales`) has a legend under its
columns. Clicking a unit emits :attr:`NetworkView.unit_clicked`; the page answers with
:meth:`NetworkView.set_selection`, which outlines the unit, the units that feed it in the
column before and its receptive field on the input. Hovering shows a unit's value.

The layout and the pictures are :class:`gui.network.columns.ColumnLayout`'s job, the
painting :class:`gui.network.column_painting.ColumnPainting`'s; after an edit of a kernel
only the columns from the edited layer on are made and painted again.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine.units import INPUT, Activations, Position, ReceptiveField
from gui.common.number_format import format_number
from gui.common.probability_bars import percent_texts
from gui.network import texts
from gui.network.column_painting import ColumnPainting
from gui.network.columns import COLUMN_GAP, HEADER, LEGEND, MARGIN, Column, ColumnLayout
from gui.network.scales import ScaleGroup, group_of, scale_groups


def _same_array(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.shape == b.shape and np.array_equal(a, b)



class NetworkView(ColumnLayout, ColumnPainting, QWidget):
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
        shown = (percent_texts(self.activations.at(layer))[tuple(unit)[0]]
                 if column.position.role == "softmax" else format_number(value, 3))
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
        self._paint_selection(painter, left, right)
        for group in self.groups:
            first, last = self.columns[group.first], self.columns[group.last]
            if first.x - COLUMN_GAP <= right and last.x + last.width + COLUMN_GAP >= left:
                self._paint_legend(painter, group)
        painter.end()

