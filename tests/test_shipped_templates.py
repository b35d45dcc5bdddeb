"""Every shipped scenario renders cleanly in every language, with every choice option."""

from __future__ import annotations

import pytest

from composer.templating.language_folder import CJK_SCRIPTS
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import CJK, PLACEHOLDER, check_library, variants
from tests.helpers.scenarios import SHIPPED, SHIPPED_CATEGORIES

RESULT = load_catalog([SHIPPED])
INTERFACE_LANGUAGES = ("en", "zh")
SCENARIOS = sorted(RESULT.catalog.scenarios)


def test_the_library_checks_clean():
    assert RESULT.problems == []
    assert check_library(RESULT) == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_variant_renders_in_every_language(scenario_id):
    scenario = RESULT.catalog.get(scenario_id)
    renderer = Renderer(RESULT.catalog)
    assert set(scenario.replies) == set(RESULT.catalog.languages)
    for label, values in variants(scenario):
        result = renderer.render_draft(scenario, values)
        if label == "example values":
            assert result.missing == [], label
        # A marker is fine only for a field the seller is told to fill in (an optional field
        # one branch needs, such as the new address when re-shipping).
        needed = {
            scenario.field(name).label(code)
            for name in result.missing
            for code in RESULT.catalog.languages
        }
        for code, draft in result.drafts.items():
            assert draft.error is None, (label, code)
            assert all(m.strip("[]") in needed for m in draft.markers), (label, code)
            for text in (draft.subject or "", draft.body):
                assert not PLACEHOLDER.search(text), (label, code, text)
                assert "  " not in text and "\n\n\n" not in text
            # Chinese characters in the Chinese reply only (the buyer languages are written in
            # Latin or Cyrillic letters).
            chinese = RESULT.catalog.languages[code].script in CJK_SCRIPTS
            found = CJK.search((draft.subject or "") + draft.body)
            assert bool(found) == chinese, (label, code, draft.body)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_each_scenario_has_guidance_keywords_and_examples(scenario_id):
    scenario = RESULT.catalog.get(scenario_id)
    for code in INTERFACE_LANGUAGES:  # what the seller reads: the buyer's reply need not
        assert scenario.titles.get(code)
        assert len(scenario.guidance.get(code, "")) > 80
    assert any(CJK.search(k) for k in scenario.keywords)
    assert any(not CJK.search(k) for k in scenario.keywords)
    assert scenario.category in RESULT.catalog.categories
    for field in scenario.fields:
        assert field.required is False or field.example not in (None, "") or field.default


def test_every_declared_field_is_used_in_every_language():
    warnings = [p for p in RESULT.problems if p.severity == "warning"]
    assert warnings == []


# Where the seeds give a choice of reason or remedy, the scenario has it as a choice field.
CHOICES = {
    "shipped-update": ("stage", {"shipped", "in-transit", "arrived", "out-for-delivery"}),
    "shipping-delay": ("reason", {"customs", "peak-season", "bad-weather"}),
    "not-received": ("reason", {"delivery-error", "lost", "customs"}),
    "returning-to-sender": (
        "reason",
        {"wrong-address", "duties-unpaid", "not-picked-up", "refused"},
    ),
    "unwanted-order": ("logistics", {"postal", "express"}),
    "damaged-item": ("remedy", {"partial-refund", "reship-shared-cost", "full-refund"}),
    "late-delivery": ("remedy", {"full-refund", "reship"}),
}


def test_the_catalog_of_the_product_brief_is_complete():
    shipped = {s.id: s.category for s in RESULT.catalog}
    assert {i: shipped.get(i) for i in SHIPPED_CATEGORIES} == SHIPPED_CATEGORIES


@pytest.mark.parametrize("scenario_id", sorted(CHOICES))
def test_the_seeds_choices_are_choice_fields(scenario_id):
    name, keys = CHOICES[scenario_id]
    field = RESULT.catalog.get(scenario_id).field(name)
    assert field is not None
    assert keys <= {o.key for o in field.options}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_each_choice_option_changes_the_text(scenario_id):
    scenario = RESULT.catalog.get(scenario_id)
    renderer = Renderer(RESULT.catalog)
    examples = scenario.examples()
    for field in scenario.fields:
        bodies = {
            renderer.render_draft(scenario, {**examples, field.name: o.key}).drafts["en"].body
            for o in field.options
        }
        assert len(bodies) == len(field.options), field.name


def test_shared_pieces_are_written_once():
    for scenario in RESULT.catalog:
        public = scenario.kind == "review-reply"  # under a review: no greeting, no signature
        for code, reply in scenario.replies.items():
            assert ('partial("greeting")' in reply.body) is not public, (scenario.id, code)
            assert ('partial("signoff")' in reply.body) is not public, (scenario.id, code)
