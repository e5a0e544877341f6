"""A small paint canvas: black ink on white paper, drawn with the mouse.

The widget shows a :class:`gui.common.drawing.Drawing` scaled to its size (the drawing
keeps its own fixed resolution, so it does not depend on the window size) and tells its
listeners when the picture changed; :class:`gui.common.draw_input.CanvasInput` turns the
mouse and keys into strokes. Used for the explorer's draw mode, the dataset panel and
the classifier.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.common.draw_input import CanvasInput
from gui.common.drawing import Drawing


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
        self._drawing = Drawing(resolution, pen_width)
        # When on, the left button erases too (the right one always erases).
        self.eraser = False
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
        self._input = CanvasInput(self)
        self._default_tip = self._default_tooltip()
        self.setToolTip(self._default_tip)

    def _default_tooltip(self) -> str:
        return self.tr("Draw with the left mouse button, erase with the right one.")

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Words the default tooltip again; one set by the canvas's owner is the owner's.
        if event.type() == QEvent.Type.LanguageChange and self.toolTip() == self._default_tip:
            self._default_tip = self._default_tooltip()
            self.setToolTip(self._default_tip)
        super().changeEvent(event)

    # --- properties ---------------------------------------------------------------------
    @property
    def resolution(self) -> tuple[int, int]:
        """(height, width) of the backing picture; setting it clears the drawing."""
        return self._drawing.resolution

    @resolution.setter
    def resolution(self, value: int | tuple[int, int]) -> None:
        had_undo = self._drawing.can_undo()
        self._drawing.resolution = value
        if had_undo:
            self.undo_available.emit(False)
        self.updateGeometry()
        self.update()

    @property
    def pen_width(self) -> float:
        """Brush diameter in backing pixels."""
        return self._drawing.pen_width

    @pen_width.setter
    def pen_width(self, value: float) -> None:
        self._drawing.pen_width = value
        self.update()

    def set_eraser(self, on: bool) -> None:
        """Whether the left button erases too (a slot, e.g. for a toggle's ``toggled``)."""
        self.eraser = bool(on)

    @property
    def throttle_ms(self) -> int:
        """Shortest interval between two `drawn` signals during a stroke."""
        return self._throttle.interval()

    @throttle_ms.setter
    def throttle_ms(self, ms: int) -> None:
        self._throttle.setInterval(max(0, int(ms)))

    # --- the picture --------------------------------------------------------------------
    @property
    def drawing(self) -> Drawing:
        """The picture model the canvas shows and draws into."""
        return self._drawing

    def image(self) -> np.ndarray:
        """The drawing as (H, W, 3) float32 RGB in [0, 1]: paper 1, ink 0."""
        return self._drawing.image()

    def is_blank(self) -> bool:
        """True when no ink is left on the paper."""
        return self._drawing.is_blank()

    def clear(self) -> None:
        """Blank paper (undoable)."""
        had_undo = self._drawing.can_undo()
        if self._drawing.clear():
            if not had_undo:
                self.undo_available.emit(True)
            self.changed_now()

    def undo(self) -> None:
        """Take back the last stroke or clear."""
        if self._drawing.undo():
            self.undo_available.emit(self._drawing.can_undo())
            self.changed_now()

    def can_undo(self) -> bool:
        return self._drawing.can_undo()

    def changed_now(self) -> None:
        """The picture changed at once (a stroke ended, clear, undo): tell the listeners."""
        self._throttle.stop()
        self.update()
        self.drawn.emit()

    def stroke_went_on(self) -> None:
        """A stroke goes on: repaint, and tell the listeners at most every `throttle_ms`."""
        self.update()
        if not self._throttle.isActive():
            self._throttle.start()

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

    def shown_rect(self) -> QRectF:
        """Where the picture is shown in the widget."""
        return self._drawing.shown_rect(self.width(), self.height())

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        target = self.shown_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._drawing.backing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5))
        hover = self._input.hover
        if hover is not None and target.contains(hover):
            # Outline of the brush at its real size, so the learner sees what a stroke covers.
            radius = self.pen_width / 2 * target.width() / self.resolution[1]
            painter.setPen(QPen(QColor(120, 120, 120), 1))
            painter.drawEllipse(hover, radius, radius)
        painter.end()
