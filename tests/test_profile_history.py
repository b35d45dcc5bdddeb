"""The profile (prefilled fields) and the history of copied replies (search, reopen, limits)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from composer.storage.history import DEFAULT_KEEP_DAYS, HistoryStore, restore_values
from composer.storage.profile import Profile, ProfileError, prefill
from composer.storage.profile_store import ProfileStore
from composer.templating.render import Renderer

T0 = dt.datetime(2026, 3, 27, 10, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_profile_defaults_save_and_load(data_dir):
    store = ProfileStore(data_dir / "profile.json")
    assert store.load() == Profile()
    saved = store.save(Profile(seller_name=" Li Wei ", shop_name="Lucky Shop", currency="eur"))
    assert saved.seller_name == "Li Wei" and saved.currency == "EUR"
    assert ProfileStore(data_dir / "profile.json").load() == saved
    with pytest.raises(ProfileError, match="currency"):
        store.save(Profile(currency="euro"))
    assert store.load() == saved


def test_fields_named_like_the_profile_are_prefilled(load):
    scenario = load().catalog.get("shipping-delay")
    profile = Profile(seller_name="Li Wei", shop_name="Lucky Shop", platform="eBay")
    assert prefill(scenario, profile) == {"seller_name": "Li Wei", "shop_name": "Lucky Shop"}
    assert prefill(scenario, Profile()) == {}


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def history(data_dir, clock):
    return HistoryStore(data_dir / "history.json", clock=clock)


def copy(history, scenario, catalog, **values):
    filled = {**scenario.examples(), **values}
    result = Renderer(catalog).render_draft(scenario, filled)
    return history.add(scenario, filled, result, copied="en")


def test_a_copy_is_recorded_with_values_texts_order_and_buyer(history, load):
    catalog = load().catalog
    scenario = catalog.get("shipping-delay")
    record = copy(history, scenario, catalog, order_number="8041", buyer_name="Maria")
    (stored,) = history.records()
    assert stored == record
    assert stored.scenario_id == "shipping-delay" and stored.time == T0
    assert stored.order_number == "8041" and stored.buyer_name == "Maria"
    assert stored.drafts["en"]["body"].startswith("Hi Maria,")
    assert stored.drafts["zh"]["body"].startswith("您好，Maria！")
    assert stored.title("zh") == "物流延误通知"
    values = restore_values(stored, scenario)
    assert values == {**scenario.examples(), "order_number": "8041", "buyer_name": "Maria"}


def test_restoring_values_gives_typed_values(history, load):
    catalog = load().catalog
    scenario = catalog.get("address-change")
    record = copy(history, scenario, catalog)
    values = restore_values(history.get(record.id), scenario)
    assert values == scenario.examples()
    assert isinstance(values["scheduled_delivery"], dt.date)
    assert values["discount"] == Decimal("5")
    assert values["remedy"] == "too-late"


def test_history_is_searched_by_order_number_or_buyer_newest_first(history, load, clock):
    catalog = load().catalog
    scenario = catalog.get("unpaid-reminder")
    for hour, (order, buyer) in enumerate(
        [("A-100", "Maria"), ("B-200", "Jean"), ("A-300", "maría")]
    ):
        clock.now = T0 + dt.timedelta(hours=hour)
        copy(history, scenario, catalog, order_number=order, buyer_name=buyer)
    assert [r.order_number for r in history.records()] == ["A-300", "B-200", "A-100"]
    assert [r.order_number for r in history.records("a-")] == ["A-300", "A-100"]
    assert [r.buyer_name for r in history.records("MARIA")] == ["Maria"]
    assert [r.order_number for r in history.records("200")] == ["B-200"]
    assert history.records("zzz") == []


def test_old_records_go_when_a_new_one_is_saved_and_the_limit_can_change(history, load, clock):
    catalog = load().catalog
    scenario = catalog.get("unpaid-reminder")
    assert history.keep_days == DEFAULT_KEEP_DAYS
    copy(history, scenario, catalog, order_number="old")
    clock.now = T0 + dt.timedelta(days=DEFAULT_KEEP_DAYS + 1)
    copy(history, scenario, catalog, order_number="new")
    assert [r.order_number for r in history.records()] == ["new"]
    clock.now += dt.timedelta(days=10)
    copy(history, scenario, catalog, order_number="newer")
    assert history.set_keep_days(5) == 1
    assert history.keep_days == 5
    assert [r.order_number for r in history.records()] == ["newer"]
    assert history.set_keep_days(None) == 0 and history.keep_days is None
    clock.now += dt.timedelta(days=1000)
    copy(history, scenario, catalog, order_number="much later")
    assert len(history) == 2  # kept: no limit in days


def test_records_can_be_deleted_by_hand(history, load, clock):
    catalog = load().catalog
    scenario = catalog.get("unpaid-reminder")
    first = copy(history, scenario, catalog, order_number="1")
    clock.now += dt.timedelta(days=3)
    copy(history, scenario, catalog, order_number="2")
    assert history.remove_older_than(2) == 1
    assert history.get(first.id) is None
    assert history.remove([r.id for r in history.records()]) == 1
    assert len(history) == 0


def test_a_missing_history_file_is_an_empty_history_and_is_not_created(data_dir):
    store = HistoryStore(data_dir / "history.json")
    assert store.records() == [] and store.problems == []
    assert not (data_dir / "history.json").exists()


def test_a_copy_records_its_format_and_platform_and_older_records_still_read(history, load):
    catalog = load().catalog
    scenario = catalog.get("shipping-delay")
    values = scenario.examples()
    result = Renderer(catalog).render_draft(
        scenario, values, reply_format="email", platform="amazon"
    )
    history.add(scenario, values, result, "en", reply_format="email", platform="amazon")
    (stored,) = history.records()
    assert (stored.reply_format, stored.platform) == ("email", "amazon")
    assert stored.drafts["en"]["body"].startswith("Dear ")
    # A record saved before these fields existed: the same file, without them.
    raw = json.loads(history.path.read_text(encoding="utf-8"))
    for doc in raw["records"].values():
        del doc["format"], doc["platform"]
    history.path.write_text(json.dumps(raw), encoding="utf-8")
    (old,) = HistoryStore(history.path).records()
    assert (old.reply_format, old.platform) == ("", "")
    assert old.drafts == stored.drafts


def test_a_copy_keeps_the_buyers_message_and_older_records_read_it_as_empty(history, load):
    catalog = load().catalog
    scenario = catalog.get("damaged-item")
    values = scenario.examples()
    result = Renderer(catalog).render_draft(scenario, values)
    message = "Hola, el paquete llegó roto.\nPedido 8123456789012345"
    history.add(scenario, values, result, "en", buyer_message=message)
    (stored,) = HistoryStore(history.path).records()
    assert stored.buyer_message == message
    raw = json.loads(history.path.read_text(encoding="utf-8"))
    for doc in raw["records"].values():
        del doc["buyer_message"]
    history.path.write_text(json.dumps(raw), encoding="utf-8")
    (old,) = HistoryStore(history.path).records()
    assert old.buyer_message == ""
    assert old.drafts == stored.drafts


def test_a_buyers_message_that_is_not_text_is_a_damaged_record(history, load):
    catalog = load().catalog
    scenario = catalog.get("damaged-item")
    result = Renderer(catalog).render_draft(scenario, scenario.examples())
    history.add(scenario, scenario.examples(), result, "en", buyer_message="roto")
    raw = json.loads(history.path.read_text(encoding="utf-8"))
    for doc in raw["records"].values():
        doc["buyer_message"] = ["roto"]
    history.path.write_text(json.dumps(raw), encoding="utf-8")
    reopened = HistoryStore(history.path)
    assert reopened.records() == []
    assert any("buyer_message must be text" in str(p) for p in reopened.problems)
