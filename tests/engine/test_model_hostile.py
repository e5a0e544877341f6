"""Hostile and inconsistent model files, each made by the test: refused at open with a
``ModelFileError`` code, before anything large is read or built."""

import json
import time
import tracemalloc
import zipfile

import numpy as np
import pytest

from engine import limits
from engine import model as model_module
from engine.model import ModelFileError, build_cnn, load


def _parts(model):
    record = model._record()
    arrays = {f"{i}.{name}": value for i, layer in enumerate(model.layers)
              for name, value in layer.params.items()}
    return record, arrays


def _write(path, record, arrays, text=None):
    np.savez(path, architecture=np.array(text if text is not None else json.dumps(record)),
             **arrays)
    return path


def _refused(path, code):
    with pytest.raises(ModelFileError) as info:
        load(path)
    assert info.value.code == code, (info.value.code, str(info.value))
    assert path.name in str(info.value)
    return info.value


@pytest.fixture
def small():
    return build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=2, hidden=4,
                     class_names=["a", "b", "c"])


def test_a_good_file_still_loads(tmp_path, small):
    record, arrays = _parts(small)
    loaded = load(_write(tmp_path / "good.npz", record, arrays))
    x = np.random.default_rng(0).random((2, 1, 12, 12)).astype(np.float32)
    np.testing.assert_array_equal(loaded.predict_proba(x), small.predict_proba(x))


def test_tiny_file_declaring_a_huge_dense_layer_is_refused_without_allocating(tmp_path):
    record = build_cnn(input_shape=(1, 28, 28), filters=1)._record()
    record["layers"] = [{"type": "Flatten"},
                        {"type": "Dense", "in_features": 784, "out_features": 400_000}]
    record["class_names"] = None
    path = _write(tmp_path / "huge.npz", record, {})
    assert path.stat().st_size < 2000
    tracemalloc.start()
    error = _refused(path, "architecture")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error.values["reason"] == "too_many_parameters"
    assert peak < 4 << 20


def test_in_features_of_ten_billion_is_out_of_range(tmp_path):
    record = build_cnn(input_shape=(1, 28, 28), filters=1)._record()
    record["layers"] = [{"type": "Flatten"},
                        {"type": "Dense", "in_features": 10**10, "out_features": 10}]
    error = _refused(_write(tmp_path / "big.npz", record, {}), "architecture")
    assert error.values["reason"] == "out_of_range"
    assert error.values["argument"] == "in_features"


def test_zip_bomb_is_refused_from_its_declared_size(tmp_path, small, monkeypatch):
    # The real budget is hundreds of MiB; a smaller one keeps the bomb quick to make.
    monkeypatch.setattr(limits, "MAX_MODEL_BYTES", 8 << 20)
    record, arrays = _parts(small)
    path = _write(tmp_path / "bomb.npz", record, arrays)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.npy", "w", force_zip64=True) as entry:
            chunk = bytes(1 << 20)
            for _ in range(64):
                entry.write(chunk)
    assert path.stat().st_size < 1 << 20  # 64 MiB of zeros in well under 1 MiB
    tracemalloc.start()
    started = time.perf_counter()
    error = _refused(path, "too_large")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert error.values["bytes"] > 64 << 20
    assert peak < 2 << 20, "the bomb was decompressed"
    assert elapsed < 5  # generous: nothing is unpacked


def test_class_names_that_do_not_match_the_outputs(tmp_path, small):
    record, arrays = _parts(small)
    record["class_names"] = ["a", "b"]
    error = _refused(_write(tmp_path / "names.npz", record, arrays), "class_names")
    assert (error.values["outputs"], error.values["names"]) == (3, 2)


def test_class_names_that_are_not_texts(tmp_path, small):
    record, arrays = _parts(small)
    record["class_names"] = [1, 2, 3]
    _refused(_write(tmp_path / "names.npz", record, arrays), "class_names")


def test_finite_weights_so_large_the_scores_overflow(tmp_path, small):
    record, arrays = _parts(small)
    arrays["0.weight"] = np.full_like(arrays["0.weight"], 3e38)
    assert np.isfinite(arrays["0.weight"]).all()
    _refused(_write(tmp_path / "overflow.npz", record, arrays), "overflow")


def test_input_channels_disagreeing_with_the_first_convolution(tmp_path, small):
    record, arrays = _parts(small)
    record["input_shape"] = [3, 12, 12]
    error = _refused(_write(tmp_path / "channels.npz", record, arrays), "architecture")
    assert error.values["reason"] == "channels_mismatch"


@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.float16, np.complex64, np.bool_])
def test_integer_and_lossy_dtypes_are_refused(tmp_path, small, dtype):
    record, arrays = _parts(small)
    arrays["0.weight"] = arrays["0.weight"].astype(dtype)
    error = _refused(_write(tmp_path / "dtype.npz", record, arrays), "weight_dtype")
    assert error.values["key"] == "0.weight"


def test_object_dtype_is_refused_from_the_header(tmp_path, small):
    record, arrays = _parts(small)
    payload = np.empty(arrays["0.bias"].shape, dtype=object)
    arrays["0.bias"] = payload
    _refused(_write(tmp_path / "object.npz", record, arrays), "pickled")


def test_two_dimensional_input_shape(tmp_path, small):
    record, arrays = _parts(small)
    record["input_shape"] = [12, 12]
    error = _refused(_write(tmp_path / "flat.npz", record, arrays), "architecture")
    assert error.values["reason"] == "input_shape"


def test_deeply_nested_architecture_text(tmp_path, small):
    record, arrays = _parts(small)
    text = json.dumps(record)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    error = _refused(_write(tmp_path / "nested.npz", record, arrays, text=text), "too_large")
    assert error.values["limit"] == limits.MAX_ARCHITECTURE_CHARS
    text = json.dumps(record)[:-1] + ', "x": ' + "[" * 1000 + "]" * 1000 + "}"
    error = _refused(_write(tmp_path / "nested.npz", record, arrays, text=text), "json_depth")
    assert error.values["depth"] > limits.MAX_JSON_DEPTH


def test_kernel_larger_than_the_limit_is_refused(tmp_path):
    k = limits.MAX_KERNEL_SIZE + 2
    model = build_cnn(input_shape=(1, 40, 40), num_classes=2, filters=1, kernel_size=k)
    record, arrays = _parts(model)
    error = _refused(_write(tmp_path / "k.npz", record, arrays), "architecture")
    assert error.values["reason"] == "out_of_range"
    assert error.values["argument"] == "kernel_size"


@pytest.mark.parametrize("k", [13, limits.MAX_KERNEL_SIZE])
def test_model_with_a_large_kernel_round_trips(tmp_path, k):
    model = build_cnn(input_shape=(1, 28, 28), num_classes=3, filters=2, kernel_size=k,
                      padding=k // 2, seed=3)
    path = tmp_path / "k.npz"
    model.save(path)
    loaded = load(path)
    np.testing.assert_array_equal(loaded.layers[0].params["weight"],
                                  model.layers[0].params["weight"])
    assert loaded.layers[0].kernel_size == (k, k)


def test_loading_draws_no_random_numbers(tmp_path, small, monkeypatch):
    path = tmp_path / "m.npz"
    small.save(path)

    def refuse(*_args, **_kwargs):
        raise AssertionError("load initialised weights at random")

    monkeypatch.setattr(np.random, "default_rng", refuse)
    loaded = load(path)
    np.testing.assert_array_equal(loaded.layers[-1].params["weight"],
                                  small.layers[-1].params["weight"])


def test_error_carries_code_values_and_an_english_message(tmp_path):
    error = _refused(tmp_path / "absent.npz", "missing")
    assert error.values == {"name": "absent.npz"}
    assert isinstance(error, ValueError)
    assert model_module.ModelFileError is ModelFileError
