"""Phase 2a: the Classify page, probability caption, curves, a status message and preset
names follow a language switch at once, both ways; a preset saved in Japanese loads in English."""

import numpy as np
import pytest

from gui import i18n
from gui.classify.page import ClassifyPage
from gui.common.status_line import StatusLine
from gui.explore.filter_file import load_filters, save_filters
from gui.state import LabState, default_filters
from gui.train.curves_view import CurvesView


def test_widgets_switch_language_at_once_and_back(qtbot):
    page = ClassifyPage(LabState(), sample_count=2, seed=0)
    curves = CurvesView()
    status = StatusLine()
    for widget in (page, curves, status):
        qtbot.addWidget(widget)
    page.bars.set_probabilities(np.array([0.1, 0.9]), ["a", "b"])
    status.say(lambda: page.tr("Undo"), "file")
    i18n.set_language("ja")
    assert page.drawing.clear_button.text() == "消去"
    assert page.bars.caption.text() == "予測: b（確率 90%）"
    assert curves.titles[0].text() == "損失（低いほど良い）"
    assert curves.loss_plot.getAxis("bottom").labelText == "エポック"
    assert status.text() == "元に戻す"
    i18n.set_language("en")
    assert page.drawing.clear_button.text() == "Clear"
    assert page.bars.caption.text() == "Prediction: b (90% sure)"
    assert curves.loss_plot.getAxis("bottom").labelText == "epoch"
    assert status.text() == "Undo"


def test_a_preset_saved_in_japanese_loads_in_english(tmp_path):
    i18n.set_language("ja")
    filters = default_filters()
    assert filters[0].display_name == "縦線"
    path = tmp_path / "filters.json"
    save_filters(path, filters)
    assert '"vertical line"' in path.read_text()
    i18n.set_language("en")
    assert load_filters(path)[0].display_name == "Vertical line"


def test_state_errors_are_worded_in_the_current_language():
    from gui.state import check_weight
    i18n.set_language("ja")
    with pytest.raises(ValueError) as caught:
        check_weight(float("nan"))
    assert "有限" in str(caught.value)
    i18n.set_language("en")
    assert "finite number" in str(caught.value)
