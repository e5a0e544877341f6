"""The trained model: its learned first-layer filters and its prediction for the image.

One job of :class:`gui.state.LabState`: holding the model, putting its first layer in the
editor and predicting the current image (with the editor's filters standing in for the
learned ones once they are shown). The model every page shows (:attr:`model`) is the
trained one (:attr:`trained_model`, what training or a file gave and what Save model
saves), unless the Train page's history slider shows the network as it was at an
earlier epoch (:meth:`show_model`).
"""

from __future__ import annotations

from engine.layers import AvgPool2D, Conv2D, MaxPool2D, ReLU
from gui.state.errors import StateError
from gui.state.filters import Filter
from gui.state.settings import LayerSettings


def _padding_name(padding) -> str | tuple[int, int]:
    """A trained layer's numeric padding in the explorer's words: none is "valid"."""
    pad = tuple(int(v) for v in padding)
    if pad == (0, 0):
        return "valid"
    return pad


class ModelPrediction:
    """The model part of :class:`gui.state.LabState`."""

    def _init_model_prediction(self) -> None:
        self._model = None
        self._trained_model = None
        self._prediction = None

    @property
    def model(self):
        """The :class:`engine.model.Sequential` every page shows and predicts with, or
        None: the trained model, or an earlier epoch of it (:meth:`show_model`)."""
        return self._model

    @property
    def trained_model(self):
        """The model training or a file gave (what Save model saves), or None."""
        return self._trained_model

    @property
    def showing_earlier_model(self) -> bool:
        """True while an earlier epoch of the trained model is shown in its place."""
        return self._model is not self._trained_model

    def set_model(self, model) -> None:
        """A new trained (or opened) model, shown at once."""
        self._trained_model = model
        self._show(model)

    def show_model(self, model) -> None:
        """Show ``model`` (the trained network as it was after an earlier epoch, of the
        same architecture) on every page in place of the trained model, which stays the
        one saved; None shows the trained model again."""
        model = self._trained_model if model is None else model
        if model is not self._model:
            self._show(model)

    def _show(self, model) -> None:
        self._model = model
        self._learned = None
        self._forget_switched_off()
        self._forget_kernel_edits()
        self._emit("model_changed")
        self._schedule(edit=False)  # a model, trained or opened: not the learner's edit

    def first_conv(self):
        """The model's first convolution layer, or None."""
        if self._model is None:
            return None
        return next((layer for layer in self._model.layers if isinstance(layer, Conv2D)), None)

    def use_learned_filters(self) -> None:
        """Put the model's first-layer filters in the editor, with its stride, padding and
        pooling, so the explorer shows exactly what the network computes. The learner's
        own filters and settings are kept aside (`restore_own_filters`). Listeners hear
        of it once everything has changed."""
        conv = self.first_conv()
        if conv is None:
            raise StateError("no_model_filters")
        filters = [Filter(f"learned {i + 1}", w, float(b), None)
                   for i, (w, b) in enumerate(zip(conv.params["weight"], conv.params["bias"],
                                                  strict=True))]
        index = self._model.layers.index(conv)
        follow = self._model.layers[index + 1:index + 3]
        pool = next((layer for layer in follow if isinstance(layer, (MaxPool2D, AvgPool2D))),
                    None)
        settings = LayerSettings(
            stride=conv.stride, padding=_padding_name(conv.padding),
            dilation=tuple(conv.dilation),
            activation="relu" if any(isinstance(layer, ReLU) for layer in follow) else "none",
            pool="none" if pool is None else ("max" if isinstance(pool, MaxPool2D) else "avg"),
            pool_size=pool.size if pool else (2, 2), pool_stride=None if pool is None or
            pool.stride == pool.size else pool.stride)
        with self.placing_filters():  # a model's replaced by another's are not "own"
            self.set_filters(filters, remember_as_learned=True)
            if settings != self._settings:
                self._settings = settings
                self._emit("settings_changed")

    @property
    def prediction(self):
        """Softmax probabilities (K,) of the model (with its switched-off units off) for
        the current image, or None when there is no model or the image does not fit it."""
        return self._prediction

    def _predict(self) -> None:
        model, conv = self._model, self.first_conv()
        prediction = None
        if model is not None and tuple(self._image.shape) == tuple(model.input_shape or ()):
            weights, biases = self.weights(), self.biases()
            # Once the learned filters are in the editor, the editor's filters stand in
            # for the first layer, so editing a learned weight changes the prediction live;
            # the shared model itself is never changed.
            if (conv is not None and self._learned is not None
                    and weights.shape == conv.params["weight"].shape):
                model = model.with_parameters(
                    {model.layers.index(conv): {"weight": weights, "bias": biases}})
            prediction = self._with_switched_off(model).predict_proba(self._image[None])[0]
        self._prediction = prediction
        self.predicted.emit(prediction)
