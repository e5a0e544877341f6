"""The My classes source: the learner makes classes and fills them with drawings or
imported pictures, and saves or loads them as a collection folder."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.collection import MyClasses
from engine.datasets import split_counts
from gui.common import file_dialogs
from gui.common.draw_canvas import DrawCanvas
from gui.common.image_io import ImageLoadError, ink_pixmap, supported_suffixes
from gui.common.widgets import bold_label, reserve_lines, thumbnail_list
from gui.train import data_sources
from gui.train.data_sources import DataSourceError, describe
from gui.train.dataset_widgets import (
    THUMB,
    THUMB_SCALE,
    number,
    quiet,
    setup_table,
    table_height,
)
from gui.train.kept_classes import KeptClasses

CANVAS_SIDE = 180


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
    message(str)
        Import, save and load results, bad names, why the classes could not be kept.
    """

    edited = Signal()
    message = Signal(str)

    def __init__(self, split: Callable[[], tuple[float, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._split = split
        #: The classes and whether they are saved and kept between runs.
        self.store = KeptClasses(self)
        self.store.message.connect(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)

        # Classes
        self.class_table = QTableWidget(0, 4)
        self.class_table.setHorizontalHeaderLabels([
            QCoreApplication.translate("DatasetPanel", "Class"),
            QCoreApplication.translate("DatasetPanel", "Examples"),
            QCoreApplication.translate("DatasetPanel", "Train"),
            QCoreApplication.translate("DatasetPanel", "Test")])
        self.class_table.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Your classes. Select one to draw or import examples into it; double-click a "
            "name (or press F2) to rename it."))
        setup_table(self.class_table)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.class_table.setFixedHeight(table_height(self.class_table, 4))
        self.class_table.itemSelectionChanged.connect(self._refresh_examples)
        self.class_table.itemChanged.connect(self._on_class_renamed)

        self.new_class_edit = QLineEdit()
        self.new_class_edit.setPlaceholderText(QCoreApplication.translate(
            "DatasetPanel", "New class name"))
        self.new_class_edit.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Type a name and press Enter to add a class"))
        self.new_class_edit.setMaxLength(data_sources.MAX_NAME_LENGTH)
        self.new_class_edit.returnPressed.connect(self._on_add_class)
        self.add_class_button = QToolButton(text=QCoreApplication.translate("DatasetPanel", "Add"))
        self.add_class_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Add a class with the name typed on the left"))
        self.add_class_button.clicked.connect(self._on_add_class)
        self.rename_button = QToolButton(text=QCoreApplication.translate("DatasetPanel", "Rename"))
        self.rename_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Rename the selected class (F2)"))
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_class_button = QToolButton(text=QCoreApplication.translate(
            "DatasetPanel", "Delete"))
        self.delete_class_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Delete the selected class with all its examples"))
        self.delete_class_button.clicked.connect(self._on_delete_class_clicked)
        class_row = QHBoxLayout()
        class_row.setSpacing(4)
        class_row.addWidget(self.new_class_edit, 1)
        class_row.addWidget(self.add_class_button)
        class_row.addWidget(self.rename_button)
        class_row.addWidget(self.delete_class_button)
        # Its text changes with every example added: the room it keeps holds the
        # canvas and "Add to …" still under the mouse.
        self.readiness_label = reserve_lines(quiet(), 3)

        # Drawing
        self.canvas = DrawCanvas(resolution=280, pen_width=20)
        self.canvas.setFixedSize(CANVAS_SIDE, CANVAS_SIDE)
        self.canvas.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Draw an example of the selected class: left button draws, right button "
            "erases. Then press “Add”."))
        self.canvas.drawn.connect(self._on_drawn)
        self.add_drawing_button = QPushButton()
        self.add_drawing_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_drawing_button.setDefault(False)
        self.add_drawing_button.clicked.connect(self.add_drawing)
        self.clear_button = QPushButton(QCoreApplication.translate("DatasetPanel", "Clear"))
        self.clear_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Wipe the drawing (Delete key on the canvas)"))
        self.clear_button.clicked.connect(self.canvas.clear)
        self.preview = QLabel()
        self.preview.setFixedSize(THUMB + 2, THUMB + 2)
        self.preview.setFrameShape(QFrame.Shape.Box)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "What the network will get: the drawing cropped, scaled into 20×20 and "
            "centred in 28×28, like the MNIST digits"))
        self.import_button = QPushButton(QCoreApplication.translate(
            "DatasetPanel", "Import pictures…"))
        self.import_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Add picture files to the selected class (each one is cropped, scaled and "
            "centred like a drawing)"))
        self.import_button.clicked.connect(self._on_import_clicked)
        side = QVBoxLayout()
        side.setSpacing(5)
        side.addWidget(self.add_drawing_button)
        side.addWidget(self.clear_button)
        side.addSpacing(4)
        side.addWidget(quiet(QCoreApplication.translate("DatasetPanel", "Network input:")))
        side.addWidget(self.preview)
        side.addStretch(1)
        side.addWidget(self.import_button)
        draw_row = QHBoxLayout()
        draw_row.setSpacing(8)
        draw_row.addWidget(self.canvas)
        draw_row.addLayout(side, 1)

        # Examples of the selected class
        self.examples_title = bold_label()
        self.examples_list = thumbnail_list(THUMB,
                                            QAbstractItemView.SelectionMode.ExtendedSelection)
        self.examples_list.setMinimumHeight(2 * (THUMB + 6) + 8)
        self.examples_list.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "The examples of the selected class. Select bad ones and press Delete."))
        self.examples_list.itemSelectionChanged.connect(self._update_buttons)
        self.delete_examples_action = QAction(QCoreApplication.translate(
            "DatasetPanel", "Delete"), self.examples_list)
        self.delete_examples_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_examples_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_examples_action.triggered.connect(self.delete_selected_examples)
        self.examples_list.addAction(self.delete_examples_action)
        self.examples_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_examples_button = QPushButton(QCoreApplication.translate(
            "DatasetPanel", "Delete selected"))
        self.delete_examples_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Remove the selected examples from the class (Delete key)"))
        self.delete_examples_button.clicked.connect(self.delete_selected_examples)
        examples_head = QHBoxLayout()
        examples_head.addWidget(self.examples_title, 1)
        examples_head.addWidget(self.delete_examples_button)

        # Files
        self.save_button = QPushButton(QCoreApplication.translate(
            "DatasetPanel", "Save collection…"))
        self.save_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Save all classes and examples to a folder (PNG pictures plus a list of the "
            "classes)"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.load_button = QPushButton(QCoreApplication.translate(
            "DatasetPanel", "Load collection…"))
        self.load_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Open a saved collection, or any folder with one subfolder of pictures per "
            "class; it replaces the classes shown here"))
        self.load_button.clicked.connect(self._on_load_clicked)
        files_row = QHBoxLayout()
        files_row.addWidget(self.save_button)
        files_row.addWidget(self.load_button)

        layout.addWidget(self.class_table)
        layout.addLayout(class_row)
        layout.addWidget(self.readiness_label)
        layout.addSpacing(2)
        layout.addLayout(draw_row)
        layout.addSpacing(2)
        layout.addLayout(examples_head)
        layout.addWidget(self.examples_list, 1)
        layout.addLayout(files_row)
        self._refresh_mine()

    @property
    def classes(self) -> MyClasses:
        """The learner's classes (edit them through the page so it redraws)."""
        return self.store.classes

    def selected_class(self) -> str | None:
        row = self.class_table.currentRow()
        names = self.classes.names
        return names[row] if 0 <= row < len(names) else None

    def select_class(self, name: str) -> None:
        names = self.classes.names
        if name in names:
            self.class_table.selectRow(names.index(name))

    def _mine_edited(self, select: str | None = None) -> None:
        self.store.edited()
        self._refresh_mine(select)
        self.edited.emit()

    def add_class(self, name: str) -> bool:
        """Add a class and select it; a bad name goes to `message`. Returns success."""
        try:
            name = self.classes.add_class(name)
        except ValueError as error:
            self.message.emit(describe(error))
            return False
        self._mine_edited(select=name)
        return True

    def delete_class(self, name: str) -> None:
        names = self.classes.names
        row = names.index(name)
        self.classes.remove_class(name)
        remaining = self.classes.names
        self._mine_edited(select=remaining[min(row, len(remaining) - 1)] if remaining else None)

    def add_drawing(self) -> bool:
        """Add the canvas drawing to the selected class and clear the canvas."""
        name = self.selected_class()
        if name is None:
            self.message.emit(QCoreApplication.translate(
                "DatasetPanel", "Add a class first, then draw examples of it."))
            return False
        ink = data_sources.to_training_image(self.canvas.image())
        if not ink.any():
            self.message.emit(QCoreApplication.translate(
                "DatasetPanel", "The canvas is empty: draw an example first."))
            return False
        self.classes.add_example(name, ink)
        self._mine_edited(select=name)
        self.canvas.clear()
        self.canvas.setFocus()
        return True

    def import_files(self, paths: list[str]) -> int:
        """Add picture files to the selected class; files that cannot be read are
        reported through `message` and the rest kept. Returns how many were added."""
        name = self.selected_class()
        if name is None:
            self.message.emit(QCoreApplication.translate(
                "DatasetPanel", "Add a class first, then import pictures into it."))
            return 0
        failures = []
        added = 0
        for path in paths:
            try:
                ink = data_sources.load_picture_as_example(path)
            except (ImageLoadError, DataSourceError) as error:
                failures.append(str(error))
                continue
            self.classes.add_example(name, ink)
            added += 1
        if added:
            self._mine_edited(select=name)
        if failures:
            self.message.emit(QCoreApplication.translate(
                "DatasetPanel",
                "Imported {0} of {1} pictures into “{2}”. Not imported: {3}").format(
                    added, len(paths), name, " ".join(failures[:3])
                    + (" …" if len(failures) > 3 else "")))
        elif added:
            self.message.emit(QCoreApplication.translate(
                "DatasetPanel", "Imported {0} pictures into “{1}”.").format(added, name))
        return added

    def delete_selected_examples(self) -> None:
        name = self.selected_class()
        rows = sorted((self.examples_list.row(item)
                       for item in self.examples_list.selectedItems()), reverse=True)
        if name is None or not rows:
            return
        for row in rows:
            self.classes.remove_example(name, row)
        self._mine_edited(select=name)

    def save_collection(self, folder: str) -> bool:
        try:
            data_sources.save_collection(self.classes, folder)
        except DataSourceError as error:
            self.message.emit(str(error))
            return False
        self.store.saved()
        self.message.emit(QCoreApplication.translate(
            "DatasetPanel", "Saved {0} classes with {1} examples to “{2}”.").format(
            len(self.classes), self.classes.total, folder))
        return True

    def load_collection(self, folder: str) -> bool:
        """Replace the classes with the collection in ``folder``; returns success."""
        try:
            loaded = data_sources.load_collection(folder)
        except DataSourceError as error:
            self.message.emit(str(error))
            return False
        self.store.replace(loaded)
        self._mine_edited(select=loaded.names[0] if loaded.names else None)
        self.store.loaded()
        text = QCoreApplication.translate(
            "DatasetPanel", "Loaded {0} classes with {1} examples.").format(
            len(loaded), loaded.total)
        if loaded.skipped:
            text += " " + QCoreApplication.translate(
                "DatasetPanel", "{0} file(s) could not be read: {1}").format(
                len(loaded.skipped), loaded.skipped[0].reason)
        self.message.emit(text)
        return True

    def restore_autosaved(self, folder) -> bool:
        """Keep My classes in ``folder`` from now on, and show the classes kept there by
        the previous run (if any). Returns True when classes were restored."""
        loaded = self.store.restore(folder)
        if loaded is None:
            return False
        self._refresh_mine(loaded.names[0] if loaded.names else None)
        self.edited.emit()
        return loaded.total > 0

    # ------------------------------------------------------------------ views
    def _refresh_mine(self, select: str | None = None) -> None:
        current = select if select is not None else self.selected_class()
        table = self.class_table
        counts = self.classes.counts()
        with QSignalBlocker(table):
            table.setRowCount(len(counts))
            for row, (name, n) in enumerate(counts.items()):
                item = QTableWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, 0, item)
                train, test = split_counts(n, self._split()[0], min_held=1)
                values = (n, train, test) if n >= 2 else (n, None, None)
                for column, value in enumerate(values, start=1):
                    cell = QTableWidgetItem("–" if value is None else number(value))
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(row, column, cell)
            names = list(counts)
            if current in names:
                table.selectRow(names.index(current))
            elif names:
                table.selectRow(0)
        problem = self.classes.readiness()
        if not counts:
            self.readiness_label.setText(QCoreApplication.translate(
                "DatasetPanel",
                "Start with a class: type its name (for example “cat”) and press Add. "
                "Each class needs at least 2 examples."))
        elif problem is None:
            self.readiness_label.setText(QCoreApplication.translate(
                "DatasetPanel",
                "Ready to train: {0} classes, {1} examples.").format(
                    len(self.classes), self.classes.total))
        else:
            self.readiness_label.setText(describe(problem))
        self._refresh_examples()

    def _refresh_examples(self) -> None:
        name = self.selected_class()
        self.examples_list.clear()
        if name is None:
            self.examples_title.setText(QCoreApplication.translate("DatasetPanel", "Examples"))
        else:
            examples = self.classes.examples(name)
            self.examples_title.setText(QCoreApplication.translate(
                "DatasetPanel", "Examples of “{0}”: {1}").format(
                self._elided(name, 150), len(examples)))
            for i, ink in enumerate(examples):
                item = QListWidgetItem(QIcon(ink_pixmap(ink, THUMB_SCALE)), "")
                item.setToolTip(QCoreApplication.translate(
                    "DatasetPanel", "Example {0}").format(i + 1))
                item.setSizeHint(QSize(THUMB + 6, THUMB + 6))
                self.examples_list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        name = self.selected_class()
        has = name is not None
        self.add_drawing_button.setText(
            QCoreApplication.translate("DatasetPanel", "Add to “{0}”").format(
                self._elided(name, 100)) if has
            else QCoreApplication.translate("DatasetPanel", "Add drawing"))
        self.add_drawing_button.setToolTip(
            QCoreApplication.translate(
                "DatasetPanel", "Add the drawing to the class “{0}” (Ctrl+Enter)").format(
                    name) if has
            else QCoreApplication.translate("DatasetPanel", "Add a class first"))
        for widget in (self.add_drawing_button, self.import_button, self.rename_button,
                       self.delete_class_button, self.canvas, self.clear_button):
            widget.setEnabled(has)
        self.delete_examples_button.setEnabled(bool(self.examples_list.selectedItems()))
        self.save_button.setEnabled(len(self.classes) > 0)

    def _elided(self, text: str, width: int) -> str:
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)

    def _on_drawn(self) -> None:
        ink = data_sources.to_training_image(self.canvas.image())
        self.preview.setPixmap(ink_pixmap(ink, THUMB_SCALE))

    def _on_add_class(self) -> None:
        if self.add_class(self.new_class_edit.text()):
            self.new_class_edit.clear()

    def _on_rename_clicked(self) -> None:
        row = self.class_table.currentRow()
        if row >= 0:
            self.class_table.setFocus()
            self.class_table.editItem(self.class_table.item(row, 0))

    def _on_class_renamed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        old = self.classes.names[item.row()]
        if item.text() == old:
            return
        try:
            new = self.classes.rename_class(old, item.text())
        except ValueError as error:
            self.message.emit(describe(error))
            new = old
        if new == old:
            with QSignalBlocker(self.class_table):
                item.setText(old)
            return
        self._mine_edited(select=new)

    def _on_delete_class_clicked(self) -> None:
        name = self.selected_class()
        if name is None:
            return
        n = len(self.classes.examples(name))
        if n and QMessageBox.question(
                self, QCoreApplication.translate("DatasetPanel", "Delete class"),
                QCoreApplication.translate(
                    "DatasetPanel", "Delete the class “{0}” and its {1} example(s)?").format(
                        name, n)
        ) != QMessageBox.StandardButton.Yes:
            return
        self.delete_class(name)

    def _on_import_clicked(self) -> None:
        patterns = " ".join(f"*.{s}" for s in supported_suffixes())
        paths = file_dialogs.open_files(self, QCoreApplication.translate(
            "DatasetPanel", "Import pictures"),
                                        QCoreApplication.translate(
                                            "DatasetPanel", "Pictures ({0})").format(patterns))
        if paths:
            self.import_files(paths)

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

