"""The snippet library: every operation, search, sharing, and snippet() in templates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from composer.storage.snippet_sharing import export_data, import_snippets, read_export
from composer.storage.snippets import Snippet, SnippetError, SnippetStore
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.scenarios import SHIPPED

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(data_dir, clock):
    return SnippetStore(data_dir / "snippets.json", clock=clock)


def snippet(key: str, title: str, en: str, zh: str, *tags: str) -> Snippet:
    return Snippet(key, title, {"en": en, "zh": zh}, list(tags))


LIBRARY = [
    snippet("sig", "Signature", "Best regards, Li Wei", "此致，李伟", "sign-off"),
    snippet(
        "sorry-delay", "Apology for a delay", "We are sorry for the delay.", "很抱歉物流延误。"
    ),
    snippet("coupon5", "Coupon $5", "Here is a $5 coupon.", "送您一张5美元优惠券。", "coupon"),
    snippet("refund-full", "Full refund", "We will refund the full amount.", "我们将全额退款。"),
    snippet(
        "holiday",
        "Spring Festival notice",
        "Our warehouse closes for the Spring Festival.",
        "春节期间仓库放假。",
        "notice",
    ),
]


def test_save_get_all_remove(store, clock):
    store.save(LIBRARY[0])
    got = store.get("sig")
    assert got.bodies == {"en": "Best regards, Li Wei", "zh": "此致，李伟"}
    assert got.tags == ["sign-off"] and got.created == got.updated == T0 and got.use_count == 0
    clock.now = T0 + dt.timedelta(days=1)
    store.save(Snippet("sig", "Signature", {"en": "Kind regards, Li Wei"}))
    got = store.get("sig")
    assert got.bodies == {"en": "Kind regards, Li Wei"}
    assert got.created == T0 and got.updated == clock.now
    store.save_many(LIBRARY[1:])
    assert [s.key for s in store.all()] == [
        "sorry-delay",
        "coupon5",
        "refund-full",
        "sig",
        "holiday",
    ]
    store.remove("coupon5")
    store.remove("not-there")
    assert "coupon5" not in store and len(store) == 4
    assert store.get("coupon5") is None


def test_what_a_store_hands_out_is_a_copy(store):
    store.save(LIBRARY[0])
    got = store.get("sig")
    got.bodies["en"] = "changed"
    got.tags.append("x")
    assert store.get("sig").bodies["en"] == "Best regards, Li Wei"
    assert store.search("sig")[0].tags == ["sign-off"]


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        (Snippet("", "t", {"en": "x"}), "key"),
        (Snippet("two words", "t", {"en": "x"}), "no spaces"),
        (Snippet("k" * 41, "t", {"en": "x"}), "40"),
        (Snippet("ok", "t", {"en": "  ", "zh": ""}), "at least one language"),
    ],
)
def test_a_snippet_that_cannot_be_saved_says_why(store, snippet, message):
    with pytest.raises(SnippetError, match=message):
        store.save(snippet)
    assert len(store) == 0


def test_keys_titles_and_tags_are_tidied(store):
    store.save(Snippet(" 签名 ", "", {"zh": "李伟", "en": ""}, ["a", " a ", "", "b"]))
    got = store.get("签名")
    assert got.title == "签名" and got.bodies == {"zh": "李伟"} and got.tags == ["a", "b"]


def test_uses_are_counted_and_survive_an_edit(store):
    store.save(LIBRARY[0])
    store.record_use("sig")
    store.record_use("sig")
    store.record_use("nobody")
    store.save(Snippet("sig", "Signature", {"en": "Edited"}))
    assert store.get("sig").use_count == 2


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("sig", "sig"),  # the key itself
        ("SIG", "sig"),  # any case
        ("ｓｉｇ", "sig"),  # full-width letters from a Chinese keyboard
        ("spring", "holiday"),  # title
        ("coupon", "coupon5"),  # key start beats a tag
        ("notice", "holiday"),  # tag
        ("warehouse", "holiday"),  # English body
        ("退款", "refund-full"),  # Chinese body
        ("春节", "holiday"),
        ("rfnd", "refund-full"),  # letters in order
        ("sorry delay", "sorry-delay"),  # every word must match
    ],
)
def test_search_finds_by_key_title_tag_body_in_either_language(store, query, first):
    store.save_many(LIBRARY)
    found = store.search(query)
    assert found and found[0].key == first


def test_search_ranks_match_before_use_and_use_among_equals(store):
    store.save_many(
        [
            Snippet("thanks-a", "Thanks for buying", {"en": "a"}),
            Snippet("thanks-b", "Thanks for waiting", {"en": "b"}),
            Snippet("note", "Note", {"en": "thanks again"}),
        ]
    )
    store.record_use("note")
    store.record_use("note")
    assert [s.key for s in store.search("thanks")][:2] == ["thanks-a", "thanks-b"]
    store.record_use("thanks-b")
    assert [s.key for s in store.search("thanks")] == ["thanks-b", "thanks-a", "note"]
    assert [s.key for s in store.search("")] == ["note", "thanks-b", "thanks-a"]
    assert [s.key for s in store.search("thanks", limit=1)] == ["thanks-b"]
    assert store.search("zzzz") == []


def test_search_follows_saves_removals_and_other_processes(store, data_dir):
    store.save_many(LIBRARY)
    assert store.search("coupon")[0].key == "coupon5"
    store.remove("coupon5")
    assert [s.key for s in store.search("coupon")] == []
    SnippetStore(data_dir / "snippets.json").save(Snippet("c10", "Coupon $10", {"en": "x"}))
    assert [s.key for s in store.search("coupon")] == ["c10"]


def test_export_and_import_report_added_updated_unchanged_and_conflicts(store, clock, tmp_path):
    store.save_many(LIBRARY[:3])
    exported = tmp_path / "shared.json"
    exported.write_text(json.dumps(export_data(store)), encoding="utf-8")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "reply-composer-snippets" and len(data["snippets"]) == 3

    clock.now = T0 + dt.timedelta(hours=1)
    store.save(Snippet("coupon5", "Coupon $5", {"en": "My own coupon text."}))  # I changed it
    by_key = {s["key"]: s for s in data["snippets"]}
    by_key["sorry-delay"]["bodies"]["en"] = "Sorry, newer."  # they changed it later than I did
    by_key["sorry-delay"]["updated"] = (T0 + dt.timedelta(hours=2)).isoformat()
    by_key["coupon5"]["bodies"]["en"] = "Their coupon text."  # ...and this one, earlier
    data["snippets"].append({"key": "new-one", "title": "New", "bodies": {"en": "New."}})
    data["snippets"].append({"title": "no key"})
    exported.write_text(json.dumps(data), encoding="utf-8")

    clock.now = T0 + dt.timedelta(hours=3)  # the import happens after both changes
    snippets, invalid = read_export(exported)
    assert len(invalid) == 1 and "entry 5" in invalid[0]
    report = import_snippets(store, snippets)
    assert report.added == ["new-one"]
    assert report.updated == ["sorry-delay"]
    assert report.unchanged == ["sig"]
    assert report.conflicts == ["coupon5"]
    assert store.get("coupon5").bodies["en"] == "My own coupon text."  # mine kept
    assert store.get("sorry-delay").bodies["en"] == "Sorry, newer."
    assert store.get("sorry-delay").updated == T0 + dt.timedelta(hours=2)
    again = import_snippets(store, snippets, take_theirs=True)
    assert (
        again.conflicts == ["coupon5"] and store.get("coupon5").bodies["en"] == "Their coupon text."
    )


def test_snippet_in_a_template_renders_in_each_language_and_a_missing_one_is_marked(
    store, write_template
):
    folder = write_template(
        "thanks.toml",
        """
        id = "thanks"
        category = "after-sales"
        [title]
        en = "Thanks"
        zh = "感谢"
        [reply.en]
        body = \"\"\"
        Thank you!

        {{ snippet('sig') }}
        {{ snippet("nope") }}
        \"\"\"
        [reply.zh]
        body = \"\"\"
        谢谢！

        {{ snippet('sig') }}
        {{ snippet("nope") }}
        \"\"\"
        """,
    ).parent
    loaded = load_catalog([SHIPPED, folder])
    assert loaded.errors == []
    scenario = loaded.catalog.get("thanks")
    store.save(LIBRARY[0])
    drafts = Renderer(loaded.catalog, snippets=store.body).render_draft(scenario, {}).drafts
    assert drafts["en"].body == "Thank you!\n\nBest regards, Li Wei\n[snippet: nope]"
    assert drafts["zh"].body == "谢谢！\n\n此致，李伟\n[片段：nope]"
    assert drafts["en"].markers == ("[snippet: nope]",)
    mapping = {"sig": {"en": "From a mapping"}}
    drafts = Renderer(loaded.catalog, snippets=mapping).render_draft(scenario, {}).drafts
    assert drafts["en"].body.startswith("Thank you!\n\nFrom a mapping")
    assert "[片段：sig]" in drafts["zh"].body  # no Chinese text: marked, not English
    assert "[snippet: sig]" in Renderer(loaded.catalog).render_draft(scenario, {}).drafts["en"].body
    store.save(Snippet("sig", "Signature", {"en": "Changed later"}))
    renderer = Renderer(loaded.catalog, snippets=store.body)
    assert "Changed later" in renderer.render_draft(scenario, {}).drafts["en"].body
