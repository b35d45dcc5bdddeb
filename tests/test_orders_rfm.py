"""RFM scores and tiers on a set of twelve buyers worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from composer.orders.model import Order
from composer.orders.rfm import TIERS, buyer_key, buyers, tier_counts, tier_for

AS_OF = dt.date(2026, 6, 30)

# Twelve buyers: days since the last order, number of orders, money spent in all.
#
# Recency, days sorted: 1 2 3 5 8 13 21 34 55 89 144 233. Inclusive quartiles of 12 values
# sit at positions 2.75, 5.5 and 8.25 (0-based):
#   Q1 = 3 + 0.75 x (5 - 3) = 4.5;  Q2 = (13 + 21) / 2 = 17;  Q3 = 55 + 0.25 x (89 - 55) = 63.5
#   R = 1 + the cut points the days are below: 1-3 -> 4; 5-13 -> 3; 21-55 -> 2; 89-233 -> 1.
# Frequency sorted: 1 1 1 1 2 2 2 3 4 5 8 10:
#   Q1 = 1 + 0.75 x 0 = 1;  Q2 = (2 + 2) / 2 = 2;  Q3 = 4 + 0.25 x (5 - 4) = 4.25
#   F = 1 + the cut points it is above: 1 -> 1; 2 -> 2; 3, 4 -> 3; 5, 8, 10 -> 4.
# Money sorted: 10 20 30 40 50 60 70 80 90 100 200 400:
#   Q1 = 30 + 0.75 x 10 = 37.5;  Q2 = (60 + 70) / 2 = 65;  Q3 = 90 + 0.25 x 10 = 92.5
#   M: 10-30 -> 1; 40-60 -> 2; 70-90 -> 3; 100-400 -> 4.
# Tiers (first rule that fits): R>=3: F>=3 -> best if M>=3 else loyal; F=1 new; F=2
# promising. R<=2: F>=3 or M=4 -> at-risk; R=2 occasional; R=1 lost.
HAND = [
    # name, days, orders, spent, expected group, expected tier
    ("Ada", 1, 10, 400, "444", "best"),
    ("Bo", 2, 8, 200, "444", "best"),
    ("Cy", 3, 1, 20, "411", "new"),
    ("Di", 5, 2, 70, "323", "promising"),
    ("Ed", 8, 4, 60, "332", "loyal"),
    ("Fay", 13, 1, 10, "311", "new"),
    ("Gus", 21, 5, 100, "244", "at-risk"),
    ("Hal", 34, 1, 30, "211", "occasional"),
    ("Ivy", 55, 2, 90, "223", "occasional"),
    ("Jo", 89, 3, 80, "133", "at-risk"),
    ("Kai", 144, 2, 50, "122", "lost"),
    ("Lu", 233, 1, 40, "112", "lost"),
]


def orders_of(name: str, days: int, count: int, spent: int) -> list[Order]:
    """``count`` orders adding up to ``spent``, the last ``days`` before AS_OF, on eBay."""
    each = Decimal(spent // count)
    first = Decimal(spent) - each * (count - 1)  # 80 in 3 orders: 28, 26, 26
    last = dt.datetime.combine(AS_OF, dt.time(12)) - dt.timedelta(days=days)
    return [
        Order(
            "ebay",
            f"{name}-{n}",
            ordered_at=last - dt.timedelta(days=30 * n),
            buyer_id=name.lower(),
            buyer_name=name,
            total=first if n == 0 else each,
            currency="USD",
        )
        for n in range(count)
    ]


def test_twelve_buyers_scored_by_hand():
    orders = [
        o for name, days, count, spent, *_ in HAND for o in orders_of(name, days, count, spent)
    ]
    found = {b.name: b for b in buyers(orders, AS_OF)}
    assert len(found) == 12
    for name, days, count, spent, group, tier in HAND:
        buyer = found[name]
        assert (buyer.recency_days, buyer.orders, buyer.spent) == (days, count, spent), name
        assert (buyer.group, buyer.tier.key) == (group, tier), name
    assert tier_counts(found.values()) == {
        "best": 2,
        "loyal": 1,
        "new": 2,
        "promising": 1,
        "at-risk": 2,
        "occasional": 2,
        "lost": 2,
    }


def test_a_buyer_is_one_across_orders_by_id_email_or_name_and_address():
    day = dt.datetime(2026, 6, 1)
    by_id = [
        Order("ebay", "1", day, buyer_id="Tom_UK", buyer_name="Tom"),
        Order("ebay", "2", day, buyer_id="tom_uk", buyer_name="Thomas B."),
    ]
    by_email = [
        Order("shopify", "#1", day, buyer_email="Ivan@Example.ru"),
        Order("shopify", "#2", day, buyer_email="ivan@example.ru "),
    ]
    by_name = [
        Order("aliexpress", "8", day, buyer_name="Ana Souza", address="Rua 1, 01000"),
        Order("aliexpress", "9", day, buyer_name="ana  souza", address="rua 1, 01000"),
        Order("aliexpress", "10", day, buyer_name="Ana Souza", address="Rua 9, 02000"),
    ]
    assert len({buyer_key(o) for o in by_id}) == 1
    assert len({buyer_key(o) for o in by_email}) == 1
    assert len({buyer_key(o) for o in by_name}) == 2  # same name, another address
    # The same user name on another platform is someone else.
    assert buyer_key(Order("shopee", "3", day, buyer_id="tom_uk")) != buyer_key(by_id[0])
    assert len(buyers([*by_id, *by_email, *by_name], AS_OF)) == 4


@pytest.mark.parametrize("r", [1, 2, 3, 4])
@pytest.mark.parametrize("f", [1, 2, 3, 4])
@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_each_of_the_64_groups_has_a_tier_that_follows_the_rules(r, f, m):
    tier = tier_for(r, f, m).key
    if r >= 3 and f >= 3:
        assert tier == ("best" if m >= 3 else "loyal")
    elif r >= 3:
        assert tier == ("new" if f == 1 else "promising")
    elif f >= 3 or m == 4:
        assert tier == "at-risk"
    else:
        assert tier == ("occasional" if r == 2 else "lost")


def test_every_tier_says_what_it_means_for_service_in_english_and_chinese():
    for tier in TIERS:
        assert tier.title["en"] and tier.title["zh"]
        assert len(tier.service["en"].split()) >= 15 and len(tier.service["zh"]) >= 20


def test_one_buyer_or_none_scores_without_error():
    assert buyers([], AS_OF) == []
    (only,) = buyers(orders_of("Solo", 3, 1, 10), AS_OF)
    assert only.orders == 1 and 1 <= only.r <= 4
