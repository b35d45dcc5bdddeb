"""What an operation on the workspace changed, so each view refreshes only its part."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """The parts of a workspace an operation changed (Anki's ``OpChanges``).

    A view asks only about its own part: the preview renders again after a snippet change only
    when its draft printed a snippet; the history window refreshes after a copy is recorded.
    """

    snippets: bool = False
    profile: bool = False
    history: bool = False
    orders: bool = False  # an import: the order search, the tiers and the charts
    cases: bool = False  # a case changed: the case view and the dispute chart
    templates: bool = False  # the seller's replies changed: the catalog was loaded again

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.snippets or other.snippets,
            self.profile or other.profile,
            self.history or other.history,
            self.orders or other.orders,
            self.cases or other.cases,
            self.templates or other.templates,
        )

    def __bool__(self) -> bool:
        return (
            self.snippets
            or self.profile
            or self.history
            or self.orders
            or self.cases
            or self.templates
        )


NOTHING = Changes()
