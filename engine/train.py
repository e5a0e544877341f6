"""Mini-batch training that reports progress and can be stopped between batches.

A mini-batch whose activations would exceed :data:`STEP_CHUNK_FLOATS` is computed in
slices whose gradients add up to the whole batch's (the loss is a mean over images, so
the update is the same), which bounds memory and lets a stop request be heard between
slices: a heavy configuration never holds a closing window for a whole batch.

Nothing here knows about threads or Qt: a caller that wants training in the background
runs :func:`fit` in a worker and passes ``on_progress`` and ``should_stop``.

Run ``python -m engine.train --help`` for the command-line trainer.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from engine import architecture, limits, ops
from engine.layers import Conv2D
from engine.losses import softmax_cross_entropy
from engine.optim import SGD, Adam

#: Most float32 activations one forward and backward pass holds at once (64 MB): a
#: larger mini-batch is computed in slices (see :func:`train_step`).
STEP_CHUNK_FLOATS = 1 << 24


class TrainingDiverged(RuntimeError):
    """The loss or the weights stopped being finite numbers."""


DIVERGED_HINT = "Training diverged: {what}. Try a lower learning rate (e.g. a tenth of {lr:g})."


@dataclass(frozen=True)
class Progress:
    """What :func:`fit` reports after every mini-batch. ``epoch`` and ``batch`` count from 1."""

    epoch: int
    epochs: int
    batch: int
    batches: int
    loss: float
    accuracy: float
    elapsed: float

    @property
    def fraction(self) -> float:
        """Share of the whole run done, 0..1."""
        return ((self.epoch - 1) * self.batches + self.batch) / (self.epochs * self.batches)


@dataclass
class History:
    """Per-epoch metrics; the validation lists stay empty without validation data."""

    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    cancelled: bool = False
    stopped_early: bool = False
    seconds: float = 0.0

    @property
    def epochs_completed(self) -> int:
        return len(self.train_loss)


@dataclass(frozen=True)
class Evaluation:
    """Loss, accuracy, per-image predictions ``(N,)`` and the confusion matrix ``(K, K)``
    with rows = true class and columns = predicted class."""

    loss: float
    accuracy: float
    predictions: np.ndarray
    confusion: np.ndarray


def random_shift(x: np.ndarray, max_shift: int, rng: np.random.Generator) -> np.ndarray:
    """Shift each image of ``x`` (N, C, H, W) by up to ``max_shift`` pixels in each direction,
    filling with zeros, so the network sees digits that are not perfectly centred."""
    if max_shift <= 0:
        return x
    n, _, h, w = x.shape
    s = max_shift
    padded = np.pad(x, ((0, 0), (0, 0), (s, s), (s, s)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (h, w), axis=(2, 3))
    dy = rng.integers(0, 2 * s + 1, size=n)
    dx = rng.integers(0, 2 * s + 1, size=n)
    return np.ascontiguousarray(windows[np.arange(n), :, dy, dx])


def _check_finite(model, loss: float, lr: float) -> None:
    if not np.isfinite(loss):
        raise TrainingDiverged(DIVERGED_HINT.format(what="the loss became NaN or infinite",
                                                    lr=lr))
    # A stable log-softmax keeps the loss finite long after training has blown up, so a
    # loss far above that of guessing (log K) counts as divergence too.
    limit = 100 * np.log(max(model.num_classes, 2))
    if loss > limit:
        raise TrainingDiverged(DIVERGED_HINT.format(
            what=f"the loss exploded to {loss:.3g}", lr=lr))
    for layer in model.trainable_layers():
        for value in layer.params.values():
            if not np.isfinite(value).all():
                raise TrainingDiverged(DIVERGED_HINT.format(
                    what="the weights became NaN or infinite", lr=lr))


def activations_per_image(model, image_shape) -> int:
    """Roughly how many float32 values one image ``image_shape`` (C, H, W) occupies in a
    forward and backward pass of ``model``: each layer's output and its gradient, plus a
    convolution's unfolded columns and their gradient."""
    shape, total = tuple(image_shape), 0
    for layer in model.layers:
        out = tuple(layer.output_shape(shape))
        total += 2 * int(np.prod(out))
        if isinstance(layer, Conv2D):
            _, channels, kh, kw = layer.params["weight"].shape
            total += 2 * channels * kh * kw * int(np.prod(out[1:]))
        shape = out
    return total


def step_slice_size(model, x) -> int:
    """Images of the batch ``x`` (N, C, H, W) :func:`train_step` computes at once."""
    per_image = max(activations_per_image(model, x.shape[1:]), 1)
    return int(min(len(x), max(1, STEP_CHUNK_FLOATS // per_image)))


def train_step(model, optimizer, x, y,
               should_stop: Callable[[], bool] | None = None) -> tuple[float, float] | None:
    """One forward pass, backward pass and parameter update on the batch ``x`` (N, C, H, W).

    Returns the batch's loss and accuracy, or None (and the weights unchanged) when
    ``should_stop`` returned True between two slices of a large batch. Raises
    :class:`TrainingDiverged` when the loss or the updated weights are no longer finite.
    """
    n, size = len(x), step_slice_size(model, x)
    if size >= n:
        logits = model.forward(x)
        loss, grad = softmax_cross_entropy(logits, y)
        model.backward(grad, input_grad=False)
        accuracy = float((logits.argmax(axis=1) == y).mean())
    else:
        loss, correct, summed = 0.0, 0, {}
        for start in range(0, n, size):
            if should_stop is not None and should_stop():
                return None
            xs, ys = x[start:start + size], y[start:start + size]
            logits = model.forward(xs)
            part_loss, grad = softmax_cross_entropy(logits, ys)
            model.backward(grad, input_grad=False)
            share = len(ys) / n  # each slice's mean, weighted: the batch's mean
            loss += part_loss * share
            correct += int((logits.argmax(axis=1) == ys).sum())
            for layer in model.trainable_layers():
                for name, value in layer.grads.items():
                    key = (id(layer), name)
                    if key in summed:
                        summed[key] += value * share
                    else:
                        summed[key] = value * share
        for layer in model.trainable_layers():
            layer.grads = {name: summed[(id(layer), name)] for name in layer.grads}
        accuracy = correct / n
    optimizer.step(model)
    _check_finite(model, loss, optimizer.lr)
    return float(loss), accuracy


def evaluate(model, x, y, batch_size: int = 500) -> Evaluation:
    """Loss, accuracy and confusion matrix of ``model`` on images ``x`` with labels ``y``."""
    x = ops._float_array(x)
    y = np.asarray(y, dtype=np.int64)
    k = model.num_classes
    losses, predictions = [], []
    for start in range(0, len(x), batch_size):
        logits = model.forward(x[start:start + batch_size])
        labels = y[start:start + batch_size]
        losses.append(ops.cross_entropy(logits, labels) * len(labels))
        predictions.append(logits.argmax(axis=1))
    predictions = np.concatenate(predictions) if predictions else np.zeros(0, np.int64)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (y, predictions), 1)
    n = max(len(y), 1)
    return Evaluation(float(sum(losses) / n), float((predictions == y).sum() / n),
                      predictions, confusion)


def _snapshot(model):
    return [{k: v.copy() for k, v in layer.params.items()} for layer in model.layers]


def _restore(model, snapshot) -> None:
    for layer, params in zip(model.layers, snapshot, strict=True):
        for name, value in params.items():
            layer.params[name][...] = value


def fit(model, optimizer, x, y, epochs: int, batch_size: int = 64, x_val=None, y_val=None,
        on_progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None, seed: int = 0,
        augment_shift: int = 0, patience: int | None = None,
        on_epoch: Callable[[History], None] | None = None) -> History:
    """Train ``model`` with mini-batches of shuffled ``x`` (N, C, H, W) and labels ``y`` (N,).

    Parameters
    ----------
    on_progress : called after every mini-batch with a :class:`Progress`.
    should_stop : polled before every mini-batch (and between the slices of a large
        one); when it returns True, training returns at once with ``History.cancelled``
        set and the weights of the last finished batch.
    augment_shift : shift each training image randomly by up to this many pixels.
    patience : with validation data, stop after this many epochs without a lower
        validation loss and restore the best weights (``History.stopped_early``).
    on_epoch : called after every epoch with the history so far.

    Raises
    ------
    TrainingDiverged
        When the loss or the weights become NaN or infinite; the message suggests a
        lower learning rate.
    """
    x = ops._float_array(x)
    y = np.asarray(y, dtype=np.int64)
    if len(x) != len(y) or len(x) == 0:
        raise ValueError(f"need as many labels as images (got {len(x)} images, {len(y)} labels)")
    if epochs < 1 or batch_size < 1:
        raise ValueError("epochs and batch size must be at least 1")
    validate = x_val is not None and y_val is not None and len(x_val) > 0
    rng = np.random.default_rng(seed)
    batches = -(-len(x) // batch_size)
    history = History()
    best_loss, best_weights, waited = np.inf, None, 0
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x))
        loss_sum = correct = seen = 0.0
        for batch in range(1, batches + 1):
            if should_stop is not None and should_stop():
                history.cancelled = True
                history.seconds = time.perf_counter() - start
                return history
            index = order[(batch - 1) * batch_size:batch * batch_size]
            xb = random_shift(x[index], augment_shift, rng)
            step = train_step(model, optimizer, xb, y[index], should_stop)
            if step is None:  # stopped inside a large batch: its update is dropped
                history.cancelled = True
                history.seconds = time.perf_counter() - start
                return history
            loss, accuracy = step
            loss_sum += loss * len(index)
            correct += accuracy * len(index)
            seen += len(index)
            if on_progress is not None:
                on_progress(Progress(epoch, epochs, batch, batches, loss, accuracy,
                                     time.perf_counter() - start))
        history.train_loss.append(loss_sum / seen)
        history.train_accuracy.append(correct / seen)
        if validate:
            result = evaluate(model, x_val, y_val)
            history.val_loss.append(result.loss)
            history.val_accuracy.append(result.accuracy)
        history.seconds = time.perf_counter() - start
        if on_epoch is not None:
            on_epoch(history)
        if validate and patience is not None:
            if history.val_loss[-1] < best_loss:
                best_loss, best_weights, waited = history.val_loss[-1], _snapshot(model), 0
            else:
                waited += 1
                if waited >= patience:
                    _restore(model, best_weights)
                    history.stopped_early = True
                    break
    history.seconds = time.perf_counter() - start
    return history


def make_optimizer(name: str, lr: float, momentum: float = 0.9):
    """``"adam"`` or ``"sgd"`` (with momentum)."""
    if name == "adam":
        return Adam(lr)
    if name == "sgd":
        return SGD(lr, momentum=momentum)
    raise ValueError(f"optimizer must be 'adam' or 'sgd', got {name!r}")


def _int_list(text: str):
    values = tuple(int(v) for v in text.split(","))
    return values[0] if len(values) == 1 else values


def _kernel_size(text: str) -> int:
    size = int(text)
    if not 1 <= size <= limits.MAX_KERNEL_SIZE:
        # The app loads kernels up to this size only; a model it cannot open is no use.
        raise argparse.ArgumentTypeError(
            f"must be between 1 and {limits.MAX_KERNEL_SIZE}, got {size}")
    return size


def main(argv=None) -> int:
    from engine import datasets
    from engine.model import build_cnn

    parser = argparse.ArgumentParser(
        prog="python -m engine.train",
        description="Train CNN Lab's convolutional network on a bundled dataset.")
    parser.add_argument("--dataset", choices=["mnist", "shapes"], default="mnist")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    parser.add_argument("--filters", type=_int_list, default=(16, 32),
                        help="filters per convolution block, e.g. 8 or 16,32 (default)")
    parser.add_argument("--kernel-size", type=_kernel_size, default=3,
                        help=f"side of each filter, 1..{limits.MAX_KERNEL_SIZE} (default 3)")
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--padding", type=int, default=0)
    parser.add_argument("--pool", choices=["max", "avg", "none"], default="max")
    parser.add_argument("--pool-size", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=64, help="hidden dense units (0: none)")
    parser.add_argument("--augment-shift", type=int, default=2,
                        help="random shift of up to this many pixels per epoch (0: off)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", help="save the trained model to this .npz file")
    args = parser.parse_args(argv)

    data = datasets.load(args.dataset)
    try:
        # Refused before any weight exists, naming the layer, when it would not fit.
        specs = architecture.cnn_architecture(
            data.x_train.shape[1:], len(data.class_names), args.filters, args.kernel_size,
            args.stride, args.padding, args.pool, args.pool_size, args.hidden)
        architecture.check_budget(architecture.summarize(specs, data.x_train.shape[1:]),
                                  args.batch_size,
                                  optimizer_slots=2 if args.optimizer == "adam" else 1)
    except (ValueError, architecture.MemoryBudgetExceeded) as error:
        parser.error(str(error))
    try:
        model = build_cnn(data.x_train.shape[1:], len(data.class_names), args.filters,
                          args.kernel_size, args.stride, args.padding, args.pool,
                          args.pool_size, args.hidden, args.seed, data.class_names)
    except ValueError as error:
        parser.error(str(error))
    optimizer = make_optimizer(args.optimizer, args.lr)

    def report(history: History) -> None:
        epoch = history.epochs_completed
        print(f"epoch {epoch:3d}/{args.epochs}  loss {history.train_loss[-1]:.4f}  "
              f"accuracy {history.train_accuracy[-1]:.4f}  {history.seconds:6.1f} s", flush=True)

    try:
        history = fit(model, optimizer, data.x_train, data.y_train, args.epochs,
                      args.batch_size, on_epoch=report, seed=args.seed,
                      augment_shift=args.augment_shift)
    except TrainingDiverged as error:
        print(error)
        return 1
    result = evaluate(model, data.x_test, data.y_test)
    print(f"trained in {history.seconds:.1f} s")
    if args.out:
        model.save(args.out)
        print(f"saved {args.out}")
    print(f"test accuracy: {result.accuracy:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
