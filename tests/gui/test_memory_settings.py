"""What main.py installs once the window is up (full collections and freed memory in
the learner's pauses, a small pixmap cache), and gives back when its loop ends."""

import gc

from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmapCache

from gui import memory_settings
from gui.full_collections import FullCollections
from gui.heap_return import HeapReturn


def test_settling_installs_each_part_and_stopping_gives_each_back(qtbot):
    limit, thresholds = QPixmapCache.cacheLimit(), gc.get_threshold()
    parent = QObject()
    memory = memory_settings.MemoryManagement(parent)
    try:
        assert isinstance(memory.collections, FullCollections)
        assert memory.collections.parent() is parent
        assert isinstance(memory.heap_return, HeapReturn)
        assert memory.heap_return.parent() is parent
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] > thresholds[2]  # Python's own full collections are off
        assert QPixmapCache.cacheLimit() == memory_settings.PIXMAP_CACHE_KB < limit
    finally:
        memory.stop()
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
    assert QPixmapCache.cacheLimit() == limit
