"""From the buyer's message to the reply: its language, its numbers, the likely scenarios.

``triage(message, scenarios)`` reads a message pasted in any language and returns what the
seller needs to start a reply: the language (``composer.triage.language``), the order and
tracking numbers (``composer.triage.numbers``) and the three scenarios whose ``[triage]``
phrases the message matches best (``composer.triage.phrases``). ``fill_values`` turns it into
field values for the chosen scenario. Plain Python: no Qt, no Jinja, no network.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from composer.templating.fields import Value
from composer.templating.scenario import Scenario
from composer.triage.language import LANGUAGE_NAMES, LANGUAGES, UNKNOWN, detect_language
from composer.triage.numbers import FoundNumber, order_numbers, tracking_numbers
from composer.triage.phrases import PhraseError, compile_phrase, find, tokens

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "UNKNOWN",
    "FoundNumber",
    "Suggestion",
    "Triage",
    "detect_language",
    "fill_values",
    "suggest",
    "triage",
]

SUGGESTIONS = 3
OTHER_LANGUAGE_WEIGHT = 0.6
"""A phrase in another language than the message's counts for less (mixed messages happen:
an English message quoting the Chinese product title)."""
LOOSE_WEIGHT = 0.5
"""A phrase found only with a typo or another ending (the fallback when nothing matches as
written) counts for less."""


@dataclass(frozen=True)
class Suggestion:
    """A scenario the message fits, with a score from 0 to 1 (higher: a better fit)."""

    scenario: str
    score: float


@dataclass(frozen=True)
class Triage:
    """What a buyer's message tells: see the module docstring."""

    language: str
    order_numbers: tuple[FoundNumber, ...] = ()
    tracking_numbers: tuple[FoundNumber, ...] = ()
    suggestions: tuple[Suggestion, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The CLI's ``--json`` shape."""
        return {
            "language": self.language,
            "order_numbers": [n.to_json() for n in self.order_numbers],
            "tracking_numbers": [n.to_json() for n in self.tracking_numbers],
            "suggestions": [{"scenario": s.scenario, "score": s.score} for s in self.suggestions],
        }


def triage(message: str, scenarios: Iterable[Scenario]) -> Triage:
    """Read ``message``: its language, numbers and the scenarios it most likely calls for."""
    language = detect_language(message)
    tracking = tracking_numbers(message)
    orders = order_numbers(message, tracking)
    return Triage(
        language=language,
        order_numbers=tuple(orders),
        tracking_numbers=tuple(tracking),
        suggestions=tuple(suggest(message, scenarios, language)),
    )


def suggest(
    message: str, scenarios: Iterable[Scenario], language: str = UNKNOWN, limit: int = SUGGESTIONS
) -> list[Suggestion]:
    """The ``limit`` scenarios whose phrases ``message`` matches best, best first.

    A scenario's evidence is the sum of its matched phrases' weights, where phrases that
    cover the same words count once (the heaviest); its score is its share of all the
    evidence found, shrunk when there is little of it: ``evidence / (all evidence + 1)``.
    Scenarios that match nothing are left out. When no phrase matches as written, the
    phrases are looked for again allowing a typo or another ending (``phrases.similar``), at
    ``LOOSE_WEIGHT``: a message with a cue gets suggestions, with low scores.
    """
    words = tokens(message)
    scenarios = list(scenarios)
    evidence = _all_evidence(scenarios, words, language, loose=False)
    if not evidence:
        evidence = _all_evidence(scenarios, words, language, loose=True)
    everything = sum(evidence.values()) + 1.0
    ranked = sorted(evidence.items(), key=lambda item: (-item[1], item[0]))
    return [Suggestion(sid, round(total / everything, 2)) for sid, total in ranked[:limit]]


def _all_evidence(
    scenarios: list[Scenario], words: list[str], language: str, loose: bool
) -> dict[str, float]:
    """Each scenario's evidence in ``words``, for those with any."""
    evidence: dict[str, float] = {}
    for scenario in scenarios:
        total = _evidence(scenario.triage, words, language, loose)
        if total > 0:
            evidence[scenario.id] = total
    return evidence


def _evidence(
    phrases: Mapping[str, tuple[str, ...]], words: list[str], language: str, loose: bool = False
) -> float:
    matches: list[tuple[float, int, int]] = []
    for code, written in phrases.items():
        factor = 1.0 if language in (code, UNKNOWN) else OTHER_LANGUAGE_WEIGHT
        if loose:
            factor *= LOOSE_WEIGHT
        for text in written:
            try:
                phrase = compile_phrase(text)
            except PhraseError:  # the loader reports it; a phrase it let through is skipped
                continue
            where = find(phrase, words, loose)
            if where is not None:
                matches.append((phrase.weight * factor, *where))
    total = 0.0
    covered: list[tuple[int, int]] = []
    for weight, start, end in sorted(matches, key=lambda m: -m[0]):
        if any(start < other_end and other_start < end for other_start, other_end in covered):
            continue
        covered.append((start, end))
        total += weight
    return total


def fill_values(scenario: Scenario, found: Triage) -> dict[str, Value]:
    """The field values ``found`` gives ``scenario``: the first order number, the first
    tracking number and its carrier, for the fields of those names the scenario has."""
    raw: dict[str, object] = {}
    if found.order_numbers:
        raw["order_number"] = found.order_numbers[0].number
    if found.tracking_numbers:
        first = found.tracking_numbers[0]
        raw["tracking_number"] = first.number
        if first.carrier:
            raw["carrier"] = first.carrier
    return scenario.values_from(raw)
