"""Lab files: a round trip keeps everything; hostile files made here are refused with a
code before anything is built; a failed save keeps the previous file."""

from __future__ import annotations

import io
import json
import struct
import zipfile

import numpy as np
import pytest

from engine import fileio, lab_file
from engine.lab_file import Lab, LabFileError, LabFilter
from engine.model import default_network


@pytest.fixture(scope="module")
def model():
    return default_network(seed=4)


def make_lab(model=None, **changes) -> Lab:
    rng = np.random.default_rng(0)
    values = dict(
        image=rng.random((20, 30, 3)).astype(np.float32),
        image_name="stripes.png",
        filters=(LabFilter("edge", rng.normal(size=(1, 3, 3)).astype(np.float32), 0.25),
                 LabFilter("vertical line", np.eye(3, dtype=np.float32)[None], 0.0,
                           "vertical line")),
        layer={"stride": (2, 1), "padding": "same", "dilation": (1, 1), "activation": "none",
               "pool": "avg", "pool_size": (3, 3), "pool_stride": (1, 1)},
        preprocess={"color": "gray", "size": None, "invert": True, "binarize": False,
                    "threshold": 0.4},
        selection={"filter": 1, "channel": 0, "cell": (2, 3), "pooled_cell": (-1, -1)},
        model=model,
        training={"data_source": "shapes", "config": {"epochs": 3, "blocks": [
            {"filters": 4, "kernel_size": [5, 5], "pool_stride": None}]}},
        lesson="why-relu",
        answers={"why-relu": {"given": "no", "right": True}},
    )
    values.update(changes)
    return Lab(**values)


def test_round_trip_keeps_every_part(tmp_path, model):
    lab = make_lab(model)
    lab_file.save(tmp_path / "a.cnnlab", lab)
    back = lab_file.load(tmp_path / "a.cnnlab")
    assert np.array_equal(back.image, lab.image) and back.image.dtype == np.float32
    assert back.image_name == "stripes.png"
    assert [(f.name, f.bias, f.preset) for f in back.filters] == [
        (f.name, f.bias, f.preset) for f in lab.filters]
    for mine, theirs in zip(lab.filters, back.filters, strict=True):
        assert np.array_equal(mine.weights, theirs.weights)
    assert back.layer == lab.layer and back.preprocess == lab.preprocess
    assert back.selection == lab.selection
    assert back.training == lab.training
    assert (back.lesson, back.answers) == (lab.lesson, lab.answers)
    x = np.random.default_rng(1).random((3, 1, 28, 28)).astype(np.float32)
    assert np.array_equal(back.model.predict_proba(x), model.predict_proba(x))


def test_a_decoded_picture_is_stored_as_bytes_and_comes_back_exactly(tmp_path):
    pixels = np.random.default_rng(2).integers(0, 256, (64, 48, 3))
    image = pixels.astype(np.float32) / 255.0  # as the picture reader makes it
    lab_file.save(tmp_path / "a.cnnlab", make_lab(image=image))
    with zipfile.ZipFile(tmp_path / "a.cnnlab") as archive:
        stored = np.load(io.BytesIO(archive.read(lab_file.IMAGE)))
    assert stored.dtype == np.uint8
    assert np.array_equal(lab_file.load(tmp_path / "a.cnnlab").image, image)


def test_without_a_model_or_lesson(tmp_path):
    lab_file.save(tmp_path / "a.cnnlab", make_lab(training=None, lesson="", answers={}))
    back = lab_file.load(tmp_path / "a.cnnlab")
    assert back.model is None and back.training is None and back.lesson == ""
    with zipfile.ZipFile(tmp_path / "a.cnnlab") as archive:
        assert lab_file.MODEL not in archive.namelist()


# --------------------------------------------------------------------------- saving
def test_a_failed_save_keeps_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "lesson.cnnlab"
    lab_file.save(target, make_lab())
    before = target.read_bytes()

    def broken(handle, data):  # the disk fails half-way through the write
        handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    real = fileio.atomic_write

    def failing_write(path, data):
        with real(path, "wb", min_size=len(data)) as handle:
            broken(handle, data)

    monkeypatch.setattr(fileio, "write_bytes", failing_write)
    with pytest.raises(OSError):
        lab_file.save(target, make_lab(image=np.zeros((5, 5, 3), np.float32)))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.cnnlab"]


def test_a_full_disk_that_drops_writes_silently_keeps_the_previous_file(tmp_path, disk_full):
    target = tmp_path / "lesson.cnnlab"
    lab_file.save(target, make_lab())
    before = target.read_bytes()
    disk_full(100, silent=True)
    with pytest.raises(fileio.WriteFailed):
        lab_file.save(target, make_lab(image_name="other.png"))
    assert target.read_bytes() == before
    assert lab_file.load(target).image_name == "stripes.png"


def test_a_lab_that_could_not_be_read_back_is_not_written(tmp_path):
    bad = make_lab(layer={"stride": (0, 1)})
    with pytest.raises(LabFileError) as caught:
        lab_file.save(tmp_path / "a.cnnlab", bad)
    assert caught.value.code == "out_of_range"
    assert not (tmp_path / "a.cnnlab").exists()


# --------------------------------------------------------------------------- hostile files
def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_members(path, contents: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


def npy(array, allow_pickle=False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def record_of(contents) -> dict:
    return json.loads(contents[lab_file.RECORD])


@pytest.fixture
def good(tmp_path, model):
    path = tmp_path / "good.cnnlab"
    lab_file.save(path, make_lab(model))
    return path


def refused(path) -> LabFileError:
    with pytest.raises(LabFileError) as caught:
        lab_file.load(path)
    assert caught.value.values["name"] == path.name
    return caught.value


def altered(good, tmp_path, **changes) -> object:
    contents = members(good)
    contents.update(changes)
    contents = {k: v for k, v in contents.items() if v is not None}
    path = tmp_path / "bad.cnnlab"
    write_members(path, contents)
    return path


def with_record(good, tmp_path, change) -> object:
    contents = members(good)
    record = record_of(contents)
    change(record)
    return altered(good, tmp_path, **{lab_file.RECORD: json.dumps(record).encode()})


def test_truncated_files_are_refused(good, tmp_path):
    data = good.read_bytes()
    for cut in (10, len(data) // 3, len(data) - 30):
        path = tmp_path / f"cut{cut}.cnnlab"
        path.write_bytes(data[:cut])
        assert refused(path).code in ("damaged", "not_a_lab")


def test_missing_empty_and_foreign_files(tmp_path):
    assert refused(tmp_path / "none.cnnlab").code == "missing"
    (tmp_path / "empty.cnnlab").write_bytes(b"")
    assert refused(tmp_path / "empty.cnnlab").code == "not_a_lab"
    (tmp_path / "text.cnnlab").write_text("hello")
    assert refused(tmp_path / "text.cnnlab").code == "not_a_lab"
    write_members(tmp_path / "other.cnnlab", {"readme.txt": b"hi"})
    assert refused(tmp_path / "other.cnnlab").code == "not_a_lab"


def test_a_model_file_renamed_is_recognised(tmp_path, model):
    model.save(tmp_path / "model.npz")
    renamed = tmp_path / "model.cnnlab"
    (tmp_path / "model.npz").rename(renamed)
    assert refused(renamed).code == "model_file"


def test_pickled_object_arrays_are_never_loaded(good, tmp_path):
    objects = np.empty((20, 30, 3), dtype=object)
    objects[:] = 0.5
    error = refused(altered(good, tmp_path, **{lab_file.IMAGE: npy(objects, True)}))
    assert error.code == "pickled" and error.values["key"] == lab_file.IMAGE
    error = refused(altered(good, tmp_path, **{lab_file.BIASES: npy(
        np.array([{"a": 1}, None], dtype=object), True)}))
    assert error.code == "pickled"


@pytest.mark.parametrize("member, array, code", [
    (lab_file.IMAGE, np.zeros((20, 30, 4), np.float32), "array_shape"),
    (lab_file.IMAGE, np.zeros((20, 30), np.float32), "array_shape"),
    (lab_file.FILTERS, np.zeros((3, 1, 3, 3), np.float32), "array_shape"),  # 2 names
    (lab_file.FILTERS, np.zeros((2, 1, 99, 3), np.float32), "array_shape"),
    (lab_file.BIASES, np.zeros((5,), np.float32), "array_shape"),
    (lab_file.FILTERS, np.zeros((2, 1, 3, 3), np.int8), "array_dtype"),
    (lab_file.IMAGE, np.zeros((20, 30, 3), np.float16), "array_dtype"),
    (lab_file.IMAGE, np.full((20, 30, 3), 2.0, np.float32), "out_of_range"),
])
def test_wrong_shapes_and_dtypes(good, tmp_path, member, array, code):
    error = refused(altered(good, tmp_path, **{member: npy(array)}))
    assert error.code == code and error.values["key"] == member


@pytest.mark.parametrize("member, shape", [
    (lab_file.FILTERS, (2, 1, 3, 3)), (lab_file.BIASES, (2,)), (lab_file.IMAGE, (20, 30, 3))])
def test_nan_values_are_refused(good, tmp_path, member, shape):
    array = np.zeros(shape, np.float32)
    array.flat[-1] = np.nan
    error = refused(altered(good, tmp_path, **{member: npy(array)}))
    assert error.code == "not_finite" and error.values["key"] == member


def test_an_embedded_model_with_nan_weights_is_refused(good, tmp_path, model):
    broken = model.copy()
    broken.layers[0].params["weight"][0, 0, 0, 0] = np.nan
    buffer = io.BytesIO()
    broken.write_to(buffer)
    error = refused(altered(good, tmp_path, **{lab_file.MODEL: buffer.getvalue()}))
    assert error.code == "model" and error.values["reason"] == "not_finite"


def test_an_embedded_model_that_is_not_one_is_refused(good, tmp_path):
    error = refused(altered(good, tmp_path, **{lab_file.MODEL: b"PK\x03\x04 nothing"}))
    assert error.code == "model" and error.values["reason"] == "damaged"


def test_a_huge_declared_array_is_refused_from_its_header(good, tmp_path):
    # A header declaring a 4096 x 4096 x 3 float64 picture over a few bytes of data.
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": (4096, 4096, 3)})
    error = refused(altered(good, tmp_path, **{lab_file.IMAGE: header.getvalue() + b"x"}))
    assert error.code == "damaged"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (10**6, 10**6, 3)})
    error = refused(altered(good, tmp_path, **{lab_file.IMAGE: header.getvalue()}))
    assert error.code == "damaged"  # promises more than it holds: nothing is allocated


def declare_size(path, member: str, size: int) -> None:
    """Make the archive's central directory claim ``size`` unpacked bytes for ``member``
    (a zip bomb's declaration, without the gigabytes)."""
    data = bytearray(path.read_bytes())
    start = 0
    while True:
        start = data.index(b"PK\x01\x02", start)
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46:start + 46 + name_length].decode() == member:
            struct.pack_into("<I", data, start + 24, size)
            break
        start += 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("member", [lab_file.IMAGE, lab_file.MODEL, lab_file.RECORD])
def test_huge_declared_members_are_refused_unopened(good, tmp_path, member):
    path = tmp_path / "bomb.cnnlab"
    path.write_bytes(good.read_bytes())
    declare_size(path, member, 0xFFFF_0000)
    error = refused(path)
    assert error.code == "too_large" and error.values["key"] == member


def test_a_zip_bomb_record_is_refused(good, tmp_path):
    # 3 MB of spaces deflate to a few kB: the record's declared size gives it away.
    contents = members(good)
    record = contents[lab_file.RECORD] + b" " * 3_000_000
    path = altered(good, tmp_path, **{lab_file.RECORD: record})
    assert path.stat().st_size < 200_000
    assert refused(path).code == "too_large"


def test_deeply_nested_json_is_refused(good, tmp_path):
    nested = "[" * 5000 + "]" * 5000

    def change(record):
        record["lesson"]["answers"] = {"deep": "PLACEHOLDER"}

    path = with_record(good, tmp_path, change)
    contents = members(path)
    text = contents[lab_file.RECORD].replace(b'"PLACEHOLDER"', nested.encode())
    error = refused(altered(good, tmp_path, **{lab_file.RECORD: text}))
    assert error.code == "json_depth" and error.values["depth"] > 5000


@pytest.mark.parametrize("version", [2, 99, "1", None, True])
def test_other_versions_are_refused_with_the_version(good, tmp_path, version):
    error = refused(with_record(good, tmp_path, lambda r: r.update(version=version)))
    assert error.code == "version" and error.values["supported"] == 1


@pytest.mark.parametrize("change, code, key", [
    (lambda r: r["layer"].update(stride="wide"), "setting", "layer.stride"),
    (lambda r: r["layer"].update(stride=[1000, 1]), "out_of_range", "layer.stride"),
    (lambda r: r["layer"].update(padding=[2**70, 0]), "out_of_range",
     "layer.padding"),
    (lambda r: r["layer"].update(pool="median"), "setting", "layer.pool"),
    (lambda r: r["preprocess"].update(threshold=float("nan")), "setting",
     "preprocess.threshold"),
    (lambda r: r["preprocess"].update(color=["rgb"]), "setting", "preprocess.color"),
    (lambda r: r["selection"].update(cell=[1, 2, 3]), "setting", "selection.cell"),
    (lambda r: r["filters"][0].update(name=["x"]), "setting", "filters.1.name"),
    (lambda r: r.update(filters=[]), "setting", "filters"),
    (lambda r: r["lesson"].update(key=7), "setting", "lesson.key"),
    (lambda r: r.update(training=[1, 2]), "setting", "training"),
    (lambda r: r["image"].update(name="x" * 10_000), "setting", "image.name"),
])
def test_settings_of_the_wrong_kind_or_range_are_refused(good, tmp_path, change, code, key):
    error = refused(with_record(good, tmp_path, change))
    assert (error.code, error.values["key"]) == (code, key)


def test_a_record_and_archive_that_disagree_are_refused(good, tmp_path):
    assert refused(altered(good, tmp_path, **{lab_file.MODEL: None})).code == "not_a_lab"
    assert refused(altered(good, tmp_path, **{"extra.npy": npy(np.zeros(3))})).code \
        == "not_a_lab"
    assert refused(altered(good, tmp_path, **{lab_file.FILTERS: None})).code == "not_a_lab"


def test_every_refusal_is_a_lab_file_error_for_random_bytes(good, tmp_path):
    rng = np.random.default_rng(5)
    data = bytearray(good.read_bytes())
    for trial in range(30):
        damaged = bytearray(data)
        for position in rng.integers(0, len(data), 8):
            damaged[position] ^= 0xFF
        path = tmp_path / f"noise{trial}.cnnlab"
        path.write_bytes(bytes(damaged))
        try:
            lab_file.load(path)
        except LabFileError:
            pass
