"""Loading scenarios from template folders, with mistakes reported as ``file:line``.

A folder holds one TOML file per scenario and, optionally, ``catalog.toml`` with the reply
languages, the picker's categories, shared pieces of text (partials) and field declarations
that scenarios reuse by name. Folders load in order; a later one overrides an earlier one's
scenario (by id), partial, category or language (by key). A broken file is reported and
skipped, whatever is wrong with it; every other scenario still loads. A scenario that replaces
an earlier folder's gets an ``info`` notice; a language a later folder adds is optional for the
scenarios of earlier folders (they show without it, and the catalog says so once).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from composer.advisor import INPUTS, PROBLEMS, REMEDIES
from composer.fields import Field, FieldType, FieldValueError, Option
from composer.formatting import MONEY_STYLES
from composer.jinja import (
    CONTEXT_NAMES,
    REPLY_FORMATS,
    RESERVED_NAMES,
    UNAVAILABLE_GLOBALS,
    choice_comparisons,
    filters_used,
    make_environment,
    partials_used,
)
from composer.scenario import (
    MESSAGE_KINDS,
    AdvisorLink,
    Catalog,
    Category,
    Language,
    LoadResult,
    Reply,
    Scenario,
    TemplateProblem,
)
from composer.sourcemap import SourceMap
from composer.triage.language import LANGUAGES as TRIAGE_LANGUAGES
from composer.triage.phrases import PhraseError, compile_phrase

CATALOG_FILE = "catalog.toml"
MAX_FILE_BYTES = 512 * 1024  # a template file; the largest shipped one is under 10 KB
MAX_FIELDS = 200  # per scenario; the richest shipped one has about 15
_NAME = re.compile(r"[a-z_][a-z0-9_]*")  # used with fullmatch: no trailing newline slips by
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")
MAX_TRIAGE_PHRASES = 200  # per language and scenario; the shipped ones have about 10
_TOML_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


class _InvalidError(Exception):
    """A mistake at a key path of the file being read."""

    def __init__(
        self,
        key: tuple[str | int, ...],
        message: str,
        line_offset: int = 0,
        word: str = "",
        at_line: int = 0,
    ) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.line_offset = line_offset
        self.word = word  # what to point at, within a line joined by backslashes
        self.at_line = at_line  # the file line, when the caller found it itself


@dataclass
class _Source:
    path: Path
    data: dict[str, Any]
    smap: SourceMap

    def problem(self, error: _InvalidError, severity: str = "error") -> TemplateProblem:
        if error.at_line:
            line = error.at_line
        elif error.line_offset:
            line = self.smap.value_line(error.key, error.line_offset)
            if error.word:
                line = self.smap.find_in_joined_line(line, error.word)
        else:
            line = self.smap.line(*error.key) or 1
        return TemplateProblem(self.path, line, error.message, severity)


def load_catalog(folders: Iterable[Path]) -> LoadResult:
    """Load every folder's catalog and scenarios, in order; see the module docstring."""
    result = LoadResult(Catalog())
    scenario_files: list[tuple[int, Path]] = []
    # Where each language was first declared (folder number, catalog file): a scenario needs
    # a reply in the languages of its own folder and earlier ones only.
    declared: dict[str, tuple[int, Path]] = {}
    for index, folder in enumerate(folders):
        folder = Path(folder)
        if not folder.is_dir():
            if folder.exists():
                result.problems.append(TemplateProblem(folder, 0, "not a folder"))
            continue
        catalog_file = folder / CATALOG_FILE
        if catalog_file.is_file():
            source = _read(catalog_file, result.problems)
            if source is not None:
                try:
                    _merge_catalog(result, source)
                except Exception as exc:
                    result.problems.append(_unexpected(catalog_file, exc))
                for code in result.catalog.languages:
                    declared.setdefault(code, (index, catalog_file))
        scenario_files.extend(
            (index, p)
            for p in sorted(folder.glob("*.toml"))
            if p.name != CATALOG_FILE and not p.name.startswith(("_", "."))
        )
    if not result.catalog.languages:
        result.problems.append(
            TemplateProblem(Path(CATALOG_FILE), 0, "no reply languages are declared anywhere")
        )
    environments = {
        code: make_environment(result.catalog.partials.get(code, {}))
        for code in result.catalog.languages
    }
    partial_fields = {
        code: _partial_fields(result.catalog.partials.get(code, {})) for code in environments
    }
    seen_in_folder: dict[tuple[Path, str], Path] = {}
    lacking: dict[str, list[str]] = {}
    for index, path in scenario_files:
        source = _read(path, result.problems)
        if source is None:
            continue
        required = {code for code, (where, _) in declared.items() if where <= index}
        try:
            scenario, warnings = _scenario(
                source, result.catalog, environments, partial_fields, required
            )
        except _InvalidError as error:
            result.problems.append(source.problem(error))
            continue
        except Exception as exc:
            result.problems.append(_unexpected(path, exc))
            continue
        first = seen_in_folder.setdefault((path.parent, scenario.id), path)
        if first != path:
            result.problems.append(
                source.problem(
                    _InvalidError(("id",), f"id {scenario.id!r} is already used by {first.name}")
                )
            )
            continue
        result.problems.extend(source.problem(w, "warning") for w in warnings)
        replaced = result.catalog.scenarios.get(scenario.id)
        if replaced is not None and replaced.source is not None:
            notice = f"replaces the scenario {scenario.id!r} of {replaced.source}"
            result.problems.append(source.problem(_InvalidError(("id",), notice), "info"))
        for code in set(result.catalog.languages) - set(scenario.replies):
            lacking.setdefault(code, []).append(scenario.id)
        result.catalog.scenarios[scenario.id] = scenario
    for code, ids in lacking.items():
        ids = [i for i in ids if code not in result.catalog.scenarios[i].replies]
        if ids and code in declared:
            name = result.catalog.languages[code].name
            shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
            result.problems.append(
                TemplateProblem(
                    declared[code][1],
                    1,
                    f"language {code!r} ({name}) is declared here, but {len(ids)} scenarios from "
                    f"earlier folders have no [reply.{code}] ({shown}): they show without it",
                    "warning",
                )
            )
    return result


def _unexpected(path: Path, exc: BaseException) -> TemplateProblem:
    """A file that broke the loader in a way it did not foresee: reported, then skipped."""
    return TemplateProblem(path, 1, f"cannot be loaded: {_describe(exc)}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "it is nested too deeply (brackets, tables or blocks inside one another)"
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "it holds a number too long to read (over 4,300 digits)"
    if isinstance(exc, MemoryError):
        return "it is too large"
    return f"{type(exc).__name__}: {exc}"


def _partial_fields(partials: Mapping[str, str]) -> dict[str, set[str]]:
    """The field names each partial uses, with those of the partials it calls, worked out once
    rather than for every reply. (The loader has refused partials that call themselves.)"""
    env = make_environment()
    direct: dict[str, set[str]] = {}
    calls: dict[str, set[str]] = {}
    for name, text in partials.items():
        tree = env.parse(text)
        direct[name] = set(meta.find_undeclared_variables(tree))
        calls[name] = {p for p in partials_used(tree) if p is not None}
    found: dict[str, set[str]] = {}
    for name in partials:
        names: set[str] = set()
        pending, seen = [name], set()
        while pending:
            current = pending.pop()
            if current in seen or current not in direct:
                continue
            seen.add(current)
            names |= direct[current]
            pending.extend(calls[current])
        found[name] = names
    return found


def _read(path: Path, problems: list[TemplateProblem]) -> _Source | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                TemplateProblem(
                    path,
                    1,
                    f"is {size / 1024:,.0f} KB; a template file may be at most "
                    f"{MAX_FILE_BYTES // 1024} KB",
                )
            )
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        problems.append(TemplateProblem(path, 0, f"cannot be read: {exc.strerror or exc}"))
        return None
    except UnicodeDecodeError:
        problems.append(TemplateProblem(path, 1, "is not UTF-8 text"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_LINE.search(message)
        line = int(match.group(1)) if match else 1
        detail = _TOML_LINE.sub("", message)
        where = f" (column {match.group(2)})" if match else ""
        problems.append(TemplateProblem(path, line, f"TOML syntax: {detail}{where}"))
        return None
    except Exception as exc:
        problems.append(_unexpected(path, exc))
        return None
    try:
        smap = SourceMap.scan(text)
    except Exception:
        smap = SourceMap()
    return _Source(path, data, smap)


# --- catalog.toml -------------------------------------------------------------------------


def _merge_catalog(result: LoadResult, source: _Source) -> None:
    catalog = result.catalog
    data = source.data
    try:
        languages = _table(data, ("languages",))
        for code in languages:
            spec = _table(languages, ("languages", code))
            style = spec.get("money_style", "standard")
            if style not in MONEY_STYLES:
                allowed = ", ".join(MONEY_STYLES)
                raise _InvalidError(
                    ("languages", code, "money_style"), f"money_style must be one of {allowed}"
                )
            catalog.languages[code] = Language(
                code=code,
                locale=_string(spec, ("languages", code, "locale"), default=code),
                name=_string(spec, ("languages", code, "name"), default=code),
                money_style=_string(spec, ("languages", code, "money_style"), default="standard"),
                yes=_string(spec, ("languages", code, "yes"), default="yes"),
                no=_string(spec, ("languages", code, "no"), default="no"),
            )
        categories = _table(data, ("categories",))
        for cid in categories:
            key = ("categories", cid)
            spec = _table(categories, key)
            order = spec.get("order", len(catalog.categories) * 10)
            if not isinstance(order, int):
                raise _InvalidError((*key, "order"), "order must be a whole number")
            titles = {k: v for k, v in spec.items() if k != "order"}
            catalog.categories[cid] = Category(cid, _texts(titles, key), order)
        partials = _table(data, ("partials",))
        for code in partials:
            added: dict[str, str] = {}
            for name, text in _table(partials, ("partials", code)).items():
                try:
                    added[name] = _partial(text, ("partials", code, name))
                except _InvalidError as error:  # this partial only: the others still load
                    result.problems.append(source.problem(error))
            _merge_partials(catalog.partials.setdefault(code, {}), added, code, source, result)
        for index, spec in enumerate(_list(data, ("fields",))):
            declared = _field(spec, ("fields", index), {})
            catalog.common_fields[declared.name] = declared
    except _InvalidError as error:
        result.problems.append(source.problem(error))


def _partial(text: Any, where: tuple[str | int, ...]) -> str:
    """A partial's text, once it is known to parse and to pull in nothing but partials."""
    if not isinstance(text, str):
        raise _InvalidError(where, "a partial must be text")
    if len(text) > MAX_FILE_BYTES:
        raise _InvalidError(where, f"a partial may be at most {MAX_FILE_BYTES // 1024} KB")
    env = make_environment()
    try:
        tree = env.parse(text)
        meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as exc:
        raise _InvalidError(where, f"template syntax: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise _InvalidError(where, f"cannot be read: {_describe(exc)}", 1) from None
    bad_filters = sorted(filters_used(tree) - set(env.filters))
    if bad_filters:
        name = bad_filters[0]
        raise _InvalidError(where, f"uses an unknown filter {name!r}", _line_of(text, name), name)
    if any(True for _ in meta.find_referenced_templates(tree)) or any(
        True for _ in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))
    ):
        raise _InvalidError(
            where, 'use {{ partial("name") }} instead of include, import or extends', 1
        )
    if None in partials_used(tree):
        raise _InvalidError(
            where, 'partial(...) takes one name in quotes, like partial("greeting")', 1
        )
    return text


def _merge_partials(
    merged: dict[str, str], added: dict[str, str], code: str, source: _Source, result: LoadResult
) -> None:
    """Lay ``added`` over ``merged``, refusing a partial that ends up calling itself: the one
    it would replace (an earlier folder's) is kept, so a team's bad greeting breaks nothing."""
    env = make_environment()
    previous = dict(merged)
    merged.update(added)
    while True:
        calls = {
            name: {p for p in partials_used(env.parse(text)) if p is not None}
            for name, text in merged.items()
        }
        looping = next((name for name in added if name in merged and _reaches(calls, name)), None)
        if looping is None:
            return
        where = ("partials", code, looping)
        message = f"partial {looping!r} calls itself (directly or through another partial)"
        if looping in previous:
            merged[looping] = previous[looping]
            message += "; the earlier one is kept"
        else:
            del merged[looping]
        del added[looping]
        result.problems.append(source.problem(_InvalidError(where, message)))


def _reaches(calls: Mapping[str, set[str]], start: str) -> bool:
    """True when partial ``start`` calls itself, directly or through others."""
    pending, seen = list(calls.get(start, ())), set()
    while pending:
        current = pending.pop()
        if current == start:
            return True
        if current not in seen:
            seen.add(current)
            pending.extend(calls.get(current, ()))
    return False


# --- scenario files -----------------------------------------------------------------------


def _scenario(
    source: _Source,
    catalog: Catalog,
    environments: Mapping[str, SandboxedEnvironment],
    partial_fields: Mapping[str, Mapping[str, set[str]]],
    required: set[str] | None = None,
) -> tuple[Scenario, list[_InvalidError]]:
    data = source.data
    scenario_id = data.get("id", source.path.stem)
    if not isinstance(scenario_id, str) or not _ID.fullmatch(scenario_id):
        raise _InvalidError(
            ("id",), "id must be lower-case letters, digits and dashes, like unpaid-reminder"
        )
    warnings: list[_InvalidError] = []
    category = _string(data, ("category",))
    if category not in catalog.categories:
        warnings.append(
            _InvalidError(("category",), f"category {category!r} is not in any catalog.toml")
        )
    titles = _texts(_table(data, ("title",), required=True), ("title",))
    keywords = data.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise _InvalidError(("keywords",), "keywords must be a list of texts")
    guidance = _texts(_table(data, ("guidance",)), ("guidance",))

    fields: list[Field] = []
    specs = _list(data, ("fields",))
    if len(specs) > MAX_FIELDS:
        raise _InvalidError(
            ("fields",), f"declares {len(specs):,} fields; a scenario may have at most {MAX_FIELDS}"
        )
    names: set[str] = set()
    for index, spec in enumerate(specs):
        declared = _field(spec, ("fields", index), catalog.common_fields)
        if declared.name in names:
            raise _InvalidError(
                ("fields", index, "name"), f"field {declared.name!r} is declared twice"
            )
        names.add(declared.name)
        fields.append(declared)
    # A reply may use a shared field (catalog.toml) without listing it: it is added after the
    # listed ones. Listing it chooses its place in the form.
    by_name = {**catalog.common_fields, **{f.name: f for f in fields}}

    replies: dict[str, Reply] = {}
    used: dict[str, set[str]] = {}
    reply_table = _table(data, ("reply",))
    for code in catalog.languages:
        if code not in reply_table and (required is None or code in required):
            name = catalog.languages[code].name
            raise _InvalidError(
                ("reply",), f"no {name} reply: add a [reply.{code}] table with a body"
            )
    for code in reply_table:
        key = ("reply", code)
        spec = _table(reply_table, key)
        env = environments.get(code) or make_environment()
        parts: dict[str, str] = {}
        for part in ("subject", "body"):
            text = spec.get(part)
            if text is None:
                continue
            if not isinstance(text, str):
                raise _InvalidError((*key, part), f"{part} must be text")
            used_here = _check_template(
                text, (*key, part), env, by_name, partial_fields.get(code, {})
            )
            used.setdefault(code, set()).update(used_here)
            parts[part] = text
        if "body" not in parts:
            raise _InvalidError(key, f"[reply.{code}] has no body")
        replies[code] = Reply(
            body=parts["body"],
            subject=parts.get("subject"),
            body_line=source.smap.content_line(*key, "body"),
            subject_line=source.smap.content_line(*key, "subject"),
        )
    all_used = set().union(*used.values()) if used else set()
    listed = {f.name for f in fields}
    fields.extend(f for name, f in catalog.common_fields.items() if name in all_used - listed)
    with_subject = [c for c, r in replies.items() if r.subject is not None]
    if with_subject and len(with_subject) != len(replies):
        lacking = sorted(set(replies) - set(with_subject))
        raise _InvalidError(
            ("reply", lacking[0]), f"[reply.{lacking[0]}] has no subject but other languages do"
        )
    for index, f in enumerate(fields):
        where = ("fields", index, "name")
        users = sorted(code for code, names in used.items() if f.name in names)
        if not users:
            warnings.append(
                _InvalidError(where, f"field {f.name!r} is declared but no reply uses it")
            )
        elif len(users) < len(used):
            others = ", ".join(sorted(set(used) - set(users)))
            message = (
                f"field {f.name!r} is used in the {', '.join(users)} reply but not in {others}"
            )
            warnings.append(_InvalidError(where, message))

    scenario = Scenario(
        id=scenario_id,
        category=category,
        titles=titles,
        fields=tuple(fields),
        replies=replies,
        guidance=guidance,
        keywords=tuple(keywords),
        source=source.path,
        advisor=_advisor(data, {f.name: f for f in fields}),
        third_party=_third_party(data, {f.name for f in fields}),
        kind=_kind(data),
        triage=_triage(data, source.smap, warnings),
    )
    return scenario, warnings


def _kind(data: Mapping[str, Any]) -> str:
    """``kind``: what sort of message the reply is, for the platform rules that depend on it."""
    kind = data.get("kind", "answer")
    if kind not in MESSAGE_KINDS:
        raise _InvalidError(
            ("kind",), f"kind must be one of {', '.join(MESSAGE_KINDS)}, not {kind!r}"
        )
    return str(kind)


def _triage(
    data: Mapping[str, Any], smap: SourceMap, warnings: list[_InvalidError]
) -> dict[str, tuple[str, ...]]:
    """The ``[triage]`` table: what buyers write when they need this reply, per language
    (``en = ["where is my order", ...]``), checked as the matcher will read it."""
    table = _table(data, ("triage",))
    phrases: dict[str, tuple[str, ...]] = {}
    for code, written in table.items():
        where = ("triage", code)
        if not _LANGUAGE_CODE.fullmatch(code):
            raise _InvalidError(where, f"{code!r} is not a language code like en, zh or pt")
        if not isinstance(written, list) or not all(isinstance(p, str) for p in written):
            raise _InvalidError(where, f'triage.{code} must be a list of phrases, like ["..."]')
        if len(written) > MAX_TRIAGE_PHRASES:
            raise _InvalidError(
                where, f"triage.{code} has {len(written)} phrases; at most {MAX_TRIAGE_PHRASES}"
            )
        for text in written:
            try:
                compile_phrase(text)
            except PhraseError as exc:
                line = _line_holding(smap, smap.line(*where) or 1, text)
                raise _InvalidError(
                    where, f"triage.{code}: the phrase {text!r} {exc}", at_line=line
                ) from None
        if code not in TRIAGE_LANGUAGES:
            warnings.append(
                _InvalidError(
                    where,
                    f"triage.{code}: messages in {code!r} are not recognised yet "
                    f"(languages: {', '.join(TRIAGE_LANGUAGES)}); its phrases still count",
                )
            )
        phrases[code] = tuple(written)
    return phrases


def _line_holding(smap: SourceMap, start: int, text: str) -> int:
    """The first line from ``start`` on that holds ``text`` in quotes (a list item has no line
    of its own in the source map), else ``start``."""
    quoted = (f'"{text}"', f"'{text}'")
    for number in range(start, len(smap.text_lines) + 1):
        if any(q in smap.text_lines[number - 1] for q in quoted):
            return number
    return start


def _advisor(data: Mapping[str, Any], fields: Mapping[str, Field]) -> AdvisorLink | None:
    """The ``[advisor]`` table: which choice field an advised remedy sets, and to what."""
    spec = _table(data, ("advisor",))
    if not spec:
        return None
    name = _string(spec, ("advisor", "field"))
    choice = fields.get(name)
    if choice is None or choice.type is not FieldType.CHOICE:
        raise _InvalidError(("advisor", "field"), f"advisor field {name!r} is not a choice field")
    options: dict[str, str] = {}
    for remedy, key in _table(spec, ("advisor", "options"), required=True).items():
        where = ("advisor", "options", remedy)
        if remedy not in REMEDIES:
            raise _InvalidError(where, f"unknown remedy {remedy!r} (one of {', '.join(REMEDIES)})")
        if not isinstance(key, str) or choice.option(key) is None:
            keys = ", ".join(o.key for o in choice.options)
            raise _InvalidError(where, f"{key!r} is not an option of {name!r} ({keys})")
        options[remedy] = key
    problem = spec.get("problem")
    if problem is not None and problem not in PROBLEMS:
        raise _InvalidError(
            ("advisor", "problem"), f"unknown problem {problem!r} (one of {', '.join(PROBLEMS)})"
        )
    money = {n for n, f in fields.items() if f.type is FieldType.MONEY}
    refund = spec.get("refund_field")
    if refund is not None and refund not in money:
        raise _InvalidError(("advisor", "refund_field"), f"{refund!r} is not a money field")
    inputs: dict[str, str] = {}
    for given, field_name in _table(spec, ("advisor", "inputs")).items():
        where = ("advisor", "inputs", given)
        if given not in INPUTS:
            raise _InvalidError(where, f"unknown advisor input {given!r} ({', '.join(INPUTS)})")
        if field_name not in money:
            raise _InvalidError(where, f"{field_name!r} is not a money field")
        inputs[given] = field_name
    return AdvisorLink(name, options, problem, refund, inputs)


def _third_party(data: Mapping[str, Any], fields: set[str]) -> tuple[str, ...]:
    """``[checks] third_party``: fields whose values are someone else's contact details."""
    names = _table(data, ("checks",)).get("third_party", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _InvalidError(("checks", "third_party"), "third_party must be a list of field names")
    for name in names:
        if name not in fields:
            raise _InvalidError(("checks", "third_party"), f"{name!r} is not a declared field")
    return tuple(names)


def _check_template(
    text: str,
    key: tuple[str | int, ...],
    env: SandboxedEnvironment,
    fields: Mapping[str, Field],
    partials: Mapping[str, set[str]],
) -> set[str]:
    """Parse one template; return the field names it uses. Raises _InvalidError on a mistake."""
    try:
        tree = env.parse(text)
    except TemplateSyntaxError as exc:
        raise _InvalidError(key, f"template syntax: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise _InvalidError(key, f"cannot be read: {_describe(exc)}", 1) from None
    bad_filters = sorted(filters_used(tree) - set(env.filters))
    if bad_filters:
        name = bad_filters[0]
        raise _InvalidError(key, f"uses an unknown filter {name!r}", _line_of(text, name), name)
    try:
        names = set(meta.find_undeclared_variables(tree))
    except TemplateSyntaxError as exc:  # e.g. an unknown filter, found while compiling
        raise _InvalidError(key, f"template: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise _InvalidError(key, f"cannot be read: {_describe(exc)}", 1) from None
    if any(True for _ in meta.find_referenced_templates(tree)):
        raise _InvalidError(
            key, 'use {{ partial("name") }} instead of include, import or extends', 1
        )
    for included in partials_used(tree):
        if included is None:
            raise _InvalidError(
                key, 'partial(...) takes one name in quotes, like partial("greeting")', 1
            )
        if included not in partials:
            line = _line_of(text, included)
            raise _InvalidError(
                key, f"uses partial {included!r}, which this language does not have", line, included
            )
        names |= partials[included]
    declared = set(fields)
    unknown = sorted(names - declared - set(env.globals) - set(CONTEXT_NAMES))
    if unknown:
        name = unknown[0]
        if name in UNAVAILABLE_GLOBALS:
            raise _InvalidError(
                key, f"{name}() is not available in replies", _line_of(text, name), name
            )
        raise _InvalidError(
            key, f"uses {name!r}, which is not a declared field", _line_of(text, name), name
        )
    for name, key_value in choice_comparisons(tree):
        if name == "format" and key_value not in REPLY_FORMATS and name not in fields:
            raise _InvalidError(
                key,
                f"compares format with {key_value!r}; a reply's format is "
                + " or ".join(repr(f) for f in REPLY_FORMATS),
                _line_of(text, key_value),
                key_value,
            )
        field = fields.get(name)
        if field is not None and field.type is FieldType.CHOICE and field.option(key_value) is None:
            keys = ", ".join(o.key for o in field.options)
            line = _line_of(text, key_value)
            raise _InvalidError(
                key,
                f"compares {name!r} with {key_value!r}, which is not one of its options ({keys})",
                line,
                key_value,
            )
    return names & declared


def _line_of(text: str, word: str) -> int:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return 1


def _field(spec: Any, key: tuple[str | int, ...], common: Mapping[str, Field]) -> Field:
    if not isinstance(spec, dict):
        raise _InvalidError(key, "a field must be a table")
    name = spec.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _InvalidError(
            (*key, "name"), "a field needs a name of lower-case letters, digits and _"
        )
    if name in RESERVED_NAMES:
        raise _InvalidError((*key, "name"), f"{name!r} is reserved; choose another field name")
    base = common.get(name)
    if "type" not in spec:
        if base is None:
            raise _InvalidError(
                (*key, "name"), f"field {name!r} has no type and no shared declaration"
            )
        type_ = base.type
    else:
        raw_type = spec["type"]
        try:
            type_ = FieldType(raw_type)
        except ValueError:
            choices = ", ".join(t.value for t in FieldType)
            raise _InvalidError(
                (*key, "type"), f"unknown field type {raw_type!r} (use one of: {choices})"
            ) from None
    if base is not None and base.type is not type_:
        base = None
    labels = (
        _texts(spec["label"], (*key, "label")) if "label" in spec else (base.labels if base else {})
    )
    if not labels:
        raise _InvalidError(
            key, f'field {name!r} needs a label, e.g. label = {{ en = "...", zh = "..." }}'
        )
    options: tuple[Option, ...] = base.options if base else ()
    if "options" in spec:
        options = _options(spec["options"], (*key, "options"))
    if type_ is FieldType.CHOICE and not options:
        raise _InvalidError(key, f"choice field {name!r} needs options")
    required = spec.get("required", base.required if base else True)
    if not isinstance(required, bool):
        raise _InvalidError((*key, "required"), "required must be true or false")
    currency = spec.get("currency", base.currency if base else "USD")
    declared = Field(
        name=name,
        type=type_,
        labels=labels,
        required=required,
        help=_texts(spec["help"], (*key, "help"))
        if "help" in spec
        else (base.help if base else {}),
        options=options,
        currency=str(currency).upper(),
    )
    values: dict[str, Any] = {}
    for which in ("default", "example"):
        raw = spec.get(which, getattr(base, which) if base else None)
        try:
            values[which] = declared.coerce(raw)
        except FieldValueError as exc:
            raise _InvalidError((*key, which), f"{which} of {exc}") from None
    return replace(declared, **values)


def _options(raw: Any, key: tuple[str | int, ...]) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        raise _InvalidError(key, "options must be a list of { key = ..., label = { ... } }")
    options = []
    for index, spec in enumerate(raw):
        where = (*key, index)
        if not isinstance(spec, dict) or not isinstance(spec.get("key"), str):
            raise _InvalidError(where, "each option needs a key and a label per language")
        options.append(Option(spec["key"], _texts(spec.get("label"), where)))
    seen: set[str] = set()
    for option in options:
        if option.key in seen:
            raise _InvalidError(key, f"option {option.key!r} is listed twice")
        seen.add(option.key)
    return tuple(options)


def _table(
    parent: Mapping[str, Any], key: tuple[str | int, ...], required: bool = False
) -> dict[str, Any]:
    """The table at ``key``; ``parent`` is the table that holds its last part."""
    value = parent.get(str(key[-1]))
    if value is None:
        if required:
            raise _InvalidError(key[:-1] or key, f"missing [{'.'.join(map(str, key))}] table")
        return {}
    if not isinstance(value, dict):
        raise _InvalidError(key, f"{'.'.join(map(str, key))} must be a table")
    return value


def _list(data: Mapping[str, Any], key: tuple[str, ...]) -> list[Any]:
    value = data.get(key[-1], [])
    if not isinstance(value, list):
        raise _InvalidError(key, f"{key[-1]} must be a list ([[{key[-1]}]] tables)")
    return value


def _string(data: Mapping[str, Any], key: tuple[str | int, ...], default: str | None = None) -> str:
    value = data.get(str(key[-1]), default)
    if not isinstance(value, str) or not value:
        raise _InvalidError(key, f"{key[-1]} must be text")
    return value


def _texts(value: Any, key: tuple[str | int, ...]) -> dict[str, str]:
    """A per-language text table like ``{ en = "...", zh = "..." }``."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _InvalidError(key, 'expected a text per language, like { en = "...", zh = "..." }')
    return dict(value)
