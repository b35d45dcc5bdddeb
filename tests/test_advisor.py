"""The remedy advisor: each rule from the seeds (002 cases 1-3, 004), costs and links."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from composer.judgement.advisor import advise, facts_from, values_for
from composer.judgement.remedies import LOGISTICS, PROBLEMS, REMEDIES, Case
from composer.templating.fields import MAX_AMOUNT, Money
from composer.templating.loader import load_catalog
from tests.helpers.scenarios import DISPUTE, SHIPPED


def ranked(problem, logistics="postal", value="25", shipping="10", **more):
    case = Case(problem, logistics, Decimal(value), Decimal(shipping), **more)
    return [(o.remedy, o.seller_cost) for o in advise(case)]


def remedies(*args, **kwargs):
    return [remedy for remedy, _ in ranked(*args, **kwargs)]


# --- seed 004: damaged, not as described ----------------------------------------------------


@pytest.mark.parametrize("problem", ["damaged", "not-as-described"])
def test_partial_refund_first_shared_reship_next_full_refund_last(problem):
    options = ranked(problem, value="100", shipping="10", item_cost=Decimal("40"))
    assert options == [
        ("partial-refund", Decimal("30.00")),  # 30 % of the order
        ("reship-shared-cost", Decimal("0.00")),  # 40 + 10 - 70 paid by the buyer: breaks even
        ("reship", Decimal("50.00")),
        ("full-refund", Decimal("100.00")),
    ]


def test_the_shared_reship_follows_the_seed_example():
    options = advise(Case("damaged", "postal", Decimal(100), Decimal(0), item_cost=Decimal(90)))
    (option,) = [o for o in options if o.remedy == "reship-shared-cost"]
    assert option.seller_cost == Decimal("20.00")  # 90 - the buyer's 70
    assert "$70.00" in option.reason["en"] and "70.00美元" in option.reason["zh"]


def test_an_option_dearer_than_a_full_refund_moves_after_it():
    # Express shipping dearer than the item: sending another costs more than refunding.
    options = remedies("damaged", "express", value="20", shipping="30", item_cost=Decimal("15"))
    assert options == ["partial-refund", "full-refund", "reship-shared-cost", "reship"]


def test_the_partial_refund_offers_an_amount():
    (first, *_rest) = advise(Case("damaged", "postal", Decimal("59.90"), Decimal("5")))
    assert first.refund == Decimal("17.97")
    assert "$17.97" in first.reason["en"] and "17.97美元" in first.reason["zh"]
    assert "30%" in first.reason["en"]


# --- seed 001: missing items ----------------------------------------------------------------


def test_missing_items_are_resent_first_after_photos():
    assert remedies("missing-items") == ["reship", "partial-refund", "full-refund"]
    first = advise(Case("missing-items", "postal", Decimal(25), Decimal(10)))[0]
    assert "photos" in first.reason["en"] and "拍照" in first.reason["zh"]


# --- seed 002 case 3: not received --------------------------------------------------------


@pytest.mark.parametrize("logistics", ["postal", "express"])
def test_past_the_promised_time_refund_or_reship_then_claim_from_the_carrier(logistics):
    options = ranked("not-received", logistics, past_promised=True)
    assert [r for r, _ in options] == ["full-refund", "reship", "carrier-claim"]
    assert options[-1][1] == Decimal(0)
    cheaper_reship = remedies(
        "not-received",
        logistics,
        value="60",
        shipping="5",
        item_cost=Decimal("20"),
        past_promised=True,
    )
    assert cheaper_reship == ["reship", "full-refund", "carrier-claim"]
    for option in advise(
        Case("not-received", logistics, Decimal(25), Decimal(10), past_promised=True)
    ):
        assert "carrier" in option.reason["en"] and "物流商" in option.reason["zh"]


def test_economy_shipping_without_tracking_can_only_be_refunded_with_no_claim():
    assert ranked("not-received", "economy", past_promised=True) == [
        ("full-refund", Decimal("25.00"))
    ]
    (option,) = advise(
        Case("not-received", "economy", Decimal(25), Decimal(10), past_promised=True)
    )
    assert "no tracking" in option.reason["en"] and "无法" in option.reason["zh"]
    assert remedies("not-received", "economy") == ["decline-politely", "full-refund"]


def test_within_the_promised_time_the_buyer_is_asked_to_wait():
    assert ranked("not-received", "postal")[0] == ("decline-politely", Decimal(0))
    assert "carrier-claim" not in remedies("not-received", "express")


# --- seed 002 case 2: unwanted --------------------------------------------------------------


@pytest.mark.parametrize("logistics", ["postal", "economy"])
def test_a_postal_parcel_can_simply_be_refused(logistics):
    options = remedies("unwanted", logistics)
    assert options[0] == "refuse-delivery"
    assert set(options) == {"refuse-delivery", "return-at-buyer-cost", "keep-with-partial-refund"}


def test_an_express_return_may_cost_more_than_the_item_so_keep_it_for_a_partial_refund():
    options = ranked("unwanted", "express", value="12", shipping="8", return_cost=Decimal("13"))
    assert [r for r, _ in options] == [
        "keep-with-partial-refund",
        "return-at-buyer-cost",
        "refuse-delivery",
    ]
    assert options[0][1] == Decimal("3.60")
    assert options[2][1] == Decimal("21.00")  # refund 12, item back worth 4, pays the 13 return
    keep = advise(Case("unwanted", "express", Decimal(12), Decimal(8), return_cost=Decimal(13)))[0]
    assert "more than the order is worth" in keep.reason["en"]
    assert "比货值还高" in keep.reason["zh"]
    cheap = advise(Case("unwanted", "express", Decimal(120), Decimal(8), return_cost=Decimal(13)))[
        0
    ]
    assert "more than" not in cheap.reason["en"]


def test_the_return_cost_defaults_to_the_shipping_cost():
    assert ranked("unwanted", "express", shipping="9")[-1][1] == Decimal("18.00")  # 25-16+9


# --- seed 002 case 1: address change ------------------------------------------------------


def test_a_low_value_order_is_reshipped_a_high_value_one_declined_politely():
    assert remedies("address-change", value="15") == ["reship", "decline-politely"]
    assert remedies("address-change", value="150") == ["decline-politely", "reship"]
    assert remedies("address-change", value="50", low_value_limit=Decimal(60))[0] == "reship"


# --- the facts -------------------------------------------------------------------------------


def test_every_problem_and_logistics_gives_known_remedies_best_first():
    for problem in PROBLEMS:
        for logistics in LOGISTICS:
            for past in (False, True):
                options = advise(
                    Case(problem, logistics, Decimal(30), Decimal(6), past_promised=past)
                )
                assert options
                assert len({o.remedy for o in options}) == len(options)
                for option in options:
                    assert option.remedy in REMEDIES
                    assert option.seller_cost >= 0
                    assert option.reason["en"] and option.reason["zh"]
                    assert option.to_json()["remedy"] == option.remedy


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"problem": "broken"}, "unknown problem"),
        ({"logistics": "pigeon"}, "unknown logistics"),
        ({"order_value": Decimal(-1)}, "order-value: '-1' is negative"),
        ({"order_value": Decimal("1e999999")}, "order-value: .* is too large"),
        ({"return_cost": Decimal("NaN")}, "return-cost: 'NaN' is not an amount"),
        ({"low_value_limit": Decimal("1e30")}, "low-value-limit: .* is too large"),
        ({"currency": "XXX"}, "currency: 'XXX' is not a currency in use"),
        ({"partial_share": Decimal(2)}, "partial-share"),
    ],
)
def test_facts_that_do_not_fit_are_refused(kwargs, message):
    facts = {"problem": "damaged", "logistics": "postal", "order_value": Decimal(10)}
    with pytest.raises(ValueError, match=message):
        Case(**{**facts, "shipping_cost": Decimal(1), **kwargs})


def test_the_largest_amount_is_advised_on_and_the_currency_is_tidied():
    case = Case("damaged", "postal", MAX_AMOUNT, Decimal(10), currency="eur")
    assert case.currency == "EUR"
    assert advise(case)[-1].seller_cost == MAX_AMOUNT


def test_amounts_are_written_in_the_orders_currency():
    option = advise(Case("damaged", "postal", Decimal(100), Decimal(10), currency="EUR"))[0]
    assert "€30.00" in option.reason["en"] and "30.00欧元" in option.reason["zh"]


# --- scenarios opt in with an [advisor] table --------------------------------------------


def test_address_change_maps_the_advice_to_its_remedy_choice():
    scenario = load_catalog([SHIPPED]).catalog.get("address-change")
    link = scenario.advisor
    assert link.problem == "address-change" and link.field_name == "remedy"
    low, high = (
        advise(Case("address-change", "express", Decimal(v), Decimal(10)))[0] for v in (10, 200)
    )
    assert values_for(link, low, "USD") == {"remedy": "reship"}
    assert values_for(link, high, "USD") == {"remedy": "too-late"}
    claim = advise(Case("not-received", "postal", Decimal(25), Decimal(10), past_promised=True))[-1]
    assert values_for(link, claim, "USD") == {}  # no option for that remedy here


def test_a_scenario_written_elsewhere_opts_in_with_its_own_keys(write_template):
    folder = write_template("item-damaged.toml", DISPUTE).parent
    result = load_catalog([SHIPPED, folder])
    assert result.problems == []
    link = result.catalog.get("item-damaged").advisor
    assert link.inputs == {"order_value": "order_total"}
    first = advise(Case("damaged", "postal", Decimal(40), Decimal(5)))[0]
    assert values_for(link, first, "USD") == {
        "remedy": "partial-refund",
        "refund": Money(Decimal("12.00"), "USD"),
    }


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('field = "remedy"', 'field = "order_total"', "is not a choice field"),
        ("partial-refund = ", "partial-refnd = ", "unknown remedy 'partial-refnd'"),
        ('full-refund = "full-refund"', 'full-refund = "refund-all"', "'refund-all' is not an"),
        ('problem = "damaged"', 'problem = "broken"', "unknown problem"),
        ('refund_field = "refund"', 'refund_field = "remedy"', "is not a money field"),
        ("inputs = { order_value", "inputs = { order_price", "unknown advisor input"),
        ('order_value = "order_total"', 'logistics = "order_total"', "is not a choice field"),
        ('order_value = "order_total"', 'promised_date = "remedy"', "is not a date field"),
    ],
)
def test_mistakes_in_an_advisor_table_name_the_file_and_line(write_template, old, new, message):
    path = write_template("item-damaged.toml", DISPUTE.replace(old, new))
    result = load_catalog([SHIPPED, path.parent])
    (problem,) = result.errors
    assert problem.path == path and message in problem.message
    assert problem.line > 1
    assert result.catalog.get("item-damaged") is None


def test_third_party_fields_must_be_declared(write_template):
    path = write_template(
        "item-damaged.toml", DISPUTE + '\n    [checks]\n    third_party = ["carrier_fax"]\n'
    )
    (problem,) = load_catalog([SHIPPED, path.parent]).errors
    assert "'carrier_fax' is not a declared field" in problem.message


# --- amounts never dearer than what they avoid, never zero ---------------------------------


def test_an_express_keep_it_refund_is_never_dearer_than_a_return_at_the_buyers_cost():
    # The case: a $100 express order at $90 to the seller; taking it back at the
    # buyer's cost costs the seller $10, so "keep it" offered $30 was the dearer remedy.
    options = advise(Case("unwanted", "express", Decimal(100), Decimal(10)))
    by_remedy = {o.remedy: o for o in options}
    keep = by_remedy["keep-with-partial-refund"]
    assert by_remedy["return-at-buyer-cost"].seller_cost == Decimal("10.00")
    assert keep.refund == keep.seller_cost == Decimal("10.00")
    assert "$10.00 back" in keep.reason["en"] and "10.00美元" in keep.reason["zh"]
    # A thin item keeps the seed's 30 %.
    thin = advise(Case("unwanted", "express", Decimal(100), Decimal(10), item_cost=Decimal(20)))
    assert thin[0].refund == Decimal("30.00")


@pytest.mark.parametrize("logistics", LOGISTICS)
@pytest.mark.parametrize("value", ["0.50", "10", "25", "100", "999"])
@pytest.mark.parametrize("shipping", ["0", "4", "30"])
@pytest.mark.parametrize("item", [None, "1", "20", "95"])
def test_a_partial_refund_never_costs_more_than_the_remedy_it_avoids(
    logistics, value, shipping, item
):
    avoided = {  # each partial refund, and the remedies it is offered instead of
        "keep-with-partial-refund": ("return-at-buyer-cost", "refuse-delivery"),
        "partial-refund": ("reship", "full-refund"),
    }
    for problem in ("damaged", "not-as-described", "missing-items", "unwanted"):
        case = Case(
            problem,
            logistics,
            Decimal(value),
            Decimal(shipping),
            item_cost=None if item is None else Decimal(item),
        )
        options = {o.remedy: o for o in advise(case)}
        for remedy, instead in avoided.items():
            if remedy not in options:
                continue
            refund = options[remedy].refund
            assert refund is None or refund > 0
            for other in instead:
                if other in options and refund is not None:
                    assert refund <= options[other].seller_cost, (problem, remedy, other)


def test_an_advised_refund_of_zero_is_offered_without_an_amount():
    # Selling at cost with free shipping: taking the item back costs nothing, so no refund.
    options = advise(Case("unwanted", "postal", Decimal(20), Decimal(0), item_cost=Decimal(20)))
    (keep,) = [o for o in options if o.remedy == "keep-with-partial-refund"]
    assert keep.refund is None
    assert "$0.00" not in keep.reason["en"] and "an amount you choose" in keep.reason["en"]
    assert "0.00美元" not in keep.reason["zh"]
    link = load_catalog([SHIPPED]).catalog.get("unwanted-order").advisor
    assert values_for(link, keep, "USD") == {"logistics": "express"}  # the choice, no amount
    zero = advise(Case("damaged", "postal", Decimal(0), Decimal(0)))[0]
    assert zero.remedy == "partial-refund" and zero.refund is None
    damaged = load_catalog([SHIPPED]).catalog.get("damaged-item").advisor
    assert values_for(damaged, zero, "USD") == {"remedy": "partial-refund"}


# --- the advisor starts from the form --------------------------------------------------------

TODAY = dt.date(2026, 11, 30)


def test_the_shipped_scenarios_hand_the_advisor_what_their_forms_hold():
    catalog = load_catalog([SHIPPED]).catalog
    inputs = {s.id: dict(s.advisor.inputs) for s in catalog.scenarios.values() if s.advisor}
    assert inputs == {
        "address-change": {},
        "damaged-item": {"problem": "problem"},
        "dispute-opened": {"order_value": "order_total", "problem": "problem"},
        "late-delivery": {"order_value": "order_total", "promised_date": "promised_date"},
        "missing-items": {},
        "unwanted-order": {"return_cost": "return_shipping", "logistics": "logistics"},
    }


def test_facts_come_from_the_form_and_only_known_ones_count():
    catalog = load_catalog([SHIPPED]).catalog
    dispute = catalog.get("dispute-opened").advisor
    facts = facts_from(
        dispute, {"order_total": Money(Decimal("25"), "EUR"), "problem": "missing-items"}, TODAY
    )
    assert facts.amounts == {"order_value": Decimal(25)} and facts.currency == "EUR"
    assert facts.problem == "missing-items" and facts.given == {"order_value", "problem"}
    other = facts_from(dispute, {"order_total": Money(Decimal(0), "USD"), "problem": "other"})
    assert other.amounts == {} and other.problem is None and other.given == set()

    late = catalog.get("late-delivery").advisor
    assert facts_from(late, {"promised_date": dt.date(2026, 11, 29)}, TODAY).past_promised
    assert facts_from(late, {"promised_date": TODAY}, TODAY).past_promised is False
    assert facts_from(late, {}, TODAY).past_promised is None

    unwanted = catalog.get("unwanted-order").advisor
    facts = facts_from(unwanted, {"logistics": "express"}, TODAY)
    assert facts.logistics == "express" and facts.problem == "unwanted"
    typed = facts_from(unwanted, {"partial_refund": Money(Decimal(5), "GBP")}, TODAY)
    assert typed.currency == "GBP"  # the typed refund's currency when no input has one
