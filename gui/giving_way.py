"""Background work that waits for the window between its steps while the learner edits.

Training runs in a worker thread, but every thread of the app shares Python's GIL. While
training ran, the window's own work took two to three times as long as without it
(filters added and the maps repainted: 8 ms alone, 24 ms beside training, 9 ms beside the
same training in another process): PySide hands the GIL over on each call into Qt, and
painting makes thousands of them, each a chance for the training thread to take the GIL
and hold the window up. In the soak benchmark that made most of the event loop's stalls
over 50 ms.

So while the learner edits, and for :data:`ENGAGED_SECONDS` after the last edit
(:func:`learner_edits`), a background job gives way: before each of its steps it waits
until the window has handled everything it had pending. It posts a question to the
window's thread (:class:`WindowTurns`) at low priority, so the answer comes after the
events an edit posts (its layouts and the repaint of what it changed), and sleeps until
the answer comes instead of contending for the GIL. An idle window answers within a
fraction of a millisecond. A window that does not answer (a blocked event loop, an
application shutting down) is waited for once, for :data:`GIVE_WAY_TIMEOUT`, and not
again until it answers.

Asking one step ahead, and answering at normal priority, let the job's next step run
beside the repaint of the edit under way (the soak's repaints, 13-36 ms, spent a third
of that waiting for the GIL or a core).

Without edits the job never waits: the window's other work is then mostly drawing the
job's own progress, and waiting for that cost training about a tenth of its speed
(benchmarks/bench_training_gui.py: 0.81 of headless throughput, against 0.89).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

#: The longest a background job waits for the window before its next step.
GIVE_WAY_TIMEOUT = 0.25
#: How long after the learner's last edit background jobs still give way (seconds).
ENGAGED_SECONDS = 0.5
#: How often a waiting job looks at its stop flag (seconds).
_STOP_POLL = 0.01
_QUESTION = QEvent.Type(QEvent.registerEventType())


class WindowTurns(QObject):
    """Lives in the window's thread and answers the questions background jobs post."""

    def __init__(self) -> None:
        super().__init__()
        self._engaged_until = 0.0
        self._lock = threading.Lock()
        self._questions: list[threading.Event] = []

    def engage(self, seconds: float = ENGAGED_SECONDS) -> None:
        """Background jobs give way for the next ``seconds``."""
        self._engaged_until = max(self._engaged_until, time.monotonic() + seconds)

    @property
    def engaged(self) -> bool:
        return time.monotonic() < self._engaged_until

    def ask(self, answered: threading.Event) -> None:
        """Set ``answered`` once the window has handled its pending events (callable
        from any thread).

        The question is posted at low priority, after everything an edit posts (its
        layouts, the scene's repaint): answered at normal priority, it came between an
        edit and its repaint, and the job's next step ran beside the repaint."""
        with self._lock:
            self._questions.append(answered)
        QCoreApplication.postEvent(self, QEvent(_QUESTION),
                                   Qt.EventPriority.LowEventPriority.value)

    def event(self, event) -> bool:  # noqa: D102 (Qt's name)
        if event.type() == _QUESTION:
            with self._lock:
                questions, self._questions = self._questions, []
            for answered in questions:
                answered.set()
            return True
        return super().event(event)


_turns: WindowTurns | None = None


def window_turns() -> WindowTurns:
    """The one :class:`WindowTurns` (made on first use, which must be in the window's
    thread)."""
    global _turns
    if _turns is None:
        _turns = WindowTurns()
    return _turns


def learner_edits() -> None:
    """The learner is editing (called in the window's thread by each edit that the
    window recomputes for): background jobs give way for :data:`ENGAGED_SECONDS`."""
    window_turns().engage()


class GivingWay:
    """Called by a background job before each step (in its own thread): returns once
    the window has handled what it had pending, or the job is told to stop
    (``stopping()``), or the window is not answering; at once while the learner is not
    editing (:func:`learner_edits`)."""

    def __init__(self, turns: WindowTurns, stopping) -> None:
        self._turns = turns
        self._stopping = stopping
        self._answered = threading.Event()
        self._answered.set()  # nothing asked yet

    def __call__(self) -> None:
        if not self._turns.engaged:
            return
        if not self._answered.is_set():
            return  # the window has not answered the last question: do not wait again
        self._answered.clear()
        self._turns.ask(self._answered)
        deadline = time.monotonic() + GIVE_WAY_TIMEOUT
        while not self._answered.wait(_STOP_POLL):
            if self._stopping() or time.monotonic() >= deadline:
                return
