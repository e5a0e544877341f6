"""Finding the pictures of an image folder: one subfolder per class, sorted by name.

Pure standard library: decoding the pictures is the caller's job (the GUI decodes with
Qt). Errors carry a ``code`` and their values so the GUI can word them; their English
text is for logs and tests.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = ["DataError", "FolderScan", "Skipped", "is_visible", "scan_class_folders",
           "regular_file_problem"]


class DataError(ValueError):
    """Data that cannot become what was asked for.

    Attributes
    ----------
    code : str
        What went wrong, e.g. ``"no_subfolders"``; the GUI words each code.
    values : dict
        The names and numbers the message needs.
    """

    def __init__(self, code: str, message: str, **values) -> None:
        super().__init__(message.format(**values))
        self.code = code
        self.values = values


class Skipped(NamedTuple):
    """A file left out, and why: ``code`` is ``"not_picture"``, ``"not_regular"`` (a named
    pipe, device or socket), ``"unreadable"`` (``detail`` says why) or
    ``"class_folder_missing"``."""

    path: str
    code: str
    detail: str = ""


def is_visible(path: Path) -> bool:
    return not path.name.startswith(".")


def regular_file_problem(path) -> str | None:
    """None for a regular file (or a link to one); otherwise what it is: ``"missing"``,
    ``"folder"``, ``"named_pipe"``, ``"device"``, ``"socket"`` or ``"special"``.

    Reads only the file's status, so a named pipe is never opened (opening one blocks
    until someone writes to it).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "missing"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named_pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special"


def class_folder_entries(directory: Path, suffixes) -> Iterator[Path | Skipped]:
    """The visible entries of one class folder in name order: each picture file as its
    path, each file passed over (not a regular file, not a picture by its suffix) as a
    :class:`Skipped`; sub-folders are left out. ``suffixes`` are lower case, no dot."""
    for path in sorted((p for p in directory.iterdir() if is_visible(p)),
                       key=lambda p: p.name):
        problem = regular_file_problem(path)
        if problem == "folder":
            continue
        if problem is not None:
            yield Skipped(str(path), "not_regular", problem)
        elif path.suffix.lower().lstrip(".") not in suffixes:
            yield Skipped(str(path), "not_picture")
        else:
            yield path


@dataclass(frozen=True)
class FolderScan:
    """What :func:`scan_class_folders` found.

    Attributes
    ----------
    root : Path
    class_names : tuple of str
        The class subfolders' names, sorted.
    files : tuple of tuple of Path
        ``files[k]``: the picture files of class ``k``, sorted by name.
    skipped : tuple of Skipped
        Files that are not pictures (by suffix) or not regular files.
    """

    root: Path
    class_names: tuple[str, ...]
    files: tuple[tuple[Path, ...], ...]
    skipped: tuple[Skipped, ...]

    @property
    def total(self) -> int:
        return sum(len(f) for f in self.files)


def scan_class_folders(folder, suffixes, *, min_classes: int = 2) -> FolderScan:
    """List the picture files of a folder with one subfolder per class.

    Parameters
    ----------
    folder : str or Path
    suffixes : iterable of str
        File suffixes (lower case, no dot) that count as pictures.
    min_classes : int, default 2
        Fewer class subfolders raise ``DataError`` (``"no_subfolders"`` or
        ``"one_subfolder"``).

    Hidden files and folders are ignored; named pipes, devices and sockets are skipped
    without being opened.

    Raises
    ------
    DataError
        ``"missing"``, ``"not_a_folder"``, ``"no_subfolders"``, ``"one_subfolder"``.
    """
    root = Path(folder)
    if not root.exists():
        raise DataError("missing", "the folder {path} does not exist", path=str(root))
    if not root.is_dir():
        raise DataError("not_a_folder", "{name} is a file, not a folder", name=root.name)
    class_dirs = sorted((p for p in root.iterdir() if p.is_dir() and is_visible(p)),
                        key=lambda p: p.name)
    if not class_dirs and min_classes > 0:
        raise DataError("no_subfolders", "{name} has no subfolders", name=root.name)
    if len(class_dirs) < min_classes:
        raise DataError("one_subfolder", "{name} has only one class subfolder ({subfolder})",
                        name=root.name, subfolder=class_dirs[0].name)
    suffixes = {s.lower().lstrip(".") for s in suffixes}
    files, skipped = [], []
    for directory in class_dirs:
        pictures = []
        for entry in class_folder_entries(directory, suffixes):
            (skipped if isinstance(entry, Skipped) else pictures).append(entry)
        files.append(tuple(pictures))
    return FolderScan(root, tuple(d.name for d in class_dirs), tuple(files), tuple(skipped))
