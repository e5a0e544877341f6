"""Soak: thousands of random edits on the Explore page while training restarts over and over.

    python benchmarks/bench_soak.py                 # 5000 edits, about 3 minutes
    python benchmarks/bench_soak.py --edits 1000    # a shorter run
    python benchmarks/bench_soak.py --show          # on a real screen instead of offscreen

The real main window (1280×800) shows the Explore page with a 256×256 picture. Training
runs on the Train page (the bundled shapes, a small network) and is restarted whenever it
ends (a moment later, as a learner's click would), and stopped and restarted every 200
edits. Meanwhile a driver in the GUI thread
makes one random edit every 15 ms through the real widgets, as a learner would: wheel
turns and keys on the kernel grid, the bias box, presets, the filter list and its
buttons, the kernel size, the layer controls, the working size and colour, and clicks on
the stage maps. An edit's time is its handling plus the recomputation it triggers; the
worst event-loop stall is measured with a 5 ms ``QTimer`` (how late its ticks come) and
includes painting and the training's progress reports.

The resident memory is sampled at every 1000 edits, each time in the same situation: the
driver pauses, the training run is stopped (and restarted after the sample), the
picture, filters and layer settings of the start are put back, and the sample is taken
once their exploration is on show, the explorer's worker has been idle a moment and the
app has handed freed memory back to the system (``gui/heap_return.py``, as it does in
every pause of the learner's). The stall timer pauses meanwhile: putting the start back
all at once is the benchmark's doing, not a learner's edit (the edit before it and the
restart after it still count).
Memory follows what is on show (a 512×512 working size with 12 filters of 7×7 holds
several times the maps of 128×128 with 2) and where a run is (its batches, its
evaluation), so sampled wherever the random edits and the run had got to it measured
that moment, not growth.

Prints that memory, the median and 99th percentile edit time and the worst stall, with
how much of it the window's thread itself worked (its CPU time: the rest it waited for a
core or for the training thread's share of Python's GIL, which another program's load
changes). Targets: worst stall ≤ 50 ms; memory
flat after the first 1000 edits (within 10 %). Ends with exactly one line:
``soak: N edits, median A ms, p99 B ms, worst stall C ms, memory D MB -> E MB (F %)``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gui.process_environment import set_process_environment  # noqa: E402 (no Qt in it)

set_process_environment()  # before NumPy and Qt load, as main.py runs the app

STALL_TICK_MS = 5
EDIT_INTERVAL_MS = 15
#: A run ends, and the next starts this much later: as a learner's click on Train would,
#: in an event-loop turn of its own. Started in the turn the run's end is handled in, the
#: start (~12 ms) piled onto that handling (~15 ms), and with an edit and its repaint in
#: the same tick of the stall timer made most of the worst stalls (66-80 ms of work).
RESTART_DELAY_MS = 20
STALL_TARGET_MS = 50.0
MEMORY_TARGET = 0.10
#: The last run's stall-timer ticks and edit spans, for a probe that imports this module.
LAST_RUN: dict = {}


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _receiver_name(receiver) -> str:
    """The receiver's class; for a timer, whose it is and its interval (many objects own
    one, and only the owner tells them apart)."""
    name = type(receiver).__name__
    if name == "QTimer":
        parent = receiver.parent()
        owner = type(parent).__name__ if parent is not None else "none"
        return f"QTimer<{owner} {receiver.interval()} ms>"
    return name


def _recording_application(base, events: list, profile_over_ms: float | None = None,
                           slow_profiles: dict | None = None, sampling: list | None = None):
    """A QApplication class that appends (start, wall ms, CPU ms, event type and
    receiver) of every event the window's thread handles at the top level to
    ``events`` (what --diagnose lists inside the worst stalls). With
    ``profile_over_ms``, every such event runs under cProfile; the profiles of those
    that took longer (outside memory samples, ``sampling[0]``) are kept in
    ``slow_profiles`` by kind of event."""
    import cProfile
    import threading

    class Recording(base):
        depth = 0

        def notify(self, receiver, event):  # noqa: N802 (Qt's name)
            if Recording.depth or threading.current_thread() is not threading.main_thread():
                return super().notify(receiver, event)
            Recording.depth += 1
            what = f"{event.type().name}/{_receiver_name(receiver)}"
            profiler = cProfile.Profile() if profile_over_ms is not None else None
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                if profiler is None:
                    return super().notify(receiver, event)
                return profiler.runcall(super().notify, receiver, event)
            finally:
                Recording.depth -= 1
                wall = (time.perf_counter() - start) * 1000
                if wall >= 1:
                    events.append((start, wall, (time.thread_time() - cpu) * 1000, what))
                if profiler is not None and wall > profile_over_ms and not sampling[0]:
                    profiler.create_stats()
                    slow_profiles.setdefault(what, []).append(profiler)

    return Recording


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-training", action="store_true",
                        help="edit without training (to tell the two apart)")
    parser.add_argument("--sync-explore", action="store_true",
                        help="compute every exploration in the GUI thread (no worker)")
    parser.add_argument("--diagnose", action="store_true",
                        help="print the slowest kinds of edit and what ran in the worst stalls "
                             "(every event the window handled in them)")
    parser.add_argument("--profile-slow", type=float, metavar="MS",
                        help="profile every event the window handles; print where those "
                             "over MS ms spent it")
    parser.add_argument("--trace-memory", action="store_true",
                        help="compare tracemalloc snapshots at each 1000 edits (slows every edit)")
    parser.add_argument("--show", action="store_true",
                        help="use the real screen instead of the offscreen platform")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.show:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import pstats
    import tempfile

    import numpy as np
    from PySide6.QtCore import QEventLoop, QPoint, QPointF, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QWheelEvent
    from PySide6.QtWidgets import QApplication

    events: list[tuple[float, float, float, str]] = []  # (start, wall, CPU, what)
    slow_profiles: dict[str, list] = {}  # kind of event -> profiles (--profile-slow)
    sampling = [False]  # True while memory is sampled (no run starts then)
    app = QApplication.instance() or (
        _recording_application(QApplication, events, args.profile_slow, slow_profiles,
                               sampling)
        if args.diagnose or args.profile_slow else QApplication)(sys.argv[:1])
    from benchmarks._common import machine_lines, steal_seconds, verdict
    from engine import datasets
    from engine.architecture import ConvBlock
    from gui.heap_return import CHECK_MS
    from gui.main_window import MainWindow
    from gui.memory_settings import MemoryManagement
    from gui.train.job import TrainingConfig

    for line in machine_lines():
        print(line)
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "soak.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, restore=False)
    window.resize(1280, 800)
    window.show()
    state, explorer, page = window.state, window.explorer, window.training
    state.background_allowed = not args.sync_explore
    rng = np.random.default_rng(args.seed)
    yy, xx = np.mgrid[0:256, 0:256] / 256
    picture = 0.5 + 0.5 * np.sin(30 * np.hypot(yy - 0.4, xx - 0.6))
    state.set_source(np.stack([picture, xx, yy], axis=2).astype(np.float32), "soak")
    start_preprocess, start_filters, start_settings = (state.preprocess, state.filters,
                                                       state.settings)
    data = datasets.load("shapes", n_train=600, n_test=100, seed=1)
    page.set_config(TrainingConfig(blocks=(ConvBlock(6),), hidden=(), epochs=6, batch_size=32,
                                   lr=0.01))
    for _ in range(20):
        app.processEvents()
    memory_management = MemoryManagement(window)  # as main.py does once the window is up
    heap_return = memory_management.heap_return

    grid = explorer.filter_panel.grid
    filters = explorer.filter_panel
    controls = explorer.controls_panel
    image = explorer.image_panel
    stages = explorer.stage_view
    restarts = [0]


    def keep_training() -> None:
        if args.no_training or sampling[0]:
            return
        if not page.is_training() and not window.isHidden():
            if page.start_training(data):
                restarts[0] += 1
                page.worker.finished.connect(lambda: QTimer.singleShot(RESTART_DELAY_MS,
                                                                        keep_training))

    def wheel(widget, point: QPoint, notches: float) -> None:
        event = QWheelEvent(QPointF(point), QPointF(widget.mapToGlobal(point)), QPoint(0, 0),
                            QPoint(0, int(120 * notches)), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)

    def key(widget, code) -> None:
        QApplication.sendEvent(widget, QKeyEvent(QKeyEvent.Type.KeyPress, code,
                                                 Qt.KeyboardModifier.NoModifier))

    def grid_wheel() -> None:
        rows, cols = state.kernel_size
        rect = grid.cell_rect(int(rng.integers(rows)), int(rng.integers(cols)))
        wheel(grid, rect.center(), float(rng.choice([-2, -1, 1, 2])))

    def grid_key() -> None:
        key(grid, rng.choice([Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Left,
                              Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                              Qt.Key.Key_Delete]))

    def bias() -> None:
        filters.bias_spin.setValue(float(np.round(rng.normal(0, 0.5), 2)))

    def preset() -> None:
        index = int(rng.integers(filters.preset_combo.count()))
        filters.preset_combo.setCurrentIndex(index)
        filters.preset_combo.activated.emit(index)

    def pick_filter() -> None:
        filters.filter_list.setCurrentRow(int(rng.integers(filters.filter_list.count())))

    def add_or_remove() -> None:
        count = state.filter_count
        if count < 3 or (count < 12 and rng.random() < 0.5):
            rng.choice([filters.add_button, filters.duplicate_button]).click()
        else:
            filters.remove_button.click()

    def transform() -> None:
        rng.choice([filters.randomise_button, filters.zero_button, filters.flip_h_button,
                    filters.flip_v_button, filters.normalise_button]).click()

    def kernel_size() -> None:
        filters.rows_spin.setValue(int(rng.integers(1, 8)))

    def layer_control() -> None:
        choice = int(rng.integers(6))
        if choice == 0:
            controls.stride.rows.setValue(int(rng.integers(1, 4)))
        elif choice == 1:
            controls.padding_mode.setCurrentIndex(int(rng.integers(3)))
        elif choice == 2:
            controls.pool.setCurrentIndex(int(rng.integers(3)))
        elif choice == 3:
            controls.pool_size.rows.setValue(int(rng.integers(1, 5)))
        elif choice == 4:
            controls.activation.setCurrentIndex(int(rng.integers(2)))
        else:
            controls.dilation.rows.setValue(int(rng.integers(1, 3)))

    def picture_control() -> None:
        if rng.random() < 0.5:
            (image.preprocessing.rgb_radio if rng.random() < 0.5
             else image.preprocessing.gray_radio).click()
        else:
            image.preprocessing.size_combo.setCurrentIndex(
                int(rng.integers(image.preprocessing.size_combo.count())))

    def click_stage() -> None:
        e = state.exploration
        if e is None:
            return
        key_name = rng.choice(["conv", "activated", "pooled"])
        shape = e.pooled.shape if key_name == "pooled" else e.conv.shape
        stages.click_cell(key_name, int(rng.integers(shape[1])), int(rng.integers(shape[2])))

    actions = [(grid_wheel, 30), (grid_key, 12), (bias, 6), (preset, 6), (pick_filter, 6),
               (add_or_remove, 5), (transform, 6), (kernel_size, 3), (layer_control, 14),
               (picture_control, 3), (click_stage, 9)]
    weights = np.array([w for _, w in actions], float)
    weights /= weights.sum()

    edit_ms: list[float] = []
    by_action: dict[str, list[float]] = {}
    spans: list[tuple[float, float, str]] = []  # (start, end, action) of every edit
    memory: list[tuple[int, float]] = [(0, rss_mb())]
    ticks: list[float] = []
    # The window's thread's CPU time at each tick: how much of a stall was its own work
    # (the rest it waited, for the CPU or for the training thread's GIL).
    busy: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(STALL_TICK_MS)
    timer.timeout.connect(lambda: (ticks.append(time.perf_counter()),
                                   busy.append(time.thread_time())))
    loop = QEventLoop()

    def edit() -> None:
        action = actions[int(rng.choice(len(actions), p=weights))][0]
        start = time.perf_counter()
        action()
        if state._timer.isActive():
            state.recompute()  # what the coalescing timer would run next: part of the edit
        end = time.perf_counter()
        edit_ms.append((end - start) * 1000)
        by_action.setdefault(action.__name__, []).append(edit_ms[-1])
        spans.append((start, end, action.__name__))
        n = len(edit_ms)
        if n % 200 == 0:
            page.stop_training()  # finished -> keep_training starts the next run
        if n % 1000 == 0:
            memory.append((n, rss_at_start_settings()))
            if args.trace_memory:
                snapshots.append(tracemalloc.take_snapshot())
                if len(snapshots) > 1:
                    for stat in snapshots[-1].compare_to(snapshots[1], "lineno")[:8]:
                        print("   ", stat)
            print(f"  {n:6d} edits  RSS {memory[-1][1]:7.1f} MB  training runs {restarts[0]}",
                  flush=True)
        if n >= args.edits:
            loop.quit()

    def rss_at_start_settings() -> float:
        """The resident memory with the start's picture, filters and settings on show
        and no training run in flight."""
        driver.stop()  # no edit may run inside the wait below
        # Nor does the stall timer: putting the start back all at once (as opening a lab
        # file would) is the benchmark's own doing, not one of the learner's edits.
        timer.stop()
        ticks.extend((time.perf_counter(), None))  # the edit just made still counts
        busy.extend((time.thread_time(), None))
        sampling[0] = True
        page.stop_training()
        with state.batch():
            state.set_preprocess(start_preprocess)
            state.set_filters(list(start_filters))
            state.set_settings(**{f.name: getattr(start_settings, f.name)
                                  for f in dataclasses.fields(start_settings)})
        state.recompute()
        settled = time.perf_counter() + 0.3
        # Workers hand their free memory back when they go idle or end.
        while state.busy or page.is_training() or time.perf_counter() < settled:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if state.busy or page.is_training():
                settled = time.perf_counter() + 0.3
        # The app hands freed heap back to the system in the learner's pauses: sample
        # after it has done so once more (within two of its checks).
        returns, latest = heap_return.returns, time.perf_counter() + 2.5 * CHECK_MS / 1000
        while (heap_return.available and heap_return.returns == returns
               and time.perf_counter() < latest):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        rss = rss_mb()
        sampling[0] = False
        ticks.append(time.perf_counter())  # restarting training counts again
        busy.append(time.thread_time())
        timer.start()
        keep_training()
        driver.start()
        return rss

    snapshots = []
    if args.trace_memory:
        import tracemalloc
        tracemalloc.start(5)
    driver = QTimer()
    driver.setInterval(EDIT_INTERVAL_MS)
    driver.timeout.connect(edit)
    keep_training()
    timer.start()
    driver.start()
    stolen_before = steal_seconds()
    started = time.perf_counter()
    loop.exec()
    seconds = time.perf_counter() - started
    stolen_after = steal_seconds()
    driver.stop()
    timer.stop()
    # Close without the unsaved-work question (a modal dialog would wait for a person).
    page.may_close = lambda: True
    window.close()
    memory_management.stop()

    LAST_RUN.update(ticks=ticks, spans=spans, busy=busy, events=events)
    # None marks where the timer was stopped for a memory sample: no stall spans it.
    stalls = [max(0.0, (b - a) * 1000 - STALL_TICK_MS) if a is not None and b is not None
              else 0.0 for a, b in zip(ticks, ticks[1:], strict=False)]
    worst = max(stalls, default=0.0)
    worked = [(b - a) * 1000 if a is not None and b is not None else 0.0
              for a, b in zip(busy, busy[1:], strict=False)]
    worst_at = int(np.argmax(stalls)) if stalls else 0
    worst_work = worked[worst_at] if worked else 0.0
    most_work = max(worked, default=0.0)
    if args.diagnose:
        for name, times in sorted(by_action.items(), key=lambda kv: -max(kv[1])):
            print(f"  {name:16s} n={len(times):5d} median {statistics.median(times):6.1f} ms "
                  f"p99 {np.percentile(times, 99):6.1f} ms max {max(times):6.1f} ms")
        order = np.argsort(stalls)[::-1][:10]
        for i in order:
            begin, end = ticks[i], ticks[i + 1]
            inside = [(name, (e - b) * 1000) for b, e, name in spans if b < end and e > begin]
            print(f"  stall {stalls[i]:6.1f} ms; edits inside: {inside}")
            slow = [f"{what} {wall:.0f} ms ({cpu:.0f} CPU)" for start, wall, cpu, what in events
                    if start < end and start + wall / 1000 > begin]
            if slow:
                print(f"      events of 1 ms or more: {', '.join(slow)}")
    for what, profiles in sorted(slow_profiles.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(profiles)} events {what} over {args.profile_slow:.0f} ms, together:")
        pstats.Stats(*profiles).sort_stats("cumulative").print_stats(25)
    median = statistics.median(edit_ms)
    p99 = float(np.percentile(edit_ms, 99))
    base = memory[1][1] if len(memory) > 1 else memory[0][1]
    final = memory[-1][1]
    growth = (final - base) / base
    print(f"run         {len(edit_ms)} edits in {seconds:.0f} s, {restarts[0]} training runs")
    if stolen_before is not None and stolen_after is not None:
        print(f"steal       {stolen_after - stolen_before:.1f} s of CPU time the host gave "
              f"this VM's cores to others during the run (late ticks no code caused)")
    print(f"edit time   median {median:.1f} ms, p99 {p99:.1f} ms, max {max(edit_ms):.1f} ms")
    print(f"stall       worst {worst:.0f} ms (target <= {STALL_TARGET_MS:.0f}) "
          f"{verdict(worst <= STALL_TARGET_MS)}")
    print(f"            the window's thread worked {worst_work:.0f} ms of the worst stall; "
          f"its longest work between two ticks {most_work:.0f} ms (CPU time: what the "
          f"machine's load does not change)")
    print(f"memory      {base:.0f} MB after 1000 edits -> {final:.0f} MB "
          f"({100 * growth:+.1f} %, target within {100 * MEMORY_TARGET:.0f} %) "
          f"{verdict(abs(growth) <= MEMORY_TARGET)}")
    print(f"soak: {len(edit_ms)} edits, median {median:.1f} ms, p99 {p99:.1f} ms, worst "
          f"stall {worst:.0f} ms, memory {base:.0f} MB -> {final:.0f} MB ({100 * growth:+.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
