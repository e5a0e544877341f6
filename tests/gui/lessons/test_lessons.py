"""The lessons and the Learn page: Show me, the demonstrations' numbers against the
engine, the questions, what is remembered, the glossary, --lesson and the language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from engine import ops
from engine.pipeline import explain_cell, explore
from gui import i18n
from gui.common.preprocess import Preprocess
from gui.lessons import progress
from gui.lessons.lesson_convolution import ASKED, ConvolutionLesson
from gui.lessons.lesson_feature_detector import CHOICES, FeatureDetectorLesson
from gui.lessons.lesson_flattening import FlatteningLesson
from gui.lessons.lesson_image_numbers import ImageNumbersLesson
from gui.lessons.question import QuestionBox, parse_number
from gui.lessons.registry import LESSONS
from gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


def make_window(qtbot, settings_path) -> MainWindow:
    window = MainWindow(settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                        restore=False)
    window.state.background_allowed = False
    qtbot.addWidget(window)
    window.resize(1024, 700)
    return window


@pytest.fixture
def window(qtbot, settings_path):
    return make_window(qtbot, settings_path)


def lesson_of(window, cls):
    return window.learn.show_lesson(cls.key)


# --- lesson 1 -----------------------------------------------------------------------
def test_image_lesson_show_me_binarises_the_small_picture(window):
    lesson = lesson_of(window, ImageNumbersLesson)
    lesson.show_me()
    state = window.state
    assert state.preprocess == Preprocess(color="gray", size=None, binarize=True)
    assert state.image.shape == (1, 9, 9)
    assert set(np.unique(state.image)) <= {0.0, 1.0}
    np.testing.assert_array_equal(lesson.numbers.values, state.image[0])
    row, col = lesson.asked_cell()
    assert lesson.numbers.hidden == {(row, col)}


def test_image_lesson_names_the_picture_on_show(window):
    """Opened before Show me, the lesson shows the lab's picture and its box says so
    (it used to name the X while showing the digit); choosing a pattern loads it and
    names it; another picture in the lab makes the box say "The lab's picture" again."""
    from gui.common import samples

    lesson = lesson_of(window, ImageNumbersLesson)
    state, box = window.state, lesson.picture_box
    assert box.currentIndex() == 0 and box.currentText() == "The lab's picture"
    np.testing.assert_array_equal(lesson.numbers.values, state.image[0])
    box.setCurrentIndex(box.findData("pattern:o"))
    assert state.source_name == samples.label("pattern:o")
    np.testing.assert_array_equal(lesson.numbers.values, state.image[0])
    assert box.currentData() == "pattern:o"
    state.set_source(np.ones((12, 12), np.float32), "a blank page")
    assert box.currentIndex() == 0
    lesson.show_me()  # the box on "The lab's picture": Show me loads the first pattern
    assert box.currentData() == "pattern:x" and state.image.shape == (1, 9, 9)


def test_image_lesson_question_marks_right_and_wrong(window, qtbot):
    lesson = lesson_of(window, ImageNumbersLesson)
    lesson.show_me()
    row, col = lesson.asked_cell()
    right = float(window.state.image[0, row, col])
    box = lesson.question
    box.number_edit.setText(str(1 - right))
    with qtbot.waitSignal(box.answered) as answered:
        box.check_button.click()
    assert answered.args == [False] and box.verdict == "wrong"
    box.number_edit.setText(str(int(right)))
    with qtbot.waitSignals([box.answered, lesson.completed]):
        box.check_button.click()
    assert box.verdict == "right"
    assert lesson.numbers.hidden == set()  # told once answered


def test_question_box_tolerance_choice_and_typing(qtbot):
    box = QuestionBox("test_question")
    qtbot.addWidget(box)
    box.ask_number("How much?", 2.5, "It is 2.5.", tolerance=0.05)
    box.number_edit.setText("２，５２")  # full-width digits and a decimal comma
    assert box.check() is True
    box.number_edit.setText("2.6")
    assert box.check() is False
    box.number_edit.setText("")
    assert box.check() is None and box.verdict == "empty"
    box.ask_choice("Which?", ["a", "b", "c"], 2, "It is c.")
    box.choice_buttons[0].setChecked(True)
    assert box.check() is False
    box.choice_buttons[2].setChecked(True)
    assert box.check() is True
    assert "It is c." in box.verdict_label.text()
    assert parse_number("−3") == -3.0 and parse_number("x") is None


@pytest.mark.parametrize("typed, value", [
    ("32,768", 32768.0), ("３２，７６８", 32768.0), ("32 768", 32768.0), ("1,000.5", 1000.5),
    ("0,25", 0.25), ("-0,23", -0.23), ("1/2", 0.5), ("１／２", 0.5), ("−3/4", -0.75),
    ("1/0", None), ("1,2,3", None), ("abc", None),
])
def test_numbers_are_read_as_a_learner_writes_them(typed, value):
    assert parse_number(typed) == value


def test_text_that_is_not_a_number_is_told_so_not_asked_for_a_number(qtbot):
    box = QuestionBox("test_question")
    qtbot.addWidget(box)
    box.ask_number("How many?", 32768, "32,768.")
    box.number_edit.setText("about <b>thirty</b>")
    assert box.check() is None and box.verdict == "unreadable"
    assert "“about &lt;b&gt;thirty&lt;/b&gt;” is not a number" in box.verdict_label.text()
    box.number_edit.setText("32,768")  # as the worked answer writes it
    assert box.check() is True


def test_a_grey_picture_shows_its_greys_and_takes_a_rounded_answer(window):
    state = window.state
    grey = np.full((9, 9, 3), 2 / 3, np.float32)  # darkness 1/3 everywhere
    state.set_source(grey, "grey")
    state.set_preprocess(Preprocess(color="gray", size=None, binarize=False))
    lesson = lesson_of(window, ImageNumbersLesson)
    value = float(state.image[0, 4, 4])
    assert 0.33 < value < 0.34
    assert lesson.numbers.decimals == 2  # not rounded to 0 or 1
    box = lesson.question
    box.number_edit.setText("0.33")
    assert box.check() is True
    assert "grey" in box.verdict_label.text()
    box.number_edit.setText("0")
    assert box.check() is False


# --- lesson 2 -----------------------------------------------------------------------
def test_feature_detector_show_me_and_question(window):
    lesson = lesson_of(window, FeatureDetectorLesson)
    lesson.size_box.setCurrentIndex(1)  # 5×5
    lesson.show_me()
    state = window.state
    assert len(state.filters) == 1 and state.filters[0].preset == lesson.preset_box.currentData()
    assert state.kernel_size == (5, 5) or tuple(state.filters[0].weights.shape[1:]) == (5, 5)
    assert state.settings.padding == "same"
    # The map shown is the engine's.
    expected = explore(lesson.picture_view.values[None], lesson.kernel()[None, None],
                       padding="same", activation="none", pool="none").conv[0]
    np.testing.assert_allclose(lesson.map_view.values, expected)
    assert CHOICES[lesson.answer()] == "vertical line"
    box = lesson.question
    box.choice_buttons[CHOICES.index("horizontal line")].setChecked(True)
    assert box.check() is False
    box.choice_buttons[CHOICES.index("vertical line")].setChecked(True)
    assert box.check() is True


# --- lesson 3 -----------------------------------------------------------------------
def test_convolution_starts_with_blocks_side_by_side(window):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()
    assert window.state.settings.stride == (3, 3) and window.state.settings.padding == (0, 0)
    assert lesson.output_shape() == (3, 3) and lesson.step_count() == 9
    assert lesson.step_index == 0


@pytest.mark.parametrize("mode", [0, 1, 2, 3, 4])
def test_each_step_shows_the_engines_window_products_and_sum(window, mode):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()
    lesson.mode_box.setCurrentIndex(mode)
    stride, padding = lesson.stride, lesson.padding
    assert window.state.settings.stride == (stride, stride)
    image, kernel = window.state.image[0], window.state.filters[0].weights[0]
    rows, cols = (ops.output_size(9, 3, stride, padding),) * 2
    assert lesson.output_shape() == (rows, cols)
    steps = [3, 4, 5, 4, 3, 2] if rows * cols > 5 else [1, 0]
    for step in steps:  # forward and back, one step at a time where it can
        if step == lesson.step_index + 1:
            lesson.forward_button.click()
        elif step == lesson.step_index - 1:
            lesson.back_button.click()
        else:
            lesson.go_to(step)
        assert lesson.step_index == step
        expected = explain_cell(image, kernel, stride, padding, step // cols, step % cols,
                                activation="none")
        np.testing.assert_allclose(lesson.products_view.values, expected.products)
        frame = lesson.input_view.frames[0]
        assert (frame.rows.start, frame.cols.start) == expected.origin
        assert lesson.output_view.values[step // cols, step % cols] == pytest.approx(
            expected.total)
        assert len(lesson.output_view.blank) == rows * cols - step - 1
        assert f"Step {step + 1} of {rows * cols}" in lesson.sum_label.text()
    full = explore(window.state.image, window.state.weights(), stride, padding,
                   activation="none", pool="none").conv[0]
    np.testing.assert_allclose(lesson.output_view.values, full, atol=1e-5)
    assert f"<b>{rows}</b>" in lesson.formula_label.text()


def test_back_and_forward_buttons_step_one_at_a_time(window):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()
    assert not lesson.back_button.isEnabled()
    lesson.forward_button.click()
    lesson.forward_button.click()
    assert lesson.step_index == 2
    lesson.back_button.click()
    assert lesson.step_index == 1


def test_play_runs_to_the_end_and_stops(window, qtbot):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()
    lesson.speed_slider.setValue(lesson.speed_slider.maximum())
    lesson.play_button.click()
    assert lesson.timer.isActive() and lesson.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not lesson.timer.isActive(), timeout=10_000)
    assert lesson.step_index == lesson.step_count() - 1
    assert lesson.play_button.text() == "Play" and not lesson.output_view.blank


def test_convolution_question_is_the_output_size(window):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()
    right = ops.output_size(9, 3, *ASKED)
    box = lesson.question
    box.number_edit.setText(str(right + 1))
    assert box.check() is False
    box.number_edit.setText(str(right))
    assert box.check() is True
    assert f"{right} columns" in box.verdict_label.text()


def test_the_worked_size_drops_a_remainder_only_when_there_is_one(window):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()  # a 9-column picture: (9 + 2 − 3) ÷ 2 has no remainder
    lesson.question.reveal_button.click()
    assert "remainder" not in lesson.question.verdict_label.text()
    assert "8 ÷ 2 + 1 = 5 columns" in lesson.question.verdict_label.text()
    window.state.set_source(np.ones((10, 10), np.float32))  # (10 + 2 − 3) ÷ 2: one left
    lesson.refresh()
    lesson.question.reveal_button.click()
    assert "dropping the remainder: 5 columns" in lesson.question.verdict_label.text()


def test_a_window_over_blank_paper_says_every_product_is_0(window):
    lesson = lesson_of(window, ConvolutionLesson)
    window.state.set_source(np.ones((9, 9), np.float32))  # white: every pixel 0
    lesson.refresh()
    text = lesson.sum_label.text()
    assert "Every product is 0" in text and "0 = 0" not in text


# --- lesson 7 -----------------------------------------------------------------------
def test_flattening_hover_lights_the_place_both_ways(window):
    lesson = lesson_of(window, FlatteningLesson)
    lesson.show_me()
    e = window.state.exploration
    assert e.pooled.shape == (4, 3, 3)
    np.testing.assert_allclose(lesson.vector_view.values.ravel()[:e.flattened.size],
                               e.flattened)
    lesson.map_views[2].hovered.emit(1, 2)
    index = e.flat_index(2, 1, 2)
    frame = lesson.vector_view.frames[0]
    assert (frame.rows.start, frame.cols.start) == lesson.vector_cell(index)
    assert f"<b>{index + 1}</b>" in lesson.place_label.text()
    lesson.vector_view.hovered.emit(*lesson.vector_cell(30))
    f, r, c = e.unflatten_index(30)
    assert lesson.map_views[f]._hover == (r, c)


def test_hovering_the_asked_cell_keeps_its_position_to_work_out(window):
    from gui.lessons.lesson_flattening import ASKED

    lesson = lesson_of(window, FlatteningLesson)
    lesson.show_me()
    e = window.state.exploration
    index = e.flat_index(*ASKED)
    lesson.map_views[ASKED[0]].hovered.emit(*ASKED[1:])
    assert str(index + 1) not in lesson.place_label.text()
    assert "work" in lesson.place_label.text()
    lesson.vector_view.hovered.emit(*lesson.vector_cell(index))
    assert str(index + 1) not in lesson.place_label.text()
    lesson.question.reveal_button.click()  # answered: hovering tells it again
    lesson.map_views[ASKED[0]].hovered.emit(*ASKED[1:])
    assert f"<b>{index + 1}</b>" in lesson.place_label.text()


def test_flattening_question_counts_from_one(window):
    lesson = lesson_of(window, FlatteningLesson)
    lesson.show_me()
    index = window.state.exploration.flat_index(1, 1, 2)
    box = lesson.question
    box.number_edit.setText(str(index))  # the 0-based index: one short
    assert box.check() is False
    box.number_edit.setText(str(index + 1))
    assert box.check() is True


# --- the Learn page -----------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_lesson_fits_and_has_a_working_show_me(window, qtbot, language):
    i18n.set_language(language)
    window.show()
    window.show_page("learn")
    for number, cls in enumerate(LESSONS, start=1):
        lesson = window.learn.show_lesson_number(number)
        assert isinstance(lesson, cls) and lesson.title()
        lesson.show_me()
        qtbot.wait(1)
        assert lesson.question is not None and lesson.question.isVisible()
        # Nothing squeezed below its minimum, so nothing hangs out of the page (clipped).
        assert lesson.minimumSizeHint().height() <= lesson.height()
        assert lesson.question.geometry().bottom() <= lesson.height()
        # The window keeps the size asked for: no lesson makes a 1024×700 one taller.
        assert window.minimumSizeHint().height() <= 700
        assert window.size().width() == 1024 and window.size().height() == 700


def test_next_back_and_the_contents(window):
    page = window.learn
    assert page.current_key == LESSONS[0].key and not page.back_button.isEnabled()
    page.next_button.click()
    assert page.current_key == LESSONS[1].key
    page.back_button.click()
    assert page.current_key == LESSONS[0].key
    page.contents.setCurrentRow(2)
    assert page.current_key == LESSONS[2].key
    assert page.place_label.text() == f"Lesson 3 of {len(LESSONS)}"


def test_place_and_answers_are_remembered_by_a_new_window(qtbot, settings_path):
    first = make_window(qtbot, settings_path)
    lesson = first.learn.show_lesson(FlatteningLesson.key)
    lesson.show_me()
    right = first.state.exploration.flat_index(1, 1, 2) + 1
    lesson.question.number_edit.setText(str(right))
    lesson.question.check()
    assert FlatteningLesson.key in first.learn.done_keys()
    first.close()

    second = make_window(qtbot, settings_path)
    assert second.learn.current_key == FlatteningLesson.key
    assert FlatteningLesson.key in second.learn.done_keys()
    row = [cls.key for cls in LESSONS].index(FlatteningLesson.key)
    assert not second.learn.contents.item(row).icon().isNull()
    restored = second.learn.current
    restored.show_me()
    assert restored.question.number_edit.text() == str(right)
    assert restored.question.verdict == "right"


def test_glossary_from_a_lesson_and_the_help_menu(window):
    lesson = window.learn.current
    lesson.glossary_button.click()
    glossary = window.learn.glossary
    assert glossary is not None and glossary.isVisible()
    assert glossary.table.rowCount() >= 30
    glossary.filter_edit.setText("stride")
    assert glossary.visible_terms() == ["stride"]
    glossary.hide()
    window.menus.glossary_action.trigger()
    assert glossary.isVisible()
    window.show_page("explore")
    window.menus.lessons_action.trigger()
    assert window.tabs.currentWidget() is window.learn


def test_first_run_offer_is_made_once(window, qtbot):
    box = window.learn.offer_first_lesson()
    assert box is not None and box.isVisible()
    box.buttons()[0].click()  # "Start the first lesson"
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.learn)
    assert window.learn.current_key == LESSONS[0].key
    assert window.state.preprocess.binarize
    assert window.learn.offer_first_lesson() is None
    assert progress.offered()


def test_language_switch_rewords_the_lessons(window):
    lesson = lesson_of(window, ConvolutionLesson)
    lesson.show_me()
    english = lesson.heading.text()
    window.set_language("ja")
    assert lesson.heading.text() != english and "Convolution" in lesson.heading.text()
    assert "ステップ" in lesson.sum_label.text()
    assert window.learn.next_button.text() == "次へ →"
    window.set_language("en")
    assert lesson.heading.text() == english


def test_screenshot_of_a_lesson(tmp_path):
    out = tmp_path / "lesson3.png"
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out),
                             "--lesson", "3", "--size", "1024x700"], capture_output=True,
                            text=True, timeout=180, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out),
                          "--lesson", "99"], capture_output=True, text=True, timeout=180,
                         cwd=ROOT, env=env)
    assert bad.returncode != 0 and "--lesson" in bad.stderr


# --- lesson 4 -----------------------------------------------------------------------
def test_many_filters_second_map_is_the_sum_of_every_first_map(window):
    from gui.lessons.lesson_many_filters import SECOND_MAP, ManyFiltersLesson, second_block

    lesson = lesson_of(window, ManyFiltersLesson)
    lesson.show_me()
    assert len(window.state.filters) == 4 and window.state.image.shape == (1, 28, 28)
    assert all(view.isVisibleTo(lesson) for view in lesson.map_views)
    inputs, shares, bias, engine_map = lesson.taken_apart()
    assert shares.shape[0] == inputs.shape[0] == 4
    np.testing.assert_allclose(shares.sum(axis=0) + bias, engine_map, atol=1e-5)
    # Each share is that map convolved with its own kernel, checked by explicit loops.
    model, trained = lesson.network()
    assert not trained  # no model yet: the stand-in network
    _, conv = second_block(model)
    kernel = conv.params["weight"][SECOND_MAP, 2]
    ho, wo = shares.shape[1:]
    loops = np.array([[np.sum(inputs[2, r:r + 3, c:c + 3] * kernel) for c in range(wo)]
                      for r in range(ho)])
    np.testing.assert_allclose(shares[2], loops, atol=1e-5)
    box = lesson.question
    box.number_edit.setText("9")
    assert box.check() is False
    box.number_edit.setText("36")
    assert box.check() is True
    lesson.network_button.click()
    assert window.tabs.currentWidget() is window.pages["network"]


def test_answers_for_a_lab_file_go_out_and_come_back(qtbot, tmp_path):
    first = make_window(qtbot, tmp_path / "a.ini")
    lesson = first.learn.show_lesson(ConvolutionLesson.key)
    lesson.show_me()
    lesson.question.number_edit.setText(str(ops.output_size(9, 3, *ASKED)))
    lesson.question.check()
    answers = first.learn.answers
    assert answers == {ConvolutionLesson.key: {"given": "5", "right": True}}

    other = make_window(qtbot, tmp_path / "b.ini")  # another learner's computer
    assert other.learn.answers == {}
    other.learn.set_answers(answers)
    other.learn.show_lesson(ConvolutionLesson.key).show_me()  # the same 9×9 picture
    assert other.learn.current.question.number_edit.text() == "5"
    assert other.learn.current.question.verdict == "right"
    assert ConvolutionLesson.key in other.learn.done_keys()


def test_japanese_lesson_titles_wrap_whole_in_the_contents(window):
    # Qt gives a wrapped row "画像は数値 (An image is numbers)", with a half-width
    # bracket after the Japanese, too little height and cuts it to "… (An image is …";
    # with a full-width bracket the row is tall enough for both lines.
    window.set_language("ja")
    page = window.learn
    for lesson in page.lessons:
        assert " (" not in lesson.title(), lesson.title()
    contents = page.contents
    heights = [contents.visualItemRect(contents.item(i)).height()
               for i in range(contents.count())]
    line = min(heights)  # a row of one line; a wrapped row holds two lines or more
    assert all(height == line or height >= 2 * line - 2 for height in heights), heights
