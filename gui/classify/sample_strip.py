"""The Classify page's strip of test images the network has never seen.

Which test images it offers follows the model's classes: MNIST digits for a digit model
(or when there is none), generated shapes for a shapes model, none for the learner's own
classes. The picks go round the classes in a random order, so the strip shows as many
different classes as it can. Texts keep the page's context ("ClassifyPage").
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from engine import datasets
from gui.common.display_names import class_name
from gui.common.image_io import ink_pixmap

THUMB_SCALE = 2
BUTTON_WIDTH = 28 * THUMB_SCALE + 8


def sample_kind(class_names: tuple[str, ...] | None) -> str | None:
    """Which test images fit a model with ``class_names`` (None: no model):
    "mnist", "shapes", or None (no bundled test images)."""
    if class_names is None or class_names == datasets.MNIST_CLASSES:
        return "mnist"
    if class_names == datasets.SHAPE_CLASSES:
        return "shapes"
    return None


def balanced_picks(labels: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` indices of ``labels``, going round the classes in a random order so as
    many different classes as possible are picked."""
    if len(labels) == 0:
        return np.zeros(0, dtype=int)
    classes = rng.permutation(np.unique(labels))
    pools = [list(rng.permutation(np.flatnonzero(labels == c))) for c in classes]
    picks: list[int] = []
    while len(picks) < min(count, len(labels)):
        for pool in pools:
            if pool and len(picks) < count:
                picks.append(int(pool.pop()))
    return np.array(picks, dtype=int)


class SampleStrip(QGroupBox):
    """A row of test-image buttons, "Other images" and "Open image…".

    Signals
    -------
    picked(int)
        Test image ``index`` was clicked.
    open_requested()
        "Open image…" was clicked.
    """

    picked = Signal(int)
    open_requested = Signal()

    def __init__(self, count: int, rng: np.random.Generator, parent=None) -> None:
        super().__init__(parent)
        self._rng = rng
        self._kind: str | None = None
        self._images = np.zeros((0, 28, 28), dtype=np.float32)
        self._labels: list[str] = []
        strip = QHBoxLayout(self)
        strip.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for index in range(count):
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIconSize(QPixmap(28 * THUMB_SCALE, 28 * THUMB_SCALE).size())
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setFixedWidth(BUTTON_WIDTH)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self.picked.emit(i))
            strip.addWidget(button)
            self.buttons.append(button)
        strip.addStretch(1)
        self.shuffle_button = QPushButton()
        self.shuffle_button.clicked.connect(lambda: self.fill(self._kind, force=True))
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_requested)
        buttons = QVBoxLayout()
        buttons.addWidget(self.shuffle_button)
        buttons.addWidget(self.open_button)
        strip.addLayout(buttons)
        self.retranslate()

    @property
    def images(self) -> np.ndarray:
        """The test images on offer, (n, 28, 28) float32 ink (a copy)."""
        return self._images.copy()

    @property
    def labels(self) -> list[str]:
        """The true class of each test image on offer."""
        return list(self._labels)

    def image(self, index: int) -> np.ndarray:
        return self._images[index]

    def fill(self, kind: str | None, force: bool = False) -> None:
        """Offer test images of ``kind`` (see :func:`sample_kind`); unless ``force``,
        keep the images on offer when they are of that kind already."""
        if kind == self._kind and not force:
            return
        self._kind = kind
        count = len(self.buttons)
        if kind == "mnist":
            data = datasets.load("mnist", n_train=0)
            images, labels, names = data.x_test[:, 0], data.y_test, data.class_names
        elif kind == "shapes":
            per_class = -(-count // len(datasets.SHAPE_CLASSES))
            images, labels = datasets.make_shapes(per_class * len(datasets.SHAPE_CLASSES),
                                                  seed=int(self._rng.integers(2**31)))
            images, names = images[:, 0], datasets.SHAPE_CLASSES
        else:
            images, labels, names = np.zeros((0, 28, 28), np.float32), np.zeros(0, int), ()
        picks = balanced_picks(labels, count, self._rng)
        self._images = np.ascontiguousarray(images[picks], dtype=np.float32)
        self._labels = [names[labels[i]] for i in picks]
        for i, button in enumerate(self.buttons):
            visible = i < len(picks)
            button.setVisible(visible)
            if visible:
                button.setIcon(QIcon(ink_pixmap(self._images[i], THUMB_SCALE)))
        self._word_buttons()
        self.mark(None)
        self.setVisible(len(picks) > 0)
        self.shuffle_button.setEnabled(len(picks) > 0)

    def mark(self, index: int | None) -> None:
        """Show test image ``index`` as the one classified (None: none is)."""
        for i, button in enumerate(self.buttons):
            with QSignalBlocker(button):
                button.setChecked(i == index)

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate(
            "ClassifyPage", "Test images the network has never seen — click one to classify it"))
        self.shuffle_button.setText(QCoreApplication.translate("ClassifyPage", "Other images"))
        self.shuffle_button.setToolTip(QCoreApplication.translate(
            "ClassifyPage", "Show a different random set of test images"))
        self.open_button.setText(QCoreApplication.translate("ClassifyPage", "Open image…"))
        self.open_button.setToolTip(QCoreApplication.translate(
            "ClassifyPage", "Classify a picture file of your own: it is cropped and centred "
            "like a drawing (a dark digit or shape on light paper works best)"))
        self._word_buttons()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _word_buttons(self) -> None:
        """Each button's class name (shortened to fit) and tooltip, in the current
        language."""
        for button, key in zip(self.buttons, self._labels, strict=False):
            name = class_name(key)
            button.setText(button.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideRight, BUTTON_WIDTH - 8))
            button.setToolTip(QCoreApplication.translate(
                "ClassifyPage", "A test image of “{0}”. Click to classify it.").format(name))
