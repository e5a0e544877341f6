"""Pictures, models and labs from outside the app: the command line, drag and drop, paste.

A picture goes to the explorer's image panel, a model (``.npz``) to the Train page, a lab
file (``.cnnlab``) to File ▸ Open lab (:mod:`gui.window.lab_files`); each reports its own
failures in the status line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from engine import lab_file
from gui.explore import image_sources

#: Files with these suffixes are opened as models, with these as labs; anything else as
#: a picture.
MODEL_SUFFIXES = (".npz",)
LAB_SUFFIXES = (lab_file.SUFFIX,)


def is_lab_path(path) -> bool:
    return Path(path).suffix.lower() in LAB_SUFFIXES


class Opening:
    """Routes files and clipboard or dropped data to the page that opens them.

    Parameters
    ----------
    window : MainWindow
        Supplies ``explorer`` (its image panel), ``training``, ``state`` and ``messages``.
    """

    def __init__(self, window) -> None:
        self._window = window

    @property
    def _image_panel(self):
        return self._window.explorer.image_panel

    def open_path(self, path, as_model: bool | None = None) -> bool:
        """Open a file named on the command line: a model (``as_model``, or by default a
        .npz file), a lab (.cnnlab) or a picture. A file that cannot be opened shows why
        in the status line; returns whether it opened."""
        path = Path(path)
        if not as_model and is_lab_path(path):
            return self._window.commands.labs.open(path)  # reports its own failures
        if as_model is None:
            as_model = path.suffix.lower() in MODEL_SUFFIXES
        if as_model:
            return self._window.training.open_model(path)  # reports its own failures
        return self._image_panel.open_file(path)

    def open_paths(self, paths, model=None) -> list[str]:
        """Open ``model`` (if given) and then the files named on the command line, in
        order; return the messages of those that could not be opened, which stay in the
        status line."""
        status = self._window.status
        failures = []
        wanted = ([(model, True)] if model else []) + [(path, None) for path in paths]
        for path, as_model in wanted:
            if not self.open_path(path, as_model):
                failures.append(status.text())
        self._window.state.recompute()  # now, so the first exploration cannot clear the failures
        if failures:
            self._window.show_message("  ".join(failures), error=True)
        return failures

    def paste_image(self) -> None:
        lab = self._dropped_lab(QGuiApplication.clipboard().mimeData())
        if lab is not None:  # a copied lab file opens as a lab, as when dropped
            self._window.commands.labs.open(lab)
            return
        self._image_panel.paste_from_clipboard()  # reports its own failures

    def accepts(self, mime: QMimeData) -> bool:
        """Whether dropping ``mime`` on the window would open something."""
        return self._dropped_lab(mime) is not None or self._image_panel.accepts_mime(mime)

    def drop(self, mime: QMimeData) -> bool:
        """Open the dropped lab file or picture; whether it opened."""
        lab = self._dropped_lab(mime)
        if lab is not None:
            return self._window.commands.labs.open(lab)
        return self._image_panel.drop_mime(mime)

    @staticmethod
    def _dropped_lab(mime: QMimeData) -> str | None:
        path = image_sources.mime_file(mime) if mime is not None else None
        return path if path is not None and is_lab_path(path) else None
