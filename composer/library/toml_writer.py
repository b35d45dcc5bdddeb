"""A ``ScenarioSpec`` written as a template file, laid out as the shipped ones are by hand.

Top-level keys first (``id``, ``category``, ``kind``), then ``[title]``, ``[keywords]`` and
``[guidance]``, one ``[[fields]]`` table per field with its labels as inline tables and its
options one per line, the tables the editor does not show (``[advisor]``, ``[checks]``), each
language's ``[reply.<code>]`` with the body as a multi-line string, and ``[triage]`` last.
Scalars are escaped by tomlkit; multi-line texts are written here, so that a body reads in the
file exactly as it reads in the editor. What is written reads back (``tomllib``) as the same
spec: ``composer.library.spec.spec_from_data(tomllib.loads(write_scenario(s))) == s``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import tomlkit

from composer.library.spec import FieldSpec, ScenarioSpec

LINE_WIDTH = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Tables the editor keeps as they were, placed before the replies (the rest go after them).
BEFORE_REPLIES = ("advisor", "checks")


def write_scenario(spec: ScenarioSpec) -> str:
    """The text of ``spec``'s template file (UTF-8, ending with a newline)."""
    out: list[str] = []
    _pair(out, "id", spec.id)
    _pair(out, "category", spec.category)
    if spec.kind:
        _pair(out, "kind", spec.kind)
    tables = {k: v for k, v in spec.extra.items() if isinstance(v, dict)}
    arrays = {k: v for k, v in spec.extra.items() if _is_table_array(v)}
    for key, value in spec.extra.items():
        if key not in tables and key not in arrays:
            _pair(out, key, value)
    _texts_table(out, "title", spec.titles)
    if spec.keywords:
        _table(out, "keywords")
        for code, words in spec.keywords.items():
            _pair(out, code, list(words))
    _texts_table(out, "guidance", spec.guidance)
    for declared in spec.fields:
        out.append("")
        out.append("[[fields]]")
        _field(out, declared)
    for name in BEFORE_REPLIES:
        if name in tables:
            _nested(out, (name,), tables.pop(name))
    for code, reply in spec.replies.items():
        _table(out, f"reply.{_key(code)}")
        if reply.subject is not None:
            _pair(out, "subject", reply.subject)
        _pair(out, "body", reply.body, multiline=True)
        for key, value in reply.extra.items():
            _pair(out, key, value)
    for name, value in tables.items():
        _nested(out, (name,), value)
    for name, items in arrays.items():
        for item in items:
            out.append("")
            out.append(f"[[{_key(name)}]]")
            for key, value in item.items():
                _pair(out, key, value)
    return "\n".join(out).lstrip("\n") + "\n"


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(name: str) -> str:
    return str(tomlkit.key(name).as_string())


def _table(out: list[str], name: str) -> None:
    out.append("")
    out.append(f"[{name}]")


def _texts_table(out: list[str], name: str, texts: Mapping[str, str]) -> None:
    if not texts:
        return
    _table(out, name)
    for code, text in texts.items():
        _pair(out, code, text, multiline="\n" in text)


def _nested(out: list[str], path: tuple[str, ...], table: Mapping[str, Any]) -> None:
    """A table the editor does not show, as a person writes one: its own values first, then
    its sub-tables as ``[a.b]``."""
    _table(out, ".".join(_key(p) for p in path))
    subtables = {k: v for k, v in table.items() if isinstance(v, dict) and _has_tables(v)}
    for key, value in table.items():
        if key not in subtables:
            _pair(out, key, value)
    for key, value in subtables.items():
        _nested(out, (*path, key), value)


def _has_tables(table: Mapping[str, Any]) -> bool:
    return any(isinstance(v, dict | list) for v in table.values()) or len(table) > 3


def _field(out: list[str], declared: FieldSpec) -> None:
    _pair(out, "name", declared.name)
    if declared.type:
        _pair(out, "type", declared.type)
    if declared.required is not None:
        _pair(out, "required", declared.required)
    for which in ("default", "example"):
        text = getattr(declared, which)
        if text.strip():
            _pair(out, which, typed_value(declared.type, text))
    options = declared.options
    extra = dict(declared.extra)
    for key in [k for k, v in extra.items() if not isinstance(v, dict | list)]:
        _pair(out, key, extra.pop(key))
    if declared.labels:
        _pair(out, "label", declared.labels)
    if declared.help:
        _pair(out, "help", declared.help)
    if options:
        out.append("options = [")
        for option in options:
            out.append(f"    {_inline({'key': option.key, 'label': option.labels})},")
        out.append("]")
    for key, value in extra.items():
        _pair(out, key, value)


def typed_value(field_type: str, text: str) -> Any:
    """A default or example as a person writes it in the file: a date as a TOML date, yes/no
    as true/false, a whole number as a number; anything else (an amount with its currency, a
    choice's key, a text) as the text typed."""
    stripped = text.strip()
    if field_type == "date":
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            return text
    if field_type == "yesno" and stripped.lower() in ("yes", "no", "true", "false"):
        return stripped.lower() in ("yes", "true")
    if field_type in ("number", "percent"):
        try:
            number = Decimal(stripped)
        except InvalidOperation:
            return text
        if number.is_finite() and number == number.to_integral_value() and "." not in stripped:
            return int(number)
    return text


def _pair(out: list[str], key: str, value: Any, multiline: bool = False) -> None:
    if isinstance(value, str) and (multiline or "\n" in value):
        out.append(f"{_key(key)} = {multiline_string(value)}")
        return
    line = f"{_key(key)} = {_value(value)}"
    if isinstance(value, list) and len(line) > LINE_WIDTH and value:
        out.append(f"{_key(key)} = [")
        row = "   "
        for item in value:
            piece = f" {_value(item)},"
            if len(row) + len(piece) > LINE_WIDTH and row.strip():
                out.append(row)
                row = "   "
            row += piece
        out.append(row)
        out.append("]")
        return
    out.append(line)


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return _inline(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(tomlkit.item(value).as_string())


def _inline(table: Mapping[str, Any]) -> str:
    pairs = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in table.items())
    return "{ " + pairs + " }" if pairs else "{}"


def multiline_string(text: str) -> str:
    """``text`` as a multi-line basic string that starts on the line after its key, with only
    what TOML requires escaped: backslashes, a third quote in a row, a closing quote, controls.

    A newline right after the opening quotes is dropped by TOML, so the text is as typed.
    """
    escaped: list[str] = []
    quotes = 0
    for char in text:
        if char == "\\":
            escaped.append("\\\\")
        elif char == "\r":
            escaped.append("\\r")
        elif _CONTROL.match(char):
            escaped.append(f"\\u{ord(char):04x}")
        elif char == '"':
            quotes += 1
            if quotes == 3:
                escaped.append('\\"')
                quotes = 0
                continue
            escaped.append('"')
            continue
        else:
            escaped.append(char)
        quotes = 0
    if escaped and escaped[-1] == '"':
        escaped[-1] = '\\"'
    return '"""\n' + "".join(escaped) + '"""'
