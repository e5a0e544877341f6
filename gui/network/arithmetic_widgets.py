"""The painted pieces of a unit's arithmetic on the Network page (see
:mod:`gui.network.detail`): a grid of numbers on coloured cells (:class:`ValueGrid`), every
input channel's window ⊙ kernel slice = products (:class:`ChannelCards`), a small table of
texts (:class:`TextTable`) and the input with a receptive field outlined
(:class:`FieldView`). Each paints itself, so a new image changes numbers, not widgets.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.common.colormap import DIVERGING, INK
from gui.common.heatmap import rgb_qimage
from gui.common.number_format import exact_decimals, format_number
from gui.common.number_grid import font_px_for, paint_number_grid

FIELD_SCALE = 4
WINNER = QColor(255, 140, 0)


def number_text(value: float, decimals: int = 3) -> str:
    return format_number(value, decimals)


def factor_text(value: float, decimals: int = 3) -> str:
    text = number_text(value, decimals)
    return f"({text})" if text.startswith("\u2212") else text


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def exp_text(value: float) -> str:
    """An exponential: plain when moderate, else as ``6.6948 × 10⁶``. Five significant
    digits, so that a probability worked out by hand from the shown numbers agrees with
    the one shown to two decimals (with two, 6.69e06 / 6.7e06 gave 99.85 %, not 99.92)."""
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        return format_number(value, 3)
    mantissa, exponent = f"{value:.4e}".split("e")
    return f"{mantissa.replace('-', '−')} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


class ValueGrid(QWidget):
    """A small grid of numbers on cells coloured by value (the shared number painter),
    with an optional outlined cell (a pool's winner) and hatched cells (padding).
    Hovering a cell shows its value in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros((0, 0))
        self.setMouseTracking(True)

    def set_data(self, values, colormap, levels, cell: float, *, outlined=None,
                 hatched=None, tooltip: str = "") -> None:
        self.values = np.asarray(values, dtype=np.float64)
        self._fills = colormap.rgb(self.values, levels)
        decimals = exact_decimals(self.values)
        self._texts = [format_number(v, decimals) for v in self.values.ravel()]
        self._cell = cell
        self._outlined = outlined
        self._hatched = hatched
        self._tooltip = tooltip
        rows, cols = self.values.shape
        self.setFixedSize(int(cols * cell) + 2, int(rows * cell) + 2)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        shape = self.values.shape
        paint_number_grid(painter, (1, 1), self._cell, shape, fills=self._fills,
                          texts=self._texts, font=self.font(),
                          font_px=font_px_for(self._cell, self._texts, self.font()),
                          hatched=self._hatched, grid_pen=QPen(QColor(205, 205, 205), 1),
                          outline_pen=QPen(QColor(120, 120, 120), 1))
        if self._outlined is not None:
            r, c = self._outlined
            painter.setPen(QPen(WINNER, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1 + c * self._cell, 1 + r * self._cell, self._cell,
                                    self._cell).adjusted(1, 1, -1, -1))
        painter.end()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            r = int((event.pos().y() - 1) // self._cell)
            c = int((event.pos().x() - 1) // self._cell)
            rows, cols = self.values.shape
            if 0 <= r < rows and 0 <= c < cols:
                QToolTip.showText(event.globalPos(), QCoreApplication.translate(
                    "UnitDetail", "{0}\n{1}").format(self._tooltip, number_text(
                        self.values[r, c], 5)).strip(), self)
            return True
        return super().event(event)


class ChannelCards(QWidget):
    """Every input channel's "window ⊙ kernel slice = products" of one convolution unit,
    painted as cards that wrap to the widget's width (one widget however many channels,
    so a new image costs one repaint, not dozens of widgets). Hovering a cell shows its
    value; :attr:`cards` holds (window, kernel, products) per channel."""

    SIGN = 18
    GAP = 4
    CAPTION = 16
    CARD_GAP = (18, 8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = []
        self._kinds = []
        self._grid_size = (0.0, 0.0)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_data(self, windows, kernels, products, sums, levels, cell: float, captions,
                 hatched=None) -> None:
        """Show the channels' windows, kernel slices and products (each (C, KH, KW)),
        the per-channel ``sums``; ``levels`` = (window colour map, window levels,
        kernel levels, product levels)."""
        window_map, window_levels, kernel_levels, product_levels = levels
        old_layout = (len(self.cards), self._grid_size)
        self.cards = list(zip(windows, kernels, products, strict=True))
        self.sums = np.asarray(sums, dtype=np.float64)
        self._cell = cell
        self._captions = captions  # (channel captions, "Kernel", "sum {0}")
        self._hatched = hatched
        # Per kind (windows, kernels, products): the values (C, KH, KW), their colours
        # and one number of decimals for all channels alike; each cell's text is made
        # when its card is first painted (most cards lie below the fold).
        self._kinds = []
        samples = []
        for values, cmap, lv in ((windows, window_map, window_levels),
                                 (kernels, DIVERGING, kernel_levels),
                                 (products, DIVERGING, product_levels)):
            values = np.asarray(values, dtype=np.float64)
            decimals = exact_decimals(values)
            self._kinds.append((values, cmap.rgb(values, lv), decimals))
            samples += [format_number(v, decimals) for v in (values.min(), values.max())]
        self._texts: dict[tuple[int, int], list[str]] = {}
        kh, kw = np.shape(windows[0])
        self._grid_size = (kw * cell, kh * cell)
        self._font_px = font_px_for(cell, samples, self.font())
        if (len(self.cards), self._grid_size) != old_layout:
            self.updateGeometry()
        self.update()

    def card_size(self) -> tuple[float, float]:
        gw, gh = self._grid_size
        return 3 * gw + 2 * self.SIGN + 4 * self.GAP, self.CAPTION + gh + 2

    def _per_row(self, width: float) -> int:
        card_w, _ = self.card_size()
        return max(1, min(len(self.cards), int((width + self.CARD_GAP[0])
                                               // (card_w + self.CARD_GAP[0]))))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        rows = -(-len(self.cards) // self._per_row(width))
        return int(rows * (self.card_size()[1] + self.CARD_GAP[1]))

    def sizeHint(self) -> QSize:
        card_w, _ = self.card_size()
        width = int(min(len(self.cards), 3) * (card_w + self.CARD_GAP[0]))
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        card_w, card_h = self.card_size()
        return QSize(int(card_w), int(card_h))

    def _origins(self, channel: int) -> list[tuple[float, float]]:
        """Top-left corners of channel ``channel``'s three grids."""
        card_w, card_h = self.card_size()
        per_row = self._per_row(self.width())
        r, c = divmod(channel, per_row)
        x = c * (card_w + self.CARD_GAP[0])
        y = r * (card_h + self.CARD_GAP[1]) + self.CAPTION
        gw = self._grid_size[0]
        step = gw + self.SIGN + 2 * self.GAP
        return [(x + 1 + k * step, y + 1) for k in range(3)]

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        gw, gh = self._grid_size
        shape = self.cards[0][0].shape
        names, kernel_caption, sum_caption = self._captions
        sign_font = QFont(self.font())
        sign_font.setPixelSize(16)
        visible = event.rect()
        for channel in range(len(self.cards)):
            origins = self._origins(channel)
            if not visible.intersects(QRect(int(origins[0][0]), int(origins[0][1]) -
                                            self.CAPTION, int(3 * gw + 60), int(gh + 20))):
                continue
            captions = (names[channel], kernel_caption, sum_caption.format(
                number_text(self.sums[channel])))
            for k, (x, y) in enumerate(origins):
                values, fills, _ = self._kinds[k]
                painter.setFont(self.font())
                painter.setPen(QColor(85, 85, 85))
                painter.drawText(QRectF(x - 10, y - self.CAPTION, gw + 20, self.CAPTION),
                                 Qt.AlignmentFlag.AlignCenter, captions[k])
                paint_number_grid(painter, (x, y), self._cell, shape, fills=fills[channel],
                                  texts=self._cell_texts(channel, k), font=self.font(),
                                  font_px=self._font_px,
                                  hatched=self._hatched if k == 0 else None,
                                  grid_pen=QPen(QColor(205, 205, 205), 1),
                                  outline_pen=QPen(QColor(120, 120, 120), 1))
                if k < 2:
                    painter.setFont(sign_font)
                    painter.setPen(QColor(102, 102, 102))
                    painter.drawText(QRectF(x + gw + self.GAP, y, self.SIGN, gh),
                                     Qt.AlignmentFlag.AlignCenter, "⊙" if k == 0 else "=")
        painter.end()

    def _cell_texts(self, channel: int, kind: int) -> list[str]:
        key = (channel, kind)
        texts_ = self._texts.get(key)
        if texts_ is None:
            values, _, decimals = self._kinds[kind]
            texts_ = self._texts[key] = [format_number(v, decimals)
                                         for v in values[channel].ravel()]
        return texts_

    def cell_at(self, x: float, y: float):
        """(channel, grid 0-2, row, col) under (x, y), or None."""
        gw, gh = self._grid_size
        for channel in range(len(self.cards)):
            for k, (gx, gy) in enumerate(self._origins(channel)):
                if gx <= x < gx + gw and gy <= y < gy + gh:
                    return channel, k, int((y - gy) // self._cell), int((x - gx) // self._cell)
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.cell_at(event.pos().x(), event.pos().y())
            if hit is None:
                QToolTip.hideText()
            else:
                channel, k, r, c = hit
                QToolTip.showText(event.globalPos(), number_text(self.cards[channel][k][r, c], 5),
                                  self)
            return True
        return super().event(event)


class TextTable(QWidget):
    """A small table of texts painted directly: the first column left-aligned, the
    others right-aligned (numbers), one row highlighted, bold rows for totals. Cheaper to
    refresh than a rich-text label, whose document is laid out again on every change.
    :attr:`rows` keeps the texts (header first)."""

    PAD = 10
    HIGHLIGHT = QColor(255, 226, 191)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self._highlight = None
        self._bold: set[int] = set()
        self._widths: list[int] = []

    def set_rows(self, header, rows, highlight: int | None = None, bold=()) -> None:
        """``header`` and each of ``rows``: one text per column; ``highlight`` and
        ``bold`` are indices into ``rows``."""
        self.rows = [list(header)] + [list(r) for r in rows]
        self._highlight = highlight
        self._bold = set(bold)
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        metrics = QFontMetrics(bold_font)
        self._widths = [max(metrics.horizontalAdvance(row[c]) for row in self.rows)
                        for c in range(len(header))]
        row_h = metrics.height() + 3
        self._row_h = row_h
        self.setFixedSize(sum(self._widths) + self.PAD * len(self._widths),
                          row_h * len(self.rows) + 2)
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        for r, row in enumerate(self.rows):
            y = 1 + r * self._row_h
            if self._highlight is not None and r == self._highlight + 1:
                painter.fillRect(QRectF(0, y, self.width(), self._row_h), self.HIGHLIGHT)
            painter.setFont(bold_font if r == 0 or (r - 1) in self._bold else self.font())
            painter.setPen(QColor(40, 40, 40))
            x = 0
            for c, text in enumerate(row):
                width = self._widths[c]
                align = (Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight)
                painter.drawText(QRectF(x, y, width, self._row_h),
                                 align | Qt.AlignmentFlag.AlignVCenter, text)
                x += width + self.PAD
        if self.rows:
            painter.setPen(QPen(QColor(190, 190, 190), 1))
            painter.drawLine(0, 1 + self._row_h, self.width(), 1 + self._row_h)
        painter.end()


class FieldView(QWidget):
    """The input picture, enlarged, with a unit's receptive field outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picture = None
        self._box = None
        self._shape = (28, 28)
        self.setFixedSize(28 * FIELD_SCALE + 2, 28 * FIELD_SCALE + 2)

    def set_input(self, image: np.ndarray) -> None:
        """``image`` (C, H, W): one channel of ink, or three of colour."""
        if image.shape[0] == 3:
            self._picture = rgb_qimage(image.transpose(1, 2, 0))
        else:
            self._picture = INK.qimage(image[0], (0.0, 1.0))
        h, w = image.shape[1:]
        scale = max(1, min(FIELD_SCALE, 120 // max(h, w)))
        self._scale = scale
        self._shape = (h, w)
        self.setFixedSize(w * scale + 2, h * scale + 2)
        self.update()

    def set_box(self, box) -> None:
        """``box`` = (top, left, bottom, right) inclusive, or None."""
        self._box = box
        self.update()

    def paintEvent(self, _event) -> None:
        if self._picture is None:
            return
        painter = QPainter(self)
        h, w = self._shape
        s = self._scale
        painter.drawImage(QRectF(1, 1, w * s, h * s), self._picture)
        painter.setPen(QPen(QColor(150, 150, 150), 1))
        painter.drawRect(QRectF(0.5, 0.5, w * s + 1, h * s + 1))
        if self._box is not None:
            top, left, bottom, right = self._box
            painter.setPen(QPen(WINNER, 2))
            painter.setBrush(QColor(255, 140, 0, 50))
            painter.drawRect(QRectF(1 + left * s, 1 + top * s, (right - left + 1) * s,
                                    (bottom - top + 1) * s))
        painter.end()
