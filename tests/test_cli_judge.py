"""``render --platform`` checks and ``advise``, run as a seller's script would."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import run

pytestmark = pytest.mark.slow  # each test starts `python -m composer`


def test_render_json_lists_the_checks_with_spans(data_dir):
    done = run(
        "render", "address-change", "--example", "--platform", "amazon", "--json",
        "--set", "seller_name=Lily (lily@example.com)",
        data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    checks = data["checks"]
    # No coupon for a next order on Amazon, which bans it: the template leaves it out there.
    assert {c["code"] for c in checks} == {"email", "phone"}
    email = next(c for c in checks if c["code"] == "email" and c["language"] == "en")
    assert email["severity"] == "error"
    assert email["message"]["en"].startswith("Not allowed on Amazon: e-mail addresses")
    assert email["message"]["zh"].startswith("亚马逊不允许")
    body = data["drafts"]["en"]["body"]
    assert body[email["start"] : email["end"]] == "lily@example.com"
    assert set(email) == {"code", "severity", "language", "message", "start", "end", "part"}


def test_render_applies_the_rules_of_the_scenarios_kind(data_dir, write_template):
    folder = write_template(
        "shipped-note.toml",
        """
        id = "shipped-note"
        category = "shipping"
        kind = "notice"

        [title]
        en = "Shipped"
        zh = "已发货"

        [reply.en]
        body = "Hi,{% if platform == 'amazon' %} Amazon buyer,{% endif %} your order has shipped."

        [reply.zh]
        body = "您好，您的订单已发货。"
        """,
    ).parent
    args = ("render", "shipped-note", "--templates", str(folder), "--json", "--lang", "en")
    done = run(*args, "--platform", "amazon", data_dir=data_dir)
    data = json.loads(done.stdout)
    (check,) = data["checks"]
    assert check["code"] == "shipping-confirmation" and check["severity"] == "error"
    body = data["drafts"]["en"]["body"]
    assert "Hi, Amazon buyer," in body  # the platform reached the template
    assert body[check["start"] : check["end"]] == "has shipped"
    done = run(*args, "--platform", "ebay", data_dir=data_dir)
    assert json.loads(done.stdout)["checks"] == []


def test_render_defaults_to_the_generic_rules_and_strict_fails_on_errors(data_dir):
    done = run("render", "shipping-delay", "--example", "--json", data_dir=data_dir)
    assert json.loads(done.stdout)["checks"] == []
    done = run(
        "render", "shipping-delay", "--example", "--strict", "--lang", "en",
        "--set", "buyer_name=Maria, pay via PayPal", "--platform", "ebay",
        data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 1
    assert "error [en] off-platform: Asks to pay or talk outside eBay" in done.stderr
    assert done.stdout.startswith("===== English =====")


def test_an_unknown_platform_is_bad_usage(data_dir):
    done = run("render", "shipping-delay", "--platform", "myspace", data_dir=data_dir)
    assert done.returncode == 2
    assert "unknown platform 'myspace'" in done.stderr and "amazon" in done.stderr


def test_a_platform_from_the_sellers_own_file(data_dir):
    (data_dir / "platforms.toml").write_text(
        '[myshop]\nname = { en = "My shop" }\n[myshop.rules.emoji]\nseverity = "error"\n',
        encoding="utf-8",
    )
    done = run(
        "render", "shipping-delay", "--example", "--platform", "myshop", "--json",
        "--set", "buyer_name=Maria 😊", "--lang", "es",
        data_dir=data_dir,
    )  # fmt: skip
    assert [c["code"] for c in json.loads(done.stdout)["checks"]] == ["emoji"]


def test_advise_json_is_ranked_best_first(data_dir):
    done = run(
        "advise", "--problem", "unwanted", "--logistics", "express", "--order-value", "25",
        "--shipping-cost", "10", "--return-cost", "13", "--json",
        data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["options"]
    assert [o["remedy"] for o in data["options"]] == [
        "keep-with-partial-refund",
        "return-at-buyer-cost",
        "refuse-delivery",
    ]
    first = data["options"][0]
    assert set(first) == {"remedy", "seller_cost", "reason"}
    assert first["seller_cost"] == 7.5
    assert first["reason"]["en"].startswith("An express return costs $13.00")
    assert first["reason"]["zh"].startswith("快递退货运费13.00美元")


def test_advise_past_promised_and_text_output(data_dir):
    done = run(
        "advise", "--problem", "not-received", "--logistics", "economy", "--order-value", "9.90",
        "--shipping-cost", "2", "--past-promised",
        data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "1. Full refund / 全额退款: costs you 9.90 USD"
    assert "no tracking" in done.stdout


def test_advise_refuses_bad_facts(data_dir):
    done = run(
        "advise", "--problem", "lost", "--logistics", "postal", "--order-value", "9",
        "--shipping-cost", "2",
        data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 2 and "invalid choice: 'lost'" in done.stderr
    done = run(
        "advise", "--problem", "damaged", "--logistics", "postal", "--order-value", "-9",
        "--shipping-cost", "2",
        data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 2 and "'-9' is negative" in done.stderr
