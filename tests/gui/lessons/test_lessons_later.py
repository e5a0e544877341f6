"""Lessons 5, 6, 8, 9 and 10 on real widgets: Show me reaches its state, the numbers on
screen are the engine's, the questions mark right answers right and wrong ones wrong, and
the texts follow a language switch."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from engine import lessons
from engine.model import build_cnn
from gui import i18n
from gui.common.widgets import set_spin_value
from gui.lessons.lesson_backprop import ASKED_CELL, BackpropLesson
from gui.lessons.lesson_full_connection import FullConnectionLesson
from gui.lessons.lesson_pooling import PoolingLesson
from gui.lessons.lesson_relu import ReluLesson
from gui.lessons.lesson_softmax import SoftmaxLesson
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    window.state.background_allowed = False
    qtbot.addWidget(window)
    window.resize(1024, 700)
    yield window
    i18n.set_language("en")


def open_lesson(window, cls):
    lesson = window.learn.show_lesson(cls.key)
    lesson.question.number_edit.clear()
    return lesson


def answer_number(lesson, value) -> bool | None:
    lesson.question.number_edit.setText(str(value))
    return lesson.question.check()


def answer_choice(lesson, index: int) -> bool | None:
    lesson.question.choice_buttons[index].setChecked(True)
    return lesson.question.check()


# --- lesson 5 --------------------------------------------------------------------------

def test_relu_show_me_and_the_combined_filter(window):
    lesson = open_lesson(window, ReluLesson)
    window.state.set_settings(activation="relu")
    lesson.show_me()
    state = window.state
    assert state.settings.activation == "none"
    assert [f.preset for f in state.filters] == [lesson.first_box.currentData()]
    assert state.image.shape == (1, 28, 28)

    stacked = lesson.stacked
    image = state.image[0].astype(np.float64)
    from scipy import signal
    k1 = state.filters[0].weights[0].astype(np.float64)
    np.testing.assert_allclose(stacked.first, signal.correlate2d(image, k1, "valid"),
                               atol=1e-9)
    assert stacked.largest_difference < 1e-9
    np.testing.assert_allclose(lesson.combined_view.grid.values, stacked.combined_kernel,
                               atol=1e-6)
    assert "ReLU" not in lesson.difference_label.text()
    lesson.relu_between.setChecked(True)
    assert stacked.relu_difference > 1e-3
    assert "ReLU" in lesson.difference_label.text()


def test_relu_question_follows_the_line(window):
    lesson = open_lesson(window, ReluLesson)
    lesson.relu_line.setChecked(False)
    assert lessons.is_straight(lesson.line.x, lesson.line.z)
    np.testing.assert_allclose(lesson.curve.getData()[1], lesson.line.z)
    assert answer_choice(lesson, 0) is True
    assert answer_choice(lesson, 1) is False
    lesson.relu_line.setChecked(True)  # w = 1.5, b = 0.5: the kink at X = -1/3 is in view
    assert not lessons.is_straight(lesson.line.x, lesson.line.z)
    assert answer_choice(lesson, 1) is True
    assert answer_choice(lesson, 0) is False
    lesson.b_spin.setValue(3.0)
    lesson.w_spin.setValue(0.5)  # wX + b > 0 on the whole range: ReLU never cuts
    assert answer_choice(lesson, 0) is True
    slope = lesson.w2_spin.value() * lesson.w_spin.value()
    lesson.relu_line.setChecked(False)
    assert lesson.line.slope == pytest.approx(slope)
    assert "one straight line" in lesson.algebra_label.text()


def test_the_relu_algebra_subtracts_a_negative_term(window):
    lesson = open_lesson(window, ReluLesson)
    lesson.relu_line.setChecked(False)
    lesson.b2_spin.setValue(-1.0)
    text = lesson.algebra_label.text()
    assert "− 1" in text and "+ −" not in text and "+ -" not in text
    lesson.b2_spin.setValue(0.5)
    assert "+ 0.5" in lesson.algebra_label.text()


def test_the_relu_answer_says_why_a_flat_line_is_flat(window):
    lesson = open_lesson(window, ReluLesson)
    lesson.relu_line.setChecked(True)
    lesson.w2_spin.setValue(0.0)  # z = b′ whatever ReLU does: the bend at X = −1/3 is lost
    assert lessons.is_straight(lesson.line.x, lesson.line.z)
    assert answer_choice(lesson, 0) is True
    assert "w′ = 0" in lesson.question.verdict_label.text()
    assert "keeps one sign" not in lesson.question.verdict_label.text()
    lesson.w2_spin.setValue(2.0)
    lesson.w_spin.setValue(0.0)  # wX + b = b everywhere: nothing to bend
    assert answer_choice(lesson, 0) is True
    assert "w = 0" in lesson.question.verdict_label.text()
    assert "Move b" not in lesson.question.verdict_label.text()


# --- lesson 6 --------------------------------------------------------------------------

def test_pooling_show_me_sets_the_explorer_and_the_numbers_are_the_engines(window):
    state = window.state
    state.set_settings(pool="avg", pool_size=(3, 3))
    lesson = open_lesson(window, PoolingLesson)
    assert lesson.pool_box.currentData() == "avg" and lesson.size_spin.value() == 3
    lesson.show_me()
    assert (state.settings.pool, state.settings.pool_size) == ("max", (2, 2))
    assert state.settings.activation == "relu"
    assert (lesson.pool_box.currentData(), lesson.size_spin.value()) == ("max", 2)
    lesson.pool_box.setCurrentIndex(lesson.pool_box.findData("avg"))
    assert state.settings.pool == "avg"  # the lesson's choice reaches the explorer
    set_spin_value(lesson.size_spin, 2)

    kernel = state.selected_filter.weights[0].astype(np.float64)
    expected = lessons.shift_effect(state.image[0], kernel, state.selected_filter.bias,
                                    (0, 1), "avg", 2)
    effect = lesson.effect
    assert effect.shift == (0, 1)
    assert effect.pooled.relative_change == pytest.approx(expected.pooled.relative_change)
    assert f"{effect.feature.changed_cells} " in lesson.change_label.text()
    # The savings keep the asked number off the screen until the question is answered.
    assert f"{lesson.savings.after:,}" not in lesson.savings_label.text()
    assert f"{lesson.savings.before:,}" in lesson.savings_label.text()
    lesson.question.reveal_button.click()
    assert f"{lesson.savings.after:,}" in lesson.savings_label.text()


@pytest.mark.parametrize("rows, cols, english, japanese", [
    (0, 1, "Moving the picture 1 px right changed", "画像を右へ 1 px 動かすと"),
    (-3, 0, "Moving the picture 3 px up changed", "画像を上へ 3 px 動かすと"),
    (2, -1, "Moving the picture 2 px down and 1 px left changed",
     "画像を下へ 2 px、左へ 1 px 動かすと"),
])
def test_the_pooling_lesson_words_the_shift_by_its_direction(window, rows, cols, english,
                                                              japanese):
    lesson = open_lesson(window, PoolingLesson)
    lesson.show_me()
    lesson.rows_spin.setValue(rows)
    lesson.cols_spin.setValue(cols)
    assert lesson.effect.shift == (rows, cols)
    assert english in lesson.change_label.text()
    assert "-" not in lesson.change_label.text().split("changed")[0]
    i18n.set_language("ja")
    assert japanese in lesson.change_label.text()


def test_pooling_question(window):
    lesson = open_lesson(window, PoolingLesson)
    lesson.show_me()
    filters = window.state.filter_count
    expected = filters * 13 * 13  # 28×28 picture, 3×3 filters: 26×26 maps
    assert lesson.savings.after == expected
    assert answer_number(lesson, expected) is True
    assert answer_number(lesson, filters * 26 * 26) is False
    assert str(expected) in lesson.question.verdict_label.text().replace(",", "")


def test_the_pooling_question_describes_its_own_maps_whatever_the_lab_pads(window):
    lesson = open_lesson(window, PoolingLesson)
    lesson.show_me()
    window.state.set_settings(padding="same", stride=(2, 2))  # the lab: 14×14 maps
    lesson.refresh()
    # The lesson still convolves with stride 1 and no padding, and says so.
    prompt = lesson.question.prompt_label.text()
    assert "26×26" in prompt and "stride 1 and no padding" in prompt


# --- lesson 8 --------------------------------------------------------------------------

def test_full_connection_without_a_model_offers_the_train_page(window):
    lesson = open_lesson(window, FullConnectionLesson)
    window.state.set_model(None)
    assert not lesson.no_model_label.isHidden() and not lesson.train_button.isHidden()
    assert all(view.isHidden() for view in lesson.map_views)
    window.show_page("learn")
    lesson.show_me()
    assert window.tabs.currentWidget() is window.learn  # stays, offering the Train page
    lesson.train_button.click()
    assert window.tabs.currentWidget() is window.training
    first = lesson.connections[0]
    assert answer_number(lesson, first.inputs * first.outputs) is True


def test_full_connection_shows_each_class_weights(window):
    model = build_cnn((1, 28, 28), 3, filters=4, kernel_size=3, seed=1,
                      class_names=("a", "b", "c"))
    window.state.set_model(model)
    lesson = open_lesson(window, FullConnectionLesson)
    lesson.show_me()
    assert window.state.learned_filters is not None  # the learned filters are in the explorer
    assert lesson.train_button.isHidden()
    assert lesson.unit_box.count() == 3 and "c" in lesson.unit_box.itemText(2)
    lesson.unit_box.setCurrentIndex(2)
    dense = model.layers[-1].params["weight"]
    maps = dense[:, 2].reshape(4, 13, 13)
    shown = lesson.map_views[1].grid.values
    np.testing.assert_allclose(shown, maps[1] / np.abs(maps).max(), atol=1e-6)
    assert lesson.map_views[3].isVisibleTo(lesson) and lesson.map_views[4].isHidden()
    # The counts keep the asked number off the screen until the question is answered.
    assert f"{4 * 13 * 13 * 3:,}" not in lesson.counts_label.text()
    assert "× 3 = ? weights" in lesson.counts_label.text()
    assert answer_number(lesson, 4 * 13 * 13) is False
    assert f"{4 * 13 * 13 * 3:,}" in lesson.counts_label.text()  # the worked answer shows too
    assert answer_number(lesson, 4 * 13 * 13 * 3) is True


# --- lesson 9 --------------------------------------------------------------------------

def test_softmax_numbers_and_plotted_gradients(window):
    lesson = open_lesson(window, SoftmaxLesson)
    lesson.sliders[0].setValue(-40)
    lesson.show_me()
    assert lesson.sliders[0].value() == 20
    scores = lesson.scores()
    np.testing.assert_allclose(lesson.bars.probabilities, lessons.softmax_of(scores))
    loss = -np.log(lessons.softmax_of(scores)[0])
    assert f"{loss:.3f}" in lesson.arithmetic_label.text()

    lesson.true_box.setCurrentIndex(1)
    x, ce = lesson.ce_curve.getData()
    _, se = lesson.se_curve.getData()
    for value, shown_ce, shown_se in zip(x[::15], ce[::15], se[::15], strict=True):
        z = lesson.scores()
        z[1] = value
        grad_ce, grad_se = lessons.loss_gradients(z, 1)
        assert shown_ce == pytest.approx(abs(grad_ce[1]))
        assert shown_se == pytest.approx(abs(grad_se[1]))
    assert answer_choice(lesson, 0) is True
    assert answer_choice(lesson, 1) is False


# --- lesson 10 -------------------------------------------------------------------------

def test_backprop_numbers_question_and_step(window):
    lesson = open_lesson(window, BackpropLesson)
    lesson.show_me()
    step = lesson.step
    fresh = lessons.small_network((1, 28, 28), 3, 2, 3, seed=0)
    expected = lessons.backprop_step(fresh, window.state.image, 0, 0.1)
    np.testing.assert_allclose(step.grad_kernel, expected.grad_kernel)
    np.testing.assert_allclose(
        step.grad_kernel, lessons.kernel_gradient_window(step.image, step.grad_conv, 3),
        atol=1e-12)
    np.testing.assert_allclose(lesson.kernel_grad_view.grid.values,
                               step.grad_kernel[0, 0] * 100, atol=1e-3)
    assert f"{step.loss:.4f}" in lesson.forward_label.text()

    row, col = ASKED_CELL
    answer = step.kernel[0, 0, row, col] - 0.1 * step.grad_kernel[0, 0, row, col]
    assert answer_number(lesson, round(answer, 4)) is True
    assert answer_number(lesson, round(step.kernel[0, 0, row, col], 4)) is False

    loss_after = step.loss_after
    lesson.step_button.click()
    assert lesson.steps_taken == 1
    assert lesson.step.loss == pytest.approx(loss_after)
    lesson.reset_button.click()
    assert lesson.step.loss == pytest.approx(step.loss)
    lesson.filter_spin.setValue(2)
    np.testing.assert_allclose(lesson.kernel_view.grid.values, step.kernel[1, 0], atol=1e-6)


# --- language --------------------------------------------------------------------------

@pytest.mark.parametrize("cls", [ReluLesson, PoolingLesson, FullConnectionLesson,
                                 SoftmaxLesson, BackpropLesson])
def test_lessons_switch_to_japanese(window, cls):
    lesson = open_lesson(window, cls)
    english = (lesson.heading.text(), lesson.intro_label.text(),
               lesson.question.prompt_label.text())
    i18n.set_language("ja")
    japanese = (lesson.heading.text(), lesson.intro_label.text(),
                lesson.question.prompt_label.text())
    for before, after in zip(english, japanese, strict=True):
        assert before != after
        assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in after)
    i18n.set_language("en")
    assert lesson.heading.text() == english[0]


def test_lessons_out_of_sight_wait_to_recompute_until_shown(window, qtbot, monkeypatch):
    lesson = open_lesson(window, PoolingLesson)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("explore")
    calls = []
    monkeypatch.setattr(lessons, "shift_effect",
                        lambda *a, _real=lessons.shift_effect, **k: calls.append(1)
                        or _real(*a, **k))
    for value in (0.5, 0.25, 0.75):  # edits in the explorer while the lesson is hidden
        window.state.set_cell(0, 0, 1, 1, value)
    assert calls == []
    window.show_page("learn")
    qtbot.waitUntil(lambda: len(calls) == 1)  # once, with the latest filter
    expected = lessons.shift_effect(window.state.image[0],
                                    window.state.selected_filter.weights[0].astype(np.float64),
                                    window.state.selected_filter.bias, lesson.effect.shift,
                                    lesson.pool_box.currentData(), lesson.size_spin.value())
    assert lesson.effect.pooled.relative_change == pytest.approx(
        expected.pooled.relative_change)


def test_a_tiny_probability_keeps_its_digits_in_the_loss_arithmetic():
    from gui.lessons.lesson_softmax import probability_text

    assert probability_text(2.46e-4) == "0.000246"  # not "−log 0.000 = 8.31"
    assert float(probability_text(0.7051)) == pytest.approx(0.705)


def test_a_large_picture_grid_paints_colours_without_formatting_numbers(qtbot, monkeypatch):
    from gui.lessons import grid_view
    from gui.lessons.grid_view import GridView

    formatted = []
    real_format = grid_view.format_number
    monkeypatch.setattr(grid_view, "format_number",
                        lambda *args: formatted.append(1) or real_format(*args))
    view = GridView()
    qtbot.addWidget(view)
    view.resize(300, 300)
    view.show()
    qtbot.waitExposed(view)
    ink = np.zeros((512, 512), np.float32)
    ink[:, 256:] = 1.0  # the right half black ink
    view.set_values(ink)
    image = view.grab().toImage()
    assert formatted == []  # cells under a pixel hold no number: none is formatted
    # The grid is a centred square: paper on the left half, ink on the right.
    assert image.pixelColor(90, 150).lightness() > 240
    assert image.pixelColor(210, 150).lightness() < 15
    view.set_values(ink[:9, 250:259])  # a small grid still writes its numbers
    view.grab()
    assert len(formatted) == 81
