"""The command line, run as a seller's script would: a subprocess, its output and exit code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from composer.templating.validate import CJK
from tests.helpers.cli import run
from tests.helpers.scenarios import SHIPPED_CATEGORIES

pytestmark = pytest.mark.slow  # each test starts `python -m composer`

ROOT = Path(__file__).resolve().parent.parent


def test_list_json_names_every_scenario(data_dir):
    done = run("list", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    listed = {s["id"]: s for s in json.loads(done.stdout)}
    assert set(SHIPPED_CATEGORIES) <= set(listed)
    assert listed["shipping-delay"]["title"] == {
        "en": "Shipping delay notice",
        "zh": "物流延误通知",
    }


def test_list_text_shows_both_titles(data_dir):
    done = run("list", data_dir=data_dir)
    assert "shipping-delay" in done.stdout and "物流延误通知" in done.stdout


def test_fields_json(data_dir):
    done = run("fields", "shipping-delay", "--json", data_dir=data_dir)
    fields = {f["name"]: f for f in json.loads(done.stdout)["fields"]}
    assert fields["reason"]["type"] == "choice"
    assert [o["key"] for o in fields["reason"]["options"]] == [
        "customs",
        "peak-season",
        "bad-weather",
        "holiday",
        "other",
    ]
    assert fields["new_estimate"] == {
        **fields["new_estimate"],
        "required": False,
        "example": "2026-12-18",
    }


def test_render_example_all_languages_json(data_dir):
    done = run(
        "render", "shipping-delay", "--example", "--lang", "all", "--json", data_dir=data_dir
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["scenario"] == "shipping-delay"
    assert out["missing"] == []
    assert set(out["drafts"]) >= {"en", "zh", "es", "fr"}  # every language the scenario has
    en, zh = out["drafts"]["en"], out["drafts"]["zh"]
    assert en["subject"] is None  # a chat message has no subject line
    assert en["body"].startswith("Hi Maria,")
    assert not CJK.search(en["body"])
    assert "海关" in zh["body"]


def test_render_set_overrides_examples_and_values_file(data_dir, tmp_path):
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"reason": "bad-weather", "new_estimate": "2027-01-04"}))
    done = run(
        "render", "shipping-delay", "--example", "--values", str(values),
        "--set", "buyer_name=Ana", "--lang", "en", data_dir=data_dir,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Hi Ana," in done.stdout
    assert "bad weather" in done.stdout
    assert re.search(r"January 4(, 2027)?\b", done.stdout)
    assert "中文" not in done.stdout


def test_strict_render_fails_on_missing_required_fields(data_dir):
    done = run("render", "shipping-delay", "--strict", "--json", data_dir=data_dir)
    assert done.returncode == 1
    assert json.loads(done.stdout)["missing"] == ["order_number", "seller_name", "shop_name"]
    assert "order_number" in done.stderr
    assert run("render", "shipping-delay", "--json", data_dir=data_dir).returncode == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["render", "no-such"], "unknown scenario 'no-such'"),
        (["render", "shipping-delay", "--set", "reason=fog"], "reason: 'fog' is not one of"),
        (
            ["render", "shipping-delay", "--set", "new_estimate=tomorrow"],
            "new_estimate: 'tomorrow'",
        ),
        (["render", "shipping-delay", "--set", "colour=red"], "has no field 'colour'"),
        (["render", "shipping-delay", "--set", "oops"], "NAME=VALUE"),
        (["render", "shipping-delay", "--lang", "tlh"], "no 'tlh' reply"),
        (["fields", "nope"], "unknown scenario 'nope'"),
        (["check", "/no/such/folder"], "template folder not found"),
    ],
)
def test_bad_usage_exits_2_with_one_clear_line(data_dir, args, words):
    done = run(*args, data_dir=data_dir)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert words in done.stderr


def test_check_passes_on_the_shipped_library(data_dir):
    done = run("check", data_dir=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok, 0 warning(s)" in done.stdout


def test_check_reports_a_broken_folder_by_file_and_line(
    data_dir, tmp_path, minimal_template, write_template
):
    broken = write_template("thanks.toml", minimal_template.replace("{{ total }}.", "{{ total }."))
    done = run("check", str(broken.parent), "--json", data_dir=data_dir)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False
    (finding,) = report["findings"]
    assert finding["file"] == str(broken) and finding["line"] == 23


def test_users_own_templates_in_the_data_folder_are_loaded(data_dir, minimal_template):
    import textwrap

    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "thanks.toml").write_text(textwrap.dedent(minimal_template), encoding="utf-8")
    done = run("render", "thanks", "--example", "--lang", "zh", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert "感谢您支付13.00美元。" in done.stdout


def test_the_home_environment_variable_picks_the_data_folder(tmp_path, minimal_template):
    import os
    import textwrap

    home = tmp_path / "shared-drive"
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "thanks.toml").write_text(textwrap.dedent(minimal_template))
    env = {**os.environ, "REPLY_COMPOSER_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "composer", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert "thanks" in done.stdout
