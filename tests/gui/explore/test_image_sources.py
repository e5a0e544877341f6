"""Reading the explorer's picture from files, clipboard and drops, without a widget."""

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage

from gui.common.image_io import ImageLoadError
from gui.common.samples import SAMPLES, load_sample, matching_sample
from gui.explore import image_sources


def png(path, width=8, height=5):
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 0, 0))
    assert image.save(str(path))
    return path


def test_file_urls_and_pasted_paths_name_local_files(qapp, tmp_path):
    path = png(tmp_path / "red.png")
    by_url = QMimeData()
    by_url.setUrls([QUrl.fromLocalFile(str(path)), QUrl("https://example.org/x.png")])
    assert image_sources.local_paths(by_url) == [str(path)]
    for text in (str(path), f"  {path}\n", QUrl.fromLocalFile(str(path)).toString()):
        as_text = QMimeData()
        as_text.setText(text)
        assert image_sources.mime_file(as_text) == str(path)
        assert image_sources.accepts_mime(as_text)


def test_text_that_is_no_file_names_nothing(qapp, tmp_path):
    for text in ("hello", "relative/path.png", str(tmp_path / "missing.png"),
                 f"{tmp_path}\n{tmp_path}", "/" * (image_sources.MAX_PATH_TEXT + 1)):
        mime = QMimeData()
        mime.setText(text)
        assert image_sources.local_paths(mime) == []
        assert not image_sources.accepts_mime(mime)
    assert not image_sources.accepts_mime(None)


def test_pixels_on_the_clipboard_become_rgb(qapp):
    mime = QMimeData()
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 255))
    mime.setImageData(image)
    assert image_sources.accepts_mime(mime) and image_sources.mime_file(mime) is None
    rgb = image_sources.read_mime_image(mime)
    assert rgb.shape == (3, 4, 3)
    assert np.allclose(rgb[..., 2], 1.0) and np.allclose(rgb[..., :2], 0.0)


def test_unreadable_clipboard_pixels_are_refused_with_a_reason(qapp):
    mime = QMimeData()
    mime.setImageData(QImage())
    with pytest.raises(ImageLoadError, match="could not be read"):
        image_sources.read_mime_image(mime)


def test_a_file_is_read_or_refused_by_name(qapp, tmp_path):
    rgb = image_sources.read_file(png(tmp_path / "red.png", 6, 2))
    assert rgb.shape == (2, 6, 3) and np.allclose(rgb[..., 0], 1.0)
    (tmp_path / "notes.png").write_text("not a picture")
    with pytest.raises(ImageLoadError, match="notes.png"):
        image_sources.read_file(tmp_path / "notes.png")


def test_a_sample_is_recognised_by_its_name_and_its_pixels(qapp):
    entry = SAMPLES[0]
    pixels = load_sample(entry.key)
    assert matching_sample(entry.title, pixels) == entry.key
    assert matching_sample(entry.title, 1.0 - pixels) is None
    assert matching_sample("no such sample", pixels) is None
