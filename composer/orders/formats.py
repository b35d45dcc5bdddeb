"""Which export a file is, told by its header row, and which column holds what.

Each platform's export is recognised by a few headers only it has (its ``signature``). Any other
CSV or Excel file is read through a column mapping the seller writes once (JSON or TOML); the
mapping is remembered, so the next file with those headers imports without it.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composer.orders.values import Cell, text

COLUMNS = (
    "order_id",
    "ordered_at",
    "buyer_id",
    "buyer_email",
    "buyer_name",
    "address",
    "country",
    "item_name",
    "sku",
    "quantity",
    "item_price",
    "shipping_cost",
    "total",
    "currency",
    "carrier",
    "tracking_number",
    "shipped_at",
    "status",
)
"""What a column can hold. ``address`` may name several columns (street, postcode), joined."""


def header_key(cell: Cell) -> str:
    """A header as compared: case, spaces and a trailing ``*`` (Shopee's) do not matter."""
    return re.sub(r"\s+", " ", text(cell).strip().strip('"').rstrip("*").strip()).casefold()


@dataclass(frozen=True)
class Format:
    """One kind of export: its platform, what tells it apart, and where each value is."""

    key: str
    title: str
    platform: str
    signatures: tuple[frozenset[str], ...]  # any one of these sets of headers, all present
    columns: Mapping[str, tuple[str, ...]]  # value -> headers that may hold it, first found wins
    unit_price: bool = False  # the item price is per unit (else it is the whole line's)
    shipping_per_line: bool = False  # each line carries its own shipping, to be added up
    date_format: str = ""
    currency: str = ""  # when the file names none
    confirmed: bool = True  # the headers come from the platform's own documentation
    excluded: frozenset[str] = frozenset()  # headers that mean another platform's file

    def recognises(self, headers: Iterable[str]) -> bool:
        """True when a header row (as ``header_key``s) is this format's."""
        found = set(headers)
        if found & self.excluded:
            return False
        return any(signature <= found for signature in self.signatures)

    def locate(self, header_row: Sequence[Cell]) -> dict[str, list[int]]:
        """For each value, the column numbers holding it in this header row."""
        index: dict[str, int] = {}
        for number, cell in enumerate(header_row):
            index.setdefault(header_key(cell), number)
        where: dict[str, list[int]] = {}
        for name, headers in self.columns.items():
            keys = [header_key(h) for h in headers]
            if name == "address":
                found = [index[k] for k in keys if k in index]
            else:
                found = [index[k] for k in keys if k in index][:1]
            if found:
                where[name] = found
        return where


def _sig(*headers: str) -> frozenset[str]:
    return frozenset(header_key(h) for h in headers)


AMAZON = Format(
    key="amazon",
    title="Amazon order report",
    platform="amazon",
    # The "Order report" / unshipped orders (order-id) and the "All orders report"
    # (amazon-order-id), tab-separated, as the Selling Partner API's report attributes list.
    signatures=(_sig("order-id", "purchase-date"), _sig("amazon-order-id", "purchase-date")),
    columns={
        "order_id": ("order-id", "amazon-order-id"),
        "ordered_at": ("purchase-date",),
        "buyer_email": ("buyer-email",),
        "buyer_name": ("buyer-name", "recipient-name"),
        "address": ("ship-address-1", "ship-postal-code"),
        "country": ("ship-country",),
        "item_name": ("product-name",),
        "sku": ("sku",),
        "quantity": ("quantity-purchased", "quantity"),
        "item_price": ("item-price",),
        "shipping_cost": ("shipping-price",),
        "currency": ("currency",),
        "carrier": ("carrier",),
        "tracking_number": ("tracking-number",),
        "shipped_at": ("shipment-date",),
        "status": ("order-status", "item-status"),
    },
    shipping_per_line=True,
)

EBAY = Format(
    key="ebay",
    title="eBay orders report",
    platform="ebay",
    signatures=(_sig("sales record number", "buyer username"),),
    columns={
        "order_id": ("Order Number", "Order ID"),
        "ordered_at": ("Sale Date", "Paid On Date"),
        "buyer_id": ("Buyer Username",),
        "buyer_email": ("Buyer Email",),
        "buyer_name": ("Buyer Name", "Ship To Name"),
        "address": ("Ship To Address 1", "Ship To Zip"),
        "country": ("Ship To Country", "Buyer Country"),
        "item_name": ("Item Title",),
        "sku": ("Custom Label", "Item Number"),
        "quantity": ("Quantity",),
        "item_price": ("Sold For",),
        "shipping_cost": ("Shipping And Handling",),
        "total": ("Total Price",),
        "carrier": ("Shipping Service",),
        "tracking_number": ("Tracking Number",),
        "shipped_at": ("Shipped On Date",),
    },
    unit_price=True,
)

SHOPIFY = Format(
    key="shopify",
    title="Shopify orders export",
    platform="shopify",
    signatures=(_sig("name", "financial status", "lineitem name"),),
    columns={
        "order_id": ("Name",),
        "ordered_at": ("Created at", "Paid at"),
        "buyer_email": ("Email",),
        "buyer_name": ("Billing Name", "Shipping Name"),
        "address": ("Shipping Address1", "Shipping Zip"),
        "country": ("Shipping Country", "Billing Country"),
        "item_name": ("Lineitem name",),
        "sku": ("Lineitem sku",),
        "quantity": ("Lineitem quantity",),
        "item_price": ("Lineitem price",),
        "shipping_cost": ("Shipping",),
        "total": ("Total",),
        "currency": ("Currency",),
        "shipped_at": ("Fulfilled at",),
        "status": ("Financial Status",),
    },
    unit_price=True,
)

SHOPEE = Format(
    key="shopee",
    title="Shopee order export",
    platform="shopee",
    signatures=(_sig("order id", "username (buyer)"),),
    columns={
        "order_id": ("Order ID",),
        "ordered_at": ("Order Creation Date", "Order Paid Time"),
        "buyer_id": ("Username (Buyer)",),
        "buyer_name": ("Receiver Name",),
        "address": ("Delivery Address", "Zip Code"),
        "country": ("Country",),
        "item_name": ("Product Name",),
        "sku": ("SKU Reference No.", "Parent SKU Reference No."),
        "quantity": ("Quantity",),
        "item_price": ("Deal Price", "Original Price"),
        "shipping_cost": ("Buyer Paid Shipping Fee",),
        "total": ("Grand Total", "Total Amount"),
        "currency": ("Currency",),
        "carrier": ("Shipping Option", "Shipping Provider"),
        "tracking_number": ("Tracking Number",),
        "shipped_at": ("Ship Time",),
        "status": ("Order Status",),
    },
    unit_price=True,
    confirmed=False,
)

ALIEXPRESS = Format(
    key="aliexpress",
    title="AliExpress order export",
    platform="aliexpress",
    # Not confirmed from AliExpress's documentation (none was found): the English and Chinese
    # headers of the seller centre's batch order export as sellers describe them. A file whose
    # headers differ imports with a column mapping.
    signatures=(
        _sig("order id", "buyer country"),
        _sig("order no.", "buyer country"),
        _sig("订单号", "收货国家"),
        _sig("订单号", "买家国家"),
    ),
    columns={
        "order_id": ("Order ID", "Order No.", "Order Number", "订单号"),
        "ordered_at": ("Order Time", "Payment Time", "Order Date", "下单时间", "付款时间"),
        "buyer_id": ("Buyer ID", "Buyer Login ID", "买家ID"),
        "buyer_name": ("Buyer Name", "Receiver Name", "买家名称", "收货人"),
        "address": ("Address", "Zip Code", "收货地址", "邮编"),
        "country": ("Buyer Country", "Country", "收货国家", "买家国家"),
        "item_name": ("Product Name", "Product Information", "商品名称", "产品名称"),
        "sku": ("SKU", "商品编码"),
        "quantity": ("Quantity", "数量"),
        "item_price": ("Unit Price", "Product Price", "单价"),
        "shipping_cost": ("Shipping Cost", "Logistics Fee", "运费"),
        "total": ("Order Amount", "Total Amount", "订单金额"),
        "currency": ("Currency", "币种"),
        "carrier": ("Logistics Service", "Shipping Method", "物流服务", "物流方式"),
        "tracking_number": ("Tracking Number", "Logistics No.", "物流单号", "运单号"),
        "shipped_at": ("Shipping Time", "Ship Time", "发货时间"),
        "status": ("Order Status", "订单状态"),
    },
    unit_price=True,
    confirmed=False,
    excluded=_sig("username (buyer)"),
)

FORMATS = (AMAZON, EBAY, SHOPIFY, SHOPEE, ALIEXPRESS)


class MappingError(ValueError):
    """A column mapping that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class ColumnMapping:
    """The seller's own description of an export: which header holds which value."""

    columns: Mapping[str, tuple[str, ...]]
    platform: str = "other"
    unit_price: bool = True
    date_format: str = ""
    currency: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_format(self) -> Format:
        """The mapping as a format; it recognises a header row holding every mapped column."""
        headers = frozenset(header_key(h) for hs in self.columns.values() for h in hs)
        return Format(
            key=f"mapping:{self.platform}",
            title=f"your column mapping ({self.platform})",
            platform=self.platform,
            signatures=(headers,),
            columns=self.columns,
            unit_price=self.unit_price,
            date_format=self.date_format,
            currency=self.currency,
        )

    def to_json(self) -> dict[str, Any]:
        """As stored in the orders file, and as a mapping file may be written."""
        return {
            "platform": self.platform,
            "unit_price": self.unit_price,
            "date_format": self.date_format,
            "currency": self.currency,
            "columns": {k: list(v) if len(v) > 1 else v[0] for k, v in self.columns.items()},
        }


def mapping_from(data: Any, where: str) -> ColumnMapping:
    """A mapping from parsed JSON or TOML; raises MappingError naming ``where`` and the entry."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise MappingError(f'{where}: a mapping needs a [columns] table (order_id = "Header")')
    columns: dict[str, tuple[str, ...]] = {}
    for name, headers in data["columns"].items():
        if name not in COLUMNS:
            raise MappingError(
                f"{where}: columns.{name}: not a value an order holds; use one of "
                + ", ".join(COLUMNS)
            )
        found = [headers] if isinstance(headers, str) else headers
        if (
            not isinstance(found, list)
            or not found
            or not all(isinstance(h, str) and h.strip() for h in found)
        ):
            raise MappingError(f"{where}: columns.{name}: give a header, or a list of headers")
        columns[name] = tuple(found)
    if "order_id" not in columns:
        raise MappingError(f"{where}: columns.order_id: say which column holds the order number")
    platform = data.get("platform", "other")
    if not isinstance(platform, str) or not re.fullmatch(r"[a-z][a-z0-9-]{0,31}", platform):
        raise MappingError(f"{where}: platform: {platform!r} is not a name like etsy or temu")
    for name in ("date_format", "currency"):
        if not isinstance(data.get(name, ""), str):
            raise MappingError(f"{where}: {name}: must be text")
    if not isinstance(data.get("unit_price", True), bool):
        raise MappingError(f"{where}: unit_price: must be true or false")
    return ColumnMapping(
        columns=columns,
        platform=platform,
        unit_price=data.get("unit_price", True),
        date_format=data.get("date_format", ""),
        currency=data.get("currency", "").upper(),
    )


def read_mapping(path: Path) -> ColumnMapping:
    """A mapping file (``.toml``, else JSON); raises MappingError naming the file and line."""
    try:
        raw = path.read_bytes()[: 1024 * 1024].decode("utf-8-sig")
    except OSError as exc:
        raise MappingError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise MappingError(f"{path}: is not UTF-8 text") from None
    try:
        data = tomllib.loads(raw) if path.suffix.lower() == ".toml" else json.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise MappingError(f"{path}:{exc.lineno}: {exc.msg}") from None
    return mapping_from(data, str(path))
