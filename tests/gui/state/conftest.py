"""Fixtures of the LabState tests: a state, and which thread each exploration ran in."""

import threading

import pytest

import gui.state.exploring as exploring_module
from engine.pipeline import explore
from gui.state import LabState


@pytest.fixture
def state(qtbot):
    state = LabState()
    state.recompute()
    yield state
    state.shutdown(10_000)


@pytest.fixture
def exploring_threads(monkeypatch) -> list[bool]:
    """Filled as explorations run: True for one in the window's thread, False for one in
    the explorer's worker."""
    threads: list[bool] = []

    def recording_explore(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return explore(*args, **kwargs)

    monkeypatch.setattr(exploring_module, "explore", recording_explore)
    return threads
