"""My classes without Qt: editing, the training set, and the one stratified split."""

import numpy as np
import pytest

from engine.collection import CollectionError, MyClasses
from engine.datasets import split_counts, stratified_split
from engine.folders import DataError, regular_file_problem, scan_class_folders


def random_examples(n, seed):
    rng = np.random.default_rng(seed)
    return [rng.random((28, 28), dtype=np.float32) for _ in range(n)]


def test_my_classes_editing():
    classes = MyClasses()
    assert classes.add_class("  circle  ") == "circle"
    classes.add_class("line")
    classes.add_class("dot")
    for bad, match in (("", "needs a name"), ("CIRCLE", "already"), ("x" * 41, "limited"),
                       (None, "text")):
        with pytest.raises(ValueError, match=match):
            classes.add_class(bad)
    classes.rename_class("line", "stroke")
    assert classes.names == ("circle", "stroke", "dot")  # position kept
    classes.rename_class("stroke", "Stroke")  # a change of case is a rename
    with pytest.raises(ValueError, match="already"):
        classes.rename_class("Stroke", "dot")
    with pytest.raises(ValueError, match="no class"):
        classes.rename_class("nope", "x")
    classes.remove_class("dot")
    assert classes.names == ("circle", "Stroke")

    images = random_examples(3, 0)
    for image in images:
        classes.add_example("circle", image)
    images[0][:] = 0  # the collection keeps its own copy
    assert classes.examples("circle")[0].any()
    classes.remove_example("circle", 1)
    assert classes.counts() == {"circle": 2, "Stroke": 0}
    with pytest.raises(ValueError, match="no example"):
        classes.remove_example("circle", 5)
    with pytest.raises(ValueError, match="28×28"):
        classes.add_example("circle", np.zeros((28, 27)))
    bad = np.zeros((28, 28))
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        classes.add_example("circle", bad)
    with pytest.raises(ValueError, match="no class"):
        classes.add_example("square", np.zeros((28, 28)))


def test_my_classes_to_dataset_errors_say_what_to_add():
    classes = MyClasses()
    with pytest.raises(CollectionError, match="at least 2 classes") as caught:
        classes.to_dataset()
    assert caught.value.code == "too_few_classes"
    classes.add_class("a")
    classes.add_class("b")
    for image in random_examples(3, 1):
        classes.add_example("a", image)
    classes.add_example("b", random_examples(1, 2)[0])
    with pytest.raises(CollectionError) as caught:
        classes.to_dataset()
    assert caught.value.code == "too_few_examples"
    assert caught.value.values == {"name": "b", "count": 1, "missing": 1}
    assert classes.readiness().values["name"] == "b"
    classes.add_example("b", random_examples(1, 3)[0])
    assert classes.readiness() is None
    data = classes.to_dataset(test_fraction=0.34, seed=4)
    assert data.class_names == ("a", "b")
    assert data.x_train.shape == (3, 1, 28, 28) and data.x_test.shape == (2, 1, 28, 28)
    assert sorted(data.y_test) == [0, 1]
    # Every example lands in exactly one split, with its own label.
    originals = {(label, ex.tobytes()) for label, name in enumerate("ab")
                 for ex in classes.examples(name)}
    split = {(int(y), x[0].tobytes()) for xs, ys in ((data.x_train, data.y_train),
                                                     (data.x_test, data.y_test))
             for x, y in zip(xs, ys, strict=True)}
    assert split == originals


def test_split_counts():
    assert split_counts(0, 0.2, min_held=1) == (0, 0)
    assert split_counts(1, 0.2, min_held=1) == (1, 0)
    assert split_counts(2, 0.2, min_held=1) == (1, 1)
    assert split_counts(2, 0.9, min_held=1) == (1, 1)
    assert split_counts(10, 0.2, min_held=1) == (8, 2)
    assert split_counts(500, 0.2, min_held=1) == (400, 100)
    assert split_counts(4, 0.1) == (4, 0)          # validation may take none
    assert split_counts(4, 0.1, min_held=1) == (3, 1)


def test_stratified_split_holds_out_each_class_and_is_repeatable():
    labels = np.repeat([0, 1, 2], [10, 4, 7])
    kept, held = stratified_split(labels, 0.3, seed=5, min_held=1)
    assert sorted(np.concatenate([kept, held])) == list(range(len(labels)))
    for k, n in enumerate((10, 4, 7)):
        assert (labels[held] == k).sum() == split_counts(n, 0.3, min_held=1)[1]
    # Class by class, in class order.
    assert list(labels[kept]) == sorted(labels[kept])
    again = stratified_split(labels, 0.3, seed=5, min_held=1)
    assert all(np.array_equal(a, b) for a, b in zip((kept, held), again, strict=True))
    other = stratified_split(labels, 0.3, seed=6, min_held=1)
    assert not np.array_equal(held, other[1])
    empty = stratified_split(np.zeros(0, np.int64), 0.3)
    assert [len(part) for part in empty] == [0, 0]


def test_scan_class_folders_lists_pictures_and_skips_the_rest(tmp_path):
    root = tmp_path / "pictures"
    for name in ("b", "a", ".hidden"):
        (root / name).mkdir(parents=True)
    (root / "a" / "1.png").write_bytes(b"x")
    (root / "a" / "notes.txt").write_text("x")
    (root / "b" / "2.JPG").write_bytes(b"x")
    (root / "b" / ".DS_Store").write_bytes(b"x")
    import os
    os.mkfifo(root / "b" / "pipe.png")
    scan = scan_class_folders(root, ["png", "jpg"])
    assert scan.class_names == ("a", "b")
    assert [[p.name for p in files] for files in scan.files] == [["1.png"], ["2.JPG"]]
    assert sorted((os.path.basename(s.path), s.code, s.detail) for s in scan.skipped) == [
        ("notes.txt", "not_picture", ""), ("pipe.png", "not_regular", "named_pipe")]
    assert regular_file_problem(root / "b" / "pipe.png") == "named_pipe"
    assert regular_file_problem(root / "a") == "folder"
    assert regular_file_problem(root / "a" / "1.png") is None
    for folder, code in ((tmp_path / "nowhere", "missing"),
                         (root / "a" / "1.png", "not_a_folder"),
                         (root / "a", "no_subfolders")):
        with pytest.raises(DataError) as caught:
            scan_class_folders(folder, ["png"])
        assert caught.value.code == code
    (root / "a" / "only").mkdir()
    with pytest.raises(DataError) as caught:
        scan_class_folders(root / "a", ["png"])
    assert caught.value.code == "one_subfolder" and caught.value.values["subfolder"] == "only"
