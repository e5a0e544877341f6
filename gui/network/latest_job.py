"""The newest of a stream of requests, computed in the app's worker (gui/worker.py).

A panel that recomputes on every click (a unit switched off, another filter chosen)
hands each request to one :class:`LatestJob`: one computation runs at a time, a request
made meanwhile waits, and a newer one replaces it, so only the newest result is shown
and older ones are never computed. Results arrive in the GUI thread as
``finished(key, result)`` for the newest request only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from gui.worker import Worker

#: Workers still running, kept alive until their thread has ended: a QThread destroyed
#: while it runs aborts the process, and a panel may be deleted during its computation.
_running: set[Worker] = set()


class LatestJob(QObject):
    """Runs ``compute()`` functions in a :class:`gui.worker.Worker`, newest first.

    Signals
    -------
    finished(object key, object result) : the newest request's result.
    failed(object key, object error) : the newest request raised ``error``.
    busy_changed(bool) : a computation started (True) or none is left (False).
    """

    finished = Signal(object, object)
    failed = Signal(object, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: Worker | None = None
        self._waiting: tuple | None = None   # (generation, key, compute) for when it is free
        self._generation = 0                 # of the newest request: its result is wanted
        self._busy = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._busy

    def request(self, key, compute: Callable[[], object]) -> None:
        """Compute ``compute()`` (in the worker; it must not touch widgets) and deliver it
        as ``finished(key, result)`` unless a newer request comes first."""
        self._generation += 1
        if self._worker is not None:
            self._waiting = (self._generation, key, compute)
            return
        self._start(self._generation, key, compute)

    def cancel(self) -> None:
        """Forget every request: nothing more is delivered (a running one ends unseen)."""
        self._generation += 1
        self._waiting = None
        if self._worker is None:
            self._set_busy(False)

    def shutdown(self, timeout_ms: int = 500) -> None:
        """Stop waiting requests and wait briefly for the running one (the app quits)."""
        self.cancel()
        worker = self._worker
        if worker is not None:
            worker.stop_and_wait(timeout_ms)

    def _start(self, generation: int, key, compute) -> None:
        worker = Worker(lambda _report, _should_stop: compute())
        worker.succeeded.connect(lambda result: self._on_result(generation, key, result, None))
        worker.failed.connect(lambda error: self._on_result(generation, key, None, error))
        worker.finished.connect(lambda: self._on_finished(worker))
        self._worker = worker
        _running.add(worker)
        self._set_busy(True)
        worker.start()

    def _on_result(self, generation: int, key, result, error) -> None:
        if generation != self._generation:
            return  # superseded while it ran
        if error is None:
            self.finished.emit(key, result)
        else:
            self.failed.emit(key, error)

    def _on_finished(self, worker: Worker) -> None:
        # Dropped on the next turn of the event loop, not inside its own signal.
        QTimer.singleShot(0, lambda: _running.discard(worker))
        if worker is not self._worker:
            return
        self._worker = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(*waiting)
        else:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
