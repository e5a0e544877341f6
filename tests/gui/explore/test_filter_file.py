import json

import numpy as np
import pytest

from gui.explore.filter_file import FilterFileError, filters_from_json, load_filters, save_filters
from gui.state import MAX_KERNEL, Filter, make_preset_filter


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


# --------------------------------------------------------------------------- hostile files
def filter_file(tmp_path, file_name="hostile.json", **first):
    entry = {"name": "f", "weights": [[0, 1], [1, 0]], "bias": 0.0, "preset": None}
    entry.update(first)
    path = tmp_path / file_name
    path.write_text(json.dumps({"format": "cnn-lab-filters", "version": 1,
                                "filters": [entry]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, fragment", [
    ({"preset": ["sobel x"]}, "preset"),
    ({"preset": {"name": "sobel x"}}, "preset"),
    ({"preset": 3}, "preset"),
    ({"weights": [[10 ** 400, 1], [1, 1]]}, "far too large"),
    ({"weights": [[-10 ** 400]]}, "far too large"),
    ({"bias": 10 ** 400}, "far too large"),
    ({"bias": -(10 ** 4000)}, "far too large"),
    ({"bias": [1, 2]}, "not a number"),
    ({"bias": {"value": 1}}, "not a number"),
    ({"bias": "0.5"}, None),                      # a number as text is still a number
    ({"bias": True}, "not a number"),
    ({"bias": float("inf")}, "finite"),
    ({"weights": [[float("nan"), 0], [0, 0]]}, "finite"),
    ({"weights": [[1e300, 0], [0, 0]]}, "too large"),
    ({"weights": [[True, False], [False, True]]}, "grid of numbers"),
    ({"weights": [[None, 1], [1, 1]]}, "grid of numbers"),
    ({"weights": [["1", "2"], ["3", "4"]]}, "grid of numbers"),
    ({"weights": {"a": 1}}, "grid of numbers"),
    ({"weights": 5}, "grid of numbers"),
    ({"weights": [[[[1]]]]}, "k×k"),
    ({"weights": [[]]}, "k×k"),
    ({"weights": [[0] * (MAX_KERNEL + 1)] * (MAX_KERNEL + 1)}, "k×k"),
    ({"weights": [[[0]]] * 4}, "colour channel"),
    ({"weights": [[1, 2], [3]]}, "grid of numbers"),
    ({"name": ["a"]}, "name"),
    ({"name": "x" * 10_000}, "name"),
])
def test_hostile_filter_files_give_the_filter_file_message(tmp_path, change, fragment):
    path = filter_file(tmp_path, **change)
    if fragment is None:
        assert load_filters(path)[0].bias == 0.5
        return
    with pytest.raises(FilterFileError, match=fragment) as caught:
        load_filters(path)
    assert "filter 1" in str(caught.value)
    assert len(str(caught.value)) < 300


def test_deeply_nested_arrays_are_refused_before_parsing(tmp_path):
    for depth in (50, 100_000):
        path = tmp_path / f"deep{depth}.json"
        path.write_text('{"format": "cnn-lab-filters", "filters": [{"weights": '
                        + "[" * depth + "1" + "]" * depth + "}]}")
        with pytest.raises(FilterFileError, match=f"{path.name}” nests its lists"):
            load_filters(path)


@pytest.mark.parametrize("text", [
    '{"format": "cnn-lab-filters", "filters": {"a": 1}}',
    '{"format": "cnn-lab-filters", "filters": [1, 2]}',
    '{"format": "cnn-lab-filters", "filters": ["text"]}',
    '{"format": ["cnn-lab-filters"]}',
    "[]", '"just a string"', "12", "null",
    '{"format": "cnn-lab-filters", "filters": [' + ",".join(['{"weights": [[1]]}'] * 33) + "]}",
    '{"format": "cnn-lab-filters", "filters": [{"weights": [[1]]}]}' + "x",
])
def test_wrong_shapes_of_file_give_the_message(text):
    with pytest.raises(FilterFileError):
        filters_from_json(text)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.write(b'{"format": "cnn-lab-filters", "filters": [{"weights": [[')
        handle.write(b"1, " * 3_000_000)
        handle.write(b"1]]}]}")
    with pytest.raises(FilterFileError, match="is too large"):
        load_filters(path)


def test_folders_and_named_pipes_are_not_filter_files(tmp_path):
    import os
    with pytest.raises(FilterFileError, match="is not a file"):
        load_filters(tmp_path)
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)  # opening it to read would block forever
    with pytest.raises(FilterFileError, match="is not a file"):
        load_filters(pipe)


def test_the_main_window_shows_the_message_for_a_hostile_file(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    before = window.state.weights().copy()
    path = filter_file(tmp_path, preset=["sobel x"])
    assert not window.commands.load_filters(path)
    assert "hostile.json" in window.status.text() and "preset" in window.status.text()
    np.testing.assert_array_equal(window.state.weights(), before)
