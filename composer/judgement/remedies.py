"""What the remedy advisor reasons about: the problems, the logistics and the remedies (with
their labels), the shares and limits it applies, a ``Case`` as the seller describes it and an
``Option`` it offers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from composer.templating.fields import AMOUNT, bounded, checked_currency

PROBLEMS = (
    "damaged",
    "not-as-described",
    "missing-items",
    "not-received",
    "unwanted",
    "address-change",
)
LOGISTICS = ("postal", "economy", "express")
REMEDIES = (
    "partial-refund",
    "reship",
    "reship-shared-cost",
    "full-refund",
    "refuse-delivery",
    "return-at-buyer-cost",
    "keep-with-partial-refund",
    "carrier-claim",
    "decline-politely",
)
MONEY_INPUTS = ("order_value", "item_cost", "shipping_cost", "return_cost")
"""The amounts a scenario's ``[advisor.inputs]`` may take from its money fields."""
CHOICE_INPUTS = ("problem", "logistics")
"""The facts ``[advisor.inputs]`` may take from a choice field whose option keys name them."""
DATE_INPUTS = ("promised_date",)
"""A date field: once it has passed, the promised delivery time has passed."""
INPUTS = MONEY_INPUTS + CHOICE_INPUTS + DATE_INPUTS
"""Every input a scenario's ``[advisor.inputs]`` may map to one of its fields."""

FACTS_WEIGHED: Mapping[str, tuple[str, ...]] = {
    "damaged": ("order_value", "shipping_cost", "item_cost"),
    "not-as-described": ("order_value", "shipping_cost", "item_cost"),
    "missing-items": ("order_value", "shipping_cost", "item_cost"),
    "not-received": ("logistics", "past_promised", "order_value", "shipping_cost", "item_cost"),
    "unwanted": ("logistics", "order_value", "shipping_cost", "return_cost", "item_cost"),
    "address-change": ("order_value", "shipping_cost", "item_cost"),
}
"""The facts each problem's rule weighs: the advisor asks for these and no others."""

PROBLEM_LABELS: Mapping[str, Mapping[str, str]] = {
    "damaged": {"en": "Damaged", "zh": "商品破损"},
    "not-as-described": {"en": "Not as described", "zh": "与描述不符"},
    "missing-items": {"en": "Missing items", "zh": "少发漏发"},
    "not-received": {"en": "Not received", "zh": "未收到货"},
    "unwanted": {"en": "No longer wanted", "zh": "买家不想要了"},
    "address-change": {"en": "Address change after shipment", "zh": "发货后修改地址"},
}
LOGISTICS_LABELS: Mapping[str, Mapping[str, str]] = {
    "postal": {"en": "Postal (tracked)", "zh": "邮政（有跟踪）"},
    "economy": {"en": "Economy, untracked", "zh": "经济类（无跟踪）"},
    "express": {"en": "Commercial express", "zh": "商业快递"},
}
REMEDY_LABELS: Mapping[str, Mapping[str, str]] = {
    "partial-refund": {"en": "Partial refund", "zh": "部分退款"},
    "reship": {"en": "Re-ship", "zh": "重新发货"},
    "reship-shared-cost": {"en": "Re-ship, buyer shares the cost", "zh": "重发，买家分担部分费用"},
    "full-refund": {"en": "Full refund", "zh": "全额退款"},
    "refuse-delivery": {"en": "Buyer refuses the parcel", "zh": "买家拒签"},
    "return-at-buyer-cost": {"en": "Return at the buyer's cost", "zh": "退货，运费买家承担"},
    "keep-with-partial-refund": {
        "en": "Keep it with a partial refund",
        "zh": "部分退款，买家留下商品",
    },
    "carrier-claim": {"en": "Claim from the carrier", "zh": "向物流商索赔"},
    "decline-politely": {"en": "Decline politely", "zh": "委婉说明"},
}

PARTIAL_REFUND_SHARE = Decimal("0.30")
"""A partial refund's share of the order: the same concession as the seed's shared re-ship."""
BUYER_SHARE = Decimal("0.70")
"""What the buyer pays of a shared-cost re-ship (seed 004: 70 of a 100 item)."""
LOW_VALUE_LIMIT = Decimal("20")
"""Up to this order value an address change is worth a re-ship (the seller's judgement)."""

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Case:
    """The order facts the advisor weighs. Amounts are in ``currency``.

    ``item_cost`` (what the item costs the seller) defaults to the order value less shipping,
    the cautious guess of selling at cost; ``return_cost`` defaults to the shipping cost.
    """

    problem: str
    logistics: str
    order_value: Decimal
    shipping_cost: Decimal
    return_cost: Decimal | None = None
    item_cost: Decimal | None = None
    past_promised: bool = False
    currency: str = "USD"
    partial_share: Decimal = PARTIAL_REFUND_SHARE
    buyer_share: Decimal = BUYER_SHARE
    low_value_limit: Decimal = LOW_VALUE_LIMIT

    def __post_init__(self) -> None:
        if self.problem not in PROBLEMS:
            raise ValueError(f"unknown problem {self.problem!r} (one of {', '.join(PROBLEMS)})")
        if self.logistics not in LOGISTICS:
            known = ", ".join(LOGISTICS)
            raise ValueError(f"unknown logistics {self.logistics!r} (one of {known})")
        for name in ("order_value", "shipping_cost", "return_cost", "item_cost", "low_value_limit"):
            amount = getattr(self, name)
            if amount is not None:
                try:
                    bounded(amount, AMOUNT, str(amount))
                except ValueError as exc:
                    raise ValueError(f"{name.replace('_', '-')}: {exc}") from None
        try:
            # Frozen: the one tidy-up (``eur`` to ``EUR``) goes past the dataclass's guard.
            object.__setattr__(self, "currency", checked_currency(self.currency))
        except ValueError as exc:
            raise ValueError(f"currency: {exc}") from None
        for name in ("partial_share", "buyer_share"):
            if not Decimal(0) <= getattr(self, name) <= Decimal(1):
                raise ValueError(f"{name.replace('_', '-')} must be between 0 and 1")

    @property
    def cost_of_item(self) -> Decimal:
        if self.item_cost is not None:
            return self.item_cost
        return max(self.order_value - self.shipping_cost, Decimal(0))

    @property
    def cost_of_return(self) -> Decimal:
        return self.shipping_cost if self.return_cost is None else self.return_cost

    @property
    def tracked(self) -> bool:
        return self.logistics != "economy"


@dataclass(frozen=True)
class Option:
    """One remedy, what it costs the seller, and why, in each interface language."""

    remedy: str
    seller_cost: Decimal
    reason: Mapping[str, str]
    refund: Decimal | None = None  # what the buyer gets back, for the partial refunds

    def label(self, language: str) -> str:
        labels = REMEDY_LABELS[self.remedy]
        return labels.get(language) or labels["en"]

    def to_json(self) -> dict[str, Any]:
        return {
            "remedy": self.remedy,
            "seller_cost": float(self.seller_cost),
            "reason": dict(self.reason),
        }
