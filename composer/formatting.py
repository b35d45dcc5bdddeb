"""How each language writes a value: dates, money, numbers and choice labels, through Babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Literal, get_args

from babel.dates import format_date, format_interval
from babel.numbers import format_currency, format_decimal, format_percent

from composer.fields import Field, FieldType, Money, Value
from composer.scenario import Language

DATE_STYLES = ("full", "long", "medium", "short")
# A span of days, by date style: CLDR interval skeletons (with weekdays, months named, numeric).
SPAN_SKELETONS = {"full": "yMMMEd", "long": "yMMMEd", "medium": "yMMMd", "short": "yMd"}

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
MoneyStyle = Literal["standard", "name", "accounting"]
MONEY_STYLES: tuple[MoneyStyle, ...] = get_args(MoneyStyle)


@lru_cache(maxsize=4096)
def format_day(day: dt.date, locale: str, style: str = "full") -> str:
    """``Friday, March 27, 2026`` / ``2026年3月27日星期五`` (Babel's standard styles)."""
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    return format_date(day, style, locale=locale)


@lru_cache(maxsize=1024)
def format_span(start: dt.date, end: dt.date, locale: str, style: str = "medium") -> str:
    """``Mar 18 – 28, 2026`` / ``2026年3月18日至28日``: a run of days as the locale writes it."""
    if style not in SPAN_SKELETONS:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
    own = SPAN_PATTERNS.get(locale.replace("-", "_").split("_")[0])
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


@lru_cache(maxsize=4096)
def format_number(number: Decimal, locale: str) -> str:
    return format_decimal(number, locale=locale)


@lru_cache(maxsize=1024)
def format_percentage(number: Decimal, locale: str) -> str:
    """A percentage given as written (5 means 5 %), in the locale's form."""
    return format_percent(number / 100, locale=locale, decimal_quantization=False)


def format_value(field: Field, value: Value, language: Language) -> str:
    """``value`` as ``language`` writes it. Free text is the same in every language."""
    if isinstance(value, bool) or field.type is FieldType.YES_NO:
        return language.yes if value else language.no
    if isinstance(value, Money):
        return format_money(value, language.locale, language.money_style)
    if isinstance(value, dt.date):
        return format_day(value, language.locale)
    if isinstance(value, Decimal):
        if field.type is FieldType.PERCENT:
            return format_percentage(value, language.locale)
        return format_number(value, language.locale)
    if field.type is FieldType.CHOICE and value is not None:
        option = field.option(str(value))
        if option is not None:
            return option.labels.get(language.code) or option.labels.get("en") or option.key
    return "" if value is None else str(value)
