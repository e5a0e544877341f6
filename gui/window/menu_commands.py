"""What the window's own menu items do: filter files, stage images, default or own filters.

(The pages' items, Open image and Open/Save model, call the pages themselves.) Each
command reports what happened in the window's status line, worded again if the language
changes while it is shown. Texts keep the context they had in MainWindow; the plural ones
(``%n``) go through ``self.tr`` because lupdate reads plural forms only from ``tr`` calls,
so their context is this class's name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from gui.common import file_dialogs
from gui.common.error_text import error_text, system_reason
from gui.explore.filter_file import FilterFileError, load_filters, save_filters
from gui.explore.stages.export import ExportFailed
from gui.window.lab_files import LabFiles

# say(render, error, topic): shows a message worded by ``render()``.
Say = Callable[..., None]


class MenuCommands(QObject):
    """File ▸ Save/Load filters, Save/Open lab (``labs``) and Export stage images,
    Filters ▸ Restore ....

    Parameters
    ----------
    window : MainWindow
        The dialogs' parent; supplies ``state`` and ``explorer`` (its stage view).
    say : callable
        ``say(render, error=False, topic="file")`` shows the message ``render()``.
    """

    def __init__(self, window, say: Say) -> None:
        super().__init__(window)
        self._window = window
        self._say = say
        #: File ▸ Save lab… and Open lab… (the whole lab as one file).
        self.labs = LabFiles(window, say)

    @property
    def _state(self):
        return self._window.state

    # --- filter files ------------------------------------------------------------------
    def save_filters_dialog(self) -> None:
        path = file_dialogs.save_file(
            self._window, QCoreApplication.translate("MainWindow", "Save filters"),
            "filters.json", QCoreApplication.translate("MainWindow", "Filters (*.json)"),
            ".json")
        if path:
            self.save_filters(path)

    def save_filters(self, path) -> bool:
        """Save the explorer's filters to ``path`` (JSON); says how it went."""
        try:
            save_filters(path, self._state.filters)
        except OSError as error:
            reason = system_reason(error)  # the name "error" ends with the except block
            self._say(lambda: QCoreApplication.translate(
                "MainWindow", "Could not save {0}: {1}").format(Path(path).name, reason),
                error=True)
            return False
        count = len(self._state.filters)
        self._say(lambda: self.tr("Saved %n filter(s) to {0}", "", count).format(
            Path(path).name))
        return True

    def load_filters_dialog(self) -> None:
        path = file_dialogs.open_file(
            self._window, QCoreApplication.translate("MainWindow", "Load filters"),
            QCoreApplication.translate("MainWindow", "Filters (*.json);;All files (*)"))
        if path:
            self.load_filters(path)

    def load_filters(self, path) -> bool:
        """Make the filters in ``path`` the explorer's; says how it went."""
        try:
            filters = load_filters(path)
            with self._state.placing_filters(chosen_by_learner=True):
                self._state.set_filters(filters)
        except (FilterFileError, ValueError) as error:
            reason = str(error)
            self._say(lambda: QCoreApplication.translate(
                "MainWindow", "Could not load {0}: {1}").format(Path(path).name, reason),
                error=True)
            return False
        self._say(lambda: self.tr("Loaded %n filter(s) from {0}", "", len(filters)).format(
            Path(path).name))
        return True

    # --- stage images ------------------------------------------------------------------
    def export_stages_dialog(self) -> None:
        folder = file_dialogs.existing_folder(
            self._window, QCoreApplication.translate("MainWindow", "Export stage images to"))
        if folder:
            self.export_stages(folder)

    def export_stages(self, folder) -> list[Path]:
        """Write every stage's heatmap into ``folder`` as PNG; returns the files."""
        try:
            written = self._window.explorer.stage_view.export_images(folder)
        except OSError as error:
            reason = str(error) if isinstance(error, ExportFailed) else system_reason(error)
            self._say(lambda: QCoreApplication.translate(
                "MainWindow", "Could not export: {0}").format(reason), error=True)
            return []
        self._say(lambda: self.tr("Wrote %n image(s) to {0}", "", len(written)).format(folder))
        return written

    # --- default and own filters -------------------------------------------------------
    def restore_default_filters(self) -> None:
        self._state.restore_default_filters()
        own = self._state.own_filters
        count = len(self._state.filters)
        if own is None:
            self._say(lambda: QCoreApplication.translate(
                "MainWindow", "Restored the {0} default filters.").format(count),
                topic="filters")
        else:
            own_count = len(own)
            self._say(lambda: self.tr(
                "Restored the {0} default filters. Filters ▸ Restore my filters brings back "
                "the %n shown before.", "", own_count).format(count), topic="filters")

    def undo_filter_edit(self) -> bool:
        """Take back the latest filter change; False (and says so) when there is none."""
        try:
            self._state.undo_filter_edit()
        except ValueError as error:
            problem = error
            self._say(lambda: error_text(problem), topic="filters")
            return False
        return True

    def restore_own_filters(self) -> bool:
        """Bring back the learner's filters kept aside; False (and says so) when none are."""
        try:
            self._state.restore_own_filters()
        except ValueError:
            self._say(lambda: QCoreApplication.translate(
                "MainWindow", "There are no filters of yours to bring back: nothing has "
                "replaced them."), topic="filters")
            return False
        count = len(self._state.filters)
        self._say(lambda: self.tr("Your %n filter(s) and layer settings are back.", "",
                                  count), topic="filters")
        return True

