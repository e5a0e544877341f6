"""The explorer's stage heatmaps: input -> convolution -> activation -> pooling -> flattening.

One pyqtgraph scene shows, for the selected filter, every stage of the layer (in a row,
or two by two when that draws them larger), the flattened vector of all filters below
them, and a grid of every filter's feature map. Items are made once and updated in
place; maps are :class:`gui.common.heatmap.HeatmapItem` coloured through
:mod:`gui.common.colormap`. The selected filter's three signed maps share one symmetric
colour scale (so ReLU visibly removes the blue), and the flattened strip shares another
with the grid. Hovering reads a cell's value; clicking a feature-map cell selects it in
the shared state and outlines its receptive field on the input; clicking a pooled cell
outlines its pool window and writes its arithmetic (max or mean of the window).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsWidget,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

import gui.common.plotting  # noqa: F401  (pyqtgraph set-up before any item)
from engine import fileio
from engine.pipeline import Exploration, PooledCellExplanation, explore
from gui.common.colormap import DIVERGING, INK
from gui.common.heatmap import ColourBar, HeatmapItem, box_downsample  # noqa: F401
from gui.common.image_io import ink_to_qimage, png_bytes, rgb_to_qimage
from gui.common.number_format import exact_decimals, format_number, pixel_scale, shown_index
from gui.common.number_grid import paint_number_grid
from gui.common.widgets import FittedLabel
from gui.state import LabState

#: Largest input (rows and columns) whose pixel values are written over the pixels.
NUMBERS_MAX_INPUT = 32
#: Up to this many values, a pooled cell's sum is written term by term.
MAX_POOL_TERMS = 9
#: Largest feature map whose values are written over its cells.
NUMBERS_MAX_MAP = 16
#: Thumbnails per row in the all-filters grid, with names under them ...
GRID_COLUMNS = 8
#: ... and, past two rows of those, with numbers only (the grid never takes more
#: than two rows, so the stages above keep their room).
GRID_COLUMNS_COMPACT = 16
#: Least room between thumbnails.
GRID_SPACING = 2

#: Receptive field and selected cell: green reads on white, black, red and blue alike.
FIELD_COLOR = QColor(0, 166, 81)
#: Pool window and selected pooled cell.
POOL_COLOR = QColor(243, 156, 18)
SELECTED_TITLE_COLOR = "#0b5394"
#: The frame around the stages while they have the keyboard focus.
FOCUS_FRAME_COLOR = "#0b5394"
FOCUS_FRAME_WIDTH = 2
TITLE_COLOR = "#333333"
#: Title font size in points; stage titles step down to the smaller sizes (then to two
#: lines, then to an ellipsis) when their columns are narrow.
TITLE_POINTS = 9.0
#: How the stage titles of the top row are tried, best first, as (lines, points): all
#: four take the first that fits every one of them, so the row stays uniform.
TITLE_MODES = ((1, 9.0), (1, 8.0), (2, 9.0), (2, 8.0), (2, 7.0))

#: Columns of the scene's grid: the four stages, the arrows between them, the colour bar.
STAGE_COLUMNS = (0, 2, 4, 6)
ARROW_COLUMNS = (1, 3, 5)
COLORBAR_COLUMN = 7
#: The two arrangements of the four stages: side by side in one row, or two by two
#: (input → convolution, then activation → pooled), whichever draws the maps larger in
#: the room the view has.
ROW, SQUARE = "row", "square"
#: (row, column) of each stage, and of each arrow (None: not shown), per arrangement.
STAGE_CELLS = {ROW: {"input": (0, 0), "conv": (0, 2), "activated": (0, 4), "pooled": (0, 6)},
               SQUARE: {"input": (0, 0), "conv": (0, 2), "activated": (1, 0),
                        "pooled": (1, 2)}}
ARROW_CELLS = {ROW: ((0, 1), (0, 3), (0, 5)), SQUARE: ((0, 1), None, (1, 1))}
#: Room between the maps and the colour bars.
COLORBAR_GAP = 4
#: Height of the flattened strip's row.
FLATTENED_HEIGHT = 56
#: The square arrangement is taken only when it draws the maps this much larger, so a
#: view near the boundary does not flip between the two.
SQUARE_GAIN = 1.15
ARROW_WIDTH = 20
#: Colour bars: the bar itself and the room for its tick labels (fixed, so a new scale
#: never changes the bar's width, and so never the layout).
COLORBAR_BAR_WIDTH = 12
COLORBAR_AXIS_WIDTH = 40
#: Margin the view box leaves around a map (a fraction of the map's size).
MAP_PADDING = 0.02


def _pen(color: QColor, width: float = 2.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)  # constant on-screen width whatever the zoom
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


#: Colour scales never get narrower than this: a response that is zero up to float
#: rounding (a flat image under an edge detector) reads as white, not as loud noise.
MIN_LEVEL = 1e-4


_NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) ≥ value."""
    exponent = 10.0 ** math.floor(math.log10(value))
    for step in _NICE_STEPS:
        if value <= step * exponent * (1 + 1e-9):
            return step * exponent
    return 10.0 * exponent


def _magnitude(*arrays: np.ndarray) -> float:
    """A colour-scale limit for ``arrays``: their largest |value| rounded up to a nice
    number (1.0 when all are zero).

    Rounding keeps the scale, and the colour bar's ticks, still while small edits change
    the maximum a little: no shimmer, and no costly re-layout of the bar on every edit.
    Computed without a temporary |array|.
    """
    m = 0.0
    for a in arrays:
        if a.size:
            m = max(m, float(a.max()), -float(a.min()))
    if not math.isfinite(m) or m == 0.0:
        return 1.0
    return nice_ceiling(max(m, MIN_LEVEL))


def _steady_limit(previous: float | None, wanted: float) -> float:
    """A colour-scale limit of at least ``wanted`` that stays at ``previous`` while the
    values still fill more than half of it: an edit that moves the maximum back and forth
    across a step (4.0, 4.1, 4.0) neither flips the colours of every map nor repaints
    the unchanged ones."""
    if previous is not None and wanted <= previous < 2 * wanted:
        return previous
    return wanted


def _title_font(points: float = TITLE_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _title_height(lines: int) -> int:
    """Height of a title row of ``lines`` lines at the largest title size."""
    return math.ceil(lines * QFontMetricsF(_title_font()).lineSpacing()) + 6


class TitleItem(QGraphicsWidget):
    """A title that never widens its column: it takes whatever width the layout gives.

    It shows the first of its texts that fits; when none does, the first elided, as
    long as that keeps a few characters, else the last elided (``elide_first`` tries the
    first elided before the others). A text with a line break is drawn on two lines,
    each elided on its own. Painted with QPainter (no rich-text document to lay out),
    and re-fitted only when its text or width changes.
    """

    #: An elided text must keep at least this many characters to be worth showing.
    MIN_ELIDED_CHARS = 6

    def __init__(self, alignment=Qt.AlignmentFlag.AlignCenter, hint: str = "",
                 parent: QGraphicsWidget | None = None) -> None:
        super().__init__(parent)
        #: Tooltip while the whole text shows (the whole text is the tooltip otherwise).
        self.hint = hint
        #: Pixels left empty above the text.
        self.top_inset = 0.0
        self._texts: tuple[str, ...] = ("",)
        self._elide_first = False
        self._color = QColor(TITLE_COLOR)
        self._font = _title_font()
        self._alignment = alignment
        self._fitted: tuple[float, str] | None = None  # (width, text) last fitted
        # No minimum and no preferred size: the layout decides, the text adapts.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(0, 0)
        self.setPreferredSize(0, 0)
        self.setMaximumSize(QSizeF(1e6, 1e6))
        self.setFlag(QGraphicsWidget.GraphicsItemFlag.ItemClipsToShape, True)

    def set_text(self, texts, color: str = TITLE_COLOR, bold: bool = False,
                 points: float = TITLE_POINTS, elide_first: bool = False) -> None:
        """Show the first of ``texts`` (a string or longest-first strings) that fits."""
        texts = (texts,) if isinstance(texts, str) else tuple(texts)
        font = _title_font(points, bold)
        if (texts == self._texts and QColor(color) == self._color and font == self._font
                and elide_first == self._elide_first):
            return
        self._texts, self._color, self._font = texts, QColor(color), font
        self._elide_first = elide_first
        self._fitted = None
        self.update()

    @property
    def text(self) -> str:
        """The full (first) text."""
        return self._texts[0]

    @property
    def shown_text(self) -> str:
        """The text as drawn at the current width (elided with "…" if need be)."""
        width = self.size().width()
        if self._fitted is None or self._fitted[0] != width:
            self._fitted = (width, self._fit(width))
            full = self._texts[0].replace("\n", " ")
            # The whole text on hover, when it had to be shortened.
            self.setToolTip(self.hint if self._fitted[1] == self._texts[0] else full)
        return self._fitted[1]

    def text_fits(self, text: str, width: float | None = None) -> bool:
        """Whether ``text`` fits, whole, in ``width`` (by default the item's own)."""
        width = self.size().width() if width is None else width
        return text_width(text, self._font) <= width

    def _fit(self, width: float) -> str:
        metrics = QFontMetricsF(self._font)
        mode = Qt.TextElideMode.ElideRight
        first = self._texts[0]
        elided = metrics.elidedText(first, mode, width) if "\n" not in first else ""
        readable = len(elided) > self.MIN_ELIDED_CHARS
        if self._elide_first and readable:
            return elided
        for text in self._texts:
            if text_width(text, self._font) <= width:
                return text
        if readable:
            return elided
        return "\n".join(metrics.elidedText(line, mode, width)
                         for line in self._texts[-1].split("\n"))

    def paint(self, painter, *args) -> None:
        text = self.shown_text
        if not text:
            return
        painter.setFont(self._font)
        painter.setPen(self._color)
        painter.drawText(self.rect().adjusted(0, self.top_inset, 0, 0), self._alignment, text)


_TEXT_WIDTHS: dict[tuple[str, str], float] = {}


def text_width(text: str, font: QFont) -> float:
    """Width in pixels of the widest line of ``text`` in ``font`` (cached)."""
    key = (text, font.key())
    width = _TEXT_WIDTHS.get(key)
    if width is None:
        metrics = QFontMetricsF(font)
        width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if len(_TEXT_WIDTHS) > 4096:
            _TEXT_WIDTHS.clear()
        _TEXT_WIDTHS[key] = width
    return width


class CellNumbers(pg.GraphicsObject):
    """The value of every cell of a small (H, W) map, written over the cell.

    Painted in device pixels, so the text stays crisp at any zoom; it disappears when
    cells are too small to hold a readable number. Strings are formatted once per
    new array, never per paint.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shape = (0, 0)
        self._texts: dict[int, list[str]] = {}
        self._widths: dict[tuple[int, str], float] = {}
        self._light_text = np.zeros(0, dtype=bool)
        #: Items whose numbers show only together (this one included, or empty).
        self.group: list[CellNumbers] = []
        self.setZValue(5)

    @property
    def has_values(self) -> bool:
        return bool(self._texts)

    def set_values(self, values: np.ndarray | None, dark: np.ndarray | None = None,
                   reference: np.ndarray | None = None) -> None:
        """Show ``values`` (H, W); ``dark`` (H, W) bool marks cells needing white text.

        ``reference`` (any shape, default ``values``) sets the decimals and the widest
        text the font is fitted to: maps given one reference, drawn at one cell size,
        show their numbers alike (all of them, or none).
        """
        if values is None or values.size == 0:
            if self._texts:
                self._texts = {}
                self.update()
            return
        if values.shape != self._shape:
            self.prepareGeometryChange()
            self._shape = values.shape
        flat = values.ravel()
        fit = flat if reference is None else np.asarray(reference).ravel()
        # As few decimals as show every value exactly (0.5, not 0.50), at most two;
        # one as a fallback when cells are too small for two.
        exact = exact_decimals(fit)
        self._texts = {d: [format_number(v, d) for v in flat]
                       for d in sorted({exact, min(exact, 1)})}
        self._fit_texts = {d: {format_number(v, d) for v in fit} | set(self._texts[d])
                           for d in self._texts}
        self._widths: dict[tuple[int, str], float] = {}
        self._light_text = (np.zeros(values.shape, bool) if dark is None
                            else np.asarray(dark, bool).reshape(values.shape))
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._shape[1], self._shape[0])

    def _em_width(self, decimals: int, font: QFont) -> float:
        """Width of the widest text, in units of the font's pixel size."""
        key = (decimals, font.family())
        if key not in self._widths:
            probe = QFont(font)
            probe.setPixelSize(100)
            metrics = QFontMetricsF(probe)
            widest = max(metrics.horizontalAdvance(t) for t in self._fit_texts[decimals])
            self._widths[key] = max(widest, 1.0) / 100.0
        return self._widths[key]

    def _font_choice(self, transform) -> tuple[float, list[str] | None]:
        """(pixel size, texts) to write with under ``transform`` (item to device);
        a size below 7 means the numbers do not fit."""
        cell = transform.mapRect(QRectF(0, 0, 1, 1))
        if min(cell.width(), cell.height()) < 10:
            return 0.0, None
        font = QFont()
        # Most decimals that still read at 9 px; else whichever writes largest.
        font_px, texts = 0.0, None
        for decimals in sorted(self._texts, reverse=True):
            candidate = self._texts[decimals]
            px = min(0.7 * cell.height(), 0.9 * cell.width() / self._em_width(decimals, font),
                     14.0)
            if px >= 9:
                return px, candidate
            if px > font_px:
                font_px, texts = px, candidate
        return font_px, texts

    def _device_transform(self):
        views = self.scene().views() if self.scene() is not None else []
        return self.deviceTransform(views[0].viewportTransform()) if views else None

    def legible(self) -> bool:
        """Whether this item's numbers fit its cells as drawn now."""
        if not self._texts:
            return False
        transform = self._device_transform()
        return transform is not None and self._font_choice(transform)[0] >= 7

    def paint(self, painter, *args) -> None:
        if not self._texts:
            return
        # Maps shown side by side write their numbers all, or none of them.
        if any(not other.legible() for other in self.group
               if other is not self and other.has_values):
            return
        transform = painter.transform()
        font_px, texts = self._font_choice(transform)
        if font_px < 7:
            return
        cell = transform.mapRect(QRectF(0, 0, 1, 1))
        painter.save()
        painter.resetTransform()
        # Device pixels, so the text stays crisp at any zoom.
        origin = transform.map(QPointF(0, 0))
        paint_number_grid(painter, (origin.x(), origin.y()), (cell.width(), cell.height()),
                          self._shape, texts=texts, light=self._light_text,
                          font=QFont(painter.font()), font_px=int(font_px))
        painter.restore()


@dataclass
class _Stage:
    """One heatmap: its plot, image item, title and overlays."""

    key: str
    plot: pg.GraphicsLayout
    image: HeatmapItem
    label: TitleItem
    view: pg.ViewBox
    numbers: CellNumbers | None = None
    #: (text, selected) of the title on show, to skip re-setting an unchanged one.
    title: tuple[str, bool] | None = None
    #: What the image was last drawn from (thumbnails skip redrawing an unchanged map).
    signature: tuple | None = None
    bordered: bool = False

    view: pg.ViewBox


class StageView(QWidget):
    """Every stage of the convolutional layer, for the selected filter and for all.

    Parameters
    ----------
    state : LabState
        Read on ``explored``, ``explore_failed``, ``selected_filter_changed``,
        ``cell_selected``, ``pooled_cell_selected`` and ``filters_changed``; changed
        only through ``select_cell``, ``select_pooled_cell`` and ``select_filter``.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._exploration: Exploration | None = None
        #: Why the pooled stage is empty (a pool that does not fit), or None.
        self._pool_failure: str | None = None
        #: (picture, padding) the input's numbers were written for.
        self._input_numbers_key = None
        #: Where the pointer last was over the scene (scene coordinates), or None.
        self._hover_pos = None
        self._shown_image: np.ndarray | None = None
        self._levels = (-1.0, 1.0)
        self._grid_levels = (-1.0, 1.0)
        #: Colour-scale limits on show, kept while they still fit (see _steady_limit);
        #: forgotten when the picture or the geometry changes.
        self._levels_kept: dict = {}
        #: Filter index -> (map signature, magnitude) (see _map_magnitude).
        self._magnitudes: dict[int, tuple] = {}
        #: The filters changed after the exploration on show was computed.
        self._filters_pending = False
        self._geometry_key = None
        self._grid_count = 0
        self._grid_columns = GRID_COLUMNS
        self._image_version = 0
        self._error: str | None = None
        #: (name, shape) of each top-row title, fitted to the columns as a row.
        self._title_parts: dict[str, tuple[str, str]] = {}
        #: Scene width the columns were last shared out for, and the width of one stage.
        self._fitted_size: tuple[float, float] | None = None
        self._stage_width: float | None = None
        #: How wide the widest stage map is drawn (the height may keep it narrower).
        self._map_width: float | None = None
        self._thumbnail_width = 1.0
        self._title_lines = 1

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        # The scene paints every pixel of the viewport (a white background brush), so
        # the widgets behind it need not be painted first on each repaint.
        self.graphics.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.graphics.setToolTip(self.tr(
            "Each stage of the convolutional layer for the selected filter.\n"
            "Hover over a map to read a value; click a feature-map cell to see how it "
            "was computed; click a pooled cell to see its pool window;\n"
            "click a small map below to select that filter.\n"
            "Keys: arrows move the selected cell, [ and ] change filter, Esc clears."))
        self.graphics.ci.setContentsMargins(4, 4, 4, 4)
        self.graphics.ci.setSpacing(2)
        # No spacing between columns: the arrow columns keep the stages apart, and empty
        # columns (the square arrangement leaves four) would otherwise still be spaced.
        self.graphics.ci.layout.setHorizontalSpacing(0)
        self._build_stages()
        self._build_grid()
        self._arrangement: str | None = None
        self._place(ROW)

        self.hover_label = FittedLabel(self.tr("The cell under the mouse pointer"))
        self.hover_label.setObjectName("stageHover")
        self.hover_label.set_texts(*self._hover_hints())
        self.hover_label.setStyleSheet("color: #444; padding: 2px 6px;")

        self.message_label = QLabel()
        self.message_label.setObjectName("stageMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextFormat(Qt.TextFormat.RichText)
        self.message_label.setStyleSheet(
            "QLabel#stageMessage { border: 3px solid #c0392b; border-radius: 8px;"
            " background: #fdecea; color: #7b1d12; padding: 18px; font-size: 15px; }")
        self.message_label.setToolTip(self.tr("Why no stages can be computed"))
        message_page = QWidget()
        message_layout = QVBoxLayout(message_page)
        message_layout.setContentsMargins(40, 40, 40, 40)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message_label)
        message_layout.addStretch(2)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        # A long filter name must not make the whole view wider than its column: the
        # heading shortens to fit instead.
        self.heading = FittedLabel(self.tr("The filter whose stages are shown; click a "
                                           "small map below to show another"))
        self.heading.setObjectName("stageHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setStyleSheet("padding: 2px 6px;")
        page_layout.addWidget(self.heading)
        # Why a stage is missing (a pool that does not fit), above the stages there are.
        self.notice_label = QLabel()
        self.notice_label.setObjectName("stageNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(
            "QLabel#stageNotice { border: 2px solid #c0392b; border-radius: 6px;"
            " background: #fdecea; color: #7b1d12; padding: 4px 8px; }")
        self.notice_label.hide()
        page_layout.addWidget(self.notice_label)
        page_layout.addWidget(self.graphics, 1)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setStyleSheet("color: #ddd;")
        page_layout.addWidget(separator)
        page_layout.addWidget(self.hover_label)

        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(page)
        self._stack.addWidget(message_page)
        self._stages_page = page
        self._message_page = message_page

        # Keyboard: arrows move the selected feature-map cell, [ and ] change filter.
        # Tab reaches the view; a frame shows when it has the keys. The frame is always
        # there, transparent without focus, so focus never changes the scene's size.
        self.graphics.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.graphics.setObjectName("stageScene")
        self.graphics.setStyleSheet(
            f"QGraphicsView#stageScene {{ border: {FOCUS_FRAME_WIDTH}px solid transparent; }}"
            f"QGraphicsView#stageScene:focus {{ border: {FOCUS_FRAME_WIDTH}px solid "
            f"{FOCUS_FRAME_COLOR}; }}")
        self.graphics.installEventFilter(self)

        scene = self.graphics.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        state.explored.connect(self._on_explored)
        state.explore_failed.connect(self._on_explore_failed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        state.cell_selected.connect(self._on_cell_selected)
        state.pooled_cell_selected.connect(self._on_cell_selected)
        state.filters_changed.connect(self._on_filters_changed)
        if state.exploration is not None:
            self._on_explored(state.exploration)
            # That result may predate edits whose recomputation is pending: never let a
            # thumbnail skip the next result because its weights look current.
            for thumb in self.thumbnails:
                thumb.signature = None
            self._magnitudes.clear()
        elif state.error is not None:
            self._on_explore_failed(state.error)

    # --- construction ----------------------------------------------------------------
    def _make_plot(self, key: str, aspect: bool = True,
                   colormap=DIVERGING) -> _Stage:
        """A title over a bare view box (no axes, no mouse panning) holding one map.

        The title is a TitleItem, which takes the width the layout gives and fits its
        text (a plot's own title asks for its whole text's width and widens the column).
        """
        plot = pg.GraphicsLayout()
        plot.setContentsMargins(1, 1, 1, 1)
        plot.setSpacing(0)
        label = TitleItem()
        plot.addItem(label, row=0, col=0)
        plot.layout.setRowFixedHeight(0, _title_height(1))
        view = plot.addViewBox(row=1, col=0, enableMouse=False, enableMenu=False)
        view.setAspectLocked(aspect)
        view.invertY(True)  # row 0 at the top, as in the array
        view.disableAutoRange()
        view.setDefaultPadding(0.0)
        image = HeatmapItem(colormap)
        view.addItem(image)
        return _Stage(key, plot, image, label, view)

    def _build_stages(self) -> None:
        self.stages: dict[str, _Stage] = {}
        for key in ("input", "conv", "activated", "pooled"):
            self.stages[key] = self._make_plot(key, colormap=INK if key == "input"
                                               else DIVERGING)
        self._arrows: list[TitleItem] = []
        for _ in ARROW_COLUMNS:
            arrow = TitleItem(hint=self.tr("The next stage is computed from this one"))
            arrow.set_text("\u2192", color="#888888", points=15)
            arrow.top_inset = _title_height(1)  # centred on the maps, not their titles
            self._arrows.append(arrow)
        inp = self.stages["input"]
        inp.numbers = CellNumbers()
        inp.view.addItem(inp.numbers, ignoreBounds=True)
        layer_numbers = []
        for key in ("conv", "activated", "pooled"):
            stage = self.stages[key]
            stage.numbers = CellNumbers()
            stage.numbers.group = layer_numbers
            layer_numbers.append(stage.numbers)
            stage.view.addItem(stage.numbers, ignoreBounds=True)
        self.colorbar = ColourBar(DIVERGING, COLORBAR_BAR_WIDTH, COLORBAR_AXIS_WIDTH)
        self.colorbar.setToolTip(self.tr(
            "Colour scale of the selected filter's maps: blue negative, white zero, "
            "red positive"))

        flat = self._make_plot("flattened", aspect=False)
        flat.view.invertY(False)
        self.stages["flattened"] = flat

        # Overlays, made once and moved on every change.
        self._field_item = QGraphicsPathItem()
        self._field_item.setPen(_pen(FIELD_COLOR, 2.5))
        self._field_item.setZValue(10)
        # Padding: a ring of zeros around the input, in the colour 0 has on the input's
        # map (white paper, or black for RGB), hatched (as the explain panel hatches
        # padding cells) so it reads as added, with its zeros written on small inputs.
        self._padding_fill = QGraphicsPathItem()
        self._padding_fill.setPen(QPen(Qt.PenStyle.NoPen))
        self._padding_fill.setZValue(1)
        self._padding_item = QGraphicsPathItem()
        self._padding_item.setPen(_pen(QColor(150, 150, 150), 1.2, Qt.PenStyle.DashLine))
        self._padding_item.setBrush(QBrush(QColor(150, 150, 150), Qt.BrushStyle.BDiagPattern))
        self._padding_item.setZValue(4)
        inp.view.addItem(self._padding_fill, ignoreBounds=True)
        inp.view.addItem(self._padding_item, ignoreBounds=True)
        inp.view.addItem(self._field_item, ignoreBounds=True)
        self._cell_markers = {}
        for key in ("conv", "activated"):
            marker = QGraphicsRectItem()
            marker.setPen(_pen(FIELD_COLOR, 2.5))
            marker.setZValue(10)
            self.stages[key].view.addItem(marker, ignoreBounds=True)
            self._cell_markers[key] = marker
        self._pool_window_item = QGraphicsRectItem()
        self._pool_window_item.setPen(_pen(POOL_COLOR, 2.5))
        self._pool_window_item.setZValue(11)
        self.stages["activated"].view.addItem(self._pool_window_item, ignoreBounds=True)
        # The window's maximum, which max pooling keeps.
        self._pool_winner_item = QGraphicsRectItem()
        self._pool_winner_item.setPen(_pen(POOL_COLOR, 2.0))
        self._pool_winner_item.setZValue(11)
        self.stages["activated"].view.addItem(self._pool_winner_item, ignoreBounds=True)
        self._pool_marker = QGraphicsRectItem()
        self._pool_marker.setPen(_pen(POOL_COLOR, 2.5))
        self._pool_marker.setZValue(10)
        self.stages["pooled"].view.addItem(self._pool_marker, ignoreBounds=True)
        self._segment_item = QGraphicsRectItem()
        self._segment_item.setPen(_pen(QColor(SELECTED_TITLE_COLOR), 2.5))
        self._segment_item.setZValue(10)
        self._boundary_item = QGraphicsPathItem()
        self._boundary_item.setPen(_pen(QColor(90, 90, 90), 1.0))
        self._boundary_item.setZValue(9)
        flat.view.addItem(self._boundary_item, ignoreBounds=True)
        flat.view.addItem(self._segment_item, ignoreBounds=True)
        for item in self._all_overlays():
            item.hide()

    def _build_grid(self) -> None:
        self._grid_label = TitleItem()
        self._grid_label.set_text((self._grid_caption(),
                                   self.tr("Feature maps of all filters")))
        self.grid = pg.GraphicsLayout()
        self.grid.setSpacing(GRID_SPACING)
        self.grid.layout.setContentsMargins(0, 0, 0, 0)
        self.grid_colorbar = ColourBar(DIVERGING, COLORBAR_BAR_WIDTH, COLORBAR_AXIS_WIDTH)
        self.grid_colorbar.setToolTip(self.tr(
            "Colour scale shared by the flattened vector and every filter's feature map"))
        # Both bars have fixed widths (bar and tick-label room): so has their column,
        # with a gap on its left, where the bars are kept clear of the maps.
        self._colorbar_width = COLORBAR_GAP + math.ceil(max(
            bar.effectiveSizeHint(Qt.SizeHint.PreferredSize).width()
            for bar in (self.colorbar, self.grid_colorbar)))
        self.thumbnails: list[_Stage] = []

    def _place(self, arrangement: str) -> None:
        """Put the stages, arrows, strip, grid and colour bars into the scene's grid in
        ``arrangement`` (ROW or SQUARE); rows and columns it leaves empty take no room."""
        ci = self.graphics.ci
        layout = ci.layout
        for item in list(ci.items):
            ci.removeItem(item)
        self._arrangement = arrangement
        for key, (row, col) in STAGE_CELLS[arrangement].items():
            ci.addItem(self.stages[key].plot, row=row, col=col)
        for arrow, cell in zip(self._arrows, ARROW_CELLS[arrangement], strict=True):
            arrow.setVisible(cell is not None)
            if cell is not None:
                ci.addItem(arrow, row=cell[0], col=cell[1])
        stage_rows = 1 if arrangement == ROW else 2
        ci.addItem(self.colorbar, row=0, col=COLORBAR_COLUMN, rowspan=stage_rows)
        flat_row = stage_rows
        ci.addItem(self.stages["flattened"].plot, row=flat_row, col=0, colspan=COLORBAR_COLUMN)
        ci.addItem(self._grid_label, row=flat_row + 1, col=0, colspan=COLORBAR_COLUMN)
        ci.addItem(self.grid, row=flat_row + 2, col=0, colspan=COLORBAR_COLUMN)
        ci.addItem(self.grid_colorbar, row=flat_row + 1, col=COLORBAR_COLUMN, rowspan=2)
        for bar in (self.colorbar, self.grid_colorbar):
            layout.setAlignment(bar, Qt.AlignmentFlag.AlignRight)
        self._rows = {"stages": tuple(range(stage_rows)), "flattened": flat_row,
                      "label": flat_row + 1, "grid": flat_row + 2}
        for row in range(5):  # forget the other arrangement's row sizes
            layout.setRowMinimumHeight(row, 0)
            layout.setRowMaximumHeight(row, 1e6)
            layout.setRowStretchFactor(row, 0)
        layout.setRowFixedHeight(flat_row, FLATTENED_HEIGHT)
        layout.setRowFixedHeight(flat_row + 1, _title_height(1))
        for row in self._rows["stages"]:
            layout.setRowStretchFactor(row, 5)
        layout.setRowStretchFactor(self._rows["grid"], 3)
        used = {col for _, col in STAGE_CELLS[arrangement].values()}
        arrows = {cell[1] for cell in ARROW_CELLS[arrangement] if cell is not None}
        for col in ARROW_COLUMNS:
            layout.setColumnFixedWidth(col, ARROW_WIDTH if col in arrows else 0)
        for col in STAGE_COLUMNS:
            if col not in used:
                layout.setColumnFixedWidth(col, 0)
        layout.setColumnFixedWidth(COLORBAR_COLUMN, self._colorbar_width)

    def _all_overlays(self):
        return [self._field_item, self._padding_item, self._padding_fill,
                *self._cell_markers.values(),
                self._pool_window_item, self._pool_winner_item, self._pool_marker,
                self._segment_item,
                self._boundary_item]

    # --- texts -----------------------------------------------------------------------
    def _hover_hints(self) -> tuple[str, ...]:
        """The hint under the maps, longest first (the first that fits is shown)."""
        return (self.tr("Hover over a map to read its values \u00b7 click a feature-map "
                        "cell to see how it was computed"),
                self.tr("Hover over a map to read a value \u00b7 click a cell to see "
                        "its sum"),
                self.tr("Hover: a value \u00b7 click: its sum"))

    def _grid_caption(self) -> str:
        return self.tr("Feature maps of all filters (click one to select it)")

    def _title_parts_for(self, key: str, shape: tuple[int, ...]) -> tuple[str, str]:
        """(name, size) of a top-row stage's title, e.g. ("Convolution", "26×26")."""
        size = self.tr("{rows}\u00d7{cols}").format(rows=shape[-2], cols=shape[-1])
        if key == "input":
            return self.tr("Input"), size
        if key == "conv":
            return self.tr("Convolution"), size
        if key == "activated":
            if self._state.settings.activation == "relu":
                return self.tr("ReLU"), size
            return self.tr("No activation"), size
        pool = self._exploration.pool if self._exploration is not None else "max"
        names = {"max": self.tr("Max-pooled"), "avg": self.tr("Average-pooled")}
        return names.get(pool, self.tr("Not pooled")), size

    def _join_title(self, name: str, size: str, lines: int = 1) -> str:
        """A stage's title on one line ("ReLU 26×26") or on two (name, then size)."""
        if lines == 1:
            return self.tr("{name} {size}").format(name=name, size=size)
        return self.tr("{name}\n{size}").format(name=name, size=size)

    def _flattened_titles(self, n: int, pooled: bool = True) -> tuple[str, str]:
        if pooled:
            whole = self.tr("Flattened 1\u00d7{n}  (all filters' pooled maps, one after "
                            "another)").format(n=n)
        else:
            whole = self.tr("Flattened 1\u00d7{n}  (all filters' feature maps, one after "
                            "another)").format(n=n)
        return whole, self.tr("Flattened 1\u00d7{n}").format(n=n)

    def _set_title(self, stage: _Stage, texts, selected: bool = False,
                   elide_first: bool = False) -> None:
        """Show the first of ``texts`` (a string or longest-first strings) that fits."""
        texts = (texts,) if isinstance(texts, str) else tuple(texts)
        key = (texts[0], selected)
        if stage.title == key:
            return
        stage.title = key
        color = SELECTED_TITLE_COLOR if selected else TITLE_COLOR
        stage.label.set_text(texts, color=color, bold=selected, elide_first=elide_first)

    # --- layout ----------------------------------------------------------------------
    def _fit(self, width: float, height: float) -> None:
        """Share the scene's room out: choose the arrangement that draws the maps
        largest, give its stage columns equal fixed widths (so maps of one shape are
        drawn at one size) beside the fixed arrow and colour-bar columns; then fit the
        thumbnails below and the titles to the new widths.

        Fixed widths, not stretch factors: Qt shares space by each item's size hints,
        which differ with the titles' lengths and the maps' shapes.
        """
        if (width, height) == self._fitted_size or width <= 0:
            return
        self._fitted_size = (width, height)
        row_size = self._map_size(ROW, width, height)
        square_size = self._map_size(SQUARE, width, height)
        gain = SQUARE_GAIN if self._arrangement == ROW else 1 / SQUARE_GAIN
        arrangement = SQUARE if square_size > gain * row_size else ROW
        if arrangement != self._arrangement:
            self._place(arrangement)
            count, self._grid_count = self._grid_count, -1
            self._layout_thumbnails(count)  # its columns depend on the arrangement
            if self._exploration is not None:
                self._update_thumbnail_titles()
        self._stage_width = self._column_width(arrangement, width)
        self._map_width = self._map_size(arrangement, width, height)
        layout = self.graphics.ci.layout
        for _, col in STAGE_CELLS[arrangement].values():
            layout.setColumnFixedWidth(col, self._stage_width)
        self._fit_thumbnail_columns()
        self._fit_stage_titles()
        self._fit_rows()

    def _refit(self) -> None:
        """Fit again at the current size: the maps' shapes or the number of filters,
        which the arrangement depends on, changed."""
        self._fitted_size = None
        viewport = self.graphics.size()
        if viewport.width() > 0 and viewport.height() > 0:
            self._fit(viewport.width(), viewport.height())
        else:
            self._fit_thumbnail_columns()
            self._fit_stage_titles()
            self._fit_rows()

    def _column_width(self, arrangement: str, width: float) -> float:
        """Width of one stage column in ``arrangement`` for a scene ``width`` wide."""
        layout = self.graphics.ci.layout
        left, _, right, _ = layout.getContentsMargins()
        spacing = max(0.0, layout.horizontalSpacing())
        per_row = 4 if arrangement == ROW else 2
        arrows = per_row - 1
        free = (width - left - right - spacing * (2 * per_row - 1)
                - ARROW_WIDTH * arrows - self._colorbar_width)
        return max(1.0, math.floor(free / per_row))

    def _map_size(self, arrangement: str, width: float, height: float) -> float:
        """How wide the widest stage map would be drawn in ``arrangement``: the column
        width, or less where the height left after the strip and the thumbnails limits
        it (in proportion to the tallest map)."""
        column = self._column_width(arrangement, width)
        e = self._exploration
        ratio, conv_ratio = 1.0, 1.0
        if e is not None:
            ph, pw = e.padding
            conv_ratio = e.conv.shape[1] / e.conv.shape[2]
            ratio = max((e.image.shape[1] + 2 * ph) / (e.image.shape[2] + 2 * pw),
                        conv_ratio, e.pooled.shape[1] / e.pooled.shape[2])
        per_row = 4 if arrangement == ROW else 2
        span = column * per_row + ARROW_WIDTH * (per_row - 1)
        columns, rows = self._grid_shape(self._grid_count or 4, arrangement)
        widest_thumb = (span - GRID_SPACING * (columns - 1)) / columns
        stage_rows = 1 if arrangement == ROW else 2
        fixed = (FLATTENED_HEIGHT + _title_height(1) + 20 + rows * (_title_height(1) + 2)
                 + stage_rows * (_title_height(self._title_lines) + 4))
        # Thumbnails are never larger than the stage maps: either they are as wide as
        # their columns allow, or as wide as the maps (whichever leaves a solution).
        size = (height - fixed - rows * widest_thumb * conv_ratio) / (stage_rows * ratio)
        if widest_thumb > size:
            size = (height - fixed) / (stage_rows * ratio + rows * conv_ratio)
        return max(1.0, min(column, size))

    def _span_width(self) -> float:
        """Width of the stage and arrow columns together (the strip's and the grid's)."""
        spacing = max(0.0, self.graphics.ci.layout.horizontalSpacing())
        per_row = 4 if self._arrangement == ROW else 2
        return (self._stage_width * per_row + ARROW_WIDTH * (per_row - 1)
                + spacing * (2 * per_row - 2))

    def _fit_thumbnail_columns(self) -> None:
        """Equal thumbnail columns spread over the width of the stage columns, each no
        wider than a stage (the selected filter's maps stay the largest on show; four
        thumbnails line up under the four stages)."""
        if self._stage_width is None:
            return
        layout = self.grid.layout
        columns = self._grid_columns
        span = self._span_width()
        width = max(1.0, min(self._stage_width, self._map_width or self._stage_width,
                             math.floor((span - GRID_SPACING * (columns - 1)) / columns)))
        self._thumbnail_width = width
        for col in range(GRID_COLUMNS_COMPACT):
            layout.setColumnFixedWidth(col, width if col < columns else 0)
        gap = (span - width * columns) / (columns - 1) if columns > 1 else 0.0
        layout.setHorizontalSpacing(max(GRID_SPACING, gap))

    def _fit_stage_titles(self) -> None:
        """The top row's titles in the first of TITLE_MODES in which all four fit."""
        if self._stage_width is None or len(self._title_parts) < len(STAGE_COLUMNS):
            return
        room = self._stage_width - 4  # the plot's margins and a little air
        for lines, points in TITLE_MODES:
            font = _title_font(points)
            texts = {key: self._join_title(name, size, lines)
                     for key, (name, size) in self._title_parts.items()}
            if all(text_width(text, font) <= room for text in texts.values()):
                break
        for key, text in texts.items():
            self.stages[key].label.set_text(text, points=points)
        if lines != self._title_lines:
            self._title_lines = lines
            height = _title_height(lines)
            for key in self._title_parts:
                self.stages[key].plot.layout.setRowFixedHeight(0, height)
            for arrow in self._arrows:
                arrow.top_inset = height
                arrow.update()
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Give the stage row and the thumbnail grid no more height than their maps can
        fill at this width, so every title sits just above its map; a view taller than
        that keeps its spare room below the grid."""
        e = self._exploration
        if e is None or self._stage_width is None:
            return
        ph, pw = e.padding
        conv_ratio = e.conv.shape[1] / e.conv.shape[2]
        ratios = [(e.image.shape[1] + 2 * ph) / (e.image.shape[2] + 2 * pw), conv_ratio,
                  e.pooled.shape[1] / e.pooled.shape[2]]
        margins = 2  # a plot's, above and below its map
        # The maps are as wide as their columns, or less where the height limits them.
        width = min(self._stage_width, self._map_width or self._stage_width)
        stage = math.ceil((width - margins) * max(ratios)
                          + _title_height(self._title_lines) + margins)
        layout = self.graphics.ci.layout
        for row in self._rows["stages"]:
            layout.setRowMaximumHeight(row, max(stage, 40))
            layout.setRowMinimumHeight(row, max(stage, 40))
        rows = math.ceil(self._grid_count / self._grid_columns) if self._grid_count else 1
        thumb = ((self._thumbnail_width - margins) * conv_ratio + _title_height(1) + margins)
        spacing = max(0.0, self.grid.layout.verticalSpacing())
        height = math.ceil(rows * thumb + (rows - 1) * spacing)
        layout.setRowMaximumHeight(self._rows["grid"], height)
        # The stages gave up what the thumbnails need (see _map_size): never squeeze them.
        layout.setRowMinimumHeight(self._rows["grid"], height)

    def _stage_name(self, key: str) -> str:
        names = {"input": self.tr("Input"), "conv": self.tr("Convolution"),
                 "activated": self.tr("ReLU") if self._state.settings.activation == "relu"
                 else self.tr("No activation"),
                 "pooled": self.tr("Pooled"), "flattened": self.tr("Flattened")}
        return names[key]

    # --- public ----------------------------------------------------------------------
    @property
    def stage_images(self) -> dict[str, HeatmapItem]:
        """The ImageItem of each stage, by key: input, conv, activated, pooled, flattened."""
        return {key: stage.image for key, stage in self.stages.items()}

    @property
    def stage_titles(self) -> dict[str, str]:
        """The title text of each stage, e.g. ``{"conv": "Convolution 26×26", ...}``."""
        return {key: stage.title[0] if stage.title else ""
                for key, stage in self.stages.items()}

    @property
    def thumbnail_images(self) -> list[HeatmapItem]:
        return [thumb.image for thumb in self.thumbnails[:self._thumbnail_count()]]

    @property
    def error_message(self) -> str | None:
        """The message shown in place of the stages (or, for a pool that does not fit,
        in place of the pooled stage), or None while every stage is shown."""
        if self._stack.currentWidget() is self._message_page:
            return self._error
        return self._pool_failure

    @property
    def receptive_field(self) -> QRectF | None:
        """The outlined receptive field on the input (image coordinates: x = column,
        y = row, padding negative), or None when no cell is selected."""
        return self._field_item.path().boundingRect() if self._field_item.isVisible() \
            else None

    @property
    def pool_window(self) -> QRectF | None:
        """The outlined pool window on the activation map, or None."""
        return self._pool_window_item.rect() if self._pool_window_item.isVisible() else None

    @property
    def pool_explanation(self) -> PooledCellExplanation | None:
        """How the selected pooled cell was computed, or None when none is selected."""
        e = self._exploration
        if self._pool_cell is None or e is None or e.pool == "none":
            return None
        try:
            return e.explain_pooled(self._selected_index(), *self._pool_cell)
        except (IndexError, ValueError):  # a cell of an older map, a pool that does not fit
            return None

    def _pool_arithmetic(self, row: int, col: int) -> tuple[str, ...]:
        """The sum a pooled cell stands for, longest first, e.g. "Max-pooled [row 1,
        col 2] = max(0, 1.5, 0.5, 2) = 2: the largest of rows 1–2, cols 3–4 of the ReLU
        map" (counted from 1, as everywhere on screen)."""
        e = self._exploration
        x = e.explain_pooled(self._selected_index(), row, col)
        flat = x.window.ravel()
        decimals = exact_decimals(flat)
        terms = [format_number(v, decimals) for v in flat]
        value = format_number(x.value, exact_decimals(np.array([x.value])))
        n = flat.size
        source = (self.tr("the ReLU map") if self._state.settings.activation == "relu"
                  else self.tr("the feature map"))
        where = dict(top=shown_index(x.rows[0]), bottom=shown_index(x.rows[-1]),
                     left=shown_index(x.cols[0]), right=shown_index(x.cols[-1]), source=source)
        row, col = shown_index(row), shown_index(col)
        if x.pool == "max":
            listed = self.tr("Max-pooled [row {row}, col {col}] = max({terms}) = {value}")
            whole = self.tr("Max-pooled [row {row}, col {col}] = max({terms}) = {value}: "
                            "the largest value in rows {top}\u2013{bottom}, cols "
                            "{left}\u2013{right} of {source}")
            counted = self.tr("Max-pooled [row {row}, col {col}] = {value}, the largest of "
                              "the {n} values in rows {top}\u2013{bottom}, cols "
                              "{left}\u2013{right} of {source}")
            joined = ", ".join(terms)
        else:
            listed = self.tr("Average-pooled [row {row}, col {col}] = ({terms}) / {n} = "
                             "{value}")
            whole = self.tr("Average-pooled [row {row}, col {col}] = ({terms}) / {n} = "
                            "{value}: the mean of rows {top}\u2013{bottom}, cols "
                            "{left}\u2013{right} of {source}")
            counted = self.tr("Average-pooled [row {row}, col {col}] = {value}, the mean of "
                              "the {n} values in rows {top}\u2013{bottom}, cols "
                              "{left}\u2013{right} of {source}")
            joined = " + ".join(f"({t})" if t.startswith("\u2212") else t for t in terms)
        texts = [counted.format(row=row, col=col, value=value, n=n, **where)]
        if n <= MAX_POOL_TERMS:
            fields = dict(row=row, col=col, terms=joined, value=value, n=n)
            texts = [whole.format(**fields, **where), *texts, listed.format(**fields)]
        return tuple(texts)

    def numbers_shown(self, key: str) -> bool:
        """Whether the values of stage ``key`` are written over its cells, as drawn now
        (small maps only, in cells large enough to hold them)."""
        numbers = self.stages[key].numbers
        for stage in self.stages.values():
            stage.view.prepareForPaint()  # views map data to the screen lazily
        if numbers is None or not numbers.legible():
            return False
        return all(other.legible() for other in numbers.group if other.has_values)

    def cell_position(self, key: str, row: int, col: int) -> QPoint:
        """Where the centre of cell (row, col) of stage ``key`` lies, in the coordinates
        of ``self.graphics.viewport()`` (for clicks in tests and lessons)."""
        stage = self.stages[key]
        stage.view.prepareForPaint()
        scene = stage.image.mapToScene(QPointF(col + 0.5, row + 0.5))
        return self.graphics.mapFromScene(scene)

    def thumbnail_position(self, index: int) -> QPoint:
        """The centre of filter ``index``'s thumbnail in viewport coordinates."""
        thumb = self.thumbnails[index]
        return self.graphics.mapFromScene(thumb.view.sceneBoundingRect().center())

    def export_images(self, folder) -> list[Path]:
        """Write a PNG of each stage (and each filter's feature map) into ``folder``.

        Colours are those on screen; small maps are enlarged with square pixels so a
        9×9 map stays legible. Returns the paths written (only the input while the
        settings leave no output). Every picture is encoded before any is written, and
        each is written atomically and checked (:func:`gui.common.image_io.save_png`):
        on a full disk OSError says how far it got, and the pictures not written keep
        their earlier content.
        """
        folder = Path(folder)
        pictures: list[tuple[QImage, str]] = []
        image = self._state.image if self._exploration is None else self._exploration.image
        pictures.append((_enlarge(_input_qimage(image)), "1_input"))
        e = self._exploration
        if e is not None:
            index = min(self._state.selected, e.conv.shape[0] - 1)
            slug = _slug(self._filter_name(index))
            levels = self._levels
            pictures += [(_enlarge(_map_qimage(e.conv[index], levels)), f"2_convolution_{slug}"),
                         (_enlarge(_map_qimage(e.activated[index], levels)),
                          f"3_activation_{slug}"),
                         (_enlarge(_map_qimage(e.pooled[index], levels)), f"4_pooled_{slug}")]
            strip = _map_qimage(e.flattened[None], self._grid_levels)
            pictures.append((strip.scaled(strip.width() * max(1, 1024 // strip.width()), 24),
                             "5_flattened"))
            for i in range(e.conv.shape[0]):
                name = f"feature_map_{i + 1:02d}_{_slug(self._filter_name(i))}"
                pictures.append((_enlarge(_map_qimage(e.conv[i], self._grid_levels)), name))
        encoded = [(png_bytes(picture), folder / f"{name}.png") for picture, name in pictures]
        folder.mkdir(parents=True, exist_ok=True)
        fileio.remove_stale_temporaries(folder)
        written: list[Path] = []
        for data, path in encoded:
            try:
                if not data:
                    raise fileio.WriteFailed(path.name)
                fileio.write_bytes(path, data)
            except OSError as error:
                raise OSError(self.tr(
                    "Could not write {0} ({1}); {2} of {3} images were written, the others "
                    "were left as they were.").format(
                        path.name, error.strerror or error, len(written), len(encoded))
                ) from error
            written.append(path)
        return written

    # The selected pooled cell lives in the state (a lesson can set it); None: none.
    @property
    def _pool_cell(self) -> tuple[int, int] | None:
        row, col = self._state.selected_pooled_cell
        return None if row < 0 or col < 0 else (row, col)

    @_pool_cell.setter
    def _pool_cell(self, cell: tuple[int, int] | None) -> None:
        if cell != self._pool_cell:
            self._state.select_pooled_cell(*(cell if cell is not None else (-1, -1)))

    # --- state handlers --------------------------------------------------------------
    def _unpooled_exploration(self) -> Exploration | None:
        """The stages up to the activation with the state's settings but no pooling, or
        None when the convolution itself leaves no output."""
        state, s = self._state, self._state.settings
        try:
            return explore(state.image, state.weights(), s.stride, s.padding, s.activation,
                           "none", s.pool_size, s.pool_stride, state.biases(), s.dilation)
        except ValueError:
            return None

    def _on_explore_failed(self, message: str) -> None:
        # A pool that does not fit leaves the input, convolution and activation to show.
        partial = self._unpooled_exploration() if self._state.settings.pool != "none" \
            else None
        if partial is not None:
            self._show_pool_failure(partial)
            return
        self._exploration = None
        self._error = message
        self.message_label.setText(self.tr(
            "<p style='font-size:17px'><b>These settings leave nothing to compute</b></p>"
            "<p>{message}</p><p>Try a smaller kernel, stride or pool, more padding, or a "
            "larger image.</p>").format(message=html.escape(_sentence(message))))
        self._stack.setCurrentWidget(self._message_page)

    def _show_pool_failure(self, partial: Exploration) -> None:
        """Show every stage ``partial`` (no pooling) has, and say why nothing is pooled."""
        s = self._state.settings
        (kh, kw), (h, w) = s.pool_size, partial.conv.shape[1:]
        self._pool_failure = self.tr(
            "The {kh}\u00d7{kw} pool does not fit the {h}\u00d7{w} feature maps, so "
            "nothing is pooled or flattened. Choose a smaller pool, a smaller stride or "
            "more padding, or turn pooling off.").format(kh=kh, kw=kw, h=h, w=w)
        self._error = self._pool_failure
        self._pool_cell = None
        self._on_explored(partial, unpooled=True)
        self.notice_label.setText(self._pool_failure)
        self.notice_label.show()
        for key in ("pooled", "flattened"):
            self.stages[key].image.clear()
        self.stages["pooled"].numbers.set_values(None)
        self._title_parts["pooled"] = (self.tr("Pooled"), self.tr("does not fit"))
        self.stages["pooled"].title = (self._join_title(*self._title_parts["pooled"]), False)
        self._fit_stage_titles()
        self._set_title(self.stages["flattened"], self.tr("Flattened: nothing to flatten"))
        for item in (self._segment_item, self._boundary_item):
            item.hide()
        self._geometry_key = None  # the next result redraws titles and ranges

    def _on_explored(self, exploration: Exploration, unpooled: bool = False) -> None:
        """Show ``exploration``; ``unpooled``: it is this view's own, made without the
        pool that does not fit (see _show_pool_failure)."""
        if not unpooled:
            self._pool_failure = None
            self._error = None
            if self.notice_label.isVisible():
                self.notice_label.hide()
        self._filters_pending = False
        self._exploration = exploration
        if self._stack.currentWidget() is not self._stages_page:
            self._stack.setCurrentWidget(self._stages_page)
        self._show_input(exploration.image)
        self._update_geometry(exploration)
        self._show_input_numbers(exploration)
        self._show_selected()
        self._show_all(exploration)
        self._update_overlays()
        self._update_hover()

    def _on_selected_filter_changed(self, _index: int) -> None:
        if self._exploration is None:
            return
        self._show_selected()
        self._update_thumbnail_titles()
        self._update_overlays()
        self._update_hover()

    def _on_cell_selected(self, _row: int, _col: int) -> None:
        self._update_overlays()

    def _on_filters_changed(self) -> None:
        self._filters_pending = True
        # A rename changes no number, so no new exploration follows: show it here.
        self._update_heading()
        # Names can change without a recomputation (renaming a filter).
        if self._exploration is not None and len(self._state.filters) == self._grid_count:
            self._update_thumbnail_titles()

    # --- drawing ---------------------------------------------------------------------
    def _selected_index(self) -> int:
        return min(self._state.selected, self._exploration.conv.shape[0] - 1)

    def _filter_name(self, index: int) -> str:
        filters = self._state.filters
        return filters[index].name if index < len(filters) else str(index + 1)

    def _show_input(self, image: np.ndarray) -> None:
        """Input stage: INK map for one channel, true colour for three (C, H, W)."""
        shown = self._shown_image
        # Each exploration hands out its own array: compare the pixels (0.1 ms at
        # 512×512), since re-colouring the input and, through _image_version, every
        # thumbnail would be most of an edit's work.
        if shown is not None and (image is shown or (
                image.shape == shown.shape and np.array_equal(image, shown))):
            return
        self._shown_image = image
        self._image_version += 1
        self._levels_kept.clear()
        stage = self.stages["input"]
        if image.shape[0] == 3:
            rgb = np.ascontiguousarray(image.transpose(1, 2, 0))
            stage.image.set_rgb(rgb)
            stage.numbers.set_values(None)
        else:
            stage.image.set_map(image[0], (0.0, 1.0), INK)
        self._input_numbers_key = None

    def _show_input_numbers(self, e: Exploration) -> None:
        """The input's values over its pixels (small gray inputs only), and the zeros of
        its padding around them."""
        key = (self._image_version, e.padding)
        if key == self._input_numbers_key:
            return
        self._input_numbers_key = key
        numbers = self.stages["input"].numbers
        gray = e.image[0]
        if e.image.shape[0] == 3 or max(gray.shape) > NUMBERS_MAX_INPUT:
            numbers.set_values(None)
            return
        ph, pw = e.padding
        padded = np.pad(gray, ((ph, ph), (pw, pw)))
        numbers.setPos(-pw, -ph)
        numbers.set_values(padded, padded > 0.5)

    def _update_geometry(self, e: Exploration) -> None:
        """Titles, view ranges and flattened boundaries: only when a shape changes."""
        key = (e.image.shape, e.conv.shape, e.pooled.shape, e.padding, e.pool,
               self._state.settings.activation)
        if key == self._geometry_key:
            return
        self._geometry_key = key
        self._levels_kept.clear()
        ph, pw = e.padding
        h, w = e.image.shape[1:]
        inp = self.stages["input"]
        inp.view.setRange(QRectF(-pw, -ph, w + 2 * pw, h + 2 * ph), padding=MAP_PADDING)
        ring = QPainterPath()
        ring.setFillRule(Qt.FillRule.OddEvenFill)
        ring.addRect(QRectF(-pw, -ph, w + 2 * pw, h + 2 * ph))
        ring.addRect(QRectF(0, 0, w, h))
        padded = ph > 0 or pw > 0
        for item in (self._padding_fill, self._padding_item):
            item.setPath(ring)
            item.setVisible(padded)
        zero = QColor(0, 0, 0) if e.image.shape[0] == 3 else INK.qcolor(0.0, (0.0, 1.0))
        self._padding_fill.setBrush(zero)
        self._padding_item.setToolTip(self.tr("Padding: zeros added around the input"))
        for key, array in (("input", e.image), ("conv", e.conv),
                           ("activated", e.activated), ("pooled", e.pooled)):
            stage = self.stages[key]
            rows, cols = array.shape[1:]
            if key != "input":
                stage.view.setRange(QRectF(0, 0, cols, rows), padding=MAP_PADDING)
            self._title_parts[key] = self._title_parts_for(key, array.shape)
            stage.title = (self._join_title(*self._title_parts[key]), False)
        self._refit()
        n = e.flattened.shape[0]
        flat = self.stages["flattened"]
        flat.view.setRange(QRectF(0, 0, n, 1), padding=0.0)
        self._set_title(flat, self._flattened_titles(n, pooled=e.pool != "none"))
        path = QPainterPath()
        for i in range(1, e.pooled.shape[0]):
            start = e.flat_index(i, 0, 0)
            path.moveTo(start, 0)
            path.lineTo(start, 1)
        self._boundary_item.setPath(path)
        self._boundary_item.show()
        self._layout_thumbnails(e.conv.shape[0])
        for thumb in self.thumbnails[:e.conv.shape[0]]:
            thumb.view.setRange(QRectF(0, 0, e.conv.shape[2], e.conv.shape[1]),
                                padding=MAP_PADDING)
        self._update_thumbnail_titles()

    def _show_selected(self) -> None:
        """The selected filter's conv, activation and pooled maps on one symmetric scale."""
        e = self._exploration
        index = self._selected_index()
        conv, activated, pooled = e.conv[index], e.activated[index], e.pooled[index]
        # The activation and pooling never leave the convolution's range (ReLU, max and
        # average all stay within it), so its magnitude scales all three.
        m = _steady_limit(self._levels_kept.get(("selected", index)),
                          self._map_magnitude(index))
        self._levels_kept[("selected", index)] = m
        self._levels = (-m, m)
        # One reference for all three: where ReLU's short numbers would fit but the
        # convolution's signed ones would not, neither shows (the same for both).
        small = max(conv.shape) <= NUMBERS_MAX_MAP
        reference = np.concatenate([a.ravel() for a in (conv, activated, pooled)]) \
            if small else None
        for key, array in (("conv", conv), ("activated", activated), ("pooled", pooled)):
            stage = self.stages[key]
            stage.image.set_map(array, self._levels)
            if small:
                stage.numbers.set_values(array, np.abs(array) > 0.55 * m, reference)
            else:
                stage.numbers.set_values(None)
        if self.colorbar.levels() != self._levels:
            self.colorbar.setLevels(self._levels)
        self._update_heading()
        # The selected filter's part of the flattened vector, from its first pooled cell
        # to its last (engine.pipeline.flat_index gives the order).
        rows, cols = e.pooled.shape[1:]
        start, end = e.flat_index(index, 0, 0), e.flat_index(index, rows - 1, cols - 1) + 1
        self._segment_item.setRect(QRectF(start, 0, end - start, 1))
        self._segment_item.show()

    def _show_all(self, e: Exploration) -> None:
        """The flattened strip and every thumbnail on one shared symmetric scale.

        A thumbnail whose inputs (picture, geometry, scale, weights, bias) are those it
        already shows is left alone: an edit usually changes one filter, and re-colouring
        the other maps would be most of the work of a frame.
        """
        count = e.conv.shape[0]
        wanted = max(self._map_magnitude(i) for i in range(count))
        m = _steady_limit(self._levels_kept.get("grid"), wanted)
        self._levels_kept["grid"] = m
        self._grid_levels = (-m, m)
        self.stages["flattened"].image.set_map(e.flattened[None], self._grid_levels)
        for i, thumb in enumerate(self.thumbnails[:count]):
            map_signature = self._map_signature(i)
            signature = None if map_signature is None else (map_signature, self._grid_levels)
            if signature is not None and signature == thumb.signature:
                continue
            thumb.signature = signature
            thumb.image.set_map(e.conv[i], self._grid_levels)
        if self.grid_colorbar.levels() != self._grid_levels:
            self.grid_colorbar.setLevels(self._grid_levels)

    def _map_signature(self, index: int) -> tuple | None:
        """What filter ``index``'s feature map is computed from (picture, geometry,
        weights, bias), or None when the filters on hand may not be the exploration's."""
        e = self._exploration
        filters = self._state.filters
        if self._filters_pending or len(filters) != e.conv.shape[0]:
            return None
        return (self._image_version, self._geometry_key, e.stride, e.dilation,
                filters[index].weights.tobytes(), filters[index].bias)

    def _map_magnitude(self, index: int) -> float:
        """:func:`_magnitude` of filter ``index``'s feature map, re-scanned only when the
        map changed (an edit changes one filter; scanning all 8 maps of 512×512 took
        half a millisecond)."""
        signature = self._map_signature(index)
        kept = self._magnitudes.get(index)
        if signature is not None and kept is not None and kept[0] == signature:
            return kept[1]
        magnitude = _magnitude(self._exploration.conv[index])
        self._magnitudes[index] = (signature, magnitude)
        return magnitude

    def _thumbnail_count(self) -> int:
        return 0 if self._exploration is None else self._exploration.conv.shape[0]

    def _layout_thumbnails(self, count: int) -> None:
        """Place ``count`` thumbnails in rows of GRID_COLUMNS (only when the count changes)."""
        if count == self._grid_count:
            return
        self._grid_count = count
        for thumb in self.thumbnails:
            if thumb.plot in self.grid.items:
                self.grid.removeItem(thumb.plot)
        while len(self.thumbnails) < count:
            thumb = self._make_plot("thumbnail")
            self.thumbnails.append(thumb)
        columns, _ = self._grid_shape(count, self._arrangement)
        self._grid_columns = columns
        for i, thumb in enumerate(self.thumbnails[:count]):
            self.grid.addItem(thumb.plot, row=i // columns, col=i % columns)
            thumb.title = None
        self._refit()

    @staticmethod
    def _grid_shape(count: int, arrangement: str = ROW) -> tuple[int, int]:
        """(columns, rows) of the thumbnail grid for ``count`` filters: rows of up to
        GRID_COLUMNS named maps, or past two such rows up to GRID_COLUMNS_COMPACT
        numbered ones (never more than two rows, so the stages keep their room). Beside
        the four stages in a row, at least four columns (a thumbnail under each stage);
        under the square, at least six, so the thumbnails stay smaller than the stages."""
        if count > 2 * GRID_COLUMNS:
            columns = min(GRID_COLUMNS_COMPACT, math.ceil(count / 2))
        else:
            columns = min(GRID_COLUMNS, max(count, 4 if arrangement == ROW else 6))
        return columns, max(1, math.ceil(count / columns))

    def _update_thumbnail_titles(self) -> None:
        count = self._thumbnail_count()
        selected = self._state.selected
        for i, thumb in enumerate(self.thumbnails[:count]):
            number = str(i + 1)
            if self._grid_columns > GRID_COLUMNS:
                titles = (number,)  # too many to name: the hover text names them
            else:
                # The name, shortened to fit the thumbnail, or the number alone.
                titles = (self.tr("{number}. {name}").format(
                    number=number, name=self._filter_name(i)), number)
            self._set_title(thumb, titles, selected=i == selected, elide_first=True)
            if thumb.bordered != (i == selected):  # a border repaints: only on a change
                thumb.bordered = i == selected
                thumb.image.set_border(_pen(QColor(SELECTED_TITLE_COLOR), 3)
                                      if i == selected else None)

    def _update_overlays(self) -> None:
        """Receptive field, selected cell and pool window, from the current selection."""
        e = self._exploration
        if e is None:
            return
        row, col = self._state.selected_cell
        conv_rows, conv_cols = e.conv.shape[1:]
        if 0 <= row < conv_rows and 0 <= col < conv_cols:
            self._draw_field(e, row, col)
            for marker in self._cell_markers.values():
                marker.setRect(QRectF(col, row, 1, 1))
                marker.show()
        else:
            self._field_item.hide()
            for marker in self._cell_markers.values():
                marker.hide()
        pooled = self.pool_explanation
        if pooled is not None:
            pr, pc = self._pool_cell
            self._pool_marker.setRect(QRectF(pc, pr, 1, 1))
            top, left = pooled.origin
            self._pool_window_item.setRect(QRectF(left, top, *pooled.window.shape[::-1]))
            self._pool_marker.show()
            self._pool_window_item.show()
            if pooled.winner is not None:
                self._pool_winner_item.setRect(QRectF(pooled.winner[1] + 0.2,
                                                      pooled.winner[0] + 0.2, 0.6, 0.6))
            self._pool_winner_item.setVisible(pooled.winner is not None)
        else:
            self._pool_marker.hide()
            self._pool_window_item.hide()
            self._pool_winner_item.hide()
        self._update_hover()

    def _draw_field(self, e: Exploration, row: int, col: int) -> None:
        """Outline the input cells that feature-map cell (row, col) reads."""
        kh, kw = self._state.selected_filter.weights.shape[-2:]
        (sh, sw), (ph, pw), (dh, dw) = e.stride, e.padding, e.dilation
        top, left = row * sh - ph, col * sw - pw
        rows, cols = top + dh * np.arange(kh), left + dw * np.arange(kw)
        path = QPainterPath()
        height = int(rows[-1]) - top + 1
        width = int(cols[-1]) - left + 1
        path.addRect(QRectF(left, top, width, height))
        if e.dilation != (1, 1):
            # A dilated kernel reads only some cells of its span: outline each of them.
            for r in rows:
                for c in cols:
                    path.addRect(QRectF(float(c) + 0.15, float(r) + 0.15, 0.7, 0.7))
        self._field_item.setPath(path)
        self._field_item.show()

    # --- keyboard --------------------------------------------------------------------
    _MOVES = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
              Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}

    def eventFilter(self, watched, event) -> bool:
        if watched is self.graphics:
            if event.type() == event.Type.KeyPress:
                return self.handle_key(event.key())
            if event.type() == event.Type.Leave:
                self._hover_pos = None
                self._update_hover()
            if event.type() == event.Type.Resize:
                # The view is about to give the scene's layout its own size.
                self._fit(event.size().width(), event.size().height())
        return super().eventFilter(watched, event)

    def handle_key(self, key) -> bool:
        """Arrows move the selected feature-map cell (the first press selects the
        top-left one), [ and ] select the previous and next filter, Escape clears the
        selection. Returns whether the key was used."""
        e = self._exploration
        if e is None:
            return False
        if key in self._MOVES:
            rows, cols = e.conv.shape[1:]
            row, col = self._state.selected_cell
            if row < 0 or col < 0:
                row, col = 0, 0
            else:
                dr, dc = self._MOVES[key]
                row = min(max(row + dr, 0), rows - 1)
                col = min(max(col + dc, 0), cols - 1)
            self._state.select_cell(row, col)
            return True
        if key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            step = -1 if key == Qt.Key.Key_BracketLeft else 1
            self._state.select_filter(self._state.selected + step)
            return True
        if key == Qt.Key.Key_Escape:
            with self._state.batch():
                self._state.select_pooled_cell(-1, -1)
                self._state.select_cell(-1, -1)
            return True
        return False

    # --- mouse -----------------------------------------------------------------------
    def _hit(self, scene_pos) -> tuple[str, int, int, int] | None:
        """(key, row, col, thumbnail index or -1) of the cell under ``scene_pos``."""
        if self._exploration is None:
            return None
        candidates = [(s.key, s, -1) for s in self.stages.values()]
        candidates += [("thumbnail", t, i) for i, t in enumerate(self.thumbnails[
            :self._thumbnail_count()])]
        for key, stage, index in candidates:
            if stage.image.image is None or not stage.view.sceneBoundingRect().contains(
                    scene_pos):
                continue
            # The view updates its data-to-screen mapping lazily, at its next paint.
            stage.view.prepareForPaint()
            point = stage.image.mapFromScene(scene_pos)
            row, col = math.floor(point.y()), math.floor(point.x())
            rows, cols = stage.image.image.shape[:2]
            if 0 <= row < rows and 0 <= col < cols:
                return key, row, col, index
            return None
        return None

    def _on_mouse_moved(self, scene_pos) -> None:
        self._hover_pos = scene_pos
        self._update_hover()

    def _update_hover(self) -> None:
        """Describe the cell under the pointer in the data on show now (also after the
        data changed under a still pointer), or show the hint."""
        hit = None if self._hover_pos is None else self._hit(self._hover_pos)
        if hit is not None:
            self.hover_label.set_texts(*self._describe(*hit))
        elif self.pool_explanation is not None:  # the clicked pooled cell's sum stays
            self.hover_label.set_texts(*self._pool_arithmetic(*self._pool_cell))
        else:
            self.hover_label.set_texts(*self._hover_hints())

    def _update_heading(self) -> None:
        if self._exploration is None:
            return
        index = self._selected_index()
        number, name = shown_index(index), html.escape(self._filter_name(index))
        self.heading.set_texts(
            self.tr("<b>Filter {number} \u201c{name}\u201d</b> \u2014 each stage of the "
                    "layer for this filter").format(number=number, name=name),
            self.tr("<b>Filter {number} \u201c{name}\u201d</b>").format(
                number=number, name=name))

    def _describe(self, key: str, row: int, col: int, index: int) -> tuple[str, ...]:
        """What the cell under the pointer holds, longest text first."""
        texts = self._describe_texts(key, row, col, index)
        return (texts,) if isinstance(texts, str) else tuple(texts)

    def _describe_texts(self, key: str, row: int, col: int, index: int):
        # Rows, columns, filters and positions read from 1 (gui/common/number_format.py).
        e = self._exploration
        at = {"row": shown_index(row), "col": shown_index(col)}
        if key == "input":
            image = e.image
            scale = pixel_scale(image.shape[0], self._state.preprocess.invert)
            if image.shape[0] == 3:
                r, g, b = (format_number(v) for v in image[:, row, col])
                return self.tr("Input [row {row}, col {col}] = R {r}, G {g}, B {b}  "
                               "({scale})").format(r=r, g=g, b=b, scale=scale, **at)
            return self.tr("Input [row {row}, col {col}] = {value}  ({scale})").format(
                value=format_number(image[0, row, col]), scale=scale, **at)
        if key == "flattened":
            filt, prow, pcol = e.unflatten_index(col)
            return self.tr("Flattened [position {index}] = {value}  \u2190 filter {filter} "
                           "\u201c{name}\u201d, pooled row {row}, col {col}").format(
                index=shown_index(col), value=format_number(e.flattened[col]),
                filter=shown_index(filt), name=self._filter_name(filt), row=shown_index(prow),
                col=shown_index(pcol))
        if key == "thumbnail":
            return self.tr("Feature map of filter {filter} \u201c{name}\u201d [row {row}, "
                           "col {col}] = {value}").format(
                filter=shown_index(index), name=self._filter_name(index),
                value=format_number(e.conv[index, row, col]), **at)
        if key == "pooled" and e.pool != "none":
            return self._pool_arithmetic(row, col)
        array = {"conv": e.conv, "activated": e.activated, "pooled": e.pooled}[key]
        value = array[self._selected_index(), row, col]
        return self.tr("{stage} [row {row}, col {col}] = {value}").format(
            stage=self._stage_name(key), value=format_number(value), **at)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit(event.scenePos())
        if hit is not None:
            self.click_cell(*hit[:3], index=hit[3])

    def click_cell(self, key: str, row: int, col: int, index: int = -1) -> None:
        """Act as a click on cell (row, col) of stage ``key`` (or thumbnail ``index``)."""
        e = self._exploration
        if e is None:
            return
        if key in ("conv", "activated"):
            self._state.select_cell(row, col)
        elif key == "pooled" and e.pool != "none":
            self._pool_cell = (row, col)
            self._update_overlays()
        elif key == "flattened":
            filt, prow, pcol = e.unflatten_index(col)
            with self._state.batch():
                self._state.select_pooled_cell(prow, pcol)
                self._state.select_filter(filt)
        elif key == "thumbnail":
            self._state.select_filter(index)


# --- PNG export helpers -------------------------------------------------------------------

def _map_qimage(values: np.ndarray, levels: tuple[float, float]) -> QImage:
    """(H, W) values on the diverging map scaled to ``levels`` -> a QImage."""
    return DIVERGING.qimage(np.asarray(values, np.float32), levels)


def _input_qimage(image: np.ndarray) -> QImage:
    """(C, H, W) input -> INK-mapped gray or true-colour RGB QImage."""
    if image.shape[0] == 3:
        return rgb_to_qimage(image.transpose(1, 2, 0))
    return ink_to_qimage(image[0])


def _enlarge(image: QImage, target: int = 256) -> QImage:
    """Scale up by a whole factor with square pixels until the long side is ``target``."""
    factor = max(1, target // max(image.width(), image.height()))
    if factor == 1:
        return image
    return image.scaled(image.width() * factor, image.height() * factor,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name).strip("-").lower() or "filter"


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")

