"""Which languages a reply is shown in: the buyer's (from the message, else the last used, else
English) beside the Chinese, and English standing in for a language a scenario lacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from composer.templating.loader import load_catalog
from composer.templating.scenario import Catalog
from composer.workspace import Workspace, buyer_languages, pick_buyer_language, shown_languages
from composer.workspace.reply_languages import match_language
from tests.helpers.scenarios import SHIPPED

FIXTURE = Path(__file__).parent / "data" / "buyer-languages"  # es: 2 scenarios, ca: 1


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    folder = tmp_path / "languages-fixture"
    shutil.copytree(FIXTURE, folder)
    result = load_catalog([SHIPPED, folder])
    assert not result.errors, result.errors
    return result.catalog


def test_buyer_languages_are_every_language_but_chinese_english_first(catalog):
    codes = buyer_languages(catalog)
    assert codes[0] == "en"
    assert set(codes) == set(catalog.languages) - {"zh"} >= {"es", "ca", "pt", "ru"}


@pytest.mark.parametrize(
    ("detected", "last", "picked"),
    [
        ("es", "ca", "es"),  # the message's language wins
        ("pl", "ca", "ca"),  # no Polish replies: the last used
        ("unknown", "ca", "ca"),
        ("zh", None, "en"),  # a Chinese message: the buyer pane cannot be Chinese
        (None, None, "en"),
        (None, "tlh", "en"),  # the last used is gone (its folder was removed)
    ],
)
def test_the_buyer_language_comes_from_the_message_then_the_last_used_then_english(
    catalog, detected, last, picked
):
    assert pick_buyer_language(catalog, detected, last) == picked


def test_a_message_language_matches_a_regional_code(catalog):
    catalog.languages["ko_KR"] = catalog.languages["ca"]  # a seller's ko_KR folder
    assert match_language(catalog, "ko") == "ko_KR"
    assert match_language(catalog, "es-ES") == "es"
    assert match_language(catalog, "ja") is None


def test_a_scenario_is_shown_in_the_chosen_language_else_in_english(catalog):
    delay, not_received = catalog.get("shipping-delay"), catalog.get("not-received")
    shown = shown_languages(delay, "ca")
    assert (shown.buyer, shown.seller, shown.missing, shown.codes) == (
        "ca",
        "zh",
        False,
        ("ca", "zh"),
    )
    shown = shown_languages(not_received, "ca")
    assert (shown.chosen, shown.buyer, shown.missing, shown.codes) == (
        "ca",
        "en",
        True,
        ("en", "zh"),
    )


def test_only_the_shown_languages_are_rendered_and_checked(catalog, tmp_path):
    workspace = Workspace(tmp_path / "data", [SHIPPED, *catalog_folders(tmp_path)], cached=False)
    scenario = workspace.catalog.get("shipping-delay")
    shown = shown_languages(scenario, "es")
    composed = workspace.compose(scenario, scenario.examples(), languages=shown.codes)
    assert list(composed.result.drafts) == ["es", "zh"]
    assert {c.language for c in composed.checks} <= {None, "es", "zh"}
    edited = composed.with_edits({"es": composed.result.drafts["es"].body + " 谢谢"})
    found = [c for c in edited.checks if c.code == "wrong-script"]
    assert [c.language for c in found] == ["es"]


def catalog_folders(tmp_path: Path) -> list[Path]:
    return [tmp_path / "languages-fixture"]
