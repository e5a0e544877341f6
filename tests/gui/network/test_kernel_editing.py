"""Editing learned kernels of the trained network on the Network page: the state's edits
against the engine's forward pass of ``with_parameters``, the editor widget driving them,
"Reset to learned", a new model dropping them, and the editor in Japanese."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject

from engine import analysis, datasets, units
from engine.architecture import ConvBlock
from engine.model import build_network
from engine.optim import Adam
from engine.train import fit
from gui import i18n
from gui.common.number_format import format_number
from gui.network.kernel_editor import KernelEditor
from gui.network.page import NetworkPage
from gui.state import LabState

CONV1, CONV2 = 0, 3  # layer indices of the convolutions of the test network


@pytest.fixture(scope="module")
def data():
    return datasets.load("mnist", n_train=600)


@pytest.fixture(scope="module")
def model(data):
    model = build_network((1, 28, 28), 10, [ConvBlock(4, (5, 5)), ConvBlock(6, (3, 3))],
                          [16], seed=0, class_names=data.class_names)
    fit(model, Adam(0.01), data.x_train, data.y_train, epochs=1, batch_size=64, seed=0)
    assert type(model.layers[CONV2]).__name__ == "Conv2D"
    return model


@pytest.fixture
def state(model, data):
    state = LabState()
    state.set_model(model)
    state.set_classify_input(data.x_test[0])
    state.set_source(data.x_test[1][0])  # the explorer's image fits the model too
    return state


@pytest.fixture
def page(qtbot, state):
    page = NetworkPage(state)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture(autouse=True)
def _back_to_english():
    yield
    i18n.set_language("en")


def params_copy(model):
    return [{k: v.copy() for k, v in layer.params.items()} for layer in model.layers]


def assert_unchanged(model, before):
    for layer, saved in zip(model.layers, before, strict=True):
        for name, value in saved.items():
            np.testing.assert_array_equal(layer.params[name], value)


def open_editor(qtbot, page, layer, filter_index):
    """Click filter ``filter_index``'s map of convolution ``layer`` and press "Edit
    kernel", as the learner does."""
    page.select_unit(layer, (filter_index, 0, 0))
    tabs = page.insight
    assert tabs.edit_button.isVisibleTo(tabs)
    tabs.edit_button.click()
    assert tabs.currentWidget() is tabs.kernel_editor
    return tabs.kernel_editor


def test_editing_a_second_layer_weight_changes_every_later_map_and_the_prediction(
        qtbot, page, state, model, data):
    before = params_copy(model)
    learned_out = page.activations.probabilities.copy()
    editor = open_editor(qtbot, page, CONV2, 2)
    assert len(editor.grids) == 1 and editor.channel_spin.isVisibleTo(editor)  # 4 channels
    editor.channel_spin.setValue(3)
    learned_weight, learned_bias = state.learned_kernel(CONV2, 2)
    np.testing.assert_array_equal(editor.grids[0].values(), learned_weight[2])
    assert not editor.reset_button.isEnabled()

    refreshes = page.refreshes
    editor.grids[0].apply_edit(1, 1, 2.5)  # what a drag or the wheel does
    qtbot.waitUntil(lambda: page.refreshes > refreshes)

    weight = model.layers[CONV2].params["weight"].copy()
    weight[2, 2, 1, 1] = 2.5
    edited = model.with_parameters({CONV2: {"weight": weight,
                                            "bias": model.layers[CONV2].params["bias"]}})
    expected = units.forward_all(edited, data.x_test[0])
    for position in page.positions:
        np.testing.assert_allclose(page.activations.at(position.layer),
                                   expected.at(position.layer), rtol=1e-5, atol=1e-6)
    assert not np.allclose(page.activations.probabilities, learned_out)
    with qtbot.waitSignal(state.predicted):
        state.recompute()
    np.testing.assert_allclose(state.prediction, edited.predict_proba(state.image[None])[0],
                               rtol=1e-5)
    assert not np.allclose(state.prediction, model.predict_proba(state.image[None])[0])
    assert editor.reset_button.isEnabled() and editor.edited_label.isVisibleTo(editor)
    assert "(edited)" in page.view.column_of(CONV2).title
    assert state.edited_kernels() == {CONV2: (2,)}
    assert_unchanged(model, before)

    # the bias too
    editor.bias_spin.setValue(1.25)
    assert state.kernel(CONV2, 2)[1] == 1.25

    refreshes = page.refreshes
    editor.reset_button.click()
    qtbot.waitUntil(lambda: page.refreshes > refreshes)
    assert state.kernel_edits == {}
    assert state.model_in_use is model
    learned = units.forward_all(model, data.x_test[0])
    for position in page.positions:
        np.testing.assert_array_equal(page.activations.at(position.layer),
                                      learned.at(position.layer))
    np.testing.assert_array_equal(editor.grids[0].values(), learned_weight[2])
    assert editor.bias_spin.value() == pytest.approx(learned_bias, abs=1e-3)
    assert not editor.reset_button.isEnabled()
    assert "(edited)" not in page.view.column_of(CONV2).title
    assert_unchanged(model, before)


def test_a_first_layer_filter_shows_one_grid_and_a_refused_value_keeps_the_learned(
        qtbot, state, model):
    editor = KernelEditor(state)
    qtbot.addWidget(editor)
    editor.choose(CONV1, 1)
    assert len(editor.grids) == 1 and not editor.channel_spin.isVisibleTo(editor)
    editor.grids[0].apply_edit(0, 0, -0.75)
    assert state.kernel(CONV1, 1)[0][0, 0, 0] == pytest.approx(-0.75)
    with pytest.raises(ValueError):
        state.set_kernel_weight(CONV1, 1, 0, 0, 0, float("nan"))
    assert state.kernel(CONV1, 1)[0][0, 0, 0] == pytest.approx(-0.75)
    with pytest.raises(ValueError):
        editor.choose(CONV1, 99)


def test_switched_off_units_and_edits_together(state, model, data):
    state.set_kernel_weight(CONV2, 0, 0, 0, 0, 3.0)
    state.set_switched_off(CONV2, 1)
    weight = model.layers[CONV2].params["weight"].copy()
    bias = model.layers[CONV2].params["bias"].copy()
    weight[0, 0, 0, 0] = 3.0
    weight[1], bias[1] = 0, 0
    expected = model.with_parameters({CONV2: {"weight": weight, "bias": bias}})
    np.testing.assert_allclose(state.model_in_use.predict_proba(data.x_test[:5]),
                               expected.predict_proba(data.x_test[:5]), rtol=1e-6)
    in_use = state.model_in_use
    assert state.model_in_use is in_use  # the same until the next change


def test_a_new_model_drops_every_edit(qtbot, state, model):
    state.set_kernel_bias(CONV1, 0, 0.5)
    assert state.kernel_edits
    with qtbot.waitSignal(state.kernel_edits_changed):
        state.set_model(model)
    assert state.kernel_edits == {} and state.model_in_use is model
    state.set_kernel_bias(CONV1, 0, 0.5)
    state.reset_all_kernels()
    assert state.kernel_edits == {}


def test_the_editor_in_japanese(qtbot, page):
    editor = open_editor(qtbot, page, CONV2, 0)
    english = editor.reset_button.text()
    i18n.set_language("ja")
    assert editor.reset_button.text() != english
    assert page.insight.tabText(4) != "Learned kernel"
    assert page.insight.edit_button.text() != "Edit kernel"
    assert editor.title_label.text().isascii() is False


class PaintLog(QObject):
    """The rectangles of every paint event of the watched widgets."""

    def __init__(self, *widgets) -> None:
        super().__init__()
        self.rects = {widget: [] for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and watched in self.rects:
            self.rects[watched].append(event.rect())
        return False


def settle(qtbot, page, refreshes):
    qtbot.waitUntil(lambda: page.refreshes > refreshes)
    qtbot.wait(40)  # the paint events of this refresh


def test_an_edit_recomputes_and_repaints_only_the_layers_from_the_edited_one(
        qtbot, page, state, model, data):
    editor = open_editor(qtbot, page, CONV2, 1)
    refreshes = page.refreshes
    editor.grids[0].apply_edit(0, 0, 1.5)  # the first edit marks the column: a new layout
    settle(qtbot, page, refreshes)
    kept = page.activations
    log = PaintLog(page.view, editor.bias_spin, editor.channel_spin)
    refreshes = page.refreshes
    editor.grids[0].apply_edit(2, 1, -0.5)
    settle(qtbot, page, refreshes)
    for layer in (units.INPUT, *range(CONV2)):  # before the edited layer: kept, not recomputed
        assert page.activations.at(layer) is kept.at(layer)
    expected = units.forward_all(state.model_in_use, data.x_test[0])
    for position in page.positions:
        np.testing.assert_array_equal(page.activations.at(position.layer),
                                      expected.at(position.layer))
    view = page.view
    painted = log.rects[view]
    assert painted, "the view repainted"
    conv2_column = next(i for i, c in enumerate(view.columns) if c.position.layer == CONV2)
    for index in range(conv2_column):  # the input and the first block: not painted again
        assert not any(rect.intersects(view.column_band(index)) for rect in painted), index
    assert any(rect.intersects(view.column_band(conv2_column)) for rect in painted)
    # The editor's controls did not change: no repaint (a re-layout repainted them all).
    assert log.rects[editor.bias_spin] == [] and log.rects[editor.channel_spin] == []


def test_hidden_tabs_wait_for_an_edit_and_catch_up_when_shown(qtbot, page, state, model,
                                                             data):
    tabs = page.insight
    why, top = tabs.why, tabs.top_images
    tabs.setCurrentIndex(3)  # the Why tab, for the learned network
    qtbot.waitUntil(lambda: why.probabilities is not None and not why.job.busy,
                    timeout=20_000)
    before = why.probabilities.copy()
    np.testing.assert_allclose(before, model.predict_proba(data.x_test[0][None])[0],
                               rtol=1e-5, atol=1e-7)
    editor = open_editor(qtbot, page, CONV2, 0)
    refreshes = page.refreshes
    editor.grids[0].apply_edit(1, 1, 4.0)
    editor.bias_spin.setValue(3.0)
    settle(qtbot, page, refreshes)
    edited = state.model_in_use
    wanted = edited.predict_proba(data.x_test[0][None])[0]
    # Out of sight: nothing worked out for the edit yet.
    np.testing.assert_array_equal(why.probabilities, before)
    assert not np.allclose(wanted, before)
    tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: not why.job.busy, timeout=20_000)
    np.testing.assert_allclose(why.probabilities, wanted, rtol=1e-5, atol=1e-7)
    gradient = analysis.input_gradient(edited, data.x_test[0], why.klass)
    np.testing.assert_allclose(why.gradient_map.values, gradient.sum(axis=0), atol=1e-6)

    # The arithmetic tab, out of sight during the edits, writes out the edited unit.
    page.select_unit(CONV2, (0, 2, 2))
    tabs.setCurrentIndex(3)
    heading = page.detail.heading.text()
    state.set_kernel_bias(CONV2, 0, 2.5)
    qtbot.waitUntil(lambda: not page._dirty)
    assert page.detail.heading.text() == heading  # hidden: not filled again
    tabs.setCurrentIndex(0)
    value = state.model_in_use.activations(data.x_test[0])[CONV2 + 1][0, 2, 2]
    assert page.detail.explanation.value == pytest.approx(value, abs=1e-5)
    assert format_number(float(value), 4) in page.detail.heading.text()
    tabs.setCurrentIndex(3)

    # With the Why tab open, another edit (through the state) is followed at once.
    state.set_kernel_bias(CONV2, 0, -2.0)
    np.testing.assert_allclose(
        why.probabilities, state.model_in_use.predict_proba(data.x_test[0][None])[0],
        rtol=1e-5, atol=1e-7)

    # The top images of the chosen filter follow the edited network when shown.
    state.set_test_set(data)
    tabs.setCurrentWidget(top)
    qtbot.waitUntil(lambda: top.result is not None and not top.job.busy, timeout=20_000)
    layer, unit = top.chosen_layer().layer, top.unit_spin.value() - 1
    expected = analysis.top_activating(state.model_in_use, data.x_test, layer, unit,
                                       len(top.result.indices))
    np.testing.assert_array_equal(top.result.indices, expected.indices)
