"""The pages of the two sources that come with the app: the bundled MNIST digits (nothing
to set) and the generated shapes (how many to make)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from gui.train.dataset_widgets import quiet

SHAPES_DEFAULT, SHAPES_MIN, SHAPES_MAX, SHAPES_STEP = 3000, 600, 12000, 600


class MnistPage(QWidget):
    """What the bundled digits are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.about = quiet()
        layout.addWidget(self.about)
        self.retranslate()

    def retranslate(self) -> None:
        self.about.setText(QCoreApplication.translate(
            "DatasetPanel",
            "5,000 real handwritten digits (28×28 pixels), 500 of each digit; 4,000 for "
            "training and 1,000 held out for testing."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ShapesPage(QWidget):
    """What the generated shapes are, and `shapes_count`: how many to train on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.about = quiet()
        layout.addWidget(self.about)
        self.shapes_count = QSpinBox(minimum=SHAPES_MIN, maximum=SHAPES_MAX,
                                     singleStep=SHAPES_STEP, value=SHAPES_DEFAULT)
        self.shapes_count.setGroupSeparatorShown(True)
        self.shapes_count.setKeyboardTracking(False)
        self.count_label = QLabel()
        self.count_label.setBuddy(self.shapes_count)
        row = QHBoxLayout()
        row.addWidget(self.count_label)
        row.addWidget(self.shapes_count)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.about.setText(QCoreApplication.translate(
            "DatasetPanel",
            "Outlines of circles, squares, triangles, crosses and lines, drawn at random "
            "sizes, positions and tilts, with some noise."))
        self.shapes_count.setToolTip(QCoreApplication.translate(
            "DatasetPanel",
            "How many shapes to train on; a fifth as many more are made for testing. More "
            "images train better but slower."))
        self.count_label.setText(QCoreApplication.translate("DatasetPanel",
                                                            "&Training images:"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
