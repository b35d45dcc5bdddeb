"""Field values: parsing what a seller or a file gives, with errors that name the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from composer.templating.fields import (
    Field,
    FieldType,
    FieldValueError,
    Money,
    Option,
    checked_currency,
    currencies_in_use,
    to_json,
)


def make(type_: FieldType, **kwargs) -> Field:
    return Field("amount_paid", type_, {"en": "Amount paid", "zh": "已付金额"}, **kwargs)


@pytest.mark.parametrize(
    ("type_", "raw", "expected"),
    [
        (FieldType.TEXT, " A-1 ", " A-1 "),
        (FieldType.LONG_TEXT, "line 1\nline 2", "line 1\nline 2"),
        (FieldType.DATE, "2026-03-27", dt.date(2026, 3, 27)),
        (FieldType.DATE, dt.date(2026, 3, 27), dt.date(2026, 3, 27)),
        (FieldType.MONEY, "13", Money(Decimal("13"), "USD")),
        (FieldType.MONEY, "13.50 eur", Money(Decimal("13.50"), "EUR")),
        (FieldType.MONEY, "GBP 1,200.5", Money(Decimal("1200.5"), "GBP")),
        (FieldType.MONEY, {"amount": "9.99", "currency": "cad"}, Money(Decimal("9.99"), "CAD")),
        (FieldType.MONEY, 7.1, Money(Decimal("7.1"), "USD")),
        (FieldType.NUMBER, "3", Decimal("3")),
        (FieldType.PERCENT, "5%", Decimal("5")),
        (FieldType.PERCENT, 12.5, Decimal("12.5")),
        (FieldType.YES_NO, "yes", True),
        (FieldType.YES_NO, "否", False),
        (FieldType.YES_NO, True, True),
    ],
)
def test_values_are_parsed_into_neutral_values(type_, raw, expected):
    assert make(type_).coerce(raw) == expected


def test_a_choice_takes_one_of_its_keys():
    field = make(FieldType.CHOICE, options=(Option("a", {"en": "A"}), Option("b", {"en": "B"})))
    assert field.coerce(" b ") == "b"
    with pytest.raises(FieldValueError, match=r"amount_paid: 'c' is not one of a, b"):
        field.coerce("c")


@pytest.mark.parametrize(
    ("type_", "raw", "words"),
    [
        (FieldType.DATE, "27/03/2026", "'27/03/2026' is not a date like 2026-03-27"),
        (FieldType.MONEY, "thirteen", "is not an amount like 13.50"),
        (FieldType.MONEY, "13 dollars", "is not an amount"),
        (FieldType.MONEY, "USD 13 EUR", "is not an amount"),
        (FieldType.NUMBER, "nan", "is not a number"),
        (FieldType.PERCENT, "lots", "is not a percentage"),
        (FieldType.YES_NO, "maybe", "is not yes or no"),
        (FieldType.TEXT, ["a"], "is not text"),
    ],
)
def test_a_bad_value_names_its_field(type_, raw, words):
    with pytest.raises(FieldValueError) as caught:
        make(type_).coerce(raw)
    assert str(caught.value).startswith("amount_paid: ")
    assert words in str(caught.value)
    assert caught.value.field_name == "amount_paid"


def test_empty_means_unfilled_except_for_yes_no():
    assert make(FieldType.TEXT).coerce("   ") is None
    assert make(FieldType.TEXT).is_empty("  ")
    assert make(FieldType.YES_NO).coerce("") is False
    assert not make(FieldType.YES_NO).is_empty(None)


def test_values_round_trip_to_json():
    assert to_json(Money(Decimal("13.00"), "USD")) == {"amount": "13.00", "currency": "USD"}
    assert to_json(dt.date(2026, 1, 2)) == "2026-01-02"
    assert to_json(Decimal("5")) == "5"
    field = make(FieldType.MONEY)
    assert field.coerce(to_json(Money(Decimal("13.00"), "USD"))) == Money(Decimal("13.00"), "USD")


def test_labels_fall_back_to_english_then_the_name():
    field = Field("x", FieldType.TEXT, {"en": "Ex"})
    assert field.label("zh") == "Ex"
    assert Field("x", FieldType.TEXT, {}).label("zh") == "x"


@pytest.mark.parametrize(
    ("type_", "raw", "words"),
    [
        (FieldType.MONEY, "-5", "'-5' is negative: give an amount from 0 to 999,999,999,999.99"),
        (FieldType.MONEY, "USD -0.01", "'USD -0.01' is negative"),
        (FieldType.MONEY, "1" + "0" * 12, "is too large: give an amount from 0 to"),
        (FieldType.MONEY, "9" * 5000, "is too large"),
        (FieldType.MONEY, {"amount": "1e999999"}, "'1e999999' is too large"),
        (FieldType.MONEY, {"amount": "1e-999999"}, "has more than 4 decimal places"),
        (FieldType.MONEY, "5 XXX", "'XXX' is not a currency in use"),
        (FieldType.MONEY, "5 XTS", "'XTS' is not a currency in use"),
        (FieldType.MONEY, "5 XAU", "'XAU' is not a currency in use"),
        (FieldType.MONEY, {"amount": "5", "currency": "dollars"}, "not a three-letter currency"),
        (FieldType.NUMBER, "-1", "'-1' is negative: give a number from 0 to 1,000,000,000"),
        (FieldType.NUMBER, "1e999999", "'1e999999' is too large"),
        (FieldType.NUMBER, "1e-999999", "has more than 4 decimal places"),
        (FieldType.PERCENT, "101%", "'101' is too large: give a percentage from 0 to 100"),
        (FieldType.PERCENT, -3, "-3 is negative"),
    ],
)
def test_amounts_and_numbers_are_bounded_with_a_message_naming_the_field(type_, raw, words):
    """No negative refund, no amount Babel cannot format, no ``¤5.00`` for a made-up code."""
    with pytest.raises(FieldValueError) as caught:
        make(type_).coerce(raw)
    assert str(caught.value).startswith("amount_paid: ")
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("type_", "raw", "expected"),
    [
        (FieldType.MONEY, "999,999,999,999.99 VND", Money(Decimal("999999999999.99"), "VND")),
        (FieldType.MONEY, "0 JPY", Money(Decimal("0"), "JPY")),
        (FieldType.MONEY, "5 xof", Money(Decimal("5"), "XOF")),  # the CFA franc is real
        (FieldType.MONEY, "1.2500 KWD", Money(Decimal("1.2500"), "KWD")),
        (FieldType.NUMBER, "1000000000", Decimal("1000000000")),
        (FieldType.PERCENT, "100%", Decimal("100")),
        (FieldType.PERCENT, "0", Decimal("0")),
    ],
)
def test_the_bounds_themselves_are_accepted(type_, raw, expected):
    assert make(type_).coerce(raw) == expected


def test_every_currency_in_use_is_one_babel_writes_with_its_own_sign_or_name():
    from babel.numbers import format_currency

    codes = currencies_in_use()
    assert {"USD", "EUR", "GBP", "CNY", "JPY", "RUB", "VND", "BRL"} <= codes
    assert not {"XXX", "XTS", "XAU", "XDR", "HRK"} & codes
    for code in codes:
        assert "¤" not in format_currency(Decimal(5), code, locale="en_US")
    assert checked_currency(" eur ") == "EUR"
