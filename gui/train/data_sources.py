"""Pictures into training images, with Qt: drawings, picture files, image folders and the
files of the learner's own classes.

Every source ends in the engine's layout (see :class:`engine.datasets.Dataset`): images
``(N, 1, 28, 28)`` float32 in ``[0, 1]`` with ink = 1 on a background of 0.
:func:`to_training_image` turns any picture into such an image the way MNIST was made,
so a drawing or a photo of a digit looks to the network like the digits it learned from.

Only the Qt-image work is here (decoding, scaling and encoding pictures through
:mod:`gui.common.image_io` and :mod:`gui.common.preprocess`) and the wording of the
engine's data errors. The rules live in the engine: folder scanning in
:mod:`engine.folders`, the My-classes collection and its safe saving in
:mod:`engine.collection`, the one stratified split in :mod:`engine.datasets`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from engine.collection import IMAGE_SIZE, MANIFEST, MAX_NAME_LENGTH, MyClasses, check_fraction
from engine.datasets import Dataset, stratified_split
from engine.folders import DataError, Skipped, scan_class_folders
from gui.common.error_text import CodedError, error_text
from gui.common.image_io import (
    ImageLoadError,
    load_image,
    png_bytes,
    rgb_to_qimage,
    supported_suffixes,
)
from gui.common.preprocess import LUMA, resize

__all__ = [
    "IMAGE_SIZE",
    "BOX_SIZE",
    "MAX_NAME_LENGTH",
    "MANIFEST",
    "DataSourceError",
    "LoadCancelled",
    "SkippedFile",
    "ImageFolderDataset",
    "describe",
    "to_training_image",
    "load_image_folder",
    "load_picture_as_example",
    "encode_example",
    "read_example",
    "save_collection",
    "load_collection",
    "collection_dataset",
]

#: The ink is scaled so its longer side fills this box, leaving a margin for the shift.
BOX_SIZE = 20
#: Where the ink's centre of mass goes, in pixel-index coordinates (row, column). The
#: bundled MNIST digits average 14.0 in both, so drawings land where the digits did.
CENTRE = (14.0, 14.0)
#: Darkness below this counts as paper when finding the ink's bounding box.
INK_THRESHOLD = 0.05
#: Photos are shrunk to this long side before anything else: enough for a digit's
#: strokes, and it keeps a folder of 12-megapixel photos from taking minutes.
PHOTO_LONG_SIDE = 560


class DataSourceError(CodedError):
    """Data that cannot become a training set: a ``code`` and ``values``, worded by
    :func:`gui.common.error_text.error_text` (``str()`` gives the sentence). Code
    ``"data"`` wraps an engine :class:`~engine.folders.DataError` (``error``); a code
    no wording knows is shown as it is (a sentence worded by its raiser)."""

    family = "data_source"


class LoadCancelled(DataSourceError):
    """Loading stopped because the learner asked it to."""


class SkippedFile(NamedTuple):
    """A file left out of a data set, and why: ``problem`` is the engine's
    :class:`~engine.folders.Skipped` or the :class:`ImageLoadError`; `reason` words it
    in the current language."""

    path: str
    problem: object

    @property
    def reason(self) -> str:
        return error_text(self.problem)


def describe(error: BaseException) -> str:
    """The learner's sentence for a data error (:func:`gui.common.error_text.error_text`)."""
    return error_text(error)


def describe_skipped(skipped: Skipped) -> SkippedFile:
    """An engine :class:`~engine.folders.Skipped` as a :class:`SkippedFile`."""
    return SkippedFile(skipped.path, skipped)


# ------------------------------------------------------------------- one picture


def to_training_image(rgb: np.ndarray, *, auto_contrast: bool = False,
                      threshold: float = INK_THRESHOLD) -> np.ndarray:
    """Turn a picture into a 28×28 ink image the way the MNIST digits were made.

    Darkness (``1 - luminance``) is the ink; the ink's bounding box is cropped, scaled
    (Qt's smooth scaling) so its longer side is 20 pixels with the aspect ratio kept, and
    pasted into a 28×28 field shifted by whole pixels so that the ink's centre of mass
    lands at (14, 14) — as near as the field's edges allow.

    Parameters
    ----------
    rgb : ndarray, shape (H, W, 3) or (H, W), float
        The picture, RGB (or gray) in ``[0, 1]`` with 1 = bright: dark strokes on light
        paper, as :meth:`gui.common.draw_canvas.DrawCanvas.image` returns.
    auto_contrast : bool, default False
        For photos and files: take the paper's tone from the picture's border, flip a
        picture with light strokes on a dark background, stretch the strokes to full
        ink and drop faint shading. Leave it off for drawings, whose paper is white.
    threshold : float, default 0.05
        Darkness (after `auto_contrast`) below which a pixel counts as paper when the
        bounding box is found.

    Returns
    -------
    ndarray, shape (28, 28), float32
        Ink in ``[0, 1]``, 1 = ink. All zeros when the picture holds no ink; the caller
        decides what a blank drawing means.
    """
    rgb = np.asarray(rgb, dtype=np.float32)
    if rgb.ndim == 2:
        brightness = rgb
    elif rgb.ndim == 3 and rgb.shape[2] == 3:
        brightness = rgb @ LUMA
    else:
        raise ValueError(f"a picture must be (H, W) or (H, W, 3), got {rgb.shape}")
    out = np.zeros((IMAGE_SIZE, IMAGE_SIZE), dtype=np.float32)
    if brightness.size == 0:
        return out
    ink = np.clip(np.nan_to_num(1.0 - brightness, nan=0.0), 0.0, 1.0)
    if auto_contrast:
        ink = _stretch_ink(ink)

    rows = np.flatnonzero((ink > threshold).any(axis=1))
    cols = np.flatnonzero((ink > threshold).any(axis=0))
    if rows.size == 0:
        return out
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]

    # resize works on RGB brightness, so go there and back; it returns the input
    # itself when the long side is already 20.
    paper = np.repeat((1.0 - crop)[:, :, None], 3, axis=2)
    patch = np.clip(1.0 - resize(paper, BOX_SIZE)[:, :, 0], 0.0, 1.0)
    mass = float(patch.sum())
    if mass <= 0.0:
        return out
    h, w = patch.shape
    com_row = float(patch.sum(axis=1) @ np.arange(h)) / mass
    com_col = float(patch.sum(axis=0) @ np.arange(w)) / mass
    # Whole-pixel shifts keep strokes sharp, as in MNIST; ties round up, not to even.
    top = int(np.clip(math.floor(CENTRE[0] - com_row + 0.5), 0, IMAGE_SIZE - h))
    left = int(np.clip(math.floor(CENTRE[1] - com_col + 0.5), 0, IMAGE_SIZE - w))
    out[top:top + h, left:left + w] = patch
    return out


def _stretch_ink(ink: np.ndarray) -> np.ndarray:
    """Paper to 0 and the darkest strokes to 1 (see `to_training_image`'s auto_contrast)."""
    h, w = ink.shape
    edge = max(1, round(0.04 * min(h, w)))
    border = np.concatenate([ink[:edge].ravel(), ink[-edge:].ravel(),
                             ink[:, :edge].ravel(), ink[:, -edge:].ravel()])
    paper = float(np.median(border))
    if paper > 0.5:  # light strokes on a dark background, as MNIST files often are
        ink, paper = 1.0 - ink, 1.0 - paper
    strongest = float(np.percentile(ink, 99.9))
    if strongest - paper < 0.1:  # nothing stands out from the paper: a blank picture
        return np.zeros_like(ink)
    stretched = np.clip((ink - paper) / (strongest - paper), 0.0, 1.0)
    # Paper grain, shadows and JPEG ringing sit well below the strokes; without this
    # floor they would widen the bounding box to the whole photo.
    stretched[stretched < 0.2] = 0.0
    return stretched.astype(np.float32)


# ------------------------------------------------------------------- image folders


@dataclass(frozen=True, eq=False, repr=False)
class ImageFolderDataset(Dataset):
    """A :class:`Dataset` read from a folder, with the files that were left out.

    Attributes
    ----------
    folder : str
        The folder it was read from.
    skipped : tuple of SkippedFile
        Files that could not be read as images, each with the reason.
    """

    folder: str = ""
    skipped: tuple[SkippedFile, ...] = ()


def load_image_folder(folder, test_fraction: float = 0.2, seed: int = 0, *,
                      progress: Callable[[int, int], None] | None = None,
                      should_stop: Callable[[], bool] | None = None) -> ImageFolderDataset:
    """Read a folder with one subfolder of pictures per class into a training set.

    Subfolder names, sorted, become the class names (:func:`engine.folders.
    scan_class_folders`). Each picture is decoded with
    :func:`gui.common.image_io.load_image` and turned into a 28×28 ink image by
    :func:`to_training_image` with ``auto_contrast`` (photos and scans of digits or
    shapes, dark on light or light on dark). Files that cannot be decoded are left out
    and listed in the result's ``skipped``; hidden files are ignored.

    Parameters
    ----------
    folder : str or Path
    test_fraction : float, default 0.2
        Share of each class held out for testing (stratified; at least one image of
        each class on each side).
    seed : int, default 0
        The same folder and seed always give the same split.
    progress : callable(done, total), optional
        Called now and then while pictures are decoded (safe to call from a worker).
    should_stop : callable() -> bool, optional
        Polled between pictures; when it returns True, :class:`LoadCancelled` is raised.

    Returns
    -------
    ImageFolderDataset
        A :class:`Dataset` named ``"image folder"`` with ``x_*`` (N, 1, 28, 28) float32,
        ``y_*`` (N,) int64, plus ``folder`` and ``skipped``.

    Raises
    ------
    DataSourceError
        The folder is missing, has no class subfolders or only one, no readable images,
        or a class with fewer than 2 readable images.
    """
    test_fraction = check_fraction(test_fraction)
    try:
        scan = scan_class_folders(folder, supported_suffixes())
    except DataError as error:
        raise DataSourceError("data", error=error) from None
    total = scan.total
    done, last_report = 0, 0.0
    skipped = [describe_skipped(s) for s in scan.skipped]
    images, labels = [], []
    for label, class_files in enumerate(scan.files):
        for path in class_files:
            if should_stop is not None and should_stop():
                raise LoadCancelled("cancelled")
            try:
                images.append(_photo_to_training_image(load_image(path)))
                labels.append(label)
            except ImageLoadError as error:
                skipped.append(SkippedFile(str(path), error))
            done += 1
            if progress is not None and time.monotonic() - last_report > 0.05:
                last_report = time.monotonic()
                progress(done, total)
    if progress is not None:
        progress(total, total)

    if not images:
        raise DataSourceError("no_pictures", name=scan.root.name,
                              reason=skipped[0].problem if skipped else None)
    labels = np.asarray(labels, dtype=np.int64)
    counts = np.bincount(labels, minlength=len(scan.class_names))
    for name, n in zip(scan.class_names, counts, strict=True):
        if n < 2:
            raise DataSourceError("class_too_small", name=name, count=int(n))
    stack = np.stack(images)[:, None]
    train, test = stratified_split(labels, test_fraction, seed, min_held=1)
    rng = np.random.default_rng([seed, 1])
    train, test = rng.permutation(train), rng.permutation(test)
    return ImageFolderDataset("image folder", np.ascontiguousarray(stack[train]),
                              labels[train], np.ascontiguousarray(stack[test]), labels[test],
                              scan.class_names, folder=str(scan.root),
                              skipped=tuple(skipped))


def _photo_to_training_image(rgb: np.ndarray) -> np.ndarray:
    if max(rgb.shape[:2]) > PHOTO_LONG_SIDE:
        rgb = resize(rgb, PHOTO_LONG_SIDE)
    return to_training_image(rgb, auto_contrast=True)


def load_picture_as_example(path) -> np.ndarray:
    """Decode one picture file into a 28×28 ink image (ImageLoadError if it cannot be);
    a blank picture raises DataSourceError."""
    ink = _photo_to_training_image(load_image(path))
    if not ink.any():
        raise DataSourceError("blank", name=Path(path).name)
    return ink


# ------------------------------------------------------------------- my classes' files


def encode_example(ink: np.ndarray) -> bytes:
    """A (28, 28) example as the bytes of a PNG, ink black on white paper."""
    return png_bytes(rgb_to_qimage(1.0 - np.asarray(ink, dtype=np.float32)))


def read_example(path) -> np.ndarray:
    """A saved example back as ink; any other picture goes through the MNIST recipe."""
    rgb = load_image(path)
    if rgb.shape[:2] == (IMAGE_SIZE, IMAGE_SIZE):
        return np.clip(1.0 - rgb @ LUMA, 0.0, 1.0).astype(np.float32)
    return load_picture_as_example(path)


def save_collection(classes: MyClasses, folder) -> None:
    """:meth:`engine.collection.MyClasses.save` with Qt's PNG encoder; DataSourceError
    with the learner's message if it fails (the folder then holds what it held)."""
    try:
        classes.save(folder, encode_example)
    except DataError as error:
        raise DataSourceError("data", error=error) from error


def load_collection(folder) -> MyClasses:
    """:meth:`engine.collection.MyClasses.load` with Qt's decoders; the skipped files'
    reasons are worded (``skipped`` holds :class:`SkippedFile`)."""
    try:
        collection = MyClasses.load(folder, read_example, supported_suffixes(),
                                    (ImageLoadError, DataSourceError))
    except DataError as error:
        raise DataSourceError("data", error=error) from None
    collection.skipped = tuple(describe_skipped(s) for s in collection.skipped)
    return collection


def collection_dataset(classes: MyClasses, test_fraction: float = 0.2,
                       seed: int = 0) -> Dataset:
    """The collection's training set; DataSourceError saying what to add if it has none."""
    try:
        return classes.to_dataset(test_fraction, seed)
    except DataError as error:
        raise DataSourceError("data", error=error) from None
