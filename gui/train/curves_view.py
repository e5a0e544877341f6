"""Live loss and accuracy curves of a training run: train and validation, per epoch.

Two pyqtgraph plots side by side. Every curve is made once and updated with
``setData``; a thin grey line follows the smoothed loss and accuracy of the recent
mini-batches so something moves before the first epoch ends.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.common.image_io import save_png
from gui.common.plotting import paint_background_directly

TRAIN_COLOUR = (31, 119, 180)
VALIDATION_COLOUR = (230, 120, 20)
RUNNING_COLOUR = (150, 150, 150)
MARKER_COLOUR = (70, 70, 70)  # the epoch the training history shows


def _hex(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


class CurvesView(QWidget):
    """Loss (left) and accuracy (right) against the epoch.

    ``set_history`` draws the per-epoch values; ``add_running_point`` extends the grey
    line of smoothed mini-batch values (``position`` in epochs, e.g. 2.5 = half-way
    through epoch 3).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.titles: list[QLabel] = []
        self.loss_plot = self._make_plot()
        self.accuracy_plot = self._make_plot()
        self.accuracy_plot.setYRange(0.0, 1.0, padding=0.02)
        self.accuracy_plot.getViewBox().setLimits(yMin=-0.05, yMax=1.05)
        self.loss_plot.getViewBox().setLimits(yMin=0)

        self.curves = {}
        for plot, key in ((self.loss_plot, "loss"), (self.accuracy_plot, "accuracy")):
            # No names: the legend is a label below the plots (see retranslate).
            running = plot.plot([], [], pen=pg.mkPen(RUNNING_COLOUR, width=1))
            train = plot.plot([], [], pen=pg.mkPen(TRAIN_COLOUR, width=2), symbol="o",
                              symbolSize=5, symbolBrush=TRAIN_COLOUR, symbolPen=None)
            validation = plot.plot([], [], pen=pg.mkPen(VALIDATION_COLOUR, width=2,
                                                        style=Qt.PenStyle.DashLine),
                                   symbol="s", symbolSize=5, symbolBrush=VALIDATION_COLOUR,
                                   symbolPen=None)
            self.curves[key] = {"running": running, "train": train, "validation": validation}
        self.markers = []
        for plot in (self.loss_plot, self.accuracy_plot):
            marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(
                MARKER_COLOUR, width=1.5, style=Qt.PenStyle.DotLine))
            marker.setVisible(False)
            plot.addItem(marker, ignoreBounds=True)
            self.markers.append(marker)
        self._drawn = None      # the per-epoch values now drawn
        self._epochs = 0        # the x range now set, in epochs
        self._loss_top = 0.0    # the largest loss the y range now covers
        self._drawn_running = 0  # how many running points the grey line shows
        self._running_x: list[float] = []
        self._running_loss: list[float] = []
        self._running_accuracy: list[float] = []

        # One legend for both plots, outside them, so it never hides a curve.
        self.legend = QLabel()
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setWordWrap(True)  # a narrow column wraps it instead of overflowing
        plots = QHBoxLayout()
        plots.setContentsMargins(0, 0, 0, 0)
        plots.setSpacing(4)
        for plot in (self.loss_plot, self.accuracy_plot):
            # The title is a wrapping label, not pyqtgraph's: that one is as wide as its
            # text, and a plot narrower than it was cut at the window's edge.
            heading = QLabel()
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            heading.setWordWrap(True)
            self.titles.append(heading)
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(heading)
            column.addWidget(plot, 1)
            plots.addLayout(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(plots, 1)
        layout.addWidget(self.legend)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language: titles, axis labels, legend, tooltips."""
        loss_title, accuracy_title = self.titles
        loss_title.setText(self.tr("Loss (lower is better)"))
        accuracy_title.setText(self.tr("Accuracy (higher is better)"))
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.setLabel("bottom", self.tr("epoch"))
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.accuracy_plot.setLabel("left", self.tr("accuracy"))
        self.loss_plot.setToolTip(self.tr(
            "Cross-entropy loss after each epoch on the training images (blue) and on the "
            "held-out validation images (orange); the grey line follows the recent "
            "mini-batches, smoothed"))
        self.accuracy_plot.setToolTip(self.tr(
            "Share of images classified correctly after each epoch: training (blue) and "
            "validation (orange). A validation curve that falls while training rises means "
            "the network is memorising rather than learning"))
        self.legend.setText(self.tr(
            "<span style='color:{0}'>━━ ●</span> train &nbsp;&nbsp; "
            "<span style='color:{1}'>╍╍ ■</span> validation &nbsp;&nbsp; "
            "<span style='color:{2}'>━━</span> recent mini-batches (smoothed)").format(
            _hex(TRAIN_COLOUR), _hex(VALIDATION_COLOUR), _hex(RUNNING_COLOUR)))
        self.legend.setToolTip(self.tr(
            "Validation images are held out from the training images and never trained on"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_plot(self) -> pg.PlotWidget:
        plot = pg.PlotWidget()
        paint_background_directly(plot)
        plot.showGrid(x=True, y=True, alpha=0.15)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setMinimumSize(160, 140)
        # The grid lines belong to the axes, so every curve update dirties the axes too;
        # caching their pixels makes that repaint a copy instead of redrawing every line.
        for name in ("left", "bottom"):
            plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        return plot

    # --- data ----------------------------------------------------------------------
    # Each call below changes the plots only where something changed: while training,
    # a repaint of an unchanged axis or curve is GUI-thread work that the worker thread
    # waits for (they share Python's GIL).
    def set_history(self, train_loss: Sequence[float] = (), train_accuracy: Sequence[float] = (),
                    val_loss: Sequence[float] = (), val_accuracy: Sequence[float] = (),
                    epochs: int | None = None) -> None:
        """Draw per-epoch values (index 0 = epoch 1). ``epochs``, when given, fixes the
        x range to the whole run so the curves grow into a still frame.

        ``set_history(history)`` with an :class:`engine.train.History` works too.
        """
        if hasattr(train_loss, "train_loss"):
            history = train_loss
            train_loss, train_accuracy = history.train_loss, history.train_accuracy
            val_loss, val_accuracy = history.val_loss, history.val_accuracy
        values = tuple(tuple(float(v) for v in seq)
                       for seq in (train_loss, train_accuracy, val_loss, val_accuracy))
        if values != self._drawn:
            self._drawn = values
            for key, train, validation in (("loss", values[0], values[2]),
                                           ("accuracy", values[1], values[3])):
                curves = self.curves[key]
                curves["train"].setData(np.arange(1, len(train) + 1, dtype=float),
                                        np.asarray(train, dtype=float))
                curves["validation"].setData(np.arange(1, len(validation) + 1, dtype=float),
                                             np.asarray(validation, dtype=float))
            self._fit_loss_range()
        done = max(len(values[0]), len(values[2]))
        self._set_epochs(max(epochs or 0, done, 1))

    def add_running_point(self, position: float, loss: float, accuracy: float,
                          redraw: bool = True) -> None:
        """Extend the grey line of smoothed mini-batch values to ``position`` epochs.
        With ``redraw`` False the point is only kept until the next redraw (collect
        every report, draw a few times a second)."""
        if self._running_x and position <= self._running_x[-1]:
            return
        self._running_x.append(float(position))
        self._running_loss.append(float(loss))
        self._running_accuracy.append(float(accuracy))
        if redraw:
            self.redraw_running()

    def redraw_running(self) -> None:
        """Draw the grey line with every point added so far."""
        if self._drawn_running == len(self._running_x):
            return
        self._drawn_running = len(self._running_x)
        x = np.asarray(self._running_x)
        self.curves["loss"]["running"].setData(x, np.asarray(self._running_loss))
        self.curves["accuracy"]["running"].setData(x, np.asarray(self._running_accuracy))
        top = max((v for v in self._running_loss if np.isfinite(v)), default=0.0)
        if top > self._loss_top:
            self._fit_loss_range()

    def mark_epoch(self, epoch: float | None) -> None:
        """Draw a dotted vertical line at ``epoch`` on both plots (None: none)."""
        for marker in self.markers:
            if epoch is not None:
                marker.setValue(float(epoch))
            marker.setVisible(epoch is not None)

    @property
    def marked_epoch(self) -> float | None:
        marker = self.markers[0]
        return float(marker.value()) if marker.isVisible() else None

    def clear(self) -> None:
        """Remove every curve's data (a new run starts)."""
        self.mark_epoch(None)
        for curves in self.curves.values():
            for curve in curves.values():
                curve.setData([], [])
        self._drawn = None
        self._running_x.clear()
        self._running_loss.clear()
        self._running_accuracy.clear()
        self._drawn_running = 0
        self._set_epochs(1)
        self._loss_top = 0.0
        self._set_loss_top(1.0)

    def _set_epochs(self, epochs: int) -> None:
        if epochs != self._epochs:
            self._epochs = epochs
            step = max(1, math.ceil(epochs / 8))  # whole epochs only, at most ~8 labels
            for plot in (self.loss_plot, self.accuracy_plot):
                plot.setXRange(0, epochs, padding=0.02)
                plot.getAxis("bottom").setTickSpacing(step, step)

    def _fit_loss_range(self) -> None:
        values = [np.asarray(c.yData) for c in self.curves["loss"].values()
                  if c.yData is not None and len(c.yData)]
        finite = [v[np.isfinite(v)] for v in values]
        top = max((float(v.max()) for v in finite if v.size), default=1.0)
        self._set_loss_top(max(top, 1e-3))

    def _set_loss_top(self, top: float) -> None:
        if top != self._loss_top:
            self._loss_top = top
            self.loss_plot.setYRange(0, top * 1.05, padding=0)

    def data(self) -> dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]:
        """``{"loss"|"accuracy": {"train"|"validation"|"running": (x, y)}}`` as drawn."""
        out = {}
        for key, curves in self.curves.items():
            out[key] = {}
            for name, curve in curves.items():
                x, y = curve.getData()
                out[key][name] = (np.zeros(0) if x is None else x, np.zeros(0) if y is None else y)
        return out

    def export_png(self, path) -> None:
        """Save both plots, as shown, to a PNG file: written atomically and checked, so a
        full disk raises OSError and an earlier file at ``path`` is kept."""
        save_png(self.grab().toImage(), path)
