"""``engine.model``: the default CNN, predictions, and the model file format.

A model file is an ``.npz`` with the architecture as JSON and one array per weight;
``load`` must refuse anything else with ``ModelFileError`` and must never unpickle.
"""

import zipfile

import numpy as np
import pytest

from engine import layers as L
from engine import ops
from engine.model import ModelFileError, Sequential, build_cnn, load


def _images(n, shape=(1, 28, 28), seed=0):
    return np.random.default_rng(seed).random((n, *shape)).astype(np.float32)


def _randomise_biases(model, seed=0):
    """Biases start at zero; make them count in round-trip comparisons."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if layer.params:
            layer.params["bias"][...] = rng.uniform(-0.5, 0.5, layer.params["bias"].shape)


def test_model_file_error_is_a_value_error():
    assert issubclass(ModelFileError, ValueError)


def test_build_cnn_default_architecture():
    model = build_cnn()
    kinds = [type(layer) for layer in model.layers]
    assert kinds == [L.Conv2D, L.ReLU, L.MaxPool2D, L.Flatten, L.Dense]
    conv, dense = model.layers[0], model.layers[-1]
    assert conv.params["weight"].shape == (8, 1, 3, 3)
    assert conv.params["weight"].dtype == np.float32
    assert dense.params["weight"].shape == (8 * 13 * 13, 10)
    out = model.forward(_images(3))
    assert out.shape == (3, 10) and out.dtype == np.float32


@pytest.mark.parametrize(
    "kwargs, kinds",
    [
        (dict(hidden=16), [L.Conv2D, L.ReLU, L.MaxPool2D, L.Flatten, L.Dense, L.ReLU, L.Dense]),
        (dict(pool="avg"), [L.Conv2D, L.ReLU, L.AvgPool2D, L.Flatten, L.Dense]),
        (dict(filters=(4, 6)), [L.Conv2D, L.ReLU, L.MaxPool2D] * 2 + [L.Flatten, L.Dense]),
        (dict(pool="none"), [L.Conv2D, L.ReLU, L.Flatten, L.Dense]),
    ],
)
def test_build_cnn_variants(kwargs, kinds):
    model = build_cnn(num_classes=6, **kwargs)
    assert [type(layer) for layer in model.layers] == kinds
    assert model.forward(_images(2)).shape == (2, 6)


def test_build_cnn_geometry_follows_arguments():
    model = build_cnn(input_shape=(3, 20, 18), num_classes=4, filters=5, kernel_size=(3, 5),
                      stride=(2, 1), padding=(1, 2), pool_size=2)
    conv = model.layers[0]
    assert conv.params["weight"].shape == (5, 3, 3, 5)
    # conv: (20 + 2 - 3)//2 + 1 = 10, (18 + 4 - 5)//1 + 1 = 18; pool 2 -> 5 x 9
    assert model.layers[-1].params["weight"].shape == (5 * 5 * 9, 4)
    x = _images(2, (3, 20, 18))
    assert model.forward(x).shape == (2, 4)
    h = x
    for layer in model.layers[:3]:
        h = layer.forward(h)
    assert h.shape == (2, 5, 5, 9)


def test_build_cnn_two_blocks_shapes():
    model = build_cnn(filters=(16, 32))
    convs = [layer for layer in model.layers if isinstance(layer, L.Conv2D)]
    assert [c.params["weight"].shape for c in convs] == [(16, 1, 3, 3), (32, 16, 3, 3)]
    # 28 -> 26 -> 13 -> 11 -> 5
    assert model.layers[-1].params["weight"].shape == (32 * 5 * 5, 10)


def test_forward_refuses_images_of_another_shape():
    with pytest.raises(ValueError):
        build_cnn().forward(np.zeros((1, 1, 20, 20), np.float32))


def test_build_cnn_image_too_small_raises():
    with pytest.raises(ValueError):
        build_cnn(input_shape=(1, 6, 6), filters=(4, 4, 4))


def test_build_cnn_seed_determines_weights():
    a, b, c = build_cnn(seed=3), build_cnn(seed=3), build_cnn(seed=4)
    np.testing.assert_array_equal(a.layers[0].params["weight"], b.layers[0].params["weight"])
    assert not np.array_equal(a.layers[0].params["weight"], c.layers[0].params["weight"])


def test_predict_proba_and_predict():
    model = build_cnn(num_classes=5, hidden=8)
    _randomise_biases(model)
    x = _images(7)
    p = model.predict_proba(x)
    assert p.shape == (7, 5)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(p, ops.softmax(model.forward(x)), rtol=1e-5, atol=1e-7)
    pred = model.predict(x)
    assert pred.shape == (7,)
    assert np.issubdtype(pred.dtype, np.integer)
    np.testing.assert_array_equal(pred, p.argmax(axis=1))


def test_predict_batches_agree_with_one_pass():
    model = build_cnn(num_classes=3)
    x = _images(9, seed=2)
    np.testing.assert_allclose(
        model.predict_proba(x, batch_size=4), model.predict_proba(x), rtol=1e-6, atol=1e-7
    )


# --- save / load ---------------------------------------------------------------------

MODELS = {
    "default": dict(),
    "hidden_avg": dict(pool="avg", hidden=12, num_classes=6),
    "two_blocks_geometry": dict(filters=(3, 5), kernel_size=(3, 2), stride=(1, 2), padding=1),
    "rgb": dict(input_shape=(3, 16, 16), num_classes=4, filters=4),
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_save_load_round_trip(tmp_path, name):
    kwargs = MODELS[name]
    model = build_cnn(seed=5, **kwargs)
    _randomise_biases(model, 1)
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = load(path)
    assert [type(layer) for layer in loaded.layers] == [type(layer) for layer in model.layers]
    for a, b in zip(model.layers, loaded.layers, strict=True):
        assert a.params.keys() == b.params.keys()
        for k in a.params:
            assert b.params[k].dtype == a.params[k].dtype
            np.testing.assert_array_equal(a.params[k], b.params[k])
    x = _images(6, kwargs.get("input_shape", (1, 28, 28)), seed=3)
    np.testing.assert_array_equal(loaded.predict_proba(x), model.predict_proba(x))
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))


def test_save_load_str_path_and_loaded_model_trains(tmp_path):
    model = build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=2)
    path = str(tmp_path / "m.npz")
    model.save(path)
    loaded = load(path)
    # The loaded weights are ordinary writable arrays that training can update.
    from engine.losses import softmax_cross_entropy
    from engine.optim import SGD

    x = _images(4, (1, 12, 12))
    before = loaded.layers[0].params["weight"].copy()
    _, g = softmax_cross_entropy(loaded.forward(x), np.array([0, 1, 2, 0]))
    loaded.backward(g)
    SGD(0.1).step(loaded)
    assert not np.array_equal(before, loaded.layers[0].params["weight"])


def test_saved_file_is_a_pickle_free_npz(tmp_path):
    path = tmp_path / "model.npz"
    build_cnn(hidden=4).save(path)
    assert zipfile.is_zipfile(path)
    with np.load(path, allow_pickle=False) as archive:
        for key in archive.files:
            assert archive[key].dtype != object, key


def _arrays(path):
    with np.load(path, allow_pickle=False) as archive:
        return {key: archive[key] for key in archive.files}


def _weight_keys(arrays):
    """Keys of the weight arrays (floating point); the rest is the architecture record."""
    return [k for k, v in arrays.items() if v.dtype.kind == "f"]


def _meta_keys(arrays):
    return [k for k, v in arrays.items() if v.dtype.kind != "f"]


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "good.npz"
    model = build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=(2, 3), hidden=4)
    model.save(path)
    arrays = _arrays(path)
    assert _weight_keys(arrays) and _meta_keys(arrays)
    return path, arrays


def _refuses(path):
    with pytest.raises(ModelFileError) as info:
        load(path)
    assert str(info.value).strip(), "the message must say what is wrong"
    return str(info.value)


def test_load_missing_file(tmp_path):
    _refuses(tmp_path / "nope.npz")


def test_load_directory(tmp_path):
    _refuses(tmp_path)


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.9, 0.99])
def test_load_truncated_file(saved, tmp_path, fraction):
    path, _ = saved
    data = path.read_bytes()
    cut = tmp_path / "cut.npz"
    cut.write_bytes(data[: int(len(data) * fraction)])
    _refuses(cut)


def test_load_corrupted_bytes(saved, tmp_path):
    path, _ = saved
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    bad = tmp_path / "bad.npz"
    bad.write_bytes(bytes(data))
    _refuses(bad)


def test_load_single_byte_corruptions_raise_only_model_file_error(saved, tmp_path):
    """Flip bytes all over a saved file: each load either works or raises ModelFileError
    (never zlib.error, NotImplementedError, struct.error, ...)."""
    path, _ = saved
    data = path.read_bytes()
    bad = tmp_path / "flipped.npz"
    leaked = {}
    for pos in range(0, len(data), 5):
        flipped = bytearray(data)
        flipped[pos] ^= 0xFF
        bad.write_bytes(bytes(flipped))
        try:
            load(bad)
        except ModelFileError:
            pass
        except Exception as error:  # noqa: BLE001 - collected and reported below
            leaked.setdefault(f"{type(error).__module__}.{type(error).__qualname__}", pos)
    assert not leaked, f"exceptions other than ModelFileError (first byte offset): {leaked}"


def test_load_text_file(tmp_path):
    path = tmp_path / "model.npz"
    path.write_text("this is not a model\n")
    _refuses(path)


def test_load_plain_npy_file(tmp_path):
    path = tmp_path / "model.npy"
    np.save(path, np.arange(10.0))
    _refuses(path)


class _Unpickled:
    """Unpickling this creates a file: proof that ``load`` ran pickle."""

    def __init__(self, sentinel):
        self.sentinel = str(sentinel)

    def __reduce__(self):
        return (open, (self.sentinel, "w"))


@pytest.mark.parametrize("where", ["extra", "architecture", "weight"])
def test_load_refuses_pickled_object_and_never_unpickles(saved, tmp_path, where):
    path, arrays = saved
    sentinel = tmp_path / "unpickled.txt"
    payload = np.empty(1, dtype=object)
    payload[0] = _Unpickled(sentinel)
    if where == "extra":
        arrays["payload"] = payload
    elif where == "architecture":
        arrays[_meta_keys(arrays)[0]] = payload
    else:
        arrays[_weight_keys(arrays)[0]] = payload
    evil = tmp_path / "evil.npz"
    np.savez(evil, **arrays)  # np.savez pickles object arrays
    _refuses(evil)
    assert not sentinel.exists(), "load unpickled an object"


def test_load_npz_without_architecture(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, a=np.arange(3.0), b=np.ones((2, 2)))
    _refuses(path)


def test_load_empty_npz(tmp_path):
    path = tmp_path / "empty.npz"
    np.savez(path)
    _refuses(path)


def test_load_wrong_weight_shape(saved, tmp_path):
    _, arrays = saved
    key = next(k for k in _weight_keys(arrays) if arrays[k].ndim == 4)
    arrays[key] = np.zeros(arrays[key].shape[:-1] + (arrays[key].shape[-1] + 1,), np.float32)
    path = tmp_path / "shape.npz"
    np.savez(path, **arrays)
    msg = _refuses(path)
    assert "shape" in msg.lower()


def test_load_missing_weights(saved, tmp_path):
    _, arrays = saved
    del arrays[_weight_keys(arrays)[-1]]
    path = tmp_path / "missing.npz"
    np.savez(path, **arrays)
    _refuses(path)


def test_load_extra_weights(saved, tmp_path):
    _, arrays = saved
    arrays["99.weight"] = np.zeros((3, 3), np.float32)
    path = tmp_path / "extra.npz"
    np.savez(path, **arrays)
    _refuses(path)


def test_load_weights_of_another_architecture(tmp_path):
    """The architecture record of one model with the weights of another."""
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=2).save(a)
    build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=5).save(b)
    arrays_a, arrays_b = _arrays(a), _arrays(b)
    mixed = {k: arrays_b[k] for k in _weight_keys(arrays_b)}
    mixed.update({k: arrays_a[k] for k in _meta_keys(arrays_a)})
    path = tmp_path / "mixed.npz"
    np.savez(path, **mixed)
    _refuses(path)


@pytest.mark.parametrize(
    "text",
    [
        "not json {",
        "[]",
        '{"layers": []}',
        '{"hello": "world"}',
        "null",
    ],
)
def test_load_bad_architecture_record(saved, tmp_path, text):
    _, arrays = saved
    for key in _meta_keys(arrays):
        arrays[key] = np.array(text)
    path = tmp_path / "arch.npz"
    np.savez(path, **arrays)
    _refuses(path)


def test_load_unknown_layer_type(saved, tmp_path):
    _, arrays = saved
    key = _meta_keys(arrays)[0]
    text = str(arrays[key]).replace('"ReLU"', '"os.system"')
    assert text != str(arrays[key])
    arrays[key] = np.array(text)
    path = tmp_path / "unknown.npz"
    np.savez(path, **arrays)
    _refuses(path)


def test_load_non_finite_or_integer_weights(saved, tmp_path):
    _, arrays = saved
    key = _weight_keys(arrays)[0]
    for bad in (np.full_like(arrays[key], np.nan), arrays[key].astype(np.int64)):
        changed = dict(arrays)
        changed[key] = bad
        path = tmp_path / "bad_values.npz"
        np.savez(path, **changed)
        _refuses(path)


def test_save_overwrites_an_existing_file(tmp_path):
    """A second save over an existing file replaces it with a valid model."""
    path = tmp_path / "m.npz"
    first = build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=2, seed=1)
    second = build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=2, seed=2)
    first.save(path)
    second.save(path)
    x = _images(2, (1, 12, 12))
    np.testing.assert_array_equal(load(path).predict_proba(x), second.predict_proba(x))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz"]  # no temp files left


def test_load_accepts_bytes_written_by_save(tmp_path):
    # Sanity for the fixtures above: a byte-for-byte copy of a saved file loads.
    path = tmp_path / "a.npz"
    build_cnn(input_shape=(1, 12, 12), num_classes=3, filters=2).save(path)
    copy = tmp_path / "b.npz"
    copy.write_bytes(path.read_bytes())
    assert isinstance(load(copy), Sequential)


def test_class_labels_are_the_names_or_the_output_numbers():
    from engine.model import build_cnn

    assert build_cnn(num_classes=3, filters=2).class_labels() == ("0", "1", "2")
    named = build_cnn(num_classes=2, filters=2, class_names=["cat", "dog"])
    assert named.class_labels() == ("cat", "dog")
