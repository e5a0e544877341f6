"""Feature detectors saved as JSON, readable by people and by other tools."""

from __future__ import annotations

import json
from pathlib import Path

from engine import fileio
from gui.state import MAX_FILTERS, Filter

FORMAT = "cnn-lab-filters"


class FilterFileError(ValueError):
    """A file that does not hold CNN Lab filters; the message says why."""


def filters_to_json(filters: list[Filter]) -> str:
    return json.dumps({"format": FORMAT, "version": 1,
                       "filters": [f.to_dict() for f in filters]}, indent=1)


def filters_from_json(text: str) -> list[Filter]:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FilterFileError(f"not a JSON file ({error.msg}, line {error.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FilterFileError("this JSON file does not hold CNN Lab filters")
    items = data.get("filters")
    if not isinstance(items, list) or not items:
        raise FilterFileError("the file holds no filters")
    if len(items) > MAX_FILTERS:
        raise FilterFileError(f"the file holds {len(items)} filters; at most {MAX_FILTERS}")
    try:
        filters = [Filter.from_dict(item) for item in items]
    except ValueError as error:
        raise FilterFileError(str(error)) from None
    if len({f.weights.shape for f in filters}) != 1:
        raise FilterFileError("all filters in a file must have the same size and channels")
    return filters


def save_filters(path, filters: list[Filter]) -> None:
    """Write atomically, so an interrupted save never destroys an older file."""
    fileio.write_text(path, filters_to_json(filters))


def load_filters(path) -> list[Filter]:
    path = Path(path)
    try:
        if path.stat().st_size > 5_000_000:
            raise FilterFileError(f"{path.name} is far too large to be a filter file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FilterFileError(f"{path.name} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FilterFileError(f"{path.name} cannot be read as text ({error})") from None
    return filters_from_json(text)
