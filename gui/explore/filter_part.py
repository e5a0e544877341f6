"""What the parts of the filter panel share: they change the lab's state and tell the
panel, through signals, what to say about it.

A part never shows a message itself: the panel (:class:`gui.explore.filter_panel.FilterPanel`)
keeps one message line under the editor for all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from gui.common.error_text import error_text
from gui.state import LabState

#: Words a message in the current language: called when shown and on a language change.
Words = Callable[[], str]


class FilterPart(QWidget):
    """A piece of the filter panel bound to ``state``; its layout has no margins, so the
    panel's layout spaces it as if its widgets were the panel's own.

    Signals
    -------
    refused(words)
        The state refused a change; ``words`` words why. What the part shows may no
        longer be what the state holds: the panel shows the message and refreshes.
    said(words)
        A message that is no refusal (e.g. a typed value was clamped).
    applied()
        A change went through: the message on show is stale.
    """

    refused = Signal(object)
    said = Signal(object)
    applied = Signal()

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state

    def _apply(self, change, *args) -> bool:
        """Run a state method; a refusal becomes a message, never an exception."""
        try:
            change(*args)
        except ValueError as error:
            self.refused.emit(partial(error_text, error))
            return False
        self.applied.emit()
        return True


def push_button(slot) -> QPushButton:
    """A push button that runs ``slot`` and never becomes a dialog's default button."""
    button = QPushButton()
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button
