"""Filter edits can be taken back one step at a time (Filters ▸ Undo filter edit, Ctrl+Z):
typed weights, tools, presets, a new kernel size, whole sets; not a drawing's Ctrl+Z."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt

from gui.main_window import MainWindow
from gui.state import LabState
from gui.state.filters import default_filters


def same(a, b) -> bool:
    return len(a) == len(b) and all(x == y for x, y in zip(a, b, strict=True))


def test_each_change_is_taken_back_in_turn_and_a_batch_is_one_step():
    state = LabState()
    steps = [state.filters]
    state.set_cell(0, 0, 1, 1, 5.0)
    steps.append(state.filters)
    state.set_weights(1, np.zeros((1, 3, 3), np.float32))  # what Zero does
    steps.append(state.filters)
    state.set_kernel_size(5, 5)  # every filter resized
    steps.append(state.filters)
    with state.batch():  # one step, however many changes
        state.add_filter()
        state.set_bias(4, 0.5)
        state.rename_filter(4, "mine")
    assert len(state.filters) == 5
    for expected in reversed(steps):
        state.undo_filter_edit()
        assert same(state.filters, expected)
    assert not state.can_undo_filters
    with pytest.raises(ValueError):
        state.undo_filter_edit()


def test_switching_the_picture_to_colour_is_no_step_and_undo_keeps_the_channels():
    state = LabState()
    state.set_source(np.random.default_rng(0).random((12, 12, 3), dtype=np.float32))
    state.set_cell(0, 0, 0, 0, 2.0)
    from gui.common.preprocess import Preprocess
    state.set_preprocess(Preprocess(color="rgb"))
    assert state.channels == 3
    state.undo_filter_edit()  # back before the typed weight, for three channels
    assert state.filters[0].weights.shape[0] == 3
    assert state.filters[0].weights[0, 0, 0] != np.float32(2.0)
    assert not state.can_undo_filters


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    window.state.background_allowed = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_ctrl_z_takes_back_randomise_and_says_when_nothing_is_left(window, qtbot):
    state = window.state
    assert not state.can_undo_filters  # the remembered filters are where a session starts
    state.set_cell(0, 0, 0, 0, 7.0)
    edited = state.filters
    window.explorer.filter_panel.tools.randomise()
    assert not same(state.filters, edited)
    window.explorer.stage_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert same(state.filters, edited)
    window.menus.undo_filter_action.trigger()
    assert same(state.filters, default_filters(state.channels))
    window.menus.update_filter_actions()
    assert not window.menus.undo_filter_action.isEnabled()
    assert not window.commands.undo_filter_edit()
    assert "no filter edit to undo" in window.status.text()


def test_ctrl_z_on_the_drawing_undoes_the_stroke_not_the_filters(window, qtbot):
    from PySide6.QtCore import QPoint

    state = window.state
    state.set_cell(0, 0, 0, 0, 7.0)
    edited = state.filters
    panel = window.explorer.image_panel
    panel.draw_button.click()
    canvas = panel.draw_area.canvas
    middle = canvas.rect().center()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=middle - QPoint(20, 0))
    qtbot.mouseMove(canvas, middle + QPoint(20, 0))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=middle + QPoint(20, 0))
    assert not canvas.is_blank()
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert canvas.is_blank()
    assert same(state.filters, edited)
