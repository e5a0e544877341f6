"""The generated shapes' classes are the app's names, kept in English in models and data
and shown in the learner's language on every page; other class names show as they are."""


from engine import datasets
from engine.model import build_cnn
from gui import i18n
from gui.classify.page import ClassifyPage
from gui.common.display_names import class_name, class_names
from gui.state import LabState

JAPANESE_SHAPES = ("円", "正方形", "三角形", "バツ印", "横線", "縦線")


def test_shape_classes_are_worded_in_the_current_language_and_others_kept():
    i18n.set_language("ja")
    assert class_names(datasets.SHAPE_CLASSES) == JAPANESE_SHAPES
    assert class_names(datasets.MNIST_CLASSES) == datasets.MNIST_CLASSES
    assert class_name("my cat") == "my cat"
    assert class_names(range(3)) == ("0", "1", "2")
    i18n.set_language("en")
    assert class_name("circle") == "Circle"


def test_the_classify_page_speaks_of_shapes_in_japanese(qtbot):
    i18n.set_language("ja")
    state = LabState()
    page = ClassifyPage(state, seed=0)
    qtbot.addWidget(page)
    state.set_model(build_cnn(num_classes=6, filters=2, class_names=datasets.SHAPE_CLASSES))
    # The strip still knows each image's class by its key (it picks shape images by it).
    assert set(page.samples.labels) <= set(datasets.SHAPE_CLASSES)
    page.samples.buttons[0].click()
    assert page.bars.class_names == JAPANESE_SHAPES
    true_class = class_name(page.samples.labels[0])
    assert true_class in JAPANESE_SHAPES
    assert f"「{true_class}」" in page.input_box.origin_label.text()
    shown = [button.text() for button in page.samples.buttons if not button.isHidden()]
    assert shown and all(text.rstrip("…") and text[0] in "円正三バ横縦" for text in shown)
    assert not any(name in " ".join(shown) for name in datasets.SHAPE_CLASSES)
    i18n.set_language("en")  # the strip and the input box follow at once
    assert page.samples.buttons[0].text() == class_name(page.samples.labels[0])
    assert class_name(page.samples.labels[0]) in page.input_box.origin_label.text()

