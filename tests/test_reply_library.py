"""The house style (docs/reply-style.md), checked over every shipped scenario: every combination
of options and empty optional fields, in every language, as a chat message and as an e-mail."""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest

from composer.templating.fields import FieldType
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import variants
from tests.helpers.scenarios import SHIPPED

RESULT = load_catalog([SHIPPED])
CATALOG = RESULT.catalog
SCENARIOS = sorted(CATALOG.scenarios)
RENDERER = Renderer(CATALOG)
TODAY = dt.date(2026, 11, 30)
PLATFORMS = ("generic", "aliexpress", "amazon", "ebay", "shopee")

FIRST_EDITION = {
    "unpaid-reminder", "shipped-update", "shipping-delay", "holiday-notice", "not-received",
    "late-delivery", "returning-to-sender", "address-change", "unwanted-order", "missing-items",
    "damaged-item", "return-instructions", "negative-review", "dispute-opened",
}  # fmt: skip
SECOND_EDITION = {
    "where-is-my-order", "cancel-request", "out-of-stock", "wrong-item", "partial-shipment",
    "customs-charges", "refund-status", "invoice-request", "feedback-request",
    "presale-question", "defect-after-use", "angry-buyer",
}  # fmt: skip

WORDS = re.compile(r"[A-Za-z0-9$€£¥][\w'’.,$€£¥%-]*")
# Chinese text with ASCII punctuation beside it, or ASCII quotes anywhere: translationese marks.
ASCII_PUNCTUATION_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]|\"")
CHINESE_TO_AVOID = ("亲爱的顾客", "针对这个问题", "这也不是我们希望", "妥投", "5%的折扣")
ENGLISH_TO_AVOID = (
    "Dear customer",
    "both days included",
    "We are writing to inform you",
    "do not hesitate",
    "colour",
    "cancelled",
)
# An option that costs the buyer money is named so, and is never a default.
BUYER_PAYS = re.compile(r"shared-cost|buyer-pays")


def english_words(text: str) -> int:
    return len(WORDS.findall(text))


def renders(scenario_id: str, reply_format: str = "chat", platform: str = "generic"):
    scenario = CATALOG.get(scenario_id)
    for label, values in variants(scenario):
        result = RENDERER.render_draft(
            scenario, values, reply_format=reply_format, platform=platform, today=TODAY
        )
        yield label, values, result


def test_the_catalog_ships_both_editions():
    assert set(SCENARIOS) >= FIRST_EDITION | SECOND_EDITION


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_chat_reply_greets_briefly_and_signs_off_in_one_line(scenario_id):
    scenario = CATALOG.get(scenario_id)
    public = scenario.kind == "review-reply"
    for label, _values, result in renders(scenario_id):
        for code, draft in result.drafts.items():
            assert draft.error is None, (label, code, draft.error)
            body = draft.body
            paragraphs = body.split("\n\n")
            if public:
                continue
            if code == "en":
                assert re.match(r"(Hi .+,|Hello,)$", paragraphs[0]), (label, body)
                assert "Dear " not in body and "Best regards" not in body, (label, body)
            elif code == "zh":
                assert re.match(r"您好(，.+)?！$", paragraphs[0]), (label, body)
            assert "\n" not in paragraphs[-1], (label, code, "sign-off is one line", body)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_chat_reply_is_short_enough_for_a_phone(scenario_id):
    counts = []
    for label, _values, result in renders(scenario_id):
        body = result.drafts["en"].body
        words = english_words(body)
        counts.append(words)
        assert words <= 110, (label, words, body)
        longest = max(english_words(p) for p in body.split("\n\n"))
        assert longest <= 50, (label, "paragraph too long for a phone", body)
    assert 20 <= statistics.median(counts) <= 90, counts


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_email_version_is_a_letter_with_the_same_paragraph_count(scenario_id):
    scenario = CATALOG.get(scenario_id)
    for label, _values, result in renders(scenario_id, "email"):
        en, zh = result.drafts["en"].body, result.drafts["zh"].body
        assert result.drafts["en"].error is None and result.drafts["zh"].error is None
        if scenario.kind != "review-reply":
            assert en.startswith("Dear "), (label, en)
            assert "Best regards," in en, (label, en)
        assert len(en.split("\n\n")) == len(zh.split("\n\n")), (label, en, zh)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_platform_gets_a_clean_reply(scenario_id):
    for platform in PLATFORMS:
        for label, _values, result in renders(scenario_id, platform=platform):
            en, zh = result.drafts["en"].body, result.drafts["zh"].body
            assert len(en.split("\n\n")) == len(zh.split("\n\n")), (platform, label, en, zh)
            for phrase in ENGLISH_TO_AVOID:
                assert phrase.lower() not in en.lower(), (platform, label, phrase)
            for phrase in CHINESE_TO_AVOID:
                assert phrase not in zh, (platform, label, phrase)
            found = ASCII_PUNCTUATION_IN_CHINESE.search(zh)
            assert not found, (platform, label, zh[max(0, found.start() - 10) : found.end() + 10])


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_option_charges_the_buyer_by_default(scenario_id):
    scenario = CATALOG.get(scenario_id)
    defaults = scenario.defaults()
    for field in scenario.fields:
        if field.type is FieldType.CHOICE:
            chosen = defaults.get(field.name)
            assert chosen is None or not BUYER_PAYS.search(str(chosen)), (field.name, chosen)
            example = field.example
            assert example is None or not BUYER_PAYS.search(str(example)), (field.name, example)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_examples_fill_every_marker(scenario_id):
    scenario = CATALOG.get(scenario_id)
    for reply_format in ("chat", "email"):
        result = RENDERER.render_draft(
            scenario, scenario.examples(), reply_format=reply_format, today=TODAY
        )
        assert result.missing == []
        for draft in result.drafts.values():
            assert draft.markers == (), (reply_format, draft.language, draft.markers)


@pytest.mark.parametrize(
    "scenario_id", [s for s in SCENARIOS if CATALOG.get(s).kind == "review-reply"]
)
def test_a_public_reply_names_nobody_and_announces_no_refund(scenario_id):
    scenario = CATALOG.get(scenario_id)
    for reply_format in ("chat", "email"):
        for platform in PLATFORMS:
            for label, values, result in renders(scenario_id, reply_format, platform):
                for code, draft in result.drafts.items():
                    assert draft.subject is None, (label, code)
                    for name in ("buyer_name", "seller_name", "order_number"):
                        value = values.get(name)
                        if value:
                            assert str(value) not in draft.body, (label, code, name)
                    if code == "en":
                        assert not re.search(r"\brefund", draft.body, re.I), (label, draft.body)
                    else:
                        assert "退款" not in draft.body, (label, draft.body)
    assert "buyer_name" not in {f.name for f in scenario.fields}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_guidance_speaks_to_the_seller_not_of_our_source_files(scenario_id):
    """The seller never saw our seed articles: "(seed 003)" or "种子资料" means nothing to them."""
    guidance = CATALOG.get(scenario_id).guidance
    assert not re.search(r"\bseeds?\b", guidance["en"], re.I), guidance["en"]
    assert "种子" not in guidance["zh"], guidance["zh"]
