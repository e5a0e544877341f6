"""What main.py installs once the window is up: full collections and freed memory in
the learner's pauses, and a small pixmap cache."""

import gc

from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmapCache

from gui import memory_settings
from gui.full_collections import FullCollections
from gui.heap_return import HeapReturn


def test_settling_installs_each_part_and_keeps_the_pixmap_cache_small(qtbot):
    limit, thresholds = QPixmapCache.cacheLimit(), gc.get_threshold()
    parent = QObject()
    try:
        collections, heap_return = memory_settings.settle_memory_management(parent)
        assert isinstance(collections, FullCollections) and collections.parent() is parent
        assert isinstance(heap_return, HeapReturn) and heap_return.parent() is parent
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] > thresholds[2]  # Python's own full collections are off
        assert QPixmapCache.cacheLimit() == memory_settings.PIXMAP_CACHE_KB < limit
    finally:
        collections.stop()
        heap_return.stop()
        gc.unfreeze()
        QPixmapCache.setCacheLimit(limit)
    assert gc.get_threshold() == thresholds
