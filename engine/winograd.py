"""Convolution with Winograd tiles, a faster way of the engine's fast path.

A stride-1 convolution of a whole batch can be computed with far fewer multiplications
than im2col's product. :func:`winograd_suits` says which convolutions this serves (16 or
more input channels, 3-5 cell kernels, stride 1, no dilation); :func:`conv2d_winograd_chwn`
and :func:`conv2d_winograd_backward_chwn` compute it on (C, H, W, N) arrays, and
:func:`conv2d_winograd_max_pool_chwn` fuses it with the max pool it feeds (see
:func:`engine.ops.conv2d_max_pool_chwn`). Each is tested against im2col
(:mod:`engine.ops`), plain loops and finite differences (tests/engine/test_winograd.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from engine.ops import (
    max_pool_cells,
    max_pool_cells_backward,
    output_size,
    pair,
    pooled_conv_geometry,
)

# A stride-1 convolution of a whole batch can be computed with far fewer multiplications
# than im2col's product: Winograd's minimal filtering F(m, r) (Lavin & Gray 2016) computes
# m outputs of an r-tap correlation from a tile of a = m + r - 1 inputs with a
# multiplications instead of m * r, by evaluating both at a points, multiplying there and
# interpolating back. In 2-D, tile by tile:
#
#     Y = A^T [ (G g G^T) * (B^T d B) ] A        (* element-wise; d an a x a input tile)
#
# and since the element-wise product is linear in both factors, summing it over the input
# channels is one matrix product per tile cell: (F x C) @ (C x tiles*N), a*a of them.
# Measured on the default network's second convolution (16 -> 32 channels, 5x5, 12x12
# input, batch 64), F(4x4, 5x5) does 6.25x fewer multiplications; forward and backward
# together ran 2.8x faster than im2col (3.4 ms against 9.6 ms). The backward pass is the
# adjoint of the same linear steps (the transposed matrices in reverse order), so it is
# the exact gradient of what the forward computed. Rounding grows with the tile: with the
# points below and a <= 8 the float32 results stayed within 5e-6 of float64 im2col
# (relative to the largest value), well inside what training notices. One visible
# consequence: an output whose window is all zeros is exactly the bias with im2col but
# the bias plus a rounding-sized value here, so where the bias is exactly 0 (a fresh
# layer) a following ReLU may pass such a cell's gradient (to the bias only) where the
# textbook path, at exactly 0, does not.

#: Interpolation points, in the order they are taken; one more point "at infinity" (the
#: product of the leading coefficients) completes each set. Small, and paired +-, so the
#: transforms stay well conditioned (Lavin & Gray's choice).
_WINOGRAD_POINTS = (0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5)
#: Largest tile: a = m + r - 1 <= 8 keeps the float32 rounding small (see above).
_WINOGRAD_MAX_TILE = len(_WINOGRAD_POINTS) + 1
#: Output tile sizes tried along each axis.
_WINOGRAD_OUTPUT_TILES = (2, 4, 6)


@functools.cache
def winograd_matrices(m: int, r: int, dtype=np.float64):
    """``(A^T, G, B^T)`` of Winograd's F(m, r): for an input tile ``d`` of ``a = m + r - 1``
    values and ``r`` kernel taps ``g``, ``A^T @ ((G @ g) * (B^T @ d))`` is the correlation
    ``y[i] = sum_k d[i + k] g[k]``, ``i < m``.

    Derivation: with ``E_n`` the ``a x n`` matrix that evaluates a polynomial of ``n``
    coefficients at the ``a - 1`` points and at infinity, the linear convolution of two
    polynomials is ``s = E_a^-1 [(E_r g) * (E_m h)]`` (Toom-Cook); the correlation is the
    derivative of ``<d, s>`` with respect to ``h``, which gives ``A^T = E_m^T``,
    ``G = E_r``, ``B^T = E_a^-T``. Built in float64, returned read-only in ``dtype``.
    """
    a = m + r - 1
    if m < 1 or r < 1 or a > _WINOGRAD_MAX_TILE:
        raise ValueError(f"F({m}, {r}) needs a tile of {a} values; at most "
                         f"{_WINOGRAD_MAX_TILE} are supported")
    points = np.array(_WINOGRAD_POINTS[:a - 1])

    def evaluation(coefficients: int) -> np.ndarray:
        matrix = np.zeros((a, coefficients))
        matrix[:-1] = points[:, None] ** np.arange(coefficients)
        matrix[-1, -1] = 1.0  # "at infinity": the leading coefficient
        return matrix

    matrices = (evaluation(m).T, evaluation(r), np.linalg.inv(evaluation(a)).T)
    result = []
    for matrix in matrices:
        matrix = np.ascontiguousarray(matrix, dtype=dtype)
        matrix.flags.writeable = False
        result.append(matrix)
    return tuple(result)


def _winograd_output_tile(out_len: int, r: int, multiple_of: int = 1) -> int | None:
    """The output tile m (of :data:`_WINOGRAD_OUTPUT_TILES`, a multiple of
    ``multiple_of``) along one axis that leaves the fewest transformed values,
    ``ceil(out_len / m) * (m + r - 1)``: that count sets the size of every product and
    transform. None when no tile fits."""
    fitting = [m for m in _WINOGRAD_OUTPUT_TILES
               if m + r - 1 <= _WINOGRAD_MAX_TILE and m % multiple_of == 0]
    if not fitting:
        return None
    return min(fitting, key=lambda m: (-(-out_len // m) * (m + r - 1), m))


#: Input channels from which the fast path convolves with Winograd tiles: with fewer, the
#: transforms cost more than the multiplications they save (measured: 8 -> 16 channels 3x3
#: ran slower than im2col).
WINOGRAD_MIN_CHANNELS = 16
#: Kernels whose every side lies in this range: a 1-cell side saves nothing, and above 5
#: the tile would hold too few outputs (a <= 8) to pay.
WINOGRAD_KERNEL_SIDES = range(3, 6)


def winograd_suits(weight_shape, stride=1, dilation=1) -> bool:
    """Whether :func:`conv2d_chwn` convolves weights of ``weight_shape`` (F, C, KH, KW)
    with Winograd tiles (:func:`conv2d_winograd_chwn`) rather than im2col: stride and
    dilation 1, at least :data:`WINOGRAD_MIN_CHANNELS` input channels and both kernel
    sides in :data:`WINOGRAD_KERNEL_SIDES`."""
    _, c, kh, kw = weight_shape
    return (pair(stride, "stride") == (1, 1) and pair(dilation, "dilation") == (1, 1)
            and c >= WINOGRAD_MIN_CHANNELS and kh in WINOGRAD_KERNEL_SIDES
            and kw in WINOGRAD_KERNEL_SIDES)


#: Values of the tiles' trailing axes transformed per piece by :func:`_transform_tiles`.
_TRANSFORM_PIECE = 2048


def _transform_tiles(rows: np.ndarray, cols: np.ndarray, tiles: np.ndarray) -> np.ndarray:
    """``rows @ t @ cols^T`` for every tile ``t`` of ``tiles`` (P, Q, ...), whose first
    two axes hold the tiles' cells; returns (rows.shape[0], cols.shape[0], ...).

    In pieces of :data:`_TRANSFORM_PIECE` along the trailing axes, both products of a
    piece one after the other: the first product's result is still in the core's cache
    when the second reads it. Measured on the default network's second convolution, the
    input and output transforms ran 15-30 % faster than as two whole-array products.
    """
    p, q = tiles.shape[:2]
    rest = tiles.shape[2:]
    flat = tiles.reshape(p, q, -1)
    out = np.empty((rows.shape[0], cols.shape[0], flat.shape[2]),
                   dtype=np.result_type(rows, tiles))
    for start in range(0, flat.shape[2], _TRANSFORM_PIECE):
        piece = flat[:, :, start:start + _TRANSFORM_PIECE]
        # matmul broadcasts each matrix over the stack of the other axis' cells.
        along_rows = np.matmul(rows, piece.transpose(1, 0, 2))  # (Q, rows, piece)
        np.matmul(cols, along_rows.transpose(1, 0, 2),
                  out=out[:, :, start:start + _TRANSFORM_PIECE])
    return out.reshape(rows.shape[0], cols.shape[0], *rest)


@dataclass(frozen=True)
class WinogradSaved:
    """What :func:`conv2d_winograd_chwn` keeps for its backward pass: the transformed
    input tiles ``V`` (a*a, C, tiles*N), the transformed filters ``U`` (a*a, F, C), the
    output tile sizes, the tile counts and the input's shape and padding."""

    tiles_in: np.ndarray
    filters: np.ndarray
    out_tile: tuple[int, int]
    tile_count: tuple[int, int]
    x_shape: tuple[int, int, int, int]
    padding: tuple[int, int]


def _winograd_plan(x_shape, kernel_hw, padding, multiple_of=(1, 1)):
    """``(Ho, Wo), (mh, mw), (th, tw), (ph, pw)``: output size, output tile, tile counts
    and padding; the tiles a multiple of ``multiple_of`` (a pool's size) along each
    axis, or None when no tile is."""
    c, h, w, n = x_shape
    kh, kw = kernel_hw
    ph, pw = pair(padding, "padding")
    out_h = output_size(h, kh, 1, ph)
    out_w = output_size(w, kw, 1, pw)
    mh = _winograd_output_tile(out_h, kh, multiple_of[0])
    mw = _winograd_output_tile(out_w, kw, multiple_of[1])
    if mh is None or mw is None:
        return None
    th, tw = -(-out_h // mh), -(-out_w // mw)
    return (out_h, out_w), (mh, mw), (th, tw), (ph, pw)


def _winograd_out_tiles(x, weight, plan):
    """The convolution's output tiles ``(mh, mw, F, th, tw, N)`` (cell (i, j) of every
    tile first) and the :class:`WinogradSaved` for the backward pass."""
    f, c, kh, kw = weight.shape
    _, h, w, n = x.shape
    _, (mh, mw), (th, tw), (ph, pw) = plan
    ah, aw = mh + kh - 1, mw + kw - 1
    at_h, g_h, bt_h = winograd_matrices(mh, kh, x.dtype)
    at_w, g_w, bt_w = winograd_matrices(mw, kw, x.dtype)
    # Zeros around the input: the padding, and below and right of it whatever the last
    # tiles reach past the image (their outputs are cut off at the end).
    rows, columns = th * mh + kh - 1, tw * mw + kw - 1
    if (ph, pw) == (0, 0) and (rows, columns) == (h, w):
        xp = x
    else:
        xp = np.zeros((c, rows, columns, n), dtype=x.dtype)
        xp[:, ph:ph + h, pw:pw + w] = x
    # Overlapping a x a tiles, a stride of m apart, as a view; one copy puts each tile cell
    # first: (ah, aw, C, th, tw, N).
    windows = np.lib.stride_tricks.sliding_window_view(xp, (ah, aw), axis=(1, 2))
    tiles = np.ascontiguousarray(windows[:, ::mh, ::mw].transpose(4, 5, 0, 1, 2, 3))
    tiles_in = _transform_tiles(bt_h, bt_w, tiles).reshape(ah * aw, c, th * tw * n)
    filters = _transform_tiles(g_h, g_w, weight.astype(x.dtype, copy=False)
                               .transpose(2, 3, 0, 1)).reshape(ah * aw, f, c)
    products = np.matmul(filters, tiles_in)  # (a*a, F, tiles*N): the channel sums
    out_tiles = _transform_tiles(at_h, at_w, products.reshape(ah, aw, -1))
    saved = WinogradSaved(tiles_in, filters, (mh, mw), (th, tw), tuple(x.shape), (ph, pw))
    return out_tiles.reshape(mh, mw, f, th, tw, n), saved


def conv2d_winograd_chwn(x, weight, bias=None, padding=0):
    """:func:`conv2d_chwn` (stride 1, no dilation) with Winograd tiles; returns
    ``(out, saved)`` with ``saved`` a :class:`WinogradSaved` for
    :func:`conv2d_winograd_backward_chwn`."""
    f = weight.shape[0]
    plan = _winograd_plan(x.shape, weight.shape[2:], padding)
    (out_h, out_w), (mh, mw), (th, tw), _ = plan
    out_tiles, saved = _winograd_out_tiles(x, weight, plan)
    whole = out_tiles.transpose(2, 3, 0, 4, 1, 5) \
        .reshape(f, th * mh, tw * mw, x.shape[3])[:, :out_h, :out_w]
    return _plus_bias(whole, bias, x.dtype), saved


def _plus_bias(values: np.ndarray, bias, dtype) -> np.ndarray:
    """``values`` (F, ...) plus one bias per filter, as a new C-contiguous array."""
    out = np.empty(values.shape, dtype=dtype)
    if bias is None:
        np.copyto(out, values)
    else:
        bias = np.asarray(bias, dtype=dtype).reshape((-1,) + (1,) * (values.ndim - 1))
        np.add(values, bias, out=out)
    return out


def _tiles_of(grad: np.ndarray, tile, count) -> np.ndarray:
    """``grad`` (F, Ho, Wo, N) cut into tiles ``(mh, mw, F, th, tw, N)``, cell (i, j) of
    every tile first; zeros past its edge."""
    (mh, mw), (th, tw) = tile, count
    f, out_h, out_w, n = grad.shape
    if (th * mh, tw * mw) != (out_h, out_w):
        padded = np.zeros((f, th * mh, tw * mw, n), dtype=grad.dtype)
        padded[:, :out_h, :out_w] = grad
    else:
        padded = np.ascontiguousarray(grad)
    return np.ascontiguousarray(padded.reshape(f, th, mh, tw, mw, n)
                                .transpose(2, 4, 0, 1, 3, 5))


def conv2d_winograd_backward_chwn(grad_out, weight, saved: WinogradSaved,
                                  need_input_grad: bool = True):
    """Gradients of :func:`conv2d_winograd_chwn` from ``grad_out`` (F, Ho, Wo, N):
    ``(input gradient or None, weight gradient, bias gradient)``, each step the transpose
    of a forward step."""
    grad = grad_out.astype(saved.tiles_in.dtype, copy=False)
    grad_tiles = _tiles_of(grad, saved.out_tile, saved.tile_count)
    grad_in, grad_weight = _winograd_backward_from_tiles(grad_tiles, weight, saved,
                                                         need_input_grad)
    return grad_in, grad_weight, grad.sum(axis=(1, 2, 3))


def _winograd_backward_from_tiles(grad_tiles, weight, saved: WinogradSaved,
                                  need_input_grad: bool):
    """Input gradient (or None) and weight gradient from the output tiles' gradient
    ``(mh, mw, F, th, tw, N)``."""
    f, c, kh, kw = weight.shape
    mh, mw = saved.out_tile
    th, tw = saved.tile_count
    _, h, w, n = saved.x_shape
    ph, pw = saved.padding
    ah, aw = mh + kh - 1, mw + kw - 1
    dtype = saved.tiles_in.dtype
    at_h, g_h, bt_h = winograd_matrices(mh, kh, dtype)
    at_w, g_w, bt_w = winograd_matrices(mw, kw, dtype)
    grad_products = _transform_tiles(at_h.T, at_w.T, grad_tiles).reshape(ah * aw, f, -1)
    grad_filters = np.matmul(grad_products, saved.tiles_in.transpose(0, 2, 1))
    grad_weight = np.ascontiguousarray(
        _transform_tiles(g_h.T, g_w.T, grad_filters.reshape(ah, aw, f, c))
        .transpose(2, 3, 0, 1))
    if not need_input_grad:
        return None, grad_weight
    grad_tiles_in = np.matmul(saved.filters.transpose(0, 2, 1), grad_products)
    grad_in_tiles = _transform_tiles(bt_h.T, bt_w.T, grad_tiles_in.reshape(ah, aw, -1)) \
        .reshape(ah, aw, c, th, tw, n)
    # Overlapping tiles add up. Split each tile axis into pieces of m cells: piece q of
    # tile t lies in block t + q of the padded input, so each (piece row, piece column) is
    # one strided addition over all tiles at once (four when a <= 2m).
    blocks_h, blocks_w = th + -(-ah // mh) - 1, tw + -(-aw // mw) - 1
    grad_padded = np.zeros((c, blocks_h, mh, blocks_w, mw, n), dtype=dtype)
    for qi in range(0, ah, mh):
        for qj in range(0, aw, mw):
            piece = grad_in_tiles[qi:qi + mh, qj:qj + mw]
            li, lj = piece.shape[:2]
            grad_padded[:, qi // mh:qi // mh + th, :li, qj // mw:qj // mw + tw, :lj] += \
                piece.transpose(2, 3, 0, 4, 1, 5)
    grad_in = grad_padded.reshape(c, blocks_h * mh, blocks_w * mw, n)[:, ph:ph + h, pw:pw + w]
    return grad_in, grad_weight


def winograd_max_pool_suits(weight_shape, x_shape, stride, padding, dilation, pool) -> bool:
    """Whether :func:`conv2d_winograd_max_pool_chwn` serves this convolution and pool:
    :func:`winograd_suits`, and output tiles that hold whole pool windows."""
    return (winograd_suits(weight_shape, stride, dilation)
            and _winograd_plan(x_shape, weight_shape[2:], padding, pool) is not None)


def conv2d_winograd_max_pool_chwn(x, weight, bias, padding, pool):
    """:func:`conv2d_max_pool_chwn` (stride 1, no dilation) with Winograd tiles whose
    sides are multiples of the pool's: a window's cells are then cells of one output
    tile, and each cell of every window is a slab of the tiles (mh, mw, F, th, tw, N).
    Returns ``(out, saved, choice)`` for :func:`conv2d_winograd_max_pool_backward_chwn`.
    """
    f = weight.shape[0]
    n = x.shape[3]
    plan = _winograd_plan(x.shape, weight.shape[2:], padding, pool)
    out_hw, (mh, mw), (th, tw), _ = plan
    pooled_h, pooled_w = pooled_conv_geometry(out_hw, pool)
    out_tiles, saved = _winograd_out_tiles(x, weight, plan)
    p, q = pool
    cells = out_tiles.reshape(mh // p, p, mw // q, q, f, th, tw, n)
    pooled_tiles, choice = max_pool_cells([[cells[:, i, :, j] for j in range(q)]
                                           for i in range(p)])
    whole = pooled_tiles.transpose(2, 3, 0, 4, 1, 5) \
        .reshape(f, th * mh // p, tw * mw // q, n)[:, :pooled_h, :pooled_w]
    return _plus_bias(whole, bias, x.dtype), saved, choice


def conv2d_winograd_max_pool_backward_chwn(grad_out, weight, saved: WinogradSaved, choice,
                                           pool, need_input_grad: bool = True):
    """Gradients of :func:`conv2d_winograd_max_pool_chwn` from ``grad_out``
    (F, Ho // P, Wo // Q, N): ``(input gradient or None, weight gradient, bias gradient)``."""
    f = weight.shape[0]
    n = saved.x_shape[3]
    (mh, mw), (th, tw) = saved.out_tile, saved.tile_count
    p, q = pool
    grad = grad_out.astype(saved.tiles_in.dtype, copy=False)
    grad_pooled = _tiles_of(grad, (mh // p, mw // q), (th, tw))
    grad_tiles = np.empty((mh, mw, f, th, tw, n), dtype=grad.dtype)
    cells = grad_tiles.reshape(mh // p, p, mw // q, q, f, th, tw, n)
    max_pool_cells_backward(choice, grad_pooled,
                            [[cells[:, i, :, j] for j in range(q)] for i in range(p)])
    grad_in, grad_weight = _winograd_backward_from_tiles(grad_tiles, weight, saved,
                                                         need_input_grad)
    return grad_in, grad_weight, grad.sum(axis=(1, 2, 3))
