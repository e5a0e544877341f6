"""The tabs under the Network page's layers: the clicked unit's arithmetic, and the
insight panels that touch and question the trained network.

:class:`InsightTabs` holds the page's :class:`gui.network.detail.UnitDetail` as its first
tab, then :class:`~gui.network.switch_off.SwitchOffPanel`,
:class:`~gui.network.top_images.TopImagesPanel` and :class:`~gui.network.why_panel.WhyPanel`.
The page tells it the image it shows (:meth:`set_image`) and the unit clicked
(:meth:`unit_selected`): a filter of a convolution block (its map after convolution,
activation or pooling) or a unit of a hidden layer becomes the filter whose top images
are shown, and the buttons in the tab bar's corner switch it off or back on, or open its
learned kernel in :class:`~gui.network.kernel_editor.KernelEditor` (the last tab).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from engine import units
from gui.common.number_format import shown_index
from gui.common.widgets import StableTabWidget, VerticalScrollArea
from gui.network.insight_parts import UnitLayer, unit_layers
from gui.network.kernel_editor import KernelEditor
from gui.network.switch_off import SwitchOffPanel
from gui.network.top_images import TopImagesPanel
from gui.network.why_panel import WhyPanel
from gui.state import LabState


def owning_layer(model, layer: int, unit) -> tuple[UnitLayer, int] | None:
    """The convolution or hidden layer (and its filter or unit) that position ``layer``'s
    unit ``unit`` belongs to: a map after a convolution, its ReLU or its pooling is that
    convolution's filter; a hidden unit or its ReLU is that hidden unit. None for the
    input, the flattening, the scores and the softmax."""
    if model is None or layer < 0 or layer >= len(model.layers):
        return None
    positions = units.positions(model)
    position = positions[layer + 1]
    if position.role not in ("conv", "activation", "pool", "hidden"):
        return None
    kind = "hidden" if len(position.shape) == 1 else "conv"
    found = next((info for info in unit_layers(model)
                  if info.kind == kind and info.number == position.block), None)
    if found is None or found.layer > layer:
        return None
    return found, int(unit[0])


class InsightTabs(StableTabWidget):
    """The unit's arithmetic (``detail``), ``switch_off``, ``top_images`` and ``why`` as
    tabs, and ``switch_button`` for the clicked filter or unit. (A stable tab widget: a
    label whose text changes in the open tab must not repaint the whole tab.)"""

    def __init__(self, state: LabState, detail: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.detail = detail
        self.switch_off = SwitchOffPanel(state)
        self.top_images = TopImagesPanel(state)
        self.why = WhyPanel(state)
        self.kernel_editor = KernelEditor(state)
        # The maps keep their size on a short window: the Why tab scrolls instead.
        for widget in (detail, self.switch_off, self.top_images, VerticalScrollArea(self.why),
                       self.kernel_editor):
            self.addTab(widget, "")
        self.chosen: tuple[UnitLayer, int] | None = None
        self.switch_button = QPushButton()
        self.switch_button.setFlat(False)
        self.switch_button.clicked.connect(self._toggle_chosen)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_chosen)
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 0, 0)
        corner_layout.addWidget(self.edit_button)
        corner_layout.addWidget(self.switch_button)
        self.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.currentChanged.connect(self._on_current_changed)
        state.switched_off_changed.connect(self._show_button)
        state.model_changed.connect(self._on_model_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("How it was computed"))
        self.setTabText(1, self.tr("Switch units off"))
        self.setTabText(2, self.tr("What a filter has learned"))
        self.setTabText(3, self.tr("Why this answer?"))
        self.setTabText(4, self.tr("Learned kernel"))
        self.edit_button.setText(self.tr("Edit kernel"))
        self.edit_button.setToolTip(self.tr(
            "Change the learned weights of this filter and see every later layer and the "
            "answer follow"))
        self._show_button()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "switch_button"):
            self.retranslate()
        super().changeEvent(event)

    # --- what the page tells --------------------------------------------------------------
    def set_image(self, image: np.ndarray | None) -> None:
        self.why.set_image(image)

    def unit_selected(self, layer: int, unit) -> None:
        chosen = owning_layer(self.state.model, layer, unit)
        self.chosen = chosen
        if chosen is not None:
            info, index = chosen
            chosen_now = self.top_images.chosen_layer()
            if chosen_now is None or (chosen_now.layer, self.top_images.unit_spin.value() - 1) \
                    != (info.layer, index):
                self.top_images.choose(info.layer, index)
            if info.kind == "conv" and self.currentWidget() is self.kernel_editor:
                self.kernel_editor.choose(info.layer, index)  # the open editor follows
        self._show_button()

    def _on_model_changed(self) -> None:
        self.chosen = None
        self._show_button()

    def _on_current_changed(self, _index: int) -> None:
        # The editor tab opened by hand shows the clicked filter, if it is one.
        if self.currentWidget() is self.kernel_editor and self.chosen is not None \
                and self.chosen[0].kind == "conv" and self.kernel_editor.chosen is None:
            self.kernel_editor.choose(self.chosen[0].layer, self.chosen[1])

    def edit_chosen(self) -> None:
        """Open the clicked convolution filter's learned kernel in the editor tab."""
        if self.chosen is not None and self.chosen[0].kind == "conv":
            self.kernel_editor.choose(self.chosen[0].layer, self.chosen[1])
            self.setCurrentWidget(self.kernel_editor)

    # --- switching the chosen unit --------------------------------------------------------
    def _toggle_chosen(self) -> None:
        if self.chosen is None:
            return
        info, index = self.chosen
        self.state.set_switched_off(info.layer, index,
                                    not self.state.is_switched_off(info.layer, index))

    def _show_button(self) -> None:
        self.edit_button.setVisible(self.chosen is not None and self.chosen[0].kind == "conv")
        if self.chosen is None:
            self.switch_button.hide()
            return
        info, index = self.chosen
        off = self.state.is_switched_off(info.layer, index)
        if info.kind == "conv":
            text = (self.tr("Switch filter {0} of {1} back on") if off
                    else self.tr("Switch filter {0} of {1} off"))
        else:
            text = (self.tr("Switch unit {0} of {1} back on") if off
                    else self.tr("Switch unit {0} of {1} off"))
        self.switch_button.setText(text.format(shown_index(index), info.title()))
        self.switch_button.setToolTip(self.tr(
            "A switched-off filter or unit outputs 0 for every image; every layer after it, "
            "and the answer, are shown without it."))
        self.switch_button.show()
