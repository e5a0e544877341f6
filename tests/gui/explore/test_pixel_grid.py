"""The Pixel values grid's parts: which cell lies where (CellGeometry) and zoom (GridZoom)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.common.colormap import INK
from gui.explore.pixel_grid import PixelGrid
from gui.explore.pixel_grid_zoom import DEFAULT_CELL, MAX_CELL, MIN_CELL, clamp_cell


@pytest.fixture
def grid(qtbot):
    widget = PixelGrid()
    qtbot.addWidget(widget)
    widget.resize(300, 240)
    widget.show()
    qtbot.waitExposed(widget)
    rng = np.random.default_rng(0)
    widget.set_values(rng.random((20, 30), dtype=np.float32), INK, False)
    return widget


def wheel(grid, pos: QPoint, delta: int, modifiers=Qt.KeyboardModifier.ControlModifier):
    event = QWheelEvent(QPointF(pos), QPointF(grid.viewport().mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, delta), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(grid.viewport(), event)


def test_every_cell_is_found_where_it_is_drawn_and_headers_hold_none(grid):
    cells = grid.cells
    left, top = cells.header_size()
    for row, col in [(0, 0), (3, 7), (5, 2)]:
        rect = cells.cell_rect(row, col)
        assert rect.width() == rect.height() == grid.cell_size
        assert cells.cell_at(rect.center()) == (row, col)
        assert cells.cell_at(rect.topLeft()) == (row, col)
    assert cells.cell_at(QPoint(left - 1, top + 5)) == (-1, -1)  # the row indices
    assert cells.cell_at(QPoint(left + 5, top - 1)) == (-1, -1)  # the column indices
    ox, oy = cells.origin()
    assert cells.cell_rect(0, 0).topLeft() == QPoint(ox, oy)
    size = cells.content_size()
    assert (size.width(), size.height()) == (left + 30 * grid.cell_size + 2,
                                             top + 20 * grid.cell_size + 2)


def test_scrolling_moves_the_cells_under_a_fixed_point(grid):
    bar = grid.horizontalScrollBar()
    assert bar.maximum() > 0  # 30 columns do not fit 300 px
    point = grid.cells.cell_rect(2, 4).center()
    bar.setValue(grid.cell_size * 3)
    assert grid.cells.cell_at(point) == (2, 7)


def test_ctrl_wheel_zooms_around_the_pointer_and_ends_the_automatic_zoom(grid, qtbot):
    assert grid.auto_zoom and grid.cell_size == DEFAULT_CELL  # 20×30 is too big to grow
    sizes = []
    grid.cell_size_changed.connect(sizes.append)
    pointer = grid.cells.cell_rect(6, 5).center()
    wheel(grid, pointer, 120)
    assert grid.cell_size == DEFAULT_CELL + 2 and sizes == [DEFAULT_CELL + 2]
    assert not grid.auto_zoom
    assert grid.cells.cell_at(pointer) == (6, 5)  # the same cell stays under the pointer
    wheel(grid, pointer, 120, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls
    assert grid.cell_size == DEFAULT_CELL + 2
    grid.resize(600, 500)
    qtbot.wait(10)
    assert grid.cell_size == DEFAULT_CELL + 2  # the learner's size is kept


def test_small_pictures_grow_to_fill_the_window_until_the_learner_zooms(grid, qtbot):
    grid.set_values(np.zeros((4, 4), np.float32), INK, True)
    assert grid.cell_size == MAX_CELL == grid.fit_cell_size()
    grid.set_cell_size(20)
    grid.set_values(np.zeros((3, 3), np.float32), INK, True)
    assert grid.cell_size == 20


def test_cell_sizes_are_clamped():
    assert (clamp_cell(3), clamp_cell(30.7), clamp_cell(99)) == (MIN_CELL, 30, MAX_CELL)
