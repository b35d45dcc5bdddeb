"""Rendering a scenario's reply in each language from the seller's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import UnknownLocaleError
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from composer.fields import Value
from composer.jinja import (
    MISSING_SNIPPETS,
    REPLY_FORMATS,
    TODAY,
    Shown,
    TemplateCache,
    ValueSlipError,
    compile_template,
    make_environment,
)
from composer.scenario import Catalog, Scenario

SnippetLookup = Callable[[str, str], "str | None"] | Mapping[str, Mapping[str, str]]
"""Where ``{{ snippet(key) }}`` finds its text: ``lookup(key, language)`` (such as
``SnippetStore.body``), or a mapping of key to texts by language."""


@dataclass(frozen=True)
class Draft:
    """One language's rendered reply. ``markers`` are the unfilled-field markers it shows."""

    language: str
    body: str
    subject: str | None = None
    markers: tuple[str, ...] = ()
    error: str | None = None

    def text(self) -> str:
        """The reply as it is copied: the body (the subject is copied on its own)."""
        return self.body


@dataclass(frozen=True)
class RenderResult:
    """Every requested language's draft, and the required fields still empty."""

    scenario_id: str
    drafts: dict[str, Draft]
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not any(d.error for d in self.drafts.values())


class Renderer:
    """Renders drafts for the scenarios of one catalog, compiling each template only once.

    ``snippets`` is where templates' ``{{ snippet('sig') }}`` look their text up, in each
    draft's language; without it every snippet shows as a marker (``[snippet: sig]``).
    With ``cache_dir``, compiled templates are also kept there between runs (see
    ``composer.cache.template_cache_dir``).
    """

    def __init__(
        self,
        catalog: Catalog,
        snippets: SnippetLookup | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.catalog = catalog
        self.cache_dir = cache_dir
        self._snippets: Callable[[str, str], str | None] | None
        if snippets is None or callable(snippets):
            self._snippets = snippets
        else:
            library = snippets
            self._snippets = lambda key, code: library.get(key, {}).get(code) or None
        self._environments: dict[str, SandboxedEnvironment] = {}
        self._compiled: dict[tuple[str, str, str], tuple[str, Template]] = {}

    def environment(self, language: str) -> SandboxedEnvironment:
        """The sandboxed environment of ``language``, with its partials."""
        env = self._environments.get(language)
        if env is None:
            lookup = self._snippets
            cache = TemplateCache(self.cache_dir, language) if self.cache_dir else None
            env = make_environment(
                self.catalog.partials.get(language, {}),
                (lambda key: lookup(key, language)) if lookup else None,
                self.catalog.languages.get(language),
                cache,
            )
            self._environments[language] = env
        return env

    def _template(self, scenario: Scenario, language: str, part: str, source: str) -> Template:
        key = (scenario.id, language, part)
        cached = self._compiled.get(key)
        if cached is None or cached[0] != source:
            name = f"{scenario.id}/{part}"
            cached = (source, compile_template(self.environment(language), name, source))
            self._compiled[key] = cached
        return cached[1]

    def render_draft(
        self,
        scenario: Scenario,
        values: Mapping[str, Value],
        languages: Iterable[str] | None = None,
        *,
        reply_format: str = "chat",
        platform: str = "generic",
        today: dt.date | None = None,
    ) -> RenderResult:
        """Render ``scenario`` with ``values`` in each of ``languages`` (default: all it has).

        ``reply_format`` is "chat" (a platform message, the default) or "email" (the longer
        letter); ``platform`` (a key of the platform rules, "generic" when none is chosen) lets a
        reply use the platform's own words (an AliExpress dispute, an eBay case). Dates within
        ``today``'s year are written without the year. An unfilled field shows as a marker in
        that language, never as a blank; a template that fails at render time yields a draft
        with ``error`` set, not an exception.
        """
        if reply_format not in REPLY_FORMATS:
            raise ValueError(f"reply format {reply_format!r}: use one of {REPLY_FORMATS}")
        today = today or dt.date.today()
        wanted = list(languages) if languages is not None else list(scenario.replies)
        missing = [f.name for f in scenario.fields if f.required and f.is_empty(values.get(f.name))]
        drafts: dict[str, Draft] = {}
        for code in wanted:
            language = self.catalog.languages.get(code)
            reply = scenario.replies.get(code)
            if language is None or reply is None:
                drafts[code] = Draft(code, "", error=f"{scenario.id} has no {code!r} reply")
                continue
            context: dict[str, object] = {}
            missing_snippets: list[str] = []
            try:
                # Inside the try: formatting a value needs the language's locale data.
                context.update(
                    {f.name: Shown(f, values.get(f.name), language, today) for f in scenario.fields}
                )
                context[MISSING_SNIPPETS] = missing_snippets
                context[TODAY] = today
                context["format"] = reply_format
                context["platform"] = platform
                body = self._template(scenario, code, "body", reply.body).render(context)
                subject = None
                if reply.subject is not None:
                    subject = self._template(scenario, code, "subject", reply.subject).render(
                        context
                    )
                    subject = " ".join(subject.split())
            except (
                TemplateError,
                ArithmeticError,
                TypeError,
                ValueError,
                UnknownLocaleError,
            ) as exc:
                # UnknownLocaleError: Babel has no data for the language's locale (a typo, or
                # a language the app bundle's locale data leaves out): say so, do not crash.
                # A slip in the values (dates the wrong way round) is told as it is; a
                # template's own error keeps its kind, which tells a template author where to look.
                told = (
                    str(exc) if isinstance(exc, ValueSlipError) else f"{type(exc).__name__}: {exc}"
                )
                drafts[code] = Draft(code, "", error=told)
                continue
            # Only the markers the reply actually shows: an empty field that a conditional
            # leaves out (a buyer's name behind "Dear customer") is not flagged.
            markers = tuple(
                v.text for v in context.values() if isinstance(v, Shown) and v.missing and v.printed
            )
            markers += tuple(dict.fromkeys(missing_snippets))
            drafts[code] = Draft(code, tidy(body), subject, markers)
            # An optional field the reply prints is needed after all (a new address when
            # re-shipping): it is listed as missing like a required one.
            missing.extend(
                name
                for name, v in context.items()
                if isinstance(v, Shown) and v.missing and v.printed and name not in missing
            )
        order = [f.name for f in scenario.fields]
        return RenderResult(scenario.id, drafts, sorted(missing, key=order.index))


def tidy(text: str) -> str:
    """Trim trailing spaces and collapse runs of blank lines a conditional can leave behind."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)
