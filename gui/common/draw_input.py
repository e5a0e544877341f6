"""What the mouse and the keys do on a :class:`gui.common.draw_canvas.DrawCanvas`.

The left button draws (erases while the canvas's ``eraser`` is on), the right button
erases, Ctrl+Z (the platform's Undo) takes back the last stroke and Delete or Backspace
clears. :class:`CanvasInput` is installed on the canvas as an event filter, so the
canvas itself only shows the drawing; a tablet pen arrives as mouse events (Qt turns
unhandled tablet events into mouse events).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeySequence

_BUTTONS = (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton)
_HELD = Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton


class CanvasInput(QObject):
    """Turns mouse and key events on ``canvas`` into strokes, clears and undos."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self.hover: QPointF | None = None  # widget position, for the brush outline
        canvas.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is not self._canvas:
            return False
        kind = event.type()
        handler = {QEvent.Type.MouseButtonPress: self._press,
                   QEvent.Type.MouseMove: self._move,
                   QEvent.Type.MouseButtonRelease: self._release,
                   QEvent.Type.KeyPress: self._key}.get(kind)
        if handler is not None:
            used = handler(event)
            if used:
                event.accept()
            return used
        if kind == QEvent.Type.ShortcutOverride and self._is_canvas_key(event):
            event.accept()  # Ctrl+Z undoes the drawing here, not the window's filter edit
            return True
        if kind == QEvent.Type.Leave:
            self.hover = None
            self._canvas.update()
        elif kind == QEvent.Type.Hide:
            self._end_lost_stroke()  # hidden mid-stroke: its release goes elsewhere
        return False

    def _end_lost_stroke(self) -> None:
        """End a stroke whose button release the canvas will never see (it was hidden,
        a page switch by key while the mouse was down), so the next move draws nothing
        and the next press starts a stroke of its own."""
        if self._canvas.drawing.stroking:
            self._canvas.drawing.end_stroke()
            self._canvas.changed_now()

    # A handler returns True when it used the event; False leaves it to the canvas's
    # default handling, which ignores it so that it goes on to the parent.
    def _press(self, event) -> bool:
        canvas = self._canvas
        drawing = canvas.drawing
        button = event.button()
        if button not in _BUTTONS or drawing.stroking:
            return False
        had_undo = drawing.can_undo()
        drawing.begin_stroke(drawing.to_picture(event.position(), canvas.shown_rect()),
                             erase=canvas.eraser or button == Qt.MouseButton.RightButton)
        if not had_undo:
            canvas.undo_available.emit(True)
        self.hover = event.position()
        canvas.stroke_went_on()
        return True

    def _move(self, event) -> bool:
        canvas = self._canvas
        drawing = canvas.drawing
        self.hover = event.position()
        if drawing.stroking and not event.buttons() & _HELD:
            self._end_lost_stroke()  # released where the canvas did not hear it
        if drawing.stroking:
            drawing.extend_stroke(drawing.to_picture(event.position(), canvas.shown_rect()))
            canvas.stroke_went_on()
        else:
            canvas.update()
        return True

    def _release(self, event) -> bool:
        canvas = self._canvas
        drawing = canvas.drawing
        if not drawing.stroking:
            return False
        drawing.end_stroke(drawing.to_picture(event.position(), canvas.shown_rect()))
        canvas.changed_now()
        return True

    @staticmethod
    def _is_canvas_key(event) -> bool:
        return (event.matches(QKeySequence.StandardKey.Undo)
                or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace))

    def _key(self, event) -> bool:
        if event.matches(QKeySequence.StandardKey.Undo):
            self._canvas.undo()
            return True
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._canvas.clear()
            return True
        return False
