"""Orders through the front door (``Workspace.orders``), the advice a buyer's tier shapes, and
``orders show --as-of``."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from composer.cli.commands import main
from composer.judgement.advisor import advise
from composer.judgement.remedies import Case
from composer.judgement.tier_advice import for_tier
from composer.orders.reading import ExportFileError
from composer.workspace import Workspace
from tests.helpers.orders import order_number, write_ebay_report, write_unknown_export
from tests.helpers.scenarios import SHIPPED

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def workspace(data_dir, tmp_path):
    ws = Workspace(data_dir, [SHIPPED], cached=False)
    report, changes = ws.orders.import_file(write_ebay_report(tmp_path / "ebay.csv", TODAY))
    assert len(report.added) == 12 and changes.orders and not changes.cases
    return ws


def test_a_known_export_needs_no_mapping_an_unknown_one_shows_its_headers(workspace, tmp_path):
    assert workspace.orders.needs_mapping(tmp_path / "ebay.csv") is None
    headers = workspace.orders.needs_mapping(write_unknown_export(tmp_path / "shop.csv"))
    assert headers == ["Ref", "Client", "Land", "Article", "Qty", "Unit", "Date"]
    with pytest.raises(ExportFileError, match=r"missing\.csv"):
        workspace.orders.needs_mapping(tmp_path / "missing.csv")


def test_a_message_finds_its_order_by_order_or_tracking_number(workspace):
    found = workspace.read_message("Hola, mi pedido " + order_number(0) + " llegó roto")
    (order,) = workspace.orders.from_message(found)
    assert order.buyer_name == "Maria Garcia"
    assert workspace.orders.language(order, found) == ("es", "message")
    assert workspace.orders.language(order) == ("es", "country")
    by_tracking = workspace.read_message("Where is my parcel RR123456785CN?")
    assert [o.order_id for o in workspace.orders.from_message(by_tracking)] == [order_number(0)]
    assert workspace.orders.from_message(workspace.read_message("Order 99-99999-99999")) == []


def test_an_order_fills_only_the_fields_a_scenario_declares(workspace):
    order = workspace.orders.store.find(order_number(0))[0]
    shipped = workspace.orders.fill(order, workspace.catalog.get("shipped-update"))
    assert shipped == {
        "buyer_name": "Maria Garcia",
        "order_number": order_number(0),
        "ship_date": dt.date(2026, 6, 28),
        "carrier": "China Post",
        "tracking_number": "RR123456785CN",
    }


def test_tiers_and_the_money_per_tier_on_a_given_day(workspace):
    buyers = {b.name: b for b in workspace.orders.buyers(TODAY)}
    assert (buyers["Maria Garcia"].group, buyers["Maria Garcia"].tier.key) == ("444", "best")
    assert buyers["Ivan Petrov"].tier.key == "lost"
    figures = workspace.orders.tier_figures(TODAY)
    assert figures.buyers == {"best": 1, "loyal": 0, "new": 2, "promising": 0, "at-risk": 2,
                              "occasional": 0, "lost": 1}  # fmt: skip
    assert figures.spent["best"] == {"EUR": Decimal("149.50")}


def test_a_case_takes_in_the_replies_copied_for_its_order(workspace):
    from composer.templating.fields import Money

    scenario = workspace.catalog.get("damaged-item")
    values = {**scenario.examples(), "order_number": order_number(0)}
    composed = workspace.compose(scenario, values)
    workspace.record_copy(composed, "en")
    workspace.record_copy(workspace.compose(scenario, scenario.examples()), "en")  # another order
    order = workspace.orders.store.find(order_number(0))[0]
    case, changes = workspace.orders.open_case(order, "It arrived broken")
    assert changes.cases and workspace.orders.case_of(order) == case
    case, added, _ = workspace.orders.add_copied_replies(case.id)
    assert added == 1 and case.replies[0].scenario == "damaged-item"
    assert workspace.orders.add_copied_replies(case.id)[1] == 0  # nothing twice
    workspace.orders.set_remedy(case.id, "reship", Money(Decimal("12.50"), "EUR"))
    workspace.orders.set_status(case.id, "disputed")
    (rate_30, rate_90) = workspace.orders.dispute_rates(TODAY)
    assert (rate_30.orders, rate_30.disputed, rate_90.orders) == (4, 1, 8)
    month = f"{dt.date.today():%Y-%m}"
    assert workspace.orders.remedy_costs() == {month: {"EUR": Decimal("12.50")}}


DAMAGED = Case("damaged", "postal", Decimal("40"), Decimal("5"), currency="EUR")


def remedies(options):
    return [o.remedy for o in options]


def test_a_best_buyer_with_a_damaged_item_gets_a_replacement_at_once():
    plain = advise(DAMAGED)
    assert remedies(plain) == ["partial-refund", "reship-shared-cost", "reship", "full-refund"]
    shaped = for_tier(plain, DAMAGED, "best")
    assert shaped.changed
    assert remedies(shaped.options) == ["reship", "partial-refund", "full-refund",
                                        "reship-shared-cost"]  # fmt: skip
    assert shaped.options[0].reason["en"].startswith("First for a best buyer")
    assert shaped.options[0].reason["zh"].startswith("最佳买家优先")
    assert "凭证。自费补发" in shaped.options[0].reason["zh"]  # no space between sentences
    assert "do not haggle" in shaped.options[-1].reason["en"]
    assert "this buyer's tier puts the option above first" in shaped.options[1].reason["en"]
    assert shaped.options[2] == plain[3]  # what did not move says nothing new


@pytest.mark.parametrize(
    ("tier", "first", "changed"),
    [
        ("new", "partial-refund", True),  # the shared cost moves down; the refund stays first
        ("occasional", "partial-refund", False),
        (None, "partial-refund", False),
        ("at-risk", "reship", True),
    ],
)
def test_each_tier_ranks_the_damaged_item_remedies(tier, first, changed):
    shaped = for_tier(advise(DAMAGED), DAMAGED, tier)
    assert shaped.options[0].remedy == first and shaped.changed is changed


def test_a_lost_buyer_is_not_offered_more_than_the_order_first():
    case = Case("not-received", "postal", Decimal("10"), Decimal("15"), past_promised=True)
    plain = advise(case)
    shaped = for_tier(plain, case, "lost")
    assert all(o.seller_cost <= case.order_value for o in shaped.options[:2])
    assert "more than the order is worth" in shaped.options[-1].reason["en"]


def test_orders_show_scores_the_tier_as_of_a_day(data_dir, tmp_path, capsys):
    report = write_ebay_report(tmp_path / "ebay.csv", TODAY)
    assert main(["orders", "import", str(report), "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    args = ["orders", "show", order_number(8), "--data-dir", str(data_dir), "--json"]
    assert main([*args, "--as-of", "2026-06-30"]) == 0
    buyer = json.loads(capsys.readouterr().out)["buyer"]
    assert (buyer["tier"], buyer["recency_days"]) == ("lost", 300)
    # 2025-10-20: only Ivan's order (47 days before) and Anna's first (7 days before) were
    # placed; the later orders are not counted. Recency cut points of 7 and 47 days: 17, 27,
    # 37; money 10 and 17: 11.75, 13.5, 15.25. Ivan 1-1-1, lost; Anna 4-1-4, new.
    assert main([*args, "--as-of", "2025-10-20"]) == 0
    buyer = json.loads(capsys.readouterr().out)["buyer"]
    assert (buyer["recency_days"], buyer["orders"], buyer["group"]) == (47, 1, "111")
    rfm = ["rfm", "--data-dir", str(data_dir), "--json", "--as-of", "2025-10-20"]
    assert main(rfm) == 0
    scored = {
        b["name"]: (b["group"], b["tier"]) for b in json.loads(capsys.readouterr().out)["buyers"]
    }
    assert scored == {"Anna Rossi": ("414", "new"), "Ivan Petrov": ("111", "lost")}


def test_the_search_follows_an_import_by_another_copy_of_the_app(workspace, data_dir, tmp_path):
    assert len(workspace.orders.search("")) == 12
    other = Workspace(data_dir, [SHIPPED], cached=False)
    other.orders.import_file(write_unknown_export(tmp_path / "shop.csv"), _shop_mapping())
    assert [o.order_id for o in workspace.orders.search("emma")] == ["A-17"]
    assert len(workspace.orders.buyers(TODAY)) == 8


def _shop_mapping():
    from composer.orders.formats import ColumnMapping

    return ColumnMapping(
        columns={"order_id": ("Ref",), "buyer_name": ("Client",), "ordered_at": ("Date",)},
        currency="EUR",
    )
