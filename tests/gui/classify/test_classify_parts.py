"""The Classify page's boxes: the test-image strip and the input box."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from engine import datasets
from gui.classify.input_box import DRAWING, FILE, SAMPLE, InputBox
from gui.classify.sample_strip import SampleStrip, balanced_picks, sample_kind


def test_picks_go_round_every_class_before_repeating_one():
    labels = np.repeat(np.arange(4), [50, 3, 10, 1])
    picks = balanced_picks(labels, 8, np.random.default_rng(0))
    assert len(picks) == len(set(picks.tolist())) == 8
    assert set(labels[picks[:4]].tolist()) == {0, 1, 2, 3}
    assert len(balanced_picks(labels[:2], 8, np.random.default_rng(0))) == 2
    assert len(balanced_picks(np.zeros(0, int), 8, np.random.default_rng(0))) == 0


def test_the_test_images_follow_the_models_classes():
    assert sample_kind(None) == sample_kind(datasets.MNIST_CLASSES) == "mnist"
    assert sample_kind(datasets.SHAPE_CLASSES) == "shapes"
    assert sample_kind(("cat", "dog")) is None


def test_the_strip_offers_shapes_tells_which_was_picked_and_hides_without_images(qtbot):
    strip = SampleStrip(6, np.random.default_rng(0))
    qtbot.addWidget(strip)
    strip.show()
    strip.fill("shapes")
    assert strip.images.shape == (6, 28, 28)
    assert set(strip.labels) <= set(datasets.SHAPE_CLASSES) and len(set(strip.labels)) > 1
    with qtbot.waitSignal(strip.picked) as picked:
        qtbot.mouseClick(strip.buttons[2], Qt.MouseButton.LeftButton)
    assert picked.args == [2]
    strip.mark(2)
    assert [b.isChecked() for b in strip.buttons] == [False, False, True, False, False, False]
    shown = strip.images
    strip.fill("shapes")  # the same kind: kept
    assert np.array_equal(strip.images, shown)
    strip.shuffle_button.click()
    assert not np.array_equal(strip.images, shown)
    strip.fill(None)
    assert strip.isHidden() and not strip.shuffle_button.isEnabled()


def test_the_input_box_says_where_the_input_came_from(qtbot):
    box = InputBox()
    qtbot.addWidget(box)
    assert box.origin == (DRAWING, "") and not box.send_button.isEnabled()
    box.set_origin(SAMPLE, "circle")
    assert "“Circle”" in box.origin_label.text() and "28×28" in box.input_explain.text()
    box.set_origin(FILE, "mine.png")
    assert box.origin == (FILE, "mine.png") and "mine.png" in box.origin_label.text()
    ink = np.zeros((28, 28), np.float32)
    ink[10:18, 12] = 1
    box.show_input(ink)
    assert box.send_button.isEnabled()
    with qtbot.waitSignal(box.send_requested):
        box.send_button.click()
