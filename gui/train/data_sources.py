"""Where training images come from besides the bundled sets: drawings, image folders and
the learner's own classes.

Every source ends in the engine's layout (see :class:`engine.datasets.Dataset`): images
``(N, 1, 28, 28)`` float32 in ``[0, 1]`` with ink = 1 on a background of 0.
:func:`to_training_image` turns any picture into such an image the way MNIST was made,
so a drawing or a photo of a digit looks to the network like the digits it learned from.

No widgets here: pictures are decoded and scaled with Qt through :mod:`gui.common.image_io` and
:mod:`gui.common.preprocess`, and Qt's translator words the messages.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.datasets import Dataset
from gui.common.image_io import ImageLoadError, load_image, rgb_to_qimage, supported_suffixes
from gui.common.preprocess import LUMA, resize

__all__ = [
    "IMAGE_SIZE",
    "BOX_SIZE",
    "DataSourceError",
    "LoadCancelled",
    "SkippedFile",
    "ImageFolderDataset",
    "MyClasses",
    "to_training_image",
    "load_image_folder",
    "load_picture_as_example",
    "split_counts",
]

#: Side of every training image, as in MNIST.
IMAGE_SIZE = 28
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
MANIFEST = "classes.json"
MANIFEST_FORMAT = "cnn-lab-classes"
MAX_NAME_LENGTH = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("data_sources", text)


class DataSourceError(ValueError):
    """Data that cannot become a training set; the message tells the learner what to do."""


class LoadCancelled(DataSourceError):
    """Loading stopped because the learner asked it to."""


class SkippedFile(NamedTuple):
    """A file left out of a data set, and why (a message for the learner)."""

    path: str
    reason: str


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


# ------------------------------------------------------------------- splitting


def split_counts(n: int, test_fraction: float) -> tuple[int, int]:
    """``(train, test)`` for a class of ``n`` images: at least one of each once n ≥ 2."""
    if n < 2:
        return n, 0
    test = min(n - 1, max(1, round(n * test_fraction)))
    return n - test, test


def _check_fraction(test_fraction: float) -> float:
    try:
        test_fraction = float(test_fraction)
    except (TypeError, ValueError):
        raise ValueError(f"test_fraction must be a number, got {test_fraction!r}") from None
    if not (math.isfinite(test_fraction) and 0.0 < test_fraction < 1.0):
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction}")
    return test_fraction


def _stratified(per_class: list[np.ndarray], test_fraction: float, seed: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split each class's (n_k, 28, 28) images by `split_counts`, then shuffle each split.

    Returns ``(x_train, y_train, x_test, y_test)`` with ``x`` (N, 1, 28, 28) float32.
    The same inputs and seed always give the same split.
    """
    rng = np.random.default_rng(seed)
    parts: dict[str, list] = {"xtr": [], "ytr": [], "xte": [], "yte": []}
    for label, images in enumerate(per_class):
        order = rng.permutation(len(images))
        n_train, _ = split_counts(len(images), test_fraction)
        train, test = order[:n_train], order[n_train:]
        parts["xtr"].append(images[train])
        parts["xte"].append(images[test])
        parts["ytr"].append(np.full(len(train), label, dtype=np.int64))
        parts["yte"].append(np.full(len(test), label, dtype=np.int64))
    result = []
    for x, y in (("xtr", "ytr"), ("xte", "yte")):
        images = np.concatenate(parts[x]).astype(np.float32, copy=False)
        labels = np.concatenate(parts[y])
        # Shuffled so that neither split comes back sorted by class.
        shuffle = rng.permutation(len(labels))
        result += [np.ascontiguousarray(images[shuffle][:, None]), labels[shuffle]]
    return tuple(result)


def _check_examples(names: list[str], counts: list[int]) -> None:
    """DataSourceError unless there are two classes with two images each."""
    if len(names) < 2:
        raise DataSourceError(_tr(
            "A classifier needs at least 2 classes; there is {0}.").format(len(names)))
    for name, n in zip(names, counts, strict=True):
        if n < 2:
            raise DataSourceError(_tr(
                "The class “{0}” has {1} image(s); every class needs at least 2 (one to "
                "train on, one to test with).").format(name, n))


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


def _visible(path: Path) -> bool:
    return not path.name.startswith(".")


def load_image_folder(folder, test_fraction: float = 0.2, seed: int = 0, *,
                      progress: Callable[[int, int], None] | None = None,
                      should_stop: Callable[[], bool] | None = None) -> ImageFolderDataset:
    """Read a folder with one subfolder of pictures per class into a training set.

    Subfolder names, sorted, become the class names. Each picture is decoded with
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
    test_fraction = _check_fraction(test_fraction)
    root = Path(folder)
    if not root.exists():
        raise DataSourceError(_tr("The folder “{0}” does not exist.").format(str(root)))
    if not root.is_dir():
        raise DataSourceError(_tr("“{0}” is a file, not a folder.").format(root.name))
    class_dirs = sorted((p for p in root.iterdir() if p.is_dir() and _visible(p)),
                        key=lambda p: p.name)
    if not class_dirs:
        raise DataSourceError(_tr(
            "“{0}” has no subfolders. Put the pictures of each class in a subfolder named "
            "after the class, for example “cat” and “dog”.").format(root.name))
    if len(class_dirs) < 2:
        raise DataSourceError(_tr(
            "“{0}” has only one class subfolder (“{1}”); a classifier needs at least two."
        ).format(root.name, class_dirs[0].name))

    suffixes = set(supported_suffixes())
    files = [sorted((p for p in d.iterdir() if p.is_file() and _visible(p)),
                    key=lambda p: p.name) for d in class_dirs]
    total = sum(len(f) for f in files)
    done, last_report = 0, 0.0
    skipped: list[SkippedFile] = []
    per_class: list[np.ndarray] = []
    for class_files in files:
        images = []
        for path in class_files:
            if should_stop is not None and should_stop():
                raise LoadCancelled(_tr("Loading the folder was cancelled."))
            if path.suffix.lower().lstrip(".") not in suffixes:
                skipped.append(SkippedFile(str(path), _tr(
                    "“{0}” is not a picture file.").format(path.name)))
            else:
                try:
                    images.append(_photo_to_training_image(load_image(path)))
                except ImageLoadError as error:
                    skipped.append(SkippedFile(str(path), str(error)))
            done += 1
            if progress is not None and time.monotonic() - last_report > 0.05:
                last_report = time.monotonic()
                progress(done, total)
        per_class.append(np.stack(images) if images
                         else np.zeros((0, IMAGE_SIZE, IMAGE_SIZE), np.float32))
    if progress is not None:
        progress(total, total)

    if sum(len(x) for x in per_class) == 0:
        reason = skipped[0].reason if skipped else _tr("the class subfolders are empty")
        raise DataSourceError(_tr("No pictures could be read in “{0}” ({1}).").format(
            root.name, reason))
    names = [d.name for d in class_dirs]
    _check_examples(names, [len(x) for x in per_class])
    x_train, y_train, x_test, y_test = _stratified(per_class, test_fraction, seed)
    return ImageFolderDataset("image folder", x_train, y_train, x_test, y_test, tuple(names),
                              folder=str(root), skipped=tuple(skipped))


def _photo_to_training_image(rgb: np.ndarray) -> np.ndarray:
    if max(rgb.shape[:2]) > PHOTO_LONG_SIDE:
        rgb = resize(rgb, PHOTO_LONG_SIDE)
    return to_training_image(rgb, auto_contrast=True)


def load_picture_as_example(path) -> np.ndarray:
    """Decode one picture file into a 28×28 ink image (ImageLoadError if it cannot be);
    a blank picture raises DataSourceError."""
    ink = _photo_to_training_image(load_image(path))
    if not ink.any():
        raise DataSourceError(_tr("“{0}” looks blank: no strokes were found.").format(
            Path(path).name))
    return ink


# ------------------------------------------------------------------- my classes


class MyClasses:
    """The learner's own classes: ordered names, each with 28×28 ink examples.

    A plain object (no signals): whoever edits it redraws afterwards. Examples are
    float32 ``(28, 28)`` arrays in ``[0, 1]``, ink = 1.

    Attributes
    ----------
    skipped : tuple of SkippedFile
        After :meth:`load`, the files that could not be read; empty otherwise.
    """

    def __init__(self) -> None:
        self._classes: dict[str, list[np.ndarray]] = {}
        self.skipped: tuple[SkippedFile, ...] = ()

    # --- classes ---------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """Class names in their order (the order of the labels in `to_dataset`)."""
        return tuple(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def __contains__(self, name: str) -> bool:
        return name in self._classes

    def _check_new_name(self, name: str, ignore: str | None = None) -> str:
        if not isinstance(name, str):
            raise ValueError(_tr("A class name must be text."))
        name = " ".join(name.split())
        if not name:
            raise ValueError(_tr("A class needs a name."))
        if len(name) > MAX_NAME_LENGTH:
            raise ValueError(_tr("Class names are limited to {0} characters.").format(
                MAX_NAME_LENGTH))
        for existing in self._classes:
            if existing != ignore and existing.casefold() == name.casefold():
                raise ValueError(_tr("There is already a class called “{0}”.").format(
                    existing))
        return name

    def _examples_of(self, name: str) -> list[np.ndarray]:
        try:
            return self._classes[name]
        except KeyError:
            raise ValueError(_tr("There is no class called “{0}”.").format(name)) from None

    def add_class(self, name: str) -> str:
        """Add an empty class at the end; returns the name as stored (spaces tidied).

        Raises ValueError for an empty, overlong or already used name (case ignored).
        """
        name = self._check_new_name(name)
        self._classes[name] = []
        return name

    def rename_class(self, old: str, new: str) -> str:
        """Rename a class in place (its position and examples stay); returns the new name."""
        self._examples_of(old)
        new = self._check_new_name(new, ignore=old)
        self._classes = {(new if k == old else k): v for k, v in self._classes.items()}
        return new

    def remove_class(self, name: str) -> None:
        self._examples_of(name)
        del self._classes[name]

    # --- examples --------------------------------------------------------------------
    def examples(self, name: str) -> tuple[np.ndarray, ...]:
        """The class's (28, 28) examples (read-only views)."""
        return tuple(self._examples_of(name))

    def add_example(self, name: str, image: np.ndarray) -> int:
        """Append a (28, 28) ink image to a class; returns its index."""
        examples = self._examples_of(name)
        image = np.array(image, dtype=np.float32)  # a copy the caller cannot change
        if image.shape != (IMAGE_SIZE, IMAGE_SIZE):
            raise ValueError(_tr("An example must be a {0}×{0} image, got {1}.").format(
                IMAGE_SIZE, "×".join(map(str, image.shape))))
        if not np.all(np.isfinite(image)):
            raise ValueError(_tr("An example must not contain NaN or infinite values."))
        image = np.clip(image, 0.0, 1.0)
        image.setflags(write=False)
        examples.append(image)
        return len(examples) - 1

    def remove_example(self, name: str, index: int) -> None:
        examples = self._examples_of(name)
        if not 0 <= index < len(examples):
            raise ValueError(_tr("“{0}” has no example number {1}.").format(name, index + 1))
        del examples[index]

    def counts(self) -> dict[str, int]:
        """Examples per class, in class order."""
        return {name: len(v) for name, v in self._classes.items()}

    @property
    def total(self) -> int:
        return sum(len(v) for v in self._classes.values())

    # --- a training set --------------------------------------------------------------
    def readiness(self) -> str | None:
        """None when `to_dataset` would work, else what the learner should add."""
        try:
            self._check_ready()
        except DataSourceError as error:
            return str(error)
        return None

    def _check_ready(self) -> None:
        if len(self._classes) < 2:
            raise DataSourceError(_tr(
                "Add at least 2 classes, each with at least 2 examples (you have {0} "
                "class(es)).").format(len(self._classes)))
        for name, examples in self._classes.items():
            if len(examples) < 2:
                raise DataSourceError(_tr(
                    "Add {0} more example(s) to “{1}”: every class needs at least 2 (one "
                    "to train on, one to test with).").format(2 - len(examples), name))

    def to_dataset(self, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
        """A stratified train/test split named ``"my classes"``.

        Raises
        ------
        DataSourceError
            Fewer than 2 classes, or a class with fewer than 2 examples; the message
            says what to add.
        """
        test_fraction = _check_fraction(test_fraction)
        self._check_ready()
        per_class = [np.stack(v) for v in self._classes.values()]
        x_train, y_train, x_test, y_test = _stratified(per_class, test_fraction, seed)
        return Dataset("my classes", x_train, y_train, x_test, y_test, self.names)

    # --- files -----------------------------------------------------------------------
    def save(self, folder) -> None:
        """Write the collection: one subfolder of 28×28 PNGs (ink black on white) per
        class and a ``classes.json`` manifest with the class order.

        The folder may be new, empty, or an earlier saved collection (which is
        replaced); any other folder is refused so no one's files get mixed in or lost.

        Raises
        ------
        DataSourceError
            The folder holds other files, or cannot be written.
        """
        root = Path(folder)
        try:
            self._save(root)
        except OSError as error:
            raise DataSourceError(_tr("Could not save to “{0}”: {1}").format(
                str(root), error.strerror or str(error))) from None

    def _save(self, root: Path) -> None:
        if root.exists() and not root.is_dir():
            raise DataSourceError(_tr("“{0}” is a file, not a folder.").format(root.name))
        manifest = root / MANIFEST
        old_folders: list[Path] = []
        if root.is_dir() and any(root.iterdir()):
            if not manifest.is_file():
                raise DataSourceError(_tr(
                    "“{0}” already holds other files. Choose an empty folder, or a folder "
                    "where a class collection was saved before.").format(root.name))
            try:
                old_folders = [root / folder for folder, _ in _read_manifest(root)]
            except DataSourceError:
                old_folders = []
        root.mkdir(parents=True, exist_ok=True)
        for folder in old_folders:  # only the PNGs this class wrote earlier
            for png in folder.glob("[0-9][0-9][0-9][0-9].png"):
                png.unlink()
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()

        entries = []
        for number, (name, examples) in enumerate(self._classes.items(), start=1):
            folder = _folder_name(number, name)
            (root / folder).mkdir(exist_ok=True)
            for i, ink in enumerate(examples, start=1):
                path = root / folder / f"{i:04d}.png"
                if not rgb_to_qimage(1.0 - ink).save(str(path), "PNG"):
                    raise DataSourceError(_tr("Could not write “{0}”.").format(str(path)))
            entries.append({"name": name, "folder": folder, "examples": len(examples)})
        text = json.dumps({"format": MANIFEST_FORMAT, "version": 1, "classes": entries},
                          ensure_ascii=False, indent=2)
        manifest.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder) -> MyClasses:
        """Read a collection written by :meth:`save`.

        Without a ``classes.json``, an image folder (one subfolder per class, sorted) is
        read instead, each picture turned into a training image. Files that cannot be
        read are left out and listed in the result's ``skipped``.

        Raises
        ------
        DataSourceError
            The folder is missing, or holds neither a manifest nor class subfolders.
        """
        root = Path(folder)
        if not root.is_dir():
            raise DataSourceError(_tr("The folder “{0}” does not exist.").format(str(root)))
        if (root / MANIFEST).is_file():
            listed = _read_manifest(root)
        else:
            listed = [(p.name, p.name) for p in sorted(root.iterdir(), key=lambda p: p.name)
                      if p.is_dir() and _visible(p)]
            if not listed:
                raise DataSourceError(_tr(
                    "“{0}” is not a saved class collection: it has no {1} and no class "
                    "subfolders.").format(root.name, MANIFEST))
        collection = cls()
        skipped: list[SkippedFile] = []
        suffixes = set(supported_suffixes())
        for folder_name, listed_name in listed:
            try:
                name = collection.add_class(listed_name)
            except ValueError as error:
                raise DataSourceError(_tr("“{0}” in “{1}” lists a bad class: {2}").format(
                    MANIFEST, root.name, error)) from None
            directory = root / folder_name
            if not directory.is_dir():
                skipped.append(SkippedFile(str(directory), _tr(
                    "The folder of “{0}” is missing.").format(name)))
                continue
            for path in sorted(directory.iterdir(), key=lambda p: p.name):
                if not (path.is_file() and _visible(path)):
                    continue
                if path.suffix.lower().lstrip(".") not in suffixes:
                    skipped.append(SkippedFile(str(path), _tr(
                        "“{0}” is not a picture file.").format(path.name)))
                    continue
                try:
                    collection.add_example(name, _read_example(path))
                except (ImageLoadError, DataSourceError) as error:
                    skipped.append(SkippedFile(str(path), str(error)))
        collection.skipped = tuple(skipped)
        return collection


def _read_example(path: Path) -> np.ndarray:
    """A saved example back as ink; any other picture goes through the MNIST recipe."""
    rgb = load_image(path)
    if rgb.shape[:2] == (IMAGE_SIZE, IMAGE_SIZE):
        return np.clip(1.0 - rgb @ LUMA, 0.0, 1.0).astype(np.float32)
    return load_picture_as_example(path)


def _folder_name(number: int, name: str) -> str:
    """A folder name safe on every file system, unique through its number prefix."""
    safe = re.sub(r"[^\w\- ]+", "_", name).strip(" ._") or "class"
    return f"{number:02d} {safe[:MAX_NAME_LENGTH]}"


def _read_manifest(root: Path) -> list[tuple[str, str]]:
    """``[(folder, class name), ...]`` from a collection's manifest, checked."""
    bad = DataSourceError(_tr("“{0}” in “{1}” is damaged or not a CNN Lab class "
                              "collection.").format(MANIFEST, root.name))
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise bad from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT \
            or not isinstance(data.get("classes"), list):
        raise bad
    listed = []
    for entry in data["classes"]:
        if not isinstance(entry, dict):
            raise bad
        name, folder = entry.get("name"), entry.get("folder")
        # The folder must be a plain name inside the collection, never a path out of it.
        if not (isinstance(name, str) and isinstance(folder, str) and folder
                and Path(folder).name == folder and folder not in (".", "..")):
            raise bad
        listed.append((folder, name))
    return listed
