"""The explain panel formats the engine's explanation of the selected cell, worked out once
an edit for every panel that shows it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

import engine.pipeline
import gui.explore.explain_panel
import gui.explore.numbers_window
import gui.explore.stages.view
from engine.pipeline import explain_cell
from gui.common import samples
from gui.common.number_format import nice
from gui.explore.explain_panel import ExplainPanel
from gui.explore.numbers_window import NumbersWindow
from gui.explore.stages import StageView
from gui.state import LabState


@pytest.fixture
def state(qtbot):
    state = LabState()
    state.background_allowed = False
    state.set_source(samples.load_sample("mnist:7"), "7")
    state.recompute()
    return state


@pytest.fixture
def panels(qtbot, state):
    """Every consumer of the cell explanation, shown: stage view, explain panel and the
    pixel-values window."""
    host = QWidget()
    layout = QVBoxLayout(host)
    view, panel = StageView(state), ExplainPanel(state)
    layout.addWidget(view, 3)
    layout.addWidget(panel, 1)
    numbers = NumbersWindow(state)
    for widget in (host, numbers):
        qtbot.addWidget(widget)
        widget.resize(800, 700)
        widget.show()
        qtbot.waitExposed(widget)
    yield view, panel, numbers
    host.close()  # kept alive (and referenced) until the test ends


@pytest.fixture
def count_explanations(monkeypatch):
    """A list that grows by one for every call of the engine's explain_cell."""
    calls = []

    def counted(*args, **kwargs):
        calls.append(args[4:6])
        return explain_cell(*args, **kwargs)

    monkeypatch.setattr(engine.pipeline, "explain_cell", counted)
    # A panel that imported the function by name would call it past the engine's module.
    for module in (gui.explore.explain_panel, gui.explore.numbers_window,
                   gui.explore.stages.view):
        monkeypatch.setattr(module, "explain_cell", counted, raising=False)
    return calls


def test_one_edit_explains_the_selected_cell_once_for_every_panel(
        state, panels, count_explanations, qtbot):
    view, panel, numbers = panels
    state.select_cell(10, 12)
    assert count_explanations == [(10, 12)]
    assert not panel.showing_hint and numbers.highlighted is not None
    for value in (0.5, -2.0, 3.25):  # weight edits, as the kernel grid makes them
        count_explanations.clear()
        state.set_cell(state.selected, 0, 1, 1, value)
        qtbot.waitUntil(lambda v=value: state.exploration.weights[0, 0, 1, 1] == v)
        qtbot.wait(20)  # every panel's coalesced refresh has run
        assert count_explanations == [(10, 12)]
        assert panel.explanation is state.cell_explanation
    count_explanations.clear()
    state.set_bias(state.selected, 0.75)
    qtbot.waitUntil(lambda: panel.explanation is not None and panel.explanation.bias == 0.75)
    qtbot.wait(20)
    assert count_explanations == [(10, 12)]


def test_the_panel_shows_the_engines_numbers(state, panels):
    _, panel, _ = panels
    state.set_bias(0, -0.25)
    state.set_settings(padding="same", stride=(2, 2))
    state.recompute()
    state.select_cell(0, 3)  # top row: the window starts in the padding
    e = state.exploration
    expected = explain_cell(e.image, e.weights[0], e.stride, e.padding, 0, 3,
                            bias=-0.25, activation="relu")
    shown = panel.explanation
    np.testing.assert_array_equal(shown.window, expected.window)
    np.testing.assert_array_equal(shown.products, expected.products)
    np.testing.assert_array_equal(shown.padding_mask, expected.padding_mask)
    assert shown.padding_mask[0].all() and not shown.padding_mask[1:].any()
    grid = panel.gray_row
    np.testing.assert_allclose(grid.window.values, expected.window[0])
    np.testing.assert_allclose(grid.kernel.values, expected.weights[0])
    np.testing.assert_allclose(grid.products.values, expected.products[0])
    np.testing.assert_array_equal(grid.window._outside, expected.padding_mask)
    text = panel.sum_text()
    assert f"= {nice(expected.total)}, + bias " in text
    assert f"= {nice(expected.pre_activation)} \u2192 ReLU \u2192 {nice(expected.value)}" in text
    assert expected.pre_activation == pytest.approx(e.conv[0, 0, 3], abs=1e-5)


def test_rgb_channel_sums_are_the_engines(state, panels):
    _, panel, _ = panels
    state.set_source(np.random.default_rng(3).random((12, 12, 3)), "noise")
    state.set_preprocess(color="rgb")
    state.set_settings(activation="none")
    state.recompute()
    state.select_cell(4, 2)
    cell = state.cell_explanation
    assert cell.channel_sums.shape == (3,)
    for channel, row in enumerate(panel.rgb_rows):
        assert nice(float(cell.channel_sums[channel])) in row.sum_label.text()
    text = panel.sum_text()
    assert "Channel sums: R " in text and text.endswith(f"{nice(cell.value)} (no activation)")
    assert cell.value == pytest.approx(state.exploration.conv[0, 4, 2], abs=1e-5)


def test_a_cell_off_the_new_maps_explains_nothing(state, panels):
    _, panel, _ = panels
    state.select_cell(20, 20)
    assert state.cell_explanation is not None
    state.set_settings(stride=(4, 4))  # 7x7 maps: the selection is cleared
    state.recompute()
    assert state.cell_explanation is None and panel.showing_hint
