"""Small widget factories that several panels share."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QFrame,
    QLabel,
    QListView,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QWidget,
)


def bold_label(text: str = "") -> QLabel:
    """A label in the bold face of the default font, for section headings."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def make_quiet(label: QLabel) -> QLabel:
    """Make ``label`` small, muted text, for hints and credits; returns it."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
    label.setPalette(palette)
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


def set_spin_value(spin: QAbstractSpinBox, value) -> None:
    """Show ``value`` in ``spin`` without emitting valueChanged, and without a repaint
    when it already shows it (a spin box repaints on every setValue, changed or not)."""
    if spin.value() != value:
        with QSignalBlocker(spin):
            spin.setValue(value)


def set_label_text(label: QLabel, text: str) -> None:
    """Set ``text`` unless it is already shown (setText re-lays out the window)."""
    if label.text() != text:
        label.setText(text)


class StableTabWidget(QTabWidget):
    """A QTabWidget that re-lays itself out only when its tab bar's or pages' size hints
    change.

    A QTabWidget answers every LayoutRequest by repainting itself and every widget on
    the current page, and a LayoutRequest reaches it whenever a label anywhere inside a
    page changes its text: one weight edit repainted the whole window (buttons, spin
    boxes, labels) for a changed sum. Requests that change no size hint are dropped.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hints = None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            page = self.currentWidget()
            hints = (self.tabBar().sizeHint(), self.count(), self.currentIndex(),
                     None if page is None else (page.sizeHint(), page.minimumSizeHint(),
                                                page.minimumSize(), page.maximumSize()))
            if hints == self._hints:
                return True
            self._hints = hints
        return super().event(event)


class LayoutFence(QWidget):
    """Holds one widget whose new texts never need a new layout (a :class:`FittedLabel`:
    any width, one line), so that its layout requests end here.

    Qt passes every change of a widget's size hints up to the window, laying out each
    layout on the way (``QLayout::activate`` always asks its own widget's parent again):
    a filter picked or a map hovered relaid the Explore page, its splitters and the
    tab widget, a dozen layouts, for a heading's new name. Without a layout of its own,
    this holder takes the request and does nothing with it; it gives the widget its
    whole rectangle, and asks for the room the widget asks for.
    """

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        widget.setParent(self)
        self.setSizePolicy(widget.sizePolicy())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.widget.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.widget.minimumSizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.widget.setGeometry(self.rect())


class FittedLabel(QLabel):
    """A one-line label that shows the first of its texts (longest first, plain or rich)
    that fits its width, the last one elided when none does; its whole first text is
    then its tooltip. It never asks for more width than it gets (a long text must not
    widen the column) and never wraps (its height stays one line).
    """

    def __init__(self, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: tuple[str, ...] = ("",)
        self._tooltip = tooltip
        self._widths: dict[str, float] = {}
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setToolTip(tooltip)

    def set_texts(self, *texts: str) -> None:
        """Show the first of ``texts`` that fits (rich text where it has tags)."""
        if texts != self._texts:
            self._texts = texts
            self._fit()

    def texts(self) -> tuple[str, ...]:
        return self._texts

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._widths.clear()
            self._fit()

    def _width_of(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            document = QTextDocument()
            document.setDefaultFont(self.font())
            document.setDocumentMargin(0)
            if "<" in text:
                document.setHtml(text)
            else:
                document.setPlainText(text)
            width = self._widths[text] = document.idealWidth()
        return width

    def _fit(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin() - 14  # style padding
        chosen = None
        for text in self._texts:
            if self._width_of(text) <= room:
                chosen = text
                break
        if chosen is None:
            plain = QTextDocument()
            plain.setHtml(self._texts[-1])
            chosen = QFontMetrics(self.font()).elidedText(
                plain.toPlainText(), Qt.TextElideMode.ElideRight, max(room, 0))
        if chosen != self.text():
            self.setText(chosen)
        whole = chosen == self._texts[0]
        tip = self._tooltip
        if not whole:
            full = QTextDocument()
            full.setHtml(self._texts[0])
            tip = full.toPlainText() + ("\n" + self._tooltip if self._tooltip else "")
        if tip != self.toolTip():
            self.setToolTip(tip)
def reserve_lines(label: QLabel, lines: int) -> QLabel:
    """Keep room for ``lines`` lines of ``label``'s text, so that a shorter message does
    not pull up the controls below it while the learner is about to click them."""
    margins = label.contentsMargins()
    label.setMinimumHeight(lines * label.fontMetrics().lineSpacing()
                           + margins.top() + margins.bottom() + 2 * label.margin())
    label.setAlignment(label.alignment() | Qt.AlignmentFlag.AlignTop)
    return label


def reserve_text_lines(label: QLabel, lines: int, sample: str) -> QLabel:
    """:func:`reserve_lines`, measured on ``sample``, a text in the current language:
    Japanese among Latin letters comes from a fallback font whose lines are taller than
    the label's own font says. Call it again when the language changes."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setPlainText("\n".join([f"Ag {sample}"] * lines))
    margins = label.contentsMargins()
    label.setMinimumHeight(math.ceil(document.size().height()) + margins.top()
                           + margins.bottom() + 2 * label.margin())
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
        self._told: tuple[QSize, QSize] | None = None  # the hints the splitter last had
        column.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = self.widget().minimumSizeHint().width()
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 80)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = self.widget().sizeHint()
        return QSize(max(hint.width() + self.verticalScrollBar().sizeHint().width(),
                         self.minimumSizeHint().width()), hint.height())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # The column's needs change (another page of the dataset panel): tell the splitter,
        # and only then (each request passed on relaid the page up to the tab widget, and
        # most are a label's new text in the same room).
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            hints = (self.minimumSizeHint(), self.sizeHint())
            if hints != self._told:
                self._told = hints
                self.updateGeometry()
        return super().eventFilter(watched, event)
