"""The Network page: every layer of the trained network for the current image.

Left to right (:class:`gui.network.overview.NetworkView`): the input, each block's maps
after convolution, activation and pooling, the flattened vector, each hidden layer, the
output scores and the softmax probabilities. Clicking a unit explains it below
(:class:`gui.network.detail.UnitDetail`) and outlines what feeds it and what it sees.

The image is the Classify page's input (drawing, test image, picture) or the explorer's
image, whichever changed last (the learner can also pick one). The page listens to the
state's ``image_changed``, ``classify_input_changed``, ``model_changed`` and
``switched_off_changed`` and ``kernel_edits_changed`` (the layers show the network with
those units off and the learned kernels the learner edited); a burst of
them (a pen stroke) costs one forward pass and one repaint per frame, and none while the
page is hidden (it catches up when shown). An edit of layer k's kernel (or a unit of
layer k switched off) runs layers k, k + 1, ... only, keeping the outputs before it, and
repaints only their columns; the tabs below that are out of sight wait until shown.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from engine import units
from gui.common.display_names import class_names
from gui.common.probability_bars import percent_texts
from gui.network.detail import TOP_CONTRIBUTIONS, UnitDetail
from gui.network.epoch_label import EpochLabel
from gui.network.insight_tabs import InsightTabs
from gui.network.overview import NetworkView
from gui.state import LabState
from gui.train import data_sources

# At most one recomputation per frame while the image changes.
FRAME_MS = 16
CLASSIFY, EXPLORER = "classify", "explorer"


class NetworkPage(QWidget):
    """The Network page of the main window.

    Parameters
    ----------
    state : LabState
        Supplies the model (``model``, ``model_changed``), the explorer's image
        (``image``, ``source``, ``image_changed``) and the Classify page's input
        (``classify_input``, ``classify_input_changed``); never changed.

    Signals
    -------
    train_requested()
        The learner asked to go to the Train page (there is no model yet).
    """

    train_requested = Signal()

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.source = EXPLORER if state.classify_input is None else CLASSIFY
        self.positions: tuple[units.Position, ...] = ()
        self.activations: units.Activations | None = None
        self.image: np.ndarray | None = None
        self.selection: tuple[int, tuple] | None = None
        #: Until the learner clicks a unit, the selection is the answer's probability, and
        #: follows the answer when the image changes (a new drawing, another picture).
        self.unit_chosen = False
        self.refreshes = 0
        # What `activations` were computed from: (model, image, switched off, kernel
        # edits), so that an edit of layer k recomputes layers k, k + 1, ... only.
        self._computed_from: tuple | None = None
        self._told_selection: tuple[int, tuple] | None = None  # what the tabs were told
        self._selection_geometry = None  # ((selection, trained model), feeding, field)
        self._problem: str | None = None
        self._dirty = True

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._last_refresh = 0.0
        self._timer.timeout.connect(self.refresh)

        self._build_ui()
        state.model_changed.connect(self._on_model_changed)
        state.switched_off_changed.connect(self._schedule)
        state.kernel_edits_changed.connect(self._schedule)
        state.image_changed.connect(self._on_explorer_image_changed)
        state.classify_input_changed.connect(self._on_classify_input_changed)
        self.view.unit_clicked.connect(self.select_unit)
        self.retranslate()
        self.refresh()

    # --- building ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        # With no model: a message and the way to the Train page.
        self.empty_title = QLabel()
        self.empty_title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A fixed width: a word-wrapped label that is also aligned in its layout gets too
        # little height for its lines.
        self.empty_text.setFixedWidth(560)
        self.train_button = QPushButton()
        self.train_button.clicked.connect(self.train_requested)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addSpacing(12)
        empty_layout.addWidget(self.train_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        # With a model: which image, the answer, the layers, the clicked unit.
        self.source_label = QLabel()
        self.classify_radio = QRadioButton()
        self.explorer_radio = QRadioButton()
        self.source_group = QButtonGroup(self)
        self.source_group.addButton(self.classify_radio)
        self.source_group.addButton(self.explorer_radio)
        self.classify_radio.toggled.connect(
            lambda on: on and self.set_source(CLASSIFY))
        self.explorer_radio.toggled.connect(
            lambda on: on and self.set_source(EXPLORER))
        self.answer = QLabel()
        self.answer.setStyleSheet("font-weight: bold; font-size: 14px;")
        # Which epoch of the Train page's training history the layers show.
        self.epoch_label = EpochLabel(self.state)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)  # yields its room on a narrow window
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.source_label)
        top.addWidget(self.classify_radio)
        top.addWidget(self.explorer_radio)
        top.addSpacing(16)
        top.addWidget(self.answer)
        top.addSpacing(16)
        top.addWidget(self.epoch_label)
        top.addWidget(self.hint, 1)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setStyleSheet("color: #a33; font-size: 13px;")

        self.view = NetworkView()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.view)
        self.scroll.setWidgetResizable(False)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.installEventFilter(self)
        self.detail = UnitDetail()
        self.insight = InsightTabs(self.state, self.detail)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.insight)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.layers_stack = QStackedWidget()
        self.layers_stack.addWidget(self.splitter)
        self.layers_stack.addWidget(self.problem_label)

        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        shown_layout.addLayout(top)
        shown_layout.addWidget(self.layers_stack, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    # --- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.empty_title.setText(self.tr("No trained network yet"))
        self.empty_text.setText(self.tr(
            "This page shows every layer of a trained network for one image: the feature "
            "maps of each convolution, activation and pooling, the flattened vector, the "
            "fully connected layers and the softmax probabilities. Train a network first "
            "(or open a model file with File ▸ Open model…)."))
        self.empty_text.setMinimumHeight(self.empty_text.heightForWidth(560))
        self.train_button.setText(self.tr("Go to the Train page"))
        self.source_label.setText(self.tr("Image:"))
        self.classify_radio.setText(self.tr("Classify page's input"))
        self.classify_radio.setToolTip(self.tr(
            "What you draw, or the test image or picture you pick, on the Classify page"))
        self.explorer_radio.setText(self.tr("Explorer's image"))
        self.explorer_radio.setToolTip(self.tr(
            "The explorer's picture; one of another size is cropped and centred in 28×28 "
            "like a drawing"))
        self.hint.setText(self.tr("Click any square to see how it was computed; hover to "
                                  "read its value."))
        self.view.retranslate()
        self._show_answer()
        if self._problem is not None:
            self.refresh()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "view"):
            self.retranslate()
        super().changeEvent(event)

    # --- public API --------------------------------------------------------------------------
    def set_source(self, source: str) -> None:
        """Show the network for the Classify page's input (``"classify"``) or the
        explorer's image (``"explorer"``)."""
        if source == self.source:
            return
        self.source = source
        self._schedule()

    def select_unit(self, layer: int, unit) -> None:
        """Explain unit ``unit`` of position ``layer`` (what clicking it does)."""
        self.selection = (int(layer), tuple(int(v) for v in unit))
        self.unit_chosen = True
        self._told_selection = None  # a click always tells the tabs, even the same unit
        self._show_selection()

    def refresh(self) -> None:
        """Run the network on the current image and repaint everything (normally called
        on the next frame after a change)."""
        self._timer.stop()
        self._last_refresh = time.perf_counter()
        self._dirty = False
        self.refreshes += 1
        model = self.state.model_in_use  # with the units switched off (gui.network.switch_off)
        self._sync_radios()
        if model is None:
            self.stack.setCurrentIndex(0)
            self.positions, self.activations = (), None
            self._computed_from = None
            self.view.clear()
            self.detail.clear()
            self.insight.set_image(None)
            return
        self.stack.setCurrentIndex(1)
        image, problem = self._input_for(model)
        self._problem = problem
        if problem is not None:
            self.problem_label.setText(problem)
            self.layers_stack.setCurrentIndex(1)
            self.activations = None
            self._computed_from = None
            self._show_answer()
            self.insight.set_image(None)
            return
        self.layers_stack.setCurrentIndex(0)
        positions = units.positions(model)
        if positions != self.positions and self.selection is not None:
            self.selection = self._told_selection = None
            self.unit_chosen = False
        self.positions = positions
        self.image = image
        start = self._first_changed_layer(image)
        source = (self.state.model, image, self.state.switched_off, self.state.kernel_edits)
        if start == 0:
            self.activations = units.forward_all(model, image)
        else:  # the layers before `start` are as they were: keep their outputs
            self.activations = units.forward_all(model, image, kept=self.activations,
                                                 start=start)
        self._computed_from = source
        self.insight.set_image(image)
        self.view.set_edited_layers(self.state.edited_kernels())
        self.view.set_network(positions, self.activations, self.class_names(),
                              changed_from=start)
        if self.selection is None or not self.unit_chosen:  # the winning probability
            self.selection = (units.softmax_position(model),
                              (int(np.argmax(self.activations.probabilities)),))
        self._fit_view()
        self._show_answer()
        self._show_selection()

    def _first_changed_layer(self, image: np.ndarray) -> int:
        """The first layer whose output may differ from :attr:`activations` (0: all;
        ``len(model.layers)``: none, only the softmax is worked out again)."""
        before = self._computed_from
        if before is None or self.activations is None:
            return 0
        model, old_image, old_off, old_edits = before
        if model is not self.state.model or not (
                image is old_image or np.array_equal(image, old_image)):
            return 0
        off, edits = self.state.switched_off, self.state.kernel_edits
        changed = [layer for layer in set(off) | set(old_off)
                   if off.get(layer) != old_off.get(layer)]
        # Every edit replaces the layer's (weight, bias) pair: identity tells them apart.
        changed += [layer for layer in set(edits) | set(old_edits)
                    if edits.get(layer) is not old_edits.get(layer)]
        return min(changed, default=len(model.layers))

    def class_names(self) -> tuple[str, ...]:
        model = self.state.model
        return () if model is None else class_names(model.class_labels())

    def attach_window(self, window) -> None:
        """The main window hands itself over: follow its Train page's history."""
        self.follow_history(window.training)

    def follow_history(self, training_page) -> None:
        """Say which epoch of ``training_page``'s training history the layers show."""
        self.epoch_label.follow(training_page)

    # --- reacting ------------------------------------------------------------------------------
    def _on_model_changed(self) -> None:
        self.selection = self._told_selection = None
        self.unit_chosen = False
        self._schedule()

    def _on_explorer_image_changed(self) -> None:
        self.source = EXPLORER
        self._schedule()

    def _on_classify_input_changed(self) -> None:
        self.source = CLASSIFY
        self._schedule()

    def _schedule(self) -> None:
        self._sync_radios()  # at once: a click before the next frame must see the source
        self._dirty = True
        if self.isVisible() and not self._timer.isActive():
            # On the next turn of the event loop, but not sooner than a frame after the
            # last refresh: a pen stroke's changes come in faster than that.
            since = (time.perf_counter() - self._last_refresh) * 1000.0
            self._timer.start(int(max(0.0, FRAME_MS - since)))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_view)
        return super().eventFilter(watched, event)

    def _fit_view(self) -> None:
        """The layers take the scroll area's height, less room for a scroll bar (kept
        whether or not it shows, so showing it never changes the layout), and scroll
        sideways."""
        bar = self.scroll.horizontalScrollBar().sizeHint().height()
        frame = 2 * self.scroll.frameWidth()
        height = max(self.view.minimumSizeHint().height(), self.scroll.height() - frame - bar)
        if self.view.height() != height:
            self.view.setFixedHeight(height)

    # --- internals -------------------------------------------------------------------------------
    def _sync_radios(self) -> None:
        has_classify = self.state.classify_input is not None
        self.classify_radio.setEnabled(has_classify)
        if not has_classify and self.source == CLASSIFY:
            self.source = EXPLORER
        radio = self.classify_radio if self.source == CLASSIFY else self.explorer_radio
        if not radio.isChecked():
            radio.blockSignals(True)
            radio.setChecked(True)
            radio.blockSignals(False)

    def _input_for(self, model) -> tuple[np.ndarray | None, str | None]:
        """The image to show (C, H, W) and None, or None and why there is none."""
        wanted = tuple(model.input_shape or ())
        if self.source == CLASSIFY and self.state.classify_input is not None:
            image = self.state.classify_input
            if image.shape == wanted:
                return image, None
        else:
            image = self.state.image
            if tuple(image.shape) == wanted:
                return image, None
            if wanted == (1, data_sources.IMAGE_SIZE, data_sources.IMAGE_SIZE):
                # Another size: the recipe the Classify page uses for pictures.
                ink = data_sources.to_training_image(self.state.source, auto_contrast=True)
                return ink[None], None
        c, h, w = (wanted + (0, 0, 0))[:3]
        return None, self.tr("This network reads {0}×{1} images with %n channel(s); the "
                             "chosen image does not fit it. Pick the other image above.", "",
                             c).format(h, w)

    def _show_answer(self) -> None:
        if self.activations is None:
            self.answer.setText("")
            return
        probabilities = self.activations.probabilities
        k = int(np.argmax(probabilities))
        names = self.class_names()
        self.answer.setText(self.tr("The network's answer: “{0}” ({1})").format(
            names[k] if k < len(names) else k, percent_texts(probabilities)[k]))

    def _show_selection(self) -> None:
        if self.activations is None or self.selection is None:
            self.view.set_selection(None)
            self.detail.clear()
            return
        layer, unit = self.selection
        model = self.state.model_in_use
        if self._told_selection != self.selection:  # not on every edit: the tabs keep it
            self._told_selection = self.selection
            self.insight.unit_selected(layer, unit)
        # Geometry only: the same for every edit of a kernel (the trained model stays),
        # worked out once per unit.
        geometry = (self.selection, self.state.model)
        if self._selection_geometry is None or self._selection_geometry[0] != geometry:
            feeding = None if layer == units.INPUT else units.feeding_units(model, layer, unit)
            self._selection_geometry = (geometry, feeding,
                                        units.receptive_field(model, layer, unit))
        feeding, field = self._selection_geometry[1:]
        self.detail.show_unit(model, self.positions, self.activations, self.view.groups,
                              self.class_names(), layer, unit)
        highlight = None
        info = self.detail.explanation
        if isinstance(info, units.DenseUnit):
            highlight = info.top(TOP_CONTRIBUTIONS)
        elif isinstance(info, units.ActivationUnit) and feeding is not None:
            highlight = None
        self.view.set_selection(layer, unit, feeding, highlight, field)
