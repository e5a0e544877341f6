"""The lessons, in the study note's order: the one place a lesson is added (one import
and one entry each)."""

from __future__ import annotations

from gui.lessons.lesson_convolution import ConvolutionLesson
from gui.lessons.lesson_feature_detector import FeatureDetectorLesson
from gui.lessons.lesson_flattening import FlatteningLesson
from gui.lessons.lesson_image_numbers import ImageNumbersLesson
from gui.lessons.lesson_many_filters import ManyFiltersLesson

LESSONS = (
    ImageNumbersLesson,
    FeatureDetectorLesson,
    ConvolutionLesson,
    ManyFiltersLesson,
    FlatteningLesson,
)


def lesson_keys() -> tuple[str, ...]:
    return tuple(lesson.key for lesson in LESSONS)
