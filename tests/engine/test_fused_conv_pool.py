"""The fast path's fused convolution + max pool (``engine.ops.conv2d_max_pool_chwn``,
``conv2d_winograd_max_pool_chwn``, ``Conv2D.forward_max_pool_chwn`` and
``Sequential.fast_path_steps``) against the two layers run one after the other, the
textbook NCHW path and finite differences; the pool-window column order against plain
im2col; the cell pooling against ``max_pool_argmax``, ties included."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import layers as L
from engine import ops, winograd
from engine.architecture import ConvBlock
from engine.model import Sequential, build_cnn, build_network, default_network
from tests.engine.test_layers_gradcheck import assert_grad_close, numeric_grad


@settings(max_examples=60, deadline=None)
@given(c=st.integers(1, 3), n=st.integers(1, 3), kh=st.integers(1, 3), kw=st.integers(1, 3),
       h=st.integers(3, 11), w=st.integers(3, 11),
       stride=st.tuples(st.integers(1, 2), st.integers(1, 2)),
       padding=st.tuples(st.integers(0, 2), st.integers(0, 2)),
       dilation=st.tuples(st.integers(1, 2), st.integers(1, 2)),
       pool=st.tuples(st.integers(1, 3), st.integers(1, 3)), seed=st.integers(0, 999))
def test_property_pool_order_columns_are_the_pooled_cells_reordered(c, n, kh, kw, h, w,
                                                                    stride, padding,
                                                                    dilation, pool, seed):
    """Column (i, j, r, s, n) of the pool-order columns is plain im2col's column for
    output cell (r * P + i, s * Q + j); col2im with the same order is its adjoint."""
    try:
        out_h, out_w = ops.conv_geometry((h, w), (kh, kw), stride, padding, dilation)
        ops.pooled_conv_geometry((out_h, out_w), pool)
    except ValueError:
        return
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((c, h, w, n))
    plain, _ = ops.im2col_chwn(x, kh, kw, stride, padding, dilation)
    ordered, size = ops.im2col_chwn(x, kh, kw, stride, padding, dilation, pool=pool)
    assert size == (out_h, out_w)
    p, q = pool
    rows, cols = out_h // p, out_w // q
    want = plain.reshape(-1, out_h, out_w, n)[:, :rows * p, :cols * q] \
        .reshape(-1, rows, p, cols, q, n).transpose(0, 2, 4, 1, 3, 5) \
        .reshape(-1, p * q * rows * cols * n)
    np.testing.assert_array_equal(ordered, want)
    d = rng.standard_normal(ordered.shape)
    back = ops.col2im_chwn(d, x.shape, kh, kw, stride, padding, dilation, pool=pool)
    np.testing.assert_allclose(np.sum(ordered * d), np.sum(x * back), rtol=1e-10)
    weight = rng.standard_normal((2, c, kh, kw))
    g = rng.standard_normal((2, p * q * rows * cols * n))
    np.testing.assert_allclose(
        ops.conv2d_input_grad_chwn(g, weight, x.shape, stride, padding, dilation, pool),
        ops.col2im_chwn(weight.reshape(2, -1).T @ g, x.shape, kh, kw, stride, padding,
                        dilation, pool), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("size", [(1, 1), (1, 2), (2, 1), (2, 2), (3, 3), (2, 3)])
@pytest.mark.parametrize("ties", [False, True])
def test_cell_pooling_equals_max_pool_argmax(size, ties):
    """Same maxima, and every window's gradient to the same single cell: the first
    maximum in scan order, also where the window's cells tie."""
    rng = np.random.default_rng(sum(size) + ties)
    p, q = size
    x = (rng.integers(0, 2, (3, 4 * p, 3 * q, 5)) if ties
         else rng.standard_normal((3, 4 * p, 3 * q, 5))).astype(np.float64)
    want, choice = ops.max_pool_argmax(x, size, size, axis=1)
    g = rng.uniform(0.5, 1.5, want.shape)
    want_grad = ops.max_pool_backward(choice, g, x.shape, size, size, axis=1)
    cells = x.reshape(3, 4, p, 3, q, 5)
    out, cell_choice = ops.max_pool_cells([[cells[:, :, i, :, j] for j in range(q)]
                                           for i in range(p)])
    np.testing.assert_array_equal(out, want)
    assert not np.shares_memory(out, x)
    grad = np.full(x.shape, np.nan)
    grad_cells = grad.reshape(3, 4, p, 3, q, 5)
    ops.max_pool_cells_backward(cell_choice, g, [[grad_cells[:, :, i, :, j] for j in range(q)]
                                                 for i in range(p)])
    np.testing.assert_array_equal(grad, want_grad)


def _layers(c, f, kernel, stride, padding, dilation, pool, seed, dtype=np.float64):
    conv = L.Conv2D(c, f, kernel, stride, padding, dilation, rng=seed, dtype=dtype)
    conv.params["bias"][...] = np.random.default_rng(seed).standard_normal(f)
    return conv, L.MaxPool2D(pool)


def _fused_against_separate(conv, pool, x, g, tol):
    separate = pool.forward_chwn(conv.forward_chwn(x))
    separate_in = conv.backward_chwn(pool.backward_chwn(g))
    separate_grads = dict(conv.grads)
    fused = conv.forward_max_pool_chwn(x, pool)
    fused_in = conv.backward_chwn(g)
    np.testing.assert_allclose(fused, separate, **tol)
    np.testing.assert_allclose(fused_in, separate_in, **tol)
    for name, value in separate_grads.items():
        assert conv.grads[name].dtype == value.dtype
        np.testing.assert_allclose(conv.grads[name], value, **tol)
    assert conv.backward_chwn(g, need_input_grad=False) is None
    return fused


@settings(max_examples=60, deadline=None)
@given(c=st.sampled_from([1, 2, 16]), f=st.integers(1, 3), n=st.integers(1, 3),
       kernel=st.tuples(st.integers(1, 5), st.integers(1, 5)), h=st.integers(4, 14),
       w=st.integers(4, 14), stride=st.sampled_from([(1, 1), (1, 1), (2, 1)]),
       padding=st.tuples(st.integers(0, 2), st.integers(0, 2)),
       dilation=st.sampled_from([(1, 1), (1, 1), (1, 2)]),
       pool=st.tuples(st.integers(1, 3), st.integers(1, 3)), ties=st.booleans(),
       seed=st.integers(0, 999))
def test_property_fused_step_equals_the_two_layers(c, f, n, kernel, h, w, stride, padding,
                                                   dilation, pool, ties, seed):
    """Pooled maps, input gradient and both parameter gradients equal those of the
    convolution then the pool (float64), with im2col columns or Winograd tiles (16
    channels, stride 1), partial windows dropped at the edges, ties everywhere."""
    conv, max_pool = _layers(c, f, kernel, stride, padding, dilation, pool, seed)
    rng = np.random.default_rng(seed)
    x = (rng.integers(0, 2, (c, h, w, n)) if ties else rng.standard_normal((c, h, w, n)))
    x = x.astype(np.float64)
    try:
        out_h, out_w = conv.output_shape((c, h, w))[1:]
        pooled = ops.pooled_conv_geometry((out_h, out_w), pool)
    except ValueError:
        return
    g = rng.standard_normal((f, *pooled, n))
    _fused_against_separate(conv, max_pool, x, g, dict(rtol=1e-10, atol=1e-10))
    tiled = winograd.winograd_max_pool_suits(conv.params["weight"].shape, x.shape, stride,
                                             padding, dilation, pool)
    assert (conv._winograd is not None) == tiled


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_fused_winograd_step_of_the_default_network_shape(dtype):
    conv, pool = _layers(16, 32, 5, 1, 0, 1, 2, seed=4, dtype=dtype)
    rng = np.random.default_rng(5)
    x = np.maximum(rng.standard_normal((16, 12, 12, 8)), 0).astype(dtype)
    g = rng.standard_normal((32, 4, 4, 8)).astype(dtype)
    tol = dict(rtol=1e-10, atol=1e-10) if dtype == np.float64 else dict(rtol=1e-4, atol=1e-4)
    out = _fused_against_separate(conv, pool, x, g, tol)
    assert out.dtype == dtype and out.flags.c_contiguous
    assert conv._winograd is not None


@pytest.mark.parametrize("c, kernel", [(1, 3), (2, 3), (1, 5), (3, 3), (2, (5, 2))])
@pytest.mark.parametrize("ties", [False, True])
def test_fused_im2col_step_in_both_product_layouts(c, kernel, ties):
    """Below CELLS_FIRST_MIN_KERNEL kernel values the product is laid out filters x
    cells, from it cells x filters; either way the fused step gives the two layers'
    pooled maps and gradients, ties and a partial window at the edge included."""
    conv, pool = _layers(c, 6, kernel, 1, 1, 1, 2, seed=c)
    weight_shape = conv.params["weight"].shape
    assert ops.cells_first(weight_shape) == (int(np.prod(weight_shape[1:]))
                                             >= ops.CELLS_FIRST_MIN_KERNEL)
    rng = np.random.default_rng(7)
    x = rng.integers(0, 2, (c, 11, 10, 3)) if ties else rng.standard_normal((c, 11, 10, 3))
    out_hw = conv.output_shape((c, 11, 10))[1:]
    g = rng.standard_normal((6, *ops.pooled_conv_geometry(out_hw, (2, 2)), 3))
    out = _fused_against_separate(conv, pool, x.astype(np.float64), g,
                                  dict(rtol=1e-10, atol=1e-10))
    assert out.flags.c_contiguous and conv._winograd is None


def test_both_product_layouts_are_used_by_the_bundled_architectures():
    assert ops.cells_first((16, 1, 5, 5))  # the default network's first convolution
    assert not ops.cells_first((8, 1, 3, 3))  # build_cnn()'s


def test_fused_step_gradients_match_finite_differences():
    # im2col filters x cells, im2col cells x filters, then Winograd tiles
    for c, kernel in ((2, 3), (1, 5), (16, 3)):
        conv, pool = _layers(c, 2, kernel, 1, 1, 1, 2, seed=c)
        rng = np.random.default_rng(c)
        x = rng.standard_normal((c, 5, 6, 2))
        r = rng.standard_normal(conv.forward_max_pool_chwn(x, pool).shape)
        grad_in = conv.backward_chwn(r)
        grads = dict(conv.grads)

        def loss(conv=conv, pool=pool, x=x, r=r):
            return float(np.sum(conv.forward_max_pool_chwn(x, pool) * r))

        assert_grad_close(grad_in, numeric_grad(loss, x), "input")
        for name, param in conv.params.items():
            assert_grad_close(grads[name], numeric_grad(loss, param), name)


def test_overlapping_pools_are_not_fused():
    conv, _ = _layers(1, 2, 3, 1, 0, 1, 2, seed=0)
    with pytest.raises(ValueError, match="overlap"):
        conv.forward_max_pool_chwn(np.zeros((1, 8, 8, 1)), L.MaxPool2D(3, 2))


def test_fast_path_steps_fuse_each_convolution_with_the_max_pool_it_feeds():
    model = default_network()
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds[:6] == ["Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D"]
    assert model.fast_path_order()[:6] == [0, 2, 1, 3, 5, 4]
    assert model.fast_path_steps()[:4] == [(0, 2), (1,), (3, 5), (4,)]
    assert [len(step) for step in model.fast_path_steps()[4:]] == [1] * (len(kinds) - 6)
    # Average pools, overlapping max pools and convolutions without a pool stay apart.
    blocks = [ConvBlock(4, 3, pool="avg"), ConvBlock(4, 3, pool="max", pool_size=3,
                                                     pool_stride=2),
              ConvBlock(4, 3, activation="none", pool="max"), ConvBlock(4, 1, pool="none")]
    model = build_network((1, 40, 40), 3, blocks, [], seed=0)
    steps = model.fast_path_steps()
    fused = [tuple(type(model.layers[i]).__name__ for i in step) for step in steps
             if len(step) == 2]
    assert fused == [("Conv2D", "MaxPool2D")]
    assert sorted(i for step in steps for i in step) == list(range(len(model.layers)))


def _f64(model):
    """``model`` in float64 with non-zero biases: with a zero bias an all-zero window
    convolves to exactly 0 by im2col but to a rounding-sized value with Winograd tiles,
    and a ReLU at exactly 0 then passes a gradient on one path and not the other."""
    rng = np.random.default_rng(9)
    for layer in model.layers:
        for key in layer.params:
            layer.params[key] = layer.params[key].astype(np.float64)
        if "bias" in layer.params:
            layer.params["bias"][...] = rng.uniform(-0.5, 0.5, layer.params["bias"].shape)
    return model


@pytest.mark.parametrize("build", [
    lambda: default_network(seed=1),
    lambda: build_cnn(filters=(16, 32), seed=2),
    lambda: build_network((1, 28, 28), 10, [ConvBlock(16, 3, padding=1),
                                            ConvBlock(16, 3, pool_size=3)], [8], seed=3),
])
def test_fused_fast_path_equals_textbook_path(build):
    """Sequential's steps (reordered and fused) against the layers' NCHW path, which runs
    exactly the written list, on MNIST-like images with flat backgrounds."""
    model = _f64(build())
    rng = np.random.default_rng(0)
    x = np.zeros((3, 1, 28, 28))
    x[:, :, 6:22, 6:22] = rng.integers(0, 3, (3, 1, 16, 16)) / 2
    out = model.forward(x)
    assert any(len(step) == 2 for step in model.fast_path_steps())
    g = rng.standard_normal(out.shape)
    grad_in = model.backward(g)
    fast = [{k: v.copy() for k, v in layer.grads.items()} for layer in model.layers]
    h = x
    for layer in model.layers:
        h = layer.forward(h)
    np.testing.assert_allclose(out, h, rtol=1e-10, atol=1e-12)
    grad = g
    for layer in reversed(model.layers):
        grad = layer.backward(grad)
    np.testing.assert_allclose(grad_in, grad, rtol=1e-10, atol=1e-12)
    for layer, fast_grads in zip(model.layers, fast, strict=True):
        for key, value in fast_grads.items():
            np.testing.assert_allclose(value, layer.grads[key], rtol=1e-10, atol=1e-12)
    # The textbook path's record of every layer's output is in the written order.
    outputs = Sequential.activations(model, x)
    assert [o.shape[1:] for o in outputs[1:]] == [tuple(layer.output_shape(s)) for layer, s in
                                                  zip(model.layers, _shapes(model), strict=True)]


def _shapes(model):
    shape, shapes = model.input_shape, []
    for layer in model.layers:
        shapes.append(shape)
        shape = layer.output_shape(shape)
    return shapes
