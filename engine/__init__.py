"""CNN Lab's engine: a small convolutional network in pure NumPy.

Public arrays are NCHW (batch, channels, rows, columns) and float32 unless the caller
passes float64, which is preserved. Nothing here imports Qt.
"""

from engine import _malloc  # noqa: F401  (tunes the allocator once, before any hot loop)
