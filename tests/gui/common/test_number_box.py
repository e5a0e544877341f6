"""Typed numbers of any size clamp to the box's range and say so (the bias box)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.common.number_box import ClampingSpinBox
from gui.explore.filter_panel import FilterPanel
from gui.state import MAX_WEIGHT, LabState


def type_into(box, text: str) -> None:
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box, text)
    QTest.keyClick(box, Qt.Key.Key_Return)


@pytest.fixture
def box(qtbot):
    box = ClampingSpinBox()
    box.setRange(-1000, 1000)
    box.setDecimals(3)
    qtbot.addWidget(box)
    box.show()
    return box


@pytest.mark.parametrize("text, value, clamped", [
    ("1e999", 1000, True),      # QDoubleSpinBox made this 199
    ("-1e308", -1000, True),    # and this -130
    ("5000", 1000, True),       # and this 500
    ("9" * 400, 1000, True),
    ("-2.5e1", -25, False),
    ("12.5", 12.5, False),
    ("1e3", 1000, False),
    (".5", 0.5, False),
    ("0,5", 0.5, False),        # a decimal comma: a half, not 5
    ("-1,25", -1.25, False),
    ("1,000", 1000, False),     # digits grouped in thousands
    ("12,345", 1000, True),
])
def test_typed_numbers(box, text, value, clamped):
    seen = []
    box.clamped.connect(lambda typed, v: seen.append((typed, v)))
    type_into(box, text)
    assert box.value() == pytest.approx(value)
    assert bool(seen) == clamped
    if clamped:
        assert seen[-1] == (text, value)


@pytest.mark.parametrize("text", ["abc", "-", "e5", "--"])
def test_text_that_is_no_number_keeps_the_value(box, text):
    box.setValue(7)
    type_into(box, text)
    assert box.value() == 7


@pytest.fixture
def panel(qtbot):
    state = LabState()
    panel = FilterPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_an_absurd_bias_sets_the_limit_and_says_so(panel):
    messages = []
    panel.message.connect(messages.append)
    type_into(panel.bias_spin, "1e999")
    assert panel.state.filters[panel.state.selected].bias == MAX_WEIGHT
    assert messages and "1e999" in messages[-1] and "1000" in messages[-1]
    assert panel.status_label.text() == messages[-1]
    type_into(panel.bias_spin, "-1e308")
    assert panel.state.filters[panel.state.selected].bias == -MAX_WEIGHT
    assert "-1e308" in messages[-1]
    type_into(panel.bias_spin, "0.25")   # a number in range: accepted without a word
    assert panel.state.filters[panel.state.selected].bias == 0.25


def test_full_width_digits_and_a_real_minus_sign_are_read(box):
    # (QTest cannot type these characters: the box is asked directly, as Qt asks it.)
    for text, value in (("１２．５", 12.5), ("−3", -3.0), ("－０．２５", -0.25)):
        assert box.validate(text, len(text))[0].name == "Acceptable"
        assert box.valueFromText(text) == pytest.approx(value)


def test_the_learning_rate_and_a_learned_bias_take_scientific_notation(qtbot):
    """Both were plain boxes: 1e-3 became 13 and training ran with it, silently."""
    from gui.train.training_settings import TrainingSettings

    settings = TrainingSettings()
    qtbot.addWidget(settings)
    settings.show()
    type_into(settings.learning_rate, "1e-3")
    assert settings.learning_rate.value() == pytest.approx(0.001)
    type_into(settings.learning_rate, "3e-4")
    assert settings.learning_rate.value() == pytest.approx(0.0003)
    type_into(settings.momentum, "9e-1")
    assert settings.momentum.value() == pytest.approx(0.9)
