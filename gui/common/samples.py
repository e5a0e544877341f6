"""Built-in pictures that need no download: binary patterns, MNIST digits, shapes, photos.

Every sample comes back as (H, W, 3) float32 RGB in [0, 1] with 1 = bright, like a
loaded file; :mod:`gui.common.preprocess` turns it into darkness values (black ink = 1).

>>> [s.key for s in SAMPLES][:2]
['pattern:x', 'pattern:o']
>>> load_sample("pattern:x").shape
(9, 9, 3)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

import resources
from engine import datasets
from gui.common import display_names
from gui.common.image_io import ImageLoadError, load_image

#: Category keys in the order the picker shows them (names: `category_title`).
CATEGORIES = ("Patterns", "Digits (MNIST)", "Shapes", "Photos")
PATTERNS, DIGITS, SHAPES, PHOTOS = CATEGORIES


@dataclass(frozen=True)
class Sample:
    """One built-in picture: its ``key`` (saved in settings, never translated) and its
    ``category`` key. `title`, `category_title` and `credit_text` are worded in the
    current language when read (:mod:`gui.common.display_names`)."""

    key: str
    category: str

    @property
    def title(self) -> str:
        """The translated name shown to the learner, e.g. "Digit 7"."""
        return display_names.sample_name(self.key)

    @property
    def category_title(self) -> str:
        return category_title(self.category)

    @property
    def credit_text(self) -> str:
        """The translated credit line, or "" when none is needed."""
        return display_names.sample_credit(self.key)

    @property
    def credit(self) -> str:
        """Whether (and which) credit the picture needs; the same as `credit_text`."""
        return self.credit_text


def category_title(category: str) -> str:
    return display_names.sample_category_names().get(category, category)


# Binary patterns as text: "#" is an ink cell (black, 1 after pre-processing), "." paper.
# The X is the classic worked example: diagonals of ink inside a one-cell border.
_PATTERNS = {
    "pattern:x": """
        .........
        .#.....#.
        ..#...#..
        ...#.#...
        ....#....
        ...#.#...
        ..#...#..
        .#.....#.
        .........""",
    "pattern:o": """
        .........
        ...###...
        ..#...#..
        .#.....#.
        .#.....#.
        .#.....#.
        ..#...#..
        ...###...
        .........""",
    "pattern:smiley": """
        ..#####..
        .#.....#.
        #.#...#.#
        #.......#
        #.......#
        #.#...#.#
        #..###..#
        .#.....#.
        ..#####..""",
    "pattern:plus": """
        .......
        ...#...
        ...#...
        .#####.
        ...#...
        ...#...
        .......""",
    "pattern:vstripes": "\n".join([".#.#.#.#."] * 9),
    "pattern:hstripes": "\n".join([".........", "#########"] * 4 + ["........."]),
    "pattern:checker": "\n".join(["#.#.#.#.", ".#.#.#.#"] * 4),
}

# Fixed so that the "Shapes" samples look the same in every release.
_SHAPES_SEED = 2
_SHAPES_PER_CLASS = 10

_PHOTO_FILES = {
    "photo:cat": "samples/cat.png",
    "photo:coffee": "samples/coffee.png",
    "photo:astronaut": "samples/astronaut.png",
}

SAMPLES: tuple[Sample, ...] = (
    *(Sample(key, PATTERNS) for key in _PATTERNS),
    *(Sample(f"mnist:{digit}", DIGITS) for digit in range(10)),
    *(Sample(f"shape:{name}", SHAPES) for name in datasets.SHAPE_CLASSES),
    *(Sample(key, PHOTOS) for key in _PHOTO_FILES),
)

#: The picture the explorer opens with: the first "7" of the bundled MNIST test split.
DEFAULT_SAMPLE = "mnist:7"

_BY_KEY = {s.key: s for s in SAMPLES}


def sample(key: str) -> Sample:
    """The :class:`Sample` called ``key``; KeyError for an unknown key."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no built-in sample called {key!r}") from None


def label(key: str) -> str:
    """The translated name of sample ``key``, e.g. ``label("mnist:7") == "Digit 7"``."""
    return sample(key).title


def load_sample(key: str) -> np.ndarray:
    """The picture of sample ``key`` as a new (H, W, 3) float32 RGB array, 1 = bright.

    Raises
    ------
    KeyError
        For an unknown key.
    gui.common.image_io.ImageLoadError
        If a bundled photo is missing or damaged (a broken installation).
    """
    kind, _, name = sample(key).key.partition(":")
    if kind == "pattern":
        gray = _pattern(key)
    elif kind == "mnist":
        gray = _mnist_digits()[int(name)]
    elif kind == "shape":
        gray = _shapes()[datasets.SHAPE_CLASSES.index(name)]
    else:
        return load_image(resources.path(_PHOTO_FILES[key]))
    return np.repeat(gray[:, :, None], 3, axis=2)


def matching_sample(name: str, rgb: np.ndarray) -> str | None:
    """The key of the built-in sample called ``name`` (its title in the current language,
    or its key, as lab files keep it) whose pixels are ``rgb``, if any."""
    for entry in SAMPLES:
        if name in (entry.title, entry.key):
            try:
                if np.array_equal(load_sample(entry.key), rgb):
                    return entry.key
            except ImageLoadError:
                return None
    return None


def _pattern(key: str) -> np.ndarray:
    rows = [line.strip() for line in _PATTERNS[key].strip().splitlines()]
    ink = np.array([[ch == "#" for ch in row] for row in rows], dtype=np.float32)
    return 1.0 - ink


@lru_cache(maxsize=1)
def _mnist_digits() -> np.ndarray:
    """(10, 28, 28) brightness: the first test image of each digit (white paper)."""
    data = datasets.load("mnist", n_train=0)  # the test split only; no training copies
    first = [int(np.flatnonzero(data.y_test == digit)[0]) for digit in range(10)]
    out = 1.0 - data.x_test[first, 0]
    out.setflags(write=False)
    return out


@lru_cache(maxsize=1)
def _shapes() -> np.ndarray:
    """(len(SHAPE_CLASSES), 28, 28) brightness: one generated outline of each class."""
    n_classes = len(datasets.SHAPE_CLASSES)
    x, y = datasets.make_shapes(n_classes * _SHAPES_PER_CLASS, seed=_SHAPES_SEED)
    best = [min(np.flatnonzero(y == c), key=lambda i: _untidiness(x[i, 0]))
            for c in range(n_classes)]
    out = 1.0 - x[best, 0]
    out.setflags(write=False)
    return out


def _untidiness(ink: np.ndarray) -> float:
    """How poor an example a generated (H, W) shape makes: background noise plus distance
    from the centre; tiny shapes are ruled out. The generator draws some grainy, small or
    off-centre outlines on purpose (for training); a showcase wants a clean one."""
    rows, cols = np.nonzero(ink > 0.5)
    if rows.size == 0 or max(np.ptp(rows), np.ptp(cols)) < ink.shape[0] // 2:
        return np.inf
    centre = (np.array(ink.shape) - 1) / 2
    offset = np.hypot((rows.min() + rows.max()) / 2 - centre[0],
                      (cols.min() + cols.max()) / 2 - centre[1])
    paper = ink[ink < 0.3]
    return float(paper.std() if paper.size else 0.0) + 0.02 * float(offset)
