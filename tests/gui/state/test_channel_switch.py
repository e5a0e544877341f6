"""Switching a colour picture to gray and back keeps each filter's colour slices, as long
as no filter changed in between; after a change the gray filter is spread over the colours."""

import numpy as np

from gui.common.preprocess import Preprocess
from gui.state import LabState


def colour_state() -> LabState:
    state = LabState()
    state.set_source(np.random.default_rng(0).random((12, 12, 3)).astype(np.float32), "noise")
    state.set_preprocess(Preprocess(color="rgb", size=None))
    weights = np.stack([np.eye(3), -np.eye(3)[::-1], np.ones((3, 3))]).astype(np.float32)
    state.set_weights(0, weights)
    return state


def test_gray_and_back_brings_the_colour_slices_back():
    state = colour_state()
    own = state.filters[0].weights.copy()
    state.set_preprocess(color="gray")
    assert state.filters[0].weights.shape == (1, 3, 3)
    np.testing.assert_allclose(state.filters[0].weights[0], own.mean(axis=0))
    state.set_preprocess(color="rgb")
    np.testing.assert_array_equal(state.filters[0].weights, own)  # not three means


def test_a_filter_edited_while_gray_is_spread_over_the_colours():
    state = colour_state()
    state.set_preprocess(color="gray")
    state.set_cell(0, 0, 1, 1, 5.0)
    state.set_preprocess(color="rgb")
    weights = state.filters[0].weights
    assert weights.shape == (3, 3, 3)
    assert np.all(weights[:, 1, 1] == 5.0)  # the learner's new gray weight, in every colour
    assert np.array_equal(weights[0], weights[1]) and np.array_equal(weights[1], weights[2])
