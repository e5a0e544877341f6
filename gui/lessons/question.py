"""A lesson's question: a typed number (with a tolerance) or a choice, checked by the app.

The lesson asks with :meth:`QuestionBox.ask_number` or :meth:`QuestionBox.ask_choice`,
giving the prompt, the right answer (read from the engine) and the worked answer, all
already in the current language; it asks again from its ``retranslate`` and whenever the
numbers change. The box checks what the learner gave, says right or wrong and shows the
worked answer; "Show the answer" reveals it without answering. Nothing here blocks moving
on. The last answer given is remembered (:mod:`gui.lessons.progress`) and shown again,
checked against the current right answer, when the box is asked next.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.lessons import progress

NUMBER = "number"
CHOICE = "choice"


# Digits in groups of three after the first: "32,768", "1,000.5", "32 768".
_GROUPED = re.compile(r"-?[1-9]\d{0,2}(?P<mark>[, ])\d{3}(?:(?P=mark)\d{3})*(?:\.\d+)?")
_FRACTION = re.compile(r"(-?\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)")


def parse_number(text: str) -> float | None:
    """The number a learner typed, or None: full-width digits and a real minus sign are
    accepted (a Japanese keyboard gives them), digits grouped in thousands ("32,768",
    "32 768"), a comma as the decimal mark otherwise ("0,25") and a fraction ("1/2")."""
    text = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "").replace(" ", "")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    fraction = _FRACTION.fullmatch(text)
    try:
        if fraction is not None:
            value = float(fraction[1]) / float(fraction[2])
        else:
            value = float(text)
    except (ValueError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


class QuestionBox(QFrame):
    """One question, its answer field and its verdict.

    Parameters
    ----------
    key : str
        Where the answer is remembered (the lesson's key).

    Attributes
    ----------
    prompt_label, verdict_label : QLabel
    number_edit : QLineEdit
        The typed answer (shown for number questions).
    choice_buttons : list of QRadioButton
        One per choice (for choice questions).
    check_button, reveal_button : QPushButton

    Signals
    -------
    answered(bool)
        The learner checked an answer: True when it was right.
    """

    answered = Signal(bool)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.kind = NUMBER
        self._answer: float | int = 0.0
        self._tolerance = 0.0
        self._worked = ""
        self._state = ""  # "", "right", "wrong" or "revealed": what the verdict says
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("QuestionBox")

        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.prompt_label = QLabel()
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.RichText)
        self.number_edit = QLineEdit()
        self.number_edit.setMaximumWidth(140)
        self.number_edit.returnPressed.connect(self.check)
        self.choice_row = QWidget()
        self.choice_layout = QHBoxLayout(self.choice_row)
        self.choice_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: list[QRadioButton] = []
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.reveal_button = QPushButton()
        self.reveal_button.setFlat(True)
        self.reveal_button.clicked.connect(self.reveal)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)

        row = QHBoxLayout()
        row.addWidget(self.number_edit)
        row.addWidget(self.choice_row)
        row.addWidget(self.check_button)
        row.addWidget(self.reveal_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompt_label)
        layout.addLayout(row)
        layout.addWidget(self.verdict_label)
        self.retranslate()

    # --- asking --------------------------------------------------------------------
    def ask_number(self, prompt: str, answer: float, worked: str,
                   tolerance: float = 0.0) -> None:
        """Ask for a number: right when within ``tolerance`` of ``answer``."""
        self.kind = NUMBER
        self._answer, self._tolerance = float(answer), float(tolerance)
        self._set_choices([])
        self.number_edit.show()
        self._ask(prompt, worked)

    def ask_choice(self, prompt: str, choices: list[str], answer: int, worked: str) -> None:
        """Ask to pick one of ``choices``: right when it is ``choices[answer]``."""
        self.kind = CHOICE
        self._answer = int(answer)
        self.number_edit.hide()
        self._set_choices(choices)
        self._ask(prompt, worked)

    def _set_choices(self, choices: list[str]) -> None:
        # The buttons are kept and reworded (a language change asks again with the same
        # choices in other words), so the learner's pick stays.
        while len(self.choice_buttons) > len(choices):
            button = self.choice_buttons.pop()
            self.choice_group.removeButton(button)
            button.setParent(None)
            button.deleteLater()
        while len(self.choice_buttons) < len(choices):
            button = QRadioButton()
            self.choice_group.addButton(button, len(self.choice_buttons))
            self.choice_layout.addWidget(button)
            self.choice_buttons.append(button)
        for button, text in zip(self.choice_buttons, choices, strict=True):
            button.setText(text)
        self.choice_row.setVisible(bool(choices))

    def _ask(self, prompt: str, worked: str) -> None:
        self.prompt_label.setText(prompt)
        self._worked = worked
        remembered = progress.answer(self.key)
        if remembered is not None and not self._state:
            self._show_given(remembered["given"])
        if self._state in ("right", "wrong") or (remembered is not None and not self._state):
            self._judge(remember=False)
        else:
            self._show_verdict()

    def _show_given(self, given: str) -> None:
        if self.kind == NUMBER:
            self.number_edit.setText(given)
        else:
            try:
                index = int(given)
            except ValueError:
                return
            if 0 <= index < len(self.choice_buttons):
                self.choice_buttons[index].setChecked(True)

    # --- checking ------------------------------------------------------------------
    def given(self) -> str:
        """What the learner gave: the typed text, or the picked choice's index."""
        if self.kind == NUMBER:
            return self.number_edit.text().strip()
        picked = self.choice_group.checkedId()
        return "" if picked < 0 else str(picked)

    def is_right(self, given: str) -> bool | None:
        """Whether ``given`` is right; None when it is no answer at all."""
        if self.kind == NUMBER:
            value = parse_number(given)
            if value is None:
                return None
            return abs(value - self._answer) <= self._tolerance + 1e-9 * max(1.0, abs(value))
        if not given:
            return None
        return int(given) == self._answer

    def check(self) -> bool | None:
        """Check the learner's answer, say right or wrong, remember it and emit
        :attr:`answered`; None (and a hint) when nothing usable was given."""
        return self._judge(remember=True)

    def _judge(self, remember: bool) -> bool | None:
        given = self.given()
        right = self.is_right(given)
        if right is None:
            unreadable = self.kind == NUMBER and bool(self.number_edit.text().strip())
            self._state = ("unreadable" if unreadable else "empty") if remember else ""
            self._show_verdict()
            return None
        self._state = "right" if right else "wrong"
        self._show_verdict()
        if remember:
            progress.remember_answer(self.key, given, right)
            self.answered.emit(right)
        return right

    def forget_verdict(self) -> None:
        """Forget what this run said, so the next ask shows the remembered answer."""
        self._state = ""

    def reveal(self) -> None:
        """Show the worked answer without answering."""
        self._state = "revealed"
        self._show_verdict()

    @property
    def verdict(self) -> str:
        """"right", "wrong", "revealed", "empty" (checked with nothing given),
        "unreadable" (checked with text that is not a number) or ""."""
        return self._state

    def _show_verdict(self) -> None:
        if self._state == "right":
            text = self.tr("<b>Right.</b> %1").replace("%1", self._worked)
            colour = "#1b7a2b"
        elif self._state == "wrong":
            text = self.tr("<b>Not quite.</b> %1").replace("%1", self._worked)
            colour = "#b3261e"
        elif self._state == "revealed":
            text = self._worked
            colour = ""
        elif self._state == "unreadable":
            typed = html.escape(self.number_edit.text().strip())
            text = self.tr("“%1” is not a number this box can read: type digits, such as "
                           "0.5, −3 or 1/2.").replace("%1", typed)
            colour = ""
        elif self._state == "empty":
            text = (self.tr("Type a number first, then press Check.") if self.kind == NUMBER
                    else self.tr("Pick one of the answers first, then press Check."))
            colour = ""
        else:
            text, colour = "", ""
        self.verdict_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.verdict_label.setText(text)
        self.verdict_label.setVisible(bool(text))

    # --- language ------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Question"))
        self.check_button.setText(self.tr("Check"))
        self.reveal_button.setText(self.tr("Show the answer"))
        self.number_edit.setPlaceholderText(self.tr("your answer"))
        self._show_verdict()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
