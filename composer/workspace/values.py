"""Each scenario's field values while the app runs, and how the profile fills them in."""

from __future__ import annotations

from collections.abc import Mapping

from composer.storage.profile import Profile, prefill
from composer.templating.fields import Value
from composer.templating.scenario import Catalog, Scenario


class DraftValues:
    """The values the seller gave each scenario, so switching back loses nothing.

    A scenario's values start as its defaults, then what the profile fills in (made once, the
    first time the scenario is asked for). A new profile reaches the fields that are still
    empty or still show the old profile's value; what the seller typed stays.
    """

    def __init__(self, catalog: Catalog, profile: Profile | None = None) -> None:
        self.catalog = catalog
        self.profile = profile or Profile()
        self._values: dict[str, dict[str, Value]] = {}

    def fresh(self, scenario: Scenario) -> dict[str, Value]:
        """A new form's values: the defaults, then what the profile fills in."""
        return {**scenario.defaults(), **prefill(scenario, self.profile)}

    def of(self, scenario: Scenario) -> dict[str, Value]:
        """``scenario``'s current values (the live dictionary, made on first use)."""
        values = self._values.get(scenario.id)
        if values is None:
            values = self._values[scenario.id] = self.fresh(scenario)
        return values

    def set(self, scenario: Scenario, name: str, value: Value) -> None:
        """The seller changed one field."""
        self.of(scenario)[name] = value

    def update(self, scenario: Scenario, values: Mapping[str, Value]) -> None:
        """Several fields at once (example values, an advised remedy)."""
        self.of(scenario).update(values)

    def reset(self, scenario: Scenario) -> None:
        """Back to a new form's values."""
        self._values[scenario.id] = self.fresh(scenario)

    def replace(self, scenario: Scenario, values: Mapping[str, Value]) -> None:
        """Exactly ``values`` (a reply reopened from the history)."""
        self._values[scenario.id] = dict(values)

    def adapt(self) -> None:
        """The catalog was loaded again: each scenario keeps the values its fields still take
        (a field gone, or a choice without that option any more, starts afresh)."""
        for scenario_id, values in list(self._values.items()):
            scenario = self.catalog.get(scenario_id)
            if scenario is None:
                del self._values[scenario_id]
                continue
            self._values[scenario_id] = {**self.fresh(scenario), **scenario.values_from(values)}

    def follow_profile(self, profile: Profile) -> None:
        """A new profile: fields still empty or showing the old profile's value follow it."""
        old, self.profile = self.profile, profile
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
