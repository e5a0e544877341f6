"""The main window's pages, in tab order: the one place a new page is added.

A page is a widget built from the shared :class:`gui.state.LabState`. Adding one is one
entry in :data:`PAGES`; the window makes it, gives it a tab, and, when the page has an
``explore_requested`` signal, switches to the explorer when it fires; a page with an
``attach_window`` method is handed the window once every page exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from gui.classify.page import ClassifyPage
from gui.explore.page import ExplorerPage
from gui.lessons.page import LearnPage
from gui.network.page import NetworkPage
from gui.state import LabState
from gui.train.page import TrainingPage


@dataclass(frozen=True)
class Page:
    """One page of the window.

    Attributes
    ----------
    name : str
        What the command line calls it (``--page NAME``) and its key in ``window.pages``.
    make : callable
        Builds the page from the state.
    title, tip : callable
        The tab's text and tooltip in the current language (called again on a language
        change).
    """

    name: str
    make: Callable[[LabState], QWidget]
    title: Callable[[], str]
    tip: Callable[[], str]


# The texts keep the context they had when MainWindow set them, so the catalogue matches.
PAGES = (
    Page("learn", LearnPage,
         lambda: QCoreApplication.translate("MainWindow", "0 · Learn"),
         lambda: QCoreApplication.translate(
             "MainWindow", "Lessons: the ideas of a convolutional network one at a time, "
             "each with something to try and a question")),
    Page("explore", ExplorerPage,
         lambda: QCoreApplication.translate("MainWindow", "1 · Explore a layer"),
         lambda: QCoreApplication.translate(
             "MainWindow", "See what one convolutional layer does to a picture, stage by "
             "stage")),
    Page("train", TrainingPage,
         lambda: QCoreApplication.translate("MainWindow", "2 · Train a network"),
         lambda: QCoreApplication.translate(
             "MainWindow", "Train a small CNN on digits, shapes or your own classes and "
             "watch it learn")),
    Page("classify", ClassifyPage,
         lambda: QCoreApplication.translate("MainWindow", "3 · Classify"),
         lambda: QCoreApplication.translate(
             "MainWindow", "Draw or pick an image and see the trained network's "
             "probabilities")),
    Page("network", NetworkPage,
         lambda: QCoreApplication.translate("MainWindow", "4 · Every layer"),
         lambda: QCoreApplication.translate(
             "MainWindow", "See every layer of the trained network for one image, and how "
             "each value is computed")),
)

#: The pages in tab order, by the names the command line uses (``--page NAME``).
PAGE_NAMES = tuple(page.name for page in PAGES)
