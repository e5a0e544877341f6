"""Over the Switch-units-off panel's confusion matrix: which cells changed, and how.

:class:`ChangeMarks` outlines every cell whose count changed when units were switched
off, green when the change is good (more on the diagonal, fewer elsewhere), red when it
is bad, with the change written in the cell where there is room.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen

#: Cells of the confusion matrix at least this many pixels wide also show their change.
MIN_CELL_FOR_CHANGE = 40
BETTER = QColor(20, 140, 60)    # more right answers, or fewer of a mistake
WORSE = QColor(200, 30, 30)     # fewer right answers, or more of a mistake


class ChangeMarks(pg.GraphicsObject):
    """Over a confusion matrix: every cell whose count changed, outlined (green when the
    change is good: more on the diagonal, fewer elsewhere; red when bad), with the change
    written in the cell's top-right corner."""

    def __init__(self) -> None:
        super().__init__()
        self.change = np.zeros((0, 0), dtype=np.int64)

    def set_change(self, change: np.ndarray | None) -> None:
        change = (np.zeros((0, 0), dtype=np.int64) if change is None
                  else np.asarray(change, dtype=np.int64))
        if change.shape == self.change.shape and np.array_equal(change, self.change):
            return  # the same marks: no repaint
        if change.shape != self.change.shape:
            self.prepareGeometryChange()
        self.change = change
        self.update()

    def changed_cells(self) -> list[tuple[int, int]]:
        return [tuple(int(v) for v in cell) for cell in np.argwhere(self.change != 0)]

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        k = len(self.change)
        return QRectF(0, 0, k, k)

    def paint(self, painter, *args) -> None:
        if not self.change.size:
            return
        transform = painter.transform()
        cell = min(abs(transform.m11()), abs(transform.m22()))
        painter.save()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setPixelSize(int(np.clip(cell * 0.3, 7, 11)))
        font.setBold(True)
        painter.setFont(font)
        # The change fits beside the count only in a large enough cell; the outline's
        # colour says good or bad at any size.
        write = cell >= MIN_CELL_FOR_CHANGE
        for r, c in self.changed_cells():
            delta = int(self.change[r, c])
            good = delta > 0 if r == c else delta < 0
            colour = BETTER if good else WORSE
            top_left = transform.map(QPointF(c, r))
            box = QRectF(top_left.x() + 1.5, top_left.y() + 1.5, cell - 3, cell - 3)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            if write:
                painter.drawText(box.adjusted(0, 1, -2, 0),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                                 f"{delta:+d}".replace("-", "\u2212"))
        painter.restore()
