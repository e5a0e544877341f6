"""The explain panel's grids: a small grid of numbers on coloured cells
(:class:`NumberGrid`) and one channel's input window ⊙ filter = products
(:class:`ChannelRow`), the pictures the written-out sum of
:class:`gui.explore.explain_panel.ExplainPanel` refers to."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.common.number_format import exact_decimals, format_number, shown_index
from gui.common.number_grid import font_px_for, paint_number_grid


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
        self._tooltip = ""
        self.set_tooltip(tooltip)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_tooltip(self, tooltip: str) -> None:
        """What the grid shows; a cell's tooltip adds its row, column and value."""
        self._tooltip = tooltip
        self.setToolTip(tooltip)

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


class ChannelRow(QWidget):
    """Input window ⊙ filter = products for one channel, with captions (texts in the
    ``ExplainPanel`` translation context, as the panel's own)."""

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
        self.window.set_tooltip(QCoreApplication.translate(
            "ExplainPanel", "The input values under the filter (hatched: padding, read as 0)"))
        self.kernel.set_tooltip(QCoreApplication.translate("ExplainPanel", "The filter's weights"))
        self.products.set_tooltip(QCoreApplication.translate(
            "ExplainPanel", "Each input value times the weight on top of it"))
        captions = (QCoreApplication.translate("ExplainPanel", "Input window"),
                    QCoreApplication.translate("ExplainPanel", "Filter"),
                    QCoreApplication.translate("ExplainPanel", "Products"))
        for label, caption in zip(self._captions, captions, strict=True):
            label.setText(caption)
        self._signs[0].setToolTip(QCoreApplication.translate(
            "ExplainPanel", "element-wise product: each cell times the cell at the same place"))
        self._signs[1].setToolTip(QCoreApplication.translate("ExplainPanel", "gives"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
