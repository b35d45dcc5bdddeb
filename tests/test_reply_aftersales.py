"""The after-sales replies (issue 14): what a review of every rendered variant found, as rules.

unwanted-order, missing-items, damaged-item, return-instructions, wrong-item, refund-status and
defect-after-use, rendered in every combination of options and empty optional fields, in chat and
e-mail, on the platforms whose wording differs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from composer.judgement.advisor import advise, values_for
from composer.judgement.remedies import REMEDIES, Case
from composer.templating.loader import load_catalog
from composer.templating.render import Draft, Renderer
from composer.templating.validate import variants
from tests.helpers.scenarios import SHIPPED

CATALOG = load_catalog([SHIPPED]).catalog
RENDERER = Renderer(CATALOG)
TODAY = dt.date(2026, 11, 30)
PLATFORMS = ("generic", "aliexpress", "amazon", "ebay", "shopee")


def render(scenario_id: str, platform: str = "generic", reply_format: str = "chat", **values):
    """One scenario with its example values, some of them changed, in English and Chinese."""
    scenario = CATALOG.get(scenario_id)
    result = RENDERER.render_draft(
        scenario,
        {**scenario.examples(), **values},
        reply_format=reply_format,
        platform=platform,
        today=TODAY,
    )
    return result.drafts["en"].body, result.drafts["zh"].body


def every(scenario_id: str) -> Iterator[tuple[str, dict, Draft, Draft]]:
    """Every variant of a scenario, in chat and e-mail, on every platform."""
    scenario = CATALOG.get(scenario_id)
    for label, values in variants(scenario):
        for reply_format in ("chat", "email"):
            for platform in PLATFORMS:
                drafts = RENDERER.render_draft(
                    scenario, values, reply_format=reply_format, platform=platform, today=TODAY
                ).drafts
                yield f"{label}, {reply_format}, {platform}", values, drafts["en"], drafts["zh"]


# --- unwanted-order ---------------------------------------------------------------------------


def test_unwanted_order_speaks_to_the_buyer_about_who_pays_the_return():
    for label, values, en, _zh in every("unwanted-order"):
        assert "paid by the buyer" not in en.body, label
        assert "the buyer" not in en.body.lower(), label
        if values["logistics"] == "express":
            # one way of paying: the return shipping is the buyer's, taken off the refund
            assert "would be yours" in en.body and "less that cost" in en.body, label
            assert "you would pay" not in en.body, label


def test_a_postal_parcel_left_in_the_mailbox_can_still_be_refused_or_sent_back_with_a_label():
    en, zh = render("unwanted-order", logistics="postal")
    assert "mailbox" in en and "“Refused – return to sender”" in en
    assert "post office" in en
    assert "return label" in en
    assert "信箱" in zh and "“Refused – return to sender”" in zh and "退货面单" in zh


def test_an_express_parcel_is_never_refused_its_return_would_cost_the_seller():
    en, zh = render("unwanted-order", logistics="express")
    assert "refuse" not in en.lower() and "拒收" not in zh
    assert "$13.00" in en and "13.00美元" in zh
    assert "$5.00" in en  # the partial refund to keep it


def test_an_express_return_on_amazon_or_ebay_goes_through_the_platforms_return_request():
    assert (
        "Request the return from Your Orders"
        in render("unwanted-order", "amazon", logistics="express")[0]
    )
    assert (
        "Start a return from your Purchases"
        in render("unwanted-order", "ebay", logistics="express")[0]
    )
    generic = render("unwanted-order", logistics="express")[0]
    assert "Your Orders" not in generic and "Purchases" not in generic


def test_the_offer_to_keep_it_and_the_offer_to_return_it_are_two_paragraphs():
    for platform in PLATFORMS:
        en, zh = render("unwanted-order", platform, logistics="express")
        assert "\n\nOr return it:" in en and "\n\n您也可以退货：" in zh, (platform, en)


def test_an_aliexpress_buyer_requests_the_refund_for_a_parcel_on_its_way_back():
    en, zh = render("unwanted-order", "aliexpress", logistics="postal")
    assert "request a refund on the order page" in en and "请在订单页面申请退款" in zh
    en, zh = render("unwanted-order", "aliexpress", logistics="express", partial_refund=None)
    assert "Request a return and refund on the order page" in en
    assert "请在订单页面申请退货退款" in zh


# --- missing-items ----------------------------------------------------------------------------


def test_missing_items_never_asks_the_buyer_to_count_what_they_already_named():
    for label, _values, en, zh in every("missing-items"):
        assert "arrived without 2 of the 4 phone cases" in en.body.split("\n\n")[1], label
        assert not re.search(r"how many|number of items|count", en.body, re.I), label
        assert "件数" not in zh.body and "数量" not in zh.body, label
        assert "photo" in en.body and "照片" in zh.body, label


def test_a_refund_for_missing_items_shows_its_amount_or_the_amounts_marker():
    en, zh = render("missing-items", remedy="refund")
    assert "refund you $6.50" in en and "6.50美元" in zh
    en, zh = render("missing-items", remedy="refund", refund_amount=None)
    assert "[Refund for the missing items]" in en and "[缺件退款金额]" in zh
    en, _zh = render("missing-items", "aliexpress", remedy="refund")
    assert "refund you $6.50 through AliExpress for what is missing" in en


# --- damaged-item -----------------------------------------------------------------------------


def test_damaged_item_asks_for_photos_before_admitting_the_item_differs_from_the_listing():
    admissions = re.compile(r"does not match|differs from our listing|not as described", re.I)
    for label, values, en, zh in every("damaged-item"):
        if values["photos_received"] or values["remedy"] == "reship-shared-cost":
            continue
        assert not admissions.search(en.body), (label, en.body)
        assert "与描述不符" not in zh.body and "出入" not in zh.body, (label, zh.body)
        assert "photos" in en.body and "照片" in zh.body, label


def test_after_the_photos_the_reply_names_what_they_show():
    en, zh = render("damaged-item", problem="not-as-described", photos_received=True)
    assert "Thank you for the photos" in en and "differs from our listing" in en
    assert "出入" in zh


def test_damaged_item_offers_a_free_replacement_with_no_return_and_a_paid_return_for_refund():
    en, zh = render("damaged-item", remedy="reship")
    assert "new one free of charge" in en and "no need to send this one back" in en
    assert "免费为您补发" in zh and "无需寄回" in zh
    en, zh = render("damaged-item", remedy="return-refund")
    assert "full refund" in en and "return shipping paid by us" in en
    assert "退货运费由我们承担" in zh
    en, zh = render("damaged-item", "amazon", remedy="return-refund")
    assert "request the return from Your Orders" in en and "“我的订单”" in zh
    assert "send you the details" not in en
    en, zh = render("damaged-item", "ebay", remedy="return-refund")
    assert "start a return from your Purchases" in en and "购买记录" in zh


def test_only_the_negotiated_option_asks_the_buyer_to_pay_and_it_asks():
    scenario = CATALOG.get("damaged-item")
    assert scenario.field("remedy").default != "reship-shared-cost"
    for label, values, en, zh in every("damaged-item"):
        asks = re.search(r"cover .* of its cost", en.body)
        if values["remedy"] == "reship-shared-cost":
            assert asks and "Would you be willing" in en.body, label
            assert "If that does not suit you" in en.body and "不方便" in zh.body, label
            assert "photos of" not in en.body, (label, "a follow-up, not a first answer")
        else:
            assert not asks and "分担" not in zh.body and "承担其中" not in zh.body, label


def test_the_buyers_share_shows_its_marker_when_empty_instead_of_vanishing():
    en, zh = render("damaged-item", remedy="reship-shared-cost", buyer_share=None)
    assert "[Buyer's share of the re-shipment]" in en and "[买家分担的补发费用]" in zh
    en, _zh = render("damaged-item", remedy="reship-shared-cost")
    assert "understanding about the problem with your ceramic table lamp" in en


def test_a_partial_refund_with_no_amount_shows_the_amounts_marker():
    en, zh = render("damaged-item", refund_amount=None, refund_percent=None)
    assert "partial refund of [Partial refund amount]" in en
    assert "[部分退款金额]的部分退款" in zh
    en, zh = render("damaged-item", refund_amount=None)
    assert "30% of the price" in en and "实付金额30%" in zh


def test_the_damaged_items_advisor_table_maps_every_advised_remedy_to_an_option():
    scenario = CATALOG.get("damaged-item")
    link = scenario.advisor
    assert link is not None and link.field_name == "remedy"
    keys = {o.key for o in scenario.field("remedy").options}
    assert set(link.options) <= set(REMEDIES)
    assert set(link.options.values()) <= keys
    advised = advise(Case("damaged", "postal", Decimal(100), Decimal(10), item_cost=Decimal(40)))
    for option in advised:
        values = values_for(link, option, "USD")
        assert values["remedy"] == option.remedy  # every advised remedy has its own option
        body = render("damaged-item", **values)[0]
        assert "[" not in body or option.remedy == "reship-shared-cost", (option.remedy, body)


def test_the_advisor_says_plainly_what_the_shared_cost_reship_is():
    options = advise(Case("damaged", "postal", Decimal(100), Decimal(0), item_cost=Decimal(90)))
    (shared,) = [o for o in options if o.remedy == "reship-shared-cost"]
    assert "free of charge" not in shared.reason["en"] and "免费" not in shared.reason["zh"]
    assert "agreed to share" in shared.reason["en"] and "$70.00" in shared.reason["en"]
    assert "同意分担" in shared.reason["zh"] and "70.00美元" in shared.reason["zh"]


# --- refunds on each platform -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario_id", "values", "english"),
    [
        ("damaged-item", {}, "Please request that amount on the order page"),
        (
            "damaged-item",
            {"remedy": "full-refund"},
            "Please request a full refund on the order page",
        ),
        ("damaged-item", {"remedy": "return-refund"}, "Please request a return and refund"),
        ("missing-items", {"remedy": "refund"}, "Please request that amount on the order page"),
        ("wrong-item", {"remedy": "refund"}, "Please request a full refund on the order page"),
        ("defect-after-use", {"remedy": "partial-refund"}, "Please request that amount"),
        ("unwanted-order", {"logistics": "express"}, "Please request that amount"),
    ],
)
def test_an_aliexpress_refund_is_requested_by_the_buyer_on_the_order_page(
    scenario_id, values, english
):
    en, zh = render(scenario_id, "aliexpress", **values)
    assert english in en and "through AliExpress" in en
    assert "请在订单页面" in zh and "速卖通" in zh
    en, zh = render(scenario_id, "ebay", **values)
    assert english not in en and "AliExpress" not in en and "请在订单页面" not in zh


# --- return-instructions ----------------------------------------------------------------------


def test_return_instructions_ask_for_a_resalable_item_without_a_threat():
    for label, values, en, zh in every("return-instructions"):
        assert "can only accept" not in en.body and "sold again" not in en.body, label
        assert "只能接收" not in zh.body, label
        asked = "unused, in its original packaging" in en.body
        assert asked == bool(values["resale_condition"]), label
        assert ("未经使用" in zh.body) == asked, label


def test_return_postage_is_said_to_the_buyer_and_the_tracking_goes_where_the_platform_wants_it():
    en, zh = render("return-instructions", return_shipping="buyer")
    assert "Return shipping is at your cost." in en and "由您承担" in zh
    en, _zh = render("return-instructions", return_shipping="seller")
    assert "We cover the return shipping: send us the receipt" in en
    for platform in ("amazon", "ebay"):
        en, zh = render("return-instructions", platform, return_shipping="seller")
        assert "add the tracking number to your return request" in en and "退货申请" in zh
        assert "receipt" not in en
    # AliExpress returns run in the buyer's return-and-refund request; it has no exchange process
    en, zh = render("return-instructions", "aliexpress", return_shipping="seller")
    assert "add the tracking number to your return request" in en and "在退货申请中" in zh
    en, zh = render("return-instructions", "aliexpress", request="exchange")
    assert "send us the tracking number" in en and "把物流单号发给我们" in zh


def test_the_example_send_back_date_is_still_ahead():
    scenario = CATALOG.get("return-instructions")
    assert scenario.field("return_by").example > TODAY
    en, zh = render("return-instructions")
    assert "by December 14," in en and "（最晚12月14日寄出）" in zh


# --- wrong-item -------------------------------------------------------------------------------


def test_a_wrong_item_never_costs_the_buyer_anything():
    for label, _values, en, zh in every("wrong-item"):
        assert not re.search(r"at your cost|you would pay|your expense", en.body), label
        assert "no cost to you" in en.body and "无需承担任何费用" in zh.body, label


def test_a_wrong_item_asks_for_a_photo_before_confirming_the_mix_up():
    for label, values, en, zh in every("wrong-item"):
        if values["photos_received"]:
            assert "we sent you the wrong" in en.body and "我们发错了" in zh.body, label
        else:
            assert "we sent you the wrong" not in en.body and "photo" in en.body, label
            # nothing presumed before the photo: not the e-mail's closing, not the packing
            assert "mix-up" not in en.body and "went wrong" not in en.body, label
            assert "发错" not in zh.body and "出了错" not in zh.body, (label, zh.body)


def test_the_wrong_thing_is_named_in_words_not_by_the_options_label():
    for mistake, word in (("item", "item"), ("size", "size"), ("color", "color")):
        en, zh = render("wrong-item", mistake=mistake, photos_received=True)
        assert f"we sent you the wrong {word} for order" in en, en
        assert "The wrong" not in en and "A different" not in en, en
        assert "(you ordered size M in navy)" in en and "（您订购的是“size M in navy”）" in zh


def test_wrong_item_remedies_follow_the_value_and_the_glossary():
    en, zh = render("wrong-item", remedy="reship")
    assert "no need to return the other one" in en and "补发" in zh and "无需寄回" in zh
    en, zh = render("wrong-item", remedy="exchange")
    assert "prepaid return label" in en and "换货" in zh and "退货面单" in zh
    en, zh = render("wrong-item", remedy="return-refund")
    assert "prepaid return label" in en and "refund your order in full" in en
    en, _zh = render("wrong-item", mistake="color", ordered=None)
    assert "is not the color you ordered." in en
    en, zh = render("wrong-item", "amazon", remedy="return-refund")
    assert "request the return from Your Orders" in en and "“我的订单”" in zh
    en, zh = render("wrong-item", "aliexpress", remedy="return-refund")
    assert "Please request a return and refund on the order page" in en
    assert "请在订单页面申请退货退款" in zh


# --- refund-status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "english", "chinese"),
    [("aliexpress", "3–20", "3至20"), ("amazon", "3–10", "3至10"), ("ebay", "3–5", "3至5")],
)
def test_a_card_refund_takes_the_platforms_usual_time_unless_the_seller_says_otherwise(
    platform, english, chinese
):
    en, zh = render("refund-status", platform, days_min=None, days_max=None)
    assert f"{english} business days" in en and f"{chinese}个工作日" in zh
    en, zh = render("refund-status", platform, days_min=5, days_max=45)
    assert "5–45 business days" in en and "5至45个工作日" in zh


def test_a_refund_time_nobody_cited_is_left_for_the_seller_to_fill_in():
    for platform in ("generic", "shopee"):
        en, zh = render("refund-status", platform, days_min=None, days_max=None)
        assert "[Usual time: fewest business days]–[Usual time: most business days]" in en
        assert "[一般到账：最少工作日]至[一般到账：最多工作日]" in zh


def test_refund_status_says_where_the_refund_is_and_never_promises_a_day_of_arrival():
    en, _zh = render("refund-status", stage="processing")
    assert "has reached us" in en and "by November 27" in en
    en, zh = render("refund-status", stage="not-arrived", payment_method="paypal")
    assert "up to 30 days" in en and "30天" in zh
    assert "original purchase date" in en and "原来付款的日期" in zh
    assert "check your PayPal activity first" in en and "PayPal的交易记录" in zh
    en, _zh = render("refund-status", stage="issued", payment_method="paypal")
    assert "PayPal activity" not in en
    for label, _values, en, _zh in every("refund-status"):
        assert not re.search(r"will (arrive|reach you) (on|by)", en.body), label


# --- defect-after-use -------------------------------------------------------------------------


def test_defect_after_use_offers_troubleshooting_and_warranty_only_when_given():
    en, zh = render("defect-after-use")
    assert "12-month warranty" in en and "12个月的保修期" in zh
    assert "First, could you try this?" in en and "Charge it for 4 hours" in en
    assert "If it still does not work" in en and "video" in en and "视频" in zh
    en, zh = render("defect-after-use", troubleshooting=None, warranty_months=None)
    assert "try this" not in en and "warranty" not in en and "保修" not in zh
    assert en.split("\n\n")[2].startswith("Could you send us a short video")


def test_defect_after_use_remedies_print_what_they_need():
    en, zh = render("defect-after-use", remedy="spare-part", part_name=None)
    assert "a new [Spare part] free of charge" in en and "[配件名称]" in zh
    en, zh = render("defect-after-use", remedy="partial-refund", refund_amount=None)
    assert "[Partial refund amount]" in en and "you keep the item" in en
    en, _zh = render("defect-after-use", remedy="replacement")
    assert "new one free of charge" in en


# --- the whole group ------------------------------------------------------------------------

GROUP = (
    "unwanted-order",
    "missing-items",
    "damaged-item",
    "return-instructions",
    "wrong-item",
    "refund-status",
    "defect-after-use",
)


@pytest.mark.parametrize("scenario_id", GROUP)
def test_no_sentence_runs_into_the_next_paragraph(scenario_id):
    """A sentence's end is followed by a blank line or more text on its line, never a bare line
    break (a conditional that swallowed the blank line glues two paragraphs on a phone). A
    question may lead into lines of its own ("First, could you try this?" and the steps)."""
    for label, _values, en, zh in every(scenario_id):
        for body in (en.body, zh.body):
            glued = re.search(r"[.。]\n(?!\n)", body)
            assert not glued, (label, body[max(0, glued.start() - 40) : glued.end() + 20])


@pytest.mark.parametrize("scenario_id", GROUP)
def test_an_options_label_never_stands_in_for_words(scenario_id):
    scenario = CATALOG.get(scenario_id)
    labels = [o.labels["en"] for f in scenario.fields for o in f.options if " " in o.labels["en"]]
    for label, _values, en, _zh in every(scenario_id):
        for text in labels:
            assert text not in en.body, (label, text)


@pytest.mark.parametrize("scenario_id", GROUP)
def test_the_chinese_says_through_which_platform_in_the_sentence_not_in_brackets(scenario_id):
    for label, _values, _en, zh in every(scenario_id):
        assert "（通过" not in zh.body, (label, zh.body)


@pytest.mark.parametrize(
    ("scenario_id", "values", "field"),
    [
        ("missing-items", {}, "missing_items"),
        ("damaged-item", {}, "item_name"),
        ("damaged-item", {"photos_received": True}, "item_name"),
        ("wrong-item", {}, "item_name"),
        ("wrong-item", {}, "ordered"),
        ("defect-after-use", {}, "item_name"),
        ("defect-after-use", {"remedy": "spare-part"}, "part_name"),
    ],
)
def test_english_typed_inside_a_chinese_sentence_is_quoted(scenario_id, values, field):
    """An item name typed in English reads as a name in the Chinese, not as words glued to it."""
    value = CATALOG.get(scenario_id).examples()[field]
    _en, zh = render(scenario_id, **values)
    assert f"“{value}”" in zh, zh
