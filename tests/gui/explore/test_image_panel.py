"""The image input panel: samples, files, clipboard, drops, drawing and pre-processing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog

from engine import ops
from engine.datasets import load as load_dataset
from gui.common.draw_canvas import DrawCanvas
from gui.common.image_io import load_image
from gui.common.preprocess import Preprocess, prepare
from gui.common.samples import DEFAULT_SAMPLE, SAMPLES, label, load_sample, sample
from gui.explore import image_sources
from gui.explore.image_panel import ImagePanel
from gui.state import LabState


@pytest.fixture
def state(qtbot):
    return LabState()


@pytest.fixture
def panel(qtbot, state):
    widget = ImagePanel(state)
    qtbot.addWidget(widget)
    widget.messages = []
    # The panel's messages are functions that word them: read them as shown now.
    widget.message.connect(lambda words: widget.messages.append(words()))
    widget.show_sample("pattern:x")
    return widget


def write_picture(path: Path, width: int = 40, height: int = 30) -> Path:
    """A white picture with a black square in its top-left quarter."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    for y in range(height // 2):
        for x in range(width // 2):
            image.setPixelColor(x, y, QColor(0, 0, 0))
    assert image.save(str(path))
    return path


def combo_index(panel: ImagePanel, key: str) -> int:
    return panel.sample_combo.findData(key, Qt.ItemDataRole.UserRole)


# --------------------------------------------------------------------------- samples
def test_every_sample_loads_as_rgb_in_unit_range(qapp):
    keys = [s.key for s in SAMPLES]
    assert len(keys) == len(set(keys))
    assert {s.category for s in SAMPLES} == {"Patterns", "Digits (MNIST)", "Shapes", "Photos"}
    for s in SAMPLES:
        rgb = load_sample(s.key)
        assert rgb.ndim == 3 and rgb.shape[2] == 3 and rgb.dtype == np.float32, s.key
        assert np.all(np.isfinite(rgb)) and rgb.min() >= 0.0 and rgb.max() <= 1.0, s.key
        assert rgb.max() - rgb.min() > 0.5, f"{s.key} has no contrast"
        assert s.title.strip()
        if s.category == "Photos":
            assert s.credit_text.strip()
    # A fresh array every time: changing one must not change the next.
    first = load_sample("pattern:x")
    first[:] = 0
    assert load_sample("pattern:x").max() == 1.0


def test_x_pattern_is_the_classic_grid_of_zeros_and_ones(qapp):
    grid = prepare(load_sample("pattern:x"), Preprocess())[0]
    expected = np.zeros((9, 9), np.float32)
    for i in range(1, 8):
        expected[i, i] = expected[i, 8 - i] = 1.0
    np.testing.assert_array_equal(grid, expected)


def test_digit_samples_are_the_first_of_each_class_in_the_test_split(qapp):
    data = load_dataset("mnist")
    for digit in (0, 7):
        first = int(np.flatnonzero(data.y_test == digit)[0])
        darkness = prepare(load_sample(f"mnist:{digit}"), Preprocess())[0]
        np.testing.assert_allclose(darkness, data.x_test[first, 0], atol=1e-6)
    assert DEFAULT_SAMPLE == "mnist:7"
    with pytest.raises(KeyError):
        sample("mnist:10")


def test_photo_sample_is_the_bundled_file(qapp):
    import resources
    np.testing.assert_array_equal(load_sample("photo:cat"),
                                  load_image(resources.path("samples/cat.png")))


def test_choosing_a_sample_in_the_combo_changes_the_source(panel, state):
    combo = panel.sample_combo
    combo.setCurrentIndex(combo_index(panel, "mnist:3"))
    np.testing.assert_array_equal(state.source, load_sample("mnist:3"))
    assert state.source_name == sample("mnist:3").title
    assert "28×28" in panel.caption.text()
    combo.setCurrentIndex(combo_index(panel, "photo:coffee"))
    np.testing.assert_array_equal(state.source, load_sample("photo:coffee"))
    assert panel.credit_label.isVisibleTo(panel)
    assert "Michetti" in panel.credit_label.text()


def test_category_headings_cannot_be_chosen(panel):
    model = panel.sample_combo.model()
    headings = [row for row in range(model.rowCount())
                if model.index(row, 0).data(Qt.ItemDataRole.UserRole) is None]
    # 4 headings and 3 separators
    assert len(headings) == 7
    for row in headings:
        assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsSelectable


# --------------------------------------------------------------------------- files
def test_opening_a_file_updates_every_stage(panel, state, tmp_path, qtbot):
    path = write_picture(tmp_path / "square.png", 40, 30)
    with qtbot.waitSignal(state.explored, timeout=2000):
        assert panel.open_file(path)
    assert state.source.shape == (30, 40, 3)
    assert state.source_name == "square.png"
    assert state.image.shape == (1, 30, 40)
    np.testing.assert_allclose(state.image[0, :15, :20], 1.0)   # black square = 1
    np.testing.assert_allclose(state.image[0, 15:, 20:], 0.0)   # white paper = 0
    exploration = state.exploration
    assert exploration.image.shape == (1, 30, 40)
    kh, kw = state.kernel_size
    expected = (len(state.filters), ops.output_size(30, kh), ops.output_size(40, kw))
    assert exploration.conv.shape == expected
    assert panel.messages == []
    assert panel.last_folder == str(tmp_path.resolve())
    assert panel.sample_combo.currentIndex() == -1  # no sample is on show
    assert "square.png" in panel.caption.text() and "30×40" in panel.caption.text()


@pytest.mark.parametrize("kind", ["corrupt", "empty", "text", "missing", "folder", "truncated"])
def test_a_bad_file_leaves_the_picture_untouched(panel, state, tmp_path, kind, qtbot):
    path = tmp_path / "bad.png"
    if kind == "corrupt":
        path.write_bytes(np.random.default_rng(5).integers(0, 256, 999, np.uint8).tobytes())
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path = tmp_path / "essay.jpg"
        path.write_text("not a picture\n" * 50)
    elif kind == "folder":
        path.mkdir()
    elif kind == "truncated":
        data = write_picture(tmp_path / "good.png").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    before, name, image = state.source.copy(), state.source_name, state.image.copy()
    with qtbot.assertNotEmitted(state.source_changed):
        assert panel.open_file(path) is False
    assert len(panel.messages) == 1 and panel.messages[0].strip()
    assert path.name in panel.messages[0]
    assert np.array_equal(state.source, before)
    assert np.array_equal(state.image, image)
    assert state.source_name == name


def test_a_named_pipe_chosen_as_a_picture_is_refused_by_name(panel, state, tmp_path,
                                                              qtbot):
    import os
    pipe = tmp_path / "photo.jpg"
    os.mkfifo(pipe)
    messages = []
    panel.message.connect(lambda words: messages.append(words()))
    with qtbot.assertNotEmitted(state.source_changed):
        assert not panel.open_file(pipe)
    assert messages == ["“photo.jpg” is a named pipe, not an image file."]


def test_open_dialog(panel, state, tmp_path, monkeypatch):
    path = write_picture(tmp_path / "chosen.png", 12, 12)
    asked = {}

    def fake_dialog(parent, caption, folder, filters):
        asked.update(folder=folder, filters=filters)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_dialog)
    panel.last_folder = str(tmp_path)
    answer = ""
    assert panel.open_dialog() is False          # cancelled: nothing changes
    assert asked["folder"] == str(tmp_path)
    assert "*.png" in asked["filters"] and "*.jpg" in asked["filters"]
    answer = str(path)
    assert panel.open_dialog() is True
    assert state.source_name == "chosen.png"


def test_a_large_photo_gets_a_working_size(panel, state, tmp_path):
    assert state.preprocess.size is None
    path = write_picture(tmp_path / "wide.png", image_sources.LARGE_SIDE + 100, 20)
    assert panel.open_file(path)
    assert state.preprocess.size == image_sources.AUTO_WORKING_SIZE
    assert max(state.image.shape[1:]) == image_sources.AUTO_WORKING_SIZE
    assert panel.preprocessing.size_combo.currentData() == image_sources.AUTO_WORKING_SIZE


def test_last_folder_only_accepts_folders(panel, tmp_path):
    panel.last_folder = str(tmp_path)
    assert panel.last_folder == str(tmp_path)
    panel.last_folder = str(tmp_path / "gone")
    assert panel.last_folder == str(tmp_path)


# --------------------------------------------------------------------------- clipboard, drops
def test_paste_an_image_from_the_clipboard(panel, state):
    image = QImage(6, 4, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 0, 0))
    QGuiApplication.clipboard().setImage(image)
    assert panel.paste_from_clipboard()
    assert state.source.shape == (4, 6, 3)
    np.testing.assert_allclose(state.source[..., 0], 1.0)
    np.testing.assert_allclose(state.source[..., 1:], 0.0)
    assert panel.messages == []


def test_paste_a_copied_file(panel, state, tmp_path):
    path = write_picture(tmp_path / "copied.png", 12, 8)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    QGuiApplication.clipboard().setMimeData(mime)
    assert panel.paste_from_clipboard()
    assert state.source_name == "copied.png" and state.source.shape == (8, 12, 3)


def test_paste_with_no_picture_says_so(panel, state):
    QGuiApplication.clipboard().setText("just some words")
    before = state.source.copy()
    assert panel.paste_from_clipboard() is False
    assert len(panel.messages) == 1
    assert np.array_equal(state.source, before)


def test_drop_a_file_url(panel, state, tmp_path):
    path = write_picture(tmp_path / "dropped.png", 10, 16)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert panel.accepts_mime(mime)
    assert panel.drop_mime(mime)
    assert state.source_name == "dropped.png"
    assert state.source.shape == (16, 10, 3)


def test_the_panel_itself_accepts_drops(panel, state, tmp_path):
    path = write_picture(tmp_path / "onto panel.png", 8, 8)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(drop)
    assert drop.isAccepted() and state.source_name == "onto panel.png"
    words = QMimeData()
    words.setText("hello")
    refused = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, words,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_drop_a_path_as_text_and_raw_image_data(panel, state, tmp_path):
    path = write_picture(tmp_path / "as text.png", 10, 10)
    mime = QMimeData()
    mime.setText(str(path))
    assert panel.drop_mime(mime) and state.source_name == "as text.png"
    mime = QMimeData()
    image = QImage(3, 5, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0))
    mime.setImageData(image)
    assert panel.drop_mime(mime)
    assert state.source.shape == (5, 3, 3) and state.source.max() == 0.0


def test_drops_that_are_not_pictures(panel, state, tmp_path):
    mime = QMimeData()
    mime.setText("hello")
    assert not panel.accepts_mime(mime)
    remote = QMimeData()
    remote.setUrls([QUrl("https://example.com/cat.png")])
    assert not panel.accepts_mime(remote)
    notes = tmp_path / "notes.txt"
    notes.write_text("words")
    local = QMimeData()
    local.setUrls([QUrl.fromLocalFile(str(notes))])
    before = state.source.copy()
    assert panel.drop_mime(mime) is False
    assert panel.drop_mime(local) is False  # accepted on entry, refused with a reason
    assert len(panel.messages) == 2 and "notes.txt" in panel.messages[1]
    assert np.array_equal(state.source, before)


# --------------------------------------------------------------------------- drawing
def ink(canvas: DrawCanvas) -> np.ndarray:
    """(H, W) darkness of the canvas picture."""
    return 1.0 - canvas.image().mean(axis=2)


def stroke(qtbot, canvas, points, button=Qt.MouseButton.LeftButton):
    qtbot.mousePress(canvas, button, pos=QPoint(*points[0]))
    for point in points[1:]:
        qtbot.mouseMove(canvas, QPoint(*point))
    qtbot.mouseRelease(canvas, button, pos=QPoint(*points[-1]))


def shown_canvas(qtbot, width: int, height: int, **options) -> DrawCanvas:
    """A DrawCanvas made with ``options``, shown ``width`` × ``height`` pixels large."""
    canvas = DrawCanvas(**options)
    qtbot.addWidget(canvas)
    canvas.resize(width, height)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def test_canvas_draws_erases_undoes_and_clears(qtbot):
    canvas = shown_canvas(qtbot, 100, 100, resolution=100, pen_width=6)
    assert canvas.image().shape == (100, 100, 3) and canvas.is_blank()
    with qtbot.waitSignal(canvas.drawn, timeout=1000):
        # An L: down the left side, then along the bottom.
        stroke(qtbot, canvas, [(20, 10), (20, 50), (20, 80), (50, 80), (80, 80)])
    darkness = ink(canvas)
    assert darkness[50, 20] > 0.9 and darkness[80, 50] > 0.9   # on both arms
    assert darkness[20, 70] < 0.01                              # off the stroke
    assert canvas.can_undo()
    stroke(qtbot, canvas, [(10, 50), (30, 50)], Qt.MouseButton.RightButton)
    assert ink(canvas)[50, 20] < 0.01                           # erased
    canvas.undo()
    assert ink(canvas)[50, 20] > 0.9
    canvas.clear()
    assert canvas.is_blank()
    canvas.undo()
    assert not canvas.is_blank()


def test_canvas_reports_while_a_stroke_goes_on(qtbot):
    canvas = shown_canvas(qtbot, 60, 60, resolution=60)
    canvas.throttle_ms = 5
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    with qtbot.waitSignal(canvas.drawn, timeout=1000):
        qtbot.mouseMove(canvas, QPoint(40, 40))   # still holding the button
    assert ink(canvas)[25, 25] > 0.9
    with qtbot.waitSignal(canvas.drawn, timeout=1000):
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))


def test_canvas_keyboard_undo(qtbot):
    canvas = shown_canvas(qtbot, 40, 40, resolution=40)
    stroke(qtbot, canvas, [(20, 20)])
    assert not canvas.is_blank()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert canvas.is_blank() and not canvas.can_undo()


def test_canvas_keeps_its_resolution_when_displayed_scaled(qtbot):
    canvas = shown_canvas(qtbot, 160, 100, resolution=(50, 80), pen_width=4)  # scale 2
    stroke(qtbot, canvas, [(80, 50)])   # widget centre -> picture centre
    assert canvas.image().shape == (50, 80, 3)
    darkness = ink(canvas)
    assert darkness[25, 40] > 0.9 and darkness[5, 5] == 0.0
    with pytest.raises(ValueError):
        canvas.pen_width = float("nan")


def test_draw_mode_follows_the_drawing(panel, state, qtbot):
    panel.resize(330, 720)
    panel.show()
    assert not panel.draw_area.isVisible()
    panel.set_draw_mode(True)
    qtbot.waitExposed(panel.draw_area.canvas)
    assert panel.draw_area.isVisible()
    assert state.source_name == "drawing"
    assert state.image.shape == (1, 280, 280) and state.image.max() == 0.0  # blank paper
    stroke(qtbot, panel.draw_area.canvas, [(60, 100), (100, 100), (140, 100)])
    assert state.image.max() > 0.99            # ink is 1 in the working image
    np.testing.assert_array_equal(state.source, panel.draw_area.canvas.image())
    panel.draw_area.canvas.clear()
    assert state.image.max() == 0.0
    # Choosing something else ends draw mode, so later strokes cannot overwrite it.
    panel.show_sample("pattern:o")
    assert not panel.draw_mode and not panel.draw_area.isVisible()
    panel.draw_area.canvas.clear()
    np.testing.assert_array_equal(state.source, load_sample("pattern:o"))


def test_someone_else_setting_the_picture_resets_the_panel(panel, state):
    panel.set_draw_mode(True)
    state.set_source(np.zeros((5, 5, 3), np.float32), "from a lesson")
    assert not panel.draw_mode
    assert panel.sample_combo.currentIndex() == -1
    assert "from a lesson" in panel.caption.text()
    # A built-in sample set directly on the state (as the main window does at start-up)
    # is still named in the picker; a look-alike with other pixels is not.
    state.set_source(load_sample("photo:astronaut"), label("photo:astronaut"))
    assert panel.sample_combo.currentIndex() == combo_index(panel, "photo:astronaut")
    assert panel.credit_label.isVisibleTo(panel)
    state.set_source(load_sample("mnist:1"), label("mnist:7"))
    assert panel.sample_combo.currentIndex() == -1


# --------------------------------------------------------------------------- pre-processing
def test_widgets_change_preprocess(panel, state):
    panel.show_sample("photo:cat")
    panel.preprocessing.rgb_radio.setChecked(True)
    assert state.preprocess.color == "rgb" and state.image.shape[0] == 3
    panel.preprocessing.size_combo.setCurrentIndex(panel.preprocessing.size_combo.findData(28))
    assert state.preprocess.size == 28 and state.image.shape == (3, 19, 28)
    assert panel.preprocessing.size_result.text() == "→ 19×28"
    assert "170×256 → 19×28" in panel.caption.text()
    panel.preprocessing.invert_check.setChecked(True)
    assert state.preprocess.invert
    assert not panel.preprocessing.threshold_slider.isEnabled()
    panel.preprocessing.binarize_check.setChecked(True)
    assert state.preprocess.binarize and panel.preprocessing.threshold_slider.isEnabled()
    panel.preprocessing.threshold_slider.setValue(30)
    assert state.preprocess.threshold == pytest.approx(0.30)
    assert panel.preprocessing.threshold_spin.value() == pytest.approx(0.30)
    panel.preprocessing.threshold_spin.setValue(0.75)
    assert state.preprocess.threshold == pytest.approx(0.75)
    assert panel.preprocessing.threshold_slider.value() == 75
    assert set(np.unique(state.image)) <= {0.0, 1.0}
    panel.preprocessing.gray_radio.setChecked(True)
    assert state.preprocess == Preprocess("gray", 28, True, True, 0.75)


def test_state_changes_show_in_the_widgets_without_echo(panel, state, qtbot):
    changes = []
    state.image_changed.connect(lambda: changes.append(state.preprocess))
    state.set_preprocess(color="rgb", size=64, invert=True, binarize=True, threshold=0.2)
    assert len(changes) == 1          # the widgets did not answer with changes of their own
    box = panel.preprocessing
    assert box.rgb_radio.isChecked() and not box.gray_radio.isChecked()
    assert box.size_combo.currentData() == 64
    assert box.invert_check.isChecked() and box.binarize_check.isChecked()
    assert box.threshold_slider.value() == 20
    assert box.threshold_spin.value() == pytest.approx(0.2)
    assert box.threshold_spin.isEnabled()
    assert "inverted" in box.values_hint.text()
    # One widget edit, one change.
    box.invert_check.setChecked(False)
    assert len(changes) == 2 and not state.preprocess.invert
    # A working size the list lacks (e.g. set by a lesson) is added, not lost.
    state.set_preprocess(size=32)
    assert panel.preprocessing.size_combo.currentData() == 32
