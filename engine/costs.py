"""What a network costs, from its :func:`engine.architecture.summarize` alone: parameters,
memory for a training step, the check against a memory budget, and the work and time of
an epoch. Nothing here allocates a weight, so the Train page can show every figure (and
refuse a configuration, naming its layer) on each change of a setting::

    summary = architecture.summarize(specs, (1, 28, 28))
    parameter_count(summary)                      # weights and biases together
    check_budget(summary, batch_size=64)          # MemoryBudgetExceeded names the layer
    estimate_epoch_seconds(summary, 3600, engine.train.measure_training_speed())
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine import limits
from engine.architecture import LayerSummary


class MemoryBudgetExceeded(MemoryError):
    """A configuration that needs more memory than its budget.

    ``code`` is ``"memory_budget"``; ``layer_index`` / ``layer_kind`` name the layer that
    needs the most, ``layer_bytes`` what it needs, ``total_bytes`` and ``budget_bytes``
    the whole and the budget.
    """

    code = "memory_budget"

    def __init__(self, layer_index: int, layer_kind: str, layer_bytes: int,
                 total_bytes: int, budget_bytes: int) -> None:
        self.layer_index = layer_index
        self.layer_kind = layer_kind
        self.layer_bytes = layer_bytes
        self.total_bytes = total_bytes
        self.budget_bytes = budget_bytes
        self.values = {"layer": layer_index, "kind": layer_kind, "layer_bytes": layer_bytes,
                       "total_bytes": total_bytes, "budget_bytes": budget_bytes}
        super().__init__(
            f"this configuration needs about {_mib(total_bytes)} of memory, more than the "
            f"{_mib(budget_bytes)} allowed; layer {layer_index + 1} ({layer_kind}) alone needs "
            f"{_mib(layer_bytes)}"
        )


def _mib(count: int) -> str:
    return f"{count / 2**20:,.0f} MiB"


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes a training step needs: ``parameters`` (weights and biases), ``gradients``
    (of the parameters and of every layer's output), ``optimizer_state`` (momentum or
    Adam's moments), ``activations`` (every layer's output and what it keeps for its
    backward pass) for ``batch_size`` images; ``per_layer`` has each layer's share."""

    batch_size: int
    parameters: int
    gradients: int
    optimizer_state: int
    activations: int
    per_layer: tuple[int, ...]

    @property
    def total(self) -> int:
        return self.parameters + self.gradients + self.optimizer_state + self.activations


def parameter_count(summary) -> int:
    """Weights and biases of all layers together."""
    return sum(layer.parameters for layer in summary)


def estimate_memory(summary, batch_size: int, itemsize: int = 4,
                    optimizer_slots: int = 2) -> MemoryEstimate:
    """What a training step of ``batch_size`` images needs, in bytes.

    ``itemsize`` is 4 for float32, 8 for float64; ``optimizer_slots`` is 2 for Adam, 1 for
    SGD with momentum, 0 for plain SGD. The figures are the arrays the engine keeps
    alive at the peak of a step; NumPy's short-lived temporaries add a little on top.
    """
    batch = int(batch_size)
    per_layer = []
    parameters = gradients = state = activations = 0
    input_floats = math.prod(summary[0].input_shape) * batch if summary else 0
    activations += input_floats * itemsize
    for layer in summary:
        p = layer.parameters * itemsize
        # A convolution's columns count twice: the fast path unfolds a batch while the
        # last batch's columns are still alive (see Conv2D.forward_chwn).
        kept = (layer.outputs + 2 * layer.workspace_floats) * batch * itemsize \
            + layer.workspace_bytes * batch
        grads = p + layer.outputs * batch * itemsize
        parameters += p
        state += p * optimizer_slots
        activations += kept
        gradients += grads
        per_layer.append(p * (1 + optimizer_slots) + kept + grads)
    return MemoryEstimate(batch, parameters, gradients, state, activations, tuple(per_layer))


def check_budget(summary, batch_size: int, budget_bytes: int = limits.DEFAULT_MEMORY_BUDGET,
                 itemsize: int = 4, optimizer_slots: int = 2) -> MemoryEstimate:
    """The :func:`estimate_memory` of ``summary``; raises :class:`MemoryBudgetExceeded`,
    naming the layer that needs the most, when the total is over ``budget_bytes``."""
    estimate = estimate_memory(summary, batch_size, itemsize, optimizer_slots)
    if estimate.total > budget_bytes:
        worst = max(range(len(summary)), key=lambda i: estimate.per_layer[i])
        raise MemoryBudgetExceeded(worst, summary[worst].kind, estimate.per_layer[worst],
                                   estimate.total, int(budget_bytes))
    return estimate


#: Floating-point operations one moved or compared value is counted as in
#: :func:`training_flops`: unfolding windows, ReLU and pooling move memory rather than
#: multiply, and one such value costs about as much as several operations of a matrix
#: product. A rough figure: with it the default network's estimated epoch came within
#: 30 % of the measured one (benchmarks/bench_default_training.py prints both).
ELEMENT_COST = 6


def training_flops(summary) -> int:
    """Work of one training image, forward and backward, in floating-point operations.

    Matrix products count 2 per multiply-add: a convolution or dense layer costs its
    forward product, its weight-gradient product and (except for the first trainable
    layer, whose input gradient training skips) its input-gradient product. Values that
    are only moved or compared (a convolution's unfolded windows and their gradient,
    every layer's output and its gradient) count :data:`ELEMENT_COST` each.
    """
    total, first = 0, True
    for layer in summary:
        moved = 2 * layer.outputs
        if layer.kind in ("Conv2D", "Dense"):
            products = (2 if first else 3)
            total += 2 * layer.weights * _positions(layer) * products
            moved += 2 * layer.workspace_floats
            first = False
        total += ELEMENT_COST * moved
    return int(total)


def _positions(layer: LayerSummary) -> int:
    """Output positions a layer's weights are applied at (1 for a dense layer)."""
    if layer.kind != "Conv2D":
        return 1
    return layer.output_shape[1] * layer.output_shape[2]


def estimate_epoch_seconds(summary, images: int, flops_per_second: float,
                           validation_images: int = 0) -> float:
    """An estimate of one epoch's seconds: :func:`training_flops` of ``images`` training
    images, plus a forward pass (a third of it) for ``validation_images``, at
    ``flops_per_second`` (from :func:`engine.train.measure_training_speed`, which times
    a short run of a reference network on this machine).

    It is an estimate: it ignores batch size, caches and other programs, and is
    typically within a factor of 1.5 of the measured time.
    """
    per_image = training_flops(summary)
    work = per_image * int(images) + per_image / 3 * int(validation_images)
    return float(work / max(float(flops_per_second), 1.0))
