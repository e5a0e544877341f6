"""My classes and whether they are kept: saved by the learner, and kept for the next start.

Once `KeptClasses.restore` has named a folder, every pause in editing saves a snapshot
there in a worker thread (the window never waits), and `KeptClasses.autosave` keeps the
latest state when the window closes.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from engine import fileio
from engine.collection import MyClasses
from gui.common.error_text import error_text
from gui.train import data_sources
from gui.train.data_sources import DataSourceError
from gui.worker import Worker

# Milliseconds without an edit before My classes are kept for the next start.
AUTOSAVE_DELAY_MS = 5000


class KeptClasses(QObject):
    """The learner's classes, with what is saved and kept of them.

    Signals
    -------
    message(object)
        Why the classes could not be kept or read back: a function that words it in
        the current language.
    """

    message = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._classes = MyClasses()
        self._unsaved = False            # edits not saved to a folder of the learner's
        self._autosaved = True           # the autosave folder holds the classes shown
        # Where My classes are kept between runs (None: not kept; see `restore`).
        self.autosave_folder: Path | None = None
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self._autosave_in_background)
        self._autosave_worker: Worker | None = None
        self._edits = 0  # tells a background autosave whether what it saved is current

    @property
    def classes(self) -> MyClasses:
        return self._classes

    @property
    def unsaved(self) -> bool:
        """True when there are edits not saved to a folder of the learner's."""
        return self._unsaved

    def edited(self) -> None:
        """The classes changed: not saved, not kept; keep them after a pause."""
        self._unsaved = True
        self._autosaved = False
        self._edits += 1
        if self.autosave_folder is not None:
            self._autosave_timer.start()

    def replace(self, classes: MyClasses) -> None:
        """Show ``classes`` instead (a loaded collection); call `edited` after."""
        self._classes = classes

    def saved(self) -> None:
        """The learner saved the classes to a folder of theirs."""
        self._unsaved = False
        if not self._autosaved and self.autosave_folder is not None:
            self._autosave_timer.start()

    def loaded(self) -> None:
        """The classes shown were just loaded from a folder of the learner's."""
        self._unsaved = False

    def has_unsaved_examples(self) -> bool:
        """True when closing now would lose examples: the classes hold examples that are
        neither in a folder the learner saved nor kept in the autosave folder."""
        return self._classes.total > 0 and self._unsaved and not self._autosaved

    def autosave(self) -> bool:
        """Keep the classes in `autosave_folder` for the next start, now (atomically,
        like any collection save; a background autosave still running is waited for).
        Returns True when they are kept, False when there is no autosave folder or
        saving failed (the message says why)."""
        self._autosave_timer.stop()
        self._wait_for_autosave()
        folder = self.autosave_folder
        if folder is None:
            return False
        if self._autosaved:
            return True
        try:
            folder.mkdir(parents=True, exist_ok=True)
            data_sources.save_collection(self._classes, folder)
        except (DataSourceError, OSError) as error:
            self.message.emit(partial(_not_kept, error))
            return False
        self._autosaved = True
        return True

    def _autosave_in_background(self) -> None:
        """Save a snapshot of the classes in a worker: encoding and flushing hundreds of
        pictures takes about a second, too long for the window to wait."""
        folder = self.autosave_folder
        if folder is None or self._autosaved:
            return
        if self._autosave_worker is not None:  # one save into the folder at a time
            self._autosave_timer.start()
            return
        snapshot, edits = self._classes.copy(), self._edits

        def job(_report, _should_stop):
            folder.mkdir(parents=True, exist_ok=True)
            data_sources.save_collection(snapshot, folder)

        worker = Worker(job, self)
        worker.succeeded.connect(lambda _result: self._on_autosaved(edits))
        worker.failed.connect(self._on_autosave_failed)
        worker.finished.connect(lambda w=worker: self._on_autosave_finished(w))
        self._autosave_worker = worker
        worker.start()

    def _on_autosaved(self, edits: int) -> None:
        if edits == self._edits:  # no edit since the snapshot was taken
            self._autosaved = True

    def _on_autosave_failed(self, error: Exception) -> None:
        self.message.emit(partial(_not_kept, error))

    def _on_autosave_finished(self, worker: Worker) -> None:
        if self._autosave_worker is worker:
            self._autosave_worker = None
        worker.deleteLater()

    def _wait_for_autosave(self) -> None:
        worker, self._autosave_worker = self._autosave_worker, None
        if worker is not None:
            worker.stop_and_wait()

    def shutdown(self) -> None:
        """Wait for a background autosave (call when the window closes)."""
        self._autosave_timer.stop()
        self._wait_for_autosave()

    def restore(self, folder) -> MyClasses | None:
        """Keep the classes in ``folder`` from now on, and show the classes kept there by
        the previous run; returns them, or None when there are none (or they could not be
        read: the message says why)."""
        self.autosave_folder = Path(folder)
        fileio.remove_stale_temporaries(self.autosave_folder)
        if not (self.autosave_folder / data_sources.MANIFEST).is_file():
            return None
        try:
            loaded = data_sources.load_collection(self.autosave_folder)
        except DataSourceError as error:
            self.message.emit(partial(_not_restored, error))
            return None
        self._classes = loaded
        self._autosaved = True
        # Kept, but never saved by the learner: Save collection… is still worth doing.
        self._unsaved = loaded.total > 0
        return loaded


def _not_kept(error: Exception) -> str:
    return QCoreApplication.translate(
        "DatasetPanel", "Your classes could not be kept for the next start: {0}").format(
            error_text(error))


def _not_restored(error: Exception) -> str:
    return QCoreApplication.translate(
        "DatasetPanel", "Your classes from the last run could not be read: {0}").format(
            error_text(error))
