"""Order and tracking numbers in a buyer's message, each tagged with what it is.

Only shapes a platform or carrier really uses are taken, and a check digit is verified where
the format has one (UPU S10, UPS, USPS), so a phone number, a date or a price is never offered
as an order number. A bare 10-, 12- or 15-digit number is a carrier's only when the message
names that carrier (DHL Express, FedEx); otherwise 15 or 16 digits are an AliExpress order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
"""The UPU S10 standard's weights for the eight serial digits (the ninth digit checks them)."""


@dataclass(frozen=True)
class FoundNumber:
    """A number taken from the message: ``kind`` names its platform or format, ``carrier`` who
    delivers a tracked parcel (empty for an order number), ``start`` where it was."""

    number: str
    kind: str
    carrier: str = ""
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, str]:
        data = {"number": self.number, "kind": self.kind}
        if self.carrier:
            data["carrier"] = self.carrier
        return data


# Postal operators by the S10 number's country code, for the carrier field.
POSTS = {
    "CN": "China Post",
    "HK": "Hongkong Post",
    "SG": "Singapore Post",
    "US": "USPS",
    "GB": "Royal Mail",
    "DE": "Deutsche Post",
    "FR": "La Poste",
    "ES": "Correos",
    "IT": "Poste Italiane",
    "PT": "CTT",
    "RU": "Russian Post",
    "PL": "Poczta Polska",
    "BR": "Correios",
    "NL": "PostNL",
    "BE": "bpost",
    "CH": "Swiss Post",
    "AT": "Austrian Post",
    "SE": "PostNord",
    "CA": "Canada Post",
    "AU": "Australia Post",
    "JP": "Japan Post",
    "LT": "Lithuania Post",
    "LV": "Latvijas Pasts",
    "EE": "Omniva",
}

# ASCII only: a number may touch Chinese text (订单号8175630291847563还没到).
_B = r"(?<![0-9A-Za-z])"  # no letter or digit right before
_E = r"(?![0-9A-Za-z])"  # nor right after
_DIGITS_B = r"(?<![0-9A-Za-z_+])"  # nor a + (a phone number)


def s10_valid(number: str) -> bool:
    """True when ``number`` (``AB123456789CN``) has a right UPU S10 check digit."""
    if not re.fullmatch(r"[A-Z]{2}\d{9}[A-Z]{2}", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[2:10], S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    check = {10: 0, 11: 5}.get(check, check)
    return int(number[10]) == check


def ups_valid(number: str) -> bool:
    """True when a ``1Z`` number's last character checks the 15 before it (UPS's mod 10, with
    letters read as digits)."""
    if not re.fullmatch(r"1Z[0-9A-Z]{16}", number) or not number[-1].isdigit():
        return False
    total = 0
    for position, char in enumerate(number[2:17]):
        value = int(char) if char.isdigit() else (ord(char) - 63) % 10
        total += value * 2 if position % 2 else value
    return (10 - total % 10) % 10 == int(number[-1])


def mod10_valid(digits: str) -> bool:
    """USPS's check (weights 3 and 1 from the right, before the check digit)."""
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _shopee_date(number: str) -> bool:
    """A Shopee order number starts with the order's date, YYMMDD."""
    month, day = int(number[2:4]), int(number[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31 and any(c.isalpha() for c in number[6:])


_ORDERS: list[tuple[str, re.Pattern[str], Callable[[str], bool] | None]] = [
    ("amazon", re.compile(r"(?<![\d-])\d{3}-\d{7}-\d{7}(?![\d-])"), None),
    ("ebay", re.compile(r"(?<![\d-])\d{2}-\d{5}-\d{5}(?![\d-])"), None),
    ("temu", re.compile(_B + r"PO-\d{3}-\d{15,20}" + _E), None),
    ("shopify", re.compile(r"(?<![0-9A-Za-z_#&])#\d{3,8}(?![0-9A-Za-z_-])"), None),
    ("shopee", re.compile(_B + r"\d{6}[0-9A-Z]{8}" + _E), _shopee_date),
    # Not after + or 00 (a phone number), nor inside a longer run of digits, dashes or dots.
    (
        "aliexpress",
        re.compile(r"(?<![0-9A-Za-z+\-./:])[1-9]\d{14,15}(?![0-9A-Za-z\-/:]|\.\d)"),
        None,
    ),
]

_TRACKING: list[tuple[str, str, re.Pattern[str], Callable[[str], bool] | None]] = [
    ("upu-s10", "", re.compile(_B + r"[A-Z]{2} ?\d{3} ?\d{3} ?\d{3} ?[A-Z]{2}" + _E), s10_valid),
    (
        "ups",
        "UPS",
        re.compile(_B + r"1Z ?[0-9A-Z]{3} ?[0-9A-Z]{3} ?[0-9A-Z]{2}(?: ?\d{4}){2}" + _E),
        ups_valid,
    ),
    ("cainiao", "Cainiao", re.compile(_B + r"LP\d{14,16}" + _E), None),
    ("yunexpress", "YunExpress", re.compile(_B + r"YT\d{16}" + _E), None),
    ("4px", "4PX", re.compile(_B + r"4PX\d{10,16}(?:CN)?" + _E), None),
    ("dhl-ecommerce", "DHL eCommerce", re.compile(_B + r"GM\d{16,20}" + _E), None),
    ("amazon-logistics", "Amazon Logistics", re.compile(_B + r"TBA\d{12}" + _E), None),
    ("sf-express", "SF Express", re.compile(_B + r"SF\d{12,13}" + _E), None),
    ("usps", "USPS", re.compile(_DIGITS_B + r"9[1-5]\d\d(?: ?\d{4}){4} ?\d{0,2}" + _E), None),
]
# Carriers whose numbers are bare digits: taken only when the message names the carrier.
_NAMED_CARRIER: list[tuple[str, str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "fedex",
        "FedEx",
        re.compile(r"fed\s?ex", re.I),
        re.compile(_DIGITS_B + r"\d{12}(?:\d{3})?" + _E),
    ),
    (
        "dhl-express",
        "DHL Express",
        re.compile(r"\bdhl\b(?!\s*e-?commerce)", re.I),
        re.compile(_DIGITS_B + r"\d{10}" + _E),
    ),
]
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹣"})


def normalize(text: str) -> str:
    """Full-width digits and letters as ASCII, every kind of dash as ``-``."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def tracking_numbers(text: str) -> list[FoundNumber]:
    """The tracking numbers in ``text``, in the order they appear."""
    text = normalize(text)
    upper = text.upper()
    found: dict[str, FoundNumber] = {}
    for kind, carrier, pattern, valid in _TRACKING:
        for match in pattern.finditer(upper):
            number = match.group().replace(" ", "")
            if kind == "usps" and not (20 <= len(number) <= 22 and mod10_valid(number)):
                continue
            if valid is not None and not valid(number):
                continue
            if kind == "upu-s10":
                carrier = POSTS.get(number[-2:], "")
            found.setdefault(number, FoundNumber(number, kind, carrier, *match.span()))
    for kind, carrier, named, pattern in _NAMED_CARRIER:
        if named.search(text):
            for match in pattern.finditer(text):
                number = match.group()
                if not _inside(match.start(), match.end(), number, list(found.values())):
                    found.setdefault(number, FoundNumber(number, kind, carrier, *match.span()))
    return sorted(found.values(), key=lambda f: f.start)


def order_numbers(text: str, tracking: list[FoundNumber] | None = None) -> list[FoundNumber]:
    """The order numbers in ``text``, in the order they appear, leaving out any digits that
    are part of a tracking number (``tracking``, found in the same text)."""
    text = normalize(text)
    taken = tracking if tracking is not None else tracking_numbers(text)
    found: dict[str, FoundNumber] = {}
    for kind, pattern, valid in _ORDERS:
        for match in pattern.finditer(text):
            number = match.group()
            if valid is not None and not valid(number):
                continue
            if _inside(match.start(), match.end(), number, [*taken, *found.values()]):
                continue
            found.setdefault(number, FoundNumber(number, kind, "", *match.span()))
    return sorted(found.values(), key=lambda f: f.start)


def _inside(start: int, end: int, number: str, others: list[FoundNumber]) -> bool:
    """True when the stretch from ``start`` to ``end`` overlaps a number already found, or
    is one."""
    return any(
        other.number == number or (start < other.end and other.start < end) for other in others
    )
