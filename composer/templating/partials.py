"""Partials: pieces of reply text written once per language and pulled in with
``{{ partial("name") }}``; each checked on its own, and merged folder over folder without ever
calling itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes

from composer.templating.jinja import filters_used, make_environment, partials_used
from composer.templating.scenario import LoadResult
from composer.templating.scenario_file import SourceFile
from composer.templating.source_reading import MAX_FILE_BYTES
from composer.templating.template_fields import InvalidError, describe, line_of


def check_partial(text: Any, where: tuple[str | int, ...]) -> str:
    """A partial's text, once it is known to parse and to pull in nothing but partials."""
    if not isinstance(text, str):
        raise InvalidError(where, "a partial must be text")
    if len(text) > MAX_FILE_BYTES:
        raise InvalidError(where, f"a partial may be at most {MAX_FILE_BYTES // 1024} KB")
    env = make_environment()
    try:
        tree = env.parse(text)
        meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as exc:
        raise InvalidError(where, f"template syntax: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise InvalidError(where, f"cannot be read: {describe(exc)}", 1) from None
    bad_filters = sorted(filters_used(tree) - set(env.filters))
    if bad_filters:
        name = bad_filters[0]
        raise InvalidError(where, f"uses an unknown filter {name!r}", line_of(text, name), name)
    if any(True for _ in meta.find_referenced_templates(tree)) or any(
        True for _ in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))
    ):
        raise InvalidError(
            where, 'use {{ partial("name") }} instead of include, import or extends', 1
        )
    if None in partials_used(tree):
        raise InvalidError(
            where, 'partial(...) takes one name in quotes, like partial("greeting")', 1
        )
    return text


def merge_partials(
    merged: dict[str, str],
    added: dict[str, str],
    where_in: tuple[str, ...],
    source: SourceFile,
    result: LoadResult,
) -> None:
    """Lay ``added`` over ``merged``, refusing a partial that ends up calling itself: the one
    it would replace (an earlier folder's) is kept, so a team's bad greeting breaks nothing."""
    env = make_environment()
    previous = dict(merged)
    merged.update(added)
    while True:
        calls = {
            name: {p for p in partials_used(env.parse(text)) if p is not None}
            for name, text in merged.items()
        }
        looping = next((name for name in added if name in merged and reaches(calls, name)), None)
        if looping is None:
            return
        where = (*where_in, looping)
        message = f"partial {looping!r} calls itself (directly or through another partial)"
        if looping in previous:
            merged[looping] = previous[looping]
            message += "; the earlier one is kept"
        else:
            del merged[looping]
        del added[looping]
        result.problems.append(source.problem(InvalidError(where, message)))


def reaches(calls: Mapping[str, set[str]], start: str) -> bool:
    """True when partial ``start`` calls itself, directly or through others."""
    pending, seen = list(calls.get(start, ())), set()
    while pending:
        current = pending.pop()
        if current == start:
            return True
        if current not in seen:
            seen.add(current)
            pending.extend(calls.get(current, ()))
    return False
