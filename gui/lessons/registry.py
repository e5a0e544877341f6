"""The lessons, in the study note's order: the one place a lesson is added (one import
and one entry each)."""

from __future__ import annotations

from gui.lessons.lesson_image_numbers import ImageNumbersLesson

LESSONS = (
    ImageNumbersLesson,
)


def lesson_keys() -> tuple[str, ...]:
    return tuple(lesson.key for lesson in LESSONS)
