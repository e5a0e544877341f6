"""My classes' examples: draw one on the canvas (with a preview of what the network
gets) or import picture files into the selected class, and look through and delete the
class's examples."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.common import file_dialogs
from gui.common.draw_canvas import DrawCanvas
from gui.common.image_io import ImageLoadError, ink_pixmap, supported_suffixes
from gui.common.widgets import bold_label, thumbnail_list
from gui.train import data_sources
from gui.train.data_sources import DataSourceError
from gui.train.dataset_widgets import THUMB, THUMB_SCALE, quiet
from gui.train.kept_classes import KeptClasses

CANVAS_SIDE = 180
# Pixels the examples' title may take with a class name in it, and the least of a name
# always shown: a longer name is cut (the tooltip and the table show it whole).
TITLE_WIDTH, MIN_NAME_WIDTH = 170, 30
# Files named in the message about pictures that could not be imported.
FAILURES_SHOWN = 3


class ExampleEditor(QWidget):
    """Add drawn or imported examples to one class, and delete bad ones.

    Parameters
    ----------
    store : KeptClasses
        The classes; this editor adds and removes their examples.

    Signals
    -------
    edited(object)
        Examples were added or removed; the name of their class.
    message(object)
        Why nothing was added, or what an import did: a `Wording` (a function that
        words it).
    """

    edited = Signal(object)
    message = Signal(object)

    def __init__(self, store: KeptClasses, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._name: str | None = None  # the class examples go to

        self.canvas = DrawCanvas(resolution=280, pen_width=20)
        self.canvas.setFixedSize(CANVAS_SIDE, CANVAS_SIDE)
        self.canvas.drawn.connect(self._on_drawn)
        self.add_drawing_button = QPushButton()
        self.add_drawing_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_drawing_button.setDefault(False)
        self.add_drawing_button.clicked.connect(self.add_drawing)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.canvas.clear)
        self.preview = QLabel()
        self.preview.setFixedSize(THUMB + 2, THUMB + 2)
        self.preview.setFrameShape(QFrame.Shape.Box)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label = quiet()
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._on_import_clicked)
        side = QVBoxLayout()
        side.setSpacing(5)
        side.addWidget(self.add_drawing_button)
        side.addWidget(self.clear_button)
        side.addSpacing(4)
        side.addWidget(self.preview_label)
        side.addWidget(self.preview)
        side.addStretch(1)
        side.addWidget(self.import_button)
        draw_row = QHBoxLayout()
        draw_row.setSpacing(8)
        draw_row.addWidget(self.canvas)
        draw_row.addLayout(side, 1)

        self.examples_title = bold_label()
        self.examples_list = thumbnail_list(THUMB,
                                            QAbstractItemView.SelectionMode.ExtendedSelection)
        self.examples_list.setMinimumHeight(2 * (THUMB + 6) + 8)
        self.examples_list.itemSelectionChanged.connect(self._update_buttons)
        self.delete_examples_action = QAction(self.examples_list)
        self.delete_examples_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_examples_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_examples_action.triggered.connect(self.delete_selected_examples)
        self.examples_list.addAction(self.delete_examples_action)
        self.examples_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_examples_button = QPushButton()
        self.delete_examples_button.clicked.connect(self.delete_selected_examples)
        examples_head = QHBoxLayout()
        examples_head.addWidget(self.examples_title, 1)
        examples_head.addWidget(self.delete_examples_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        layout.addLayout(draw_row)
        layout.addSpacing(2)
        layout.addLayout(examples_head)
        layout.addWidget(self.examples_list, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.canvas.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Draw an example of the selected class: left button draws, right button "
            "erases. Then press “Add”."))
        self.clear_button.setText(QCoreApplication.translate("DatasetPanel", "Clear"))
        self.clear_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Wipe the drawing (Delete key on the canvas)"))
        self.preview_label.setText(QCoreApplication.translate("DatasetPanel",
                                                              "Network input:"))
        self.preview.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "What the network will get: the drawing cropped, scaled into 20×20 and "
            "centred in 28×28, like the MNIST digits"))
        self.import_button.setText(QCoreApplication.translate(
            "DatasetPanel", "Import pictures…"))
        self.import_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "Add picture files to the selected class (each one is cropped, scaled and "
            "centred like a drawing)"))
        self.examples_list.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "The examples of the selected class. Select bad ones and press Delete."))
        self.delete_examples_action.setText(QCoreApplication.translate("DatasetPanel",
                                                                       "Delete"))
        self.delete_examples_button.setText(QCoreApplication.translate(
            "DatasetPanel", "Delete selected"))
        self.delete_examples_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Remove the selected examples from the class (Delete key)"))
        self._show_title()
        for i in range(self.examples_list.count()):
            self.examples_list.item(i).setToolTip(self._example_tip(i))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ view
    def show_class(self, name: str | None) -> None:
        """Show the examples of class ``name`` and add new ones to it (None: no class)."""
        self._name = name
        self.examples_list.clear()
        if name is not None:
            for i, ink in enumerate(self.store.classes.examples(name)):
                item = QListWidgetItem(QIcon(ink_pixmap(ink, THUMB_SCALE)), "")
                item.setToolTip(self._example_tip(i))
                item.setSizeHint(QSize(THUMB + 6, THUMB + 6))
                self.examples_list.addItem(item)
        self._show_title()
        self._update_buttons()

    def _example_tip(self, index: int) -> str:
        return QCoreApplication.translate("DatasetPanel", "Example {0}").format(index + 1)

    def _show_title(self) -> None:
        if self._name is None:
            self.examples_title.setText(QCoreApplication.translate("DatasetPanel", "Examples"))
        else:
            template = QCoreApplication.translate("DatasetPanel", "Examples of “{0}”: {1}")
            count = self.examples_list.count()
            self.examples_title.setText(template.format(
                self._elided(self._name, TITLE_WIDTH - self._width(template, "", count)),
                count))

    def _update_buttons(self) -> None:
        name = self._name
        has = name is not None
        if has:
            template = QCoreApplication.translate("DatasetPanel", "Add to “{0}”")
            # No wider than "Import pictures…" below it: the column keeps its width
            # whatever the class is called, in either language.
            room = self._width(self.import_button.text())
            self.add_drawing_button.setText(template.format(
                self._elided(name, room - self._width(template, ""))))
        else:
            self.add_drawing_button.setText(QCoreApplication.translate("DatasetPanel",
                                                                       "Add drawing"))
        self.add_drawing_button.setToolTip(
            QCoreApplication.translate(
                "DatasetPanel", "Add the drawing to the class “{0}” (Ctrl+Enter)").format(
                    name) if has
            else QCoreApplication.translate("DatasetPanel", "Add a class first"))
        for widget in (self.add_drawing_button, self.import_button, self.canvas,
                       self.clear_button):
            widget.setEnabled(has)
        self.delete_examples_button.setEnabled(bool(self.examples_list.selectedItems()))

    def _elided(self, text: str, width: int) -> str:
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                             max(width, MIN_NAME_WIDTH))

    def _width(self, template: str, *values) -> int:
        return self.fontMetrics().horizontalAdvance(template.format(*values))

    def _on_drawn(self) -> None:
        ink = data_sources.to_training_image(self.canvas.image())
        self.preview.setPixmap(ink_pixmap(ink, THUMB_SCALE))

    # ------------------------------------------------------------------ edits
    def add_drawing(self) -> bool:
        """Add the canvas drawing to the class shown and clear the canvas."""
        name = self._name
        if name is None:
            self.message.emit(lambda: QCoreApplication.translate(
                "DatasetPanel", "Add a class first, then draw examples of it."))
            return False
        ink = data_sources.to_training_image(self.canvas.image())
        if not ink.any():
            self.message.emit(lambda: QCoreApplication.translate(
                "DatasetPanel", "The canvas is empty: draw an example first."))
            return False
        self.store.classes.add_example(name, ink)
        self.edited.emit(name)
        self.canvas.clear()
        self.canvas.setFocus()
        return True

    def import_files(self, paths: list[str]) -> int:
        """Add picture files to the class shown; files that cannot be read are reported
        through `message` and the rest kept. Returns how many were added."""
        name = self._name
        if name is None:
            self.message.emit(lambda: QCoreApplication.translate(
                "DatasetPanel", "Add a class first, then import pictures into it."))
            return 0
        failures: list[Exception] = []
        added = 0
        for path in paths:
            try:
                ink = data_sources.load_picture_as_example(path)
            except (ImageLoadError, DataSourceError) as error:
                failures.append(error)
                continue
            self.store.classes.add_example(name, ink)
            added += 1
        if added:
            self.edited.emit(name)
        total = len(paths)
        if failures:
            def failed() -> str:
                reasons = " ".join(str(error) for error in failures[:FAILURES_SHOWN])
                if len(failures) > FAILURES_SHOWN:
                    reasons += " …"
                return self.tr("Imported {0} of %n picture(s) into “{1}”. Not imported: {2}",
                               "", total).format(added, name, reasons)
            self.message.emit(failed)
        elif added:
            self.message.emit(lambda: self.tr(
                "Imported %n picture(s) into “{0}”.", "", added).format(name))
        return added

    def delete_selected_examples(self) -> None:
        name = self._name
        rows = sorted((self.examples_list.row(item)
                       for item in self.examples_list.selectedItems()), reverse=True)
        if name is None or not rows:
            return
        for row in rows:
            self.store.classes.remove_example(name, row)
        self.edited.emit(name)

    def _on_import_clicked(self) -> None:
        patterns = " ".join(f"*.{s}" for s in supported_suffixes())
        paths = file_dialogs.open_files(
            self, QCoreApplication.translate("DatasetPanel", "Import pictures"),
            QCoreApplication.translate("DatasetPanel", "Pictures ({0})").format(patterns))
        if paths:
            self.import_files(paths)
