"""Classify: draw a digit or shape, or pick a picture, and see what the trained network says.

The drawing is pre-processed exactly as the training images were
(:func:`gui.train.data_sources.to_training_image`: cropped, scaled into a 20×20 box and
centred by its centre of mass in 28×28), that 28×28 input is shown next to the canvas,
and the model's softmax probabilities appear as bars that follow the pen while drawing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine import datasets
from gui.common import file_dialogs
from gui.common.draw_canvas import DrawCanvas
from gui.common.error_text import error_text
from gui.common.image_io import ImageLoadError, ink_pixmap, supported_suffixes
from gui.common.preprocess import Preprocess
from gui.common.probability_bars import ProbabilityBars
from gui.state import LabState
from gui.train import data_sources

#: The image shape the page feeds the network: one channel of 28×28 ink values.
INPUT_SHAPE = (1, 28, 28)
INPUT_SCALE = 6
THUMB_SCALE = 2
#: Redraw at most once per frame while the pen moves.
FRAME_MS = 16
CANVAS_SIDE = 300
SAMPLE_BUTTON_WIDTH = 28 * THUMB_SCALE + 8

_DRAWING, _SAMPLE, _FILE = "drawing", "sample", "file"


class ClassifyPage(QWidget):
    """The Classify page of the main window.

    Parameters
    ----------
    state : LabState
        Supplies the trained model (``state.model``, ``model_changed``); "Send to
        explorer" changes its image.
    sample_count : int
        How many test images the strip offers.
    seed : int, optional
        Seed for picking the test images (random when None).

    Signals
    -------
    message(object)
        Something the learner should read (a file that could not be opened), as a
        function that words it in the current language (a status line words it again on
        a language change); an empty string when a new input was classified, so the
        earlier message is withdrawn.
    explore_requested()
        The current input was put into the explorer; the main window switches to it.
    """

    message = Signal(object)
    explore_requested = Signal()

    def __init__(self, state: LabState, parent: QWidget | None = None, sample_count: int = 12,
                 seed: int | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._rng = np.random.default_rng(seed)
        self._input = np.zeros(INPUT_SHAPE[1:], dtype=np.float32)
        self._probabilities: np.ndarray | None = None
        self._origin = _DRAWING
        self._origin_text = ""
        self._sample_kind: str | None = None
        self._sample_images = np.zeros((0, 28, 28), dtype=np.float32)
        self._sample_labels: list[str] = []

        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(FRAME_MS)
        self._frame_timer.timeout.connect(self._classify_drawing)

        self._build_ui(sample_count)
        self.canvas.drawn.connect(self._on_drawn)
        self.canvas.undo_available.connect(self.undo_button.setEnabled)
        state.model_changed.connect(self._on_model_changed)
        self._on_model_changed()
        self.retranslate()

    # --- language ----------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every text in the current language; the texts about the input, the
        samples and the model are worded again from what the page shows."""
        self.intro.setText(self.tr(
            "Draw in the box and watch the network's guess change as you draw — or click a "
            "test image below, or open a picture of your own."))
        self.canvas.setToolTip(self.tr(
            "Draw with the left mouse button, erase with the right one. "
            "Delete clears, Ctrl+Z undoes (while the canvas has the focus)."))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Wipe the canvas clean"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke"))
        self.pen_spin.setSuffix(self.tr(" px"))
        self.pen_spin.setToolTip(self.tr(
            "Pen width on the 280×280 canvas. The drawing is shrunk to 28×28, so 20 px "
            "becomes a stroke about 2 pixels wide, like MNIST's."))
        self.pen_label.setText(self.tr("Pen:"))
        self.draw_box.setTitle(self.tr("Draw"))
        self.send_button.setText(self.tr("Send to explorer"))
        self.send_button.setToolTip(self.tr(
            "Open this 28×28 input in the explorer to see what each filter finds in it"))
        self.input_box.setTitle(self.tr("What the network sees"))
        self.prediction_box.setTitle(self.tr("The network's answer"))
        self.samples_box.setTitle(self.tr(
            "Test images the network has never seen — click one to classify it"))
        self.shuffle_button.setText(self.tr("Other images"))
        self.shuffle_button.setToolTip(self.tr("Show a different random set of test images"))
        self.open_button.setText(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr(
            "Classify a picture file of your own: it is cropped and centred like a drawing "
            "(a dark digit or shape on light paper works best)"))
        self._show_origin()
        self._show_sample_tooltips()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "samples_box"):
            self.retranslate()
        super().changeEvent(event)

    # --- public API ------------------------------------------------------------------
    @property
    def current_input(self) -> np.ndarray:
        """The 28×28 ink image (float32, 1 = ink) the network was last given."""
        return self._input.copy()

    @property
    def current_probabilities(self) -> np.ndarray | None:
        """Softmax probabilities (K,) for `current_input`, or None (no model, no ink)."""
        return None if self._probabilities is None else self._probabilities.copy()

    @property
    def sample_images(self) -> np.ndarray:
        """The test images of the strip, (n, 28, 28) float32 ink."""
        return self._sample_images.copy()

    def classify_array(self, image: np.ndarray) -> np.ndarray | None:
        """Make ``image`` (28, 28) ink values in [0, 1] the input and classify it.

        Returns the softmax probabilities (K,), or None when there is no usable model
        or the image holds no ink.
        """
        image = np.asarray(image, dtype=np.float32)
        if image.shape == INPUT_SHAPE:
            image = image[0]
        if image.shape != INPUT_SHAPE[1:]:
            raise ValueError(f"the classifier takes 28×28 images, got {image.shape}")
        self._input = np.ascontiguousarray(np.clip(np.nan_to_num(image), 0.0, 1.0))
        self.input_view.setPixmap(ink_pixmap(self._input, INPUT_SCALE))
        self.send_button.setEnabled(self._has_ink())
        self._classify()
        self.message.emit("")  # a new input: a file that could not be opened is old news
        return self.current_probabilities

    def open_image(self, path) -> bool:
        """Classify the picture at ``path``; on failure emit `message` and return False."""
        try:
            # The same pre-processing as a picture imported into "My classes": the
            # paper's tone is read from the border, so light-on-dark pictures work too.
            image = data_sources.load_picture_as_example(path)
        except (ImageLoadError, ValueError) as error:
            self.message.emit(partial(error_text, error))
            return False
        self._set_origin(_FILE, Path(path).name)
        self.classify_array(image)
        self._mark_sample(None)
        return True

    def classify_sample(self, index: int) -> np.ndarray | None:
        """Classify test image ``index`` of the strip (what clicking it does)."""
        self._set_origin(_SAMPLE, self._sample_labels[index])
        self._mark_sample(index)
        return self.classify_array(self._sample_images[index])

    def send_to_explorer(self) -> None:
        """Put the current input into the explorer as a 28×28 grayscale picture."""
        if not self._has_ink():
            return
        paper = np.repeat((1.0 - self._input)[:, :, None], 3, axis=2)
        name = {_DRAWING: self.tr("drawing"),
                _SAMPLE: self.tr("test image: {0}").format(self._origin_text),
                _FILE: self._origin_text}[self._origin]
        self.state.set_source(paper, name)
        self.state.set_preprocess(Preprocess(color="gray", size=None))
        self.explore_requested.emit()

    def new_samples(self) -> None:
        """Pick other test images for the strip."""
        self._fill_samples(force=True)

    # --- building ----------------------------------------------------------------------
    def _build_ui(self, sample_count: int) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        # 1. the canvas
        self.canvas = DrawCanvas(resolution=280, pen_width=20)
        self.canvas.setFixedSize(CANVAS_SIDE, CANVAS_SIDE)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button = QPushButton()
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.pen_spin = QSpinBox(minimum=4, maximum=60, value=round(self.canvas.pen_width))
        self.pen_spin.valueChanged.connect(self._on_pen_changed)
        self.pen_label = QLabel()
        self.pen_label.setBuddy(self.pen_spin)
        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.clear_button)
        tools.addWidget(self.undo_button)
        tools.addSpacing(8)
        tools.addWidget(self.pen_label)
        tools.addWidget(self.pen_spin)
        tools.addStretch(1)
        self.draw_box = draw_box = QGroupBox()
        draw_layout = QVBoxLayout(draw_box)
        draw_layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignHCenter)
        draw_layout.addLayout(tools)
        draw_layout.addStretch(1)

        # 2. what the network receives
        side = INPUT_SHAPE[1] * INPUT_SCALE
        self.input_view = QLabel()
        self.input_view.setFixedSize(side + 2, side + 2)
        self.input_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input_view.setFrameShape(QFrame.Shape.Box)
        self.input_view.setStyleSheet("QLabel { border: 1px solid #999; background: white; }")
        self.input_view.setPixmap(ink_pixmap(self._input, INPUT_SCALE))
        self.input_explain = QLabel()
        self.input_explain.setWordWrap(True)
        self.input_explain.setStyleSheet("color: #555;")
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.send_button = QPushButton()
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.send_to_explorer)
        self.input_box = input_box = QGroupBox()
        input_layout = QVBoxLayout(input_box)
        input_layout.addWidget(self.input_view, 0, Qt.AlignmentFlag.AlignHCenter)
        # The button above the texts that change with the input, so it never moves.
        input_layout.addWidget(self.send_button)
        input_layout.addSpacing(6)
        input_layout.addWidget(self.origin_label)
        input_layout.addWidget(self.input_explain)
        input_layout.addStretch(1)
        input_box.setFixedWidth(side + 48)

        # 3. the prediction
        self.bars = ProbabilityBars()
        self.prediction_box = prediction_box = QGroupBox()
        prediction_layout = QVBoxLayout(prediction_box)
        prediction_layout.addWidget(self.bars)

        top = QHBoxLayout()
        top.addWidget(draw_box)
        top.addWidget(input_box)
        top.addWidget(prediction_box, 1)

        # 4. test images
        self.samples_box = QGroupBox()
        strip = QHBoxLayout(self.samples_box)
        strip.setSpacing(4)
        self.sample_buttons: list[QToolButton] = []
        for index in range(sample_count):
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIconSize(QPixmap(28 * THUMB_SCALE, 28 * THUMB_SCALE).size())
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setFixedWidth(SAMPLE_BUTTON_WIDTH)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, i=index: self.classify_sample(i))
            strip.addWidget(button)
            self.sample_buttons.append(button)
        strip.addStretch(1)
        self.shuffle_button = QPushButton()
        self.shuffle_button.clicked.connect(self.new_samples)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._on_open_clicked)
        buttons = QVBoxLayout()
        buttons.addWidget(self.shuffle_button)
        buttons.addWidget(self.open_button)
        strip.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top, 1)
        layout.addWidget(self.samples_box)
        self._set_origin(_DRAWING, "")

    # --- reacting ----------------------------------------------------------------------
    def _on_drawn(self) -> None:
        if not self._frame_timer.isActive():
            self._frame_timer.start()

    def _classify_drawing(self) -> None:
        self._set_origin(_DRAWING, "")
        self._mark_sample(None)
        self.classify_array(data_sources.to_training_image(self.canvas.image()))

    def _on_pen_changed(self, value: int) -> None:
        self.canvas.pen_width = value

    def _on_open_clicked(self) -> None:
        patterns = " ".join(f"*.{suffix}" for suffix in supported_suffixes())
        path = file_dialogs.open_file(self, self.tr("Open an image to classify"),
                                      self.tr("Images ({0})").format(patterns))
        if path:
            self.open_image(path)

    def _on_model_changed(self) -> None:
        self._fill_samples(force=False)
        self._classify()

    # --- internals -----------------------------------------------------------------------
    def _has_ink(self) -> bool:
        return bool(self._input.max() > 0.0)

    def _model_problem(self) -> str | None:
        """Why the current model cannot classify the page's input (in the current
        language), or None if it can."""
        model = self.state.model
        if model is None:
            return self.tr("No trained model yet — train one on the Train page")
        if tuple(model.input_shape or ()) != INPUT_SHAPE:
            c, h, w = (tuple(model.input_shape) + (0, 0, 0))[:3]
            return self.tr("This model reads {0}×{1} images with %n channel(s); the "
                           "classifier needs one trained on 28×28 grayscale images.", "",
                           c).format(h, w)
        return None

    def _nothing_drawn_text(self) -> str:
        return self.tr("Draw something in the box, click a test image or open a picture to "
                       "see what the network thinks.")

    def _class_names(self) -> tuple[str, ...] | None:
        model = self.state.model
        if model is None:
            return None
        if model.class_names is not None:
            return tuple(model.class_names)
        return tuple(str(i) for i in range(model.num_classes))

    def _classify(self) -> None:
        problem = self._model_problem()
        if problem is not None:
            self._probabilities = None
            # Worded again on a language change (the bars call it).
            self.bars.set_probabilities(None, empty_text=self._model_problem)
            return
        if not self._has_ink():
            self._probabilities = None
            self.bars.set_probabilities(None, empty_text=self._nothing_drawn_text)
            return
        probabilities = self.state.model.predict_proba(self._input[None, None])[0]
        self._probabilities = probabilities
        self.bars.set_probabilities(probabilities, self._class_names())

    def _set_origin(self, origin: str, text: str) -> None:
        self._origin, self._origin_text = origin, text
        self._show_origin()

    def _show_origin(self) -> None:
        origin, text = self._origin, self._origin_text
        if origin == _SAMPLE:
            shown = self.tr("Input: a test image — its true class is “{0}”.").format(text)
            explain = self.tr("Test images are already 28×28 and go in as they are.")
        elif origin == _FILE:
            shown = self.tr("Input: the picture “{0}”.").format(text)
            explain = self.tr("The picture is cropped to its strokes, scaled to fit a 20×20 "
                              "box and centred in 28×28, the way the MNIST digits were "
                              "prepared.")
        else:
            shown = self.tr("Input: your drawing.")
            explain = self.tr("Your strokes are cropped, scaled to fit a 20×20 box and "
                              "centred in 28×28, the way the MNIST digits were prepared.")
        self.origin_label.setText(shown)
        self.input_explain.setText(explain)

    def _mark_sample(self, index: int | None) -> None:
        for i, button in enumerate(self.sample_buttons):
            with QSignalBlocker(button):
                button.setChecked(i == index)

    def _sample_kind_for_model(self) -> str | None:
        names = self._class_names()
        if names is None or names == datasets.MNIST_CLASSES:
            return "mnist"
        if names == datasets.SHAPE_CLASSES:
            return "shapes"
        return None

    def _fill_samples(self, force: bool) -> None:
        kind = self._sample_kind_for_model()
        if kind == self._sample_kind and not force:
            return
        self._sample_kind = kind
        count = len(self.sample_buttons)
        if kind == "mnist":
            data = datasets.load("mnist", n_train=0)
            images, labels, names = data.x_test[:, 0], data.y_test, data.class_names
        elif kind == "shapes":
            per_class = -(-count // len(datasets.SHAPE_CLASSES))
            images, labels = datasets.make_shapes(per_class * len(datasets.SHAPE_CLASSES),
                                                  seed=int(self._rng.integers(2**31)))
            images, names = images[:, 0], datasets.SHAPE_CLASSES
        else:
            images, labels, names = np.zeros((0, 28, 28), np.float32), np.zeros(0, int), ()
        picks = self._balanced_picks(labels, count)
        self._sample_images = np.ascontiguousarray(images[picks], dtype=np.float32)
        self._sample_labels = [names[labels[i]] for i in picks]
        for i, button in enumerate(self.sample_buttons):
            visible = i < len(picks)
            button.setVisible(visible)
            if visible:
                name = self._sample_labels[i]
                button.setIcon(QIcon(ink_pixmap(self._sample_images[i], THUMB_SCALE)))
                button.setText(button.fontMetrics().elidedText(
                    name, Qt.TextElideMode.ElideRight, SAMPLE_BUTTON_WIDTH - 8))
        self._show_sample_tooltips()
        self._mark_sample(None)
        self.samples_box.setVisible(len(picks) > 0)
        self.shuffle_button.setEnabled(len(picks) > 0)

    def _show_sample_tooltips(self) -> None:
        for button, name in zip(self.sample_buttons, self._sample_labels, strict=False):
            button.setToolTip(self.tr("A test image of “{0}”. Click to classify it.")
                              .format(name))

    def _balanced_picks(self, labels: np.ndarray, count: int) -> np.ndarray:
        """``count`` indices of ``labels``, going round the classes in a random order so
        the strip shows as many different classes as it can."""
        if len(labels) == 0:
            return np.zeros(0, dtype=int)
        classes = self._rng.permutation(np.unique(labels))
        pools = [list(self._rng.permutation(np.flatnonzero(labels == c))) for c in classes]
        picks: list[int] = []
        while len(picks) < min(count, len(labels)):
            for pool in pools:
                if pool and len(picks) < count:
                    picks.append(int(pool.pop()))
        return np.array(picks, dtype=int)
