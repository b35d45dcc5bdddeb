"""Rendering: per-language formatting, literal values, visible markers, the sandbox."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal

import pytest

from composer.templating.fields import Money
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer, tidy
from tests.helpers.scenarios import SHIPPED


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog([SHIPPED])
    assert result.errors == []
    return result.catalog


@pytest.fixture
def renderer(catalog):
    return Renderer(catalog)


def test_each_language_formats_dates_its_own_way(catalog, renderer):
    scenario = catalog.get("shipping-delay")
    values = {**scenario.examples(), "new_estimate": dt.date(2027, 3, 27)}
    drafts = renderer.render_draft(scenario, values, today=dt.date(2026, 11, 30)).drafts
    assert "by March 27, 2027." in drafts["en"].body
    assert "最晚2027年3月27日送达" in drafts["zh"].body
    drafts = renderer.render_draft(scenario, values, today=dt.date(2027, 1, 5)).drafts
    assert "by March 27." in drafts["en"].body
    assert "最晚3月27日送达" in drafts["zh"].body


def test_choice_labels_and_conditionals_follow_the_key(catalog, renderer):
    scenario = catalog.get("shipping-delay")
    for key, english, chinese in [
        ("customs", "customs clearance", "海关清关"),
        ("peak-season", "peak shipping season", "物流旺季"),
        ("bad-weather", "bad weather", "恶劣天气"),
        ("holiday", "public holidays", "公共假期"),
        ("other", "reports a delay", "出现延误"),
    ]:
        drafts = renderer.render_draft(scenario, {**scenario.examples(), "reason": key}).drafts
        assert english in drafts["en"].body
        assert chinese in drafts["zh"].body


def test_money_and_percent_are_formatted_by_babel(write_template, minimal_template):
    folder = write_template("thanks.toml", minimal_template).parent
    result = load_catalog([SHIPPED, folder])
    scenario = result.catalog.get("thanks")
    renderer = Renderer(result.catalog)
    values = {**scenario.examples(), "total": Money(Decimal("1234.5"), "USD")}
    drafts = renderer.render_draft(scenario, values).drafts
    assert drafts["en"].body.endswith("Thank you for paying $1,234.50.")
    assert drafts["zh"].body.endswith("感谢您支付1,234.50美元。")
    values["total"] = Money(Decimal("13"), "EUR")
    assert renderer.render_draft(scenario, values).drafts["en"].body.endswith("paying €13.00.")


def test_percent_in_each_language(catalog, renderer):
    # English writes the percent off; Chinese writes it as a discount (7.5% off is 92.5折).
    scenario = catalog.get("address-change")
    values = {**scenario.examples(), "remedy": "too-late", "discount": Decimal("7.5")}
    drafts = renderer.render_draft(scenario, values).drafts
    assert "7.5% off" in drafts["en"].body
    assert "92.5折" in drafts["zh"].body
    values["discount"] = Decimal("10")
    assert "9折" in renderer.render_draft(scenario, values).drafts["zh"].body


@pytest.mark.parametrize("typed", ["{{ 7*7 }}", "{% raw %}", "{{ ''.__class__ }}", "{# x #}"])
def test_a_value_is_inserted_literally_never_evaluated(catalog, renderer, typed):
    scenario = catalog.get("shipping-delay")
    values = {**scenario.examples(), "buyer_name": typed, "order_number": typed}
    result = renderer.render_draft(scenario, values)
    for draft in result.drafts.values():
        assert draft.error is None
        assert typed in draft.body
        assert "49" not in draft.body


def test_unfilled_fields_show_a_marker_in_each_language(catalog, renderer):
    scenario = catalog.get("shipping-delay")
    result = renderer.render_draft(scenario, scenario.defaults(), reply_format="email")
    assert result.missing == ["order_number", "seller_name", "shop_name"]
    en, zh = result.drafts["en"], result.drafts["zh"]
    assert "(order [Order number])" in en.body and en.subject.endswith("[Order number]")
    assert "（订单号[订单号]）" in zh.body
    assert set(en.markers) == {"[Order number]", "[Your name]", "[Shop name]"}
    assert set(zh.markers) == {"[订单号]", "[您的名字]", "[店铺名称]"}


def test_a_field_a_conditional_leaves_out_is_not_marked(catalog, renderer):
    scenario = catalog.get("shipping-delay")
    values = {**scenario.examples(), "buyer_name": "", "new_estimate": None}
    result = renderer.render_draft(scenario, values)
    assert result.missing == []
    assert result.drafts["en"].body.startswith("Hello,\n\n")
    assert result.drafts["zh"].body.startswith("您好！\n\n")
    assert "expects to deliver" not in result.drafts["en"].body
    assert result.drafts["en"].markers == ()


def test_only_the_requested_languages_are_rendered(catalog, renderer):
    scenario = catalog.get("unpaid-reminder")
    result = renderer.render_draft(scenario, scenario.examples(), ["zh"])
    assert list(result.drafts) == ["zh"]


def test_a_template_that_escapes_the_sandbox_fails_cleanly(write_template, minimal_template):
    evil = minimal_template.replace(
        "Thank you for paying {{ total }}.",
        "{{ total.__class__.__init__.__globals__ }} Paid {{ total }}.",
    )
    folder = write_template("thanks.toml", evil).parent
    result = load_catalog([SHIPPED, folder])
    scenario = result.catalog.get("thanks")
    rendered = Renderer(result.catalog).render_draft(scenario, scenario.examples())
    assert rendered.drafts["en"].error.startswith("SecurityError: access to attribute")
    assert rendered.drafts["en"].body == ""
    assert rendered.drafts["zh"].error is None
    assert not rendered.ok


def test_templates_are_compiled_once_per_language(catalog, renderer, monkeypatch):
    scenario = catalog.get("shipping-delay")
    renderer.render_draft(scenario, scenario.examples())
    calls = []
    for env in renderer._environments.values():
        original = env.from_string
        monkeypatch.setattr(
            env, "from_string", lambda *a, _o=original, **k: calls.append(a) or _o(*a, **k)
        )
    for name in ["A", "Ab", "Abc"]:
        renderer.render_draft(scenario, {**scenario.examples(), "buyer_name": name})
    assert calls == []


def test_tidy_trims_line_ends_and_collapses_blank_runs():
    assert tidy("\n\nDear A,  \n\n\n\nThanks.\n\n") == "Dear A,\n\nThanks."


def test_a_locale_without_babel_data_is_a_draft_error_not_a_crash(write_template):
    folder = write_template(
        "catalog.toml",
        """
        [languages.zh]
        locale = "xx_YY"
        name = "中文"
        money_style = "name"
        """,
    ).parent
    result = load_catalog([SHIPPED, folder])
    scenario = result.catalog.get("shipping-delay")
    drafts = Renderer(result.catalog).render_draft(scenario, scenario.examples()).drafts
    assert drafts["en"].error is None
    assert drafts["zh"].error == "UnknownLocaleError: unknown locale 'xx_YY'"


# --- how the reply is sent: chat or e-mail, and to which platform -------------------------


def test_a_reply_is_a_chat_message_unless_the_seller_asks_for_the_letter(catalog, renderer):
    scenario = catalog.get("damaged-item")
    values = {**scenario.examples(), "buyer_name": "Maria"}
    chat = renderer.render_draft(scenario, values).drafts
    assert chat["en"].body.startswith("Hi Maria,\n\n")
    assert chat["en"].body.endswith("\n\nLily Chen, Sunny Home Store")
    assert chat["zh"].body.startswith("您好，Maria！\n\n")
    assert chat["zh"].body.endswith("\n\nLily Chen（Sunny Home Store）")
    email = renderer.render_draft(scenario, values, reply_format="email").drafts
    assert email["en"].body.startswith("Dear Maria,\n\n")
    assert email["en"].body.endswith("\n\nBest regards,\nLily Chen\nSunny Home Store")
    assert email["zh"].body.endswith("\n\n祝您生活愉快！\nLily Chen\nSunny Home Store")
    nameless = renderer.render_draft(scenario, {**values, "buyer_name": None}).drafts
    assert nameless["en"].body.startswith("Hello,\n\n")
    assert nameless["zh"].body.startswith("您好！\n\n")
    with pytest.raises(ValueError, match="letter"):
        renderer.render_draft(scenario, values, reply_format="letter")


def test_the_profiles_sign_off_ends_a_chat_reply(catalog, renderer):
    scenario = catalog.get("damaged-item")
    values = {**scenario.examples(), "sign_off": "Lily, Sunny Home"}
    drafts = renderer.render_draft(scenario, values).drafts
    assert drafts["en"].body.endswith("\n\nLily, Sunny Home")
    assert drafts["zh"].body.endswith("\n\nLily, Sunny Home")
    # The letter keeps its full signature.
    email = renderer.render_draft(scenario, values, reply_format="email").drafts
    assert email["en"].body.endswith("Best regards,\nLily Chen\nSunny Home Store")


def test_a_template_can_word_things_the_platforms_way(write_template, minimal_template):
    text = minimal_template.replace(
        "Thank you for paying {{ total }}.",
        '{% if platform == "aliexpress" %}Please close the dispute.{% else %}Thanks.{% endif %}'
        " ({{ format }}, {{ total }})",
    )
    folder = write_template("thanks.toml", text).parent
    result = load_catalog([SHIPPED, folder])
    assert result.problems == []
    scenario = result.catalog.get("thanks")
    render = Renderer(result.catalog).render_draft
    body = render(scenario, scenario.examples(), ["en"], platform="aliexpress").drafts["en"].body
    assert body.endswith("Please close the dispute. (chat, $13.00)")
    body = render(scenario, scenario.examples(), ["en"], reply_format="email").drafts["en"].body
    assert body.endswith("Thanks. (email, $13.00)")


def test_a_misspelt_format_or_kind_is_named_with_its_line(write_template, minimal_template):
    text = minimal_template.replace(
        "Thank you for paying {{ total }}.",
        '{% if format == "e-mail" %}Dear all.{% endif %}',
    )
    folder = write_template("thanks.toml", text).parent
    (problem,) = load_catalog([SHIPPED, folder]).problems
    assert "compares format with 'e-mail'" in problem.message and problem.line > 1
    text = 'kind = "letter"\n' + textwrap.dedent(minimal_template).lstrip("\n")
    folder = write_template("thanks.toml", text).parent
    (problem,) = load_catalog([SHIPPED, folder]).problems
    assert "kind must be one of answer, notice" in problem.message and problem.line == 1
