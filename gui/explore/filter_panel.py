"""The feature-detector editor: the list of filters and the weights of the selected one.

Every change goes through :class:`gui.state.LabState`; the panel redraws on the state's
signals, so a filter changed elsewhere (a lesson, a loaded file) shows up here too.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import kernels
from gui.common.colormap import DIVERGING, symmetric_levels
from gui.common.display_names import preset_name
from gui.common.error_text import error_text
from gui.common.number_box import ClampingSpinBox
from gui.common.widgets import bold_label, set_label_text, set_spin_value
from gui.explore.kernel_grid import KernelGrid, format_value
from gui.state import MAX_KERNEL, MAX_WEIGHT, LabState

THUMBNAIL = 22
#: Item data: the weights (bytes) its icon was drawn from.
ICON_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
VISIBLE_FILTER_ROWS = 5
#: Below this (relative to the largest weight) a sum counts as zero for Normalise.
ZERO_SUM = 1e-6


def kernel_thumbnail(weights: np.ndarray, size: int = THUMBNAIL) -> QIcon:
    """A small picture of a filter, (C, KH, KW) or (KH, KW), channels averaged, on the
    diverging map scaled to its largest magnitude (at least 1)."""
    weights = np.asarray(weights, dtype=np.float32)
    kernel = weights.mean(axis=0) if weights.ndim == 3 else weights
    image = DIVERGING.qimage(kernel, symmetric_levels(kernel, floor=1.0))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    kh, kw = kernel.shape
    cell = (size - 2) / max(kh, kw)
    w, h = round(cell * kw), round(cell * kh)
    x, y = (size - w) // 2, (size - h) // 2
    painter.drawImage(x, y, image.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio,
                                         Qt.TransformationMode.FastTransformation))
    painter.setPen(QColor(150, 150, 150))
    painter.drawRect(x, y, w - 1, h - 1)
    painter.end()
    icon = QIcon(pixmap)
    # Without this, a selected item's thumbnail is tinted and its colours mislead.
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


class FilterPanel(QWidget):
    """List, choose and edit the convolutional layer's feature detectors.

    Public for the main window: :attr:`grid` (the :class:`KernelGrid` of the selected
    filter's current channel) and :attr:`message`, emitted with a sentence for the status
    bar whenever an edit is refused or needs explaining.
    """

    message = Signal(str)

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rng = np.random.default_rng()
        self.setMinimumWidth(300)
        #: How the message on show is worded: called again on a language change.
        self._message_words = None
        self._build()
        self.retranslate()
        state.filters_changed.connect(self._on_filters_changed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        state.image_changed.connect(self._on_image_changed)
        state.channel_selected.connect(self._on_channel_selected)

    # --- construction ----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)

        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555;")
        layout.addWidget(self.hint_label)

        self.filters_label = bold_label("")
        layout.addWidget(self.filters_label)
        self.filter_list = QListWidget()
        self.filter_list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.filter_list.setUniformItemSizes(True)
        self.filter_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.filter_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.filter_list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.filter_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.filter_list.currentRowChanged.connect(self._on_list_row_changed)
        self.filter_list.itemChanged.connect(self._on_item_renamed)
        self.filter_list.model().rowsMoved.connect(self._on_rows_dragged)
        remove_action = QAction(self.filter_list)
        remove_action.setShortcut(Qt.Key.Key_Delete)
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self.remove_selected)
        self.filter_list.addAction(remove_action)
        layout.addWidget(self.filter_list)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_button = self._button(self.add_filter)
        self.duplicate_button = self._button(self.duplicate_selected)
        self.remove_button = self._button(self.remove_selected)
        self.up_button = self._arrow_button(Qt.ArrowType.UpArrow, -1)
        self.down_button = self._arrow_button(Qt.ArrowType.DownArrow, 1)
        for widget in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout.addLayout(buttons)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)

        self.title_label = bold_label("")
        layout.addWidget(self.title_label)

        form = QGridLayout()
        form.setHorizontalSpacing(6)
        form.setVerticalSpacing(6)
        form.setColumnStretch(1, 1)
        self.preset_combo = QComboBox()
        self.preset_combo.setMaxVisibleItems(len(kernels.PRESETS) + 1)
        for key in kernels.PRESETS:
            self.preset_combo.addItem(preset_name(key), key)
        self.preset_combo.activated.connect(self._on_preset_activated)
        self.preset_label = self._label("", self.preset_combo)
        form.addWidget(self.preset_label, 0, 0)
        form.addWidget(self.preset_combo, 0, 1)

        size_row = QHBoxLayout()
        size_row.setSpacing(4)
        self.rows_spin = self._size_spin()
        self.cols_spin = self._size_spin()
        self.square_check = QCheckBox()
        self.square_check.setChecked(True)
        self.square_check.toggled.connect(self._on_square_toggled)
        times = QLabel("×")
        size_row.addWidget(self.rows_spin)
        size_row.addWidget(times)
        size_row.addWidget(self.cols_spin)
        size_row.addSpacing(6)
        size_row.addWidget(self.square_check)
        size_row.addStretch(1)
        self.size_label = self._label("", self.rows_spin)
        form.addWidget(self.size_label, 1, 0)
        form.addLayout(size_row, 1, 1)

        self.channel_label = self._label("", None)
        self.channel_group = QButtonGroup(self)
        self.channel_group.setExclusive(True)
        channel_row = QHBoxLayout()
        channel_row.setSpacing(0)
        self.channel_buttons: list[QToolButton] = []
        channel_colors = ("#c62828", "#2e7d32", "#1565c0")
        for index, color in enumerate(channel_colors):
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
        layout.addLayout(form)

        self.grid = KernelGrid()
        self.grid.setToolTip("")  # the grid explains each cell itself
        self.grid.cell_edited.connect(self._on_cell_edited)
        self.grid.edit_refused.connect(self._show_message)
        layout.addWidget(self.grid)

        below = QHBoxLayout()
        self.sum_label = QLabel()
        self.bias_spin = ClampingSpinBox()
        self.bias_spin.setRange(-MAX_WEIGHT, MAX_WEIGHT)
        self.bias_spin.setDecimals(3)
        self.bias_spin.setSingleStep(0.1)
        self.bias_spin.valueChanged.connect(self._on_bias_changed)
        self.bias_spin.clamped.connect(self._on_bias_clamped)
        self._bias_note: tuple[float, str] | None = None  # (clamped value, message)
        below.addWidget(self.sum_label)
        below.addStretch(1)
        self.bias_label = self._label("", self.bias_spin)
        below.addWidget(self.bias_label)
        below.addWidget(self.bias_spin)
        layout.addLayout(below)

        tools = QGridLayout()
        tools.setSpacing(4)
        self.randomise_button = self._button(self.randomise)
        self.zero_button = self._button(self.zero)
        self.normalise_button = self._button(self.normalise)
        self.flip_h_button = self._button(self.flip_horizontally)
        self.flip_v_button = self._button(self.flip_vertically)
        self.transpose_button = self._button(self.transpose)
        for index, button in enumerate((self.randomise_button, self.zero_button,
                                        self.normalise_button, self.flip_h_button,
                                        self.flip_v_button, self.transpose_button)):
            tools.addWidget(button, index // 3, index % 3)
        layout.addLayout(tools)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #b23c00;")
        self.status_label.hide()
        layout.addWidget(self.status_label)
        layout.addStretch(1)

    def _label(self, text: str, buddy: QWidget | None) -> QLabel:
        label = QLabel(text)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _button(self, slot) -> QPushButton:
        button = QPushButton()
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _arrow_button(self, arrow: Qt.ArrowType, step: int) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.clicked.connect(lambda: self.move_selected(step))
        return button

    def _size_spin(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, MAX_KERNEL)
        # Typing "11" must not pass through a destructive 1×1 on the way.
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._on_size_spin_changed)
        return spin

    def retranslate(self) -> None:
        """Word every text again; the list, the editor and the message on show are
        re-rendered from the state."""
        self.hint_label.setText(self.tr(
            "A filter is a small grid of weights slid over the image: at each place, every "
            "weight multiplies the pixel under it and the products are added up."))
        self.filters_label.setText(self.tr("Filters"))
        self.filter_list.setToolTip(self.tr(
            "Each filter makes its own feature map. Click to edit one, double-click (or F2) "
            "to rename it, drag to reorder."))
        buttons = (
            (self.add_button, self.tr("Add"),
             self.tr("Add a new filter (it starts as the identity)")),
            (self.duplicate_button, self.tr("Duplicate"),
             self.tr("Add a copy of the selected filter")),
            (self.remove_button, self.tr("Remove"),
             self.tr("Remove the selected filter (Delete)")),
            (self.randomise_button, self.tr("Randomise"),
             self.tr("Fill with random weights (normal, standard deviation 1/k)")),
            (self.zero_button, self.tr("Zero"), self.tr("Set every weight to 0")),
            (self.normalise_button, self.tr("Normalise"),
             self.tr("Divide by the sum of the weights so they add up to 1")),
            (self.flip_h_button, self.tr("Flip ↔"), self.tr("Mirror left to right")),
            (self.flip_v_button, self.tr("Flip ↕"), self.tr("Mirror top to bottom")),
            (self.transpose_button, self.tr("Transpose"),
             self.tr("Swap rows and columns (square kernels only)")),
        )
        for button, text, tip in buttons:
            button.setText(text)
            button.setToolTip(tip)
        for button, tip in ((self.up_button, self.tr("Move the selected filter up")),
                            (self.down_button, self.tr("Move the selected filter down"))):
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        self.preset_combo.setToolTip(self.tr(
            "Classic hand-made feature detectors. Changing any weight makes the filter "
            "“Custom”."))
        for index in range(self.preset_combo.count()):
            key = self.preset_combo.itemData(index)
            self.preset_combo.setItemText(
                index, self.tr("Custom") if key is None else preset_name(key))
        self.preset_label.setText(self.tr("Preset"))
        size_tip = self.tr("Kernel size (rows × columns). All filters of a layer share one "
                           "size; weights are cropped or padded with zeros around the centre.")
        for spin in (self.rows_spin, self.cols_spin):
            spin.setToolTip(size_tip)
        self.size_label.setText(self.tr("Size"))
        self.square_check.setText(self.tr("square"))
        self.square_check.setToolTip(self.tr("Keep rows and columns equal"))
        self.channel_label.setText(self.tr("Channel"))
        channel_names = (self.tr("R"), self.tr("G"), self.tr("B"))
        channel_tips = (self.tr("red"), self.tr("green"), self.tr("blue"))
        for button, name, tip in zip(self.channel_buttons, channel_names, channel_tips,
                                     strict=True):
            button.setText(name)
            button.setToolTip(self.tr(
                "Edit the slice of this filter that looks at the {0} channel. The three "
                "slices' products are all added into one feature map, as in a real CNN.")
                .format(tip))
        self.sum_label.setToolTip(self.tr(
            "Weights adding up to 0 give 0 on flat areas (edge and line detectors); adding "
            "up to 1 keeps the overall brightness (blurs)."))
        self.bias_spin.setToolTip(self.tr(
            "Bias: a number added to every value of this filter's feature map"))
        self.bias_label.setText(self.tr("Bias"))
        self._refresh_all()
        if self._message_words is not None and not self.status_label.isHidden():
            self.status_label.setText(self._message_words())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "status_label"):
            self.retranslate()
        super().changeEvent(event)

    # --- refreshing from the state ---------------------------------------------------
    def _refresh_all(self) -> None:
        self._refresh_list()
        self._refresh_editor()

    def _refresh_list(self) -> None:
        filters = self.state.filters
        with QSignalBlocker(self.filter_list):
            if self.filter_list.count() != len(filters):
                self.filter_list.clear()
                for _ in filters:
                    item = QListWidgetItem()
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                    self.filter_list.addItem(item)
            kh, kw = self.state.kernel_size
            for index, f in enumerate(filters):
                item = self.filter_list.item(index)
                if item.text() != f.display_name:
                    item.setText(f.display_name)
                drawn = f.weights.tobytes()
                if item.data(ICON_KEY_ROLE) != drawn:  # only a changed filter's icon
                    item.setData(ICON_KEY_ROLE, drawn)
                    item.setIcon(kernel_thumbnail(f.weights))
                tip = self.tr("{0}: {1}×{2}, bias {3}. Double-click to rename.").format(
                    f.display_name, kh, kw, format_value(f.bias))
                if item.toolTip() != tip:
                    item.setToolTip(tip)
            self.filter_list.setCurrentRow(self.state.selected)
        self._fit_list_height()
        count, selected = len(filters), self.state.selected
        self.up_button.setEnabled(selected > 0)
        self.down_button.setEnabled(selected < count - 1)

    def _fit_list_height(self) -> None:
        rows = min(max(self.filter_list.count(), 3), VISIBLE_FILTER_ROWS)
        row_height = max(self.filter_list.sizeHintForRow(0), THUMBNAIL + 4)
        frame = 2 * self.filter_list.frameWidth()
        self.filter_list.setFixedHeight(rows * row_height + frame + 2)

    def _refresh_editor(self) -> None:
        state = self.state
        f = state.selected_filter
        channels = state.channels
        channel = min(state.selected_channel, channels - 1)
        rgb = channels == 3
        self.channel_label.setVisible(rgb)
        self.channel_widget.setVisible(rgb)
        if rgb:
            self.channel_buttons[channel].setChecked(True)
        self.grid.set_values(f.weights[channel])
        set_label_text(self.title_label, self.tr("Weights of “{0}”").format(f.display_name))

        with QSignalBlocker(self.preset_combo):
            custom = self.preset_combo.findData(None)
            if f.preset is None:
                if custom < 0:
                    self.preset_combo.insertItem(0, self.tr("Custom"), None)
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
        self.transpose_button.setEnabled(kh == kw)

        # setValue rewrites the box's text even when the value is the same, which would
        # scramble a number while it is being typed ("1e999" became 1999).
        if self.bias_spin.value() != round(f.bias, self.bias_spin.decimals()):
            with QSignalBlocker(self.bias_spin):
                self.bias_spin.setValue(f.bias)
        total = float(f.weights.sum(dtype=np.float64))
        set_label_text(self.sum_label,
                       self.tr("Sum of weights: {0}").format(format_value(total)))

    def _on_filters_changed(self) -> None:
        self._refresh_all()

    def _on_selected_filter_changed(self, index: int) -> None:
        self.grid.set_highlight(None)
        self._refresh_all()

    def _on_image_changed(self) -> None:
        # A switch between grayscale and RGB changes the number of channel slices.
        if self.channel_widget.isVisibleTo(self) != (self.state.channels == 3) \
                or self.state.selected_channel >= self.state.channels:
            self._refresh_editor()

    def _on_channel_selected(self, _channel: int) -> None:
        self._refresh_editor()

    # --- messages --------------------------------------------------------------------
    def _show_message(self, words) -> None:
        """Show a message: ``words`` is the sentence, or a callable that words it (so a
        language change can word it again)."""
        self._message_words = words if callable(words) else (lambda: words)
        text = self._message_words()
        self.status_label.setText(text)
        self.status_label.show()
        self.message.emit(text)

    def _clear_message(self) -> None:
        if self.status_label.isVisible():
            self.status_label.hide()
            self.status_label.clear()
        self._message_words = None

    def _apply(self, change, *args) -> bool:
        """Run a state method; a refusal becomes a message, never an exception."""
        try:
            change(*args)
        except ValueError as error:
            self._show_message(lambda error=error: error_text(error))
            self._refresh_editor()  # put back what the state really holds
            return False
        self._clear_message()
        return True

    # --- filter list -----------------------------------------------------------------
    def _on_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.state.filters):
            self.state.select_filter(row)

    def _on_item_renamed(self, item: QListWidgetItem) -> None:
        index = self.filter_list.row(item)
        # An unedited item shows the display name: only another text is a new name.
        if (0 <= index < len(self.state.filters)
                and item.text() != self.state.filters[index].display_name):
            self._apply(self.state.rename_filter, index, item.text())
            self._refresh_list()  # a blank name is refused by the state: show the old one

    def _on_rows_dragged(self, parent: QModelIndex, start: int, end: int,
                         destination: QModelIndex, row: int) -> None:
        # Qt reports the row the item was dropped *before*, counted before removal.
        target = row - 1 if row > start else row
        self._apply(self.state.move_filter, start, target)
        self._refresh_all()

    def rename_filter(self, index: int, name: str) -> None:
        self._apply(self.state.rename_filter, index, name)

    def add_filter(self) -> None:
        self._apply(self.state.add_filter)

    def duplicate_selected(self) -> None:
        self._apply(self.state.duplicate_filter, self.state.selected)

    def remove_selected(self) -> None:
        try:
            self.state.remove_filter(self.state.selected)
        except ValueError:
            self._show_message(lambda: self.tr(
                "A layer needs at least one filter, so the last one cannot be removed."))
            return
        self._clear_message()

    def move_selected(self, step: int) -> None:
        index = self.state.selected
        target = index + step
        if 0 <= target < len(self.state.filters):
            self._apply(self.state.move_filter, index, target)

    # --- editing the selected filter -------------------------------------------------
    @property
    def channel(self) -> int:
        """The channel slice the grid shows (0 for grayscale; 0, 1, 2 = R, G, B)."""
        return self.state.selected_channel

    def select_channel(self, channel: int) -> None:
        self.state.select_channel(channel)

    def _on_cell_edited(self, row: int, col: int, value: float) -> None:
        self._apply(self.state.set_cell, self.state.selected, self.state.selected_channel,
                    row, col, value)

    def _on_preset_activated(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key is None:  # "Custom" is a description, not something to apply
            return
        self.apply_preset(key)

    def apply_preset(self, key: str) -> None:
        """Load preset ``key`` into the selected filter; a filter still named after its
        previous preset takes the new preset's name."""
        index = self.state.selected
        f = self.state.selected_filter
        renamed = f.preset is not None and f.name == f.preset
        if self._apply(self.state.apply_preset, index, key) and renamed:
            self.state.rename_filter(index, key)

    def _on_bias_changed(self, value: float) -> None:
        note, self._bias_note = self._bias_note, None
        if (self._apply(self.state.set_bias, self.state.selected, value)
                and note is not None and note[0] == value):
            self._show_message(note[1])  # applying cleared it

    def _on_bias_clamped(self, typed: str, value: float) -> None:
        # Emitted just before valueChanged (if the value changes at all).
        def words() -> str:
            return self.tr(
                "A bias must lie between {0} and {1}; {2} was typed, so the bias is {3}."
            ).format(format_value(-MAX_WEIGHT), format_value(MAX_WEIGHT), typed,
                     format_value(value))
        self._bias_note = (value, words)
        self._show_message(words)

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
        self._refresh_editor()

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
            self._show_message(lambda: self.tr("Only a square kernel can be transposed."))
            return
        self._set_selected_weights(weights.transpose(0, 2, 1))

    def normalise(self) -> None:
        """Scale the whole filter (every channel) so its weights add up to 1."""
        weights = self.state.selected_filter.weights.astype(np.float64)
        total = weights.sum()
        if abs(total) <= ZERO_SUM * max(1.0, float(np.abs(weights).max(initial=0.0))):
            self._show_message(lambda: self.tr(
                "The weights add up to 0 (as in an edge detector), so they cannot be "
                "scaled to add up to 1. Change a weight first."))
            return
        self._set_selected_weights(weights / total)
