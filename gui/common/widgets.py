"""Small widget factories that several panels share."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QListWidget


def bold_label(text: str = "") -> QLabel:
    """A label in the bold face of the default font, for section headings."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def thumbnail_list(icon_side: int, selection_mode: QAbstractItemView.SelectionMode,
                   gap: int = 6) -> QListWidget:
    """A list of square icons ``icon_side`` pixels wide, ``gap`` pixels apart, in rows
    that re-wrap as the list is resized."""
    view = QListWidget()
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setIconSize(QSize(icon_side, icon_side))
    view.setGridSize(QSize(icon_side + gap, icon_side + gap))
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(True)
    view.setSelectionMode(selection_mode)
    return view


def reserve_lines(label: QLabel, lines: int) -> QLabel:
    """Keep room for ``lines`` lines of ``label``'s text, so that a shorter message does
    not pull up the controls below it while the learner is about to click them."""
    margins = label.contentsMargins()
    label.setMinimumHeight(lines * label.fontMetrics().lineSpacing()
                           + margins.top() + margins.bottom() + 2 * label.margin())
    label.setAlignment(label.alignment() | Qt.AlignmentFlag.AlignTop)
    return label
