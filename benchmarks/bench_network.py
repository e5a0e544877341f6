"""Speed of looking inside the default network (engine.analysis), in one run.

    python benchmarks/bench_network.py            # about 30 s
    python benchmarks/bench_network.py --quick    # fewer repetitions

On one BLAS thread, as the app runs, with :func:`engine.model.default_network` (its
weights as initialised: speed does not depend on them) and the bundled MNIST test images:

1. every layer's activations of one 28x28 image (``Sequential.activations``), target
   <= 2 ms (issue 10), beside the plain prediction of the same image;
2. switching a filter off, to the updated test accuracy and confusion matrix on the
   1,000 test images (:func:`engine.analysis.evaluate_switched_off`), target <= 200 ms,
   beside :func:`engine.train.evaluate` of the unchanged model;
3. for information: the input gradient of one image, its occlusion map (5x5 patch,
   stride 2), and the 9 test images that excite a second-block filter most.

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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import load_line, machine_lines, median, verdict  # noqa: E402

ACTIVATIONS_TARGET_MS = 2.0
SWITCH_OFF_TARGET_MS = 200.0


def timed(function, runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs = 20 if args.quick else 100
    slow_runs = 5 if args.quick else 15

    from engine import analysis, datasets
    from engine.model import default_network
    from engine.train import evaluate

    print("CNN Lab network inspection benchmark")
    for line in machine_lines():
        print(f"  {line}")
    data = datasets.load("mnist")
    model = default_network(data.input_shape, data.num_classes)
    image = data.x_test[0]
    x, y = data.x_test[:1000], data.y_test[:1000]
    summary = []

    every = median(timed(lambda: model.activations(image), runs)) * 1e3
    plain = median(timed(lambda: model.predict_proba(image[None]), runs)) * 1e3
    ok = every <= ACTIVATIONS_TARGET_MS
    print(f"\n1. every layer's activations, one 28x28 image: median {every:.3f} ms "
          f"(prediction alone {plain:.3f} ms); target <= {ACTIVATIONS_TARGET_MS:.0f} ms: "
          f"{verdict(ok)}")
    summary.append(f"activations of one image   {every:8.3f} ms  (target <= "
                   f"{ACTIVATIONS_TARGET_MS:.0f} ms) {verdict(ok)}")

    off = {0: [3]}
    switched = median(timed(lambda: analysis.evaluate_switched_off(model, x, y, off),
                            slow_runs)) * 1e3
    unchanged = median(timed(lambda: evaluate(model, x, y), slow_runs)) * 1e3
    ok = switched <= SWITCH_OFF_TARGET_MS
    print(f"2. filter 4 of layer 1 off, accuracy + confusion on {len(x)} images: median "
          f"{switched:.1f} ms (evaluate unchanged {unchanged:.1f} ms); target <= "
          f"{SWITCH_OFF_TARGET_MS:.0f} ms: {verdict(ok)}")
    summary.append(f"switch off, 1000 images    {switched:8.1f} ms  (target <= "
                   f"{SWITCH_OFF_TARGET_MS:.0f} ms) {verdict(ok)}")

    gradient = median(timed(lambda: analysis.input_gradient(model, image, 3), runs)) * 1e3
    occlusion = median(timed(lambda: analysis.occlusion_map(model, image, 3), slow_runs))
    top = median(timed(lambda: analysis.top_activating(model, x, 4, 5), slow_runs))
    print(f"3. input gradient of one image {gradient:.3f} ms; occlusion map (5x5 patch, "
          f"stride 2) {occlusion * 1e3:.1f} ms; top 9 of {len(x)} images for a "
          f"second-block filter {top * 1e3:.1f} ms")
    summary.append(f"input gradient             {gradient:8.3f} ms")
    summary.append(f"occlusion 5x5 stride 2     {occlusion * 1e3:8.1f} ms")
    summary.append(f"top-9 of 1000 images       {top * 1e3:8.1f} ms")

    print("\nSummary (medians of this run)")
    for line in summary:
        print(f"  {line}")
    print(f"  {load_line()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
