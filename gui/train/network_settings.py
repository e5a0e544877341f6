"""The Training page's network settings: one convolution block (filters, kernel size,
stride, padding, pooling) and an optional hidden dense layer.

The widgets only show and edit those numbers: :class:`gui.train.settings_panel.
SettingsPanel` turns them into a :class:`gui.train.job.TrainingConfig` and back. Keeping
them here, apart from the training settings and the summary, lets a fuller architecture
editor replace this one widget. The texts keep the ``"TrainingPage"`` translation
context they had before this module existed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QWidget

from gui.state import MAX_FILTERS, MAX_KERNEL
from gui.train.job import TrainingConfig

#: The pooling choices, in the combo box's order (the keys TrainingConfig uses).
POOL_KEYS = ("max", "avg", "none")


def setting_label(buddy: QWidget) -> QLabel:
    """A form label for ``buddy``; give it its text with :func:`set_setting_text`."""
    label = QLabel()
    label.setBuddy(buddy)
    return label


def set_setting_text(label: QLabel, text: str) -> None:
    """Show a setting's name; the English term a translation gives beside it,
    "学習率 (Learning rate)", goes on a second line in smaller type, so that the label
    column (and the whole middle column of the page) stays as narrow as in English."""
    name, beside, term = text.partition(" (")
    if not beside:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        return
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(f"{html.escape(name)}<br><small>({html.escape(term)}</small>")


def int_spin(minimum: int, maximum: int, value: int) -> QSpinBox:
    """A spin box that reports a value once it is typed whole (typing "12" must not
    build a network with 1 on the way)."""
    box = QSpinBox(minimum=minimum, maximum=maximum, value=value)
    box.setKeyboardTracking(False)
    return box


class NetworkSettings(QWidget):
    """The architecture form.

    Signals
    -------
    edited() : the learner changed one of the architecture's numbers or the pooling.
    """

    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._training = False
        self.filters = int_spin(1, MAX_FILTERS, 8)
        self.kernel = int_spin(1, MAX_KERNEL, 3)
        self.stride = int_spin(1, 16, 1)
        self.padding = int_spin(0, 10, 0)
        self.pool = QComboBox()
        for key in POOL_KEYS:
            self.pool.addItem("", key)
        self.pool_size = int_spin(1, 8, 2)
        self.pool_size_label = QLabel()
        self.pool_size_label.setBuddy(self.pool_size)
        self.hidden = int_spin(0, 512, 0)
        self.hidden.setSingleStep(16)

        pool_row = QHBoxLayout()
        pool_row.setContentsMargins(0, 0, 0, 0)
        pool_row.addWidget(self.pool, 1)
        pool_row.addWidget(self.pool_size_label)
        pool_row.addWidget(self.pool_size)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for name, field in (("filters", self.filters), ("kernel", self.kernel),
                            ("stride", self.stride), ("padding", self.padding),
                            ("pool", pool_row), ("hidden", self.hidden)):
            label = setting_label(self.pool if name == "pool" else field)
            self.labels[name] = label
            form.addRow(label, field)

        for box in self.spin_boxes():
            box.valueChanged.connect(self.edited)
        self.pool.currentIndexChanged.connect(self.edited)
        self.pool.currentIndexChanged.connect(self._update_enabled)
        self.retranslate()

    def spin_boxes(self) -> tuple[QSpinBox, ...]:
        return (self.filters, self.kernel, self.stride, self.padding, self.pool_size,
                self.hidden)

    def retranslate(self) -> None:
        """Word the labels, tooltips and pooling choices again (the choice stays)."""
        labels = {
            "filters": QCoreApplication.translate("TrainingPage", "Filters"),
            "kernel": QCoreApplication.translate("TrainingPage", "Kernel size"),
            "stride": QCoreApplication.translate("TrainingPage", "Stride"),
            "padding": QCoreApplication.translate("TrainingPage", "Padding"),
            "pool": QCoreApplication.translate("TrainingPage", "Pooling"),
            "hidden": QCoreApplication.translate("TrainingPage", "Hidden units"),
        }
        for name, text in labels.items():
            set_setting_text(self.labels[name], text)
        self.filters.setToolTip(QCoreApplication.translate(
            "TrainingPage", "How many feature detectors the convolution layer learns"))
        self.kernel.setToolTip(QCoreApplication.translate(
            "TrainingPage", "Side of each filter, in pixels"))
        self.stride.setToolTip(QCoreApplication.translate(
            "TrainingPage", "How many pixels a filter moves between two output cells"))
        self.padding.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Rows and columns of zeros added around each image (1 keeps a 3×3 layer's size)"))
        names = (QCoreApplication.translate("TrainingPage", "max"),
                 QCoreApplication.translate("TrainingPage", "average"),
                 QCoreApplication.translate("TrainingPage", "none"))
        for index, name in enumerate(names):
            self.pool.setItemText(index, name)
        self.pool.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Pooling after the convolution: max keeps each window's strongest response, "
            "average its mean"))
        self.pool_size_label.setText(QCoreApplication.translate("TrainingPage", "size"))
        self.pool_size.setToolTip(QCoreApplication.translate(
            "TrainingPage", "Side of each pooling window (its stride too)"))
        self.hidden.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Width of an extra dense layer before the output (0: none, the features go "
            "straight to the classes)"))
        self.hidden.setSpecialValueText(QCoreApplication.translate("TrainingPage", "none"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "labels"):
            self.retranslate()
        super().changeEvent(event)

    def architecture(self) -> dict:
        """The architecture shown, as :class:`TrainingConfig` fields."""
        return {
            "filters": self.filters.value(),
            "kernel_size": self.kernel.value(),
            "stride": self.stride.value(),
            "padding": self.padding.value(),
            "pool": self.pool.currentData(),
            "pool_size": self.pool_size.value(),
            "hidden": self.hidden.value(),
        }

    def show_architecture(self, config: TrainingConfig) -> None:
        """Show ``config``'s architecture (non-square sizes show their rows), silently."""
        for box, value in ((self.filters, config.filters), (self.kernel, config.kernel_size[0]),
                           (self.stride, config.stride[0]), (self.padding, config.padding[0]),
                           (self.pool_size, config.pool_size[0]),
                           (self.hidden, config.hidden)):
            with QSignalBlocker(box):
                box.setValue(int(value))
        with QSignalBlocker(self.pool):
            self.pool.setCurrentIndex(max(self.pool.findData(config.pool), 0))
        self._update_enabled()

    def set_training(self, training: bool) -> None:
        """A run started (nothing may change) or ended."""
        self._training = training
        self._update_enabled()

    def _update_enabled(self) -> None:
        # Without pooling the pool size means nothing.
        enabled = self.pool.currentData() != "none" and not self._training
        self.pool_size.setEnabled(enabled)
        self.pool_size_label.setEnabled(enabled)
