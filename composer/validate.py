"""Checking a template library: every scenario renders cleanly in every language.

This is what ``python -m composer check`` runs, and what the tests run over the shipped
templates. It finds what loading alone cannot: a reply that fails with its own example values,
an example that leaves a required field empty, Chinese characters in a language that should
have none, a placeholder left over from a sample (``XXX``, ``(Your name)``, ``[...]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from composer.loader import LoadResult
from composer.render import Renderer
from composer.scenario import Scenario

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
PLACEHOLDER = re.compile(
    r"\bXXX+\b|\(\s*your name\s*\)|\[\s*(?:\.\.\.|…)\s*\]|\{\{|\}\}|\{%|%\}", re.I
)
CJK_LOCALES = ("zh", "ja", "ko")


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


def check_scenario(renderer: Renderer, scenario: Scenario) -> list[Finding]:
    """Render ``scenario`` with its example values in every language and look at the text."""
    findings: list[Finding] = []

    def add(message: str, language: str | None = None, line: int = 0) -> None:
        findings.append(Finding("error", message, scenario.source, line, scenario.id, language))

    result = renderer.render_draft(scenario, scenario.examples())
    for name in result.missing:
        add(f"{scenario.id}: required field {name!r} has no example value")
    for code, draft in result.drafts.items():
        reply = scenario.replies[code]
        if draft.error:
            add(f"{scenario.id} [{code}]: does not render: {draft.error}", code, reply.body_line)
            continue
        locale = renderer.catalog.languages[code].locale
        for part, text in (("subject", draft.subject or ""), ("body", draft.body)):
            line = reply.subject_line if part == "subject" else reply.body_line
            if not locale.startswith(CJK_LOCALES):
                found = CJK.search(text)
                if found:
                    add(
                        f"{scenario.id} [{code}] {part}: Chinese characters "
                        f"{_around(text, found.start())!r}",
                        code,
                        line,
                    )
            leftover = PLACEHOLDER.search(text)
            if leftover:
                add(
                    f"{scenario.id} [{code}] {part}: leftover placeholder {leftover.group(0)!r}",
                    code,
                    line,
                )
            if not text.strip() and part == "body":
                add(f"{scenario.id} [{code}]: the body is empty", code, line)
    return findings


def _around(text: str, index: int, width: int = 12) -> str:
    return text[max(0, index - width) : index + width]
