"""The main window's parts (gui/window): the page list, opening files, the session."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QMimeData, QSettings, QUrl, Signal
from PySide6.QtWidgets import QLabel

import gui.main_window
from gui.common.image_io import rgb_to_qimage
from gui.main_window import PAGE_NAMES, MainWindow
from gui.window.pages import PAGES, Page


def make_window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    return window


def picture_file(path):
    picture = np.ones((30, 30), np.float32)
    picture[5:25, 12:16] = 0
    assert rgb_to_qimage(picture).save(str(path))
    return path


class LessonPage(QLabel):
    """A page of the kind a later issue adds: built from the state, asks for the explorer."""

    explore_requested = Signal()

    def __init__(self, state) -> None:
        super().__init__("a page added by one entry")
        self.state = state


def test_the_tabs_follow_the_page_list(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    assert PAGE_NAMES == tuple(page.name for page in PAGES) == ("learn", "explore", "train",
                                                                "classify", "network")
    assert [window.tabs.widget(i) for i in range(window.tabs.count())] == [
        window.pages[name] for name in PAGE_NAMES]
    assert (window.explorer, window.training, window.classify) == tuple(
        window.pages[name] for name in PAGE_NAMES[1:4])
    assert window.tabs.tabText(0) == "0 · Learn" and window.pages["learn"] is window.learn
    assert window.tabs.currentWidget() is window.explorer  # the lab opens on the explorer
    assert window.tabs.tabText(3) == "3 · Classify"
    assert "probabilities" in window.tabs.tabToolTip(3)
    assert window.tabs.tabText(4) == "4 · Every layer"
    window.show_page("network")
    window.pages["network"].train_requested.emit()  # its "Go to the Train page" button
    assert window.tabs.currentWidget() is window.training


def test_adding_a_page_is_one_entry_in_the_list(qtbot, tmp_path, monkeypatch):
    extra = Page("lesson", LessonPage, lambda: "5 · Lesson", lambda: "A lesson")
    monkeypatch.setattr(gui.main_window, "PAGES", PAGES + (extra,))
    window = make_window(qtbot, tmp_path)
    page = window.pages["lesson"]
    assert isinstance(page, LessonPage) and page.state is window.state
    assert window.tabs.count() == len(PAGES) + 1
    assert window.tabs.tabText(len(PAGES)) == "5 · Lesson"
    assert window.tabs.tabToolTip(len(PAGES)) == "A lesson"
    window.show_page("lesson")
    assert window.tabs.currentWidget() is page
    page.explore_requested.emit()
    assert window.tabs.currentWidget() is window.explorer


def test_files_go_to_the_page_that_opens_them(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    picture = picture_file(tmp_path / "stroke.png")
    assert window.opening.open_path(picture)
    assert window.state.source_name == "stroke.png"
    # A .npz is opened as a model: this one is not, so the Train page says why.
    broken = tmp_path / "model.npz"
    broken.write_bytes(b"not a model")
    assert window.opening.open_paths([str(broken)]) != []
    assert window.status.is_error and "model.npz" in window.status.text()
    assert window.state.model is None


def test_a_dropped_picture_is_opened_and_other_drops_are_refused(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    text = QMimeData()
    text.setText("just words")
    assert not window.opening.accepts(text)
    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(picture_file(tmp_path / "dropped.png")))])
    assert window.opening.accepts(dropped)
    assert window.opening.drop(dropped)
    assert window.state.source_name == "dropped.png"


def test_the_session_keeps_the_filters_between_runs(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.state.rename_filter(0, "my edge")
    window.session.save_settings()
    again = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                          QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.state.filters[0].name == "my edge"
    assert again.session.close()  # nothing unsaved: it may close


def test_every_pyqtgraph_view_fills_its_background_instead_of_caching_it(qtbot, tmp_path):
    """pyqtgraph's cached background was blitted over every exposed region (8 % of a
    weight edit's work on the Explore page); the app's views fill it directly, and
    still paint it white."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QGraphicsView

    window = make_window(qtbot, tmp_path)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    views = window.findChildren(pg.GraphicsView)
    assert len(views) >= 4  # the stage view, the curves, the confusion matrix, the bars
    for view in views:
        assert view.cacheMode() == QGraphicsView.CacheModeFlag.CacheNone, type(view)
    stage = window.explorer.stage_view.graphics
    corner = stage.viewport().grab().toImage().pixelColor(1, 1)
    assert (corner.red(), corner.green(), corner.blue()) == (255, 255, 255)
