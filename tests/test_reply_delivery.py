"""The delivery replies, read as a reviewer read them: what each one must and must never say.

Each rule here is one the review of the rendered variants found (issue 14, section 2): a reply
that ships to an address given in chat, a coupon without a code or on Amazon, a US buyer sent to
China Post, a refused parcel re-shipped, import tax "never in the price" where it was collected
at checkout, the buyer asked to pay through the platform with no way to do so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from composer.templating.fields import FieldType
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import variants
from tests.helpers.scenarios import SHIPPED

CATALOG = load_catalog([SHIPPED]).catalog
RENDERER = Renderer(CATALOG)
TODAY = dt.date(2026, 11, 30)
DELIVERY = (
    "not-received",
    "late-delivery",
    "returning-to-sender",
    "address-change",
    "where-is-my-order",
    "customs-charges",
)
PLATFORMS = ("generic", "aliexpress", "amazon", "ebay", "shopee", "shopify")
MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                    r"November|December)\b")  # fmt: skip


def render(scenario_id: str, reply_format: str = "chat", platform: str = "generic", **values):
    """The English and Chinese bodies of ``scenario_id`` with its examples and ``values``."""
    scenario = CATALOG.get(scenario_id)
    drafts = RENDERER.render_draft(
        scenario,
        {**scenario.examples(), **values},
        reply_format=reply_format,
        platform=platform,
        today=TODAY,
    ).drafts
    assert drafts["en"].error is None and drafts["zh"].error is None
    return drafts["en"].body, drafts["zh"].body


def every_render(scenario_id: str) -> Iterator[tuple[str, dict, str, str]]:
    """Every variant, in chat and e-mail, on every platform: (where, values, en, zh)."""
    scenario = CATALOG.get(scenario_id)
    for reply_format in ("chat", "email"):
        for platform in PLATFORMS:
            for label, values in variants(scenario):
                drafts = RENDERER.render_draft(
                    scenario, values, reply_format=reply_format, platform=platform, today=TODAY
                ).drafts
                where = f"{reply_format}/{platform}: {label}"
                yield where, values, drafts["en"].body, drafts["zh"].body


# --- all six --------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", DELIVERY)
def test_each_is_an_answer_in_the_delivery_category(scenario_id):
    scenario = CATALOG.get(scenario_id)
    assert (scenario.category, scenario.kind) == ("delivery", "answer")


@pytest.mark.parametrize("scenario_id", DELIVERY)
def test_no_reply_asks_the_buyer_to_pay_through_the_platform_or_outside_it(scenario_id):
    for where, _values, en, zh in every_render(scenario_id):
        assert "through the platform" not in en, where
        assert "kindly ask you to cover" not in en, where
        assert "China Post" not in en and "中国邮政" not in zh, where
        assert "妥投" not in zh, where


@pytest.mark.parametrize("scenario_id", DELIVERY)
def test_a_refund_names_the_platform_it_goes_through(scenario_id):
    for where, _values, en, zh in every_render(scenario_id):
        if not where.startswith("chat/ebay"):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", en):
            if not re.search(r"\brefund (?:you|this order|your order)", sentence):
                continue
            if "refund this order" in sentence and "once" in sentence:
                continue  # the wrong-address new order: the refund follows the return
            assert "through eBay" in sentence, (where, sentence)
        if "全额退款" in zh and "退款。" not in zh:
            assert "通过eBay" in zh, where


# A seller cannot refund a shipped AliExpress order: the buyer requests it and we accept.
WE_REFUND = re.compile(r"\bwe'll (?:then )?refund|processing it now", re.IGNORECASE)


@pytest.mark.parametrize("scenario_id", DELIVERY)
def test_on_aliexpress_the_buyer_requests_the_refund_and_we_accept_it(scenario_id):
    asked = 0
    for where, _values, en, zh in every_render(scenario_id):
        if "/aliexpress:" not in where:
            continue
        assert not WE_REFUND.search(en), (where, en)
        assert "退款正在处理中" not in zh, (where, zh)
        assert not re.search(r"我们会[^。；：]*退款", zh), (where, zh)
        if re.search(r"request (?:a |the |it|[^.]*refund)", en):
            asked += 1
            assert "accept it" in en and "申请" in zh and "同意" in zh, (where, en, zh)
    if scenario_id in ("late-delivery", "returning-to-sender", "address-change", "customs-charges"):
        assert asked, scenario_id


@pytest.mark.parametrize("scenario_id", DELIVERY)
def test_every_variant_keeps_its_paragraphs_apart(scenario_id):
    """A block tag at the end of a line eats that line's newline: glued or split paragraphs."""
    for where, _values, en, zh in every_render(scenario_id):
        en_paragraphs, zh_paragraphs = en.split("\n\n"), zh.split("\n\n")
        assert len(en_paragraphs) == len(zh_paragraphs), (where, en, zh)
        for body in (en, zh):
            assert "\n\n\n" not in body and not body.startswith((" ", "\n")), (where, body)
            paragraphs = body.split("\n\n")
            # the greeting and the sign-off (three lines in an e-mail) stand apart
            for paragraph in paragraphs[:-1]:
                assert paragraph.strip() and "\n" not in paragraph, (where, body)
            if where.startswith("chat/"):
                assert "\n" not in paragraphs[-1], (where, body)
            else:
                signoff = ("Best regards,\n", "祝您生活愉快！\n")
                assert paragraphs[-1].startswith(signoff), (where, body)
        assert not re.search(r"[a-z][.!?:][A-Z]", en), (where, en)


@pytest.mark.parametrize("scenario_id", DELIVERY)
def test_the_chinese_neither_counts_items_nor_says_at_our_own_expense(scenario_id):
    for where, _values, _en, zh in every_render(scenario_id):
        assert "补发一件" not in zh, where  # an order may hold several items
        assert "自费" not in zh, where  # seller's jargon: 费用由我们承担, 免费


# --- not-received ----------------------------------------------------------------------------


def test_not_received_names_the_carrier_from_the_field_or_says_the_carrier():
    en, zh = render("not-received", carrier="USPS")
    assert "ask USPS about it" in en and "向USPS查询" in zh
    en, zh = render("not-received", carrier=None)
    assert "ask the carrier about it" in en and "向物流商查询" in zh
    assert CATALOG.get("not-received").field("carrier").example != "China Post"


def test_not_received_customs_says_since_when_in_the_right_tense():
    en, zh = render("not-received", reason="customs")
    assert "has been held by customs since March 27" in en
    assert "自3月27日起被海关扣留" in zh
    en, _ = render("not-received", reason="customs", status_date=None)
    assert "is being held by customs" in en


def test_not_received_lost_offers_a_free_replacement_or_a_full_refund():
    en, zh = render("not-received", reason="lost")
    assert "replacement free of charge" in en and "full refund" in en
    assert "won't cost you anything" not in en  # said once: "free of charge"
    assert "免费为您补发" in zh and "全额退款" in zh
    en, zh = render("not-received", platform="ebay", reason="lost")
    assert "full refund through eBay" in en and "通过eBay为您全额退款" in zh


# --- late-delivery ---------------------------------------------------------------------------


def test_late_delivery_says_the_parcel_was_due_and_has_not_arrived():
    en, zh = render("late-delivery")
    assert "was due by March 27 and still hasn't arrived" in en
    assert "has not reached you by" not in en
    assert "原定最晚3月27日送达" in zh
    assert not re.search(r"\d日前", zh)  # a bare 3月27日前 reads as "before March 27"
    en, zh = render("late-delivery", promised_date=None)
    assert "past its promised delivery time" in en and "已超过承诺运达时间" in zh


def test_late_delivery_refund_on_aliexpress_is_requested_not_processed_by_us():
    en, zh = render("late-delivery", platform="aliexpress", remedy="full-refund")
    assert "full refund of $25.90 through AliExpress. Please request it on your order page" in en
    assert "processing it now" not in en and "请您在订单页面申请退款，我们会马上同意" in zh
    en, zh = render("late-delivery", platform="ebay", remedy="full-refund")
    assert "We're processing it now" in en and "退款正在处理中" in zh


def test_late_delivery_email_chinese_is_not_translationese():
    _, zh = render("late-delivery", "email")
    assert "久等的心情" not in zh and "让您久等了" in zh
    assert "送达，但您至今仍未收到" in zh  # not 送达……到达


def test_late_delivery_reships_to_the_address_on_the_order_and_shows_the_amount():
    en, zh = render("late-delivery", remedy="reship")
    assert "to the address on your order" in en and "寄到订单上的地址" in zh
    en, zh = render("late-delivery", remedy="full-refund")
    assert "full refund of $25.90" in en and "全额退款（25.90美元）" in zh


# --- returning-to-sender ---------------------------------------------------------------------


def test_a_refused_parcel_is_refunded_and_never_sent_again():
    seen = 0
    for where, values, en, zh in every_render("returning-to-sender"):
        if values["reason"] != "refused":
            continue
        seen += 1
        assert "send it again" not in en and "new parcel" not in en, where
        assert "补发" not in zh, where
        assert "refund" in en and "退款" in zh, where
    assert seen >= 16  # every offer, chat and e-mail, every platform


def test_a_parcel_not_picked_up_waited_at_the_pickup_point_not_the_carrier():
    en, zh = render("returning-to-sender", reason="not-picked-up")
    assert "the parcel was held for you at a pickup point but wasn't collected" in en
    assert "that it waited for you" not in en and "包裹曾在取件点等您领取" in zh
    assert "this time" not in en  # no scolding; watch for the carrier's notice
    assert "watch for the carrier's notice" in en and "请留意物流商的通知" in zh


def test_our_own_label_mistake_is_admitted_and_never_charged():
    for offer in ("reship", "refund", "buyer-choice", "refund-less-shipping-buyer-pays"):
        en, zh = render("returning-to-sender", reason="label-error", offer=offer)
        assert "That was our mistake" in en and "这是我们的失误" in zh
        assert "$8.50" not in en and "扣除运费" not in zh, offer
        assert "place a new order" not in en, offer
    en, _ = render("returning-to-sender", reason="label-error", offer="reship")
    assert "new parcel right away, at our cost" in en


def test_import_tax_collected_at_checkout_is_never_called_the_buyers_to_pay():
    en, zh = render("returning-to-sender", reason="duties-unpaid", tax_collected=True)
    assert "already been paid at checkout" in en and "下单时就已经付过" in zh
    assert "part of your order's price" not in en and "不含在订单价格中" not in zh
    assert "confirm that you'll pay" not in en
    en, zh = render(
        "returning-to-sender",
        reason="duties-unpaid",
        tax_collected=True,
        offer="refund-less-shipping-buyer-pays",
    )
    assert "$8.50" not in en and "refund you in full" in en
    en, zh = render("returning-to-sender", reason="duties-unpaid", tax_collected=False)
    assert "weren't part of your order's price" in en
    assert "confirm that you'll pay the import charges" in en and "愿意缴纳进口税费" in zh


def test_a_wrong_address_is_corrected_by_a_new_order_never_in_chat():
    for offer in ("reship", "buyer-choice"):
        en, zh = render("returning-to-sender", reason="wrong-address", offer=offer)
        assert "place a new order with your full address" in en, offer
        assert "重新下单" in zh, offer
        assert "send us" not in en and "tell us your" not in en, offer


def test_keeping_back_the_shipping_is_named_so_and_shows_its_amount_or_marker():
    scenario = CATALOG.get("returning-to-sender")
    keys = [o.key for o in scenario.field("offer").options]
    assert "refund-less-shipping-buyer-pays" in keys
    assert scenario.defaults()["offer"] == "reship"
    en, zh = render("returning-to-sender", offer="refund-less-shipping-buyer-pays")
    assert "less $8.50 for the shipping" in en and "扣除运费8.50美元" in zh
    en, zh = render(
        "returning-to-sender", offer="refund-less-shipping-buyer-pays", shipping_cost=None
    )
    assert "[Shipping kept back]" in en and "[扣除的运费]" in zh
    en, _ = render("returning-to-sender", offer="reship")
    assert "$8.50" not in en  # the amount belongs to that option only


# --- address-change --------------------------------------------------------------------------


def test_address_change_never_ships_to_an_address_given_in_chat():
    scenario = CATALOG.get("address-change")
    assert not [f for f in scenario.fields if f.type is FieldType.LONG_TEXT]
    assert scenario.field("new_address") is None
    for where, _values, en, zh in every_render("address-change"):
        assert "address on" in en, where  # the order's address, or an order's
        assert "订单上的地址" in zh or "订单地址" in zh, where
        assert "new address:\n" not in en and "ship your item again" not in en, where


def test_address_change_not_shipped_uses_the_platforms_own_way():
    en, zh = render("address-change", remedy="not-shipped")
    assert "change it on your order page" in en and "在订单页面修改地址" in zh
    en, zh = render("address-change", platform="ebay", remedy="not-shipped")
    assert "we'll cancel this order for you" in en and "为您取消这个订单" in zh
    # Amazon counts a cancellation asked only in a message against the seller's Cancellation
    # Rate: the buyer requests it on Amazon, and we accept it.
    en, zh = render("address-change", platform="amazon", remedy="not-shipped")
    assert "request the cancellation in Your Orders (Request cancellation)" in en
    assert "we'll cancel" not in en and "申请取消（Request cancellation）" in zh
    en, _ = render("address-change", platform="aliexpress", remedy="not-shipped")
    assert "approve the cancellation" in en


def test_address_change_shipped_low_value_is_a_new_order_and_a_refund():
    en, zh = render("address-change", platform="ebay", remedy="reship")
    assert "place a new order with that address" in en
    assert "refund this order in full through eBay" in en
    assert "通过eBay为这个订单全额退款" in zh
    en, zh = render("address-change", platform="aliexpress", remedy="reship")
    assert "request a full refund of this order on its page, and we'll accept it" in en
    assert "在这个订单的页面申请全额退款" in zh


def test_a_coupon_needs_a_code_and_never_goes_to_amazon():
    en, zh = render("address-change")
    assert "5% off your next order: THANKS5" in en
    assert "95折" in zh and "THANKS5" in zh and "5%" not in zh
    en, zh = render("address-change", coupon_code=None)
    assert "code" not in en and "off your next order" not in en
    assert "优惠券" not in zh
    for reply_format in ("chat", "email"):
        en, zh = render("address-change", reply_format, "amazon")
        assert "THANKS5" not in en and "off your next order" not in en
        assert "优惠券" not in zh
    en, zh = render("address-change", discount=None)
    assert "a discount on your next order: THANKS5" in en
    en, zh = render("address-change", discount=Decimal("15"))
    assert "85折" in zh


def test_address_change_shipped_says_sorry_plainly_and_redirects_to_the_new_address():
    en, zh = render("address-change")
    assert "Sorry, your parcel (order 8175630291847563) has already shipped" in en
    assert "redirect it to your new address" in en and "改派到您的新地址" in zh
    assert "pick it up at the original address" in en
    en, _ = render("address-change", "email")
    assert "Thank you for letting us know. We're sorry, but your parcel" in en


def test_the_carriers_phone_number_reads_as_a_number_to_call():
    en, zh = render("address-change")
    assert "contact FedEx at 800-463-3339 with the tracking number 794612345678" in en
    assert "联系FedEx（电话：800-463-3339）" in zh
    en, _ = render("address-change", carrier=None, tracking_number=None, carrier_phone=None)
    assert "contact the carrier with the tracking number on your order page" in en


# --- where-is-my-order -----------------------------------------------------------------------


def test_where_is_my_order_gives_the_usual_span_from_the_ship_date():
    en, zh = render("where-is-my-order")
    assert "usually take 10–20 days, so we expect it between March 30 and April 9" in en
    assert "预计3月30日至4月9日送达" in zh
    assert "If it hasn't arrived by April 9" in en and "过了4月9日仍未收到" in zh
    en, _ = render("where-is-my-order", fastest=15, slowest=30)
    assert "between April 4 and April 19" in en


def test_where_is_my_order_without_a_ship_date_invents_no_date():
    for status in ("in-transit", "not-updating", "not-scanned"):
        en, zh = render("where-is-my-order", status=status, shipped_on=None, last_update=None)
        assert not MONTHS.search(en), (status, en)
        assert not re.search(r"\d+月\d+日", zh), (status, zh)


def test_where_is_my_order_words_each_tracking_state_its_own_way():
    in_transit, _ = render("where-is-my-order", status="in-transit")
    stalled, _ = render("where-is-my-order", status="not-updating")
    unscanned, zh = render("where-is-my-order", status="not-scanned")
    assert "is in transit with YunExpress" in in_transit
    assert "hasn't updated since March 27" in stalled
    assert "haven't scanned it in yet" in unscanned and "还没有完成首次扫描" in zh
    assert len({in_transit, stalled, unscanned}) == 3


# --- customs-charges -------------------------------------------------------------------------


def test_customs_charges_default_tells_the_buyer_the_tax_was_collected():
    scenario = CATALOG.get("customs-charges")
    assert scenario.defaults()["situation"] == "tax-collected"
    en, zh = render("customs-charges")
    assert "You shouldn't have to pay import tax (VAT/GST)" in en
    assert "不需要再缴纳" in zh
    assert "refund you" not in en  # no promise to refund duties by default
    en, zh = render("customs-charges", platform="aliexpress")
    assert "AliExpress collected it at checkout" in en and "已由速卖通在您下单时代收" in zh


def test_customs_charges_asks_the_carrier_and_promises_no_release():
    en, zh = render("customs-charges")
    assert "ask them to release the parcel without the charge" in en
    assert "so the parcel can be released" not in en and "让包裹免税放行" not in zh
    assert "请对方不要重复收税" in zh


def test_customs_charges_on_delivery_is_named_buyer_pays_and_asks_before_refusing():
    keys = [o.key for o in CATALOG.get("customs-charges").field("situation").options]
    assert "due-on-delivery-buyer-pays" in keys
    en, zh = render("customs-charges", situation="due-on-delivery-buyer-pays")
    assert "as our listing states" in en and "商品页面已写明" in zh
    assert "before refusing the parcel" in en and "拒收前先联系我们" in zh
    assert "refund" not in en


def test_covering_the_charges_prints_the_amount_or_its_marker():
    en, zh = render("customs-charges", platform="ebay", situation="seller-covers")
    assert "refund you €12.40 through eBay" in en and "12.40欧元" in zh
    en, zh = render("customs-charges", situation="seller-covers", charges_amount=None)
    assert "[Amount the carrier asks for]" in en and "[物流商要求缴纳的金额]" in zh
    en, zh = render(
        "customs-charges", platform="aliexpress", situation="seller-covers", charges_amount=None
    )
    assert "request a refund of [Amount the carrier asks for] on your order page" in en
    assert "申请退款[物流商要求缴纳的金额]" in zh


def test_customs_guidance_cites_the_thresholds_and_their_dates():
    guidance = CATALOG.get("customs-charges").guidance
    for fact in ("IOSS", "€150", "July 1, 2021", "£135", "A$1,000", "NZ$1,000", "August 29, 2025"):
        assert fact in guidance["en"], fact
    for fact in ("IOSS", "150欧元", "135英镑", "1,000澳元", "2019年12月1日"):
        assert fact in guidance["zh"], fact
    assert '"' not in guidance["zh"]
