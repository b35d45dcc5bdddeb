"""A cell of an export as a value: an amount, a quantity, a date, a country.

Exports write these many ways (``$12.50``, ``12,50 €``, ``1.234,56``; ``2026-03-05T10:12:33Z``,
``Mar-05-26``, ``2026-03-05 10:12:33 +0100``; ``US``, ``United States``, ``美国``). Each parser
raises ValueError with a short phrase a seller can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

Cell = str | int | float | dt.datetime | dt.date | dt.time | dt.timedelta | bool | None

_SYMBOL_CURRENCY = {"€": "EUR", "£": "GBP", "₽": "RUB", "zł": "PLN", "US$": "USD", "R$": "BRL"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_NUMBER = re.compile(r"[-+]?[\d.,' \u00a0\u202f]*\d")
MAX_AMOUNT = Decimal("999999999999.99")


def text(cell: Cell) -> str:
    """A cell as text: numbers without a trailing ``.0`` (Excel stores 8041 as 8041.0)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell).strip()


def amount(cell: Cell) -> tuple[Decimal, str]:
    """An amount and the currency its text names (``""`` when it names none)."""
    if isinstance(cell, bool):
        raise ValueError(f"{cell!r} is not an amount")
    if isinstance(cell, int | float):
        value = Decimal(str(cell))
        currency = ""
    else:
        raw = text(cell)
        currency = ""
        code = _CODE.search(raw.upper())
        if code:
            currency = code.group(1)
        for symbol, named in _SYMBOL_CURRENCY.items():
            if symbol in raw.replace(" ", "") and not currency:
                currency = named  # "$" alone is left open: US, Canadian, Australian...
        found = _NUMBER.search(raw)
        if not found or re.search(r"[A-Za-z]{4,}", raw):
            raise ValueError(f"{raw!r} is not an amount")
        value = _decimal(found.group(0))
    if value < 0:
        raise ValueError(f"{text(cell)!r} is negative")
    if value > MAX_AMOUNT or not value.is_finite():
        raise ValueError(f"{text(cell)!r} is too large to be an order's amount")
    return value, currency


def _decimal(number: str) -> Decimal:
    digits = re.sub(r"[ '\u00a0\u202f]", "", number)
    if "," in digits and "." in digits:
        # The later mark is the decimal one: 1,234.56 and 1.234,56.
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        # 12,50 is twelve and a half; 1,234 is a thousand and more.
        head, _, tail = digits.rpartition(",")
        digits = f"{head.replace(',', '')}.{tail}" if len(tail) != 3 else digits.replace(",", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"{number!r} is not an amount") from None


def quantity(cell: Cell) -> int:
    """A whole number of items, 0 or more (Excel's ``2.0`` is 2)."""
    raw = text(cell)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a quantity") from None
    if value != value.to_integral_value() or value < 0 or value > 1_000_000:
        raise ValueError(f"{raw!r} is not a quantity (a whole number of items)")
    return int(value)


_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",  # Shopify
    "%Y-%m-%d %H:%M:%S %Z",
    "%b-%d-%y",  # eBay: Mar-05-26
    "%b-%d-%Y",
    "%b %d, %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
)


def moment(cell: Cell, date_format: str = "") -> dt.datetime:
    """A date and time (a date alone is taken at midnight).

    A day written with slashes and no year first (``03/05/2026``) is March 5 in one country and
    May 3 in another: it is read only with ``date_format`` (a mapping's ``%d/%m/%Y``), or when
    one of the numbers is over 12.
    """
    if isinstance(cell, dt.datetime):
        return cell
    if isinstance(cell, dt.date):
        return dt.datetime.combine(cell, dt.time())
    raw = text(cell)
    if not raw:
        raise ValueError("the date is empty")
    if date_format:
        try:
            return dt.datetime.strptime(raw, date_format)
        except ValueError:
            raise ValueError(f"{raw!r} is not a date written as {date_format!r}") from None
    try:
        return dt.datetime.fromisoformat(raw.replace(" UTC", "+00:00"))
    except ValueError:
        pass
    for form in _FORMATS:
        try:
            return dt.datetime.strptime(raw, form)
        except ValueError:
            continue
    slashed = re.fullmatch(
        r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", raw
    )
    if slashed:
        first, second, year = (int(slashed.group(i)) for i in (1, 2, 3))
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        elif first == second:
            day = month = first
        else:
            raise ValueError(
                f"{raw!r} could be day/month or month/day: give date_format in a column mapping"
            )
        hour, minute, sec = (int(g) if g else 0 for g in slashed.groups()[3:])
        return dt.datetime(year, month, day, hour, minute, sec)
    raise ValueError(f"{raw!r} is not a date")


_ALIASES = {
    "usa": "US",
    "united states of america": "US",
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "russian federation": "RU",
    "korea, republic of": "KR",
    "south korea": "KR",
    "the netherlands": "NL",
    "czech republic": "CZ",
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from babel import Locale  # Babel's CLDR names, only when an import needs them

    names: dict[str, str] = {}
    for language in ("zh", "de", "fr", "es", "it", "pt", "ru", "en"):  # English wins a tie
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names[name.casefold()] = code
    names.update(_ALIASES)
    return names


def country(cell: Cell) -> str:
    """An ISO 3166 code from a code or a country's name (English, Chinese and a few more);
    ``""`` for one not known (a country is never a reason to skip an order)."""
    raw = text(cell)
    if not raw:
        return ""
    names = _country_names()
    if len(raw) == 2 and raw.isalpha() and raw.upper() in names.values():
        return raw.upper()
    return names.get(raw.casefold(), "")


def is_blank(cell: Any) -> bool:
    """True for an empty cell (``None``, or text of only spaces)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())
