"""Edit a learned kernel of the trained network and watch every later layer follow.

:class:`KernelEditor` shows one filter of one convolution of ``state.model`` (the one
clicked on the Network page): a kernel grid (:class:`gui.explore.kernel_grid.KernelGrid`,
the explorer's editor) per input channel, or one grid and a channel selector when the
layer reads many channels, and the filter's bias. Every edit goes to the state
(``set_kernel_weight`` / ``set_kernel_bias``), whose ``model_in_use`` the Network page
and every prediction use, so the maps after this layer and the answer follow at once;
"Reset to learned" puts the learned filter back. The shared model is never changed.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.common.error_text import error_text
from gui.common.number_box import ClampingSpinBox
from gui.common.number_format import shown_index
from gui.common.widgets import bold_label, make_quiet, set_label_text
from gui.explore.kernel_grid import KernelGrid
from gui.network.insight_parts import UnitLayer, unit_layers
from gui.state import MAX_WEIGHT, LabState

#: Layers reading at most this many channels show a grid for each; more get a selector.
MAX_GRIDS = 3


class KernelEditor(QWidget):
    """The learned kernel of one filter, editable.

    Attributes for tests and hosts: ``chosen`` ((UnitLayer, filter) or None), ``grids``
    (the :class:`KernelGrid` shown, one per channel or the selected channel's),
    ``channel_spin`` (the channel the single grid shows, 1-based), ``bias_spin``,
    ``reset_button`` and ``reset_all_button``.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.chosen: tuple[UnitLayer, int] | None = None
        self.grids: list[KernelGrid] = []
        self._captions: list[QLabel] = []
        self._error = None
        self._single = False  # one grid and a channel selector
        self._build()
        state.kernel_edits_changed.connect(self._on_kernel_edits_changed)
        state.model_changed.connect(self._on_model_changed)
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.title_label = bold_label()
        self.edited_label = QLabel()
        self.edited_label.setStyleSheet("color: #b23c00; font-weight: bold;")
        top.addWidget(self.title_label)
        top.addWidget(self.edited_label)
        top.addStretch(1)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self._reset)
        self.reset_all_button = QPushButton()
        self.reset_all_button.clicked.connect(self.state.reset_all_kernels)
        top.addWidget(self.reset_button)
        top.addWidget(self.reset_all_button)
        layout.addLayout(top)
        self.hint_label = make_quiet(QLabel())
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)

        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.grids_box = QWidget()
        self.grids_layout = QGridLayout(self.grids_box)
        self.grids_layout.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.grids_box, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        self.channel_label = QLabel()
        self.channel_spin = QSpinBox()
        self.channel_spin.setMinimum(1)
        self.channel_spin.valueChanged.connect(self._show_values)
        self.bias_label = QLabel()
        self.bias_spin = ClampingSpinBox()  # a plain box made "1e-3" 13
        self.bias_spin.setRange(-MAX_WEIGHT, MAX_WEIGHT)
        self.bias_spin.setDecimals(3)
        self.bias_spin.setSingleStep(0.1)
        self.bias_spin.setKeyboardTracking(False)
        self.bias_spin.valueChanged.connect(self._on_bias_changed)
        for widget in (self.channel_label, self.channel_spin, self.bias_label, self.bias_spin):
            side.addWidget(widget)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b23c00;")
        side.addWidget(self.message_label)
        side.addStretch(1)
        body.addLayout(side)
        body.addStretch(1)
        layout.addWidget(self.body, 1)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        layout.addStretch(0)

    def retranslate(self) -> None:
        self.reset_button.setText(self.tr("Reset to learned"))
        self.reset_button.setToolTip(self.tr("Put back the weights and bias training gave "
                                             "this filter"))
        self.reset_all_button.setText(self.tr("Reset every kernel"))
        self.reset_all_button.setToolTip(self.tr("Put back every learned kernel you changed"))
        self.hint_label.setText(self.tr(
            "Change a weight (drag a cell up or down, scroll on it, or type a number): every "
            "map after this layer and the network's answer follow at once."))
        self.channel_label.setText(self.tr("Input channel:"))
        self.bias_label.setText(self.tr("Bias:"))
        self.empty_label.setText(self.tr(
            "Click a map of a convolution block above to edit the kernel of its filter."))
        self.edited_label.setText(self.tr("edited"))
        self.message_label.setText("" if self._error is None else error_text(self._error))
        self._show_title()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "empty_label"):
            self.retranslate()
        super().changeEvent(event)

    # --- choosing ---------------------------------------------------------------------
    def choose(self, layer: int, filter_index: int) -> None:
        """Edit filter ``filter_index`` of convolution ``layer`` (an index into
        ``model.layers``)."""
        info = next((u for u in unit_layers(self.state.model)
                     if u.kind == "conv" and u.layer == int(layer)), None)
        if info is None or not 0 <= int(filter_index) < info.count:
            raise ValueError(f"layer {layer} has no filter {filter_index}")
        self.chosen = (info, int(filter_index))
        self._error = None
        self.message_label.clear()
        self.refresh()

    def _on_model_changed(self) -> None:
        self.chosen = None
        self.refresh()

    # --- showing ----------------------------------------------------------------------
    def _on_kernel_edits_changed(self) -> None:
        # An edit changes the numbers and the marks only: the grids stay as they are.
        self.reset_all_button.setEnabled(bool(self.state.kernel_edits))
        if self.chosen is None or self.state.model is None:
            return
        info, index = self.chosen
        edited = self.state.is_kernel_edited(info.layer, index)
        self.edited_label.setVisible(edited)
        self.reset_button.setEnabled(edited)
        self._show_values()

    def refresh(self) -> None:
        chosen = self.chosen if self.state.model is not None else None
        self.body.setVisible(chosen is not None)
        self.empty_label.setVisible(chosen is None)
        self.reset_all_button.setEnabled(bool(self.state.kernel_edits))
        if chosen is None:
            self.title_label.clear()
            self.edited_label.hide()
            self.reset_button.setEnabled(False)
            return
        info, index = chosen
        weights, _ = self.state.kernel(info.layer, index)
        self._make_grids(weights.shape[0])
        edited = self.state.is_kernel_edited(info.layer, index)
        self.edited_label.setVisible(edited)
        self.reset_button.setEnabled(edited)
        self._show_title()
        self._show_values()

    def _show_title(self) -> None:
        if self.chosen is None:
            return
        info, index = self.chosen
        set_label_text(self.title_label, self.tr("Kernel of filter {0} of {1}").format(
            shown_index(index), info.title()))
        for channel, caption in enumerate(self._captions):
            caption.setText(self.tr("Input channel {0}").format(shown_index(channel)))

    def _make_grids(self, channels: int) -> None:
        wanted = channels if channels <= MAX_GRIDS else 1
        single = self._single = channels > MAX_GRIDS
        self.channel_label.setVisible(single)
        self.channel_spin.setVisible(single)
        if self.channel_spin.maximum() != channels:  # even the same range re-lays out
            self.channel_spin.setMaximum(channels)
        if len(self.grids) == wanted and len(self._captions) == (0 if single else wanted):
            return
        for widget in self.grids + self._captions:
            widget.setParent(None)
            widget.deleteLater()
        self.grids, self._captions = [], []
        for channel in range(wanted):
            grid = KernelGrid()
            grid.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            grid.cell_edited.connect(partial(self._on_cell_edited, channel))
            grid.edit_refused.connect(self._on_edit_refused)
            self.grids_layout.addWidget(grid, 1, channel)
            self.grids.append(grid)
            if not single:
                caption = QLabel()
                self.grids_layout.addWidget(caption, 0, channel)
                self._captions.append(caption)
        self._show_title()

    def _channel_of(self, grid_index: int) -> int:
        return self.channel_spin.value() - 1 if self._single else grid_index

    def _show_values(self) -> None:
        if self.chosen is None:
            return
        info, index = self.chosen
        weights, bias = self.state.kernel(info.layer, index)
        for grid_index, grid in enumerate(self.grids):
            grid.set_values(weights[self._channel_of(grid_index)])
        if self.bias_spin.value() != round(bias, self.bias_spin.decimals()):
            self.bias_spin.blockSignals(True)
            self.bias_spin.setValue(bias)
            self.bias_spin.blockSignals(False)

    # --- editing ----------------------------------------------------------------------
    def _on_cell_edited(self, grid_index: int, row: int, col: int, value: float) -> None:
        if self.chosen is None:
            return
        info, index = self.chosen
        self._apply(partial(self.state.set_kernel_weight, info.layer, index,
                            self._channel_of(grid_index), row, col, value))

    def _on_bias_changed(self, value: float) -> None:
        if self.chosen is not None:
            info, index = self.chosen
            self._apply(partial(self.state.set_kernel_bias, info.layer, index, value))

    def _apply(self, change) -> None:
        try:
            change()
        except ValueError as error:
            self._error = error
            self.message_label.setText(error_text(error))
            self._show_values()  # put back what the state holds
            return
        self._error = None
        if self.message_label.text():  # clear() repaints even an empty label
            self.message_label.clear()

    def _on_edit_refused(self, message: str) -> None:
        self.message_label.setText(message)

    def _reset(self) -> None:
        if self.chosen is not None:
            info, index = self.chosen
            self.state.reset_kernel(info.layer, index)
