"""The process environment main.py starts the app in: Qt paints without its raster
thread pool (each large fill handed to pool threads and waited for cost a repaint more
than the fill itself while training ran on the other core)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.process_environment import PROCESS_ENVIRONMENT, set_process_environment

ROOT = Path(__file__).resolve().parents[2]

#: Paints one large translucent fill, then lists the names of the process's threads.
PAINT_AND_LIST_THREADS = """
import os, sys
sys.path.insert(0, {root!r})
if {through_main}:
    import main  # noqa: F401  (sets the environment as the app starts)
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
app = QGuiApplication([])
image = QImage(800, 800, QImage.Format.Format_ARGB32_Premultiplied)
painter = QPainter(image)
painter.fillRect(0, 0, 800, 800, QColor(10, 20, 30, 128))
painter.end()
for task in os.listdir("/proc/self/task"):
    with open(f"/proc/self/task/{{task}}/comm") as f:
        print(f.read().strip())
"""


def _thread_names(through_main: bool) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in PROCESS_ENVIRONMENT}
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = PAINT_AND_LIST_THREADS.format(root=str(ROOT), through_main=through_main)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout.split("\n")


def test_main_paints_without_qt_raster_thread_pool():
    if not os.path.isdir("/proc/self/task"):
        pytest.skip("thread names are read from Linux's /proc")
    # Without the setting Qt starts pool threads for the fill: the check can fail.
    assert "Thread (pooled)" in _thread_names(through_main=False)
    assert "Thread (pooled)" not in _thread_names(through_main=True)


def test_a_variable_already_set_is_kept():
    environ = {"OPENBLAS_NUM_THREADS": "2"}
    set_process_environment(environ)
    assert environ["OPENBLAS_NUM_THREADS"] == "2"
    assert environ["QT_NO_GUI_THREADPOOL"] == PROCESS_ENVIRONMENT["QT_NO_GUI_THREADPOOL"]
