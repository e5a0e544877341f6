"""The Learn page: the lessons in order, a contents list showing what was done, Back and
Next, and the glossary.

The page is the first tab ("0 · Learn"), not a side panel: each lesson carries its own
live demonstration, so it needs the whole width at 1024×700, and a learner reads the
lessons before the pages they lead to ("Show me" and the lessons' links switch pages).
The learner's place and answers are remembered between runs (:mod:`gui.lessons.progress`).
A lab file saves and restores the place through :attr:`LearnPage.current_key` and
:meth:`LearnPage.show_lesson`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.lessons import progress
from gui.lessons.base import Lesson
from gui.lessons.glossary import GlossaryWindow
from gui.lessons.registry import LESSONS
from gui.state import LabState


class LearnPage(QWidget):
    """The lessons of :data:`gui.lessons.registry.LESSONS`.

    The lessons are made when the window hands itself over (:meth:`attach_window`), since
    they switch its pages.

    Attributes
    ----------
    lessons : list of Lesson
    contents : QListWidget
        One row per lesson; a done lesson (its question answered right) is ticked.
    back_button, next_button : QPushButton
    place_label : QLabel
        "Lesson 2 of 7".

    Signals
    -------
    lesson_changed(str)
        Another lesson was opened (its key).
    """

    lesson_changed = Signal(str)

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.main_window = None
        self.lessons: list[Lesson] = []
        self.glossary: GlossaryWindow | None = None
        self._built = False

        self.contents_label = QLabel()
        self.contents_label.setStyleSheet("font-weight: bold;")
        self.contents = QListWidget()
        self.contents.setMinimumWidth(170)
        self.contents.setMaximumWidth(240)
        self.contents.setWordWrap(True)  # long Japanese titles wrap instead of scrolling
        self.contents.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.contents.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.currentRowChanged.connect(self._on_row_changed)
        self.glossary_button = QPushButton()
        self.glossary_button.clicked.connect(self.show_glossary)
        side = QVBoxLayout()
        side.addWidget(self.contents_label)
        side.addWidget(self.contents, 1)
        side.addWidget(self.glossary_button)

        # No scroll area: every lesson is laid out to fit 1024×700 (a scroll area would
        # also give the lessons their preferred, taller height instead of the room there is).
        self.stack = QStackedWidget()
        # Only the lesson on show asks for room: the page is as tall as that lesson, not
        # as its tallest one (which made a 700-pixel window 702 pixels tall).
        self.stack.currentChanged.connect(self._size_to_current)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton()
        self.next_button.clicked.connect(lambda: self.step(1))
        self.place_label = QLabel()
        steps = QHBoxLayout()
        steps.addWidget(self.back_button)
        steps.addStretch(1)
        steps.addWidget(self.place_label)
        steps.addStretch(1)
        steps.addWidget(self.next_button)
        main = QVBoxLayout()
        main.addWidget(self.stack, 1)
        main.addLayout(steps)

        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addLayout(main, 1)
        self.retranslate()

    def _size_to_current(self, index: int) -> None:
        for i in range(self.stack.count()):
            policy = (QSizePolicy.Policy.Preferred if i == index
                      else QSizePolicy.Policy.Ignored)
            self.stack.widget(i).setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def attach_window(self, window) -> None:
        """Make the lessons for ``window`` and open the lesson the learner was last on."""
        self.main_window = window
        for lesson_class in LESSONS:
            lesson = lesson_class(self.state, window)
            lesson.completed.connect(self._update_contents)
            lesson.glossary_requested.connect(self.show_glossary)
            self.lessons.append(lesson)
            self.stack.addWidget(lesson)
            self.contents.addItem(QListWidgetItem())
        self._built = True
        self._size_to_current(self.stack.currentIndex())
        keys = [lesson.key for lesson in self.lessons]
        place = progress.place(keys[0] if keys else "")
        self.show_lesson(place if place in keys else keys[0], remember=False)
        self.retranslate()

    # --- the learner's place ---------------------------------------------------------
    @property
    def current(self) -> Lesson | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Lesson) else None

    @property
    def current_key(self) -> str:
        """The key of the lesson on screen (what a lab file saves)."""
        lesson = self.current
        return lesson.key if lesson is not None else ""

    def show_lesson(self, key: str, remember: bool = True) -> Lesson:
        """Open the lesson ``key`` (a :attr:`Lesson.key`); raises KeyError for none."""
        keys = [lesson.key for lesson in self.lessons]
        if key not in keys:
            raise KeyError(key)
        index = keys.index(key)
        lesson = self.lessons[index]
        self.stack.setCurrentIndex(index)
        if self.contents.currentRow() != index:
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(index)
            self.contents.blockSignals(False)
        if remember:
            progress.remember_place(key)
        self._update_steps()
        self.lesson_changed.emit(key)
        return lesson

    def show_lesson_number(self, number: int) -> Lesson:
        """Open lesson ``number`` as the learner counts them (1 = the first)."""
        if not 1 <= number <= len(self.lessons):
            raise IndexError(f"there are lessons 1 to {len(self.lessons)}, not {number}")
        return self.show_lesson(self.lessons[number - 1].key)

    def step(self, by: int) -> None:
        """Open the next (``by`` = 1) or previous (-1) lesson."""
        index = self.stack.currentIndex() + by
        if 0 <= index < len(self.lessons):
            self.show_lesson(self.lessons[index].key)

    def _on_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.lessons):
            self.show_lesson(self.lessons[row].key)

    def _update_steps(self) -> None:
        index, count = self.stack.currentIndex(), len(self.lessons)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < count - 1)
        self.place_label.setText(self.tr("Lesson %1 of %2").replace(
            "%1", str(index + 1)).replace("%2", str(count)))

    def _update_contents(self) -> None:
        done_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        for index, lesson in enumerate(self.lessons):
            item = self.contents.item(index)
            done = lesson.is_done()
            item.setText(self.tr("%1. %2").replace("%1", str(index + 1)).replace(
                "%2", lesson.title()))
            item.setIcon(done_icon if done else self._blank_icon())
            item.setToolTip(self.tr("Done: its question was answered right.") if done
                            else self.tr("Not done yet."))

    @staticmethod
    def _blank_icon() -> QIcon:
        # The same room as the tick, so the titles line up.
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        return QIcon(pixmap)

    @property
    def answers(self) -> dict:
        """Every lesson's remembered answer, ``{key: {"given": text, "right": bool}}``
        (what a lab file saves)."""
        found = {lesson.key: progress.answer(lesson.key) for lesson in self.lessons}
        return {key: value for key, value in found.items() if value is not None}

    def set_answers(self, answers: dict) -> None:
        """Take the answers of a lab file: remembered as if given here, then shown."""
        keys = {lesson.key for lesson in self.lessons}
        for key, value in answers.items():
            if (key in keys and isinstance(value, dict)
                    and isinstance(value.get("given"), str)
                    and isinstance(value.get("right"), bool)):
                progress.remember_answer(key, value["given"], value["right"])
        for lesson in self.lessons:
            if lesson.question is not None and lesson.key in answers:
                lesson.question.forget_verdict()
                lesson.retranslate()  # asks again, which shows the remembered answer
        self._update_contents()

    def done_keys(self) -> list[str]:
        return [lesson.key for lesson in self.lessons if lesson.is_done()]

    # --- glossary and the first run --------------------------------------------------
    def show_glossary(self) -> GlossaryWindow:
        """Show (and raise) the glossary, making it the first time."""
        if self.glossary is None:
            self.glossary = GlossaryWindow(self.window())
        self.glossary.show()
        self.glossary.raise_()
        self.glossary.activateWindow()
        return self.glossary

    def offer_first_lesson(self) -> QMessageBox | None:
        """On the very first run, offer the first lesson (without blocking: the box is
        shown with ``open()``); remembered either way, so it is offered once."""
        if progress.offered() or not self.lessons:
            return None
        progress.remember_offered()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Welcome to CNN Lab"),
                          self.tr("New to convolutional networks? The lessons on the Learn "
                                  "page walk through the idea one step at a time, each "
                                  "with something to try and a question."), parent=self)
        start = box.addButton(self.tr("Start the first lesson"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)

        def answered() -> None:
            if box.clickedButton() is start:
                self.start_first_lesson()
        box.finished.connect(answered)
        box.open()
        return box

    def start_first_lesson(self) -> None:
        lesson = self.show_lesson(self.lessons[0].key)
        if self.main_window is not None:
            self.main_window.show_page("learn")
        lesson.show_me()

    # --- language ------------------------------------------------------------------
    def retranslate(self) -> None:
        self.contents_label.setText(self.tr("Lessons"))
        self.glossary_button.setText(self.tr("Glossary…"))
        self.glossary_button.setToolTip(self.tr(
            "Every term the lessons use, in English and Japanese, and where to see it"))
        self.back_button.setText(self.tr("← Back"))
        self.next_button.setText(self.tr("Next →"))
        self._update_steps()
        self._update_contents()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
