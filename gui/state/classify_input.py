"""The Classify page's input, shared so that other pages can follow it.

One job of :class:`gui.state.LabState`: the 28×28 ink image the Classify page last gave
the network (a drawing, a test image or a picture), so the Network page shows every layer
for it as it is drawn. The Classify page sets it; nothing else changes it.
"""

from __future__ import annotations

import numpy as np


class ClassifyInput:
    """The Classify-input part of :class:`gui.state.LabState`."""

    def _init_classify_input(self) -> None:
        self._classify_input: np.ndarray | None = None

    @property
    def classify_input(self) -> np.ndarray | None:
        """The Classify page's input as (1, 28, 28) float32 ink (1 = ink), read-only, or
        None before it has classified anything."""
        return self._classify_input

    def set_classify_input(self, ink: np.ndarray) -> None:
        """Make ``ink`` ((28, 28) or (1, 28, 28), values in [0, 1]) the Classify page's
        input and emit ``classify_input_changed``."""
        image = np.array(ink, dtype=np.float32).reshape((1, *np.shape(ink)[-2:]))
        image.flags.writeable = False
        self._classify_input = image
        self._emit("classify_input_changed")
