"""The interface language: gettext catalogs for our strings, Qt's own for its dialogs.

Every visible string in ``ui/`` goes through ``_()`` (or ``N_()`` where the text is defined
before a language is chosen and translated where it is shown). Widgets put their texts in a
``retranslate()`` method, which runs once when they are built and again on a language switch.

The interface language is independent of the reply languages: a seller can read the app in
Chinese and still send the English reply. ``content_language()`` maps it to the catalog's
language code used for scenario titles, field labels and guidance.
"""

from __future__ import annotations

import gettext
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

if TYPE_CHECKING:
    from composer.templating.scenario import Language

log = logging.getLogger(__name__)

DOMAIN = "reply_composer"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SYSTEM = ""  # the setting's value for "follow the system language"
# The interface languages, each named in itself (as a language menu shows them).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_current = "en"
_qt_translators: list[QTranslator] = []


def _(text: str) -> str:
    """The text in the current interface language."""
    return _translations.gettext(text)


def N_(text: str) -> str:
    """Marks a text for translation without translating it yet."""
    return text


def current() -> str:
    """The interface language now in use, e.g. ``en`` or ``zh_CN``."""
    return _current


def content_language(language: str | None = None) -> str:
    """The reply-language code whose titles and labels suit the interface, e.g. ``zh``."""
    return (language or _current).split("_")[0]


def language_name(locale: str, fallback: str) -> str:
    """A reply language named in the interface language ("英语" for en_US in Chinese);
    ``fallback`` when Babel does not know it. Babel is imported here, when the panes are
    built after the first paint (the frame never names a reply language)."""
    from babel import Locale, UnknownLocaleError

    try:
        code = Locale.parse(locale).language
        return str(Locale.parse(_current).languages.get(code) or fallback)
    except (UnknownLocaleError, ValueError):
        return fallback


def reply_language_name(language: Language) -> str:
    """A reply language named in the interface language: its own ``names`` entry ("Spanish",
    "西班牙语"), else Babel's name for its locale, else its ``name``."""
    return language.names.get(content_language()) or language_name(language.locale, language.name)


def system_language() -> str:
    """The supported interface language closest to the system's: Chinese or English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_")
        if code.startswith("zh"):
            return "zh_CN"
        if code.startswith("en"):
            return "en"
    return "en"


def resolve(setting: str | None) -> str:
    """The language a setting asks for: itself if supported, else the system's."""
    return setting if setting in LANGUAGES else system_language()


def set_language(language: str) -> str:
    """Switch every later ``_()`` and Qt's own dialogs to ``language``; returns it.

    Widgets already built change when their ``retranslate()`` runs. A missing catalog
    leaves the interface in English and says so in the log.
    """
    global _translations, _current
    language = language if language in LANGUAGES else "en"
    if language == "en":
        _translations = gettext.NullTranslations()
    else:
        try:
            _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
        except OSError:
            log.warning("no compiled %s translation in %s; showing English", language, LOCALE_DIR)
            _translations = gettext.NullTranslations()
    _current = language
    _install_qt_translations(language)
    return language


def _install_qt_translations(language: str) -> None:
    """Qt's own strings (dialog buttons, context menus) in the same language."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _qt_translators:
        QCoreApplication.removeTranslator(translator)
    _qt_translators.clear()
    if language == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        QCoreApplication.installTranslator(translator)
        _qt_translators.append(translator)
    else:
        log.info("Qt's own %s translation is not available in %s", language, folder)
