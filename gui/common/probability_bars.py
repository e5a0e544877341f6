"""A bar chart of a classifier's softmax probabilities, one bar per class.

The chart is horizontal: class names read down the left side, each bar's length is its
probability on a fixed 0–100 % axis, and the most probable class is drawn in a stronger
colour. A caption above names the winner and how sure the network is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from gui.common.plotting import paint_background_directly

#: The winning class stands out; the others stay quiet so the eye goes to the winner.
TOP_COLOR = QColor(33, 102, 172)
OTHER_COLOR = QColor(176, 196, 222)
LABEL_COLOR = QColor(60, 60, 60)
#: A bar longer than this carries its value inside, in white, so the label never leaves
#: the fixed 0–1 axis.
INSIDE_LABEL_FROM = 0.82
BAR_HEIGHT = 0.72


def percent_text(p: float) -> str:
    """``0.873 -> "87%"``; values near 0 or 1 read "<1%" and ">99%", never "0%" or "100%".

    A softmax is never certain: every class keeps some probability. Float32 rounds a
    probability within about 6e-8 of 1 to exactly 1.0, so 1.0 (and 0.0) on screen would be
    a rounding artefact, not a fact about the network.
    """
    return percent_texts([p])[0]


def percent_texts(probabilities) -> list[str]:
    """Every class's :func:`percent_text`, in whole percents that add up to their total
    (100 for a softmax): rounded one by one, 33.5 %, 33.5 % and 33 % read 34 %, 34 % and
    33 %, which a learner adds up to 101. Largest-remainder rounding: each class gets the
    whole percents below its value (at least 1), and the points still missing go to the
    largest remainders (points too many come off the smallest); "<1%" and ">99%" stay."""
    p = np.asarray(probabilities, dtype=np.float64).ravel()
    scaled = p * 100
    numeric = np.flatnonzero((p >= 0.005) & (p < 0.995))
    whole = np.clip(np.floor(scaled), 1, 99).astype(int)
    left = round(float(scaled[numeric].sum())) - int(whole[numeric].sum())
    by_remainder = numeric[np.argsort(whole[numeric] - scaled[numeric], kind="stable")]
    for i in (by_remainder if left > 0 else by_remainder[::-1]):
        if left == 0:
            break
        step = 1 if left > 0 else -1
        if 1 <= whole[i] + step <= 99:
            whole[i] += step
            left -= step
    texts = [">99%" if value >= 0.995 else "<1%" for value in p]
    for i in numeric:
        texts[i] = f"{whole[i]}%"
    return texts


class ProbabilityBars(QWidget):
    """Horizontal bars of K class probabilities with a caption naming the top class.

    Parameters
    ----------
    compact : bool
        A smaller caption font, for the explorer's side panel.

    Notes
    -----
    The bar item is created once; each update changes its lengths and colours in place
    (``BarGraphItem.setOpts``). The value labels are rebuilt only when the number of
    classes changes.
    """

    def __init__(self, parent: QWidget | None = None, compact: bool = False) -> None:
        super().__init__(parent)
        self._probabilities: np.ndarray | None = None
        self._class_names: tuple[str, ...] = ()
        # What the cleared state says: a text, or a way to word it in the current language.
        self._empty_text: str | Callable[[], str] = self._no_model_text

        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.caption.font())
        font.setPointSizeF(font.pointSizeF() * (1.15 if compact else 1.6))
        font.setBold(True)
        self.caption.setFont(font)
        self.caption.setWordWrap(True)

        self.plot = pg.PlotWidget()
        paint_background_directly(self.plot)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.invertY(True)  # class 0 at the top, like a list
        self.plot.setXRange(0.0, 1.0, padding=0.02)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.setMinimumHeight(120)
        self._bottom = self.plot.getAxis("bottom")
        # 0 % and 100 % are the chart's edges; labels there would be clipped.
        self._bottom.setTicks([[(0.25, "25%"), (0.5, "50%"), (0.75, "75%"), (1.0, "")]])
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        if compact:
            # Every bar carries its value; in a small panel the scale is not worth its room.
            self.plot.hideAxis("bottom")
        self._left = self.plot.getAxis("left")
        self._left.setStyle(tickLength=0)
        self._bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT,
                                     pen=pg.mkPen(None), brushes=[])
        self.plot.addItem(self._bars)
        self._labels: list[pg.TextItem] = []

        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(
            "QLabel { color: #555; background: white; border: 1px solid #ccc; padding: 12px; }")

        self._stack = QStackedWidget()
        self._stack.addWidget(self.plot)
        self._stack.addWidget(self.placeholder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self._stack, 1)
        self.set_probabilities(None)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language; the caption and the cleared state's
        message are worded again from the values shown."""
        self.caption.setToolTip(self.tr("The class the network finds most likely, and the "
                                        "probability it gives it"))
        self.plot.setToolTip(self.tr("Softmax probabilities: how likely the network finds "
                                     "each class. They add up to 100%."))
        self._show_caption()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _no_model_text(self) -> str:
        return self.tr("No trained model yet — train one on the Train page")

    def _empty_message(self) -> str:
        text = self._empty_text
        return text() if callable(text) else text

    def _show_caption(self) -> None:
        if self._probabilities is None:
            self.caption.setText(self.tr("Prediction: —"))
            self.placeholder.setText(self._empty_message())
            return
        top = int(np.argmax(self._probabilities))
        self.caption.setText(self.tr("Prediction: {0} ({1} sure)").format(
            self._class_names[top], percent_texts(self._probabilities)[top]))

    # --- public ------------------------------------------------------------------------
    @property
    def probabilities(self) -> np.ndarray | None:
        """The probabilities shown (K,), or None in the cleared state."""
        return None if self._probabilities is None else self._probabilities.copy()

    @property
    def class_names(self) -> tuple[str, ...]:
        return self._class_names

    @property
    def top_index(self) -> int | None:
        return None if self._probabilities is None else int(np.argmax(self._probabilities))

    def is_cleared(self) -> bool:
        return self._probabilities is None

    def placeholder_text(self) -> str:
        return self.placeholder.text()

    def set_empty_text(self, text: str | Callable[[], str]) -> None:
        """What the cleared state says (default: no trained model yet): a text, or a
        function that words it in the current language (called again on a language
        change)."""
        self._empty_text = text
        if self._probabilities is None:
            self.placeholder.setText(self._empty_message())

    def set_probabilities(self, probabilities: np.ndarray | None,
                          class_names: Sequence[str] | None = None,
                          empty_text: str | Callable[[], str] | None = None) -> None:
        """Show ``probabilities`` (K,) — or the cleared state when None.

        ``class_names`` defaults to ``"0" … "K-1"``; ``empty_text`` replaces the cleared
        state's message for this call and later ones (a text, or a function that words
        it, see `set_empty_text`).
        """
        if empty_text is not None:
            self._empty_text = empty_text
        if probabilities is None:
            self._probabilities = None
            self._show_caption()
            self._stack.setCurrentWidget(self.placeholder)
            return
        p = np.asarray(probabilities, dtype=np.float64).ravel()
        if p.size == 0 or not np.all(np.isfinite(p)):
            raise ValueError(f"probabilities must be finite numbers, got {probabilities!r}")
        names = tuple(str(n) for n in class_names) if class_names is not None else \
            tuple(str(i) for i in range(p.size))
        if len(names) != p.size:
            raise ValueError(f"{p.size} probabilities but {len(names)} class names")
        if names != self._class_names:
            self._set_classes(names)
        self._probabilities = p
        top = int(np.argmax(p))
        brushes = [pg.mkBrush(TOP_COLOR if i == top else OTHER_COLOR) for i in range(p.size)]
        self._bars.setOpts(x0=np.zeros(p.size), y=np.arange(p.size), width=np.clip(p, 0, 1),
                           height=BAR_HEIGHT, brushes=brushes)
        texts = percent_texts(p)
        for i, (label, value) in enumerate(zip(self._labels, p, strict=True)):
            label.setText(texts[i])
            inside = value >= INSIDE_LABEL_FROM
            label.setColor(QColor("white") if inside else
                           (TOP_COLOR if i == top else LABEL_COLOR))
            label.setAnchor((1.0, 0.5) if inside else (0.0, 0.5))
            label.setPos(value - 0.01 if inside else value + 0.01, i)
        self._show_caption()
        self._stack.setCurrentWidget(self.plot)

    # --- internals -----------------------------------------------------------------------
    def _set_classes(self, names: tuple[str, ...]) -> None:
        self._class_names = names
        self._left.setTicks([[(i, name) for i, name in enumerate(names)]])
        # Wide enough for the longest name: the axis does not grow by itself once shown.
        metrics = QFontMetrics(self._left.font() if hasattr(self._left, "font") else
                               self.font())
        self._left.setWidth(max(metrics.horizontalAdvance(n) for n in names) + 12)
        self.plot.setYRange(-0.5, len(names) - 0.5, padding=0.02)
        if len(self._labels) != len(names):
            for label in self._labels:
                self.plot.removeItem(label)
            self._labels = []
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 0.9)
            for _ in names:
                label = pg.TextItem("", anchor=(0.0, 0.5))
                label.setFont(font)
                self.plot.addItem(label)
                self._labels.append(label)
