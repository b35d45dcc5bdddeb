"""Rendering a scenario's reply in each language from the seller's values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import UnknownLocaleError
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from composer.fields import Value
from composer.jinja import Shown, TemplateCache, compile_template, make_environment
from composer.scenario import Catalog, Scenario


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

    With ``cache_dir``, compiled templates are also kept there between runs (see
    ``composer.cache.template_cache_dir``).
    """

    def __init__(self, catalog: Catalog, cache_dir: Path | None = None) -> None:
        self.catalog = catalog
        self.cache_dir = cache_dir
        self._environments: dict[str, SandboxedEnvironment] = {}
        self._compiled: dict[tuple[str, str, str], tuple[str, Template]] = {}

    def environment(self, language: str) -> SandboxedEnvironment:
        """The sandboxed environment of ``language``, with its partials."""
        env = self._environments.get(language)
        if env is None:
            partials = self.catalog.partials.get(language, {})
            cache = TemplateCache(self.cache_dir, language) if self.cache_dir else None
            env = make_environment(partials, cache)
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
    ) -> RenderResult:
        """Render ``scenario`` with ``values`` in each of ``languages`` (default: all it has).

        An unfilled field shows as a marker in that language, never as a blank; a template
        that fails at render time yields a draft with ``error`` set, not an exception.
        """
        wanted = list(languages) if languages is not None else list(scenario.replies)
        missing = [f.name for f in scenario.fields if f.required and f.is_empty(values.get(f.name))]
        drafts: dict[str, Draft] = {}
        for code in wanted:
            language = self.catalog.languages.get(code)
            reply = scenario.replies.get(code)
            if language is None or reply is None:
                drafts[code] = Draft(code, "", error=f"{scenario.id} has no {code!r} reply")
                continue
            try:
                context = {f.name: Shown(f, values.get(f.name), language) for f in scenario.fields}
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
                drafts[code] = Draft(code, "", error=f"{type(exc).__name__}: {exc}")
                continue
            # Only the markers the reply actually shows: an empty field that a conditional
            # leaves out (a buyer's name behind "Dear customer") is not flagged.
            markers = tuple(v.text for v in context.values() if v.missing and v.printed)
            drafts[code] = Draft(code, tidy(body), subject, markers)
        return RenderResult(scenario.id, drafts, missing)


def tidy(text: str) -> str:
    """Trim trailing spaces and collapse runs of blank lines a conditional can leave behind."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)
