"""The list of the layer's filters: choose, add, copy, remove, rename and reorder them.

Each row shows a small picture of its filter on the diverging map; only a changed
filter's picture is drawn again.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.common.colormap import DIVERGING, symmetric_levels
from gui.common.widgets import bold_label
from gui.explore.filter_part import FilterPart, push_button
from gui.explore.kernel_grid import format_value
from gui.state import LabState

THUMBNAIL = 22
#: Item data: the weights (bytes) its icon was drawn from.
ICON_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
VISIBLE_FILTER_ROWS = 5


def kernel_thumbnail(weights: np.ndarray, size: int = THUMBNAIL) -> QIcon:
    """A small picture of a filter, (C, KH, KW) or (KH, KW), channels averaged, on the
    diverging map scaled to its largest magnitude (at least 1)."""
    weights = np.asarray(weights, dtype=np.float32)
    kernel = weights.mean(axis=0) if weights.ndim == 3 else weights
    image = DIVERGING.qimage(kernel, symmetric_levels(kernel, floor=1.0))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    kh, kw = kernel.shape
    cell = (size - 2) / max(kh, kw)
    w, h = round(cell * kw), round(cell * kh)
    x, y = (size - w) // 2, (size - h) // 2
    painter.drawImage(x, y, image.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio,
                                         Qt.TransformationMode.FastTransformation))
    painter.setPen(QColor(150, 150, 150))
    painter.drawRect(x, y, w - 1, h - 1)
    painter.end()
    icon = QIcon(pixmap)
    # Without this, a selected item's thumbnail is tinted and its colours mislead.
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


class FilterListBox(FilterPart):
    """The "Filters" heading, the list (click to choose, double-click or F2 to rename,
    drag to reorder, Delete to remove) and its Add / Duplicate / Remove / ▲ / ▼ buttons.
    Its texts are in the ``FilterPanel`` context of the catalogue."""

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.filters_label = bold_label("")
        layout.addWidget(self.filters_label)
        self.filter_list = QListWidget()
        self.filter_list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.filter_list.setUniformItemSizes(True)
        self.filter_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.filter_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.filter_list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.filter_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.filter_list.currentRowChanged.connect(self._on_list_row_changed)
        self.filter_list.itemChanged.connect(self._on_item_renamed)
        self.filter_list.model().rowsMoved.connect(self._on_rows_dragged)
        remove_action = QAction(self.filter_list)
        remove_action.setShortcut(Qt.Key.Key_Delete)
        remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove_action.triggered.connect(self.remove_selected)
        self.filter_list.addAction(remove_action)
        layout.addWidget(self.filter_list)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.add_button = push_button(self.add_filter)
        self.duplicate_button = push_button(self.duplicate_selected)
        self.remove_button = push_button(self.remove_selected)
        self.up_button = self._arrow_button(Qt.ArrowType.UpArrow, -1)
        self.down_button = self._arrow_button(Qt.ArrowType.DownArrow, 1)
        for widget in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout.addLayout(buttons)
        self.retranslate()

    def _arrow_button(self, arrow: Qt.ArrowType, step: int) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.clicked.connect(lambda: self.move_selected(step))
        return button

    def retranslate(self) -> None:
        self.filters_label.setText(QCoreApplication.translate("FilterPanel", "Filters"))
        self.filter_list.setToolTip(QCoreApplication.translate(
            "FilterPanel",
            "Each filter makes its own feature map. Click to edit one, double-click (or F2) "
            "to rename it, drag to reorder."))
        buttons = (
            (self.add_button, QCoreApplication.translate("FilterPanel", "Add"),
             QCoreApplication.translate(
                 "FilterPanel", "Add a new filter (it starts as the identity)")),
            (self.duplicate_button, QCoreApplication.translate("FilterPanel", "Duplicate"),
             QCoreApplication.translate("FilterPanel", "Add a copy of the selected filter")),
            (self.remove_button, QCoreApplication.translate("FilterPanel", "Remove"),
             QCoreApplication.translate("FilterPanel", "Remove the selected filter (Delete)")),
        )
        for button, text, tip in buttons:
            button.setText(text)
            button.setToolTip(tip)
        arrows = (
            (self.up_button,
             QCoreApplication.translate("FilterPanel", "Move the selected filter up")),
            (self.down_button,
             QCoreApplication.translate("FilterPanel", "Move the selected filter down")),
        )
        for button, tip in arrows:
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        self.refresh()  # names and tooltips follow the language

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "down_button"):
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Show the state's filters and selection."""
        filters = self.state.filters
        with QSignalBlocker(self.filter_list):
            # Items are added or removed at the end, not all made anew: a row keeps its
            # thumbnail while its filter's weights stay (redrawing every thumbnail made
            # adding a filter to twelve a few ms longer).
            while self.filter_list.count() > len(filters):
                self.filter_list.takeItem(self.filter_list.count() - 1)
            while self.filter_list.count() < len(filters):
                item = QListWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.filter_list.addItem(item)
            kh, kw = self.state.kernel_size
            for index, f in enumerate(filters):
                item = self.filter_list.item(index)
                if item.text() != f.display_name:
                    item.setText(f.display_name)
                drawn = f.weights.tobytes()
                if item.data(ICON_KEY_ROLE) != drawn:  # only a changed filter's icon
                    item.setData(ICON_KEY_ROLE, drawn)
                    item.setIcon(kernel_thumbnail(f.weights))
                tip = QCoreApplication.translate(
                    "FilterPanel", "{0}: {1}×{2}, bias {3}. Double-click to rename.").format(
                    f.display_name, kh, kw, format_value(f.bias))
                if item.toolTip() != tip:
                    item.setToolTip(tip)
            self.filter_list.setCurrentRow(self.state.selected)
        self._fit_list_height()
        count, selected = len(filters), self.state.selected
        self.up_button.setEnabled(selected > 0)
        self.down_button.setEnabled(selected < count - 1)

    def _fit_list_height(self) -> None:
        rows = min(max(self.filter_list.count(), 3), VISIBLE_FILTER_ROWS)
        row_height = max(self.filter_list.sizeHintForRow(0), THUMBNAIL + 4)
        frame = 2 * self.filter_list.frameWidth()
        self.filter_list.setFixedHeight(rows * row_height + frame + 2)

    # --- the learner's actions -------------------------------------------------------
    def _on_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.state.filters):
            self.state.select_filter(row)

    def _on_item_renamed(self, item: QListWidgetItem) -> None:
        index = self.filter_list.row(item)
        # An unedited item shows the display name: only another text is a new name.
        if (0 <= index < len(self.state.filters)
                and item.text() != self.state.filters[index].display_name):
            self._apply(self.state.rename_filter, index, item.text())
            self.refresh()  # a blank name is refused by the state: show the old one

    def _on_rows_dragged(self, parent: QModelIndex, start: int, end: int,
                         destination: QModelIndex, row: int) -> None:
        # Qt reports the row the item was dropped *before*, counted before removal.
        target = row - 1 if row > start else row
        self._apply(self.state.move_filter, start, target)
        self.refresh()

    def rename_filter(self, index: int, name: str) -> None:
        self._apply(self.state.rename_filter, index, name)

    def add_filter(self) -> None:
        self._apply(self.state.add_filter)

    def duplicate_selected(self) -> None:
        self._apply(self.state.duplicate_filter, self.state.selected)

    def remove_selected(self) -> None:
        try:
            self.state.remove_filter(self.state.selected)
        except ValueError:
            self.said.emit(lambda: QCoreApplication.translate(
                "FilterPanel",
                "A layer needs at least one filter, so the last one cannot be removed."))
            return
        self.applied.emit()

    def move_selected(self, step: int) -> None:
        index = self.state.selected
        target = index + step
        if 0 <= target < len(self.state.filters):
            self._apply(self.state.move_filter, index, target)
