"""The one way CNN Lab runs long work: a QObject moved to its own QThread.

The work is a plain function ``job(report, should_stop)``; it calls ``report(obj)`` to
send progress (delivered to the GUI thread as the ``progressed`` signal) and polls
``should_stop()`` to end early. It must not touch widgets, and should report copies of
arrays, never arrays it keeps changing. Wiring follows Qt's own pattern (as superqt's
``new_worker_qthread``): ``started -> run``, ``finished -> quit``, ``finished ->
deleteLater``. Connect to the signals before calling :meth:`Worker.start`.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot


class _Job(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)   # the exception
    ended = Signal()

    def __init__(self, fn: Callable, stop_flag: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._stop = stop_flag

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._stop.is_set)
        except Exception as error:  # noqa: BLE001 — any failure is reported, never raised in Qt
            error.traceback_text = traceback.format_exc()
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            self.ended.emit()


class Worker(QObject):
    """Runs ``job(report, should_stop)`` in a new thread; lives in the GUI thread.

    Signals (delivered in the GUI thread)
    -------
    progressed(object) : whatever the job reported.
    succeeded(object) : the job's return value.
    failed(object) : the exception the job raised.
    finished() : after succeeded or failed, once the thread has stopped.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, job: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = QThread()
        self._job = _Job(job, self._stop)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progressed.connect(self.progressed)
        self._job.succeeded.connect(self.succeeded)
        self._job.failed.connect(self.failed)
        # Direct: QThread.quit is thread-safe, and a queued call could never run while
        # the GUI thread blocks in stop_and_wait().
        self._job.ended.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._job.deleteLater)
        self._thread.finished.connect(self._on_thread_finished)
        self._running = False

    def start(self) -> None:
        self._running = True
        self._thread.start()

    def stop(self) -> None:
        """Ask the job to stop at its next poll; returns at once."""
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        return self._running

    def stop_and_wait(self, timeout_ms: int = 10_000) -> bool:
        """Ask the job to stop and block until its thread ends (closing the window).
        Returns False if it did not end in time."""
        self.stop()
        if not self._running:
            return True
        finished = self._thread.wait(timeout_ms)
        if finished:
            self._on_thread_finished()
        return finished

    def _on_thread_finished(self) -> None:
        if self._running:
            self._running = False
            self.finished.emit()
