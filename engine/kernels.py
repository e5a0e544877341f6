"""Classic hand-made feature detectors (kernels), for the explorer and the lessons.

Each preset is a function of the kernel size, so a "vertical line" detector exists at
3x3, 5x5 or 7x7 alike. Where a preset only makes sense at one size (Sobel, Prewitt), a
larger request is built from the 3x3 one by the usual separable construction.
"""

from __future__ import annotations

import numpy as np

from engine.limits import MAX_KERNEL_SIZE


def _check(size: int) -> int:
    size = int(size)
    if not 1 <= size <= MAX_KERNEL_SIZE:
        raise ValueError(f"kernel size must be between 1 and {MAX_KERNEL_SIZE}, got {size}")
    return size


def identity(size: int = 3) -> np.ndarray:
    k = np.zeros((size, size))
    k[size // 2, size // 2] = 1
    return k


def box_blur(size: int = 3) -> np.ndarray:
    return np.full((size, size), 1.0 / size**2)


def _binomial(length: int) -> np.ndarray:
    row = np.array([1.0])
    for _ in range(length - 1):
        row = np.convolve(row, [1.0, 1.0])
    return row


def gaussian_blur(size: int = 3) -> np.ndarray:
    # Binomial coefficients are the discrete Gaussian.
    k = np.outer(_binomial(size), _binomial(size))
    return k / k.sum()


def sharpen(size: int = 3) -> np.ndarray:
    k = np.zeros((size, size))
    c = size // 2
    k[c, :] = k[:, c] = -1
    k[c, c] = 0
    k[c, c] = 1 - k.sum()
    return k


def sobel_x(size: int = 3) -> np.ndarray:
    """Responds to left-to-right increases (vertical edges); binomial smoothing down."""
    if size < 2:
        return np.zeros((size, size))
    diff = np.convolve(_binomial(size - 1), [-1.0, 1.0])
    return np.outer(_binomial(size), diff)


def sobel_y(size: int = 3) -> np.ndarray:
    """Responds to top-to-bottom increases (horizontal edges)."""
    return sobel_x(size).T.copy()


def prewitt_x(size: int = 3) -> np.ndarray:
    """Like Sobel x with plain (unweighted) smoothing."""
    return np.outer(np.ones(size), np.arange(size) - (size - 1) / 2)


def prewitt_y(size: int = 3) -> np.ndarray:
    return prewitt_x(size).T.copy()


def laplacian(size: int = 3) -> np.ndarray:
    k = np.zeros((size, size))
    c = size // 2
    k[c, :] = k[:, c] = 1
    k[c, c] = 0
    k[c, c] = -k.sum()
    return k


def emboss(size: int = 3) -> np.ndarray:
    i, j = np.indices((size, size))
    c = size // 2
    k = np.sign((i - c) + (j - c)).astype(float)
    k[c, c] = 1
    return k


def outline(size: int = 3) -> np.ndarray:
    k = -np.ones((size, size))
    k[size // 2, size // 2] = size * size - 1
    return k


def _line(size: int, mask: np.ndarray) -> np.ndarray:
    # +1 on the line, a negative share elsewhere: flat areas give 0, the line lights up.
    on = mask.sum()
    off = mask.size - on
    return np.where(mask, 1.0, -on / off if off else 0.0)


def horizontal_line(size: int = 3) -> np.ndarray:
    mask = np.zeros((size, size), bool)
    mask[size // 2] = True
    return _line(size, mask)


def vertical_line(size: int = 3) -> np.ndarray:
    return horizontal_line(size).T.copy()


def diagonal_line(size: int = 3) -> np.ndarray:
    """The ``\\`` diagonal."""
    return _line(size, np.eye(size, dtype=bool))


def anti_diagonal_line(size: int = 3) -> np.ndarray:
    """The ``/`` diagonal."""
    return _line(size, np.fliplr(np.eye(size, dtype=bool)))


PRESETS = {
    "identity": identity,
    "box blur": box_blur,
    "gaussian blur": gaussian_blur,
    "sharpen": sharpen,
    "sobel x": sobel_x,
    "sobel y": sobel_y,
    "prewitt x": prewitt_x,
    "prewitt y": prewitt_y,
    "laplacian": laplacian,
    "emboss": emboss,
    "outline": outline,
    "horizontal line": horizontal_line,
    "vertical line": vertical_line,
    "diagonal line \\": diagonal_line,
    "diagonal line /": anti_diagonal_line,
}


def preset(name: str, size: int = 3) -> np.ndarray:
    """The preset kernel ``name`` at ``size`` x ``size`` (float32)."""
    if name not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose from {sorted(PRESETS)}")
    return PRESETS[name](_check(size)).astype(np.float32)
