"""The architecture editor on the Train page: what it builds is what trains, a refused
network disables Train with its reason, and the page's new texts follow the language."""

import pytest

from engine import architecture, datasets
from engine.architecture import ConvBlock, blocks_of
from gui import i18n
from gui.state import LabState
from gui.train.page import TrainingPage

SLICE = datasets.load("shapes", n_train=120, n_test=30, seed=2)


@pytest.fixture
def page(qtbot):
    page = TrainingPage(LabState())
    qtbot.addWidget(page)
    yield page
    page.shutdown()


def test_a_two_block_network_built_in_the_editor_trains_with_that_architecture(qtbot, page):
    editor, state = page.editor, page.state
    editor.select_block(0)
    editor.filters.setValue(4)
    editor.kernel.rows.setValue(3)
    editor.dilation.rows.setValue(2)                  # 3×3 dilated by 2: a 5×5 span
    editor.select_block(1)
    editor.filters.setValue(6)
    editor.kernel.rows.setValue(3)
    editor.padding.rows.setValue(1)
    editor.pool.setCurrentIndex(editor.pool.findData("avg"))
    editor.pool_stride.rows.setValue(1)               # overlapping 2×2 windows
    editor.hidden_count.setValue(1)
    editor.hidden_widths[0].setValue(12)
    page.epochs.setValue(1)
    page.batch_size.setValue(32)
    blocks, hidden = state.training_config.blocks, state.training_config.hidden
    assert blocks == (ConvBlock(4, 3, dilation=2),
                      ConvBlock(6, 3, padding=1, pool="avg", pool_stride=1))
    assert hidden == (12,)
    assert page.train_button.isEnabled()

    assert page.start_training(SLICE), page.status.text()
    assert page.right_tabs.currentWidget() is page.results   # the curves while it learns
    with qtbot.waitSignal(page.worker.finished, timeout=60_000):
        pass
    model = state.model
    assert model is not None and page.last_result.history.epochs_completed == 1
    assert blocks_of(model.architecture()) == (blocks, hidden)
    expected = architecture.network_architecture((1, 28, 28), 6, blocks, hidden)
    assert model.architecture() == expected
    # The table showed the shapes the trained network has (its output for the panel's
    # data, MNIST's 10 classes: this run's data came straight from the test).
    assert [row.summary.output_shape for row in page.layer_table.plan.rows][:-1] == [
        layer.output_shape for layer in model.summary()][:-1]


def test_an_over_budget_network_disables_train_with_the_reason(qtbot, page):
    editor = page.editor
    editor.select_block(1)
    editor.filters.setValue(512)
    editor.kernel.rows.setValue(1)
    editor.pool.setCurrentIndex(editor.pool.findData("none"))
    editor.hidden_widths[0].setValue(4096)            # 512×12×12 features × 4096 units
    assert page.right_tabs.currentWidget() is page.layer_table
    reason = page.layer_table.reason()
    assert "more than the 2,048 MiB allowed" in reason and "hidden layer 1" in reason
    assert not page.train_button.isEnabled()
    assert page.train_button.toolTip() == f"Train is disabled: {reason}"
    assert not page.start_training(SLICE)             # nothing built, nothing started
    assert page.worker is None and page.state.model is None
    editor.hidden_widths[0].setValue(64)
    assert page.train_button.isEnabled()
    assert page.train_button.toolTip() == "Build a fresh network and train it on the dataset"


def test_the_pages_new_texts_follow_the_language(qtbot, page):
    try:
        i18n.set_language("ja")
        assert page.right_tabs.tabText(0) == "層の一覧"
        assert page.editor.default_button.text() == "標準のネットワーク"
        assert page.layer_table.heading.text() == "ネットワークの層 (layers)"
    finally:
        i18n.set_language("en")
    assert page.right_tabs.tabText(0) == "Layers"
    assert page.settings.tabs.tabText(0) == "Network"
