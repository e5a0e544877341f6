"""Layer controls: stride, padding, dilation, activation and pooling, each with the
output-size formula worked out with the current numbers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
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

# The longest stage of the size summary kept on one line (see `_unbroken`).
MAX_UNBROKEN = 32
#: An exploration in the worker shows "Computing the stages…" once it has taken this long.
BUSY_DELAY_MS = 150


class PairSpin(QWidget):
    """Two spin boxes, rows × columns, optionally linked so they move together."""

    changed = Signal(int, int)

    def __init__(self, minimum: int, maximum: int, tooltip: str = "", parent=None) -> None:
        super().__init__(parent)
        self.rows = QSpinBox(minimum=minimum, maximum=maximum)
        self.cols = QSpinBox(minimum=minimum, maximum=maximum)
        self.link = QToolButton(checkable=True, checked=True, text="=")
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
        self.retranslate()

    def set_tooltip(self, tooltip: str) -> None:
        for box in (self.rows, self.cols):
            box.setToolTip(tooltip)

    def retranslate(self) -> None:
        self.link.setToolTip(self.tr("Linked: rows and columns take the same value"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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


def conv_formula(terms: ops.OutputSizeTerms) -> str:
    """``(28 + 2·0 − 3) / 1 + 1 = 26`` from the engine's terms; floors are shown as ⌊⌋,
    a dilated kernel by its span."""
    if not terms.fits:
        return f"{terms.n} + 2·{terms.p} − {terms.span} < 0"
    core = f"({terms.n} + 2·{terms.p} − {terms.span}) / {terms.s}"
    if terms.numerator % terms.s:
        core = f"⌊{core}⌋"
    return f"{core} + 1 = {terms.size}"


def pool_formula(terms: ops.OutputSizeTerms) -> str:
    """``(26 − 2) / 2 + 1 = 13`` from the engine's terms of a pooling axis."""
    if not terms.fits:
        return f"{terms.n} − {terms.k} < 0"
    core = f"({terms.n} − {terms.k}) / {terms.s}"
    if terms.numerator % terms.s:
        core = f"⌊{core}⌋"
    return f"{core} + 1 = {terms.size}"


class ControlsPanel(QWidget):
    """Binds the layer settings of a :class:`LabState` both ways."""

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.state = state

        self.stride = PairSpin(1, 16)
        self.padding_mode = QComboBox()
        for mode in ("valid", "same", "custom"):
            self.padding_mode.addItem("", mode)  # worded in retranslate()
        self.padding = PairSpin(0, 10)
        self.dilation = PairSpin(1, 5)
        self.activation = QComboBox()
        for activation in ("relu", "none"):
            self.activation.addItem("", activation)
        self.pool = QComboBox()
        for pool in ("max", "avg", "none"):
            self.pool.addItem("", pool)
        self.pool_size = PairSpin(1, 8)
        self.pool_stride_auto = QCheckBox()
        self.pool_stride = PairSpin(1, 8)

        self.conv_formula = self._formula_label()
        self.pool_formula = self._formula_label()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sizeSummary")
        self._summary_text = ""
        # Shown while a heavy exploration runs in the worker: the stages on screen are
        # then the previous settings'. Its space is kept so nothing jumps under the mouse.
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(True)
        self.busy.setMaximumHeight(18)
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        self.busy.setVisible(False)
        # Only an exploration that takes a while shows the bar: while training runs,
        # even 10 ms explorations go to the worker, and a bar flashing at every wheel
        # step would only distract.
        self._busy_delay = QTimer(self)
        self._busy_delay.setSingleShot(True)
        self._busy_delay.setInterval(BUSY_DELAY_MS)
        self._busy_delay.timeout.connect(lambda: self.busy.setVisible(self.state.busy))
        state.busy_changed.connect(self._on_busy_changed)
        if state.busy:
            self._busy_delay.start()

        self.conv_box = conv_box = QGroupBox()
        form = QFormLayout(conv_box)
        # Headings that carry the English term beside the Japanese one are long: a row
        # that has no room puts its field under its label instead of widening the column.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._stride_label, self._padding_label = QLabel(), QLabel()
        self._dilation_label, self._activation_label = QLabel(), QLabel()
        form.addRow(self._stride_label, self.stride)
        padding_row = QHBoxLayout()
        padding_row.addWidget(self.padding_mode)
        padding_row.addWidget(self.padding)
        form.addRow(self._padding_label, padding_row)
        form.addRow(self._dilation_label, self.dilation)
        form.addRow(self._activation_label, self.activation)
        form.addRow(self.conv_formula)

        self.pool_box = pool_box = QGroupBox()
        form = QFormLayout(pool_box)
        self._pool_type_label, self._pool_size_label = QLabel(), QLabel()
        self._pool_stride_label = QLabel()
        form.addRow(self._pool_type_label, self.pool)
        form.addRow(self._pool_size_label, self.pool_size)
        stride_row = QHBoxLayout()
        stride_row.addWidget(self.pool_stride_auto)
        stride_row.addWidget(self.pool_stride)
        form.addRow(self._pool_stride_label, stride_row)
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
        self.retranslate()

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_delay.start()
        else:
            self._busy_delay.stop()
            self.busy.setVisible(False)

    def retranslate(self) -> None:
        """Word every text again; the formulas and the summary are re-rendered from the
        state's settings."""
        self.stride.set_tooltip(self.tr("How many pixels the filter moves between two "
                                        "output cells (rows × columns)"))
        for index, text in enumerate((self.tr("valid (none)"), self.tr("same"),
                                      self.tr("custom"))):
            self.padding_mode.setItemText(index, text)
        self.padding_mode.setToolTip(self.tr(
            "Zeros added around the image: 'valid' adds none, 'same' keeps the size at "
            "stride 1, 'custom' lets you choose"))
        self.padding.set_tooltip(self.tr("Rows and columns of zeros added on each side"))
        self.dilation.set_tooltip(self.tr(
            "Spacing between the filter's cells: 2 leaves one pixel out between them"))
        for index, text in enumerate((self.tr("ReLU  max(0, x)"), self.tr("none (linear)"))):
            self.activation.setItemText(index, text)
        self.activation.setToolTip(self.tr(
            "ReLU keeps positive responses and sets negative ones to 0: the non-linearity "
            "that lets stacked layers express more than one linear map"))
        for index, text in enumerate((self.tr("max"), self.tr("average"), self.tr("none"))):
            self.pool.setItemText(index, text)
        self.pool.setToolTip(self.tr(
            "Max pooling keeps the strongest response in each window; average pooling "
            "keeps the mean"))
        self.pool_size.set_tooltip(self.tr("Size of each pooling window"))
        self.pool_stride_auto.setText(self.tr("= size"))
        self.pool_stride_auto.setToolTip(self.tr(
            "Move the pooling window by its own size, so windows do not overlap"))
        self.pool_stride.set_tooltip(self.tr("How far the pooling window moves"))
        self.busy.setFormat(self.tr("Computing the stages…"))
        self.busy.setToolTip(self.tr("These settings take a moment; the stages shown are "
                                     "the previous ones until the new ones are ready"))
        self.conv_box.setTitle(self.tr("Convolution"))
        self._stride_label.setText(self.tr("Stride"))
        self._padding_label.setText(self.tr("Padding"))
        self._dilation_label.setText(self.tr("Dilation"))
        self._activation_label.setText(self.tr("Activation"))
        self.pool_box.setTitle(self.tr("Pooling"))
        self._pool_type_label.setText(self.tr("Type"))
        self._pool_size_label.setText(self.tr("Size"))
        self._pool_stride_label.setText(self.tr("Stride"))
        tip = self.tr("Output size = (input + 2·padding − kernel) / stride + 1, rounded down")
        for label in (self.conv_formula, self.pool_formula):
            label.setToolTip(tip)
        self._refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "pool_box"):
            self.retranslate()
        super().changeEvent(event)

    def _formula_label(self) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
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
        """Write out the engine's output-size terms (:func:`engine.ops.output_size_terms`)
        for each axis, and the shapes they give."""
        s = self.state.settings
        _, h, w = self.state.image.shape
        kh, kw = self.state.kernel_size
        conv = [ops.output_size_terms(h, kh, s.stride[0], pad[0], s.dilation[0]),
                ops.output_size_terms(w, kw, s.stride[1], pad[1], s.dilation[1])]
        self.conv_formula.setText(self._formula_lines([conv_formula(t) for t in conv]))

        filters = self.state.filter_count
        pool = None
        if s.pool == "none" or not all(t.fits for t in conv):
            self.pool_formula.setText("")
        else:
            step = s.pool_stride or s.pool_size
            pool = [ops.output_size_terms(conv[i].size, s.pool_size[i], step[i],
                                          stage="pool") for i in (0, 1)]
            self.pool_formula.setText(self._formula_lines([pool_formula(t) for t in pool]))
        self._summary_text = self._summary(h, w, filters, conv, pool)
        self.summary.setText(" \u2192 ".join(
            _unbroken(part) for part in self._summary_text.split(" \u2192 ")))

    def summary_text(self) -> str:
        """The summary line as plain text, e.g. "Input 28×28 → feature maps 4 × 26×26 →
        pooled 4 × 13×13 → flattened 676"."""
        return self._summary_text

    def _summary(self, h: int, w: int, filters: int, conv, pool) -> str:
        """The shapes from input to flattened vector, one whole sentence per case (the
        terms of :func:`engine.ops.output_size_terms` per axis; ``pool`` None: no pooling)."""
        if not all(t.fits for t in conv):
            return self.tr("Input {0}×{1} → feature maps {2} × {3}×{4}: the filter does "
                           "not fit into the padded input").format(
                h, w, filters, *(t.size if t.fits else "✗" for t in conv))
        rows, cols = conv[0].size, conv[1].size
        if pool is None:  # not pooled: the feature maps are flattened
            return self.tr("Input {0}×{1} → feature maps {2} × {3}×{4} → flattened {5}"
                           ).format(h, w, filters, rows, cols, filters * rows * cols)
        if not all(t.fits for t in pool):
            return self.tr("Input {0}×{1} → feature maps {2} × {3}×{4} → the pooling "
                           "window is larger than the feature map").format(
                h, w, filters, rows, cols)
        return self.tr("Input {0}×{1} → feature maps {2} × {3}×{4} → pooled {2} × {5}×{6} "
                       "→ flattened {7}").format(
            h, w, filters, rows, cols, pool[0].size, pool[1].size,
            filters * pool[0].size * pool[1].size)

    def _formula_lines(self, lines: list[str]) -> str:
        """One line when both axes read alike, else one per axis, named."""
        if lines[0] == lines[1]:
            shown = lines[:1]
        else:
            shown = [self.tr("rows: {0}").format(lines[0]),
                     self.tr("cols: {0}").format(lines[1])]
        return "<br>".join(f"<code>{line}</code>" for line in shown)


def _unbroken(stage: str) -> str:
    """One stage of the summary ("pooled 4 × 13×13") joined so that it stays on one line:
    lines then break at the arrows between stages, where Japanese text would otherwise
    break inside any word ("平 / 坦化 676"). A longer sentence (a stage that does not fit)
    wraps as usual, rather than widening the column."""
    if len(stage) > MAX_UNBROKEN:
        return stage
    # WORD JOINER: invisible, and forbids a line break on either side (Unicode UAX #14).
    return "\u2060".join(stage.replace(" ", "\u00a0"))
