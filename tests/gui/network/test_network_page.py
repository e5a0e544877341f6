"""The Network page on real widgets: one column per layer, a click on any unit shows the
engine's arithmetic for it, the receptive field has the formula's size, the page follows
the state's images, says what to do without a model, and speaks Japanese."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from engine import datasets, units
from engine.model import build_cnn
from engine.optim import Adam
from engine.train import fit
from gui import i18n
from gui.network.arithmetic_widgets import WINNER, TextTable
from gui.network.page import CLASSIFY, EXPLORER, NetworkPage
from gui.state import LabState

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def digits():
    return datasets.load("mnist", n_train=600, n_test=10)


@pytest.fixture(scope="module")
def model(digits):
    """Two convolution blocks and a hidden layer, trained briefly (well under a second)."""
    net = build_cnn(filters=(4, 6), hidden=12, class_names=digits.class_names, seed=0)
    fit(net, Adam(0.01), digits.x_train, digits.y_train, epochs=1, batch_size=64, seed=0)
    return net


@pytest.fixture
def state(qtbot, model, digits):
    lab = LabState()
    lab.set_source(np.repeat((1.0 - digits.x_test[0, 0])[:, :, None], 3, axis=2), "seven")
    lab.set_model(model)
    return lab


@pytest.fixture
def page(qtbot, state):
    widget = NetworkPage(state)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def _click(qtbot, page, layer, unit):
    """Click the centre of ``unit``'s square in the painted network."""
    view = page.view
    rect = view.column_of(layer).unit_rect(unit)
    page.scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()))
    qtbot.mouseClick(view, LEFT, pos=QPoint(int(rect.center().x()), int(rect.center().y())))
    assert page.selection == (layer, tuple(unit))
    return page.detail.explanation


def _forward_value(model, image, layer, unit):
    """The unit's value from the model's own textbook forward pass."""
    if layer == len(model.layers):
        return float(model.predict_proba(image[None])[0][unit])
    return float(model.activations(image)[layer + 1][unit])


def test_one_column_per_layer_of_a_two_block_model(page, model):
    roles = [column.position.role for column in page.view.columns]
    assert roles == ["input", "conv", "activation", "pool", "conv", "activation", "pool",
                     "flatten", "hidden", "activation", "output", "softmax"]
    assert [len(c.maps) for c in page.view.columns[:7]] == [1, 4, 4, 4, 6, 6, 6]
    assert len(page.view.columns[7].cells) == 6 * 5 * 5
    assert len(page.view.columns[-1].cells) == 10
    # Left to right, without overlaps.
    xs = [(c.x, c.x + c.width) for c in page.view.columns]
    assert all(a[1] < b[0] for a, b in zip(xs, xs[1:], strict=False))
    assert page.view.width() >= xs[-1][1]


def test_block_columns_share_a_scale_and_each_group_has_a_legend(page):
    groups = page.view.groups
    kinds = [(g.kind, g.first, g.last) for g in groups]
    assert kinds == [("input", 0, 0), ("block", 1, 3), ("block", 4, 7), ("hidden", 8, 9),
                     ("output", 10, 10), ("softmax", 11, 11)]
    conv2 = page.activations.at(3)
    assert groups[2].levels == (-float(np.abs(conv2).max()), float(np.abs(conv2).max()))


@pytest.mark.parametrize("layer, unit", [(3, (2, 4, 5)), (0, (1, 0, 0)), (5, (3, 1, 2)),
                                         (2, (0, 6, 6)), (7, (5,)), (8, (7,)), (9, (3,)),
                                         (10, (7,))])
def test_clicking_a_unit_shows_the_engines_arithmetic_for_it(qtbot, page, model, layer,
                                                             unit):
    info = _click(qtbot, page, layer, unit)
    expected = _forward_value(model, page.image, layer, unit)
    assert info.value == pytest.approx(expected, rel=1e-5, abs=1e-6)
    engine = units.explain_unit(model, units.forward_all(model, page.image), layer, unit)
    assert type(info) is type(engine)
    if isinstance(info, units.ConvUnit):
        assert info.cell.total + info.cell.bias == pytest.approx(expected, rel=1e-5,
                                                                 abs=1e-5)
        assert info.cell.channel_sums.shape == (page.activations.at(layer - 1).shape[0],)
    elif isinstance(info, units.PoolUnit):
        assert info.cell.window.max() == pytest.approx(expected)
    elif isinstance(info, units.DenseUnit):
        assert info.total + info.bias == pytest.approx(expected, rel=1e-5, abs=1e-5)
        # The largest contributions are the ones outlined in the column before.
        np.testing.assert_array_equal(page.view._highlight, info.top(8))
    elif isinstance(info, units.SoftmaxUnit):
        assert info.exponentials[unit[0]] / info.total == pytest.approx(expected, rel=1e-5)
    tables = [t for t in page.detail.maths.findChildren(TextTable) if t.isVisibleTo(page)]
    if isinstance(info, units.SoftmaxUnit):  # score, exponential, probability per class
        rows = tables[0].rows[1:]
        assert len(rows) == 10
        assert [float(r[1].replace("\u2212", "-")) for r in rows] == pytest.approx(
            info.scores.tolist(), abs=6e-4)
        assert rows[unit[0]][3] == f"{expected * 100:.2f} %"
    elif isinstance(info, units.DenseUnit):  # the top contributions, the rest, the sum
        rows = tables[0].rows[1:]
        assert len(rows) == 8 + 2
        assert float(rows[-1][3].replace("\u2212", "-")) == pytest.approx(info.total,
                                                                         abs=6e-4)
    texts = " ".join(label.text() for label in page.detail.maths.findChildren(
        type(page.detail.heading)))
    if isinstance(info, units.PoolUnit):
        assert f"<b>{_shown(info.value)}</b>" in texts
    elif not isinstance(info, units.SoftmaxUnit):
        final = info.value if not isinstance(info, units.ConvUnit) else info.cell.pre_activation
        assert f"<b>{_shown(final)}</b>" in texts
    else:
        assert f"<b>{info.value * 100:.2f} %</b>" in texts


def _shown(value):
    from gui.common.number_format import format_number
    return format_number(value, 3)


def test_feeding_units_are_outlined_in_the_column_before(qtbot, page, model):
    _click(qtbot, page, 3, (1, 5, 5))
    feeding = page.view._feeding
    assert feeding.shape == page.activations.at(2).shape
    # A 3×3 window on every map of the pooling before.
    assert feeding.sum() == 3 * 3 * feeding.shape[0]
    assert feeding[:, 5:8, 5:8].all()
    image = page.view.grab().toImage()
    column = page.view.column_of(2)
    corner = column.unit_rect((0, 5, 5)).topLeft()
    colour = QColor(image.pixel(int(corner.x()) - 1, int(corner.y()) + 3))
    assert colour.red() > 200 and colour.blue() < 80  # the orange outline


def test_receptive_field_has_the_formula_size_and_is_outlined_on_the_input(qtbot, page,
                                                                           model):
    sizes = {s.layer: s.size for s in units.field_sizes(model)}
    for layer in (0, 2, 3, 5):
        shape = page.positions[layer + 1].shape
        _click(qtbot, page, layer, (0, shape[1] // 2, shape[2] // 2))
        field = page.detail.receptive_field
        assert field.size == sizes[layer] == field.clipped_size
        assert page.view._field == field
    assert sizes[5] == (10, 10)
    view = page.detail.field_view
    top, left, _, _ = view._box
    image = view.grab().toImage()
    scale = view._scale
    colour = QColor(image.pixel(1 + left * scale, 1 + top * scale + scale))
    assert (colour.red(), colour.green()) == (WINNER.red(), WINNER.green()) or (
        colour.red() > 200 and colour.blue() < 100)


def test_hovering_names_the_unit_and_its_value(page):
    text = page.view.hover_text(3, (1, 2, 3))
    assert "Convolution 2" in text and "map 2, row 3, column 4" in text
    assert f"{page.activations.value(3, (1, 2, 3)):.3f}".replace("-", "\u2212") in text


def test_follows_the_explorer_image_and_the_classify_input(qtbot, page, state, digits):
    digit = digits.x_test[3, 0]
    before = page.refreshes
    state.set_source(np.repeat((1.0 - digit)[:, :, None], 3, axis=2), "digit")
    qtbot.waitUntil(lambda: page.refreshes > before)
    assert page.source == EXPLORER
    np.testing.assert_allclose(page.activations.at(units.INPUT)[0], digit, atol=1e-5)

    drawn = digits.x_test[5]
    before = page.refreshes
    for step in range(1, 6):  # a pen stroke: many changes, one recomputation
        partial = drawn.copy()
        partial[:, step * 5:] = 0
        state.set_classify_input(partial[0])
    state.set_classify_input(drawn[0])
    qtbot.waitUntil(lambda: page.refreshes > before)
    qtbot.wait(40)
    assert page.refreshes == before + 1
    assert page.source == CLASSIFY and page.classify_radio.isChecked()
    np.testing.assert_array_equal(page.activations.at(units.INPUT), drawn)
    assert page.view.activations is page.activations


def test_a_selected_unit_is_explained_again_for_a_new_image(qtbot, page, state, digits,
                                                            model):
    _click(qtbot, page, 8, (4,))
    state.set_classify_input(digits.x_test[7, 0])
    qtbot.waitUntil(lambda: page.source == CLASSIFY and page.image is state.classify_input)
    assert page.detail.explanation.value == pytest.approx(
        _forward_value(model, digits.x_test[7], 8, (4,)), rel=1e-5, abs=1e-6)


def test_until_a_unit_is_clicked_the_answer_is_explained_for_each_new_image(
        qtbot, page, state, digits, model):
    softmax = units.softmax_position(model)
    answers = set()
    for image in digits.x_test[:-1]:
        state.set_classify_input(image[0])
        qtbot.waitUntil(lambda: page.image is state.classify_input)
        predicted = int(np.argmax(model.predict_proba(image[None])[0]))
        answers.add(predicted)
        assert page.selection == (softmax, (predicted,))
        assert page.detail.explanation.value == pytest.approx(
            float(model.predict_proba(image[None])[0, predicted]), rel=1e-5)
    assert len(answers) > 1  # the answers differed, so the selection moved
    _click(qtbot, page, softmax, (answers.pop(),))
    chosen = page.selection
    state.set_classify_input(digits.x_test[-1, 0])
    qtbot.waitUntil(lambda: page.image is state.classify_input)
    assert page.selection == chosen  # a clicked unit stays


def test_the_radio_buttons_choose_the_image(qtbot, page, state, digits):
    state.set_classify_input(digits.x_test[1, 0])
    qtbot.waitUntil(lambda: page.source == CLASSIFY)
    page.explorer_radio.click()
    qtbot.waitUntil(lambda: page.image is state.image)
    assert page.source == EXPLORER


def test_an_explorer_picture_of_another_size_is_centred_in_28x28(qtbot, page, state):
    picture = np.ones((60, 40, 3), np.float32)
    picture[10:50, 18:22] = 0.0  # a dark vertical bar on white paper
    state.set_source(picture, "bar")
    qtbot.waitUntil(lambda: page.image is not None and page.image is not state.image
                    and page.image.shape == (1, 28, 28) and page.image.max() > 0.5)
    assert page.layers_stack.currentIndex() == 0


def test_without_a_model_a_message_and_a_way_to_the_train_page(qtbot):
    state = LabState()
    page = NetworkPage(state)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentIndex() == 0
    assert page.train_button.isVisible() and page.empty_title.text()
    with qtbot.waitSignal(page.train_requested, timeout=1000):
        page.train_button.click()


def test_a_model_arriving_shows_the_layers(qtbot, model):
    state = LabState()
    page = NetworkPage(state)
    qtbot.addWidget(page)
    page.show()
    state.set_model(model)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 1 and bool(page.view.columns))
    assert page.answer.text()


def test_the_page_speaks_japanese_and_back(qtbot, page):
    _click(qtbot, page, 3, (0, 4, 4))
    english = (page.view.columns[1].title, page.detail.field_title.text(),
               page.hint.text())
    try:
        i18n.set_language("ja")
        assert page.view.columns[1].title == "畳み込み 1"
        assert page.detail.field_title.text() == "受容野"
        assert page.hint.text() != english[2]
        assert "フィルター" in " ".join(
            label.text() for label in page.detail.maths.findChildren(type(page.hint)))
    finally:
        i18n.set_language("en")
    assert (page.view.columns[1].title, page.detail.field_title.text(),
            page.hint.text()) == english


def test_drawing_on_the_classify_page_updates_the_network_page(qtbot, page, state, digits):
    from gui.classify.page import ClassifyPage

    classify = ClassifyPage(state, seed=0)
    qtbot.addWidget(classify)
    before = page.refreshes
    classify.classify_sample(2)  # a test image of the Classify page's strip
    qtbot.waitUntil(lambda: page.refreshes > before and page.source == CLASSIFY)
    np.testing.assert_array_equal(page.activations.at(units.INPUT)[0],
                                  classify.current_input)
    np.testing.assert_allclose(page.activations.probabilities,
                               classify.current_probabilities, rtol=1e-5, atol=1e-6)


def test_an_image_that_does_not_fit_the_network_says_so(qtbot):
    small = build_cnn(input_shape=(1, 16, 16), filters=(2,), seed=0)
    state = LabState()
    state.set_source(np.ones((16, 16, 3), np.float32), "blank")
    state.set_model(small)
    page = NetworkPage(state)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.layers_stack.currentIndex() == 0  # the explorer's 16×16 image fits
    state.set_classify_input(np.zeros((28, 28), np.float32))
    qtbot.waitUntil(lambda: page.layers_stack.currentIndex() == 1)
    assert "16×16" in page.problem_label.text() and page.problem_label.isVisible()
    page.explorer_radio.click()
    qtbot.waitUntil(lambda: page.layers_stack.currentIndex() == 0)


def test_the_page_says_which_epoch_of_the_training_history_it_shows(qtbot):
    import dataclasses

    from gui.train.page import TrainingPage

    shapes = datasets.load("shapes", n_train=240, n_test=60, seed=1)
    state = LabState()
    training = TrainingPage(state)
    qtbot.addWidget(training)
    training.set_config(dataclasses.replace(training.config(), epochs=2, batch_size=32))
    page = NetworkPage(state)
    qtbot.addWidget(page)
    page.follow_history(training)
    page.show()
    assert page.epoch_label.isHidden()  # no run, no history
    assert training.start_training(shapes), training.status.text()
    with qtbot.waitSignal(training.worker.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: page.epoch_label.isVisible())
    assert page.epoch_label.text() == "Training history: Epoch 2 of 2"
    with qtbot.waitSignal(training.training_history.shown, timeout=20_000):
        training.history_slider.choose(1)
    assert state.showing_earlier_model
    assert page.epoch_label.text() == "Training history: Epoch 1 of 2"
    i18n.set_language("ja")
    assert page.epoch_label.text() != "Training history: Epoch 1 of 2"
    assert "1" in page.epoch_label.text()
    i18n.set_language("en")
    state.set_model(state.trained_model.copy())  # another model: no history
    qtbot.waitUntil(lambda: page.epoch_label.isHidden())
    training.shutdown()


def _read_exp_text(text: str) -> float:
    from gui.network.arithmetic_widgets import _SUPERSCRIPT

    plain = {v: k for k, v in _SUPERSCRIPT.items()}
    if " × 10" not in text:
        return float(text.replace("−", "-"))
    mantissa, power = text.split(" × 10")
    return float(mantissa.replace("−", "-")) * 10.0 ** int(
        "".join(chr(plain[ord(ch)]) for ch in power))


def test_a_softmax_probability_checks_by_hand_from_the_numbers_shown():
    from gui.network.arithmetic_widgets import exp_text

    rng = np.random.default_rng(3)
    for _ in range(500):
        exponentials = np.exp(rng.uniform(-20, 40, size=10))
        total = float(exponentials.sum())
        k = int(np.argmax(exponentials))
        by_hand = _read_exp_text(exp_text(exponentials[k])) / _read_exp_text(exp_text(total))
        assert abs(by_hand - exponentials[k] / total) * 100 <= 0.01
    assert exp_text(6.6948e6) == "6.6948 × 10⁶"
    assert exp_text(-2.5e-7) == "−2.5000 × 10⁻⁷"
