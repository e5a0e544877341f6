"""Feature detectors saved as JSON, readable by people and by other tools.

Files (and the remembered filters in the settings) may hold anything: every way they can
be wrong ends in one :class:`FilterFileError` with a sentence for the learner, never in
another exception.
"""

from __future__ import annotations

import json

from engine import fileio, safe_json
from gui.common.error_text import CodedError
from gui.state import MAX_FILTERS, Filter

FORMAT = "cnn-lab-filters"

#: Far larger than 32 filters of 3×11×11 written with indentation (about 250 kB).
MAX_FILE_BYTES = 5_000_000
#: {"filters": [{"weights": [[[...]]]}]} nests 5 deep; allow some slack, refuse the absurd.
MAX_DEPTH = 8


class FilterFileError(CodedError):
    """A file that does not hold CNN Lab filters: a ``code`` and ``values``, worded by
    :func:`gui.common.error_text.error_text` (``str()`` gives the sentence)."""

    family = "filter_file"


def filters_to_json(filters: list[Filter]) -> str:
    return json.dumps({"format": FORMAT, "version": 1,
                       "filters": [f.to_dict() for f in filters]}, indent=1)


def filters_from_json(text: str | bytes, name: str = "") -> list[Filter]:
    """The filters in JSON ``text``, or :class:`FilterFileError` saying what is wrong."""
    try:
        data = safe_json.loads(text, max_depth=MAX_DEPTH, max_bytes=MAX_FILE_BYTES, name=name)
    except safe_json.JsonFileError as error:
        raise FilterFileError("json", error=error) from None
    return _filters_from_data(data)


def save_filters(path, filters: list[Filter]) -> None:
    """Write atomically, so an interrupted save never destroys an older file."""
    fileio.write_text(path, filters_to_json(filters))


def load_filters(path) -> list[Filter]:
    try:
        data = safe_json.load(path, max_depth=MAX_DEPTH, max_bytes=MAX_FILE_BYTES)
    except safe_json.JsonFileError as error:
        raise FilterFileError("json", error=error) from None
    return _filters_from_data(data)


def _filters_from_data(data) -> list[Filter]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FilterFileError("not_filters")
    items = data.get("filters")
    if not isinstance(items, list) or not items:
        raise FilterFileError("no_filters")
    if len(items) > MAX_FILTERS:
        raise FilterFileError("too_many", count=len(items), limit=MAX_FILTERS)
    filters = []
    for number, item in enumerate(items, start=1):
        try:
            filters.append(Filter.from_dict(item))
        except ValueError as error:
            raise FilterFileError("bad_filter", number=number, error=error) from None
    if len({f.weights.shape for f in filters}) != 1:
        raise FilterFileError("mixed_shapes")
    return filters
