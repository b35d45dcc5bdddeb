"""The one place that builds the Jinja environment templates are rendered in.

Sandboxed, because a template shared by someone else must not run code. Values never pass
through the template parser: they are handed to the compiled template as data, so a seller who
types ``{{ 7*7 }}`` sees exactly that in the reply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import DictLoader, StrictUndefined, nodes, pass_context
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

SnippetText = Callable[[str], "str | None"]
"""A snippet's text in the language being rendered, by key; None when there is none."""

MISSING_SNIPPETS = "__missing_snippets__"  # the render's list of markers it printed
_SNIPPET_MARKERS = {"zh": "[片段：{key}]"}  # by language code; others use English


def snippet_marker(key: str, language_code: str) -> str:
    """What a draft shows for a snippet the library does not have: ``[snippet: sig]``."""
    base = language_code.split("-")[0].split("_")[0]
    return _SNIPPET_MARKERS.get(base, "[snippet: {key}]").format(key=key)


def _no_snippets(key: str) -> str | None:
    return None


def _snippet_function(text_of: SnippetText, language_code: str) -> Callable[..., str]:
    @pass_context
    def snippet(context: Context, key: Any) -> str:
        """``{{ snippet("sig") }}``: the seller's snippet in this language, printed as it is."""
        name = str(key)
        text = text_of(name)
        if text is None:
            text = snippet_marker(name, language_code)
            missing = context.get(MISSING_SNIPPETS)
            if isinstance(missing, list):
                missing.append(text)
        return text

    return snippet


@pass_context
def _partial(context: Context, name: str) -> str:
    """``{{ partial("greeting") }}``: a shared piece of this language, with the same values."""
    template = context.environment.get_template(name)
    return template.render(context.get_all())


def make_environment(
    partials: Mapping[str, str] | None = None,
    snippets: SnippetText | None = None,
    language_code: str = "en",
) -> SandboxedEnvironment:
    """A sandboxed environment for one language, with that language's shared pieces.

    ``{{ partial("greeting") }}`` in a body pulls in the partial named ``greeting`` of the
    same language. (An expression, not ``{% include %}``: a block tag swallows the line end
    after it, which would glue the greeting to the next paragraph.) ``{{ snippet("sig") }}``
    prints the seller's snippet ``sig`` from ``snippets`` (its text is printed as it is, never
    run as a template); a snippet the library lacks prints a marker, not an error. Undefined
    names raise instead of printing nothing; block tags swallow their own line so ``{% if %}``
    does not leave blank lines in a reply.
    """
    env = SandboxedEnvironment(
        loader=DictLoader(dict(partials or {})),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.globals["partial"] = _partial
    env.globals["snippet"] = _snippet_function(snippets or _no_snippets, language_code)
    return env


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
