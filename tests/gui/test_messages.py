"""No message outlives what it was about (the rule in gui/common/status_line.py), tried
with real files, the real clipboard and the real window."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from engine.model import build_cnn
from gui.common.image_io import rgb_to_qimage
from gui.common.status_line import StatusLine
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    window.training.dataset_panel.autosave_folder = None
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.training.shutdown()


def picture_file(path, ink_column=10):
    """A real PNG: white paper with one black vertical stroke."""
    picture = np.ones((40, 40), np.float32)
    picture[5:35, ink_column:ink_column + 4] = 0
    assert rgb_to_qimage(picture).save(str(path))
    return path


def test_the_rule_replaces_and_withdraws_by_topic(qtbot):
    line = StatusLine()
    qtbot.addWidget(line)
    changes = []
    line.changed.connect(lambda *args: changes.append(args))
    line.say("cannot open a.png", "file", error=True)
    assert line.is_error and line.topic == "file"
    line.withdraw("explore")  # another topic changed: the message still holds
    assert line.text() == "cannot open a.png"
    line.withdraw("explore", "file")
    assert line.text() == "" and not line.is_error and line.styleSheet() == ""
    line.say("loaded", "filters")
    line.say("", "filters")  # an empty message withdraws its topic
    assert line.text() == ""
    assert changes == [("cannot open a.png", "file", True), ("", "file", False),
                       ("loaded", "filters", False), ("", "filters", False)]


def test_an_image_error_goes_when_a_pasted_picture_is_shown(qtbot, window, tmp_path):
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"this is not a picture")
    assert not window.opening.open_path(garbage)
    assert "garbage.png" in window.status.text() and window.status.is_error
    image = rgb_to_qimage(np.linspace(0, 1, 30 * 20, dtype=np.float32).reshape(30, 20))
    QGuiApplication.clipboard().setImage(image)
    window.opening.paste_image()
    assert window.state.source.shape[:2] == (30, 20)
    assert window.status.text() == ""


def test_an_empty_clipboard_is_reported_and_a_real_file_then_clears_it(qtbot, window,
                                                                          tmp_path):
    QGuiApplication.clipboard().clear()
    window.opening.paste_image()
    assert "clipboard" in window.status.text()
    assert window.opening.open_path(picture_file(tmp_path / "stroke.png"))
    assert window.status.text() == ""


def test_cannot_train_goes_once_the_classes_are_ready(qtbot, window, tmp_path):
    page = window.training
    panel = page.dataset_panel
    panel.set_source("mine")
    for name in ("cross", "ring"):
        assert panel.add_class(name)
    panel.select_class("cross")
    panel.import_files([str(picture_file(tmp_path / "c0.png"))])
    assert not page.start_training()
    assert page.status.text().startswith("Cannot train") and page.status.is_error
    assert window.status.text() == page.status.text()
    paths = {name: [str(picture_file(tmp_path / f"{name}{i}.png", 4 + 6 * i))
                    for i in range(1, 3)] for name in ("cross", "ring")}
    panel.select_class("cross")
    panel.import_files(paths["cross"])
    panel.select_class("ring")
    panel.import_files(paths["ring"])
    assert panel.readiness_label.text().startswith("Ready to train")
    assert "Cannot train" not in page.status.text()
    assert "Cannot train" not in window.status.text()


def test_a_model_file_error_goes_after_the_next_change(qtbot, window, tmp_path):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 not really a model")
    assert not window.training.open_model(broken)
    error = window.training.status.text()
    assert "broken.npz" in error and window.status.text() == error
    window.training.dataset_panel.set_source("shapes")  # other data
    assert window.training.status.text() == "" and window.status.text() == ""

    assert not window.training.open_model(broken)
    assert window.status.text() == error
    assert window.opening.open_path(picture_file(tmp_path / "stroke.png"))  # another picture
    assert window.status.text() == ""

    assert not window.training.open_model(broken)
    good = tmp_path / "good.npz"
    build_cnn((1, 28, 28), 3, filters=2, class_names=["a", "b", "c"]).save(good)
    assert window.training.open_model(good)
    assert "good.npz" in window.status.text() and not window.status.is_error


def test_a_classify_error_goes_when_a_picture_is_classified(qtbot, window, tmp_path):
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"\x89PNG but broken")
    assert not window.classify.open_image(garbage)
    assert "garbage.png" in window.status.text() and window.status.is_error
    assert window.classify.open_image(picture_file(tmp_path / "stroke.png"))
    assert window.status.text() == ""


def test_an_explorer_error_stays_while_true_and_goes_when_fixed(qtbot, window):
    window.state.set_settings(pool_size=(64, 64))
    window.state.recompute()
    assert window.status.is_error and window.status.topic == "explore"
    window.state.set_source(np.ones((40, 40), np.float32))
    window.state.recompute()
    assert window.status.is_error, "the pool still does not fit"
    window.state.set_settings(pool_size=(2, 2))
    window.state.recompute()
    assert window.status.text() == ""


def test_loading_filters_replaces_a_picture_error(qtbot, window, tmp_path):
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"nope")
    window.opening.open_path(garbage)
    assert window.commands.save_filters(tmp_path / "f.json")
    assert window.commands.load_filters(tmp_path / "f.json")
    assert window.status.text().startswith("Loaded") and not window.status.is_error

