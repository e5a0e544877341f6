"""Lesson 10, learning by back-propagation: one example through a small network and
back, every number from the layers' own backward passes, then one step of gradient
descent and the loss after it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import lessons
from gui.common import samples
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.lesson_parts import Captioned, fill, number

SAMPLE = "mnist:7"
#: The small network: two 3×3 filters, ReLU, 2×2 max pooling, three classes.
CLASSES, FILTERS, KERNEL, SEED = 3, 2, 3, 0
#: The kernel cell the question asks about (row, col).
ASKED_CELL = (1, 1)


def _vector(values, decimals: int = 3) -> str:
    return "(" + ", ".join(number(v, decimals) for v in values) + ")"


class BackpropLesson(Lesson):
    """The lab's picture through conv → ReLU → max pool → flatten → dense(3), back again,
    and a gradient-descent step; "Take the step" keeps the stepped weights, so the loss
    can be watched falling step by step.

    Attributes
    ----------
    model : engine.model.Sequential
        The small network as it stands (after the steps taken).
    step : engine.lessons.BackpropStep
        The current example stepped through ``model``.
    true_box : QComboBox
    rate_spin : QDoubleSpinBox
        The learning rate η.
    filter_spin : QSpinBox
        Which filter's maps and kernel are shown (1-based).
    step_button, reset_button : QPushButton
    steps_taken : int
    """

    key = "backprop"

    def build(self) -> None:
        self.model = None
        self.step: lessons.BackpropStep | None = None
        self.steps_taken = 0
        self.true_box = QComboBox()
        for index in range(CLASSES):
            self.true_box.addItem("", index)
        self.true_box.currentIndexChanged.connect(self.recompute)
        self.rate_spin = QDoubleSpinBox()
        self.rate_spin.setRange(0.01, 2.0)
        self.rate_spin.setSingleStep(0.05)
        self.rate_spin.setDecimals(2)
        self.rate_spin.setValue(0.1)
        self.rate_spin.valueChanged.connect(self.recompute)
        self.filter_spin = QSpinBox()
        self.filter_spin.setRange(1, FILTERS)
        self.filter_spin.valueChanged.connect(self.show_step)
        self.step_button, self.reset_button = QPushButton(), QPushButton()
        self.step_button.clicked.connect(self.take_step)
        self.reset_button.clicked.connect(self.start_again)
        self.true_label, self.rate_label, self.filter_label = QLabel(), QLabel(), QLabel()
        controls = QHBoxLayout()
        for widget in (self.true_label, self.true_box, self.rate_label, self.rate_spin,
                       self.filter_label, self.filter_spin, self.step_button,
                       self.reset_button):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.conv_view = Captioned(numbers=False, hint=110)
        self.winner_view = Captioned(numbers=False, hint=110)
        self.mask_view = Captioned("ink", numbers=False, hint=110)
        self.grad_view = Captioned(numbers=False, hint=110)
        self.kernel_view = Captioned(largest_cell=36, hint=110)
        self.kernel_grad_view = Captioned(largest_cell=36, hint=110)
        maps = QHBoxLayout()
        for view in (self.conv_view, self.winner_view, self.mask_view, self.grad_view,
                     self.kernel_grad_view, self.kernel_view):
            maps.addWidget(view, 1)
        self.forward_label, self.backward_label = QLabel(), QLabel()
        texts = QHBoxLayout()
        for label in (self.forward_label, self.backward_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            texts.addWidget(label, 1)

        demo = QWidget()
        layout = QVBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addLayout(maps, 1)
        layout.addLayout(texts)
        self.set_demo(demo)
        self.set_question()
        self.state.image_changed.connect(self.when_shown(self.start_again))

    def title(self) -> str:
        return QCoreApplication.translate("BackpropLesson", "Learning by back-propagation")

    def intro(self) -> str:
        return QCoreApplication.translate(
            "BackpropLesson",
            "<p>Training asks, for every weight: if it grew a little, would the loss grow? "
            "<b>Back-propagation</b> answers for all weights at once, from the output back "
            "to the first filter: the gradient p − y at the scores, back through the dense "
            "layer, through pooling (only each window's winner gets a share), through ReLU "
            "(only where it let the value through), and into the kernel, by the same "
            "sliding window as the convolution. <b>Gradient descent</b> then moves every "
            "weight a little against its gradient: w ← w − η·g, with the <b>learning "
            "rate</b> η. Below, a small network with two 3×3 filters learns the lab's "
            "picture.</p>")

    def show_me(self) -> None:
        """A digit as the lab's picture; the small network starts again on it."""
        with self.state.batch():
            self.state.set_source(samples.load_sample(SAMPLE), samples.label(SAMPLE))
            self.state.set_preprocess(Preprocess(color="gray"))
        self.start_again()

    # --- the numbers -----------------------------------------------------------------
    def picture(self) -> np.ndarray:
        """The lab's image as one channel (C, H, W) with C = 1."""
        return np.asarray(self.state.image, dtype=np.float64).mean(axis=0)[None]

    def start_again(self) -> None:
        """A freshly initialised small network for the current picture."""
        image = self.picture()
        try:
            self.model = lessons.small_network(image.shape, CLASSES, FILTERS, KERNEL,
                                               seed=SEED)
        except ValueError:
            self.model = None
        self.steps_taken = 0
        self.recompute()

    def recompute(self) -> None:
        if self.model is None:
            self.step = None
            self.forward_label.setText(QCoreApplication.translate(
                "BackpropLesson", "The picture is too small for the small network: open a "
                "larger picture."))
            self.backward_label.clear()
            return
        self.step = lessons.backprop_step(self.model, self.picture(),
                                          int(self.true_box.currentData() or 0),
                                          self.rate_spin.value())
        self.show_step()

    def take_step(self) -> None:
        """Keep the stepped weights: the next example starts from them."""
        if self.step is None:
            return
        self.model = self.step.model_after
        self.steps_taken += 1
        self.recompute()

    def show_step(self) -> None:
        step = self.step
        if step is None or not hasattr(self, "kernel_view"):
            return
        f = self.filter_spin.value() - 1
        self.conv_view.show_values(step.conv[f] / max(np.abs(step.conv[f]).max(), 1e-12))
        winners = np.where(step.winners[f], step.grad_relu[f], 0.0)
        scale = max(np.abs(step.grad_conv[f]).max(), np.abs(winners).max(), 1e-12)
        self.winner_view.show_values(winners / scale)
        self.mask_view.show_values(step.mask[f].astype(np.float32))
        self.grad_view.show_values(step.grad_conv[f] / scale)
        self.kernel_view.show_values(step.kernel[f, 0], decimals=2)
        self.kernel_grad_view.show_values(step.grad_kernel[f, 0] * 100, decimals=1)
        self._word(f)
        self._ask(f)

    def _word(self, f: int) -> None:
        step = self.step
        true = step.true_class
        names = self.class_names()
        self.forward_label.setText(fill(QCoreApplication.translate(
            "BackpropLesson",
            "<b>Forward.</b> Scores z = %1, softmax p = %2.<br>The true class is %3, so the "
            "loss is −log %4 = <b>%5</b>.<br><b>After the step</b> (η = %6): loss <b>%7</b>, "
            "p(%3) = %8. Steps taken: %9."),
            _vector(step.scores, 2), _vector(step.probabilities, 3), names[true],
            number(step.probabilities[true], 3), number(step.loss, 4),
            number(step.learning_rate, 2), number(step.loss_after, 4),
            number(step.probabilities_after[true], 3), self.steps_taken))
        receivers = int(step.winners[f].sum())
        passed = int(step.mask[f].sum())
        row, col = ASKED_CELL
        window, products, total = lessons.window_products(step.image, step.grad_conv[f], 0,
                                                          row, col)
        self.backward_label.setText(fill(QCoreApplication.translate(
            "BackpropLesson",
            "<b>Backward.</b> At the scores: p − y = %1. The dense layer turns it into %2 "
            "gradients, one per pooled value. Pooling hands each to its window's winner: "
            "%3 of %4 cells of filter %5. ReLU lets through only where the map was "
            "positive: %6 cells. The kernel's gradient at cell (%7, %8) is the sum of "
            "%9 products, input × upstream gradient, under the same sliding window."),
            _vector(step.grad_scores, 3), step.grad_flat.size, receivers, step.mask[f].size,
            f + 1, passed, row + 1, col + 1, products.size) + " " + fill(
            QCoreApplication.translate("BackpropLesson", "Their sum: <b>%1</b>."),
            number(total, 5)))

    def _ask(self, f: int) -> None:
        step = self.step
        row, col = ASKED_CELL
        w = float(step.kernel[f, 0, row, col])
        g = float(step.grad_kernel[f, 0, row, col])
        rate = step.learning_rate
        answer = float(step.kernel_after[f, 0, row, col])
        prompt = fill(QCoreApplication.translate(
            "BackpropLesson",
            "Filter %1's weight at the centre is w = %2 and its gradient is g = %3. With "
            "learning rate η = %4, what is the weight after one step of gradient descent?"),
            f + 1, number(w, 4), number(g, 4), number(rate, 2))
        worked = fill(QCoreApplication.translate(
            "BackpropLesson", "w − η·g = %1 − %2 × %3 = %4: the weight moves against its "
            "gradient."), number(w, 4), number(rate, 2), number(g, 4), number(answer, 4))
        self.question.ask_number(prompt, answer, worked, tolerance=0.0006)

    def class_names(self) -> list[str]:
        return [fill(QCoreApplication.translate("BackpropLesson", "class %1"), i + 1)
                for i in range(CLASSES)]

    def retranslate(self) -> None:
        super().retranslate()
        for index, name in enumerate(self.class_names()):
            self.true_box.setItemText(index, name)
        self.true_label.setText(QCoreApplication.translate("BackpropLesson", "True class:"))
        self.rate_label.setText(QCoreApplication.translate("BackpropLesson",
                                                           "Learning rate η:"))
        self.filter_label.setText(QCoreApplication.translate("BackpropLesson", "Filter:"))
        self.step_button.setText(QCoreApplication.translate("BackpropLesson",
                                                            "Take the step"))
        self.step_button.setToolTip(QCoreApplication.translate(
            "BackpropLesson", "Keep the new weights and step through the example again"))
        self.reset_button.setText(QCoreApplication.translate("BackpropLesson",
                                                             "Start again"))
        self.conv_view.caption.setText(QCoreApplication.translate(
            "BackpropLesson", "1. Feature map"))
        self.winner_view.caption.setText(QCoreApplication.translate(
            "BackpropLesson", "2. Gradient to the winners"))
        self.mask_view.caption.setText(QCoreApplication.translate(
            "BackpropLesson", "3. ReLU mask"))
        self.grad_view.caption.setText(QCoreApplication.translate(
            "BackpropLesson", "4. Gradient at the map"))
        self.kernel_grad_view.caption.setText(QCoreApplication.translate(
            "BackpropLesson", "5. Kernel gradient ×100"))
        self.kernel_view.caption.setText(QCoreApplication.translate(
            "BackpropLesson", "Kernel (before)"))
        if self.model is None:
            self.start_again()
        else:
            self.show_step()
