"""Pre-send checks: each code triggers on what it should and stays quiet on polite replies."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from composer.judgement.findings import BUILT_IN_CODES, errors
from composer.judgement.presend import check_draft, check_text
from composer.judgement.rules import RULE_CODES, load_rulebook
from composer.templating.fields import FieldType
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import variants
from tests.helpers.scenarios import SHIPPED

BOOK = load_rulebook()
RESULT = load_catalog([SHIPPED])
RENDERER = Renderer(RESULT.catalog)
PLATFORMS = sorted(BOOK.platforms)


def codes(text: str, platform: str = "amazon", language: str = "en") -> list[str]:
    found = check_text(
        text,
        language,
        BOOK.platform(platform),
        BOOK.phrases,
        script="Hans" if language == "zh" else "Latn",
    )
    return [c.code for c in found]


def spans(text: str, platform: str = "amazon", language: str = "en") -> dict[str, list[str]]:
    found = check_text(
        text,
        language,
        BOOK.platform(platform),
        BOOK.phrases,
        script="Hans" if language == "zh" else "Latn",
    )
    result: dict[str, list[str]] = {}
    for check in found:
        result.setdefault(check.code, []).append(text[check.start : check.end])
    return result


def test_the_shipped_rules_load_cleanly_with_a_source_for_each():
    assert BOOK.problems == []
    assert set(PLATFORMS) == {
        *("amazon", "ebay", "aliexpress", "shopee", "etsy", "wish", "tiktok", "temu", "generic")
    }
    for platform in BOOK.platforms.values():
        assert platform.names["en"] and platform.names["zh"]
        for rule in platform.rules.values():
            assert len(rule.source) > 30, (platform.id, rule.code)
            assert rule.certainty in ("documented", "reported", "cautious")


def test_the_known_platform_facts_are_in_the_profiles():
    amazon, ebay = BOOK.platforms["amazon"], BOOK.platforms["ebay"]
    for code in ("link", "email", "phone", "review-incentive", "review-conditional", "emoji"):
        assert amazon.rule(code).severity == "error", code
    assert amazon.rule("too-long").limit == 2000
    for code in ("email", "phone", "off-platform", "review-incentive", "html"):
        assert ebay.rule(code).severity == "error", code
    assert ebay.rule("review-conditional") is None  # eBay allows asking once resolved
    for platform in ("shopee", "etsy"):
        assert BOOK.platforms[platform].rule("off-platform").severity == "error"


MUST_TRIGGER = [
    ("link", "Please visit https://sunny-home.example.com/deals for more.", "https://sunny"),
    ("link", "See www.fedex.com for the tracking.", "www.fedex.com"),
    ("link", "Our own shop is sunnyhome.shop now.", "sunnyhome.shop"),
    ("email", "Write to lily.chen@gmail.com for help.", "lily.chen@gmail.com"),
    ("phone", "Call us at +1 (415) 555-0100 today.", "+1 (415) 555-0100"),
    ("phone", "Or call 800-463-3339.", "800-463-3339"),
    ("phone", "My WhatsApp is 13800138000.", "13800138000"),
    ("phone", "Ring 020 7946 0958 any time.", "020 7946 0958"),
    ("off-platform", "Please pay via PayPal to save the fees.", "pay via PayPal"),
    ("off-platform", "Add me on WhatsApp for faster help.", "Add me on WhatsApp"),
    ("off-platform", "We can sell it to you outside of Amazon.", "outside of Amazon"),
    ("off-platform", "Order it directly from us next time.", "Order it directly from us"),
    ("review-incentive", "We will refund $5 if you change your review to 5 stars.", "We will"),
    ("review-incentive", "Leave us a review and get a coupon for your next order!", "Leave us"),
    ("review-incentive", "A gift card in exchange for your honest feedback.", "A gift card"),
    ("review-conditional", "If you are happy with the item, please leave a review.", "If you"),
    ("review-conditional", "Please leave positive feedback for us.", "leave positive feedback"),
    ("review-conditional", "Please rate us 5 stars if you are satisfied.", ""),
    ("emoji", "Thank you 😊 for your order!", "😊"),
    ("html", "Thanks <b>a lot</b> for waiting.", "<b>"),
    ("html", "Dear&nbsp;customer,", "&nbsp;"),
    ("too-long", "Thank you for your patience. " * 80, ""),
    ("future-coupon", "Sorry! Here is 10% off your next purchase.", "10% off your next"),
    ("future-coupon", "Use the coupon SUNNY5 on your next order.", "coupon SUNNY5"),
    ("placeholder", "Dear XXX, thanks.", "XXX"),
    ("placeholder", "Best regards, (Your name)", "(Your name)"),
    ("placeholder", "Your order [...] shipped.", "[...]"),
    ("placeholder", "Hello {{ buyer_name }}", "{{"),
    ("wrong-script", "Dear 王芳, your parcel has shipped.", "王芳"),
]


@pytest.mark.parametrize(("code", "text", "shown"), MUST_TRIGGER)
def test_each_check_triggers_on_what_it_is_for(code, text, shown):
    found = spans(text)
    assert code in found, found
    assert any(s.startswith(shown) for s in found[code]), found[code]


MUST_NOT_TRIGGER = [
    ("link", "Track it on amazon.com any time."),  # the platform's own site
    ("link", "e.g. the item, i.e. the parcel, Mr. Smith, version 2.5."),
    ("email", "Thank you @Maria for your order."),
    ("phone", "Your order 8175630291847563 shipped on 2026-03-27."),
    ("phone", "The order number is 112-3456789-0123456."),
    ("phone", "Your order 12-34567-89012 is on its way."),
    ("phone", "Maria Garcia, 1200 Oak Street, Apt 4B, Austin, TX 78701"),
    ("phone", "The total is $1,234.56 for 3 items."),
    ("off-platform", "We have refunded the money to your original payment method."),
    ("off-platform", "You can contact us any time through the platform's messages."),
    ("review-incentive", "We will refund you in full. We would appreciate your feedback."),
    ("review-incentive", "Please feel free to leave feedback about your experience."),
    ("review-incentive", "We are offering you 5% off your next order as a thank-you."),
    ("review-conditional", "Thank you for your review; we are sorry the item was late."),
    ("review-conditional", "If you have any questions, please feel free to contact us."),
    ("emoji", "Thank you! We shipped it: 100% cotton, size M/L."),
    ("html", "Sizes 2 < 3 and 5 > 4; R&D team; <Order number>."),
    ("too-long", "Thank you for your patience."),
    ("future-coupon", "We have refunded 10% of the order to you."),
    ("placeholder", "Your order of 3 items (size XL) is on its way."),
]


@pytest.mark.parametrize(("code", "text"), MUST_NOT_TRIGGER)
def test_each_check_stays_quiet_on_ordinary_text(code, text):
    assert code not in codes(text), spans(text)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("off-platform", "请加我微信联系。"),
        ("off-platform", "请通过支付宝付款给我们。"),
        ("review-incentive", "好评返现5美元。"),
        ("review-incentive", "修改差评后我们会给您退款。"),
        ("review-conditional", "如果您满意，请给我们五星好评。"),
    ],
)
def test_chinese_wording_triggers_too(code, text):
    assert code in codes(text, language="zh")


def test_chinese_polite_reply_is_quiet_and_chinese_is_fine_in_chinese():
    text = "给您带来不便，我们深表歉意，非常感谢您的耐心与理解！如有其他问题，欢迎随时联系我们。"
    assert codes(text, language="zh") == []


# Rules for one kind of message only: tested on rendered drafts in tests/test_kind_checks.py.
KIND_CODES = {"shipping-confirmation", "thank-you-only"}


def test_every_code_is_tested_both_ways():
    triggered = {code for code, _, _ in MUST_TRIGGER}
    quiet = {code for code, _ in MUST_NOT_TRIGGER}
    assert set(RULE_CODES) - KIND_CODES <= triggered & quiet
    assert {"placeholder", "wrong-script"} <= triggered


def test_severity_follows_the_platform():
    assert codes("Thank you 😊") == ["emoji"]
    assert codes("Thank you 😊", "ebay") == []
    text = "Call us at 800-463-3339."
    assert [c.severity for c in check_text(text, "en", BOOK.platform("amazon"))] == ["error"]
    assert [c.severity for c in check_text(text, "en", BOOK.platform("generic"))] == ["warning"]
    assert check_text(text, "en") == []  # no platform, no platform rules


def test_too_long_spans_the_part_past_the_limit():
    text = "Thanks! " * 262 + "Bye."
    (check,) = check_text(text, "en", BOOK.platform("amazon"))
    assert (check.code, check.start, check.end) == ("too-long", 2000, 2100)
    assert "2,100 characters" in check.message["en"] and "2000" in check.message["zh"]


def test_messages_come_in_both_interface_languages():
    for check in check_text("Mail lily@example.com 😊 <b>", "en", BOOK.platform("amazon")):
        assert check.message["en"] and check.message["zh"]
        assert "Amazon" in check.message["en"] and "亚马逊" in check.message["zh"]


def test_a_seller_switches_a_rule_off_in_the_data_folder(data_dir):
    (data_dir / "platforms.toml").write_text(
        '[amazon.rules.emoji]\nenabled = false\n\n[amazon.rules.phone]\nseverity = "info"\n\n'
        '[myshop]\nname = { en = "My shop" }\n[myshop.rules.link]\nseverity = "error"\n',
        encoding="utf-8",
    )
    book = load_rulebook(data_dir)
    assert book.problems == []
    amazon = book.platform("amazon")
    assert amazon.rule("emoji") is None
    assert amazon.rule("phone").severity == "info"
    assert amazon.rule("phone").source == BOOK.platform("amazon").rule("phone").source
    assert amazon.rule("email").severity == "error"  # untouched
    assert book.platform("myshop").rule("link").severity == "error"
    assert [c.code for c in check_text("Hi 😊 800-463-3339", "en", amazon)] == ["phone"]


def test_mistakes_in_the_sellers_rule_file_are_reported_not_fatal(data_dir):
    (data_dir / "platforms.toml").write_text(
        '[amazon.rules.emoji]\nseverity = "fatal"\n[amazon.rules.glitter]\nseverity = "error"\n',
        encoding="utf-8",
    )
    (data_dir / "phrases.toml").write_text("[en]\noff-platform = ['(unclosed']\n", "utf-8")
    book = load_rulebook(data_dir)
    assert any("severity must be one of" in p for p in book.problems)
    assert any("unknown check code" in p for p in book.problems)
    assert any("is not a pattern" in p for p in book.problems)
    assert book.platform("amazon").rule("email") is not None
    (data_dir / "platforms.toml").write_text("[amazon\n", encoding="utf-8")
    broken = load_rulebook(data_dir)
    assert any("TOML syntax" in p for p in broken.problems)
    assert broken.platform("amazon").rule("email") is not None  # the shipped rules remain


# --- checks on rendered drafts -----------------------------------------------------------


def draft_checks(scenario_id, values, platform="amazon", reply_format="chat"):
    scenario = RESULT.catalog.get(scenario_id)
    result = RENDERER.render_draft(scenario, values, platform=platform, reply_format=reply_format)
    found = check_draft(
        result,
        scenario,
        values,
        RESULT.catalog.languages,
        BOOK.platform(platform),
        BOOK.phrases,
    )
    return result, found


def expected(scenario, platform: str) -> set[str]:
    """Errors a shipped scenario is meant to get: the platform forbids that kind of message
    (Amazon sends its own shipping confirmations)."""
    if platform != "amazon":
        return set()
    return {"shipping-confirmation"} if scenario.kind == "notice" else set()


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("scenario_id", sorted(RESULT.catalog.scenarios))
def test_no_shipped_scenario_gives_an_error_on_any_platform(scenario_id, platform):
    scenario = RESULT.catalog.get(scenario_id)
    for label, values in variants(scenario):
        _, found = draft_checks(scenario_id, values, platform)
        unexpected = [
            c
            for c in errors(found)
            if c.code not in expected(scenario, platform) and not amount_left_out(c, values)
        ]
        assert unexpected == [], (label, [c.message["en"] for c in unexpected])


def amount_left_out(check, values) -> bool:
    """An amount the variant leaves empty while the reply promises it: an error by design."""
    return (
        check.code == "unfilled-field"
        and values.get(check.field) is None
        and any(
            f.name == check.field and f.type is FieldType.MONEY
            for s in RESULT.catalog.scenarios.values()
            for f in s.fields
        )
    )


def test_unfilled_fields_point_at_their_marker_and_field():
    scenario = RESULT.catalog.get("shipping-delay")
    # The e-mail: a chat message has no subject line.
    result, found = draft_checks("shipping-delay", scenario.defaults(), reply_format="email")
    unfilled = [c for c in found if c.code == "unfilled-field"]
    assert [c.field for c in unfilled] == ["order_number", "seller_name", "shop_name"]
    first = unfilled[0]
    assert (first.severity, first.language, first.part) == ("error", "en", "subject")
    assert result.drafts["en"].subject[first.start : first.end] == "[Order number]"
    assert first.message == {"en": "Fill in: Order number", "zh": "请填写：订单号"}
    body = unfilled[1]
    assert result.drafts["en"].body[body.start : body.end] == "[Your name]"


def test_an_optional_amount_the_reply_shows_empty_is_an_error():
    scenario = RESULT.catalog.get("returning-to-sender")
    values = {**scenario.examples(), "reason": "refused"}
    values["offer"] = "refund-less-shipping-buyer-pays"
    values["shipping_cost"] = None
    result, found = draft_checks("returning-to-sender", values)
    (check,) = [c for c in found if c.code == "unfilled-field"]
    assert (check.severity, check.field) == ("error", "shipping_cost")
    assert result.drafts["en"].body[check.start : check.end] == "[Shipping kept back]"
    assert check.message["en"] == "Fill in the amount the reply promises: Shipping kept back"


@pytest.mark.parametrize(
    ("scenario_id", "choice", "amount"),
    [
        ("damaged-item", {"remedy": "partial-refund", "refund_percent": None}, "refund_amount"),
        ("missing-items", {"remedy": "refund"}, "refund_amount"),
        ("dispute-opened", {"solution": "partial-refund"}, "refund_amount"),
        ("unwanted-order", {"logistics": "express"}, None),  # no refund: the reply offers none
        ("defect-after-use", {"remedy": "partial-refund"}, "refund_amount"),
        ("damaged-item", {"remedy": "reship-shared-cost"}, "buyer_share"),
    ],
)
def test_a_chosen_remedy_without_its_amount_shows_the_marker_and_an_error(
    scenario_id, choice, amount
):
    scenario = RESULT.catalog.get(scenario_id)
    money = [f.name for f in scenario.fields if f.type is FieldType.MONEY]
    values = {**scenario.examples(), **choice, **dict.fromkeys(money)}
    result, found = draft_checks(scenario_id, values)
    unfilled = {c.field: c for c in found if c.code == "unfilled-field"}
    if amount is None:
        assert not any(f in unfilled for f in money)
        assert "[" not in result.drafts["en"].body
        return
    check = unfilled[amount]
    assert check.severity == "error"
    shown = result.drafts[check.language].body[check.start : check.end]
    assert shown == f"[{scenario.field(amount).label('en')}]"


def test_an_optional_text_the_reply_shows_empty_is_still_a_warning():
    scenario = RESULT.catalog.get("defect-after-use")
    values = {**scenario.examples(), "remedy": "spare-part", "part_name": None}
    _, found = draft_checks("defect-after-use", values)
    (check,) = [c for c in found if c.code == "unfilled-field"]
    assert (check.field, check.severity) == ("part_name", "warning")


def test_a_carriers_number_is_only_a_warning_but_the_sellers_own_is_an_error():
    values = RESULT.catalog.get("address-change").examples()
    result, found = draft_checks("address-change", values)
    phones = [c for c in found if c.code == "phone"]
    assert {c.severity for c in phones} == {"warning"}
    assert {c.language for c in phones} == set(RESULT.catalog.languages)  # every reply has it
    en = next(c for c in phones if c.language == "en")
    assert result.drafts["en"].body[en.start : en.end] == "800-463-3339"
    assert "Carrier's phone number" in en.message["en"]
    values["seller_name"] = "Lily Chen, call me on +1 415 555 0100"
    _, found = draft_checks("address-change", values)
    assert any(c.code == "phone" and c.severity == "error" for c in found)


def test_order_numbers_in_fields_are_never_phone_numbers():
    values = {**RESULT.catalog.get("shipping-delay").examples(), "order_number": "12-34567-8901"}
    _, found = draft_checks("shipping-delay", values)
    assert [c for c in found if c.code == "phone"] == []


def test_chinese_typed_into_a_field_is_flagged_in_every_reply_but_the_chinese():
    values = {**RESULT.catalog.get("shipping-delay").examples(), "buyer_name": "王芳"}
    result, found = draft_checks("shipping-delay", values)
    flagged = {c.language: c for c in found if c.code == "wrong-script"}
    assert set(flagged) == set(RESULT.catalog.languages) - {"zh"}
    check = flagged["en"]
    assert check.severity == "warning"
    assert result.drafts["en"].body[check.start : check.end] == "王芳"


def test_a_reply_that_cannot_render_is_an_error(write_template, minimal_template):
    evil = minimal_template.replace("Thank you for paying {{ total }}.", "{{ total.__class__ }}")
    folder = write_template("thanks.toml", evil).parent
    result = load_catalog([SHIPPED, folder])
    scenario = result.catalog.get("thanks")
    rendered = Renderer(result.catalog).render_draft(scenario, scenario.examples())
    found = check_draft(rendered, scenario, scenario.examples(), result.catalog.languages)
    assert [(c.code, c.language) for c in errors(found)] == [("template-error", "en")]
    assert set(BUILT_IN_CODES) >= {c.code for c in found}


def test_findings_come_most_serious_first_and_serialize():
    values = {**RESULT.catalog.get("shipping-delay").examples(), "buyer_name": "王芳 😊"}
    values["order_number"] = None
    _, found = draft_checks("shipping-delay", values)
    assert [c.severity for c in found] == sorted(
        (c.severity for c in found), key=["error", "warning", "info"].index
    )
    data = found[0].to_json()
    assert set(data) == {"code", "severity", "language", "message", "start", "end", "part"}


def test_checking_a_draft_is_fast():
    scenario = RESULT.catalog.get("address-change")
    values = scenario.examples()
    result = RENDERER.render_draft(scenario, values)
    amazon = BOOK.platform("amazon")
    started = time.perf_counter()
    for _ in range(50):
        check_draft(result, scenario, values, RESULT.catalog.languages, amazon, BOOK.phrases)
    per_draft = (time.perf_counter() - started) / 50
    assert per_draft < 0.05  # measured about 2 ms for two 800-character replies


def test_the_platform_files_ship_with_the_package():
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8")
    assert '"platforms" = "composer/platforms"' in pyproject
