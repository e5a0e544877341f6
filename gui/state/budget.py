"""Memory and time a computation will take, estimated from its sizes before it runs.

The explorer asks here first, so a setting that would need gigabytes is refused with a
message instead of raising MemoryError (or freezing the window for seconds), and an
exploration that takes longer than a frame runs in the worker. (The Train page asks
:mod:`engine.architecture` about a training run.)
Nothing is allocated: the estimates follow the shapes the engine would produce.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine import ops
from engine.pipeline import estimate_explore_bytes, resolve_padding

#: Most memory one exploration may take (the im2col columns dominate).
EXPLORE_MEMORY_BUDGET = 1 << 30
#: An exploration estimated to take longer than this runs in the worker thread.
FRAME_SECONDS = 1 / 60
#: The same while a training run works in its thread: the window's thread then shares
#: the cores and Python's GIL with it, and an exploration took 2-8 times its estimate on
#: the clock (the soak benchmark: estimated 12 ms, 25 ms of CPU, 108 ms until done).
TRAINING_FRAME_SECONDS = FRAME_SECONDS / 8

# Rough single-thread rates on the 2-core machines the app was measured on (float32
# matrix product, and memory written then read once); within 2x is enough to tell a
# frame from a second.
_FLOPS_PER_SECOND = 2.0e10
_BYTES_PER_SECOND = 4.0e9
_FLOAT = 4  # bytes in a float32


@dataclass(frozen=True)
class ExplorationCost:
    """Estimated ``bytes`` of memory and ``seconds`` of one exploration."""

    bytes: int
    seconds: float


def exploration_cost(image_shape, weight_shape, stride, padding, dilation, activation="relu",
                     pool="max", pool_size=2, pool_stride=None) -> ExplorationCost | None:
    """Cost of :func:`engine.pipeline.explore` on an image (C, H, W) with filters
    (F, C, KH, KW); None when the settings leave no output (explore says why). The
    memory is the engine's own estimate; the time adds the multiply-adds of the
    convolution to the memory written and read."""
    channels, height, width = (int(v) for v in image_shape)
    filters, _, kh, kw = (int(v) for v in weight_shape)
    try:
        size = estimate_explore_bytes((channels, height, width), (filters, channels, kh, kw),
                                      stride, padding, activation, pool, pool_size,
                                      pool_stride, dilation)
        out_h, out_w = ops.conv_geometry((height, width), (kh, kw), stride,
                                         resolve_padding(padding, (kh, kw), dilation),
                                         dilation)
    except ValueError:
        return None
    multiply_adds = filters * channels * kh * kw * out_h * out_w
    seconds = 2 * multiply_adds / _FLOPS_PER_SECOND + 2 * size / _BYTES_PER_SECOND
    return ExplorationCost(size, seconds)
