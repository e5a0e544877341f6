"""What the window remembers between runs, and closing it without losing work.

At start the window's geometry and the explorer's filters come back from the settings
store (:mod:`gui.app_settings`; a damaged value is logged, forgotten and replaced by the
default, so the window always opens). At close the Train page asks about unsaved work,
the worker threads are asked to stop, and the settings are written.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from gui.app_settings import as_text
from gui.explore.filter_file import filters_from_json, filters_to_json
from gui.network.latest_job import LatestJob

GEOMETRY_KEY = "window/geometry"
FILTERS_KEY = "explorer/filters"
DEFAULT_SIZE = (1280, 800)


class Session:
    """Restores and saves the window's settings, and guards its closing.

    Parameters
    ----------
    window : MainWindow
        Supplies ``app_settings``, ``state`` and ``training``; its geometry is saved.
    """

    def __init__(self, window) -> None:
        self._window = window

    def restore_settings(self) -> None:
        window, settings = self._window, self._window.app_settings
        geometry = settings.read(GEOMETRY_KEY, None, _as_geometry)
        if geometry is None or not window.restoreGeometry(geometry):
            if geometry is not None:
                settings.reject(GEOMETRY_KEY, "Qt cannot restore this window geometry")
            window.resize(*DEFAULT_SIZE)
        settings.last_folder()  # checks the saved folder now, so a bad one is reported once
        filters = settings.read(FILTERS_KEY, None, lambda raw: filters_from_json(as_text(raw)))
        if filters is not None:
            try:
                window.state.set_filters(filters)
            except ValueError as error:  # readable, but not filters the lab can use
                settings.reject(FILTERS_KEY, error)
            window.state.forget_filter_edits()

    def save_settings(self) -> None:
        # The last folder is saved whenever it changes (gui/app_settings.py).
        window, settings = self._window, self._window.app_settings
        settings.write(GEOMETRY_KEY, window.saveGeometry())
        settings.write(FILTERS_KEY, filters_to_json(window.state.filters))
        settings.sync()

    def close(self) -> bool:
        """Everything that has to happen before the window closes; False when the learner
        chose to keep it open (Cancel in the unsaved-work question)."""
        training = self._window.training
        if not training.may_close():  # asks about unsaved work (Save/Discard/Cancel)
            return False
        # Training, folder loading and heavy explorations run in worker threads: ask them
        # to stop and wait briefly; one still inside a long step finishes on its own
        # after the window is gone (gui.worker keeps it alive until it has).
        training.shutdown(1_500)
        self._window.state.shutdown(500)
        # The Network page's panels compute in workers of their own (a unit switched off,
        # the top images): a thread still running when Python exits aborts the process.
        for job in self._window.findChildren(LatestJob):
            job.shutdown(100)
        self.save_settings()
        return True


def _as_geometry(raw) -> QByteArray:
    if not isinstance(raw, QByteArray) or raw.isEmpty():
        raise TypeError(f"expected saved window geometry, found {type(raw).__name__}")
    return raw
