"""``engine.pipeline``: what the explorer shows must equal the ops composed by hand."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import ops
from engine.pipeline import explain_cell, explore


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def _composed(image, filters, stride, padding, activation, pool, pool_size, pool_stride, bias):
    """The same stages from the public NCHW ops."""
    chw = image[None] if image.ndim == 2 else image
    fckk = filters[:, None] if filters.ndim == 3 else filters
    conv = ops.conv2d(chw[None], fckk, bias, stride=stride, padding=padding)
    act = ops.relu(conv) if activation == "relu" else conv
    if pool == "max":
        pooled = ops.max_pool2d(act, pool_size, pool_stride)
    elif pool == "avg":
        pooled = ops.avg_pool2d(act, pool_size, pool_stride)
    else:
        pooled = act
    return conv[0], act[0], pooled[0], ops.flatten(pooled)[0]


CASES = [
    # image shape, filter shape, stride, padding, activation, pool, pool_size, pool_stride, bias
    ((9, 9), (3, 3, 3), 1, 0, "relu", "max", 2, None, False),
    ((12, 10), (2, 3, 3), 1, 1, "relu", "max", 2, None, True),
    ((11, 13), (4, 3, 2), (2, 1), (1, 0), "relu", "avg", 2, None, True),
    ((3, 10, 10), (2, 3, 3, 3), 2, 1, "relu", "max", 2, 1, True),
    ((2, 9, 8), (3, 2, 1, 3), 1, (0, 1), "none", "avg", 3, 2, False),
    ((8, 8), (1, 5, 5), 1, 2, "none", "none", 2, None, True),
    ((7, 7), (2, 3, 3), 3, 1, "relu", "max", 1, None, False),
]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_explore_equals_ops_composition(case, dtype):
    ishape, fshape, stride, padding, activation, pool, pool_size, pool_stride, use_bias = case
    rng = np.random.default_rng(0)
    image = rng.standard_normal(ishape).astype(dtype)
    filters = rng.standard_normal(fshape).astype(dtype)
    bias = rng.standard_normal(fshape[0]).astype(dtype) if use_bias else None
    result = explore(image, filters, stride=stride, padding=padding, activation=activation,
                     pool=pool, pool_size=pool_size, pool_stride=pool_stride, bias=bias)
    want = _composed(image, filters, stride, padding, activation, pool, pool_size, pool_stride,
                     bias)
    tol = dict(rtol=1e-5, atol=1e-6) if dtype == np.float32 else dict(rtol=1e-12, atol=1e-12)
    for name, expected in zip(("conv", "activated", "pooled", "flattened"), want, strict=True):
        got = getattr(result, name)
        assert got.shape == expected.shape, name
        assert got.dtype == dtype, name
        np.testing.assert_allclose(got, expected, err_msg=name, **tol)
        assert tuple(result.shapes[name]) == expected.shape, name


def test_explore_defaults_and_shapes():
    image = np.random.default_rng(1).random((28, 28)).astype(np.float32)
    filters = np.random.default_rng(2).standard_normal((8, 3, 3)).astype(np.float32)
    result = explore(image, filters)
    assert result.conv.shape == (8, 26, 26)
    assert result.activated.shape == (8, 26, 26)
    assert result.pooled.shape == (8, 13, 13)
    assert result.flattened.shape == (8 * 13 * 13,)
    assert result.conv.dtype == np.float32
    assert np.all(result.activated >= 0)
    np.testing.assert_array_equal(result.flattened, result.pooled.ravel())


def test_explore_does_not_modify_inputs():
    rng = np.random.default_rng(3)
    image, filters, bias = rng.random((10, 10)), rng.standard_normal((2, 3, 3)), np.ones(2)
    copies = image.copy(), filters.copy(), bias.copy()
    explore(image, filters, padding=1, bias=bias)
    for a, b in zip((image, filters, bias), copies, strict=True):
        np.testing.assert_array_equal(a, b)


def test_explore_filter_too_big_raises_naming_sizes():
    with pytest.raises(ValueError) as info:
        explore(np.zeros((4, 4)), np.zeros((1, 6, 6)))
    assert "6" in str(info.value) and "4" in str(info.value)


def test_explore_channel_mismatch_raises():
    with pytest.raises(ValueError):
        explore(np.zeros((3, 8, 8)), np.zeros((2, 2, 3, 3)))


def _padded(chw, ph, pw):
    return np.pad(chw, ((0, 0), (ph, ph), (pw, pw)))


def _check_cell(image, kernel, stride, padding, row, col):
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    cell = explain_cell(image, kernel, stride, padding, row, col)
    chw = image[None] if image.ndim == 2 else image
    kchw = kernel[None] if kernel.ndim == 2 else kernel
    kh, kw = kchw.shape[1:]
    conv = ops.conv2d(chw[None], kchw[None], stride=stride, padding=padding)[0, 0]
    assert cell.window.shape == kernel.shape
    assert cell.products.shape == kernel.shape
    window = _padded(chw, ph, pw)[:, row * sh : row * sh + kh, col * sw : col * sw + kw]
    window = window[0] if image.ndim == 2 else window
    np.testing.assert_allclose(cell.window, window, rtol=1e-12, atol=0)
    np.testing.assert_allclose(cell.products, window * kernel, rtol=1e-12, atol=1e-12)
    assert isinstance(cell.total, float)
    np.testing.assert_allclose(cell.total, conv[row, col], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(cell.total, np.sum(cell.products), rtol=1e-12, atol=1e-12)
    assert tuple(cell.origin) == (row * sh - ph, col * sw - pw)
    return conv.shape


@pytest.mark.parametrize(
    "ishape, kshape, stride, padding",
    [
        ((6, 6), (3, 3), 1, 0),
        ((6, 7), (3, 3), 1, 1),
        ((7, 7), (3, 2), (2, 1), (1, 2)),
        ((5, 5), (5, 5), 2, 2),
        ((3, 8, 6), (3, 3, 3), 2, 1),
        ((2, 5, 5), (2, 1, 4), (1, 3), (0, 1)),
        ((4, 4), (1, 1), 1, 0),
    ],
)
def test_explain_cell_matches_conv_everywhere(ishape, kshape, stride, padding):
    rng = np.random.default_rng(4)
    image = rng.standard_normal(ishape)
    kernel = rng.standard_normal(kshape)
    chw = image[None] if image.ndim == 2 else image
    ho = ops.output_size(chw.shape[1], kshape[-2], _pair(stride)[0], _pair(padding)[0])
    wo = ops.output_size(chw.shape[2], kshape[-1], _pair(stride)[1], _pair(padding)[1])
    for row in range(ho):
        for col in range(wo):
            assert _check_cell(image, kernel, stride, padding, row, col) == (ho, wo)


def test_explain_cell_corner_in_padding_reads_zero():
    image = np.arange(1.0, 26.0).reshape(5, 5)
    kernel = np.ones((3, 3))
    cell = explain_cell(image, kernel, 1, 1, 0, 0)
    assert tuple(cell.origin) == (-1, -1)
    np.testing.assert_array_equal(cell.window[0, :], 0)
    np.testing.assert_array_equal(cell.window[:, 0], 0)
    np.testing.assert_array_equal(cell.window[1:, 1:], image[:2, :2])
    assert cell.total == image[:2, :2].sum()


def test_explain_cell_agrees_with_explore_conv_before_bias():
    rng = np.random.default_rng(5)
    image = rng.random((9, 9))
    filters = rng.standard_normal((2, 3, 3))
    bias = np.array([0.5, -1.0])
    result = explore(image, filters, stride=2, padding=1, bias=bias)
    for f in range(2):
        for row, col in [(0, 0), (2, 3), (4, 4)]:
            cell = explain_cell(image, filters[f], 2, 1, row, col)
            np.testing.assert_allclose(cell.total + bias[f], result.conv[f, row, col],
                                       rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("row, col", [(-1, 0), (0, -1), (4, 0), (0, 4), (10, 10)])
def test_explain_cell_outside_feature_map_raises(row, col):
    with pytest.raises((IndexError, ValueError)):
        explain_cell(np.zeros((6, 6)), np.ones((3, 3)), 1, 0, row, col)


@settings(max_examples=50, deadline=None)
@given(
    h=st.integers(1, 8),
    w=st.integers(1, 8),
    c=st.sampled_from([0, 1, 3]),  # 0: a 2-D image and kernel
    sh=st.integers(1, 3),
    sw=st.integers(1, 3),
    ph=st.integers(0, 2),
    pw=st.integers(0, 2),
    data=st.data(),
)
def test_property_explain_cell(h, w, c, sh, sw, ph, pw, data):
    kh = data.draw(st.integers(1, min(4, h + 2 * ph)), label="kh")
    kw = data.draw(st.integers(1, min(4, w + 2 * pw)), label="kw")
    seed = data.draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    image = rng.standard_normal((h, w) if c == 0 else (c, h, w))
    kernel = rng.standard_normal((kh, kw) if c == 0 else (c, kh, kw))
    ho = (h + 2 * ph - kh) // sh + 1
    wo = (w + 2 * pw - kw) // sw + 1
    row = data.draw(st.integers(0, ho - 1))
    col = data.draw(st.integers(0, wo - 1))
    _check_cell(image, kernel, (sh, sw), (ph, pw), row, col)


@settings(max_examples=40, deadline=None)
@given(
    h=st.integers(3, 12),
    w=st.integers(3, 12),
    f=st.integers(1, 3),
    k=st.integers(1, 3),
    stride=st.integers(1, 2),
    padding=st.integers(0, 1),
    pool=st.sampled_from(["max", "avg"]),
    pool_size=st.integers(1, 3),
    pool_stride=st.one_of(st.none(), st.integers(1, 3)),
    seed=st.integers(0, 2**16),
)
def test_property_explore(h, w, f, k, stride, padding, pool, pool_size, pool_stride, seed):
    rng = np.random.default_rng(seed)
    image = rng.standard_normal((h, w))
    filters = rng.standard_normal((f, k, k))
    ho = (h + 2 * padding - k) // stride + 1
    wo = (w + 2 * padding - k) // stride + 1
    if pool_size > min(ho, wo):
        with pytest.raises(ValueError):
            explore(image, filters, stride, padding, pool=pool, pool_size=pool_size,
                    pool_stride=pool_stride)
        return
    result = explore(image, filters, stride, padding, pool=pool, pool_size=pool_size,
                     pool_stride=pool_stride)
    want = _composed(image, filters, stride, padding, "relu", pool, pool_size, pool_stride, None)
    for name, expected in zip(("conv", "activated", "pooled", "flattened"), want, strict=True):
        np.testing.assert_allclose(getattr(result, name), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_one_filters_activated_map_equals_the_composed_activation(case):
    """``activated_map`` (what a view of one filter reads) equals the ops' activation,
    before and after the whole ``activated`` has been read; with a max pool the
    activated maps are not kept whole (the pool reads the convolution), with an average
    pool whose windows overlap or no pool at all they are."""
    ishape, fshape, stride, padding, activation, pool, pool_size, pool_stride, use_bias = case
    rng = np.random.default_rng(1)
    image, filters = rng.standard_normal(ishape), rng.standard_normal(fshape)
    bias = rng.standard_normal(fshape[0]) if use_bias else None
    result = explore(image, filters, stride=stride, padding=padding, activation=activation,
                     pool=pool, pool_size=pool_size, pool_stride=pool_stride, bias=bias)
    _, act, _, _ = _composed(image, filters, stride, padding, activation, pool, pool_size,
                             pool_stride, bias)
    if activation == "relu" and pool == "max":
        assert result.computed_activated is None
    for f in range(fshape[0]):
        np.testing.assert_allclose(result.activated_map(f), act[f], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(result.activated, act, rtol=1e-12, atol=1e-12)
    assert result.activated is result.activated  # worked out once
    for f in range(fshape[0]):
        np.testing.assert_array_equal(result.activated_map(f), result.activated[f])
    if pool == "none":
        assert result.pooled is result.activated or activation == "none"
