"""How the app keeps its memory once the window is up (``main.py`` and the soak
benchmark install it)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmapCache

from gui.full_collections import FullCollections
from gui.heap_return import HeapReturn

#: Qt's pixmap cache, in KB (Qt's default is 10240). Every icon Qt draws goes into it
#: and stays after the icon is gone, until the cache is full: the filter list draws a new
#: thumbnail whenever a filter's weights change, so over the soak's 8000 edits the cache
#: filled with thumbnails of weights long changed (1.3 MB per 1000 edits, most of what
#: was still in use at the end). The style's own pixmaps take a small part of this.
PIXMAP_CACHE_KB = 3072


def settle_memory_management(parent: QObject) -> tuple[FullCollections, HeapReturn]:
    """Once the window is up: freeze what exists now out of later full collections; run
    those, and hand freed memory back to the system, while the learner is not editing;
    keep Qt's pixmap cache small."""
    gc.freeze()
    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
    return FullCollections(parent), HeapReturn(parent)
