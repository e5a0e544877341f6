"""The "Pixel values" window: the working image written out as a grid of numbers.

The study note's first idea is that an image becomes numbers (white paper = 0, black
ink = 1). The explorer's input heatmap is too small to read them, so this window paints
one cell per pixel with its value written in it, follows ``state.image_changed`` live
(toggle Binarise and the 0s and 1s appear) and frames the receptive field of the
feature-map cell selected in the explorer.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from engine.pipeline import CellExplanation
from gui.common.colormap import CHANNELS, INK, ColourMap
from gui.common.number_format import format_number, shown_index
from gui.common.number_grid import paint_number_grid

#: Pictures larger than this (rows or columns) are not listed: thousands of numbers
#: teach nothing, and the learner is told to pick a small working size instead.
MAX_SIDE = 64
MIN_CELL, MAX_CELL, DEFAULT_CELL = 14, 48, 26
#: The colour the explorer frames a receptive field with (gui.explore.stages.items.FIELD_COLOR).
FIELD_COLOR = QColor(0, 166, 81)
HOVER_COLOR = QColor(255, 140, 0)
GRID_LINE = QColor(0, 0, 0, 40)
HEADER_BACKGROUND = QColor(243, 243, 243)
HEADER_TEXT = QColor(110, 110, 110)
#: Smallest legible digit height; below it the cells show colour only.
MIN_FONT_PX = 7

def is_binary(values: np.ndarray) -> bool:
    """Whether every value is exactly 0 or 1 (a binarised picture)."""
    return bool(np.all((values == 0) | (values == 1)))


def format_value(value: float, binary: bool) -> str:
    """The text written in a cell: whole numbers (every 0 and 1 of a binarised picture)
    without decimals, anything else with two."""
    return format_number(value, 0 if binary else 2)


class PixelGrid(QAbstractScrollArea):
    """One painted widget showing a (H, W) array as coloured cells with their values.

    Row and column indices stay pinned along the top and left while the cells scroll;
    only visible cells are painted. Ctrl+wheel zooms around the pointer.

    Signals
    -------
    hovered(int, int)
        The row and column under the pointer, (-1, -1) when it leaves the cells.
    cell_size_changed(int)
        The cell size in pixels changed (zoom).
    """

    hovered = Signal(int, int)
    cell_size_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros((0, 0), np.float32)
        self._colormap = INK
        self._binary = False
        self._texts: list[str] | None = None   # built lazily, at paint time
        self._fills: np.ndarray | None = None
        self._cell = DEFAULT_CELL
        # Until the learner zooms, small pictures grow to fill the window (never below
        # the default size, where two decimals are still legible).
        self._auto_zoom = True
        self._field: tuple[np.ndarray, np.ndarray] | None = None
        self._hover = (-1, -1)
        self._fonts: dict[tuple[int, bool], tuple[QFont, bool]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(True)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.horizontalScrollBar().setSingleStep(DEFAULT_CELL)
        self.verticalScrollBar().setSingleStep(DEFAULT_CELL)

    # --- data ------------------------------------------------------------------------
    def set_values(self, values: np.ndarray, colormap: ColourMap, binary: bool) -> None:
        """Show ``values`` (H, W), coloured by ``colormap`` over [0, 1]."""
        self._values = np.asarray(values, dtype=np.float32)
        self._colormap = colormap
        self._binary = binary
        self._texts = self._fills = None
        h, w = self._values.shape
        if self._auto_zoom:
            self._apply_auto_zoom()
        if not (0 <= self._hover[0] < h and 0 <= self._hover[1] < w):
            self._hover = (-1, -1)
        self._update_scrollbars()
        self.viewport().update()

    def values(self) -> np.ndarray:
        return self._values

    def text_at(self, row: int, col: int) -> str:
        """The text written in cell (row, col)."""
        return format_value(float(self._values[row, col]), self._binary)

    def set_field(self, rows: np.ndarray | None, cols: np.ndarray | None) -> None:
        """Frame the pixels at ``rows`` × ``cols`` (image coordinates; may lie outside)."""
        self._field = None if rows is None else (np.asarray(rows), np.asarray(cols))
        self.viewport().update()

    @property
    def field(self) -> tuple[np.ndarray, np.ndarray] | None:
        return self._field

    # --- zoom ------------------------------------------------------------------------
    @property
    def cell_size(self) -> int:
        return self._cell

    def set_cell_size(self, size: int, anchor: QPoint | None = None) -> None:
        """Cells of ``size`` pixels (clamped to 14–48), keeping the point ``anchor``
        (viewport coordinates) over the same place of the picture. The size then stays
        as chosen (no more automatic zoom)."""
        self._auto_zoom = False
        self._set_cell_size(size, anchor)

    @property
    def auto_zoom(self) -> bool:
        return self._auto_zoom

    def _apply_auto_zoom(self) -> None:
        self._set_cell_size(max(self.fit_cell_size(), DEFAULT_CELL))

    def _set_cell_size(self, size: int, anchor: QPoint | None = None) -> None:
        size = int(min(max(size, MIN_CELL), MAX_CELL))
        if size == self._cell:
            return
        if anchor is None:
            anchor = QPoint(self.viewport().width() // 2, self.viewport().height() // 2)
        ox, oy = self._origin()
        fx, fy = (anchor.x() - ox) / self._cell, (anchor.y() - oy) / self._cell
        self._cell = size
        self._update_scrollbars()
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        left, top = self._header_size()
        hbar.setValue(round(fx * size - (anchor.x() - left)))
        vbar.setValue(round(fy * size - (anchor.y() - top)))
        hbar.setSingleStep(size)
        vbar.setSingleStep(size)
        self.viewport().update()
        self.cell_size_changed.emit(size)

    def fit_cell_size(self) -> int:
        """The cell size that shows the whole picture in the current viewport."""
        h, w = self._values.shape
        if not h or not w:
            return DEFAULT_CELL
        left, top = self._header_size()
        # Scroll bars vanish once everything fits, so measure without them.
        room = self.maximumViewportSize()
        size = min((room.width() - left - 2) // w, (room.height() - top - 2) // h)
        return int(min(max(size, MIN_CELL), MAX_CELL))

    def content_size(self) -> QSize:
        """Pixels needed to show every cell and both headers without scrolling."""
        h, w = self._values.shape
        left, top = self._header_size()
        return QSize(left + w * self._cell + 2, top + h * self._cell + 2)

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        size = self.content_size()
        return QSize(size.width() + frame, size.height() + frame)

    # --- geometry --------------------------------------------------------------------
    @property
    def _header_font(self) -> QFont:
        """Index font: small beside small cells, so two-digit indices never collide."""
        font = QFont(self.font())
        font.setPixelSize(int(min(max(round(self._cell * 0.45), 8), 12)))
        return font

    def _header_size(self) -> tuple[int, int]:
        """(left header width, top header height) in pixels."""
        metrics = QFontMetrics(self._header_font)
        h, w = self._values.shape
        digits = len(str(max(h - 1, 0)))
        left = metrics.horizontalAdvance("8" * max(digits, 2)) + 12
        return left, metrics.height() + 8

    def _origin(self) -> tuple[int, int]:
        """Viewport position of the top-left cell's corner (centred when it all fits)."""
        h, w = self._values.shape
        left, top = self._header_size()
        room_w = self.viewport().width() - left
        room_h = self.viewport().height() - top
        x = left + max(0, (room_w - w * self._cell) // 2) - self.horizontalScrollBar().value()
        y = top + max(0, (room_h - h * self._cell) // 2) - self.verticalScrollBar().value()
        return x, y

    def _update_scrollbars(self) -> None:
        h, w = self._values.shape
        left, top = self._header_size()
        room_w = self.viewport().width() - left
        room_h = self.viewport().height() - top
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        hbar.setRange(0, max(0, w * self._cell + 2 - room_w))
        vbar.setRange(0, max(0, h * self._cell + 2 - room_h))
        hbar.setPageStep(max(room_w, 1))
        vbar.setPageStep(max(room_h, 1))

    def cell_at(self, pos: QPoint) -> tuple[int, int]:
        """The (row, col) under viewport point ``pos``, or (-1, -1)."""
        left, top = self._header_size()
        if pos.x() < left or pos.y() < top:
            return -1, -1
        ox, oy = self._origin()
        col = math.floor((pos.x() - ox) / self._cell)
        row = math.floor((pos.y() - oy) / self._cell)
        h, w = self._values.shape
        if 0 <= row < h and 0 <= col < w:
            return row, col
        return -1, -1

    def cell_rect(self, row: int, col: int) -> QRect:
        """Viewport rectangle of cell (row, col)."""
        ox, oy = self._origin()
        return QRect(ox + col * self._cell, oy + row * self._cell, self._cell, self._cell)

    # --- painting --------------------------------------------------------------------
    def _cell_font(self) -> tuple[QFont, bool]:
        """The font for values at the current cell size, and whether it is legible."""
        key = (self._cell, self._binary)
        if key in self._fonts:
            return self._fonts[key]
        font = QFont(self.font())
        widest = "1" if self._binary else "0.00"
        size = max(round(self._cell * 0.5), 1)
        while size > 1:
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(widest) <= self._cell - 4:
                break
            size -= 1
        result = (font, size >= MIN_FONT_PX)
        self._fonts[key] = result
        return result

    def _build_cache(self) -> None:
        self._fills = self._colormap.rgb(self._values, (0.0, 1.0))
        self._texts = [format_value(float(v), self._binary)
                       for v in np.nan_to_num(self._values).ravel()]

    def paintEvent(self, event: QPaintEvent) -> None:
        h, w = self._values.shape
        painter = QPainter(self.viewport())
        if not h or not w:
            return
        if self._texts is None:
            self._build_cache()
        size = self._cell
        left, top = self._header_size()
        viewport = self.viewport().rect()
        ox, oy = self._origin()
        c0, c1 = max(0, (left - ox) // size), min(w, -(-(viewport.width() - ox) // size))
        r0, r1 = max(0, (top - oy) // size), min(h, -(-(viewport.height() - oy) // size))
        # Cells never paint over the indices, which sit right beside the grid.
        cells = QRect(max(left, ox), max(top, oy), viewport.width(), viewport.height())

        painter.setClipRect(cells)
        font, legible = self._cell_font()
        # Thin lines between cells so neighbouring equal values still read as cells.
        paint_number_grid(painter, (ox, oy), size, (h, w), fills=self._fills,
                          texts=self._texts, font=font,
                          font_px=font.pixelSize() if legible else 0,
                          rows=range(r0, r1), cols=range(c0, c1),
                          grid_pen=QPen(GRID_LINE, 1))
        self._paint_field(painter)
        if self._hover != (-1, -1):
            painter.setPen(QPen(HOVER_COLOR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._hover).adjusted(1, 1, -1, -1))
        painter.setClipping(False)
        self._paint_headers(painter, r0, r1, c0, c1)
        painter.end()

    def _paint_field(self, painter: QPainter) -> None:
        if self._field is None:
            return
        rows, cols = self._field
        size = self._cell
        ox, oy = self._origin()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        span = QRect(ox + int(cols[0]) * size, oy + int(rows[0]) * size,
                     (int(cols[-1]) - int(cols[0]) + 1) * size,
                     (int(rows[-1]) - int(rows[0]) + 1) * size)
        contiguous = (np.all(np.diff(rows) == 1) and np.all(np.diff(cols) == 1))
        if contiguous:
            painter.setPen(QPen(FIELD_COLOR, 3 if size >= 24 else 2))
            painter.drawRect(span.adjusted(1, 1, -1, -1))
            return
        # A dilated kernel reads only some pixels of its span: a thin frame for the span,
        # a bold one for each pixel it reads.
        painter.setPen(QPen(FIELD_COLOR, 1, Qt.PenStyle.DashLine))
        painter.drawRect(span)
        painter.setPen(QPen(FIELD_COLOR, 3 if size >= 24 else 2))
        for r in rows:
            for c in cols:
                painter.drawRect(self.cell_rect(int(r), int(c)).adjusted(2, 2, -2, -2))

    def _paint_headers(self, painter: QPainter, r0: int, r1: int, c0: int, c1: int) -> None:
        """Indices beside the cells: next to the grid when it all fits, pinned to the
        viewport's edges while it scrolls."""
        viewport = self.viewport().rect()
        left, top = self._header_size()
        size = self._cell
        h, w = self._values.shape
        ox, oy = self._origin()
        hx, hy = max(0, ox - left), max(0, oy - top)
        right = min(viewport.width(), ox + w * size + 1)
        bottom = min(viewport.height(), oy + h * size + 1)
        painter.fillRect(QRect(hx, hy, right - hx, top), HEADER_BACKGROUND)
        painter.fillRect(QRect(hx, hy, left, bottom - hy), HEADER_BACKGROUND)
        field_rows = field_cols = ()
        if self._field is not None:
            field_rows, field_cols = (set(a.tolist()) for a in self._field)
        font = self._header_font
        bold = QFont(font)
        bold.setBold(True)
        tint = QColor(FIELD_COLOR)
        tint.setAlpha(50)
        centre = Qt.AlignmentFlag.AlignCenter
        painter.setClipRect(QRect(hx + left, hy, viewport.width(), top))
        for c in range(c0, c1):
            rect = QRect(ox + c * size, hy, size, top)
            self._paint_index(painter, rect, c, c == self._hover[1], c in field_cols,
                              (font, bold), tint, centre)
        painter.setClipRect(QRect(hx, hy + top, left, viewport.height()))
        for r in range(r0, r1):
            rect = QRect(hx, oy + r * size, left - 6, size)
            self._paint_index(painter, rect, r, r == self._hover[0], r in field_rows,
                              (font, bold), tint, Qt.AlignmentFlag.AlignRight
                              | Qt.AlignmentFlag.AlignVCenter)
        painter.setClipping(False)
        painter.setPen(QPen(QColor(0, 0, 0, 70), 1))
        painter.drawLine(hx + left - 1, hy, hx + left - 1, bottom)
        painter.drawLine(hx, hy + top - 1, right, hy + top - 1)

    def _paint_index(self, painter, rect, index, hovered, in_field, fonts, tint, align):
        if in_field:
            painter.fillRect(rect if align == Qt.AlignmentFlag.AlignCenter
                             else rect.adjusted(0, 0, 6, 0), tint)
        painter.setFont(fonts[1] if hovered else fonts[0])
        painter.setPen(HOVER_COLOR.darker(130) if hovered else HEADER_TEXT)
        painter.drawText(rect, align, str(shown_index(index)))  # counted from 1

    # --- events ----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()
        if self._auto_zoom:
            self._apply_auto_zoom()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._fonts.clear()
        super().changeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_cell_size(self._cell + round(2 * steps) or (1 if steps > 0 else -1),
                                   event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    def mouseMoveEvent(self, event) -> None:
        self._set_hover(*self.cell_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def viewportEvent(self, event) -> bool:
        kind = event.type()
        if kind == event.Type.Leave:
            self._set_hover(-1, -1)
        elif kind == event.Type.ToolTip:
            row, col = self.cell_at(event.pos())
            if row >= 0:
                QToolTip.showText(event.globalPos(), self.hover_text(row, col), self.viewport(),
                                  self.cell_rect(row, col))
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def hover_text(self, row: int, col: int) -> str:
        return self.tr("row {0}, col {1} = {2}").format(shown_index(row), shown_index(col),
                                                        self.text_at(row, col))

    def _set_hover(self, row: int, col: int) -> None:
        if (row, col) != self._hover:
            self._hover = (row, col)
            self.viewport().update()
            self.hovered.emit(row, col)


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
        self.setWindowTitle(self.tr("Pixel values — the image as numbers"))
        self._build()
        state.image_changed.connect(self._on_image_changed)
        state.cell_selected.connect(self._on_cell_selected)
        state.explored.connect(self._on_explored)
        state.explore_failed.connect(self._on_explore_failed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        state.filters_changed.connect(self._on_filters_changed)
        self._on_image_changed()
        self.resize(self._preferred_size())

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
        self.channel_label = QLabel(self.tr("Channel:"))
        bar.addWidget(self.channel_label)
        self.channel_group = QButtonGroup(self)
        self.channel_buttons = []
        names = (self.tr("&Red"), self.tr("&Green"), self.tr("&Blue"))
        tips = (self.tr("Show the red channel: 0 = no red, 1 = full red."),
                self.tr("Show the green channel: 0 = no green, 1 = full green."),
                self.tr("Show the blue channel: 0 = no blue, 1 = full blue."))
        for index, (name, tip) in enumerate(zip(names, tips, strict=True)):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.channel_group.addButton(button, index)
            self.channel_buttons.append(button)
            bar.addWidget(button)
        self.channel_buttons[0].setChecked(True)
        self.channel_group.idClicked.connect(self.set_channel)
        self.size_label = QLabel()
        self.size_label.setToolTip(self.tr(
            "The working image's size: rows × columns, and how many numbers that makes."))
        bar.addWidget(self.size_label)
        bar.addStretch(1)

        zoom_label = QLabel(self.tr("&Zoom:"))
        self.zoom_slider = QSlider(Qt.Orientation.Horizontal)
        self.zoom_slider.setRange(MIN_CELL, MAX_CELL)
        self.zoom_slider.setValue(DEFAULT_CELL)
        self.zoom_slider.setFixedWidth(140)
        self.zoom_slider.setToolTip(self.tr(
            "Cell size in screen pixels (also Ctrl+wheel over the grid, Ctrl++ and Ctrl+−)."))
        zoom_label.setBuddy(self.zoom_slider)
        self.zoom_value = QLabel()
        self.zoom_value.setMinimumWidth(self.zoom_value.fontMetrics().horizontalAdvance("00 px"))
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("&Fit"))
        self.fit_button.setToolTip(self.tr(
            "Choose the cell size that shows the whole picture in the window (Ctrl+0)."))
        self.fit_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fit_button.clicked.connect(self.fit_to_window)
        self._zoom_widgets = (zoom_label, self.zoom_slider, self.zoom_value, self.fit_button)
        for widget in self._zoom_widgets:
            bar.addWidget(widget)
        layout.addLayout(bar)

        self.grid = PixelGrid()
        self.grid.setToolTip("")
        self.grid.hovered.connect(self._on_hovered)
        self.grid.cell_size_changed.connect(self._on_cell_size_changed)
        self.zoom_slider.valueChanged.connect(self.grid.set_cell_size)
        self._on_cell_size_changed(self.grid.cell_size)

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
        self.hover_label.setToolTip(self.tr("The pixel under the pointer."))
        self.field_label = QLabel()
        self.field_label.setWordWrap(True)
        self.field_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
        self.field_label.setStyleSheet(f"color: {FIELD_COLOR.darker(120).name()};")
        self.field_label.setToolTip(self.tr(
            "Click a cell of the feature map in the explorer to see which pixels it reads."))
        footer.addWidget(self.hover_label, 1)
        footer.addWidget(self.field_label, 1)
        layout.addLayout(footer)
        self._on_hovered(-1, -1)

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
        ).format(kh, kw, state.selected_filter.name, shown_index(row), shown_index(col)))

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
