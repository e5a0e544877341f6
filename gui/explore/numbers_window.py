"""The "Pixel values" window: the working image written out as a grid of numbers.

The study note's first idea is that an image becomes numbers (white paper = 0, black
ink = 1). The explorer's input heatmap is too small to read them, so this window paints
one cell per pixel with its value written in it, follows ``state.image_changed`` live
(toggle Binarise and the 0s and 1s appear) and frames the receptive field of the
feature-map cell selected in the explorer.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.pipeline import CellExplanation
from gui.common.colormap import CHANNELS, INK
from gui.common.number_format import shown_index
from gui.explore.pixel_grid import DEFAULT_CELL, MAX_CELL, MAX_SIDE, MIN_CELL, PixelGrid, is_binary
from gui.explore.pixel_grid_painter import FIELD_COLOR


class NumbersWindow(QWidget):
    """A tool window listing the working image's pixel values, one cell per pixel.

    Parameters
    ----------
    state : gui.state.LabState
        Read on ``image_changed``, ``cell_selected``, ``explored``, ``explore_failed``,
        ``selected_filter_changed`` and ``filters_changed``; never changed.
    parent : QWidget, optional
        Usually the main window: the tool window stays above it and closes with it.

    Attributes used by tests and the main window: ``grid`` (:class:`PixelGrid`),
    ``values()``, ``channel``, ``set_channel``, ``showing_message``, ``highlighted``.
    """

    def __init__(self, state, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._state = state
        self._channel = 0
        self._explanation: CellExplanation | None = None
        self._build()
        state.image_changed.connect(self._on_image_changed)
        state.cell_selected.connect(self._on_cell_selected)
        state.explored.connect(self._on_explored)
        state.explore_failed.connect(self._on_explore_failed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        state.filters_changed.connect(self._on_filters_changed)
        self.retranslate()
        self.resize(self._preferred_size())

    def retranslate(self) -> None:
        """Word every text again: the title, labels, buttons, tooltips, and the caption,
        sizes and message on show (from the picture and settings they describe)."""
        self.setWindowTitle(self.tr("Pixel values — the image as numbers"))
        self.channel_label.setText(self.tr("Channel:"))
        names = (self.tr("&Red"), self.tr("&Green"), self.tr("&Blue"))
        tips = (self.tr("Show the red channel: 0 = no red, 1 = full red."),
                self.tr("Show the green channel: 0 = no green, 1 = full green."),
                self.tr("Show the blue channel: 0 = no blue, 1 = full blue."))
        for button, name, tip in zip(self.channel_buttons, names, tips, strict=True):
            button.setText(name)
            button.setToolTip(tip)
        self.size_label.setToolTip(self.tr(
            "The working image's size: rows × columns, and how many numbers that makes."))
        self.zoom_label.setText(self.tr("&Zoom:"))
        self.zoom_slider.setToolTip(self.tr(
            "Cell size in screen pixels (also Ctrl+wheel over the grid, Ctrl++ and Ctrl+−)."))
        self.fit_button.setText(self.tr("&Fit"))
        self.fit_button.setToolTip(self.tr(
            "Choose the cell size that shows the whole picture in the window (Ctrl+0)."))
        self.hover_label.setToolTip(self.tr("The pixel under the pointer."))
        self.field_label.setToolTip(self.tr(
            "Click a cell of the feature map in the explorer to see which pixels it reads."))
        self._on_cell_size_changed(self.grid.cell_size)
        self._on_image_changed()
        self._on_hovered(*self.grid.hovered_cell)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "field_label"):
            self.retranslate()
        super().changeEvent(event)

    # --- construction ----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(8)

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        caption_font = self.caption.font()
        caption_font.setPointSizeF(caption_font.pointSizeF() * 1.1)
        self.caption.setFont(caption_font)
        layout.addWidget(self.caption)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.channel_label = QLabel()
        bar.addWidget(self.channel_label)
        self.channel_group = QButtonGroup(self)
        self.channel_buttons = []
        for index in range(3):
            button = QToolButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.channel_group.addButton(button, index)
            self.channel_buttons.append(button)
            bar.addWidget(button)
        self.channel_buttons[0].setChecked(True)
        self.channel_group.idClicked.connect(self.set_channel)
        self.size_label = QLabel()
        bar.addWidget(self.size_label)
        bar.addStretch(1)

        self.zoom_label = QLabel()
        self.zoom_slider = QSlider(Qt.Orientation.Horizontal)
        self.zoom_slider.setRange(MIN_CELL, MAX_CELL)
        self.zoom_slider.setValue(DEFAULT_CELL)
        self.zoom_slider.setFixedWidth(140)
        self.zoom_label.setBuddy(self.zoom_slider)
        self.zoom_value = QLabel()
        self.zoom_value.setMinimumWidth(self.zoom_value.fontMetrics().horizontalAdvance("00 px"))
        self.fit_button = QToolButton()
        self.fit_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fit_button.clicked.connect(self.fit_to_window)
        self._zoom_widgets = (self.zoom_label, self.zoom_slider, self.zoom_value, self.fit_button)
        for widget in self._zoom_widgets:
            bar.addWidget(widget)
        layout.addLayout(bar)

        self.grid = PixelGrid()
        self.grid.setToolTip("")
        self.grid.hovered.connect(self._on_hovered)
        self.grid.cell_size_changed.connect(self._on_cell_size_changed)
        self.zoom_slider.valueChanged.connect(self.grid.set_cell_size)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.message.setFrameShape(QLabel.Shape.StyledPanel)
        self.message.setBackgroundRole(QPalette.ColorRole.Base)
        self.message.setAutoFillBackground(True)
        message_font = self.message.font()
        message_font.setPointSizeF(message_font.pointSizeF() * 1.15)
        self.message.setFont(message_font)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.message)
        layout.addWidget(self.stack, 1)

        footer = QHBoxLayout()
        self.hover_label = QLabel()
        self.field_label = QLabel()
        self.field_label.setWordWrap(True)
        self.field_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
        self.field_label.setStyleSheet(f"color: {FIELD_COLOR.darker(120).name()};")
        footer.addWidget(self.hover_label, 1)
        footer.addWidget(self.field_label, 1)
        layout.addLayout(footer)

        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self._zoom_by(2)),
                           (QKeySequence("Ctrl+="), lambda: self._zoom_by(2)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self._zoom_by(-2)),
                           (QKeySequence("Ctrl+0"), self.fit_to_window),
                           (QKeySequence("Esc"), self.close)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def _preferred_size(self) -> QSize:
        """Big enough for the whole grid at the current zoom, within the screen."""
        grid = self.grid.sizeHint() if not self.showing_message else QSize(480, 200)
        width = max(grid.width() + 20, 560)
        height = grid.height() + self.caption.sizeHint().height() + 110
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, int(room.width() * 0.9))
            height = min(height, int(room.height() * 0.9))
        return QSize(width, height)

    # --- public ----------------------------------------------------------------------
    def values(self) -> np.ndarray | None:
        """The (H, W) values on show: ``state.image[channel]``; None while the picture
        is too large to list."""
        return None if self.showing_message else self.grid.values()

    @property
    def channel(self) -> int:
        return self._channel

    def set_channel(self, channel: int) -> None:
        """Show channel ``channel`` of an RGB picture (0 red, 1 green, 2 blue)."""
        channel = int(min(max(channel, 0), self._state.channels - 1))
        if channel != self._channel:
            self._channel = channel
            button = self.channel_group.button(channel)
            with QSignalBlocker(self.channel_group):
                button.setChecked(True)
            self._on_image_changed()

    @property
    def showing_message(self) -> bool:
        """True while the "too many pixels" message stands in for the grid."""
        return self.stack.currentWidget() is self.message

    @property
    def highlighted(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The image rows and columns framed as the selected cell's receptive field."""
        return self.grid.field

    def fit_to_window(self) -> None:
        self.grid.set_cell_size(self.grid.fit_cell_size())

    # --- state -> widgets ------------------------------------------------------------
    def _on_image_changed(self) -> None:
        image = self._state.image
        channels, h, w = image.shape
        rgb = channels == 3
        self._channel = min(self._channel, channels - 1)
        too_large = max(h, w) > MAX_SIDE
        for widget in (self.channel_label, *self.channel_buttons):
            widget.setVisible(rgb and not too_large)
        with QSignalBlocker(self.channel_group):
            self.channel_group.button(self._channel).setChecked(True)
        self.caption.setText(self._caption(rgb))
        count = self.locale().toString(h * w * channels)
        self.size_label.setText(
            self.tr("{0}×{1} = {2} numbers").format(h, w, count) if channels == 1
            else self.tr("{0}×{1}×3 = {2} numbers").format(h, w, count))
        for widget in self._zoom_widgets:
            widget.setVisible(not too_large)
        self.hover_label.setVisible(not too_large)
        if too_large:
            self.message.setText(self.tr(
                "This picture is {0}×{1}: too many pixels to list. Set the working size "
                "to 28 to read its numbers.").format(h, w))
            self.stack.setCurrentWidget(self.message)
            self.grid.set_values(np.zeros((0, 0), np.float32), INK, False)
            self._on_hovered(-1, -1)
        else:
            colormap = CHANNELS[self._channel] if rgb else INK
            self.grid.set_values(image[self._channel], colormap, is_binary(image))
            self.stack.setCurrentWidget(self.grid)
        self._update_field()

    def _caption(self, rgb: bool) -> str:
        inverted = self._state.preprocess.invert
        if rgb:
            name = (self.tr("red"), self.tr("green"), self.tr("blue"))[self._channel]
            if inverted:
                return self.tr("Each pixel is three numbers, one per colour channel: "
                               "0 = full colour, 1 = none (inverted). Showing {0}.").format(name)
            return self.tr("Each pixel is three numbers, one per colour channel: "
                           "0 = none of that colour, 1 = full. Showing {0}.").format(name)
        if inverted:
            return self.tr("Each pixel is a number: white = 1, black = 0 (inverted: "
                           "grayscale now measures brightness).")
        return self.tr("Each pixel is a number: white = 0, black = 1 "
                       "(grayscale measures darkness).")

    def _update_field(self) -> None:
        """Frame the receptive field of the selected feature-map cell, if any."""
        state = self._state
        row, col = state.selected_cell
        e = state.exploration
        self._explanation = None
        if row >= 0 and col >= 0 and e is not None and not self.showing_message:
            self._explanation = state.cell_explanation  # shared: explained once an edit
        cell = self._explanation
        if cell is None:
            self.grid.set_field(None, None)
            self.field_label.setText("")
            return
        self.grid.set_field(cell.rows, cell.cols)
        kh, kw = len(cell.rows), len(cell.cols)
        self.field_label.setText(self.tr(
            "Green frame: the {0}×{1} pixels “{2}” reads for feature-map cell ({3}, {4})."
        ).format(kh, kw, state.selected_filter.display_name, shown_index(row), shown_index(col)))

    def _on_cell_selected(self, _row: int, _col: int) -> None:
        self._update_field()

    def _on_explored(self, _exploration) -> None:
        self._update_field()

    def _on_explore_failed(self, _message: str) -> None:
        self._update_field()

    def _on_selected_filter_changed(self, _index: int) -> None:
        self._update_field()

    def _on_filters_changed(self) -> None:
        self._update_field()

    # --- widgets -> widgets ----------------------------------------------------------
    def _on_hovered(self, row: int, col: int) -> None:
        if row >= 0:
            self.hover_label.setText(self.grid.hover_text(row, col))
            self.hover_label.setStyleSheet("font-weight: 600;")
        else:
            self.hover_label.setText(self.tr("Point at a cell to read its row, column and "
                                             "value."))
            self.hover_label.setStyleSheet("color: #777;")

    def _on_cell_size_changed(self, size: int) -> None:
        with QSignalBlocker(self.zoom_slider):
            self.zoom_slider.setValue(size)
        self.zoom_value.setText(self.tr("{0} px").format(size))

    def _zoom_by(self, step: int) -> None:
        self.grid.set_cell_size(self.grid.cell_size + step)
