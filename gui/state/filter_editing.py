"""Editing the filters: weights, biases, names, presets, size and the list's order.

One job of :class:`gui.state.LabState`: every change to one filter or to the list of
filters. Replacing the whole set (a file, a lesson, the model's learned filters, the
defaults) and keeping the learner's own set aside is :mod:`gui.state.filter_sets`.
"""

from __future__ import annotations

import numpy as np

from engine import kernels
from gui.state.errors import StateError
from gui.state.filters import (
    MAX_FILTERS,
    MAX_KERNEL,
    Filter,
    check_weight,
    default_filters,
    resize_kernel,
)


class FilterEditing:
    """The filter part of :class:`gui.state.LabState` (uses its signals and batches)."""

    def _init_filter_editing(self) -> None:
        self._filters: list[Filter] = default_filters(1)

    @property
    def filters(self) -> list[Filter]:
        """The feature detectors: a new list of immutable :class:`Filter` snapshots."""
        return list(self._filters)

    @property
    def filter_count(self) -> int:
        return len(self._filters)

    @property
    def selected_filter(self) -> Filter:
        return self._filters[self._selection.filter]

    @property
    def kernel_size(self) -> tuple[int, int]:
        return tuple(self._filters[0].weights.shape[1:])

    def weights(self) -> np.ndarray:
        """All filters stacked: (F, C, KH, KW) float32 (a new array)."""
        return np.stack([f.weights for f in self._filters])

    def biases(self) -> np.ndarray:
        return np.array([f.bias for f in self._filters], dtype=np.float32)

    def _replace_filter(self, index: int, **changes) -> None:
        self._filters[index] = self._filters[index].replace(**changes)

    def _filters_edited(self) -> None:
        self._emit("filters_changed")
        self._schedule()

    def set_cell(self, index: int, channel: int, row: int, col: int, value: float) -> None:
        """Change one weight; raises ValueError (and changes nothing) for a bad value."""
        value = check_weight(value)
        f = self._filters[index]
        if f.weights[channel, row, col] == np.float32(value):
            return
        weights = f.weights.copy()
        weights[channel, row, col] = value
        self._replace_filter(index, weights=weights, preset=None)
        self._filters_edited()

    def set_weights(self, index: int, weights: np.ndarray, preset: str | None = None) -> None:
        """Replace one filter's weights (C, KH, KW) of the current size and channels."""
        weights = np.asarray(weights, dtype=np.float32)
        if weights.ndim == 2:
            weights = np.repeat(weights[None], self.channels, axis=0)
        if weights.shape != self._filters[index].weights.shape:
            raise StateError("weights_shape", expected=tuple(self._filters[index].weights.shape),
                             shape=tuple(weights.shape))
        for value in (weights.min(), weights.max()):
            check_weight(value)
        self._replace_filter(index, weights=weights, preset=preset)
        self._filters_edited()

    def apply_preset(self, index: int, preset: str) -> None:
        kh, kw = self.kernel_size
        kernel = kernels.preset(preset, max(kh, kw))
        kernel = resize_kernel(kernel[None], kh, kw)[0]
        self.set_weights(index, kernel, preset)

    def set_bias(self, index: int, bias: float) -> None:
        bias = check_weight(bias)
        if bias == self._filters[index].bias:
            return
        self._replace_filter(index, bias=bias)
        self._filters_edited()

    def rename_filter(self, index: int, name: str) -> None:
        name = name.strip() or self._filters[index].name
        if name != self._filters[index].name:
            self._replace_filter(index, name=name)
            self._emit("filters_changed")

    def set_kernel_size(self, kh: int, kw: int) -> None:
        """Resize every filter (a layer's filters share one size); presets are rebuilt."""
        if not (1 <= kh <= MAX_KERNEL and 1 <= kw <= MAX_KERNEL):
            raise StateError("kernel_size_range", limit=MAX_KERNEL)
        if (kh, kw) == tuple(self.kernel_size):
            return
        resized = []
        for f in self._filters:
            if f.preset is not None:
                kernel = kernels.preset(f.preset, max(kh, kw))
                weights = resize_kernel(np.repeat(kernel[None], self.channels, axis=0), kh, kw)
            else:
                weights = resize_kernel(f.weights, kh, kw)
            resized.append(f.replace(weights=weights))
        self._filters = resized
        with self.batch():
            self._clear_cells()
            self._filters_edited()

    def add_filter(self, f: Filter | None = None) -> int:
        if len(self._filters) >= MAX_FILTERS:
            raise StateError("too_many_filters", limit=MAX_FILTERS)
        if f is None:
            kh, kw = self.kernel_size
            weights = np.zeros((self.channels, kh, kw), np.float32)
            weights[:, kh // 2, kw // 2] = 1.0
            # Named after the number it gets in the list ("8. filter 8"), never a number
            # that reads like another position ("8. filter 4").
            f = Filter(self._unique_name(f"filter {len(self._filters) + 1}"), weights, 0.0,
                       "identity" if kh == kw and kh % 2 else None)
        self._filters.append(f)
        with self.batch():
            self._filters_edited()
            self._select(filter=len(self._filters) - 1, force=True)
        return len(self._filters) - 1

    def duplicate_filter(self, index: int) -> int:
        f = self._filters[index]
        names, n, name = {g.name for g in self._filters}, 2, f"{f.name} (copy)"
        while name in names:
            name, n = f"{f.name} (copy {n})", n + 1
        return self.add_filter(f.replace(name=name))

    def remove_filter(self, index: int) -> None:
        if len(self._filters) <= 1:
            raise StateError("no_filters")
        del self._filters[index]
        with self.batch():
            self._filters_edited()
            self._select(filter=min(self._selection.filter, len(self._filters) - 1),
                         force=True)

    def move_filter(self, index: int, to: int) -> None:
        to = int(np.clip(to, 0, len(self._filters) - 1))
        if to == index:
            return
        self._filters.insert(to, self._filters.pop(index))
        with self.batch():
            self._filters_edited()
            self._select(filter=to, force=True)

    def _unique_name(self, base: str) -> str:
        # The counter goes in brackets: "vertical line 2" would read as a list position.
        names = {f.name for f in self._filters}
        if base not in names:
            return base
        n = 2
        while f"{base} ({n})" in names:
            n += 1
        return f"{base} ({n})"
