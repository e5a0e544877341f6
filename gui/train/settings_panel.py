"""The Training page's settings, as two tabs: "Network" (the architecture editor of
:mod:`gui.train.architecture_editor`) and "Training" (the hyper-parameters of
:mod:`gui.train.training_settings`); and the table of the network's layers
(:mod:`gui.train.layer_table`), which the page shows beside them.

The widgets and ``state.training_config`` mirror each other: every edit writes the
configuration into the state, and whatever a lesson puts there shows in the widgets.
The panel tells the page what it needs through signals; its texts keep the
``"TrainingPage"`` translation context they had before the panel existed.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from gui.common.widgets import StableTabWidget
from gui.state import LabState
from gui.train.architecture_editor import ArchitectureEditor
from gui.train.job import TrainingConfig
from gui.train.layer_table import LayerTable
from gui.train.training_settings import TYPICAL_LR, TrainingSettings

__all__ = ["ARCHITECTURE", "TYPICAL_LR", "SettingsPanel"]

#: The topic of the panel's messages (gui/common/status_line.py).
ARCHITECTURE = "architecture"
#: The forms' widgets that the panel passes on as its own attributes.
NETWORK_WIDGETS = ("copy_button", "default_button")
TRAINING_WIDGETS = ("epochs", "batch_size", "learning_rate", "optimizer", "momentum",
                    "momentum_label", "schedule", "augment", "early_stopping", "patience")


class SettingsPanel(QWidget):
    """The "Network" and "Training" tabs.

    Signals
    -------
    message(object, bool) : a way to word a sentence for the page's status line (a
        function returning it, called again on a language change), and whether it is an
        error (topic :data:`ARCHITECTURE`).
    edited() : the learner changed a setting (what the page said about the old setup may
        no longer hold).
    architecture_edited() : the learner changed the network (the page shows its layers).
    fit_changed(bool) : whether the network fits the data and the memory budget (Train may
        start), after every layer-table update.

    ``planned_data`` is a callable giving the selected data's ((C, H, W) or None, number
    of classes or None, number of training images or None). ``editor`` is the
    :class:`ArchitectureEditor`, ``layer_table`` the :class:`LayerTable` (for the page to
    place); the training form's widgets are attributes of the panel too (``epochs``,
    ...), for the page, tests and lessons.
    """

    message = Signal(object, bool)
    edited = Signal()
    architecture_edited = Signal()
    fit_changed = Signal(bool)

    def __init__(self, state: LabState, planned_data, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._planned_data = planned_data
        self.editor = ArchitectureEditor(state)
        self.training = TrainingSettings()
        self.layer_table = LayerTable(state)
        for form, names in ((self.editor, NETWORK_WIDGETS), (self.training, TRAINING_WIDGETS)):
            for name in names:
                setattr(self, name, getattr(form, name))

        self.architecture_box = QWidget()
        column = QVBoxLayout(self.architecture_box)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.editor)
        column.addStretch(1)
        self.training_box = QWidget()
        column = QVBoxLayout(self.training_box)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.training)
        column.addStretch(1)
        # One above the other they would push Train below a 700-pixel window.
        self.tabs = StableTabWidget()
        self.tabs.addTab(self.architecture_box, "")
        self.tabs.addTab(self.training_box, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # As tall as it wants, always: a shorter column elsewhere must not squeeze it and
        # move Train under the mouse.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.editor.message.connect(self.message)
        self.editor.edited.connect(self.edited)
        self.editor.edited.connect(self.architecture_edited)
        # The state first, so that what hears `edited` sees the new configuration.
        self.training.edited.connect(self._push_config)
        self.training.edited.connect(self.edited)
        self.layer_table.fit_changed.connect(self.fit_changed)
        self.state.training_config_changed.connect(self._on_training_config_changed)
        self.training.show_hyper_parameters(state.training_config)
        self.retranslate()

    def retranslate(self) -> None:
        """The tabs' titles (the forms and the table word themselves)."""
        self.tabs.setTabText(0, QCoreApplication.translate("TrainingPage", "Network"))
        self.tabs.setTabText(1, QCoreApplication.translate("TrainingPage", "Training"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "tabs"):
            self.retranslate()
        super().changeEvent(event)

    @property
    def fits(self) -> bool:
        """Whether the network fits the data and the memory budget."""
        return self.layer_table.fits

    def refusal(self) -> str | None:
        """Why Train may not start, in the current language (None when it may)."""
        return self.layer_table.reason()

    def set_training(self, training: bool) -> None:
        """A run started (the settings wait) or ended."""
        self.training_box.setEnabled(not training)
        self.editor.set_training(training)
        self.training.set_training(training)

    def config(self) -> TrainingConfig:
        """The configuration shown now: the state's network with the training form's
        hyper-parameters (ValueError if they are unusable)."""
        return dataclasses.replace(self.state.training_config,
                                   **self.training.hyper_parameters())

    def set_config(self, config: TrainingConfig) -> None:
        """Make ``config`` the state's configuration and show it (ValueError, and nothing
        changed, for a value the engine must never see)."""
        self.state.set_training_config(config)
        self.training.show_hyper_parameters(config)

    def _push_config(self) -> None:
        try:
            self.state.set_training_config(self.config())
        except ValueError:
            pass  # the state keeps its last good value

    def _on_training_config_changed(self) -> None:
        config = self.state.training_config
        try:
            shown = self.config()
        except ValueError:
            shown = None
        if shown != config:
            self.training.show_hyper_parameters(config)

    def copy_from_explorer(self) -> None:
        """Make block 1 the explorer's layer (see
        :meth:`ArchitectureEditor.copy_from_explorer`)."""
        self.editor.copy_from_explorer()

    def update_architecture_summary(self) -> None:
        """The data changed: plan the network on it again (the layer table)."""
        self.layer_table.set_data(*self._planned_data())
