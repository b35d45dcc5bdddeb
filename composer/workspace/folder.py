"""One data folder opened: the front door the window and the command line both use.

Like Anki's ``Collection`` or TagStudio's ``Library``: opening a data folder (and its template
folders) gives the catalog (through the start-up cache), the platform rules, the seller's
stores (each opened when first used), the renderer, and the operations a front end performs,
each returning what it changed (``Changes``). Jinja, Babel and TinyDB are imported when first
needed, never when the workspace is made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from composer import paths
from composer.judgement.rules import DEFAULT_PLATFORM, Platform, RuleBook, load_rulebook
from composer.storage.profile import Profile
from composer.templating.fields import Value
from composer.templating.scenario import Catalog, LoadResult, Scenario, TemplateProblem
from composer.triage import Triage, fill_values, triage
from composer.workspace.changes import NOTHING, Changes

if TYPE_CHECKING:  # Jinja, Babel and TinyDB: imported when first used
    from composer.judgement.findings import Check
    from composer.storage.file_format import StoreProblem
    from composer.storage.history import HistoryStore
    from composer.storage.profile_store import ProfileStore
    from composer.storage.snippets import Snippet, SnippetStore
    from composer.templating.render import Renderer, RenderResult


class UnknownPlatformError(LookupError):
    """A platform name that no platform file declares."""


@dataclass
class Composed:
    """A draft rendered for one scenario, format and platform; its checks on demand."""

    scenario: Scenario
    values: dict[str, Value]
    result: RenderResult
    reply_format: str
    platform: Platform | None
    rulebook: RuleBook
    catalog: Catalog
    # The values each edited reply's text was last in step with, by language (see with_edits).
    edit_bases: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)
    _checks: list[Check] | None = field(default=None, repr=False)

    @property
    def platform_key(self) -> str:
        """The platform's key as templates read it (``platform == "amazon"``)."""
        return (self.platform.id if self.platform else DEFAULT_PLATFORM).lower()

    @property
    def prints_snippets(self) -> bool:
        """True when a reply printed a snippet (or its marker): a snippet change shows here."""
        return any(draft.snippets for draft in self.result.drafts.values())

    @property
    def checks(self) -> list[Check]:
        """The pre-send checks of this draft, worked out the first time they are asked for."""
        if self._checks is None:
            from composer.judgement.findings import SEVERITY_ORDER
            from composer.judgement.presend import check_draft  # with Jinja: after the first paint
            from composer.judgement.stale import stale_values

            found = check_draft(
                self.result,
                self.scenario,
                self.values,
                self.catalog.languages,
                self.platform,
                self.rulebook.phrases,
            )
            for code, base in self.edit_bases.items():
                draft, language = self.result.drafts.get(code), self.catalog.languages.get(code)
                if draft is not None and language is not None and not draft.error:
                    found += stale_values(
                        self.scenario,
                        base,
                        self.values,
                        language,
                        draft.body,
                        self.catalog.languages,
                    )
            self._checks = sorted(found, key=lambda c: SEVERITY_ORDER.get(c.severity, 9))
        return self._checks

    def with_edits(
        self, edits: Mapping[str, str], bases: Mapping[str, Mapping[str, Value]] | None = None
    ) -> Composed:
        """This draft with the seller's own texts (by language) in place of the rendered bodies:
        what is checked, copied and kept in the history. An edited body's markers are the
        fields' markers it still shows, filled or not (the form no longer replaces them).
        ``bases``: the values each edited text was last in step with; a value changed since
        that the text still shows is checked as stale."""
        if not edits:
            return self
        from composer.templating.note import ShownNote, note_texts
        from composer.templating.printed_values import marker  # with Jinja: after the first paint

        drafts = dict(self.result.drafts)
        for code, text in edits.items():
            draft, language = drafts.get(code), self.catalog.languages.get(code)
            if draft is None or draft.error or language is None:
                continue
            note = ShownNote(language, note_texts(self.values), self.catalog.languages)
            shown = [*(marker(f, language) for f in self.scenario.fields), note.marker]
            subject = draft.subject or ""
            markers = tuple(m for m in shown if m and (m in text or m in subject))
            drafts[code] = dataclasses.replace(draft, body=text, markers=markers)
        result = dataclasses.replace(self.result, drafts=drafts)
        kept = {code: dict(base) for code, base in (bases or {}).items() if code in edits}
        return dataclasses.replace(self, result=result, edit_bases=kept, _checks=None)


class Workspace:
    """A data folder and its template folders, opened: what a front end works on."""

    def __init__(
        self,
        data_dir: str | Path,
        template_dirs: Sequence[str | Path] | None = None,
        *,
        cached: bool = True,
    ) -> None:
        """Nothing is read yet: each part loads when first used.

        Without ``template_dirs``: the shipped templates, then the seller's own in ``data_dir``.
        ``cached`` reads the catalog through the start-up cache (the app); the command line
        loads the files themselves.
        """
        self.data_dir = Path(data_dir)
        self.template_dirs = (
            paths.template_dirs(self.data_dir)
            if template_dirs is None
            else [Path(p) for p in template_dirs]
        )
        self._cached = cached

    # --- what the folder holds ----------------------------------------------------------------

    @cached_property
    def loaded(self) -> LoadResult:
        """The templates and what was wrong in their files."""
        if self._cached:
            from composer.templating.cache import load_catalog_cached

            return load_catalog_cached(self.template_dirs, self.data_dir)
        from composer.templating.loader import load_catalog

        return load_catalog(self.template_dirs)

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @property
    def problems(self) -> list[TemplateProblem]:
        return self.loaded.problems

    @cached_property
    def rulebook(self) -> RuleBook:
        """The platform rules and check phrases: the shipped ones, the seller's laid over."""
        return load_rulebook(self.data_dir)

    @cached_property
    def snippets(self) -> SnippetStore:
        from composer.storage.snippets import SnippetStore

        return SnippetStore(paths.snippets_file(self.data_dir))

    @cached_property
    def profiles(self) -> ProfileStore:
        from composer.storage.profile_store import ProfileStore

        return ProfileStore(paths.profile_file(self.data_dir))

    @cached_property
    def history(self) -> HistoryStore:
        from composer.storage.history import HistoryStore

        return HistoryStore(paths.history_file(self.data_dir))

    def has_snippets(self) -> bool:
        """True when the snippet store is open or its file exists (reading it creates none)."""
        return "snippets" in self.__dict__ or paths.snippets_file(self.data_dir).exists()

    def has_profile(self) -> bool:
        return "profiles" in self.__dict__ or paths.profile_file(self.data_dir).exists()

    def open_stores(self) -> list[StoreProblem]:
        """Open the snippet, profile and history stores; what was wrong in their files."""
        return [*self.snippets.problems, *self.profiles.problems, *self.history.problems]

    def profile(self) -> Profile:
        """The saved profile; the defaults when there is none (no file is made)."""
        return self.profiles.load() if self.has_profile() else Profile()

    def snippet_text(self, key: str, language: str) -> str | None:
        """What ``{{ snippet(key) }}`` prints in ``language``; None when there is no such text."""
        return self.snippets.body(key, language) if self.has_snippets() else None

    @cached_property
    def renderer(self) -> Renderer:
        from composer.templating.render import Renderer  # Jinja and Babel

        return Renderer(self.catalog, snippets=self.snippet_text)

    # --- platforms ----------------------------------------------------------------------------

    def platform_named(self, name: str) -> str | None:
        """The key of the platform called ``name`` (its key or English name, any case)."""
        wanted = name.strip().casefold()
        if not wanted:
            return None
        for key, platform in self.rulebook.platforms.items():
            if wanted in (key.casefold(), platform.name("en").casefold()):
                return key
        return None

    def platform(self, key: str | None, profile: Profile | None = None) -> Platform:
        """The platform ``key``; when None, the profile's platform, else the generic one."""
        if key is None:
            key = self.platform_named(profile.platform if profile else "") or DEFAULT_PLATFORM
        platform = self.rulebook.platform(key)
        if platform is None:
            known = ", ".join(self.rulebook.platforms)
            raise UnknownPlatformError(f"unknown platform {key!r} (known: {known})")
        return platform

    # --- operations ---------------------------------------------------------------------------

    def compose(
        self,
        scenario: Scenario,
        values: Mapping[str, Value],
        *,
        reply_format: str = "chat",
        platform: Platform | None = None,
        languages: Iterable[str] | None = None,
        today: dt.date | None = None,
    ) -> Composed:
        """Render ``scenario`` with ``values`` as a chat message or an e-mail, for ``platform``
        (None: generic); its checks follow when asked for."""
        key = (platform.id if platform else DEFAULT_PLATFORM).lower()
        result = self.renderer.render_draft(
            scenario, values, languages, reply_format=reply_format, platform=key, today=today
        )
        return Composed(
            scenario, dict(values), result, reply_format, platform, self.rulebook, self.catalog
        )

    def record_copy(self, composed: Composed, copied: str, buyer_message: str = "") -> Changes:
        """Save a copied reply (``copied``: its language code, or "all") to the history, with
        the buyer's message it answers."""
        self.history.add(
            composed.scenario,
            composed.values,
            composed.result,
            copied,
            reply_format=composed.reply_format,
            platform=composed.platform_key,
            buyer_message=buyer_message.strip(),
        )
        return Changes(history=True)

    def read_message(self, message: str) -> Triage:
        """What a buyer's message tells: its language, numbers and likely scenarios."""
        return triage(message, self.catalog)

    def values_from_message(self, scenario: Scenario, found: Triage) -> dict[str, Value]:
        """The fields of ``scenario`` the message fills (order and tracking number, carrier)."""
        return fill_values(scenario, found)

    def save_snippet(self, snippet: Snippet, *, replacing: str | None = None) -> Changes:
        """Save ``snippet``; ``replacing``: the key it had before a rename (one write)."""
        with self.snippets.transaction():
            self.snippets.save(snippet)
            if replacing is not None and replacing != snippet.key:
                self.snippets.remove(replacing)
        return Changes(snippets=True)

    def remove_snippet(self, key: str) -> Changes:
        self.snippets.remove(key)
        return Changes(snippets=True)

    def restore_snippet(self, snippet: Snippet) -> Changes:
        """Put a deleted snippet back exactly as it was (its use count and times too)."""
        self.snippets.save_many([snippet], touch=False)
        return Changes(snippets=True)

    def record_snippet_use(self, key: str) -> Changes:
        """Count an insertion (it orders the search); no draft changes."""
        self.snippets.record_use(key)
        return NOTHING

    def save_profile(self, profile: Profile) -> tuple[Profile, Changes]:
        """Save ``profile``; the tidied profile as saved, and what changed."""
        return self.profiles.save(profile), Changes(profile=True)
