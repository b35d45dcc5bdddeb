"""Every shipped scenario renders cleanly in every language, with every choice option."""

from __future__ import annotations

import pytest

from composer.loader import load_catalog
from composer.render import Renderer
from composer.validate import CJK, PLACEHOLDER, check_library, variants
from tests.conftest import SHIPPED

RESULT = load_catalog([SHIPPED])
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
        assert result.missing == [], label
        for code, draft in result.drafts.items():
            assert draft.error is None, (label, code)
            assert draft.markers == (), (label, code)
            for text in (draft.subject or "", draft.body):
                assert not PLACEHOLDER.search(text), (label, code, text)
                assert "  " not in text and "\n\n\n" not in text
            if code == "en":
                assert not CJK.search((draft.subject or "") + draft.body), (label, draft.body)
            else:
                assert CJK.search(draft.body), (label, code)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_each_scenario_has_guidance_keywords_and_examples(scenario_id):
    scenario = RESULT.catalog.get(scenario_id)
    for code in RESULT.catalog.languages:
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
