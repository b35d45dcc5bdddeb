"""What the reply-language tests share: the shipped catalog, renderer and rulebook, the day and
the platforms and formats they render for, every variant of a scenario rendered in English and
one buyer language, a text without the seller's typed values, and the wording checks a buyer
language is compared on with the English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import NamedTuple

from composer.judgement.presend import check_draft
from composer.judgement.rules import load_rulebook
from composer.templating.fields import Value
from composer.templating.loader import load_catalog
from composer.templating.render import Draft, Renderer, RenderResult
from composer.templating.scenario import Scenario
from composer.templating.validate import variants
from tests.helpers.scenarios import SHIPPED

RESULT = load_catalog([SHIPPED])
CATALOG = RESULT.catalog
RENDERER = Renderer(CATALOG)
BOOK = load_rulebook()
SCENARIOS = sorted(CATALOG.scenarios)
TODAY = dt.date(2026, 11, 30)
PLATFORMS = ("generic", "aliexpress", "amazon", "ebay", "shopee")
FORMATS = ("chat", "email")
# The checks whose wording comes from the phrase lists (the others do not read the language).
WORDING_CHECKS = frozenset(
    {
        "off-platform",
        "review-incentive",
        "review-conditional",
        "future-coupon",
        "shipping-confirmation",
        "thank-you-only",
        "placeholder",
    }
)


class Render(NamedTuple):
    """One variant of a scenario rendered in English and a buyer language."""

    label: str
    values: dict[str, Value]
    reply_format: str
    platform: str
    result: RenderResult

    @property
    def where(self) -> str:
        """The variant, format and platform, for an assertion's message."""
        return f"{self.label}, {self.reply_format}, {self.platform}"


@cache
def renders(
    code: str,
    scenario_id: str,
    formats: tuple[str, ...] = FORMATS,
    platforms: tuple[str, ...] = PLATFORMS,
) -> tuple[Render, ...]:
    """Every variant of a scenario in English and ``code``, per format and platform (rendered
    once for all the tests that read them)."""
    scenario = CATALOG.get(scenario_id)
    assert scenario is not None
    found = []
    for label, values in variants(scenario):
        for reply_format in formats:
            for platform in platforms:
                result = RENDERER.render_draft(
                    scenario,
                    values,
                    ["en", code],
                    reply_format=reply_format,
                    platform=platform,
                    today=TODAY,
                )
                found.append(Render(label, values, reply_format, platform, result))
    return tuple(found)


def labelled(
    code: str,
    scenario_id: str,
    formats: tuple[str, ...] = FORMATS,
    platforms: tuple[str, ...] = PLATFORMS,
) -> Iterator[tuple[str, dict[str, Value], RenderResult]]:
    """``renders`` as (where, values, result)."""
    for render in renders(code, scenario_id, formats, platforms):
        yield render.where, render.values, render.result


def example_draft(
    code: str, scenario_id: str, platform: str, reply_format: str = "chat", **chosen: Value
) -> Draft:
    """The ``code`` reply of a scenario with its example values, some of them ``chosen``."""
    scenario = CATALOG.get(scenario_id)
    assert scenario is not None
    values = {**scenario.examples(), **chosen}
    result = RENDERER.render_draft(
        scenario, values, [code], reply_format=reply_format, platform=platform, today=TODAY
    )
    return result.drafts[code]


def masked(text: str, values: Mapping[str, object], mark: str = "¤", shortest: int = 2) -> str:
    """``text`` without the values the seller typed (an English item name, a carrier), each
    of at least ``shortest`` characters, longest first (a value can hold a shorter one)."""
    for value in sorted((v for v in values.values() if isinstance(v, str)), key=len, reverse=True):
        if len(value) >= shortest:
            text = text.replace(value, mark)
    return text


def flags(
    render: Render,
    scenario: Scenario,
    codes: tuple[str, ...],
    keep: Callable[[str], bool] = WORDING_CHECKS.__contains__,
) -> dict[str, set[str]]:
    """What the checks flag in each of ``codes`` in a render, of the checks ``keep`` takes: the
    same in a buyer language as in English where the translation says the same."""
    found = check_draft(
        render.result,
        scenario,
        render.values,
        CATALOG.languages,
        BOOK.platform(render.platform),
        BOOK.phrases,
    )
    return {code: {c.code for c in found if c.language == code and keep(c.code)} for code in codes}
