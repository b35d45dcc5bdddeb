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

from collections.abc import Iterable, Mapping
from pathlib import Path

from jinja2 import meta

from composer.templating.formatting import MONEY_STYLES
from composer.templating.jinja import make_environment, partials_used
from composer.templating.language_folder import (
    LANGUAGE_FILE,
    attach_replies,
    language_folders,
    merge_language,
    script_at,
    untranslated_note_at,
)
from composer.templating.partials import check_partial, merge_partials
from composer.templating.scenario import (
    Catalog,
    Category,
    Language,
    LoadResult,
    TemplateProblem,
)
from composer.templating.scenario_file import (
    SourceFile,
    list_at,
    read_field,
    read_scenario,
    string_at,
    table_at,
    texts_at,
)
from composer.templating.source_reading import read_source, unexpected
from composer.templating.template_fields import InvalidError

CATALOG_FILE = "catalog.toml"


def load_catalog(folders: Iterable[Path]) -> LoadResult:
    """Load every folder's catalog and scenarios, in order; see the module docstring."""
    result = LoadResult(Catalog())
    scenario_files: list[tuple[int, Path]] = []
    # Where each language was first declared (folder number, catalog file): a scenario needs
    # a reply in the languages of its own folder and earlier ones only.
    declared: dict[str, tuple[int, Path]] = {}
    # Languages from language folders (``languages/<code>/``): optional for every scenario.
    folder_languages: dict[str, tuple[int, Path]] = {}
    language_dirs: list[tuple[int, Path]] = []
    for index, folder in enumerate(folders):
        folder = Path(folder)
        if not folder.is_dir():
            if folder.exists():
                result.problems.append(TemplateProblem(folder, 0, "not a folder"))
            continue
        catalog_file = folder / CATALOG_FILE
        if catalog_file.is_file():
            source = read_source(catalog_file, result.problems)
            if source is not None:
                try:
                    _merge_catalog(result, source)
                except Exception as exc:
                    result.problems.append(unexpected(catalog_file, exc))
                own = source.data.get("languages")  # this catalog's own, not a language folder's
                for code in own if isinstance(own, dict) else ():
                    if code in result.catalog.languages:
                        declared.setdefault(code, (index, catalog_file))
        for language_dir in language_folders(folder):
            source = read_source(language_dir / LANGUAGE_FILE, result.problems)
            if source is None:
                continue
            try:
                merge_language(result, source, language_dir.name)
            except InvalidError as error:
                result.problems.append(source.problem(error))
                continue
            except Exception as exc:
                result.problems.append(unexpected(source.path, exc))
                continue
            if language_dir.name not in declared:
                folder_languages.setdefault(language_dir.name, (index, source.path))
            language_dirs.append((index, language_dir))
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
    origin: dict[str, int] = {}  # scenario id -> the folder it comes from
    lacking: dict[str, list[str]] = {}
    for index, path in scenario_files:
        source = read_source(path, result.problems)
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
            result.problems.append(unexpected(path, exc))
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
        for code in set(declared) - set(scenario.replies):
            lacking.setdefault(code, []).append(scenario.id)
        result.catalog.scenarios[scenario.id] = scenario
        origin[scenario.id] = index
    for index, language_dir in language_dirs:
        attach_replies(result, language_dir, index, origin, environments, partial_fields)
    for code, (index, language_file) in folder_languages.items():
        ids = [
            i
            for i, s in result.catalog.scenarios.items()
            if origin[i] <= index and code not in s.replies
        ]
        if ids:
            result.problems.append(
                TemplateProblem(
                    language_file,
                    1,
                    f"{result.catalog.languages[code].name} ({code}) has no reply for "
                    f"{_some(ids)}: they show without it",
                    "warning",
                )
            )
    for code, ids in lacking.items():
        ids = [i for i in ids if code not in result.catalog.scenarios[i].replies]
        if ids and code in declared:
            name = result.catalog.languages[code].name
            result.problems.append(
                TemplateProblem(
                    declared[code][1],
                    1,
                    f"language {code!r} ({name}) is declared here, but {len(ids)} scenarios from "
                    f"earlier folders have no [reply.{code}] ({_some(ids)}): they show without it",
                    "warning",
                )
            )
    return result


def _some(ids: list[str]) -> str:
    """``a, b, c and 4 more``."""
    return ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")


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
                names=texts_at(table_at(spec, ("languages", code, "names")), ("languages", code)),
                script=script_at(spec, ("languages", code, "script")),
                untranslated_note=untranslated_note_at(
                    spec, ("languages", code, "untranslated_note")
                ),
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
                    added[name] = check_partial(text, ("partials", code, name))
                except InvalidError as error:  # this partial only: the others still load
                    result.problems.append(source.problem(error))
            partials_of_code = catalog.partials.setdefault(code, {})
            merge_partials(partials_of_code, added, ("partials", code), source, result)
        for index, spec in enumerate(list_at(data, ("fields",))):
            declared = read_field(spec, ("fields", index), {})
            catalog.common_fields[declared.name] = declared
    except InvalidError as error:
        result.problems.append(source.problem(error))


# --- scenario files -----------------------------------------------------------------------
