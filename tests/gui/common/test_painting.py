"""One colour map and one number-grid painter: the pixels on screen are the map's."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QPushButton

from gui.common.colormap import DIVERGING, INK, symmetric_levels
from gui.common.number_grid import paint_number_grid
from gui.explore.stages import StageView
from gui.state import LabState

GUI = Path(__file__).resolve().parents[3] / "gui"


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def test_the_map_sends_levels_to_its_ends_and_zero_to_the_centre():
    lo, hi = -2.0, 2.0
    np.testing.assert_array_equal(DIVERGING.rgb(np.float32(lo), (lo, hi)), DIVERGING.lut[0])
    np.testing.assert_array_equal(DIVERGING.rgb(np.float32(hi), (lo, hi)), DIVERGING.lut[255])
    assert tuple(DIVERGING.rgb(np.float32(0.0), (lo, hi))) == tuple(DIVERGING.lut[128])
    # Beyond the levels clips; NaN reads as the low end.
    values = np.array([-9.0, 9.0, np.nan], np.float32)
    np.testing.assert_array_equal(DIVERGING.indices(values, (lo, hi)), [0, 255, 0])
    assert tuple(DIVERGING.lut[0]) == DIVERGING.colors[0]
    assert tuple(DIVERGING.lut[255]) == DIVERGING.colors[-1]
    assert tuple(INK.rgb(np.float32(1.0), (0, 1))) == (0, 0, 0)
    assert symmetric_levels(np.array([0.5, -3.0])) == (-3.0, 3.0)
    assert symmetric_levels(np.array([0.5]), floor=1.0) == (-1.0, 1.0)


def test_the_number_grid_paints_fills_and_readable_text(qtbot):
    values = np.array([[-1.0, 0.0], [0.5, 1.0]], np.float32)
    fills = DIVERGING.rgb(values, (-1, 1))
    image = QImage(80, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 255, 0))
    painter = QPainter(image)
    paint_number_grid(painter, (0, 0), 40, values.shape, fills=fills,
                      texts=["-1", "0", "0.5", "1"], font_px=14)
    painter.end()
    for r in range(2):
        for c in range(2):
            corner = image.pixelColor(c * 40 + 3, r * 40 + 3)
            assert rgb(corner) == tuple(int(v) for v in fills[r, c])
    # Some pixel inside the darkest (blue) cell is white text.
    cell = [image.pixelColor(x, y) for x in range(5, 35) for y in range(5, 35)]
    assert any(rgb(p) == (255, 255, 255) for p in cell)


@pytest.fixture
def shown_view(qtbot):
    state = LabState()
    yy, xx = np.mgrid[0:12, 0:12]
    state.set_source(((xx + yy) % 5 / 4.0).astype(np.float32))
    state.recompute()
    view = StageView(state)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.stages["conv"].view.width() > 100, timeout=2000)
    return state, view


def painted_cell_colour(view: StageView, grab: QImage, key: str, row: int, col: int):
    """The colour painted near the top-left corner of a cell (its number, if written,
    sits in the middle)."""
    centre = view.cell_position(key, row, col)
    cell_px = view.cell_position(key, row, col + 1).x() - centre.x()
    assert cell_px > 4
    ratio = grab.devicePixelRatio()
    x = int((centre.x() - 0.35 * cell_px) * ratio)
    y = int((centre.y() - 0.35 * cell_px) * ratio)
    return rgb(grab.pixelColor(x, y))


def test_painted_heatmap_pixels_are_the_colour_maps_values(shown_view):
    state, view = shown_view
    e = state.exploration
    grab = view.graphics.viewport().grab().toImage()
    conv = e.conv[state.selected]
    levels = view.stage_images["conv"].levels
    cells = ((0, 0), (3, 7), (9, 2), (5, 5))
    for row, col in cells:
        painted = painted_cell_colour(view, grab, "conv", row, col)
        wanted = tuple(int(v) for v in DIVERGING.rgb(np.float32(conv[row, col]), levels))
        assert max(abs(a - b) for a, b in zip(painted, wanted, strict=True)) <= 2, \
            (row, col, painted, wanted)
    # The known map values of the levels' ends and the centre are painted as such.
    assert len({tuple(int(v) for v in DIVERGING.rgb(np.float32(conv[r, c]), levels))
                for r, c in cells}) > 1
    # The input on the ink map: 0 = white, 1 = black.
    image = e.image[0]
    for row, col in ((0, 0), (0, 4), (2, 2)):
        wanted = tuple(int(v) for v in INK.rgb(np.float32(image[row, col]), (0, 1)))
        painted = painted_cell_colour(view, grab, "input", row, col)
        assert max(abs(a - b) for a, b in zip(painted, wanted, strict=True)) <= 2


def test_gui_uses_no_private_pyqtgraph_attributes_nor_shiboken():
    """Private ImageItem attributes and shiboken deletion tie the app to one pyqtgraph."""
    private = {"_renderRequired", "_unrenderable", "titleLabel"}
    for path in GUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr not in private, f"{path}: .{node.attr}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.startswith("shiboken") for n in names), path


class PaintLog(QObject):
    """Every widget that receives a paint event while installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.widgets: list = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widgets.append(watched)
        return False


def test_one_weight_edit_repaints_what_changed_and_not_the_window(qtbot, tmp_path):
    from gui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_page("explore")  # the Learn page comes first now
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    for _ in range(20):
        app.processEvents()
    grid = window.explorer.filter_panel.grid
    stage = window.explorer.stage_view.stage_images["conv"]
    log = PaintLog()
    app.installEventFilter(log)
    try:
        painted_before = stage.paints
        centre = grid.cell_rect(1, 1).center()
        QApplication.sendEvent(grid, QWheelEvent(
            QPointF(centre), QPointF(grid.mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase, False))
        qtbot.waitUntil(lambda: stage.paints > painted_before, timeout=2000)
        for _ in range(10):
            app.processEvents()
    finally:
        app.removeEventFilter(log)
    assert window.state.selected_filter.weights[0, 1, 1] == pytest.approx(1.1)
    painted = set(log.widgets)
    assert grid in painted
    # Nothing whose content did not change: the picture's buttons, the layer controls.
    untouched = (window.explorer.image_panel.findChildren(QPushButton)
                 + window.explorer.controls_panel.findChildren(QAbstractSpinBox))
    assert untouched and not painted.intersection(untouched)
    # One edit used to repaint the whole window (a QTabWidget answered a label's layout
    # request by repainting every widget on the page): about 190 paint events; now the
    # panels that change paint their own background and about 16 remain.
    assert len(log.widgets) < 30, sorted({type(w).__name__ for w in log.widgets})


def test_the_colour_bar_runs_from_the_low_to_the_high_end_of_the_map(shown_view):
    _, view = shown_view
    bar = view.colorbar
    grab = view.graphics.viewport().grab().toImage()
    rect = view.graphics.mapFromScene(bar.sceneBoundingRect()).boundingRect()
    x = rect.left() + bar.bar_width // 2
    top = rect.top() + bar.MARGIN + 2
    bottom = rect.bottom() - bar.MARGIN - 2
    for y, entry in ((top, 255), (bottom, 0)):
        painted = rgb(grab.pixelColor(x, y))
        wanted = tuple(int(v) for v in DIVERGING.lut[entry])
        assert max(abs(a - b) for a, b in zip(painted, wanted, strict=True)) <= 12
    lo, hi = bar.levels()
    assert (lo, hi) == view.stage_images["conv"].levels and lo == -hi
    assert bar._labels[0][1].startswith("\u2212") and bar._labels[2][1] == "0"


@settings(max_examples=80, deadline=None)
@given(h=st.integers(1, 40), w=st.integers(1, 70), fy=st.integers(1, 9),
       fx=st.integers(1, 40), rgb=st.booleans(), seed=st.integers(0, 999))
def test_box_downsample_is_the_mean_of_each_whole_block(h, w, fy, fx, rgb, seed):
    """Against the plain reshape-and-mean of every whole block (partial blocks at the
    right and bottom edges are dropped), for maps and RGB pictures, short and long
    blocks (from 16 columns the strip's reshaping way)."""
    from gui.common.heatmap import box_downsample

    shape = (h, w, 3) if rgb else (h, w)
    values = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    fy, fx = min(fy, h), min(fx, w)
    oh, ow = h // fy, w // fx
    want = values[:oh * fy, :ow * fx].reshape(oh, fy, ow, fx, *shape[2:]).mean(axis=(1, 3))
    got = box_downsample(values, fy, fx)
    assert got.shape == want.shape and got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    assert not np.shares_memory(got, values)
