"""A background job waits for the window between its steps; other jobs do not, and a
window that stops answering, or a stop, never leaves a job waiting."""

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication

from gui import giving_way
from gui.worker import Worker


def stepping_job(steps: list, started: threading.Event, seconds: float):
    """A job of short steps, each polling ``should_stop`` as the engine's batches do."""

    def job(report, should_stop):
        started.set()
        end = time.monotonic() + seconds
        while time.monotonic() < end and not should_stop():
            steps.append(time.monotonic())
            time.sleep(0.001)
        return len(steps)

    return job


#: Steps a job makes beside a window that keeps the GIL busy for BUSY seconds without
#: handling events: each step needs the GIL back, which the window's thread hands over
#: every 5 ms (Python's switch interval), so a job that does not wait makes about 30.
BUSY = 0.3
MANY_STEPS = 10
#: Long enough to see a job wait, shorter than the wait a silent window gets.
WAITED = 0.6 * giving_way.GIVE_WAY_TIMEOUT

@pytest.fixture(autouse=True)
def not_engaged_after_the_test():
    """Later tests start without the learner editing (a job a failed assertion left
    running is stopped by tests/conftest.py)."""
    yield
    giving_way.window_turns()._engaged_until = 0.0


def start(qtbot, background: bool, seconds: float = 2.0, editing: bool = True):
    if editing:
        giving_way.window_turns().engage(60.0)
    steps, started = [], threading.Event()
    worker = Worker(stepping_job(steps, started, seconds), background=background)
    worker.start()
    assert started.wait(5)
    qtbot.wait(50)  # the job is stepping, the window answering
    return worker, steps


def steps_while_the_window_works(steps: list, seconds: float) -> int:
    """Keep the window's thread busy (no events handled) for ``seconds``; count the
    job's steps meanwhile."""
    before = len(steps)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return len(steps) - before


def finish(qtbot, worker) -> None:
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.stop()
    worker.deleteLater()


def test_a_background_job_waits_while_the_window_works(qtbot):
    worker, steps = start(qtbot, background=True)
    # At most the step under way when the window got busy, and the one it had begun.
    assert steps_while_the_window_works(steps, WAITED) <= 2
    QCoreApplication.processEvents()  # the window answers: the job goes on
    qtbot.waitUntil(lambda: len(steps) > 20, timeout=5_000)
    finish(qtbot, worker)


def test_without_edits_a_background_job_does_not_wait(qtbot):
    """Then the window mostly draws the job's own progress: waiting cost speed."""
    worker, steps = start(qtbot, background=True, editing=False)
    assert steps_while_the_window_works(steps, BUSY) > MANY_STEPS
    finish(qtbot, worker)


def test_an_edit_makes_background_jobs_give_way(qtbot):
    from gui.state import LabState

    worker, steps = start(qtbot, background=True, editing=False)
    state = LabState()
    state.set_bias(0, 0.5)  # the learner edits: the window recomputes
    assert giving_way.window_turns().engaged
    assert steps_while_the_window_works(steps, WAITED) <= 2
    finish(qtbot, worker)
    state.shutdown()


def test_other_jobs_do_not_wait_for_the_window(qtbot):
    worker, steps = start(qtbot, background=False)  # e.g. the explorer's worker
    assert steps_while_the_window_works(steps, BUSY) > MANY_STEPS
    finish(qtbot, worker)


def test_a_window_that_does_not_answer_is_waited_for_once(qtbot):
    worker, steps = start(qtbot, background=True)
    # Past the timeout, the job goes on without the window's answer.
    busy = giving_way.GIVE_WAY_TIMEOUT + BUSY
    assert steps_while_the_window_works(steps, busy) > MANY_STEPS
    QCoreApplication.processEvents()
    before = len(steps)
    qtbot.waitUntil(lambda: len(steps) > before + 20, timeout=5_000)
    finish(qtbot, worker)


def test_a_stop_ends_a_waiting_job_at_once(qtbot):
    worker, steps = start(qtbot, background=True, seconds=30.0)
    steps_while_the_window_works(steps, 0.05)  # the job now waits for the window
    asked = time.monotonic()
    # Closing the window blocks its thread: no answer comes, the stop is seen.
    assert worker.stop_and_wait(2_000)
    assert time.monotonic() - asked < giving_way.GIVE_WAY_TIMEOUT
    worker.deleteLater()


def test_the_window_answers_after_the_events_it_had_pending(qtbot):
    """An edit posts its layouts and repaint: the job's next step waits for them too."""
    from PySide6.QtCore import QEvent, QObject

    answered, order = threading.Event(), []

    class Pending(QObject):
        def event(self, event):
            if event.type() == QEvent.Type.User:
                order.append(("pending handled", answered.is_set()))
                return True
            return super().event(event)

    pending = Pending()
    giving_way.window_turns().ask(answered)  # asked first, by the job's thread
    QCoreApplication.postEvent(pending, QEvent(QEvent.Type.User))  # then the edit's work
    qtbot.waitUntil(answered.is_set, timeout=2_000)
    assert order == [("pending handled", False)]

