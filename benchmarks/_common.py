"""Shared helpers for the benchmarks: interleaved median timing, fresh-process workers,
a description of the machine.

Timing on small shared machines swings by up to 2x from minute to minute, so every
comparison here is made within one run: candidates are timed in turn (round-robin, not
one block after another) and summarised by medians.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

# Environment variables that change how fast the numeric libraries and Qt's painting run;
# printed, never set.
PERF_ENV_VARS = (
    "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
    "MALLOC_TOP_PAD_", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES", "QT_NO_GUI_THREADPOOL",
)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def time_calls(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    """Seconds taken by each of ``runs`` calls of ``fn``, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    clock = time.perf_counter
    for _ in range(runs):
        start = clock()
        fn()
        times.append(clock() - start)
    return times


def interleaved_times(candidates: dict[str, Callable[[], object]], runs: int,
                      warmup: int = 3) -> dict[str, list[float]]:
    """Time every candidate ``runs`` times, one call of each in turn, so that a slow
    minute on the machine hits all of them alike. Returns seconds per call."""
    for fn in candidates.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    clock = time.perf_counter
    for _ in range(runs):
        for name, fn in candidates.items():
            start = clock()
            fn()
            times[name].append(clock() - start)
    return times


def interleaved_blocks(candidates: dict[str, Callable[[], object]], rounds: int, block: int,
                       warmup: int = 3, pause: float = 0.15) -> dict[str, list[float]]:
    """Like :func:`interleaved_times`, but each turn is a block of ``block`` calls followed
    by a short pause. OpenBLAS worker threads spin for a while after each call; the pause
    lets them sleep, so one candidate's spinning threads do not steal the cores of the
    next (torch's own threads, say) within a process. Returns seconds per call."""
    for fn in candidates.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    clock = time.perf_counter
    for _ in range(rounds):
        for name, fn in candidates.items():
            time.sleep(pause)
            fn()  # first call after the pause wakes the threads; not timed
            for _ in range(block):
                start = clock()
                fn()
                times[name].append(clock() - start)
    return times


def run_worker(script: str, args: Sequence[str], env_extra: dict[str, str] | None = None,
               timeout: float = 120.0, python: str | None = None) -> dict:
    """Run ``python script --worker ARGS`` in a fresh process (``python`` defaults to this
    interpreter); it must print one JSON object on its last stdout line, which is
    returned. Failures return ``{"error": ...}``."""
    env = dict(os.environ)
    if env_extra:
        env.update(env_extra)
    command = [python or sys.executable, script, "--worker", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"error": f"exit code {done.returncode}: {tail}"}
    try:
        return json.loads(lines[-1])
    except ValueError:
        return {"error": f"unreadable worker output: {lines[-1][:200]}"}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def blas_description() -> str:
    """NumPy's BLAS as its build reports it, plus threadpoolctl's view when installed."""
    import numpy as np

    parts = []
    try:
        config = np.show_config(mode="dicts")
        blas = config.get("Build Dependencies", {}).get("blas", {})
        name = blas.get("name", "?")
        version = blas.get("version", "?")
        parts.append(f"{name} {version}")
        if blas.get("openblas configuration"):
            parts.append(f"({blas['openblas configuration']})")
    except Exception as error:  # noqa: BLE001 (only a description; never fatal)
        parts.append(f"unknown ({type(error).__name__})")
    threads = openblas_threads()
    if threads is not None:
        parts.append(f"{threads} BLAS threads")
    try:
        import threadpoolctl

        for pool in threadpoolctl.threadpool_info():
            parts.append(f"[threadpoolctl: {pool.get('internal_api')} "
                         f"{pool.get('version')} {pool.get('num_threads')} threads "
                         f"{pool.get('architecture', '')}]")
    except ImportError:
        parts.append("[threadpoolctl not installed]")
    return " ".join(parts)


def openblas_threads() -> int | None:
    """Threads of the OpenBLAS that NumPy loaded (asked through ctypes, no extra
    package), or None when that cannot be found out."""
    import ctypes

    import numpy  # noqa: F401  (loads the library)

    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            files = {line.split()[-1] for line in maps}
    except OSError:
        return None
    paths = sorted(f for f in files if "openblas" in f.lower() and ".so" in f)
    names = ("openblas_get_num_threads", "openblas_get_num_threads64_",
             "scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads")
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in names:
            function = getattr(library, name, None)
            if function is not None:
                return int(function())
    return None


def machine_lines() -> list[str]:
    """Lines describing the machine and the numeric stack, for the report header."""
    import numpy as np

    lines = [
        f"python      {platform.python_version()} ({sys.executable})",
        f"platform    {platform.platform()}",
        f"cpu         {_cpu_model()}; os.cpu_count()={os.cpu_count()}, "
        f"usable={len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}",
        f"numpy       {np.__version__}",
        f"blas        {blas_description()}",
    ]
    lines.append(load_line())
    env = [f"{name}={os.environ[name]}" for name in PERF_ENV_VARS if name in os.environ]
    shown = " ".join(env) if env else f"(none of {', '.join(PERF_ENV_VARS)} is set)"
    lines.append(f"env         {shown}")
    return lines


def load_line() -> str:
    """The load average: with 2 cores, anything near 1 or above means other work is running
    and skews every figure (same-run ratios suffer less than absolute times)."""
    try:
        load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "load avg    unknown"
    return f"load avg    {load} (1, 5, 15 min; other work skews every figure)"


def steal_seconds() -> float | None:
    """CPU time the host has given this virtual machine's cores to others since boot
    (seconds; /proc/stat), or None where it is not known. Time stolen during a run
    makes a late timer tick that no code of the run caused."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
