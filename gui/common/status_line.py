"""One rule for every status and error message, so none is left standing once it is stale.

The rule
--------
* Every message has a **topic**: what it is about (``"file"`` a file that could or could
  not be read or written, ``"explore"`` the explorer's settings, ``"start"`` why training
  cannot start, ...).
* A place shows one message at a time; the next message replaces it.
* A message is **withdrawn** when the thing it is about changes: a new picture, new
  filters, another model, other data or other settings. Who changes the thing calls
  :meth:`StatusLine.withdraw` with the topics the change makes stale (an empty message
  does the same for its topic).
* A file error (topic ``"file"``) is about an action that failed and changed nothing; it
  goes with the learner's next successful change of any kind.
* A message given as a function (``say(lambda: error_text(error), ...)``) is worded
  again when the language changes while it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy

ERROR_STYLE = "color: #b2182b; font-weight: 600;"
#: Topics for messages about files: withdrawn by any later successful change.
FILE = "file"


class StatusLine(QLabel):
    """A label that shows the latest message and knows what it is about.

    Signals
    -------
    changed(str, str, bool) : text (empty: withdrawn), topic, error; another status line
        can mirror this one with it.
    """

    changed = Signal(str, str, bool)

    def __init__(self, parent=None, error_style: str = ERROR_STYLE, wrap: bool = True) -> None:
        super().__init__(parent)
        self._topic = ""
        self._error = False
        self._render: Callable[[], str] | None = None
        self._error_style = error_style
        self.setWordWrap(wrap)
        if not wrap:
            # One line that never widens nor heightens the window (a window status bar):
            # a long message is cut at the edge and shown whole in the tooltip.
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    @property
    def topic(self) -> str:
        """The topic of the message shown ("" when none is)."""
        return self._topic if self.text() else ""

    @property
    def is_error(self) -> bool:
        return bool(self.text()) and self._error

    def say(self, text: str | Callable[[], str], topic: str, error: bool = False) -> None:
        """Show ``text`` about ``topic`` (an empty text withdraws ``topic``). ``text``
        may be a function that words the message: it is called now and again whenever
        the language changes while the message is shown."""
        render = text if callable(text) else None
        if render is not None:
            text = render()
        if not text:
            self.withdraw(topic)
            return
        self._topic, self._error, self._render = topic, bool(error), render
        self._show(text)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.LanguageChange and self._render is not None
                and self.text()):
            self._show(self._render())
        super().changeEvent(event)

    def _show(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(text)
        self.setStyleSheet(self._error_style if self._error else "")
        self.changed.emit(text, self._topic, self._error)

    def withdraw(self, *topics: str) -> None:
        """Clear the message if it is about one of ``topics``: that thing has changed."""
        if self.text() and self._topic in topics:
            topic = self._topic
            self.clear()
            self._render = None
            self.setToolTip("")
            self.setStyleSheet("")
            self._error = False
            self.changed.emit("", topic, False)
