"""The Training page: training in the worker, Stop, divergence, closing mid-run, the
confusion matrix and its images, model files and the history export."""

import csv

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMainWindow

from engine import datasets
from engine.architecture import ConvBlock
from engine.datasets import stratified_split
from engine.model import ModelFileError, build_cnn
from engine.model import load as load_model
from engine.train import DEFAULT_TRAINING, History
from gui.common.display_names import class_name
from gui.common.error_text import error_text
from gui.state import LabState
from gui.state.settings import explorer_block
from gui.train.job import TrainingConfig, TrainingUpdate, make_job
from gui.train.page import TrainingPage

SHAPES = datasets.load("shapes", n_train=480, n_test=60, seed=0)
SMALL = datasets.load("shapes", n_train=240, n_test=60, seed=1)
#: An epoch of over a thousand batches of 2: a stop asked for at the first report lands
#: long before the epoch ends, however late the window handles that report (with SHAPES
#: in batches of 4, a busy suite once let the whole first epoch end first).
LONG_EPOCH = datasets.load("shapes", n_train=3000, n_test=60, seed=0)


def one_block(filters: int) -> tuple[ConvBlock, ...]:
    """The small network these tests train: one block of 3×3 filters, ReLU, 2×2 max pool."""
    return (ConvBlock(filters, (3, 3)),)


def make_page(qtbot, **config) -> TrainingPage:
    state = LabState()
    page = TrainingPage(state)
    qtbot.addWidget(page)
    values = dict(blocks=one_block(config.pop("filters", 8)), hidden=(), epochs=5, lr=0.01,
                  batch_size=32, augment_shift=0, lr_schedule="constant")
    values.update(config)
    page.set_config(TrainingConfig(**values))
    return page


def train(qtbot, page, dataset, timeout=20_000):
    """Start training and wait until the worker has finished (signals from the worker
    arrive through the event loop, so none can be missed before the wait begins)."""
    assert page.start_training(dataset), page.status.text()
    with qtbot.waitSignal(page.worker.finished, timeout=timeout):
        pass


@pytest.fixture
def trained(qtbot):
    page = make_page(qtbot, epochs=3)
    train(qtbot, page, SMALL)
    assert page.last_result is not None and not page.last_result.cancelled
    return page


# --- the job, without widgets ------------------------------------------------------------

def test_the_explorer_block_resolves_same_padding_and_takes_the_whole_layer():
    state = LabState()
    state.set_kernel_size(5, 5)
    state.set_settings(padding="same", stride=(2, 2), pool="avg", pool_size=(3, 3),
                       dilation=(2, 1))
    block = explorer_block(state)
    assert (block.filters, block.kernel_size, block.padding) == (len(state.filters),
                                                                 (5, 5), (4, 2))
    assert (block.stride, block.pool, block.pool_size, block.dilation) == (
        (2, 2), "avg", (3, 3), (2, 1))


def test_config_refuses_values_the_engine_must_never_see():
    for bad in ({"lr": float("nan")}, {"lr": -1.0}, {"epochs": 0}, {"momentum": 1.0},
                {"blocks": (ConvBlock(0),)}, {"patience": 0}, {"lr_schedule": "step"}):
        with pytest.raises(ValueError):
            TrainingConfig(**bad)


def test_validation_is_held_out_from_training_per_class():
    train_index, val_index = stratified_split(SHAPES.y_train, 0.1, seed=0)
    assert not set(train_index) & set(val_index)
    assert len(train_index) + len(val_index) == len(SHAPES.y_train)
    assert set(SHAPES.y_train[val_index]) == set(range(len(SHAPES.class_names)))


def test_job_reports_throttled_copies_and_every_epoch_end():
    config = TrainingConfig(blocks=one_block(4), hidden=(), epochs=3, batch_size=8, lr=0.01)
    model = config.build_model(SMALL.x_train.shape[1:], SMALL.class_names)
    updates: list[TrainingUpdate] = []
    result = make_job(model, SMALL, config)(updates.append, lambda: False)
    batches = updates[-1].progress.batches
    assert batches * config.epochs > len(updates)  # throttled: not one per batch
    ends = [u for u in updates if u.epoch_done]
    assert [len(u.history.train_loss) for u in ends] == [1, 2, 3]
    assert result.history.epochs_completed == 3 and not result.cancelled
    weights = model.layers[0].params["weight"]
    assert updates[-1].first_filters.shape == weights.shape
    assert not np.shares_memory(updates[-1].first_filters, weights)
    assert np.array_equal(updates[-1].first_filters, weights)  # reported after the last batch
    assert result.evaluation.confusion.sum() == len(SMALL.y_test)


# --- training in the page ----------------------------------------------------------------

def test_the_defaults_are_the_engines_and_copy_from_explorer_fills_block_1(qtbot):
    state = LabState()
    state.set_kernel_size(5, 5)
    state.set_settings(padding="same", pool="avg")
    page = TrainingPage(state)
    qtbot.addWidget(page)
    assert page.config() == TrainingConfig()       # one definition: the engine's
    assert page.config().training_settings() == DEFAULT_TRAINING
    assert page.epochs.value() == DEFAULT_TRAINING.epochs
    state.add_filter()
    state.set_settings(stride=(2, 2))
    page.copy_button.click()
    editor = page.editor
    assert (editor.filters.value(), editor.stride.value()) == (len(state.filters), (2, 2))
    assert (editor.padding.value(), editor.pool.currentData()) == ((2, 2), "avg")
    model = page.config().build_model((1, 28, 28), "abc")
    assert model.layers[0].params["weight"].shape == (len(state.filters), 1, 5, 5)


def test_training_reaches_far_above_chance_and_sets_the_model(qtbot):
    page = make_page(qtbot)
    train(qtbot, page, SHAPES)
    result = page.last_result
    assert result.history.epochs_completed == 5
    assert result.evaluation.accuracy > 0.6            # chance is 1/6
    model = page.state.model
    assert model is not None and model.class_names == SHAPES.class_names
    assert np.mean(model.predict(SHAPES.x_test) == SHAPES.y_test) == pytest.approx(
        result.evaluation.accuracy)
    # The live views show what the engine computed (the curves once the page shows).
    page.show()
    qtbot.waitExposed(page)
    curves = page.curves.data()
    assert np.allclose(curves["loss"]["train"][1], result.history.train_loss)
    assert np.allclose(curves["accuracy"]["validation"][1], result.history.val_accuracy)
    shown = np.stack(page.filters_view.images())
    assert np.allclose(shown, model.layers[0].params["weight"].mean(axis=1))
    assert "Test accuracy" in page.accuracy_label.text()
    assert np.array_equal(page.confusion.confusion, result.evaluation.confusion)
    assert not page.is_training() and page.train_button.isEnabled()


def test_the_state_knows_while_a_training_run_works(qtbot):
    # The explorer sends more of its work to its worker while training runs.
    page = make_page(qtbot, epochs=2)
    assert not page.state.training_running
    assert page.start_training(SMALL), page.status.text()
    assert page.state.training_running
    with qtbot.waitSignal(page.worker.finished, timeout=20_000):
        pass
    assert not page.state.training_running


def test_a_run_ending_behind_another_page_draws_its_curves_once_when_it_shows(qtbot):
    page = make_page(qtbot, epochs=2)  # never shown: another page is on show
    drawn = []
    draw = page.curves.set_history
    page.curves.set_history = lambda *args, **kwargs: (drawn.append(args), draw(*args,
                                                                              **kwargs))[1]
    train(qtbot, page, SMALL)
    assert not page.isVisible()
    # Only the empty frame at the start: neither the last report nor the final history
    # is drawn behind another page (that work stalled the page the learner sees).
    assert len(drawn) == 1
    assert page.progress.value() == 1000
    page.show()
    qtbot.waitExposed(page)
    assert len(drawn) == 2  # the final history, drawn once the page shows
    history = page.last_result.history
    assert np.allclose(page.curves.data()["loss"]["train"][1], history.train_loss)
    assert np.allclose(page.curves.data()["accuracy"]["validation"][1], history.val_accuracy)
    page.hide()
    page.show()
    assert len(drawn) == 2  # drawn once


def test_stop_after_an_epoch_replaces_the_model_with_the_new_one(qtbot):
    page = make_page(qtbot, epochs=200)
    messages = []
    page.message.connect(messages.append)
    assert page.start_training(SMALL)
    with qtbot.waitSignal(page.worker.progressed, timeout=10_000,
                          check_params_cb=lambda update: update.epoch_done):
        pass
    with qtbot.waitSignal(page.worker.finished, timeout=5_000):
        page.stop_training()
    result = page.last_result
    assert result.cancelled and 1 <= result.history.epochs_completed < 200
    assert page.state.model is page._model
    probabilities = page.state.model.predict_proba(SMALL.x_test[:5])
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert any("Stopped after" in text and "replaces the previous one" in text
               for text in messages)


def test_train_then_stop_at_once_keeps_the_previous_model(trained, qtbot):
    page = trained
    previous = page.state.model
    weights = previous.layers[0].params["weight"].copy()
    accuracy = page.last_result.evaluation.accuracy
    page.set_config(TrainingConfig(blocks=one_block(8), hidden=(), epochs=200, lr=0.01,
                                   batch_size=2))
    messages = []
    page.message.connect(messages.append)
    assert page.start_training(LONG_EPOCH)
    with qtbot.waitSignal(page.worker.progressed, timeout=10_000):
        pass
    with qtbot.waitSignal(page.worker.finished, timeout=5_000):
        page.stop_training()
    assert page.last_result.history.epochs_completed == 0
    assert page.state.model is previous
    assert np.array_equal(previous.layers[0].params["weight"], weights)
    assert "the previous model is kept" in messages[-1]
    assert np.allclose(np.stack(page.filters_view.images()), weights.mean(axis=1))
    # Still the trained, unsaved model a closing window asks about, with its accuracy.
    assert page.unsaved_work() == [
        f"The trained model ({100 * accuracy:.1f} % test accuracy) has not been saved to "
        "a file."]


def test_stop_at_once_without_a_previous_model_keeps_none(qtbot):
    page = make_page(qtbot, epochs=200, batch_size=2)
    messages = []
    page.message.connect(messages.append)
    assert page.start_training(LONG_EPOCH)
    with qtbot.waitSignal(page.worker.progressed, timeout=10_000):
        pass
    with qtbot.waitSignal(page.worker.finished, timeout=5_000):
        page.stop_training()
    assert page.state.model is None
    assert "there is no trained model" in messages[-1]
    assert page.unsaved_work() == []


def test_huge_learning_rate_reports_divergence_and_keeps_the_previous_model(qtbot):
    page = make_page(qtbot, optimizer="sgd", lr=1e4, epochs=3)
    previous = build_cnn(num_classes=len(SMALL.class_names))
    page.state.set_model(previous)
    messages = []
    page.message.connect(messages.append)
    train(qtbot, page, SMALL)
    assert page.last_result is None
    assert page.state.model is previous
    assert "learning rate" in messages[-1]
    assert page.train_button.isEnabled()


def _qt_messages(qtlog):
    return [record.message for record in qtlog.records]


def test_shutdown_mid_training_stops_the_thread_cleanly(qtbot, qtlog):
    page = make_page(qtbot, epochs=200)
    assert page.start_training(SMALL)
    with qtbot.waitSignal(page.worker.progressed, timeout=10_000):
        pass
    thread = page.worker._thread
    assert thread.isRunning()
    assert page.shutdown(5_000)
    assert not thread.isRunning() and not page.is_training()
    assert not any("Destroyed while thread" in text for text in _qt_messages(qtlog))


def test_closing_a_window_mid_training_leaves_no_running_thread(qtbot, qtlog):
    class Window(QMainWindow):
        def __init__(self):
            super().__init__()
            self.page = TrainingPage(LabState(self))
            self.setCentralWidget(self.page)

        def closeEvent(self, event):  # noqa: N802 (Qt's name)
            self.page.shutdown(5_000)
            super().closeEvent(event)

    window = Window()
    qtbot.addWidget(window)
    window.page.set_config(TrainingConfig(blocks=one_block(8), hidden=(), epochs=200, lr=0.01,
                                          batch_size=32))
    window.show()
    assert window.page.start_training(SMALL)
    with qtbot.waitSignal(window.page.worker.progressed, timeout=10_000):
        pass
    thread = window.page.worker._thread
    window.close()
    assert not thread.isRunning()
    window.deleteLater()
    qtbot.wait(50)
    assert not any("Destroyed while thread" in text for text in _qt_messages(qtlog))


# --- after training ------------------------------------------------------------------

def _click_cell(qtbot, view, row, col):
    viewbox = view.plot.getViewBox()
    scene = viewbox.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    point = view.plot.mapFromScene(scene)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_a_confusion_cell_lists_exactly_its_test_images(trained, qtbot):
    page = trained
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    evaluation = page.last_result.evaluation
    confusion = evaluation.confusion
    off = np.argwhere((confusion > 0) & ~np.eye(len(confusion), dtype=bool))
    row, col = (int(v) for v in (off[0] if len(off) else (0, 0)))
    with qtbot.waitSignal(page.confusion.cell_clicked, timeout=2_000) as blocker:
        _click_cell(qtbot, page.confusion, row, col)
    assert blocker.args == [row, col]
    expected = np.flatnonzero((SMALL.y_test == row) & (evaluation.predictions == col))
    assert page.confusion.shown_indices() == expected.tolist()
    assert len(expected) == confusion[row, col]
    count = int(confusion[row, col])
    assert f"{count} image" in page.confusion.title.text()
    assert class_name(SMALL.class_names[row]) in page.confusion.title.text()


def test_clicking_a_thumbnail_puts_that_test_image_into_the_explorer(trained, qtbot):
    page = trained
    page.show()
    qtbot.waitExposed(page)
    best = int(np.argmax(np.diag(page.confusion.confusion)))
    page.confusion.select_cell(best, best)
    thumbnails = page.confusion.thumbnails
    assert thumbnails.count() > 1
    item = thumbnails.item(1)
    index = item.data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(page.explore_requested, timeout=2_000):
        qtbot.mouseClick(thumbnails.viewport(), Qt.MouseButton.LeftButton,
                         pos=thumbnails.visualItemRect(item).center())
    np.testing.assert_allclose(page.state.image, SMALL.x_test[index], atol=1e-6)
    assert page.state.prediction is None or page.state.prediction.shape == (6,)


def test_save_and_open_model_round_trip(trained, tmp_path):
    page = trained
    path = tmp_path / "shapes.npz"
    assert page.save_model(path)
    saved = page.state.model
    assert page.open_model(path)
    assert page.state.model is not saved
    assert np.array_equal(page.state.model.predict_proba(SMALL.x_test),
                          saved.predict_proba(SMALL.x_test))
    assert page.state.model.class_names == SMALL.class_names


def test_a_bad_model_file_shows_the_reason_and_changes_nothing(trained, tmp_path):
    page = trained
    before = page.state.model
    bad = tmp_path / "notes.npz"
    bad.write_text("not a model")
    messages = []
    page.message.connect(messages.append)
    assert not page.open_model(bad)
    with pytest.raises(ModelFileError) as error:
        load_model(bad)
    # Worded by the GUI (in the current language), not the engine's English.
    assert messages == [error_text(error.value)]
    assert page.state.model is before


def test_history_csv_has_a_header_and_one_row_per_epoch(trained, tmp_path):
    page = trained
    path = tmp_path / "history.csv"
    assert page.export_history_csv(path)
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"]
    history: History = page.last_result.history
    assert len(rows) == 1 + history.epochs_completed
    assert [float(v) for v in rows[2][1:]] == pytest.approx(
        [history.train_loss[1], history.train_accuracy[1], history.val_loss[1],
         history.val_accuracy[1]])
    png = tmp_path / "curves.png"
    assert page.export_curves_png(png) and png.stat().st_size > 0
    # The run ended behind another page: the exported curves are its final ones.
    assert not page.isVisible()
    assert np.allclose(page.curves.data()["loss"]["validation"][1], history.val_loss)


@pytest.mark.parametrize("silent", [False, True], ids=["ENOSPC", "dropped-writes"])
def test_exports_on_a_full_disk_fail_loudly_and_leave_no_empty_file(trained, tmp_path,
                                                                    disk_full, monkeypatch,
                                                                    silent):
    page = trained
    csv_path, png_path = tmp_path / "history.csv", tmp_path / "curves.png"
    png_path.write_bytes(b"the curves exported yesterday")
    disk_full(0, silent)
    assert not page.export_history_csv(csv_path)
    assert "Could not write history.csv" in page.status.text()
    assert not page.export_curves_png(png_path)
    assert "Could not write curves.png" in page.status.text()
    monkeypatch.undo()
    assert not csv_path.exists()
    assert png_path.read_bytes() == b"the curves exported yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curves.png"]


def test_show_learned_filters_puts_the_first_layer_into_the_explorer(trained, qtbot):
    page = trained
    with qtbot.waitSignal(page.explore_requested, timeout=1_000):
        page.explore_button.click()
    weights = page.state.model.layers[0].params["weight"]
    assert np.array_equal(page.state.weights(), weights)
