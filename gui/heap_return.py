"""Memory the app has freed, handed back to the system while the learner pauses.

glibc's ``malloc`` keeps what a program frees for its next allocations, and gives back
to the system only a free stretch at the top of its heap. The app frees large blocks all
the time (each exploration's maps, each training batch), and any small block still in use
above them keeps the pages below resident. Over the soak's 8000 edits without training
(``benchmarks/bench_soak.py``), what was in use stayed at 74-79 MB (``mallinfo2``; once
Qt's pixmap cache was kept small, ``gui/memory_settings.py``) while the heap's free part
grew from 1 MB to 20-26 MB, all of it still resident.

``malloc_trim(0)`` hands every whole free page back (it took 0.1-0.4 ms in the soak). It
runs in the window's thread once a second while the learner is not editing
(:func:`gui.giving_way.learner_edits`), and only where the C library is glibc; elsewhere
:class:`HeapReturn` does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from PySide6.QtCore import QObject, QTimer

from gui.giving_way import window_turns

#: How often freed memory is handed back while the learner pauses (milliseconds).
CHECK_MS = 1000


def _glibc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows,
    musl)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_TRIM = _glibc_trim()


class HeapReturn(QObject):
    """Hands freed heap memory back to the system once a second while the learner is
    not editing (see the module's text)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.returns = 0  # how often it handed memory back (tests and the soak read it)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.return_if_paused)
        if self.available:
            self._timer.start()

    @property
    def available(self) -> bool:
        """Whether this system's C library can hand freed memory back."""
        return _TRIM is not None

    def return_if_paused(self) -> bool:
        """Hand freed memory back unless the learner is editing. Returns whether it did."""
        if _TRIM is None or window_turns().engaged:
            return False
        _TRIM(0)
        self.returns += 1
        return True

    def stop(self) -> None:
        self._timer.stop()
