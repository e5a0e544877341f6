"""The shape every lesson has: a heading, a few sentences, "Show me", a live
demonstration and a question.

A lesson is a :class:`Lesson` subclass with a ``key``. It builds its demonstration in
:meth:`Lesson.build` (adding it with :meth:`Lesson.set_demo` and its question with
:meth:`Lesson.set_question`), words itself in :meth:`Lesson.title`, :meth:`Lesson.intro`
and :meth:`Lesson.retranslate`, and sets the app up in :meth:`Lesson.show_me` through
the state (one ``state.batch()``). Every number it shows is read from the engine.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.lessons.question import QuestionBox
from gui.state import LabState


class Lesson(QWidget):
    """One lesson.

    Parameters
    ----------
    state : LabState
        What the lesson sets up (in :meth:`show_me`) and reads.
    window : MainWindow
        For switching pages (``window.show_page("explore")``).

    Class attributes
    ----------------
    key : str
        The lesson's name in settings, lab files and the registry (e.g. "image_as_numbers").

    Attributes
    ----------
    heading, intro_label : QLabel
    show_me_button, glossary_button : QPushButton
    question : QuestionBox or None
        Set by :meth:`set_question`.

    Signals
    -------
    completed()
        The lesson's question was answered right.
    glossary_requested()
        The learner asked for the glossary (the Learn page shows it).
    """

    key: str = ""
    completed = Signal()
    glossary_requested = Signal()

    def __init__(self, state: LabState, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.main_window = window
        self.question: QuestionBox | None = None
        self._built = False
        self._waiting: dict = {}  # refreshes asked for while the lesson was out of sight

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.RichText)
        self.intro_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Minimum)
        self.show_me_button = QPushButton()
        self.show_me_button.clicked.connect(self._on_show_me_clicked)
        self.glossary_button = QPushButton()
        self.glossary_button.setFlat(True)
        self.glossary_button.clicked.connect(self.glossary_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_me_button)
        buttons.addStretch(1)
        buttons.addWidget(self.glossary_button)

        self.demo_area = QVBoxLayout()
        self.demo_area.setContentsMargins(0, 0, 0, 0)
        self.question_area = QVBoxLayout()
        self.question_area.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro_label)
        layout.addLayout(buttons)
        layout.addLayout(self.demo_area, 1)
        layout.addLayout(self.question_area)
        self.build()
        self._built = True
        self.retranslate()

    # --- what a lesson provides ------------------------------------------------------
    def build(self) -> None:
        """Make the demonstration and the question (called once, from the constructor,
        before the first :meth:`retranslate`)."""

    def title(self) -> str:
        """The lesson's title in the current language (contents list and heading)."""
        raise NotImplementedError

    def intro(self) -> str:
        """A few sentences (rich text) in the current language."""
        raise NotImplementedError

    def show_me(self) -> None:
        """Set the app up for the lesson, through the state, in one ``state.batch()``."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set every text in the current language; subclasses call this first, then word
        their demonstration and ask their question again."""
        self.heading.setText(self.title())
        self.intro_label.setText(self.intro())
        self.show_me_button.setText(QCoreApplication.translate("Lesson", "Show me"))
        self.show_me_button.setToolTip(QCoreApplication.translate("Lesson",
            "Set the lab up for this lesson: the picture, the filters and the settings"))
        self.glossary_button.setText(QCoreApplication.translate("Lesson", "Glossary…"))

    def _on_show_me_clicked(self) -> None:
        """Show me, and say where the learner's own filters went if it just kept them
        aside (the state does, see ``LabState.placing_filters``)."""
        kept_before = self.state.own_filters
        self.show_me()
        kept = self.state.own_filters
        if kept is None or kept == kept_before or self.main_window is None:
            return
        count = len(kept)
        self.main_window.show_message(lambda: QCoreApplication.translate(
            "Lesson", "The lesson's filters and settings are in the lab. Your own filters "
            "({0}) are kept: Filters ▸ Restore my filters brings them back.").format(count),
            topic="filters")

    # --- helpers ---------------------------------------------------------------------
    def set_demo(self, widget: QWidget, stretch: int = 1) -> QWidget:
        """Add ``widget`` to the demonstration area (below the buttons)."""
        self.demo_area.addWidget(widget, stretch)
        return widget

    def set_question(self, question: QuestionBox | None = None) -> QuestionBox:
        """Add the lesson's question (a new :class:`QuestionBox` for ``key`` when none is
        given); a right answer emits :attr:`completed`."""
        self.question = question or QuestionBox(self.key, self)
        self.question.answered.connect(self._on_answered)
        self.question_area.addWidget(self.question)
        return self.question

    def question_open(self) -> bool:
        """Whether the question still waits for its answer (not answered, not revealed):
        until then a lesson keeps the asked number off the screen."""
        return self.question is not None and self.question.verdict not in (
            "right", "wrong", "revealed")

    def is_done(self) -> bool:
        """Whether the question was answered right (in this run or an earlier one)."""
        from gui.lessons import progress

        remembered = progress.answer(self.key)
        return bool(remembered and remembered["right"])

    def _on_answered(self, right: bool) -> None:
        if right:
            self.completed.emit()

    def when_shown(self, refresh):
        """A slot for a state signal that calls ``refresh()`` now if the lesson is on
        show, or once when it is next shown: ten lessons recomputing their
        demonstrations out of sight made every explorer edit 10 ms slower."""
        def slot(*_args) -> None:
            # A window not on screen at all (a script, a test) gets every refresh now.
            if self.isVisible() or not self.window().isVisible():
                refresh()
            else:
                self._waiting[refresh] = True
        return slot

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        waiting, self._waiting = self._waiting, {}
        for refresh in waiting:
            refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslate()
        super().changeEvent(event)
