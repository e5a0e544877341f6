"""A heatmap item for pyqtgraph views, coloured through gui.common.colormap.

:class:`HeatmapItem` is a plain ``pyqtgraph.GraphicsObject`` (public API only): it keeps
the full array, and at paint time colours it once per array and screen size into an
RGB32 picture, averaged down first when the map has more cells than the screen has
pixels for it (:func:`box_downsample`). Cell (row, col) covers the rectangle
``[col, col + 1) × [row, row + 1)`` in item coordinates.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy

from gui.common.colormap import ColourMap
from gui.common.number_format import exact_decimals, format_number


def box_downsample(values: np.ndarray, fy: int, fx: int) -> np.ndarray:
    """Mean over fy×fx blocks of the first two axes of (H, W) or (H, W, 3) ``values``.

    Separable: the fy rows of each block are summed first, then the fx columns of the
    result. The rows are a reduction over whole contiguous rows; for an (H, W) map the
    columns are one matrix-vector product with a vector of 1 / (fy·fx) (measured 35 %
    faster than strided slices for a 510×510 map at 4×4), for a picture fx strided
    slices (``reshape().mean()`` is ~15× slower: NumPy reduces short middle axes
    slowly). A long block along the columns (the flattened strip) is reduced by
    reshaping instead.
    """
    h, w = values.shape[:2]
    fy, fx = max(1, min(fy, h)), max(1, min(fx, w))
    oh, ow = h // fy, w // fx
    if fx >= 16:
        values = values[:, :fx * ow].reshape(h, ow, fx, *values.shape[2:]).mean(
            axis=2, dtype=np.float32)
        fx = 1
    if fy > 1:
        rows = np.add.reduce(values[:fy * oh].reshape(oh, fy, *values.shape[1:]), axis=1,
                             dtype=np.float32)
    else:
        rows = np.asarray(values[:oh], dtype=np.float32)
    if fx > 1 and rows.ndim == 2:
        block = np.full(fx, 1.0 / (fy * fx), dtype=np.float32)
        return (np.ascontiguousarray(rows[:, :fx * ow]).reshape(oh * ow, fx) @ block
                ).reshape(oh, ow)
    out = np.array(rows[:, 0:fx * ow:fx], dtype=np.float32)
    for j in range(1, fx):
        out += rows[:, j:fx * ow:fx]
    if fy * fx > 1:
        out *= np.float32(1.0 / (fy * fx))
    return out


def rgb_qimage(rgb: np.ndarray) -> QImage:
    """(H, W, 3) floats in [0, 1] -> an RGB32 QImage."""
    data = np.clip(np.asarray(rgb, np.float32) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    h, w = data.shape[:2]
    data = np.ascontiguousarray(data)
    image = QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


class HeatmapItem(pg.GraphicsObject):
    """An (H, W) map on a :class:`ColourMap` over fixed levels, or an (H, W, 3) RGB
    picture in [0, 1].

    Attributes
    ----------
    image : the array last given (full size), or None.
    levels : (lo, hi) of the colour map, or None for an RGB picture.
    paints : how many times the item has painted (benchmarks and tests read it).
    """

    def __init__(self, colormap: ColourMap | None = None) -> None:
        super().__init__()
        self.colormap = colormap
        self.image: np.ndarray | None = None
        self.levels: tuple[float, float] | None = None
        self.paints = 0
        self._picture: QImage | None = None
        self._picture_factors: tuple[int, int] | None = None
        self._border: QPen | None = None
        self._shape = (0, 0)

    # --- data ------------------------------------------------------------------------
    def set_map(self, values: np.ndarray, levels: tuple[float, float],
                colormap: ColourMap | None = None) -> None:
        """Show (H, W) ``values`` coloured over ``levels`` (by ``colormap`` if given)."""
        if colormap is not None:
            self.colormap = colormap
        self._set(np.asarray(values), (float(levels[0]), float(levels[1])))

    def set_rgb(self, rgb: np.ndarray) -> None:
        """Show an (H, W, 3) picture with channels in [0, 1]."""
        self._set(np.asarray(rgb), None)

    def clear(self) -> None:
        self._set(None, None)

    def _set(self, array: np.ndarray | None, levels) -> None:
        shape = (0, 0) if array is None else array.shape[:2]
        if shape != self._shape:
            self.prepareGeometryChange()
            self._shape = shape
        self.image = array
        self.levels = levels
        self._picture = None
        self.update()

    def set_border(self, pen: QPen | None) -> None:
        """A frame drawn around the map (None: no frame)."""
        self._border = pen
        self.update()

    # --- painting --------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._shape[1], self._shape[0])

    def picture(self, factors: tuple[int, int] = (1, 1)) -> QImage | None:
        """The coloured picture, averaged over blocks of ``factors`` (rows, cols)."""
        if self.image is None or self.image.size == 0:
            return None
        if self._picture is None or self._picture_factors != factors:
            data = self.image
            if factors != (1, 1):
                data = box_downsample(data, *factors)
            if self.levels is None:
                self._picture = rgb_qimage(data)
            else:
                self._picture = self.colormap.qimage(data, self.levels)
            self._picture_factors = factors
        return self._picture

    @staticmethod
    def _factors(painter: QPainter) -> tuple[int, int]:
        """(rows, cols) of data per device pixel under the painter's transform, ≥ 1."""
        transform = painter.transform()
        col_px = math.hypot(transform.m11(), transform.m12())
        row_px = math.hypot(transform.m21(), transform.m22())
        if col_px == 0 or row_px == 0:
            return 1, 1
        return max(1, int(1.0 / row_px)), max(1, int(1.0 / col_px))

    def paint(self, painter: QPainter, *args) -> None:
        self.paints += 1
        picture = self.picture(self._factors(painter))
        if picture is None:
            return
        # Square cells, no smoothing: a cell's colour is its value's colour.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(self.boundingRect(), picture)
        if self._border is not None:
            painter.setPen(self._border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.boundingRect())


class ColourBar(pg.GraphicsWidget):
    """A vertical colour scale for maps on one :class:`ColourMap` and one pair of
    levels: the map from ``lo`` (bottom) to ``hi`` (top) with five labelled ticks.

    Fixed width (bar and labels), so a new scale never changes the layout; painted with
    QPainter from a cached 1×256 picture, so a repaint costs next to nothing.
    """

    #: Pixels above and below the bar, so the end labels are not cut.
    MARGIN = 8

    def __init__(self, colormap: ColourMap, bar_width: int = 12, label_width: int = 40,
                 parent=None) -> None:
        super().__init__(parent)
        self.colormap = colormap
        self.bar_width = bar_width
        self._levels = (-1.0, 1.0)
        lut = np.ascontiguousarray(colormap.lut[::-1][:, None, :])  # top = hi
        self._bar = QImage(lut.data, 1, len(lut), 3, QImage.Format.Format_RGB888).copy()
        # The bar smoothed to its size on screen, made once per size: scaling the 1×256
        # picture smoothly at every paint took ~3 ms, most of a stage view repaint.
        self._scaled: QImage | None = None
        self._labels: list[tuple[float, str]] = []
        self.setFixedWidth(bar_width + label_width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._make_labels()

    def levels(self) -> tuple[float, float]:
        return self._levels

    def setLevels(self, levels) -> None:  # noqa: N802 (the name pyqtgraph's bar uses)
        levels = (float(levels[0]), float(levels[1]))
        if levels != self._levels:
            self._levels = levels
            self._make_labels()
            self.update()

    def _make_labels(self) -> None:
        lo, hi = self._levels
        values = np.linspace(lo, hi, 5)
        decimals = exact_decimals(values)
        self._labels = [(float(f), format_number(v, decimals))
                        for f, v in zip(np.linspace(0.0, 1.0, 5), values, strict=True)]

    def paint(self, painter: QPainter, *args) -> None:
        rect = self.rect()
        top, bottom = rect.top() + self.MARGIN, rect.bottom() - self.MARGIN
        if bottom <= top:
            return
        bar = QRectF(rect.left(), top, self.bar_width, bottom - top)
        size = (max(1, round(bar.width())), max(1, round(bar.height())))
        if self._scaled is None or (self._scaled.width(), self._scaled.height()) != size:
            self._scaled = self._bar.scaled(*size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(bar, self._scaled)
        painter.setPen(QPen(QColor(120, 120, 120), 0))
        painter.drawRect(bar)
        painter.setPen(QColor(51, 51, 51))
        metrics = painter.fontMetrics()
        half = metrics.height() / 2
        x = bar.right() + 4
        for fraction, text in self._labels:
            y = bottom - fraction * (bottom - top)
            painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y))
            painter.drawText(QRectF(x, y - half, rect.right() - x, 2 * half),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
