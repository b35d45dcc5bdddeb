"""From an export's rows to orders, with a report of every row that could not be used.

Rows are grouped by order number (Shopify, Amazon and eBay give one row per item). A row that
cannot be read (no order number, a quantity or amount that is not one, a date that is not one)
is reported by its line, and its whole order is skipped: an order is never imported with some
of its items missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from composer.orders import values
from composer.orders.formats import FORMATS, ColumnMapping, Format, header_key
from composer.orders.model import Item, Order
from composer.orders.reading import ExportFileError, Row, read_rows
from composer.orders.store import OrderStore

HEADER_SEARCH = 30
"""How many rows may come before the header row (eBay's report starts with a blank line)."""


@dataclass(frozen=True)
class Skipped:
    """A row (or an order) that was not imported, and why."""

    line: int
    order_id: str
    reason: str

    def __str__(self) -> str:
        order = f" (order {self.order_id})" if self.order_id else ""
        return f"line {self.line}{order}: {self.reason}"


@dataclass
class ParsedExport:
    """What a file held: its format, the orders read whole, and the rows that were not."""

    path: Path
    format: Format
    orders: list[Order] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    header_line: int = 1


def find_format(
    rows: Sequence[Row], mappings: Iterable[ColumnMapping] = ()
) -> tuple[Format, int] | None:
    """The known format (or remembered mapping) of the first header row, and its index."""
    candidates = [*(m.as_format() for m in mappings), *FORMATS]
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        headers = {header_key(c) for c in row.cells if not values.is_blank(c)}
        if not headers:
            continue
        for candidate in candidates:
            if candidate.recognises(headers):
                return candidate, index
    return None


def parse_export(
    path: Path,
    mapping: ColumnMapping | None = None,
    remembered: Iterable[ColumnMapping] = (),
) -> ParsedExport:
    """Read ``path`` as an export: by ``mapping`` if given, else a remembered mapping or a
    platform's headers. Raises ExportFileError when it is none of these."""
    rows = read_rows(path)
    found = find_format(rows, [mapping] if mapping else remembered)
    if found is None:
        first = next((r for r in rows if any(not values.is_blank(c) for c in r.cells)), None)
        shown = ", ".join(values.text(c) for c in first.cells if c)[:160] if first else ""
        if mapping:
            wanted = ", ".join(sorted({h for hs in mapping.columns.values() for h in hs}))
            raise ExportFileError(
                f"{path}: no row has every column the mapping names ({wanted}); "
                f"its first row has: {shown or 'nothing'}"
            )
        raise ExportFileError(
            f"{path}: not an order export Reply Composer knows (Amazon, eBay, Shopify, "
            f"AliExpress, Shopee); its first row has: {shown or 'nothing'}. "
            "Give a column mapping with --mapping FILE."
        )
    form, index = found
    parsed = ParsedExport(path, form, header_line=rows[index].line)
    where = form.locate(rows[index].cells)
    groups: dict[str, list[tuple[Row, dict[str, Any]]]] = {}
    bad: dict[str, list[Skipped]] = {}
    for row in rows[index + 1 :]:
        if all(values.is_blank(c) for c in row.cells):
            continue
        got = _cells(row, where)
        order_id = values.text(got.get("order_id"))
        if not order_id:
            if sum(not values.is_blank(c) for c in row.cells) <= 1:
                continue  # a note under the table ("3 record(s) downloaded", "Seller ID: ...")
            parsed.skipped.append(Skipped(row.line, "", "no order number"))
            continue
        try:
            groups.setdefault(order_id, []).append((row, _read(got, form)))
        except ValueError as exc:
            groups.setdefault(order_id, [])
            bad.setdefault(order_id, []).append(Skipped(row.line, order_id, str(exc)))
    for order_id, members in groups.items():
        if order_id in bad:
            parsed.skipped.extend(bad[order_id])
            for row, _ in members:
                parsed.skipped.append(
                    Skipped(row.line, order_id, "skipped with its order (another line is bad)")
                )
            continue
        parsed.orders.append(_order(order_id, [r for _, r in members], form, path.name))
    parsed.skipped.sort(key=lambda s: s.line)
    return parsed


def _cells(row: Row, where: Mapping[str, list[int]]) -> dict[str, Any]:
    got: dict[str, Any] = {}
    for name, columns in where.items():
        cells = [row.cells[c] for c in columns if c < len(row.cells)]
        if name == "address":
            got[name] = ", ".join(values.text(c) for c in cells if not values.is_blank(c))
        elif cells and not values.is_blank(cells[0]):
            got[name] = cells[0]
    return got


_HEADER_NAMES = {
    "quantity": "quantity",
    "item_price": "item price",
    "shipping_cost": "shipping cost",
    "total": "total",
    "ordered_at": "order date",
    "shipped_at": "ship date",
}


def _read(got: Mapping[str, Any], form: Format) -> dict[str, Any]:
    """The row's values, parsed; raises ValueError naming the value that cannot be read."""
    read: dict[str, Any] = {}
    currencies: list[str] = []
    for name, cell in got.items():
        try:
            if name == "quantity":
                read[name] = values.quantity(cell)
            elif name in ("item_price", "shipping_cost", "total"):
                read[name], currency = values.amount(cell)
                currencies.append(currency)
            elif name in ("ordered_at", "shipped_at"):
                read[name] = values.moment(cell, form.date_format)
            elif name == "country":
                read[name] = values.country(cell)
            else:
                read[name] = values.text(cell)
        except ValueError as exc:
            raise ValueError(f"{_HEADER_NAMES.get(name, name)}: {exc}") from None
    named = next((c for c in currencies if c), "")
    if named and not read.get("currency"):
        read["currency"] = named
    return read


def _first(rows: Sequence[Mapping[str, Any]], name: str) -> Any:
    return next((r[name] for r in rows if r.get(name) not in (None, "")), None)


def _order(order_id: str, rows: Sequence[Mapping[str, Any]], form: Format, source: str) -> Order:
    items: list[Item] = []
    for r in rows:
        if not (r.get("item_name") or r.get("sku")):
            continue  # eBay's order line above a multi-item order's items
        quantity = int(r.get("quantity", 1))
        price = r.get("item_price")
        amount = price * quantity if price is not None and form.unit_price else price
        items.append(
            Item(str(r.get("item_name") or r.get("sku")), quantity, amount, r.get("sku", ""))
        )
    if form.shipping_per_line:
        lines = [r["shipping_cost"] for r in rows if r.get("shipping_cost") is not None]
        shipping: Decimal | None = sum(lines, Decimal(0)) if lines else None
    else:
        shipping = _first(rows, "shipping_cost")
    ordered: dt.datetime | None = _first(rows, "ordered_at")
    shipped: dt.datetime | None = _first(rows, "shipped_at")
    return Order(
        platform=form.platform,
        order_id=order_id,
        ordered_at=ordered,
        buyer_id=_first(rows, "buyer_id") or "",
        buyer_email=(_first(rows, "buyer_email") or "").lower(),
        buyer_name=_first(rows, "buyer_name") or "",
        address=_first(rows, "address") or "",
        country=_first(rows, "country") or "",
        currency=(_first(rows, "currency") or form.currency).upper(),
        items=tuple(items),
        shipping_cost=shipping,
        total=_first(rows, "total"),
        carrier=_first(rows, "carrier") or "",
        tracking_number=_first(rows, "tracking_number") or "",
        shipped_on=shipped.date() if shipped else None,
        status=_first(rows, "status") or "",
        source=source,
    )


@dataclass
class ImportReport:
    """What an import did: the format, the orders added, updated, unchanged, the skipped."""

    path: Path
    format: Format
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    skipped: list[Skipped]

    def to_json(self) -> dict[str, Any]:
        """For ``orders import --json``."""
        return {
            "file": str(self.path),
            "format": self.format.key,
            "platform": self.format.platform,
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
            "orders": {"added": self.added, "updated": self.updated},
            "skipped_rows": [
                {"line": s.line, "order_id": s.order_id, "reason": s.reason} for s in self.skipped
            ],
        }


def import_file(
    store: OrderStore, path: Path, mapping: ColumnMapping | None = None
) -> ImportReport:
    """Import an export into ``store`` in one write. A ``mapping`` that fits is remembered.

    Raises ExportFileError (the file), or StoreError (the orders file cannot be written).
    """
    parsed = parse_export(path, mapping, store.mappings())
    counts = store.save_orders(parsed.orders)
    if mapping is not None:
        store.remember_mapping(mapping)
    return ImportReport(
        path, parsed.format, counts.added, counts.updated, counts.unchanged, parsed.skipped
    )
