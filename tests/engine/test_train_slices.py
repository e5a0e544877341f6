"""A large mini-batch is computed in slices: same update, bounded memory, and a stop
request is heard between slices."""

import numpy as np
import pytest

import engine.train as train
from engine.datasets import make_shapes
from engine.model import build_cnn
from engine.optim import SGD, Adam


@pytest.fixture
def batch():
    x, y = make_shapes(48, seed=3)
    return x, y


def _model():
    return build_cnn((1, 28, 28), 6, filters=4, kernel_size=3, hidden=16, seed=5)


@pytest.mark.parametrize("optimizer", [lambda: SGD(0.05, momentum=0.9), lambda: Adam(1e-2)])
def test_a_sliced_batch_updates_the_weights_as_the_whole_batch_does(batch, monkeypatch,
                                                                    optimizer):
    x, y = batch
    whole, sliced = _model(), _model()
    expected = train.train_step(whole, optimizer(), x, y)
    per_image = train.activations_per_image(sliced, x.shape[1:])
    monkeypatch.setattr(train, "STEP_CHUNK_FLOATS", per_image * 10)  # slices of 10 images
    assert train.step_slice_size(sliced, x) == 10
    got = train.train_step(sliced, optimizer(), x, y)
    assert got[0] == pytest.approx(expected[0], rel=1e-5)
    assert got[1] == pytest.approx(expected[1])
    for a, b in zip(whole.trainable_layers(), sliced.trainable_layers(), strict=True):
        for name in a.params:
            # The slices' gradients, summed, are the whole batch's (to float32 rounding).
            np.testing.assert_allclose(a.grads[name], b.grads[name], rtol=1e-4, atol=1e-7)
            # So are the updated weights; except that Adam's first step is about
            # lr * g / (|g| + eps), which turns a rounding-sized difference in a gradient
            # near zero into a different step (one weight in 10816 on one machine).
            settled = np.abs(a.grads[name]) > 1e-5
            np.testing.assert_allclose(a.params[name][settled], b.params[name][settled],
                                       rtol=1e-4, atol=1e-6)


def test_a_stop_between_slices_leaves_the_weights_of_the_last_batch(batch, monkeypatch):
    x, y = batch
    model = _model()
    before = [{k: v.copy() for k, v in layer.params.items()} for layer in model.layers]
    monkeypatch.setattr(train, "STEP_CHUNK_FLOATS", 1)   # one image per slice
    polls = []

    def stop_after_three():
        polls.append(1)
        return len(polls) > 3

    assert train.train_step(model, SGD(0.1), x, y, stop_after_three) is None
    assert len(polls) == 4                               # heard inside the batch
    for layer, saved in zip(model.layers, before, strict=True):
        for name, value in saved.items():
            assert np.array_equal(layer.params[name], value)


def test_fit_returns_cancelled_when_stopped_inside_a_batch(batch, monkeypatch):
    x, y = batch
    model = _model()
    monkeypatch.setattr(train, "STEP_CHUNK_FLOATS", 1)
    polls = []

    def stop_inside_the_first_batch():
        polls.append(1)
        return len(polls) > 5   # the first poll is before the batch, the rest inside it

    history = train.fit(model, SGD(0.1), x, y, epochs=3, batch_size=48,
                        should_stop=stop_inside_the_first_batch)
    assert history.cancelled and history.epochs_completed == 0
    assert len(polls) == 6
