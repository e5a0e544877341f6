"""Saving files so that a crash, a kill or a full disk never destroys what was there.

Every file CNN Lab writes goes through :func:`atomic_write`: the new content is written to a
temporary file beside the target, flushed to disk, checked, given the permissions any other
program's new file would get, and only then renamed over the target. A failure at any step
leaves the previous file untouched and removes the temporary one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: Temporary files carry this suffix so that leftovers of a killed save can be recognised.
TEMP_SUFFIX = ".cnnlab-tmp"


class WriteFailed(OSError):
    """A file could not be written completely (full disk, vanished folder, ...)."""


def _umask() -> int:
    # os.umask can only be read by setting it; set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def default_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the process's umask."""
    return 0o666 & ~_umask()


@contextmanager
def atomic_write(path, mode: str = "wb", *, min_size: int = 1,
                 encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file to write; on success it replaces ``path`` in one rename.

    ``min_size`` bytes at least must have reached the disk, or :class:`WriteFailed` is
    raised (some file systems report success for writes that were dropped). The final file
    has :func:`default_file_mode` permissions, not ``mkstemp``'s 0600. A symbolic link at
    ``path`` is replaced by the file itself: its target is never written through.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                    dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        size = tmp.stat().st_size
        if size < min_size:
            raise WriteFailed(f"only {size} bytes of {path.name} reached the disk")
        os.chmod(tmp, default_file_mode())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_write(path, "wb", min_size=len(data)) as handle:
        handle.write(data)


def write_text(path, text: str) -> None:
    """Atomically replace ``path`` with ``text`` in UTF-8."""
    write_bytes(path, text.encode("utf-8"))


def write_with(path, writer: Callable[[IO], None], min_size: int = 1) -> None:
    """Atomically replace ``path`` with what ``writer(handle)`` writes into a binary file."""
    with atomic_write(path, "wb", min_size=min_size) as handle:
        writer(handle)


#: The first bytes of a zip archive (model files and lab files are zips).
ZIP_SIGNATURE = b"PK\x03\x04"


def is_zip(path) -> bool:
    """Whether the file at ``path`` starts like a zip archive; OSError if unreadable."""
    with open(path, "rb") as handle:
        return handle.read(len(ZIP_SIGNATURE)) == ZIP_SIGNATURE


def remove_stale_temporaries(folder) -> list[Path]:
    """Delete temporary files a killed save left in ``folder``; return what was removed."""
    removed = []
    try:
        entries = list(Path(folder).glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for entry in entries:
        try:
            if entry.is_file() and not entry.is_symlink():
                entry.unlink()
                removed.append(entry)
        except OSError:
            pass
    return removed
