"""The interface language: gettext catalogs for our strings, Qt's own for its dialogs.

Every visible string in ``ui/`` goes through ``_()`` (or ``N_()`` where the text is defined
before a language is chosen and translated where it is shown). Widgets put their texts in a
``retranslate()`` method, which runs once when they are built and again on a language switch.
"""

from __future__ import annotations

import gettext

_translations: gettext.NullTranslations = gettext.NullTranslations()


def _(text: str) -> str:
    """The text in the current interface language."""
    return _translations.gettext(text)


def N_(text: str) -> str:
    """Marks a text for translation without translating it yet."""
    return text
