"""Feature detectors saved as JSON, readable by people and by other tools.

Files (and the remembered filters in the settings) may hold anything: every way they can
be wrong ends in one :class:`FilterFileError` with a sentence for the learner, never in
another exception.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication

from engine import fileio, safe_json
from gui.state import MAX_FILTERS, Filter

FORMAT = "cnn-lab-filters"

#: Far larger than 32 filters of 3×11×11 written with indentation (about 250 kB).
MAX_FILE_BYTES = 5_000_000
#: {"filters": [{"weights": [[[...]]]}]} nests 5 deep; allow some slack, refuse the absurd.
MAX_DEPTH = 8


class FilterFileError(ValueError):
    """A file that does not hold CNN Lab filters; the message says why."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("FilterFile", text)


def filters_to_json(filters: list[Filter]) -> str:
    return json.dumps({"format": FORMAT, "version": 1,
                       "filters": [f.to_dict() for f in filters]}, indent=1)


def filters_from_json(text: str | bytes, name: str = "") -> list[Filter]:
    """The filters in JSON ``text``, or :class:`FilterFileError` saying what is wrong."""
    try:
        data = safe_json.loads(text, max_depth=MAX_DEPTH, max_bytes=MAX_FILE_BYTES, name=name)
    except safe_json.JsonFileError as error:
        raise FilterFileError(_json_message(error)) from None
    return _filters_from_data(data)


def save_filters(path, filters: list[Filter]) -> None:
    """Write atomically, so an interrupted save never destroys an older file."""
    fileio.write_text(path, filters_to_json(filters))


def load_filters(path) -> list[Filter]:
    try:
        data = safe_json.load(path, max_depth=MAX_DEPTH, max_bytes=MAX_FILE_BYTES)
    except safe_json.JsonFileError as error:
        raise FilterFileError(_json_message(error)) from None
    return _filters_from_data(data)


def _filters_from_data(data) -> list[Filter]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FilterFileError(_tr("this JSON file does not hold CNN Lab filters"))
    items = data.get("filters")
    if not isinstance(items, list) or not items:
        raise FilterFileError(_tr("the file holds no filters"))
    if len(items) > MAX_FILTERS:
        raise FilterFileError(_tr("the file holds {0} filters; at most {1} are allowed")
                              .format(len(items), MAX_FILTERS))
    filters = []
    for number, item in enumerate(items, start=1):
        try:
            filters.append(Filter.from_dict(item))
        except ValueError as error:
            raise FilterFileError(_tr("filter {0}: {1}").format(number, error)) from None
    if len({f.weights.shape for f in filters}) != 1:
        raise FilterFileError(_tr("all filters in a file must have the same size and channels"))
    return filters


def _json_message(error: safe_json.JsonFileError) -> str:
    name = (error.values[0] if error.values else "") or _tr("the text")
    code, values = error.code, error.values
    if code == "missing":
        return _tr("{0} does not exist").format(name)
    if code == "not_file":
        return _tr("{0} is not a file").format(name)
    if code == "unreadable":
        return _tr("{0} cannot be read ({1})").format(name, values[1])
    if code == "too_large":
        return _tr("{0} is far too large to be a filter file").format(name)
    if code == "not_text":
        return _tr("{0} is not a text file").format(name)
    if code == "too_deep":
        return _tr("{0} nests its lists {1} deep; a filter file needs no more than {2}").format(
            name, values[1], values[2])
    return _tr("{0} is not a JSON file ({1}, line {2})").format(name, values[1], values[2])
