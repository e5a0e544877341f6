"""A small paint canvas: black ink on white paper, drawn with the mouse.

The picture lives in a backing image of fixed logical resolution (280×280 by default,
ten times MNIST's 28×28) that is shown scaled to the widget, so a drawing does not depend
on the window size. Used for the explorer's draw mode and, later, by the classifier.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.common.image_io import qimage_to_rgb

PAPER = QColor(255, 255, 255)
INK = QColor(0, 0, 0)
MAX_UNDO = 30


class DrawCanvas(QWidget):
    """Paint with the left button, erase with the right one (or with `eraser` on).

    Parameters
    ----------
    resolution : int or (height, width)
        Size of the backing picture in pixels; `image` returns this shape.
    pen_width : float
        Diameter of the round brush in backing pixels.

    Signals
    -------
    drawn
        The picture changed: while a stroke goes on (at most every `throttle_ms`), once
        more when it ends, and after `clear` or `undo`.
    undo_available(bool)
        Whether `undo` would do something now.
    """

    drawn = Signal()
    undo_available = Signal(bool)

    def __init__(self, parent: QWidget | None = None, resolution: int | tuple[int, int] = 280,
                 pen_width: float = 20.0) -> None:
        super().__init__(parent)
        self._pen_width = float(pen_width)
        self._eraser = False
        self._undo: list[QImage] = []
        self._last: QPointF | None = None   # previous point of the stroke going on
        self._stroke_erases = False
        self._hover: QPointF | None = None  # widget position, for the brush outline
        self._image = QImage()
        self.resolution = resolution
        # Coalesces a stroke's many mouse moves into at most one `drawn` per interval,
        # so views that follow the drawing repaint at a steady rate instead of queueing.
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(30)
        self._throttle.timeout.connect(self.drawn)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setToolTip(self.tr("Draw with the left mouse button, erase with the right one."))

    # --- properties ---------------------------------------------------------------------
    @property
    def resolution(self) -> tuple[int, int]:
        """(height, width) of the backing picture; setting it clears the drawing."""
        return self._image.height(), self._image.width()

    @resolution.setter
    def resolution(self, value: int | tuple[int, int]) -> None:
        h, w = (value, value) if np.isscalar(value) else value
        h, w = int(h), int(w)
        if not (1 <= h <= 4096 and 1 <= w <= 4096):
            raise ValueError(f"canvas resolution must be 1..4096 pixels, got {h}×{w}")
        self._image = QImage(w, h, QImage.Format.Format_RGB32)
        self._image.fill(PAPER)
        self._set_undo([])
        self.updateGeometry()
        self.update()

    @property
    def pen_width(self) -> float:
        """Brush diameter in backing pixels."""
        return self._pen_width

    @pen_width.setter
    def pen_width(self, value: float) -> None:
        value = float(value)
        if not (0.5 <= value <= max(self.resolution)):
            raise ValueError(f"pen width must be between 0.5 and {max(self.resolution)}")
        self._pen_width = value
        self.update()

    @property
    def eraser(self) -> bool:
        """When on, the left button erases too."""
        return self._eraser

    @eraser.setter
    def eraser(self, on: bool) -> None:
        self._eraser = bool(on)

    def set_eraser(self, on: bool) -> None:
        """Slot form of `eraser`, e.g. for a toggle button's ``toggled``."""
        self.eraser = on

    @property
    def throttle_ms(self) -> int:
        """Shortest interval between two `drawn` signals during a stroke."""
        return self._throttle.interval()

    @throttle_ms.setter
    def throttle_ms(self, ms: int) -> None:
        self._throttle.setInterval(max(0, int(ms)))

    # --- the picture --------------------------------------------------------------------
    def image(self) -> np.ndarray:
        """The drawing as (H, W, 3) float32 RGB in [0, 1]: paper 1, ink 0."""
        return qimage_to_rgb(self._image)

    def qimage(self) -> QImage:
        """A copy of the backing picture."""
        return self._image.copy()

    def is_blank(self) -> bool:
        """True when no ink is left on the paper."""
        return bool(np.all(self.image() >= 1.0))

    def clear(self) -> None:
        """Blank paper (undoable)."""
        if self.is_blank():
            return
        self._push_undo()
        self._image.fill(PAPER)
        self._changed_now()

    def undo(self) -> None:
        """Take back the last stroke or clear."""
        if not self._undo:
            return
        self._image = self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        self._changed_now()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def _push_undo(self) -> None:
        self._set_undo((self._undo + [self._image.copy()])[-MAX_UNDO:])

    def _set_undo(self, stack: list[QImage]) -> None:
        had = bool(self._undo)
        self._undo = stack
        if had != bool(stack):
            self.undo_available.emit(bool(stack))

    def _changed_now(self) -> None:
        self._throttle.stop()
        self.update()
        self.drawn.emit()

    # --- geometry -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        h, w = self.resolution
        scale = 200 / max(h, w)
        return QSize(round(w * scale), round(h * scale))

    def minimumSizeHint(self) -> QSize:
        return QSize(64, 64)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        h, w = self.resolution
        return round(width * h / w)

    def _target(self) -> QRectF:
        """Where the picture is shown: as large as fits, aspect kept, centred."""
        h, w = self.resolution
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        return QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)

    def _to_image(self, pos: QPointF) -> QPointF:
        target = self._target()
        h, w = self.resolution
        return QPointF((pos.x() - target.x()) * w / target.width(),
                       (pos.y() - target.y()) * h / target.height())

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        target = self._target()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5))
        if self._hover is not None and target.contains(self._hover):
            # Outline of the brush at its real size, so the learner sees what a stroke covers.
            radius = self._pen_width / 2 * target.width() / self.resolution[1]
            painter.setPen(QPen(QColor(120, 120, 120), 1))
            painter.drawEllipse(self._hover, radius, radius)
        painter.end()

    def _stroke_to(self, point: QPointF) -> None:
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
        self.update()
        if not self._throttle.isActive():
            self._throttle.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton) \
                or self._last is not None:
            event.ignore()
            return
        self._push_undo()
        self._stroke_erases = self._eraser or button == Qt.MouseButton.RightButton
        self._hover = event.position()
        self._stroke_to(self._to_image(event.position()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover = event.position()
        if self._last is not None:
            self._stroke_to(self._to_image(event.position()))
        else:
            self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._last is None:
            event.ignore()
            return
        point = self._to_image(event.position())
        if point != self._last:
            self._stroke_to(point)
        self._last = None
        self._changed_now()
        event.accept()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            event.accept()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            event.accept()
        else:
            super().keyPressEvent(event)
