"""A label's new text relays out only what it must: LayoutFence and VerticalScrollArea
keep layout requests from climbing to the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.common.widgets import FittedLabel, LayoutFence, VerticalScrollArea


class _LayoutRequests(QObject):
    """Counts the layout requests ``widget`` receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _settle(qtbot) -> None:
    qtbot.wait(20)


def _window_with(qtbot, middle: QWidget) -> QWidget:
    """A window with a button above and below ``middle``, shown."""
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QPushButton("above"))
    layout.addWidget(middle)
    layout.addWidget(QPushButton("below"))
    qtbot.addWidget(window)
    window.resize(400, 200)
    window.show()
    qtbot.waitExposed(window)
    _settle(qtbot)
    return window


def _renamings(qtbot, label: FittedLabel, window: QWidget) -> int:
    requests = _LayoutRequests(window)
    for name in ("a filter", "another filter with a long name", "x", "a filter"):
        label.set_texts(f"Filter “{name}” — each stage of the layer")
        _settle(qtbot)
    return requests.count


def test_a_fenced_label_takes_new_texts_without_a_layout_of_the_window(qtbot):
    label = FittedLabel()
    window = _window_with(qtbot, LayoutFence(label))
    assert _renamings(qtbot, label, window) == 0
    # It still has the fence's whole width and fits its text to it.
    fence = label.parentWidget()
    assert label.geometry() == fence.rect() and fence.width() > 300
    label.set_texts("a name " * 40)
    window.resize(250, 200)
    _settle(qtbot)
    assert label.width() == fence.width() < 250
    assert label.text().endswith("…")
    assert fence.sizeHint() == label.sizeHint()


def test_without_the_fence_each_new_text_relays_out_the_window(qtbot):
    # What the fence is for: the same label, straight in the window's layout.
    label = FittedLabel()
    window = _window_with(qtbot, label)
    assert _renamings(qtbot, label, window) >= 3


def test_a_scrolling_column_tells_its_parent_only_when_it_needs_other_room(qtbot):
    column = QWidget()
    column_layout = QVBoxLayout(column)
    label = QLabel("Weights of “filter 1”")
    column_layout.addWidget(label)
    column_layout.addStretch()
    area = VerticalScrollArea(column)
    host = QWidget()
    QHBoxLayout(host).addWidget(area)
    window = _window_with(qtbot, host)
    requests = _LayoutRequests(host)
    for name in ("filter 2", "filter 3", "filter 4"):  # the same room
        label.setText(f"Weights of “{name}”")
        _settle(qtbot)
    assert requests.count == 0
    before = area.minimumSizeHint().width()
    wide = QPushButton("a button far wider than anything in the column so far")
    column_layout.addWidget(wide)
    _settle(qtbot)
    assert requests.count >= 1
    assert area.minimumSizeHint().width() > before
    assert area.width() >= wide.sizeHint().width()  # the window made room for it
    assert window.isVisible()
