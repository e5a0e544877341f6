"""The one settings store: checked reads on real ini files, the one last folder, and every
file dialog of the app starting in it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from gui import app_settings
from gui.app_settings import LAST_FOLDER_KEY, AppSettings
from gui.main_window import MainWindow


def ini(path: Path, text: str) -> QSettings:
    path.write_text(text, encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


def reread(path: Path, key: str):
    return QSettings(str(path), QSettings.Format.IniFormat).value(key)


# --------------------------------------------------------------------------- checked reads
@pytest.mark.parametrize("stored, expected", [
    ("7", 7), ("-3", -3), (" 12 ", 12),
])
def test_a_good_integer_is_read(tmp_path, stored, expected):
    store = AppSettings(ini(tmp_path / "s.ini", f"[train]\nepochs={stored}\n"))
    assert store.integer("train/epochs", 5, -10, 100) == expected


@pytest.mark.parametrize("stored", ["9" * 400, "1e999", "-5000", "twelve",
                                    "1, 2, 3", "9" * 5000])
def test_a_bad_integer_falls_back_is_logged_once_and_removed(tmp_path, caplog, stored):
    path = tmp_path / "s.ini"
    store = AppSettings(ini(path, f"[train]\nepochs={stored}\n"))
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        assert store.integer("train/epochs", 5, 1, 100) == 5
        assert store.integer("train/epochs", 5, 1, 100) == 5
    warnings = [r for r in caplog.records if r.name == "gui.app_settings"]
    assert len(warnings) == 1 and "train/epochs" in warnings[0].getMessage()
    store.sync()
    assert reread(path, "train/epochs") is None


def test_a_choice_outside_its_list_falls_back(tmp_path, caplog):
    path = tmp_path / "s.ini"
    store = AppSettings(ini(path, "[ui]\nlanguage=klingon\nother=ja\n"))
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        assert store.choice("ui/language", "en", {"en", "ja"}) == "en"
        assert store.choice("ui/other", "en", {"en", "ja"}) == "ja"
    assert len(caplog.records) == 1


def test_a_value_written_again_is_reported_again_when_bad(tmp_path, caplog):
    store = AppSettings(ini(tmp_path / "s.ini", "[a]\nn=x\n"))
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        store.integer("a/n", 1, 0, 9)
        store.write("a/n", "y")
        store.integer("a/n", 1, 0, 9)
    assert len(caplog.records) == 2


def test_reset_forgets_everything(tmp_path):
    path = tmp_path / "s.ini"
    store = AppSettings(ini(path, "[a]\nn=3\n[files]\nlast_folder=/tmp\n"))
    store.reset()
    assert QSettings(str(path), QSettings.Format.IniFormat).allKeys() == []


# --------------------------------------------------------------------------- last folder
def test_the_last_folder_falls_back_to_home_and_remembers_real_folders(tmp_path):
    path = tmp_path / "s.ini"
    store = AppSettings(QSettings(str(path), QSettings.Format.IniFormat))
    assert store.last_folder() == str(Path.home())
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    store.remember_folder(pictures / "cat.png")  # a file: its folder is remembered
    assert store.last_folder() == str(pictures)
    store.remember_folder(tmp_path / "no" / "such" / "file.png")
    assert store.last_folder() == str(pictures)
    store.sync()
    assert AppSettings(QSettings(str(path), QSettings.Format.IniFormat)).last_folder() \
        == str(pictures)
    pictures.rmdir()  # a folder that vanished since: home again, quietly
    assert store.last_folder() == str(Path.home())


@pytest.mark.parametrize("stored", ["a, b, c", "@ByteArray(/tmp)", "/tmp/\\0/x",
                                    "relative/folder"])
def test_a_last_folder_of_the_wrong_kind_is_home(tmp_path, caplog, stored):
    path = tmp_path / "s.ini"
    store = AppSettings(ini(path, f"[files]\nlast_folder={stored}\n"))
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        assert store.last_folder() == str(Path.home())
    assert len(caplog.records) == 1
    store.sync()
    assert reread(path, LAST_FOLDER_KEY) is None


# --------------------------------------------------------------------------- file dialogs
@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def answer_next_file_dialog(qtbot, choose: Path | None = None) -> dict:
    """Wait for the next modal QFileDialog; record the folder it starts in, then choose
    ``choose`` (or cancel). Returns what was seen, filled once the dialog has closed."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        seen["folder"] = Path(dialog.directory().absolutePath())
        if choose is None:
            dialog.reject()
        else:
            dialog.selectFile(str(choose))
            dialog.accept()

    QTimer.singleShot(0, look)
    return seen


def dialogs(window):
    """Every file dialog of the app, by name: (open it, what to choose, is it a folder)."""
    dataset = window.training.dataset_panel
    image = window.explorer.image_panel
    return {
        "open image": (image.open_dialog, "picture.png", False),
        "save filters": (window.commands.save_filters_dialog, "mine.json", False),
        "load filters": (window.commands.load_filters_dialog, "picture.png", False),
        "export stages": (window.commands.export_stages_dialog, "", True),
        "open model": (window.training.open_model_dialog, "picture.png", False),
        "save model": (window.training.save_model_dialog, "model.npz", False),
        "export history": (window.training.export_history_dialog, "history.csv", False),
        "export curves": (window.training.export_curves_dialog, "curves.png", False),
        "import pictures": (dataset._on_import_clicked, "picture.png", False),
        "save collection": (dataset._on_save_clicked, "", True),
        "load collection": (dataset._on_load_clicked, "", True),
        "image folder": (dataset._on_choose_folder, "", True),
        "classify image": (window.classify._on_open_clicked, "picture.png", False),
    }


NAMES = ["open image", "save filters", "load filters", "export stages", "open model",
         "save model", "export history", "export curves", "import pictures", "save collection",
         "load collection", "image folder", "classify image"]


@pytest.mark.parametrize("name", NAMES)
def test_every_file_dialog_starts_in_the_last_folder_and_moves_it(window, qtbot, tmp_path,
                                                                   name):
    assert sorted(dialogs(window)) == sorted(NAMES)
    start, elsewhere = tmp_path / "start", tmp_path / "elsewhere"
    start.mkdir()
    elsewhere.mkdir()
    (elsewhere / "picture.png").write_bytes(b"not really a picture")
    app_settings.current().remember_folder(start)
    open_dialog, file_name, is_folder = dialogs(window)[name]

    seen = answer_next_file_dialog(qtbot)   # cancelled: the last folder stays
    open_dialog()
    assert seen["folder"] == start
    assert app_settings.current().last_folder() == str(start)

    chosen = elsewhere if is_folder else elsewhere / file_name
    seen = answer_next_file_dialog(qtbot, chosen)
    open_dialog()
    assert seen["folder"] == start
    assert app_settings.current().last_folder() == str(elsewhere)
