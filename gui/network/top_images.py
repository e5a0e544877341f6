"""What a filter has learned: the test images that excite it most.

:class:`TopImagesPanel` takes a filter of any convolution (or a unit of a hidden layer)
of the network in use (``state.model_in_use``: switched-off units stay off, edited
kernels are in place; it follows their changes when shown), finds the
test images on which it reaches its largest values (:func:`engine.analysis.top_activating`,
in the app's worker; the filter itself counts as on even when it is switched off) and
shows each cropped to the filter's receptive field around its
strongest response, beside the whole image with that field outlined, with the value
under it. The field comes from the layer geometry (:func:`engine.units.receptive_field`);
where it reaches past the image (into the padding) the crop shows blank paper there, so
every crop has the field's full size.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine import analysis, units
from gui.common.display_names import class_name
from gui.common.error_text import error_text
from gui.common.number_format import format_number, shown_index
from gui.common.widgets import bold_label, make_quiet, set_spin_value
from gui.network.insight_parts import MapPicture, UnitLayer, unit_layers
from gui.network.latest_job import LatestJob
from gui.state import LabState

#: How many images are shown, and in how many columns.
TOP_COUNT = 12
COLUMNS = 6
#: Screen pixels of the crops (at most) and of the whole images beside them.
CROP_PIXELS = 72
WHOLE_SCALE = 2


def receptive_crop(image: np.ndarray, field: units.ReceptiveField) -> np.ndarray:
    """The (C, rows, cols) part of ``image`` (C, H, W) inside ``field``, of the field's
    full size: where the field reaches past the image the crop holds 0 (no ink), as the
    zero padding the network reads there."""
    rows, cols = field.size
    crop = np.zeros((image.shape[0], rows, cols), dtype=np.float32)
    top, left, bottom, right = field.clipped
    crop[:, top - field.top:bottom - field.top + 1,
         left - field.left:right - field.left + 1] = image[:, top:bottom + 1, left:right + 1]
    return crop


class _TopCard(QFrame):
    """One image: its crop, the whole image with the field outlined, and the value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.crop = MapPicture(4)
        self.whole = MapPicture(WHOLE_SCALE)
        self.value_label = QLabel()
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.value_label.font()
        font.setBold(True)
        self.value_label.setFont(font)
        self.name_label = make_quiet(QLabel())
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pictures = QHBoxLayout()
        pictures.setSpacing(6)
        pictures.addWidget(self.crop, 0, Qt.AlignmentFlag.AlignBottom)
        pictures.addWidget(self.whole, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(pictures)
        layout.addWidget(self.value_label)
        layout.addWidget(self.name_label)


class TopImagesPanel(QWidget):
    """A layer and filter chooser above the :data:`TOP_COUNT` test images that excite
    that filter most.

    Attributes for tests and hosts: ``layer_box``, ``unit_spin``, ``result`` (the
    :class:`engine.analysis.TopActivations` shown, or None), ``crops`` (the crops shown,
    each (C, rows, cols)), ``fields`` (their :class:`engine.units.ReceptiveField`),
    ``cards``, ``job``.
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.result: analysis.TopActivations | None = None
        self.crops: list[np.ndarray] = []
        self.fields: list[units.ReceptiveField] = []
        self._layers: tuple[UnitLayer, ...] = ()
        self._shown_key = None
        self._problem: str | None = None
        self._owed = False
        self.job = LatestJob(self)
        self.job.finished.connect(self._on_found)
        self.job.failed.connect(self._on_failed)
        self.job.busy_changed.connect(lambda _busy: self._show_status())
        self._build_ui()
        state.model_changed.connect(self._on_model_changed)
        state.switched_off_changed.connect(self._find)
        state.kernel_edits_changed.connect(self._find)  # waits while out of sight
        state.test_set_changed.connect(self._find)
        self.retranslate()
        self._on_model_changed()

    def _build_ui(self) -> None:
        self.title = bold_label()
        self.layer_label = QLabel()
        self.layer_box = QComboBox()
        self.layer_box.currentIndexChanged.connect(self._on_layer_chosen)
        self.unit_label = QLabel()
        self.unit_spin = QSpinBox()
        self.unit_spin.setMinimum(1)
        self.unit_spin.valueChanged.connect(lambda _value: self._find())
        controls = QHBoxLayout()
        controls.addWidget(self.title)
        controls.addSpacing(12)
        controls.addWidget(self.layer_label)
        controls.addWidget(self.layer_box)
        controls.addWidget(self.unit_label)
        controls.addWidget(self.unit_spin)
        controls.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.cards: list[_TopCard] = []
        for i in range(TOP_COUNT):
            card = _TopCard()
            card.hide()
            self.grid.addWidget(card, i // COLUMNS, i % COLUMNS)
            self.cards.append(card)
        self.grid.setColumnStretch(COLUMNS, 1)
        self.grid.setRowStretch(TOP_COUNT // COLUMNS + 1, 1)
        scroll = QScrollArea()
        scroll.setWidget(self.grid_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

    # --- language -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("What a filter has learned"))
        self.layer_label.setText(self.tr("Layer:"))
        self._fill_layer_box()
        self._word_unit()
        self._show_status()
        self._show_cards()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "cards"):
            self.retranslate()
        super().changeEvent(event)

    def _fill_layer_box(self) -> None:
        current = self.layer_box.currentIndex()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for info in self._layers:
            self.layer_box.addItem(info.title(), info.layer)
        if 0 <= current < len(self._layers):
            self.layer_box.setCurrentIndex(current)
        self.layer_box.blockSignals(False)

    def _word_unit(self) -> None:
        info = self.chosen_layer()
        if info is not None and info.kind == "hidden":
            self.unit_label.setText(self.tr("Unit:"))
        else:
            self.unit_label.setText(self.tr("Filter:"))

    # --- choosing -----------------------------------------------------------------------
    def chosen_layer(self) -> UnitLayer | None:
        index = self.layer_box.currentIndex()
        return self._layers[index] if 0 <= index < len(self._layers) else None

    def choose(self, layer: int, unit: int) -> None:
        """Show the images for filter (or unit) ``unit`` (0-based) of ``model.layers``
        index ``layer`` (a convolution or a hidden dense layer)."""
        index = next(i for i, info in enumerate(self._layers) if info.layer == layer)
        self.layer_box.blockSignals(True)
        self.layer_box.setCurrentIndex(index)
        self.layer_box.blockSignals(False)
        self._on_layer_chosen(keep_unit=True)
        set_spin_value(self.unit_spin, shown_index(unit))
        self._word_unit()
        self._find()

    def _on_model_changed(self) -> None:
        layers = unit_layers(self.state.model)
        if layers != self._layers:
            self._layers = layers
            self._fill_layer_box()
            if layers:
                self.layer_box.setCurrentIndex(0)
            self._on_layer_chosen()
        else:
            self._find()

    def _on_layer_chosen(self, *_args, keep_unit: bool = False) -> None:
        info = self.chosen_layer()
        self.unit_spin.blockSignals(True)
        self.unit_spin.setMaximum(max(1, info.count if info else 1))
        if not keep_unit:
            self.unit_spin.setValue(1)
        self.unit_spin.blockSignals(False)
        self._word_unit()
        if not keep_unit:
            self._find()

    # --- finding ------------------------------------------------------------------------
    def _find(self) -> None:
        state, info = self.state, self.chosen_layer()
        if state.model is None or state.test_set is None or info is None:
            self.job.cancel()
            self.result, self._shown_key = None, None
            self._show_status()
            self._show_cards()
            return
        if not self.isVisible():
            self._owed = True
            return
        self._owed = False
        test_set = state.test_set
        layer, unit = info.layer, self.unit_spin.value() - 1
        # What the filter itself has learned: on, even if the learner switched it off
        # (it would answer 0 to everything); the other switched-off units stay off.
        others = {k: v - {unit} if k == layer else v for k, v in state.switched_off.items()}
        model = (state.model_in_use if others == state.switched_off
                 else analysis.switched_off_model(state.model_with_kernel_edits, others))
        key = (layer, unit, model, test_set)
        self._problem = None
        self.job.request(key, lambda: analysis.top_activating(
            model, test_set.images, layer, unit, TOP_COUNT))
        self._show_status()

    def _on_found(self, key, result: analysis.TopActivations) -> None:
        layer, unit, model, test_set = key
        self.result = result
        self._shown_key = key
        self.fields, self.crops = [], []
        for index, (row, col) in zip(result.indices, result.positions, strict=True):
            where = (unit,) if row < 0 else (unit, int(row), int(col))
            field = units.receptive_field(model, layer, where)
            self.fields.append(field)
            self.crops.append(receptive_crop(test_set.images[int(index)], field))
        self._show_status()
        self._show_cards()

    def _on_failed(self, _key, error) -> None:
        self._problem = error_text(error)
        self.result = None
        self._show_status()
        self._show_cards()

    # --- showing ------------------------------------------------------------------------
    def _show_status(self) -> None:
        state, info = self.state, self.chosen_layer()
        if state.model is None or info is None:
            text = self.tr("Train a network (or open a model file) to see what its filters "
                           "respond to.")
        elif state.test_set is None:
            text = self.tr("There are no test images to search: the Train page's dataset "
                           "does not fit this network.")
        elif self._problem is not None:
            text = self._problem
        elif self.job.busy or self.result is None:
            text = self.tr("Searching %n test image(s)…", "", len(state.test_set.labels))
        else:
            layer, unit = self._shown_key[:2]
            shown = next(i for i in self._layers if i.layer == layer)
            rows, cols = self.fields[0].size if self.fields else (0, 0)
            if shown.kind == "conv":
                text = self.tr(
                    "The %n test image(s) on which filter {0} of {1} responds most strongly. "
                    "Each is cropped to the {2}×{3} pixels that one value of its map sees "
                    "(its receptive field), around the place of its largest value, which is "
                    "written under it; beside it, the whole image with that field outlined.",
                    "", len(self.result.indices)).format(
                    shown_index(unit), shown.title(), rows, cols)
            else:
                text = self.tr(
                    "The %n test image(s) on which unit {0} of {1} responds most strongly, "
                    "with its value under each. A unit of a fully connected layer reads "
                    "every value of the last maps, so its receptive field is the whole "
                    "{2}×{3} image.", "", len(self.result.indices)).format(
                    shown_index(unit), shown.title(), rows, cols)
            if self.state.is_switched_off(layer, unit):
                text += " " + self.tr("It is switched off now: these are the images it "
                                      "responds to when it is on.")
        self.status.setText(text)

    def _show_cards(self) -> None:
        result = self.result
        shown = 0 if result is None else len(result.indices)
        test_set = self.state.test_set
        for i, card in enumerate(self.cards):
            if i >= shown or test_set is None:
                card.hide()
                continue
            index, crop, field = int(result.indices[i]), self.crops[i], self.fields[i]
            card.crop.scale = max(1, CROP_PIXELS // max(crop.shape[1:]))
            card.crop.set_image(crop)
            card.whole.set_image(test_set.images[index])
            card.whole.set_box(field.clipped)
            card.value_label.setText(self.tr("value {0}").format(
                format_number(float(result.values[i]), 2)))
            label = class_name(test_set.class_names[int(test_set.labels[index])])
            card.name_label.setText(self.tr("test image {0} · “{1}”").format(index, label))
            card.show()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._owed:
            self._find()

    def shutdown(self) -> None:
        self.job.shutdown()
