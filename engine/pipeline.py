"""What the explorer shows for one image: every stage of one convolutional layer.

``explore`` runs image -> convolution -> activation -> pooling -> flattening and returns
each intermediate, so views and lessons read them instead of recomputing.
:func:`explain_cell` opens up a single feature-map cell (the input window under the
kernel, the products, the per-channel sums, the bias, the value before and after the
activation, which window cells are padding); :func:`explain_pooled_cell` a pooled cell
(its window, the winner or the mean); :func:`flat_index` and :func:`unflatten_index` map
between a flattened position and (filter, row, column). All of them are checked against
explicit loops in ``tests/engine/test_explain.py``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from engine import ops

ACTIVATIONS = ("relu", "none")
POOLS = ("max", "avg", "none")


@dataclass(frozen=True)
class Exploration:
    """Every stage for one image and F filters.

    Attributes
    ----------
    image : (C, H, W) the input as the filters see it.
    conv : (F, Ho, Wo) feature maps (sum of products plus bias).
    activated : (F, Ho, Wo) after the activation, worked out when first read (see
        there); :meth:`activated_map` gives one filter's.
    pooled : (F, Hp, Wp) after pooling (equal to ``activated`` when pool is "none").
    flattened : (F*Hp*Wp,) ``pooled`` read in C order: filter, then row, then column.
    stride, padding, dilation, pool_size, pool_stride : the (rows, cols) pairs used.
    activation : ``"relu"`` or ``"none"``.
    weights : (F, C, KH, KW) and bias : (F,) or None, the filters used.

    :meth:`explain`, :meth:`explain_pooled`, :meth:`flat_index` and
    :meth:`unflatten_index` open up any cell without recomputing a stage.
    """

    image: np.ndarray
    conv: np.ndarray
    pooled: np.ndarray
    flattened: np.ndarray
    stride: tuple[int, int]
    padding: tuple[int, int]
    dilation: tuple[int, int]
    pool: str
    pool_size: tuple[int, int]
    pool_stride: tuple[int, int]
    activation: str = "relu"
    weights: np.ndarray | None = None
    bias: np.ndarray | None = None
    #: The activated maps when the pipeline had them whole anyway (see ``activated``).
    computed_activated: np.ndarray | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def activated(self) -> np.ndarray:
        """(F, Ho, Wo) after the activation (``conv`` itself for ``"none"``).

        With a max pool the pipeline never needs these whole (ReLU and max commute:
        the pooled maps are the ReLU of the convolution's maximum), and storing them for
        every filter was a third of what a 512x512 exploration writes to memory; so
        they are worked out here when first read, once. A view showing one filter's
        reads :meth:`activated_map` instead.
        """
        if self.computed_activated is not None:
            return self.computed_activated
        if self.activation != "relu":
            return self.conv
        return np.maximum(self.conv, 0)

    def activated_map(self, filter_index: int) -> np.ndarray:
        """Filter ``filter_index``'s map after the activation, without working out every
        filter's when they are not at hand."""
        if ("activated" in self.__dict__ or self.computed_activated is not None
                or self.activation != "relu"):
            return self.activated[filter_index]
        return np.maximum(self.conv[filter_index], 0)

    @property
    def shapes(self) -> dict[str, tuple[int, ...]]:
        return {"image": self.image.shape, "conv": self.conv.shape,
                "activated": self.conv.shape, "pooled": self.pooled.shape,
                "flattened": self.flattened.shape}

    def explain(self, filter_index: int, row: int, col: int) -> CellExplanation:
        """:func:`explain_cell` of feature-map cell ``(row, col)`` of filter
        ``filter_index``, with this exploration's weights, bias and settings."""
        bias = 0.0 if self.bias is None else float(self.bias[filter_index])
        return explain_cell(self.image, self.weights[filter_index], self.stride,
                            self.padding, row, col, self.dilation, bias=bias,
                            activation=self.activation)

    def explain_pooled(self, filter_index: int, row: int, col: int) -> PooledCellExplanation:
        """:func:`explain_pooled_cell` of pooled cell ``(row, col)`` of filter
        ``filter_index`` (raises ValueError when the pool is ``"none"``)."""
        return explain_pooled_cell(self.activated_map(filter_index), row, col, self.pool,
                                   self.pool_size, self.pool_stride)

    def flat_index(self, filter_index: int, row: int, col: int) -> int:
        """Position of pooled cell ``(filter_index, row, col)`` in ``flattened``."""
        return flat_index(self.pooled.shape, filter_index, row, col)

    def unflatten_index(self, index: int) -> tuple[int, int, int]:
        """``(filter, row, col)`` of position ``index`` of ``flattened``."""
        return unflatten_index(self.pooled.shape, index)


@dataclass(frozen=True)
class CellExplanation:
    """The arithmetic behind one feature-map cell of one filter.

    ``window``, ``weights`` and ``products`` have the kernel's shape as given, (KH, KW) or
    (C, KH, KW); window cells on the zero padding read 0 and are True in
    ``padding_mask`` (KH, KW), the same for every channel. ``channel_sums`` (C,) are the
    sums of each channel's products, ``total`` their sum (before the bias);
    ``pre_activation`` is ``total + bias`` (the feature-map value) and ``value`` that after
    ``activation`` (``"relu"`` or ``"none"``). ``origin`` is the window's top-left corner
    in image coordinates (negative where it starts in the padding); ``rows`` and ``cols``
    are the image rows and columns each kernel cell lies over (dilation spreads them
    apart). ``row``/``col`` are the feature-map cell.
    """

    window: np.ndarray
    products: np.ndarray
    total: float
    origin: tuple[int, int]
    rows: np.ndarray
    cols: np.ndarray
    weights: np.ndarray
    padding_mask: np.ndarray
    channel_sums: np.ndarray
    bias: float
    pre_activation: float
    activation: str
    value: float
    row: int
    col: int


@dataclass(frozen=True)
class PooledCellExplanation:
    """The window behind one pooled cell ``(row, col)`` of one feature map.

    ``window`` (PH, PW) holds the feature-map values under it, which lie at feature-map
    rows ``rows`` and columns ``cols`` (``origin`` is the top-left one). ``pool`` is
    ``"max"`` or ``"avg"``; ``value`` is the pooled value. For max pooling ``winner`` is
    the feature-map (row, col) of the first maximum in scan order (row by row), the cell
    :class:`engine.layers.MaxPool2D` picks and sends the gradient to, and
    ``winner_offset`` its (row, col) inside the window; both are None for ``"avg"``.
    """

    window: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    origin: tuple[int, int]
    pool: str
    value: float
    winner: tuple[int, int] | None
    winner_offset: tuple[int, int] | None
    row: int
    col: int


def _as_chw(image) -> np.ndarray:
    image = ops._float_array(image)
    if image.ndim == 2:
        return image[None]
    if image.ndim == 3:
        return image
    raise ValueError(f"image must be (H, W) or (C, H, W), got shape {image.shape}")


def _as_fckk(filters, channels: int) -> np.ndarray:
    filters = np.asarray(filters)
    if filters.ndim == 2:
        filters = filters[None]
    if filters.ndim == 3:
        # One (KH, KW) slice per filter, applied alike to every channel would change the
        # maths; a single-channel image is the only case where the channel axis is implicit.
        if channels != 1:
            raise ValueError(
                f"filters of shape {filters.shape} have no channel axis, but the image has "
                f"{channels} channels: give them as (F, {channels}, KH, KW)"
            )
        filters = filters[:, None]
    if filters.ndim != 4:
        raise ValueError(f"filters must be (F, KH, KW) or (F, C, KH, KW), got {filters.shape}")
    if filters.shape[1] != channels:
        raise ValueError(
            f"the filters have {filters.shape[1]} channel(s) but the image has {channels}"
        )
    return filters


def resolve_padding(padding, kernel_hw, dilation=1) -> tuple[int, int]:
    """``"valid"`` -> 0, ``"same"`` -> the padding that keeps the size at stride 1 (exact
    for odd kernels), an int or a pair -> itself."""
    if isinstance(padding, str):
        dh, dw = ops.pair(dilation, "dilation")
        if padding == "valid":
            return 0, 0
        if padding == "same":
            return (dh * (kernel_hw[0] - 1)) // 2, (dw * (kernel_hw[1] - 1)) // 2
        raise ValueError(f"padding must be 'valid', 'same', an int or a pair, got {padding!r}")
    return ops.pair(padding, "padding")


#: Values of unfolded windows per band of output rows: about 1 MiB of float32, so a band's
#: columns, its products and its activation stay in the core's cache between the steps.
_BAND_VALUES = 1 << 18


def _pool(maps, pool: str, size, step, out=None):
    if pool == "max":
        return ops.max_pool(maps, size, step, axis=1, out=out)
    if pool == "avg":
        return ops.avg_pool(maps, size, step, axis=1, out=out)
    return maps


def _stages_in_bands(chw, weight, bias, stride, padding, dilation, relu: bool, pool: str,
                     size, step):
    """Feature maps ``(F, Ho, Wo)`` of ``chw`` (C, H, W), their ReLU when it had to be
    worked out whole (else None: see :attr:`Exploration.activated`) and their pooling,
    computed a band of output rows at a time.

    The maths is :func:`engine.ops.conv2d_chwn`'s (windows unfolded into columns, one
    matrix product) then :func:`engine.ops.max_pool` / :func:`~engine.ops.avg_pool`, but a
    512x512 image's columns alone are 9 MiB: done whole, every step streams through main
    memory; in bands of about 1 MiB each step finds its input still in the core's cache.
    Pooling runs per band when its windows do not overlap (bands then hold whole windows),
    otherwise once at the end. A max pool pools the convolution and applies the ReLU
    to the pooled maps only (``relu(max(w)) == max(relu(w))``); an average pool reads
    each band's ReLU from a scratch band, so the activated maps are never stored whole
    unless there is no pool (they are then the pooled maps) or its windows overlap.
    """
    channels, height, width = chw.shape
    filters, _, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    out_h, out_w = ops.conv_geometry((height, width), (kh, kw), stride, padding, dilation)
    if pool != "none":
        # Checked before any work: a pool that does not fit fails at once.
        _, _, (pooled_h, pooled_w) = ops.pool_geometry((out_h, out_w), size, step)
    padded = np.pad(chw, ((0, 0), (ph, ph), (pw, pw))) if ph or pw else chw
    conv = np.empty((filters, out_h, out_w), dtype=chw.dtype)
    conv_rows = conv.reshape(filters, out_h * out_w)
    matrix = weight.reshape(filters, -1)
    band = max(1, min(out_h, _BAND_VALUES // (channels * kh * kw * out_w)))
    pool_in_bands = pool != "none" and size[0] <= step[0]
    whole_activation = relu and not pool_in_bands and pool != "max"
    activated = np.empty_like(conv) if whole_activation else None
    if pool_in_bands:
        band = max(step[0], band - band % step[0])  # whole pool windows in every band
        pooled = np.empty((filters, pooled_h, pooled_w), dtype=chw.dtype)
        # An average pool reads each band's ReLU from here.
        scratch = np.empty((filters, band, out_w), dtype=chw.dtype) \
            if relu and pool == "avg" else None
    cols = np.empty((channels, kh, kw, band, out_w), dtype=chw.dtype)
    for top in range(0, out_h, band):
        rows = min(band, out_h - top)
        part = cols[:, :, :, :rows]
        for i in range(kh):
            for j in range(kw):
                first_row, first_col = top * sh + i * dh, j * dw
                part[:, i, j] = padded[:, first_row:first_row + sh * (rows - 1) + 1:sh,
                                       first_col:first_col + sw * (out_w - 1) + 1:sw]
        out = conv_rows[:, top * out_w:(top + rows) * out_w]  # a view: rows are contiguous
        np.matmul(matrix, part.reshape(channels * kh * kw, rows * out_w), out=out)
        if bias is not None:
            out += bias[:, None]
        if activated is not None:
            np.maximum(conv[:, top:top + rows], 0, out=activated[:, top:top + rows])
        if pool_in_bands:
            first = top // step[0]
            last = min(pooled_h, (top + rows - size[0]) // step[0] + 1)
            if first < last:
                start, stop = first * step[0], (last - 1) * step[0] + size[0]
                source = conv[:, start:stop]
                if scratch is not None:
                    source = np.maximum(source, 0, out=scratch[:, :stop - start])
                target = pooled[:, first:last]
                _pool(source, pool, size, step, out=target)
                if relu and pool == "max":
                    np.maximum(target, 0, out=target)
    if not pool_in_bands:
        if pool == "max":
            pooled = _pool(conv, pool, size, step)
            if relu:
                np.maximum(pooled, 0, out=pooled)
        else:  # no pool gives the activated maps themselves
            pooled = _pool(conv if activated is None else activated, pool, size, step)
    return conv, activated, pooled


def explore(image, filters, stride=1, padding=0, activation: str = "relu", pool: str = "max",
            pool_size=2, pool_stride=None, bias=None, dilation=1) -> Exploration:
    """Run ``image`` through one convolutional layer and report every stage.

    Parameters
    ----------
    image : (H, W) or (C, H, W)
    filters : (F, KH, KW) for a one-channel image, or (F, C, KH, KW)
    stride, dilation : int or (rows, cols)
    padding : int, (rows, cols), ``"valid"`` or ``"same"``
    activation : ``"relu"`` or ``"none"``
    pool : ``"max"``, ``"avg"`` or ``"none"``
    bias : (F,), optional

    Raises
    ------
    ValueError
        With a message naming the sizes, when a kernel, stride or pool leaves no output.
    """
    chw = _as_chw(image)
    weight = _as_fckk(filters, chw.shape[0]).astype(chw.dtype, copy=False)
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    if pool not in POOLS:
        raise ValueError(f"pool must be one of {POOLS}, got {pool!r}")
    pad = resolve_padding(padding, weight.shape[2:], dilation)
    if bias is not None:
        bias = np.asarray(bias, dtype=chw.dtype).reshape(weight.shape[0])
    size = ops.pair(pool_size, "pool size")
    step = size if pool_stride is None else ops.pair(pool_stride, "pool stride")
    conv, activated, pooled = _stages_in_bands(
        chw, weight, bias, ops.pair(stride, "stride"), pad, ops.pair(dilation, "dilation"),
        activation == "relu", pool, size, step)
    return Exploration(chw, conv, pooled, pooled.reshape(-1),
                       ops.pair(stride, "stride"), pad, ops.pair(dilation, "dilation"),
                       pool, size, step, activation, weight, bias, activated)


def estimate_explore_bytes(image_shape, filters_shape, stride=1, padding=0,
                           activation: str = "relu", pool: str = "max", pool_size=2,
                           pool_stride=None, dilation=1, itemsize: int = 4) -> int:
    """Bytes :func:`explore` will hold for an image of ``image_shape`` ((H, W) or
    (C, H, W)) and filters of ``filters_shape`` ((F, KH, KW) or (F, C, KH, KW)), computed
    from the shapes alone, so a caller can refuse before allocating anything.

    Counts the feature maps, their activation, the pooled maps, the padded image and one
    band of unfolded windows. Raises :class:`engine.ops.WindowDoesNotFit` like
    :func:`explore` when a window does not fit.
    """
    channels, height, width = (1, *image_shape) if len(image_shape) == 2 else image_shape
    filters, kh, kw = filters_shape[0], filters_shape[-2], filters_shape[-1]
    ph, pw = resolve_padding(padding, (kh, kw), dilation)
    out_h, out_w = ops.conv_geometry((height, width), (kh, kw), stride, (ph, pw), dilation)
    maps = filters * out_h * out_w
    total = maps * (2 if activation == "relu" else 1)
    if pool != "none":
        size = ops.pair(pool_size, "pool size")
        step = size if pool_stride is None else ops.pair(pool_stride, "pool stride")
        _, _, (pooled_h, pooled_w) = ops.pool_geometry((out_h, out_w), size, step)
        total += filters * pooled_h * pooled_w
    if ph or pw:
        total += channels * (height + 2 * ph) * (width + 2 * pw)
    band = max(1, min(out_h, _BAND_VALUES // (channels * kh * kw * out_w)))
    total += channels * kh * kw * band * out_w
    return int(total) * int(itemsize)


def explain_cell(image, kernel, stride=1, padding=0, row: int = 0, col: int = 0,
                 dilation=1, *, bias: float = 0.0, activation: str = "relu"
                 ) -> CellExplanation:
    """The window, products, sums, bias and activation behind feature-map cell
    ``(row, col)``.

    ``image`` is (H, W) or (C, H, W); ``kernel`` is (KH, KW) or (C, KH, KW), one filter;
    ``padding`` an int, a pair, ``"valid"`` or ``"same"``. Costs O(C*KH*KW): cheap enough
    for every edit. Raises IndexError when the cell lies outside the feature map and
    :class:`engine.ops.WindowDoesNotFit` when the kernel does not fit the image.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    chw = _as_chw(image)
    kernel = np.asarray(kernel, dtype=chw.dtype)
    flat = kernel.ndim == 2
    kchw = kernel[None] if flat else kernel
    if kchw.ndim != 3 or kchw.shape[0] != chw.shape[0]:
        raise ValueError(f"kernel of shape {kernel.shape} does not match image {chw.shape}")
    channels, height, width = chw.shape
    kh, kw = kchw.shape[1:]
    sh, sw = ops.pair(stride, "stride")
    ph, pw = resolve_padding(padding, (kh, kw), dilation)
    dh, dw = ops.pair(dilation, "dilation")
    out_h, out_w = ops.conv_geometry((height, width), (kh, kw), (sh, sw), (ph, pw), (dh, dw))
    if not (0 <= row < out_h and 0 <= col < out_w):
        raise IndexError(f"cell ({row}, {col}) is outside the {out_h}x{out_w} feature map")
    top, left = row * sh - ph, col * sw - pw
    rows = top + dh * np.arange(kh)
    cols = left + dw * np.arange(kw)
    inside_r = (rows >= 0) & (rows < height)
    inside_c = (cols >= 0) & (cols < width)
    window = np.zeros_like(kchw)
    window[np.ix_(np.arange(channels), inside_r, inside_c)] = chw[
        np.ix_(np.arange(channels), rows[inside_r], cols[inside_c])]
    products = window * kchw
    channel_sums = products.reshape(channels, -1).sum(axis=1)
    total = float(channel_sums.sum())
    pre_activation = total + float(bias)
    value = max(pre_activation, 0.0) if activation == "relu" else pre_activation
    padding_mask = ~(inside_r[:, None] & inside_c[None, :])
    if flat:
        window, products = window[0], products[0]
    return CellExplanation(window, products, total, (int(top), int(left)), rows, cols,
                           kernel.copy(), padding_mask, channel_sums, float(bias),
                           pre_activation, activation, value, int(row), int(col))


def explain_pooled_cell(feature_map, row: int, col: int, pool: str = "max", size=2,
                        stride=None) -> PooledCellExplanation:
    """The window, and its winner or mean, behind pooled cell ``(row, col)`` of
    ``feature_map`` (H, W): the map the pool reads (after the activation).

    ``stride`` defaults to ``size``. Raises IndexError outside the pooled map and
    :class:`engine.ops.WindowDoesNotFit` when the pool window does not fit the map.
    """
    if pool not in ("max", "avg"):
        raise ValueError(f"pool must be 'max' or 'avg', got {pool!r}")
    fmap = ops._float_array(feature_map)
    if fmap.ndim != 2:
        raise ValueError(f"feature_map must be (H, W), got shape {fmap.shape}")
    (ph, pw), (sh, sw), (out_h, out_w) = ops.pool_geometry(fmap.shape, size, stride)
    if not (0 <= row < out_h and 0 <= col < out_w):
        raise IndexError(f"cell ({row}, {col}) is outside the {out_h}x{out_w} pooled map")
    top, left = row * sh, col * sw
    window = fmap[top:top + ph, left:left + pw].copy()
    rows, cols = top + np.arange(ph), left + np.arange(pw)
    if pool == "max":
        k = int(np.argmax(window))  # the first maximum in scan order, as MaxPool2D
        offset = (k // pw, k % pw)
        winner = (top + offset[0], left + offset[1])
        value = float(window[offset])
    else:
        offset = winner = None
        value = float(window.mean(dtype=np.float64))
    return PooledCellExplanation(window, rows, cols, (top, left), pool, value, winner,
                                 offset, int(row), int(col))


def flat_index(maps_shape, filter_index: int, row: int, col: int) -> int:
    """Position of ``(filter, row, col)`` of maps ``(F, H, W)`` in the flattened vector:
    ``(filter * H + row) * W + col``, the order of :class:`engine.layers.Flatten`.
    Raises ValueError for a cell outside the maps."""
    return int(np.ravel_multi_index((filter_index, row, col), tuple(maps_shape)))


def unflatten_index(maps_shape, index: int) -> tuple[int, int, int]:
    """``(filter, row, col)`` of position ``index`` of the flattened maps ``(F, H, W)``;
    the inverse of :func:`flat_index`. Raises ValueError for an index out of range."""
    f, r, c = np.unravel_index(int(index), tuple(maps_shape))
    return int(f), int(r), int(c)
