"""A damaged settings file never stops CNN Lab: a real MainWindow starts on real corrupt
ini files, shows the defaults, logs each bad value once and writes good values back."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from gui.explore.filter_file import filters_from_json
from gui.main_window import MainWindow
from gui.state import LabState
from gui.window.session import FILTERS_KEY, GEOMETRY_KEY


def default_weights(qtbot) -> list[np.ndarray]:
    state = LabState()
    return [f.weights.copy() for f in state.filters]


def filters_text(**changes) -> str:
    """A filters setting like the app writes, with ``changes`` made to its first filter."""
    first = {"name": "mine", "weights": [[0, 1, 0], [1, 2, 1], [0, 1, 0]], "bias": 0.5,
             "preset": None}
    first.update(changes)
    return json.dumps({"format": "cnn-lab-filters", "version": 1, "filters": [first]})


def settings_file(path: Path, **values) -> Path:
    """Write ``values`` (key with "/" spelled "__") through QSettings, as the app would."""
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key.replace("__", "/"), value)
    settings.sync()
    assert settings.status() == QSettings.Status.NoError
    return path


def start(qtbot, path: Path) -> MainWindow:
    window = MainWindow(settings=QSettings(str(path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.state.recompute()
    return window


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "gui.app_settings" and r.levelno == logging.WARNING]


NESTED = "[" * 100_000 + "]" * 100_000

BAD_FILTERS = {
    "deeply nested JSON": NESTED,
    "nested weights": filters_text(weights=json.loads("[" * 30 + "1" + "]" * 30)),
    "preset given as a list": filters_text(preset=["sobel x"]),
    "preset given as a dict": filters_text(preset={"name": "sobel x"}),
    "400-digit weight": filters_text(weights=[[10 ** 400]]),
    "400-digit bias": filters_text(bias=10 ** 400),
    "bias given as a list": filters_text(bias=[1]),
    "name given as a dict": filters_text(name={"a": 1}),
    "NaN weight": filters_text(weights=[[float("nan")]]),
    "ragged weights": filters_text(weights=[[1, 2], [3]]),
    "not JSON": "{'format': 'cnn-lab-filters'",
    "JSON of another kind": json.dumps([1, 2, 3]),
    "a list instead of text": ["a", "b"],
    "a number instead of text": 12,
}


@pytest.mark.parametrize("kind", list(BAD_FILTERS))
def test_bad_remembered_filters_give_the_defaults(qtbot, tmp_path, caplog, kind):
    path = settings_file(tmp_path / "settings.ini", explorer__filters=BAD_FILTERS[kind])
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        window = start(qtbot, path)
    assert [f.weights.tolist() for f in window.state.filters] == \
        [w.tolist() for w in default_weights(qtbot)]
    assert window.state.exploration is not None           # the explorer works
    logged = warnings(caplog)
    assert len(logged) == 1 and FILTERS_KEY in logged[0]
    assert len(logged[0]) < 400                              # no 100 000 brackets in the log
    # Forgotten at once (a crash before closing cannot bring it back) ...
    assert QSettings(str(path), QSettings.Format.IniFormat).value(FILTERS_KEY) is None
    window.close()
    # ... and replaced by good filters on closing.
    text = QSettings(str(path), QSettings.Format.IniFormat).value(FILTERS_KEY)
    assert len(filters_from_json(text)) == len(window.state.filters)


def test_good_remembered_filters_still_load(qtbot, tmp_path, caplog):
    path = settings_file(tmp_path / "settings.ini", explorer__filters=filters_text())
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        window = start(qtbot, path)
    assert [f.name for f in window.state.filters] == ["mine"]
    assert window.state.filters[0].bias == 0.5
    assert warnings(caplog) == []


@pytest.mark.parametrize("geometry", ["just text", b"\x01\x02garbage bytes", ["a", "b"], 7])
def test_a_bad_window_geometry_gives_the_default_size(qtbot, tmp_path, caplog, geometry):
    if isinstance(geometry, bytes):
        from PySide6.QtCore import QByteArray
        geometry = QByteArray(geometry)
    path = settings_file(tmp_path / "settings.ini", window__geometry=geometry)
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        window = start(qtbot, path)
    assert (window.width(), window.height()) == (1280, 800)
    logged = warnings(caplog)
    assert len(logged) == 1 and GEOMETRY_KEY in logged[0]
    window.close()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        start(qtbot, path)   # what closing wrote is good again
    assert warnings(caplog) == []


def test_a_bad_last_folder_gives_the_home_folder(qtbot, tmp_path, caplog):
    path = tmp_path / "settings.ini"
    path.write_text("[files]\nlast_folder=a, b, c\n", encoding="utf-8")  # read as a list
    with caplog.at_level(logging.WARNING, logger="gui.app_settings"):
        window = start(qtbot, path)
    assert window.last_folder == str(Path.home())
    assert len(warnings(caplog)) == 1


@pytest.mark.parametrize("content", [
    os.urandom(4000),
    b"[explorer]\nfilters=" + b"[" * 200_000 + b"\n",
    b"\xff\xfe" + "[window]\ngeometry=@ByteArray(\x00\x00)\n".encode("utf-16-le"),
    b"[window\ngeometry=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18QPixmap)\n",
])
def test_a_garbage_settings_file_still_starts_the_app(qtbot, tmp_path, content):
    path = tmp_path / "settings.ini"
    path.write_bytes(content)
    window = start(qtbot, path)
    assert window.state.exploration is not None
    assert [f.weights.tolist() for f in window.state.filters] == \
        [w.tolist() for w in default_weights(qtbot)]
    window.close()
    reopened = QSettings(str(path), QSettings.Format.IniFormat)
    assert len(filters_from_json(reopened.value(FILTERS_KEY))) == len(window.state.filters)
