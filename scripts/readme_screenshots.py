"""Make the pictures of README.md and README.ja.md from the real window, offscreen.

    python scripts/readme_screenshots.py                 # docs/*.png in English and Japanese
    python scripts/readme_screenshots.py --out /tmp/shots --size 1024x700

For each language: the explorer with its default picture; the Train page after a real,
short training run on the bundled MNIST (through the Train button and the worker, as a
learner does); and the Network page for a test digit with that freshly trained model.
English pictures are ``docs/<name>.png``, Japanese ones ``docs/<name>_ja.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _settle(app, turns: int = 8) -> None:
    for _ in range(turns):
        app.processEvents()
        time.sleep(0.01)


def _train(app, window, epochs: int, timeout: float = 600.0) -> None:
    """Train on the Train page through its button, and wait until the run has ended."""
    page = window.training
    window.state.set_training_config(epochs=epochs)
    ended = []
    page.training_changed.connect(lambda training: training or ended.append(True))
    page.train_button.click()
    deadline = time.monotonic() + timeout
    while not ended:
        if time.monotonic() > deadline:
            raise SystemExit("training did not end in time")
        app.processEvents()
        time.sleep(0.02)
    _settle(app)


def shoot(out: Path, size: tuple[int, int], language: str, epochs: int) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui import i18n
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    i18n.set_language(language)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"),
                         QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, restore=False)
    window.resize(*size)
    window.show()
    suffix = "" if language == "en" else f"_{language}"
    written = []

    def grab(name: str) -> None:
        _settle(app)
        path = out / f"{name}{suffix}.png"
        if not window.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)

    window.show_page("explore")
    grab("screenshot")
    window.show_page("train")
    _train(app, window, epochs)
    grab("training")
    window.show_page("classify")
    window.classify.samples.buttons[0].click()
    window.show_page("network")
    grab("network")
    window.session.close = lambda: True  # nothing to save: the model was made for this
    window.deleteLater()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--language", choices=["en", "ja"], action="append")
    args = parser.parse_args(argv)
    size = tuple(int(part) for part in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    for language in args.language or ["en", "ja"]:
        for path in shoot(args.out, size, language, args.epochs):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
