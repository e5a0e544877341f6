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
from PySide6.QtCore import QCoreApplication, QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from engine import units
from gui.common.colormap import DIVERGING, INK, symmetric_levels
from gui.common.heatmap import rgb_qimage
from gui.common.number_format import exact_decimals, format_number, shown_index
from gui.common.number_grid import font_px_for, paint_number_grid
from gui.network import texts
from gui.network.scales import group_of

# Dense and output units list this many of their largest contributions.
TOP_CONTRIBUTIONS = 8
# Up to this many channel sums are written out term by term.
MAX_TERMS = 8
FIELD_SCALE = 4
WINNER = QColor(255, 140, 0)


def _number(value: float, decimals: int = 3) -> str:
    return format_number(value, decimals)


def _factor(value: float, decimals: int = 3) -> str:
    text = _number(value, decimals)
    return f"({text})" if text.startswith("\u2212") else text


class ValueGrid(QWidget):
    """A small grid of numbers on cells coloured by value (the shared number painter),
    with an optional outlined cell (a pool's winner) and hatched cells (padding).
    Hovering a cell shows its value in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros((0, 0))
        self.setMouseTracking(True)

    def set_data(self, values, colormap, levels, cell: float, *, outlined=None,
                 hatched=None, tooltip: str = "") -> None:
        self.values = np.asarray(values, dtype=np.float64)
        self._fills = colormap.rgb(self.values, levels)
        decimals = exact_decimals(self.values)
        self._texts = [format_number(v, decimals) for v in self.values.ravel()]
        self._cell = cell
        self._outlined = outlined
        self._hatched = hatched
        self._tooltip = tooltip
        rows, cols = self.values.shape
        self.setFixedSize(int(cols * cell) + 2, int(rows * cell) + 2)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        shape = self.values.shape
        paint_number_grid(painter, (1, 1), self._cell, shape, fills=self._fills,
                          texts=self._texts, font=self.font(),
                          font_px=font_px_for(self._cell, self._texts, self.font()),
                          hatched=self._hatched, grid_pen=QPen(QColor(205, 205, 205), 1),
                          outline_pen=QPen(QColor(120, 120, 120), 1))
        if self._outlined is not None:
            r, c = self._outlined
            painter.setPen(QPen(WINNER, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1 + c * self._cell, 1 + r * self._cell, self._cell,
                                    self._cell).adjusted(1, 1, -1, -1))
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            r = int((event.pos().y() - 1) // self._cell)
            c = int((event.pos().x() - 1) // self._cell)
            rows, cols = self.values.shape
            if 0 <= r < rows and 0 <= c < cols:
                QToolTip.showText(event.globalPos(), QCoreApplication.translate(
                    "UnitDetail", "{0}\n{1}").format(self._tooltip, _number(
                        self.values[r, c], 5)).strip(), self)
            return True
        return super().event(event)


class ChannelCards(QWidget):
    """Every input channel's "window ⊙ kernel slice = products" of one convolution unit,
    painted as cards that wrap to the widget's width (one widget however many channels,
    so a new image costs one repaint, not dozens of widgets). Hovering a cell shows its
    value; :attr:`cards` holds (window, kernel, products) per channel."""

    SIGN = 18
    GAP = 4
    CAPTION = 16
    CARD_GAP = (18, 8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = []
        self._kinds = []
        self._grid_size = (0.0, 0.0)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_data(self, windows, kernels, products, sums, levels, cell: float, captions,
                 hatched=None) -> None:
        """Show the channels' windows, kernel slices and products (each (C, KH, KW)),
        the per-channel ``sums``; ``levels`` = (window colour map, window levels,
        kernel levels, product levels)."""
        window_map, window_levels, kernel_levels, product_levels = levels
        old_layout = (len(self.cards), self._grid_size)
        self.cards = list(zip(windows, kernels, products, strict=True))
        self.sums = np.asarray(sums, dtype=np.float64)
        self._cell = cell
        self._captions = captions  # (channel captions, "Kernel", "sum {0}")
        self._hatched = hatched
        # Per kind (windows, kernels, products): the values (C, KH, KW), their colours
        # and one number of decimals for all channels alike; each cell's text is made
        # when its card is first painted (most cards lie below the fold).
        self._kinds = []
        samples = []
        for values, cmap, lv in ((windows, window_map, window_levels),
                                 (kernels, DIVERGING, kernel_levels),
                                 (products, DIVERGING, product_levels)):
            values = np.asarray(values, dtype=np.float64)
            decimals = exact_decimals(values)
            self._kinds.append((values, cmap.rgb(values, lv), decimals))
            samples += [format_number(v, decimals) for v in (values.min(), values.max())]
        self._texts: dict[tuple[int, int], list[str]] = {}
        kh, kw = np.shape(windows[0])
        self._grid_size = (kw * cell, kh * cell)
        self._font_px = font_px_for(cell, samples, self.font())
        if (len(self.cards), self._grid_size) != old_layout:
            self.updateGeometry()
        self.update()

    def card_size(self) -> tuple[float, float]:
        gw, gh = self._grid_size
        return 3 * gw + 2 * self.SIGN + 4 * self.GAP, self.CAPTION + gh + 2

    def _per_row(self, width: float) -> int:
        card_w, _ = self.card_size()
        return max(1, min(len(self.cards), int((width + self.CARD_GAP[0])
                                               // (card_w + self.CARD_GAP[0]))))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        rows = -(-len(self.cards) // self._per_row(width))
        return int(rows * (self.card_size()[1] + self.CARD_GAP[1]))

    def sizeHint(self) -> QSize:
        card_w, _ = self.card_size()
        width = int(min(len(self.cards), 3) * (card_w + self.CARD_GAP[0]))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        card_w, card_h = self.card_size()
        return QSize(int(card_w), int(card_h))

    def _origins(self, channel: int) -> list[tuple[float, float]]:
        """Top-left corners of channel ``channel``'s three grids."""
        card_w, card_h = self.card_size()
        per_row = self._per_row(self.width())
        r, c = divmod(channel, per_row)
        x = c * (card_w + self.CARD_GAP[0])
        y = r * (card_h + self.CARD_GAP[1]) + self.CAPTION
        gw = self._grid_size[0]
        step = gw + self.SIGN + 2 * self.GAP
        return [(x + 1 + k * step, y + 1) for k in range(3)]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        gw, gh = self._grid_size
        shape = self.cards[0][0].shape
        names, kernel_caption, sum_caption = self._captions
        sign_font = QFont(self.font())
        sign_font.setPixelSize(16)
        visible = event.rect()
        for channel in range(len(self.cards)):
            origins = self._origins(channel)
            if not visible.intersects(QRect(int(origins[0][0]), int(origins[0][1]) -
                                            self.CAPTION, int(3 * gw + 60), int(gh + 20))):
                continue
            captions = (names[channel], kernel_caption, sum_caption.format(
                _number(self.sums[channel])))
            for k, (x, y) in enumerate(origins):
                values, fills, _ = self._kinds[k]
                painter.setFont(self.font())
                painter.setPen(QColor(85, 85, 85))
                painter.drawText(QRectF(x - 10, y - self.CAPTION, gw + 20, self.CAPTION),
                                 Qt.AlignmentFlag.AlignCenter, captions[k])
                paint_number_grid(painter, (x, y), self._cell, shape, fills=fills[channel],
                                  texts=self._cell_texts(channel, k), font=self.font(),
                                  font_px=self._font_px,
                                  hatched=self._hatched if k == 0 else None,
                                  grid_pen=QPen(QColor(205, 205, 205), 1),
                                  outline_pen=QPen(QColor(120, 120, 120), 1))
                if k < 2:
                    painter.setFont(sign_font)
                    painter.setPen(QColor(102, 102, 102))
                    painter.drawText(QRectF(x + gw + self.GAP, y, self.SIGN, gh),
                                     Qt.AlignmentFlag.AlignCenter, "⊙" if k == 0 else "=")
        painter.end()

    def _cell_texts(self, channel: int, kind: int) -> list[str]:
        key = (channel, kind)
        texts_ = self._texts.get(key)
        if texts_ is None:
            values, _, decimals = self._kinds[kind]
            texts_ = self._texts[key] = [format_number(v, decimals)
                                         for v in values[channel].ravel()]
        return texts_

    def cell_at(self, x: float, y: float):
        """(channel, grid 0-2, row, col) under (x, y), or None."""
        gw, gh = self._grid_size
        for channel in range(len(self.cards)):
            for k, (gx, gy) in enumerate(self._origins(channel)):
                if gx <= x < gx + gw and gy <= y < gy + gh:
                    return channel, k, int((y - gy) // self._cell), int((x - gx) // self._cell)
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.cell_at(event.pos().x(), event.pos().y())
            if hit is None:
                QToolTip.hideText()
            else:
                channel, k, r, c = hit
                QToolTip.showText(event.globalPos(), _number(self.cards[channel][k][r, c], 5),
                                  self)
            return True
        return super().event(event)


class TextTable(QWidget):
    """A small table of texts painted directly: the first column left-aligned, the
    others right-aligned (numbers), one row highlighted, bold rows for totals. Cheaper to
    refresh than a rich-text label, whose document is laid out again on every change.
    :attr:`rows` keeps the texts (header first)."""

    PAD = 10
    HIGHLIGHT = QColor(255, 226, 191)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self._highlight = None
        self._bold: set[int] = set()
        self._widths: list[int] = []

    def set_rows(self, header, rows, highlight: int | None = None, bold=()) -> None:
        """``header`` and each of ``rows``: one text per column; ``highlight`` and
        ``bold`` are indices into ``rows``."""
        self.rows = [list(header)] + [list(r) for r in rows]
        self._highlight = highlight
        self._bold = set(bold)
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        metrics = QFontMetrics(bold_font)
        self._widths = [max(metrics.horizontalAdvance(row[c]) for row in self.rows)
                        for c in range(len(header))]
        row_h = metrics.height() + 3
        self._row_h = row_h
        self.setFixedSize(sum(self._widths) + self.PAD * len(self._widths),
                          row_h * len(self.rows) + 2)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        for r, row in enumerate(self.rows):
            y = 1 + r * self._row_h
            if self._highlight is not None and r == self._highlight + 1:
                painter.fillRect(QRectF(0, y, self.width(), self._row_h), self.HIGHLIGHT)
            painter.setFont(bold_font if r == 0 or (r - 1) in self._bold else self.font())
            painter.setPen(QColor(40, 40, 40))
            x = 0
            for c, text in enumerate(row):
                width = self._widths[c]
                align = (Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight)
                painter.drawText(QRectF(x, y, width, self._row_h),
                                 align | Qt.AlignmentFlag.AlignVCenter, text)
                x += width + self.PAD
        if self.rows:
            painter.setPen(QPen(QColor(190, 190, 190), 1))
            painter.drawLine(0, 1 + self._row_h, self.width(), 1 + self._row_h)
        painter.end()


class FieldView(QWidget):
    """The input picture, enlarged, with a unit's receptive field outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picture = None
        self._box = None
        self._shape = (28, 28)
        self.setFixedSize(28 * FIELD_SCALE + 2, 28 * FIELD_SCALE + 2)

    def set_input(self, image: np.ndarray) -> None:
        """``image`` (C, H, W): one channel of ink, or three of colour."""
        if image.shape[0] == 3:
            self._picture = rgb_qimage(image.transpose(1, 2, 0))
        else:
            self._picture = INK.qimage(image[0], (0.0, 1.0))
        h, w = image.shape[1:]
        scale = max(1, min(FIELD_SCALE, 120 // max(h, w)))
        self._scale = scale
        self._shape = (h, w)
        self.setFixedSize(w * scale + 2, h * scale + 2)
        self.update()

    def set_box(self, box) -> None:
        """``box`` = (top, left, bottom, right) inclusive, or None."""
        self._box = box
        self.update()

    def paintEvent(self, _event) -> None:
        if self._picture is None:
            return
        painter = QPainter(self)
        h, w = self._shape
        s = self._scale
        painter.drawImage(QRectF(1, 1, w * s, h * s), self._picture)
        painter.setPen(QPen(QColor(150, 150, 150), 1))
        painter.drawRect(QRectF(0.5, 0.5, w * s + 1, h * s + 1))
        if self._box is not None:
            top, left, bottom, right = self._box
            painter.setPen(QPen(WINNER, 2))
            painter.setBrush(QColor(255, 140, 0, 50))
            painter.drawRect(QRectF(1 + left * s, 1 + top * s, (right - left + 1) * s,
                                    (bottom - top + 1) * s))
        painter.end()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("color: #555;")
    return label


def _sign(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 18px; color: #666;")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class UnitDetail(QWidget):
    """The clicked unit: its receptive field on the input and its arithmetic.

    :meth:`show_unit` fills it; :meth:`clear` shows the hint that asks for a click.
    The arithmetic is kept as data too (:attr:`explanation`), for tests.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = None
        self._args = None
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
        """Explain unit ``unit`` of position ``layer`` (``engine.units`` numbering)."""
        self._args = (model, positions, activations, groups, class_names, layer, unit)
        index = next(i for i, p in enumerate(positions) if p.layer == layer)
        position = positions[index]
        names = _ColumnNames(positions, groups)
        value = activations.value(layer, unit)
        shown = (f"{value * 100:.2f} %" if position.role == "softmax" else _number(value, 4))
        self.heading.setText(self.tr("<b>{0}</b> · {1} = <b>{2}</b>").format(
            html.escape(names[index]), html.escape(texts.unit_name(position, unit,
                                                                   class_names)), shown))
        self.hint.hide()
        self.heading.show()
        self.field_panel.show()
        self.scroll.show()
        self._show_field(model, positions, names, layer, unit, activations)
        self._cursor = 0
        info = units.explain_unit(model, activations, layer, unit)
        self.explanation = info
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
                _number(info.input_value), _number(info.value)))
        elif isinstance(info, units.PoolUnit):
            self._add_pool(context, info, index)
        elif isinstance(info, units.FlattenUnit):
            channel, row, col = (shown_index(v) for v in info.source)
            self._add_text(self.tr(
                "Flattening only rearranges the maps into one long list: map after map, "
                "row after row. Value {0} is map {1}, row {2}, column {3} of {4}: "
                "<b>{5}</b>.").format(shown_index(info.index), channel, row, col,
                                      html.escape(names[index - 1]), _number(info.value)))
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
                html.escape(context.names[index + 1]), _number(value),
                _number(max(value, 0.0))))

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
            terms = _number(sums[0])
        elif channels <= MAX_TERMS:
            terms = " + ".join(_factor(s) for s in sums)
        else:
            terms = " + ".join(_factor(s) for s in sums[:3]) + " + … + " + _factor(sums[-1])
        self._add_text(self.tr(
            "Total of the %n channel sum(s): {0} = {1}; plus the bias {2}: <b>{3}</b>", "",
            channels).format(terms, _number(cell.total), _factor(cell.bias),
                             _number(cell.pre_activation)))

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
                                   "map)").format(_number(cell.value), r, c))
        else:
            terms = " + ".join(_factor(v) for v in cell.window.ravel())
            self._add_text(self.tr("({0}) / {1} = <b>{2}</b>").format(
                terms, cell.window.size, _number(cell.value)))

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
        rows = [(self._input_name(context, index, int(k)), _number(info.inputs[k]),
                 _number(info.weights[k]), _number(info.contributions[k]))
                for k in info.top(shown)]
        if count > shown:
            rows.append((self.tr("the other %n input(s)", "", count - shown), "", "",
                         _number(info.rest(shown))))
        rows.append((self.tr("sum"), "", "", _number(info.total)))
        self._slot(TextTable, Qt.AlignmentFlag.AlignLeft).set_rows(header, rows,
                                                                   bold=(len(rows) - 1,))
        self._add_text(self.tr("Sum {0} plus the bias {1}: <b>{2}</b>").format(
            _number(info.total), _factor(info.bias), _number(info.value)))

    def _add_softmax(self, context, info: units.SoftmaxUnit) -> None:
        names = context.class_names
        shift = info.shift
        self._add_text(self.tr(
            "The softmax function turns the scores into probabilities: the exponential of "
            "each score, divided by the sum of all the exponentials."))
        power = (self.tr("e^(score − {0})").format(_number(shift, 2)) if shift
                 else self.tr("e^score"))
        header = (self.tr("class"), self.tr("score"), power, self.tr("probability"))
        rows = [(names[k] if k < len(names) else str(k), _number(score),
                 _exp(info.exponentials[k]), f"{info.probabilities[k] * 100:.2f} %")
                for k, score in enumerate(info.scores)]
        self._slot(TextTable, Qt.AlignmentFlag.AlignLeft).set_rows(header, rows,
                                                                   highlight=info.index)
        name = names[info.index] if info.index < len(names) else str(info.index)
        self._add_text(self.tr(
            "Sum of the exponentials: {0}. Probability of “{1}” = {2} / {0} = "
            "<b>{3} %</b>").format(_exp(info.total), html.escape(name),
                                   _exp(info.exponentials[info.index]),
                                   f"{info.value * 100:.2f}"))


def _exp(value: float) -> str:
    """An exponential: plain when moderate, else in powers of ten."""
    if 1e-3 <= abs(value) < 1e5:
        return format_number(value, 3)
    return f"{value:.3g}".replace("e+", "e").replace("-", "\u2212")


class _ColumnNames:
    """Each column's title (what :class:`gui.network.overview.NetworkView` shows)."""

    def __init__(self, positions, groups) -> None:
        self._names = []
        for index, position in enumerate(positions):
            family = group_of(groups, index).kind if position.role == "activation" else "conv"
            self._names.append(texts.position_name(
                position, "hidden" if family == "hidden" else "conv"))

    def __getitem__(self, index: int) -> str:
        return self._names[index]


class _Context:
    def __init__(self, model, positions, activations, groups, class_names, names,
                 index) -> None:
        self.model, self.positions, self.activations = model, positions, activations
        self.groups, self.class_names, self.names, self.index = (groups, class_names, names,
                                                                 index)
