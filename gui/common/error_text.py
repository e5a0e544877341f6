"""The learner's sentence for an engine error, in the current language.

The engine never words its errors for the screen: each carries a ``code`` and the
``values`` the sentence needs (:class:`engine.model.ModelFileError`,
:class:`engine.lab_file.LabFileError`,
:class:`engine.architecture.ArchitectureError`,
:class:`engine.costs.MemoryBudgetExceeded`, :class:`engine.ops.WindowDoesNotFit`,
:class:`engine.analysis.AnalysisError`,
:class:`engine.safe_json.JsonFileError`, :class:`engine.folders.DataError` and its
:class:`engine.collection.CollectionError`, and the :class:`engine.folders.Skipped` files).
:func:`error_text` words them all; call it when the text is shown (and again on a
language change), not when the error is caught.

The GUI's own errors (:class:`CodedError` and its kinds: a picture that cannot be
loaded, a bad filter file, a bad value for the state, data that cannot become a
training set) carry a ``code`` and ``values`` too and are worded here; ``str()`` of one
is its sentence in the current language, so code that shows ``str(error)`` still shows
a sentence.

Every sentence is a literal ``self.tr("...")`` of :class:`ErrorText`, so that
``pyside6-lupdate`` finds it, plurals included. Layers, rows and example
numbers count from 1, as everywhere on screen.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject

from engine import fileio
from engine.analysis import AnalysisError
from engine.architecture import ArchitectureError
from engine.costs import MemoryBudgetExceeded
from engine.folders import DataError, Skipped
from engine.lab_file import LabFileError
from engine.model import ModelFileError
from engine.ops import WindowDoesNotFit
from engine.safe_json import JsonFileError

Wording = Callable[[dict], str]


class CodedError(ValueError):
    """An error of the GUI's own, with a ``code`` and the ``values`` its sentence needs.

    ``family`` (set by each subclass) picks the table of sentences; ``str(error)`` is
    :func:`error_text`, the sentence in the current language. A code no table knows is
    shown as it is: a raiser may still pass a sentence it has worded itself.
    """

    family = ""

    def __init__(self, code: str, **values) -> None:
        super().__init__(code)
        self.code = code
        self.values = values

    def __str__(self) -> str:
        return error_text(self)

    def __reduce__(self):
        return _rebuild_coded, (type(self), self.code, self.values)


def _rebuild_coded(cls, code, values):
    return cls(code, **values)


def _mib(count) -> str:
    return f"{count / 2**20:,.0f}"


class ErrorText(QObject):
    """The sentences, one method per family of errors (lupdate's context: ErrorText).

    A QObject so that every sentence is a literal ``self.tr(...)``: lupdate reads plural
    forms (``%n``) only from ``tr`` calls.
    """

    def _model(self, code: str) -> Wording | None:
        return {
            "missing": lambda v: self.tr("“{0}” does not exist.").format(v["name"]),
            "unreadable": lambda v: self.tr("“{0}” cannot be read.").format(v["name"]),
            "not_a_model": lambda v: self.tr("“{0}” is not a CNN Lab model file.").format(
                v["name"]
            ),
            "damaged": lambda v: self.tr(
                "“{0}” is not a CNN Lab model file: it is damaged, truncated or of another kind.",
            ).format(v["name"]),
            "pickled": lambda v: self.tr(
                "“{0}” contains Python objects; CNN Lab never loads those, for safety.",
            ).format(v["name"]),
            "version": lambda v: self.tr(
                "“{0}” was written by another version of "
                "CNN Lab (model format {1}; this one reads format {2}).",
            ).format(v["name"], v["version"], v["supported"]),
            "too_large": lambda v: self.tr("“{0}” is far too large to be a CNN Lab model.").format(
                v["name"]
            ),
            "architecture": lambda v: self.tr(
                "“{0}” describes a network CNN Lab cannot build: {1}"
            ).format(v["name"], self._architecture_sentence(v["reason"], v)),
            "json_depth": lambda v: self.tr(
                "“{0}”: the description of the network nests {1} levels deep; "
                "at most {2} are allowed.",
            ).format(v["name"], v["depth"], v["limit"]),
            "class_names": lambda v: self.tr(
                "“{0}”: the network has {1} outputs "
                "but {2} class names (or names that are not short texts).",
            ).format(v["name"], v["outputs"], v["names"]),
            "missing_weights": lambda v: self.tr("“{0}”: the weights “{1}” are missing.").format(
                v["name"], v["key"]
            ),
            "unexpected_arrays": lambda v: self.tr(
                "“{0}” holds an array “{1}” that no model of this kind has."
            ).format(v["name"], v["key"]),
            "weight_shape": lambda v: self.tr(
                "“{0}”: the weights “{1}” have shape {2}, but the network needs {3}."
            ).format(v["name"], v["key"], _shape(v["shape"]), _shape(v["expected"])),
            "weight_dtype": lambda v: self.tr(
                "“{0}”: the weights “{1}” are stored as {2}; "
                "only float32 and float64 are accepted.",
            ).format(v["name"], v["key"], v["dtype"]),
            "not_finite": lambda v: self.tr(
                "“{0}”: the weights “{1}” contain NaN or infinity."
            ).format(v["name"], v["key"]),
            "overflow": lambda v: self.tr(
                "“{0}”: the weights are so large that the class scores overflow."
            ).format(v["name"]),
        }.get(code)

    def _lab(self, code: str) -> Wording | None:
        """A lab file (.cnnlab) that cannot be opened (:class:`LabFileError`)."""
        return {
            "missing": lambda v: self.tr("“{0}” does not exist.").format(v["name"]),
            "unreadable": lambda v: self.tr("“{0}” cannot be read.").format(v["name"]),
            "not_a_lab": lambda v: self.tr("“{0}” is not a CNN Lab lab file.").format(
                v["name"]),
            "model_file": lambda v: self.tr(
                "“{0}” is a trained model, not a lab file: open it with File ▸ Open model…"
            ).format(v["name"]),
            "damaged": lambda v: self.tr(
                "“{0}” is not a CNN Lab lab file: it is damaged, truncated or of another kind."
            ).format(v["name"]),
            "pickled": lambda v: self.tr(
                "“{0}” contains Python objects; CNN Lab never loads those, for safety.",
            ).format(v["name"]),
            "version": lambda v: self.tr(
                "“{0}” was written by another version of CNN Lab (lab file format {1}; this "
                "one reads format {2}).").format(v["name"], v["version"], v["supported"]),
            "too_large": lambda v: self.tr(
                "“{0}” is far too large to be a CNN Lab lab file.").format(v["name"]),
            "json_depth": lambda v: self.tr(
                "“{0}”: the description of the lab nests {1} levels deep; at most {2} are "
                "allowed.").format(v["name"], v["depth"], v["limit"]),
            "bad_record": lambda v: self.tr(
                "“{0}”: the description of the lab is not valid JSON.").format(v["name"]),
            "setting": lambda v: self.tr(
                "“{0}”: the setting “{1}” has a value CNN Lab cannot use.").format(
                v["name"], v["key"]),
            "out_of_range": lambda v: self.tr(
                "“{0}”: the values of {1} must lie between {2} and {3}.").format(
                v["name"], self._lab_part(v["key"]), _g(v["low"]), _g(v["high"])),
            "array_shape": lambda v: self.tr(
                "“{0}”: the shape of {1} is {2}, but a lab needs {3}.").format(
                v["name"], self._lab_part(v["key"]), _shape(v["shape"]), v["expected"]),
            "array_dtype": lambda v: self.tr(
                "“{0}”: the numbers of {1} are stored as {2}; only 8-bit pictures and float32 or "
                "float64 numbers are accepted.").format(v["name"], self._lab_part(v["key"]),
                                                v["dtype"]),
            "not_finite": lambda v: self.tr(
                "“{0}”: NaN or infinity found in {1}.").format(
                v["name"], self._lab_part(v["key"])),
            "model": lambda v: self.tr(
                "“{0}” holds a trained model that CNN Lab cannot use. {1}").format(
                v["name"], error_text(ModelFileError("", v["reason"], **v["model_values"]))),
        }.get(code)

    def _lab_part(self, key: str) -> str:
        """What a lab file's member or setting holds, as a noun."""
        return {
            "image.npy": self.tr("the picture"),
            "filters.npy": self.tr("the filters' weights"),
            "biases.npy": self.tr("the biases"),
            "preprocess.threshold": self.tr("the threshold"),
        }.get(key, self.tr("the setting “{0}”").format(key))

    def _lab_settings(self, code: str) -> Wording | None:
        """A lab file whose values this lab cannot take (gui.state.lab_snapshot)."""
        return {
            "too_many_filters": lambda v: self.tr(
                "“{0}” holds {1} filters; the explorer shows at most {2}.").format(
                v["name"], v["count"], v["limit"]),
            "filters": lambda v: self.tr("“{0}”: a filter cannot be used: {1}").format(
                v["name"], error_text(v["error"])),
            "working_size": lambda v: self.tr(
                "“{0}” asks for a working size of {1} pixels, which CNN Lab does not offer."
            ).format(v["name"], v["size"]),
            "training": lambda v: self.tr(
                "“{0}” holds training settings CNN Lab cannot use.").format(v["name"])
            if v.get("error") is None else self.tr(
                "“{0}” holds training settings CNN Lab cannot use: {1}").format(
                v["name"], error_text(v["error"])),
        }.get(code)

    def _architecture(self, code: str) -> Wording | None:
        return {
            "not_a_list": lambda v: self.tr("The network has no list of layers."),
            "too_many_layers": lambda v: self.tr(
                "The network has {0} layers; at most {1} are allowed."
            ).format(v["count"], v["limit"]),
            "unknown_layer": lambda v: self.tr("Layer {0} is of no known kind.").format(
                v["layer"] + 1
            ),
            "bad_argument": lambda v: self.tr(
                "Layer {0} ({1}): the setting “{2}” is missing, unexpected or not a whole number.",
            ).format(v["layer"] + 1, v["kind"], v["argument"]),
            "out_of_range": lambda v: (
                self.tr("Layer {0} ({1}): {2} = {3} is outside {4} to {5}.").format(
                    v["layer"] + 1, v["kind"], v["argument"], v["value"], v["low"], v["high"]
                )
                if "layer" in v
                else self.tr("The input shape {0} is out of range.").format(_shape(v["value"]))
            ),
            "input_shape": lambda v: self.tr(
                "The input shape must be (channels, rows, columns), not {0}."
            ).format(v["shape"]),
            "channels_mismatch": lambda v: self.tr(
                "Layer {0} (Conv2D) expects %n input channel(s) but receives shape {1}.",
                "",
                v["expected"],
            ).format(v["layer"] + 1, _shape(v["shape"])),
            "features_mismatch": lambda v: self.tr(
                "Layer {0} (Dense) expects %n input(s) but receives shape {1}.",
                "",
                v["expected"],
            ).format(v["layer"] + 1, _shape(v["shape"])),
            "needs_maps": lambda v: self.tr(
                "Layer {0} pools feature maps, but receives shape {1}."
            ).format(v["layer"] + 1, _shape(v["shape"])),
            "window_does_not_fit": lambda v: (
                self._block_window(v) if "block" in v else self.tr(
                    "The convolution kernel spans %n cell(s), more than its "
                    "input of {0}: no output is left.",
                    "",
                    v["span"],
                )
                if v["stage"] == "convolution"
                else self.tr(
                    "The pool window spans %n cell(s), more than its input of {0}: "
                    "no output is left.",
                    "",
                    v["span"],
                )
            ).format(v["size"]),
            "not_flat": lambda v: self.tr("The last layer must be a Dense layer."),
            "not_a_block": lambda v: self.tr("Block {0} is not a convolution block.").format(
                v["block"] + 1),
            "block_not_integer": lambda v: self.tr(
                "Block {0}: the {1} must be a whole number.").format(
                v["block"] + 1, self._block_setting(v["argument"])),
            "block_out_of_range": lambda v: self.tr(
                "Block {0}: the {1} must be between {3} and {4}, not {2}.").format(
                v["block"] + 1, self._block_setting(v["argument"]), _shape(v["value"]),
                v["low"], v["high"]),
            "block_choice": lambda v: self.tr(
                "Block {0}: “{2}” is not a possible {1}.").format(
                v["block"] + 1, self._block_setting(v["argument"]), v["value"]),
            "too_many_hidden": lambda v: self.tr(
                "The network has {0} hidden layers; at most {1} are allowed.").format(
                v["count"], v["limit"]),
            "hidden_out_of_range": lambda v: self.tr(
                "Hidden layer {0}: {1} units is outside {2} to {3}.").format(
                v["hidden"] + 1, v["value"], v["low"], v["high"]),
            "classes_out_of_range": lambda v: self.tr(
                "A network needs between {1} and {2} classes, not {0}.").format(
                v["value"], v["low"], v["high"]),
            "not_blocks": lambda v: self.tr(
                "Layer {0} does not fit the pattern of convolution blocks followed by "
                "hidden layers.").format(v["layer"] + 1),
            "too_many_parameters": lambda v: self.tr(
                "The network has {0} parameters; at most {1} are allowed."
            ).format(f"{v['count']:,}", f"{v['limit']:,}"),
        }.get(code)

    def _block_setting(self, name: str) -> str:
        """A :class:`engine.architecture.ConvBlock` setting's name in words."""
        return {
            "filters": self.tr("number of filters"),
            "kernel_size": self.tr("kernel size"),
            "stride": self.tr("stride"),
            "padding": self.tr("padding"),
            "dilation": self.tr("dilation"),
            "activation": self.tr("activation"),
            "pool": self.tr("pooling"),
            "pool_size": self.tr("pool size"),
            "pool_stride": self.tr("pool stride"),
        }.get(str(name), str(name))

    def _block_window(self, v: dict) -> str:
        # A window that does not fit spans at least 2 cells: no singular form is needed.
        if v["stage"] == "convolution":
            text = self.tr("Block {0}: the convolution kernel spans {1} cells, more than "
                           "its input of {2}: no output is left. Use a smaller kernel, "
                           "stride or dilation, more padding, or fewer blocks.")
        else:
            text = self.tr("Block {0}: the pool window spans {1} cells, more than its "
                           "input of {2}: no output is left. Use a smaller pool or fewer "
                           "blocks.")
        return text.format(v["block"] + 1, v["span"], v["size"])

    def _analysis(self, code: str) -> Wording | None:
        """A question the trained network cannot answer (:class:`engine.analysis.AnalysisError`)."""
        return {
            "no_such_class": lambda v: self.tr(
                "There is no class {0}; the network has {1} classes.").format(
                v["class_index"] + 1, v["classes"]),
            "no_such_layer": lambda v: self.tr(
                "There is no layer {0}; the network has {1} layers.").format(
                v["layer"] + 1, v["layers"]),
            "no_such_unit": lambda v: self.tr(
                "Layer {0} has no unit {1}; it has {2}.").format(
                v["layer"] + 1, v["unit"] + 1, v["units"]),
            "not_switchable": lambda v: self.tr(
                "Layer {0} ({1}) has no filters or hidden units to switch off.").format(
                v["layer"] + 1, v["kind"]),
            "bad_patch": lambda v: self.tr(
                "The patch and its step must be at least 1 pixel."),
            "patch_too_large": lambda v: self.tr(
                "A {0} patch does not fit in a {1} image.").format(
                _shape(v["patch"]), _shape(v["size"])),
            "image_shape": lambda v: self.tr(
                "The network takes images of shape {0}, not {1}.").format(
                _shape(v["expected"]), _shape(v["shape"])),
        }.get(code)

    def _architecture_sentence(self, code: str, values: dict) -> str:
        wording = self._architecture(code)
        if wording is None:
            return self.tr("the problem is “{0}”.").format(code)
        return wording(values)

    def _data(self, code: str) -> Wording | None:
        return {
            "missing": lambda v: self.tr("The folder “{0}” does not exist.").format(v["path"]),
            "not_a_folder": lambda v: self.tr("“{0}” is a file, not a folder.").format(v["name"]),
            "no_subfolders": lambda v: self.tr(
                "“{0}” has no subfolders. Put the pictures "
                "of each class in a subfolder named after the class, for "
                "example “cat” and “dog”.",
            ).format(v["name"]),
            "one_subfolder": lambda v: self.tr(
                "“{0}” has only one class subfolder (“{1}”); a classifier needs at least two.",
            ).format(v["name"], v["subfolder"]),
            "name_not_text": lambda v: self.tr("A class name must be text."),
            "name_empty": lambda v: self.tr("A class needs a name."),
            "name_too_long": lambda v: self.tr(
                "Class names are limited to %n character(s).", "", v["limit"]
            ),
            "name_taken": lambda v: self.tr("There is already a class called “{0}”.").format(
                v["name"]
            ),
            "no_such_class": lambda v: self.tr("There is no class called “{0}”.").format(v["name"]),
            "bad_example_shape": lambda v: self.tr(
                "An example must be a {0}×{0} image, not {1}."
            ).format(v["size"], v["shape"]),
            "bad_example_values": lambda v: self.tr(
                "An example must not contain NaN or infinite values."
            ),
            "no_such_example": lambda v: self.tr("“{0}” has no example number {1}.").format(
                v["name"], v["number"]
            ),
            "too_few_classes": lambda v: self.tr(
                "Add at least 2 classes, each with at least 2 examples (you have %n class(es)).",
                "",
                v["count"],
            ),
            "too_few_examples": lambda v: self.tr(
                "Add %n more example(s) to “{0}”: every "
                "class needs at least 2 (one to train on, one to "
                "test with).",
                "",
                v["missing"],
            ).format(v["name"]),
            "foreign_folder": lambda v: self.tr(
                "“{0}” already holds other files. Choose "
                "an empty folder, or a folder where a class collection "
                "was saved before.",
            ).format(v["name"]),
            "write_failed": lambda v: self.tr(
                "Could not save to “{0}”: {1}. The folder still holds what it held before."
            ).format(v["path"], v["reason"]),
            "not_a_collection": lambda v: self.tr(
                "“{0}” is not a saved class collection: it has no {1} and no class subfolders.",
            ).format(v["name"], v["manifest"]),
            "damaged_manifest": lambda v: self.tr(
                "“{0}” in “{1}” is damaged or not a CNN Lab class collection."
            ).format(v["manifest"], v["folder"]),
            "bad_listed_class": lambda v: self.tr("“{0}” in “{1}” lists a bad class: {2}").format(
                v["manifest"], v["folder"], error_text(v["error"])
            ),
        }.get(code)

    def _json_name(self, values: tuple) -> str:
        """The file named in quotes, or "The text" for JSON that came from no file."""
        if values and values[0]:
            # Translatable: Japanese quotes a name 「so」.
            return self.tr("“{0}”").format(values[0])
        return self.tr("The text")

    def _json(self, code: str) -> Callable[[tuple], str] | None:
        return {
            "missing": lambda v: self.tr("{0} does not exist.").format(self._json_name(v)),
            "not_file": lambda v: self.tr("{0} is not a file.").format(self._json_name(v)),
            "unreadable": lambda v: self.tr("{0} cannot be read ({1}).").format(
                self._json_name(v), v[1]
            ),
            "too_large": lambda v: self.tr(
                "{0} is too large: {1} bytes, at most {2} are allowed."
            ).format(self._json_name(v), f"{v[1]:,}", f"{v[2]:,}"),
            "not_text": lambda v: self.tr("{0} is not a text file.").format(self._json_name(v)),
            "not_json": lambda v: self.tr("{0} is not a JSON file ({1}, line {2}).").format(
                self._json_name(v), v[1], v[2]
            ),
            "too_deep": lambda v: self.tr(
                "{0} nests its lists {1} levels deep; at most {2} are allowed."
            ).format(self._json_name(v), v[1], v[2]),
        }.get(code)

    def _skipped(self, code: str) -> Callable[[Skipped], str] | None:
        return {
            "not_picture": lambda s: self.tr("“{0}” is not a picture file.").format(
                Path(s.path).name
            ),
            "not_regular": lambda s: self._not_regular(Path(s.path).name, s.detail),
            "unreadable": lambda s: self.tr("“{0}” could not be read: {1}").format(
                Path(s.path).name, s.detail
            ),
            "class_folder_missing": lambda s: self.tr(
                "The folder of the class “{0}” is missing."
            ).format(s.detail),
        }.get(code)

    def _image(self, code: str) -> Wording | None:
        """A picture that cannot be loaded (:class:`gui.common.image_io.ImageLoadError`)."""
        return {
            "missing": lambda v: self.tr("“{0}” does not exist.").format(v["name"]),
            "folder": lambda v: self.tr("“{0}” is a folder, not an image file.").format(
                v["name"]),
            "named_pipe": lambda v: self.tr(
                "“{0}” is a named pipe, not an image file.").format(v["name"]),
            "device": lambda v: self.tr("“{0}” is a device, not an image file.").format(
                v["name"]),
            "not_regular": lambda v: self.tr(
                "“{0}” is not a regular file, so it cannot be an image.").format(v["name"]),
            "empty": lambda v: self.tr("“{0}” is empty (0 bytes).").format(v["name"]),
            "file_too_large": lambda v: self.tr(
                "“{0}” is too large to open ({1} MB).").format(v["name"], v["megabytes"]),
            "unsupported": lambda v: self.tr(
                "“{0}” is not an image CNN Lab can read. Try a PNG, JPEG, BMP or GIF file."
            ).format(v["name"]),
            "too_many_pixels": lambda v: self.tr(
                "“{0}” is too large ({1}×{2} pixels); the limit is {3} megapixels."
            ).format(v["name"], v["width"], v["height"], v["limit"]),
            "damaged": lambda v: self.tr("“{0}” is damaged or incomplete ({1}).").format(
                v["name"], v["detail"]),
            "undecodable": lambda v: self.tr(
                "“{0}” could not be decoded: the file is damaged or not really an image ({1})."
            ).format(v["name"], v["detail"]),
            "encode_png": lambda v: self.tr("“{0}” could not be encoded as PNG.").format(
                v["name"]),
        }.get(code)

    def _state(self, code: str) -> Wording | None:
        """A value the lab's state refuses (:class:`gui.state.errors.StateError`)."""
        return {
            "not_a_number": lambda v: self.tr("{0} is not a number.").format(
                self._value_text(v["value"])),
            "weight_too_large": lambda v: self.tr(
                "Weights are limited to ±{0}; {1} is too large.").format(
                _g(v["limit"]), _g(v["value"])),
            "huge_integer": lambda v: self.tr(
                "Weights are limited to ±{0}; a {1}-digit number is far too large.").format(
                _g(v["limit"]), v["digits"]),
            "not_finite": lambda v: self.tr(
                "A weight must be a finite number (not NaN or infinity)."),
            "filter_not_object": lambda v: self.tr(
                "Each filter must be an object with a name and weights."),
            "name_not_text": lambda v: self.tr("A filter's name must be text."),
            "name_too_long": lambda v: self.tr(
                "A filter's name must be at most %n character(s) long.", "", v["limit"]),
            "preset_not_text": lambda v: self.tr(
                "A filter's preset must be the name of a preset."),
            "weights_not_grid": lambda v: self.tr("Filter weights must be a grid of numbers."),
            "kernel_too_large": lambda v: self.tr(
                "Filter weights must be k×k grids up to {0}×{0}.").format(v["limit"]),
            "bad_channels": lambda v: self.tr(
                "A filter has one grid per colour channel: 1 (grey) or 3 (RGB)."),
            "weights_shape": lambda v: self.tr(
                "The weights must have shape {0}, not {1}.").format(
                _shape(v["expected"]), _shape(v["shape"])),
            "no_filters": lambda v: self.tr("A layer needs at least one filter."),
            "too_many_filters": lambda v: self.tr(
                "A layer holds at most %n filter(s).", "", v["limit"]),
            "mixed_sizes": lambda v: self.tr("All filters of a layer must have the same size."),
            "kernel_size_range": lambda v: self.tr(
                "The kernel size must be between 1 and {0}.").format(v["limit"]),
            "no_model_filters": lambda v: self.tr(
                "There is no trained model with a convolution layer yet."),
            "no_own_filters": lambda v: self.tr("No filters of your own were replaced."),
            "nothing_to_undo": lambda v: self.tr("There is no filter edit to undo."),
            "unknown_data_source": lambda v: self.tr(
                "“{0}” is not a source of training images.").format(v["key"]),
            "image_shape": lambda v: self.tr(
                "An image must be (H, W) or (H, W, 3), not {0}.").format(_shape(v["shape"])),
            "memory_budget": lambda v: self.tr(
                "These settings would need {0} GiB of memory for one exploration, more than "
                "the {1} GiB allowed. Choose a smaller working size, a smaller kernel or "
                "fewer filters.").format(f"{v['bytes'] / 2**30:.1f}",
                                         f"{v['limit'] / 2**30:.0f}"),
            "filters_range": lambda v: self.tr(
                "The number of filters must be between 1 and {0}.").format(v["limit"]),
            "sizes_positive": lambda v: self.tr(
                "The kernel size, stride and pool size must be at least 1."),
            "padding_negative": lambda v: self.tr("The padding cannot be negative."),
            "pool_kind": lambda v: self.tr("The pooling must be max, average or none."),
            "hidden_range": lambda v: self.tr(
                "The hidden units must be between 0 (none) and {0}.").format(v["limit"]),
            "epochs_range": lambda v: self.tr(
                "The epochs must be between 1 and {0}.").format(v["limit"]),
            "batch_size_range": lambda v: self.tr(
                "The batch size must be between 1 and {0}.").format(v["limit"]),
            "learning_rate": lambda v: self.tr("The learning rate must be a positive number."),
            "optimizer_kind": lambda v: self.tr("The optimizer must be Adam or SGD."),
            "lr_schedule_kind": lambda v: self.tr(
                "The learning-rate schedule must be constant or cosine."),
            "momentum_range": lambda v: self.tr("The momentum must be at least 0 and below 1."),
            "shift_range": lambda v: self.tr(
                "The augmentation shift must be between 0 and %n pixel(s).", "", v["limit"]),
            "patience_range": lambda v: self.tr("The patience must be at least 1 epoch."),
            "validation_range": lambda v: self.tr(
                "The validation share must be at least 0 and below 1."),
        }.get(code)

    def _value_text(self, value: str) -> str:
        """How :func:`check_weight` quotes a value: a list or an object by its kind."""
        if value == "list":
            return self.tr("A list")
        if value == "object":
            return self.tr("An object")
        return value

    def _filter_file(self, code: str) -> Wording | None:
        """A file without CNN Lab filters (:class:`gui.explore.filter_file.FilterFileError`)."""
        return {
            "json": lambda v: error_text(v["error"]),
            "not_filters": lambda v: self.tr("This JSON file does not hold CNN Lab filters."),
            "no_filters": lambda v: self.tr("The file holds no filters."),
            "too_many": lambda v: self.tr(
                "The file holds {0} filters; at most {1} are allowed.").format(
                v["count"], v["limit"]),
            "bad_filter": lambda v: self.tr("The file's filter {0}: {1}").format(
                v["number"], error_text(v["error"])),
            "mixed_shapes": lambda v: self.tr(
                "All filters in a file must have the same size and channels."),
        }.get(code)

    def _data_source(self, code: str) -> Wording | None:
        """Data that cannot be trained on (:class:`gui.train.data_sources.DataSourceError`)."""
        return {
            "data": lambda v: error_text(v["error"]),
            "cancelled": lambda v: self.tr("Loading the folder was cancelled."),
            "no_pictures": lambda v: (
                self.tr("No pictures could be read in “{0}” ({1}).").format(
                    v["name"], error_text(v["reason"]))
                if v.get("reason") is not None else
                self.tr("No pictures could be read in “{0}”: the class subfolders are "
                        "empty.").format(v["name"])),
            "class_too_small": lambda v: self.tr(
                "The class “{0}” has %n image(s); every class needs at least 2 (one to "
                "train on, one to test with).", "", v["count"]).format(v["name"]),
            "blank": lambda v: self.tr("“{0}” looks blank: no strokes were found.").format(
                v["name"]),
        }.get(code)

    def _not_regular(self, name: str, kind: str) -> str:
        if kind == "named_pipe":
            return self.tr("“{0}” is a named pipe, not a picture file.").format(name)
        if kind == "device":
            return self.tr("“{0}” is a device, not a picture file.").format(name)
        if kind == "socket":
            return self.tr("“{0}” is a socket, not a picture file.").format(name)
        return self.tr("“{0}” is not a regular file, so it was not opened.").format(name)

    def _memory(self, error: MemoryBudgetExceeded) -> str:
        v = error.values
        return self.tr(
            "This network needs about {0} MiB of memory to train, more "
            "than the {1} MiB allowed; layer {2} ({3}) alone needs {4} MiB. Use fewer filters, a "
            "smaller batch size or a smaller picture.",
        ).format(
            _mib(v["total_bytes"]),
            _mib(v["budget_bytes"]),
            v["layer"] + 1,
            v["kind"],
            _mib(v["layer_bytes"]),
        )

    def _memory_at(self, error: MemoryBudgetExceeded, block: int | None,
                   hidden: int | None) -> str:
        """:meth:`_memory`, naming the convolution block or hidden layer the layer is in."""
        v = error.values
        numbers = (_mib(v["total_bytes"]), _mib(v["budget_bytes"]), v["layer"] + 1, v["kind"],
                   _mib(v["layer_bytes"]))
        if block is not None:
            return self.tr(
                "This network needs about {0} MiB of memory to train, more than the {1} MiB "
                "allowed; layer {2} ({3}) of convolution block {5} alone needs {4} MiB. Use "
                "fewer filters in that block, more pooling before it or a smaller batch size."
            ).format(*numbers, block + 1)
        if hidden is not None:
            return self.tr(
                "This network needs about {0} MiB of memory to train, more than the {1} MiB "
                "allowed; layer {2} ({3}), hidden layer {5}, alone needs {4} MiB. Use fewer "
                "hidden units, or fewer filters or more pooling in the last block."
            ).format(*numbers, hidden + 1)
        return self._memory(error)

    def _window(self, error: WindowDoesNotFit) -> str:
        terms = error.terms
        if terms.stage == "convolution":
            text = (
                self.tr(
                    "The convolution kernel spans %n cell(s), more than "
                    "its input of {0} padded by {1} on each side to {2}: no output is left.",
                    "",
                    terms.span,
                )
                if terms.p
                else self.tr(
                    "The convolution kernel spans %n cell(s), more than "
                    "its input of {0}: no output is left.",
                    "",
                    terms.span,
                )
            )
        else:
            text = (
                self.tr(
                    "The pool window spans %n cell(s), more than its "
                    "input of {0} padded by {1} on each side to {2}: no output is left.",
                    "",
                    terms.span,
                )
                if terms.p
                else self.tr(
                    "The pool window spans %n cell(s), more than its input of {0}: "
                    "no output is left.",
                    "",
                    terms.span,
                )
            )
        return text.format(terms.n, terms.p, terms.padded)


def _g(number) -> str:
    return f"{float(number):g}"


def _shape(shape) -> str:
    if isinstance(shape, (tuple, list)):
        return "×".join(str(side) for side in shape)
    return str(shape)


_instance: ErrorText | None = None


def _words() -> ErrorText:
    global _instance
    if _instance is None:
        _instance = ErrorText()
    return _instance


def wording_for(error) -> Callable[[], str] | None:
    """How :func:`error_text` words ``error``, or None when nothing does (then it shows
    ``str(error)``). Tests use it to check that every engine code has a sentence."""
    words = _words()
    if isinstance(error, MemoryBudgetExceeded):
        return lambda: words._memory(error)
    if isinstance(error, WindowDoesNotFit):
        return lambda: words._window(error)
    if isinstance(error, Skipped):
        skipped = words._skipped(error.code)
        return None if skipped is None else (lambda: skipped(error))
    if isinstance(error, CodedError):
        table = {"image": words._image, "state": words._state,
                 "filter_file": words._filter_file,
                 "data_source": words._data_source,
                 "lab": words._lab_settings}.get(error.family)
        wording = None if table is None else table(error.code)
        return None if wording is None else partial(wording, error.values)
    families = (
        (ModelFileError, words._model),
        (LabFileError, words._lab),
        (ArchitectureError, words._architecture),
        (AnalysisError, words._analysis),
        (DataError, words._data),
        (JsonFileError, words._json),
    )
    for family, table in families:
        if isinstance(error, family):
            wording = table(error.code)
            return None if wording is None else partial(wording, error.values)
    return None


def error_text(error) -> str:
    """The learner's sentence for an engine error (or a skipped file) in the current
    language; for anything else, or values the wording cannot use, ``str(error)`` (for a
    :class:`CodedError`, its code: a sentence its raiser worded)."""
    wording = wording_for(error)
    if wording is None:
        return error.code if isinstance(error, CodedError) else str(error)
    try:
        return wording()
    # Values an older or newer engine shaped differently must not hide the error itself.
    except (KeyError, IndexError, TypeError, ValueError):
        if isinstance(error, CodedError):
            return f"{error.code}: {error.values}"
        return str(error)


def memory_text(error: MemoryBudgetExceeded, block: int | None = None,
                hidden: int | None = None) -> str:
    """The learner's sentence for a configuration over the memory budget, naming the
    0-based convolution ``block`` or ``hidden`` layer its largest layer belongs to."""
    return _words()._memory_at(error, block, hidden)


def system_reason(error: BaseException) -> str:
    """Why the system refused to read or write a file, in the current language: the
    common reasons worded by the app (a full disk, no permission, a missing folder...),
    any other in the system's own words."""
    if isinstance(error, fileio.WriteFailed):  # our own check after writing
        return QCoreApplication.translate(
            "SystemErrors", "the file was not written completely (is the disk full?)")
    if isinstance(error, MemoryError):
        return QCoreApplication.translate("SystemErrors", "there is not enough memory")
    reasons = {
        errno.ENOSPC: QCoreApplication.translate("SystemErrors", "the disk is full"),
        errno.EDQUOT: QCoreApplication.translate("SystemErrors", "your disk quota is used up"),
        errno.EACCES: QCoreApplication.translate("SystemErrors", "permission denied"),
        errno.EPERM: QCoreApplication.translate("SystemErrors", "permission denied"),
        errno.EROFS: QCoreApplication.translate("SystemErrors", "the disk is read-only"),
        errno.ENOENT: QCoreApplication.translate(
            "SystemErrors", "there is no such file or folder"),
        errno.ENOTDIR: QCoreApplication.translate(
            "SystemErrors", "part of the path is a file, not a folder"),
        errno.EISDIR: QCoreApplication.translate("SystemErrors", "that is a folder"),
        errno.EEXIST: QCoreApplication.translate(
            "SystemErrors", "a file of that name is in the way"),
        errno.ENAMETOOLONG: QCoreApplication.translate("SystemErrors", "the name is too long"),
        errno.EIO: QCoreApplication.translate(
            "SystemErrors", "the disk could not be read or written (input/output error)"),
    }
    reason = reasons.get(getattr(error, "errno", None))
    if reason is not None:
        return reason
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
