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

This module binds the view to the state and handles the keys and the mouse; what it
draws is in :mod:`.items` and :mod:`.overlays`, how it is arranged in :mod:`.layout`,
its words in :mod:`.texts`, its colour scales in :mod:`.levels` and its PNG export in
:mod:`.export`.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QStackedLayout, QVBoxLayout, QWidget

from engine.pipeline import Exploration, PooledCellExplanation, explore
from gui.common.colormap import DIVERGING, INK
from gui.common.heatmap import ColourBar, HeatmapItem
from gui.common.widgets import FittedLabel
from gui.explore.stages import texts
from gui.explore.stages.export import export_stage_images
from gui.explore.stages.items import (
    MAP_PADDING,
    SELECTED_TITLE_COLOR,
    TITLE_COLOR,
    CellNumbers,
    Stage,
    TitleItem,
    make_stage,
    pen,
    title_height,
)
from gui.explore.stages.layout import ARROW_COLUMNS, GRID_COLUMNS, StageLayout
from gui.explore.stages.maps import StageMaps
from gui.explore.stages.overlays import StageOverlays
from gui.state import LabState

#: The frame around the stages while they have the keyboard focus.
FOCUS_FRAME_COLOR = "#0b5394"
FOCUS_FRAME_WIDTH = 2
#: Colour bars: the bar itself and the room for its tick labels (fixed, so a new scale
#: never changes the bar's width, and so never the layout).
COLORBAR_BAR_WIDTH = 12
COLORBAR_AXIS_WIDTH = 40


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
        self._exploration: Exploration | None = None
        #: Why the pooled stage is empty (a pool that does not fit), or None.
        self._pool_failure: str | None = None
        #: Where the pointer last was over the scene (scene coordinates), or None.
        self._hover_pos = None
        #: The filters changed after the exploration on show was computed.
        self._filters_pending = False
        self._geometry_key = None
        self._error: str | None = None

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        # The scene paints every pixel of the viewport (a white background brush), so
        # the widgets behind it need not be painted first on each repaint.
        self.graphics.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.graphics.ci.setContentsMargins(4, 4, 4, 4)
        self.graphics.ci.setSpacing(2)
        # No spacing between columns: the arrow columns keep the stages apart, and empty
        # columns (the square arrangement leaves four) would otherwise still be spaced.
        self.graphics.ci.layout.setHorizontalSpacing(0)
        self._build_stages()
        self._build_grid()
        self.layout = StageLayout(self.graphics, self.stages, self._arrows, self.colorbar,
                                  self.grid_colorbar, self._grid_label,
                                  rearranged=self._on_rearranged)
        self.grid = self.layout.grid
        self.thumbnails = self.layout.thumbnails
        self.maps = StageMaps(self.stages, self.thumbnails, self.colorbar, self.grid_colorbar)

        self.hover_label = FittedLabel()
        self.hover_label.setObjectName("stageHover")
        self.hover_label.set_texts(*texts.hover_hints())
        self.hover_label.setStyleSheet("color: #444; padding: 2px 6px;")

        self.message_label = QLabel()
        self.message_label.setObjectName("stageMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextFormat(Qt.TextFormat.RichText)
        self.message_label.setStyleSheet(
            "QLabel#stageMessage { border: 3px solid #c0392b; border-radius: 8px;"
            " background: #fdecea; color: #7b1d12; padding: 18px; font-size: 15px; }")
        message_page = QWidget()
        message_layout = QVBoxLayout(message_page)
        message_layout.setContentsMargins(40, 40, 40, 40)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message_label)
        message_layout.addStretch(2)

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
        page_layout.addWidget(self.heading)
        # Why a stage is missing (a pool that does not fit), above the stages there are.
        self.notice_label = QLabel()
        self.notice_label.setObjectName("stageNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet(
            "QLabel#stageNotice { border: 2px solid #c0392b; border-radius: 6px;"
            " background: #fdecea; color: #7b1d12; padding: 4px 8px; }")
        self.notice_label.hide()
        page_layout.addWidget(self.notice_label)
        page_layout.addWidget(self.graphics, 1)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setStyleSheet("color: #ddd;")
        page_layout.addWidget(separator)
        page_layout.addWidget(self.hover_label)

        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(page)
        self._stack.addWidget(message_page)
        self._stages_page = page
        self._message_page = message_page

        # Keyboard: arrows move the selected feature-map cell, [ and ] change filter.
        # Tab reaches the view; a frame shows when it has the keys. The frame is always
        # there, transparent without focus, so focus never changes the scene's size.
        self.graphics.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.graphics.setObjectName("stageScene")
        self.graphics.setStyleSheet(
            f"QGraphicsView#stageScene {{ border: {FOCUS_FRAME_WIDTH}px solid transparent; }}"
            f"QGraphicsView#stageScene:focus {{ border: {FOCUS_FRAME_WIDTH}px solid "
            f"{FOCUS_FRAME_COLOR}; }}")
        self.graphics.installEventFilter(self)

        scene = self.graphics.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
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
        self.graphics.setToolTip(self.tr(
            "Each stage of the convolutional layer for the selected filter.\n"
            "Hover over a map to read a value; click a feature-map cell to see how it "
            "was computed; click a pooled cell to see its pool window;\n"
            "click a small map below to select that filter.\n"
            "Keys: arrows move the selected cell, [ and ] change filter, Esc clears."))
        # FittedLabel keeps its own tooltip for texts that fit; it is re-fitted below.
        self.hover_label._tooltip = self.tr("The cell under the mouse pointer")
        self.hover_label.setToolTip(self.hover_label._tooltip)
        self.message_label.setToolTip(self.tr("Why no stages can be computed"))
        self.heading._tooltip = self.tr("The filter whose stages are shown; click a small "
                                        "map below to show another")
        self.heading.setToolTip(self.heading._tooltip)
        for arrow in self._arrows:
            arrow.hint = self.tr("The next stage is computed from this one")
        self.colorbar.setToolTip(self.tr(
            "Colour scale of the selected filter's maps: blue negative, white zero, "
            "red positive"))
        self.overlays.padding_item.setToolTip(self.tr("Padding: zeros added around the input"))
        self._grid_label.set_text((texts.grid_caption(),
                                   self.tr("Feature maps of all filters")))
        self.grid_colorbar.setToolTip(self.tr(
            "Colour scale shared by the flattened vector and every filter's feature map"))

    def retranslate(self) -> None:
        """Word every text again: the stage titles, heading, notice, message and hover
        readout are re-rendered from the exploration (or the error) on show."""
        self._retranslate_static()
        state = self._state
        if state.error is not None:
            self._geometry_key = None
            self._on_explore_failed(state.error)
        elif self._exploration is not None:
            self._geometry_key = None
            for stage in self.stages.values():
                stage.title = None
            self._on_explored(self._exploration)
            self._update_heading()
            self._update_thumbnail_titles()
        else:
            self.hover_label.set_texts(*texts.hover_hints())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_stack"):
            self.retranslate()
        super().changeEvent(event)

    # --- construction ----------------------------------------------------------------
    def _build_stages(self) -> None:
        self.stages: dict[str, Stage] = {}
        for key in ("input", "conv", "activated", "pooled"):
            self.stages[key] = make_stage(key, colormap=INK if key == "input" else DIVERGING)
        self._arrows: list[TitleItem] = []
        for _ in ARROW_COLUMNS:
            arrow = TitleItem()
            arrow.set_text("\u2192", color="#888888", points=15)
            arrow.top_inset = title_height(1)  # centred on the maps, not their titles
            self._arrows.append(arrow)
        inp = self.stages["input"]
        inp.numbers = CellNumbers()
        inp.view.addItem(inp.numbers, ignoreBounds=True)
        layer_numbers = []
        for key in ("conv", "activated", "pooled"):
            stage = self.stages[key]
            stage.numbers = CellNumbers()
            stage.numbers.group = layer_numbers
            layer_numbers.append(stage.numbers)
            stage.view.addItem(stage.numbers, ignoreBounds=True)
        self.colorbar = ColourBar(DIVERGING, COLORBAR_BAR_WIDTH, COLORBAR_AXIS_WIDTH)

        flat = make_stage("flattened", aspect=False)
        flat.view.invertY(False)
        self.stages["flattened"] = flat
        self.overlays = StageOverlays(self.stages)

    def _build_grid(self) -> None:
        self._grid_label = TitleItem()
        self.grid_colorbar = ColourBar(DIVERGING, COLORBAR_BAR_WIDTH, COLORBAR_AXIS_WIDTH)

    def _set_title(self, stage: Stage, texts, selected: bool = False,
                   elide_first: bool = False) -> None:
        """Show the first of ``texts`` (a string or longest-first strings) that fits."""
        texts = (texts,) if isinstance(texts, str) else tuple(texts)
        key = (texts[0], selected)
        if stage.title == key:
            return
        stage.title = key
        color = SELECTED_TITLE_COLOR if selected else TITLE_COLOR
        stage.label.set_text(texts, color=color, bold=selected, elide_first=elide_first)

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
        return [thumb.image for thumb in self.thumbnails[:self._thumbnail_count()]]

    @property
    def error_message(self) -> str | None:
        """The message shown in place of the stages (or, for a pool that does not fit,
        in place of the pooled stage), or None while every stage is shown."""
        if self._stack.currentWidget() is self._message_page:
            return self._error
        return self._pool_failure

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
        e = self._exploration
        if self._pool_cell is None or e is None or e.pool == "none":
            return None
        try:
            return e.explain_pooled(self._selected_index(), *self._pool_cell)
        except (IndexError, ValueError):  # a cell of an older map, a pool that does not fit
            return None

    def numbers_shown(self, key: str) -> bool:
        """Whether the values of stage ``key`` are written over its cells, as drawn now
        (small maps only, in cells large enough to hold them)."""
        numbers = self.stages[key].numbers
        for stage in self.stages.values():
            stage.view.prepareForPaint()  # views map data to the screen lazily
        if numbers is None or not numbers.legible():
            return False
        return all(other.legible() for other in numbers.group if other.has_values)

    def cell_position(self, key: str, row: int, col: int) -> QPoint:
        """Where the centre of cell (row, col) of stage ``key`` lies, in the coordinates
        of ``self.graphics.viewport()`` (for clicks in tests and lessons)."""
        stage = self.stages[key]
        stage.view.prepareForPaint()
        scene = stage.image.mapToScene(QPointF(col + 0.5, row + 0.5))
        return self.graphics.mapFromScene(scene)

    def thumbnail_position(self, index: int) -> QPoint:
        """The centre of filter ``index``'s thumbnail in viewport coordinates."""
        thumb = self.thumbnails[index]
        return self.graphics.mapFromScene(thumb.view.sceneBoundingRect().center())

    def export_images(self, folder) -> list[Path]:
        """Write a PNG of each stage (and each filter's feature map) into ``folder``.

        Colours are those on screen; small maps are enlarged with square pixels so a
        9×9 map stays legible. Returns the paths written (only the input while the
        settings leave no output). Every picture is encoded before any is written, and
        each is written atomically and checked (:func:`gui.common.image_io.save_png`):
        on a full disk OSError says how far it got, and the pictures not written keep
        their earlier content.
        """
        e = self._exploration
        image = self._state.image if e is None else e.image
        return export_stage_images(folder, image, e, self._state.selected, self._names(),
                                   self.maps.levels, self.maps.grid_levels)

    # The selected pooled cell lives in the state (a lesson can set it); None: none.
    @property
    def _pool_cell(self) -> tuple[int, int] | None:
        row, col = self._state.selected_pooled_cell
        return None if row < 0 or col < 0 else (row, col)

    @_pool_cell.setter
    def _pool_cell(self, cell: tuple[int, int] | None) -> None:
        if cell != self._pool_cell:
            self._state.select_pooled_cell(*(cell if cell is not None else (-1, -1)))

    # --- state handlers --------------------------------------------------------------
    def _unpooled_exploration(self) -> Exploration | None:
        """The stages up to the activation with the state's settings but no pooling, or
        None when the convolution itself leaves no output."""
        state, s = self._state, self._state.settings
        try:
            return explore(state.image, state.weights(), s.stride, s.padding, s.activation,
                           "none", s.pool_size, s.pool_stride, state.biases(), s.dilation)
        except ValueError:
            return None

    def _on_explore_failed(self, message: str) -> None:
        # A pool that does not fit leaves the input, convolution and activation to show.
        partial = self._unpooled_exploration() if self._state.settings.pool != "none" \
            else None
        if partial is not None:
            self._show_pool_failure(partial)
            return
        self._exploration = None
        self._error = message
        self.message_label.setText(self.tr(
            "<p style='font-size:17px'><b>These settings leave nothing to compute</b></p>"
            "<p>{message}</p><p>Try a smaller kernel, stride or pool, more padding, or a "
            "larger image.</p>").format(message=html.escape(_sentence(message))))
        self._stack.setCurrentWidget(self._message_page)

    def _show_pool_failure(self, partial: Exploration) -> None:
        """Show every stage ``partial`` (no pooling) has, and say why nothing is pooled."""
        s = self._state.settings
        (kh, kw), (h, w) = s.pool_size, partial.conv.shape[1:]
        self._pool_failure = self.tr(
            "The {kh}\u00d7{kw} pool does not fit the {h}\u00d7{w} feature maps, so "
            "nothing is pooled or flattened. Choose a smaller pool, a smaller stride or "
            "more padding, or turn pooling off.").format(kh=kh, kw=kw, h=h, w=w)
        self._error = self._pool_failure
        self._pool_cell = None
        self._on_explored(partial, unpooled=True)
        self.notice_label.setText(self._pool_failure)
        self.notice_label.show()
        for key in ("pooled", "flattened"):
            self.stages[key].image.clear()
        self.stages["pooled"].numbers.set_values(None)
        parts = self.layout.title_parts
        parts["pooled"] = (self.tr("Pooled"), self.tr("does not fit"))
        self.stages["pooled"].title = (texts.join_title(*parts["pooled"]), False)
        self.layout.fit_stage_titles()
        self._set_title(self.stages["flattened"], self.tr("Flattened: nothing to flatten"))
        self.overlays.hide_flattened()
        self._geometry_key = None  # the next result redraws titles and ranges

    def _on_explored(self, exploration: Exploration, unpooled: bool = False) -> None:
        """Show ``exploration``; ``unpooled``: it is this view's own, made without the
        pool that does not fit (see _show_pool_failure)."""
        if not unpooled:
            self._pool_failure = None
            self._error = None
            if self.notice_label.isVisible():
                self.notice_label.hide()
        self._filters_pending = False
        self._exploration = exploration
        if self._stack.currentWidget() is not self._stages_page:
            self._stack.setCurrentWidget(self._stages_page)
        self.maps.show_input(exploration.image)
        self._update_geometry(exploration)
        self.maps.show_input_numbers(exploration)
        self._show_selected()
        self.maps.show_all(exploration, self._exploration_filters())
        self._update_overlays()
        self._update_hover()

    def _on_selected_filter_changed(self, _index: int) -> None:
        if self._exploration is None:
            return
        self._show_selected()
        self._update_thumbnail_titles()
        self._update_overlays()
        self._update_hover()

    def _on_cell_selected(self, _row: int, _col: int) -> None:
        self._update_overlays()

    def _on_filters_changed(self) -> None:
        self._filters_pending = True
        # A rename changes no number, so no new exploration follows: show it here.
        self._update_heading()
        # Names can change without a recomputation (renaming a filter).
        if self._exploration is not None and len(self._state.filters) == self.layout.grid_count:
            self._update_thumbnail_titles()

    # --- drawing ---------------------------------------------------------------------
    def _selected_index(self) -> int:
        return min(self._state.selected, self._exploration.conv.shape[0] - 1)

    def _names(self) -> list[str]:
        return [f.display_name for f in self._state.filters]

    def _filter_name(self, index: int) -> str:
        return texts.filter_name(self._names(), index)

    def _update_geometry(self, e: Exploration) -> None:
        """Titles, view ranges and flattened boundaries: only when a shape changes."""
        key = (e.image.shape, e.conv.shape, e.pooled.shape, e.padding, e.pool,
               self._state.settings.activation)
        if key == self._geometry_key:
            return
        self._geometry_key = key
        # The maps' own shapes: another number of filters keeps every scale and every
        # thumbnail that still shows its filter's map.
        self.maps.set_geometry((e.image.shape, e.conv.shape[1:], e.pooled.shape[1:],
                                e.padding, e.pool, self._state.settings.activation))
        ph, pw = e.padding
        h, w = e.image.shape[1:]
        inp = self.stages["input"]
        inp.view.setRange(QRectF(-pw, -ph, w + 2 * pw, h + 2 * ph), padding=MAP_PADDING)
        self.overlays.show_padding(e)
        activation = self._state.settings.activation
        parts = self.layout.title_parts
        for key, array in (("input", e.image), ("conv", e.conv),
                           ("activated", e.activated), ("pooled", e.pooled)):
            stage = self.stages[key]
            rows, cols = array.shape[1:]
            if key != "input":
                stage.view.setRange(QRectF(0, 0, cols, rows), padding=MAP_PADDING)
            parts[key] = texts.title_parts(key, array.shape, activation, e.pool)
            stage.title = (texts.join_title(*parts[key]), False)
        self.layout.ratios = ((h + 2 * ph) / (w + 2 * pw), e.conv.shape[1] / e.conv.shape[2],
                              e.pooled.shape[1] / e.pooled.shape[2])
        n = e.flattened.shape[0]
        flat = self.stages["flattened"]
        flat.view.setRange(QRectF(0, 0, n, 1), padding=0.0)
        self._set_title(flat, texts.flattened_titles(n, pooled=e.pool != "none"))
        self.overlays.show_flattened_boundaries(e)
        # One fit for both changes: a new number of filters refits as it places them.
        if not self.layout.layout_thumbnails(e.conv.shape[0]):
            self.layout.refit()
        extent = (e.conv.shape[2], e.conv.shape[1])
        for thumb in self.thumbnails[:e.conv.shape[0]]:
            if thumb.extent != extent:  # a thumbnail kept from before keeps its range
                thumb.extent = extent
                thumb.view.setRange(QRectF(0, 0, *extent), padding=MAP_PADDING)
        self._update_thumbnail_titles()

    def _exploration_filters(self) -> list | None:
        """The filters the exploration on show was computed from, or None when they may
        have changed since (see StageMaps)."""
        filters = self._state.filters
        if self._filters_pending or len(filters) != self._exploration.conv.shape[0]:
            return None
        return filters

    def _show_selected(self) -> None:
        """The selected filter's maps, its heading and its part of the flattened strip."""
        e, index = self._exploration, self._selected_index()
        self.maps.show_selected(e, index, self._exploration_filters())
        self._update_heading()
        self.overlays.show_segment(e, index)

    def _thumbnail_count(self) -> int:
        return 0 if self._exploration is None else self._exploration.conv.shape[0]

    def _update_thumbnail_titles(self) -> None:
        count = self._thumbnail_count()
        selected = self._state.selected
        for i, thumb in enumerate(self.thumbnails[:count]):
            number = str(i + 1)
            if self.layout.grid_columns > GRID_COLUMNS:
                titles = (number,)  # too many to name: the hover text names them
            else:
                # The name, shortened to fit the thumbnail, or the number alone.
                titles = (self.tr("{number}. {name}").format(
                    number=number, name=self._filter_name(i)), number)
            self._set_title(thumb, titles, selected=i == selected, elide_first=True)
            if thumb.bordered != (i == selected):  # a border repaints: only on a change
                thumb.bordered = i == selected
                thumb.image.set_border(pen(QColor(SELECTED_TITLE_COLOR), 3)
                                      if i == selected else None)

    def _update_overlays(self) -> None:
        """Receptive field, selected cell and pool window, from the current selection."""
        e = self._exploration
        if e is None:
            return
        cell = self._state.cell_explanation  # computed once an edit, for every panel
        if cell is not None:
            self.overlays.show_cell(cell, e.dilation != (1, 1))
        else:
            self.overlays.hide_cell()
        pooled = self.pool_explanation
        if pooled is not None:
            self.overlays.show_pool(pooled)
        else:
            self.overlays.hide_pool()
        self._update_hover()

    def _on_rearranged(self) -> None:
        if self._exploration is not None:
            self._update_thumbnail_titles()

    # --- keyboard --------------------------------------------------------------------
    _MOVES = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
              Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}

    def eventFilter(self, watched, event) -> bool:
        if watched is self.graphics:
            if event.type() == event.Type.KeyPress:
                return self.handle_key(event.key())
            if event.type() == event.Type.Leave:
                self._hover_pos = None
                self._update_hover()
            if event.type() == event.Type.Resize:
                # The view is about to give the scene's layout its own size.
                self.layout.fit(event.size().width(), event.size().height())
        return super().eventFilter(watched, event)

    def handle_key(self, key) -> bool:
        """Arrows move the selected feature-map cell (the first press selects the
        top-left one), [ and ] select the previous and next filter, Escape clears the
        selection. Returns whether the key was used."""
        e = self._exploration
        if e is None:
            return False
        if key in self._MOVES:
            rows, cols = e.conv.shape[1:]
            row, col = self._state.selected_cell
            if row < 0 or col < 0:
                row, col = 0, 0
            else:
                dr, dc = self._MOVES[key]
                row = min(max(row + dr, 0), rows - 1)
                col = min(max(col + dc, 0), cols - 1)
            self._state.select_cell(row, col)
            return True
        if key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight):
            step = -1 if key == Qt.Key.Key_BracketLeft else 1
            self._state.select_filter(self._state.selected + step)
            return True
        if key == Qt.Key.Key_Escape:
            with self._state.batch():
                self._state.select_pooled_cell(-1, -1)
                self._state.select_cell(-1, -1)
            return True
        return False

    # --- mouse -----------------------------------------------------------------------
    def _hit(self, scene_pos) -> tuple[str, int, int, int] | None:
        """(key, row, col, thumbnail index or -1) of the cell under ``scene_pos``."""
        if self._exploration is None:
            return None
        candidates = [(s.key, s, -1) for s in self.stages.values()]
        candidates += [("thumbnail", t, i) for i, t in enumerate(self.thumbnails[
            :self._thumbnail_count()])]
        for key, stage, index in candidates:
            if stage.image.image is None or not stage.view.sceneBoundingRect().contains(
                    scene_pos):
                continue
            # The view updates its data-to-screen mapping lazily, at its next paint.
            stage.view.prepareForPaint()
            point = stage.image.mapFromScene(scene_pos)
            row, col = math.floor(point.y()), math.floor(point.x())
            rows, cols = stage.image.image.shape[:2]
            if 0 <= row < rows and 0 <= col < cols:
                return key, row, col, index
            return None
        return None

    def _on_mouse_moved(self, scene_pos) -> None:
        self._hover_pos = scene_pos
        self._update_hover()

    def _update_hover(self) -> None:
        """Describe the cell under the pointer in the data on show now (also after the
        data changed under a still pointer), or show the hint."""
        hit = None if self._hover_pos is None else self._hit(self._hover_pos)
        if hit is not None:
            self.hover_label.set_texts(*self._describe(*hit))
        elif self.pool_explanation is not None:  # the clicked pooled cell's sum stays
            self.hover_label.set_texts(*texts.pool_arithmetic(
                self._exploration, self._selected_index(), *self._pool_cell,
                self._state.settings.activation))
        else:
            self.hover_label.set_texts(*texts.hover_hints())

    def _update_heading(self) -> None:
        if self._exploration is None:
            return
        index = self._selected_index()
        self.heading.set_texts(*texts.heading(index, self._filter_name(index)))

    def _describe(self, key: str, row: int, col: int, index: int) -> tuple[str, ...]:
        """What the cell under the pointer holds, longest text first."""
        return texts.describe_cell(self._exploration, key, row, col, index,
                                   self._selected_index(), self._state.settings.activation,
                                   self._state.preprocess.invert, self._names())

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit(event.scenePos())
        if hit is not None:
            self.click_cell(*hit[:3], index=hit[3])

    def click_cell(self, key: str, row: int, col: int, index: int = -1) -> None:
        """Act as a click on cell (row, col) of stage ``key`` (or thumbnail ``index``)."""
        e = self._exploration
        if e is None:
            return
        if key in ("conv", "activated"):
            self._state.select_cell(row, col)
        elif key == "pooled" and e.pool != "none":
            self._pool_cell = (row, col)
            self._update_overlays()
        elif key == "flattened":
            filt, prow, pcol = e.unflatten_index(col)
            with self._state.batch():
                self._state.select_pooled_cell(prow, pcol)
                self._state.select_filter(filt)
        elif key == "thumbnail":
            self._state.select_filter(index)


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
