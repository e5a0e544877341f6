"""The in-place editor of one kernel-grid cell: a line edit that refuses bad text on the
spot and says why, in the current language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QToolTip

from gui.explore.kernel_grid.weight_text import (
    could_become_number,
    is_complete_number,
    parse_value,
    refusal_text,
)

VALID_STYLE = "QLineEdit { border: 2px solid #1565c0; background: white; color: #111; }"
INVALID_STYLE = "QLineEdit { border: 2px solid #d32f2f; background: #fff0f0; color: #111; }"
#: Focus lost to these leaves the editor as it is (switching windows, opening a menu).
TRANSIENT_FOCUS_LOSS = (Qt.FocusReason.ActiveWindowFocusReason,
                        Qt.FocusReason.PopupFocusReason)


class CellEditor(QLineEdit):
    """Typed text is checked as it changes: while it is no usable weight the frame is
    red and the tooltip says why. Enter commits a usable value and keeps a refused one
    open; Escape cancels; clicking elsewhere commits a usable value and drops the rest.

    Signals
    -------
    committed(value)
        A usable weight was entered; the owner closes the editor.
    refused(error)
        Enter was pressed on text that is no usable weight: the ``ValueError`` of
        :func:`~gui.explore.kernel_grid.weight_text.parse_value` (word it with
        :func:`~gui.explore.kernel_grid.weight_text.refusal_text`).
    cancelled()
        Escape, or focus left with unusable text; the owner closes the editor.
    """

    committed = Signal(float)
    refused = Signal(object)
    cancelled = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        #: Words the shown error in the current language; None while the text is fine.
        self._error_words: Callable[[], str] | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrame(False)
        self.textEdited.connect(self._check)
        self.returnPressed.connect(self.commit)
        self.retranslate()

    def retranslate(self) -> None:
        """Word the tooltip (the hint, or the error on show) again."""
        self._show_error(self._error_words)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self, text: str, select: bool) -> None:
        """Show ``text`` (all of it selected with ``select``, else checked as typed) and
        take the focus."""
        self._show_error(None)
        self.setText(text)
        if select:
            self.selectAll()
        else:
            self._check(text)
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def error(self) -> str | None:
        """The message shown on the red frame, or None when the text is fine."""
        return self.toolTip() if self._error_words is not None else None

    def commit(self) -> bool:
        """Apply the typed value; on bad text keep editing and say why. True if applied."""
        try:
            value = parse_value(self.text())
        except ValueError as error:
            self._show_error(partial(refusal_text, error), show_tip=True)
            self.refused.emit(error)
            return False
        self.committed.emit(value)
        return True

    def _check(self, text: str) -> None:
        if not could_become_number(text):
            self._show_error(lambda: QCoreApplication.translate(
                "KernelGrid", "Only numbers can be typed here, e.g. 0.5, -1 or 1/9."),
                show_tip=True)
            return
        try:
            parse_value(text)
        except ValueError as error:
            if is_complete_number(text):  # a finished number that is still unusable (1e9)
                self._show_error(partial(refusal_text, error), show_tip=True)
                return
        self._show_error(None)

    def _show_error(self, words: Callable[[], str] | None, show_tip: bool = False) -> None:
        self._error_words = words
        self.setProperty("invalid", words is not None)
        if words is None:
            self.setStyleSheet(VALID_STYLE)
            self.setToolTip(QCoreApplication.translate(
                "KernelGrid", "Type a number (e.g. 0.5, -1, 1/9), then Enter. Escape cancels."))
            QToolTip.hideText()
            return
        message = words()
        self.setStyleSheet(INVALID_STYLE)
        self.setToolTip(message)
        if show_tip and self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), message, self)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # QLineEdit passes Enter on to its parent, where it would reopen the editor.
            event.accept()

    def focusOutEvent(self, event) -> None:
        if not self.isHidden() and event.reason() not in TRANSIENT_FOCUS_LOSS:
            try:
                parse_value(self.text())
            except ValueError:
                self.cancelled.emit()
            else:
                self.commit()
        super().focusOutEvent(event)
