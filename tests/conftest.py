"""Shared test set-up: Qt runs headless, and no test touches the user's settings."""

import errno
import gc
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# As main.py runs the app, before NumPy and Qt load (one BLAS thread: with two on this
# 2-core machine, a test that trains ran 6x slower whenever other work ran, PITFALLS).
from gui.process_environment import set_process_environment  # noqa: E402 (no Qt in it)

set_process_environment()
for _variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _isolated_qsettings(tmp_path_factory):
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # engine-only environments
        yield
        return
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, folder)
    yield


@pytest.fixture(autouse=True, scope="session")
def _english_plurals(_isolated_qsettings):
    """English plural forms ("1 character", "40 characters") come from a catalogue, as
    when the app starts, whichever test happens to run first."""
    try:
        from PySide6.QtWidgets import QApplication

        from gui import i18n
    except ImportError:  # engine-only environments
        yield
        return
    _app = QApplication.instance() or QApplication([])
    i18n.ensure_installed()
    yield


@pytest.fixture(autouse=True)
def _earlier_tests_widgets_deleted():
    """Delete the widgets earlier tests closed (pytest-qt closes each test's widgets and
    asks Qt to delete them later, which needs an event loop to come back to): left
    alive, tens of thousands piled up over the suite, and every language switch
    retranslated them all, 2 s a switch late in the suite instead of 0.05."""
    try:
        from PySide6.QtCore import QCoreApplication, QEvent
    except ImportError:  # engine-only environments
        yield
        return
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A test that switches the interface to another language leaves it in English."""
    yield
    try:
        from gui import i18n
    except ImportError:  # engine-only environments
        return
    if i18n.current_language() != "en":
        i18n.set_language("en")


@pytest.fixture(autouse=True)
def _no_worker_outlives_its_test(monkeypatch):
    """Stop every worker a test started and left running, such as an explorer's worker
    waiting idle for more edits: once the test's state is collected, a thread still
    running under it crashed a later test."""
    try:
        from gui import worker
    except ImportError:  # engine-only environments
        yield
        return
    started = []
    start = worker.Worker.start

    def recording_start(self):
        started.append(self)
        start(self)

    monkeypatch.setattr(worker.Worker, "start", recording_start)
    yield
    running = [job for job in started if job.is_running()]
    for job in running:
        job.stop()  # all at once: each notices within its poll
    for job in running:
        job.stop_and_wait(10_000)


_exit_status = None


def pytest_sessionfinish(session, exitstatus):
    """Stop whatever training or loading the tests left running (Qt aborts the process
    when a running thread is destroyed) and remember the exit status."""
    global _exit_status
    _exit_status = int(exitstatus)
    try:
        from gui import worker
    except ImportError:  # engine-only environments
        return
    for candidate in gc.get_objects():
        if isinstance(candidate, worker.Worker):
            candidate.stop_and_wait()
    worker.wait_for_unfinished()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """Leave without the interpreter's teardown of what the tests left alive.

    Hundreds of top-level widgets outlive their tests (pyqtgraph's parentless plot
    menus, pop-ups, windows that tests keep). Python destroys them at exit in no
    particular order, some after the QApplication or after the scenes that own their
    graphics items: about one CI run in four ended with a segmentation fault after every
    test had passed, and deleting them explicitly crashed in the same way, as did
    PySide's own exit handler, which destroys the QApplication (seen with the
    handlers run here first). So the streams are flushed and the process ends with
    pytest's status, skipping the exit handlers: the one that matters, waiting for
    workers left running, has run above. The app's own exit is tested in a fresh
    process (tests/gui/test_close_during_training.py).
    """
    if _exit_status is None or "PySide6.QtWidgets" not in sys.modules:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)


@pytest.fixture(autouse=True)
def _private_data_folder_and_no_modal_questions(monkeypatch, tmp_path):
    """Each test keeps My classes in its own data folder, and closing a window with
    unsaved work answers "discard", and Train with an unsaved model "train", instead of
    opening a modal question (tests of the questions replace the answers)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "app-data"))
    try:
        from gui.train.page import TrainingPage
    except ImportError:  # engine-only environments
        return
    monkeypatch.setattr(TrainingPage, "ask_about_unsaved_work", lambda self, work: "discard")
    monkeypatch.setattr(TrainingPage, "ask_before_replacing_model",
                        lambda self, unsaved: "train")


class DiskFull:
    """Stands in for a disk with ``budget`` bytes left: writes beyond it fail as a full
    disk does (ENOSPC), or, with ``silent``, are dropped while reporting success (what
    some file systems do, and what ``QImage.save`` did on a full disk)."""

    def __init__(self, monkeypatch, budget: int, silent: bool = False) -> None:
        from engine import fileio

        self.left = budget
        self.silent = silent
        real = os.fdopen
        disk = self

        class Handle:
            def __init__(self, raw):
                self._raw = raw

            def write(self, data):
                if len(data) > disk.left:
                    if disk.silent:
                        return len(data)
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                disk.left -= len(data)
                return self._raw.write(data)

            def __getattr__(self, name):
                return getattr(self._raw, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return self._raw.__exit__(*exc)

        monkeypatch.setattr(fileio.os, "fdopen", lambda *a, **k: Handle(real(*a, **k)))




@pytest.fixture
def disk_full(monkeypatch):
    """``disk_full(budget, silent=False)``: from now on CNN Lab's file writes see a disk
    with ``budget`` bytes left (``monkeypatch.undo()`` gives the disk back)."""
    return lambda budget, silent=False: DiskFull(monkeypatch, budget, silent)
