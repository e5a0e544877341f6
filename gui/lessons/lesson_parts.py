"""Small pieces the later lessons (ReLU, pooling, full connection, softmax,
back-propagation) build their demonstrations from: captioned grids, a plot, number texts.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.common.number_format import format_number
from gui.common.plotting import paint_background_directly
from gui.lessons.grid_view import GridView


def number(value: float, decimals: int = 3) -> str:
    """A number as the lessons write it (few decimals, a real minus sign)."""
    return format_number(float(value), decimals).replace("-", "\u2212")


def fill(text: str, *values) -> str:
    """``text`` with ``%1``, ``%2``, ... replaced by ``values`` (highest first, so %1 never
    eats the start of %10)."""
    for index in range(len(values), 0, -1):
        text = text.replace(f"%{index}", str(values[index - 1]))
    return text


class SmallGrid(GridView):
    """A :class:`GridView` that asks for at most ``hint`` pixels a side: a 28×28 picture
    would otherwise ask for 840 and push the lesson's question out of sight; it still
    grows when there is room."""

    def __init__(self, hint: int = 130, largest_cell: int = 40,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, largest_cell=largest_cell)
        self.hint = hint

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        full = super().sizeHint()
        scale = min(1.0, self.hint / max(full.width(), full.height(), 1))
        return QSize(round(full.width() * scale), round(full.height() * scale))


class Captioned(QWidget):
    """A caption above a :class:`GridView` (``grid``)."""

    def __init__(self, kind: str = "signed", numbers: bool = True, largest_cell: int = 40,
                 hint: int = 130, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.grid = SmallGrid(hint, largest_cell)
        self.grid.show_numbers = numbers
        self.grid.setMinimumSize(80, 80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        # The grid keeps its asked-for height and the caption stays right above it.
        self.grid.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.grid)
        layout.addStretch(1)

    def show_values(self, values, decimals: int = 2) -> None:
        self.grid.set_values(np.asarray(values, dtype=np.float32), self.kind, decimals)


class LessonPlot(pg.PlotWidget):
    """A plot that asks for little room: the Learn page's scroll area gives a lesson its
    preferred height for its width (word-wrapped texts have a height for width), and a
    plot's default 640×480 would push the question out of sight."""

    def __init__(self, hint_height: int) -> None:
        super().__init__()
        self.hint_height = hint_height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(320, self.hint_height)


def make_plot(minimum_height: int = 150) -> pg.PlotWidget:
    """A plot for a lesson: white, grid lines; the lesson sets the titles and labels in
    its ``retranslate`` and names its curves in a :func:`key_text` label. (No pyqtgraph
    legend: its anchor to the view box keeps calling into the view box while a window
    closes, after Qt deleted it.)"""
    plot = LessonPlot(minimum_height + 20)
    plot.setMinimumHeight(minimum_height)
    plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setMenuEnabled(False)
    paint_background_directly(plot)
    return plot


def key_text(*entries: tuple[str, str]) -> str:
    """Rich text naming a plot's curves: ``(colour, name)`` pairs, each with a bar of its
    colour."""
    return "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{colour}; font-weight:bold;">━━</span>&nbsp;{name}'
        for colour, name in entries)
