"""Lesson 6, pooling: max against average on the same feature map; how much less the
pooled map changes than the feature map when the picture moves by a pixel or two; how
many values pooling takes away from the layers after it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import lessons
from gui.common import samples
from gui.common.preprocess import Preprocess
from gui.common.widgets import set_spin_value
from gui.lessons.base import Lesson
from gui.lessons.lesson_parts import Captioned, fill, number
from gui.state.filters import default_filters

SAMPLE = "mnist:7"
#: The dense layer the savings are counted for: one output per digit.
DENSE_UNITS = 10


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class PoolingLesson(Lesson):
    """The selected filter's feature map of the lab's picture, pooled by max and by
    average with the explorer's pool size; the picture moved by a few pixels.

    The pool kind and size are the explorer's (``state.settings``): changing them here
    changes them there, and the other way round.

    Attributes
    ----------
    pool_box : QComboBox  ("max" or "avg" as item data)
    size_spin, rows_spin, cols_spin : QSpinBox
        Pool size; how far the picture moves down and right.
    feature_view, max_view, avg_view, moved_view, moved_pooled_view : Captioned
    change_label, savings_label : QLabel
    """

    key = "pooling"

    def build(self) -> None:
        self.effect: lessons.ShiftEffect | None = None
        self.savings: lessons.PoolingSavings | None = None
        self.pool_box = QComboBox()
        for kind in ("max", "avg"):
            self.pool_box.addItem("", kind)
        self.size_spin = _spin(2, 4, 2)
        self.rows_spin, self.cols_spin = _spin(-3, 3, 0), _spin(-3, 3, 1)
        self.pool_box.currentIndexChanged.connect(self._on_pool_edited)
        self.size_spin.valueChanged.connect(self._on_pool_edited)
        self.rows_spin.valueChanged.connect(self.refresh)
        self.cols_spin.valueChanged.connect(self.refresh)
        self.pool_label, self.size_label, self.shift_label = QLabel(), QLabel(), QLabel()
        self.rows_label, self.cols_label = QLabel(), QLabel()
        controls = QHBoxLayout()
        for widget in (self.pool_label, self.pool_box, self.size_label, self.size_spin,
                       self.shift_label, self.rows_label, self.rows_spin, self.cols_label,
                       self.cols_spin):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.feature_view = Captioned(numbers=False)
        self.max_view = Captioned(numbers=False)
        self.avg_view = Captioned(numbers=False)
        self.moved_view = Captioned(numbers=False)
        self.moved_pooled_view = Captioned(numbers=False)
        maps = QHBoxLayout()
        for view in (self.feature_view, self.max_view, self.avg_view, self.moved_view,
                     self.moved_pooled_view):
            maps.addWidget(view, 1)
        self.change_label, self.savings_label = QLabel(), QLabel()
        for label in (self.change_label, self.savings_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)

        demo = QWidget()
        layout = QVBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addLayout(maps, 1)
        layout.addWidget(self.change_label)
        layout.addWidget(self.savings_label)
        self.set_demo(demo)
        self.set_question()
        # The savings show the asked number once it is answered or revealed.
        self.question.reveal_button.clicked.connect(self.refresh)
        self.question.answered.connect(lambda _: self.refresh())
        self.state.image_changed.connect(self.when_shown(self.refresh))
        self.state.filters_changed.connect(self.when_shown(self.refresh))
        self.state.selected_filter_changed.connect(self.when_shown(self.refresh))
        self.state.settings_changed.connect(self.when_shown(self._on_settings_changed))
        self._on_settings_changed()

    def title(self) -> str:
        return QCoreApplication.translate("PoolingLesson", "Pooling")

    def intro(self) -> str:
        return QCoreApplication.translate(
            "PoolingLesson",
            "<p><b>Max pooling</b> keeps the largest value of each small block (2×2, say) of "
            "a feature map; <b>average pooling</b> keeps the block's mean. Either way the map "
            "shrinks, and a feature that moves a little inside its block gives nearly the "
            "same pooled value: the same dog, photographed from a slightly different angle, "
            "still lights up the same cells. Move the picture below and compare how much "
            "each map changes.</p>")

    # --- the lab's settings ----------------------------------------------------------
    def show_me(self) -> None:
        """A digit, the default filters, ReLU and 2×2 max pooling in the explorer."""
        with self.state.placing_filters():
            self.state.set_source(samples.load_sample(SAMPLE), samples.label(SAMPLE))
            self.state.set_preprocess(Preprocess(color="gray"))
            self.state.set_filters(default_filters(1))
            self.state.select_filter(0)
            self.state.set_settings(activation="relu", pool="max", pool_size=(2, 2),
                                    pool_stride=None, stride=(1, 1), padding="valid",
                                    dilation=(1, 1))
        set_spin_value(self.rows_spin, 0)
        set_spin_value(self.cols_spin, 1)
        self.refresh()

    def _on_pool_edited(self) -> None:
        size = self.size_spin.value()
        self.state.set_settings(pool=self.pool_box.currentData(), pool_size=(size, size),
                                pool_stride=None)

    def _on_settings_changed(self) -> None:
        settings = self.state.settings
        kind = settings.pool if settings.pool in ("max", "avg") else "max"
        self.pool_box.blockSignals(True)
        self.pool_box.setCurrentIndex(self.pool_box.findData(kind))
        self.pool_box.blockSignals(False)
        set_spin_value(self.size_spin, min(4, max(2, int(settings.pool_size[0]))))
        self.refresh()

    # --- the numbers -----------------------------------------------------------------
    def kernel(self) -> tuple[np.ndarray, float]:
        """The selected filter, its channels averaged (as the picture's are)."""
        selected = self.state.selected_filter
        return np.asarray(selected.weights, np.float64).sum(axis=0), float(selected.bias)

    def refresh(self) -> None:
        if not hasattr(self, "moved_pooled_view"):
            return
        image = np.asarray(self.state.image, np.float64).mean(axis=0)
        kernel, bias = self.kernel()
        kind, size = self.pool_box.currentData(), self.size_spin.value()
        shift = (self.rows_spin.value(), self.cols_spin.value())
        try:
            self.effect = lessons.shift_effect(image, kernel, bias, shift, kind, size)
        except ValueError:
            self.effect = None
        if self.effect is None:
            self.change_label.setText(QCoreApplication.translate(
                "PoolingLesson", "The picture is too small for this filter and pool: open "
                "a larger picture."))
            return
        effect = self.effect
        other = "avg" if kind == "max" else "max"
        pooled = {kind: effect.pooled_before,
                  other: lessons.pool_map(effect.feature_before, other, size)}
        high = max(float(np.abs(effect.feature_before).max()), 1e-9)
        for view, values in ((self.feature_view, effect.feature_before),
                             (self.max_view, pooled["max"]), (self.avg_view, pooled["avg"]),
                             (self.moved_view, effect.feature_after),
                             (self.moved_pooled_view, effect.pooled_after)):
            view.show_values(values / high)
        maps_shape = (self.state.filter_count, *effect.feature_before.shape)
        self.savings = lessons.pooling_savings(maps_shape, size, units=DENSE_UNITS)
        self._ask(size)  # first: a remembered answer settles the question
        self._word(kind, size)

    def _word(self, kind: str, size: int) -> None:
        effect, savings = self.effect, self.savings
        rows, cols = effect.shift
        if (rows, cols) == (0, 0):
            change = QCoreApplication.translate(
                "PoolingLesson", "Set a shift above to move the picture, then compare the "
                "maps before and after.")
        else:
            change = QCoreApplication.translate(
                "PoolingLesson",
                "Moving the picture %1 changed %2 of the feature map's %3 cells; on average "
                "a cell changed by %4 × the map's mean value. The pooled map: %5 of %6 cells, "
                "by %7 × its mean. <b>The pooled map changed %8 times less.</b>")
            ratio = "∞" if effect.ratio == float("inf") else number(effect.ratio, 1)
            change = fill(change, _movement(rows, cols), effect.feature.changed_cells,
                          effect.feature.cells, number(effect.feature.relative_change, 2),
                          effect.pooled.changed_cells, effect.pooled.cells,
                          number(effect.pooled.relative_change, 2), ratio)
            if effect.ratio <= 1.05:
                change += " " + fill(QCoreApplication.translate(
                    "PoolingLesson",
                    "A shift as large as the %1×%1 block moves every pooled value to the "
                    "next cell: pooling forgives only moves smaller than its block."), size)
        self.change_label.setText(change)
        if self.question_open():  # the question below asks for the values passed on
            self.savings_label.setText(fill(QCoreApplication.translate(
                "PoolingLesson",
                "The %1 feature maps hold %2 values. How many pooling passes on, and how "
                "many weights that saves a dense layer of %3 outputs after it, is told once "
                "you have answered the question below."),
                self.state.filter_count, f"{savings.before:,}", savings.units))
            return
        self.savings_label.setText(fill(QCoreApplication.translate(
            "PoolingLesson",
            "Pooling passes on %1 of %2 values (%3 % fewer) from the %4 feature maps. A "
            "dense layer of %5 outputs after it needs %6 weights instead of %7."),
            f"{savings.after:,}", f"{savings.before:,}",
            number(100 * savings.removed_fraction, 0), self.state.filter_count,
            savings.units, f"{savings.weights_after:,}", f"{savings.weights_before:,}"))

    def _ask(self, size: int) -> None:
        savings = self.savings
        filters, height, width = (self.state.filter_count,
                                  *self.effect.feature_before.shape)
        prompt = fill(QCoreApplication.translate(
            "PoolingLesson",
            "This lesson convolves the picture with stride 1 and no padding, so the lab's "
            "%1 filters make %1 feature maps of %2×%3 cells. After %4×%4 pooling, how many "
            "values go on to the next layer?"), filters, height, width, size)
        worked = fill(QCoreApplication.translate(
            "PoolingLesson",
            "Each map becomes %1×%2 (%3 ÷ %5 and %4 ÷ %5, rounded down), so %6 maps × %1 × "
            "%2 = %7 values."), height // size, width // size, height, width, size,
            filters, f"{savings.after:,}")
        self.question.ask_number(prompt, savings.after, worked)

    def retranslate(self) -> None:
        super().retranslate()
        self.pool_box.setItemText(0, QCoreApplication.translate("PoolingLesson",
                                                                "Max pooling"))
        self.pool_box.setItemText(1, QCoreApplication.translate("PoolingLesson",
                                                                "Average pooling"))
        self.pool_label.setText(QCoreApplication.translate("PoolingLesson", "Pool:"))
        self.size_label.setText(QCoreApplication.translate("PoolingLesson", "Block:"))
        self.shift_label.setText(QCoreApplication.translate("PoolingLesson",
                                                            "Move the picture:"))
        self.rows_label.setText(QCoreApplication.translate("PoolingLesson", "down"))
        self.cols_label.setText(QCoreApplication.translate("PoolingLesson", "right"))
        self.size_spin.setSuffix(QCoreApplication.translate("PoolingLesson", " px"))
        self.rows_spin.setSuffix(QCoreApplication.translate("PoolingLesson", " px"))
        self.cols_spin.setSuffix(QCoreApplication.translate("PoolingLesson", " px"))
        self.feature_view.caption.setText(QCoreApplication.translate(
            "PoolingLesson", "Feature map"))
        self.max_view.caption.setText(QCoreApplication.translate("PoolingLesson", "Max pooled"))
        self.avg_view.caption.setText(QCoreApplication.translate(
            "PoolingLesson", "Average pooled"))
        self.moved_view.caption.setText(QCoreApplication.translate(
            "PoolingLesson", "Feature map, moved"))
        self.moved_pooled_view.caption.setText(QCoreApplication.translate(
            "PoolingLesson", "Pooled, moved"))
        self.refresh()


def _movement(rows: int, cols: int) -> str:
    """How the picture moved, e.g. "3 px up and 2 px right" (a zero part left out)."""
    parts = []
    if rows > 0:
        parts.append(fill(QCoreApplication.translate("PoolingLesson", "%1 px down"), rows))
    elif rows < 0:
        parts.append(fill(QCoreApplication.translate("PoolingLesson", "%1 px up"), -rows))
    if cols > 0:
        parts.append(fill(QCoreApplication.translate("PoolingLesson", "%1 px right"), cols))
    elif cols < 0:
        parts.append(fill(QCoreApplication.translate("PoolingLesson", "%1 px left"), -cols))
    if len(parts) == 1:
        return parts[0]
    return fill(QCoreApplication.translate("PoolingLesson", "%1 and %2"), *parts)
