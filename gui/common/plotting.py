"""pyqtgraph set-up and colour maps shared by every heatmap in the app."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

# Once, before any ImageItem exists: arrays are indexed [row, column] like NumPy.
pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w",
                    foreground="#333")

#: Negative values blue, zero white, positive red: the sign of a weight or a response
#: reads at a glance.
DIVERGING = pg.ColorMap([0.0, 0.5, 1.0], [(33, 102, 172), (247, 247, 247), (178, 24, 43)])
#: Darkness values: 0 = white paper, 1 = black ink (see gui.common.preprocess).
INK = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (0, 0, 0)])
#: Channel intensities for one RGB channel shown alone, 0 = black.
GRAY = pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])

DIVERGING_LUT = DIVERGING.getLookupTable(nPts=256, alpha=False)
INK_LUT = INK.getLookupTable(nPts=256, alpha=False)


def symmetric_levels(*arrays: np.ndarray) -> tuple[float, float]:
    """Levels ``(-m, m)`` with ``m`` the largest magnitude, so zero sits at the colour
    map's centre; ``(-1, 1)`` when everything is zero."""
    m = max((float(np.abs(a).max()) for a in arrays if a.size), default=0.0)
    if not np.isfinite(m) or m == 0.0:
        m = 1.0
    return -m, m


def diverging_color(value: float, limit: float):
    """The QColor of ``value`` on the diverging map scaled to ``[-limit, limit]``."""
    limit = limit or 1.0
    return DIVERGING.map(0.5 + 0.5 * float(np.clip(value / limit, -1, 1)), mode="qcolor")
