"""Language folders: a reply language kept apart from the scenario files, as data.

A template folder may hold ``languages/<code>/``: ``language.toml`` declares the language (its
Babel locale, names, script, the shared partials and the shared fields' labels) and each
``<scenario-id>.toml`` gives that scenario's reply in the language, with the labels (an unfilled
field's marker, a choice's wording) of its fields::

    [reply]
    subject = "..."        # when the scenario's other replies have one
    body = \"\"\"...\"\"\"
    [labels]
    item_name = "artículo"
    [options.problem]
    damaged = "llegó dañado"

A translator owns a whole folder, and a new language needs no change to the program or to the
scenario files. A scenario without a file in a language shows without it (the loader says so
once); a broken file is reported as ``file:line`` and only that language of that scenario is
left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from composer.templating.fields import Field, Option
from composer.templating.formatting import MONEY_STYLES
from composer.templating.partials import check_partial, merge_partials
from composer.templating.scenario import Language, LoadResult, Reply, Scenario, TemplateProblem
from composer.templating.scenario_file import SourceFile, string_at, table_at, texts_at
from composer.templating.source_reading import read_source, unexpected
from composer.templating.template_fields import InvalidError, template_fields

LANGUAGES_DIR = "languages"
LANGUAGE_FILE = "language.toml"
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
CJK_SCRIPTS = ("Hans", "Hant", "Jpan", "Hang")  # scripts a reader of Chinese characters reads
SCRIPTS = ("Latn", "Cyrl", "Grek", "Hans", "Hant", "Jpan", "Hang", "Arab", "Hebr", "Thai")


def language_folders(folder: Path) -> list[Path]:
    """The ``languages/<code>/`` folders of a template folder that declare a language."""
    base = folder / LANGUAGES_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and (p / LANGUAGE_FILE).is_file())


def reply_files(language_dir: Path) -> list[Path]:
    """A language folder's scenario files (every ``*.toml`` but ``language.toml``)."""
    return sorted(
        p
        for p in language_dir.glob("*.toml")
        if p.name != LANGUAGE_FILE and not p.name.startswith(("_", "."))
    )


def read_language(
    source: SourceFile, code: str, money_styles: Iterable[str] = MONEY_STYLES
) -> Language:
    """The ``[language]`` table of a ``language.toml``; raises InvalidError on a mistake."""
    if not LANGUAGE_CODE.fullmatch(code):
        raise InvalidError(
            ("language",), f"the folder name {code!r} is not a language code, like es or pt_BR"
        )
    spec = table_at(source.data, ("language",), required=True)
    key = ("language",)
    style = spec.get("money_style", "standard")
    if style not in money_styles:
        allowed = ", ".join(money_styles)
        raise InvalidError((*key, "money_style"), f"money_style must be one of {allowed}")
    return Language(
        code=code,
        locale=string_at(spec, (*key, "locale"), default=code),
        name=string_at(spec, (*key, "name"), default=code),
        money_style=style,
        yes=string_at(spec, (*key, "yes"), default="yes"),
        no=string_at(spec, (*key, "no"), default="no"),
        names=texts_at(table_at(spec, (*key, "names")), (*key, "names")),
        script=script_at(spec, (*key, "script")),
        untranslated_note=untranslated_note_at(spec, (*key, "untranslated_note")),
    )


def untranslated_note_at(spec: Mapping[str, Any], key: tuple[str, ...]) -> str:
    """A language's marker for a note written in another language; it must show the note."""
    marker = string_at(spec, key, default=Language.untranslated_note)
    if "{note}" not in marker:
        raise InvalidError(key, "untranslated_note must contain {note}, where the note goes")
    return marker


def script_at(spec: Mapping[str, Any], key: tuple[str, ...]) -> str:
    """A language's ``script`` (``Latn`` when it says none); raises InvalidError if unknown."""
    script = spec.get(key[-1], "Latn")
    if script not in SCRIPTS:
        raise InvalidError(key, f"script must be one of {', '.join(SCRIPTS)}")
    return str(script)


def relabel(
    fields: Mapping[str, Field], data: Mapping[str, Any], code: str
) -> tuple[dict[str, Field], list[InvalidError]]:
    """``fields`` with the ``[labels]`` and ``[options.<field>]`` of a language file added as
    ``code``'s labels; a name or option key that is not there is a warning, not an error."""
    warnings: list[InvalidError] = []
    changed = dict(fields)
    labels = texts_at(table_at(data, ("labels",)), ("labels",))
    for name, label in labels.items():
        if name not in changed:
            warnings.append(InvalidError(("labels", name), f"there is no field {name!r}"))
            continue
        labelled = changed[name]
        changed[name] = replace(labelled, labels={**labelled.labels, code: label})
    options = table_at(data, ("options",))
    for name in options:
        wording = texts_at(table_at(options, ("options", name)), ("options", name))
        old = changed.get(name)
        if old is None or not old.options:
            warnings.append(InvalidError(("options", name), f"there is no choice field {name!r}"))
            continue
        keys = {o.key for o in old.options}
        for key in sorted(set(wording) - keys):
            warnings.append(InvalidError(("options", name, key), f"{name!r} has no option {key!r}"))
        changed[name] = replace(
            old,
            options=tuple(
                Option(o.key, {**o.labels, code: wording[o.key]}) if o.key in wording else o
                for o in old.options
            ),
        )
    return changed, warnings


def attach_reply(
    scenario: Scenario,
    source: SourceFile,
    code: str,
    env: SandboxedEnvironment,
    common_fields: Mapping[str, Field],
    partial_fields: Mapping[str, set[str]],
) -> tuple[Scenario, list[InvalidError]]:
    """``scenario`` with the reply and labels of the language file ``source`` in ``code``."""
    data = source.data
    spec = table_at(data, ("reply",), required=True)
    by_name = {**common_fields, **{f.name: f for f in scenario.fields}}
    own = {f.name for f in scenario.fields}
    parts: dict[str, str] = {}
    for part in ("subject", "body"):
        text = spec.get(part)
        if text is None:
            continue
        if not isinstance(text, str):
            raise InvalidError(("reply", part), f"{part} must be text")
        used = template_fields(text, ("reply", part), env, by_name, partial_fields)
        extra = sorted(used - own)
        if extra:
            raise InvalidError(
                ("reply", part),
                f"uses the field {extra[0]!r}, which the scenario's other replies do not",
            )
        parts[part] = text
    if "body" not in parts:
        raise InvalidError(("reply",), "[reply] has no body")
    others_have_subject = any(r.subject is not None for r in scenario.replies.values())
    if others_have_subject and "subject" not in parts:
        raise InvalidError(
            ("reply",), "[reply] needs a subject: the scenario's other replies have one"
        )
    if "subject" in parts and not others_have_subject:
        raise InvalidError(
            ("reply", "subject"),
            "[reply] has a subject, but the scenario's other replies have none",
        )
    fields, warnings = relabel({f.name: f for f in scenario.fields}, data, code)
    reply = Reply(
        body=parts["body"],
        subject=parts.get("subject"),
        body_line=source.smap.content_line("reply", "body"),
        subject_line=source.smap.content_line("reply", "subject"),
        source=source.path,
    )
    attached = replace(
        scenario,
        fields=tuple(fields[f.name] for f in scenario.fields),
        replies={**scenario.replies, code: reply},
    )
    return attached, warnings


def merge_language(result: LoadResult, source: SourceFile, code: str) -> None:
    """A language folder's ``language.toml``: the language, its partials, the shared labels."""
    catalog = result.catalog
    catalog.languages[code] = read_language(source, code)
    added: dict[str, str] = {}
    for name, text in table_at(source.data, ("partials",)).items():
        try:
            added[name] = check_partial(text, ("partials", name))
        except InvalidError as error:  # this partial only: the others still load
            result.problems.append(source.problem(error))
    merge_partials(catalog.partials.setdefault(code, {}), added, ("partials",), source, result)
    fields, warnings = relabel(catalog.common_fields, source.data, code)
    catalog.common_fields.update(fields)
    result.problems.extend(source.problem(w, "warning") for w in warnings)


def attach_replies(
    result: LoadResult,
    language_dir: Path,
    index: int,
    origin: Mapping[str, int],
    environments: Mapping[str, Any],
    partial_fields: Mapping[str, Mapping[str, set[str]]],
) -> None:
    """Add a language folder's replies to the scenarios of its own and earlier folders."""
    code = language_dir.name
    catalog = result.catalog
    for path in reply_files(language_dir):
        source = read_source(path, result.problems)
        if source is None:
            continue
        scenario = catalog.scenarios.get(path.stem)
        if scenario is None or origin[path.stem] > index:
            message = f"there is no scenario {path.stem!r} to reply to in this language"
            result.problems.append(TemplateProblem(path, 1, message, "warning"))
            continue
        try:
            attached, warnings = attach_reply(
                scenario,
                source,
                code,
                environments[code],
                catalog.common_fields,
                partial_fields.get(code, {}),
            )
        except InvalidError as error:
            result.problems.append(source.problem(error))
            continue
        except Exception as exc:
            result.problems.append(unexpected(path, exc))
            continue
        result.problems.extend(source.problem(w, "warning") for w in warnings)
        catalog.scenarios[scenario.id] = attached
