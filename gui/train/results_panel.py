"""The Training page's right column: the learning curves, the first layer's filters as
they learn (one mosaic image, :class:`LearnedFiltersView`), and after a run the test
accuracy and the confusion matrix, whose cells name the test images behind them; above
the filters and the matrix, the training history's slider
(:class:`gui.train.history_slider.HistorySlider`).

The panel shows what it is given; the page decides when (a run's reports, a finished
run, an opened model). Texts the page showed before this panel existed keep their
``"TrainingPage"`` translation context.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from gui.common.colormap import DIVERGING, symmetric_levels
from gui.common.display_names import class_names
from gui.common.plotting import paint_background_directly
from gui.common.widgets import bold_label, reserve_text_lines
from gui.train.confusion_view import ConfusionView
from gui.train.curves_view import CurvesView
from gui.train.history_slider import HistorySlider

GRID_GREY = (190, 190, 190)  # the lines between the filters of the grid
#: A change smaller than this share of the colour scale moves no cell to another of the
#: colour map's 256 entries (one entry spans 2/255 of the scale).
INVISIBLE = 1 / 255


def format_seconds(seconds: float) -> str:
    """``12 s``, ``2 min 05 s``: a time left a learner reads at a glance (worded in the
    Training page's context, where the progress bar shows it)."""
    if not math.isfinite(seconds):
        return QCoreApplication.translate("TrainingPage", "estimating time")
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return QCoreApplication.translate("TrainingPage", "{0} s left").format(seconds)
    return QCoreApplication.translate("TrainingPage", "{0} min {1:02d} s left").format(
        seconds // 60, seconds % 60)


class LearnedFiltersView(QWidget):
    """The first convolution's filters as a grid of small heatmaps on one common,
    zero-centred diverging scale, updated in place while the network trains.

    The grid is one mosaic image with grey lines between the filters: one ``setImage``
    per frame however many filters there are (a separate item per filter cost a render
    and a paint each, in the GUI thread that training shares the GIL with).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        paint_background_directly(self.canvas)
        self.canvas.ci.setContentsMargins(2, 2, 2, 2)
        self.view = self.canvas.addViewBox()
        self.view.setAspectLocked(True)
        self.view.invertY(True)
        self.view.setMouseEnabled(x=False, y=False)
        self.view.setMenuEnabled(False)
        self.view.setDefaultPadding(0.02)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.view.addItem(self.image)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6e6e6e; background: white;")
        self.scale = QLabel()
        self.scale.setWordWrap(True)  # a longer text must not widen the column
        self.scale.setStyleSheet("color: #555;")
        self._kernels: np.ndarray | None = None   # (F, KH, KW) as drawn
        self._levels = (-1.0, 1.0)
        self._grid: tuple[int, int, int] | None = None  # columns, rows, pixels per cell
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.scale)
        self.canvas.setMinimumSize(120, 100)
        self.hint.setMinimumSize(120, 100)
        self.canvas.setVisible(False)
        self.canvas.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Word every text again, the scale line from the filters on show."""
        self.canvas.setToolTip(self.tr(
            "Each square is one learned filter of the first layer (channels averaged): red "
            "cells are positive weights, blue negative, white zero, all on one scale"))
        self.hint.setText(self.tr("The first layer's filters appear here when training "
                                  "starts"))
        self.scale.setToolTip(self.tr("The weight that the darkest red (and blue) stands for"))
        self._update_scale()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_scale(self) -> None:
        kernels = self._kernels
        self.scale.setText("" if kernels is None else self.tr(
            "%n filter(s) {0}×{1} · colour scale ±{2:.3g}", "", kernels.shape[0]).format(
                kernels.shape[1], kernels.shape[2], self._levels[1]))

    def columns(self, count: int, kh: int = 1, kw: int = 1) -> int:
        """The number of columns that makes the filters largest in the canvas."""
        width, height = max(self.canvas.width(), 1), max(self.canvas.height(), 1)
        best, best_size = 1, 0.0
        for cols in range(1, count + 1):
            rows = -(-count // cols)
            size = min(width / (cols * kw), height / (rows * kh))
            if size > best_size:
                best, best_size = cols, size
        return best

    def set_filters(self, weights: np.ndarray | None) -> None:
        """Show ``weights`` (F, C, KH, KW); None clears the grid."""
        if weights is None or len(weights) == 0:
            self._kernels, self._grid = None, None
            self.image.clear()
            self.canvas.setVisible(False)
            self.hint.setVisible(True)
            self._update_scale()
            return
        # A diverging run's last weights may be inf or NaN; they must not break the map.
        kernels = np.nan_to_num(np.asarray(weights, dtype=np.float32).mean(axis=1),
                                nan=0.0, posinf=np.finfo(np.float32).max,
                                neginf=np.finfo(np.float32).min)
        levels = symmetric_levels(kernels)
        drawn = self._kernels
        if (drawn is not None and drawn.shape == kernels.shape and self.canvas.isVisible()
                and abs(levels[1] - self._levels[1]) < INVISIBLE * self._levels[1]
                and float(np.abs(kernels - drawn).max()) < INVISIBLE * self._levels[1]):
            return  # no cell would change colour: spare the GUI thread a repaint
        self._kernels = kernels
        self._levels = levels
        if self.hint.isVisible() or not self.canvas.isVisibleTo(self):
            self.hint.setVisible(False)
            self.canvas.setVisible(True)
            self._grid = None
        self._draw()
        self._update_scale()

    def _draw(self) -> None:
        kernels = self._kernels
        count, kh, kw = kernels.shape
        cols = self.columns(count, kh, kw)
        rows = -(-count // cols)
        cell = max(1, 12 // max(kh, kw))  # mosaic pixels per kernel cell: thin lines
        grid = (cols, rows, cell)
        # Map each weight through the diverging map here, and leave grey lines between.
        tiles = DIVERGING.rgb(kernels, self._levels)        # (F, KH, KW, 3)
        tiles = tiles.repeat(cell, axis=1).repeat(cell, axis=2)
        th, tw = kh * cell, kw * cell
        mosaic = np.empty((rows * (th + 1) + 1, cols * (tw + 1) + 1, 3), dtype=np.uint8)
        mosaic[...] = GRID_GREY
        for i in range(count):
            r, c = divmod(i, cols)
            mosaic[1 + r * (th + 1):1 + r * (th + 1) + th,
                   1 + c * (tw + 1):1 + c * (tw + 1) + tw] = tiles[i]
        self.image.setImage(mosaic, autoLevels=False, levels=(0, 255))
        if grid != self._grid:
            self._grid = grid
            self.image.setRect(0, 0, mosaic.shape[1], mosaic.shape[0])
            self.view.setRange(xRange=(0, mosaic.shape[1]), yRange=(0, mosaic.shape[0]),
                               padding=0.02)

    def images(self) -> list[np.ndarray]:
        """The weights each tile shows now, (KH, KW) each (channels averaged)."""
        return [] if self._kernels is None else list(self._kernels)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # The best number of columns depends on the canvas's shape.
        if watched is self.canvas and event.type() == QEvent.Type.Resize \
                and self._kernels is not None:
            self._draw()
        return super().eventFilter(watched, event)


class ResultsPanel(QSplitter):
    """Curves above; the learned filters beside the test accuracy and confusion matrix
    below.

    Signals
    -------
    test_image_chosen(int) : a confusion-matrix cell's test image ``index`` was chosen.
    test_set_shown(object) : the dataset whose test images the results now describe, or
        None when they describe none.

    Attributes: ``curves`` (:class:`CurvesView`), ``filters_view``
    (:class:`LearnedFiltersView`), ``confusion`` (:class:`ConfusionView`),
    ``accuracy_label``, ``history_slider`` (above the filters and the matrix, which it
    moves through the epochs: :class:`gui.train.history_slider.HistorySlider`),
    ``result_dataset`` (the data behind the confusion matrix, or None).
    """

    test_image_chosen = Signal(int)
    test_set_shown = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.result_dataset = None
        self._shown_score: tuple[float, int, int] | None = None
        self.curves = CurvesView()
        self.filters_view = LearnedFiltersView()
        self.confusion = ConfusionView()
        self.confusion.image_chosen.connect(self.test_image_chosen)
        self.confusion.clear()

        live = QWidget()
        live_layout = QVBoxLayout(live)
        live_layout.setContentsMargins(0, 0, 0, 0)
        live_layout.setSpacing(2)
        self.filters_title = bold_label()
        self.filters_title.setWordWrap(True)  # a longer title must not widen the column
        live_layout.addWidget(self.filters_title)
        live_layout.addWidget(self.filters_view, 1)

        after = QWidget()
        after_layout = QVBoxLayout(after)
        after_layout.setContentsMargins(0, 0, 0, 0)
        after_layout.setSpacing(2)
        self.accuracy_label = bold_label()
        self.accuracy_label.setWordWrap(True)  # a longer result must not widen the column
        big = self.accuracy_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.accuracy_label.setFont(big)
        after_layout.addWidget(self.accuracy_label)
        after_layout.addWidget(self.confusion, 1)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(live)
        bottom.addWidget(after)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        bottom.setChildrenCollapsible(False)
        self.bottom = bottom
        self.history_slider = HistorySlider()
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.setSpacing(2)
        below_layout.addWidget(self.history_slider)
        below_layout.addWidget(bottom, 1)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        self.curves_title = bold_label()
        self.curves_title.setWordWrap(True)  # a longer title must not widen the column
        top_layout.addWidget(self.curves_title)
        top_layout.addWidget(self.curves, 1)

        self.addWidget(top)
        self.addWidget(below)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setChildrenCollapsible(False)
        #: What the accuracy line says: ("none",), ("no test",), ("training",),
        #: ("score", percent, correct, total), ("previous", percent, correct, total),
        #: ("epoch", epoch, percent, correct, total), ("epoch pending", epoch) or
        #: ("epoch failed", epoch).
        self._accuracy: tuple = ("none",)
        self.retranslate()

    def retranslate(self) -> None:
        """Word the titles, the tooltip and the accuracy line again (the views word
        themselves)."""
        self.filters_title.setText(QCoreApplication.translate(
            "TrainingPage", "Learned filters (first layer)"))
        self.curves_title.setText(QCoreApplication.translate("TrainingPage", "Learning curves"))
        self.accuracy_label.setToolTip(QCoreApplication.translate(
            "TrainingPage",
            "The share of the test images, never used for training, that the network "
            "classifies correctly"))
        reserve_text_lines(self.accuracy_label, 2, QCoreApplication.translate(
            "TrainingPage", "Test accuracy: —"))
        self._show_accuracy()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_accuracy"):
            self.retranslate()
        super().changeEvent(event)

    def _show_accuracy(self, *accuracy) -> None:
        """Show ``accuracy`` (see ``_accuracy``; none given: the one shown)."""
        if accuracy:
            self._accuracy = accuracy
        kind, *score = self._accuracy
        if kind == "score":
            text = QCoreApplication.translate(
                "TrainingPage", "Test accuracy: {0:.1f} % ({1} of {2} images)").format(*score)
        elif kind == "previous":
            text = QCoreApplication.translate(
                "TrainingPage",
                "Previous run's test accuracy: {0:.1f} % ({1} of {2} images)").format(*score)
        elif kind == "epoch":
            epoch, *score = score
            text = (QCoreApplication.translate(
                "TrainingPage",
                "Test accuracy before training: {0:.1f} % ({1} of {2} images)").format(*score)
                if epoch == 0 else QCoreApplication.translate(
                    "TrainingPage",
                    "Test accuracy after epoch {0}: {1:.1f} % ({2} of {3} images)").format(
                    epoch, *score))
        elif kind == "epoch pending":
            text = (QCoreApplication.translate("TrainingPage",
                                               "Test accuracy before training: measuring…")
                    if score[0] == 0 else QCoreApplication.translate(
                        "TrainingPage", "Test accuracy after epoch {0}: measuring…").format(
                        *score))
        elif kind == "epoch failed":
            text = QCoreApplication.translate(
                "TrainingPage", "Test accuracy after epoch {0}: could not be measured").format(
                *score)
        elif kind == "no test":
            text = QCoreApplication.translate("TrainingPage", "Test accuracy: — (no test images)")
        elif kind == "training":
            text = QCoreApplication.translate("TrainingPage", "Test accuracy: — (training…)")
        else:
            text = QCoreApplication.translate("TrainingPage", "Test accuracy: —")
        self.accuracy_label.setText(text)

    def clear_evaluation(self) -> None:
        """No test results (e.g. an opened model that does not fit the data)."""
        self._show_accuracy("none")
        self.confusion.clear()
        self.result_dataset = None
        self.test_set_shown.emit(None)

    def show_evaluation(self, evaluation, dataset) -> None:
        """Show ``evaluation`` (an :func:`engine.train.evaluate` result) of ``dataset``."""
        if evaluation is None or dataset is None:
            self._show_accuracy("no test")
            self.confusion.clear()
            self.result_dataset = None
            self.test_set_shown.emit(None)
            return
        self.result_dataset = dataset
        correct = int(np.trace(evaluation.confusion))
        self._shown_score = (100 * evaluation.accuracy, correct, len(dataset.y_test))
        self._show_accuracy("score", *self._shown_score)
        self.confusion.set_results(evaluation.confusion, dataset.y_test, evaluation.predictions,
                                   dataset.x_test, class_names(dataset.class_names))
        self.test_set_shown.emit(dataset)

    def show_epoch_evaluation(self, evaluation, epoch: int, dataset,
                              failed: bool = False) -> None:
        """Show ``evaluation`` of the network after ``epoch`` of the run on ``dataset``'s
        test images (the data of the results on show); None: it is being measured (or
        ``failed``), and the matrix shown stays until it comes."""
        if evaluation is None:
            self._show_accuracy("epoch failed" if failed else "epoch pending", epoch)
            return
        correct = int(np.trace(evaluation.confusion))
        self._show_accuracy("epoch", epoch, 100 * evaluation.accuracy, correct,
                            len(dataset.y_test))
        self.confusion.set_results(evaluation.confusion, dataset.y_test, evaluation.predictions,
                                   dataset.x_test, class_names(dataset.class_names))

    def mark_as_previous(self, dataset) -> None:
        """A run starts: the confusion matrix now describes the previous model. On other
        data (or other classes) it says nothing about this run, so it goes; on the same
        data it stays, headed as the previous run's, until this run's replaces it."""
        shown = self.result_dataset
        if shown is None:
            return
        same = shown is dataset or (
            tuple(shown.class_names) == tuple(dataset.class_names)
            and shown.x_test.shape == dataset.x_test.shape
            and np.array_equal(shown.y_test, dataset.y_test)
            and np.array_equal(shown.x_test, dataset.x_test))
        if not same:
            self._show_accuracy("training")
            self.confusion.clear()
            self.result_dataset = None
            return
        self._show_accuracy("previous", *self._shown_score)
