"""How the stage view arranges and sizes its items: the four stages in a row or two by
two (whichever draws the maps larger), the arrows between them, the flattened strip, the
grid of every filter's thumbnail and the two colour bars, all in the scene's grid layout.

:class:`StageLayout` owns the arrangement and the sizes; the view hands it the items
once and, on every new result, the maps' shapes and the top row's title parts.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui.common.heatmap import ColourBar
from gui.explore.stages.items import (
    TITLE_MODES,
    Stage,
    TitleItem,
    make_stage,
    text_width,
    title_font,
    title_height,
)
from gui.explore.stages.texts import join_title

#: Thumbnails per row in the all-filters grid, with names under them ...
GRID_COLUMNS = 8
#: ... and, past two rows of those, with numbers only (the grid never takes more
#: than two rows, so the stages above keep their room).
GRID_COLUMNS_COMPACT = 16
#: Least room between thumbnails.
GRID_SPACING = 2

#: Columns of the scene's grid: the four stages, the arrows between them, the colour bar.
STAGE_COLUMNS = (0, 2, 4, 6)
ARROW_COLUMNS = (1, 3, 5)
COLORBAR_COLUMN = 7
#: The two arrangements of the four stages: side by side in one row, or two by two
#: (input → convolution, then activation → pooled), whichever draws the maps larger in
#: the room the view has.
ROW, SQUARE = "row", "square"
#: (row, column) of each stage, and of each arrow (None: not shown), per arrangement.
STAGE_CELLS = {ROW: {"input": (0, 0), "conv": (0, 2), "activated": (0, 4), "pooled": (0, 6)},
               SQUARE: {"input": (0, 0), "conv": (0, 2), "activated": (1, 0),
                        "pooled": (1, 2)}}
ARROW_CELLS = {ROW: ((0, 1), (0, 3), (0, 5)), SQUARE: ((0, 1), None, (1, 1))}
#: Room between the maps and the colour bars.
COLORBAR_GAP = 4
#: Height of the flattened strip's row.
FLATTENED_HEIGHT = 56
#: The square arrangement is taken only when it draws the maps this much larger, so a
#: view near the boundary does not flip between the two.
SQUARE_GAIN = 1.15
ARROW_WIDTH = 20


def grid_shape(count: int, arrangement: str = ROW) -> tuple[int, int]:
    """(columns, rows) of the thumbnail grid for ``count`` filters: rows of up to
    GRID_COLUMNS named maps, or past two such rows up to GRID_COLUMNS_COMPACT
    numbered ones (never more than two rows, so the stages keep their room). Beside
    the four stages in a row, at least four columns (a thumbnail under each stage);
    under the square, at least six, so the thumbnails stay smaller than the stages."""
    if count > 2 * GRID_COLUMNS:
        columns = min(GRID_COLUMNS_COMPACT, math.ceil(count / 2))
    else:
        columns = min(GRID_COLUMNS, max(count, 4 if arrangement == ROW else 6))
    return columns, max(1, math.ceil(count / columns))


class StageLayout:
    """Places the stage view's items in ``graphics``' top layout and sizes them.

    Parameters
    ----------
    graphics : pg.GraphicsLayoutWidget
        The scene's widget; its top layout holds everything.
    stages : the five stages by key (input, conv, activated, pooled, flattened).
    arrows : the three arrows between the stages.
    colorbar, grid_colorbar : the selected filter's and the grid's colour bars.
    grid_label : the caption over the thumbnails.
    rearranged : called after the stages moved to the other arrangement (the
        thumbnails' titles depend on their columns).
    """

    def __init__(self, graphics: pg.GraphicsLayoutWidget, stages: dict[str, Stage],
                 arrows: list[TitleItem], colorbar: ColourBar,
                 grid_colorbar: ColourBar, grid_label: TitleItem,
                 rearranged: Callable[[], None]) -> None:
        self._graphics = graphics
        self._stages = stages
        self._arrows = arrows
        self._colorbar = colorbar
        self._grid_colorbar = grid_colorbar
        self._grid_label = grid_label
        self._rearranged = rearranged
        self.grid = pg.GraphicsLayout()
        self.grid.setSpacing(GRID_SPACING)
        self.grid.layout.setContentsMargins(0, 0, 0, 0)
        #: Every thumbnail made so far (more than the filters after some were removed:
        #: they are kept for reuse, out of the grid).
        self.thumbnails: list[Stage] = []
        #: Thumbnail index -> its (row, column) in the grid, for those in it.
        self._thumbnail_cells: dict[int, tuple[int, int]] = {}
        # Both bars have fixed widths (bar and tick-label room): so has their column,
        # with a gap on its left, where the bars are kept clear of the maps.
        self._colorbar_width = COLORBAR_GAP + math.ceil(max(
            bar.effectiveSizeHint(Qt.SizeHint.PreferredSize).width()
            for bar in (colorbar, grid_colorbar)))
        self.arrangement: str | None = None
        #: How many thumbnails are in the grid, and in how many columns.
        self.grid_count = 0
        self.grid_columns = GRID_COLUMNS
        #: (name, shape) of each top-row title, fitted to the columns as a row.
        self.title_parts: dict[str, tuple[str, str]] = {}
        #: Height / width of the padded input, the feature maps and the pooled maps, or
        #: None before the first result.
        self.ratios: tuple[float, float, float] | None = None
        #: Scene size the columns were last shared out for, and the width of one stage.
        self._fitted_size: tuple[float, float] | None = None
        self._stage_width: float | None = None
        #: How wide the widest stage map is drawn (the height may keep it narrower).
        self._map_width: float | None = None
        self._thumbnail_width = 1.0
        self._title_lines = 1
        self._rows: dict = {}
        self.place(ROW)

    def place(self, arrangement: str) -> None:
        """Put the stages, arrows, strip, grid and colour bars into the scene's grid in
        ``arrangement`` (ROW or SQUARE); rows and columns it leaves empty take no room."""
        # Through Qt's grid layout itself: pyqtgraph's GraphicsLayout.addItem lays the
        # whole scene out after every item it adds, and removeItem takes the item out of
        # the scene, so moving the dozen items cost a dozen layouts of everything.
        layout = self._graphics.ci.layout
        while layout.count():
            layout.removeAt(layout.count() - 1)
        self.arrangement = arrangement
        for key, (row, col) in STAGE_CELLS[arrangement].items():
            layout.addItem(self._stages[key].plot, row, col)
        for arrow, cell in zip(self._arrows, ARROW_CELLS[arrangement], strict=True):
            arrow.setVisible(cell is not None)
            if cell is not None:
                layout.addItem(arrow, *cell)
        stage_rows = 1 if arrangement == ROW else 2
        layout.addItem(self._colorbar, 0, COLORBAR_COLUMN, stage_rows, 1)
        flat_row = stage_rows
        layout.addItem(self._stages["flattened"].plot, flat_row, 0, 1, COLORBAR_COLUMN)
        layout.addItem(self._grid_label, flat_row + 1, 0, 1, COLORBAR_COLUMN)
        layout.addItem(self.grid, flat_row + 2, 0, 1, COLORBAR_COLUMN)
        layout.addItem(self._grid_colorbar, flat_row + 1, COLORBAR_COLUMN, 2, 1)
        for bar in (self._colorbar, self._grid_colorbar):
            layout.setAlignment(bar, Qt.AlignmentFlag.AlignRight)
        self._rows = {"stages": tuple(range(stage_rows)), "flattened": flat_row,
                      "label": flat_row + 1, "grid": flat_row + 2}
        for row in range(5):  # forget the other arrangement's row sizes
            layout.setRowMinimumHeight(row, 0)
            layout.setRowMaximumHeight(row, 1e6)
            layout.setRowStretchFactor(row, 0)
        layout.setRowFixedHeight(flat_row, FLATTENED_HEIGHT)
        layout.setRowFixedHeight(flat_row + 1, title_height(1))
        for row in self._rows["stages"]:
            layout.setRowStretchFactor(row, 5)
        layout.setRowStretchFactor(self._rows["grid"], 3)
        used = {col for _, col in STAGE_CELLS[arrangement].values()}
        arrows = {cell[1] for cell in ARROW_CELLS[arrangement] if cell is not None}
        for col in ARROW_COLUMNS:
            layout.setColumnFixedWidth(col, ARROW_WIDTH if col in arrows else 0)
        for col in STAGE_COLUMNS:
            if col not in used:
                layout.setColumnFixedWidth(col, 0)
        layout.setColumnFixedWidth(COLORBAR_COLUMN, self._colorbar_width)

    def fit(self, width: float, height: float) -> None:
        """Share the scene's room out: choose the arrangement that draws the maps
        largest, give its stage columns equal fixed widths (so maps of one shape are
        drawn at one size) beside the fixed arrow and colour-bar columns; then fit the
        thumbnails below and the titles to the new widths.

        Fixed widths, not stretch factors: Qt shares space by each item's size hints,
        which differ with the titles' lengths and the maps' shapes.
        """
        if (width, height) == self._fitted_size or width <= 0:
            return
        self._fitted_size = (width, height)
        row_size = self._map_size(ROW, width, height)
        square_size = self._map_size(SQUARE, width, height)
        gain = SQUARE_GAIN if self.arrangement == ROW else 1 / SQUARE_GAIN
        arrangement = SQUARE if square_size > gain * row_size else ROW
        if arrangement != self.arrangement:
            self.place(arrangement)
            count, self.grid_count = self.grid_count, -1
            self.layout_thumbnails(count)  # its columns depend on the arrangement
            self._rearranged()
        self._stage_width = self._column_width(arrangement, width)
        self._map_width = self._map_size(arrangement, width, height)
        layout = self._graphics.ci.layout
        for _, col in STAGE_CELLS[arrangement].values():
            layout.setColumnFixedWidth(col, self._stage_width)
        self._fit_thumbnail_columns()
        self.fit_stage_titles()
        self._fit_rows()

    def refit(self) -> None:
        """Fit again at the current size: the maps' shapes or the number of filters,
        which the arrangement depends on, changed."""
        self._fitted_size = None
        viewport = self._graphics.size()
        if viewport.width() > 0 and viewport.height() > 0:
            self.fit(viewport.width(), viewport.height())
        else:
            self._fit_thumbnail_columns()
            self.fit_stage_titles()
            self._fit_rows()

    def layout_thumbnails(self, count: int) -> bool:
        """Place ``count`` thumbnails in rows of GRID_COLUMNS, reusing those made before
        and moving only those whose cell changes (adding or removing a filter moves one
        when the columns stay). Returns whether anything changed (then it refitted)."""
        if count == self.grid_count:
            return False
        self.grid_count = count
        while len(self.thumbnails) < count:
            self.thumbnails.append(make_stage("thumbnail"))
        columns, _ = grid_shape(count, self.arrangement)
        self.grid_columns = columns
        cells = {i: (i // columns, i % columns) for i in range(count)}
        moving = [i for i in range(len(self.thumbnails))
                  if cells.get(i) != self._thumbnail_cells.get(i)]
        # Moved within the grid's own layout, as in place(). All are taken out before
        # any is put back: a thumbnail's new cell can be one that another still holds
        # (another number of columns).
        for i in moving:
            thumb = self.thumbnails[i]
            if self._thumbnail_cells.pop(i, None) is not None:
                self.grid.layout.removeItem(thumb.plot)
            if i not in cells:  # out of the grid: kept in the scene for reuse, hidden
                thumb.plot.hide()
                # It lets go of its map: a view into the feature maps of an older
                # exploration, which would all stay in memory.
                thumb.image.clear()
                thumb.signature = None
        for i in moving:
            if i in cells:
                thumb = self.thumbnails[i]
                self.grid.layout.addItem(thumb.plot, *cells[i])
                thumb.plot.show()
                self._thumbnail_cells[i] = cells[i]
                thumb.title = None
        self.refit()
        return True

    def _column_width(self, arrangement: str, width: float) -> float:
        """Width of one stage column in ``arrangement`` for a scene ``width`` wide."""
        layout = self._graphics.ci.layout
        left, _, right, _ = layout.getContentsMargins()
        spacing = max(0.0, layout.horizontalSpacing())
        per_row = 4 if arrangement == ROW else 2
        arrows = per_row - 1
        free = (width - left - right - spacing * (2 * per_row - 1)
                - ARROW_WIDTH * arrows - self._colorbar_width)
        return max(1.0, math.floor(free / per_row))

    def _map_size(self, arrangement: str, width: float, height: float) -> float:
        """How wide the widest stage map would be drawn in ``arrangement``: the column
        width, or less where the height left after the strip and the thumbnails limits
        it (in proportion to the tallest map)."""
        column = self._column_width(arrangement, width)
        ratio, conv_ratio = 1.0, 1.0
        if self.ratios is not None:
            ratio, conv_ratio = max(self.ratios), self.ratios[1]
        per_row = 4 if arrangement == ROW else 2
        span = column * per_row + ARROW_WIDTH * (per_row - 1)
        columns, rows = grid_shape(self.grid_count or 4, arrangement)
        widest_thumb = (span - GRID_SPACING * (columns - 1)) / columns
        stage_rows = 1 if arrangement == ROW else 2
        fixed = (FLATTENED_HEIGHT + title_height(1) + 20 + rows * (title_height(1) + 2)
                 + stage_rows * (title_height(self._title_lines) + 4))
        # Thumbnails are never larger than the stage maps: either they are as wide as
        # their columns allow, or as wide as the maps (whichever leaves a solution).
        size = (height - fixed - rows * widest_thumb * conv_ratio) / (stage_rows * ratio)
        if widest_thumb > size:
            size = (height - fixed) / (stage_rows * ratio + rows * conv_ratio)
        return max(1.0, min(column, size))

    def _span_width(self) -> float:
        """Width of the stage and arrow columns together (the strip's and the grid's)."""
        spacing = max(0.0, self._graphics.ci.layout.horizontalSpacing())
        per_row = 4 if self.arrangement == ROW else 2
        return (self._stage_width * per_row + ARROW_WIDTH * (per_row - 1)
                + spacing * (2 * per_row - 2))

    def _fit_thumbnail_columns(self) -> None:
        """Equal thumbnail columns spread over the width of the stage columns, each no
        wider than a stage (the selected filter's maps stay the largest on show; four
        thumbnails line up under the four stages)."""
        if self._stage_width is None:
            return
        layout = self.grid.layout
        columns = self.grid_columns
        span = self._span_width()
        width = max(1.0, min(self._stage_width, self._map_width or self._stage_width,
                             math.floor((span - GRID_SPACING * (columns - 1)) / columns)))
        self._thumbnail_width = width
        for col in range(GRID_COLUMNS_COMPACT):
            layout.setColumnFixedWidth(col, width if col < columns else 0)
        gap = (span - width * columns) / (columns - 1) if columns > 1 else 0.0
        layout.setHorizontalSpacing(max(GRID_SPACING, gap))

    def fit_stage_titles(self) -> None:
        """The top row's titles in the first of TITLE_MODES in which all four fit."""
        if self._stage_width is None or len(self.title_parts) < len(STAGE_COLUMNS):
            return
        room = self._stage_width - 4  # the plot's margins and a little air
        for lines, points in TITLE_MODES:
            font = title_font(points)
            texts = {key: join_title(name, size, lines)
                     for key, (name, size) in self.title_parts.items()}
            if all(text_width(text, font) <= room for text in texts.values()):
                break
        for key, text in texts.items():
            self._stages[key].label.set_text(text, points=points)
        if lines != self._title_lines:
            self._title_lines = lines
            height = title_height(lines)
            for key in self.title_parts:
                self._stages[key].plot.layout.setRowFixedHeight(0, height)
            for arrow in self._arrows:
                arrow.top_inset = height
                arrow.update()
            if self._fitted_size is not None:
                # Taller titles leave the maps less height: sized for one line, two
                # pushed the thumbnails out of the bottom of the view (Japanese at
                # 1024×700).
                self._map_width = self._map_size(self.arrangement, *self._fitted_size)
                self._fit_thumbnail_columns()
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Give the stage row and the thumbnail grid no more height than their maps can
        fill at this width, so every title sits just above its map; a view taller than
        that keeps its spare room below the grid."""
        if self.ratios is None or self._stage_width is None:
            return
        conv_ratio = self.ratios[1]
        margins = 2  # a plot's, above and below its map
        # The maps are as wide as their columns, or less where the height limits them.
        width = min(self._stage_width, self._map_width or self._stage_width)
        stage = math.ceil((width - margins) * max(self.ratios)
                          + title_height(self._title_lines) + margins)
        layout = self._graphics.ci.layout
        for row in self._rows["stages"]:
            layout.setRowMaximumHeight(row, max(stage, 40))
            layout.setRowMinimumHeight(row, max(stage, 40))
        rows = math.ceil(self.grid_count / self.grid_columns) if self.grid_count else 1
        thumb = ((self._thumbnail_width - margins) * conv_ratio + title_height(1) + margins)
        spacing = max(0.0, self.grid.layout.verticalSpacing())
        height = math.ceil(rows * thumb + (rows - 1) * spacing)
        layout.setRowMaximumHeight(self._rows["grid"], height)
        # The stages gave up what the thumbnails need (see _map_size): never squeeze them.
        layout.setRowMinimumHeight(self._rows["grid"], height)
