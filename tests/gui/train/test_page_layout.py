"""The Train and Classify pages at the window sizes a learner has: nothing cut off,
nothing moving under the mouse, and a summary and results that describe the right run."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from engine import datasets
from engine.model import build_cnn
from gui.common.image_io import rgb_to_qimage
from gui.main_window import MainWindow

SMALL = datasets.load("shapes", n_train=240, n_test=60, seed=1)


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"),
                                           QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(window)
    window.training.dataset_panel.autosave_folder = None
    yield window
    window.training.shutdown()


def show(qtbot, window, page, width, height):
    window.resize(width, height)
    window.show()
    window.show_page(page)
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the layouts settle in the next turns of the event loop


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def picture_file(path, ink_column=10):
    picture = np.ones((40, 40), np.float32)
    picture[5:35, ink_column:ink_column + 4] = 0
    assert rgb_to_qimage(picture).save(str(path))
    return str(path)


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_the_results_column_fits_the_window(qtbot, window, size):
    show(qtbot, window, "train", *size)
    page = window.training
    area = page.rect()
    table = page.layer_table                       # the layers show first
    for widget in (table.table, table.totals, table.memory, table.time, table.problem):
        assert area.contains(rect_in(widget, page)), (widget, rect_in(widget, page))
    rows = table.table
    last = rows.visualItemRect(rows.item(rows.rowCount() - 1, 3))
    assert rows.viewport().rect().contains(last), "every layer shows without scrolling"
    page.show_results()
    qtbot.wait(20)
    curves = page.curves
    for plot, title in zip((curves.loss_plot, curves.accuracy_plot), curves.titles,
                           strict=True):
        assert area.contains(rect_in(plot, page)), rect_in(plot, page)
        # pyqtgraph lays its items out inside the widget: they must fit it too.
        assert plot.getPlotItem().minimumWidth() <= plot.width()
        assert area.contains(rect_in(title, page))
    for widget in (curves.legend, page.filters_view, page.confusion.plot,
                   page.confusion.title, page.confusion.thumbnails, page.accuracy_label):
        assert area.contains(rect_in(widget, page)), (widget, rect_in(widget, page))


def test_starting_and_ending_a_run_keeps_the_middle_column_still(qtbot, window):
    show(qtbot, window, "train", 1024, 600)
    page = window.training
    bar = page.controls_scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the column must scroll at this height for the test to mean much"
    bar.setValue(bar.maximum() // 2)
    window.activateWindow()
    box = page.editor.filters
    box.setFocus()  # a focused box that training disables hands its focus on
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box, timeout=1000)
    before = rect_in(page.train_button, window)
    assert page.start_training(SMALL), page.status.text()
    assert bar.value() == bar.maximum() // 2 or bar.value() == bar.maximum()
    assert rect_in(page.train_button, window).topLeft() == before.topLeft()
    assert QApplication.focusWidget() is page.stop_button
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass
    assert rect_in(page.train_button, window).topLeft() == before.topLeft()
    assert QApplication.focusWidget() is page.train_button


def test_add_to_class_stays_put_while_the_hint_changes(qtbot, window, tmp_path):
    show(qtbot, window, "train", 1024, 700)
    panel = window.training.dataset_panel
    panel.set_source("mine")
    qtbot.wait(20)
    hints, places = [], []
    for name in ("cross", "ring"):
        assert panel.add_class(name)
    for i in range(3):
        for name in ("cross", "ring"):
            panel.select_class(name)
            panel.import_files([picture_file(tmp_path / f"{name}{i}.png", 4 + 8 * i)])
            qtbot.wait(10)
            hints.append(panel.readiness_label.text())
            places.append(rect_in(panel.add_drawing_button, window).topLeft())
    assert len(set(hints)) >= 2, "the hint must change for the test to mean anything"
    assert hints[-1].startswith("Ready to train")
    assert len(set(places)) == 1, places


def test_the_architecture_editor_and_its_refusals_move_no_button(qtbot, window):
    show(qtbot, window, "train", 1280, 800)
    page = window.training
    editor = page.editor
    before = (rect_in(page.copy_button, window), rect_in(page.train_button, window))
    editor.kernel.rows.setValue(11)
    editor.stride.rows.setValue(8)   # 3×3 after the convolution: the pool leaves 1×1
    editor.select_block(1)           # and block 2's 5×5 kernel no longer fits
    assert "Block 2:" in page.layer_table.problem.text()
    assert not page.train_button.isEnabled()
    qtbot.wait(10)
    assert (rect_in(page.copy_button, window), rect_in(page.train_button, window)) == before
    editor.remove_button.click()     # one block: it fits again
    assert page.train_button.isEnabled()
    window.state.set_model(build_cnn((1, 28, 28), 10, filters=2))
    assert "10 class scores" in page.model_summary.text()
    assert editor.block_list.count() == 1 and editor.filters.value() == 2
    qtbot.wait(10)
    assert (rect_in(page.copy_button, window), rect_in(page.train_button, window)) == before


def test_the_classify_buttons_stay_put_whatever_the_input(qtbot, window, tmp_path):
    window.state.set_model(build_cnn((1, 28, 28), 10, filters=2))
    show(qtbot, window, "classify", 1024, 700)
    page = window.classify
    places = {rect_in(page.input_box.send_button, window).topLeft()}
    assert page.open_image(picture_file(tmp_path / "a-picture-with-a-long-name.png"))
    qtbot.wait(10)
    places.add(rect_in(page.input_box.send_button, window).topLeft())
    page.classify_sample(0)
    qtbot.wait(10)
    places.add(rect_in(page.input_box.send_button, window).topLeft())
    assert len(places) == 1, places


# --- what the summary and the results describe -----------------------------------------------

def test_the_layer_table_counts_the_classes_of_the_data(qtbot, window, tmp_path):
    page = window.training
    table = page.layer_table

    def output():
        return table.table.item(table.table.rowCount() - 1, 1).text()

    assert output() == "10"  # MNIST
    panel = page.dataset_panel
    panel.set_source("mine")
    for name in ("cross", "ring", "bar"):
        assert panel.add_class(name)
    # Not ready to train (no examples) but the network's outputs are known: 3.
    assert output() == "3"
    model_file = tmp_path / "ten.npz"
    opened = build_cnn((1, 28, 28), 10, filters=2)
    opened.save(model_file)
    parameters = sum(v.size for layer in opened.layers for v in layer.params.values())
    assert page.open_model(model_file)
    assert output() == "3"            # the opened model's blocks, for the data's classes
    assert page.editor.filters.value() == 2
    assert "Current model: 28×28 image → 10 class scores" in page.model_summary.text()
    assert f"{parameters:,} parameters" in page.model_summary.text()  # weights and biases
    panel.set_source("shapes")
    assert output() == "6"
    panel.set_source("folder")  # nothing read yet: the count is not known
    assert "until the data is read" in table.totals.text()


def test_a_new_run_on_other_data_clears_the_old_confusion_matrix(qtbot, window):
    page = window.training
    page.epochs.setValue(1)
    assert page.start_training(SMALL)
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass
    assert page.confusion.confusion.shape == (6, 6)
    # The same data again: the old matrix stays, headed as the previous run's.
    assert page.start_training(SMALL)
    assert page.confusion.confusion.shape == (6, 6)
    assert page.accuracy_label.text().startswith("Previous run's test accuracy")
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass
    assert page.accuracy_label.text().startswith("Test accuracy")
    other = datasets.load("shapes", n_train=120, n_test=30, seed=7)  # other test images
    assert page.start_training(other)
    assert page.confusion.confusion.shape == (0, 0)
    assert "—" in page.accuracy_label.text()
    with qtbot.waitSignal(page.worker.finished, timeout=30_000):
        pass


@pytest.mark.parametrize("source", ["mnist", "shapes", "folder", "mine"])
def test_every_data_source_fits_a_1024_by_700_window(qtbot, window, source):
    show(qtbot, window, "train", 1024, 700)
    panel = window.training.dataset_panel
    panel.set_source(source)
    if source == "mine":
        assert panel.add_class("cross")
    qtbot.wait(30)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint
    assert window.size().toTuple() == (1024, 700)
    # The panel is as wide as it needs (a short window scrolls it up and down only).
    column = window.training.splitter.widget(0)
    assert column.viewport().width() >= panel.minimumSizeHint().width()
    assert rect_in(panel.add_drawing_button, window).right() < rect_in(column, window).right() \
        or source != "mine"
