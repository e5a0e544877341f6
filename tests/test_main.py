"""The command line: files to open at start, --page, --model, --reset-settings, and one
clear sentence instead of Qt's core dump when there is no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import main
from engine import datasets
from engine.model import build_cnn
from engine.optim import SGD
from engine.train import fit

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    """A small shapes model trained for one epoch by the engine, saved as a real .npz."""
    data = datasets.load("shapes", n_train=120, n_test=30)
    model = build_cnn(num_classes=len(data.class_names), filters=2,
                      class_names=data.class_names, seed=1)
    fit(model, SGD(lr=0.05), data.x_train, data.y_train, epochs=1,
        batch_size=32)
    path = tmp_path_factory.mktemp("models") / "shapes.npz"
    model.save(path)
    return path


@pytest.fixture
def picture(tmp_path) -> Path:
    from gui.common.image_io import rgb_to_qimage
    rgb = np.ones((24, 40, 3))
    rgb[6:18, 10:30] = 0
    path = tmp_path / "block.png"
    assert rgb_to_qimage(rgb).save(str(path))
    return path


def clean_env(tmp_path: Path, **extra) -> dict:
    """An environment with no display, no Qt platform and settings in ``tmp_path``."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), **extra)
    return env


def run(args, env, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)


def run_window(qtbot, argv) -> dict:
    """Run ``main.main(argv)`` for real; once its window is up, record what it shows and
    close it, which ends the event loop main.main runs. Returns the record."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    seen: dict = {}

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, look)
            return
        window = windows[0]
        seen.update(page=window.tabs.currentWidget(), pages=dict(window.pages),
                    source_name=window.state.source_name, image=window.state.image.copy(),
                    model=window.state.model, status=window.status.text())
        window.close()
        QApplication.instance().quit()

    QTimer.singleShot(0, look)
    seen["exit"] = main.main(argv)
    return seen


# --------------------------------------------------------------------------- no display
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_without_a_display_one_clear_sentence_and_status_1(tmp_path):
    result = run([], clean_env(tmp_path))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "display" in lines[0] and "xvfb-run" in lines[0]
    assert "xcb" not in result.stderr and "core dumped" not in result.stderr


@pytest.mark.parametrize("environ, platform, missing", [
    ({}, "linux", True),
    ({"DISPLAY": ""}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({}, "darwin", False),
    ({}, "win32", False),
])
def test_display_missing(environ, platform, missing):
    assert main.display_missing(environ, platform) is missing


# --------------------------------------------------------------------------- files to open
def test_a_picture_on_the_command_line_is_explored(qtbot, picture):
    seen = run_window(qtbot, [str(picture)])
    assert seen["exit"] == 0
    assert seen["source_name"] == "block.png"
    assert seen["image"].shape == (1, 24, 40)
    assert seen["page"] is seen["pages"]["explore"]


def test_main_gives_python_its_collections_back_when_its_window_closes(qtbot, picture):
    """main.main freezes the start-up objects and runs the full collections itself while
    its window is up (gui/memory_settings.py); run again in the same process, as here,
    nothing of that may stay behind."""
    import gc

    from PySide6.QtGui import QPixmapCache

    thresholds, cache_kb = gc.get_threshold(), QPixmapCache.cacheLimit()
    assert run_window(qtbot, [str(picture)])["exit"] == 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
    assert QPixmapCache.cacheLimit() == cache_kb


def test_a_model_on_the_command_line_is_opened_on_the_page_asked_for(qtbot, model_file):
    seen = run_window(qtbot, [str(model_file), "--page", "classify"])
    assert seen["exit"] == 0
    assert seen["model"] is not None
    assert tuple(seen["model"].class_names) == tuple(datasets.SHAPE_CLASSES)
    assert seen["page"] is seen["pages"]["classify"]
    assert "shapes.npz" in seen["status"]


def test_the_model_option_and_a_picture_together(qtbot, model_file, picture):
    seen = run_window(qtbot, ["--model", str(model_file), str(picture), "--page", "train"])
    assert seen["model"] is not None and seen["source_name"] == "block.png"
    assert seen["page"] is seen["pages"]["train"]


def test_bad_files_on_the_command_line_say_why_and_the_app_starts(qtbot, tmp_path):
    broken_picture = tmp_path / "broken.png"
    broken_picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    broken_model = tmp_path / "broken.npz"
    broken_model.write_bytes(b"PK\x03\x04 not a zip")
    seen = run_window(qtbot, [str(broken_picture), str(broken_model),
                              str(tmp_path / "missing.png")])
    assert seen["exit"] == 0
    assert seen["model"] is None
    for name in ("broken.png", "broken.npz", "missing.png"):
        assert name in seen["status"]
    assert seen["source_name"] != "broken.png"


def test_the_model_option_opens_a_model_whatever_its_name(qtbot, model_file, tmp_path):
    renamed = tmp_path / "model.bin"
    renamed.write_bytes(model_file.read_bytes())
    seen = run_window(qtbot, ["--model", str(renamed)])
    assert seen["model"] is not None
    picture_as_model = tmp_path / "photo.png"
    picture_as_model.write_bytes(b"\x89PNG\r\n\x1a\n")
    seen = run_window(qtbot, ["--model", str(picture_as_model)])
    assert seen["model"] is None and "photo.png" in seen["status"]


def test_an_unknown_page_is_refused(capsys):
    with pytest.raises(SystemExit) as caught:
        main.main(["--page", "lessons-to-come"])
    assert caught.value.code == 2
    assert "explore, train, classify" in capsys.readouterr().err


# --------------------------------------------------------------------------- screenshots
def png_size_and_pixels(path: Path):
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    assert not image.isNull()
    return (image.width(), image.height()), image


def test_screenshots_of_each_page_with_a_model(tmp_path, model_file):
    env = clean_env(tmp_path)
    shots = {}
    for page in ("train", "classify", "network"):
        for with_model in (False, True):
            out = tmp_path / f"{page}-{with_model}.png"
            args = ["--screenshot", out, "--page", page, "--size", "1024x700"]
            if with_model:
                args += ["--model", model_file]
            result = run(args, env)
            assert result.returncode == 0, result.stderr
            size, image = png_size_and_pixels(out)
            assert size == (1024, 700)
            shots[page, with_model] = image
    assert shots["train", False] != shots["classify", False]    # another page is shown
    assert shots["classify", False] != shots["classify", True]  # the model's probabilities
    assert shots["network", False] != shots["network", True]  # every layer, not the message


def test_reset_settings_forgets_the_users_settings(tmp_path):
    from PySide6.QtCore import QSettings
    env = clean_env(tmp_path)
    conf = tmp_path / "config" / "CNN Lab" / "CNN Lab.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text("[files]\nlast_folder=/tmp\n[explorer]\nfilters=[[[[\n")
    result = run(["--reset-settings", "--screenshot", tmp_path / "shot.png"], env)
    assert result.returncode == 0, result.stderr
    assert str(conf) in result.stdout
    assert QSettings(str(conf), QSettings.Format.IniFormat).allKeys() == []
