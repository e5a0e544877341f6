"""Speed of CNN Lab's NumPy engine against reference implementations, in one run.

    python benchmarks/bench_engine.py            # 1.5-3 minutes on a 2-core machine
    python benchmarks/bench_engine.py --quick    # fewer repetitions, for a smoke test
    python benchmarks/bench_engine.py --torch-python /work/venv-torch/bin/python

Both sides run on one thread, as the app does: this script sets OPENBLAS_NUM_THREADS=1
(and OMP/MKL) before NumPy loads, every worker inherits it, and the torch worker calls
``torch.set_num_threads(1)``. PyTorch is never a dependency of CNN Lab: it runs in its own
virtual environment (``python3 -m venv /work/venv-torch && /work/venv-torch/bin/pip
install torch numpy scipy``), found through ``--torch-python``, ``$CNN_LAB_TORCH_PYTHON``
or ``/work/venv-torch/bin/python``, else this interpreter if it can import torch.

Prints medians and ratios measured in the same run (timings on small shared machines
swing by up to 2x from minute to minute, so only same-run comparisons mean anything):

1. ``engine.pipeline.explore`` on a 512x512 image (8 filters 3x3, ReLU, 2x2 max pool),
   against the same stages computed on the whole image at once (the pre-band way).
2. ``engine.ops.conv2d`` of one 256x256 image with one 3x3 kernel against
   ``scipy.ndimage.correlate`` and, when importable, ``torch.nn.functional.conv2d``.
3. One training step (forward, backward, SGD update) on a batch of 64 MNIST-sized
   images, for ``build_cnn()``, ``build_cnn(filters=(16, 32))`` and
   ``engine.model.default_network()`` (two 5x5 blocks and a hidden layer), against the
   same layers in PyTorch on the CPU (built from the engine's layer specs). Each side
   runs in its own fresh process, the sides alternate, and the figure is the median over
   processes of each process's median step.
4. The allocator effect: the two-conv step with the engine's import-time mmap-threshold
   raise (``engine/_malloc.py``) against a process whose threshold is pinned at glibc's
   128 KiB default (``MALLOC_MMAP_THRESHOLD_=131072``, which also turns off glibc's
   dynamic raise).
5. Where our training step's time goes, per model: the CPU time (``time.thread_time``,
   which other processes on a busy machine do not inflate the way they do wall time) of
   each step of ``Sequential.fast_path_steps`` forward and backward, of the loss and of
   the update, medians over steps in this process.

Read the figures with the load-average lines: on a 2-core machine with other work
running, BLAS and torch threads wait for a core and medians can get several times worse.
scipy and torch are benchmark oracles only, never dependencies of CNN Lab.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

# One BLAS thread, before NumPy loads (here and, inherited, in every worker): the app runs
# so, and two threads on a busy 2-core machine can be many times slower than one.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

# Run as `python benchmarks/bench_engine.py`: Python then puts benchmarks/ on sys.path,
# not the repository root, so add the root to import `engine` and `benchmarks._common`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from benchmarks._common import (  # noqa: E402
    interleaved_blocks,
    load_line,
    machine_lines,
    median,
    run_worker,
    verdict,
)

BATCH = 64
#: name -> build_cnn(filters=...), or None for engine.model.default_network() (the
#: default network of issue 10: two 5x5 blocks and a hidden layer).
MODELS = {"default": 8, "two-conv": (16, 32), "network": None}
PINNED_MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072"}

EXPLORE_TARGET_MS = 4.0
DEFAULT_TARGET = 3.0          # ours/torch images per second, default model
TWO_CONV_TARGET = 1.8         # ours/torch images per second, two-conv model
NETWORK_TARGET = 2.0          # ours/torch images per second, the default network
DEFAULT_TORCH_PYTHON = "/work/venv-torch/bin/python"


# --- workers (each runs in a fresh process) ---------------------------------------------

def mnist_like_batch(n: int = BATCH, seed: int = 0):
    """``n`` 28x28 one-channel float32 images shaped like MNIST digits: a zero border and
    background (so max-pool windows tie, as on real digits) with sparse bright strokes in
    the central 20x20, and labels 0..9. Identical for the NumPy and the torch worker."""
    rng = np.random.default_rng(seed)
    x = np.zeros((n, 1, 28, 28), dtype=np.float32)
    strokes = rng.random((n, 1, 20, 20)) < 0.25
    x[:, :, 4:24, 4:24] = strokes * rng.uniform(0.3, 1.0, (n, 1, 20, 20))
    y = rng.integers(0, 10, n)
    return x, y


def _minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def _heap_or_mmap(array: np.ndarray) -> str:
    """Where glibc put ``array``'s buffer: in the brk heap (mmap threshold above its size)
    or in a mapping of its own (below)."""
    address = array.ctypes.data
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                if line.rstrip().endswith("[heap]"):
                    low, high = (int(v, 16) for v in line.split()[0].split("-"))
                    if low <= address < high:
                        return "heap"
    except OSError:
        return "unknown"
    return "mmap"


def _time_steps(step, steps: int, warmup: int) -> tuple[list[float], float]:
    for _ in range(warmup):
        step()
    times = []
    clock = time.perf_counter
    faults = _minor_faults()
    for _ in range(steps):
        start = clock()
        step()
        times.append(clock() - start)
    return times, (_minor_faults() - faults) / steps


def worker_numpy(filters, steps: int, warmup: int) -> dict:
    import engine  # noqa: F401  (the import raises the mmap threshold, engine/_malloc.py)

    # Right after import, before any step: is a fresh 1 MiB buffer served from the heap?
    # The probe stays alive until the end: freeing a mapped block would itself raise
    # glibc's dynamic threshold and flatter the figures below.
    probe = np.empty(1 << 20, dtype=np.uint8)
    placement = _heap_or_mmap(probe)

    from engine.optim import SGD
    from engine.train import train_step

    x, y = mnist_like_batch()
    model = engine_model(filters)
    optimizer = SGD(0.01)
    times, faults = _time_steps(lambda: train_step(model, optimizer, x, y), steps, warmup)
    del probe
    return {"step_s": median(times), "faults_per_step": faults, "mib_buffer_in": placement}


def engine_model(filters):
    """The engine's model of a :data:`MODELS` entry."""
    from engine.model import build_cnn, default_network

    return default_network() if filters is None else build_cnn(filters=filters)


def torch_model(layer_specs):
    """The same layers in PyTorch, from the engine's layer specs (engine.architecture)."""
    from torch import nn

    def build(spec):
        kind = spec["type"]
        if kind == "Conv2D":
            return nn.Conv2d(spec["in_channels"], spec["out_channels"],
                             tuple(spec["kernel_size"]), tuple(spec["stride"]),
                             tuple(spec["padding"]), tuple(spec.get("dilation", (1, 1))))
        if kind == "Dense":
            return nn.Linear(spec["in_features"], spec["out_features"])
        if kind in ("MaxPool2D", "AvgPool2D"):
            pool = nn.MaxPool2d if kind == "MaxPool2D" else nn.AvgPool2d
            return pool(tuple(spec["size"]), tuple(spec["stride"]))
        return {"ReLU": nn.ReLU, "Flatten": nn.Flatten}[kind]()

    return nn.Sequential(*(build(spec) for spec in layer_specs))


def worker_torch(filters, steps: int, warmup: int) -> dict:
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(0)
    # The engine (NumPy only) describes the layers; torch builds its own.
    model = torch_model(engine_model(filters).architecture())
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x_np, y_np = mnist_like_batch()
    x, y = torch.from_numpy(x_np), torch.from_numpy(y_np)

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    times, faults = _time_steps(step, steps, warmup)
    return {"step_s": median(times), "faults_per_step": faults,
            "threads": torch.get_num_threads(), "version": torch.__version__}


def worker_main(argv) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=["numpy", "torch"], required=True)
    parser.add_argument("--model", choices=sorted(MODELS), required=True)
    parser.add_argument("--steps", type=int, default=120)
    parser.add_argument("--warmup", type=int, default=15)
    args = parser.parse_args(argv)
    run = worker_numpy if args.worker == "numpy" else worker_torch
    result = run(MODELS[args.model], args.steps, args.warmup)
    print(json.dumps(result))
    return 0


# --- in-process benchmarks -----------------------------------------------------------------

def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f} ms"


def bench_explore(runs: int, summary: list[str]) -> None:
    from engine import ops
    from engine.pipeline import explore

    rng = np.random.default_rng(0)
    image = rng.random((512, 512), dtype=np.float32)
    filters = rng.standard_normal((8, 3, 3)).astype(np.float32)

    def whole_image():
        # The same stages on the whole image at once, as explore ran before its bands.
        conv, _ = ops.conv2d_chwn(image[None, :, :, None], filters[:, None])
        activated = np.maximum(conv[..., 0], 0)
        return ops.max_pool(activated, 2, 2, axis=1)

    result = explore(image, filters, stride=1, activation="relu", pool="max", pool_size=2)
    assert result.pooled.shape == (8, 255, 255), result.pooled.shape
    np.testing.assert_allclose(result.pooled, whole_image(), rtol=1e-5, atol=1e-5)
    times = interleaved_blocks(
        {"explore": lambda: explore(image, filters, stride=1, activation="relu",
                                    pool="max", pool_size=2),
         "whole": whole_image},
        rounds=5, block=max(1, runs // 5), warmup=5)
    t, whole = median(times["explore"]), median(times["whole"])
    ok = t * 1e3 <= EXPLORE_TARGET_MS
    print(f"  explore 512x512, 8 filters 3x3, ReLU, 2x2 max pool: median {ms(t)} "
          f"(min {ms(min(times['explore']))}, {runs} runs)")
    print(f"  same stages on the whole image at once: median {ms(whole)} "
          f"(explore is {whole / t:.2f}x as fast)")
    print(f"  target <= {EXPLORE_TARGET_MS:.0f} ms: {verdict(ok)}")
    summary.append(f"explore 512x512 median            {t * 1e3:8.3f} ms  "
                   f"(target <= {EXPLORE_TARGET_MS:.0f} ms; whole-image way {whole * 1e3:.3f} "
                   f"ms) {verdict(ok)}")


def bench_conv2d(runs: int, summary: list[str]) -> None:
    from scipy import ndimage

    from engine import ops

    rng = np.random.default_rng(1)
    x = rng.random((1, 1, 256, 256), dtype=np.float32)
    k = rng.standard_normal((1, 1, 3, 3)).astype(np.float32)
    image, kernel = x[0, 0], k[0, 0]

    ours = ops.conv2d(x, k)[0, 0]                      # (254, 254), valid cells only
    theirs = ndimage.correlate(image, kernel, mode="constant")[1:-1, 1:-1]
    assert ours.shape == theirs.shape == (254, 254)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
    candidates = {
        "engine.ops.conv2d": lambda: ops.conv2d(x, k),
        "scipy.ndimage.correlate": lambda: ndimage.correlate(image, kernel, mode="constant"),
    }
    agree = ["scipy (valid region)"]
    torch_version = None
    try:
        import torch
        import torch.nn.functional as F  # noqa: N812

        torch.set_num_threads(1)

        tx, tk = torch.from_numpy(x), torch.from_numpy(k)
        np.testing.assert_allclose(ours, F.conv2d(tx, tk).numpy()[0, 0], rtol=1e-5,
                                   atol=1e-5)
        agree.append("torch")
        torch_version = f"{torch.__version__}, {torch.get_num_threads()} threads"

        def torch_inference():
            with torch.inference_mode():
                return F.conv2d(tx, tk)

        candidates["torch conv2d"] = lambda: F.conv2d(tx, tk)
        candidates["torch conv2d (inference_mode)"] = torch_inference
    except ImportError:
        pass
    print(f"  results agree (rtol 1e-5) with: {', '.join(agree)}"
          + (f"; torch {torch_version}" if torch_version else "; torch not installed"))
    # Blocks of calls with a pause between candidates: in one process, NumPy's OpenBLAS
    # threads keep spinning after a call and would otherwise slow torch's threads.
    times = interleaved_blocks(candidates, rounds=8, block=max(1, runs // 8), warmup=10)
    medians = {name: median(values) for name, values in times.items()}
    base = medians["engine.ops.conv2d"]
    for name, t in medians.items():
        ratio = "" if name == "engine.ops.conv2d" else f"  ours is {t / base:5.2f}x as fast"
        print(f"  {name:32s} median {ms(t)}{ratio}")
    references = [name for name in medians if name != "engine.ops.conv2d"]
    ok = all(base < medians[name] for name in references)
    print(f"  target: faster than every reference: {verdict(ok)}")
    ratios = ", ".join(f"{name} {medians[name] / base:.2f}x" for name in references)
    summary.append(f"conv2d 256x256 3x3 median           {base * 1e3:8.3f} ms  "
                   f"(speed-up vs {ratios}) {verdict(ok)}")


# --- cross-process benchmarks --------------------------------------------------------------

def find_torch_python(given: str | None) -> str | None:
    """An interpreter that can import torch: ``given``, ``$CNN_LAB_TORCH_PYTHON``, the
    default venv, or this one; None when none can."""
    candidates = [given, os.environ.get("CNN_LAB_TORCH_PYTHON"), DEFAULT_TORCH_PYTHON,
                  sys.executable]
    for python in candidates:
        if not python or not Path(python).exists():
            continue
        done = subprocess.run([python, "-c", "import torch"], capture_output=True,
                              check=False, timeout=120)
        if done.returncode == 0:
            return python
    return None


def bench_training(processes: int, steps: int, warmup: int, summary: list[str],
                   torch_python: str | None) -> None:
    script = str(Path(__file__).resolve())
    have_torch = torch_python is not None
    if have_torch:
        print(f"  torch runs in {torch_python}")
    else:
        print("  no interpreter with torch found (see --torch-python): NumPy figures only")

    jobs = []  # (label, worker args, extra env)
    for name in MODELS:
        jobs.append((f"numpy {name}", ["numpy", "--model", name], None))
        if have_torch:
            jobs.append((f"torch {name}", ["torch", "--model", name], None))
    pythons = {f"torch {name}": torch_python for name in MODELS}
    jobs.append(("numpy two-conv, malloc pinned", ["numpy", "--model", "two-conv"],
                 PINNED_MALLOC_ENV))
    pinned_steps = max(10, steps // 2)  # about 3x slower per step; keeps the run short

    results: dict[str, list[dict]] = {label: [] for label, _, _ in jobs}
    started = time.perf_counter()
    for rep in range(processes):
        # Rotate the order each round so no job always runs first or right after torch.
        shift = rep % len(jobs)
        for label, args, env in jobs[shift:] + jobs[:shift]:
            count = pinned_steps if env else steps
            out = run_worker(script, [*args, "--steps", str(count),
                                      "--warmup", str(warmup)], env,
                             python=pythons.get(label))
            if "error" in out:
                print(f"  {label}: worker failed: {out['error']}")
                continue
            results[label].append(out)
    print(f"  {processes} rounds x {len(jobs)} fresh processes, {steps} timed steps each "
          f"({pinned_steps} when pinned) after {warmup} warm-up, batch {BATCH} "
          f"({time.perf_counter() - started:.0f} s)")

    def step_median(label):
        runs = results[label]
        return median([r["step_s"] for r in runs]) if runs else float("nan")

    def faults(label):
        runs = results[label]
        return median([r["faults_per_step"] for r in runs]) if runs else float("nan")

    print()
    print(f"  {'':32s} {'step':>10s} {'images/s':>10s} {'faults/step':>12s}   per process")
    for label, _, _ in jobs:
        t = step_median(label)
        each = " ".join(f"{r['step_s'] * 1e3:.2f}" for r in results[label])
        print(f"  {label:32s} {t * 1e3:7.3f} ms {BATCH / t:10.0f} {faults(label):12.1f}   "
              f"[{each}] ms")
    if have_torch and results["torch default"]:
        first = results["torch default"][0]
        print(f"  (torch {first['version']}, {first['threads']} threads)")

    print()
    for name, target, wording in (
            ("default", DEFAULT_TARGET, f">= {DEFAULT_TARGET:.1f}x torch's images/s"),
            ("two-conv", TWO_CONV_TARGET, f">= {TWO_CONV_TARGET:.1f}x torch's images/s"),
            ("network", NETWORK_TARGET, f">= {NETWORK_TARGET:.1f}x torch's images/s")):
        ours = BATCH / step_median(f"numpy {name}")
        line = f"train step {name:8s} numpy {ours:8.0f} img/s"
        if have_torch:
            theirs = BATCH / step_median(f"torch {name}")
            ratio = ours / theirs
            ok = ratio >= target
            print(f"  {name:8s}: ours/torch images per second = {ratio:.2f} "
                  f"(torch time / our time); target {wording}: {verdict(ok)}")
            line += f", torch {theirs:8.0f} img/s, ours/torch {ratio:5.2f} ({wording}) " \
                    f"{verdict(ok)}"
        summary.append(line)

    # The allocator effect, from the interleaved two-conv runs above.
    raised, pinned = "numpy two-conv", "numpy two-conv, malloc pinned"
    if results[raised] and results[pinned]:
        t_raised, t_pinned = step_median(raised), step_median(pinned)
        where_raised = results[raised][0]["mib_buffer_in"]
        where_pinned = results[pinned][0]["mib_buffer_in"]
        print()
        print("  glibc mmap threshold, two-conv step:")
        print(f"    after `import engine` a fresh 1 MiB buffer lives in: {where_raised} "
              f"(pinned at 128 KiB: {where_pinned})")
        if where_raised != "heap":
            print("    WARNING: the import-time raise in engine/_malloc.py did not take effect "
                  "(glibc only adopts a freed mmapped chunk strictly below 32 MiB as the new "
                  "threshold); only glibc's own dynamic raise on later frees helps here")
        if not faults(pinned) > 2 * faults(raised) + 10:
            print("    WARNING: pinning the threshold did not add page faults; the comparison "
                  "below shows no allocator effect")
        print(f"    engine as imported {ms(t_raised)} ({faults(raised):.0f} page faults/step); "
              f"pinned at 128 KiB {ms(t_pinned)} ({faults(pinned):.0f} faults/step); "
              f"pinned/as-imported = {t_pinned / t_raised:.2f}x")
        summary.append(f"malloc effect two-conv step        {t_raised * 1e3:8.3f} ms as imported "
                       f"({faults(raised):.0f} faults/step, 1 MiB in {where_raised}) vs "
                       f"{t_pinned * 1e3:.3f} ms pinned at 128 KiB "
                       f"({faults(pinned):.0f} faults/step): {t_pinned / t_raised:.2f}x")


def _step_names(model, step) -> str:
    return " + ".join(f"{index} {type(model.layers[index]).__name__}" for index in step)


def bench_breakdown(steps: int, warmup: int) -> None:
    """Median CPU time of each fast-path step of a training step, forward and backward
    (the same calls Sequential.forward and backward make, timed one by one)."""
    from engine import ops
    from engine.layers import nchw_to_chwn
    from engine.losses import softmax_cross_entropy
    from engine.optim import SGD

    clock = time.thread_time
    x, y = mnist_like_batch()
    for name, filters in MODELS.items():
        model, optimizer = engine_model(filters), SGD(0.01)
        plan = model.fast_path_steps()
        forward = [[] for _ in plan]
        backward = [[] for _ in plan]
        loss_times, update_times, totals = [], [], []
        for _ in range(warmup + steps):
            start = clock()
            h = np.ascontiguousarray(nchw_to_chwn(ops._float_array(x)))
            for k, step in enumerate(plan):
                began = clock()
                layers = [model.layers[index] for index in step]
                h = (layers[0].forward_max_pool_chwn(h, layers[1]) if len(step) == 2
                     else layers[0].forward_chwn(h))
                forward[k].append(clock() - began)
            began = clock()
            _, grad = softmax_cross_entropy(h, y)
            loss_times.append(clock() - began)
            for k in range(len(plan) - 1, -1, -1):
                began = clock()
                grad = model.layers[plan[k][0]].backward_chwn(grad, need_input_grad=k > 0)
                backward[k].append(clock() - began)
            began = clock()
            optimizer.step(model)
            update_times.append(clock() - began)
            totals.append(clock() - start)
        kept = slice(warmup, None)
        print(f"  {name} (median CPU time per training step {ms(median(totals[kept]))}):")
        for k, step in enumerate(plan):
            print(f"    {_step_names(model, step):28s} forward {ms(median(forward[k][kept]))}"
                  f"  backward {ms(median(backward[k][kept]))}")
        print(f"    {'loss (softmax cross-entropy)':28s} {ms(median(loss_times[kept]))}")
        print(f"    {'SGD update':28s} {ms(median(update_times[kept]))}")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--worker" in argv:
        return worker_main(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (a smoke test, not a measurement)")
    parser.add_argument("--torch-python", help="an interpreter that can import torch "
                        f"(default: $CNN_LAB_TORCH_PYTHON or {DEFAULT_TORCH_PYTHON})")
    args = parser.parse_args(argv)
    processes, steps, warmup = (2, 40, 5) if args.quick else (5, 120, 15)
    runs = 10 if args.quick else 50

    started = time.perf_counter()
    summary: list[str] = []
    print("CNN Lab engine benchmark")
    for line in machine_lines():
        print(f"  {line}")
    import engine  # noqa: F401  (same import-time allocator set-up as the app)

    print("\n1. explore (engine.pipeline.explore)")
    bench_explore(runs, summary)
    print("\n2. conv2d of one (1, 1, 256, 256) image with one 3x3 kernel")
    bench_conv2d(runs * 4, summary)
    print("\n3./4. training step (forward, backward, SGD update), fresh process per run")
    bench_training(processes, steps, warmup, summary, find_torch_python(args.torch_python))
    print("\n5. where our training step's CPU time goes (fast-path steps, this process)")
    bench_breakdown(steps, warmup)

    print(f"\nSummary (total {time.perf_counter() - started:.0f} s; medians of this run)")
    for line in summary:
        print(f"  {line}")
    print(f"  {load_line()} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
