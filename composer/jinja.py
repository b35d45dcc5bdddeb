"""The one place that builds the Jinja environment templates are rendered in.

Sandboxed, because a template shared by someone else must not run code. Values never pass
through the template parser: they are handed to the compiled template as data, so a seller who
types ``{{ 7*7 }}`` sees exactly that in the reply.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    DictLoader,
    FileSystemBytecodeCache,
    StrictUndefined,
    Template,
    nodes,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from composer.fields import Field, FieldType, Money, Value
from composer.formatting import format_day, format_money, format_value
from composer.scenario import Language

RESERVED_NAMES = frozenset(
    {"lang", "partial", "snippet", "loop", "self", "range", "true", "false", "none"}
)


class Shown:
    """A field's value as one language shows it in a reply.

    Printing it gives the formatted text (or, when unfilled, a visible marker such as
    ``[Order number]``); comparing it compares the neutral value, so a template can write
    ``{% if reason == "customs" %}`` or ``{% if order_value.amount > 50 %}``.
    """

    __slots__ = ("field", "language", "missing", "printed", "raw", "text")

    def __init__(self, field: Field, raw: Value, language: Language) -> None:
        self.field = field
        self.raw = raw
        self.language = language
        self.missing = field.is_empty(raw)
        self.printed = False  # set once the reply prints it: only printed markers are shown
        self.text = marker(field, language) if self.missing else format_value(field, raw, language)

    def __str__(self) -> str:
        self.printed = True
        return self.text

    def __bool__(self) -> bool:
        return not self.missing and bool(self.raw)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Shown):
            return bool(self.raw == other.raw)
        return bool(self.raw == other)

    def __hash__(self) -> int:
        return hash(self.raw)

    def _number(self) -> Any:
        return self.raw.amount if isinstance(self.raw, Money) else self.raw

    def __lt__(self, other: Any) -> bool:
        return bool(self._number() < other)

    def __le__(self, other: Any) -> bool:
        return bool(self._number() <= other)

    def __gt__(self, other: Any) -> bool:
        return bool(self._number() > other)

    def __ge__(self, other: Any) -> bool:
        return bool(self._number() >= other)

    @property
    def key(self) -> str:
        """A choice's key (empty when unfilled)."""
        return "" if self.raw is None else str(self.raw)

    @property
    def amount(self) -> Any:
        """A money value's amount, or a number's value."""
        return self._number()

    @property
    def currency(self) -> str:
        return self.raw.currency if isinstance(self.raw, Money) else ""


def marker(field: Field, language: Language) -> str:
    """What an unfilled field shows in a draft: its label in brackets, e.g. ``[订单号]``."""
    return f"[{field.label(language.code)}]"


def _date_filter(value: Any, style: str = "full") -> str:
    if isinstance(value, Shown):
        if value.missing or value.field.type is not FieldType.DATE:
            return str(value)
        assert isinstance(value.raw, dt.date)
        value.printed = True
        return format_day(value.raw, value.language.locale, style)
    return str(value)


def _money_filter(value: Any, style: str | None = None) -> str:
    if isinstance(value, Shown) and isinstance(value.raw, Money) and not value.missing:
        value.printed = True
        return format_money(value.raw, value.language.locale, style or value.language.money_style)
    return str(value)


FILTERS = {"date": _date_filter, "money": _money_filter}


@pass_context
def _partial(context: Context, name: str) -> str:
    """``{{ partial("greeting") }}``: a shared piece of this language, with the same values."""
    template = context.environment.get_template(name)
    return template.render(context.get_all())


# How templates are compiled. Part of the compiled-template cache's file names, so a change
# here can never load code compiled under other settings.
ENVIRONMENT_OPTIONS: dict[str, Any] = {
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}


def make_environment(
    partials: Mapping[str, str] | None = None, bytecode_cache: BytecodeCache | None = None
) -> SandboxedEnvironment:
    """A sandboxed environment for one language, with that language's shared pieces.

    ``{{ partial("greeting") }}`` in a body pulls in the partial named ``greeting`` of the
    same language. (An expression, not ``{% include %}``: a block tag swallows the line end
    after it, which would glue the greeting to the next paragraph.) Undefined names raise
    instead of printing nothing; block tags swallow their own line so ``{% if %}`` does not
    leave blank lines in a reply. With ``bytecode_cache``, compiled templates are kept there.
    """
    env = SandboxedEnvironment(
        loader=DictLoader(dict(partials or {})),
        undefined=StrictUndefined,
        auto_reload=False,
        bytecode_cache=bytecode_cache,
        **ENVIRONMENT_OPTIONS,
    )
    env.filters.update(FILTERS)
    env.globals["partial"] = _partial
    return env


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept in a folder between runs (compiling one costs ~1.5 ms).

    One cache per reply language (``language``, part of the file names): partials of different
    languages share names. Each file is checked against its template's source when read, and
    rewritten when the source changed. A folder that cannot be written only means no caching:
    a render never fails for it.
    """

    def __init__(self, folder: Path, language: str) -> None:
        settings = repr(sorted(ENVIRONMENT_OPTIONS.items())) + SandboxedEnvironment.__qualname__
        stamp = hashlib.sha1(settings.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
        super().__init__(str(folder), f"{language}-{stamp}-%s.jinja")
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


def compile_template(env: SandboxedEnvironment, name: str, source: str) -> Template:
    """``source`` compiled in ``env``, through its bytecode cache when it has one.

    What Jinja's loaders do for ``get_template``, for a template that comes from a scenario file
    rather than a loader. ``name`` must identify the template (the cache file is named after it).
    """
    cache = env.bytecode_cache
    if cache is None:
        return env.from_string(source)
    bucket = cache.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source, name)
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


def partials_used(template: nodes.Template) -> list[str | None]:
    """Names passed to ``partial(...)`` in a parsed template; None where it is not a literal."""
    found: list[str | None] = []
    for call in template.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "partial":
            arg = call.args[0] if len(call.args) == 1 and not call.kwargs else None
            ok = isinstance(arg, nodes.Const) and isinstance(arg.value, str)
            found.append(arg.value if ok else None)  # type: ignore[union-attr]
    return found


def choice_comparisons(template: nodes.Template) -> list[tuple[str, str]]:
    """``(name, key)`` for each ``name == "key"`` (or ``!=``, ``in [...]``) in a template."""
    found: list[tuple[str, str]] = []
    for compare in template.find_all(nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            right = operand.expr
            pairs = [(left, right), (right, left)] if operand.op in ("eq", "ne") else []
            if operand.op in ("in", "notin") and isinstance(right, nodes.List | nodes.Tuple):
                pairs = [(left, item) for item in right.items]
            for name, const in pairs:
                if (
                    isinstance(name, nodes.Name)
                    and isinstance(const, nodes.Const)
                    and isinstance(const.value, str)
                ):
                    found.append((name.name, const.value))
            left = right
    return found


def filters_used(template: nodes.Template) -> set[str]:
    """Names of the filters a parsed template calls (to report unknown ones at load time)."""
    return {node.name for node in template.find_all(nodes.Filter)}
