"""The interface language: which translators are installed, and how texts follow them.

Switching
---------
:func:`set_language` removes the translators it installed before and installs the new
language's: ours (``resources/translations/cnn_lab_<code>.qm``) and, for Japanese, Qt's
own ``qtbase_ja.qm`` from :attr:`QLibraryInfo.LibraryPath.TranslationsPath` (the standard
dialog buttons: OK, Cancel, Save...). Installing or removing a translator makes Qt send
:attr:`QEvent.Type.LanguageChange` to every widget; :func:`set_language` delivers those
events before it returns, so the whole window is in the new language at once.

The first run follows the system locale (Japanese → ``"ja"``, anything else → ``"en"``);
the choice made in View ▸ Language is remembered in the app's settings
(:meth:`gui.app_settings.AppSettings.language`, a checked read: a bad value falls back);
``cnn-lab --language ja`` overrides both for one run.

English has a catalogue too, ``cnn_lab_en.qm``, holding only plural forms, so that
``"%n example(s)"`` reads "1 example" and "3 examples".

The pattern every widget follows
--------------------------------
* Build the widgets in ``__init__``; set **every** text in one ``retranslate()`` method
  (labels, buttons, group titles, tooltips, status tips, placeholders, combo-box items,
  tab texts, plot titles and axis labels); call ``self.retranslate()`` at the end of
  ``__init__``.
* Handle the language change::

      def changeEvent(self, event):
          if event.type() == QEvent.Type.LanguageChange:
              self.retranslate()
          super().changeEvent(event)

  Qt forwards LanguageChange to every child widget, so each panel retranslates its own
  texts only. (A LanguageChange can arrive while ``__init__`` still runs, e.g. when a
  child calls ``processEvents``; a widget whose ``retranslate`` needs every child should
  ignore it until ``__init__`` is done.) Objects that are not widgets (pyqtgraph items,
  QActions) are retranslated by the widget that owns them.
* Dynamic texts (status messages, the cell arithmetic, counts) are **re-rendered from
  stored values**: keep the numbers and a way to word them (a method, or a ``code`` and
  ``values``), never the finished string, and let ``retranslate()`` word them again.

The convention ``pyside6-lupdate`` can extract completely
---------------------------------------------------------
* ``self.tr("...")`` only in a class lupdate sees (a QObject subclass whose methods call
  ``self.tr`` directly): its context is the class name.
* Anywhere else, ``QCoreApplication.translate("Context", "...")`` with a **literal**
  context and a **literal** text.
* Never ``tr = self.tr`` aliases, never ``format_seconds(..., self.tr)``, never module
  wrappers such as ``def _tr(text): return QCoreApplication.translate("x", text)``:
  lupdate cannot see the strings behind them (or files them under an empty context that
  no translator matches).
* Whole sentences with numbered placeholders, filled in afterwards:
  ``self.tr("Saved {0} filters to {1}").format(count, name)`` — never sentences glued
  from translated fragments, whose word order only fits English.
* Plurals with Qt's ``%n``: ``self.tr("%n example(s)", "", n)`` or
  ``QCoreApplication.translate("Context", "%n example(s)", None, n)``; Qt puts the
  number in place of ``%n`` and picks the plural form from the catalogue.
* Engine and state errors carry a ``code`` and ``values``; :mod:`gui.common.error_text`
  words them in the current language.
* Proper names (CNN Lab, MNIST, ReLU, NumPy, PyTorch, Adam, SGD) stay as they are; the
  language names in View ▸ Language are always shown in their own language.

``scripts/update_translations.py`` refreshes the ``.ts`` catalogues from the source and
compiles them; ``--check`` fails when a message is missing, unfinished or context-less.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtGui import QFontDatabase

import resources

#: Language codes and their names, each written in its own language (never translated:
#: a learner who cannot read the current language must still find their own).
LANGUAGES = {"en": "English", "ja": "日本語"}
DEFAULT_LANGUAGE = "en"
TRANSLATIONS = resources.path("translations")
#: What to install when Japanese cannot be drawn (named in README.md too).
CJK_FONT_PACKAGE = "fonts-noto-cjk"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def catalogue(code: str) -> Path:
    """Our compiled catalogue for ``code`` (``resources/translations/cnn_lab_<code>.qm``)."""
    return TRANSLATIONS / f"cnn_lab_{code}.qm"


def system_language(locale: QLocale | None = None) -> str:
    """``"ja"`` when ``locale`` (default: the system's) is Japanese, otherwise ``"en"``."""
    locale = QLocale.system() if locale is None else locale
    return "ja" if locale.language() == QLocale.Language.Japanese else "en"


def current_language() -> str:
    """The code of the language :func:`set_language` installed last (``"en"`` at first)."""
    return _current


def _translators(code: str) -> list[QTranslator]:
    translators = []
    ours = QTranslator()
    if ours.load(str(catalogue(code))):
        translators.append(ours)
    if code != "en":
        qt_own = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{code}", folder):
            translators.append(qt_own)
    return translators


def set_language(code: str) -> list[QTranslator]:
    """Make ``code`` (a key of :data:`LANGUAGES`) the interface language now.

    Removes the translators installed before, installs ``code``'s and delivers the
    LanguageChange events Qt posts, so every widget has retranslated itself when this
    returns. Returns the translators installed (a missing catalogue is skipped: the
    source texts show). Raises ValueError for an unknown code.
    """
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {sorted(LANGUAGES)}")
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for translator in _translators(code):
        app.installTranslator(translator)
        _installed.append(translator)
    _current = code
    # Qt posts LanguageChange to each window; deliver them now rather than on the next
    # turn of the event loop, so callers (and a --screenshot) see the new texts at once.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return list(_installed)


def ensure_installed() -> None:
    """Install the current language's translators unless :func:`set_language` has run:
    a window built without ``main.py`` (a test, an embedding) still gets the English
    plural forms."""
    if not _installed:
        set_language(_current)


def startup_language(store, requested: str | None = None) -> str:
    """The language to start in: ``requested`` (``--language``) if given, otherwise the
    one remembered in ``store`` (an :class:`gui.app_settings.AppSettings`), otherwise the
    system locale's."""
    if requested is not None:
        return requested
    return store.language(system_language(), LANGUAGES)


def has_japanese_font() -> bool:
    """Whether any installed font can draw Japanese (without one, Qt draws boxes)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.Japanese))


def missing_font_message(code: str) -> str:
    """What to tell the learner when ``code``'s script has no font, or "" when it has one.

    Deliberately English and untranslated: the Japanese translation is exactly what the
    missing font cannot draw.
    """
    if code != "ja" or has_japanese_font():
        return ""
    return ("No installed font can draw Japanese, so Japanese text would show as boxes. "
            f"Install a CJK font (on Debian or Ubuntu: sudo apt install {CJK_FONT_PACKAGE}) "
            "and restart CNN Lab.")
