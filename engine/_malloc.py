"""Keep glibc from handing large NumPy temporaries back to the OS, and keep every
thread's allocations in one heap that can be handed back when the app wants.

glibc serves allocations above its mmap threshold (128 KiB at start) with fresh
mappings and unmaps them on free, so every training step faults the same pages in
again; measured here, that made a step 2-2.6x slower. Freeing one mmapped block raises
the dynamic threshold to that block's size (glibc caps it at 32 MiB on 64-bit), after
which the temporaries of a training step are reused from the heap.

The threshold raise also sets glibc's trim threshold to 64 MiB, so a thread's own heap
(an "arena": glibc gives threads their own, up to eight per core) never shrinks, and
``malloc_trim`` cannot shrink it either: it returns the free pages inside a heap but
not the free space at its end. Each training run and each burst of explorations in a
new worker thread left that space a little larger (benchmarks/bench_soak.py: +12-27 %
over 4000 edits, nearly all of it free memory in the workers' heaps). With one arena
for every thread, that space is the main heap's, which ``malloc_trim`` returns
(gui/worker.py calls it when a worker pauses or ends): the soak then grew 0-6 %, from
30 MB less, and training is as fast (the threads allocate under Python's lock anyway).
"""

import ctypes
import sys

import numpy as np

_BLOCK_BYTES = 32 * 1024 * 1024 - 64 * 1024
#: glibc's mallopt parameter for the most arenas (malloc.h).
_M_ARENA_MAX = -8


def _raise_mmap_threshold() -> None:
    block = np.empty(_BLOCK_BYTES, dtype=np.uint8)
    del block


def _one_arena() -> bool:
    """Ask glibc for one arena for all threads (before any worker thread starts);
    False where there is no glibc to ask."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return mallopt(_M_ARENA_MAX, 1) == 1


# Runs once, on `import engine` (see engine/__init__.py for what it changes and why).
_raise_mmap_threshold()
ONE_ARENA = _one_arena()
