"""The learner's own classes ("My classes"): the collection, its training set, its files.

Pure NumPy and the standard library. Pictures are encoded and decoded by the caller
(the GUI passes Qt's PNG codec), so the rules of the folder live here without Qt.

On disk a collection is a folder holding ``classes.json`` (the class order and each
class's folder) and one folder of numbered 28×28 PNGs per class (``0001.png``...).

Saving never damages what was there. The new class folders are written beside the old
ones under names not in use, every file flushed to disk and checked; only then is
``classes.json`` replaced, in one rename, by a manifest that lists the new folders.
A kill or a full disk before that rename leaves the old manifest pointing at the
untouched old folders; after it, the new manifest points at complete new folders. The
old folders are removed last. Only files this module writes (``NNNN.png``, the
manifest, temporary files) are ever deleted, and a class folder that is a symbolic link
loses the link only: the folder it points to is never entered.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from engine import fileio
from engine.datasets import Dataset, split_counts, stratified_split
from engine.folders import DataError, Skipped, class_folder_entries, is_visible

__all__ = ["IMAGE_SIZE", "MANIFEST", "MAX_NAME_LENGTH", "CollectionError", "MyClasses",
           "check_fraction"]

#: Side of every example, as in MNIST.
IMAGE_SIZE = 28
MANIFEST = "classes.json"
MANIFEST_FORMAT = "cnn-lab-classes"
MAX_NAME_LENGTH = 40
#: A manifest is a few kilobytes; a larger file is not one (and is not read into memory).
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
_EXAMPLE_NAME = re.compile(r"\d{4}\.png")


class CollectionError(DataError):
    """A collection operation that cannot be done; ``code`` says which (see the GUI)."""


def check_fraction(test_fraction) -> float:
    """The test share as a float strictly between 0 and 1 (ValueError otherwise)."""
    try:
        value = float(test_fraction)
    except (TypeError, ValueError):
        raise ValueError(f"test_fraction must be a number, got {test_fraction!r}") from None
    if not (math.isfinite(value) and 0.0 < value < 1.0):
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {value}")
    return value


def check_class_sizes(names, counts) -> None:
    """CollectionError unless there are two classes with two examples each."""
    names, counts = list(names), list(counts)
    if len(names) < 2:
        raise CollectionError("too_few_classes", "a classifier needs at least 2 classes, "
                              "there are {count}", count=len(names))
    for name, n in zip(names, counts, strict=True):
        if n < 2:
            raise CollectionError("too_few_examples", "add {missing} more example(s) to "
                                  "{name}", name=name, count=n, missing=2 - n)


class MyClasses:
    """The learner's own classes: ordered names, each with 28×28 ink examples.

    A plain object (no signals): whoever edits it redraws afterwards. Examples are
    float32 ``(28, 28)`` arrays in ``[0, 1]``, ink = 1.

    Attributes
    ----------
    skipped : tuple of Skipped
        After :meth:`load`, the files that could not be read; empty otherwise.
    """

    def __init__(self) -> None:
        self._classes: dict[str, list[np.ndarray]] = {}
        self.skipped: tuple[Skipped, ...] = ()

    def copy(self) -> MyClasses:
        """An independent collection with the same classes and examples (the examples
        are read-only, so they are shared, not copied): a snapshot to save elsewhere."""
        other = MyClasses()
        other._classes = {name: list(examples) for name, examples in self._classes.items()}
        other.skipped = self.skipped
        return other

    # --- classes ---------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """Class names in their order (the order of the labels in `to_dataset`)."""
        return tuple(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def __contains__(self, name: str) -> bool:
        return name in self._classes

    def _check_new_name(self, name, ignore: str | None = None) -> str:
        if not isinstance(name, str):
            raise CollectionError("name_not_text", "a class name must be text")
        name = " ".join(name.split())
        if not name:
            raise CollectionError("name_empty", "a class needs a name")
        if len(name) > MAX_NAME_LENGTH:
            raise CollectionError("name_too_long", "class names are limited to {limit} "
                                  "characters", limit=MAX_NAME_LENGTH)
        for existing in self._classes:
            if existing != ignore and existing.casefold() == name.casefold():
                raise CollectionError("name_taken", "there is already a class called "
                                      "{name}", name=existing)
        return name

    def _examples_of(self, name: str) -> list[np.ndarray]:
        try:
            return self._classes[name]
        except (KeyError, TypeError):
            raise CollectionError("no_such_class", "there is no class called {name}",
                                  name=str(name)) from None

    def add_class(self, name: str) -> str:
        """Add an empty class at the end; returns the name as stored (spaces tidied).

        Raises CollectionError for an empty, overlong or already used name (case ignored).
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
        """The class's (28, 28) examples (read-only)."""
        return tuple(self._examples_of(name))

    def add_example(self, name: str, image: np.ndarray) -> int:
        """Append a (28, 28) ink image to a class; returns its index."""
        examples = self._examples_of(name)
        image = np.array(image, dtype=np.float32)  # a copy the caller cannot change
        if image.shape != (IMAGE_SIZE, IMAGE_SIZE):
            raise CollectionError("bad_example_shape", "an example must be {size}×{size}, "
                                  "got {shape}", size=IMAGE_SIZE,
                                  shape="×".join(map(str, image.shape)))
        if not np.all(np.isfinite(image)):
            raise CollectionError("bad_example_values", "an example must not contain NaN "
                                  "or infinite values")
        image = np.clip(image, 0.0, 1.0)
        image.setflags(write=False)
        examples.append(image)
        return len(examples) - 1

    def remove_example(self, name: str, index: int) -> None:
        examples = self._examples_of(name)
        if not 0 <= index < len(examples):
            raise CollectionError("no_such_example", "{name} has no example number "
                                  "{number}", name=name, number=index + 1)
        del examples[index]

    def counts(self) -> dict[str, int]:
        """Examples per class, in class order."""
        return {name: len(v) for name, v in self._classes.items()}

    @property
    def total(self) -> int:
        return sum(len(v) for v in self._classes.values())

    # --- a training set --------------------------------------------------------------
    def readiness(self) -> CollectionError | None:
        """None when `to_dataset` would work, else the error saying what to add."""
        try:
            check_class_sizes(self._classes, [len(v) for v in self._classes.values()])
        except CollectionError as error:
            return error
        return None

    def to_dataset(self, test_fraction: float = 0.2, seed: int = 0) -> Dataset:
        """A stratified train/test split named ``"my classes"`` (every class gives at
        least one example to each side), each side shuffled.

        Raises
        ------
        CollectionError
            Fewer than 2 classes (``"too_few_classes"``), or a class with fewer than 2
            examples (``"too_few_examples"``).
        """
        test_fraction = check_fraction(test_fraction)
        problem = self.readiness()
        if problem is not None:
            raise problem
        images = np.stack([x for v in self._classes.values() for x in v])
        labels = np.repeat(np.arange(len(self._classes), dtype=np.int64),
                           [len(v) for v in self._classes.values()])
        train, test = stratified_split(labels, test_fraction, seed, min_held=1)
        # Shuffled so that neither split comes back sorted by class.
        rng = np.random.default_rng([seed, 1])
        train, test = rng.permutation(train), rng.permutation(test)
        return Dataset("my classes", np.ascontiguousarray(images[train][:, None]),
                       labels[train], np.ascontiguousarray(images[test][:, None]),
                       labels[test], self.names)

    def split_of(self, name: str, test_fraction: float) -> tuple[int, int]:
        """``(train, test)`` examples of a class in `to_dataset`'s split."""
        return split_counts(len(self._examples_of(name)), test_fraction, min_held=1)

    # --- files -----------------------------------------------------------------------
    def save(self, folder, encode_png: Callable[[np.ndarray], bytes]) -> None:
        """Write the collection into ``folder`` without ever losing the previous one.

        ``encode_png(ink)`` turns a (28, 28) example into the bytes of a PNG file (ink
        black on white). The folder may be new, empty, or an earlier saved collection
        (which is replaced, see the module's notes); any other folder is refused so no
        one's files get mixed in or lost.

        Raises
        ------
        CollectionError
            ``"not_a_folder"``, ``"foreign_folder"``, or ``"write_failed"`` (with
            ``path`` and ``reason``; a full disk is one) after which the folder holds
            the previous collection unchanged.
        """
        root = Path(folder)
        if root.exists() and not root.is_dir():
            raise CollectionError("not_a_folder", "{name} is a file, not a folder",
                                  name=root.name)
        try:
            self._save(root, encode_png)
        except OSError as error:
            raise CollectionError(
                "write_failed", "could not save to {path}: {reason}", path=str(root),
                reason=error.strerror or str(error)) from error

    def _save(self, root: Path, encode_png) -> None:
        manifest = root / MANIFEST
        old_folders: list[str] = []
        if root.is_dir():
            fileio.remove_stale_temporaries(root)
            if any(True for _ in root.iterdir()):
                if not manifest.is_file():
                    raise CollectionError("foreign_folder", "{name} already holds other "
                                          "files", name=root.name)
                try:
                    old_folders = [f for f, _ in _read_manifest(root)]
                except CollectionError:
                    old_folders = []  # damaged: its folders are cleaned up as leftovers
        root.mkdir(parents=True, exist_ok=True)

        in_use = {entry.name for entry in root.iterdir()}
        written: list[Path] = []
        entries = []
        try:
            for number, (name, examples) in enumerate(self._classes.items(), start=1):
                folder = _unused_folder_name(number, name, in_use)
                in_use.add(folder)
                directory = root / folder
                directory.mkdir()  # a new, real folder: never a link to somewhere else
                written.append(directory)
                for i, ink in enumerate(examples, start=1):
                    data = encode_png(ink)
                    if not data:
                        raise fileio.WriteFailed(f"the picture {folder}/{i:04d}.png could "
                                                 "not be encoded")
                    fileio.write_bytes(directory / f"{i:04d}.png", data)
                _fsync_folder(directory)
                entries.append({"name": name, "folder": folder, "examples": len(examples)})
            text = json.dumps({"format": MANIFEST_FORMAT, "version": 1, "classes": entries},
                              ensure_ascii=False, indent=2)
            _fsync_folder(root)  # the new folders' names reach the disk before the manifest
            fileio.write_text(manifest, text + "\n")   # the swap: one rename
        except BaseException:
            for directory in written:
                _remove_own_folder(directory)
            raise
        _fsync_folder(root)

        keep = {entry["folder"] for entry in entries}
        for folder in old_folders:
            if folder not in keep:
                _remove_own_folder(root / folder)
        # Folders left by a save that was killed before its manifest was written.
        for entry in list(root.iterdir()):
            if entry.name not in keep and _looks_like_own_folder(entry):
                _remove_own_folder(entry)

    @classmethod
    def load(cls, folder, read_example: Callable[[Path], np.ndarray], suffixes: Iterable[str],
             unreadable: tuple[type[BaseException], ...] = (ValueError,)) -> MyClasses:
        """Read a collection written by :meth:`save`.

        Without a ``classes.json``, an image folder (one subfolder per class, sorted) is
        read instead. ``read_example(path)`` decodes one picture file into a (28, 28)
        ink image, raising one of ``unreadable`` for a file it cannot read; such files,
        files whose suffix is not in ``suffixes`` and files that are not regular files
        are left out and listed in the result's ``skipped``.

        Raises
        ------
        CollectionError
            ``"missing"``, ``"not_a_collection"``, ``"damaged_manifest"`` or
            ``"bad_listed_class"``.
        """
        root = Path(folder)
        if not root.is_dir():
            raise CollectionError("missing", "the folder {path} does not exist",
                                  path=str(root))
        if (root / MANIFEST).is_file():
            listed = _read_manifest(root)
        else:
            listed = [(p.name, p.name) for p in sorted(root.iterdir(), key=lambda p: p.name)
                      if p.is_dir() and is_visible(p)]
            if not listed:
                raise CollectionError("not_a_collection", "{name} is not a saved class "
                                      "collection", name=root.name, manifest=MANIFEST)
        suffixes = {s.lower().lstrip(".") for s in suffixes}
        collection = cls()
        skipped: list[Skipped] = []
        for folder_name, listed_name in listed:
            try:
                name = collection.add_class(listed_name)
            except CollectionError as error:
                raise CollectionError("bad_listed_class", "{manifest} in {folder} lists a "
                                      "bad class", manifest=MANIFEST, folder=root.name,
                                      error=error) from None
            directory = root / folder_name
            if not directory.is_dir():
                skipped.append(Skipped(str(directory), "class_folder_missing", name))
                continue
            for entry in class_folder_entries(directory, suffixes):
                if isinstance(entry, Skipped):
                    skipped.append(entry)
                    continue
                try:
                    collection.add_example(name, read_example(entry))
                except unreadable as error:
                    skipped.append(Skipped(str(entry), "unreadable", str(error)))
        collection.skipped = tuple(skipped)
        return collection


def _folder_name(number: int, name: str) -> str:
    """A folder name safe on every file system, unique through its number prefix."""
    safe = re.sub(r"[^\w\- ]+", "_", name).strip(" ._") or "class"
    return f"{number:02d} {safe[:MAX_NAME_LENGTH]}"


def _unused_folder_name(number: int, name: str, in_use: set[str]) -> str:
    base = _folder_name(number, name)
    candidate, k = base, 1
    while candidate in in_use:  # the previous save's folder: write beside it
        k += 1
        candidate = f"{base} ({k})"
    return candidate


def _is_own_file(path: Path) -> bool:
    return bool(_EXAMPLE_NAME.fullmatch(path.name)) or path.name.endswith(fileio.TEMP_SUFFIX)


def _looks_like_own_folder(path: Path) -> bool:
    """A real folder named like a class folder holding nothing but numbered PNGs."""
    if path.is_symlink() or not path.is_dir() or not re.match(r"\d{2} ", path.name):
        return False
    try:
        return all(_is_own_file(entry) and not entry.is_dir() for entry in path.iterdir())
    except OSError:
        return False


def _remove_own_folder(path: Path) -> None:
    """Delete the files this module wrote in a class folder, then the folder if empty.

    A symbolic link is removed itself; the folder it points to is never entered.
    """
    try:
        if path.is_symlink():
            path.unlink()
            return
        if not path.is_dir():
            return
        for entry in path.iterdir():
            if _is_own_file(entry) and (entry.is_symlink() or not entry.is_dir()):
                entry.unlink()
        path.rmdir()
    except OSError:
        pass  # a file of someone else's (or a read-only folder): leave the rest be


def _fsync_folder(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves are synced
    finally:
        os.close(fd)


def _read_manifest(root: Path) -> list[tuple[str, str]]:
    """``[(folder, class name), ...]`` from a collection's manifest, checked."""
    def bad():
        return CollectionError("damaged_manifest", "{manifest} in {folder} is damaged or "
                               "not a CNN Lab class collection", manifest=MANIFEST,
                               folder=root.name)
    try:
        with open(root / MANIFEST, "rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise bad()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        raise bad() from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT \
            or not isinstance(data.get("classes"), list):
        raise bad()
    listed = []
    for entry in data["classes"]:
        if not isinstance(entry, dict):
            raise bad()
        name, folder = entry.get("name"), entry.get("folder")
        # The folder must be a plain name inside the collection, never a path out of it.
        if not (isinstance(name, str) and isinstance(folder, str) and folder
                and Path(folder).name == folder and folder not in (".", "..")
                and "\\" not in folder):
            raise bad()
        listed.append((folder, name))
    return listed
