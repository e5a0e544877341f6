"""LabState: snapshots, batches, atomic updates, the selection, memory budget, worker."""

import dataclasses

import numpy as np
import pytest

from engine.architecture import ConvBlock
from engine.model import build_cnn
from engine.pipeline import explore
from gui.common.preprocess import Preprocess
from gui.state import Filter, TrainingConfig


def record(signal) -> list:
    calls = []
    signal.connect(lambda *args: calls.append(args))
    return calls


# --- snapshots -------------------------------------------------------------------------

def _show_a_photo_that_takes_under_a_frame(state) -> None:
    """An RGB 256x256 photo with 5x5 filters: an exploration estimated between an eighth
    of a frame and a frame (computed in the worker)."""
    photo = np.random.default_rng(3).random((256, 256, 3), dtype=np.float32)
    with state.batch():
        state.set_source(photo)
        state.set_preprocess(Preprocess(color="rgb", size=None))
        state.set_kernel_size(5, 5)


def test_filters_are_snapshots_that_cannot_change_the_state(state):
    before = state.weights()
    f = state.filters[0]
    with pytest.raises(ValueError):
        f.weights[0, 0, 0] = 42.0          # read-only array
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.name = "mine"
    state.filters.append(Filter("extra", np.ones((1, 3, 3))))
    state.filters.clear()
    state.weights()[0, 0, 0, 0] = 42.0     # a new array each time
    assert state.filter_count == 4
    assert np.array_equal(state.weights(), before)
    assert state.filters[0].name != "mine"


def test_a_filter_copies_the_array_it_is_given(state):
    weights = np.zeros((1, 3, 3), np.float32)
    f = Filter("zero", weights)
    weights[0, 1, 1] = 5.0
    assert f.weights[0, 1, 1] == 0.0
    state.set_filters([f])
    assert state.filters[0].weights[0, 1, 1] == 0.0


def test_an_edit_replaces_only_the_edited_filter(state):
    first, second = state.filters[:2]
    state.set_cell(1, 0, 0, 0, 2.5)
    assert state.filters[0] is first           # unchanged snapshots stay the same object
    assert state.filters[1] is not second
    assert second.weights[0, 0, 0] != 2.5        # the old snapshot is unchanged
    assert state.filters[1].weights[0, 0, 0] == 2.5


# --- batches ---------------------------------------------------------------------------

def test_a_batch_sends_each_signal_once_after_every_change_and_explores_once(state, qtbot):
    explored = record(state.explored)
    filters = record(state.filters_changed)
    settings = record(state.settings_changed)
    images = record(state.image_changed)
    seen_during = []
    with state.batch():
        state.set_source(np.random.default_rng(0).random((20, 20, 3)))
        state.set_cell(0, 0, 0, 0, 1.0)
        state.set_cell(0, 0, 0, 1, 2.0)
        state.set_bias(1, 0.5)
        state.set_settings(stride=(2, 2))
        state.set_settings(pool="avg")
        state.select_filter(2)
        seen_during.append((len(filters), len(settings), len(images)))
    assert seen_during == [(0, 0, 0)]
    assert (len(filters), len(settings), len(images)) == (1, 1, 1)
    qtbot.waitUntil(lambda: len(explored) >= 1)
    qtbot.wait(50)
    assert len(explored) == 1
    result = explored[0][0]
    assert result.stride == (2, 2) and result.pool == "avg"
    assert result.image.shape == (1, 20, 20)
    assert state.selected == 2


def test_nested_batches_release_at_the_outermost_end(state, qtbot):
    filters = record(state.filters_changed)
    with state.batch():
        with state.batch():
            state.set_bias(0, 1.0)
        assert filters == []
        state.set_bias(0, 2.0)
    assert len(filters) == 1
    assert state.filters[0].bias == 2.0


def test_a_listener_of_settings_sees_the_learned_filters_already_in_place(state):
    model = build_cnn((1, 9, 9), 3, filters=5, kernel_size=3, pool="avg", seed=1)
    state.set_model(model)
    seen = []

    def on_settings_changed():
        seen.append(("settings", state.filter_count, state.settings.pool,
                     state.filters[0].name))

    def on_filters_changed():
        seen.append(("filters", state.filter_count, state.settings.pool,
                     state.filters[0].name))

    state.settings_changed.connect(on_settings_changed)
    state.filters_changed.connect(on_filters_changed)
    state.use_learned_filters()
    assert sorted(seen) == [("filters", 5, "avg", "learned 1"),
                            ("settings", 5, "avg", "learned 1")]
    assert state.settings.padding == "valid"          # not "custom 0×0"
    assert not state.learned_filters_edited           # nothing to reset yet
    state.set_cell(0, 0, 1, 1, 0.25)
    assert state.learned_filters_edited


def test_learned_filters_of_a_dilated_network_bring_its_dilation(state, qtbot):
    from engine.architecture import ConvBlock
    from engine.model import build_network

    model = build_network((1, 12, 12), 3, [ConvBlock(filters=2, dilation=(2, 1))], (),
                          seed=3)
    state.set_model(model)
    state.use_learned_filters()
    assert state.settings.dilation == (2, 1)
    # The explorer then computes what the network's first layer computes.
    state.recompute()
    shown = state.exploration
    conv = model.layers[0].forward(shown.image[None].astype(np.float32))[0]
    np.testing.assert_allclose(shown.conv, conv, rtol=1e-5, atol=1e-5)


def test_prediction_with_edited_filters_leaves_the_shared_model_alone(state, qtbot):
    model = build_cnn((1, 9, 9), 3, filters=4, kernel_size=3, seed=2)
    conv = model.layers[0]
    params, weight = conv.params, conv.params["weight"].copy()
    state.set_model(model)
    state.use_learned_filters()
    touched = []
    # Any reader of the model while the edited prediction runs must see its own weights.
    # The fast path runs a convolution alone or fused with its max pool: spy on both.
    real = {name: getattr(type(conv), name)
            for name in ("forward_chwn", "forward_max_pool_chwn")}

    def spying(real_forward):
        def spy(layer, *args, **kwargs):
            if layer is conv:
                touched.append(np.array_equal(layer.params["weight"], weight))
            return real_forward(layer, *args, **kwargs)
        return spy

    for name, real_forward in real.items():
        setattr(type(conv), name, spying(real_forward))
    try:
        state.set_cell(0, 0, 0, 0, 7.0)
        state.recompute()
    finally:
        for name, real_forward in real.items():
            setattr(type(conv), name, real_forward)
    assert conv.params is params and np.array_equal(conv.params["weight"], weight)
    assert all(touched)
    edited = model.copy()
    edited.layers[0].params["weight"][0, 0, 0, 0] = 7.0
    np.testing.assert_allclose(state.prediction,
                               edited.predict_proba(state.image[None])[0], rtol=1e-6)


# --- selection and training set-up ---------------------------------------------------------

def test_selection_lives_in_the_state(state):
    state.set_source(np.random.default_rng(0).random((12, 12, 3)))
    state.set_preprocess(color="rgb")
    channels = record(state.channel_selected)
    pooled = record(state.pooled_cell_selected)
    state.select_channel(2)
    state.select_pooled_cell(1, 3)
    assert state.selection.channel == 2 and state.selected_pooled_cell == (1, 3)
    assert channels == [(2,)] and pooled == [(1, 3)]
    state.select_channel(9)                       # clipped to the image's channels
    assert state.selected_channel == 2
    state.set_settings(stride=(2, 2))             # the maps change: no cell stays selected
    assert state.selected_pooled_cell == (-1, -1)


def test_training_settings_and_data_source_are_state(state):
    changed = record(state.training_config_changed)
    sources = record(state.data_source_changed)
    state.set_training_config(epochs=7, hidden=(32,))
    state.set_training_config(epochs=7)          # unchanged: no signal
    state.set_data_source("shapes")
    assert state.training_config == TrainingConfig(epochs=7, hidden=(32,))
    assert len(changed) == 1 and sources == [("shapes",)]
    with pytest.raises(ValueError):
        state.set_training_config(epochs=0)
    with pytest.raises(ValueError):              # the engine's code names the block
        state.set_training_config(blocks=(ConvBlock(8), ConvBlock(0)))
    with pytest.raises(ValueError):
        state.set_training_config(hidden=(8, 8, 8))
    with pytest.raises(ValueError):
        state.set_data_source("nowhere")
    assert state.training_config.epochs == 7 and state.data_source == "shapes"


# --- memory budget and the worker ------------------------------------------------------------

def test_a_huge_original_size_photo_is_refused_with_a_message(state, qtbot):
    failures = record(state.explore_failed)
    state.recompute()
    assert state.exploration is not None
    photo = np.random.default_rng(0).random((4096, 4096, 3), dtype=np.float32)
    with state.batch():
        state.set_source(photo, "huge.png")
        state.set_preprocess(Preprocess(color="rgb", size=None))
        state.set_kernel_size(11, 11)
        while state.filter_count < 32:
            state.add_filter()
    state.recompute()                               # no MemoryError
    assert state.exploration is None                # the old result is not kept as current
    assert failures and "GiB" in failures[-1][0]
    assert "working size" in state.error


def test_a_heavy_exploration_runs_in_the_worker_and_only_the_latest_lands(state, qtbot,
                                                                          exploring_threads):
    photo = np.random.default_rng(1).random((400, 400, 3), dtype=np.float32)
    with state.batch():
        state.set_source(photo)
        state.set_preprocess(Preprocess(color="rgb", size=None))
        state.set_kernel_size(11, 11)
        while state.filter_count < 16:
            state.add_filter()
    explored = record(state.explored)
    busy = record(state.busy_changed)
    for bias in (1.0, 2.0, 3.0, 4.0):
        state.set_bias(0, bias)
        state.recompute()                           # returns at once: the worker computes
    assert state.busy
    qtbot.waitUntil(lambda: not state.busy, timeout=60_000)
    assert exploring_threads and not any(exploring_threads)  # never in the GUI thread
    assert busy[0] == (True,) and busy[-1] == (False,)
    assert len(explored) == 1                       # stale results were dropped
    result = explored[0][0]
    expected = explore(*state._inputs())
    np.testing.assert_allclose(result.conv[0], expected.conv[0], rtol=1e-5, atol=1e-5)
    assert state.exploration is result


def test_a_result_from_the_worker_is_shown_on_an_event_loop_turn_of_its_own(state, qtbot):
    """Shown as it arrived, a result was drawn and repainted in the same turn as the
    repaint before it; two results arriving before that turn are shown once, newest."""
    state.recompute()
    shown = state.exploration
    explored = record(state.explored)
    older, newer = explore(*state._inputs()), explore(*state._inputs())
    for result in (older, newer):  # as the worker's thread reports them
        state._on_background_result((state._generation, result, None, None))
    assert state.exploration is shown and explored == []
    qtbot.waitUntil(lambda: explored != [], timeout=2_000)
    qtbot.wait(20)
    assert [call[0] for call in explored] == [newer]
    assert state.exploration is newer


def test_an_exploration_over_an_eighth_of_a_frame_goes_to_the_worker_training_or_not(
        state, qtbot, exploring_threads):
    # Estimated between an eighth of a frame and a frame: the window's thread must also
    # draw the result, and explorations took twice their estimate in the app even
    # without training, so it is left to the worker either way.
    from gui.state.budget import FRAME_SECONDS, WINDOW_EXPLORE_SECONDS, exploration_cost

    _show_a_photo_that_takes_under_a_frame(state)
    inputs = state._inputs()
    cost = exploration_cost(inputs[0].shape, inputs[1].shape, *inputs[2:4], inputs[9],
                            *inputs[4:8])
    assert WINDOW_EXPLORE_SECONDS < cost.seconds <= FRAME_SECONDS
    for bias, training in ((0.25, False), (0.5, True), (1.0, False)):
        state.set_training_running(training)
        assert state.training_running == training
        shown = state.exploration
        state.set_bias(0, bias)
        state.recompute()
        assert state.busy and state.exploration is shown  # the worker computes it
        qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
        assert state.exploration is not shown
        np.testing.assert_allclose(state.exploration.conv[0],
                                   explore(*state._inputs()).conv[0], rtol=1e-5, atol=1e-5)
    assert exploring_threads == [False, False, False]

    # A small picture is computed at once, in the window's thread.
    state.set_source(np.random.default_rng(4).random((28, 28), dtype=np.float32))
    state.recompute()
    assert not state.busy and exploring_threads[-1] is True
    assert state.exploration.image.shape[1:] == (28, 28)


def test_the_controls_show_a_busy_bar_while_the_worker_explores(state, qtbot, monkeypatch,
                                                                request):
    import threading

    import gui.state.exploring as exploring
    from gui.explore.controls_panel import ControlsPanel

    # The worker's exploration waits until the bar has shown, whatever the machine's
    # speed (a quick host finished it before the bar's delay; a stalled one never
    # let the bar show within the wait).
    bar_seen = threading.Event()
    request.addfinalizer(bar_seen.set)  # a failed wait must not hold the worker
    real_explore = exploring.explore

    def explore_once_the_bar_shows(*inputs):
        bar_seen.wait(30)
        return real_explore(*inputs)

    monkeypatch.setattr(exploring, "explore", explore_once_the_bar_shows)
    panel = ControlsPanel(state)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.busy.isVisible()
    # Estimated heavy enough to go to the worker.
    photo = np.random.default_rng(2).random((800, 800, 3), dtype=np.float32)
    with state.batch():
        state.set_source(photo)
        state.set_preprocess(Preprocess(color="rgb", size=None))
        state.set_kernel_size(11, 11)
        while state.filter_count < 16:
            state.add_filter()
    state.recompute()
    assert state.busy and not panel.busy.isVisible()  # not for what ends at once
    qtbot.waitUntil(lambda: panel.busy.isVisible(), timeout=10_000)
    assert state.busy
    bar_seen.set()
    qtbot.waitUntil(lambda: not state.busy, timeout=60_000)
    assert not panel.busy.isVisible()
    assert state.exploration is not None and state.exploration.conv.shape[0] == 16


def test_a_short_exploration_in_the_worker_never_flashes_the_busy_bar(state, qtbot):
    from PySide6.QtCore import QEvent, QObject

    from gui.explore.controls_panel import ControlsPanel

    panel = ControlsPanel(state)
    qtbot.addWidget(panel)
    panel.show()

    class ShowCounter(QObject):
        shows = 0

        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Show:
                self.shows += 1
            return False

    counter = ShowCounter()
    panel.busy.installEventFilter(counter)
    _show_a_photo_that_takes_under_a_frame(state)
    state.recompute()
    state.set_training_running(True)  # now even this short exploration goes to the worker
    for step in range(5):
        state.set_bias(0, 0.1 * (step + 1))  # a change: unchanged inputs are not explored again
        state.recompute()
        assert state.busy
        qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
    state.set_training_running(False)
    assert counter.shows == 0


def test_a_new_model_is_predicted_without_exploring_the_unchanged_maps_again(state):
    shape = tuple(state.image.shape)
    first = build_cnn(shape, 3, filters=4, kernel_size=3, seed=1)
    second = build_cnn(shape, 3, filters=4, kernel_size=3, seed=2)
    explored, predicted = record(state.explored), record(state.predicted)
    shown = state.exploration
    for model in (first, second):
        state.set_model(model)
        state.recompute()
    # The maps depend on the image, filters and settings only: the stage view keeps them.
    assert explored == [] and state.exploration is shown
    assert len(predicted) == 2
    np.testing.assert_allclose(state.prediction, second.predict_proba(state.image[None])[0],
                               rtol=1e-5, atol=1e-6)
    state.set_bias(0, 0.5)
    state.recompute()
    assert len(explored) == 1 and state.exploration is not shown
    assert state.exploration.conv[0].max() == pytest.approx(shown.conv[0].max() + 0.5, abs=1e-5)


def test_a_new_model_while_the_worker_explores_the_same_inputs_waits_for_its_result(state,
                                                                                   qtbot):
    _show_a_photo_that_takes_under_a_frame(state)
    state.recompute()
    model = build_cnn(tuple(state.image.shape), 3, filters=4, kernel_size=3, seed=3)
    explored = record(state.explored)
    state.set_training_running(True)  # even a short exploration goes to the worker
    state.set_bias(0, 0.25)
    state.recompute()
    assert state.busy
    state.set_training_running(False)  # the run ended: it gives the state its model
    state.set_model(model)
    state.recompute()
    # Not explored again in the window's thread (that would end the wait at once).
    assert state.busy
    qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
    assert len(explored) == 1
    np.testing.assert_allclose(state.prediction, model.predict_proba(state.image[None])[0],
                               rtol=1e-5, atol=1e-6)
