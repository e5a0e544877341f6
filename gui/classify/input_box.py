"""The Classify page's "What the network sees" box: the 28×28 input, where it came from,
how it was prepared, and "Send to explorer".

Texts keep the context they had on the page ("ClassifyPage"), so the catalogue matches.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QPushButton, QVBoxLayout

from gui.common.display_names import class_name
from gui.common.image_io import ink_pixmap

INPUT_SCALE = 6
INPUT_SIDE = 28
# Where the input came from.
DRAWING, SAMPLE, FILE = "drawing", "sample", "file"


class InputBox(QGroupBox):
    """Shows the input the network is given.

    Signals
    -------
    send_requested()
        "Send to explorer" was clicked.
    """

    send_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._origin, self._origin_text = DRAWING, ""
        side = INPUT_SIDE * INPUT_SCALE
        self.input_view = QLabel()
        self.input_view.setFixedSize(side + 2, side + 2)
        self.input_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input_view.setFrameShape(QFrame.Shape.Box)
        self.input_view.setStyleSheet("QLabel { border: 1px solid #999; background: white; }")
        self.input_explain = QLabel()
        self.input_explain.setWordWrap(True)
        self.input_explain.setStyleSheet("color: #555;")
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.send_button = QPushButton()
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.send_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input_view, 0, Qt.AlignmentFlag.AlignHCenter)
        # The button above the texts that change with the input, so it never moves.
        layout.addWidget(self.send_button)
        layout.addSpacing(6)
        layout.addWidget(self.origin_label)
        layout.addWidget(self.input_explain)
        layout.addStretch(1)
        self.setFixedWidth(side + 48)
        self.show_input(np.zeros((INPUT_SIDE, INPUT_SIDE), np.float32))
        self.retranslate()

    @property
    def origin(self) -> tuple[str, str]:
        """(DRAWING, SAMPLE or FILE; the sample's class or the file's name)."""
        return self._origin, self._origin_text

    def show_input(self, image: np.ndarray) -> None:
        """Show ``image`` (28, 28) ink values; "Send to explorer" needs some ink."""
        self.input_view.setPixmap(ink_pixmap(image, INPUT_SCALE))
        self.send_button.setEnabled(bool(image.max() > 0.0))

    def set_origin(self, origin: str, text: str = "") -> None:
        self._origin, self._origin_text = origin, text
        self._show_origin()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("ClassifyPage", "What the network sees"))
        self.send_button.setText(QCoreApplication.translate("ClassifyPage", "Send to explorer"))
        self.send_button.setToolTip(QCoreApplication.translate(
            "ClassifyPage",
            "Open this 28×28 input in the explorer to see what each filter finds in it"))
        self._show_origin()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_origin(self) -> None:
        origin, text = self._origin, self._origin_text
        if origin == SAMPLE:
            shown = QCoreApplication.translate(
                "ClassifyPage", "Input: a test image — its true class is “{0}”.").format(
                class_name(text))
            explain = QCoreApplication.translate(
                "ClassifyPage", "Test images are already 28×28 and go in as they are.")
        elif origin == FILE:
            shown = QCoreApplication.translate(
                "ClassifyPage", "Input: the picture “{0}”.").format(text)
            explain = QCoreApplication.translate(
                "ClassifyPage", "The picture is cropped to its strokes, scaled to fit a 20×20 "
                "box and centred in 28×28, the way the MNIST digits were prepared.")
        else:
            shown = QCoreApplication.translate("ClassifyPage", "Input: your drawing.")
            explain = QCoreApplication.translate(
                "ClassifyPage", "Your strokes are cropped, scaled to fit a 20×20 box and "
                "centred in 28×28, the way the MNIST digits were prepared.")
        self.origin_label.setText(shown)
        self.input_explain.setText(explain)
