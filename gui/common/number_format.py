"""Numbers written for a learner: as few decimals as write them exactly, a real minus."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication


def exact_decimals(values, most: int = 2) -> int:
    """The fewest decimals (up to ``most``) that write every value of ``values`` (a number
    or an array of any shape) exactly, judged at the values' own precision."""
    flat = np.asarray(values).ravel()
    for decimals in range(most):
        scaled = flat * 10.0 ** decimals
        if np.abs(scaled - np.round(scaled)).max(initial=0.0) <= 1e-6 * 10.0 ** decimals:
            return decimals
    return most


def format_number(value: float, decimals: int = 2) -> str:
    """``value`` with ``decimals`` decimals (none for whole numbers) and a real minus
    sign, never "−0"."""
    value = float(value)
    if value == round(value) and abs(value) < 1e6:
        text = str(int(round(value)))
    else:
        text = f"{value:.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")
    return text.replace("-", "\u2212")


def _whole(flat: np.ndarray) -> np.ndarray:
    """Where :func:`format_number` writes a value of ``flat`` without decimals."""
    return (flat == np.round(flat)) & (np.abs(flat) < 1e6)


def format_numbers(values, decimals: int = 2) -> list[str]:
    """:func:`format_number` of every value of ``values`` (any shape, row-major order),
    about six times as fast: the stage maps write thousands of numbers per edit."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    texts = [f"{v:.{decimals}f}" for v in flat.tolist()]
    for i in np.flatnonzero(_whole(flat)).tolist():
        texts[i] = f"{flat[i]:.0f}"
    for i in np.flatnonzero(np.signbit(flat)).tolist():
        text = texts[i]
        # "−0.00" is written "0.00": a sign on nothing would read as a value
        texts[i] = text[1:] if text.strip("-0.") == "" else "\u2212" + text[1:]
    return texts


def widest_candidates(values, decimals: int = 2) -> list[str]:
    """The texts, among those :func:`format_numbers` writes for ``values``, that can be
    the widest: the largest value of each kind (whole or not, negative or not). More
    digits never come with a smaller size, so the widest text is one of these (with the
    equal-width digits of the usual fonts), found without writing every value."""
    flat = np.asarray(values, dtype=np.float64).ravel()
    if flat.size == 0:
        return []
    size = np.abs(flat)
    whole = _whole(flat)
    negative = np.signbit(flat)
    picks = []
    for kind in ((whole & negative), (whole & ~negative), (~whole & negative),
                 (~whole & ~negative)):
        if kind.any():
            picks.append(flat[np.flatnonzero(kind)[np.argmax(size[kind])]])
    return format_numbers(np.array(picks), decimals)


def nice(value: float) -> str:
    """``value`` with as few decimals as write it exactly, at most two (1.5, not 1.50)."""
    return format_number(value, exact_decimals(value))


# --- the app's conventions for numbers on screen -----------------------------------------
#: Rows, columns, filters, channels and flattened positions are counted from 1 wherever
#: the learner reads them (row 1 is the top row, column 1 the leftmost, filter 1 the first
#: in the list); NumPy's 0-based indices stay inside the code. Padding lies outside the
#: picture, so its rows and columns read 0 (above, left) or one past the last.
FIRST_INDEX = 1


def shown_index(index) -> int:
    """The number the learner reads for a 0-based ``index``."""
    return int(index) + FIRST_INDEX


def pixel_scale(channels: int, inverted: bool = False) -> str:
    """What a pixel's number means, said beside the numbers: grayscale measures darkness
    (ink = 1, as in MNIST), colour measures brightness per channel (as in every photo);
    inverting swaps both."""
    if channels == 3:
        if inverted:
            return QCoreApplication.translate("Conventions", "colour inverted: 0 = full, 1 = none")
        return QCoreApplication.translate("Conventions", "colour: 0 = none, 1 = full")
    if inverted:
        return QCoreApplication.translate("Conventions", "gray inverted: 0 = black, 1 = white")
    return QCoreApplication.translate("Conventions", "gray: 0 = white, 1 = black")
