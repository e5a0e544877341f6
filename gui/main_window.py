"""The main window: puts the panels together, owns menus, files and remembered settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gui import app_settings, i18n
from gui.app_settings import as_text
from gui.classify.page import ClassifyPage
from gui.common import file_dialogs, samples
from gui.common.status_line import FILE, StatusLine
from gui.common.widgets import StableTabWidget
from gui.explore.filter_file import (
    FilterFileError,
    filters_from_json,
    filters_to_json,
    load_filters,
    save_filters,
)
from gui.explore.numbers_window import NumbersWindow
from gui.explore.page import ExplorerPage
from gui.state import LabState
from gui.train.page import TrainingPage

#: The pages in tab order, by the names the command line uses (``--page NAME``).
PAGE_NAMES = ("explore", "train", "classify")

#: Files with these suffixes are opened as models; anything else as a picture.
MODEL_SUFFIXES = (".npz",)

GEOMETRY_KEY = "window/geometry"
FILTERS_KEY = "explorer/filters"
#: Topics of the Train page's messages get this prefix in the window's status bar.
TRAIN_TOPIC = "train."


class MainWindow(QMainWindow):
    """CNN Lab's window.

    ``settings`` defaults to the user's QSettings; tests and screenshots pass their own
    file. Either way it becomes the app's one settings store (:mod:`gui.app_settings`).
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

        self.explorer = ExplorerPage(self.state)
        self.training = TrainingPage(self.state)
        self.classify = ClassifyPage(self.state)
        self.pages = {"explore": self.explorer, "train": self.training,
                      "classify": self.classify}
        self.tabs = StableTabWidget()
        self.tabs.setDocumentMode(True)
        for name in PAGE_NAMES:
            self.tabs.addTab(self.pages[name], "")
        self.setCentralWidget(self.tabs)

        # Every message follows one rule (gui/common/status_line.py): it has a topic and
        # is withdrawn when what it is about changes.
        self.status = StatusLine(wrap=False)
        self.statusBar().addWidget(self.status, 1)
        # The window's own message, kept as a way to word it so that a language switch
        # words it again: (topic, error, render, the text it rendered).
        self._own_message: tuple[str, bool, Callable[[], str], str] | None = None
        self._font_warned = False
        # The image panel and the Classify page speak only when a picture could not be
        # opened; an empty message from the Classify page means it classified one.
        self.explorer.image_panel.message.connect(
            lambda text: self.show_message(text, error=True))
        self.classify.message.connect(lambda text: self.show_message(text, error=bool(text)))
        self.explorer.filter_panel.message.connect(
            lambda text: self.show_message(text, topic="filters"))
        # The Train page keeps its own status line; this one repeats it.
        self.training.status.changed.connect(
            lambda text, topic, error: self.show_message(text, error, TRAIN_TOPIC + topic))
        for page in (self.training, self.classify):
            page.explore_requested.connect(lambda: self.tabs.setCurrentWidget(self.explorer))
        self.state.explore_failed.connect(
            lambda text: self.show_message(text, error=True, topic="explore"))
        self.state.explored.connect(lambda _: self.status.withdraw("explore"))
        stale_after_change = (FILE, TRAIN_TOPIC + FILE)
        self.state.source_changed.connect(lambda: self.status.withdraw(*stale_after_change))
        self.state.filters_changed.connect(
            lambda: self.status.withdraw("filters", *stale_after_change))
        self.state.model_changed.connect(lambda: self.status.withdraw(*stale_after_change))

        self.numbers_window: NumbersWindow | None = None  # made on first use
        self.explorer.image_panel.numbers_requested.connect(self.show_numbers_window)
        self._build_menus()
        self.training.training_changed.connect(self._on_training_changed)
        self.state.set_source(samples.load_sample(samples.DEFAULT_SAMPLE),
                              samples.label(samples.DEFAULT_SAMPLE))
        if restore:
            self._restore_settings()
            self.training.restore_work()
        else:
            self.resize(1280, 800)
        self._built = True
        self.retranslate()

    # --- menus -----------------------------------------------------------------------
    def _action(self, menu, slot, shortcut=None) -> QAction:
        """An action in ``menu``; :meth:`retranslate` gives it its texts."""
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        image = self.explorer.image_panel
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        menu = self.file_menu
        self.open_action = self._action(menu, image.open_dialog, QKeySequence.StandardKey.Open)
        self.paste_action = self._action(menu, self.paste_image, QKeySequence.StandardKey.Paste)
        menu.addSeparator()
        self.save_filters_action = self._action(menu, self.save_filters_dialog,
                                                QKeySequence.StandardKey.Save)
        self.load_filters_action = self._action(menu, self.load_filters_dialog,
                                                QKeySequence("Ctrl+L"))
        self.export_action = self._action(menu, self.export_stages_dialog,
                                          QKeySequence("Ctrl+E"))
        menu.addSeparator()
        self.open_model_action = self._action(menu, self.training.open_model_dialog,
                                              QKeySequence("Ctrl+Shift+O"))
        self.save_model_action = self._action(menu, self.training.save_model_dialog,
                                              QKeySequence("Ctrl+Shift+S"))
        menu.addSeparator()
        self.quit_action = self._action(menu, self.close, QKeySequence.StandardKey.Quit)

        self.filters_menu = bar.addMenu("")
        self.restore_default_action = self._action(self.filters_menu,
                                                   self.restore_default_filters)
        self.restore_own_action = self._action(self.filters_menu, self.restore_own_filters)
        self.filters_menu.aboutToShow.connect(self._update_filter_actions)
        self._update_filter_actions()

        self.view_menu = bar.addMenu("")
        self.numbers_action = self._action(self.view_menu, self.show_numbers_window,
                                           QKeySequence("Ctrl+Shift+N"))
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            # Each language is named in its own language, whatever the current one.
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _=False, code=code: self.choose_language(code))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.about_action = self._action(self.help_menu, self.show_about)

    @staticmethod
    def _set_texts(action: QAction, text: str, tip: str = "") -> None:
        action.setText(text)
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", ""))

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language (its pages set
        their own): the title, tabs, menus, actions and the window's own message."""
        self.setWindowTitle(self.tr("CNN Lab — how a convolutional network sees"))
        tabs = {
            "explore": (self.tr("1 · Explore a layer"), self.tr(
                "See what one convolutional layer does to a picture, stage by stage")),
            "train": (self.tr("2 · Train a network"), self.tr(
                "Train a small CNN on digits, shapes or your own classes and watch it learn")),
            "classify": (self.tr("3 · Classify"), self.tr(
                "Draw or pick an image and see the trained network's probabilities")),
        }
        for name, (title, tip) in tabs.items():
            index = self.tabs.indexOf(self.pages[name])
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, tip)

        self.file_menu.setTitle(self.tr("&File"))
        self._set_texts(self.open_action, self.tr("&Open image…"),
                        self.tr("Open a PNG, JPEG, BMP, GIF or other picture"))
        self._set_texts(self.paste_action, self.tr("&Paste image"),
                        self.tr("Use the picture on the clipboard"))
        self._set_texts(self.save_filters_action, self.tr("&Save filters…"),
                        self.tr("Save the feature detectors as JSON"))
        self._set_texts(self.load_filters_action, self.tr("&Load filters…"),
                        self.tr("Load feature detectors from JSON"))
        self._set_texts(self.export_action, self.tr("&Export stage images…"),
                        self.tr("Save every stage's heatmap as PNG"))
        self.open_model_action.setText(self.tr("Open &model…"))
        self._on_training_changed(self.training.is_training())  # its tip depends on it
        self._set_texts(self.save_model_action, self.tr("Save m&odel…"),
                        self.tr("Save the trained model (.npz)"))
        self._set_texts(self.quit_action, self.tr("&Quit"), self.tr("Close CNN Lab"))

        self.filters_menu.setTitle(self.tr("F&ilters"))
        self._set_texts(self.restore_default_action, self.tr("Restore &default filters"),
                        self.tr("Replace every filter by the four CNN Lab starts with: "
                                "vertical line, horizontal line, sobel x and laplacian (yours "
                                "are kept aside)"))
        self._set_texts(self.restore_own_action, self.tr("Restore &my filters"),
                        self.tr("Bring back the filters and layer settings that “Show "
                                "learned filters in explorer” or “Restore default filters” "
                                "replaced"))

        self.view_menu.setTitle(self.tr("&View"))
        self._set_texts(self.numbers_action, self.tr("Pixel &values…"),
                        self.tr("Show the picture as a grid of numbers"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_menu.menuAction().setStatusTip(
            self.tr("Show CNN Lab in another language, at once"))

        self.help_menu.setTitle(self.tr("&Help"))
        self._set_texts(self.about_action, self.tr("&About CNN Lab"),
                        self.tr("Who made CNN Lab, and where its pictures come from"))

        if self._own_message is not None:
            topic, error, render, shown = self._own_message
            if self.status.topic == topic and self.status.text() == shown:
                self._say(render, error, topic)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._built:
            self.retranslate()
        super().changeEvent(event)

    # --- language --------------------------------------------------------------------
    def choose_language(self, code: str) -> None:
        """Switch the interface to ``code`` (View ▸ Language) and remember the choice."""
        self.set_language(code)
        self.app_settings.remember_language(code)

    def set_language(self, code: str) -> None:
        """Switch to ``code`` for this run; every widget retranslates before this returns.
        Says once (per run) when no font can draw the language."""
        i18n.set_language(code)
        self.language_actions[code].setChecked(True)
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

    def _on_training_changed(self, running: bool) -> None:
        # The run replaces the model when it ends, so a model opened meanwhile would be
        # lost: Open model waits, and says why.
        self.open_model_action.setEnabled(not running)
        tip = (self.training.open_model_tip(True) if running
               else self.tr("Load a trained CNN Lab model (.npz)"))
        self.open_model_action.setToolTip(tip)
        self.open_model_action.setStatusTip(tip)

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

    # --- messages --------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False, topic: str = FILE) -> None:
        """Show ``text`` in the status bar; an empty text withdraws ``topic``."""
        self.status.say(text, topic, error)

    def _say(self, render: Callable[[], str], error: bool = False, topic: str = FILE) -> None:
        """Show the window's own message ``render()``, and word it again (in the new
        language) when the language changes while it is shown."""
        text = render()
        self.status.say(text, topic, error)
        self._own_message = (topic, error, render, text)

    def about_texts(self) -> tuple[str, str]:
        """The About box's title and text, in the current language."""
        return self.tr("About CNN Lab"), self.tr(
            "<p><b>CNN Lab</b> shows, step by step, how a convolutional neural network "
            "turns an image into features: convolution, ReLU, pooling and flattening.</p>"
            "<p>MNIST digits: Yann LeCun, Corinna Cortes, Christopher Burges (CC BY-SA 3.0). "
            "Photos: Stefan van der Walt and Rachel Michetti (CC0), NASA (public domain).</p>")

    def show_about(self) -> None:
        QMessageBox.about(self, *self.about_texts())

    # --- files -----------------------------------------------------------------------
    @property
    def last_folder(self) -> str:
        return self.app_settings.last_folder()

    def open_path(self, path, as_model: bool | None = None) -> bool:
        """Open a file named on the command line: a model (``as_model``, or by default a
        .npz file) or a picture. A file that cannot be opened shows why in the status
        line; returns whether it opened."""
        path = Path(path)
        if as_model is None:
            as_model = path.suffix.lower() in MODEL_SUFFIXES
        if as_model:
            return self.training.open_model(path)  # reports its own failures
        return self.explorer.image_panel.open_file(path)

    def open_paths(self, paths, model=None) -> list[str]:
        """Open ``model`` (if given) and then the files named on the command line, in
        order; return the messages of those that could not be opened, which stay in the
        status line."""
        failures = []
        wanted = ([(model, True)] if model else []) + [(path, None) for path in paths]
        for path, as_model in wanted:
            if not self.open_path(path, as_model):
                failures.append(self.status.text())
        self.state.recompute()  # now, so the first exploration cannot clear the failures
        if failures:
            self.show_message("  ".join(failures), error=True)
        return failures

    def paste_image(self) -> None:
        self.explorer.image_panel.paste_from_clipboard()  # reports its own failures

    def save_filters_dialog(self) -> None:
        path = file_dialogs.save_file(self, self.tr("Save filters"), "filters.json",
                                      self.tr("Filters (*.json)"), ".json")
        if path:
            self.save_filters(path)

    def save_filters(self, path) -> bool:
        try:
            save_filters(path, self.state.filters)
        except OSError as error:
            reason = error.strerror  # the name "error" ends with the except block
            self._say(lambda: self.tr("Could not save {0}: {1}").format(
                Path(path).name, reason), error=True)
            return False
        count = len(self.state.filters)
        self._say(lambda: self.tr("Saved %n filter(s) to {0}", "", count).format(
            Path(path).name))
        return True

    def load_filters_dialog(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Load filters"),
                                      self.tr("Filters (*.json);;All files (*)"))
        if path:
            self.load_filters(path)

    def load_filters(self, path) -> bool:
        try:
            filters = load_filters(path)
            self.state.set_filters(filters)
        except (FilterFileError, ValueError) as error:
            reason = str(error)
            self._say(lambda: self.tr("Could not load {0}: {1}").format(
                Path(path).name, reason), error=True)
            return False
        self._say(lambda: self.tr("Loaded %n filter(s) from {0}", "", len(filters)).format(
            Path(path).name))
        return True

    def _update_filter_actions(self) -> None:
        self.restore_own_action.setEnabled(self.state.own_filters is not None)

    def restore_default_filters(self) -> None:
        self.state.restore_default_filters()
        own = self.state.own_filters
        count = len(self.state.filters)
        if own is None:
            self._say(lambda: self.tr("Restored the {0} default filters.").format(count),
                      topic="filters")
        else:
            own_count = len(own)
            self._say(lambda: self.tr(
                "Restored the {0} default filters. Filters ▸ Restore my filters brings back "
                "the %n shown before.", "", own_count).format(count), topic="filters")

    def restore_own_filters(self) -> bool:
        try:
            self.state.restore_own_filters()
        except ValueError:
            self._say(lambda: self.tr("There are no filters of yours to bring back: "
                                      "nothing has replaced them."), topic="filters")
            return False
        count = len(self.state.filters)
        self._say(lambda: self.tr("Your %n filter(s) and layer settings are back.", "",
                                  count), topic="filters")
        return True

    def export_stages_dialog(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Export stage images to"))
        if folder:
            self.export_stages(folder)

    def export_stages(self, folder) -> list[Path]:
        try:
            written = self.explorer.stage_view.export_images(folder)
        except OSError as error:
            reason = str(error)
            self._say(lambda: self.tr("Could not export: {0}").format(reason), error=True)
            return []
        self._say(lambda: self.tr("Wrote %n image(s) to {0}", "", len(written)).format(folder))
        return written

    # --- drag and drop ---------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.explorer.image_panel.accepts_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.explorer.image_panel.drop_mime(event.mimeData()):
            event.acceptProposedAction()

    # --- remembered settings ---------------------------------------------------------
    # Each saved value is checked on the way in: a damaged one is logged, forgotten and
    # replaced by the default (gui/app_settings.py), so the window always opens.
    def _restore_settings(self) -> None:
        settings = self.app_settings
        geometry = settings.read(GEOMETRY_KEY, None, _as_geometry)
        if geometry is None or not self.restoreGeometry(geometry):
            if geometry is not None:
                settings.reject(GEOMETRY_KEY, "Qt cannot restore this window geometry")
            self.resize(1280, 800)
        settings.last_folder()  # checks the saved folder now, so a bad one is reported once
        filters = settings.read(FILTERS_KEY, None, lambda raw: filters_from_json(as_text(raw)))
        if filters is not None:
            try:
                self.state.set_filters(filters)
            except ValueError as error:  # readable, but not filters the lab can use
                settings.reject(FILTERS_KEY, error)

    def save_settings(self) -> None:
        # The last folder is saved whenever it changes (gui/app_settings.py).
        self.app_settings.write(GEOMETRY_KEY, self.saveGeometry())
        self.app_settings.write(FILTERS_KEY, filters_to_json(self.state.filters))
        self.app_settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.training.may_close():  # asks about unsaved work (Save/Discard/Cancel)
            event.ignore()
            return
        # Training, folder loading and heavy explorations run in worker threads: ask them
        # to stop and wait briefly; one still inside a long step finishes on its own
        # after the window is gone (gui.worker keeps it alive until it has).
        self.training.shutdown(1_500)
        self.state.shutdown(500)
        self.save_settings()
        super().closeEvent(event)


def _as_geometry(raw) -> QByteArray:
    if not isinstance(raw, QByteArray) or raw.isEmpty():
        raise TypeError(f"expected saved window geometry, found {type(raw).__name__}")
    return raw
