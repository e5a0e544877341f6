"""Datasets for CNN Lab: a real MNIST subset and generated geometric shapes.

Both come back in the layout the engine trains on: images ``(N, 1, 28, 28)`` float32
in ``[0, 1]`` with ink = 1 on a background of 0, and int64 class indices.

>>> data = load("shapes", n_train=60, n_test=12, seed=1)
>>> data.x_train.shape, data.class_names[0]
((60, 1, 28, 28), 'circle')

This module is pure NumPy and the standard library so it can run without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from resources import path as resource_path

__all__ = [
    "DATASETS",
    "MNIST_CLASSES",
    "SHAPE_CLASSES",
    "Dataset",
    "load",
    "make_shapes",
    "split_counts",
    "stratified_split",
]

DATASETS = ("mnist", "shapes")

MNIST_CLASSES = tuple(str(d) for d in range(10))
MNIST_FILE = "mnist_5k.npz"
MNIST_TEST_PER_CLASS = 100
# The split must never change between releases, or saved models would be scored on
# images they were trained on; the seed is part of the dataset's definition.
_MNIST_SPLIT_SEED = 20240611

SHAPE_CLASSES = ("circle", "square", "triangle", "cross", "horizontal line", "vertical line")


@dataclass(frozen=True, eq=False)
class Dataset:
    """A train/test split of images and labels.

    Attributes
    ----------
    name : str
        The name it was loaded by (``"mnist"`` or ``"shapes"``).
    x_train : ndarray, shape (N_train, 1, H, W), float32
        Training images in ``[0, 1]``; ink is 1, background 0.
    y_train : ndarray, shape (N_train,), int64
        Class index of each training image.
    x_test : ndarray, shape (N_test, 1, H, W), float32
        Held-out images, same conventions as ``x_train``.
    y_test : ndarray, shape (N_test,), int64
        Class index of each held-out image.
    class_names : tuple of str
        ``class_names[k]`` names class index ``k``.

    Notes
    -----
    Unpacks like a tuple, in the order above without ``name``::

        x_train, y_train, x_test, y_test, class_names = load("mnist")
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...]

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def input_shape(self) -> tuple[int, int, int]:
        """``(C, H, W)`` of one image, as ``build_cnn`` expects it."""
        return tuple(self.x_train.shape[1:])

    def __iter__(self):
        return iter((self.x_train, self.y_train, self.x_test, self.y_test, self.class_names))

    def __repr__(self) -> str:
        return (f"Dataset({self.name!r}, train={self.x_train.shape}, "
                f"test={self.x_test.shape}, classes={len(self.class_names)})")


def load(name: str, *, n_train: int | None = None, n_test: int | None = None,
         seed: int = 0) -> Dataset:
    """Load a dataset by name.

    Parameters
    ----------
    name : {"mnist", "shapes"}
        ``"mnist"``: 5,000 real MNIST digits (500 per class) shipped in ``resources/``,
        split 4,000 train / 1,000 test, stratified (400 / 100 per class) and fixed.
        ``"shapes"``: generated outlines of the classes in `SHAPE_CLASSES`.
    n_train, n_test : int, optional
        How many images in each split. For ``"shapes"`` any count (default 3,000 and
        600); classes are balanced to within one image. For ``"mnist"`` at most 4,000
        and 1,000 (the defaults): a smaller count takes a class-balanced subset of the
        fixed split, so test images never leak into training.
    seed : int, default 0
        Seed for the generated shapes. The MNIST split does not depend on it.

    Returns
    -------
    Dataset
        ``x_*`` of shape ``(N, 1, 28, 28)`` float32 in ``[0, 1]``, ``y_*`` of shape
        ``(N,)`` int64, and the class names. The arrays are fresh copies that the caller
        may modify.

    Raises
    ------
    ValueError
        For an unknown name or an impossible count.
    """
    key = str(name).strip().lower()
    if key == "mnist":
        return _load_mnist(n_train, n_test)
    if key == "shapes":
        n_train = 3000 if n_train is None else _count(n_train, "n_train")
        n_test = 600 if n_test is None else _count(n_test, "n_test")
        # Independent streams, so that asking for more training images never changes
        # the test images of the same seed.
        train_seq, test_seq = np.random.SeedSequence(_seed(seed)).spawn(2)
        x_train, y_train = _make_shapes(n_train, np.random.default_rng(train_seq), 28)
        x_test, y_test = _make_shapes(n_test, np.random.default_rng(test_seq), 28)
        return Dataset("shapes", x_train, y_train, x_test, y_test, SHAPE_CLASSES)
    raise ValueError(
        f"unknown dataset {name!r}; valid names are: {', '.join(repr(d) for d in DATASETS)}")


def _count(n, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"{what} must be a non-negative integer, got {n!r}")
    return int(n)


def _seed(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


# ------------------------------------------------------------------- splitting


def split_counts(n: int, held_fraction: float, min_held: int = 0) -> tuple[int, int]:
    """``(kept, held out)`` for a class of ``n`` items.

    ``round(n * held_fraction)`` are held out, at least ``min_held`` (0 or 1) and never a
    class's last item, so a class of ``n >= 2`` always keeps one item and, with
    ``min_held=1``, gives one to the held-out part too.
    """
    n = int(n)
    if n < 1:
        return 0, 0
    held = min(n - 1, max(int(min_held), int(round(n * float(held_fraction)))))
    return n - held, held


def stratified_split(labels, held_fraction: float, seed: int = 0, *,
                     min_held: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Split item indices class by class, holding out ``held_fraction`` of each class.

    The one stratified split of CNN Lab: the MNIST test set, the train/test split of
    image folders and My classes, and the validation images held out of a training set.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        Class index of each item.
    held_fraction : float
        Share of each class held out, rounded per class by :func:`split_counts`.
    seed : int, default 0
        The same labels and seed always give the same split.
    min_held : int, default 0
        Hold out at least this many items of every class that has two or more.

    Returns
    -------
    kept, held : ndarray of int64
        Indices into ``labels``, class by class in increasing class order, each class's
        items in a random order (held-out items are the first of that order).
    """
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    kept, held = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for k in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == k))
        _, n_held = split_counts(len(members), held_fraction, min_held)
        held.append(members[:n_held])
        kept.append(members[n_held:])
    return (np.concatenate(kept).astype(np.int64, copy=False),
            np.concatenate(held).astype(np.int64, copy=False))


# --------------------------------------------------------------------------- MNIST


@lru_cache(maxsize=1)
def _mnist_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The fixed split as read-only arrays, each class's images in a fixed random order.

    Returns ``(x_train, y_train, x_test, y_test)`` where the ``x`` are uint8
    ``(N, 28, 28)``; ``train`` is ordered class-major (400 of class 0, then 400 of
    class 1, ...), which `_load_mnist` relies on to take balanced subsets.
    """
    file = resource_path(MNIST_FILE)
    try:
        with np.load(file, allow_pickle=False) as npz:
            images, labels = npz["images"], npz["labels"]
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{file} is missing; rebuild it with: python scripts/build_resources.py") from None
    if images.shape != (5000, 28, 28) or labels.shape != (5000,):
        raise ValueError(f"{file} holds images {images.shape} and labels {labels.shape}, "
                         "expected (5000, 28, 28) and (5000,)")

    per_class = len(labels) // len(MNIST_CLASSES)
    train_idx, test_idx = stratified_split(labels, MNIST_TEST_PER_CLASS / per_class,
                                           seed=_MNIST_SPLIT_SEED)

    arrays = (images[train_idx], labels[train_idx].astype(np.int64),
              images[test_idx], labels[test_idx].astype(np.int64))
    for a in arrays:
        a.setflags(write=False)
    return arrays


def _load_mnist(n_train: int | None, n_test: int | None) -> Dataset:
    x_tr, y_tr, x_te, y_te = _mnist_split()
    n_train = len(y_tr) if n_train is None else _count(n_train, "n_train")
    n_test = len(y_te) if n_test is None else _count(n_test, "n_test")
    if n_train > len(y_tr) or n_test > len(y_te):
        raise ValueError(f"the MNIST split has {len(y_tr)} training and {len(y_te)} test "
                         f"images; asked for {n_train} and {n_test}")
    train = _balanced_subset(y_tr, n_train, seed=1)
    test = _balanced_subset(y_te, n_test, seed=2)
    return Dataset("mnist", _to_float(x_tr[train]), y_tr[train].copy(),
                   _to_float(x_te[test]), y_te[test].copy(), MNIST_CLASSES)


def _balanced_subset(labels: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Indices of ``n`` items, the first ``ceil`` or ``floor(n / K)`` of each class, shuffled.

    ``labels`` must be class-major with equal class sizes. The result is shuffled so that
    neither split comes back sorted by class (a training loop that forgot to shuffle would
    otherwise see one class at a time).
    """
    k = int(labels.max()) + 1
    per_class = len(labels) // k
    counts = np.full(k, n // k)
    counts[: n % k] += 1
    idx = np.concatenate([c * per_class + np.arange(m) for c, m in enumerate(counts)])
    return np.random.default_rng(seed).permutation(idx)


def _to_float(images: np.ndarray) -> np.ndarray:
    """uint8 ``(N, H, W)`` -> float32 ``(N, 1, H, W)`` in ``[0, 1]`` (a new array)."""
    out = images.astype(np.float32)[:, None]
    out *= np.float32(1 / 255)
    return out


# -------------------------------------------------------------------------- shapes


def make_shapes(n: int, seed: int = 0, size: int = 28) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` shape outlines with random size, position, tilt, thickness and noise.

    Parameters
    ----------
    n : int
        Number of images; the classes of `SHAPE_CLASSES` are balanced to within one.
    seed : int, default 0
        The same seed always gives the same images and labels.
    size : int, default 28
        Height and width of each image in pixels (at least 12).

    Returns
    -------
    x : ndarray, shape (n, 1, size, size), float32
        Strokes of value 1 on a background of 0 plus additive noise, clipped to ``[0, 1]``.
    y : ndarray, shape (n,), int64
        Index into `SHAPE_CLASSES`, in random order.
    """
    n = _count(n, "n")
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 12:
        raise ValueError(f"size must be an integer of at least 12, got {size!r}")
    return _make_shapes(n, np.random.default_rng(_seed(seed)), int(size))


def _make_shapes(n: int, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    k = len(SHAPE_CLASSES)
    y = rng.permutation(np.arange(n) % k).astype(np.int64)
    x = np.empty((n, 1, size, size), dtype=np.float32)
    # Pixel centres; the distance fields below are evaluated there, one class at a time,
    # for all of that class's images at once.
    grid = np.arange(size, dtype=np.float32)
    gy, gx = grid[None, :, None], grid[None, None, :]
    s = size / 28  # every length below is in pixels of a 28-pixel image

    for cls in range(k):
        idx = np.flatnonzero(y == cls)
        m = len(idx)
        if m == 0:
            continue

        def draw(lo, hi, m=m):
            return rng.uniform(lo, hi, m).astype(np.float32)[:, None, None]

        # Stroke half-width: 1.4 to 3.2 px strokes, the range of MNIST pen widths.
        half = draw(0.7, 1.6) * s
        # A small tilt keeps squares square and lines horizontal/vertical yet stops the
        # classes from being recognisable by exact pixel rows alone.
        tilt = draw(-0.2, 0.2)
        cos, sin = np.cos(tilt), np.sin(tilt)
        name = SHAPE_CLASSES[cls]
        if name == "circle":
            r = draw(4.0, 10.5) * s
            ext_y = ext_x = r
        elif name == "square":
            r = draw(4.0, 9.0) * s  # half the side
            ext_y = ext_x = r * (np.abs(cos) + np.abs(sin))
        elif name == "triangle":
            r = draw(6.0, 11.5) * s  # circumradius; the centroid sits at the centre
            ext_y = ext_x = r
        elif name == "cross":
            r = draw(4.5, 10.5) * s  # half the arm-to-arm length
            ext_y = ext_x = r * (np.abs(cos) + np.abs(sin))
        elif name == "horizontal line":
            r = draw(5.0, 11.5) * s
            ext_x, ext_y = r * np.abs(cos), r * np.abs(sin)
        else:  # vertical line
            r = draw(5.0, 11.5) * s
            ext_x, ext_y = r * np.abs(sin), r * np.abs(cos)

        # Anywhere the whole stroke stays inside the image with a pixel to spare.
        margin_y, margin_x = ext_y + half + 0.5, ext_x + half + 0.5
        cy = margin_y + rng.random((m, 1, 1), dtype=np.float32) * np.maximum(
            size - 1 - 2 * margin_y, 0)
        cx = margin_x + rng.random((m, 1, 1), dtype=np.float32) * np.maximum(
            size - 1 - 2 * margin_x, 0)

        # Coordinates in the shape's own frame (u along its width, v down its height).
        dy, dx = gy - cy, gx - cx
        u = cos * dx + sin * dy
        v = -sin * dx + cos * dy

        if name == "circle":
            dist = np.abs(np.hypot(u, v) - r)
        elif name == "square":
            qu, qv = np.abs(u) - r, np.abs(v) - r
            outside = np.hypot(np.maximum(qu, 0), np.maximum(qv, 0))
            dist = np.abs(outside + np.minimum(np.maximum(qu, qv), 0))
        elif name == "triangle":
            # Apex up (v < 0 is up in image rows), base at the bottom.
            corners = [(r * np.float32(np.cos(a)), r * np.float32(np.sin(a)))
                       for a in (-np.pi / 2, np.pi / 6, 5 * np.pi / 6)]
            dist = np.minimum.reduce([
                _segment_distance(u, v, *corners[i], *corners[(i + 1) % 3]) for i in range(3)
            ])
        elif name == "cross":
            dist = np.minimum(_segment_distance(u, v, -r, 0, r, 0),
                              _segment_distance(u, v, 0, -r, 0, r))
        elif name == "horizontal line":
            dist = _segment_distance(u, v, -r, 0, r, 0)
        else:
            dist = _segment_distance(u, v, 0, -r, 0, r)

        # Full ink inside the stroke, a one-pixel linear ramp at its edge (anti-aliasing,
        # so thin strokes do not alias into broken pixel staircases).
        ink = np.clip(half + 0.5 - dist, 0, 1)
        # Per-image noise level, from clean to clearly grainy.
        sigma = draw(0.0, 0.15)
        ink += sigma * rng.standard_normal(ink.shape, dtype=np.float32)
        x[idx, 0] = np.clip(ink, 0, 1)

    return x, y


def _segment_distance(u, v, au, av, bu, bv):
    """Distance from points ``(u, v)`` to the segment from ``a`` to ``b`` (broadcasting)."""
    du, dv = bu - au, bv - av
    pu, pv = u - au, v - av
    t = np.clip((pu * du + pv * dv) / (du * du + dv * dv), 0, 1)
    return np.hypot(pu - t * du, pv - t * dv)
