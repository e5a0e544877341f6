"""The pooled-cell explanation agrees with the engine's pooling for every cell."""

from __future__ import annotations

import numpy as np
import pytest

from engine import ops
from gui.explore.pool_explained import explain_pooled_cell


@pytest.mark.parametrize("size, stride", [((2, 2), (2, 2)), ((3, 3), (2, 2)),
                                          ((2, 3), (1, 2)), ((3, 2), (3, 1))])
@pytest.mark.parametrize("pool", ["max", "avg"])
def test_every_pooled_cell_is_its_windows_max_or_mean(pool, size, stride):
    rng = np.random.default_rng(7)
    activated = np.maximum(rng.normal(size=(11, 13)), 0).astype(np.float32)
    activated[4:7, 4:7] = 0.0  # a flat patch: ties among the maxima
    function = ops.max_pool if pool == "max" else ops.avg_pool
    pooled = function(activated[None], size, stride, axis=1)[0]
    for row in range(pooled.shape[0]):
        for col in range(pooled.shape[1]):
            x = explain_pooled_cell(activated, pool, size, stride, row, col)
            top, left = row * stride[0], col * stride[1]
            window = activated[top:top + size[0], left:left + size[1]]
            np.testing.assert_array_equal(x.window, window)
            assert (x.top, x.left, x.bottom, x.right) == (
                top, left, top + size[0] - 1, left + size[1] - 1)
            assert x.value == pytest.approx(float(pooled[row, col]), rel=1e-6, abs=1e-7)
            if pool == "max":
                assert activated[x.winner] == x.value
                assert top <= x.winner[0] <= x.bottom and left <= x.winner[1] <= x.right
            else:
                assert x.winner is None
    with pytest.raises(IndexError):
        explain_pooled_cell(activated, pool, size, stride, pooled.shape[0], 0)
