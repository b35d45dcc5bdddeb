"""Platform profiles: what each marketplace forbids in a message, read from data files.

The rules ship in ``platforms/platforms.toml`` (each with its source and how certain it is) and
the wording the checks look for in ``platforms/phrases.toml`` (English and Chinese) and
``platforms/phrases/<code>.toml`` (one file per further reply language). A file of the same
name in the seller's data folder is laid over the shipped one key by key, so a seller can switch
a rule off (``enabled = false``), change its severity or add a platform without touching the app.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from composer import paths
from composer.templating.scenario import MESSAGE_KINDS

SEVERITIES = ("error", "warning", "info")
CERTAINTIES = ("documented", "reported", "cautious")
RULE_CODES = (
    "link",
    "email",
    "phone",
    "off-platform",
    "review-incentive",
    "review-conditional",
    "emoji",
    "html",
    "too-long",
    "shipping-confirmation",
    "thank-you-only",
    "future-coupon",
)
PHRASE_CODES = (
    "off-platform",
    "review-incentive",
    "review-conditional",
    "shipping-confirmation",
    "order-problem",  # a notice about one of these is not a mere shipping confirmation
    "review-request",  # what makes a feedback request more than a thank-you
    "future-coupon",
    "placeholder",  # a language's words for a blank left to fill: "(your name)", "(tu nombre)"
)
PHRASES_FOLDER = "phrases"  # beside phrases.toml: a file per further reply language
OTHER_KINDS = "other"  # in a per-kind ``limit`` table: every kind not named there
DEFAULT_PLATFORM = "generic"


@dataclass(frozen=True)
class Rule:
    """One thing a platform forbids, how bad it is, and where we know it from."""

    code: str
    severity: str
    certainty: str
    source: str
    enabled: bool = True
    limit: int | None = None  # too-long: the most characters a message may have
    kinds: tuple[str, ...] = ()  # the message kinds it applies to; () is every kind
    limits: Mapping[str, int] = field(default_factory=dict)  # too-long: a limit per kind

    def applies_to(self, kind: str | None) -> bool:
        """True when the rule covers a message of ``kind`` (None: a text of no known kind)."""
        return not self.kinds or kind in self.kinds

    def limit_for(self, kind: str | None) -> int | None:
        """The most characters a message of ``kind`` may have (None: no limit)."""
        return self.limits.get(kind or "", self.limit)


@dataclass(frozen=True)
class Platform:
    """A marketplace and its message rules."""

    id: str
    names: Mapping[str, str]
    rules: Mapping[str, Rule]
    own_domains: tuple[str, ...] = ()
    called: Mapping[str, str] = field(default_factory=dict)  # how a message names it

    def name(self, language: str) -> str:
        """The platform's name in an interface language (for the chooser)."""
        return self.names.get(language) or self.names.get("en") or self.id

    def called_in(self, language: str) -> str:
        """How a check message names the platform (``most platforms`` for the generic one)."""
        return self.called.get(language) or self.name(language)

    def rule(self, code: str, kind: str | None = None) -> Rule | None:
        """The rule for ``code`` if the platform has it, it is switched on and (given a
        message ``kind``) it applies to that kind of message."""
        rule = self.rules.get(code)
        if rule is None or not rule.enabled:
            return None
        return rule if kind is None or rule.applies_to(kind) else None


PhraseEntry = tuple[re.Pattern[str], ...]
"""One pattern: found anywhere. Several: all found within one sentence."""


@dataclass(frozen=True)
class Phrases:
    """What the wording checks look for, per reply language and check code."""

    by_language: Mapping[str, Mapping[str, tuple[PhraseEntry, ...]]] = field(default_factory=dict)

    def entries(self, language: str, code: str) -> tuple[PhraseEntry, ...]:
        return self.by_language.get(language, {}).get(code, ())


@dataclass
class RuleBook:
    """Every platform, the check phrases, and what was wrong in the files read."""

    platforms: dict[str, Platform]
    phrases: Phrases
    problems: list[str] = field(default_factory=list)

    def platform(self, platform_id: str | None) -> Platform | None:
        return self.platforms.get(platform_id or DEFAULT_PLATFORM)


def load_rulebook(data_dir: Path | None = None, shipped: Path | None = None) -> RuleBook:
    """The shipped rules and phrases, with the seller's files in ``data_dir`` laid over them."""
    folder = shipped or paths.shipped_platforms_dir()
    problems: list[str] = []
    rules = _read(folder / paths.PLATFORMS_FILE, problems)
    words = _read(folder / paths.PHRASES_FILE, problems)
    for language_file in sorted((folder / PHRASES_FOLDER).glob("*.toml")):
        # One file per reply language (``phrases/es.toml``), its checks as top-level keys.
        words = merge(words, {language_file.stem: _read(language_file, problems)})
    own_words: dict[str, Any] = {}
    if data_dir is not None:
        rules = merge(rules, _read(data_dir / paths.PLATFORMS_FILE, problems, optional=True))
        own_words = _read(data_dir / paths.PHRASES_FILE, problems, optional=True)
        words = merge(words, own_words)
    platforms: dict[str, Platform] = {}
    for platform_id, spec in rules.items():
        platform = _platform(platform_id, spec, problems)
        if platform is not None:
            platforms[platform_id] = platform
    return RuleBook(platforms, _phrases(words, problems, own_words), problems)


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``: tables merge key by key, anything else is replaced."""
    merged = dict(base)
    for key, value in over.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = merge(old, value)
        else:
            merged[key] = value
    return merged


def _read(path: Path, problems: list[str], optional: bool = False) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        if not optional:
            problems.append(f"{path}: missing")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot be read: {exc}")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: TOML syntax: {exc}")
    except RecursionError:
        problems.append(f"{path}: tables or lists are nested too deeply to read; file ignored")
    except Exception as exc:
        problems.append(f"{path}: cannot be read ({type(exc).__name__}: {exc}); file ignored")
    return {}


def _texts(value: Any) -> dict[str, str]:
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}
    return {}


def _platform(platform_id: str, spec: Any, problems: list[str]) -> Platform | None:
    where = f"platform {platform_id!r}"
    if not isinstance(spec, Mapping):
        problems.append(f"{where}: must be a table")
        return None
    domains = spec.get("own_domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        problems.append(f"{where}: own_domains must be a list of domain names")
        domains = []
    rules: dict[str, Rule] = {}
    raw_rules = spec.get("rules", {})
    for code, rule_spec in raw_rules.items() if isinstance(raw_rules, Mapping) else ():
        rule = _rule(code, rule_spec, f"{where}, rule {code!r}", problems)
        if rule is not None:
            rules[code] = rule
    return Platform(
        id=platform_id,
        names=_texts(spec.get("name")) or {"en": platform_id},
        rules=rules,
        own_domains=tuple(d.lower().removeprefix("www.") for d in domains),
        called=_texts(spec.get("called")),
    )


def _rule(code: str, spec: Any, where: str, problems: list[str]) -> Rule | None:
    if code not in RULE_CODES:
        problems.append(f"{where}: unknown check code (known: {', '.join(RULE_CODES)})")
        return None
    if not isinstance(spec, Mapping):
        problems.append(f"{where}: must be a table")
        return None
    severity = spec.get("severity", "warning")
    if severity not in SEVERITIES:
        problems.append(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
        return None
    certainty = spec.get("certainty", "cautious")
    if certainty not in CERTAINTIES:
        problems.append(f"{where}: certainty must be one of {', '.join(CERTAINTIES)}")
        return None
    enabled = spec.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.append(f"{where}: enabled must be true or false")
        return None
    kinds = spec.get("kinds", [])
    if not isinstance(kinds, list) or not all(k in MESSAGE_KINDS for k in kinds):
        known = ", ".join(MESSAGE_KINDS)
        problems.append(f"{where}: kinds must be a list of message kinds: {known}")
        return None
    limit, limits = _limits(spec.get("limit"))
    if code == "too-long" and limit is None and not limits:
        problems.append(
            f"{where}: too-long needs a limit, a whole number of characters, or a table of "
            f"them by message kind ({', '.join(MESSAGE_KINDS)}, {OTHER_KINDS})"
        )
        return None
    source = str(spec.get("source", ""))
    return Rule(code, severity, certainty, source, enabled, limit, tuple(kinds), limits)


def _limits(value: Any) -> tuple[int | None, dict[str, int]]:
    """``limit = 2000`` (every kind) or ``limit = { review-reply = 500, other = 2000 }``;
    anything else is no limit (the caller says so)."""

    def whole(n: Any) -> bool:
        return isinstance(n, int) and not isinstance(n, bool) and n > 0

    if whole(value):
        return value, {}
    known = (*MESSAGE_KINDS, OTHER_KINDS)
    if not isinstance(value, Mapping) or not value:
        return None, {}
    if not all(k in known and whole(n) for k, n in value.items()):
        return None, {}
    limits = {str(k): int(n) for k, n in value.items() if k != OTHER_KINDS}
    other = value.get(OTHER_KINDS)
    return (int(other) if other is not None else None), limits


def _phrases(
    data: Mapping[str, Any], problems: list[str], own: Mapping[str, Any] | None = None
) -> Phrases:
    """The compiled patterns; those from the seller's own file (``own``) must not be of a
    shape that can take exponential time (see ``risky_pattern``)."""
    own = own or {}
    by_language: dict[str, dict[str, tuple[PhraseEntry, ...]]] = {}
    for language, table in data.items():
        if not isinstance(table, Mapping):
            problems.append(f"phrases [{language}]: must be a table")
            continue
        for code, entries in table.items():
            where = f"phrases [{language}] {code}"
            if code not in PHRASE_CODES:
                problems.append(f"{where}: unknown check code (known: {', '.join(PHRASE_CODES)})")
                continue
            compiled: list[PhraseEntry] = []
            own_table = own.get(language)
            checked = isinstance(own_table, Mapping) and code in own_table
            for entry in entries if isinstance(entries, list) else [entries]:
                patterns = entry if isinstance(entry, list) else [entry]
                if not patterns or not all(isinstance(p, str) for p in patterns):
                    problems.append(f"{where}: {entry!r} is not a pattern or a list of patterns")
                    continue
                risks = [risky_pattern(p) for p in patterns] if checked else []
                risk = next((r for r in risks if r), None)
                if risk:
                    problems.append(f"{where}: {entry!r} is left out: {risk}")
                    continue
                try:
                    compiled.append(tuple(re.compile(p, re.IGNORECASE) for p in patterns))
                except re.error as exc:
                    problems.append(f"{where}: {entry!r} is not a pattern ({exc})")
            by_language.setdefault(language, {})[code] = tuple(compiled)
    return Phrases(by_language)


MAX_OWN_PATTERN = 1_000  # characters in one pattern of the seller's own phrases.toml
_COUNTED = re.compile(r"\{(\d*),(\d*)\}|\{(\d+)\}")


def risky_pattern(pattern: str) -> str | None:
    """Why ``pattern`` could take exponential time on some text (None when it cannot).

    Python's ``re`` backtracks: a repeated group that itself repeats or offers alternatives,
    such as ``(\\w+\\s?)+!$`` or ``(a|ab)*``, can try every way of splitting a text and freeze
    the app on one sentence. Such a group may repeat a bounded number of times (``{0,4}``), as
    the shipped patterns do, but not without end (``*``, ``+``, ``{2,}``). The seller's own
    patterns are checked; the shipped ones are ours. (A regex engine with a time-out, such as
    the ``regex`` package, was not taken on for one file of patterns.)
    """
    if len(pattern) > MAX_OWN_PATTERN:
        return f"a pattern may be at most {MAX_OWN_PATTERN:,} characters"
    try:
        re.compile(pattern)
    except re.error:
        return None  # reported as not a pattern
    groups = [False]  # for each open group: does it hold a repetition or alternatives?
    closed: bool | None = None  # what the group just closed held (None: the last atom was not one)
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i, closed = i + 2, None
        elif c == "[":
            j = i + 1
            j += pattern[j : j + 1] == "^"
            j += pattern[j : j + 1] == "]"
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i, closed = j + 1, None
        elif c == "(":
            groups.append(False)
            i = _after_group_opening(pattern, i + 1)
            closed = None
        elif c == ")":
            held = groups.pop() if len(groups) > 1 else False
            groups[-1] = groups[-1] or held
            i, closed = i + 1, held
        elif c == "|":
            groups[-1] = True
            i, closed = i + 1, None
        elif c in "*+?" or (c == "{" and _COUNTED.match(pattern, i)):
            counted = _COUNTED.match(pattern, i) if c == "{" else None
            endless = c in "*+" or (
                counted is not None and counted.group(2) == "" and counted.group(3) is None
            )
            if endless and closed:
                return (
                    "it repeats a group that itself repeats or has alternatives, "
                    "which can freeze the app"
                )
            groups[-1] = True
            i = counted.end() if counted else i + 1
            if i < n and pattern[i] in "?+":  # lazy or possessive
                i += 1
            closed = None
        else:
            i, closed = i + 1, None
    return None


def _after_group_opening(pattern: str, i: int) -> int:
    """Where a group's contents start: past ``?:``, ``?P<name>``, ``?<=`` and the like."""
    if pattern[i : i + 1] != "?":
        return i
    i += 1
    if pattern.startswith("P<", i) or (
        pattern.startswith("<", i) and pattern[i + 1 : i + 2] not in "=!"
    ):
        return pattern.index(">", i) + 1
    if pattern.startswith(("<=", "<!"), i):
        return i + 2
    if pattern[i : i + 1] in (":", "=", "!", ">"):
        return i + 1
    while i < len(pattern) and pattern[i] not in ":)":
        i += 1
    return i + (pattern[i : i + 1] == ":")
