"""The explorer's image panel (with its pre-processing and drawing tools), the Pixel values
window, the learned-filter mosaic, the explain panel's counted sentences and the layer
summary follow a language switch at once, both ways; the pseudo-translation walker finds
nothing left in them."""

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QSettings
from PySide6.QtGui import QGuiApplication

from gui import i18n
from gui.common import samples
from gui.explore.explain_panel import ExplainPanel
from gui.main_window import MainWindow
from gui.state import LabState
from gui.train.results_panel import LearnedFiltersView
from tests.gui.pseudo_translation import pseudo_language, report, unmarked_texts


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_page("explore")
    return window


def test_the_image_panel_switches_language_and_keeps_its_choices(window):
    panel = window.explorer.image_panel
    box = panel.preprocessing
    window.state.set_preprocess(size=28)
    assert panel.show_sample("mnist:3")
    english_sample = panel.sample_combo.currentText()
    assert english_sample == "Digit 3"

    i18n.set_language("ja")
    assert panel.source_box.title() == "入力画像"
    assert panel.open_button.text() == "画像を開く…"
    assert panel.draw_button.toolTip().startswith("マウスで自分の絵を描きます")
    assert panel.sample_label.text() == "サンプル(&S):"
    assert box.title() == "前処理"
    assert box.binarize_check.text() == "二値化(&N)"
    assert box.values_hint.text() == "値: 白 = 0、黒 = 1"
    assert box.size_combo.itemText(0) == "元のまま"
    assert box.size_combo.currentData() == 28 and box.size_combo.currentText() == "28 px"
    # The chosen sample stays chosen, under its Japanese name, in the list and caption.
    assert panel.sample_combo.key_at(panel.sample_combo.currentIndex()) == "mnist:3"
    japanese_sample = panel.sample_combo.currentText()
    assert japanese_sample == samples.label("mnist:3") != english_sample
    assert panel.caption.text().startswith(japanese_sample)
    assert panel.caption.text().endswith("グレースケール")
    panel.set_draw_mode(True)
    assert panel.caption.text().startswith("手描き")
    assert panel.draw_area.eraser_button.text() == "消しゴム"

    i18n.set_language("en")
    assert panel.open_button.text() == "Open image…"
    assert box.binarize_check.text() == "Bi&narise"
    assert box.size_combo.currentText() == "28 px" and box.size_combo.itemText(0) == "Original"
    assert panel.caption.text().startswith("drawing")
    assert panel.draw_area.eraser_button.text() == "Eraser"
    panel.set_draw_mode(False)
    panel.show_sample("mnist:3")
    assert panel.sample_combo.currentText() == "Digit 3"


def test_a_shown_image_message_is_worded_again(window, tmp_path):
    panel = window.explorer.image_panel
    QGuiApplication.clipboard().setMimeData(QMimeData())
    assert not panel.paste_from_clipboard()
    assert window.status.text().startswith("The clipboard holds no picture.")
    i18n.set_language("ja")
    assert window.status.text() == ("クリップボードに画像がありません。"
                                    "先に画像か画像ファイルをコピーしてください。")
    i18n.set_language("en")
    assert window.status.text().startswith("The clipboard holds no picture.")

    assert not panel.open_file(tmp_path / "missing.png")
    i18n.set_language("ja")
    assert "「missing.png」" in window.status.text()
    i18n.set_language("en")
    assert "“missing.png”" in window.status.text()


def test_the_numbers_window_switches_language_with_its_message(window, qtbot):
    numbers = window.show_numbers_window()
    assert numbers.windowTitle() == "Pixel values — the image as numbers"
    window.state.set_preprocess(size=None)
    window.explorer.image_panel.set_draw_mode(True)  # 280×280: too many pixels to list
    assert numbers.showing_message
    assert numbers.message.text().startswith("This picture is 280×280")

    i18n.set_language("ja")
    assert numbers.windowTitle() == "画素値 — 数として見た画像"
    assert numbers.message.text().startswith("この画像は 280×280 で")
    assert numbers.fit_button.text() == "全体を表示(&F)"
    assert numbers.caption.text().startswith("各画素は 1 つの数です。白 = 0、黒 = 1")
    assert numbers.zoom_slider.toolTip().startswith("セルの大きさ")

    window.explorer.image_panel.show_sample("mnist:7")  # 28×28: listed
    window.state.select_cell(2, 3)  # the frame names the filter in the current language
    qtbot.waitUntil(lambda: bool(numbers.field_label.text()))
    assert numbers.field_label.text().startswith("緑の枠: 特徴マップのセル (3, 4)")
    assert "「縦線」" in numbers.field_label.text()

    i18n.set_language("en")
    assert "“Vertical line”" in numbers.field_label.text()
    window.explorer.image_panel.set_draw_mode(True)
    assert numbers.windowTitle() == "Pixel values — the image as numbers"
    assert numbers.message.text().startswith("This picture is 280×280")
    assert numbers.fit_button.text() == "&Fit"


def test_the_left_column_cuts_no_japanese_text_off(window, qtbot):
    """Japanese labels are wider: after a switch (and in draw mode, with a scroll bar) the
    column is still as wide as everything in it needs."""
    from PySide6.QtWidgets import QAbstractButton

    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    left = window.explorer.left_column
    column = left.widget()

    def nothing_cut() -> bool:
        buttons = column.findChildren(QAbstractButton)
        return (left.viewport().width() >= column.minimumSizeHint().width()
                and all(b.width() >= b.minimumSizeHint().width()
                        for b in buttons if b.isVisibleTo(column)))

    i18n.set_language("ja")
    qtbot.wait(50)  # the layouts learn of the new texts from posted events
    qtbot.waitUntil(nothing_cut)
    window.explorer.image_panel.set_draw_mode(True)  # taller: a scroll bar appears
    qtbot.waitUntil(lambda: left.verticalScrollBar().isVisible())
    qtbot.wait(50)
    qtbot.waitUntil(nothing_cut)


def test_the_learned_filters_view_counts_its_filters_in_either_language(qtbot):
    view = LearnedFiltersView()
    qtbot.addWidget(view)
    assert view.hint.text().startswith("The first layer's filters appear")
    view.set_filters(np.ones((1, 1, 3, 3), np.float32))
    assert view.scale.text() == "1 filter 3×3 · colour scale ±1"
    view.set_filters(np.ones((8, 1, 3, 3), np.float32))
    assert view.scale.text() == "8 filters 3×3 · colour scale ±1"
    i18n.set_language("ja")
    assert view.scale.text() == "フィルター 8 個 3×3 · 色の目盛り ±1"
    assert view.hint.text() == "学習を始めると、ここに第 1 層のフィルターが表示されます"
    i18n.set_language("en")
    assert view.scale.text() == "8 filters 3×3 · colour scale ±1"


def dot_state(size: int = 12, dot=(4, 4)) -> LabState:
    """White ``size``×``size`` paper with one black pixel at ``dot``, and one 5×5 filter
    of ones: the products of a window are 0 except where it covers the dot."""
    state = LabState()
    state.background_allowed = False
    rgb = np.ones((size, size, 3), np.float32)
    rgb[dot] = 0.0
    state.set_source(rgb, "dot")
    state.set_filters(state.filters[:1])
    state.set_kernel_size(5, 5)
    state.set_weights(0, np.ones((5, 5), np.float32))
    state.recompute()
    return state


def test_the_explain_panel_counts_products_with_plural_forms(qtbot):
    state = dot_state()
    panel = ExplainPanel(state)
    qtbot.addWidget(panel)
    state.select_cell(2, 2)  # the window covers the dot: 1 product of 25 is not 0
    assert panel.sum_text().startswith("1 of the 25 products is not 0: 1·1 = 1")
    state.select_cell(7, 7)  # past the dot: every product is 0
    assert panel.sum_text().startswith("All 25 products are 0, so the sum = 0")

    i18n.set_language("ja")
    assert panel.sum_text().startswith("25 個の積がすべて 0 なので、和 = 0")
    state.select_cell(2, 2)
    assert panel.sum_text().startswith("25 個の積のうち 1 個が 0 ではありません: 1·1 = 1")
    i18n.set_language("en")
    assert panel.sum_text().startswith("1 of the 25 products is not 0")

    state.set_source(np.zeros((12, 12, 3), np.float32), "black")  # 25 products of 1
    state.recompute()
    state.select_cell(2, 2)
    assert panel.sum_text().startswith("The sum of the 25 products = 25")


def test_the_layer_summary_is_one_sentence_per_case_in_either_language(window):
    controls = window.explorer.controls_panel
    state = window.state
    state.set_settings(pool="max", pool_size=(2, 2))
    state.recompute()
    assert controls.summary_text() == ("Input 28×28 → feature maps 4 × 26×26 → pooled "
                                       "4 × 13×13 → flattened 676")
    i18n.set_language("ja")
    assert controls.summary_text() == ("入力 28×28 → 特徴マップ 4 × 26×26 → プーリング後 "
                                       "4 × 13×13 → 平坦化 676")
    # On screen, lines break only between stages, never inside a word ("平 / 坦化").
    shown = controls.summary.text()
    assert shown.replace("\u2060", "").replace("\u00a0", " ") == controls.summary_text()
    assert [" " in stage for stage in shown.split(" → ")] == [False] * 4
    state.set_settings(pool="none")
    assert controls.summary_text() == "入力 28×28 → 特徴マップ 4 × 26×26 → 平坦化 2704"
    i18n.set_language("en")
    assert controls.summary_text() == "Input 28×28 → feature maps 4 × 26×26 → flattened 2704"
    state.set_settings(pool="max", pool_size=(30, 30))
    assert controls.summary_text().endswith("→ the pooling window is larger than the "
                                            "feature map")


def test_nothing_is_left_untranslated_in_these_widgets(window, qtbot):
    panel = window.explorer.image_panel
    panel.set_draw_mode(True)
    window.state.select_cell(2, 3)
    numbers = window.show_numbers_window()
    widgets = (panel, numbers, window.explorer.controls_panel,
               window.explorer.explain_panel, window.training.filters_view)
    with pseudo_language():
        problems = [p for widget in widgets for p in unmarked_texts(widget)
                    # The drawing canvas is shared with the Classify page and words its
                    # own tooltip (DrawCanvas context, translated with that page).
                    if "/DrawCanvas " not in p.where]
    assert not problems, report(problems)
    # And every text is back in English afterwards.
    assert panel.open_button.text() == "Open image…"
    assert numbers.windowTitle() == "Pixel values — the image as numbers"
