"""The Training page's training settings: epochs, batch size, learning rate, optimizer
and momentum, augmentation and early stopping.

Like :mod:`gui.train.network_settings`, the widgets only show and edit the values;
:class:`gui.train.settings_panel.SettingsPanel` turns them into a
:class:`gui.train.job.TrainingConfig` and back. The texts keep the ``"TrainingPage"``
translation context they had before this module existed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from gui.train.job import TrainingConfig
from gui.train.network_settings import int_spin, set_setting_text, setting_label

#: A typical starting learning rate for each optimizer; switching optimizer swaps them
#: only while the rate is still the other one's typical value.
TYPICAL_LR = {"adam": 0.003, "sgd": 0.05}
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
        self.epochs = int_spin(1, 200, 5)
        self.batch_size = int_spin(1, 1024, 64)
        self.learning_rate = QDoubleSpinBox(
            decimals=5, minimum=0.00001, maximum=10000.0, value=TYPICAL_LR["adam"])
        self.learning_rate.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.learning_rate.setKeyboardTracking(False)
        self.optimizer = QComboBox()
        for key in OPTIMIZER_KEYS:
            self.optimizer.addItem("", key)
        self.momentum = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.99, value=0.9,
                                       singleStep=0.05)
        self.momentum.setKeyboardTracking(False)
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
        form.addRow(self.augment)
        form.addRow(early_row)

        for box in (self.epochs, self.batch_size, self.learning_rate, self.momentum,
                    self.patience):
            box.valueChanged.connect(self.edited)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        self.optimizer.currentIndexChanged.connect(self.edited)
        self.early_stopping.toggled.connect(self._update_enabled)
        for check in (self.augment, self.early_stopping):
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
        self.augment.setText(QCoreApplication.translate(
            "TrainingPage", "Shift images randomly (±2 px)"))
        self.augment.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Augmentation: every epoch each training image is moved by up to 2 pixels, so "
            "the network learns shapes rather than positions"))
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
            "optimizer": self.optimizer.currentData(),
            "momentum": self.momentum.value(),
            "augment_shift": 2 if self.augment.isChecked() else 0,
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
        with QSignalBlocker(self.augment), QSignalBlocker(self.early_stopping):
            self.augment.setChecked(config.augment_shift > 0)
            self.early_stopping.setChecked(config.patience is not None)
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
