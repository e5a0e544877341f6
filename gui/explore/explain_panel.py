"""The arithmetic behind one feature-map cell: input window ⊙ filter = products, summed.

When the learner clicks a cell of the feature map (``LabState.cell_selected``), this
panel shows the state's :attr:`~gui.state.LabState.cell_explanation` (the engine's
:func:`engine.pipeline.explain_cell`, worked out once for every panel): the input values
under the kernel, the filter's weights, their element-wise products, and the sum written out with
the bias and the activation, e.g. ``0·0 + 1·(−1) + … = 2, + bias 0 = 2 → ReLU → 2``.
An RGB image has one tab per channel; the channel sums are added at the end. The grids
are :mod:`gui.explore.explain_grids`'; this panel lays them out and writes the sum.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
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
from gui.explore.explain_grids import ChannelRow
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
        #: The height :meth:`sizeHint` last gave the page.
        self._hinted_height = -1

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #777; font-size: 13px;")

        self.gray_row = ChannelRow()
        self.tabs = QTabWidget()
        self.rgb_rows = []
        self._channel_names = ("", "", "")
        for name in self._channel_names:
            row = ChannelRow()
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
        self._hinted_height = self.heightForWidth(self.width() if self.width() > 0 else 640)
        return QSize(640, self._hinted_height)

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
        if (watched is self._details and event.type() == QEvent.Type.LayoutRequest
                and self._needed_height_changed()):
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _needed_height_changed(self) -> bool:
        """Whether the panel now needs another height than it last told the page. A
        weight edit rewrites the sum (the maths lays out again) but seldom changes its
        height; telling the page anyway re-laid out the whole Explore page, about a
        tenth of an edit's work."""
        return self.sizeHint().height() != self._hinted_height

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

        def terms_of(chosen) -> str:
            return " + ".join(f"{_factor(a, dx)}\u00b7{_factor(b, dk)}" for a, b in chosen)

        if n <= MAX_TERMS:
            return self.tr("{terms} = {total}").format(terms=terms_of(pairs),
                                                       total=nice(total))
        nonzero = [(a, b) for a, b in pairs if a * b != 0]
        if not nonzero:
            return self.tr("All %n product(s) are 0, so the sum = 0", "", n)
        if len(nonzero) > MAX_TERMS:
            return self.tr("The sum of the %n product(s) = {total}", "", n).format(
                total=nice(total))
        # Counted by the products that are not 0: "1 of the 16 products is not 0".
        return self.tr("%n of the {count} products are not 0: {terms} = {total}", "",
                       len(nonzero)).format(count=n, terms=terms_of(nonzero),
                                            total=nice(total))

    def _span(self, indices: np.ndarray) -> str:
        first, last = shown_index(indices[0]), shown_index(indices[-1])
        if first == last:
            return format_number(first)
        return self.tr("{first} to {last}").format(first=format_number(first),
                                                   last=format_number(last))
