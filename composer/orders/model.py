"""An order as Reply Composer keeps it, whatever platform's export it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

PLATFORMS = ("amazon", "ebay", "shopify", "aliexpress", "shopee")
"""The platforms whose exports are recognised by their headers; a mapping may name others."""


@dataclass(frozen=True)
class Item:
    """One line of an order: what was bought, how many, and what the line cost."""

    name: str
    quantity: int = 1
    amount: Decimal | None = None  # the whole line (unit price x quantity)
    sku: str = ""


@dataclass(frozen=True)
class Order:
    """One order: its number on its platform, the buyer, the items, the money and the parcel."""

    platform: str
    order_id: str
    ordered_at: dt.datetime | None = None
    buyer_id: str = ""  # the platform's user name or id, where the export has one
    buyer_email: str = ""
    buyer_name: str = ""
    address: str = ""  # street and postcode: tells buyers apart when there is no id
    country: str = ""  # ISO 3166 code, "" when the export gave none we know
    currency: str = ""
    items: tuple[Item, ...] = ()
    shipping_cost: Decimal | None = None
    total: Decimal | None = None
    carrier: str = ""
    tracking_number: str = ""
    shipped_on: dt.date | None = None
    status: str = ""
    source: str = ""  # the file it was last imported from
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Unique across platforms: an order number is only unique on its own platform."""
        return f"{self.platform}:{self.order_id}"

    @property
    def item_name(self) -> str:
        """The item, or the items joined, as a reply names them."""
        names = [i.name for i in self.items if i.name]
        return "; ".join(dict.fromkeys(names))

    @property
    def value(self) -> Decimal | None:
        """What the buyer paid: the total, else the items and shipping added up."""
        if self.total is not None:
            return self.total
        amounts = [i.amount for i in self.items if i.amount is not None]
        if not amounts and self.shipping_cost is None:
            return None
        return sum(amounts, Decimal(0)) + (self.shipping_cost or Decimal(0))

    def matches(self, text: str) -> bool:
        """True when ``text`` is in the order number, buyer, e-mail or tracking number."""
        wanted = text.casefold().strip()
        where = (self.order_id, self.buyer_name, self.buyer_id, self.buyer_email)
        return any(wanted in part.casefold() for part in (*where, self.tracking_number))


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def to_doc(order: Order) -> dict[str, Any]:
    """The order as a JSON document (amounts as text, times as ISO text)."""
    return {
        "platform": order.platform,
        "order_id": order.order_id,
        "ordered_at": order.ordered_at.isoformat() if order.ordered_at else None,
        "buyer_id": order.buyer_id,
        "buyer_email": order.buyer_email,
        "buyer_name": order.buyer_name,
        "address": order.address,
        "country": order.country,
        "currency": order.currency,
        "items": [
            {"name": i.name, "quantity": i.quantity, "amount": _amount(i.amount), "sku": i.sku}
            for i in order.items
        ],
        "shipping_cost": _amount(order.shipping_cost),
        "total": _amount(order.total),
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        "shipped_on": order.shipped_on.isoformat() if order.shipped_on else None,
        "status": order.status,
        "source": order.source,
        "extra": dict(order.extra),
    }


def _decimal(raw: Any) -> Decimal | None:
    if raw is None:
        return None
    value = Decimal(str(raw))
    if not value.is_finite():
        raise ValueError(f"{raw!r} is not an amount")
    return value


def from_doc(doc: Mapping[str, Any]) -> Order:
    """The order a document holds; raises ValueError (or KeyError, TypeError) if it holds none."""
    try:
        ordered = doc.get("ordered_at")
        shipped = doc.get("shipped_on")
        return Order(
            platform=str(doc["platform"]),
            order_id=str(doc["order_id"]),
            ordered_at=dt.datetime.fromisoformat(ordered) if ordered else None,
            buyer_id=str(doc.get("buyer_id") or ""),
            buyer_email=str(doc.get("buyer_email") or ""),
            buyer_name=str(doc.get("buyer_name") or ""),
            address=str(doc.get("address") or ""),
            country=str(doc.get("country") or ""),
            currency=str(doc.get("currency") or ""),
            items=tuple(
                Item(
                    name=str(i.get("name") or ""),
                    quantity=int(i.get("quantity", 1)),
                    amount=_decimal(i.get("amount")),
                    sku=str(i.get("sku") or ""),
                )
                for i in doc.get("items") or ()
            ),
            shipping_cost=_decimal(doc.get("shipping_cost")),
            total=_decimal(doc.get("total")),
            carrier=str(doc.get("carrier") or ""),
            tracking_number=str(doc.get("tracking_number") or ""),
            shipped_on=dt.date.fromisoformat(shipped) if shipped else None,
            status=str(doc.get("status") or ""),
            source=str(doc.get("source") or ""),
            extra={str(k): str(v) for k, v in (doc.get("extra") or {}).items()},
        )
    except InvalidOperation:
        raise ValueError("an amount is not a number") from None


def order_problem(doc: Any) -> str | None:
    """Why a stored document is not an order, or None (the store checks each on read)."""
    if not isinstance(doc.get("platform"), str) or not isinstance(doc.get("order_id"), str):
        return "an order needs a platform and an order number"
    if not doc["order_id"].strip():
        return "its order number is empty"
    items = doc.get("items", [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return "its items must be a list of objects"
    try:
        from_doc(doc)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        return f"it cannot be read as an order ({exc})"
    return None
