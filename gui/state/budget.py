"""Memory and time a computation will take, estimated from its sizes before it runs.

The explorer asks here first, so a setting that would need gigabytes is refused with a
message instead of raising MemoryError (or freezing the window for seconds), and an
exploration that takes longer than a frame runs in the worker. (The Train page asks
:mod:`engine.architecture` about a training run.)
Nothing is allocated: the estimates follow the shapes the engine would produce. They are
the machine's speed with a core to itself; :class:`Slowdown` follows how much longer
explorations take now (other work on the machine, training in the app).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine import ops
from engine.pipeline import estimate_explore_bytes, resolve_padding

#: Most memory one exploration may take (the im2col columns dominate).
EXPLORE_MEMORY_BUDGET = 1 << 30
FRAME_SECONDS = 1 / 60
#: An exploration estimated to take longer than this runs in the worker thread, training
#: or not: an eighth of a frame, since the window's thread must also draw the result,
#: and in the app an exploration took 2-8 times its estimate on the clock while training
#: shared the cores and Python's GIL (the soak benchmark: estimated 12 ms, 25 ms of CPU,
#: 108 ms until done) and still twice it without (estimated 15 ms, 30 ms: with a frame
#: as the budget, the soak without training stalled 44-62 ms).
WINDOW_EXPLORE_SECONDS = FRAME_SECONDS / 8

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


#: Explorations estimated under this are neither timed nor scaled: their fixed costs
#: (Python calls, small allocations), which the estimate leaves out, would read as a slow
#: machine, and they end quickly whatever the load.
SLOWDOWN_MIN_ESTIMATE = 0.5e-3
#: The most a slowdown is taken to be (one exploration held up by a paused process
#: must not keep every later one out of the window's thread for long).
SLOWDOWN_LIMIT = 20.0
#: How far each quicker exploration brings the slowdown back towards its own.
SLOWDOWN_EASE = 0.25


class Slowdown:
    """How many times its estimate (:func:`exploration_cost`) an exploration has lately
    taken on the clock.

    The estimates hold for a core of one's own. While training runs, the window's
    thread and the explorer's worker share the cores and Python's GIL with it (and with
    any other program): an exploration then took 5-50 times its estimate on the clock
    (the soak benchmark: estimated 1.7 ms, 15 ms of CPU and 84 ms until done), and one
    computed in the window's thread held it up as long. Scaling the estimate by this
    factor sends those to the worker. A slower exploration raises the factor at once
    (the explorer lets only those made while training runs do so); quicker ones lower
    it a step at a time, and never below 1 (the estimate is trusted as the best case).
    """

    def __init__(self) -> None:
        self.factor = 1.0

    def observe(self, estimated: float, taken: float, raise_factor: bool = True) -> None:
        """An exploration estimated at ``estimated`` seconds took ``taken`` seconds;
        ``raise_factor=False``: it may only bring the factor down."""
        if not estimated >= SLOWDOWN_MIN_ESTIMATE or not math.isfinite(taken):
            return
        ratio = min(SLOWDOWN_LIMIT, max(1.0, taken / estimated))
        if ratio >= self.factor:
            if raise_factor:
                self.factor = ratio
        else:
            self.factor += SLOWDOWN_EASE * (ratio - self.factor)

    def scaled(self, estimated: float) -> float:
        """How long an exploration estimated at ``estimated`` seconds will take now."""
        return estimated if estimated < SLOWDOWN_MIN_ESTIMATE else estimated * self.factor

    def reset(self) -> None:
        """Forget what was observed (the estimate alone counts again)."""
        self.factor = 1.0
