"""What the stage view draws: one stage (a title over a bare view box holding one heatmap
and the numbers written over its cells), the titles that fit their text to the room they
get, and the pens of the overlays."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsWidget, QSizePolicy

import gui.common.plotting  # noqa: F401  (pyqtgraph set-up before any item)
from gui.common.colormap import DIVERGING
from gui.common.heatmap import HeatmapItem
from gui.common.number_format import exact_decimals, format_numbers, widest_candidates
from gui.common.number_grid import paint_number_grid

#: Largest input (rows and columns) whose pixel values are written over the pixels.
NUMBERS_MAX_INPUT = 32
#: Largest feature map whose values are written over its cells.
NUMBERS_MAX_MAP = 16

#: Receptive field and selected cell: green reads on white, black, red and blue alike.
FIELD_COLOR = QColor(0, 166, 81)
#: Pool window and selected pooled cell.
POOL_COLOR = QColor(243, 156, 18)
SELECTED_TITLE_COLOR = "#0b5394"
TITLE_COLOR = "#333333"
#: Title font size in points; stage titles step down to the smaller sizes (then to two
#: lines, then to an ellipsis) when their columns are narrow.
TITLE_POINTS = 9.0
#: How the stage titles of the top row are tried, best first, as (lines, points): all
#: four take the first that fits every one of them, so the row stays uniform.
TITLE_MODES = ((1, 9.0), (1, 8.0), (2, 9.0), (2, 8.0), (2, 7.0))


#: Margin the view box leaves around a map (a fraction of the map's size).
MAP_PADDING = 0.02


def pen(color: QColor, width: float = 2.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width)
    pen.setCosmetic(True)  # constant on-screen width whatever the zoom
    pen.setStyle(style)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


#: Colour scales never get narrower than this: a response that is zero up to float


def title_font(points: float = TITLE_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def title_height(lines: int) -> int:
    """Height of a title row of ``lines`` lines at the largest title size."""
    return math.ceil(lines * QFontMetricsF(title_font()).lineSpacing()) + 6


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
        self._hint = hint
        self._top_inset = 0.0
        self._texts: tuple[str, ...] = ("",)
        self._elide_first = False
        self._color = QColor(TITLE_COLOR)
        self._font = title_font()
        self._alignment = alignment
        self._fitted: tuple[float, str] | None = None  # (width, text) last fitted
        self._fitted_text = ""  # the whole text that was fitted then
        # No minimum and no preferred size: the layout decides, the text adapts.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(0, 0)
        self.setPreferredSize(0, 0)
        self.setMaximumSize(QSizeF(1e6, 1e6))
        self.setFlag(QGraphicsWidget.GraphicsItemFlag.ItemClipsToShape, True)
        # Text is the slowest thing the stage view paints, and titles change far less
        # often than the maps beside them: keep the drawn text as a pixmap, redrawn
        # only after update() (new text, colour, inset) or a new size or zoom.
        self.setCacheMode(QGraphicsWidget.CacheMode.DeviceCoordinateCache)

    @property
    def top_inset(self) -> float:
        """Pixels left empty above the text."""
        return self._top_inset

    @top_inset.setter
    def top_inset(self, inset: float) -> None:
        if inset != self._top_inset:
            self._top_inset = inset
            self.update()

    @property
    def hint(self) -> str:
        """Tooltip while the whole text shows (the whole text is the tooltip otherwise)."""
        return self._hint

    @hint.setter
    def hint(self, hint: str) -> None:
        self._hint = hint
        if self._fitted is None or self._fitted[1] == self._texts[0]:
            self.setToolTip(hint)

    def set_text(self, texts, color: str = TITLE_COLOR, bold: bool = False,
                 points: float = TITLE_POINTS, elide_first: bool = False) -> None:
        """Show the first of ``texts`` (a string or longest-first strings) that fits."""
        texts = (texts,) if isinstance(texts, str) else tuple(texts)
        font = title_font(points, bold)
        if (texts == self._texts and QColor(color) == self._color and font == self._font
                and elide_first == self._elide_first):
            return
        self._texts, self._color, self._font = texts, QColor(color), font
        self._elide_first = elide_first
        if self._fitted is not None and self._fitted[1] != self._fitted_text:
            # Shortened before: the whole new text is the tooltip until it is fitted again.
            self.setToolTip(texts[0].replace("\n", " "))
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
            self._fitted_text = self._texts[0]
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
        painter.drawText(self.rect().adjusted(0, self._top_inset, 0, 0), self._alignment, text)


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
    cells are too small to hold a readable number. Strings are written on the first
    paint that can show them (most maps of an edit are too large for numbers, or too
    small on screen) and kept until the next array.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shape = (0, 0)
        self._values: np.ndarray | None = None
        #: The decimals each choice writes with, and the texts that may be its widest.
        self._widest: dict[int, list[str]] = {}
        self._texts: dict[int, list[str]] = {}
        self._widths: dict[tuple[int, str], float] = {}
        self._light_text = np.zeros(0, dtype=bool)
        #: Items whose numbers show only together (this one included, or empty).
        self.group: list[CellNumbers] = []
        self.setZValue(5)

    @property
    def has_values(self) -> bool:
        return self._values is not None

    def set_values(self, values: np.ndarray | None, dark: np.ndarray | None = None,
                   reference: np.ndarray | None = None) -> None:
        """Show ``values`` (H, W); ``dark`` (H, W) bool marks cells needing white text.

        ``reference`` (any shape, default ``values``) sets the decimals and the widest
        text the font is fitted to: maps given one reference, drawn at one cell size,
        show their numbers alike (all of them, or none).
        """
        if values is None or values.size == 0:
            if self._values is not None:
                self._values, self._widest, self._texts = None, {}, {}
                self.update()
            return
        if values.shape != self._shape:
            self.prepareGeometryChange()
            self._shape = values.shape
        flat = np.asarray(values).ravel()
        fit = flat if reference is None else np.asarray(reference).ravel()
        # As few decimals as show every value exactly (0.5, not 0.50), at most two;
        # one as a fallback when cells are too small for two.
        exact = exact_decimals(fit)
        self._values = flat.copy()  # written lazily: the caller may reuse its array
        fitted = flat if reference is None else np.concatenate((fit, flat))
        self._widest = {d: widest_candidates(fitted, d)
                        for d in sorted({exact, min(exact, 1)})}
        self._texts = {}
        self._widths = {}
        self._light_text = (np.zeros(values.shape, bool) if dark is None
                            else np.asarray(dark, bool).reshape(values.shape))
        self.update()

    def texts(self, decimals: int) -> list[str]:
        """The values written with ``decimals`` decimals, row-major (once per array)."""
        texts = self._texts.get(decimals)
        if texts is None:
            texts = self._texts[decimals] = format_numbers(self._values, decimals)
        return texts

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._shape[1], self._shape[0])

    def _em_width(self, decimals: int, font: QFont) -> float:
        """Width of the widest text, in units of the font's pixel size."""
        key = (decimals, font.family())
        if key not in self._widths:
            probe = QFont(font)
            probe.setPixelSize(100)
            metrics = QFontMetricsF(probe)
            widest = max(metrics.horizontalAdvance(t) for t in self._widest[decimals])
            self._widths[key] = max(widest, 1.0) / 100.0
        return self._widths[key]

    def _font_choice(self, transform) -> tuple[float, int | None]:
        """(pixel size, decimals) to write with under ``transform`` (item to device);
        a size below 7 means the numbers do not fit."""
        cell = transform.mapRect(QRectF(0, 0, 1, 1))
        if min(cell.width(), cell.height()) < 10:
            return 0.0, None
        font = QFont()
        # Most decimals that still read at 9 px; else whichever writes largest.
        font_px, chosen = 0.0, None
        for decimals in sorted(self._widest, reverse=True):
            px = min(0.7 * cell.height(), 0.9 * cell.width() / self._em_width(decimals, font),
                     14.0)
            if px >= 9:
                return px, decimals
            if px > font_px:
                font_px, chosen = px, decimals
        return font_px, chosen

    def _device_transform(self):
        views = self.scene().views() if self.scene() is not None else []
        return self.deviceTransform(views[0].viewportTransform()) if views else None

    def legible(self) -> bool:
        """Whether this item's numbers fit its cells as drawn now."""
        if self._values is None:
            return False
        transform = self._device_transform()
        return transform is not None and self._font_choice(transform)[0] >= 7

    def paint(self, painter, *args) -> None:
        if self._values is None:
            return
        # Maps shown side by side write their numbers all, or none of them.
        if any(not other.legible() for other in self.group
               if other is not self and other.has_values):
            return
        transform = painter.transform()
        font_px, decimals = self._font_choice(transform)
        if font_px < 7:
            return
        texts = self.texts(decimals)
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
class Stage:
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
    #: (columns, rows) the view box's range was set to (thumbnails skip an unchanged one).
    extent: tuple[int, int] | None = None




def make_stage(key: str, aspect: bool = True, colormap=DIVERGING) -> Stage:
    """A title over a bare view box (no axes, no mouse panning) holding one map.

    The title is a TitleItem, which takes the width the layout gives and fits its
    text (a plot's own title asks for its whole text's width and widens the column).
    """
    plot = pg.GraphicsLayout()
    plot.setContentsMargins(1, 1, 1, 1)
    plot.setSpacing(0)
    label = TitleItem()
    plot.addItem(label, row=0, col=0)
    plot.layout.setRowFixedHeight(0, title_height(1))
    view = plot.addViewBox(row=1, col=0, enableMouse=False, enableMenu=False)
    view.setAspectLocked(aspect)
    view.invertY(True)  # row 0 at the top, as in the array
    view.disableAutoRange()
    view.setDefaultPadding(0.0)
    image = HeatmapItem(colormap)
    view.addItem(image)
    return Stage(key, plot, image, label, view)
