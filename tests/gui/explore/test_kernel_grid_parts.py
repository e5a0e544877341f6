"""The kernel grid's parts on their own: weights as text, where cells sit, the read-only
view, the in-place editor and the mouse/key gestures (the whole grid inside the filter
panel is tested in test_filter_panel.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from gui.explore.kernel_grid import KernelGrid, KernelView, compact_value
from gui.explore.kernel_grid.cell_editor import CellEditor
from gui.explore.kernel_grid.cells import MARGIN, CellLayout, height_for_width, min_cell
from gui.explore.kernel_grid.view import HIGHLIGHT_FRAME
from gui.explore.kernel_grid.weight_text import (
    WeightTextError,
    could_become_number,
    is_complete_number,
    parse_value,
    refusal_text,
)
from gui.state.errors import StateError


def wheel_event(widget: QWidget, pos: QPoint, notches: int = 1) -> QWheelEvent:
    return QWheelEvent(QPointF(pos), QPointF(widget.mapToGlobal(pos)), QPoint(0, 0),
                       QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)


# --- weight_text ----------------------------------------------------------------------

def test_typed_text_is_refused_with_a_code_or_the_states_error():
    with pytest.raises(WeightTextError) as caught:
        parse_value("abc")
    assert caught.value.code == "not_a_number"
    with pytest.raises(WeightTextError) as caught:
        parse_value("3/0")
    assert caught.value.code == "divide_by_zero"
    with pytest.raises(StateError) as caught:
        parse_value("2e3")
    assert caught.value.code == "weight_too_large"
    assert refusal_text(WeightTextError("divide_by_zero")) == \
        "Not a usable weight: cannot divide by zero."
    assert refusal_text(caught.value) == \
        "Not a usable weight: Weights are limited to ±1000; 2000 is too large."


def test_partial_and_complete_numbers():
    for typing in ("", "-", ".", "1e", "1/", "-.5e-"):
        assert could_become_number(typing) and not is_complete_number(typing)
    for done in ("1", "-0.5", "1/9", " 2e-3 / 4 "):
        assert could_become_number(done) and is_complete_number(done)
    assert not could_become_number("x1")


def test_compact_values_for_small_cells():
    assert [compact_value(v) for v in (0.25, -0.5, 0.001, 12.5, -3.0)] == \
        [".25", "-.5", "0", "12", "-3"]


# --- cells ------------------------------------------------------------------------------

def test_cells_are_square_centred_and_found_again():
    layout = CellLayout((3, 5), 400, 200)
    assert layout.cell == pytest.approx(min(max((200 - 2 * MARGIN) / 3, 34), 64))
    left = layout.rect(0, 0).left()
    right = 400 - layout.rect(2, 4).right()
    assert left == pytest.approx(right)
    for row in range(3):
        for col in range(5):
            assert layout.cell_at(layout.rect(row, col).center().toPoint()) == (row, col)
    assert layout.cell_at(QPoint(0, 0)) is None
    assert layout.cell_at(QPoint(399, 100)) is None


def test_large_kernels_get_smaller_cells_and_height_follows_width():
    assert min_cell((3, 3)) == 34 and min_cell((15, 15)) == 19 and min_cell((12, 3)) == 24
    assert height_for_width((2, 4), 4 * 50 + 2 * MARGIN) == 2 * 50 + 2 * MARGIN


# --- the read-only view -----------------------------------------------------------------

def test_the_view_paints_the_highlight_and_takes_no_edits(qtbot):
    view = KernelView()
    qtbot.addWidget(view)
    view.set_values(np.zeros((3, 3)))
    view.set_highlight(1, 2)
    view.resize(view.sizeHint())
    view.show()
    qtbot.waitExposed(view)
    assert view.focusPolicy() == Qt.FocusPolicy.NoFocus
    rect = view.cell_rect(1, 2)
    frame = view.grab().toImage().pixelColor(rect.left() + 3, rect.center().y())
    assert frame == HIGHLIGHT_FRAME
    QApplication.sendEvent(view, wheel_event(view, rect.center()))
    assert not view.values().any()


# --- the in-place editor ------------------------------------------------------------

@pytest.fixture
def editor(qtbot):
    widget = CellEditor()
    qtbot.addWidget(widget)
    return widget


def test_the_editor_commits_a_usable_value(qtbot, editor):
    editor.start("1/4", select=False)
    assert editor.error() is None
    with qtbot.waitSignal(editor.committed, timeout=1000) as committed:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert committed.args == [0.25]


def test_the_editor_refuses_with_the_error_and_cancels_on_escape(qtbot, editor):
    editor.start("abc", select=False)
    assert editor.error() == "Only numbers can be typed here, e.g. 0.5, -1 or 1/9."
    assert editor.property("invalid")
    with qtbot.waitSignal(editor.refused, timeout=1000) as refused:
        assert not editor.commit()
    assert isinstance(refused.args[0], WeightTextError)
    assert editor.error() == "Not a usable weight: type a number such as 0.5, -1 or 1/9."
    with qtbot.waitSignal(editor.cancelled, timeout=1000):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    editor.start("2", select=True)               # a new start clears the old error
    assert editor.error() is None and editor.selectedText() == "2"


# --- gestures ---------------------------------------------------------------------------

@pytest.fixture
def framed_grid(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    grid = KernelGrid()
    QVBoxLayout(parent).addWidget(grid)
    grid.set_values(np.zeros((3, 3)))
    parent.resize(400, 300)
    parent.show()
    qtbot.waitExposed(parent)
    return parent, grid


def test_keys_step_and_clear_the_current_cell(qtbot, framed_grid):
    _, grid = framed_grid
    edits = []
    grid.cell_edited.connect(lambda *args: edits.append(args))
    grid.setFocus()
    grid.set_current_cell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert grid.values()[0, 0] == pytest.approx(0.1, abs=1e-6)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)          # stops at the last row
    assert grid.current_cell() == (2, 0)
    qtbot.keyClick(grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)
    assert grid.values()[2, 0] == 0
    assert [(r, c) for r, c, _ in edits] == [(0, 0)] * 3 + [(2, 0)] * 2


def test_a_wheel_off_the_cells_or_while_typing_is_left_to_the_parent(framed_grid):
    # An ignored wheel event goes on to the parents (a scroll area scrolls).
    _, grid = framed_grid
    used = wheel_event(grid, grid.cell_rect(1, 1).center())
    QApplication.sendEvent(grid, used)
    assert used.isAccepted() and grid.values()[1, 1] == pytest.approx(0.1)
    margin = wheel_event(grid, QPoint(1, 1))
    QApplication.sendEvent(grid, margin)
    assert not margin.isAccepted()
    grid.edit_cell(1, 1)
    typing = wheel_event(grid, grid.cell_rect(1, 1).center())
    QApplication.sendEvent(grid, typing)
    assert not typing.isAccepted() and grid.values()[1, 1] == pytest.approx(0.1)


def test_a_resize_drops_a_drag_in_progress(qtbot, framed_grid):
    _, grid = framed_grid
    pos = grid.cell_rect(2, 2).center()
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=pos)
    grid.set_values(np.zeros((2, 2)))               # the pressed cell is gone
    qtbot.mouseMove(grid, pos - QPoint(0, 30))
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=pos - QPoint(0, 30))
    assert not grid.values().any()
