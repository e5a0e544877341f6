"""Buttons that change every weight of the selected filter at once: random weights,
zeros, weights that add up to 1, mirror images and the transpose."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from gui.explore.filter_part import FilterPart, push_button
from gui.state import LabState

#: Below this (relative to the largest weight) a sum counts as zero for Normalise.
ZERO_SUM = 1e-6


class FilterTools(FilterPart):
    """Randomise, Zero, Normalise / Flip ↔, Flip ↕, Transpose, in two rows; every
    channel of the filter changes together. Its texts are in the ``FilterPanel``
    context of the catalogue."""

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        #: Draws Randomise's weights (a test may put a seeded generator here).
        self.rng = np.random.default_rng()
        tools = QGridLayout(self)
        tools.setContentsMargins(0, 0, 0, 0)
        tools.setSpacing(4)
        self.randomise_button = push_button(self.randomise)
        self.zero_button = push_button(self.zero)
        self.normalise_button = push_button(self.normalise)
        self.flip_h_button = push_button(self.flip_horizontally)
        self.flip_v_button = push_button(self.flip_vertically)
        self.transpose_button = push_button(self.transpose)
        for index, button in enumerate((self.randomise_button, self.zero_button,
                                        self.normalise_button, self.flip_h_button,
                                        self.flip_v_button, self.transpose_button)):
            tools.addWidget(button, index // 3, index % 3)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        buttons = (
            (self.randomise_button, QCoreApplication.translate("FilterPanel", "Randomise"),
             QCoreApplication.translate(
                 "FilterPanel", "Fill with random weights (normal, standard deviation 1/k)")),
            (self.zero_button, QCoreApplication.translate("FilterPanel", "Zero"),
             QCoreApplication.translate("FilterPanel", "Set every weight to 0")),
            (self.normalise_button, QCoreApplication.translate("FilterPanel", "Normalise"),
             QCoreApplication.translate(
                 "FilterPanel", "Divide by the sum of the weights so they add up to 1")),
            (self.flip_h_button, QCoreApplication.translate("FilterPanel", "Flip ↔"),
             QCoreApplication.translate("FilterPanel", "Mirror left to right")),
            (self.flip_v_button, QCoreApplication.translate("FilterPanel", "Flip ↕"),
             QCoreApplication.translate("FilterPanel", "Mirror top to bottom")),
            (self.transpose_button, QCoreApplication.translate("FilterPanel", "Transpose"),
             QCoreApplication.translate(
                 "FilterPanel", "Swap rows and columns (square kernels only)")),
        )
        for button, text, tip in buttons:
            button.setText(text)
            button.setToolTip(tip)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "transpose_button"):
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Enable Transpose for square kernels only."""
        kh, kw = self.state.kernel_size
        self.transpose_button.setEnabled(kh == kw)

    def _set_selected_weights(self, weights: np.ndarray) -> bool:
        return self._apply(self.state.set_weights, self.state.selected, weights, None)

    def randomise(self) -> None:
        """Normal weights with standard deviation 1/k (k² = rows · columns)."""
        shape = self.state.selected_filter.weights.shape
        std = 1.0 / np.sqrt(shape[1] * shape[2])
        self._set_selected_weights(np.round(self.rng.normal(0.0, std, shape), 3))

    def zero(self) -> None:
        self._set_selected_weights(np.zeros_like(self.state.selected_filter.weights))

    def flip_horizontally(self) -> None:
        self._set_selected_weights(self.state.selected_filter.weights[:, :, ::-1])

    def flip_vertically(self) -> None:
        self._set_selected_weights(self.state.selected_filter.weights[:, ::-1, :])

    def transpose(self) -> None:
        weights = self.state.selected_filter.weights
        if weights.shape[1] != weights.shape[2]:
            self.said.emit(lambda: QCoreApplication.translate(
                "FilterPanel", "Only a square kernel can be transposed."))
            return
        self._set_selected_weights(weights.transpose(0, 2, 1))

    def normalise(self) -> None:
        """Scale the whole filter (every channel) so its weights add up to 1."""
        weights = self.state.selected_filter.weights.astype(np.float64)
        total = weights.sum()
        if abs(total) <= ZERO_SUM * max(1.0, float(np.abs(weights).max(initial=0.0))):
            self.said.emit(lambda: QCoreApplication.translate(
                "FilterPanel",
                "The weights add up to 0 (as in an edge detector), so they cannot be "
                "scaled to add up to 1. Change a weight first."))
            return
        self._set_selected_weights(weights / total)
