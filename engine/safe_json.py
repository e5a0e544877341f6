"""Reading JSON that anyone could have written, without letting it crash or exhaust us.

Python's :func:`json.loads` raises ``RecursionError`` on arrays nested a few thousand deep,
reads a file of any size into memory, and ``ValueError`` for text it cannot parse. The
functions here check the size and the nesting first and turn every failure into one
:class:`JsonFileError` whose ``code`` (and ``values``) say what was wrong, for the caller
to word:

``"missing"``      no such file (values: name)
``"not_file"``     a folder, a named pipe, a device... (name,)
``"unreadable"``   the file cannot be read: no permission, an I/O error... (name, reason)
``"too_large"``    more than ``max_bytes`` (name, size, max_bytes)
``"not_text"``     not UTF-8 text (name,)
``"not_json"``     not JSON (name, reason, line)
``"too_deep"``     arrays or objects nested deeper than ``max_depth`` (name, depth, max_depth)

Numbers are returned as Python parses them: integers of any length (up to Python's own
4300-digit limit, reported as ``not_json``) and ``NaN``/``Infinity``; callers check ranges.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import numpy as np

#: Default limits: far beyond any file CNN Lab writes, far below what could hurt.
MAX_BYTES = 5_000_000
MAX_DEPTH = 32

class JsonFileError(ValueError):
    """JSON that cannot be used; ``code`` and ``values`` say why (see the module doc)."""

    def __init__(self, code: str, *values) -> None:
        super().__init__(code, *values)
        self.code = code
        self.values = values

    def __str__(self) -> str:
        return f"{self.code}: {', '.join(str(v) for v in self.values)}"


def nesting_depth(data: bytes) -> int:
    """How deeply ``[`` and ``{`` nest in JSON text ``data`` (brackets in strings ignored).

    Vectorised rather than a regular expression: a string regex backtracks quadratically
    on text such as ``"\\"\\"\\"…`` with no closing quote.
    """
    chars = np.frombuffer(data, dtype=np.uint8)
    if chars.size == 0:
        return 0
    position = np.arange(chars.size, dtype=np.int64)
    backslash = chars == ord("\\")
    last_other = np.maximum.accumulate(np.where(backslash, -1, position))
    quotes = np.flatnonzero(chars == ord('"'))
    before = quotes - 1
    escapes = np.where(before >= 0, before - last_other[np.maximum(before, 0)], 0)
    toggles = np.zeros(chars.size, dtype=np.int8)
    toggles[quotes[escapes % 2 == 0]] = 1  # a quote after an even run of backslashes
    outside = np.cumsum(toggles, dtype=np.int64) % 2 == 0
    opens = (chars == ord("[")) | (chars == ord("{"))
    closes = (chars == ord("]")) | (chars == ord("}"))
    steps = (opens & outside).astype(np.int32) - (closes & outside)
    return int(np.cumsum(steps, dtype=np.int64).max(initial=0))


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_BYTES,
          name: str = "") -> object:
    """Parse JSON text ``data`` within the limits, or raise :class:`JsonFileError`."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            raise JsonFileError("not_text", name) from None
    if len(data) > max_bytes:
        raise JsonFileError("too_large", name, len(data), max_bytes)
    depth = nesting_depth(data)
    if depth > max_depth:
        raise JsonFileError("too_deep", name, depth, max_depth)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonFileError("not_text", name) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonFileError("not_json", name, error.msg, error.lineno) from None
    # Integers beyond Python's digit limit raise ValueError; the depth check should make
    # RecursionError impossible, but a smaller C stack must not crash us either.
    except (ValueError, RecursionError, OverflowError, MemoryError) as error:
        raise JsonFileError("not_json", name, type(error).__name__, 0) from None


def load(path, *, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_BYTES) -> object:
    """Read and parse the JSON file ``path`` within the limits (see :func:`loads`)."""
    path = Path(path)
    try:
        # Opening a named pipe or a device would block or read forever: regular files only.
        if not stat.S_ISREG(path.stat().st_mode):
            raise JsonFileError("not_file", path.name)
        with open(path, "rb") as handle:
            # Read one byte past the limit rather than trusting the size stat() reports
            # (a pipe or a growing file has none).
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise JsonFileError("missing", path.name) from None
    except OSError as error:
        raise JsonFileError("unreadable", path.name, error.strerror or str(error)) from None
    if len(data) > max_bytes:
        size = _size(path, len(data))
        raise JsonFileError("too_large", path.name, size, max_bytes)
    return loads(data, max_depth=max_depth, max_bytes=max_bytes, name=path.name)


def _size(path: Path, at_least: int) -> int:
    try:
        return max(path.stat().st_size, at_least)
    except OSError:
        return at_least
