"""The one way CNN Lab runs long work: a QObject moved to its own QThread.

The work is a plain function ``job(report, should_stop)``; it calls ``report(obj)`` to
send progress (delivered to the GUI thread as the ``progressed`` signal) and polls
``should_stop()`` to end early; ``should_stop.result_discarded()`` is True when no one
will read the result (the window is closing), so work after stopping can be skipped.
It must not touch widgets, and should report copies of arrays, never arrays it keeps
changing. Wiring follows Qt's own pattern (as superqt's ``new_worker_qthread``):
``started -> run``, ``ended -> quit``; instead of ``finished -> deleteLater``, the job
moves itself back to the GUI thread when it ends and is freed there (see
:meth:`_Job.run`). Connect to the signals before calling :meth:`Worker.start`.

Closing the window must not wait for a long step: :meth:`Worker.stop_and_wait` waits a
little, then leaves the thread to finish on its own. Its objects are kept alive until
it has (Qt aborts the process when a running QThread is destroyed), and
:func:`wait_for_unfinished` (run at exit) waits for the last of them.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import sys
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from gui.giving_way import GivingWay, WindowTurns, window_turns


def _load_malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to hand back
        return None


_malloc_trim = _load_malloc_trim()


def return_free_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's ``malloc_trim``).

    ``import engine`` raises glibc's mmap threshold so large arrays come from the heap
    (see engine/_malloc.py); arrays made in a worker thread then live in that thread's
    own heap, whose free pages glibc keeps. Without this, each burst of work in a worker
    left the process larger (the soak benchmark grew by a third over 3000 edits). Called
    from worker threads when their work pauses or ends; takes about a millisecond.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


#: How many "nice" steps below the window's thread a background worker's thread runs on
#: Linux. Training on a 2-core machine keeps one core busy; when the window's thread and
#: the explorer's worker also want one, the scheduler gave training its full share and
#: the window waited (the soak benchmark: worst stall 200-300 ms, 100-150 ms with
#: training 5 steps lower, at a machine load of 5). With a free core nothing changes.
BACKGROUND_NICE = 5


def lower_thread_priority() -> None:
    """Let the calling thread give way to the window's thread when both want a core
    (called by a background job in its own thread; a thread's priority cannot be raised
    again, so the thread must be one made for the job)."""
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        try:  # on Linux, a thread id names just that thread
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)
        except OSError:
            pass  # the job runs at the normal priority
    else:  # Qt's priorities reach the scheduler elsewhere (not Linux's default policy)
        QThread.currentThread().setPriority(QThread.Priority.LowPriority)


class StopFlag:
    """What a job polls: ``should_stop()`` is True once a stop was asked for.

    A background job's flag first gives way to the window (:mod:`gui.giving_way`): the
    engine polls it before every step, which is where a job can wait.
    """

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._discard = threading.Event()
        self._giving_way: GivingWay | None = None

    def __call__(self) -> bool:
        if self._giving_way is not None and not self._stop.is_set():
            self._giving_way()
        return self._stop.is_set()

    def give_way_to_window(self, turns: WindowTurns) -> None:
        """From now on, each poll first waits for the window's turn (call this in the
        job's own thread: in the window's, a poll would wait for itself)."""
        self._giving_way = GivingWay(turns, self._stop.is_set)

    def is_set(self) -> bool:
        return self._stop.is_set()

    def set(self, discard: bool = False) -> None:
        if discard:
            self._discard.set()
        self._stop.set()

    def result_discarded(self) -> bool:
        """True when the result will be thrown away: skip any work after stopping."""
        return self._discard.is_set()


#: (thread, job) of workers left running when their window closed, until they end.
_unfinished: list[tuple[QThread, QObject]] = []
_unfinished_lock = threading.Lock()


def wait_for_unfinished(timeout_ms: int | None = None) -> bool:
    """Block until every thread left running by :meth:`Worker.stop_and_wait` has ended
    (called at exit, after the window is gone). Returns False if one is still running
    after ``timeout_ms`` (None: wait as long as it takes)."""
    with _unfinished_lock:
        pending = list(_unfinished)
    ended = True
    for thread, _job in pending:
        ended = (thread.wait() if timeout_ms is None else thread.wait(timeout_ms)) and ended
    with _unfinished_lock:
        _unfinished[:] = [entry for entry in _unfinished if entry[0].isRunning()]
    return ended


atexit.register(wait_for_unfinished)


class _Job(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)   # the exception
    ended = Signal()

    def __init__(self, fn: Callable, stop_flag: StopFlag, background: bool) -> None:
        super().__init__()
        self._fn = fn
        self._stop = stop_flag
        # Made here, in the window's thread, where the turns must live.
        self._turns = window_turns() if background else None

    @Slot()
    def run(self) -> None:
        try:
            if self._turns is not None:
                lower_thread_priority()
                self._stop.give_way_to_window(self._turns)
            result = self._fn(self.progressed.emit, self._stop)
        except Exception as error:  # noqa: BLE001 — any failure is reported, never raised in Qt
            error.traceback_text = traceback.format_exc()
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            return_free_memory()
            # Hand the job back to the GUI thread before its thread ends, so that it is
            # destroyed there. Destroying a Python QObject in the worker thread needs the
            # GIL while Qt holds a connection lock; the GUI thread, holding the GIL while
            # it connects or disconnects any signal sharing that lock, then waits for it:
            # the window froze for good (seen in benchmarks/bench_soak.py).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.ended.emit()


class Worker(QObject):
    """Runs ``job(report, should_stop)`` in a new thread; lives in the GUI thread.

    Signals (delivered in the GUI thread)
    -------
    progressed(object) : whatever the job reported.
    succeeded(object) : the job's return value.
    failed(object) : the exception the job raised.
    finished() : after succeeded or failed, once the thread has stopped.

    ``background=True`` runs the job below the window's priority
    (:func:`lower_thread_priority`) and lets it wait for the window between its steps
    (:mod:`gui.giving_way`): for long work the learner does not wait on, such as
    training, so that it gives way to the window when both want a core or the GIL.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, job: Callable, parent: QObject | None = None,
                 background: bool = False) -> None:
        super().__init__(parent)
        self._stop = StopFlag()
        self._thread = QThread()
        self._job = _Job(job, self._stop, background)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.progressed.connect(self.progressed)
        self._job.succeeded.connect(self.succeeded)
        self._job.failed.connect(self.failed)
        # Direct: QThread.quit is thread-safe, and a queued call could never run while
        # the GUI thread blocks in stop_and_wait().
        self._job.ended.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
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

    def stop_and_wait(self, timeout_ms: int = 2_000) -> bool:
        """Ask the job to stop, discarding its result, and wait up to ``timeout_ms`` for
        its thread to end (closing the window). Returns False if it is still running:
        it then finishes on its own, kept alive until it has (see
        :func:`wait_for_unfinished`), and this worker emits nothing more."""
        self._stop.set(discard=True)
        if not self._running:
            return True
        finished = self._thread.wait(timeout_ms)
        if finished:
            self._on_thread_finished()
            return True
        for signal in (self._job.progressed, self._job.succeeded, self._job.failed):
            signal.disconnect()
        with _unfinished_lock:
            _unfinished.append((self._thread, self._job))
        self._running = False
        return False

    def _on_thread_finished(self) -> None:
        if self._running:
            self._running = False
            self.finished.emit()
