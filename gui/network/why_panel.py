"""Why the network decided: which parts of the image its answer rests on.

:class:`WhyPanel` shows, for one image and one class (the predicted one unless the
learner picks another), side by side:

- the image;
- its occlusion map (:func:`engine.analysis.occlusion_map`): a grey patch slides over
  the image and each pixel shows how much covering it lowers the class's probability,
  averaged over the patches that covered it (:meth:`engine.analysis.Occlusion.per_pixel`);
  the patch size and its step are the learner's. Computed in the app's worker;
- its gradient map (:func:`engine.analysis.input_gradient` of the class's score): how the
  score changes when each pixel gets a little darker.

Both use the network in use (``state.model_in_use``: switched-off units stay off, edited
kernels are in place, and both follow every change of them), on one diverging scale each,
centred on zero, with a legend that says what the colours mean. The host gives the image
(:meth:`WhyPanel.set_image`), the one it shows. Behind another tab the panel works
nothing out; it catches up when shown.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import analysis
from gui.common.colormap import DIVERGING, symmetric_levels
from gui.common.display_names import class_names
from gui.common.error_text import error_text
from gui.common.number_format import format_number
from gui.common.probability_bars import percent_texts
from gui.common.widgets import bold_label, make_quiet, set_spin_value
from gui.network.insight_parts import ColourLegend, MapPicture, out_of_sight
from gui.network.latest_job import LatestJob
from gui.state import LabState

#: Screen pixels per image pixel of the three pictures.
SCALE = 6
#: The patch's side and step the engine starts from.
DEFAULT_PATCH, DEFAULT_STRIDE = 5, 2
#: The value of the patch: grey, halfway between paper (0) and ink (1).
PATCH_FILL = 0.5
#: The class box's first entry: follow the network's answer.
PREDICTED = -1


class WhyPanel(QWidget):
    """Image, occlusion map and gradient map for one class, with their legends.

    Attributes for tests and hosts: ``image`` (the (C, H, W) image shown or None),
    ``class_box``, ``patch_spin``, ``stride_spin``, ``occlusion`` (the
    :class:`engine.analysis.Occlusion` shown), ``gradient`` (the (C, H, W) gradient
    shown), ``occlusion_map`` / ``gradient_map`` (their :class:`MapPicture`, whose
    ``values`` are what is painted), ``klass`` (the class explained), ``job``.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.image: np.ndarray | None = None
        self.occlusion: analysis.Occlusion | None = None
        self.gradient: np.ndarray | None = None
        self.klass: int | None = None
        self.probabilities: np.ndarray | None = None
        self._problem: str | None = None
        self._owed = False
        self._stale = False  # the image, model or class changed while out of sight
        self.job = LatestJob(self)
        self.job.finished.connect(self._on_occluded)
        self.job.failed.connect(self._on_failed)
        self.job.busy_changed.connect(lambda _busy: self._show_legends())
        self._build_ui()
        state.model_changed.connect(self._on_model_changed)
        state.switched_off_changed.connect(self.refresh)
        state.kernel_edits_changed.connect(self.refresh)  # an edited kernel: explain anew
        self.retranslate()
        self._on_model_changed()

    def _build_ui(self) -> None:
        self.title = bold_label()
        self.class_label = QLabel()
        self.class_box = QComboBox()
        self.class_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.patch_label = QLabel()
        self.patch_spin = QSpinBox()
        self.patch_spin.setRange(1, 28)
        self.patch_spin.setValue(DEFAULT_PATCH)
        self.patch_spin.valueChanged.connect(lambda _v: self._occlude())
        self.stride_label = QLabel()
        self.stride_spin = QSpinBox()
        self.stride_spin.setRange(1, 28)
        self.stride_spin.setValue(DEFAULT_STRIDE)
        self.stride_spin.valueChanged.connect(lambda _v: self._occlude())
        controls = QHBoxLayout()
        controls.addWidget(self.title)
        controls.addSpacing(12)
        controls.addWidget(self.class_label)
        controls.addWidget(self.class_box)
        controls.addSpacing(8)
        controls.addWidget(self.patch_label)
        controls.addWidget(self.patch_spin)
        controls.addWidget(self.stride_label)
        controls.addWidget(self.stride_spin)
        controls.addStretch(1)

        self.image_view = MapPicture(SCALE)
        self.occlusion_map = MapPicture(SCALE)
        self.gradient_map = MapPicture(SCALE)
        width = 28 * SCALE + 2
        self.occlusion_legend = ColourLegend(DIVERGING, width)
        self.gradient_legend = ColourLegend(DIVERGING, width)
        self.headings = [bold_label() for _ in range(3)]
        self.texts = [make_quiet(QLabel()) for _ in range(3)]
        for text in self.texts:
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(3)
        pictures = (self.image_view, self.occlusion_map, self.gradient_map)
        legends = (None, self.occlusion_legend, self.gradient_legend)
        for column, (heading, picture, legend, text) in enumerate(
                zip(self.headings, pictures, legends, self.texts, strict=True)):
            grid.addWidget(heading, 0, column)
            grid.addWidget(picture, 1, column, Qt.AlignmentFlag.AlignLeft)
            if legend is None:  # the image's words where the maps have their legends
                grid.addWidget(text, 2, column, 2, 1)
            else:
                grid.addWidget(legend, 2, column, Qt.AlignmentFlag.AlignLeft)
                grid.addWidget(text, 3, column)
            grid.setColumnMinimumWidth(column, width)
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(4, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addLayout(grid, 1)

    # --- language -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Why this answer?"))
        self.class_label.setText(self.tr("Class:"))
        self.patch_label.setText(self.tr("Patch:"))
        self.patch_spin.setSuffix(self.tr(" px"))
        self.patch_spin.setToolTip(self.tr(
            "The side of the grey square that covers part of the image, in pixels"))
        self.stride_label.setText(self.tr("Step:"))
        self.stride_spin.setSuffix(self.tr(" px"))
        self.stride_spin.setToolTip(self.tr(
            "How many pixels the grey square moves between two tries"))
        self.headings[0].setText(self.tr("Image"))
        self.headings[1].setText(self.tr("Occlusion map"))
        self.headings[2].setText(self.tr("Gradient map"))
        self._fill_class_box()
        self._show_legends()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "texts"):
            self.retranslate()
        super().changeEvent(event)

    def class_names(self) -> tuple[str, ...]:
        model = self.state.model
        return () if model is None else class_names(model.class_labels())

    def _fill_class_box(self) -> None:
        chosen = self.class_box.currentData()
        names = self.class_names()
        self.class_box.blockSignals(True)
        self.class_box.clear()
        predicted = "" if self.probabilities is None else names[
            int(np.argmax(self.probabilities))]
        self.class_box.addItem(self.tr("the network's answer (“{0}”)").format(predicted)
                               if predicted else self.tr("the network's answer"), PREDICTED)
        for index, name in enumerate(names):
            self.class_box.addItem(self.tr("“{0}”").format(name), index)
        found = self.class_box.findData(PREDICTED if chosen is None else chosen)
        self.class_box.setCurrentIndex(max(found, 0))
        self.class_box.blockSignals(False)

    # --- input --------------------------------------------------------------------------
    def set_image(self, image: np.ndarray | None) -> None:
        """Explain ``image`` (C, H, W) as the model reads it (None: there is none). The
        image shown already changes nothing: the panel follows the model, the units
        switched off and the edited kernels itself."""
        image = None if image is None else np.array(image, dtype=np.float32)
        if (image is None and self.image is None) or (
                image is not None and self.image is not None
                and image.shape == self.image.shape and np.array_equal(image, self.image)):
            return
        self.image = image
        self.refresh()

    def choose_class(self, klass: int | None) -> None:
        """Explain class ``klass`` (None: the network's answer)."""
        index = self.class_box.findData(PREDICTED if klass is None else int(klass))
        self.class_box.setCurrentIndex(max(index, 0))
        self.refresh()

    def _on_model_changed(self) -> None:
        model = self.state.model
        if model is not None and model.input_shape is not None:
            h, w = model.input_shape[1:]
            for spin in (self.patch_spin, self.stride_spin):
                spin.blockSignals(True)
                spin.setMaximum(min(h, w))
                spin.blockSignals(False)
        self._fill_class_box()
        self.refresh()

    def refresh(self) -> None:
        """Work out the class and the gradient now (a millisecond), the occlusion in the
        worker."""
        if out_of_sight(self):  # behind another tab: worked out when shown
            self._stale = True
            return
        self._stale = False
        model = self.state.model_in_use
        self._problem = None
        if (model is None or self.image is None
                or tuple(self.image.shape) != tuple(model.input_shape or ())):
            self.probabilities = self.gradient = self.occlusion = self.klass = None
            self.job.cancel()
            self._show_maps()
            self._show_legends()
            return
        self.probabilities = model.predict_proba(self.image[None])[0]
        chosen = self.class_box.currentData()
        self.klass = int(np.argmax(self.probabilities)) if chosen in (None, PREDICTED) \
            else int(chosen)
        self._fill_class_box()  # the answer's name in its entry
        self.gradient = analysis.input_gradient(model, self.image, self.klass)
        self._occlude()

    def _occlude(self) -> None:
        model = self.state.model_in_use
        if model is None or self.klass is None or self.image is None:
            return
        if not self.isVisible():
            self._owed = True
            self._show_maps()
            self._show_legends()
            return
        self._owed = False
        image, klass = self.image, self.klass
        patch, stride = self.patch_spin.value(), self.stride_spin.value()
        self.job.request((image, klass, patch, stride), lambda: analysis.occlusion_map(
            model, image, klass, patch, stride, PATCH_FILL))
        self._show_maps()
        self._show_legends()

    def _on_occluded(self, key, occlusion: analysis.Occlusion) -> None:
        image, klass = key[:2]
        if image is not self.image or klass != self.klass:
            return
        self.occlusion = occlusion
        self._show_maps()
        self._show_legends()

    def _on_failed(self, _key, error) -> None:
        self._problem = error_text(error)
        self.occlusion = None
        self._show_maps()
        self._show_legends()

    # --- showing ------------------------------------------------------------------------
    def occlusion_levels(self) -> tuple[float, float]:
        return symmetric_levels(self.occlusion.per_pixel(), floor=1e-6)

    def gradient_levels(self) -> tuple[float, float]:
        return symmetric_levels(self.gradient_values(), floor=1e-9)

    def gradient_values(self) -> np.ndarray:
        """(H, W): the gradient summed over the image's channels (one for ink)."""
        return self.gradient.sum(axis=0)

    def _show_maps(self) -> None:
        if self.image is None:
            self.image_view.clear()
        else:
            self.image_view.set_image(self.image)
        if self.gradient is None:
            self.gradient_map.clear()
        else:
            levels = self.gradient_levels()
            self.gradient_map.set_map(self.gradient_values(), DIVERGING, levels)
            self.gradient_legend.set_levels(levels)
        # While a new one is computed the last map stays, its legend saying so.
        if self.occlusion is None:
            self.occlusion_map.clear()
        else:
            levels = self.occlusion_levels()
            self.occlusion_map.set_map(self.occlusion.per_pixel(), DIVERGING, levels)
            self.occlusion_legend.set_levels(levels)

    def _show_legends(self) -> None:
        names = self.class_names()
        if self.state.model is None:
            self.status.setText(self.tr(
                "Train a network (or open a model file) to see which parts of an image its "
                "answer rests on."))
        elif self.image is None or self.klass is None:
            self.status.setText(self.tr("The image does not fit this network."))
        elif self._problem is not None:
            self.status.setText(self._problem)
        else:
            name = names[self.klass]
            self.status.setText(self.tr(
                "The network gives “{0}” a probability of {1} for this image.").format(
                name, percent_texts(self.probabilities)[self.klass]))
        klass = "" if self.klass is None else names[self.klass]
        self.texts[0].setText(self.tr("What the network reads: 0 = paper (white), 1 = ink "
                                      "(black)."))
        if self.klass is None:
            self.texts[1].setText("")
            self.texts[2].setText("")
            return
        if self.occlusion is None or self.job.busy:
            occlusion = self.tr("Sliding the grey patch over the image…")
        else:
            ph, pw = self.occlusion.patch
            occlusion = self.tr(
                "Red: covering this part with a grey {0}×{1} patch lowers the probability "
                "of “{2}” (the worst patch: from {3} to {4}); blue: covering it raises the "
                "probability. White: it makes no difference.").format(
                ph, pw, klass, format_number(self.occlusion.base, 2),
                format_number(self.occlusion.base - float(self.occlusion.drop.max()), 2))
        self.texts[1].setText(occlusion)
        self.texts[2].setText(self.tr(
            "Red: making this pixel a little darker raises the score of “{0}”; blue: it "
            "lowers the score. The deeper the colour, the stronger the pixel's pull.").format(
            klass))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()
        elif self._owed:
            self._occlude()

    def shutdown(self) -> None:
        self.job.shutdown()

    def set_patch(self, patch: int, stride: int) -> None:
        """Use a ``patch`` × ``patch`` patch moved ``stride`` pixels at a time."""
        set_spin_value(self.patch_spin, patch)
        set_spin_value(self.stride_spin, stride)
        self._occlude()
