"""The drawing model behind the paint canvas: strokes rasterised in picture pixels, undo."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from gui.common.draw_canvas import DrawCanvas
from gui.common.drawing import MAX_UNDO, Drawing


@pytest.fixture
def drawing(qapp):
    return Drawing(resolution=(40, 60), pen_width=4)


def test_a_new_drawing_is_blank_paper_of_its_resolution(drawing):
    assert drawing.resolution == (40, 60)
    picture = drawing.image()
    assert picture.shape == (40, 60, 3)
    assert drawing.is_blank() and not drawing.can_undo() and not drawing.stroking


def test_a_stroke_inks_the_pixels_along_its_line_only(drawing):
    drawing.begin_stroke(QPointF(10, 20))
    assert drawing.stroking
    assert drawing.end_stroke(QPointF(50, 20))
    gray = drawing.image()[..., 0]
    assert gray[20, 10:51].max() == 0.0      # ink along the line
    assert gray[20, 30] == 0.0
    assert gray[5, 30] == 1.0 and gray[35, 30] == 1.0  # paper above and below
    assert not drawing.stroking and drawing.can_undo()


def test_a_click_leaves_a_round_dot(drawing):
    drawing.begin_stroke(QPointF(30, 20))
    assert not drawing.end_stroke(QPointF(30, 20))
    ink = drawing.image()[..., 0] < 0.5
    rows, cols = np.nonzero(ink)
    assert ink[20, 30]
    assert rows.max() - rows.min() <= 5 and cols.max() - cols.min() <= 5


def test_erasing_strokes_paint_paper_and_undo_restores_each_step(drawing):
    drawing.pen_width = 10
    drawing.begin_stroke(QPointF(5, 20))
    drawing.end_stroke(QPointF(55, 20))
    inked = drawing.image()
    drawing.begin_stroke(QPointF(30, 20), erase=True)
    drawing.end_stroke(QPointF(30, 20))
    assert drawing.image()[20, 30, 0] == 1.0
    assert drawing.undo()
    assert np.array_equal(drawing.image(), inked)
    assert drawing.undo() and drawing.is_blank()
    assert not drawing.undo()


def test_clear_is_undoable_and_refused_on_blank_paper(drawing):
    assert not drawing.clear()
    drawing.begin_stroke(QPointF(10, 10))
    drawing.end_stroke(QPointF(20, 10))
    assert drawing.clear() and drawing.is_blank()
    assert drawing.undo() and not drawing.is_blank()


def test_undo_keeps_only_the_last_steps(drawing):
    for step in range(MAX_UNDO + 5):
        drawing.begin_stroke(QPointF(step % 60, 5))
        drawing.end_stroke(QPointF(step % 60, 5))
    undone = 0
    while drawing.undo():
        undone += 1
    assert undone == MAX_UNDO


def test_resolution_and_pen_width_are_checked_and_a_new_size_starts_afresh(drawing):
    drawing.begin_stroke(QPointF(10, 10))
    drawing.end_stroke(QPointF(20, 10))
    with pytest.raises(ValueError):
        drawing.resolution = 0
    with pytest.raises(ValueError):
        drawing.pen_width = 61
    assert drawing.resolution == (40, 60) and not drawing.is_blank()
    drawing.resolution = 28
    assert drawing.resolution == (28, 28) and drawing.is_blank() and not drawing.can_undo()


def test_the_canvas_says_when_undo_becomes_possible_and_impossible(qtbot):
    canvas = DrawCanvas(resolution=50)
    qtbot.addWidget(canvas)
    canvas.resize(50, 50)
    canvas.show()
    qtbot.waitExposed(canvas)
    reports = []
    canvas.undo_available.connect(reports.append)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(30, 10))
    canvas.clear()
    canvas.undo()
    canvas.undo()
    assert reports == [True, True, False]   # first stroke; one step left; none left
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    canvas.resolution = 40                   # a new size starts with nothing to undo
    assert reports[-2:] == [True, False]
    assert canvas.drawing.resolution == (40, 40) and canvas.is_blank()


def test_the_picture_is_shown_as_large_as_fits_and_mouse_points_map_back(drawing):
    shown = drawing.shown_rect(120, 200)           # 60 wide × 40 high, in a tall area
    assert (shown.x(), shown.y(), shown.width(), shown.height()) == (0, 60, 120, 80)
    centre = drawing.to_picture(QPointF(60, 100), shown)
    assert (centre.x(), centre.y()) == (30, 20)
    corner = drawing.to_picture(QPointF(120, 140), shown)
    assert (corner.x(), corner.y()) == (60, 40)
