"""Closing the window never loses work silently: My classes are kept for the next start,
and an unsaved trained model (or classes that cannot be kept) is asked about."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from engine import datasets, fileio
from engine.architecture import ConvBlock
from engine.model import load as load_model
from gui.common.image_io import rgb_to_qimage
from gui.main_window import MainWindow
from gui.train.data_sources import load_collection
from gui.train.job import TrainingConfig
from gui.train.page import TrainingPage

SMALL = datasets.load("shapes", n_train=120, n_test=30, seed=1)


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "settings.ini")


def open_window(qtbot, settings_file) -> MainWindow:
    window = MainWindow(settings=QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def add_examples(window, tmp_path, name, n):
    """Import ``n`` real picture files into a new class ``name``."""
    panel = window.training.dataset_panel
    panel.set_source("mine")
    assert panel.add_class(name)
    paths = []
    for i in range(n):
        picture = np.ones((40, 40), np.float32)
        picture[5:35, 8 + 2 * i:14 + 2 * i] = 0.0
        path = tmp_path / f"{name}-{i}.png"
        assert rgb_to_qimage(picture).save(str(path))
        paths.append(str(path))
    assert panel.import_files(paths) == n


@pytest.fixture
def questions(monkeypatch):
    """Answers the close question with ``questions.answer`` and records what it was asked."""
    class Questions:
        answer = "discard"
        asked: list = []

    def ask(page, work):
        Questions.asked.append(list(work))
        return Questions.answer

    Questions.asked = []
    monkeypatch.setattr(TrainingPage, "ask_about_unsaved_work", ask)
    return Questions


def train_briefly(qtbot, window):
    page = window.training
    page.set_config(TrainingConfig(blocks=(ConvBlock(4),), hidden=(), epochs=1, lr=0.01,
                                   batch_size=16))
    assert page.start_training(SMALL)
    with qtbot.waitSignal(page.worker.finished, timeout=20_000):
        pass
    assert page.state.model is not None


def test_my_classes_come_back_at_the_next_start_without_a_question(qtbot, tmp_path,
                                                                   settings_file, questions):
    window = open_window(qtbot, settings_file)
    add_examples(window, tmp_path, "bar", 3)
    add_examples(window, tmp_path, "dash", 2)
    kept = {name: [e.copy() for e in window.training.dataset_panel.classes.examples(name)]
            for name in ("bar", "dash")}
    assert window.training.dataset_panel.has_unsaved_examples()  # not kept yet
    assert window.training.dataset_panel.autosave()
    assert window.training.unsaved_work() == []  # kept for the next start: nothing lost
    assert window.close()
    assert questions.asked == []

    again = open_window(qtbot, settings_file)
    classes = again.training.dataset_panel.classes
    assert classes.counts() == {"bar": 3, "dash": 2}
    for name, examples in kept.items():
        for a, b in zip(classes.examples(name), examples, strict=True):
            assert np.abs(a - b).max() <= 1 / 255 + 1e-6


def test_classes_that_cannot_be_kept_are_asked_about(qtbot, tmp_path, settings_file,
                                                     questions, monkeypatch):
    window = open_window(qtbot, settings_file)
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where the data folder should be")
    window.training.dataset_panel.autosave_folder = blocked / "my classes"
    add_examples(window, tmp_path, "bar", 2)
    assert not window.training.dataset_panel.autosave()
    work = window.training.unsaved_work()
    assert work == ["Your classes (2 examples) are not saved, and could not be kept for "
                    "the next start."]
    questions.answer = "cancel"
    assert not window.close()
    assert window.isVisible() and questions.asked == [work]

    questions.answer = "save"
    chosen = tmp_path / "my collection"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    assert window.close()
    assert load_collection(chosen).counts() == {"bar": 2}


def test_an_unsaved_model_asks_save_discard_or_cancel(qtbot, tmp_path, settings_file,
                                                      questions, monkeypatch):
    window = open_window(qtbot, settings_file)
    train_briefly(qtbot, window)
    work = window.training.unsaved_work()
    assert len(work) == 1 and work[0].startswith("The trained model (")

    questions.answer = "cancel"
    assert not window.close()
    assert window.isVisible()

    # Save, but the learner cancels the file dialog: the window stays.
    questions.answer = "save"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert not window.close()
    assert window.isVisible()

    # Save into a folder a killed save left a temporary file in: it is cleaned up.
    stale = tmp_path / f".model.npz.x{fileio.TEMP_SUFFIX}"
    stale.write_bytes(b"left by a killed save")
    target = tmp_path / "model.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.close()
    assert not window.isVisible()
    assert not stale.exists()
    assert load_model(target).num_classes == len(SMALL.class_names)
    assert len(questions.asked) == 3


def test_discard_closes_and_a_saved_model_is_not_asked_about(qtbot, tmp_path, settings_file,
                                                             questions):
    window = open_window(qtbot, settings_file)
    train_briefly(qtbot, window)
    questions.answer = "discard"
    assert window.close()
    assert len(questions.asked) == 1

    second = open_window(qtbot, settings_file)
    train_briefly(qtbot, second)
    assert second.training.save_model(tmp_path / "saved.npz")
    assert second.training.unsaved_work() == []
    assert second.close()
    assert len(questions.asked) == 1


def test_killed_autosaves_leave_no_temporary_files_at_the_next_start(qtbot, tmp_path,
                                                                     settings_file):
    window = open_window(qtbot, settings_file)
    add_examples(window, tmp_path, "bar", 2)
    add_examples(window, tmp_path, "dash", 2)
    folder = window.training.dataset_panel.autosave_folder
    assert window.close()
    stale = folder / f".classes.json.abc{fileio.TEMP_SUFFIX}"
    stale.write_text("half a manifest")
    again = open_window(qtbot, settings_file)
    assert not stale.exists()
    assert again.training.dataset_panel.classes.counts() == {"bar": 2, "dash": 2}


def test_edits_are_kept_in_the_background_while_the_window_stays_open(qtbot, tmp_path,
                                                                      settings_file):
    window = open_window(qtbot, settings_file)
    panel = window.training.dataset_panel
    panel._autosave_timer.setInterval(10)  # the learner paused long enough
    add_examples(window, tmp_path, "bar", 2)
    add_examples(window, tmp_path, "dash", 3)
    folder = panel.autosave_folder

    def kept():
        try:
            return load_collection(folder).counts() == {"bar": 2, "dash": 3}
        except ValueError:
            return False

    qtbot.waitUntil(kept, timeout=10_000)
    qtbot.waitUntil(lambda: not panel.has_unsaved_examples() and panel._autosave_worker is None,
                    timeout=10_000)
    panel.delete_class("dash")            # a later edit is not kept yet...
    assert panel.has_unsaved_examples() or panel._autosave_worker is not None
    assert window.close()                 # ...until closing keeps it
    assert load_collection(folder).counts() == {"bar": 2}


def test_closing_during_a_run_that_has_trained_an_epoch_asks_first(qtbot, settings_file,
                                                                   questions):
    window = open_window(qtbot, settings_file)
    page = window.training
    page.set_config(TrainingConfig(blocks=(ConvBlock(4),), hidden=(), epochs=200, lr=0.01,
                                   batch_size=16))
    assert page.start_training(SMALL)
    assert window.training.unsaved_work() == []  # nothing learned yet: nothing to lose
    qtbot.waitUntil(lambda: (page.run.epochs_trained() or (0, 0))[0] >= 1, timeout=30_000)
    questions.answer = "cancel"
    assert not window.session.close()
    assert page.is_training()  # still open and training: the learner can Stop and save
    (work,) = questions.asked
    done = int(work[-1].split("(")[1].split(" of ")[0])
    assert done >= 1 and "of 200 epochs done" in work[-1] and "Stop" in work[-1]
    questions.answer = "discard"
    assert window.session.close()


def test_train_asks_before_a_new_run_would_replace_an_unsaved_model(qtbot, settings_file,
                                                                    monkeypatch, tmp_path):
    window = open_window(qtbot, settings_file)
    page = window.training
    train_briefly(qtbot, window)
    trained = window.state.model
    asked = []
    answers = iter(["cancel", "save", "train"])

    def ask(page_, unsaved):
        asked.append(unsaved)
        return next(answers)

    monkeypatch.setattr(TrainingPage, "ask_before_replacing_model", ask)
    page.train_button.click()  # Cancel: nothing starts
    assert not page.is_training() and window.state.model is trained
    assert "has not been saved" in asked[0]
    saved = tmp_path / "kept.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(saved), ""))
    page.train_button.click()  # Save first: saved, then the run starts
    assert saved.exists() and page.is_training()
    page.stop_training()
    qtbot.waitUntil(lambda: not page.is_training(), timeout=20_000)
    train_briefly(qtbot, window)  # a new model, not saved
    assert page.files.unsaved_model_text() is not None
    page.train_button.click()  # Train without saving: the run starts
    assert page.is_training() and len(asked) == 3
    page.stop_training()
    qtbot.waitUntil(lambda: not page.is_training(), timeout=20_000)


def test_train_with_a_saved_model_asks_nothing(qtbot, settings_file, monkeypatch, tmp_path):
    window = open_window(qtbot, settings_file)
    page = window.training
    train_briefly(qtbot, window)
    saved = tmp_path / "kept.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(saved), ""))
    assert page.files.save_model_dialog()
    monkeypatch.setattr(TrainingPage, "ask_before_replacing_model",
                        lambda *args: pytest.fail("asked with the model saved"))
    page.train_button.click()
    assert page.is_training()
    page.stop_training()
    qtbot.waitUntil(lambda: not page.is_training(), timeout=20_000)
