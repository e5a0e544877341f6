"""``engine.optim`` and ``engine.train``: updates, learning, stopping, divergence."""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import ops
from engine.losses import softmax_cross_entropy
from engine.model import build_cnn, load
from engine.optim import SGD, Adam
from engine.train import TrainingDiverged, evaluate, fit, train_step

ROOT = Path(__file__).resolve().parents[2]


def shapes(n, seed):
    """Small labelled images: the shapes dataset, or a stand-in of bars and boxes."""
    try:
        from engine.datasets import make_shapes
    except ImportError:  # pragma: no cover - only while datasets.py does not exist
        return _bars(n, seed)
    return make_shapes(n, seed)


def _bars(n, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 6, n)
    x = np.zeros((n, 1, 28, 28), np.float32)
    for i, k in enumerate(y):
        r, c = rng.integers(4, 20, 2)
        if k == 0:
            x[i, 0, r, 4:24] = 1
        elif k == 1:
            x[i, 0, 4:24, c] = 1
        elif k == 2:
            x[i, 0, r : r + 6, c : c + 6] = 1
        elif k == 3:
            x[i, 0, r, 4:24] = x[i, 0, 4:24, c] = 1
        elif k == 4:
            np.fill_diagonal(x[i, 0, 4:24, 4:24], 1)
        else:
            x[i, 0, r : r + 6, c] = x[i, 0, r : r + 6, c + 5] = 1
    x += rng.normal(0, 0.05, x.shape).astype(np.float32)
    return np.clip(x, 0, 1), y


def small_model(seed=0, **kwargs):
    kwargs = dict(input_shape=(1, 28, 28), num_classes=6, filters=4) | kwargs
    return build_cnn(seed=seed, **kwargs)


def _params(model):
    return [{k: v.copy() for k, v in layer.params.items()} for layer in model.layers]


def _grads(model):
    return [{k: v.copy() for k, v in getattr(layer, "grads", {}).items()}
            for layer in model.layers]


def _fill_grads(model, x, y):
    _, g = softmax_cross_entropy(model.forward(x), y)
    model.backward(g)


@pytest.fixture(scope="module")
def data():
    x, y = shapes(1500, seed=1)
    x_val, y_val = shapes(300, seed=99)
    return x, y, x_val, y_val


# --- optimizers ----------------------------------------------------------------------


def test_sgd_step_is_minus_lr_times_grad(data):
    x, y, _, _ = data
    model = small_model()
    _fill_grads(model, x[:8], y[:8])
    before, grads = _params(model), _grads(model)
    ids = [{k: id(v) for k, v in layer.params.items()} for layer in model.layers]
    SGD(0.05).step(model)
    changed = 0
    for layer, p0, g, i0 in zip(model.layers, before, grads, ids, strict=True):
        for k in p0:
            np.testing.assert_allclose(layer.params[k], p0[k] - 0.05 * g[k], rtol=1e-6,
                                       atol=1e-7)
            assert id(layer.params[k]) == i0[k], "parameters are updated in place"
            changed += 1
    assert changed == 4  # conv and dense, weight and bias each


def test_sgd_momentum_two_steps(data):
    x, y, _, _ = data
    model = small_model()
    lr, mu = 0.01, 0.9
    opt = SGD(lr, momentum=mu)
    p0 = _params(model)
    _fill_grads(model, x[:8], y[:8])
    g1 = _grads(model)
    opt.step(model)
    _fill_grads(model, x[8:16], y[8:16])
    g2 = _grads(model)
    opt.step(model)
    for layer, p, a, b in zip(model.layers, p0, g1, g2, strict=True):
        for k in p:
            # heavy ball: v1 = g1, v2 = mu*g1 + g2 (times -lr)
            want = p[k] - lr * a[k] - lr * (mu * a[k] + b[k])
            np.testing.assert_allclose(layer.params[k], want, rtol=1e-5, atol=1e-6)


def test_adam_two_steps_match_reference(data):
    x, y, _, _ = data
    model = small_model()
    # A tiny eps: whether eps is added to sqrt(v_hat) (PyTorch) or to sqrt(v) (the
    # paper's "efficient" form, Keras) then makes no measurable difference.
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-12
    opt = Adam(lr, beta1=b1, beta2=b2, eps=eps)
    p = [{k: v.astype(np.float64) for k, v in d.items()} for d in _params(model)]
    m = [{k: np.zeros_like(v) for k, v in d.items()} for d in p]
    v = [{k: np.zeros_like(a) for k, a in d.items()} for d in p]
    for t, sl in ((1, slice(0, 8)), (2, slice(8, 16))):
        _fill_grads(model, x[sl], y[sl])
        g = _grads(model)
        opt.step(model)
        for i in range(len(p)):
            for k in p[i]:
                m[i][k] = b1 * m[i][k] + (1 - b1) * g[i][k]
                v[i][k] = b2 * v[i][k] + (1 - b2) * g[i][k].astype(np.float64) ** 2
                mhat = m[i][k] / (1 - b1**t)
                vhat = v[i][k] / (1 - b2**t)
                p[i][k] = p[i][k] - lr * mhat / (np.sqrt(vhat) + eps)
    for layer, want in zip(model.layers, p, strict=True):
        for k in want:
            # Adam moves every weight by about lr per step; allow a sliver of that.
            np.testing.assert_allclose(layer.params[k], want[k], rtol=0, atol=1e-3 * lr)


def test_adam_first_step_moves_each_weight_by_lr(data):
    x, y, _, _ = data
    model = small_model()
    _fill_grads(model, x[:8], y[:8])
    before, grads = _params(model), _grads(model)
    Adam(0.01, eps=1e-12).step(model)
    for layer, p0, g in zip(model.layers, before, grads, strict=True):
        for k in p0:
            moved = p0[k] - layer.params[k]
            big = np.abs(g[k]) > 1e-6  # where |g| >> eps the first step is lr*sign(g)
            np.testing.assert_allclose(moved[big], 0.01 * np.sign(g[k][big]), rtol=1e-3)


# --- train_step / evaluate -----------------------------------------------------------


def test_train_step_returns_loss_and_accuracy_and_learns_a_batch(data):
    x, y, _, _ = data
    xb, yb = x[:32], y[:32]
    model = small_model()
    opt = Adam(3e-3)
    loss0 = ops.cross_entropy(model.forward(xb), yb)
    loss, acc = train_step(model, opt, xb, yb)
    assert math.isclose(loss, loss0, rel_tol=1e-5)
    assert 0.0 <= acc <= 1.0
    for _ in range(30):
        loss, acc = train_step(model, opt, xb, yb)
    assert loss < 0.5 * loss0
    assert acc > 0.8


def test_evaluate_confusion_matrix(data):
    _, _, x_val, y_val = data
    model = small_model(seed=3)
    result = evaluate(model, x_val, y_val)
    k = 6
    assert result.confusion.shape == (k, k)
    assert np.issubdtype(result.confusion.dtype, np.integer)
    assert result.confusion.sum() == len(y_val)
    np.testing.assert_array_equal(result.confusion.sum(axis=1), np.bincount(y_val, minlength=k))
    pred = model.predict(x_val)
    want = np.zeros((k, k), int)
    for t, p in zip(y_val, pred, strict=True):
        want[t, p] += 1  # rows: true class, columns: predicted class
    np.testing.assert_array_equal(result.confusion, want)
    assert math.isclose(result.accuracy, np.trace(result.confusion) / len(y_val))
    assert math.isclose(result.loss, ops.cross_entropy(model.forward(x_val), y_val),
                        rel_tol=1e-5)


def test_evaluate_in_slices_calls_between_them_and_counts_as_one_pass(data):
    _, _, x_val, y_val = data
    model = small_model(seed=3)
    whole = evaluate(model, x_val, y_val, batch_size=len(x_val))
    calls = []
    sliced = evaluate(model, x_val, y_val, batch_size=7, between=lambda: calls.append(1))
    assert len(calls) == math.ceil(len(x_val) / 7) - 1  # before each slice but the first
    np.testing.assert_array_equal(sliced.confusion, whole.confusion)
    assert sliced.accuracy == whole.accuracy
    assert math.isclose(sliced.loss, whole.loss, rel_tol=1e-5)
    # What `between` answers is not a reason to stop: the evaluation always finishes.
    stopping = evaluate(model, x_val, y_val, batch_size=7, between=lambda: True)
    np.testing.assert_array_equal(stopping.confusion, whole.confusion)


def test_fit_polls_between_the_validation_slices(data):
    x, y, x_val, y_val = data
    polls = []
    fit(small_model(seed=1), SGD(0.01), x[:64], y[:64], epochs=2, batch_size=32,
        x_val=x_val, y_val=y_val, should_stop=lambda: polls.append(1) and False)
    slices = math.ceil(len(x_val) / 100)
    # Two batches an epoch, and the validation's slices after the first.
    assert len(polls) == 2 * (2 + slices - 1)


# --- fit -----------------------------------------------------------------------------


def test_fit_learns_shapes(data):
    x, y, x_val, y_val = data
    x0, y0 = x.copy(), y.copy()
    model = small_model(filters=8, hidden=32)
    history = fit(model, Adam(3e-3), x, y, epochs=8, batch_size=32, x_val=x_val,
                  y_val=y_val, seed=0)
    np.testing.assert_array_equal(x, x0)  # the caller's data is untouched
    np.testing.assert_array_equal(y, y0)
    for name in ("train_loss", "train_accuracy", "val_loss", "val_accuracy"):
        assert len(getattr(history, name)) == 8, name
    assert history.cancelled is False
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    result = evaluate(model, x_val, y_val)
    assert result.accuracy > 0.8, f"held-out accuracy {result.accuracy:.3f} (chance 0.167)"
    assert math.isclose(history.val_accuracy[-1], result.accuracy)
    assert math.isclose(history.val_loss[-1], result.loss, rel_tol=1e-6)


def test_fit_without_validation_has_empty_val_lists(data):
    x, y, _, _ = data
    history = fit(small_model(), SGD(0.05, momentum=0.9), x[:200], y[:200], epochs=2,
                  batch_size=50)
    assert len(history.train_loss) == len(history.train_accuracy) == 2
    assert history.val_loss == [] and history.val_accuracy == []
    assert all(0.0 <= a <= 1.0 for a in history.train_accuracy)


def test_fit_is_deterministic_for_a_seed(data):
    x, y, _, _ = data
    runs = []
    for _ in range(2):
        model = small_model(seed=2)
        h = fit(model, Adam(1e-3), x[:256], y[:256], epochs=2, batch_size=64, seed=7,
                augment_shift=2)
        runs.append((h.train_loss, model.layers[0].params["weight"].copy()))
    assert runs[0][0] == runs[1][0]
    np.testing.assert_array_equal(runs[0][1], runs[1][1])


def test_fit_progress_every_mini_batch(data):
    x, y, _, _ = data
    n, bs, epochs = 130, 32, 2
    records = []
    fit(small_model(), Adam(1e-3), x[:n], y[:n], epochs=epochs, batch_size=bs,
        on_progress=records.append)
    batches = math.ceil(n / bs)
    assert len(records) >= epochs * batches
    pairs = {(r.epoch, r.batch) for r in records}
    assert len(pairs) == epochs * batches
    for r in records:
        assert r.epochs == epochs and r.batches == batches
        assert math.isfinite(r.loss) and r.loss >= 0
        assert 0.0 <= r.accuracy <= 1.0
    epochs_seen = sorted({r.epoch for r in records})
    assert epochs_seen in ([1, 2], [0, 1])
    batch_numbers = sorted({r.batch for r in records})
    assert batch_numbers in (list(range(1, batches + 1)), list(range(batches)))
    # records arrive in order
    assert [(r.epoch, r.batch) for r in records] == sorted((r.epoch, r.batch) for r in records)


class CountingAdam(Adam):
    """Adam that counts its updates: one per mini-batch trained."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = 0

    def step(self, model):
        self.steps += 1
        super().step(model)


@pytest.mark.parametrize("stop_at", [1, 3, 6])
def test_fit_should_stop_returns_promptly(data, stop_at):
    x, y, _, _ = data
    polls = []
    opt = CountingAdam(1e-3)

    def should_stop():
        polls.append(opt.steps)
        return len(polls) >= stop_at

    model = small_model()
    history = fit(model, opt, x[:320], y[:320], epochs=50, batch_size=32,
                  should_stop=should_stop)
    assert history.cancelled is True
    assert len(polls) == stop_at, "fit must return after the first poll that says stop"
    # polled every mini-batch: at most one batch between two polls, none after the last
    assert all(b - a <= 1 for a, b in zip([0, *polls], polls, strict=False))
    assert opt.steps == polls[-1]
    for layer in model.layers:
        for v in layer.params.values():
            assert np.all(np.isfinite(v))


def test_fit_not_cancelled_when_should_stop_says_no(data):
    x, y, _, _ = data
    polls = []
    history = fit(small_model(), Adam(1e-3), x[:64], y[:64], epochs=2, batch_size=32,
                  should_stop=lambda: polls.append(1) or False)
    assert history.cancelled is False
    assert len(polls) >= 4  # 2 epochs x 2 batches
    assert len(history.train_loss) == 2


def test_fit_absurd_learning_rate_raises_training_diverged(data):
    x, y, _, _ = data
    model = small_model()
    with pytest.raises(TrainingDiverged) as info, np.errstate(all="ignore"):
        fit(model, SGD(1e6), x[:256], y[:256], epochs=20, batch_size=32)
    assert "learning rate" in str(info.value).lower()
    # The code and values the GUI words the failure from, in any language.
    assert info.value.code in {"loss_not_finite", "loss_exploded", "weights_not_finite"}
    assert info.value.values["lr"] == 1e6


@pytest.mark.parametrize("where", ["weight", "input"])
def test_train_step_non_finite_raises_training_diverged(data, where):
    x, y, _, _ = data
    model = small_model()
    xb = x[:8].copy()
    if where == "weight":
        model.layers[-1].params["weight"][0, 0] = np.inf
    else:
        xb[0, 0, 5, 5] = np.nan
    with pytest.raises(TrainingDiverged) as info, np.errstate(all="ignore"):
        train_step(model, SGD(0.01), xb, y[:8])
    assert "learning rate" in str(info.value).lower()
    assert info.value.code == "loss_not_finite" and info.value.values == {"lr": 0.01}


def test_fit_with_augmentation_learns(data):
    x, y, x_val, y_val = data
    model = small_model(filters=8, hidden=32)
    x0 = x.copy()
    history = fit(model, Adam(3e-3), x, y, epochs=3, batch_size=32, augment_shift=2, seed=1,
                  x_val=x_val, y_val=y_val)
    np.testing.assert_array_equal(x, x0)
    assert all(math.isfinite(v) for v in history.train_loss)
    assert history.val_accuracy[-1] > 0.6


def test_cli_trains_and_saves(tmp_path):
    out = tmp_path / "cli.npz"
    proc = subprocess.run(
        [sys.executable, "-m", "engine.train", "--dataset", "shapes", "--epochs", "1",
         "--filters", "4", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("test accuracy: "), proc.stdout
    accuracy = float(last.split(": ")[1])
    assert 0.0 <= accuracy <= 1.0 and len(last.split(": ")[1]) == 6
    assert isinstance(load(out).predict(np.zeros((1, 1, 28, 28), np.float32))[0], np.integer)


def test_fit_patience_stops_early_and_restores_best_weights():
    x, y = shapes(60, seed=1)
    x_val, y_val = shapes(300, seed=99)
    model = small_model(hidden=16)
    history = fit(model, Adam(1e-2), x, y, epochs=40, batch_size=20, x_val=x_val,
                  y_val=y_val, patience=2)
    assert history.stopped_early is True and history.cancelled is False
    assert len(history.val_loss) < 40
    assert math.isclose(evaluate(model, x_val, y_val).loss, min(history.val_loss),
                        rel_tol=1e-6)


def test_cli_refuses_a_kernel_the_app_could_not_load():
    from engine.limits import MAX_KERNEL_SIZE

    proc = subprocess.run(
        [sys.executable, "-m", "engine.train", "--kernel-size", str(MAX_KERNEL_SIZE + 1)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert f"between 1 and {MAX_KERNEL_SIZE}" in proc.stderr


def test_cli_refuses_a_configuration_over_the_memory_budget_naming_the_layer():
    proc = subprocess.run(
        [sys.executable, "-m", "engine.train", "--dataset", "shapes", "--filters", "256",
         "--kernel-size", "11", "--padding", "10", "--hidden", "4096",
         "--batch-size", "1024"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2, proc.stdout
    # 256 maps of 19x19 into 4096 units: the hidden dense layer needs the most.
    assert "layer 5 (Dense)" in proc.stderr and "MiB" in proc.stderr
