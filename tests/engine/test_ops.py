"""Forward ops of ``engine.ops`` against independent oracles (scipy and plain loops).

All arrays are NCHW. The loop oracles below are written from the definitions in the
issue (zero padding, cross-correlation as in PyTorch, floor-mode pooling), deliberately
slow and obvious.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import signal, special

from engine import ops


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d_loops(x, w, b=None, stride=1, padding=0):
    """Plain-loop cross-correlation, float64. x (N, C, H, W), w (F, C, KH, KW)."""
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.zeros((n, c, h + 2 * ph, wd + 2 * pw))
    xp[:, :, ph : ph + h, pw : pw + wd] = x
    ho = (h + 2 * ph - kh) // sh + 1
    wo = (wd + 2 * pw - kw) // sw + 1
    out = np.zeros((n, f, ho, wo))
    for i in range(n):
        for j in range(f):
            for r in range(ho):
                for s in range(wo):
                    win = xp[i, :, r * sh : r * sh + kh, s * sw : s * sw + kw]
                    out[i, j, r, s] = np.sum(win * w[j]) + (0.0 if b is None else b[j])
    return out


def pool_loops(x, size, stride=None, reduce=np.max):
    """Plain-loop floor-mode pooling. x (N, C, H, W); size and stride int or pair."""
    kh, kw = _pair(size)
    sh, sw = (kh, kw) if stride is None else _pair(stride)
    n, c, h, w = x.shape
    ho = (h - kh) // sh + 1
    wo = (w - kw) // sw + 1
    out = np.zeros((n, c, ho, wo))
    for i in range(n):
        for j in range(c):
            for r in range(ho):
                for s in range(wo):
                    win = x[i, j, r * sh : r * sh + kh, s * sw : s * sw + kw]
                    out[i, j, r, s] = reduce(win)
    return out


def conv2d_scipy(x, w, b=None, stride=1, padding=0):
    """Oracle through scipy.signal.correlate (valid mode, then subsample)."""
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    n, f = x.shape[0], w.shape[0]
    rows = []
    for i in range(n):
        maps = []
        for j in range(f):
            full = sum(
                signal.correlate(xp[i, c], w[j, c].astype(np.float64), mode="valid")
                for c in range(x.shape[1])
            )
            m = full[::sh, ::sw]
            maps.append(m + (0.0 if b is None else b[j]))
        rows.append(maps)
    return np.array(rows)


# (N, C, H, W, F, KH, KW, stride, padding)
CONV_CASES = [
    (1, 1, 5, 5, 1, 3, 3, 1, 0),
    (2, 3, 7, 6, 4, 3, 3, 1, 1),
    (2, 2, 8, 8, 3, 3, 3, 2, 1),
    (1, 3, 9, 7, 2, 2, 3, (2, 1), (1, 0)),
    (3, 1, 6, 9, 2, 3, 1, (1, 3), (0, 2)),
    (1, 2, 5, 5, 2, 1, 1, 1, 0),
    (2, 1, 7, 7, 1, 5, 5, 3, 2),
    (1, 2, 4, 4, 3, 4, 4, 1, 0),  # kernel as big as the image: 1x1 output
    (1, 1, 10, 10, 2, 3, 3, 4, 0),  # stride that leaves pixels unused at the edge
]


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv2d_matches_scipy_correlate(case):
    n, c, h, w, f, kh, kw, stride, padding = case
    rng = np.random.default_rng(1)
    x = rng.standard_normal((n, c, h, w))
    wt = rng.standard_normal((f, c, kh, kw))
    b = rng.standard_normal(f)
    got = ops.conv2d(x, wt, b, stride=stride, padding=padding)
    want = conv2d_scipy(x, wt, b, stride=stride, padding=padding)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv2d_matches_loops_without_bias(case):
    n, c, h, w, f, kh, kw, stride, padding = case
    rng = np.random.default_rng(2)
    x = rng.standard_normal((n, c, h, w))
    wt = rng.standard_normal((f, c, kh, kw))
    got = ops.conv2d(x, wt, stride=stride, padding=padding)
    np.testing.assert_allclose(
        got, conv2d_loops(x, wt, None, stride, padding), rtol=1e-10, atol=1e-10
    )


def test_conv2d_is_cross_correlation_not_convolution():
    # out[i, j] = x[i, j] - x[i+1, j+1] = -5 for x = arange(16) in a 4x4 grid; a flipped
    # kernel (true convolution) would give +5.
    x = np.arange(16, dtype=np.float64).reshape(1, 1, 4, 4)
    w = np.array([[1.0, 0.0], [0.0, -1.0]]).reshape(1, 1, 2, 2)
    np.testing.assert_array_equal(ops.conv2d(x, w), np.full((1, 1, 3, 3), -5.0))


def test_conv2d_zero_padding_known_values():
    # A 3x3 box of ones over a 2x2 image of ones with padding 1: every output cell sees
    # the whole image, so each is 4.
    x = np.ones((1, 1, 2, 2))
    w = np.ones((1, 1, 3, 3))
    np.testing.assert_array_equal(ops.conv2d(x, w, padding=1), np.full((1, 1, 2, 2), 4.0))


def test_conv2d_int_and_pair_arguments_agree():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 2, 7, 7))
    w = rng.standard_normal((3, 2, 3, 3))
    a = ops.conv2d(x, w, stride=2, padding=1)
    b = ops.conv2d(x, w, stride=(2, 2), padding=(1, 1))
    np.testing.assert_array_equal(a, b)


def test_conv2d_does_not_modify_inputs():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((1, 2, 5, 5)).astype(np.float32)
    w = rng.standard_normal((2, 2, 3, 3)).astype(np.float32)
    b = rng.standard_normal(2).astype(np.float32)
    x0, w0, b0 = x.copy(), w.copy(), b.copy()
    ops.conv2d(x, w, b, stride=2, padding=1)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(w, w0)
    np.testing.assert_array_equal(b, b0)


@pytest.mark.parametrize(
    "h, w, kh, kw, stride, padding",
    [(2, 8, 5, 3, 1, 0), (8, 2, 3, 5, 1, 0), (3, 3, 6, 6, 1, 1), (4, 4, 7, 2, (1, 1), (1, 0))],
)
def test_conv2d_no_output_raises_value_error_naming_sizes(h, w, kh, kw, stride, padding):
    x = np.zeros((1, 1, h, w), dtype=np.float32)
    wt = np.zeros((1, 1, kh, kw), dtype=np.float32)
    with pytest.raises(ValueError) as info:
        ops.conv2d(x, wt, stride=stride, padding=padding)
    msg = str(info.value)
    # The offending kernel size and the input size it does not fit must be named.
    bad_k, bad_in = (kh, h) if (h + 2 * _pair(padding)[0] - kh) < 0 else (kw, w)
    assert str(bad_k) in msg and str(bad_in) in msg, msg


def test_conv2d_channel_mismatch_raises():
    with pytest.raises(ValueError):
        ops.conv2d(np.zeros((1, 2, 5, 5)), np.zeros((1, 3, 3, 3)))


def test_output_size_formula():
    for size in range(1, 12):
        for kernel in (1, 2, 3, 5):
            for stride in (1, 2, 3):
                for padding in (0, 1, 2):
                    expected = (size + 2 * padding - kernel) // stride + 1
                    if size + 2 * padding >= kernel:
                        got = ops.output_size(size, kernel, stride, padding)
                        assert got == expected, (size, kernel, stride, padding)
                    else:
                        with pytest.raises(ValueError):
                            ops.output_size(size, kernel, stride, padding)


def test_output_size_no_output_message_names_sizes():
    with pytest.raises(ValueError) as info:
        ops.output_size(3, 7)
    assert "3" in str(info.value) and "7" in str(info.value)


def test_output_size_defaults():
    assert ops.output_size(28, 3) == 26
    assert ops.output_size(28, 3, padding=1) == 28
    assert ops.output_size(28, 3, stride=2, padding=1) == 14


# (N, C, H, W, size, stride)
POOL_CASES = [
    (1, 1, 4, 4, 2, None),
    (2, 3, 6, 6, 2, None),
    (1, 2, 5, 7, 2, None),  # odd sizes: last row/column dropped (floor mode)
    (2, 1, 7, 7, 3, None),
    (1, 2, 6, 6, 3, 1),  # overlapping windows
    (1, 1, 7, 8, 3, 2),  # overlapping and dropping
    (1, 1, 6, 6, 2, 3),  # stride larger than the window: gaps
    (2, 2, 5, 5, 1, None),
    (1, 1, 4, 4, 4, None),
    (1, 2, 7, 8, (2, 3), None),  # non-square windows, given as (rows, cols)
    (1, 1, 8, 7, (3, 2), (1, 2)),
]


@pytest.mark.parametrize("case", POOL_CASES)
def test_max_pool2d_matches_loops(case):
    n, c, h, w, size, stride = case
    x = np.random.default_rng(5).standard_normal((n, c, h, w))
    got = ops.max_pool2d(x, size, stride)
    np.testing.assert_array_equal(got, pool_loops(x, size, stride, np.max))


@pytest.mark.parametrize("case", POOL_CASES)
def test_avg_pool2d_matches_loops(case):
    n, c, h, w, size, stride = case
    x = np.random.default_rng(6).standard_normal((n, c, h, w))
    got = ops.avg_pool2d(x, size, stride)
    np.testing.assert_allclose(got, pool_loops(x, size, stride, np.mean), rtol=1e-12, atol=1e-12)


def test_pool_stride_defaults_to_size():
    x = np.random.default_rng(7).standard_normal((1, 2, 9, 9))
    np.testing.assert_array_equal(ops.max_pool2d(x, 3), ops.max_pool2d(x, 3, 3))
    np.testing.assert_array_equal(ops.avg_pool2d(x, 3), ops.avg_pool2d(x, 3, 3))
    assert ops.max_pool2d(x, 2).shape == (1, 2, 4, 4)


@pytest.mark.parametrize("pool", ["max_pool2d", "avg_pool2d"])
def test_pool_larger_than_input_raises(pool):
    with pytest.raises(ValueError) as info:
        getattr(ops, pool)(np.zeros((1, 1, 3, 3)), 4)
    assert "4" in str(info.value) and "3" in str(info.value)


def test_max_pool2d_all_negative_values():
    # A zero-initialised accumulator would wrongly give 0 here.
    x = -1.0 - np.random.default_rng(8).random((1, 1, 4, 4))
    np.testing.assert_array_equal(ops.max_pool2d(x, 2), pool_loops(x, 2, None, np.max))


def test_relu():
    x = np.array([[-2.0, -0.0, 0.0, 1.5, 3.0]])
    x0 = x.copy()
    np.testing.assert_array_equal(ops.relu(x), [[0.0, 0.0, 0.0, 1.5, 3.0]])
    np.testing.assert_array_equal(x, x0)  # not in place


def test_flatten_is_c_order():
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape(2, 3, 4, 5)
    out = ops.flatten(x)
    assert out.shape == (2, 60)
    np.testing.assert_array_equal(out, x.reshape(2, -1))
    np.testing.assert_array_equal(out[1, :5], x[1, 0, 0, :])


def test_softmax_rows_sum_to_one_and_match_formula():
    z = np.random.default_rng(9).standard_normal((5, 7)) * 3
    p = ops.softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    e = np.exp(z)
    np.testing.assert_allclose(p, e / e.sum(axis=1, keepdims=True), rtol=1e-12)
    assert np.all(p > 0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_stable_for_huge_logits(dtype):
    z = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 0.0], [-1e4, -1e4, -1e4]], dtype=dtype)
    p = ops.softmax(z)
    assert np.all(np.isfinite(p))
    np.testing.assert_allclose(p, [[1, 0, 0], [0.5, 0.5, 0], [1 / 3, 1 / 3, 1 / 3]], atol=1e-6)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-6)


def test_softmax_shift_invariant():
    z = np.random.default_rng(10).standard_normal((3, 4))
    np.testing.assert_allclose(ops.softmax(z), ops.softmax(z + 1000.0), rtol=1e-9)


def test_cross_entropy_matches_direct_formula():
    rng = np.random.default_rng(11)
    z = rng.standard_normal((6, 5)) * 2
    y = rng.integers(0, 5, 6)
    e = np.exp(z)
    direct = -np.mean(np.log(e[np.arange(6), y] / e.sum(axis=1)))
    np.testing.assert_allclose(ops.cross_entropy(z, y), direct, rtol=1e-12)


def test_cross_entropy_huge_logits_finite():
    z = np.array([[1e4, 0.0, -1e4], [0.0, 1e4, 0.0]])
    y = np.array([2, 1])
    want = np.mean([-(-1e4 - special.logsumexp(z[0])), -(1e4 - special.logsumexp(z[1]))])
    loss = ops.cross_entropy(z, y)
    assert np.isfinite(loss)
    np.testing.assert_allclose(loss, want, rtol=1e-9)


def test_cross_entropy_uniform_logits_is_log_k():
    np.testing.assert_allclose(
        ops.cross_entropy(np.zeros((4, 10)), np.array([0, 3, 9, 5])), np.log(10), rtol=1e-7
    )


def test_float32_preserved_by_default():
    rng = np.random.default_rng(12)
    x = rng.standard_normal((2, 2, 6, 6)).astype(np.float32)
    w = rng.standard_normal((3, 2, 3, 3)).astype(np.float32)
    b = rng.standard_normal(3).astype(np.float32)
    assert ops.conv2d(x, w, b, stride=1, padding=1).dtype == np.float32
    assert ops.relu(x).dtype == np.float32
    assert ops.max_pool2d(x, 2).dtype == np.float32
    assert ops.avg_pool2d(x, 2).dtype == np.float32
    assert ops.flatten(x).dtype == np.float32
    assert ops.softmax(x[:, :, 0, 0]).dtype == np.float32


def test_float64_preserved():
    rng = np.random.default_rng(13)
    x = rng.standard_normal((2, 2, 6, 6))
    w = rng.standard_normal((3, 2, 3, 3))
    b = rng.standard_normal(3)
    assert ops.conv2d(x, w, b, stride=2, padding=1).dtype == np.float64
    assert ops.relu(x).dtype == np.float64
    assert ops.max_pool2d(x, 2).dtype == np.float64
    assert ops.avg_pool2d(x, 2).dtype == np.float64
    assert ops.flatten(x).dtype == np.float64
    assert ops.softmax(x[:, :, 0, 0]).dtype == np.float64


# --- property tests ------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(
    n=st.integers(1, 2),
    c=st.integers(1, 3),
    h=st.integers(1, 9),
    w=st.integers(1, 9),
    f=st.integers(1, 3),
    kh=st.integers(1, 4),
    kw=st.integers(1, 4),
    sh=st.integers(1, 3),
    sw=st.integers(1, 3),
    ph=st.integers(0, 2),
    pw=st.integers(0, 2),
    use_bias=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_property_conv2d_matches_loops(n, c, h, w, f, kh, kw, sh, sw, ph, pw, use_bias, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, c, h, w))
    wt = rng.standard_normal((f, c, kh, kw))
    b = rng.standard_normal(f) if use_bias else None
    if h + 2 * ph < kh or w + 2 * pw < kw:
        with pytest.raises(ValueError):
            ops.conv2d(x, wt, b, stride=(sh, sw), padding=(ph, pw))
        return
    got = ops.conv2d(x, wt, b, stride=(sh, sw), padding=(ph, pw))
    want = conv2d_loops(x, wt, b, (sh, sw), (ph, pw))
    assert got.shape == want.shape
    assert got.shape[2:] == (ops.output_size(h, kh, sh, ph), ops.output_size(w, kw, sw, pw))
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


@PROPERTY_SETTINGS
@given(
    n=st.integers(1, 2),
    c=st.integers(1, 3),
    h=st.integers(1, 10),
    w=st.integers(1, 10),
    size=st.one_of(st.integers(1, 4), st.tuples(st.integers(1, 4), st.integers(1, 4))),
    stride=st.one_of(
        st.none(), st.integers(1, 4), st.tuples(st.integers(1, 4), st.integers(1, 4))
    ),
    seed=st.integers(0, 2**16),
)
def test_property_pools_match_loops(n, c, h, w, size, stride, seed):
    x = np.random.default_rng(seed).standard_normal((n, c, h, w))
    kh, kw = _pair(size)
    if kh > h or kw > w:
        for pool in (ops.max_pool2d, ops.avg_pool2d):
            with pytest.raises(ValueError):
                pool(x, size, stride)
        return
    np.testing.assert_array_equal(ops.max_pool2d(x, size, stride), pool_loops(x, size, stride))
    np.testing.assert_allclose(
        ops.avg_pool2d(x, size, stride),
        pool_loops(x, size, stride, np.mean),
        rtol=1e-12,
        atol=1e-12,
    )


@settings(max_examples=60, deadline=None)
@given(
    z=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(2, 6)),
        elements=st.floats(-1e4, 1e4, allow_nan=False),
    ),
    data=st.data(),
)
def test_property_softmax_and_cross_entropy(z, data):
    k = z.shape[1]
    y = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=len(z), max_size=len(z))))
    p = ops.softmax(z)
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-9)
    want = np.mean(special.logsumexp(z, axis=1) - z[np.arange(len(z)), y])
    loss = ops.cross_entropy(z, y)
    assert np.isfinite(loss)
    np.testing.assert_allclose(loss, want, rtol=1e-9, atol=1e-9)


def test_integer_inputs_become_float32():
    x = np.arange(2 * 1 * 4 * 4, dtype=np.uint8).reshape(2, 1, 4, 4)
    w = np.ones((1, 1, 2, 2), dtype=np.int64)
    assert ops.conv2d(x, w).dtype == np.float32
    assert ops.relu(x).dtype == np.float32
    assert ops.max_pool2d(x, 2).dtype == np.float32
    assert ops.softmax(np.array([[1, 2, 3]])).dtype == np.float32


@settings(max_examples=60, deadline=None)
@given(c=st.integers(1, 3), h=st.integers(3, 9), w=st.integers(3, 9), f=st.integers(1, 3),
       n=st.integers(1, 3), kh=st.integers(1, 3), kw=st.integers(1, 3),
       stride=st.tuples(st.integers(1, 2), st.integers(1, 2)),
       padding=st.tuples(st.integers(0, 2), st.integers(0, 2)),
       dilation=st.tuples(st.integers(1, 2), st.integers(1, 2)), seed=st.integers(0, 999))
def test_property_chwn_input_gradient_is_adjoint_of_convolution(c, h, w, f, n, kh, kw, stride,
                                                                padding, dilation, seed):
    """The fast path's input gradient, summed a kernel row at a time, is the adjoint of
    its convolution, <conv(x), g> == <x, grad(g)>, and equals col2im of the whole column
    gradient; the bias carried in the product (a row of ones) equals adding it."""
    try:
        out_h, out_w = ops.conv_geometry((h, w), (kh, kw), stride, padding, dilation)
    except ValueError:
        return
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((c, h, w, n))
    weight = rng.standard_normal((f, c, kh, kw))
    bias = rng.standard_normal(f)
    g = rng.standard_normal((f, out_h, out_w, n))
    out, cols = ops.conv2d_chwn(x, weight, None, stride, padding, dilation)
    out_b, cols_b = ops.conv2d_chwn(x, weight, bias, stride, padding, dilation)
    np.testing.assert_allclose(out_b, out + bias[:, None, None, None], rtol=1e-12, atol=1e-12)
    assert cols_b.shape == (cols.shape[0] + 1, cols.shape[1])
    np.testing.assert_array_equal(cols_b[:-1], cols)
    np.testing.assert_array_equal(cols_b[-1], 1.0)
    whole = ops.col2im_chwn(weight.reshape(f, -1).T @ g.reshape(f, -1), x.shape, kh, kw,
                            stride, padding, dilation)
    saved = ops._ROW_PRODUCT_MIN
    try:
        for minimum in (1, 10**9):  # kernel row by kernel row, then all rows at once
            ops._ROW_PRODUCT_MIN = minimum
            dx = ops.conv2d_input_grad_chwn(g, weight, x.shape, stride, padding, dilation)
            assert dx.shape == x.shape
            np.testing.assert_allclose(np.sum(out * g), np.sum(x * dx), rtol=1e-10,
                                       atol=1e-10)
            np.testing.assert_allclose(dx, whole, rtol=1e-12, atol=1e-12)
    finally:
        ops._ROW_PRODUCT_MIN = saved
