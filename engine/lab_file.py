"""The whole lab in one file: image, filters, settings, trained model and lesson place.

A teacher prepares an exercise and saves it; a learner opens it, on any computer, with
``cnn-lab FILE.cnnlab``. A lab file (``.cnnlab``) is a zip archive, like a model file:

``lab.json``
    The record (JSON): ``format``, ``version``, the image's name, each filter's name and
    preset, the layer, preprocessing and selection settings, the training set-up (kept
    as the plain JSON its owner wrote), the lesson key and the lesson answers.
``image.npy``
    The explorer's source picture, (H, W, 3) RGB with 0 = dark, 1 = bright: uint8
    (value / 255) when that holds it exactly, float32 otherwise.
``filters.npy``, ``biases.npy``
    The filters' weights (F, C, KH, KW), float32 as the explorer holds them, and biases
    (F,), float64.
``model.npz``
    The trained model, if any: a model file exactly as :meth:`engine.model.Sequential.save`
    writes it (deflated once more, so that its own zip directory never shows in the lab's
    bytes: a truncated lab would read as that model), read back by
    :func:`engine.model.read_from` with every check of :func:`engine.model.load`.

Nothing is pickled and nothing is unpickled. A file from elsewhere is checked as a model
file is, before anything is built: the archive's members and their declared sizes (so a
zip bomb is refused unopened), the record's size and nesting (:mod:`engine.safe_json`),
its version (a newer one is refused with a code), every setting's type and range, and
each array's declared shape and dtype from its ``.npy`` header before it is read; then
the values must be finite and in range. Every refusal is a :class:`LabFileError` with a
``code`` and ``values`` that the GUI words. Saving is atomic (:mod:`engine.fileio`): a
failed or killed save leaves the previous file as it was.

The engine knows the lab only as plain values (:class:`Lab`); the GUI turns its state
into one and back (``gui.state.lab_snapshot``).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine import fileio, limits, safe_json
from engine import model as model_file
from engine.architecture import ACTIVATIONS, POOLS
from engine.model import ModelFileError, Sequential

FORMAT = "cnn-lab-lab"
FORMAT_VERSION = 1
#: The suffix of lab files, which the window opens as labs rather than pictures.
SUFFIX = ".cnnlab"

RECORD, IMAGE, FILTERS, BIASES, MODEL = ("lab.json", "image.npy", "filters.npy",
                                          "biases.npy", "model.npz")
_MEMBERS = (RECORD, IMAGE, FILTERS, BIASES, MODEL)

#: Largest record: far beyond what any lab needs (a few kB), far below what could hurt.
MAX_RECORD_BYTES = 1_000_000
#: Deepest nesting of the record: a training set-up's block list of pairs nests 6 deep.
MAX_RECORD_DEPTH = 10
#: Largest picture side (the picture reader scales larger photos down to this).
MAX_IMAGE_SIDE = limits.MAX_INPUT_SIDE
#: Most filters; the GUI may allow fewer and says so.
MAX_FILTERS = 256
#: Most characters of a name, a preset, the lesson key and each answers key.
MAX_TEXT = 200
#: Most entries of the training set-up and of the lesson answers.
MAX_ENTRIES = 200
#: Room for a ``.npy`` header beyond its array's bytes.
_HEADER_BYTES = 64 * 1024

COLORS = ("gray", "rgb")
PADDING_NAMES = ("valid", "same")


class LabFileError(ValueError):
    """A file that is not a usable CNN Lab lab.

    ``code`` names the problem and ``values`` holds what its sentence needs (always
    ``name``, the file's name); ``str(error)`` is an English sentence. Codes:
    ``"missing"``, ``"unreadable"``, ``"not_a_lab"``, ``"model_file"`` (a model file, not
    a lab), ``"damaged"``, ``"pickled"`` (``key``), ``"version"`` (``version``,
    ``supported``), ``"too_large"`` (``bytes``, ``limit``: declared sizes over the budget,
    zip bombs included), ``"json_depth"`` (``depth``, ``limit``), ``"bad_record"``
    (``reason``: the :class:`engine.safe_json.JsonFileError` code), ``"setting"``
    (``key``: which setting, e.g. ``"layer.stride"``), ``"array_shape"`` (``key``,
    ``shape``, ``expected``: a text such as ``"(H, W, 3)"``), ``"array_dtype"`` (``key``,
    ``dtype``), ``"not_finite"`` (``key``), ``"out_of_range"`` (``key``, ``low``,
    ``high``), ``"model"`` (the embedded model was refused: ``reason`` is its
    :class:`engine.model.ModelFileError` code and ``model_values`` its values).
    """

    def __init__(self, message: str, code: str, **values) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True, eq=False)
class LabFilter:
    """One filter of a lab: ``weights`` (C, KH, KW) float32, ``bias``, a display name and
    the preset it still is (None once edited)."""

    name: str
    weights: np.ndarray
    bias: float = 0.0
    preset: str | None = None


@dataclass(frozen=True, eq=False)
class Lab:
    """Everything a lab file holds, as plain values.

    Attributes
    ----------
    image : ndarray
        (H, W, 3) float32 RGB in [0, 1], 1 = bright: the picture as loaded.
    image_name : str
    filters : tuple of LabFilter
        All of one kernel size and channel count.
    layer : dict
        ``stride``, ``padding`` (``"valid"``, ``"same"`` or a pair), ``dilation``,
        ``activation``, ``pool``, ``pool_size``, ``pool_stride`` (a pair or None); pairs
        are (rows, cols) tuples.
    preprocess : dict
        ``color`` (``"gray"``/``"rgb"``), ``size`` (long side or None), ``invert``,
        ``binarize``, ``threshold``.
    selection : dict
        ``filter``, ``channel``, ``cell`` and ``pooled_cell`` ((-1, -1): none).
    model : Sequential or None
    training : dict or None
        The training set-up as its owner wrote it (plain JSON; the GUI reads it).
    lesson : str
        The key of the current lesson ("" for none).
    answers : dict
        The lesson answers (plain JSON, keyed by lesson).
    """

    image: np.ndarray
    image_name: str = ""
    filters: tuple[LabFilter, ...] = ()
    layer: dict = field(default_factory=dict)
    preprocess: dict = field(default_factory=dict)
    selection: dict = field(default_factory=dict)
    model: Sequential | None = None
    training: dict | None = None
    lesson: str = ""
    answers: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- writing
def save(path, lab: Lab) -> None:
    """Write ``lab`` to ``path`` atomically: a failure at any step (a full disk, a kill)
    leaves the previous file untouched and no temporary file behind.

    Raises ValueError for a lab this module would refuse to read back (it is checked
    the same way first), OSError when the file cannot be written.
    """
    check(lab)
    record = _record(lab)
    weights = np.stack([np.asarray(f.weights, dtype=np.float32) for f in lab.filters])
    # float64: a bias is a Python float, and float32 would change -0.1 on the way.
    biases = np.array([f.bias for f in lab.filters], dtype=np.float64)
    model_bytes = None
    if lab.model is not None:
        buffer = io.BytesIO()
        lab.model.write_to(buffer)
        model_bytes = buffer.getvalue()

    # Made in memory first, so the file is known whole before it is written: a disk
    # that drops writes while reporting success is caught by the size check.
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(RECORD, json.dumps(record, indent=1, allow_nan=False))
        _write_array(archive, IMAGE, _stored_image(lab.image))
        _write_array(archive, FILTERS, weights)
        _write_array(archive, BIASES, biases)
        if model_bytes is not None:
            # Deflated although the model file is compressed already: stored, its own
            # zip directory would show in the lab's bytes, and a truncated lab would
            # read as that model file.
            archive.writestr(MODEL, model_bytes)
    fileio.write_bytes(Path(path), content.getvalue())


def _write_array(archive: zipfile.ZipFile, name: str, array: np.ndarray) -> None:
    with archive.open(name, "w", force_zip64=array.nbytes > 2**30) as member:
        np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)


def _stored_image(image: np.ndarray) -> np.ndarray:
    """uint8 when ``value / 255`` gives the picture back exactly (any decoded file),
    float32 otherwise (a drawing, a blend): a quarter of the size, and still lossless."""
    image = np.asarray(image, dtype=np.float32)
    as_bytes = np.round(image * 255.0).astype(np.uint8)
    if np.array_equal(as_bytes.astype(np.float32) / 255.0, image):
        return as_bytes
    return image


def _record(lab: Lab) -> dict:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "image": {"name": lab.image_name},
        "filters": [{"name": f.name, "preset": f.preset} for f in lab.filters],
        "layer": _plain(lab.layer),
        "preprocess": _plain(lab.preprocess),
        "selection": _plain(lab.selection),
        "training": _plain(lab.training),
        "lesson": {"key": lab.lesson, "answers": _plain(lab.answers)},
        "model": lab.model is not None,
    }


def _plain(value):
    """``value`` as JSON can hold it: tuples become lists, NumPy scalars numbers."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def check(lab: Lab) -> None:
    """Raise :class:`LabFileError` (``name`` "") for a lab :func:`load` would refuse."""
    name = ""
    _check_image(np.asarray(lab.image), name, IMAGE)
    record = json.loads(json.dumps(_record(lab), allow_nan=True))
    _check_record(record, name)
    if not lab.filters:
        raise LabFileError("a lab needs at least one filter", "array_shape", name=name,
                           key=FILTERS, shape=(0,), expected="(F, C, KH, KW)")
    shapes = {np.shape(f.weights) for f in lab.filters}
    if len(shapes) != 1:
        raise LabFileError("the filters differ in size", "array_shape", name=name,
                           key=FILTERS, shape=sorted(shapes)[0], expected="(F, C, KH, KW)")
    weights = np.stack([np.asarray(f.weights, dtype=np.float64) for f in lab.filters])
    _check_filter_arrays(weights, np.array([f.bias for f in lab.filters], float), name)


# --------------------------------------------------------------------------- reading
def load(path) -> Lab:
    """Read a lab written by :func:`save`, checking everything first (see the module
    docstring); raises :class:`LabFileError`, naming the file, for anything wrong."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise LabFileError(f"{name}: no such lab file", "missing", name=name)
    try:
        is_zip = fileio.is_zip(path)
    except OSError as error:
        raise LabFileError(f"{name} cannot be read ({error.strerror})", "unreadable",
                           name=name) from None
    if not is_zip:
        raise LabFileError(f"{name} is not a CNN Lab lab file", "not_a_lab", name=name)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read(archive, name)
    except LabFileError:
        raise
    except Exception as error:  # noqa: BLE001 — zlib, zipfile and numpy raise many kinds
        raise LabFileError(f"{name} is damaged, truncated or of another kind "
                           f"({type(error).__name__})", "damaged", name=name) from None


def _member_limits() -> dict[str, int]:
    """Most bytes each member may declare once unpacked."""
    image = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE * 3 * 8
    filters = MAX_FILTERS * limits.MAX_INPUT_CHANNELS * limits.MAX_KERNEL_SIZE**2 * 8
    return {RECORD: MAX_RECORD_BYTES, IMAGE: image + _HEADER_BYTES,
            FILTERS: filters + _HEADER_BYTES, BIASES: MAX_FILTERS * 8 + _HEADER_BYTES,
            MODEL: limits.MAX_MODEL_BYTES + _HEADER_BYTES}


def _read(archive: zipfile.ZipFile, name: str) -> Lab:
    entries = archive.infolist()
    names = [info.filename for info in entries]
    if RECORD not in names and "architecture.npy" in names:
        raise LabFileError(f"{name} is a CNN Lab model file, not a lab file", "model_file",
                           name=name)
    if RECORD not in names or len(entries) > len(_MEMBERS) or len(set(names)) != len(names):
        raise LabFileError(f"{name} is a zip archive but not a CNN Lab lab file",
                           "not_a_lab", name=name)
    infos = {info.filename: info for info in entries}
    unknown = sorted(set(infos) - set(_MEMBERS))
    if unknown:
        raise LabFileError(f"{name} holds '{unknown[0][:40]}', which no lab file has",
                           "not_a_lab", name=name)
    member_limits = _member_limits()
    for info in entries:
        if info.file_size > member_limits[info.filename]:
            raise LabFileError(
                f"{name}: '{info.filename}' declares {info.file_size / 2**20:,.0f} MiB once "
                f"unpacked, more than a lab may hold", "too_large", name=name,
                key=info.filename, bytes=info.file_size, limit=member_limits[info.filename])

    record = _read_record(archive, infos[RECORD], name)
    settings = _check_record(record, name)
    filter_count = len(record["filters"])
    for key in (IMAGE, FILTERS, BIASES):
        if key not in infos:
            raise LabFileError(f"{name}: '{key}' is missing", "not_a_lab", name=name)
    if record["model"] != (MODEL in infos):
        raise LabFileError(f"{name}: the record and the archive disagree about the model",
                           "not_a_lab", name=name)

    image_shape, image_dtype = _array_header(archive, infos[IMAGE], name, IMAGE)
    if (len(image_shape) != 3 or image_shape[2] != 3
            or not all(1 <= side <= MAX_IMAGE_SIDE for side in image_shape[:2])):
        raise _shape_error(name, IMAGE, image_shape, "(H, W, 3)")
    if image_dtype != np.uint8 and not _is_float(image_dtype):
        raise _dtype_error(name, IMAGE, image_dtype)
    weight_shape, weight_dtype = _array_header(archive, infos[FILTERS], name, FILTERS)
    if (len(weight_shape) != 4 or weight_shape[0] != filter_count
            or not 1 <= weight_shape[1] <= limits.MAX_INPUT_CHANNELS
            or not all(1 <= side <= limits.MAX_KERNEL_SIZE for side in weight_shape[2:])):
        raise _shape_error(name, FILTERS, weight_shape, f"({filter_count}, C, KH, KW)")
    if not _is_float(weight_dtype):
        raise _dtype_error(name, FILTERS, weight_dtype)
    bias_shape, bias_dtype = _array_header(archive, infos[BIASES], name, BIASES)
    if bias_shape != (filter_count,):
        raise _shape_error(name, BIASES, bias_shape, f"({filter_count},)")
    if not _is_float(bias_dtype):
        raise _dtype_error(name, BIASES, bias_dtype)

    image = _read_array(archive, infos[IMAGE])
    if image.dtype == np.uint8:
        image = image.astype(np.float32) / 255.0
    else:
        _check_image(image, name, IMAGE)
        image = image.astype(np.float32)
    weights = _read_array(archive, infos[FILTERS])
    biases = _read_array(archive, infos[BIASES])
    _check_filter_arrays(weights, biases, name)

    model = None
    if MODEL in infos:
        try:
            # Read whole (its declared size is within the model limit, checked above):
            # the model reader seeks back and forth, which a deflated member cannot do
            # without unpacking it again each time.
            with archive.open(infos[MODEL]) as member:
                data = member.read(limits.MAX_MODEL_BYTES + _HEADER_BYTES + 1)
            model = model_file.read_from(io.BytesIO(data), MODEL)
        except ModelFileError as error:
            raise LabFileError(f"{name}: its trained model cannot be used ({error})",
                               "model", name=name, reason=error.code,
                               model_values=dict(error.values)) from None

    filters = tuple(
        LabFilter(entry["name"], weights[i].astype(np.float32), float(biases[i]),
                  entry["preset"])
        for i, entry in enumerate(record["filters"]))
    return Lab(image=image, image_name=record["image"]["name"], filters=filters,
               model=model, **settings)


def _read_record(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> dict:
    with archive.open(info) as member:
        data = member.read(MAX_RECORD_BYTES + 1)
    try:
        record = safe_json.loads(data, max_depth=MAX_RECORD_DEPTH,
                                 max_bytes=MAX_RECORD_BYTES, name=name)
    except safe_json.JsonFileError as error:
        if error.code == "too_deep":
            depth = error.values[1]
            raise LabFileError(f"{name}: the lab's record nests {depth} levels deep, at "
                               f"most {MAX_RECORD_DEPTH} are allowed", "json_depth",
                               name=name, depth=depth, limit=MAX_RECORD_DEPTH) from None
        raise LabFileError(f"{name}: the lab's record is not valid JSON ({error.code})",
                           "bad_record", name=name, reason=error.code) from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise LabFileError(f"{name} is a zip archive but not a CNN Lab lab file",
                           "not_a_lab", name=name)
    version = record.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise LabFileError(
            f"{name} was written by another version of CNN Lab (lab format "
            f"{str(version)[:20]}, this one reads {FORMAT_VERSION})", "version",
            name=name, version=str(version)[:20], supported=FORMAT_VERSION)
    return record


def _array_header(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, key: str):
    shape, dtype = model_file.npy_header(archive, info)
    if dtype.hasobject:
        raise LabFileError(f"{name} contains Python objects; CNN Lab never loads those, "
                           "for safety", "pickled", name=name, key=key)
    if dtype.fields is not None or dtype.subdtype is not None:
        raise _dtype_error(name, key, dtype)
    declared = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize if shape else 0
    if declared > info.file_size:  # the header promises more than the member holds
        raise LabFileError(f"{name}: '{key}' is truncated", "damaged", name=name)
    return shape, dtype


def _read_array(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> np.ndarray:
    with archive.open(info) as member:
        return np.lib.format.read_array(member, allow_pickle=False)


def _is_float(dtype: np.dtype) -> bool:
    return dtype.kind == "f" and dtype.itemsize in (4, 8)


def _shape_error(name: str, key: str, shape, expected: str) -> LabFileError:
    return LabFileError(f"{name}: '{key}' has shape {shape}, a lab needs {expected}",
                        "array_shape", name=name, key=key, shape=tuple(shape),
                        expected=expected)


def _dtype_error(name: str, key: str, dtype) -> LabFileError:
    return LabFileError(f"{name}: '{key}' is stored as {dtype}", "array_dtype", name=name,
                        key=key, dtype=str(dtype)[:40])


def _check_image(image: np.ndarray, name: str, key: str) -> None:
    if (image.ndim != 3 or image.shape[2] != 3
            or not all(1 <= side <= MAX_IMAGE_SIDE for side in image.shape[:2])):
        raise _shape_error(name, key, image.shape, "(H, W, 3)")
    if image.dtype.kind not in "fu" or image.dtype.hasobject:
        raise _dtype_error(name, key, image.dtype)
    if not np.isfinite(image).all():
        raise LabFileError(f"{name}: '{key}' contains NaN or infinity", "not_finite",
                           name=name, key=key)
    if image.size and (float(image.min()) < 0.0 or float(image.max()) > 1.0):
        raise LabFileError(f"{name}: '{key}' has values outside 0..1", "out_of_range",
                           name=name, key=key, low=0, high=1)


def _check_filter_arrays(weights: np.ndarray, biases: np.ndarray, name: str) -> None:
    for key, values in ((FILTERS, weights), (BIASES, biases)):
        if not np.isfinite(values).all():
            raise LabFileError(f"{name}: '{key}' contains NaN or infinity", "not_finite",
                               name=name, key=key)
    if weights.ndim != 4 or not 1 <= weights.shape[0] <= MAX_FILTERS:
        raise _shape_error(name, FILTERS, weights.shape, "(F, C, KH, KW)")


# --------------------------------------------------------------------------- the record
def _check_record(record: dict, name: str) -> dict:
    """Check every setting of ``record`` for its type and range; return the settings
    :class:`Lab` takes (``layer``, ``preprocess``, ``selection``, ``training``,
    ``lesson``, ``answers``), pairs as tuples."""
    check = _Checker(name)
    image = check.mapping(record.get("image"), "image")
    check.text(image.get("name", ""), "image.name", limit=4 * MAX_TEXT)
    filters = record.get("filters")
    if not isinstance(filters, list) or not 1 <= len(filters) <= MAX_FILTERS:
        check.fail("filters")
    for number, entry in enumerate(filters, start=1):
        entry = check.mapping(entry, f"filters.{number}")
        check.text(entry.get("name"), f"filters.{number}.name")
        if entry.get("preset") is not None:
            check.text(entry["preset"], f"filters.{number}.preset")
    if not isinstance(record.get("model"), bool):
        check.fail("model")
    lesson = check.mapping(record.get("lesson"), "lesson")
    training = record.get("training")
    if training is not None:
        check.mapping(training, "training", entries=MAX_ENTRIES)
    return {
        "layer": check.layer(check.mapping(record.get("layer"), "layer")),
        "preprocess": check.preprocess(check.mapping(record.get("preprocess"), "preprocess")),
        "selection": check.selection(check.mapping(record.get("selection"), "selection")),
        "training": training,
        "lesson": check.text(lesson.get("key", ""), "lesson.key", empty=True),
        "answers": check.mapping(lesson.get("answers", {}), "lesson.answers",
                                 entries=MAX_ENTRIES),
    }


class _Checker:
    """Checks one record's values, raising :class:`LabFileError` ``"setting"`` (or
    ``"out_of_range"``) naming the setting's key."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, key: str):
        raise LabFileError(f"{self.name}: the setting '{key}' is not usable", "setting",
                           name=self.name, key=key)

    def mapping(self, value, key: str, entries: int = 32) -> dict:
        if not isinstance(value, dict) or len(value) > entries:
            self.fail(key)
        for item in value:
            if len(item) > MAX_TEXT:
                self.fail(key)
        return value

    def text(self, value, key: str, limit: int = MAX_TEXT, empty: bool = True) -> str:
        if not isinstance(value, str) or len(value) > limit or (not empty and not value):
            self.fail(key)
        return value

    def integer(self, value, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key)
        if not low <= value <= high:
            raise LabFileError(f"{self.name}: the setting '{key}' is {value}, outside "
                               f"{low}..{high}", "out_of_range", name=self.name, key=key,
                               low=low, high=high)
        return value

    def pair(self, value, key: str, low: int, high: int) -> tuple[int, int]:
        if not isinstance(value, list) or len(value) != 2:
            self.fail(key)
        return tuple(self.integer(v, key, low, high) for v in value)

    def choice(self, value, key: str, choices) -> str:
        if not isinstance(value, str) or value not in choices:
            self.fail(key)
        return value

    def flag(self, value, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key)
        return value

    def layer(self, layer: dict) -> dict:
        geometry = limits.MAX_GEOMETRY
        out = {}
        if "stride" in layer:
            out["stride"] = self.pair(layer["stride"], "layer.stride", 1, geometry)
        if "padding" in layer:
            padding = layer["padding"]
            out["padding"] = (padding if isinstance(padding, str) and padding in PADDING_NAMES
                              else self.pair(padding, "layer.padding", 0, geometry))
        if "dilation" in layer:
            out["dilation"] = self.pair(layer["dilation"], "layer.dilation", 1, geometry)
        if "activation" in layer:
            out["activation"] = self.choice(layer["activation"], "layer.activation",
                                            ACTIVATIONS)
        if "pool" in layer:
            out["pool"] = self.choice(layer["pool"], "layer.pool", POOLS)
        if "pool_size" in layer:
            out["pool_size"] = self.pair(layer["pool_size"], "layer.pool_size", 1, geometry)
        if "pool_stride" in layer:
            stride = layer["pool_stride"]
            out["pool_stride"] = (None if stride is None
                                  else self.pair(stride, "layer.pool_stride", 1, geometry))
        return out

    def preprocess(self, preprocess: dict) -> dict:
        out = {}
        if "color" in preprocess:
            out["color"] = self.choice(preprocess["color"], "preprocess.color", COLORS)
        if "size" in preprocess:
            size = preprocess["size"]
            out["size"] = (None if size is None
                           else self.integer(size, "preprocess.size", 1, MAX_IMAGE_SIDE))
        for key in ("invert", "binarize"):
            if key in preprocess:
                out[key] = self.flag(preprocess[key], f"preprocess.{key}")
        if "threshold" in preprocess:
            threshold = preprocess["threshold"]
            if (isinstance(threshold, bool) or not isinstance(threshold, (int, float))
                    or not math.isfinite(threshold)):
                self.fail("preprocess.threshold")
            if not 0 <= threshold <= 1:
                raise LabFileError(f"{self.name}: the threshold {threshold} is outside 0..1",
                                   "out_of_range", name=self.name, key="preprocess.threshold",
                                   low=0, high=1)
            out["threshold"] = float(threshold)
        return out

    def selection(self, selection: dict) -> dict:
        out = {}
        for key in ("filter", "channel"):
            if key in selection:
                out[key] = self.integer(selection[key], f"selection.{key}", 0, MAX_FILTERS)
        for key in ("cell", "pooled_cell"):
            if key in selection:
                out[key] = self.pair(selection[key], f"selection.{key}", -1, 1 << 20)
        return out
