"""Which epoch of the training history the Network page shows.

The Train page's training history (:class:`gui.train.training_history.TrainingHistory`)
can show the network as it was after any epoch of the last run, on every page. On the
Network page an :class:`EpochLabel` says which ("Training history: Epoch 3 of 12", in the
slider's own words), marked when it is an earlier epoch than the trained network, and is
hidden when there is no history (no run yet, or an opened model).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from gui.state import LabState


class EpochLabel(QLabel):
    """The epoch shown, once :meth:`follow` has been given the Train page."""

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._slider = None
        self.hide()
        state.model_changed.connect(self._on_model_changed)

    def follow(self, training_page) -> None:
        """Say which position of ``training_page``'s training history (its slider) is
        shown."""
        self._slider = training_page.history_slider
        training_page.training_history.shown.connect(self.retranslate)
        self.retranslate()

    def _on_model_changed(self) -> None:
        self.retranslate()
        # Again once every listener has heard of the model: the history may clear itself.
        QTimer.singleShot(0, self.retranslate)

    def retranslate(self, *_args) -> None:
        slider = self._slider
        if slider is None or not slider.positions or self.state.model is None:
            self.hide()
            return
        self.setText(self.tr("Training history: {0}").format(slider.position_text()))
        # An earlier epoch stands out: every layer shows that network, not the trained one.
        self.setStyleSheet("color: #b23c00; font-weight: bold;"
                           if self.state.showing_earlier_model else "color: #555;")
        self.setToolTip(self.tr(
            "The layers show the network as it was at this point of the last training run. "
            "Move the training history slider on the Train page to see another epoch."))
        self.show()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
