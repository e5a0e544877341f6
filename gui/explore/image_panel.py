"""The explorer's image input: samples, files, clipboard, drops, drawing, pre-processing.

The panel changes only ``state.source`` (through ``set_source``) and ``state.preprocess``
(through ``set_preprocess``) and redraws from the state's signals, so a picture set by
anyone else (a lesson, the main window) shows here too.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QMimeData, QSignalBlocker, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import app_settings
from gui.common import file_dialogs
from gui.common.draw_canvas import DrawCanvas
from gui.common.image_io import (
    MAX_PIXELS,
    ImageLoadError,
    load_image,
    qimage_to_rgb,
    rgb_to_qimage,
    supported_suffixes,
)
from gui.common.preprocess import WORKING_SIZES
from gui.common.samples import CATEGORIES, SAMPLES, category_title, load_sample, sample

#: A picture whose long side exceeds this, arriving while the working size is "Original",
#: is worked on at `AUTO_WORKING_SIZE` instead: a phone photo at full size would make
#: every edit take seconds.
LARGE_SIDE = 1024
AUTO_WORKING_SIZE = 512
#: Pasted text longer than this is not a file path; do not stat it.
_MAX_PATH_TEXT = 4096

_THUMB = 22  # sample thumbnail size in the picker, in pixels

# Where a new picture came from: decides what the sample picker and draw mode show.
_SAMPLE, _FILE, _DRAWING = "sample", "file", "drawing"


class ImagePanel(QWidget):
    """Choose the input picture and how it is turned into numbers.

    Parameters
    ----------
    state : gui.state.LabState
        The shared state; the panel calls its ``set_source`` and ``set_preprocess``.

    Signals
    -------
    message(str)
        A problem the learner should read (a file that cannot be opened, an empty
        clipboard). The main window shows it; the panel never opens a dialog for it.
    numbers_requested()
        The learner asked to see the picture as a grid of numbers (the main window
        opens the Pixel values window).
    """

    message = Signal(str)
    numbers_requested = Signal()

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._origin: str | None = None      # set while this panel changes the source
        self._sample_key: str | None = None  # the sample on show, if the source is one
        self._build()
        self.setAcceptDrops(True)
        state.source_changed.connect(self._on_source_changed)
        state.image_changed.connect(self._on_image_changed)
        self._on_source_changed()
        self._on_image_changed()

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._build_source_box())
        layout.addWidget(self._build_preprocess_box())
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(280)

    def _build_source_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Input picture"))
        column = QVBoxLayout(box)
        column.setSpacing(6)

        self.sample_combo = QComboBox()
        self.sample_combo.setPlaceholderText(self.tr("Choose a sample…"))
        self.sample_combo.setToolTip(self.tr(
            "Built-in pictures: small patterns of 0s and 1s, handwritten digits from "
            "MNIST, generated shapes and photographs."))
        self.sample_combo.setMaxVisibleItems(24)
        self._fill_sample_combo()
        self.sample_combo.currentIndexChanged.connect(self._on_sample_chosen)
        sample_row = QHBoxLayout()
        sample_label = QLabel(self.tr("&Sample:"))
        sample_label.setBuddy(self.sample_combo)
        sample_row.addWidget(sample_label)
        sample_row.addWidget(self.sample_combo, 1)
        column.addLayout(sample_row)

        self.open_button = QPushButton(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr(
            "Open a picture file (PNG, JPEG, BMP, GIF, …). You can also drop a file onto "
            "the window."))
        self.open_button.clicked.connect(self.open_dialog)
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr(
            "Use the picture (or image file) on the clipboard."))
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.draw_button = QPushButton(self.tr("Draw"))
        self.draw_button.setCheckable(True)
        self.draw_button.setToolTip(self.tr(
            "Draw your own picture with the mouse; every view follows as you draw."))
        self.draw_button.toggled.connect(self._on_draw_toggled)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.paste_button, self.draw_button):
            buttons.addWidget(button)
        column.addLayout(buttons)

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setToolTip(self.tr(
            "The picture's size, and the size the filters work on (rows × columns)."))
        self.numbers_button = QToolButton()
        self.numbers_button.setText(self.tr("Numbers…"))
        self.numbers_button.setToolTip(self.tr("Show the picture as a grid of numbers"))
        self.numbers_button.clicked.connect(self.numbers_requested)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption, 1)
        caption_row.addWidget(self.numbers_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(caption_row)
        self.credit_label = QLabel()
        self.credit_label.setWordWrap(True)
        self.credit_label.setVisible(False)
        _make_quiet(self.credit_label)
        column.addWidget(self.credit_label)

        self.draw_area = self._build_draw_area()
        self.draw_area.setVisible(False)
        column.addWidget(self.draw_area)
        return box

    def _fill_sample_combo(self) -> None:
        model = QStandardItemModel(self.sample_combo)
        bold = QFont(self.sample_combo.font())
        bold.setBold(True)
        for category in CATEGORIES:
            if model.rowCount():
                model.appendRow(_separator_item())
            header = QStandardItem(category_title(category))
            header.setFont(bold)
            # Disabled rows are greyed out; a heading should read clearly all the same.
            header.setForeground(self.palette().windowText())
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading, not a choice
            model.appendRow(header)
            for entry in SAMPLES:
                if entry.category == category:
                    item = QStandardItem(_thumbnail(entry.key), entry.title)
                    item.setData(entry.key, Qt.ItemDataRole.UserRole)
                    if entry.credit:
                        item.setToolTip(entry.credit_text)
                    model.appendRow(item)
        self.sample_combo.setModel(model)
        self.sample_combo.setIconSize(QSize(_THUMB, _THUMB))
        self.sample_combo.setCurrentIndex(-1)

    def _build_draw_area(self) -> QWidget:
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(6)

        self.canvas = DrawCanvas()
        self.canvas.setFixedSize(200, 200)
        self.canvas.drawn.connect(self._on_drawn)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.canvas)
        centred.addStretch(1)
        column.addLayout(centred)

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(4, 60)
        self.pen_slider.setValue(round(self.canvas.pen_width))
        self.pen_slider.setToolTip(self.tr(
            "Brush width, in pixels of the {0}×{1} drawing.").format(*self.canvas.resolution))
        self.pen_value = QLabel()
        self.pen_value.setMinimumWidth(self.pen_value.fontMetrics().horizontalAdvance("00 px"))
        self.pen_slider.valueChanged.connect(self._on_pen_width_changed)
        self._on_pen_width_changed(self.pen_slider.value())
        brush_row = QHBoxLayout()
        brush_label = QLabel(self.tr("&Brush:"))
        brush_label.setBuddy(self.pen_slider)
        brush_row.addWidget(brush_label)
        brush_row.addWidget(self.pen_slider, 1)
        brush_row.addWidget(self.pen_value)
        column.addLayout(brush_row)

        self.eraser_button = QToolButton()
        self.eraser_button.setText(self.tr("Eraser"))
        self.eraser_button.setCheckable(True)
        self.eraser_button.setToolTip(self.tr(
            "When on, the left button erases. The right button always erases."))
        self.eraser_button.toggled.connect(self.canvas.set_eraser)
        self.undo_button = QToolButton()
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke (Ctrl+Z on the canvas)."))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.canvas.undo_available.connect(self.undo_button.setEnabled)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Start again on blank paper."))
        self.clear_button.clicked.connect(self.canvas.clear)
        tools = QHBoxLayout()
        for button in (self.eraser_button, self.undo_button, self.clear_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tools.addWidget(button)
        column.addLayout(tools)
        hint = QLabel(self.tr("Every view follows your drawing. The right button erases."))
        hint.setWordWrap(True)
        _make_quiet(hint)
        column.addWidget(hint)
        return area

    def _build_preprocess_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Pre-processing"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)

        self.gray_radio = QRadioButton(self.tr("&Grayscale"))
        self.gray_radio.setToolTip(self.tr(
            "One number per pixel: how dark it is (one input channel)."))
        self.rgb_radio = QRadioButton(self.tr("&RGB"))
        self.rgb_radio.setToolTip(self.tr(
            "Three numbers per pixel: red, green and blue (three input channels; each "
            "filter then has one slice per channel)."))
        self.color_group = QButtonGroup(self)
        self.color_group.addButton(self.gray_radio)
        self.color_group.addButton(self.rgb_radio)
        self.gray_radio.toggled.connect(self._on_color_toggled)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.gray_radio)
        colour_row.addWidget(self.rgb_radio)
        colour_row.addStretch(1)
        form.addRow(self.tr("Colour:"), colour_row)

        self.size_combo = QComboBox()
        for size in WORKING_SIZES:
            self._add_size_item(size)
        self.size_combo.setToolTip(self.tr(
            "Resize the picture so that its longer side has this many pixels (the aspect "
            "ratio is kept). Small sizes make single pixels and their numbers visible."))
        self.size_combo.currentIndexChanged.connect(self._on_size_chosen)
        self.size_result = QLabel()
        self.size_result.setToolTip(self.tr("The working image's size: rows × columns."))
        self.size_result.setMinimumWidth(
            self.size_result.fontMetrics().horizontalAdvance("→ 000×000"))
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_combo, 1)
        size_row.addWidget(self.size_result)
        size_label = QLabel(self.tr("&Working size:"))
        size_label.setBuddy(self.size_combo)
        form.addRow(size_label, size_row)

        self.invert_check = QCheckBox(self.tr("&Invert"))
        self.invert_check.setToolTip(self.tr("Swap dark and bright: every value v becomes 1 − v."))
        self.invert_check.toggled.connect(
            lambda on: self._state.set_preprocess(invert=bool(on)))
        form.addRow("", self.invert_check)

        self.binarize_check = QCheckBox(self.tr("Bi&narise"))
        self.binarize_check.setToolTip(self.tr(
            "Turn every value into 0 or 1: values at or above the threshold become 1."))
        self.binarize_check.toggled.connect(
            lambda on: self._state.set_preprocess(binarize=bool(on)))
        form.addRow("", self.binarize_check)

        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setRange(0, 100)
        self.threshold_slider.setToolTip(self.tr("Binarising threshold, from 0 to 1."))
        self.threshold_slider.valueChanged.connect(
            lambda v: self._set_threshold(v / 100, from_slider=True))
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setRange(0.0, 1.0)
        self.threshold_spin.setDecimals(2)
        self.threshold_spin.setSingleStep(0.05)
        self.threshold_spin.setToolTip(self.threshold_slider.toolTip())
        self.threshold_spin.valueChanged.connect(self._set_threshold)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(self.threshold_slider, 1)
        threshold_row.addWidget(self.threshold_spin)
        self.threshold_label = QLabel(self.tr("&Threshold:"))
        self.threshold_label.setBuddy(self.threshold_spin)
        form.addRow(self.threshold_label, threshold_row)

        self.values_hint = QLabel()
        self.values_hint.setWordWrap(True)
        _make_quiet(self.values_hint)
        form.addRow(self.values_hint)
        return box

    def _add_size_item(self, size: int | None) -> None:
        text = self.tr("Original") if size is None else self.tr("{0} px").format(size)
        self.size_combo.addItem(text, size)

    # ------------------------------------------------------------------ public API
    @property
    def last_folder(self) -> str:
        """The folder the Open dialog starts in: the app's one last folder."""
        return app_settings.current().last_folder()

    @last_folder.setter
    def last_folder(self, folder: str) -> None:
        if folder and Path(folder).is_dir():
            app_settings.current().remember_folder(folder)

    @property
    def draw_mode(self) -> bool:
        """Whether the drawing canvas is shown and the picture follows it."""
        return self.draw_button.isChecked()

    def set_draw_mode(self, on: bool) -> None:
        self.draw_button.setChecked(bool(on))

    def show_sample(self, key: str) -> bool:
        """Show built-in sample ``key`` (:data:`gui.common.samples.SAMPLES`); False on failure."""
        entry = sample(key)
        try:
            rgb = load_sample(key)
        except ImageLoadError as error:  # a bundled photo missing from a broken install
            self.message.emit(str(error))
            self._select_sample_item(self._sample_key)
            return False
        self._show(rgb, entry.title, _SAMPLE, key)
        return True

    def open_dialog(self) -> bool:
        """Ask for a picture file and show it (File ▸ Open); False if cancelled or refused."""
        patterns = " ".join(f"*.{suffix}" for suffix in supported_suffixes())
        filters = ";;".join([self.tr("Images ({0})").format(patterns),
                             self.tr("All files (*)")])
        path = file_dialogs.open_file(self, self.tr("Open image"), filters)
        if not path:
            return False
        return self.open_file(path)

    def open_file(self, path) -> bool:
        """Show the picture in file ``path``.

        On failure emits `message` with the reason, leaves the current picture as it was
        and returns False.
        """
        try:
            rgb = load_image(path)
        except ImageLoadError as error:
            self.message.emit(str(error))
            return False
        except (OSError, MemoryError) as error:
            self.message.emit(self.tr("“{0}” could not be opened: {1}").format(
                Path(path).name, error))
            return False
        self._show(rgb, Path(path).name, _FILE)
        app_settings.current().remember_folder(Path(path).resolve().parent)
        return True

    def paste_from_clipboard(self) -> bool:
        """Show the picture, or the image file, on the clipboard; False if there is none."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.accepts_mime(mime):
            self.message.emit(self.tr(
                "The clipboard holds no picture. Copy an image or an image file first."))
            return False
        return self._open_mime(mime, self.tr("pasted image"))

    def accepts_mime(self, mime: QMimeData) -> bool:
        """Whether dropping ``mime`` here could give a picture (for ``dragEnterEvent``)."""
        return bool(mime is not None and (mime.hasImage() or _local_paths(mime)))

    def drop_mime(self, mime: QMimeData) -> bool:
        """Show the file or picture in dropped ``mime``; False (and `message`) if impossible."""
        if not self.accepts_mime(mime):
            self.message.emit(self.tr("Only image files or pictures can be dropped here."))
            return False
        return self._open_mime(mime, self.tr("dropped image"))

    # ------------------------------------------------------------------ sources
    def _show(self, rgb: np.ndarray, name: str, origin: str, key: str | None = None) -> None:
        """Hand a new picture to the state, noting where it came from."""
        if origin != _DRAWING:
            self.set_draw_mode(False)
        if self._state.preprocess.size is None and max(rgb.shape[:2]) > LARGE_SIDE:
            self._state.set_preprocess(size=AUTO_WORKING_SIZE)
        self._origin, self._sample_key = origin, key
        try:
            self._state.set_source(rgb, name)
        finally:
            self._origin = None

    def _open_mime(self, mime: QMimeData, name: str) -> bool:
        paths = _local_paths(mime)
        if paths:
            return self.open_file(paths[0])
        image = mime.imageData()
        if isinstance(image, QPixmap):
            image = image.toImage()
        if not isinstance(image, QImage) or image.isNull():
            self.message.emit(self.tr("The picture could not be read."))
            return False
        if image.width() * image.height() > MAX_PIXELS:
            self.message.emit(self.tr(
                "The picture is too large ({0}×{1} pixels); the limit is {2} megapixels."
            ).format(image.width(), image.height(), MAX_PIXELS // 1_000_000))
            return False
        self._show(qimage_to_rgb(image), name, _FILE)
        return True

    def _on_sample_chosen(self, index: int) -> None:
        key = self.sample_combo.itemData(index, Qt.ItemDataRole.UserRole)
        if key is not None and key != self._sample_key:
            self.show_sample(key)

    def _select_sample_item(self, key: str | None) -> None:
        index = self.sample_combo.findData(key, Qt.ItemDataRole.UserRole) if key else -1
        with QSignalBlocker(self.sample_combo):
            self.sample_combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ drawing
    def _on_draw_toggled(self, on: bool) -> None:
        self.draw_area.setVisible(on)
        if on:
            self._show(self.canvas.image(), self.tr("drawing"), _DRAWING)
            self.canvas.setFocus()

    def _on_drawn(self) -> None:
        if self.draw_mode:
            self._show(self.canvas.image(), self.tr("drawing"), _DRAWING)

    def _on_pen_width_changed(self, width: int) -> None:
        self.canvas.pen_width = width
        self.pen_value.setText(self.tr("{0} px").format(width))

    # ------------------------------------------------------------------ pre-processing
    def _on_color_toggled(self, gray: bool) -> None:
        self._state.set_preprocess(color="gray" if gray else "rgb")

    def _on_size_chosen(self, index: int) -> None:
        self._state.set_preprocess(size=self.size_combo.itemData(index))

    def _set_threshold(self, value: float, from_slider: bool = False) -> None:
        if from_slider:
            with QSignalBlocker(self.threshold_spin):
                self.threshold_spin.setValue(value)
        else:
            with QSignalBlocker(self.threshold_slider):
                self.threshold_slider.setValue(round(value * 100))
        self._state.set_preprocess(threshold=float(value))

    # ------------------------------------------------------------------ state → widgets
    def _on_source_changed(self) -> None:
        origin = self._origin
        if origin is None:  # set by someone else: still name the sample if it is one
            self._sample_key = _matching_sample(self._state.source_name, self._state.source)
        elif origin != _SAMPLE:
            self._sample_key = None
        if origin != _DRAWING and self.draw_mode:
            # Someone else set the picture; the next stroke must not overwrite it.
            with QSignalBlocker(self.draw_button):
                self.draw_button.setChecked(False)
            self.draw_area.setVisible(False)
        self._select_sample_item(self._sample_key)
        credit = sample(self._sample_key).credit_text if self._sample_key else ""
        self.credit_label.setText(self.tr("Photo: {0}").format(credit) if credit else "")
        self.credit_label.setVisible(bool(credit))
        self._update_caption()

    def _on_image_changed(self) -> None:
        options = self._state.preprocess
        with QSignalBlocker(self.gray_radio), QSignalBlocker(self.rgb_radio):
            self.gray_radio.setChecked(options.color != "rgb")
            self.rgb_radio.setChecked(options.color == "rgb")
        index = self.size_combo.findData(options.size)
        if index < 0:  # a size set elsewhere (e.g. by a lesson) that the list lacks
            with QSignalBlocker(self.size_combo):
                self._add_size_item(options.size)
            index = self.size_combo.count() - 1
        with QSignalBlocker(self.size_combo):
            self.size_combo.setCurrentIndex(index)
        with QSignalBlocker(self.invert_check):
            self.invert_check.setChecked(options.invert)
        with QSignalBlocker(self.binarize_check):
            self.binarize_check.setChecked(options.binarize)
        with QSignalBlocker(self.threshold_slider), QSignalBlocker(self.threshold_spin):
            self.threshold_slider.setValue(round(options.threshold * 100))
            self.threshold_spin.setValue(options.threshold)
        for widget in (self.threshold_label, self.threshold_slider, self.threshold_spin):
            widget.setEnabled(options.binarize)
        _, h, w = self._state.image.shape
        self.size_result.setText(self.tr("→ {0}×{1}").format(h, w))
        self.values_hint.setText(self._values_hint())
        self._update_caption()

    def _values_hint(self) -> str:
        options = self._state.preprocess
        if options.color == "rgb":
            if options.invert:
                return self.tr("Values per colour channel: 0 = full, 1 = none (inverted).")
            return self.tr("Values per colour channel: 0 = none, 1 = full.")
        if options.invert:
            return self.tr("Values: white = 1, black = 0 (inverted).")
        return self.tr("Values: white = 0, black = 1.")

    def _update_caption(self) -> None:
        state = self._state
        name = state.source_name or self.tr("untitled")
        shown = name if len(name) <= 32 else name[:20] + "…" + name[-10:]
        sh, sw = state.source.shape[:2]
        channels, h, w = state.image.shape
        mode = self.tr("gray") if channels == 1 else self.tr("RGB")
        if (sh, sw) == (h, w):
            text = self.tr("{0} — {1}×{2} {3}").format(shown, h, w, mode)
        else:
            text = self.tr("{0} — {1}×{2} → {3}×{4} {5}").format(shown, sh, sw, h, w, mode)
        self.caption.setText(text)
        self.caption.setToolTip(self.tr(
            "“{0}”: the picture's size, and the size the filters work on "
            "(rows × columns).").format(name))

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self.drop_mime(event.mimeData()):
            event.acceptProposedAction()


# ---------------------------------------------------------------------- helpers
def _thumbnail(key: str) -> QIcon:
    """A small picture of a sample for the picker; pixel patterns stay crisp."""
    try:
        rgb = load_sample(key)
    except ImageLoadError:
        return QIcon()
    image = rgb_to_qimage(rgb)
    sharp = max(image.width(), image.height()) < _THUMB
    image = image.scaled(_THUMB - 2, _THUMB - 2, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.FastTransformation if sharp
                         else Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(_THUMB, _THUMB)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    x, y = (_THUMB - image.width()) // 2, (_THUMB - image.height()) // 2
    painter.drawImage(x, y, image)
    painter.setPen(QColor(160, 160, 160))
    painter.drawRect(x - 1, y - 1, image.width() + 1, image.height() + 1)
    painter.end()
    return QIcon(pixmap)


def _matching_sample(name: str, rgb: np.ndarray) -> str | None:
    """The key of the built-in sample called ``name`` whose pixels are ``rgb``, if any."""
    for entry in SAMPLES:
        if entry.title == name:
            try:
                if np.array_equal(load_sample(entry.key), rgb):
                    return entry.key
            except ImageLoadError:
                return None
    return None


def _separator_item() -> QStandardItem:
    # QComboBox's own delegate draws rows described as "separator" as a line.
    item = QStandardItem()
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    item.setData("separator", Qt.ItemDataRole.AccessibleDescriptionRole)
    return item


def _make_quiet(label: QLabel) -> None:
    """Small, muted text for hints and credits."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
    label.setPalette(palette)


def _local_paths(mime: QMimeData) -> list[str]:
    """Local files named by ``mime``: file URLs, or text holding one path or file URL."""
    if mime.hasUrls():
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if mime.hasText():
        text = mime.text().strip()
        if not text or len(text) > _MAX_PATH_TEXT or "\n" in text:
            return []
        if text.startswith("file:"):
            url = QUrl(text)
            return [url.toLocalFile()] if url.isLocalFile() else []
        try:
            path = Path(text).expanduser()
            if path.is_absolute() and path.is_file():
                return [str(path)]
        except (OSError, RuntimeError, ValueError):  # not a usable path, just text
            return []
    return []
