"""A stack of layers, the builders of a network, and a safe file format for trained models.

Building a network
------------------
:func:`build_network` builds any small CNN from a list of convolution blocks and hidden
dense widths::

    from engine.architecture import ConvBlock
    model = build_network((1, 28, 28), 10,
                          blocks=[ConvBlock(16, (5, 5)),
                                  ConvBlock(32, (3, 3), padding=1, dilation=2,
                                            pool="avg", pool_size=3, pool_stride=2)],
                          hidden=[64], seed=0)

Each :class:`engine.architecture.ConvBlock` is a convolution (filters, kernel rows x
cols, stride, padding, dilation), an optional ReLU (``activation="relu"`` or ``"none"``)
and optional pooling (``pool="max"``, ``"avg"`` or ``"none"``, with its size and
stride); 0 to 2 hidden dense layers (each followed by a ReLU) come before the output
layer. :func:`engine.architecture.network_architecture` gives the same layers as specs
without building anything (for shapes, parameter counts, memory and time estimates);
:func:`engine.architecture.blocks_of` turns a model's specs back into blocks.
:func:`default_network` builds the one default architecture
(:data:`engine.architecture.DEFAULT_BLOCKS`, :data:`engine.architecture.DEFAULT_HIDDEN`).
:func:`build_cnn` is the older form (the same settings for every block) and stays for
its callers.

Model files
-----------

A model file is an ``.npz`` holding ``architecture`` (JSON text: the layers and their
constructor arguments, the input shape and the class names) and one array per
parameter, named ``"<layer index>.<param name>"``. Nothing is pickled, and loading
never unpickles.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence as SequenceABC
from pathlib import Path

import numpy as np

from engine import architecture, fileio, limits, ops, safe_json
from engine.layers import (
    LAYER_TYPES,
    Conv2D,
    Dense,
    Layer,
    MaxPool2D,
    ReLU,
    chwn_to_nchw,
    nchw_to_chwn,
)

FORMAT = "cnn-lab-model"
FORMAT_VERSION = 1


class ModelFileError(ValueError):
    """A file that is not a valid CNN Lab model.

    ``code`` names the problem and ``values`` holds its numbers, so the GUI can word it;
    ``str(error)`` is an English sentence naming the file. Codes: ``"missing"``,
    ``"unreadable"``, ``"not_a_model"``, ``"damaged"``, ``"pickled"``, ``"version"``,
    ``"too_large"`` (declared sizes over the budget, zip bombs included),
    ``"architecture"`` (``values["reason"]`` holds the :class:`ArchitectureError` code),
    ``"json_depth"``, ``"class_names"``, ``"missing_weights"``, ``"unexpected_arrays"``,
    ``"weight_shape"``, ``"weight_dtype"``, ``"not_finite"``, ``"overflow"``.
    """

    def __init__(self, message: str, code: str = "not_a_model", **values) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


class Sequential:
    """Layers applied one after another.

    Parameters
    ----------
    layers : list of Layer
    input_shape : (C, H, W), optional
        The image shape the model was built for; checked by :meth:`forward`.
    class_names : sequence of str, optional
        Names of the output classes, in output order.

    Notes
    -----
    :meth:`forward` and :meth:`backward` run the layers' fast path (``forward_chwn`` /
    ``backward_chwn``, see :mod:`engine.layers`): between layers, 4-D activations are kept
    in ``(C, H, W, N)`` order; inputs and outputs are NCHW. They also run a ReLU that
    directly precedes a max pool *after* the pool (see :meth:`fast_path_order`) and a
    convolution with the max pool it then feeds as one step (see
    :meth:`fast_path_steps`); the results are the same. :meth:`activations` runs the
    layers' textbook NCHW path in their written order and returns every layer's output.
    """

    def __init__(self, layers: SequenceABC[Layer], input_shape=None, class_names=None):
        self.layers = list(layers)
        self.input_shape = None if input_shape is None else tuple(int(v) for v in input_shape)
        self.class_names = None if class_names is None else tuple(str(c) for c in class_names)
        if self.input_shape is not None:
            self.output_shape()  # fails early, naming the sizes, if the layers do not fit

    def output_shape(self, input_shape=None):
        """Shape of one sample's output, following the layers from ``input_shape``."""
        shape = input_shape if input_shape is not None else self.input_shape
        for layer in self.layers:
            shape = layer.output_shape(shape)
        return shape

    @property
    def num_classes(self) -> int:
        return self.layers[-1].out_features

    def class_labels(self) -> tuple[str, ...]:
        """What to call each output: the class names, or "0", "1", ... without them."""
        if self.class_names is not None:
            return self.class_names
        return tuple(str(i) for i in range(self.num_classes))

    def trainable_layers(self) -> list[Layer]:
        return [layer for layer in self.layers if layer.params]

    def architecture(self) -> list[dict]:
        """The layer specs (see :mod:`engine.architecture`)."""
        return [{"type": type(layer).__name__, **layer.config()} for layer in self.layers]

    def summary(self) -> tuple[architecture.LayerSummary, ...]:
        """Each layer's output shape and parameter counts (:func:`architecture.summarize`);
        needs the model's ``input_shape``."""
        if self.input_shape is None:
            raise ValueError("a summary needs the model's input shape")
        return architecture.summarize(self.architecture(), self.input_shape)

    def fast_path_order(self) -> list[int]:
        """Layer indices in the order :meth:`forward` runs them.

        A ReLU directly followed by a max pool runs after the pool instead: the outputs
        are identical (``relu(max(w)) == max(relu(w))`` for every window ``w``) and so are
        the gradients (a window whose maximum is positive sends its gradient to the same
        first maximum either way; otherwise it sends none), but the ReLU then touches a
        pool's worth fewer values forward and backward: measured, the default model's
        training step is about 15% faster for it.
        """
        order = list(range(len(self.layers)))
        for i in range(len(order) - 1):
            if (order[i] == i and type(self.layers[i]) is ReLU
                    and type(self.layers[i + 1]) is MaxPool2D):
                order[i], order[i + 1] = i + 1, i
        return order

    def fast_path_steps(self) -> list[tuple[int, ...]]:
        """The steps :meth:`forward` runs: :meth:`fast_path_order`, with each Conv2D that
        is directly followed there by a MaxPool2D whose windows do not overlap joined to
        it in one step ``(conv index, pool index)``
        (:meth:`engine.layers.Conv2D.forward_max_pool_chwn`); every other layer is a step
        ``(index,)`` of its own.

        The fused step gives the pool's output and every gradient of the two layers run
        one after the other, but the convolution lays its output out window by window,
        so the pool runs on whole contiguous arrays, output cells no window reads are
        never computed and the bias is added to the pooled values only: measured (CPU
        time, both ways in one process), the default network's training step 6 % and
        ``build_cnn(filters=(16, 32))``'s 11 % faster for it.
        """
        order = self.fast_path_order()
        steps: list[tuple[int, ...]] = []
        position = 0
        while position < len(order):
            index = order[position]
            following = self.layers[order[position + 1]] if position + 1 < len(order) else None
            if (type(self.layers[index]) is Conv2D and type(following) is MaxPool2D
                    and following.stride == following.size):
                steps.append((index, order[position + 1]))
                position += 2
            else:
                steps.append((index,))
                position += 1
        return steps

    def with_parameters(self, replacements: dict[int, dict[str, np.ndarray]]) -> Sequential:
        """A model that shares this one's weights except ``replacements``, e.g.
        ``{0: {"weight": w, "bias": b}}`` for other first-layer filters.

        Nothing is copied and this model is left untouched (its layers are not even
        used: the new model has layers of its own, so the two can run at once). Shapes
        must match the architecture; arrays are used as given, so do not change them
        while the new model is in use. To predict with the explorer's filters in place of
        the first layer's: ``model.with_parameters({0: {"weight": w, "bias": b})
        .predict_proba(images)``.
        """
        clone = _build(self._record(), initialize=False)
        for index, (mine, theirs) in enumerate(zip(self.layers, clone.layers, strict=True)):
            given = replacements.get(index, {})
            unknown = set(given) - set(mine.params)
            if unknown:
                raise ValueError(f"layer {index} has no parameters {sorted(unknown)}")
            for name, value in mine.params.items():
                new = np.asarray(given.get(name, value))
                if new.shape != value.shape:
                    raise ValueError(f"layer {index} {name} must have shape {value.shape}, "
                                     f"got {new.shape}")
                theirs.params[name] = new
        return clone

    def activations(self, x, batch_size: int | None = None, *,
                    kept: SequenceABC[np.ndarray] | None = None,
                    start: int = 0) -> list[np.ndarray]:
        """Every layer's output for images ``x`` (N, C, H, W) (or one image (C, H, W)).

        Returns ``[x, out_0, out_1, ...]``: the input then each layer's output, NCHW for
        maps and (N, D) after Flatten, in the written layer order (no reordering). Runs
        the textbook path on layers of its own: this model's caches are not touched.
        ``batch_size`` computes that many images at a time (the results are the same;
        the layers' working memory is bounded, the returned outputs are not).

        ``kept`` (what an earlier call returned for the same ``x``, on a model whose
        layers before ``start`` are the same as this one's) with ``start`` (a layer index)
        runs only layers ``start, start + 1, ...`` on ``kept[start]``, the input of layer
        ``start``: the outputs before it are ``kept``'s own arrays, not copies. A learned
        kernel edited in layer ``start`` costs the layers after it only.
        """
        x = ops._float_array(x)
        single = x.ndim == 3
        h = x[None] if single else x
        self._check_input(h)
        start = int(start)
        if kept is not None:
            if len(kept) != len(self.layers) + 1 or not 0 <= start <= len(self.layers):
                raise ValueError(f"kept must hold {len(self.layers) + 1} outputs and start "
                                 f"must be a layer index, got {len(kept)} and {start}")
            given = list(kept[:start + 1])
            kept = [np.asarray(k)[None] if single else np.asarray(k) for k in given]
        elif start:
            raise ValueError("start needs the kept outputs of an earlier call")
        layers = self.with_parameters({}).layers[start:]
        step = len(h) if not batch_size else int(batch_size)
        parts = []
        for first in range(0, max(len(h), 1), max(step, 1)):
            if kept is None:
                part = h[first:first + step]
                outputs = [part]
            else:
                outputs = [k[first:first + step] for k in kept]
                part = outputs[-1]
            for layer in layers:
                part = layer.forward(part)
                outputs.append(part)
            parts.append(outputs)
        if len(parts) == 1:
            outputs = parts[0]
        else:
            outputs = [np.concatenate(chunk) for chunk in zip(*parts, strict=True)]
        if single and kept is not None:  # the kept outputs themselves, not views of them
            return given + [out[0] for out in outputs[start + 1:]]
        return [out[0] for out in outputs] if single else outputs

    def _check_input(self, x: np.ndarray) -> None:
        if x.ndim == 4 and self.input_shape is not None and x.shape[1:] != self.input_shape:
            raise ValueError(
                f"this model expects images of shape {self.input_shape}, got {x.shape[1:]}"
            )

    def forward(self, x) -> np.ndarray:
        """Logits ``(N, K)`` for images ``x`` ``(N, C, H, W)``, through the layers' fast
        (C, H, W, N) path in :meth:`fast_path_steps`; :meth:`backward` follows them back."""
        x = ops._float_array(x)
        if x.ndim == 4:
            self._check_input(x)
            # One copy into (C, H, W, N): the first convolution's slices then read
            # contiguous runs instead of gathering with a stride of C*H*W.
            h = np.ascontiguousarray(nchw_to_chwn(x))
        else:
            h = x
        self._steps = self.fast_path_steps()  # reordered and fused: see there
        for step in self._steps:
            if len(step) == 2:
                conv, pool = (self.layers[index] for index in step)
                h = conv.forward_max_pool_chwn(h, pool)
            else:
                h = self.layers[step[0]].forward_chwn(h)
        self._output_was_4d = h.ndim == 4
        if self._output_was_4d:
            return chwn_to_nchw(h)
        return h

    def backward(self, grad_out, input_grad: bool = True):
        """Back-propagate ``grad_out`` (the gradient of the loss w.r.t. the output).

        Fills every trainable layer's ``grads``. Returns the gradient w.r.t. the input
        (NCHW), or None when ``input_grad`` is False, which skips the first layer's
        input-gradient work.
        """
        grad = np.asarray(grad_out)
        if getattr(self, "_output_was_4d", False):
            grad = nchw_to_chwn(grad)
        steps = getattr(self, "_steps", None) or self.fast_path_steps()
        for position in range(len(steps) - 1, -1, -1):
            # A fused (convolution, pool) step goes back through both in the convolution.
            grad = self.layers[steps[position][0]].backward_chwn(
                grad, need_input_grad=position > 0 or input_grad)
        if grad is not None and grad.ndim == 4:
            grad = chwn_to_nchw(grad)
        return grad

    def predict_proba(self, x, batch_size: int = 512) -> np.ndarray:
        """Softmax probabilities ``(N, K)``, computed in batches to bound memory."""
        x = ops._float_array(x)
        chunks = [ops.softmax(self.forward(x[i:i + batch_size]))
                  for i in range(0, len(x), batch_size)]
        if not chunks:
            return np.zeros((0, self.num_classes), dtype=x.dtype)
        return np.concatenate(chunks)

    def predict(self, x, batch_size: int = 512) -> np.ndarray:
        """Most probable class index ``(N,)`` for each image."""
        return self.predict_proba(x, batch_size).argmax(axis=1)

    def copy(self) -> Sequential:
        """An independent model with the same architecture and a copy of the weights."""
        clone = _build(self._record(), initialize=False)
        for mine, theirs in zip(self.layers, clone.layers, strict=True):
            for name, value in mine.params.items():
                theirs.params[name] = value.copy()
        return clone

    def _record(self) -> dict:
        """The architecture record saved as JSON in a model file."""
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "input_shape": None if self.input_shape is None else list(self.input_shape),
            "class_names": None if self.class_names is None else list(self.class_names),
            "layers": self.architecture(),
        }

    def save(self, path) -> None:
        """Write the model to ``path`` (``.npz``) atomically: a crash never leaves half a file."""
        fileio.write_with(Path(path), self.write_to)

    def write_to(self, handle) -> None:
        """Write the model file's bytes into the open binary file ``handle`` (what
        :meth:`save` writes; a lab file embeds them, see :mod:`engine.lab_file`)."""
        arrays = {"architecture": np.array(json.dumps(self._record()))}
        for index, layer in enumerate(self.layers):
            for name, value in layer.params.items():
                arrays[f"{index}.{name}"] = value
        np.savez_compressed(handle, **arrays)

    def __repr__(self) -> str:
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Sequential([\n  {inner}\n], input_shape={self.input_shape})"


def build_cnn(input_shape=(1, 28, 28), num_classes: int = 10, filters=8, kernel_size=3,
              stride=1, padding=0, pool: str = "max", pool_size=2, hidden: int = 0,
              seed: int | None = 0, class_names=None) -> Sequential:
    """The default network:
    ``[conv -> ReLU -> pool] * blocks -> flatten -> [dense -> ReLU] -> dense``.

    ``filters`` is an int for one convolution block or a sequence such as ``(16, 32)``
    for one block per entry. ``pool`` is ``"max"``, ``"avg"`` or ``"none"``; ``hidden`` is
    the width of the optional hidden dense layer (0 for none). Raises ValueError, naming
    the sizes, when the image shrinks to nothing. :func:`engine.architecture.cnn_architecture`
    gives the same layers as specs, without building them.
    """
    specs = architecture.cnn_architecture(input_shape, num_classes, filters, kernel_size,
                                          stride, padding, pool, pool_size, hidden)
    rng = np.random.default_rng(seed)
    layers = [_layer(spec, rng=rng) for spec in specs]
    return Sequential(layers, input_shape=input_shape, class_names=class_names)


def build_network(input_shape=(1, 28, 28), num_classes: int = 10,
                  blocks=architecture.DEFAULT_BLOCKS, hidden=architecture.DEFAULT_HIDDEN,
                  seed: int | None = 0, class_names=None) -> Sequential:
    """A freshly initialised network of convolution ``blocks`` (a sequence of
    :class:`engine.architecture.ConvBlock`) and ``hidden`` dense widths, for images
    ``input_shape`` (C, H, W) and ``num_classes`` classes (see
    :func:`engine.architecture.network_architecture`, which gives its layer specs and
    raises :class:`engine.architecture.ArchitectureError`, with a code, for settings that
    cannot be built). Check :func:`engine.costs.check_budget` first when the
    settings come from a learner: this allocates the weights.
    """
    specs = architecture.network_architecture(input_shape, num_classes, blocks, hidden)
    rng = np.random.default_rng(seed)
    layers = [_layer(spec, rng=rng) for spec in specs]
    return Sequential(layers, input_shape=input_shape, class_names=class_names)


def default_network(input_shape=(1, 28, 28), num_classes: int = 10, seed: int | None = 0,
                    class_names=None) -> Sequential:
    """The default network (:data:`engine.architecture.DEFAULT_BLOCKS` and
    :data:`engine.architecture.DEFAULT_HIDDEN`), the one the Train page and
    ``python -m engine.train`` start from."""
    return build_network(input_shape, num_classes, architecture.DEFAULT_BLOCKS,
                         architecture.DEFAULT_HIDDEN, seed, class_names)


_RANDOM_INIT = (Conv2D, Dense)


def _layer(spec: dict, **init) -> Layer:
    spec = dict(spec)
    kind = LAYER_TYPES[spec.pop("type")]
    return kind(**spec, **init) if kind in _RANDOM_INIT else kind(**spec)


def _build(record: dict, initialize: bool = True) -> Sequential:
    layers = [_layer(spec, initialize=initialize) for spec in record["layers"]]
    return Sequential(layers, record.get("input_shape"), record.get("class_names"))


def load(path) -> Sequential:
    """Read a model written by :meth:`Sequential.save`.

    Everything is checked before it is built or read: the archive's declared sizes
    (against :data:`engine.limits.MAX_MODEL_BYTES`, so a zip bomb is refused unopened),
    the architecture record (its length and nesting, every layer and argument, the
    class names), then every array's declared shape and dtype from its ``.npy`` header
    (only float32 and float64 are accepted); only then are the weights read, and the
    layers are built without random initialisation. Finally the weights must be finite
    and small enough that no input in [0, 1] can overflow the logits.

    Raises
    ------
    ModelFileError
        With a ``code`` and ``values`` (see there) and an English message naming the file.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ModelFileError(f"{name}: no such model file", "missing", name=name)
    try:
        is_zip = fileio.is_zip(path)
    except OSError as error:
        raise ModelFileError(f"{name} cannot be read ({error.strerror})", "unreadable",
                             name=name) from None
    if not is_zip:
        raise ModelFileError(f"{name} is not a CNN Lab model file (not an .npz archive)",
                             "not_a_model", name=name)
    return read_from(path, name)


def read_from(file, name: str) -> Sequential:
    """Read a model file from ``file`` (a path, or an open seekable binary file such as a
    member of a lab file), with every check of :func:`load`; ``name`` names it in the
    messages of the :class:`ModelFileError` raised for anything wrong."""
    try:
        with zipfile.ZipFile(file) as archive:
            return _read_model(archive, name)
    except ModelFileError:
        raise
    except Exception as error:  # noqa: BLE001 — zlib, zipfile and numpy raise many kinds
        raise ModelFileError(
            f"{name} is not a CNN Lab model file: it is damaged, truncated or of another "
            f"kind ({type(error).__name__})", "damaged", name=name
        ) from None


def npy_header(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """``(shape, dtype)`` declared by a stored ``.npy`` file, read from its first bytes
    (nothing else of it is read, so a huge declared array costs nothing)."""
    with archive.open(info) as handle:
        version = np.lib.format.read_magic(handle)
        if version == (1, 0):
            shape, _, dtype = np.lib.format.read_array_header_1_0(handle)
        elif version == (2, 0):
            shape, _, dtype = np.lib.format.read_array_header_2_0(handle)
        else:
            raise ValueError(f"unsupported .npy version {version}")
    return tuple(int(v) for v in shape), np.dtype(dtype)


def _read_record(archive, infos: dict, name: str) -> dict:
    info = infos.get("architecture")
    if info is None:
        raise ModelFileError(f"{name} is an .npz file but not a CNN Lab model (no "
                             "architecture)", "not_a_model", name=name)
    shape, dtype = npy_header(archive, info)
    if dtype.hasobject:
        raise ModelFileError(f"{name} contains Python objects; CNN Lab never loads those, "
                             "for safety", "pickled", name=name, key="architecture")
    if dtype.kind != "U" or shape != () or dtype.itemsize > 4 * limits.MAX_ARCHITECTURE_CHARS:
        raise ModelFileError(f"{name}: the architecture record is not a text of at most "
                             f"{limits.MAX_ARCHITECTURE_CHARS:,} characters", "too_large"
                             if dtype.kind == "U" else "not_a_model", name=name,
                             limit=limits.MAX_ARCHITECTURE_CHARS)
    with archive.open(info) as handle:
        text = str(np.lib.format.read_array(handle, allow_pickle=False))
    try:
        record = safe_json.loads(text, max_depth=limits.MAX_JSON_DEPTH,
                                 max_bytes=4 * limits.MAX_ARCHITECTURE_CHARS, name=name)
    except safe_json.JsonFileError as error:
        if error.code == "too_deep":
            depth = error.values[1]
            raise ModelFileError(f"{name}: the architecture record nests {depth} levels "
                                 f"deep, at most {limits.MAX_JSON_DEPTH} are allowed",
                                 "json_depth", name=name, depth=depth,
                                 limit=limits.MAX_JSON_DEPTH) from None
        raise ModelFileError(f"{name}: the architecture record is not valid JSON",
                             "not_a_model", name=name) from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ModelFileError(f"{name} is an .npz file but not a CNN Lab model",
                             "not_a_model", name=name)
    if record.get("version") != FORMAT_VERSION:
        raise ModelFileError(
            f"{name} was written by another version of CNN Lab "
            f"(format {str(record.get('version'))[:20]}, this one reads {FORMAT_VERSION})",
            "version", name=name, version=str(record.get("version"))[:20],
            supported=FORMAT_VERSION)
    return record


def _check_class_names(record: dict, summary, name: str) -> None:
    names = record.get("class_names")
    classes = summary[-1].output_shape[0]
    if names is None:
        return
    if (not isinstance(names, list) or len(names) != classes
            or not all(isinstance(n, str) and 0 < len(n) <= limits.MAX_CLASS_NAME_CHARS
                       for n in names)):
        count = len(names) if isinstance(names, list) else 0
        raise ModelFileError(f"{name}: the model has {classes} outputs but its class names "
                             f"are {count} (or not all short texts)", "class_names",
                             name=name, outputs=classes, names=count)
    if classes > limits.MAX_CLASSES:
        raise ModelFileError(f"{name}: {classes} classes, at most {limits.MAX_CLASSES} are "
                             "allowed", "class_names", name=name, outputs=classes,
                             names=len(names))


def _logit_bound(model: Sequential) -> float:
    """An upper bound on ``|logit|`` for any input with values in [0, 1], in float64:
    each layer scales the largest absolute value by at most its largest row sum of
    absolute weights, then adds its largest absolute bias."""
    bound = 1.0
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in model.layers:
            if not layer.params:
                continue
            weight = np.abs(layer.params["weight"].astype(np.float64))
            rows = (weight.reshape(weight.shape[0], -1).sum(axis=1) if isinstance(layer, Conv2D)
                    else weight.sum(axis=0))
            bound = bound * float(rows.max()) + float(np.abs(layer.params["bias"]).max())
    return bound if np.isfinite(bound) else float("inf")


#: Largest logit bound accepted: a softmax subtracts the row maximum, so it overflows only
#: when logits themselves reach float32's range; this leaves a wide margin below it.
MAX_LOGIT_BOUND = 1e30


def _read_model(archive: zipfile.ZipFile, name: str) -> Sequential:
    entries = archive.infolist()
    if len(entries) > 2 * limits.MAX_LAYERS + 1:
        raise ModelFileError(f"{name} holds {len(entries)} arrays; no CNN Lab model has that "
                             "many", "not_a_model", name=name)
    declared = sum(info.file_size for info in entries)
    if declared > limits.MAX_MODEL_BYTES:
        raise ModelFileError(f"{name} declares {declared / 2**20:,.0f} MiB of data once "
                             f"unpacked, more than the {limits.MAX_MODEL_BYTES / 2**20:,.0f} "
                             "MiB a model may hold", "too_large", name=name, bytes=declared,
                             limit=limits.MAX_MODEL_BYTES)
    infos = {}
    for info in entries:
        key = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
        if key in infos:
            raise ModelFileError(f"{name}: the array '{key[:40]}' is stored twice",
                                 "not_a_model", name=name)
        infos[key] = info
    record = _read_record(archive, infos, name)
    try:
        summary = architecture.validate(record.get("layers"), record.get("input_shape"))
    except architecture.ArchitectureError as error:
        raise ModelFileError(f"{name}: the architecture is not usable ({error})",
                             "architecture", name=name, reason=error.code,
                             **error.values) from None
    _check_class_names(record, summary, name)

    expected = {}
    for layer in summary:
        if layer.parameters:
            spec = record["layers"][layer.index]
            if layer.kind == "Conv2D":
                kh, kw = ops.pair(spec["kernel_size"])
                weight = (layer.output_shape[0], layer.input_shape[0], kh, kw)
            else:
                weight = (layer.input_shape[0], layer.output_shape[0])
            expected[f"{layer.index}.weight"] = weight
            expected[f"{layer.index}.bias"] = (layer.output_shape[0],)
    for key, info in infos.items():
        if key == "architecture":
            continue
        shape, dtype = npy_header(archive, info)
        if dtype.hasobject:
            raise ModelFileError(f"{name} contains Python objects; CNN Lab never loads "
                                 "those, for safety", "pickled", name=name, key=key[:40])
        if key not in expected:
            raise ModelFileError(f"{name}: unexpected array '{key[:40]}'; not a model of this "
                                 "kind", "unexpected_arrays", name=name, key=key[:40])
        if shape != expected[key]:
            raise ModelFileError(f"{name}: the weights '{key}' have shape {shape} but the "
                                 f"architecture needs {expected[key]}", "weight_shape",
                                 name=name, key=key, shape=shape, expected=expected[key])
        if dtype.kind != "f" or dtype.itemsize not in (4, 8):
            raise ModelFileError(f"{name}: the weights '{key}' are stored as {dtype}; only "
                                 "float32 and float64 are accepted", "weight_dtype",
                                 name=name, key=key, dtype=str(dtype))
    missing = sorted(set(expected) - set(infos))
    if missing:
        raise ModelFileError(f"{name}: the weights '{missing[0]}' are missing",
                             "missing_weights", name=name, key=missing[0])

    model = _build(record, initialize=False)
    for key in expected:
        index, param = key.split(".")
        with archive.open(infos[key]) as handle:
            stored = np.lib.format.read_array(handle, allow_pickle=False)
        if not np.isfinite(stored).all():
            raise ModelFileError(f"{name}: the weights '{key}' contain NaN or infinity",
                                 "not_finite", name=name, key=key)
        layer = model.layers[int(index)]
        layer.params[param] = stored.astype(layer.params[param].dtype)
    bound = _logit_bound(model)
    if bound > MAX_LOGIT_BOUND:
        raise ModelFileError(f"{name}: the weights are so large that the class scores "
                             "overflow", "overflow", name=name, bound=bound)
    return model
