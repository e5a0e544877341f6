"""Architectures as data: shapes, parameter counts and memory without building weights;
every layer's activations; predictions with replacement first-layer weights."""

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import limits
from engine.architecture import ArchitectureError, cnn_architecture, summarize, validate
from engine.costs import MemoryBudgetExceeded, check_budget, estimate_memory, parameter_count
from engine.model import build_cnn


@settings(max_examples=40, deadline=None)
@given(c=st.integers(1, 3), side=st.integers(8, 30), filters=st.sampled_from([2, (2, 3)]),
       k=st.integers(1, 4), stride=st.integers(1, 2), padding=st.integers(0, 2),
       pool=st.sampled_from(["max", "avg", "none"]), hidden=st.sampled_from([0, 5]),
       classes=st.integers(2, 6))
def test_property_summary_matches_the_built_model(c, side, filters, k, stride, padding, pool,
                                                   hidden, classes):
    args = dict(input_shape=(c, side, side), num_classes=classes, filters=filters,
                kernel_size=k, stride=stride, padding=padding, pool=pool, hidden=hidden)
    try:
        specs = cnn_architecture(**args)
    except ValueError:
        with pytest.raises(ValueError):
            build_cnn(**args)
        return
    model = build_cnn(**args)
    assert specs == model.architecture()
    summary = summarize(specs, (c, side, side))
    shape = (c, side, side)
    x = np.random.default_rng(0).random((2, *shape)).astype(np.float32)
    outputs = model.activations(x)
    for layer, entry, out in zip(model.layers, summary, outputs[1:], strict=True):
        assert entry.input_shape == shape
        shape = layer.output_shape(shape)
        assert entry.output_shape == shape == out.shape[1:]
        assert entry.weights == (layer.params["weight"].size if layer.params else 0)
        assert entry.biases == (layer.params["bias"].size if layer.params else 0)
    assert parameter_count(summary) == sum(p.size for layer in model.layers
                                           for p in layer.params.values())


def test_summary_allocates_nothing_even_for_a_huge_dense_layer():
    specs = [{"type": "Flatten"}, {"type": "Dense", "in_features": 784,
                                   "out_features": 10**9}]
    tracemalloc.start()
    summary = summarize(specs, (1, 28, 28))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert summary[1].weights == 784 * 10**9
    assert peak < 1 << 20


def test_memory_estimate_adds_up_and_scales_with_the_batch():
    summary = summarize(cnn_architecture(filters=8, hidden=16), (1, 28, 28))
    small, big = estimate_memory(summary, 1), estimate_memory(summary, 100)
    params = parameter_count(summary) * 4
    assert small.parameters == big.parameters == params
    assert big.optimizer_state == 2 * params  # Adam's two moments
    assert big.total == big.parameters + big.gradients + big.optimizer_state + big.activations
    assert big.activations > 90 * small.activations
    # The convolution's unfolded windows (9 per output cell) are the biggest activation.
    conv = summary[0]
    assert conv.workspace_floats == 9 * 26 * 26
    assert big.per_layer[0] == max(big.per_layer)


def test_check_budget_names_the_layer_that_needs_the_most():
    specs = cnn_architecture(input_shape=(1, 28, 28), filters=32, kernel_size=11, padding=10,
                             hidden=4096)
    summary = summarize(specs, (1, 28, 28))
    with pytest.raises(MemoryBudgetExceeded) as info:
        check_budget(summary, batch_size=1024, budget_bytes=limits.DEFAULT_MEMORY_BUDGET)
    error = info.value
    assert error.code == "memory_budget"
    assert error.total_bytes > error.budget_bytes == limits.DEFAULT_MEMORY_BUDGET
    assert error.layer_index == 0 and error.layer_kind == "Conv2D"
    assert error.values["layer"] == 0 and "layer 1 (Conv2D)" in str(error)
    # The same network on a small batch fits, and the estimate is returned.
    assert check_budget(summary, batch_size=8).total <= limits.DEFAULT_MEMORY_BUDGET


def test_check_budget_catches_a_giant_dense_layer():
    summary = summarize(cnn_architecture(filters=256, padding=1, hidden=4096), (1, 28, 28))
    with pytest.raises(MemoryBudgetExceeded) as info:
        check_budget(summary, batch_size=1, budget_bytes=1 << 30)
    assert summary[info.value.layer_index].kind == "Dense"


@pytest.mark.parametrize("specs, shape, code", [
    ([{"type": "Conv2D", "in_channels": 3, "out_channels": 2, "kernel_size": 3},
      {"type": "Flatten"}, {"type": "Dense", "in_features": 72, "out_features": 2}],
     [1, 8, 8], "channels_mismatch"),
    ([{"type": "Flatten"}, {"type": "Dense", "in_features": 5, "out_features": 2}],
     [1, 8, 8], "features_mismatch"),
    ([{"type": "Conv2D", "in_channels": 1, "out_channels": 2, "kernel_size": 9},
      {"type": "Flatten"}, {"type": "Dense", "in_features": 2, "out_features": 2}],
     [1, 8, 8], "window_does_not_fit"),
    ([{"type": "Conv2D", "in_channels": 1, "out_channels": 2,
       "kernel_size": limits.MAX_KERNEL_SIZE + 1}], [1, 64, 64], "out_of_range"),
    ([{"type": "Flatten"}, {"type": "Dense", "in_features": 64, "out_features": 2,
                            "bias": True}], [1, 8, 8], "bad_argument"),
    ([{"type": "Flatten"}, {"type": "Dense", "in_features": 64.0, "out_features": 2}],
     [1, 8, 8], "bad_argument"),
    ([{"type": "Flatten"}, {"type": "Dense", "in_features": 64, "out_features": 2}],
     [8, 8], "input_shape"),
    ([{"type": "Eval"}], [1, 8, 8], "unknown_layer"),
    ([{"type": "Flatten"}, {"type": "ReLU"}], [1, 8, 8], "not_flat"),
    ([{"type": "ReLU"}] * (limits.MAX_LAYERS + 1), [1, 8, 8], "too_many_layers"),
    ([{"type": "Flatten"}, {"type": "Dense", "in_features": 64,
                            "out_features": limits.MAX_FEATURES}], [1, 8, 8],
     "too_many_parameters"),
])
def test_validate_refuses_with_a_code(specs, shape, code):
    with pytest.raises(ArchitectureError) as info:
        validate(specs, shape)
    assert info.value.code == code
    assert str(info.value)


def test_validate_accepts_the_largest_kernel():
    k = limits.MAX_KERNEL_SIZE
    specs = cnn_architecture((1, 28, 28), 10, 4, kernel_size=k, padding=k // 2)
    assert validate(specs, [1, 28, 28])[0].weights == 4 * k * k


def test_activations_keep_every_layer_and_leave_the_model_alone():
    model = build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=(2, 3), hidden=4)
    x = np.random.default_rng(1).random((3, 1, 12, 12)).astype(np.float32)
    logits = model.forward(x)
    cached = model.layers[0]._cols
    outputs = model.activations(x)
    assert model.layers[0]._cols is cached  # the model's own caches are untouched
    assert len(outputs) == len(model.layers) + 1 and outputs[0] is not None
    np.testing.assert_allclose(outputs[-1], logits, rtol=1e-5, atol=1e-6)
    # Each entry is that layer applied to the previous one, ReLU before the pool.
    np.testing.assert_array_equal(outputs[2], np.maximum(outputs[1], 0))
    assert outputs[3].shape == (3, 2, 5, 5)  # 12 -> conv 10 -> pool 5
    one = model.activations(x[0])
    assert [o.shape for o in one] == [o.shape[1:] for o in outputs]


def test_with_parameters_predicts_with_other_first_layer_weights_without_swapping():
    model = build_cnn(input_shape=(1, 10, 10), num_classes=3, filters=2, seed=0)
    x = np.random.default_rng(2).random((2, 1, 10, 10)).astype(np.float32)
    before = model.predict_proba(x)
    weight = np.random.default_rng(3).standard_normal((2, 1, 3, 3)).astype(np.float32)
    bias = np.array([0.5, -0.5], np.float32)
    original = model.layers[0].params["weight"]
    other = model.with_parameters({0: {"weight": weight, "bias": bias}})
    got = other.predict_proba(x)
    assert model.layers[0].params["weight"] is original
    np.testing.assert_array_equal(model.predict_proba(x), before)
    # The same as a model whose first layer really holds those weights.
    reference = model.copy()
    reference.layers[0].params["weight"][...] = weight
    reference.layers[0].params["bias"][...] = bias
    np.testing.assert_allclose(got, reference.predict_proba(x), rtol=1e-6)
    assert not np.allclose(got, before)
    assert other.layers[1] is not model.layers[1]
    assert other.layers[-1].params["weight"] is model.layers[-1].params["weight"]  # shared
    with pytest.raises(ValueError):
        model.with_parameters({0: {"weight": weight[:1]}})


@pytest.mark.parametrize("kwargs, batch", [
    (dict(filters=8), 32),
    (dict(filters=(4, 8), hidden=16), 16),
    (dict(filters=8, kernel_size=11, padding=10, hidden=32), 8),
])
def test_memory_estimate_bounds_what_a_training_step_really_allocates(kwargs, batch):
    from engine.optim import Adam
    from engine.train import train_step

    estimate = estimate_memory(summarize(cnn_architecture((1, 28, 28), 10, **kwargs),
                                         (1, 28, 28)), batch)
    model = build_cnn(**kwargs)
    optimizer = Adam(1e-3)
    rng = np.random.default_rng(0)
    x = rng.random((batch, 1, 28, 28)).astype(np.float32)
    y = rng.integers(0, 10, batch)
    tracemalloc.start()
    for _ in range(2):  # the second step holds the optimizer's state as well
        train_step(model, optimizer, x, y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    used = peak + estimate.parameters  # the weights existed before tracing started
    assert used <= estimate.total <= 3 * used


def test_model_summary_equals_the_summary_of_its_specs():
    model = build_cnn(input_shape=(3, 16, 16), num_classes=4, filters=(2, 3), hidden=5)
    assert model.summary() == summarize(model.architecture(), (3, 16, 16))
    assert parameter_count(model.summary()) == sum(
        p.size for layer in model.layers for p in layer.params.values())
