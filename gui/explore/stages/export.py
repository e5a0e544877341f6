"""PNG export of the stage view: one picture per stage of the selected filter and one per
filter's feature map, in the colours on screen, small maps enlarged with square pixels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage

from engine import fileio
from engine.pipeline import Exploration
from gui.common.colormap import DIVERGING
from gui.common.error_text import system_reason
from gui.common.image_io import ink_to_qimage, png_bytes, rgb_to_qimage
from gui.explore.stages.texts import filter_name


class ExportFailed(OSError):
    """Some stage images could not be written: the message says which and how many were."""


def export_stage_images(folder, image: np.ndarray, e: Exploration | None, selected: int,
                        names: Sequence[str], levels: tuple[float, float],
                        grid_levels: tuple[float, float]) -> list[Path]:
    """Write a PNG of each stage (and each filter's feature map) into ``folder``.

    ``image`` is the input (C, H, W), ``e`` the exploration on show (None: the settings
    leave no output, only the input is written), ``selected`` the filter whose stages
    are written, ``names`` the filters' names; ``levels`` and ``grid_levels`` the
    colour scales of the selected filter's maps and of the thumbnails. Every picture is
    encoded before any is written, and each is written atomically and checked: on a
    full disk OSError says how far it got, and the pictures not written keep their
    earlier content.
    """
    folder = Path(folder)
    pictures: list[tuple[QImage, str]] = [(_enlarge(_input_qimage(image)), "1_input")]
    if e is not None:
        index = min(selected, e.conv.shape[0] - 1)
        slug = _slug(filter_name(names, index))
        pictures += [(_enlarge(_map_qimage(e.conv[index], levels)), f"2_convolution_{slug}"),
                     (_enlarge(_map_qimage(e.activated_map(index), levels)),
                      f"3_activation_{slug}"),
                     (_enlarge(_map_qimage(e.pooled[index], levels)), f"4_pooled_{slug}")]
        strip = _map_qimage(e.flattened[None], grid_levels)
        pictures.append((strip.scaled(strip.width() * max(1, 1024 // strip.width()), 24),
                         "5_flattened"))
        for i in range(e.conv.shape[0]):
            name = f"feature_map_{i + 1:02d}_{_slug(filter_name(names, i))}"
            pictures.append((_enlarge(_map_qimage(e.conv[i], grid_levels)), name))
    encoded = [(png_bytes(picture), folder / f"{name}.png") for picture, name in pictures]
    folder.mkdir(parents=True, exist_ok=True)
    fileio.remove_stale_temporaries(folder)
    written: list[Path] = []
    for data, path in encoded:
        try:
            if not data:
                raise fileio.WriteFailed(path.name)
            fileio.write_bytes(path, data)
        except OSError as error:
            raise ExportFailed(QCoreApplication.translate(
                "StageView",
                "Could not write {0} ({1}); {2} of {3} images were written, the others "
                "were left as they were.").format(
                    path.name, system_reason(error), len(written), len(encoded))
            ) from error
        written.append(path)
    return written


def _map_qimage(values: np.ndarray, levels: tuple[float, float]) -> QImage:
    """(H, W) values on the diverging map scaled to ``levels`` -> a QImage."""
    return DIVERGING.qimage(np.asarray(values, np.float32), levels)


def _input_qimage(image: np.ndarray) -> QImage:
    """(C, H, W) input -> INK-mapped gray or true-colour RGB QImage."""
    if image.shape[0] == 3:
        return rgb_to_qimage(image.transpose(1, 2, 0))
    return ink_to_qimage(image[0])


def _enlarge(image: QImage, target: int = 256) -> QImage:
    """Scale up by a whole factor with square pixels until the long side is ``target``."""
    factor = max(1, target // max(image.width(), image.height()))
    if factor == 1:
        return image
    return image.scaled(image.width() * factor, image.height() * factor,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.FastTransformation)


def _slug(name: str) -> str:
    return re.sub(r"\W+", "-", name).strip("-").lower() or "filter"

