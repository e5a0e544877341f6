"""The Train page's training history: the model kept after every epoch of a run, and the
slider that shows the learned filters, the test results and the Network page as they
were then (real page, real worker, a slice of the shapes data set, a tiny network)."""

import dataclasses

import numpy as np
import pytest

from engine import datasets
from engine.train import evaluate
from gui import i18n
from gui.network.page import NetworkPage
from gui.state import LabState
from gui.train.history_slider import STOPPED
from gui.train.job import make_job
from gui.train.page import TrainingPage

DATA = datasets.load("shapes", n_train=240, n_test=60, seed=1)
EPOCHS = 3


def make_page(qtbot, epochs=EPOCHS):
    state = LabState()
    page = TrainingPage(state)
    qtbot.addWidget(page)
    page.set_config(dataclasses.replace(page.config(), epochs=epochs, batch_size=32, lr=0.01))
    return page


def train(qtbot, page, dataset=DATA):
    assert page.start_training(dataset), page.status.text()
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass


def first_weights(model):
    return next(layer for layer in model.layers if "weight" in layer.params
                and layer.params["weight"].ndim == 4).params["weight"]


def show(qtbot, page, index):
    """Move the slider to ``index`` and wait until its test results are shown."""
    with qtbot.waitSignal(page.training_history.shown, timeout=20_000,
                          check_params_cb=lambda shown: shown == index):
        page.history_slider.choose(index)


@pytest.fixture
def trained(qtbot):
    page = make_page(qtbot)
    train(qtbot, page)
    assert page.last_result is not None and not page.last_result.cancelled
    yield page
    page.shutdown()


def test_the_job_keeps_copies_of_every_epoch_made_in_the_worker():
    state = LabState()
    config = dataclasses.replace(TrainingPage(state).config(), epochs=EPOCHS, batch_size=32)
    model = config.build_model(DATA.x_train.shape[1:], DATA.class_names)
    initial = first_weights(model).copy()
    updates = []
    result = make_job(model, DATA, config)(updates.append, lambda: False)
    assert [s.epoch for s in result.snapshots] == list(range(EPOCHS + 1))
    kept = result.snapshots[0].parameters
    assert np.array_equal(next(p["weight"] for p in kept if "weight" in p), initial)
    last = result.snapshots[-1].parameters
    for layer, params in zip(model.layers, last, strict=True):
        for name, value in params.items():
            assert np.array_equal(value, layer.params[name])
            assert not np.shares_memory(value, layer.params[name])  # copies, not the model's
    ends = [u for u in updates if u.epoch_done]
    assert [len(u.snapshots) for u in ends] == [2, 3, 4]  # epoch 0 and each epoch so far


def test_the_slider_waits_for_a_run_then_offers_every_epoch_at_the_last(qtbot):
    page = make_page(qtbot)
    slider = page.history_slider
    assert not slider.slider.isEnabled()
    assert slider.value_label.text() == "no run yet"
    train(qtbot, page)
    assert slider.slider.isEnabled()
    assert [p.epoch for p in slider.positions] == list(range(EPOCHS + 1))
    assert slider.slider.maximum() == EPOCHS and slider.at_last
    assert slider.value_label.text() == f"Epoch {EPOCHS} of {EPOCHS}"
    assert page.state.model is page.state.trained_model is page._model
    page.shutdown()


def test_each_epoch_shows_its_filters_and_its_measured_test_results(trained, qtbot):
    page = trained
    snapshots = page.last_result.snapshots
    final = page.state.trained_model
    for index in (1, 0, 2):
        show(qtbot, page, index)
        snapshot = snapshots[index]
        shown = page.state.model
        assert shown is not final and page.state.showing_earlier_model
        expected = first_weights(final.with_parameters(dict(enumerate(snapshot.parameters))))
        assert np.array_equal(first_weights(shown), expected)
        # The learned-filter mosaic shows that epoch's first layer (channels averaged).
        assert np.allclose(np.array(page.filters_view.images()), expected.mean(axis=1))
        reference = evaluate(final.with_parameters(dict(enumerate(snapshot.parameters))),
                             DATA.x_test, DATA.y_test)
        assert np.array_equal(page.confusion.confusion, reference.confusion)
        percent = f"{100 * reference.accuracy:.1f} %"
        assert percent in page.accuracy_label.text()
        assert ("before training" if index == 0 else f"after epoch {index}") in \
            page.accuracy_label.text()
    assert page.history_slider.value_label.text() == f"Epoch 2 of {EPOCHS}"
    assert page.curves.marked_epoch == 2  # the curves mark the epoch shown
    # The weights shown are a copy: changing them leaves the history as it was.
    first_weights(page.state.model)[...] = 0
    assert not np.allclose(next(p["weight"] for p in snapshots[2].parameters
                                if "weight" in p), 0)


def test_the_last_epoch_brings_the_trained_model_back_and_save_saves_it(trained, qtbot,
                                                                       tmp_path):
    page = trained
    final = page.state.trained_model
    final_confusion = page.confusion.confusion.copy()
    show(qtbot, page, 1)
    assert page.save_model(tmp_path / "model.npz")  # saved while epoch 1 is on show
    from engine.model import load as load_model
    saved = load_model(tmp_path / "model.npz")
    assert np.array_equal(first_weights(saved), first_weights(final))
    show(qtbot, page, EPOCHS)
    assert page.state.model is final and not page.state.showing_earlier_model
    assert np.array_equal(page.confusion.confusion, final_confusion)
    assert np.allclose(np.array(page.filters_view.images()), first_weights(final).mean(axis=1))
    assert page.accuracy_label.text().startswith("Test accuracy:")
    assert page.curves.marked_epoch is None


def test_the_network_page_follows_the_epoch_shown(trained, qtbot):
    page = trained
    network = NetworkPage(page.state)
    qtbot.addWidget(network)
    image = DATA.x_test[0]
    page.state.set_source(np.repeat((1.0 - image[0])[..., None], 3, axis=2), "test 0")
    from gui.common.preprocess import Preprocess
    page.state.set_preprocess(Preprocess(color="gray", size=None))
    network.set_source("explorer")
    network.refresh()
    final_answer = network.activations.probabilities.copy()
    show(qtbot, page, 0)
    network.refresh()
    model = page.state.model
    assert network.activations is not None
    expected = model.predict_proba(network.image[None])[0]
    assert np.allclose(network.activations.probabilities, expected, atol=1e-6)
    assert not np.allclose(expected, final_answer)  # untrained weights answer otherwise
    # The explorer's (and Classify's) prediction comes from the same epoch's model.
    qtbot.waitUntil(lambda: page.state.prediction is not None and np.allclose(
        page.state.prediction, model.predict_proba(page.state.image[None])[0], atol=1e-6))
    show(qtbot, page, EPOCHS)
    network.refresh()
    assert np.allclose(network.activations.probabilities, final_answer)


def test_a_new_run_and_an_opened_model_clear_the_history(trained, qtbot, tmp_path):
    page = trained
    show(qtbot, page, 1)
    assert page.save_model(tmp_path / "model.npz")
    assert page.start_training(DATA)
    # The run's own epochs only: the previous run's are gone, its model shown again.
    assert page.state.model is page.state.trained_model
    assert not page.history_slider.slider.isEnabled()
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass
    assert len(page.history_slider.positions) == EPOCHS + 1
    assert page.last_result.snapshots[0].epoch == 0
    assert page.open_model(tmp_path / "model.npz")
    assert page.history_slider.positions == ()
    assert not page.history_slider.slider.isEnabled()
    assert page.training_history.snapshots == ()


def test_a_run_stopped_mid_epoch_ends_with_the_model_it_left(qtbot):
    page = make_page(qtbot, epochs=5_000)
    page.show()  # the slider follows the run while the page is on show
    assert page.start_training(DATA)
    qtbot.waitUntil(lambda: len(page.history_slider.positions) >= 3, timeout=30_000)
    page.stop_training()
    assert not page.history_slider.slider.isEnabled()  # no scrubbing while it trains
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass
    assert page.last_result.cancelled
    positions = page.history_slider.positions
    done = page.last_result.history.epochs_completed
    assert [p.epoch for p in positions[:-1]] == list(range(done + 1))
    assert positions[-1].kind == STOPPED and positions[-1].epoch == done + 1
    assert page.history_slider.value_label.text() == f"Stopped during epoch {done + 1}"
    show(qtbot, page, done)
    assert page.state.showing_earlier_model
    show(qtbot, page, len(positions) - 1)
    assert page.state.model is page.state.trained_model
    page.shutdown()


def test_the_slider_speaks_japanese_after_a_language_switch(trained, qtbot):
    page = trained
    show(qtbot, page, 1)
    try:
        i18n.set_language("ja")
        qtbot.waitUntil(lambda: "エポック" in page.history_slider.value_label.text())
        assert page.history_slider.value_label.text() == f"エポック 1 / {EPOCHS}"
        assert page.history_slider.title.text() == "学習の履歴"
        assert "エポック 1" in page.accuracy_label.text()
        assert "MB" in page.history_slider.value_label.toolTip()
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: page.history_slider.value_label.text() == f"Epoch 1 of {EPOCHS}")


def test_quick_moves_measure_the_first_and_the_latest_epoch_only(trained, qtbot):
    page = trained
    history = page.training_history
    with qtbot.waitSignal(history.shown, timeout=20_000,
                          check_params_cb=lambda shown: shown == 0):
        page.history_slider.choose(1)  # starts measuring epoch 1 in the worker
        page.history_slider.choose(2)  # superseded before it could start
        page.history_slider.choose(0)
    assert sorted(history._evaluations) == [0, 1]
    reference = evaluate(page.state.model, DATA.x_test, DATA.y_test)
    assert np.array_equal(page.confusion.confusion, reference.confusion)
    assert "before training" in page.accuracy_label.text()
    # Measured once: coming back to epoch 1 shows its results at once.
    page.history_slider.choose(1)
    assert "after epoch 1" in page.accuracy_label.text() and "%" in page.accuracy_label.text()


def test_a_long_run_keeps_the_history_within_its_memory_bound(qtbot, monkeypatch):
    import gui.train.job as job

    page = make_page(qtbot, epochs=12)
    one = sum(v.nbytes for layer in page.config().build_model(
        DATA.x_train.shape[1:], DATA.class_names).layers for v in layer.params.values())
    monkeypatch.setattr(job, "SNAPSHOT_BYTES", 5 * one)
    train(qtbot, page)
    epochs = [p.epoch for p in page.history_slider.positions]
    assert epochs[0] == 0 and epochs[-1] == 12
    assert len(epochs) <= 6 and sum(s.nbytes for s in page.last_result.snapshots) <= 5 * one
    assert epochs == sorted(set(epochs))
    gaps = {b - a for a, b in zip(epochs[:-1], epochs[1:], strict=True)}
    assert len(gaps) <= 2  # evenly spread (the latest may sit off the spacing)
    assert "MB" in page.history_slider.value_label.toolTip()
    page.shutdown()


def test_after_early_stopping_the_last_position_is_the_best_epoch_kept(trained, qtbot):
    page = trained
    result = page.last_result
    history = dataclasses.replace(result.history, val_loss=[0.9, 0.5, 0.7],
                                  stopped_early=True)
    page.training_history.finish(dataclasses.replace(result, history=history),
                                 page.state.trained_model, DATA)
    positions = page.history_slider.positions
    assert [p.epoch for p in positions[:-1]] == list(range(EPOCHS + 1))
    assert (positions[-1].kind, positions[-1].epoch) == ("best", 2)
    assert page.history_slider.value_label.text() == "Kept: epoch 2 (early stopping)"
    show(qtbot, page, EPOCHS)  # the last epoch's own weights, before going back to the best
    assert page.state.showing_earlier_model
    show(qtbot, page, EPOCHS + 1)
    assert page.state.model is page.state.trained_model
