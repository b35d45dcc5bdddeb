"""Sharing snippets as a JSON file: export a library, import one with a report.

Importing never loses the seller's own work silently: a snippet that differs from theirs is
taken only when the file's copy was changed more recently; otherwise it is a conflict, kept
as theirs unless they ask for the file's version, and named in the report either way.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composer.snippets import Snippet, SnippetError, SnippetStore, from_json, to_json

FORMAT = "reply-composer-snippets"
VERSION = 1


class ImportFileError(ValueError):
    """A file that holds no snippets to import; the message names it."""


@dataclass
class ImportReport:
    """What an import did, by key."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # the file's copy was newer
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # both changed: see ``took_theirs``
    invalid: list[str] = field(default_factory=list)  # entries that are not snippets, why
    took_theirs: bool = False  # conflicts were resolved with the file's version

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "conflicts_resolved_with": "file" if self.took_theirs else "yours",
            "invalid": self.invalid,
        }


def export_data(store: SnippetStore, now: dt.datetime | None = None) -> dict[str, Any]:
    """Every snippet, in the export format."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": (now or store.clock()).replace(microsecond=0).isoformat(),
        "snippets": [to_json(s) for s in store.all()],
    }


def export_text(store: SnippetStore) -> str:
    """The export as readable JSON text (Chinese left as it is)."""
    return json.dumps(export_data(store), ensure_ascii=False, indent=2) + "\n"


def read_export(path: Path) -> tuple[list[Snippet], list[str]]:
    """The snippets in an export file, and a reason for each entry that is not one.

    Accepts this app's export or a bare JSON list of snippets.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ImportFileError(f"{path} is not a JSON file: {exc}") from None
    if isinstance(data, dict):
        if data.get("format") not in (None, FORMAT) or not isinstance(data.get("snippets"), list):
            raise ImportFileError(f"{path} is not a snippet export (no list of snippets)")
        if isinstance(data.get("version"), int) and data["version"] > VERSION:
            raise ImportFileError(f"{path} comes from a newer Reply Composer; update to import it")
        entries = data["snippets"]
    elif isinstance(data, list):
        entries = data
    else:
        raise ImportFileError(f"{path} is not a snippet export")
    snippets: list[Snippet] = []
    invalid: list[str] = []
    for number, entry in enumerate(entries, start=1):
        try:
            snippets.append(from_json(entry))
        except SnippetError as exc:
            name = entry.get("key") if isinstance(entry, dict) else None
            invalid.append(f"entry {number}{f' ({name})' if name else ''}: {exc}")
    return snippets, invalid


def import_snippets(
    store: SnippetStore, snippets: list[Snippet], take_theirs: bool = False
) -> ImportReport:
    """Add and update ``snippets`` in ``store`` in one write; see the module docstring."""
    report = ImportReport(took_theirs=take_theirs)
    wanted: dict[str, Snippet] = {}
    with store.transaction():  # compared and written under one lock
        _compare(store, snippets, take_theirs, report, wanted)
        store.save_many(wanted.values(), touch=False)
    return report


def _compare(
    store: SnippetStore,
    snippets: list[Snippet],
    take_theirs: bool,
    report: ImportReport,
    wanted: dict[str, Snippet],
) -> None:
    for incoming in snippets:
        mine = store.get(incoming.key)
        if mine is None:
            report.added.append(incoming.key)
        elif mine.same_text(incoming):
            report.unchanged.append(incoming.key)
            continue
        elif _newer(incoming, mine):
            report.updated.append(incoming.key)
        else:
            report.conflicts.append(incoming.key)
            if not take_theirs:
                continue
        wanted[incoming.key] = incoming


def _newer(theirs: Snippet, mine: Snippet) -> bool:
    if theirs.updated is None or mine.updated is None:
        return False
    try:
        return theirs.updated > mine.updated
    except TypeError:  # one has a time zone and the other not
        return False
