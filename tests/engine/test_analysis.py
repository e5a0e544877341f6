"""``engine.analysis`` against independent computations: finite differences for the input
gradient, brute-force loops for occlusion, top activating images and switched-off units,
and every layer's activations for a batch against one image at a time."""

import numpy as np
import pytest

from engine import ops
from engine.analysis import (
    AnalysisError,
    SwitchOffEvaluator,
    evaluate_switched_off,
    input_gradient,
    occlusion_map,
    switched_off_model,
    top_activating,
)
from engine.architecture import ConvBlock
from engine.layers import Conv2D, Dense
from engine.model import build_network, default_network

EPS = 1e-6


def f64(model):
    """The model in float64 (a copy), for finite differences."""
    model = model.copy()
    for layer in model.layers:
        for name in layer.params:
            layer.params[name] = layer.params[name].astype(np.float64)
    return model


def small_model(seed=0):
    model = build_network((2, 12, 11), 4, [
        ConvBlock(3, (3, 2), padding=1, dilation=(2, 1)),
        ConvBlock(4, 3, activation="none", pool="avg", pool_size=2, pool_stride=1)],
        hidden=(6,), seed=seed)
    rng = np.random.default_rng(seed + 10)
    for layer in model.layers:
        if layer.params:
            layer.params["bias"][...] = rng.uniform(-0.2, 0.2, layer.params["bias"].shape)
    return model


def params_snapshot(model):
    return [{k: v.copy() for k, v in layer.params.items()} for layer in model.layers]


def assert_untouched(model, before):
    for layer, params in zip(model.layers, before, strict=True):
        for name, value in params.items():
            np.testing.assert_array_equal(layer.params[name], value)


# --- activations of every layer -----------------------------------------------------------

def test_batch_activations_equal_one_image_at_a_time_and_the_prediction():
    model = small_model()
    x = np.random.default_rng(1).random((5, 2, 12, 11)).astype(np.float32)
    batch = model.activations(x)
    assert len(batch) == len(model.layers) + 1
    for n in range(len(x)):
        single = model.activations(x[n])
        for layer_out, one in zip(batch, single, strict=True):
            np.testing.assert_allclose(layer_out[n], one, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(batch[-1], model.forward(x), rtol=1e-5, atol=1e-6)
    for whole, chunked in zip(batch, model.activations(x, batch_size=2), strict=True):
        np.testing.assert_allclose(whole, chunked, rtol=1e-6, atol=1e-7)


# --- gradient of a class score w.r.t. the input -----------------------------------------

@pytest.mark.parametrize("of", ["score", "probability"])
def test_input_gradient_matches_finite_differences(of):
    model = f64(small_model(1))
    x = np.random.default_rng(2).random((2, 2, 12, 11))
    classes = np.array([1, 3])
    before = params_snapshot(model)
    grad = input_gradient(model, x, classes, of=of)
    assert grad.shape == x.shape and grad.dtype == np.float64
    assert_untouched(model, before)

    def output(images):
        logits = model.activations(images)[-1]
        values = ops.softmax(logits) if of == "probability" else logits
        return values[np.arange(len(images)), classes].sum()

    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += EPS
        down[index] -= EPS
        numeric[index] = (output(up) - output(down)) / (2 * EPS)
    assert np.abs(numeric).max() > 1e-3  # the check is not between two zeros
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_input_gradient_of_one_image_keeps_its_shape():
    model = small_model()
    image = np.random.default_rng(3).random((2, 12, 11)).astype(np.float32)
    grad = input_gradient(model, image, 2)
    np.testing.assert_allclose(grad, input_gradient(model, image[None], [2])[0])
    assert grad.shape == image.shape
    with pytest.raises(AnalysisError) as caught:
        input_gradient(model, image, 4)
    assert caught.value.code == "no_such_class" and caught.value.values["classes"] == 4


# --- occlusion ----------------------------------------------------------------------------

@pytest.mark.parametrize("patch, stride", [(3, 2), ((4, 2), (3, 1)), ((12, 11), 5), (1, 4)])
def test_occlusion_map_equals_a_brute_force_loop(patch, stride):
    model = small_model(2)
    image = np.random.default_rng(4).random((2, 12, 11)).astype(np.float32)
    before = params_snapshot(model)
    result = occlusion_map(model, image, 1, patch=patch, stride=stride, fill=0.3,
                           batch_size=7)
    assert_untouched(model, before)
    ph, pw = ops.pair(patch)
    sh, sw = ops.pair(stride)
    base = model.predict_proba(image[None])[0, 1]
    assert result.base == pytest.approx(base, rel=1e-6)
    rows = sorted(set(range(0, 12 - ph + 1, sh)) | {12 - ph})
    cols = sorted(set(range(0, 11 - pw + 1, sw)) | {11 - pw})
    assert list(result.rows) == rows and list(result.cols) == cols
    total = np.zeros((12, 11))
    count = np.zeros((12, 11))
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            hidden = image.copy()
            hidden[:, r:r + ph, c:c + pw] = 0.3
            p = model.predict_proba(hidden[None])[0, 1]
            assert result.probability[i, j] == pytest.approx(p, rel=1e-5, abs=1e-7)
            assert result.drop[i, j] == pytest.approx(base - p, rel=1e-4, abs=1e-6)
            total[r:r + ph, c:c + pw] += base - p
            count[r:r + ph, c:c + pw] += 1
    if sh <= ph and sw <= pw:
        assert count.min() > 0  # the last positions reach the far edges
    want = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    np.testing.assert_allclose(result.per_pixel(), want, rtol=1e-4, atol=1e-6)


def test_occlusion_refuses_a_patch_larger_than_the_image():
    model = small_model()
    image = np.zeros((2, 12, 11), np.float32)
    with pytest.raises(AnalysisError) as caught:
        occlusion_map(model, image, 0, patch=(5, 12))
    assert caught.value.code == "patch_too_large"
    assert caught.value.values == {"patch": (5, 12), "size": (12, 11)}
    with pytest.raises(AnalysisError) as caught:
        occlusion_map(model, image, 0, patch=3, stride=0)
    assert caught.value.code == "bad_patch"
    with pytest.raises(AnalysisError) as caught:
        occlusion_map(model, np.zeros((1, 12, 11)), 0)
    assert caught.value.code == "image_shape"


# --- switching units off ------------------------------------------------------------------

def _chain_with_zeroed_outputs(model, x, switched_off):
    """The textbook forward pass, layer by layer, zeroing the chosen units' outputs."""
    h = x
    for index, layer in enumerate(model.copy().layers):
        h = layer.forward(h)
        if index in switched_off:
            h = h.copy()
            h[:, list(switched_off[index])] = 0
    return h


def test_switching_units_off_equals_zeroing_their_outputs():
    model = small_model(3)
    x = np.random.default_rng(5).random((6, 2, 12, 11)).astype(np.float32)
    conv_layers = [i for i, layer in enumerate(model.layers) if isinstance(layer, Conv2D)]
    hidden = [i for i, layer in enumerate(model.layers) if isinstance(layer, Dense)][0]
    off = {conv_layers[0]: [0, 2], conv_layers[1]: [1], hidden: [0, 5]}
    before = params_snapshot(model)
    logits = switched_off_model(model, off).forward(x)
    assert_untouched(model, before)
    np.testing.assert_allclose(logits, _chain_with_zeroed_outputs(model, x, off),
                               rtol=1e-5, atol=1e-6)
    assert not np.allclose(logits, model.forward(x))


def test_evaluate_switched_off_counts_like_a_loop_over_the_images():
    model = default_network(seed=4)
    rng = np.random.default_rng(6)
    x = (rng.random((40, 1, 28, 28)) < 0.2).astype(np.float32)
    y = rng.integers(0, 10, 40)
    # Filters of both convolutions and units of the hidden layer.
    off = {0: [3, 7, 11], 3: list(range(0, 10)), 7: [1, 5]}
    assert [type(model.layers[i]) for i in off] == [Conv2D, Conv2D, Dense]
    result = evaluate_switched_off(model, x, y, off)
    zeroed = model.copy()
    for index, units in off.items():
        for unit in units:
            weight = zeroed.layers[index].params["weight"]
            if weight.ndim == 4:
                weight[unit] = 0
            else:
                weight[:, unit] = 0
            zeroed.layers[index].params["bias"][unit] = 0
    predictions = [int(zeroed.forward(x[n:n + 1]).argmax()) for n in range(len(x))]
    np.testing.assert_array_equal(result.predictions, predictions)
    confusion = np.zeros((10, 10), np.int64)
    for truth, guess in zip(y, predictions, strict=True):
        confusion[truth, guess] += 1
    np.testing.assert_array_equal(result.confusion, confusion)
    assert result.accuracy == pytest.approx(np.mean(np.array(predictions) == y))
    # Nothing switched off: the plain evaluation.
    plain = evaluate_switched_off(model, x, y, {})
    np.testing.assert_array_equal(plain.predictions, model.predict(x))


def _evaluator_cases(model):
    conv = [i for i, layer in enumerate(model.layers) if isinstance(layer, Conv2D)]
    hidden = [i for i, layer in enumerate(model.layers) if isinstance(layer, Dense)][0]
    first, second = (model.layers[i].out_channels for i in conv)
    return [
        {conv[0]: [1]},                          # one channel of the next convolution
        {conv[0]: list(range(first - 1))},       # most of them: that layer runs again
        {conv[1]: [0, second - 1]},              # through the flattening to the dense layer
        {hidden: [2]},
        {conv[0]: [0], conv[1]: [2], hidden: [1, 3]},  # later units off in the rerun
        {conv[1]: [1], hidden: [0]},
    ]


@pytest.mark.parametrize("make", [lambda: small_model(3), lambda: default_network(seed=4)])
def test_the_evaluator_equals_the_whole_network_with_the_weights_zeroed(make):
    model = make()
    rng = np.random.default_rng(8)
    x = rng.random((23, *model.input_shape)).astype(np.float32)
    y = rng.integers(0, model.num_classes, len(x))
    before = params_snapshot(model)
    evaluator = SwitchOffEvaluator(model, x, y, batch_size=10)  # 3 batches, one short
    for off in _evaluator_cases(model) * 2:  # twice: what is kept is never changed
        zeroed = switched_off_model(model, off)  # the independent computation
        np.testing.assert_allclose(evaluator.scores(off), zeroed.forward(x), rtol=1e-4,
                                   atol=1e-5, err_msg=str(off))
        got, want = evaluator.evaluate(off), evaluate_switched_off(model, x, y, off)
        np.testing.assert_array_equal(got.predictions, want.predictions)
        np.testing.assert_array_equal(got.confusion, want.confusion)
        assert got.accuracy == want.accuracy
        assert got.loss == pytest.approx(want.loss, rel=1e-5)
    whole = evaluator.evaluate({})
    np.testing.assert_array_equal(whole.predictions, model.predict(x))
    assert whole.loss == pytest.approx(evaluate_switched_off(model, x, y, {}).loss, rel=1e-6)
    assert_untouched(model, before)
    with pytest.raises(AnalysisError) as caught:
        evaluator.evaluate({0: [99]})
    assert caught.value.code == "no_such_unit"


def test_the_evaluator_keeps_nothing_beyond_its_memory_bound_and_still_answers():
    model = default_network(seed=4)
    rng = np.random.default_rng(9)
    x = rng.random((12, 1, 28, 28)).astype(np.float32)
    y = rng.integers(0, 10, len(x))
    keeping = SwitchOffEvaluator(model, x, y)
    # conv2's input (16x12x12) and output (32x8x8), dense 1's input and output, dense 2's
    # input and output, per image, in float32:
    per_image = 16 * 12 * 12 + 32 * 8 * 8 + 512 + 64 + 64 + 10
    assert keeping.kept_bytes() == per_image * len(x) * 4 and keeping.keeps
    bounded = SwitchOffEvaluator(model, x, y, max_kept_bytes=keeping.kept_bytes() - 1)
    assert not bounded.keeps
    off = {0: [2], 7: [5]}
    want = evaluate_switched_off(model, x, y, off)
    for evaluator in (keeping, bounded):
        got = evaluator.evaluate(off)
        np.testing.assert_array_equal(got.predictions, want.predictions)
        np.testing.assert_allclose(evaluator.scores(off),
                                   switched_off_model(model, off).forward(x), rtol=1e-4,
                                   atol=1e-5)
    assert bounded._kept is None  # nothing was kept


def test_only_filters_and_hidden_units_can_be_switched_off():
    model = small_model()
    last = len(model.layers) - 1
    for layer, code in [(1, "not_switchable"), (last, "not_switchable"),
                        (len(model.layers), "no_such_layer")]:
        with pytest.raises(AnalysisError) as caught:
            switched_off_model(model, {layer: [0]})
        assert caught.value.code == code
    with pytest.raises(AnalysisError) as caught:
        switched_off_model(model, {0: [3]})
    assert caught.value.code == "no_such_unit"
    assert caught.value.values == {"layer": 0, "unit": 3, "units": 3}


# --- the images that excite a unit most --------------------------------------------------

@pytest.mark.parametrize("layer_index, unit", [(0, 1), (1, 2), (2, 0), (4, 3), (5, 3),
                                               (7, 5), (8, 3)])
def test_top_activating_images_equal_a_brute_force_ranking(layer_index, unit):
    model = small_model(5)
    x = np.random.default_rng(7).random((23, 2, 12, 11)).astype(np.float32)
    x[4] = x[9]  # a tie: the lower index first
    result = top_activating(model, x, layer_index, unit, k=6, batch_size=5)
    values, positions = [], []
    for n in range(len(x)):
        out = model.activations(x[n])[layer_index + 1][unit]
        best = -np.inf
        where = (-1, -1)
        for index in np.ndindex(out.shape):  # scan order: the first maximum wins
            if out[index] > best:
                best = out[index]
                where = index if out.ndim == 2 else (-1, -1)
        values.append(float(best))
        positions.append(where)
    order = sorted(range(len(x)), key=lambda n: (-values[n], n))[:6]
    np.testing.assert_array_equal(result.indices, order)
    np.testing.assert_allclose(result.values, [values[n] for n in order], rtol=1e-5)
    np.testing.assert_array_equal(result.positions, [positions[n] for n in order])


def test_top_activating_refuses_units_that_do_not_exist():
    model = small_model()
    x = np.zeros((3, 2, 12, 11), np.float32)
    with pytest.raises(AnalysisError) as caught:
        top_activating(model, x, 0, 3)
    assert caught.value.code == "no_such_unit"
    with pytest.raises(AnalysisError) as caught:
        top_activating(model, x, 99, 0)
    assert caught.value.code == "no_such_layer"


def test_the_evaluator_of_a_network_without_units_to_switch_off_is_the_plain_evaluation():
    from engine.layers import Flatten
    from engine.model import Sequential

    model = Sequential([Flatten(), Dense(16, 3, rng=2)], (1, 4, 4))
    x = np.random.default_rng(3).random((7, 1, 4, 4)).astype(np.float32)
    y = np.array([0, 1, 2, 0, 1, 2, 0])
    got = SwitchOffEvaluator(model, x, y, batch_size=3).evaluate({})
    want = evaluate_switched_off(model, x, y, {})
    np.testing.assert_array_equal(got.predictions, want.predictions)
    assert got.loss == pytest.approx(want.loss, rel=1e-6)
