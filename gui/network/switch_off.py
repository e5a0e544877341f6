"""Switch units of the trained network off and see what the network loses.

:class:`SwitchOffPanel` lists every filter of every convolution and every unit of every
hidden layer as a button: pressed, the unit is switched off (its weights and bias read
0, so it outputs 0 for every image), pressed again, back on. Which units are off lives
in the state (``state.switched_off``), so the Network page and every prediction show
the switched-off network too. After each change (and each learned kernel the learner
edits: the network measured is the one in use, edits and all) the test accuracy and
the confusion matrix are measured again on the test images the Train page scored the
model on
(:class:`engine.analysis.SwitchOffEvaluator`, which keeps what the whole network computes
on them and recomputes only what a switch changes, in the app's worker: a few
milliseconds for most switches) and shown with the
change from the whole network: "98.6 % → 91.2 % (−7.4 points)", the cells of the
confusion matrix that changed outlined, with how much.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import analysis
from gui.common.display_names import class_name, class_names
from gui.common.error_text import error_text
from gui.common.number_format import shown_index
from gui.common.preprocess import Preprocess
from gui.common.widgets import bold_label, make_quiet
from gui.network.change_marks import ChangeMarks
from gui.network.insight_parts import UnitLayer, unit_layers
from gui.network.latest_job import LatestJob
from gui.state import LabState
from gui.train.confusion_view import ConfusionView

#: Unit buttons per row, and their size in pixels.
BUTTONS_PER_ROW = 8
BUTTON_SIZE = (32, 22)
#: A measurement that takes longer than this says "Measuring…" meanwhile.
SLOW_MS = 150


def change_text(before: float, after: float) -> str:
    """``"−7.4"``: the change in percentage points, one decimal, a real minus sign."""
    points = round(100 * after, 1) - round(100 * before, 1)
    text = f"{points:+.1f}".replace("-", "\u2212")
    return "\u00b10.0" if text in ("+0.0", "\u22120.0") else text


class SwitchOffPanel(QWidget):
    """Buttons that switch units of ``state.model`` off and on, and the test accuracy
    and confusion matrix of the network without them.

    Attributes for tests and hosts: ``buttons`` ((layer, unit) -> QToolButton),
    ``baseline`` and ``evaluation`` (the :class:`engine.train.Evaluation` of the whole
    network and of the switched-off one, or None), ``accuracy_label``, ``confusion``
    (:class:`gui.train.confusion_view.ConfusionView`), ``marks`` (:class:`ChangeMarks`),
    ``job`` (:class:`gui.network.latest_job.LatestJob`), ``evaluator`` (the
    :class:`engine.analysis.SwitchOffEvaluator` of the model, or None).
    """

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.buttons: dict[tuple[int, int], QToolButton] = {}
        self.baseline = None
        self.evaluation = None
        self._layers: tuple[UnitLayer, ...] = ()
        self._groups: list[tuple[QGroupBox, UnitLayer]] = []
        self._measured = None   # (model, test set, switched off) of `evaluation`
        self._baseline_of = None  # (model, test set) of `baseline`
        self._problem: str | None = None
        self._evaluated = None  # the test set of `_evaluator`
        self._owed = False  # a measurement waits for the panel to be shown
        self.evaluator: analysis.SwitchOffEvaluator | None = None  # for the wanted model
        self.job = LatestJob(self)
        self.job.finished.connect(self._on_measured)
        self.job.failed.connect(self._on_failed)
        # "Measuring…" only when a measurement takes long enough to be seen: most take
        # a few milliseconds, and saying so would cost a repaint and a flicker each.
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_MS)
        self._slow.timeout.connect(self._show_result)
        self._build_ui()
        state.model_changed.connect(self._on_model_changed)
        state.switched_off_changed.connect(self._on_switched_off_changed)
        state.kernel_edits_changed.connect(self._measure)
        state.test_set_changed.connect(self._measure)
        self.retranslate()
        self._on_model_changed()

    # --- building ---------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.title = bold_label()
        self.intro = make_quiet(QLabel())
        self.intro.setWordWrap(True)
        self.units_box = QWidget()
        self.units_layout = QVBoxLayout(self.units_box)
        self.units_layout.setContentsMargins(0, 0, 0, 0)
        self.units_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(self.units_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A row of buttons always fits: the column never cuts one off.
        scroll.setMinimumWidth(BUTTONS_PER_ROW * (BUTTON_SIZE[0] + 2) + 16
                               + scroll.verticalScrollBar().sizeHint().width() + 8)
        self.all_on_button = QPushButton()
        self.all_on_button.clicked.connect(self.state.switch_all_on)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.intro)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.all_on_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.accuracy_label = QLabel()
        font = self.accuracy_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.accuracy_label.setFont(font)
        self.accuracy_label.setWordWrap(True)
        self.accuracy_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.legend = make_quiet(QLabel())
        self.legend.setWordWrap(True)
        self.confusion = ConfusionView()
        self.confusion.image_chosen.connect(self._explore_test_image)
        self.marks = ChangeMarks()
        self.marks.setZValue(8)
        self.confusion.plot.addItem(self.marks)
        # The matrix is square and the column wide: a cell's test images go beside it,
        # so the matrix gets the column's whole height.
        self.confusion.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.confusion.splitter.setStretchFactor(0, 3)
        self.confusion.splitter.setStretchFactor(1, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.accuracy_label)
        right_layout.addWidget(self.detail_label)
        right_layout.addWidget(self.confusion, 1)
        right_layout.addWidget(self.legend)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _build_buttons(self) -> None:
        for box, _layer in self._groups:
            self.units_layout.removeWidget(box)
            box.deleteLater()
        self._groups, self.buttons = [], {}
        for index, info in enumerate(self._layers):
            box = QGroupBox()
            grid = QGridLayout(box)
            grid.setSpacing(2)
            grid.setContentsMargins(6, 4, 6, 6)
            for unit in range(info.count):
                button = QToolButton()
                button.setCheckable(True)
                button.setText(str(shown_index(unit)))
                button.setFixedSize(*BUTTON_SIZE)
                button.setStyleSheet(
                    "QToolButton:checked { background: #5a5a5a; color: white; "
                    "border: 1px solid #333; text-decoration: line-through; }")
                button.toggled.connect(
                    lambda off, layer=info.layer, unit=unit: self.switch(layer, unit, off))
                grid.addWidget(button, unit // BUTTONS_PER_ROW, unit % BUTTONS_PER_ROW)
                self.buttons[(info.layer, unit)] = button
            grid.setColumnStretch(BUTTONS_PER_ROW, 1)
            self.units_layout.insertWidget(index, box)
            self._groups.append((box, info))

    # --- language -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Switch units off"))
        self.intro.setText(self.tr(
            "Press a filter or a unit to switch it off: its weights and bias become 0, so "
            "it outputs 0 for every image, and the layers after it must do without it. "
            "Press it again to switch it back on. The test accuracy and the confusion "
            "matrix are measured again each time."))
        self.all_on_button.setText(self.tr("Switch all back on"))
        for box, info in self._groups:
            if info.kind == "conv":
                box.setTitle(self.tr("%n filter(s) of {0}", "", info.count).format(
                    info.title()))
            else:
                box.setTitle(self.tr("%n unit(s) of {0}", "", info.count).format(info.title()))
        for (layer, unit), button in self.buttons.items():
            self._word_button(layer, unit, button)
        self.legend.setText(self.tr(
            "Outlined cells changed when the units were switched off: green where the "
            "network now gets more right (or makes that mistake less often), red where it "
            "gets fewer right (or makes it more often). Where there is room, a small number "
            "gives the change."))
        self._show_result()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "marks"):
            self.retranslate()
        super().changeEvent(event)

    def _word_button(self, layer: int, unit: int, button: QToolButton) -> None:
        info = next(i for i in self._layers if i.layer == layer)
        if info.kind == "conv":
            name = self.tr("Filter {0} of {1}").format(shown_index(unit), info.title())
        else:
            name = self.tr("Unit {0} of {1}").format(shown_index(unit), info.title())
        button.setProperty("worded_off", button.isChecked())
        if button.isChecked():
            button.setToolTip(self.tr("{0}: switched off. Press to switch it back on.").format(
                name))
        else:
            button.setToolTip(self.tr("{0}: on. Press to switch it off.").format(name))

    # --- switching ----------------------------------------------------------------------
    def switch(self, layer: int, unit: int, off: bool) -> None:
        """Switch filter or unit ``unit`` of layer ``layer`` off (``off``) or on."""
        self.state.set_switched_off(layer, unit, off)

    def _on_model_changed(self) -> None:
        layers = unit_layers(self.state.model)
        if layers != self._layers:
            self._layers = layers
            self._build_buttons()
            self.retranslate()
        self._sync_buttons()
        self._measure()

    def _on_switched_off_changed(self) -> None:
        self._sync_buttons()
        self._measure()

    def _sync_buttons(self) -> None:
        for (layer, unit), button in self.buttons.items():
            off = self.state.is_switched_off(layer, unit)
            if button.isChecked() != off:
                button.blockSignals(True)
                button.setChecked(off)
                button.blockSignals(False)
            if button.toolTip() == "" or button.isChecked() != button.property("worded_off"):
                self._word_button(layer, unit, button)  # only what changed: 100+ buttons
        self.all_on_button.setEnabled(bool(self.state.switched_off))

    # --- measuring ----------------------------------------------------------------------
    def _wanted(self):
        state = self.state
        # The learner's edited kernels in place: the network on show is measured.
        return state.model_with_kernel_edits, state.test_set, state.switched_off

    def _measure(self) -> None:
        """Measure the network as it now is on the test images, in the worker, unless it
        is measured already (for the default network on 1000 images: about 0.2 s the
        first time for a model, then a few milliseconds per switch)."""
        model, test_set, switched_off = self._wanted()
        if model is None or test_set is None:
            self.job.cancel()
            self.evaluation = None
            self._measured = None
            self._show_result()
            return
        key = (model, test_set, switched_off)
        if self._measured is not None and self._same(self._measured, key):
            self._show_result()
            return
        if not self.isVisible():
            self._owed = True  # measured when shown: nobody would see it now
            return
        self._owed = False
        of = self._baseline_of
        baseline = self.baseline if of and of[0] is model and of[1] is test_set else None
        if baseline is not None and not switched_off:
            self.job.cancel()  # all back on: the whole network's figures are known
            self._on_measured(key, (baseline, baseline))
            return
        evaluator = self.evaluator
        if evaluator is None or evaluator.model is not model or self._evaluated is not test_set:
            # What the whole network computes on the test images is kept by the evaluator
            # (worked out in the worker, on its first measurement): a switch then costs
            # only the layers it changes.
            evaluator = self.evaluator = analysis.SwitchOffEvaluator(
                model, test_set.images, test_set.labels)
            self._evaluated = test_set

        def compute():
            whole = baseline if baseline is not None else evaluator.evaluate({})
            return whole, evaluator.evaluate(switched_off) if switched_off else whole

        self._problem = None
        self.job.request(key, compute)
        self._slow.start()

    @staticmethod
    def _same(a, b) -> bool:
        return a[0] is b[0] and a[1] is b[1] and a[2] == b[2]

    def _on_measured(self, key, result) -> None:
        self._slow.stop()
        model, test_set, _switched = key
        self.baseline, self.evaluation = result
        self._baseline_of = (model, test_set)
        self._measured = key
        self._show_result()

    def _on_failed(self, _key, error) -> None:
        self._slow.stop()
        self._problem = error_text(error)
        self.evaluation = None
        self._measured = None
        self._show_result()

    # --- showing -----------------------------------------------------------------------
    def _switched_off_text(self) -> str:
        switched = self.state.switched_off
        if not switched:
            return self.tr("Every unit is on.")
        parts = []
        for info in self._layers:
            chosen = sorted(switched.get(info.layer, ()))
            if not chosen:
                continue
            numbers = ", ".join(str(shown_index(u)) for u in chosen)
            if info.kind == "conv":
                parts.append(self.tr("%n filter(s) of {0} ({1})", "", len(chosen)).format(
                    info.title(), numbers))
            else:
                parts.append(self.tr("%n unit(s) of {0} ({1})", "", len(chosen)).format(
                    info.title(), numbers))
        return self.tr("Switched off — {0}.").format("; ".join(parts))

    def _measuring(self) -> bool:
        """A measurement of the network as it now is has not arrived yet."""
        return self.job.busy and (self._measured is None
                                  or not self._same(self._measured, self._wanted()))

    def _show_result(self) -> None:
        state = self.state
        busy = self._measuring()
        if state.model is None:
            self.accuracy_label.setText(self.tr("No trained network yet"))
            self.detail_label.setText(self.tr(
                "Train a network on the Train page (or open a model file) to switch its "
                "units off."))
            self._show_confusion(None)
            return
        if state.test_set is None:
            self.accuracy_label.setText(self.tr("Test accuracy: — (no test images)"))
            self.detail_label.setText(self.tr(
                "{0} The accuracy is measured on the test images the Train page scores the "
                "model on; choose a dataset that fits this network there.").format(
                self._switched_off_text()))
            self._show_confusion(None)
            return
        n = len(state.test_set.labels)
        if self._problem is not None:
            self.accuracy_label.setText(self.tr("Test accuracy: —"))
            self.detail_label.setText(self._problem)
            self._show_confusion(None)
            return
        if self.evaluation is None or self.baseline is None:
            self.accuracy_label.setText(self.tr("Test accuracy: measuring…"))
            self.detail_label.setText(self.tr("Measuring on %n test image(s)…", "", n))
            self._show_confusion(None)
            return
        before, after = self.baseline.accuracy, self.evaluation.accuracy
        measured_switched = self._measured[2] if self._measured is not None else {}
        if measured_switched:
            self.accuracy_label.setText(self.tr(
                "Test accuracy {0:.1f} % → {1:.1f} % ({2} points)").format(
                100 * before, 100 * after, change_text(before, after)))
        else:
            self.accuracy_label.setText(self.tr(
                "Test accuracy {0:.1f} % with every unit on").format(100 * before))
        if busy:
            detail = self.tr("Measuring on %n test image(s)…", "", n)
        else:
            detail = self.tr("{0} Measured on %n test image(s).", "", n).format(
                self._switched_off_text())
            if state.kernel_edits:
                detail += " " + self.tr("The network measured has your edited kernels; "
                                        "“Reset to learned” undoes them.")
        self.detail_label.setText(detail)
        self._show_confusion(self.evaluation)

    def _show_confusion(self, evaluation) -> None:
        test_set = self.state.test_set
        if evaluation is None or test_set is None:
            self.confusion.clear()
            self.marks.set_change(None)
            return
        if self.confusion.confusion is not evaluation.confusion:
            self.confusion.set_results(evaluation.confusion, test_set.labels,
                                       evaluation.predictions, test_set.images,
                                       class_names(test_set.class_names))
        self.marks.set_change(evaluation.confusion - self.baseline.confusion)

    def _explore_test_image(self, index: int) -> None:
        """A test image of a confusion cell goes to the explorer (and so to the Network
        page), as the Train page's confusion matrix does."""
        test_set = self.state.test_set
        if test_set is None or not 0 <= index < len(test_set.labels):
            return
        image = test_set.images[index]
        ink = image.mean(axis=0)
        true_class = test_set.class_names[int(test_set.labels[index])]
        self.state.set_source(np.repeat((1.0 - ink)[..., None], 3, axis=2), lambda: self.tr(
            "test image {0} ({1})").format(index, class_name(true_class)))
        self.state.set_preprocess(Preprocess(color="gray", size=None))

    # --- visibility ---------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._owed:
            self._measure()

    def shutdown(self) -> None:
        self.job.shutdown()
