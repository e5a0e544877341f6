"""Backward passes of ``engine.layers`` / ``engine.losses`` / ``engine.model``.

Central-difference gradient checks in float64 on tiny shapes, an adjoint test for the
convolution, max-pool routing with tied maxima, and Sequential against chained layers.
All arrays are NCHW (Dense: (N, D)).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import layers as L
from engine import losses, ops
from engine.model import Sequential, build_cnn

EPS = 1e-6


def numeric_grad(f, arr, eps=EPS):
    """Central differences of scalar ``f()`` with respect to ``arr``, perturbed in place."""
    grad = np.zeros_like(arr, dtype=np.float64)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + eps
        fp = f()
        arr[i] = old - eps
        fm = f()
        arr[i] = old
        grad[i] = (fp - fm) / (2 * eps)
    return grad


def assert_grad_close(analytic, numeric, name):
    assert analytic.shape == numeric.shape, name
    err = np.max(np.abs(analytic - numeric)) if analytic.size else 0.0
    scale = max(1.0, np.max(np.abs(numeric)) if numeric.size else 0.0)
    assert err <= 1e-6 * scale, f"{name}: max abs error {err:.3e} (scale {scale:.3e})"


def check_layer(layer, x, seed=0):
    """Gradient check of ``layer`` under the loss sum(forward(x) * R)."""
    rng = np.random.default_rng(seed)
    out = layer.forward(x)
    assert out.dtype == np.float64
    r = rng.standard_normal(out.shape)
    r_copy = r.copy()
    grad_in = layer.backward(r)
    np.testing.assert_array_equal(r, r_copy)  # the incoming gradient is not modified
    assert grad_in.shape == x.shape
    assert grad_in.dtype == np.float64

    def loss():
        return float(np.sum(layer.forward(x) * r))

    analytic = {k: np.array(v, copy=True) for k, v in getattr(layer, "grads", {}).items()}
    assert_grad_close(grad_in, numeric_grad(loss, x), "input")
    for name, param in getattr(layer, "params", {}).items():
        assert analytic[name].shape == param.shape, name
        assert_grad_close(analytic[name], numeric_grad(loss, param), name)


def f64_conv(c, f, k, stride=1, padding=0, seed=0):
    layer = L.Conv2D(c, f, k, stride=stride, padding=padding, rng=np.random.default_rng(seed),
                     dtype=np.float64)
    # A non-zero bias so that its gradient is checked away from a trivial point.
    layer.params["bias"][...] = np.random.default_rng(seed + 1).standard_normal(f)
    assert layer.params["weight"].dtype == np.float64
    return layer


# (N, C, H, W, F, kernel, stride, padding)
CONV_GRAD_CASES = [
    (1, 1, 5, 5, 1, 3, 1, 0),
    (2, 2, 5, 6, 3, 3, 1, 1),
    (2, 2, 6, 7, 2, (2, 3), (2, 1), (1, 0)),
    (1, 3, 7, 7, 2, 3, 2, 1),
    (2, 1, 5, 5, 2, (3, 1), (1, 2), (0, 2)),
    (1, 2, 4, 4, 2, 1, 1, 0),
    (1, 1, 8, 8, 2, 3, 3, 0),  # stride leaves unused edge pixels: their gradient is 0
    (1, 2, 3, 3, 1, 5, 1, 2),  # kernel larger than the image, made to fit by padding
]


@pytest.mark.parametrize("case", CONV_GRAD_CASES)
def test_conv2d_layer_gradients(case):
    n, c, h, w, f, k, stride, padding = case
    layer = f64_conv(c, f, k, stride, padding)
    x = np.random.default_rng(3).standard_normal((n, c, h, w))
    check_layer(layer, x)


def test_conv2d_layer_forward_equals_op():
    layer = f64_conv(2, 3, (3, 2), stride=(1, 2), padding=(1, 0))
    x = np.random.default_rng(4).standard_normal((2, 2, 6, 5))
    want = ops.conv2d(x, layer.params["weight"], layer.params["bias"], (1, 2), (1, 0))
    np.testing.assert_allclose(layer.forward(x), want, rtol=1e-12, atol=1e-12)


def test_conv2d_parameter_shapes_and_default_dtype():
    layer = L.Conv2D(3, 5, (3, 2), rng=np.random.default_rng(0))
    assert layer.params["weight"].shape == (5, 3, 3, 2)
    assert layer.params["bias"].shape == (5,)
    assert layer.params["weight"].dtype == np.float32
    x = np.random.default_rng(1).standard_normal((2, 3, 6, 6)).astype(np.float32)
    out = layer.forward(x)
    assert out.dtype == np.float32 and out.shape == (2, 5, 4, 5)
    g = layer.backward(np.ones_like(out))
    assert g.dtype == np.float32 and g.shape == x.shape
    assert set(layer.grads) == {"weight", "bias"}
    for k in layer.grads:
        assert layer.grads[k].shape == layer.params[k].shape


def test_layer_rng_makes_initialisation_reproducible():
    a = L.Conv2D(1, 4, 3, rng=np.random.default_rng(7))
    b = L.Conv2D(1, 4, 3, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.params["weight"], b.params["weight"])
    d1 = L.Dense(5, 3, rng=np.random.default_rng(7))
    d2 = L.Dense(5, 3, rng=np.random.default_rng(8))
    assert not np.array_equal(d1.params["weight"], d2.params["weight"])


def _conv_adjoint(n, c, h, w, f, k, stride, padding, seed):
    """<conv_x(x), g> == <x, dL/dx> and <conv_W(x), g> == <W, dL/dW> with zero bias."""
    rng = np.random.default_rng(seed)
    layer = f64_conv(c, f, k, stride, padding, seed)
    layer.params["bias"][...] = 0.0
    x = rng.standard_normal((n, c, h, w))
    out = layer.forward(x)
    g = rng.standard_normal(out.shape)
    gx = layer.backward(g)
    lhs = np.sum(out * g)
    np.testing.assert_allclose(lhs, np.sum(x * gx), rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(lhs, np.sum(layer.params["weight"] * layer.grads["weight"]),
                               rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(layer.grads["bias"], g.sum(axis=(0, 2, 3)), rtol=1e-10,
                               atol=1e-10)


@pytest.mark.parametrize("case", CONV_GRAD_CASES)
def test_conv2d_adjoint(case):
    _conv_adjoint(*case, seed=5)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 2),
    c=st.integers(1, 3),
    h=st.integers(1, 8),
    w=st.integers(1, 8),
    f=st.integers(1, 3),
    sh=st.integers(1, 3),
    sw=st.integers(1, 3),
    ph=st.integers(0, 2),
    pw=st.integers(0, 2),
    seed=st.integers(0, 2**16),
    data=st.data(),
)
def test_property_conv2d_adjoint(n, c, h, w, f, sh, sw, ph, pw, seed, data):
    # kernels that fit the padded image
    kh = data.draw(st.integers(1, min(4, h + 2 * ph)), label="kh")
    kw = data.draw(st.integers(1, min(4, w + 2 * pw)), label="kw")
    _conv_adjoint(n, c, h, w, f, (kh, kw), (sh, sw), (ph, pw), seed)


def test_dense_gradients():
    layer = L.Dense(4, 3, rng=np.random.default_rng(0), dtype=np.float64)
    layer.params["bias"][...] = [0.1, -0.2, 0.3]
    x = np.random.default_rng(1).standard_normal((5, 4))
    check_layer(layer, x)
    assert layer.params["weight"].shape == (4, 3)
    np.testing.assert_allclose(
        layer.forward(x), x @ layer.params["weight"] + layer.params["bias"], rtol=1e-12
    )


def test_dense_default_dtype_float32():
    layer = L.Dense(4, 3, rng=np.random.default_rng(0))
    assert layer.params["weight"].dtype == np.float32
    assert layer.params["bias"].shape == (3,)
    out = layer.forward(np.ones((2, 4), dtype=np.float32))
    assert out.dtype == np.float32 and out.shape == (2, 3)


def away_from_zero(shape, seed):
    """Values in +-[0.1, 1]: no ReLU kink within the finite-difference step."""
    rng = np.random.default_rng(seed)
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.1, 1.0, size=shape)


def test_relu_gradients():
    check_layer(L.ReLU(), away_from_zero((2, 3, 4, 5), 0))


def test_relu_preserves_dtype():
    x = np.random.default_rng(0).standard_normal((1, 2, 3, 3)).astype(np.float32)
    layer = L.ReLU()
    assert layer.forward(x).dtype == np.float32
    assert layer.backward(np.ones_like(x)).dtype == np.float32


def distinct(shape, seed):
    """A permutation of a spaced grid: every value differs from every other by >= 0.1."""
    n = int(np.prod(shape))
    return np.random.default_rng(seed).permutation(n).reshape(shape) * 0.1 - n * 0.05


# (N, C, H, W, size, stride)
POOL_GRAD_CASES = [
    (2, 2, 4, 4, 2, None),
    (1, 2, 5, 5, 2, None),  # floor mode: last row/column get no gradient
    (1, 1, 6, 6, 3, None),
    (1, 2, 5, 6, 2, 1),  # overlapping windows
    (1, 1, 7, 7, 3, 2),  # overlapping windows and a dropped edge
    (1, 1, 6, 7, 2, 3),  # gaps between windows
    (2, 1, 3, 3, 1, None),
    (1, 2, 7, 8, (2, 3), None),  # non-square windows
    (1, 1, 8, 7, (3, 2), (1, 2)),
]


@pytest.mark.parametrize("case", POOL_GRAD_CASES)
def test_max_pool_gradients(case):
    n, c, h, w, size, stride = case
    check_layer(L.MaxPool2D(size, stride), distinct((n, c, h, w), 1))


@pytest.mark.parametrize("case", POOL_GRAD_CASES)
def test_avg_pool_gradients(case):
    n, c, h, w, size, stride = case
    x = np.random.default_rng(2).standard_normal((n, c, h, w))
    check_layer(L.AvgPool2D(size, stride), x)


@pytest.mark.parametrize("case", POOL_GRAD_CASES)
def test_pool_layers_forward_equal_ops(case):
    n, c, h, w, size, stride = case
    x = np.random.default_rng(3).standard_normal((n, c, h, w))
    np.testing.assert_array_equal(L.MaxPool2D(size, stride).forward(x),
                                  ops.max_pool2d(x, size, stride))
    np.testing.assert_allclose(L.AvgPool2D(size, stride).forward(x),
                               ops.avg_pool2d(x, size, stride), rtol=1e-12, atol=1e-12)


def _window_slices(h, w, size, stride):
    stride = size if stride is None else stride
    for r in range((h - size) // stride + 1):
        for s in range((w - size) // stride + 1):
            yield r, s, (slice(r * stride, r * stride + size), slice(s * stride, s * stride + size))


def _flat_background(seed):
    """Flat zero background with a few bright pixels, plus an all-equal plateau."""
    x = np.zeros((2, 2, 8, 8))
    rng = np.random.default_rng(seed)
    x[0, 0, 2, 3] = 1.0
    x[0, 1, 5, 5] = 0.7
    x[1, 0, 1:4, 1:4] = 0.5  # plateau: ties inside a non-zero region too
    x[1, 1, rng.integers(0, 8, 3), rng.integers(0, 8, 3)] = 2.0
    return x


@pytest.mark.parametrize("size", [2, 3, 4])
def test_max_pool_ties_route_each_window_to_one_element(size):
    for x in (np.zeros((2, 2, 8, 8)), _flat_background(0)):
        layer = L.MaxPool2D(size)
        out = layer.forward(x)
        g = np.random.default_rng(1).uniform(0.5, 1.5, out.shape)
        gx = layer.backward(g)
        np.testing.assert_allclose(gx.sum(), g.sum(), rtol=1e-12)
        for n in range(x.shape[0]):
            for c in range(x.shape[1]):
                for r, s, (rs, cs) in _window_slices(8, 8, size, None):
                    win_grad = gx[n, c, rs, cs]
                    assert np.count_nonzero(win_grad) == 1, (n, c, r, s)
                    np.testing.assert_allclose(win_grad.sum(), g[n, c, r, s], rtol=1e-12)
                    # ... and it goes to a maximum of the window
                    idx = np.unravel_index(np.argmax(np.abs(win_grad)), win_grad.shape)
                    assert x[n, c, rs, cs][idx] == x[n, c, rs, cs].max()


@pytest.mark.parametrize("size, stride", [(2, 1), (3, 1), (3, 2)])
def test_max_pool_ties_overlapping_windows(size, stride):
    x = _flat_background(2)
    layer = L.MaxPool2D(size, stride)
    out = layer.forward(x)
    g = np.random.default_rng(3).uniform(0.5, 1.5, out.shape)
    gx = layer.backward(g)
    np.testing.assert_allclose(gx.sum(), g.sum(), rtol=1e-12)
    # One window at a time: its gradient lands on exactly one maximum.
    for r, s, (rs, cs) in _window_slices(8, 8, size, stride):
        for n in range(2):
            for c in range(2):
                onehot = np.zeros_like(out)
                onehot[n, c, r, s] = 1.0
                layer.forward(x)
                gx = layer.backward(onehot)
                assert np.count_nonzero(gx) == 1
                assert gx[n, c, rs, cs].sum() == 1.0
                idx = np.unravel_index(np.argmax(gx[n, c, rs, cs]), (size, size))
                assert x[n, c, rs, cs][idx] == x[n, c, rs, cs].max()


def test_max_pool_ties_float32_zero_image():
    # The pitfall case in float32, as the trained model sees it (MNIST backgrounds).
    x = np.zeros((4, 3, 6, 6), dtype=np.float32)
    layer = L.MaxPool2D(2)
    out = layer.forward(x)
    gx = layer.backward(np.ones_like(out))
    assert gx.dtype == np.float32
    assert gx.sum() == out.size
    assert np.count_nonzero(gx) == out.size


def test_flatten_gradients_and_shape():
    x = np.random.default_rng(0).standard_normal((2, 3, 2, 4))
    layer = L.Flatten()
    out = layer.forward(x)
    assert out.shape == (2, 24)
    np.testing.assert_array_equal(out, x.reshape(2, -1))
    check_layer(L.Flatten(), x)


def test_layers_without_params_report_none():
    for layer in (L.ReLU(), L.MaxPool2D(2), L.AvgPool2D(2), L.Flatten()):
        assert not getattr(layer, "params", {})


# --- loss ----------------------------------------------------------------------------


@pytest.mark.parametrize("n, k", [(1, 2), (4, 3), (7, 10)])
def test_softmax_cross_entropy_gradient(n, k):
    rng = np.random.default_rng(n * k)
    z = rng.standard_normal((n, k)) * 2
    y = rng.integers(0, k, n)
    loss, grad = losses.softmax_cross_entropy(z, y)
    np.testing.assert_allclose(loss, ops.cross_entropy(z, y), rtol=1e-12)
    assert grad.shape == z.shape and grad.dtype == np.float64
    num = numeric_grad(lambda: float(losses.softmax_cross_entropy(z, y)[0]), z)
    assert_grad_close(grad, num, "logits")
    onehot = np.eye(k)[y]
    np.testing.assert_allclose(grad, (ops.softmax(z) - onehot) / n, rtol=1e-10, atol=1e-12)


def test_softmax_cross_entropy_huge_logits():
    z = np.array([[1e4, -1e4, 0.0], [3e4, 3e4, 3e4]], dtype=np.float32)
    loss, grad = losses.softmax_cross_entropy(z, np.array([1, 0]))
    assert np.isfinite(loss) and np.all(np.isfinite(grad))
    assert grad.dtype == np.float32


# --- whole model ---------------------------------------------------------------------


def tiny_model_f64():
    rng = np.random.default_rng(0)
    return Sequential([
        L.Conv2D(2, 3, (3, 2), stride=1, padding=1, rng=rng, dtype=np.float64),
        L.ReLU(),
        L.MaxPool2D(2),
        L.Conv2D(3, 2, 2, stride=(1, 2), padding=(0, 1), rng=rng, dtype=np.float64),
        L.ReLU(),
        L.AvgPool2D(2, 1),
        L.Flatten(),
        L.Dense(8, 5, rng=rng, dtype=np.float64),
        L.ReLU(),
        L.Dense(5, 3, rng=rng, dtype=np.float64),
    ])


def _randomise_biases(model, seed):
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if getattr(layer, "params", None):
            layer.params["bias"][...] = rng.uniform(-0.3, 0.3, layer.params["bias"].shape)


def test_tiny_model_shapes():
    model = tiny_model_f64()
    x = np.random.default_rng(1).standard_normal((3, 2, 9, 8))
    assert model.forward(x).shape == (3, 3)


def _chain_forward_backward(layers, x, g):
    h = x
    for layer in layers:
        h = layer.forward(h)
    out = h
    for layer in reversed(layers):
        g = layer.backward(g)
    grads = [{k: v.copy() for k, v in getattr(layer, "grads", {}).items()} for layer in layers]
    return out, g, grads


def _model_grads(model):
    return [{k: v.copy() for k, v in getattr(layer, "grads", {}).items()}
            for layer in model.layers]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sequential_equals_chained_layers(dtype):
    model = tiny_model_f64()
    _randomise_biases(model, 2)
    for layer in model.layers:
        for k in getattr(layer, "params", {}):
            layer.params[k] = layer.params[k].astype(dtype)
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 2, 9, 8)).astype(dtype)
    out = model.forward(x)
    assert out.dtype == dtype
    g = rng.standard_normal(out.shape).astype(dtype)
    gx = model.backward(g)
    assert gx.shape == x.shape and gx.dtype == dtype
    seq_grads = _model_grads(model)
    out2, gx2, chain_grads = _chain_forward_backward(model.layers, x, g)
    tol = dict(rtol=1e-10, atol=1e-12) if dtype == np.float64 else dict(rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(out, out2, **tol)
    np.testing.assert_allclose(gx, gx2, **tol)
    for a, b in zip(seq_grads, chain_grads, strict=True):
        assert a.keys() == b.keys()
        for k in a:
            np.testing.assert_allclose(a[k], b[k], **tol)


def test_build_cnn_sequential_equals_chained_layers():
    model = build_cnn(input_shape=(1, 12, 12), num_classes=4, filters=(3, 4), hidden=6, seed=1)
    rng = np.random.default_rng(4)
    x = rng.random((5, 1, 12, 12)).astype(np.float32)
    out = model.forward(x)
    g = rng.standard_normal(out.shape).astype(np.float32)
    gx = model.backward(g)
    seq_grads = _model_grads(model)
    out2, gx2, chain_grads = _chain_forward_backward(model.layers, x, g)
    np.testing.assert_allclose(out, out2, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(gx, gx2, rtol=1e-4, atol=1e-5)
    for a, b in zip(seq_grads, chain_grads, strict=True):
        for k in a:
            np.testing.assert_allclose(a[k], b[k], rtol=1e-4, atol=1e-5)


def _check_model_gradients(model, x, y):
    logits = model.forward(x)
    _, grad_logits = losses.softmax_cross_entropy(logits, y)
    gx = model.backward(grad_logits)
    grads = _model_grads(model)

    def loss():
        return float(losses.softmax_cross_entropy(model.forward(x), y)[0])

    assert_grad_close(gx, numeric_grad(loss, x), "input")
    checked = 0
    for i, layer in enumerate(model.layers):
        for k, p in getattr(layer, "params", {}).items():
            assert_grad_close(grads[i][k], numeric_grad(loss, p), f"layer {i} {k}")
            checked += 1
    assert checked > 0


def test_tiny_model_finite_differences():
    model = tiny_model_f64()
    _randomise_biases(model, 5)
    rng = np.random.default_rng(6)
    x = rng.standard_normal((3, 2, 9, 8))
    _check_model_gradients(model, x, np.array([0, 2, 1]))


def test_build_cnn_finite_differences_float64():
    model = build_cnn(input_shape=(1, 10, 10), num_classes=3, filters=(2, 3), padding=1,
                      hidden=4, seed=2)
    for layer in model.layers:
        for k in getattr(layer, "params", {}):
            layer.params[k] = layer.params[k].astype(np.float64)
    _randomise_biases(model, 7)
    x = np.random.default_rng(8).random((2, 1, 10, 10))
    assert model.forward(x).dtype == np.float64
    _check_model_gradients(model, x, np.array([1, 2]))


@settings(max_examples=50, deadline=None)
@given(
    h=st.integers(1, 8),
    w=st.integers(1, 8),
    seed=st.integers(0, 2**16),
    data=st.data(),
)
def test_property_pool_backward(h, w, seed, data):
    """Max pool on values with many ties, avg pool as a linear map (adjoint identity)."""
    kh = data.draw(st.integers(1, min(4, h)), label="kh")
    kw = data.draw(st.integers(1, min(4, w)), label="kw")
    stride = data.draw(st.one_of(st.none(), st.tuples(st.integers(1, 3), st.integers(1, 3))),
                       label="stride")
    sh, sw = (kh, kw) if stride is None else stride
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 3, (2, 2, h, w)).astype(np.float64)  # few levels: ties everywhere
    layer = L.MaxPool2D((kh, kw), stride)
    out = layer.forward(x)
    g = rng.uniform(0.5, 1.5, out.shape)
    gx = layer.backward(g)
    np.testing.assert_allclose(gx.sum(), g.sum(), rtol=1e-12)
    # gradient only ever lands on a window maximum
    for r in range(out.shape[2]):
        for s in range(out.shape[3]):
            onehot = np.zeros_like(out)
            onehot[:, :, r, s] = 1.0
            layer.forward(x)
            one = layer.backward(onehot)
            win = (slice(r * sh, r * sh + kh), slice(s * sw, s * sw + kw))
            for n in range(2):
                for c in range(2):
                    assert np.count_nonzero(one[n, c]) == 1
                    assert one[n, c][win].sum() == 1.0
                    assert x[n, c][win][one[n, c][win] == 1.0][0] == out[n, c, r, s]
    avg = L.AvgPool2D((kh, kw), stride)
    out = avg.forward(x)
    g = rng.standard_normal(out.shape)
    np.testing.assert_allclose(np.sum(out * g), np.sum(x * avg.backward(g)), rtol=1e-10,
                               atol=1e-10)


@settings(max_examples=60, deadline=None)
@given(c=st.integers(1, 3), side=st.integers(6, 14), blocks=st.sampled_from([1, 2]),
       k=st.integers(1, 3), stride=st.integers(1, 2), padding=st.integers(0, 2),
       pool=st.sampled_from(["max", "avg", "none"]), pool_size=st.integers(1, 2),
       hidden=st.sampled_from([0, 3]), n=st.integers(1, 4), ties=st.booleans(),
       seed=st.integers(0, 999))
def test_property_fast_path_equals_textbook_path(c, side, blocks, k, stride, padding, pool,
                                                 pool_size, hidden, n, ties, seed):
    """Sequential's (C, H, W, N) path, with its ReLU-after-max-pool order, gives the
    outputs, input gradient and every parameter gradient of the layers' NCHW path."""
    filters = 3 if blocks == 1 else (2, 3)
    try:
        model = build_cnn((c, side, side), 3, filters, k, stride, padding, pool, pool_size,
                          hidden, seed)
    except ValueError:
        return
    for layer in model.layers:
        for key in layer.params:
            layer.params[key] = layer.params[key].astype(np.float64)
    _randomise_biases(model, seed)
    rng = np.random.default_rng(seed)
    # Integer images make tied maxima common, as on a flat background.
    x = (rng.integers(0, 2, (n, c, side, side)) if ties
         else rng.standard_normal((n, c, side, side))).astype(np.float64)
    out = model.forward(x)
    g = rng.standard_normal(out.shape)
    gx = model.backward(g)
    fast_grads = _model_grads(model)
    out2, gx2, textbook_grads = _chain_forward_backward(model.layers, x, g)
    np.testing.assert_allclose(out, out2, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gx, gx2, rtol=1e-10, atol=1e-12)
    for a, b in zip(fast_grads, textbook_grads, strict=True):
        assert a.keys() == b.keys()
        for key in a:
            np.testing.assert_allclose(a[key], b[key], rtol=1e-10, atol=1e-12)
