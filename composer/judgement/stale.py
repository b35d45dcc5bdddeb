"""Values an edited reply still shows after the seller changed them in the form.

Once the seller edits a reply, the form no longer writes into it: a changed order number stays
the old one in the edited text. The window keeps, for each edited reply, the values its text
was last in step with; a value that has changed since and whose old text the reply still shows
is an error, with the form's new text as its fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

from composer.judgement.findings import MAX_PER_KIND, Check
from composer.templating.fields import Field, FieldType, Value
from composer.templating.formatting import DATE_STYLES, format_day, format_value
from composer.templating.note import NOTE_PREFIX, ShownNote, note_texts
from composer.templating.printed_values import marker
from composer.templating.scenario import Language, Scenario


def stale_values(
    scenario: Scenario,
    base: Mapping[str, Value],
    values: Mapping[str, Value],
    language: Language,
    text: str,
    languages: Mapping[str, Language],
    today: dt.date | None = None,
) -> list[Check]:
    """The old values ``text`` (a reply in ``language`` edited while the form held ``base``)
    still shows, now that the form holds ``values``; each with the new text as its fix."""
    return [c for _, c in _stale(scenario, base, values, language, text, languages, today)]


def in_step(
    scenario: Scenario,
    base: Mapping[str, Value],
    values: Mapping[str, Value],
    language: Language,
    text: str,
    languages: Mapping[str, Language],
    today: dt.date | None = None,
) -> dict[str, Value]:
    """The values ``text`` is in step with after the seller changed it: ``values``, except the
    changed ones whose old text it still shows (those stay stale until written in or fixed)."""
    stale = {name for name, _ in _stale(scenario, base, values, language, text, languages, today)}
    names = {*base, *values}
    return {name: base.get(name) if name in stale else values.get(name) for name in names}


def _stale(
    scenario: Scenario,
    base: Mapping[str, Value],
    values: Mapping[str, Value],
    language: Language,
    text: str,
    languages: Mapping[str, Language],
    today: dt.date | None,
) -> Iterator[tuple[str, Check]]:
    for field in scenario.fields:
        before, now = base.get(field.name), values.get(field.name)
        if field.type is FieldType.YES_NO or before == now or field.is_empty(before):
            continue
        names = {"en": field.label("en"), "zh": field.label("zh")}
        taken: list[tuple[int, int]] = []  # a date's longer style first: "March 27, 2026"
        for old, new in _written(field, before, now, language, today):
            for check in _shown(text, old, new, names, language.code):
                if not any(a < check.end and check.start < b for a, b in taken):
                    taken.append((check.start, check.end))
                    yield field.name, check
    old_note = ShownNote(language, note_texts(base), languages).text
    new_note = ShownNote(language, note_texts(values), languages).text
    if old_note and old_note != new_note:
        names = {"en": "Your note", "zh": "您的附言"}
        for check in _shown(text, old_note, new_note, names, language.code):
            yield f"{NOTE_PREFIX}{language.code}", check


def _written(
    field: Field, before: Value, now: Value, language: Language, today: dt.date | None
) -> list[tuple[str, str]]:
    """How a reply may show the old value, each with the new one written the same way: a date
    in each of its styles (a template picks one with ``|date("long")``), longest first."""
    gone = marker(field, language) if field.is_empty(now) else None
    if isinstance(before, dt.date) and (gone or isinstance(now, dt.date)):
        pairs = {
            format_day(before, language.locale, style, today): gone
            or format_day(now, language.locale, style, today)
            for style in DATE_STYLES
        }
        return sorted(pairs.items(), key=lambda pair: -len(pair[0]))
    return [
        (
            format_value(field, before, language, today),
            gone or format_value(field, now, language, today),
        )
    ]


def _shown(text: str, old: str, new: str, names: Mapping[str, str], code: str) -> Iterator[Check]:
    """Each place ``text`` shows ``old`` as a whole (not inside a longer number or word)."""
    if not old.strip():
        return
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(old)}(?![A-Za-z0-9])")
    for count, found in enumerate(pattern.finditer(text)):
        if count >= MAX_PER_KIND:
            return
        message = {
            "en": f"Your edited reply still says “{old}” for {names['en']}; "
            f"the form now says “{new}”",
            "zh": f"您编辑的回复中{names['zh']}仍是“{old}”，表单中已改为“{new}”",
        }
        yield Check(
            "stale-value", "error", code, message, found.start(), found.end(), "body", fix=new
        )
