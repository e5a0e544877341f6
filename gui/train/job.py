"""What the Training page runs in its worker: a configuration, and a job that trains.

Nothing here touches widgets. :func:`make_job` returns a ``job(report, should_stop)``
for :class:`gui.worker.Worker`: it runs :func:`engine.train.fit`, reports a
:class:`TrainingUpdate` at most ~30 times a second (and always at the end of an epoch)
with *copies* of the arrays the page draws, and returns a :class:`TrainingResult`.

Validation data is held out from the training images (10 % of each class by default),
so early stopping and the validation curves never see the test set; the test set is
used once, after training, for the test accuracy and the confusion matrix.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from engine.datasets import stratified_split
from engine.layers import Conv2D
from engine.model import Sequential
from engine.train import (
    EpochSnapshots,
    Evaluation,
    History,
    Progress,
    Snapshot,
    evaluate,
    fit,
    make_optimizer,
)
from gui.state.settings import OPTIMIZERS, POOLS, TrainingConfig

__all__ = ["OPTIMIZERS", "POOLS", "TrainingConfig", "TrainingResult", "TrainingUpdate",
           "make_job"]

#: Seconds between two progress reports: about one per 60 Hz frame pair, which is as
#: often as anyone can see and keeps the GUI thread's share of the work small.
REPORT_INTERVAL = 1 / 30

#: Weight of the past in the smoothed batch loss: it averages over about 20 batches.
SMOOTHING = 0.95

#: The most memory the weights kept at the ends of epochs may take (the training
#: history slider's): beyond it only every 2nd (4th, ...) epoch is kept.
SNAPSHOT_BYTES = 64 * 2**20


@dataclass(frozen=True)
class TrainingUpdate:
    """One progress report, safe to keep in the GUI thread (every array is a copy).

    Attributes
    ----------
    progress : the latest mini-batch's :class:`engine.train.Progress`.
    eta : estimated seconds left.
    running_loss, running_accuracy : the mini-batches' loss and accuracy smoothed over
        the last ~20 batches (an exponential moving average), so the curve is readable
        before the first epoch ends.
    history : the per-epoch metrics so far (a copy).
    first_filters : (F, C, KH, KW) float32, the first convolution's weights now.
    epoch_done : True when this report closes an epoch (its history entry is in).
    snapshots : the weights kept so far at the ends of epochs (epoch 0: before training),
        oldest first; each a :class:`engine.train.Snapshot` of copies made in the
        worker, never written to afterwards.
    """

    progress: Progress
    eta: float
    running_loss: float
    running_accuracy: float
    history: History
    first_filters: np.ndarray
    epoch_done: bool = False
    snapshots: tuple[Snapshot, ...] = ()

    @property
    def fraction(self) -> float:
        return self.progress.fraction


@dataclass
class TrainingResult:
    """What the job returns: the history, the test-set evaluation (None without test
    images), whether the learner stopped it, the indices of the validation images, and
    the weights kept at the ends of epochs (see :attr:`TrainingUpdate.snapshots`)."""

    history: History
    evaluation: Evaluation | None
    cancelled: bool
    validation_indices: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    snapshots: tuple[Snapshot, ...] = ()


def first_conv(model: Sequential) -> Conv2D | None:
    return next((layer for layer in model.layers if isinstance(layer, Conv2D)), None)


def _copy_history(history: History) -> History:
    return History(list(history.train_loss), list(history.train_accuracy),
                   list(history.val_loss), list(history.val_accuracy), history.cancelled,
                   history.stopped_early, history.seconds)


def make_job(model: Sequential, dataset, config: TrainingConfig):
    """A ``job(report, should_stop)`` that trains ``model`` in place on ``dataset``.

    Parameters
    ----------
    model : the network to train (the caller must not use it until the job ends).
    dataset : anything with ``x_train`` (N, C, H, W), ``y_train`` (N,), ``x_test``,
        ``y_test`` (an :class:`engine.datasets.Dataset`).
    config : the hyper-parameters; its architecture fields are not used here.

    The job returns a :class:`TrainingResult`; :class:`engine.train.TrainingDiverged`
    (whose message suggests a lower learning rate) and any other error propagate, for
    the worker to report as a failure.
    """
    x_train, y_train = dataset.x_train, dataset.y_train
    # Sorted, so the training images keep their order (fit shuffles them itself).
    train_index, val_index = (np.sort(part) for part in stratified_split(
        y_train, config.validation_fraction, config.seed))
    if len(val_index) == 0:
        x_fit, y_fit, x_val, y_val = x_train, y_train, None, None
    else:
        x_fit, y_fit = x_train[train_index], y_train[train_index]
        x_val, y_val = x_train[val_index], y_train[val_index]
    conv = first_conv(model)
    batch_size = config.batch_size

    def job(report, should_stop) -> TrainingResult:
        optimizer = make_optimizer(config.optimizer, config.lr, config.momentum)
        history_so_far = History()
        smooth = [0.0, 0.0, 0.0]  # moving sums of loss and accuracy, and of the weights
        last = {"progress": None, "sent": -np.inf}
        # Made here, in the worker: it copies the initial weights, then each epoch's.
        keeper = EpochSnapshots(model, max_bytes=SNAPSHOT_BYTES)

        def send(progress: Progress, epoch_done: bool) -> None:
            f = progress.fraction
            eta = progress.elapsed * (1 - f) / f if f > 0 else float("nan")
            norm = max(smooth[2], 1e-12)  # bias correction: early averages are not 0-heavy
            weights = (conv.params["weight"].copy() if conv is not None
                       else np.zeros((0, 1, 1, 1), np.float32))
            report(TrainingUpdate(progress, eta, smooth[0] / norm, smooth[1] / norm,
                                  _copy_history(history_so_far), weights, epoch_done,
                                  keeper.snapshots))
            last["sent"] = time.perf_counter()

        def on_progress(progress: Progress) -> None:
            smooth[0] = SMOOTHING * smooth[0] + progress.loss
            smooth[1] = SMOOTHING * smooth[1] + progress.accuracy
            smooth[2] = SMOOTHING * smooth[2] + 1.0
            last["progress"] = progress
            if time.perf_counter() - last["sent"] >= REPORT_INTERVAL:
                send(progress, False)

        def on_epoch(history: History) -> None:
            nonlocal history_so_far
            history_so_far = history
            keeper(history)
            send(last["progress"], True)

        history = fit(model, optimizer, x_fit, y_fit, config.epochs, batch_size,
                      x_val, y_val, on_progress=on_progress, should_stop=should_stop,
                      seed=config.seed, augment_shift=config.augment_shift,
                      patience=config.patience if x_val is not None else None,
                      on_epoch=on_epoch, lr_schedule=config.lr_schedule)
        evaluation = None
        discarded = getattr(should_stop, "result_discarded", lambda: False)()
        if len(dataset.x_test) and not (history.cancelled and discarded):
            evaluation = evaluate(model, dataset.x_test, dataset.y_test, between=should_stop)
        return TrainingResult(history, evaluation, history.cancelled, val_index,
                              keeper.snapshots)

    return job
