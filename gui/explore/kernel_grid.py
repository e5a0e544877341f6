"""An editable grid of numbers: one (KH, KW) slice of a feature detector.

Each cell is painted in its value's colour on the diverging map (blue negative, white
zero, red positive) with the number written in it, so a learner sees both the sign
pattern and the exact weights. A value changes by typing, by dragging the cell up or
down, by the mouse wheel or the keyboard. Text that is not a usable number is refused
on the spot and never leaves the widget.
"""

from __future__ import annotations

import math
import re

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QToolTip, QWidget

from gui.common.colormap import DIVERGING, symmetric_levels
from gui.common.number_grid import GRID_LINE, paint_number_grid
from gui.state import MAX_WEIGHT, check_weight

MIN_CELL = 34
#: Kernels of 10 or more columns (up to :data:`engine.limits.MAX_KERNEL_SIZE`, 15) get
#: cells of this width divided by the columns, at least ``MIN_CELL_LARGEST`` px, so a
#: 15×15 kernel still fits the side panel without a scroll bar.
LARGE_GRID_WIDTH = 290
MIN_CELL_LARGEST = 18
MAX_CELL = 64
MARGIN = 2
DRAG_STEP = 0.05        # value change per pixel of vertical drag
FINE_DRAG_STEP = 0.005  # with Shift held
DRAG_THRESHOLD = 3      # pixels before a press becomes a drag rather than a click
WHEEL_STEP = 0.1
COARSE_WHEEL_STEP = 1.0  # with Ctrl held

FOCUS_FRAME = QColor(20, 20, 20)
HIGHLIGHT_FRAME = QColor(255, 152, 0)

# Anything that could still become a number (or a fraction such as 1/9) as more is typed.
_PARTIAL_NUMBER = re.compile(
    r"^\s*[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?(\s*/\s*[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?)?\s*$")
_NUMBER = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
_COMPLETE = re.compile(rf"^\s*({_NUMBER})(\s*/\s*({_NUMBER}))?\s*$")
_TYPING_STARTERS = set("0123456789-+.")


def format_value(value: float) -> str:
    """A compact label for a weight: ``8``, ``-0.5``, ``0.111``, ``12.5``, ``250``."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 100:
        text = f"{value:.0f}"
    elif magnitude >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "+0", "") else text


#: Below this cell width (large kernels) numbers are written with two decimals and no
#: leading zero (``.25``, ``-.5``): three decimals would shrink below readable size. The
#: tooltip and the editor keep the exact value.
COMPACT_CELL = 26


def compact_value(value: float) -> str:
    """``format_value`` shortened for small cells: ``0.25 -> .25``, ``-0.5 -> -.5``,
    ``0.001 -> 0``, ``12.5 -> 13``."""
    value = float(value)
    if not math.isfinite(value) or abs(value) >= 10:
        return format_value(round(value)) if math.isfinite(value) else str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "+0", ""):
        return "0"
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


def parse_value(text: str) -> float:
    """The number ``text`` spells (a decimal or a fraction like ``1/9``), checked as a
    weight; ValueError with a learner-friendly message otherwise."""
    match = _COMPLETE.match(text)
    if not match:
        raise ValueError("type a number such as 0.5, -1 or 1/9")
    numerator = float(match.group(1))
    if match.group(4):
        denominator = float(match.group(5))
        if denominator == 0:
            raise ValueError("cannot divide by zero")
        numerator /= denominator
    return check_weight(numerator)


class _CellEditor(QLineEdit):
    """The inline editor; Escape cancels, Enter commits (when the text is valid)."""

    cancelled = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # QLineEdit passes Enter on to its parent, where it would reopen the editor.
            event.accept()


class KernelGrid(QWidget):
    """A custom-painted, editable KH × KW grid of weights (1 ≤ KH, KW ≤ 15).

    Signals
    -------
    cell_edited(row, col, value)
        The learner changed one cell (typing, dragging, wheel, keys). Not emitted by
        :meth:`set_values`.
    edit_refused(message)
        Typed text was refused; ``message`` says why, for a status bar.

    Mouse: double-click a cell to type, drag it up/down to change it (Shift: finer),
    scroll on it for ±0.1 (Ctrl: ±1). Keys: arrows move, Enter/F2 or typing a digit edits,
    Delete sets 0, Page Up/Down step ±0.1.
    """

    cell_edited = Signal(int, int, float)
    edit_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = np.zeros((3, 3), dtype=np.float32)
        self._current = (1, 1)
        self._highlight: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self._press: tuple[tuple[int, int], int, float] | None = None  # cell, y, value
        self._dragging = False
        self._editing: tuple[int, int] | None = None
        self._editor = _CellEditor(self)
        self._editor.hide()
        self._editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._editor.setFrame(False)
        self._editor.returnPressed.connect(self._commit_editor)
        self._editor.textEdited.connect(self._on_editor_text_edited)
        self._editor.cancelled.connect(self.cancel_edit)
        self._editor.installEventFilter(self)
        self._set_editor_error(None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Filter weights"))
        self.setAccessibleDescription(self.tr(
            "Arrow keys choose a cell, Enter or a digit types a value, Delete sets it to 0, "
            "Page Up and Page Down change it by 0.1."))
        if not self._editor.property("invalid"):
            self._set_editor_error(None)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_editor"):
            self.retranslate()
        super().changeEvent(event)

    # --- values ----------------------------------------------------------------------
    def set_values(self, values: np.ndarray) -> None:
        """Show ``values`` (KH, KW); emits nothing. An open editor stays open."""
        values = np.array(values, dtype=np.float32, ndmin=2)
        if values.ndim != 2:
            raise ValueError(f"values must be a 2-D grid, got shape {values.shape}")
        resized = values.shape != self._values.shape
        if not resized and np.array_equal(values, self._values):
            return
        self._values = values
        rows, cols = values.shape
        self._current = (min(self._current[0], rows - 1), min(self._current[1], cols - 1))
        if self._highlight is not None and not self._contains(self._highlight):
            self._highlight = None
        if self._editing is not None and not self._contains(self._editing):
            self.cancel_edit()
        if resized:
            self._press, self._dragging = None, False
            self.updateGeometry()
            self._place_editor()
        self.update()

    def values(self) -> np.ndarray:
        """A copy of the shown grid, (KH, KW) float32."""
        return self._values.copy()

    @property
    def shape(self) -> tuple[int, int]:
        return self._values.shape

    def set_highlight(self, row: int | None = None, col: int | None = None) -> None:
        """Frame cell (row, col) in orange (the cell being explained); None clears it.

        A (row, col) pair may be passed as the first argument; negative indices clear.
        """
        if isinstance(row, tuple):
            row, col = row
        cell = None
        if row is not None and col is not None and self._contains((row, col)):
            cell = (int(row), int(col))
        if cell != self._highlight:
            self._highlight = cell
            self.update()

    def highlight(self) -> tuple[int, int] | None:
        return self._highlight

    def current_cell(self) -> tuple[int, int]:
        """The keyboard-focused cell (row, col)."""
        return self._current

    def set_current_cell(self, row: int, col: int) -> None:
        rows, cols = self._values.shape
        cell = (int(np.clip(row, 0, rows - 1)), int(np.clip(col, 0, cols - 1)))
        if cell != self._current:
            self._current = cell
            self.update()

    # --- geometry --------------------------------------------------------------------
    def _min_cell(self) -> int:
        side = max(self._values.shape)
        return MIN_CELL if side < 10 else max(MIN_CELL_LARGEST, LARGE_GRID_WIDTH // side)

    def _cell_for_width(self, width: int) -> float:
        rows, cols = self._values.shape
        return min(max((width - 2 * MARGIN) / cols, self._min_cell()), MAX_CELL)

    def cell_size(self) -> float:
        rows, cols = self._values.shape
        fit = min((self.width() - 2 * MARGIN) / cols, (self.height() - 2 * MARGIN) / rows)
        return min(max(fit, self._min_cell()), MAX_CELL)

    def _origin(self) -> tuple[float, float]:
        rows, cols = self._values.shape
        size = self.cell_size()
        return ((self.width() - cols * size) / 2, (self.height() - rows * size) / 2)

    def cell_rect(self, row: int, col: int) -> QRect:
        """The cell's rectangle in widget coordinates (tests click its centre)."""
        return self._cell_rectf(row, col).toRect()

    def _cell_rectf(self, row: int, col: int) -> QRectF:
        size = self.cell_size()
        x0, y0 = self._origin()
        return QRectF(x0 + col * size, y0 + row * size, size, size)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        size = self.cell_size()
        x0, y0 = self._origin()
        col = math.floor((pos.x() - x0) / size)
        row = math.floor((pos.y() - y0) / size)
        return (row, col) if self._contains((row, col)) else None

    def _contains(self, cell) -> bool:
        rows, cols = self._values.shape
        return 0 <= cell[0] < rows and 0 <= cell[1] < cols

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows, _ = self._values.shape
        return math.ceil(rows * self._cell_for_width(width)) + 2 * MARGIN

    def sizeHint(self) -> QSize:
        rows, cols = self._values.shape
        size = float(np.clip(280 / max(rows, cols), self._min_cell(), MAX_CELL))
        return QSize(math.ceil(cols * size) + 2 * MARGIN, math.ceil(rows * size) + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        rows, cols = self._values.shape
        size = self._min_cell()
        return QSize(cols * size + 2 * MARGIN, rows * size + 2 * MARGIN)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_editor()

    # --- painting --------------------------------------------------------------------
    def _levels(self) -> tuple[float, float]:
        """The diverging map's range: the grid's largest magnitude, at least 1."""
        return symmetric_levels(self._values, floor=1.0)

    def cell_color(self, row: int, col: int) -> QColor:
        """The fill of a cell: its value on the diverging map, scaled to the grid's
        largest magnitude (at least 1)."""
        return DIVERGING.qcolor(float(self._values[row, col]), self._levels())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rows, cols = self._values.shape
        size = self.cell_size()
        x0, y0 = self._origin()
        paint_number_grid(
            painter, (x0, y0), size, (rows, cols),
            fills=DIVERGING.rgb(self._values, self._levels()),
            texts=[(compact_value if size < COMPACT_CELL else format_value)(v)
                   for v in self._values.ravel()],
            font=self.font(), font_px=int(min(max(size * 0.32, 10), 16)),
            skip=self._editing, grid_pen=QPen(GRID_LINE, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._hover is not None and self._hover != self._current:
            painter.setPen(QPen(QColor(90, 90, 90), 1))
            painter.drawRect(self._cell_rectf(*self._hover).adjusted(1, 1, -1, -1))
        if self.hasFocus() or self._editing is not None:
            painter.setPen(QPen(FOCUS_FRAME, 2))
            painter.drawRect(self._cell_rectf(*self._current).adjusted(1, 1, -1, -1))
        if self._highlight is not None:
            painter.setPen(QPen(HIGHLIGHT_FRAME, 3))
            painter.drawRect(self._cell_rectf(*self._highlight).adjusted(2, 2, -2, -2))
        painter.end()

    # --- changing values -------------------------------------------------------------
    def _change(self, row: int, col: int, value: float) -> None:
        """Store a learner's edit and announce it; values beyond the limit are clamped."""
        value = float(np.clip(round(value, 4), -MAX_WEIGHT, MAX_WEIGHT))
        if np.float32(value) == self._values[row, col]:
            return
        self._values[row, col] = value
        self.update()
        self.cell_edited.emit(row, col, value)

    def step_cell(self, row: int, col: int, step: float) -> None:
        """Add ``step`` to a cell, as the wheel does."""
        self._change(row, col, float(self._values[row, col]) + step)

    # --- inline editor ---------------------------------------------------------------
    def is_editing(self) -> bool:
        return self._editing is not None

    def editor(self) -> QLineEdit:
        """The inline line edit (visible only while a cell is being typed into)."""
        return self._editor

    def edit_cell(self, row: int, col: int, text: str | None = None) -> None:
        """Open the inline editor on (row, col), with ``text`` or the current value."""
        if not self._contains((row, col)):
            return
        if self._editing is not None:
            self.cancel_edit()
        self._current = (row, col)
        self._editing = (row, col)
        self._set_editor_error(None)
        if text is None:
            self._editor.setText(format_value(self._values[row, col]))
            self._editor.selectAll()
        else:
            self._editor.setText(text)
            self._on_editor_text_edited(text)
        self._place_editor()
        self._editor.show()
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
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

    def _commit_editor(self) -> bool:
        """Apply the typed value; on bad text keep editing and say why. True if applied."""
        if self._editing is None:
            return False
        try:
            value = parse_value(self._editor.text())
        except ValueError as error:
            message = self.tr("Not a usable weight: {0}.").format(str(error))
            self._set_editor_error(message, show_tip=True)
            self.edit_refused.emit(message)
            return False
        row, col = self._editing
        self.cancel_edit()
        self._change(row, col, value)
        return True

    def _on_editor_text_edited(self, text: str) -> None:
        if not _PARTIAL_NUMBER.match(text):
            self._set_editor_error(self.tr("Only numbers can be typed here, e.g. 0.5, -1 or 1/9."),
                                   show_tip=True)
            return
        try:
            parse_value(text)
        except ValueError as error:
            if _COMPLETE.match(text):  # a finished number that is still unusable (1e9)
                self._set_editor_error(self.tr("Not a usable weight: {0}.").format(str(error)),
                                       show_tip=True)
                return
        self._set_editor_error(None)

    def _set_editor_error(self, message: str | None, show_tip: bool = False) -> None:
        if message is None:
            self._editor.setStyleSheet(
                "QLineEdit { border: 2px solid #1565c0; background: white; color: #111; }")
            self._editor.setToolTip(self.tr(
                "Type a number (e.g. 0.5, -1, 1/9), then Enter. Escape cancels."))
            self._editor.setProperty("invalid", False)
            QToolTip.hideText()
            return
        self._editor.setStyleSheet(
            "QLineEdit { border: 2px solid #d32f2f; background: #fff0f0; color: #111; }")
        self._editor.setToolTip(message)
        self._editor.setProperty("invalid", True)
        if show_tip and self._editor.isVisible():
            QToolTip.showText(self._editor.mapToGlobal(QPoint(0, self._editor.height())),
                              message, self._editor)

    def editor_error(self) -> str | None:
        """The message shown on the editor's red frame, or None when its text is fine."""
        return self._editor.toolTip() if self._editor.property("invalid") else None

    def _place_editor(self) -> None:
        if self._editing is None:
            return
        rect = self._cell_rectf(*self._editing).toRect()
        width = max(rect.width(), 64)  # room for "-0.125" even in small cells
        rect.setLeft(rect.center().x() - width // 2)
        rect.setWidth(width)
        self._editor.setGeometry(rect)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._editor and event.type() == QEvent.Type.FocusOut:
            # Clicking elsewhere keeps a valid value and drops an invalid one; switching
            # windows or opening a menu leaves the editor as it is.
            transient = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)
            if self._editing is not None and event.reason() not in transient:
                try:
                    parse_value(self._editor.text())
                except ValueError:
                    self.cancel_edit()
                else:
                    self._commit_editor()
        return super().eventFilter(watched, event)

    # --- mouse -----------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton or cell is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_current_cell(*cell)
        self._press = (cell, event.position().y(), float(self._values[cell]))
        self._dragging = False

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            cell, start_y, start_value = self._press
            dy = start_y - pos.y()  # up = more
            if not self._dragging and abs(dy) >= DRAG_THRESHOLD:
                self._dragging = True
                self.setCursor(Qt.CursorShape.SizeVerCursor)
            if self._dragging:
                fine = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                step = FINE_DRAG_STEP if fine else DRAG_STEP
                decimals = 3 if fine else 2
                self._change(*cell, round(start_value + dy * step, decimals))
            return
        hover = self.cell_at(pos.toPoint())
        if hover != self._hover:
            self._hover = hover
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._dragging:
            self.unsetCursor()
        self._press, self._dragging = None, False
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and cell is not None:
            self._press = None
            self.edit_cell(*cell)
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:
        cell = self.cell_at(event.position().toPoint())
        delta = event.angleDelta().y()
        if cell is None or delta == 0 or self._editing is not None:
            event.ignore()
            return
        coarse = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        step = COARSE_WHEEL_STEP if coarse else WHEEL_STEP
        # Touchpads send fractions of a notch; 120 is one notch of a wheel.
        self.step_cell(*cell, step * delta / 120.0)
        self.set_current_cell(*cell)
        event.accept()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
                return True
            value = float(self._values[cell])
            QToolTip.showText(event.globalPos(), self.tr(
                "Row {0}, column {1}: {2:g}\n"
                "Drag up/down or scroll to change it (Shift: finer, Ctrl+scroll: ±1).\n"
                "Double-click or start typing to enter a number.").format(
                    cell[0] + 1, cell[1] + 1, value), self)
            return True
        return super().event(event)

    # --- keyboard --------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        row, col = self._current
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
                 Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves:
            dr, dc = moves[key]
            self.set_current_cell(row + dr, col + dc)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_cell(row, col)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._change(row, col, 0.0)
        elif key == Qt.Key.Key_PageUp:
            self.step_cell(row, col, WHEEL_STEP)
        elif key == Qt.Key.Key_PageDown:
            self.step_cell(row, col, -WHEEL_STEP)
        elif event.text() and event.text() in _TYPING_STARTERS \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.edit_cell(row, col, event.text())
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()
