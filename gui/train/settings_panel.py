"""The Training page's settings: the "Network" group (the architecture form of
:mod:`gui.train.network_settings`, the summary line of
:mod:`gui.train.architecture_summary` and Copy from explorer) above the "Training" group
(the hyper-parameters of :mod:`gui.train.training_settings`).

The widgets and ``state.training_config`` mirror each other: every edit writes the
configuration into the state, and whatever a lesson puts there shows in the widgets.
The panel tells the page what it needs through signals; its texts keep the
``"TrainingPage"`` translation context they had before the panel existed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from gui.common.error_text import error_text
from gui.state import LabState
from gui.train.architecture_summary import ArchitectureSummary, memory_problem
from gui.train.job import TrainingConfig
from gui.train.network_settings import NetworkSettings
from gui.train.training_settings import TYPICAL_LR, TrainingSettings

__all__ = ["ARCHITECTURE", "TYPICAL_LR", "SettingsPanel"]

#: The topic of the panel's messages (gui/common/status_line.py).
ARCHITECTURE = "architecture"
#: The architecture's fields of a TrainingConfig, which "Copy from explorer" replaces.
ARCHITECTURE_FIELDS = ("filters", "kernel_size", "stride", "padding", "pool", "pool_size")
#: The forms' widgets that the panel passes on as its own attributes.
NETWORK_WIDGETS = ("filters", "kernel", "stride", "padding", "pool", "pool_size", "hidden")
TRAINING_WIDGETS = ("epochs", "batch_size", "learning_rate", "optimizer", "momentum",
                    "momentum_label", "augment", "early_stopping", "patience")


class SettingsPanel(QWidget):
    """The "Network" and "Training" groups, one above the other.

    Signals
    -------
    message(object, bool) : a way to word a sentence for the page's status line (a
        function returning it, called again on a language change), and whether it is an
        error (topic :data:`ARCHITECTURE`).
    edited() : the learner changed a setting (what the page said about the old setup may
        no longer hold).
    fit_changed(bool) : whether the network fits the data and the memory budget (Train may
        start), after every summary update.

    ``planned_geometry`` is a callable giving the selected data's ((C, H, W) or None,
    number of classes or None), e.g. :meth:`DatasetPanel.planned_geometry`. The forms'
    widgets are attributes of the panel too (``filters``, ``epochs``, ...), for the page,
    tests and lessons.
    """

    message = Signal(object, bool)
    edited = Signal()
    fit_changed = Signal(bool)

    def __init__(self, state: LabState, planned_geometry, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._planned_geometry = planned_geometry
        # Set once the learner (or a caller) chose an architecture: the first showing of
        # the page then leaves it alone instead of copying the explorer's layer.
        self.architecture_touched = False
        self.network = NetworkSettings()
        self.training = TrainingSettings()
        for form, names in ((self.network, NETWORK_WIDGETS), (self.training, TRAINING_WIDGETS)):
            for name in names:
                setattr(self, name, getattr(form, name))
        self.architecture_summary = ArchitectureSummary()
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.copy_from_explorer())

        self.architecture_box = QGroupBox()
        column = QVBoxLayout(self.architecture_box)
        column.addWidget(self.network)
        column.addWidget(self.architecture_summary)
        column.addWidget(self.copy_button)
        self.training_box = QGroupBox()
        QVBoxLayout(self.training_box).addWidget(self.training)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.architecture_box)
        layout.addWidget(self.training_box)

        self.network.edited.connect(self._on_architecture_edited)
        self.training.edited.connect(self.update_architecture_summary)  # the memory needed
        for form in (self.network, self.training):
            # The state first, so that what hears `edited` sees the new configuration.
            form.edited.connect(self._push_config)
            form.edited.connect(self.edited)
        self.state.training_config_changed.connect(self._on_training_config_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """The group titles and Copy from explorer (the forms and the summary word
        themselves)."""
        self.architecture_box.setTitle(QCoreApplication.translate("TrainingPage", "Network"))
        self.training_box.setTitle(QCoreApplication.translate("TrainingPage", "Training"))
        self.copy_button.setText(QCoreApplication.translate("TrainingPage",
                                                            "Copy from explorer"))
        self.copy_button.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "Use the explorer's number of filters, kernel size, stride, padding and pooling"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "copy_button"):
            self.retranslate()
        super().changeEvent(event)

    @property
    def fits(self) -> bool:
        """Whether the network shown fits the data and the memory budget."""
        return self.architecture_summary.fits

    def set_training(self, training: bool) -> None:
        """A run started (the settings wait) or ended."""
        self.architecture_box.setEnabled(not training)
        self.training_box.setEnabled(not training)
        self.network.set_training(training)
        self.training.set_training(training)

    def _say(self, words: Callable[[], str], error: bool = False) -> None:
        self.message.emit(words, error)

    def config(self) -> TrainingConfig:
        """The configuration the widgets show now (ValueError if it is unusable)."""
        return TrainingConfig(**self.network.architecture(), **self.training.hyper_parameters())

    def set_config(self, config: TrainingConfig, _from_explorer: bool = False) -> None:
        """Show ``config`` in the widgets (non-square sizes show their rows)."""
        self.architecture_touched = self.architecture_touched or not _from_explorer
        self.network.show_architecture(config)
        self.training.show_hyper_parameters(config)
        self.update_architecture_summary()
        self._push_config()

    def _push_config(self) -> None:
        try:
            self.state.set_training_config(self.config())
        except ValueError:
            pass  # the summary says what is wrong; the state keeps its last good value

    def _on_training_config_changed(self) -> None:
        config = self.state.training_config
        try:
            shown = self.config()
        except ValueError:
            shown = None
        if shown != config:
            self.set_config(config)

    def copy_from_explorer(self, quiet: bool = False) -> None:
        """Take the architecture from the explorer's layer (the training settings stay)."""
        try:
            explorer = TrainingConfig.from_state(self.state)
        except ValueError as error:
            problem = error  # `error` is unbound once the except clause ends
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "Cannot copy the explorer's layer: {0}").format(
                error_text(problem)), True)
            return
        mine = self.config()
        fields = {name: getattr(explorer, name) for name in ARCHITECTURE_FIELDS}
        self.set_config(dataclasses.replace(mine, **fields), _from_explorer=True)
        if quiet:
            return
        sizes = (explorer.kernel_size, explorer.stride, explorer.padding, explorer.pool_size)
        if any(rows != cols for rows, cols in sizes):
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage",
                "The explorer's layer has non-square sizes; the trainer uses square ones "
                "(the rows)."))
        else:
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "Copied the explorer's layer: {0} filters {1}×{1}.").format(
                explorer.filters, explorer.kernel_size[0]))

    def _on_architecture_edited(self) -> None:
        self.architecture_touched = True
        self.update_architecture_summary()

    def _data_geometry(self) -> tuple[tuple[int, int, int], int | None]:
        """(C, H, W) and the number of classes of the selected data, as far as known
        before the data is ready (None: a folder not read yet). Every source gives
        28×28 grey images. The dataset panel caches its data, so asking is cheap."""
        shape, classes = self._planned_geometry()
        return shape or (1, 28, 28), classes

    def update_architecture_summary(self) -> None:
        """Spell out the network that Train would build for the selected data, or say
        why it does not fit the images or the memory budget."""
        shape, classes = self._data_geometry()
        try:
            config = self.config()
        except ValueError as error:
            fits = self.architecture_summary.show_misfit(shape, error)
        else:
            fits = self.architecture_summary.show_plan(config, shape, classes)
        self.fit_changed.emit(fits)

    def memory_problem(self, config: TrainingConfig, shape, classes: int) -> str | None:
        """See :func:`gui.train.architecture_summary.memory_problem`."""
        return memory_problem(config, shape, classes)
