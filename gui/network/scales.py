"""Which columns of the network picture share a colour scale, and its levels.

Values are comparable, so they share one scale, within a convolution block (its
convolution, its ReLU, its pooling, and the flattened vector read from that pooling), within
a hidden layer (its sums and their ReLU), and among the output scores. The input keeps its
own ink scale (0 = paper, 1 = ink). A value then has the same colour in every column of
its group, and each group's legend says what the colours mean.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.units import Activations, Position
from gui.common.colormap import DIVERGING, INK, ColourMap, symmetric_levels


@dataclass(frozen=True)
class ScaleGroup:
    """Columns ``first..last`` (indices into the positions) on one scale.

    ``kind`` is ``"input"``, ``"block"``, ``"hidden"``, ``"output"`` or ``"softmax"``;
    ``number`` the block or hidden layer it belongs to (1-based, 0 otherwise).
    ``colormap`` is None for pictures shown in colour and for the softmax's bars.
    """

    kind: str
    number: int
    first: int
    last: int
    colormap: ColourMap | None
    levels: tuple[float, float]


def _group_key(position: Position, previous: tuple[str, int] | None) -> tuple[str, int]:
    role = position.role
    if role == "input":
        return "input", 0
    if role == "conv":
        return "block", position.block
    if role == "hidden":
        return "hidden", position.block
    if role in ("output", "softmax"):
        return role, 0
    return previous  # a ReLU, a pooling or the flattening: what it reads


def scale_groups(positions: tuple[Position, ...], activations: Activations
                 ) -> tuple[ScaleGroup, ...]:
    """The scale groups of ``positions`` for the values of ``activations``, in order."""
    keys: list[tuple[str, int]] = []
    for position in positions:
        keys.append(_group_key(position, keys[-1] if keys else None))
    groups = []
    start = 0
    for index in range(1, len(keys) + 1):
        if index < len(keys) and keys[index] == keys[start]:
            continue
        kind, number = keys[start]
        if kind == "input":
            channels = positions[0].shape[0]
            colormap, levels = (INK if channels == 1 else None), (0.0, 1.0)
        elif kind == "softmax":
            colormap, levels = None, (0.0, 1.0)
        else:
            values = [activations.at(positions[i].layer) for i in range(start, index)]
            colormap, levels = DIVERGING, symmetric_levels(*values)
        groups.append(ScaleGroup(kind, number, start, index - 1, colormap, levels))
        start = index
    return tuple(groups)


def group_of(groups: tuple[ScaleGroup, ...], column: int) -> ScaleGroup:
    return next(g for g in groups if g.first <= column <= g.last)
