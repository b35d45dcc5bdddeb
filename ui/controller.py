"""The draft being composed: which scenario, which values, and its rendering.

The window's widgets call these methods for what the seller does; each calls one domain
function and announces the result. No Qt widget is touched here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from composer.fields import Value
from composer.scenario import Catalog, Scenario

if TYPE_CHECKING:  # rendering imports Jinja and Babel: not needed to show the window
    from composer.render import Renderer, RenderResult


class DraftController(QObject):
    """Keeps each scenario's values while the app runs, so switching back loses nothing."""

    scenarioChanged = Signal(object)  # Scenario
    rendered = Signal(object)  # RenderResult
    valuesReplaced = Signal()  # values changed for the seller, not by their typing

    def __init__(
        self,
        catalog: Catalog,
        renderer: Renderer | Callable[[], Renderer],
        parent: QObject | None = None,
    ) -> None:
        """``renderer`` may be a function that makes one, called at the first render."""
        super().__init__(parent)
        self.catalog = catalog
        self._renderer = renderer
        self.scenario: Scenario | None = None
        self.result: RenderResult | None = None
        self._values: dict[str, dict[str, Value]] = {}
        self._held = False

    @property
    def renderer(self) -> Renderer:
        if callable(self._renderer):
            self._renderer = self._renderer()
        return self._renderer

    def hold(self) -> None:
        """Announce and render nothing until ``release()``: the app shows its window first,
        and builds the scenario's form and its first draft right after."""
        self._held = True

    def release(self) -> None:
        """Stop holding back: announce the current scenario and render it."""
        if self._held:
            self._held = False
            if self.scenario is not None:
                self.scenarioChanged.emit(self.scenario)
            self.render()

    @property
    def values(self) -> dict[str, Value]:
        if self.scenario is None:
            return {}
        return self._values.setdefault(self.scenario.id, self.scenario.defaults())

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
            self._values[self.scenario.id] = self.scenario.defaults()
            self.valuesReplaced.emit()
            self.render()

    def render(self) -> RenderResult | None:
        """Render the current scenario in every language it has and announce it."""
        if self.scenario is None or self._held:
            return None
        self.result = self.renderer.render_draft(self.scenario, self.values)
        self.rendered.emit(self.result)
        return self.result
