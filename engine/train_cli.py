"""The command-line trainer: ``python -m engine.train [--help]``.

Without options it trains the default network (:data:`engine.architecture.DEFAULT_BLOCKS`)
with the Train page's default training (:data:`engine.train.DEFAULT_TRAINING`) on the
bundled MNIST digits; each option replaces one setting. A configuration that would not fit
in memory or that the app could not load again is refused before any weight exists.
"""

from __future__ import annotations

import argparse

from engine import architecture, costs, limits
from engine.train import (
    DEFAULT_TRAINING,
    LR_SCHEDULES,
    History,
    TrainingDiverged,
    evaluate,
    train_with,
)


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


def _blocks_from_options(args) -> tuple:
    """The default blocks with the command line's architecture options applied: each
    option given replaces that setting in every block; ``--filters`` sets the number of
    blocks and their filter counts."""
    from dataclasses import replace

    defaults = architecture.DEFAULT_BLOCKS
    if args.filters is None:
        blocks = list(defaults)
    else:
        counts = args.filters if isinstance(args.filters, tuple) else (args.filters,)
        blocks = [replace(defaults[min(i, len(defaults) - 1)], filters=count)
                  for i, count in enumerate(counts)]
    changes = {name: value for name, value in (
        ("kernel_size", args.kernel_size), ("stride", args.stride),
        ("padding", args.padding), ("dilation", args.dilation), ("pool", args.pool),
        ("pool_size", args.pool_size)) if value is not None}
    return tuple(replace(block, **changes) for block in blocks)


def main(argv=None) -> int:
    from dataclasses import replace

    from engine import datasets
    from engine.model import build_network

    defaults = DEFAULT_TRAINING
    first = architecture.DEFAULT_BLOCKS[0]
    parser = argparse.ArgumentParser(
        prog="python -m engine.train",
        description="Train CNN Lab's convolutional network on a bundled dataset. Without "
                    "options: the default network and training of the Train page.")
    parser.add_argument("--dataset", choices=["mnist", "shapes"], default="mnist")
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    parser.add_argument("--lr", type=float, default=defaults.lr)
    parser.add_argument("--lr-schedule", choices=LR_SCHEDULES, default=defaults.lr_schedule)
    parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
    parser.add_argument("--optimizer", choices=["adam", "sgd"], default=defaults.optimizer)
    counts = ",".join(str(b.filters) for b in architecture.DEFAULT_BLOCKS)
    parser.add_argument("--filters", type=_int_list, default=None,
                        help=f"filters per convolution block, e.g. 8 or 16,32 (default "
                             f"{counts})")
    parser.add_argument("--kernel-size", type=_kernel_size, default=None,
                        help=f"side of each filter, 1..{limits.MAX_KERNEL_SIZE} (default "
                             f"{first.kernel_size[0]})")
    parser.add_argument("--stride", type=int, default=None)
    parser.add_argument("--padding", type=int, default=None)
    parser.add_argument("--dilation", type=int, default=None)
    parser.add_argument("--pool", choices=list(architecture.POOLS), default=None)
    parser.add_argument("--pool-size", type=int, default=None)
    widths = ",".join(str(w) for w in architecture.DEFAULT_HIDDEN) or "0"
    parser.add_argument("--hidden", type=_int_list, default=None,
                        help=f"units of each hidden dense layer, e.g. 64 or 128,64 (0: "
                             f"none; default {widths})")
    parser.add_argument("--augment-shift", type=int, default=defaults.augment_shift,
                        help="random shift of up to this many pixels per epoch (0: off)")
    parser.add_argument("--validation", type=float, default=defaults.validation_fraction,
                        help="share of the training images held out for early stopping "
                             "(0: none, and no early stopping)")
    parser.add_argument("--patience", type=int, default=defaults.patience,
                        help="stop after this many epochs without a lower validation loss")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--out", help="save the trained model to this .npz file")
    args = parser.parse_args(argv)

    data = datasets.load(args.dataset)
    shape = data.x_train.shape[1:]
    if args.hidden is None:
        hidden = architecture.DEFAULT_HIDDEN
    else:
        hidden = tuple(w for w in (args.hidden if isinstance(args.hidden, tuple)
                                   else (args.hidden,)) if w)
    try:
        blocks = _blocks_from_options(args)
        # Refused before any weight exists, naming the layer, when it would not fit.
        specs = architecture.network_architecture(shape, len(data.class_names), blocks,
                                                  hidden)
        costs.check_budget(architecture.summarize(specs, shape), args.batch_size,
                           optimizer_slots=2 if args.optimizer == "adam" else 1)
        architecture.validate(specs, list(shape))  # a model file the app can load again
    except (ValueError, costs.MemoryBudgetExceeded) as error:
        parser.error(str(error))
    model = build_network(shape, len(data.class_names), blocks, hidden, args.seed,
                          data.class_names)
    settings = replace(defaults, optimizer=args.optimizer, lr=args.lr,
                       batch_size=args.batch_size, epochs=args.epochs,
                       augment_shift=args.augment_shift, lr_schedule=args.lr_schedule,
                       patience=args.patience, validation_fraction=args.validation,
                       seed=args.seed)

    def report(history: History) -> None:
        epoch = history.epochs_completed
        line = (f"epoch {epoch:3d}/{args.epochs}  loss {history.train_loss[-1]:.4f}  "
                f"accuracy {history.train_accuracy[-1]:.4f}")
        if history.val_accuracy:
            line += f"  validation {history.val_accuracy[-1]:.4f}"
        print(f"{line}  {history.seconds:6.1f} s", flush=True)

    try:
        history = train_with(model, data.x_train, data.y_train, settings, on_epoch=report)
    except (TrainingDiverged, ValueError) as error:
        print(error)
        return 1
    result = evaluate(model, data.x_test, data.y_test)
    stopped = " (stopped early, best weights kept)" if history.stopped_early else ""
    print(f"trained in {history.seconds:.1f} s{stopped}")
    if args.out:
        model.save(args.out)
        print(f"saved {args.out}")
    print(f"test accuracy: {result.accuracy:.4f}")
    return 0
