"""The one place that builds the Jinja environment templates are rendered in.

Sandboxed, because a template shared by someone else must not run code, and immutable, so that
it cannot change the objects it is handed (a field's labels, the catalog's). Values never pass
through the template parser: they are handed to the compiled template as data, so a seller who
types ``{{ 7*7 }}`` sees exactly that in the reply.

Bounded, because a template must not hang the window or exhaust memory: ``composer.limits``
holds the bounds (text and list sizes, number sizes, loop turns, call depth, output, time) and
what checks them; a template past one fails with ``TemplateLimitError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from jinja2 import FunctionLoader, StrictUndefined, Template, nodes, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from composer import dates, limits
from composer.fields import Field, FieldType, Money, Value
from composer.formatting import format_day, format_money, format_span, format_value
from composer.scenario import Language

DATE_FUNCTIONS = ("delivery_window", "spring_festival", "spring_festival_pause")
# What every reply's template can read besides its fields: how the reply is sent
# (``format``: "chat", a platform message, or "email", the longer letter) and the platform it
# goes to (``platform``: a key of platforms.toml, such as "amazon", or "generic").
REPLY_FORMATS = ("chat", "email")
CONTEXT_NAMES = ("format", "platform")
TODAY = "__today__"  # the render's date: a date within this year is written without the year
RESERVED_NAMES = frozenset(
    {"lang", "partial", "snippet", "loop", "self", "range", "true", "false", "none"}
    | set(DATE_FUNCTIONS)
    | set(CONTEXT_NAMES)
)


class Shown:
    """A field's value as one language shows it in a reply.

    Printing it gives the formatted text (or, when unfilled, a visible marker such as
    ``[Order number]``); comparing it compares the neutral value, so a template can write
    ``{% if reason == "customs" %}`` or ``{% if order_value.amount > 50 %}``.
    """

    __slots__ = ("_text", "field", "language", "missing", "printed", "raw", "today")

    def __init__(
        self, field: Field, raw: Value, language: Language, today: dt.date | None = None
    ) -> None:
        self.field = field
        self.raw = raw
        self.language = language
        self.today = today
        self.missing = field.is_empty(raw)
        self.printed = False  # set once the reply prints it: only printed markers are shown
        self._text = (
            marker(field, language) if self.missing else format_value(field, raw, language, today)
        )

    @property
    def text(self) -> str:
        """What printing it gives; reading it counts as printing (``{{ field.text }}``)."""
        self.printed = True
        return self._text

    def __str__(self) -> str:
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


def _date_filter(value: Any, style: str = "day") -> str:
    if isinstance(value, ShownSpan):
        return value.formatted(style)
    if isinstance(value, Shown):
        if value.missing or value.field.type is not FieldType.DATE:
            return str(value)
        assert isinstance(value.raw, dt.date)
        value.printed = True
        return format_day(value.raw, value.language.locale, style, value.today)
    return str(value)


def _money_filter(value: Any, style: str | None = None) -> str:
    if isinstance(value, Shown) and isinstance(value.raw, Money) and not value.missing:
        value.printed = True
        return format_money(value.raw, value.language.locale, style or value.language.money_style)
    return str(value)


# --- dates from order facts ---------------------------------------------------------------

_COMPUTED_DATE = Field(name="date", type=FieldType.DATE, labels={"en": "date"})


class ShownSpan:
    """A run of days as one language shows it: ``Mar 18 – 28, 2026`` / ``2026年3月18日至28日``.

    ``start``, ``end`` and ``resume`` (the day after) print like a date field and take the
    ``date`` filter; ``days`` counts the days. While an input is unfilled, the span prints that
    input's marker, and is false in an ``{% if %}``.
    """

    __slots__ = ("language", "missing", "span", "today")

    def __init__(
        self,
        span: dates.Span | None,
        language: Language,
        missing: Shown | None,
        today: dt.date | None = None,
    ) -> None:
        self.span = span
        self.language = language
        self.missing = missing
        self.today = today

    def _day(self, day: dt.date | None) -> Shown:
        if day is None or self.missing is not None:
            assert self.missing is not None
            return self.missing
        return Shown(_COMPUTED_DATE, day, self.language, self.today)

    @property
    def start(self) -> Shown:
        return self._day(self.span.start if self.span else None)

    @property
    def end(self) -> Shown:
        return self._day(self.span.end if self.span else None)

    @property
    def resume(self) -> Shown:
        return self._day(self.span.resume if self.span else None)

    @property
    def days(self) -> int:
        return self.span.days if self.span else 0

    def formatted(self, style: str = "day") -> str:
        if self.span is None or self.missing is not None:
            return str(self.missing)
        return format_span(self.span.start, self.span.end, self.language.locale, style, self.today)

    def __str__(self) -> str:
        return self.formatted()

    def __bool__(self) -> bool:
        return self.span is not None and self.missing is None


class _UnfilledError(Exception):
    """An input of a date function is unfilled: the result shows that field's marker."""

    def __init__(self, shown: Shown) -> None:
        self.shown = shown


def _day_of(value: Any) -> dt.date:
    if isinstance(value, Shown):
        if value.missing:
            raise _UnfilledError(value)
        value = value.raw
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"{value!r} is not a date")


def _whole(value: Any) -> int:
    if isinstance(value, Shown):
        if value.missing:
            raise _UnfilledError(value)
        value = value.raw
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise TypeError(f"{value!r} is not a number of days")
    number = Decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"{value} is not a whole number of days")
    return int(number)


class _DateFunctions:
    """The date functions templates call, bound to one reply language."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def _span(self, make: Any, today: dt.date | None) -> ShownSpan:
        try:
            return ShownSpan(make(), self.language, None, today)
        except _UnfilledError as unfilled:
            return ShownSpan(None, self.language, unfilled.shown, today)

    def delivery_window(
        self,
        shipped: Any,
        fastest: Any,
        slowest: Any,
        business: bool = False,
        *,
        today: dt.date | None = None,
    ) -> ShownSpan:
        """``{{ delivery_window(shipped_on, 15, 25) }}``: when the parcel should arrive."""

        def make() -> dates.Span:
            return dates.delivery_window(
                _day_of(shipped), _whole(fastest), _whole(slowest), bool(business)
            )

        return self._span(make, today)

    def spring_festival_pause(
        self,
        when: Any,
        before: Any = dates.FESTIVAL_DAYS_BEFORE,
        after: Any = dates.FESTIVAL_DAYS_AFTER,
        *,
        today: dt.date | None = None,
    ) -> ShownSpan:
        """``{{ spring_festival_pause(2027) }}``, or from a date: the next pause not yet over."""

        def make() -> dates.Span:
            days = (_whole(before), _whole(after))
            if isinstance(when, dt.date) or (
                isinstance(when, Shown) and isinstance(when.raw, dt.date)
            ):
                return dates.next_spring_festival_pause(_day_of(when), *days)
            return dates.spring_festival_pause(_whole(when), *days)

        return self._span(make, today)

    def spring_festival(self, when: Any, *, today: dt.date | None = None) -> Shown:
        """``{{ spring_festival(2027) }}``: the Lunar New Year's Day, printed as a date."""
        return self.spring_festival_pause(when, 0, 0, today=today).start


def _with_today(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a template global that writes dates against the render's ``today``."""

    @pass_context
    def call(context: Context, *args: Any, **kwargs: Any) -> Any:
        today = context.get(TODAY)
        return function(*args, **kwargs, today=today if isinstance(today, dt.date) else None)

    return call


def _add_days(value: Any, days: Any, business: bool = False) -> Any:
    """``{{ shipped_on|add_days(3, business=true) }}``: a date some days later."""
    try:
        day, count = _day_of(value), _whole(days)
    except _UnfilledError as unfilled:
        return unfilled.shown
    if isinstance(value, Shown):
        language, today = value.language, value.today
    else:
        language, today = _ENGLISH, None
    return Shown(_COMPUTED_DATE, dates.add_days(day, count, bool(business)), language, today)


_ENGLISH = Language("en", "en_US", "English")

FILTERS = {"date": _date_filter, "money": _money_filter, "add_days": _add_days}

SnippetText = Callable[[str], "str | None"]
"""A snippet's text in the language being rendered, by key; None when there is none."""

MISSING_SNIPPETS = "__missing_snippets__"  # the render's list of markers it printed
PRINTED_SNIPPETS = "__printed_snippets__"  # the render's list of snippet keys it printed
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
        printed = context.get(PRINTED_SNIPPETS)
        if isinstance(printed, list):
            printed.append(name)
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


# How templates are compiled.
ENVIRONMENT_OPTIONS: dict[str, Any] = {
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}

# Jinja's filters a reply may use: the ones that cannot blow up (``center``, ``indent``,
# ``wordwrap``, ``format``, ``batch`` and ``slice`` take a size and are left out).
BUILTIN_FILTERS = (
    "abs",
    "capitalize",
    "default",
    "d",
    "first",
    "float",
    "int",
    "last",
    "length",
    "count",
    "list",
    "lower",
    "max",
    "min",
    "replace",
    "reverse",
    "round",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
    "join",
    "select",
    "reject",
    "selectattr",
    "rejectattr",
    "map",
    "attr",
    "striptags",
    "e",
    "escape",
)
# Jinja's globals a reply may use: ``lipsum`` (placeholder text by the page) is left out.
BUILTIN_GLOBALS = ("range", "dict", "cycler", "joiner")
UNAVAILABLE_GLOBALS = frozenset({"lipsum"})


def make_environment(
    partials: Mapping[str, str] | None = None,
    snippets: SnippetText | None = None,
    language: Language | None = None,
) -> SandboxedEnvironment:
    """A bounded, immutable sandboxed environment for one language, with its shared pieces.

    ``{{ partial("greeting") }}`` in a body pulls in the partial named ``greeting`` of the
    same language. (An expression, not ``{% include %}``: a block tag swallows the line end
    after it, which would glue the greeting to the next paragraph.) ``{{ snippet("sig") }}``
    prints the seller's snippet ``sig`` from ``snippets`` (its text is printed as it is, never
    run as a template); a snippet the library lacks prints a marker, not an error. Undefined
    names raise instead of printing nothing; block tags swallow their own line so ``{% if %}``
    does not leave blank lines in a reply.
    """
    pieces = dict(partials or {})

    def load_partial(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        text = pieces.get(name)
        return None if text is None else (text, limits.partial_file_name(name), lambda: True)

    env = limits.BoundedEnvironment(
        loader=FunctionLoader(load_partial),
        undefined=StrictUndefined,
        auto_reload=False,
        **ENVIRONMENT_OPTIONS,
    )
    env.filters = {name: env.filters[name] for name in BUILTIN_FILTERS if name in env.filters}
    env.filters.update(limits.BOUNDED_FILTERS)
    env.filters.update(FILTERS)
    env.globals = {name: env.globals[name] for name in BUILTIN_GLOBALS}
    env.globals["namespace"] = limits.BoundedNamespace
    env.globals["partial"] = _partial
    language = language or _ENGLISH
    env.globals["snippet"] = _snippet_function(snippets or _no_snippets, language.code)
    functions = _DateFunctions(language)
    for name in DATE_FUNCTIONS:
        env.globals[name] = _with_today(getattr(functions, name))
    return env


def compile_template(env: SandboxedEnvironment, name: str, source: str) -> Template:
    """``source`` compiled in ``env``; ``name`` (``scenario-id/body``) names it in errors."""
    code = env.compile(source, name, name)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


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
