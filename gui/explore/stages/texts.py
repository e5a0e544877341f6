"""The words of the stage view: stage titles, the hint under the maps, the heading,
what a hovered cell holds and the arithmetic of a pooled cell (from the engine's
:meth:`engine.pipeline.Exploration.explain_pooled`). Every text reads rows, columns,
filters and positions from 1 (gui/common/number_format.py).

Functions, so the view's wording can be read and tested apart from its painting; their
strings keep the view's translation context, "StageView".
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.pipeline import Exploration
from gui.common.number_format import exact_decimals, format_number, pixel_scale, shown_index

#: Up to this many values, a pooled cell's sum is written term by term.
MAX_POOL_TERMS = 9


def filter_name(names: Sequence[str], index: int) -> str:
    """Filter ``index``'s name, or its number while the filters on hand are fewer."""
    return names[index] if index < len(names) else str(index + 1)


def hover_hints() -> tuple[str, ...]:
    """The hint under the maps, longest first (the first that fits is shown). Clicking
    is the explain panel's hint, below: each says one thing, once."""
    return (
        QCoreApplication.translate("StageView", "Hover over a map to read its values"),
        QCoreApplication.translate("StageView", "Hover: a value"),
    )


def grid_caption() -> str:
    return QCoreApplication.translate(
        "StageView", "Feature maps of all filters (click one to select it)"
    )


def title_parts(key: str, shape: tuple[int, ...], activation: str, pool: str) -> tuple[str, str]:
    """(name, size) of a top-row stage's title, e.g. ("Convolution", "26×26")."""
    size = QCoreApplication.translate("StageView", "{rows}\u00d7{cols}").format(
        rows=shape[-2], cols=shape[-1]
    )
    if key == "input":
        return QCoreApplication.translate("StageView", "Input"), size
    if key == "conv":
        return QCoreApplication.translate("StageView", "Convolution"), size
    if key == "activated":
        if activation == "relu":
            return QCoreApplication.translate("StageView", "ReLU"), size
        return QCoreApplication.translate("StageView", "No activation"), size
    names = {
        "max": QCoreApplication.translate("StageView", "Max-pooled"),
        "avg": QCoreApplication.translate("StageView", "Average-pooled"),
    }
    return names.get(pool, QCoreApplication.translate("StageView", "Not pooled")), size


def join_title(name: str, size: str, lines: int = 1) -> str:
    """A stage's title on one line ("ReLU 26×26") or on two (name, then size)."""
    if lines == 1:
        return QCoreApplication.translate("StageView", "{name} {size}").format(name=name, size=size)
    return QCoreApplication.translate("StageView", "{name}\n{size}").format(name=name, size=size)


def flattened_titles(n: int, pooled: bool = True) -> tuple[str, str]:
    if pooled:
        whole = QCoreApplication.translate(
            "StageView", "Flattened 1\u00d7{n}  (all filters' pooled maps, one after another)"
        ).format(n=n)
    else:
        whole = QCoreApplication.translate(
            "StageView", "Flattened 1\u00d7{n}  (all filters' feature maps, one after another)"
        ).format(n=n)
    return whole, QCoreApplication.translate("StageView", "Flattened 1\u00d7{n}").format(n=n)


def stage_name(key: str, activation: str) -> str:
    names = {
        "input": QCoreApplication.translate("StageView", "Input"),
        "conv": QCoreApplication.translate("StageView", "Convolution"),
        "activated": QCoreApplication.translate("StageView", "ReLU")
        if activation == "relu"
        else QCoreApplication.translate("StageView", "No activation"),
        "pooled": QCoreApplication.translate("StageView", "Pooled"),
        "flattened": QCoreApplication.translate("StageView", "Flattened"),
    }
    return names[key]


def pool_arithmetic(
    e: Exploration, index: int, row: int, col: int, activation: str
) -> tuple[str, ...]:
    """The sum a pooled cell stands for, longest first, e.g. "Max-pooled [row 1,
    col 2] = max(0, 1.5, 0.5, 2) = 2: the largest of rows 1–2, cols 3–4 of the ReLU
    map" (counted from 1, as everywhere on screen)."""
    x = e.explain_pooled(index, row, col)
    flat = x.window.ravel()
    decimals = exact_decimals(flat)
    terms = [format_number(v, decimals) for v in flat]
    value = format_number(x.value, exact_decimals(np.array([x.value])))
    n = flat.size
    source = (
        QCoreApplication.translate("StageView", "the ReLU map")
        if activation == "relu"
        else QCoreApplication.translate("StageView", "the feature map")
    )
    where = dict(
        top=shown_index(x.rows[0]),
        bottom=shown_index(x.rows[-1]),
        left=shown_index(x.cols[0]),
        right=shown_index(x.cols[-1]),
        source=source,
    )
    row, col = shown_index(row), shown_index(col)
    if x.pool == "max":
        listed = QCoreApplication.translate(
            "StageView", "Max-pooled [row {row}, col {col}] = max({terms}) = {value}"
        )
        whole = QCoreApplication.translate(
            "StageView",
            "Max-pooled [row {row}, col {col}] = max({terms}) = {value}: "
            "the largest value in rows {top}\u2013{bottom}, cols "
            "{left}\u2013{right} of {source}",
        )
        counted = QCoreApplication.translate(
            "StageView",
            "Max-pooled [row {row}, col {col}] = {value}, the largest of "
            "the {n} values in rows {top}\u2013{bottom}, cols "
            "{left}\u2013{right} of {source}",
        )
        joined = ", ".join(terms)
    else:
        listed = QCoreApplication.translate(
            "StageView", "Average-pooled [row {row}, col {col}] = ({terms}) / {n} = {value}"
        )
        whole = QCoreApplication.translate(
            "StageView",
            "Average-pooled [row {row}, col {col}] = ({terms}) / {n} = "
            "{value}: the mean of rows {top}\u2013{bottom}, cols "
            "{left}\u2013{right} of {source}",
        )
        counted = QCoreApplication.translate(
            "StageView",
            "Average-pooled [row {row}, col {col}] = {value}, the mean of "
            "the {n} values in rows {top}\u2013{bottom}, cols "
            "{left}\u2013{right} of {source}",
        )
        joined = " + ".join(f"({t})" if t.startswith("\u2212") else t for t in terms)
    texts = [counted.format(row=row, col=col, value=value, n=n, **where)]
    if n <= MAX_POOL_TERMS:
        fields = dict(row=row, col=col, terms=joined, value=value, n=n)
        texts = [whole.format(**fields, **where), *texts, listed.format(**fields)]
    return tuple(texts)


def heading(index: int, name: str) -> tuple[str, str]:
    """The heading over the stages of filter ``index`` named ``name`` (rich text),
    longest first."""
    number, name = shown_index(index), html.escape(name)
    return (
        QCoreApplication.translate(
            "StageView",
            "<b>Filter {number} \u201c{name}\u201d</b> \u2014 each stage of the "
            "layer for this filter",
        ).format(number=number, name=name),
        QCoreApplication.translate("StageView", "<b>Filter {number} \u201c{name}\u201d</b>").format(
            number=number, name=name
        ),
    )


def describe_cell(
    e: Exploration,
    key: str,
    row: int,
    col: int,
    index: int,
    selected: int,
    activation: str,
    invert: bool,
    names: Sequence[str],
) -> tuple[str, ...]:
    """What cell (row, col) of stage ``key`` (or of thumbnail ``index``) holds, longest
    text first; ``selected`` is the filter on show, ``names`` every filter's name."""
    texts = _describe(e, key, row, col, index, selected, activation, invert, names)
    return (texts,) if isinstance(texts, str) else tuple(texts)


def _describe(e, key, row, col, index, selected, activation, invert, names):
    # Rows, columns, filters and positions read from 1 (gui/common/number_format.py).
    at = {"row": shown_index(row), "col": shown_index(col)}
    if key == "input":
        image = e.image
        scale = pixel_scale(image.shape[0], invert)
        if image.shape[0] == 3:
            r, g, b = (format_number(v) for v in image[:, row, col])
            return QCoreApplication.translate(
                "StageView", "Input [row {row}, col {col}] = R {r}, G {g}, B {b}  ({scale})"
            ).format(r=r, g=g, b=b, scale=scale, **at)
        return QCoreApplication.translate(
            "StageView", "Input [row {row}, col {col}] = {value}  ({scale})"
        ).format(value=format_number(image[0, row, col]), scale=scale, **at)
    if key == "flattened":
        filt, prow, pcol = e.unflatten_index(col)
        return QCoreApplication.translate(
            "StageView",
            "Flattened [position {index}] = {value}  \u2190 filter {filter} "
            "\u201c{name}\u201d, pooled row {row}, col {col}",
        ).format(
            index=shown_index(col),
            value=format_number(e.flattened[col]),
            filter=shown_index(filt),
            name=filter_name(names, filt),
            row=shown_index(prow),
            col=shown_index(pcol),
        )
    if key == "thumbnail":
        return QCoreApplication.translate(
            "StageView",
            "Feature map of filter {filter} \u201c{name}\u201d [row {row}, col {col}] = {value}",
        ).format(
            filter=shown_index(index),
            name=filter_name(names, index),
            value=format_number(e.conv[index, row, col]),
            **at,
        )
    if key == "pooled" and e.pool != "none":
        return pool_arithmetic(e, selected, row, col, activation)
    if key == "activated":
        value = e.activated_map(selected)[row, col]
    else:
        value = {"conv": e.conv, "pooled": e.pooled}[key][selected, row, col]
    return QCoreApplication.translate(
        "StageView", "{stage} [row {row}, col {col}] = {value}"
    ).format(stage=stage_name(key, activation), value=format_number(value), **at)
