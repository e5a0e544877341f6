"""Why a file could not be read or written is told in the learner's language: the usual
reasons of the system (a full disk, no permission, a file in the way) and our own check
after writing, with the system's words only for the rare others."""

import errno

import pytest
from PySide6.QtCore import QSettings

from engine import fileio
from gui import i18n
from gui.common.error_text import system_reason
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("number, english, japanese", [
    (errno.ENOSPC, "the disk is full", "ディスクがいっぱいです"),
    (errno.EACCES, "permission denied", "アクセスが許可されていません"),
    (errno.EROFS, "the disk is read-only", "ディスクが読み取り専用です"),
    (errno.ENOTDIR, "part of the path is a file, not a folder", "パスの途中が"),
])
def test_the_usual_reasons_are_worded_in_each_language(number, english, japanese):
    error = OSError(number, "the system's English words")
    assert system_reason(error) == english
    i18n.set_language("ja")
    assert system_reason(error).startswith(japanese)


def test_our_own_check_and_rare_reasons():
    incomplete = fileio.WriteFailed("only 3 bytes of f.json reached the disk")
    assert "not written completely" in system_reason(incomplete)
    assert system_reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
        "Too many levels of symbolic links")
    assert system_reason(OSError("no number")) == "no number"


def test_saving_filters_under_a_file_says_why_in_japanese(window, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    window.set_language("ja")
    assert not window.commands.save_filters(tmp_path / "notes.txt" / "f.json")
    text = window.status.text()
    assert "f.json" in text and "パスの途中がフォルダーではなくファイルです" in text
    assert "Not a directory" not in text


def test_a_write_that_did_not_reach_the_disk_says_so_not_none(window, tmp_path,
                                                              monkeypatch):
    def dropped(path, *args, **kwargs):
        raise fileio.WriteFailed(f"only 0 bytes of {path} reached the disk")

    monkeypatch.setattr(fileio, "write_text", dropped)
    monkeypatch.setattr(fileio, "write_bytes", dropped)
    assert not window.commands.save_filters(tmp_path / "f.json")
    assert "None" not in window.status.text()
    assert "not written completely" in window.status.text()


def test_exporting_where_a_file_is_in_the_way_says_why_in_japanese(window, tmp_path):
    blocker = tmp_path / "stages"
    blocker.write_text("a file where the folder should go")
    window.set_language("ja")
    assert window.commands.export_stages(blocker) == []
    text = window.status.text()
    assert "同じ名前のファイルがすでにあります" in text and "Errno" not in text
