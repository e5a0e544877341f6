"""A network described as data: shapes, parameter counts and memory, before any weight exists.

An architecture is a list of layer specs, the records a model file stores::

    {"type": "Conv2D", "in_channels": 1, "out_channels": 8, "kernel_size": [3, 3],
     "stride": [1, 1], "padding": [0, 0], "dilation": [1, 1]}
    {"type": "ReLU"}   {"type": "MaxPool2D", "size": [2, 2], "stride": [2, 2]}
    {"type": "Flatten"}   {"type": "Dense", "in_features": 1352, "out_features": 10}

:func:`summarize` follows an input shape ``(C, H, W)`` through them and returns each
layer's output shape and its numbers of weights and biases, allocating nothing, so the GUI
can show the counts on every spin-box change and :func:`engine.costs.check_budget` can refuse a
configuration that would not fit in memory, naming the layer, before it is built
(:mod:`engine.costs`: memory, budget and time from a summary). :func:`validate` checks
a spec list from an untrusted file against :mod:`engine.limits`.
(``dilation`` is optional: files written before it existed load with dilation 1.)

Networks as blocks
------------------
The Train page's architecture editor describes a network as a list of
:class:`ConvBlock` (filters, kernel rows x cols, stride, padding, dilation, activation
``"relu"``/``"none"``, pooling ``"max"``/``"avg"``/``"none"`` with its size and stride)
and 0 to :data:`MAX_HIDDEN_LAYERS` hidden dense widths::

    blocks = [ConvBlock(16, (5, 5)), ConvBlock(32, (3, 3), padding=1, dilation=2,
                                              pool="avg", pool_size=3, pool_stride=2)]
    specs = network_architecture((1, 28, 28), 10, blocks, hidden=[64])
    summary = summarize(specs, (1, 28, 28))      # shapes, weights, biases per layer
    validate(specs, [1, 28, 28])                 # what a model file may hold
    costs.check_budget(summary, batch_size=64)   # MemoryBudgetExceeded names the layer
    seconds = costs.estimate_epoch_seconds(summary, 3600,
                                           engine.train.measure_training_speed())
    model = engine.model.build_network((1, 28, 28), 10, blocks, [64], seed=0)

:func:`network_architecture` refuses block settings it cannot build with an
:class:`ArchitectureError` whose ``values["block"]`` names the block;
:func:`blocks_of` reads blocks back from layer specs (a loaded model's). The default
network is :data:`DEFAULT_BLOCKS` with :data:`DEFAULT_HIDDEN`
(:func:`engine.model.default_network`). :func:`cnn_architecture` is the older form with
the same settings for every block.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine import limits, ops

#: Constructor arguments of each layer type: (required, optional).
LAYER_ARGUMENTS = {
    "Conv2D": (("in_channels", "out_channels", "kernel_size"),
               ("stride", "padding", "dilation")),
    "ReLU": ((), ()),
    "MaxPool2D": (("size",), ("stride",)),
    "AvgPool2D": (("size",), ("stride",)),
    "Flatten": ((), ()),
    "Dense": (("in_features", "out_features"), ()),
}

#: Inclusive ranges of each argument that a saved architecture may declare.
_RANGES = {
    "in_channels": (1, limits.MAX_CHANNELS),
    "out_channels": (1, limits.MAX_CHANNELS),
    "kernel_size": (1, limits.MAX_KERNEL_SIZE),
    "stride": (1, limits.MAX_GEOMETRY),
    "padding": (0, limits.MAX_GEOMETRY),
    "dilation": (1, limits.MAX_GEOMETRY),
    "size": (1, limits.MAX_GEOMETRY),
    "in_features": (1, limits.MAX_FEATURES),
    "out_features": (1, limits.MAX_FEATURES),
}
_PAIRS = {"kernel_size", "stride", "padding", "dilation", "size"}


class ArchitectureError(ValueError):
    """An architecture that cannot be built. ``code`` names the problem, ``values`` holds
    its numbers (``layer`` is the 0-based layer index where one is concerned); the
    message is English, for logs and the command line.

    Codes: ``"not_a_list"``, ``"too_many_layers"``, ``"unknown_layer"``,
    ``"bad_argument"`` (missing, unexpected or not an integer), ``"out_of_range"``,
    ``"input_shape"``, ``"channels_mismatch"``, ``"features_mismatch"``,
    ``"needs_maps"``, ``"window_does_not_fit"``, ``"not_flat"``,
    ``"too_many_parameters"``.
    """

    def __init__(self, code: str, message: str, **values) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class LayerSummary:
    """One layer of an architecture, for one sample.

    ``input_shape`` / ``output_shape`` are ``(C, H, W)`` or ``(D,)``; ``weights`` and
    ``biases`` count parameters; ``workspace`` counts the values the layer keeps for its
    backward pass besides its output (a convolution's unfolded windows, in floats; a
    pool's or ReLU's choices, in bytes: see :func:`engine.costs.estimate_memory`).
    """

    index: int
    kind: str
    input_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    weights: int
    biases: int
    workspace_floats: int = 0
    workspace_bytes: int = 0

    @property
    def parameters(self) -> int:
        return self.weights + self.biases

    @property
    def outputs(self) -> int:
        count = 1
        for side in self.output_shape:
            count *= side
        return count


def _pair(spec: dict, key: str, default=None) -> tuple[int, int]:
    return ops.pair(spec.get(key, default), key)


def _count(shape) -> int:
    total = 1
    for side in shape:
        total *= int(side)
    return total


def summarize(layer_specs, input_shape) -> tuple[LayerSummary, ...]:
    """Each layer's shapes and parameter counts for one sample of ``input_shape``.

    Raises :class:`ArchitectureError` (``"channels_mismatch"``, ``"features_mismatch"``,
    ``"not_flat"``, ``"unknown_layer"``) or :class:`engine.ops.WindowDoesNotFit` (a
    ValueError) when the layers do not fit together.
    """
    shape = tuple(int(v) for v in input_shape)
    out: list[LayerSummary] = []
    for index, spec in enumerate(layer_specs):
        kind = spec.get("type")
        weights = biases = floats = nbytes = 0
        if kind == "Conv2D":
            if len(shape) != 3 or shape[0] != int(spec["in_channels"]):
                raise ArchitectureError(
                    "channels_mismatch",
                    f"layer {index + 1} (Conv2D) expects {spec['in_channels']} input "
                    f"channel(s) but receives shape {shape}",
                    layer=index, expected=int(spec["in_channels"]), shape=shape)
            kh, kw = _pair(spec, "kernel_size")
            out_h, out_w = ops.conv_geometry(shape[1:], (kh, kw), _pair(spec, "stride", 1),
                                             _pair(spec, "padding", 0),
                                             _pair(spec, "dilation", 1))
            filters = int(spec["out_channels"])
            weights, biases = filters * shape[0] * kh * kw, filters
            floats = shape[0] * kh * kw * out_h * out_w
            new_shape = (filters, out_h, out_w)
        elif kind in ("MaxPool2D", "AvgPool2D"):
            if len(shape) != 3:
                raise ArchitectureError("needs_maps",
                                        f"layer {index + 1} ({kind}) needs maps, got {shape}",
                                        layer=index, shape=shape)
            size = _pair(spec, "size")
            _, _, (out_h, out_w) = ops.pool_geometry(shape[1:], size,
                                                     _pair(spec, "stride", size))
            new_shape = (shape[0], out_h, out_w)
            nbytes = _count(new_shape) if kind == "MaxPool2D" else 0
        elif kind == "ReLU":
            new_shape = shape
            nbytes = _count(shape)
        elif kind == "Flatten":
            new_shape = (_count(shape),)
        elif kind == "Dense":
            features = int(spec["in_features"])
            if shape != (features,):
                raise ArchitectureError(
                    "features_mismatch",
                    f"layer {index + 1} (Dense) expects {features} inputs but receives "
                    f"shape {shape}", layer=index, expected=features, shape=shape)
            units = int(spec["out_features"])
            weights, biases = features * units, units
            new_shape = (units,)
        else:
            raise ArchitectureError("unknown_layer", f"layer {index + 1}: unknown type {kind!r}",
                                    layer=index, kind=str(kind)[:40])
        out.append(LayerSummary(index, kind, shape, new_shape, weights, biases, floats,
                                nbytes))
        shape = new_shape
    return tuple(out)


def cnn_architecture(input_shape=(1, 28, 28), num_classes: int = 10, filters=8,
                     kernel_size=3, stride=1, padding=0, pool: str = "max", pool_size=2,
                     hidden: int = 0) -> list[dict]:
    """The layer specs of :func:`engine.model.build_cnn` (same arguments), without
    building anything: ``[conv -> ReLU -> pool] * blocks -> flatten -> [dense -> ReLU]
    -> dense``. Raises ValueError, naming the sizes, when the image shrinks to nothing."""
    counts = [int(f) for f in filters] if hasattr(filters, "__len__") else [int(filters)]
    if not counts or min(counts) < 1:
        raise ValueError(f"filters must be positive, got {filters!r}")
    pools = {"max": "MaxPool2D", "avg": "AvgPool2D", "average": "AvgPool2D", "none": None}
    if pool not in pools:
        raise ValueError(f"pool must be one of {sorted(pools)}, got {pool!r}")
    specs: list[dict] = []
    shape = tuple(int(v) for v in input_shape)
    for count in counts:
        block = [{"type": "Conv2D", "in_channels": shape[0], "out_channels": count,
                  "kernel_size": list(ops.pair(kernel_size, "kernel_size")),
                  "stride": list(ops.pair(stride, "stride")),
                  "padding": list(ops.pair(padding, "padding")), "dilation": [1, 1]},
                 {"type": "ReLU"}]
        if pools[pool] is not None:
            size = list(ops.pair(pool_size, "pool size"))
            block.append({"type": pools[pool], "size": size, "stride": size})
        shape = summarize(block, shape)[-1].output_shape
        specs += block
    specs.append({"type": "Flatten"})
    features = _count(shape)
    if hidden:
        specs += [{"type": "Dense", "in_features": features, "out_features": int(hidden)},
                  {"type": "ReLU"}]
        features = int(hidden)
    specs.append({"type": "Dense", "in_features": features, "out_features": int(num_classes)})
    return specs


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- networks as a list of blocks ------------------------------------------------------

ACTIVATIONS = ("relu", "none")
POOLS = ("max", "avg", "none")
_POOL_LAYERS = {"max": "MaxPool2D", "avg": "AvgPool2D"}

#: Most hidden dense layers between the flattened maps and the output layer.
MAX_HIDDEN_LAYERS = 2


@dataclass(frozen=True)
class ConvBlock:
    """One convolution block: a convolution, then an optional ReLU, then optional pooling.

    ``kernel_size``, ``stride``, ``padding``, ``dilation``, ``pool_size`` and
    ``pool_stride`` are (rows, cols) pairs (an int means the same for both);
    ``padding`` counts rows/columns of zeros on each side; ``pool_stride`` None means
    "equal to ``pool_size``". ``activation`` is ``"relu"`` or ``"none"``, ``pool`` is
    ``"max"``, ``"avg"`` or ``"none"``. Values are checked by :func:`network_architecture`,
    not here, so an editor can hold a half-typed block.
    """

    filters: int = 8
    kernel_size: tuple[int, int] = (3, 3)
    stride: tuple[int, int] = (1, 1)
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    activation: str = "relu"
    pool: str = "max"
    pool_size: tuple[int, int] = (2, 2)
    pool_stride: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        for name in ("kernel_size", "stride", "padding", "dilation", "pool_size"):
            object.__setattr__(self, name, _loose_pair(getattr(self, name)))
        if self.pool_stride is not None:
            object.__setattr__(self, "pool_stride", _loose_pair(self.pool_stride))

    @property
    def pool_step(self) -> tuple[int, int]:
        """The pool stride, ``pool_size`` when none is set."""
        return self.pool_size if self.pool_stride is None else self.pool_stride


def _loose_pair(value):
    """``3 -> (3, 3)``; pairs kept as tuples; anything else kept as it is, for
    :func:`network_architecture` to refuse with a code."""
    if _is_int(value):
        return (value, value)
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return tuple(value)
    return value


#: The network :func:`engine.model.default_network` builds: two 5x5 convolution blocks,
#: each with ReLU and 2x2 max pooling, then one hidden layer of 64 units. On the bundled
#: MNIST, with :data:`engine.train.DEFAULT_TRAINING`, it reached 98.6 %, 98.6 % and
#: 98.3 % test accuracy with seeds 0, 1 and 2 (benchmarks/bench_default_training.py).
#: 5x5 kernels measured 0.2-0.5 points above 3x3 ones; wider layers (24/48 filters, 128
#: hidden units) did not help on these 3,600 training images. Its training step runs at
#: about 1.6-1.8x PyTorch's images/s (one thread each; benchmarks/bench_engine.py; 1.0x
#: before the fast path's Winograd tiles and fused convolution + pool). Cheaper networks
#: measured faster against PyTorch before those (CPU time of both sides, same run) but
#: below 98.5 % (seeds 0, 1, 2): 16/32 filters 3x3 1.5x, 98.1/98.5/98.4 %; 8/16 filters
#: 3x3 1.8x, 97.6/97.2/97.7 %; 8/16 filters 5x5 1.0x, 97.9/97.8/98.1 %.
DEFAULT_BLOCKS = (
    ConvBlock(filters=16, kernel_size=(5, 5)),
    ConvBlock(filters=32, kernel_size=(5, 5)),
)
DEFAULT_HIDDEN = (64,)


def _block_ranges() -> dict:
    """A block's limits: those of the layer arguments each setting becomes."""
    return {"filters": _RANGES["out_channels"],
            **{name: _RANGES[name] for name in ("kernel_size", "stride", "padding",
                                                 "dilation")},
            "pool_size": _RANGES["size"], "pool_stride": _RANGES["stride"]}


def _check_block(index: int, block) -> None:
    if not isinstance(block, ConvBlock):
        raise ArchitectureError("not_a_block", f"block {index + 1} is not a ConvBlock",
                                block=index)
    for name, (low, high) in _block_ranges().items():
        value = getattr(block, name)
        if name == "pool_stride" and value is None:
            continue
        parts = value if isinstance(value, tuple) and name != "filters" else (value,)
        if (name != "filters" and len(parts) != 2) or not all(_is_int(v) for v in parts):
            raise ArchitectureError("block_not_integer", f"block {index + 1}: {name} must be "
                                    f"a whole number (or a pair), got {str(value)[:40]}",
                                    block=index, argument=name, value=str(value)[:40])
        if not all(low <= v <= high for v in parts):
            raise ArchitectureError("block_out_of_range", f"block {index + 1}: {name} "
                                    f"{value} is outside {low}..{high}", block=index,
                                    argument=name, value=value, low=low, high=high)
    for name, choices in (("activation", ACTIVATIONS), ("pool", POOLS)):
        if getattr(block, name) not in choices:
            raise ArchitectureError("block_choice", f"block {index + 1}: {name} must be one "
                                    f"of {choices}, got {str(getattr(block, name))[:40]!r}",
                                    block=index, argument=name,
                                    value=str(getattr(block, name))[:40], choices=choices)


def block_layers(block: ConvBlock, in_channels: int) -> list[dict]:
    """The layer specs of one (checked) block on maps of ``in_channels`` channels."""
    layers = [{"type": "Conv2D", "in_channels": int(in_channels),
               "out_channels": int(block.filters), "kernel_size": list(block.kernel_size),
               "stride": list(block.stride), "padding": list(block.padding),
               "dilation": list(block.dilation)}]
    if block.activation == "relu":
        layers.append({"type": "ReLU"})
    if block.pool != "none":
        layers.append({"type": _POOL_LAYERS[block.pool], "size": list(block.pool_size),
                       "stride": list(block.pool_step)})
    return layers


def network_architecture(input_shape=(1, 28, 28), num_classes: int = 10,
                         blocks=DEFAULT_BLOCKS, hidden=DEFAULT_HIDDEN) -> list[dict]:
    """The layer specs of a network built from convolution ``blocks`` (a sequence of
    :class:`ConvBlock`, possibly empty) and ``hidden`` dense widths (0 to
    :data:`MAX_HIDDEN_LAYERS` of them, each followed by a ReLU)::

        [conv -> (ReLU) -> (pool)] * len(blocks) -> Flatten -> [Dense -> ReLU] * len(hidden)
            -> Dense(num_classes)

    Allocates nothing. Raises :class:`ArchitectureError` for a block setting out of
    range (``"block_out_of_range"``, ``"block_not_integer"``, ``"block_choice"``,
    ``"not_a_block"``; ``values["block"]`` is the 0-based block), for too many or bad
    hidden layers (``"too_many_hidden"``, ``"hidden_out_of_range"``), for a class count
    out of range (``"classes_out_of_range"``), when a block's window no longer fits
    its input (``"window_does_not_fit"``, with ``block``, ``stage``, ``size`` and
    ``span``), or for more than :data:`engine.limits.MAX_LAYERS` layers
    (``"too_many_layers"``). Size is left to :func:`engine.costs.check_budget` (memory, naming the
    layer) and :func:`validate` (the parameters a model file may hold): call both before
    building what a learner configured.
    """
    blocks, hidden = tuple(blocks), tuple(hidden)
    for index, block in enumerate(blocks):
        _check_block(index, block)
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ArchitectureError("too_many_hidden", f"{len(hidden)} hidden layers, at most "
                                f"{MAX_HIDDEN_LAYERS} are allowed", count=len(hidden),
                                limit=MAX_HIDDEN_LAYERS)
    for index, width in enumerate(hidden):
        if not _is_int(width) or not 1 <= width <= limits.MAX_FEATURES:
            raise ArchitectureError("hidden_out_of_range", f"hidden layer {index + 1}: "
                                    f"{str(width)[:40]} units is outside 1.."
                                    f"{limits.MAX_FEATURES}", hidden=index,
                                    value=str(width)[:40], low=1, high=limits.MAX_FEATURES)
    if not _is_int(num_classes) or not 2 <= num_classes <= limits.MAX_CLASSES:
        raise ArchitectureError("classes_out_of_range", f"{str(num_classes)[:40]} classes; "
                                f"2..{limits.MAX_CLASSES} are allowed",
                                value=str(num_classes)[:40], low=2, high=limits.MAX_CLASSES)
    shape = tuple(int(v) for v in input_shape)
    specs: list[dict] = []
    for index, block in enumerate(blocks):
        layers = block_layers(block, shape[0])
        try:
            shape = summarize(layers, shape)[-1].output_shape
        except ops.WindowDoesNotFit as error:
            raise ArchitectureError("window_does_not_fit", f"block {index + 1}: {error}",
                                    block=index, stage=error.terms.stage,
                                    size=error.terms.n, span=error.terms.span) from None
        specs += layers
    specs.append({"type": "Flatten"})
    features = _count(shape)
    for width in hidden:
        specs += [{"type": "Dense", "in_features": features, "out_features": int(width)},
                  {"type": "ReLU"}]
        features = int(width)
    specs.append({"type": "Dense", "in_features": features, "out_features": int(num_classes)})
    if len(specs) > limits.MAX_LAYERS:
        raise ArchitectureError("too_many_layers", f"{len(specs)} layers, at most "
                                f"{limits.MAX_LAYERS} are allowed", count=len(specs),
                                limit=limits.MAX_LAYERS)
    return specs


def blocks_of(layer_specs) -> tuple[tuple[ConvBlock, ...], tuple[int, ...]]:
    """The blocks and hidden widths that :func:`network_architecture` would turn into
    ``layer_specs`` (the inverse, e.g. to put a loaded model in an editor).

    Raises :class:`ArchitectureError` ``"not_blocks"`` when the layers are not of that
    shape (a pool without a convolution before it, a ReLU after ReLU, ...).
    """
    specs = list(layer_specs)
    blocks: list[ConvBlock] = []
    i = 0

    def refuse(at: int):
        return ArchitectureError("not_blocks", f"layer {at + 1} does not fit the pattern "
                                 "of convolution blocks and hidden layers", layer=at)

    while i < len(specs) and specs[i].get("type") == "Conv2D":
        conv = specs[i]
        fields = {"filters": conv["out_channels"], "kernel_size": tuple(conv["kernel_size"]),
                  "stride": ops.pair(conv.get("stride", 1)),
                  "padding": ops.pair(conv.get("padding", 0)),
                  "dilation": ops.pair(conv.get("dilation", 1)), "activation": "none",
                  "pool": "none"}
        i += 1
        if i < len(specs) and specs[i].get("type") == "ReLU":
            fields["activation"] = "relu"
            i += 1
        if i < len(specs) and specs[i].get("type") in ("MaxPool2D", "AvgPool2D"):
            pool = specs[i]
            size = ops.pair(pool["size"])
            step = ops.pair(pool.get("stride", size))
            fields.update(pool="max" if pool["type"] == "MaxPool2D" else "avg",
                          pool_size=size, pool_stride=None if step == size else step)
            i += 1
        blocks.append(ConvBlock(**fields))
    if i >= len(specs) or specs[i].get("type") != "Flatten":
        raise refuse(i)
    i += 1
    widths: list[int] = []
    while i + 1 < len(specs) and specs[i].get("type") == "Dense" \
            and specs[i + 1].get("type") == "ReLU":
        widths.append(int(specs[i]["out_features"]))
        i += 2
    if i != len(specs) - 1 or specs[i].get("type") != "Dense":
        raise refuse(min(i, len(specs) - 1))
    return tuple(blocks), tuple(widths)


# --- time per epoch, estimated ---------------------------------------------------------

def validate(layer_specs, input_shape) -> tuple[LayerSummary, ...]:
    """Check an architecture from an untrusted source and return its :func:`summarize`.

    Every spec must be a dict with a known ``type`` and exactly that type's arguments,
    each an integer (or a pair of integers) within :mod:`engine.limits`; ``input_shape``
    must be ``(C, H, W)``; the layers must fit together, end in a Dense layer, and hold at
    most :data:`engine.limits.MAX_MODEL_PARAMETERS` parameters. Raises
    :class:`ArchitectureError` otherwise (a too-small input raises it with code
    ``"window_does_not_fit"``).
    """
    if (not isinstance(input_shape, (list, tuple)) or len(input_shape) != 3
            or not all(_is_int(v) for v in input_shape)):
        raise ArchitectureError("input_shape", f"the input shape must be (channels, rows, "
                                f"columns), got {str(input_shape)[:60]}",
                                shape=str(input_shape)[:60])
    channels, rows, cols = input_shape
    if not (1 <= channels <= limits.MAX_INPUT_CHANNELS and 1 <= rows <= limits.MAX_INPUT_SIDE
            and 1 <= cols <= limits.MAX_INPUT_SIDE):
        raise ArchitectureError("out_of_range", f"the input shape {tuple(input_shape)} is out "
                                "of range", argument="input_shape", value=tuple(input_shape))
    if not isinstance(layer_specs, list) or not layer_specs:
        raise ArchitectureError("not_a_list", "the architecture has no list of layers")
    if len(layer_specs) > limits.MAX_LAYERS:
        raise ArchitectureError("too_many_layers", f"{len(layer_specs)} layers, at most "
                                f"{limits.MAX_LAYERS} are allowed", count=len(layer_specs),
                                limit=limits.MAX_LAYERS)
    for index, spec in enumerate(layer_specs):
        kind = spec.get("type") if isinstance(spec, dict) else None
        if not isinstance(kind, str) or kind not in LAYER_ARGUMENTS:
            raise ArchitectureError("unknown_layer", f"layer {index + 1} is of no known type",
                                    layer=index, kind=str(kind)[:40])
        required, optional = LAYER_ARGUMENTS[kind]
        given = set(spec) - {"type"}
        wrong = sorted(given - set(required) - set(optional)) \
            + sorted(set(required) - given)
        if wrong:
            raise ArchitectureError("bad_argument", f"layer {index + 1} ({kind}) has wrong "
                                    f"arguments {wrong[:5]}", layer=index, kind=kind,
                                    argument=str(wrong[0])[:40])
        for key in given:
            value = spec[key]
            is_pair = key in _PAIRS and isinstance(value, list)
            parts = value if is_pair else [value]
            if (is_pair and len(parts) != 2) or not all(_is_int(v) for v in parts):
                raise ArchitectureError("bad_argument", f"layer {index + 1} ({kind}): "
                                        f"{key} must be an integer", layer=index, kind=kind,
                                        argument=key)
            low, high = _RANGES[key]
            if not all(low <= v <= high for v in parts):
                raise ArchitectureError("out_of_range", f"layer {index + 1} ({kind}): {key} "
                                        f"{value} is outside {low}..{high}", layer=index,
                                        kind=kind, argument=key, value=value, low=low,
                                        high=high)
    if layer_specs[-1]["type"] != "Dense":
        raise ArchitectureError("not_flat", "the last layer must be a Dense layer")
    try:
        summary = summarize(layer_specs, input_shape)
    except ops.WindowDoesNotFit as error:
        raise ArchitectureError("window_does_not_fit", str(error),
                                stage=error.terms.stage, size=error.terms.n,
                                span=error.terms.span) from None
    total = sum(layer.parameters for layer in summary)
    if total > limits.MAX_MODEL_PARAMETERS:
        raise ArchitectureError("too_many_parameters", f"{total:,} parameters, at most "
                                f"{limits.MAX_MODEL_PARAMETERS:,} are allowed", count=total,
                                limit=limits.MAX_MODEL_PARAMETERS)
    return summary
