"""Edit-to-repaint time of the explorer's stage views (offscreen).

For a 256×256 and a 512×512 image with 8 filters (a feature-map cell selected, so the
explanation panel works too), one filter cell is edited with ``LabState.set_cell``.
Then the event loop runs as the app's would: the state's coalescing timer recomputes
every stage through the engine, the views update their items, and Qt paints the window,
which is where pyqtgraph colours the images. The clock stops once every stage has been
painted with the new data (the offscreen platform has no final blit to a screen).
Medians of many repetitions; the engine's share is timed separately.

Run: ``python benchmarks/bench_gui.py [--repeats N] [--blas-threads N]``. Target: ≤ 16 ms (one 60 Hz
frame) at 512×512. The last line is
``edit-to-repaint median: 256x256 A ms, 512x512 B ms``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# --blas-threads must act before NumPy loads its BLAS, so it is read here, by hand.
if "--blas-threads" in sys.argv[:-1]:
    os.environ["OPENBLAS_NUM_THREADS"] = sys.argv[sys.argv.index("--blas-threads") + 1]
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as main.py runs the app
# Run as a script from a checkout: make the repository's packages importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget  # noqa: E402

from gui.explore.explain_panel import ExplainPanel  # noqa: E402
from gui.explore.stage_view import StageView  # noqa: E402
from gui.state import LabState  # noqa: E402

TARGET_MS = 16.0
FILTERS = 8


def test_picture(size: int) -> np.ndarray:
    """A deterministic (size, size) picture with edges in every direction, 1 = bright."""
    yy, xx = np.mgrid[0:size, 0:size] / size
    rings = 0.5 + 0.5 * np.sin(40 * np.hypot(yy - 0.5, xx - 0.5))
    squares = ((xx * 8).astype(int) + (yy * 8).astype(int)) % 2
    return np.where(xx < 0.5, rings, squares).astype(np.float32)


def build(size: int) -> tuple[QApplication, LabState, QWidget, StageView]:
    app = QApplication.instance() or QApplication([])
    state = LabState()
    state.set_source(test_picture(size))
    while len(state.filters) < FILTERS:
        state.duplicate_filter(len(state.filters) % 4)
    state.select_filter(2)
    state.recompute()
    host = QWidget()
    layout = QVBoxLayout(host)
    view = StageView(state)
    layout.addWidget(view, 3)
    layout.addWidget(ExplainPanel(state), 1)
    host.resize(1000, 800)
    host.show()
    app.processEvents()
    state.select_cell(size // 3, size // 3)
    app.processEvents()
    host.repaint()
    view.graphics.viewport().repaint()
    return app, state, host, view


def measure(size: int, repeats: int) -> dict[str, float]:
    app, state, host, view = build(size)
    index = state.selected
    values = (2.0, -1.5)
    explored = []
    state.explored.connect(explored.append)
    images = list(view.stage_images.values())
    totals, engine = [], []
    for i in range(repeats + 5):
        explored.clear()
        start = time.perf_counter()
        state.set_cell(index, 0, 1, 1, values[i % 2])
        # Run the event loop as the app would: the coalescing timer recomputes, the views
        # update their items, then Qt paints the window (pyqtgraph colours the images in
        # that paint). Stop once every stage has been painted with the new data.
        for _ in range(50):
            app.processEvents()
            if explored and not any(image._renderRequired for image in images):
                break
        else:
            view.graphics.viewport().repaint()  # never painted by the loop: paint now
        end = time.perf_counter()
        if i >= 5:  # warm-up
            totals.append(end - start)
    assert all(not image._renderRequired for image in images), \
        "a stage was not painted"
    state.blockSignals(True)
    for _ in range(repeats):
        start = time.perf_counter()
        state.recompute()
        engine.append(time.perf_counter() - start)
    state.blockSignals(False)
    host.close()
    host.deleteLater()
    app.processEvents()
    total = statistics.median(totals) * 1e3
    eng = statistics.median(engine) * 1e3
    return {"total": total, "engine": eng, "view": total - eng,
            "p90": float(np.percentile(totals, 90)) * 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--blas-threads", type=int, default=None,
                        help="set OPENBLAS_NUM_THREADS for this run (default: 1, as the app)")
    args = parser.parse_args()
    # Context for the figures: the engine's small matrix products slow down badly when
    # BLAS threads compete with other work for the cores.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.2f}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    results = {}
    for size in (256, 512):
        r = measure(size, args.repeats)
        results[size] = r
        print(f"{size}x{size}, {FILTERS} filters: median {r['total']:.1f} ms "
              f"(engine {r['engine']:.1f} ms, views + paint {r['view']:.1f} ms), "
              f"90th percentile {r['p90']:.1f} ms")
    verdict = "PASS" if results[512]["total"] <= TARGET_MS else "MISS"
    print(f"target <= {TARGET_MS:g} ms at 512x512: {verdict}")
    print(f"edit-to-repaint median: 256x256 {results[256]['total']:.1f} ms, "
          f"512x512 {results[512]['total']:.1f} ms")


if __name__ == "__main__":
    main()
