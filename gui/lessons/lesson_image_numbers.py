"""Lesson 1, an image is numbers: a small picture binarised (white 0, black 1) beside the
grid of numbers the filters will see."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from gui.common import samples
from gui.common.number_format import format_number, shown_index
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.grid_view import TARGET_COLOUR, Frame, GridView

#: The small pictures the lesson offers (9×9 or 7×7 patterns of ink and paper).
PICTURES = ("pattern:x", "pattern:o", "pattern:plus", "pattern:smiley")


class ImageNumbersLesson(Lesson):
    """The picture as the learner sees it, and as numbers; the question hides one
    cell's number (the centre cell) until it is answered.

    Attributes
    ----------
    picture : GridView
        The picture, drawn without numbers (its cells' darkness only).
    numbers : GridView
        The same cells as numbers (``state.image``); the asked cell reads "?".
    picture_box : QComboBox
        The picture on show: "The lab's picture" (whatever the lab holds), or one of
        the small patterns, which choosing loads (as Show me does).
    """

    key = "image_as_numbers"

    def build(self) -> None:
        self._loaded: tuple[str, object] | None = None  # (pattern, the state's source)
        self.picture_box = QComboBox()
        self.picture_box.addItem("", None)  # the lab's own picture, whatever it is
        for key in PICTURES:
            self.picture_box.addItem("", key)
        self.picture_box.currentIndexChanged.connect(self._on_picture_chosen)
        self.picture = GridView()
        self.picture.show_numbers = False
        self.numbers = GridView()
        self.picture.hovered.connect(self.numbers.set_hover)
        self.numbers.hovered.connect(self.picture.set_hover)
        self.picture_label, self.numbers_label, self.pick_label = QLabel(), QLabel(), QLabel()
        demo = QWidget()
        grid = QGridLayout(demo)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.pick_label, 0, 0)
        grid.addWidget(self.picture_box, 0, 1)
        grid.addWidget(self.picture_label, 1, 0, 1, 2)
        grid.addWidget(self.numbers_label, 1, 2)
        grid.addWidget(self.picture, 2, 0, 1, 2)
        grid.addWidget(self.numbers, 2, 2)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.set_demo(demo)
        self.set_question()
        self.question.reveal_button.clicked.connect(self.refresh)
        self.state.image_changed.connect(self.when_shown(self.refresh))

    def title(self) -> str:
        return self.tr("An image is numbers")

    def intro(self) -> str:
        return self.tr(
            "<p>A network never sees a picture, only numbers. The picture is read cell by "
            "cell into a grid of values. The small pictures here are binarised, so white "
            "paper becomes 0 and black ink becomes 1, as in the study note; in a grey "
            "picture each cell holds a value between the two.</p>"
            "<p>Press <b>Show me</b> to put the small picture into the lab. Move the mouse "
            "over either grid to see which number belongs to which cell.</p>")

    def show_me(self) -> None:
        key = self.picture_box.currentData() or PICTURES[0]
        with self.state.batch():
            self.state.set_source(samples.load_sample(key), samples.label(key))
            self.state.set_preprocess(Preprocess(color="gray", size=None, binarize=True,
                                                 threshold=0.5, invert=False))
        self._loaded = (key, self.state.source)
        self.refresh()

    def _on_picture_chosen(self, _index: int) -> None:
        if self.picture_box.currentData() is not None:
            self.show_me()

    def _shown_pattern(self) -> str | None:
        """The pattern the lab holds, loaded here, or None for any other picture."""
        loaded = self._loaded
        return loaded[0] if loaded is not None and loaded[1] is self.state.source else None

    def asked_cell(self) -> tuple[int, int]:
        """The cell whose number the question hides: the centre of the picture."""
        _, height, width = self.state.image.shape
        return height // 2, width // 2

    def refresh(self) -> None:
        # The box names the picture on show: a pattern only while the lab holds it.
        index = self.picture_box.findData(self._shown_pattern())
        if index != self.picture_box.currentIndex():
            self.picture_box.blockSignals(True)
            self.picture_box.setCurrentIndex(max(index, 0))
            self.picture_box.blockSignals(False)
        image = self.state.image[0]
        self.picture.set_values(image)
        # A binarised picture holds 0s and 1s; a grey one (the lab's, not binarised) the
        # greys between, written with the two decimals the question asks for.
        whole = bool(np.all(image == np.round(image)))
        self.numbers.set_values(image, decimals=0 if whole else 2)
        row, col = self.asked_cell()
        answered = self.question.verdict in ("right", "wrong", "revealed")
        self.numbers.hidden = set() if answered else {(row, col)}
        frame = [Frame(range(row, row + 1), range(col, col + 1), TARGET_COLOUR)]
        self.picture.set_frames(frame)
        self.numbers.set_frames(frame)
        self._ask()

    def _ask(self) -> None:
        row, col = self.asked_cell()
        value = float(self.state.image[0, row, col])
        prompt = self.tr(
            "The blue frame marks the cell in row %1, column %2. What number will that "
            "cell hold in the grid?").replace("%1", str(shown_index(row))).replace(
            "%2", str(shown_index(col)))
        if value == 1:
            worked = self.tr(
                "The cell is black ink in the picture, so it holds %1: white paper is 0, "
                "black ink is 1.")
        elif value == 0:
            worked = self.tr(
                "The cell is white paper in the picture, so it holds %1: white paper is 0, "
                "black ink is 1.")
        else:
            worked = self.tr(
                "The cell is grey in the picture, so it holds %1: white paper is 0, black "
                "ink is 1, and a grey lies between, the darker the nearer to 1.")
        worked = worked.replace("%1", format_number(value))
        # A grey is shown to two decimals: any answer that rounds to them is right.
        tolerance = 0.0 if value == round(value) else 0.005
        self.question.ask_number(prompt, value, worked, tolerance=tolerance)

    def _on_answered(self, right: bool) -> None:
        self.numbers.hidden = set()
        self.numbers.update()
        super()._on_answered(right)

    def retranslate(self) -> None:
        super().retranslate()
        self.picture_box.setItemText(0, self.tr("The lab's picture"))
        for index, key in enumerate(PICTURES, start=1):
            self.picture_box.setItemText(index, samples.label(key))
        self.pick_label.setText(self.tr("Picture:"))
        self.picture_label.setText(self.tr("What you see"))
        self.numbers_label.setText(self.tr("What the network sees"))
        self.refresh()
