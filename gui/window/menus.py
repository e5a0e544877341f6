"""The main window's menu bar: File, Filters, View (with Language) and Help.

:class:`WindowMenus` makes the actions, connects each to what it does (a page's method or
one of :class:`gui.window.menu_commands.MenuCommands`) and sets their texts in the current
language. The texts keep the context they had when MainWindow set them ("MainWindow"),
so the catalogue still matches.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from gui import i18n


class WindowMenus:
    """The window's menus and actions (``file_menu``, ``open_action``, ...).

    Parameters
    ----------
    window : MainWindow
        Owns the menu bar; supplies the pages, the state, the menu commands and
        ``choose_language`` / ``show_numbers_window`` / ``show_about``.
    """

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        image = window.explorer.image_panel
        commands = window.commands
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        menu = self.file_menu
        self.open_action = self._action(menu, image.open_dialog, QKeySequence.StandardKey.Open)
        self.paste_action = self._action(menu, window.opening.paste_image,
                                         QKeySequence.StandardKey.Paste)
        menu.addSeparator()
        self.save_filters_action = self._action(menu, commands.save_filters_dialog,
                                                QKeySequence.StandardKey.Save)
        self.load_filters_action = self._action(menu, commands.load_filters_dialog,
                                                QKeySequence("Ctrl+L"))
        self.export_action = self._action(menu, commands.export_stages_dialog,
                                          QKeySequence("Ctrl+E"))
        menu.addSeparator()
        self.open_lab_action = self._action(menu, commands.labs.open_dialog)
        self.save_lab_action = self._action(menu, commands.labs.save_dialog)
        menu.addSeparator()
        self.open_model_action = self._action(menu, window.training.open_model_dialog,
                                              QKeySequence("Ctrl+Shift+O"))
        self.save_model_action = self._action(menu, window.training.save_model_dialog,
                                              QKeySequence("Ctrl+Shift+S"))
        menu.addSeparator()
        self.quit_action = self._action(menu, window.close, QKeySequence.StandardKey.Quit)

        self.filters_menu = bar.addMenu("")
        self.undo_filter_action = self._action(self.filters_menu, commands.undo_filter_edit,
                                               QKeySequence.StandardKey.Undo)
        self.filters_menu.addSeparator()
        self.restore_default_action = self._action(self.filters_menu,
                                                   commands.restore_default_filters)
        self.restore_own_action = self._action(self.filters_menu, commands.restore_own_filters)
        self.filters_menu.aboutToShow.connect(self.update_filter_actions)
        window.state.filters_changed.connect(self.update_filter_actions)  # for the shortcut
        self.update_filter_actions()

        self.view_menu = bar.addMenu("")
        self.numbers_action = self._action(self.view_menu, window.show_numbers_window,
                                           QKeySequence("Ctrl+Shift+N"))
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(window)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            # Each language is named in its own language, whatever the current one.
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _=False, code=code: window.choose_language(code))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.lessons_action = self._action(self.help_menu,
                                           lambda: window.show_page("learn"), QKeySequence("F1"))
        self.glossary_action = self._action(self.help_menu, window.learn.show_glossary)
        self.help_menu.addSeparator()
        self.about_action = self._action(self.help_menu, window.show_about)
        window.training.training_changed.connect(self.on_training_changed)

    def _action(self, menu: QMenu, slot, shortcut=None) -> QAction:
        """An action in ``menu``; :meth:`retranslate` gives it its texts."""
        action = QAction(self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @staticmethod
    def _set_texts(action: QAction, text: str, tip: str = "") -> None:
        action.setText(text)
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", ""))

    def retranslate(self) -> None:
        """Set every menu title and action text in the current language."""
        self.file_menu.setTitle(QCoreApplication.translate("MainWindow", "&File"))
        self._set_texts(
            self.open_action, QCoreApplication.translate("MainWindow", "&Open image…"),
            QCoreApplication.translate("MainWindow",
                                       "Open a PNG, JPEG, BMP, GIF or other picture"))
        self._set_texts(
            self.paste_action, QCoreApplication.translate("MainWindow", "&Paste image"),
            QCoreApplication.translate("MainWindow", "Use the picture on the clipboard"))
        self._set_texts(
            self.save_filters_action,
            QCoreApplication.translate("MainWindow", "&Save filters…"),
            QCoreApplication.translate("MainWindow", "Save the feature detectors as JSON"))
        self._set_texts(
            self.load_filters_action,
            QCoreApplication.translate("MainWindow", "&Load filters…"),
            QCoreApplication.translate("MainWindow", "Load feature detectors from JSON"))
        self._set_texts(
            self.export_action,
            QCoreApplication.translate("MainWindow", "&Export stage images…"),
            QCoreApplication.translate("MainWindow", "Save every stage's heatmap as PNG"))
        self._set_texts(
            self.open_lab_action, QCoreApplication.translate("LabFiles", "Open l&ab…"),
            QCoreApplication.translate(
                "LabFiles", "Open a lab file (.cnnlab): its picture, filters, settings, "
                "trained model and lesson replace the current ones"))
        self._set_texts(
            self.save_lab_action, QCoreApplication.translate("LabFiles", "Save la&b…"),
            QCoreApplication.translate(
                "LabFiles", "Save the whole lab as one file (.cnnlab): the picture, filters, "
                "settings, trained model and current lesson, to open again here or on "
                "another computer"))
        self.open_model_action.setText(QCoreApplication.translate("MainWindow", "Open &model…"))
        self.on_training_changed(self._window.training.is_training())  # its tip depends on it
        self._set_texts(
            self.save_model_action, QCoreApplication.translate("MainWindow", "Save m&odel…"),
            QCoreApplication.translate("MainWindow", "Save the trained model (.npz)"))
        self._set_texts(self.quit_action, QCoreApplication.translate("MainWindow", "&Quit"),
                        QCoreApplication.translate("MainWindow", "Close CNN Lab"))

        self.filters_menu.setTitle(QCoreApplication.translate("MainWindow", "F&ilters"))
        self._set_texts(
            self.restore_default_action,
            QCoreApplication.translate("MainWindow", "Restore &default filters"),
            QCoreApplication.translate(
                "MainWindow", "Replace every filter by the four CNN Lab starts with: "
                "vertical line, horizontal line, sobel x and laplacian (yours are kept "
                "aside)"))
        self._set_texts(
            self.undo_filter_action,
            QCoreApplication.translate("MainWindow", "&Undo filter edit"),
            QCoreApplication.translate(
                "MainWindow", "Take back the latest change to the filters: a weight, a "
                "preset, a tool, the kernel size or a whole set"))
        self._set_texts(
            self.restore_own_action,
            QCoreApplication.translate("MainWindow", "Restore &my filters"),
            QCoreApplication.translate(
                "MainWindow", "Bring back the filters and layer settings you had before a "
                "lesson, a file, the default filters or the learned ones replaced them"))

        self.view_menu.setTitle(QCoreApplication.translate("MainWindow", "&View"))
        self._set_texts(
            self.numbers_action, QCoreApplication.translate("MainWindow", "Pixel &values…"),
            QCoreApplication.translate("MainWindow", "Show the picture as a grid of numbers"))
        self.language_menu.setTitle(QCoreApplication.translate("MainWindow", "&Language"))
        self.language_menu.menuAction().setStatusTip(QCoreApplication.translate(
            "MainWindow", "Show CNN Lab in another language, at once"))

        self.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        self._set_texts(
            self.lessons_action, QCoreApplication.translate("MainWindow", "&Lessons"),
            QCoreApplication.translate("MainWindow", "Open the Learn page: the ideas one at "
                                       "a time, each with something to try"))
        self._set_texts(
            self.glossary_action, QCoreApplication.translate("MainWindow", "&Glossary…"),
            QCoreApplication.translate("MainWindow", "Every term in English and Japanese, "
                                       "and where CNN Lab shows it"))
        self._set_texts(
            self.about_action, QCoreApplication.translate("MainWindow", "&About CNN Lab"),
            QCoreApplication.translate("MainWindow",
                                       "Who made CNN Lab, and where its pictures come from"))

    def on_training_changed(self, running: bool) -> None:
        # The run replaces the model when it ends, so a model opened meanwhile would be
        # lost: Open model waits, and says why.
        self.open_model_action.setEnabled(not running)
        self.open_lab_action.setEnabled(not running)  # the same reason: LabFiles.open
        tip = (self._window.training.open_model_tip(True) if running
               else QCoreApplication.translate("MainWindow",
                                               "Load a trained CNN Lab model (.npz)"))
        self.open_model_action.setToolTip(tip)
        self.open_model_action.setStatusTip(tip)

    def update_filter_actions(self) -> None:
        """Enable "Restore my filters" only while there are filters of the learner's kept,
        and "Undo" while there is a filter edit to take back."""
        state = self._window.state
        self.restore_own_action.setEnabled(state.own_filters is not None)
        self.undo_filter_action.setEnabled(state.can_undo_filters)
