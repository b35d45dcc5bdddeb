"""Cases group one order's problem; the dispute rate and the remedy cost follow from them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from composer.orders.cases import (
    STEP_KEYS,
    CaseError,
    CaseStore,
    dispute_rates,
    remedy_costs,
    to_json,
)
from composer.orders.model import Order
from composer.templating.fields import Money

TODAY = dt.date(2026, 6, 30)


class Clock:
    """A clock a test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(data_dir, clock) -> CaseStore:
    return CaseStore(data_dir / "cases.json", clock=clock)


def order(number: str, platform: str = "aliexpress", days_ago: int = 10) -> Order:
    placed = dt.datetime.combine(TODAY, dt.time(12)) - dt.timedelta(days=days_ago)
    return Order(platform, number, ordered_at=placed, buyer_name="Carlos Lopez")


def test_a_case_from_first_message_to_resolution(store, clock):
    case = store.open(order("8181"), "The parcel arrived broken")
    assert (case.status, case.buyer_name, case.steps) == ("open", "Carlos Lopez", ("record",))
    clock.now += dt.timedelta(hours=2)
    store.add_reply(case.id, 17, "damaged-item", "Hi Carlos, sorry to hear that...")
    store.set_remedy(case.id, "partial-refund", Money(Decimal("4.50"), "USD"))
    store.set_status(case.id, "waiting")
    for step in ("justified", "solution", "carry-out"):
        store.mark_step(case.id, step)
    store.mark_step(case.id, "solution", done=False)
    store.add_message(case.id, "OK, thank you")
    store.set_status(case.id, "resolved")
    case = CaseStore(store.path).get(case.id)  # as saved
    assert case.status == "resolved" and case.disputed_at is None
    assert [m.text for m in case.messages] == ["The parcel arrived broken", "OK, thank you"]
    (reply,) = case.replies
    assert (reply.history_id, reply.scenario) == (17, "damaged-item")
    assert case.remedy == "partial-refund" and case.remedy_cost == Money(Decimal("4.50"), "USD")
    assert case.steps == ("record", "justified", "carry-out")
    shown = to_json(case)
    assert list(shown["steps"]) == list(STEP_KEYS) and len(STEP_KEYS) == 8
    assert json.loads(json.dumps(shown)) == shown


def test_one_case_at_a_time_per_order_and_clear_errors(store):
    case = store.open(order("8181"))
    with pytest.raises(CaseError, match="order 8181 already has case 1 \\(open\\)"):
        store.open(order("8181"))
    with pytest.raises(CaseError, match="status: 'closed' is not one of open, waiting"):
        store.set_status(case.id, "closed")
    with pytest.raises(CaseError, match="step: 'x' is not one of record, justified"):
        store.mark_step(case.id, "x")
    with pytest.raises(CaseError, match="remedy: 'gift' is not one of partial-refund"):
        store.set_remedy(case.id, "gift", Money(Decimal(1), "USD"))
    with pytest.raises(CaseError, match="there is no case 9"):
        store.set_status(9, "open")
    with pytest.raises(CaseError, match="message: the text is empty"):
        store.add_message(case.id, "  ")
    store.set_status(case.id, "resolved")
    assert store.open(order("8181")).id == 2  # a new problem with the same order


def test_a_dispute_stays_counted_once_resolved(store, clock):
    case = store.open(order("8181"))
    store.set_status(case.id, "disputed")
    first = store.get(case.id).disputed_at
    clock.now += dt.timedelta(days=3)
    store.set_status(case.id, "resolved")
    store.set_status(case.id, "disputed")
    assert store.get(case.id).disputed_at == first


def test_dispute_rate_per_platform_over_30_and_90_days(store):
    # AliExpress: 4 orders in the last 30 days, 6 more from 31 to 90 days ago, 1 older.
    recent = [order(f"A{n}", days_ago=5 + n) for n in range(4)]
    older = [order(f"B{n}", days_ago=40 + n) for n in range(6)]
    orders = [*recent, *older, order("C0", days_ago=200), order("E1", "ebay", days_ago=3)]
    for disputed in (recent[0], older[0], older[1]):
        store.set_status(store.open(disputed).id, "disputed")
    store.open(recent[1])  # open, never disputed: not counted
    store.set_status(store.open(orders[10]).id, "disputed")  # outside both windows
    rates = {(r.platform, r.days): r for r in dispute_rates(orders, store.cases(), TODAY)}
    assert (rates["aliexpress", 30].orders, rates["aliexpress", 30].disputed) == (4, 1)
    assert rates["aliexpress", 30].rate == 0.25
    assert (rates["aliexpress", 90].orders, rates["aliexpress", 90].disputed) == (10, 3)
    assert rates["aliexpress", 90].rate == 0.3
    assert (rates["ebay", 30].orders, rates["ebay", 30].disputed) == (1, 0)


def test_no_orders_in_a_window_has_no_rate():
    (rate30, rate90) = dispute_rates([order("Z", days_ago=100)], [], TODAY)
    assert rate30.orders == 0 and rate30.rate is None and rate90.rate is None


def test_remedy_cost_per_month_and_currency(store, clock):
    for amount, currency, month in (
        ("4.50", "USD", 3),
        ("10", "USD", 3),
        ("7", "EUR", 3),
        ("2", "USD", 4),
    ):
        clock.now = clock.now.replace(month=month)
        case = store.open(order(f"{amount}{currency}{month}"))
        store.set_remedy(case.id, "partial-refund", Money(Decimal(amount), currency))
    assert remedy_costs(store.cases()) == {
        "2026-03": {"USD": Decimal("14.50"), "EUR": Decimal("7")},
        "2026-04": {"USD": Decimal("2")},
    }


def test_a_damaged_cases_file_is_moved_aside_and_the_good_cases_kept(data_dir):
    path = data_dir / "cases.json"
    good = {
        "platform": "ebay",
        "order_id": "1",
        "status": "open",
        "opened_at": "2026-03-01T10:00:00+00:00",
    }
    path.write_text(
        json.dumps({"_meta": {"1": {"store": "cases", "version": 1}},
                    "cases": {"1": good, "2": {**good, "status": "lost"}}}),
        encoding="utf-8",
    )  # fmt: skip
    store = CaseStore(path)
    (problem,) = store.problems
    assert "'lost' is not one of" in str(problem) and "moved aside" in str(problem)
    assert [c.order_id for c in store.cases()] == ["1"]
