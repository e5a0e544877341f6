"""File ▸ Save lab / Open lab: the whole lab, saved and opened in a new window; broken
and hostile files refused with the learner's sentence and the current lab intact; a
failed save keeps the old file; the command line, drops and the lesson hook."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QSettings, QUrl
from PySide6.QtWidgets import QWidget

from engine import datasets, lab_file
from engine.model import default_network
from gui import i18n
from gui.common.error_text import error_text
from gui.main_window import MainWindow
from gui.state import Filter, lab_snapshot
from gui.state.lab_snapshot import LabSettingsError, config_from_dict, config_to_dict
from tests.test_main import run_window


def new_window(qtbot, tmp_path, name: str) -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.state.background_allowed = False  # explorations at once, in this thread
    window.state.recompute()
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    return new_window(qtbot, tmp_path, "first")


@pytest.fixture(scope="module")
def model():
    return default_network(seed=7)


def set_up_an_exercise(window, model) -> None:
    """A teacher's lab: another picture, own filters, settings, a selection, a model."""
    state = window.state
    rgb = np.zeros((28, 28, 3), np.float32)
    rgb[4:24, 12:16] = 1.0
    weights = np.array([[[1, 0, -1], [2, 0, -2], [1, 0, -1]]], np.float32)
    with state.batch():
        state.set_source(rgb, "bar.png")
        state.set_preprocess(invert=True)
        state.set_filters([Filter("my edge", weights, 0.5),
                           Filter("blur", np.full((1, 3, 3), 1 / 9, np.float32), -0.1)])
        state.set_settings(stride=(2, 1), padding="same", activation="none", pool="avg",
                           pool_size=(3, 3), pool_stride=(1, 1))
        state.set_model(model)
        state.set_data_source("shapes")
        state.set_training_config(epochs=3, lr=0.01)
        state.select_filter(1)
        state.select_cell(2, 3)
    state.recompute()


def lab_values(state) -> dict:
    """What a lab holds, for comparing two windows (arrays as bytes)."""
    return {
        "source": state.source.tobytes(), "name": state.source_name,
        "image": state.image.tobytes(), "preprocess": state.preprocess,
        "filters": [(f.name, f.bias, f.preset, f.weights.tobytes()) for f in state.filters],
        "settings": state.settings, "selection": state.selection,
        "model": state.model, "data_source": state.data_source,
        "training_config": state.training_config,
    }


# --------------------------------------------------------------------------- round trip
def test_a_saved_lab_opens_whole_in_a_new_window(window, qtbot, tmp_path, model):
    set_up_an_exercise(window, model)
    path = tmp_path / "exercise.cnnlab"
    assert window.commands.labs.save(path)
    assert "exercise.cnnlab" in window.status.text() and "model" in window.status.text()

    student = new_window(qtbot, tmp_path, "student")
    assert student.state.source_name != "bar.png"
    assert student.opening.open_path(path)
    assert "Opened the lab exercise.cnnlab" in student.status.text()
    mine, theirs = lab_values(window.state), lab_values(student.state)
    assert mine.pop("model") is model
    opened = theirs.pop("model")
    assert opened is not model
    assert theirs == mine
    # The explorer computes the same maps, the model predicts the same probabilities.
    np.testing.assert_array_equal(student.state.exploration.conv,
                                  window.state.exploration.conv)
    np.testing.assert_array_equal(student.state.exploration.pooled,
                                  window.state.exploration.pooled)
    x = datasets.load("mnist", n_train=10, n_test=10).x_test
    np.testing.assert_array_equal(opened.predict_proba(x), model.predict_proba(x))
    assert student.state.prediction is not None
    np.testing.assert_array_equal(student.state.prediction, window.state.prediction)
    # The widgets follow the state: the Train page shows the lab's epochs.
    assert student.training.epochs.value() == 3


def test_opening_a_lab_keeps_the_learners_filters_to_bring_back(window, qtbot, tmp_path,
                                                                model):
    set_up_an_exercise(window, model)
    path = tmp_path / "exercise.cnnlab"
    assert window.commands.labs.save(path)
    student = new_window(qtbot, tmp_path, "student")
    student.state.set_cell(0, 0, 0, 0, 9.0)
    student.state.set_settings(stride=(3, 3))
    own, settings = student.state.filters, student.state.settings
    assert student.opening.open_path(path)
    assert [f.name for f in student.state.filters] == [f.name for f in window.state.filters]
    assert student.commands.restore_own_filters()
    assert student.state.filters == own and student.state.settings == settings


def test_opening_a_lab_is_one_batch_one_recomputation(window, qtbot, tmp_path, model):
    set_up_an_exercise(window, model)
    path = tmp_path / "exercise.cnnlab"
    assert window.commands.labs.save(path)
    student = new_window(qtbot, tmp_path, "student")
    counts = {"filters": 0, "settings": 0, "explored": 0}
    student.state.filters_changed.connect(lambda: counts.__setitem__(
        "filters", counts["filters"] + 1))
    student.state.settings_changed.connect(lambda: counts.__setitem__(
        "settings", counts["settings"] + 1))
    student.state.explored.connect(lambda _: counts.__setitem__(
        "explored", counts["explored"] + 1))
    assert student.commands.labs.open(path)
    qtbot.wait(20)  # a second, scheduled recomputation would run now
    assert counts == {"filters": 1, "settings": 1, "explored": 1}


def test_a_lab_without_a_model_keeps_the_current_model(window, qtbot, tmp_path, model):
    path = tmp_path / "plain.cnnlab"
    assert window.state.model is None
    assert window.commands.labs.save(path)
    assert "no trained model" in window.status.text()
    other = new_window(qtbot, tmp_path, "other")
    other.state.set_model(model)
    assert other.commands.labs.open(path)
    assert other.state.model is model
    assert "current one stays" in other.status.text()


def test_the_training_config_round_trips_through_its_fields(window):
    config = dataclasses.replace(window.state.training_config, epochs=7, patience=None)
    assert config_from_dict(json.loads(json.dumps(config_to_dict(config)))) == config
    with pytest.raises((TypeError, ValueError)):
        config_from_dict({**config_to_dict(config), "epochs": "seven"})


# --------------------------------------------------------------------------- hostile files
def npy(array, allow_pickle=False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def rewrite(source, target, change) -> None:
    """Copy lab ``source`` to ``target`` with ``change(members, record)`` applied."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    record = json.loads(members[lab_file.RECORD])
    change(members, record)
    members[lab_file.RECORD] = json.dumps(record).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if data is not None:
                archive.writestr(name, data)


def too_many_filters(members, record):
    members[lab_file.FILTERS] = npy(np.zeros((40, 1, 3, 3), np.float32))
    members[lab_file.BIASES] = npy(np.zeros(40, np.float32))
    record["filters"] = [{"name": f"f{i}", "preset": None} for i in range(40)]


def nan_weights(members, record):
    weights = np.zeros((2, 1, 3, 3), np.float32)
    weights[1, 0, 1, 1] = np.nan
    members[lab_file.FILTERS] = npy(weights)


def pickled_image(members, record):
    image = np.empty((8, 8, 3), object)
    image[:] = 0.0
    members[lab_file.IMAGE] = npy(image, allow_pickle=True)


HOSTILE = {
    "truncated": (None, "damaged, truncated"),
    "pickled": (pickled_image, "Python objects"),
    "wrong_shape": (lambda m, r: m.update({lab_file.BIASES: npy(np.zeros(9, np.float32))}),
                    "is 9"),
    "nan_weights": (nan_weights, "NaN"),
    "newer_version": (lambda m, r: r.update(version=2), "lab file format 2"),
    "deep_json": (lambda m, r: r["lesson"].update(answers={"a": json.loads(
        "[" * 40 + "]" * 40)}), "nests"),
    "bad_setting": (lambda m, r: r["layer"].update(pool="median"), "“layer.pool”"),
    "too_many_filters": (too_many_filters, "40 filters"),
    "working_size": (lambda m, r: r["preprocess"].update(size=100), "working size of 100"),
    "zip_bomb_record": (None, "far too large"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_lab_is_refused_with_its_sentence_and_the_lab_intact(
        window, qtbot, tmp_path, model, kind):
    set_up_an_exercise(window, model)
    good = tmp_path / "good.cnnlab"
    assert window.commands.labs.save(good)
    before = lab_values(window.state)
    exploration = window.state.exploration
    bad = tmp_path / f"{kind}.cnnlab"
    change, words = HOSTILE[kind]
    if kind == "truncated":
        bad.write_bytes(good.read_bytes()[:-100])
    elif kind == "zip_bomb_record":
        # The record padded with 3 MB of spaces: a few kB packed, over the limit unpacked.
        with zipfile.ZipFile(good) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
        members[lab_file.RECORD] += b" " * 3_000_000
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    else:
        rewrite(good, bad, change)

    assert not window.opening.open_path(bad)
    with pytest.raises((lab_file.LabFileError, LabSettingsError)) as caught:
        lab_snapshot.prepare(lab_file.load(bad), bad.name)
    shown = window.status.text()
    assert shown == error_text(caught.value)
    assert bad.name in shown and words in shown
    assert lab_values(window.state) == before
    assert window.state.model is model
    window.state.recompute()
    np.testing.assert_array_equal(window.state.exploration.conv, exploration.conv)


def test_a_model_file_renamed_to_a_lab_says_to_open_it_as_a_model(window, tmp_path, model):
    path = tmp_path / "digits.cnnlab"
    model.save(tmp_path / "digits.npz")
    (tmp_path / "digits.npz").rename(path)
    before = lab_values(window.state)
    assert not window.commands.labs.open(path)
    assert "File ▸ Open model" in window.status.text()
    assert lab_values(window.state) == before


def test_refusals_are_worded_in_japanese(window, tmp_path):
    path = tmp_path / "broken.cnnlab"
    path.write_bytes(b"PK\x03\x04 broken")
    try:
        i18n.set_language("ja")
        assert not window.commands.labs.open(path)
        assert "「broken.cnnlab」" in window.status.text()
        assert "ラボファイル" in window.status.text()
        assert window.menus.save_lab_action.text() == "ラボファイルを保存(&B)…"
    finally:
        i18n.set_language("en")
    assert "is not a CNN Lab lab file" in window.status.text()  # worded again


# --------------------------------------------------------------------------- saving
def test_a_failed_save_keeps_the_old_file_and_says_why(window, tmp_path, model, disk_full):
    path = tmp_path / "exercise.cnnlab"
    assert window.commands.labs.save(path)
    old = path.read_bytes()
    window.state.set_model(model)  # a bigger lab, on a disk with 1 kB left
    disk_full(1000)
    assert not window.commands.labs.save(path)
    assert window.status.text().startswith("Could not save the lab to exercise.cnnlab")
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir() if "cnnlab" in p.name) == [
        "exercise.cnnlab"]


# --------------------------------------------------------------------------- ways in
def test_a_dropped_lab_opens_as_a_lab_not_a_picture(window, qtbot, tmp_path, model):
    set_up_an_exercise(window, model)
    path = tmp_path / "dropped.cnnlab"
    assert window.commands.labs.save(path)
    other = new_window(qtbot, tmp_path, "other")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert not other.explorer.image_panel.accepts_mime(mime)  # the drop goes on up
    assert other.opening.accepts(mime)
    assert other.opening.drop(mime)
    assert other.state.source_name == "bar.png" and other.state.model is not None


def test_the_file_menu_offers_save_and_open_lab(window):
    actions = window.menus.file_menu.actions()
    assert window.menus.open_lab_action in actions and window.menus.save_lab_action in actions
    assert window.menus.open_lab_action.isEnabled()
    assert ".cnnlab" in window.menus.save_lab_action.statusTip()


def test_a_lab_on_the_command_line_starts_with_it_loaded(qtbot, tmp_path, model):
    settings = QSettings(str(tmp_path / "teacher.ini"), QSettings.Format.IniFormat)
    teacher = MainWindow(settings=settings)
    qtbot.addWidget(teacher)
    set_up_an_exercise(teacher, model)
    path = tmp_path / "exercise.cnnlab"
    assert teacher.commands.labs.save(path)
    teacher.close()
    seen = run_window(qtbot, [str(path), "--page", "classify"])
    assert seen["exit"] == 0
    assert seen["source_name"] == "bar.png"
    assert seen["image"].shape == (1, 28, 28)
    assert seen["model"] is not None and seen["model"] is not model
    assert seen["page"] is seen["pages"]["classify"]
    assert "Opened the lab exercise.cnnlab" in seen["status"]


def test_opening_a_lab_waits_while_training_runs(window, qtbot, tmp_path):
    path = tmp_path / "plain.cnnlab"
    assert window.commands.labs.save(path)
    page = window.training
    data = datasets.load("shapes", n_train=300, n_test=30)
    page.set_config(dataclasses.replace(page.config(), epochs=200))
    with qtbot.waitSignal(page.training_changed, timeout=5000):
        assert page.start_training(data)
    assert not window.menus.open_lab_action.isEnabled()
    assert not window.commands.labs.open(path)
    assert "Stop the training first" in window.status.text()
    with qtbot.waitSignal(page.training_changed, timeout=20_000):
        page.stop_training()
    assert window.menus.open_lab_action.isEnabled()
    assert window.commands.labs.open(path)


# --------------------------------------------------------------------------- the lesson
class LearnPage(QWidget):
    """The part of the Learn page (gui/lessons/page.py) a lab file uses: its current
    lesson's key, the answers given, and showing a lesson."""

    def __init__(self) -> None:
        super().__init__()
        self.current_key = ""
        self.answers: dict = {}
        self.shown: list[str] = []

    def show_lesson(self, key: str) -> None:
        self.shown.append(key)
        self.current_key = key

    def set_answers(self, answers: dict) -> None:
        self.answers = dict(answers)


def test_the_current_lesson_and_answers_travel_with_the_lab(window, qtbot, tmp_path):
    learn = LearnPage()
    qtbot.addWidget(learn)
    window.pages["learn"] = learn
    learn.show_lesson("why-relu")
    learn.answers = {"why-relu": {"given": "no", "right": True}}
    path = tmp_path / "lesson.cnnlab"
    assert window.commands.labs.save(path)
    assert lab_file.load(path).lesson == "why-relu"

    student = new_window(qtbot, tmp_path, "student")
    theirs = LearnPage()
    qtbot.addWidget(theirs)
    student.pages["learn"] = theirs
    assert student.commands.labs.open(path)
    assert theirs.shown == ["why-relu"]
    assert theirs.answers == {"why-relu": {"given": "no", "right": True}}


def test_without_a_learn_page_the_lesson_is_kept_and_saved_again(window, qtbot, tmp_path):
    assert "learn" not in window.pages or not hasattr(window.pages["learn"], "shown")
    # Only the window's list forgets the page: it stays alive in its tab (dropping the
    # last Python reference to it would let Python delete a widget Qt still shows).
    learn = window.pages.pop("learn", None)
    lab = lab_file.Lab(image=np.ones((9, 9, 3), np.float32), filters=(
        lab_file.LabFilter("one", np.ones((1, 3, 3), np.float32)),), lesson="pooling",
        answers={"pooling": {"given": "4", "right": False}})
    first = tmp_path / "first.cnnlab"
    lab_file.save(first, lab)
    assert window.commands.labs.open(first)
    second = tmp_path / "second.cnnlab"
    assert window.commands.labs.save(second)
    again = lab_file.load(second)
    assert (again.lesson, again.answers) == ("pooling", lab.answers)
    if learn is not None:
        window.pages["learn"] = learn


def test_a_sample_saved_in_english_opens_named_in_japanese(window, qtbot, tmp_path):
    from gui import i18n

    panel = window.explorer.image_panel
    assert panel.show_sample("pattern:smiley")
    path = tmp_path / "smiley.cnnlab"
    assert window.commands.labs.save(path)
    i18n.set_language("ja")
    student = new_window(qtbot, tmp_path, "student")
    assert student.opening.open_path(path)
    shown = student.explorer.image_panel
    assert shown.sample_combo.currentData() == "pattern:smiley"
    assert shown.caption.text().startswith("笑顔 (9×9)")
    # A picture of one's own keeps its name: only the built-in samples are saved by key.
    assert lab_snapshot.saved_image_name("bar.png", window.state.source) == "bar.png"
