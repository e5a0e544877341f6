"""The filter panel's parts on their own, bound to a real LabState: they change the state
and report through refused / said / applied, never showing a message themselves."""

from __future__ import annotations

import numpy as np
import pytest

from gui.explore.filter_bias import BiasRow
from gui.explore.filter_form import FilterForm
from gui.explore.filter_list import ICON_KEY_ROLE, FilterListBox
from gui.explore.filter_panel import FilterPanel
from gui.explore.filter_tools import FilterTools
from gui.state import MAX_KERNEL, LabState


def record(signal) -> list:
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


@pytest.fixture
def state(qtbot):
    return LabState()


def make(qtbot, part_class, state):
    part = part_class(state)
    qtbot.addWidget(part)
    return part


def test_the_list_adds_and_says_why_the_last_filter_stays(qtbot, state):
    box = make(qtbot, FilterListBox, state)
    applied, said = record(box.applied), record(box.said)
    count = len(state.filters)
    box.add_button.click()
    box.refresh()
    assert len(state.filters) == count + 1 and box.filter_list.count() == count + 1
    assert applied == [()]
    state.set_filters([state.filters[0]])
    box.remove_selected()
    assert len(state.filters) == 1
    (words,), = said
    assert words() == "A layer needs at least one filter, so the last one cannot be removed."


def test_the_form_reports_a_refused_size_and_shows_the_states(qtbot, state):
    form = make(qtbot, FilterForm, state)
    refused = record(form.refused)
    form.set_kernel_size(MAX_KERNEL + 1, 3)
    (words,), = refused
    assert str(MAX_KERNEL) in words()
    assert (form.rows_spin.value(), form.cols_spin.value()) == state.kernel_size == (3, 3)
    form.apply_preset("laplacian")
    assert state.selected_filter.preset == "laplacian"


def test_the_bias_row_says_when_a_bias_was_clamped(qtbot, state):
    row = make(qtbot, BiasRow, state)
    said = record(row.said)
    row.bias_spin.clamped.emit("5000", 1000.0)
    row.bias_spin.setValue(1000.0)
    assert state.selected_filter.bias == 1000.0
    # Said when clamped, and again after the change (which cleared the message) went in.
    assert len(said) == 2 and said[0][0] is said[1][0]
    assert "5000 was typed" in said[-1][0]()
    state.set_bias(state.selected, -2.0)
    row.refresh()
    assert row.bias_spin.value() == -2.0


def test_the_tools_say_why_instead_of_changing(qtbot, state):
    tools = make(qtbot, FilterTools, state)
    said, applied = record(tools.said), record(tools.applied)
    state.set_kernel_size(3, 5)
    tools.refresh()
    assert not tools.transpose_button.isEnabled()
    before = state.weights()
    tools.transpose()
    tools.zero()
    state.set_weights(state.selected, np.zeros((1, 3, 5), np.float32))
    tools.normalise()
    assert [words() for (words,) in said] == [
        "Only a square kernel can be transposed.",
        "The weights add up to 0 (as in an edge detector), so they cannot be scaled to add "
        "up to 1. Change a weight first."]
    assert applied == [()] and before.any() and not state.weights()[state.selected].any()


def test_the_panel_shows_one_message_for_all_parts_and_forwards_their_widgets(qtbot, state):
    panel = make(qtbot, FilterPanel, state)
    assert panel.filter_list is panel.list_box.filter_list
    assert panel.bias_spin is panel.bias_row.bias_spin
    panel.rng = np.random.default_rng(1)
    assert panel.tools.rng is panel.rng
    messages = record(panel.message)
    panel.set_kernel_size(3, 5)
    panel.transpose()                               # a note from the tools
    assert messages[-1] == ("Only a square kernel can be transposed.",)
    assert panel.status_label.text() == messages[-1][0]
    panel.form.set_kernel_size(MAX_KERNEL + 1, 1)   # a refusal from the form replaces it
    assert str(MAX_KERNEL) in messages[-1][0]
    assert panel.status_label.text() == messages[-1][0]
    assert panel.rows_spin.value() == 3
    panel.add_button.click()                        # a change that went in clears it
    assert panel.status_label.isHidden()


def test_the_list_keeps_the_rows_of_unchanged_filters_when_one_is_added_or_removed(qtbot,
                                                                                  state):
    box = make(qtbot, FilterListBox, state)
    first = box.filter_list.item(0)
    icon = first.icon().cacheKey()
    box.add_button.click()
    box.refresh()  # as the filter panel does when the state's filters change
    # The same row, with the thumbnail it had: only the new filter's is drawn.
    assert box.filter_list.item(0) is first and first.icon().cacheKey() == icon
    count = len(state.filters)
    assert box.filter_list.count() == count
    new = box.filter_list.item(count - 1)
    assert new.text() == state.filters[-1].display_name and not new.icon().isNull()
    assert box.filter_list.currentRow() == count - 1
    state.remove_filter(0)
    box.refresh()
    assert box.filter_list.count() == count - 1
    assert [box.filter_list.item(i).text() for i in range(count - 1)] == [
        f.display_name for f in state.filters]
    # The rows moved up show the thumbnails of the filters now in them.
    for i, f in enumerate(state.filters):
        assert box.filter_list.item(i).data(ICON_KEY_ROLE) == f.weights.tobytes()
