"""Turn a loaded picture into the grid of numbers the filters see.

Grayscale values measure *darkness*, as in the study note: white paper = 0, black
ink = 1, so a binarised drawing is a grid of 0s and 1s and MNIST digits keep their
usual values. RGB keeps each channel's intensity (1 = full colour). ``invert`` flips
either one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt

from gui.common.image_io import qimage_to_rgb, rgb_to_qimage

WORKING_SIZES = (None, 28, 64, 128, 256, 512)
#: ITU-R BT.601 luma weights.
LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)


@dataclass(frozen=True)
class Preprocess:
    """``color``: "gray" or "rgb"; ``size``: the long side in pixels, or None to keep it."""

    color: str = "gray"
    size: int | None = None
    invert: bool = False
    binarize: bool = False
    threshold: float = 0.5


def resize(rgb: np.ndarray, long_side: int | None) -> np.ndarray:
    """Scale (H, W, 3) so its longer side is ``long_side``, keeping the aspect ratio."""
    h, w = rgb.shape[:2]
    if long_side is None or max(h, w) == long_side:
        return rgb
    scale = long_side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    image = rgb_to_qimage(rgb).scaled(*size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)
    return qimage_to_rgb(image)


def prepare(source: np.ndarray, options: Preprocess) -> np.ndarray:
    """``source`` (H, W, 3) float32 RGB in [0, 1] -> the working image (C, H, W) float32."""
    rgb = resize(source, options.size)
    if options.color == "rgb":
        image = np.ascontiguousarray(rgb.transpose(2, 0, 1))
        if options.binarize:
            image = (image >= options.threshold).astype(np.float32)
    else:
        image = (1.0 - rgb @ LUMA)[None]
        if options.binarize:
            image = (image >= options.threshold).astype(np.float32)
    if options.invert:
        image = 1.0 - image
    return np.ascontiguousarray(image, dtype=np.float32)
