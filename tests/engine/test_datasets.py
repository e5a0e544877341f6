"""Tests for engine.datasets: the bundled MNIST subset and the generated shapes."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import datasets
from engine.datasets import SHAPE_CLASSES, Dataset, load, make_shapes


def _check_layout(x, y, num_classes):
    assert x.dtype == np.float32
    assert x.ndim == 4 and x.shape[1:] == (1, 28, 28)
    assert y.dtype == np.int64 and y.shape == (len(x),)
    assert np.all((x >= 0.0) & (x <= 1.0))
    assert np.all((y >= 0) & (y < num_classes))


def _normalised(images):
    flat = images.reshape(len(images), -1).astype(np.float64)
    flat -= flat.mean(axis=1, keepdims=True)
    return flat / np.linalg.norm(flat, axis=1, keepdims=True)


# ----------------------------------------------------------------------------- MNIST


@pytest.fixture(scope="module")
def mnist():
    return load("mnist")


def test_mnist_layout_and_split(mnist):
    assert isinstance(mnist, Dataset)
    assert mnist.class_names == tuple(str(d) for d in range(10))
    _check_layout(mnist.x_train, mnist.y_train, 10)
    _check_layout(mnist.x_test, mnist.y_test, 10)
    assert len(mnist.x_train) == 4000 and len(mnist.x_test) == 1000
    assert np.bincount(mnist.y_train, minlength=10).tolist() == [400] * 10
    assert np.bincount(mnist.y_test, minlength=10).tolist() == [100] * 10
    # Not sorted by class: a loop that forgets to shuffle must not see one digit at a time.
    assert np.count_nonzero(np.diff(mnist.y_train)) > 1000


def test_mnist_pixels_are_white_digits_on_black(mnist):
    x = mnist.x_train[:, 0]
    # Full range used, mostly background: MNIST digits cover about a fifth of the image.
    assert x.max() == 1.0 and x.min() == 0.0
    assert 0.08 < x.mean() < 0.2
    # The centre of the mean image is inked, the border is not.
    mean = x.mean(axis=0)
    border = np.concatenate([mean[:3].ravel(), mean[-3:].ravel()])
    assert mean[10:18, 10:18].mean() > 5 * border.mean()


def test_mnist_train_and_test_are_disjoint(mnist):
    train = {img.tobytes() for img in mnist.x_train}
    assert not any(img.tobytes() in train for img in mnist.x_test)


def test_mnist_split_is_fixed(mnist):
    again = load("mnist", seed=123)  # the seed is for shapes only
    np.testing.assert_array_equal(again.x_train, mnist.x_train)
    np.testing.assert_array_equal(again.y_test, mnist.y_test)


def test_mnist_class_means_match_their_own_class(mnist):
    """Digits look like digits: each test-class mean correlates best with its train mean."""
    train_means = np.stack([mnist.x_train[mnist.y_train == c].mean(0) for c in range(10)])
    test_means = np.stack([mnist.x_test[mnist.y_test == c].mean(0) for c in range(10)])
    corr = _normalised(test_means) @ _normalised(train_means).T
    assert corr.argmax(axis=1).tolist() == list(range(10))
    # And individual digits: nearest class mean is far above chance (10 %).
    predicted = (_normalised(mnist.x_test) @ _normalised(train_means).T).argmax(axis=1)
    assert np.mean(predicted == mnist.y_test) > 0.7


def test_mnist_cache_cannot_be_corrupted(mnist):
    first = load("mnist")
    first.x_train[:] = 0.5
    first.y_test[:] = 0
    second = load("mnist")
    np.testing.assert_array_equal(second.x_train, mnist.x_train)
    np.testing.assert_array_equal(second.y_test, mnist.y_test)
    for cached in datasets._mnist_split():
        assert not cached.flags.writeable


def test_mnist_balanced_subset(mnist):
    small = load("mnist", n_train=95, n_test=30)
    assert small.x_train.shape == (95, 1, 28, 28) and small.x_test.shape == (30, 1, 28, 28)
    assert np.ptp(np.bincount(small.y_train, minlength=10)) <= 1
    assert np.bincount(small.y_test, minlength=10).tolist() == [3] * 10
    full_test = {img.tobytes() for img in mnist.x_test}
    assert all(img.tobytes() in full_test for img in small.x_test)
    with pytest.raises(ValueError, match="4000"):
        load("mnist", n_train=4001)


def test_tuple_unpacking(mnist):
    x_train, y_train, x_test, y_test, names = mnist
    assert x_train is mnist.x_train and y_test is mnist.y_test and names == mnist.class_names
    assert mnist.num_classes == 10 and mnist.input_shape == (1, 28, 28)


# ---------------------------------------------------------------------------- shapes


def test_shape_classes_order():
    assert SHAPE_CLASSES == (
        "circle", "square", "triangle", "cross", "horizontal line", "vertical line")


@pytest.mark.parametrize("n_train, n_test", [(600, 120), (61, 7), (0, 5)])
def test_shapes_layout_and_balance(n_train, n_test):
    data = load("shapes", n_train=n_train, n_test=n_test, seed=3)
    assert data.class_names == SHAPE_CLASSES
    for x, y, n in ((data.x_train, data.y_train, n_train), (data.x_test, data.y_test, n_test)):
        assert len(x) == n
        _check_layout(x, y, len(SHAPE_CLASSES))
        counts = np.bincount(y, minlength=len(SHAPE_CLASSES))
        assert counts.sum() == n and np.ptp(counts) <= 1


def test_make_shapes_every_class_present_and_shuffled():
    x, y = make_shapes(300, seed=5)
    assert x.shape == (300, 1, 28, 28) and x.dtype == np.float32 and y.dtype == np.int64
    assert np.bincount(y, minlength=6).tolist() == [50] * 6
    assert np.count_nonzero(np.diff(y)) > 100


def test_make_shapes_other_size():
    x, y = make_shapes(12, seed=0, size=40)
    assert x.shape == (12, 1, 40, 40)
    assert np.all((x[:, 0] > 0.5).sum(axis=(1, 2)) >= 10)


def test_shapes_deterministic_for_a_seed_and_different_across_seeds():
    a, b = make_shapes(120, seed=11), make_shapes(120, seed=11)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    c = make_shapes(120, seed=12)
    assert not np.array_equal(a[0], c[0])

    d1 = load("shapes", n_train=60, n_test=30, seed=4)
    d2 = load("shapes", n_train=60, n_test=30, seed=4)
    np.testing.assert_array_equal(d1.x_train, d2.x_train)
    np.testing.assert_array_equal(d1.x_test, d2.x_test)
    assert not np.array_equal(d1.x_train[:30], d1.x_test)
    # More training images never change the test images of the same seed.
    d3 = load("shapes", n_train=90, n_test=30, seed=4)
    np.testing.assert_array_equal(d3.x_test, d1.x_test)


def test_every_shape_has_ink_but_is_not_all_ink():
    x, _ = make_shapes(600, seed=2)
    strokes = x[:, 0] > 0.5
    assert np.all(x.max(axis=(1, 2, 3)) > 0.9)
    assert np.all(strokes.sum(axis=(1, 2)) >= 10)
    assert np.all(strokes.mean(axis=(1, 2)) < 0.4)
    # Most of every image is background (noise is small and clipped at 0).
    assert np.all(np.median(x[:, 0], axis=(1, 2)) < 0.2)


def test_shapes_vary_in_position_size_and_noise():
    x, y = make_shapes(600, seed=8)
    ink = x[:, 0] > 0.5
    rows = np.arange(28)
    centre_y = (ink.sum(axis=2) * rows).sum(1) / ink.sum((1, 2))
    assert centre_y.std() > 2.0
    circles = ink[y == 0].sum(axis=(1, 2))
    assert circles.max() > 2 * circles.min()
    # Noise level differs between images: some are clean, some grainy.
    background = np.where(ink, np.nan, x[:, 0])
    noise = np.nanstd(background, axis=(1, 2))
    assert noise.min() < 0.02 and noise.max() > 0.06


def test_lines_point_the_right_way():
    x, y = make_shapes(240, seed=9)
    for cls, horizontal in ((4, True), (5, False)):
        for img in x[y == cls, 0]:
            # 0.8: above anything the background noise reaches, so only the stroke counts.
            rr, cc = np.nonzero(img > 0.8)
            assert (cc.var() > 4 * rr.var()) if horizontal else (rr.var() > 4 * cc.var())


def _centred_class_mean(x, y, cls):
    """Mean of the class's images, each shifted so its ink centroid is at the centre."""
    imgs = x[y == cls, 0]
    weight = np.where(imgs > 0.5, imgs, 0)
    g = np.arange(28)
    cy = (weight.sum(2) * g).sum(1) / weight.sum((1, 2))
    cx = (weight.sum(1) * g).sum(1) / weight.sum((1, 2))
    shifted = [np.roll(im, (round(13.5 - a), round(13.5 - b)), axis=(0, 1))
               for im, a, b in zip(imgs, cy, cx, strict=True)]
    return np.mean(shifted, axis=0)


def test_mean_images_tell_circles_from_squares():
    """Squares put their far ink on the diagonals (the corners); circles spread it evenly."""
    x, y = make_shapes(600, seed=0)
    yy, xx = np.mgrid[:28, :28] - 13.5
    far = np.hypot(yy, xx) > 7
    angle = np.abs(np.arctan2(yy, xx)) % (np.pi / 2)
    diagonal = np.abs(angle - np.pi / 4) < np.pi / 8

    def diagonal_ratio(cls):
        mean = _centred_class_mean(x, y, cls)
        return mean[far & diagonal].mean() / mean[far & ~diagonal].mean()

    circle, square, cross = diagonal_ratio(0), diagonal_ratio(1), diagonal_ratio(3)
    assert square > 1.3 * circle
    assert cross < 0.7 * circle  # a cross's arms lie on the axes


def test_errors():
    with pytest.raises(ValueError, match=r"unknown dataset 'cifar'.*'mnist'.*'shapes'"):
        load("cifar")
    with pytest.raises(ValueError, match="n_train"):
        load("shapes", n_train=-1)
    with pytest.raises(ValueError, match="seed"):
        make_shapes(5, seed=-3)
    with pytest.raises(ValueError, match="size"):
        make_shapes(5, size=4)


def test_names_are_case_insensitive():
    assert load("Shapes", n_train=6, n_test=6).class_names == SHAPE_CLASSES


def test_datasets_module_does_not_import_qt():
    code = ("import sys, engine.datasets as d; d.load('mnist'); d.load('shapes', n_train=6);"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide', 'shiboken'))))")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"
