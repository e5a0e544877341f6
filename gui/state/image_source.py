"""The picture the explorer looks at: the source as loaded and the prepared image.

One job of :class:`gui.state.LabState`: loading a picture and its preprocessing, and
keeping the filters' channels in step with the prepared image.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from gui.common.preprocess import Preprocess, prepare
from gui.state.errors import StateError
from gui.state.filters import convert_channels


class ImageSource:
    """The image part of :class:`gui.state.LabState` (uses its signals and batches)."""

    def _init_image_source(self) -> None:
        self._source = np.ones((9, 9, 3), dtype=np.float32)
        self._source_name = ""
        self._preprocess = Preprocess()
        self._image = prepare(self._source, self._preprocess)
        # (colour filters, the gray filters made of them) from the last switch to gray:
        # back to colour with those gray filters untouched, the colour ones return.
        self._before_gray: tuple[list, list] | None = None

    @property
    def source(self) -> np.ndarray:
        """The picture as loaded: (H, W, 3) float32 RGB, 0 = dark, 1 = bright."""
        return self._source

    @property
    def source_name(self) -> str:
        """The picture's name, in the current language when it was given as words."""
        name = self._source_name
        return name() if callable(name) else name

    @property
    def preprocess(self) -> Preprocess:
        return self._preprocess

    @property
    def image(self) -> np.ndarray:
        """The image the filters see: (C, H, W) float32 (see :mod:`gui.common.preprocess`)."""
        return self._image

    @property
    def channels(self) -> int:
        return self._image.shape[0]

    def set_source(self, rgb: np.ndarray, name: str | Callable[[], str] = "") -> None:
        """Show a new picture; ``rgb`` is (H, W, 3) or (H, W), values 0..1, 1 = bright.
        ``name``: a file's name, or a function that words the picture's name in the
        current language (a test image's, a drawing's: it follows a language switch)."""
        rgb = np.asarray(rgb, dtype=np.float32)
        if rgb.ndim == 2:
            rgb = np.repeat(rgb[:, :, None], 3, axis=2)
        if rgb.ndim != 3 or rgb.shape[2] != 3 or min(rgb.shape[:2]) < 1:
            raise StateError("image_shape", shape=tuple(rgb.shape))
        source = np.clip(np.nan_to_num(rgb), 0.0, 1.0)
        source.flags.writeable = False
        self._source = source
        self._source_name = name
        self._emit("source_changed")
        self._update_image()

    def set_preprocess(self, preprocess: Preprocess | None = None, **changes) -> None:
        new = replace(preprocess or self._preprocess, **changes)
        if new == self._preprocess:
            return
        self._preprocess = new
        self._update_image()

    def _update_image(self) -> None:
        image = prepare(self._source, self._preprocess)
        channels_changed = image.shape[0] != self._image.shape[0]
        image.flags.writeable = False
        self._image = image
        with self.batch():
            if channels_changed:
                self._filters = self._filters_for_channels(image.shape[0])
                self._filters_converted()
                self._emit("filters_changed")
                self._select(channel=min(self._selection.channel, image.shape[0] - 1))
            self._clear_cells()
            self._emit("image_changed")
            self._schedule()

    def _filters_for_channels(self, channels: int) -> list:
        """The filters for ``channels`` input channels. Switching a colour picture to gray
        averages each filter's colour slices; switching back before any filter changed
        brings the colour slices back instead of three copies of their mean."""
        kept, self._before_gray = self._before_gray, None
        if kept is not None and channels > 1:
            colour, gray = kept
            if len(gray) == len(self._filters) and all(
                    a is b for a, b in zip(gray, self._filters, strict=True)):
                return list(colour)
        converted = [f.replace(weights=convert_channels(f.weights, channels))
                     for f in self._filters]
        if channels == 1:
            self._before_gray = (list(self._filters), list(converted))  # copies: edits mutate
        return converted
