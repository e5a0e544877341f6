"""The main window: puts the panels together, owns menus, files and remembered settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
)

from gui.classify.page import ClassifyPage
from gui.common import samples
from gui.explore.filter_file import FilterFileError, filters_to_json, load_filters, save_filters
from gui.explore.numbers_window import NumbersWindow
from gui.explore.page import ExplorerPage
from gui.state import LabState
from gui.train.page import TrainingPage


class MainWindow(QMainWindow):
    """CNN Lab's window. ``settings`` defaults to the user's QSettings; tests pass their own."""

    def __init__(self, state: LabState | None = None, settings: QSettings | None = None,
                 restore: bool = True) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("CNN Lab — how a convolutional network sees"))
        self.state = state or LabState(self)
        self.settings = settings or QSettings("CNN Lab", "CNN Lab")
        self.setAcceptDrops(True)

        self.explorer = ExplorerPage(self.state)
        self.training = TrainingPage(self.state)
        self.classify = ClassifyPage(self.state)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.explorer, self.tr("1 · Explore a layer"))
        self.tabs.addTab(self.training, self.tr("2 · Train a network"))
        self.tabs.addTab(self.classify, self.tr("3 · Classify"))
        self.tabs.setTabToolTip(0, self.tr(
            "See what one convolutional layer does to a picture, stage by stage"))
        self.tabs.setTabToolTip(1, self.tr(
            "Train a small CNN on digits, shapes or your own classes and watch it learn"))
        self.tabs.setTabToolTip(2, self.tr(
            "Draw or pick an image and see the trained network's probabilities"))
        self.setCentralWidget(self.tabs)

        self.status = QLabel()
        self.statusBar().addWidget(self.status, 1)
        for panel in (self.explorer.image_panel, self.explorer.filter_panel, self.training,
                      self.classify):
            panel.message.connect(self.show_message)
        for page in (self.training, self.classify):
            page.explore_requested.connect(lambda: self.tabs.setCurrentWidget(self.explorer))
        self.state.explore_failed.connect(lambda text: self.show_message(text, error=True))
        self.state.explored.connect(lambda _: self._clear_error())

        self.numbers_window: NumbersWindow | None = None  # made on first use
        self.explorer.image_panel.numbers_requested.connect(self.show_numbers_window)
        self._build_menus()
        self.state.set_source(samples.load_sample(samples.DEFAULT_SAMPLE),
                              samples.label(samples.DEFAULT_SAMPLE))
        if restore:
            self._restore_settings()
            self.training.restore_work()
        else:
            self.resize(1280, 800)

    # --- menus -----------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        image = self.explorer.image_panel
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            file_menu, self.tr("&Open image…"), image.open_dialog, QKeySequence.StandardKey.Open,
            self.tr("Open a PNG, JPEG, BMP, GIF or other picture"))
        self._action(file_menu, self.tr("&Paste image"), self.paste_image,
                     QKeySequence.StandardKey.Paste, self.tr("Use the picture on the clipboard"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Save filters…"), self.save_filters_dialog,
                     QKeySequence.StandardKey.Save, self.tr("Save the feature detectors as JSON"))
        self._action(file_menu, self.tr("&Load filters…"), self.load_filters_dialog,
                     QKeySequence("Ctrl+L"), self.tr("Load feature detectors from JSON"))
        self._action(file_menu, self.tr("&Export stage images…"), self.export_stages_dialog,
                     QKeySequence("Ctrl+E"), self.tr("Save every stage's heatmap as PNG"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Open &model…"), self.training.open_model_dialog,
                     QKeySequence("Ctrl+Shift+O"), self.tr("Load a trained CNN Lab model (.npz)"))
        self._action(file_menu, self.tr("Save m&odel…"), self.training.save_model_dialog,
                     QKeySequence("Ctrl+Shift+S"), self.tr("Save the trained model (.npz)"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                     self.tr("Close CNN Lab"))
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.numbers_action = self._action(
            view_menu, self.tr("Pixel &values…"), self.show_numbers_window,
            QKeySequence("Ctrl+Shift+N"), self.tr("Show the picture as a grid of numbers"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About CNN Lab"), self.show_about)

    def show_numbers_window(self) -> NumbersWindow:
        """Show (and raise) the Pixel values window, making it the first time."""
        if self.numbers_window is None:
            self.numbers_window = NumbersWindow(self.state, self)
        self.numbers_window.show()
        self.numbers_window.raise_()
        self.numbers_window.activateWindow()
        return self.numbers_window

    # --- messages --------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b2182b; font-weight: 600;" if error else "")

    def _clear_error(self) -> None:
        if self.status.styleSheet():
            self.status.setText("")
            self.status.setStyleSheet("")

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About CNN Lab"), self.tr(
            "<p><b>CNN Lab</b> shows, step by step, how a convolutional neural network "
            "turns an image into features: convolution, ReLU, pooling and flattening.</p>"
            "<p>MNIST digits: Yann LeCun, Corinna Cortes, Christopher Burges (CC BY-SA 3.0). "
            "Photos: Stefan van der Walt and Rachel Michetti (CC0), NASA (public domain).</p>"))

    # --- files -----------------------------------------------------------------------
    @property
    def last_folder(self) -> str:
        return self.explorer.image_panel.last_folder

    def paste_image(self) -> None:
        self.explorer.image_panel.paste_from_clipboard()  # reports its own failures

    def save_filters_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save filters"),
                                              str(Path(self.last_folder) / "filters.json"),
                                              self.tr("Filters (*.json)"))
        if path:
            self.save_filters(path)

    def save_filters(self, path) -> bool:
        try:
            save_filters(path, self.state.filters)
        except OSError as error:
            self.show_message(self.tr("Could not save {0}: {1}").format(
                Path(path).name, error.strerror), error=True)
            return False
        self.show_message(self.tr("Saved {0} filters to {1}").format(
            len(self.state.filters), Path(path).name))
        return True

    def load_filters_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load filters"), self.last_folder,
                                              self.tr("Filters (*.json);;All files (*)"))
        if path:
            self.load_filters(path)

    def load_filters(self, path) -> bool:
        try:
            filters = load_filters(path)
            self.state.set_filters(filters)
        except (FilterFileError, ValueError) as error:
            self.show_message(self.tr("Could not load {0}: {1}").format(
                Path(path).name, error), error=True)
            return False
        self.show_message(self.tr("Loaded {0} filters from {1}").format(
            len(filters), Path(path).name))
        return True

    def export_stages_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export stage images to"),
                                                  self.last_folder)
        if folder:
            self.export_stages(folder)

    def export_stages(self, folder) -> list[Path]:
        try:
            written = self.explorer.stage_view.export_images(folder)
        except OSError as error:
            self.show_message(self.tr("Could not export: {0}").format(error), error=True)
            return []
        self.show_message(self.tr("Wrote {0} images to {1}").format(len(written), folder))
        return written

    # --- drag and drop ---------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.explorer.image_panel.accepts_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.explorer.image_panel.drop_mime(event.mimeData()):
            event.acceptProposedAction()

    # --- remembered settings ---------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        folder = self.settings.value("files/last_folder")
        if isinstance(folder, str) and Path(folder).is_dir():
            self.explorer.image_panel.last_folder = folder
        text = self.settings.value("explorer/filters")
        if isinstance(text, str) and text:
            from gui.explore.filter_file import filters_from_json
            try:
                self.state.set_filters(filters_from_json(text))
            except ValueError:
                pass  # stale or foreign settings: keep the default filters

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("files/last_folder", self.last_folder)
        self.settings.setValue("explorer/filters", filters_to_json(self.state.filters))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.training.may_close():  # asks about unsaved work (Save/Discard/Cancel)
            event.ignore()
            return
        # Training and folder loading run in worker threads: stop them and wait, so no
        # thread outlives the window.
        self.training.shutdown(10_000)
        self.save_settings()
        super().closeEvent(event)
