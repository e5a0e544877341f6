"""The feature-detector editor: the list of filters and the weights of the selected one.

Every change goes through :class:`gui.state.LabState`; the panel redraws on the state's
signals, so a filter changed elsewhere (a lesson, a loaded file) shows up here too.

The panel assembles its parts, each a module of its own: the list of filters
(:mod:`~gui.explore.filter_list`), preset / size / channel (:mod:`~gui.explore.filter_form`),
the kernel grid (:mod:`~gui.explore.kernel_grid`), sum and bias
(:mod:`~gui.explore.filter_bias`) and the whole-filter buttons
(:mod:`~gui.explore.filter_tools`). The parts report refusals and notes through signals;
the panel shows one message at a time under the editor.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from gui.common.error_text import error_text
from gui.common.widgets import FittedLabel
from gui.explore.filter_bias import BiasRow
from gui.explore.filter_form import FilterForm
from gui.explore.filter_list import FilterListBox
from gui.explore.filter_part import Words
from gui.explore.filter_tools import FilterTools
from gui.explore.kernel_grid import KernelGrid
from gui.state import LabState


class FilterPanel(QWidget):
    """List, choose and edit the convolutional layer's feature detectors.

    Public for the main window: :attr:`grid` (the :class:`KernelGrid` of the selected
    filter's current channel) and :attr:`message`, emitted with a sentence for the status
    bar whenever an edit is refused or needs explaining. The parts' widgets are
    attributes of the panel too (``filter_list``, ``add_button``, ``preset_combo``,
    ``rows_spin``, ``bias_spin``, ``normalise_button``...).
    """

    message = Signal(str)

    def __init__(self, state: LabState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setMinimumWidth(300)
        #: How the message on show is worded: called again on a language change.
        self._message_words: Words | None = None
        #: The filters, selection and channel the list and editor last showed.
        self._shown: tuple | None = None
        self._build()
        self.retranslate()
        self._refresh_editor()
        state.filters_changed.connect(self._on_filters_changed)
        state.selected_filter_changed.connect(self._on_selected_filter_changed)
        state.image_changed.connect(self._on_image_changed)
        state.channel_selected.connect(self._on_channel_selected)

    # --- construction ----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)

        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555;")
        layout.addWidget(self.hint_label)

        self.list_box = FilterListBox(self.state)
        layout.addWidget(self.list_box)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        # A long filter name is shortened ("…", the whole name on hover): it must not
        # widen the column and squeeze the maps each time that filter is picked.
        self.title_label = FittedLabel()
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        layout.addWidget(self.title_label)
        self.form = FilterForm(self.state)
        layout.addWidget(self.form)
        self.grid = KernelGrid()
        self.grid.setToolTip("")  # the grid explains each cell itself
        self.grid.cell_edited.connect(self._on_cell_edited)
        self.grid.edit_refused.connect(self._on_edit_refused)
        layout.addWidget(self.grid)
        self.bias_row = BiasRow(self.state)
        layout.addWidget(self.bias_row)
        self.tools = FilterTools(self.state)
        layout.addWidget(self.tools)
        for part in (self.list_box, self.form, self.bias_row, self.tools):
            part.refused.connect(self._on_part_refused)
            part.said.connect(self._show_message)
            part.applied.connect(self._clear_message)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: #b23c00;")
        self.status_label.hide()
        layout.addWidget(self.status_label)
        layout.addStretch(1)

        # The parts' widgets, by the names the panel always gave them.
        parts = self.list_box
        self.filters_label, self.filter_list = parts.filters_label, parts.filter_list
        self.add_button, self.duplicate_button = parts.add_button, parts.duplicate_button
        self.remove_button = parts.remove_button
        self.up_button, self.down_button = parts.up_button, parts.down_button
        parts = self.form
        self.preset_combo, self.preset_label = parts.preset_combo, parts.preset_label
        self.rows_spin, self.cols_spin = parts.rows_spin, parts.cols_spin
        self.square_check, self.size_label = parts.square_check, parts.size_label
        self.channel_label, self.channel_widget = parts.channel_label, parts.channel_widget
        self.channel_group, self.channel_buttons = parts.channel_group, parts.channel_buttons
        parts = self.bias_row
        self.sum_label, self.bias_label = parts.sum_label, parts.bias_label
        self.bias_spin = parts.bias_spin
        parts = self.tools
        self.randomise_button, self.zero_button = parts.randomise_button, parts.zero_button
        self.normalise_button = parts.normalise_button
        self.flip_h_button, self.flip_v_button = parts.flip_h_button, parts.flip_v_button
        self.transpose_button = parts.transpose_button

    def retranslate(self) -> None:
        """Word the panel's own texts and the message on show again (each part words
        its own)."""
        self.hint_label.setText(self.tr(
            "A filter is a small grid of weights slid over the image: at each place, every "
            "weight multiplies the pixel under it and the products are added up."))
        self._refresh_title()
        if self._message_words is not None and not self.status_label.isHidden():
            self.status_label.setText(self._message_words())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "status_label"):
            self.retranslate()
        super().changeEvent(event)

    # --- refreshing from the state ---------------------------------------------------
    def _refresh_all(self) -> None:
        # Adding, duplicating or removing a filter sends filters_changed and then
        # selected_filter_changed for one change: it is shown once (with twelve
        # filters each refresh took 1.4 ms of the edit).
        state = self.state
        shown = (state.filters, state.selected, state.selected_channel)
        if self._shown is not None and self._shown[1:] == shown[1:] \
                and len(self._shown[0]) == len(shown[0]) \
                and all(a is b for a, b in zip(self._shown[0], shown[0], strict=True)):
            return  # the filters are immutable snapshots: the same objects, the same view
        self._shown = shown
        self.list_box.refresh()
        self._refresh_editor()

    def _refresh_editor(self) -> None:
        state = self.state
        channel = min(state.selected_channel, state.channels - 1)
        self.form.refresh()
        self.grid.set_values(state.selected_filter.weights[channel])
        self._refresh_title()
        self.tools.refresh()
        self.bias_row.refresh()

    def _refresh_title(self) -> None:
        self.title_label.set_texts(self.tr("Weights of “{0}”").format(
            self.state.selected_filter.display_name))

    def _on_filters_changed(self) -> None:
        self._refresh_all()

    def _on_selected_filter_changed(self, index: int) -> None:
        self.grid.set_highlight(None)
        self._refresh_all()

    def _on_image_changed(self) -> None:
        # A switch between grayscale and RGB changes the number of channel slices.
        if self.channel_widget.isVisibleTo(self) != (self.state.channels == 3) \
                or self.state.selected_channel >= self.state.channels:
            self._refresh_editor()

    def _on_channel_selected(self, _channel: int) -> None:
        self._refresh_editor()

    # --- messages --------------------------------------------------------------------
    def _show_message(self, words: Words | str) -> None:
        """Show a message: ``words`` is the sentence, or a callable that words it (so a
        language change can word it again)."""
        self._message_words = words if callable(words) else (lambda: words)
        text = self._message_words()
        self.status_label.setText(text)
        self.status_label.show()
        self.message.emit(text)

    def _clear_message(self) -> None:
        if not self.status_label.isHidden():  # also while the panel itself is not shown
            self.status_label.hide()
            self.status_label.clear()
        self._message_words = None

    def _on_part_refused(self, words: Words) -> None:
        self._show_message(words)
        self._refresh_editor()  # put back what the state really holds

    def _on_edit_refused(self, _text: str) -> None:
        self._show_message(self.grid.refusal_message)

    def _on_cell_edited(self, row: int, col: int, value: float) -> None:
        try:
            self.state.set_cell(self.state.selected, self.state.selected_channel,
                                row, col, value)
        except ValueError as error:
            self._on_part_refused(partial(error_text, error))
            return
        self._clear_message()

    # --- what lessons and tests drive ------------------------------------------------
    @property
    def channel(self) -> int:
        """The channel slice the grid shows (0 for grayscale; 0, 1, 2 = R, G, B)."""
        return self.state.selected_channel

    @property
    def rng(self) -> np.random.Generator:
        """The generator Randomise draws from."""
        return self.tools.rng

    @rng.setter
    def rng(self, generator: np.random.Generator) -> None:
        self.tools.rng = generator

    def set_kernel_size(self, rows: int, cols: int) -> None:
        """Resize every filter to rows × cols (1 to :data:`gui.state.MAX_KERNEL`)."""
        self.form.set_kernel_size(rows, cols)

    def transpose(self) -> None:
        """Swap the selected filter's rows and columns (square kernels only)."""
        self.tools.transpose()
