"""Every shipped scenario in every reply language: each option combination renders, keeps the
English reply's logic and markers, and reads as its own language (no text in another script,
no paragraph in another language)."""

from __future__ import annotations

import pytest
from jinja2 import meta

from composer.judgement.script_check import wrong_script
from composer.templating.jinja import choice_comparisons, make_environment, partials_used
from composer.templating.validate import variants
from composer.triage.language import UNKNOWN, detect_language
from tests.helpers.languages import CATALOG, RENDERER, SCENARIOS, TODAY, masked

BUYER_LANGUAGES = [code for code in CATALOG.languages if code not in ("en", "zh")]
# Each format once and each platform once: the platform and format branches of every language.
COMBINATIONS = (
    ("chat", "generic"),
    ("email", "aliexpress"),
    ("chat", "amazon"),
    ("email", "ebay"),
    ("chat", "shopee"),
)
MIN_WORDS_TO_TELL = 8  # a shorter paragraph (a greeting, a sign-off) does not say its language
ENV = make_environment()


@pytest.mark.parametrize("code", BUYER_LANGUAGES)
def test_every_scenario_has_a_reply_in_the_language(code: str) -> None:
    lacking = [s.id for s in CATALOG if code not in s.replies]
    assert lacking == []


def _logic(source: str) -> tuple[set[tuple[str, str]], set[str | None], set[str]]:
    tree = ENV.parse(source)
    return (
        set(choice_comparisons(tree)),
        set(partials_used(tree)),
        set(meta.find_undeclared_variables(tree)),
    )


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_language_keeps_the_english_logic(scenario_id: str) -> None:
    """The same options tested, the same partials and the same fields used as the English
    (the buyer languages are translated from it; the Chinese was written beside it)."""
    scenario = CATALOG.get(scenario_id)
    english = scenario.replies["en"]
    fields = {f.name for f in scenario.fields}
    for code, reply in scenario.replies.items():
        if code in ("en", "zh"):
            continue
        for part in ("body", "subject"):
            theirs, ours = getattr(english, part), getattr(reply, part)
            assert (theirs is None) == (ours is None), (code, part)
            if theirs is None or ours is None:
                continue
            choices, partials, names = _logic(theirs)
            own_choices, own_partials, own_names = _logic(ours)
            assert own_choices == choices, (code, part)
            assert own_partials == partials, (code, part)
            assert own_names & fields == names & fields, (code, part)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_variant_reads_as_its_own_language(scenario_id: str) -> None:
    scenario = CATALOG.get(scenario_id)
    for reply_format, platform in COMBINATIONS:
        for label, values in variants(scenario):
            result = RENDERER.render_draft(
                scenario, values, reply_format=reply_format, platform=platform, today=TODAY
            )
            english = result.drafts["en"]
            where = f"{scenario_id} ({label}, {reply_format}, {platform})"
            own_words = [v for v in values.values() if isinstance(v, str)]
            for code, draft in result.drafts.items():
                assert draft.error is None, f"{where} [{code}]: {draft.error}"
                # A marker shows for the same fields as in English: none where values are given.
                assert len(draft.markers) == len(english.markers), f"{where} [{code}]"
                language = CATALOG.languages[code]
                for text in (draft.subject or "", draft.body):
                    found = list(wrong_script(text, code, language.script, "body", own_words))
                    assert found == [], f"{where} [{code}]: {found[0].message['en']}"
                for paragraph in draft.body.split("\n\n"):
                    plain = masked(paragraph, values, " ")
                    if len(plain.split()) < MIN_WORDS_TO_TELL:
                        continue
                    detected = detect_language(plain)
                    assert detected in (code, UNKNOWN), (
                        f"{where} [{code}] reads as {detected}: {paragraph!r}"
                    )
