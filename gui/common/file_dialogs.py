"""Every file dialog of the app: each starts in the app's one last folder and updates it.

Thin wrappers over :class:`QFileDialog`'s static functions; they return ``None`` (or an
empty list) when the learner cancels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gui import app_settings


def open_file(parent: QWidget | None, caption: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, app_settings.current().last_folder(),
                                          filters)
    return _chosen(path)


def open_files(parent: QWidget | None, caption: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, caption,
                                            app_settings.current().last_folder(), filters)
    if paths:
        app_settings.current().remember_folder(paths[0])
    return list(paths)


def save_file(parent: QWidget | None, caption: str, file_name: str, filters: str,
              suffix: str | None = None) -> str | None:
    """Ask where to save ``file_name``; ``suffix`` (e.g. ".npz") is added when missing."""
    start = str(Path(app_settings.current().last_folder()) / file_name)
    path, _ = QFileDialog.getSaveFileName(parent, caption, start, filters)
    if path and suffix and not path.lower().endswith(suffix.lower()):
        path += suffix
    return _chosen(path)


def existing_folder(parent: QWidget | None, caption: str, start: str | None = None) -> str | None:
    """Ask for a folder, starting in ``start`` when given, else in the last folder."""
    folder = QFileDialog.getExistingDirectory(
        parent, caption, start or app_settings.current().last_folder())
    return _chosen(folder)


def _chosen(path: str) -> str | None:
    if not path:
        return None
    app_settings.current().remember_folder(path)
    return path
