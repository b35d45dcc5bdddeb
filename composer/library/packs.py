"""Template packs: the seller's own replies in one file, to share and to import elsewhere.

A pack is a JSON file (``.replypack``) holding each reply's template file as it is, by name:
``{"format": "reply-composer-pack", "version": 1, "replies": [{"file": "x.toml", "text":
"..."}]}``. Importing one is planned first (``plan_import``: what it adds, what it replaces,
what is refused and why, naming the file and line), then carried out (``apply_import``) once
the seller agrees; a refused reply is never written. A pack's file names are never used as
paths: an imported reply is written as ``<id>.toml`` in the seller's folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from composer.library.checking import ReplyChecker
from composer.library.own import OwnReplies
from composer.storage.atomic_file import read_regular, write_atomically
from composer.templating.scenario import Catalog, Scenario

PACK_FORMAT = "reply-composer-pack"
PACK_VERSION = 1
PACK_SUFFIX = ".replypack"
MAX_PACK_BYTES = 32 * 1024 * 1024
MAX_REPLIES = 500
MAX_TEXT = 512 * 1024  # a template file's own limit (composer.templating.loader)

ADD, REPLACE, REPLACE_SHIPPED, SAME, REFUSED = (
    "add",
    "replace",
    "replace-shipped",
    "same",
    "refused",
)


class PackError(Exception):
    """A pack that cannot be read or written; one line naming the file."""


@dataclass(frozen=True)
class PackEntry:
    """One reply in a pack: its file's name (for messages) and text."""

    file: str
    text: str


@dataclass(frozen=True)
class ImportItem:
    """What importing one reply of a pack would do: ``action`` is ``add``, ``replace`` (one of
    the seller's replies), ``replace-shipped`` (shows instead of a shipped reply), ``same``
    (already there as it is) or ``refused`` (``problem`` says why: ``file:line: message``)."""

    entry: PackEntry
    action: str
    scenario_id: str = ""
    titles: tuple[tuple[str, str], ...] = ()
    problem: str = ""

    def title(self, language: str) -> str:
        found = dict(self.titles)
        return found.get(language) or found.get("en") or self.scenario_id or self.entry.file


def export_pack(own: OwnReplies, catalog: Catalog, target: Path) -> list[str]:
    """Write the seller's replies (those that load) to the pack ``target``; their ids."""
    replies: list[dict[str, str]] = []
    ids: list[str] = []
    for scenario in catalog.ordered():
        if scenario.source is None or not own.owns(scenario):
            continue
        try:
            text = scenario.source.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(f"{scenario.source}: cannot be read: {exc}") from None
        replies.append({"file": scenario.source.name, "text": text})
        ids.append(scenario.id)
    document = {"format": PACK_FORMAT, "version": PACK_VERSION, "replies": replies}
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    try:
        write_atomically(target, [data])
    except OSError as exc:
        raise PackError(f"{target}: cannot be written: {exc.strerror or exc}") from None
    return ids


def read_pack(path: Path) -> list[PackEntry]:
    """The replies in the pack ``path``; PackError (one line, naming it) when it is not one."""
    try:
        raw = read_regular(path, MAX_PACK_BYTES)
    except OSError as exc:
        raise PackError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except Exception as exc:  # a folder, a pipe, a file past the size limit
        raise PackError(f"{path}: cannot be read: {exc}") from None
    if raw is None:
        raise PackError(f"{path}: no such file")
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PackError(f"{path}: is not a reply pack (not JSON text)") from None
    if not isinstance(document, dict) or document.get("format") != PACK_FORMAT:
        raise PackError(f"{path}: is not a reply pack")
    version = document.get("version")
    if not isinstance(version, int) or version > PACK_VERSION:
        raise PackError(f"{path}: was made by a newer version of Reply Composer (pack {version})")
    replies = document.get("replies")
    if not isinstance(replies, list):
        raise PackError(f"{path}: holds no list of replies")
    if len(replies) > MAX_REPLIES:
        raise PackError(f"{path}: holds {len(replies):,} replies; a pack may hold {MAX_REPLIES}")
    entries: list[PackEntry] = []
    for number, item in enumerate(replies, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise PackError(f"{path}: reply {number} has no text")
        name = item.get("file")
        file = PurePath(name).name if isinstance(name, str) and name else f"reply-{number}.toml"
        entries.append(PackEntry(file, item["text"]))
    return entries


def plan_import(
    entries: Iterable[PackEntry], own: OwnReplies, catalog: Catalog, checker: ReplyChecker
) -> list[ImportItem]:
    """What importing ``entries`` would do, each checked as ``composer check`` checks a file."""
    planned: list[ImportItem] = []
    seen: set[str] = set()
    for entry in entries:
        if len(entry.text.encode("utf-8")) > MAX_TEXT:
            problem = f"{entry.file}:1: is larger than {MAX_TEXT // 1024} KB"
            planned.append(ImportItem(entry, REFUSED, problem=problem))
            continue
        checked = checker.check_text(entry.text, Path(entry.file))
        scenario = checked.scenario
        if scenario is None or checked.errors:
            first = checked.errors[0] if checked.errors else None
            problem = first.where(entry.file) if first else f"{entry.file}:1: cannot be loaded"
            item_id = scenario.id if scenario else ""
            planned.append(ImportItem(entry, REFUSED, item_id, problem=problem))
            continue
        titles = tuple(scenario.titles.items())
        if scenario.id in seen:
            problem = f"{entry.file}:1: id {scenario.id!r} is in this pack twice"
            planned.append(ImportItem(entry, REFUSED, scenario.id, titles, problem))
            continue
        seen.add(scenario.id)
        planned.append(
            ImportItem(entry, _action(scenario, entry, own, catalog), scenario.id, titles)
        )
    return planned


def _action(scenario: Scenario, entry: PackEntry, own: OwnReplies, catalog: Catalog) -> str:
    present = catalog.get(scenario.id)
    if present is None:
        return ADD
    if own.owns(present) and present.source is not None:
        try:
            same = present.source.read_bytes().decode("utf-8-sig") == entry.text
        except (OSError, UnicodeDecodeError):
            same = False
        return SAME if same else REPLACE
    return REPLACE_SHIPPED


def apply_import(items: Iterable[ImportItem], own: OwnReplies, catalog: Catalog) -> list[Path]:
    """Write the replies a plan adds or replaces into the seller's folder; the files written.

    A reply that replaces one of the seller's own is written over that reply's file."""
    written: list[Path] = []
    for item in items:
        if item.action not in (ADD, REPLACE, REPLACE_SHIPPED):
            continue
        present = catalog.get(item.scenario_id)
        if item.action == REPLACE and present is not None and present.source is not None:
            own.write_bytes(present.source, item.entry.text.encode("utf-8"))
            written.append(present.source)
        else:
            written.append(own.write_file(item.scenario_id, item.entry.text))
    return written
