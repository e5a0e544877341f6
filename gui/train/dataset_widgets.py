"""Small widgets the data-source pages share: thumbnail strips, elided paths, quiet hints,
the tables' look, and the page stack that is only as tall as the shown page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

THUMB_SCALE = 2
THUMB = 28 * THUMB_SCALE
ERROR_COLOR = "#b2182b"
#: A message as a function that words it in the current language: the pages send these,
#: so that a status line can word a message again when the language changes.
Wording = Callable[[], str]


class PageStack(QWidget):
    """One page per source, only the current one shown.

    Unlike QStackedWidget, it is as tall as the current page: hidden pages take no
    room, so the short pages leave the space to the class table below them.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current = -1

    def addWidget(self, page: QWidget) -> None:  # noqa: N802 — QStackedWidget's API
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(len(self._pages) - 1 == self._current)
        if self._current < 0:
            self.setCurrentIndex(0)

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]

    def currentIndex(self) -> int:  # noqa: N802
        return self._current

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self._pages[self._current] if self._pages else None

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        self._current = index
        for i, page in enumerate(self._pages):
            page.setVisible(i == index)


class ThumbStrip(QWidget):
    """A row of thumbnails that shows as many whole ones as fit its width."""

    GAP = 3

    def __init__(self, pixmaps: list[QPixmap], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmaps = pixmaps
        self.setMinimumSize(THUMB, THUMB)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(len(self._pixmaps) * (THUMB + self.GAP), THUMB)

    def visible_count(self) -> int:
        return min(len(self._pixmaps), max(1, (self.width() + self.GAP) // (THUMB + self.GAP)))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        top = (self.height() - THUMB) // 2
        for i in range(self.visible_count()):
            painter.drawPixmap(i * (THUMB + self.GAP), top, self._pixmaps[i])
        painter.end()


class PathLabel(QLabel):
    """Shows a path elided in the middle to fit, the whole path in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self.set_path(text)

    def set_path(self, text: str, tooltip: str | None = None) -> None:
        self._full = text
        self.setToolTip(tooltip if tooltip is not None else text)
        self._elide()

    def path(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   max(self.width(), 40)))


def quiet(text: str = "") -> QLabel:
    """A small, muted, wrapping label for explanations and hints."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def number(n: int) -> str:
    return QLocale().toString(int(n))


def setup_table(table: QTableWidget) -> None:
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def table_height(table: QTableWidget, rows: int) -> int:
    row = table.verticalHeader().defaultSectionSize()
    return table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth()
