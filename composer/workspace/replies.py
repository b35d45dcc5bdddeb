"""The seller's own replies as the workspace's operations: each writes the seller's folder,
loads the templates again and returns ``Changes(templates=True)``.

The catalog object is updated in place (``reload``), so every part of a front end that holds
it (the picker, the draft's values, the buyer's message pane) sees the new replies.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from composer.library.own import OwnReplies, OwnRepliesError, Removed, ReplyDrafts, read_spec
from composer.library.spec import ScenarioSpec
from composer.templating.scenario import Scenario
from composer.workspace.changes import Changes

if TYPE_CHECKING:
    from composer.library.checking import Mistake, ReplyChecker
    from composer.library.packs import ImportItem
    from composer.workspace.folder import Workspace

TEMPLATES = Changes(templates=True)


class ReplyInvalidError(OwnRepliesError):
    """A reply that fails its checks is not saved; ``mistakes`` say why."""

    def __init__(self, mistakes: list[Mistake]) -> None:
        first = mistakes[0]
        super().__init__(first.message)
        self.mistakes = mistakes


@dataclass(frozen=True)
class Saved:
    """A reply saved: its file and id."""

    path: Path
    scenario_id: str


class ReplyLibrary:
    """The seller's replies in one workspace (``workspace.replies``)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.own = OwnReplies(workspace.data_dir)

    @property
    def drafts(self) -> ReplyDrafts:
        """The seller's unsaved replies."""
        return self.own.drafts

    def checker(self) -> ReplyChecker:
        """A checker over the current catalog (Jinja: imported when first needed)."""
        from composer.library.checking import ReplyChecker

        catalog = self.workspace.catalog
        return ReplyChecker(catalog, self.own.ids(catalog), self.required_languages())

    def required_languages(self) -> set[str] | None:
        """The languages the seller's replies must have: those declared by the folders up to
        the seller's own (as the loader requires them); a team folder loaded after it may add
        one they can do without. None when the seller's folder is not loaded at all."""
        codes: set[str] = set()
        for folder in self.workspace.template_dirs:
            catalog_file = folder / "catalog.toml"
            try:
                languages = tomllib.loads(catalog_file.read_text("utf-8")).get("languages", {})
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                languages = {}
            if isinstance(languages, dict):
                codes.update(str(code) for code in languages)
            if folder == self.own.folder:
                return codes
        return None

    def spec_of(self, scenario: Scenario) -> ScenarioSpec:
        """The spec of a loaded scenario's file, to edit."""
        if scenario.source is None:
            raise OwnRepliesError(f"{scenario.id}: has no file")
        return read_spec(scenario.source, self.workspace.catalog)

    def is_own(self, scenario: Scenario) -> bool:
        return self.own.owns(scenario)

    def replaces_shipped(self, scenario: Scenario) -> bool:
        return self.own.replaces_shipped(scenario)

    def save(
        self, spec: ScenarioSpec, *, editing: Scenario | None = None, draft: str | None = None
    ) -> tuple[Saved, Changes]:
        """Check ``spec``, write it, load the templates again and drop its ``draft``.

        ReplyInvalidError (nothing written) when it has an error. ``editing``: the loaded
        scenario it was opened from (a shipped one: saved as the seller's copy)."""
        editing_id = editing.id if editing is not None else None
        checked = self.checker().check(spec, editing=editing_id)
        if not checked.ok:
            raise ReplyInvalidError(checked.errors or [])
        path = self.own.save(spec, editing=editing)
        if draft is not None:
            self.own.drafts.discard(draft)
        return Saved(path, spec.id), self.reload()

    def duplicate(self, scenario: Scenario) -> tuple[Saved, Changes]:
        """Copy ``scenario`` into the seller's folder (see ``OwnReplies.duplicate``)."""
        path, scenario_id = self.own.duplicate(scenario, self.workspace.catalog)
        return Saved(path, scenario_id), self.reload()

    def delete(self, scenario: Scenario) -> tuple[Removed, Changes]:
        """Delete one of the seller's replies (a copy: the shipped reply shows again)."""
        removed = self.own.delete(scenario)
        return removed, self.reload()

    def undo_delete(self, removed: Removed) -> Changes:
        self.own.undo_delete(removed)
        return self.reload()

    def export_pack(self, target: Path) -> list[str]:
        """Write the seller's replies to the pack ``target``; their ids."""
        from composer.library.packs import export_pack

        return export_pack(self.own, self.workspace.catalog, target)

    def plan_import(self, source: Path) -> list[ImportItem]:
        """What importing the pack ``source`` would do; PackError when it is not one."""
        from composer.library.packs import plan_import, read_pack

        entries = read_pack(source)
        return plan_import(entries, self.own, self.workspace.catalog, self.checker())

    def apply_import(self, items: list[ImportItem]) -> tuple[list[Path], Changes]:
        """Carry out a planned import (the refused and unchanged replies are left out)."""
        from composer.library.packs import apply_import

        written = apply_import(items, self.own, self.workspace.catalog)
        return written, self.reload() if written else Changes()

    def reload(self) -> Changes:
        """Load the template folders again; the catalog object takes the new scenarios."""
        return self.workspace.reload_templates()
