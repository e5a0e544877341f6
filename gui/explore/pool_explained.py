"""The arithmetic behind one pooled cell: which window of the activation map it reads
and how that window becomes one number (its maximum or its mean).

Kept here, in one small Qt-free function, until the engine gives the same explanation
itself (issue 7 §4, "a pooled-cell explanation"); the stage view calls only
:func:`explain_pooled_cell`, so swapping it for the engine's is a one-line change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PooledCellExplanation:
    """How pooled cell (row, col) was computed.

    Attributes
    ----------
    pool : "max" or "avg"
    window : (kh, kw) the activation values under the pool window
    top, left : the window's top-left cell in the activation map
    value : the pooled value (the window's maximum or mean)
    winner : (row, col) in the activation map of the maximum (the first one, reading
        row by row, when several tie), or None for average pooling
    """

    pool: str
    window: np.ndarray
    top: int
    left: int
    value: float
    winner: tuple[int, int] | None

    @property
    def bottom(self) -> int:
        """The window's last row (inclusive)."""
        return self.top + self.window.shape[0] - 1

    @property
    def right(self) -> int:
        """The window's last column (inclusive)."""
        return self.left + self.window.shape[1] - 1


def explain_pooled_cell(activated: np.ndarray, pool: str, size: tuple[int, int],
                        stride: tuple[int, int], row: int, col: int) -> PooledCellExplanation:
    """Explain pooled cell (row, col) of one (H, W) activation map pooled with windows
    of ``size`` (rows, cols) moved by ``stride``. Raises IndexError outside the map."""
    (kh, kw), (sh, sw) = size, stride
    h, w = activated.shape
    top, left = row * sh, col * sw
    if row < 0 or col < 0 or top + kh > h or left + kw > w:
        raise IndexError(f"pooled cell ({row}, {col}) has no {kh}x{kw} window in a "
                         f"{h}x{w} map")
    window = np.array(activated[top:top + kh, left:left + kw])
    if pool == "max":
        r, c = np.unravel_index(int(np.argmax(window)), window.shape)
        return PooledCellExplanation(pool, window, top, left, float(window[r, c]),
                                     (top + int(r), left + int(c)))
    if pool == "avg":
        return PooledCellExplanation(pool, window, top, left,
                                     float(window.mean(dtype=np.float64)), None)
    raise ValueError(f"pool must be 'max' or 'avg', got {pool!r}")
