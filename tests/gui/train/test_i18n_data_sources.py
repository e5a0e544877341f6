"""The Train page's data sources (MNIST, shapes, image folder, My classes) follow a
language switch at once and back, on the real main window: labels, buttons, tooltips,
combo items (the choice kept), table headers, placeholders and the messages shown."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from gui import i18n
from gui.common.image_io import rgb_to_qimage
from gui.main_window import MainWindow
from gui.train.dataset_widgets import number
from tests.gui.pseudo_translation import pseudo_language, report, unmarked_texts


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.training.dataset_panel.autosave_folder = None
    i18n.set_language("en")
    window.show_page("train")
    yield window
    window.training.dataset_panel.shutdown()


def picture_file(path, column):
    picture = np.ones((40, 40), np.float32)
    picture[5:35, column:column + 5] = 0.0
    assert rgb_to_qimage(picture).save(str(path))
    return str(path)


def test_source_choice_mnist_and_shapes_pages_switch_language_and_back(window):
    panel = window.training.dataset_panel
    panel.set_source("shapes")
    combo, shapes = panel.source_combo, panel.shapes_page
    english_tip = shapes.shapes_count.toolTip()

    i18n.set_language("ja")
    assert combo.currentData() == "shapes"  # the choice is kept
    assert combo.currentText() == "図形（自動生成）"
    assert combo.itemText(0) == "MNIST の数字（同梱）"
    assert panel.source_label.text() == "データ(&D):"
    assert combo.toolTip() == "学習に使う画像をどこから取るか"
    assert shapes.count_label.text() == "学習画像の数(&T):"
    assert shapes.shapes_count.toolTip().startswith("学習に使う図形の数です")
    assert shapes.about.text().startswith("円、正方形")
    assert panel.mnist_page.about.text().startswith("本物の手書き数字 5,000 枚")
    headers = [panel.summary_table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["クラス", "学習", "テスト", "サンプル"]
    assert panel.summary_table.item(0, 0).text() == "円"  # a shape's display name
    assert panel.summary_label.text() == (
        f"6 クラス、学習画像 {number(3000)} 枚、テスト画像 600 枚です。")

    i18n.set_language("en")
    assert combo.currentData() == "shapes" and combo.currentText() == "Shapes (generated)"
    assert shapes.count_label.text() == "&Training images:"
    assert shapes.shapes_count.toolTip() == english_tip
    assert panel.summary_table.horizontalHeaderItem(3).text() == "Samples"
    assert panel.summary_table.item(0, 0).text() == "Circle"
    assert panel.summary_label.text() == (
        f"{number(3000)} training and 600 test images in 6 classes.")
    assert panel.current_dataset().class_names[0] == "circle"  # the data keeps its keys


def test_folder_page_and_its_shown_error_switch_language_and_back(window, qtbot, tmp_path):
    panel = window.training.dataset_panel
    folder = panel.folder_page
    panel.set_source("folder")

    i18n.set_language("ja")
    assert folder.folder_button.text() == "フォルダーを選ぶ(&F)…"
    assert folder.folder_cancel.toolTip() == "フォルダーの読み込みを中止します"
    assert folder.folder_label.path() == "フォルダーが選ばれていません"
    assert panel.summary_label.text() == (
        "クラスごとに画像のサブフォルダーを持つフォルダーを選んでください。")

    (tmp_path / "one" / "only").mkdir(parents=True)
    panel.load_folder(str(tmp_path / "one"))
    qtbot.waitUntil(lambda: not panel.is_loading(), timeout=5000)
    japanese_error = panel.summary_label.text()
    assert "クラスのサブフォルダーが 1 つ" in japanese_error
    assert window.training.status.text() == japanese_error  # the page says it too

    i18n.set_language("en")
    assert folder.folder_button.text() == "Choose &folder…"
    assert "only one class" in panel.summary_label.text()
    assert "only one class" in window.training.status.text()  # worded again, not stale
    assert "only one class" in window.status.text()           # and the window's copy


def test_my_classes_widgets_and_messages_switch_language_and_back(window, qtbot, tmp_path):
    panel = window.training.dataset_panel
    panel.set_source("mine")
    assert panel.add_class("cat")
    assert panel.import_files([picture_file(tmp_path / "c0.png", 10)]) == 1
    assert not panel.add_drawing()  # the canvas is empty: says so in the status line
    status = window.training.status
    assert status.text() == "The canvas is empty: draw an example first."

    i18n.set_language("ja")
    headers = [panel.class_table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["クラス", "例", "学習", "テスト"]
    assert panel.class_table.item(0, 0).text() == "cat"  # the learner's own name
    assert panel.new_class_edit.placeholderText() == "新しいクラスの名前"
    assert panel.add_class_button.text() == "追加"
    assert panel.rename_button.toolTip() == "選んだクラスの名前を変えます（F2）"
    assert panel.add_drawing_button.text() == "「cat」に追加"
    assert panel.add_drawing_button.toolTip() == "絵をクラス「cat」に追加します（Ctrl+Enter）"
    assert panel.canvas.toolTip().startswith("選んだクラスの例を描きます")
    assert panel.examples_title.text() == "「cat」の例：1 個"
    assert panel.examples_list.item(0).toolTip() == "例 1"
    assert panel.delete_examples_action.text() == "削除"
    assert panel.save_button.text() == "一式を保存…"
    assert panel.readiness_label.text().startswith("クラスを少なくとも 2 つ作り")
    assert status.text() == "キャンバスが空です。先に例を描いてください。"

    i18n.set_language("en")
    assert panel.class_table.horizontalHeaderItem(1).text() == "Examples"
    assert panel.new_class_edit.placeholderText() == "New class name"
    assert panel.add_drawing_button.text() == "Add to “cat”"
    assert panel.examples_title.text() == "Examples of “cat”: 1"
    assert panel.examples_list.item(0).toolTip() == "Example 1"
    assert panel.save_button.toolTip().startswith("Save all classes and examples")
    assert panel.readiness_label.text().startswith("Add at least 2 classes")
    assert status.text() == "The canvas is empty: draw an example first."


def test_counts_read_in_the_singular_and_plural_in_english(window, tmp_path, monkeypatch):
    panel = window.training.dataset_panel
    panel.set_source("mine")
    messages = []
    panel.message.connect(lambda render: messages.append(render()))
    assert panel.add_class("bar")
    assert panel.import_files([picture_file(tmp_path / "a.png", 8)]) == 1
    assert messages[-1] == "Imported 1 picture into “bar”."
    paths = [picture_file(tmp_path / f"b{i}.png", 12 + 4 * i) for i in range(2)]
    assert panel.import_files(paths) == 2
    assert messages[-1] == "Imported 2 pictures into “bar”."

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.No)
    panel.delete_class_button.click()
    assert asked[-1] == "Delete the class “bar” and its 3 examples?"
    panel.classes.remove_example("bar", 0)
    panel.classes.remove_example("bar", 0)
    panel.delete_class_button.click()
    assert asked[-1] == "Delete the class “bar” and its 1 example?"
    i18n.set_language("ja")
    panel.delete_class_button.click()
    assert asked[-1] == "クラス「bar」と、その例 1 個を削除しますか？"


@pytest.mark.parametrize("source", ["mnist", "shapes", "folder", "mine"])
def test_nothing_on_a_data_source_page_stays_untranslated(window, tmp_path, source):
    panel = window.training.dataset_panel
    panel.set_source(source)
    if source == "mine":
        assert panel.add_class("cat")
        assert panel.import_files([picture_file(tmp_path / "c.png", 10)]) == 1
    with pseudo_language():
        problems = unmarked_texts(panel, allowed=["cat"])
        problems += unmarked_texts(window.training.status)
    assert not problems, report(problems)
