"""Rendering a scenario's reply in each language from the seller's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType

from babel.core import UnknownLocaleError
from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from composer.templating import limits
from composer.templating.fields import Value
from composer.templating.jinja import (
    MISSING_SNIPPETS,
    PRINTED_SNIPPETS,
    REPLY_FORMATS,
    SUBJECT_FORMATS,
    compile_template,
    make_environment,
)
from composer.templating.note import NOTE_NAME, ShownNote, note_texts, with_note
from composer.templating.printed_values import TODAY, Shown, ValueSlipError
from composer.templating.scenario import Catalog, Reply, Scenario

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
    over_limit: bool = (
        False  # the error is a bound of composer.templating.limits (or runaway recursion)
    )
    snippets: tuple[str, ...] = ()  # the keys of the snippets it printed (found or not)

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
    Templates are compiled in memory only: compiling all of the shipped ones takes about
    57 ms, a scenario's few about 4 ms, and a compiled-template cache on disk (Jinja's
    marshalled bytecode) would run whatever code a planted file holds.
    """

    def __init__(self, catalog: Catalog, snippets: SnippetLookup | None = None) -> None:
        self.catalog = catalog
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
            env = make_environment(
                self.catalog.partials.get(language, {}),
                (lambda key: lookup(key, language)) if lookup else None,
                self.catalog.languages.get(language),
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
        letter, the only one with a subject line); ``platform`` (a key of the platform rules,
        "generic" when none is chosen) lets a reply use the platform's own words (an AliExpress
        dispute, an eBay case). Dates within ``today``'s year are written without the year. An
        unfilled field shows as a marker in that language, never as a blank; a template that
        fails at render time, or goes past a bound of ``composer.templating.limits``, yields a
        draft with ``error`` set (naming the file and line for a bound), not an exception.
        """
        if reply_format not in REPLY_FORMATS:
            raise ValueError(f"reply format {reply_format!r}: use one of {REPLY_FORMATS}")
        today = today or dt.date.today()
        wanted = list(languages) if languages is not None else list(scenario.replies)
        missing = [f.name for f in scenario.fields if f.required and f.is_empty(values.get(f.name))]
        notes = note_texts(values)
        drafts: dict[str, Draft] = {}
        for code in wanted:
            language = self.catalog.languages.get(code)
            reply = scenario.replies.get(code)
            if language is None or reply is None:
                drafts[code] = Draft(code, "", error=f"{scenario.id} has no {code!r} reply")
                continue
            context: dict[str, object] = {}
            missing_snippets: list[str] = []
            printed_snippets: list[str] = []
            try:
                # Inside the try: formatting a value needs the language's locale data.
                context.update(
                    {f.name: Shown(f, values.get(f.name), language, today) for f in scenario.fields}
                )
                context[MISSING_SNIPPETS] = missing_snippets
                context[PRINTED_SNIPPETS] = printed_snippets
                context[TODAY] = today
                context["format"] = reply_format
                context["platform"] = platform
                note = ShownNote(language, notes, self.catalog.languages)
                context[NOTE_NAME] = note
                # Compiled before the clock starts: only rendering counts against the bound.
                template = self._template(scenario, code, "body", reply.body)
                with limits.bounded():
                    body = template.render(context)
                body = with_note(body, note, scenario.kind)
                subject = None
                if reply.subject is not None and reply_format in SUBJECT_FORMATS:
                    template = self._template(scenario, code, "subject", reply.subject)
                    with limits.bounded():
                        subject = template.render(context)
                    subject = " ".join(subject.split())
            except (limits.TemplateLimitError, RecursionError, MemoryError) as exc:
                where = _where(exc.__traceback__, scenario, reply)
                message = str(exc) if isinstance(exc, limits.TemplateLimitError) else None
                message = message or (
                    "calls itself without end" if isinstance(exc, RecursionError) else "too large"
                )
                drafts[code] = Draft(code, "", error=f"{where}: {message}", over_limit=True)
                continue
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
            if note.marker:
                markers += (note.marker,)
            snippets = tuple(dict.fromkeys(printed_snippets))
            drafts[code] = Draft(code, tidy(body), subject, markers, snippets=snippets)
            # An optional field the reply prints is needed after all (a new address when
            # re-shipping): it is listed as missing like a required one.
            missing.extend(
                name
                for name, v in context.items()
                if isinstance(v, Shown) and v.missing and v.printed and name not in missing
            )
        order = [f.name for f in scenario.fields]
        return RenderResult(scenario.id, drafts, sorted(missing, key=order.index))


def _where(tb: TracebackType | None, scenario: Scenario, reply: Reply) -> str:
    """``file:line`` of the scenario line a failed render stopped at (and the partial's line).

    Jinja rewrites a template error's traceback so that each template frame carries the
    template's name and line; the outermost one of the scenario's is the line in its file.
    """
    lines: list[tuple[str, int]] = []
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            lines.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    own = [(name, line) for name, line in lines if name.startswith(f"{scenario.id}/")]
    source = reply.source or scenario.source or scenario.id
    where = f"{source}"
    if own:
        name, line = own[0]
        first = reply.subject_line if name.endswith("/subject") else reply.body_line
        where = f"{source}:{max(first, 1) + line - 1}"
    elif reply.body_line:
        where = f"{source}:{reply.body_line}"
    partials = [name for name, _ in lines if name.startswith(limits.PARTIAL_PREFIX)]
    if partials:
        deepest = next(n for n in reversed(lines) if n[0].startswith(limits.PARTIAL_PREFIX))
        where += f" ({deepest[0]}, line {deepest[1]})"
    return where


def tidy(text: str) -> str:
    """Trim trailing spaces and collapse runs of blank lines a conditional can leave behind."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out)
