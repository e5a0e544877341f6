"""The row under the kernel grid: the sum of the selected filter's weights, and its bias."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from gui.common.number_box import ClampingSpinBox
from gui.common.widgets import set_label_text
from gui.explore.filter_part import FilterPart
from gui.explore.kernel_grid import format_value
from gui.state import MAX_WEIGHT, LabState


class BiasRow(FilterPart):
    """"Sum of weights: …" and the bias box; a bias typed beyond the limit is clamped
    and said so. Its texts are in the ``FilterPanel`` context of the catalogue."""

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.sum_label = QLabel()
        # It changes with every edit: painting its own background spares the panels
        # under it a repaint.
        self.sum_label.setAutoFillBackground(True)
        self.bias_spin = ClampingSpinBox()
        self.bias_spin.setRange(-MAX_WEIGHT, MAX_WEIGHT)
        self.bias_spin.setDecimals(3)
        self.bias_spin.setSingleStep(0.1)
        self.bias_spin.valueChanged.connect(self._on_bias_changed)
        self.bias_spin.clamped.connect(self._on_bias_clamped)
        self._bias_note: tuple[float, object] | None = None  # (clamped value, its words)
        self.bias_label = QLabel()
        self.bias_label.setBuddy(self.bias_spin)
        row.addWidget(self.sum_label)
        row.addStretch(1)
        row.addWidget(self.bias_label)
        row.addWidget(self.bias_spin)
        self.retranslate()

    def retranslate(self) -> None:
        self.sum_label.setToolTip(QCoreApplication.translate(
            "FilterPanel",
            "Weights adding up to 0 give 0 on flat areas (edge and line detectors); adding "
            "up to 1 keeps the overall brightness (blurs)."))
        self.bias_spin.setToolTip(QCoreApplication.translate(
            "FilterPanel", "Bias: a number added to every value of this filter's feature map"))
        self.bias_label.setText(QCoreApplication.translate("FilterPanel", "Bias"))
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "bias_label"):
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Show the selected filter's bias and the sum of its weights."""
        f = self.state.selected_filter
        # setValue rewrites the box's text even when the value is the same, which would
        # scramble a number while it is being typed ("1e999" became 1999).
        if self.bias_spin.value() != round(f.bias, self.bias_spin.decimals()):
            with QSignalBlocker(self.bias_spin):
                self.bias_spin.setValue(f.bias)
        total = float(f.weights.sum(dtype=np.float64))
        set_label_text(self.sum_label, QCoreApplication.translate(
            "FilterPanel", "Sum of weights: {0}").format(format_value(total)))

    def _on_bias_changed(self, value: float) -> None:
        note, self._bias_note = self._bias_note, None
        if (self._apply(self.state.set_bias, self.state.selected, value)
                and note is not None and note[0] == value):
            self.said.emit(note[1])  # applying cleared it

    def _on_bias_clamped(self, typed: str, value: float) -> None:
        # Emitted just before valueChanged (if the value changes at all).
        def words() -> str:
            return QCoreApplication.translate(
                "FilterPanel",
                "A bias must lie between {0} and {1}; {2} was typed, so the bias is {3}."
            ).format(format_value(-MAX_WEIGHT), format_value(MAX_WEIGHT), typed,
                     format_value(value))
        self._bias_note = (value, words)
        self.said.emit(words)
