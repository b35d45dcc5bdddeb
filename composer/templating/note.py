"""The seller's personal note: a short text of their own, placed in every reply where a note
belongs.

A draft keeps the note among its values, one text per reply language under ``note.<code>``
(``note.en``, ``note.zh``): saved with the draft and the history like a field's value, and no
field can clash with it (a field's name has no dot). A template prints it as
``{{ personal_note }}``: the shared sign-off partial does, just before the sign-off; a reply
that prints it nowhere (a public review reply has no sign-off) gets it at its end. Written in
some languages only, the others show it inside their own marker asking for the translation
(``untranslated_note`` of ``[languages.<code>]`` in ``catalog.toml``), which the pre-send checks
report: every language works through data, none through code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from composer.templating.fields import Value
from composer.templating.scenario import Language

NOTE_PREFIX = "note."
NOTE_NAME = "personal_note"  # what a template prints
MAX_NOTE_LENGTH = 1000  # characters: a note is a sentence or two, not a second reply


def note_key(code: str) -> str:
    """Where the note in language ``code`` is kept among a draft's values: ``note.en``."""
    return f"{NOTE_PREFIX}{code}"


def is_note_key(name: str) -> bool:
    return name.startswith(NOTE_PREFIX)


def note_texts(values: Mapping[str, Value]) -> dict[str, str]:
    """The note's non-empty texts by language code, in the order the values hold them."""
    texts: dict[str, str] = {}
    for name, value in values.items():
        if is_note_key(name) and isinstance(value, str) and value.strip():
            texts[name[len(NOTE_PREFIX) :]] = value.strip()
    return texts


def note_values(values: Mapping[str, object]) -> dict[str, Value]:
    """The note's entries of ``values`` (a history record's, say), as text."""
    return {
        name: str(value)[:MAX_NOTE_LENGTH]
        for name, value in values.items()
        if is_note_key(name) and isinstance(value, str) and value.strip()
    }


def untranslated_marker(language: Language, text: str) -> str:
    """What ``language``'s reply shows for a note written only in another language."""
    return language.untranslated_note.replace("{note}", text)


class ShownNote:
    """The note as one language's reply prints it; false in an ``{% if %}`` when there is none.

    ``printed`` tells the renderer whether the template placed it (else it goes at the end);
    ``marker`` is the untranslated note's marker, or empty when the note is in this language.
    """

    __slots__ = ("marker", "printed", "source", "text")

    def __init__(self, language: Language, texts: Mapping[str, str], order: Iterable[str]) -> None:
        self.printed = False
        own = texts.get(language.code)
        self.source = language.code if own else ""
        self.marker = ""
        if own:
            self.text = own
            return
        # Another language's text, the first in the catalog's order, asking for a translation.
        for code in [*order, *texts]:
            if code in texts:
                self.source = code
                self.marker = self.text = untranslated_marker(language, texts[code])
                return
        self.text = ""

    def __str__(self) -> str:
        self.printed = True
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


UNSIGNED_KINDS = ("review-reply",)  # message kinds without a sign-off (a public reply)


def with_note(body: str, note: ShownNote, kind: str = "answer") -> str:
    """``body`` with the note where the template did not place it: before the last paragraph
    (the sign-off a template wrote itself), or at the end of a reply of a kind that signs off
    nowhere (``UNSIGNED_KINDS``)."""
    if not note or note.printed:
        return body
    paragraphs = body.strip().split("\n\n") if body.strip() else []
    at = len(paragraphs) if kind in UNSIGNED_KINDS else max(len(paragraphs) - 1, 0)
    return "\n\n".join([*paragraphs[:at], note.text, *paragraphs[at:]])
