"""Lesson 8, full connection: the trained model's dense layer, each unit's weights laid
back onto the pooled maps they read ("what each class looks for"), and how many weights
and biases lead from the input layer through the hidden layer to the output."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine import architecture, lessons
from gui.common.display_names import class_names
from gui.lessons.base import Lesson
from gui.lessons.lesson_parts import Captioned, fill

#: Most maps shown side by side (a first layer may have many more filters).
SHOWN_MAPS = 6
#: The network counted when none is trained yet: the Train page's default, on digits.
DEFAULT_INPUT = (1, 28, 28)


class FullConnectionLesson(Lesson):
    """The first dense layer's weights for one unit (a class, or a hidden unit when the
    model has a hidden layer), reshaped to the pooled maps; the layer counts.

    Attributes
    ----------
    unit_box : QComboBox
        Which unit's weights are shown.
    map_views : list of Captioned
        Its weights on the first :data:`SHOWN_MAPS` pooled maps.
    counts_label : QLabel
        Input → hidden → output, with the weights and biases of each step.
    no_model_label : QLabel
    train_button : QPushButton
        Opens the Train page (shown while there is no trained model).
    """

    key = "full_connection"

    def build(self) -> None:
        self.maps: lessons.DenseWeightMaps | None = None
        self.connections: tuple[lessons.Connection, ...] = ()
        self.unit_label = QLabel()
        self.unit_box = QComboBox()
        self.unit_box.currentIndexChanged.connect(self.show_unit)
        self.no_model_label = QLabel()
        self.no_model_label.setWordWrap(True)
        self.train_button = QPushButton()
        self.train_button.clicked.connect(self.open_train_page)
        top = QHBoxLayout()
        top.addWidget(self.unit_label)
        top.addWidget(self.unit_box)
        top.addWidget(self.no_model_label, 1)
        top.addWidget(self.train_button)
        top.addStretch(0)
        self.map_views = [Captioned(numbers=False, hint=120) for _ in range(SHOWN_MAPS)]
        maps = QHBoxLayout()
        for view in self.map_views:
            maps.addWidget(view, 1)
        self.more_label = QLabel()
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        demo = QWidget()
        layout = QVBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(maps, 1)
        layout.addWidget(self.more_label)
        layout.addWidget(self.counts_label)
        self.set_demo(demo)
        self.set_question()
        # The counts show the asked number once it is answered or revealed.
        self.question.reveal_button.clicked.connect(self.refresh)
        self.question.answered.connect(lambda _: self.refresh())
        self.state.model_changed.connect(self.when_shown(self.refresh))

    def title(self) -> str:
        return QCoreApplication.translate("FullConnectionLesson", "Full connection")

    def intro(self) -> str:
        return QCoreApplication.translate(
            "FullConnectionLesson",
            "<p>The flattened vector is the <b>input layer</b> of an ordinary network. In a "
            "<b>fully connected layer</b> every output is a weighted sum of every input, "
            "plus a bias; a hidden layer then applies its activation, and the output layer "
            "gives one score per class. Laid back onto the pooled maps, one output's weights "
            "show what it looks for: red where ink raises its score, blue where ink lowers "
            "it. Training sets all these weights by back-propagation.</p>")

    def show_me(self) -> None:
        """With a trained model: its learned filters in the explorer (so the maps are the
        ones this layer reads). Without one there is nothing to set up: the lesson stays
        (counting the default network) and offers the Train page beside its message."""
        if self.state.model is not None and self.state.first_conv() is not None:
            self.state.use_learned_filters()
        self.refresh()

    def open_train_page(self) -> None:
        if self.main_window is not None:
            self.main_window.show_page("train")

    # --- the numbers -----------------------------------------------------------------
    def refresh(self) -> None:
        model = self.state.model
        self.maps = None
        if model is not None and model.input_shape is not None:
            try:
                self.maps = lessons.dense_weight_maps(model)
            except lessons.LessonError:
                self.maps = None
            summary = model.summary()
        else:
            summary = architecture.summarize(
                architecture.network_architecture(DEFAULT_INPUT, 10), DEFAULT_INPUT)
        self.connections = lessons.dense_connections(summary)
        self.no_model_label.setVisible(model is None)
        self.train_button.setVisible(model is None)
        self.unit_box.setEnabled(self.maps is not None)
        self._fill_units()
        self.show_unit()
        self._ask(model is None)  # first: a remembered answer settles the question
        self._word_counts(model is None)

    def _unit_names(self) -> list[str]:
        maps, model = self.maps, self.state.model
        if maps is None:
            return []
        if maps.to_classes:
            names = class_names(model.class_names or range(len(maps.maps)))
            return [fill(QCoreApplication.translate("FullConnectionLesson", "class %1"), n)
                    for n in names]
        return [fill(QCoreApplication.translate("FullConnectionLesson", "hidden unit %1"),
                     i + 1) for i in range(len(maps.maps))]

    def _fill_units(self) -> None:
        names = self._unit_names()
        current = max(0, self.unit_box.currentIndex())
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        self.unit_box.addItems(names)
        if names:
            self.unit_box.setCurrentIndex(min(current, len(names) - 1))
        self.unit_box.blockSignals(False)

    def show_unit(self) -> None:
        maps = self.maps
        if maps is None:
            for view in self.map_views:
                view.setVisible(False)
            self.more_label.clear()
            return
        unit = max(0, self.unit_box.currentIndex())
        weights = maps.maps[unit]
        high = float(np.abs(weights).max()) or 1.0
        for index, view in enumerate(self.map_views):
            view.setVisible(index < len(weights))
            if index < len(weights):
                view.show_values(weights[index] / high)
                view.caption.setText(fill(QCoreApplication.translate(
                    "FullConnectionLesson", "Map %1"), index + 1))
        hidden = len(weights) - len(self.map_views)
        self.more_label.setText(fill(QCoreApplication.translate(
            "FullConnectionLesson", "… and %1 more maps, not shown."), hidden)
            if hidden > 0 else "")

    def _word_counts(self, untrained: bool) -> None:
        asked = self.question_open()
        steps = []
        for number, connection in enumerate(self.connections):
            last = number == len(self.connections) - 1
            text = (QCoreApplication.translate(
                "FullConnectionLesson",
                "%1 inputs → %2 outputs (the classes): %1 × %2 = %3 weights and %4 biases")
                if last else QCoreApplication.translate(
                "FullConnectionLesson",
                "%1 inputs → %2 hidden units: %1 × %2 = %3 weights and %4 biases"))
            # The question asks for the first layer's weights: "?" until it is answered.
            weights = "?" if number == 0 and asked else f"{connection.weights:,}"
            steps.append(fill(text, f"{connection.inputs:,}", f"{connection.outputs:,}",
                              weights, f"{connection.biases:,}"))
        total = sum(c.weights + c.biases for c in self.connections)
        head = (QCoreApplication.translate(
            "FullConnectionLesson", "The Train page's default network (not trained yet):")
            if untrained else QCoreApplication.translate(
            "FullConnectionLesson", "The trained network:"))
        tail = fill(QCoreApplication.translate(
            "FullConnectionLesson",
            "In all, %1 numbers in these fully connected layers for training to set (the "
            "convolutions have their own weights besides)."), "?" if asked else f"{total:,}")
        self.counts_label.setText(head + "<br>" + "<br>".join(steps) + "<br>" + tail)

    def _ask(self, untrained: bool) -> None:
        first = self.connections[0]
        prompt = fill(QCoreApplication.translate(
            "FullConnectionLesson",
            "The flattened vector has %1 values and the next layer has %2 units. How many "
            "weights connect them?"), f"{first.inputs:,}", f"{first.outputs:,}")
        worked = fill(QCoreApplication.translate(
            "FullConnectionLesson",
            "Every input connects to every unit: %1 × %2 = %3 weights (plus %4 biases, one "
            "per unit)."), f"{first.inputs:,}", f"{first.outputs:,}", f"{first.weights:,}",
            f"{first.biases:,}")
        self.question.ask_number(prompt, first.weights, worked)

    def retranslate(self) -> None:
        super().retranslate()
        self.unit_label.setText(QCoreApplication.translate("FullConnectionLesson",
                                                           "Weights of:"))
        self.no_model_label.setText(QCoreApplication.translate(
            "FullConnectionLesson",
            "There is no trained model yet, so there are no learned weights to show. Train "
            "one (a minute or two on digits), then come back."))
        self.train_button.setText(QCoreApplication.translate("FullConnectionLesson",
                                                             "Open the Train page"))
        self.refresh()
