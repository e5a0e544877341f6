"""Choose what the network trains on, and see it: class names, counts and samples.

Four sources: the bundled MNIST digits, generated shapes (:mod:`gui.train.bundled_pages`),
an image folder with one subfolder per class (:mod:`gui.train.folder_page`) and **My
classes** (:mod:`gui.train.my_classes_page`), where the learner makes classes and fills
them with drawings or imported pictures. Only the controls of the chosen source are
shown; this panel switches between the pages, builds the chosen data set and shows its
summary. The pages tell it through signals when their data may have changed.

My classes are kept between runs (:mod:`gui.train.kept_classes`): once
`restore_autosaved` has named a folder, every pause in editing saves a snapshot there in
a worker thread (the window never waits), and `autosave` keeps the latest state when the
window closes.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine import datasets
from engine.collection import IMAGE_SIZE, MyClasses
from engine.datasets import Dataset
from gui.common.display_names import class_name, data_source_names
from gui.common.error_text import error_text
from gui.common.image_io import ink_pixmap
from gui.state import LabState
from gui.train import data_sources
from gui.train.bundled_pages import MnistPage, ShapesPage
from gui.train.data_sources import DataSourceError
from gui.train.dataset_widgets import (
    ERROR_COLOR,
    THUMB,
    THUMB_SCALE,
    PageStack,
    ThumbStrip,
    Wording,
    number,
    setup_table,
)
from gui.train.folder_page import FolderPage
from gui.train.my_classes_page import MyClassesPage

SOURCES = ("mnist", "shapes", "folder", "mine")
# Samples kept per class for the summary strip; it shows as many as fit.
SAMPLES_PER_CLASS = 8


class DatasetPanel(QWidget):
    """Pick the training data and look at it.

    Parameters
    ----------
    state : LabState
        The app's shared state (kept for the conventions; the data set is the panel's).

    Signals
    -------
    dataset_changed()
        The data `current_dataset` returns may differ now: another source, another
        shapes count, a folder loaded, or My classes edited.
    message(object)
        Something for the learner's status line (skipped files, import or save results)
        as a `Wording`: a function that words it in the current language, so that the
        status line can word it again when the language changes.

    The pages' controls and actions are reachable here too (``shapes_count``,
    ``load_folder``, ``class_table``, ``add_class``...), so callers need not know which
    page holds them.
    """

    dataset_changed = Signal()
    message = Signal(object)

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.test_fraction = 0.2
        self.seed = 0
        self._dataset: Dataset | None = None

        # The summary line's text, as a way to word it (again on a language change).
        self._summary_text: Wording = str
        self._summary_error = False

        self.source_combo = QComboBox()
        for key in SOURCES:
            self.source_combo.addItem("", key)
        self.source_label = QLabel()
        self.source_label.setBuddy(self.source_combo)

        self.mnist_page = MnistPage()
        self.shapes_page = ShapesPage()
        self.folder_page = FolderPage(self._split)
        self.mine_page = MyClassesPage(self._split)
        self.pages = PageStack()
        for page in (self.mnist_page, self.shapes_page, self.folder_page, self.mine_page):
            self.pages.addWidget(page)
        self._forward_page_members()

        self.summary = self._build_summary()

        top = QHBoxLayout()
        top.addWidget(self.source_label)
        top.addWidget(self.source_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(self.summary, 1)

        # A burst of spin-box steps regenerates the shapes once.
        self._shapes_timer = QTimer(self, singleShot=True, interval=300)
        self._shapes_timer.timeout.connect(self._on_shapes_settled)
        self.shapes_count.valueChanged.connect(self._on_shapes_count_changed)
        self.folder_page.changed.connect(lambda: self._page_changed("folder"))
        self.mine_page.edited.connect(lambda: self._page_changed("mine"))
        self.folder_page.message.connect(self.message)
        self.mine_page.message.connect(self.message)

        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        state.data_source_changed.connect(self._on_state_source_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._show_page(0)
        self.retranslate()
        self._refresh_summary()
        self._on_state_source_changed(state.data_source)

    def retranslate(self) -> None:
        # Item texts change in place: the chosen source stays chosen.
        for i, name in enumerate(data_source_names()[key] for key in SOURCES):
            self.source_combo.setItemText(i, name)
        self.source_combo.setToolTip(self.tr("Where the training images come from"))
        self.source_label.setText(self.tr("&Data:"))
        self.summary_table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("Train"), self.tr("Test"), self.tr("Samples")])
        self.summary_table.setToolTip(self.tr(
            "Each class with its number of training and test images and a few samples"))
        for row in range(self.summary_table.rowCount()):
            item = self.summary_table.item(row, 0)
            item.setText(self._class_display_name(item.data(Qt.ItemDataRole.UserRole)))
        self._show_summary_text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _forward_page_members(self) -> None:
        """The pages' widgets and actions under the names callers know them by."""
        self.shapes_count = self.shapes_page.shapes_count
        folder = self.folder_page
        self.folder_button, self.folder_label = folder.folder_button, folder.folder_label
        self.folder_progress, self.folder_cancel = folder.folder_progress, folder.folder_cancel
        self.progress_row = folder.progress_row
        self.load_folder, self.is_loading = folder.load_folder, folder.is_loading
        self._on_choose_folder, self._cancel_folder = folder._on_choose_folder, folder.cancel
        mine, classes, examples = self.mine_page, self.mine_page.class_list, self.mine_page.examples
        self.class_table, self.new_class_edit = classes.class_table, classes.new_class_edit
        self.add_class_button, self.rename_button = classes.add_class_button, classes.rename_button
        self.delete_class_button, self.readiness_label = (classes.delete_class_button,
                                                          classes.readiness_label)
        self.selected_class, self.select_class = classes.selected_class, classes.select_class
        self.add_class, self.delete_class = classes.add_class, classes.delete_class
        self.canvas, self.add_drawing_button = examples.canvas, examples.add_drawing_button
        self.clear_button, self.preview = examples.clear_button, examples.preview
        self.import_button, self.examples_title = examples.import_button, examples.examples_title
        self.examples_list = examples.examples_list
        self.delete_examples_action = examples.delete_examples_action
        self.delete_examples_button = examples.delete_examples_button
        self.add_drawing, self.import_files = examples.add_drawing, examples.import_files
        self.delete_selected_examples = examples.delete_selected_examples
        self._on_import_clicked = examples._on_import_clicked
        self.save_button, self.load_button = mine.save_button, mine.load_button
        self.save_collection, self.load_collection = mine.save_collection, mine.load_collection
        self.save_collection_dialog = mine.save_collection_dialog
        self.restore_autosaved = mine.restore_autosaved
        self._on_save_clicked, self._on_load_clicked = mine._on_save_clicked, mine._on_load_clicked
        store = mine.store
        self.has_unsaved_examples, self.autosave = store.has_unsaved_examples, store.autosave
        self._autosave_timer = store._autosave_timer

    @property
    def classes(self) -> MyClasses:
        """The learner's classes (edit them through the panel so it redraws)."""
        return self.mine_page.classes

    @property
    def autosave_folder(self) -> Path | None:
        """Where My classes are kept between runs (None: not kept; see
        `restore_autosaved`)."""
        return self.mine_page.store.autosave_folder

    @autosave_folder.setter
    def autosave_folder(self, folder: Path | None) -> None:
        self.mine_page.store.autosave_folder = folder

    @property
    def _autosave_worker(self):
        """The background autosave still running, if any."""
        return self.mine_page.store._autosave_worker

    def _split(self) -> tuple[float, int]:
        return self.test_fraction, self.seed

    def _page_changed(self, key: str) -> None:
        if self.source() == key:
            self._changed()

    def _build_summary(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.summary_table = QTableWidget(0, 4)
        setup_table(self.summary_table)
        self.summary_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary_table.setWordWrap(True)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary_table.verticalHeader().setDefaultSectionSize(THUMB + 6)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_table, 1)
        layout.addWidget(self.summary_label)
        layout.addStretch(0)
        return box

    # ------------------------------------------------------------------ source
    def source(self) -> str:
        """The current source: ``"mnist"``, ``"shapes"``, ``"folder"`` or ``"mine"``."""
        return self.source_combo.currentData()

    def set_source(self, key: str) -> None:
        if key not in SOURCES:
            raise ValueError(f"unknown data source {key!r}; valid: {', '.join(SOURCES)}")
        self.source_combo.setCurrentIndex(SOURCES.index(key))

    def _on_source_changed(self, index: int) -> None:
        self.state.set_data_source(SOURCES[index])
        self._show_page(index)
        self._changed()

    def _on_state_source_changed(self, key: str) -> None:
        if key != self.source():
            self.set_source(key)

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        mine = SOURCES[index] == "mine"
        self.summary.setVisible(not mine)
        # My classes fills the column; the other pages stay short above the table.
        self.layout().setStretchFactor(self.pages, 1 if mine else 0)
        if (SOURCES[index] == "folder" and self.folder_page.folder() is None
                and self.isVisible()):
            self.folder_button.setFocus()

    def _changed(self) -> None:
        """The data may differ: forget the cached set, redraw, tell the listeners."""
        self._dataset = None
        self._refresh_summary()
        self.dataset_changed.emit()

    # ------------------------------------------------------------------ the data set
    def current_dataset(self) -> Dataset:
        """The data set of the current source (cached until it changes).

        Raises
        ------
        DataSourceError
            The source is not ready (no folder chosen, still loading, too few classes or
            examples); the message tells the learner what to do.
        """
        if self._dataset is None:
            self._dataset = self._build_dataset()
        return self._dataset

    def _build_dataset(self) -> Dataset:
        source = self.source()
        if source == "mnist":
            return datasets.load("mnist")
        if source == "shapes":
            n = self.shapes_count.value()
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                return datasets.load("shapes", n_train=n, n_test=n // 5, seed=self.seed)
            finally:
                QApplication.restoreOverrideCursor()
        if source == "folder":
            return self.folder_page.dataset()
        return data_sources.collection_dataset(self.classes, self.test_fraction, self.seed)

    def planned_geometry(self) -> tuple[tuple[int, int, int] | None, int | None]:
        """(C, H, W) and the number of classes the current source's data will have, as
        far as known before it is ready (None where not: a folder not read yet)."""
        try:
            dataset = self.current_dataset()
        except ValueError:
            if self.source() == "mine":  # known before there are enough examples
                return (1, IMAGE_SIZE, IMAGE_SIZE), len(self.classes)
            return None, None
        return tuple(dataset.x_train.shape[1:]), len(dataset.class_names)

    def class_counts(self) -> list[tuple[str, int, int]]:
        """``(class name, training images, test images)`` as the table shows them; empty
        when the source is not ready."""
        try:
            data = self.current_dataset()
        except DataSourceError:
            return []
        train = np.bincount(data.y_train, minlength=data.num_classes)
        test = np.bincount(data.y_test, minlength=data.num_classes)
        return [(name, int(a), int(b))
                for name, a, b in zip(data.class_names, train, test, strict=True)]

    def _refresh_summary(self) -> None:
        if self.source() == "mine":
            return
        table = self.summary_table
        table.setRowCount(0)
        try:
            data = self.current_dataset()
        except DataSourceError as error:
            table.hide()
            if self.source() == "folder":  # worded from the folder's state when shown
                self._set_summary_text(self.folder_page.problem_text,
                                       error=self.folder_page.failed())
            else:
                self._set_summary_text(partial(error_text, error))
            return
        table.show()
        counts = self.class_counts()
        table.setRowCount(len(counts))
        for row, (name, train, test) in enumerate(counts):
            item = QTableWidgetItem(self._class_display_name(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            table.setItem(row, 0, item)
            for column, n in ((1, train), (2, test)):
                item = QTableWidgetItem(number(n))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
            samples = data.x_train[data.y_train == row][:SAMPLES_PER_CLASS, 0]
            table.setCellWidget(row, 3, ThumbStrip([ink_pixmap(s, THUMB_SCALE) for s in samples]))
        header = table.horizontalHeader()
        width = max(header.sectionSizeHint(0), table.sizeHintForColumn(0))
        header.resizeSection(0, min(width + 4, 96))
        n_train, n_test, n_classes = len(data.y_train), len(data.y_test), data.num_classes
        self._set_summary_text(lambda: self.tr(
            "{0} training and {1} test images in {2} classes.").format(
                number(n_train), number(n_test), n_classes))

    def _class_display_name(self, name: str) -> str:
        """A class name as the table shows it: the generated shapes' names are the app's
        and translated; MNIST's digits and a folder's names are shown as they are."""
        if self.source() == "shapes":
            return class_name(name)
        return name

    def _set_summary_text(self, render: Wording, error: bool = False) -> None:
        self._summary_text, self._summary_error = render, error
        self._show_summary_text()

    def _show_summary_text(self) -> None:
        self.summary_label.setText(self._summary_text())
        self.summary_label.setStyleSheet(f"color: {ERROR_COLOR};" if self._summary_error
                                         else "")

    # ------------------------------------------------------------------ shapes
    def _on_shapes_count_changed(self, _value: int) -> None:
        if self.source() == "shapes":
            self._dataset = None  # current_dataset must not hand out the old count
            self._shapes_timer.start()

    def _on_shapes_settled(self) -> None:
        if self.source() == "shapes":
            self._refresh_summary()
            self.dataset_changed.emit()

    def shutdown(self) -> None:
        """Stop any folder still being read and wait for it, and for a background autosave
        (call when the window closes)."""
        self.mine_page.store.shutdown()
        self.folder_page.shutdown()
