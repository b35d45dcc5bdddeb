"""How a template prints values: a field's value in the reply's language (``Shown``, with its
marker while empty), date spans, and the date functions and filters templates call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from composer.templating import dates
from composer.templating.fields import Field, FieldType, Money, Value
from composer.templating.formatting import format_day, format_money, format_span, format_value
from composer.templating.scenario import Language

TODAY = "__today__"  # the render's date: a date within this year is written without the year


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


def date_filter(value: Any, style: str = "day") -> str:
    if isinstance(value, ShownSpan):
        return value.formatted(style)
    if isinstance(value, Shown):
        if value.missing or value.field.type is not FieldType.DATE:
            return str(value)
        assert isinstance(value.raw, dt.date)
        value.printed = True
        return format_day(value.raw, value.language.locale, style, value.today)
    return str(value)


def money_filter(value: Any, style: str | None = None) -> str:
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


class ValueSlipError(ValueError):
    """A slip in the seller's values, not in the template: the draft's error is this message
    as it is, with no exception name before it."""


class DateOrderError(ValueSlipError):
    """Two date fields given in the wrong order (a last day before the first day)."""

    def __init__(self, first: Any, last: Any, language: Language, today: dt.date | None) -> None:
        chinese = language.locale.startswith("zh")

        def named(value: Any) -> str:
            if isinstance(value, Shown):
                label = value.field.label(language.code)
                day = format_day(value.raw, language.locale, "day", today)
                return f"{label}（{day}）" if chinese else f"{label} ({day})"
            return str(value)

        if chinese:
            super().__init__(f"{named(last)}早于{named(first)}")
        else:
            super().__init__(f"{named(last)} is before {named(first)}")


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


class DateFunctions:
    """The date functions templates call, bound to one reply language."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def _span(self, make: Any, today: dt.date | None) -> ShownSpan:
        try:
            return ShownSpan(make(), self.language, None, today)
        except _UnfilledError as unfilled:
            return ShownSpan(None, self.language, unfilled.shown, today)

    def date_span(self, first: Any, last: Any, *, today: dt.date | None = None) -> ShownSpan:
        """``{{ date_span(first_day, last_day) }}``: the days from one date field to another.

        Dates in the wrong order are the seller's slip, not a span to print: the reply does
        not render, and the message names both fields.
        """

        def make() -> dates.Span:
            start, end = _day_of(first), _day_of(last)
            if end < start:
                raise DateOrderError(first, last, self.language, today)
            return dates.Span(start, end)

        return self._span(make, today)

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


def with_today(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` as a template global that writes dates against the render's ``today``."""

    @pass_context
    def call(context: Context, *args: Any, **kwargs: Any) -> Any:
        today = context.get(TODAY)
        return function(*args, **kwargs, today=today if isinstance(today, dt.date) else None)

    return call


def add_days_filter(value: Any, days: Any, business: bool = False) -> Any:
    """``{{ shipped_on|add_days(3, business=true) }}``: a date some days later."""
    try:
        day, count = _day_of(value), _whole(days)
    except _UnfilledError as unfilled:
        return unfilled.shown
    if isinstance(value, Shown):
        language, today = value.language, value.today
    else:
        language, today = ENGLISH, None
    return Shown(_COMPUTED_DATE, dates.add_days(day, count, bool(business)), language, today)


ENGLISH = Language("en", "en_US", "English")
