"""The feature-detector editor: KernelGrid editing and FilterPanel bound to LabState."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from engine import kernels, ops
from gui.common.colormap import DIVERGING
from gui.explore.filter_panel import FilterPanel
from gui.explore.kernel_grid import KernelGrid, format_value, parse_value
from gui.state import Filter, LabState

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def state(qtbot):
    lab = LabState()
    rgb = np.random.default_rng(7).random((12, 10, 3)).astype(np.float32)
    lab.set_source(rgb, "noise")
    lab.recompute()
    return lab


@pytest.fixture
def panel(qtbot, state):
    widget = FilterPanel(state)
    qtbot.addWidget(widget)
    widget.resize(340, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def center(grid: KernelGrid, row: int, col: int) -> QPoint:
    return grid.cell_rect(row, col).center()


def expected_conv(state: LabState) -> np.ndarray:
    s = state.settings
    return ops.conv2d(state.image[None], state.weights(), state.biases(), s.stride, 0)[0]


def assert_conv_matches_engine(qtbot, state: LabState) -> None:
    qtbot.waitUntil(lambda: state.exploration is not None
                    and state.exploration.conv.shape == expected_conv(state).shape
                    and np.allclose(state.exploration.conv, expected_conv(state), atol=1e-5),
                    timeout=2000)


def type_into_cell(qtbot, grid: KernelGrid, row: int, col: int, text: str) -> None:
    qtbot.mouseDClick(grid, LEFT, pos=center(grid, row, col))
    assert grid.is_editing()
    qtbot.keyClicks(grid.editor(), text)
    qtbot.keyClick(grid.editor(), Qt.Key.Key_Return)


def wheel(grid: KernelGrid, pos: QPoint, notches: int,
          modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(grid.mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(grid, event)


# --- KernelGrid -----------------------------------------------------------------------

def test_format_and_parse_values():
    assert [format_value(v) for v in (8, -0.5, 1 / 9, 0, -0.00001, 12.25, 250.4)] == \
        ["8", "-0.5", "0.111", "0", "0", "12.2", "250"]
    assert parse_value("1/9") == pytest.approx(1 / 9)
    assert parse_value(" -2.5e-1 ") == -0.25
    for bad in ("abc", "nan", "inf", "1e9", "1/0", "", "-"):
        with pytest.raises(ValueError):
            parse_value(bad)


def test_typing_a_cell_changes_weights_and_feature_map(qtbot, panel, state):
    before = state.weights()
    type_into_cell(qtbot, panel.grid, 0, 2, "0.25")
    assert not panel.grid.is_editing()
    after = state.weights()
    assert after[0, 0, 0, 2] == np.float32(0.25)
    changed = np.argwhere(after != before)
    assert changed.tolist() == [[0, 0, 0, 2]]
    assert panel.grid.values()[0, 2] == np.float32(0.25)
    assert_conv_matches_engine(qtbot, state)


def test_typing_starts_editing_on_the_focused_cell(qtbot, panel, state):
    grid = panel.grid
    grid.setFocus()
    grid.set_current_cell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.current_cell() == (1, 1)
    qtbot.keyClicks(grid, "-")          # the first character opens the editor
    assert grid.is_editing()
    qtbot.keyClicks(grid.editor(), "1/4")
    qtbot.keyClick(grid.editor(), Qt.Key.Key_Return)
    assert state.weights()[0, 0, 1, 1] == np.float32(-0.25)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert state.weights()[0, 0, 1, 1] == 0


@pytest.mark.parametrize("text", ["abc", "nan", "1e9", "inf", "1/0"])
def test_invalid_text_is_refused_on_the_spot(qtbot, panel, state, text):
    before = state.weights()
    grid = panel.grid
    qtbot.mouseDClick(grid, LEFT, pos=center(grid, 1, 1))
    qtbot.keyClicks(grid.editor(), text)
    assert grid.editor_error()            # red frame while typing
    with qtbot.waitSignal(panel.message, timeout=1000):
        qtbot.keyClick(grid.editor(), Qt.Key.Key_Return)
    assert grid.is_editing()              # still editing, nothing applied
    assert grid.editor_error()
    np.testing.assert_array_equal(state.weights(), before)
    assert panel.status_label.isVisible()
    qtbot.keyClick(grid.editor(), Qt.Key.Key_Escape)
    assert not grid.is_editing()
    np.testing.assert_array_equal(state.weights(), before)


def test_wheel_steps_a_cell(qtbot, panel, state):
    grid = panel.grid
    start = float(state.weights()[0, 0, 2, 0])
    wheel(grid, center(grid, 2, 0), 1)
    assert state.weights()[0, 0, 2, 0] == pytest.approx(start + 0.1, abs=1e-6)
    wheel(grid, center(grid, 2, 0), -2, Qt.KeyboardModifier.ControlModifier)
    assert state.weights()[0, 0, 2, 0] == pytest.approx(start + 0.1 - 2.0, abs=1e-6)
    assert state.selected_filter.preset is None
    assert_conv_matches_engine(qtbot, state)


def test_vertical_drag_changes_a_cell_continuously(qtbot, panel, state):
    grid = panel.grid
    start = float(state.weights()[0, 0, 1, 0])
    pos = center(grid, 1, 0)
    edits = []
    grid.cell_edited.connect(lambda r, c, v: edits.append((r, c, v)))
    qtbot.mousePress(grid, LEFT, pos=pos)
    qtbot.mouseMove(grid, pos - QPoint(0, 10))
    qtbot.mouseMove(grid, pos - QPoint(0, 20))
    qtbot.mouseRelease(grid, LEFT, pos=pos - QPoint(0, 20))
    assert len(edits) >= 2 and {(r, c) for r, c, _ in edits} == {(1, 0)}
    assert state.weights()[0, 0, 1, 0] == pytest.approx(start + 20 * 0.05, abs=1e-5)


def test_set_values_is_silent_and_highlight(qtbot):
    grid = KernelGrid()
    qtbot.addWidget(grid)
    edits = []
    grid.cell_edited.connect(lambda *args: edits.append(args))
    grid.set_values(np.arange(6, dtype=float).reshape(2, 3))
    assert edits == [] and grid.shape == (2, 3)
    np.testing.assert_array_equal(grid.values(), np.arange(6).reshape(2, 3))
    grid.set_highlight(1, 2)
    assert grid.highlight() == (1, 2)
    grid.set_highlight(None)
    assert grid.highlight() is None
    grid.set_highlight(-1, -1)
    assert grid.highlight() is None
    grid.resize(grid.sizeHint())
    rect = grid.cell_rect(0, 0)
    assert rect.width() == rect.height() and 34 <= rect.width() <= 64


# --- presets --------------------------------------------------------------------------

def test_presets_set_the_engine_kernel_and_editing_makes_custom(qtbot, panel, state):
    combo = panel.preset_combo
    for key in kernels.PRESETS:
        index = combo.findData(key)
        assert index >= 0
        combo.activated.emit(index)
        np.testing.assert_allclose(state.selected_filter.weights[0], kernels.preset(key, 3))
        assert state.selected_filter.preset == key
        assert combo.currentData() == key
        np.testing.assert_allclose(panel.grid.values(), kernels.preset(key, 3))
    type_into_cell(qtbot, panel.grid, 0, 0, "3")
    assert state.selected_filter.preset is None
    assert combo.currentData() is None
    assert combo.currentText() == "Custom"
    # choosing a preset again removes "Custom" from the list
    combo.activated.emit(combo.findData("laplacian"))
    assert combo.findData(None) == -1
    assert combo.count() == len(kernels.PRESETS)


# --- the filter list ------------------------------------------------------------------

def names(state: LabState) -> list[str]:
    return [f.display_name for f in state.filters]


def list_names(panel: FilterPanel) -> list[str]:
    return [panel.filter_list.item(i).text() for i in range(panel.filter_list.count())]


def test_add_duplicate_remove_reorder_rename(qtbot, panel, state):
    start = names(state)
    panel.add_button.click()
    assert len(state.filters) == len(start) + 1 and state.selected == len(start)
    assert list_names(panel) == names(state)
    assert panel.filter_list.currentRow() == state.selected

    panel.filter_list.setCurrentRow(1)
    assert state.selected == 1
    np.testing.assert_array_equal(panel.grid.values(), state.filters[1].weights[0])
    panel.duplicate_button.click()
    np.testing.assert_array_equal(state.filters[-1].weights, state.filters[1].weights)
    assert state.filters[-1].name != state.filters[1].name

    panel.filter_list.setCurrentRow(0)
    order = names(state)
    panel.down_button.click()
    assert names(state) == [order[1], order[0], *order[2:]] and state.selected == 1
    panel.up_button.click()
    assert names(state) == order and state.selected == 0
    assert not panel.up_button.isEnabled()

    # a drag in the list moves the filter in the state
    panel.filter_list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert names(state) == [order[1], order[2], order[0], *order[3:]]
    assert list_names(panel) == names(state)

    panel.filter_list.item(0).setText("my edges")   # what an inline rename ends with
    assert state.filters[0].name == "my edges"
    panel.filter_list.item(0).setText("   ")        # blank names are refused
    assert state.filters[0].name == "my edges" and list_names(panel)[0] == "my edges"

    count = len(state.filters)
    panel.remove_button.click()
    assert len(state.filters) == count - 1
    assert list_names(panel) == names(state)
    assert_conv_matches_engine(qtbot, state)


def test_one_change_of_filters_and_selection_is_shown_once(qtbot, panel, state, monkeypatch):
    """Add, duplicate and remove send filters_changed and selected_filter_changed for
    one change: the list is refreshed once, and still shows every later change."""
    refreshes = []
    refresh = panel.list_box.refresh
    monkeypatch.setattr(panel.list_box, "refresh", lambda: (refreshes.append(1), refresh()))
    for button in (panel.add_button, panel.duplicate_button, panel.remove_button):
        refreshes.clear()
        button.click()
        assert len(refreshes) == 1, button.text()
        assert list_names(panel) == names(state)
        assert panel.filter_list.currentRow() == state.selected
        np.testing.assert_array_equal(panel.grid.values(), state.selected_filter.weights[0])
    # A new weight or a new selection alone is a change: shown again.
    refreshes.clear()
    state.set_cell(state.selected, 0, 0, 0, 0.75)
    assert len(refreshes) == 1 and panel.grid.values()[0, 0] == np.float32(0.75)
    state.select_filter(0)
    assert len(refreshes) == 2 and panel.filter_list.currentRow() == 0
    np.testing.assert_array_equal(panel.grid.values(), state.filters[0].weights[0])


def test_removing_the_last_filter_is_refused_with_a_message(qtbot, panel, state):
    state.set_filters([state.filters[0]])
    assert panel.filter_list.count() == 1
    with qtbot.waitSignal(panel.message, timeout=1000) as signal:
        panel.remove_button.click()
    assert "at least one filter" in signal.args[0]
    assert len(state.filters) == 1
    assert panel.status_label.isVisible()


# --- kernel size, channels, bias --------------------------------------------------------

def test_kernel_size_resizes_every_filter(qtbot, panel, state):
    panel.rows_spin.setValue(5)                     # square: columns follow
    assert panel.cols_spin.value() == 5
    assert {f.weights.shape for f in state.filters} == {(1, 5, 5)}
    assert panel.grid.shape == (5, 5)
    panel.square_check.setChecked(False)
    panel.cols_spin.setValue(3)
    assert {f.weights.shape for f in state.filters} == {(1, 5, 3)}
    assert panel.grid.shape == (5, 3)
    assert not panel.transpose_button.isEnabled()
    panel.square_check.setChecked(True)
    assert state.kernel_size == (5, 5)
    assert panel.transpose_button.isEnabled()
    assert_conv_matches_engine(qtbot, state)


def test_rgb_shows_channels_and_edits_one_slice(qtbot, panel, state):
    assert not panel.channel_widget.isVisibleTo(panel)
    state.set_preprocess(color="rgb")
    assert state.channels == 3
    assert panel.channel_widget.isVisibleTo(panel)
    before = state.weights()
    panel.channel_buttons[1].click()
    assert panel.channel == 1
    grid = panel.grid
    type_into_cell(qtbot, grid, 2, 1, "7")
    after = state.weights()
    assert after[0, 1, 2, 1] == 7
    diff = np.argwhere(after != before)
    assert diff.tolist() == [[0, 1, 2, 1]]
    np.testing.assert_array_equal(after[:, [0, 2]], before[:, [0, 2]])
    np.testing.assert_array_equal(grid.values(), after[0, 1])
    assert_conv_matches_engine(qtbot, state)
    state.set_preprocess(color="gray")
    assert not panel.channel_widget.isVisibleTo(panel)
    assert panel.channel == 0


def test_bias_spin_sets_the_bias(qtbot, panel, state):
    panel.bias_spin.setValue(0.5)
    assert state.selected_filter.bias == 0.5
    assert_conv_matches_engine(qtbot, state)
    state.set_bias(0, -2.0)                         # and back from the state
    assert panel.bias_spin.value() == -2.0


def test_state_changes_show_up_without_echo(qtbot, panel, state):
    emitted = []
    state.filters_changed.connect(lambda: emitted.append(1))
    state.set_cell(0, 0, 0, 0, 4.0)
    assert emitted == [1]                           # the panel did not write back
    assert panel.grid.values()[0, 0] == 4
    assert panel.preset_combo.currentData() is None
    emitted.clear()
    type_into_cell(qtbot, panel.grid, 0, 1, "2")
    assert emitted == [1]


# --- tools ----------------------------------------------------------------------------

def test_tools_do_what_they_say(qtbot, panel, state):
    kernel = np.arange(1, 10, dtype=np.float32).reshape(1, 3, 3)
    state.set_weights(0, kernel)
    panel.flip_h_button.click()
    np.testing.assert_array_equal(state.filters[0].weights, kernel[:, :, ::-1])
    panel.flip_v_button.click()
    np.testing.assert_array_equal(state.filters[0].weights, kernel[:, ::-1, ::-1])
    state.set_weights(0, kernel)
    panel.transpose_button.click()
    np.testing.assert_array_equal(state.filters[0].weights, kernel.transpose(0, 2, 1))
    panel.normalise_button.click()
    np.testing.assert_allclose(state.filters[0].weights, kernel.transpose(0, 2, 1) / 45,
                               rtol=1e-6)
    assert state.filters[0].weights.sum() == pytest.approx(1.0, abs=1e-5)
    panel.zero_button.click()
    assert not state.filters[0].weights.any()
    panel.rng = np.random.default_rng(0)
    panel.randomise_button.click()
    weights = state.filters[0].weights
    assert weights.std() > 0 and np.isfinite(weights).all()
    assert state.filters[0].preset is None
    assert_conv_matches_engine(qtbot, state)


def test_normalise_with_zero_sum_explains_instead_of_dividing(qtbot, panel, state):
    state.apply_preset(0, "sobel x")
    before = state.weights()
    with qtbot.waitSignal(panel.message, timeout=1000) as signal:
        panel.normalise_button.click()
    assert "add up to 0" in signal.args[0]
    assert panel.status_label.isVisible() and "add up to 0" in panel.status_label.text()
    np.testing.assert_array_equal(state.weights(), before)
    assert np.isfinite(state.weights()).all()


def test_normalise_sums_every_channel(qtbot, panel, state):
    state.set_preprocess(color="rgb")
    state.set_filters([Filter("blur", np.ones((3, 3, 3), np.float32))])
    panel.normalise_button.click()
    np.testing.assert_allclose(state.filters[0].weights, np.full((3, 3, 3), 1 / 27), rtol=1e-6)


def test_cells_are_painted_in_their_diverging_colour(qtbot):
    grid = KernelGrid()
    qtbot.addWidget(grid)
    values = np.array([[-2.0, 0.0], [0.5, 2.0]])
    grid.set_values(values)
    grid.resize(grid.sizeHint())
    grid.show()
    qtbot.waitExposed(grid)
    image = grid.grab().toImage()
    for (row, col), value in np.ndenumerate(values):
        corner = grid.cell_rect(row, col).topLeft() + QPoint(4, 4)  # away from the number
        painted = image.pixelColor(corner)
        wanted = grid.cell_color(row, col)
        assert wanted == DIVERGING.qcolor(value, (-2.0, 2.0))
        assert abs(painted.red() - wanted.red()) <= 2
        assert abs(painted.green() - wanted.green()) <= 2
        assert abs(painted.blue() - wanted.blue()) <= 2


def test_a_long_filter_name_is_shortened_in_the_heading_not_widening_the_panel(panel, state,
                                                                               qtbot):
    panel.resize(330, 700)
    qtbot.wait(20)
    narrow = panel.minimumSizeHint().width()
    long_name = "the edge finder I made on Tuesday for the shapes with round corners"
    state.rename_filter(state.selected, long_name)
    qtbot.wait(20)
    assert panel.minimumSizeHint().width() == narrow
    title = panel.title_label
    assert title.text().endswith("…") and title.text()[:10] in f"Weights of “{long_name}”"
    assert long_name in title.toolTip()
    state.rename_filter(state.selected, "short")
    assert title.text() == "Weights of “short”"
