"""The Explore page gives the heatmaps the height the cell maths does not need (issue 7 §6)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    def build(width, height):
        window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"),
                                               QSettings.Format.IniFormat), restore=False)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        window.state.recompute()
        settle(qtbot)
        return window
    return build


def settle(qtbot):
    qtbot.wait(50)  # coalesced refreshes and the scene's layout run


def map_side(window) -> float:
    return window.explorer.stage_view.stages["conv"].image.sceneBoundingRect().width()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_the_hint_is_one_compact_line_and_the_maps_take_the_height(window, qtbot, size):
    w = window(*size)
    page, panel = w.explorer, w.explorer.explain_panel
    assert panel.showing_hint
    assert panel.height() <= 2 * panel.fontMetrics().lineSpacing() + 8
    assert page.stage_view.height() > 0.8 * page.centre.height()
    assert w.height() == size[1]  # nothing forces the window taller
    # Larger than the 112 px (1280x800) and 66 px (1024x700) of a fixed 230 px panel.
    assert map_side(w) > (180 if size[0] == 1280 else 100)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_a_clicked_cell_gets_its_maths_shown_whole_or_scrollable(window, qtbot, size):
    w = window(*size)
    panel = w.explorer.explain_panel
    w.state.select_cell(10, 12)
    settle(qtbot)
    assert not panel.showing_hint
    scroll = panel._scroll
    content = panel._details
    if size == (1280, 800):
        assert content.height() <= scroll.viewport().height()  # no scrolling needed
    else:  # whatever does not fit can be scrolled to: nothing is cut off
        assert content.height() <= scroll.viewport().height() + scroll.verticalScrollBar().maximum()
    assert map_side(w) > 60


def test_new_settings_keep_the_maths_height_and_escape_folds_it(window, qtbot):
    w = window(1280, 800)
    panel = w.explorer.explain_panel
    w.state.select_cell(10, 12)
    settle(qtbot)
    opened = panel.height()
    side = map_side(w)
    w.state.set_settings(stride=(2, 2))  # clears the selection quietly
    w.state.recompute()
    settle(qtbot)
    assert panel.showing_hint and panel.height() == opened
    w.state.set_settings(stride=(1, 1))
    w.state.recompute()
    settle(qtbot)
    assert map_side(w) == pytest.approx(side, abs=1)  # the maps kept their place
    w.state.select_cell(-1, -1)  # Escape
    settle(qtbot)
    assert panel.height() < opened / 3
    assert map_side(w) > side


def test_a_15x15_kernel_scrolls_the_editor_column_instead_of_growing_the_window(window, qtbot):
    w = window(1024, 700)
    w.state.set_kernel_size(15, 15)
    settle(qtbot)
    assert w.height() == 700
    grid = w.explorer.filter_panel.grid
    assert grid.shape == (15, 15)
    assert grid.width() <= w.explorer.right_column.viewport().width()
