"""Pseudo-translation: find every text on screen that did not go through a translator.

:class:`PseudoTranslator` answers every message with a marked form of its source,
``⟦source⟧``. With it installed (:func:`pseudo_language`), a text a learner can read that
has no mark was never translated: it was set once in a constructor and not retranslated
on LanguageChange, or built from a string lupdate cannot see.

:func:`unmarked_texts` walks a widget and everything it owns — child widgets, menus and
their actions, tab texts and tooltips, combo-box items, list and table items, headers,
spin-box affixes, placeholders, and the titles, axis labels, legends and text items of
pyqtgraph plots — and returns what is unmarked. Phase 2 of the translation work runs it
page by page::

    with pseudo_language():
        problems = unmarked_texts(window.training)
    assert not problems, report(problems)
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTranslator
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

OPEN, CLOSE = "⟦", "⟧"
#: Words that stay the same in every language (proper names), and the language names
#: View ▸ Language shows in their own language on purpose.
PROPER_NAMES = ("CNN Lab", "CNN", "MNIST", "ReLU", "NumPy", "PyTorch", "Adam", "SGD",
                "English", "日本語")
#: An innermost marked text (a translated name can sit inside a translated sentence).
_MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", re.S)


class PseudoTranslator(QTranslator):
    """Translates every message into ``⟦source⟧`` (plural ``%n`` kept for Qt to fill)."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        if not source_text:
            return source_text
        return f"{OPEN}{source_text}{CLOSE}"

    def isEmpty(self) -> bool:
        return False


@contextlib.contextmanager
def pseudo_language() -> Iterator[PseudoTranslator]:
    """Install :class:`PseudoTranslator` in front of every other translator (Qt asks the
    most recently installed first) for the ``with`` block; widgets retranslate on the
    LanguageChange it causes, both ways."""
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


@dataclass(frozen=True)
class Unmarked:
    """A text a learner can read that was not translated: where, and what."""

    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r}"


def plain(text: str) -> str:
    """``text`` as read on screen: rich text reduced to its words, mnemonics removed."""
    if re.search(r"<[a-zA-Z/!]", text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def leftover(text: str, allowed: Iterable[str] = ()) -> str:
    """What of ``text`` is neither marked, nor a proper name or ``allowed`` text, nor free
    of letters (numbers, shapes such as 28×28, arrows and punctuation need no
    translation). Empty when ``text`` is fully translated."""
    rest = plain(text)
    while _MARKED.search(rest):
        rest = _MARKED.sub(" ", rest)
    for name in sorted((*PROPER_NAMES, *allowed), key=len, reverse=True):
        if name:
            rest = rest.replace(name, " ")
    # Single letters are variables and units of formulas (x, k, n, s): no words to translate.
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if len(w) > 1]
    return " ".join(words)


def _name(obj: QObject) -> str:
    name = obj.objectName()
    return f"{type(obj).__name__}" + (f"({name})" if name else "")


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    yield "toolTip", widget.toolTip()
    yield "statusTip", widget.statusTip()
    yield "whatsThis", widget.whatsThis()
    if widget.isWindow():
        yield "windowTitle", widget.windowTitle()
    if isinstance(widget, QLabel):
        yield "text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield "text", widget.text()
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QTextEdit):
        yield "placeholder", widget.placeholderText()
        yield "text", widget.toPlainText()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        yield "prefix", widget.prefix()
        yield "suffix", widget.suffix()
    if isinstance(widget, QAbstractSpinBox):
        yield "specialValueText", widget.specialValueText()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"item {i + 1}", widget.itemText(i)
            yield f"item {i + 1} toolTip", widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or ""
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"tab {i + 1}", widget.tabText(i)
            yield f"tab {i + 1} toolTip", widget.tabToolTip(i)
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            item = widget.item(i)
            yield f"item {i + 1}", item.text()
            yield f"item {i + 1} toolTip", item.toolTip()
    if isinstance(widget, QTableWidget):
        for c in range(widget.columnCount()):
            header = widget.horizontalHeaderItem(c)
            yield f"column {c + 1}", header.text() if header else ""
        for r in range(widget.rowCount()):
            header = widget.verticalHeaderItem(r)
            yield f"row {r + 1}", header.text() if header else ""
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for c in range(widget.columnCount()):
            yield f"column {c + 1}", header.text(c)
    if isinstance(widget, QMenu):
        yield "title", widget.title()
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        yield from _scene_texts(widget)


def _scene_texts(view: QGraphicsView) -> Iterator[tuple[str, str]]:
    """Titles, axis labels, legends and text items of a pyqtgraph (or any) scene."""
    try:
        import pyqtgraph as pg
    except ImportError:  # pragma: no cover - pyqtgraph is a dependency
        pg = None
    for item in view.scene().items():
        if pg is not None and isinstance(item, pg.AxisItem):
            yield f"axis {item.orientation} label", item.labelText or ""
            yield f"axis {item.orientation} units", item.labelUnits or ""
        elif pg is not None and isinstance(item, pg.LabelItem):
            yield "plot label", item.text or ""
        elif pg is not None and isinstance(item, pg.TextItem):
            yield "text item", item.textItem.toPlainText()
        elif isinstance(item, QGraphicsTextItem):
            # pyqtgraph draws LabelItem and TextItem through one of these; their owners
            # were read above, so only a free-standing one is new.
            parent = item.parentItem()
            if pg is None or not isinstance(parent, (pg.LabelItem, pg.TextItem)):
                yield "text", item.toPlainText()
        elif isinstance(item, QGraphicsSimpleTextItem):
            yield "text", item.text()
        if hasattr(item, "toolTip"):
            yield "item toolTip", item.toolTip()


def _action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    if action.isSeparator():
        return
    yield "text", action.text()
    yield "toolTip", action.toolTip()  # Qt derives one from the text when none is set
    yield "statusTip", action.statusTip()


def _walk(root: QWidget) -> Iterator[tuple[str, str]]:
    seen_actions: set[int] = set()

    def actions(owner: QWidget, path: str) -> Iterator[tuple[str, str]]:
        for action in owner.actions():
            if id(action) in seen_actions:
                continue
            seen_actions.add(id(action))
            where = f"{path} ▸ action {plain(action.text()) or action.objectName()!r}"
            for field, text in _action_texts(action):
                yield f"{where} {field}", text
            menu = action.menu()
            if menu is not None:
                yield from widget(menu, f"{path} ▸ menu")

    def widget(w: QWidget, path: str) -> Iterator[tuple[str, str]]:
        here = f"{path}/{_name(w)}"
        for field, text in _widget_texts(w):
            yield f"{here} {field}", text
        yield from actions(w, here)
        for child in w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            yield from widget(child, here)

    yield from widget(root, "")


def unmarked_texts(root: QWidget, allowed: Iterable[str] = ()) -> list[Unmarked]:
    """Every text under ``root`` (shown or hidden: a hidden label shows later) that is not
    pseudo-translated, ignoring proper names and ``allowed`` (the user's own data, e.g. a
    file or class name). Call it inside :func:`pseudo_language`."""
    allowed = tuple(allowed)
    found = []
    for where, text in _walk(root):
        if text and leftover(text, allowed):
            found.append(Unmarked(where, text))
    return found


def report(problems: list[Unmarked]) -> str:
    """The unmarked texts, one a line, for an assertion message (and for printing)."""
    return f"{len(problems)} text(s) not translated:\n" + "\n".join(map(str, problems))
