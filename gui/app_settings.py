"""The app's one settings store and its one "last folder".

Every remembered value is read through :class:`AppSettings`, which checks it. A missing
value is the default; a corrupt one (the wrong type, a 400-digit number, JSON nested
thousands deep, a geometry Qt cannot restore...) is the default too, is logged once and is
removed from the file, so a damaged settings file never stops CNN Lab from starting.

Panels reach the store with :func:`current`; the main window :func:`install`\\ s the one it
was given, so tests and ``--screenshot`` run on a throw-away file of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)

ORGANIZATION = "CNN Lab"
APPLICATION = "CNN Lab"
LAST_FOLDER_KEY = "files/last_folder"
#: The interface language chosen in View ▸ Language (a code such as "en" or "ja").
LANGUAGE_KEY = "view/language"

T = TypeVar("T")


class AppSettings:
    """Checked access to one :class:`QSettings` (the user's, unless one is given)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings(
            ORGANIZATION, APPLICATION)
        self._reported: set[str] = set()

    # --- reading -------------------------------------------------------------------
    def read(self, key: str, default: T, parse: Callable[[object], T]) -> T:
        """``parse(stored value)``, or ``default`` when the key is absent or ``parse``
        fails. A failure is logged (once per key) and the bad value removed."""
        raw = self.qsettings.value(key)
        if raw is None:
            return default
        try:
            return parse(raw)
        # Any exception: whatever a damaged file holds, the app must still start.
        except Exception as error:  # noqa: BLE001
            self.reject(key, error)
            return default

    def reject(self, key: str, error: BaseException | str) -> None:
        """Forget the saved ``key``, which could not be used, and log why (once)."""
        if key not in self._reported:
            self._reported.add(key)
            log.warning("Ignoring the saved setting %r in %s (%s); using the default.",
                        key, self.qsettings.fileName(), _describe(error))
        self.qsettings.remove(key)

    def text(self, key: str, default: str = "") -> str:
        return self.read(key, default, as_text)

    def integer(self, key: str, default: int, minimum: int, maximum: int) -> int:
        def parse(raw) -> int:
            value = int(as_text(raw).strip()) if not isinstance(raw, int) else raw
            if not minimum <= value <= maximum:
                raise ValueError(f"{_short(value)} is outside {minimum}..{maximum}")
            return value
        return self.read(key, default, parse)

    def choice(self, key: str, default: str, choices) -> str:
        def parse(raw) -> str:
            value = as_text(raw)
            if value not in choices:
                raise ValueError(f"{_short(value)} is not one of {sorted(choices)}")
            return value
        return self.read(key, default, parse)

    def language(self, default: str, choices) -> str:
        """The remembered interface language (one of ``choices``), else ``default``."""
        return self.choice(LANGUAGE_KEY, default, choices)

    # --- writing -------------------------------------------------------------------
    def write(self, key: str, value) -> None:
        self.qsettings.setValue(key, value)
        self._reported.discard(key)

    def sync(self) -> None:
        self.qsettings.sync()

    def reset(self) -> None:
        """Forget every remembered value (``cnn-lab --reset-settings``)."""
        self.qsettings.clear()
        self.qsettings.sync()

    def file_name(self) -> str:
        """Where the settings live (a file, or a registry path on Windows)."""
        return self.qsettings.fileName()

    def remember_language(self, code: str) -> None:
        self.write(LANGUAGE_KEY, code)
        self.sync()

    # --- the last folder -----------------------------------------------------------
    def last_folder(self) -> str:
        """The folder every file dialog starts in: the last one used while it exists,
        otherwise the home folder."""
        folder = self.read(LAST_FOLDER_KEY, "", _as_folder_name)
        try:
            if folder and Path(folder).is_dir():
                return folder
        except OSError:  # unreadable (a lost network share...): not corrupt, just unusable
            pass
        return str(Path.home())

    def remember_folder(self, path) -> None:
        """Make the folder of ``path`` (or ``path`` itself, if a folder) the last folder."""
        if not path:
            return
        path = Path(path)
        try:
            folder = path if path.is_dir() else path.parent
            if folder.is_dir():
                self.write(LAST_FOLDER_KEY, str(folder.resolve()))
        except (OSError, ValueError):
            pass  # nothing worth remembering


def as_text(raw) -> str:
    """A stored value that must be a string (QSettings turns "a, b" into a list)."""
    if not isinstance(raw, str):
        raise TypeError(f"expected text, found {type(raw).__name__}")
    return raw


def _as_folder_name(raw) -> str:
    name = as_text(raw)
    if "\0" in name or not Path(name).is_absolute():
        raise ValueError(f"{_short(name)} is not the name of a folder")
    return name


def _short(value, limit: int = 40) -> str:
    if isinstance(value, int):  # str() of a huge int is slow, or refused beyond 4300 digits
        digits = int(abs(value).bit_length() * 0.30103) + 1
        return str(value) if digits < limit else f"a {digits}-digit number"
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _describe(error: BaseException | str) -> str:
    if isinstance(error, str):
        return error
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return f"{type(error).__name__}: {_short(str(error), 120)}"


_current: AppSettings | None = None


def current() -> AppSettings:
    """The app's settings store (the user's own until :func:`install` replaces it)."""
    global _current
    if _current is None:
        _current = AppSettings()
    return _current


def install(qsettings: QSettings | None = None) -> AppSettings:
    """Make a store over ``qsettings`` (default: the user's) the app's one, and return it."""
    global _current
    _current = AppSettings(qsettings)
    return _current
