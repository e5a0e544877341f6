"""Names shown to the learner for things saved under fixed keys.

Preset filters (:data:`engine.kernels.PRESETS`), built-in samples
(:mod:`gui.common.samples`) and sources of training images
(:data:`gui.state.DATA_SOURCES`) are saved to files and settings by key ("vertical line",
"mnist:7", "mnist"); the screen shows a name in the current language. Keys never change
with the language, so a preset saved while the app spoke Japanese loads in English.

Each function builds its table when called, from literal ``QCoreApplication.translate``
calls (so that ``pyside6-lupdate`` extracts every name), in the current language.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from engine.datasets import SHAPE_CLASSES


def preset_names() -> dict[str, str]:
    """Every preset key of :data:`engine.kernels.PRESETS` -> its display name."""
    return {
        "identity": QCoreApplication.translate("Presets", "Identity"),
        "box blur": QCoreApplication.translate("Presets", "Box blur"),
        "gaussian blur": QCoreApplication.translate("Presets", "Gaussian blur"),
        "sharpen": QCoreApplication.translate("Presets", "Sharpen"),
        "sobel x": QCoreApplication.translate("Presets", "Sobel x (vertical edges)"),
        "sobel y": QCoreApplication.translate("Presets", "Sobel y (horizontal edges)"),
        "prewitt x": QCoreApplication.translate("Presets", "Prewitt x (vertical edges)"),
        "prewitt y": QCoreApplication.translate("Presets", "Prewitt y (horizontal edges)"),
        "laplacian": QCoreApplication.translate("Presets", "Laplacian"),
        "emboss": QCoreApplication.translate("Presets", "Emboss"),
        "outline": QCoreApplication.translate("Presets", "Outline"),
        "horizontal line": QCoreApplication.translate("Presets", "Horizontal line"),
        "vertical line": QCoreApplication.translate("Presets", "Vertical line"),
        "diagonal line \\": QCoreApplication.translate("Presets", "Diagonal line \\"),
        "diagonal line /": QCoreApplication.translate("Presets", "Diagonal line /"),
    }


# (probe, preset key -> name, filter name -> shown name, shape class -> shown name) in
# the language of the probe.
_tables: tuple[str, dict[str, str], dict[str, str], dict[str, str]] = ("", {}, {}, {})


def _language_tables() -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
    """The preset names, the filter names worded so far and the generated shapes' class
    names, in the current language.

    Called for every filter on every edit (the filter list, the stage titles): the tables
    are kept, and started again only when the first preset's translation differs, i.e.
    when another language or catalogue is in use (fifteen translations per call were 250
    per edit)."""
    global _tables
    probe = QCoreApplication.translate("Presets", "Identity")
    if _tables[0] != probe:
        samples = sample_names()
        _tables = (probe, preset_names(), {},
                   {key: samples[f"shape:{key}"] for key in SHAPE_CLASSES})
    return _tables


def preset_name(key: str) -> str:
    """The display name of preset ``key`` (an unknown key shows as it is)."""
    return _language_tables()[1].get(key, key)


# Names the app makes for filters, saved in English like preset keys: "filter 5",
# "learned 3", "vertical line (copy)", "vertical line (copy 2)", "sharpen (2)".
_NUMBERED = re.compile(r"(filter|learned) (\d+)")
_SUFFIXED = re.compile(r"(.+) \((copy|copy (\d+)|\d+)\)")


def filter_name(name: str) -> str:
    """How a filter called ``name`` is shown: a name the app made (a preset's key, a new
    or learned filter's number, a copy) in the current language; a learner's own name as
    it is. A copy of a copy is worded from the inside out."""
    shown_names = _language_tables()[2]
    shown = shown_names.get(name)
    if shown is None:
        if len(shown_names) > 4096:
            shown_names.clear()
        shown = shown_names[name] = _word_filter_name(name)
    return shown


def _word_filter_name(name: str) -> str:
    suffixes = []
    for _ in range(len(name)):  # each suffix shortens the name: a bound, not a limit
        match = _SUFFIXED.fullmatch(name)
        if match is None:
            break
        name, suffix, copy_number = match.groups()
        suffixes.append((suffix, copy_number))
    numbered = _NUMBERED.fullmatch(name)
    if numbered is None:
        shown = preset_name(name)
    elif numbered[1] == "filter":
        shown = QCoreApplication.translate("Filters", "filter {number}").format(
            number=numbered[2])
    else:
        shown = QCoreApplication.translate("Filters", "learned {number}").format(
            number=numbered[2])
    for suffix, copy_number in reversed(suffixes):
        if suffix == "copy":
            shown = QCoreApplication.translate("Filters", "{name} (copy)").format(name=shown)
        elif copy_number is not None:
            shown = QCoreApplication.translate("Filters", "{name} (copy {number})").format(
                name=shown, number=copy_number)
        else:
            shown = f"{shown} ({suffix})"
    return shown


def sample_names() -> dict[str, str]:
    """Every built-in sample key -> its display name."""
    names = {
        "pattern:x": QCoreApplication.translate("Samples", "X (9×9)"),
        "pattern:o": QCoreApplication.translate("Samples", "O (9×9)"),
        "pattern:smiley": QCoreApplication.translate("Samples", "Smiley (9×9)"),
        "pattern:plus": QCoreApplication.translate("Samples", "Plus (7×7)"),
        "pattern:vstripes": QCoreApplication.translate("Samples", "Vertical stripes (9×9)"),
        "pattern:hstripes": QCoreApplication.translate("Samples", "Horizontal stripes (9×9)"),
        "pattern:checker": QCoreApplication.translate("Samples", "Checkerboard (8×8)"),
        "shape:circle": QCoreApplication.translate("Samples", "Circle"),
        "shape:square": QCoreApplication.translate("Samples", "Square"),
        "shape:triangle": QCoreApplication.translate("Samples", "Triangle"),
        "shape:cross": QCoreApplication.translate("Samples", "Cross"),
        "shape:horizontal line": QCoreApplication.translate("Samples", "Horizontal line"),
        "shape:vertical line": QCoreApplication.translate("Samples", "Vertical line"),
        "photo:cat": QCoreApplication.translate("Samples", "Cat"),
        "photo:coffee": QCoreApplication.translate("Samples", "Coffee"),
        "photo:astronaut": QCoreApplication.translate("Samples", "Astronaut"),
    }
    digit = QCoreApplication.translate("Samples", "Digit {0}")
    names.update({f"mnist:{d}": digit.format(d) for d in range(10)})
    return names


def class_name(name: str) -> str:
    """A class as shown: the generated shapes' classes (the app's own names, saved in
    English in models and data) in the current language; digits, a folder's and the
    learner's own class names as they are."""
    return _language_tables()[3].get(name, name)


def class_names(names) -> tuple[str, ...]:
    """:func:`class_name` of each of ``names``."""
    return tuple(class_name(str(name)) for name in names)


def sample_name(key: str) -> str:
    return sample_names().get(key, key)


def sample_category_names() -> dict[str, str]:
    """The sample picker's category keys -> their display names."""
    return {
        "Patterns": QCoreApplication.translate("Samples", "Patterns"),
        "Digits (MNIST)": QCoreApplication.translate("Samples", "Digits (MNIST)"),
        "Shapes": QCoreApplication.translate("Samples", "Shapes"),
        "Photos": QCoreApplication.translate("Samples", "Photos"),
    }


def sample_credit(key: str) -> str:
    """The credit line a bundled photo needs, or ""."""
    return {
        "photo:cat": QCoreApplication.translate(
            "Samples", "“Chelsea” the cat: photograph by Stefan van der Walt, CC0 "
            "(scikit-image)"),
        "photo:coffee": QCoreApplication.translate(
            "Samples", "Coffee: photograph by Rachel Michetti, courtesy of Pikolo Espresso "
            "Bar, CC0 (scikit-image)"),
        "photo:astronaut": QCoreApplication.translate(
            "Samples", "Astronaut Eileen Collins: NASA, public domain (scikit-image)"),
    }.get(key, "")


def data_source_names() -> dict[str, str]:
    """Every key of :data:`gui.state.DATA_SOURCES` -> its display name."""
    return {
        "mnist": QCoreApplication.translate("DataSources", "MNIST digits (bundled)"),
        "shapes": QCoreApplication.translate("DataSources", "Shapes (generated)"),
        "folder": QCoreApplication.translate("DataSources", "Image folder…"),
        "mine": QCoreApplication.translate("DataSources", "My classes"),
    }


def data_source_name(key: str) -> str:
    return data_source_names().get(key, key)
