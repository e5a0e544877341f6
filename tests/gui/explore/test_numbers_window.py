"""The Pixel values window: the working image written out as a grid of numbers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from engine.pipeline import explain_cell
from gui.common import samples
from gui.explore.numbers_window import NumbersWindow
from gui.explore.pixel_grid import MAX_CELL, MIN_CELL
from gui.explore.pixel_grid_painter import format_value
from gui.main_window import MainWindow
from gui.state import LabState


@pytest.fixture
def state(qtbot):
    state = LabState()
    state.set_source(samples.load_sample("mnist:7"), "7")
    state.recompute()
    return state


@pytest.fixture
def window(qtbot, state):
    widget = NumbersWindow(state)
    qtbot.addWidget(widget)
    widget.resize(760, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def painted(widget) -> np.ndarray:
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() > 0
    return image


def test_the_window_is_a_separate_titled_window(window):
    assert window.isWindow()
    assert window.windowTitle() == "Pixel values — the image as numbers"
    assert not window.isModal()
    assert "white = 0, black = 1" in window.caption.text()


def test_shows_the_working_image_values(window, state):
    assert state.image.shape == (1, 28, 28)
    np.testing.assert_array_equal(window.values(), state.image[0])
    assert not window.showing_message
    # A non-binary digit writes two decimals, but exact zeros as plain 0.
    row, col = np.argwhere((state.image[0] > 0.05) & (state.image[0] < 0.95))[0]
    assert window.grid.text_at(row, col) == f"{state.image[0, row, col]:.2f}"
    assert window.grid.text_at(0, 0) == "0"
    painted(window)


def test_binarising_updates_the_grid_to_zeros_and_ones(window, state):
    state.set_preprocess(binarize=True)
    values = window.values()
    np.testing.assert_array_equal(values, state.image[0])
    assert set(np.unique(values)) == {0.0, 1.0}
    row, col = np.argwhere(values == 1)[0]
    assert window.grid.text_at(row, col) == "1"
    assert window.grid.text_at(0, 0) == "0"
    assert all("." not in window.grid.text_at(r, c) for r in range(28) for c in range(28))
    painted(window)


def test_rgb_picture_offers_a_channel_choice(window, state):
    state.set_source(samples.load_sample("photo:cat"), "cat")
    state.set_preprocess(color="rgb", size=28)
    assert state.image.shape[0] == 3
    assert not window.channel_buttons[0].isHidden()
    np.testing.assert_array_equal(window.values(), state.image[0])
    window.channel_buttons[2].click()
    assert window.channel == 2
    np.testing.assert_array_equal(window.values(), state.image[2])
    assert "blue" in window.caption.text()
    painted(window)
    state.set_preprocess(color="gray")
    assert window.channel == 0
    assert window.channel_buttons[0].isHidden()
    np.testing.assert_array_equal(window.values(), state.image[0])


def test_a_large_picture_shows_a_message_instead_of_the_grid(window, state):
    state.set_source(np.ones((170, 256, 3), np.float32), "big")
    assert window.showing_message
    assert window.values() is None
    assert window.message.text() == ("This picture is 170×256: too many pixels to list. "
                                     "Set the working size to 28 to read its numbers.")
    painted(window)
    state.set_preprocess(size=28)
    assert not window.showing_message
    np.testing.assert_array_equal(window.values(), state.image[0])


def test_selected_cell_frames_its_receptive_field(window, state):
    assert window.highlighted is None
    state.set_settings(stride=(2, 2), padding="same")
    state.select_filter(1)
    state.recompute()
    state.select_cell(3, 5)
    rows, cols = window.highlighted
    e = state.exploration
    cell = explain_cell(state.image, state.selected_filter.weights, e.stride, e.padding, 3, 5,
                        e.dilation)
    np.testing.assert_array_equal(rows, cell.rows)
    np.testing.assert_array_equal(cols, cell.cols)
    assert "(4, 6)" in window.field_label.text()  # cell (3, 5) counted from 1
    painted(window)
    state.select_cell(-1, -1)
    assert window.highlighted is None
    assert window.field_label.text() == ""


def test_dilated_field_and_corner_cells_paint(window, state):
    state.set_settings(dilation=(2, 2), padding="same")
    state.recompute()
    state.select_cell(0, 0)
    rows, cols = window.highlighted
    np.testing.assert_array_equal(rows, [-2, 0, 2])
    np.testing.assert_array_equal(cols, [-2, 0, 2])
    painted(window)


def test_hovering_a_cell_reads_its_value(window, state, qtbot):
    grid = window.grid
    rect = grid.cells.cell_rect(9, 7)
    qtbot.mouseMove(grid.viewport(), rect.center())
    # Rows and columns read from 1, as everywhere in the app.
    qtbot.waitUntil(lambda: "row 10, col 8" in window.hover_label.text())
    value = format_value(state.image[0, 9, 7], False)
    assert window.hover_label.text() == f"row 10, col 8 = {value}"


def test_zoom_slider_and_ctrl_wheel_change_the_cell_size(window):
    grid = window.grid
    window.zoom_slider.setValue(40)
    assert grid.cell_size == 40
    assert not grid.auto_zoom
    event = QWheelEvent(QPointF(100, 100), QPointF(grid.viewport().mapToGlobal(QPoint(100, 100))),
                        QPoint(0, 0), QPoint(0, -120 * 20), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(grid.viewport(), event)
    assert grid.cell_size == MIN_CELL
    assert window.zoom_slider.value() == MIN_CELL
    window.zoom_slider.setValue(100)
    assert grid.cell_size == MAX_CELL
    painted(window)


def test_view_menu_and_image_panel_button_open_one_window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings=settings, restore=False)
    qtbot.addWidget(main)
    main.show()
    action = next(a for menu in main.menuBar().actions() if menu.menu() is not None
                  for a in menu.menu().actions() if a.text() == "Pixel &values…")
    assert action.shortcut().toString() == "Ctrl+Shift+N"
    action.trigger()
    window = main.numbers_window
    assert isinstance(window, NumbersWindow) and window.isVisible()
    assert window.parent() is main
    np.testing.assert_array_equal(window.values(), main.state.image[0])
    window.close()
    assert not window.isVisible()
    main.explorer.image_panel.numbers_button.click()
    assert main.numbers_window is window and window.isVisible()
    painted(window)
