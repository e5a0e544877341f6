"""What the Network page calls each column and unit, in the current language.

Built when called from literal ``QCoreApplication.translate`` calls with the
``NetworkTexts`` context, so ``pyside6-lupdate`` extracts every phrase.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.units import Position
from gui.common.number_format import shown_index
from gui.network.scales import group_of


def column_names(positions, groups) -> tuple[str, ...]:
    """Each column's title, as :class:`gui.network.overview.NetworkView` shows it (a ReLU
    named after what it follows: its scale group)."""
    names = []
    for index, position in enumerate(positions):
        family = group_of(groups, index).kind if position.role == "activation" else "conv"
        names.append(position_name(position, "hidden" if family == "hidden" else "conv"))
    return tuple(names)


def position_name(position: Position, family: str = "conv") -> str:
    """The column's title: "Convolution 2", "Max pooling 1", "Softmax"…; ``family`` is
    "conv" or "hidden" for a ReLU (what it follows)."""
    role, block = position.role, position.block
    if role == "input":
        return QCoreApplication.translate("NetworkTexts", "Input")
    if role == "conv":
        return QCoreApplication.translate("NetworkTexts", "Convolution {0}").format(block)
    if role == "activation":
        if family == "hidden":
            return QCoreApplication.translate("NetworkTexts", "ReLU of hidden {0}").format(
                block)
        if block == 0:
            return QCoreApplication.translate("NetworkTexts", "ReLU")
        return QCoreApplication.translate("NetworkTexts", "ReLU {0}").format(block)
    if role == "pool":
        if position.kind == "MaxPool2D":
            return QCoreApplication.translate("NetworkTexts", "Max pooling {0}").format(block)
        return QCoreApplication.translate("NetworkTexts", "Average pooling {0}").format(block)
    if role == "flatten":
        return QCoreApplication.translate("NetworkTexts", "Flattening")
    if role == "hidden":
        return QCoreApplication.translate("NetworkTexts", "Hidden layer {0}").format(block)
    if role == "output":
        return QCoreApplication.translate("NetworkTexts", "Output scores")
    return QCoreApplication.translate("NetworkTexts", "Softmax")


def unit_name(position: Position, unit, class_names=None) -> str:
    """One unit, as the learner reads it: "filter 3, row 5, column 2", "unit 7",
    "class “4”"… (rows, columns, filters and units counted from 1)."""
    if len(position.shape) == 3:
        channel, row, col = (shown_index(v) for v in unit)
        if position.role == "input":
            if position.shape[0] == 1:
                return QCoreApplication.translate(
                    "NetworkTexts", "pixel at row {0}, column {1}").format(row, col)
            return QCoreApplication.translate(
                "NetworkTexts", "channel {0}, row {1}, column {2}").format(channel, row, col)
        return QCoreApplication.translate(
            "NetworkTexts", "map {0}, row {1}, column {2}").format(channel, row, col)
    index = int(unit[0])
    if position.role in ("output", "softmax"):
        name = class_names[index] if class_names else str(index)
        return QCoreApplication.translate("NetworkTexts", "class “{0}”").format(name)
    if position.role == "flatten":
        return QCoreApplication.translate("NetworkTexts", "value {0}").format(
            shown_index(index))
    return QCoreApplication.translate("NetworkTexts", "unit {0}").format(shown_index(index))
