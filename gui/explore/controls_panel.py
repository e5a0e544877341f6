"""Layer controls: stride, padding, dilation, activation and pooling, each with the
output-size formula worked out with the current numbers."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import ops
from engine.pipeline import resolve_padding
from gui.common.widgets import set_spin_value
from gui.state import LabState


class PairSpin(QWidget):
    """Two spin boxes, rows × columns, optionally linked so they move together."""

    changed = Signal(int, int)

    def __init__(self, minimum: int, maximum: int, tooltip: str, parent=None) -> None:
        super().__init__(parent)
        self.rows = QSpinBox(minimum=minimum, maximum=maximum)
        self.cols = QSpinBox(minimum=minimum, maximum=maximum)
        self.link = QToolButton(checkable=True, checked=True, text="=")
        self.link.setToolTip(self.tr("Linked: rows and columns take the same value"))
        for box in (self.rows, self.cols):
            box.setToolTip(tooltip)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(self._on_box_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.rows)
        layout.addWidget(QLabel("×"))
        layout.addWidget(self.cols)
        layout.addWidget(self.link)
        layout.addStretch(1)

    def value(self) -> tuple[int, int]:
        return self.rows.value(), self.cols.value()

    def set_value(self, value: tuple[int, int]) -> None:
        set_spin_value(self.rows, value[0])
        set_spin_value(self.cols, value[1])
        self.link.setChecked(value[0] == value[1])

    def _on_box_changed(self, value: int) -> None:
        if self.link.isChecked():
            other = self.cols if self.sender() is self.rows else self.rows
            with QSignalBlocker(other):
                other.setValue(value)
        self.changed.emit(*self.value())


def conv_formula(size: int, kernel: int, stride: int, padding: int, dilation: int) -> str:
    """``(28 + 2·0 − 3) / 1 + 1 = 26`` with the current numbers; floors are shown as ⌊⌋."""
    span = dilation * (kernel - 1) + 1
    k = str(kernel) if dilation == 1 else f"{span}"
    numerator = size + 2 * padding - span
    if numerator < 0:
        return f"{size} + 2·{padding} − {k} < 0"
    core = f"({size} + 2·{padding} − {k}) / {stride}"
    if numerator % stride:
        core = f"⌊{core}⌋"
    return f"{core} + 1 = {numerator // stride + 1}"


def pool_formula(size: int, window: int, stride: int) -> str:
    numerator = size - window
    if numerator < 0:
        return f"{size} − {window} < 0"
    core = f"({size} − {window}) / {stride}"
    if numerator % stride:
        core = f"⌊{core}⌋"
    return f"{core} + 1 = {numerator // stride + 1}"


class ControlsPanel(QWidget):
    """Binds the layer settings of a :class:`LabState` both ways."""

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.state = state

        self.stride = PairSpin(1, 16, self.tr("How many pixels the filter moves between "
                                              "two output cells (rows × columns)"))
        self.padding_mode = QComboBox()
        self.padding_mode.addItem(self.tr("valid (none)"), "valid")
        self.padding_mode.addItem(self.tr("same"), "same")
        self.padding_mode.addItem(self.tr("custom"), "custom")
        self.padding_mode.setToolTip(self.tr(
            "Zeros added around the image: 'valid' adds none, 'same' keeps the size at "
            "stride 1, 'custom' lets you choose"))
        self.padding = PairSpin(0, 10, self.tr("Rows and columns of zeros added on each side"))
        self.dilation = PairSpin(1, 5, self.tr(
            "Spacing between the filter's cells: 2 leaves one pixel out between them"))
        self.activation = QComboBox()
        self.activation.addItem(self.tr("ReLU  max(0, x)"), "relu")
        self.activation.addItem(self.tr("none (linear)"), "none")
        self.activation.setToolTip(self.tr(
            "ReLU keeps positive responses and sets negative ones to 0: the non-linearity "
            "that lets stacked layers express more than one linear map"))
        self.pool = QComboBox()
        self.pool.addItem(self.tr("max"), "max")
        self.pool.addItem(self.tr("average"), "avg")
        self.pool.addItem(self.tr("none"), "none")
        self.pool.setToolTip(self.tr(
            "Max pooling keeps the strongest response in each window; average pooling "
            "keeps the mean"))
        self.pool_size = PairSpin(1, 8, self.tr("Size of each pooling window"))
        self.pool_stride_auto = QCheckBox(self.tr("= size"))
        self.pool_stride_auto.setToolTip(self.tr(
            "Move the pooling window by its own size, so windows do not overlap"))
        self.pool_stride = PairSpin(1, 8, self.tr("How far the pooling window moves"))

        self.conv_formula = self._formula_label()
        self.pool_formula = self._formula_label()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sizeSummary")
        # Shown while a heavy exploration runs in the worker: the stages on screen are
        # then the previous settings'. Its space is kept so nothing jumps under the mouse.
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(True)
        self.busy.setFormat(self.tr("Computing the stages…"))
        self.busy.setToolTip(self.tr("These settings take a moment; the stages shown are "
                                     "the previous ones until the new ones are ready"))
        self.busy.setMaximumHeight(18)
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        self.busy.setVisible(state.busy)
        state.busy_changed.connect(self.busy.setVisible)

        conv_box = QGroupBox(self.tr("Convolution"))
        form = QFormLayout(conv_box)
        form.addRow(self.tr("Stride"), self.stride)
        padding_row = QHBoxLayout()
        padding_row.addWidget(self.padding_mode)
        padding_row.addWidget(self.padding)
        form.addRow(self.tr("Padding"), padding_row)
        form.addRow(self.tr("Dilation"), self.dilation)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.conv_formula)

        pool_box = QGroupBox(self.tr("Pooling"))
        form = QFormLayout(pool_box)
        form.addRow(self.tr("Type"), self.pool)
        form.addRow(self.tr("Size"), self.pool_size)
        stride_row = QHBoxLayout()
        stride_row.addWidget(self.pool_stride_auto)
        stride_row.addWidget(self.pool_stride)
        form.addRow(self.tr("Stride"), stride_row)
        form.addRow(self.pool_formula)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(conv_box)
        layout.addWidget(pool_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addStretch(1)

        self.stride.changed.connect(lambda r, c: state.set_settings(stride=(r, c)))
        self.padding_mode.currentIndexChanged.connect(self._on_padding_edited)
        self.padding.changed.connect(lambda r, c: self._on_padding_edited())
        self.dilation.changed.connect(lambda r, c: state.set_settings(dilation=(r, c)))
        self.activation.currentIndexChanged.connect(
            lambda: state.set_settings(activation=self.activation.currentData()))
        self.pool.currentIndexChanged.connect(
            lambda: state.set_settings(pool=self.pool.currentData()))
        self.pool_size.changed.connect(lambda r, c: state.set_settings(pool_size=(r, c)))
        self.pool_stride_auto.toggled.connect(self._on_pool_stride_edited)
        self.pool_stride.changed.connect(lambda r, c: self._on_pool_stride_edited())

        # A weight edit (dragged: dozens a second) changes nothing shown here: refresh
        # only when the settings, the image size, the kernel size or the count change.
        self._shown_key = None
        for signal in (state.settings_changed, state.image_changed, state.filters_changed):
            signal.connect(self._refresh_if_changed)
        self._refresh()

    def _formula_label(self) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setToolTip(self.tr("Output size = (input + 2·padding − kernel) / stride + 1, "
                                 "rounded down"))
        return label

    def _on_padding_edited(self) -> None:
        mode = self.padding_mode.currentData()
        self.padding.setEnabled(mode == "custom")
        self.state.set_settings(padding=self.padding.value() if mode == "custom" else mode)

    def _on_pool_stride_edited(self) -> None:
        auto = self.pool_stride_auto.isChecked()
        self.pool_stride.setEnabled(not auto)
        self.state.set_settings(pool_stride=None if auto else self.pool_stride.value())

    def _key(self) -> tuple:
        state = self.state
        return (state.settings, state.image.shape, state.kernel_size, state.filter_count)

    def _refresh_if_changed(self) -> None:
        if self._key() != self._shown_key:
            self._refresh()

    def _refresh(self) -> None:
        self._shown_key = self._key()
        s = self.state.settings
        for widget in (self.activation, self.pool, self.padding_mode, self.pool_stride_auto):
            widget.blockSignals(True)
        try:
            self.stride.set_value(s.stride)
            self.dilation.set_value(s.dilation)
            self.activation.setCurrentIndex(self.activation.findData(s.activation))
            self.pool.setCurrentIndex(self.pool.findData(s.pool))
            self.pool_size.set_value(s.pool_size)
            mode = s.padding if isinstance(s.padding, str) else "custom"
            self.padding_mode.setCurrentIndex(self.padding_mode.findData(mode))
            pad = resolve_padding(s.padding, self.state.kernel_size, s.dilation)
            self.padding.set_value(pad)
            self.padding.setEnabled(mode == "custom")
            self.pool_stride_auto.setChecked(s.pool_stride is None)
            self.pool_stride.set_value(s.pool_stride or s.pool_size)
            self.pool_stride.setEnabled(s.pool_stride is not None)
            pooling = s.pool != "none"
            for widget in (self.pool_size, self.pool_stride, self.pool_stride_auto):
                widget.setEnabled(pooling and (widget is not self.pool_stride
                                               or s.pool_stride is not None))
        finally:
            for widget in (self.activation, self.pool, self.padding_mode, self.pool_stride_auto):
                widget.blockSignals(False)
        self._update_formulas(pad)

    def _update_formulas(self, pad: tuple[int, int]) -> None:
        s = self.state.settings
        _, h, w = self.state.image.shape
        kh, kw = self.state.kernel_size
        axes = [(self.tr("rows"), h, kh, s.stride[0], pad[0], s.dilation[0]),
                (self.tr("cols"), w, kw, s.stride[1], pad[1], s.dilation[1])]
        conv_lines, conv_sizes = [], []
        for name, size, kernel, stride, padding, dilation in axes:
            conv_lines.append(f"{name}: {conv_formula(size, kernel, stride, padding, dilation)}")
            try:
                conv_sizes.append(ops.output_size(size, kernel, stride, padding, dilation))
            except ValueError:
                conv_sizes.append(None)
        if axes[0][1:] == axes[1][1:]:
            conv_lines = [conv_lines[0].split(": ", 1)[1]]
        self.conv_formula.setText("<br>".join(f"<code>{line}</code>" for line in conv_lines))

        filters = len(self.state.filters)
        summary = [self.tr("Input {0}×{1} → feature maps {2} × {3}×{4}").format(
            h, w, filters, *(v if v is not None else "✗" for v in conv_sizes))]
        if s.pool == "none" or None in conv_sizes:
            self.pool_formula.setText("")
            if None not in conv_sizes:  # not pooled: the feature maps are flattened
                summary.append(self.tr("→ flattened {0}").format(
                    filters * conv_sizes[0] * conv_sizes[1]))
        else:
            step = s.pool_stride or s.pool_size
            lines = [pool_formula(conv_sizes[i], s.pool_size[i], step[i]) for i in (0, 1)]
            if lines[0] == lines[1]:
                lines = lines[:1]
            self.pool_formula.setText("<br>".join(f"<code>{line}</code>" for line in lines))
            try:
                pooled = [ops.output_size(conv_sizes[i], s.pool_size[i], step[i]) for i in (0, 1)]
                summary.append(self.tr("→ pooled {0} × {1}×{2} → flattened {3}").format(
                    filters, *pooled, filters * pooled[0] * pooled[1]))
            except ValueError:
                summary.append(self.tr("→ the pooling window is larger than the feature map"))
        self.summary.setText(" ".join(summary))
