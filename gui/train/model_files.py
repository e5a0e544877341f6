"""The Training page's files: open and save the model, export the history as CSV and
the curves as PNG, and the work closing the window would lose (My classes are kept for
the next start; an unsaved trained model is asked about).

The texts keep the ``"TrainingPage"`` translation context they had before this module
existed, except the sentences with a plural (``%n``), which lupdate reads only from
``self.tr``: those are in the ``"ModelFiles"`` context. The one modal question stays
:meth:`gui.train.page.TrainingPage.ask_about_unsaved_work`.
"""

from __future__ import annotations

import csv
import io
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal

from engine import fileio
from engine.model import ModelFileError
from engine.model import load as load_model
from engine.train import evaluate
from gui.common import file_dialogs
from gui.common.display_names import class_names
from gui.common.error_text import error_text, system_reason
from gui.common.status_line import FILE
from gui.train.run import dataset_name


class ModelFiles(QObject):
    """The model and export files of ``page`` (a :class:`gui.train.page.TrainingPage`).

    Signals
    -------
    message(object, bool, str) : a function that words a text for the page's status
        line (called again on a language change), whether it is an error, and its topic.
    """

    message = Signal(object, bool, str)

    def __init__(self, page) -> None:
        super().__init__(page)
        self._page = page
        #: The state's model came from training here and was never saved to a file.
        self._model_unsaved = False
        self._model_accuracy: float | None = None   # its test accuracy, when known

    def model_trained(self, accuracy: float | None) -> None:
        """A run's network (test ``accuracy``, or None) became the state's model."""
        self._model_unsaved = True
        self._model_accuracy = accuracy

    def open_model_tip(self, training: bool) -> str:
        """What Open model does, or (``training``) why it waits."""
        if training:
            return QCoreApplication.translate(
                "TrainingPage",
                "Stop the training first: when it ends, its model replaces the current one",
            )
        return QCoreApplication.translate("TrainingPage", "Load a network saved by CNN Lab")

    def save_model_dialog(self) -> bool:
        """Ask where, then save; True when the model was saved."""
        path = file_dialogs.save_file(
            self._page,
            QCoreApplication.translate("TrainingPage", "Save model"),
            "model.npz",
            QCoreApplication.translate("TrainingPage", "CNN Lab model (*.npz)"),
            ".npz",
        )
        if not path:
            return False
        fileio.remove_stale_temporaries(Path(path).parent)
        return self.save_model(path)

    def save_model(self, path) -> bool:
        # The trained model, even while the history slider shows an earlier epoch.
        model = self._page.state.trained_model
        if model is None:
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "There is no model to save yet: train or open one first."),
                True)
            return False
        name = Path(path).name
        try:
            model.save(path)
        except OSError as error:
            reason = system_reason(error)
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "Could not save {0}: {1}").format(name, reason), True)
            return False
        self._model_unsaved = False
        self._say(lambda: QCoreApplication.translate(
            "TrainingPage", "Saved the model to {0}.").format(name))
        return True

    def open_model_dialog(self) -> None:
        path = file_dialogs.open_file(
            self._page,
            QCoreApplication.translate("TrainingPage", "Open model"),
            QCoreApplication.translate("TrainingPage", "CNN Lab model (*.npz);;All files (*)"),
        )
        if path:
            self.open_model(path)

    def open_model(self, path) -> bool:
        """Load a model file; a bad file shows its message and changes nothing."""
        if self._page.is_training():
            self._say(lambda: self.open_model_tip(True), True)
            return False
        try:
            model = load_model(path)
        except ModelFileError as error:
            self._say(partial(error_text, error), True)
            return False
        self.adopt_model(model)
        self._say(partial(self._opened_text, Path(path).name, model.num_classes,
                          class_names(model.class_names or ()), self._evaluate_opened(model)))
        return True

    def adopt_model(self, model) -> None:
        """Make ``model``, read from a file (a model or a lab file), the state's: the
        previous run's curves and results go, and the model counts as saved."""
        self._page.run.last_result = None
        self._page.run.history = None   # the curves belonged to the previous model
        self._page.curves.clear()
        self._page.state.set_model(model)
        self._model_unsaved = False

    def _opened_text(self, name: str, classes: int, class_names: tuple[str, ...],
                     evaluated: tuple[str, float] | None) -> str:
        """What opening ``name`` brought, and its test accuracy on the data (if any)."""
        # The class names as shown everywhere: a learner's own words as they are.
        text = self.tr("Opened {0}: %n class(es) ({1}).", "", classes).format(
            name, ", ".join(class_names))
        if evaluated is None:
            return text
        data, percent = evaluated
        return QCoreApplication.translate(
            "TrainingPage", "{0} Test accuracy on {1}: {2:.1f} %.").format(
            text, dataset_name(data), percent)

    def _evaluate_opened(self, model):
        """Score an opened model on the selected dataset when it fits (same image shape
        and classes); otherwise clear the results. Returns (name, percent) or None."""
        try:
            dataset = self._page.dataset_panel.current_dataset()
        except ValueError:
            dataset = None
        fits = (dataset is not None and len(dataset.x_test)
                and tuple(dataset.x_test.shape[1:]) == tuple(model.input_shape or ())
                and tuple(dataset.class_names) == tuple(model.class_names or dataset.class_names)
                and len(dataset.class_names) == model.num_classes)
        if not fits:
            self._page.results.clear_evaluation()
            return None
        evaluation = evaluate(model, dataset.x_test, dataset.y_test)
        self._page.results.show_evaluation(evaluation, dataset)
        return getattr(dataset, "name", ""), 100 * evaluation.accuracy

    def export_history_dialog(self) -> None:
        path = file_dialogs.save_file(
            self._page,
            QCoreApplication.translate("TrainingPage", "Export history"),
            "history.csv",
            QCoreApplication.translate("TrainingPage", "CSV (*.csv)"),
            ".csv",
        )
        if path:
            self.export_history_csv(path)

    def export_history_csv(self, path) -> bool:
        """Write epoch, train_loss, train_accuracy, val_loss, val_accuracy, one row per
        epoch (validation cells empty without validation data)."""
        history = self._page.run.history
        if history is None or not history.train_loss:
            self._say(lambda: QCoreApplication.translate(
                "TrainingPage", "There is no training history to export yet."), True)
            return False
        rows = io.StringIO(newline="")
        writer = csv.writer(rows)
        writer.writerow(["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"])
        for epoch in range(len(history.train_loss)):
            row = [epoch + 1, history.train_loss[epoch], history.train_accuracy[epoch]]
            for values in (history.val_loss, history.val_accuracy):
                row.append(values[epoch] if epoch < len(values) else "")
            writer.writerow(row)
        name, epochs = Path(path).name, len(history.train_loss)
        try:
            fileio.remove_stale_temporaries(Path(path).parent)
            # Written whole or not at all: a full disk leaves no empty or cut file.
            fileio.write_text(path, rows.getvalue())
        except OSError as error:
            self._say_not_written(name, error)
            return False
        self._say(lambda: self.tr("Wrote %n epoch(s) to {0}.", "", epochs).format(name))
        return True

    def export_curves_dialog(self) -> None:
        path = file_dialogs.save_file(
            self._page,
            QCoreApplication.translate("TrainingPage", "Export curves"),
            "curves.png",
            QCoreApplication.translate("TrainingPage", "PNG image (*.png)"),
            ".png",
        )
        if path:
            self.export_curves_png(path)

    def export_curves_png(self, path) -> bool:
        name = Path(path).name
        try:
            fileio.remove_stale_temporaries(Path(path).parent)
            self._page.run.catch_up()  # curves left to draw while another page showed
            self._page.curves.export_png(path)
        except OSError as error:
            self._say_not_written(name, error)
            return False
        self._say(lambda: QCoreApplication.translate(
            "TrainingPage", "Saved the curves to {0}.").format(name))
        return True

    def _say_not_written(self, name: str, error: OSError) -> None:
        reason = system_reason(error)
        self._say(lambda: QCoreApplication.translate(
            "TrainingPage", "Could not write {0}: {1}").format(name, reason), True)

    def restore_work(self, folder=None) -> bool:
        """Keep My classes between runs in ``folder`` (default: the app's data folder,
        ``QStandardPaths.AppDataLocation``) and bring back what the last run kept there."""
        if folder is None:
            folder = Path(QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.AppDataLocation)) / "my classes"
        return self._page.dataset_panel.restore_autosaved(folder)

    def unsaved_model_text(self) -> str | None:
        """A sentence saying the trained model is not saved, or None when it is (or there
        is none)."""
        if self._page.state.model is None or not self._model_unsaved:
            return None
        if self._model_accuracy is None:
            return QCoreApplication.translate(
                "TrainingPage", "The trained model has not been saved to a file.")
        return QCoreApplication.translate(
            "TrainingPage",
            "The trained model ({0:.1f} % test accuracy) has not been saved to a file.",
        ).format(100 * self._model_accuracy)

    def unsaved_work(self) -> list[str]:
        """What closing now would lose, one sentence each (empty: nothing). My classes
        count only while they are neither saved nor kept for the next start (see
        `may_close`, which keeps them first)."""
        work = []
        model = self.unsaved_model_text()
        if model is not None:
            work.append(model)
        trained = self._page.run.epochs_trained()
        if trained is not None and trained[0] >= 1:
            work.append(QCoreApplication.translate(
                "TrainingPage", "A training run is going on ({0} of {1} epochs done). "
                "Closing stops it, and what it has learned is lost: to keep it, choose "
                "Cancel, then Stop, and save the model.").format(*trained))
        panel = self._page.dataset_panel
        if panel.has_unsaved_examples():
            work.append(self.tr("Your classes (%n example(s)) are not saved, and could not "
                                "be kept for the next start.", "", panel.classes.total))
        return work

    def save_unsaved_work(self) -> bool:
        """Save each unsaved thing through its dialog; False if one was not saved."""
        if self._page.state.model is not None and self._model_unsaved \
                and not self.save_model_dialog():
            return False
        panel = self._page.dataset_panel
        if panel.has_unsaved_examples() and not panel.save_collection_dialog():
            return False
        return True

    def may_close(self) -> bool:
        """Keep My classes for the next start, then ask about anything else closing
        would lose. True when the window may close."""
        self._page.dataset_panel.autosave()
        work = self.unsaved_work()
        if not work:
            return True
        answer = self._page.ask_about_unsaved_work(work)
        if answer == "save":
            return self.save_unsaved_work()
        return answer == "discard"

    def _say(self, words, error: bool = False, topic: str = FILE) -> None:
        self.message.emit(words, error, topic)
