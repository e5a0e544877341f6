"""pyqtgraph set-up shared by every plot in the app (colours live in gui.common.colormap).

Import this before making any pyqtgraph item: the options apply to items made later.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsView

# Once, before any ImageItem exists: arrays are indexed [row, column] like NumPy.
pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w",
                    foreground="#333")


def paint_background_directly(view) -> None:
    """Have pyqtgraph ``view`` (a GraphicsView, PlotWidget or GraphicsLayoutWidget) fill
    its plain background at each repaint instead of blitting a cached copy.

    pyqtgraph caches the background (``CacheBackground``); for a solid colour the cached
    picture is no cheaper to draw than the fill, and Qt's raster engine blits it over
    the whole exposed region, spread over its thread pool. Measured on the Explore page
    (a weight edit at 512x512), that blit was 8 % of the window thread's work per edit.
    """
    view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
