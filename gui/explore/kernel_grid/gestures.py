"""Mouse and keyboard editing of a kernel grid, as an event filter on the grid.

Mouse: double-click a cell to type, drag it up/down to change it (Shift: finer), scroll
on it for ±0.1 (Ctrl: ±1). Keys: arrows move, Enter/F2 or typing a digit edits, Delete
sets 0, Page Up/Down step ±0.1. Events the grid does not use go on to the widget's
default handling (and so to its parents, e.g. a scroll area's wheel).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QToolTip

from gui.explore.kernel_grid.weight_text import TYPING_STARTERS

if TYPE_CHECKING:
    from gui.explore.kernel_grid.grid import KernelGrid

DRAG_STEP = 0.05        # value change per pixel of vertical drag
FINE_DRAG_STEP = 0.005  # with Shift held
DRAG_THRESHOLD = 3      # pixels before a press becomes a drag rather than a click
WHEEL_STEP = 0.1
COARSE_WHEEL_STEP = 1.0  # with Ctrl held
#: One notch of a mouse wheel; touchpads send fractions of it.
WHEEL_NOTCH = 120.0

_MOVES = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
          Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}


class KernelGridGestures(QObject):
    """Turns presses, drags, wheel turns, double-clicks and keys on ``grid`` into its
    edits; a handler returns True when it used the event."""

    def __init__(self, grid: KernelGrid) -> None:
        super().__init__(grid)
        self._grid = grid
        self._press: tuple[tuple[int, int], float, float] | None = None  # cell, y, value
        self._dragging = False
        self._handlers = {
            QEvent.Type.MouseButtonPress: self._on_press,
            QEvent.Type.MouseMove: self._on_move,
            QEvent.Type.MouseButtonRelease: self._on_release,
            QEvent.Type.MouseButtonDblClick: self._on_double_click,
            QEvent.Type.Leave: self._on_leave,
            QEvent.Type.Wheel: self._on_wheel,
            QEvent.Type.ToolTip: self._on_tooltip,
            QEvent.Type.KeyPress: self._on_key,
        }
        grid.installEventFilter(self)

    def forget_press(self) -> None:
        """Drop a press or drag in progress (its cell may be gone)."""
        self._press, self._dragging = None, False

    def eventFilter(self, watched, event) -> bool:
        handler = self._handlers.get(event.type())
        return handler is not None and watched is self._grid and handler(event)

    # --- mouse -----------------------------------------------------------------------
    def _on_press(self, event) -> bool:
        grid = self._grid
        cell = grid.cell_at(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            return False
        grid.setFocus(Qt.FocusReason.MouseFocusReason)
        grid.set_current_cell(*cell)
        self._press = (cell, event.position().y(), float(grid.values()[cell]))
        self._dragging = False
        return True

    def _on_move(self, event) -> bool:
        grid = self._grid
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            cell, start_y, start_value = self._press
            dy = start_y - pos.y()  # up = more
            if not self._dragging and abs(dy) >= DRAG_THRESHOLD:
                self._dragging = True
                grid.setCursor(Qt.CursorShape.SizeVerCursor)
            if self._dragging:
                fine = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                step = FINE_DRAG_STEP if fine else DRAG_STEP
                decimals = 3 if fine else 2
                grid.apply_edit(*cell, round(start_value + dy * step, decimals))
            return True
        grid.set_hover(grid.cell_at(pos.toPoint()))
        return True

    def _on_release(self, event) -> bool:
        if self._dragging:
            self._grid.unsetCursor()
        self.forget_press()
        return False

    def _on_double_click(self, event) -> bool:
        cell = self._grid.cell_at(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            return False
        self._press = None
        self._grid.edit_cell(*cell)
        return True

    def _on_leave(self, event) -> bool:
        self._grid.set_hover(None)
        return False

    def _on_wheel(self, event) -> bool:
        grid = self._grid
        cell = grid.cell_at(event.position().toPoint())
        delta = event.angleDelta().y()
        if cell is None or delta == 0 or grid.is_editing():
            return False  # the default handling ignores it: a scroll area scrolls
        coarse = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        step = COARSE_WHEEL_STEP if coarse else WHEEL_STEP
        grid.step_cell(*cell, step * delta / WHEEL_NOTCH)
        grid.set_current_cell(*cell)
        event.accept()
        return True

    def _on_tooltip(self, event) -> bool:
        grid = self._grid
        cell = grid.cell_at(event.pos())
        if cell is None:
            QToolTip.hideText()
            event.ignore()
            return True
        value = float(grid.values()[cell])
        QToolTip.showText(event.globalPos(), QCoreApplication.translate(
            "KernelGrid",
            "Row {0}, column {1}: {2:g}\n"
            "Drag up/down or scroll to change it (Shift: finer, Ctrl+scroll: ±1).\n"
            "Double-click or start typing to enter a number.").format(
                cell[0] + 1, cell[1] + 1, value), grid)
        return True

    # --- keyboard --------------------------------------------------------------------
    def _on_key(self, event) -> bool:
        grid = self._grid
        key = event.key()
        row, col = grid.current_cell()
        if key in _MOVES:
            dr, dc = _MOVES[key]
            grid.set_current_cell(row + dr, col + dc)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            grid.edit_cell(row, col)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            grid.apply_edit(row, col, 0.0)
        elif key == Qt.Key.Key_PageUp:
            grid.step_cell(row, col, WHEEL_STEP)
        elif key == Qt.Key.Key_PageDown:
            grid.step_cell(row, col, -WHEEL_STEP)
        elif event.text() and event.text() in TYPING_STARTERS \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            grid.edit_cell(row, col, event.text())
        else:
            return False
        return True
