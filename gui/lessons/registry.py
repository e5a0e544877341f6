"""The lessons, in the study note's order: the one place a lesson is added (one import
and one entry each)."""

from __future__ import annotations

from gui.lessons.lesson_backprop import BackpropLesson
from gui.lessons.lesson_convolution import ConvolutionLesson
from gui.lessons.lesson_feature_detector import FeatureDetectorLesson
from gui.lessons.lesson_flattening import FlatteningLesson
from gui.lessons.lesson_full_connection import FullConnectionLesson
from gui.lessons.lesson_image_numbers import ImageNumbersLesson
from gui.lessons.lesson_many_filters import ManyFiltersLesson
from gui.lessons.lesson_pooling import PoolingLesson
from gui.lessons.lesson_relu import ReluLesson
from gui.lessons.lesson_softmax import SoftmaxLesson

LESSONS = (
    ImageNumbersLesson,
    FeatureDetectorLesson,
    ConvolutionLesson,
    ManyFiltersLesson,
    ReluLesson,
    PoolingLesson,
    FlatteningLesson,
    FullConnectionLesson,
    SoftmaxLesson,
    BackpropLesson,
)


def lesson_keys() -> tuple[str, ...]:
    return tuple(lesson.key for lesson in LESSONS)
