"""How each language writes a value: dates, money, numbers and choice labels, through Babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Literal, get_args

from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol

from composer.templating.fields import Field, FieldType, Money, Value
from composer.templating.scenario import Language

DATE_STYLES = ("day", "full", "long", "medium", "short")
# A span of days, by date style: CLDR interval skeletons (with weekdays, months named, numeric).
SPAN_SKELETONS = {
    "day": "MMMMd",
    "full": "yMMMEd",
    "long": "yMMMEd",
    "medium": "yMMMd",
    "short": "yMd",
}
# The "day" style, the house style of a chat reply: "March 27" / "3月27日", with the year only
# when it is not this year's. By language: (pattern this year, pattern another year); other
# languages use CLDR's skeletons "MMMMd" and "yMMMMd".
DAY_PATTERNS = {"en": ("MMMM d", "MMMM d, y"), "zh": ("M月d日", "y年M月d日")}

# How our reply languages write a span of days, owned here so that a CLDR update in a new Babel
# cannot change a reply's wording (Babel 2.19 turned 至 into " – "). Per language and date
# style: the connector, then (start, end) patterns in CLDR's date pattern syntax for a span
# within one month, within one year, and across years. Taken from CLDR 46 (Babel 2.18), except
# that Chinese joins every style with 至. Other languages use Babel's interval formats.
_SpanPatterns = tuple[str, tuple[str, str], tuple[str, str], tuple[str, str]]
SPAN_PATTERNS: dict[str, dict[str, _SpanPatterns]] = {
    "en": {
        "long": (
            "\u2009\u2013\u2009",
            ("EEE, MMM d", "EEE, MMM d, y"),
            ("EEE, MMM d", "EEE, MMM d, y"),
            ("EEE, MMM d, y", "EEE, MMM d, y"),
        ),
        "medium": (
            "\u2009\u2013\u2009",
            ("MMM d", "d, y"),
            ("MMM d", "MMM d, y"),
            ("MMM d, y", "MMM d, y"),
        ),
        "short": ("\u2009\u2013\u2009", ("M/d/y", "M/d/y"), ("M/d/y", "M/d/y"), ("M/d/y", "M/d/y")),
    },
    "zh": {
        "long": (
            "至",
            ("y年M月d日EEE", "d日EEE"),
            ("y年M月d日EEE", "M月d日EEE"),
            ("y年M月d日EEE", "y年M月d日EEE"),
        ),
        "medium": ("至", ("y年M月d日", "d日"), ("y年M月d日", "M月d日"), ("y年M月d日", "y年M月d日")),
        "short": ("至", ("y/M/d", "y/M/d"), ("y/M/d", "y/M/d"), ("y/M/d", "y/M/d")),
    },
}
SPAN_PATTERNS["en"]["full"] = SPAN_PATTERNS["en"]["long"]
SPAN_PATTERNS["zh"]["full"] = SPAN_PATTERNS["zh"]["long"]


def _base(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0]


def _day(day: dt.date, locale: str, with_year: bool) -> str:
    own = DAY_PATTERNS.get(_base(locale))
    if own is None:
        return format_skeleton("yMMMMd" if with_year else "MMMMd", day, locale=locale)
    return format_date(day, own[1] if with_year else own[0], locale=locale)


def _day_span(start: dt.date, end: dt.date, locale: str, today: dt.date) -> str:
    """``March 18–28`` / ``3月18日至28日``; the year only when a day is not in this year."""
    with_year = start.year != today.year or end.year != today.year
    base = _base(locale)
    if start == end:
        return _day(start, locale, with_year)
    if base == "zh":
        last = "d日" if start.month == end.month and start.year == end.year else "M月d日"
        if start.year != end.year:
            last = "y年M月d日"
        return _day(start, locale, with_year) + "至" + format_date(end, last, locale=locale)
    if base == "en":
        if start.year == end.year and start.month == end.month:
            first = format_date(start, "MMMM d", locale=locale)
            last = format_date(end, "d, y" if with_year else "d", locale=locale)
            return f"{first}\u2013{last}"
        if start.year == end.year:
            first = format_date(start, "MMMM d", locale=locale)
            return f"{first} \u2013 {_day(end, locale, with_year)}"
        return f"{_day(start, locale, True)} \u2013 {_day(end, locale, True)}"
    skeleton = "yMMMMd" if with_year else "MMMMd"
    return format_interval(start, end, skeleton, locale=locale)


MoneyStyle = Literal["standard", "name", "accounting"]
MONEY_STYLES: tuple[MoneyStyle, ...] = get_args(MoneyStyle)


@lru_cache(maxsize=4096)
def format_day(day: dt.date, locale: str, style: str = "full", today: dt.date | None = None) -> str:
    """``Friday, March 27, 2026`` / ``2026年3月27日星期五`` (Babel's standard styles), or with
    ``style="day"`` the chat style, ``March 27`` / ``3月27日`` (the year when not ``today``'s)."""
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    if style == "day":
        return _day(day, locale, day.year != (today or dt.date.today()).year)
    return format_date(day, style, locale=locale)


@lru_cache(maxsize=1024)
def format_span(
    start: dt.date,
    end: dt.date,
    locale: str,
    style: str = "medium",
    today: dt.date | None = None,
) -> str:
    """``Mar 18 – 28, 2026`` / ``2026年3月18日至28日``: a run of days as the locale writes it.
    ``style="day"``: ``March 18–28`` / ``3月18日至28日``, the year only when not ``today``'s."""
    if style not in SPAN_SKELETONS:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    if style == "day":
        return _day_span(start, end, locale, today or dt.date.today())
    own = SPAN_PATTERNS.get(_base(locale))
    if own is None:
        return format_interval(start, end, SPAN_SKELETONS[style], locale=locale)
    connector, same_month, same_year, across_years = own[style]
    if start == end:
        return format_date(start, across_years[1], locale=locale)
    if start.year != end.year:
        first, last = across_years
    elif start.month != end.month:
        first, last = same_year
    else:
        first, last = same_month
    return (
        format_date(start, first, locale=locale) + connector + format_date(end, last, locale=locale)
    )


@lru_cache(maxsize=4096)
def format_money(money: Money, locale: str, style: str = "standard") -> str:
    """``$13.00`` in English; with ``style='name'``, ``13.00美元`` in Chinese."""
    format_type: MoneyStyle = "standard"
    for known in MONEY_STYLES:
        if style == known:
            format_type = known
    return format_currency(money.amount, money.currency, locale=locale, format_type=format_type)


@lru_cache(maxsize=256)
def currency_symbol(currency: str, locale: str) -> str:
    """``$`` for USD in English: what an amount box shows before the number."""
    return get_currency_symbol(currency, locale=locale)


@lru_cache(maxsize=4096)
def format_number(number: Decimal, locale: str) -> str:
    return format_decimal(number, locale=locale)


@lru_cache(maxsize=1024)
def format_percentage(number: Decimal, locale: str) -> str:
    """A percentage given as written (5 means 5 %), in the locale's form."""
    return format_percent(number / 100, locale=locale, decimal_quantization=False)


def format_value(
    field: Field, value: Value, language: Language, today: dt.date | None = None
) -> str:
    """``value`` as ``language`` writes it. Free text is the same in every language. A date is
    written in the chat style, ``March 27`` (with the year when it is not ``today``'s)."""
    if isinstance(value, bool) or field.type is FieldType.YES_NO:
        return language.yes if value else language.no
    if isinstance(value, Money):
        return format_money(value, language.locale, language.money_style)
    if isinstance(value, dt.date):
        return format_day(value, language.locale, "day", today)
    if isinstance(value, Decimal):
        if field.type is FieldType.PERCENT:
            return format_percentage(value, language.locale)
        return format_number(value, language.locale)
    if field.type is FieldType.CHOICE and value is not None:
        option = field.option(str(value))
        if option is not None:
            return option.labels.get(language.code) or option.labels.get("en") or option.key
    return "" if value is None else str(value)
