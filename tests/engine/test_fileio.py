"""Atomic saving: the old file survives any failure, permissions follow the umask."""

from __future__ import annotations

import os
import stat

import pytest

from engine import fileio


def test_new_file_gets_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        fileio.write_text(tmp_path / "a.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644


def test_failure_inside_the_writer_keeps_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "model.npz"
    target.write_bytes(b"old content")

    def broken(handle):
        handle.write(b"half")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        fileio.write_with(target, broken)
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]


def test_short_write_is_reported_and_the_old_file_kept(tmp_path):
    target = tmp_path / "curves.png"
    target.write_bytes(b"old")
    with pytest.raises(fileio.WriteFailed):
        fileio.write_with(target, lambda handle: None)  # as a full disk can "succeed"
    assert target.read_bytes() == b"old"


def test_symbolic_link_target_is_never_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    link = tmp_path / "link.txt"
    link.symlink_to(outside)
    fileio.write_text(link, "new")
    assert outside.read_text() == "precious"
    assert not link.is_symlink() and link.read_text() == "new"


def test_stale_temporaries_are_removed(tmp_path):
    leftover = tmp_path / f".model.npz.abc{fileio.TEMP_SUFFIX}"
    leftover.write_bytes(b"x")
    keep = tmp_path / "model.npz"
    keep.write_bytes(b"y")
    assert fileio.remove_stale_temporaries(tmp_path) == [leftover]
    assert keep.exists() and not leftover.exists()
