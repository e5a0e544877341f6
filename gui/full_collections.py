"""Python's full garbage collections, run in the window's thread while the learner is
not editing.

A full collection scans every object Python tracks. The app's own objects (modules,
Qt wrappers, every page's items) are frozen out of it once the window is up
(:func:`gc.freeze`); what is made later still took 14-25 ms to scan, about once in each
soak run (``benchmarks/bench_soak.py``). Triggered by whichever thread allocated at that
moment, it held the window up; in the tick of an edit and its repaint (25-35 ms) it
makes a stall over 50 ms, like the soak's rare outliers (53 and 76 ms, with the
window's thread working 48 and 57 ms of them). So the automatic full
collections are switched off, and :class:`FullCollections` runs one, as often as Python
would have, at a moment the learner is not editing (:func:`gui.giving_way.learner_edits`
marks the moments they are); after :data:`LONGEST_DEFERRAL` of editing without a pause,
it runs one anyway.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

from gui.giving_way import window_turns

#: How often the collector looks whether a full collection is due (milliseconds).
CHECK_MS = 1000
#: The longest a due full collection waits for the learner to pause (seconds).
LONGEST_DEFERRAL = 60.0
#: A generation threshold no count reaches: no automatic full collection.
_NEVER = 2**30


class FullCollections(QObject):
    """Takes over Python's full collections while it lives (see the module's text).

    A full collection is due once there have been as many collections of the middle
    generation since the last one as Python's third threshold asks for (10 by default).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        young, middle, self._due_after = self._thresholds
        gc.set_threshold(young, middle, _NEVER)
        #: When a due collection was first put off (monotonic seconds), or None.
        self._due_since: float | None = None
        self.collections = 0  # how many it ran (tests read it)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> bool:
        """Run a full collection if one is due and the learner is not editing (or has
        edited without a pause for LONGEST_DEFERRAL). Returns whether it ran one."""
        if gc.get_count()[2] < self._due_after:
            return False
        now = time.monotonic()
        if self._due_since is None:
            self._due_since = now
        if window_turns().engaged and now - self._due_since < LONGEST_DEFERRAL:
            return False
        gc.collect(2)
        self._due_since = None
        self.collections += 1
        return True

    def stop(self) -> None:
        """Give the full collections back to Python."""
        self._timer.stop()
        gc.set_threshold(*self._thresholds)
