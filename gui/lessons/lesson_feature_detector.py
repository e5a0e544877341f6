"""Lesson 2, feature detector: a small grid of weights and what its values look for; its
size is a choice too."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from engine import kernels
from engine.pipeline import explore
from gui.common import samples
from gui.common.display_names import preset_name
from gui.common.number_format import exact_decimals, nice
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.grid_view import GridView
from gui.state import make_preset_filter

#: What the learner can try, and the question's choices (the first is asked about).
PRESETS = ("horizontal line", "vertical line", "diagonal line \\", "box blur", "laplacian")
CHOICES = ("horizontal line", "vertical line", "box blur", "diagonal line \\")
SIZES = (3, 5, 7)
PICTURE = "pattern:plus"
#: The two pictures the question's worked answer measures every choice on.
VERTICAL, HORIZONTAL = "pattern:vstripes", "pattern:hstripes"


def _ink(key: str) -> np.ndarray:
    return 1.0 - samples.load_sample(key) @ np.array([0.299, 0.587, 0.114], np.float32)


def strongest(kernel: np.ndarray, key: str) -> float:
    """The largest feature-map value ``kernel`` gives on sample ``key`` (engine's explore,
    no activation, no pooling)."""
    image = _ink(key)[None].astype(np.float32)
    result = explore(image, kernel[None, None], activation="none", pool="none")
    return float(result.conv.max())


class FeatureDetectorLesson(Lesson):
    """A preset's kernel (any of three sizes), the picture and its feature map.

    Attributes
    ----------
    preset_box, size_box : QComboBox
    kernel_view, picture_view, map_view : GridView
    """

    key = "feature_detector"

    def build(self) -> None:
        self.preset_box = QComboBox()
        for key in PRESETS:
            self.preset_box.addItem("", key)
        self.size_box = QComboBox()
        for size in SIZES:
            self.size_box.addItem(f"{size}×{size}", size)
        self.preset_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.size_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.kernel_view = GridView(largest_cell=40)
        self.picture_view = GridView(largest_cell=30)
        self.map_view = GridView(largest_cell=30)
        self.preset_label, self.size_label = QLabel(), QLabel()
        self.kernel_label, self.picture_label, self.map_label = QLabel(), QLabel(), QLabel()
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        demo = QWidget()
        grid = QGridLayout(demo)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.preset_label, 0, 0)
        grid.addWidget(self.preset_box, 0, 1)
        grid.addWidget(self.size_label, 0, 2)
        grid.addWidget(self.size_box, 0, 3)
        grid.addWidget(self.kernel_label, 1, 0, 1, 2)
        grid.addWidget(self.picture_label, 1, 2, 1, 2)
        grid.addWidget(self.map_label, 1, 4)
        grid.addWidget(self.kernel_view, 2, 0, 1, 2)
        grid.addWidget(self.picture_view, 2, 2, 1, 2)
        grid.addWidget(self.map_view, 2, 4)
        grid.addWidget(self.reading, 3, 0, 1, 5)
        for column in (1, 3, 4):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(2, 1)
        self.set_demo(demo)
        self.set_question()

    def title(self) -> str:
        return self.tr("Feature detector")

    def intro(self) -> str:
        return self.tr(
            "<p>A <b>feature detector</b> (also called a filter) is a small grid of numbers, "
            "its weights. Laid over a patch of the picture, it gives a large sum where the "
            "patch looks like its positive weights, and a small or negative one elsewhere. "
            "The values are chosen for the feature to extract.</p>"
            "<p>The study note uses 3×3, but the size is a choice too: a larger detector "
            "looks at a larger patch. Pick a detector and a size, and watch its feature map "
            "(red: large, blue: negative).</p>")

    def kernel(self) -> np.ndarray:
        return kernels.preset(self.preset_box.currentData(), self.size_box.currentData())

    def show_me(self) -> None:
        preset, size = self.preset_box.currentData(), self.size_box.currentData()
        with self.state.placing_filters():
            self.state.set_source(samples.load_sample(PICTURE), samples.label(PICTURE))
            self.state.set_preprocess(Preprocess(color="gray", size=None, binarize=True))
            self.state.set_filters([make_preset_filter(preset, size, 1)])
            self.state.set_settings(stride=(1, 1), padding="same", dilation=(1, 1))
            self.state.select_filter(0)
        self.refresh()

    def refresh(self) -> None:
        kernel = self.kernel()
        self.kernel_view.set_values(kernel, kind="signed", decimals=exact_decimals(kernel))
        image = _ink(PICTURE).astype(np.float32)
        binary = (image >= 0.5).astype(np.float32)
        self.picture_view.set_values(binary)
        result = explore(binary[None], kernel[None, None], padding="same",
                         activation="none", pool="none")
        fmap = result.conv[0]
        self.map_view.set_values(fmap, kind="signed", decimals=exact_decimals(fmap, 1))
        self.reading.setText(self.tr(
            "%1 at %2: the feature map's largest value is %3 and its smallest %4.")
            .replace("%1", preset_name(self.preset_box.currentData()))
            .replace("%2", self.size_box.currentText())
            .replace("%3", nice(float(fmap.max()))).replace("%4", nice(float(fmap.min()))))
        self._ask()

    def answer(self) -> int:
        """The choice that answers most to vertical strokes more than to horizontal ones,
        as measured by the engine on the two striped pictures."""
        contrast = [strongest(kernels.preset(k, 3), VERTICAL)
                    - strongest(kernels.preset(k, 3), HORIZONTAL) for k in CHOICES]
        return int(np.argmax(contrast))

    def _ask(self) -> None:
        right = self.answer()
        key = CHOICES[right]
        kernel = kernels.preset(key, 3)
        worked = self.tr("%1: its positive weights form a vertical column. On vertical stripes its "
            "largest value is %2, on horizontal stripes only %3.").replace(
            "%1", preset_name(key)).replace(
            "%2", nice(strongest(kernel, VERTICAL))).replace(
            "%3", nice(strongest(kernel, HORIZONTAL)))
        self.question.ask_choice(self.tr(
            "Which 3×3 preset lights up on vertical strokes (and not on horizontal "
            "ones)?"), [preset_name(k) for k in CHOICES], right, worked)

    def retranslate(self) -> None:
        super().retranslate()
        for index, key in enumerate(PRESETS):
            self.preset_box.setItemText(index, preset_name(key))
        self.preset_label.setText(self.tr("Detector:"))
        self.size_label.setText(self.tr("Size:"))
        self.kernel_label.setText(self.tr("Its weights"))
        self.picture_label.setText(self.tr("The picture"))
        self.map_label.setText(self.tr("Its feature map"))
        self.refresh()
