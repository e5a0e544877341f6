"""Networks built from a list of convolution blocks: dilation in the convolution (against
scipy and finite differences), the block builder and its error codes, model files with
and without dilation, the default network and training, the learning-rate schedule,
epoch snapshots and the time estimate."""

import json
import math
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from engine import architecture, costs, datasets, limits, ops
from engine import layers as L
from engine.architecture import (
    DEFAULT_BLOCKS,
    DEFAULT_HIDDEN,
    ArchitectureError,
    ConvBlock,
    blocks_of,
    network_architecture,
    summarize,
    validate,
)
from engine.costs import estimate_epoch_seconds, training_flops
from engine.model import build_cnn, build_network, default_network, load
from engine.optim import SGD, Adam
from engine.train import (
    DEFAULT_TRAINING,
    EpochSnapshots,
    evaluate,
    fit,
    scheduled_lr,
    train_with,
)

EPS = 1e-6


def numeric_grad(f, arr):
    grad = np.zeros_like(arr, dtype=np.float64)
    for index in np.ndindex(arr.shape):
        old = arr[index]
        arr[index] = old + EPS
        up = f()
        arr[index] = old - EPS
        down = f()
        arr[index] = old
        grad[index] = (up - down) / (2 * EPS)
    return grad


def dilated_kernel(kernel, dh, dw):
    """``kernel`` (KH, KW) with dh-1 / dw-1 zeros between its cells."""
    kh, kw = kernel.shape
    out = np.zeros((dh * (kh - 1) + 1, dw * (kw - 1) + 1))
    out[::dh, ::dw] = kernel
    return out


# --- dilation in the convolution ------------------------------------------------------

# (N, C, H, W, F, kernel, stride, padding, dilation)
DILATED_CASES = [
    (2, 1, 9, 9, 2, 3, 1, 0, 2),
    (1, 2, 10, 8, 3, (3, 2), (1, 2), (2, 1), (2, 3)),
    (2, 3, 11, 11, 2, 2, 2, 1, 3),
    (1, 1, 7, 7, 1, 3, 1, 2, (1, 2)),
]


@pytest.mark.parametrize("case", DILATED_CASES)
def test_dilated_convolution_equals_scipy_with_a_spread_kernel(case):
    n, c, h, w, f, k, stride, padding, dilation = case
    layer = L.Conv2D(c, f, k, stride, padding, dilation, rng=np.random.default_rng(0),
                     dtype=np.float64)
    layer.params["bias"][...] = np.random.default_rng(1).standard_normal(f)
    x = np.random.default_rng(2).standard_normal((n, c, h, w))
    (sh, sw), (ph, pw), (dh, dw) = (ops.pair(v) for v in (stride, padding, dilation))
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    want = np.stack([np.stack([
        sum(signal.correlate(padded[i, ch], dilated_kernel(layer.params["weight"][o, ch],
                                                           dh, dw), mode="valid")
            for ch in range(c))[::sh, ::sw] + layer.params["bias"][o]
        for o in range(f)]) for i in range(n)])
    assert layer.output_shape((c, h, w)) == want.shape[1:]
    np.testing.assert_allclose(layer.forward(x), want, rtol=1e-10, atol=1e-10)
    # The fast (C, H, W, N) path computes the same.
    fast = layer.forward_chwn(np.ascontiguousarray(L.nchw_to_chwn(x)))
    np.testing.assert_allclose(L.chwn_to_nchw(fast), want, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("case", DILATED_CASES)
@pytest.mark.parametrize("path", ["nchw", "chwn"])
def test_dilated_convolution_gradients_match_finite_differences(case, path):
    n, c, h, w, f, k, stride, padding, dilation = case
    layer = L.Conv2D(c, f, k, stride, padding, dilation, rng=np.random.default_rng(0),
                     dtype=np.float64)
    layer.params["bias"][...] = 0.1
    rng = np.random.default_rng(3)
    x = rng.standard_normal((n, c, h, w))
    if path == "chwn":
        x = np.ascontiguousarray(L.nchw_to_chwn(x))
        forward, backward = layer.forward_chwn, layer.backward_chwn
    else:
        forward, backward = layer.forward, layer.backward
    r = rng.standard_normal(forward(x).shape)
    grad_x = backward(r)
    grads = {name: value.copy() for name, value in layer.grads.items()}

    def loss():
        return float(np.sum(forward(x) * r))

    np.testing.assert_allclose(grad_x, numeric_grad(loss, x), rtol=1e-6, atol=1e-7)
    for name, param in layer.params.items():
        np.testing.assert_allclose(grads[name], numeric_grad(loss, param), rtol=1e-6,
                                   atol=1e-7)


def test_dilation_is_refused_below_one_and_kept_in_the_config():
    with pytest.raises(ValueError, match="dilation"):
        L.Conv2D(1, 2, 3, dilation=0)
    assert L.Conv2D(1, 2, 3, dilation=(2, 3)).config()["dilation"] == [2, 3]


# --- the block builder ----------------------------------------------------------------

block_strategy = st.builds(
    ConvBlock, filters=st.integers(1, 3), kernel_size=st.tuples(st.integers(1, 3),
                                                                st.integers(1, 3)),
    stride=st.integers(1, 2), padding=st.integers(0, 2), dilation=st.integers(1, 2),
    activation=st.sampled_from(architecture.ACTIVATIONS),
    pool=st.sampled_from(architecture.POOLS), pool_size=st.integers(1, 3),
    pool_stride=st.one_of(st.none(), st.integers(1, 2)))


@settings(max_examples=40, deadline=None)
@given(blocks=st.lists(block_strategy, max_size=3),
       hidden=st.lists(st.integers(1, 6), max_size=2), side=st.integers(6, 20),
       channels=st.integers(1, 3), classes=st.integers(2, 5))
def test_property_block_networks_have_the_summarized_shapes(blocks, hidden, side, channels,
                                                             classes):
    shape = (channels, side, side)
    try:
        specs = network_architecture(shape, classes, blocks, hidden)
    except ArchitectureError as error:
        assert error.code == "window_does_not_fit"
        assert 0 <= error.values["block"] < len(blocks)
        with pytest.raises(ArchitectureError):
            build_network(shape, classes, blocks, hidden)
        return
    model = build_network(shape, classes, blocks, hidden, seed=1)
    assert model.architecture() == specs
    # blocks_of is the inverse up to what the layers keep (no pool settings without a
    # pool, a pool stride equal to the size read back as "none set").
    assert network_architecture(shape, classes, *blocks_of(specs)) == specs
    x = np.random.default_rng(0).random((2, *shape)).astype(np.float32)
    outputs = model.activations(x)
    for entry, out in zip(summarize(specs, shape), outputs[1:], strict=True):
        assert entry.output_shape == out.shape[1:]
    # The fast path (ReLU moved after max pool) gives the textbook path's answer.
    np.testing.assert_allclose(model.forward(x), outputs[-1], rtol=1e-4, atol=1e-5)
    assert outputs[-1].shape == (2, classes)


def test_a_block_is_a_convolution_then_its_activation_then_its_pool():
    specs = network_architecture((1, 28, 28), 10, [
        ConvBlock(4, (3, 5), stride=2, padding=(1, 2), dilation=(2, 1), activation="none",
                  pool="avg", pool_size=3, pool_stride=2),
        ConvBlock(6, 3, pool="none")], hidden=[12, 8])
    assert [s["type"] for s in specs] == ["Conv2D", "AvgPool2D", "Conv2D", "ReLU", "Flatten",
                                          "Dense", "ReLU", "Dense", "ReLU", "Dense"]
    assert specs[0] == {"type": "Conv2D", "in_channels": 1, "out_channels": 4,
                        "kernel_size": [3, 5], "stride": [2, 2], "padding": [1, 2],
                        "dilation": [2, 1]}
    assert specs[1] == {"type": "AvgPool2D", "size": [3, 3], "stride": [2, 2]}
    # (28 + 2 - 2*2 - 1) // 2 + 1 = 13 rows, (28 + 4 - 4 - 1) // 2 + 1 = 14 columns, then
    # a 3x3 pool with stride 2: 6 x 6; a 3x3 convolution: 4 x 4 of 6 maps.
    assert specs[2]["in_channels"] == 4 and specs[5]["in_features"] == 6 * 4 * 4


@pytest.mark.parametrize("blocks, hidden, classes, code, values", [
    ([ConvBlock(0)], (), 10, "block_out_of_range",
     {"block": 0, "argument": "filters", "value": 0}),
    ([ConvBlock(4), ConvBlock(4, dilation=limits.MAX_GEOMETRY + 1)], (), 10,
     "block_out_of_range", {"block": 1, "argument": "dilation"}),
    ([ConvBlock(4, kernel_size=limits.MAX_KERNEL_SIZE + 1)], (), 10, "block_out_of_range",
     {"argument": "kernel_size"}),
    ([ConvBlock(4, padding=-1)], (), 10, "block_out_of_range", {"argument": "padding"}),
    ([ConvBlock(4, pool_stride=0)], (), 10, "block_out_of_range",
     {"argument": "pool_stride"}),
    ([ConvBlock(4, stride=1.5)], (), 10, "block_not_integer", {"argument": "stride"}),
    ([ConvBlock(4, activation="tanh")], (), 10, "block_choice", {"argument": "activation"}),
    ([ConvBlock(4, pool="median")], (), 10, "block_choice", {"argument": "pool"}),
    (["conv"], (), 10, "not_a_block", {"block": 0}),
    ((), (8, 8, 8), 10, "too_many_hidden", {"count": 3, "limit": 2}),
    ((), (8, 0), 10, "hidden_out_of_range", {"hidden": 1}),
    ((), (), 1, "classes_out_of_range", {"low": 2}),
    ([ConvBlock(4, 5)] * 3, (), 10, "window_does_not_fit",
     {"block": 2, "stage": "convolution", "size": 4, "span": 5}),
    ([ConvBlock(4, 9, dilation=4)], (), 10, "window_does_not_fit",
     {"block": 0, "stage": "convolution", "size": 28, "span": 33}),
])
def test_block_settings_that_cannot_be_built_are_refused_with_a_code(blocks, hidden, classes,
                                                                     code, values):
    with pytest.raises(ArchitectureError) as caught:
        network_architecture((1, 28, 28), classes, blocks, hidden)
    assert caught.value.code == code
    assert values.items() <= caught.value.values.items()


def test_blocks_of_refuses_layers_that_are_not_blocks():
    specs = build_cnn(filters=4).architecture()
    with pytest.raises(ArchitectureError) as caught:
        blocks_of([specs[1], *specs])  # a ReLU before the first convolution
    assert caught.value.code == "not_blocks"


def test_build_cnn_is_the_block_builder_with_equal_blocks():
    old = build_cnn((1, 28, 28), 10, (4, 6), 3, 1, 1, "avg", 2, 16, seed=3)
    blocks = [ConvBlock(4, 3, padding=1, pool="avg"), ConvBlock(6, 3, padding=1, pool="avg")]
    new = build_network((1, 28, 28), 10, blocks, (16,), seed=3)
    assert old.architecture() == new.architecture()
    for a, b in zip(old.layers, new.layers, strict=True):
        for name in a.params:
            np.testing.assert_array_equal(a.params[name], b.params[name])


# --- model files ----------------------------------------------------------------------

def test_a_dilated_model_saves_and_loads(tmp_path):
    model = build_network((1, 20, 20), 3, [ConvBlock(3, 3, dilation=2, pool="avg",
                                                     pool_size=3, pool_stride=2)], (5,))
    model.save(tmp_path / "dilated.npz")
    loaded = load(tmp_path / "dilated.npz")
    assert loaded.layers[0].dilation == (2, 2)
    x = np.random.default_rng(0).random((4, 1, 20, 20)).astype(np.float32)
    np.testing.assert_array_equal(loaded.forward(x), model.forward(x))


def test_a_model_file_written_before_dilation_still_loads(tmp_path):
    model = build_cnn(filters=3, hidden=4)
    path = tmp_path / "old.npz"
    model.save(path)
    # Rewrite the record as the engine wrote it before dilation existed.
    with zipfile.ZipFile(path) as archive:
        arrays = {name[:-4]: np.lib.format.read_array(archive.open(name))
                  for name in archive.namelist()}
    record = json.loads(str(arrays["architecture"]))
    for spec in record["layers"]:
        spec.pop("dilation", None)
    arrays["architecture"] = np.array(json.dumps(record))
    np.savez_compressed(path, **arrays)
    assert "dilation" not in str(arrays["architecture"])
    loaded = load(path)
    assert loaded.layers[0].dilation == (1, 1)
    x = np.random.default_rng(1).random((2, 1, 28, 28)).astype(np.float32)
    np.testing.assert_array_equal(loaded.forward(x), model.forward(x))


def test_validate_checks_dilation_like_every_setting():
    specs = network_architecture((1, 28, 28), 10, [ConvBlock(2, 3, dilation=3)], ())
    assert validate(specs, [1, 28, 28])[0].output_shape == (2, 22, 22)
    specs[0]["dilation"] = [limits.MAX_GEOMETRY + 1, 1]
    with pytest.raises(ArchitectureError) as caught:
        validate(specs, [1, 28, 28])
    assert caught.value.code == "out_of_range" and caught.value.values["argument"] == \
        "dilation"
    specs[0]["dilation"] = [2.5, 1]
    with pytest.raises(ArchitectureError) as caught:
        validate(specs, [1, 28, 28])
    assert caught.value.code == "bad_argument"


def test_the_memory_estimate_counts_a_dilated_convolutions_windows():
    plain = summarize(network_architecture((1, 28, 28), 10, [ConvBlock(4, 3)], ()),
                      (1, 28, 28))
    dilated = summarize(network_architecture((1, 28, 28), 10, [ConvBlock(4, 3, dilation=2)],
                                             ()), (1, 28, 28))
    # 9 window cells at each of 26x26 (plain) or 24x24 (dilated) positions.
    assert plain[0].workspace_floats == 9 * 26 * 26
    assert dilated[0].workspace_floats == 9 * 24 * 24
    assert costs.estimate_memory(dilated, 8).total < \
        costs.estimate_memory(plain, 8).total


# --- the default network and training ---------------------------------------------------

def test_the_default_network_is_built_from_the_default_blocks():
    model = default_network()
    assert blocks_of(model.architecture()) == (DEFAULT_BLOCKS, DEFAULT_HIDDEN)
    assert len(DEFAULT_BLOCKS) >= 2  # a deep network, not one block
    assert model.output_shape() == (10,)


def test_the_default_training_learns_mnist_far_above_chance():
    data = datasets.load("mnist")
    x, y = data.x_train[:1200], data.y_train[:1200]
    model = default_network(class_names=data.class_names)
    settings_ = DEFAULT_TRAINING.__class__(**{**DEFAULT_TRAINING.__dict__, "epochs": 3})
    history = train_with(model, x, y, settings_)
    assert history.epochs_completed == 3 and len(history.val_accuracy) == 3
    accuracy = evaluate(model, data.x_test[:500], data.y_test[:500]).accuracy
    assert accuracy > 0.8  # chance is 0.1


def test_cosine_schedule_falls_from_the_rate_towards_zero_and_fit_follows_it():
    rates = [scheduled_lr(0.01, e, 4, "cosine") for e in range(1, 5)]
    np.testing.assert_allclose(rates, [0.01 * (1 + math.cos(math.pi * k / 4)) / 2
                                       for k in range(4)])
    assert scheduled_lr(0.01, 3, 4, "constant") == 0.01
    x = np.random.default_rng(0).random((40, 1, 8, 8)).astype(np.float32)
    y = np.arange(40) % 2
    model = build_network((1, 8, 8), 2, [ConvBlock(2, 3)], ())
    optimizer = Adam(0.01)
    seen = {}
    fit(model, optimizer, x, y, epochs=4, batch_size=20, lr_schedule="cosine",
        on_progress=lambda p: seen.setdefault(p.epoch, set()).add(optimizer.lr))
    assert [seen[e] for e in range(1, 5)] == [{rate} for rate in rates]
    assert optimizer.lr == 0.01  # restored
    with pytest.raises(ValueError, match="lr_schedule"):
        fit(model, optimizer, x, y, epochs=1, lr_schedule="step")


# --- snapshots of every epoch -----------------------------------------------------------

def _tiny_run(epochs):
    """A short run keeping snapshots, and independent copies of the model per epoch."""
    x = np.random.default_rng(0).random((30, 1, 8, 8)).astype(np.float32)
    y = np.arange(30) % 3
    model = build_network((1, 8, 8), 3, [ConvBlock(2, 3)], (4,))
    copies = {0: model.copy()}
    keeper = EpochSnapshots(model)

    def on_epoch(history):
        copies[history.epochs_completed] = model.copy()
        keeper(history)

    fit(model, SGD(0.1), x, y, epochs, 10, on_epoch=on_epoch)
    return model, keeper, copies, x


def test_snapshots_keep_every_epochs_weights_without_copying_the_model_later():
    model, keeper, copies, x = _tiny_run(5)
    assert keeper.epochs == (0, 1, 2, 3, 4, 5)
    for epoch in range(6):
        np.testing.assert_array_equal(keeper.model_at(epoch).forward(x),
                                      copies[epoch].forward(x))
    assert not np.array_equal(keeper.model_at(0).forward(x), model.forward(x))
    snap = keeper.at(3)
    assert snap.epoch == 3 and math.isfinite(snap.train_loss) and math.isnan(snap.val_loss)


def test_snapshots_stay_within_their_memory_and_spread_over_the_run():
    model = build_network((1, 8, 8), 3, [ConvBlock(2, 3)], (4,))
    one = sum(v.nbytes for layer in model.layers for v in layer.params.values())
    keeper = EpochSnapshots(model, max_bytes=5 * one)
    history = type("H", (), {})()
    for epoch in range(1, 21):
        history.epochs_completed = epoch
        history.train_loss = history.train_accuracy = [0.5]
        history.val_loss = history.val_accuracy = []
        keeper(history)
        assert keeper.nbytes <= 5 * one
        assert keeper.epochs[0] == 0 and keeper.epochs[-1] == epoch
    # 0 and 20 always; in between evenly every `every` epochs.
    assert keeper.epochs == (0, 8, 16, 20) and keeper.every == 8
    assert keeper.at(11).epoch == 8


# --- the time estimate ------------------------------------------------------------------

def test_training_flops_count_products_and_moved_values():
    summary = summarize(network_architecture((1, 6, 6), 2, [ConvBlock(2, 3, pool="none")],
                                             ()), (1, 6, 6))
    conv, relu, flatten, dense = summary
    cost = costs.ELEMENT_COST
    # The first convolution: forward and weight gradient, 18 weights at 16 positions.
    want = 2 * 18 * 16 * 2 + cost * (2 * 32 + 2 * 9 * 16)
    want += cost * 2 * 32 + cost * 2 * 32  # ReLU and Flatten outputs and gradients
    want += 2 * 64 * 3 + cost * 2 * 2  # the dense layer: 3 products
    assert training_flops(summary) == want
    assert estimate_epoch_seconds(summary, 100, 1e6) == pytest.approx(want * 100 / 1e6)


def test_the_command_line_trains_the_default_network_with_the_default_settings(tmp_path,
                                                                               capsys):
    from engine.train_cli import main

    out = tmp_path / "default.npz"
    assert main(["--dataset", "shapes", "--epochs", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "validation" in printed  # the default holds validation images out
    model = load(out)
    assert blocks_of(model.architecture()) == (DEFAULT_BLOCKS, DEFAULT_HIDDEN)
    assert main(["--dataset", "shapes", "--epochs", "1", "--filters", "3", "--hidden", "0",
                 "--dilation", "2", "--out", str(out)]) == 0
    blocks, hidden = blocks_of(load(out).architecture())
    assert hidden == () and [b.filters for b in blocks] == [3]
    assert blocks[0].dilation == (2, 2) and blocks[0].kernel_size == \
        DEFAULT_BLOCKS[0].kernel_size
