"""The orders group of the reply library (unpaid-reminder, shipped-update, shipping-delay,
cancel-request, out-of-stock, partial-shipment): what a review of every rendered variant found,
kept as rules on the rendered text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest

from composer import paths
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer, RenderResult
from composer.templating.validate import variants

CATALOG = load_catalog([paths.shipped_templates_dir()]).catalog
RENDERER = Renderer(CATALOG)
TODAY = dt.date(2026, 11, 30)
PLATFORMS = ("generic", "aliexpress", "amazon", "ebay", "shopee", "shopify")
ORDERS = (
    "unpaid-reminder", "shipped-update", "shipping-delay",
    "cancel-request", "out-of-stock", "partial-shipment",
)  # fmt: skip


def render(scenario_id: str, platform: str = "generic", reply_format: str = "chat", **values):
    scenario = CATALOG.get(scenario_id)
    return RENDERER.render_draft(
        scenario,
        {**scenario.examples(), **values},
        reply_format=reply_format,
        platform=platform,
        today=TODAY,
    )


def every_render(scenario_id: str) -> Iterator[tuple[str, dict, RenderResult]]:
    """Every variant, chat and e-mail, on every platform whose words differ."""
    scenario = CATALOG.get(scenario_id)
    for reply_format in ("chat", "email"):
        for platform in PLATFORMS:
            for label, values in variants(scenario):
                result = RENDERER.render_draft(
                    scenario, values, reply_format=reply_format, platform=platform, today=TODAY
                )
                yield f"{reply_format}/{platform}/{label}", values, result


def en(result: RenderResult) -> str:
    return result.drafts["en"].body


def zh(result: RenderResult) -> str:
    return result.drafts["zh"].body


# --- the whole group -------------------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", ORDERS)
def test_every_variant_renders_in_us_english_without_errors(scenario_id):
    for label, _values, result in every_render(scenario_id):
        for draft in result.drafts.values():
            assert draft.error is None, (label, draft.error)
        us_spelling = re.search(r"cancelled|cancelling|colour|favour", en(result), re.I)
        assert not us_spelling, (label, en(result))
        # Every paragraph is one line: a paragraph glued to the next one (a block tag that ate
        # the blank line) shows as a line break inside it. The e-mail sign-off is the exception.
        for body in (en(result), zh(result)):
            paragraphs = body.split("\n\n")
            if label.startswith("email"):
                paragraphs = paragraphs[:-1]
            assert all("\n" not in p for p in paragraphs), (label, body)
        assert en(result).count("\n\n") == zh(result).count("\n\n"), (label, en(result), zh(result))


@pytest.mark.parametrize("scenario_id", ORDERS)
def test_guidance_is_in_both_languages_with_us_spelling_and_chinese_quotes(scenario_id):
    guidance = CATALOG.get(scenario_id).guidance
    assert guidance["en"] and guidance["zh"]
    assert "cancelled" not in guidance["en"]
    assert '"' not in guidance["zh"], "Chinese guidance uses “” quotes"


@pytest.mark.parametrize("scenario_id", ORDERS)
def test_payment_never_leaves_the_platform(scenario_id):
    for label, _values, result in every_render(scenario_id):
        text = en(result).lower()
        for word in ("paypal", "bank account", "wire transfer", "western union", "http"):
            assert word not in text, (label, word)


def test_the_message_kinds():
    assert CATALOG.get("unpaid-reminder").kind == "notice"
    assert CATALOG.get("shipped-update").kind == "notice"
    assert CATALOG.get("shipping-delay").kind == "notice"
    assert CATALOG.get("partial-shipment").kind == "answer"
    assert CATALOG.get("cancel-request").kind == "answer"
    assert CATALOG.get("out-of-stock").kind == "answer"


# --- unpaid-reminder -------------------------------------------------------------------------


def test_the_payment_deadline_is_inclusive_in_both_languages():
    result = render("unpaid-reminder", payment_deadline=dt.date(2026, 12, 3))
    assert "Please pay by December 3; after that, the order is canceled automatically." in en(
        result
    )
    assert "请最晚于12月3日完成付款" in zh(result)
    assert "12月3日前" not in zh(result)
    empty = render("unpaid-reminder", payment_deadline=None)
    assert "canceled automatically" not in en(empty) and "自动取消" not in zh(empty)


def test_a_failed_payment_is_told_as_failed_with_a_way_to_pay_again():
    failed = render("unpaid-reminder", situation="payment-failed")
    assert "did not go through" in en(failed)
    assert "another payment method" in en(failed)
    assert "If it fails again" in en(failed)
    assert "付款没有成功" in zh(failed) and "换一种付款方式" in zh(failed)
    waiting = render("unpaid-reminder")
    assert "did not go through" not in en(waiting)
    assert en(waiting).split("\n\n")[1].startswith("A quick reminder: your order")


def test_unpaid_reminder_guidance_keeps_it_off_amazon():
    guidance = CATALOG.get("unpaid-reminder").guidance
    assert "Do not send this reminder on Amazon" in guidance["en"]
    assert "亚马逊订单不要发这条提醒" in guidance["zh"]


# --- shipped-update --------------------------------------------------------------------------


def test_equal_transit_days_give_one_date_not_a_span_from_a_day_to_itself():
    result = render("shipped-update", transit_min=20, transit_max=20)
    assert "It should reach you around April 5" in en(result)
    assert "between April 5 and April 5" not in en(result)
    assert "包裹预计4月5日前后送达" in zh(result)
    assert "4月5日至" not in zh(result)


def test_a_span_of_days_is_a_span():
    result = render("shipped-update", transit_min=12, transit_max=20)
    assert "It should reach you between March 28 and April 5" in en(result)
    assert "3月28日至4月5日" in zh(result)


def test_fewest_and_most_days_typed_the_wrong_way_round_still_give_the_window():
    result = render("shipped-update", transit_min=20, transit_max=12)
    assert result.drafts["en"].error is None
    assert "between March 28 and April 5" in en(result)


def test_no_delivery_window_once_the_parcel_is_out_for_delivery():
    result = render("shipped-update", stage="out-for-delivery")
    assert "should reach you" not in en(result) and "预计" not in zh(result)
    assert "out for delivery" in en(result)


def test_only_a_fresh_shipment_warns_that_tracking_takes_days_to_show():
    assert "can take a few days to show up" in en(render("shipped-update", stage="shipped"))
    for stage in ("in-transit", "arrived", "out-for-delivery"):
        assert "take a few days to show" not in en(render("shipped-update", stage=stage))


def test_shipped_update_uses_the_glossary_and_says_amazon_sends_its_own():
    result = render("shipped-update")
    assert "物流单号：RR123456785CN" in zh(result)
    assert "跟踪号" not in zh(result)
    guidance = CATALOG.get("shipped-update").guidance
    assert "Amazon: do not send this notice" in guidance["en"]
    assert "亚马逊：不要发这条通知" in guidance["zh"]


# --- shipping-delay --------------------------------------------------------------------------


def test_a_delay_never_blames_the_buyers_country():
    for label, _values, result in every_render("shipping-delay"):
        assert "your country" not in en(result), label
        assert "您所在国家" not in zh(result), label


@pytest.mark.parametrize(
    ("reason", "english", "chinese"),
    [
        ("customs", "customs clearance is slower than usual", "海关清关比平时慢"),
        ("peak-season", "peak shipping season", "物流旺季"),
        ("bad-weather", "bad weather", "恶劣天气"),
        ("holiday", "public holidays on the route", "公共假期"),
        ("other", "the carrier reports a delay on the route", "物流商反馈该线路出现延误"),
    ],
)
def test_each_delay_reason_says_what_the_carrier_reports(reason, english, chinese):
    result = render("shipping-delay", reason=reason)
    assert english in en(result)
    assert chinese in zh(result)


def test_the_other_reason_invents_no_cause():
    text = en(render("shipping-delay", reason="other")).lower()
    for cause in ("customs", "weather", "season", "holiday"):
        assert cause not in text


def test_a_new_delivery_date_is_inclusive_and_only_when_the_carrier_gave_one():
    result = render("shipping-delay", new_estimate=dt.date(2026, 12, 18))
    assert "The carrier now expects to deliver it by December 18." in en(result)
    assert "最晚12月18日送达" in zh(result)
    empty = render("shipping-delay", new_estimate=None)
    assert "expects to deliver" not in en(empty) and "送达。\n\n物流商" not in zh(empty)


# --- cancel-request --------------------------------------------------------------------------


def test_before_shipment_the_reply_accepts_and_mentions_no_return():
    for situation in ("not-shipped", "not-shipped-canceled"):
        result = render("cancel-request", situation=situation)
        text = en(result)
        assert "No problem" in text
        assert "refuse" not in text.lower() and "return postage" not in text
        assert "拒收" not in zh(result) and "退货" not in zh(result)


def test_the_buyer_requests_or_we_have_canceled():
    asked = render("cancel-request", situation="not-shipped")
    assert "Please request the cancellation on your order page" in en(asked)
    assert "请在订单页面申请取消" in zh(asked)
    done = render("cancel-request", situation="not-shipped-canceled")
    assert "so we have canceled it" in en(done)
    assert "request the cancellation" not in en(done)


@pytest.mark.parametrize(
    ("platform", "english", "chinese"),
    [
        ("aliexpress", "AliExpress refunds the full amount", "由速卖通原路退回"),
        ("amazon", "Amazon refunds anything you have been charged", "由亚马逊退还"),
        ("ebay", "eBay refunds the full amount", "由eBay原路退回"),
        ("shopee", "Shopee refunds the full amount", "由虾皮原路退回"),
        ("shopify", "The full amount goes back to your original payment", "全部款项会原路退回"),
    ],
)
def test_the_refund_comes_through_the_platform_it_names(platform, english, chinese):
    result = render("cancel-request", platform=platform, situation="not-shipped")
    assert english in en(result)
    assert chinese in zh(result)


def test_a_shipped_order_is_not_canceled_and_the_parcel_can_be_refused_even_from_a_mailbox():
    result = render("cancel-request", situation="shipped-refuse")
    text = en(result)
    assert "we can no longer cancel it" in text
    assert "we have canceled" not in text
    assert 'write "Refused – return to sender" on it, leave it unopened' in text
    assert "“Refused – return to sender”（拒收，退回寄件人）" in zh(result)
    assert "As soon as it is back with us, we refund you." in text
    assert "through eBay" in en(render("cancel-request", "ebay", situation="shipped-refuse"))


def test_the_return_postage_is_asked_for_politely_and_never_by_default():
    field = CATALOG.get("cancel-request").field("situation")
    assert field is not None and field.default == "not-shipped"
    paid = en(render("cancel-request", situation="shipped-return-buyer-pays"))
    assert "we kindly ask you to cover the return postage" in paid
    free = en(render("cancel-request", situation="shipped-return"))
    assert "the return postage is on us" in free
    assert "cover the return postage" not in free


def test_the_return_window_is_printed_only_when_given():
    given = render("cancel-request", situation="shipped-return", return_days=30)
    assert "within 30 days" in en(given) and "在30天内" in zh(given)
    empty = render("cancel-request", situation="shipped-return", return_days=None)
    assert "within" not in en(empty) and "天内" not in zh(empty)


# --- out-of-stock ----------------------------------------------------------------------------


def test_amazon_out_of_stock_is_canceled_by_the_seller_and_never_swapped():
    for offer in ("alternative", "refund"):
        result = render("out-of-stock", platform="amazon", offer=offer)
        text = en(result)
        assert "We have canceled this order; Amazon refunds the full amount" in text
        assert "request the cancellation" not in text
        assert "We can send you" not in text
    wait = en(render("out-of-stock", platform="amazon", offer="wait"))
    assert "If you would rather not wait, tell us and we will cancel the order" in wait


def test_aliexpress_out_of_stock_lets_the_buyer_request_the_cancellation():
    result = render("out-of-stock", platform="aliexpress")
    assert "We can send you the same case in Black instead, at no extra cost." in en(result)
    assert "you can request the cancellation on your order page" in en(result)
    assert "AliExpress refunds the full amount" in en(result)
    assert "可以在订单页面申请取消" in zh(result)


@pytest.mark.parametrize("platform", ["generic", "ebay", "shopee", "shopify"])
def test_elsewhere_the_seller_cancels_when_the_buyer_wants_a_refund(platform):
    result = render("out-of-stock", platform=platform)
    assert "If you prefer a refund, tell us and we will cancel the order" in en(result)
    assert "request the cancellation" not in en(result)
    refund = render("out-of-stock", platform=platform, offer="refund")
    assert "We have canceled this order" in en(refund)
    assert "instead" not in en(refund) and "new stock" not in en(refund)


def test_an_option_without_its_value_shows_the_marker():
    alternative = render("out-of-stock", offer="alternative", alternative=None)
    assert "We can send you [Alternative you can send] instead" in en(alternative)
    assert "[可提供的替代款]" in zh(alternative)
    wait = render("out-of-stock", offer="wait", restock_date=None)
    assert "We expect new stock by [New stock expected]" in en(wait)
    assert "最晚[预计补货日期]补货" in zh(wait)


def test_out_of_stock_guidance_cites_each_platforms_cancellation_rule():
    guidance = CATALOG.get("out-of-stock").guidance["en"]
    for source in ("Transaction Non-fulfillment", "200285210", "Post-Order API", "sellerby.com"):
        assert source in guidance
    assert "never ask them to choose a reason that is not true" in guidance


# --- partial-shipment ------------------------------------------------------------------------


def test_after_the_first_parcel_the_reply_gives_only_the_second_parcels_tracking():
    result = render("partial-shipment", situation="first-arrived")
    text = en(result)
    assert "the second one has the charging cable" in text
    assert "The second parcel shipped on March 18, tracking number LX987654321CN." in text
    assert "RR123456785CN" not in text and "RR123456785CN" not in zh(result)


def test_before_anything_arrives_the_reply_gives_both_tracking_numbers():
    result = render("partial-shipment", situation="nothing-yet")
    assert (
        "Tracking numbers: RR123456785CN (first parcel) and LX987654321CN (second parcel)."
        in en(result)
    )
    assert "物流单号：第一个包裹RR123456785CN，第二个包裹LX987654321CN。" in zh(result)
    only_first = render("partial-shipment", situation="nothing-yet", second_tracking=None)
    assert "Tracking number of the first parcel: RR123456785CN." in en(only_first)


def test_without_the_contents_the_reply_says_the_rest_of_your_order():
    result = render("partial-shipment", second_items=None)
    assert "the second one has the rest of your order" in en(result)
    assert "其余商品在第二个包裹里" in zh(result)


def test_no_reason_means_no_reason_and_a_reason_is_its_own_sentence():
    none = en(render("partial-shipment", reason="none"))
    for said in ("warehouses", "ready first", "fit in one parcel"):
        assert said not in none
    for reason in ("warehouses", "ready-first", "size"):
        first_paragraph = en(render("partial-shipment", reason=reason)).split("\n\n")[1]
        assert first_paragraph.count(":") == 1, first_paragraph
