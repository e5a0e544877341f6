"""The layer settings (stride, padding, dilation, activation, pooling) the explorer uses.

One job of :class:`gui.state.LabState`: changing the layer settings.
"""

from __future__ import annotations

from dataclasses import replace

from gui.state.settings import LayerSettings


class LayerConfig:
    """The layer-settings part of :class:`gui.state.LabState`."""

    def _init_layer_config(self) -> None:
        self._settings = LayerSettings()

    @property
    def settings(self) -> LayerSettings:
        return self._settings

    def set_settings(self, **changes) -> None:
        new = replace(self._settings, **changes)
        if new == self._settings:
            return
        self._settings = new
        with self.batch():
            self._clear_cells()
            self._emit("settings_changed")
            self._schedule()
