"""Decoding picture files with Qt (gui.common.image_io) and turning them into numbers."""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from gui.common import image_io
from gui.common.image_io import ImageLoadError, load_image, qimage_to_rgb, rgb_to_qimage
from gui.common.preprocess import Preprocess, prepare, resize

RED, GREEN, BLUE, WHITE, BLACK = ((255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255),
                                  (0, 0, 0))


@pytest.fixture
def qapp_ready(qapp):
    """Image plugins need a (Gui)Application; pytest-qt's ``qapp`` provides one."""
    return qapp


def quadrant_image(width: int = 40, height: int = 30) -> QImage:
    """Red top-left, green top-right, blue bottom-left, white bottom-right quadrants."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    hw, hh = width // 2, height // 2
    for (x0, y0, colour) in ((0, 0, RED), (hw, 0, GREEN), (0, hh, BLUE), (hw, hh, WHITE)):
        for y in range(y0, y0 + hh):
            for x in range(x0, x0 + hw):
                image.setPixelColor(x, y, QColor(*colour))
    return image


def save(image: QImage, path, fmt: str | None = None) -> None:
    assert image.save(str(path), fmt), f"Qt could not write {path}"


@pytest.fixture
def png_file(qapp_ready, tmp_path):
    path = tmp_path / "quadrants.png"
    save(quadrant_image(), path)
    return path


# --------------------------------------------------------------------------- loading
@pytest.mark.parametrize(("suffix", "tolerance"), [("png", 0.0), ("bmp", 0.0), ("jpg", 0.08)])
def test_load_real_files(qapp_ready, tmp_path, suffix, tolerance):
    path = tmp_path / f"picture.{suffix}"
    save(quadrant_image(40, 30), path)
    rgb = load_image(path)
    assert rgb.shape == (30, 40, 3)
    assert rgb.dtype == np.float32
    assert 0.0 <= rgb.min() and rgb.max() <= 1.0
    # Sample well inside each quadrant (JPEG blurs edges between colour blocks).
    np.testing.assert_allclose(rgb[5, 5], [1, 0, 0], atol=tolerance)
    np.testing.assert_allclose(rgb[5, 35], [0, 1, 0], atol=tolerance)
    np.testing.assert_allclose(rgb[25, 5], [0, 0, 1], atol=tolerance)
    np.testing.assert_allclose(rgb[25, 35], [1, 1, 1], atol=tolerance)


def test_odd_width_rows_are_not_skewed(qapp_ready, tmp_path):
    """RGB888 rows are padded to 4 bytes; a width of 3 exposes a wrong stride."""
    image = QImage(3, 2, QImage.Format.Format_RGB32)
    image.fill(QColor(*BLACK))
    image.setPixelColor(2, 0, QColor(*RED))
    image.setPixelColor(0, 1, QColor(*BLUE))
    path = tmp_path / "odd.png"
    save(image, path)
    rgb = load_image(path)
    expected = np.zeros((2, 3, 3), np.float32)
    expected[0, 2] = (1, 0, 0)
    expected[1, 0] = (0, 0, 1)
    np.testing.assert_array_equal(rgb, expected)


def test_grayscale_file(qapp_ready, tmp_path):
    gray = QImage(5, 4, QImage.Format.Format_Grayscale8)
    gray.fill(QColor(51, 51, 51))
    save(gray, tmp_path / "gray.png")
    rgb = load_image(tmp_path / "gray.png")
    assert rgb.shape == (4, 5, 3)
    np.testing.assert_allclose(rgb, 0.2, atol=1e-6)


def test_transparency_is_composed_on_white(qapp_ready, tmp_path):
    image = QImage(2, 1, QImage.Format.Format_ARGB32)
    image.setPixelColor(0, 0, QColor(0, 0, 0, 0))      # fully transparent black
    image.setPixelColor(1, 0, QColor(0, 0, 0, 128))    # half-transparent black
    path = tmp_path / "alpha.png"
    save(image, path)
    rgb = load_image(path)
    np.testing.assert_allclose(rgb[0, 0], [1, 1, 1], atol=1e-6)
    np.testing.assert_allclose(rgb[0, 1], [127 / 255] * 3, atol=0.01)


def test_rgb_qimage_round_trip(qapp_ready):
    rng = np.random.default_rng(3)
    rgb = np.round(rng.random((7, 5, 3)) * 255) / 255
    back = qimage_to_rgb(rgb_to_qimage(rgb))
    np.testing.assert_allclose(back, rgb, atol=1e-6)
    gray = rgb_to_qimage(np.full((2, 3), 0.5))
    assert (gray.width(), gray.height()) == (3, 2)


def test_supported_suffixes_include_the_common_formats(qapp_ready):
    suffixes = image_io.supported_suffixes()
    assert {"png", "jpg", "jpeg", "bmp", "gif"} <= set(suffixes)


# --------------------------------------------------------------------------- failures
def assert_refused(path, *words):
    with pytest.raises(ImageLoadError) as info:
        load_image(path)
    message = str(info.value)
    assert message.strip()
    assert path.name in message  # the learner is told which file
    for word in words:
        assert word in message
    assert isinstance(info.value, ValueError)
    return message


def test_missing_file(qapp_ready, tmp_path):
    assert_refused(tmp_path / "nowhere.png", "does not exist")


def test_directory(qapp_ready, tmp_path):
    folder = tmp_path / "pictures.png"
    folder.mkdir()
    assert_refused(folder, "folder")


def test_a_named_pipe_is_called_a_named_pipe_and_never_blocks(qapp_ready, tmp_path):
    import os
    import threading
    pipe = tmp_path / "picture.png"
    os.mkfifo(pipe)
    errors = []
    # Opening a pipe blocks until someone writes to it: run in a thread and check it ends.
    reader = threading.Thread(target=lambda: errors.append(_refusal(pipe)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a named pipe blocked"
    assert errors == ["“picture.png” is a named pipe, not an image file."]


def _refusal(path) -> str:
    try:
        load_image(path)
    except ImageLoadError as error:
        return str(error)
    return "accepted"


def test_empty_file(qapp_ready, tmp_path):
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    assert_refused(path, "empty")


def test_random_bytes_named_png(qapp_ready, tmp_path):
    path = tmp_path / "noise.png"
    path.write_bytes(np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    assert_refused(path)


def test_text_file_renamed_jpg(qapp_ready, tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("These are my lecture notes, not a photograph.\n" * 20)
    assert_refused(path)


def test_truncated_png(qapp_ready, tmp_path, png_file):
    data = png_file.read_bytes()
    path = tmp_path / "half.png"
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, "damaged")


def png_header_only(width: int, height: int) -> bytes:
    """A syntactically valid PNG start whose IHDR claims ``width`` × ``height`` pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_absurd_size_is_refused_before_decoding(qapp_ready, tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(100_000, 100_000))
    assert_refused(path, "too large", "100000×100000")


def test_size_guard_uses_max_pixels(qapp_ready, png_file, monkeypatch):
    assert load_image(png_file).shape == (30, 40, 3)
    monkeypatch.setattr(image_io, "MAX_PIXELS", 40 * 30 - 1)
    assert_refused(png_file, "too large")


def test_file_size_guard(qapp_ready, png_file, monkeypatch):
    monkeypatch.setattr(image_io, "MAX_FILE_BYTES", 10)
    assert_refused(png_file, "too large")


# --------------------------------------------------------------------------- preprocess
def test_gray_is_darkness():
    rgb = np.zeros((1, 3, 3), np.float32)
    rgb[0, 0] = 1.0                 # white paper
    rgb[0, 2] = 0.5                 # mid gray
    image = prepare(rgb, Preprocess(color="gray"))
    assert image.shape == (1, 1, 3) and image.dtype == np.float32
    np.testing.assert_allclose(image[0, 0], [0.0, 1.0, 0.5], atol=1e-6)


def test_luma_weights_colours():
    pure = np.eye(3, dtype=np.float32)[None]  # red, green, blue pixels
    darkness = prepare(pure, Preprocess())[0, 0]
    np.testing.assert_allclose(darkness, 1 - np.array([0.299, 0.587, 0.114]), atol=1e-6)


def test_binarise_gives_only_zeros_and_ones():
    ramp = np.repeat(np.linspace(0, 1, 11, dtype=np.float32)[None, :, None], 3, axis=2)
    image = prepare(ramp, Preprocess(binarize=True, threshold=0.3))
    assert set(np.unique(image)) == {0.0, 1.0}
    darkness = 1 - ramp[0, :, 0]
    np.testing.assert_array_equal(image[0, 0], (darkness >= 0.3).astype(np.float32))


def test_invert_flips_values():
    rng = np.random.default_rng(1)
    rgb = rng.random((4, 6, 3), dtype=np.float32)
    for color in ("gray", "rgb"):
        plain = prepare(rgb, Preprocess(color=color))
        inverted = prepare(rgb, Preprocess(color=color, invert=True))
        np.testing.assert_allclose(inverted, 1 - plain, atol=1e-6)


def test_rgb_keeps_three_channels_in_chw_order():
    rgb = np.zeros((2, 3, 3), np.float32)
    rgb[1, 2] = (0.25, 0.5, 0.75)
    image = prepare(rgb, Preprocess(color="rgb"))
    assert image.shape == (3, 2, 3)
    assert image.flags.c_contiguous
    np.testing.assert_allclose(image[:, 1, 2], [0.25, 0.5, 0.75])


@pytest.mark.parametrize(("shape", "size", "expected"), [
    ((40, 20), 28, (28, 14)),
    ((170, 256), 28, (19, 28)),
    ((30, 30), 64, (64, 64)),
    ((9, 9), None, (9, 9)),
])
def test_resize_sets_the_long_side(qapp_ready, shape, size, expected):
    rgb = np.ones((*shape, 3), np.float32)
    assert resize(rgb, size).shape == (*expected, 3)
    assert prepare(rgb, Preprocess(size=size)).shape == (1, *expected)
    # Uniform white stays white through smooth scaling: no dark border creeps in.
    np.testing.assert_allclose(prepare(rgb, Preprocess(size=size)), 0.0, atol=1e-6)


def test_truncated_jpeg_is_refused(tmp_path):
    from PySide6.QtGui import QImage

    from gui.common.image_io import ImageLoadError, load_image, rgb_to_qimage

    rng = np.random.default_rng(1)
    full = tmp_path / "photo.jpg"
    assert rgb_to_qimage(rng.random((120, 160, 3))).save(str(full), "JPG")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    assert load_image(full).shape == (120, 160, 3)
    with pytest.raises(ImageLoadError, match="damaged"):
        load_image(cut)
    assert not QImage(str(full)).isNull()


def test_huge_pictures_are_decoded_scaled_down(tmp_path, monkeypatch):
    import gui.common.image_io as image_io

    monkeypatch.setattr(image_io, "MAX_DECODED_SIDE", 50)
    path = tmp_path / "big.png"
    assert image_io.rgb_to_qimage(np.zeros((100, 200, 3))).save(str(path))
    assert image_io.load_image(path).shape == (25, 50, 3)
