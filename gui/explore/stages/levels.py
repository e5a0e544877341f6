"""Colour-scale limits of the stage maps: round, never narrower than float noise, and
steady while the values still fit (so an edit does not re-colour every map)."""

from __future__ import annotations

import math

import numpy as np

#: rounding (a flat image under an edge detector) reads as white, not as loud noise.
MIN_LEVEL = 1e-4


_NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) ≥ value."""
    exponent = 10.0 ** math.floor(math.log10(value))
    for step in _NICE_STEPS:
        if value <= step * exponent * (1 + 1e-9):
            return step * exponent
    return 10.0 * exponent


def magnitude(*arrays: np.ndarray) -> float:
    """A colour-scale limit for ``arrays``: their largest |value| rounded up to a nice
    number (1.0 when all are zero).

    Rounding keeps the scale, and the colour bar's ticks, still while small edits change
    the maximum a little: no shimmer, and no costly re-layout of the bar on every edit.
    Computed without a temporary |array|.
    """
    m = 0.0
    for a in arrays:
        if a.size:
            m = max(m, float(a.max()), -float(a.min()))
    if not math.isfinite(m) or m == 0.0:
        return 1.0
    return nice_ceiling(max(m, MIN_LEVEL))


def steady_limit(previous: float | None, wanted: float) -> float:
    """A colour-scale limit of at least ``wanted`` that stays at ``previous`` while the
    values still fill more than half of it: an edit that moves the maximum back and forth
    across a step (4.0, 4.1, 4.0) neither flips the colours of every map nor repaints
    the unchanged ones."""
    if previous is not None and wanted <= previous < 2 * wanted:
        return previous
    return wanted

