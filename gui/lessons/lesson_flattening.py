"""Lesson 7, flattening: the pooled maps read into one vector; hovering a pooled cell
lights its place in the vector, and hovering the vector lights its cell.

Positions come from :meth:`engine.pipeline.Exploration.flat_index` and
:meth:`~engine.pipeline.Exploration.unflatten_index`, the order the network's Flatten
layer reads in.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from gui.common import samples
from gui.common.number_format import exact_decimals, nice, shown_index
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.grid_view import HOVER_COLOUR, TARGET_COLOUR, Frame, GridView
from gui.state import default_filters

PICTURE = "pattern:x"
#: The pooled cell the question asks about: (filter, row, col), 0-based.
ASKED = (1, 1, 2)
#: Widest vector drawn on one line; a longer one wraps, one map per line.
ONE_LINE = 40


class FlatteningLesson(Lesson):
    """The pooled maps and the vector they become.

    Attributes
    ----------
    map_views : list of GridView
        One per pooled map.
    vector_view : GridView
        The flattened vector (one line, or one map per line when long).
    place_label : QLabel
        Where the hovered value sits, in words.
    """

    key = "flattening"

    def build(self) -> None:
        self.map_views: list[GridView] = []
        self.map_labels: list[QLabel] = []
        self.maps_row = QGridLayout()
        self.vector_view = GridView(largest_cell=30)
        self.vector_view.setMinimumHeight(40)
        self.vector_view.hovered.connect(self._on_vector_hovered)
        self.vector_label, self.place_label = QLabel(), QLabel()
        self.place_label.setTextFormat(Qt.TextFormat.RichText)
        self.place_label.setWordWrap(True)
        demo = QWidget()
        layout = QVBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.maps_row, 3)
        layout.addWidget(self.vector_label)
        layout.addWidget(self.vector_view, 1)
        layout.addWidget(self.place_label)
        self.set_demo(demo)
        self.set_question()
        self.question.reveal_button.clicked.connect(self.refresh)
        self.question.answered.connect(lambda _: self.refresh())
        self.state.explored.connect(self.when_shown(self.refresh))

    def title(self) -> str:
        return self.tr("Flattening")

    def intro(self) -> str:
        return self.tr(
            "<p>After pooling, each filter has left a small map. <b>Flattening</b> reads "
            "all of them into one long vector, the input of the fully connected layers: the "
            "first map row by row, then the second map, and so on.</p>"
            "<p>Move the mouse over a pooled cell to see where it goes in the vector, or "
            "over the vector to see where a value came from.</p>")

    def show_me(self) -> None:
        with self.state.placing_filters():
            self.state.set_source(samples.load_sample(PICTURE), samples.label(PICTURE))
            self.state.set_preprocess(Preprocess(color="gray", size=None, binarize=True))
            self.state.set_filters(default_filters(1))
            self.state.set_settings(stride=(1, 1), padding="valid", dilation=(1, 1),
                                    activation="relu", pool="max", pool_size=(2, 2),
                                    pool_stride=None)
        self.state.recompute()
        self.refresh()

    def pooled(self) -> np.ndarray | None:
        e = self.state.exploration
        return None if e is None else e.pooled

    def _vector_columns(self, shape) -> int:
        count = int(np.prod(shape))
        return count if count <= ONE_LINE else shape[1] * shape[2]

    def vector_cell(self, index: int) -> tuple[int, int]:
        """Where position ``index`` (0-based) is drawn in :attr:`vector_view`."""
        columns = self._vector_columns(self.pooled().shape)
        return index // columns, index % columns

    def refresh(self) -> None:
        pooled = self.pooled()
        if pooled is None:
            return
        count, height, width = pooled.shape
        while len(self.map_views) < count:
            view, label = GridView(largest_cell=40), QLabel()
            index = len(self.map_views)
            view.hovered.connect(lambda r, c, f=index: self._on_map_hovered(f, r, c))
            self.maps_row.addWidget(label, 0, index)
            self.maps_row.addWidget(view, 1, index)
            self.maps_row.setRowStretch(1, 1)
            self.map_views.append(view)
            self.map_labels.append(label)
        decimals = exact_decimals(pooled, 1)
        self._ask()  # first: a remembered answer settles the question
        hidden = self.question_open()
        asked_index = self.state.exploration.flat_index(*ASKED) if self._asked_fits() else -1
        for f, (view, label) in enumerate(zip(self.map_views, self.map_labels, strict=True)):
            shown = f < count
            view.setVisible(shown)
            label.setVisible(shown)
            if not shown:
                continue
            view.set_values(pooled[f], kind="signed", decimals=decimals)
            label.setText(self.tr("Filter %1").replace("%1", str(shown_index(f))))
            frames = []
            if self._asked_fits() and f == ASKED[0]:
                r, c = ASKED[1:]
                frames.append(Frame(range(r, r + 1), range(c, c + 1), TARGET_COLOUR))
            view.set_frames(frames)
        vector = self.state.exploration.flattened
        columns = self._vector_columns(pooled.shape)
        rows = -(-vector.size // columns)
        padded = np.zeros(rows * columns, dtype=np.float32)
        padded[:vector.size] = vector
        self.vector_view.set_values(padded.reshape(rows, columns), kind="signed",
                                    decimals=decimals)
        self.vector_view.largest_cell = 30 if rows == 1 else 22
        self.vector_view.blank = {self.vector_cell(i) for i in range(vector.size,
                                                                    rows * columns)}
        self.vector_view.hidden = ({self.vector_cell(asked_index)}
                                   if hidden and asked_index >= 0 else set())
        self.vector_label.setText(self.tr("The flattened vector: %1 values (%2 maps × %3 × %4)")
            .replace("%1", str(vector.size)).replace("%2", str(count))
            .replace("%3", str(height)).replace("%4", str(width)))

    def _asked_fits(self) -> bool:
        pooled = self.pooled()
        return pooled is not None and all(a < s for a, s in zip(ASKED, pooled.shape,
                                                                  strict=True))

    # --- hovering ------------------------------------------------------------------
    def _on_map_hovered(self, f: int, row: int, col: int) -> None:
        if row < 0:
            self.vector_view.set_frames([])
            self.place_label.setText("")
            return
        index = self.state.exploration.flat_index(f, row, col)
        r, c = self.vector_cell(index)
        self.vector_view.set_frames([Frame(range(r, r + 1), range(c, c + 1), HOVER_COLOUR)])
        self._say_place(index)

    def _on_vector_hovered(self, row: int, col: int) -> None:
        for view in self.map_views:
            view.set_hover(-1, -1)
        index = row * self._vector_columns(self.pooled().shape) + col
        if row < 0 or index >= self.state.exploration.flattened.size:
            self.place_label.setText("")
            return
        f, r, c = self.state.exploration.unflatten_index(index)
        self.map_views[f].set_hover(r, c)
        self._say_place(index)

    def _say_place(self, index: int) -> None:
        e = self.state.exploration
        f, r, c = e.unflatten_index(index)
        if (f, r, c) == ASKED and self.question_open():
            self.place_label.setText(self.tr(
                "This is the cell the question asks about: its position is yours to work "
                "out. Hover over its neighbours to check your counting."))
            return
        self.place_label.setText(self.tr(
            "Filter %1, row %2, column %3 (value %4) is position <b>%5</b> of %6 in the "
            "vector.").replace("%1", str(shown_index(f))).replace("%2", str(shown_index(r)))
            .replace("%3", str(shown_index(c))).replace("%4", nice(e.pooled[f, r, c]))
            .replace("%5", str(shown_index(index))).replace("%6", str(e.flattened.size)))

    # --- the question --------------------------------------------------------------
    def _ask(self) -> None:
        if not self._asked_fits():
            return
        e = self.state.exploration
        f, r, c = ASKED
        _, height, width = e.pooled.shape
        index = e.flat_index(f, r, c)
        prompt = self.tr(
            "The blue cell is filter %1, row %2, column %3 of the %4 × %5 pooled maps. Which "
            "position (counting from 1) does it get in the vector?").replace(
            "%1", str(shown_index(f))).replace("%2", str(shown_index(r))).replace(
            "%3", str(shown_index(c))).replace("%4", str(height)).replace("%5", str(width))
        worked = self.tr(
            "Before it come the whole maps of the filters before it (%1, of %2 × %3 "
            "values each), the whole rows above it in its map (%4, of %3 values each) and "
            "%5 values of its own row: %1 × %6 + %4 × %3 + %5 = %7 values, so it is "
            "position %8.").replace("%1", str(f)).replace("%2", str(height)).replace(
            "%3", str(width)).replace("%4", str(r)).replace("%5", str(c)).replace(
            "%6", str(height * width)).replace("%7", str(index)).replace(
            "%8", str(shown_index(index)))
        self.question.ask_number(prompt, shown_index(index), worked)

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh()
