"""Start CNN Lab: ``python main.py`` (or the ``cnn-lab`` command).

``python main.py --screenshot PATH [--size 1280x800]`` renders the window offscreen with
its default content to a PNG and exits.
"""

from __future__ import annotations

import argparse
import os
import sys

# One BLAS thread, set before NumPy loads: on a 2-core machine a second BLAS thread
# competes with the window's own thread and made training and repaints several times
# slower under load (benchmarks/bench_training_gui.py, bench_gui.py).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must look like 1280x800") from None
    return width, height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cnn-lab", description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", metavar="PATH",
                        help="render the window offscreen to this PNG file and exit")
    parser.add_argument("--size", type=_size, default=(1280, 800),
                        help="window size for --screenshot, e.g. 1920x1080")
    args = parser.parse_args(argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CNN Lab")
    app.setOrganizationName("CNN Lab")

    from gui.main_window import MainWindow

    if args.screenshot:
        # A throw-away settings file: a screenshot shows the defaults, not the user's state.
        import tempfile
        settings_file = os.path.join(tempfile.mkdtemp(), "settings.ini")
        window = MainWindow(settings=QSettings(settings_file, QSettings.Format.IniFormat),
                            restore=False)
        window.resize(*args.size)
        window.show()
        for _ in range(5):
            app.processEvents()
        window.state.recompute()
        app.processEvents()
        ok = window.grab().save(args.screenshot)
        window.close()
        if not ok:
            print(f"could not write {args.screenshot}", file=sys.stderr)
            return 1
        print(f"wrote {args.screenshot}")
        return 0

    window = MainWindow()
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
