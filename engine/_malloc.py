"""Keep glibc from handing large NumPy temporaries back to the OS.

glibc serves allocations above its mmap threshold (128 KiB at start) with fresh
mappings and unmaps them on free, so every training step faults the same pages in
again; measured here, that made a step 2-2.6x slower. Freeing one mmapped block raises
the dynamic threshold to that block's size (glibc caps it at 32 MiB on 64-bit), after
which the temporaries of a training step are reused from the heap.
"""

import numpy as np

_BLOCK_BYTES = 32 * 1024 * 1024 - 64 * 1024


def _raise_mmap_threshold() -> None:
    block = np.empty(_BLOCK_BYTES, dtype=np.uint8)
    del block


# Runs once, on `import engine` (see engine/__init__.py for what it changes and why).
_raise_mmap_threshold()
