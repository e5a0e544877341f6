"""What the next training run uses: where its images come from and its configuration.

One job of :class:`gui.state.LabState`: the training set-up the Train page edits.
"""

from __future__ import annotations

from dataclasses import replace

from gui.state.errors import StateError
from gui.state.settings import DATA_SOURCES, TrainingConfig


class TrainingSetup:
    """The training set-up part of :class:`gui.state.LabState`."""

    def _init_training_setup(self) -> None:
        self._training_config = TrainingConfig()
        self._data_source = DATA_SOURCES[0]

    @property
    def data_source(self) -> str:
        """Where training images come from: one of :data:`gui.state.DATA_SOURCES`."""
        return self._data_source

    def set_data_source(self, key: str) -> None:
        if key not in DATA_SOURCES:
            raise StateError("unknown_data_source", key=key, valid=DATA_SOURCES)
        if key != self._data_source:
            self._data_source = key
            self._emit("data_source_changed", key)

    @property
    def training_config(self) -> TrainingConfig:
        """The architecture and hyper-parameters the next training run uses."""
        return self._training_config

    def set_training_config(self, config: TrainingConfig | None = None, **changes) -> None:
        """Replace the training configuration, or change some of its fields; ValueError
        (and nothing changed) for a value the engine must never see."""
        new = replace(config or self._training_config, **changes)
        if new != self._training_config:
            self._training_config = new
            self._emit("training_config_changed")
