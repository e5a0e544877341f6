"""Widgets and the state bind both ways: what a lesson sets shows, what a learner picks
lands in the state, and neither echoes back."""

import numpy as np
import pytest

from engine.architecture import ConvBlock
from gui.explore.controls_panel import ControlsPanel
from gui.explore.filter_panel import FilterPanel
from gui.explore.stages import StageView
from gui.state import LabState, TrainingConfig
from gui.train.page import TrainingPage


def record(signal) -> list:
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


@pytest.fixture
def rgb_state(qtbot):
    state = LabState()
    state.set_source(np.random.default_rng(3).random((16, 16, 3)))
    state.set_preprocess(color="rgb")
    state.recompute()
    return state


def test_filter_panel_channel_round_trips(qtbot, rgb_state):
    panel = FilterPanel(rgb_state)
    qtbot.addWidget(panel)
    panel.channel_buttons[1].click()                     # widget -> state
    assert rgb_state.selected_channel == 1
    panel.grid.cell_edited.emit(0, 0, 4.0)               # edits go to the chosen slice
    assert rgb_state.selected_filter.weights[1, 0, 0] == 4.0
    rgb_state.select_channel(2)                          # state -> widget
    assert panel.channel_buttons[2].isChecked()
    assert np.array_equal(panel.grid.values(), rgb_state.selected_filter.weights[2])


def test_stage_view_pooled_cell_round_trips(qtbot, rgb_state):
    view = StageView(rgb_state)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.click_cell("pooled", 1, 2)                      # widget -> state
    assert rgb_state.selected_pooled_cell == (1, 2)
    window = view.pool_window
    assert (window.x(), window.y()) == (4, 2)
    rgb_state.select_pooled_cell(3, 0)                   # state -> widget (a lesson)
    window = view.pool_window
    assert (window.x(), window.y()) == (0, 6)
    rgb_state.select_pooled_cell(-1, -1)
    assert view.pool_window is None


def test_train_page_settings_and_data_source_round_trip(qtbot):
    state = LabState()
    page = TrainingPage(state)
    qtbot.addWidget(page)
    changes = record(state.training_config_changed)
    page.epochs.setValue(9)                              # widget -> state
    assert state.training_config.epochs == 9
    assert len(changes) == 1                             # no echo back and forth
    state.set_training_config(hidden=(48,), batch_size=16, optimizer="sgd")  # state -> widgets
    assert (page.editor.hidden_widths[0].value(), page.batch_size.value()) == (48, 16)
    assert page.optimizer.currentData() == "sgd"
    assert page.config() == state.training_config
    page.dataset_panel.set_source("shapes")              # widget -> state
    assert state.data_source == "shapes"
    state.set_data_source("mine")                        # state -> widget
    assert page.dataset_panel.source() == "mine"


def test_a_config_set_before_the_page_exists_is_kept_when_it_fits(qtbot):
    state = LabState()
    state.set_training_config(TrainingConfig(epochs=4, lr=0.02))
    page = TrainingPage(state)
    qtbot.addWidget(page)
    assert page.epochs.value() == 4
    assert page.learning_rate.value() == pytest.approx(0.02)


def test_weight_drags_do_not_refresh_the_controls(qtbot, rgb_state):
    panel = ControlsPanel(rgb_state)
    qtbot.addWidget(panel)
    text = panel.summary.text()
    refreshed = []
    original = panel._refresh
    panel._refresh = lambda: (refreshed.append(1), original())
    for value in np.linspace(-1, 1, 20):
        rgb_state.set_cell(0, 0, 1, 1, float(value))
    assert refreshed == []
    rgb_state.add_filter()
    assert refreshed == [1]
    assert panel.summary.text() != text


def test_a_configuration_beyond_the_memory_budget_is_refused_naming_the_layer(qtbot):
    from engine.datasets import Dataset

    state = LabState()
    page = TrainingPage(state)
    qtbot.addWidget(page)
    huge = TrainingConfig(blocks=(ConvBlock(256, 11, padding=10, pool="none"),),
                          hidden=(4096,), batch_size=1024)  # accepted by the state
    state.set_training_config(huge)
    problem = page.layer_table.reason()
    assert problem is not None and "hidden layer 1" in problem and "MiB" in problem
    assert not page.train_button.isEnabled() and problem in page.train_button.toolTip()
    heavy = TrainingConfig(blocks=(ConvBlock(32, 11, padding=10),), hidden=(512,),
                           batch_size=1024)
    state.set_training_config(heavy)
    assert page.layer_table.reason() is None and page.train_button.isEnabled()
    # Its first layer on large colour pictures (an image folder) does not fit.
    pictures = Dataset("folder", np.zeros((4, 3, 400, 400), np.float32),
                       np.array([0, 1, 0, 1]), np.zeros((0, 3, 400, 400), np.float32),
                       np.zeros(0, np.int64), ("a", "b"))
    assert not page.start_training(pictures)        # refused before allocating anything
    assert "MiB" in page.status.text() and "hidden layer 1" in page.status.text()
    assert page.worker is None
