"""The Training page: choose data and a network, train it in the background, watch it
learn, then look at what it gets wrong.

Left: the dataset. Middle: the network's architecture, the training settings, Train /
Stop with a progress bar, and model files. Right: live loss and accuracy curves, the
first layer's filters as they learn, and after training the test accuracy and the
confusion matrix, whose cells open the test images behind them.

Training runs in a :class:`gui.worker.Worker` (the app's one worker pattern) with the
job from :mod:`gui.train.job`. The page keeps only the latest progress report and
paints it at most ~30 times a second (the filter grid at most 15, the curves 4), so the
window stays responsive however fast the batches come.
"""

from __future__ import annotations

import csv
import html
import io
import math
import time
from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import gui.common.plotting  # noqa: F401  (pyqtgraph set-up before any item)
from engine import fileio
from engine.model import ModelFileError
from engine.model import load as load_model
from engine.train import TrainingDiverged, evaluate
from gui.common import file_dialogs
from gui.common.preprocess import Preprocess
from gui.common.status_line import FILE, StatusLine
from gui.common.widgets import VerticalScrollArea
from gui.state import LabState
from gui.train.dataset_panel import DatasetPanel
from gui.train.job import TrainingConfig, TrainingResult, TrainingUpdate, first_conv, make_job
from gui.train.results_panel import ResultsPanel, format_seconds
from gui.train.settings_panel import ARCHITECTURE, SettingsPanel
from gui.worker import Worker

#: Milliseconds between two repaints of the live views: one every other 60 Hz frame.
PAINT_INTERVAL_MS = 33
#: Seconds between two redraws of the filter grid and of the curves (the progress bar
#: follows every frame). Repainting pyqtgraph views is most of the page's work
#: in the GUI thread, and the training thread waits for all of it: PySide holds Python's
#: GIL through Qt's C++ calls too. Measured with benchmarks/bench_training_gui.py: every
#: view at 30 Hz cost 12-20 % of the training speed; the two plots alone, redrawn at each
#: of the default model's ~8 epochs a second, about 10 %.
FILTERS_INTERVAL = 1 / 15
CURVES_INTERVAL = 0.25
#: The topics of the page's messages (gui/common/status_line.py); FILE: model and export
#: files. DATASET messages come from the dataset panel.
START, RUN, DATASET = "start", "run", "dataset"  # ARCHITECTURE: the settings panel's
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
    ``filters_view`` and ``accuracy_label``.
    """

    message = Signal(str)
    explore_requested = Signal()
    training_changed = Signal(bool)

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.worker: Worker | None = None
        self.last_result: TrainingResult | None = None
        self._model = None              # the network being trained
        self._config: TrainingConfig | None = None
        self._dataset = None            # the data of the run in progress
        self._history = None            # the latest history (for the CSV export)
        self._pending: TrainingUpdate | None = None   # the newest report, not yet drawn
        self._latest: TrainingUpdate | None = None    # the newest report drawn
        self._last_paint = -math.inf
        self._last_curves_paint = -math.inf
        self._last_filters_paint = -math.inf
        self._shown_once = False
        self._closing = False
        #: The state's model came from training here and was never saved to a file.
        self._model_unsaved = False
        self._model_accuracy: float | None = None   # its test accuracy, when known
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.timeout.connect(self._paint_pending)

        self.dataset_panel = DatasetPanel(state)
        self.dataset_panel.message.connect(lambda text: self._say(text, topic=DATASET))
        self.settings = SettingsPanel(state, self.dataset_panel.planned_geometry)
        self.settings.message.connect(
            lambda text, error: self._say(text, error, topic=ARCHITECTURE))
        self.settings.edited.connect(self._on_setup_changed)
        self.settings.fit_changed.connect(self._on_fit_changed)
        self.dataset_panel.dataset_changed.connect(self.settings.update_architecture_summary)
        # The settings widgets tests and lessons reach through the page.
        for name in ("filters", "kernel", "stride", "padding", "pool", "pool_size", "hidden",
                     "architecture_summary", "copy_button", "epochs", "batch_size",
                     "learning_rate", "optimizer"):
            setattr(self, name, getattr(self.settings, name))
        self.config, self.set_config = self.settings.config, self.settings.set_config
        self.memory_problem = self.settings.memory_problem
        self.copy_from_explorer = self.settings.copy_from_explorer
        self.dataset_panel.dataset_changed.connect(self._on_setup_changed)

        self.results = ResultsPanel()
        self.results.test_image_chosen.connect(self.explore_test_image)
        # The views tests and the window reach through the page.
        self.curves = self.results.curves
        self.filters_view = self.results.filters_view
        self.confusion = self.results.confusion
        self.accuracy_label = self.results.accuracy_label

        controls = self._build_controls()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(VerticalScrollArea(self.dataset_panel))
        self.splitter.addWidget(controls)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([290, 320, 670])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        state.model_changed.connect(self._on_model_changed)
        # The hyper-parameters come from the state (a lesson may have set them), the
        # architecture from the explorer's layer.
        self.set_config(state.training_config, _from_explorer=True)
        self.copy_from_explorer(quiet=True)
        self._on_model_changed()
        self._set_training_ui(False)

    # --- building ------------------------------------------------------------------
    def _build_controls(self) -> QWidget:
        # Run
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setToolTip(self.tr("Build a fresh network and train it on the dataset"))
        self.train_button.setDefault(True)
        font = self.train_button.font()
        font.setBold(True)
        self.train_button.setFont(font)
        self.train_button.clicked.connect(lambda: self.start_training())
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr(
            "Stop after the current mini-batch. After a full epoch the new network replaces "
            "the previous model; stopped sooner, the previous model is kept"))
        self.stop_button.clicked.connect(self.stop_training)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("Ready to train"))
        self.progress.setValue(0)
        self.progress.setToolTip(self.tr("Epoch, mini-batch and the time left"))
        self.status = StatusLine(error_style="color: #b2182b;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 1)
        buttons.addWidget(self.stop_button, 1)

        # Model files
        self.save_button = QPushButton(self.tr("Save model…"))
        self.save_button.setToolTip(self.tr("Save the trained network to an .npz file"))
        self.save_button.clicked.connect(self.save_model_dialog)
        self.open_button = QPushButton(self.tr("Open model…"))
        self.open_button.setToolTip(self.tr("Load a network saved by CNN Lab"))
        self.open_button.clicked.connect(self.open_model_dialog)
        self.explore_button = QPushButton(self.tr("Show learned filters in explorer"))
        self.explore_button.setToolTip(self.tr(
            "Put the network's first-layer filters, stride, padding and pooling into the "
            "explorer, where you can edit them and watch the prediction change"))
        self.explore_button.clicked.connect(self.show_learned_filters)
        self.csv_button = QPushButton(self.tr("History CSV…"))
        self.csv_button.setToolTip(self.tr(
            "Export the loss and accuracy of every epoch as a CSV file"))
        self.csv_button.clicked.connect(self.export_history_dialog)
        self.png_button = QPushButton(self.tr("Curves PNG…"))
        self.png_button.setToolTip(self.tr("Export the loss and accuracy plots as a PNG picture"))
        self.png_button.clicked.connect(self.export_curves_dialog)
        files = QGroupBox(self.tr("Model"))
        grid = QGridLayout(files)
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
        grid.addWidget(self.model_summary, 3, 0, 1, 2)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.settings)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(files)
        # Last, so that a longer or shorter message moves no button.
        column.addWidget(self.status)
        column.addStretch(1)
        scroll = VerticalScrollArea(inner)
        self.controls_scroll = scroll

        return scroll

    def _update_model_summary(self) -> None:
        """Say what the model the app holds now (trained or opened) outputs."""
        model = self.state.model
        if model is None:
            self.model_summary.setText(self.tr("No model yet: train one or open a file."))
            return
        weights = sum(int(v.size) for layer in model.layers for v in layer.params.values())
        shape = tuple(model.input_shape or ())
        self.model_summary.setText(self.tr(
            "Loaded model: {0}×{1} image → {2} class scores, {3:,} weights.").format(
            shape[-2] if shape else "?", shape[-1] if shape else "?", model.num_classes,
            weights))

    # --- training --------------------------------------------------------------------
    def is_training(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def start_training(self, dataset=None) -> bool:
        """Build a fresh network from the controls and train it in the background on
        ``dataset`` (default: the dataset panel's). Returns False, with a message, when
        it cannot start."""
        if self.is_training():
            return False
        try:
            if dataset is None:
                dataset = self.dataset_panel.current_dataset()
            config = self.config()
            problem = self.memory_problem(config, dataset.x_train.shape[1:],
                                          len(dataset.class_names))
            if problem is not None:
                self._say(problem, True)
                return False
            model = config.build_model(dataset.x_train.shape[1:], dataset.class_names)
            if len(dataset.x_train) == 0:
                raise ValueError(self.tr("the dataset has no training images"))
        except ValueError as error:
            self._say(self.tr("Cannot train: {0}").format(error), True, topic=START)
            return False
        self._model, self._config, self._dataset = model, config, dataset
        self._pending, self._history, self._latest = None, None, None
        self.results.mark_as_previous(dataset)
        self.last_result = None
        self.curves.clear()
        self.curves.set_history(epochs=config.epochs)
        conv = first_conv(model)
        self.filters_view.set_filters(None if conv is None else conv.params["weight"])
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Epoch 1/{0} · starting").format(config.epochs))
        self._say(self.tr("Training on {0}: {1:,} training images, {2} classes…").format(
            getattr(dataset, "name", self.tr("the dataset")), len(dataset.x_train),
            len(dataset.class_names)))

        if self.worker is not None:
            self.worker.deleteLater()  # the previous run's, finished
        worker = Worker(make_job(model, dataset, config), self)
        # Each handler learns which worker spoke, so a late signal of an earlier run
        # (or of one stopped while the window closes) is recognised and ignored.
        worker.progressed.connect(partial(self._on_progressed, worker))
        worker.succeeded.connect(partial(self._on_succeeded, worker))
        worker.failed.connect(partial(self._on_failed, worker))
        worker.finished.connect(partial(self._on_finished, worker))
        self.worker = worker
        worker.start()
        self._set_training_ui(True)
        return True

    def stop_training(self) -> None:
        """Ask the run to stop after the current mini-batch (returns at once)."""
        if self.is_training():
            self.worker.stop()
            self.stop_button.setEnabled(False)
            self.progress.setFormat(self.tr("Stopping…"))

    def shutdown(self, timeout_ms: int = 1_500) -> bool:
        """Stop training and wait up to ``timeout_ms`` for the worker thread to end (the
        window is closing). Returns False if it is still inside a step: it then ends on
        its own (see :meth:`gui.worker.Worker.stop_and_wait`)."""
        self._closing = True
        self._paint_timer.stop()
        self.dataset_panel.shutdown()
        worker = self.worker
        if worker is None or not worker.is_running():
            return True
        return worker.stop_and_wait(int(timeout_ms))

    def _set_training_ui(self, training: bool) -> None:
        # Disabling the widget that has the focus hands the focus on, and the scroll area
        # then scrolls the new (or old) focus widget into view with a 50-pixel margin: the
        # column would jump under the mouse. So the button that takes over is enabled
        # first and gets the focus, and the column's scroll position is kept.
        bar = self.controls_scroll.verticalScrollBar()
        position = bar.value()
        going = (self.settings, self.dataset_panel,
                 self.open_button, self.train_button) if training else (self.stop_button,)
        focus = QApplication.focusWidget()
        may_train = not training and self.settings.fits
        successor = self.stop_button if training else self.train_button
        successor.setEnabled(training or may_train)
        if focus is not None and successor.isEnabled() and any(
                widget is focus or widget.isAncestorOf(focus) for widget in going):
            successor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stop_button.setEnabled(training)
        self.train_button.setEnabled(may_train)
        for widget in (self.dataset_panel, self.open_button):
            widget.setEnabled(not training)
        has_model = self.state.model is not None
        self.save_button.setEnabled(has_model and not training)
        self.explore_button.setEnabled(self.state.first_conv() is not None and not training)
        has_history = self._history is not None and bool(self._history.train_loss)
        self.csv_button.setEnabled(has_history)
        self.png_button.setEnabled(has_history)
        self.open_button.setToolTip(self.open_model_tip(training))
        self.settings.set_training(training)
        bar.setValue(position)
        self.training_changed.emit(training)

    def open_model_tip(self, training: bool) -> str:
        """What Open model does, or (``training``) why it waits."""
        if training:
            return self.tr("Stop the training first: when it ends, its model replaces the "
                           "current one")
        return self.tr("Load a network saved by CNN Lab")

    def _on_progressed(self, worker: Worker, update: TrainingUpdate) -> None:
        if worker is not self.worker or self._closing:
            return  # a late report of an earlier run
        self._pending = update
        p = update.progress  # every report's point is kept; the line is drawn less often
        self.curves.add_running_point(p.epoch - 1 + p.batch / p.batches, update.running_loss,
                                      update.running_accuracy, redraw=False)
        if not self.isVisible():
            return  # another page is on show: draw the newest report when this one shows
        wait = PAINT_INTERVAL_MS - (time.perf_counter() - self._last_paint) * 1000
        if wait <= 0:
            self._paint_pending()
        elif not self._paint_timer.isActive():
            self._paint_timer.start(int(math.ceil(wait)))

    def _paint_pending(self, final: bool = False) -> None:
        """Draw the latest report (older ones were superseded unseen); ``final`` draws
        every view, however recently it was drawn (the run has ended)."""
        self._paint_timer.stop()
        update, self._pending = self._pending, None
        if update is None:
            if not final or self._latest is None:
                return
            update = self._latest
        self._latest = update
        self._last_paint = time.perf_counter()
        p = update.progress
        self._history = update.history
        # QProgressBar.setValue repaints at once, and setFormat asks for another paint:
        # with updates off both become one paint in the next frame.
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(int(round(update.fraction * 1000)))
        self.progress.setFormat(self.tr("Epoch {0}/{1} · batch {2}/{3} · {4}").format(
            p.epoch, p.epochs, p.batch, p.batches, format_seconds(update.eta)))
        self.progress.setUpdatesEnabled(True)
        if final or self._last_paint - self._last_filters_paint >= FILTERS_INTERVAL:
            self._last_filters_paint = self._last_paint
            self.filters_view.set_filters(update.first_filters)
        if final or self._last_paint - self._last_curves_paint >= CURVES_INTERVAL:
            self._last_curves_paint = self._last_paint
            self.curves.set_history(update.history, epochs=p.epochs)
            self.curves.redraw_running()

    def _on_succeeded(self, worker: Worker, result: TrainingResult) -> None:
        if worker is not self.worker or self._closing:
            return
        self._paint_pending()
        self.last_result = result
        history = result.history
        self._history = history
        model = self._model
        self.curves.set_history(history, epochs=max(history.epochs_completed, 1)
                                if (result.cancelled or history.stopped_early)
                                else self._config.epochs)
        self.curves.redraw_running()
        n = history.epochs_completed
        if result.cancelled and n < 1:
            # Stopped before the new network saw every training image once: it knows
            # less than the model it would replace, so the previous model stays.
            kept = self.state.first_conv()
            self.filters_view.set_filters(None if kept is None else kept.params["weight"])
            if self.state.model is None:
                self._say(self.tr("Stopped before the first epoch ended; the unfinished "
                                  "network was discarded, and there is no trained model."))
            else:
                self._say(self.tr("Stopped before the first epoch ended; the unfinished "
                                  "network was discarded and the previous model is kept."))
            self.progress.setFormat(self.tr("Stopped before the first epoch ended"))
            return
        conv = first_conv(model)
        if conv is not None:
            self.filters_view.set_filters(conv.params["weight"])
        self.state.set_model(model)
        self._model_unsaved = True
        self._model_accuracy = (None if result.evaluation is None
                                else result.evaluation.accuracy)
        self.results.show_evaluation(result.evaluation, self._dataset)
        if result.cancelled:
            text = self.tr("Stopped after {0} epoch(s); the new model, with the weights "
                           "learned so far, replaces the previous one.")
            self._say(text.format(n))
            self.progress.setFormat(self.tr("Stopped after {0} epochs").format(n))
        else:
            if history.stopped_early:
                text = self.tr("Stopped early after {0} epochs: the validation loss had not "
                               "improved for {1}; the best weights were kept.").format(
                    n, self._config.patience)
            else:
                text = self.tr("Trained {0} epochs in {1:.1f} s.").format(n, history.seconds)
            if result.evaluation is not None:
                text += " " + self.tr("Test accuracy {0:.1f} %.").format(
                    100 * result.evaluation.accuracy)
            self._say(text)
            self.progress.setValue(1000)
            self.progress.setFormat(self.tr("Done: {0} epochs").format(n))

    def _on_failed(self, worker: Worker, error: Exception) -> None:
        if worker is not self.worker or self._closing:
            return
        self._paint_pending(final=True)
        if isinstance(error, TrainingDiverged):
            text = self.tr("{0} The previous model is kept.").format(error)
            self.progress.setFormat(self.tr("Diverged"))
        else:
            text = self.tr("Training failed: {0}. The previous model is kept.").format(error)
            self.progress.setFormat(self.tr("Failed"))
        self._say(text, True)

    def _on_finished(self, worker: Worker) -> None:
        if worker is not self.worker:
            return
        self._set_training_ui(False)

    # --- after training ----------------------------------------------------------------
    def explore_test_image(self, index: int) -> None:
        """Put test image ``index`` into the explorer exactly as the network saw it."""
        dataset = self.results.result_dataset
        if dataset is None or not 0 <= index < len(dataset.x_test):
            return
        image = dataset.x_test[index]
        ink = image.mean(axis=0) if image.ndim == 3 else image
        names = dataset.class_names
        label = names[int(dataset.y_test[index])]
        self.state.set_source(np.repeat((1.0 - ink)[..., None], 3, axis=2),
                              self.tr("test image {0} ({1})").format(index, label))
        self.state.set_preprocess(Preprocess(color="gray", size=None))
        self.explore_requested.emit()

    def show_learned_filters(self) -> None:
        """Put the model's first layer into the explorer and say what it replaced."""
        try:
            self.state.use_learned_filters()
        except ValueError as error:
            self._say(str(error), True, topic=RUN)
            return
        learned, own = len(self.state.filters), self.state.own_filters
        if own is None:
            text = self.tr("The explorer now shows the network's {0} learned filters and its "
                           "layer settings, in place of the filters shown before.").format(learned)
        else:
            text = self.tr("The explorer now shows the network's {0} learned filters and its "
                           "layer settings. Your own {1} filters are kept: Filters ▸ Restore "
                           "my filters brings them back.").format(learned, len(own))
        self._say(text, topic=FILTERS_TOPIC)
        self.explore_requested.emit()

    def _on_model_changed(self) -> None:
        self._update_model_summary()
        if self.is_training():
            return
        self.status.withdraw(FILE)  # e.g. a model file that could not be opened
        conv = self.state.first_conv()
        if conv is not None:
            self.filters_view.set_filters(conv.params["weight"])
        self._set_training_ui(False)

    # --- files -----------------------------------------------------------------------
    def save_model_dialog(self) -> bool:
        """Ask where, then save; True when the model was saved."""
        path = file_dialogs.save_file(self, self.tr("Save model"), "model.npz",
                                      self.tr("CNN Lab model (*.npz)"), ".npz")
        if not path:
            return False
        fileio.remove_stale_temporaries(Path(path).parent)
        return self.save_model(path)

    def save_model(self, path) -> bool:
        model = self.state.model
        if model is None:
            self._say(self.tr("There is no model to save yet: train or open one first."), True,
                      topic=FILE)
            return False
        try:
            model.save(path)
        except OSError as error:
            self._say(self.tr("Could not save {0}: {1}").format(
                Path(path).name, error.strerror or error), True, topic=FILE)
            return False
        self._model_unsaved = False
        self._say(self.tr("Saved the model to {0}.").format(Path(path).name), topic=FILE)
        return True

    def open_model_dialog(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Open model"),
                                      self.tr("CNN Lab model (*.npz);;All files (*)"))
        if path:
            self.open_model(path)

    def open_model(self, path) -> bool:
        """Load a model file; a bad file shows its message and changes nothing."""
        if self.is_training():
            self._say(self.open_model_tip(True), True, topic=FILE)
            return False
        try:
            model = load_model(path)
        except ModelFileError as error:
            self._say(str(error), True, topic=FILE)
            return False
        self.last_result = None
        self._history = None   # the curves belonged to the previous model
        self.curves.clear()
        self.state.set_model(model)
        self._model_unsaved = False
        names = ", ".join(model.class_names or ())
        text = self.tr("Opened {0}: {1} classes ({2}).").format(
            Path(path).name, model.num_classes, names)
        evaluated = self._evaluate_opened(model)
        if evaluated is not None:
            text += " " + self.tr("Test accuracy on {0}: {1:.1f} %.").format(*evaluated)
        self._say(text, topic=FILE)
        return True

    def _evaluate_opened(self, model):
        """Score an opened model on the selected dataset when it fits (same image shape
        and classes); otherwise clear the results. Returns (name, percent) or None."""
        try:
            dataset = self.dataset_panel.current_dataset()
        except ValueError:
            dataset = None
        fits = (dataset is not None and len(dataset.x_test)
                and tuple(dataset.x_test.shape[1:]) == tuple(model.input_shape or ())
                and tuple(dataset.class_names) == tuple(model.class_names or dataset.class_names)
                and len(dataset.class_names) == model.num_classes)
        if not fits:
            self.results.clear_evaluation()
            return None
        evaluation = evaluate(model, dataset.x_test, dataset.y_test)
        self.results.show_evaluation(evaluation, dataset)
        return getattr(dataset, "name", ""), 100 * evaluation.accuracy

    def export_history_dialog(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Export history"), "history.csv",
                                      self.tr("CSV (*.csv)"), ".csv")
        if path:
            self.export_history_csv(path)

    def export_history_csv(self, path) -> bool:
        """Write epoch, train_loss, train_accuracy, val_loss, val_accuracy, one row per
        epoch (validation cells empty without validation data)."""
        history = self._history
        if history is None or not history.train_loss:
            self._say(self.tr("There is no training history to export yet."), True,
                      topic=FILE)
            return False
        rows = io.StringIO(newline="")
        writer = csv.writer(rows)
        writer.writerow(["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"])
        for epoch in range(len(history.train_loss)):
            row = [epoch + 1, history.train_loss[epoch], history.train_accuracy[epoch]]
            for values in (history.val_loss, history.val_accuracy):
                row.append(values[epoch] if epoch < len(values) else "")
            writer.writerow(row)
        try:
            fileio.remove_stale_temporaries(Path(path).parent)
            # Written whole or not at all: a full disk leaves no empty or cut file.
            fileio.write_text(path, rows.getvalue())
        except OSError as error:
            self._say(self.tr("Could not write {0}: {1}").format(
                Path(path).name, error.strerror or error), True, topic=FILE)
            return False
        self._say(self.tr("Wrote {0} epochs to {1}.").format(len(history.train_loss),
                                                             Path(path).name), topic=FILE)
        return True

    def export_curves_dialog(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Export curves"), "curves.png",
                                      self.tr("PNG image (*.png)"), ".png")
        if path:
            self.export_curves_png(path)

    def export_curves_png(self, path) -> bool:
        try:
            fileio.remove_stale_temporaries(Path(path).parent)
            self.curves.export_png(path)
        except OSError as error:
            self._say(self.tr("Could not write {0}: {1}").format(
                Path(path).name, error.strerror or error), True, topic=FILE)
            return False
        self._say(self.tr("Saved the curves to {0}.").format(Path(path).name), topic=FILE)
        return True

    # --- work that closing the window would lose -------------------------------------------
    def restore_work(self, folder=None) -> bool:
        """Keep My classes between runs in ``folder`` (default: the app's data folder,
        ``QStandardPaths.AppDataLocation``) and bring back what the last run kept there."""
        if folder is None:
            folder = Path(QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.AppDataLocation)) / "my classes"
        return self.dataset_panel.restore_autosaved(folder)

    def unsaved_work(self) -> list[str]:
        """What closing now would lose, one sentence each (empty: nothing). My classes
        count only while they are neither saved nor kept for the next start (see
        `may_close`, which keeps them first)."""
        work = []
        if self.state.model is not None and self._model_unsaved:
            accuracy = self._model_accuracy
            if accuracy is None:
                work.append(self.tr("The trained model has not been saved to a file."))
            else:
                work.append(self.tr("The trained model ({0:.1f} % test accuracy) has not "
                                    "been saved to a file.").format(100 * accuracy))
        panel = self.dataset_panel
        if panel.has_unsaved_examples():
            work.append(self.tr("Your classes ({0} examples) are not saved, and could not "
                                "be kept for the next start.").format(panel.classes.total))
        return work

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

    def save_unsaved_work(self) -> bool:
        """Save each unsaved thing through its dialog; False if one was not saved."""
        if self.state.model is not None and self._model_unsaved \
                and not self.save_model_dialog():
            return False
        panel = self.dataset_panel
        if panel.has_unsaved_examples() and not panel.save_collection_dialog():
            return False
        return True

    def may_close(self) -> bool:
        """Keep My classes for the next start, then ask about anything else closing
        would lose. True when the window may close."""
        self.dataset_panel.autosave()
        work = self.unsaved_work()
        if not work:
            return True
        answer = self.ask_about_unsaved_work(work)
        if answer == "save":
            return self.save_unsaved_work()
        return answer == "discard"

    # --- messages and events ---------------------------------------------------------------
    def _say(self, text: str, error: bool = False, topic: str = RUN) -> None:
        """Show ``text`` in the page's status line (see gui/common/status_line.py for
        when it is withdrawn) and pass it on to the window's."""
        self.status.say(text, topic, error)
        self.message.emit(text)

    def _on_fit_changed(self, fits: bool) -> None:
        if not self.is_training():
            self.train_button.setEnabled(fits)

    def _on_setup_changed(self) -> None:
        # Other data or settings: why training could not start, and what a file action
        # reported, no longer hold.
        self.status.withdraw(START, FILE, ARCHITECTURE)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._pending is not None:
            self._paint_pending(final=True)  # reports that came while another page showed
        if not self._shown_once:
            self._shown_once = True
            if not self.is_training() and not self.settings.architecture_touched:
                self.copy_from_explorer(quiet=True)

