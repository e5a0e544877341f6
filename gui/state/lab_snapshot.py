"""The lab's state as one :class:`engine.lab_file.Lab`, and a lab applied back to it.

:func:`lab_from_state` takes a snapshot of everything a lab file keeps (the picture,
filters, layer and preprocessing settings, selection, model, training set-up); the
lesson place comes from the caller, which knows the Learn page. :func:`prepare` turns a
lab read from any file into the state's own values, checking each as the state would, so
that :func:`apply` cannot fail half-way; :func:`apply` then sets them in one
``state.batch()``: one recomputation, one repaint, and listeners hear of every change
together.

The training configuration is saved through its own ``to_dict`` / ``from_dict`` when it
has them; otherwise field by field, following its dataclass fields and their types
(nested dataclasses such as convolution blocks included), so this module depends on no
particular field of it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass

import numpy as np

from engine.lab_file import Lab, LabFilter
from gui.common.error_text import CodedError
from gui.common.preprocess import WORKING_SIZES, Preprocess
from gui.common.samples import matching_sample
from gui.state.filters import MAX_FILTERS, Filter
from gui.state.selection import Selection
from gui.state.settings import DATA_SOURCES, LayerSettings, TrainingConfig


class LabSettingsError(CodedError):
    """A lab file the engine could read but whose values this lab cannot take. Codes
    (``values`` always hold ``name``, the file): ``"too_many_filters"`` (``count``,
    ``limit``), ``"filters"`` (``error``: why a filter is refused), ``"working_size"``
    (``size``: one the app does not offer), ``"training"`` (``error``, or None: a
    training set-up this version cannot use)."""

    family = "lab"


@dataclass(frozen=True, eq=False)
class PreparedLab:
    """A lab's values in the state's own types, checked and ready for :func:`apply`."""

    source: np.ndarray
    source_name: str
    preprocess: Preprocess
    filters: list[Filter]
    settings: LayerSettings
    selection: Selection
    model: object | None
    training_config: TrainingConfig | None
    data_source: str | None
    lesson: str
    answers: dict


# --------------------------------------------------------------------------- state → lab
def saved_image_name(name: str, source: np.ndarray) -> str:
    """The picture's name as a lab file keeps it: a built-in sample by its key (the image
    panel names it again in the language of whoever opens the file), any other picture
    by the name it has."""
    return matching_sample(name, source) or name


def lab_from_state(state, lesson: str = "", answers: dict | None = None) -> Lab:
    """A snapshot of ``state`` as a :class:`Lab` (arrays copied), with the lesson place."""
    filters = tuple(LabFilter(f.name, np.array(f.weights), f.bias, f.preset)
                    for f in state.filters)
    return Lab(
        image=np.array(state.source),
        image_name=saved_image_name(state.source_name, state.source),
        filters=filters,
        layer=dataclasses.asdict(state.settings),
        preprocess=dataclasses.asdict(state.preprocess),
        selection=dataclasses.asdict(state.selection),
        model=state.model,
        training={"data_source": state.data_source,
                  "config": config_to_dict(state.training_config)},
        lesson=lesson or "",
        answers=dict(answers or {}),
    )


def config_to_dict(config) -> dict:
    """``config`` (a training configuration) as plain JSON values."""
    own = getattr(config, "to_dict", None)
    if callable(own):
        return own()
    return _plain(config)


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


# --------------------------------------------------------------------------- lab → state
def prepare(lab: Lab, name: str) -> PreparedLab:
    """``lab`` (read from file ``name``) in the state's types; :class:`LabSettingsError`
    for anything the state would refuse, before the state is touched."""
    if len(lab.filters) > MAX_FILTERS:
        raise LabSettingsError("too_many_filters", name=name, count=len(lab.filters),
                               limit=MAX_FILTERS)
    try:
        filters = [Filter.from_dict({"name": f.name, "weights": f.weights.tolist(),
                                     "bias": f.bias, "preset": f.preset})
                   for f in lab.filters]
    except ValueError as error:
        raise LabSettingsError("filters", name=name, error=error) from None
    known = {f.name for f in dataclasses.fields(Preprocess)}
    preprocess = Preprocess(**{k: v for k, v in lab.preprocess.items() if k in known})
    if preprocess.size not in WORKING_SIZES:
        raise LabSettingsError("working_size", name=name, size=preprocess.size)
    known = {f.name for f in dataclasses.fields(LayerSettings)}
    settings = LayerSettings(**{k: v for k, v in lab.layer.items() if k in known})
    known = {f.name for f in dataclasses.fields(Selection)}
    selection = Selection(**{k: v for k, v in lab.selection.items() if k in known})
    config, data_source = None, None
    if lab.training is not None:
        source = lab.training.get("data_source")
        data_source = source if source in DATA_SOURCES else None
        raw = lab.training.get("config")
        if raw is not None:
            try:
                config = config_from_dict(raw)
            except (ValueError, TypeError, KeyError) as error:
                problem = error if isinstance(error, ValueError) else None
                raise LabSettingsError("training", name=name, error=problem) from None
    return PreparedLab(lab.image, lab.image_name, preprocess, filters, settings, selection,
                       lab.model, config, data_source, lab.lesson, dict(lab.answers))


def config_from_dict(data) -> TrainingConfig:
    """A :class:`TrainingConfig` from :func:`config_to_dict`'s output. Fields the
    configuration no longer has are left out, fields the data lacks keep their
    defaults; ValueError or TypeError for values of the wrong kind or range."""
    own = getattr(TrainingConfig, "from_dict", None)
    if callable(own):
        return own(data)
    return _build(TrainingConfig, data)


def _build(cls, data):
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__} needs an object")
    hints = typing.get_type_hints(cls)
    values = {f.name: _convert(hints[f.name], data[f.name])
              for f in dataclasses.fields(cls) if f.name in data}
    return cls(**values)


def _convert(hint, value):
    """``value`` (plain JSON) as type ``hint`` says: dataclasses, tuples, optionals and
    the scalars int, float, str and bool; anything else is refused."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        others = [a for a in args if a is not type(None)]
        if len(others) != 1:
            raise TypeError(f"cannot read a value of type {hint}")
        return _convert(others[0], value)
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        if len(args) != len(value):
            raise TypeError("a list of the wrong length")
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("expected a whole number")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("expected a number")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise TypeError("expected a text")
        return value
    raise TypeError(f"cannot read a value of type {hint}")


def apply(state, prepared: PreparedLab, adopt_model=None) -> None:
    """Set ``prepared`` in ``state``, all in one batch. ``adopt_model(model)`` makes the
    lab's model the state's (the Train page's, so its results follow); by default
    ``state.set_model``. A lab without a model leaves the current one."""
    with state.batch():
        # The preprocessing first: the filters then arrive for the image's channels.
        state.set_preprocess(prepared.preprocess)
        state.set_source(prepared.source, prepared.source_name)
        state.set_filters(prepared.filters)
        state.set_settings(**dataclasses.asdict(prepared.settings))
        if prepared.model is not None:
            (adopt_model or state.set_model)(prepared.model)
        if prepared.data_source is not None:
            state.set_data_source(prepared.data_source)
        if prepared.training_config is not None:
            state.set_training_config(prepared.training_config)
        selection = prepared.selection
        state.select_filter(selection.filter)
        state.select_channel(selection.channel)
        state.select_cell(*selection.cell)
        state.select_pooled_cell(*selection.pooled_cell)
