"""CNN Lab's engine: a small convolutional network in pure NumPy.

Public arrays are NCHW (batch, channels, rows, columns) and float32 unless the caller
passes float64, which is preserved. Nothing here imports Qt.
"""

# Importing the engine changes two process-wide settings (see engine/_malloc.py). glibc's
# mmap threshold is raised from 128 KiB to almost 32 MiB (by allocating and freeing one
# 32 MiB block). Without it, every training step's large temporaries are fresh
# mappings that the kernel must fault in again each step: measured, a step then runs
# 2-3x slower (benchmarks/bench_engine.py, "malloc effect"). The cost is that freed
# memory below 32 MiB stays in the process heap for reuse instead of returning to the OS
# by itself; and so that it can be returned on request (malloc_trim), every thread
# allocates from the one main heap instead of a heap of its own.
from engine import _malloc  # noqa: E402, F401
