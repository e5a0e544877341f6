"""Softmax followed by cross-entropy, fused into one loss with a simple gradient."""

from __future__ import annotations

import numpy as np

from engine import ops


def softmax_cross_entropy(logits, labels) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of the softmax of ``logits`` against integer ``labels``.

    Parameters
    ----------
    logits : array (N, K)
    labels : int array (N,), class indices in ``0..K-1``

    Returns
    -------
    loss : float
        ``-mean(log softmax(logits)[n, labels[n]])``.
    grad_logits : array (N, K)
        ``(softmax(logits) - onehot(labels)) / N``, in the dtype of ``logits``.
    """
    logits = ops._float_array(logits)
    labels = np.asarray(labels)
    loss = ops.cross_entropy(logits, labels)
    n = logits.shape[0]
    grad = ops.softmax(logits)
    grad[np.arange(n), labels] -= 1
    grad *= 1.0 / n
    return loss, grad
