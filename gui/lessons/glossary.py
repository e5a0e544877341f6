"""The glossary: each term in English and Japanese, one line saying what it is, and where
in CNN Lab it is seen.

The terms are those of /work/shared/GLOSSARY_JA.md (the project's one list of Japanese
terms). Both names are shown whatever the interface language, so a learner reading an
English textbook or the Japanese study note finds the word; the meaning and the place are
translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def terms() -> list[tuple[str, str, str, str]]:
    """(English, Japanese, meaning, where it is seen), the last two in the current
    language, in the study note's order."""
    return [
        ("pixel", "画素（ピクセル）",
         QCoreApplication.translate(
             "Glossary",
             "One cell of a picture, held as one number per channel."),
         QCoreApplication.translate(
             "Glossary", "Lesson 1; View ▸ Pixel values")),
        ("grayscale / binarise", "グレースケール / 二値化",
         QCoreApplication.translate(
             "Glossary",
             "One darkness value per pixel; binarising turns each into 0 (white) or 1 (black)."),
         QCoreApplication.translate(
             "Glossary", "Explore page, picture options; lesson 1")),
        ("channel", "チャンネル",
         QCoreApplication.translate(
             "Glossary",
             "One layer of numbers of an image: one for gray, three for colour (red, green, "
             "blue)."),
         QCoreApplication.translate(
             "Glossary", "Explore page, picture options")),
        ("feature detector", "特徴検出器",
         QCoreApplication.translate(
             "Glossary",
             "A small grid of weights laid over the picture to find one pattern, such as a "
             "vertical stroke."),
         QCoreApplication.translate(
             "Glossary", "Explore page, filter list; lesson 2")),
        ("filter, kernel", "フィルター、カーネル",
         QCoreApplication.translate(
             "Glossary",
             "Another name for a feature detector; the kernel is its grid of weights."),
         QCoreApplication.translate(
             "Glossary", "Explore page, kernel editor; lesson 2")),
        ("weight / bias", "重み / バイアス",
         QCoreApplication.translate(
             "Glossary",
             "The numbers a layer multiplies by, and the number it adds at the end."),
         QCoreApplication.translate(
             "Glossary", "Kernel editor; Every layer page")),
        ("convolution", "畳み込み",
         QCoreApplication.translate(
             "Glossary",
             "Sliding the kernel over the picture, multiplying cell by cell and adding the "
             "products."),
         QCoreApplication.translate(
             "Glossary", "Explore page, first stage; lesson 3")),
        ("feature map", "特徴マップ",
         QCoreApplication.translate(
             "Glossary",
             "The grid of sums one filter gives: large where its pattern is found."),
         QCoreApplication.translate(
             "Glossary", "Explore page, stage view; lessons 3 and 4")),
        ("stride", "ストライド",
         QCoreApplication.translate(
             "Glossary",
             "How many cells the window moves at each step."),
         QCoreApplication.translate(
             "Glossary", "Explore page, layer settings; lesson 3")),
        ("padding", "パディング",
         QCoreApplication.translate(
             "Glossary",
             "Rows and columns of zeros added round the picture so the window can reach its "
             "edges."),
         QCoreApplication.translate(
             "Glossary", "Explore page, layer settings; lesson 3")),
        ("receptive field", "受容野",
         QCoreApplication.translate(
             "Glossary",
             "The part of the input picture one value depends on."),
         QCoreApplication.translate(
             "Glossary", "Every layer page, when a unit is clicked")),
        ("activation function", "活性化関数",
         QCoreApplication.translate(
             "Glossary",
             "A function applied to each value after the sum; without a non-linear one, layers "
             "stay linear."),
         QCoreApplication.translate(
             "Glossary", "Explore page, layer settings; lesson 5")),
        ("ReLU", "ReLU（正規化線形関数）",
         QCoreApplication.translate(
             "Glossary",
             "Keeps positive values and turns negative ones into 0."),
         QCoreApplication.translate(
             "Glossary", "Explore page, second stage; lesson 5")),
        ("pooling", "プーリング",
         QCoreApplication.translate(
             "Glossary",
             "Keeping one value per small region (its largest or its mean), making the map "
             "smaller."),
         QCoreApplication.translate(
             "Glossary", "Explore page, third stage; lesson 6")),
        ("max pooling / average pooling", "最大値プーリング / 平均値プーリング",
         QCoreApplication.translate(
             "Glossary",
             "Pooling that keeps the largest value of each region, or their mean."),
         QCoreApplication.translate(
             "Glossary", "Explore page, layer settings; lesson 6")),
        ("flattening", "平坦化（Flatten）",
         QCoreApplication.translate(
             "Glossary",
             "Reading the pooled maps into one long vector, map by map, row by row."),
         QCoreApplication.translate(
             "Glossary", "Explore page, last stage; lesson 7")),
        ("fully connected layer", "全結合層",
         QCoreApplication.translate(
             "Glossary",
             "A layer in which every output is a weighted sum of every input."),
         QCoreApplication.translate(
             "Glossary", "Train page, architecture; lesson 8")),
        ("input / hidden / output layer", "入力層 / 隠れ層 / 出力層",
         QCoreApplication.translate(
             "Glossary",
             "Where the vector enters, the layers in between, and the layer giving one score per "
             "class."),
         QCoreApplication.translate(
             "Glossary", "Every layer page; lesson 8")),
        ("score (logit)", "スコア（ロジット）",
         QCoreApplication.translate(
             "Glossary",
             "The output layer's number for a class, before softmax."),
         QCoreApplication.translate(
             "Glossary", "Every layer page; lesson 9")),
        ("softmax function", "ソフトマックス関数",
         QCoreApplication.translate(
             "Glossary",
             "Turns the scores into probabilities that add up to 1."),
         QCoreApplication.translate(
             "Glossary", "Classify page, probability bars; lesson 9")),
        ("probability", "確率",
         QCoreApplication.translate(
             "Glossary",
             "How sure the network is of each class, from 0 to 1."),
         QCoreApplication.translate(
             "Glossary", "Classify page")),
        ("cross-entropy", "交差エントロピー誤差",
         QCoreApplication.translate(
             "Glossary",
             "The loss for classification: minus the log of the probability given to the true "
             "class."),
         QCoreApplication.translate(
             "Glossary", "Train page, loss curve; lesson 9")),
        ("squared error", "二乗誤差",
         QCoreApplication.translate(
             "Glossary",
             "The loss usual for regression: the square of the difference from the target."),
         QCoreApplication.translate(
             "Glossary", "Lesson 9")),
        ("loss", "損失",
         QCoreApplication.translate(
             "Glossary",
             "One number saying how wrong the network is; training makes it smaller."),
         QCoreApplication.translate(
             "Glossary", "Train page, curves")),
        ("gradient / gradient descent", "勾配 / 勾配降下法",
         QCoreApplication.translate(
             "Glossary",
             "How much the loss changes with each weight, and moving every weight a little "
             "against it."),
         QCoreApplication.translate(
             "Glossary", "Lesson 10")),
        ("back-propagation", "誤差逆伝播法",
         QCoreApplication.translate(
             "Glossary",
             "Working out every gradient from the output back to the first layer."),
         QCoreApplication.translate(
             "Glossary", "Lesson 10")),
        ("learning rate", "学習率",
         QCoreApplication.translate(
             "Glossary",
             "How big a step each update takes."),
         QCoreApplication.translate(
             "Glossary", "Train page, settings")),
        ("epoch / batch size", "エポック / バッチサイズ",
         QCoreApplication.translate(
             "Glossary",
             "One pass over the training images, and how many images each update uses."),
         QCoreApplication.translate(
             "Glossary", "Train page, settings")),
        ("accuracy", "正解率",
         QCoreApplication.translate(
             "Glossary",
             "The share of images the network classifies right."),
         QCoreApplication.translate(
             "Glossary", "Train page, results")),
        ("overfitting", "過学習",
         QCoreApplication.translate(
             "Glossary",
             "Learning the training images so closely that new images go worse."),
         QCoreApplication.translate(
             "Glossary", "Train page, curves")),
        ("confusion matrix", "混同行列",
         QCoreApplication.translate(
             "Glossary",
             "A table of which true class was predicted as which."),
         QCoreApplication.translate(
             "Glossary", "Train page, results")),
    ]


class GlossaryWindow(QDialog):
    """The glossary as a table the learner can filter by typing.

    Attributes
    ----------
    table : QTableWidget
        Columns: English, 日本語, meaning, where it is seen.
    filter_edit : QLineEdit
        Shows only the rows containing the typed text (in any column).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.resize(860, 560)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Row heights follow the wrapped meanings whenever a column's width changes.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Glossary"))
        self.intro.setText(self.tr(
            "Each term in English and in Japanese, what it is, and where CNN Lab shows it."))
        self.filter_edit.setPlaceholderText(self.tr("Find a term…"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("English"), self.tr("Japanese"), self.tr("Meaning"),
             self.tr("Where it is seen")])
        rows = terms()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self._fit_columns()
        self._filter(self.filter_edit.text())

    def _fit_columns(self) -> None:
        """Names as wide as they need, the meaning the most room, the place the rest."""
        self.table.resizeColumnsToContents()
        room = self.table.viewport().width() or self.width() - 40
        names = self.table.columnWidth(0) + self.table.columnWidth(1)
        self.table.setColumnWidth(2, max(220, int((room - names) * 0.6)))
        self.table.resizeRowsToContents()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for r in range(self.table.rowCount()):
            row = " ".join(self.table.item(r, c).text() for c in range(4)).casefold()
            self.table.setRowHidden(r, bool(needle) and needle not in row)

    def visible_terms(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())
                if not self.table.isRowHidden(r)]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
