"""What a training configuration would build, known before anything is allocated.

:func:`plan_network` follows the Train page's blocks and hidden layers through an image
shape with :mod:`engine.architecture` (sizes only): every layer's output shape, weights
and biases, which block or hidden layer it belongs to, the memory a training step needs
and whether it is refused (a block that no longer fits the image, too many parameters
for a model file, or more memory than the budget), naming the layer. The layer table
shows a plan, and the run asks for one before it builds the network. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine import architecture, costs, ops
from engine.architecture import ArchitectureError, LayerSummary
from engine.costs import MemoryBudgetExceeded
from engine.train import STEP_CHUNK_FLOATS
from gui.state.settings import TrainingConfig


@dataclass(frozen=True)
class LayerRow:
    """One layer of a plan: its ``summary`` (None for a block that does not fit its
    input), the 0-based ``block`` or ``hidden`` layer it belongs to (None for neither),
    and whether it is the ``output`` layer."""

    summary: LayerSummary | None
    block: int | None = None
    hidden: int | None = None
    output: bool = False
    spec: dict | None = None


@dataclass(frozen=True)
class NetworkPlan:
    """The layers of a configuration on images ``input_shape`` (C, H, W).

    ``problem`` is the engine's error that refuses it (an
    :class:`~engine.architecture.ArchitectureError` or
    :class:`~engine.costs.MemoryBudgetExceeded`, worded by
    :func:`gui.common.error_text.error_text`), or None; ``problem_row`` the index in
    ``rows`` it concerns. ``memory`` is the estimate for ``batch`` images, the most a
    training step holds at once (the engine computes a larger mini-batch in slices).
    ``classes_known`` is False when the number of classes was guessed (a folder not read
    yet): the output layer's counts then change.
    """

    input_shape: tuple[int, int, int]
    rows: tuple[LayerRow, ...]
    problem: Exception | None = None
    problem_row: int | None = None
    memory: costs.MemoryEstimate | None = None
    batch: int = 0
    classes_known: bool = True

    @property
    def fits(self) -> bool:
        return self.problem is None

    @property
    def summary(self) -> tuple[LayerSummary, ...]:
        return tuple(row.summary for row in self.rows if row.summary is not None)

    @property
    def weights(self) -> int:
        return sum(layer.weights for layer in self.summary)

    @property
    def biases(self) -> int:
        return sum(layer.biases for layer in self.summary)

    def epoch_seconds(self, images: int, validation_fraction: float,
                      flops_per_second: float) -> float | None:
        """Estimated seconds of one epoch on ``images`` training images of which
        ``validation_fraction`` are held out (None when the plan is refused)."""
        if not self.fits:
            return None
        held = int(round(images * validation_fraction))
        return costs.estimate_epoch_seconds(self.summary, images - held,
                                                   flops_per_second, held)


def _rows(specs: list[dict], summary) -> list[LayerRow]:
    """Label each layer with its block or hidden layer, as network_architecture laid
    them out: a convolution opens a block, a dense layer before the last one a hidden
    layer; ReLUs and pools belong to what they follow."""
    rows: list[LayerRow] = []
    block = hidden = -1
    current: tuple[int | None, int | None] = (None, None)
    for index, (spec, layer) in enumerate(zip(specs, summary, strict=True)):
        kind = spec["type"]
        if kind == "Conv2D":
            block += 1
            current = (block, None)
        elif kind == "Flatten":
            current = (None, None)
        elif kind == "Dense":
            if index == len(specs) - 1:
                rows.append(LayerRow(layer, output=True, spec=spec))
                continue
            hidden += 1
            current = (None, hidden)
        rows.append(LayerRow(layer, current[0], current[1], spec=spec))
    return rows


def _rows_before(config: TrainingConfig, input_shape, failing: int) -> list[LayerRow]:
    """The layers of the blocks before block ``failing`` (which does not fit its input),
    then a row for that block."""
    rows: list[LayerRow] = []
    shape = tuple(input_shape)
    for index, block in enumerate(config.blocks[:failing]):
        layers = architecture.block_layers(block, shape[0])
        summary = architecture.summarize(layers, shape)
        rows += [LayerRow(layer, index, spec=spec) for spec, layer in zip(layers, summary,
                                                                          strict=True)]
        shape = summary[-1].output_shape
    rows.append(LayerRow(None, failing))
    return rows


def step_batch(summary, batch_size: int) -> int:
    """How many images a training step holds at once: the engine computes a mini-batch in
    slices of at most :data:`engine.train.STEP_CHUNK_FLOATS` activations."""
    per_image = max(costs.estimate_memory(summary, 1).activations, 1)
    return min(int(batch_size), max(1, STEP_CHUNK_FLOATS * 4 // per_image))


def plan_network(config: TrainingConfig, input_shape, classes: int | None,
                 budget_bytes: int | None = None) -> NetworkPlan:
    """The plan of ``config`` on images ``input_shape`` (C, H, W) with ``classes``
    classes (None: not known yet; counted as 2). Allocates nothing."""
    shape = tuple(int(v) for v in input_shape)
    known = classes is not None
    count = max(int(classes), 2) if known else 2
    try:
        specs = config.layer_specs(shape, count)
    except ArchitectureError as error:
        block = error.values.get("block")
        if block is None:
            return NetworkPlan(shape, (), error, None, classes_known=known)
        rows = _rows_before(config, shape, block)
        return NetworkPlan(shape, tuple(rows), error, len(rows) - 1, classes_known=known)
    summary = architecture.summarize(specs, shape)
    rows = tuple(_rows(specs, summary))
    batch = step_batch(summary, config.batch_size)
    slots = 2 if config.optimizer == "adam" else 1
    budget = {} if budget_bytes is None else {"budget_bytes": int(budget_bytes)}
    try:
        memory = costs.check_budget(summary, batch, optimizer_slots=slots, **budget)
    except MemoryBudgetExceeded as error:
        memory = costs.estimate_memory(summary, batch, optimizer_slots=slots)
        return NetworkPlan(shape, rows, error, error.layer_index, memory, batch, known)
    try:
        architecture.validate(specs, list(shape))  # what a model file may hold
    except (ArchitectureError, ops.WindowDoesNotFit) as error:
        return NetworkPlan(shape, rows, error, None, memory, batch, known)
    return NetworkPlan(shape, rows, None, None, memory, batch, known)
