"""Small widget factories that several panels share."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QListWidget,
    QScrollArea,
    QWidget,
)


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


class VerticalScrollArea(QScrollArea):
    """A column that scrolls up and down when the window is short, and is always as wide
    as its contents need (a plain QScrollArea would cut them off on the right)."""

    def __init__(self, column: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = self.widget().minimumSizeHint().width()
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 80)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = self.widget().sizeHint()
        return QSize(max(hint.width() + self.verticalScrollBar().sizeHint().width(),
                         self.minimumSizeHint().width()), hint.height())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # The column's needs change (another page of the dataset panel): tell the splitter.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
