"""How fast the Network page follows a new image, and the forward pass behind it.

1. Forward with every activation kept (:func:`engine.units.forward_all`: the model's
   textbook forward pass, every layer's output and the softmax) for one 28×28 image, for
   the default network (:func:`engine.model.default_network`, the one the Train page and
   the command line start from) and a smaller one (8, 16 filters, 32 hidden).
2. State image change to the page fully repainted: a real :class:`NetworkPage` at
   1280×760 (offscreen, one BLAS thread as the app runs), the default network, with a
   convolution unit of the second block selected, so the detail panel shows its
   per-channel arithmetic too.
   ``refresh + repaint``: :meth:`NetworkPage.refresh` (forward pass, colour pictures,
   layout, the clicked unit's arithmetic) then a synchronous repaint of the whole page.
   ``end to end``: from ``state.set_classify_input`` until the page has painted, through
   the event loop, for changes 20 ms apart (a change within a frame of the last refresh
   waits for the next frame: that is how a pen stroke's changes are coalesced).

Run: ``python benchmarks/bench_network_page.py [--repeats N]``. Target (issue 10): the
forward pass of the default model <= 2 ms; a change to the page fully repainted, median
<= 16 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from gui.process_environment import set_process_environment  # noqa: E402 (no Qt in it)

set_process_environment()  # before NumPy and Qt load, as main.py runs the app

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks._common import median, time_calls  # noqa: E402
from engine import units  # noqa: E402
from engine.model import build_cnn, default_network  # noqa: E402


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.2f} ms"


def bench_forward(repeats: int) -> None:
    rng = np.random.default_rng(0)
    image = rng.random((1, 28, 28)).astype(np.float32)
    for name, model in (("default network", default_network()),
                        ("small (8, 16) + 32 hidden", build_cnn(filters=(8, 16), hidden=32))):
        times = time_calls(lambda m=model: units.forward_all(m, image), repeats * 10)
        print(f"forward_all, {name:30s} median {_ms(median(times))}  "
              f"(90th pct {_ms(float(np.percentile(times, 90)))})")


def bench_page(repeats: int) -> None:
    from gui.network.page import NetworkPage
    from gui.state import LabState

    app = QApplication.instance() or QApplication([])
    state = LabState()
    state.set_model(default_network())
    rng = np.random.default_rng(1)
    images = [(rng.random((28, 28)) > 0.7).astype(np.float32) for _ in range(8)]
    state.set_classify_input(images[0])
    page = NetworkPage(state)
    page.resize(1280, 760)
    page.show()
    for _ in range(5):
        app.processEvents()
    page.refresh()
    page.select_unit(3, (5, 5, 5))
    for _ in range(5):
        app.processEvents()

    direct = []
    for i in range(repeats):
        state._classify_input = images[i % len(images)][None]  # no signal: timed by hand
        start = time.perf_counter()
        page.refresh()
        page.repaint()
        direct.append(time.perf_counter() - start)

    through_loop = []
    for i in range(repeats):
        time.sleep(0.02)  # a separate change, not part of a stroke: no frame to wait for
        app.processEvents()
        paints, refreshes = page.view.paints, page.refreshes
        start = time.perf_counter()
        state.set_classify_input(images[(i + 3) % len(images)])
        while not (page.refreshes > refreshes and page.view.paints > paints):
            app.processEvents()
        app.processEvents()  # the rest of the page (the detail) paints in this pass
        through_loop.append(time.perf_counter() - start)
    print(f"image change -> refresh + repaint (1280x760)  median {_ms(median(direct))}  "
          f"(90th pct {_ms(float(np.percentile(direct, 90)))})")
    print(f"image change -> painted, end to end          median {_ms(median(through_loop))}"
          f"  (90th pct {_ms(float(np.percentile(through_loop, 90)))})")
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    bench_forward(args.repeats)
    bench_page(args.repeats)


if __name__ == "__main__":
    main()
