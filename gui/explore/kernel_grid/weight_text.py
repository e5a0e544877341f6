"""A weight as text: how a cell writes its number, and what typed text a cell accepts.

Pure functions but for :func:`refusal_text`, which words a refusal in the current
language (in the ``KernelGrid`` context of the catalogue, where these sentences were
first translated).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication

from gui.common.error_text import error_text
from gui.state import check_weight

# Anything that could still become a number (or a fraction such as 1/9) as more is typed.
_PARTIAL_NUMBER = re.compile(
    r"^\s*[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?(\s*/\s*[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?)?\s*$")
_NUMBER = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
_COMPLETE = re.compile(rf"^\s*({_NUMBER})(\s*/\s*({_NUMBER}))?\s*$")
#: Keys that open a cell's editor with themselves as the first character typed.
TYPING_STARTERS = frozenset("0123456789-+.")


class WeightTextError(ValueError):
    """Typed text that spells no number: ``code`` is ``"not_a_number"`` or
    ``"divide_by_zero"``; :func:`refusal_text` words it."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def format_value(value: float) -> str:
    """A compact label for a weight: ``8``, ``-0.5``, ``0.111``, ``12.5``, ``250``."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 100:
        text = f"{value:.0f}"
    elif magnitude >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "+0", "") else text


def compact_value(value: float) -> str:
    """``format_value`` shortened for small cells: ``0.25 -> .25``, ``-0.5 -> -.5``,
    ``0.001 -> 0``, ``12.5 -> 13``."""
    value = float(value)
    if not math.isfinite(value) or abs(value) >= 10:
        return format_value(round(value)) if math.isfinite(value) else str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "+0", ""):
        return "0"
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def parse_value(text: str) -> float:
    """The number ``text`` spells (a decimal or a fraction like ``1/9``), checked as a
    weight. A :class:`WeightTextError`, or the state's ``StateError`` for a number that
    is no usable weight (both ValueErrors), otherwise."""
    match = _COMPLETE.match(text)
    if not match:
        raise WeightTextError("not_a_number")
    numerator = float(match.group(1))
    if match.group(4):
        denominator = float(match.group(5))
        if denominator == 0:
            raise WeightTextError("divide_by_zero")
        numerator /= denominator
    return check_weight(numerator)


def could_become_number(text: str) -> bool:
    """True while ``text`` is a number, or the start of one, as typing goes on."""
    return _PARTIAL_NUMBER.match(text) is not None


def is_complete_number(text: str) -> bool:
    """True if ``text`` spells a whole number or fraction (usable as a weight or not)."""
    return _COMPLETE.match(text) is not None


def refusal_text(error: ValueError) -> str:
    """Why :func:`parse_value` refused some text, as a sentence in the current language."""
    if isinstance(error, WeightTextError):
        if error.code == "divide_by_zero":
            return QCoreApplication.translate(
                "KernelGrid", "Not a usable weight: cannot divide by zero.")
        return QCoreApplication.translate(
            "KernelGrid", "Not a usable weight: type a number such as 0.5, -1 or 1/9.")
    # error_text's sentence ends with its own full stop.
    return QCoreApplication.translate("KernelGrid", "Not a usable weight: {0}").format(
        error_text(error))
