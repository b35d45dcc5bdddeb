"""Buyers across orders, scored by recency, frequency and money (RFM), and named tiers.

Each of R, F and M is scored 1 to 4 by the quartiles of the seller's own buyers (4 is best:
ordered most recently, most often, spent most), which gives 4 x 4 x 4 = 64 groups, written
``RFM`` as ``"423"``. The groups fall into a few tiers a seller acts on:

- best: R >= 3, F >= 3, M >= 3 (recent, frequent, big spenders);
- loyal: R >= 3, F >= 3 (recent and frequent, smaller baskets);
- new: R >= 3, F = 1 (a first order, lately);
- promising: R >= 3, F = 2 (recent, a second order);
- at-risk: R <= 2 and F >= 3 or M = 4 (bought often or much, but not lately);
- occasional: R = 2 (now and then, little);
- lost: R = 1 (long gone, few orders, little spent).

The first rule that fits wins.

Amounts are added as the exports give them (no currency conversion): a seller selling in
several currencies compares buyers within each platform.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from composer.orders.model import Order


@dataclass(frozen=True)
class Tier:
    """A named tier of buyers, with what it means for service, in English and Chinese."""

    key: str
    title: Mapping[str, str]
    service: Mapping[str, str]


TIERS: tuple[Tier, ...] = (
    Tier(
        "best",
        {"en": "Best buyers", "zh": "最佳买家"},
        {
            "en": "Your most valuable buyers. Solve a problem at once and generously: replace "
            "or refund a damaged item without asking for more proof than a photo, and thank "
            "them for their loyalty.",
            "zh": "您最有价值的买家。出现问题时立即、大方地解决：商品损坏凭一张照片即可补发或退款，"
            "并感谢他们的长期支持。",
        },
    ),
    Tier(
        "loyal",
        {"en": "Loyal buyers", "zh": "忠实买家"},
        {
            "en": "They buy often. Answer first, offer the remedy they prefer (a re-ship or a "
            "partial refund), and mention a coupon for the next order.",
            "zh": "经常购买的买家。优先回复，按买家意愿选择补发或部分退款，"
            "并告知下次可用的优惠券。",
        },
    ),
    Tier(
        "new",
        {"en": "New buyers", "zh": "新买家"},
        {
            "en": "A first order. The first problem decides whether they come back: explain "
            "clearly, keep every promise, and prefer a quick partial refund to a long "
            "argument.",
            "zh": "首次购买。第一次问题处理决定买家是否回购：解释清楚、说到做到，宁可快速部分退款，"
            "也不要长时间争执。",
        },
    ),
    Tier(
        "promising",
        {"en": "Promising buyers", "zh": "潜力买家"},
        {
            "en": "A recent second order. Treat a problem as a chance to win a regular buyer: "
            "solve it fast and suggest a related item.",
            "zh": "最近第二次购买。把问题当作培养老客户的机会：快速解决，并可推荐相关商品。",
        },
    ),
    Tier(
        "at-risk",
        {"en": "At risk", "zh": "流失风险"},
        {
            "en": "They bought often or much, but not lately. A problem now may be why: "
            "apologise, fix it without haggling, and add a personal coupon to bring them "
            "back.",
            "zh": "曾经常购买或消费较多，但近期没有下单。现在的问题可能正是原因：诚恳道歉、"
            "不讨价还价地解决，并附上专属优惠券挽回买家。",
        },
    ),
    Tier(
        "occasional",
        {"en": "Occasional buyers", "zh": "偶尔购买"},
        {
            "en": "They buy now and then, for little. Follow the usual rules: the cheapest fair "
            "remedy (a partial refund first), polite and brief.",
            "zh": "偶尔购买、金额不高。按常规处理：先提供成本最低的合理方案（优先部分退款），"
            "礼貌简洁。",
        },
    ),
    Tier(
        "lost",
        {"en": "Lost buyers", "zh": "已流失"},
        {
            "en": "Long gone, with few orders. Keep to the platform's rules and the evidence; "
            "avoid a dispute, but do not spend more than the order is worth.",
            "zh": "很久未购买、订单少。按平台规则和证据处理；避免纠纷，但补偿不超过订单价值。",
        },
    ),
)
TIER_BY_KEY = {t.key: t for t in TIERS}


def tier_for(r: int, f: int, m: int) -> Tier:
    """The tier of an R, F, M score (each 1 to 4), by the rules in this module's table."""
    if r >= 3:
        if f >= 3:
            return TIER_BY_KEY["best" if m >= 3 else "loyal"]
        return TIER_BY_KEY["new" if f == 1 else "promising"]
    if f >= 3 or m == 4:
        return TIER_BY_KEY["at-risk"]
    return TIER_BY_KEY["occasional" if r == 2 else "lost"]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def buyer_key(order: Order) -> str:
    """Who placed ``order``: the platform's buyer id, else the e-mail, else name and address
    (else name and country); an order with none of these is a buyer of its own."""
    if order.buyer_id.strip():
        return f"id:{order.platform}:{_fold(order.buyer_id)}"
    if order.buyer_email.strip():
        return f"email:{_fold(order.buyer_email)}"
    if order.buyer_name.strip():
        where = _fold(order.address) or order.country.upper()
        return f"name:{_fold(order.buyer_name)}|{where}"
    return f"order:{order.key}"


@dataclass(frozen=True)
class Buyer:
    """One buyer: their orders summed up, scored, and their tier."""

    key: str
    name: str
    platforms: tuple[str, ...]
    country: str
    orders: int
    last_order: dt.date | None
    spent: Decimal
    recency_days: int | None
    r: int
    f: int
    m: int
    tier: Tier

    @property
    def group(self) -> str:
        """One of the 64 groups, as ``"RFM"``: ``"444"`` is the best there is."""
        return f"{self.r}{self.f}{self.m}"


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """The three cut points of ``values`` (Python's ``statistics.quantiles``, inclusive)."""
    if len(values) < 2:
        only = values[0] if values else 0.0
        return (only, only, only)
    first, second, third = statistics.quantiles(values, n=4, method="inclusive")
    return (first, second, third)


def score_higher(value: float, cuts: Sequence[float]) -> int:
    """1 to 4 where more is better (orders, money): 1 plus the cut points it is above."""
    return 1 + sum(value > cut for cut in cuts)


def score_lower(value: float, cuts: Sequence[float]) -> int:
    """1 to 4 where less is better (days since the last order)."""
    return 1 + sum(value < cut for cut in cuts)


def buyers(orders: Iterable[Order], as_of: dt.date) -> list[Buyer]:
    """Every buyer in ``orders``, scored against each other on ``as_of``, best groups first.

    Orders placed after ``as_of`` are left out: the scores are those the seller had that day.
    """
    grouped: dict[str, list[Order]] = {}
    for order in orders:
        if order.ordered_at is not None and order.ordered_at.date() > as_of:
            continue
        grouped.setdefault(buyer_key(order), []).append(order)
    facts = []
    for key, own in grouped.items():
        dates = [o.ordered_at.date() for o in own if o.ordered_at is not None]
        last = max(dates) if dates else None
        spent = sum((o.value or Decimal(0) for o in own), Decimal(0))
        days = (as_of - last).days if last else None
        facts.append((key, own, last, spent, days))
    known_days = [float(d) for *_, d in facts if d is not None]
    r_cuts = quartiles(known_days)
    f_cuts = quartiles([float(len(own)) for _, own, *_ in facts])
    m_cuts = quartiles([float(spent) for *_, spent, _ in facts])
    found = []
    for key, own, last, spent, days in facts:
        r = score_lower(days, r_cuts) if days is not None else 1
        f = score_higher(len(own), f_cuts)
        m = score_higher(float(spent), m_cuts)
        latest = max(own, key=lambda o: o.ordered_at.isoformat() if o.ordered_at else "")
        found.append(
            Buyer(
                key=key,
                name=latest.buyer_name or latest.buyer_id or latest.buyer_email,
                platforms=tuple(sorted({o.platform for o in own})),
                country=latest.country,
                orders=len(own),
                last_order=last,
                spent=spent,
                recency_days=days,
                r=r,
                f=f,
                m=m,
                tier=tier_for(r, f, m),
            )
        )
    found.sort(key=lambda b: (-(b.r + b.f + b.m), -b.spent, b.key))
    return found


def tier_counts(found: Iterable[Buyer]) -> dict[str, int]:
    """How many buyers each tier has, every tier listed (in the tiers' order)."""
    counts = {t.key: 0 for t in TIERS}
    for buyer in found:
        counts[buyer.tier.key] += 1
    return counts


def tier_of_order(order: Order, found: Iterable[Buyer]) -> Buyer | None:
    """The scored buyer who placed ``order``, if they are among ``found``."""
    key = buyer_key(order)
    return next((b for b in found if b.key == key), None)
