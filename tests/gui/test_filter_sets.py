"""Ways back to other sets of filters: the defaults after edits that persisted across
restarts, and the learner's own after "Show learned filters in explorer"."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from engine.model import build_cnn
from gui.main_window import MainWindow
from gui.state import LabState, default_filters


def open_window(qtbot, settings_file, restore=True):
    window = MainWindow(settings=QSettings(str(settings_file), QSettings.Format.IniFormat),
                        restore=restore)
    qtbot.addWidget(window)
    window.training.dataset_panel.autosave_folder = None
    return window


def same_filters(a, b) -> bool:
    return len(a) == len(b) and all(
        x.name == y.name and np.array_equal(x.weights, y.weights) and x.bias == y.bias
        for x, y in zip(a, b, strict=True))


def test_restore_default_filters_undoes_edits_that_survived_a_restart(qtbot, tmp_path):
    settings = tmp_path / "settings.ini"
    window = open_window(qtbot, settings)
    window.state.set_cell(0, 0, 1, 1, 7.5)
    window.state.remove_filter(3)
    window.session.save_settings()
    edited = window.state.filters

    again = open_window(qtbot, settings)
    assert same_filters(again.state.filters, edited)  # the edits persisted
    assert again.state.own_filters is None  # nothing replaced yet
    again.commands.restore_default_filters()
    assert same_filters(again.state.filters, default_filters(again.state.channels))
    assert "Restored the 4 default filters" in again.status.text()
    assert "3 shown before" in again.status.text()
    again.session.save_settings()

    third = open_window(qtbot, settings)
    assert same_filters(third.state.filters, default_filters(third.state.channels))
    # ... and the replaced set could still be brought back in the window that replaced it.
    assert again.commands.restore_own_filters()
    assert same_filters(again.state.filters, edited)


def test_the_menu_action_restores_the_defaults(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "settings.ini", restore=False)
    window.state.set_cell(1, 0, 0, 0, -3.0)
    actions = {a.text(): a for menu in window.menuBar().actions()
               for a in (menu.menu().actions() if menu.menu() else [])}
    actions["Restore &default filters"].trigger()
    assert same_filters(window.state.filters, default_filters(window.state.channels))


@pytest.fixture
def window_with_model(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "settings.ini", restore=False)
    window.state.set_source(np.ones((28, 28), np.float32))
    model = build_cnn((1, 28, 28), 3, filters=5, padding=0, class_names=["a", "b", "c"])
    window.state.set_model(model)
    yield window
    window.training.shutdown()


def test_learned_filters_say_what_they_replace_and_give_the_own_ones_back(qtbot,
                                                                          window_with_model):
    window = window_with_model
    state = window.state
    state.set_settings(padding="same", pool="avg")
    state.set_cell(2, 0, 0, 0, 4.25)
    state.rename_filter(2, "my diagonal")
    own, settings = state.filters, state.settings
    window.training.show_learned_filters()
    assert len(state.filters) == 5 and state.settings.padding == "valid"  # not "custom 0×0"
    text = window.status.text()
    assert "5 learned filters" in text and "Your own filters (4) are kept" in text
    assert text == window.training.status.text()
    window.menus.update_filter_actions()
    assert window.menus.restore_own_action.isEnabled()

    state.set_cell(0, 0, 0, 0, 1.0)  # an edit of a learned filter
    # A second model's filters replace the first's; the own ones stay those kept.
    state.set_model(build_cnn((1, 28, 28), 3, filters=2, class_names=["a", "b", "c"], seed=3))
    window.training.show_learned_filters()
    assert len(state.filters) == 2
    window.menus.restore_own_action.trigger()
    assert same_filters(state.filters, own)
    assert state.settings == settings
    assert "Your 4 filters and layer settings are back" in window.status.text()
    window.menus.update_filter_actions()
    assert not window.menus.restore_own_action.isEnabled()
    assert not window.commands.restore_own_filters()  # nothing kept any more: says so
    assert "no filters of yours" in window.status.text()


def test_state_keeps_snapshots_not_the_live_filters():
    state = LabState()
    state.restore_default_filters()
    kept = state.own_filters
    with pytest.raises(ValueError):  # the snapshots handed out are read-only
        kept[0].weights[...] = 99
    kept.clear()  # changing the list handed out changes nothing kept
    assert not np.any(state.own_filters[0].weights == 99) and state.own_filters


# --- lessons, the defaults and files keep the learner's own filters --------------------

def make_own_filters(state):
    """Edits no lesson or default set has: a renamed, changed filter and custom settings."""
    state.set_cell(1, 0, 0, 0, 6.5)
    state.rename_filter(1, "my edge")
    state.add_filter()
    state.set_settings(stride=(2, 2), padding="same", pool="avg")
    return state.filters, state.settings


def test_a_lessons_show_me_keeps_the_learners_filters_aside_even_when_pressed_twice(
        qtbot, tmp_path):
    from gui.lessons.lesson_convolution import ConvolutionLesson
    from gui.lessons.lesson_pooling import PoolingLesson

    window = open_window(qtbot, tmp_path / "settings.ini", restore=False)
    window.state.background_allowed = False
    state = window.state
    own, settings = make_own_filters(state)
    convolution = window.learn.show_lesson(ConvolutionLesson.key)
    convolution.show_me_button.click()
    assert not same_filters(state.filters, own) and state.settings != settings
    assert "Your own filters (5) are kept" in window.status.text()
    assert "Restore my filters" in window.status.text()
    state.set_cell(0, 0, 1, 1, 2.0)  # an edit of the lesson's filter is still the lesson's
    convolution.show_me_button.click()  # again: the lesson's are not kept as the learner's
    window.learn.show_lesson(PoolingLesson.key).show_me_button.click()  # another lesson
    assert same_filters(state.own_filters, own)
    window.menus.update_filter_actions()
    assert window.menus.restore_own_action.isEnabled()
    window.menus.restore_own_action.trigger()
    assert same_filters(state.filters, own)
    assert state.settings == settings


def test_a_show_me_that_keeps_nothing_new_says_nothing_of_it(qtbot, tmp_path):
    from gui.lessons.lesson_pooling import PoolingLesson

    window = open_window(qtbot, tmp_path / "settings.ini", restore=False)
    window.state.background_allowed = False
    lesson = window.learn.show_lesson(PoolingLesson.key)
    lesson.show_me_button.click()
    assert "are kept" in window.status.text()
    window.show_message("", topic="filters")
    lesson.show_me_button.click()  # the learner's were kept by the first press
    assert "are kept" not in window.status.text()


def test_restoring_the_defaults_twice_keeps_the_learners_filters():
    state = LabState()
    own, settings = make_own_filters(state)
    state.restore_default_filters()
    state.restore_default_filters()
    assert same_filters(state.own_filters, own)
    state.restore_own_filters()
    assert same_filters(state.filters, own) and state.settings == settings


def test_edited_learned_filters_replaced_by_a_lesson_leave_the_learners_own_kept(
        qtbot, window_with_model):
    from gui.lessons.lesson_feature_detector import FeatureDetectorLesson

    window = window_with_model
    state = window.state
    window.state.background_allowed = False
    own, _ = make_own_filters(state)
    state.use_learned_filters()
    state.set_cell(0, 0, 0, 0, 1.0)
    window.learn.show_lesson(FeatureDetectorLesson.key).show_me_button.click()
    assert same_filters(state.own_filters, own)


def test_a_loaded_filter_file_keeps_the_filters_it_replaced_and_a_refused_one_keeps_all(
        qtbot, tmp_path):
    from gui.explore.filter_file import save_filters

    window = open_window(qtbot, tmp_path / "settings.ini", restore=False)
    state = window.state
    own, settings = make_own_filters(state)
    other = tmp_path / "other.json"
    save_filters(other, default_filters(state.channels)[:2])
    broken = tmp_path / "broken.json"
    broken.write_text('{"filters": [')

    assert not window.commands.load_filters(broken)
    assert same_filters(state.filters, own) and state.own_filters is None
    assert window.commands.load_filters(other)
    assert len(state.filters) == 2 and same_filters(state.own_filters, own)
    # The loaded ones are the learner's choice: the defaults keep them aside, not the older.
    state.restore_default_filters()
    assert len(state.own_filters) == 2
