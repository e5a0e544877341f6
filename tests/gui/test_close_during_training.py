"""Closing the window while a slow training batch runs ends the process cleanly and soon.

Each case runs the real main window in a fresh Python process (Qt's abort on a running
QThread at exit kills the process, so only a subprocess can see it), starts a training
run whose batches are made slow on purpose, closes the window inside the first batch
and checks the exit code, the absence of Qt's "Destroyed while thread is still running"
and how long the process took to end after the close. The last case closes while a
Network-page panel computes in its own worker.
"""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import os, sys, threading, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    import engine.train as train
    from engine import datasets
    from engine.layers import Conv2D
    from gui.main_window import MainWindow
    from engine.architecture import ConvBlock
    from gui.train.job import TrainingConfig

    mode, settings_file = sys.argv[1], sys.argv[2]
    # "sliced": every image of a batch is its own slice and takes 0.4 s, so one batch of
    # 32 takes about 13 s; "one slice": a single 5 s step the stop flag cannot enter
    # (longer than the 2 s the window waits for a worker when it closes).
    pause = 0.4 if mode == "sliced" else 5.0
    if mode == "sliced":
        train.STEP_CHUNK_FLOATS = 1
    entered = []

    def slowed(real_forward):
        def slow_forward(self, *args, **kwargs):
            # Only training is slow: the window's own forward passes (lessons) stay quick.
            if threading.current_thread() is not threading.main_thread():
                entered.append(1)
                time.sleep(pause)
            return real_forward(self, *args, **kwargs)
        return slow_forward

    # Both ways the fast path runs a convolution: alone, or fused with its max pool.
    Conv2D.forward_chwn = slowed(Conv2D.forward_chwn)
    Conv2D.forward_max_pool_chwn = slowed(Conv2D.forward_max_pool_chwn)
    window = MainWindow(settings=QSettings(settings_file, QSettings.Format.IniFormat),
                        restore=False)
    window.show()
    page = window.training
    page.set_config(TrainingConfig(blocks=(ConvBlock(4),), hidden=(), epochs=1, batch_size=32))
    data = datasets.load("shapes", n_train=120, n_test=30, seed=1)
    assert page.start_training(data)

    def close_when_inside_a_batch():
        if not entered:
            QTimer.singleShot(50, close_when_inside_a_batch)
            return
        print(f"closing {time.time():.3f}", flush=True)
        window.close()

    QTimer.singleShot(200, close_when_inside_a_batch)
    code = app.exec()
    print(f"event loop ended {time.time():.3f}", flush=True)
    sys.exit(code)
""")


def run_and_close(mode: str, tmp_path) -> tuple[subprocess.CompletedProcess, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode, str(tmp_path / "settings.ini")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    ended = time.time()
    closing = [line for line in completed.stdout.splitlines() if line.startswith("closing")]
    assert closing, completed.stdout + completed.stderr
    return completed, ended - float(closing[0].split()[1])


def test_closing_inside_a_long_sliced_batch_exits_at_once(tmp_path):
    completed, after_close = run_and_close("sliced", tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "Destroyed while thread is still running" not in completed.stderr
    # Without the stop reaching into the batch, the process would live on for the rest
    # of a 13 s batch; the stop is heard within one 0.4 s slice.
    assert after_close < 5.0, after_close


def test_closing_inside_a_step_that_cannot_stop_still_exits_cleanly(tmp_path):
    completed, after_close = run_and_close("one slice", tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "Destroyed while thread is still running" not in completed.stderr
    # The window itself closed without waiting for the 5 s step: its event loop ended
    # first, and the process left once the 5 s step was over.
    lines = completed.stdout.splitlines()
    closing = float(next(line for line in lines if line.startswith("closing")).split()[1])
    loop_end = float(next(line for line in lines if line.startswith("event loop")).split()[3])
    assert loop_end - closing < 4.0
    assert after_close < 30.0


NETWORK_SCRIPT = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from gui.main_window import MainWindow
    from gui.network.latest_job import LatestJob

    window = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat),
                        restore=False)
    window.show()
    jobs = window.findChildren(LatestJob)
    assert jobs, "the Network page has no panels that compute in the background"
    # A unit switched off on a slow machine: the computation outlives the window.
    jobs[0].request("slow", lambda: time.sleep(1.5))
    app.processEvents()
    assert jobs[0].busy
    window.close()
    print("closed", flush=True)
    # No event loop ends here, so Qt's aboutToQuit never comes: the close alone must
    # leave nothing that aborts the process at exit.
""")


def test_closing_while_a_network_panel_computes_exits_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    completed = subprocess.run(
        [sys.executable, "-c", NETWORK_SCRIPT, str(tmp_path / "settings.ini")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "closed" in completed.stdout, completed.stderr
    assert completed.returncode == 0, completed.stderr
    assert "Destroyed while thread is still running" not in completed.stderr
