"""Platform rules that depend on what kind of message a scenario is, checked on rendered text.

Each test writes a scenario of its own (the shipped texts are being rewritten), renders it as
the app does and runs the checks of a platform over the draft.
"""

from __future__ import annotations

import textwrap

import pytest

from composer.judgement.presend import check_draft, check_text
from composer.judgement.rules import load_rulebook
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.scenario import MESSAGE_KINDS
from tests.helpers.scenarios import SHIPPED

BOOK = load_rulebook()

SCENARIO = """
id = "{id}"
category = "after-sales"
kind = "{kind}"

[title]
en = "Kind test"
zh = "类型测试"

[reply.en]
body = \"\"\"
{en}
\"\"\"

[reply.zh]
body = \"\"\"
{zh}
\"\"\"
"""


@pytest.fixture
def render(write_template):
    """Render an English and a Chinese body as a scenario of ``kind``, check it on a platform."""

    def run(kind, en, zh="您好！", platform="amazon", reply_format="chat"):
        text = SCENARIO.format(id=f"kind-{kind}", kind=kind, en=en, zh=zh)
        folder = write_template(f"kind-{kind}.toml", text).parent
        loaded = load_catalog([SHIPPED, folder])
        assert not loaded.errors, loaded.errors
        scenario = loaded.catalog.get(f"kind-{kind}")
        assert scenario.kind == kind
        result = Renderer(loaded.catalog).render_draft(
            scenario, {}, reply_format=reply_format, platform=platform
        )
        found = check_draft(
            result, scenario, {}, loaded.catalog.languages, BOOK.platform(platform), BOOK.phrases
        )
        return result, found

    return run


def codes(found, language="en"):
    return [c.code for c in found if c.language == language]


# --- Amazon: no proactive shipping or order confirmation -------------------------------------

SHIPPED_NOTICE = "Hi Maria,\n\nGood news: your order has shipped and is on its way to you.\n\nLily"
SHIPPED_NOTICE_ZH = "您好，Maria！\n\n您的订单已发货，正在运输途中。\n\nLily"


def test_a_notice_that_confirms_shipment_is_an_error_on_amazon(render):
    result, found = render("notice", SHIPPED_NOTICE, SHIPPED_NOTICE_ZH)
    (check,) = [c for c in found if c.code == "shipping-confirmation" and c.language == "en"]
    assert check.severity == "error"
    assert result.drafts["en"].body[check.start : check.end] == "has shipped"
    assert "Amazon sends its own order and shipping confirmations" in check.message["en"]
    assert "亚马逊会自行发送订单和发货确认" in check.message["zh"]
    assert "shipping-confirmation" in codes(found, "zh")  # the Chinese reads the same


def test_the_same_words_are_fine_in_an_answer_or_on_another_platform(render):
    _, answer = render("answer", SHIPPED_NOTICE, SHIPPED_NOTICE_ZH)
    assert "shipping-confirmation" not in codes(answer) + codes(answer, "zh")
    for platform in ("ebay", "aliexpress", "generic", "tiktok", "temu"):
        _, found = render("notice", SHIPPED_NOTICE, SHIPPED_NOTICE_ZH, platform=platform)
        assert "shipping-confirmation" not in codes(found), platform


def test_a_notice_about_a_delay_is_allowed_on_amazon(render):
    en = "Hi Maria,\n\nYour order shipped on March 3, but the carrier reports a delay.\n\nLily"
    zh = "您好，Maria！\n\n您的订单已于3月3日发货，但物流商通知运输延误。\n\nLily"
    _, found = render("notice", en, zh)
    assert "shipping-confirmation" not in codes(found) + codes(found, "zh")


# --- Amazon: a feedback request must ask for feedback, not only thank -------------------------


def test_a_feedback_request_that_only_thanks_is_an_error_on_amazon(render):
    en = "Hi Maria,\n\nThank you for shopping with us! We are here if you need anything.\n\nLily"
    zh = "您好，Maria！\n\n感谢您的惠顾！如有需要，请随时联系我们。\n\nLily"
    _, found = render("feedback-request", en, zh)
    (check,) = [c for c in found if c.code == "thank-you-only" and c.language == "en"]
    assert check.severity == "error"
    assert "only says thank you" in check.message["en"] and "只表示感谢" in check.message["zh"]
    assert "thank-you-only" in codes(found, "zh")


def test_a_neutral_review_request_passes_on_amazon(render):
    en = (
        "Hi Maria,\n\nThank you for your order. Could you share your experience in a review? "
        "Your feedback helps other buyers.\n\nLily"
    )
    zh = "您好，Maria！\n\n感谢您的订购。方便的话，欢迎留下评价，分享您的使用体验。\n\nLily"
    _, found = render("feedback-request", en, zh)
    assert found == [], [c.message["en"] for c in found]


def test_a_thank_you_in_an_answer_is_not_a_thank_you_only_message(render):
    _, found = render("answer", "Hi Maria,\n\nThank you for your message!\n\nLily")
    assert "thank-you-only" not in codes(found)


# --- Amazon: no coupon for a future purchase, whatever the kind ------------------------------


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_a_coupon_for_the_next_order_is_an_error_on_amazon_in_every_kind(render, kind):
    en = "Hi Maria,\n\nSorry for the trouble. Enjoy 5% off your next order with us.\n\nLily"
    zh = "您好，Maria！\n\n给您带来不便，非常抱歉。您下次在本店购物时可享受95折优惠。\n\nLily"
    result, found = render(kind, en, zh)
    (check,) = [c for c in found if c.code == "future-coupon" and c.language == "en"]
    assert result.drafts["en"].body[check.start : check.end].startswith("5% off your next")
    assert check.severity == "error"
    assert "future-coupon" in codes(found, "zh")
    _, elsewhere = render(kind, en, zh, platform="ebay")
    assert "future-coupon" not in codes(elsewhere)


@pytest.mark.parametrize(
    "text",
    [
        "We have refunded 30% of the order to your original payment method.",
        "Next time you need help, just reply to this message.",
        "Your discount of $5.00 has been applied to this order.",
    ],
)
def test_refunds_and_this_orders_discounts_are_not_future_coupons(text):
    found = check_text(text, "en", BOOK.platform("amazon"), BOOK.phrases)
    assert "future-coupon" not in [c.code for c in found]


# --- length limits by kind --------------------------------------------------------------------


def test_a_public_reply_on_ebay_is_held_to_the_feedback_limit(render):
    long_reply = ("Thank you for your feedback. " * 20)[:520].strip()
    result, found = render("review-reply", long_reply, "感谢您的反馈。", platform="ebay")
    body = result.drafts["en"].body
    (check,) = [c for c in found if c.code == "too-long"]
    assert (check.start, check.end, check.language) == (500, len(body), "en")
    assert "a public reply on eBay takes at most 500" in check.message["en"]
    assert "eBay的公开回复最多500个" in check.message["zh"]
    _, short = render("review-reply", "Thank you for your feedback.", "感谢。", platform="ebay")
    assert "too-long" not in codes(short)


def test_an_ebay_message_may_be_longer_than_a_public_reply(render):
    text = "Hi Maria,\n\n" + "Thank you for your patience with this order. " * 30
    result, found = render("answer", text.strip(), platform="ebay")
    assert 500 < len(result.drafts["en"].body) <= 2000
    assert "too-long" not in codes(found)
    _, too_long = render("answer", (text * 2).strip(), platform="ebay")
    assert "too-long" in codes(too_long)


def test_amazons_message_limit_covers_messages_not_public_replies(render):
    text = "Thank you for your patience. " * 80  # 2,320 characters
    for kind in ("answer", "notice", "feedback-request"):
        _, found = render(kind, f"Hi Maria, please leave a review. {text}".strip())
        assert "too-long" in codes(found), kind
    _, reply = render("review-reply", text.strip())
    assert "too-long" not in codes(reply)  # no published limit for a public reply on Amazon


def test_check_text_takes_a_kind_too():
    text = "Your order has shipped."
    amazon = BOOK.platform("amazon")
    assert check_text(text, "en", amazon, BOOK.phrases) == []
    found = check_text(text, "en", amazon, BOOK.phrases, kind="notice")
    assert [c.code for c in found] == ["shipping-confirmation"]


# --- the data: kinds and per-kind limits in platforms.toml -------------------------------------


def test_the_new_rules_and_platforms_are_in_the_data():
    amazon = BOOK.platform("amazon")
    assert amazon.rule("shipping-confirmation").kinds == ("notice",)
    assert amazon.rule("thank-you-only").kinds == ("feedback-request",)
    assert amazon.rule("future-coupon").kinds == ()
    assert amazon.rule("too-long", "review-reply") is None
    assert amazon.rule("too-long", "answer").limit_for("answer") == 2000
    ebay = BOOK.platform("ebay").rule("too-long")
    assert (ebay.limit_for("review-reply"), ebay.limit_for("answer")) == (500, 2000)
    for platform_id in ("tiktok", "temu"):
        platform = BOOK.platform(platform_id)
        assert platform.names["en"] and platform.rule("off-platform").severity == "error"
    assert BOOK.platform("tiktok").rule("review-conditional").certainty == "documented"


def test_a_seller_sets_kinds_and_per_kind_limits(data_dir):
    (data_dir / "platforms.toml").write_text(
        textwrap.dedent(
            """
            [shopee.rules.too-long]
            severity = "warning"
            limit = { review-reply = 300 }

            [ebay.rules.link]
            kinds = ["review-reply"]
            """
        ),
        encoding="utf-8",
    )
    book = load_rulebook(data_dir)
    assert book.problems == []
    shopee = book.platform("shopee")
    assert shopee.rule("too-long", "review-reply").limit_for("review-reply") == 300
    reply = "Thanks. " * 40  # 320 characters
    found = check_text(reply, "en", shopee, book.phrases, kind="review-reply")
    assert [c.code for c in found] == ["too-long"]
    assert check_text(reply, "en", shopee, book.phrases, kind="answer") == []
    link = "See https://example.org/help."
    ebay = book.platform("ebay")
    assert check_text(link, "en", ebay, book.phrases, kind="answer") == []
    assert [c.code for c in check_text(link, "en", ebay, kind="review-reply")] == ["link"]


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ('kinds = ["letter"]', "kinds must be a list of message kinds: answer, notice"),
        ('kinds = "notice"', "kinds must be a list of message kinds"),
        ("limit = { letter = 5 }", "too-long needs a limit"),
        ("limit = { review-reply = -5 }", "too-long needs a limit"),
        ("limit = 0", "too-long needs a limit"),
    ],
)
def test_a_mistake_in_kinds_or_limits_is_named(data_dir, rule, problem):
    (data_dir / "platforms.toml").write_text(f"[amazon.rules.too-long]\n{rule}\n", encoding="utf-8")
    book = load_rulebook(data_dir)
    assert any(problem in p and "'too-long'" in p for p in book.problems), book.problems
    assert book.platform("amazon").rule("email") is not None  # the rest still loads
