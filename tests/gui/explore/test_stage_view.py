"""The stage heatmaps and the cell explanation show exactly what the engine computes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from engine import ops
from engine.pipeline import resolve_padding
from gui.common.heatmap import box_downsample
from gui.common.number_format import nice
from gui.explore.explain_panel import ExplainPanel
from gui.explore.stages import StageView
from gui.explore.stages.levels import nice_ceiling
from gui.state import LabState

STAGES = ("conv", "activated", "pooled")


def x_pattern(size: int = 9) -> np.ndarray:
    """The classic binary "X": 1 = ink on 0 = paper, as (H, W) darkness."""
    x = np.zeros((size, size), np.float32)
    for i in range(1, size - 1):
        x[i, i] = x[i, size - 1 - i] = 1
    return x


def picture(size: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((size, size)).astype(np.float32)


@pytest.fixture
def make(qtbot):
    """Build a state with ``darkness`` (H, W) as its image, plus the view and panel."""
    hosts = []  # qtbot holds widgets weakly: keep each host (and its children) alive

    def build(darkness: np.ndarray, size=(900, 650), **settings):
        state = LabState()
        state.set_source(1.0 - darkness)  # the state takes brightness; gray = darkness
        if settings:
            state.set_settings(**settings)
        state.recompute()
        host = QWidget()
        layout = QVBoxLayout(host)
        view = StageView(state)
        panel = ExplainPanel(state)
        layout.addWidget(view, 3)
        layout.addWidget(panel, 1)
        qtbot.addWidget(host)
        host.resize(*size)
        host.show()
        qtbot.waitExposed(host)
        # Let the scene's layout settle so the maps have their on-screen size for clicks.
        qtbot.waitUntil(lambda: view.stages["conv"].view.width() > 100, timeout=2000)
        hosts.append(host)
        return state, view, panel

    return build


def test_stage_images_are_the_exploration_of_the_selected_filter(make):
    state, view, _ = make(picture(28))
    state.select_filter(2)
    e = state.exploration
    images = view.stage_images
    np.testing.assert_array_equal(images["input"].image, e.image[0])
    for key in STAGES:
        np.testing.assert_array_equal(images[key].image, getattr(e, key)[2])
    np.testing.assert_array_equal(images["flattened"].image, e.flattened[None])
    assert images["flattened"].image.shape == (1, e.conv.shape[0] * 13 * 13)
    for i, thumb in enumerate(view.thumbnail_images):
        np.testing.assert_array_equal(thumb.image, e.conv[i])
    assert len(view.thumbnail_images) == len(state.filters)


def test_signed_maps_share_one_symmetric_scale_covering_the_values(make):
    state, view, _ = make(picture(20))
    e = state.exploration
    conv = e.conv[state.selected]
    levels = [tuple(np.asarray(view.stage_images[k].levels)) for k in STAGES]
    assert levels[0] == levels[1] == levels[2]
    lo, hi = levels[0]
    assert lo == -hi and hi >= np.abs(conv).max()
    grid = tuple(np.asarray(view.thumbnail_images[0].levels))
    assert grid[0] == -grid[1] and grid[1] >= np.abs(e.conv).max()


@pytest.mark.parametrize("settings", [
    {},
    {"stride": (2, 1)},
    {"padding": (1, 2)},
    {"padding": "same", "pool_size": (3, 3), "pool_stride": (2, 2)},
    {"dilation": (2, 2), "pool": "avg"},
    {"stride": (3, 3), "pool": "none", "activation": "none"},
])
def test_titles_show_the_sizes_output_size_gives(make, settings):
    state, view, _ = make(picture(23), **settings)
    s = state.settings
    pad = resolve_padding(s.padding, (3, 3), s.dilation)
    conv = [ops.output_size(23, 3, s.stride[i], pad[i], s.dilation[i]) for i in (0, 1)]
    if s.pool == "none":
        pooled = conv
    else:
        step = s.pool_stride or s.pool_size
        pooled = [ops.output_size(conv[i], s.pool_size[i], step[i]) for i in (0, 1)]
    titles = view.stage_titles
    assert titles["input"] == "Input 23\u00d723"
    assert titles["conv"] == f"Convolution {conv[0]}\u00d7{conv[1]}"
    activation = "ReLU" if s.activation == "relu" else "No activation"
    assert titles["activated"] == f"{activation} {conv[0]}\u00d7{conv[1]}"
    assert titles["pooled"].endswith(f"{pooled[0]}\u00d7{pooled[1]}")
    assert titles["pooled"].startswith({"max": "Max-pooled", "avg": "Average-pooled",
                                        "none": "Not pooled"}[s.pool])
    n = len(state.filters) * pooled[0] * pooled[1]
    assert titles["flattened"].startswith(f"Flattened 1\u00d7{n} ")
    assert view.stage_images["pooled"].image.shape == tuple(pooled)


def test_switching_filter_updates_the_stages_and_the_highlight(make, qtbot):
    state, view, _ = make(picture(16))
    e = state.exploration
    state.select_filter(3)
    np.testing.assert_array_equal(view.stage_images["conv"].image, e.conv[3])
    assert state.filters[3].display_name in view.heading.text()
    # Clicking another thumbnail selects that filter.
    qtbot.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.thumbnail_position(1))
    assert state.selected == 1
    np.testing.assert_array_equal(view.stage_images["pooled"].image, e.pooled[1])
    assert [t.bordered for t in view.thumbnails] == [False, True, False, False]


def test_thumbnails_follow_added_removed_and_reordered_filters(make):
    state, view, _ = make(picture(12))
    for _ in range(3):
        state.add_filter()
    state.remove_filter(0)
    state.move_filter(4, 1)
    state.recompute()
    e = state.exploration
    assert len(view.thumbnail_images) == len(state.filters) == 6
    for i, image in enumerate(view.thumbnail_images):
        np.testing.assert_array_equal(image.image, e.conv[i])
    assert [t.bordered for t in view.thumbnails[:6]] == [i == state.selected for i in range(6)]


def test_editing_a_weight_repaints_with_the_engines_result(make, qtbot):
    state, view, _ = make(picture(12))
    state.set_cell(state.selected, 0, 1, 1, 5.0)
    with qtbot.waitSignal(state.explored, timeout=1000):
        pass
    image = state.image
    weight = state.selected_filter.weights[None]
    expected = ops.conv2d(image[None], weight, np.array([state.selected_filter.bias]))[0, 0]
    np.testing.assert_allclose(view.stage_images["conv"].image, expected, rtol=1e-5,
                               atol=1e-5)


def test_clicking_a_conv_cell_selects_it_and_explains_its_sum(make, qtbot):
    state, view, panel = make(picture(15), stride=(2, 2), padding=(1, 1))
    state.set_bias(state.selected, 0.25)
    state.recompute()
    assert panel.showing_hint
    row, col = 3, 5
    qtbot.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.cell_position("conv", row, col))
    assert state.selected_cell == (row, col)
    conv = state.exploration.conv[state.selected, row, col]
    assert not panel.showing_hint
    assert panel.explanation.total == pytest.approx(conv - 0.25, abs=1e-5)
    text = panel.sum_text()
    assert f"= {nice(panel.explanation.total)}, + bias 0.25" in text
    assert "ReLU" in text and text.endswith(nice(max(conv, 0)))
    # Receptive field: top-left at (row·stride − padding), kernel-sized.
    field = view.receptive_field
    assert (field.x(), field.y(), field.width(), field.height()) == (9, 5, 3, 3)


def test_clicking_a_relu_cell_selects_it_too(make):
    state, view, panel = make(x_pattern())
    view.click_cell("activated", 2, 4)
    assert state.selected_cell == (2, 4)
    assert panel.explanation.origin == (2, 4)


def test_keyboard_moves_the_cell_and_changes_filter(make, qtbot):
    state, view, panel = make(x_pattern())
    view.graphics.setFocus()
    qtbot.keyClick(view.graphics, Qt.Key.Key_Right)
    assert state.selected_cell == (0, 0)
    qtbot.keyClick(view.graphics, Qt.Key.Key_Right)
    qtbot.keyClick(view.graphics, Qt.Key.Key_Down)
    assert state.selected_cell == (1, 1)
    assert panel.explanation.origin == (1, 1)
    qtbot.keyClick(view.graphics, Qt.Key.Key_BracketRight)
    assert state.selected == 1
    qtbot.keyClick(view.graphics, Qt.Key.Key_Escape)
    assert state.selected_cell == (-1, -1) and panel.showing_hint
    assert view.receptive_field is None


def test_clicking_a_pooled_cell_outlines_its_pool_window(make):
    state, view, _ = make(picture(20), pool_size=(3, 3), pool_stride=(2, 2))
    assert view.pool_window is None
    view.click_cell("pooled", 1, 2)
    window = view.pool_window
    assert (window.x(), window.y(), window.width(), window.height()) == (4, 2, 3, 3)


def test_hovering_a_cell_reads_its_value(make, qtbot):
    state, view, _ = make(x_pattern())
    qtbot.mouseMove(view.graphics.viewport(), view.cell_position("conv", 3, 2))
    qtbot.waitUntil(lambda: view.hover_label.text().startswith("Convolution"), timeout=1000)
    value = state.exploration.conv[state.selected, 3, 2]
    text = view.hover_label.text()
    assert text.startswith("Convolution [row 4, col 3] = ")  # counted from 1
    assert float(text.split("= ")[1].replace("\u2212", "-")) == pytest.approx(value, abs=0.01)


def test_impossible_settings_show_a_message_then_clear(make):
    state, view, panel = make(x_pattern())
    view.click_cell("conv", 1, 1)
    state.set_settings(dilation=(9, 9))  # a kernel spanning 19 cells of a 9×9 input
    state.recompute()  # must not raise
    assert view.error_message and "no output" in view.error_message
    assert "nothing to compute" in view.message_label.text()
    assert panel.showing_hint
    state.set_settings(dilation=(1, 1))
    state.recompute()
    assert view.error_message is None
    np.testing.assert_array_equal(view.stage_images["conv"].image,
                                  state.exploration.conv[state.selected])


def test_a_pool_that_does_not_fit_leaves_the_other_stages_shown(make):
    state, view, _ = make(x_pattern())
    state.set_settings(pool_size=(8, 8))  # larger than the 7×7 feature maps
    state.recompute()
    assert state.exploration is None
    # Input, convolution and activation are still there, computed as without pooling.
    assert view._stack.currentWidget() is view._stages_page
    unpooled = ops.conv2d(state.image[None], state.weights(), state.biases(), 1, 0)[0]
    np.testing.assert_allclose(view.stage_images["conv"].image, unpooled[state.selected],
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(view.stage_images["input"].image, state.image[0])
    assert view.stage_images["pooled"].image is None
    assert view.stage_images["flattened"].image is None
    # A message says which pool does not fit which maps, in place of the pooled stage.
    assert view.error_message == view.notice_label.text()
    assert "8\u00d78 pool" in view.error_message and "7\u00d77" in view.error_message
    assert view.notice_label.isVisible()
    assert "does not fit" in view.stage_titles["pooled"]
    state.set_settings(pool_size=(2, 2))
    state.recompute()
    assert view.error_message is None and not view.notice_label.isVisible()
    np.testing.assert_array_equal(view.stage_images["pooled"].image,
                                  state.exploration.pooled[state.selected])


def test_numbers_over_small_images_only(make):
    _, small, _ = make(x_pattern(), size=(1300, 800))
    assert all(small.numbers_shown(key) for key in ("input", "conv", "activated", "pooled"))
    _, large, _ = make(picture(128))
    assert not large.numbers_shown("input") and not large.numbers_shown("conv")


def test_numbers_are_written_only_where_a_paint_shows_them(make, monkeypatch):
    """Writing every cell's number for maps too large to show them took most of an
    edit in the soak benchmark: the texts are made on the first paint that shows them."""
    import gui.explore.stages.items as items

    written = []
    real = items.format_numbers
    monkeypatch.setattr(items, "format_numbers",
                        lambda values, decimals: written.append(values.size) or real(values,
                                                                                    decimals))
    _, large, _ = make(picture(40), size=(700, 500))
    large.graphics.viewport().grab()
    assert not large.numbers_shown("conv") and written == []
    _, small, _ = make(x_pattern(), size=(1300, 800))
    small.graphics.viewport().grab()
    assert small.numbers_shown("conv") and 7 * 7 in written


def test_the_layers_maps_show_their_numbers_all_or_none(make):
    """The signed convolution needs wider numbers than ReLU's: in cells too small for
    them, ReLU does not show its numbers either (the 9×9 X at a narrow width)."""
    _, narrow, _ = make(x_pattern(), size=(600, 650))
    shown = {key: narrow.numbers_shown(key) for key in ("conv", "activated", "pooled")}
    assert len(set(shown.values())) == 1, shown


def test_rgb_input_is_shown_in_true_colour(make):
    state, view, panel = make(picture(10))
    rgb = np.random.default_rng(1).random((10, 10, 3)).astype(np.float32)
    state.set_source(rgb)
    state.set_preprocess(color="rgb")
    state.recompute()
    np.testing.assert_allclose(view.stage_images["input"].image, rgb, atol=1e-6)
    view.click_cell("conv", 2, 3)
    total = state.exploration.conv[state.selected, 2, 3] - state.selected_filter.bias
    assert panel.explanation.total == pytest.approx(total, abs=1e-5)
    assert panel.tabs.isVisible() and panel.tabs.count() == 3
    assert "Channel sums: R " in panel.sum_text()


def test_big_kernels_write_only_the_total(make):
    state, view, panel = make(picture(20))
    state.set_kernel_size(7, 7)
    state.recompute()
    view.click_cell("conv", 0, 0)
    assert "products = " in panel.sum_text()
    assert panel.sum_text().count("\u00b7") == 0


def test_export_images_writes_non_empty_pngs(make, tmp_path):
    state, view, _ = make(x_pattern())
    paths = view.export_images(tmp_path / "stages")
    names = [p.name for p in paths]
    assert names[:5] == ["1_input.png", "2_convolution_vertical-line.png",
                         "3_activation_vertical-line.png", "4_pooled_vertical-line.png",
                         "5_flattened.png"]
    assert len(paths) == 5 + len(state.filters)
    for path in paths:
        image = QImage(str(path))
        assert path.stat().st_size > 0 and not image.isNull() and image.width() > 0


@pytest.mark.parametrize("silent", [False, True], ids=["ENOSPC", "dropped-writes"])
def test_export_images_on_a_full_disk_says_so_and_keeps_the_earlier_pictures(
        make, tmp_path, disk_full, monkeypatch, silent):
    state, view, _ = make(x_pattern())
    folder = tmp_path / "stages"
    first = view.export_images(folder)
    earlier = {p.name: p.read_bytes() for p in first}
    state.set_source(np.asarray(x_pattern())[::-1].copy(), "flipped")  # other pictures
    state.recompute()
    sizes = sorted(len(v) for v in earlier.values())
    disk_full(sum(sizes[:2]) - 1, silent)   # room for one or two pictures, not all
    with pytest.raises(OSError, match=rf"Could not write .*; [0-2] of {len(first)} images"):
        view.export_images(folder)
    monkeypatch.undo()
    now = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(now) == set(earlier)        # no temporary or half-written file left
    changed = [name for name in now if now[name] != earlier[name]]
    assert len(changed) < len(first)       # the pictures not written kept their content
    for name in now:
        assert not QImage.fromData(now[name]).isNull()


def test_helpers():
    assert [nice_ceiling(v) for v in (0.9, 1.0, 1.01, 3.3, 47, 0.0021)] == pytest.approx(
        [1.0, 1.0, 1.2, 4.0, 50, 0.0025])
    a = np.arange(42, dtype=np.float32).reshape(6, 7)
    np.testing.assert_allclose(box_downsample(a, 2, 3),  # float32: to a rounding
                               a[:6, :6].reshape(3, 2, 2, 3).mean(axis=(1, 3)), rtol=1e-6)
    strip = np.arange(100, dtype=np.float32)[None]
    np.testing.assert_allclose(box_downsample(strip, 1, 20), strip.reshape(1, 5, 20).mean(-1))


# --- layout at any width ---------------------------------------------------------------

def _layout_problems(view: StageView) -> list[str]:
    """Every way the scene's items leave the viewport or run into a colour bar."""
    viewport = view.graphics.viewport().rect().toRectF().adjusted(-0.5, -0.5, 0.5, 0.5)
    bars = {"colour bar": view.colorbar.sceneBoundingRect(),
            "grid colour bar": view.grid_colorbar.sceneBoundingRect()}
    items = dict(view.stages)
    items.update({f"thumbnail {i}": t for i, t in enumerate(
        view.thumbnails[:len(view.thumbnail_images)])})
    problems = []
    for name, stage in items.items():
        for part, rect in (("plot", stage.plot.sceneBoundingRect()),
                           ("map", stage.view.sceneBoundingRect()),
                           ("title", stage.label.sceneBoundingRect())):
            if not viewport.contains(rect):
                problems.append(f"{name} {part} {rect.getRect()} leaves the view")
            problems += [f"{name} {part} overlaps the {bar}"
                         for bar, bar_rect in bars.items() if rect.intersects(bar_rect)]
    for bar, rect in bars.items():
        if not viewport.contains(rect):
            problems.append(f"the {bar} leaves the view")
    return problems


def _show_alone(qtbot, state: LabState, width: int, height: int = 520) -> StageView:
    view = StageView(state)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    _settle(qtbot, view)
    return view


def _settle(qtbot, view: StageView) -> None:
    """Paint until the scene's nested layouts stop moving (a paint lays them out)."""
    def geometry():
        view.grab()
        qtbot.wait(5)
        return [s.view.sceneBoundingRect().getRect() for s in view.stages.values()]

    previous = None
    for _ in range(10):
        current = geometry()
        if current == previous:
            return
        previous = current


def rgb_photo(size: int = 256) -> np.ndarray:
    yy, xx = np.mgrid[0:size, 0:size] / size
    return np.stack([0.5 + 0.5 * np.sin(20 * xx), 0.5 + 0.5 * np.cos(15 * yy),
                     ((xx * 8).astype(int) + (yy * 8).astype(int)) % 2], -1)


@pytest.mark.parametrize("width", [500, 1200])
@pytest.mark.parametrize("source", ["mnist", "x", "photo"])
def test_every_stage_fits_beside_the_colour_bar_with_equal_maps(qtbot, width, source):
    state = LabState()
    if source == "photo":
        state.set_source(rgb_photo())
        state.set_preprocess(color="rgb")
    else:
        state.set_source(1.0 - (picture(28) if source == "mnist" else x_pattern()))
    state.recompute()
    view = _show_alone(qtbot, state, width)
    assert _layout_problems(view) == []
    plots = {key: stage.plot.sceneBoundingRect() for key, stage in view.stages.items()}
    maps = {key: stage.view.sceneBoundingRect() for key, stage in view.stages.items()}
    # Conv and activation have one shape: they are drawn at one size, as all four
    # stage columns have one width whatever their titles say.
    assert maps["conv"].width() == pytest.approx(maps["activated"].width(), abs=0.5)
    assert maps["conv"].height() == pytest.approx(maps["activated"].height(), abs=0.5)
    widths = [plots[key].width() for key in ("input", "conv", "activated", "pooled")]
    assert max(widths) - min(widths) < 0.5
    # The flattened strip spans the stage columns, from the input to the pooled map.
    assert plots["flattened"].left() == pytest.approx(plots["input"].left(), abs=1)
    assert plots["flattened"].right() == pytest.approx(plots["pooled"].right(), abs=1)
    # Each title is drawn whole (one or two lines), not cut, and within its column.
    for key in ("input", "conv", "activated", "pooled"):
        label = view.stages[key].label
        assert label.shown_text.replace("\n", " ") == view.stage_titles[key]
        assert label.text_fits(label.shown_text)


def test_narrow_view_fits_long_titles_and_many_filters(qtbot):
    state = LabState()
    state.set_source(picture(40))
    state.rename_filter(1, "a rather long name for a filter")
    for _ in range(16):
        state.add_filter()
    state.set_settings(pool="avg", activation="none")
    state.recompute()
    view = _show_alone(qtbot, state, 460)
    assert _layout_problems(view) == []
    assert len(view.thumbnail_images) == 20
    assert view.stage_titles["pooled"] == "Average-pooled 19\u00d719"
    for stage in view.stages.values():
        assert stage.label.text_fits(stage.label.shown_text)


def test_thumbnail_names_shorten_to_fit(qtbot):
    state = LabState()
    state.set_source(picture(28))
    state.rename_filter(1, "a rather long name for a filter")
    state.recompute()
    view = _show_alone(qtbot, state, 500)
    label = view.thumbnails[1].label
    assert label.text == "2. a rather long name for a filter"
    assert label.shown_text.startswith("2. a ") and label.shown_text.endswith("\u2026")
    assert label.text_fits(label.shown_text)
    # Wide enough, the whole name shows.
    view.resize(1600, 900)
    _settle(qtbot, view)
    assert label.shown_text == label.text


# --- what a learner saw go stale or wrong ------------------------------------------------

def test_the_hover_readout_follows_a_new_image_under_a_still_pointer(make, qtbot):
    state, view, _ = make(picture(40), size=(1000, 700))
    qtbot.mouseMove(view.graphics.viewport(), view.cell_position("conv", 30, 33))
    qtbot.waitUntil(lambda: view.hover_label.text().startswith("Convolution [row 31"),
                    timeout=1000)
    state.set_source(1.0 - x_pattern())  # 7×7 maps: there is no row 31 any more
    state.recompute()
    text = view.hover_label.text()
    assert "row 31" not in text
    if text.startswith("Convolution ["):  # the pointer is over a cell of the new map
        row, col = (int(v) - 1 for v in text.split("[row ")[1].split("]")[0].split(", col "))
        value = state.exploration.conv[state.selected, row, col]
        assert float(text.split("= ")[1].replace("\u2212", "-")) == pytest.approx(
            value, abs=0.01)
    # Leaving the view brings the hint back (the offscreen platform sends no Leave of
    # its own for a synthetic move).
    QApplication.sendEvent(view.graphics, QEvent(QEvent.Type.Leave))
    assert "Hover" in view.hover_label.text()


def test_the_heading_follows_a_rename_and_a_preset(make):
    state, view, _ = make(x_pattern())
    state.rename_filter(0, "my diagonal")
    assert "my diagonal" in view.heading.text()
    state.apply_preset(0, "sobel x")
    state.rename_filter(0, "sobel x")  # as the filter panel does for a preset's name
    state.recompute()
    assert "Sobel x" in view.heading.text() and "my diagonal" not in view.heading.text()


def test_the_heading_and_hint_shorten_instead_of_being_cut(qtbot):
    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 340)
    for label in (view.heading, view.hover_label):
        width = label.fontMetrics().horizontalAdvance(
            label.text().replace("<b>", "").replace("</b>", ""))
        assert width <= label.contentsRect().width(), label.text()
    assert "Vertical line" in view.heading.text()


def test_same_padding_draws_its_zeros_around_the_input(make):
    state, view, _ = make(x_pattern(), size=(1300, 800), padding="same")
    e = state.exploration
    assert e.padding == (1, 1)
    # A hatched ring one cell wide around the 9×9 input, zeros written in it.
    ring = view.overlays.padding_item.path().boundingRect()
    assert view.overlays.padding_item.isVisible()
    assert (ring.left(), ring.top(), ring.width(), ring.height()) == (-1, -1, 11, 11)
    assert view.overlays.padding_item.path().contains(QPointF(-0.5, 4.5))
    assert not view.overlays.padding_item.path().contains(QPointF(4.5, 4.5))
    numbers = view.stages["input"].numbers
    assert numbers.pos() == QPointF(-1, -1) and numbers._shape == (11, 11)
    texts = numbers.texts(0)
    assert texts[0] == "0" and texts[10] == "0" and texts[11 * 10] == "0"
    assert view.numbers_shown("input")
    # Painted: the ring's cells show the hatch's grey over the paper.
    grab = view.graphics.viewport().grab().toImage()
    left = view.cell_position("input", 4, 0)
    right = view.cell_position("input", 4, 1)
    step = right.x() - left.x()
    ring_cell = [grab.pixelColor(x, left.y() + dy) for x in range(left.x() - step + 2,
                                                                   left.x() - step // 2)
                 for dy in range(-step // 3, step // 3)]
    assert any(c.red() < 200 for c in ring_cell)
    state.set_settings(padding="valid")
    state.recompute()
    assert not view.overlays.padding_item.isVisible()


def test_without_pooling_the_strip_says_feature_maps(make):
    state, view, _ = make(x_pattern(), pool="none")
    title = view.stages["flattened"].label.text
    assert "feature maps" in title and "pooled" not in title


def test_clicking_a_pooled_cell_writes_its_arithmetic(make):
    state, view, _ = make(x_pattern(), size=(1300, 800))
    view.click_cell("pooled", 1, 2)
    x = view.pool_explanation
    activated = state.exploration.activated[state.selected]
    np.testing.assert_array_equal(x.window, activated[2:4, 4:6])
    assert x.value == state.exploration.pooled[state.selected, 1, 2] == activated[2:4, 4:6].max()
    assert x.winner is not None and activated[x.winner] == x.value
    text = view.hover_label.text()
    assert text.startswith("Max-pooled [row 2, col 3] = ") and "max(" in text  # from 1
    assert view.pool_window.getRect() == (4, 2, 2, 2)
    state.set_settings(pool="avg")
    state.recompute()
    view.click_cell("pooled", 0, 0)
    x = view.pool_explanation
    assert x.value == pytest.approx(float(state.exploration.activated[state.selected,
                                                                       :2, :2].mean()))
    assert view.hover_label.text().startswith("Average-pooled [row 1, col 1] = (")


def test_the_view_takes_the_keys_with_tab_and_shows_a_frame(make, qtbot):
    state, view, panel = make(x_pattern())
    host = view.window()
    host.activateWindow()
    view.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    view.heading.setFocus()
    qtbot.keyClick(view.heading, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.graphics.hasFocus(), timeout=1000)
    framed = view.graphics.grab().toImage().pixelColor(0, view.graphics.height() // 2)
    assert framed.name() == "#0b5394"
    qtbot.keyClick(view.graphics, Qt.Key.Key_Right)
    assert state.selected_cell == (0, 0)
    view.graphics.clearFocus()
    qtbot.waitUntil(lambda: not view.graphics.hasFocus(), timeout=1000)
    unframed = view.graphics.grab().toImage().pixelColor(0, view.graphics.height() // 2)
    assert unframed.name() != "#0b5394"


def test_narrow_views_arrange_the_stages_two_by_two_and_draw_them_larger(qtbot):
    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 360, 520)
    assert view.layout.arrangement == "square"
    square = view.stages["conv"].view.sceneBoundingRect()
    # The four maps one beside the other would each get a quarter of the width.
    assert square.width() > 1.3 * (360 / 4 - 20)
    assert _layout_problems(view) == []
    conv, activated = (view.stages[k].plot.sceneBoundingRect() for k in ("conv", "activated"))
    assert activated.top() > conv.bottom() - 1  # the second row
    view.resize(1400, 520)
    _settle(qtbot, view)
    assert view.layout.arrangement == "row"
    assert _layout_problems(view) == []


def test_thumbnails_grow_back_when_filters_are_removed(qtbot):
    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 700, 600)
    before = view.thumbnails[0].view.sceneBoundingRect().width()
    for _ in range(8):
        state.add_filter()
    state.recompute()
    _settle(qtbot, view)
    assert view.thumbnails[0].view.sceneBoundingRect().width() < 0.8 * before
    while len(state.filters) > 4:
        state.remove_filter(len(state.filters) - 1)
    state.set_settings(pool="avg")  # titles that may take two lines, and back
    state.recompute()
    state.set_settings(pool="max")
    state.recompute()
    _settle(qtbot, view)
    assert view.thumbnails[0].view.sceneBoundingRect().width() == pytest.approx(before, abs=1)


def test_adding_and_removing_filters_keeps_every_map_item_and_adds_only_the_delta(qtbot):
    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 700, 600)
    stages = {key: (stage.plot, stage.image, stage.view) for key, stage in view.stages.items()}
    kept = [(t.plot, t.image) for t in view.thumbnails[:len(state.filters)]]
    ranges = {key: view.stages[key].view.viewRange() for key in ("input", "conv")}
    state.add_filter()
    state.recompute()
    _settle(qtbot, view)
    shown = view.thumbnails[:len(state.filters)]
    assert len(view.thumbnail_images) == len(state.filters) == len(kept) + 1
    assert [(t.plot, t.image) for t in shown[:len(kept)]] == kept  # the same items
    assert all(t.plot.scene() is view.graphics.scene() for t in shown)
    assert {key: (s.plot, s.image, s.view) for key, s in view.stages.items()} == stages
    assert {key: view.stages[key].view.viewRange() for key in ranges} == ranges
    state.remove_filter(len(state.filters) - 1)
    state.recompute()
    _settle(qtbot, view)
    assert [(t.plot, t.image) for t in view.thumbnails[:len(state.filters)]] == kept
    assert len(view.thumbnail_images) == len(state.filters)
    # The item of the removed filter is kept for reuse, out of the scene's grid, and
    # holds on to no older feature maps.
    spare = view.thumbnails[len(kept)]
    in_grid = [view.grid.layout.itemAt(i) for i in range(view.grid.layout.count())]
    assert spare.plot not in in_grid and not spare.plot.isVisible()
    assert spare.image.image is None
    assert len(in_grid) == len(state.filters)


def test_thumbnails_change_columns_in_order_and_each_in_its_own_cell(qtbot):
    # 16 thumbnails take two rows of 8 with names; 17 take two rows of 9 with numbers:
    # every thumbnail moves, most into a cell another one held before.
    state = LabState()
    state.set_source(picture(28))
    for _ in range(12):
        state.add_filter()
    state.recompute()
    view = _show_alone(qtbot, state, 900, 600)
    for count, columns in ((17, 9), (16, 8), (18, 9), (5, 5), (17, 9)):
        while len(state.filters) < count:
            state.add_filter()
        while len(state.filters) > count:
            state.remove_filter(len(state.filters) - 1)
        state.recompute()
        _settle(qtbot, view)
        shown = view.thumbnails[:count]
        assert len(view.thumbnail_images) == count
        assert all(t.plot.isVisible() for t in shown)
        assert not any(t.plot.isVisible() and t.plot.scene() is not None
                       for t in view.thumbnails[count:])
        rects = [t.plot.sceneBoundingRect() for t in shown]
        for i, rect in enumerate(rects):  # rows of `columns`, left to right
            row, col = divmod(i, columns)
            if col:
                assert rect.left() > rects[i - 1].right() - 0.5
                assert rect.top() == pytest.approx(rects[i - 1].top(), abs=0.5)
            if row:
                assert rect.top() > rects[i - columns].bottom() - 0.5
                assert rect.left() == pytest.approx(rects[i - columns].left(), abs=0.5)
        assert _layout_problems(view) == []


def _paints_of(qtbot, changes):
    """Apply each of ``changes(state)`` to a 28×28 picture's stage view and yield, after
    each, (state, view, how many paints of the convolution's map it took)."""
    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 700, 600)
    conv = view.stage_images["conv"]
    for change in changes:
        before = conv.paints
        change(state)
        state.recompute()
        qtbot.waitUntil(lambda before=before: conv.paints > before, timeout=2000)
        qtbot.wait(50)  # a second paint would follow at once
        yield state, view, conv.paints - before


def test_a_new_map_shape_is_painted_once(qtbot):
    changes = [lambda s, stride=stride: s.set_settings(stride=stride)
               for stride in ((2, 2), (1, 1), (3, 3))]
    for state, view, paints in _paints_of(qtbot, changes):
        # pyqtgraph maps a view box's new range at paint time; that used to ask for
        # a second paint of the whole scene.
        assert paints == 1
        assert view.stage_images["conv"].image.shape == state.exploration.conv.shape[1:]


def test_another_number_of_filters_is_painted_once(qtbot):
    changes = [lambda s: s.add_filter(), lambda s: s.add_filter(),
               lambda s: s.remove_filter(len(s.filters) - 1)]
    for state, view, paints in _paints_of(qtbot, changes):
        # The thumbnail grid lays its new items out when its own request comes; that
        # used to come after the scene's paint and ask for a second one.
        assert paints == 1
        assert len(view.thumbnail_images) == len(state.filters)


def test_a_filter_added_and_selected_is_drawn_once_from_its_exploration(make, qtbot):
    state, view, _ = make(picture(28))
    drawn = []
    show_selected = view.scene.maps.show_selected
    view.scene.maps.show_selected = lambda e, *args: (drawn.append(e), show_selected(e, *args))
    for add in (state.add_filter, lambda: state.duplicate_filter(0)):
        drawn.clear()
        index = add()
        state.select_filter(index)
        state.recompute()
        qtbot.wait(20)  # the turns that would draw an owed selection
        e = state.exploration
        # Not first from the exploration on show, which has no maps for the new filter.
        assert drawn == [e]
        np.testing.assert_array_equal(view.stage_images["conv"].image, e.conv[index])
        assert state.filters[index].display_name in view.heading.text()


def test_a_selection_whose_exploration_is_in_the_worker_is_drawn_from_the_maps_on_show(qtbot):
    from gui.common.preprocess import Preprocess

    state = LabState()
    state.set_source(np.random.default_rng(4).random((600, 600, 3), dtype=np.float32))
    with state.batch():
        state.set_preprocess(Preprocess(color="rgb", size=None))
        state.set_kernel_size(11, 11)
    state.recompute()
    qtbot.waitUntil(lambda: not state.busy, timeout=60_000)
    view = _show_alone(qtbot, state, 700, 600)
    shown = state.exploration
    state.select_filter(0)
    with state.batch():  # the filters and the selection change together
        state.remove_filter(len(state.filters) - 1)
        state.select_filter(1)
    state.recompute()
    assert state.busy  # a long exploration: in the worker
    qtbot.waitUntil(lambda: not view._selection_owed, timeout=5000)
    if state.busy:  # meanwhile the selected filter is shown from the maps on show
        np.testing.assert_array_equal(view.stage_images["conv"].image, shown.conv[1])
    qtbot.waitUntil(lambda: not state.busy, timeout=60_000)
    np.testing.assert_array_equal(view.stage_images["conv"].image, state.exploration.conv[1])
    state.shutdown(10_000)


def test_a_selection_whose_quick_exploration_is_in_the_worker_is_drawn_once(qtbot):
    """While training runs, a small exploration goes to the worker; its result, due
    within milliseconds, draws the new selection: not first from the maps on show (a
    whole repaint more, which made the soak's worst stalls)."""
    from gui.common.preprocess import Preprocess

    state = LabState()
    state.set_source(np.random.default_rng(5).random((256, 256, 3), dtype=np.float32))
    state.set_preprocess(Preprocess(color="rgb", size=None))  # as the soak explores
    state.set_training_running(True)
    state.recompute()
    qtbot.waitUntil(lambda: not state.busy and state.exploration is not None, timeout=10_000)
    view = _show_alone(qtbot, state, 700, 600)
    drawn = []
    show_selected = view.scene.maps.show_selected
    view.scene.maps.show_selected = lambda e, *args: (drawn.append(e), show_selected(e, *args))
    for _ in range(3):
        drawn.clear()
        with state.batch():
            index = state.duplicate_filter(0)
            state.select_filter(index)
        state.recompute()
        assert state.busy  # in the worker
        qtbot.waitUntil(lambda: not state.busy, timeout=10_000)
        qtbot.wait(150)  # past the wait for the worker's result
        assert drawn == [state.exploration]
        np.testing.assert_array_equal(view.stage_images["conv"].image,
                                      state.exploration.conv[index])
    state.shutdown(10_000)


def test_titles_are_drawn_again_only_when_their_text_changes(qtbot, monkeypatch):
    from gui.explore.stages.items import TitleItem

    title_paints = []
    original_paint = TitleItem.paint
    monkeypatch.setattr(TitleItem, "paint", lambda self, painter, *args: (
        title_paints.append(self.text), original_paint(self, painter, *args))[-1])
    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 700, 600)
    conv = view.stage_images["conv"]
    assert title_paints, "the titles were never painted"

    def paints_after(change):
        title_paints.clear()
        before = conv.paints
        change()
        state.recompute()
        qtbot.waitUntil(lambda: conv.paints > before, timeout=2000)
        qtbot.wait(50)
        return list(title_paints)

    # A new weight changes every map but no title: the titles come from their cache.
    assert paints_after(lambda: state.set_cell(state.selected, 0, 1, 1, 5.0)) == []
    # A new stride changes the sizes in the titles: those are drawn again.
    redrawn = paints_after(lambda: state.set_settings(stride=(2, 2)))
    assert view.stage_titles["conv"] in redrawn


def test_cached_titles_look_the_same_as_titles_drawn_each_time(qtbot):
    from gui.explore.stages.items import TitleItem

    state = LabState()
    state.set_source(picture(28))
    state.recompute()
    view = _show_alone(qtbot, state, 700, 600)
    titles = [item for item in view.scene.graphics.items() if isinstance(item, TitleItem)]
    assert len(titles) > 5
    def pixels():
        image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        return np.array(image.constBits(), np.uint8).reshape(
            image.height(), image.width(), 4).astype(int)

    cached = pixels()
    for item in titles:
        item.setCacheMode(TitleItem.CacheMode.NoCache)
    # The same text in the same places; blending a cached pixmap may round a few
    # edge pixels of a letter one level differently.
    assert np.abs(pixels() - cached).max() <= 2
