"""The main window's parts, one job each; :mod:`gui.main_window` puts them together.

* :mod:`~gui.window.pages`: the list of pages (tab order, titles, ``--page`` names).
* :mod:`~gui.window.menus`: the menu bar, its actions and their texts.
* :mod:`~gui.window.menu_commands`: what the window's own menu items do (filter files,
  stage images, default or own filters); the pages' items call the pages.
* :mod:`~gui.window.opening`: files from the command line, drag and drop and paste.
* :mod:`~gui.window.messages`: the status bar, and which messages go stale when.
* :mod:`~gui.window.session`: remembered settings, and closing without losing work.
"""
