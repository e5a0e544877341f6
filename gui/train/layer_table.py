"""Every layer of the network the Train page would build: output shape, weights, biases.

:class:`LayerTable` shows the :func:`gui.train.network_plan.plan_network` of the state's
training configuration on the selected data: one row per layer (grouped by convolution
block and hidden layer), the totals, and before training the memory a training step
needs and an estimate of the time per epoch on this machine. A configuration that does
not fit the image, holds too many parameters or needs more memory than the budget is
refused: its row turns red and a sentence (from :mod:`gui.common.error_text`) names the
block or layer; :attr:`LayerTable.fits` is then False and ``fit_changed`` tells the page,
which disables Train with that reason. Nothing is allocated.

The time estimate needs this machine's training speed, measured once per session in a
:class:`gui.worker.Worker` (:class:`MachineSpeed`) the first time a table is shown.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.costs import MemoryBudgetExceeded
from engine.train import measure_training_speed
from gui.common.error_text import error_text, memory_text
from gui.common.widgets import reserve_lines
from gui.state import LabState
from gui.train.network_plan import LayerRow, NetworkPlan, plan_network
from gui.worker import Worker

ERROR_STYLE = "color: #b2182b;"
ERROR_BACKGROUND = QColor(253, 219, 199)
#: Every other block (and hidden layer) is shaded, so a block's rows read as one.
GROUP_BACKGROUND = QColor(240, 244, 250)


class MachineSpeed(QObject):
    """This machine's training speed (floating-point operations per second, see
    :func:`engine.train.measure_training_speed`), measured once per session in the
    worker and shared by every table: use :func:`machine_speed`. ``measured(float)`` is
    emitted when it is known (at once, for a request after the measurement)."""

    measured = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.flops_per_second: float | None = None
        self._worker: Worker | None = None

    def request(self) -> None:
        """Emit ``measured`` now if the speed is known, or once it has been measured."""
        if self.flops_per_second is not None:
            self.measured.emit(self.flops_per_second)
            return
        if self._worker is not None:
            return
        worker = Worker(lambda report, should_stop: measure_training_speed(0.3), self)
        worker.succeeded.connect(self._on_succeeded)
        self._worker = worker
        # Never destroy a running thread (Qt aborts): the process waits for it at exit.
        atexit.register(worker.stop_and_wait, 5_000)
        worker.start()

    def _on_succeeded(self, flops: float) -> None:
        self.flops_per_second = float(flops)
        self.measured.emit(self.flops_per_second)


_speed: MachineSpeed | None = None


def machine_speed() -> MachineSpeed:
    """The session's one :class:`MachineSpeed` (it outlives every page)."""
    global _speed
    if _speed is None:
        _speed = MachineSpeed()
    return _speed


def shape_text(shape) -> str:
    """``16×24×24`` for maps (channels × rows × columns), ``1,024`` for a vector."""
    if len(shape) == 1:
        return f"{int(shape[0]):,}"
    return "×".join(str(int(side)) for side in shape)


def problem_text(plan: NetworkPlan) -> str | None:
    """The sentence that refuses ``plan`` in the current language, or None when it fits."""
    error = plan.problem
    if error is None:
        return None
    if isinstance(error, MemoryBudgetExceeded):
        row = plan.rows[error.layer_index]
        return memory_text(error, row.block, row.hidden)
    return error_text(error)


class LayerTable(QWidget):
    """The table of layers, its totals, the estimates and why a network is refused.

    Signals
    -------
    fit_changed(bool) : after every update, whether Train may start.

    The data comes from the page: :meth:`set_data` with the images' (C, H, W), the number
    of classes and of training images (None where not known yet). ``table`` is the
    QTableWidget (columns: layer, output shape, weights, biases).
    """

    fit_changed = Signal(bool)

    def __init__(self, state: LabState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._shape: tuple[int, int, int] = (1, 28, 28)
        self._classes: int | None = 10
        self._images: int | None = None
        self.speed = machine_speed()
        self._flops: float | None = self.speed.flops_per_second
        self.plan: NetworkPlan | None = None
        self.speed.measured.connect(self._on_speed_measured)

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.memory = QLabel()
        self.memory.setWordWrap(True)
        self.time = QLabel()
        self.time.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reserve_lines(self.problem, 3)  # the longest refusal: nothing jumps below it
        for label in (self.totals, self.memory, self.time):
            reserve_lines(label, 2)  # a measured speed or a new total moves nothing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.memory)
        layout.addWidget(self.time)
        layout.addWidget(self.problem)
        state.training_config_changed.connect(self.refresh)
        self.retranslate()

    # --- inputs ------------------------------------------------------------------------
    def set_data(self, shape, classes: int | None, images: int | None) -> None:
        """The selected data: images (C, H, W) (None: 28×28 grey, what every source gives
        until a folder is read), the number of classes and of training images."""
        self._shape = tuple(int(v) for v in shape) if shape else (1, 28, 28)
        self._classes = classes
        self._images = images
        self.refresh()

    def set_speed(self, flops_per_second: float) -> None:
        """Estimate times at ``flops_per_second`` (tests; normally measured)."""
        self._flops = float(flops_per_second)
        self._show_estimates()

    def _on_speed_measured(self, flops: float) -> None:
        if self._flops is None:
            self.set_speed(flops)

    @property
    def fits(self) -> bool:
        return self.plan is not None and self.plan.fits

    def reason(self) -> str | None:
        """Why Train is refused, in the current language (None when it may start)."""
        return None if self.plan is None else problem_text(self.plan)

    # --- showing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Plan the state's configuration on the data again and show it."""
        self.plan = plan_network(self.state.training_config, self._shape, self._classes)
        self._show()
        self.fit_changed.emit(self.plan.fits)

    def _show(self) -> None:
        plan = self.plan
        if plan is None:
            return
        rows = [LayerRow(None)] + list(plan.rows)  # the input first
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for index, row in enumerate(rows):
            failing = plan.problem_row is not None and index - 1 == plan.problem_row
            if index == 0:
                texts = (self.tr("Input image"), shape_text(plan.input_shape), "", "")
            elif row.summary is None:
                texts = (self.tr("{0} · does not fit").format(row.block + 1), "—", "", "")
            else:
                layer = row.summary
                texts = (self._layer_name(row), shape_text(layer.output_shape),
                         f"{layer.weights:,}" if layer.weights else "",
                         f"{layer.biases:,}" if layer.biases else "")
            group = row.block if row.block is not None else (
                None if row.hidden is None else row.hidden + 100)
            for column, text in enumerate(texts):
                item = self.table.item(index, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(index, column, item)
                item.setText(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setFont(bold if row.output and column == 0 else self.table.font())
                if failing:
                    item.setBackground(QBrush(ERROR_BACKGROUND))
                elif group is not None and group % 2 == 0:
                    item.setBackground(QBrush(GROUP_BACKGROUND))
                else:
                    item.setBackground(QBrush())
                item.setToolTip(self._layer_tip(row) if column == 0 and index else "")
        self.table.setUpdatesEnabled(True)
        complete = bool(plan.rows) and all(row.summary is not None for row in plan.rows)
        if complete:
            self.totals.setText(self.tr(
                "Total: {0:,} weights and {1:,} biases, {2:,} parameters to learn.").format(
                plan.weights, plan.biases, plan.weights + plan.biases))
        else:
            self.totals.setText("")
        if not plan.classes_known:
            self.totals.setText(self.totals.text() + "\n" + self.tr(
                "The output layer has one score per class; its counts are shown for 2 "
                "classes until the data is read."))
        reason = problem_text(plan)
        self.problem.setText(reason or "")
        self._show_estimates()

    def _show_estimates(self) -> None:
        plan = self.plan
        if plan is None:
            return
        if plan.memory is None:
            self.memory.setText("")
        else:
            self.memory.setText(self.tr(
                "Memory to train: about {0:,.0f} MiB for {1} images at a time.").format(
                plan.memory.total / 2**20, plan.batch))
        config = self.state.training_config
        if not plan.fits:
            self.time.setText("")
        elif self._flops is None:
            self.time.setText(self.tr("Time per epoch: measuring this computer's speed…"))
        elif not self._images:
            self.time.setText(self.tr("Time per epoch: known once the data is ready."))
        else:
            seconds = plan.epoch_seconds(self._images, config.validation_fraction, self._flops)
            self.time.setText(self.tr(
                "Time per epoch: {0} on this computer (an estimate; {1} epochs: {2}).")
                .format(self._duration(seconds), config.epochs,
                        self._duration(seconds * config.epochs)))

    def _duration(self, seconds: float) -> str:
        """``about 3 s``, ``about 2 min`` or ``under 1 s`` (never "about under 1 s")."""
        if seconds < 1:
            return self.tr("under 1 s")
        if seconds < 90:
            return self.tr("about {0:.0f} s").format(seconds)
        return self.tr("about {0:.0f} min").format(seconds / 60)

    def _layer_name(self, row: LayerRow) -> str:
        """``1 · convolution 5×5``: a block's layers start with the block's number."""
        spec, kind = row.spec or {}, row.summary.kind
        if row.output:
            return self.tr("Output · dense")
        if kind == "Flatten":
            return self.tr("Flattening")
        if row.hidden is not None:
            if kind == "Dense":
                return self.tr("Hidden {0} · dense").format(row.hidden + 1)
            return self.tr("Hidden {0} · ReLU").format(row.hidden + 1)
        block = row.block + 1
        if kind == "Conv2D":
            rows, cols = spec["kernel_size"]
            return self.tr("{0} · convolution {1}×{2}").format(block, rows, cols)
        if kind == "ReLU":
            return self.tr("{0} · ReLU").format(block)
        rows, cols = spec["size"]
        if kind == "MaxPool2D":
            return self.tr("{0} · max pooling {1}×{2}").format(block, rows, cols)
        return self.tr("{0} · average pooling {1}×{2}").format(block, rows, cols)

    def _layer_tip(self, row: LayerRow) -> str:
        spec = row.spec or {}
        if row.summary is None or spec.get("type") != "Conv2D":
            return ""
        return self.tr("{0} filters, stride {1}×{2}, padding {3}×{4}, dilation {5}×{6}").format(
            spec["out_channels"], *spec["stride"], *spec["padding"], *spec["dilation"])

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Layers of the network"))
        self.table.setHorizontalHeaderLabels([self.tr("Layer"), self.tr("Output"),
                                              self.tr("Weights"), self.tr("Biases")])
        self.table.setToolTip(self.tr(
            "Each layer's output for one image (channels × rows × columns, or a vector's "
            "length) and how many weights and biases it learns. The number before a layer "
            "is its convolution block"))
        self.memory.setToolTip(self.tr(
            "The weights, their gradients, the optimizer's state and every layer's output "
            "for the images a training step holds at once"))
        self.time.setToolTip(self.tr(
            "Counted from the network's multiply-adds and this computer's measured speed; "
            "other programs and the live curves can make it slower"))
        self._show()

    # --- events ------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._flops is None:
            self.speed.request()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "time"):
            self.retranslate()
        super().changeEvent(event)
