"""The explorer's image input: samples, files, clipboard, drops, drawing, pre-processing.

The panel changes only ``state.source`` (through ``set_source``) and, through its
:class:`gui.explore.preprocess_box.PreprocessBox`, ``state.preprocess``; it redraws from
the state's signals, so a picture set by anyone else (a lesson, the main window) shows
here too. Reading files, clipboard and drops is :mod:`gui.explore.image_sources`' job; the
sample list is :class:`gui.explore.sample_picker.SamplePicker`, draw mode
:class:`gui.explore.draw_area.DrawArea`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QMimeData, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import app_settings
from gui.common import file_dialogs
from gui.common.image_io import ImageLoadError, supported_suffixes
from gui.common.samples import load_sample, matching_sample, sample
from gui.common.widgets import make_quiet
from gui.explore import image_sources
from gui.explore.draw_area import DrawArea
from gui.explore.preprocess_box import PreprocessBox
from gui.explore.sample_picker import SamplePicker

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
    message(object)
        A problem the learner should read (a file that cannot be opened, an empty
        clipboard), as a function that words it in the current language: the main
        window's status line shows it and words it again on a language change. The
        panel never opens a dialog for it.
    numbers_requested()
        The learner asked to see the picture as a grid of numbers (the main window
        opens the Pixel values window).
    """

    message = Signal(object)
    numbers_requested = Signal()

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._origin: str | None = None      # set while this panel changes the source
        self._sample_key: str | None = None  # the sample on show, if the source is one
        # How the picture on show is named, worded again on a language change ("drawing",
        # a sample's title); None: the state's source name (a file name) as it is.
        self._name_words: Callable[[], str] | None = None
        self._new_name_words: Callable[[], str] | None = None  # for the source being set
        self._build()
        self.setAcceptDrops(True)
        state.source_changed.connect(self._on_source_changed)
        state.image_changed.connect(self._update_caption)
        self.retranslate()
        self._on_source_changed()

    def retranslate(self) -> None:
        """Word every text again: labels, buttons, tooltips, the sample list (keeping the
        choice) and the caption. The pre-processing box and the drawing tools retranslate
        themselves."""
        self.source_box.setTitle(self.tr("Input picture"))
        self.sample_combo.setPlaceholderText(self.tr("Choose a sample…"))
        self.sample_combo.setToolTip(self.tr(
            "Built-in pictures: small patterns of 0s and 1s, handwritten digits from "
            "MNIST, generated shapes and photographs."))
        self.sample_combo.retranslate()
        self.sample_label.setText(self.tr("&Sample:"))
        self.open_button.setText(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr(
            "Open a picture file (PNG, JPEG, BMP, GIF, …). You can also drop a file onto "
            "the window."))
        self.paste_button.setText(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr(
            "Use the picture (or image file) on the clipboard."))
        self.draw_button.setText(self.tr("Draw"))
        self.draw_button.setToolTip(self.tr(
            "Draw your own picture with the mouse; every view follows as you draw."))
        self.numbers_button.setText(self.tr("Numbers…"))
        self.numbers_button.setToolTip(self.tr("Show the picture as a grid of numbers"))
        self._update_credit()
        self._update_caption()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "caption"):
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ construction
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._build_source_box())
        self.preprocessing = PreprocessBox(self._state)
        layout.addWidget(self.preprocessing)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(280)

    def _build_source_box(self) -> QGroupBox:
        box = QGroupBox()
        self.source_box = box
        column = QVBoxLayout(box)
        column.setSpacing(6)

        self.sample_combo = SamplePicker()
        self.sample_combo.currentIndexChanged.connect(self._on_sample_chosen)
        sample_row = QHBoxLayout()
        self.sample_label = QLabel()
        self.sample_label.setBuddy(self.sample_combo)
        sample_row.addWidget(self.sample_label)
        sample_row.addWidget(self.sample_combo, 1)
        column.addLayout(sample_row)

        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_dialog)
        self.paste_button = QPushButton()
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.draw_button = QPushButton()
        self.draw_button.setCheckable(True)
        self.draw_button.toggled.connect(self._on_draw_toggled)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.paste_button, self.draw_button):
            buttons.addWidget(button)
        column.addLayout(buttons)

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.numbers_button = QToolButton()
        self.numbers_button.clicked.connect(self.numbers_requested)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption, 1)
        caption_row.addWidget(self.numbers_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(caption_row)
        self.credit_label = QLabel()
        self.credit_label.setWordWrap(True)
        self.credit_label.setVisible(False)
        make_quiet(self.credit_label)
        column.addWidget(self.credit_label)

        self.draw_area = DrawArea()
        self.draw_area.canvas.drawn.connect(self._on_drawn)
        self.draw_area.setVisible(False)
        column.addWidget(self.draw_area)
        return box

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
            self.message.emit(partial(str, error))
            self.sample_combo.select_key(self._sample_key)
            return False
        self._show(rgb, lambda: entry.title, _SAMPLE, key)
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
            rgb = image_sources.read_file(path)
        except ImageLoadError as error:
            self.message.emit(partial(str, error))
            return False
        name = Path(path).name
        self._show(rgb, lambda: name, _FILE)
        app_settings.current().remember_folder(Path(path).resolve().parent)
        return True

    def paste_from_clipboard(self) -> bool:
        """Show the picture, or the image file, on the clipboard; False if there is none."""
        mime = QGuiApplication.clipboard().mimeData()
        if not self.accepts_mime(mime):
            self.message.emit(lambda: self.tr(
                "The clipboard holds no picture. Copy an image or an image file first."))
            return False
        return self._open_mime(mime, lambda: self.tr("pasted image"))

    def accepts_mime(self, mime: QMimeData) -> bool:
        """Whether dropping ``mime`` here could give a picture (for ``dragEnterEvent``)."""
        return image_sources.accepts_mime(mime)

    def drop_mime(self, mime: QMimeData) -> bool:
        """Show the file or picture in dropped ``mime``; False (and `message`) if impossible."""
        if not self.accepts_mime(mime):
            self.message.emit(lambda: self.tr(
                "Only image files or pictures can be dropped here."))
            return False
        return self._open_mime(mime, lambda: self.tr("dropped image"))

    # ------------------------------------------------------------------ sources
    def _show(self, rgb: np.ndarray, name_words: Callable[[], str], origin: str,
              key: str | None = None) -> None:
        """Hand a new picture to the state, noting where it came from; ``name_words``
        names it in the current language."""
        if origin != _DRAWING:
            self.set_draw_mode(False)
        if self._state.preprocess.size is None \
                and max(rgb.shape[:2]) > image_sources.LARGE_SIDE:
            self._state.set_preprocess(size=image_sources.AUTO_WORKING_SIZE)
        self._origin, self._sample_key = origin, key
        self._new_name_words = name_words
        try:
            self._state.set_source(rgb, name_words())
        finally:
            self._origin, self._new_name_words = None, None

    def _open_mime(self, mime: QMimeData, name_words: Callable[[], str]) -> bool:
        path = image_sources.mime_file(mime)
        if path is not None:
            return self.open_file(path)
        try:
            rgb = image_sources.read_mime_image(mime)
        except ImageLoadError as error:
            self.message.emit(partial(str, error))
            return False
        self._show(rgb, name_words, _FILE)
        return True

    def _on_sample_chosen(self, index: int) -> None:
        key = self.sample_combo.key_at(index)
        if key is not None and key != self._sample_key:
            self.show_sample(key)

    # ------------------------------------------------------------------ drawing
    def _on_draw_toggled(self, on: bool) -> None:
        self.draw_area.setVisible(on)
        if on:
            self._show(self.draw_area.canvas.image(), lambda: self.tr("drawing"), _DRAWING)
            self.draw_area.canvas.setFocus()

    def _on_drawn(self) -> None:
        if self.draw_mode:
            self._show(self.draw_area.canvas.image(), lambda: self.tr("drawing"), _DRAWING)

    # ------------------------------------------------------------------ state → widgets
    def _on_source_changed(self) -> None:
        origin = self._origin
        self._name_words = self._new_name_words
        if origin is None:  # set by someone else: still name the sample if it is one
            self._sample_key = matching_sample(self._state.source_name, self._state.source)
            if self._sample_key is not None:
                entry = sample(self._sample_key)
                self._name_words = lambda: entry.title
        elif origin != _SAMPLE:
            self._sample_key = None
        if origin != _DRAWING and self.draw_mode:
            # Someone else set the picture; the next stroke must not overwrite it.
            with QSignalBlocker(self.draw_button):
                self.draw_button.setChecked(False)
            self.draw_area.setVisible(False)
        self.sample_combo.select_key(self._sample_key)
        self._update_credit()
        self._update_caption()

    def _update_credit(self) -> None:
        credit = sample(self._sample_key).credit_text if self._sample_key else ""
        self.credit_label.setText(self.tr("Photo: {0}").format(credit) if credit else "")
        self.credit_label.setVisible(bool(credit))

    def _update_caption(self) -> None:
        state = self._state
        name = self._name_words() if self._name_words is not None else state.source_name
        name = name or self.tr("untitled")
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
