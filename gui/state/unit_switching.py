"""Units of the trained network switched off, and the test images to measure it with.

One job of :class:`gui.state.LabState`: which filters of convolution layers and units of
hidden dense layers the learner has switched off (zeroed), so that every page predicting
with the model (:attr:`model_in_use`) shows the switched-off network, and the test images
(:attr:`test_set`) the Train page last scored the model on, so the accuracy without those
units can be measured on the same images. A new model switches everything back on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import analysis


@dataclass(frozen=True, eq=False)
class TestSet:
    """The test images (N, C, H, W) float32 with their labels (N,) and class names, as
    the Train page evaluated the model on them (read-only arrays); compared by identity."""

    __test__ = False  # not a pytest test class

    images: np.ndarray
    labels: np.ndarray
    class_names: tuple[str, ...]
    name: str = ""


class UnitSwitching:
    """The switched-off units part of :class:`gui.state.LabState`."""

    def _init_unit_switching(self) -> None:
        self._switched_off: dict[int, frozenset[int]] = {}
        self._test_set: TestSet | None = None
        # (model, switched off, the model with them off): pages ask on every repaint.
        self._in_use: tuple | None = None

    # --- switching units off -------------------------------------------------------------
    @property
    def switched_off(self) -> dict[int, frozenset[int]]:
        """Layer index (into ``model.layers``) -> the filters or units switched off there
        (a copy; empty when everything is on)."""
        return dict(self._switched_off)

    def is_switched_off(self, layer: int, unit: int) -> bool:
        return int(unit) in self._switched_off.get(int(layer), ())

    def set_switched_off(self, layer: int, unit: int, off: bool = True) -> None:
        """Switch filter (or hidden unit) ``unit`` of layer ``layer`` off (``off``) or
        back on. :class:`engine.analysis.AnalysisError` (a ValueError with a code) for a
        layer that has none or a unit it does not have; ValueError without a model."""
        if self._model is None:
            raise ValueError("there is no trained model to switch units off in")
        layer, unit = int(layer), int(unit)
        analysis.switched_off_model(self._model, {layer: [unit]})  # refuses what is not there
        units = set(self._switched_off.get(layer, ()))
        if (unit in units) == bool(off):
            return
        units.symmetric_difference_update({unit})
        changed = dict(self._switched_off)
        if units:
            changed[layer] = frozenset(units)
        else:
            changed.pop(layer, None)
        self._switched_off = changed
        self._emit("switched_off_changed")
        self._schedule()  # the prediction follows

    def switch_all_on(self) -> None:
        if self._switched_off:
            self._switched_off = {}
            self._emit("switched_off_changed")
            self._schedule()

    def _forget_switched_off(self) -> None:
        """A new model: its units are all on (called by ``set_model``)."""
        if self._switched_off:
            self._switched_off = {}
            self._emit("switched_off_changed")

    @property
    def model_in_use(self):
        """The trained model with the edited kernels in place and the switched-off units
        zeroed (the model itself when there are none), or None. A new object after every
        change (the same one until then); the model is never changed."""
        cached = self._in_use
        # The edits are replaced (never changed) on every edit: identity tells them apart.
        if (cached is not None and cached[0] is self._model
                and cached[1] == self._switched_off and cached[2] is self._kernel_edits):
            return cached[3]
        # The edited model is kept while only the switched-off units change.
        in_use = self._switched_off_in(self.model_with_kernel_edits)
        self._in_use = (self._model, self._switched_off, self._kernel_edits, in_use)
        return in_use

    def _with_switched_off(self, model):
        """``model`` with the edited learned kernels (:mod:`~gui.state.kernel_editing`)
        in place and the switched-off units zeroed."""
        return self._switched_off_in(self._with_kernel_edits(model))

    def _switched_off_in(self, model):
        if model is None or not self._switched_off:
            return model
        return analysis.switched_off_model(model, self._switched_off)

    # --- the test images -----------------------------------------------------------------
    @property
    def test_set(self) -> TestSet | None:
        """The test images the model was last scored on (Train page), or None."""
        return self._test_set

    def set_test_set(self, dataset) -> None:
        """Take the test images of ``dataset`` (an :class:`engine.datasets.Dataset`, or
        anything with ``x_test``, ``y_test`` and ``class_names``; None: there are none)."""
        if dataset is None or not len(dataset.y_test):
            test_set = None
        else:
            images = np.array(dataset.x_test, dtype=np.float32)
            labels = np.array(dataset.y_test, dtype=np.int64)
            images.flags.writeable = labels.flags.writeable = False
            test_set = TestSet(images, labels, tuple(str(n) for n in dataset.class_names),
                               str(getattr(dataset, "name", "")))
        if test_set is None and self._test_set is None:
            return
        self._test_set = test_set
        self._emit("test_set_changed")
