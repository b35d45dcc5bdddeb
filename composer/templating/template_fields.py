"""A reply template parsed for the field names it uses, refusing what a reply may not do (an
unknown filter, field or partial, include/import/extends, a comparison with a choice it does not
have); and ``InvalidError``, the mistake at a key path of a template file."""

from __future__ import annotations

import re
from collections.abc import Mapping

from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from composer.templating.fields import Field, FieldType
from composer.templating.jinja import (
    CONTEXT_NAMES,
    REPLY_FORMATS,
    UNAVAILABLE_GLOBALS,
    choice_comparisons,
    filters_used,
    partials_used,
)


class InvalidError(Exception):
    """A mistake at a key path of the file being read."""

    def __init__(
        self,
        key: tuple[str | int, ...],
        message: str,
        line_offset: int = 0,
        word: str = "",
        at_line: int = 0,
    ) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.line_offset = line_offset
        self.word = word  # what to point at, within a line joined by backslashes
        self.at_line = at_line  # the file line, when the caller found it itself


def describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "it is nested too deeply (brackets, tables or blocks inside one another)"
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "it holds a number too long to read (over 4,300 digits)"
    if isinstance(exc, MemoryError):
        return "it is too large"
    return f"{type(exc).__name__}: {exc}"


def template_fields(
    text: str,
    key: tuple[str | int, ...],
    env: SandboxedEnvironment,
    fields: Mapping[str, Field],
    partials: Mapping[str, set[str]],
) -> set[str]:
    """Parse one template; return the field names it uses. Raises InvalidError on a mistake."""
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        raise InvalidError(key, f"template syntax: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise InvalidError(key, f"cannot be read: {describe(exc)}", 1) from None
    bad_filters = sorted(filters_used(tree) - set(env.filters))
    if bad_filters:
        name = bad_filters[0]
        raise InvalidError(key, f"uses an unknown filter {name!r}", line_of(text, name), name)
    try:
        names = set(meta.find_undeclared_variables(tree))
    except TemplateSyntaxError as exc:  # e.g. an unknown filter, found while compiling
        raise InvalidError(key, f"template: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise InvalidError(key, f"cannot be read: {describe(exc)}", 1) from None
    if any(True for _ in meta.find_referenced_templates(tree)):
        raise InvalidError(
            key, 'use {{ partial("name") }} instead of include, import or extends', 1
        )
    for included in partials_used(tree):
        if included is None:
            raise InvalidError(
                key, 'partial(...) takes one name in quotes, like partial("greeting")', 1
            )
        if included not in partials:
            line = line_of(text, included)
            raise InvalidError(
                key, f"uses partial {included!r}, which this language does not have", line, included
            )
        names |= partials[included]
    declared = set(fields)
    unknown = sorted(names - declared - set(env.globals) - set(CONTEXT_NAMES))
    if unknown:
        name = unknown[0]
        if name in UNAVAILABLE_GLOBALS:
            raise InvalidError(
                key, f"{name}() is not available in replies", line_of(text, name), name
            )
        raise InvalidError(
            key, f"uses {name!r}, which is not a declared field", line_of(text, name), name
        )
    for name, key_value in choice_comparisons(tree):
        if name == "format" and key_value not in REPLY_FORMATS and name not in fields:
            raise InvalidError(
                key,
                f"compares format with {key_value!r}; a reply's format is "
                + " or ".join(repr(f) for f in REPLY_FORMATS),
                line_of(text, key_value),
                key_value,
            )
        field = fields.get(name)
        if field is not None and field.type is FieldType.CHOICE and field.option(key_value) is None:
            keys = ", ".join(o.key for o in field.options)
            line = line_of(text, key_value)
            raise InvalidError(
                key,
                f"compares {name!r} with {key_value!r}, which is not one of its options ({keys})",
                line,
                key_value,
            )
    return names & declared


def line_of(text: str, word: str) -> int:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return 1
