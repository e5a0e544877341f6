"""Running the explorer: one recomputation per burst of edits, in the worker if heavy.

One job of :class:`gui.state.LabState`: scheduling explorations, checking their cost
against the budget (:mod:`gui.state.budget`), running heavy ones in a long-lived
:class:`gui.worker.Worker` (the latest edit winning) and keeping the result on show.
"""

from __future__ import annotations

import threading
import time

import numpy as np
from PySide6.QtCore import QTimer

from engine.pipeline import CellExplanation, Exploration, explore
from gui.common.error_text import error_text
from gui.giving_way import learner_edits
from gui.state.budget import (
    EXPLORE_MEMORY_BUDGET,
    WINDOW_EXPLORE_SECONDS,
    Slowdown,
    exploration_cost,
)
from gui.state.errors import StateError
from gui.worker import Worker, return_free_memory

#: The explorer's worker thread ends after this long without a heavy exploration.
EXPLORE_WORKER_IDLE_SECONDS = 3.0
#: The worker hands its free memory back once no new inputs came for this long: the
#: burst of edits has ended. (Handed back after every exploration, the next one of the
#: burst, in any thread, faulted its pages in again, as every thread shares one heap:
#: see engine/_malloc.py.)
EXPLORE_TRIM_PAUSE_SECONDS = 0.1


class Exploring:
    """The exploration part of :class:`gui.state.LabState`."""

    def _init_exploring(self) -> None:
        self._exploration: Exploration | None = None
        # (exploration, filter, cell, explanation) of the last `cell_explanation` asked.
        self._explained: tuple | None = None
        self._error: str | None = None
        # Background explorations: the running worker, the inputs of the newest edit
        # waiting for it, and a counter that tells the newest request from stale ones.
        self._explore_worker: Worker | None = None
        # (generation, inputs, estimated seconds), shared with it.
        self._queued_inputs: tuple | None = None
        self._queue_lock = threading.Condition()
        self._busy = False
        self._generation = 0
        #: Set False to compute every exploration in the GUI thread (tests, exports).
        self.background_allowed = True
        self._training_running = False
        #: How much longer than estimated explorations take, as measured while training
        #: runs (the window's thread and the worker both time theirs; see _timed).
        self.slowdown = Slowdown()
        # The inputs of the exploration on show, and of the one the worker computes.
        self._explored_inputs: tuple | None = None
        self._requested_inputs: tuple | None = None
        # Coalesces a burst of edits into one recomputation on the next event-loop turn.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.recompute)
        # The worker's newest report, shown on an event-loop turn of its own: handled
        # as it arrived, it was shown and repainted in the same turn as the repaint
        # before it (two 21-ms repaints in one 59-ms stall of the soak benchmark).
        self._report: tuple | None = None
        self._report_timer = QTimer(self)
        self._report_timer.setSingleShot(True)
        self._report_timer.setInterval(0)
        self._report_timer.timeout.connect(self._show_report)

    @property
    def exploration(self) -> Exploration | None:
        """The latest result, or None when the settings leave no output (see ``error``)."""
        return self._exploration

    @property
    def cell_explanation(self) -> CellExplanation | None:
        """The arithmetic behind the selected feature-map cell of the selected filter in
        the exploration on show (:meth:`engine.pipeline.Exploration.explain`), or None
        when no cell is selected, there is no result or the cell left the maps.

        Worked out once per exploration and selection: the explain panel, the stage view
        and the pixel-values window all read this one, so an edit explains the cell once.
        """
        e, (f, cell) = self._exploration, (self._selection.filter, self._selection.cell)
        cached = self._explained
        if cached is not None and cached[0] is e and cached[1:3] == (f, cell):
            return cached[3]
        explanation = None
        if e is not None and min(cell) >= 0 and f < e.conv.shape[0]:
            try:
                explanation = e.explain(f, *cell)
            except IndexError:  # a stale selection; the state clears it with the new maps
                explanation = None
        self._explained = (e, f, cell, explanation)
        return explanation

    @property
    def error(self) -> str | None:
        return self._error

    @property
    def busy(self) -> bool:
        """True while an exploration runs in the worker (the one on show is older)."""
        return self._busy

    @property
    def recompute_pending(self) -> bool:
        """True while an edit's recomputation is due (it runs on the next turn of the
        event loop, or when the batch of changes on hand ends)."""
        return self._recompute_owed or self._timer.isActive()

    @property
    def training_running(self) -> bool:
        """True while a training run works in its thread (see :meth:`set_training_running`)."""
        return self._training_running

    def set_training_running(self, running: bool) -> None:
        """A training run started (True) or ended (False). While one runs, how much
        longer than estimated explorations take may raise the :attr:`slowdown` that
        scales their estimates: the window's thread then shares the cores and Python's
        GIL with training, and explorations estimated within
        :data:`~gui.state.budget.WINDOW_EXPLORE_SECONDS` took several frames."""
        self._training_running = bool(running)

    def _in_worker(self, estimated: float) -> bool:
        """Whether an exploration estimated at ``estimated`` seconds runs in the worker."""
        if not self.background_allowed:
            return False
        return self.slowdown.scaled(estimated) > WINDOW_EXPLORE_SECONDS

    def _timed(self, estimated: float, taken: float) -> None:
        """An exploration estimated at ``estimated`` seconds took ``taken``. While
        training runs, that tells how slow explorations are now. Once it has ended, the
        slowdown it measured holds (between two runs, or while another program keeps
        the cores busy, an exploration of a few milliseconds' estimate took 100-350 ms
        of CPU in the window's thread in the soak) until quicker explorations bring it
        down; without training none raises it (the estimate is trusted then)."""
        self.slowdown.observe(estimated, taken, raise_factor=self._training_running)

    def _schedule(self, edit: bool = True) -> None:
        """Recompute on the next turn of the event loop; ``edit``: because the learner
        changed something (training then gives way to the window for a moment)."""
        if edit:
            learner_edits()
        if self._batch_depth:
            self._recompute_owed = True
        elif not self._timer.isActive():
            self._timer.start()

    def _inputs(self) -> tuple:
        s = self._settings
        return (self._image, self.weights(), s.stride, s.padding, s.activation, s.pool,
                s.pool_size, s.pool_stride, self.biases(), s.dilation)

    def recompute(self) -> None:
        """Run the explorer pipeline (normally called by the coalescing timer): now, or
        in the worker when it would hold up the window for more than an eighth of a
        frame (:data:`~gui.state.budget.WINDOW_EXPLORE_SECONDS`, scaled by the
        :attr:`slowdown`), or not at all, with a message, when it would need more memory
        than the budget."""
        self._timer.stop()
        inputs = self._inputs()
        if (not self._busy and self._exploration is not None
                and _same_inputs(inputs, self._explored_inputs)):
            # Nothing the maps depend on changed (a new model, or the network shown as
            # at another epoch): only the prediction is new. Exploring again redrew
            # every stage view map, on top of the other pages' work for the new model.
            self._take_queued()
            if self._model is not None or self._prediction is not None:
                self._predict()
            return
        if self._busy and _same_inputs(inputs, self._requested_inputs):
            return  # the worker explores these already; its result predicts with the model
        self._generation += 1
        self._requested_inputs = inputs
        image, weights, stride, padding = inputs[:4]
        cost = exploration_cost(image.shape, weights.shape, stride, padding, inputs[9],
                                *inputs[4:8])
        if cost is not None and cost.bytes > EXPLORE_MEMORY_BUDGET:
            self._take_queued()
            self._set_busy(False)
            self._failed(error_text(StateError("memory_budget", bytes=cost.bytes,
                                               limit=EXPLORE_MEMORY_BUDGET)))
            return
        if cost is not None and self._in_worker(cost.seconds):
            self._explore_in_background(inputs, cost.seconds)
            return
        self._take_queued()  # this result supersedes any still waiting
        self._set_busy(False)
        started = time.perf_counter()
        try:
            result = explore(*inputs)
        except ValueError as error:
            self._failed(error_text(error))
            return
        if cost is not None:
            self._timed(cost.seconds, time.perf_counter() - started)
        self._succeeded(result)

    def _failed(self, message: str) -> None:
        self._exploration, self._error = None, message
        self._explored_inputs = None
        self.explore_failed.emit(message)
        if self._model is not None:
            self._predict()  # the model's own settings may still fit the image

    def _succeeded(self, result: Exploration) -> None:
        self._exploration, self._error = result, None
        self._explored_inputs = self._requested_inputs
        self.explored.emit(result)
        if self._model is not None or self._prediction is not None:
            self._predict()

    # --- explorations in the worker ------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _explore_in_background(self, inputs: tuple, estimated: float) -> None:
        """Hand the newest inputs to the explorer's worker: one long-lived job that
        explores whatever is newest when it is free (older inputs are never computed),
        and sleeps while nothing is queued, ending after a few idle seconds. One thread
        for a whole session of edits keeps memory flat (a thread per burst of edits
        grows the heap) and the window quick."""
        with self._queue_lock:
            self._queued_inputs = (self._generation, inputs, estimated)
            self._queue_lock.notify()
        if self._explore_worker is None:
            self._start_explore_worker()
        self._set_busy(True)

    def _start_explore_worker(self) -> None:
        worker = Worker(self._explore_newest, self)
        worker.progressed.connect(self._on_background_result)
        worker.failed.connect(self._on_background_crashed)
        worker.finished.connect(lambda: self._on_background_finished(worker))
        self._explore_worker = worker
        worker.start()

    def _take_queued(self) -> tuple | None:
        with self._queue_lock:
            queued, self._queued_inputs = self._queued_inputs, None
        return queued

    def _explore_newest(self, report, should_stop) -> None:
        """The worker's job (runs in its thread): explore the newest queued inputs and
        report ``(generation, result or None, message or None, (estimated, taken
        seconds) or None)``, until told to stop or idle for
        :data:`EXPLORE_WORKER_IDLE_SECONDS`."""
        idle_since, trim_owed = time.monotonic(), False
        while not should_stop():
            with self._queue_lock:
                if self._queued_inputs is None:
                    if time.monotonic() - idle_since > EXPLORE_WORKER_IDLE_SECONDS:
                        return
                    if trim_owed:
                        trim_owed = False
                        self._queue_lock.wait(EXPLORE_TRIM_PAUSE_SECONDS)
                        if self._queued_inputs is None:  # the burst of edits has ended
                            return_free_memory()
                        continue
                    self._queue_lock.wait(0.1)  # wakes at once for new inputs
                    continue
                (generation, inputs, estimated), self._queued_inputs = (
                    self._queued_inputs, None)
            started = time.perf_counter()
            try:
                result = explore(*inputs)
            except (ValueError, MemoryError) as error:
                report((generation, None, error_text(error), None))
            else:
                report((generation, result, None, (estimated, time.perf_counter() - started)))
            idle_since, trim_owed = time.monotonic(), True

    def _on_background_result(self, report: tuple) -> None:
        timing = report[3]
        if timing is not None:  # a stale result still tells how busy the machine is
            self._timed(*timing)
        self._report = report  # supersedes one not yet shown
        self._report_timer.start()

    def _show_report(self) -> None:
        report, self._report = self._report, None
        if report is None:
            return
        generation, result, message, _ = report
        if generation != self._generation:
            return  # a newer edit has made this one stale
        self._set_busy(False)
        if result is None:
            self._failed(message)
        else:
            self._succeeded(result)

    def _on_background_crashed(self, error: Exception) -> None:
        self._set_busy(False)
        self._failed(error_text(error))

    def _on_background_finished(self, worker: Worker) -> None:
        if worker is not self._explore_worker:
            return
        self._explore_worker = None
        worker.deleteLater()
        with self._queue_lock:
            waiting = self._queued_inputs is not None
        if waiting:  # queued while the idle worker was ending
            self._start_explore_worker()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Drop queued explorations and wait for a running one (the window is closing)."""
        self._take_queued()
        self._timer.stop()
        self._report_timer.stop()
        self._report = None
        worker, self._explore_worker = self._explore_worker, None
        self._set_busy(False)
        return worker is None or worker.stop_and_wait(timeout_ms)


def _same_inputs(inputs: tuple, explored: tuple | None) -> bool:
    """Whether explorer inputs (:meth:`Exploring._inputs`) are those of ``explored``:
    the same image array (the state replaces it, never changes it in place), equal
    weights and biases, equal settings."""
    if explored is None or inputs[0] is not explored[0]:
        return False
    for new, old in zip(inputs[1:], explored[1:], strict=True):
        if isinstance(new, np.ndarray):
            if not (new.shape == old.shape and np.array_equal(new, old)):
                return False
        elif new != old:
            return False
    return True
