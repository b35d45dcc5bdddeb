"""A reply being written, checked as the loader and ``composer check`` would check its file.

``ReplyChecker`` reads a spec's file text in the context the catalog was loaded in
(``composer.templating.loader.reading_context``), then renders it with every variant of its
values (``composer.templating.validate.check_scenario``). Each mistake keeps the key path it
is at (``("reply", "en", "body")``, ``("fields", 2, "options")``) and, inside a text, its line
and word, so the editor can underline it; ``file_line`` is where ``check`` would report it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from composer.library.spec import ScenarioSpec
from composer.library.toml_writer import write_scenario
from composer.templating.fields import Value
from composer.templating.loader import ReadingContext, parse_source, reading_context
from composer.templating.render import Renderer, RenderResult
from composer.templating.scenario import Catalog, Scenario, TemplateProblem
from composer.templating.scenario_file import read_scenario
from composer.templating.template_fields import InvalidError, describe
from composer.templating.validate import check_scenario

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Mistake:
    """One thing wrong (``error``) or worth a look (``warning``) in a reply being written."""

    message: str  # one line, in English; the window words the common ones in its language
    key: Key = ()
    line: int = 0  # the line inside a text (a body, a subject), 1-based; 0: not in a text
    word: str = ""  # what to underline on that line
    severity: str = "error"
    file_line: int = 0
    language: str | None = None

    def where(self, file_name: str) -> str:
        """``file:line: message``, as ``composer check`` says it."""
        return f"{file_name}:{self.file_line or 1}: {self.message}"


@dataclass
class SpecCheck:
    """What checking a spec found: the scenario it loads as (None when it does not) and the
    mistakes; ``text`` is the file it would be saved as."""

    text: str
    scenario: Scenario | None
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def errors(self) -> list[Mistake]:
        return [m for m in self.mistakes if m.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors


class ReplyChecker:
    """Checks replies against one catalog (its languages, categories, partials, shared fields).

    ``taken`` maps the ids of the seller's own replies to their file names: an id the reply
    being written would take from another of them is refused. ``render`` False skips the
    render of every variant (the file is still read as the loader reads it).
    """

    def __init__(
        self,
        catalog: Catalog,
        taken: Mapping[str, str] | None = None,
        required: set[str] | None = None,
    ) -> None:
        """``required``: the languages every reply must have (None: all the catalog's)."""
        self.catalog = catalog
        self.required = required
        self.context: ReadingContext = reading_context(catalog)
        self.renderer = Renderer(catalog)
        self.taken = dict(taken or {})

    def check(
        self, spec: ScenarioSpec, *, editing: str | None = None, render: bool = True
    ) -> SpecCheck:
        """Check ``spec`` as the file the editor would save; ``editing``: the id it had."""
        result = self.check_text(write_scenario(spec), Path(f"{spec.id or 'reply'}.toml"), render)
        for code in self.catalog.file_languages():
            if code in spec.replies and not spec.titles.get(code, "").strip():
                name = self.catalog.languages[code].name
                result.mistakes.insert(
                    0, Mistake(f"the {name} title is empty", ("title", code), language=code)
                )
        owner = self.taken.get(spec.id)
        if owner is not None and spec.id != editing:
            message = f"id {spec.id!r} is already used by your reply in {owner}"
            result.mistakes.insert(0, Mistake(message, ("id",), file_line=1))
        return result

    def check_text(self, text: str, path: Path, render: bool = True) -> SpecCheck:
        """Check a scenario file's ``text`` as if it were the file ``path``."""
        problems: list[TemplateProblem] = []
        source = parse_source(text, path, problems)
        if source is None:
            return SpecCheck(text, None, [_from_problem(p) for p in problems])
        context = self.context
        try:
            scenario, warnings = read_scenario(
                source,
                context.catalog,
                context.environments,
                context.partial_fields,
                self.required,
            )
        except InvalidError as error:
            return SpecCheck(text, None, [_from_error(error, source.problem(error))])
        except (tomllib.TOMLDecodeError, RecursionError, ValueError, TypeError) as exc:
            return SpecCheck(text, None, [Mistake(f"cannot be loaded: {describe(exc)}")])
        mistakes = [_from_error(w, source.problem(w, "warning"), "warning") for w in warnings]
        if render:
            for finding in check_scenario(self.renderer, scenario):
                key: Key = ("reply", finding.language, "body") if finding.language else ()
                mistakes.append(
                    Mistake(
                        finding.message.removeprefix(f"{scenario.id} "),
                        key,
                        severity=finding.severity,
                        file_line=finding.line,
                        language=finding.language,
                    )
                )
        return SpecCheck(text, scenario, mistakes)

    def preview(
        self,
        scenario: Scenario,
        values: Mapping[str, Value] | None = None,
        reply_format: str = "chat",
    ) -> RenderResult:
        """``scenario`` rendered with its example values (or ``values``) in every language."""
        return self.renderer.render_draft(
            scenario, scenario.examples() if values is None else values, reply_format=reply_format
        )


def _from_error(error: InvalidError, problem: TemplateProblem, severity: str = "error") -> Mistake:
    language = str(error.key[1]) if error.key[:1] == ("reply",) and len(error.key) > 1 else None
    return Mistake(
        error.message,
        error.key,
        error.line_offset,
        error.word,
        severity,
        problem.line,
        language,
    )


def _from_problem(problem: TemplateProblem) -> Mistake:
    return Mistake(problem.message, (), severity=problem.severity, file_line=problem.line)
