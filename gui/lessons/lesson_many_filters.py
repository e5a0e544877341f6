"""Lesson 4, many filters stacked: several detectors on one picture, a feature map each;
and in a two-block network, one second-layer map as the sum of every first-layer map,
each convolved with its own kernel.

The network is the trained model when it has two convolution blocks; otherwise a
two-block network with freshly initialised weights (said so on screen). Its numbers come
from the engine: :func:`engine.units.forward_all` for the maps, :func:`engine.ops.conv2d`
for each first-layer map's share.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from engine import ops, units
from engine.layers import Conv2D
from engine.model import build_cnn
from gui.common import samples
from gui.common.number_format import nice, shown_index
from gui.common.preprocess import Preprocess
from gui.lessons.base import Lesson
from gui.lessons.grid_view import GridView
from gui.state import default_filters

PICTURE = "mnist:7"
#: The second-layer map the lesson opens up (0-based).
SECOND_MAP = 0
#: Filters of the stand-in network's two blocks when no trained one has two.
STAND_IN_FILTERS = (4, 4)


def second_block(model):
    """``(index of the second Conv2D layer, that layer)`` of ``model``, or None."""
    convs = [(i, layer) for i, layer in enumerate(model.layers) if isinstance(layer, Conv2D)]
    return convs[1] if len(convs) >= 2 else None


class ManyFiltersLesson(Lesson):
    """Four detectors and their maps, then one second-layer map taken apart.

    Attributes
    ----------
    kernel_views, map_views : list of GridView
        The explorer's filters and their feature maps.
    input_views, share_views : list of GridView
        The second convolution's input maps (the first block's output) and each one's
        share of the second-layer map.
    sum_view : GridView
        The second-layer map as the engine's forward pass gives it.
    check_label, network_label : QLabel
    network_button : QPushButton
        Opens the Every layer page.
    """

    key = "many_filters"

    def build(self) -> None:
        self.kernel_views = [GridView(largest_cell=16) for _ in range(4)]
        self.map_views = [GridView(largest_cell=4) for _ in range(4)]
        for view in self.kernel_views + self.map_views:
            view.setMinimumSize(46, 46)
        for view in self.map_views:
            view.show_numbers = False
        for view in self.kernel_views:
            view.show_numbers = False
        self.input_views, self.share_views = [], []
        self.first_label, self.second_label = QLabel(), QLabel()
        self.first_label.setWordWrap(True)
        self.second_label.setWordWrap(True)
        self.network_label, self.check_label = QLabel(), QLabel()
        self.network_label.setWordWrap(True)
        self.check_label.setWordWrap(True)
        self.check_label.setTextFormat(Qt.TextFormat.RichText)
        self.network_button = QPushButton()
        self.network_button.clicked.connect(lambda: self.main_window.show_page("network"))

        first = QGridLayout()
        for i, (kernel, fmap) in enumerate(zip(self.kernel_views, self.map_views,
                                               strict=True)):
            first.addWidget(kernel, 0, 2 * i)
            first.addWidget(fmap, 0, 2 * i + 1)
        self.second = QGridLayout()
        self.sum_view = GridView(largest_cell=4)
        self.sum_view.show_numbers = False
        self.sum_view.setMinimumSize(46, 46)
        self.equals = QLabel("=")
        self.equals.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sum_title = QLabel()
        self.sum_title.setWordWrap(True)
        self.input_title, self.share_title = QLabel(), QLabel()
        top = QHBoxLayout()
        top.addWidget(self.network_label, 1)
        top.addWidget(self.network_button)

        demo = QWidget()
        layout = QVBoxLayout(demo)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.first_label)
        layout.addLayout(first, 1)
        layout.addWidget(self.second_label)
        layout.addLayout(top)
        layout.addLayout(self.second, 2)
        layout.addWidget(self.check_label)
        self.set_demo(demo)
        self.set_question()
        self.state.explored.connect(self.when_shown(self._refresh_first))
        self.state.model_changed.connect(self.when_shown(self.refresh))

    def title(self) -> str:
        return self.tr("Many filters, stacked")

    def intro(self) -> str:
        return self.tr(
            "<p>A real network applies many feature detectors to the same picture, each "
            "giving its own feature map, and stacks the maps; the study note says this "
            "extracts features more precisely. The next convolution then reads "
            "<b>every</b> map of the stack at once: it has one small kernel per map, and "
            "adds up what they give.</p>")

    def show_me(self) -> None:
        with self.state.placing_filters():
            self.state.set_source(samples.load_sample(PICTURE), samples.label(PICTURE))
            self.state.set_preprocess(Preprocess(color="gray", size=None))
            self.state.set_filters(default_filters(1))
            self.state.set_settings(stride=(1, 1), padding="valid", dilation=(1, 1),
                                    activation="relu", pool="max", pool_size=(2, 2),
                                    pool_stride=None)
        self.state.recompute()
        self.refresh()

    # --- the network ---------------------------------------------------------------
    def network(self):
        """``(model, trained)``: the trained model if it has two convolution blocks and
        takes this picture, else the stand-in (untrained) network."""
        model = self.state.model
        image = self.network_image()
        if (model is not None and second_block(model) is not None
                and tuple(model.input_shape) == image.shape):
            return model, True
        if not hasattr(self, "_stand_in"):
            self._stand_in = build_cnn((1, 28, 28), 10, STAND_IN_FILTERS, 3, seed=0)
        return self._stand_in, False

    def network_image(self) -> np.ndarray:
        """The picture as the network takes it: (1, 28, 28) ink values."""
        image = np.asarray(self.state.image, dtype=np.float32)
        if image.shape != (1, 28, 28):
            image = np.asarray(samples.load_sample(PICTURE), np.float32)
            image = (1.0 - image @ np.array([0.299, 0.587, 0.114], np.float32))[None]
        return image

    def taken_apart(self):
        """``(inputs (C, H, W), shares (C, Ho, Wo), bias, engine's map (Ho, Wo))`` of
        second-layer map :data:`SECOND_MAP`."""
        model, _ = self.network()
        index, conv = second_block(model)
        activations = units.forward_all(model, self.network_image())
        inputs = activations.at(index - 1)
        weight = conv.params["weight"][SECOND_MAP]
        shares = np.stack([
            ops.conv2d(inputs[None, c:c + 1], weight[None, c:c + 1], None, conv.stride,
                       conv.padding, conv.dilation)[0, 0] for c in range(inputs.shape[0])])
        bias = float(conv.params["bias"][SECOND_MAP])
        return inputs, shares, bias, activations.at(index)[SECOND_MAP]

    # --- drawing -------------------------------------------------------------------
    def refresh(self) -> None:
        self._refresh_first()
        self._refresh_second()
        self._ask()

    def _refresh_first(self) -> None:
        e = self.state.exploration
        if e is None:
            return
        for f, (kernel, fmap) in enumerate(zip(self.kernel_views, self.map_views,
                                               strict=True)):
            shown = f < e.conv.shape[0]
            kernel.setVisible(shown)
            fmap.setVisible(shown)
            if shown:
                kernel.set_values(e.weights[f, 0], kind="signed")
                fmap.set_values(e.activated_map(f), kind="signed")

    def _refresh_second(self) -> None:
        inputs, shares, bias, engine_map = self.taken_apart()
        count = inputs.shape[0]
        while len(self.input_views) < count:
            i = len(self.input_views)
            a, b = GridView(largest_cell=4), GridView(largest_cell=4)
            for view in (a, b):
                view.show_numbers = False
                view.setMinimumSize(40, 40)
            self.second.addWidget(a, 0, i + 1)
            self.second.addWidget(b, 1, i + 1)
            self.input_views.append(a)
            self.share_views.append(b)
        self.second.addWidget(self.input_title, 0, 0)
        self.second.addWidget(self.share_title, 1, 0)
        self.second.addWidget(self.equals, 1, count + 1)
        self.second.addWidget(self.sum_view, 1, count + 2)
        self.second.addWidget(self.sum_title, 0, count + 2)
        for i, (a, b) in enumerate(zip(self.input_views, self.share_views, strict=True)):
            a.setVisible(i < count)
            b.setVisible(i < count)
            if i < count:
                a.set_values(inputs[i], kind="signed")
                b.set_values(shares[i], kind="signed")
        self.sum_view.set_values(engine_map, kind="signed")
        total = shares.sum(axis=0) + bias
        difference = float(np.abs(total - engine_map).max())
        _, trained = self.network()
        self.network_label.setText(
            self.tr("The trained network's second block, for this picture.") if trained
            else self.tr("No trained network with two blocks yet, so this one has random "
                         "(untrained) weights; train one on the Train page to see learned "
                         "ones."))
        self.check_label.setText(self.tr(
            "Second-layer map %1 = the %2 shares added up + bias %3. Its largest difference "
            "from the network's own forward pass: %4.").replace(
            "%1", str(shown_index(SECOND_MAP))).replace("%2", str(count)).replace(
            "%3", nice(bias)).replace("%4", f"{difference:.1e}"))
        self.sum_title.setText(self.tr("Second-layer map %1").replace(
            "%1", str(shown_index(SECOND_MAP))))

    def _ask(self) -> None:
        model, _ = self.network()
        _, conv = second_block(model)
        kh, kw = conv.kernel_size
        count = conv.in_channels
        prompt = self.tr(
            "The first block gives %1 maps. How many numbers (weights) does the second "
            "convolution use for one of its maps, with %2×%3 kernels, not counting the "
            "bias?").replace("%1", str(count)).replace("%2", str(kh)).replace("%3", str(kw))
        worked = self.tr(
            "One %1×%2 kernel for each of the %3 maps it reads: %3 × %1 × %2 = %4 "
            "weights.").replace("%1", str(kh)).replace("%2", str(kw)).replace(
            "%3", str(count)).replace("%4", str(int(conv.params["weight"][SECOND_MAP].size)))
        self.question.ask_number(prompt, conv.params["weight"][SECOND_MAP].size, worked)

    def retranslate(self) -> None:
        super().retranslate()
        self.first_label.setText(self.tr(
            "Four detectors (their weights, then their feature maps after ReLU), all on the "
            "same picture:"))
        self.second_label.setText(self.tr(
            "Two blocks: each map of the first block is convolved with its own kernel, and "
            "the results are added up into one map of the second block."))
        self.input_title.setText(self.tr("First-block maps"))
        self.share_title.setText(self.tr("Each convolved with its own kernel"))
        self.network_button.setText(self.tr("See every layer…"))
        self.network_button.setToolTip(self.tr(
            "Open the Every layer page: click a unit there to see its arithmetic"))
        self.refresh()
