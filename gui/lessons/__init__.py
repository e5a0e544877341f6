"""Lessons: the study note's ideas, one live lesson each, on the Learn page.

:mod:`~gui.lessons.base` is the shape of a lesson, :mod:`~gui.lessons.question` the
question a lesson asks, :mod:`~gui.lessons.progress` what is remembered between runs,
:mod:`~gui.lessons.registry` the lessons in order and :mod:`~gui.lessons.page` the page.
"""
