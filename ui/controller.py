"""The draft being composed: which scenario, which values, and its rendering.

The window's widgets call these methods for what the seller does; each calls one domain
function and announces the result. No Qt widget is touched here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from composer.fields import Value
from composer.platforms import DEFAULT_PLATFORM, Phrases, Platform, RuleBook
from composer.profile import Profile, prefill
from composer.scenario import Catalog, Scenario

if TYPE_CHECKING:  # rendering imports Jinja and Babel: not needed to show the window
    from composer.checks import Check
    from composer.render import Renderer, RenderResult


class DraftController(QObject):
    """Keeps each scenario's values while the app runs, so switching back loses nothing."""

    scenarioChanged = Signal(object)  # Scenario
    rendered = Signal(object)  # RenderResult
    checked = Signal(object)  # list[Check] of the latest draft, just after ``rendered``
    valuesReplaced = Signal()  # values changed for the seller, not by their typing

    def __init__(
        self,
        catalog: Catalog,
        renderer: Renderer | Callable[[], Renderer],
        parent: QObject | None = None,
        profile: Profile | None = None,
        rulebook: RuleBook | None = None,
    ) -> None:
        """``renderer`` may be a function that makes one, called at the first render."""
        super().__init__(parent)
        self.catalog = catalog
        self._renderer = renderer
        self.profile = profile or Profile()
        self.rulebook = rulebook or RuleBook({}, Phrases())
        self.platform: Platform | None = self.rulebook.platform(DEFAULT_PLATFORM)
        self.reply_format = "chat"  # or "email": the longer letter
        self.scenario: Scenario | None = None
        self.result: RenderResult | None = None
        self._checks: list[Check] | None = None  # of ``result``; worked out when asked for
        self._checks_due = False
        self._values: dict[str, dict[str, Value]] = {}
        self._held = False
        self._before_release: Callable[[], None] | None = None

    @property
    def renderer(self) -> Renderer:
        if callable(self._renderer):
            self._renderer = self._renderer()
        return self._renderer

    def hold(self, before_release: Callable[[], None] | None = None) -> None:
        """Announce and render nothing until ``release()``: the app shows its window first,
        and builds the scenario's form and its first draft right after (``before_release``
        first: what the first draft needs but the first paint does not)."""
        self._held = True
        self._before_release = before_release

    def release(self) -> None:
        """Stop holding back: announce the current scenario and render it."""
        if self._held:
            if self._before_release is not None:
                self._before_release()
                self._before_release = None
            self._held = False
            if self.scenario is not None:
                self.scenarioChanged.emit(self.scenario)
            self.render()

    @property
    def values(self) -> dict[str, Value]:
        if self.scenario is None:
            return {}
        return self._values.setdefault(self.scenario.id, self._fresh(self.scenario))

    def _fresh(self, scenario: Scenario) -> dict[str, Value]:
        """A new form's values: the defaults, then what the profile fills in."""
        return {**scenario.defaults(), **prefill(scenario, self.profile)}

    def choose(self, scenario_id: str) -> bool:
        """Make ``scenario_id`` the current scenario; False if there is no such scenario."""
        scenario = self.catalog.get(scenario_id)
        if scenario is None:
            return False
        if scenario is not self.scenario:
            self.scenario = scenario
            if not self._held:
                self.scenarioChanged.emit(scenario)
            self.render()
        return True

    def set_value(self, name: str, value: Value) -> None:
        """The seller changed a field: remember it and render again."""
        if self.scenario is None:
            return
        self.values[name] = value
        self.render()

    def set_values(self, values: dict[str, Value]) -> None:
        """Replace several values at once (a profile, example values, a reset)."""
        if self.scenario is None:
            return
        self.values.update(values)
        self.valuesReplaced.emit()
        self.render()

    def fill_examples(self) -> None:
        if self.scenario is not None:
            self.set_values(self.scenario.examples())

    def reset(self) -> None:
        if self.scenario is not None:
            self._values[self.scenario.id] = self._fresh(self.scenario)
            self.valuesReplaced.emit()
            self.render()

    def set_profile(self, profile: Profile) -> None:
        """A new profile: fields still empty or showing the old profile's value follow it."""
        old = self.profile
        self.profile = profile
        for scenario_id, values in self._values.items():
            scenario = self.catalog.get(scenario_id)
            if scenario is None:
                continue
            before, after = prefill(scenario, old), prefill(scenario, profile)
            for name in set(before) | set(after):
                field = scenario.field(name)
                current = values.get(name)
                if field is not None and (field.is_empty(current) or current == before.get(name)):
                    values[name] = after.get(name, field.default)
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
        self._values[scenario_id] = dict(values)
        if scenario is self.scenario:
            self.valuesReplaced.emit()
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

    def render(self) -> RenderResult | None:
        """Render the current scenario in every language it has, in the chosen format and for
        the chosen platform; check it; announce it."""
        if self.scenario is None or self._held:
            return None
        self.result = self.renderer.render_draft(
            self.scenario,
            self.values,
            reply_format=self.reply_format,
            platform=self.platform_id,
        )
        self._checks = None
        self.rendered.emit(self.result)
        # The checks follow on the next turn of the event loop: the previews update within
        # the keystroke, and a burst of keystrokes is checked once.
        if not self._checks_due:
            self._checks_due = True
            QTimer.singleShot(0, self, self._announce_checks)
        return self.result

    @property
    def checks(self) -> list[Check]:
        """The pre-send checks of the current draft (``result``)."""
        if self._checks is None:
            if self.result is None or self.scenario is None:
                return []
            from composer.checks import check_draft  # with Jinja, after the first paint

            self._checks = check_draft(
                self.result,
                self.scenario,
                self.values,
                self.catalog.languages,
                self.platform,
                self.rulebook.phrases,
            )
        return self._checks

    def _announce_checks(self) -> None:
        self._checks_due = False
        if self.result is not None:
            self.checked.emit(self.checks)
