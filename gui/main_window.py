"""The main window: puts the pages together under one set of tabs, menus and status bar.

Its parts live in :mod:`gui.window`, one job each: the list of pages
(:mod:`~gui.window.pages`; adding a page is one entry there), the menus
(:mod:`~gui.window.menus`) and what their own items do
(:mod:`~gui.window.menu_commands`), files from the command line, drag and drop and paste
(:mod:`~gui.window.opening`), the status bar (:mod:`~gui.window.messages`), and
remembered settings and closing (:mod:`~gui.window.session`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gui import app_settings, i18n
from gui.common import samples
from gui.common.status_line import FILE
from gui.common.widgets import StableTabWidget
from gui.explore.numbers_window import NumbersWindow
from gui.state import LabState
from gui.window.menu_commands import MenuCommands
from gui.window.menus import WindowMenus
from gui.window.messages import WindowMessages
from gui.window.opening import Opening
from gui.window.pages import PAGE_NAMES, PAGES
from gui.window.session import DEFAULT_SIZE, Session

__all__ = ["PAGE_NAMES", "MainWindow"]


class MainWindow(QMainWindow):
    """CNN Lab's window.

    ``settings`` defaults to the user's QSettings; tests and screenshots pass their own
    file. Either way it becomes the app's one settings store (:mod:`gui.app_settings`).

    Attributes
    ----------
    pages : dict
        Every page by its :data:`PAGE_NAMES` name; ``explorer``, ``training`` and
        ``classify`` name the first three.
    menus, commands, opening, messages, session
        The window's parts (:mod:`gui.window`); ``status`` is the status line.
    """

    def __init__(self, state: LabState | None = None, settings: QSettings | None = None,
                 restore: bool = True) -> None:
        super().__init__()
        self._built = False  # a LanguageChange can arrive while the pages are being made
        i18n.ensure_installed()
        self.state = state or LabState(self)
        self.app_settings = app_settings.install(settings)
        self.settings = self.app_settings.qsettings
        self.setAcceptDrops(True)

        self.pages = {page.name: page.make(self.state) for page in PAGES}
        self.explorer = self.pages["explore"]
        self.training = self.pages["train"]
        self.classify = self.pages["classify"]
        self.tabs = StableTabWidget()
        self.tabs.setDocumentMode(True)
        for page in PAGES:
            widget = self.pages[page.name]
            self.tabs.addTab(widget, "")
            if hasattr(widget, "explore_requested"):
                widget.explore_requested.connect(lambda: self.show_page("explore"))
            if hasattr(widget, "train_requested"):
                widget.train_requested.connect(lambda: self.show_page("train"))
        self.setCentralWidget(self.tabs)
        self.learn = self.pages["learn"]
        # The Learn tab comes first, but the lab opens on the explorer (the first-run
        # prompt offers the lessons; Help ▸ Lessons and the tab lead there).
        self.tabs.setCurrentWidget(self.explorer)

        self.messages = WindowMessages(self)
        self.status = self.messages.status
        self._font_warned = False
        self.numbers_window: NumbersWindow | None = None  # made on first use
        self.explorer.image_panel.numbers_requested.connect(self.show_numbers_window)
        self.opening = Opening(self)
        self.commands = MenuCommands(self, self.messages.say)
        self.menus = WindowMenus(self)
        self.session = Session(self)
        for widget in self.pages.values():
            if hasattr(widget, "attach_window"):
                widget.attach_window(self)
        self.state.set_source(samples.load_sample(samples.DEFAULT_SAMPLE),
                              samples.label(samples.DEFAULT_SAMPLE))
        if restore:
            self.session.restore_settings()
            self.training.restore_work()
        else:
            self.resize(*DEFAULT_SIZE)
        self._built = True
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language (its pages set
        their own): the title, tabs and menus. Messages are worded again by the status
        line itself."""
        self.setWindowTitle(self.tr("CNN Lab — how a convolutional network sees"))
        for page in PAGES:
            index = self.tabs.indexOf(self.pages[page.name])
            self.tabs.setTabText(index, page.title())
            self.tabs.setTabToolTip(index, page.tip())
        self.menus.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslate()
        super().changeEvent(event)

    # --- pages and windows -----------------------------------------------------------
    def show_page(self, name: str) -> None:
        """Bring page ``name`` (one of :data:`PAGE_NAMES`) to the front."""
        self.tabs.setCurrentWidget(self.pages[name])

    def show_numbers_window(self) -> NumbersWindow:
        """Show (and raise) the Pixel values window, making it the first time."""
        if self.numbers_window is None:
            self.numbers_window = NumbersWindow(self.state, self)
        self.numbers_window.show()
        self.numbers_window.raise_()
        self.numbers_window.activateWindow()
        return self.numbers_window

    def about_texts(self) -> tuple[str, str]:
        """The About box's title and text, in the current language."""
        return self.tr("About CNN Lab"), self.tr(
            "<p><b>CNN Lab</b> shows, step by step, how a convolutional neural network "
            "turns an image into features: convolution, ReLU, pooling and flattening.</p>"
            "<p>MNIST digits: Yann LeCun, Corinna Cortes, Christopher Burges (CC BY-SA 3.0). "
            "Photos: Stefan van der Walt and Rachel Michetti (CC0), NASA (public domain).</p>")

    def show_about(self) -> None:
        QMessageBox.about(self, *self.about_texts())

    # --- language --------------------------------------------------------------------
    def choose_language(self, code: str) -> None:
        """Switch the interface to ``code`` (View ▸ Language) and remember the choice."""
        self.set_language(code)
        self.app_settings.remember_language(code)

    def set_language(self, code: str) -> None:
        """Switch to ``code`` for this run; every widget retranslates before this returns.
        Says once (per run) when no font can draw the language."""
        i18n.set_language(code)
        self.menus.language_actions[code].setChecked(True)
        self.warn_if_font_missing()

    def warn_if_font_missing(self) -> str:
        """Show, once, what to install when the current language has no font; returns
        the message ("" when none was needed or it was said before)."""
        text = i18n.missing_font_message(i18n.current_language())
        if not text or self._font_warned:
            return ""
        self._font_warned = True
        self.show_message(text, error=True, topic="language")
        return text

    # --- messages and files ----------------------------------------------------------
    def show_message(self, text: str | Callable[[], str], error: bool = False,
                     topic: str = FILE) -> None:
        """Show ``text`` in the status bar; an empty text withdraws ``topic``."""
        self.messages.show(text, error, topic)

    @property
    def last_folder(self) -> str:
        return self.app_settings.last_folder()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.opening.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.opening.drop(event.mimeData()):
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.close():
            event.ignore()
            return
        super().closeEvent(event)
