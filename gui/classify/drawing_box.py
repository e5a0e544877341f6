"""The Classify page's "Draw" box: the canvas, Clear, Undo and the pen width.

Texts keep the context they had on the page ("ClassifyPage"), so the catalogue matches.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout

from gui.common.draw_canvas import DrawCanvas

CANVAS_SIDE = 300
# Tell the page at most once per frame while the pen moves.
FRAME_MS = 16


class DrawingBox(QGroupBox):
    """A 280×280 canvas shown 300 px large, with its tools.

    Signals
    -------
    drawn()
        The drawing changed; at most once per :data:`FRAME_MS` while a stroke goes on.
    """

    drawn = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.canvas = DrawCanvas(resolution=280, pen_width=20)
        self.canvas.setFixedSize(CANVAS_SIDE, CANVAS_SIDE)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button = QPushButton()
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.canvas.undo_available.connect(self.undo_button.setEnabled)
        self.pen_spin = QSpinBox(minimum=4, maximum=60, value=round(self.canvas.pen_width))
        self.pen_spin.valueChanged.connect(self._on_pen_changed)
        self.pen_label = QLabel()
        self.pen_label.setBuddy(self.pen_spin)
        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.clear_button)
        tools.addWidget(self.undo_button)
        tools.addSpacing(8)
        tools.addWidget(self.pen_label)
        tools.addWidget(self.pen_spin)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(tools)
        layout.addStretch(1)

        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(FRAME_MS)
        self._frame_timer.timeout.connect(self.drawn)
        self.canvas.drawn.connect(self._on_canvas_drawn)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("ClassifyPage", "Draw"))
        self.canvas.setToolTip(QCoreApplication.translate(
            "ClassifyPage", "Draw with the left mouse button, erase with the right one. "
            "Delete clears, Ctrl+Z undoes (while the canvas has the focus)."))
        self.clear_button.setText(QCoreApplication.translate("ClassifyPage", "Clear"))
        self.clear_button.setToolTip(
            QCoreApplication.translate("ClassifyPage", "Wipe the canvas clean"))
        self.undo_button.setText(QCoreApplication.translate("ClassifyPage", "Undo"))
        self.undo_button.setToolTip(
            QCoreApplication.translate("ClassifyPage", "Take back the last stroke"))
        self.pen_spin.setSuffix(QCoreApplication.translate("ClassifyPage", " px"))
        self.pen_spin.setToolTip(QCoreApplication.translate(
            "ClassifyPage", "Pen width on the 280×280 canvas. The drawing is shrunk to "
            "28×28, so 20 px becomes a stroke about 2 pixels wide, like MNIST's."))
        self.pen_label.setText(QCoreApplication.translate("ClassifyPage", "Pen:"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_canvas_drawn(self) -> None:
        if not self._frame_timer.isActive():
            self._frame_timer.start()

    def _on_pen_changed(self, value: int) -> None:
        self.canvas.pen_width = value
