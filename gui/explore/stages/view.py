"""The explorer's stage view: input -> convolution -> activation -> pooling -> flattening.

One pyqtgraph scene shows, for the selected filter, every stage of the layer (in a row,
or two by two when that draws them larger), the flattened vector of all filters below
them, and a grid of every filter's feature map. Items are made once and updated in
place; maps are :class:`gui.common.heatmap.HeatmapItem` coloured through
:mod:`gui.common.colormap`. The selected filter's three signed maps share one symmetric
colour scale (so ReLU visibly removes the blue), and the flattened strip shares another
with the grid. Hovering reads a cell's value; clicking a feature-map cell selects it in
the shared state and outlines its receptive field on the input; clicking a pooled cell
outlines its pool window and writes its arithmetic (max or mean of the window).

This module builds the widget and binds it to the state. The scene and what draws an
exploration into it are in :mod:`.scene` (items in :mod:`.items` and :mod:`.overlays`,
arrangement in :mod:`.layout`, colours in :mod:`.maps` and :mod:`.levels`); keys and
clicks in :mod:`.navigation`; the readout under the maps in :mod:`.hover`; what it says
when nothing can be computed in :mod:`.messages`; its words in :mod:`.texts`; its PNG
export in :mod:`.export`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer
from PySide6.QtWidgets import QFrame, QStackedLayout, QVBoxLayout, QWidget

from engine.pipeline import Exploration, PooledCellExplanation
from gui.common.heatmap import HeatmapItem
from gui.common.widgets import FittedLabel, LayoutFence
from gui.explore.stages import texts
from gui.explore.stages.export import export_stage_images
from gui.explore.stages.hover import StageHover
from gui.explore.stages.messages import StageMessages
from gui.explore.stages.navigation import StageNavigation
from gui.explore.stages.scene import (  # noqa: F401  (names the view has always offered)
    COLORBAR_AXIS_WIDTH,
    COLORBAR_BAR_WIDTH,
    FOCUS_FRAME_COLOR,
    FOCUS_FRAME_WIDTH,
    StageScene,
)
from gui.state import LabState

#: How long a selection changed with the filters waits for the explorer's worker to
#: draw it, before it is drawn from the maps on show.
OWED_SELECTION_WAIT_MS = 100


class StageView(QWidget):
    """Every stage of the convolutional layer, for the selected filter and for all.

    Parameters
    ----------
    state : LabState
        Read on ``explored``, ``explore_failed``, ``selected_filter_changed``,
        ``cell_selected``, ``pooled_cell_selected`` and ``filters_changed``; changed
        only through ``select_cell``, ``select_pooled_cell`` and ``select_filter``.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.scene = StageScene(state)
        scene = self.scene
        # The scene's parts under the names the view has always had.
        self.graphics = scene.graphics
        self.stages = scene.stages
        self.colorbar, self.grid_colorbar = scene.colorbar, scene.grid_colorbar
        self.layout = scene.layout  # (shadows QWidget.layout(); the view has none of its own)
        self.grid, self.thumbnails = scene.grid, scene.thumbnails
        self.maps, self.overlays = scene.maps, scene.overlays

        self.messages = StageMessages(scene, state)
        self.message_label, self.notice_label = self.messages.message, self.messages.notice
        self.hover_label = FittedLabel()
        self.hover_label.setObjectName("stageHover")
        self.hover_label.setStyleSheet("color: #444; padding: 2px 6px;")
        self.hover = StageHover(scene, state, self.hover_label)
        self.navigation = StageNavigation(scene, state, changed=self._update_overlays)
        # The selected filter changed with the filters, before their exploration came.
        self._selection_owed = False
        # The view is about to give the scene's layout its own size.
        self.graphics.installEventFilter(self)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        # A long filter name must not make the whole view wider than its column: the
        # heading shortens to fit instead.
        self.heading = FittedLabel()
        self.heading.setObjectName("stageHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setStyleSheet("padding: 2px 6px;")
        page_layout.addWidget(LayoutFence(self.heading))
        page_layout.addWidget(self.notice_label)
        page_layout.addWidget(self.graphics, 1)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setStyleSheet("color: #ddd;")
        page_layout.addWidget(separator)
        page_layout.addWidget(LayoutFence(self.hover_label))

        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(page)
        self._stack.addWidget(self.messages.page)
        self._stages_page = page
        self._message_page = self.messages.page

        state.explored.connect(self._on_explored)
        state.explore_failed.connect(self._on_explore_failed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        state.cell_selected.connect(self._on_cell_selected)
        state.pooled_cell_selected.connect(self._on_cell_selected)
        state.filters_changed.connect(self._on_filters_changed)
        if state.exploration is not None:
            self._on_explored(state.exploration)
            # That result may predate edits whose recomputation is pending: never let a
            # thumbnail skip the next result because its weights look current.
            self.maps.forget()
        elif state.error is not None:
            self._on_explore_failed(state.error)
        self._retranslate_static()

    def _retranslate_static(self) -> None:
        self.scene.retranslate()
        self.hover.retranslate()
        self.messages.retranslate()
        self.heading._tooltip = self.tr("The filter whose stages are shown; click a small "
                                        "map below to show another")
        self.heading.setToolTip(self.heading._tooltip)

    def retranslate(self) -> None:
        """Word every text again: the stage titles, heading, notice, message and hover
        readout are re-rendered from the exploration (or the error) on show."""
        self._retranslate_static()
        state = self._state
        if state.error is not None:
            self.scene.forget_geometry()
            self._on_explore_failed(state.error)
        elif self.scene.exploration is not None:
            self.scene.forget_geometry()
            for stage in self.stages.values():
                stage.title = None
            self._on_explored(self.scene.exploration)
            self.scene.update_thumbnail_titles()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_stack"):
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.graphics and event.type() == QEvent.Type.Resize:
            self.layout.fit(event.size().width(), event.size().height())
        return super().eventFilter(watched, event)

    # --- public ----------------------------------------------------------------------
    @property
    def stage_images(self) -> dict[str, HeatmapItem]:
        """The ImageItem of each stage, by key: input, conv, activated, pooled, flattened."""
        return {key: stage.image for key, stage in self.stages.items()}

    @property
    def stage_titles(self) -> dict[str, str]:
        """The title text of each stage, e.g. ``{"conv": "Convolution 26×26", ...}``."""
        return {key: stage.title[0] if stage.title else ""
                for key, stage in self.stages.items()}

    @property
    def thumbnail_images(self) -> list[HeatmapItem]:
        return [thumb.image for thumb in self.thumbnails[:self.scene.thumbnail_count()]]

    @property
    def error_message(self) -> str | None:
        """The message shown in place of the stages (or, for a pool that does not fit,
        in place of the pooled stage), or None while every stage is shown."""
        if self._stack.currentWidget() is self._message_page:
            return self.messages.error
        return self.messages.pool_failure

    @property
    def receptive_field(self) -> QRectF | None:
        """The outlined receptive field on the input (image coordinates: x = column,
        y = row, padding negative), or None when no cell is selected."""
        return self.overlays.receptive_field

    @property
    def pool_window(self) -> QRectF | None:
        """The outlined pool window on the activation map, or None."""
        return self.overlays.pool_window

    @property
    def pool_explanation(self) -> PooledCellExplanation | None:
        """How the selected pooled cell was computed, or None when none is selected."""
        return self.scene.pool_explanation()

    def numbers_shown(self, key: str) -> bool:
        """Whether the values of stage ``key`` are written over its cells, as drawn now
        (small maps only, in cells large enough to hold them)."""
        return self.scene.numbers_shown(key)

    def cell_position(self, key: str, row: int, col: int) -> QPoint:
        """Where the centre of cell (row, col) of stage ``key`` lies, in the coordinates
        of ``self.graphics.viewport()`` (for clicks in tests and lessons)."""
        return self.scene.cell_position(key, row, col)

    def thumbnail_position(self, index: int) -> QPoint:
        """The centre of filter ``index``'s thumbnail in viewport coordinates."""
        return self.scene.thumbnail_position(index)

    def handle_key(self, key) -> bool:
        """Arrows, [ ], Escape (see :class:`.navigation.StageNavigation`)."""
        return self.navigation.handle_key(key)

    def click_cell(self, key: str, row: int, col: int, index: int = -1) -> None:
        """Act as a click on cell (row, col) of stage ``key`` (or thumbnail ``index``)."""
        self.navigation.click_cell(key, row, col, index)

    def export_images(self, folder) -> list[Path]:
        """Write a PNG of each stage (and each filter's feature map) into ``folder``.

        Colours are those on screen; small maps are enlarged with square pixels so a
        9×9 map stays legible. Returns the paths written (only the input while the
        settings leave no output). Every picture is encoded before any is written, and
        each is written atomically and checked (:func:`gui.common.image_io.save_png`):
        on a full disk OSError says how far it got, and the pictures not written keep
        their earlier content.
        """
        e = self.scene.exploration
        image = self._state.image if e is None else e.image
        return export_stage_images(folder, image, e, self._state.selected, self.scene.names(),
                                   self.maps.levels, self.maps.grid_levels)

    # --- state handlers --------------------------------------------------------------
    def _on_explore_failed(self, message: str) -> None:
        # A pool that does not fit leaves the input, convolution and activation to show.
        partial = self.messages.unpooled_exploration()
        if partial is not None:
            if self.scene.pool_cell is not None:
                self._state.select_pooled_cell(-1, -1)
            self._on_explored(partial, unpooled=True)
            self.messages.show_pool_failure(partial)
            return
        self._selection_owed = False
        self.scene.exploration = None
        self.messages.show_error(message)
        self._stack.setCurrentWidget(self._message_page)

    def _on_explored(self, exploration: Exploration, unpooled: bool = False) -> None:
        """Show ``exploration``; ``unpooled``: it is this view's own, made without the
        pool that does not fit (see StageMessages.show_pool_failure)."""
        self._selection_owed = False  # drawn with the rest
        if not unpooled:
            self.messages.clear()
        if self._stack.currentWidget() is not self._stages_page:
            self._stack.setCurrentWidget(self._stages_page)
        self.scene.show(exploration)
        self._update_heading()
        self.hover.update()

    def _on_selected_filter_changed(self, _index: int) -> None:
        if self.scene.exploration is None:
            return
        self._update_heading()
        self.scene.update_thumbnail_titles()
        if self.scene.filters_pending and self._state.recompute_pending:
            # The filters changed too (a filter added, duplicated or removed): their
            # exploration, due next, draws the selected filter's maps. Drawn now from
            # the exploration on show, they were redrawn in the same turn.
            if not self._selection_owed:
                self._selection_owed = True
                QTimer.singleShot(0, self, self._draw_owed_selection)
            return
        self._draw_selection()

    def _draw_owed_selection(self, waited: bool = False) -> None:
        """The selection's maps, if no exploration has drawn them since it changed (the
        filters' exploration is in the worker, or nothing the maps show changed)."""
        if not self._selection_owed:
            return
        if self._state.recompute_pending:  # the recomputation comes first
            QTimer.singleShot(0, self, self._draw_owed_selection)
            return
        if self._state.busy and not waited:
            # The worker's result, most often due within a few milliseconds, draws the
            # selection with everything else: drawn from the maps on show first, it
            # was a whole repaint more in the same burst of work (the soak's worst
            # stalls). Only a slow result leaves the old maps showing the selection.
            QTimer.singleShot(OWED_SELECTION_WAIT_MS, self,
                              lambda: self._draw_owed_selection(waited=True))
            return
        self._selection_owed = False
        if self.scene.exploration is not None:
            self._draw_selection()

    def _draw_selection(self) -> None:
        self.scene.show_selected()
        self._update_overlays()

    def _on_cell_selected(self, _row: int, _col: int) -> None:
        self._update_overlays()

    def _on_filters_changed(self) -> None:
        self.scene.filters_pending = True
        # A rename changes no number, so no new exploration follows: show it here.
        self._update_heading()
        # Names can change without a recomputation (renaming a filter).
        if (self.scene.exploration is not None
                and len(self._state.filters) == self.layout.grid_count):
            self.scene.update_thumbnail_titles()

    # --- drawing ---------------------------------------------------------------------
    def _update_overlays(self) -> None:
        self.scene.update_overlays()
        self.hover.update()

    def _update_heading(self) -> None:
        if self.scene.exploration is None:
            return
        index = self.scene.selected_index()
        names = self.scene.names()
        self.heading.set_texts(*texts.heading(index, texts.filter_name(names, index)))
