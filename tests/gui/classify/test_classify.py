"""Classify page, probability bars and the explorer's prediction panel against the engine."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from engine import datasets
from engine.model import build_cnn
from engine.optim import Adam
from engine.train import fit
from gui.classify.page import ClassifyPage
from gui.common.preprocess import Preprocess
from gui.common.probability_bars import (
    OTHER_COLOR,
    TOP_COLOR,
    ProbabilityBars,
    percent_text,
    percent_texts,
)
from gui.explore.prediction_panel import PredictionPanel
from gui.state import LabState
from gui.train import data_sources

LEFT = Qt.MouseButton.LeftButton


def train_tiny(filters: int, seed: int = 0):
    """A small MNIST CNN trained for one epoch (well under a second)."""
    data = datasets.load("mnist", n_train=1000, n_test=0)
    model = build_cnn(filters=filters, class_names=data.class_names, seed=seed)
    fit(model, Adam(0.01), data.x_train, data.y_train, epochs=1, batch_size=64, seed=seed)
    return model


@pytest.fixture(scope="module")
def model():
    # 4 filters of 3×3: the same shape as the explorer's default filters.
    return train_tiny(filters=4)


@pytest.fixture(scope="module")
def model6():
    # 6 filters: no shape clash with the explorer's 4 default filters.
    return train_tiny(filters=6, seed=1)


@pytest.fixture(scope="module")
def test_digits():
    return datasets.load("mnist", n_train=0, n_test=20)


@pytest.fixture
def state(qtbot):
    return LabState()


@pytest.fixture
def page(qtbot, state):
    widget = ClassifyPage(state, seed=0)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def canvas_point(canvas, x: float, y: float) -> QPoint:
    """Widget position of backing-picture pixel (x, y) of a 280×280 canvas."""
    return QPoint(round(x * canvas.width() / 280), round(y * canvas.height() / 280))


def move_along(qtbot, canvas, points) -> None:
    """Drag through ``points`` (backing-picture pixels) in small steps."""
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:], strict=True):
        for t in np.linspace(0.0, 1.0, 6)[1:]:
            qtbot.mouseMove(canvas, canvas_point(canvas, x0 + t * (x1 - x0), y0 + t * (y1 - y0)))


def stroke(qtbot, canvas, points, release: bool = True) -> None:
    qtbot.mousePress(canvas, LEFT, pos=canvas_point(canvas, *points[0]))
    move_along(qtbot, canvas, points)
    if release:
        qtbot.mouseRelease(canvas, LEFT, pos=canvas_point(canvas, *points[-1]))


SEVEN = [(70, 60), (210, 60), (180, 130), (150, 230)]


def set_digit(state: LabState, digit: np.ndarray) -> None:
    """Make a 28×28 MNIST digit (ink = 1) the explorer's image, as a picture (paper = 1)."""
    state.set_source(np.repeat((1.0 - digit)[:, :, None], 3, axis=2), "digit")
    state.set_preprocess(Preprocess(color="gray", size=None))
    state.recompute()


# --- ProbabilityBars ---------------------------------------------------------------------


def test_bars_show_values_top_class_and_cleared_state(qtbot):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    p = np.array([0.05, 0.7, 0.25])
    bars.set_probabilities(p, ["cat", "dog", "owl"])
    assert np.array_equal(bars.probabilities, p)
    assert bars.top_index == 1
    assert bars.caption.text() == "Prediction: dog (70% sure)"
    brushes = bars._bars.opts["brushes"]
    assert brushes[1].color() == QColor(TOP_COLOR)
    assert brushes[0].color() == QColor(OTHER_COLOR)
    assert [label.toPlainText() for label in bars._labels] == ["5%", "70%", "25%"]
    item = bars._bars
    bars.set_probabilities(np.array([0.9, 0.05, 0.05]), ["cat", "dog", "owl"])
    assert bars._bars is item  # updated in place, not rebuilt
    assert np.array_equal(item.opts["width"], [0.9, 0.05, 0.05])
    assert bars.top_index == 0

    bars.set_probabilities(None, empty_text="nothing here")
    assert bars.is_cleared() and bars.probabilities is None
    assert bars.placeholder_text() == "nothing here"
    with pytest.raises(ValueError):
        bars.set_probabilities(np.array([0.5, 0.5]), ["one"])
    with pytest.raises(ValueError):
        bars.set_probabilities(np.array([np.nan, 1.0]))


def test_the_percentages_of_all_classes_add_up_to_the_whole():
    assert percent_texts([0.335, 0.335, 0.33]) == ["34%", "33%", "33%"]  # not 34, 34, 33
    rng = np.random.default_rng(0)
    for k in (2, 3, 10, 26):
        for _ in range(200):
            p = rng.dirichlet(np.full(k, 0.7)).astype(np.float32)
            texts = percent_texts(p)
            if any(t in ("<1%", ">99%") for t in texts):
                continue
            whole = [int(t.rstrip("%")) for t in texts]
            assert sum(whole) == 100, (p, texts)
            assert np.all(np.abs(np.array(whole) - p * 100) < 1), (p, texts)
    # One class alone reads as it did.
    assert percent_texts([0.873]) == [percent_text(0.873)] == ["87%"]


def test_the_bars_and_their_caption_show_percentages_that_add_up(qtbot):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.set_probabilities(np.array([0.335, 0.335, 0.33], np.float32), ["a", "b", "c"])
    assert [label.toPlainText() for label in bars._labels] == ["34%", "33%", "33%"]
    assert "(34% sure)" in bars.caption.text()


def test_percent_text():
    assert percent_text(0.873) == "87%"
    assert percent_text(0.001) == "<1%"
    assert percent_text(0.998) == ">99%"
    assert percent_text(0.5) == "50%"


def test_a_float32_softmax_that_rounds_to_one_never_reads_100_percent(qtbot):
    from engine import ops

    p = ops.softmax(np.array([[0.0, 30.0, 2.0]], dtype=np.float32))[0]
    assert p[1] == 1.0 and p[0] > 0  # the rounding the display must not repeat
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.set_probabilities(p, ["cat", "dog", "owl"])
    texts = [label.toPlainText() for label in bars._labels]
    assert texts[1] == ">99%" and "100%" not in bars.caption.text()
    assert ">99%" in bars.caption.text()


# --- ClassifyPage ------------------------------------------------------------------------


def test_drawing_classifies_while_drawing_and_matches_engine(qtbot, page, state, model):
    state.set_model(model)
    canvas = page.canvas
    # Mid-stroke: the bars already follow the pen.
    stroke(qtbot, canvas, SEVEN[:2], release=False)
    qtbot.waitUntil(lambda: page.current_probabilities is not None, timeout=2000)
    mid_stroke = page.current_input
    assert mid_stroke.max() > 0
    move_along(qtbot, canvas, SEVEN[1:])
    qtbot.mouseRelease(canvas, LEFT, pos=canvas_point(canvas, *SEVEN[-1]))

    expected_input = data_sources.to_training_image(canvas.image())
    qtbot.waitUntil(lambda: np.array_equal(page.current_input, expected_input), timeout=2000)
    assert not np.array_equal(mid_stroke, expected_input)
    probabilities = page.current_probabilities
    assert probabilities.shape == (10,)
    assert abs(float(probabilities.sum()) - 1.0) < 1e-5
    assert np.array_equal(probabilities,
                          model.predict_proba(page.current_input[None, None])[0])
    assert np.array_equal(page.bars.probabilities, probabilities)
    top = int(np.argmax(probabilities))
    assert page.bars.caption.text().startswith(f"Prediction: {top} (")
    # The input view shows the 28×28 grid scaled up six times.
    assert page.input_box.input_view.pixmap().size().width() == 28 * 6
    assert page.input_box.send_button.isEnabled()


def test_burst_of_strokes_is_classified_once_per_frame(qtbot, page, state, model):
    counting = model.copy()
    calls = []
    original = counting.predict_proba
    counting.predict_proba = lambda x, *a, **k: calls.append(1) or original(x, *a, **k)
    state.set_model(counting)
    calls.clear()
    stroke(qtbot, page.canvas, SEVEN, release=False)
    for _ in range(20):
        page.canvas.drawn.emit()
    qtbot.waitUntil(lambda: page.current_probabilities is not None, timeout=2000)
    qtbot.wait(50)
    assert len(calls) <= 2


def test_clear_leaves_no_prediction(qtbot, page, state, model):
    state.set_model(model)
    stroke(qtbot, page.canvas, SEVEN)
    qtbot.waitUntil(lambda: page.current_probabilities is not None, timeout=2000)
    page.drawing.clear_button.click()
    qtbot.waitUntil(lambda: page.current_probabilities is None, timeout=2000)
    assert not page.current_input.any()
    assert page.bars.is_cleared()
    assert not page.input_box.send_button.isEnabled()
    assert page.drawing.undo_button.isEnabled()
    page.drawing.undo_button.click()
    qtbot.waitUntil(lambda: page.current_probabilities is not None, timeout=2000)


def test_clicking_a_sample_classifies_that_test_image(qtbot, page, state, model):
    state.set_model(model)
    test_images = datasets.load("mnist", n_train=0).x_test[:, 0]
    samples = page.sample_images
    assert samples.shape == (len(page.samples.buttons), 28, 28)
    # Each one is a real MNIST test image, and the first ten cover all ten digits.
    for image in samples:
        assert np.any(np.all(test_images == image, axis=(1, 2)))
    labels = [button.text() for button in page.samples.buttons]
    assert sorted(labels[:10]) == [str(d) for d in range(10)]

    page.samples.buttons[3].click()
    assert np.array_equal(page.current_input, samples[3])
    assert np.array_equal(page.current_probabilities,
                          model.predict_proba(samples[3][None, None])[0])
    assert page.samples.buttons[3].isChecked()
    assert f"“{labels[3]}”" in page.input_box.origin_label.text()
    # New samples replace the strip.
    page.new_samples()
    assert not np.array_equal(page.sample_images, samples)


def test_send_to_explorer_puts_the_input_in_the_state(qtbot, page, state, model):
    state.set_model(model)
    state.set_preprocess(Preprocess(color="rgb", size=64, invert=True))
    page.samples.buttons[0].click()
    with qtbot.waitSignal(page.explore_requested, timeout=1000):
        page.input_box.send_button.click()
    assert state.image.shape == (1, 28, 28)
    np.testing.assert_allclose(state.image[0], page.current_input, atol=1e-6)
    assert state.preprocess == Preprocess(color="gray", size=None)
    assert "test image" in state.source_name


def test_a_sent_pictures_name_follows_a_language_switch(qtbot, page, state, model):
    from gui import i18n
    from gui.explore.image_panel import ImagePanel

    panel = ImagePanel(state)
    qtbot.addWidget(panel)
    state.set_model(model)
    page.samples.buttons[0].click()
    page.input_box.send_button.click()
    assert state.source_name.startswith("test image: ")
    i18n.set_language("ja")
    assert state.source_name.startswith("テスト画像: ")
    assert panel.caption.text().startswith("テスト画像: ")


def test_open_image_classifies_a_file_and_reports_bad_ones(qtbot, page, state, model, tmp_path,
                                                          test_digits):
    state.set_model(model)
    digit = test_digits.x_test[4, 0]
    paper = ((1.0 - np.kron(digit, np.ones((4, 4)))) * 255).astype(np.uint8)
    path = tmp_path / "digit.png"
    gray = QImage(paper.data, 112, 112, 112, QImage.Format.Format_Grayscale8).copy()
    assert gray.save(str(path))
    assert page.open_image(path)
    expected = data_sources.load_picture_as_example(path)
    assert np.array_equal(page.current_input, expected)
    assert np.array_equal(page.current_probabilities, model.predict_proba(expected[None, None])[0])
    assert "digit.png" in page.input_box.origin_label.text()

    bad = tmp_path / "notes.png"
    bad.write_text("not a picture")
    before = page.current_input
    with qtbot.waitSignal(page.message, timeout=1000) as blocker:
        assert not page.open_image(bad)
    assert "notes.png" in blocker.args[0]()  # a way to word it, in the current language
    assert np.array_equal(page.current_input, before)


def test_without_a_model_the_page_explains_and_does_not_crash(qtbot, page, state):
    assert state.model is None
    assert "No trained model yet" in page.bars.placeholder_text()
    stroke(qtbot, page.canvas, SEVEN)
    expected = data_sources.to_training_image(page.canvas.image())
    qtbot.waitUntil(lambda: np.array_equal(page.current_input, expected), timeout=2000)
    assert page.current_probabilities is None
    assert page.bars.is_cleared()
    assert page.classify_array(expected) is None


def test_model_changes_refresh_the_prediction_and_the_samples(qtbot, page, state, model):
    page.samples.buttons[0].click()
    assert page.current_probabilities is None
    state.set_model(model)
    assert page.current_probabilities is not None
    shapes_model = build_cnn(num_classes=6, filters=2, class_names=datasets.SHAPE_CLASSES)
    state.set_model(shapes_model)
    assert all(name in datasets.SHAPE_CLASSES for name in page.samples.labels)
    page.samples.buttons[1].click()
    # The generated shapes' classes are the app's names, shown in the current language.
    assert page.bars.class_names == ("Circle", "Square", "Triangle", "Cross",
                                     "Horizontal line", "Vertical line")
    assert np.array_equal(page.current_probabilities,
                          shapes_model.predict_proba(page.sample_images[1][None, None])[0])
    other = build_cnn(input_shape=(1, 32, 32), num_classes=3, filters=2)
    state.set_model(other)
    assert page.current_probabilities is None
    assert "28×28" in page.bars.placeholder_text()


# --- PredictionPanel ---------------------------------------------------------------------


@pytest.fixture
def panel(qtbot, state):
    widget = PredictionPanel(state)
    qtbot.addWidget(widget)
    widget.resize(300, 260)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_panel_without_model_shows_hint(qtbot, panel, state):
    state.recompute()
    assert "No trained model yet" in panel.bars.placeholder_text()
    assert not panel.use_button.isEnabled()
    assert not panel.reset_button.isEnabled()
    panel.use_button.click()  # disabled: nothing happens, nothing breaks


def test_panel_asks_for_a_28x28_image(qtbot, panel, state, model6):
    state.set_model(model6)
    state.recompute()
    assert state.prediction is None  # the default 9×9 pattern does not fit
    assert panel.bars.placeholder_text() == ("The model reads 28×28 grayscale images: pick a "
                                             "digit or set the size to 28")
    assert panel.use_button.isEnabled()


def test_panel_shows_the_models_prediction(qtbot, panel, state, model6, test_digits):
    state.set_model(model6)
    set_digit(state, test_digits.x_test[0, 0])
    expected = model6.predict_proba(state.image[None])[0]
    assert np.array_equal(state.prediction, expected)
    assert np.array_equal(panel.bars.probabilities, expected)
    assert panel.bars.class_names == datasets.MNIST_CLASSES


def test_panel_shows_the_models_own_prediction_before_use_learned(qtbot, panel, state, model,
                                                                  test_digits):
    state.set_model(model)
    set_digit(state, test_digits.x_test[0, 0])
    assert np.array_equal(panel.bars.probabilities, model.predict_proba(state.image[None])[0])


def test_editing_a_learned_weight_changes_the_prediction_as_the_engine_does(
        qtbot, panel, state, model, test_digits):
    state.set_model(model)
    set_digit(state, test_digits.x_test[1, 0])
    assert not panel.reset_button.isEnabled()
    panel.use_button.click()
    state.recompute()
    conv = model.layers[0]
    assert np.array_equal(state.weights(), conv.params["weight"])
    original = model.predict_proba(state.image[None])[0]
    assert np.array_equal(state.prediction, original)
    assert np.array_equal(panel.bars.probabilities, original)
    assert not panel.reset_button.isEnabled()  # nothing to undo before an edit
    assert "Edit a learned weight" in panel.hint.text()

    state.set_cell(2, 0, 1, 2, 3.5)
    state.recompute()
    assert panel.reset_button.isEnabled()
    edited_model = model.copy()
    edited_model.layers[0].params["weight"][2, 0, 1, 2] = 3.5
    expected = edited_model.predict_proba(state.image[None])[0]
    assert not np.array_equal(expected, original)
    assert np.array_equal(state.prediction, expected)
    assert np.array_equal(panel.bars.probabilities, expected)
    assert "Reset to learned" in panel.hint.text()
    # The model itself is untouched: the editor's filters only stand in for its layer.
    assert np.array_equal(model.predict_proba(state.image[None])[0], original)

    panel.reset_button.click()
    state.recompute()
    assert np.array_equal(state.prediction, original)
    assert np.array_equal(panel.bars.probabilities, original)
    assert "Edit a learned weight" in panel.hint.text()


def test_new_model_disables_reset(qtbot, panel, state, model, model6):
    state.set_model(model)
    panel.use_button.click()
    state.set_bias(0, 0.5)
    assert panel.reset_button.isEnabled()
    state.set_model(model6)
    assert not panel.reset_button.isEnabled()
    state.set_model(None)
    assert not panel.use_button.isEnabled()
    state.recompute()
    assert "No trained model yet" in panel.bars.placeholder_text()
