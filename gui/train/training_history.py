"""The last run's training history: the network as it was at the end of every epoch.

The run's job keeps the weights after every epoch (:class:`engine.train.EpochSnapshots`,
copies made in the worker, at most :data:`gui.train.job.SNAPSHOT_BYTES`) and sends them
with its reports and its result. :class:`TrainingHistory` offers them on the page's
:class:`gui.train.history_slider.HistorySlider`; the position chosen becomes the model
every page shows (:meth:`gui.state.LabState.show_model`: the learned filters, the Network,
Classify and Explore pages), while the trained model stays the one Save model saves.
The test accuracy and the confusion matrix of an epoch are measured on the run's test
images in a :class:`gui.worker.Worker` (a thousand images take longer than a frame),
the latest request winning, and kept for when the learner comes back to that epoch.

The history belongs to its run: a new run, or any other model (an opened file), clears
it. Memory: the kept weights (bounded as above), one copy of the weights shown, and per
epoch looked at, its predictions (8 bytes per test image) and confusion matrix.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.train import evaluate
from gui.train.history_slider import BEST, STOPPED, EpochPosition
from gui.worker import Worker


def _best_epoch(history) -> int:
    """The epoch whose weights early stopping kept: the lowest validation loss."""
    return int(np.argmin(history.val_loss)) + 1


class TrainingHistory(QObject):
    """The epochs of the last run of ``page`` (a :class:`gui.train.page.TrainingPage`),
    shown through its slider, state and results panel.

    Signals
    -------
    shown(int) : the views show the position with this index, its test results included
        (at once when they were known, else when the worker has measured them).
    """

    shown = Signal(int)

    def __init__(self, page) -> None:
        super().__init__(page)
        self._page = page
        self.slider = page.results.history_slider
        self.snapshots: tuple = ()
        self._final_model = None
        self._final_evaluation = None
        self._dataset = None
        self._evaluations: dict[int, object] = {}   # epoch -> Evaluation, once measured
        self._worker: Worker | None = None
        self._wanted: int | None = None              # the epoch whose results are wanted
        self._run = 0  # counts histories, so a late measurement of an old one is ignored
        self._closing = False
        self.slider.position_chosen.connect(self.show_position)
        page.state.model_changed.connect(self._on_model_changed)

    # --- the run's epochs -------------------------------------------------------------------
    def clear(self) -> None:
        """Forget the history (a new run starts, or another model came)."""
        self.snapshots, self._final_model, self._final_evaluation = (), None, None
        self._dataset, self._evaluations, self._wanted = None, {}, None
        self._run += 1
        self.slider.clear()
        self._page.curves.mark_epoch(None)
        self._page.state.show_model(None)  # the trained model, if an epoch was shown

    def follow(self, snapshots, planned_epochs: int) -> None:
        """A run is going on: count its epochs on the (disabled) slider."""
        if len(snapshots) != len(self.slider.positions):
            self.slider.set_positions([EpochPosition(s.epoch) for s in snapshots],
                                      planned_epochs, running=True,
                                      kept_bytes=sum(s.nbytes for s in snapshots))

    def finish(self, result, model, dataset) -> None:
        """The run ended with ``result`` (:class:`gui.train.job.TrainingResult`) and
        ``model`` became the state's model: offer its epochs, at the last one."""
        history = result.history
        self.snapshots = tuple(result.snapshots)
        self._final_model, self._final_evaluation = model, result.evaluation
        self._dataset, self._evaluations, self._wanted = dataset, {}, None
        self._run += 1
        positions = [EpochPosition(s.epoch) for s in self.snapshots]
        done = history.epochs_completed
        # The last position is the model the run left: the last epoch's weights, unless
        # the run was stopped during an epoch or early stopping went back to its best.
        if result.cancelled:
            positions.append(EpochPosition(done + 1, STOPPED))
        elif history.stopped_early and history.val_loss:
            positions.append(EpochPosition(_best_epoch(history), BEST))
        self.slider.set_positions(positions, done, running=False,
                                  kept_bytes=sum(s.nbytes for s in self.snapshots))

    @property
    def positions(self):
        return self.slider.positions

    def _is_final(self, index: int) -> bool:
        return index == len(self.positions) - 1

    # --- showing a position -----------------------------------------------------------------
    def show_position(self, index: int) -> None:
        """Show the network of position ``index`` everywhere (the last: the trained one)."""
        if not self.snapshots or not 0 <= index < len(self.positions):
            return
        page, results = self._page, self._page.results
        if self._is_final(index):
            page.curves.mark_epoch(None)
            page.state.show_model(None)
            results.show_evaluation(self._final_evaluation, self._dataset)
            self.shown.emit(index)
            return
        snapshot = self.snapshots[index]
        page.curves.mark_epoch(snapshot.epoch)
        # A model of its own with copies of the kept weights: whatever a page does with
        # the model it shows, the history stays as it was.
        page.state.show_model(self._final_model.with_parameters(
            {i: {name: value.copy() for name, value in params.items()}
             for i, params in enumerate(snapshot.parameters)}))
        if self._final_evaluation is None:  # no test images
            results.show_evaluation(None, self._dataset)
            self.shown.emit(index)
            return
        known = self._evaluations.get(snapshot.epoch)
        if known is not None:
            results.show_epoch_evaluation(known, snapshot.epoch, self._dataset)
            self._wanted = None
            self.shown.emit(index)
            return
        results.show_epoch_evaluation(None, snapshot.epoch, self._dataset)
        self._wanted = snapshot.epoch
        self._measure_next()

    def _measure_next(self) -> None:
        """Measure the wanted epoch, unless a measurement runs: then when it has ended."""
        if self._closing or self._wanted is None:
            return
        if self._worker is not None and self._worker.is_running():
            return
        epoch = self._wanted
        snapshot = next(s for s in self.snapshots if s.epoch == epoch)
        # The worker's own model (own layers, the kept weights read only): it runs while
        # the pages predict with theirs.
        model = self._final_model.with_parameters(dict(enumerate(snapshot.parameters)))
        dataset, run = self._dataset, self._run
        if self._worker is not None:
            self._worker.deleteLater()  # the previous measurement's, finished
        worker = Worker(lambda report, should_stop: evaluate(
            model, dataset.x_test, dataset.y_test), self)
        self._worker = worker
        worker.succeeded.connect(lambda evaluation: self._on_measured(run, epoch, evaluation))
        worker.failed.connect(lambda error: self._on_measured(run, epoch, None))
        worker.finished.connect(self._measure_next)
        worker.start()

    def _on_measured(self, run: int, epoch: int, evaluation) -> None:
        """``evaluation`` of ``epoch`` of history ``run`` came (None: it failed)."""
        if self._closing or run != self._run:
            return  # the history it measured is gone
        if evaluation is not None:
            self._evaluations[epoch] = evaluation
        if self._wanted != epoch:
            return  # the learner has moved on: the newest request runs next
        self._wanted = None
        index = self.slider.index
        if self._is_final(index) or self.snapshots[index].epoch != epoch:
            return
        self._page.results.show_epoch_evaluation(evaluation, epoch, self._dataset,
                                                 failed=evaluation is None)
        self.shown.emit(index)

    def _on_model_changed(self) -> None:
        # Any model other than this run's (an opened file, another run) ends the history.
        if self.snapshots and self._page.state.trained_model is not self._final_model:
            self.clear()

    def shutdown(self, timeout_ms: int = 1_500) -> bool:
        """Stop measuring (the window is closing); False if the worker still runs."""
        self._closing = True
        worker = self._worker
        if worker is None or not worker.is_running():
            return True
        return worker.stop_and_wait(int(timeout_ms))
