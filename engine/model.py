"""A stack of layers, the default CNN, and a safe file format for trained models.

A model file is an ``.npz`` holding ``architecture`` (JSON text: the layers and their
constructor arguments, the input shape and the class names) and one array per
parameter, named ``"<layer index>.<param name>"``. Nothing is pickled, and loading
never unpickles.
"""

from __future__ import annotations

import json
from collections.abc import Sequence as SequenceABC
from pathlib import Path

import numpy as np

from engine import fileio, ops
from engine.layers import (
    LAYER_TYPES,
    AvgPool2D,
    Conv2D,
    Dense,
    Flatten,
    Layer,
    MaxPool2D,
    ReLU,
    chwn_to_nchw,
    nchw_to_chwn,
)

FORMAT = "cnn-lab-model"
FORMAT_VERSION = 1


class ModelFileError(ValueError):
    """A file that is not a valid CNN Lab model (the message says why)."""


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
    Between layers, 4-D activations are kept in ``(C, H, W, N)`` order (see
    :mod:`engine.layers`); inputs and outputs are NCHW.
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

    def trainable_layers(self) -> list[Layer]:
        return [layer for layer in self.layers if layer.params]

    def _run_order(self) -> list[int]:
        """Layer indices in the order :meth:`forward` runs them.

        A ReLU directly followed by a max pool runs after the pool instead: the outputs
        are identical (``relu(max(w)) == max(relu(w))`` for every window ``w``) and so are
        the gradients (a window whose maximum is positive sends its gradient to the same
        first maximum either way; otherwise it sends none), but the ReLU then touches a
        pool's worth fewer values forward and backward.
        """
        order = list(range(len(self.layers)))
        for i in range(len(order) - 1):
            if (order[i] == i and type(self.layers[i]) is ReLU
                    and type(self.layers[i + 1]) is MaxPool2D):
                order[i], order[i + 1] = i + 1, i
        return order

    def forward(self, x) -> np.ndarray:
        """Logits ``(N, K)`` for images ``x`` ``(N, C, H, W)``."""
        x = ops._float_array(x)
        if x.ndim == 4:
            if self.input_shape is not None and x.shape[1:] != self.input_shape:
                raise ValueError(
                    f"this model expects images of shape {self.input_shape}, "
                    f"got {x.shape[1:]}"
                )
            # One copy into (C, H, W, N): the first convolution's slices then read
            # contiguous runs instead of gathering with a stride of C*H*W.
            h = np.ascontiguousarray(nchw_to_chwn(x))
        else:
            h = x
        self._order = self._run_order()
        for index in self._order:
            h = self.layers[index]._forward(h)
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
        order = getattr(self, "_order", None) or self._run_order()
        for position in range(len(order) - 1, -1, -1):
            grad = self.layers[order[position]]._backward(
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
        clone = _build(self._architecture())
        for mine, theirs in zip(self.layers, clone.layers, strict=True):
            for name, value in mine.params.items():
                theirs.params[name] = value.copy()
        return clone

    def _architecture(self) -> dict:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "input_shape": None if self.input_shape is None else list(self.input_shape),
            "class_names": None if self.class_names is None else list(self.class_names),
            "layers": [{"type": type(layer).__name__, **layer.config()}
                       for layer in self.layers],
        }

    def save(self, path) -> None:
        """Write the model to ``path`` (``.npz``) atomically: a crash never leaves half a file."""
        path = Path(path)
        arrays = {"architecture": np.array(json.dumps(self._architecture()))}
        for index, layer in enumerate(self.layers):
            for name, value in layer.params.items():
                arrays[f"{index}.{name}"] = value
        fileio.write_with(path, lambda handle: np.savez_compressed(handle, **arrays))

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
    the sizes, when the image shrinks to nothing.
    """
    rng = np.random.default_rng(seed)
    counts = [int(filters)] if np.isscalar(filters) else [int(f) for f in filters]
    if not counts or min(counts) < 1:
        raise ValueError(f"filters must be positive, got {filters!r}")
    pools = {"max": MaxPool2D, "avg": AvgPool2D, "average": AvgPool2D, "none": None}
    if pool not in pools:
        raise ValueError(f"pool must be one of {sorted(pools)}, got {pool!r}")
    layers: list[Layer] = []
    shape = tuple(input_shape)
    for count in counts:
        block = [Conv2D(shape[0], count, kernel_size, stride, padding, rng=rng), ReLU()]
        if pools[pool] is not None:
            block.append(pools[pool](pool_size))
        for layer in block:
            shape = layer.output_shape(shape)
        layers += block
    layers.append(Flatten())
    features = int(np.prod(shape))
    if hidden:
        layers += [Dense(features, int(hidden), rng=rng), ReLU()]
        features = int(hidden)
    layers.append(Dense(features, int(num_classes), rng=rng))
    return Sequential(layers, input_shape=input_shape, class_names=class_names)


def _build(architecture: dict) -> Sequential:
    layers = []
    for spec in architecture["layers"]:
        spec = dict(spec)
        kind = spec.pop("type")
        layers.append(LAYER_TYPES[kind](**spec))
    return Sequential(layers, architecture.get("input_shape"), architecture.get("class_names"))


def load(path) -> Sequential:
    """Read a model written by :meth:`Sequential.save`.

    Raises
    ------
    ModelFileError
        For a missing, truncated or foreign file, a file with pickled objects, or weights
        that do not match the architecture it describes. The message says which.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ModelFileError(f"{name}: no such model file")
    try:
        with path.open("rb") as handle:
            is_zip = handle.read(4) == b"PK\x03\x04"
    except OSError as error:
        raise ModelFileError(f"{name} cannot be read ({error.strerror})") from None
    if not is_zip:
        raise ModelFileError(f"{name} is not a CNN Lab model file (not an .npz archive)")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except ValueError as error:
        if "pickle" in str(error).lower():
            raise ModelFileError(
                f"{name} contains Python objects; CNN Lab never loads those, for safety"
            ) from None
        raise ModelFileError(f"{name} is not a CNN Lab model file ({error})") from None
    except Exception as error:  # noqa: BLE001 — zlib, zipfile and numpy raise many kinds
        raise ModelFileError(
            f"{name} is not a CNN Lab model file: it is damaged, truncated or of another "
            f"kind ({type(error).__name__})"
        ) from None
    return _model_from_arrays(arrays, name)


def _model_from_arrays(arrays: dict, name: str) -> Sequential:
    if "architecture" not in arrays:
        raise ModelFileError(f"{name} is an .npz file but not a CNN Lab model (no architecture)")
    try:
        architecture = json.loads(str(arrays.pop("architecture")))
    except (TypeError, ValueError):
        raise ModelFileError(f"{name}: the architecture record is not valid JSON") from None
    if not isinstance(architecture, dict) or architecture.get("format") != FORMAT:
        raise ModelFileError(f"{name} is an .npz file but not a CNN Lab model")
    if architecture.get("version") != FORMAT_VERSION:
        raise ModelFileError(
            f"{name} was written by another version of CNN Lab "
            f"(format {architecture.get('version')!r}, this one reads {FORMAT_VERSION})"
        )
    layer_specs = architecture.get("layers")
    if not isinstance(layer_specs, list) or not layer_specs:
        raise ModelFileError(f"{name}: the model has no layers")
    for spec in layer_specs:
        if not isinstance(spec, dict) or spec.get("type") not in LAYER_TYPES:
            raise ModelFileError(f"{name}: unknown layer {spec!r}")
    try:
        model = _build(architecture)
        if model.input_shape is None or not isinstance(model.layers[-1], Dense):
            raise ValueError("it needs an input shape and a final dense layer")
    except (TypeError, ValueError) as error:
        raise ModelFileError(f"{name}: the architecture is not usable ({error})") from None
    expected = set()
    for index, layer in enumerate(model.layers):
        for param, value in layer.params.items():
            key = f"{index}.{param}"
            expected.add(key)
            if key not in arrays:
                raise ModelFileError(f"{name}: the weights '{key}' are missing")
            stored = arrays[key]
            if stored.shape != value.shape:
                raise ModelFileError(
                    f"{name}: the weights '{key}' have shape {stored.shape} but the "
                    f"architecture needs {value.shape}"
                )
            if stored.dtype.kind != "f":
                raise ModelFileError(f"{name}: the weights '{key}' are not floating point")
            if not np.isfinite(stored).all():
                raise ModelFileError(f"{name}: the weights '{key}' contain NaN or infinity")
            layer.params[param] = stored.astype(value.dtype)
    extra = set(arrays) - expected
    if extra:
        raise ModelFileError(f"{name}: unexpected arrays {sorted(extra)}; not a model of this kind")
    return model
