"""Saving My classes never loses a collection: killed saves, full disks, symbolic links.

Every test works on real collections written to real folders; the kills are real
processes killed with SIGKILL, the full disk a real (tiny) file system where one can be
mounted, and an injected write failure everywhere.
"""

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from engine import fileio
from engine.collection import MyClasses
from gui.train.data_sources import DataSourceError, load_collection, save_collection

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _qt(qapp):
    """Qt's PNG codec needs an application object."""


def make_collection(seed: int, sizes, names=("cat", "dog", "bird")) -> MyClasses:
    """A collection of random 28×28 examples, the same for the same seed and sizes."""
    rng = np.random.default_rng(seed)
    classes = MyClasses()
    for name, n in zip(names, sizes, strict=True):
        classes.add_class(name)
        for image in rng.random((n, 28, 28), dtype=np.float32):
            classes.add_example(name, image)
    return classes


def same_collection(loaded: MyClasses, expected: MyClasses) -> bool:
    if loaded.names != expected.names or loaded.counts() != expected.counts():
        return False
    return all(np.abs(a - b).max() <= 1 / 255 + 1e-6
               for name in expected.names
               for a, b in zip(loaded.examples(name), expected.examples(name), strict=True))


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


# ------------------------------------------------------------------ killed mid-save

KILLER = r"""
import os, signal, sys
import numpy as np
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from engine.collection import MyClasses
from gui.train.data_sources import save_collection

folder, seed, sizes, kill_at = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
sizes = [int(n) for n in sizes.split(",")]
rng = np.random.default_rng(seed)
classes = MyClasses()
for name, n in zip(("cat", "dog", "bird"), sizes):
    classes.add_class(name)
    for image in rng.random((n, 28, 28), dtype=np.float32):
        classes.add_example(name, image)

# Every change a save makes to the folder is one of these calls; the process kills
# itself (SIGKILL: no clean-up, no flush) just before call number kill_at.
steps = [0]
def counted(fn):
    def step(*args, **kwargs):
        steps[0] += 1
        if steps[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return step
for name in ("replace", "rename", "mkdir", "rmdir", "unlink"):
    setattr(os, name, counted(getattr(os, name)))
print("saving", flush=True)
save_collection(classes, folder)
print(f"steps {steps[0]}", flush=True)
"""


def run_killer(folder, seed, sizes, kill_at):
    return subprocess.run(
        [sys.executable, "-c", KILLER, str(folder), str(seed),
         ",".join(map(str, sizes)), str(kill_at)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_a_save_killed_at_any_step_leaves_the_old_or_the_new_collection_whole(tmp_path):
    old_sizes, new_sizes = (6, 5, 4), (3, 7, 2)
    old, new = make_collection(1, old_sizes), make_collection(2, new_sizes)
    folder = tmp_path / "collection"
    save_collection(old, folder)

    # A save that runs to the end tells how many steps a save takes.
    dry = tmp_path / "dry"
    save_collection(old, dry)
    finished = run_killer(dry, 2, new_sizes, 0)
    assert finished.returncode == 0, finished.stderr
    total = int(finished.stdout.split("steps")[1])
    assert total > sum(new_sizes)  # one rename per picture at least

    outcomes = []
    for kill_at in sorted({1, 2, 3, total // 4, total // 2, total - 4, total - 3,
                           total - 2, total - 1, total}):
        run = run_killer(folder, 2, new_sizes, kill_at)
        assert run.returncode == -signal.SIGKILL, (kill_at, run.stderr)
        loaded = load_collection(folder)
        assert loaded.skipped == (), (kill_at, loaded.skipped)
        if same_collection(loaded, old):
            outcomes.append("old")
        else:
            assert same_collection(loaded, new), f"killed at step {kill_at} of {total}"
            outcomes.append("new")
            save_collection(old, folder)  # back to the old one for the next kill
    assert outcomes[0] == "old" and outcomes[-1] == "new"

    # The next save cleans up what the killed ones left, and nothing else remains.
    save_collection(new, folder)
    assert same_collection(load_collection(folder), new)
    manifest = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["classes.json"] + [c["folder"] for c in manifest["classes"]])
    assert not list(folder.rglob(f"*{fileio.TEMP_SUFFIX}"))


def pictures_in(folder) -> set[str]:
    """Every PNG under ``folder`` now. The save renames folders while this looks, so a
    folder that vanishes mid-walk is skipped (os.walk ignores it; Path.rglob raises)."""
    return {os.path.join(root, name) for root, _dirs, names in os.walk(folder)
            for name in names if name.endswith(".png")}


def test_a_big_collection_killed_halfway_through_its_pictures_is_kept_whole(tmp_path):
    """3 × 300 examples, as in the bug report, killed from outside while writing."""
    old = make_collection(3, (300, 300, 300))
    folder = tmp_path / "collection"
    save_collection(old, folder)
    before = pictures_in(folder)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLER, str(folder), "4", "250,250,250", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert process.stdout.readline().strip() == "saving"
        deadline = time.monotonic() + 60
        while len(pictures_in(folder) - before) < 300:
            assert process.poll() is None, "the save ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        process.kill()
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL
    assert same_collection(load_collection(folder), old)


# ------------------------------------------------------------------ failed writes

@pytest.mark.parametrize("silent", [False, True], ids=["ENOSPC", "dropped-writes"])
def test_a_full_disk_is_reported_and_the_previous_collection_kept(tmp_path, monkeypatch,
                                                                   disk_full, silent):
    old, new = make_collection(5, (8, 8, 8)), make_collection(6, (20, 20, 20))
    folder = tmp_path / "collection"
    save_collection(old, folder)
    saved = files_of(folder)
    one_png = len(next(iter(v for k, v in saved.items() if k.endswith(".png"))))
    # Room for about half of the new pictures, at every point of the save in turn.
    for budget in (0, one_png * 10, one_png * 30, one_png * 59):
        disk_full(budget, silent)
        with pytest.raises(DataSourceError, match="Could not save.*still holds"):
            save_collection(new, folder)
        monkeypatch.undo()
        assert files_of(folder) == saved, budget
        assert same_collection(load_collection(folder), old)


def test_a_failure_at_every_step_of_a_save_keeps_the_previous_collection(tmp_path,
                                                                         monkeypatch):
    old, new = make_collection(7, (3, 2, 4)), make_collection(8, (2, 5, 1))
    folder = tmp_path / "collection"
    save_collection(old, folder)
    saved = files_of(folder)
    real = os.replace
    step = 0
    while True:
        step += 1
        calls = [0]

        def failing(src, dst, _at=step, calls=calls):
            calls[0] += 1
            if calls[0] == _at:
                raise OSError(errno.EIO, "injected failure")
            return real(src, dst)

        monkeypatch.setattr(fileio.os, "replace", failing)
        try:
            save_collection(new, folder)
        except DataSourceError:
            monkeypatch.undo()
            assert files_of(folder) == saved, step
            assert sorted(p.name for p in folder.iterdir()) == sorted(
                {Path(k).parts[0] for k in saved})  # nothing new left beside it
            continue
        monkeypatch.undo()
        break
    assert step == sum(new.counts().values()) + 2  # every picture, the manifest, then none
    assert same_collection(load_collection(folder), new)


def _mount_tiny_filesystem_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c",
                            "d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d"],
                           capture_output=True)
    return probe.returncode == 0


TINY_DISK = r"""
import json, os, subprocess, sys, tempfile
import numpy as np
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from engine.collection import MyClasses
from gui.train.data_sources import DataSourceError, load_collection, save_collection

disk = tempfile.mkdtemp()
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk], check=True)
def collection(seed, n):
    rng = np.random.default_rng(seed)
    classes = MyClasses()
    for name in ("cat", "dog", "bird"):
        classes.add_class(name)
        for image in rng.random((n, 28, 28), dtype=np.float32):
            classes.add_example(name, image)
    return classes
old, new = collection(1, 10), collection(2, 80)   # the new one cannot fit
folder = os.path.join(disk, "collection")
save_collection(old, folder)
def files():
    return {os.path.relpath(os.path.join(r, p), folder): open(os.path.join(r, p), "rb").read()
            for r, _, fs in os.walk(folder) for p in fs}
before = files()
try:
    save_collection(new, folder)
    error = None
except DataSourceError as e:
    error = str(e)
after = files()
loaded = load_collection(folder)
print(json.dumps({"error": error, "same_files": before == after,
                  "counts": loaded.counts(), "entries": sorted(os.listdir(folder))}))
"""


@pytest.mark.skipif(not _mount_tiny_filesystem_works(),
                    reason="cannot mount a small file system here")
def test_a_really_full_file_system_keeps_the_previous_collection():
    run = subprocess.run(["unshare", "-rm", sys.executable, "-c", TINY_DISK], cwd=ROOT,
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["error"] is not None and "still holds" in result["error"]
    assert result["same_files"]
    assert result["counts"] == {"cat": 10, "dog": 10, "bird": 10}
    assert len(result["entries"]) == 4  # the manifest and the old class folders only


# ------------------------------------------------------------------ symbolic links

def test_saving_never_touches_a_folder_a_class_folder_links_to(tmp_path):
    outside = tmp_path / "my photos"
    outside.mkdir()
    for name in ("0001.png", "0002.png", "holiday.jpg"):  # named like a saved example
        (outside / name).write_bytes(b"the learner's own file " + name.encode())
    kept = files_of(outside)

    folder = tmp_path / "collection"
    save_collection(make_collection(9, (3, 2, 2)), folder)
    manifest = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    linked = folder / manifest["classes"][0]["folder"]
    shutil.rmtree(linked)
    linked.symlink_to(outside, target_is_directory=True)

    loaded = load_collection(folder)  # reads through the link; the files are not pictures
    assert loaded.counts()["cat"] == 0
    save_collection(make_collection(10, (4, 4, 4)), folder)
    assert files_of(outside) == kept
    assert not linked.is_symlink() and not linked.exists()  # the link itself is gone
    save_collection(make_collection(11, (2, 2, 2)), folder)
    assert files_of(outside) == kept
    assert same_collection(load_collection(folder), make_collection(11, (2, 2, 2)))


def test_a_linked_manifest_is_replaced_not_written_through(tmp_path):
    outside = tmp_path / "elsewhere.json"
    outside.write_text("someone else's file", encoding="utf-8")
    folder = tmp_path / "collection"
    save_collection(make_collection(12, (2, 2, 2)), folder)
    text = (folder / "classes.json").read_text(encoding="utf-8")
    (folder / "classes.json").unlink()
    outside.write_text(text, encoding="utf-8")
    (folder / "classes.json").symlink_to(outside)
    save_collection(make_collection(13, (3, 3, 3)), folder)
    assert outside.read_text(encoding="utf-8") == text
    assert not (folder / "classes.json").is_symlink()
    assert same_collection(load_collection(folder), make_collection(13, (3, 3, 3)))
