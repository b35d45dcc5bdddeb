"""The seller's own replies: the ``templates`` folder of the data folder, and its drafts.

A file there replaces a shipped scenario with the same id (``composer.paths.template_dirs``:
later folders win), so duplicating a shipped reply is copying its file here, and restoring
the shipped one is deleting that copy. Every write is atomic
(``composer.storage.atomic_file``); a deletion keeps the file's bytes so it can be undone.
Drafts (``ReplyDrafts``) keep a reply the seller has not saved, valid or not, as a file in
``reply-drafts/`` until it is saved or discarded, so a closed window or a crash loses nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from composer import paths
from composer.library.spec import ScenarioSpec, spec_from_data
from composer.library.toml_writer import write_scenario
from composer.storage.atomic_file import write_atomically
from composer.templating.scenario import Catalog, Scenario

DRAFTS_FOLDER = "reply-drafts"
_SAFE = re.compile(r"[^a-z0-9-]+")


class OwnRepliesError(Exception):
    """A file of the seller's replies that could not be read or written; the message says
    which, and why, in one line."""


@dataclass(frozen=True)
class Removed:
    """A reply file the seller deleted, kept to put back exactly as it was."""

    path: Path
    data: bytes
    scenario_id: str


def languages_of(catalog: Catalog) -> dict[str, str]:
    """The catalog's reply languages, code: locale (what ``spec_from_data`` shares out by)."""
    return {code: language.locale for code, language in catalog.file_languages().items()}


def read_spec(path: Path, catalog: Catalog) -> ScenarioSpec:
    """The spec of the scenario file ``path``; OwnRepliesError naming it if it cannot be read."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OwnRepliesError(f"{path}: cannot be read: {exc}") from None
    return spec_from_data(data, languages_of(catalog))


class OwnReplies:
    """The seller's replies folder in ``data_dir``: save, duplicate, delete and restore."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.folder = paths.user_templates_dir(self.data_dir)
        self.drafts = ReplyDrafts(self.data_dir / DRAFTS_FOLDER)

    def owns(self, scenario: Scenario) -> bool:
        """True when ``scenario`` was loaded from this folder."""
        return scenario.source is not None and _inside(scenario.source, self.folder)

    def ids(self, catalog: Catalog) -> dict[str, str]:
        """The seller's replies in ``catalog``: id -> file name."""
        return {
            s.id: s.source.name for s in catalog.scenarios.values() if s.source and self.owns(s)
        }

    def shipped_file(self, scenario_id: str) -> Path | None:
        """The shipped file of ``scenario_id``, if the app ships one."""
        folder = paths.shipped_templates_dir()
        for path in sorted(folder.glob("*.toml")):
            if path.stem == scenario_id:
                return path
        return None

    def replaces_shipped(self, scenario: Scenario) -> bool:
        """True when ``scenario`` is the seller's copy of a shipped reply."""
        return self.owns(scenario) and self.shipped_file(scenario.id) is not None

    def path_for(self, scenario_id: str) -> Path:
        return self.folder / f"{scenario_id}.toml"

    def save(self, spec: ScenarioSpec, *, editing: Scenario | None = None) -> Path:
        """Write ``spec`` as its file (atomically) and return it. ``editing``: the seller's
        reply it was opened from; a new id moves it to a file of that name."""
        old = editing.source if editing is not None and self.owns(editing) else None
        target = old if old is not None and editing and editing.id == spec.id else None
        target = target or self.path_for(spec.id)
        self.write_bytes(target, write_scenario(spec).encode("utf-8"))
        if old is not None and old != target:
            old.unlink(missing_ok=True)
        return target

    def duplicate(self, scenario: Scenario, catalog: Catalog) -> tuple[Path, str]:
        """Copy ``scenario`` into the seller's folder; the new file and its id.

        A shipped reply is copied byte for byte under its own id (comments and all): the copy
        replaces it in the picker. A reply of the seller's own gets a new id (``-2``, ``-3``...).
        """
        if scenario.source is None:
            raise OwnRepliesError(f"{scenario.id}: has no file to copy")
        if not self.owns(scenario) and scenario.id not in self.ids(catalog):
            try:
                data = scenario.source.read_bytes()
            except OSError as exc:
                raise OwnRepliesError(f"{scenario.source}: cannot be read: {exc}") from None
            target = self.path_for(scenario.id)
            self.write_bytes(target, data)
            return target, scenario.id
        spec = read_spec(scenario.source, catalog)
        number = 2
        base = re.sub(r"-\d+$", "", scenario.id)
        while f"{base}-{number}" in catalog.scenarios or self.path_for(f"{base}-{number}").exists():
            number += 1
        spec.id = f"{base}-{number}"
        return self.save(spec), spec.id

    def delete(self, scenario: Scenario) -> Removed:
        """Delete the seller's reply ``scenario`` (a copy of a shipped one: the shipped one
        shows again); what ``undo_delete`` needs to put it back."""
        if scenario.source is None or not self.owns(scenario):
            raise OwnRepliesError(f"{scenario.id}: is not one of your replies")
        try:
            data = scenario.source.read_bytes()
            scenario.source.unlink()
        except OSError as exc:
            raise OwnRepliesError(f"{scenario.source}: cannot be deleted: {exc}") from None
        return Removed(scenario.source, data, scenario.id)

    def undo_delete(self, removed: Removed) -> Path:
        """Put a deleted reply file back, byte for byte."""
        self.write_bytes(removed.path, removed.data)
        return removed.path

    def write_file(self, scenario_id: str, text: str) -> Path:
        """Write a scenario file's text (an imported one) as ``<id>.toml``."""
        path = self.path_for(scenario_id)
        self.write_bytes(path, text.encode("utf-8"))
        return path

    def write_bytes(self, path: Path, data: bytes) -> None:
        """Write ``data`` as ``path`` atomically (the folder made if needed)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, [data])
        except OSError as exc:
            raise OwnRepliesError(f"{path}: cannot be written: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class DraftInfo:
    """A kept draft: its key (the id it was opened from, or ``new-...``) and when it was kept."""

    key: str
    path: Path
    kept: dt.datetime


class ReplyDrafts:
    """Unsaved replies, one file each (a scenario file, as readable as a saved one)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def new_key(now: dt.datetime | None = None) -> str:
        """The key of a new reply's draft."""
        return (now or dt.datetime.now()).strftime("new-%Y%m%d-%H%M%S-%f")

    def path(self, key: str) -> Path:
        return self.folder / f"{_SAFE.sub('-', key.lower()) or 'draft'}.toml"

    def keep(self, key: str, spec: ScenarioSpec) -> Path:
        """Keep ``spec`` as the draft ``key`` (replacing the one kept before)."""
        path = self.path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(path, [write_scenario(spec).encode("utf-8")])
        except OSError as exc:
            raise OwnRepliesError(f"{path}: cannot be written: {exc.strerror or exc}") from None
        return path

    def load(self, key: str, catalog: Catalog) -> ScenarioSpec | None:
        """The draft ``key``; None when there is none."""
        path = self.path(key)
        return read_spec(path, catalog) if path.is_file() else None

    def discard(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def kept(self) -> list[DraftInfo]:
        """Every kept draft, the latest first."""
        if not self.folder.is_dir():
            return []
        found = [
            DraftInfo(p.stem, p, dt.datetime.fromtimestamp(p.stat().st_mtime))
            for p in self.folder.glob("*.toml")
        ]
        return sorted(found, key=lambda d: d.kept, reverse=True)

    def latest_new(self) -> DraftInfo | None:
        """The latest draft of a new reply, if one is kept."""
        return next((d for d in self.kept() if d.key.startswith("new-")), None)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve()
    except OSError:
        return path.parent == folder
