"""Fields a scenario declares, and the language-neutral values a seller gives them.

A value is neutral: a date, an amount with its currency, a choice's key. Each language formats
it its own way when a draft is rendered (see ``composer.templating.formatting``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple, TypeAlias


class FieldType(StrEnum):
    """The kinds of field a template may declare; each has its own editor in the app."""

    TEXT = "text"
    LONG_TEXT = "longtext"
    DATE = "date"
    MONEY = "money"
    NUMBER = "number"
    PERCENT = "percent"
    CHOICE = "choice"
    YES_NO = "yesno"


@dataclass(frozen=True)
class Money:
    """An amount in an ISO 4217 currency."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


Value: TypeAlias = str | dt.date | Money | Decimal | bool | None
"""A field's value: ``None`` (or an empty string) means the seller has not filled it."""


class FieldValueError(ValueError):
    """A value that does not fit its field; the message names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field_name = field_name


@dataclass(frozen=True)
class Option:
    """One answer of a choice field: a stable key and a label per language."""

    key: str
    labels: Mapping[str, str]


_CURRENCY = re.compile(r"^[A-Z]{3}$")


class Bounds(NamedTuple):
    """What a number a seller types may be: from 0 to ``most``, with few decimal places.

    The bounds keep every value one that Babel formats exactly (its decimal context holds 28
    digits) and that a reply can say: no negative refund, no amount of a thousand digits.
    """

    noun: str  # "an amount", as in "give an amount from 0 to ..."
    most: Decimal
    places: int = 4


MAX_AMOUNT = Decimal("999999999999.99")
"""The largest amount of money: far above any order, even in dong or rupiah."""
AMOUNT = Bounds("an amount", MAX_AMOUNT)
NUMBER = Bounds("a number", Decimal(1_000_000_000))
PERCENT = Bounds("a percentage", Decimal(100))


def bounded(value: Decimal, bounds: Bounds, shown: object) -> Decimal:
    """``value`` if it is within ``bounds``; else ValueError saying why (``shown`` is what the
    seller wrote, quoted in the message)."""
    span = f"give {bounds.noun} from 0 to {bounds.most:,}"
    if not value.is_finite():
        raise ValueError(f"{shown!r} is not {bounds.noun}: {span}")
    if value < 0:
        raise ValueError(f"{shown!r} is negative: {span}")
    if value > bounds.most:
        raise ValueError(f"{shown!r} is too large: {span}")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > bounds.places:
        raise ValueError(f"{shown!r} has more than {bounds.places} decimal places")
    return value


@lru_cache(maxsize=1)
def currencies_in_use(today: dt.date | None = None) -> frozenset[str]:
    """The ISO 4217 codes some country or territory pays in (Babel's CLDR data): not the
    test and "no currency" codes (XTS, XXX), precious metals, funds or retired currencies,
    which Babel formats only as a bare code or ``¤``."""
    from babel.core import get_global  # Babel only when an amount is checked
    from babel.numbers import get_territory_currencies

    day = today or dt.date.today()
    codes: set[str] = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, day, tender=True))
    return frozenset(codes)


def checked_currency(code: str) -> str:
    """``code`` upper-cased if it is a currency in use; else ValueError saying so."""
    upper = code.strip().upper()
    if not _CURRENCY.match(upper):
        raise ValueError(f"{code!r} is not a three-letter currency code like USD, EUR or CNY")
    if upper not in currencies_in_use():
        raise ValueError(f"{code!r} is not a currency in use; write a code like USD, EUR or CNY")
    return upper


_MONEY = re.compile(
    r"^\s*(?:(?P<pre>[A-Za-z]{3})\s*)?(?P<amount>[-+]?[\d,]*\.?\d+)\s*(?P<post>[A-Za-z]{3})?\s*$"
)


@dataclass(frozen=True)
class Field:
    """A value a scenario asks for: name, type, labels and help per language, example."""

    name: str
    type: FieldType
    labels: Mapping[str, str]
    required: bool = True
    default: Value = None
    example: Value = None
    help: Mapping[str, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    currency: str = "USD"

    def label(self, language: str) -> str:
        """The field's label in ``language``, falling back to English, then to its name."""
        return self.labels.get(language) or self.labels.get("en") or self.name

    def option(self, key: str) -> Option | None:
        """The choice option with ``key``, if there is one."""
        return next((o for o in self.options if o.key == key), None)

    def is_empty(self, value: Value) -> bool:
        """True when ``value`` leaves the field unfilled (a yes/no field is never unfilled)."""
        if self.type is FieldType.YES_NO:
            return False
        return value is None or (isinstance(value, str) and not value.strip())

    def coerce(self, raw: Any) -> Value:
        """Turn what a file, the command line or an editor holds into this field's value.

        Strings are parsed (``2026-03-27``, ``13.50 USD``, ``yes``); native values are checked.
        Raises FieldValueError naming the field when the value does not fit.
        """
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return False if self.type is FieldType.YES_NO else None
        try:
            return _COERCERS[self.type](self, raw)
        except FieldValueError:
            raise
        except _OutOfBoundsError as exc:
            raise FieldValueError(self.name, str(exc)) from None
        except (ValueError, TypeError, InvalidOperation, KeyError) as exc:
            raise FieldValueError(self.name, _describe(self, raw, exc)) from None


class _OutOfBoundsError(ValueError):
    """A value that parsed but does not fit: its message says why, as it is."""


def _describe(f: Field, raw: Any, exc: Exception) -> str:
    expected = {
        FieldType.DATE: "a date like 2026-03-27",
        FieldType.MONEY: "an amount like 13.50 or 13.50 USD",
        FieldType.NUMBER: "a number",
        FieldType.PERCENT: "a percentage like 5 or 5%",
        FieldType.CHOICE: "one of " + ", ".join(o.key for o in f.options),
        FieldType.YES_NO: "yes or no",
    }.get(f.type, "text")
    return f"{raw!r} is not {expected}"


def _text(f: Field, raw: Any) -> str:
    if isinstance(raw, bool | dict | list):
        raise TypeError("not text")
    return str(raw)


def _date(f: Field, raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        return dt.date.fromisoformat(raw.strip())
    raise TypeError("not a date")


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise TypeError("not a number")
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, str):
        raw = raw.strip().replace(",", "")
    value = Decimal(raw)
    if not value.is_finite():
        raise ValueError("not finite")
    return value


def _within(value: Decimal, bounds: Bounds, raw: Any) -> Decimal:
    try:
        return bounded(value, bounds, raw.strip() if isinstance(raw, str) else raw)
    except ValueError as exc:
        raise _OutOfBoundsError(str(exc)) from None


def _money(f: Field, raw: Any) -> Money:
    shown = raw
    if isinstance(raw, Money):
        amount, currency, shown = raw.amount, raw.currency, str(raw)
    elif isinstance(raw, Mapping):
        shown = raw["amount"]
        amount, currency = _decimal(shown), str(raw.get("currency") or f.currency)
    elif isinstance(raw, str):
        match = _MONEY.match(raw)
        if not match or (match["pre"] and match["post"]):
            raise ValueError("not money")
        amount = _decimal(match["amount"])
        currency = match["pre"] or match["post"] or f.currency
    else:
        amount, currency = _decimal(raw), f.currency
    try:
        currency = checked_currency(currency)
    except ValueError as exc:
        raise FieldValueError(f.name, str(exc)) from None
    return Money(_within(amount, AMOUNT, shown), currency)


def _number(f: Field, raw: Any) -> Decimal:
    return _within(_decimal(raw), NUMBER, raw)


def _percent(f: Field, raw: Any) -> Decimal:
    if isinstance(raw, str):
        raw = raw.strip().removesuffix("%")
    return _within(_decimal(raw), PERCENT, raw)


def _choice(f: Field, raw: Any) -> str:
    key = str(raw).strip()
    if f.option(key) is None:
        raise ValueError("unknown option")
    return key


_YES = {"yes", "y", "true", "1", "on", "是"}
_NO = {"no", "n", "false", "0", "off", "否"}


def _yes_no(f: Field, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError("not yes or no")


_COERCERS: dict[FieldType, Callable[[Field, Any], Value]] = {
    FieldType.TEXT: _text,
    FieldType.LONG_TEXT: _text,
    FieldType.DATE: _date,
    FieldType.MONEY: _money,
    FieldType.NUMBER: _number,
    FieldType.PERCENT: _percent,
    FieldType.CHOICE: _choice,
    FieldType.YES_NO: _yes_no,
}


def to_json(value: Value) -> Any:
    """A value as plain JSON (dates as ISO text, money as an object, numbers as text)."""
    if isinstance(value, Money):
        return {"amount": str(value.amount), "currency": value.currency}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
