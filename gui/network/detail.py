"""How one unit of the network was computed, with where on the input it looks.

:class:`UnitDetail` shows, for the unit clicked on the Network page, its receptive field
outlined on the input (with how the field grew layer by layer, by the formula of
:func:`engine.units.field_sizes`) and its arithmetic from :func:`engine.units.explain_unit`:
each input channel's window ⊙ kernel slice with the per-channel sums, their total plus
bias and the activation (convolution); the window and its winner or mean (pooling); the
inputs that contribute most, weight × activation, and the total (dense layers and output
scores); each score, its exponential, their sum and the division (softmax).
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from engine import units
from gui.common.colormap import INK, symmetric_levels
from gui.common.number_format import shown_index
from gui.network import texts
from gui.network.arithmetic_widgets import (
    ChannelCards,
    FieldView,
    TextTable,
    ValueGrid,
    exp_text,
    factor_text,
    number_text,
)
from gui.network.insight_parts import out_of_sight
from gui.network.scales import group_of

# Dense and output units list this many of their largest contributions.
TOP_CONTRIBUTIONS = 8
# Up to this many channel sums are written out term by term.
MAX_TERMS = 8


class UnitDetail(QWidget):
    """The clicked unit: its receptive field on the input and its arithmetic.

    :meth:`show_unit` fills it; :meth:`clear` shows the hint that asks for a click.
    The arithmetic is kept as data too (:attr:`explanation`), for tests.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = None
        self._args = None
        self._owed = False  # filled when shown
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.field_view = FieldView()
        self.field_title = QLabel()
        self.field_title.setStyleSheet("font-weight: bold;")
        self.field_text = QLabel()
        self.field_text.setWordWrap(True)
        self.field_text.setTextFormat(Qt.TextFormat.RichText)
        self.field_text.setStyleSheet("color: #444;")
        field_box = QVBoxLayout()
        field_box.addWidget(self.field_title)
        field_box.addWidget(self.field_view, 0, Qt.AlignmentFlag.AlignLeft)
        field_box.addWidget(self.field_text)
        field_box.addStretch(1)
        field_inner = QWidget()
        field_inner.setLayout(field_box)
        field_box.setContentsMargins(0, 0, 4, 0)
        self.field_panel = QScrollArea()
        self.field_panel.setWidgetResizable(True)
        self.field_panel.setFrameShape(QFrame.Shape.NoFrame)
        self.field_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.field_panel.setWidget(field_inner)
        self.field_panel.setFixedWidth(240)

        self.maths = QWidget()
        self.maths_layout = QVBoxLayout(self.maths)
        self.maths_layout.setContentsMargins(4, 0, 4, 4)
        self.maths_layout.addStretch(1)
        self._items: list[QWidget] = []
        self._cursor = 0
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.maths)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #777; font-size: 13px;")

        body = QHBoxLayout()
        body.addWidget(self.field_panel)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setStyleSheet("color: #ddd;")
        body.addWidget(line)
        body.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.heading)
        layout.addLayout(body, 1)
        layout.addWidget(self.hint, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr(
            "Click any square of any layer above to see how its value was computed, which "
            "units of the layer before feed it, and which part of the image it sees."))
        self.field_title.setText(self.tr("Receptive field"))
        if self._args is not None:
            self.show_unit(*self._args)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(800, 260)

    # --- filling ----------------------------------------------------------------------
    def clear(self) -> None:
        self._args = None
        self._owed = False
        self.explanation = None
        self.heading.hide()
        self.field_panel.hide()
        self.scroll.hide()
        self.hint.show()

    def _clear_maths(self) -> None:
        self._cursor = 0
        self._end_maths()

    def _slot(self, cls, alignment=None):
        """The next widget of the arithmetic: the one shown there before if it is a
        ``cls`` (a new image for the same unit changes texts and numbers in place, so
        nothing is laid out again), else a new one."""
        items = self._items
        if self._cursor < len(items) and type(items[self._cursor]) is cls:
            widget = items[self._cursor]
        else:
            self._end_maths()
            widget = cls()
            if cls is QLabel:
                widget.setTextFormat(Qt.TextFormat.RichText)
                widget.setWordWrap(True)
                widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.maths_layout.insertWidget(self._cursor, widget, 0,
                                           alignment or Qt.AlignmentFlag(0))
            items.append(widget)
        self._cursor += 1
        return widget

    def _end_maths(self) -> None:
        """Remove the widgets after the ones used for this unit."""
        for widget in self._items[self._cursor:]:
            self.maths_layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        del self._items[self._cursor:]

    def show_unit(self, model, positions, activations, groups, class_names, layer: int,
                  unit) -> None:
        """Explain unit ``unit`` of position ``layer`` (``engine.units`` numbering).

        :attr:`explanation` is the unit's arithmetic at once; the widgets that write it
        out wait while they are out of sight (another tab is open: an edit of a kernel
        there must not fill them every time) and are filled when shown."""
        self._args = (model, positions, activations, groups, class_names, layer, unit)
        self.explanation = units.explain_unit(model, activations, layer, unit)
        self._owed = out_of_sight(self)
        if not self._owed:
            self._fill(*self._args)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._owed and self._args is not None:
            self._owed = False
            self._fill(*self._args)

    def _fill(self, model, positions, activations, groups, class_names, layer: int,
              unit) -> None:
        index = next(i for i, p in enumerate(positions) if p.layer == layer)
        position = positions[index]
        names = texts.column_names(positions, groups)
        value = activations.value(layer, unit)
        shown = (f"{value * 100:.2f} %" if position.role == "softmax" else number_text(value, 4))
        self.heading.setText(self.tr("<b>{0}</b> · {1} = <b>{2}</b>").format(
            html.escape(names[index]), html.escape(texts.unit_name(position, unit,
                                                                   class_names)), shown))
        self.hint.hide()
        self.heading.show()
        self.field_panel.show()
        self.scroll.show()
        self._show_field(model, positions, names, layer, unit, activations)
        self._cursor = 0
        info = self.explanation
        context = _Context(model, positions, activations, groups, class_names, names, index)
        if isinstance(info, units.InputUnit):
            self._add_text(self.tr("A pixel of the input image: nothing computes it. Its "
                                   "value is how dark it is (0 = paper, 1 = ink)."))
        elif isinstance(info, units.ConvUnit):
            self._add_conv(context, info, index)
            self._add_next_activation(context, index, info.value)
        elif isinstance(info, units.ActivationUnit):
            if info.conv is not None:
                self._add_conv(context, info.conv, index - 1)
            elif index >= 2 and positions[index - 1].role in ("hidden", "output"):
                before = units.explain_unit(model, activations, positions[index - 1].layer,
                                            unit)
                self._add_dense(context, before, index - 1)
            self._add_text(self.tr("ReLU: max({0}, 0) = <b>{1}</b>").format(
                number_text(info.input_value), number_text(info.value)))
        elif isinstance(info, units.PoolUnit):
            self._add_pool(context, info, index)
        elif isinstance(info, units.FlattenUnit):
            channel, row, col = (shown_index(v) for v in info.source)
            self._add_text(self.tr(
                "Flattening only rearranges the maps into one long list: map after map, "
                "row after row. Value {0} is map {1}, row {2}, column {3} of {4}: "
                "<b>{5}</b>.").format(shown_index(info.index), channel, row, col,
                                      html.escape(names[index - 1]), number_text(info.value)))
        elif isinstance(info, units.DenseUnit):
            self._add_dense(context, info, index)
            self._add_next_activation(context, index, info.value)
        elif isinstance(info, units.SoftmaxUnit):
            self._add_softmax(context, info)
        self._end_maths()

    # --- receptive field ------------------------------------------------------------------
    def _show_field(self, model, positions, names, layer, unit, activations) -> None:
        self.field_view.set_input(activations.at(units.INPUT))
        field = units.receptive_field(model, layer, unit)
        self.receptive_field = field
        self.field_view.set_box(field.clipped)
        rows, cols = field.size
        clipped = field.clipped_size
        position = next(p for p in positions if p.layer == layer)
        if len(position.shape) == 3 and position.role != "input":
            sizes = [s for s in units.field_sizes(model) if s.layer <= layer]
            steps = []
            for size in sizes:
                column = next(i for i, p in enumerate(positions) if p.layer == size.layer)
                if size is sizes[0] or size.size != steps[-1][1]:
                    steps.append((names[column], size.size))
            growth = "<br>".join(f"{html.escape(name)}: {r}×{c}"
                                 for name, (r, c) in steps)
            text = self.tr("Sees {0}×{1} pixels of the input (outlined). Each window of k "
                           "cells adds (k − 1) × the step between the cells it reads:"
                           ).format(rows, cols)
            text += "<br>" + growth
            if clipped != (rows, cols):
                text += "<br>" + self.tr("{0}×{1} of them lie on the image; the rest is "
                                         "padding.").format(*clipped)
        elif position.role == "input":
            text = self.tr("A pixel sees only itself.")
        else:
            text = self.tr("This unit reads every value of the last maps, so it sees the "
                           "whole {0}×{1} box they cover.").format(*clipped)
        self.field_text.setText(text)

    # --- pieces -----------------------------------------------------------------------------
    def _add_text(self, text: str) -> QLabel:
        label = self._slot(QLabel)
        if label.text() != text:  # a QLabel lays itself out again on every setText
            label.setText(text)
        return label

    def _add_next_activation(self, context, index: int, value: float) -> None:
        positions = context.positions
        if index + 1 < len(positions) and positions[index + 1].role == "activation":
            self._add_text(self.tr("Then {0} makes it max({1}, 0) = {2}.").format(
                html.escape(context.names[index + 1]), number_text(value),
                number_text(max(value, 0.0))))

    def _add_conv(self, context, info: units.ConvUnit, index: int) -> None:
        cell = info.cell
        layer = context.positions[index].layer
        weights = context.model.layers[layer].params["weight"][info.filter_index]
        group = group_of(context.groups, index - 1)
        window_map = group.colormap or INK
        kernel_levels = symmetric_levels(weights)
        product_levels = symmetric_levels(cell.products)
        channels = cell.window.shape[0]
        kh, kw = cell.window.shape[1:]
        size = max(26.0, min(30.0, 130.0 / max(kh, kw)))  # room for the numbers
        before = context.names[index - 1]
        self._add_text(self.tr(
            "Filter {0} has one {1}×{2} kernel slice per map of {3} ({4} in all). Each "
            "window of the input is multiplied cell by cell (⊙) with its slice and the "
            "products are summed:").format(shown_index(info.filter_index), kh, kw,
                                            html.escape(before), channels))
        first_is_input = context.positions[index - 1].role == "input"
        names = [self.tr("Input") if first_is_input else self.tr("Map {0}").format(c + 1)
                 for c in range(channels)]
        hatched = cell.padding_mask if cell.padding_mask.any() else None
        self._slot(ChannelCards).set_data(
            cell.window, weights, cell.products, cell.channel_sums,
            (window_map, group.levels, kernel_levels, product_levels), size,
            (names, self.tr("Kernel"), self.tr("sum {0}")), hatched=hatched)
        sums = cell.channel_sums
        if channels == 1:
            terms = number_text(sums[0])
        elif channels <= MAX_TERMS:
            terms = " + ".join(factor_text(s) for s in sums)
        else:
            terms = " + ".join(factor_text(s) for s in sums[:3]) + " + … + " + factor_text(sums[-1])
        self._add_text(self.tr(
            "Total of the %n channel sum(s): {0} = {1}; plus the bias {2}: <b>{3}</b>", "",
            channels).format(terms, number_text(cell.total), factor_text(cell.bias),
                             number_text(cell.pre_activation)))

    def _add_pool(self, context, info: units.PoolUnit, index: int) -> None:
        cell = info.cell
        group = group_of(context.groups, index - 1)
        ph, pw = cell.window.shape
        size = max(18.0, min(30.0, 90.0 / max(ph, pw)))
        before = html.escape(context.names[index - 1])
        if cell.pool == "max":
            self._add_text(self.tr(
                "Max pooling keeps the largest value of a {0}×{1} window of map {2} of {3} "
                "(outlined; on a tie, the first in reading order):").format(
                ph, pw, shown_index(info.channel), before))
        else:
            self._add_text(self.tr(
                "Average pooling takes the mean of a {0}×{1} window of map {2} of "
                "{3}:").format(ph, pw, shown_index(info.channel), before))
        self._slot(ValueGrid, Qt.AlignmentFlag.AlignLeft).set_data(
            cell.window, group.colormap or INK, group.levels, size,
            outlined=cell.winner_offset, tooltip=self.tr("Window value"))
        if cell.pool == "max":
            r, c = (shown_index(v) for v in cell.winner)
            self._add_text(self.tr("max = <b>{0}</b> (row {1}, column {2} of the "
                                   "map)").format(number_text(cell.value), r, c))
        else:
            terms = " + ".join(factor_text(v) for v in cell.window.ravel())
            self._add_text(self.tr("({0}) / {1} = <b>{2}</b>").format(
                terms, cell.window.size, number_text(cell.value)))

    def _input_name(self, context, index: int, k: int) -> str:
        """What input ``k`` of the dense layer at column ``index`` is."""
        before = context.positions[index - 1]
        if before.role == "flatten":
            maps = context.positions[index - 2]
            channel, row, col = np.unravel_index(k, maps.shape)
            return self.tr("value {0} (map {1}, row {2}, column {3})").format(
                shown_index(k), shown_index(channel), shown_index(row), shown_index(col))
        return texts.unit_name(before, (k,), context.class_names)

    def _add_dense(self, context, info: units.DenseUnit, index: int) -> None:
        count = len(info.inputs)
        shown = min(TOP_CONTRIBUTIONS, count)
        before = html.escape(context.names[index - 1])
        self._add_text(self.tr(
            "A fully connected unit multiplies each of the %n value(s) of {0} by its own "
            "weight and adds them up. The largest contributions (weight × value), "
            "outlined in {0}:", "", count).format(before))
        header = (self.tr("input"), self.tr("value"), self.tr("× weight"),
                  self.tr("= contribution"))
        rows = [(self._input_name(context, index, int(k)), number_text(info.inputs[k]),
                 number_text(info.weights[k]), number_text(info.contributions[k]))
                for k in info.top(shown)]
        if count > shown:
            rows.append((self.tr("the other %n input(s)", "", count - shown), "", "",
                         number_text(info.rest(shown))))
        rows.append((self.tr("sum"), "", "", number_text(info.total)))
        self._slot(TextTable, Qt.AlignmentFlag.AlignLeft).set_rows(header, rows,
                                                                   bold=(len(rows) - 1,))
        self._add_text(self.tr("Sum {0} plus the bias {1}: <b>{2}</b>").format(
            number_text(info.total), factor_text(info.bias), number_text(info.value)))

    def _add_softmax(self, context, info: units.SoftmaxUnit) -> None:
        names = context.class_names
        shift = info.shift
        self._add_text(self.tr(
            "The softmax function turns the scores into probabilities: the exponential of "
            "each score, divided by the sum of all the exponentials."))
        power = (self.tr("e^(score − {0})").format(number_text(shift, 2)) if shift
                 else self.tr("e^score"))
        header = (self.tr("class"), self.tr("score"), power, self.tr("probability"))
        rows = [(names[k] if k < len(names) else str(k), number_text(score),
                 exp_text(info.exponentials[k]), f"{info.probabilities[k] * 100:.2f} %")
                for k, score in enumerate(info.scores)]
        self._slot(TextTable, Qt.AlignmentFlag.AlignLeft).set_rows(header, rows,
                                                                   highlight=info.index)
        name = names[info.index] if info.index < len(names) else str(info.index)
        self._add_text(self.tr(
            "Sum of the exponentials: {0}. Probability of “{1}” = {2} / {0} = "
            "<b>{3} %</b>").format(exp_text(info.total), html.escape(name),
                                   exp_text(info.exponentials[info.index]),
                                   f"{info.value * 100:.2f}"))


class _Context:
    def __init__(self, model, positions, activations, groups, class_names, names,
                 index) -> None:
        self.model, self.positions, self.activations = model, positions, activations
        self.groups, self.class_names, self.names, self.index = (groups, class_names, names,
                                                                 index)
