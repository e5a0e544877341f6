"""The default network and training on the bundled MNIST: test accuracy and time.

    python benchmarks/bench_default_training.py              # one run, about 15-60 s
    python benchmarks/bench_default_training.py --runs 3     # three seeds, medians

Trains :func:`engine.model.default_network` with :data:`engine.train.DEFAULT_TRAINING`
through :func:`engine.train.train_with` (what ``python -m engine.train`` and the Train
page's defaults run: 10 % of the training images held out for validation), on one BLAS
thread as the app runs, and prints for every run the test accuracy on the 1,000 test
images, the wall time, the epochs and the median time per epoch, then the medians over
runs against issue 10's targets (>= 98.5 % in <= 30 s, long enough to watch: several
epochs). It also prints :func:`engine.costs.estimate_epoch_seconds` (from
:func:`engine.train.measure_training_speed`) beside the measured epoch time.

Each run starts with a different seed (0, 1, 2, ...), in this process. The load average
is printed before and after: on the shared 2-core machine other work can make every
figure several times slower.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import load_line, machine_lines, median, verdict  # noqa: E402

TARGET_ACCURACY = 0.985
TARGET_SECONDS = 30.0
MIN_EPOCHS = 5


def uptime() -> str:
    try:
        with open("/proc/uptime", encoding="utf-8") as handle:
            up = float(handle.read().split()[0])
    except OSError:
        up = float("nan")
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    return f"up {up / 3600:.1f} h, load average: {load}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs, each with its own seed")
    args = parser.parse_args(argv)

    from engine import architecture, costs, datasets
    from engine.model import default_network
    from engine.train import DEFAULT_TRAINING, evaluate, measure_training_speed, train_with

    print("CNN Lab default training benchmark")
    for line in machine_lines():
        print(f"  {line}")
    print(f"  uptime      {uptime()}")
    data = datasets.load("mnist")
    print(f"  network     {architecture.DEFAULT_BLOCKS} hidden {architecture.DEFAULT_HIDDEN}")
    print(f"  training    {DEFAULT_TRAINING}")
    print(f"  data        {len(data.x_train)} training images (of which "
          f"{DEFAULT_TRAINING.validation_fraction:.0%} held out), {len(data.x_test)} test")

    model = default_network(data.input_shape, data.num_classes)
    summary = model.summary()
    speed = measure_training_speed()
    kept = round(len(data.x_train) * (1 - DEFAULT_TRAINING.validation_fraction))
    estimate = costs.estimate_epoch_seconds(summary, kept, speed,
                                                   len(data.x_train) - kept)
    print(f"  estimate    {estimate:.2f} s per epoch ({speed / 1e9:.2f} GFLOP/s measured, "
          f"{costs.training_flops(summary) / 1e6:.2f} MFLOP per training image)")

    accuracies, walls, epochs, per_epoch = [], [], [], []
    for run in range(args.runs):
        settings = replace(DEFAULT_TRAINING, seed=DEFAULT_TRAINING.seed + run)
        model = default_network(data.input_shape, data.num_classes, seed=settings.seed)
        marks: list[float] = []
        start = time.perf_counter()
        history = train_with(model, data.x_train, data.y_train, settings,
                             on_epoch=lambda _history, marks=marks: marks.append(
                                 time.perf_counter()))
        wall = time.perf_counter() - start
        accuracy = evaluate(model, data.x_test, data.y_test).accuracy
        times = [b - a for a, b in zip([start, *marks[:-1]], marks, strict=True)]
        accuracies.append(accuracy)
        walls.append(wall)
        epochs.append(history.epochs_completed)
        per_epoch.append(median(times))
        print(f"  run {run + 1} (seed {settings.seed}): test accuracy {accuracy:.2%}, "
              f"{wall:.1f} s, {history.epochs_completed} epochs, median epoch "
              f"{median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}); "
              f"{load_line().split(None, 2)[2]}")

    accuracy, wall = median(accuracies), median(walls)
    print(f"\nSummary over {args.runs} run(s) (medians)")
    print(f"  test accuracy {accuracy:.2%} (target >= {TARGET_ACCURACY:.1%}): "
          f"{verdict(accuracy >= TARGET_ACCURACY)}; every run: "
          f"{', '.join(f'{a:.2%}' for a in accuracies)}")
    print(f"  wall time     {wall:.1f} s (target <= {TARGET_SECONDS:.0f} s): "
          f"{verdict(wall <= TARGET_SECONDS)}")
    print(f"  epochs        {median(epochs):.0f} (at least {MIN_EPOCHS}, to watch): "
          f"{verdict(median(epochs) >= MIN_EPOCHS)}")
    print(f"  epoch time    {median(per_epoch):.2f} s measured, {estimate:.2f} s estimated "
          f"(estimate/measured {estimate / median(per_epoch):.2f})")
    print(f"  uptime        {uptime()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
