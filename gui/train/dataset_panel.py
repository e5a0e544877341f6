"""Choose what the network trains on, and see it: class names, counts and samples.

Four sources: the bundled MNIST digits, generated shapes, an image folder (one
subfolder per class) and **My classes**, where the learner makes classes and fills them
with drawings or imported pictures. Only the controls of the chosen source are shown.

My classes are kept between runs: once `restore_autosaved` has named a folder, every
pause in editing saves a snapshot there in a worker thread (the window never waits), and
`autosave` keeps the latest state when the window closes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import datasets, fileio
from engine.collection import IMAGE_SIZE, MyClasses
from engine.datasets import Dataset, split_counts
from gui.common import file_dialogs
from gui.common.draw_canvas import DrawCanvas
from gui.common.image_io import ImageLoadError, ink_pixmap, supported_suffixes
from gui.common.widgets import bold_label, reserve_lines, thumbnail_list
from gui.state import LabState
from gui.train import data_sources
from gui.train.data_sources import DataSourceError, LoadCancelled, describe
from gui.worker import Worker

SOURCES = ("mnist", "shapes", "folder", "mine")
THUMB_SCALE = 2
THUMB = 28 * THUMB_SCALE
#: Samples kept per class for the summary strip; it shows as many as fit.
SAMPLES_PER_CLASS = 8
SHAPES_DEFAULT, SHAPES_MIN, SHAPES_MAX, SHAPES_STEP = 3000, 600, 12000, 600
CANVAS_SIDE = 180
#: Milliseconds without an edit before My classes are kept for the next start.
AUTOSAVE_DELAY_MS = 5000
ERROR_COLOR = "#b2182b"


class _PageStack(QWidget):
    """One page per source, only the current one shown.

    Unlike QStackedWidget, it is as tall as the current page: hidden pages take no
    room, so the short pages leave the space to the class table below them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = -1

    def addWidget(self, page: QWidget) -> None:  # noqa: N802 — QStackedWidget's API
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(len(self._pages) - 1 == self._current)
        if self._current < 0:
            self.setCurrentIndex(0)

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]

    def currentIndex(self) -> int:  # noqa: N802
        return self._current

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self._pages[self._current] if self._pages else None

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self._current = index
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)


class ThumbStrip(QWidget):
    """A row of thumbnails that shows as many whole ones as fit its width."""

    GAP = 3

    def __init__(self, pixmaps: list[QPixmap], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmaps = pixmaps
        self.setMinimumSize(THUMB, THUMB)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(len(self._pixmaps) * (THUMB + self.GAP), THUMB)

    def visible_count(self) -> int:
        return min(len(self._pixmaps), max(1, (self.width() + self.GAP) // (THUMB + self.GAP)))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        top = (self.height() - THUMB) // 2
        for i in range(self.visible_count()):
            painter.drawPixmap(i * (THUMB + self.GAP), top, self._pixmaps[i])
        painter.end()


class _PathLabel(QLabel):
    """Shows a path elided in the middle to fit, the whole path in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.set_path(text)

    def set_path(self, text: str, tooltip: str | None = None) -> None:
        self._full = text
        self.setToolTip(tooltip if tooltip is not None else text)
        self._elide()

    def path(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   max(self.width(), 40)))


def _quiet(text: str = "") -> QLabel:
    """A small, muted, wrapping label for explanations and hints."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def _number(n: int) -> str:
    return QLocale().toString(int(n))


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
    message(str)
        Something for the learner's status line: skipped files, import or save results.
    """

    dataset_changed = Signal()
    message = Signal(str)

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.test_fraction = 0.2
        self.seed = 0
        self._dataset: Dataset | None = None
        self._classes = MyClasses()
        self._unsaved = False            # edits not saved to a folder of the learner's
        self._autosaved = True           # the autosave folder holds the classes shown
        #: Where My classes are kept between runs (None: not kept; see `restore_autosaved`).
        self.autosave_folder: Path | None = None
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self._autosave_in_background)
        self._autosave_worker: Worker | None = None
        self._edits = 0  # tells a background autosave whether what it saved is current
        self._folder: str | None = None
        self._folder_dataset: data_sources.ImageFolderDataset | None = None
        self._folder_error: str | None = None
        self._worker: Worker | None = None
        self._workers: set[Worker] = set()  # loads still running, kept alive until done

        self.source_combo = QComboBox()
        for key, text in zip(SOURCES, (self.tr("MNIST digits (bundled)"),
                                       self.tr("Shapes (generated)"),
                                       self.tr("Image folder…"),
                                       self.tr("My classes")), strict=True):
            self.source_combo.addItem(text, key)
        self.source_combo.setToolTip(self.tr("Where the training images come from"))
        source_label = QLabel(self.tr("&Data:"))
        source_label.setBuddy(self.source_combo)

        self.pages = _PageStack()
        self.pages.addWidget(self._build_mnist_page())
        self.pages.addWidget(self._build_shapes_page())
        self.pages.addWidget(self._build_folder_page())
        self.pages.addWidget(self._build_mine_page())

        self.summary = self._build_summary()

        top = QHBoxLayout()
        top.addWidget(source_label)
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

        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        state.data_source_changed.connect(self._on_state_source_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._show_page(0)
        self._refresh_summary()
        self._refresh_mine()
        self._on_state_source_changed(state.data_source)

    # ------------------------------------------------------------------ pages
    def _build_mnist_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_quiet(self.tr(
            "5,000 real handwritten digits (28×28 pixels), 500 of each digit; 4,000 for "
            "training and 1,000 held out for testing.")))
        return page

    def _build_shapes_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_quiet(self.tr(
            "Outlines of circles, squares, triangles, crosses and lines, drawn at random "
            "sizes, positions and tilts, with some noise.")))
        self.shapes_count = QSpinBox(minimum=SHAPES_MIN, maximum=SHAPES_MAX,
                                     singleStep=SHAPES_STEP, value=SHAPES_DEFAULT)
        self.shapes_count.setGroupSeparatorShown(True)
        self.shapes_count.setKeyboardTracking(False)
        self.shapes_count.setToolTip(self.tr(
            "How many shapes to train on; a fifth as many more are made for testing. More "
            "images train better but slower."))
        self.shapes_count.valueChanged.connect(self._on_shapes_count_changed)
        label = QLabel(self.tr("&Training images:"))
        label.setBuddy(self.shapes_count)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.shapes_count)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _build_folder_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_quiet(self.tr(
            "A folder with one subfolder per class; the subfolder names become the class "
            "names. Each picture is cropped, scaled and centred like an MNIST digit.")))
        self.folder_button = QPushButton(self.tr("Choose &folder…"))
        self.folder_button.setToolTip(self.tr(
            "Pick the folder that holds one subfolder of pictures per class"))
        self.folder_button.clicked.connect(self._on_choose_folder)
        self.folder_label = _PathLabel(self.tr("No folder chosen"))
        row = QHBoxLayout()
        row.addWidget(self.folder_button)
        row.addWidget(self.folder_label, 1)
        layout.addLayout(row)

        self.folder_progress = QProgressBar()
        self.folder_progress.setToolTip(self.tr("Pictures read so far"))
        self.folder_cancel = QPushButton(self.tr("Cancel"))
        self.folder_cancel.setToolTip(self.tr("Stop reading the folder"))
        self.folder_cancel.clicked.connect(self._cancel_folder)
        self.progress_row = QWidget()
        progress = QHBoxLayout(self.progress_row)
        progress.setContentsMargins(0, 0, 0, 0)
        progress.addWidget(self.folder_progress, 1)
        progress.addWidget(self.folder_cancel)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        return page

    def _build_mine_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)

        # Classes
        self.class_table = QTableWidget(0, 4)
        self.class_table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("Examples"), self.tr("Train"), self.tr("Test")])
        self.class_table.setToolTip(self.tr(
            "Your classes. Select one to draw or import examples into it; double-click a "
            "name (or press F2) to rename it."))
        self._setup_table(self.class_table)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.class_table.setFixedHeight(self._table_height(self.class_table, 4))
        self.class_table.itemSelectionChanged.connect(self._on_class_selected)
        self.class_table.itemChanged.connect(self._on_class_renamed)

        self.new_class_edit = QLineEdit()
        self.new_class_edit.setPlaceholderText(self.tr("New class name"))
        self.new_class_edit.setToolTip(self.tr("Type a name and press Enter to add a class"))
        self.new_class_edit.setMaxLength(data_sources.MAX_NAME_LENGTH)
        self.new_class_edit.returnPressed.connect(self._on_add_class)
        self.add_class_button = QToolButton(text=self.tr("Add"))
        self.add_class_button.setToolTip(self.tr("Add a class with the name typed on the left"))
        self.add_class_button.clicked.connect(self._on_add_class)
        self.rename_button = QToolButton(text=self.tr("Rename"))
        self.rename_button.setToolTip(self.tr("Rename the selected class (F2)"))
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_class_button = QToolButton(text=self.tr("Delete"))
        self.delete_class_button.setToolTip(self.tr(
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
        self.readiness_label = reserve_lines(_quiet(), 3)

        # Drawing
        self.canvas = DrawCanvas(resolution=280, pen_width=20)
        self.canvas.setFixedSize(CANVAS_SIDE, CANVAS_SIDE)
        self.canvas.setToolTip(self.tr(
            "Draw an example of the selected class: left button draws, right button "
            "erases. Then press “Add”."))
        self.canvas.drawn.connect(self._on_drawn)
        self.add_drawing_button = QPushButton()
        self.add_drawing_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.add_drawing_button.setDefault(False)
        self.add_drawing_button.clicked.connect(self.add_drawing)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Wipe the drawing (Delete key on the canvas)"))
        self.clear_button.clicked.connect(self.canvas.clear)
        self.preview = QLabel()
        self.preview.setFixedSize(THUMB + 2, THUMB + 2)
        self.preview.setFrameShape(QFrame.Shape.Box)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setToolTip(self.tr(
            "What the network will get: the drawing cropped, scaled into 20×20 and "
            "centred in 28×28, like the MNIST digits"))
        self.import_button = QPushButton(self.tr("Import pictures…"))
        self.import_button.setToolTip(self.tr(
            "Add picture files to the selected class (each one is cropped, scaled and "
            "centred like a drawing)"))
        self.import_button.clicked.connect(self._on_import_clicked)
        side = QVBoxLayout()
        side.setSpacing(5)
        side.addWidget(self.add_drawing_button)
        side.addWidget(self.clear_button)
        side.addSpacing(4)
        side.addWidget(_quiet(self.tr("Network input:")))
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
        self.examples_list.setToolTip(self.tr(
            "The examples of the selected class. Select bad ones and press Delete."))
        self.examples_list.itemSelectionChanged.connect(self._update_buttons)
        self.delete_examples_action = QAction(self.tr("Delete"), self.examples_list)
        self.delete_examples_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_examples_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_examples_action.triggered.connect(self.delete_selected_examples)
        self.examples_list.addAction(self.delete_examples_action)
        self.examples_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_examples_button = QPushButton(self.tr("Delete selected"))
        self.delete_examples_button.setToolTip(self.tr(
            "Remove the selected examples from the class (Delete key)"))
        self.delete_examples_button.clicked.connect(self.delete_selected_examples)
        examples_head = QHBoxLayout()
        examples_head.addWidget(self.examples_title, 1)
        examples_head.addWidget(self.delete_examples_button)

        # Files
        self.save_button = QPushButton(self.tr("Save collection…"))
        self.save_button.setToolTip(self.tr(
            "Save all classes and examples to a folder (PNG pictures plus a list of the "
            "classes)"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.load_button = QPushButton(self.tr("Load collection…"))
        self.load_button.setToolTip(self.tr(
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
        return page

    def _build_summary(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.summary_table = QTableWidget(0, 4)
        self.summary_table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("Train"), self.tr("Test"), self.tr("Samples")])
        self.summary_table.setToolTip(self.tr(
            "Each class with its number of training and test images and a few samples"))
        self._setup_table(self.summary_table)
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

    @staticmethod
    def _setup_table(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    @staticmethod
    def _table_height(table: QTableWidget, rows: int) -> int:
        row = table.verticalHeader().defaultSectionSize()
        return table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth()

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
        if SOURCES[index] == "folder" and self._folder is None and self.isVisible():
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
            if self._worker is not None:
                raise DataSourceError(self.tr("The image folder is still being read…"))
            if self._folder_error is not None:
                raise DataSourceError(self._folder_error)
            if self._folder_dataset is None:
                raise DataSourceError(self.tr(
                    "Choose a folder with one subfolder of pictures per class."))
            return self._folder_dataset
        return data_sources.collection_dataset(self._classes, self.test_fraction, self.seed)

    def planned_geometry(self) -> tuple[tuple[int, int, int] | None, int | None]:
        """(C, H, W) and the number of classes the current source's data will have, as
        far as known before it is ready (None where not: a folder not read yet)."""
        try:
            dataset = self.current_dataset()
        except ValueError:
            if self.source() == "mine":  # known before there are enough examples
                return (1, IMAGE_SIZE, IMAGE_SIZE), len(self._classes)
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
            self._set_summary_text(str(error), error=self.source() == "folder"
                                   and self._folder_error is not None)
            return
        table.show()
        counts = self.class_counts()
        table.setRowCount(len(counts))
        for row, (name, train, test) in enumerate(counts):
            table.setItem(row, 0, QTableWidgetItem(name))
            for column, n in ((1, train), (2, test)):
                item = QTableWidgetItem(_number(n))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
            samples = data.x_train[data.y_train == row][:SAMPLES_PER_CLASS, 0]
            table.setCellWidget(row, 3, ThumbStrip([ink_pixmap(s, THUMB_SCALE) for s in samples]))
        header = table.horizontalHeader()
        width = max(header.sectionSizeHint(0), table.sizeHintForColumn(0))
        header.resizeSection(0, min(width + 4, 96))
        self._set_summary_text(self.tr(
            "{0} training and {1} test images in {2} classes.").format(
                _number(len(data.y_train)), _number(len(data.y_test)), data.num_classes))

    def _set_summary_text(self, text: str, error: bool = False) -> None:
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")

    # ------------------------------------------------------------------ shapes
    def _on_shapes_count_changed(self, _value: int) -> None:
        if self.source() == "shapes":
            self._dataset = None  # current_dataset must not hand out the old count
            self._shapes_timer.start()

    def _on_shapes_settled(self) -> None:
        if self.source() == "shapes":
            self._refresh_summary()
            self.dataset_changed.emit()

    # ------------------------------------------------------------------ image folder
    def _on_choose_folder(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Choose an image folder"),
                                              self._folder)
        if folder:
            self.load_folder(folder)

    def load_folder(self, folder: str) -> None:
        """Start reading ``folder`` in a worker thread; `dataset_changed` follows when it
        is read (or failed), and `message` lists files that were left out."""
        self._cancel_folder()
        self._folder = str(folder)
        self._folder_dataset, self._folder_error = None, None
        self.folder_label.set_path(self._folder)
        fraction, seed = self.test_fraction, self.seed

        def job(report, should_stop):
            return data_sources.load_image_folder(
                folder, fraction, seed, progress=lambda done, total: report((done, total)),
                should_stop=should_stop)

        worker = Worker(job)
        worker.progressed.connect(lambda done, w=worker: self._on_folder_progressed(w, done))
        worker.succeeded.connect(lambda result, w=worker: self._on_folder_loaded(w, result))
        worker.failed.connect(lambda error, w=worker: self._on_folder_failed(w, error))
        worker.finished.connect(lambda w=worker: self._on_worker_finished(w))
        self._worker = worker
        self._workers.add(worker)
        self.folder_progress.setRange(0, 0)
        self.progress_row.show()
        self.folder_button.setEnabled(False)
        worker.start()
        if self.source() == "folder":
            self._changed()

    def is_loading(self) -> bool:
        """True while an image folder is being read."""
        return self._worker is not None

    def _on_folder_progressed(self, worker: Worker, done_total) -> None:
        if worker is self._worker:
            done, total = done_total
            self.folder_progress.setRange(0, max(total, 1))
            self.folder_progress.setValue(done)

    def _on_folder_loaded(self, worker: Worker, result) -> None:
        if worker is not self._worker:
            return  # a load the learner replaced or cancelled
        self._worker = None
        self._folder_dataset = result
        self._end_folder_load()
        if result.skipped:
            names = "\n".join(s.reason for s in result.skipped[:20])
            self.folder_label.set_path(self._folder, self._folder + "\n\n" + names)
            self.message.emit(self.tr(
                "{0} file(s) in the folder could not be read and were left out; the "
                "first: {1}").format(len(result.skipped), result.skipped[0].reason))
        else:
            self.message.emit(self.tr("Read {0} pictures in {1} classes.").format(
                _number(len(result.y_train) + len(result.y_test)), result.num_classes))
        if self.source() == "folder":
            self._changed()

    def _on_folder_failed(self, worker: Worker, error: Exception) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self._end_folder_load()
        if isinstance(error, LoadCancelled):
            self._folder_error = str(error)
        elif isinstance(error, (DataSourceError, OSError)):
            self._folder_error = str(error)
            self.message.emit(self._folder_error)
        else:  # a bug: say so rather than hide it
            self._folder_error = self.tr("Reading the folder failed: {0}").format(error)
            self.message.emit(self._folder_error)
        if self.source() == "folder":
            self._changed()

    def _end_folder_load(self) -> None:
        self.progress_row.hide()
        self.folder_button.setEnabled(True)

    def _on_worker_finished(self, worker: Worker) -> None:
        self._workers.discard(worker)
        worker.deleteLater()

    def _cancel_folder(self) -> None:
        worker = self._worker
        if worker is None:
            return
        worker.stop()
        self._worker = None
        self._folder_error = self.tr("Reading the folder was cancelled.")
        self._end_folder_load()
        if self.source() == "folder":
            self._changed()

    def shutdown(self) -> None:
        """Stop any folder still being read and wait for it, and for a background autosave
        (call when the window closes)."""
        self._autosave_timer.stop()
        self._wait_for_autosave()
        self._worker = None
        for worker in list(self._workers):
            worker.stop_and_wait()
        self._workers.clear()

    # ------------------------------------------------------------------ my classes
    @property
    def classes(self) -> MyClasses:
        """The learner's classes (edit them through the panel so it redraws)."""
        return self._classes

    def selected_class(self) -> str | None:
        row = self.class_table.currentRow()
        names = self._classes.names
        return names[row] if 0 <= row < len(names) else None

    def select_class(self, name: str) -> None:
        names = self._classes.names
        if name in names:
            self.class_table.selectRow(names.index(name))

    def _mine_edited(self, select: str | None = None) -> None:
        self._unsaved = True
        self._autosaved = False
        self._edits += 1
        if self.autosave_folder is not None:
            self._autosave_timer.start()
        self._refresh_mine(select)
        if self.source() == "mine":
            self._changed()

    def add_class(self, name: str) -> bool:
        """Add a class and select it; a bad name goes to `message`. Returns success."""
        try:
            name = self._classes.add_class(name)
        except ValueError as error:
            self.message.emit(describe(error))
            return False
        self._mine_edited(select=name)
        return True

    def delete_class(self, name: str) -> None:
        names = self._classes.names
        row = names.index(name)
        self._classes.remove_class(name)
        remaining = self._classes.names
        self._mine_edited(select=remaining[min(row, len(remaining) - 1)] if remaining else None)

    def add_drawing(self) -> bool:
        """Add the canvas drawing to the selected class and clear the canvas."""
        name = self.selected_class()
        if name is None:
            self.message.emit(self.tr("Add a class first, then draw examples of it."))
            return False
        ink = data_sources.to_training_image(self.canvas.image())
        if not ink.any():
            self.message.emit(self.tr("The canvas is empty: draw an example first."))
            return False
        self._classes.add_example(name, ink)
        self._mine_edited(select=name)
        self.canvas.clear()
        self.canvas.setFocus()
        return True

    def import_files(self, paths: list[str]) -> int:
        """Add picture files to the selected class; files that cannot be read are
        reported through `message` and the rest kept. Returns how many were added."""
        name = self.selected_class()
        if name is None:
            self.message.emit(self.tr("Add a class first, then import pictures into it."))
            return 0
        failures = []
        added = 0
        for path in paths:
            try:
                ink = data_sources.load_picture_as_example(path)
            except (ImageLoadError, DataSourceError) as error:
                failures.append(str(error))
                continue
            self._classes.add_example(name, ink)
            added += 1
        if added:
            self._mine_edited(select=name)
        if failures:
            self.message.emit(self.tr(
                "Imported {0} of {1} pictures into “{2}”. Not imported: {3}").format(
                    added, len(paths), name, " ".join(failures[:3])
                    + (" …" if len(failures) > 3 else "")))
        elif added:
            self.message.emit(self.tr("Imported {0} pictures into “{1}”.").format(added, name))
        return added

    def delete_selected_examples(self) -> None:
        name = self.selected_class()
        rows = sorted((self.examples_list.row(item)
                       for item in self.examples_list.selectedItems()), reverse=True)
        if name is None or not rows:
            return
        for row in rows:
            self._classes.remove_example(name, row)
        self._mine_edited(select=name)

    def save_collection(self, folder: str) -> bool:
        try:
            data_sources.save_collection(self._classes, folder)
        except DataSourceError as error:
            self.message.emit(str(error))
            return False
        self._unsaved = False
        if not self._autosaved and self.autosave_folder is not None:
            self._autosave_timer.start()
        self.message.emit(self.tr("Saved {0} classes with {1} examples to “{2}”.").format(
            len(self._classes), self._classes.total, folder))
        return True

    def load_collection(self, folder: str) -> bool:
        """Replace the classes with the collection in ``folder``; returns success."""
        try:
            loaded = data_sources.load_collection(folder)
        except DataSourceError as error:
            self.message.emit(str(error))
            return False
        self._classes = loaded
        self._mine_edited(select=loaded.names[0] if loaded.names else None)
        self._unsaved = False
        text = self.tr("Loaded {0} classes with {1} examples.").format(
            len(loaded), loaded.total)
        if loaded.skipped:
            text += " " + self.tr("{0} file(s) could not be read: {1}").format(
                len(loaded.skipped), loaded.skipped[0].reason)
        self.message.emit(text)
        return True

    # --- my classes: kept between runs --------------------------------------------------
    def has_unsaved_examples(self) -> bool:
        """True when closing now would lose examples: the classes hold examples that are
        neither in a folder the learner saved nor kept in the autosave folder."""
        return self._classes.total > 0 and self._unsaved and not self._autosaved

    def autosave(self) -> bool:
        """Keep the classes in `autosave_folder` for the next start, now (atomically,
        like any collection save; a background autosave still running is waited for).
        Returns True when they are kept, False when there is no autosave folder or
        saving failed (the message says why)."""
        self._autosave_timer.stop()
        self._wait_for_autosave()
        folder = self.autosave_folder
        if folder is None:
            return False
        if self._autosaved:
            return True
        try:
            folder.mkdir(parents=True, exist_ok=True)
            data_sources.save_collection(self._classes, folder)
        except (DataSourceError, OSError) as error:
            self.message.emit(self.tr("Your classes could not be kept for the next start: "
                                      "{0}").format(error))
            return False
        self._autosaved = True
        return True

    def _autosave_in_background(self) -> None:
        """Save a snapshot of the classes in a worker: encoding and flushing hundreds of
        pictures takes about a second, too long for the window to wait."""
        folder = self.autosave_folder
        if folder is None or self._autosaved:
            return
        if self._autosave_worker is not None:  # one save into the folder at a time
            self._autosave_timer.start()
            return
        snapshot, edits = self._classes.copy(), self._edits

        def job(_report, _should_stop):
            folder.mkdir(parents=True, exist_ok=True)
            data_sources.save_collection(snapshot, folder)

        worker = Worker(job, self)
        worker.succeeded.connect(lambda _result: self._on_autosaved(edits))
        worker.failed.connect(self._on_autosave_failed)
        worker.finished.connect(lambda w=worker: self._on_autosave_finished(w))
        self._autosave_worker = worker
        worker.start()

    def _on_autosaved(self, edits: int) -> None:
        if edits == self._edits:  # no edit since the snapshot was taken
            self._autosaved = True

    def _on_autosave_failed(self, error: Exception) -> None:
        self.message.emit(self.tr("Your classes could not be kept for the next start: "
                                  "{0}").format(error))

    def _on_autosave_finished(self, worker: Worker) -> None:
        if self._autosave_worker is worker:
            self._autosave_worker = None
        worker.deleteLater()

    def _wait_for_autosave(self) -> None:
        worker, self._autosave_worker = self._autosave_worker, None
        if worker is not None:
            worker.stop_and_wait()

    def restore_autosaved(self, folder) -> bool:
        """Keep My classes in ``folder`` from now on, and show the classes kept there by
        the previous run (if any). Returns True when classes were restored."""
        self.autosave_folder = Path(folder)
        fileio.remove_stale_temporaries(self.autosave_folder)
        if not (self.autosave_folder / data_sources.MANIFEST).is_file():
            return False
        try:
            loaded = data_sources.load_collection(self.autosave_folder)
        except DataSourceError as error:
            self.message.emit(self.tr("Your classes from the last run could not be read: "
                                      "{0}").format(error))
            return False
        self._classes = loaded
        self._refresh_mine(loaded.names[0] if loaded.names else None)
        self._autosaved = True
        # Kept, but never saved by the learner: Save collection… is still worth doing.
        self._unsaved = loaded.total > 0
        if self.source() == "mine":
            self._changed()
        return loaded.total > 0

    # --- my classes: views -------------------------------------------------------------
    def _refresh_mine(self, select: str | None = None) -> None:
        current = select if select is not None else self.selected_class()
        table = self.class_table
        counts = self._classes.counts()
        with QSignalBlocker(table):
            table.setRowCount(len(counts))
            for row, (name, n) in enumerate(counts.items()):
                item = QTableWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, 0, item)
                train, test = split_counts(n, self.test_fraction, min_held=1)
                values = (n, train, test) if n >= 2 else (n, None, None)
                for column, value in enumerate(values, start=1):
                    cell = QTableWidgetItem("–" if value is None else _number(value))
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(row, column, cell)
            names = list(counts)
            if current in names:
                table.selectRow(names.index(current))
            elif names:
                table.selectRow(0)
        problem = self._classes.readiness()
        if not counts:
            self.readiness_label.setText(self.tr(
                "Start with a class: type its name (for example “cat”) and press Add. "
                "Each class needs at least 2 examples."))
        elif problem is None:
            self.readiness_label.setText(self.tr(
                "Ready to train: {0} classes, {1} examples.").format(
                    len(self._classes), self._classes.total))
        else:
            self.readiness_label.setText(describe(problem))
        self._refresh_examples()

    def _refresh_examples(self) -> None:
        name = self.selected_class()
        self.examples_list.clear()
        if name is None:
            self.examples_title.setText(self.tr("Examples"))
        else:
            examples = self._classes.examples(name)
            self.examples_title.setText(self.tr("Examples of “{0}”: {1}").format(
                self._elided(name, 150), len(examples)))
            for i, ink in enumerate(examples):
                item = QListWidgetItem(QIcon(ink_pixmap(ink, THUMB_SCALE)), "")
                item.setToolTip(self.tr("Example {0}").format(i + 1))
                item.setSizeHint(QSize(THUMB + 6, THUMB + 6))
                self.examples_list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        name = self.selected_class()
        has = name is not None
        self.add_drawing_button.setText(
            self.tr("Add to “{0}”").format(self._elided(name, 100)) if has
            else self.tr("Add drawing"))
        self.add_drawing_button.setToolTip(
            self.tr("Add the drawing to the class “{0}” (Ctrl+Enter)").format(name) if has
            else self.tr("Add a class first"))
        for widget in (self.add_drawing_button, self.import_button, self.rename_button,
                       self.delete_class_button, self.canvas, self.clear_button):
            widget.setEnabled(has)
        self.delete_examples_button.setEnabled(bool(self.examples_list.selectedItems()))
        self.save_button.setEnabled(len(self._classes) > 0)

    def _elided(self, text: str, width: int) -> str:
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)

    def _on_class_selected(self) -> None:
        self._refresh_examples()

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
        old = self._classes.names[item.row()]
        if item.text() == old:
            return
        try:
            new = self._classes.rename_class(old, item.text())
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
        n = len(self._classes.examples(name))
        if n and QMessageBox.question(
                self, self.tr("Delete class"),
                self.tr("Delete the class “{0}” and its {1} example(s)?").format(name, n)
        ) != QMessageBox.StandardButton.Yes:
            return
        self.delete_class(name)

    def _on_import_clicked(self) -> None:
        patterns = " ".join(f"*.{s}" for s in supported_suffixes())
        paths = file_dialogs.open_files(self, self.tr("Import pictures"),
                                        self.tr("Pictures ({0})").format(patterns))
        if paths:
            self.import_files(paths)

    def _on_save_clicked(self) -> None:
        self.save_collection_dialog()

    def save_collection_dialog(self) -> bool:
        """Ask for a folder, then save; True when the collection was saved."""
        folder = file_dialogs.existing_folder(
            self, self.tr("Save the collection in a folder (new or empty)"))
        if not folder:
            return False
        return self.save_collection(folder)

    def _on_load_clicked(self) -> None:
        if self._unsaved and len(self._classes) and QMessageBox.question(
                self, self.tr("Load collection"),
                self.tr("Replace your current classes, which are not saved?")
        ) != QMessageBox.StandardButton.Yes:
            return
        folder = file_dialogs.existing_folder(self, self.tr("Open a saved collection"))
        if folder:
            self.load_collection(folder)

