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
    return format_interval(start, end, SPAN_SKELETONS[style], locale=locale)


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
