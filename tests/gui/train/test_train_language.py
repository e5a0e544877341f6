"""The Train page follows a language switch at once, both ways: its buttons, labels,
tooltips, combo boxes (keeping their choice), tab titles, the layer table, the progress
bar, the results and the status message on show; and under a pseudo-translation
nothing of it (the dataset panel aside, which has its own tests) stays in English."""

import numpy as np
import pytest

from engine import datasets
from engine.architecture import ConvBlock
from engine.train import TrainingDiverged
from gui import i18n
from gui.state import LabState
from gui.train.job import TrainingConfig
from gui.train.page import TrainingPage
from gui.train.run import divergence_text
from tests.gui.pseudo_translation import pseudo_language, report, unmarked_texts

SMALL = datasets.load("shapes", n_train=240, n_test=60, seed=1)


@pytest.fixture
def page(qtbot):
    page = TrainingPage(LabState())
    qtbot.addWidget(page)
    page.dataset_panel.autosave_folder = None
    page.set_config(TrainingConfig(blocks=(ConvBlock(4),), hidden=(), epochs=2, lr=0.01,
                                   batch_size=32, augment_shift=0, lr_schedule="constant"))
    yield page
    page.shutdown()


def train(qtbot, page):
    assert page.start_training(SMALL), page.status.text()
    with qtbot.waitSignal(page.worker.finished, timeout=20_000):
        pass


def test_controls_labels_tooltips_and_titles_switch_and_back(page):
    i18n.set_language("ja")
    assert page.train_button.text() == "学習開始"
    assert page.stop_button.text() == "停止"
    assert page.settings.tabs.tabText(0) == "ネットワーク"
    assert page.settings.tabs.tabText(1) == "学習"
    label = page.settings.training.labels["learning_rate"]
    # The Japanese term, with the English one beside it (below, in small type).
    assert "学習率" in label.text() and "Learning rate" in label.text()
    assert "発散" in page.learning_rate.toolTip()
    assert page.progress.format() == "学習の準備ができています"
    assert page.model_summary.text().startswith("モデルはまだありません")
    assert page.editor.block_list.item(0).text().startswith("1. フィルター 4 個 3×3")
    assert page.layer_table.table.item(1, 0).text() == "1 · 畳み込み 3×3"
    assert page.results.curves_title.text() == "学習曲線"
    i18n.set_language("en")
    assert page.train_button.text() == "Train"
    assert page.settings.tabs.tabText(0) == "Network"
    assert label.text() == "Learning rate"
    assert page.learning_rate.toolTip().startswith("How big a step")
    assert page.progress.format() == "Ready to train"
    assert page.editor.block_list.item(0).text().startswith("1. 4 filters 3×3")


def test_combo_boxes_are_reworded_and_keep_their_choice(page):
    pool = page.editor.pool
    pool.setCurrentIndex(pool.findData("avg"))
    page.optimizer.setCurrentIndex(page.optimizer.findData("sgd"))
    config = page.config()
    i18n.set_language("ja")
    assert [pool.itemText(i) for i in range(3)] == ["最大値", "平均値", "なし"]
    assert pool.currentData() == "avg" and pool.currentText() == "平均値"
    assert page.optimizer.currentData() == "sgd"
    assert page.optimizer.currentText() == "SGD（モーメンタム付き）"
    assert "平均値 2×2" in page.editor.block_list.item(0).text()
    assert "平均値プーリング" in page.layer_table.table.item(3, 0).text()
    assert page.config() == config  # rewording changed no setting
    i18n.set_language("en")
    assert pool.currentText() == "average" and page.optimizer.currentText() == (
        "SGD with momentum")
    assert "average pooling" in page.layer_table.table.item(3, 0).text()


def test_a_summary_that_does_not_fit_is_worded_again(page):
    editor = page.editor
    editor.kernel.rows.setValue(11)
    editor.stride.rows.setValue(8)
    editor.pool_size.rows.setValue(4)  # 3×3 after the convolution: a 4×4 pool does not fit
    problem = page.layer_table.problem
    assert problem.text().startswith("Block 1: the pool window")
    i18n.set_language("ja")
    assert problem.text().startswith("第 1 ブロック") and problem.text() != ""
    assert "第 1 ブロック" in page.train_button.toolTip()
    assert not page.train_button.isEnabled()


def test_the_status_message_on_show_is_worded_again_both_ways(page):
    page.copy_from_explorer()
    assert page.status.text().startswith("Block 1 is now the explorer's layer")
    i18n.set_language("ja")
    assert page.status.text().startswith("第 1 ブロックを「層を調べる」の層にしました")
    assert page.status.toolTip() == page.status.text()
    i18n.set_language("en")
    assert page.status.text().startswith("Block 1 is now the explorer's layer")


def test_a_finished_run_is_reported_in_the_language_of_the_moment(qtbot, page):
    train(qtbot, page)
    assert page.status.text().startswith("Trained 2 epochs in")
    assert page.progress.format() == "Done: 2 epochs"
    assert page.accuracy_label.text().startswith("Test accuracy:")
    i18n.set_language("ja")
    assert page.status.text().startswith("2 エポックの学習が")
    assert "テストデータの正解率" in page.status.text()
    assert page.progress.format() == "完了: 2 エポック"
    assert page.accuracy_label.text().startswith("テストの正解率:")
    assert page.model_summary.text().startswith("今のモデル:")
    assert page.filters_view.scale.text().startswith("フィルター 4 個")
    assert "先に学習を停止" not in page.open_button.toolTip()  # not training: its own tip
    i18n.set_language("en")
    assert page.status.text().startswith("Trained 2 epochs in")
    assert page.filters_view.scale.text().startswith("4 filters 3×3")


def test_english_reads_one_epoch_and_many(qtbot, page):
    page.epochs.setValue(1)
    train(qtbot, page)
    assert page.status.text().startswith("Trained 1 epoch in")
    assert page.progress.format() == "Done: 1 epoch"


def test_divergence_is_worded_from_its_code_in_either_language():
    exploded = TrainingDiverged("loss_exploded", loss=3.5e9, lr=0.5)
    weights = TrainingDiverged("weights_not_finite", lr=2.0)
    assert "exploded to 3.5e+09" in divergence_text(exploded)
    assert "a tenth of 2" in divergence_text(weights)
    i18n.set_language("ja")
    assert "3.5e+09" in divergence_text(exploded) and "学習率を下げて" in divergence_text(
        exploded)
    assert "重みが NaN か無限大" in divergence_text(weights)


def test_nothing_on_the_train_page_stays_english_under_a_pseudo_translation(qtbot, page):
    """The page's own widgets and the results, after a run (so every result text is
    shown), with a status message, a progress text and the learned filters on show."""
    train(qtbot, page)
    page.stop_training()
    assert page.filters_view.images()
    mine = (page.controls_scroll, page.layer_table, page.results)
    with pseudo_language():
        problems = [p for part in mine for p in unmarked_texts(part, SMALL.class_names)]
        assert page.status.text().startswith("⟦")
        assert page.progress.format().startswith("⟦")
    assert not problems, report(problems)
    assert page.progress.format() == "Done: 2 epochs"


def test_the_pseudo_translation_reaches_a_failure_and_an_open_model_tip(qtbot, page):
    page.learning_rate.setValue(5000.0)
    page.optimizer.setCurrentIndex(page.optimizer.findData("sgd"))
    train(qtbot, page)
    assert "learning rate" in page.status.text() and page.status.is_error
    with pseudo_language():
        problems = unmarked_texts(page.controls_scroll, SMALL.class_names)
        assert page.progress.format() == "⟦Diverged⟧"
    assert not problems, report(problems)
    assert np.isfinite(page.learning_rate.value())


def test_the_windows_status_bar_follows_the_train_pages_reworded_message(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    window.training.dataset_panel.autosave_folder = None
    window.training.copy_from_explorer()
    assert window.status.text() == window.training.status.text() != ""
    i18n.set_language("ja")
    assert window.status.text() == window.training.status.text()
    assert window.status.text().startswith("第 1 ブロックを「層を調べる」の層にしました")


def test_japanese_summaries_and_errors_move_no_button(qtbot, tmp_path):
    """The summary's four reserved lines hold the Japanese summaries and errors too."""
    from PySide6.QtCore import QPoint, QSettings

    from gui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    window.training.dataset_panel.autosave_folder = None
    i18n.set_language("ja")
    window.resize(1280, 800)
    window.show()
    window.show_page("train")
    qtbot.waitExposed(window)
    qtbot.wait(50)
    page = window.training

    def places():
        return [w.mapTo(window, QPoint(0, 0)) for w in (page.copy_button, page.train_button)]

    before = places()
    editor = page.editor
    editor.kernel.rows.setValue(11)
    editor.stride.rows.setValue(8)
    editor.pool_size.rows.setValue(4)  # 3×3 after the convolution: a 4×4 pool does not fit
    assert page.layer_table.problem.text().startswith("第 1 ブロック")
    qtbot.wait(10)
    assert places() == before
    editor.kernel.rows.setValue(1)
    editor.stride.rows.setValue(1)
    editor.filters.setValue(32)
    editor.hidden_widths[0].setValue(512)
    rows = page.layer_table.table
    texts = {rows.item(row, 0).text(): rows.item(row, 1).text() for row in range(rows.rowCount())}
    assert texts["第 1 隠れ層 · 全結合"] == "512"
    qtbot.wait(10)
    assert places() == before
