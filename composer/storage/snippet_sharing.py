"""Sharing snippets as a JSON file: export a library, import one with a report.

Importing never loses the seller's own work silently: a snippet that differs from theirs is
taken only when the file's copy was changed more recently; otherwise it is a conflict, kept
as theirs unless they ask for the file's version, and named in the report either way. A time
in the file later than now (beyond a few minutes of clock difference) proves nothing: such a
snippet is a conflict too, and whatever is taken is stored with a time no later than now, so
that the seller's next edit is newer than it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composer.storage.atomic_file import UnusableFileError, read_regular
from composer.storage.snippets import Snippet, SnippetError, SnippetStore, from_json, to_json
from composer.storage.text_repair import mend

FORMAT = "reply-composer-snippets"
VERSION = 1
MAX_IMPORT_BYTES = 32 * 1024 * 1024
"""The largest file imported (an export of 10,000 snippets is about 8 MB)."""
CLOCK_SKEW = dt.timedelta(minutes=5)
"""How far ahead of this computer's clock another computer's may be and still be believed."""


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
    mended: list[str] = field(default_factory=list)  # broken characters replaced, where
    future: list[str] = field(default_factory=list)  # dated later than now: not believed
    took_theirs: bool = False  # conflicts were resolved with the file's version

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "conflicts_resolved_with": "file" if self.took_theirs else "yours",
            "invalid": self.invalid,
            "mended": self.mended,
            "dated_in_the_future": self.future,
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


def read_export(path: Path, notes: list[str] | None = None) -> tuple[list[Snippet], list[str]]:
    """The snippets in an export file, and a reason for each entry that is not one.

    Accepts this app's export or a bare JSON list of snippets, with or without a UTF-8 BOM.
    A key that comes again is reported, and only its first entry taken. Broken characters
    (half an emoji) are replaced with U+FFFD and named in ``notes`` when it is given.
    """
    try:
        raw = read_regular(path, MAX_IMPORT_BYTES)
        if raw is None:
            raise FileNotFoundError(2, "No such file or directory")
        data = json.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnusableFileError as exc:
        raise ImportFileError(f"cannot import {path}: it {exc}") from None
    except RecursionError:
        raise ImportFileError(f"{path} is not a snippet export (it nests too deeply)") from None
    except ValueError as exc:
        raise ImportFileError(f"{path} is not a JSON file: {exc}") from None
    if isinstance(data, dict):
        if data.get("format") not in (None, FORMAT) or not isinstance(data.get("snippets"), list):
            raise ImportFileError(f"{path} is not a snippet export (no list of snippets)")
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ImportFileError(f"{path} comes from a newer Reply Composer; update to import it")
        entries = data["snippets"]
    elif isinstance(data, list):
        entries = data
    else:
        raise ImportFileError(f"{path} is not a snippet export")
    snippets: list[Snippet] = []
    invalid: list[str] = []
    first: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        name = entry.get("key") if isinstance(entry, dict) else None
        label = f"entry {number}{f' ({mend(name)[0]})' if isinstance(name, str) else ''}"
        mended: list[str] = []
        try:
            snippet = from_json(entry, mended)
        except (SnippetError, RecursionError) as exc:
            reason = exc if isinstance(exc, SnippetError) else "it nests too deeply"
            invalid.append(f"{label}: {mend(str(reason))[0]}")
            continue
        if snippet.key in first:
            invalid.append(
                f"{label}: the key {snippet.key!r} is already entry {first[snippet.key]}; "
                "only the first is imported"
            )
            continue
        first[snippet.key] = number
        snippets.append(snippet)
        if notes is not None:
            notes += [f"entry {number}: {note}" for note in mended]
    return snippets, invalid


def import_snippets(
    store: SnippetStore, snippets: list[Snippet], take_theirs: bool = False
) -> ImportReport:
    """Add and update ``snippets`` in ``store`` in one write; see the module docstring."""
    report = ImportReport(took_theirs=take_theirs)
    wanted: dict[str, Snippet] = {}
    with store.transaction():  # compared and written under one lock
        latest = store.clock() + CLOCK_SKEW
        for snippet in snippets:
            if snippet.updated is not None and snippet.updated > latest:
                report.future.append(snippet.key)
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
        elif incoming.key not in report.future and _newer(incoming, mine):
            report.updated.append(incoming.key)
        else:
            report.conflicts.append(incoming.key)
            if not take_theirs:
                continue
        wanted[incoming.key] = incoming


def _newer(theirs: Snippet, mine: Snippet) -> bool:
    if theirs.updated is None or mine.updated is None:
        return False
    return theirs.updated > mine.updated  # both with an offset (snippets._time)
