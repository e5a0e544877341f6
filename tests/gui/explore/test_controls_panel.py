import numpy as np
import pytest

from engine import ops
from gui.explore.controls_panel import ControlsPanel, conv_formula, pool_formula
from gui.state import LabState


@pytest.fixture
def panel(qtbot):
    state = LabState()
    state.set_source(np.random.default_rng(0).random((28, 28, 3)))
    panel = ControlsPanel(state)
    qtbot.addWidget(panel)
    state.recompute()
    return panel


def shapes(state):
    state.recompute()
    return state.exploration.shapes


def test_stride_control_changes_feature_map_size_as_output_size_says(panel):
    state = panel.state
    panel.stride.rows.setValue(2)  # linked: columns follow
    assert state.settings.stride == (2, 2)
    expected = ops.output_size(28, 3, 2, 0)
    assert shapes(state)["conv"] == (4, expected, expected)
    assert f"= {expected}" in panel.conv_formula.text()


def test_unlinked_stride_sets_rows_and_columns_separately(panel):
    panel.stride.link.setChecked(False)
    panel.stride.cols.setValue(3)
    assert panel.state.settings.stride == (1, 3)
    assert shapes(panel.state)["conv"] == (4, 26, ops.output_size(28, 3, 3, 0))


def test_padding_modes(panel):
    state = panel.state
    panel.padding_mode.setCurrentIndex(panel.padding_mode.findData("same"))
    assert state.settings.padding == "same"
    assert shapes(state)["conv"][1:] == (28, 28)
    panel.padding_mode.setCurrentIndex(panel.padding_mode.findData("custom"))
    panel.padding.rows.setValue(3)
    assert state.settings.padding == (3, 3)
    assert shapes(state)["conv"][1:] == (ops.output_size(28, 3, 1, 3),) * 2
    assert "(28 + 2·3 − 3) / 1 + 1 = 32" in panel.conv_formula.text()


def test_pool_controls(panel):
    state = panel.state
    panel.pool_size.rows.setValue(3)
    conv = ops.output_size(28, 3)
    assert shapes(state)["pooled"][1:] == (ops.output_size(conv, 3, 3),) * 2
    assert "⌊(26 − 3) / 3⌋ + 1 = 8" in panel.pool_formula.text()
    panel.pool_stride_auto.setChecked(False)
    panel.pool_stride.rows.setValue(1)
    assert state.settings.pool_stride == (1, 1)
    assert shapes(state)["pooled"][1:] == (ops.output_size(conv, 3, 1),) * 2
    panel.pool.setCurrentIndex(panel.pool.findData("avg"))
    assert state.settings.pool == "avg"
    panel.pool.setCurrentIndex(panel.pool.findData("none"))
    assert shapes(state)["pooled"] == shapes(state)["conv"]
    assert not panel.pool_size.isEnabled()


def test_activation_none_keeps_negative_responses(panel):
    state = panel.state
    panel.activation.setCurrentIndex(panel.activation.findData("none"))
    state.recompute()
    result = state.exploration
    assert (result.activated < 0).any()
    np.testing.assert_array_equal(result.activated, result.conv)


def test_too_large_pool_gives_a_message_not_an_exception(panel, qtbot):
    state = panel.state
    messages = []
    state.explore_failed.connect(messages.append)
    panel.pool_size.rows.setValue(8)
    state.set_settings(stride=(16, 16))
    state.recompute()
    assert state.exploration is None
    assert messages and "no output is left" in messages[-1]  # worded by error_text
    assert "larger than the feature map" in panel.summary_text()


def test_state_changes_reach_the_widgets_without_echo(panel, qtbot):
    state = panel.state
    emitted = []
    state.settings_changed.connect(lambda: emitted.append(1))
    state.set_settings(stride=(3, 2), pool="avg", padding=(1, 0))
    assert panel.stride.value() == (3, 2)
    assert panel.pool.currentData() == "avg"
    assert panel.padding_mode.currentData() == "custom"
    assert panel.padding.value() == (1, 0)
    assert emitted == [1]


def test_formulas_write_out_the_engines_terms():
    conv = ops.output_size_terms
    assert conv_formula(conv(28, 3, 1, 0, 1)) == "(28 + 2·0 − 3) / 1 + 1 = 26"
    assert conv_formula(conv(28, 3, 2, 0, 1)) == "⌊(28 + 2·0 − 3) / 2⌋ + 1 = 13"
    assert conv_formula(conv(9, 3, 1, 0, 2)) == "(9 + 2·0 − 5) / 1 + 1 = 5"
    assert conv_formula(conv(2, 3, 1, 0, 1)) == "2 + 2·0 − 3 < 0"
    assert pool_formula(conv(26, 2, 2, stage="pool")) == "(26 − 2) / 2 + 1 = 13"
    for size, k, s, p in [(28, 3, 1, 0), (27, 5, 2, 1), (10, 3, 3, 2)]:
        assert conv_formula(conv(size, k, s, p)).endswith(f"= {ops.output_size(size, k, s, p)}")


def test_unequal_axes_get_a_line_each(panel):
    panel.state.set_settings(stride=(1, 2))
    text = panel.conv_formula.text()
    assert "rows: (28 + 2·0 − 3) / 1 + 1 = 26" in text
    assert "cols: ⌊(28 + 2·0 − 3) / 2⌋ + 1 = 13" in text


def test_without_pooling_the_summary_still_ends_in_the_flattened_length(panel):
    state = panel.state
    state.set_settings(pool="none")
    e = shapes(state)
    assert state.exploration.flattened.size == 4 * 26 * 26
    assert panel.summary_text().endswith(f"\u2192 flattened {4 * 26 * 26}")
    assert e["pooled"] == e["conv"]
