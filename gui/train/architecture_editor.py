"""The Train page's architecture editor: convolution blocks, then hidden dense layers.

A list of the network's convolution blocks (add, remove, move up and down), an editor
of the selected block (filters, kernel rows × columns, stride, padding, dilation,
activation, pooling with its size and stride), 0 to
:data:`engine.architecture.MAX_HIDDEN_LAYERS` hidden dense layers with their widths,
"Copy from explorer" (the explorer's whole layer into block 1) and "Default network"
(:data:`engine.architecture.DEFAULT_BLOCKS` / :data:`~engine.architecture.DEFAULT_HIDDEN`).

The editor and ``state.training_config`` mirror each other: every edit writes the new
blocks and hidden widths into the state, and whatever a lesson (or an opened model,
through :func:`engine.architecture.blocks_of`) puts there shows here, without echo.
Whether the network fits the image and the memory budget is the layer table's to say
(:mod:`gui.train.layer_table`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import limits
from engine.architecture import (
    DEFAULT_BLOCKS,
    DEFAULT_HIDDEN,
    MAX_HIDDEN_LAYERS,
    ArchitectureError,
    ConvBlock,
    blocks_of,
)
from gui.common.error_text import error_text
from gui.common.widgets import set_spin_value
from gui.state import LabState
from gui.state.settings import explorer_block

#: Most convolution blocks the editor offers: each 2×2 pool halves a 28×28 image, so
#: after four or five of them nothing is left to convolve.
MAX_BLOCKS = 6
#: Most filters per block and units per hidden layer the editor offers (the engine
#: allows more; the memory budget refuses most of that anyway).
MAX_BLOCK_FILTERS = 512
MAX_HIDDEN_UNITS = 4096
#: Ranges of the block's sizes (the explorer's own ranges fit in them, so "Copy from
#: explorer" always shows what it copied).
KERNEL_RANGE = (1, limits.MAX_KERNEL_SIZE)
STRIDE_RANGE = (1, 16)
PADDING_RANGE = (0, 20)
DILATION_RANGE = (1, 8)
POOL_RANGE = (1, 8)


def _spin(minimum: int, maximum: int) -> QSpinBox:
    box = QSpinBox(minimum=minimum, maximum=maximum)
    box.setKeyboardTracking(False)
    return box


class SizePair(QWidget):
    """Rows × columns in two small spin boxes. While both are equal, changing the rows
    changes the columns too (most sizes are square); change the columns for a
    rectangle. ``changed`` is emitted after every edit."""

    changed = Signal()

    def __init__(self, minimum: int, maximum: int, parent=None) -> None:
        super().__init__(parent)
        self.rows = _spin(minimum, maximum)
        self.cols = _spin(minimum, maximum)
        self._last_rows = self.rows.value()
        self.rows.valueChanged.connect(self._on_rows_changed)
        self.cols.valueChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.rows)
        layout.addWidget(QLabel("×"))
        layout.addWidget(self.cols)
        layout.addStretch(1)
        for box in (self.rows, self.cols):
            box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def value(self) -> tuple[int, int]:
        return self.rows.value(), self.cols.value()

    def set_value(self, value) -> None:
        rows, cols = (int(v) for v in value)
        set_spin_value(self.rows, rows)
        set_spin_value(self.cols, cols)
        self._last_rows = rows

    def set_tooltip(self, text: str) -> None:
        self.rows.setToolTip(text)
        self.cols.setToolTip(text)

    def _on_rows_changed(self, rows: int) -> None:
        if self.cols.value() == self._last_rows:
            set_spin_value(self.cols, rows)
        self._last_rows = rows
        self.changed.emit()


class ArchitectureEditor(QWidget):
    """Edit ``state.training_config``'s blocks and hidden layers.

    Signals
    -------
    message(object, bool) : a way to word a sentence for the page's status line (a
        function returning it, called again on a language change) and whether it is
        an error.
    edited() : the learner changed the architecture (after the state has it).

    Widgets for tests and lessons: ``block_list``, ``add_button``, ``remove_button``,
    ``up_button``, ``down_button``, ``filters``, ``kernel``, ``stride``, ``padding``,
    ``dilation`` (:class:`SizePair`), ``activation``, ``pool``, ``pool_size``,
    ``pool_stride``, ``hidden_count``, ``hidden_widths``, ``copy_button``,
    ``default_button``.
    """

    message = Signal(object, bool)
    edited = Signal()

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._selected = 0
        self._training = False

        self.blocks_heading = QLabel()
        self.block_list = QListWidget()
        self.block_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A long line is cut short with "…" (its tooltip has all of it), never scrolled.
        self.block_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.block_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # As tall as the four buttons beside it: four blocks show, more scroll.
        rows = 4
        self.block_list.setFixedHeight(rows * (self.block_list.fontMetrics().lineSpacing() + 4)
                                       + 2 * self.block_list.frameWidth() + 4)
        self.add_button, self.remove_button = QToolButton(), QToolButton()
        self.up_button, self.down_button = QToolButton(), QToolButton()
        for button, text in ((self.add_button, "+"), (self.remove_button, "−"),
                             (self.up_button, "▲"), (self.down_button, "▼")):
            button.setText(text)
            button.setAutoRaise(False)
        # One narrow column beside the list: its lines get the width.
        list_buttons = QVBoxLayout()
        list_buttons.setSpacing(1)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setFixedHeight(button.sizeHint().height() - 2)
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        list_row = QHBoxLayout()
        list_row.setContentsMargins(0, 0, 0, 0)
        list_row.addWidget(self.block_list, 1)
        list_row.addLayout(list_buttons)

        # The selected block.
        self.block_heading = QLabel()
        self.filters = _spin(1, MAX_BLOCK_FILTERS)
        self.kernel = SizePair(*KERNEL_RANGE)
        self.stride = SizePair(*STRIDE_RANGE)
        self.padding = SizePair(*PADDING_RANGE)
        self.dilation = SizePair(*DILATION_RANGE)
        self.activation = QComboBox()
        for key in ("relu", "none"):
            self.activation.addItem("", key)
        self.pool = QComboBox()
        for key in ("max", "avg", "none"):
            self.pool.addItem("", key)
        self.pool_size = SizePair(*POOL_RANGE)
        self.pool_stride = SizePair(*POOL_RANGE)
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for name, widget in (("filters", self.filters), ("kernel", self.kernel),
                             ("stride", self.stride), ("padding", self.padding),
                             ("dilation", self.dilation), ("activation", self.activation),
                             ("pool", self.pool), ("pool_size", self.pool_size),
                             ("pool_stride", self.pool_stride)):
            label = self._labels[name] = QLabel()
            label.setBuddy(widget if not isinstance(widget, SizePair) else widget.rows)
            form.addRow(label, widget)
        self.block_form = QWidget()
        self.block_form.setLayout(form)
        # Always as tall as it wants: a column squeezed by a longer message elsewhere
        # must not shrink these rows (the buttons below would move under the mouse).
        self.block_form.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        # Hidden layers.
        self.hidden_label = QLabel()
        self.hidden_count = _spin(0, MAX_HIDDEN_LAYERS)
        self.hidden_widths = [_spin(1, MAX_HIDDEN_UNITS) for _ in range(MAX_HIDDEN_LAYERS)]
        self.widths_label = QLabel()
        widths_row = QHBoxLayout()
        widths_row.setContentsMargins(0, 0, 0, 0)
        for box in self.hidden_widths:
            box.setSingleStep(16)
            policy = box.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the buttons below stay put
            box.setSizePolicy(policy)
            widths_row.addWidget(box)
        widths_row.addStretch(1)
        hidden_form = QFormLayout()
        hidden_form.setContentsMargins(0, 0, 0, 0)
        hidden_form.setVerticalSpacing(3)
        hidden_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        hidden_form.addRow(self.hidden_label, self.hidden_count)
        hidden_form.addRow(self.widths_label, widths_row)

        self.copy_button = QPushButton()
        self.default_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.default_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.blocks_heading)
        layout.addLayout(list_row)
        layout.addWidget(self.block_heading)
        layout.addWidget(self.block_form)
        layout.addLayout(hidden_form)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.block_list.currentRowChanged.connect(self._on_row_chosen)
        self.add_button.clicked.connect(self.add_block)
        self.remove_button.clicked.connect(self.remove_block)
        self.up_button.clicked.connect(lambda: self.move_block(-1))
        self.down_button.clicked.connect(lambda: self.move_block(1))
        self.filters.valueChanged.connect(self._on_block_edited)
        for pair in (self.kernel, self.stride, self.padding, self.dilation, self.pool_size,
                     self.pool_stride):
            pair.changed.connect(self._on_block_edited)
        for combo in (self.activation, self.pool):
            combo.currentIndexChanged.connect(self._on_block_edited)
        self.hidden_count.valueChanged.connect(self._on_hidden_edited)
        for box in self.hidden_widths:
            box.valueChanged.connect(self._on_hidden_edited)
        self.copy_button.clicked.connect(lambda: self.copy_from_explorer())
        self.default_button.clicked.connect(self.reset_to_default)
        state.training_config_changed.connect(self._show_config)
        state.model_changed.connect(self._on_model_changed)
        self.retranslate()
        self._show_config()

    # --- what the editor shows -----------------------------------------------------------
    @property
    def blocks(self) -> tuple[ConvBlock, ...]:
        return self.state.training_config.blocks

    @property
    def hidden(self) -> tuple[int, ...]:
        return self.state.training_config.hidden

    @property
    def selected(self) -> int:
        """The index of the block the editor shows (0 when there is none)."""
        return self._selected

    def select_block(self, index: int) -> None:
        self._selected = max(0, min(int(index), len(self.blocks) - 1))
        self._show_config()

    def _show_config(self) -> None:
        """Show the state's blocks and hidden layers (signals blocked: no echo)."""
        blocks, hidden = self.blocks, self.hidden
        self._selected = max(0, min(self._selected, len(blocks) - 1))
        with QSignalBlocker(self.block_list):
            texts = [self.block_text(index, block) for index, block in enumerate(blocks)]
            if [self.block_list.item(i).text() for i in range(self.block_list.count())] \
                    != texts:
                self.block_list.clear()
                self.block_list.addItems(texts)
                for index, text in enumerate(texts):
                    self.block_list.item(index).setToolTip(text)
            if blocks:
                self.block_list.setCurrentRow(self._selected)
        has_block = bool(blocks)
        if has_block:
            block = blocks[self._selected]
            set_spin_value(self.filters, int(block.filters))
            self.kernel.set_value(block.kernel_size)
            self.stride.set_value(block.stride)
            self.padding.set_value(block.padding)
            self.dilation.set_value(block.dilation)
            self.pool_size.set_value(block.pool_size)
            self.pool_stride.set_value(block.pool_step)
            for combo, key in ((self.activation, block.activation), (self.pool, block.pool)):
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(max(combo.findData(key), 0))
        set_spin_value(self.hidden_count, len(hidden))
        for index, box in enumerate(self.hidden_widths):
            if index < len(hidden):
                set_spin_value(box, int(hidden[index]))
            box.setVisible(index < len(hidden))
        self.widths_label.setEnabled(bool(hidden))
        self._update_block_heading()
        self._update_enabled()

    def _update_block_heading(self) -> None:
        if self.blocks:
            self.block_heading.setText(self.tr("Block {0} of {1}").format(
                self._selected + 1, len(self.blocks)))
        else:
            self.block_heading.setText(self.tr(
                "No convolution blocks: the image goes straight to the dense layers."))

    def _update_enabled(self) -> None:
        idle, count = not self._training, len(self.blocks)
        self.block_form.setEnabled(idle and count > 0)
        self.add_button.setEnabled(idle and count < MAX_BLOCKS)
        self.remove_button.setEnabled(idle and count > 0)
        self.up_button.setEnabled(idle and self._selected > 0)
        self.down_button.setEnabled(idle and self._selected < count - 1)
        pooling = self.pool.currentData() != "none"
        for name in ("pool_size", "pool_stride"):
            self._labels[name].setEnabled(pooling)
        self.pool_size.setEnabled(pooling)
        self.pool_stride.setEnabled(pooling)

    def set_training(self, training: bool) -> None:
        """A run started (the architecture waits) or ended."""
        self._training = training
        for widget in (self.block_list, self.hidden_count, self.copy_button,
                       self.default_button):
            widget.setEnabled(not training)
        for box in self.hidden_widths:
            box.setEnabled(not training)
        self._update_enabled()

    def block_text(self, index: int, block: ConvBlock) -> str:
        """One line of the block list: the block's number, filters and kernel, then what
        differs from a plain block (stride, padding, dilation), activation and pooling."""
        rows, cols = block.kernel_size
        parts = [self.tr("{0}. {1} filters {2}×{3}").format(index + 1, block.filters,
                                                            rows, cols)]
        if tuple(block.stride) != (1, 1):
            parts.append(self.tr("stride {0}×{1}").format(*block.stride))
        if tuple(block.padding) != (0, 0):
            parts.append(self.tr("padding {0}×{1}").format(*block.padding))
        if tuple(block.dilation) != (1, 1):
            parts.append(self.tr("dilation {0}×{1}").format(*block.dilation))
        parts.append(self.tr("ReLU") if block.activation == "relu" else self.tr("linear"))
        size, step = block.pool_size, block.pool_step
        if block.pool != "none":
            if block.pool == "max":
                text = self.tr("max {0}×{1}").format(*size)
            else:
                text = self.tr("average {0}×{1}").format(*size)
            if tuple(step) != tuple(size):
                text = self.tr("{0} step {1}×{2}").format(text, *step)
            parts.append(text)
        return " · ".join(parts)

    # --- edits -------------------------------------------------------------------------
    def _set(self, blocks=None, hidden=None) -> bool:
        """Write new blocks and/or hidden widths into the state; False (with a message)
        when the state refuses them."""
        changes = {}
        if blocks is not None:
            changes["blocks"] = tuple(blocks)
        if hidden is not None:
            changes["hidden"] = tuple(hidden)
        try:
            self.state.set_training_config(**changes)
        except ValueError as error:
            problem = error
            self.message.emit(lambda: error_text(problem), True)
            self._show_config()
            return False
        self._show_config()
        self.edited.emit()
        return True

    def _block_from_fields(self) -> ConvBlock:
        size, step = self.pool_size.value(), self.pool_stride.value()
        return ConvBlock(filters=self.filters.value(), kernel_size=self.kernel.value(),
                         stride=self.stride.value(), padding=self.padding.value(),
                         dilation=self.dilation.value(),
                         activation=self.activation.currentData(),
                         pool=self.pool.currentData(), pool_size=size,
                         pool_stride=None if step == size else step)

    def _on_block_edited(self) -> None:
        if not self.blocks:
            return
        old = self.blocks[self._selected]
        if self.pool_size.value() != tuple(old.pool_size) and old.pool_stride is None:
            # The stride followed the size: it keeps following it.
            self.pool_stride.set_value(self.pool_size.value())
        blocks = list(self.blocks)
        blocks[self._selected] = self._block_from_fields()
        self._set(blocks=blocks)

    def _on_hidden_edited(self) -> None:
        count = self.hidden_count.value()
        widths = [box.value() for box in self.hidden_widths[:count]]
        self._set(hidden=widths)

    def _on_row_chosen(self, row: int) -> None:
        if row >= 0:
            self._selected = row
            self._show_config()

    def add_block(self) -> None:
        """Add a block after the selected one: a copy of it (a plain 8-filter 3×3 block
        when there is none), which the learner then changes."""
        if len(self.blocks) >= MAX_BLOCKS:
            return
        blocks = list(self.blocks)
        new = blocks[self._selected] if blocks else ConvBlock()
        at = self._selected + 1 if blocks else 0
        blocks.insert(at, new)
        self._selected = at
        self._set(blocks=blocks)

    def remove_block(self) -> None:
        if not self.blocks:
            return
        blocks = list(self.blocks)
        del blocks[self._selected]
        self._selected = min(self._selected, len(blocks) - 1)
        self._set(blocks=blocks)

    def move_block(self, step: int) -> None:
        """Move the selected block ``step`` places (-1 up, +1 down); it stays selected."""
        blocks = list(self.blocks)
        to = self._selected + step
        if not blocks or not 0 <= to < len(blocks):
            return
        blocks[self._selected], blocks[to] = blocks[to], blocks[self._selected]
        self._selected = to
        self._set(blocks=blocks)

    def reset_to_default(self) -> None:
        """The engine's default network (its blocks and hidden layers)."""
        self._selected = 0
        if self._set(blocks=DEFAULT_BLOCKS, hidden=DEFAULT_HIDDEN):
            self.message.emit(lambda: self.tr("Back to the default network."), False)

    def copy_from_explorer(self) -> None:
        """Put the explorer's layer (filters, kernel, stride, padding, dilation,
        activation, pooling with its size and stride) into block 1."""
        try:
            block = explorer_block(self.state)
            blocks = list(self.blocks) or [block]
            blocks[0] = block
            replace(self.state.training_config, blocks=tuple(blocks))  # checks the ranges
        except (ValueError, ArchitectureError) as error:
            problem = error
            self.message.emit(lambda: self.tr("Cannot copy the explorer's layer: {0}").format(
                error_text(problem)), True)
            return
        self._selected = 0
        if self._set(blocks=blocks):
            self.message.emit(lambda: self.tr("Block 1 is now the explorer's layer: {0}").format(
                self.block_text(0, block)), False)

    def _on_model_changed(self) -> None:
        """An opened (or trained) model: show its architecture."""
        model = self.state.model
        if model is None or self._training:
            return
        try:
            blocks, hidden = blocks_of(model.architecture())
            if (blocks, hidden) != (self.blocks, self.hidden):
                self.state.set_training_config(blocks=blocks, hidden=hidden)
        except ValueError:
            return  # not blocks and hidden layers: the editor keeps what it shows

    # --- language ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.blocks_heading.setText(self.tr("Convolution blocks"))
        self.block_list.setToolTip(self.tr(
            "Each block is a convolution, then ReLU (if chosen), then pooling (if chosen); "
            "the image passes through them from top to bottom. Choose one to edit it"))
        self.add_button.setToolTip(self.tr("Add a block after the selected one (a copy of it)"))
        self.remove_button.setToolTip(self.tr("Remove the selected block"))
        self.up_button.setToolTip(self.tr("Move the selected block up (earlier)"))
        self.down_button.setToolTip(self.tr("Move the selected block down (later)"))
        labels = {"filters": self.tr("Filters"), "activation": self.tr("Activation"),
                  "kernel": self.tr("Kernel"), "stride": self.tr("Stride"),
                  "padding": self.tr("Padding"), "dilation": self.tr("Dilation"),
                  "pool": self.tr("Pooling"), "pool_size": self.tr("Pool size"),
                  "pool_stride": self.tr("Pool step")}
        for name, text in labels.items():
            self._labels[name].setText(text)
        self.filters.setToolTip(self.tr("How many feature detectors this block's convolution "
                                        "learns; each makes one feature map"))
        self.kernel.set_tooltip(self.tr("Rows × columns of each filter (while they are equal, "
                                        "the columns follow the rows)"))
        self.stride.set_tooltip(self.tr("How many pixels a filter moves between two output "
                                        "cells (rows × columns)"))
        self.padding.set_tooltip(self.tr("Rows and columns of zeros added on each side of the "
                                         "block's input"))
        self.dilation.set_tooltip(self.tr("Spacing between the filter's cells: 2 leaves one "
                                          "pixel out between them"))
        for index, text in enumerate((self.tr("ReLU"), self.tr("none (linear)"))):
            self.activation.setItemText(index, text)
        self.activation.setToolTip(self.tr(
            "ReLU keeps positive responses and sets negative ones to 0; without it, "
            "stacked blocks are one linear map"))
        for index, text in enumerate((self.tr("max"), self.tr("average"), self.tr("none"))):
            self.pool.setItemText(index, text)
        self.pool.setToolTip(self.tr("Max pooling keeps the strongest response in each "
                                     "window; average pooling keeps the mean"))
        self.pool_size.set_tooltip(self.tr("Rows × columns of each pooling window"))
        self.pool_stride.set_tooltip(self.tr(
            "How far the pooling window moves (equal to the size: windows do not overlap)"))
        self.hidden_label.setText(self.tr("Hidden layers"))
        self.hidden_count.setToolTip(self.tr(
            "Dense layers (each with ReLU) between the flattened feature maps and the "
            "output layer: 0 to 2"))
        self.widths_label.setText(self.tr("Units"))
        for box in self.hidden_widths:
            box.setToolTip(self.tr("How many units this hidden layer has"))
        self.copy_button.setText(self.tr("Copy from explorer"))
        self.copy_button.setToolTip(self.tr(
            "Make block 1 the explorer's layer: its number of filters, kernel size, stride, "
            "padding, dilation, activation and pooling (type, size and step)"))
        self.default_button.setText(self.tr("Default network"))
        self.default_button.setToolTip(self.tr(
            "The network CNN Lab starts from, the same as python -m engine.train trains"))
        with QSignalBlocker(self.block_list):
            for index, block in enumerate(self.blocks):
                if index < self.block_list.count():
                    text = self.block_text(index, block)
                    self.block_list.item(index).setText(text)
                    self.block_list.item(index).setToolTip(text)
        self._update_block_heading()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "default_button"):
            self.retranslate()
        super().changeEvent(event)

