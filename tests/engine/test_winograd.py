"""The fast path's Winograd convolution (``engine.winograd.conv2d_winograd_chwn`` and its
backward pass) against independent computations: the definition of a 1-D correlation,
plain-loop and im2col convolutions, finite differences, and the layer's textbook NCHW
path."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import layers as L
from engine import ops, winograd
from engine.model import default_network
from tests.engine.test_layers_gradcheck import assert_grad_close, numeric_grad
from tests.engine.test_ops import conv2d_loops

SUPPORTED = [(m, r) for r in range(1, 8) for m in range(1, 9)
             if m + r - 1 <= winograd._WINOGRAD_MAX_TILE]


@pytest.mark.parametrize(("m", "r"), SUPPORTED)
def test_matrices_compute_the_correlation(m, r):
    """A^T [(G g) * (B^T d)] is y[i] = sum_k d[i + k] g[k] for every tile size."""
    at, g_matrix, bt = winograd.winograd_matrices(m, r)
    assert at.shape == (m, m + r - 1) and g_matrix.shape == (m + r - 1, r)
    assert bt.shape == (m + r - 1, m + r - 1)
    rng = np.random.default_rng(m * 10 + r)
    for _ in range(5):
        d, g = rng.standard_normal(m + r - 1), rng.standard_normal(r)
        want = [sum(d[i + k] * g[k] for k in range(r)) for i in range(m)]
        np.testing.assert_allclose(at @ ((g_matrix @ g) * (bt @ d)), want, rtol=1e-12,
                                   atol=1e-12)


def test_matrices_refuse_tiles_past_the_points():
    with pytest.raises(ValueError, match="at most 8"):
        winograd.winograd_matrices(6, 5)
    assert not winograd.winograd_matrices(4, 5, np.float32)[0].flags.writeable


@pytest.mark.parametrize(("out_len", "r", "m"), [(8, 5, 4), (11, 3, 6), (24, 5, 4),
                                                 (1, 3, 2), (4, 3, 4), (6, 3, 6)])
def test_output_tile_leaves_the_fewest_transformed_values(out_len, r, m):
    assert winograd._winograd_output_tile(out_len, r) == m


def _case(c, f, n, kh, kw, h, w, seed):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((c, h, w, n)), rng.standard_normal((f, c, kh, kw)),
            rng.standard_normal(f))


@settings(max_examples=80, deadline=None)
@given(c=st.integers(1, 4), f=st.integers(1, 4), n=st.integers(1, 3),
       kh=st.integers(2, 5), kw=st.integers(2, 5), extra_h=st.integers(0, 10),
       extra_w=st.integers(0, 10), padding=st.tuples(st.integers(0, 2), st.integers(0, 2)),
       seed=st.integers(0, 999))
def test_property_winograd_equals_im2col(c, f, n, kh, kw, extra_h, extra_w, padding, seed):
    """Outputs, weight, bias and input gradients all equal im2col's (float64), for any
    size: partial last tiles, padding, rectangular kernels."""
    x, weight, bias = _case(c, f, n, kh, kw, kh + extra_h, kw + extra_w, seed)
    want, cols = ops.conv2d_chwn(x, weight, bias, 1, padding)
    out, saved = winograd.conv2d_winograd_chwn(x, weight, bias, padding)
    np.testing.assert_allclose(out, want, rtol=1e-11, atol=1e-11)
    g = np.random.default_rng(seed + 1).standard_normal(out.shape)
    grad_in, grad_weight, grad_bias = winograd.conv2d_winograd_backward_chwn(g, weight, saved)
    products = cols @ g.reshape(f, -1).T
    np.testing.assert_allclose(grad_weight, products[:-1].T.reshape(weight.shape),
                               rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(grad_bias, products[-1], rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(
        grad_in, ops.conv2d_input_grad_chwn(g, weight, x.shape, 1, padding),
        rtol=1e-11, atol=1e-11)
    none, grad_weight_only, _ = winograd.conv2d_winograd_backward_chwn(g, weight, saved, False)
    assert none is None
    np.testing.assert_array_equal(grad_weight_only, grad_weight)


def test_winograd_equals_plain_loops_on_the_default_network_shape():
    """The default network's second convolution (16 -> 32 channels, 5x5, 12x12)."""
    x, weight, bias = _case(16, 32, 3, 5, 5, 12, 12, seed=5)
    out, _ = winograd.conv2d_winograd_chwn(x, weight, bias)
    want = conv2d_loops(x.transpose(3, 0, 1, 2), weight, bias)
    np.testing.assert_allclose(out.transpose(3, 0, 1, 2), want, rtol=1e-11, atol=1e-11)


def test_float32_rounding_stays_small():
    """The float32 tiles of the benchmark's layers stay within 1e-5 of float64 im2col,
    relative to the largest value (what the comment in engine.ops promises)."""
    for c, f, k, size in ((16, 32, 5, 12), (16, 32, 3, 13), (32, 64, 3, 7)):
        x, weight, bias = _case(c, f, 64, k, k, size, size, seed=c + k)
        x = np.maximum(x, 0)
        want, cols = ops.conv2d_chwn(x, weight, bias)
        out, saved = winograd.conv2d_winograd_chwn(x.astype(np.float32),
                                              weight.astype(np.float32),
                                              bias.astype(np.float32))
        assert out.dtype == np.float32
        assert np.abs(out - want).max() <= 1e-5 * np.abs(want).max()
        g = np.random.default_rng(1).standard_normal(out.shape)
        grad_in, grad_weight, _ = winograd.conv2d_winograd_backward_chwn(
            g.astype(np.float32), weight.astype(np.float32), saved)
        want_weight = (cols @ g.reshape(f, -1).T)[:-1].T.reshape(weight.shape)
        want_in = ops.conv2d_input_grad_chwn(g, weight, x.shape)
        assert np.abs(grad_weight - want_weight).max() <= 1e-5 * np.abs(want_weight).max()
        assert np.abs(grad_in - want_in).max() <= 1e-5 * np.abs(want_in).max()


def test_winograd_gradients_match_finite_differences():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 5, 6, 2))
    weight = rng.standard_normal((3, 2, 3, 2))
    bias = rng.standard_normal(3)
    out, saved = winograd.conv2d_winograd_chwn(x, weight, bias, (1, 0))
    r = rng.standard_normal(out.shape)
    grad_in, grad_weight, grad_bias = winograd.conv2d_winograd_backward_chwn(r, weight, saved)

    def loss():
        return float(np.sum(winograd.conv2d_winograd_chwn(x, weight, bias, (1, 0))[0] * r))

    assert_grad_close(grad_in, numeric_grad(loss, x), "input")
    assert_grad_close(grad_weight, numeric_grad(loss, weight), "weight")
    assert_grad_close(grad_bias, numeric_grad(loss, bias), "bias")


def test_which_convolutions_use_winograd():
    assert winograd.winograd_suits((32, 16, 5, 5))          # the default network's second
    assert winograd.winograd_suits((32, 16, 3, 3))          # build_cnn(filters=(16, 32))'s
    assert not winograd.winograd_suits((16, 1, 5, 5))       # first layers: one channel
    assert not winograd.winograd_suits((32, 16, 3, 3), stride=2)
    assert not winograd.winograd_suits((32, 16, 3, 3), dilation=(1, 2))
    assert not winograd.winograd_suits((32, 16, 1, 1))
    assert not winograd.winograd_suits((32, 16, 7, 7))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("kernel", "padding"), [(5, 0), (3, 1), ((3, 5), (0, 2))])
def test_conv_layer_fast_path_with_winograd_equals_textbook_path(dtype, kernel, padding):
    layer = L.Conv2D(16, 4, kernel, padding=padding, rng=np.random.default_rng(2),
                     dtype=dtype)
    layer.params["bias"][...] = np.arange(4, dtype=dtype)
    assert winograd.winograd_suits(layer.params["weight"].shape, layer.stride, layer.dilation)
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 16, 9, 10)).astype(dtype)
    want = layer.forward(x)
    g = rng.standard_normal(want.shape).astype(dtype)
    want_in = layer.backward(g)
    want_grads = dict(layer.grads)
    out = layer.forward_chwn(np.ascontiguousarray(L.nchw_to_chwn(x)))
    assert layer._winograd is not None and layer._cols is None
    grad_in = layer.backward_chwn(np.ascontiguousarray(L.nchw_to_chwn(g)))
    tol = dict(rtol=1e-10, atol=1e-10) if dtype == np.float64 else dict(rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(L.chwn_to_nchw(out), want, **tol)
    np.testing.assert_allclose(L.chwn_to_nchw(grad_in), want_in, **tol)
    for name in ("weight", "bias"):
        assert layer.grads[name].dtype == dtype
        np.testing.assert_allclose(layer.grads[name], want_grads[name], **tol)
    assert layer.backward_chwn(np.ascontiguousarray(L.nchw_to_chwn(g)),
                               need_input_grad=False) is None


def test_default_network_trains_the_same_with_and_without_winograd(monkeypatch):
    """Three SGD steps of the default network: the weights with Winograd in the second
    convolution equal those with im2col everywhere, to float32 rounding."""
    from engine.optim import SGD
    from engine.train import train_step

    rng = np.random.default_rng(0)
    x = rng.random((16, 1, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, 16)
    trained = []
    for minimum in (winograd.WINOGRAD_MIN_CHANNELS, 10**9):
        monkeypatch.setattr(winograd, "WINOGRAD_MIN_CHANNELS", minimum)
        model, optimizer = default_network(seed=3), SGD(0.05)
        for _ in range(3):
            train_step(model, optimizer, x, y)
        trained.append(model)
    uses = [layer._winograd is not None for layer in trained[0].layers
            if isinstance(layer, L.Conv2D)]
    assert uses == [False, True]
    for with_tiles, without in zip(trained[0].layers, trained[1].layers, strict=True):
        for name, value in with_tiles.params.items():
            np.testing.assert_allclose(value, without.params[name], rtol=1e-4, atol=1e-5)
