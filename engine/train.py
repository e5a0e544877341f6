"""Mini-batch training that reports progress and can be stopped between batches.

A mini-batch whose activations would exceed :data:`STEP_CHUNK_FLOATS` is computed in
slices whose gradients add up to the whole batch's (the loss is a mean over images, so
the update is the same), which bounds memory and lets a stop request be heard between
slices: a heavy configuration never holds a closing window for a whole batch.

Nothing here knows about threads or Qt: a caller that wants training in the background
runs :func:`fit` in a worker and passes ``on_progress`` and ``should_stop``.

Run ``python -m engine.train --help`` for the command-line trainer (engine/train_cli.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from engine import costs, ops
from engine.layers import Conv2D
from engine.losses import softmax_cross_entropy
from engine.optim import SGD, Adam

#: Most float32 activations one forward and backward pass holds at once (64 MB): a
#: larger mini-batch is computed in slices (see :func:`train_step`).
STEP_CHUNK_FLOATS = 1 << 24


class TrainingDiverged(RuntimeError):
    """The loss or the weights stopped being finite numbers.

    ``code`` says which: ``"loss_not_finite"``, ``"loss_exploded"`` (``values["loss"]``
    far above that of guessing) or ``"weights_not_finite"``; ``values["lr"]`` is the
    learning rate. ``str()`` is an English sentence; the GUI words the code itself.
    """

    def __init__(self, code: str, **values) -> None:
        self.code, self.values = code, values
        what = {"loss_not_finite": "the loss became NaN or infinite",
                "loss_exploded": f"the loss exploded to {values.get('loss', 0):.3g}",
                "weights_not_finite": "the weights became NaN or infinite"}.get(code, code)
        super().__init__(DIVERGED_HINT.format(what=what, lr=values.get("lr", 0)))

    def __reduce__(self):
        return _rebuild_diverged, (self.code, self.values)


def _rebuild_diverged(code, values):
    return TrainingDiverged(code, **values)


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
        raise TrainingDiverged("loss_not_finite", lr=float(lr))
    # A stable log-softmax keeps the loss finite long after training has blown up, so a
    # loss far above that of guessing (log K) counts as divergence too.
    limit = 100 * np.log(max(model.num_classes, 2))
    if loss > limit:
        raise TrainingDiverged("loss_exploded", loss=float(loss), lr=float(lr))
    for layer in model.trainable_layers():
        for value in layer.params.values():
            if not np.isfinite(value).all():
                raise TrainingDiverged("weights_not_finite", lr=float(lr))


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


def evaluate(model, x, y, batch_size: int = 100,
             between: Callable[[], object] | None = None) -> Evaluation:
    """Loss, accuracy and confusion matrix of ``model`` on images ``x`` with labels ``y``.

    The images go through in slices of ``batch_size`` (100 is as quick per image as 500
    here), and ``between`` is called before each slice but the first: a background
    caller passes its ``should_stop`` poll, which is where it gives way to the window
    (gui/giving_way.py), so an evaluation is never one long stretch of the GIL. Its
    answer is not used: an evaluation is a few forward passes and always finishes.
    """
    x = ops._float_array(x)

    def scores():
        for start in range(0, len(x), batch_size):
            if start and between is not None:
                between()
            yield model.forward(x[start:start + batch_size])

    return evaluation_of(scores(), y, model.num_classes)


def evaluation_of(batch_scores: Iterable[np.ndarray], y, num_classes: int) -> Evaluation:
    """Loss, accuracy and confusion matrix from the class scores of consecutive batches
    of the images labelled ``y`` (what :func:`evaluate` and
    :class:`engine.analysis.SwitchOffEvaluator` report)."""
    y = np.asarray(y, dtype=np.int64)
    losses, predictions, start = [], [], 0
    for scores in batch_scores:
        labels = y[start:start + len(scores)]
        start += len(scores)
        losses.append(ops.cross_entropy(scores, labels) * len(labels))
        predictions.append(scores.argmax(axis=1))
    predictions = np.concatenate(predictions) if predictions else np.zeros(0, np.int64)
    confusion = np.zeros((num_classes, num_classes), dtype=np.int64)
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
        on_epoch: Callable[[History], None] | None = None,
        lr_schedule: str = "constant") -> History:
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
    on_epoch : called after every epoch with the history so far (an
        :class:`EpochSnapshots` keeps the model of every epoch this way).
    lr_schedule : ``"constant"``, or ``"cosine"``: epoch ``e`` (from 1) of ``epochs``
        trains at ``lr * (1 + cos(pi * (e - 1) / epochs)) / 2`` (see
        :func:`scheduled_lr`), from the optimizer's rate down towards 0, which settles
        the weights at the end of a run. The optimizer's ``lr`` is restored on return.

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
    if lr_schedule not in LR_SCHEDULES:
        raise ValueError(f"lr_schedule must be one of {LR_SCHEDULES}, got {lr_schedule!r}")
    validate = x_val is not None and y_val is not None and len(x_val) > 0
    base_lr = optimizer.lr
    try:
        return _fit(model, optimizer, x, y, epochs, batch_size, x_val, y_val, validate,
                    on_progress, should_stop, seed, augment_shift, patience, on_epoch,
                    lr_schedule, base_lr)
    finally:
        optimizer.lr = base_lr


def _fit(model, optimizer, x, y, epochs, batch_size, x_val, y_val, validate, on_progress,
         should_stop, seed, augment_shift, patience, on_epoch, lr_schedule, base_lr):
    rng = np.random.default_rng(seed)
    batches = -(-len(x) // batch_size)
    history = History()
    best_loss, best_weights, waited = np.inf, None, 0
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        optimizer.lr = scheduled_lr(base_lr, epoch, epochs, lr_schedule)
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
            result = evaluate(model, x_val, y_val, between=should_stop)
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


@dataclass(frozen=True)
class TrainingSettings:
    """The hyper-parameters of a training run (see :func:`fit` and :func:`train_with`).

    ``validation_fraction`` of each class is held out of the training images to watch
    for over-fitting; with ``patience`` (None: off) training stops after that many epochs
    without a lower validation loss and keeps the best weights.
    """

    optimizer: str = "adam"
    lr: float = 3e-3
    momentum: float = 0.9
    batch_size: int = 64
    epochs: int = 40
    augment_shift: int = 2
    lr_schedule: str = "cosine"
    patience: int | None = None
    validation_fraction: float = 0.1
    seed: int = 0


#: The default training of CNN Lab, used by the Train page and ``python -m engine.train``
#: with :func:`engine.model.default_network`: Adam at 3e-3 falling to 0 along a cosine
#: over 40 epochs of 64-image batches, each image shifted by up to 2 pixels each time it
#: is seen, 10 % of the images held out as validation images (for the curves).
#: Early stopping is off by default: with the cosine schedule the last epochs are the
#: best, while the validation loss of 400 images rises early (the network grows more
#: confident) and stopping on it (patience 5 or 8) measured 97.5-98.3 % test accuracy
#: instead of 98.3-98.6 %; the cosine schedule adds 0.2-0.3 points over a constant rate.
#: With the default network, five seeds: 98.2-98.9 % test accuracy (median 98.7 %) in
#: 16-19 s with one other program on the 2 cores; 20 epochs gave 98.2-98.9 % (median
#: 98.4 %) once the Winograd convolutions had made an epoch 0.35 s instead of 1.4 s.
#: benchmarks/bench_default_training.py prints the figures.
DEFAULT_TRAINING = TrainingSettings()


def train_with(model, x, y, settings: TrainingSettings = DEFAULT_TRAINING,
               on_progress: Callable[[Progress], None] | None = None,
               should_stop: Callable[[], bool] | None = None,
               on_epoch: Callable[[History], None] | None = None) -> History:
    """:func:`fit` ``model`` on images ``x`` (N, C, H, W) and labels ``y`` with
    ``settings``: the validation images are held out of ``x`` class by class
    (:func:`engine.datasets.stratified_split` with the settings' seed) and early stopping
    watches them. Returns the :class:`History`."""
    from engine.datasets import stratified_split

    y = np.asarray(y, dtype=np.int64)
    kept, held = (np.sort(part) for part in stratified_split(
        y, settings.validation_fraction, settings.seed))
    x_val = y_val = None
    if len(held):
        x, y, x_val, y_val = x[kept], y[kept], x[held], y[held]
    optimizer = make_optimizer(settings.optimizer, settings.lr, settings.momentum)
    return fit(model, optimizer, x, y, settings.epochs, settings.batch_size, x_val, y_val,
               on_progress=on_progress, should_stop=should_stop, seed=settings.seed,
               augment_shift=settings.augment_shift,
               patience=settings.patience if len(held) else None, on_epoch=on_epoch,
               lr_schedule=settings.lr_schedule)


@dataclass(frozen=True)
class Snapshot:
    """The weights of a model at the end of epoch ``epoch`` (0: before training), with
    that epoch's metrics (NaN where there were none). ``parameters`` holds, per layer,
    a dict of copies of its arrays."""

    epoch: int
    parameters: tuple[dict[str, np.ndarray], ...]
    train_loss: float = float("nan")
    train_accuracy: float = float("nan")
    val_loss: float = float("nan")
    val_accuracy: float = float("nan")

    @property
    def nbytes(self) -> int:
        return sum(value.nbytes for params in self.parameters for value in params.values())


class EpochSnapshots:
    """Keeps ``model``'s weights at the end of every epoch, within ``max_bytes``.

    Pass it as ``fit(..., on_epoch=snapshots)`` (or call it from your own ``on_epoch``
    with the history). It copies the weights each epoch (the model's are trained on).
    When keeping another snapshot would pass ``max_bytes``, every other kept epoch is
    dropped and from then on only every 2nd (then 4th, ...) epoch is kept: the snapshots
    stay evenly spread over the whole run. The first (epoch 0, the initial weights, when
    ``keep_start``) and the latest are always kept, even when those two alone pass
    ``max_bytes``.

    With early stopping, :func:`fit` ends by restoring the best epoch's weights: the
    trained model is then the snapshot of that epoch, not of the last one.

    :meth:`model_at` gives a model with a snapshot's weights; it shares the snapshot's
    arrays (nothing is copied), so do not change its weights in place.
    """

    def __init__(self, model, max_bytes: int = 64 * 2**20, keep_start: bool = True) -> None:
        self._model = model
        self.max_bytes = int(max_bytes)
        self.every = 1
        self._kept: list[Snapshot] = []
        if keep_start:
            self._kept.append(Snapshot(0, self._copy()))

    def _copy(self):
        return tuple({name: value.copy() for name, value in layer.params.items()}
                     for layer in self._model.layers)

    def __call__(self, history: History) -> None:
        epoch = history.epochs_completed

        def last(values):
            return float(values[-1]) if values else float("nan")

        snapshot = Snapshot(epoch, self._copy(), last(history.train_loss),
                            last(history.train_accuracy), last(history.val_loss),
                            last(history.val_accuracy))
        # The latest is kept even off the spacing; it gives way when a newer one comes.
        if len(self._kept) > 1 and self._kept[-1].epoch % self.every:
            self._kept.pop()
        self._kept.append(snapshot)
        while self.nbytes > self.max_bytes and len(self._kept) > 2:
            self.every *= 2
            latest = self._kept[-1]
            self._kept = [s for s in self._kept[:-1] if s.epoch % self.every == 0] + [latest]
            if len(self._kept) <= 2:
                break

    @property
    def snapshots(self) -> tuple[Snapshot, ...]:
        """The kept snapshots, oldest first."""
        return tuple(self._kept)

    @property
    def epochs(self) -> tuple[int, ...]:
        return tuple(s.epoch for s in self._kept)

    @property
    def nbytes(self) -> int:
        return sum(s.nbytes for s in self._kept)

    def at(self, epoch: int) -> Snapshot:
        """The snapshot of ``epoch``, or of the nearest kept epoch before it (the first
        kept one when there is none before)."""
        if not self._kept:
            raise LookupError("no snapshot has been kept")
        before = [s for s in self._kept if s.epoch <= epoch]
        return before[-1] if before else self._kept[0]

    def model_at(self, epoch: int):
        """A model with the weights of :meth:`at` ``(epoch)`` (sharing its arrays)."""
        snapshot = self.at(epoch)
        return self._model.with_parameters(dict(enumerate(snapshot.parameters)))


def measure_training_speed(seconds: float = 0.3, batch_size: int = 64) -> float:
    """Floating-point operations per second that training reaches on this machine now,
    as :func:`engine.costs.training_flops` counts them: a few training steps of
    the default network on random 28x28 images, for about ``seconds``. Feed it to
    :func:`engine.costs.estimate_epoch_seconds`. Like any timing on a shared
    machine it varies from call to call (up to 2x under load)."""
    from engine.model import default_network

    model = default_network()
    rng = np.random.default_rng(0)
    x = (rng.random((batch_size, 1, 28, 28)) < 0.2).astype(np.float32)
    y = rng.integers(0, 10, batch_size)
    optimizer = SGD(1e-3)
    train_step(model, optimizer, x, y)  # warm-up: first-touch of every buffer
    steps, start = 0, time.perf_counter()
    while True:
        train_step(model, optimizer, x, y)
        steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds or steps >= 200:
            break
    flops = costs.training_flops(model.summary()) * batch_size * steps
    return flops / max(elapsed, 1e-9)


LR_SCHEDULES = ("constant", "cosine")


def scheduled_lr(lr: float, epoch: int, epochs: int, schedule: str = "constant") -> float:
    """The learning rate of epoch ``epoch`` (from 1) of ``epochs`` under ``schedule``
    (see :func:`fit`)."""
    if schedule == "cosine":
        return float(lr * 0.5 * (1.0 + np.cos(np.pi * (epoch - 1) / max(epochs, 1))))
    return float(lr)


def make_optimizer(name: str, lr: float, momentum: float = 0.9):
    """``"adam"`` or ``"sgd"`` (with momentum)."""
    if name == "adam":
        return Adam(lr)
    if name == "sgd":
        return SGD(lr, momentum=momentum)
    raise ValueError(f"optimizer must be 'adam' or 'sgd', got {name!r}")


if __name__ == "__main__":  # python -m engine.train: the command line (engine/train_cli.py)
    from engine.train_cli import main

    raise SystemExit(main())
