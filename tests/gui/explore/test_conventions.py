"""One convention for each kind of number, said where the numbers are shown: rows,
columns, filters and flattened positions count from 1; a gray value measures darkness
and a colour value brightness, and the readouts say which."""


import numpy as np
import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.common.number_format import FIRST_INDEX, pixel_scale, shown_index
from gui.explore.explain_panel import ExplainPanel
from gui.explore.stages import StageView
from gui.state import LabState


@pytest.fixture
def explorer(qtbot):
    hosts = []

    def build(rgb: np.ndarray):
        state = LabState()
        state.set_source(rgb)
        state.recompute()
        host = QWidget()
        layout = QVBoxLayout(host)
        view, panel = StageView(state), ExplainPanel(state)
        layout.addWidget(view, 3)
        layout.addWidget(panel, 1)
        qtbot.addWidget(host)
        host.resize(900, 650)
        host.show()
        qtbot.waitExposed(host)
        qtbot.wait(50)  # the scene's layout settles
        hosts.append(host)
        return state, view, panel

    return build


def hover(qtbot, view, key, row, col) -> str:
    """Point at a cell (coming from outside the maps, so a move event surely fires)."""
    qtbot.mouseMove(view.graphics.viewport(), view.graphics.viewport().rect().bottomRight())
    qtbot.wait(10)
    before = view.hover_label.text()
    qtbot.mouseMove(view.graphics.viewport(), view.cell_position(key, row, col))
    qtbot.waitUntil(lambda: view.hover_label.text() != before, timeout=1000)
    return view.hover_label.text()


def test_the_convention_helpers():
    assert FIRST_INDEX == 1 and shown_index(0) == 1 and shown_index(np.int64(25)) == 26
    assert pixel_scale(1) == "gray: 0 = white, 1 = black"
    assert pixel_scale(3) == "colour: 0 = none, 1 = full"
    assert pixel_scale(1, inverted=True) == "gray inverted: 0 = black, 1 = white"


def test_gray_hover_counts_from_1_and_says_what_a_value_means(qtbot, explorer):
    darkness = np.zeros((9, 9), np.float32)
    darkness[0, 0] = 1.0  # a black top-left pixel
    state, view, _ = explorer(1.0 - darkness)
    assert state.channels == 1
    text = hover(qtbot, view, "input", 0, 0)
    assert text == "Input [row 1, col 1] = 1  (gray: 0 = white, 1 = black)"
    assert hover(qtbot, view, "conv", 6, 2).startswith("Convolution [row 7, col 3] = ")


def test_colour_hover_says_brightness(qtbot, explorer):
    rgb = np.zeros((9, 9, 3), np.float32)
    rgb[2, 4] = (1.0, 0.5, 0.0)
    state, view, _ = explorer(rgb)
    state.set_preprocess(color="rgb")
    state.recompute()
    qtbot.wait(30)
    assert state.channels == 3
    text = hover(qtbot, view, "input", 2, 4)
    assert text == "Input [row 3, col 5] = R 1, G 0.50, B 0  (colour: 0 = none, 1 = full)"


def test_flattened_positions_and_filters_count_from_1(qtbot, explorer):
    state, view, _ = explorer(np.ones((9, 9), np.float32))
    pooled = state.exploration.pooled
    per_filter = pooled.shape[1] * pooled.shape[2]
    text = hover(qtbot, view, "flattened", 0, per_filter)  # the second filter's first value
    assert text.startswith(f"Flattened [position {per_filter + 1}] = ")
    assert "filter 2 “Horizontal line”, pooled row 1, col 1" in text


def test_the_explain_heading_counts_from_1_and_names_the_scale(qtbot, explorer):
    state, view, panel = explorer(np.ones((9, 9), np.float32))
    state.select_cell(0, 0)
    qtbot.waitUntil(lambda: "Feature-map cell" in panel.heading.text(), timeout=1000)
    heading = panel.heading.text()
    assert "[row 1, col 1]</b> of filter 1 " in heading
    assert "input rows 1 to 3, cols 1 to 3 (gray: 0 = white, 1 = black)" in heading


def test_new_filters_are_named_after_their_place_in_the_list():
    state = LabState()
    for _ in range(4):
        state.add_filter()
    assert [f.name for f in state.filters[4:]] == ["filter 5", "filter 6", "filter 7",
                                                   "filter 8"]
    state.remove_filter(4)  # "filter 5" goes; the next new one is the 8th again
    state.add_filter()
    assert state.filters[7].name == "filter 8 (2)"
    state.duplicate_filter(0)
    state.duplicate_filter(0)
    assert [f.name for f in state.filters[-2:]] == ["vertical line (copy)",
                                                    "vertical line (copy 2)"]
