"""File ▸ Save lab… and File ▸ Open lab…: the whole lab as one ``.cnnlab`` file.

A lab file (:mod:`engine.lab_file`) holds the picture, the filters, the layer and
preprocessing settings, the selection, the trained model, the training set-up and the
current lesson with its answers. Opening one reads and checks the whole file, then turns
it into the state's values (:func:`gui.state.lab_snapshot.prepare`) before anything
changes; only then is it applied, in one ``state.batch()``. A file that cannot be used
leaves the lab as it was and says why in the status line.

The current lesson comes from the Learn page when there is one (``window.pages["learn"]``
with ``current_key``, ``show_lesson(key)`` and, if it has them, ``answers`` and
``set_answers(answers)``). Without it, the lesson key and answers of the last lab opened
are kept and saved again, so a lab passes through unchanged.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from engine import fileio, lab_file
from gui.common import file_dialogs
from gui.common.error_text import error_text, system_reason
from gui.state import lab_snapshot
from gui.state.lab_snapshot import LabSettingsError


class LabFiles(QObject):
    """Saves the window's lab to a file and opens one.

    Parameters
    ----------
    window : MainWindow
        Supplies ``state``, ``pages`` and ``training``; the dialogs' parent.
    say : callable
        ``say(render, error=False, topic="file")`` shows the message ``render()``.
    """

    def __init__(self, window, say) -> None:
        super().__init__(window)
        self._window = window
        self._say = say
        # The lesson place of the last lab opened, for a window without a Learn page.
        self._lesson = ""
        self._answers: dict = {}

    @property
    def _state(self):
        return self._window.state

    # --- the current lesson, from the Learn page when there is one ----------------------
    def _learn_page(self):
        pages = getattr(self._window, "pages", None) or {}
        return pages.get("learn")

    def lesson_place(self) -> tuple[str, dict]:
        """The current lesson's key ("" for none) and the lesson answers."""
        page = self._learn_page()
        key = _value(getattr(page, "current_key", None)) if page is not None else None
        answers = _value(getattr(page, "answers", None)) if page is not None else None
        key = key if isinstance(key, str) else self._lesson
        answers = answers if isinstance(answers, dict) else self._answers
        return key, dict(answers)

    def _show_lesson_place(self, key: str, answers: dict) -> None:
        self._lesson, self._answers = key, dict(answers)
        page = self._learn_page()
        if page is None:
            return
        set_answers = getattr(page, "set_answers", None)
        if callable(set_answers):
            set_answers(dict(answers))
        show_lesson = getattr(page, "show_lesson", None)
        if key and callable(show_lesson):
            show_lesson(key)

    # --- saving --------------------------------------------------------------------
    def save_dialog(self) -> bool:
        path = file_dialogs.save_file(
            self._window, QCoreApplication.translate("LabFiles", "Save lab"), "lab.cnnlab",
            QCoreApplication.translate("LabFiles", "CNN Lab lab file (*.cnnlab)"),
            lab_file.SUFFIX)
        if not path:
            return False
        fileio.remove_stale_temporaries(Path(path).parent)
        return self.save(path)

    def save(self, path) -> bool:
        """Save the whole lab to ``path``; says how it went (a failed save keeps the
        file that was there)."""
        name = Path(path).name
        key, answers = self.lesson_place()
        lab = lab_snapshot.lab_from_state(self._state, key, answers)
        try:
            lab_file.save(path, lab)
        except OSError as error:
            reason = system_reason(error)
            self._say(lambda: QCoreApplication.translate(
                "LabFiles", "Could not save the lab to {0}: {1}").format(name, reason),
                error=True)
            return False
        except lab_file.LabFileError as error:  # a state the file could not hold
            problem = error
            self._say(lambda: QCoreApplication.translate(
                "LabFiles", "Could not save the lab to {0}: {1}").format(
                name, error_text(problem)), error=True)
            return False
        with_model = lab.model is not None
        self._say(lambda: self._saved_text(name, with_model))
        return True

    @staticmethod
    def _saved_text(name: str, with_model: bool) -> str:
        if with_model:
            return QCoreApplication.translate(
                "LabFiles", "Saved the lab, with its trained model, to {0}.").format(name)
        return QCoreApplication.translate(
            "LabFiles", "Saved the lab to {0} (there is no trained model to include).").format(
            name)

    # --- opening -------------------------------------------------------------------
    def open_dialog(self) -> bool:
        path = file_dialogs.open_file(
            self._window, QCoreApplication.translate("LabFiles", "Open lab"),
            QCoreApplication.translate("LabFiles",
                                       "CNN Lab lab file (*.cnnlab);;All files (*)"))
        if not path:
            return False
        return self.open(path)

    def open(self, path) -> bool:
        """Open the lab in ``path``. A file that cannot be used changes nothing and says
        why; returns whether the lab opened."""
        name = Path(path).name
        training = self._window.training
        if training.is_training():
            self._say(lambda: QCoreApplication.translate(
                "LabFiles", "Stop the training first: when it ends, its model would replace "
                "the lab's."), error=True)
            return False
        try:
            prepared = lab_snapshot.prepare(lab_file.load(path), name)
        except (lab_file.LabFileError, LabSettingsError) as error:
            self._say(partial(error_text, error), error=True)
            return False
        before = lab_snapshot.prepare(
            lab_snapshot.lab_from_state(self._state, *self.lesson_place()), name)
        # The lesson first: should showing it set the app up, the lab's own state,
        # applied next, still wins.
        self._show_lesson_place(prepared.lesson, prepared.answers)
        adopt = getattr(training, "adopt_model", None)
        try:
            # The learner's filters on show are kept aside: Restore my filters.
            with self._state.placing_filters(chosen_by_learner=True):
                lab_snapshot.apply(self._state, prepared, adopt)
        except ValueError as error:  # prepare checked everything; keep the lab whole anyway
            lab_snapshot.apply(self._state, before, adopt)
            problem = error
            self._say(lambda: QCoreApplication.translate(
                "LabFiles", "Could not open {0}: {1}").format(name, error_text(problem)),
                error=True)
            return False
        self._state.recompute()
        with_model = prepared.model is not None
        self._say(lambda: self._opened_text(name, with_model))
        return True

    @staticmethod
    def _opened_text(name: str, with_model: bool) -> str:
        if with_model:
            return QCoreApplication.translate(
                "LabFiles", "Opened the lab {0}, with its trained model.").format(name)
        return QCoreApplication.translate(
            "LabFiles", "Opened the lab {0}; it holds no trained model, so the current one "
            "stays.").format(name)


def _value(attribute):
    """An attribute that may be a property's value or a method to call."""
    return attribute() if callable(attribute) else attribute
