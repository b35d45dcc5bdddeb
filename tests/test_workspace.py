"""The workspace: one data folder opened, operations that say what they changed, and each
scenario's values with the profile's prefill rules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from composer import paths
from composer.storage.profile import Profile
from composer.storage.snippets import Snippet
from composer.workspace import Changes, DraftValues, UnknownPlatformError, Workspace

SIGNED = """
    id = "signed"
    category = "after-sales"
    keywords = ["signed"]

    [title]
    en = "Signed thanks"
    zh = "署名感谢"

    [reply.en]
    body = \"\"\"
    Thank you!

    {{ snippet('sig') }}
    \"\"\"

    [reply.zh]
    body = \"\"\"
    谢谢！

    {{ snippet('sig') }}
    \"\"\"
"""


@pytest.fixture
def workspace(data_dir: Path) -> Workspace:
    """A workspace over ``data_dir`` whose own templates add a scenario printing a snippet."""
    own = data_dir / "templates"
    own.mkdir()
    (own / "signed.toml").write_text(textwrap.dedent(SIGNED).lstrip(), encoding="utf-8")
    return Workspace(data_dir)


def test_opening_a_folder_reads_and_creates_nothing_until_used(data_dir):
    workspace = Workspace(data_dir)
    assert workspace.profile() == Profile()
    assert workspace.snippet_text("sig", "en") is None
    assert list(data_dir.iterdir()) == []  # no store file made by asking
    assert "loaded" not in vars(workspace)
    assert workspace.catalog.get("shipping-delay") is not None
    assert (paths.cache_dir(data_dir) / "catalog.json").is_file()  # through the cache


def test_compose_renders_and_checks_for_the_platform(workspace):
    scenario = workspace.catalog.get("shipping-delay")
    amazon = workspace.platform("amazon")
    composed = workspace.compose(
        scenario, scenario.examples(), reply_format="email", platform=amazon
    )
    assert composed.result.scenario_id == "shipping-delay"
    assert composed.platform_key == "amazon"
    assert composed.reply_format == "email"
    assert composed.checks is composed.checks  # worked out once
    assert not composed.prints_snippets


def test_platform_follows_the_profile_when_none_is_named(workspace):
    assert workspace.platform(None).id == "generic"
    assert workspace.platform(None, Profile(platform="eBay")).id == "ebay"
    assert workspace.platform_named("  AMAZON ") == "amazon"
    assert workspace.platform_named("") is None
    with pytest.raises(UnknownPlatformError, match="unknown platform 'nowhere'"):
        workspace.platform("nowhere")


def test_a_snippet_save_says_what_it_changed_and_reaches_the_draft(workspace):
    scenario = workspace.catalog.get("signed")
    before = workspace.compose(scenario, {})
    assert before.prints_snippets
    assert "[snippet: sig]" in before.result.drafts["en"].body
    changes = workspace.save_snippet(Snippet("sig", "Signature", {"en": "Li Wei"}))
    assert changes == Changes(snippets=True)
    assert "Li Wei" in workspace.compose(scenario, {}).result.drafts["en"].body
    renamed = workspace.save_snippet(Snippet("sign", "S", {"en": "Li"}), replacing="sig")
    assert renamed.snippets and "sig" not in workspace.snippets
    assert workspace.record_snippet_use("sign") == Changes()
    assert not workspace.record_snippet_use("sign")


def test_recording_a_copy_changes_the_history_only(workspace):
    scenario = workspace.catalog.get("shipping-delay")
    composed = workspace.compose(scenario, scenario.examples(), platform=workspace.platform("ebay"))
    assert workspace.record_copy(composed, "en") == Changes(history=True)
    [record] = workspace.history.records()
    assert (record.scenario_id, record.copied, record.platform) == ("shipping-delay", "en", "ebay")


def test_a_saved_profile_is_returned_tidied(workspace):
    saved, changes = workspace.save_profile(Profile(seller_name="  Lily  "))
    assert changes == Changes(profile=True)
    assert saved.seller_name == "Lily" == workspace.profile().seller_name


def test_changes_combine():
    assert Changes(snippets=True) | Changes(history=True) == Changes(True, False, True)
    assert not Changes()


def test_values_are_made_once_per_scenario(workspace, monkeypatch):
    values = DraftValues(workspace.catalog, Profile(seller_name="Lily"))
    scenario = workspace.catalog.get("shipping-delay")
    made: list[str] = []
    fresh = values.fresh
    monkeypatch.setattr(values, "fresh", lambda s: made.append(s.id) or fresh(s))
    first = values.of(scenario)
    values.set(scenario, "order_number", "A-1")
    assert values.of(scenario) is first
    assert made == ["shipping-delay"]
    assert first["order_number"] == "A-1" and first["seller_name"] == "Lily"


def test_a_new_profile_reaches_untouched_fields_and_keeps_typed_ones(workspace):
    values = DraftValues(workspace.catalog, Profile(seller_name="Lily", shop_name="Sunny"))
    scenario = workspace.catalog.get("shipping-delay")
    values.of(scenario)
    values.set(scenario, "shop_name", "My own shop")
    values.follow_profile(Profile(seller_name="Mei", shop_name="Moon"))
    assert values.of(scenario)["seller_name"] == "Mei"  # showed the old profile's value
    assert values.of(scenario)["shop_name"] == "My own shop"  # typed by the seller
    values.reset(scenario)
    assert values.of(scenario)["shop_name"] == "Moon"
    values.replace(scenario, {"order_number": "B-2"})
    assert values.of(scenario) == {"order_number": "B-2"}


@pytest.mark.gui
def test_a_snippet_save_renders_again_only_a_draft_that_prints_one(workspace, window, qtbot):
    rendered: list[str] = []
    window.controller.rendered.connect(lambda result: rendered.append(result.scenario_id))
    panel = window.seller_data.panel
    window.choose_scenario("shipping-delay")
    rendered.clear()
    panel.store_change(lambda: panel.workspace.save_snippet(Snippet("sig", "S", {"en": "Li"})))
    assert rendered == []  # shipping-delay prints no snippet
    window.choose_scenario("signed")
    assert "Li" in window.previews["en"].body.toPlainText()
    rendered.clear()
    panel.store_change(lambda: panel.workspace.save_snippet(Snippet("sig", "S", {"en": "Mei"})))
    assert rendered == ["signed"]
    assert "Mei" in window.previews["en"].body.toPlainText()


def test_a_buyers_message_is_read_and_fills_the_chosen_scenario(workspace):
    found = workspace.read_message("Hola, el paquete llegó roto. Pedido 8123456789012345")
    assert found.language == "es"
    assert found.suggestions[0].scenario == "damaged-item"
    scenario = workspace.catalog.get("damaged-item")
    assert workspace.values_from_message(scenario, found) == {"order_number": "8123456789012345"}


def test_recording_a_copy_keeps_the_buyers_message(workspace):
    scenario = workspace.catalog.get("damaged-item")
    composed = workspace.compose(scenario, scenario.examples())
    workspace.record_copy(composed, "all", buyer_message="  La taza llegó rota.\n")
    [record] = workspace.history.records()
    assert record.buyer_message == "La taza llegó rota."
