"""The remedy advisor: which remedy to offer a buyer, and what each costs the seller.

The rules come from the seeds (cases 1-3 of 002, and 004):

- damaged or not as described: a partial refund is preferred; a free re-ship can ask the buyer
  to share part of the item's value (the seed's example: 70 of 100); a full refund costs the
  most and comes last;
- missing items: ask for photos, then send what is missing, or agree a partial refund (001);
- not received: within the promised time, reassure and ask the buyer to wait; past it, refund
  or re-ship and claim the loss from the carrier; economy shipping without tracking can only
  be refunded, with no claim;
- unwanted: a postal parcel can simply be refused by the buyer; an express return may cost
  more than the item, so offer a partial refund to keep it;
- address change after shipment: re-ship a low-value order, decline a high-value one politely.

Options come in the seeds' order of preference, each with the seller's cost against the sale
going through as planned. The seeds' order assumes a full refund is the costliest remedy: an
option that costs more than the full refund moves to just after it.

A partial refund is never dearer for the seller than the remedy it is offered to avoid (a
"keep it" refund is at most what taking the item back would cost; a partial refund for a damaged
or missing item at most what sending it again would), and an advised amount of zero is no
amount: the option is offered without one, for the seller to fill in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from composer.judgement.remedies import _CENT, LOGISTICS, MONEY_INPUTS, PROBLEMS, Case, Option
from composer.templating.fields import Money, Value
from composer.templating.formatting import format_money, format_percentage
from composer.templating.scenario import AdvisorLink


def advise(case: Case) -> list[Option]:
    """The remedies for ``case``, best first (see the module docstring for the rules)."""
    build = _Builder(case)
    rules = {
        "damaged": _not_as_expected,
        "not-as-described": _not_as_expected,
        "missing-items": _missing_items,
        "not-received": _not_received,
        "unwanted": _unwanted,
        "address-change": _address_change,
    }
    return _full_refund_last(rules[case.problem](case, build))


def _full_refund_last(options: list[Option]) -> list[Option]:
    """Move options costlier than the full refund to just after it (stable)."""
    full = next((o for o in options if o.remedy == "full-refund"), None)
    if full is None:
        return options
    costlier = [o for o in options if o is not full and o.seller_cost > full.seller_cost]
    rest = [o for o in options if o not in costlier]
    at = rest.index(full) + 1
    return rest[:at] + costlier + rest[at:]


_AN_AMOUNT = {"en": "an amount you choose", "zh": "您定的金额"}
"""What a reason says in place of a refund that the facts make zero."""


class _Builder:
    """Makes options for one case, with amounts written the way each language writes money."""

    def __init__(self, case: Case) -> None:
        self.case = case

    def money(self, amount: Decimal) -> dict[str, str]:
        value = Money(amount.quantize(_CENT, ROUND_HALF_UP), self.case.currency)
        return {"en": format_money(value, "en_US"), "zh": format_money(value, "zh_CN", "name")}

    def option(
        self,
        remedy: str,
        cost: Decimal,
        en: str,
        zh: str,
        refund: Decimal | None = None,
        **amounts: Decimal,
    ) -> Option:
        cost = max(cost, Decimal(0)).quantize(_CENT, ROUND_HALF_UP)
        if refund is not None:
            refund = max(refund, Decimal(0)).quantize(_CENT, ROUND_HALF_UP)
            if refund:
                amounts["refund"] = refund
            else:
                refund = None  # zero is no amount: the seller fills one in
        shown = {name: self.money(amount) for name, amount in {"cost": cost, **amounts}.items()}
        shown.setdefault("refund", _AN_AMOUNT)
        reason: dict[str, str] = {}
        for code, text, locale in (("en", en, "en_US"), ("zh", zh, "zh_CN")):
            words = {name: texts[code] for name, texts in shown.items()}
            words["share"] = format_percentage(self.case.partial_share * 100, locale)
            reason[code] = text.format(**words)
        return Option(remedy, cost, reason, refund)


def _not_as_expected(case: Case, b: _Builder) -> list[Option]:
    """Damaged or not as described (seed 004)."""
    v, item, ship = case.order_value, case.cost_of_item, case.shipping_cost
    refund = min(v * case.partial_share, item + ship)  # never dearer than sending another
    share = v * case.buyer_share
    return [
        b.option(
            "partial-refund",
            refund,
            "Preferred: refund {refund} ({share} of the order) and let the buyer keep the item; "
            "most buyers accept a fair discount.",
            "首选：部分退款{refund}（订单金额的{share}），商品无需退回；大多数买家愿意接受合理的折扣。",
            refund=refund,
        ),
        b.option(
            "reship-shared-cost",
            item + ship - share,
            "A re-shipment whose cost the buyer agreed to share: the buyer pays {paid} of the "
            "item's value, and with your margin it about breaks even. Ask only once the buyer "
            "has accepted a re-shipment.",
            "买家同意分担费用的补发：买家承担货值中的{paid}，算上利润基本不赚不赔。"
            "仅在买家接受补发之后再协商。",
            paid=share,
        ),
        b.option(
            "reship",
            item + ship,
            "Send a replacement at your cost ({cost}): the buyer gets what they paid for.",
            "自费补发一件（成本{cost}）：买家拿到想要的商品。",
        ),
        b.option(
            "full-refund",
            v,
            "Gives back the whole order ({cost}), and buyers often read it as not caring: keep "
            "it for last.",
            "退还整笔订单（{cost}），买家也常觉得卖家缺乏诚意：放在最后。",
        ),
    ]


def _missing_items(case: Case, b: _Builder) -> list[Option]:
    """Some items missing from the parcel (seed 001)."""
    reship = case.cost_of_item + case.shipping_cost
    refund = min(case.order_value * case.partial_share, reship)  # never dearer than a re-ship
    return [
        b.option(
            "reship",
            reship,
            "Ask for photos of what arrived, then send the missing items ({cost}).",
            "请买家拍照确认收到的物品，再补发缺少的商品（成本{cost}）。",
        ),
        b.option(
            "partial-refund",
            refund,
            "Or agree a solution with the buyer: refund {refund} for what is missing.",
            "或与买家商定方案：就缺少的部分退款{refund}。",
            refund=refund,
        ),
        b.option(
            "full-refund",
            case.order_value,
            "Gives back the whole order ({cost}): only if the buyer accepts nothing else.",
            "退还整笔订单（{cost}）：仅在买家不接受其他方案时采用。",
        ),
    ]


def _not_received(case: Case, b: _Builder) -> list[Option]:
    """The parcel has not arrived (002 case 3)."""
    v, reship_cost = case.order_value, case.cost_of_item + case.shipping_cost
    wait = b.option(
        "decline-politely",
        Decimal(0),
        "Still within the promised delivery time: share the tracking, reassure the buyer and "
        "ask them to wait.",
        "仍在承诺运达时间内：提供物流跟踪信息，安抚买家，请其耐心等待。",
    )
    if not case.tracked:
        refund = b.option(
            "full-refund",
            v,
            "Economy shipping has no tracking: a refund ({cost}) is the only remedy, and the "
            "carrier pays nothing back.",
            "经济类物流没有跟踪信息：只能退款（{cost}），也无法得到物流商赔付。",
        )
        return [refund] if case.past_promised else [wait, refund]
    if not case.past_promised:
        return [
            wait,
            b.option(
                "reship",
                reship_cost,
                "If it does not arrive in time: send it again ({cost}).",
                "若到期仍未送达：重新发货（成本{cost}）。",
            ),
            b.option(
                "full-refund",
                v,
                "If it is lost: refund in full ({cost}).",
                "若确认丢件：全额退款（{cost}）。",
            ),
        ]
    refund = b.option(
        "full-refund",
        v,
        "Past the promised time: apologize, refund in full ({cost}), then claim the loss from "
        "the carrier.",
        "已超过承诺运达时间：向买家道歉并全额退款（{cost}），再向物流商申请赔付。",
    )
    reship = b.option(
        "reship",
        reship_cost,
        "Past the promised time: apologize, send it again ({cost}), then claim the loss from "
        "the carrier.",
        "已超过承诺运达时间：向买家道歉并重新发货（成本{cost}），再向物流商申请赔付。",
    )
    claim = b.option(
        "carrier-claim",
        Decimal(0),
        "Whichever you offer, claim it back from the carrier: a parcel past the carrier's "
        "promised time is the carrier's to pay.",
        "无论采用哪种方案，都向物流商申请赔付：超过物流商承诺时效未妥投，由物流商承担。",
    )
    first, second = (reship, refund) if reship_cost < v else (refund, reship)
    return [first, second, claim]


def _unwanted(case: Case, b: _Builder) -> list[Option]:
    """The buyer no longer wants a shipped order (002 case 2)."""
    v, item, back = case.order_value, case.cost_of_item, case.cost_of_return
    # Taken back at the buyer's cost, the item costs the seller the sale less the item's worth:
    # a refund to keep it is never more than that.
    taken_back = max(v - item, Decimal(0))
    refund = min(v * case.partial_share, taken_back)
    if case.logistics != "express":
        return [
            b.option(
                "refuse-delivery",
                taken_back,
                "A postal parcel: the buyer can simply refuse it; it comes back without return "
                "postage, and you refund once it is back.",
                "邮政包裹：买家直接拒签即可，包裹免运费退回，收到退件后再退款。",
            ),
            b.option(
                "return-at-buyer-cost",
                taken_back,
                "Or accept a return with the buyer paying the postage, and refund when it arrives.",
                "或同意退货，运费由买家承担，收到退件后退款。",
            ),
            b.option(
                "keep-with-partial-refund",
                refund,
                "Or offer {refund} back to keep the item.",
                "或提出部分退款{refund}，请买家留下商品。",
                refund=refund,
            ),
        ]
    dearer = back >= v
    return [
        b.option(
            "keep-with-partial-refund",
            refund,
            "An express return costs {back}"
            + (", more than the order is worth" if dearer else "")
            + ": offer {refund} back to keep the item.",
            "快递退货运费{back}"
            + ("，比货值还高" if dearer else "")
            + "：提出部分退款{refund}，请买家留下商品。",
            refund=refund,
            back=back,
        ),
        b.option(
            "return-at-buyer-cost",
            taken_back,
            "Accept a return with the buyer paying the express postage ({back}); many buyers "
            "will not.",
            "同意退货，但快递退货运费（{back}）由买家承担；很多买家不会接受。",
            back=back,
        ),
        b.option(
            "refuse-delivery",
            taken_back + back,
            "A refused express parcel comes back at your expense ({back}).",
            "快递拒签后，退回运费由您承担（{back}）。",
            back=back,
        ),
    ]


def _address_change(case: Case, b: _Builder) -> list[Option]:
    """The buyer wants the shipped parcel at another address (002 case 1)."""
    low = case.order_value <= case.low_value_limit
    reship = b.option(
        "reship",
        case.cost_of_item + case.shipping_cost,
        "Low-value order: re-ship to the new address ({cost}); it costs less than the dispute "
        "a parcel at the old address leads to."
        if low
        else "High-value order: a re-ship costs {cost}; only if the buyer cannot collect the "
        "parcel.",
        "货值较低：重发到新地址（成本{cost}），比包裹送到旧地址引发纠纷的代价小。"
        if low
        else "货值较高：重发成本{cost}，仅在买家无法取件时考虑。",
    )
    decline = b.option(
        "decline-politely",
        Decimal(0),
        "Explain politely that it is too late to change the address; suggest collecting it or "
        "a carrier hold, and offer a discount on the next order.",
        "委婉说明已无法修改地址，建议买家到原地址取件或请物流商暂存自提，并给予下次购物折扣。",
    )
    return [reship, decline] if low else [decline, reship]


def values_for(link: AdvisorLink, option: Option, currency: str) -> dict[str, Value]:
    """The field values that put ``option`` into a scenario (empty when it has no such option):
    the remedy's option key in the linked choice field, and a partial refund's amount."""
    key = link.options.get(option.remedy)
    if key is None:
        return {}
    values: dict[str, Value] = {link.field_name: key}
    if link.refund_field and option.refund:  # never zero: that is no amount
        values[link.refund_field] = Money(option.refund, currency)
    return values


@dataclass(frozen=True)
class FormFacts:
    """What a scenario's form already says about the case (its ``[advisor] inputs``).

    ``given`` names the facts taken from the form (``order_value``, ``logistics``,
    ``past_promised``...): the advisor asks only for the others.
    """

    problem: str | None = None
    logistics: str | None = None
    past_promised: bool | None = None
    amounts: Mapping[str, Decimal] = field(default_factory=dict)
    currency: str | None = None

    @property
    def given(self) -> frozenset[str]:
        named = {"problem": self.problem, "logistics": self.logistics}
        facts = {name for name, value in named.items() if value is not None}
        if self.past_promised is not None:
            facts.add("past_promised")
        return frozenset(facts | set(self.amounts))


def facts_from(
    link: AdvisorLink, values: Mapping[str, Value], today: dt.date | None = None
) -> FormFacts:
    """The facts the form's ``values`` give for ``link``'s inputs; a choice whose option is not
    a known problem or logistics (``other``) and an amount of zero give nothing."""
    today = today or dt.date.today()
    amounts: dict[str, Decimal] = {}
    currency = None
    for given in MONEY_INPUTS:
        value = values.get(link.inputs.get(given, ""))
        if isinstance(value, Money) and value.amount > 0:
            amounts[given] = value.amount
            currency = currency or value.currency
    if currency is None and link.refund_field:
        typed = values.get(link.refund_field)
        currency = typed.currency if isinstance(typed, Money) else None
    problem = values.get(link.inputs.get("problem", ""))
    logistics = values.get(link.inputs.get("logistics", ""))
    promised = values.get(link.inputs.get("promised_date", ""))
    return FormFacts(
        problem=problem if isinstance(problem, str) and problem in PROBLEMS else link.problem,
        logistics=logistics if isinstance(logistics, str) and logistics in LOGISTICS else None,
        past_promised=promised < today if isinstance(promised, dt.date) else None,
        amounts=amounts,
        currency=currency,
    )
