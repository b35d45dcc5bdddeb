"""Which languages a reply is shown and copied in: the buyer's, beside the seller's Chinese.

A catalog may hold many reply languages (English, Chinese, Spanish, French...); the seller reads
two of them at once: the buyer's and the Chinese. The buyer's language comes from the buyer's
message when there is one, else the one used last, else English. A scenario that has no reply
in the chosen language is shown in English instead, and the front end says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from composer.templating.scenario import Catalog, Scenario

SELLER_LANGUAGE = "zh"
"""The language the seller reads: its reply is shown beside the buyer's, whatever the buyer's."""
FALLBACK_LANGUAGE = "en"
"""The buyer's language when nothing else says which; a scenario's stand-in for a missing one."""


def buyer_languages(catalog: Catalog) -> list[str]:
    """The catalog's languages a buyer may be answered in: English first, then in catalog order
    (every language but the seller's)."""
    codes = [code for code in catalog.languages if code != SELLER_LANGUAGE]
    return sorted(codes, key=lambda code: code != FALLBACK_LANGUAGE)


def match_language(catalog: Catalog, code: str | None) -> str | None:
    """The buyer language of ``catalog`` that ``code`` names (a message's language such as
    ``pt``; ``pt_BR``, ``pt-BR`` and ``pt`` match each other by their first part), or None."""
    if not code:
        return None
    wanted = code.replace("-", "_")
    known = buyer_languages(catalog)
    if wanted in known:
        return wanted
    base = wanted.split("_")[0].casefold()
    return next((c for c in known if c.replace("-", "_").split("_")[0].casefold() == base), None)


def pick_buyer_language(
    catalog: Catalog, detected: str | None = None, last_used: str | None = None
) -> str:
    """The buyer's language for a reply: the message's (``detected``) when the catalog has it,
    else ``last_used`` when it still has that, else English (else the first buyer language)."""
    for candidate in (detected, last_used):
        found = match_language(catalog, candidate)
        if found is not None:
            return found
    known = buyer_languages(catalog)
    return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in known or not known else known[0]


@dataclass(frozen=True)
class ShownLanguages:
    """The languages one scenario is shown in for a chosen buyer language.

    ``buyer`` is the language of the buyer's reply as shown (``chosen`` when the scenario has
    it, else its stand-in); ``missing`` is True when it stands in for ``chosen``.
    """

    chosen: str
    buyer: str | None
    seller: str | None

    @property
    def missing(self) -> bool:
        return self.buyer != self.chosen

    @property
    def codes(self) -> tuple[str, ...]:
        """What is rendered: the buyer's reply, then the seller's (only those the scenario has)."""
        return tuple(c for c in (self.buyer, self.seller) if c is not None)


def shown_languages(scenario: Scenario, chosen: str) -> ShownLanguages:
    """The buyer's and the seller's language ``scenario`` is shown in when ``chosen`` is the
    buyer's: ``chosen`` if it has that reply, else English, else its first other language."""
    replies: Iterable[str] = scenario.replies
    others = [code for code in replies if code != SELLER_LANGUAGE]
    if chosen in others:
        buyer: str | None = chosen
    elif FALLBACK_LANGUAGE in others:
        buyer = FALLBACK_LANGUAGE
    else:
        buyer = others[0] if others else None
    seller = SELLER_LANGUAGE if SELLER_LANGUAGE in scenario.replies else None
    return ShownLanguages(chosen, buyer, seller)
