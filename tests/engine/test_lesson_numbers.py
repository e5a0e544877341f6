"""The lessons' numbers against independent computations (SciPy, finite differences,
the model's own fast path)."""

import numpy as np
import pytest
from scipy import signal

from engine import lessons, ops
from engine.architecture import ConvBlock
from engine.losses import softmax_cross_entropy
from engine.model import build_network


@pytest.fixture
def digit():
    image = np.zeros((16, 16))
    image[3:13, 7:10] = 1.0
    image[3:5, 4:12] = 1.0
    return image


# --- lesson 5 --------------------------------------------------------------------------

def test_combined_kernel_is_the_full_convolution_and_reproduces_two_filters(digit):
    rng = np.random.default_rng(1)
    k1, k2 = rng.normal(size=(3, 3)), rng.normal(size=(2, 2))
    kernel, bias = lessons.combined_filter(k1, 0.3, k2, -0.7)
    np.testing.assert_allclose(kernel, signal.convolve2d(k1, k2, mode="full"), atol=1e-12)
    assert bias == pytest.approx(0.3 * k2.sum() - 0.7)

    stacked = lessons.stacked_filters(digit, k1, 0.3, k2, -0.7)
    by_scipy = signal.correlate2d(signal.correlate2d(digit, k1, "valid") + 0.3, k2,
                                  "valid") - 0.7
    np.testing.assert_allclose(stacked.two_filters, by_scipy, atol=1e-12)
    np.testing.assert_allclose(stacked.combined, by_scipy, atol=1e-12)
    assert stacked.combined.shape == (16 - 4 + 1, 16 - 4 + 1)
    assert stacked.largest_difference < 1e-12


def test_relu_between_the_filters_breaks_the_combination(digit):
    k1 = np.array([[-1.0, 2.0, -1.0]] * 3)  # negative beside strokes: the ReLU cuts there
    k2 = np.ones((3, 3))
    stacked = lessons.stacked_filters(digit, k1, 0.0, k2, 0.0)
    assert stacked.largest_difference < 1e-12
    by_scipy = signal.correlate2d(np.maximum(signal.correlate2d(digit, k1, "valid"), 0),
                                  k2, "valid")
    np.testing.assert_allclose(stacked.with_relu, by_scipy, atol=1e-12)
    assert stacked.relu_difference == pytest.approx(np.abs(by_scipy - stacked.combined).max())
    assert stacked.relu_difference > 1.0


def test_a_kernel_larger_than_the_image_is_refused():
    with pytest.raises(lessons.LessonError) as caught:
        lessons.stacked_filters(np.ones((4, 4)), np.ones((3, 3)), 0, np.ones((3, 3)), 0)
    assert caught.value.code == "too_small"


def test_a_stack_of_lines_is_one_line_and_relu_bends_it():
    x = np.linspace(-3, 3, 61)
    plain = lessons.line_stack(x, [1.5, -0.5], [0.5, 1.0], [2.0, 1.0], -1.0, relu=False)
    assert plain.slope == pytest.approx(1.5 * 2.0 - 0.5 * 1.0)
    assert plain.intercept == pytest.approx(2.0 * 0.5 + 1.0 * 1.0 - 1.0)
    np.testing.assert_allclose(plain.z, plain.slope * x + plain.intercept, atol=1e-12)
    assert lessons.is_straight(x, plain.z)

    bent = lessons.line_stack(x, [1.5, -0.5], [0.5, 1.0], [2.0, 1.0], -1.0, relu=True)
    by_hand = 2.0 * np.maximum(1.5 * x + 0.5, 0) + np.maximum(-0.5 * x + 1.0, 0) - 1.0
    np.testing.assert_allclose(bent.z, by_hand, atol=1e-12)
    assert not lessons.is_straight(x, bent.z)
    assert lessons.straightness(x, bent.z) > 0.5
    # A kink outside the range plotted leaves the part seen straight.
    assert lessons.is_straight(x, lessons.line_stack(x, [1.0], [10.0], [1.0], 0.0, True).z)


# --- lesson 6 --------------------------------------------------------------------------

def test_shift_map_moves_the_content_and_repeats_the_edge(digit):
    moved = lessons.shift_map(digit, 1, -2)
    np.testing.assert_array_equal(moved[1:, :-2], digit[:-1, 2:])
    np.testing.assert_array_equal(moved[0], moved[1])
    np.testing.assert_array_equal(lessons.shift_map(digit, 0, 0), digit)


def test_map_change_measures():
    before = np.array([[1.0, 0.0], [2.0, 1.0]])
    after = np.array([[1.0, 1.0], [2.0, 0.0]])
    change = lessons.map_change(before, after)
    assert (change.cells, change.changed_cells) == (4, 2)
    assert change.changed_fraction == 0.5
    assert change.relative_change == pytest.approx((2 / 4) / (4 / 4))
    with pytest.raises(ValueError):
        lessons.map_change(before, np.ones((3, 3)))


def test_a_one_pixel_shift_changes_the_pooled_map_less(digit):
    kernel = np.array([[-0.5, 1.0, -0.5]] * 3)
    still = lessons.shift_effect(digit, kernel, 0.0, (0, 0))
    assert still.feature.relative_change == 0 and still.ratio == 1.0
    moved = lessons.shift_effect(digit, kernel, 0.0, (0, 1), "max", 2)
    feature = np.maximum(signal.correlate2d(digit, kernel, "valid"), 0)
    np.testing.assert_allclose(moved.feature_before, feature, atol=1e-12)
    np.testing.assert_allclose(moved.pooled_before,
                               feature[:14, :14].reshape(7, 2, 7, 2).max(axis=(1, 3)))
    assert moved.feature.relative_change > moved.pooled.relative_change
    assert moved.ratio == pytest.approx(moved.feature.relative_change
                                        / moved.pooled.relative_change)
    average = lessons.shift_effect(digit, kernel, 0.0, (0, 1), "avg", 2)
    np.testing.assert_allclose(average.pooled_before,
                               feature[:14, :14].reshape(7, 2, 7, 2).mean(axis=(1, 3)))


def test_pooling_savings_counts_values_and_weights():
    savings = lessons.pooling_savings((8, 26, 26), 2, units=10)
    assert (savings.before, savings.after) == (8 * 26 * 26, 8 * 13 * 13)
    assert savings.removed == 8 * 26 * 26 - 8 * 13 * 13
    assert savings.removed_fraction == pytest.approx(0.75)
    assert (savings.weights_before, savings.weights_after) == (54080, 13520)
    assert lessons.pooling_savings((1, 7, 7), 3, units=1).after == 4


# --- lesson 9 --------------------------------------------------------------------------

def _central_difference(loss, scores, true_class, step=1e-6):
    grad = np.zeros_like(scores)
    for k in range(scores.size):
        up, down = scores.copy(), scores.copy()
        up[k] += step
        down[k] -= step
        grad[k] = (loss(up, true_class) - loss(down, true_class)) / (2 * step)
    return grad


@pytest.mark.parametrize("scores", [[2.0, -1.0, 0.5], [-4.0, 3.0, 1.0, 0.0], [9.0, -9.0]])
@pytest.mark.parametrize("true_class", [0, 1])
def test_loss_gradients_match_finite_differences(scores, true_class):
    scores = np.array(scores)
    grad_ce, grad_se = lessons.loss_gradients(scores, true_class)
    p = lessons.softmax_of(scores)
    np.testing.assert_allclose(grad_ce, p - np.eye(scores.size)[true_class], atol=1e-12)
    np.testing.assert_allclose(
        grad_ce, _central_difference(lessons.cross_entropy_loss, scores, true_class),
        atol=1e-7)
    np.testing.assert_allclose(
        grad_se, _central_difference(lessons.squared_error_loss, scores, true_class),
        atol=1e-7)
    assert lessons.cross_entropy_loss(scores, true_class) == pytest.approx(-np.log(p[true_class]))


def test_gradient_sweep_plots_the_analytic_gradients():
    scores = np.array([0.0, 1.0, 0.5])
    true_scores = np.linspace(6, -6, 25)
    sweep = lessons.gradient_sweep(scores, 0, true_scores)
    for value, p, ce, se, grad_ce, grad_se in zip(
            true_scores, sweep.probability, sweep.cross_entropy, sweep.squared_error,
            sweep.cross_entropy_gradient, sweep.squared_error_gradient, strict=True):
        z = scores.copy()
        z[0] = value
        expected_ce, expected_se = lessons.loss_gradients(z, 0)
        assert (grad_ce, grad_se) == pytest.approx((expected_ce[0], expected_se[0]))
        assert p == pytest.approx(lessons.softmax_of(z)[0])
        assert (ce, se) == pytest.approx((lessons.cross_entropy_loss(z, 0),
                                          lessons.squared_error_loss(z, 0)))
    # Confidently wrong: cross-entropy still pushes hard, squared error hardly at all.
    assert abs(sweep.cross_entropy_gradient[-1]) > 0.99
    assert abs(sweep.squared_error_gradient[-1]) < 0.01


# --- lesson 8 --------------------------------------------------------------------------

def test_dense_weight_maps_put_each_weight_on_its_cell():
    model = build_network((1, 12, 12), 4, [ConvBlock(3, (3, 3))], [], seed=2)
    maps = lessons.dense_weight_maps(model)
    dense = model.layers[maps.layer_index]
    assert maps.maps.shape == (4, 3, 5, 5) and maps.to_classes
    index = ops.flatten(np.arange(75).reshape(1, 3, 5, 5))[0].tolist().index(2 * 25 + 3 * 5 + 1)
    assert maps.maps[1, 2, 3, 1] == pytest.approx(dense.params["weight"][index, 1])
    np.testing.assert_array_equal(maps.biases, dense.params["bias"])

    hidden = build_network((1, 12, 12), 4, [ConvBlock(3, (3, 3))], [6], seed=2)
    assert not lessons.dense_weight_maps(hidden).to_classes
    connections = lessons.dense_connections(hidden.summary())
    assert [(c.inputs, c.outputs, c.weights, c.biases) for c in connections] == [
        (75, 6, 450, 6), (6, 4, 24, 4)]


# --- lesson 10 -------------------------------------------------------------------------

def test_backprop_step_matches_the_model_and_finite_differences(digit):
    model = lessons.small_network((1, 16, 16), classes=3, filters=2, seed=4)
    before = model.layers[0].params["weight"].copy()
    step = lessons.backprop_step(model, digit[None], 2, learning_rate=0.05)
    np.testing.assert_array_equal(model.layers[0].params["weight"], before)  # untouched

    np.testing.assert_allclose(step.grad_scores,
                               step.probabilities - np.eye(3)[2], atol=1e-12)
    assert step.loss == pytest.approx(-np.log(step.probabilities[2]))
    # Each pool window sends its gradient to one winner; the ReLU passes where positive.
    assert step.winners.sum() == step.pooled.size
    np.testing.assert_array_equal(step.mask, step.conv > 0)
    np.testing.assert_allclose(step.grad_conv, step.grad_relu * step.mask)

    # The model's own fast path agrees.
    fast = model.copy()
    logits = fast.forward(digit[None, None])
    _, grad = softmax_cross_entropy(logits, [2])
    fast.backward(grad)
    np.testing.assert_allclose(step.grad_kernel, fast.layers[0].grads["weight"], atol=1e-12)
    np.testing.assert_allclose(
        step.grad_kernel, lessons.kernel_gradient_window(step.image, step.grad_conv, 3),
        atol=1e-12)
    window, products, total = lessons.window_products(step.image, step.grad_conv[1], 0, 2, 1)
    assert window.shape == step.grad_conv[1].shape
    assert total == pytest.approx(step.grad_kernel[1, 0, 2, 1])
    assert products.sum() == pytest.approx(total)

    # Finite differences on every kernel weight.
    def loss_with(kernel):
        probe = model.copy()
        probe.layers[0].params["weight"] = kernel
        return softmax_cross_entropy(probe.forward(digit[None, None]), [2])[0]

    numeric = np.zeros_like(before)
    for index in np.ndindex(before.shape):
        up, down = before.copy(), before.copy()
        up[index] += 1e-6
        down[index] -= 1e-6
        numeric[index] = (loss_with(up) - loss_with(down)) / 2e-6
    np.testing.assert_allclose(step.grad_kernel, numeric, atol=1e-6)

    np.testing.assert_allclose(step.kernel_after, before - 0.05 * step.grad_kernel)
    assert step.loss_after < step.loss
    again = lessons.backprop_step(step.model_after, digit[None], 2, 0.05)
    assert again.loss == pytest.approx(step.loss_after)


def test_backprop_step_refuses_other_networks():
    model = build_network((1, 12, 12), 3, [ConvBlock(2, (3, 3))], [4], seed=0)
    with pytest.raises(lessons.LessonError) as caught:
        lessons.backprop_step(model, np.zeros((1, 12, 12)), 0)
    assert caught.value.code == "not_small_network"
