"""What the mouse and keys do on a DrawCanvas (gui.common.draw_input.CanvasInput)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui import i18n
from gui.common.draw_canvas import DrawCanvas

LEFT, RIGHT, MIDDLE = (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton,
                       Qt.MouseButton.MiddleButton)


class Paper(QWidget):
    """The canvas's parent, which records the mouse presses the canvas passes on."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = []
        self.canvas = DrawCanvas(resolution=40, pen_width=6)
        QVBoxLayout(self).addWidget(self.canvas)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.presses.append(event.button())


@pytest.fixture
def paper(qtbot):
    widget = Paper()
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def ink(canvas) -> float:
    return float((1.0 - canvas.image()).sum())


def drag(qtbot, canvas, button, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(canvas, button, pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, button, pos=end)


def test_left_draws_right_erases_and_the_eraser_makes_left_erase(paper, qtbot):
    canvas = paper.canvas
    middle = canvas.rect().center()
    drag(qtbot, canvas, LEFT, middle - QPoint(40, 0), middle + QPoint(40, 0))
    drawn = ink(canvas)
    assert drawn > 0
    drag(qtbot, canvas, RIGHT, middle - QPoint(10, 0), middle + QPoint(10, 0))
    assert 0 < ink(canvas) < drawn
    left_over = ink(canvas)
    canvas.set_eraser(True)
    drag(qtbot, canvas, LEFT, middle - QPoint(40, 0), middle + QPoint(40, 0))
    assert ink(canvas) < left_over
    assert paper.presses == []  # the canvas used every press


def test_other_buttons_go_on_to_the_parent_and_leave_the_paper_blank(paper, qtbot):
    qtbot.mouseClick(paper.canvas, MIDDLE, pos=paper.canvas.rect().center())
    assert paper.presses == [MIDDLE]
    assert paper.canvas.is_blank()


def test_delete_clears_and_undo_brings_the_stroke_back(paper, qtbot):
    canvas = paper.canvas
    canvas.setFocus()
    middle = canvas.rect().center()
    drag(qtbot, canvas, LEFT, middle - QPoint(30, 20), middle + QPoint(30, 20))
    before = canvas.image()
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.is_blank()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert np.array_equal(canvas.image(), before)


def test_the_default_tooltip_follows_the_language_and_an_owners_one_stays(qtbot):
    plain, owned = DrawCanvas(), DrawCanvas()
    for canvas in (plain, owned):
        qtbot.addWidget(canvas)
    owned.setToolTip("the owner's words")
    try:
        i18n.set_language("ja")
        assert plain.toolTip() == "左ボタンで描き、右ボタンで消します。"
        assert owned.toolTip() == "the owner's words"
    finally:
        i18n.set_language("en")
    assert plain.toolTip() == "Draw with the left mouse button, erase with the right one."


def test_a_stroke_whose_release_went_elsewhere_ends_and_draws_no_more(paper, qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    canvas = paper.canvas
    middle = canvas.rect().center()
    qtbot.mousePress(canvas, LEFT, pos=middle - QPoint(40, 0))
    assert canvas.drawing.stroking
    dot = ink(canvas)
    # The page switched away (by key, the mouse still down) and back: the release
    # went to another widget.
    with qtbot.waitSignal(canvas.drawn, timeout=1000):
        paper.hide()
    paper.show()
    qtbot.waitExposed(paper)
    assert not canvas.drawing.stroking
    qtbot.mouseMove(canvas, middle + QPoint(40, 0))
    assert ink(canvas) == dot  # a move with no button down draws nothing

    # Pressed again, then released outside the window where the canvas never heard it:
    # the next move without a button ends the stroke where it was.
    qtbot.mousePress(canvas, LEFT, pos=middle + QPoint(0, 40))
    drawn = ink(canvas)
    position = QPointF(middle - QPoint(0, 40))
    move = QMouseEvent(QMouseEvent.Type.MouseMove, position, canvas.mapToGlobal(position),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, move)
    assert not canvas.drawing.stroking and ink(canvas) == drawn
    drag(qtbot, canvas, LEFT, middle - QPoint(30, 30), middle + QPoint(30, 30))
    assert ink(canvas) > drawn  # the next stroke draws as usual
