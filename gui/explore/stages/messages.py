"""What the stage view says when the settings leave something uncomputable: a message in
place of every stage (nothing can be computed), or a notice above the stages when only
the pool does not fit (the input, convolution and activation still show). Its texts
keep the view's translation context, "StageView"."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.pipeline import Exploration, explore


def _sentence(message: str) -> str:
    message = message.strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


class StageMessages:
    """The message page (shown instead of the stages) and the notice above them.

    ``message`` is the page's label and ``notice`` the label over the stages; ``error``
    the text on show in either, or None.
    """

    def __init__(self, scene, state) -> None:
        self._scene = scene
        self._state = state
        #: What either label says now, and why the pooled stage is empty (or None).
        self.error: str | None = None
        self.pool_failure: str | None = None

        self.message = QLabel()
        self.message.setObjectName("stageMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setStyleSheet(
            "QLabel#stageMessage { border: 3px solid #c0392b; border-radius: 8px;"
            " background: #fdecea; color: #7b1d12; padding: 18px; font-size: 15px; }")
        self.page = QWidget()
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addStretch(2)

        # Why a stage is missing (a pool that does not fit), above the stages there are.
        self.notice = QLabel()
        self.notice.setObjectName("stageNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "QLabel#stageNotice { border: 2px solid #c0392b; border-radius: 6px;"
            " background: #fdecea; color: #7b1d12; padding: 4px 8px; }")
        self.notice.hide()

    def retranslate(self) -> None:
        self.message.setToolTip(QCoreApplication.translate(
            "StageView", "Why no stages can be computed"))

    def clear(self) -> None:
        """Every stage is computed again."""
        self.pool_failure = None
        self.error = None
        if self.notice.isVisible():
            self.notice.hide()

    def unpooled_exploration(self) -> Exploration | None:
        """The stages up to the activation with the state's settings but no pooling, or
        None when the convolution itself leaves no output (or pooling is off already)."""
        state, s = self._state, self._state.settings
        if s.pool == "none":
            return None
        try:
            return explore(state.image, state.weights(), s.stride, s.padding, s.activation,
                           "none", s.pool_size, s.pool_stride, state.biases(), s.dilation)
        except ValueError:
            return None

    def show_error(self, message: str) -> None:
        """Say why nothing can be computed (the caller shows the message page)."""
        self.error = message
        self.message.setText(QCoreApplication.translate(
            "StageView",
            "<p style='font-size:17px'><b>These settings leave nothing to compute</b></p>"
            "<p>{message}</p><p>Try a smaller kernel, stride or pool, more padding, or a "
            "larger image.</p>").format(message=html.escape(_sentence(message))))

    def show_pool_failure(self, partial: Exploration) -> None:
        """Say why nothing is pooled, and blank the pooled stage and the strip (the
        caller has drawn ``partial``, the stages without pooling)."""
        s = self._state.settings
        (kh, kw), (h, w) = s.pool_size, partial.conv.shape[1:]
        self.pool_failure = QCoreApplication.translate(
            "StageView",
            "The {kh}\u00d7{kw} pool does not fit the {h}\u00d7{w} feature maps, so "
            "nothing is pooled or flattened. Choose a smaller pool, a smaller stride or "
            "more padding, or turn pooling off.").format(kh=kh, kw=kw, h=h, w=w)
        self.error = self.pool_failure
        self.notice.setText(self.pool_failure)
        self.notice.show()
        self._scene.blank_pooling(
            (QCoreApplication.translate("StageView", "Pooled"),
             QCoreApplication.translate("StageView", "does not fit")),
            QCoreApplication.translate("StageView", "Flattened: nothing to flatten"))
