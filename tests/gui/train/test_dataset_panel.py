import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from engine.datasets import split_counts
from gui.common.image_io import rgb_to_qimage
from gui.state import LabState
from gui.train.data_sources import DataSourceError
from gui.train.dataset_panel import DatasetPanel
from gui.train.dataset_widgets import ThumbStrip


@pytest.fixture
def panel(qtbot):
    panel = DatasetPanel(LabState())
    qtbot.addWidget(panel)
    panel.resize(360, 760)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    panel.shutdown()


def table_counts(table, train_col, test_col):
    return [(table.item(r, 0).text(), int(table.item(r, train_col).text().replace(",", "")),
             int(table.item(r, test_col).text().replace(",", "")))
            for r in range(table.rowCount())]


def draw(qtbot, canvas, points):
    """One stroke through ``points`` (widget coordinates) with the left button."""
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for point in points[1:]:
        qtbot.mouseMove(canvas, QPoint(*point))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


VERTICAL = [(90, 20), (90, 60), (92, 100), (93, 150)]
CIRCLE = [(90 + int(60 * np.cos(t)), 90 + int(60 * np.sin(t)))
          for t in np.linspace(0, 2 * np.pi, 24)]


def add_class(qtbot, panel, name):
    panel.new_class_edit.setText(name)
    qtbot.mouseClick(panel.add_class_button, Qt.MouseButton.LeftButton)


def test_mnist_is_the_default_with_10_classes_of_400_and_100(panel):
    assert panel.source() == "mnist"
    data = panel.current_dataset()
    assert data.x_train.shape == (4000, 1, 28, 28)
    assert panel.current_dataset() is data  # cached
    expected = [(str(d), 400, 100) for d in range(10)]
    assert panel.class_counts() == expected
    assert table_counts(panel.summary_table, 1, 2) == expected
    strip = panel.summary_table.cellWidget(3, 3)
    assert isinstance(strip, ThumbStrip) and strip.visible_count() >= 2
    assert "10 classes" in panel.summary_label.text()
    assert panel.summary.isVisible() and not panel.class_table.isVisible()


def test_switching_source_emits_and_shows_the_new_counts(qtbot, panel):
    with qtbot.waitSignal(panel.dataset_changed, timeout=1000):
        panel.source_combo.setCurrentIndex(1)
    assert panel.source() == "shapes"
    assert panel.current_dataset().class_names[0] == "circle"
    assert table_counts(panel.summary_table, 1, 2)[0] == ("Circle", 500, 100)  # its display name
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000):
        panel.shapes_count.setValue(1200)
    assert [c[1:] for c in panel.class_counts()] == [(200, 40)] * 6
    assert panel.summary_table.rowCount() == 6

    with qtbot.waitSignal(panel.dataset_changed, timeout=1000):
        panel.set_source("folder")
    with pytest.raises(DataSourceError, match="Choose a folder"):
        panel.current_dataset()
    assert panel.class_counts() == [] and not panel.summary_table.isVisible()
    assert "Choose a folder" in panel.summary_label.text()

    with qtbot.waitSignal(panel.dataset_changed, timeout=1000):
        panel.set_source("mine")
    assert panel.class_table.isVisible() and not panel.summary.isVisible()
    with pytest.raises(DataSourceError, match="at least 2 classes"):
        panel.current_dataset()


def make_folder(root):
    for kind, n in (("bar", 4), ("dash", 3)):
        for i in range(n):
            picture = np.ones((40, 40), np.float32)
            if kind == "bar":
                picture[5:35, 10 + 3 * i:14 + 3 * i] = 0
            else:
                picture[10 + 3 * i:14 + 3 * i, 5:35] = 0
            (root / kind).mkdir(parents=True, exist_ok=True)
            rgb_to_qimage(picture).save(str(root / kind / f"{i}.png"))
    (root / "dash" / "bad.png").write_bytes(b"garbage")
    return root


def test_image_folder_loads_in_the_background_and_reports_skipped_files(
        qtbot, panel, tmp_path):
    folder = make_folder(tmp_path / "pics")
    panel.set_source("folder")
    messages = []
    panel.message.connect(lambda render: messages.append(render()))
    changes = []
    panel.dataset_changed.connect(lambda: changes.append(panel.is_loading()))
    panel.load_folder(str(folder))
    # Until it is read the panel says so instead of handing out stale data; the
    # result arrives through the event loop, never before this line.
    with pytest.raises(DataSourceError, match="still being read"):
        panel.current_dataset()
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=5000)
    assert changes == [True, False]
    data = panel.current_dataset()
    assert data.class_names == ("bar", "dash")
    assert table_counts(panel.summary_table, 1, 2) == [
        ("bar", *split_counts(4, 0.2, min_held=1)), ("dash", *split_counts(3, 0.2, min_held=1))]
    assert panel.folder_label.path() == str(folder)
    assert str(folder) in panel.folder_label.toolTip()
    assert any("bad.png" in m for m in messages)


def test_a_bad_folder_shows_why(qtbot, panel, tmp_path):
    (tmp_path / "one" / "only").mkdir(parents=True)
    panel.set_source("folder")
    messages = []
    panel.message.connect(lambda render: messages.append(render()))
    panel.load_folder(str(tmp_path / "one"))
    qtbot.waitUntil(lambda: not panel.is_loading(), timeout=5000)
    with pytest.raises(DataSourceError, match="only one class"):
        panel.current_dataset()
    assert "only one class" in panel.summary_label.text()
    assert messages and "only one class" in messages[-1]


def test_my_classes_drawn_deleted_saved_and_loaded(qtbot, panel, tmp_path):
    panel.set_source("mine")
    add_class(qtbot, panel, "stick")
    add_class(qtbot, panel, "ring")
    assert panel.classes.names == ("stick", "ring")
    assert panel.selected_class() == "ring"  # a new class is selected to fill it
    assert panel.new_class_edit.text() == ""

    changes = []
    panel.dataset_changed.connect(lambda: changes.append(1))
    for name, stroke, times in (("stick", VERTICAL, 3), ("ring", CIRCLE, 2)):
        panel.select_class(name)
        assert name in panel.add_drawing_button.text()
        for _ in range(times):
            draw(qtbot, panel.canvas, stroke)
            assert not panel.canvas.is_blank()
            qtbot.mouseClick(panel.add_drawing_button, Qt.MouseButton.LeftButton)
            assert panel.canvas.is_blank()  # ready for the next example
    assert len(changes) == 5
    assert panel.classes.counts() == {"stick": 3, "ring": 2}
    stick = panel.classes.examples("stick")[0]
    ring = panel.classes.examples("ring")[0]
    # A stick is tall and thin, a ring fills its box around an empty middle.
    rows, cols = np.flatnonzero(stick.any(1)), np.flatnonzero(stick.any(0))
    assert len(rows) == 20 and len(cols) < 10
    assert ring[14, 14] < 0.2 and ring[4:24, 4:24].max() > 0.9

    # Delete the selected example of "stick".
    panel.select_class("stick")
    assert panel.examples_list.count() == 3
    panel.examples_list.item(1).setSelected(True)
    qtbot.mouseClick(panel.delete_examples_button, Qt.MouseButton.LeftButton)
    assert panel.classes.counts() == {"stick": 2, "ring": 2}
    assert panel.examples_list.count() == 2
    assert table_counts(panel.class_table, 2, 3) == [("stick", 1, 1), ("ring", 1, 1)]
    data = panel.current_dataset()
    assert data.class_names == ("stick", "ring") and len(data.y_train) == 2

    folder = tmp_path / "mine"
    assert panel.save_collection(str(folder))
    fresh = DatasetPanel(LabState())
    qtbot.addWidget(fresh)
    fresh.set_source("mine")
    assert fresh.load_collection(str(folder))
    assert fresh.classes.counts() == {"stick": 2, "ring": 2}
    assert table_counts(fresh.class_table, 1, 2) == table_counts(panel.class_table, 1, 2)
    for name in ("stick", "ring"):
        for a, b in zip(fresh.classes.examples(name), panel.classes.examples(name),
                        strict=True):
            assert np.abs(a - b).max() <= 1 / 255


def test_blank_drawing_and_no_class_are_refused_with_a_message(qtbot, panel):
    panel.set_source("mine")
    messages = []
    panel.message.connect(lambda render: messages.append(render()))
    assert not panel.add_drawing_button.isEnabled()
    assert not panel.add_drawing()
    assert "Add a class first" in messages[-1]
    add_class(qtbot, panel, "a")
    assert not panel.add_drawing()
    assert "empty" in messages[-1]
    add_class(qtbot, panel, "A")  # names are compared without case
    assert "already" in messages[-1]
    assert panel.classes.names == ("a",)


def test_import_keeps_good_files_and_reports_broken_ones(qtbot, panel, tmp_path):
    panel.set_source("mine")
    add_class(qtbot, panel, "bar")
    picture = np.ones((60, 60), np.float32)
    picture[10:50, 25:32] = 0
    good = tmp_path / "good.png"
    rgb_to_qimage(picture).save(str(good))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    blank = tmp_path / "blank.png"
    rgb_to_qimage(np.ones((20, 20))).save(str(blank))
    messages = []
    panel.message.connect(lambda render: messages.append(render()))
    assert panel.import_files([str(good), str(broken), str(blank)]) == 1
    assert panel.classes.counts() == {"bar": 1}
    assert panel.examples_list.count() == 1
    assert "broken.png" in messages[-1] and "blank.png" in messages[-1]
    example = panel.classes.examples("bar")[0]
    assert np.flatnonzero(example.any(1)).size == 20


def test_rename_and_delete_classes(qtbot, panel, monkeypatch):
    panel.set_source("mine")
    for name in ("one", "two", "three"):
        add_class(qtbot, panel, name)
    messages = []
    panel.message.connect(lambda render: messages.append(render()))
    panel.class_table.item(1, 0).setText("deux")  # what editing the cell does
    assert panel.classes.names == ("one", "deux", "three")
    panel.class_table.item(1, 0).setText("one")
    assert "already" in messages[-1]
    assert panel.classes.names == ("one", "deux", "three")
    assert panel.class_table.item(1, 0).text() == "deux"

    panel.select_class("deux")
    draw(qtbot, panel.canvas, VERTICAL)
    panel.add_drawing()
    asked = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    qtbot.mouseClick(panel.delete_class_button, Qt.MouseButton.LeftButton)
    assert asked and panel.classes.names == ("one", "deux", "three")
    answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(panel.delete_class_button, Qt.MouseButton.LeftButton)
    assert panel.classes.names == ("one", "three")
    assert panel.selected_class() == "three"
    asked.clear()
    qtbot.mouseClick(panel.delete_class_button, Qt.MouseButton.LeftButton)
    assert not asked  # an empty class goes without asking
    assert panel.classes.names == ("one",)


def test_preview_shows_the_network_input(qtbot, panel):
    panel.set_source("mine")
    add_class(qtbot, panel, "x")
    with qtbot.waitSignal(panel.canvas.drawn, timeout=1000):
        draw(qtbot, panel.canvas, VERTICAL)
    image = panel.preview.pixmap().toImage()
    assert (image.width(), image.height()) == (56, 56)
    dark = [image.pixelColor(x, y).value() < 128 for y in range(56) for x in range(56)]
    assert 10 < sum(dark) < 56 * 56 // 2
