"""Classify: draw a digit or shape, or pick a picture, and see what the trained network says.

The drawing is pre-processed exactly as the training images were
(:func:`gui.train.data_sources.to_training_image`: cropped, scaled into a 20×20 box and
centred by its centre of mass in 28×28), that 28×28 input is shown next to the canvas,
and the model's softmax probabilities appear as bars that follow the pen while drawing.

The page puts together its boxes, one job each: the canvas and its tools
(:mod:`~gui.classify.drawing_box`), the input the network sees
(:mod:`~gui.classify.input_box`), the test images to pick from
(:mod:`~gui.classify.sample_strip`) and the answer (:class:`ProbabilityBars`); it owns
the input and classifies it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.classify.drawing_box import DrawingBox
from gui.classify.input_box import DRAWING, FILE, SAMPLE, InputBox
from gui.classify.sample_strip import SampleStrip, sample_kind
from gui.common import file_dialogs
from gui.common.display_names import class_name, class_names
from gui.common.error_text import error_text
from gui.common.image_io import ImageLoadError, supported_suffixes
from gui.common.preprocess import Preprocess
from gui.common.probability_bars import ProbabilityBars
from gui.state import LabState
from gui.train import data_sources

#: The image shape the page feeds the network: one channel of 28×28 ink values.
INPUT_SHAPE = (1, 28, 28)


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

    Attributes
    ----------
    drawing : DrawingBox
        The canvas (``drawing.canvas``) and its tools.
    input_box : InputBox
        The 28×28 input, where it came from, and "Send to explorer".
    samples : SampleStrip
        The test images (``samples.buttons``).
    bars : ProbabilityBars
        The network's answer.

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
        self._input = np.zeros(INPUT_SHAPE[1:], dtype=np.float32)
        self._probabilities: np.ndarray | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.drawing = DrawingBox()
        self.input_box = InputBox()
        self.bars = ProbabilityBars()
        self.prediction_box = QGroupBox()
        QVBoxLayout(self.prediction_box).addWidget(self.bars)
        self.samples = SampleStrip(sample_count, np.random.default_rng(seed))
        top = QHBoxLayout()
        top.addWidget(self.drawing)
        top.addWidget(self.input_box)
        top.addWidget(self.prediction_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top, 1)
        layout.addWidget(self.samples)

        self.drawing.drawn.connect(self._classify_drawing)
        self.input_box.send_requested.connect(self.send_to_explorer)
        self.samples.picked.connect(self.classify_sample)
        self.samples.open_requested.connect(self._on_open_clicked)
        state.model_changed.connect(self._on_model_changed)
        self._on_model_changed()
        self._built = True
        self.retranslate()

    # --- language ----------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set the page's own texts in the current language (its boxes set theirs)."""
        self.intro.setText(self.tr(
            "Draw in the box and watch the network's guess change as you draw — or click a "
            "test image below, or open a picture of your own."))
        self.prediction_box.setTitle(self.tr("The network's answer"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and getattr(self, "_built", False):
            self.retranslate()
        super().changeEvent(event)

    # --- public API ------------------------------------------------------------------
    @property
    def canvas(self):
        """The drawing canvas (:class:`gui.common.draw_canvas.DrawCanvas`)."""
        return self.drawing.canvas

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
        return self.samples.images

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
        self.input_box.show_input(self._input)
        self.state.set_classify_input(self._input)  # the Network page follows it
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
        self.input_box.set_origin(FILE, Path(path).name)
        self.classify_array(image)
        self.samples.mark(None)
        return True

    def classify_sample(self, index: int) -> np.ndarray | None:
        """Classify test image ``index`` of the strip (what clicking it does)."""
        self.input_box.set_origin(SAMPLE, self.samples.labels[index])
        self.samples.mark(index)
        return self.classify_array(self.samples.image(index))

    def send_to_explorer(self) -> None:
        """Put the current input into the explorer as a 28×28 grayscale picture."""
        if not self._has_ink():
            return
        paper = np.repeat((1.0 - self._input)[:, :, None], 3, axis=2)
        origin, text = self.input_box.origin
        name = {DRAWING: lambda: self.tr("drawing"),
                SAMPLE: lambda: self.tr("test image: {0}").format(class_name(text)),
                FILE: text}[origin]
        self.state.set_source(paper, name)
        self.state.set_preprocess(Preprocess(color="gray", size=None))
        self.explore_requested.emit()

    def new_samples(self) -> None:
        """Pick other test images for the strip."""
        self.samples.fill(sample_kind(self._class_names()), force=True)

    # --- reacting ----------------------------------------------------------------------
    def _classify_drawing(self) -> None:
        self.input_box.set_origin(DRAWING)
        self.samples.mark(None)
        self.classify_array(data_sources.to_training_image(self.canvas.image()))

    def _on_open_clicked(self) -> None:
        patterns = " ".join(f"*.{suffix}" for suffix in supported_suffixes())
        path = file_dialogs.open_file(self, self.tr("Open an image to classify"),
                                      self.tr("Images ({0})").format(patterns))
        if path:
            self.open_image(path)

    def _on_model_changed(self) -> None:
        self.samples.fill(sample_kind(self._class_names()))
        self._classify()

    # --- classifying -------------------------------------------------------------------
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
        return None if model is None else model.class_labels()

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
        self.bars.set_probabilities(probabilities, class_names(self._class_names()))
