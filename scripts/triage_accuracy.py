"""Measure triage on the blind labelled set: language, top-1, top-3 and no suggestion.

    python scripts/triage_accuracy.py [--set FILE] [--split tune|holdout|all|both] [--misses]

The set (tests/data/triage_blind.json) was written from the scenario titles and guidance only,
before the [triage] tables were read; tune on the "tune" half, report the "holdout" half. A
message counts as right when its expected scenario, or an acceptable alternative ("also"), is
the first suggestion (top-1) or among the three (top-3). Prints one table per split, one row per
language, with the average number of suggestions (to watch precision); ``--misses`` lists the
messages whose expected scenario is not in the top three.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from composer.templating.loader import load_catalog  # noqa: E402 (after the path is set)
from composer.templating.scenario import Catalog  # noqa: E402
from composer.triage import triage  # noqa: E402

BLIND_SET = ROOT / "tests" / "data" / "triage_blind.json"
LANGUAGES = ("en", "zh", "es", "fr", "de", "pt", "it", "ru", "pl")


@dataclass(frozen=True)
class Outcome:
    """What triage made of one labelled message."""

    message: dict[str, object]
    language: str
    suggested: tuple[str, ...]

    @property
    def accepted(self) -> set[str]:
        also = self.message.get("also") or []
        assert isinstance(also, list)
        return {str(self.message["scenario"]), *map(str, also)}

    @property
    def top1(self) -> bool:
        return bool(self.suggested) and self.suggested[0] in self.accepted

    @property
    def top3(self) -> bool:
        return bool(self.accepted.intersection(self.suggested[:3]))

    @property
    def language_right(self) -> bool:
        return self.language == self.message["language"]


def load_set(path: Path = BLIND_SET) -> list[dict[str, object]]:
    """The labelled messages of the set at ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    messages: list[dict[str, object]] = data["messages"]
    return messages


def shipped_catalog() -> Catalog:
    """The shipped scenarios, as the app loads them."""
    return load_catalog([ROOT / "templates"]).catalog


def measure(messages: Iterable[dict[str, object]], catalog: Catalog) -> list[Outcome]:
    """Triage each message against ``catalog``."""
    outcomes = []
    for message in messages:
        found = triage(str(message["text"]), catalog)
        suggested = tuple(s.scenario for s in found.suggestions)
        outcomes.append(Outcome(message, found.language, suggested))
    return outcomes


@dataclass(frozen=True)
class Row:
    """Counts for one language (or all of them)."""

    name: str
    total: int
    language: int
    top1: int
    top3: int
    none: int
    suggested: int

    def percent(self, count: int) -> str:
        return f"{100 * count / self.total:5.1f}" if self.total else "    -"


def rows(outcomes: Sequence[Outcome]) -> list[Row]:
    """One row per language, then the total."""

    def row(name: str, group: Sequence[Outcome]) -> Row:
        return Row(
            name,
            len(group),
            sum(o.language_right for o in group),
            sum(o.top1 for o in group),
            sum(o.top3 for o in group),
            sum(not o.suggested for o in group),
            sum(len(o.suggested) for o in group),
        )

    def of(lang: str) -> list[Outcome]:
        return [o for o in outcomes if o.message["language"] == lang]

    result = [row(lang, of(lang)) for lang in LANGUAGES]
    result.append(row("all", outcomes))
    return result


def table(title: str, outcomes: Sequence[Outcome]) -> str:
    """A plain-text table: counts and percentages per language."""
    lines = [
        title,
        f"{'lang':<5} {'n':>4}  {'language %':>10}  {'top-1 %':>8}  {'top-3 %':>8}  {'none':>5}"
        f"  {'avg sugg.':>9}",
    ]
    for r in rows(outcomes):
        lines.append(
            f"{r.name:<5} {r.total:>4}  {r.percent(r.language):>10}  {r.percent(r.top1):>8}"
            f"  {r.percent(r.top3):>8}  {r.none:>5}  {r.suggested / max(r.total, 1):>9.2f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=BLIND_SET)
    parser.add_argument("--split", choices=("tune", "holdout", "all", "both"), default="both")
    parser.add_argument("--misses", action="store_true", help="list the top-3 misses")
    args = parser.parse_args(argv)
    messages = load_set(args.set)
    catalog = shipped_catalog()
    splits = ("tune", "holdout") if args.split == "both" else (args.split,)
    for split in splits:
        chosen = [m for m in messages if split == "all" or m["split"] == split]
        outcomes = measure(chosen, catalog)
        print(table(f"{split} ({len(chosen)} messages)", outcomes))
        print()
        if args.misses:
            for o in outcomes:
                if not o.top3:
                    print(
                        f"  [{o.message['language']}] {o.message['scenario']:<20}"
                        f" got {', '.join(o.suggested) or '-'}: {o.message['text']}"
                    )
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
