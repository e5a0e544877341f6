"""Numbers written for a learner: as few decimals as write them exactly, a real minus."""

from __future__ import annotations

import numpy as np


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


def nice(value: float) -> str:
    """``value`` with as few decimals as write it exactly, at most two (1.5, not 1.50)."""
    return format_number(value, exact_decimals(value))
