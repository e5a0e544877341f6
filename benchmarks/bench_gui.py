"""How fast the real window answers an edit, and how fast it first appears (offscreen).

Edit to repaint: the real :class:`MainWindow` (1280×800, one BLAS thread as the app runs)
shows a 512×512 picture with 8 filters and a selected feature-map cell. A wheel notch is
sent to the kernel grid over one of its cells, as a learner's mouse would. The clock runs
while the event loop does what the app's would (the state's coalescing timer recomputes
every stage through the engine, the panels update, Qt paints) and stops once the stage
view has painted the new result and a further pass of the loop paints nothing more. Every
paint event in that time is counted, by widget class, to show what an edit repaints.

First frame: ``python main.py --first-frame`` in a fresh process, timed from the start of
the process to the last paint before the window stays still for 0.3 s, i.e. its first
fully laid-out frame (the app prints that moment and exits). One start before the timed
ones warms the file cache and writes the modules' bytecode, as any earlier run would.

Run: ``python benchmarks/bench_gui.py [--repeats N] [--starts N]``.
Targets: edit to repaint median <= 12 ms and 90th percentile <= 16 ms at 512×512;
first frame median <= 1.0 s.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
# Run as a script from a checkout: make the repository's packages importable.
sys.path.insert(0, str(ROOT))
from gui.process_environment import set_process_environment  # noqa: E402 (no Qt in it)

set_process_environment()  # before NumPy and Qt load, as main.py runs the app

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks._common import load_line, verdict  # noqa: E402

SIZE = 512
FILTERS = 8
WINDOW = (1280, 800)
TARGET_MEDIAN_MS, TARGET_P90_MS, TARGET_FIRST_FRAME_S = 12.0, 16.0, 1.0


def test_picture(size: int) -> np.ndarray:
    """A deterministic (size, size) picture with edges in every direction, 1 = bright."""
    yy, xx = np.mgrid[0:size, 0:size] / size
    rings = 0.5 + 0.5 * np.sin(40 * np.hypot(yy - 0.5, xx - 0.5))
    squares = ((xx * 8).astype(int) + (yy * 8).astype(int)) % 2
    return np.where(xx < 0.5, rings, squares).astype(np.float32)


class PaintCounter(QObject):
    """Counts paint events delivered to any widget, by widget class and name, and those
    of one ``watched`` widget (the stage view's viewport) on their own."""

    def __init__(self, watched=None) -> None:
        super().__init__()
        self.by_widget: collections.Counter[str] = collections.Counter()
        self.total = 0
        self.watched = watched
        self.watched_paints = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.total += 1
            if watched is self.watched:
                self.watched_paints += 1
            name = watched.objectName()
            self.by_widget[type(watched).__name__ + (f"#{name}" if name else "")] += 1
        return False


def wheel(widget, position: QPoint, notches: int) -> None:
    """Send one real wheel event over ``position`` (widget coordinates)."""
    local = QPointF(position)
    event = QWheelEvent(local, QPointF(widget.mapToGlobal(position)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def build_window():
    from gui.main_window import MainWindow

    settings = QSettings(os.path.join(tempfile.mkdtemp(), "settings.ini"),
                         QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, restore=False)
    window.resize(*WINDOW)
    window.show()
    state = window.state
    state.set_source(test_picture(SIZE))
    while len(state.filters) < FILTERS:
        state.duplicate_filter(len(state.filters) % 4)
    state.select_filter(2)
    app = QApplication.instance()
    for _ in range(10):
        app.processEvents()
    state.select_cell(SIZE // 3, SIZE // 3)
    for _ in range(10):
        app.processEvents()
    return window


def measure_edits(repeats: int) -> dict:
    app = QApplication.instance() or QApplication([])
    window = build_window()
    state = window.state
    grid = window.explorer.filter_panel.grid
    viewport = window.explorer.stage_view.graphics.viewport()
    explored = []
    state.explored.connect(explored.append)
    counter = PaintCounter(viewport)
    app.installEventFilter(counter)
    totals, cpu, paints = [], [], []
    by_widget: collections.Counter[str] = collections.Counter()
    centre = grid.cell_rect(1, 1).center()
    for i in range(repeats + 5):
        explored.clear()
        counter.total = 0
        counter.by_widget.clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        wheel(grid, centre, 1 if i % 2 == 0 else -1)
        painted_after = None
        for _ in range(200):
            app.processEvents()
            if explored and painted_after is None:
                painted_after = counter.watched_paints
            if painted_after is not None and counter.watched_paints > painted_after:
                before = counter.total
                app.processEvents()
                if counter.total == before:
                    break
        else:
            raise RuntimeError("the stage view never painted the edit")
        end, end_cpu = time.perf_counter(), time.thread_time()
        if i >= 5:  # warm-up
            totals.append((end - start) * 1e3)
            cpu.append((end_cpu - start_cpu) * 1e3)
            paints.append(counter.total)
            by_widget.update(counter.by_widget)
    app.removeEventFilter(counter)
    # The engine's part: the same exploration, called directly (the state itself skips
    # recomputing inputs it has explored already).
    from engine.pipeline import explore

    e = state.exploration
    engine = []
    for _ in range(repeats):
        start = time.perf_counter()
        explore(e.image, e.weights, e.stride, e.padding, e.activation, e.pool, e.pool_size,
                e.pool_stride, e.bias, e.dilation)
        engine.append((time.perf_counter() - start) * 1e3)
    window.close()
    return {"median": statistics.median(totals), "p90": float(np.percentile(totals, 90)),
            "cpu": statistics.median(cpu),
            "engine": statistics.median(engine), "paints": statistics.median(paints),
            "by_widget": {k: v / repeats for k, v in by_widget.most_common(12)}}


def measure_first_frames(starts: int) -> list[float]:
    """Seconds from process start to the first laid-out frame, one fresh process each."""
    times = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # As a user's Python runs it: compiled modules are cached (this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which would recompile ~50 modules, 0.1 s, every start).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--first-frame"],
                   capture_output=True, env=env, check=False, timeout=60, cwd=ROOT)
    for _ in range(starts):
        start = time.time()
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--first-frame"],
                              capture_output=True, text=True, env=env, check=False,
                              timeout=60, cwd=ROOT)
        lines = [line for line in done.stdout.splitlines() if line.startswith("first frame")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"main.py --first-frame failed: {done.stderr[-400:]}")
        # "first frame at <epoch seconds>": measured by the child, so the parent's exit
        # and the interpreter's shutdown are not counted.
        times.append(float(lines[-1].split()[-1]) - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--starts", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {load_line()}; OPENBLAS_NUM_THREADS=1")
    r = measure_edits(args.repeats)
    print(f"edit through the kernel grid, real window {WINDOW[0]}x{WINDOW[1]}, "
          f"{SIZE}x{SIZE}, {FILTERS} filters:")
    print(f"  edit to repaint: median {r['median']:.1f} ms, 90th percentile "
          f"{r['p90']:.1f} ms (engine alone {r['engine']:.1f} ms)")
    # The window thread's own CPU time: what the edit costs when other work competes for
    # the cores (wall-clock figures then grow, this one much less).
    print(f"  CPU time of the window's thread per edit: median {r['cpu']:.1f} ms")
    print(f"  paint events per edit: {r['paints']:.0f}")
    for name, count in r["by_widget"].items():
        print(f"    {count:5.1f}  {name}")
    ok = r["median"] <= TARGET_MEDIAN_MS and r["p90"] <= TARGET_P90_MS
    print(f"  target median <= {TARGET_MEDIAN_MS:g} ms, p90 <= {TARGET_P90_MS:g} ms: "
          f"{verdict(ok)}")
    if args.starts <= 0:
        return
    frames = measure_first_frames(args.starts)
    first = statistics.median(frames)
    print(f"first frame (python main.py, fresh process): median {first:.2f} s "
          f"(min {min(frames):.2f}, max {max(frames):.2f}, {len(frames)} starts); "
          f"target <= {TARGET_FIRST_FRAME_S:g} s: {verdict(first <= TARGET_FIRST_FRAME_S)}")


if __name__ == "__main__":
    main()
