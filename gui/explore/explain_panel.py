"""The arithmetic behind one feature-map cell: input window ⊙ filter = products, summed.

When the learner clicks a cell of the feature map (``LabState.cell_selected``), this
panel shows the state's :attr:`~gui.state.LabState.cell_explanation` (the engine's
:func:`engine.pipeline.explain_cell`, worked out once for every panel): the input values
under the kernel, the filter's weights, their element-wise products, and the sum written out with
the bias and the activation, e.g. ``0·0 + 1·(−1) + … = 2, + bias 0 = 2 → ReLU → 2``.
An RGB image has one tab per channel; the channel sums are added at the end.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from engine.pipeline import CellExplanation
from gui.common.colormap import DIVERGING, GRAY, INK
from gui.common.number_format import (
    exact_decimals,
    format_number,
    nice,
    pixel_scale,
    shown_index,
)
from gui.common.number_grid import font_px_for, paint_number_grid
from gui.state import LabState

#: Up to this many products, the sum is written term by term.
MAX_TERMS = 9
CHANNEL_LETTERS = ("R", "G", "B")


def _factor(value: float, decimals: int) -> str:
    text = format_number(value, decimals)
    return f"({text})" if text.startswith("\u2212") else text


def _set_text(label: QLabel, text: str) -> None:
    """Set ``text`` unless it is already shown: a QLabel re-lays out on every setText."""
    if label.text() != text:
        label.setText(text)


class NumberGrid(QWidget):
    """A small (KH, KW) grid of numbers on cells coloured by value.

    Cells scale with the space given (square, at most ``MAX_CELL`` px); numbers are
    hidden when cells are too small and shown in the tooltip instead. Cells flagged in
    ``outside`` (the padding) are hatched.
    """

    MAX_CELL = 34
    MIN_CELL = 8

    def __init__(self, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros((0, 0))
        self._fills = np.zeros((0, 0, 3), np.uint8)
        self._texts: list[str] = []
        self._outside = np.zeros((0, 0), bool)
        self._key = None
        self.setToolTip(tooltip)
        self._tooltip = tooltip
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    @property
    def values(self) -> np.ndarray:
        return self._values

    def set_values(self, values: np.ndarray, colormap, levels: tuple[float, float],
                   outside: np.ndarray | None = None) -> None:
        """Show ``values`` (KH, KW) coloured by ``colormap`` over ``levels``."""
        values = np.asarray(values, dtype=np.float64)
        outside = (np.zeros(values.shape, bool) if outside is None
                   else np.asarray(outside, bool))
        key = (colormap, tuple(levels))
        if (key == self._key and np.array_equal(values, self._values)
                and np.array_equal(outside, self._outside)):
            return  # unchanged (the input window, when a weight was edited)
        self._key = key
        resized = values.shape != self._values.shape
        self._values = values
        self._fills = colormap.rgb(values, levels)
        decimals = exact_decimals(values)
        self._texts = [format_number(v, decimals) for v in values.ravel()]
        self._outside = outside
        if resized:
            self.updateGeometry()
        self.update()

    def _cell(self) -> float:
        rows, cols = self._values.shape or (1, 1)
        if not rows or not cols:
            return self.MAX_CELL
        return max(1.0, min(self.MAX_CELL, (self.width() - 1) / cols,
                            (self.height() - 1) / rows))

    def sizeHint(self) -> QSize:
        rows, cols = self._values.shape if self._values.size else (3, 3)
        cell = max(self.MIN_CELL, min(self.MAX_CELL, 200 // max(rows, cols, 1)))
        return QSize(cols * cell + 1, rows * cell + 1)

    def minimumSizeHint(self) -> QSize:
        rows, cols = self._values.shape if self._values.size else (3, 3)
        return QSize(cols * self.MIN_CELL + 1, rows * self.MIN_CELL + 1)

    def paintEvent(self, _event) -> None:
        if not self._values.size:
            return
        painter = QPainter(self)
        rows, cols = self._values.shape
        cell = self._cell()
        left = (self.width() - cols * cell) / 2
        top = (self.height() - rows * cell) / 2
        paint_number_grid(
            painter, (left, top), cell, (rows, cols), fills=self._fills, texts=self._texts,
            font=self.font(), font_px=font_px_for(cell, self._texts, self.font()),
            hatched=self._outside, grid_pen=QPen(QColor(200, 200, 200), 1),
            outline_pen=QPen(QColor(120, 120, 120), 1))
        painter.end()

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        if not self._values.size:
            return None
        rows, cols = self._values.shape
        cell = self._cell()
        c = int((x - (self.width() - cols * cell) / 2) // cell)
        r = int((y - (self.height() - rows * cell) / 2) // cell)
        return (r, c) if 0 <= r < rows and 0 <= c < cols else None

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            hit = self.cell_at(event.pos().x(), event.pos().y())
            if hit is None:
                QToolTip.showText(event.globalPos(), self._tooltip, self)
            else:
                r, c = hit
                QToolTip.showText(event.globalPos(), QCoreApplication.translate(
                    "ExplainPanel", "{tip}\n[row {row}, col {col}] = {value}").format(
                    tip=self._tooltip, row=shown_index(r), col=shown_index(c),
                    value=format_number(self._values[r, c], 4)), self)
            return True
        return super().event(event)


class _ChannelRow(QWidget):
    """Input window ⊙ filter = products for one channel, with captions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = NumberGrid("")
        self.kernel = NumberGrid("")
        self.products = NumberGrid("")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._captions: list[QLabel] = []
        self._signs: list[QLabel] = []
        grids = (self.window, self.kernel, self.products)
        for i, grid in enumerate(grids):
            column = QVBoxLayout()
            column.setSpacing(2)
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("color: #555;")
            self._captions.append(label)
            column.addWidget(label)
            column.addWidget(grid, 1)
            layout.addLayout(column)
            if i < 2:
                sign = QLabel("\u2299" if i == 0 else "=")
                sign.setStyleSheet("font-size: 20px; color: #666;")
                sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._signs.append(sign)
                layout.addWidget(sign)
        layout.addStretch(1)
        self.sum_label = QLabel()
        self.sum_label.setWordWrap(True)
        self.sum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retranslate()

    def retranslate(self) -> None:
        self.window._tooltip = self.tr(
            "The input values under the filter (hatched: padding, read as 0)")
        self.kernel._tooltip = self.tr("The filter's weights")
        self.products._tooltip = self.tr("Each input value times the weight on top of it")
        captions = (self.tr("Input window"), self.tr("Filter"), self.tr("Products"))
        for label, caption in zip(self._captions, captions, strict=True):
            label.setText(caption)
        self._signs[0].setToolTip(
            self.tr("element-wise product: each cell times the cell at the same place"))
        self._signs[1].setToolTip(self.tr("gives"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ExplainPanel(QWidget):
    """Shows how the selected feature-map cell was computed.

    Parameters
    ----------
    state : LabState
        Read on ``cell_selected``, ``explored``, ``explore_failed``,
        ``selected_filter_changed`` and ``filters_changed``; never changed.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._explanation: CellExplanation | None = None
        self._cell = (-1, -1)
        #: The maths' height, kept while the hint stands in for it (see _show_page).
        self._kept_height: int | None = None

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #777; font-size: 13px;")

        self.gray_row = _ChannelRow()
        self.tabs = QTabWidget()
        self.rgb_rows = []
        self._channel_names = ("", "", "")
        for name in self._channel_names:
            row = _ChannelRow()
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(4, 4, 4, 4)
            page_layout.addWidget(row, 1)
            page_layout.addWidget(row.sum_label)
            self.tabs.addTab(page, name)
            self.rgb_rows.append(row)

        self.sum_label = QLabel()
        self.sum_label.setObjectName("explainSum")
        self.sum_label.setWordWrap(True)
        self.sum_label.setTextFormat(Qt.TextFormat.RichText)
        self.sum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sum_label.setStyleSheet("font-size: 13px;")

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.setSpacing(4)
        details_layout.addWidget(self.heading)
        details_layout.addWidget(self.gray_row)
        details_layout.addWidget(self.tabs)
        details_layout.addWidget(self.sum_label)
        # Spare height goes below the maths, so the captions stay on their grids.
        details_layout.addStretch(1)
        # The maths grows with the words and grids it holds: tell the page.
        details.installEventFilter(self)
        self._details = details

        # The maths scrolls when the page leaves it less height than it needs (an RGB
        # image's tabs, a big kernel, a short window), so nothing is ever clipped.
        self._scroll = QScrollArea()
        self._scroll.setWidget(details)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*self.MARGINS)
        layout.addWidget(self.hint)
        layout.addWidget(self._scroll)
        self._scroll.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        state.cell_selected.connect(self._on_cell_selected)
        state.explored.connect(self._on_explored)
        state.explore_failed.connect(self._on_explore_failed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        # A weight edit is followed by ``explored``; only a rename needs this one.
        state.filters_changed.connect(self._on_filters_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        """Word every text again; the maths on show is re-rendered from its explanation."""
        self.hint.setText(self.tr("Click a cell of the feature map to see how it was "
                                  "computed."))
        self.tabs.setToolTip(self.tr("One filter slice per colour channel; a real CNN "
                                     "adds the three channel sums"))
        self._channel_names = (self.tr("Red"), self.tr("Green"), self.tr("Blue"))
        for index, name in enumerate(self._channel_names):
            self.tabs.setTabText(index, name)
        self.sum_label.setToolTip(self.tr("The sum of the products, plus the filter's bias, "
                                          "then the activation"))
        self.setToolTip(self.tr("How the selected feature-map cell was computed"))
        if self._explanation is not None:
            self._show(self._explanation)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "sum_label"):
            self.retranslate()
        super().changeEvent(event)

    #: Left, top, right, bottom margins around the hint or the maths.
    MARGINS = (6, 2, 6, 2)
    #: The most height the maths asks for; beyond it, it scrolls.
    MAX_HEIGHT = 340

    def sizeHint(self) -> QSize:
        """Only what is on show needs room: one line for the hint, the maths' height
        (at most :data:`MAX_HEIGHT`) once a cell is explained."""
        return QSize(640, self.heightForWidth(self.width() if self.width() > 0 else 640))

    def minimumSizeHint(self) -> QSize:
        # The hint's line: the maths may scroll, the page shrinks it no further.
        return QSize(200, self._hint_height())

    def hasHeightForWidth(self) -> bool:
        # Not the hint label's: its own layout's would hide the height kept for the maths.
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped lines: the height needed follows the width

    def heightForWidth(self, width: int) -> int:
        """The height the hint or the maths needs at ``width`` (the page's layout asks
        :meth:`sizeHint`, which passes the current width: a widget with a layout of its
        own is never asked this by its parent's layout)."""
        if self.showing_hint:
            return self._kept_height or self._hint_height()
        left, top, right, bottom = self.MARGINS
        inner = max(1, width - left - right)
        details = self._details
        needed = (details.heightForWidth(inner) if details.hasHeightForWidth()
                  else details.sizeHint().height())
        return min(needed + top + bottom, self.MAX_HEIGHT)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._details and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _hint_height(self) -> int:
        left, top, right, bottom = self.MARGINS
        width = max(1, (self.width() or 640) - left - right)
        return self.hint.heightForWidth(width) + top + bottom

    # --- public ----------------------------------------------------------------------
    @property
    def explanation(self) -> CellExplanation | None:
        """The explanation on show, or None while the hint is shown."""
        return self._explanation

    @property
    def showing_hint(self) -> bool:
        return not self.hint.isHidden()

    def sum_text(self) -> str:
        """The written-out sum as plain text."""
        document = QTextDocument()
        document.setHtml(self.sum_label.text())
        return document.toPlainText()

    def refresh(self) -> None:
        """Show the state's explanation of the selected cell (or the hint when none)."""
        cell = self._state.cell_explanation
        if cell is None or self._state.error is not None:
            self._show_hint()
            return
        self._explanation = cell
        self._show(cell)

    # --- handlers --------------------------------------------------------------------
    def _on_cell_selected(self, row: int, col: int) -> None:
        if min(row, col) < 0:  # the learner cleared the selection (Escape): fold away
            self._show_hint(fold=True)
        else:
            self.refresh()

    def _on_explored(self, _exploration) -> None:
        self.refresh()

    def _on_selected_filter_changed(self, _index: int) -> None:
        self.refresh()

    def _on_filters_changed(self) -> None:
        if self._explanation is not None:
            self._update_heading()

    def _on_explore_failed(self, _message: str) -> None:
        self._show_hint()

    # --- drawing ---------------------------------------------------------------------
    def _show_hint(self, fold: bool = False) -> None:
        self._explanation = None
        self._show_page(hint=True, fold=fold)

    def _show_page(self, hint: bool, fold: bool = False) -> None:
        """Show the hint or the maths, and ask the page for the height that one needs.

        Once the maths was shown, new settings (which clear the selection) leave the
        panel its height: the maps above keep their size and place, so the learner's
        next click lands where they aim. ``fold`` (the learner cleared the selection)
        gives the height back to the maps.
        """
        if hint:
            kept = self._kept_height
            if fold:
                kept = None
            elif kept is None and not self.showing_hint and self.height() > self._hint_height():
                kept = self.height()
            if kept != self._kept_height:
                self._kept_height = kept
                self.updateGeometry()
        if hint == self.showing_hint:
            return
        self._scroll.setVisible(not hint)
        self.hint.setVisible(hint)
        self.updateGeometry()

    def _show(self, cell: CellExplanation) -> None:
        """Lay out ``cell`` as the engine worked it out; nothing is computed here."""
        kernel = cell.weights if cell.weights.ndim == 3 else cell.weights[None]
        window = cell.window if cell.window.ndim == 3 else cell.window[None]
        products = cell.products if cell.products.ndim == 3 else cell.products[None]
        k_max = float(np.abs(kernel).max()) or 1.0
        p_max = float(np.abs(products).max()) or 1.0
        rgb = kernel.shape[0] == 3
        rows = self.rgb_rows if rgb else [self.gray_row]
        self.gray_row.setVisible(not rgb)
        self.tabs.setVisible(rgb)
        for channel, channel_row in enumerate(rows):
            window_map = GRAY if rgb else INK
            channel_row.window.set_values(window[channel], window_map, (0.0, 1.0),
                                          cell.padding_mask)
            channel_row.kernel.set_values(kernel[channel], DIVERGING, (-k_max, k_max))
            channel_row.products.set_values(products[channel], DIVERGING, (-p_max, p_max))
            if rgb:
                _set_text(channel_row.sum_label, self.tr("{channel}: {terms}").format(
                    channel=self._channel_names[channel],
                    terms=self._terms(window[channel], kernel[channel],
                                      float(cell.channel_sums[channel]))))

        self._cell = (cell.row, cell.col)
        self._update_heading()

        if rgb:
            sum_part = " + ".join(f"{CHANNEL_LETTERS[c]} {_factor(t, exact_decimals(t))}"
                                  for c, t in enumerate(cell.channel_sums.tolist()))
            first = self.tr("Channel sums: {sums} = {total}").format(
                sums=sum_part, total=nice(cell.total))
        else:
            first = self._terms(window[0], kernel[0], cell.total)
        after_bias = self.tr("{first}, + bias {bias} = {value}").format(
            first=first, bias=_factor(cell.bias, exact_decimals(cell.bias)),
            value=nice(cell.pre_activation))
        if cell.activation == "relu":
            text = self.tr("{sum} \u2192 ReLU \u2192 <b>{out}</b>").format(
                sum=after_bias, out=nice(cell.value))
        else:
            text = self.tr("{sum} \u2192 <b>{out}</b> (no activation)").format(
                sum=after_bias, out=nice(cell.value))
        _set_text(self.sum_label, text)
        self._show_page(hint=False)

    def _update_heading(self) -> None:
        cell, (row, col) = self._explanation, self._cell
        index = min(self._state.selected, len(self._state.filters) - 1)
        name = self._state.filters[index].display_name
        _set_text(self.heading, self.tr(
            "<b>Feature-map cell [row {row}, col {col}]</b> of filter {number} "
            "\u201c{name}\u201d &nbsp;\u00b7&nbsp; window over input rows {rows}, "
            "cols {cols} ({scale})").format(row=shown_index(row), col=shown_index(col),
                                  number=shown_index(index), scale=html.escape(pixel_scale(
                                      self._state.channels, self._state.preprocess.invert)),
                                  name=html.escape(name), rows=self._span(cell.rows),
                                  cols=self._span(cell.cols)))

    def _terms(self, window: np.ndarray, kernel: np.ndarray, total: float) -> str:
        """The sum of products written out, shortened for big kernels."""
        x, k = window.ravel(), kernel.ravel()
        # Judged in float64, as in the grids above, so both write a number alike.
        dx, dk = exact_decimals(x.astype(np.float64)), exact_decimals(k.astype(np.float64))
        n = x.size
        pairs = [(a, b) for a, b in zip(x, k, strict=True)]
        if n > MAX_TERMS:
            nonzero = [(a, b) for a, b in pairs if a * b != 0]
            if not nonzero:
                return self.tr("All {n} products are 0, so the sum = 0").format(n=n)
            if len(nonzero) > MAX_TERMS:
                return self.tr("The sum of the {n} products = {total}").format(
                    n=n, total=nice(total))
            pairs = nonzero
            prefix = self.tr("{k} of the {n} products are not 0: ").format(
                k=len(nonzero), n=n)
        else:
            prefix = ""
        terms = " + ".join(f"{_factor(a, dx)}\u00b7{_factor(b, dk)}" for a, b in pairs)
        return prefix + self.tr("{terms} = {total}").format(terms=terms, total=nice(total))

    def _span(self, indices: np.ndarray) -> str:
        first, last = shown_index(indices[0]), shown_index(indices[-1])
        if first == last:
            return format_number(first)
        return self.tr("{first} to {last}").format(first=format_number(first),
                                                   last=format_number(last))
