"""The explorer's pre-processing controls: colour, working size, invert, binarise.

The box changes only ``state.preprocess`` (through ``set_preprocess``) and shows what the
state holds on ``image_changed``, so options set by anyone else (a lesson, a large
picture's automatic working size) show here too. It is part of the image panel: its
texts are filed under the ``ImagePanel`` translation context, and worded again on a
language change (:meth:`PreprocessBox.retranslate`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSlider,
    QWidget,
)

from gui.common.preprocess import WORKING_SIZES
from gui.common.widgets import make_quiet


class PreprocessBox(QGroupBox):
    """How the picture is turned into numbers, bound to ``state.preprocess``.

    Parameters
    ----------
    state : gui.state.LabState
        The shared state; the box calls its ``set_preprocess``.
    """

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._build()
        state.image_changed.connect(self._on_image_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Word every text again; the working-size list keeps its choice."""
        self.setTitle(QCoreApplication.translate("ImagePanel", "Pre-processing"))
        self.gray_radio.setText(QCoreApplication.translate("ImagePanel", "&Grayscale"))
        self.gray_radio.setToolTip(QCoreApplication.translate(
            "ImagePanel", "One number per pixel: how dark it is (one input channel)."))
        self.rgb_radio.setText(QCoreApplication.translate("ImagePanel", "&RGB"))
        self.rgb_radio.setToolTip(QCoreApplication.translate(
            "ImagePanel",
            "Three numbers per pixel: red, green and blue (three input channels; each "
            "filter then has one slice per channel)."))
        self.colour_label.setText(QCoreApplication.translate("ImagePanel", "Colour:"))
        for index in range(self.size_combo.count()):
            self.size_combo.setItemText(index, _size_text(self.size_combo.itemData(index)))
        self.size_combo.setToolTip(QCoreApplication.translate(
            "ImagePanel",
            "Resize the picture so that its longer side has this many pixels (the aspect "
            "ratio is kept). Small sizes make single pixels and their numbers visible."))
        self.size_result.setToolTip(QCoreApplication.translate(
            "ImagePanel", "The working image's size: rows × columns."))
        self.size_label.setText(QCoreApplication.translate("ImagePanel", "&Working size:"))
        self.invert_check.setText(QCoreApplication.translate("ImagePanel", "&Invert"))
        self.invert_check.setToolTip(QCoreApplication.translate(
            "ImagePanel", "Swap dark and bright: every value v becomes 1 − v."))
        self.binarize_check.setText(QCoreApplication.translate("ImagePanel", "Bi&narise"))
        self.binarize_check.setToolTip(QCoreApplication.translate(
            "ImagePanel",
            "Turn every value into 0 or 1: values at or above the threshold become 1."))
        threshold_tip = QCoreApplication.translate(
            "ImagePanel", "Binarising threshold, from 0 to 1.")
        self.threshold_slider.setToolTip(threshold_tip)
        self.threshold_spin.setToolTip(threshold_tip)
        self.threshold_label.setText(QCoreApplication.translate("ImagePanel", "&Threshold:"))
        self._on_image_changed()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "values_hint"):
            self.retranslate()
        super().changeEvent(event)

    def _build(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)

        self.gray_radio = QRadioButton()
        self.rgb_radio = QRadioButton()
        self.color_group = QButtonGroup(self)
        self.color_group.addButton(self.gray_radio)
        self.color_group.addButton(self.rgb_radio)
        self.gray_radio.toggled.connect(self._on_color_toggled)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.gray_radio)
        colour_row.addWidget(self.rgb_radio)
        colour_row.addStretch(1)
        self.colour_label = QLabel()
        form.addRow(self.colour_label, colour_row)

        self.size_combo = QComboBox()
        for size in WORKING_SIZES:
            self._add_size_item(size)
        self.size_combo.currentIndexChanged.connect(self._on_size_chosen)
        self.size_result = QLabel()
        self.size_result.setMinimumWidth(
            self.size_result.fontMetrics().horizontalAdvance("→ 000×000"))
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_combo, 1)
        size_row.addWidget(self.size_result)
        self.size_label = QLabel()
        self.size_label.setBuddy(self.size_combo)
        form.addRow(self.size_label, size_row)

        self.invert_check = QCheckBox()
        self.invert_check.toggled.connect(
            lambda on: self._state.set_preprocess(invert=bool(on)))
        form.addRow("", self.invert_check)

        self.binarize_check = QCheckBox()
        self.binarize_check.toggled.connect(
            lambda on: self._state.set_preprocess(binarize=bool(on)))
        form.addRow("", self.binarize_check)

        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setRange(0, 100)
        self.threshold_slider.valueChanged.connect(
            lambda v: self._set_threshold(v / 100, from_slider=True))
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setRange(0.0, 1.0)
        self.threshold_spin.setDecimals(2)
        self.threshold_spin.setSingleStep(0.05)
        self.threshold_spin.valueChanged.connect(self._set_threshold)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(self.threshold_slider, 1)
        threshold_row.addWidget(self.threshold_spin)
        self.threshold_label = QLabel()
        self.threshold_label.setBuddy(self.threshold_spin)
        form.addRow(self.threshold_label, threshold_row)

        self.values_hint = make_quiet(QLabel())
        self.values_hint.setWordWrap(True)
        form.addRow(self.values_hint)

    def _add_size_item(self, size: int | None) -> None:
        self.size_combo.addItem(_size_text(size), size)

    # --- widgets -> state ------------------------------------------------------------
    def _on_color_toggled(self, gray: bool) -> None:
        self._state.set_preprocess(color="gray" if gray else "rgb")

    def _on_size_chosen(self, index: int) -> None:
        self._state.set_preprocess(size=self.size_combo.itemData(index))

    def _set_threshold(self, value: float, from_slider: bool = False) -> None:
        if from_slider:
            with QSignalBlocker(self.threshold_spin):
                self.threshold_spin.setValue(value)
        else:
            with QSignalBlocker(self.threshold_slider):
                self.threshold_slider.setValue(round(value * 100))
        self._state.set_preprocess(threshold=float(value))

    # --- state -> widgets ------------------------------------------------------------
    def _on_image_changed(self) -> None:
        options = self._state.preprocess
        with QSignalBlocker(self.gray_radio), QSignalBlocker(self.rgb_radio):
            self.gray_radio.setChecked(options.color != "rgb")
            self.rgb_radio.setChecked(options.color == "rgb")
        index = self.size_combo.findData(options.size)
        if index < 0:  # a size set elsewhere (e.g. by a lesson) that the list lacks
            with QSignalBlocker(self.size_combo):
                self._add_size_item(options.size)
            index = self.size_combo.count() - 1
        with QSignalBlocker(self.size_combo):
            self.size_combo.setCurrentIndex(index)
        with QSignalBlocker(self.invert_check):
            self.invert_check.setChecked(options.invert)
        with QSignalBlocker(self.binarize_check):
            self.binarize_check.setChecked(options.binarize)
        with QSignalBlocker(self.threshold_slider), QSignalBlocker(self.threshold_spin):
            self.threshold_slider.setValue(round(options.threshold * 100))
            self.threshold_spin.setValue(options.threshold)
        for widget in (self.threshold_label, self.threshold_slider, self.threshold_spin):
            widget.setEnabled(options.binarize)
        _, h, w = self._state.image.shape
        self.size_result.setText(QCoreApplication.translate("ImagePanel", "→ {0}×{1}").format(h, w))
        self.values_hint.setText(self._values_hint())

    def _values_hint(self) -> str:
        options = self._state.preprocess
        if options.color == "rgb":
            if options.invert:
                return QCoreApplication.translate(
                    "ImagePanel", "Values per colour channel: 0 = full, 1 = none (inverted).")
            return QCoreApplication.translate(
                "ImagePanel", "Values per colour channel: 0 = none, 1 = full.")
        if options.invert:
            return QCoreApplication.translate(
                "ImagePanel", "Values: white = 1, black = 0 (inverted).")
        return QCoreApplication.translate("ImagePanel", "Values: white = 0, black = 1.")


def _size_text(size: int | None) -> str:
    """A working size as the list names it: "Original", or the long side in pixels."""
    if size is None:
        return QCoreApplication.translate("ImagePanel", "Original")
    return QCoreApplication.translate("ImagePanel", "{0} px").format(size)
