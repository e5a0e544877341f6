"""PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void-returning
call, and the interpreter aborts after a few thousand. pyproject.toml excludes that
release; this test catches any installed build that leaks the same way."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(50):  # warm up caches that legitimately hold None
        label.setText("x")
        label.update()
    before = sys.getrefcount(None)
    for _ in range(300):
        label.setText("x")
        label.update()
    after = sys.getrefcount(None)
    # An immortal None (Python >= 3.12) reports a constant huge count; a leaking build
    # loses one reference per call, 600 in all.
    assert before - after < 50, f"None lost {before - after} references over 600 calls"
