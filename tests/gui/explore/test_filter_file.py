import json

import numpy as np
import pytest

from gui.explore.filter_file import FilterFileError, filters_from_json, load_filters, save_filters
from gui.state import Filter, make_preset_filter


def test_round_trip(tmp_path):
    filters = [make_preset_filter("sobel x", 5, 1),
               Filter("mine", np.arange(25, dtype=np.float32).reshape(1, 5, 5) - 12, 0.5)]
    path = tmp_path / "f.json"
    save_filters(path, filters)
    loaded = load_filters(path)
    assert [f.name for f in loaded] == ["sobel x", "mine"]
    assert loaded[0].preset == "sobel x" and loaded[1].preset is None
    for a, b in zip(filters, loaded, strict=True):
        np.testing.assert_array_equal(a.weights, b.weights)
        assert a.bias == b.bias


@pytest.mark.parametrize("text, fragment", [
    ("not json", "not a JSON file"),
    ('{"format": "other"}', "does not hold CNN Lab filters"),
    ('{"format": "cnn-lab-filters", "filters": []}', "no filters"),
    ('{"format": "cnn-lab-filters", "filters": [{"weights": [[1e9]]}]}', "too large"),
    ('{"format": "cnn-lab-filters", "filters": [{"weights": [[NaN]]}]}', "finite"),
    ('{"format": "cnn-lab-filters", "filters": [{"weights": [[1, 2], [3]]}]}', "grid of numbers"),
    ('{"format": "cnn-lab-filters", "filters": [{"weights": "abc"}]}', "grid of numbers"),
])
def test_bad_files_are_refused_with_a_message(text, fragment):
    with pytest.raises(FilterFileError, match=fragment):
        filters_from_json(text)


def test_mixed_sizes_refused():
    data = {"format": "cnn-lab-filters",
            "filters": [{"weights": [[1.0]]}, {"weights": [[1, 2], [3, 4]]}]}
    with pytest.raises(FilterFileError, match="same size"):
        filters_from_json(json.dumps(data))


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(FilterFileError, match="does not exist"):
        load_filters(tmp_path / "nope.json")
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 10)
    with pytest.raises(FilterFileError):
        load_filters(binary)
