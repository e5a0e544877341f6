"""Background work that waits for the window between its steps while the learner edits.

Training runs in a worker thread, but every thread of the app shares Python's GIL. While
training ran, the window's own work took two to three times as long as without it
(filters added and the maps repainted: 8 ms alone, 24 ms beside training, 9 ms beside the
same training in another process): PySide hands the GIL over on each call into Qt, and
painting makes thousands of them, each a chance for the training thread to take the GIL
and hold the window up. In the soak benchmark that made most of the event loop's stalls
over 50 ms.

So while the learner edits, and for :data:`ENGAGED_SECONDS` after the last edit
(:func:`learner_edits`), a background job gives way: before each of its steps it makes
sure the window has handled everything it had to do when the previous step began. It
posts a question to the window's thread (:class:`WindowTurns`) and, before the next
step, waits for the answer. An idle window answers within a fraction of a millisecond,
long before the step ends, so the job does not wait; a busy one answers once the event
on hand is handled, and until then the job sleeps instead of contending for the GIL. A
window that does not answer (a blocked event loop, an application shutting down) is
waited for once, for :data:`GIVE_WAY_TIMEOUT`, and not again until it answers.

Without edits the job never waits: the window's other work is then mostly drawing the
job's own progress, and waiting for that cost training about a tenth of its speed
(benchmarks/bench_training_gui.py: 0.81 of headless throughput, against 0.89).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, Signal, Slot

#: The longest a background job waits for the window before its next step.
GIVE_WAY_TIMEOUT = 0.25
#: How long after the learner's last edit background jobs still give way (seconds).
ENGAGED_SECONDS = 0.5
#: How often a waiting job looks at its stop flag (seconds).
_STOP_POLL = 0.01


class WindowTurns(QObject):
    """Lives in the window's thread and answers the questions background jobs post."""

    asked = Signal(object)  # the threading.Event to set

    def __init__(self) -> None:
        super().__init__()
        self.asked.connect(self._answer, Qt.ConnectionType.QueuedConnection)
        self._engaged_until = 0.0

    def engage(self, seconds: float = ENGAGED_SECONDS) -> None:
        """Background jobs give way for the next ``seconds``."""
        self._engaged_until = max(self._engaged_until, time.monotonic() + seconds)

    @property
    def engaged(self) -> bool:
        return time.monotonic() < self._engaged_until

    @Slot(object)
    def _answer(self, answered: threading.Event) -> None:
        answered.set()


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
    the window has handled what was posted before the previous step, or the job is
    told to stop (``stopping()``), or the window is not answering; at once while the
    learner is not editing (:func:`learner_edits`)."""

    def __init__(self, turns: WindowTurns, stopping) -> None:
        self._turns = turns
        self._stopping = stopping
        self._answered = threading.Event()
        self._answered.set()  # nothing asked yet
        self._window_answers = True

    def __call__(self) -> None:
        if not self._turns.engaged:
            return
        if not self._answered.is_set():
            if not self._window_answers:
                return  # still no answer to the last question: do not wait again
            deadline = time.monotonic() + GIVE_WAY_TIMEOUT
            while not self._answered.wait(_STOP_POLL):
                if self._stopping() or time.monotonic() >= deadline:
                    self._window_answers = False
                    return
        self._window_answers = True
        self._answered.clear()
        self._turns.asked.emit(self._answered)
