"""Lesson 9, softmax and cross-entropy: scores the learner sets become probabilities, the
loss −log p of the true class, and how hard each loss pushes as the prediction goes from
right to confidently wrong."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from engine import lessons
from gui.common.probability_bars import ProbabilityBars
from gui.lessons.base import Lesson
from gui.lessons.lesson_parts import fill, key_text, make_plot, number

#: The scores the sliders start at (dog, cat, bird) and their range.
START_SCORES = (2.0, 1.0, -1.0)
SCORE_RANGE = 6.0
#: Slider steps per score unit.
STEPS = 10


class SoftmaxLesson(Lesson):
    """Three class scores, their softmax, the loss for a chosen true class, and a plot of
    both losses' gradients at the true class's score over its range.

    Attributes
    ----------
    sliders : list of QSlider
        The scores (tenths).
    true_box : QComboBox
        The true class.
    bars : ProbabilityBars
    arithmetic_label : QLabel
        Softmax and the loss with the current numbers.
    plot : pyqtgraph.PlotWidget
        ``ce_curve``, ``se_curve`` and the current scores' points ``ce_point``,
        ``se_point``.
    sweep : engine.lessons.GradientSweep
        What the curves show.
    """

    key = "softmax_cross_entropy"

    def build(self) -> None:
        self.sweep: lessons.GradientSweep | None = None
        self.sliders, self.slider_labels, self.value_labels = [], [], []
        scores = QGridLayout()
        for index, value in enumerate(START_SCORES):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(int(-SCORE_RANGE * STEPS), int(SCORE_RANGE * STEPS))
            slider.setValue(int(value * STEPS))
            slider.valueChanged.connect(self.refresh)
            self.sliders.append(slider)
            name, shown = QLabel(), QLabel()
            shown.setMinimumWidth(40)
            self.slider_labels.append(name)
            self.value_labels.append(shown)
            scores.addWidget(name, index, 0)
            scores.addWidget(slider, index, 1)
            scores.addWidget(shown, index, 2)
        self.true_label = QLabel()
        self.true_box = QComboBox()
        for index in range(len(START_SCORES)):
            self.true_box.addItem("", index)
        self.true_box.currentIndexChanged.connect(self.refresh)
        scores.addWidget(self.true_label, 3, 0)
        scores.addWidget(self.true_box, 3, 1, 1, 2)
        self.bars = ProbabilityBars(compact=True)
        self.bars.setMinimumHeight(80)
        self.bars.setMaximumHeight(170)  # its own hint (500 px) would push the question away
        self.arithmetic_label = QLabel()
        self.arithmetic_label.setWordWrap(True)
        self.arithmetic_label.setTextFormat(Qt.TextFormat.RichText)
        left = QVBoxLayout()
        left.addLayout(scores)
        left.addWidget(self.bars, 1)
        left.addWidget(self.arithmetic_label)

        self.plot = make_plot(150)
        self.ce_curve = self.plot.plot(pen=pg.mkPen("#b2182b", width=3), name="ce")
        self.se_curve = self.plot.plot(pen=pg.mkPen("#2166ac", width=3), name="se")
        self.ce_point = pg.ScatterPlotItem(size=11, brush=pg.mkBrush("#b2182b"))
        self.se_point = pg.ScatterPlotItem(size=11, brush=pg.mkBrush("#2166ac"))
        self.plot.addItem(self.ce_point)
        self.plot.addItem(self.se_point)
        self.plot.setXRange(-SCORE_RANGE, SCORE_RANGE, padding=0.02)
        self.plot.setYRange(0, 1.05, padding=0)

        self.key_label = QLabel()
        self.key_label.setTextFormat(Qt.TextFormat.RichText)
        right = QVBoxLayout()
        right.addWidget(self.plot, 1)
        right.addWidget(self.key_label)
        demo = QWidget()
        layout = QHBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.set_demo(demo)
        self.set_question()

    def title(self) -> str:
        return QCoreApplication.translate("SoftmaxLesson", "Softmax and cross-entropy")

    def intro(self) -> str:
        return QCoreApplication.translate(
            "SoftmaxLesson",
            "<p>The output layer gives each class a <b>score</b>. The <b>softmax function</b> "
            "turns the scores into probabilities that add up to 1: p = e<sup>z</sup> / "
            "Σe<sup>z</sup>. The <b>cross-entropy</b> loss is −log p of the true class: "
            "near 0 when the network is right and sure, large when it is wrong. Its "
            "gradient at the scores is simply p − y, so the more wrong the prediction, "
            "the harder training pushes. With <b>squared error</b> on the probabilities, "
            "the push fades away exactly when the prediction is confidently wrong; that "
            "is why classification uses cross-entropy and squared error is left to "
            "regression.</p>")

    def show_me(self) -> None:
        """This lesson's numbers are its own (scores set by hand): Show me sets them back
        to a prediction that is right but unsure, with the dog as the true class."""
        for slider, value in zip(self.sliders, START_SCORES, strict=True):
            slider.blockSignals(True)
            slider.setValue(int(value * STEPS))
            slider.blockSignals(False)
        self.true_box.blockSignals(True)
        self.true_box.setCurrentIndex(0)
        self.true_box.blockSignals(False)
        self.refresh()

    def class_names(self) -> list[str]:
        return [QCoreApplication.translate("SoftmaxLesson", "dog"),
                QCoreApplication.translate("SoftmaxLesson", "cat"),
                QCoreApplication.translate("SoftmaxLesson", "bird")]

    def scores(self) -> np.ndarray:
        return np.array([slider.value() / STEPS for slider in self.sliders])

    def refresh(self) -> None:
        scores, true_class = self.scores(), int(self.true_box.currentData() or 0)
        names = self.class_names()
        for label, value in zip(self.value_labels, scores, strict=True):
            label.setText(number(value, 1))
        p = lessons.softmax_of(scores)
        self.bars.set_probabilities(p, names)
        loss = lessons.cross_entropy_loss(scores, true_class)
        grad_ce, grad_se = lessons.loss_gradients(scores, true_class)
        self.arithmetic_label.setText(fill(QCoreApplication.translate(
            "SoftmaxLesson",
            "p(%1) = e<sup>%2</sup> / (e<sup>%3</sup> + e<sup>%4</sup> + e<sup>%5</sup>) = "
            "<b>%6</b><br>Cross-entropy loss = −log %6 = <b>%7</b><br>Gradient at the "
            "score of %1: cross-entropy %8, squared error %9"),
            names[true_class], number(scores[true_class], 1), number(scores[0], 1),
            number(scores[1], 1), number(scores[2], 1), probability_text(p[true_class]),
            number(loss, 3), number(grad_ce[true_class], 3), number(grad_se[true_class], 3)))
        values = np.linspace(-SCORE_RANGE, SCORE_RANGE, 121)
        self.sweep = lessons.gradient_sweep(scores, true_class, values)
        self.ce_curve.setData(values, np.abs(self.sweep.cross_entropy_gradient))
        self.se_curve.setData(values, np.abs(self.sweep.squared_error_gradient))
        here = scores[true_class]
        self.ce_point.setData([here], [abs(grad_ce[true_class])])
        self.se_point.setData([here], [abs(grad_se[true_class])])
        self._ask(true_class)

    def _ask(self, true_class: int) -> None:
        sweep, name = self.sweep, self.class_names()[true_class]
        wrong = int(np.argmin(sweep.true_scores))  # the most confidently wrong point
        ce, se = (abs(sweep.cross_entropy_gradient[wrong]),
                  abs(sweep.squared_error_gradient[wrong]))
        prompt = fill(QCoreApplication.translate(
            "SoftmaxLesson",
            "Slide the score of %1 (the true class) far to the left: the network is now "
            "confidently wrong. Which loss pushes that score up harder there?"), name)
        choices = [QCoreApplication.translate("SoftmaxLesson", "Cross-entropy"),
                   QCoreApplication.translate("SoftmaxLesson", "Squared error")]
        worked = fill(QCoreApplication.translate(
            "SoftmaxLesson",
            "At a score of %1 (p = %2), the gradient is %3 for cross-entropy but only %4 for "
            "squared error: squared error has almost nothing left to learn from when the "
            "network is confidently wrong."), number(sweep.true_scores[wrong], 1),
            number(sweep.probability[wrong], 4), number(ce, 3), number(se, 4))
        self.question.ask_choice(prompt, choices, 0 if ce > se else 1, worked)

    def retranslate(self) -> None:
        super().retranslate()
        names = self.class_names()
        for label, name in zip(self.slider_labels, names, strict=True):
            label.setText(fill(QCoreApplication.translate("SoftmaxLesson", "Score of %1:"),
                               name))
        for index, name in enumerate(names):
            self.true_box.setItemText(index, name)
        self.true_label.setText(QCoreApplication.translate("SoftmaxLesson", "True class:"))
        plot = self.plot.getPlotItem()
        plot.setTitle(QCoreApplication.translate(
            "SoftmaxLesson", "How hard each loss pushes the true class's score"))
        plot.setLabel("bottom", QCoreApplication.translate(
            "SoftmaxLesson", "score of the true class (left: confidently wrong, right: right)"))
        plot.setLabel("left", QCoreApplication.translate("SoftmaxLesson", "|gradient|"))
        self.key_label.setText(key_text(
            ("#b2182b", QCoreApplication.translate("SoftmaxLesson", "cross-entropy")),
            ("#2166ac", QCoreApplication.translate("SoftmaxLesson", "squared error"))))
        # The bars word their (hidden) cleared state only while cleared: clear them once
        # so it too is in the current language; refresh shows the probabilities again.
        self.bars.set_probabilities(None)
        self.refresh()


def probability_text(p: float) -> str:
    """``p`` to three decimals, or to three significant digits when it is smaller than
    0.001: "−log 0.000" would read as an infinite loss."""
    p = float(p)
    if p == 0 or p >= 0.001:
        return number(p, 3)
    return np.format_float_positional(p, precision=3, unique=False, fractional=False)
