"""The stage view's readout under the maps: what the cell under the pointer holds, the
arithmetic of a clicked pooled cell, or a short hint. Its texts keep the view's
translation context, "StageView" (:mod:`.texts`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from gui.common.widgets import FittedLabel
from gui.explore.stages import texts


class StageHover(QObject):
    """Keeps ``label`` describing the cell under the pointer in ``scene``'s data.

    The pointer's place is remembered, so the readout follows new data under a still
    pointer (a new picture, another filter) and never shows values of an older map.
    """

    def __init__(self, scene, state, label: FittedLabel) -> None:
        super().__init__(label)
        self._scene = scene
        self._state = state
        self.label = label
        #: Where the pointer last was over the scene (scene coordinates), or None.
        self._pos = None
        scene.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        scene.graphics.installEventFilter(self)
        self.label.set_texts(*texts.hover_hints())

    def retranslate(self) -> None:
        # FittedLabel keeps its own tooltip for texts that fit; it is re-fitted below.
        self.label._tooltip = QCoreApplication.translate(
            "StageView", "The cell under the mouse pointer")
        self.label.setToolTip(self.label._tooltip)
        self.update()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Leave:
            self._pos = None
            self.update()
        return False

    def _on_mouse_moved(self, scene_pos) -> None:
        self._pos = scene_pos
        self.update()

    def update(self) -> None:
        """Describe the cell under the pointer in the data on show now, or the clicked
        pooled cell's sum, or show the hint."""
        scene = self._scene
        hit = None if self._pos is None else scene.hit(self._pos)
        settings = self._state.settings
        if hit is not None:
            key, row, col, index = hit
            shown = texts.describe_cell(scene.exploration, key, row, col, index,
                                        scene.selected_index(), settings.activation,
                                        self._state.preprocess.invert, scene.names())
        elif scene.pool_explanation() is not None:  # the clicked pooled cell's sum stays
            shown = texts.pool_arithmetic(scene.exploration, scene.selected_index(),
                                          *scene.pool_cell, settings.activation)
        else:
            shown = texts.hover_hints()
        self.label.set_texts(*shown)
