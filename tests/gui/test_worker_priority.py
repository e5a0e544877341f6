"""A background worker (training) runs below the window's thread; others do not."""

import os
import sys
import threading

import pytest

from gui.worker import BACKGROUND_NICE, Worker

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="thread nice values are Linux's")


def thread_nice(report, should_stop) -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def run(qtbot, background: bool) -> int:
    worker = Worker(thread_nice, background=background)
    results = []
    worker.succeeded.connect(results.append)
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start()
    worker.deleteLater()
    return results[0]


def test_a_background_job_runs_below_the_window_and_the_window_keeps_its_priority(qtbot):
    window = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert run(qtbot, background=True) == min(19, window + BACKGROUND_NICE)
    assert run(qtbot, background=False) == window  # e.g. the explorer's worker
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == window


def test_training_runs_below_the_window(qtbot, monkeypatch):
    import gui.train.run as run_module
    from engine import datasets
    from engine.architecture import ConvBlock
    from gui.state import LabState
    from gui.train.job import TrainingConfig
    from gui.train.page import TrainingPage

    niceness = []
    real_make_job = run_module.make_job

    def recording_make_job(*args, **kwargs):
        job = real_make_job(*args, **kwargs)

        def recording_job(report, should_stop):
            niceness.append(thread_nice(report, should_stop))  # in the training thread
            return job(report, should_stop)
        return recording_job

    monkeypatch.setattr(run_module, "make_job", recording_make_job)
    page = TrainingPage(LabState())
    qtbot.addWidget(page)
    page.set_config(TrainingConfig(blocks=(ConvBlock(2),), hidden=(), epochs=1,
                                   batch_size=32))
    assert page.start_training(datasets.load("shapes", n_train=120, n_test=30, seed=0))
    with qtbot.waitSignal(page.worker.finished, timeout=20_000):
        pass
    window = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert niceness == [min(19, window + BACKGROUND_NICE)]
    assert page.last_result is not None and not page.last_result.cancelled
