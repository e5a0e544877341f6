"""The Explore page: picture and controls | stage heatmaps and cell maths | feature detectors."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import app_settings
from gui.common.widgets import VerticalScrollArea
from gui.explore.controls_panel import ControlsPanel
from gui.explore.explain_panel import ExplainPanel
from gui.explore.filter_panel import FilterPanel
from gui.explore.image_panel import ImagePanel
from gui.explore.prediction_panel import PredictionPanel
from gui.explore.stages import StageView
from gui.state import LabState

# Where the divider between the heatmaps and the cell maths was left (the maths'
# height in pixels).
MATHS_HEIGHT_KEY = "explorer/maths_height"
# Without a remembered place, the maths gets this share of the centre's height
# (a 3×3 kernel's maths fits whole at 1280×800), within these limits.
MATHS_SHARE = 0.31
MATHS_MIN, MATHS_MAX = 120, 320
# A remembered divider never leaves the heatmaps less than this.
MAPS_MIN = 200


class ExplorerPage(QWidget):
    """Picture and layer controls | stage heatmaps and cell maths | feature detectors."""

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.image_panel = ImagePanel(state)
        self.controls_panel = ControlsPanel(state)
        self.stage_view = StageView(state)
        self.explain_panel = ExplainPanel(state)
        self.filter_panel = FilterPanel(state)
        self.prediction_panel = PredictionPanel(state)
        # Panels that repaint on every edit paint their own background, so Qt need not
        # repaint the window, tab and splitters behind them each time (35 paint events
        # an edit became 16).
        for panel in (self.stage_view, self.explain_panel, self.filter_panel):
            panel.setAutoFillBackground(True)

        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 4, 0)
        column_layout.addWidget(self.image_panel)
        column_layout.addWidget(self.controls_panel)
        column_layout.addStretch(1)
        left = QScrollArea()
        left.setWidget(column)
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_column = left
        # The width the column starts with: what its texts ask for, in the first language.
        self._left_width = column.sizeHint().width() + 16
        self._fit_left_column()
        column.installEventFilter(self)

        # The cell maths and, once a model exists, its prediction share the space under
        # the heatmaps: both answer "what does this layer do with the picture?". A
        # divider the learner may drag keeps the two apart, so showing the maths of a
        # first clicked cell never shrinks the maps (the maths scrolls if it needs more);
        # where it was left is remembered.
        # Side by side where the centre is wide enough for both, as two tabs where it
        # is not, so the prediction never makes the window wider than a 1024-pixel
        # screen nor squeezes the maps.
        below = QWidget()
        self.below_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, below)
        self.below_layout.setContentsMargins(0, 0, 0, 0)
        self.below_layout.addWidget(self.explain_panel, 3)
        self.below_layout.addWidget(self.prediction_panel, 2)
        self.below_tabs = QTabWidget()
        self.below_tabs.setDocumentMode(True)
        self.below_tabs.setSizePolicy(QSizePolicy.Policy.Preferred,
                                      QSizePolicy.Policy.Ignored)
        self.below_tabs.hide()
        self.below_layout.addWidget(self.below_tabs)
        self._tabbed = False
        for panel in (self.explain_panel, self.prediction_panel):
            policy = panel.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)  # the divider decides
            panel.setSizePolicy(policy)
        self._state = state
        self.prediction_panel.setVisible(state.model is not None)
        state.model_changed.connect(self._on_model_changed)
        # Tabbed, the tab of what the learner just asked for comes to the front.
        state.cell_selected.connect(lambda row, _col: row >= 0 and self._show_tab(0))
        self.below = below
        below.installEventFilter(self)

        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.centre.addWidget(self.stage_view)
        self.centre.addWidget(below)
        self.centre.setStretchFactor(0, 1)  # a taller window grows the maps
        self.centre.setStretchFactor(1, 0)
        self.centre.setChildrenCollapsible(False)
        self._maths_height = app_settings.current().integer(
            MATHS_HEIGHT_KEY, 0, 0, 10_000) or None
        self.centre.installEventFilter(self)
        self.centre.splitterMoved.connect(self._on_divider_moved)

        # The editor grows with the kernel (a 15×15 grid is tall): on a short window its
        # column scrolls rather than making the window taller than the screen.
        right = VerticalScrollArea(self.filter_panel)
        self.right_column = right

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([self._left_width, 680, 310])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _fit_left_column(self) -> None:
        """Keep the picture and layer controls at least as wide as their texts need (room
        for a scroll bar included): narrower, the column would cut them off on the right.
        Texts in another language (Japanese labels are wider) or another picture may
        need more than the width the column started with."""
        column = self.left_column.widget()
        needed = column.minimumSizeHint().width() + self.left_column.verticalScrollBar(
            ).sizeHint().width()
        if needed != self.left_column.minimumWidth():
            self.left_column.setMinimumWidth(needed)

    def _arrange_below(self, width: int) -> None:
        """The cell maths beside the prediction when both fit their least widths, the
        two as tabs otherwise (the maths first)."""
        panels = (self.explain_panel, self.prediction_panel)
        needed = sum(panel.minimumSizeHint().width() for panel in panels) + 40
        has_prediction = self._state.model is not None
        tabbed = has_prediction and width < needed
        if tabbed != self._tabbed:
            self._tabbed = tabbed
            if tabbed:
                for panel in panels:
                    self.below_tabs.addTab(panel, "")
                    panel.show()
                self.below_tabs.show()
            else:
                self.below_tabs.clear()
                self.below_tabs.hide()
                self.below_layout.insertWidget(0, self.explain_panel, 3)
                self.below_layout.insertWidget(1, self.prediction_panel, 2)
                self.explain_panel.show()
            self.retranslate()
        if not tabbed:
            self.prediction_panel.setVisible(has_prediction)
        # The least width is what the wider panel needs, side by side or tabbed.
        self.below.setMinimumWidth(max(panel.minimumSizeHint().width() for panel in panels))

    def _on_model_changed(self) -> None:
        self._arrange_below(self.below.width())
        if self._state.model is not None:
            self._show_tab(1)

    def _show_tab(self, index: int) -> None:
        if self._tabbed:
            self.below_tabs.setCurrentIndex(index)

    def retranslate(self) -> None:
        if self._tabbed:
            self.below_tabs.setTabText(0, self.tr("Cell maths"))
            self.below_tabs.setTabText(1, self.tr("Prediction"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def maths_height(self) -> int:
        """The height the divider leaves the cell maths (and the prediction)."""
        return self.centre.sizes()[1]

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # The column's texts changed size (a language switch, draw mode): measure again.
        if watched is self.left_column.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_left_column()
        elif watched is self.below and event.type() in (QEvent.Type.Resize,
                                                        QEvent.Type.LayoutRequest):
            self._arrange_below(self.below.width())
        # The maths keeps its height (the learner's, or a share of the window's) as the
        # window changes size; the maps take the rest.
        elif (watched is self.centre and event.type() == QEvent.Type.Resize
                and event.size().height() > 0):
            total = event.size().height() - self.centre.handleWidth()
            if self._maths_height:  # where the learner left it, if the maps keep room
                height = min(self._maths_height, total - MAPS_MIN)
            else:
                height = max(MATHS_MIN, min(round(MATHS_SHARE * total), MATHS_MAX, total // 2))
            self.centre.setSizes([total - height, height])
        return super().eventFilter(watched, event)

    def _on_divider_moved(self, _pos: int, _index: int) -> None:
        self._maths_height = self.maths_height()
        app_settings.current().write(MATHS_HEIGHT_KEY, self._maths_height)
