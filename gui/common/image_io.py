"""Reading pictures with Qt's decoders, and moving pixels between QImage and NumPy.

Arrays here are (H, W, 3) float32 RGB with 0 = dark and 1 = bright, or (H, W) ink
with 1 = black (see gui.common.preprocess).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt, qInstallMessageHandler
from PySide6.QtGui import QImage, QImageReader, QPixmap

from engine import fileio
from engine.folders import regular_file_problem
from gui.common.colormap import INK
from gui.common.error_text import CodedError

#: Pictures larger than this (in pixels) are refused before decoding: an absurdly large
#: or malicious header would otherwise make Qt allocate gigabytes.
MAX_PIXELS = 40_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Larger pictures are decoded scaled down to this long side, to bound memory.
MAX_DECODED_SIDE = 4096


class ImageLoadError(CodedError):
    """A file that cannot be shown as a picture: a ``code`` and ``values`` (always the
    file's ``name``), worded by :func:`gui.common.error_text.error_text`."""

    family = "image"


def supported_suffixes() -> list[str]:
    """File suffixes Qt can decode here, e.g. ``["bmp", "gif", "jpeg", "jpg", "png", ...]``."""
    return sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())


def load_image(path) -> np.ndarray:
    """Decode the picture at ``path`` into (H, W, 3) float32 RGB in [0, 1].

    Raises
    ------
    ImageLoadError
        For a missing, empty, unreadable, corrupt, non-image or absurdly large file.
    """
    path = Path(path)
    name = path.name
    # Only the file's status is read here: opening a named pipe would block until
    # another program writes into it.
    problem = regular_file_problem(path)
    if problem == "missing":
        raise ImageLoadError("missing", name=name)
    if problem in ("folder", "named_pipe", "device"):
        raise ImageLoadError(problem, name=name)
    if problem is not None:
        raise ImageLoadError("not_regular", name=name)
    size = path.stat().st_size
    if size == 0:
        raise ImageLoadError("empty", name=name)
    if size > MAX_FILE_BYTES:
        raise ImageLoadError("file_too_large", name=name, megabytes=size // (1024 * 1024))
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # respect the camera's EXIF orientation
    if not reader.canRead():
        raise ImageLoadError("unsupported", name=name)
    dims: QSize = reader.size()
    if dims.isValid() and dims.width() * dims.height() > MAX_PIXELS:
        raise ImageLoadError("too_many_pixels", name=name, width=dims.width(),
                             height=dims.height(), limit=MAX_PIXELS // 1_000_000)
    if dims.isValid() and max(dims.width(), dims.height()) > MAX_DECODED_SIDE:
        scale = MAX_DECODED_SIDE / max(dims.width(), dims.height())
        reader.setScaledSize(QSize(max(1, round(dims.width() * scale)),
                                   max(1, round(dims.height() * scale))))
    with _qt_warnings() as warnings:
        image = reader.read()
    damaged = [w for w in warnings if "corrupt" in w.lower() or "premature" in w.lower()]
    if damaged and not image.isNull():
        raise ImageLoadError("damaged", name=name, detail=damaged[0].strip())
    if image.isNull():
        raise ImageLoadError("undecodable", name=name, detail=reader.errorString())
    return qimage_to_rgb(image)


@contextlib.contextmanager
def _qt_warnings():
    """Collect the messages Qt prints meanwhile: some decoders (JPEG) report a truncated
    file only as a warning and return a half-grey picture."""
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, text: messages.append(text))
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """Any QImage -> (H, W, 3) float32 RGB in [0, 1]; transparency is composed on white."""
    if image.hasAlphaChannel():
        rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
        arr = _bytes_view(rgba, 4).astype(np.float32) / 255.0
        alpha = arr[:, :, 3:4]
        return np.ascontiguousarray(arr[:, :, :3] * alpha + (1.0 - alpha))
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return _bytes_view(rgb, 3).astype(np.float32) / 255.0


def _bytes_view(image: QImage, channels: int) -> np.ndarray:
    h, w = image.height(), image.width()
    # Rows may be padded to 4-byte boundaries: read with the real stride, then crop.
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return buffer.reshape(h, image.bytesPerLine())[:, :w * channels].reshape(h, w, channels)


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG, in memory (empty if Qt could not encode it)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return b""
    return bytes(buffer.data())


def save_png(image: QImage, path) -> None:
    """Write ``image`` as a PNG file the safe way (:func:`engine.fileio.write_bytes`: a
    temporary file, flushed and size-checked, renamed over ``path``). On any failure,
    a full disk included, OSError is raised and an earlier file at ``path`` is kept."""
    data = png_bytes(image)
    if not data:
        raise fileio.WriteFailed(f"{Path(path).name} could not be encoded as PNG")
    fileio.write_bytes(path, data)


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """(H, W, 3) or (H, W) floats in [0, 1], or uint8 in [0, 255], -> a QImage that owns
    its pixels."""
    rgb = np.asarray(rgb)
    if rgb.dtype != np.uint8:
        rgb = np.clip(rgb.astype(np.float32) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    if rgb.ndim == 2:
        rgb = np.repeat(rgb[:, :, None], 3, axis=2)
    data = np.ascontiguousarray(rgb)
    h, w, _ = data.shape
    return QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def ink_to_qimage(ink: np.ndarray) -> QImage:
    """(H, W) ink in [0, 1], 1 = black (of (C, H, W) the channels' mean), drawn black on
    white; NaN counts as no ink."""
    ink = np.nan_to_num(np.asarray(ink, dtype=np.float32))
    if ink.ndim == 3:
        ink = ink.mean(axis=0)
    # The explorer's ink map, so a picture looks the same here as in its input stage.
    return INK.qimage(ink, (0.0, 1.0))


def ink_pixmap(ink: np.ndarray, scale: int = 1) -> QPixmap:
    """:func:`ink_to_qimage` ``scale`` times larger with square pixels (no smoothing), so
    the learner sees the grid the network reads."""
    image = ink_to_qimage(ink)
    return QPixmap.fromImage(image.scaled(image.width() * scale, image.height() * scale,
                                          Qt.AspectRatioMode.IgnoreAspectRatio,
                                          Qt.TransformationMode.FastTransformation))
