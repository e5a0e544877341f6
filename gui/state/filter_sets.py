"""Whole sets of filters: replacing them all, the model's learned set, the learner's own.

One job of :class:`gui.state.LabState`: replacing every filter at once (a file, a lesson,
a trained model's first layer, the defaults), comparing the editor with the model's
learned filters, and keeping the learner's own filters and layer settings aside whenever
the app replaces them (a lesson, the defaults, learned ones, a file), so they can be
brought back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from gui.state.errors import StateError
from gui.state.filters import MAX_FILTERS, Filter, convert_channels, default_filters
from gui.state.settings import LayerSettings


class FilterSets:
    """The filter-set part of :class:`gui.state.LabState` (uses its signals and batches)."""

    def _init_filter_sets(self) -> None:
        self._learned: list[Filter] | None = None
        # The learner's own filters and layer settings, kept when the app replaced them
        # (see `placing_filters`), and whether the editor holds filters the app chose.
        self._own: tuple[list[Filter], LayerSettings] | None = None
        self._showing_placed = False

    def set_filters(self, filters: list[Filter], remember_as_learned: bool = False) -> None:
        """Replace all filters (loading a file, a lesson, a trained model's first layer)."""
        if not filters:
            raise StateError("no_filters")
        if len(filters) > MAX_FILTERS:
            raise StateError("too_many_filters", limit=MAX_FILTERS)
        shapes = {f.weights.shape[1:] for f in filters}
        if len(shapes) != 1:
            raise StateError("mixed_sizes")
        new = [f.replace(weights=convert_channels(f.weights, self.channels)) for f in filters]
        self._filters = new
        if remember_as_learned:
            self._learned = list(new)
        with self.batch():
            self._clear_cells()
            self._filters_edited()
            self._select(filter=min(self._selection.filter, len(new) - 1), force=True)

    @property
    def learned_filters(self) -> list[Filter] | None:
        return None if self._learned is None else list(self._learned)

    @property
    def learned_filters_edited(self) -> bool:
        """True when learned filters are in the editor and differ from the model's."""
        return self._learned is not None and self._learned != self._filters

    def reset_to_learned(self) -> None:
        if self._learned is not None:
            self.set_filters(self._learned)

    # --- the learner's own filters, kept aside --------------------------------------
    @property
    def own_filters(self) -> list[Filter] | None:
        """Copies of the learner's filters that the app replaced (`placing_filters`), or
        None."""
        return None if self._own is None else list(self._own[0])

    @contextmanager
    def placing_filters(self, chosen_by_learner: bool = False) -> Iterator[None]:
        """A batch in which the app replaces the filters and layer settings: with its own
        choice (a lesson's "Show me", the defaults, a model's learned filters), or with
        ``chosen_by_learner`` ones (a filter or lab file they opened). The learner's
        filters and settings on show are kept aside first, for `restore_own_filters`.
        Filters the app chose are never kept as the learner's, edited or not: pressing
        "Show me" twice, or one lesson after another, keeps the learner's own."""
        kept = self._own, self._showing_placed
        if not self._showing_placed:
            self._own = (list(self._filters), self._settings)
        try:
            with self.batch():
                yield
        except BaseException:  # refused (a bad file): the learner's are still on show
            self._own, self._showing_placed = kept
            raise
        self._showing_placed = not chosen_by_learner

    def restore_own_filters(self) -> None:
        """Bring back the filters and layer settings kept aside (see `own_filters`)."""
        if self._own is None:
            raise StateError("no_own_filters")
        filters, settings = self._own
        self._own, self._showing_placed = None, False
        with self.batch():  # listeners see filters and settings change together
            self.set_filters(filters)
            if settings != self._settings:
                self._settings = settings
                self._emit("settings_changed")

    def restore_default_filters(self) -> None:
        """Replace every filter by the app's four starting ones (:func:`default_filters`);
        the learner's own are kept aside (`placing_filters`)."""
        with self.placing_filters():
            self.set_filters(default_filters(self.channels))
