"""The Training page's training settings: epochs, batch size, learning rate, optimizer
and momentum, augmentation and early stopping.

The widgets only show and edit the values; :class:`gui.train.settings_panel.
SettingsPanel` turns them into a :class:`gui.train.job.TrainingConfig` and back. The
defaults are the engine's (:data:`engine.train.DEFAULT_TRAINING`, which the state's
configuration starts from). The texts keep the ``"TrainingPage"`` translation context
they had before this module existed.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from engine.train import DEFAULT_TRAINING
from gui.common.number_box import ClampingSpinBox
from gui.train.job import TrainingConfig

#: A typical starting learning rate for each optimizer; switching optimizer swaps them
#: only while the rate is still the other one's typical value (Adam's is the engine's
#: default).
TYPICAL_LR = {"adam": DEFAULT_TRAINING.lr, "sgd": 0.05}
#: How far "Shift images randomly" moves them: the engine's default augmentation.
SHIFT = DEFAULT_TRAINING.augment_shift


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
#: The optimizer choices, in the combo box's order (the keys TrainingConfig uses).
OPTIMIZER_KEYS = ("adam", "sgd")


class TrainingSettings(QWidget):
    """The hyper-parameter form.

    Signals
    -------
    edited() : the learner changed a value, a choice or a check box.
    """

    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._training = False
        self.epochs = int_spin(1, 200, DEFAULT_TRAINING.epochs)
        self.batch_size = int_spin(1, 1024, DEFAULT_TRAINING.batch_size)
        # Learning rates are often typed as 1e-3: a plain box made that 13.
        self.learning_rate = ClampingSpinBox(
            decimals=5, minimum=0.00001, maximum=10000.0, value=TYPICAL_LR["adam"])
        self.learning_rate.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.learning_rate.setKeyboardTracking(False)
        self.optimizer = QComboBox()
        for key in OPTIMIZER_KEYS:
            self.optimizer.addItem("", key)
        self.momentum = ClampingSpinBox(decimals=2, minimum=0.0, maximum=0.99,
                                       value=DEFAULT_TRAINING.momentum, singleStep=0.05)
        self.momentum.setKeyboardTracking(False)
        self.schedule = QCheckBox()
        self.augment = QCheckBox()
        self.early_stopping = QCheckBox()
        self.patience = int_spin(1, 50, 3)
        early_row = QHBoxLayout()
        early_row.setContentsMargins(0, 0, 0, 0)
        early_row.addWidget(self.early_stopping, 1)
        early_row.addWidget(self.patience)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for name, field in (("epochs", self.epochs), ("batch_size", self.batch_size),
                            ("learning_rate", self.learning_rate),
                            ("optimizer", self.optimizer), ("momentum", self.momentum)):
            label = setting_label(field)
            self.labels[name] = label
            form.addRow(label, field)
        self.momentum_label = self.labels["momentum"]
        form.addRow(self.schedule)
        form.addRow(self.augment)
        form.addRow(early_row)

        for box in (self.epochs, self.batch_size, self.learning_rate, self.momentum,
                    self.patience):
            box.valueChanged.connect(self.edited)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        self.optimizer.currentIndexChanged.connect(self.edited)
        self.early_stopping.toggled.connect(self._update_enabled)
        for check in (self.schedule, self.augment, self.early_stopping):
            check.toggled.connect(self.edited)
        self._update_enabled()
        self.retranslate()

    def retranslate(self) -> None:
        """Word the labels, tooltips and choices again (the choice stays)."""
        labels = {
            "epochs": QCoreApplication.translate("TrainingPage", "Epochs"),
            "batch_size": QCoreApplication.translate("TrainingPage", "Batch size"),
            "learning_rate": QCoreApplication.translate("TrainingPage", "Learning rate"),
            "optimizer": QCoreApplication.translate("TrainingPage", "Optimizer"),
            "momentum": QCoreApplication.translate("TrainingPage", "Momentum"),
        }
        for name, text in labels.items():
            set_setting_text(self.labels[name], text)
        self.epochs.setToolTip(QCoreApplication.translate(
            "TrainingPage", "How many times the network sees every training image"))
        self.batch_size.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Images per weight update: smaller batches update more often but noisier"))
        self.learning_rate.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "How big a step each update takes. Typical: 0.001–0.01 for Adam, 0.01–0.1 for "
            "SGD. Too large and training diverges; too small and it barely moves"))
        names = (QCoreApplication.translate("TrainingPage", "Adam"),
                 QCoreApplication.translate("TrainingPage", "SGD with momentum"))
        for index, name in enumerate(names):
            self.optimizer.setItemText(index, name)
        self.optimizer.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Adam adapts the step for every weight; SGD with momentum follows the "
            "gradient, smoothed over recent steps"))
        self.momentum.setToolTip(QCoreApplication.translate(
            "TrainingPage", "SGD only: the share of the previous step kept in the next"))
        self.schedule.setText(QCoreApplication.translate(
            "TrainingPage", "Lower the rate along a cosine"))
        self.schedule.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Start at the learning rate and lower it epoch by epoch along half a cosine "
            "towards 0, which settles the weights at the end of the run"))
        self.augment.setText(QCoreApplication.translate(
            "TrainingPage", "Shift images randomly (±{0} px)").format(SHIFT))
        self.augment.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Augmentation: every epoch each training image is moved by up to {0} pixels, "
            "so the network learns shapes rather than positions").format(SHIFT))
        self.early_stopping.setText(QCoreApplication.translate(
            "TrainingPage", "Stop early, patience"))
        self.early_stopping.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Stop when the validation loss has not improved for this many epochs, and "
            "keep the best weights"))
        self.patience.setToolTip(QCoreApplication.translate(
            "TrainingPage", "Epochs without a better validation loss before training stops"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "labels"):
            self.retranslate()
        super().changeEvent(event)

    def hyper_parameters(self) -> dict:
        """The values shown, as :class:`TrainingConfig` fields."""
        return {
            "epochs": self.epochs.value(),
            "batch_size": self.batch_size.value(),
            "lr": self.learning_rate.value(),
            "lr_schedule": "cosine" if self.schedule.isChecked() else "constant",
            "optimizer": self.optimizer.currentData(),
            "momentum": self.momentum.value(),
            "augment_shift": SHIFT if self.augment.isChecked() else 0,
            "patience": self.patience.value() if self.early_stopping.isChecked() else None,
        }

    def show_hyper_parameters(self, config: TrainingConfig) -> None:
        """Show ``config``'s hyper-parameters, silently (no edited, no echo)."""
        for box, value in ((self.epochs, config.epochs), (self.batch_size, config.batch_size),
                           (self.patience, config.patience or self.patience.value())):
            with QSignalBlocker(box):
                box.setValue(int(value))
        with QSignalBlocker(self.learning_rate), QSignalBlocker(self.momentum):
            self.learning_rate.setValue(config.lr)
            self.momentum.setValue(config.momentum)
        with QSignalBlocker(self.optimizer):
            self.optimizer.setCurrentIndex(max(self.optimizer.findData(config.optimizer), 0))
        with QSignalBlocker(self.augment), QSignalBlocker(self.early_stopping), \
                QSignalBlocker(self.schedule):
            self.augment.setChecked(config.augment_shift > 0)
            self.early_stopping.setChecked(config.patience is not None)
            self.schedule.setChecked(config.lr_schedule == "cosine")
        self._update_enabled()

    def set_training(self, training: bool) -> None:
        """A run started (nothing may change) or ended."""
        self._training = training
        self._update_enabled()

    def _on_optimizer_changed(self) -> None:
        name = self.optimizer.currentData()
        other = "adam" if name == "sgd" else "sgd"
        if math.isclose(self.learning_rate.value(), TYPICAL_LR[other]):
            with QSignalBlocker(self.learning_rate):
                self.learning_rate.setValue(TYPICAL_LR[name])
        self._update_enabled()

    def _update_enabled(self) -> None:
        sgd = self.optimizer.currentData() == "sgd" and not self._training
        self.momentum.setEnabled(sgd)
        self.momentum_label.setEnabled(sgd)
        self.patience.setEnabled(self.early_stopping.isChecked() and not self._training)
