"""The Training page's run: build a fresh network from the page's settings, train it in
a :class:`gui.worker.Worker` (the app's one worker pattern) with the job from
:mod:`gui.train.job`, and show its reports on the page's progress bar and live views.

Only the latest progress report is kept and painted at most ~30 times a second (the
filter grid at most 15, the curves 4), so the window stays responsive however fast the
batches come. The run words its texts in the ``"TrainingPage"`` translation context,
where they were before this module existed, except the sentences with a plural
(``%n``), which lupdate reads only from ``self.tr``: those are in the ``"TrainingRun"``
context. It hands the page functions that word its messages, so that a message on show
is worded again when the language changes.
"""

from __future__ import annotations

import math
import time
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from engine.train import TrainingDiverged
from gui.common.error_text import error_text
from gui.train.job import TrainingConfig, TrainingResult, TrainingUpdate, first_conv, make_job
from gui.train.layer_table import problem_text
from gui.train.network_plan import plan_network
from gui.train.results_panel import format_seconds
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
#: The topics of the run's messages (gui/common/status_line.py): why a run could not
#: start, and how it went.
START, RUN = "start", "run"


def dataset_name(key: str) -> str:
    """The name a sentence gives the data set ``key`` (:attr:`engine.datasets.Dataset.
    name`: ``"mnist"``, ``"shapes"``, ``"image folder"``, ``"my classes"``); another key
    is shown as it is."""
    names = {
        "mnist": QCoreApplication.translate("TrainingPage", "the MNIST digits"),
        "shapes": QCoreApplication.translate("TrainingPage", "the shapes"),
        "image folder": QCoreApplication.translate("TrainingPage", "the image folder"),
        "my classes": QCoreApplication.translate("TrainingPage", "your classes"),
    }
    return names.get(key, key) or QCoreApplication.translate("TrainingPage", "the dataset")


def divergence_text(error: TrainingDiverged) -> str:
    """What went wrong when training diverged, and what to try, in whole sentences."""
    lr = error.values.get("lr", 0.0)
    if error.code == "loss_exploded":
        return QCoreApplication.translate(
            "TrainingPage",
            "Training diverged: the loss exploded to {0:.3g}. Try a lower learning rate "
            "(e.g. a tenth of {1:g}). The previous model is kept.").format(
            error.values.get("loss", float("inf")), lr)
    if error.code == "weights_not_finite":
        return QCoreApplication.translate(
            "TrainingPage",
            "Training diverged: the weights became NaN or infinite. Try a lower learning "
            "rate (e.g. a tenth of {0:g}). The previous model is kept.").format(lr)
    return QCoreApplication.translate(
        "TrainingPage",
        "Training diverged: the loss became NaN or infinite. Try a lower learning rate "
        "(e.g. a tenth of {0:g}). The previous model is kept.").format(lr)


class TrainingRun(QObject):
    """Start, stop and follow training runs on ``page`` (a
    :class:`gui.train.page.TrainingPage`, whose widgets it updates).

    Signals
    -------
    message(object, bool, str) : a function that words a text for the page's status
        line (called again on a language change), whether it is an error, and its topic.
    training_changed(bool) : a run started (True) or ended (False).
    model_trained(object) : a run's network became the state's model; its test accuracy
        (a float) or None when unknown.

    Attributes: ``worker`` (the latest :class:`gui.worker.Worker` or None),
    ``last_result`` (:class:`gui.train.job.TrainingResult` or None) and ``history`` (the
    latest history, for the CSV export, or None).
    """

    message = Signal(object, bool, str)
    training_changed = Signal(bool)
    model_trained = Signal(object)

    def __init__(self, page) -> None:
        super().__init__(page)
        self._page = page
        self.worker: Worker | None = None
        self.last_result: TrainingResult | None = None
        self.history = None             # the latest history (for the CSV export)
        self._model = None              # the network being trained
        self._config: TrainingConfig | None = None
        self._dataset = None            # the data of the run in progress
        self._pending: TrainingUpdate | None = None   # the newest report, not yet drawn
        self._latest: TrainingUpdate | None = None    # the newest report drawn
        # (history, epochs) of a run that ended while another page showed: its curves
        # are drawn when this page shows (see `_draw_final_curves`).
        self._final_curves: tuple | None = None
        self._last_paint = -math.inf
        self._last_curves_paint = -math.inf
        self._last_filters_paint = -math.inf
        self._closing = False
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.timeout.connect(self._paint_pending)

    def is_training(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def epochs_trained(self) -> tuple[int, int] | None:
        """(whole epochs done, epochs planned) of the run going on, or None."""
        update = self._pending or self._latest
        if not self.is_training() or update is None:
            return None
        return len(update.history.train_loss), update.progress.epochs

    def start_training(self, dataset=None) -> bool:
        """Build a fresh network from the controls and train it in the background on
        ``dataset`` (default: the dataset panel's). Returns False, with a message, when
        it cannot start."""
        page = self._page
        if self.is_training():
            return False
        try:
            if dataset is None:
                dataset = page.dataset_panel.current_dataset()
            config = page.config()
            # Refused before anything is allocated: a block that does not fit these
            # images, too many parameters, or more memory than the budget.
            plan = plan_network(config, dataset.x_train.shape[1:], len(dataset.class_names))
            if not plan.fits:
                self._say(lambda: problem_text(plan), True, topic=START)
                return False
            model = config.build_model(dataset.x_train.shape[1:], dataset.class_names)
        except ValueError as error:
            problem = error  # `error` is unbound once the except clause ends
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "Cannot train: {0}").format(error_text(problem)), True,
                topic=START)
            return False
        if len(dataset.x_train) == 0:
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "Cannot train: the dataset has no training images."), True,
                topic=START)
            return False
        self._model, self._config, self._dataset = model, config, dataset
        self._pending, self.history, self._latest = None, None, None
        self._final_curves = None  # the curves are cleared for the new run below
        page.training_history.clear()  # the epochs of the previous run
        page.results.mark_as_previous(dataset)
        self.last_result = None
        page.curves.clear()
        page.curves.set_history(epochs=config.epochs)
        conv = first_conv(model)
        page.filters_view.set_filters(None if conv is None else conv.params["weight"])
        page.progress.setValue(0)
        page.show_progress(lambda: QCoreApplication.translate(
            "TrainingPage", "Epoch 1/{0} · starting").format(config.epochs))
        name = getattr(dataset, "name", "")
        images, classes = len(dataset.x_train), len(dataset.class_names)
        self._say(lambda: self.tr("Training on {0}: {1:,} training images, %n class(es)…",
                                  "", classes).format(dataset_name(name), images))

        if self.worker is not None:
            self.worker.deleteLater()  # the previous run's, finished
        # Below the window's priority: training gives way when the window wants a core.
        worker = Worker(make_job(model, dataset, config), self._page, background=True)
        # Each handler learns which worker spoke, so a late signal of an earlier run
        # (or of one stopped while the window closes) is recognised and ignored.
        worker.progressed.connect(partial(self._on_progressed, worker))
        worker.succeeded.connect(partial(self._on_succeeded, worker))
        worker.failed.connect(partial(self._on_failed, worker))
        worker.finished.connect(partial(self._on_finished, worker))
        self.worker = worker
        worker.start()
        self.set_training_ui(True)
        return True

    def stop_training(self) -> None:
        """Ask the run to stop after the current mini-batch (returns at once)."""
        if self.is_training():
            self.worker.stop()
            self._page.stop_button.setEnabled(False)
            self._page.show_progress(
                lambda: QCoreApplication.translate("TrainingPage", "Stopping…"))

    def shutdown(self, timeout_ms: int = 1_500) -> bool:
        """Stop training and wait up to ``timeout_ms`` for the worker thread to end (the
        window is closing). Returns False if it is still inside a step: it then ends on
        its own (see :meth:`gui.worker.Worker.stop_and_wait`)."""
        self._closing = True
        self._paint_timer.stop()
        self._page.dataset_panel.shutdown()
        self._page.training_history.shutdown()
        worker = self.worker
        if worker is None or not worker.is_running():
            return True
        return worker.stop_and_wait(int(timeout_ms))

    def set_training_ui(self, training: bool) -> None:
        page = self._page
        # Disabling the widget that has the focus hands the focus on, and the scroll area
        # then scrolls the new (or old) focus widget into view with a 50-pixel margin: the
        # column would jump under the mouse. So the button that takes over is enabled
        # first and gets the focus, and the column's scroll position is kept.
        bar = page.controls_scroll.verticalScrollBar()
        position = bar.value()
        going = ((page.settings, page.dataset_panel, page.open_button, page.train_button)
                 if training else (page.stop_button,))
        focus = QApplication.focusWidget()
        may_train = not training and page.settings.fits
        successor = page.stop_button if training else page.train_button
        successor.setEnabled(training or may_train)
        if focus is not None and successor.isEnabled() and any(
                widget is focus or widget.isAncestorOf(focus) for widget in going):
            successor.setFocus(Qt.FocusReason.OtherFocusReason)
        page.stop_button.setEnabled(training)
        page.train_button.setEnabled(may_train)
        for widget in (page.dataset_panel, page.open_button):
            widget.setEnabled(not training)
        has_model = page.state.model is not None
        page.save_button.setEnabled(has_model and not training)
        page.explore_button.setEnabled(
            page.state.first_conv() is not None and not training
        )
        has_history = self.history is not None and bool(self.history.train_loss)
        page.csv_button.setEnabled(has_history)
        page.png_button.setEnabled(has_history)
        page.open_button.setToolTip(page.open_model_tip(training))
        page.settings.set_training(training)
        page.state.set_training_running(training)
        bar.setValue(position)
        self.training_changed.emit(training)

    def _on_progressed(self, worker: Worker, update: TrainingUpdate) -> None:
        if worker is not self.worker or self._closing:
            return  # a late report of an earlier run
        self._pending = update
        p = update.progress  # every report's point is kept; the line is drawn less often
        self._page.curves.add_running_point(p.epoch - 1 + p.batch / p.batches, update.running_loss,
                                      update.running_accuracy, redraw=False)
        if not self._page.isVisible():
            return  # another page is on show: draw the newest report when this one shows
        wait = PAINT_INTERVAL_MS - (time.perf_counter() - self._last_paint) * 1000
        if wait <= 0:
            self._paint_pending()
        elif not self._paint_timer.isActive():
            self._paint_timer.start(int(math.ceil(wait)))

    def _paint_pending(self, final: bool = False) -> None:
        """Draw the latest report (older ones were superseded unseen); ``final`` draws
        every view, however recently it was drawn (the run has ended)."""
        page = self._page
        self._paint_timer.stop()
        update, self._pending = self._pending, None
        if update is None:
            if not final or self._latest is None:
                return
            update = self._latest
        self._latest = update
        self._last_paint = time.perf_counter()
        p = update.progress
        self.history = update.history
        # QProgressBar.setValue repaints at once, and setFormat asks for another paint:
        # with updates off both become one paint in the next frame.
        page.progress.setUpdatesEnabled(False)
        page.progress.setValue(int(round(update.fraction * 1000)))
        eta = update.eta
        page.show_progress(lambda: QCoreApplication.translate(
            "TrainingPage", "Epoch {0}/{1} · batch {2}/{3} · {4}").format(
            p.epoch, p.epochs, p.batch, p.batches, format_seconds(eta)))
        page.progress.setUpdatesEnabled(True)
        if final or self._last_paint - self._last_filters_paint >= FILTERS_INTERVAL:
            self._last_filters_paint = self._last_paint
            page.filters_view.set_filters(update.first_filters)
        if final or self._last_paint - self._last_curves_paint >= CURVES_INTERVAL:
            self._last_curves_paint = self._last_paint
            page.curves.set_history(update.history, epochs=p.epochs)
            page.curves.redraw_running()
        page.training_history.follow(update.snapshots, p.epochs)

    def _on_succeeded(self, worker: Worker, result: TrainingResult) -> None:
        page = self._page
        if worker is not self.worker or self._closing:
            return
        if page.isVisible():
            self._paint_pending()
        elif self._pending is not None:
            # Another page is on show: the run's final state, drawn below, supersedes the
            # last report but for its place on the progress bar (drawing both took the
            # GUI thread twice as long, a stall on the page that is on show).
            page.progress.setValue(int(round(self._pending.fraction * 1000)))
            self._latest, self._pending = self._pending, None
        self.last_result = result
        history = result.history
        self.history = history
        model = self._model
        self._draw_final_curves(history, max(history.epochs_completed, 1)
                                if (result.cancelled or history.stopped_early)
                                else self._config.epochs)
        n = history.epochs_completed
        if result.cancelled and n < 1:
            # Stopped before the new network saw every training image once: it knows
            # less than the model it would replace, so the previous model stays.
            kept = page.state.first_conv()
            page.filters_view.set_filters(None if kept is None else kept.params["weight"])
            if page.state.model is None:
                self._say(lambda: QCoreApplication.translate(
                    "TrainingPage",
                    "Stopped before the first epoch ended; the unfinished network was "
                    "discarded, and there is no trained model."))
            else:
                self._say(lambda: QCoreApplication.translate(
                    "TrainingPage",
                    "Stopped before the first epoch ended; the unfinished network was "
                    "discarded and the previous model is kept."))
            page.show_progress(lambda: QCoreApplication.translate(
                "TrainingPage", "Stopped before the first epoch ended"))
            page.training_history.clear()
            return
        conv = first_conv(model)
        if conv is not None:
            page.filters_view.set_filters(conv.params["weight"])
        page.state.set_model(model)
        self.model_trained.emit(None if result.evaluation is None
                                else result.evaluation.accuracy)
        page.results.show_evaluation(result.evaluation, self._dataset)
        page.training_history.finish(result, model, self._dataset)
        if result.cancelled:
            self._say(lambda: self.tr(
                "Stopped after %n epoch(s); the new model, with the weights learned so far, "
                "replaces the previous one.", "", n))
            page.show_progress(lambda: self.tr("Stopped after %n epoch(s)", "", n))
            return
        self._say(partial(self._outcome_text, n, history.stopped_early, self._config.patience,
                          history.seconds, None if result.evaluation is None
                          else 100 * result.evaluation.accuracy))
        page.progress.setValue(1000)
        page.show_progress(lambda: self.tr("Done: %n epoch(s)", "", n))

    def _draw_final_curves(self, history, epochs: int) -> None:
        """Draw the ended run's curves, or, while another page shows, when this page
        shows: drawing them (~5-10 ms of pyqtgraph work while the explorer runs) added to
        the other work of the turn the run's end is handled in, the longest stall of the
        page on show."""
        if self._page.isVisible():
            self._final_curves = None
            self._page.curves.set_history(history, epochs=epochs)
            self._page.curves.redraw_running()
        else:
            self._final_curves = (history, epochs)

    def _outcome_text(self, epochs: int, stopped_early: bool, patience: int | None,
                      seconds: float, accuracy: float | None) -> str:
        """How a run that was not stopped went, in one or two whole sentences."""
        if stopped_early:
            text = self.tr("Stopped early after %n epoch(s): the validation loss had "
                           "stopped improving (patience {0}); the best weights were kept.",
                           "", epochs).format(patience)
        else:
            text = self.tr("Trained %n epoch(s) in {0:.1f} s.", "", epochs).format(seconds)
        if accuracy is None:
            return text
        # Two sentences, each whole: the second needs no word of the first.
        return QCoreApplication.translate("TrainingPage", "{0} Test accuracy {1:.1f} %.").format(
            text, accuracy)

    def _on_failed(self, worker: Worker, error: Exception) -> None:
        if worker is not self.worker or self._closing:
            return
        self._paint_pending(final=True)
        self._page.training_history.clear()  # the run's epochs went with its model
        if isinstance(error, TrainingDiverged):
            self._say(partial(divergence_text, error), True)
            self._page.show_progress(
                lambda: QCoreApplication.translate("TrainingPage", "Diverged"))
        else:
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "Training failed: {0}. The previous model is kept.").format(
                error_text(error)), True)
            self._page.show_progress(
                lambda: QCoreApplication.translate("TrainingPage", "Failed"))

    def _on_finished(self, worker: Worker) -> None:
        if worker is not self.worker:
            return
        self.set_training_ui(False)

    def catch_up(self) -> None:
        """Draw the reports, and the final curves, that came while another page showed
        (the page is shown, or its curves are exported)."""
        if self._pending is not None:
            self._paint_pending(final=True)
        if self._final_curves is not None:
            history, epochs = self._final_curves
            self._final_curves = None
            self._page.curves.set_history(history, epochs=epochs)
            self._page.curves.redraw_running()

    def _say(self, words, error: bool = False, topic: str = RUN) -> None:
        self.message.emit(words, error, topic)
