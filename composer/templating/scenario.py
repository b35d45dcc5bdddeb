"""Scenarios and the catalog that holds them: what a template file declares, once parsed.

Plain data, free of Jinja, so that a catalog can be kept between runs
(``composer.templating.cache``) and the app can show its window before the template engine is
imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from composer.templating.fields import Field, FieldValueError, Value

MESSAGE_KINDS = ("answer", "notice", "feedback-request", "review-reply")
"""What a scenario's reply is, for the platform rules that depend on it: an ``answer`` to the
buyer's message; a ``notice`` the seller sends unasked (shipped, delayed, holiday); a
``feedback-request``; a ``review-reply``, public under a review (no name, no signature)."""


@dataclass(frozen=True)
class Language:
    """A reply language: its code in the files, its Babel locale and how it names itself.

    ``money_style`` is Babel's currency format type: ``standard`` gives ``$13.00``,
    ``name`` gives ``13.00美元``. ``names`` is its name in each interface language ("Spanish",
    "西班牙语"); ``script`` is the ISO 15924 script its replies are written in (``Latn``,
    ``Cyrl``, ``Hans``), for the check that finds text in another script. ``untranslated_note``
    is how a reply in this language shows the seller's note written only in another language:
    ``{note}`` stands for that text.
    """

    code: str
    locale: str
    name: str
    money_style: str = "standard"
    yes: str = "yes"
    no: str = "no"
    names: Mapping[str, str] = field(default_factory=dict)
    script: str = "Latn"
    untranslated_note: str = "[Translate: {note}]"

    def title(self, ui_language: str) -> str:
        """The language's name for an interface language, else its own name."""
        return self.names.get(ui_language.split("_")[0]) or self.name


@dataclass(frozen=True)
class Reply:
    """One language's subject (optional) and body, as Jinja template source."""

    body: str
    subject: str | None = None
    body_line: int = 0  # where the body starts in the file, for error messages
    subject_line: int = 0
    source: Path | None = None  # its file, when not the scenario's (a language folder's)


@dataclass(frozen=True)
class AdvisorLink:
    """How a dispute-type scenario takes the remedy advisor's choice: its ``[advisor]`` table.

    ``field_name`` is the choice field an advised remedy sets and ``options`` maps remedy
    names (``partial-refund``, ``reship``...) to that field's option keys. ``problem`` presets
    the advisor's problem; ``refund_field`` (a money field) receives a partial refund's amount;
    ``inputs`` names the money fields the advisor starts from (``order_value = "order_total"``).
    """

    field_name: str
    options: Mapping[str, str]
    problem: str | None = None
    refund_field: str | None = None
    inputs: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """A customer-service situation: its fields, the seller's guidance and a reply per language."""

    id: str
    category: str
    titles: Mapping[str, str]
    fields: tuple[Field, ...]
    replies: Mapping[str, Reply]
    guidance: Mapping[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    source: Path | None = None
    advisor: AdvisorLink | None = None
    # Fields holding someone else's contact details or links (a carrier's phone number, a
    # tracking page): the platform contact checks warn about them instead of failing.
    third_party: tuple[str, ...] = ()
    kind: str = "answer"  # one of MESSAGE_KINDS
    # What buyers write when they need this reply, per language code (``composer.triage``).
    triage: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def title(self, language: str) -> str:
        """The title in ``language``, falling back to English, then to the id."""
        return self.titles.get(language) or self.titles.get("en") or self.id

    def values_from(self, raw: Mapping[str, object]) -> dict[str, Value]:
        """The entries of ``raw`` (text, JSON or TOML values) this scenario's fields take.

        A name the scenario lacks, or a value its field cannot take, is left out.
        """
        found: dict[str, Value] = {}
        for name, value in raw.items():
            declared = self.field(name)
            if declared is None:
                continue
            try:
                found[name] = declared.coerce(value)
            except FieldValueError:
                continue
        return found

    def field(self, name: str) -> Field | None:
        """The declared field called ``name``, if any."""
        return next((f for f in self.fields if f.name == name), None)

    def examples(self) -> dict[str, Value]:
        """The scenario's example values (a field without one gets its default)."""
        return {f.name: f.example if f.example is not None else f.default for f in self.fields}

    def defaults(self) -> dict[str, Value]:
        """What a fresh form starts with."""
        return {f.name: f.default for f in self.fields}

    def search_text(self) -> str:
        """Everything the picker's search matches on, lower-cased: titles, id, keywords."""
        return " ".join([self.id, *self.titles.values(), *self.keywords]).casefold()


@dataclass(frozen=True)
class Category:
    """A group in the scenario picker."""

    id: str
    titles: Mapping[str, str]
    order: int = 0

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get("en") or self.id


@dataclass
class Catalog:
    """Every loaded scenario, with the languages, categories and shared pieces they use."""

    languages: dict[str, Language] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    partials: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> name -> src
    common_fields: dict[str, Field] = field(default_factory=dict)
    scenarios: dict[str, Scenario] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Scenario]:
        return iter(self.ordered())

    def __len__(self) -> int:
        return len(self.scenarios)

    def get(self, scenario_id: str) -> Scenario | None:
        return self.scenarios.get(scenario_id)

    def ordered(self) -> list[Scenario]:
        """Scenarios by category order, then by English title."""

        def key(s: Scenario) -> tuple[int, str, str]:
            category = self.categories.get(s.category)
            return (category.order if category else 1_000, s.category, s.title("en").casefold())

        return sorted(self.scenarios.values(), key=key)

    def category(self, category_id: str) -> Category:
        return self.categories.get(category_id) or Category(category_id, {})


@dataclass(frozen=True)
class TemplateProblem:
    """A mistake in a template file, where it is and how bad: ``error`` skips the file."""

    path: Path
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LoadResult:
    """The catalog that loaded, and every problem found on the way."""

    catalog: Catalog
    problems: list[TemplateProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[TemplateProblem]:
        return [p for p in self.problems if p.severity == "error"]
