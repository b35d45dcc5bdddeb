"""An imported order fills a reply's fields, under each scenario's own field names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from composer import paths
from composer.orders.fill import buyer_language, fill_from_order, order_values
from composer.orders.importing import parse_export
from composer.orders.model import Order
from composer.templating.fields import Money
from composer.templating.loader import load_catalog

SAMPLES = Path(__file__).parent / "data" / "orders"
ORDER_FIELDS = {
    "buyer_name",
    "order_number",
    "item_name",
    "ordered",
    "order_total",
    "shipping_cost",
    "ship_date",
    "shipped_on",
    "carrier",
    "tracking_number",
    "first_tracking",
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog([paths.shipped_templates_dir()]).catalog


@pytest.fixture(scope="module")
def tom() -> Order:
    parsed = parse_export(SAMPLES / "ebay-orders.csv")
    return next(o for o in parsed.orders if o.order_id == "07-11111-11111")


def test_a_shipped_notice_fills_buyer_order_carrier_tracking_and_date(catalog, tom):
    values = fill_from_order(tom, catalog.get("shipped-update"))
    assert values == {
        "buyer_name": "Tom Baker",
        "order_number": "07-11111-11111",
        "carrier": "Royal Mail",
        "tracking_number": "RM123456789GB",
        "ship_date": dt.date(2026, 2, 22),
    }


def test_money_fields_take_the_order_currency(catalog, tom):
    late = fill_from_order(tom, catalog.get("late-delivery"))
    assert late["order_total"] == Money(Decimal("21.00"), "GBP")
    back = fill_from_order(tom, catalog.get("returning-to-sender"))
    assert back["shipping_cost"] == Money(Decimal("2.50"), "GBP")
    wrong = fill_from_order(tom, catalog.get("wrong-item"))
    assert wrong["item_name"] == wrong["ordered"] == "Leather wallet"
    where = fill_from_order(tom, catalog.get("where-is-my-order"))
    assert where["shipped_on"] == dt.date(2026, 2, 22)


def test_every_scenario_gets_exactly_the_order_fields_it_declares(catalog, tom):
    assert len(catalog) == 26
    for scenario in catalog:
        declared = {f.name for f in scenario.fields}
        filled = fill_from_order(tom, scenario)
        assert set(filled) == declared & ORDER_FIELDS, scenario.id
        assert all(scenario.field(name).coerce(filled[name]) == filled[name] for name in filled)


def test_an_amount_without_a_currency_is_left_for_the_seller(catalog):
    order = Order("ebay", "1", buyer_name="Joe", total=Decimal("12"), currency="")
    assert "order_total" not in fill_from_order(order, catalog.get("late-delivery"))
    assert order_values(order)["order_total"] is None


def test_a_buyer_without_a_name_is_greeted_by_user_name(catalog):
    order = Order("shopee", "9", buyer_id="siti_88")
    assert fill_from_order(order, catalog.get("shipping-delay"))["buyer_name"] == "siti_88"


@pytest.mark.parametrize(
    ("country", "language"),
    [
        ("US", "en"),
        ("GB", "en"),
        ("ES", "es"),
        ("MX", "es"),
        ("FR", "fr"),
        ("DE", "de"),
        ("AT", "de"),
        ("IT", "it"),
        ("BR", "pt"),
        ("RU", "ru"),
        ("PL", "pl"),
        ("KR", "ko"),
        ("TW", "zh"),
        ("cn", "zh"),
        ("", "en"),
        ("ZZ", "en"),
    ],
)
def test_the_buyer_language_follows_the_country(country, language):
    assert buyer_language(country) == language
