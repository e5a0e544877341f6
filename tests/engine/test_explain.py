"""The numbers the explorer shows, from the engine, checked against explicit loops.

``explain_cell`` (window, products, per-channel sums, bias, activation, padding mask),
``explain_pooled_cell`` (window, winner or mean), the flatten index both ways and the
output-size formula's terms; and ``explore`` computed in bands equals the plain
composition of the ops for every band size.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage

from engine import layers as L
from engine import ops, pipeline
from engine.pipeline import (
    explain_cell,
    explain_pooled_cell,
    explore,
    flat_index,
    resolve_padding,
    unflatten_index,
)


def _brute_cell(image, kernel, stride, padding, dilation, row, col):
    """Window (C, KH, KW), padding mask (KH, KW) and value, one cell at a time."""
    c, h, w = image.shape
    _, kh, kw = kernel.shape
    window = np.zeros(kernel.shape)
    mask = np.zeros((kh, kw), bool)
    for i in range(kh):
        for j in range(kw):
            r = row * stride[0] - padding[0] + i * dilation[0]
            q = col * stride[1] - padding[1] + j * dilation[1]
            if 0 <= r < h and 0 <= q < w:
                for ch in range(c):
                    window[ch, i, j] = image[ch, r, q]
            else:
                mask[i, j] = True
    return window, mask


geometry = st.fixed_dictionaries({
    "c": st.integers(1, 3), "h": st.integers(1, 9), "w": st.integers(1, 9),
    "kh": st.integers(1, 4), "kw": st.integers(1, 4),
    "sh": st.integers(1, 3), "sw": st.integers(1, 3),
    "padding": st.one_of(st.sampled_from(["same", "valid"]),
                         st.tuples(st.integers(0, 3), st.integers(0, 3))),
    "dh": st.integers(1, 3), "dw": st.integers(1, 3),
    "seed": st.integers(0, 2**16),
    "bias": st.floats(-2, 2),
    "activation": st.sampled_from(["relu", "none"]),
})


@settings(max_examples=150, deadline=None)
@given(g=geometry, data=st.data())
def test_property_explain_cell_matches_loops_and_explore(g, data):
    rng = np.random.default_rng(g["seed"])
    image = rng.standard_normal((g["c"], g["h"], g["w"]))
    kernel = rng.standard_normal((g["c"], g["kh"], g["kw"]))
    stride, dilation = (g["sh"], g["sw"]), (g["dh"], g["dw"])
    pad = resolve_padding(g["padding"], (g["kh"], g["kw"]), dilation)
    terms = [ops.output_size_terms(n, k, s, p, d) for n, k, s, p, d in
             zip((g["h"], g["w"]), (g["kh"], g["kw"]), stride, pad, dilation, strict=True)]
    if not all(t.fits for t in terms):
        with pytest.raises(ops.WindowDoesNotFit) as info:
            explain_cell(image, kernel, stride, g["padding"], 0, 0, dilation)
        assert info.value.code == "window_does_not_fit"
        assert info.value.terms.stage == "convolution"
        assert info.value.terms in terms and not info.value.terms.fits
        return
    out_h, out_w = (t.size for t in terms)
    row = data.draw(st.integers(0, out_h - 1))
    col = data.draw(st.integers(0, out_w - 1))
    cell = explain_cell(image, kernel, stride, g["padding"], row, col, dilation,
                        bias=g["bias"], activation=g["activation"])
    window, mask = _brute_cell(image, kernel, stride, pad, dilation, row, col)
    np.testing.assert_array_equal(cell.window, window)
    np.testing.assert_array_equal(cell.padding_mask, mask)
    np.testing.assert_array_equal(cell.weights, kernel)
    np.testing.assert_allclose(cell.products, window * kernel)
    np.testing.assert_allclose(cell.channel_sums, (window * kernel).sum(axis=(1, 2)))
    assert cell.total == pytest.approx(float((window * kernel).sum()), abs=1e-12)
    assert cell.pre_activation == pytest.approx(cell.total + g["bias"], abs=1e-12)
    want = max(cell.pre_activation, 0.0) if g["activation"] == "relu" else cell.pre_activation
    assert cell.value == want
    # The same cell of the whole feature map, as the explorer computes it.
    result = explore(image, kernel[None], stride, g["padding"], g["activation"], "none",
                     bias=[g["bias"]], dilation=dilation)
    assert result.conv.shape == (1, out_h, out_w)
    assert result.conv[0, row, col] == pytest.approx(cell.pre_activation, abs=1e-9)
    assert result.activated[0, row, col] == pytest.approx(cell.value, abs=1e-9)
    # Where the window starts and which image cells it reads.
    assert cell.origin == (row * stride[0] - pad[0], col * stride[1] - pad[1])
    np.testing.assert_array_equal(cell.rows, cell.origin[0] + dilation[0] * np.arange(g["kh"]))
    np.testing.assert_array_equal(cell.cols, cell.origin[1] + dilation[1] * np.arange(g["kw"]))


def test_explain_cell_matches_scipy_correlate():
    rng = np.random.default_rng(5)
    image = rng.random((11, 13))
    kernel = rng.standard_normal((3, 3))
    # scipy's "constant" mode is zero padding by one cell around a 3x3 kernel: "same".
    reference = ndimage.correlate(image, kernel, mode="constant", cval=0.0)
    for row, col in [(0, 0), (5, 6), (10, 12), (0, 12)]:
        cell = explain_cell(image, kernel, 1, "same", row, col, bias=0.0, activation="none")
        assert cell.window.shape == (3, 3)  # a 2-D kernel gives 2-D grids
        assert cell.value == pytest.approx(reference[row, col], abs=1e-12)


def test_explain_cell_corner_of_same_padding_marks_the_zeros():
    image = np.ones((4, 4))
    cell = explain_cell(image, np.ones((3, 3)), 1, "same", 0, 0)
    np.testing.assert_array_equal(cell.padding_mask, [[1, 1, 1], [1, 0, 0], [1, 0, 0]])
    assert cell.total == 4.0 and cell.channel_sums.tolist() == [4.0]


def test_explain_cell_outside_the_map_is_an_index_error():
    with pytest.raises(IndexError):
        explain_cell(np.zeros((5, 5)), np.ones((3, 3)), 1, 0, 3, 0)


def _brute_pool(fmap, pool, size, stride, row, col):
    top, left = row * stride[0], col * stride[1]
    best, where, total = -np.inf, None, 0.0
    for i in range(size[0]):
        for j in range(size[1]):
            v = fmap[top + i, left + j]
            total += v
            if v > best:  # strictly: the first maximum in scan order wins a tie
                best, where = v, (top + i, left + j)
    return (best, where) if pool == "max" else (total / (size[0] * size[1]), None)


@settings(max_examples=150, deadline=None)
@given(h=st.integers(1, 9), w=st.integers(1, 9), ph=st.integers(1, 4), pw=st.integers(1, 4),
       sh=st.integers(1, 4), sw=st.integers(1, 4), pool=st.sampled_from(["max", "avg"]),
       ties=st.booleans(), seed=st.integers(0, 2**16), data=st.data())
def test_property_explain_pooled_cell_matches_loops_and_max_pool(h, w, ph, pw, sh, sw, pool,
                                                                 ties, seed, data):
    rng = np.random.default_rng(seed)
    # Few distinct values make ties common, as on a flat background.
    fmap = rng.integers(0, 3, (h, w)).astype(float) if ties else rng.standard_normal((h, w))
    if ph > h or pw > w:
        with pytest.raises(ops.WindowDoesNotFit) as info:
            explain_pooled_cell(fmap, 0, 0, pool, (ph, pw), (sh, sw))
        assert info.value.terms.stage == "pool"
        assert info.value.terms.n in (h, w)
        return
    out_h, out_w = (h - ph) // sh + 1, (w - pw) // sw + 1
    row, col = data.draw(st.integers(0, out_h - 1)), data.draw(st.integers(0, out_w - 1))
    cell = explain_pooled_cell(fmap, row, col, pool, (ph, pw), (sh, sw))
    value, winner = _brute_pool(fmap, pool, (ph, pw), (sh, sw), row, col)
    assert cell.value == pytest.approx(value, abs=1e-12)
    assert cell.winner == winner
    np.testing.assert_array_equal(cell.window, fmap[row * sh:row * sh + ph,
                                                    col * sw:col * sw + pw])
    assert cell.origin == (row * sh, col * sw)
    np.testing.assert_array_equal(cell.rows, row * sh + np.arange(ph))
    if pool == "max":
        # The same winner the MaxPool2D layer sends the gradient to.
        layer = L.MaxPool2D((ph, pw), (sh, sw))
        out = layer.forward(fmap[None, None])
        assert out[0, 0, row, col] == cell.value
        grad = np.zeros_like(out)
        grad[0, 0, row, col] = 1.0
        routed = layer.backward(grad)[0, 0]
        assert tuple(int(v) for v in np.argwhere(routed == 1.0)[0]) == cell.winner
        assert cell.window[cell.winner_offset] == cell.value
    else:
        assert cell.winner is None and cell.winner_offset is None
        assert cell.value == pytest.approx(ops.avg_pool2d(fmap[None, None], (ph, pw),
                                                          (sh, sw))[0, 0, row, col])


@settings(max_examples=60, deadline=None)
@given(f=st.integers(1, 5), h=st.integers(1, 6), w=st.integers(1, 6), data=st.data())
def test_property_flat_index_round_trip_matches_flatten_layer(f, h, w, data):
    maps = np.arange(f * h * w, dtype=float).reshape(1, f, h, w) + 0.5
    flat = L.Flatten().forward(maps)[0]
    fi, r, c = data.draw(st.integers(0, f - 1)), data.draw(st.integers(0, h - 1)), \
        data.draw(st.integers(0, w - 1))
    index = flat_index((f, h, w), fi, r, c)
    assert flat[index] == maps[0, fi, r, c]
    assert unflatten_index((f, h, w), index) == (fi, r, c)
    # The fast path's Flatten reads (C, H, W, N) in the same order.
    fast = L.Flatten().forward_chwn(np.ascontiguousarray(maps.transpose(1, 2, 3, 0)))[0]
    assert fast[index] == maps[0, fi, r, c]


def test_flat_index_out_of_range():
    with pytest.raises(ValueError):
        flat_index((2, 3, 3), 2, 0, 0)
    with pytest.raises(ValueError):
        unflatten_index((2, 3, 3), 18)


def test_output_size_terms_name_every_term():
    t = ops.output_size_terms(28, 3, stride=2, padding=1, dilation=2)
    assert (t.n, t.k, t.p, t.s, t.d) == (28, 3, 1, 2, 2)
    assert t.span == 5 and t.padded == 30 and t.numerator == 25 and t.fits
    assert t.size == 13 == (28 + 2 - 2 * 2 - 1) // 2 + 1 == ops.output_size(28, 3, 2, 1, 2)


def test_pool_that_does_not_fit_names_the_pool_and_its_real_input():
    image = np.zeros((6, 6))
    with pytest.raises(ops.WindowDoesNotFit) as info:
        explore(image, np.ones((1, 3, 3)), pool="max", pool_size=5)
    terms = info.value.terms
    assert (terms.stage, terms.n, terms.k, terms.span) == ("pool", 4, 5, 5)
    message = str(info.value)
    assert "pool window" in message and "input of 4 cells" in message
    with pytest.raises(ops.WindowDoesNotFit) as info:
        explore(np.zeros((3, 3)), np.ones((1, 3, 3)), pool="max", pool_size=2)
    assert "input of 1 cell:" in str(info.value)  # singular, and the pool's real input
    with pytest.raises(ops.WindowDoesNotFit) as info:
        explore(np.zeros((2, 8)), np.ones((1, 3, 3)))
    assert info.value.terms.stage == "convolution" and info.value.terms.n == 2
    assert "convolution kernel" in str(info.value)


def _composed(image, filters, bias, stride, pad, dilation, activation, pool, size, step):
    conv = ops.conv2d(image[None], filters, bias, stride, pad, dilation)[0]
    activated = np.maximum(conv, 0) if activation == "relu" else conv
    if pool == "max":
        return conv, activated, ops.max_pool2d(activated[None], size, step)[0]
    if pool == "avg":
        return conv, activated, ops.avg_pool2d(activated[None], size, step)[0]
    return conv, activated, activated


@settings(max_examples=80, deadline=None)
@given(c=st.integers(1, 3), h=st.integers(4, 20), w=st.integers(4, 12), f=st.integers(1, 3),
       k=st.integers(1, 3), stride=st.integers(1, 2), pad=st.integers(0, 2),
       dilation=st.integers(1, 2), activation=st.sampled_from(["relu", "none"]),
       pool=st.sampled_from(["max", "avg", "none"]), size=st.integers(1, 3),
       step=st.integers(1, 3), band_values=st.integers(1, 200), seed=st.integers(0, 999))
def test_property_explore_in_bands_equals_whole_composition(c, h, w, f, k, stride, pad,
                                                            dilation, activation, pool, size,
                                                            step, band_values, seed):
    rng = np.random.default_rng(seed)
    image = rng.standard_normal((c, h, w))
    filters = rng.standard_normal((f, c, k, k))
    bias = rng.standard_normal(f)
    try:
        want = _composed(image, filters, bias, stride, pad, dilation, activation, pool,
                         size, step)
    except ValueError:
        return  # the geometry leaves nothing; covered by the tests above
    saved = pipeline._BAND_VALUES
    pipeline._BAND_VALUES = band_values  # bands of one row up to the whole map
    try:
        result = explore(image, filters, stride, pad, activation, pool, size, step, bias,
                         dilation)
    finally:
        pipeline._BAND_VALUES = saved
    for got, expected in zip((result.conv, result.activated, result.pooled), want,
                             strict=True):
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("image_shape, filters_shape, kwargs", [
    ((512, 512), (8, 3, 3), {}),
    ((3, 64, 48), (4, 3, 5, 5), {"padding": "same", "pool": "avg", "pool_size": 3}),
    ((40, 40), (2, 3, 3), {"stride": 2, "activation": "none", "pool": "none"}),
])
def test_explore_estimate_covers_the_arrays_it_returns(image_shape, filters_shape, kwargs):
    from engine.pipeline import estimate_explore_bytes

    rng = np.random.default_rng(0)
    image = rng.random(image_shape, dtype=np.float32)
    filters = rng.standard_normal(filters_shape).astype(np.float32)
    result = explore(image, filters, **kwargs)
    kept = sum({id(a): a.nbytes for a in (result.conv, result.activated,
                                          result.pooled)}.values())
    estimate = estimate_explore_bytes(image_shape, filters_shape, **kwargs)
    assert kept <= estimate <= kept * 1.5 + 2**21


def test_explore_estimate_of_a_huge_configuration_needs_no_memory():
    from engine.pipeline import estimate_explore_bytes

    estimate = estimate_explore_bytes((3, 4096, 4096), (32, 3, 11, 11), padding="same")
    assert estimate > 4 * 32 * 4096 * 4096  # over 2 GiB: a caller can refuse it


def test_exploration_opens_up_any_cell_without_recomputing():
    rng = np.random.default_rng(7)
    image = rng.random((3, 10, 9))
    filters = rng.standard_normal((2, 3, 3, 3))
    bias = np.array([0.3, -2.0])
    result = explore(image, filters, 1, "same", "relu", "max", 2, bias=bias)
    cell = result.explain(1, 4, 5)
    assert cell.bias == -2.0 and cell.activation == "relu"
    assert cell.pre_activation == pytest.approx(result.conv[1, 4, 5])
    assert cell.value == pytest.approx(result.activated[1, 4, 5])
    pooled = result.explain_pooled(1, 2, 3)
    assert pooled.value == result.pooled[1, 2, 3]
    assert result.activated[1][pooled.winner] == pooled.value
    index = result.flat_index(1, 2, 3)
    assert result.flattened[index] == result.pooled[1, 2, 3]
    assert result.unflatten_index(index) == (1, 2, 3)
