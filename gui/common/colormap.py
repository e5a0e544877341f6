"""The app's colour maps and the one way values become colours.

Every painted map (stage heatmaps, kernel grid, filter icons, explain panel, learned
filters, pixel values) goes through :meth:`ColourMap.indices`: ``levels`` ``(lo, hi)``
spread over a 256-entry lookup table, values outside clipped to its ends. So one value
on one scale has one colour wherever it is shown, and a test can predict every pixel.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from PySide6.QtGui import QColor, QImage

#: Entries in every lookup table.
LUT_SIZE = 256


class ColourMap:
    """A piecewise-linear colour map through ``colors`` at ``stops`` (0 to 1).

    Parameters
    ----------
    name : str
        For tests and messages.
    stops : sequence of float, rising from 0 to 1
    colors : sequence of (r, g, b), 0-255, one per stop
    """

    def __init__(self, name: str, stops, colors) -> None:
        self.name = name
        self.stops = tuple(float(s) for s in stops)
        self.colors = tuple(tuple(int(v) for v in c) for c in colors)
        positions = np.linspace(0.0, 1.0, LUT_SIZE)
        channels = np.array(self.colors, dtype=np.float64)
        #: (256, 3) uint8: entry i is the colour at position i / 255.
        self.lut = np.stack([np.interp(positions, self.stops, channels[:, k])
                             for k in range(3)], axis=1).round().astype(np.uint8)
        self.lut.setflags(write=False)

    def __repr__(self) -> str:
        return f"ColourMap({self.name!r})"

    # --- the one mapping ---------------------------------------------------------------
    def indices(self, values, levels) -> np.ndarray:
        """Lookup-table entries (uint8, the shape of ``values``) of ``values`` on
        ``levels`` = (lo, hi): lo -> 0, hi -> 255, rounded to the nearest entry; NaN
        reads as lo."""
        lo, hi = float(levels[0]), float(levels[1])
        scale = np.float32((LUT_SIZE - 1) / ((hi - lo) or 1.0))
        scaled = np.asarray(np.subtract(values, np.float32(lo), dtype=np.float32))
        scaled *= scale
        scaled += np.float32(0.5)
        np.fmax(scaled, 0, out=scaled)  # fmax also turns NaN into 0
        np.minimum(scaled, LUT_SIZE - 1, out=scaled)
        return scaled.astype(np.uint8)

    def rgb(self, values, levels) -> np.ndarray:
        """``values`` (any shape) -> (..., 3) uint8 colours."""
        return self.lut[self.indices(values, levels)]

    def qcolor(self, value: float, levels) -> QColor:
        r, g, b = (int(v) for v in self.rgb(np.float32(value), levels))
        return QColor(r, g, b)

    def qimage(self, values: np.ndarray, levels) -> QImage:
        """(H, W) ``values`` -> an RGB32 QImage (one pixel per value).

        RGB32 because a painter draws it as is, where an indexed picture would be
        expanded through its colour table on every paint.
        """
        pixels = np.ascontiguousarray(self._lut32[self.indices(values, levels)])
        h, w = pixels.shape
        # The QImage borrows the array's memory: copy, so it owns its pixels.
        return QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_RGB32).copy()

    @cached_property
    def _lut32(self) -> np.ndarray:
        """The lookup table as RGB32 pixels (0xffRRGGBB)."""
        r, g, b = (self.lut[:, k].astype(np.uint32) for k in range(3))
        return (np.uint32(0xFF000000) | (r << 16) | (g << 8) | b).astype(np.uint32)


def symmetric_levels(*arrays: np.ndarray, floor: float = 0.0) -> tuple[float, float]:
    """Levels ``(-m, m)`` with ``m`` the largest magnitude (at least ``floor``), so zero
    sits at a diverging map's centre; ``(-1, 1)`` when everything is zero."""
    m = 0.0
    for a in arrays:
        a = np.asarray(a)
        if a.size:
            m = max(m, float(np.nanmax(np.abs(a))))
    m = max(m, floor)
    if not np.isfinite(m) or m == 0.0:
        m = 1.0
    return -m, m


def light_text(rgb: np.ndarray) -> np.ndarray:
    """Whether text written on each colour of ``rgb`` (..., 3) should be white."""
    luminance = np.asarray(rgb, np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    return luminance < 140


#: Negative values blue, zero white, positive red: the sign of a weight or a response
#: reads at a glance.
DIVERGING = ColourMap("diverging", (0.0, 0.5, 1.0),
                      ((33, 102, 172), (247, 247, 247), (178, 24, 43)))
#: Darkness values: 0 = white paper, 1 = black ink (see gui.common.preprocess).
INK = ColourMap("ink", (0.0, 1.0), ((255, 255, 255), (0, 0, 0)))
#: One channel's intensity on its own, 0 = black.
GRAY = ColourMap("gray", (0.0, 1.0), ((0, 0, 0), (255, 255, 255)))
#: One RGB channel from none of that colour (black) to full colour.
CHANNELS = (ColourMap("red", (0.0, 1.0), ((0, 0, 0), (225, 30, 30))),
            ColourMap("green", (0.0, 1.0), ((0, 0, 0), (20, 160, 40))),
            ColourMap("blue", (0.0, 1.0), ((0, 0, 0), (40, 80, 230))))
