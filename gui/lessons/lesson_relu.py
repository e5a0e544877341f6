"""Lesson 5, why ReLU: two filters with nothing between them are one filter, and a stack
of straight lines is one straight line; a ReLU between them lets the result bend."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from engine import kernels, lessons
from gui.common import samples
from gui.common.display_names import preset_name
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.lesson_parts import Captioned, fill, key_text, make_plot, number
from gui.state.filters import make_preset_filter

#: The filters the learner can stack (3×3 presets).
FIRST_PRESETS = ("vertical line", "horizontal line", "sobel x", "laplacian", "sharpen")
SECOND_PRESETS = ("box blur", "gaussian blur", "vertical line", "sobel y", "identity")
#: The picture Show me loads.
SAMPLE = "mnist:7"
#: Where the line plot runs: X from -3 to 3.
X_RANGE = (-3.0, 3.0)


def _spin(value: float) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(-3.0, 3.0)
    spin.setSingleStep(0.25)
    spin.setDecimals(2)
    spin.setMinimumWidth(64)
    spin.setValue(value)
    return spin


class ReluLesson(Lesson):
    """Two filters and their combined filter on the lab's picture; one hidden unit on a
    line, with and without ReLU, and the note's algebra with the current numbers.

    Attributes
    ----------
    first_box, second_box : QComboBox
        The two filters (preset keys as item data).
    relu_between : QCheckBox
        A ReLU between the two filters.
    combined_view : Captioned
        The combined kernel (full convolution of the two), with its numbers.
    difference_label : QLabel
        The largest difference between the two filters and the combined one.
    w_spin, b_spin, w2_spin, b2_spin : QDoubleSpinBox
        The line's w, b, w′, b′.
    relu_line : QCheckBox
        ReLU in the hidden unit of the line.
    plot : pyqtgraph.PlotWidget
        ``curve`` (z against X) and ``hidden_curve`` (the hidden unit's output).
    algebra_label : QLabel
    """

    key = "why_relu"

    def build(self) -> None:
        self.stacked: lessons.StackedFilters | None = None
        self.line: lessons.LineStack | None = None
        self.first_box, self.second_box = QComboBox(), QComboBox()
        for box, keys in ((self.first_box, FIRST_PRESETS), (self.second_box, SECOND_PRESETS)):
            for key in keys:
                box.addItem("", key)
            box.currentIndexChanged.connect(self.refresh)
        self.relu_between = QCheckBox()
        self.relu_between.toggled.connect(self.refresh)
        self.image_view = Captioned("ink", numbers=False)
        self.first_view = Captioned()
        self.second_view = Captioned()
        self.combined_view = Captioned(largest_cell=34)
        self.difference_label = QLabel()
        self.difference_label.setWordWrap(True)
        self.difference_label.setTextFormat(Qt.TextFormat.RichText)
        self.first_label, self.second_label = QLabel(), QLabel()

        filters = QWidget()
        grid = QGridLayout(filters)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.first_label, 0, 0)
        grid.addWidget(self.first_box, 0, 1)
        grid.addWidget(self.second_label, 0, 2)
        grid.addWidget(self.second_box, 0, 3)
        grid.addWidget(self.relu_between, 0, 4, 1, 2)
        row = QHBoxLayout()
        for view, stretch in ((self.image_view, 3), (self.first_view, 2),
                              (self.second_view, 2), (self.combined_view, 3)):
            row.addWidget(view, stretch)
        row.addWidget(self.difference_label, 4)
        grid.addLayout(row, 1, 0, 1, 6)
        grid.setRowStretch(1, 1)

        self.w_spin, self.b_spin = _spin(1.5), _spin(0.5)
        self.w2_spin, self.b2_spin = _spin(2.0), _spin(-1.0)
        for spin in (self.w_spin, self.b_spin, self.w2_spin, self.b2_spin):
            spin.valueChanged.connect(self.refresh_line)
        self.relu_line = QCheckBox()
        self.relu_line.toggled.connect(self.refresh_line)
        self.plot = make_plot(105)
        self.curve = self.plot.plot(pen=pg.mkPen("#b2182b", width=3), name="z")
        self.hidden_curve = self.plot.plot(pen=pg.mkPen("#2166ac", width=1.5,
                                                        style=Qt.PenStyle.DashLine),
                                           name="y")
        self.plot.setXRange(*X_RANGE, padding=0)
        self.key_label = QLabel()
        self.key_label.setTextFormat(Qt.TextFormat.RichText)
        self.algebra_label = QLabel()
        self.algebra_label.setWordWrap(True)
        self.algebra_label.setTextFormat(Qt.TextFormat.RichText)
        spins = QGridLayout()
        self.spin_labels = [QLabel() for _ in range(4)]
        for index, (label, spin) in enumerate(zip(
                self.spin_labels, (self.w_spin, self.b_spin, self.w2_spin, self.b2_spin),
                strict=True)):
            spins.addWidget(label, 0, 2 * index)
            spins.addWidget(spin, 0, 2 * index + 1)
        side = QVBoxLayout()
        side.addLayout(spins)
        switches = QHBoxLayout()
        switches.addWidget(self.relu_line)
        switches.addStretch(1)
        switches.addWidget(self.key_label)
        side.addLayout(switches)
        side.addWidget(self.algebra_label, 1)
        line = QWidget()
        line_layout = QHBoxLayout(line)
        line_layout.setContentsMargins(0, 0, 0, 0)
        line_layout.addWidget(self.plot, 3)
        line_layout.addLayout(side, 2)

        demo = QWidget()
        layout = QVBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(filters, 1)
        layout.addWidget(line, 1)
        self.set_demo(demo)
        self.set_question()
        self.state.image_changed.connect(self.when_shown(self.refresh))

    # --- texts -----------------------------------------------------------------------
    def title(self) -> str:
        return QCoreApplication.translate("ReluLesson", "Why ReLU")

    def intro(self) -> str:
        return QCoreApplication.translate(
            "ReluLesson",
            "<p>A filter multiplies and adds, so it is <i>linear</i>. Apply a second filter "
            "to the first one's map and you get nothing new: the two together are one "
            "larger filter, the <b>combined kernel</b> below. A stack of straight lines is "
            "still a straight line. A non-linear <b>activation function</b> such as ReLU "
            "(negative values become 0) between the layers is what lets a deeper network "
            "express more.</p>")

    # --- setting the lab up ----------------------------------------------------------
    def show_me(self) -> None:
        """A digit, the first filter in the explorer with no activation after it, so the
        Explore page shows the very map the second filter reads here."""
        key = self.first_box.currentData()
        with self.state.placing_filters():
            self.state.set_source(samples.load_sample(SAMPLE), samples.label(SAMPLE))
            self.state.set_preprocess(Preprocess(color="gray"))
            self.state.set_filters([make_preset_filter(key, 3, 1, preset_name(key))])
            self.state.set_settings(activation="none", stride=(1, 1), padding="valid",
                                    dilation=(1, 1))
        self.relu_between.setChecked(False)
        self.refresh()

    # --- the numbers -----------------------------------------------------------------
    def picture(self) -> np.ndarray:
        """The lab's image as one (H, W) map (the mean of its channels)."""
        return np.asarray(self.state.image, dtype=np.float64).mean(axis=0)

    def refresh(self) -> None:
        k1 = kernels.preset(self.first_box.currentData(), 3)
        k2 = kernels.preset(self.second_box.currentData(), 3)
        image = self.picture()
        try:
            self.stacked = lessons.stacked_filters(image, k1, 0.0, k2, 0.0)
        except lessons.LessonError:
            self.stacked = None
        self.image_view.show_values(image)
        self.first_view.show_values(k1)
        self.second_view.show_values(k2)
        kernel = lessons.combined_filter(k1, 0.0, k2, 0.0)[0]
        self.combined_view.show_values(kernel)
        self._word_difference()
        self.refresh_line()

    def _word_difference(self) -> None:
        stacked = self.stacked
        if stacked is None:
            self.difference_label.setText(QCoreApplication.translate(
                "ReluLesson", "The picture is smaller than the combined kernel: open a "
                "larger picture."))
            return
        size = stacked.combined.shape
        if self.relu_between.isChecked():
            text = QCoreApplication.translate(
                "ReluLesson",
                "With <b>ReLU</b> between the two filters, the result differs from the "
                "combined filter's by up to <b>%1</b> on the %2×%3 map: no single filter "
                "does what the two do now.")
            text = fill(text, number(stacked.relu_difference), size[0], size[1])
        else:
            text = QCoreApplication.translate(
                "ReluLesson",
                "The two filters one after the other and the one combined filter give the "
                "same %2×%3 map: the largest difference is <b>%1</b>, rounding error only.")
            difference = stacked.largest_difference
            text = fill(text, f"{difference:.1e}" if difference else "0", size[0], size[1])
        self.difference_label.setText(text)

    def line_values(self) -> tuple[float, float, float, float]:
        return (self.w_spin.value(), self.b_spin.value(), self.w2_spin.value(),
                self.b2_spin.value())

    def refresh_line(self) -> None:
        w, b, w2, b2 = self.line_values()
        x = np.linspace(*X_RANGE, 121)
        self.line = lessons.line_stack(x, [w], [b], [w2], b2, self.relu_line.isChecked())
        self.curve.setData(x, self.line.z)
        self.hidden_curve.setData(x, self.line.hidden[0])
        self._word_algebra()
        self._ask()

    def _word_algebra(self) -> None:
        w, b, w2, _ = (number(v, 2) for v in self.line_values())
        line = self.line
        if not line.relu:
            text = QCoreApplication.translate(
                "ReluLesson",
                "z = w′(wX + b) + b′<br>= (%3 × %1)X + (%3 × %2 %4)<br>= <b>%5X %6</b>: "
                "one straight line.")
            text = fill(text, w, b, w2, _signed(self.b2_spin.value()), number(line.slope, 2),
                        _signed(line.intercept))
        elif self.w_spin.value() == 0:
            text = QCoreApplication.translate(
                "ReluLesson", "z = w′·ReLU(wX + b) + b′ with w = 0: ReLU(b) is one number, so "
                "z is flat.")
        else:
            kink = -self.b_spin.value() / self.w_spin.value()
            text = QCoreApplication.translate(
                "ReluLesson",
                "z = w′·ReLU(wX + b) + b′<br>ReLU turns wX + b into 0 where it is negative, "
                "so the line can bend at X = −b / w = <b>%1</b>.")
            text = fill(text, number(kink, 2))
        self.algebra_label.setText(text)

    def _ask(self) -> None:
        line = self.line
        straight = lessons.is_straight(line.x, line.z)
        prompt = QCoreApplication.translate(
            "ReluLesson",
            "Look at the settings on the right (with ReLU on or off). Is this stack, "
            "from X to z, linear between X = −3 and X = 3?")
        choices = [QCoreApplication.translate("ReluLesson", "Yes: a straight line"),
                   QCoreApplication.translate("ReluLesson", "No: it bends")]
        if not line.relu:
            worked = fill(QCoreApplication.translate(
                "ReluLesson",
                "Linear. Without an activation, z = %1X + %2, a straight line, whatever the "
                "weights."), number(line.slope, 2), number(line.intercept, 2))
        elif straight and self.w2_spin.value() == 0:
            worked = QCoreApplication.translate(
                "ReluLesson",
                "Linear here: w′ = 0 multiplies whatever ReLU gives by 0, so z = b′ for "
                "every X, a flat line. Give w′ another value to see ReLU's bend.")
        elif straight and self.w_spin.value() == 0:
            worked = QCoreApplication.translate(
                "ReluLesson",
                "Linear here: w = 0 makes wX + b the same number b for every X, so there "
                "is nothing for ReLU to bend and z is flat. Give w another value to see it "
                "bend.")
        elif straight:
            worked = QCoreApplication.translate(
                "ReluLesson",
                "Linear here. ReLU is on, but wX + b keeps one sign from X = −3 to 3, so "
                "ReLU never cuts and this part stays straight. Move b to see it bend.")
        else:
            worked = fill(QCoreApplication.translate(
                "ReluLesson",
                "Not linear. ReLU sets wX + b to 0 on one side of X = %1, so the line bends "
                "there: it is no longer one straight line."),
                number(-self.b_spin.value() / self.w_spin.value(), 2))
        self.question.ask_choice(prompt, choices, 0 if straight else 1, worked)

    # --- language --------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        for box in (self.first_box, self.second_box):
            for index in range(box.count()):
                box.setItemText(index, preset_name(box.itemData(index)))
        self.first_label.setText(QCoreApplication.translate("ReluLesson", "First filter:"))
        self.second_label.setText(QCoreApplication.translate("ReluLesson", "then:"))
        self.relu_between.setText(QCoreApplication.translate(
            "ReluLesson", "ReLU between them"))
        self.image_view.caption.setText(QCoreApplication.translate("ReluLesson", "Picture"))
        self.first_view.caption.setText(QCoreApplication.translate("ReluLesson", "Filter 1"))
        self.second_view.caption.setText(QCoreApplication.translate("ReluLesson", "Filter 2"))
        self.combined_view.caption.setText(QCoreApplication.translate(
            "ReluLesson", "Combined kernel (5×5)"))
        names = ("w", "b", "w′", "b′")
        for label, name in zip(self.spin_labels, names, strict=True):
            label.setText(fill(QCoreApplication.translate("ReluLesson", "%1:"), name))
        self.relu_line.setText(QCoreApplication.translate(
            "ReluLesson", "ReLU in the hidden layer"))
        plot = self.plot.getPlotItem()
        plot.setLabel("bottom", QCoreApplication.translate(
            "ReluLesson", "Input X → hidden y → output z"))
        plot.setLabel("left", "z")
        self.key_label.setText(key_text(
            ("#b2182b", QCoreApplication.translate("ReluLesson", "output z")),
            ("#2166ac", QCoreApplication.translate("ReluLesson", "hidden y"))))
        self.refresh()


def _signed(value: float) -> str:
    """``"+ 0.5"`` or ``"− 1"``: a term added in a sum, never written ``+ −1``."""
    return ("− " if value < 0 else "+ ") + number(abs(float(value)), 2)
