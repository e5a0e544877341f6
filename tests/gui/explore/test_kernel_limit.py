"""One kernel-size limit for the whole app: a model trained with any kernel the engine
allows, its filters put in the editor and saved, loads again (issue 8, item 9)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from engine import limits
from engine.model import build_cnn, load
from engine.optim import Adam
from engine.train import fit
from gui.explore.filter_file import load_filters
from gui.explore.kernel_grid import KernelGrid
from gui.main_window import MainWindow
from gui.state import MAX_KERNEL, LabState


def test_the_gui_uses_the_engines_kernel_limit(qtbot):
    assert MAX_KERNEL == limits.MAX_KERNEL_SIZE
    state = LabState()
    state.set_kernel_size(MAX_KERNEL, MAX_KERNEL)
    assert state.kernel_size == (MAX_KERNEL, MAX_KERNEL)
    with pytest.raises(ValueError):
        state.set_kernel_size(MAX_KERNEL + 1, MAX_KERNEL + 1)


@pytest.fixture
def model_file(tmp_path):
    """A model with 13x13 kernels, trained for an epoch on a few 20x20 pictures of two
    classes (a bright left or right half), saved as the Train page saves it."""
    rng = np.random.default_rng(0)
    x = rng.random((16, 1, 20, 20), dtype=np.float32) * 0.2
    y = np.arange(16) % 2
    x[y == 0, :, :, :10] += 0.8
    x[y == 1, :, :, 10:] += 0.8
    model = build_cnn((1, 20, 20), 2, filters=3, kernel_size=13, class_names=("left", "right"))
    fit(model, Adam(1e-2), x, y, epochs=1, batch_size=8)
    path = tmp_path / "k13.npz"
    model.save(path)
    assert load(path).layers[0].params["weight"].shape == (3, 1, 13, 13)
    return path


def test_a_13x13_model_round_trips_through_learned_filters_and_filter_files(
        qtbot, tmp_path, model_file):
    settings_path = str(tmp_path / "settings.ini")
    window = MainWindow(settings=QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.opening.open_paths([str(model_file)]) == []
    window.explorer.prediction_panel.use_button.click()
    state, panel = window.state, window.explorer.filter_panel
    learned = load(model_file).layers[0].params["weight"]
    assert state.kernel_size == (13, 13)
    assert (panel.rows_spin.value(), panel.cols_spin.value()) == (13, 13)
    assert panel.grid.shape == (13, 13)

    saved = tmp_path / "learned.json"
    assert window.commands.save_filters(saved)
    assert [f.weights.shape for f in load_filters(saved)] == [(1, 13, 13)] * 3
    state.restore_default_filters()
    assert state.kernel_size == (3, 3)
    assert window.commands.load_filters(saved)
    assert state.kernel_size == (13, 13)
    np.testing.assert_allclose(state.weights(), learned, rtol=1e-6)

    # Remembered at close, they come back at the next start instead of the defaults.
    window.close()
    again = MainWindow(settings=QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.state.kernel_size == (13, 13)
    np.testing.assert_allclose(again.state.weights(), learned, rtol=1e-6)
    assert again.explorer.filter_panel.rows_spin.value() == 13


@pytest.mark.parametrize("side", [13, limits.MAX_KERNEL_SIZE])
def test_the_largest_kernels_fit_the_side_panel_with_readable_cells(qtbot, side):
    grid = KernelGrid()
    qtbot.addWidget(grid)
    grid.set_values(np.linspace(-1, 1, side * side).reshape(side, side))
    # The editor's column is about 300 px wide at 1024x700: the grid must fit it.
    assert grid.minimumSizeHint().width() <= 300
    grid.resize(grid.minimumSizeHint())
    assert grid.cell_size() >= 18
