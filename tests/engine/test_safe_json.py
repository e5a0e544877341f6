"""engine.safe_json: limits checked before parsing, one error type with a code."""

import json
import os

import pytest

from engine import safe_json
from engine.safe_json import JsonFileError, load, loads, nesting_depth


@pytest.mark.parametrize("text, depth", [
    ("", 0), ("1", 0), ("[]", 1), ("{}", 1), ('{"a": [1, {"b": []}]}', 4),
    ('["[[[[", "]]]"]', 1),                  # brackets inside strings do not count
    (r'["\"[[[", [2]]', 2),                  # nor after an escaped quote
    (r'["\\", [[3]]]', 3),                   # an escaped backslash ends the string
    ("[" * 5000 + "]" * 5000, 5000),
])
def test_nesting_depth(text, depth):
    assert nesting_depth(text.encode()) == depth


def test_nesting_depth_agrees_with_json_on_real_data():
    data = {"a": [[1, 2], {"b": ["x]", {"c": "{[\\\"]"}]}], "d": "\\"}
    text = json.dumps(data)
    assert nesting_depth(text.encode()) == 5


def test_a_string_made_of_escaped_quotes_is_measured_quickly():
    # A regular expression backtracks quadratically on this; the vectorised scan is linear.
    text = b'"' + b'\\"' * 1_000_000
    assert nesting_depth(text) == 0


def test_deep_nesting_is_refused_with_its_depth():
    with pytest.raises(JsonFileError) as caught:
        loads("[" * 100_000 + "]" * 100_000, name="deep.json")
    assert caught.value.code == "too_deep"
    assert caught.value.values == ("deep.json", 100_000, safe_json.MAX_DEPTH)


@pytest.mark.parametrize("text, code", [
    ("{", "not_json"), ("[1, 2", "not_json"), ("", "not_json"), ("'a'", "not_json"),
    ("1" * 5000, "not_json"),                # beyond Python's integer digit limit
    (b"\xff\xfe\x00", "not_text"),
    ("\ud800", "not_text"),
])
def test_bad_text_gives_one_error_type(text, code):
    with pytest.raises(JsonFileError) as caught:
        loads(text)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


def test_numbers_are_returned_as_python_reads_them():
    assert loads("[" + "9" * 400 + ", 1e999, NaN]")[0] == int("9" * 400)


def test_files(tmp_path):
    good = tmp_path / "good.json"
    good.write_text('{"a": [1, 2]}')
    assert load(good) == {"a": [1, 2]}
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"0," * 100 + b"0]")
    with pytest.raises(JsonFileError) as caught:
        load(big, max_bytes=50)
    assert caught.value.code == "too_large" and caught.value.values[0] == "big.json"
    with pytest.raises(JsonFileError) as caught:
        load(tmp_path / "none.json")
    assert caught.value.code == "missing"
    with pytest.raises(JsonFileError) as caught:
        load(tmp_path)
    assert caught.value.code == "not_file"
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(JsonFileError) as caught:
        load(pipe)                           # refused, not read forever
    assert caught.value.code == "not_file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    with pytest.raises(JsonFileError) as caught:
        load(path)
    assert caught.value.code == "unreadable"
