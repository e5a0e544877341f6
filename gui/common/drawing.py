"""The picture behind :class:`gui.common.draw_canvas.DrawCanvas`: paper, ink, strokes, undo.

No widget: a :class:`Drawing` is a backing image of fixed logical resolution (280×280 by
default, ten times MNIST's 28×28) that strokes are rasterised into in picture
coordinates, so a drawing does not depend on the window size and can be tested without
a mouse. The canvas shows the result; its input handler (:mod:`gui.common.draw_input`)
turns mouse positions into those coordinates.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from gui.common.image_io import qimage_to_rgb

PAPER = QColor(255, 255, 255)
INK = QColor(0, 0, 0)
MAX_UNDO = 30


class Drawing:
    """Black ink on white paper, drawn stroke by stroke, with an undo stack.

    Parameters
    ----------
    resolution : int or (height, width)
        Size of the picture in pixels; `image` returns this shape.
    pen_width : float
        Diameter of the round brush in picture pixels.
    """

    def __init__(self, resolution: int | tuple[int, int] = 280,
                 pen_width: float = 20.0) -> None:
        self._pen_width = float(pen_width)
        self._undo: list[QImage] = []
        self._last: QPointF | None = None   # previous point of the stroke going on
        self._stroke_erases = False
        self._image = QImage()
        self.resolution = resolution

    # --- properties ---------------------------------------------------------------------
    @property
    def resolution(self) -> tuple[int, int]:
        """(height, width) of the picture; setting it clears the drawing and its undo."""
        return self._image.height(), self._image.width()

    @resolution.setter
    def resolution(self, value: int | tuple[int, int]) -> None:
        h, w = (value, value) if np.isscalar(value) else value
        h, w = int(h), int(w)
        if not (1 <= h <= 4096 and 1 <= w <= 4096):
            raise ValueError(f"canvas resolution must be 1..4096 pixels, got {h}×{w}")
        self._image = QImage(w, h, QImage.Format.Format_RGB32)
        self._image.fill(PAPER)
        self._undo = []

    @property
    def pen_width(self) -> float:
        """Brush diameter in picture pixels."""
        return self._pen_width

    @pen_width.setter
    def pen_width(self, value: float) -> None:
        value = float(value)
        if not (0.5 <= value <= max(self.resolution)):
            raise ValueError(f"pen width must be between 0.5 and {max(self.resolution)}")
        self._pen_width = value

    # --- the picture --------------------------------------------------------------------
    @property
    def backing(self) -> QImage:
        """The picture itself, for painting it (not a copy: do not draw on it)."""
        return self._image

    def image(self) -> np.ndarray:
        """The drawing as (H, W, 3) float32 RGB in [0, 1]: paper 1, ink 0."""
        return qimage_to_rgb(self._image)

    def qimage(self) -> QImage:
        """A copy of the picture."""
        return self._image.copy()

    def is_blank(self) -> bool:
        """True when no ink is left on the paper."""
        return bool(np.all(self.image() >= 1.0))

    def clear(self) -> bool:
        """Blank paper (undoable); False when it was blank already."""
        if self.is_blank():
            return False
        self._push_undo()
        self._image.fill(PAPER)
        return True

    def undo(self) -> bool:
        """Take back the last stroke or clear; False when there is nothing to undo."""
        if not self._undo:
            return False
        self._image = self._undo.pop()
        return True

    def can_undo(self) -> bool:
        return bool(self._undo)

    def _push_undo(self) -> None:
        self._undo = (self._undo + [self._image.copy()])[-MAX_UNDO:]

    # --- where it is shown -----------------------------------------------------------
    def shown_rect(self, width: float, height: float) -> QRectF:
        """Where the picture is shown in an area of ``width`` × ``height``: as large as
        fits, aspect kept, centred."""
        h, w = self.resolution
        scale = min(width / w, height / h)
        tw, th = w * scale, h * scale
        return QRectF((width - tw) / 2, (height - th) / 2, tw, th)

    def to_picture(self, pos: QPointF, shown: QRectF) -> QPointF:
        """Picture coordinates of ``pos`` in the area where ``shown`` shows the picture."""
        h, w = self.resolution
        return QPointF((pos.x() - shown.x()) * w / shown.width(),
                       (pos.y() - shown.y()) * h / shown.height())

    # --- strokes ------------------------------------------------------------------------
    @property
    def stroking(self) -> bool:
        """Whether a stroke is going on (begun and not yet ended)."""
        return self._last is not None

    def begin_stroke(self, point: QPointF, erase: bool = False) -> None:
        """Start a stroke at ``point`` (picture coordinates); a click alone leaves a dot."""
        self._push_undo()
        self._stroke_erases = bool(erase)
        self.extend_stroke(point)

    def extend_stroke(self, point: QPointF) -> None:
        """Draw the stroke on to ``point``."""
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(PAPER if self._stroke_erases else INK, self._pen_width,
                   Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if self._last is None or self._last == point:
            painter.drawPoint(point)  # a click leaves a round dot
        else:
            painter.drawLine(self._last, point)
        painter.end()
        self._last = point

    def end_stroke(self, point: QPointF | None = None) -> bool:
        """End the stroke at ``point`` (None: where it is); True when ``point`` added ink
        (it had moved)."""
        moved = point is not None and point != self._last
        if moved:
            self.extend_stroke(point)
        self._last = None
        return moved
