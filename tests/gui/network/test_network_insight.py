"""The Network page's insight panels against the engine: switching units off (accuracy and
confusion matrix on the test images, in the real worker), the test images a filter
responds to (cropped to its receptive field), the occlusion and gradient maps, and the
panels in Japanese."""

from __future__ import annotations

import numpy as np
import pytest

from engine import analysis, datasets, units
from engine.architecture import ConvBlock
from engine.model import build_network
from engine.optim import Adam
from engine.train import fit
from gui import i18n
from gui.network.latest_job import LatestJob
from gui.network.switch_off import SwitchOffPanel, change_text
from gui.network.top_images import TOP_COUNT, TopImagesPanel, receptive_crop
from gui.network.why_panel import PATCH_FILL, WhyPanel
from gui.state import LabState

CONV1, CONV2, HIDDEN = 0, 3, 7  # layer indices of the test network below


@pytest.fixture(scope="module")
def data():
    return datasets.load("mnist", n_train=1500)


@pytest.fixture(scope="module")
def model(data):
    """Two small convolution blocks and a hidden layer, trained for one epoch: well
    above chance, so switching units off changes its answers."""
    model = build_network((1, 28, 28), 10, [ConvBlock(6, (5, 5)), ConvBlock(8, (3, 3))],
                          [16], seed=0, class_names=data.class_names)
    fit(model, Adam(0.01), data.x_train, data.y_train, epochs=1, batch_size=64, seed=0)
    assert [type(layer).__name__ for layer in model.layers][CONV2] == "Conv2D"
    assert type(model.layers[HIDDEN]).__name__ == "Dense"
    return model


@pytest.fixture
def state(qtbot, model, data):
    state = LabState()
    state.set_model(model)
    state.set_test_set(data)
    return state


def shown(qtbot, widget, size=(1000, 520)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.job.busy, timeout=20_000)


@pytest.fixture(autouse=True)
def _back_to_english():
    yield
    i18n.set_language("en")


# --- switching units off ----------------------------------------------------------------

def test_switching_units_off_shows_the_engines_accuracy_and_confusion(qtbot, state, model,
                                                                      data):
    panel = shown(qtbot, SwitchOffPanel(state))
    wait_idle(qtbot, panel)
    whole = analysis.evaluate_switched_off(model, data.x_test, data.y_test, {})
    assert panel.baseline.accuracy == whole.accuracy
    np.testing.assert_array_equal(panel.confusion.confusion, whole.confusion)
    assert f"{100 * whole.accuracy:.1f} %" in panel.accuracy_label.text()
    assert panel.marks.changed_cells() == []

    panel.buttons[(CONV1, 2)].click()
    assert state.switched_off == {CONV1: frozenset({2})}
    assert panel.job.busy  # measured in the worker
    wait_idle(qtbot, panel)
    panel.buttons[(HIDDEN, 5)].click()  # several at once
    wait_idle(qtbot, panel)
    switched = {CONV1: [2], HIDDEN: [5]}
    expected = analysis.evaluate_switched_off(model, data.x_test, data.y_test, switched)
    assert expected.accuracy != whole.accuracy  # the test would prove nothing otherwise
    assert panel.evaluation.accuracy == expected.accuracy
    np.testing.assert_array_equal(panel.confusion.confusion, expected.confusion)
    text = panel.accuracy_label.text()
    assert (f"{100 * whole.accuracy:.1f} % → {100 * expected.accuracy:.1f} % "
            f"({change_text(whole.accuracy, expected.accuracy)} points)") in text
    change = expected.confusion - whole.confusion
    assert panel.marks.changed_cells() == [tuple(c) for c in np.argwhere(change != 0)]
    assert panel.buttons[(CONV1, 2)].isChecked() and panel.buttons[(HIDDEN, 5)].isChecked()
    assert "Convolution 1 (3)" in panel.detail_label.text()

    # Back on, one by one: the whole network's figures again.
    panel.buttons[(CONV1, 2)].click()
    panel.buttons[(HIDDEN, 5)].click()
    wait_idle(qtbot, panel)
    assert state.switched_off == {}
    assert panel.evaluation.accuracy == whole.accuracy
    np.testing.assert_array_equal(panel.confusion.confusion, whole.confusion)
    assert "with every unit on" in panel.accuracy_label.text()
    assert panel.marks.changed_cells() == []


def test_switching_off_measures_the_network_with_the_edited_kernels(qtbot, state, model,
                                                                    data):
    """An edited learned kernel is part of the network in use: the accuracy with units
    switched off, and with every unit on, are those of the edited network, measured
    again after each edit, and the panel says the edits are in."""
    panel = shown(qtbot, SwitchOffPanel(state))
    wait_idle(qtbot, panel)
    trained = panel.baseline.accuracy
    for channel_row in range(5):
        for col in range(5):
            state.set_kernel_weight(CONV1, 0, 0, channel_row, col, 3.0)  # a loud filter
    wait_idle(qtbot, panel)
    edited = state.model_with_kernel_edits
    assert edited is state.model_with_kernel_edits  # one model until the next edit
    whole = analysis.evaluate_switched_off(edited, data.x_test, data.y_test, {})
    assert whole.accuracy != trained  # the test would prove nothing otherwise
    assert panel.baseline.accuracy == whole.accuracy == panel.evaluation.accuracy
    assert "edited kernels" in panel.detail_label.text()
    panel.buttons[(HIDDEN, 5)].click()
    wait_idle(qtbot, panel)
    expected = analysis.evaluate_switched_off(edited, data.x_test, data.y_test, {HIDDEN: [5]})
    assert panel.evaluation.accuracy == expected.accuracy
    np.testing.assert_array_equal(panel.confusion.confusion, expected.confusion)
    state.reset_all_kernels()
    wait_idle(qtbot, panel)
    assert panel.baseline.accuracy == trained
    assert "edited kernels" not in panel.detail_label.text()


def test_a_switch_is_one_worker_job_on_what_the_whole_network_computed(qtbot, state, model,
                                                                      data):
    panel = shown(qtbot, SwitchOffPanel(state))
    wait_idle(qtbot, panel)
    evaluator = panel.evaluator
    assert evaluator is not None and evaluator.model is model
    jobs = []
    panel.job.busy_changed.connect(lambda busy: busy and jobs.append(busy))
    for switched in ({CONV2: [3]}, {CONV2: [3], CONV1: [1]}):
        layer, unit = list(switched.items())[-1]
        panel.buttons[(layer, unit[-1])].click()
        wait_idle(qtbot, panel)
        expected = analysis.evaluate_switched_off(model, data.x_test, data.y_test, switched)
        np.testing.assert_array_equal(panel.evaluation.predictions, expected.predictions)
        np.testing.assert_array_equal(panel.confusion.confusion, expected.confusion)
        assert panel.evaluator is evaluator  # the whole network's outputs, kept
        assert "Measuring" not in panel.detail_label.text()
    assert len(jobs) == 2  # one worker job per switch
    assert "switched off" in panel.buttons[(CONV1, 1)].toolTip()
    assert "switched off" not in panel.buttons[(CONV1, 0)].toolTip()
    state.set_model(model.copy())  # another model: another evaluator
    wait_idle(qtbot, panel)
    assert panel.evaluator is not evaluator and panel.evaluator.model is state.model


def test_switch_all_back_on_and_a_new_model(qtbot, state, model, data):
    panel = shown(qtbot, SwitchOffPanel(state))
    assert not panel.all_on_button.isEnabled()
    state.set_switched_off(CONV2, 1)
    state.set_switched_off(CONV2, 4)
    assert panel.buttons[(CONV2, 4)].isChecked()  # the state drives the buttons
    assert panel.all_on_button.isEnabled()
    panel.all_on_button.click()
    assert state.switched_off == {}
    assert not any(button.isChecked() for button in panel.buttons.values())
    state.set_switched_off(HIDDEN, 0)
    state.set_model(model.copy())  # another model: all on again
    assert state.switched_off == {}
    wait_idle(qtbot, panel)
    assert not panel.buttons[(HIDDEN, 0)].isChecked()


def test_the_prediction_uses_the_switched_off_network(qtbot, state, model, data):
    with pytest.raises(analysis.AnalysisError) as caught:
        state.set_switched_off(CONV1 + 1, 0)  # a ReLU has no units to switch off
    assert caught.value.code == "not_switchable"
    state.set_switched_off(CONV1, 0)
    state.set_switched_off(CONV1, 3)
    in_use = state.model_in_use
    expected = analysis.switched_off_model(model, {CONV1: [0, 3]})
    np.testing.assert_array_equal(in_use.predict_proba(data.x_test[:50]),
                                  expected.predict_proba(data.x_test[:50]))
    assert not np.array_equal(model.predict_proba(data.x_test[:50]),
                              expected.predict_proba(data.x_test[:50]))
    assert np.any(model.layers[CONV1].params["weight"][0])  # the model itself is untouched
    image = data.x_test[7]
    state.set_source(np.repeat((1.0 - image[0])[..., None], 3, axis=2), "test image 7")
    from gui.common.preprocess import Preprocess
    state.set_preprocess(Preprocess(color="gray", size=None))
    state.recompute()
    qtbot.waitUntil(lambda: state.prediction is not None and not state.busy, timeout=10_000)
    np.testing.assert_allclose(state.prediction,
                               expected.predict_proba(state.image[None])[0], atol=1e-6)


def test_no_test_images_says_so(qtbot, model):
    state = LabState()
    state.set_model(model)
    panel = shown(qtbot, SwitchOffPanel(state))
    assert "no test images" in panel.accuracy_label.text()
    assert panel.evaluation is None and not panel.job.busy


# --- what a filter has learned --------------------------------------------------------------

def test_top_images_are_the_engines_cropped_to_the_receptive_field(qtbot, state, model, data):
    panel = shown(qtbot, TopImagesPanel(state), (1000, 600))
    wait_idle(qtbot, panel)
    for layer, unit in ((CONV2, 3), (CONV1, 1)):
        panel.choose(layer, unit)
        wait_idle(qtbot, panel)
        expected = analysis.top_activating(model, data.x_test, layer, unit, TOP_COUNT)
        np.testing.assert_array_equal(panel.result.indices, expected.indices)
        np.testing.assert_array_equal(panel.result.values, expected.values)
        size = next(f.size for f in units.field_sizes(model) if f.layer == layer)
        assert all(crop.shape == (1, *size) for crop in panel.crops)
        for i, (index, (row, col)) in enumerate(zip(expected.indices, expected.positions,
                                                    strict=True)):
            field = units.receptive_field(model, layer, (unit, row, col))
            top, left, bottom, right = field.clipped
            on_image = panel.crops[i][:, top - field.top:bottom - field.top + 1,
                                      left - field.left:right - field.left + 1]
            np.testing.assert_array_equal(
                on_image, data.x_test[index][:, top:bottom + 1, left:right + 1])
            assert panel.cards[i].isVisible()
            assert panel.cards[i].value_label.text() != ""
        assert f"{size[0]}×{size[1]}" in panel.status.text()


def test_a_hidden_unit_sees_the_whole_image(qtbot, state, model, data):
    panel = shown(qtbot, TopImagesPanel(state), (1000, 600))
    panel.choose(HIDDEN, 4)
    wait_idle(qtbot, panel)
    expected = analysis.top_activating(model, data.x_test, HIDDEN, 4, TOP_COUNT)
    np.testing.assert_array_equal(panel.result.indices, expected.indices)
    assert panel.unit_label.text() == "Unit:"
    assert all(crop.shape == (1, 28, 28) for crop in panel.crops)


def test_a_crop_past_the_edge_is_blank_paper_there():
    image = np.arange(1, 26, dtype=np.float32).reshape(1, 5, 5)
    field = units.ReceptiveField(-1, 3, 1, 5, (5, 5))  # rows -1..1, cols 3..5
    crop = receptive_crop(image, field)
    assert crop.shape == (1, 3, 3)
    np.testing.assert_array_equal(crop[0, 0], 0)          # the row above the image
    np.testing.assert_array_equal(crop[0, :, 2], 0)       # the column right of it
    np.testing.assert_array_equal(crop[0, 1:, :2], image[0, 0:2, 3:5])


# --- why the network decided ------------------------------------------------------------------

def test_occlusion_and_gradient_maps_are_the_engines(qtbot, state, model, data):
    panel = shown(qtbot, WhyPanel(state), (1000, 460))
    image = data.x_test[3]
    panel.set_image(image)
    wait_idle(qtbot, panel)
    predicted = int(np.argmax(model.predict_proba(image[None])[0]))
    assert panel.klass == predicted
    occlusion = analysis.occlusion_map(model, image, predicted, 5, 2, PATCH_FILL)
    np.testing.assert_array_equal(panel.occlusion.drop, occlusion.drop)
    np.testing.assert_allclose(panel.occlusion_map.values, occlusion.per_pixel(), atol=1e-6)
    gradient = analysis.input_gradient(model, image, predicted)
    np.testing.assert_allclose(panel.gradient_map.values, gradient.sum(axis=0), atol=1e-7)
    name = data.class_names[predicted]
    assert f"“{name}”" in panel.texts[1].text() and f"“{name}”" in panel.texts[2].text()

    other = (predicted + 1) % 10
    panel.choose_class(other)
    panel.set_patch(7, 3)
    wait_idle(qtbot, panel)
    assert panel.klass == other
    occlusion = analysis.occlusion_map(model, image, other, 7, 3, PATCH_FILL)
    np.testing.assert_array_equal(panel.occlusion.drop, occlusion.drop)
    np.testing.assert_allclose(panel.occlusion_map.values, occlusion.per_pixel(), atol=1e-6)
    gradient = analysis.input_gradient(model, image, other)
    np.testing.assert_allclose(panel.gradient_map.values, gradient.sum(axis=0), atol=1e-7)
    assert "7×7" in panel.texts[1].text()

    # Switching a unit off: the maps explain the switched-off network.
    state.set_switched_off(CONV1, 0)
    wait_idle(qtbot, panel)
    switched = analysis.switched_off_model(model, {CONV1: [0]})
    np.testing.assert_array_equal(
        panel.occlusion.drop, analysis.occlusion_map(switched, image, other, 7, 3,
                                                     PATCH_FILL).drop)


def test_an_image_that_does_not_fit(qtbot, state):
    panel = shown(qtbot, WhyPanel(state), (1000, 460))
    panel.set_image(np.zeros((3, 28, 28), np.float32))
    assert panel.occlusion is None and panel.gradient is None
    assert "does not fit" in panel.status.text()


# --- the worker ---------------------------------------------------------------------------------

def test_the_newest_request_wins(qtbot):
    job = LatestJob()
    results = []
    job.finished.connect(lambda key, result: results.append((key, result)))
    for n in range(4):
        job.request(n, lambda n=n: sum(range(200_000)) * 0 + n)
    qtbot.waitUntil(lambda: not job.busy, timeout=10_000)
    assert results == [(3, 3)]  # the first ran unseen, the middle ones never ran


# --- language -------------------------------------------------------------------------------

def test_the_panels_in_japanese(qtbot, state, data):
    switch = shown(qtbot, SwitchOffPanel(state))
    top = shown(qtbot, TopImagesPanel(state))
    why = shown(qtbot, WhyPanel(state))
    why.set_image(data.x_test[0])
    for panel in (switch, top, why):
        wait_idle(qtbot, panel)
    i18n.set_language("ja")
    assert switch.title.text() == "ユニットをオフにする"
    assert "正解率" in switch.accuracy_label.text()
    assert switch.all_on_button.text() == "すべてオンに戻す"
    assert "受容野" in top.status.text()
    assert top.layer_box.itemText(0) == "畳み込み 1"
    assert why.headings[1].text() == "遮蔽マップ" and why.headings[2].text() == "勾配マップ"
    assert "赤" in why.texts[1].text()
    i18n.set_language("en")
    assert switch.title.text() == "Switch units off"
    assert why.headings[1].text() == "Occlusion map"
    assert "receptive field" in top.status.text()


# --- on the Network page -------------------------------------------------------------------

@pytest.fixture
def page(qtbot, state, data):
    from gui.network.page import NetworkPage
    state.set_classify_input(data.x_test[5][0])
    widget = NetworkPage(state)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def test_the_page_hosts_the_panels_and_shows_the_switched_off_network(qtbot, page, state,
                                                                      model, data):
    tabs = page.insight
    assert [tabs.widget(i) for i in range(3)] == [page.detail, tabs.switch_off,
                                                  tabs.top_images]
    assert tabs.widget(3).widget() is tabs.why  # in a scroll area
    image = data.x_test[5]
    np.testing.assert_array_equal(tabs.why.image, image)  # the page's image

    # A map of the second block's pooling belongs to filter 3 of its convolution.
    pool2 = CONV2 + 2
    page.select_unit(pool2, (2, 1, 1))
    assert tabs.chosen[0].layer == CONV2 and tabs.chosen[1] == 2
    assert tabs.top_images.chosen_layer().layer == CONV2
    assert tabs.top_images.unit_spin.value() == 3
    assert tabs.switch_button.isVisible()
    assert tabs.switch_button.text() == "Switch filter 3 of Convolution 2 off"

    tabs.switch_button.click()
    assert state.switched_off == {CONV2: frozenset({2})}
    assert tabs.switch_button.text() == "Switch filter 3 of Convolution 2 back on"
    qtbot.waitUntil(lambda: not page._dirty, timeout=5_000)
    switched = analysis.switched_off_model(model, {CONV2: [2]})
    expected = units.forward_all(switched, image)
    for shown, wanted in zip(page.activations.values, expected.values, strict=True):
        np.testing.assert_allclose(shown, wanted, atol=1e-6)
    np.testing.assert_array_equal(page.activations.at(CONV2)[2], 0)  # the filter's map

    tabs.setCurrentWidget(tabs.switch_off)
    wait_idle(qtbot, tabs.switch_off)
    assert tabs.switch_off.buttons[(CONV2, 2)].isChecked()
    assert tabs.switch_off.evaluation.accuracy == analysis.evaluate_switched_off(
        model, data.x_test, data.y_test, {CONV2: [2]}).accuracy

    # The input, the scores and the softmax belong to no filter: no button.
    page.select_unit(len(model.layers), (0,))
    assert tabs.chosen is None and not tabs.switch_button.isVisible()
    tabs.switch_off.all_on_button.click()
    qtbot.waitUntil(lambda: not page._dirty, timeout=5_000)
    np.testing.assert_allclose(page.activations.probabilities,
                               model.predict_proba(image[None])[0], atol=1e-6)


# --- where the test images come from -------------------------------------------------------

def test_the_train_page_hands_its_test_images_to_the_state(qtbot, model, tmp_path):
    from gui.train.page import TrainingPage
    lab = LabState()
    train_page = TrainingPage(lab)
    qtbot.addWidget(train_page)
    path = tmp_path / "net.npz"
    model.save(path)
    assert train_page.open_model(path)  # scored on the page's dataset (the bundled MNIST)
    dataset = train_page.results.result_dataset
    assert lab.test_set is not None and len(lab.test_set.labels) == len(dataset.y_test)
    np.testing.assert_array_equal(lab.test_set.images, dataset.x_test)
    np.testing.assert_array_equal(lab.test_set.labels, dataset.y_test)
    train_page.results.clear_evaluation()  # an opened model that fits no data
    assert lab.test_set is None


def test_a_map_reads_the_value_under_the_mouse(qtbot):
    from PySide6.QtCore import QPointF

    from gui.common.colormap import DIVERGING
    from gui.network.insight_parts import MapPicture
    picture = MapPicture(6)
    qtbot.addWidget(picture)
    values = np.arange(12, dtype=np.float32).reshape(3, 4)
    picture.set_map(values, DIVERGING, (-11, 11))
    assert picture.sizeHint().width() == 4 * 6 + 2
    assert picture.cell_at(QPointF(1 + 6 * 3 + 2, 1 + 6 * 2 + 2)) == (2, 3)
    assert picture.values[2, 3] == 11
    assert picture.cell_at(QPointF(1 + 6 * 4 + 1, 3)) is None
