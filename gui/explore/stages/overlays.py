"""The marks the stage view draws over its maps: the receptive field of the selected cell
on the input, the zero padding around the input, the selected cell on the feature maps,
the pool window and its winner, and the selected filter's part of the flattened vector.
Made once, moved on every change."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem

from engine.pipeline import CellExplanation, Exploration, PooledCellExplanation
from gui.common.colormap import INK
from gui.explore.stages.items import FIELD_COLOR, POOL_COLOR, SELECTED_TITLE_COLOR, Stage, pen


class StageOverlays:
    """The overlay items on ``stages`` (input, conv, activated, pooled, flattened)."""

    def __init__(self, stages: dict[str, Stage]) -> None:
        inp, flat = stages["input"], stages["flattened"]
        self.field_item = QGraphicsPathItem()
        self.field_item.setPen(pen(FIELD_COLOR, 2.5))
        self.field_item.setZValue(10)
        # Padding: a ring of zeros around the input, in the colour 0 has on the input's
        # map (white paper, or black for RGB), hatched (as the explain panel hatches
        # padding cells) so it reads as added, with its zeros written on small inputs.
        self.padding_fill = QGraphicsPathItem()
        self.padding_fill.setPen(QPen(Qt.PenStyle.NoPen))
        self.padding_fill.setZValue(1)
        self.padding_item = QGraphicsPathItem()
        self.padding_item.setPen(pen(QColor(150, 150, 150), 1.2, Qt.PenStyle.DashLine))
        self.padding_item.setBrush(QBrush(QColor(150, 150, 150), Qt.BrushStyle.BDiagPattern))
        self.padding_item.setZValue(4)
        inp.view.addItem(self.padding_fill, ignoreBounds=True)
        inp.view.addItem(self.padding_item, ignoreBounds=True)
        inp.view.addItem(self.field_item, ignoreBounds=True)
        self.cell_markers = {}
        for key in ("conv", "activated"):
            marker = QGraphicsRectItem()
            marker.setPen(pen(FIELD_COLOR, 2.5))
            marker.setZValue(10)
            stages[key].view.addItem(marker, ignoreBounds=True)
            self.cell_markers[key] = marker
        self.pool_window_item = QGraphicsRectItem()
        self.pool_window_item.setPen(pen(POOL_COLOR, 2.5))
        self.pool_window_item.setZValue(11)
        stages["activated"].view.addItem(self.pool_window_item, ignoreBounds=True)
        # The window's maximum, which max pooling keeps.
        self.pool_winner_item = QGraphicsRectItem()
        self.pool_winner_item.setPen(pen(POOL_COLOR, 2.0))
        self.pool_winner_item.setZValue(11)
        stages["activated"].view.addItem(self.pool_winner_item, ignoreBounds=True)
        self.pool_marker = QGraphicsRectItem()
        self.pool_marker.setPen(pen(POOL_COLOR, 2.5))
        self.pool_marker.setZValue(10)
        stages["pooled"].view.addItem(self.pool_marker, ignoreBounds=True)
        self.segment_item = QGraphicsRectItem()
        self.segment_item.setPen(pen(QColor(SELECTED_TITLE_COLOR), 2.5))
        self.segment_item.setZValue(10)
        self.boundary_item = QGraphicsPathItem()
        self.boundary_item.setPen(pen(QColor(90, 90, 90), 1.0))
        self.boundary_item.setZValue(9)
        flat.view.addItem(self.boundary_item, ignoreBounds=True)
        flat.view.addItem(self.segment_item, ignoreBounds=True)
        for item in self._all():
            item.hide()

    def _all(self):
        return [self.field_item, self.padding_item, self.padding_fill,
                *self.cell_markers.values(), self.pool_window_item, self.pool_winner_item,
                self.pool_marker, self.segment_item, self.boundary_item]

    @property
    def receptive_field(self) -> QRectF | None:
        """The outlined receptive field (image coordinates), or None."""
        return self.field_item.path().boundingRect() if self.field_item.isVisible() \
            else None

    @property
    def pool_window(self) -> QRectF | None:
        """The outlined pool window on the activation map, or None."""
        return self.pool_window_item.rect() if self.pool_window_item.isVisible() else None

    def show_padding(self, e: Exploration) -> None:
        """The ring of zero padding around ``e``'s input (hidden without padding)."""
        ph, pw = e.padding
        h, w = e.image.shape[1:]
        ring = QPainterPath()
        ring.setFillRule(Qt.FillRule.OddEvenFill)
        ring.addRect(QRectF(-pw, -ph, w + 2 * pw, h + 2 * ph))
        ring.addRect(QRectF(0, 0, w, h))
        padded = ph > 0 or pw > 0
        for item in (self.padding_fill, self.padding_item):
            item.setPath(ring)
            item.setVisible(padded)
        zero = QColor(0, 0, 0) if e.image.shape[0] == 3 else INK.qcolor(0.0, (0.0, 1.0))
        self.padding_fill.setBrush(zero)

    def show_flattened_boundaries(self, e: Exploration) -> None:
        """A line in the flattened strip where each filter's part begins (the order of
        :func:`engine.pipeline.flat_index`)."""
        path = QPainterPath()
        for i in range(1, e.pooled.shape[0]):
            start = e.flat_index(i, 0, 0)
            path.moveTo(start, 0)
            path.lineTo(start, 1)
        self.boundary_item.setPath(path)
        self.boundary_item.show()

    def show_segment(self, e: Exploration, index: int) -> None:
        """Frame filter ``index``'s part of the flattened vector, from its first pooled
        cell to its last."""
        rows, cols = e.pooled.shape[1:]
        start, end = e.flat_index(index, 0, 0), e.flat_index(index, rows - 1, cols - 1) + 1
        self.segment_item.setRect(QRectF(start, 0, end - start, 1))
        self.segment_item.show()

    def hide_flattened(self) -> None:
        for item in (self.segment_item, self.boundary_item):
            item.hide()

    def show_cell(self, cell: CellExplanation, dilated: bool) -> None:
        """Mark the explained feature-map cell and outline the input cells its window
        reads (the engine's ``rows``/``cols``): its span, and for a dilated kernel each
        cell."""
        rows, cols = cell.rows, cell.cols
        top, left = int(rows[0]), int(cols[0])
        path = QPainterPath()
        path.addRect(QRectF(left, top, int(cols[-1]) - left + 1, int(rows[-1]) - top + 1))
        if dilated:
            # A dilated kernel reads only some cells of its span: outline each of them.
            for r in rows:
                for c in cols:
                    path.addRect(QRectF(float(c) + 0.15, float(r) + 0.15, 0.7, 0.7))
        self.field_item.setPath(path)
        self.field_item.show()
        for marker in self.cell_markers.values():
            marker.setRect(QRectF(cell.col, cell.row, 1, 1))
            marker.show()

    def hide_cell(self) -> None:
        self.field_item.hide()
        for marker in self.cell_markers.values():
            marker.hide()

    def show_pool(self, x: PooledCellExplanation) -> None:
        """Mark pooled cell ``x`` and outline its window (and winner) on the activation."""
        self.pool_marker.setRect(QRectF(x.col, x.row, 1, 1))
        top, left = x.origin
        self.pool_window_item.setRect(QRectF(left, top, *x.window.shape[::-1]))
        self.pool_marker.show()
        self.pool_window_item.show()
        if x.winner is not None:
            self.pool_winner_item.setRect(QRectF(x.winner[1] + 0.2, x.winner[0] + 0.2,
                                                 0.6, 0.6))
        self.pool_winner_item.setVisible(x.winner is not None)

    def hide_pool(self) -> None:
        for item in (self.pool_marker, self.pool_window_item, self.pool_winner_item):
            item.hide()
