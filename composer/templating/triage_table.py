"""A scenario file's ``[triage]`` table: what buyers write when they need its reply, per
language, checked as ``composer.triage`` will read it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from composer.templating.sourcemap import SourceMap
from composer.templating.template_fields import InvalidError
from composer.triage.language import LANGUAGES as TRIAGE_LANGUAGES
from composer.triage.phrases import PhraseError, compile_phrase

MAX_TRIAGE_PHRASES = 200  # per language and scenario; the shipped ones have about 10
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")


def read_triage(
    table: Mapping[str, Any], smap: SourceMap, warnings: list[InvalidError]
) -> dict[str, tuple[str, ...]]:
    """The ``[triage]`` table: what buyers write when they need this reply, per language
    (``en = ["where is my order", ...]``), checked as the matcher will read it."""
    phrases: dict[str, tuple[str, ...]] = {}
    for code, written in table.items():
        where = ("triage", code)
        if not _LANGUAGE_CODE.fullmatch(code):
            raise InvalidError(where, f"{code!r} is not a language code like en, zh or pt")
        if not isinstance(written, list) or not all(isinstance(p, str) for p in written):
            raise InvalidError(where, f'triage.{code} must be a list of phrases, like ["..."]')
        if len(written) > MAX_TRIAGE_PHRASES:
            raise InvalidError(
                where, f"triage.{code} has {len(written)} phrases; at most {MAX_TRIAGE_PHRASES}"
            )
        for text in written:
            try:
                compile_phrase(text)
            except PhraseError as exc:
                line = _line_holding(smap, smap.line(*where) or 1, text)
                raise InvalidError(
                    where, f"triage.{code}: the phrase {text!r} {exc}", at_line=line
                ) from None
        if code not in TRIAGE_LANGUAGES:
            warnings.append(
                InvalidError(
                    where,
                    f"triage.{code}: messages in {code!r} are not recognised yet "
                    f"(languages: {', '.join(TRIAGE_LANGUAGES)}); its phrases still count",
                )
            )
        phrases[code] = tuple(written)
    return phrases


def _line_holding(smap: SourceMap, start: int, text: str) -> int:
    """The first line from ``start`` on that holds ``text`` in quotes (a list item has no line
    of its own in the source map), else ``start``."""
    quoted = (f'"{text}"', f"'{text}'")
    for number in range(start, len(smap.text_lines) + 1):
        if any(q in smap.text_lines[number - 1] for q in quoted):
            return number
    return start
