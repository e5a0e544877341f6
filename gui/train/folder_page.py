"""The Image folder source: choose a folder with one subfolder per class and read it in a
worker thread, with progress and Cancel; the window never waits for the pictures."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gui.common import file_dialogs
from gui.common.error_text import error_text
from gui.train import data_sources
from gui.train.data_sources import DataSourceError, LoadCancelled
from gui.train.dataset_widgets import PathLabel, Wording, number, quiet
from gui.worker import Worker


class FolderPage(QWidget):
    """Choose and read an image folder.

    Parameters
    ----------
    split : callable
        Returns ``(test fraction, seed)`` for the folder about to be read.

    Signals
    -------
    changed()
        What `dataset` returns may differ now: a read started, ended, failed or was
        cancelled.
    message(object)
        Files left out, how many pictures were read, why reading failed: a `Wording`,
        a function that words the message in the current language.
    """

    changed = Signal()
    message = Signal(object)

    def __init__(self, split: Callable[[], tuple[float, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._split = split
        self._folder: str | None = None
        self._folder_dataset: data_sources.ImageFolderDataset | None = None
        # Why the last read gave no pictures (it failed or was cancelled), worded when
        # shown: None when it did not.
        self._folder_problem: Wording | None = None
        self._worker: Worker | None = None
        self._workers: set[Worker] = set()  # loads still running, kept alive until done

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.about = quiet()
        layout.addWidget(self.about)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self._on_choose_folder)
        self.folder_label = PathLabel()
        row = QHBoxLayout()
        row.addWidget(self.folder_button)
        row.addWidget(self.folder_label, 1)
        layout.addLayout(row)

        self.folder_progress = QProgressBar()
        self.folder_cancel = QPushButton()
        self.folder_cancel.clicked.connect(self.cancel)
        self.progress_row = QWidget()
        progress = QHBoxLayout(self.progress_row)
        progress.setContentsMargins(0, 0, 0, 0)
        progress.addWidget(self.folder_progress, 1)
        progress.addWidget(self.folder_cancel)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        self.retranslate()

    def retranslate(self) -> None:
        self.about.setText(QCoreApplication.translate(
            "DatasetPanel",
            "A folder with one subfolder per class; the subfolder names become the class "
            "names. Each picture is cropped, scaled and centred like an MNIST digit."))
        self.folder_button.setText(QCoreApplication.translate(
            "DatasetPanel", "Choose &folder…"))
        self.folder_button.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Pick the folder that holds one subfolder of pictures per class"))
        self.folder_progress.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Pictures read so far"))
        self.folder_cancel.setText(QCoreApplication.translate("DatasetPanel", "Cancel"))
        self.folder_cancel.setToolTip(QCoreApplication.translate(
            "DatasetPanel", "Stop reading the folder"))
        self._show_folder()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_folder(self) -> None:
        """The folder's path, with the files left out (worded now) in its tooltip."""
        if self._folder is None:
            self.folder_label.set_path(QCoreApplication.translate(
                "DatasetPanel", "No folder chosen"))
            return
        skipped = self._folder_dataset.skipped if self._folder_dataset is not None else ()
        tooltip = None
        if skipped:
            tooltip = self._folder + "\n\n" + "\n".join(s.reason for s in skipped[:20])
        self.folder_label.set_path(self._folder, tooltip)

    def folder(self) -> str | None:
        """The folder chosen last (None before any)."""
        return self._folder

    def failed(self) -> bool:
        """True when the last read failed or was cancelled."""
        return self._folder_problem is not None

    def dataset(self) -> data_sources.ImageFolderDataset:
        """The pictures read; DataSourceError says why there are none yet."""
        problem = self.problem_text()
        if problem:
            raise DataSourceError(problem)
        return self._folder_dataset

    def problem_text(self) -> str:
        """Why there are no pictures yet, in the current language ("" when there are)."""
        if self._worker is not None:
            return QCoreApplication.translate(
                "DatasetPanel", "The image folder is still being read…")
        if self._folder_problem is not None:
            return self._folder_problem()
        if self._folder_dataset is None:
            return QCoreApplication.translate(
                "DatasetPanel", "Choose a folder with one subfolder of pictures per class.")
        return ""

    def _on_choose_folder(self) -> None:
        folder = file_dialogs.existing_folder(
            self, QCoreApplication.translate("DatasetPanel", "Choose an image folder"),
            self._folder)
        if folder:
            self.load_folder(folder)

    def load_folder(self, folder: str) -> None:
        """Start reading ``folder`` in a worker thread; `changed` follows when it is read
        (or failed), and `message` lists files that were left out."""
        self.cancel()
        self._folder = str(folder)
        self._folder_dataset, self._folder_problem = None, None
        self._show_folder()
        fraction, seed = self._split()

        def job(report, should_stop):
            return data_sources.load_image_folder(
                folder, fraction, seed, progress=lambda done, total: report((done, total)),
                should_stop=should_stop)

        worker = Worker(job)
        worker.progressed.connect(lambda done, w=worker: self._on_folder_progressed(w, done))
        worker.succeeded.connect(lambda result, w=worker: self._on_folder_loaded(w, result))
        worker.failed.connect(lambda error, w=worker: self._on_folder_failed(w, error))
        worker.finished.connect(lambda w=worker: self._on_worker_finished(w))
        self._worker = worker
        self._workers.add(worker)
        self.folder_progress.setRange(0, 0)
        self.progress_row.show()
        self.folder_button.setEnabled(False)
        worker.start()
        self.changed.emit()

    def is_loading(self) -> bool:
        """True while an image folder is being read."""
        return self._worker is not None

    def _on_folder_progressed(self, worker: Worker, done_total) -> None:
        if worker is self._worker:
            done, total = done_total
            self.folder_progress.setRange(0, max(total, 1))
            self.folder_progress.setValue(done)

    def _on_folder_loaded(self, worker: Worker, result) -> None:
        if worker is not self._worker:
            return  # a load the learner replaced or cancelled
        self._worker = None
        self._folder_dataset = result
        self._end_folder_load()
        self._show_folder()
        skipped = result.skipped
        if skipped:
            self.message.emit(lambda: self.tr(
                "%n file(s) in the folder could not be read and were left out; the "
                "first: {0}", "", len(skipped)).format(skipped[0].reason))
        else:
            pictures = len(result.y_train) + len(result.y_test)
            self.message.emit(lambda: QCoreApplication.translate(
                "DatasetPanel", "Read {0} pictures in {1} classes.").format(
                    number(pictures), result.num_classes))
        self.changed.emit()

    def _on_folder_failed(self, worker: Worker, error: Exception) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self._end_folder_load()
        if isinstance(error, (DataSourceError, OSError)):
            self._folder_problem = partial(error_text, error)
        else:  # a bug: say so rather than hide it
            self._folder_problem = lambda: QCoreApplication.translate(
                "DatasetPanel", "Reading the folder failed: {0}").format(error)
        if not isinstance(error, LoadCancelled):
            self.message.emit(self._folder_problem)
        self.changed.emit()

    def _end_folder_load(self) -> None:
        self.progress_row.hide()
        self.folder_button.setEnabled(True)

    def _on_worker_finished(self, worker: Worker) -> None:
        self._workers.discard(worker)
        worker.deleteLater()

    def cancel(self) -> None:
        """Stop reading the folder (nothing happens when none is being read)."""
        worker = self._worker
        if worker is None:
            return
        worker.stop()
        self._worker = None
        self._folder_problem = lambda: QCoreApplication.translate(
            "DatasetPanel", "Reading the folder was cancelled.")
        self._end_folder_load()
        self.changed.emit()

    def shutdown(self) -> None:
        """Stop any folder still being read and wait for it (call when the window
        closes)."""
        self._worker = None
        for worker in list(self._workers):
            worker.stop_and_wait()
        self._workers.clear()
