"""Checking a template library: every scenario renders cleanly in every language.

This is what ``python -m composer check`` runs, and what the tests run over the shipped
templates. It finds what loading alone cannot: a reply that fails with its own example values,
an example that leaves a required field empty, Chinese characters in a language that should
have none, a placeholder left over from a sample (``XXX``, ``(Your name)``, ``[...]``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from composer.templating.fields import FieldType, Value
from composer.templating.jinja import REPLY_FORMATS
from composer.templating.language_folder import CJK_SCRIPTS
from composer.templating.render import Renderer
from composer.templating.scenario import LoadResult, Scenario

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PLACEHOLDER = re.compile(
    r"\bXXX+\b|\(\s*your name\s*\)|\[\s*(?:\.\.\.|…)\s*\]|\{\{|\}\}|\{%|%\}", re.I
)


@dataclass(frozen=True)
class Finding:
    """One thing wrong (``error``) or worth a look (``warning``) in a template library."""

    severity: str
    message: str
    path: Path | None = None
    line: int = 0
    scenario: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path else ""
        return f"{self.severity}: {where}{self.message}"


def check_library(result: LoadResult, folders: Iterable[Path] | None = None) -> list[Finding]:
    """Problems of loading plus a render of each scenario with its examples in every language.

    With ``folders``, only the files in those folders are reported on.
    """
    wanted = [Path(f).resolve() for f in folders] if folders is not None else None

    def included(path: Path | None) -> bool:
        if wanted is None or path is None:
            return True
        resolved = path.resolve()
        return any(resolved == f or f in resolved.parents for f in wanted)

    findings = [
        Finding(p.severity, p.message, p.path, p.line) for p in result.problems if included(p.path)
    ]
    renderer = Renderer(result.catalog)
    for scenario in result.catalog:
        if included(scenario.source):
            findings.extend(check_scenario(renderer, scenario))
    return findings


MAX_COMBINATIONS = 512  # of choice options and yes/no answers, per scenario


def variants(scenario: Scenario) -> list[tuple[str, dict[str, Value]]]:
    """The value sets a check renders: the examples; every combination of every choice's
    options and every yes/no answer, each with the examples and again with every optional
    field empty; and each optional field left empty on its own."""
    examples = scenario.examples()
    found: list[tuple[str, dict[str, Value]]] = [("example values", examples)]
    axes: list[tuple[str, list[Value]]] = []
    for field in scenario.fields:
        if field.options:
            axes.append((field.name, [option.key for option in field.options]))
        elif field.type is FieldType.YES_NO:
            axes.append((field.name, [True, False]))
    optional: dict[str, Value] = {
        f.name: None for f in scenario.fields if not f.required and f.type is not FieldType.YES_NO
    }
    names = [name for name, _ in axes]
    combinations = itertools.product(*(choices for _, choices in axes))
    for combination in itertools.islice(combinations, MAX_COMBINATIONS):
        chosen = dict(zip(names, combination, strict=True))
        label = ", ".join(f"{name}={value}" for name, value in chosen.items())
        if chosen:
            found.append((label, {**examples, **chosen}))
        if optional:
            empty_label = f"{label}, optional fields empty" if label else "optional fields empty"
            found.append((empty_label, {**examples, **chosen, **optional}))
    for name in optional:
        found.append((f"{name} empty", {**examples, name: None}))
    return found


def check_scenario(renderer: Renderer, scenario: Scenario) -> list[Finding]:
    """Render ``scenario`` with every variant of its values in every language; read the text."""
    findings: list[Finding] = []
    seen: set[str] = set()

    def add(
        message: str, language: str | None = None, line: int = 0, severity: str = "error"
    ) -> None:
        if message not in seen:
            seen.add(message)
            findings.append(
                Finding(severity, message, scenario.source, line, scenario.id, language)
            )

    # A chat message has no subject: the subjects are rendered, and read, in the e-mail.
    for (label, values), reply_format in itertools.product(variants(scenario), REPLY_FORMATS):
        result = renderer.render_draft(scenario, values, reply_format=reply_format)
        label = label if reply_format == REPLY_FORMATS[0] else f"{label}, {reply_format}"
        prefix = f"{scenario.id} ({label})"
        if label == "example values":  # elsewhere fields are emptied on purpose
            for name in result.missing:
                add(f"{scenario.id}: field {name!r} is needed but has no example value")
        paragraphs: dict[str, int] = {}
        for code, draft in result.drafts.items():
            reply = scenario.replies[code]
            if draft.error:
                add(f"{prefix} [{code}]: does not render: {draft.error}", code, reply.body_line)
                continue
            paragraphs[code] = len([p for p in draft.body.split("\n\n") if p.strip()])
            script = renderer.catalog.languages[code].script
            for part, text in (("subject", draft.subject or ""), ("body", draft.body)):
                line = reply.subject_line if part == "subject" else reply.body_line
                if script not in CJK_SCRIPTS:
                    found = CJK.search(text)
                    if found:
                        snippet = _around(text, found.start())
                        add(f"{prefix} [{code}] {part}: Chinese characters {snippet!r}", code, line)
                leftover = PLACEHOLDER.search(text)
                if leftover:
                    add(
                        f"{prefix} [{code}] {part}: leftover placeholder {leftover.group(0)!r}",
                        code,
                        line,
                    )
                if part == "body" and not text.strip():
                    add(f"{prefix} [{code}]: the body is empty", code, line)
        if any(d.over_limit for d in result.drafts.values()):
            # Past a bound of composer.templating.limits: the other variants would only wait.
            break
        if len(set(paragraphs.values())) > 1:
            counts = ", ".join(f"{code} {n}" for code, n in paragraphs.items())
            add(
                f"{prefix}: the languages have different numbers of paragraphs ({counts}); "
                "a block tag at a line end may have glued two together",
                severity="warning",
            )
    return findings


def _around(text: str, index: int, width: int = 12) -> str:
    return text[max(0, index - width) : index + width]
