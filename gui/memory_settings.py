"""How the app keeps its memory while its window is up (``main.py`` and the soak
benchmark install it, and give it back when the window's event loop ends)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmapCache

from gui.full_collections import FullCollections
from gui.heap_return import HeapReturn

#: Qt's pixmap cache, in KB (Qt's default is 10240). Every icon Qt draws goes into it
#: and stays after the icon is gone, until the cache is full: the filter list draws a new
#: thumbnail whenever a filter's weights change, so over the soak's 8000 edits the cache
#: filled with thumbnails of weights long changed (8.5 MB of the 10-12 MB still in use
#: at the end, by heaptrack). The style's own pixmaps take a small part of this.
PIXMAP_CACHE_KB = 3072


class MemoryManagement:
    """Made once the window is up: freezes what exists now out of later full
    collections; runs those, and hands freed memory back to the system, while the
    learner is not editing; keeps Qt's pixmap cache small. :meth:`stop` gives it back."""

    def __init__(self, parent: QObject) -> None:
        self._pixmap_cache_kb = QPixmapCache.cacheLimit()
        gc.freeze()
        QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.collections = FullCollections(parent)
        self.heap_return = HeapReturn(parent)

    def stop(self) -> None:
        """Python's own full collections, its unfrozen objects and Qt's pixmap cache
        come back (``main.main`` can then run again in the same process, as tests do)."""
        self.collections.stop()
        self.heap_return.stop()
        gc.unfreeze()
        QPixmapCache.setCacheLimit(self._pixmap_cache_kb)

