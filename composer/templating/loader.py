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

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from composer.templating.formatting import MONEY_STYLES
from composer.templating.jinja import (
    filters_used,
    make_environment,
    partials_used,
)
from composer.templating.scenario import (
    Catalog,
    Category,
    Language,
    LoadResult,
    TemplateProblem,
)
from composer.templating.scenario_file import (
    TOML_LINE,
    SourceFile,
    list_at,
    read_field,
    read_scenario,
    string_at,
    table_at,
    texts_at,
)
from composer.templating.sourcemap import SourceMap
from composer.templating.template_fields import InvalidError, describe, line_of

CATALOG_FILE = "catalog.toml"
MAX_FILE_BYTES = 512 * 1024  # a template file; the largest shipped one is under 10 KB


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
            scenario, warnings = read_scenario(
                source, result.catalog, environments, partial_fields, required
            )
        except InvalidError as error:
            result.problems.append(source.problem(error))
            continue
        except Exception as exc:
            result.problems.append(_unexpected(path, exc))
            continue
        first = seen_in_folder.setdefault((path.parent, scenario.id), path)
        if first != path:
            result.problems.append(
                source.problem(
                    InvalidError(("id",), f"id {scenario.id!r} is already used by {first.name}")
                )
            )
            continue
        result.problems.extend(source.problem(w, "warning") for w in warnings)
        replaced = result.catalog.scenarios.get(scenario.id)
        if replaced is not None and replaced.source is not None:
            notice = f"replaces the scenario {scenario.id!r} of {replaced.source}"
            result.problems.append(source.problem(InvalidError(("id",), notice), "info"))
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


@dataclass(frozen=True)
class ReadingContext:
    """What reading one scenario file needs from the folders loaded before it: the catalog
    (languages, partials, shared fields) and each language's environment."""

    catalog: Catalog
    environments: Mapping[str, SandboxedEnvironment]
    partial_fields: Mapping[str, Mapping[str, set[str]]]


def reading_context(catalog: Catalog) -> ReadingContext:
    """The context in which ``load_catalog`` read ``catalog``'s scenario files: a scenario
    written in the app (the reply editor, a pack) is read in it exactly as the loader would."""
    environments = {
        code: make_environment(catalog.partials.get(code, {})) for code in catalog.languages
    }
    fields = {code: _partial_fields(catalog.partials.get(code, {})) for code in environments}
    return ReadingContext(catalog, environments, fields)


def _unexpected(path: Path, exc: BaseException) -> TemplateProblem:
    """A file that broke the loader in a way it did not foresee: reported, then skipped."""
    return TemplateProblem(path, 1, f"cannot be loaded: {describe(exc)}")


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


def _read(path: Path, problems: list[TemplateProblem]) -> SourceFile | None:
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
    return parse_source(text, path, problems)


def parse_source(text: str, path: Path, problems: list[TemplateProblem]) -> SourceFile | None:
    """A template file's text read as TOML, with the lines of its keys; None (and the problem
    added) when it is not TOML."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = TOML_LINE.search(message)
        line = int(match.group(1)) if match else 1
        detail = TOML_LINE.sub("", message)
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
    return SourceFile(path, data, smap)


# --- catalog.toml -------------------------------------------------------------------------


def _merge_catalog(result: LoadResult, source: SourceFile) -> None:
    catalog = result.catalog
    data = source.data
    try:
        languages = table_at(data, ("languages",))
        for code in languages:
            spec = table_at(languages, ("languages", code))
            style = spec.get("money_style", "standard")
            if style not in MONEY_STYLES:
                allowed = ", ".join(MONEY_STYLES)
                raise InvalidError(
                    ("languages", code, "money_style"), f"money_style must be one of {allowed}"
                )
            catalog.languages[code] = Language(
                code=code,
                locale=string_at(spec, ("languages", code, "locale"), default=code),
                name=string_at(spec, ("languages", code, "name"), default=code),
                money_style=string_at(spec, ("languages", code, "money_style"), default="standard"),
                yes=string_at(spec, ("languages", code, "yes"), default="yes"),
                no=string_at(spec, ("languages", code, "no"), default="no"),
            )
        categories = table_at(data, ("categories",))
        for cid in categories:
            key = ("categories", cid)
            spec = table_at(categories, key)
            order = spec.get("order", len(catalog.categories) * 10)
            if not isinstance(order, int):
                raise InvalidError((*key, "order"), "order must be a whole number")
            titles = {k: v for k, v in spec.items() if k != "order"}
            catalog.categories[cid] = Category(cid, texts_at(titles, key), order)
        partials = table_at(data, ("partials",))
        for code in partials:
            added: dict[str, str] = {}
            for name, text in table_at(partials, ("partials", code)).items():
                try:
                    added[name] = _partial(text, ("partials", code, name))
                except InvalidError as error:  # this partial only: the others still load
                    result.problems.append(source.problem(error))
            _merge_partials(catalog.partials.setdefault(code, {}), added, code, source, result)
        for index, spec in enumerate(list_at(data, ("fields",))):
            declared = read_field(spec, ("fields", index), {})
            catalog.common_fields[declared.name] = declared
    except InvalidError as error:
        result.problems.append(source.problem(error))


def _partial(text: Any, where: tuple[str | int, ...]) -> str:
    """A partial's text, once it is known to parse and to pull in nothing but partials."""
    if not isinstance(text, str):
        raise InvalidError(where, "a partial must be text")
    if len(text) > MAX_FILE_BYTES:
        raise InvalidError(where, f"a partial may be at most {MAX_FILE_BYTES // 1024} KB")
    env = make_environment()
    try:
        tree = env.parse(text)
        meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as exc:
        raise InvalidError(where, f"template syntax: {exc.message}", exc.lineno or 1) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise InvalidError(where, f"cannot be read: {describe(exc)}", 1) from None
    bad_filters = sorted(filters_used(tree) - set(env.filters))
    if bad_filters:
        name = bad_filters[0]
        raise InvalidError(where, f"uses an unknown filter {name!r}", line_of(text, name), name)
    if any(True for _ in meta.find_referenced_templates(tree)) or any(
        True for _ in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))
    ):
        raise InvalidError(
            where, 'use {{ partial("name") }} instead of include, import or extends', 1
        )
    if None in partials_used(tree):
        raise InvalidError(
            where, 'partial(...) takes one name in quotes, like partial("greeting")', 1
        )
    return text


def _merge_partials(
    merged: dict[str, str], added: dict[str, str], code: str, source: SourceFile, result: LoadResult
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
        result.problems.append(source.problem(InvalidError(where, message)))


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
