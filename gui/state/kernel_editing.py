"""Learned kernels of the trained network edited by the learner.

One job of :class:`gui.state.LabState`: the convolution filters of any layer whose
weights or bias the learner changed on the Network page. Edits are kept as whole-layer
copies (``kernel_edits``: layer index -> (weight (F, C, KH, KW), bias (F,))), replaced by
a new copy on every change, so a model built from them (:attr:`model_in_use`, with the
switched-off units of :mod:`~gui.state.unit_switching` too) is never changed afterwards;
the shared model itself is never touched. A new model drops every edit.
"""

from __future__ import annotations

import numpy as np

from engine.layers import Conv2D
from gui.state.errors import StateError
from gui.state.filters import check_weight


class KernelEditing:
    """The edited learned kernels part of :class:`gui.state.LabState`."""

    def _init_kernel_editing(self) -> None:
        self._kernel_edits: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._edited: tuple | None = None  # (model, edits, model with them)

    @property
    def kernel_edits(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Layer index -> (weight (F, C, KH, KW), bias (F,)) of every convolution with an
        edited filter (read-only arrays; empty when nothing is edited)."""
        return dict(self._kernel_edits)

    def _conv_layer(self, layer: int) -> Conv2D:
        if self._model is None:
            raise StateError("no_model_filters")
        layers = self._model.layers
        if not 0 <= int(layer) < len(layers) or not isinstance(layers[int(layer)], Conv2D):
            raise ValueError(f"layer {layer} is no convolution")
        return layers[int(layer)]

    def kernel(self, layer: int, filter_index: int) -> tuple[np.ndarray, float]:
        """Filter ``filter_index`` of convolution ``layer`` as in use: its weights
        (C, KH, KW) (a copy) and bias."""
        conv = self._conv_layer(layer)
        weight, bias = self._kernel_edits.get(int(layer),
                                              (conv.params["weight"], conv.params["bias"]))
        return np.array(weight[filter_index]), float(bias[filter_index])

    def learned_kernel(self, layer: int, filter_index: int) -> tuple[np.ndarray, float]:
        """The model's own weights (C, KH, KW) (a copy) and bias of that filter."""
        conv = self._conv_layer(layer)
        return (np.array(conv.params["weight"][filter_index]),
                float(conv.params["bias"][filter_index]))

    def is_kernel_edited(self, layer: int, filter_index: int) -> bool:
        edit = self._kernel_edits.get(int(layer))
        if edit is None:
            return False
        conv = self._model.layers[int(layer)]
        return not (np.array_equal(edit[0][filter_index], conv.params["weight"][filter_index])
                    and edit[1][filter_index] == conv.params["bias"][filter_index])

    def edited_kernels(self) -> dict[int, tuple[int, ...]]:
        """Layer index -> the filters that differ from the learned ones."""
        out = {}
        for layer in sorted(self._kernel_edits):
            count = self._kernel_edits[layer][1].shape[0]
            edited = tuple(f for f in range(count) if self.is_kernel_edited(layer, f))
            if edited:
                out[layer] = edited
        return out

    def set_kernel_weight(self, layer: int, filter_index: int, channel: int, row: int,
                          col: int, value: float) -> None:
        """Set one weight of a learned filter: the Network page and the prediction
        follow. A :class:`StateError` (ValueError) for a value that is no usable weight;
        IndexError for a place the kernel does not have."""
        value = check_weight(value)
        conv = self._conv_layer(layer)
        weight, bias = self._edit_of(int(layer), conv)
        if weight[filter_index, channel, row, col] == value:
            return
        weight = weight.copy()
        weight[filter_index, channel, row, col] = value
        self._store_edit(int(layer), conv, weight, bias)

    def set_kernel_bias(self, layer: int, filter_index: int, value: float) -> None:
        """Set the bias of a learned filter (see :meth:`set_kernel_weight`)."""
        value = check_weight(value)
        conv = self._conv_layer(layer)
        weight, bias = self._edit_of(int(layer), conv)
        if bias[filter_index] == value:
            return
        bias = bias.copy()
        bias[filter_index] = value
        self._store_edit(int(layer), conv, weight, bias)

    def reset_kernel(self, layer: int, filter_index: int) -> None:
        """Put back the learned weights and bias of one filter."""
        conv = self._conv_layer(layer)
        if not self.is_kernel_edited(layer, filter_index):
            return
        weight, bias = (a.copy() for a in self._kernel_edits[int(layer)])
        weight[filter_index] = conv.params["weight"][filter_index]
        bias[filter_index] = conv.params["bias"][filter_index]
        self._store_edit(int(layer), conv, weight, bias)

    def reset_all_kernels(self) -> None:
        """Put back every learned kernel."""
        if self._kernel_edits:
            self._kernel_edits = {}
            self._emit("kernel_edits_changed")
            self._schedule()

    def _forget_kernel_edits(self) -> None:
        """A new model: its kernels are as learned (called by ``set_model``)."""
        if self._kernel_edits:
            self._kernel_edits = {}
            self._emit("kernel_edits_changed")

    def _edit_of(self, layer: int, conv: Conv2D) -> tuple[np.ndarray, np.ndarray]:
        return self._kernel_edits.get(layer, (conv.params["weight"], conv.params["bias"]))

    def _store_edit(self, layer: int, conv: Conv2D, weight: np.ndarray,
                    bias: np.ndarray) -> None:
        weight = weight.astype(conv.params["weight"].dtype, copy=False)
        bias = bias.astype(conv.params["bias"].dtype, copy=False)
        weight.flags.writeable = bias.flags.writeable = False
        edits = dict(self._kernel_edits)
        if (np.array_equal(weight, conv.params["weight"])
                and np.array_equal(bias, conv.params["bias"])):
            edits.pop(layer, None)  # everything is as learned again
        else:
            edits[layer] = (weight, bias)
        self._kernel_edits = edits
        self._emit("kernel_edits_changed")
        self._schedule()  # the prediction follows

    @property
    def model_with_kernel_edits(self):
        """The trained model with the edited kernels in place and every unit on (the
        model itself when nothing is edited), or None. The same object until the model
        or an edit changes (the edits are replaced, never changed: identity tells)."""
        cached = self._edited
        if cached is not None and cached[0] is self._model and cached[1] is self._kernel_edits:
            return cached[2]
        edited = self._with_kernel_edits(self._model)
        self._edited = (self._model, self._kernel_edits, edited)
        return edited

    def _with_kernel_edits(self, model):
        """``model`` with the edited kernels in place (the model itself without edits)."""
        if model is None or not self._kernel_edits:
            return model
        return model.with_parameters({layer: {"weight": w, "bias": b}
                                      for layer, (w, b) in self._kernel_edits.items()})
