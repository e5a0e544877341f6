"""Switching the interface language while the app runs, and remembering it."""

import fnmatch
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

import main
from gui import app_settings, i18n
from gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _back_to_english():
    yield
    i18n.set_language("en")


@pytest.fixture
def settings_file(tmp_path):
    return str(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, settings_file):
    window = MainWindow(settings=QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def tab_texts(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_switching_to_japanese_and_back_changes_the_window_at_once(window):
    assert menu_titles(window) == ["&File", "F&ilters", "&View", "&Help"]
    window.set_language("ja")
    # No event loop turn in between: set_language delivers the LanguageChange itself.
    assert menu_titles(window) == ["ファイル(&F)", "フィルター(&I)", "表示(&V)", "ヘルプ(&H)"]
    assert tab_texts(window) == ["0 · 学ぶ", "1 · 層を調べる", "2 · ネットワークを学習する",
                                 "3 · 分類する", "4 · すべての層"]
    assert window.windowTitle().startswith("CNN Lab — 畳み込み")
    assert window.menus.open_action.text() == "画像を開く(&O)…"
    assert window.menus.open_action.statusTip() == "PNG、JPEG、BMP、GIF などの画像を開きます"
    assert "CNN Lab について" == window.about_texts()[0]
    assert window.menus.language_actions["ja"].isChecked()
    assert not window.menus.language_actions["en"].isChecked()

    window.set_language("en")
    assert menu_titles(window) == ["&File", "F&ilters", "&View", "&Help"]
    assert tab_texts(window)[:2] == ["0 · Learn", "1 · Explore a layer"]
    assert window.tabs.tabToolTip(3) == (
        "Draw or pick an image and see the trained network's probabilities")
    assert window.menus.language_actions["en"].isChecked()


def test_the_language_menu_names_each_language_in_its_own_language(window):
    window.set_language("ja")
    names = [a.text() for a in window.menus.language_menu.actions()]
    assert names == ["English", "日本語"]
    assert window.menus.language_group.isExclusive()
    assert all(a.isCheckable() for a in window.menus.language_menu.actions())
    # The way back stays findable for someone who cannot read Japanese.
    assert "Language" in window.menus.language_menu.title()


def test_the_menu_choice_is_remembered_and_chosen_at_the_next_start(window, settings_file):
    window.menus.language_actions["ja"].trigger()
    assert i18n.current_language() == "ja"
    assert menu_titles(window)[0] == "ファイル(&F)"
    store = app_settings.AppSettings(QSettings(settings_file, QSettings.Format.IniFormat))
    assert store.text(app_settings.LANGUAGE_KEY) == "ja"
    assert i18n.startup_language(store) == "ja"
    assert i18n.startup_language(store, requested="en") == "en"  # --language wins


def test_a_bad_remembered_language_falls_back_to_the_system_locale(settings_file, caplog):
    raw = QSettings(settings_file, QSettings.Format.IniFormat)
    raw.setValue(app_settings.LANGUAGE_KEY, "klingon")
    store = app_settings.AppSettings(raw)
    assert i18n.startup_language(store) == i18n.system_language()
    assert raw.value(app_settings.LANGUAGE_KEY) is None  # the bad value is forgotten
    assert "view/language" in caplog.text


def test_the_system_locale_chooses_the_first_time():
    assert i18n.system_language(QLocale(QLocale.Language.Japanese)) == "ja"
    assert i18n.system_language(QLocale(QLocale.Language.German)) == "en"
    assert i18n.system_language(QLocale(QLocale.Language.English)) == "en"


def test_japanese_installs_qts_own_catalogue_for_standard_buttons():
    translators = i18n.set_language("ja")
    assert len(translators) == 2
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    i18n.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("fr")


def test_english_plurals_read_right(window, tmp_path):
    assert window.commands.save_filters(tmp_path / "f.json")
    assert window.status.text() == "Saved 4 filters to f.json"
    window.state.remove_filter(0)
    window.state.remove_filter(0)
    window.state.remove_filter(0)
    assert window.commands.save_filters(tmp_path / "g.json")
    assert window.status.text() == "Saved 1 filter to g.json"


def test_the_windows_own_message_is_worded_again_in_the_new_language(window, tmp_path):
    assert window.commands.save_filters(tmp_path / "f.json")
    window.set_language("ja")
    assert window.status.text() == "f.json にフィルターを 4 個保存しました。"
    window.set_language("en")
    assert window.status.text() == "Saved 4 filters to f.json"
    # A message that has been replaced is not brought back by a later switch.
    window.show_message("something else", topic="other")
    window.set_language("ja")
    assert window.status.text() == "something else"


def test_a_missing_japanese_font_is_reported_once_naming_the_package(window, monkeypatch):
    assert i18n.has_japanese_font()  # this machine has fonts-noto-cjk
    window.set_language("ja")
    assert "fonts-noto-cjk" not in window.status.text()

    monkeypatch.setattr(i18n.QFontDatabase, "families", lambda *args: [])
    assert not i18n.has_japanese_font()
    window.set_language("en")
    assert window.warn_if_font_missing() == ""  # English needs no CJK font
    window.set_language("ja")
    assert "fonts-noto-cjk" in window.status.text()
    assert window.status.is_error
    window.show_message("", topic="language")
    window.set_language("en")
    window.set_language("ja")
    assert window.status.text() == ""  # said once per run, not at every switch


def test_the_command_line_language_overrides_for_the_run(tmp_path, qapp):
    shot = tmp_path / "ja.png"
    assert main.main(["--screenshot", str(shot), "--language", "ja", "--size", "800x600"]) == 0
    assert shot.stat().st_size > 10_000
    assert i18n.current_language() == "ja"
    with pytest.raises(SystemExit):
        main.main(["--language", "fr", "--screenshot", str(shot)])


def test_the_compiled_catalogues_ship_as_package_data():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["resources"]
    for code in i18n.LANGUAGES:
        qm = i18n.catalogue(code)
        assert qm.is_file() and qm.stat().st_size > 0
        inside = qm.relative_to(root / "resources").as_posix()
        assert any(fnmatch.fnmatch(inside, pattern) for pattern in patterns), inside
