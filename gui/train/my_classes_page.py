"""The My classes source: the learner makes classes (:mod:`gui.train.class_list`), fills
them with drawings or imported pictures (:mod:`gui.train.example_editor`), and saves or
loads them as a collection folder (here). What is saved and kept between runs lives in
:mod:`gui.train.kept_classes`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from engine.collection import MyClasses
from gui.common import file_dialogs
from gui.common.error_text import error_text
from gui.train import data_sources
from gui.train.class_list import ClassList
from gui.train.data_sources import DataSourceError
from gui.train.example_editor import ExampleEditor
from gui.train.kept_classes import KeptClasses


class MyClassesPage(QWidget):
    """Make classes, draw or import their examples, save and load them.

    Parameters
    ----------
    split : callable
        Returns ``(test fraction, seed)``: how the examples are shared out.

    Signals
    -------
    edited()
        The classes changed (an edit, a load, or the classes kept by the last run).
    message(object)
        Import, save and load results, bad names, why the classes could not be kept: a
        `Wording` (a function that words the message in the current language).
    """

    edited = Signal()
    message = Signal(object)

    def __init__(self, split: Callable[[], tuple[float, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The classes and whether they are saved and kept between runs.
        self.store = KeptClasses(self)
        self.store.message.connect(self.message)
        self.class_list = ClassList(self.store, split)
        self.examples = ExampleEditor(self.store)
        for part in (self.class_list, self.examples):
            part.edited.connect(self._on_edited)
            part.message.connect(self.message)
        self.class_list.selection_changed.connect(self._show_selected_class)

        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._on_save_clicked)
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self._on_load_clicked)
        files_row = QHBoxLayout()
        files_row.addWidget(self.save_button)
        files_row.addWidget(self.load_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        layout.addWidget(self.class_list)
        layout.addSpacing(2)
        layout.addWidget(self.examples, 1)
        layout.addLayout(files_row)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self.save_button.setText(QCoreApplication.translate(
            "DatasetPanel", "Save collection…"))
        self.save_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Save all classes and examples to a folder (PNG pictures plus a list of the "
            "classes)"))
        self.load_button.setText(QCoreApplication.translate(
            "DatasetPanel", "Load collection…"))
        self.load_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Open a saved collection, or any folder with one subfolder of pictures per "
            "class; it replaces the classes shown here"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def classes(self) -> MyClasses:
        """The learner's classes (edit them through the page so it redraws)."""
        return self.store.classes

    def _on_edited(self, select: str | None = None) -> None:
        self.store.edited()
        self._refresh(select)
        self.edited.emit()

    def _refresh(self, select: str | None = None) -> None:
        self.class_list.show_classes(select)
        self._show_selected_class()
        self.save_button.setEnabled(len(self.classes) > 0)

    def _show_selected_class(self) -> None:
        self.examples.show_class(self.class_list.selected_class())

    # ------------------------------------------------------------------ collection files
    def save_collection(self, folder: str) -> bool:
        try:
            data_sources.save_collection(self.classes, folder)
        except DataSourceError as error:
            self.message.emit(partial(error_text, error))
            return False
        self.store.saved()
        classes, examples = len(self.classes), self.classes.total
        self.message.emit(lambda: self.tr(
            "Saved %n example(s) to “{0}” (classes: {1}).", "", examples).format(
                folder, classes))
        return True

    def load_collection(self, folder: str) -> bool:
        """Replace the classes with the collection in ``folder``; returns success."""
        try:
            loaded = data_sources.load_collection(folder)
        except DataSourceError as error:
            self.message.emit(partial(error_text, error))
            return False
        self.store.replace(loaded)
        self._on_edited(select=loaded.names[0] if loaded.names else None)
        self.store.loaded()
        classes, examples, skipped = len(loaded), loaded.total, loaded.skipped

        def loaded_text() -> str:
            text = self.tr("Loaded %n example(s) (classes: {0}).", "", examples).format(
                classes)
            if skipped:
                # Two whole sentences: each is worded (and pluralised) on its own.
                text += " " + self.tr("%n file(s) could not be read; the first: {0}", "",
                                      len(skipped)).format(skipped[0].reason)
            return text

        self.message.emit(loaded_text)
        return True

    def restore_autosaved(self, folder) -> bool:
        """Keep My classes in ``folder`` from now on, and show the classes kept there by
        the previous run (if any). Returns True when classes were restored."""
        loaded = self.store.restore(folder)
        if loaded is None:
            return False
        self._refresh(loaded.names[0] if loaded.names else None)
        self.edited.emit()
        return loaded.total > 0

    def _on_save_clicked(self) -> None:
        self.save_collection_dialog()

    def save_collection_dialog(self) -> bool:
        """Ask for a folder, then save; True when the collection was saved."""
        folder = file_dialogs.existing_folder(
            self, QCoreApplication.translate(
                "DatasetPanel", "Save the collection in a folder (new or empty)"))
        if not folder:
            return False
        return self.save_collection(folder)

    def _on_load_clicked(self) -> None:
        if self.store.unsaved and len(self.classes) and QMessageBox.question(
                self, QCoreApplication.translate("DatasetPanel", "Load collection"),
                QCoreApplication.translate(
                    "DatasetPanel", "Replace your current classes, which are not saved?")
        ) != QMessageBox.StandardButton.Yes:
            return
        folder = file_dialogs.existing_folder(self, QCoreApplication.translate(
            "DatasetPanel", "Open a saved collection"))
        if folder:
            self.load_collection(folder)
