"""The built-in samples as a drop-down list: headed by category, with small thumbnails."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from gui.common.image_io import ImageLoadError, rgb_to_qimage
from gui.common.samples import CATEGORIES, SAMPLES, category_title, load_sample, sample

THUMB = 22  # sample thumbnail size in the picker, in pixels
#: The data role of a heading row that holds its category key.
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1


class SamplePicker(QComboBox):
    """A combo box listing :data:`gui.common.samples.SAMPLES` under category headings.

    Each choosable row holds its sample's key (``Qt.ItemDataRole.UserRole``), each heading
    its category key (``CATEGORY_ROLE``); headings and separators cannot be chosen. The
    owner sets the placeholder and tooltip texts and calls :meth:`retranslate` on a
    language change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxVisibleItems(24)
        model = QStandardItemModel(self)
        bold = QFont(self.font())
        bold.setBold(True)
        for category in CATEGORIES:
            if model.rowCount():
                model.appendRow(_separator_item())
            header = QStandardItem(category_title(category))
            header.setData(category, CATEGORY_ROLE)
            header.setFont(bold)
            # Disabled rows are greyed out; a heading should read clearly all the same.
            header.setForeground(self.palette().windowText())
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading, not a choice
            model.appendRow(header)
            for entry in SAMPLES:
                if entry.category == category:
                    item = QStandardItem(sample_thumbnail(entry.key), entry.title)
                    item.setData(entry.key, Qt.ItemDataRole.UserRole)
                    if entry.credit:
                        item.setToolTip(entry.credit_text)
                    model.appendRow(item)
        self.setModel(model)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setCurrentIndex(-1)

    def retranslate(self) -> None:
        """Name the headings, samples and credits in the current language; the chosen
        sample stays chosen (only texts change, no row)."""
        model = self.model()
        for row in range(model.rowCount()):
            item = model.item(row)
            category = item.data(CATEGORY_ROLE)
            key = item.data(Qt.ItemDataRole.UserRole)
            if category is not None:
                item.setText(category_title(category))
            elif key is not None:
                entry = sample(key)
                item.setText(entry.title)
                item.setToolTip(entry.credit_text)

    def key_at(self, index: int) -> str | None:
        """The sample key of row ``index``; None for headings, separators and -1."""
        return self.itemData(index, Qt.ItemDataRole.UserRole)

    def select_key(self, key: str | None) -> None:
        """Show sample ``key`` as chosen (nothing for None) without emitting a change."""
        index = self.findData(key, Qt.ItemDataRole.UserRole) if key else -1
        with QSignalBlocker(self):
            self.setCurrentIndex(index)


def sample_thumbnail(key: str) -> QIcon:
    """A small picture of a sample for the picker; pixel patterns stay crisp."""
    try:
        rgb = load_sample(key)
    except ImageLoadError:
        return QIcon()
    image = rgb_to_qimage(rgb)
    sharp = max(image.width(), image.height()) < THUMB
    image = image.scaled(THUMB - 2, THUMB - 2, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.FastTransformation if sharp
                         else Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    x, y = (THUMB - image.width()) // 2, (THUMB - image.height()) // 2
    painter.drawImage(x, y, image)
    painter.setPen(QColor(160, 160, 160))
    painter.drawRect(x - 1, y - 1, image.width() + 1, image.height() + 1)
    painter.end()
    return QIcon(pixmap)


def _separator_item() -> QStandardItem:
    # QComboBox's own delegate draws rows described as "separator" as a line.
    item = QStandardItem()
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    item.setData("separator", Qt.ItemDataRole.AccessibleDescriptionRole)
    return item
