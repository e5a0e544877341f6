"""Gradient-descent optimizers that update a model's parameters in place."""

from __future__ import annotations

import numpy as np


def _trainable(model):
    layers = model.layers if hasattr(model, "layers") else model
    return [layer for layer in layers if layer.params]


class Optimizer:
    """Updates every trainable layer of ``model`` from the gradients of the last backward pass.

    State (momentum, moments) is kept per parameter array and rebuilt if the array's
    shape changes, e.g. after a new model was loaded into the same layers.
    """

    def __init__(self, lr: float) -> None:
        if not np.isfinite(lr) or lr <= 0:
            raise ValueError(f"learning rate must be a positive number, got {lr}")
        self.lr = float(lr)
        self._state: dict[tuple[int, str], tuple[tuple, int]] = {}

    def step(self, model) -> None:
        for layer in _trainable(model):
            for name, param in layer.params.items():
                grad = layer.grads.get(name)
                if grad is None:
                    continue
                self._update(param, grad, (id(layer), name))

    def _slots(self, key, param, count):
        """Per-parameter state arrays and the number of updates they have seen."""
        slots, steps = self._state.get(key, (None, 0))
        if slots is None or slots[0].shape != param.shape:
            slots, steps = tuple(np.zeros_like(param) for _ in range(count)), 0
        self._state[key] = (slots, steps + 1)
        return slots, steps + 1

    def _update(self, param, grad, key) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, with optional (heavy-ball) momentum."""

    def __init__(self, lr: float = 0.01, momentum: float = 0.0) -> None:
        super().__init__(lr)
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.momentum = float(momentum)

    def _update(self, param, grad, key) -> None:
        if self.momentum == 0.0:
            param -= self.lr * grad
            return
        (velocity,), _ = self._slots(key, param, 1)
        velocity *= self.momentum
        velocity -= self.lr * grad
        param += velocity


class Adam(Optimizer):
    """Adam (Kingma & Ba) with bias-corrected first and second moments."""

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def _update(self, param, grad, key) -> None:
        (mean, square), t = self._slots(key, param, 2)
        mean *= self.beta1
        mean += (1 - self.beta1) * grad
        square *= self.beta2
        square += (1 - self.beta2) * grad * grad
        step = self.lr * np.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        param -= (step * mean / (np.sqrt(square) + self.eps)).astype(param.dtype, copy=False)
