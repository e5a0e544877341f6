"""The Explore page: the heatmaps keep their size when the cell maths appears, a divider
shares the room between them and is remembered (issue 7 §6)."""

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
def test_a_first_clicked_cell_leaves_the_maps_their_size(window, qtbot, size):
    w = window(*size)
    panel = w.explorer.explain_panel
    assert panel.showing_hint
    before = map_side(w)
    assert before > 60
    w.state.select_cell(10, 12)
    settle(qtbot)
    assert not panel.showing_hint
    assert map_side(w) == pytest.approx(before, abs=2)
    assert w.height() == size[1]  # nothing forces the window taller


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_every_map_and_thumbnail_shows_whole_in_either_language(window, qtbot, size,
                                                                language):
    """Japanese titles take two lines at 1024×700: the maps were sized for one, and
    the thumbnails' bottom row was cut off."""
    from gui import i18n

    i18n.set_language(language)
    try:
        w = window(*size)
        stages = w.explorer.stage_view
        viewport = stages.graphics.viewport().rect().toRectF().adjusted(-0.5, -0.5, 0.5, 0.5)
        shown = list(stages.stages.values()) + stages.thumbnails[:w.state.filter_count]
        outside = [stage.key for stage in shown
                   if not viewport.contains(stage.plot.sceneBoundingRect())]
        assert outside == []
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_a_clicked_cell_gets_its_maths_shown_whole_or_scrollable(window, qtbot, size):
    w = window(*size)
    panel = w.explorer.explain_panel
    w.state.select_cell(10, 12)
    settle(qtbot)
    scroll = panel._scroll
    content = panel._details
    if size == (1280, 800):
        assert content.height() <= scroll.viewport().height()  # no scrolling needed
    else:  # whatever does not fit can be scrolled to: nothing is cut off
        assert content.height() <= scroll.viewport().height() + scroll.verticalScrollBar().maximum()


def test_new_settings_and_escape_keep_the_maps_where_they_are(window, qtbot):
    w = window(1280, 800)
    w.state.select_cell(10, 12)
    settle(qtbot)
    height, side = w.explorer.maths_height(), map_side(w)
    w.state.set_settings(stride=(2, 2))  # clears the selection quietly
    w.state.recompute()
    settle(qtbot)
    w.state.set_settings(stride=(1, 1))
    w.state.recompute()
    settle(qtbot)
    w.state.select_cell(-1, -1)  # Escape
    settle(qtbot)
    assert w.explorer.explain_panel.showing_hint
    assert w.explorer.maths_height() == height
    assert map_side(w) == pytest.approx(side, abs=1)  # the next click lands where aimed


def test_the_divider_moves_the_room_between_maps_and_maths_and_is_remembered(
        window, qtbot, tmp_path):
    w = window(1280, 800)
    centre = w.explorer.centre
    side = map_side(w)
    centre.moveSplitter(centre.sizes()[0] + 120, 1)  # as a drag of the divider does
    settle(qtbot)
    assert map_side(w) > side  # the maps took the room
    height = w.explorer.maths_height()
    w.close()
    again = window(1280, 800)  # the same settings file
    assert again.explorer.maths_height() == height
    assert map_side(again) == pytest.approx(map_side(w), abs=2)


def test_a_15x15_kernel_scrolls_the_editor_column_instead_of_growing_the_window(window, qtbot):
    w = window(1024, 700)
    w.state.set_kernel_size(15, 15)
    settle(qtbot)
    assert w.height() == 700
    grid = w.explorer.filter_panel.grid
    assert grid.shape == (15, 15)
    assert grid.width() <= w.explorer.right_column.viewport().width()


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_a_trained_model_never_widens_the_window_nor_hides_the_maps(window, qtbot, size,
                                                                     language):
    from engine.model import build_cnn
    from gui import i18n

    i18n.set_language(language)
    try:
        w = window(*size)
        maps = map_side(w)
        w.state.set_model(build_cnn((1, 28, 28), 10, filters=4, seed=0))
        settle(qtbot)
        page = w.explorer
        assert w.width() == size[0] and w.minimumSizeHint().width() <= size[0]
        assert map_side(w) == pytest.approx(maps, abs=2)
        if page._tabbed:  # too narrow for both side by side: tabs, the prediction shown
            assert page.below_tabs.currentWidget() is page.prediction_panel
            assert page.below_tabs.tabText(0) != ""
            w.state.select_cell(3, 4)
            settle(qtbot)
            assert page.below_tabs.currentWidget() is page.explain_panel
        else:
            assert page.prediction_panel.isVisible() and page.explain_panel.isVisible()
            assert page.prediction_panel.width() > 200
        w.state.set_model(None)
        settle(qtbot)
        assert not page._tabbed and page.explain_panel.isVisible()
        assert not page.prediction_panel.isVisible()
    finally:
        i18n.set_language("en")


def test_the_maths_panel_follows_a_sum_of_another_height(window, qtbot):
    """An edit that only rewrites the sum leaves the page's layout alone; one whose sum
    takes another number of lines (a 5x5 kernel's sum is told in words) is laid out
    anew, every line of it on show."""
    w = window(1280, 800)
    panel = w.explorer.explain_panel
    w.state.select_cell(10, 12)
    settle(qtbot)
    scroll, content = panel._scroll, panel._details
    lines_before = panel.sum_label.height()
    height_before = panel.height()
    w.state.set_cell(w.state.selected, 0, 0, 0, 0.25)  # same terms, another number
    settle(qtbot)
    assert panel.height() == height_before
    w.state.set_kernel_size(5, 5)
    w.state.select_cell(10, 12)
    settle(qtbot)
    label = panel.sum_label
    assert label.height() != lines_before
    assert label.height() >= label.heightForWidth(label.width())  # every line on show
    # The page keeps the maths its height for new settings (the maps stay put): the
    # bigger grids are whole on screen or scrollable to, never cut off.
    assert content.height() <= scroll.viewport().height() + scroll.verticalScrollBar().maximum()
