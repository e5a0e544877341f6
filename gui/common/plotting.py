"""pyqtgraph set-up shared by every plot in the app (colours live in gui.common.colormap).

Import this before making any pyqtgraph item: the options apply to items made later.
"""

from __future__ import annotations

import pyqtgraph as pg

# Once, before any ImageItem exists: arrays are indexed [row, column] like NumPy.
pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w",
                    foreground="#333")
