"""Names the app makes for filters (presets, new, learned and copied filters) are saved in
English and shown in the current language, edited or not; a learner's own name is kept."""

import numpy as np
import pytest

from gui import i18n
from gui.common.display_names import filter_name
from gui.explore.filter_form import FilterForm
from gui.state import LabState


def test_an_edited_preset_filter_keeps_its_name_in_each_language():
    state = LabState()
    i18n.set_language("ja")
    assert state.filters[0].display_name == "縦線"
    state.set_cell(0, 0, 0, 0, 3.0)
    assert state.filters[0].preset is None  # now custom weights...
    assert state.filters[0].display_name == "縦線"  # ...under the same, translated name
    assert state.filters[0].name == "vertical line"  # saved as the key
    i18n.set_language("en")
    assert state.filters[0].display_name == "Vertical line"


def test_new_copied_and_learned_filters_are_named_in_the_current_language():
    state = LabState()
    i18n.set_language("ja")
    new = state.add_filter()
    first_copy = state.duplicate_filter(0)
    second_copy = state.duplicate_filter(0)
    copy_of_copy = state.duplicate_filter(first_copy)
    shown = [state.filters[i].display_name for i in (new, first_copy, second_copy,
                                                     copy_of_copy)]
    assert shown == [f"フィルター {new + 1}", "縦線（コピー）", "縦線（コピー 2）",
                     "縦線（コピー）（コピー）"]
    assert "フィルター" not in state.filters[new].name  # files hold no language
    i18n.set_language("en")
    assert [state.filters[i].display_name for i in (new, first_copy, second_copy)] == [
        f"filter {new + 1}", "Vertical line (copy)", "Vertical line (copy 2)"]
    i18n.set_language("ja")
    assert filter_name("learned 3") == "学習済み 3"
    assert filter_name("sobel x (2)") == "Sobel x（縦のエッジ） (2)"


@pytest.mark.parametrize("name", ["my edge finder", "filter", "learned three", "(copy)",
                                  "edges (copy", "edges (copy x)", "縦線のまね"])
def test_a_learners_own_name_shows_as_it_is(name):
    i18n.set_language("ja")
    assert filter_name(name) == name


def test_a_long_chain_of_copies_is_named_without_recursion():
    name = "sharpen" + " (copy)" * 28  # a name within the 200-character limit
    i18n.set_language("ja")
    assert filter_name(name) == "シャープ化" + "（コピー）" * 28


def test_a_preset_applied_to_an_edited_preset_filter_renames_it(qtbot):
    state = LabState()
    form = FilterForm(state)
    qtbot.addWidget(form)
    state.set_cell(0, 0, 0, 0, 3.0)  # "vertical line", now with custom weights
    form.apply_preset("sobel x")
    assert state.selected_filter.name == "sobel x"
    assert np.array_equal(state.selected_filter.weights[0][:, 0], [-1, -2, -1])
    index = state.add_filter()  # "filter 5" is not a preset's name: it stays
    form.apply_preset("laplacian")
    assert state.filters[index].name == f"filter {index + 1}"
