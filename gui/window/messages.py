"""The window's status bar: every page's messages in one line, withdrawn once stale.

Every message follows one rule (:mod:`gui.common.status_line`): it has a topic and is
withdrawn when what it is about changes. This module says which sources speak with which
topic, and which changes make which topics stale.
"""

from __future__ import annotations

from collections.abc import Callable

from gui.common.status_line import FILE, StatusLine

#: Topics of the Train page's messages get this prefix in the window's status bar.
TRAIN_TOPIC = "train."


class WindowMessages:
    """The status line (``status``) and what feeds and clears it.

    Parameters
    ----------
    window : MainWindow
        Its status bar gets the line; its pages and state are the sources.
    """

    def __init__(self, window) -> None:
        self.status = StatusLine(wrap=False)
        window.statusBar().addWidget(self.status, 1)
        state, explorer = window.state, window.explorer
        # The image panel and the Classify page speak only when a picture could not be
        # opened; an empty message from the Classify page means it classified one.
        explorer.image_panel.message.connect(lambda text: self.show(text, error=True))
        window.classify.message.connect(lambda text: self.show(text, error=bool(text)))
        explorer.filter_panel.message.connect(lambda text: self.show(text, topic="filters"))
        # The Train page keeps its own status line; this one repeats it.
        window.training.status.changed.connect(
            lambda text, topic, error: self.show(text, error, TRAIN_TOPIC + topic))
        state.explore_failed.connect(
            lambda text: self.show(text, error=True, topic="explore"))
        state.explored.connect(lambda _: self.status.withdraw("explore"))
        stale_after_change = (FILE, TRAIN_TOPIC + FILE)
        state.source_changed.connect(lambda: self.status.withdraw(*stale_after_change))
        state.filters_changed.connect(
            lambda: self.status.withdraw("filters", *stale_after_change))
        state.model_changed.connect(lambda: self.status.withdraw(*stale_after_change))

    def show(self, text: str | Callable[[], str], error: bool = False,
             topic: str = FILE) -> None:
        """Show ``text`` (or the message a function words, worded again on a language
        change while it is shown); an empty text withdraws ``topic``."""
        self.status.say(text, topic, error)

    def say(self, render: Callable[[], str], error: bool = False, topic: str = FILE) -> None:
        """Show the window's own message ``render()`` (the form the menu commands use)."""
        self.status.say(render, topic, error)
