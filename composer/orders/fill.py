"""What an order fills in a reply: the scenario's own fields, and the buyer's likely language.

Only fields the scenario declares are filled, each through its field's own checks (a money
field takes the order's amount in the order's currency; a date field the ship date). The
language follows the country the order ships to, for a buyer who has not written yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from composer.orders.model import Order
from composer.templating.fields import Value
from composer.templating.scenario import Scenario

# Where most buyers of a country write in a language other than English. A country not listed
# (the United States, Britain, India, Singapore...) gets English; a reply language the
# catalog does not have falls back to English when the reply is rendered.
COUNTRY_LANGUAGES: Mapping[str, str] = {
    # Chinese
    "CN": "zh", "TW": "zh", "HK": "zh", "MO": "zh",
    # Spanish
    "ES": "es", "MX": "es", "AR": "es", "CL": "es", "CO": "es", "PE": "es", "VE": "es",
    "EC": "es", "GT": "es", "CU": "es", "BO": "es", "DO": "es", "HN": "es", "PY": "es",
    "SV": "es", "NI": "es", "CR": "es", "PA": "es", "UY": "es", "PR": "es",
    # French
    "FR": "fr", "BE": "fr", "LU": "fr", "MC": "fr", "SN": "fr", "CI": "fr", "CM": "fr",
    "MA": "fr", "TN": "fr", "DZ": "fr",
    # German
    "DE": "de", "AT": "de", "CH": "de", "LI": "de",
    # Italian
    "IT": "it", "SM": "it",
    # Portuguese
    "PT": "pt", "BR": "pt", "AO": "pt", "MZ": "pt",
    # Russian
    "RU": "ru", "BY": "ru", "KZ": "ru", "KG": "ru",
    # Polish, Korean, Japanese, Dutch, Turkish, Arabic, Ukrainian
    "PL": "pl", "KR": "ko", "JP": "ja", "NL": "nl", "TR": "tr", "UA": "uk",
    "SA": "ar", "AE": "ar", "EG": "ar", "KW": "ar", "QA": "ar",
}  # fmt: skip


def buyer_language(country: str) -> str:
    """The language a buyer in ``country`` (ISO code) most likely reads; English if unknown."""
    return COUNTRY_LANGUAGES.get(country.upper(), "en")


def order_values(order: Order) -> dict[str, Any]:
    """Every value an order can give, under the field names the scenarios use."""
    value = order.value
    money = {"amount": str(value), "currency": order.currency} if value is not None else None
    shipping = (
        {"amount": str(order.shipping_cost), "currency": order.currency}
        if order.shipping_cost is not None
        else None
    )
    shipped = order.shipped_on.isoformat() if order.shipped_on else None
    return {
        "buyer_name": order.buyer_name or order.buyer_id,
        "order_number": order.order_id,
        "item_name": order.item_name,
        "ordered": order.item_name,  # wrong-item: what the buyer ordered
        "order_total": money if order.currency else None,
        "shipping_cost": shipping if order.currency else None,
        "ship_date": shipped,  # shipped-update
        "shipped_on": shipped,  # where-is-my-order
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "first_tracking": order.tracking_number,  # partial-shipment: the parcel already sent
    }


def fill_from_order(order: Order, scenario: Scenario) -> dict[str, Value]:
    """The values ``order`` gives ``scenario``'s fields (only those it declares, only values
    that fit them; an amount with no currency in the export is left for the seller)."""
    raw = {k: v for k, v in order_values(order).items() if v not in (None, "")}
    return scenario.values_from(raw)
