"""The architecture editor and the layer table, as real widgets on a real state: blocks
added, removed and reordered land in the state and in the table (equal to the engine's
own summary), Copy from explorer carries every setting, an opened model shows its
blocks, and a configuration over the memory budget or not fitting the image is refused
with a sentence naming the block."""

import pytest

from engine import architecture, costs
from engine.architecture import DEFAULT_BLOCKS, DEFAULT_HIDDEN, ConvBlock
from engine.model import build_network
from gui.state import LabState, TrainingConfig
from gui.train.architecture_editor import ArchitectureEditor
from gui.train.layer_table import LayerTable, problem_text, shape_text
from gui.train.network_plan import plan_network


@pytest.fixture
def parts(qtbot):
    state = LabState()
    editor = ArchitectureEditor(state)
    table = LayerTable(state)
    for widget in (editor, table):
        qtbot.addWidget(widget)
    table.set_speed(1e9)
    table.set_data((1, 28, 28), 10, 4000)
    return state, editor, table


def table_rows(table):
    return [tuple(table.table.item(row, column).text() for column in range(4))
            for row in range(table.table.rowCount())]


def engine_rows(blocks, hidden, shape=(1, 28, 28), classes=10):
    specs = architecture.network_architecture(shape, classes, blocks, hidden)
    summary = architecture.summarize(specs, shape)
    return [(shape_text(layer.output_shape), f"{layer.weights:,}" if layer.weights else "",
             f"{layer.biases:,}" if layer.biases else "") for layer in summary]


def assert_table_matches_engine(state, table):
    config = state.training_config
    shown = [row[1:] for row in table_rows(table)[1:]]  # without the input row
    assert shown == engine_rows(config.blocks, config.hidden)
    summary = architecture.summarize(
        architecture.network_architecture((1, 28, 28), 10, config.blocks, config.hidden),
        (1, 28, 28))
    assert f"{costs.parameter_count(summary):,}" in table.totals.text()


def test_defaults_are_the_engines(parts):
    state, editor, table = parts
    assert state.training_config.blocks == DEFAULT_BLOCKS
    assert state.training_config.hidden == DEFAULT_HIDDEN
    assert editor.block_list.count() == len(DEFAULT_BLOCKS)
    assert editor.filters.value() == DEFAULT_BLOCKS[0].filters
    assert_table_matches_engine(state, table)
    assert table.fits and table.reason() is None
    assert "MiB" in table.memory.text() and "s" in table.time.text()


def test_add_remove_and_reorder_blocks(parts):
    state, editor, table = parts
    editor.select_block(1)
    editor.filters.setValue(12)                      # block 2: 12 filters
    editor.padding.rows.setValue(2)                  # columns follow while equal
    assert state.training_config.blocks[1].filters == 12
    assert state.training_config.blocks[1].padding == (2, 2)
    assert_table_matches_engine(state, table)

    editor.add_button.click()                        # a copy of block 2, after it
    blocks = state.training_config.blocks
    assert len(blocks) == 3 and blocks[2] == blocks[1] and editor.selected == 2
    editor.pool.setCurrentIndex(editor.pool.findData("none"))
    editor.kernel.rows.setValue(1)
    editor.kernel.cols.setValue(3)                   # a 1×3 kernel
    assert state.training_config.blocks[2].kernel_size == (1, 3)
    assert state.training_config.blocks[2].pool == "none"
    assert_table_matches_engine(state, table)
    assert editor.block_list.count() == 3

    editor.up_button.click()                         # the new block becomes block 2
    blocks = state.training_config.blocks
    assert blocks[1].kernel_size == (1, 3) and blocks[2].filters == 12
    assert editor.selected == 1 and editor.kernel.value() == (1, 3)
    assert_table_matches_engine(state, table)
    assert "1×3" in table_rows(table)[4][0]          # input, block 1 (3 rows), then it

    editor.select_block(0)
    editor.remove_button.click()
    assert [b.kernel_size for b in state.training_config.blocks] == [(1, 3), (5, 5)]
    assert not editor.up_button.isEnabled()
    editor.down_button.click()
    assert [b.kernel_size for b in state.training_config.blocks] == [(5, 5), (1, 3)]
    assert_table_matches_engine(state, table)


def test_hidden_layers(parts):
    state, editor, table = parts
    editor.hidden_count.setValue(2)
    editor.hidden_widths[1].setValue(20)
    assert state.training_config.hidden == (DEFAULT_HIDDEN[0], 20)
    assert editor.hidden_widths[1].isVisibleTo(editor)
    assert_table_matches_engine(state, table)
    editor.hidden_count.setValue(0)
    assert state.training_config.hidden == ()
    assert not editor.hidden_widths[0].isVisibleTo(editor)
    assert_table_matches_engine(state, table)
    assert table_rows(table)[-1][1:] == ("10", f"{32 * 4 * 4 * 10:,}", "10")


def test_copy_from_explorer_carries_every_setting(parts):
    state, editor, table = parts
    state.set_kernel_size(3, 5)
    state.set_settings(stride=(2, 1), padding="same", dilation=(2, 3), activation="none",
                       pool="avg", pool_size=(3, 2), pool_stride=(1, 2))
    editor.copy_button.click()
    block = state.training_config.blocks[0]
    assert block == ConvBlock(filters=len(state.filters), kernel_size=(3, 5), stride=(2, 1),
                              padding=(2, 6), dilation=(2, 3), activation="none",
                              pool="avg", pool_size=(3, 2), pool_stride=(1, 2))
    assert state.training_config.blocks[1:] == DEFAULT_BLOCKS[1:]
    # The editor shows it, dilation and pool step included.
    assert (editor.dilation.value(), editor.pool_stride.value()) == ((2, 3), (1, 2))
    assert editor.activation.currentData() == "none" and editor.pool.currentData() == "avg"
    spec = table.plan.rows[0].spec
    assert spec["dilation"] == [2, 3]
    pool_spec = table.plan.rows[1].spec                 # no ReLU: the pool follows
    assert (pool_spec["type"], pool_spec["stride"]) == ("AvgPool2D", [1, 2])


def test_pool_step_follows_the_size_until_set(parts):
    state, editor, _ = parts
    editor.pool_size.rows.setValue(3)
    block = state.training_config.blocks[0]
    assert block.pool_size == (3, 3) and block.pool_stride is None
    assert editor.pool_stride.value() == (3, 3)
    editor.pool_stride.rows.setValue(1)              # the columns follow the rows
    assert state.training_config.blocks[0].pool_stride == (1, 1)
    editor.pool_stride.cols.setValue(2)
    assert state.training_config.blocks[0].pool_stride == (1, 2)
    editor.pool_size.rows.setValue(2)                # a set step stays
    assert state.training_config.blocks[0].pool_stride == (1, 2)


def test_default_network_button(parts):
    state, editor, table = parts
    state.set_training_config(blocks=(ConvBlock(4),), hidden=())
    assert editor.block_list.count() == 1 and editor.filters.value() == 4  # state -> editor
    editor.default_button.click()
    assert state.training_config.blocks == DEFAULT_BLOCKS
    assert state.training_config.hidden == DEFAULT_HIDDEN
    assert_table_matches_engine(state, table)


def test_an_opened_model_shows_its_architecture(parts):
    state, editor, table = parts
    blocks = (ConvBlock(6, (3, 3), padding=1, dilation=2, pool="avg", pool_size=3,
                        pool_stride=2),
              ConvBlock(10, (3, 3), activation="none", pool="none"))
    state.set_model(build_network((1, 28, 28), 10, blocks, (30,), seed=1))
    assert state.training_config.blocks == blocks
    assert state.training_config.hidden == (30,)
    assert editor.block_list.count() == 2
    assert editor.dilation.value() == (2, 2) and editor.pool_stride.value() == (2, 2)
    assert_table_matches_engine(state, table)


def test_over_the_memory_budget_is_refused_naming_the_block(parts):
    state, editor, table = parts
    fits = []
    table.fit_changed.connect(fits.append)
    state.set_training_config(blocks=(ConvBlock(8), ConvBlock(512, 3, padding=1, pool="none")),
                              hidden=(4096,))
    assert not table.fits and fits[-1] is False
    reason = table.reason()
    assert "MiB" in reason and "hidden layer 1" in reason
    failing = table.plan.problem_row + 1                 # the table's rows start with the input
    assert table.table.item(failing, 0).text() == "Hidden 1 · dense"
    assert table.table.item(failing, 0).background().color().red() > 240
    assert table.problem.text() == reason
    state.set_training_config(hidden=(64,))
    assert table.fits and table.problem.text() == "" and fits[-1] is True


def test_memory_of_a_block_names_the_block():
    config_blocks = (ConvBlock(8, pool="none"),
                     ConvBlock(1024, 3, padding=1, activation="none", pool_size=16))
    plan = plan_network(TrainingConfig(blocks=config_blocks, hidden=(), batch_size=64),
                        (1, 256, 256), 10, budget_bytes=64 * 2**20)
    assert not plan.fits
    row = plan.rows[plan.problem_row]
    assert (row.block, row.summary.kind) == (1, "Conv2D")
    assert "layer 3 (Conv2D) of convolution block 2" in problem_text(plan)


def test_a_block_that_does_not_fit_the_image_is_refused(parts):
    state, editor, table = parts
    editor.add_button.click()
    editor.add_button.click()                           # four 5×5 blocks with 2×2 pools
    assert not table.fits
    reason = table.reason()
    assert reason.startswith("Block 3:") and "no output is left" in reason
    rows = table_rows(table)
    assert rows[-1][:2] == ("3 · does not fit", "—")    # blocks 1 and 2, then block 3
    assert len(rows) == 1 + 3 + 3 + 1
    editor.select_block(2)
    editor.kernel.rows.setValue(1)
    editor.pool.setCurrentIndex(editor.pool.findData("none"))
    editor.select_block(3)
    editor.kernel.rows.setValue(1)
    assert table.fits, table.reason()
    assert_table_matches_engine(state, table)


def test_the_texts_follow_the_language(parts):
    from gui import i18n

    state, editor, table = parts
    try:
        i18n.set_language("ja")
        assert editor.blocks_heading.text() == "畳み込みブロック (convolution block)"
        assert editor.copy_button.text() == "「層を調べる」からコピー"
        assert editor.block_list.item(0).text().startswith("1. フィルター 16 個 5×5")
        assert table.table.horizontalHeaderItem(2).text() == "重み"
        assert table.table.item(1, 0).text() == "1 · 畳み込み 5×5"
        assert table.totals.text().startswith("合計：")
        state.set_training_config(hidden=(4096,), blocks=(ConvBlock(512, 3, pool="none"),))
        assert "MiB" in table.problem.text() and "第 1 隠れ層" in table.problem.text()
    finally:
        i18n.set_language("en")
    assert editor.blocks_heading.text() == "Convolution blocks"
    assert table.table.item(1, 0).text() == "1 · convolution 3×3"
    assert "hidden layer 1" in table.problem.text()


def test_the_time_per_epoch_is_estimated_from_a_measured_speed(qtbot):
    state = LabState()
    table = LayerTable(state)
    qtbot.addWidget(table)
    table.set_data((1, 28, 28), 10, 4000)
    table.show()
    with qtbot.waitSignal(table.speed.measured, timeout=20_000):
        table.speed.request()            # measured once per session, in the worker
    assert table.speed.flops_per_second > 0
    qtbot.waitUntil(lambda: "about" in table.time.text())
    seconds = table.plan.epoch_seconds(4000, state.training_config.validation_fraction,
                                       table.speed.flops_per_second)
    assert seconds > 0


@pytest.mark.parametrize("speed, shown", [(1e15, "under 1 s"), (1e8, "about ")])
def test_the_epoch_time_is_worded_without_about_under(parts, speed, shown):
    _, _, table = parts
    table.set_speed(speed)
    text = table.time.text()
    assert text.startswith("Time per epoch: ") and shown in text
    assert "about under" not in text
