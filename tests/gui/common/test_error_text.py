"""Every error code the engine raises has a sentence, in the current language."""

import ast
from pathlib import Path

import numpy as np
import pytest

from engine import architecture, collection, costs, folders, model, ops, safe_json
from engine.analysis import AnalysisError
from engine.architecture import ArchitectureError
from engine.collection import CollectionError
from engine.costs import MemoryBudgetExceeded
from engine.folders import DataError, Skipped
from engine.lab_file import LabFileError
from engine.model import ModelFileError
from engine.safe_json import JsonFileError
from gui import i18n
from gui.common.error_text import error_text, wording_for
from tests.gui.pseudo_translation import leftover, pseudo_language

ENGINE = Path(__file__).resolve().parents[3] / "engine"
#: Each coded error class, and where its constructor takes the code (and values).
CODED = {"ModelFileError": ModelFileError, "LabFileError": LabFileError,
         "ArchitectureError": ArchitectureError,
         "AnalysisError": AnalysisError,
         "DataError": DataError, "CollectionError": CollectionError,
         "JsonFileError": JsonFileError, "Skipped": Skipped}


@pytest.fixture(autouse=True)
def _app(qapp):
    yield
    i18n.set_language("en")


def raise_sites():
    """``(class name, code, keyword names, positional count, where)`` of every place in
    engine/ that makes a coded error, read from the source."""
    sites = []
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in CODED:
                continue
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            code_at = 1 if name in ("ModelFileError", "LabFileError", "Skipped") else 0
            code = keywords.pop("code", None) or (
                node.args[code_at] if len(node.args) > code_at else None)
            choices = [code.body, code.orelse] if isinstance(code, ast.IfExp) else [code]
            codes = [c.value for c in choices if isinstance(c, ast.Constant)]
            if name == "ModelFileError" and code is None:
                codes = ["not_a_model"]  # the default
            where = f"{path.name}:{node.lineno}"
            extra = len(node.args) - 2 if name != "JsonFileError" else len(node.args) - 1
            for value in codes:
                sites.append((name, value, sorted(keywords), max(extra, 0), where))
    return sites


SITES = raise_sites()


def test_the_source_reading_finds_the_engines_coded_errors():
    codes = {(name, code) for name, code, *_ in SITES}
    assert ("ModelFileError", "weight_shape") in codes
    assert ("ArchitectureError", "window_does_not_fit") in codes
    assert ("CollectionError", "too_few_examples") in codes
    assert ("JsonFileError", "too_deep") in codes
    assert ("ModelFileError", "too_large") in codes  # from a conditional expression
    assert len(codes) >= 60


def make(name, code, keywords, positional):
    """An error like the one raised at a site, with stand-in values of the right names."""
    values = {key: 3 for key in keywords}
    cls = CODED[name]
    if name == "ModelFileError":
        return cls("message", code, **values)
    if name == "LabFileError":
        if code == "model":  # the embedded model's own error, worded inside the lab's
            values.update(reason="not_finite", model_values={"name": "model.npz", "key": 3})
        return cls("message", code, **values)
    if name == "JsonFileError":
        return cls(code, "file.json", *([3] * positional))
    if name == "Skipped":
        return cls("/data/cat/x.png", code, "a named pipe")
    if name in ("DataError", "CollectionError"):
        return cls(code, "message", **values)
    return cls(code, "message", **values)


@pytest.mark.parametrize("name, code, keywords, positional, where", SITES,
                         ids=[f"{s[0]}-{s[1]}-{s[4]}" for s in SITES])
def test_every_code_raised_in_the_engine_is_worded(name, code, keywords, positional, where):
    error = make(name, code, keywords, positional)
    assert wording_for(error) is not None, f"{name} {code!r} ({where}) has no wording"
    text = error_text(error)
    assert text and text != str(error), f"{name} {code!r} ({where}) fell back to str()"
    with pseudo_language():
        marked = error_text(error)
    assert not leftover(marked, allowed=["file.json", "x.png", "cat", "named pipe"]), marked


def test_real_engine_errors_read_as_sentences(tmp_path):
    not_a_model = tmp_path / "notes.npz"
    not_a_model.write_text("hello")
    with pytest.raises(ModelFileError) as caught:
        model.load(not_a_model)
    assert error_text(caught.value) == "“notes.npz” is not a CNN Lab model file."

    with pytest.raises(ops.WindowDoesNotFit) as caught:
        ops.output_size_terms(3, 5, padding=0).check()
    assert error_text(caught.value) == (
        "The convolution kernel spans 5 cells, more than its input of 3: no output is left.")
    with pytest.raises(ops.WindowDoesNotFit) as caught:
        ops.output_size_terms(2, 5, padding=1, stage="pool").check()
    assert error_text(caught.value) == (
        "The pool window spans 5 cells, more than its input of 2 padded by 1 on each side "
        "to 4: no output is left.")

    summary = architecture.summarize(architecture.cnn_architecture(), (1, 28, 28))
    with pytest.raises(MemoryBudgetExceeded) as caught:
        costs.check_budget(summary, 64, budget_bytes=2**20)
    text = error_text(caught.value)
    assert text.startswith("This network needs about ") and "1 MiB allowed" in text

    with pytest.raises(JsonFileError) as caught:
        safe_json.loads("[" * 40)
    assert error_text(caught.value) == (
        "The text nests its lists 40 levels deep; at most 32 are allowed.")

    with pytest.raises(DataError) as caught:
        folders.scan_class_folders(tmp_path / "nowhere", {"png"})
    assert "does not exist" in error_text(caught.value)

    classes = collection.MyClasses()
    classes.add_class("cat")
    classes.add_example("cat", np.zeros((28, 28)))
    with pytest.raises(CollectionError) as caught:
        collection.check_class_sizes(["cat", "dog"], [1, 2])
    assert error_text(caught.value) == (
        "Add 1 more example to “cat”: every class needs at least 2 (one to train on, one "
        "to test with).")


def test_anything_else_shows_its_own_text():
    assert error_text(OSError("disk on fire")) == "disk on fire"
    # Values shaped unlike the wording expects show the engine's own message instead.
    assert error_text(ModelFileError("the message", "version")) == "the message"


def test_errors_are_worded_in_the_current_language():
    error = ArchitectureError("not_flat", "the last layer must be a Dense layer")
    english = error_text(error)
    with pseudo_language():
        assert error_text(error) == "⟦The last layer must be a Dense layer.⟧"
    assert error_text(error) == english
    i18n.set_language("ja")
    assert error_text(error) == "最後の層は Dense 層（全結合層）でなければなりません。"
    assert error_text(ops.WindowDoesNotFit(ops.output_size_terms(3, 5))) == (
        "畳み込みのカーネルは 5 マス分の幅があり、入力の 3 マスより大きいため、出力が残りません。")
    i18n.set_language("en")
    assert error_text(error) == english
