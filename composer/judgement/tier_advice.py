"""The remedy advice shaped by the buyer's RFM tier (``composer.orders.rfm``).

The advisor ranks remedies by what they cost; a buyer's worth to the shop changes that ranking
(seed 000: serve each group as it deserves). A best buyer with a damaged item gets a
replacement at once, without haggling over who pays; a buyer at risk gets the remedy that keeps
them, not the cheapest; a new buyer a quick partial refund rather than a long exchange; a lost
buyer the cheapest fair remedy, at no more than the order is worth. Each option moved says so
in its reason (its "Why"), so the seller sees what the tier changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from composer.judgement.remedies import Case, Option

# Per tier: the remedies put first (in this order) for each problem, and those put last.
_FIRST: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "best": {
        "damaged": ("reship",),
        "not-as-described": ("reship",),
        "missing-items": ("reship",),
        "not-received": ("reship",),
        "address-change": ("reship",),
    },
    "at-risk": {
        "damaged": ("reship",),
        "not-as-described": ("reship",),
        "missing-items": ("reship",),
        "not-received": ("reship",),
        "address-change": ("reship",),
    },
    "new": {
        "damaged": ("partial-refund",),
        "not-as-described": ("partial-refund",),
        "missing-items": ("partial-refund",),
    },
    "promising": {
        "damaged": ("partial-refund",),
        "not-as-described": ("partial-refund",),
        "missing-items": ("partial-refund",),
    },
}
_LAST: Mapping[str, tuple[str, ...]] = {
    # No haggling over a shared cost with a buyer the shop wants to keep.
    "best": ("reship-shared-cost", "decline-politely"),
    "at-risk": ("reship-shared-cost", "decline-politely"),
    "loyal": ("reship-shared-cost",),
    "new": ("reship-shared-cost",),
    "promising": ("reship-shared-cost",),
}

_FIRST_WHY: Mapping[str, Mapping[str, str]] = {
    "best": {
        "en": "First for a best buyer: solve it at once and generously; a photo is proof enough.",
        "zh": "最佳买家优先：立即、大方地解决，一张照片即可作为凭证。",
    },
    "at-risk": {
        "en": "First for a buyer at risk: fix it without haggling and add a coupon to bring "
        "them back.",
        "zh": "流失风险买家优先：不讨价还价地解决，并附上优惠券挽回买家。",
    },
    "new": {
        "en": "First for a new buyer: a quick partial refund rather than a long exchange; the "
        "first problem decides whether they come back.",
        "zh": "新买家优先：快速部分退款，避免长时间往来；第一次问题处理决定买家是否回购。",
    },
    "promising": {
        "en": "First for a promising buyer: solve it fast and win a regular buyer.",
        "zh": "潜力买家优先：快速解决，培养成老客户。",
    },
}
_LAST_WHY: Mapping[str, str] = {
    "en": "Moved down for this buyer's tier: do not haggle with a buyer you want to keep.",
    "zh": "按该买家等级后移：对想留住的买家不要讨价还价。",
}
_DISPLACED_WHY: Mapping[str, str] = {
    "en": "That is for most buyers: this buyer's tier puts the option above first.",
    "zh": "这是针对大多数买家的建议：按该买家等级，优先采用上面的方案。",
}
_LOST_WHY: Mapping[str, str] = {
    "en": "Costs more than the order is worth: moved down for a lost buyer.",
    "zh": "成本超过订单价值：对已流失买家后移。",
}


@dataclass(frozen=True)
class TierAdvice:
    """The options as the tier ranks them, and a line saying what the tier changed."""

    options: list[Option]
    changed: bool


def _with_reason(option: Option, why: Mapping[str, str], before: bool) -> Option:
    space = {"zh": ""}  # Chinese sentences follow each other without a space
    reason = {
        code: space.get(code, " ").join((why[code], text) if before else (text, why[code]))
        for code, text in option.reason.items()
        if code in why
    }
    return dataclasses.replace(option, reason={**option.reason, **reason})


def for_tier(options: Sequence[Option], case: Case, tier: str | None) -> TierAdvice:
    """``options`` (the advisor's, best first) ranked again for a buyer of ``tier`` (a key of
    ``composer.orders.rfm.TIERS``; None or an unknown tier changes nothing)."""
    ranked = list(options)
    if not tier:
        return TierAdvice(ranked, False)
    first_keys = _FIRST.get(tier, {}).get(case.problem, ())
    last_keys = _LAST.get(tier, ())
    first = [o for key in first_keys for o in ranked if o.remedy == key]
    last = [o for o in ranked if o.remedy in last_keys and o not in first]
    if tier == "lost":  # spend no more than the order is worth
        last = [o for o in ranked if o.seller_cost > case.order_value > 0]
    middle = [o for o in ranked if o not in first and o not in last]
    moved_up = [o for o in first if ranked.index(o) != first.index(o)]
    moved_down = [o for o in last if ranked.index(o) < len(ranked) - len(last)]
    displaced = ranked[0] if moved_up and ranked[0] in middle else None
    result = [
        *(_with_reason(o, _FIRST_WHY[tier], before=True) if o in moved_up else o for o in first),
        *(_with_reason(o, _DISPLACED_WHY, before=False) if o is displaced else o for o in middle),
        *(
            _with_reason(o, _LOST_WHY if tier == "lost" else _LAST_WHY, before=False)
            if o in moved_down
            else o
            for o in last
        ),
    ]
    return TierAdvice(result, bool(moved_up or moved_down))
