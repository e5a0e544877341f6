"""The explorer's draw mode: the paint canvas with its brush, eraser, undo and clear.

Part of the image panel (its texts are filed under the ``ImagePanel`` translation
context, worded again on a language change); the panel decides when the drawing becomes
the picture.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.common.draw_canvas import DrawCanvas
from gui.common.widgets import make_quiet


class DrawArea(QWidget):
    """A 200×200 :class:`DrawCanvas` (``canvas``) and the tools that act on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(6)

        self.canvas = DrawCanvas()
        self.canvas.setFixedSize(200, 200)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.canvas)
        centred.addStretch(1)
        column.addLayout(centred)

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(4, 60)
        self.pen_slider.setValue(round(self.canvas.pen_width))
        self.pen_value = QLabel()
        self.pen_value.setMinimumWidth(self.pen_value.fontMetrics().horizontalAdvance("00 px"))
        self.pen_slider.valueChanged.connect(self._on_pen_width_changed)
        brush_row = QHBoxLayout()
        self.brush_label = QLabel()
        self.brush_label.setBuddy(self.pen_slider)
        brush_row.addWidget(self.brush_label)
        brush_row.addWidget(self.pen_slider, 1)
        brush_row.addWidget(self.pen_value)
        column.addLayout(brush_row)

        self.eraser_button = QToolButton()
        self.eraser_button.setCheckable(True)
        self.eraser_button.toggled.connect(self.canvas.set_eraser)
        self.undo_button = QToolButton()
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.canvas.undo_available.connect(self.undo_button.setEnabled)
        self.clear_button = QToolButton()
        self.clear_button.clicked.connect(self.canvas.clear)
        tools = QHBoxLayout()
        for button in (self.eraser_button, self.undo_button, self.clear_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tools.addWidget(button)
        column.addLayout(tools)
        self.hint = make_quiet(QLabel())
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        """Word every text again (the canvas words its own tooltip)."""
        self.pen_slider.setToolTip(QCoreApplication.translate(
            "ImagePanel", "Brush width, in pixels of the {0}×{1} drawing.").format(
                *self.canvas.resolution))
        self._on_pen_width_changed(self.pen_slider.value())
        self.brush_label.setText(QCoreApplication.translate("ImagePanel", "&Brush:"))
        self.eraser_button.setText(QCoreApplication.translate("ImagePanel", "Eraser"))
        self.eraser_button.setToolTip(QCoreApplication.translate(
            "ImagePanel", "When on, the left button erases. The right button always erases."))
        self.undo_button.setText(QCoreApplication.translate("ImagePanel", "Undo"))
        self.undo_button.setToolTip(QCoreApplication.translate(
            "ImagePanel", "Take back the last stroke (Ctrl+Z on the canvas)."))
        self.clear_button.setText(QCoreApplication.translate("ImagePanel", "Clear"))
        self.clear_button.setToolTip(QCoreApplication.translate(
            "ImagePanel", "Start again on blank paper."))
        self.hint.setText(QCoreApplication.translate(
            "ImagePanel", "Every view follows your drawing. The right button erases."))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "hint"):
            self.retranslate()
        super().changeEvent(event)

    def _on_pen_width_changed(self, width: int) -> None:
        self.canvas.pen_width = width
        self.pen_value.setText(QCoreApplication.translate("ImagePanel", "{0} px").format(width))
