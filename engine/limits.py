"""The sizes CNN Lab accepts, defined once for the engine, the command line and the GUI.

A file the app writes must be one it can read back: every limit that a saved model, a
filter file or a widget checks comes from here.
"""

#: Largest kernel side (rows or columns) of a convolution, a filter or a preset. The
#: command-line trainer, the model loader and the preset builder use this one number, and
#: so must the GUI's size boxes and filter files, so that a model trained with any allowed
#: kernel, and its filters put in the editor and saved, load again.
MAX_KERNEL_SIZE = 15

#: Largest stride, padding, dilation and pool side a saved architecture may declare.
MAX_GEOMETRY = 64

#: Largest image side and channel count a saved model may declare as its input.
MAX_INPUT_SIDE = 4096
MAX_INPUT_CHANNELS = 4

#: Largest number of filters of one convolution and of units of one dense layer.
MAX_CHANNELS = 1024
MAX_FEATURES = 1 << 20

#: Most layers, classes and characters in a model file's architecture record, and the
#: deepest nesting of its JSON (a valid record nests 3 deep).
MAX_LAYERS = 64
MAX_CLASSES = 1000
MAX_CLASS_NAME_CHARS = 200
MAX_ARCHITECTURE_CHARS = 64 * 1024
MAX_JSON_DEPTH = 8

#: Most parameters (weights and biases together) a model file may hold, and most bytes
#: its arrays may declare once decompressed (64 M float32 parameters: far above any model
#: the app trains, far below what would exhaust memory).
MAX_MODEL_PARAMETERS = 64 * 1024 * 1024
MAX_MODEL_BYTES = 512 * 1024 * 1024

#: Memory a training configuration may use, by default, before it is refused.
DEFAULT_MEMORY_BUDGET = 2 * 1024**3
