"""Freed memory goes back to the system while the learner pauses (glibc's malloc keeps
it otherwise), never while they edit."""

import os

import pytest

from gui import giving_way
from gui.heap_return import HeapReturn


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture
def returner(qtbot):
    made = HeapReturn()
    if not made.available:
        pytest.skip("this C library cannot hand freed memory back (not glibc)")
    giving_way.window_turns()._engaged_until = 0.0  # no edit of an earlier test counts
    yield made
    made.stop()
    giving_way.window_turns()._engaged_until = 0.0


def pinned_free_memory(blocks: int = 600, size: int = 64 * 1024) -> list[bytes]:
    """About 36 MB freed below blocks still in use, so that free() alone cannot give
    it back (it only returns the top of the heap); returns the kept blocks."""
    made = [b"x" * size for _ in range(blocks)]  # written, so resident
    kept = made[::20]
    del made
    return kept


def test_freed_memory_pinned_under_live_blocks_goes_back_in_a_pause(returner):
    kept = pinned_free_memory()
    before = rss_mb()
    assert returner.return_if_paused()
    assert returner.returns == 1
    assert before - rss_mb() > 15
    assert all(len(block) == 64 * 1024 for block in kept)  # what is in use stays


def test_nothing_goes_back_while_the_learner_edits(returner):
    giving_way.learner_edits()
    assert not returner.return_if_paused()
    assert returner.returns == 0


def test_its_timer_hands_memory_back_once_the_learner_pauses(qtbot, returner):
    giving_way.learner_edits()
    qtbot.wait(200)
    assert returner.returns == 0
    qtbot.waitUntil(lambda: returner.returns >= 1, timeout=3000)
