"""Colouring the stage view's maps: the input, the selected filter's three maps on one
symmetric scale, and the flattened strip with every filter's thumbnail on another.

Scales stay steady while the values still fit (:func:`.levels.steady_limit`), and a
thumbnail whose map is computed from what it already shows is not coloured again: an
edit usually changes one filter, and re-colouring the others would be most of a frame.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from engine.pipeline import Exploration
from gui.common.colormap import INK
from gui.common.heatmap import ColourBar
from gui.explore.stages import levels
from gui.explore.stages.items import NUMBERS_MAX_INPUT, NUMBERS_MAX_MAP, Stage


class StageMaps:
    """Colours ``stages`` and ``thumbnails`` and sets the two colour bars' scales.

    ``filters`` arguments are the filters the exploration was computed from (their
    weights and biases tell an unchanged map), or None when the filters on hand may
    not be the exploration's (then every thumbnail is coloured again).
    """

    def __init__(self, stages: dict[str, Stage], thumbnails: list[Stage],
                 colorbar: ColourBar, grid_colorbar: ColourBar) -> None:
        self._stages = stages
        self._thumbnails = thumbnails
        self._colorbar = colorbar
        self._grid_colorbar = grid_colorbar
        #: The selected filter's scale and the flattened strip's and thumbnails' scale.
        self.levels = (-1.0, 1.0)
        self.grid_levels = (-1.0, 1.0)
        self._shown_image: np.ndarray | None = None
        #: Counts the pictures shown (part of each thumbnail's signature).
        self._image_version = 0
        #: What the view's shapes were computed for (part of each signature too).
        self._geometry_key = None
        #: (picture, padding) the input's numbers were written for.
        self._input_numbers_key = None
        #: Colour-scale limits on show, kept while they still fit (see steady_limit);
        #: forgotten when the picture or the geometry changes.
        self._levels_kept: dict = {}
        #: Filter index -> (map signature, magnitude) (see _magnitude).
        self._magnitudes: dict[int, tuple] = {}

    def forget(self) -> None:
        """Colour every thumbnail again next time (the maps on hand may predate edits)."""
        for thumb in self._thumbnails:
            thumb.signature = None
        self._magnitudes.clear()

    def set_geometry(self, key) -> None:
        """The maps' shapes are ``key``: when they change, scales start afresh."""
        if key != self._geometry_key:
            self._geometry_key = key
            self._levels_kept.clear()

    def show_input(self, image: np.ndarray) -> None:
        """Input stage: INK map for one channel, true colour for three (C, H, W)."""
        shown = self._shown_image
        # Each exploration hands out its own array: compare the pixels (0.1 ms at
        # 512×512), since re-colouring the input and, through _image_version, every
        # thumbnail would be most of an edit's work.
        if shown is not None and (image is shown or (
                image.shape == shown.shape and np.array_equal(image, shown))):
            return
        self._shown_image = image
        self._image_version += 1
        self._levels_kept.clear()
        stage = self._stages["input"]
        if image.shape[0] == 3:
            rgb = np.ascontiguousarray(image.transpose(1, 2, 0))
            stage.image.set_rgb(rgb)
            stage.numbers.set_values(None)
        else:
            stage.image.set_map(image[0], (0.0, 1.0), INK)
        self._input_numbers_key = None

    def show_input_numbers(self, e: Exploration) -> None:
        """The input's values over its pixels (small gray inputs only), and the zeros of
        its padding around them."""
        key = (self._image_version, e.padding)
        if key == self._input_numbers_key:
            return
        self._input_numbers_key = key
        numbers = self._stages["input"].numbers
        gray = e.image[0]
        if e.image.shape[0] == 3 or max(gray.shape) > NUMBERS_MAX_INPUT:
            numbers.set_values(None)
            return
        ph, pw = e.padding
        padded = np.pad(gray, ((ph, ph), (pw, pw)))
        numbers.setPos(-pw, -ph)
        numbers.set_values(padded, padded > 0.5)

    def show_selected(self, e: Exploration, index: int,
                      filters: Sequence | None) -> None:
        """Filter ``index``'s conv, activation and pooled maps on one symmetric scale."""
        conv, activated, pooled = e.conv[index], e.activated_map(index), e.pooled[index]
        # The activation and pooling never leave the convolution's range (ReLU, max and
        # average all stay within it), so its magnitude scales all three.
        m = levels.steady_limit(self._levels_kept.get(("selected", index)),
                                self._magnitude(e, index, filters))
        self._levels_kept[("selected", index)] = m
        self.levels = (-m, m)
        # One reference for all three: where ReLU's short numbers would fit but the
        # convolution's signed ones would not, neither shows (the same for both).
        small = max(conv.shape) <= NUMBERS_MAX_MAP
        reference = np.concatenate([a.ravel() for a in (conv, activated, pooled)]) \
            if small else None
        for key, array in (("conv", conv), ("activated", activated), ("pooled", pooled)):
            stage = self._stages[key]
            stage.image.set_map(array, self.levels)
            if small:
                stage.numbers.set_values(array, np.abs(array) > 0.55 * m, reference)
            else:
                stage.numbers.set_values(None)
        if self._colorbar.levels() != self.levels:
            self._colorbar.setLevels(self.levels)

    def show_all(self, e: Exploration, filters: Sequence | None) -> None:
        """The flattened strip and every thumbnail on one shared symmetric scale,
        leaving alone each thumbnail whose inputs (picture, geometry, scale, weights,
        bias) are those it already shows."""
        count = e.conv.shape[0]
        wanted = max(self._magnitude(e, i, filters) for i in range(count))
        m = levels.steady_limit(self._levels_kept.get("grid"), wanted)
        self._levels_kept["grid"] = m
        self.grid_levels = (-m, m)
        self._stages["flattened"].image.set_map(e.flattened[None], self.grid_levels)
        for i, thumb in enumerate(self._thumbnails[:count]):
            map_signature = self._signature(e, i, filters)
            signature = None if map_signature is None else (map_signature, self.grid_levels)
            if signature is not None and signature == thumb.signature:
                continue
            thumb.signature = signature
            thumb.image.set_map(e.conv[i], self.grid_levels)
        if self._grid_colorbar.levels() != self.grid_levels:
            self._grid_colorbar.setLevels(self.grid_levels)

    def _signature(self, e: Exploration, index: int, filters: Sequence | None) -> tuple | None:
        """What filter ``index``'s feature map is computed from (picture, geometry,
        weights, bias), or None when that is not known."""
        if filters is None or len(filters) != e.conv.shape[0]:
            return None
        return (self._image_version, self._geometry_key, e.stride, e.dilation,
                filters[index].weights.tobytes(), filters[index].bias)

    def _magnitude(self, e: Exploration, index: int, filters: Sequence | None) -> float:
        """:func:`.levels.magnitude` of filter ``index``'s feature map, re-scanned only
        when the map changed (scanning all 8 maps of 512×512 took half a millisecond)."""
        signature = self._signature(e, index, filters)
        kept = self._magnitudes.get(index)
        if signature is not None and kept is not None and kept[0] == signature:
            return kept[1]
        magnitude = levels.magnitude(e.conv[index])
        self._magnitudes[index] = (signature, magnitude)
        return magnitude
