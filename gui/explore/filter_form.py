"""The selected filter's preset, the layer's kernel size, and which colour channel's
slice of the filter is edited."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

from engine import kernels
from gui.common.display_names import preset_name
from gui.common.widgets import set_spin_value
from gui.explore.filter_part import FilterPart
from gui.state import MAX_KERNEL, LabState

CHANNEL_COLORS = ("#c62828", "#2e7d32", "#1565c0")


def buddy_label(buddy: QWidget | None) -> QLabel:
    """An empty label whose mnemonic focuses ``buddy``."""
    label = QLabel()
    if buddy is not None:
        label.setBuddy(buddy)
    return label


class FilterForm(FilterPart):
    """Preset (a menu of classic feature detectors, "Custom" once edited), Size (rows ×
    columns, kept square by a check box) and, for colour pictures, the R / G / B slice.
    Its texts are in the ``FilterPanel`` context of the catalogue."""

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        form = QGridLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(6)
        form.setVerticalSpacing(6)
        form.setColumnStretch(1, 1)
        self.preset_combo = QComboBox()
        self.preset_combo.setMaxVisibleItems(len(kernels.PRESETS) + 1)
        for key in kernels.PRESETS:
            self.preset_combo.addItem(preset_name(key), key)
        self.preset_combo.activated.connect(self._on_preset_activated)
        self.preset_label = buddy_label(self.preset_combo)
        form.addWidget(self.preset_label, 0, 0)
        form.addWidget(self.preset_combo, 0, 1)

        size_row = QHBoxLayout()
        size_row.setSpacing(4)
        self.rows_spin = self._size_spin()
        self.cols_spin = self._size_spin()
        self.square_check = QCheckBox()
        self.square_check.setChecked(True)
        self.square_check.toggled.connect(self._on_square_toggled)
        size_row.addWidget(self.rows_spin)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.cols_spin)
        size_row.addSpacing(6)
        size_row.addWidget(self.square_check)
        size_row.addStretch(1)
        self.size_label = buddy_label(self.rows_spin)
        form.addWidget(self.size_label, 1, 0)
        form.addLayout(size_row, 1, 1)

        self.channel_label = buddy_label(None)
        self.channel_group = QButtonGroup(self)
        self.channel_group.setExclusive(True)
        channel_row = QHBoxLayout()
        channel_row.setSpacing(0)
        self.channel_buttons: list[QToolButton] = []
        for index, color in enumerate(CHANNEL_COLORS):
            button = QToolButton()
            button.setCheckable(True)
            button.setMinimumWidth(40)
            button.setStyleSheet(f"QToolButton {{ color: {color}; font-weight: bold; }}")
            self.channel_group.addButton(button, index)
            self.channel_buttons.append(button)
            channel_row.addWidget(button)
        channel_row.addStretch(1)
        self.channel_group.idClicked.connect(self.select_channel)
        self.channel_widget = QWidget()
        self.channel_widget.setLayout(channel_row)
        channel_row.setContentsMargins(0, 0, 0, 0)
        self.channel_label.setBuddy(self.channel_buttons[0])
        form.addWidget(self.channel_label, 2, 0)
        form.addWidget(self.channel_widget, 2, 1)
        self.retranslate()

    def _size_spin(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, MAX_KERNEL)
        # Typing "11" must not pass through a destructive 1×1 on the way.
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._on_size_spin_changed)
        return spin

    def retranslate(self) -> None:
        self.preset_combo.setToolTip(QCoreApplication.translate(
            "FilterPanel",
            "Classic hand-made feature detectors. Changing any weight makes the filter "
            "“Custom”."))
        for index in range(self.preset_combo.count()):
            key = self.preset_combo.itemData(index)
            self.preset_combo.setItemText(index, QCoreApplication.translate(
                "FilterPanel", "Custom") if key is None else preset_name(key))
        self.preset_label.setText(QCoreApplication.translate("FilterPanel", "Preset"))
        size_tip = QCoreApplication.translate(
            "FilterPanel",
            "Kernel size (rows × columns). All filters of a layer share one "
            "size; weights are cropped or padded with zeros around the centre.")
        for spin in (self.rows_spin, self.cols_spin):
            spin.setToolTip(size_tip)
        self.size_label.setText(QCoreApplication.translate("FilterPanel", "Size"))
        self.square_check.setText(QCoreApplication.translate("FilterPanel", "square"))
        self.square_check.setToolTip(QCoreApplication.translate(
            "FilterPanel", "Keep rows and columns equal"))
        self.channel_label.setText(QCoreApplication.translate("FilterPanel", "Channel"))
        channel_names = (QCoreApplication.translate("FilterPanel", "R"),
                         QCoreApplication.translate("FilterPanel", "G"),
                         QCoreApplication.translate("FilterPanel", "B"))
        channel_tips = (QCoreApplication.translate("FilterPanel", "red"),
                        QCoreApplication.translate("FilterPanel", "green"),
                        QCoreApplication.translate("FilterPanel", "blue"))
        for button, name, tip in zip(self.channel_buttons, channel_names, channel_tips,
                                     strict=True):
            button.setText(name)
            button.setToolTip(QCoreApplication.translate(
                "FilterPanel",
                "Edit the slice of this filter that looks at the {0} channel. The three "
                "slices' products are all added into one feature map, as in a real CNN.")
                .format(tip))
        self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "channel_widget"):
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Show the selected filter's preset, the kernel size and the edited channel."""
        state = self.state
        f = state.selected_filter
        rgb = state.channels == 3
        self.channel_label.setVisible(rgb)
        self.channel_widget.setVisible(rgb)
        if rgb:
            self.channel_buttons[min(state.selected_channel, 2)].setChecked(True)

        with QSignalBlocker(self.preset_combo):
            custom = self.preset_combo.findData(None)
            if f.preset is None:
                if custom < 0:
                    self.preset_combo.insertItem(
                        0, QCoreApplication.translate("FilterPanel", "Custom"), None)
                    custom = 0
                self.preset_combo.setCurrentIndex(custom)
            else:
                if custom >= 0:
                    self.preset_combo.removeItem(custom)
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(f.preset))

        kh, kw = state.kernel_size
        set_spin_value(self.rows_spin, kh)
        set_spin_value(self.cols_spin, kw)
        if kh != kw and self.square_check.isChecked():
            with QSignalBlocker(self.square_check):
                self.square_check.setChecked(False)

    # --- the learner's choices -------------------------------------------------------
    def select_channel(self, channel: int) -> None:
        self.state.select_channel(channel)

    def _on_preset_activated(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key is None:  # "Custom" is a description, not something to apply
            return
        self.apply_preset(key)

    def apply_preset(self, key: str) -> None:
        """Load preset ``key`` into the selected filter; a filter named after a preset
        (edited since or not) takes the new preset's name."""
        index = self.state.selected
        renamed = self.state.selected_filter.name in kernels.PRESETS
        if self._apply(self.state.apply_preset, index, key) and renamed:
            self.state.rename_filter(index, key)

    def _on_size_spin_changed(self, _value: int) -> None:
        rows, cols = self.rows_spin.value(), self.cols_spin.value()
        if self.square_check.isChecked():
            if self.sender() is self.cols_spin:
                rows = cols
            else:
                cols = rows
        self.set_kernel_size(rows, cols)

    def _on_square_toggled(self, checked: bool) -> None:
        if checked:
            self.set_kernel_size(self.rows_spin.value(), self.rows_spin.value())

    def set_kernel_size(self, rows: int, cols: int) -> None:
        """Resize every filter to rows × cols (1 to :data:`gui.state.MAX_KERNEL`)."""
        self._apply(self.state.set_kernel_size, rows, cols)
        self.refresh()
