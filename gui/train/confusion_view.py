"""The confusion matrix of a trained network, and the test images behind each cell.

Rows are the true classes and columns the predicted ones, so the diagonal holds the
images classified correctly (blue) and every other cell a kind of mistake (orange to
red). Each cell shows its count; its colour shows the share of its row. Clicking a
cell (or moving to it with the arrow keys and pressing Enter) lists exactly the test
images behind it; clicking one of those emits :attr:`ConfusionView.image_chosen`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.common.image_io import ink_pixmap
from gui.common.plotting import paint_background_directly
from gui.common.widgets import reserve_lines, thumbnail_list

THUMB_SCALE = 2
THUMBNAIL = 28 * THUMB_SCALE  # the datasets' images are 28 × 28
WHITE = np.array([255, 255, 255], dtype=np.float32)
CORRECT = np.array([33, 102, 172], dtype=np.float32)    # blue, as the diverging map's +
MISTAKE = np.array([214, 96, 39], dtype=np.float32)     # orange-red
SELECTED = QColor(20, 20, 20)
CURSOR = QColor(255, 152, 0)
LIGHT_TEXT = QColor(255, 255, 255)
DARK_TEXT = QColor(40, 40, 40)


def cell_colours(confusion: np.ndarray) -> np.ndarray:
    """(K, K, 3) uint8: each cell's share of its row, from white to blue on the diagonal
    and from white to orange-red elsewhere."""
    confusion = np.asarray(confusion, dtype=np.float64)
    totals = confusion.sum(axis=1, keepdims=True)
    share = np.divide(confusion, totals, out=np.zeros_like(confusion), where=totals > 0)
    # A single mistake should be visible, so off-diagonal shares get a lift.
    strength = np.where(np.eye(len(confusion), dtype=bool), share, np.sqrt(share))
    target = np.where(np.eye(len(confusion), dtype=bool)[..., None], CORRECT, MISTAKE)
    rgb = WHITE + (target - WHITE) * strength[..., None]
    return np.ascontiguousarray(np.clip(np.rint(rgb), 0, 255).astype(np.uint8))


class _ClassAxis(pg.AxisItem):
    """The predicted-class axis: names stand upright when side by side they would collide
    (pyqtgraph would silently drop the ones that do not fit)."""

    UPRIGHT_ABOVE_PX = 26

    def __init__(self) -> None:
        super().__init__("bottom")
        self.names: list[str] = []
        self.upright = False

    def set_names(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.setTicks([[(i + 0.5, name) for i, name in enumerate(self.names)]])
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(name) for name in self.names), default=0)
        self.upright = widest > self.UPRIGHT_ABOVE_PX
        label = metrics.height() + 12 if self.label.isVisible() else 0
        self.setHeight(widest + 14 + label if self.upright else None)

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs) -> None:  # noqa: N802
        if not self.upright or len(tickSpecs) != len(self.names):
            super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
            return
        super().drawPicture(p, axisSpec, tickSpecs, [])
        p.setPen(self.textPen())
        metrics = QFontMetrics(p.font())
        for (_pen, start, end), name in zip(tickSpecs, self.names, strict=True):
            p.save()
            p.translate(start.x(), max(start.y(), end.y()) + 4)
            p.rotate(-90)  # reads bottom to top, ending at the axis
            width, height = metrics.horizontalAdvance(name), metrics.height()
            p.drawText(QRectF(-width, -height / 2, width, height),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), name)
            p.restore()


class _CountsItem(pg.GraphicsObject):
    """The count in every cell, in one item: text stays a readable pixel size however
    large the cells are drawn, and a new matrix costs no item creation."""

    def __init__(self) -> None:
        super().__init__()
        self._counts = np.zeros((0, 0), dtype=np.int64)
        self._dark = np.zeros((0, 0), dtype=bool)

    def set_counts(self, confusion: np.ndarray) -> None:
        confusion = np.asarray(confusion, dtype=np.int64)
        totals = np.maximum(confusion.sum(axis=1, keepdims=True), 1)
        diagonal = np.eye(len(confusion), dtype=bool)
        # White text where the cell colour is dark (see cell_colours).
        self._dark = confusion / totals > np.where(diagonal, 0.55, 0.3)
        self.prepareGeometryChange()
        self._counts = confusion
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        k = len(self._counts)
        return QRectF(0, 0, k, k)

    def paint(self, painter, *args) -> None:
        k = len(self._counts)
        if not k:
            return
        transform = painter.transform()
        cell = min(abs(transform.m11()), abs(transform.m22()))
        painter.save()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setPixelSize(int(np.clip(cell * 0.42, 7, 14)))
        painter.setFont(font)
        box = QRectF(-cell / 2, -cell / 2, cell, cell)
        flags = int(Qt.AlignmentFlag.AlignCenter)
        for r in range(k):
            for c in range(k):
                count = int(self._counts[r, c])
                if not count and r != c:
                    continue  # empty mistakes stay blank, so the real ones stand out
                centre = transform.map(QPointF(c + 0.5, r + 0.5))
                painter.setPen(LIGHT_TEXT if self._dark[r, c] else DARK_TEXT)
                painter.drawText(box.translated(centre), flags, str(count))
        painter.restore()


class _MatrixImage(pg.ImageItem):
    """The heatmap; reports the cell under a left click."""

    clicked = Signal(int, int)

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self.image is None:
            return
        pos = event.pos()
        row, col = int(np.floor(pos.y())), int(np.floor(pos.x()))
        if 0 <= row < self.image.shape[0] and 0 <= col < self.image.shape[1]:
            event.accept()
            self.clicked.emit(row, col)


class ConfusionView(QWidget):
    """Confusion-matrix heatmap above a list of the selected cell's test images.

    Signals
    -------
    cell_clicked(int true, int predicted) : a cell was chosen (click or Enter).
    image_chosen(int test_index) : a thumbnail was clicked or activated; the index is
        into the test images given to :meth:`set_results`.
    """

    cell_clicked = Signal(int, int)
    image_chosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._confusion = np.zeros((0, 0), dtype=np.int64)
        self._true = np.zeros(0, dtype=np.int64)
        self._predicted = np.zeros(0, dtype=np.int64)
        self._images = None
        self._class_names: tuple[str, ...] = ()
        self._selected = (-1, -1)
        self._cursor = (0, 0)

        self.class_axis = _ClassAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.class_axis})
        paint_background_directly(self.plot)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        view = self.plot.getViewBox()
        view.invertY(True)
        view.setAspectLocked(True)
        view.setDefaultPadding(0.0)
        self.image = _MatrixImage(axisOrder="row-major")
        self.image.clicked.connect(self._on_image_clicked)
        self.plot.addItem(self.image)
        self.counts = _CountsItem()
        self.counts.setZValue(5)
        self.plot.addItem(self.counts)
        self.selection_box = pg.QtWidgets.QGraphicsRectItem(0, 0, 1, 1)
        self.selection_box.setPen(pg.mkPen(SELECTED, width=3, cosmetic=True))
        self.selection_box.setZValue(10)
        self.selection_box.setVisible(False)
        self.plot.addItem(self.selection_box)
        self.cursor_box = pg.QtWidgets.QGraphicsRectItem(0, 0, 1, 1)
        self.cursor_box.setPen(pg.mkPen(CURSOR, width=2, style=Qt.PenStyle.DashLine,
                                        cosmetic=True))
        self.cursor_box.setZValue(11)
        self.cursor_box.setVisible(False)
        self.plot.addItem(self.cursor_box)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).enableAutoSIPrefix(False)
        self.placeholder = pg.TextItem("", color=(110, 110, 110), anchor=(0.5, 0.5))
        self.placeholder.setPos(0.5, 0.5)
        self.plot.addItem(self.placeholder)
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot.installEventFilter(self)
        self.plot.setMinimumSize(200, 200)

        self.title = QLabel()
        self.title.setWordWrap(True)
        # The splitter sizes by minimum heights, which do not grow when a narrow column
        # wraps the title: room for two lines keeps the thumbnails inside the window.
        reserve_lines(self.title, 2)
        self.thumbnails = thumbnail_list(THUMBNAIL, QAbstractItemView.SelectionMode.SingleSelection,
                                         gap=8)
        self.thumbnails.itemClicked.connect(self._on_item_chosen)
        self.thumbnails.itemActivated.connect(self._on_item_chosen)
        self.thumbnails.setMinimumHeight(THUMBNAIL + 16)

        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.setSpacing(2)
        below_layout.addWidget(self.title)
        below_layout.addWidget(self.thumbnails, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.plot)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._has_results = False
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language; the title and the thumbnails'
        tooltips are worded again for the cell shown."""
        self.plot.setLabel("left", self.tr("true class"))
        self.plot.setLabel("bottom", self.tr("predicted class"))
        self.placeholder.setText(self.tr("The confusion matrix\nappears after training"))
        self.plot.setToolTip(self.tr(
            "Rows: the true class; columns: what the network predicted. The diagonal counts "
            "the correct answers, every other cell a kind of mistake. Click a cell (or use "
            "the arrow keys and Enter) to see its test images"))
        self.thumbnails.setToolTip(self.tr(
            "The test images in the chosen cell. Click one to open it in the explorer"))
        self._show_title()
        for i in range(self.thumbnails.count()):
            item = self.thumbnails.item(i)
            item.setToolTip(self._image_tooltip(item.data(Qt.ItemDataRole.UserRole)))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_has_results"):
            self.retranslate()
        super().changeEvent(event)

    def _image_tooltip(self, index: int) -> str:
        names = self._class_names
        return self.tr("Test image {0}: true {1}, predicted {2}").format(
            int(index), names[self._true[index]], names[self._predicted[index]])

    def _show_title(self) -> None:
        """The words under the matrix, for the cell selected (or none)."""
        if not self._has_results:
            self.title.setText(self.tr("Its cells open the test images behind them"))
            return
        true_class, predicted_class = self._selected
        if true_class < 0:
            self.title.setText(self.tr("Click a cell to see its test images"))
            return
        names = self._class_names
        n = len(self.cell_indices(true_class, predicted_class))
        if n and true_class != predicted_class:
            title = self.tr("True {0}, predicted {1}: %n image(s) (mistakes)", "", n)
        else:
            title = self.tr("True {0}, predicted {1}: %n image(s)", "", n)
        self.title.setText(title.format(names[true_class], names[predicted_class]))

    # --- data ----------------------------------------------------------------------
    def set_results(self, confusion: np.ndarray, true_labels: np.ndarray,
                    predictions: np.ndarray, images: np.ndarray,
                    class_names: Sequence[str]) -> None:
        """Show a confusion matrix (K, K) (rows true, columns predicted) computed from
        ``true_labels`` and ``predictions`` (N,) of the test ``images`` (N, C, H, W)."""
        confusion = np.asarray(confusion, dtype=np.int64)
        k = confusion.shape[0]
        self._confusion = confusion
        self._true = np.asarray(true_labels, dtype=np.int64)
        self._predicted = np.asarray(predictions, dtype=np.int64)
        self._images = images
        self._class_names = tuple(str(n) for n in class_names) or tuple(str(i) for i in range(k))
        self.placeholder.setVisible(False)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setStyle(showValues=True)
        self.image.setImage(cell_colours(confusion), autoLevels=False, levels=(0, 255))
        self.image.setRect(0, 0, k, k)
        self.counts.set_counts(confusion)
        self.class_axis.set_names(self._class_names)
        self.plot.getAxis("left").setTicks([[(i + 0.5, name)
                                             for i, name in enumerate(self._class_names)]])
        self.plot.getViewBox().setRange(xRange=(0, k), yRange=(0, k), padding=0.02)
        self._selected = (-1, -1)
        self.selection_box.setVisible(False)
        self._cursor = (0, 0)
        self.cursor_box.setVisible(False)
        self.thumbnails.clear()
        self._has_results = True
        self._show_title()

    def clear(self) -> None:
        """Forget the results (a new run starts, or another model was opened)."""
        self._confusion = np.zeros((0, 0), dtype=np.int64)
        self._true = self._predicted = np.zeros(0, dtype=np.int64)
        self._images = None
        self._class_names = ()
        self.counts.set_counts(np.zeros((0, 0), dtype=np.int64))
        self.image.clear()
        self.placeholder.setVisible(True)
        for name in ("left", "bottom"):
            self.plot.getAxis(name).setStyle(showValues=False)
        self.plot.getViewBox().setRange(xRange=(0, 1), yRange=(0, 1), padding=0.02)
        self.class_axis.set_names([])
        self.plot.getAxis("left").setTicks([[]])
        self._selected = (-1, -1)
        self.selection_box.setVisible(False)
        self.cursor_box.setVisible(False)
        self.thumbnails.clear()
        self._has_results = False
        self._show_title()

    @property
    def confusion(self) -> np.ndarray:
        return self._confusion

    @property
    def selected_cell(self) -> tuple[int, int]:
        return self._selected

    def cell_indices(self, true_class: int, predicted_class: int) -> np.ndarray:
        """Indices of the test images with this true class and prediction, ascending."""
        return np.flatnonzero((self._true == true_class) & (self._predicted == predicted_class))

    def shown_indices(self) -> list[int]:
        """The test indices behind the thumbnails now listed, in order."""
        return [self.thumbnails.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.thumbnails.count())]

    # --- selection -------------------------------------------------------------------
    def select_cell(self, true_class: int, predicted_class: int) -> None:
        """List the test images of one cell and emit :attr:`cell_clicked`."""
        k = len(self._confusion)
        if not (0 <= true_class < k and 0 <= predicted_class < k):
            return
        self._selected = (int(true_class), int(predicted_class))
        self._cursor = self._selected
        self.selection_box.setRect(predicted_class, true_class, 1, 1)
        self.selection_box.setVisible(True)
        self.cursor_box.setVisible(False)
        indices = self.cell_indices(true_class, predicted_class)
        self.thumbnails.setUpdatesEnabled(False)
        self.thumbnails.clear()
        for index in indices:
            item = QListWidgetItem(QIcon(ink_pixmap(self._images[index], THUMB_SCALE)), "")
            item.setData(Qt.ItemDataRole.UserRole, int(index))
            item.setToolTip(self._image_tooltip(index))
            self.thumbnails.addItem(item)
        self.thumbnails.setUpdatesEnabled(True)
        self._show_title()
        self.cell_clicked.emit(int(true_class), int(predicted_class))

    def _on_image_clicked(self, row: int, col: int) -> None:
        self.plot.setFocus()
        self.select_cell(row, col)

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        self.image_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.plot and event.type() == QEvent.Type.KeyPress and len(self._confusion):
            moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
                     Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
            k = len(self._confusion)
            if event.key() in moves:
                dr, dc = moves[event.key()]
                row = int(np.clip(self._cursor[0] + dr, 0, k - 1))
                col = int(np.clip(self._cursor[1] + dc, 0, k - 1))
                self._cursor = (row, col)
                self.cursor_box.setRect(col, row, 1, 1)
                self.cursor_box.setVisible(True)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                self.select_cell(*self._cursor)
                return True
        return super().eventFilter(watched, event)
