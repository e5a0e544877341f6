"""The explorer's slowdown: how much longer than estimated explorations take while
training runs, and how it routes them (gui/state/budget.py, gui/state/exploring.py)."""


import numpy as np
import pytest

from engine.pipeline import explore
from gui.state.budget import (
    SLOWDOWN_LIMIT,
    SLOWDOWN_MIN_ESTIMATE,
    WINDOW_EXPLORE_SECONDS,
    Slowdown,
    exploration_cost,
)


def test_a_slow_exploration_raises_the_factor_at_once_and_quick_ones_lower_it_in_steps():
    slowdown = Slowdown()
    assert slowdown.factor == 1.0
    slowdown.observe(0.002, 0.001)             # quicker than estimated: never below 1
    assert slowdown.factor == 1.0
    slowdown.observe(0.002, 0.016)
    assert slowdown.factor == pytest.approx(8.0)
    assert slowdown.scaled(0.001) == pytest.approx(0.008)
    factors = []
    for _ in range(6):
        slowdown.observe(0.002, 0.002)
        factors.append(slowdown.factor)
    assert all(a > b for a, b in zip([8.0] + factors, factors, strict=False))
    assert 1.0 < factors[-1] < 3.0
    slowdown.observe(0.002, 0.2, raise_factor=False)  # may only bring it down
    assert 1.0 < slowdown.factor == factors[-1]
    slowdown.observe(0.001, 10.0)              # a paused process: bounded
    assert slowdown.factor == SLOWDOWN_LIMIT
    slowdown.reset()
    assert slowdown.factor == 1.0


def test_tiny_explorations_are_neither_timed_nor_scaled():
    slowdown = Slowdown()
    tiny = SLOWDOWN_MIN_ESTIMATE / 2
    slowdown.observe(tiny, 100 * tiny)         # their fixed costs are not the machine's
    assert slowdown.factor == 1.0
    slowdown.observe(0.001, 0.01)
    assert slowdown.scaled(tiny) == tiny
    slowdown.observe(0.001, float("nan"))
    assert slowdown.factor == pytest.approx(10.0)


def _show_a_photo_estimated_under_the_training_budget(state) -> float:
    """A 128x128 photo with 3x3 filters, estimated between the least timed exploration
    and the window's budget while training runs; returns the estimate in seconds."""
    photo = np.random.default_rng(5).random((128, 128), dtype=np.float32)
    state.set_source(photo)
    inputs = state._inputs()
    cost = exploration_cost(inputs[0].shape, inputs[1].shape, *inputs[2:4], inputs[9],
                            *inputs[4:8])
    assert SLOWDOWN_MIN_ESTIMATE <= cost.seconds < WINDOW_EXPLORE_SECONDS
    return cost.seconds


def test_while_training_runs_explorations_slower_than_estimated_go_to_the_worker(
        state, qtbot, exploring_threads):
    estimated = _show_a_photo_estimated_under_the_training_budget(state)
    state.set_training_running(True)
    state.recompute()
    assert exploring_threads == [True] and not state.busy  # within the budget: at once

    # Training has been taking the cores: explorations took ten times their estimate.
    state.slowdown.observe(estimated, 10 * estimated)
    state.set_bias(0, 0.5)
    state.recompute()
    assert state.busy                                  # now it goes to the worker
    qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
    assert exploring_threads == [True, False]
    np.testing.assert_allclose(state.exploration.conv[0], explore(*state._inputs()).conv[0],
                               rtol=1e-5, atol=1e-5)

    # Once training has ended, what it measured still holds: the worker again.
    state.set_training_running(False)
    assert state.slowdown.scaled(estimated) > WINDOW_EXPLORE_SECONDS
    state.set_bias(0, 1.0)
    state.recompute()
    assert state.busy
    qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
    assert exploring_threads == [True, False, False]


def test_after_training_the_slowdown_it_measured_holds_until_explorations_are_quicker(
        state, qtbot):
    estimated = _show_a_photo_estimated_under_the_training_budget(state)
    state.set_training_running(True)
    state.slowdown.observe(estimated, 10 * estimated)
    state.set_training_running(False)
    # A slow exploration without training does not raise it (nor would a test's, on a
    # busy machine): the estimate is trusted while the window has the cores.
    state.slowdown.observe(estimated, 15 * estimated, raise_factor=False)
    assert state.slowdown.factor == pytest.approx(10.0)
    # One that, scaled so, takes over the window's budget goes to the worker.
    state.slowdown.factor = 1.5 * WINDOW_EXPLORE_SECONDS / estimated
    state.set_bias(0, 0.5)
    state.recompute()
    assert state.busy
    qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
    # Its timing brought the factor down a step (it took less than that on this machine).
    assert state.slowdown.factor < 1.5 * WINDOW_EXPLORE_SECONDS / estimated


def test_the_worker_times_its_explorations_while_training_runs(state, qtbot):
    _show_a_photo_estimated_under_the_training_budget(state)
    state.set_training_running(True)
    state.slowdown.factor = SLOWDOWN_LIMIT             # so this one goes to the worker
    state.set_bias(0, 0.5)
    state.recompute()
    assert state.busy
    qtbot.waitUntil(lambda: not state.busy, timeout=30_000)
    # The worker's exploration took less than the limit times its estimate: the factor
    # came down a step towards what it measured.
    assert 1.0 <= state.slowdown.factor < SLOWDOWN_LIMIT
