"""What the lessons remember between runs, in the app's one settings store.

The learner's place (the key of the lesson last open) and, per lesson, the answer given
to its question and whether it was right. Read through :mod:`gui.app_settings`, so a
damaged value is forgotten instead of stopping the app.
"""

from __future__ import annotations

import json

from gui import app_settings
from gui.app_settings import as_text

PLACE_KEY = "lessons/place"
ANSWER_PREFIX = "lessons/answers/"
#: Set once the first-run prompt has been answered (either way), so it is offered once.
OFFERED_KEY = "lessons/offered"


def place(default: str = "") -> str:
    """The key of the lesson the learner was last on, or ``default``."""
    return app_settings.current().text(PLACE_KEY, default)


def remember_place(key: str) -> None:
    store = app_settings.current()
    store.write(PLACE_KEY, key)
    store.sync()


def _as_answer(raw) -> dict:
    value = json.loads(as_text(raw))
    if not (isinstance(value, dict) and isinstance(value.get("given"), str)
            and isinstance(value.get("right"), bool)):
        raise ValueError("not a remembered answer")
    return value


def answer(key: str) -> dict | None:
    """``{"given": text, "right": bool}`` for lesson ``key``'s question, or None."""
    return app_settings.current().read(ANSWER_PREFIX + key, None, _as_answer)


def remember_answer(key: str, given: str, right: bool) -> None:
    store = app_settings.current()
    store.write(ANSWER_PREFIX + key, json.dumps({"given": given, "right": bool(right)}))
    store.sync()


def offered() -> bool:
    return app_settings.current().read(OFFERED_KEY, False, _as_flag)


def remember_offered() -> None:
    store = app_settings.current()
    store.write(OFFERED_KEY, "true")
    store.sync()


def _as_flag(raw) -> bool:
    text = as_text(raw)
    if text not in ("true", "false"):
        raise ValueError("not true or false")
    return text == "true"
