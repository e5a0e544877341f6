"""The explorer's view into the trained network: its prediction for the current image, and
buttons that put the network's own first-layer filters into the filter editor.

With the learned filters in the editor, the state computes the prediction with the
editor's filters standing in for the network's first layer, so editing one learned weight
changes the bars at once; "Reset to learned" undoes the edits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.common.display_names import class_names
from gui.common.error_text import error_text
from gui.common.probability_bars import ProbabilityBars
from gui.state import LabState


class PredictionPanel(QWidget):
    """Probability bars for ``state.prediction`` with "Use learned filters" and
    "Reset to learned".

    Parameters
    ----------
    state : LabState
        Read: ``model``, ``prediction``, ``learned_filters``, ``filters``, ``image``.
        Changed only through ``use_learned_filters()`` and ``reset_to_learned()``.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state

        self.bars = ProbabilityBars(compact=True)
        #: Why the learned filters could not be used (shown in the hint), or None.
        self._use_error: ValueError | None = None
        self.use_button = QPushButton()
        self.use_button.clicked.connect(self._on_use_clicked)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.reset_button)
        self.box = box = QGroupBox()
        inner = QVBoxLayout(box)
        inner.setSpacing(6)
        inner.addWidget(self.bars, 1)
        inner.addLayout(buttons)
        inner.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

        state.predicted.connect(self._on_predicted)
        state.model_changed.connect(self._update_controls)
        state.filters_changed.connect(self._update_controls)
        state.image_changed.connect(self._update_controls)
        self.retranslate()

    def retranslate(self) -> None:
        """Word every text again; the hint and the bars' message follow the state."""
        self.use_button.setText(self.tr("Use learned filters"))
        self.use_button.setToolTip(self.tr(
            "Put the trained network's first-layer filters into the filter editor, with its "
            "stride, padding and pooling, so the explorer shows what the network computes"))
        self.reset_button.setText(self.tr("Reset to learned"))
        self.reset_button.setToolTip(self.tr(
            "Undo your edits: put the filters back exactly as the network learned them"))
        self.box.setTitle(self.tr("Trained network"))
        use_error = self._use_error
        self._on_predicted(self.state.prediction)
        self._update_controls()
        if use_error is not None:
            self._use_error = use_error
            self.hint.setText(error_text(use_error))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "box"):
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(300, 260)

    # --- reacting ----------------------------------------------------------------------
    def _on_predicted(self, probabilities) -> None:
        model = self.state.model
        if model is None:
            self.bars.set_probabilities(None, empty_text=self.tr(
                "No trained model yet — train one on the Train page"))
        elif probabilities is None:
            shape = tuple(model.input_shape or ())
            c, h, w = shape if len(shape) == 3 else (1, 28, 28)
            if c == 1:
                text = self.tr("The model reads {0}×{1} grayscale images: pick a digit or "
                               "set the size to {0}").format(h, w)
            else:
                text = self.tr("The model reads {0}×{1} colour images: pick one or set the "
                               "size to {0}").format(h, w)
            self.bars.set_probabilities(None, empty_text=text)
        else:
            names = class_names(model.class_names) if model.class_names is not None else None
            self.bars.set_probabilities(probabilities, names)

    def _on_use_clicked(self) -> None:
        try:
            self.state.use_learned_filters()
        except ValueError as error:
            self._use_error = error
            self.hint.setText(error_text(error))

    def _on_reset_clicked(self) -> None:
        self.state.reset_to_learned()

    def _update_controls(self) -> None:
        self._use_error = None
        has_conv = self.state.first_conv() is not None
        learned = self.state.learned_filters
        self.use_button.setEnabled(has_conv)
        # Nothing to undo until a learned weight is edited.
        edited = self.state.learned_filters_edited
        self.reset_button.setEnabled(edited)
        if self.state.model is None:
            hint = self.tr("Train a network, then look inside it here.")
        elif not has_conv:
            hint = self.tr("This network has no convolution layer to show.")
        elif learned is None:
            hint = self.tr("“Use learned filters” shows the network's own first layer in "
                           "the explorer.")
        elif edited:
            hint = self.tr("The prediction now uses your edited weights. “Reset to learned” "
                           "undoes the edits.")
        else:
            hint = self.tr("Edit a learned weight in the filter editor and watch the "
                           "prediction change.")
        self.hint.setText(hint)
