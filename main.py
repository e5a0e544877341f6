"""Start CNN Lab: ``python main.py [PICTURE | MODEL.npz | LAB.cnnlab ...]`` (or ``cnn-lab``).

Files named on the command line are opened at start: pictures in the explorer, ``.npz``
models as the trained network, ``.cnnlab`` lab files (File ▸ Save lab) as the whole lab.
``--screenshot PATH [--size 1280x800] [--page NAME] [--lesson N]
[--model FILE]`` renders the window offscreen to a PNG and exits. ``--reset-settings``
forgets every remembered setting first. ``--language en|ja`` shows the interface in that
language for this run (otherwise: the one chosen in View ▸ Language, or the system's).
"""

from __future__ import annotations

import argparse
import os
import sys

from gui.process_environment import set_process_environment

set_process_environment()  # before NumPy and Qt load: they read it once, at start



def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must look like 1280x800") from None
    if not (100 <= width <= 10_000 and 100 <= height <= 10_000):
        raise argparse.ArgumentTypeError("width and height must be between 100 and 10000")
    return width, height


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cnn-lab", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="a picture to explore, a model (.npz) or a lab file (.cnnlab) "
                             "to open at start")
    parser.add_argument("--screenshot", metavar="PATH",
                        help="render the window offscreen to this PNG file and exit")
    parser.add_argument("--size", type=_size, default=(1280, 800),
                        help="window size for --screenshot, e.g. 1920x1080")
    parser.add_argument("--page", metavar="NAME", default="explore",
                        help="the page to show first: explore (the default), train, "
                             "classify or network")
    parser.add_argument("--lesson", metavar="N", type=int,
                        help="open lesson N (1 = the first) on the Learn page after its "
                             "Show me")
    parser.add_argument("--model", metavar="FILE",
                        help="a trained model (.npz) to open at start")
    parser.add_argument("--language", choices=("en", "ja"),
                        help="the interface language for this run: en (English) or ja "
                             "(Japanese); without it, the remembered choice or the system's")
    parser.add_argument("--reset-settings", action="store_true",
                        help="forget the remembered window, folder and filters, then start")
    parser.add_argument("--first-frame", action="store_true",
                        help="print the time (seconds since the epoch) of the first "
                             "fully laid-out frame, then exit (benchmarks/bench_gui.py)")
    return parser


def display_missing(environ=os.environ, platform: str = sys.platform) -> bool:
    """True when Qt would abort for want of a display (Linux, no X11 or Wayland, and no
    platform chosen explicitly, e.g. QT_QPA_PLATFORM=offscreen)."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QCoreApplication, QSettings, QTimer

    from gui import app_settings

    if args.reset_settings:
        store = app_settings.AppSettings()
        store.reset()
        print(QCoreApplication.translate("main", "Forgot CNN Lab's settings in {0}.")
              .format(store.file_name()))

    from gui.main_window import PAGE_NAMES, MainWindow

    if args.page not in PAGE_NAMES:
        parser.error(f"--page must be one of {', '.join(PAGE_NAMES)}, not {args.page!r}")
    if display_missing():  # Qt itself would abort with a core dump and a misleading hint
        print(QCoreApplication.translate(
            "main", "CNN Lab needs a graphical display and none was found (DISPLAY and "
            "WAYLAND_DISPLAY are unset): start it from a desktop session, over \"ssh -X\", "
            "or under \"xvfb-run cnn-lab\"."), file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(app_settings.APPLICATION)
    app.setOrganizationName(app_settings.ORGANIZATION)

    settings = None
    defaults = bool(args.screenshot or args.first_frame)
    if defaults:
        # A throw-away settings file: a screenshot (or a timed start) shows the defaults,
        # not the user's state.
        import tempfile
        settings_file = os.path.join(tempfile.mkdtemp(), "settings.ini")
        settings = QSettings(settings_file, QSettings.Format.IniFormat)
    from gui import i18n

    # Before the window is built, so that it (and Qt's own dialogs) start in the language.
    i18n.set_language(i18n.startup_language(app_settings.AppSettings(settings),
                                            args.language))
    window = MainWindow(settings=settings, restore=not defaults)
    window.warn_if_font_missing()
    # A file that cannot be opened says why in the status line; the app starts anyway.
    window.opening.open_paths(args.files, model=args.model)
    window.show_page(args.page)
    if args.lesson is not None:
        try:
            lesson = window.learn.show_lesson_number(args.lesson)
        except IndexError as error:
            parser.error(f"--lesson: {error}")
        lesson.show_me()
        window.show_page("learn")
    if args.first_frame:
        window.show()
        print(f"first frame at {_wait_for_first_frame(app, window):.4f}", flush=True)
        return 0
    if not args.screenshot:
        window.show()
        if args.lesson is None:
            # Offered once, on the first run; never in screenshots or timed starts.
            QTimer.singleShot(0, window.learn.offer_first_lesson)
        # What exists now (modules, Qt wrappers, every page's items) lives as long as
        # the app: leave it out of Python's later full collections, each of which
        # scanned all of it and held up the window for 15-60 ms (bench_soak.py); and
        # run those, and hand freed memory back to the system, while the learner is
        # not editing.
        from gui.memory_settings import MemoryManagement
        memory = MemoryManagement(window)
        try:
            return app.exec()
        finally:
            memory.stop()

    window.resize(*args.size)
    window.show()
    # open_paths computed the exploration; these turns lay out and paint it. (No second
    # recompute: it would clear a start-up file's error from the status line.)
    for _ in range(6):
        app.processEvents()
    ok = window.grab().save(args.screenshot)
    window.close()
    if not ok:
        print(f"could not write {args.screenshot}", file=sys.stderr)
        return 1
    print(f"wrote {args.screenshot}")
    return 0


def _wait_for_first_frame(app, window, quiet: float = 0.3) -> float:
    """Run the event loop until the window has been painted with the first result and
    then nothing repaints for ``quiet`` seconds: its layout has settled. Returns the
    time (``time.time()``) of the last paint before that pause."""
    import time

    from PySide6.QtCore import QEvent, QObject

    class PaintClock(QObject):
        last = None

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.last = time.time()
            return False

    clock = PaintClock()
    app.installEventFilter(clock)
    stage = window.explorer.stage_view.stage_images["conv"]
    while True:
        app.processEvents()
        if (stage.paints and window.state.exploration is not None
                and clock.last is not None and time.time() - clock.last > quiet):
            break
        time.sleep(0.002)
    app.removeEventFilter(clock)
    return clock.last


if __name__ == "__main__":
    raise SystemExit(main())
