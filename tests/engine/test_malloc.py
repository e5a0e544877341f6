"""Importing the engine puts every thread's allocations in one glibc heap (an arena),
whose free memory ``malloc_trim`` can hand back (see engine/_malloc.py)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's arenas")

# A fresh process: a worker thread allocates arrays (keeping one, as a run's model
# outlives its thread), then glibc's own report counts the heaps.
_SCRIPT = """
import ctypes, re, sys, tempfile, threading
if sys.argv[1] == "engine":
    import engine
import numpy as np
kept = []
def work():
    for _ in range(20):
        np.ones(1 << 20)
    kept.append(np.ones(1 << 18))
thread = threading.Thread(target=work)
thread.start()
thread.join()
libc = ctypes.CDLL(None)
libc.fdopen.restype = ctypes.c_void_p
libc.fdopen.argtypes = [ctypes.c_int, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
with tempfile.TemporaryFile() as report:
    stream = libc.fdopen(report.fileno(), b"w")
    libc.malloc_info(0, stream)
    libc.fflush(ctypes.c_void_p(stream))
    report.seek(0)
    print(len(re.findall(rb'<heap nr="', report.read())))
"""


def _heaps(*args: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, check=True, timeout=60)
    return int(done.stdout.split()[-1])


def test_a_worker_thread_allocates_in_the_main_heap_once_the_engine_is_imported():
    assert _heaps("numpy") >= 2   # glibc's default: the thread got a heap of its own
    assert _heaps("engine") == 1
