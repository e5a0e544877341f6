"""The Training page: choose data and a network, train it in the background, watch it
learn, then look at what it gets wrong.

Left: the dataset. Middle: the network's architecture, the training settings, Train /
Stop with a progress bar, and model files. Right: live loss and accuracy curves, the
first layer's filters as they learn, and after training the test accuracy and the
confusion matrix, whose cells open the test images behind them; the training history's
slider shows them, and the network every page shows, as they were after any epoch
(:class:`gui.train.training_history.TrainingHistory`).

Training runs in :class:`gui.train.run.TrainingRun`; the model and export files and
the work closing would lose are :class:`gui.train.model_files.ModelFiles`. The page lays
the widgets out and shows their messages.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import gui.common.plotting  # noqa: F401  (pyqtgraph set-up before any item)
from gui.common.display_names import class_name
from gui.common.error_text import error_text
from gui.common.preprocess import Preprocess
from gui.common.status_line import FILE, StatusLine
from gui.common.widgets import VerticalScrollArea, reserve_lines
from gui.state import LabState
from gui.train.dataset_panel import DatasetPanel
from gui.train.model_files import ModelFiles
from gui.train.results_panel import ResultsPanel
from gui.train.run import RUN, START, TrainingRun
from gui.train.settings_panel import ARCHITECTURE, SettingsPanel
from gui.train.training_history import TrainingHistory

#: The topics of the page's messages (gui/common/status_line.py); START and RUN: the
#: run's, FILE: model and export files. DATASET messages come from the dataset panel.
DATASET = "dataset"  # ARCHITECTURE: the settings panel's
FILTERS_TOPIC = "filters"  # what "Show learned filters" put into the explorer


class TrainingPage(QWidget):
    """Train a CNN on a dataset and look at the result.

    Signals
    -------
    message(str) : something for the status bar (results, errors, hints).
    explore_requested() : the explorer tab should be shown (a test image or the learned
        filters were put into the explorer).
    training_changed(bool) : a run started (True) or ended (False); the window disables
        what must wait for it.

    Attributes for tests: ``worker`` (the latest :class:`gui.worker.Worker` or None),
    ``last_result`` (:class:`gui.train.job.TrainingResult` or None), ``results``
    (:class:`gui.train.results_panel.ResultsPanel`) and its ``curves``, ``confusion``,
    ``filters_view``, ``accuracy_label`` and ``history_slider``, and
    ``training_history`` (:class:`gui.train.training_history.TrainingHistory`).
    """

    message = Signal(str)
    explore_requested = Signal()
    training_changed = Signal(bool)

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._built = False  # a LanguageChange may arrive before every widget exists
        self.run = TrainingRun(self)
        self.run.message.connect(self._say)
        self.run.training_changed.connect(self.training_changed)
        self.files = ModelFiles(self)
        self.files.message.connect(self._say)
        self.run.model_trained.connect(self.files.model_trained)
        # What tests, benchmarks and the window call on the page.
        for name in ("is_training", "start_training", "stop_training", "shutdown"):
            setattr(self, name, getattr(self.run, name))
        for name in ("open_model_tip", "save_model_dialog", "save_model", "open_model_dialog",
                     "open_model", "adopt_model", "export_history_dialog", "export_history_csv",
                     "export_curves_dialog", "export_curves_png", "restore_work",
                     "unsaved_work", "save_unsaved_work", "may_close"):
            setattr(self, name, getattr(self.files, name))

        self.dataset_panel = DatasetPanel(state)
        self.dataset_panel.message.connect(lambda text: self._say(text, topic=DATASET))
        self.settings = SettingsPanel(state, self._planned_data)
        self.settings.message.connect(
            lambda words, error: self._say(words, error, topic=ARCHITECTURE))
        self.settings.edited.connect(self._on_setup_changed)
        self.settings.fit_changed.connect(self._on_fit_changed)
        self.dataset_panel.dataset_changed.connect(self.settings.update_architecture_summary)
        # The settings widgets tests and lessons reach through the page.
        for name in ("editor", "layer_table", "copy_button", "epochs", "batch_size",
                     "learning_rate", "optimizer"):
            setattr(self, name, getattr(self.settings, name))
        self.config, self.set_config = self.settings.config, self.settings.set_config
        self.copy_from_explorer = self.settings.copy_from_explorer
        self.dataset_panel.dataset_changed.connect(self._on_setup_changed)

        self.results = ResultsPanel()
        self.results.test_image_chosen.connect(self.explore_test_image)
        # Other pages measure the model on the test images its results describe.
        self.results.test_set_shown.connect(state.set_test_set)
        # The views tests and the window reach through the page.
        self.curves = self.results.curves
        self.filters_view = self.results.filters_view
        self.confusion = self.results.confusion
        self.accuracy_label = self.results.accuracy_label
        self.history_slider = self.results.history_slider
        self.training_history = TrainingHistory(self)

        controls = self._build_controls()

        # Right: the network's layers while it is being set up, the results once it
        # trains (either a click away).
        self.right_tabs = QTabWidget()
        self.right_tabs.addTab(self.layer_table, "")
        self.right_tabs.addTab(self.results, "")
        self.settings.architecture_edited.connect(self.show_layers)
        self.training_changed.connect(lambda training: training and self.show_results())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(VerticalScrollArea(self.dataset_panel))
        self.splitter.addWidget(controls)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([290, 320, 670])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        state.model_changed.connect(self._on_model_changed)
        self.settings.update_architecture_summary()
        self._on_model_changed()
        self.run.set_training_ui(False)
        self._built = True
        self.retranslate()

    # --- building ------------------------------------------------------------------
    def _build_controls(self) -> QWidget:
        # Run
        self.train_button = QPushButton()
        self.train_button.setDefault(True)
        font = self.train_button.font()
        font.setBold(True)
        self.train_button.setFont(font)
        self.train_button.clicked.connect(self._on_train_clicked)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop_training)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setValue(0)
        self.show_progress(lambda: self.tr("Ready to train"))
        self.status = StatusLine(error_style="color: #b2182b;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 1)
        buttons.addWidget(self.stop_button, 1)

        # Model files
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_model_dialog)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_model_dialog)
        self.explore_button = QPushButton()
        self.explore_button.clicked.connect(self.show_learned_filters)
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(self.export_history_dialog)
        self.png_button = QPushButton()
        self.png_button.clicked.connect(self.export_curves_dialog)
        self.files_box = QGroupBox()
        grid = QGridLayout(self.files_box)
        grid.addWidget(self.save_button, 0, 0)
        grid.addWidget(self.open_button, 0, 1)
        grid.addWidget(self.explore_button, 1, 0, 1, 2)
        grid.addWidget(self.csv_button, 2, 0)
        grid.addWidget(self.png_button, 2, 1)
        # Below the buttons, so that its changing text moves none of them.
        self.model_summary = QLabel()
        self.model_summary.setWordWrap(True)
        self.model_summary.setStyleSheet("color: #555;")
        self.model_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reserve_lines(self.model_summary, 2)  # a wrapped summary moves nothing above it
        grid.addWidget(self.model_summary, 3, 0, 1, 2)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.settings)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.files_box)
        # Last, so that a longer or shorter message moves no button.
        column.addWidget(self.status)
        column.addStretch(1)
        scroll = VerticalScrollArea(inner)
        self.controls_scroll = scroll

        return scroll

    # --- language ------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Word the buttons, tooltips and titles again, and the texts that describe the
        moment (the progress bar, the model summary) from what they describe. (The
        status line words its message again itself; the panels their own texts.)"""
        buttons = (
            (self.train_button, self.tr("Train"),
             self.tr("Build a fresh network and train it on the dataset")),
            (self.stop_button, self.tr("Stop"), self.tr(
                "Stop after the current mini-batch. After a full epoch the new network "
                "replaces the previous model; stopped sooner, the previous model is kept")),
            (self.save_button, self.tr("Save model…"),
             self.tr("Save the trained network to an .npz file: the final one, whichever "
                     "epoch the training history shows")),
            (self.open_button, self.tr("Open model…"), self.open_model_tip(self.is_training())),
            (self.explore_button, self.tr("Show learned filters in explorer"), self.tr(
                "Put the network's first-layer filters (of the epoch the training history "
                "shows), stride, padding and pooling into the explorer, where you can edit "
                "them and watch the prediction change")),
            (self.csv_button, self.tr("History CSV…"),
             self.tr("Export the loss and accuracy of every epoch as a CSV file")),
            (self.png_button, self.tr("Curves PNG…"),
             self.tr("Export the loss and accuracy plots as a PNG picture")),
        )
        for button, text, tip in buttons:
            button.setText(text)
            button.setToolTip(tip)
        self.progress.setToolTip(self.tr("Epoch, mini-batch and the time left"))
        self.files_box.setTitle(self.tr("Model"))
        self.progress.setFormat(self._progress_words())
        self._update_model_summary()
        self._retranslate_tabs()  # and Train's tooltip, which may give a reason

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslate()
        super().changeEvent(event)

    def show_progress(self, words: Callable[[], str]) -> None:
        """Show ``words()`` on the progress bar, and word it again on a language change."""
        self._progress_words = words
        self.progress.setFormat(words())

    def _update_model_summary(self) -> None:
        """Say what the model the app holds now (trained or opened) outputs."""
        model = self.state.model
        if model is None:
            self.model_summary.setText(self.tr("No model yet: train one or open a file."))
            return
        weights = sum(int(v.size) for layer in model.layers for v in layer.params.values())
        shape = tuple(model.input_shape or ())
        self.model_summary.setText(self.tr(
            "Current model: {0}×{1} image → {2} class scores, {3:,} parameters.").format(
            shape[-2] if shape else "?", shape[-1] if shape else "?", model.num_classes,
            weights))

    # --- the run's results, read through the page -----------------------------------
    @property
    def worker(self):
        """The latest run's :class:`gui.worker.Worker`, or None."""
        return self.run.worker

    @property
    def last_result(self):
        """The latest finished run's :class:`gui.train.job.TrainingResult`, or None."""
        return self.run.last_result

    @property
    def _model(self):
        return self.run._model  # the network of the latest run (tests compare it)

    # --- after training ----------------------------------------------------------------
    def explore_test_image(self, index: int) -> None:
        """Put test image ``index`` into the explorer exactly as the network saw it."""
        dataset = self.results.result_dataset
        if dataset is None or not 0 <= index < len(dataset.x_test):
            return
        image = dataset.x_test[index]
        ink = image.mean(axis=0) if image.ndim == 3 else image
        true_class = dataset.class_names[int(dataset.y_test[index])]
        self.state.set_source(np.repeat((1.0 - ink)[..., None], 3, axis=2), lambda: self.tr(
            "test image {0} ({1})").format(index, class_name(true_class)))
        self.state.set_preprocess(Preprocess(color="gray", size=None))
        self.explore_requested.emit()

    def show_learned_filters(self) -> None:
        """Put the model's first layer into the explorer and say what it replaced."""
        try:
            self.state.use_learned_filters()
        except ValueError as error:
            self._say(partial(error_text, error), True, topic=RUN)
            return
        learned, own = len(self.state.filters), self.state.own_filters
        if own is None:
            def words() -> str:
                return self.tr("The explorer now shows the network's %n learned filter(s) "
                               "and its layer settings, in place of the filters shown "
                               "before.", "", learned)
        else:
            kept = len(own)

            def words() -> str:
                return self.tr("The explorer now shows the network's %n learned filter(s) "
                               "and its layer settings. Your own filters ({0}) are kept: "
                               "Filters ▸ Restore my filters brings them back.", "",
                               learned).format(kept)
        self._say(words, topic=FILTERS_TOPIC)
        self.explore_requested.emit()

    def _on_model_changed(self) -> None:
        self._update_model_summary()
        if self.is_training():
            return
        self.status.withdraw(FILE)  # e.g. a model file that could not be opened
        conv = self.state.first_conv()
        if conv is not None:
            self.filters_view.set_filters(conv.params["weight"])
        self.run.set_training_ui(False)

    # --- work that closing the window would lose -------------------------------------------
    def _on_train_clicked(self) -> None:
        """Train, after asking when the new network would replace an unsaved model."""
        unsaved = self.files.unsaved_model_text()
        if unsaved is not None:
            answer = self.ask_before_replacing_model(unsaved)
            if answer == "cancel" or (answer == "save" and not self.files.save_model_dialog()):
                return
        self.start_training()

    def ask_before_replacing_model(self, unsaved: str) -> str:
        """Ask whether to save the model a new run would replace: ``"save"``, ``"train"``
        (without saving) or ``"cancel"``. (Tests replace this method.)"""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Train a new network"),
                          self.tr("Save the current model first?"), parent=self)
        box.setInformativeText(self.tr(
            "{0} Once the new network has trained a whole epoch, it replaces the current "
            "model.").format(unsaved))
        save = box.addButton(self.tr("Save first…"), QMessageBox.ButtonRole.AcceptRole)
        train = box.addButton(self.tr("Train without saving"),
                              QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save)
        box.exec()
        return {save: "save", train: "train"}.get(box.clickedButton(), "cancel")

    def ask_about_unsaved_work(self, work: list[str]) -> str:
        """Ask whether to save ``work`` before closing: ``"save"``, ``"discard"`` or
        ``"cancel"``. (Tests replace this method; it is the only modal question.)"""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close CNN Lab"),
                          self.tr("Save your work before closing?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setInformativeText("<ul style='margin-left: -20px'>" + "".join(
            f"<li style='margin-bottom: 4px'>{html.escape(item)}</li>" for item in work)
            + "</ul>" + html.escape(self.tr(
                "Save asks where to save each of them; Discard closes without them.")))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(
                    QMessageBox.StandardButton(answer), "cancel")

    # --- messages and events ---------------------------------------------------------------
    def _say(self, words: str | Callable[[], str], error: bool = False,
             topic: str = RUN) -> None:
        """Show ``words`` (a text, or a function that words it: it is worded again on a
        language change) in the page's status line (see gui/common/status_line.py for
        when it is withdrawn); the window's status bar mirrors that line."""
        self.status.say(words, topic, error)
        self.message.emit(words() if callable(words) else words)

    def _planned_data(self):
        """The selected data's (C, H, W), number of classes and of training images, as
        far as known before it is ready (None where not)."""
        shape, classes = self.dataset_panel.planned_geometry()
        counts = self.dataset_panel.class_counts()
        return shape, classes, sum(train for _, train, _ in counts) or None

    def show_layers(self) -> None:
        """Show the table of the network's layers in the right column."""
        self.right_tabs.setCurrentWidget(self.layer_table)

    def show_results(self) -> None:
        """Show the curves and results in the right column."""
        self.right_tabs.setCurrentWidget(self.results)

    def _on_fit_changed(self, fits: bool) -> None:
        if not self.is_training():
            self.train_button.setEnabled(fits)
        self._update_train_tip()

    def _update_train_tip(self) -> None:
        """Train's tooltip says why it is disabled when the network is refused."""
        if not self._built:
            return
        reason = self.settings.refusal()
        self.train_button.setToolTip(
            self.tr("Build a fresh network and train it on the dataset") if reason is None
            else self.tr("Train is disabled: {0}").format(reason))

    def _on_setup_changed(self) -> None:
        # Other data or settings: why training could not start, and what a file action
        # reported, no longer hold.
        self.status.withdraw(START, FILE, ARCHITECTURE)

    def _retranslate_tabs(self) -> None:
        self.right_tabs.setTabText(0, self.tr("Layers"))
        self.right_tabs.setTabToolTip(0, self.tr(
            "Every layer of the network Train builds: its output shape, weights and biases, "
            "with the memory and time training needs"))
        self.right_tabs.setTabText(1, self.tr("Learning and results"))
        self.right_tabs.setTabToolTip(1, self.tr(
            "The loss and accuracy curves, the first layer's filters as they learn, the test "
            "accuracy and the confusion matrix"))
        self._update_train_tip()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.run.catch_up()

