"""The kernel grid: one (KH, KW) slice of a feature detector, painted and edited.

``view`` paints the grid of numbers (:class:`KernelView`, read-only), ``cells`` places
its cells, ``grid`` makes it editable (:class:`KernelGrid`), with the mouse and keys
of ``gestures`` and the in-place editor of ``cell_editor``; ``weight_text`` writes a
weight as text and reads typed text back.
"""

from gui.explore.kernel_grid.grid import KernelGrid
from gui.explore.kernel_grid.view import KernelView
from gui.explore.kernel_grid.weight_text import compact_value, format_value, parse_value

__all__ = ["KernelGrid", "KernelView", "compact_value", "format_value", "parse_value"]
