"""The stage view's scene: one pyqtgraph widget holding the four stages of the selected
filter, the arrows between them, the flattened strip, every filter's thumbnail and the
two colour bars, and what draws an exploration into them.

:class:`StageScene` owns the items (made once, see :mod:`.items`), their arrangement
(:mod:`.layout`), their colours (:mod:`.maps`) and the marks over them (:mod:`.overlays`).
An exploration is drawn in place: only what its shapes change is set again (view
ranges, titles, the thumbnail grid), and a new number of filters adds or removes only
the thumbnails it has to. Its texts keep the view's translation context, "StageView".
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor

from engine.pipeline import Exploration, PooledCellExplanation
from gui.common.colormap import DIVERGING, INK
from gui.common.heatmap import ColourBar
from gui.common.plotting import paint_background_directly
from gui.explore.stages import texts
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

#: The frame around the stages while they have the keyboard focus.
FOCUS_FRAME_COLOR = "#0b5394"
FOCUS_FRAME_WIDTH = 2
#: Colour bars: the bar itself and the room for its tick labels (fixed, so a new scale
#: never changes the bar's width, and so never the layout).
COLORBAR_BAR_WIDTH = 12
COLORBAR_AXIS_WIDTH = 40


class _SettleBeforePaint(QObject):
    """Lays the scene out and lets every view box map its data to the screen before the
    scene paints.

    pyqtgraph sets a view box's new transform lazily, from the paint itself; a transform
    changed during a paint makes the scene paint a second time. Likewise a layout whose
    items changed (another number of filters) lays them out when its own queued request
    comes, which can be after the scene's queued calls (which process its dirty items
    and then paint): the moved items then asked for a second paint of the whole scene.
    Settling both in those calls folds everything into one paint.
    """

    def __init__(self, layouts) -> None:
        super().__init__()
        self._layouts = layouts  # the layouts to activate, outermost first

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.MetaCall:
            for layout in self._layouts():
                layout.activate()  # returns at once when nothing in it changed
            watched.prepareForPaint()
        return False


class StageScene:
    """The stages, strip, thumbnails and colour bars in one scene, drawn from the state.

    Parameters
    ----------
    state : LabState
        Read for the selected filter, the filters' names, the settings and the
        selection; never changed here.
    """

    def __init__(self, state) -> None:
        self._state = state
        #: The exploration on show, or None.
        self.exploration: Exploration | None = None
        #: The filters changed after the exploration on show was computed.
        self.filters_pending = False
        #: What the view ranges and titles were last set for (see update_geometry).
        self._shape_key = None
        self._count_key = None

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        paint_background_directly(self.graphics)
        # The scene paints every pixel of the viewport (a white background brush), so
        # the widgets behind it need not be painted first on each repaint.
        self.graphics.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.graphics.ci.setContentsMargins(4, 4, 4, 4)
        self.graphics.ci.setSpacing(2)
        # No spacing between columns: the arrow columns keep the stages apart, and empty
        # columns (the square arrangement leaves four) would otherwise still be spaced.
        self.graphics.ci.layout.setHorizontalSpacing(0)
        # Tab reaches the view; a frame shows when it has the keys. The frame is always
        # there, transparent without focus, so focus never changes the scene's size.
        self.graphics.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.graphics.setObjectName("stageScene")
        self.graphics.setStyleSheet(
            f"QGraphicsView#stageScene {{ border: {FOCUS_FRAME_WIDTH}px solid transparent; }}"
            f"QGraphicsView#stageScene:focus {{ border: {FOCUS_FRAME_WIDTH}px solid "
            f"{FOCUS_FRAME_COLOR}; }}")

        self._build_items()
        self.layout = StageLayout(self.graphics, self.stages, self.arrows, self.colorbar,
                                  self.grid_colorbar, self.grid_label,
                                  rearranged=self._on_rearranged)
        self.grid = self.layout.grid
        self._settle = _SettleBeforePaint(lambda: (self.graphics.ci.layout,
                                                   self.grid.layout))
        self.graphics.scene().installEventFilter(self._settle)
        self.thumbnails = self.layout.thumbnails
        self.maps = StageMaps(self.stages, self.thumbnails, self.colorbar, self.grid_colorbar)
        self.overlays = StageOverlays(self.stages)

    def _build_items(self) -> None:
        self.stages: dict[str, Stage] = {}
        for key in ("input", "conv", "activated", "pooled"):
            self.stages[key] = make_stage(key, colormap=INK if key == "input" else DIVERGING)
        self.arrows: list[TitleItem] = []
        for _ in ARROW_COLUMNS:
            arrow = TitleItem()
            arrow.set_text("\u2192", color="#888888", points=15)
            arrow.top_inset = title_height(1)  # centred on the maps, not their titles
            self.arrows.append(arrow)
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
        self.grid_label = TitleItem()
        self.grid_colorbar = ColourBar(DIVERGING, COLORBAR_BAR_WIDTH, COLORBAR_AXIS_WIDTH)

    def retranslate(self) -> None:
        """Word the items' fixed texts again (titles follow the next exploration)."""
        self.graphics.setToolTip(QCoreApplication.translate(
            "StageView",
            "Each stage of the convolutional layer for the selected filter.\n"
            "Hover over a map to read a value; click a feature-map cell to see how it "
            "was computed; click a pooled cell to see its pool window;\n"
            "click a small map below to select that filter.\n"
            "Keys: arrows move the selected cell, [ and ] change filter, Esc clears."))
        for arrow in self.arrows:
            arrow.hint = QCoreApplication.translate(
                "StageView", "The next stage is computed from this one")
        self.colorbar.setToolTip(QCoreApplication.translate(
            "StageView",
            "Colour scale of the selected filter's maps: blue negative, white zero, "
            "red positive"))
        self.overlays.padding_item.setToolTip(QCoreApplication.translate(
            "StageView", "Padding: zeros added around the input"))
        self.grid_label.set_text((texts.grid_caption(),
                                  QCoreApplication.translate(
                                      "StageView", "Feature maps of all filters")))
        self.grid_colorbar.setToolTip(QCoreApplication.translate(
            "StageView",
            "Colour scale shared by the flattened vector and every filter's feature map"))

    # --- what is on show -----------------------------------------------------------
    def selected_index(self) -> int:
        return min(self._state.selected, self.exploration.conv.shape[0] - 1)

    def names(self) -> list[str]:
        """Every filter's name as shown (worked out once per call: naming a preset
        looks every preset's name up in the current language)."""
        return [f.display_name for f in self._state.filters]

    def thumbnail_count(self) -> int:
        return 0 if self.exploration is None else self.exploration.conv.shape[0]

    @property
    def pool_cell(self) -> tuple[int, int] | None:
        """The selected pooled cell, which lives in the state (a lesson can set it)."""
        row, col = self._state.selected_pooled_cell
        return None if row < 0 or col < 0 else (row, col)

    def pool_explanation(self) -> PooledCellExplanation | None:
        """How the selected pooled cell was computed, or None when none is selected."""
        e, cell = self.exploration, self.pool_cell
        if cell is None or e is None or e.pool == "none":
            return None
        try:
            return e.explain_pooled(self.selected_index(), *cell)
        except (IndexError, ValueError):  # a cell of an older map, a pool that does not fit
            return None

    # --- drawing -------------------------------------------------------------------
    def show(self, e: Exploration) -> None:
        """Draw every stage of ``e``, the thumbnails and the marks of the selection."""
        self.filters_pending = False
        self.exploration = e
        self.maps.show_input(e.image)
        self.update_geometry(e)
        self.maps.show_input_numbers(e)
        self.show_selected()
        self.maps.show_all(e, self._exploration_filters())
        self.update_overlays()

    def forget_geometry(self) -> None:
        """Set titles and ranges again with the next exploration (new words, a stage
        that was blanked)."""
        self._shape_key = self._count_key = None

    def update_geometry(self, e: Exploration) -> None:
        """Titles, view ranges and the thumbnail grid: only what a shape changes. A new
        number of filters keeps every stage's range and title and every thumbnail that
        still shows its filter; it adds or removes only the thumbnails it must."""
        activation = self._state.settings.activation
        spatial = (e.image.shape, e.conv.shape[1:], e.pooled.shape[1:], e.padding, e.pool,
                   activation)
        count = e.conv.shape[0]
        if spatial != self._shape_key:
            self._shape_key = spatial
            self._count_key = None
            self._set_stage_geometry(e, activation)
        if (count, e.flattened.shape[0]) != self._count_key:
            self._count_key = (count, e.flattened.shape[0])
            self._set_count_geometry(e)

    def _set_stage_geometry(self, e: Exploration, activation: str) -> None:
        # The maps' own shapes: another number of filters keeps every scale and every
        # thumbnail that still shows its filter's map.
        self.maps.set_geometry(self._shape_key)
        ph, pw = e.padding
        h, w = e.image.shape[1:]
        inp = self.stages["input"]
        inp.view.setRange(QRectF(-pw, -ph, w + 2 * pw, h + 2 * ph), padding=MAP_PADDING)
        self.overlays.show_padding(e)
        parts = self.layout.title_parts
        # The activated maps have the convolution's shape (reading them would work
        # every filter's out: see Exploration.activated).
        for key, array in (("input", e.image), ("conv", e.conv),
                           ("activated", e.conv), ("pooled", e.pooled)):
            stage = self.stages[key]
            rows, cols = array.shape[1:]
            if key != "input":
                stage.view.setRange(QRectF(0, 0, cols, rows), padding=MAP_PADDING)
            parts[key] = texts.title_parts(key, array.shape, activation, e.pool)
            stage.title = (texts.join_title(*parts[key]), False)
        self.layout.ratios = ((h + 2 * ph) / (w + 2 * pw), e.conv.shape[1] / e.conv.shape[2],
                              e.pooled.shape[1] / e.pooled.shape[2])

    def _set_count_geometry(self, e: Exploration) -> None:
        n = e.flattened.shape[0]
        flat = self.stages["flattened"]
        flat.view.setRange(QRectF(0, 0, n, 1), padding=0.0)
        self.set_title(flat, texts.flattened_titles(n, pooled=e.pool != "none"))
        self.overlays.show_flattened_boundaries(e)
        # One fit for both changes: a new number of filters refits as it places them.
        if not self.layout.layout_thumbnails(e.conv.shape[0]):
            self.layout.refit()
        extent = (e.conv.shape[2], e.conv.shape[1])
        for thumb in self.thumbnails[:e.conv.shape[0]]:
            if thumb.extent != extent:  # a thumbnail kept from before keeps its range
                thumb.extent = extent
                thumb.view.setRange(QRectF(0, 0, *extent), padding=MAP_PADDING)
        self.update_thumbnail_titles()

    def _exploration_filters(self) -> list | None:
        """The filters the exploration on show was computed from, or None when they may
        have changed since (see StageMaps)."""
        filters = self._state.filters
        if self.filters_pending or len(filters) != self.exploration.conv.shape[0]:
            return None
        return filters

    def show_selected(self) -> None:
        """The selected filter's maps and its part of the flattened strip."""
        e, index = self.exploration, self.selected_index()
        self.maps.show_selected(e, index, self._exploration_filters())
        self.overlays.show_segment(e, index)

    def set_title(self, stage: Stage, shown, selected: bool = False,
                  elide_first: bool = False) -> None:
        """Show the first of ``shown`` (a string or longest-first strings) that fits."""
        shown = (shown,) if isinstance(shown, str) else tuple(shown)
        key = (shown[0], selected)
        if stage.title == key:
            return
        stage.title = key
        color = SELECTED_TITLE_COLOR if selected else TITLE_COLOR
        stage.label.set_text(shown, color=color, bold=selected, elide_first=elide_first)

    def update_thumbnail_titles(self) -> None:
        count = self.thumbnail_count()
        selected = self._state.selected
        names = self.names() if self.layout.grid_columns <= GRID_COLUMNS else ()
        for i, thumb in enumerate(self.thumbnails[:count]):
            number = str(i + 1)
            if self.layout.grid_columns > GRID_COLUMNS:
                titles = (number,)  # too many to name: the hover text names them
            else:
                # The name, shortened to fit the thumbnail, or the number alone.
                titles = (QCoreApplication.translate("StageView", "{number}. {name}").format(
                    number=number, name=texts.filter_name(names, i)), number)
            self.set_title(thumb, titles, selected=i == selected, elide_first=True)
            if thumb.bordered != (i == selected):  # a border repaints: only on a change
                thumb.bordered = i == selected
                thumb.image.set_border(pen(QColor(SELECTED_TITLE_COLOR), 3)
                                       if i == selected else None)

    def update_overlays(self) -> None:
        """Receptive field, selected cell and pool window, from the current selection."""
        e = self.exploration
        if e is None:
            return
        cell = self._state.cell_explanation  # computed once an edit, for every panel
        if cell is not None:
            self.overlays.show_cell(cell, e.dilation != (1, 1))
        else:
            self.overlays.hide_cell()
        pooled = self.pool_explanation()
        if pooled is not None:
            self.overlays.show_pool(pooled)
        else:
            self.overlays.hide_pool()

    def blank_pooling(self, pooled_title: tuple[str, str], flattened_title: str) -> None:
        """Empty the pooled stage and the strip (a pool that does not fit), titled so."""
        for key in ("pooled", "flattened"):
            self.stages[key].image.clear()
        self.stages["pooled"].numbers.set_values(None)
        self.layout.title_parts["pooled"] = pooled_title
        self.stages["pooled"].title = (texts.join_title(*pooled_title), False)
        self.layout.fit_stage_titles()
        self.set_title(self.stages["flattened"], flattened_title)
        self.overlays.hide_flattened()
        self.forget_geometry()  # the next result redraws titles and ranges

    def _on_rearranged(self) -> None:
        if self.exploration is not None:  # the thumbnails' titles depend on their columns
            self.update_thumbnail_titles()

    # --- where things are ------------------------------------------------------------
    def hit(self, scene_pos) -> tuple[str, int, int, int] | None:
        """(key, row, col, thumbnail index or -1) of the cell under ``scene_pos``."""
        if self.exploration is None:
            return None
        candidates = [(s.key, s, -1) for s in self.stages.values()]
        candidates += [("thumbnail", t, i) for i, t in enumerate(self.thumbnails[
            :self.thumbnail_count()])]
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

    def numbers_shown(self, key: str) -> bool:
        """Whether the values of stage ``key`` are written over its cells, as drawn now."""
        numbers = self.stages[key].numbers
        for stage in self.stages.values():
            stage.view.prepareForPaint()  # views map data to the screen lazily
        if numbers is None or not numbers.legible():
            return False
        return all(other.legible() for other in numbers.group if other.has_values)

    def cell_position(self, key: str, row: int, col: int) -> QPoint:
        """The centre of cell (row, col) of stage ``key`` in viewport coordinates."""
        stage = self.stages[key]
        stage.view.prepareForPaint()
        scene = stage.image.mapToScene(QPointF(col + 0.5, row + 0.5))
        return self.graphics.mapFromScene(scene)

    def thumbnail_position(self, index: int) -> QPoint:
        """The centre of filter ``index``'s thumbnail in viewport coordinates."""
        thumb = self.thumbnails[index]
        return self.graphics.mapFromScene(thumb.view.sceneBoundingRect().center())
