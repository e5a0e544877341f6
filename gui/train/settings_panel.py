"""The Training page's network and training settings: the architecture (filters, kernel,
stride, padding, pooling, hidden units) with a summary of the network Train would build,
and the hyper-parameters (epochs, batch, learning rate, optimizer, augmentation, early
stopping).

The widgets and ``state.training_config`` mirror each other: every edit writes the
configuration into the state, and whatever a lesson puts there shows in the widgets.
The panel tells the page what it needs through signals; its texts keep the
``"TrainingPage"`` translation context they had before the panel existed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import architecture, ops
from engine.train import STEP_CHUNK_FLOATS
from gui.common.widgets import reserve_lines
from gui.state import MAX_FILTERS, MAX_KERNEL, LabState
from gui.train.job import TrainingConfig

#: A typical starting learning rate for each optimizer; switching optimizer swaps them
#: only while the rate is still the other one's typical value.
TYPICAL_LR = {"adam": 0.003, "sgd": 0.05}
#: The topic of the panel's messages (gui/common/status_line.py).
ARCHITECTURE = "architecture"


def _summary(config: TrainingConfig, shape, classes: int):
    """The engine's per-layer summary of ``config`` for images ``shape``, built from
    sizes alone (ValueError, naming the sizes, when the image shrinks to nothing)."""
    specs = architecture.cnn_architecture(
        shape,
        classes,
        config.filters,
        config.kernel_size,
        config.stride,
        config.padding,
        config.pool,
        config.pool_size,
        config.hidden,
    )
    return architecture.summarize(specs, shape)


class SettingsPanel(QWidget):
    """The "Network" and "Training" groups, one above the other.

    Signals
    -------
    message(str, bool) : a sentence for the page's status line, and whether it is an error
        (topic :data:`ARCHITECTURE`).
    edited() : the learner changed a setting (what the page said about the old setup may
        no longer hold).
    fit_changed(bool) : whether the network fits the data and the memory budget (Train may
        start), after every summary update.

    ``planned_geometry`` is a callable giving the selected data's ((C, H, W) or None,
    number of classes or None), e.g. :meth:`DatasetPanel.planned_geometry`.
    """

    message = Signal(str, bool)
    edited = Signal()
    fit_changed = Signal(bool)

    def __init__(self, state: LabState, planned_geometry, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._planned_geometry = planned_geometry
        self._training = False
        self._architecture_ok = True
        # Set once the learner (or a caller) chose an architecture: the first showing of
        # the page then leaves it alone instead of copying the explorer's layer.
        self.architecture_touched = False
        # Architecture
        self.filters = self._spin(
            1,
            MAX_FILTERS,
            8,
            QCoreApplication.translate(
                "TrainingPage", "How many feature detectors the convolution layer learns"
            ),
        )
        self.kernel = self._spin(
            1,
            MAX_KERNEL,
            3,
            QCoreApplication.translate("TrainingPage", "Side of each filter, in pixels"),
        )
        self.stride = self._spin(
            1,
            16,
            1,
            QCoreApplication.translate(
                "TrainingPage", "How many pixels a filter moves between two output cells"
            ),
        )
        self.padding = self._spin(
            0,
            10,
            0,
            QCoreApplication.translate(
                "TrainingPage",
                "Rows and columns of zeros added around each image (1 keeps a 3×3 layer's size)",
            ),
        )
        self.pool = QComboBox()
        self.pool.addItem(QCoreApplication.translate("TrainingPage", "max"), "max")
        self.pool.addItem(QCoreApplication.translate("TrainingPage", "average"), "avg")
        self.pool.addItem(QCoreApplication.translate("TrainingPage", "none"), "none")
        self.pool.setToolTip(
            QCoreApplication.translate(
                "TrainingPage",
                "Pooling after the convolution: max keeps each window's "
                "strongest response, average its mean",
            )
        )
        self.pool_size = self._spin(
            1,
            8,
            2,
            QCoreApplication.translate(
                "TrainingPage", "Side of each pooling window (its stride too)"
            ),
        )
        pool_row = QHBoxLayout()
        pool_row.setContentsMargins(0, 0, 0, 0)
        pool_row.addWidget(self.pool, 1)
        pool_row.addWidget(QLabel(QCoreApplication.translate("TrainingPage", "size")))
        pool_row.addWidget(self.pool_size)
        self.hidden = self._spin(
            0,
            512,
            0,
            QCoreApplication.translate(
                "TrainingPage",
                "Width of an extra dense layer before the output (0: none, the features go "
                "straight to the classes)",
            ),
        )
        self.hidden.setSingleStep(16)
        self.hidden.setSpecialValueText(QCoreApplication.translate("TrainingPage", "none"))
        self.architecture_summary = QLabel()
        self.architecture_summary.setWordWrap(True)
        self.architecture_summary.setStyleSheet("color: #555;")
        self.architecture_summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        reserve_lines(self.architecture_summary, 4)  # the longest summaries and errors
        self.copy_button = QPushButton(
            QCoreApplication.translate("TrainingPage", "Copy from explorer")
        )
        self.copy_button.setToolTip(
            QCoreApplication.translate(
                "TrainingPage",
                "Use the explorer's number of filters, kernel size, stride, padding and pooling",
            )
        )
        self.copy_button.clicked.connect(lambda: self.copy_from_explorer())

        arch = QGroupBox(QCoreApplication.translate("TrainingPage", "Network"))
        form = QFormLayout(arch)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(QCoreApplication.translate("TrainingPage", "Filters"), self.filters)
        form.addRow(QCoreApplication.translate("TrainingPage", "Kernel size"), self.kernel)
        form.addRow(QCoreApplication.translate("TrainingPage", "Stride"), self.stride)
        form.addRow(QCoreApplication.translate("TrainingPage", "Padding"), self.padding)
        form.addRow(QCoreApplication.translate("TrainingPage", "Pooling"), pool_row)
        form.addRow(QCoreApplication.translate("TrainingPage", "Hidden units"), self.hidden)
        form.addRow(self.architecture_summary)
        form.addRow(self.copy_button)
        self.architecture_box = arch

        # Hyper-parameters
        self.epochs = self._spin(
            1,
            200,
            5,
            QCoreApplication.translate(
                "TrainingPage", "How many times the network sees every training image"
            ),
        )
        self.batch_size = self._spin(
            1,
            1024,
            64,
            QCoreApplication.translate(
                "TrainingPage",
                "Images per weight update: smaller batches update more often but noisier",
            ),
        )
        self.learning_rate = QDoubleSpinBox(
            decimals=5, minimum=0.00001, maximum=10000.0, value=TYPICAL_LR["adam"]
        )
        self.learning_rate.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.learning_rate.setKeyboardTracking(False)
        self.learning_rate.setToolTip(
            QCoreApplication.translate(
                "TrainingPage",
                "How big a step each update takes. Typical: 0.001–0.01 for Adam, 0.01–0.1 for "
                "SGD. Too large and training diverges; too small and it barely moves",
            )
        )
        self.optimizer = QComboBox()
        self.optimizer.addItem(QCoreApplication.translate("TrainingPage", "Adam"), "adam")
        self.optimizer.addItem(
            QCoreApplication.translate("TrainingPage", "SGD with momentum"), "sgd"
        )
        self.optimizer.setToolTip(
            QCoreApplication.translate(
                "TrainingPage",
                "Adam adapts the step for every weight; SGD with momentum follows the "
                "gradient, smoothed over recent steps",
            )
        )
        self.momentum = QDoubleSpinBox(
            decimals=2, minimum=0.0, maximum=0.99, value=0.9, singleStep=0.05
        )
        self.momentum.setToolTip(
            QCoreApplication.translate(
                "TrainingPage", "SGD only: the share of the previous step kept in the next"
            )
        )
        self.momentum.setKeyboardTracking(False)
        self.momentum_label = QLabel(QCoreApplication.translate("TrainingPage", "Momentum"))
        self.augment = QCheckBox(
            QCoreApplication.translate("TrainingPage", "Shift images randomly (±2 px)")
        )
        self.augment.setToolTip(
            QCoreApplication.translate(
                "TrainingPage",
                "Augmentation: every epoch each training image is moved by up to 2 pixels, so "
                "the network learns shapes rather than positions",
            )
        )
        self.early_stopping = QCheckBox(
            QCoreApplication.translate("TrainingPage", "Stop early, patience")
        )
        self.early_stopping.setToolTip(
            QCoreApplication.translate(
                "TrainingPage",
                "Stop when the validation loss has not improved for this many epochs, and "
                "keep the best weights",
            )
        )
        self.patience = self._spin(
            1,
            50,
            3,
            QCoreApplication.translate(
                "TrainingPage", "Epochs without a better validation loss before training stops"
            ),
        )
        early_row = QHBoxLayout()
        early_row.setContentsMargins(0, 0, 0, 0)
        early_row.addWidget(self.early_stopping, 1)
        early_row.addWidget(self.patience)

        hyper = QGroupBox(QCoreApplication.translate("TrainingPage", "Training"))
        form = QFormLayout(hyper)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(QCoreApplication.translate("TrainingPage", "Epochs"), self.epochs)
        form.addRow(QCoreApplication.translate("TrainingPage", "Batch size"), self.batch_size)
        form.addRow(QCoreApplication.translate("TrainingPage", "Learning rate"), self.learning_rate)
        form.addRow(QCoreApplication.translate("TrainingPage", "Optimizer"), self.optimizer)
        form.addRow(self.momentum_label, self.momentum)
        form.addRow(self.augment)
        form.addRow(early_row)
        self.training_box = hyper

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(arch)
        layout.addWidget(hyper)

        for box in (
            self.filters,
            self.kernel,
            self.stride,
            self.padding,
            self.pool_size,
            self.hidden,
        ):
            box.valueChanged.connect(self._on_architecture_edited)
        self.pool.currentIndexChanged.connect(self._on_architecture_edited)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        self.early_stopping.toggled.connect(self._update_enabled)
        for box in (
            self.epochs,
            self.batch_size,
            self.learning_rate,
            self.momentum,
            self.patience,
            self.filters,
            self.kernel,
            self.stride,
            self.padding,
            self.pool_size,
            self.hidden,
        ):
            box.valueChanged.connect(self.edited)
        for combo in (self.pool, self.optimizer):
            combo.currentIndexChanged.connect(self.edited)
        for check in (self.augment, self.early_stopping):
            check.toggled.connect(self.edited)
        self._on_optimizer_changed()
        # Every control writes the configuration into the state, and the controls show
        # whatever a lesson puts there (set_config blocks their signals: no echo).
        for box in (
            self.filters,
            self.kernel,
            self.stride,
            self.padding,
            self.pool_size,
            self.hidden,
            self.epochs,
            self.batch_size,
            self.patience,
            self.learning_rate,
            self.momentum,
        ):
            box.valueChanged.connect(self._push_config)
        for combo in (self.pool, self.optimizer):
            combo.currentIndexChanged.connect(self._push_config)
        for check in (self.augment, self.early_stopping):
            check.toggled.connect(self._push_config)
        self.state.training_config_changed.connect(self._on_training_config_changed)

    @property
    def fits(self) -> bool:
        """Whether the network shown fits the data and the memory budget."""
        return self._architecture_ok

    def set_training(self, training: bool) -> None:
        """A run started (the settings wait) or ended."""
        self._training = training
        self.architecture_box.setEnabled(not training)
        self.training_box.setEnabled(not training)
        self._update_enabled()

    def _say(self, text: str, error: bool = False, topic: str = ARCHITECTURE) -> None:
        self.message.emit(text, error)

    def _spin(self, minimum: int, maximum: int, value: int, tip: str) -> QSpinBox:
        box = QSpinBox(minimum=minimum, maximum=maximum, value=value)
        box.setToolTip(tip)
        box.setKeyboardTracking(False)
        return box

    def config(self) -> TrainingConfig:
        """The configuration the widgets show now (ValueError if it is unusable)."""
        return TrainingConfig(
            filters=self.filters.value(),
            kernel_size=self.kernel.value(),
            stride=self.stride.value(),
            padding=self.padding.value(),
            pool=self.pool.currentData(),
            pool_size=self.pool_size.value(),
            hidden=self.hidden.value(),
            epochs=self.epochs.value(),
            batch_size=self.batch_size.value(),
            lr=self.learning_rate.value(),
            optimizer=self.optimizer.currentData(),
            momentum=self.momentum.value(),
            augment_shift=2 if self.augment.isChecked() else 0,
            patience=self.patience.value() if self.early_stopping.isChecked() else None,
        )

    def set_config(self, config: TrainingConfig, _from_explorer: bool = False) -> None:
        """Show ``config`` in the widgets (non-square sizes show their rows)."""
        self.architecture_touched = self.architecture_touched or not _from_explorer
        pairs = (
            (self.filters, config.filters),
            (self.kernel, config.kernel_size[0]),
            (self.stride, config.stride[0]),
            (self.padding, config.padding[0]),
            (self.pool_size, config.pool_size[0]),
            (self.hidden, config.hidden),
            (self.epochs, config.epochs),
            (self.batch_size, config.batch_size),
            (self.patience, config.patience or self.patience.value()),
        )
        for box, value in pairs:
            with QSignalBlocker(box):
                box.setValue(int(value))
        with QSignalBlocker(self.learning_rate), QSignalBlocker(self.momentum):
            self.learning_rate.setValue(config.lr)
            self.momentum.setValue(config.momentum)
        for combo, value in ((self.pool, config.pool), (self.optimizer, config.optimizer)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(value), 0))
        with QSignalBlocker(self.augment), QSignalBlocker(self.early_stopping):
            self.augment.setChecked(config.augment_shift > 0)
            self.early_stopping.setChecked(config.patience is not None)
        self._update_enabled()
        self.update_architecture_summary()
        self._push_config()

    def _push_config(self) -> None:
        try:
            self.state.set_training_config(self.config())
        except ValueError:
            pass  # the summary says what is wrong; the state keeps its last good value

    def _on_training_config_changed(self) -> None:
        config = self.state.training_config
        try:
            shown = self.config()
        except ValueError:
            shown = None
        if shown != config:
            self.set_config(config)

    def copy_from_explorer(self, quiet: bool = False) -> None:
        """Take the architecture from the explorer's layer (the training settings stay)."""
        try:
            explorer = TrainingConfig.from_state(self.state)
        except ValueError as error:
            self._say(
                QCoreApplication.translate(
                    "TrainingPage", "Cannot copy the explorer's layer: {0}"
                ).format(error),
                True,
                topic=ARCHITECTURE,
            )
            return
        mine = self.config()
        self.set_config(
            TrainingConfig(
                explorer.filters,
                explorer.kernel_size,
                explorer.stride,
                explorer.padding,
                explorer.pool,
                explorer.pool_size,
                mine.hidden,
                mine.epochs,
                mine.batch_size,
                mine.lr,
                mine.optimizer,
                mine.momentum,
                mine.augment_shift,
                mine.patience,
            ),
            _from_explorer=True,
        )
        if quiet:
            return
        sizes = (explorer.kernel_size, explorer.stride, explorer.padding, explorer.pool_size)
        if any(rows != cols for rows, cols in sizes):
            self._say(
                QCoreApplication.translate(
                    "TrainingPage",
                    "The explorer's layer has non-square sizes; the trainer uses "
                    "square ones (the rows).",
                ),
                topic=ARCHITECTURE,
            )
        else:
            self._say(
                QCoreApplication.translate(
                    "TrainingPage", "Copied the explorer's layer: {0} filters {1}×{1}."
                ).format(explorer.filters, explorer.kernel_size[0]),
                topic=ARCHITECTURE,
            )

    def _on_architecture_edited(self) -> None:
        self.architecture_touched = True
        self.update_architecture_summary()

    def _on_optimizer_changed(self) -> None:
        name = self.optimizer.currentData()
        other = "adam" if name == "sgd" else "sgd"
        if math.isclose(self.learning_rate.value(), TYPICAL_LR[other]):
            with QSignalBlocker(self.learning_rate):
                self.learning_rate.setValue(TYPICAL_LR[name])
        self._update_enabled()

    def _update_enabled(self) -> None:
        training = self._training
        sgd = self.optimizer.currentData() == "sgd"
        self.momentum.setEnabled(sgd and not training)
        self.momentum_label.setEnabled(sgd and not training)
        self.patience.setEnabled(self.early_stopping.isChecked() and not training)
        self.pool_size.setEnabled(self.pool.currentData() != "none" and not training)

    def _data_geometry(self) -> tuple[tuple[int, int, int], int | None]:
        """(C, H, W) and the number of classes of the selected data, as far as known
        before the data is ready (None: a folder not read yet). Every source gives
        28×28 grey images. The dataset panel caches its data, so asking is cheap."""
        shape, classes = self._planned_geometry()
        return shape or (1, 28, 28), classes

    def update_architecture_summary(self) -> None:
        """Spell out the network that Train would build for the selected data, or say
        why it does not fit the images; then the loaded model's own outputs."""
        self._update_enabled()
        shape, classes = self._data_geometry()
        try:
            config = self.config()
            conv = ops.conv_geometry(shape[1:], config.kernel_size, config.stride, config.padding)
            parts = [
                QCoreApplication.translate(
                    "TrainingPage", "{0}×{1} image → {2} filters {3}×{3} → {4}×{5}"
                ).format(
                    shape[1], shape[2], config.filters, config.kernel_size[0], conv[0], conv[1]
                )
            ]
            size = conv
            if config.pool != "none":
                size = ops.conv_geometry(size, config.pool_size, config.pool_size, 0)
                parts.append(
                    QCoreApplication.translate("TrainingPage", "{0} pool → {1}×{2}").format(
                        self.pool.currentText(), size[0], size[1]
                    )
                )
            features = config.filters * size[0] * size[1]
            if config.hidden:
                parts.append(
                    QCoreApplication.translate("TrainingPage", "dense {0}").format(config.hidden)
                )
            if classes:
                parts.append(
                    QCoreApplication.translate("TrainingPage", "1 class score")
                    if classes == 1
                    else QCoreApplication.translate("TrainingPage", "{0} class scores").format(
                        classes
                    )
                )
                # Counted from the sizes: building the network to count would allocate it.
                weights = architecture.parameter_count(_summary(config, shape, classes))
                text = QCoreApplication.translate(
                    "TrainingPage", "{0}\n{1:,} features, {2:,} weights"
                ).format(" → ".join(parts), features, weights)
            else:
                parts.append(QCoreApplication.translate("TrainingPage", "one score per class"))
                _summary(config, shape, 2)  # raises if the layers do not fit
                text = QCoreApplication.translate(
                    "TrainingPage",
                    "{0}\n{1:,} features; the weights depend on the number of classes",
                ).format(" → ".join(parts), features)
            problem = self.memory_problem(config, shape, max(classes or 2, 2))
            self.architecture_summary.setText(text if problem is None else problem)
            self.architecture_summary.setStyleSheet(
                "color: #555;" if problem is None else "color: #b2182b;"
            )
            self._architecture_ok = problem is None
        except ValueError as error:
            self.architecture_summary.setText(
                QCoreApplication.translate(
                    "TrainingPage", "This network does not fit a {0}×{1} image: {2}"
                ).format(shape[1], shape[2], error)
            )
            self.architecture_summary.setStyleSheet("color: #b2182b;")
            self._architecture_ok = False
        self.fit_changed.emit(self._architecture_ok)

    def memory_problem(self, config: TrainingConfig, shape, classes: int) -> str | None:
        """A sentence naming the layer that needs the most memory when training
        ``config`` on images ``shape`` (C, H, W) would exceed the engine's memory budget;
        None when it fits. The engine computes a large mini-batch in slices of at most
        :data:`engine.train.STEP_CHUNK_FLOATS` activations, so only a slice's count."""
        summary = _summary(config, shape, classes)
        per_image = max(architecture.estimate_memory(summary, 1).activations, 1)
        batch = min(config.batch_size, max(1, STEP_CHUNK_FLOATS * 4 // per_image))
        slots = 2 if config.optimizer == "adam" else 1
        try:
            architecture.check_budget(summary, batch, optimizer_slots=slots)
        except architecture.MemoryBudgetExceeded as error:
            layer = summary[error.layer_index]
            gib, limit = error.total_bytes / 2**30, error.budget_bytes / 2**30
            if layer.kind == "Dense":
                return QCoreApplication.translate(
                    "TrainingPage",
                    "Training this network would need {0:.1f} GiB of memory, more than the "
                    "{1:.0f} GiB allowed; most of it goes to the dense layer from {2:,} "
                    "features to {3:,} units. Use fewer filters or hidden units, or more "
                    "pooling.",
                ).format(gib, limit, layer.input_shape[0], layer.output_shape[0])
            if layer.kind == "Conv2D":
                return QCoreApplication.translate(
                    "TrainingPage",
                    "Training this network would need {0:.1f} GiB of memory, more than the "
                    "{1:.0f} GiB allowed; most of it goes to the convolution layer with {2} "
                    "filters. Use fewer or smaller filters, a larger stride or a smaller "
                    "batch.",
                ).format(gib, limit, layer.output_shape[0])
            return QCoreApplication.translate(
                "TrainingPage",
                "Training this network would need {0:.1f} GiB of memory, more than the "
                "{1:.0f} GiB allowed; most of it goes to layer {2} ({3}). Use fewer filters "
                "or a smaller batch.",
            ).format(gib, limit, error.layer_index + 1, layer.kind)
        return None
