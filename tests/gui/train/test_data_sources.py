import json

import numpy as np
import pytest

from engine.collection import MyClasses
from engine.datasets import Dataset, load, split_counts
from gui.common.image_io import rgb_to_qimage
from gui.train.data_sources import (
    DataSourceError,
    LoadCancelled,
    collection_dataset,
    describe,
    load_collection,
    load_image_folder,
    save_collection,
    to_training_image,
)

ROWS = np.arange(28)


@pytest.fixture(autouse=True)
def _qt(qapp):
    """Qt's image scaling and decoders need an application object."""


def paper(h=280, w=280):
    return np.ones((h, w, 3), np.float32)


def centre_of_mass(ink):
    mass = ink.sum()
    return (ink.sum(axis=1) @ ROWS) / mass, (ink.sum(axis=0) @ ROWS) / mass


def ink_box(ink, threshold=0.05):
    rows = np.flatnonzero((ink > threshold).any(axis=1))
    cols = np.flatnonzero((ink > threshold).any(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def seven(picture, top=30, left=40, scale=1.0, value=0.0):
    """Dark strokes of a '7' with a short serif (lopsided, so its centre of mass is
    far from its bounding box's centre)."""
    s = scale
    picture[top:top + int(22 * s), left:left + int(150 * s)] = value
    for i in range(int(190 * s)):
        c = left + int(150 * s) - int(i * 0.45)
        picture[top + i, c - int(11 * s):c + int(11 * s)] = value
    return picture


def check_mnist_like(ink):
    assert ink.shape == (28, 28) and ink.dtype == np.float32
    assert ink.min() >= 0.0 and ink.max() <= 1.0
    h, w = ink_box(ink)
    assert max(h, w) <= 20
    row, col = centre_of_mass(ink)
    assert abs(row - 14) <= 0.5 and abs(col - 14) <= 0.5


# ------------------------------------------------------------------ to_training_image


@pytest.mark.parametrize("top, left, scale", [(30, 40, 1.0), (0, 0, 0.5), (60, 100, 0.9),
                                              (200, 200, 0.3)])
def test_drawing_is_scaled_into_20_box_and_centred_by_mass(top, left, scale):
    ink = to_training_image(seven(paper(), top, left, scale))
    check_mnist_like(ink)
    h, w = ink_box(ink)
    assert max(h, w) >= 19  # the longer side fills the box (faint edge pixels aside)
    assert ink.max() > 0.9


def test_the_centre_of_mass_not_the_box_is_centred():
    ink = to_training_image(seven(paper()))
    rows = np.flatnonzero(ink.any(axis=1))
    box_centre = (rows[0] + rows[-1]) / 2
    row, _ = centre_of_mass(ink)
    # The heavy top bar pulls the mass up: the box sits lower than the middle.
    assert box_centre > row + 1


def test_position_on_the_canvas_does_not_matter():
    a = to_training_image(seven(paper(), 10, 10))
    b = to_training_image(seven(paper(), 80, 110))
    np.testing.assert_array_equal(a, b)


def test_aspect_ratio_is_kept():
    picture = paper()
    picture[40:240, 100:200] = 0.0  # 200 tall, 100 wide
    ink = to_training_image(picture)
    assert ink_box(ink) == (20, 10)
    check_mnist_like(ink)


def test_empty_and_faint_drawings_give_zeros():
    assert not to_training_image(paper()).any()
    faint = paper()
    faint[100:120, 100:120] = 0.99  # darkness 0.01, below the ink threshold
    assert not to_training_image(faint).any()
    assert not to_training_image(np.ones((0, 0, 3), np.float32)).any()


def test_one_pixel_becomes_a_centred_blob():
    picture = paper(50, 50)
    picture[3, 45] = 0.0
    ink = to_training_image(picture)
    check_mnist_like(ink)
    assert ink.sum() > 100  # blown up to the 20×20 box, like any other ink


@pytest.mark.parametrize("wide", [True, False])
def test_very_thin_long_drawings(wide):
    picture = paper(280, 280)
    if wide:
        picture[100, 5:275] = 0.0
    else:
        picture[5:275, 100] = 0.0
    ink = to_training_image(picture)
    check_mnist_like(ink)
    h, w = ink_box(ink)
    assert (h, w) == ((1, 20) if wide else (20, 1))


def test_gray_input_and_shape_errors():
    gray = seven(paper())[:, :, 0]
    np.testing.assert_array_equal(to_training_image(gray), to_training_image(seven(paper())))
    with pytest.raises(ValueError, match="must be"):
        to_training_image(np.ones((4, 4, 2)))


def test_an_mnist_digit_comes_back_almost_unchanged():
    data = load("mnist", n_train=50, n_test=0)
    errors = [np.abs(to_training_image(1.0 - digit[0]) - digit[0]).mean()
              for digit in data.x_train]
    assert np.median(errors) < 0.02


def test_auto_contrast_handles_gray_paper_and_light_strokes():
    clean = to_training_image(seven(paper()))
    gray_paper = seven(np.full((280, 280, 3), 0.8, np.float32), value=0.1)
    inverted = 1.0 - seven(paper())  # white strokes on black
    for picture in (gray_paper, inverted):
        ink = to_training_image(picture, auto_contrast=True)
        check_mnist_like(ink)
        assert np.abs(ink - clean).mean() < 0.02
    # Without it, gray paper counts as ink everywhere and the figure shrinks.
    assert np.abs(to_training_image(gray_paper) - clean).mean() > 0.05
    assert not to_training_image(np.full((50, 50, 3), 0.7, np.float32),
                                 auto_contrast=True).any()


# ------------------------------------------------------------------ image folders


def save_png(path, brightness):
    path.parent.mkdir(parents=True, exist_ok=True)
    assert rgb_to_qimage(brightness).save(str(path), "PNG")


def stroke(kind, offset, size=64):
    """Black-on-white (brightness) picture of a vertical bar, horizontal bar or cross."""
    picture = np.ones((size, size), np.float32)
    a, b = 10 + offset, 14 + offset
    if kind in ("vertical", "cross"):
        picture[8:56, a:b] = 0.0
    if kind in ("horizontal", "cross"):
        picture[a:b, 8:56] = 0.0
    return picture


@pytest.fixture
def image_folder(tmp_path):
    root = tmp_path / "pictures"
    for kind, n in (("vertical", 5), ("horizontal", 4), ("cross", 3)):
        for i in range(n):
            picture = stroke(kind, 3 * i)
            if kind == "horizontal" and i == 0:
                picture = 1.0 - picture  # a light-on-dark file among them
            save_png(root / kind / f"{i}.png", picture)
    (root / "horizontal" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (root / "cross" / ".DS_Store").write_bytes(b"\0\0")  # hidden: ignored silently
    return root


def test_image_folder_classes_counts_labels_and_skipped(image_folder):
    data = load_image_folder(image_folder, test_fraction=0.25, seed=3)
    assert isinstance(data, Dataset)
    assert data.class_names == ("cross", "horizontal", "vertical")
    assert data.x_train.shape[1:] == (1, 28, 28) and data.x_train.dtype == np.float32
    assert data.y_train.dtype == np.int64
    for label, n in enumerate((3, 4, 5)):
        train, test = split_counts(n, 0.25, min_held=1)
        assert (data.y_train == label).sum() == train
        assert (data.y_test == label).sum() == test
    assert len(data.y_train) + len(data.y_test) == 12
    # The labels match the pictures: vertical bars are tall, horizontal bars wide.
    for x, y in ((data.x_train, data.y_train), (data.x_test, data.y_test)):
        for image, label in zip(x[:, 0], y, strict=True):
            h, w = ink_box(image)
            expected = {0: (20, 20), 1: (h, 20), 2: (20, w)}[int(label)]
            assert (h, w) == expected
            assert image.max() > 0.9
            if label != 0:
                assert min(h, w) <= 3
    assert [s.path.endswith("broken.png") for s in data.skipped] == [True]
    assert "broken.png" in data.skipped[0].reason


def test_image_folder_split_is_deterministic_for_a_seed(image_folder):
    a = load_image_folder(image_folder, seed=1)
    b = load_image_folder(image_folder, seed=1)
    c = load_image_folder(image_folder, seed=2)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    np.testing.assert_array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.x_train, c.x_train)


def test_image_folder_progress_and_cancel(image_folder):
    calls = []
    load_image_folder(image_folder, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (13, 13)  # every non-hidden file, the broken one too
    with pytest.raises(LoadCancelled):
        load_image_folder(image_folder, should_stop=lambda: True)


def test_image_folder_errors(tmp_path, image_folder):
    with pytest.raises(DataSourceError, match="does not exist"):
        load_image_folder(tmp_path / "nowhere")
    (tmp_path / "file.png").write_bytes(b"x")
    with pytest.raises(DataSourceError, match="not a folder"):
        load_image_folder(tmp_path / "file.png")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataSourceError, match="no subfolders"):
        load_image_folder(empty)
    (empty / "only").mkdir()
    with pytest.raises(DataSourceError, match="only one class"):
        load_image_folder(empty)
    (empty / "other").mkdir()
    (empty / "other" / "junk.png").write_bytes(b"junk")
    with pytest.raises(DataSourceError, match="No pictures could be read"):
        load_image_folder(empty)
    save_png(empty / "other" / "ok.png", stroke("cross", 0))
    save_png(empty / "only" / "a.png", stroke("vertical", 0))
    save_png(empty / "only" / "b.png", stroke("vertical", 4))
    with pytest.raises(DataSourceError, match="“other” has 1 image"):
        load_image_folder(empty)
    with pytest.raises(ValueError, match="between 0 and 1"):
        load_image_folder(image_folder, test_fraction=1.0)


# ------------------------------------------------------------------ my classes


def random_examples(n, seed):
    rng = np.random.default_rng(seed)
    return [rng.random((28, 28), dtype=np.float32) for _ in range(n)]


def test_collection_errors_are_worded_for_the_learner():
    classes = MyClasses()
    for bad, match in (("", "needs a name"), ("x" * 41, "limited to 40 characters"),
                       (None, "must be text")):
        with pytest.raises(ValueError) as caught:
            classes.add_class(bad)
        assert match in describe(caught.value)
    classes.add_class("a")
    classes.add_class("b")
    with pytest.raises(ValueError) as caught:
        classes.add_class("A")
    assert describe(caught.value) == "There is already a class called “a”."
    classes.add_example("a", np.zeros((28, 28)))
    classes.add_example("a", np.zeros((28, 28)))
    classes.add_example("b", np.zeros((28, 28)))
    assert describe(classes.readiness()).startswith("Add 1 more example to “b”")
    with pytest.raises(DataSourceError, match="1 more example to “b”"):
        collection_dataset(classes)


def test_my_classes_save_load_round_trip(tmp_path):
    classes = MyClasses()
    examples = {"猫 cat": random_examples(3, 5), "a/b: weird?": random_examples(2, 6),
                "empty": []}
    for name, images in examples.items():
        classes.add_class(name)
        for image in images:
            classes.add_example(name, image)
    folder = tmp_path / "collection"
    save_collection(classes, folder)
    manifest = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in manifest["classes"]] == list(examples)
    assert all("/" not in c["folder"] for c in manifest["classes"])

    loaded = load_collection(folder)
    assert loaded.names == tuple(examples)
    assert loaded.skipped == ()
    for name, images in examples.items():
        got = loaded.examples(name)
        assert len(got) == len(images)
        for a, b in zip(got, images, strict=True):
            assert a.dtype == np.float32 and a.shape == (28, 28)
            assert np.abs(a - b).max() <= 1 / 255

    # Saved as black ink on white paper.
    from gui.common.image_io import load_image
    first = manifest["classes"][0]["folder"]
    png = load_image(folder / first / "0001.png")
    np.testing.assert_allclose(png[:, :, 0], 1 - examples["猫 cat"][0], atol=1 / 255)

    # Saving over an earlier collection replaces it.
    loaded.remove_class("猫 cat")
    save_collection(loaded, folder)
    again = load_collection(folder)
    assert again.names == ("a/b: weird?", "empty")
    assert not (folder / first).exists()


def test_my_classes_refuses_foreign_folders_and_damaged_manifests(tmp_path):
    classes = MyClasses()
    classes.add_class("a")
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(DataSourceError, match="already holds other files"):
        save_collection(classes, foreign)
    assert sorted(p.name for p in foreign.iterdir()) == ["holiday.jpg"]

    with pytest.raises(DataSourceError, match="does not exist"):
        load_collection(tmp_path / "nowhere")
    with pytest.raises(DataSourceError, match="not a saved class collection"):
        load_collection(foreign)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "classes.json").write_text("{not json")
    with pytest.raises(DataSourceError, match="damaged"):
        load_collection(damaged)
    (damaged / "classes.json").write_text(json.dumps(
        {"format": "cnn-lab-classes", "classes": [{"name": "x", "folder": "../photos"}]}))
    with pytest.raises(DataSourceError, match="damaged"):
        load_collection(damaged)


def test_my_classes_load_reads_a_plain_image_folder(image_folder):
    loaded = load_collection(image_folder)
    assert loaded.names == ("cross", "horizontal", "vertical")
    assert loaded.counts() == {"cross": 3, "horizontal": 4, "vertical": 5}
    assert len(loaded.skipped) == 1
    check_mnist_like(loaded.examples("cross")[0])


def test_named_pipes_in_folders_are_skipped_by_name_without_being_opened(image_folder):
    import os
    os.mkfifo(image_folder / "cross" / "camera.png")
    data = load_image_folder(image_folder)
    reasons = {os.path.basename(s.path): s.reason for s in data.skipped}
    assert reasons["camera.png"] == "“camera.png” is a named pipe, not a picture file."
    loaded = load_collection(image_folder)
    assert any(s.reason.endswith("is a named pipe, not a picture file.")
               for s in loaded.skipped)
    assert loaded.counts()["cross"] == 3


def test_a_deeply_nested_manifest_is_called_damaged(tmp_path):
    folder = tmp_path / "nested"
    folder.mkdir()
    (folder / "classes.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(DataSourceError, match="damaged"):
        load_collection(folder)
    (folder / "classes.json").write_text('{"format": "cnn-lab-classes", "classes": '
                                         + "[" * 50_000 + "]" * 50_000 + "}")
    with pytest.raises(DataSourceError, match="damaged"):
        load_collection(folder)


def test_every_engine_data_error_has_words_for_the_learner():
    import re
    from pathlib import Path

    from engine.folders import DataError
    root = Path(__file__).resolve().parents[3] / "engine"
    codes = set()
    for module in ("collection.py", "folders.py"):
        codes |= set(re.findall(r'(?:CollectionError|DataError)\(\s*"(\w+)"',
                                (root / module).read_text(encoding="utf-8")))
    assert {"write_failed", "foreign_folder", "no_subfolders", "too_few_examples"} <= codes
    values = {"path": "p", "name": "n", "subfolder": "s", "limit": 40, "size": 28,
              "shape": "1×2", "number": 3, "count": 1, "missing": 1, "reason": "r",
              "manifest": "classes.json", "folder": "f",
              "error": DataError("name_empty", "a class needs a name")}
    for code in sorted(codes):
        error = DataError(code, "english {name}", **values)
        assert describe(error) != str(error), code
