"""Order exports from each platform import whole, once, and report what they could not use."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from composer.orders.formats import MappingError, read_mapping
from composer.orders.importing import import_file, parse_export
from composer.orders.reading import ExportFileError
from composer.orders.store import OrderStore

SAMPLES = Path(__file__).parent / "data" / "orders"


def workbook(csv_file: Path, target: Path, typed: bool = False) -> Path:
    """The sample as an Excel workbook, as the platform's export is; ``typed`` stores numbers
    and times as Excel numbers and dates, the way a seller's re-saved sheet holds them."""
    book = openpyxl.Workbook()
    sheet = book.active
    with csv_file.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            cells: list[object] = list(row)
            if typed and number:
                cells = [_typed(c) for c in row]
            sheet.append(cells)
    book.save(target)
    return target


def _typed(cell: str) -> object:
    try:
        return dt.datetime.strptime(cell, "%Y-%m-%d %H:%M")
    except ValueError:
        pass
    try:
        return float(cell) if len(cell) < 10 else cell
    except ValueError:
        return cell


@pytest.fixture
def store(data_dir: Path) -> OrderStore:
    return OrderStore(data_dir / "orders.json")


def test_amazon_order_report_groups_items_and_skips_the_bad_order_whole(store):
    report = import_file(store, SAMPLES / "amazon-order-report.txt")
    assert report.format.key == "amazon"
    assert report.added == ["amazon:112-1111111-1111111", "amazon:302-2222222-2222222"]
    (bad,) = report.skipped
    assert bad.line == 5 and bad.order_id == "303-3333333-3333333"
    assert "quantity" in bad.reason and "'two'" in bad.reason
    (maria,) = store.find("112-1111111-1111111")
    assert [i.name for i in maria.items] == ["Phone case, blue", "USB-C cable"]
    assert maria.items[0].quantity == 2 and maria.items[0].amount == Decimal("25.98")
    assert maria.shipping_cost == Decimal("4.99")  # each line's shipping, added up
    assert maria.value == Decimal("38.47")
    assert maria.buyer_email == "maria.g@marketplace.amazon.com"
    assert maria.country == "US" and maria.currency == "USD"
    assert maria.ordered_at == dt.datetime(2026, 3, 1, 9, 15, tzinfo=dt.UTC)


def test_ebay_report_reads_past_its_notes_and_a_multi_item_order(store):
    report = import_file(store, SAMPLES / "ebay-orders.csv")
    assert report.format.key == "ebay"
    assert len(report.added) == 2
    (bad,) = report.skipped
    assert bad.line == 7 and bad.reason == "no order number"  # the notes under it are not rows
    (tom,) = store.find("07-11111-11111")
    assert tom.buyer_id == "tom_uk" and tom.country == "GB" and tom.currency == "GBP"
    assert tom.total == Decimal("21.00") and tom.shipping_cost == Decimal("2.50")
    assert tom.tracking_number == "RM123456789GB" and tom.carrier == "Royal Mail"
    assert tom.shipped_on == dt.date(2026, 2, 22)
    (anna,) = store.find("12-22222-22222")
    assert [(i.name, i.quantity, i.amount) for i in anna.items] == [
        ("Silk scarf", 2, Decimal("20.00")),
        ("Hair clip", 1, Decimal("10.00")),
    ]
    assert anna.total == Decimal("34.00") and anna.currency == "EUR" and anna.country == "IT"


def test_shopify_export_one_row_per_line_item(store):
    report = import_file(store, SAMPLES / "shopify-orders.csv")
    assert report.format.key == "shopify" and report.skipped == []
    (ivan,) = store.find("#1001")
    assert [(i.name, i.amount) for i in ivan.items] == [
        ("Travel mug", Decimal("25.00")),
        ("Coaster", Decimal("15.00")),
    ]
    assert ivan.total == Decimal("45.00") and ivan.shipping_cost == Decimal("5.00")
    assert ivan.buyer_email == "ivan@example.ru" and ivan.country == "RU"
    assert ivan.shipped_on == dt.date(2026, 3, 11)


@pytest.mark.parametrize("typed", [False, True])
def test_shopee_workbook(store, tmp_path, typed):
    path = workbook(SAMPLES / "shopee-orders.csv", tmp_path / "Order.all.xlsx", typed)
    report = import_file(store, path)
    assert report.format.key == "shopee" and report.skipped == []
    (siti,) = store.find("260301ABCD1234")
    assert siti.buyer_id == "siti_88" and siti.buyer_name == "Siti Aminah"
    assert siti.country == "MY" and siti.tracking_number == "SPXMY0001"
    assert siti.total == Decimal("107") and siti.shipped_on == dt.date(2026, 3, 2)
    (budi,) = store.find("260302EFGH5678")
    assert budi.items[0].amount == Decimal("25") and budi.carrier == "SPX Express"


def test_aliexpress_workbook_with_chinese_headers(store, tmp_path):
    path = workbook(SAMPLES / "aliexpress-orders.csv", tmp_path / "orders.xlsx")
    report = import_file(store, path)
    assert report.format.key == "aliexpress" and report.skipped == []
    (carlos,) = store.find("8181111111111111")
    assert carlos.country == "ES" and carlos.currency == "USD"
    assert carlos.total == Decimal("15.20") and carlos.tracking_number == "LP00123456789012"
    (ana,) = store.find("8182222222222222")
    assert ana.country == "BR" and ana.items[0].amount == Decimal("6.30")


def test_the_same_file_twice_adds_nothing_and_a_changed_order_is_updated(store, tmp_path):
    first = import_file(store, SAMPLES / "shopify-orders.csv")
    again = import_file(store, SAMPLES / "shopify-orders.csv")
    assert (again.added, again.updated) == ([], [])
    assert sorted(again.unchanged) == sorted(first.added)
    changed = tmp_path / "orders_export.csv"
    text = (SAMPLES / "shopify-orders.csv").read_text(encoding="utf-8")
    changed.write_text(text.replace("Sticker pack", "Sticker pack XL"), encoding="utf-8")
    report = import_file(store, changed)
    assert report.updated == ["shopify:#1002"] and report.unchanged == ["shopify:#1001"]
    assert len(store) == 2
    (kim,) = OrderStore(store.path).find("#1002")
    assert kim.item_name == "Sticker pack XL" and kim.source == "orders_export.csv"


def test_an_unknown_file_asks_for_a_mapping_and_the_mapping_is_remembered(store, tmp_path):
    own = SAMPLES / "own-shop.csv"
    with pytest.raises(ExportFileError, match=r"own-shop.csv: not an order export .*--mapping"):
        import_file(store, own)
    report = import_file(store, own, read_mapping(SAMPLES / "own-shop-mapping.toml"))
    assert report.added == ["etsy:A-17", "etsy:A-18"]
    (pierre,) = store.find("A-18")
    assert pierre.items[0].amount == Decimal("19.00") and pierre.currency == "EUR"
    assert pierre.country == "FR" and pierre.ordered_at == dt.datetime(2026, 3, 6)
    # The next file with the same columns needs no mapping.
    later = tmp_path / "april.csv"
    later.write_text(own.read_text(encoding="utf-8").replace("A-18", "A-19"), encoding="utf-8")
    assert import_file(OrderStore(store.path), later).added == ["etsy:A-19"]


def test_a_json_mapping_names_its_mistakes(tmp_path):
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps({"columns": {"order_number": "Ref"}}), encoding="utf-8")
    with pytest.raises(MappingError, match=r"mapping.json: columns.order_number: not a value"):
        read_mapping(path)
    path.write_text('{"columns": {"buyer_name": "Client"}', encoding="utf-8")
    with pytest.raises(MappingError, match=r"mapping.json:1: Expecting"):
        read_mapping(path)
    path.write_text(json.dumps({"columns": {"buyer_name": "Client"}}), encoding="utf-8")
    with pytest.raises(MappingError, match=r"columns.order_id: say which column"):
        read_mapping(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not an order export"),
        (b"\x00\x01\x02binary", "binary"),
        (b"PK\x03\x04not really a zip", "not an Excel workbook"),
    ],
)
def test_a_file_that_is_not_an_export_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    with pytest.raises(ExportFileError, match=message) as caught:
        parse_export(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ExportFileError, match=r"nothing.csv: cannot be read"):
        parse_export(tmp_path / "nothing.csv")


def test_a_windows_excel_csv_in_gb18030_reads(store, tmp_path):
    path = tmp_path / "aliexpress.csv"
    text = (SAMPLES / "aliexpress-orders.csv").read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    assert len(import_file(store, path).added) == 2


def test_a_bad_orders_file_is_moved_aside_and_importing_goes_on(data_dir):
    path = data_dir / "orders.json"
    path.write_text("{not json", encoding="utf-8")
    store = OrderStore(path)
    (problem,) = store.problems
    assert "moved aside" in str(problem)
    assert len(import_file(store, SAMPLES / "shopify-orders.csv").added) == 2
    assert len(OrderStore(path)) == 2


def test_a_truncated_workbook_is_a_one_line_error(tmp_path):
    whole = workbook(SAMPLES / "shopee-orders.csv", tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "Order.all.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ExportFileError, match=r"Order.all.xlsx: ") as caught:
        parse_export(path)
    assert "\n" not in str(caught.value)
