"""The draft being composed: which scenario, which values, and its rendering.

The window's widgets call these methods for what the seller does; each asks the workspace
(``composer.workspace``) and announces the result. No Qt widget is touched here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from composer.judgement.rules import DEFAULT_PLATFORM, Platform
from composer.storage.profile import Profile
from composer.templating.fields import Value
from composer.templating.scenario import Scenario
from composer.workspace import (
    Changes,
    DraftValues,
    ShownLanguages,
    buyer_languages,
    shown_languages,
)
from composer.workspace.reply_languages import FALLBACK_LANGUAGE

if TYPE_CHECKING:  # rendering imports Jinja and Babel: not needed to show the window
    from composer.judgement.findings import Check
    from composer.templating.render import RenderResult
    from composer.workspace import Composed, Workspace


class DraftController(QObject):
    """The current scenario, format and platform over one workspace; renders on each change."""

    scenarioChanged = Signal(object)  # Scenario
    rendered = Signal(object)  # RenderResult
    checked = Signal(object)  # list[Check] of the latest draft, just after ``rendered``
    valuesReplaced = Signal()  # values changed for the seller, not by their typing

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.catalog = workspace.catalog
        self.rulebook = workspace.rulebook
        self.drafts = DraftValues(self.catalog)
        self.platform: Platform | None = self.rulebook.platform(DEFAULT_PLATFORM)
        self.reply_format = "chat"  # or "email": the longer letter
        self.scenario: Scenario | None = None
        # The buyer's language the seller chose (or their message gave): the scenario is
        # rendered in it (else in English) and in Chinese only, not in every catalog language.
        self.buyer_language = FALLBACK_LANGUAGE
        self.composed: Composed | None = None  # what will be copied: the seller's edits in it
        self.template: Composed | None = None  # the form's render, without the edits
        # The seller's own text of a reply, by language: it no longer follows the form.
        self.edits: dict[str, str] = {}
        # The values each edited reply's text is in step with: a value changed since that the
        # text still shows is checked as stale (composer.judgement.stale).
        self.edit_bases: dict[str, dict[str, Value]] = {}
        self._checks_due = False

    @property
    def result(self) -> RenderResult | None:
        return self.composed.result if self.composed else None

    @property
    def template_result(self) -> RenderResult | None:
        """The form's render: what an edited reply would say if it followed the form."""
        return self.template.result if self.template else None

    @property
    def profile(self) -> Profile:
        return self.drafts.profile

    @property
    def values(self) -> dict[str, Value]:
        return self.drafts.of(self.scenario) if self.scenario is not None else {}

    def choose(self, scenario_id: str) -> bool:
        """Make ``scenario_id`` the current scenario; False if there is no such scenario."""
        scenario = self.catalog.get(scenario_id)
        if scenario is None:
            return False
        if scenario is not self.scenario:
            self.scenario = scenario
            self.edits.clear()  # the window asked the seller first (WindowBehaviour)
            self.edit_bases.clear()
            self.scenarioChanged.emit(scenario)
            self.render()
        return True

    def set_value(self, name: str, value: Value) -> None:
        """The seller changed a field: remember it and render again."""
        if self.scenario is None:
            return
        self.drafts.set(self.scenario, name, value)
        self.render()

    def set_values(self, values: dict[str, Value]) -> None:
        """Replace several values at once (example values, an advised remedy)."""
        if self.scenario is None:
            return
        self.drafts.update(self.scenario, values)
        self.valuesReplaced.emit()
        self.render()

    def fill_examples(self) -> None:
        if self.scenario is not None:
            self.set_values(self.scenario.examples())

    def reset(self) -> None:
        if self.scenario is not None:
            self.drafts.reset(self.scenario)
            self.valuesReplaced.emit()
            self.render()

    def set_profile(self, profile: Profile) -> None:
        """A new profile: fields still empty or showing the old profile's value follow it."""
        self.drafts.follow_profile(profile)
        if self.scenario is not None:
            self.valuesReplaced.emit()
            self.render()

    def restore(self, scenario_id: str, values: dict[str, Value]) -> bool:
        """Give ``scenario_id`` exactly ``values`` (a reply reopened from the history).

        Shown at once if it is the current scenario, else when it is chosen.
        """
        scenario = self.catalog.get(scenario_id)
        if scenario is None:
            return False
        self.drafts.replace(scenario, values)
        if scenario is self.scenario:
            self.valuesReplaced.emit()
            self.render()
        return True

    @property
    def shown(self) -> ShownLanguages | None:
        """The languages the current scenario is rendered in: the buyer's (or its stand-in)
        and the seller's Chinese."""
        if self.scenario is None:
            return None
        return shown_languages(self.scenario, self.buyer_language)

    def set_buyer_language(self, code: str) -> bool:
        """Answer the buyer in ``code`` and render again; False if the catalog lacks it.

        An edited reply in the language left is kept (``edits``): it shows again when the
        seller comes back to that language (the window says so)."""
        if code not in buyer_languages(self.catalog):
            return False
        if code != self.buyer_language:
            self.buyer_language = code
            self.render()
        return True

    def set_platform(self, platform_id: str) -> bool:
        """Check drafts against ``platform_id``'s rules; False if there is no such platform."""
        platform = self.rulebook.platform(platform_id)
        if platform is None:
            return False
        self.platform = platform
        self.render()
        return True

    def set_format(self, reply_format: str) -> None:
        """Write the reply as a chat message ("chat") or as the longer letter ("email")."""
        if reply_format != self.reply_format:
            self.reply_format = reply_format
            self.render()

    @property
    def platform_id(self) -> str:
        """The chosen platform's key as templates read it (``platform == "amazon"``)."""
        return (self.platform.id if self.platform else DEFAULT_PLATFORM).lower()

    def apply(self, changes: Changes) -> None:
        """Follow what a workspace operation changed: a snippet change renders the draft
        again only when it printed a snippet."""
        if changes.snippets and self.composed is not None and self.composed.prints_snippets:
            self.render()

    def render(self) -> RenderResult | None:
        """Render the current scenario in the shown languages (the buyer's and the Chinese),
        in the chosen format and for the chosen platform; announce it (its checks on the next
        turn of the event loop). Only those two: a keystroke renders no language nobody sees."""
        shown = self.shown
        if self.scenario is None or shown is None:
            return None
        self.template = self.workspace.compose(
            self.scenario,
            self.values,
            reply_format=self.reply_format,
            platform=self.platform,
            languages=shown.codes,
        )
        return self._announce()

    def edit(self, code: str, text: str | None) -> None:
        """The seller changed the ``code`` reply in its preview (None: back to the form's
        text). A text equal to the form's follows the form again."""
        template = self.template_result
        draft = template.drafts.get(code) if template else None
        if text is None or (draft is not None and text == draft.body):
            self.edit_bases.pop(code, None)
            if self.edits.pop(code, None) is None:
                return
        elif self.edits.get(code) == text:
            return
        else:
            self.edits[code] = text
            self._follow_edit(code, text)
        self._announce()

    def _follow_edit(self, code: str, text: str) -> None:
        """The edited text is in step with the form's current values, except the changed
        ones whose old text it still shows."""
        base = self.edit_bases.get(code)
        language = self.catalog.languages.get(code)
        if base is None or self.scenario is None or language is None:
            self.edit_bases[code] = dict(self.values)
            return
        from composer.judgement.stale import in_step  # Babel: after the first paint

        self.edit_bases[code] = in_step(
            self.scenario, base, self.values, language, text, self.catalog.languages
        )

    def _announce(self) -> RenderResult | None:
        if self.template is None:
            return None
        self.composed = self.template.with_edits(self.edits, self.edit_bases)
        self.rendered.emit(self.composed.result)
        # The checks follow on the next turn of the event loop: the previews update within
        # the keystroke, and a burst of keystrokes is checked once.
        if not self._checks_due:
            self._checks_due = True
            QTimer.singleShot(0, self, self._announce_checks)
        return self.composed.result

    @property
    def checks(self) -> list[Check]:
        """The pre-send checks of the current draft (``result``)."""
        return self.composed.checks if self.composed is not None else []

    def _announce_checks(self) -> None:
        self._checks_due = False
        if self.composed is not None:
            self.checked.emit(self.checks)
