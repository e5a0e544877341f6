"""The Train page's training-history slider: one position per epoch kept by the last run.

The slider only shows and picks positions; :class:`gui.train.training_history.
TrainingHistory` decides what each shows. A position is an :class:`EpochPosition`: the
weights after an epoch (epoch 0: before training), or, as the last position of a run
that did not end with its last epoch's weights, the model the run left (stopped during
an epoch, or the best epoch's weights kept by early stopping).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

# The kinds of EpochPosition.
EPOCH, STOPPED, BEST = "epoch", "stopped", "best"


@dataclass(frozen=True)
class EpochPosition:
    """One slider position. ``kind`` EPOCH: the weights after ``epoch`` (0: before
    training); STOPPED: the model the run left when stopped during ``epoch``; BEST: the
    model early stopping left, with the weights of ``epoch``."""

    epoch: int
    kind: str = EPOCH


class HistorySlider(QWidget):
    """"Training history" with a slider and the position it shows ("Epoch 3 of 12").

    Signals
    -------
    position_chosen(int) : the learner moved the slider to this position (an index into
        :attr:`positions`).

    Disabled until a run has finished; during a run it follows the epochs as they end.
    """

    position_chosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.positions: tuple[EpochPosition, ...] = ()
        self.epochs = 0          # the run's epochs (planned while it runs, then done)
        self.kept_bytes = 0      # the memory the kept weights take
        self.title = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.valueChanged.connect(self._on_value_changed)
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(120)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.value_label)
        self.set_positions((), 0, running=False)
        self.retranslate()

    # --- language ------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Training history"))
        self.slider.setToolTip(self.tr(
            "Move through the epochs of the last run. The learned filters, the test "
            "accuracy and the confusion matrix here, and the pages Explore a layer, Classify "
            "and Every layer, show the network as it was after that epoch (\"Show learned "
            "filters in explorer\" takes that epoch's filters). Save model always saves the "
            "final trained model; the last position brings it back everywhere."))
        self._update_text()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- what it shows -------------------------------------------------------------------
    def set_positions(self, positions, epochs: int, running: bool,
                      kept_bytes: int = 0) -> None:
        """Offer ``positions`` (:class:`EpochPosition`, oldest first) of a run of
        ``epochs`` epochs, at the last one. While the run is ``running`` (or when there
        are none) the slider is disabled."""
        self.positions = tuple(positions)
        self.epochs = int(epochs)
        self.kept_bytes = int(kept_bytes)
        self.slider.blockSignals(True)  # the last position is what the page shows
        self.slider.setRange(0, max(len(self.positions) - 1, 0))
        self.slider.setValue(self.slider.maximum())
        self.slider.blockSignals(False)
        self.slider.setEnabled(not running and len(self.positions) > 1)
        self._update_text()

    def clear(self) -> None:
        self.set_positions((), 0, running=False)

    @property
    def index(self) -> int:
        return self.slider.value()

    @property
    def at_last(self) -> bool:
        return self.slider.value() == self.slider.maximum()

    def choose(self, index: int) -> None:
        """Move to position ``index`` (as the learner would)."""
        self.slider.setValue(int(index))

    def position_text(self, index: int | None = None) -> str:
        """What position ``index`` (default: the one shown) shows, in words."""
        if not self.positions:
            return self.tr("no run yet")
        index = self.slider.value() if index is None else index
        position, epochs = self.positions[index], self.epochs
        if position.kind == STOPPED:
            return self.tr("Stopped during epoch {0}").format(position.epoch)
        if position.kind == BEST:
            return self.tr("Kept: epoch {0} (early stopping)").format(position.epoch)
        if position.epoch == 0:
            return self.tr("Before training (epoch 0 of {0})").format(epochs)
        return self.tr("Epoch {0} of {1}").format(position.epoch, epochs)

    def _update_text(self) -> None:
        self.value_label.setText(self.position_text())
        count = sum(1 for p in self.positions if p.kind == EPOCH)
        self.value_label.setToolTip("" if not count else self.tr(
            "The network's weights are kept at %n point(s) of the run ({0:.1f} MB in all).",
            "", count).format(self.kept_bytes / 2**20))

    def _on_value_changed(self, index: int) -> None:
        self._update_text()
        if self.positions:
            self.position_chosen.emit(index)
