"""The environment CNN Lab's process runs in, set before NumPy or Qt loads.

No Qt import here: both libraries read these variables once, when they start, so
``main.py``, the tests and the benchmarks that open the window call
:func:`set_process_environment` first. A variable already set (by the learner, or a
benchmark comparing settings) is left as it is.
"""

from __future__ import annotations

import os

#: Each variable and the value the app runs with.
PROCESS_ENVIRONMENT = {
    # One BLAS thread: on a 2-core machine a second one competes with the window's
    # thread and made training and repaints several times slower under load
    # (benchmarks/bench_training_gui.py, bench_gui.py).
    "OPENBLAS_NUM_THREADS": "1",
    # No thread pool for Qt's raster painting. Qt hands every fill of more than 96
    # rows to it and waits for the pieces; with training on the other core the hand-off
    # costs far more than the fill: a Fusion scroll bar took 8 ms to paint instead of
    # 0.8, and the repaint after an edit 21-40 ms instead of 10-16 (bench_soak.py).
    "QT_NO_GUI_THREADPOOL": "1",
}


def set_process_environment(environ=os.environ) -> None:
    for name, value in PROCESS_ENVIRONMENT.items():
        environ.setdefault(name, value)
