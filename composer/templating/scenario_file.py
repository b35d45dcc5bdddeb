"""One scenario file's table read into a ``Scenario``: its fields, replies, advisor link and
checks, each template parsed for the field names it uses. A mistake raises ``InvalidError``
with the key path it is at; the loader turns it into ``file:line``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from composer.judgement.remedies import CHOICE_INPUTS, DATE_INPUTS, INPUTS, PROBLEMS, REMEDIES
from composer.templating.fields import Field, FieldType, FieldValueError, Option
from composer.templating.jinja import (
    RESERVED_NAMES,
    make_environment,
)
from composer.templating.scenario import (
    MESSAGE_KINDS,
    AdvisorLink,
    Catalog,
    Reply,
    Scenario,
    TemplateProblem,
)
from composer.templating.sourcemap import SourceMap
from composer.templating.template_fields import InvalidError, template_fields
from composer.templating.triage_table import read_triage

MAX_FIELDS = 200  # per scenario; the richest shipped one has about 15
NAME = re.compile(r"[a-z_][a-z0-9_]*")  # used with fullmatch: no trailing newline slips by
SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
TOML_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


@dataclass
class SourceFile:
    path: Path
    data: dict[str, Any]
    smap: SourceMap

    def problem(self, error: InvalidError, severity: str = "error") -> TemplateProblem:
        if error.at_line:
            line = error.at_line
        elif error.line_offset:
            line = self.smap.value_line(error.key, error.line_offset)
            if error.word:
                line = self.smap.find_in_joined_line(line, error.word)
        else:
            line = self.smap.line(*error.key) or 1
        return TemplateProblem(self.path, line, error.message, severity)


def read_scenario(
    source: SourceFile,
    catalog: Catalog,
    environments: Mapping[str, SandboxedEnvironment],
    partial_fields: Mapping[str, Mapping[str, set[str]]],
    required: set[str] | None = None,
) -> tuple[Scenario, list[InvalidError]]:
    data = source.data
    scenario_id = data.get("id", source.path.stem)
    if not isinstance(scenario_id, str) or not SCENARIO_ID.fullmatch(scenario_id):
        raise InvalidError(
            ("id",), "id must be lower-case letters, digits and dashes, like unpaid-reminder"
        )
    warnings: list[InvalidError] = []
    category = string_at(data, ("category",))
    if category not in catalog.categories:
        warnings.append(
            InvalidError(("category",), f"category {category!r} is not in any catalog.toml")
        )
    titles = texts_at(table_at(data, ("title",), required=True), ("title",))
    keywords = _keywords(data.get("keywords", []))
    guidance = texts_at(table_at(data, ("guidance",)), ("guidance",))

    fields: list[Field] = []
    specs = list_at(data, ("fields",))
    if len(specs) > MAX_FIELDS:
        raise InvalidError(
            ("fields",), f"declares {len(specs):,} fields; a scenario may have at most {MAX_FIELDS}"
        )
    names: set[str] = set()
    for index, spec in enumerate(specs):
        declared = read_field(spec, ("fields", index), catalog.common_fields)
        if declared.name in names:
            raise InvalidError(
                ("fields", index, "name"), f"field {declared.name!r} is declared twice"
            )
        names.add(declared.name)
        fields.append(declared)
    # A reply may use a shared field (catalog.toml) without listing it: it is added after the
    # listed ones. Listing it chooses its place in the form.
    by_name = {**catalog.common_fields, **{f.name: f for f in fields}}

    replies: dict[str, Reply] = {}
    used: dict[str, set[str]] = {}
    reply_table = table_at(data, ("reply",))
    for code in catalog.languages:
        if code not in reply_table and (required is None or code in required):
            name = catalog.languages[code].name
            raise InvalidError(
                ("reply",), f"no {name} reply: add a [reply.{code}] table with a body"
            )
    for code in reply_table:
        key = ("reply", code)
        spec = table_at(reply_table, key)
        env = environments.get(code) or make_environment()
        parts: dict[str, str] = {}
        for part in ("subject", "body"):
            text = spec.get(part)
            if text is None:
                continue
            if not isinstance(text, str):
                raise InvalidError((*key, part), f"{part} must be text")
            used_here = template_fields(
                text, (*key, part), env, by_name, partial_fields.get(code, {})
            )
            used.setdefault(code, set()).update(used_here)
            parts[part] = text
        if "body" not in parts:
            raise InvalidError(key, f"[reply.{code}] has no body")
        replies[code] = Reply(
            body=parts["body"],
            subject=parts.get("subject"),
            body_line=source.smap.content_line(*key, "body"),
            subject_line=source.smap.content_line(*key, "subject"),
        )
    all_used = set().union(*used.values()) if used else set()
    listed = {f.name for f in fields}
    fields.extend(f for name, f in catalog.common_fields.items() if name in all_used - listed)
    with_subject = [c for c, r in replies.items() if r.subject is not None]
    if with_subject and len(with_subject) != len(replies):
        lacking = sorted(set(replies) - set(with_subject))
        raise InvalidError(
            ("reply", lacking[0]), f"[reply.{lacking[0]}] has no subject but other languages do"
        )
    for index, f in enumerate(fields):
        where = ("fields", index, "name")
        users = sorted(code for code, names in used.items() if f.name in names)
        if not users:
            warnings.append(
                InvalidError(where, f"field {f.name!r} is declared but no reply uses it")
            )
        elif len(users) < len(used):
            others = ", ".join(sorted(set(used) - set(users)))
            message = (
                f"field {f.name!r} is used in the {', '.join(users)} reply but not in {others}"
            )
            warnings.append(InvalidError(where, message))

    scenario = Scenario(
        id=scenario_id,
        category=category,
        titles=titles,
        fields=tuple(fields),
        replies=replies,
        guidance=guidance,
        keywords=tuple(keywords),
        source=source.path,
        advisor=_advisor(data, {f.name: f for f in fields}),
        third_party=_third_party(data, {f.name for f in fields}),
        kind=_kind(data),
        triage=read_triage(table_at(data, ("triage",)), source.smap, warnings),
    )
    return scenario, warnings


def _keywords(raw: Any) -> list[str]:
    """``keywords``: one list in any language, or a list per language (``{ en = [...] }``, as
    the reply editor writes it); the picker's search matches them all alike."""
    lists = raw.values() if isinstance(raw, dict) else [raw]
    found: list[str] = []
    for words in lists:
        if not isinstance(words, list) or not all(isinstance(k, str) for k in words):
            raise InvalidError(
                ("keywords",),
                "keywords must be a list of texts, or one per language { en = [...] }",
            )
        found.extend(words)
    return found


def _kind(data: Mapping[str, Any]) -> str:
    """``kind``: what sort of message the reply is, for the platform rules that depend on it."""
    kind = data.get("kind", "answer")
    if kind not in MESSAGE_KINDS:
        raise InvalidError(
            ("kind",), f"kind must be one of {', '.join(MESSAGE_KINDS)}, not {kind!r}"
        )
    return str(kind)


def _advisor(data: Mapping[str, Any], fields: Mapping[str, Field]) -> AdvisorLink | None:
    """The ``[advisor]`` table: which choice field an advised remedy sets, and to what."""
    spec = table_at(data, ("advisor",))
    if not spec:
        return None
    name = string_at(spec, ("advisor", "field"))
    choice = fields.get(name)
    if choice is None or choice.type is not FieldType.CHOICE:
        raise InvalidError(("advisor", "field"), f"advisor field {name!r} is not a choice field")
    options: dict[str, str] = {}
    for remedy, key in table_at(spec, ("advisor", "options"), required=True).items():
        where = ("advisor", "options", remedy)
        if remedy not in REMEDIES:
            raise InvalidError(where, f"unknown remedy {remedy!r} (one of {', '.join(REMEDIES)})")
        if not isinstance(key, str) or choice.option(key) is None:
            keys = ", ".join(o.key for o in choice.options)
            raise InvalidError(where, f"{key!r} is not an option of {name!r} ({keys})")
        options[remedy] = key
    problem = spec.get("problem")
    if problem is not None and problem not in PROBLEMS:
        raise InvalidError(
            ("advisor", "problem"), f"unknown problem {problem!r} (one of {', '.join(PROBLEMS)})"
        )
    money = {n for n, f in fields.items() if f.type is FieldType.MONEY}
    refund = spec.get("refund_field")
    if refund is not None and refund not in money:
        raise InvalidError(("advisor", "refund_field"), f"{refund!r} is not a money field")
    inputs: dict[str, str] = {}
    for given, field_name in table_at(spec, ("advisor", "inputs")).items():
        where = ("advisor", "inputs", given)
        if given not in INPUTS:
            raise InvalidError(where, f"unknown advisor input {given!r} ({', '.join(INPUTS)})")
        wanted = (
            FieldType.CHOICE
            if given in CHOICE_INPUTS
            else FieldType.DATE
            if given in DATE_INPUTS
            else FieldType.MONEY
        )
        found = fields.get(field_name) if isinstance(field_name, str) else None
        if found is None or found.type is not wanted:
            raise InvalidError(where, f"{field_name!r} is not a {wanted.value} field")
        inputs[given] = field_name
    return AdvisorLink(name, options, problem, refund, inputs)


def _third_party(data: Mapping[str, Any], fields: set[str]) -> tuple[str, ...]:
    """``[checks] third_party``: fields whose values are someone else's contact details."""
    names = table_at(data, ("checks",)).get("third_party", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise InvalidError(("checks", "third_party"), "third_party must be a list of field names")
    for name in names:
        if name not in fields:
            raise InvalidError(("checks", "third_party"), f"{name!r} is not a declared field")
    return tuple(names)


def read_field(spec: Any, key: tuple[str | int, ...], common: Mapping[str, Field]) -> Field:
    if not isinstance(spec, dict):
        raise InvalidError(key, "a field must be a table")
    name = spec.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise InvalidError(
            (*key, "name"), "a field needs a name of lower-case letters, digits and _"
        )
    if name in RESERVED_NAMES:
        raise InvalidError((*key, "name"), f"{name!r} is reserved; choose another field name")
    base = common.get(name)
    if "type" not in spec:
        if base is None:
            raise InvalidError(
                (*key, "name"), f"field {name!r} has no type and no shared declaration"
            )
        type_ = base.type
    else:
        raw_type = spec["type"]
        try:
            type_ = FieldType(raw_type)
        except ValueError:
            choices = ", ".join(t.value for t in FieldType)
            raise InvalidError(
                (*key, "type"), f"unknown field type {raw_type!r} (use one of: {choices})"
            ) from None
    if base is not None and base.type is not type_:
        base = None
    labels = (
        texts_at(spec["label"], (*key, "label"))
        if "label" in spec
        else (base.labels if base else {})
    )
    if not labels:
        raise InvalidError(
            key, f'field {name!r} needs a label, e.g. label = {{ en = "...", zh = "..." }}'
        )
    options: tuple[Option, ...] = base.options if base else ()
    if "options" in spec:
        options = _options(spec["options"], (*key, "options"))
    if type_ is FieldType.CHOICE and not options:
        raise InvalidError(key, f"choice field {name!r} needs options")
    required = spec.get("required", base.required if base else True)
    if not isinstance(required, bool):
        raise InvalidError((*key, "required"), "required must be true or false")
    currency = spec.get("currency", base.currency if base else "USD")
    declared = Field(
        name=name,
        type=type_,
        labels=labels,
        required=required,
        help=texts_at(spec["help"], (*key, "help"))
        if "help" in spec
        else (base.help if base else {}),
        options=options,
        currency=str(currency).upper(),
    )
    values: dict[str, Any] = {}
    for which in ("default", "example"):
        raw = spec.get(which, getattr(base, which) if base else None)
        try:
            values[which] = declared.coerce(raw)
        except FieldValueError as exc:
            raise InvalidError((*key, which), f"{which} of {exc}") from None
    return replace(declared, **values)


def _options(raw: Any, key: tuple[str | int, ...]) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        raise InvalidError(key, "options must be a list of { key = ..., label = { ... } }")
    options = []
    for index, spec in enumerate(raw):
        where = (*key, index)
        if not isinstance(spec, dict) or not isinstance(spec.get("key"), str):
            raise InvalidError(where, "each option needs a key and a label per language")
        options.append(Option(spec["key"], texts_at(spec.get("label"), where)))
    seen: set[str] = set()
    for option in options:
        if option.key in seen:
            raise InvalidError(key, f"option {option.key!r} is listed twice")
        seen.add(option.key)
    return tuple(options)


def table_at(
    parent: Mapping[str, Any], key: tuple[str | int, ...], required: bool = False
) -> dict[str, Any]:
    """The table at ``key``; ``parent`` is the table that holds its last part."""
    value = parent.get(str(key[-1]))
    if value is None:
        if required:
            raise InvalidError(key[:-1] or key, f"missing [{'.'.join(map(str, key))}] table")
        return {}
    if not isinstance(value, dict):
        raise InvalidError(key, f"{'.'.join(map(str, key))} must be a table")
    return value


def list_at(data: Mapping[str, Any], key: tuple[str, ...]) -> list[Any]:
    value = data.get(key[-1], [])
    if not isinstance(value, list):
        raise InvalidError(key, f"{key[-1]} must be a list ([[{key[-1]}]] tables)")
    return value


def string_at(
    data: Mapping[str, Any], key: tuple[str | int, ...], default: str | None = None
) -> str:
    value = data.get(str(key[-1]), default)
    if not isinstance(value, str) or not value:
        raise InvalidError(key, f"{key[-1]} must be text")
    return value


def texts_at(value: Any, key: tuple[str | int, ...]) -> dict[str, str]:
    """A per-language text table like ``{ en = "...", zh = "..." }``."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InvalidError(key, 'expected a text per language, like { en = "...", zh = "..." }')
    return dict(value)
