import dataclasses
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QSettings, QUrl

from engine import ops
from gui.common.image_io import rgb_to_qimage
from gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.state.recompute()
    return window


def expected_conv(state):
    return ops.conv2d(state.image[None], state.weights(), state.biases())[0]


def test_default_window_shows_every_stage_of_the_default_digit(window):
    result = window.state.exploration
    assert result is not None
    assert result.shapes["image"] == (1, 28, 28)
    np.testing.assert_allclose(result.conv, expected_conv(window.state), atol=1e-5)
    assert result.flattened.size == len(window.state.filters) * 13 * 13


def test_opening_an_image_file_updates_all_stages(window, tmp_path):
    path = tmp_path / "stripes.png"
    picture = np.zeros((20, 30, 3))
    picture[:, ::3] = 1
    assert rgb_to_qimage(picture).save(str(path))
    assert window.explorer.image_panel.open_file(path)
    window.state.recompute()
    result = window.state.exploration
    assert result.shapes["image"] == (1, 20, 30)
    assert result.conv.shape[1:] == (18, 28)
    assert result.pooled.shape[1:] == (9, 14)
    np.testing.assert_allclose(result.conv, expected_conv(window.state), atol=1e-5)


def test_a_broken_file_shows_a_message_and_keeps_the_picture(window, tmp_path):
    before = window.state.source.copy()
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))
    assert not window.explorer.image_panel.open_file(broken)
    assert "broken.png" in window.status.text()
    np.testing.assert_array_equal(window.state.source, before)


def test_dropping_a_file_on_the_window_opens_it(window, tmp_path):
    path = tmp_path / "dot.png"
    assert rgb_to_qimage(np.ones((12, 12, 3))).save(str(path))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert window.explorer.image_panel.accepts_mime(mime)
    assert window.explorer.image_panel.drop_mime(mime)
    assert window.state.image.shape == (1, 12, 12)


def test_save_and_load_filters_round_trip(window, tmp_path):
    state = window.state
    state.set_cell(0, 0, 1, 1, 7.5)
    state.apply_preset(1, "sobel y")
    saved = [f.copy() for f in state.filters]
    path = tmp_path / "filters.json"
    assert window.commands.save_filters(path)
    state.set_kernel_size(5, 5)
    state.remove_filter(0)
    assert window.commands.load_filters(path)
    assert [f.name for f in state.filters] == [f.name for f in saved]
    for mine, theirs in zip(state.filters, saved, strict=True):
        np.testing.assert_array_equal(mine.weights, theirs.weights)


def test_loading_a_foreign_json_file_changes_nothing(window, tmp_path):
    before = window.state.weights().copy()
    path = tmp_path / "other.json"
    path.write_text('{"hello": 1}')
    assert not window.commands.load_filters(path)
    assert "other.json" in window.status.text()
    np.testing.assert_array_equal(window.state.weights(), before)


def test_export_stage_images(window, tmp_path):
    written = window.commands.export_stages(tmp_path)
    assert len(written) >= 5
    assert all(p.stat().st_size > 0 for p in written)


def test_filters_are_remembered_across_sessions(qtbot, tmp_path):
    settings_path = str(tmp_path / "remember.ini")
    first = MainWindow(settings=QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.state.set_cell(0, 0, 0, 0, 3.25)
    first.close()
    second = MainWindow(settings=QSettings(settings_path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert second.state.filters[0].weights[0, 0, 0] == pytest.approx(3.25)


def test_screenshot_option_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(out),
                          "--size", "1280x800"], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
    from PySide6.QtGui import QImage
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_closing_the_window_mid_training_stops_the_worker(window, qtbot):
    from PySide6.QtCore import qInstallMessageHandler

    from engine import datasets

    messages = []
    previous = qInstallMessageHandler(lambda mode, context, text: messages.append(text))
    try:
        page = window.training
        page.set_config(dataclasses.replace(page.config(), epochs=200))
        assert page.start_training(datasets.load("shapes", n_train=600, n_test=60))
        qtbot.waitUntil(lambda: page.worker is not None and page.worker.is_running())
        thread = page.worker._thread
        window.close()
        assert not thread.isRunning()
        assert not page.is_training()
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "Destroyed while thread" in m]


def test_pages_ask_for_the_explorer_and_get_it(window):
    window.tabs.setCurrentWidget(window.classify)
    window.classify.explore_requested.emit()
    assert window.tabs.currentWidget() is window.explorer


def test_every_control_has_a_tooltip(window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QSlider,
        QTabBar,
    )

    qt_internals = ("qt_", "ScrollLeftButton", "ScrollRightButton")
    bare = []
    for page in (window.explorer, window.training, window.classify):
        for kind in (QAbstractButton, QAbstractSpinBox, QComboBox, QSlider, QLineEdit):
            for widget in page.findChildren(kind):
                if widget.objectName().startswith(qt_internals):
                    continue
                if isinstance(widget.parentWidget(), QTabBar):
                    continue
                if not widget.toolTip():
                    bare.append(f"{type(widget).__name__} {widget.objectName()!r} "
                                f"{getattr(widget, 'text', lambda: '')()!r}")
    assert not bare, bare


def test_open_model_waits_while_training_runs_and_says_why(window, qtbot, tmp_path):
    from engine import datasets
    from engine.model import build_cnn

    data = datasets.load("shapes", n_train=300, n_test=30)
    path = tmp_path / "other.npz"
    build_cnn(num_classes=len(data.class_names), filters=2,
              class_names=data.class_names).save(path)
    page = window.training
    assert window.menus.open_model_action.isEnabled()
    page.set_config(dataclasses.replace(page.config(), epochs=200))
    with qtbot.waitSignal(page.training_changed, timeout=5000) as started:
        assert page.start_training(data)
    assert started.args == [True]
    assert not window.menus.open_model_action.isEnabled()
    assert "Stop the training" in window.menus.open_model_action.toolTip()
    assert not page.open_button.isEnabled()
    assert "Stop the training" in page.open_button.toolTip()
    # Asked anyway (a script, a shortcut that slipped through): refused with a reason.
    assert not page.open_model(path)
    assert "Stop the training" in page.status.text()
    with qtbot.waitSignal(page.training_changed, timeout=20_000) as ended:
        page.stop_training()
    assert ended.args == [False]
    assert window.menus.open_model_action.isEnabled()
    assert "Stop" not in window.menus.open_model_action.toolTip()
    assert page.open_model(path)
