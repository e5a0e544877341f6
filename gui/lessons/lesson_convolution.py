"""Lesson 3, convolution step by step: the window slides over the input, the products
appear, and their sum lands in its feature-map cell, with play, pause, step and speed.

It starts as the study note's example does, with blocks that do not overlap (stride =
kernel size), then offers stride 1 and 2 and padding, the output-size formula following.
Every number comes from :func:`engine.pipeline.explain_cell` (one step) and
:func:`engine.ops.output_size_terms` (the formula).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from engine import ops
from engine.pipeline import explain_cell
from gui.common import samples
from gui.common.number_format import exact_decimals, nice, shown_index
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.grid_view import TARGET_COLOUR, WINDOW_COLOUR, Frame, GridView
from gui.state import make_preset_filter

PICTURE = "pattern:x"
PRESET = "diagonal line \\"
KERNEL = 3
#: The ways to slide the window the lesson offers: (stride, padding), the note's first.
MODES = ((3, 0), (1, 0), (2, 0), (1, 1), (2, 1))
#: The settings the question asks the output size for (not among the modes' answers
#: shown at the start, so it is worked out, not read off).
ASKED = (2, 1)
#: Milliseconds between steps at the slowest and fastest speed.
SLOWEST, FASTEST = 1500, 120


class ConvolutionLesson(Lesson):
    """The sliding window, one step at a time.

    Attributes
    ----------
    step_index : int
        The step on show (0 = the first output cell), in reading order.
    input_view, kernel_view, products_view, output_view : GridView
    sum_label, formula_label : QLabel
    play_button, back_button, forward_button : QPushButton
    speed_slider : QSlider
    mode_box : QComboBox
        The stride and padding (:data:`MODES`).
    timer : QTimer
    """

    key = "convolution"

    def build(self) -> None:
        self.step_index = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.mode_box = QComboBox()
        for stride, padding in MODES:
            self.mode_box.addItem("", (stride, padding))
        self.mode_box.currentIndexChanged.connect(self._on_mode_changed)
        self.play_button = QPushButton()
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self.set_playing)
        self.back_button = QPushButton("◀")
        self.back_button.clicked.connect(lambda: self.go_to(self.step_index - 1))
        self.forward_button = QPushButton("▶")
        self.forward_button.clicked.connect(lambda: self.go_to(self.step_index + 1))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(0, 10)
        self.speed_slider.setValue(4)
        self.speed_slider.setMaximumWidth(140)
        self.speed_slider.valueChanged.connect(lambda _: self._set_interval())
        self.mode_label, self.speed_label = QLabel(), QLabel()
        controls = QHBoxLayout()
        for widget in (self.mode_label, self.mode_box, self.back_button, self.play_button,
                       self.forward_button, self.speed_label, self.speed_slider):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.input_view = GridView(largest_cell=34)
        self.kernel_view = GridView(largest_cell=34)
        self.products_view = GridView(largest_cell=34)
        self.output_view = GridView(largest_cell=40)
        self.input_label, self.kernel_label = QLabel(), QLabel()
        self.products_label, self.output_label = QLabel(), QLabel()
        self.sum_label = QLabel()
        self.sum_label.setWordWrap(True)
        self.sum_label.setTextFormat(Qt.TextFormat.RichText)
        self.formula_label = QLabel()
        self.formula_label.setWordWrap(True)
        self.formula_label.setTextFormat(Qt.TextFormat.RichText)
        self.output_view.clicked.connect(self._on_output_clicked)

        demo = QWidget()
        grid = QGridLayout(demo)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(controls, 0, 0, 1, 4)
        for column, (label, view) in enumerate(
                ((self.input_label, self.input_view), (self.kernel_label, self.kernel_view),
                 (self.products_label, self.products_view),
                 (self.output_label, self.output_view))):
            label.setWordWrap(True)
            grid.addWidget(label, 1, column)
            grid.addWidget(view, 2, column)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 2)
        grid.setRowStretch(2, 1)
        grid.addWidget(self.sum_label, 3, 0, 1, 4)
        grid.addWidget(self.formula_label, 4, 0, 1, 4)
        self.set_demo(demo)
        self.set_question()
        self._set_interval()

    # --- what is being convolved ---------------------------------------------------
    @property
    def stride(self) -> int:
        return self.mode_box.currentData()[0]

    @property
    def padding(self) -> int:
        return self.mode_box.currentData()[1]

    def image(self) -> np.ndarray:
        """The input (H, W): the state's first channel."""
        return np.asarray(self.state.image[0], dtype=np.float32)

    def kernel(self) -> np.ndarray:
        """The kernel (KH, KW): the selected filter's first channel."""
        return np.asarray(self.state.selected_filter.weights[0], dtype=np.float32)

    def terms(self) -> tuple[ops.OutputSizeTerms, ops.OutputSizeTerms]:
        (height, width), (kh, kw) = self.image().shape, self.kernel().shape
        return (ops.output_size_terms(height, kh, self.stride, self.padding),
                ops.output_size_terms(width, kw, self.stride, self.padding))

    def output_shape(self) -> tuple[int, int]:
        rows, cols = self.terms()
        return rows.size, cols.size

    def step_count(self) -> int:
        rows, cols = self.output_shape()
        return rows * cols

    def explanation(self, step: int | None = None):
        """:func:`engine.pipeline.explain_cell` of step ``step`` (default: the one on
        show), or None when the window does not fit."""
        step = self.step_index if step is None else step
        rows, cols = self.output_shape()
        if rows * cols == 0:
            return None
        return explain_cell(self.image(), self.kernel(), self.stride, self.padding,
                            step // cols, step % cols, activation="none")

    # --- the animation -------------------------------------------------------------
    def go_to(self, step: int) -> None:
        """Show step ``step`` (clamped to the steps there are)."""
        self.step_index = max(0, min(step, self.step_count() - 1))
        self.refresh()

    def set_playing(self, playing: bool) -> None:
        if playing and self.step_index >= self.step_count() - 1:
            self.step_index = -1  # play again from the start
            self._tick()
        if playing:
            self.timer.start()
        else:
            self.timer.stop()
        if self.play_button.isChecked() != playing:
            self.play_button.setChecked(playing)
        self._word_play()

    def _tick(self) -> None:
        if self.step_index >= self.step_count() - 1:
            self.set_playing(False)
            return
        self.go_to(self.step_index + 1)

    def _set_interval(self) -> None:
        t = self.speed_slider.value() / self.speed_slider.maximum()
        self.timer.setInterval(int(SLOWEST * (FASTEST / SLOWEST) ** t))

    def _on_mode_changed(self) -> None:
        with self.state.batch():
            self.state.set_settings(stride=(self.stride, self.stride),
                                    padding=(self.padding, self.padding))
        self.go_to(0)

    def _on_output_clicked(self, row: int, col: int) -> None:
        self.go_to(row * self.output_shape()[1] + col)

    def show_me(self) -> None:
        with self.state.placing_filters():
            self.state.set_source(samples.load_sample(PICTURE), samples.label(PICTURE))
            self.state.set_preprocess(Preprocess(color="gray", size=None, binarize=True))
            self.state.set_filters([make_preset_filter(PRESET, KERNEL, 1)])
            self.state.select_filter(0)
            self.mode_box.blockSignals(True)
            self.mode_box.setCurrentIndex(0)
            self.mode_box.blockSignals(False)
            self.state.set_settings(stride=(self.stride, self.stride),
                                    padding=(self.padding, self.padding), dilation=(1, 1))
        self.set_playing(False)
        self.go_to(0)

    # --- drawing -------------------------------------------------------------------
    def refresh(self) -> None:
        image, kernel = self.image(), self.kernel()
        self.input_view.set_values(image, decimals=exact_decimals(image), margin=self.padding)
        self.kernel_view.set_values(kernel, kind="signed", decimals=exact_decimals(kernel))
        rows, cols = self.output_shape()
        explanation = self.explanation()
        if explanation is None:
            self.products_view.set_values(np.zeros_like(kernel), kind="plain")
            self.output_view.set_values(np.zeros((1, 1)), kind="plain")
            self.sum_label.setText(self.tr("The detector does not fit the picture."))
        else:
            # The whole feature map from the engine in one call: an explanation per cell
            # took seconds a step on a drawing's 280×280 picture.
            sums = ops.conv2d(image[None, None], kernel[None, None], stride=self.stride,
                              padding=self.padding)[0, 0]
            products = explanation.products
            self.products_view.set_values(products, kind="signed",
                                          decimals=exact_decimals(products))
            self.output_view.set_values(sums, kind="signed", decimals=exact_decimals(sums))
            self.output_view.blank = {(s // cols, s % cols)
                                      for s in range(self.step_index + 1, rows * cols)}
            top, left = explanation.origin
            self.input_view.set_frames([Frame(range(top, top + kernel.shape[0]),
                                              range(left, left + kernel.shape[1]),
                                              WINDOW_COLOUR)])
            row, col = explanation.row, explanation.col
            self.output_view.set_frames([Frame(range(row, row + 1), range(col, col + 1),
                                               TARGET_COLOUR)])
            nonzero = [nice(v) for v in products.ravel() if v != 0]
            terms = " + ".join(nonzero)
            if nonzero:
                text = self.tr(
                    "Step %1 of %2: the window's top-left corner is at row %3, column %4. "
                    "The products that are not 0 add up to <b>%5 = %6</b>, which lands in "
                    "row %7, column %8 of the feature map.")
            else:
                text = self.tr(
                    "Step %1 of %2: the window's top-left corner is at row %3, column %4. "
                    "Every product is 0, so the sum is <b>%6</b>, which lands in row %7, "
                    "column %8 of the feature map.")
            self.sum_label.setText(text.replace("%1", str(self.step_index + 1))
                .replace("%2", str(rows * cols)).replace("%3", str(shown_index(top)))
                .replace("%4", str(shown_index(left))).replace("%5", terms)
                .replace("%6", nice(explanation.total)).replace("%7", str(shown_index(row)))
                .replace("%8", str(shown_index(col))))
        self._word_formula()
        self._ask()  # the picture or the detector may have changed the answer
        self.back_button.setEnabled(self.step_index > 0)
        self.forward_button.setEnabled(self.step_index < self.step_count() - 1)

    def _word_formula(self) -> None:
        rows, cols = self.terms()
        if (rows.n, rows.k) == (cols.n, cols.k):
            lines = [self.tr("Feature-map size: (n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = "
                       "<b>%5</b> rows and as many columns.")]
            terms = [rows]
        else:
            lines = [self.tr("Feature-map rows: (n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = "
                       "<b>%5</b>"),
                     self.tr("Feature-map columns: (n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + "
                       "1 = <b>%5</b>")]
            terms = [rows, cols]
        words = [line.replace("%1", str(term.n)).replace("%2", str(term.p))
                 .replace("%3", str(term.k)).replace("%4", str(term.s))
                 .replace("%5", str(term.size)) for line, term in zip(lines, terms, strict=True)]
        words.append(self.tr("n: picture size, p: padding, k: detector size, "
                                            "s: stride; a remainder is dropped."))
        self.formula_label.setText("<br>".join(words))

    def _word_play(self) -> None:
        self.play_button.setText(self.tr("Pause")
                                 if self.play_button.isChecked() else
                                 self.tr("Play"))

    def _ask(self) -> None:
        stride, padding = ASKED
        width = self.image().shape[1]
        kernel = self.kernel().shape[1]
        term = ops.output_size_terms(width, kernel, stride, padding)
        prompt = self.tr(
            "Before you try it: with stride %1 and padding %2, how many columns wide will "
            "the feature map of this %3-column picture and %4-column detector be?").replace(
            "%1", str(stride)).replace("%2", str(padding)).replace("%3", str(width)).replace(
            "%4", str(kernel))
        if term.numerator % term.s:
            worked = self.tr(
                "(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = %5 ÷ %4 + 1, dropping the "
                "remainder: %6 columns.")
        else:
            worked = self.tr(
                "(n + 2p − k) ÷ s + 1 = (%1 + 2×%2 − %3) ÷ %4 + 1 = %5 ÷ %4 + 1 = %6 columns.")
        worked = worked.replace("%1", str(term.n)).replace(
            "%2", str(term.p)).replace("%3", str(term.k)).replace("%4", str(term.s)).replace(
            "%5", str(term.numerator)).replace("%6", str(term.size))
        self.question.ask_number(prompt, term.size, worked)

    def retranslate(self) -> None:
        super().retranslate()
        for index, (stride, padding) in enumerate(MODES):
            if index == 0:
                text = self.tr("Blocks side by side (stride %1, as in the note)").replace(
                    "%1", str(stride))
            elif padding:
                text = self.tr("Stride %1, padding %2").replace(
                    "%1", str(stride)).replace("%2", str(padding))
            else:
                text = self.tr("Stride %1, no padding").replace(
                    "%1", str(stride))
            self.mode_box.setItemText(index, text)
        self.mode_label.setText(self.tr("Slide by:"))
        self.speed_label.setText(self.tr("Speed:"))
        self.back_button.setToolTip(self.tr("One step back"))
        self.forward_button.setToolTip(self.tr("One step forward"))
        self.input_label.setText(self.tr("Input (orange: the window)"))
        self.kernel_label.setText(self.tr("Feature detector"))
        self.products_label.setText(self.tr("Products, cell by cell"))
        self.output_label.setText(self.tr("Feature map (click a cell to jump to it)"))
        self._word_play()
        self.refresh()
        self._ask()

    def title(self) -> str:
        return self.tr("Convolution, step by step")

    def intro(self) -> str:
        return self.tr(
            "<p>The feature detector is laid over one block of the picture. Each pair of "
            "cells is multiplied (each picture cell by the weight over it) and the products "
            "are added up; "
            "the sum becomes one cell of the <b>feature map</b>. Then the detector moves "
            "on.</p><p>In the study note's example the blocks do not overlap: the detector "
            "moves by its own size. It can also slide by 1 or 2 cells (the <b>stride</b>), "
            "and zeros can be added round the picture (<b>padding</b>) so it reaches the "
            "edges. Press Play, or step through with ◀ and ▶.</p>")
