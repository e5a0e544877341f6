"""Speed of switching a filter off in the app: from the click to the new test accuracy
and confusion matrix on screen, in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_network_insight.py          # ~30 s
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_network_insight.py --quick

On one BLAS thread, as the app runs, with :func:`engine.model.default_network` (its weights
as initialised: speed does not depend on them) and the bundled MNIST's 1,000 test images,
in a :class:`gui.network.switch_off.SwitchOffPanel` shown at 1000x520:

1. a filter of the first or second convolution switched off by its button, until the
   panel shows the accuracy and the confusion matrix with the changed cells marked and
   has repainted (the evaluation runs in the app's worker), target <= 200 ms (issue 10),
   beside, timed in turn with it, the engine alone: what the panel runs
   (:class:`engine.analysis.SwitchOffEvaluator`, the whole network's outputs kept, only
   what the switch changes recomputed) and the plain
   :func:`engine.analysis.evaluate_switched_off` (every layer of the zeroed network);
2. for information: a hidden unit switched off the same way.

Prints medians (and the load average: on the shared 2-core machine other work can make
every figure several times slower).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gui.process_environment import set_process_environment  # noqa: E402 (no Qt in it)

set_process_environment()  # before NumPy and Qt load, as main.py runs the app

from benchmarks._common import load_line, machine_lines, median, verdict  # noqa: E402

SWITCH_OFF_TARGET_MS = 200.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs = 8 if args.quick else 24

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from engine import analysis, datasets
    from engine.model import default_network
    from gui.network.insight_parts import unit_layers
    from gui.network.switch_off import SwitchOffPanel
    from gui.state import LabState

    app = QApplication.instance() or QApplication([])
    print("CNN Lab: switching units off, click to screen")
    for line in machine_lines():
        print(f"  {line}")
    data = datasets.load("mnist")
    model = default_network(data.input_shape, data.num_classes, class_names=data.class_names)
    state = LabState()
    state.set_model(model)
    state.set_test_set(data)
    panel = SwitchOffPanel(state)
    panel.resize(1000, 520)
    panel.show()

    def settle() -> None:
        """Run the event loop until the panel's measurement has arrived."""
        if not panel.job.busy:
            app.processEvents()
            return
        loop = QEventLoop()
        panel.job.busy_changed.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        panel.job.busy_changed.disconnect(loop.quit)
        app.processEvents()

    settle()  # the whole network's figures, measured once
    layers = {info.kind + str(info.number): info for info in unit_layers(model)}

    def click_to_screen(layer: int, unit: int) -> float:
        start = time.perf_counter()
        panel.buttons[(layer, unit)].click()
        settle()
        panel.repaint()
        seconds = time.perf_counter() - start
        assert panel.marks.change.shape == (10, 10)
        panel.buttons[(layer, unit)].click()  # back on: the known figures, no worker
        settle()
        return seconds

    x, y = data.x_test, data.y_test
    evaluator = analysis.SwitchOffEvaluator(model, x, y)
    evaluator.evaluate({})  # keeps the whole network's outputs, as the panel's first one
    shown, engine_alone, evaluator_alone = [], [], []
    for run in range(runs):
        info = layers["conv1"] if run % 2 == 0 else layers["conv2"]
        unit = (run // 2) % info.count
        shown.append(click_to_screen(info.layer, unit))
        start = time.perf_counter()
        analysis.evaluate_switched_off(model, x, y, {info.layer: [unit]})
        engine_alone.append(time.perf_counter() - start)
        start = time.perf_counter()
        evaluator.evaluate({info.layer: [unit]})
        evaluator_alone.append(time.perf_counter() - start)
    hidden = layers["hidden1"]
    hidden_times = [click_to_screen(hidden.layer, unit) for unit in range(max(4, runs // 3))]

    on_screen, alone = median(shown) * 1e3, median(engine_alone) * 1e3
    kept = median(evaluator_alone) * 1e3
    ok = on_screen <= SWITCH_OFF_TARGET_MS
    print(f"\n1. a convolution filter off, click to accuracy + confusion on screen ({len(x)} "
          f"test images): median {on_screen:.1f} ms (engine alone: SwitchOffEvaluator "
          f"{kept:.1f} ms, evaluate_switched_off {alone:.1f} ms); target <= "
          f"{SWITCH_OFF_TARGET_MS:.0f} ms: {verdict(ok)}")
    print(f"2. a hidden unit off, click to screen: median {median(hidden_times) * 1e3:.1f} ms")
    print("\nSummary (medians of this run)")
    print(f"  switch a filter off, to screen  {on_screen:8.1f} ms  (target <= "
          f"{SWITCH_OFF_TARGET_MS:.0f} ms) {verdict(ok)}")
    print(f"  SwitchOffEvaluator alone        {kept:8.1f} ms")
    print(f"  evaluate_switched_off alone     {alone:8.1f} ms  (every layer, for reference)")
    print(f"  switch a hidden unit off        {median(hidden_times) * 1e3:8.1f} ms")
    print(f"  {load_line()} at the end")
    panel.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
