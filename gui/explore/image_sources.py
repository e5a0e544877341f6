"""Where the explorer's picture comes from: files, the clipboard, drops and the samples.

No widget: these functions turn a path or a ``QMimeData`` into (H, W, 3) float32 RGB, or
raise :class:`gui.common.image_io.ImageLoadError` (a code and values; ``str()`` words it in
the current language, so a message on show can be worded again after a language
switch). The :class:`gui.explore.image_panel.ImagePanel` calls them and shows what they
return, so the sentences of :class:`PictureError` are filed under its translation context.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QMimeData, QUrl
from PySide6.QtGui import QImage, QPixmap

from engine import lab_file
from gui.common.error_text import system_reason
from gui.common.image_io import MAX_PIXELS, ImageLoadError, load_image, qimage_to_rgb

#: A picture whose long side exceeds this, arriving while the working size is "Original",
#: is worked on at `AUTO_WORKING_SIZE` instead: a phone photo at full size would make
#: every edit take seconds.
LARGE_SIDE = 1024
AUTO_WORKING_SIZE = 512
#: Pasted text longer than this is not a file path; do not stat it.
MAX_PATH_TEXT = 4096


class PictureError(ImageLoadError):
    """A picture from a file, the clipboard or a drop that cannot be shown, for a reason
    :func:`gui.common.image_io.load_image` does not know: ``open_failed`` (``name``,
    ``reason``: the system's words), ``unreadable`` or ``too_large`` (``width``,
    ``height``, ``limit`` in megapixels)."""

    def __str__(self) -> str:
        v = self.values
        if self.code == "open_failed":
            return QCoreApplication.translate(
                "ImagePanel", "“{0}” could not be opened: {1}").format(v["name"], v["reason"])
        if self.code == "unreadable":
            return QCoreApplication.translate("ImagePanel", "The picture could not be read.")
        if self.code == "too_large":
            return QCoreApplication.translate(
                "ImagePanel",
                "The picture is too large ({0}×{1} pixels); the limit is {2} megapixels."
            ).format(v["width"], v["height"], v["limit"])
        return super().__str__()


def read_file(path) -> np.ndarray:
    """The picture in file ``path``; ImageLoadError says why when there is none."""
    try:
        return load_image(path)
    except (OSError, MemoryError) as error:
        reason = system_reason(error)
        raise PictureError("open_failed", name=Path(path).name, reason=reason) from error


def accepts_mime(mime: QMimeData | None) -> bool:
    """Whether ``mime`` (dragged, dropped or pasted) could give a picture. A lab file is
    not one: refused here, its drop goes on to the window, which opens it as a lab."""
    if mime is None:
        return False
    paths = local_paths(mime)
    if paths and Path(paths[0]).suffix.lower() == lab_file.SUFFIX:
        return False
    return bool(mime.hasImage() or paths)


def mime_file(mime: QMimeData) -> str | None:
    """The first local file ``mime`` names, if it names one (a file wins over pixels)."""
    paths = local_paths(mime)
    return paths[0] if paths else None


def read_mime_image(mime: QMimeData) -> np.ndarray:
    """The pixels ``mime`` carries; ImageLoadError when unreadable or too large."""
    image = mime.imageData()
    if isinstance(image, QPixmap):
        image = image.toImage()
    if not isinstance(image, QImage) or image.isNull():
        raise PictureError("unreadable")
    if image.width() * image.height() > MAX_PIXELS:
        raise PictureError("too_large", width=image.width(), height=image.height(),
                           limit=MAX_PIXELS // 1_000_000)
    return qimage_to_rgb(image)


def local_paths(mime: QMimeData) -> list[str]:
    """Local files named by ``mime``: file URLs, or text holding one path or file URL."""
    if mime.hasUrls():
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if mime.hasText():
        text = mime.text().strip()
        if not text or len(text) > MAX_PATH_TEXT or "\n" in text:
            return []
        if text.startswith("file:"):
            url = QUrl(text)
            return [url.toLocalFile()] if url.isLocalFile() else []
        try:
            path = Path(text).expanduser()
            if path.is_absolute() and path.is_file():
                return [str(path)]
        except (OSError, RuntimeError, ValueError):  # not a usable path, just text
            return []
    return []
