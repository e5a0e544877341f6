"""Python's full garbage collections wait for a pause in the learner's edits (one took
22-25 ms of the window's time), and never longer than LONGEST_DEFERRAL."""

import gc

import pytest

from gui import full_collections, giving_way
from gui.full_collections import FullCollections


@pytest.fixture
def collector(qtbot):
    before = gc.get_threshold()
    made = FullCollections()
    giving_way.window_turns()._engaged_until = 0.0  # no edit of an earlier test counts
    yield made
    made.stop()
    giving_way.window_turns()._engaged_until = 0.0
    assert gc.get_threshold() == before  # Python has its full collections back


def full_collections_during(action) -> int:
    ran = []

    def note(phase, info):
        if phase == "start" and info["generation"] == 2:
            ran.append(info)

    gc.callbacks.append(note)
    try:
        action()
    finally:
        gc.callbacks.remove(note)
    return len(ran)


def long_lived_garbage(rounds: int = 6, size: int = 60_000) -> None:
    """Cycles that live through a few collections (so they reach the oldest
    generation, which is what makes Python start a full collection), then die."""
    for _ in range(rounds):
        kept = []
        for _ in range(size):
            cycle = []
            cycle.append(cycle)
            kept.append(cycle)
        del kept


def test_python_runs_no_full_collection_of_its_own_while_it_is_installed(collector):
    assert full_collections_during(long_lived_garbage) == 0
    collector.stop()
    # The same garbage without it: Python would have collected in the midst of it.
    assert full_collections_during(long_lived_garbage) >= 1


def test_a_due_collection_runs_when_the_learner_is_not_editing(collector):
    long_lived_garbage()
    assert full_collections_during(collector.collect_if_due) == 1
    assert collector.collections == 1
    # Just collected: nothing is due.
    assert full_collections_during(collector.collect_if_due) == 0


def test_while_the_learner_edits_it_waits_but_not_for_ever(collector, monkeypatch):
    long_lived_garbage()
    giving_way.learner_edits()
    assert full_collections_during(collector.collect_if_due) == 0
    monkeypatch.setattr(full_collections, "LONGEST_DEFERRAL", 0.0)
    assert full_collections_during(collector.collect_if_due) == 1


def test_its_timer_runs_the_due_collection(collector, qtbot):
    long_lived_garbage()
    qtbot.waitUntil(lambda: collector.collections == 1,
                    timeout=3 * full_collections.CHECK_MS)
