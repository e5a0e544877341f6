"""The line under the Training page's network settings: the network Train would build,
layer by layer with its sizes, and how many features and weights it has; or, in red,
why it does not fit the images or the memory budget.

The sizes come from the engine's per-layer summary (:func:`engine.architecture.
summarize`), computed from the sizes alone: building the network to count it would
allocate it. The label keeps what it describes and words it again on a language change.
The texts keep the ``"TrainingPage"`` translation context they had before this module
existed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel

from engine import architecture, ops
from engine.train import STEP_CHUNK_FLOATS
from gui.common.error_text import error_text
from gui.common.widgets import reserve_text_lines
from gui.train.job import TrainingConfig

QUIET_STYLE, ERROR_STYLE = "color: #555;", "color: #b2182b;"


def layer_summary(config: TrainingConfig, shape, classes: int):
    """The engine's per-layer summary of ``config`` for images ``shape`` (C, H, W), built
    from sizes alone (ValueError, naming the sizes, when the image shrinks to nothing)."""
    specs = architecture.cnn_architecture(
        shape, classes, config.filters, config.kernel_size, config.stride, config.padding,
        config.pool, config.pool_size, config.hidden)
    return architecture.summarize(specs, shape)


def memory_problem(config: TrainingConfig, shape, classes: int) -> str | None:
    """A sentence naming the layer that needs the most memory when training ``config``
    on images ``shape`` (C, H, W) would exceed the engine's memory budget; None when it
    fits. The engine computes a large mini-batch in slices of at most
    :data:`engine.train.STEP_CHUNK_FLOATS` activations, so only a slice counts."""
    summary = layer_summary(config, shape, classes)
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


def plan_text(config: TrainingConfig, shape, classes: int | None) -> str:
    """The network of ``config`` for images ``shape`` (C, H, W) and ``classes`` (None: not
    known yet), one stage after another; ValueError when the layers do not fit."""
    conv = ops.conv_geometry(shape[1:], config.kernel_size, config.stride, config.padding)
    # The stages form a diagram, one noun phrase per arrow; each phrase is whole.
    stages = [QCoreApplication.translate(
        "TrainingPage", "{0}×{1} image → {2} filters {3}×{3} → {4}×{5}").format(
        shape[1], shape[2], config.filters, config.kernel_size[0], conv[0], conv[1])]
    size = conv
    if config.pool != "none":
        size = ops.pool_geometry(size, config.pool_size)[2]
        pooled = (QCoreApplication.translate("TrainingPage", "max pool → {0}×{1}")
                  if config.pool == "max" else
                  QCoreApplication.translate("TrainingPage", "average pool → {0}×{1}"))
        stages.append(pooled.format(size[0], size[1]))
    features = config.filters * size[0] * size[1]
    if config.hidden:
        stages.append(QCoreApplication.translate("TrainingPage", "dense {0}").format(
            config.hidden))
    if not classes:
        stages.append(QCoreApplication.translate("TrainingPage", "one score per class"))
        layer_summary(config, shape, 2)  # raises if the layers do not fit
        return QCoreApplication.translate(
            "TrainingPage", "{0}\n{1:,} features; the weights depend on the number of classes",
        ).format(" → ".join(stages), features)
    stages.append(QCoreApplication.translate("TrainingPage", "1 class score") if classes == 1
                  else QCoreApplication.translate("TrainingPage", "{0} class scores").format(
                      classes))
    weights = architecture.parameter_count(layer_summary(config, shape, classes))
    return QCoreApplication.translate(
        "TrainingPage", "{0}\n{1:,} features, {2:,} weights").format(
        " → ".join(stages), features, weights)


class ArchitectureSummary(QLabel):
    """Four reserved lines (the longest summaries and errors) saying what Train would
    build; :attr:`fits` tells whether it may."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(QUIET_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._shown: tuple | None = None  # what the text describes, to word it again
        self._fits = True
        self._reserve_room()

    def _reserve_room(self) -> None:
        # Room for the longest summaries and errors, in the current language's lines.
        reserve_text_lines(self, 4, QCoreApplication.translate(
            "TrainingPage", "one score per class"))

    @property
    def fits(self) -> bool:
        """Whether the network shown fits the images and the memory budget."""
        return self._fits

    def show_plan(self, config: TrainingConfig, shape, classes: int | None) -> bool:
        """Describe ``config`` on images ``shape`` (C, H, W) with ``classes`` (None: not
        known yet); returns :attr:`fits`."""
        self._shown = ("plan", config, shape, classes)
        return self._render()

    def show_misfit(self, shape, error: Exception) -> bool:
        """Say that the settings shown do not make a network for ``shape`` and why."""
        self._shown = ("misfit", error, shape, None)
        return self._render()

    def _render(self) -> bool:
        kind, what, shape, classes = self._shown
        problem = None
        if kind == "plan":
            try:
                text = plan_text(what, shape, classes)
                problem = memory_problem(what, shape, max(classes or 2, 2))
            except ValueError as error:
                kind, what = "misfit", error
        if kind == "misfit":
            problem = QCoreApplication.translate(
                "TrainingPage", "This network does not fit a {0}×{1} image: {2}").format(
                shape[1], shape[2], error_text(what))
        self.setText(text if problem is None else problem)
        self.setStyleSheet(QUIET_STYLE if problem is None else ERROR_STYLE)
        self._fits = problem is None
        return self._fits

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and self._shown is not None:
            self._reserve_room()
            self._render()
        super().changeEvent(event)
