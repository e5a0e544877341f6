"""Settings the state holds as frozen values: the explorer's layer and the training run.

:class:`LayerSettings` is how the explorer's convolution and pooling are set up;
:class:`TrainingConfig` is the Train page's architecture and hyper-parameters;
:data:`DATA_SOURCES` names where training images come from. Each is replaced whole
(``dataclasses.replace``), never changed in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import limits
from engine.architecture import DEFAULT_BLOCKS, DEFAULT_HIDDEN, ConvBlock, network_architecture
from engine.model import Sequential, build_network
from engine.pipeline import resolve_padding
from engine.train import DEFAULT_TRAINING, LR_SCHEDULES, TrainingSettings
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


@dataclass(frozen=True)
class TrainingConfig:
    """Architecture and hyper-parameters of one training run.

    The architecture is ``blocks`` (:class:`engine.architecture.ConvBlock`: convolution,
    optional ReLU, optional pooling) then ``hidden`` dense widths (0 to
    :data:`engine.architecture.MAX_HIDDEN_LAYERS`), built by
    :func:`engine.model.build_network`. Every default is the engine's:
    :data:`engine.architecture.DEFAULT_BLOCKS` / :data:`~engine.architecture.DEFAULT_HIDDEN`
    and :data:`engine.train.DEFAULT_TRAINING`, so the Train page and ``python -m
    engine.train`` start from one definition. ``patience`` None turns early stopping off.

    The blocks are checked for ranges and choices here; whether they fit an image, and
    whether training them fits the memory budget, depends on the data and is the
    Train page's to say (:mod:`gui.train.layer_table`).
    """

    blocks: tuple[ConvBlock, ...] = DEFAULT_BLOCKS
    hidden: tuple[int, ...] = DEFAULT_HIDDEN
    epochs: int = DEFAULT_TRAINING.epochs
    batch_size: int = DEFAULT_TRAINING.batch_size
    lr: float = DEFAULT_TRAINING.lr
    lr_schedule: str = DEFAULT_TRAINING.lr_schedule
    optimizer: str = DEFAULT_TRAINING.optimizer
    momentum: float = DEFAULT_TRAINING.momentum
    augment_shift: int = DEFAULT_TRAINING.augment_shift
    patience: int | None = DEFAULT_TRAINING.patience
    seed: int = DEFAULT_TRAINING.seed
    validation_fraction: float = DEFAULT_TRAINING.validation_fraction

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))
        object.__setattr__(self, "hidden", tuple(self.hidden))
        self.check()

    def check(self) -> None:
        """Raise :class:`StateError` (a ValueError worded by :mod:`gui.common.error_text`)
        for a value the engine must never see, or the engine's
        :class:`~engine.architecture.ArchitectureError` (a ValueError with a code, naming
        the block) for a block setting out of range."""
        # The largest input the engine accepts: every window fits it, so only the
        # blocks' own ranges and choices are checked (no image is involved yet).
        side = limits.MAX_INPUT_SIDE
        network_architecture((1, side, side), 2, self.blocks, self.hidden)
        if not 1 <= self.epochs <= 10_000:
            raise StateError("epochs_range", limit=10_000)
        if not 1 <= self.batch_size <= 100_000:
            raise StateError("batch_size_range", limit=100_000)
        if not (np.isfinite(self.lr) and 0 < self.lr <= 1e6):
            raise StateError("learning_rate")
        if self.lr_schedule not in LR_SCHEDULES:
            raise StateError("lr_schedule_kind")
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

    def layer_specs(self, input_shape, num_classes: int) -> list[dict]:
        """The layers :meth:`build_model` would build, as specs (nothing allocated); the
        engine's ArchitectureError, naming the block, when they do not fit the image."""
        return network_architecture(tuple(input_shape), int(num_classes), self.blocks,
                                    self.hidden)

    def build_model(self, input_shape, class_names) -> Sequential:
        """A freshly initialised network for images ``input_shape`` (C, H, W) and the given
        classes (ArchitectureError, naming the block, when it does not fit the image).
        Check the memory budget first: this allocates the weights."""
        return build_network(tuple(input_shape), len(class_names), self.blocks, self.hidden,
                             self.seed, tuple(class_names))

    def training_settings(self) -> TrainingSettings:
        """The hyper-parameters as the engine's :class:`engine.train.TrainingSettings`."""
        return TrainingSettings(
            optimizer=self.optimizer, lr=self.lr, momentum=self.momentum,
            batch_size=self.batch_size, epochs=self.epochs, augment_shift=self.augment_shift,
            lr_schedule=self.lr_schedule, patience=self.patience,
            validation_fraction=self.validation_fraction, seed=self.seed)


def explorer_block(state) -> ConvBlock:
    """The explorer's layer as a convolution block: its number of filters, kernel size,
    stride, padding (``"same"``/``"valid"`` resolved to numbers, dilation included),
    dilation, activation and pooling with its size and stride."""
    settings = state.settings
    kernel = tuple(int(v) for v in state.kernel_size)
    return ConvBlock(
        filters=len(state.filters),
        kernel_size=kernel,
        stride=tuple(settings.stride),
        padding=resolve_padding(settings.padding, kernel, settings.dilation),
        dilation=tuple(settings.dilation),
        activation=settings.activation,
        pool=settings.pool,
        pool_size=tuple(settings.pool_size),
        pool_stride=None if settings.pool_stride is None else tuple(settings.pool_stride),
    )
