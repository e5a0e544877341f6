"""My classes' list of classes: the table with each class's counts, adding, renaming and
deleting classes, and what is still missing before training can start."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.datasets import split_counts
from gui.common.widgets import reserve_lines
from gui.train import data_sources
from gui.train.data_sources import describe
from gui.train.dataset_widgets import number, quiet, setup_table, table_height
from gui.train.kept_classes import KeptClasses


class ClassList(QWidget):
    """The learner's classes in a table, with a row to add, rename and delete them.

    Parameters
    ----------
    store : KeptClasses
        The classes; this list edits them.
    split : callable
        Returns ``(test fraction, seed)``: how the examples are shared out.

    Signals
    -------
    edited(object)
        The classes changed here; the name of the class to select (None: keep).
    selection_changed()
        Another class was selected.
    message(object)
        Why a name was refused: a `Wording` (a function that words it).
    """

    edited = Signal(object)
    selection_changed = Signal()
    message = Signal(object)

    def __init__(self, store: KeptClasses, split: Callable[[], tuple[float, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._split = split
        self.class_table = QTableWidget(0, 4)
        setup_table(self.class_table)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.class_table.itemSelectionChanged.connect(self._on_selection_changed)
        self.class_table.itemChanged.connect(self._on_class_renamed)

        self.new_class_edit = QLineEdit()
        self.new_class_edit.setMaxLength(data_sources.MAX_NAME_LENGTH)
        self.new_class_edit.returnPressed.connect(self._on_add_class)
        self.add_class_button = QToolButton()
        self.add_class_button.clicked.connect(self._on_add_class)
        self.rename_button = QToolButton()
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_class_button = QToolButton()
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        layout.addWidget(self.class_table)
        layout.addLayout(class_row)
        layout.addWidget(self.readiness_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.class_table.setHorizontalHeaderLabels([
            QCoreApplication.translate("DatasetPanel", "Class"),
            QCoreApplication.translate("DatasetPanel", "Examples"),
            QCoreApplication.translate("DatasetPanel", "Train"),
            QCoreApplication.translate("DatasetPanel", "Test")])
        self.class_table.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Your classes. Select one to draw or import examples into it; double-click a "
            "name (or press F2) to rename it."))
        self.new_class_edit.setPlaceholderText(QCoreApplication.translate(
            "DatasetPanel", "New class name"))
        self.new_class_edit.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Type a name and press Enter to add a class"))
        self.add_class_button.setText(QCoreApplication.translate("DatasetPanel", "Add"))
        self.add_class_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Add a class with the name typed on the left"))
        self.rename_button.setText(QCoreApplication.translate("DatasetPanel", "Rename"))
        self.rename_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Rename the selected class (F2)"))
        self.delete_class_button.setText(QCoreApplication.translate("DatasetPanel", "Delete"))
        self.delete_class_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Delete the selected class with all its examples"))
        # The header's height follows its text's font (CJK fonts are taller).
        self.class_table.setFixedHeight(table_height(self.class_table, 4))
        self._show_readiness()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ selection
    def selected_class(self) -> str | None:
        row = self.class_table.currentRow()
        names = self.store.classes.names
        return names[row] if 0 <= row < len(names) else None

    def select_class(self, name: str) -> None:
        names = self.store.classes.names
        if name in names:
            self.class_table.selectRow(names.index(name))

    def _on_selection_changed(self) -> None:
        self._update_buttons()
        self.selection_changed.emit()

    def _update_buttons(self) -> None:
        has = self.selected_class() is not None
        self.rename_button.setEnabled(has)
        self.delete_class_button.setEnabled(has)

    # ------------------------------------------------------------------ view
    def show_classes(self, select: str | None = None) -> None:
        """Fill the table from the classes and select ``select`` (default: the class
        selected now, else the first); the selection signal is held back."""
        current = select if select is not None else self.selected_class()
        table = self.class_table
        counts = self.store.classes.counts()
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
        self._update_buttons()
        self._show_readiness()

    def _show_readiness(self) -> None:
        classes = self.store.classes
        problem = classes.readiness()
        if not len(classes):
            text = QCoreApplication.translate(
                "DatasetPanel",
                "Start with a class: type its name (for example “cat”) and press Add. "
                "Each class needs at least 2 examples.")
        elif problem is None:
            text = QCoreApplication.translate(
                "DatasetPanel", "Ready to train: {0} classes, {1} examples.").format(
                    len(classes), classes.total)
        else:
            text = describe(problem)
        self.readiness_label.setText(text)

    # ------------------------------------------------------------------ edits
    def add_class(self, name: str) -> bool:
        """Add a class and select it; a bad name goes to `message`. Returns success."""
        try:
            name = self.store.classes.add_class(name)
        except ValueError as error:
            self.message.emit(partial(describe, error))
            return False
        self.edited.emit(name)
        return True

    def delete_class(self, name: str) -> None:
        classes = self.store.classes
        row = classes.names.index(name)
        classes.remove_class(name)
        remaining = classes.names
        self.edited.emit(remaining[min(row, len(remaining) - 1)] if remaining else None)

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
        classes = self.store.classes
        old = classes.names[item.row()]
        if item.text() == old:
            return
        try:
            new = classes.rename_class(old, item.text())
        except ValueError as error:
            self.message.emit(partial(describe, error))
            new = old
        if new == old:
            with QSignalBlocker(self.class_table):
                item.setText(old)
            return
        self.edited.emit(new)

    def _on_delete_class_clicked(self) -> None:
        name = self.selected_class()
        if name is None:
            return
        n = len(self.store.classes.examples(name))
        if n:
            # Worded apart from the call: lupdate misreads a tr nested in it.
            question = self.tr("Delete the class “{0}” and its %n example(s)?", "", n)
            title = QCoreApplication.translate("DatasetPanel", "Delete class")
            if QMessageBox.question(self, title, question.format(name)) \
                    != QMessageBox.StandardButton.Yes:
                return
        self.delete_class(name)
