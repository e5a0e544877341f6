"""What the Network page's insight panels share: which layers have units to switch off or
to study, their names, a map picture with its value under the mouse, and a colour legend.

The layer names use the ``NetworkTexts`` translation context and sentences of the
Network page's columns ("Convolution 2", "Hidden layer 1"), so a layer has one name
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine import units
from engine.layers import Conv2D
from gui.common.colormap import INK, ColourMap
from gui.common.number_format import format_number


def out_of_sight(widget: QWidget) -> bool:
    """True when ``widget``'s window is on screen but the widget is not (its tab is
    behind another): work for it can wait until it is shown. A widget whose window is
    not shown yet (being set up, or in a test) works at once."""
    return widget.window().isVisible() and not widget.isVisible()


#: The receptive-field outline, as on the Network page.
OUTLINE = QColor(255, 140, 0)


@dataclass(frozen=True)
class UnitLayer:
    """A layer whose filters (convolution) or units (hidden dense layer) can be switched
    off or studied: ``layer`` indexes ``model.layers``; ``kind`` is ``"conv"`` or
    ``"hidden"``; ``number`` counts layers of that kind from 1; ``count`` its units."""

    layer: int
    kind: str
    number: int
    count: int

    def title(self) -> str:
        if self.kind == "conv":
            return QCoreApplication.translate("NetworkTexts", "Convolution {0}").format(
                self.number)
        return QCoreApplication.translate("NetworkTexts", "Hidden layer {0}").format(
            self.number)


def unit_layers(model) -> tuple[UnitLayer, ...]:
    """The convolutions and hidden dense layers of ``model``, input side first."""
    if model is None or model.input_shape is None:
        return ()
    out = []
    for position in units.positions(model):
        if position.role not in ("conv", "hidden"):
            continue
        layer = model.layers[position.layer]
        count = layer.out_channels if isinstance(layer, Conv2D) else layer.out_features
        out.append(UnitLayer(position.layer, position.role, position.block, int(count)))
    return tuple(out)


def ink_or_colour(image: np.ndarray) -> QImage:
    """(C, H, W) image: one channel of ink (1 = black) or three of colour, as a picture."""
    image = np.asarray(image, dtype=np.float32)
    if image.shape[0] == 3:
        rgb = np.clip(image.transpose(1, 2, 0) * 255 + 0.5, 0, 255).astype(np.uint8)
        rgb = np.ascontiguousarray(rgb)
        h, w = rgb.shape[:2]
        return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return INK.qimage(image.mean(axis=0), (0.0, 1.0))


class MapPicture(QWidget):
    """An (H, W) map on a colour map, or an image, drawn with square pixels ``scale``
    screen pixels wide; the value under the mouse shows as a tooltip; an optional box
    (top, left, bottom, right, inclusive) is outlined."""

    def __init__(self, scale: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.values: np.ndarray | None = None
        self._picture: QImage | None = None
        self._box = None
        self._shape = (0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    def set_map(self, values: np.ndarray, colormap: ColourMap, levels) -> None:
        values = np.asarray(values, dtype=np.float32)
        self.values = values
        self._set_picture(colormap.qimage(values, levels), values.shape)

    def set_image(self, image: np.ndarray) -> None:
        """``image`` (C, H, W): ink or colour; the tooltip reads the channels' mean."""
        image = np.asarray(image, dtype=np.float32)
        self.values = image.mean(axis=0)
        self._set_picture(ink_or_colour(image), image.shape[1:])

    def clear(self) -> None:
        self.values, self._picture, self._box = None, None, None
        self.update()

    def set_box(self, box) -> None:
        self._box = box
        self.update()

    def _set_picture(self, picture: QImage, shape) -> None:
        self._picture = picture
        if tuple(shape) != self._shape:
            self._shape = tuple(int(v) for v in shape)
            self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        h, w = self._shape if self._shape != (0, 0) else (28, 28)
        return QSize(w * self.scale + 2, h * self.scale + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.sizeHint()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        h, w = self._shape
        s = self.scale
        painter.setPen(QPen(QColor(160, 160, 160), 1))
        painter.drawRect(QRectF(0.5, 0.5, w * s + 1, h * s + 1))
        if self._picture is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(QRectF(1, 1, w * s, h * s), self._picture)
        if self._box is not None and self._picture is not None:
            top, left, bottom, right = self._box
            painter.setPen(QPen(OUTLINE, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1 + left * s, 1 + top * s, (right - left + 1) * s,
                                    (bottom - top + 1) * s))
        painter.end()

    def cell_at(self, point: QPointF) -> tuple[int, int] | None:
        if self.values is None:
            return None
        row, col = int((point.y() - 1) // self.scale), int((point.x() - 1) // self.scale)
        h, w = self._shape
        return (row, col) if 0 <= row < h and 0 <= col < w else None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(event.position() if hasattr(event, "position")
                                else QPointF(event.pos()))
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), QCoreApplication.translate(
                    "MapPicture", "row {0}, column {1}: {2}").format(
                    cell[0] + 1, cell[1] + 1, format_number(self.values[cell], 3)), self)
            return True
        return super().event(event)


class ColourLegend(QWidget):
    """A horizontal colour bar from ``lo`` (left) to ``hi`` (right) with both ends and
    the middle written under it."""

    BAR_HEIGHT = 10

    def __init__(self, colormap: ColourMap, width: int = 168,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colormap = colormap
        self.levels = (-1.0, 1.0)
        lut = np.ascontiguousarray(colormap.lut[None, :, :])
        self._bar = QImage(lut.data, lut.shape[1], 1, 3 * lut.shape[1],
                           QImage.Format.Format_RGB888).copy()
        self.setFixedWidth(width)
        self.setFixedHeight(self.BAR_HEIGHT + self.fontMetrics().height() + 4)

    def set_levels(self, levels) -> None:
        self.levels = (float(levels[0]), float(levels[1]))
        self.update()

    def labels(self) -> list[str]:
        lo, hi = self.levels
        return [format_number(v, 3) for v in (lo, (lo + hi) / 2, hi)]

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        width = self.width() - 1
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(QRectF(0, 0, width, self.BAR_HEIGHT), self._bar)
        painter.setPen(QPen(QColor(140, 140, 140), 1))
        painter.drawRect(QRectF(0.5, 0.5, width - 1, self.BAR_HEIGHT - 1))
        painter.setPen(QColor(51, 51, 51))
        height = self.fontMetrics().height()
        top = self.BAR_HEIGHT + 2
        flags = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                 Qt.AlignmentFlag.AlignRight)
        for text, flag in zip(self.labels(), flags, strict=True):
            painter.drawText(QRectF(0, top, width, height), int(flag | Qt.AlignmentFlag.AlignTop),
                             text)
        painter.end()
