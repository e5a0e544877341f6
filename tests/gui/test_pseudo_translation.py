"""Nothing a learner can read stays in the source language under a pseudo-translation."""

import pytest
from PySide6.QtCore import QSettings

from gui import i18n
from gui.main_window import MainWindow
from tests.gui.pseudo_translation import (
    OPEN,
    Unmarked,
    leftover,
    pseudo_language,
    report,
    unmarked_texts,
)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    yield window
    i18n.set_language("en")


def test_leftover_ignores_marks_proper_names_numbers_and_formula_letters():
    assert leftover("⟦Filters⟧") == ""
    assert leftover("⟦Saved 4 filters to {0}⟧".replace("{0}", "a.json")) == ""
    assert leftover("<b>⟦Input⟧</b> 28×28 → 26×26") == ""
    assert leftover("ReLU  max(0, x)", allowed=()) == "max"
    assert leftover("MNIST · CNN Lab · 日本語") == ""
    assert leftover("&Open image…") == "Open image"
    assert leftover("cat.png", allowed=["cat.png"]) == ""


def test_the_main_windows_own_menus_tabs_and_actions_are_all_translated(window):
    with pseudo_language():
        assert window.menus.file_menu.title().startswith(OPEN)
        texts = [window.windowTitle()]
        for i in range(window.tabs.count()):
            texts += [window.tabs.tabText(i), window.tabs.tabToolTip(i)]
        problems = [Unmarked("window", t) for t in texts if leftover(t)]
        problems += unmarked_texts(window.menuBar())
        title, about = window.about_texts()
        problems += [Unmarked("About box", t) for t in (title, about) if leftover(t)]
    assert not problems, report(problems)
    # Back in English once the pseudo-translator is gone.
    assert window.menus.file_menu.title() == "&File"
    assert window.tabs.tabText(1) == "1 · Explore a layer"


def test_the_walker_finds_an_untranslated_label_tooltip_and_plot_title(window):
    """The walker reports what it should: texts set once, in English, are caught."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QLabel

    label = QLabel("Set once, never retranslated", window.explorer)
    label.setToolTip("an English tooltip")
    plot = pg.PlotWidget(window.classify)
    plot.setTitle("An English title")
    plot.setLabel("bottom", "epoch")
    with pseudo_language():
        found = {p.text for p in unmarked_texts(window)}
    assert {"Set once, never retranslated", "an English tooltip",
            "An English title", "epoch"} <= found


def test_every_page_is_translated(window):
    problems = []
    with pseudo_language():
        for page in window.pages.values():
            problems += unmarked_texts(page)
        problems += unmarked_texts(window.show_numbers_window())
    print(report(problems))
    assert not problems, report(problems)
