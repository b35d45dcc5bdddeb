"""A scenario file as the reply editor edits it: plain, mutable data close to the file.

``ScenarioSpec`` holds what a template file says, as the seller typed it (an example is the
text ``13.50 USD``, not an amount), so that a half-written reply can be kept as a draft and an
invalid one shown with its mistakes. Whatever the editor does not show (the ``[triage]``
phrases, an ``[advisor]`` table, a language the window does not list, a key of a newer
version) rides along in ``extra`` and is written back as it was read. ``spec_from_data`` is
lenient: it never fails; checking is ``composer.library.checking``'s job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from composer.templating.fields import FieldType

CJK_LOCALE_PREFIXES = ("zh", "ja", "ko")
FIELD_KEYS = ("name", "type", "required", "default", "example", "label", "help", "options")


@dataclass
class OptionSpec:
    """One answer of a choice field: its key and its label per language."""

    key: str = ""
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class FieldSpec:
    """A ``[[fields]]`` entry. ``type`` is empty for a shared field used by name only;
    ``required`` None leaves the file's (or the shared field's) default."""

    name: str = ""
    type: str = ""
    required: bool | None = None
    default: str = ""
    example: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    options: list[OptionSpec] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # currency, keys the editor lacks


@dataclass
class ReplySpec:
    """One language's ``[reply.<code>]``: its subject (None: no subject line) and body."""

    body: str = ""
    subject: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ScenarioSpec:
    """One scenario file, as edited: see the module docstring."""

    id: str = ""
    category: str = ""
    kind: str = ""  # empty: the default, an answer to the buyer's message
    titles: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)  # per language code
    guidance: dict[str, str] = field(default_factory=dict)
    fields: list[FieldSpec] = field(default_factory=list)
    replies: dict[str, ReplySpec] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # [advisor], [triage], [checks]...

    def field_named(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


def value_text(raw: Any) -> str:
    """A default or example as the editor shows it: ``2026-03-27``, ``yes``, ``13.50 USD``."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, dt.date | dt.datetime):
        return raw.isoformat()
    if isinstance(raw, dict) and "amount" in raw:
        return f"{raw['amount']} {raw.get('currency', '')}".strip()
    return str(raw)


def _texts(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {str(k): value_text(v) for k, v in raw.items()}


def _field(raw: Any) -> FieldSpec:
    if not isinstance(raw, dict):
        return FieldSpec()
    required = raw.get("required")
    options = [
        OptionSpec(value_text(o.get("key")), _texts(o.get("label")))
        for o in raw.get("options", [])
        if isinstance(o, dict)
    ]
    return FieldSpec(
        name=value_text(raw.get("name")),
        type=value_text(raw.get("type")),
        required=required if isinstance(required, bool) else None,
        default=value_text(raw.get("default")),
        example=value_text(raw.get("example")),
        labels=_texts(raw.get("label")),
        help=_texts(raw.get("help")),
        options=options,
        extra={k: v for k, v in raw.items() if k not in FIELD_KEYS},
    )


def split_keywords(words: Iterable[str], languages: Mapping[str, str]) -> dict[str, list[str]]:
    """One list of keywords in any language shared out by script: a word in Chinese (or
    Japanese, Korean) characters to the first such language of ``languages`` (code: locale),
    any other word to the first other language. The search matches them alike either way."""
    cjk = next((c for c, loc in languages.items() if loc.startswith(CJK_LOCALE_PREFIXES)), None)
    other = next((c for c, loc in languages.items() if not loc.startswith(CJK_LOCALE_PREFIXES)), "")
    found: dict[str, list[str]] = {}
    for word in words:
        ideographic = any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in word)
        code = (cjk or other) if ideographic else (other or cjk or "")
        found.setdefault(code, []).append(word)
    return found


def spec_from_data(data: Mapping[str, Any], languages: Mapping[str, str]) -> ScenarioSpec:
    """A parsed scenario file (``tomllib``'s dict) as a spec; ``languages`` (code: locale) share
    out a single keyword list (see ``split_keywords``)."""
    raw_keywords = data.get("keywords", [])
    if isinstance(raw_keywords, dict):
        keywords = {
            str(code): [value_text(w) for w in words]
            for code, words in raw_keywords.items()
            if isinstance(words, list)
        }
    elif isinstance(raw_keywords, list):
        keywords = split_keywords((value_text(w) for w in raw_keywords), languages)
    else:
        keywords = {}
    replies: dict[str, ReplySpec] = {}
    reply_table = data.get("reply")
    for code, raw in reply_table.items() if isinstance(reply_table, dict) else []:
        if not isinstance(raw, dict):
            continue
        subject = raw.get("subject")
        replies[str(code)] = ReplySpec(
            body=value_text(raw.get("body")),
            subject=None if subject is None else value_text(subject),
            extra={k: v for k, v in raw.items() if k not in ("subject", "body")},
        )
    known = ("id", "category", "kind", "title", "keywords", "guidance", "fields", "reply")
    fields = data.get("fields")
    return ScenarioSpec(
        id=value_text(data.get("id")),
        category=value_text(data.get("category")),
        kind=value_text(data.get("kind")),
        titles=_texts(data.get("title")),
        keywords=keywords,
        guidance=_texts(data.get("guidance")),
        fields=[_field(f) for f in fields] if isinstance(fields, list) else [],
        replies=replies,
        extra={k: v for k, v in data.items() if k not in known},
    )


def new_spec(languages: Iterable[str], category: str) -> ScenarioSpec:
    """A new reply's starting point: a buyer's name, a greeting, a line, a sign-off."""
    spec = ScenarioSpec(category=category)
    spec.fields.append(FieldSpec(name="buyer_name"))
    for code in languages:
        spec.titles[code] = ""
        spec.replies[code] = ReplySpec(
            body='{{ partial("greeting") }}\n\n\n\n{{ partial("signoff") }}\n'
        )
    return spec


FIELD_TYPES = tuple(t.value for t in FieldType)
