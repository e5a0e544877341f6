"""Settings the state holds as frozen values: the explorer's layer and the training run.

:class:`LayerSettings` is how the explorer's convolution and pooling are set up;
:class:`TrainingConfig` is the Train page's architecture and hyper-parameters;
:data:`DATA_SOURCES` names where training images come from. Each is replaced whole
(``dataclasses.replace``), never changed in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.model import Sequential, build_cnn
from engine.pipeline import resolve_padding
from gui.state.errors import StateError

OPTIMIZERS = ("adam", "sgd")
POOLS = ("max", "avg", "none")
#: Where the Train page takes its images from (see :mod:`gui.train.dataset_panel`).
DATA_SOURCES = ("mnist", "shapes", "folder", "mine")


@dataclass(frozen=True)
class LayerSettings:
    """How the convolutional layer and the pooling after it are set up.

    ``padding`` is ``"valid"``, ``"same"`` or a (rows, cols) pair; ``pool_stride`` None
    means "equal to the pool size".
    """

    stride: tuple[int, int] = (1, 1)
    padding: str | tuple[int, int] = "valid"
    dilation: tuple[int, int] = (1, 1)
    activation: str = "relu"
    pool: str = "max"
    pool_size: tuple[int, int] = (2, 2)
    pool_stride: tuple[int, int] | None = None


def _pair(value) -> tuple[int, int]:
    if np.isscalar(value):
        value = (value, value)
    rows, cols = (int(v) for v in value)
    return rows, cols


@dataclass(frozen=True)
class TrainingConfig:
    """Architecture and hyper-parameters of one training run.

    The architecture is ``conv(filters, kernel_size, stride, padding) -> ReLU ->
    pool(pool, pool_size) -> flatten -> [dense(hidden) -> ReLU] -> dense(classes)``
    (:func:`engine.model.build_cnn` with one convolution block). ``padding`` is a number
    of rows and columns of zeros (the explorer's "same" and "valid" are resolved by
    :meth:`from_state`). ``patience`` None turns early stopping off.
    """

    filters: int = 8
    kernel_size: tuple[int, int] = (3, 3)
    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] = (0, 0)
    pool: str = "max"
    pool_size: tuple[int, int] = (2, 2)
    hidden: int = 0
    epochs: int = 5
    batch_size: int = 64
    lr: float = 3e-3
    optimizer: str = "adam"
    momentum: float = 0.9
    augment_shift: int = 0
    patience: int | None = None
    seed: int = 0
    validation_fraction: float = 0.1

    def __post_init__(self) -> None:
        for name in ("kernel_size", "stride", "padding", "pool_size"):
            object.__setattr__(self, name, _pair(getattr(self, name)))
        self.check()

    @classmethod
    def from_state(cls, state, **overrides) -> TrainingConfig:
        """The explorer's current layer as a training configuration: its number of
        filters, kernel size, stride, padding (``"same"``/``"valid"`` resolved to numbers)
        and pooling. The explorer's dilation and pool stride have no counterpart in the
        trained network and are left out. ``overrides`` set any other field."""
        settings = state.settings
        kernel = tuple(int(v) for v in state.kernel_size)
        values = {
            "filters": len(state.filters),
            "kernel_size": kernel,
            "stride": tuple(settings.stride),
            "padding": resolve_padding(settings.padding, kernel),
            "pool": settings.pool,
            "pool_size": tuple(settings.pool_size),
        }
        values.update(overrides)
        return cls(**values)

    def check(self) -> None:
        """Raise :class:`StateError` (a ValueError worded by :mod:`gui.common.error_text`)
        for a value the engine must never see."""
        if not 1 <= self.filters <= 256:
            raise StateError("filters_range", limit=256)
        if min(self.kernel_size) < 1 or min(self.stride) < 1 or min(self.pool_size) < 1:
            raise StateError("sizes_positive")
        if min(self.padding) < 0:
            raise StateError("padding_negative")
        if self.pool not in POOLS:
            raise StateError("pool_kind", valid=POOLS)
        if not 0 <= self.hidden <= 4096:
            raise StateError("hidden_range", limit=4096)
        if not 1 <= self.epochs <= 10_000:
            raise StateError("epochs_range", limit=10_000)
        if not 1 <= self.batch_size <= 100_000:
            raise StateError("batch_size_range", limit=100_000)
        if not (np.isfinite(self.lr) and 0 < self.lr <= 1e6):
            raise StateError("learning_rate")
        if self.optimizer not in OPTIMIZERS:
            raise StateError("optimizer_kind")
        if not (np.isfinite(self.momentum) and 0 <= self.momentum < 1):
            raise StateError("momentum_range")
        if not 0 <= self.augment_shift <= 8:
            raise StateError("shift_range", limit=8)
        if self.patience is not None and self.patience < 1:
            raise StateError("patience_range")
        if not 0 <= self.validation_fraction < 1:
            raise StateError("validation_range")

    def build_model(self, input_shape, class_names) -> Sequential:
        """A freshly initialised network for images ``input_shape`` (C, H, W) and the given
        classes. Raises ValueError, naming the sizes, when the image shrinks to nothing."""
        return build_cnn(tuple(input_shape), len(class_names), self.filters, self.kernel_size,
                         self.stride, self.padding, self.pool, self.pool_size, self.hidden,
                         self.seed, tuple(class_names))
