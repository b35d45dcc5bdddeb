"""The reviews group's scenarios read as the review of every rendered variant asked: public
replies that name nobody and fit eBay, disputes in each platform's words, a holiday notice with
the seller's own dates, neutral review requests, and answers that never hurt the seller."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from composer.judgement.presend import check_draft
from composer.judgement.rules import load_rulebook
from composer.templating.fields import Money
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import variants
from tests.helpers.scenarios import SHIPPED

CATALOG = load_catalog([SHIPPED]).catalog
RENDERER = Renderer(CATALOG)
RULES = load_rulebook()
TODAY = dt.date(2026, 11, 30)
PLATFORMS = ("generic", "aliexpress", "amazon", "ebay", "shopee")


def render(scenario_id, reply_format="chat", platform="generic", **values):
    """Both languages of ``scenario_id`` with its examples and ``values`` laid over them."""
    scenario = CATALOG.get(scenario_id)
    result = RENDERER.render_draft(
        scenario,
        {**scenario.examples(), **values},
        reply_format=reply_format,
        platform=platform,
        today=TODAY,
    )
    return result.drafts["en"], result.drafts["zh"], result


def every_variant(scenario_id, formats=("chat", "email"), platforms=PLATFORMS):
    scenario = CATALOG.get(scenario_id)
    for reply_format in formats:
        for platform in platforms:
            for label, values in variants(scenario):
                result = RENDERER.render_draft(
                    scenario, values, reply_format=reply_format, platform=platform, today=TODAY
                )
                yield (reply_format, platform, label), values, result


# --- negative-review: a public reply ------------------------------------------------------


def test_a_review_reply_is_public_and_asks_for_nothing_it_cannot_show():
    scenario = CATALOG.get("negative-review")
    assert scenario.kind == "review-reply"
    names = {f.name for f in scenario.fields}
    assert not names & {"buyer_name", "seller_name", "shop_name", "order_number", "sign_off"}
    assert all(reply.subject is None for reply in scenario.replies.values())


def test_a_review_reply_never_names_a_cause_it_has_not_checked():
    for where, _values, result in every_variant("negative-review"):
        en, zh = result.drafts["en"].body, result.drafts["zh"].body
        for invented in ("packaging was not strong", "reinforc", "we made a mistake"):
            assert invented not in en.lower(), where
        assert "包装不够结实" not in zh and "加固" not in zh, where


@pytest.mark.parametrize("issue", ["late", "damaged", "not-as-described", "wrong-item", "service"])
@pytest.mark.parametrize("response", ["put-right", "changed", "evidence"])
def test_on_ebay_a_review_reply_is_one_line_within_80_characters(issue, response):
    en, _zh, _ = render("negative-review", platform="ebay", issue=issue, response=response)
    assert "\n" not in en.body
    assert len(en.body) <= 80, (len(en.body), en.body)
    generic, _zh, _ = render("negative-review", issue=issue, response=response)
    assert len(generic.body) > len(en.body)  # the short line is eBay's only


def test_the_evidence_option_sets_out_the_facts_politely():
    facts = "Tracking shows it was delivered on March 27, on time."
    en, zh, _ = render("negative-review", response="evidence", facts=facts)
    assert facts in en.body and facts in zh.body
    assert "sorry for the confusion" in en.body
    assert "damaged" not in en.body  # the buyer's claim is not repeated as a fact
    en, _zh, result = render("negative-review", response="evidence", facts=None)
    assert "[The facts, with evidence]" in en.body
    assert "facts" in result.missing


def test_the_change_option_prints_the_sellers_own_sentence_or_its_marker():
    en, _zh, _ = render("negative-review", response="changed", change="We now ship it boxed.")
    assert "We now ship it boxed. If anything else" in en.body
    en, zh, _ = render("negative-review", response="changed", change=None)
    assert "[What you have changed]" in en.body and "[已做的改进]" in zh.body


def test_on_ebay_the_chinese_says_the_reply_was_sent_privately_not_that_the_buyer_handles_it():
    for issue in ("late", "damaged", "not-as-described", "wrong-item", "service"):
        _en, zh, _ = render("negative-review", platform="ebay", issue=issue)
        assert zh.body.endswith("我们已私信联系您解决。"), zh.body
        assert "已私信您处理" not in zh.body  # read as "we messaged you: please handle it"


# --- dispute-opened -----------------------------------------------------------------------


def test_a_parcel_that_never_arrived_is_never_offered_a_partial_refund():
    for where, values, result in every_variant("dispute-opened", formats=("chat",)):
        if values["problem"] != "not-received":
            continue
        en, zh = result.drafts["en"].body, result.drafts["zh"].body
        assert "partial refund" not in en and "部分退款" not in zh, where
        assert "$6.00" not in en, where
        if values["solution"] == "partial-refund":
            assert "refund your order in full" in en, where


def test_partial_and_full_refund_amounts_are_separate_fields():
    en, zh, result = render("dispute-opened", solution="partial-refund")
    assert "a partial refund of $6.00, and you keep the item" in en.body
    assert "$15.00" not in en.body
    assert "6.00美元的部分退款" in zh.body
    en, _zh, result = render("dispute-opened", solution="partial-refund", refund_amount=None)
    assert "partial refund of [Partial refund amount]" in en.body
    assert "refund_amount" in result.missing
    en, zh, _ = render("dispute-opened", solution="full-refund")
    assert "refund your order in full ($15.00)" in en.body and "$6.00" not in en.body
    assert "全额退款（15.00美元）" in zh.body
    en, _zh, result = render("dispute-opened", solution="full-refund", order_total=None)
    assert "refund your order in full, and" in en.body and result.missing == []


@pytest.mark.parametrize(
    ("platform", "word", "zh_word"),
    [
        ("aliexpress", "dispute", "纠纷"),
        ("ebay", "return request", "退货请求"),
        ("amazon", "A-to-z claim", "A-to-z索赔"),
        ("shopee", "return/refund request", "退货退款申请"),
        ("generic", "case", "投诉"),
    ],
)
def test_a_dispute_is_named_the_way_each_platform_names_it(platform, word, zh_word):
    en, zh, _ = render("dispute-opened", platform=platform)
    assert en.subject is None and zh.subject is None  # a chat message has no subject line
    en, zh, _ = render("dispute-opened", "email", platform=platform)
    assert en.subject.endswith(f"our proposal for your {word}")
    assert f"settle your {word} on order" in en.body
    assert zh_word in zh.subject and zh_word in zh.body
    others = {"dispute", "A-to-z", "return/refund request"} - {word}
    for other in others:
        if other not in word:
            assert other not in en.body, (platform, other)


def test_on_aliexpress_the_buyer_accepts_the_proposal_in_the_dispute():
    for solution in ("partial-refund", "full-refund"):
        en, zh, _ = render("dispute-opened", platform="aliexpress", solution=solution)
        assert "please accept it there, and AliExpress will refund you" in en.body
        assert "close the dispute" not in en.body  # accepting closes it; no refund to wait for
        assert "在纠纷页面接受方案" in zh.body
    en, _zh, _ = render("dispute-opened", platform="aliexpress", solution="reship")
    assert "Once it has arrived, you can close the dispute." in en.body


def test_ebay_and_amazon_refunds_go_through_their_own_process():
    en, _zh, _ = render("dispute-opened", platform="ebay", solution="partial-refund")
    assert "We will send this offer in your request: please accept it there." in en.body
    en, _zh, _ = render("dispute-opened", platform="amazon", solution="full-refund")
    assert "through Amazon now" in en.body and "settles the claim" in en.body
    en, _zh, _ = render("dispute-opened", platform="amazon", solution="partial-refund")
    assert "If you agree" in en.body and "withdraw the A-to-z claim" in en.body


def test_the_evidence_option_offers_no_remedy_and_files_the_evidence():
    en, zh, _ = render("dispute-opened", solution="evidence", platform="aliexpress")
    assert "the tracking shows the parcel was delivered" in en.body
    assert "We have also added this to the dispute." in en.body
    assert "refund" not in en.body.lower() and "退款" not in zh.body
    en, _zh, result = render("dispute-opened", solution="evidence", facts=None)
    assert "[The evidence]" in en.body and "facts" in result.missing


def test_the_evidence_option_does_not_open_by_granting_the_buyers_claim():
    for where, values, result in every_variant("dispute-opened"):
        if values["solution"] != "evidence":
            continue
        en, zh = result.drafts["en"], result.drafts["zh"]
        opening = en.body.split("\n\n")[1]
        assert opening.startswith("We are sorry for the trouble with this order"), where
        assert "has not reached you" not in en.body and "arrived damaged" not in en.body, where
        assert "还没有送到" not in zh.body and "破损" not in zh.body, where
        assert (en.subject is None) == (where[0] == "chat"), where  # e-mail only
        if where[0] == "email":
            assert "our answer to your" in en.subject and "的答复" in zh.subject, where
            # no invitation to ask for a remedy the facts do not call for
            assert "another solution" not in en.body and "put this right" not in en.body, where
            assert "look into this" in en.body and "核查的机会" in zh.body, where


def test_on_ebay_a_parcel_that_never_arrived_is_an_item_not_received_request():
    en, zh, _ = render("dispute-opened", "email", platform="ebay", problem="not-received")
    assert en.subject.endswith("our proposal for your item not received request")
    assert "settle your item not received request on order" in en.body
    assert "未收到物品请求" in zh.subject and "未收到物品请求" in zh.body
    en, zh, _ = render("dispute-opened", platform="ebay", problem="other")
    assert "settle your request on order" in en.body and "退货请求" not in zh.body


def test_a_reshipment_on_ebay_names_the_new_tracking_number_once():
    en, zh, _ = render("dispute-opened", platform="ebay", solution="reship")
    assert en.body.count("tracking number") == 1, en.body
    assert "We will also add it to your request." in en.body
    assert "新的物流单号也会添加到您的请求中。" in zh.body


def test_the_advisor_starts_from_the_order_total_and_fills_the_partial_amount():
    link = CATALOG.get("dispute-opened").advisor
    assert link is not None
    assert link.refund_field == "refund_amount"
    assert link.inputs == {"order_value": "order_total", "problem": "problem"}
    assert "evidence" not in link.options.values()


def test_the_dispute_guidance_carries_the_process_and_dated_deadlines():
    guidance = CATALOG.get("dispute-opened").guidance
    en, zh = guidance["en"], guidance["zh"]
    for step in ("record", "check whether it holds", "who is responsible", "the cause", "lesson"):
        assert step in en, step
    assert "the product or about the logistics" in en
    assert "3 business days" in en and "24 hours" in en and "5 days" in en
    assert "2026-11-30" in en and "reported" in en and "not confirmed" in en
    assert "3个工作日" in zh and "未经核实" in zh


# --- holiday-notice -----------------------------------------------------------------------


def test_the_holiday_notice_names_the_sellers_pause_and_the_day_shipping_resumes():
    en, zh, _ = render(
        "holiday-notice", first_day=dt.date(2027, 1, 29), last_day=dt.date(2027, 2, 14)
    )
    assert en.body.split("\n\n")[1].startswith("Our shop pauses shipping for Chinese New Year")
    assert "We ship again from February 15, 2027." in en.body
    assert "2027年2月15日起恢复发货" in zh.body
    assert "carrier" not in en.body.split("\n\n")[1]  # our own pause, not the carriers'


def test_the_holiday_dates_are_required_and_have_no_year_field():
    scenario = CATALOG.get("holiday-notice")
    fields = {f.name: f for f in scenario.fields}
    assert fields["first_day"].required and fields["last_day"].required
    assert "year" not in fields
    en, _zh, result = render("holiday-notice", first_day=None, last_day=None)
    assert result.missing == ["first_day", "last_day"]
    assert "[Year" not in en.body


def test_reversed_holiday_dates_do_not_render_and_say_which_fields():
    en, zh, result = render(
        "holiday-notice", first_day=dt.date(2027, 2, 20), last_day=dt.date(2027, 2, 14)
    )
    assert en.body == "" and zh.body == ""
    assert "Last day without shipping (February 14, 2027) is before First day" in en.error
    assert "停发末日（2027年2月14日）早于停发首日" in zh.error
    found = check_draft(result, CATALOG.get("holiday-notice"), {}, CATALOG.languages)
    assert any(c.code == "template-error" and c.severity == "error" for c in found)


def test_the_holiday_email_never_ends_on_two_wishes():
    for holiday in ("spring-festival", "new-year"):
        _en, zh, _ = render("holiday-notice", "email", holiday=holiday)
        assert zh.body.count("祝") == 1, zh.body
        en, _zh, _ = render("holiday-notice", "email", holiday=holiday)
        assert "Best regards," in en.body


def test_the_reversed_dates_message_is_plain_words_for_the_seller():
    en, zh, _ = render(
        "holiday-notice", first_day=dt.date(2027, 2, 20), last_day=dt.date(2027, 2, 14)
    )
    assert en.error is not None and zh.error is not None
    assert en.error.startswith("Last day without shipping") and "Error" not in en.error
    assert zh.error.startswith("停发末日") and "Error" not in zh.error


def test_the_holiday_email_asks_no_general_buyer_about_an_order_and_says_message_in_both():
    for order_number in ("8175630291847563", None):
        en, zh, _ = render("holiday-notice", "email", order_number=order_number)
        assert "If you have any questions in the meantime, just reply to this message." in en.body
        assert "直接回复这条消息即可" in zh.body and "邮件" not in zh.body


def test_a_general_holiday_notice_promises_no_date_for_each_order():
    en, _zh, _ = render("holiday-notice", order_number=None)
    assert "in the order they came in" in en.body
    en, _zh, _ = render("holiday-notice")
    assert "will go out when we start again" in en.body


# --- feedback-request ---------------------------------------------------------------------

INCENTIVE = re.compile(
    r"coupon|discount|refund|gift|free|reward|5 stars|five stars|positive|good review|"
    r"if you are (happy|satisfied)|contact us first|message us",
    re.I,
)


def test_a_review_request_is_neutral_on_every_platform():
    scenario = CATALOG.get("feedback-request")
    assert scenario.kind == "feedback-request"
    for where, values, result in every_variant("feedback-request"):
        en, zh = result.drafts["en"].body, result.drafts["zh"].body
        assert not INCENTIVE.search(en), (where, en)
        for word in ("好评", "五星", "优惠", "返现", "退款"):
            assert word not in zh, (where, word)
        assert "whatever it says" in en and "无论好坏" in zh
        platform = RULES.platform(where[1])
        found = check_draft(result, scenario, values, CATALOG.languages, platform, RULES.phrases)
        assert not [c for c in found if c.code.startswith("review")], (where, found)


def test_a_review_request_names_the_item_once():
    for platform in PLATFORMS:
        for moment in ("delivered", "resolved"):
            en, zh, _ = render("feedback-request", platform=platform, moment=moment)
            assert en.body.count("desk lamp") == 1, (platform, moment, en.body)
            assert zh.body.count("“desk lamp”") == 1, (platform, moment, zh.body)


def test_a_review_request_asks_in_each_platforms_words():
    en, _zh, _ = render("feedback-request", platform="ebay")
    assert "leave feedback on eBay" in en.body and "Honest feedback" in en.body
    en, _zh, _ = render("feedback-request", platform="amazon")
    assert "leave a review on Amazon" in en.body
    en, _zh, _ = render("feedback-request", "email")
    assert "We will only ask this once." in en.body
    guidance = CATALOG.get("feedback-request").guidance
    assert "Request a Review" in guidance["en"] and "请求评论" in guidance["zh"]


# --- angry-buyer --------------------------------------------------------------------------


def test_an_angry_buyer_is_answered_without_the_threat_or_an_argument():
    for where, _values, result in every_variant("angry-buyer"):
        en, zh = result.drafts["en"].body, result.drafts["zh"].body
        for word in ("review", "feedback", "social media", "policy", "you must", "calm down"):
            assert word not in en.lower(), (where, word)
        assert "差评" not in zh and "评价" not in zh, where
        assert "I understand why you are upset" in en, where


def test_an_angry_buyer_gets_one_concrete_next_step():
    en, zh, _ = render("angry-buyer")
    assert "I will write to you by December 2" in en.body
    assert "最晚12月2日" in zh.body
    en, _zh, result = render("angry-buyer", answer_by=None)
    assert "[Answer by]" in en.body and "answer_by" in result.missing
    en, _zh, _ = render("angry-buyer", problem="item", next_step="reship")
    assert en.body.split("\n\n")[2].startswith("Please send me a photo of the item")
    en, _zh, _ = render("angry-buyer", next_step="refund", platform="aliexpress")
    assert "in full, through AliExpress, to your original payment method" in en.body


def test_the_angry_buyer_email_does_not_promise_a_fix_the_evidence_rules_out():
    en, zh, _ = render("angry-buyer", "email", next_step="evidence")
    assert "the chance to look into it properly" in en.body and "fix this" not in en.body
    assert "好好核查这个问题" in zh.body
    en, _zh, _ = render("angry-buyer", "email", next_step="refund")
    assert "the chance to fix this properly" in en.body


def test_the_slow_answer_apology_is_there_only_when_chosen():
    en, zh, _ = render("angry-buyer", slow_answer=True)
    assert "and for our slow reply" in en.body and "回复也慢了" in zh.body
    en, _zh, _ = render("angry-buyer", slow_answer=False)
    assert "slow" not in en.body


# --- presale-question ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "first_line"),
    [
        ({"question": "stock"}, "Yes, the linen shirt is in stock and ready to ship."),
        ({"question": "stock", "in_stock": False}, "The linen shirt is out of stock"),
        ({"question": "size"}, "For the linen shirt, we suggest size M, which fits a chest"),
        ({"question": "delivery-time"}, "We ship the linen shirt within 2 business days"),
        ({"question": "combined-shipping"}, "Yes. If you put the linen shirt and your other items"),
    ],
)
def test_a_presale_answer_answers_in_its_first_line(values, first_line):
    en, _zh, _ = render("presale-question", **values)
    assert en.body.split("\n\n")[1].startswith(first_line)


def test_a_presale_answer_promises_no_date_it_was_not_given():
    en, zh, result = render("presale-question", question="stock", in_stock=False, restock_on=None)
    assert "We do not have a date for new stock yet" in en.body and result.missing == []
    assert "暂时还没有到货日期" in zh.body
    en, _zh, _ = render("presale-question", question="stock", in_stock=False)
    assert "We expect new stock around December 15" in en.body
    en, zh, _ = render("presale-question", question="delivery-time")
    assert "usually takes 12–20 days" in en.body and "通常12至20天送达" in zh.body


def test_a_presale_delivery_time_reads_right_for_one_day_and_a_single_figure():
    en, zh, _ = render(
        "presale-question",
        question="delivery-time",
        handling_days=1,
        transit_from=10,
        transit_to=10,
    )
    assert "within 1 business day, and delivery usually takes 10 days after that" in en.body
    assert "1个工作日内发货，发货后通常10天送达" in zh.body
    en, _zh, result = render(
        "presale-question", question="delivery-time", transit_from=None, transit_to=None
    )
    assert "within 2 business days" in en.body
    assert {"transit_from", "transit_to"} <= set(result.missing)  # both markers shown


def test_only_ebay_offers_a_combined_invoice():
    en, _zh, _ = render("presale-question", question="combined-shipping", platform="ebay")
    assert "invoice with combined shipping" in en.body
    for platform in ("generic", "aliexpress", "amazon", "shopee"):
        en, _zh, _ = render("presale-question", question="combined-shipping", platform=platform)
        assert "invoice" not in en.body, platform


# --- invoice-request ----------------------------------------------------------------------


def test_an_invoice_request_asks_only_for_the_details_the_invoice_needs():
    en, zh, _ = render("invoice-request", how="need-details", details="company-vat-address")
    assert "the company name, VAT number and billing address to show on it" in en.body
    assert "增值税号" in zh.body
    en, _zh, _ = render("invoice-request", how="need-details", details="company-address")
    assert "VAT" not in en.body and "an invoice for order" in en.body
    en, _zh, _ = render("invoice-request", how="need-details", document="vat-invoice")
    assert "a VAT invoice for order" in en.body


def test_an_invoice_goes_through_the_platform():
    en, zh, _ = render("invoice-request", how="platform", platform="amazon")
    assert "go to Your Orders, find the order and choose Invoice" in en.body
    assert "我的订单" in zh.body
    for how in ("attached", "need-details", "by-date"):
        en, _zh, _ = render("invoice-request", platform="ebay", how=how)
        assert "PDF" not in en.body, how  # eBay messages take photos; a PDF is not confirmed
    en, _zh, _ = render("invoice-request", platform="ebay", how="attached")
    assert "attached to this message." in en.body
    en, _zh, _ = render("invoice-request", platform="aliexpress", how="attached")
    assert "attached to this message as a PDF." in en.body
    en, _zh, result = render("invoice-request", how="by-date", send_by=None)
    assert "by [Send by]" in en.body and "send_by" in result.missing
    for where, _values, result in every_variant("invoice-request", formats=("chat",)):
        body = result.drafts["en"].body.lower()
        assert "bank" not in body and "e-mail" not in body and "email" not in body, where


def test_a_money_value_reaches_the_dispute_advisor_field():
    # The advisor writes a Money into refund_amount: the reply prints it like a typed one.
    en, _zh, _ = render(
        "dispute-opened", solution="partial-refund", refund_amount=Money(Decimal("4.50"), "USD")
    )
    assert "a partial refund of $4.50" in en.body


# --- free text inside the Chinese ----------------------------------------------------------

# Fields the seller types in the buyer's language: the Chinese quotes them as the buyer sees them.
FREE_TEXT = {
    "negative-review": ("change", "facts"),
    "dispute-opened": ("facts",),
    "angry-buyer": ("facts",),
    "feedback-request": ("item_name",),
    "presale-question": ("item_name", "size_fits"),
}


@pytest.mark.parametrize("scenario_id", sorted(FREE_TEXT))
def test_english_typed_by_the_seller_is_quoted_in_the_chinese(scenario_id):
    seen = set()
    for where, values, result in every_variant(scenario_id):
        zh = result.drafts["zh"]
        for name in FREE_TEXT[scenario_id]:
            value = values.get(name)
            for text in (zh.subject or "", zh.body):
                if value and str(value) in text:
                    seen.add(name)
                    assert f"“{value}”" in text, (where, name, text)
    assert seen == set(FREE_TEXT[scenario_id])  # every field was seen at least once
