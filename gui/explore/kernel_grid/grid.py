"""The editable kernel grid: the painted grid of weights, which the learner changes by
typing, by dragging a cell up or down, by the mouse wheel or the keyboard. Text that is
not a usable number is refused on the spot and never leaves the widget.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QToolTip, QWidget

from gui.explore.kernel_grid.cell_editor import CellEditor
from gui.explore.kernel_grid.gestures import KernelGridGestures
from gui.explore.kernel_grid.view import Frame, KernelView
from gui.explore.kernel_grid.weight_text import format_value, refusal_text
from gui.state import MAX_WEIGHT

FOCUS_FRAME = QColor(20, 20, 20)
HOVER_FRAME = QColor(90, 90, 90)
#: The editor is at least this wide: room for "-0.125" even in small cells.
MIN_EDITOR_WIDTH = 64


class KernelGrid(KernelView):
    """A custom-painted, editable KH × KW grid of weights (1 ≤ KH, KW ≤ 15).

    Signals
    -------
    cell_edited(row, col, value)
        The learner changed one cell (typing, dragging, wheel, keys). Not emitted by
        :meth:`set_values`, which keeps an open editor open.
    edit_refused(message)
        Typed text was refused; ``message`` says why, for a status bar
        (:meth:`refusal_message` words it again after a language change).

    The mouse and keys are handled by :class:`KernelGridGestures`, the typing by
    :class:`CellEditor`.
    """

    cell_edited = Signal(int, int, float)
    edit_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = (1, 1)
        self._hover: tuple[int, int] | None = None
        self._editing: tuple[int, int] | None = None
        self._refusal: ValueError | None = None
        self._editor = CellEditor(self)
        self._editor.hide()
        self._editor.committed.connect(self._on_editor_committed)
        self._editor.refused.connect(self._on_editor_refused)
        self._editor.cancelled.connect(self.cancel_edit)
        self._gestures = KernelGridGestures(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Filter weights"))
        self.setAccessibleDescription(self.tr(
            "Arrow keys choose a cell, Enter or a digit types a value, Delete sets it to 0, "
            "Page Up and Page Down change it by 0.1."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_gestures"):
            self.retranslate()
        super().changeEvent(event)

    def _values_replaced(self, resized: bool) -> None:
        rows, cols = self.shape
        self._current = (min(self._current[0], rows - 1), min(self._current[1], cols - 1))
        if self._editing is not None and not self.cells().contains(self._editing):
            self.cancel_edit()
        if resized:
            self._gestures.forget_press()
            self._place_editor()

    # --- the current and the hovered cell --------------------------------------------
    def current_cell(self) -> tuple[int, int]:
        """The keyboard-focused cell (row, col)."""
        return self._current

    def set_current_cell(self, row: int, col: int) -> None:
        rows, cols = self.shape
        cell = (int(np.clip(row, 0, rows - 1)), int(np.clip(col, 0, cols - 1)))
        if cell != self._current:
            self._current = cell
            self.update()

    def set_hover(self, cell: tuple[int, int] | None) -> None:
        """Frame ``cell`` lightly as the one under the mouse (None: no cell)."""
        if cell != self._hover:
            self._hover = cell
            self.update()

    # --- changing values -------------------------------------------------------------
    def apply_edit(self, row: int, col: int, value: float) -> None:
        """Store a learner's edit and announce it; values beyond the limit are clamped."""
        value = float(np.clip(round(value, 4), -MAX_WEIGHT, MAX_WEIGHT))
        if np.float32(value) == self._values[row, col]:
            return
        self._values[row, col] = value
        self.update()
        self.cell_edited.emit(row, col, value)

    def step_cell(self, row: int, col: int, step: float) -> None:
        """Add ``step`` to a cell, as the wheel does."""
        self.apply_edit(row, col, float(self._values[row, col]) + step)

    # --- the in-place editor ---------------------------------------------------------
    def is_editing(self) -> bool:
        return self._editing is not None

    def editor(self) -> QLineEdit:
        """The inline line edit (visible only while a cell is being typed into)."""
        return self._editor

    def edit_cell(self, row: int, col: int, text: str | None = None) -> None:
        """Open the inline editor on (row, col), with ``text`` or the current value."""
        if not self.cells().contains((row, col)):
            return
        if self._editing is not None:
            self.cancel_edit()
        self._current = (row, col)
        self._editing = (row, col)
        self._place_editor()
        if text is None:
            self._editor.start(format_value(self._values[row, col]), select=True)
        else:
            self._editor.start(text, select=False)
        self.update()

    def cancel_edit(self) -> None:
        """Close the editor without changing the value."""
        if self._editing is None:
            return
        self._editing = None
        had_focus = self._editor.hasFocus()
        self._editor.hide()
        QToolTip.hideText()
        if had_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.update()

    def editor_error(self) -> str | None:
        """The message shown on the editor's red frame, or None when its text is fine."""
        return self._editor.error()

    def refusal_message(self) -> str:
        """The last :attr:`edit_refused` message, worded in the current language."""
        return refusal_text(self._refusal) if self._refusal is not None else ""

    def _on_editor_committed(self, value: float) -> None:
        if self._editing is None:  # commit() called on a closed editor
            return
        row, col = self._editing
        self.cancel_edit()
        self.apply_edit(row, col, value)

    def _on_editor_refused(self, error: ValueError) -> None:
        self._refusal = error
        self.edit_refused.emit(refusal_text(error))

    def _place_editor(self) -> None:
        if self._editing is None:
            return
        rect = self.cells().rect(*self._editing).toRect()
        width = max(rect.width(), MIN_EDITOR_WIDTH)
        rect.setLeft(rect.center().x() - width // 2)
        rect.setWidth(width)
        self._editor.setGeometry(rect)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_editor()

    # --- painting --------------------------------------------------------------------
    def _frames(self) -> list[Frame]:
        frames: list[Frame] = []
        if self._hover is not None and self._hover != self._current:
            frames.append((self._hover, HOVER_FRAME, 1, 1))
        if self.hasFocus() or self._editing is not None:
            frames.append((self._current, FOCUS_FRAME, 2, 1))
        return frames + super()._frames()

    def _cell_without_text(self) -> tuple[int, int] | None:
        return self._editing  # the editor shows it

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
