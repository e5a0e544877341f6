"""The explorer's filter panel, layer controls and cell arithmetic follow a language
switch at once, both ways, on the real main window."""

import pytest
from PySide6.QtCore import QSettings, Qt

from gui import i18n
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_page("explore")
    return window


def test_explorer_panels_switch_language_at_once_and_back(window, qtbot):
    explorer = window.explorer
    window.state.select_cell(2, 3)
    qtbot.waitUntil(lambda: not explorer.explain_panel.showing_hint)
    filters, controls, explain = (explorer.filter_panel, explorer.controls_panel,
                                  explorer.explain_panel)
    english_sum = explain.sum_label.text()
    stages = explorer.stage_view
    assert stages.stage_titles["conv"].startswith("Convolution")

    i18n.set_language("ja")
    assert filters.add_button.text() == "追加"
    assert filters.preset_combo.itemText(filters.preset_combo.findData("vertical line")) \
        == "縦線"
    assert filters.title_label.text() == "「縦線」の重み"
    assert filters.filter_list.item(0).text() == "縦線"
    assert controls.conv_box.title() == "畳み込み (Convolution)"
    assert controls.pool.itemText(0) == "最大値"
    assert "特徴マップ" in controls.summary_text()
    assert "フィルター" in explain.heading.text() and "行 3" in explain.heading.text()
    assert explain.gray_row._captions[0].text() == "入力の窓"
    assert explain.tabs.tabText(0) == "赤"
    assert explain.sum_label.text() != english_sum
    assert stages.stage_titles["conv"].startswith("畳み込み")
    assert stages.stage_titles["input"].startswith("入力")
    assert "フィルター 1" in stages.heading.texts()[0]
    assert stages.graphics.toolTip().startswith("選んだフィルター")

    i18n.set_language("en")
    assert filters.add_button.text() == "Add"
    assert filters.preset_combo.itemText(filters.preset_combo.findData("vertical line")) \
        == "Vertical line"
    assert filters.filter_list.item(0).text() == "Vertical line"
    assert controls.conv_box.title() == "Convolution"
    assert controls.pool.itemText(0) == "max"
    assert controls.summary_text().startswith("Input ")
    assert "Feature-map cell" in explain.heading.text()
    assert explain.gray_row._captions[0].text() == "Input window"
    assert explain.sum_label.text() == english_sum
    assert stages.stage_titles["conv"].startswith("Convolution")
    assert "Filter 1" in stages.heading.texts()[0]


def test_a_filter_panel_message_is_worded_again(window):
    filters = window.explorer.filter_panel
    filters.set_kernel_size(3, 5)
    filters.transpose()
    i18n.set_language("ja")
    assert filters.status_label.text() == "転置できるのは正方形のカーネルだけです。"
    i18n.set_language("en")
    assert filters.status_label.text() == "Only a square kernel can be transposed."


@pytest.mark.parametrize(("typed", "english", "japanese"), [
    ("abc", "Not a usable weight: type a number such as 0.5, -1 or 1/9.",
     "重みとして使えません: 0.5、-1、1/9 のような数を入力してください。"),
    ("1/0", "Not a usable weight: cannot divide by zero.",
     "重みとして使えません: 0 で割ることはできません。"),
    ("1e9", "Not a usable weight: Weights are limited to ±1000; 1e+09 is too large.",
     "重みとして使えません: 重みは ±1000 までです。1e+09 は大きすぎます。"),
])
def test_a_refused_weight_is_worded_again_in_the_new_language(window, qtbot, typed, english,
                                                               japanese):
    filters, grid = window.explorer.filter_panel, window.explorer.filter_panel.grid
    before = window.state.weights()
    grid.edit_cell(1, 1, typed)
    with qtbot.waitSignal(grid.edit_refused, timeout=1000) as refused:
        qtbot.keyClick(grid.editor(), Qt.Key.Key_Return)
    assert refused.args == [english]
    assert filters.status_label.text() == english == grid.editor_error()

    i18n.set_language("ja")
    # The message under the grid and the editor's red-frame tooltip, not only the labels.
    assert filters.status_label.text() == japanese
    assert grid.editor_error() == japanese
    assert grid.is_editing() and grid.editor().text() == typed

    i18n.set_language("en")
    assert filters.status_label.text() == english == grid.editor_error()
    assert (window.state.weights() == before).all()
