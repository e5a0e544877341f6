"""A number box that takes any number typed into it and says when it had to clamp one.

QDoubleSpinBox silently drops the keystrokes that would leave its range or that it does
not expect: "1e999" typed into a ±1000 box becomes 199 and "5000" becomes 500. This box
accepts decimal and scientific notation of any size, sets the nearest value within its
range and emits :attr:`ClampingSpinBox.clamped`, so its owner can tell the learner.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox

# A number as it may look while being typed: every prefix of a valid number matches.
_PARTIAL = re.compile(r"[+-]?(\d*)(\.\d*)?([eE][+-]?\d*)?")
_COMPLETE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
# Digits grouped in thousands ("12,345.5"): any other comma is a decimal mark ("0,5").
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?")


class ClampingSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox for typed numbers of any size.

    Signals
    -------
    clamped(str, float)
        The text typed and the value within range the box took instead of it.
    """

    clamped = Signal(str, float)

    def _plain(self, text: str) -> str:
        """``text`` without prefix, suffix or spaces, with full-width digits and a real
        minus sign read as ASCII, commas grouping thousands dropped and a lone decimal
        comma read as a point ("0,5" is a half, not 5)."""
        text = text.strip()
        if self.prefix() and text.startswith(self.prefix()):
            text = text[len(self.prefix()):]
        if self.suffix() and text.endswith(self.suffix()):
            text = text[: -len(self.suffix())]
        text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").replace(" ", "")
        if _GROUPED.fullmatch(text):
            return text.replace(",", "")
        if text.count(",") == 1 and "." not in text:
            return text.replace(",", ".")
        return text

    def validate(self, text: str, pos: int):  # noqa: D102 (Qt's virtual)
        plain = self._plain(text)
        if _COMPLETE.fullmatch(plain):
            return QValidator.State.Acceptable, text, pos
        if _PARTIAL.fullmatch(plain):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's virtual)
        try:
            value = float(self._plain(text))
        except ValueError:
            return self.value()
        bounded = min(max(value, self.minimum()), self.maximum())
        if bounded != value:
            self.clamped.emit(text.strip(), bounded)
        return bounded
