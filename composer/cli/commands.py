"""``python -m composer``: list, inspect, render and check scenarios, read a buyer's message.

Exit codes: 0 success, 1 a check or a strict render failed, 2 bad usage or unknown scenario.
Errors go to stderr in one line.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from composer import paths
from composer.cli import judge, orders, seller_data, triage
from composer.cli.options import OneLineParser, VersionAction, add_folder_options, program_name
from composer.storage.profile import Profile, prefill
from composer.storage.text_repair import mend, mend_json, mended_note
from composer.templating.fields import FieldValueError, Value, to_json
from composer.templating.jinja import REPLY_FORMATS
from composer.templating.note import is_note_key
from composer.templating.scenario import LoadResult, Scenario
from composer.templating.validate import check_library
from composer.workspace import UnknownPlatformError, Workspace


class UsageError(Exception):
    """Bad usage: an unknown scenario, field or language, or a value that does not fit."""


def build_parser() -> argparse.ArgumentParser:
    common = OneLineParser(add_help=False)
    add_folder_options(common)
    common.add_argument("--json", action="store_true", help="print JSON")

    parser = OneLineParser(prog=program_name(), description=__doc__.splitlines()[0])
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("list", parents=[common], help="list the scenarios")

    fields = commands.add_parser("fields", parents=[common], help="show a scenario's fields")
    fields.add_argument("scenario", metavar="ID")

    render = commands.add_parser("render", parents=[common], help="render a scenario's reply")
    render.add_argument("scenario", metavar="ID")
    render.add_argument("--lang", default="all", help="a language code (en, zh, ...) or all")
    render.add_argument(
        "--set",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="a field's value (repeatable); note.LANG=TEXT adds your note in a language",
    )
    render.add_argument("--values", metavar="FILE.json", help="field values from a JSON object")
    render.add_argument(
        "--example", action="store_true", help="start from the scenario's example values"
    )
    render.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) when a required field is empty or a check finds an error",
    )
    render.add_argument(
        "--format",
        choices=REPLY_FORMATS,
        default="chat",
        help="chat: a platform message (default); email: the longer letter",
    )
    judge.add_platform_option(render)

    check = commands.add_parser(
        "check", parents=[common], help="check template folders (default: all loaded)"
    )
    check.add_argument("folders", metavar="DIR", nargs="*")

    _COMMANDS.update(seller_data.register(commands))
    _COMMANDS.update(orders.register(commands))
    judge.add_advise_command(commands, [common])
    triage.add_triage_command(commands, [common])
    return parser


def utf8_output() -> None:
    """Write stdout and stderr as UTF-8. Windows writes a redirected stream (``> file``, a pipe,
    a test harness) in its ANSI code page, cp1252 or cp936, which cannot hold a Chinese reply,
    or a data folder under a user name like ``C:\\Users\\李明``: the command would die with
    UnicodeEncodeError halfway through its output."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(encoding="utf-8", errors=stream.errors)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args))
    except UsageError as exc:
        print(f"{program_name()}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def _open(args: argparse.Namespace, extra: Sequence[str] = ()) -> Workspace:
    """The data folder and template folders the options name (the files read as they are)."""
    base = paths.data_dir(args.data_dir)
    for folder in [*args.templates, *extra]:
        if not Path(folder).is_dir():
            raise UsageError(f"template folder not found: {folder}")
    return Workspace(base, paths.template_dirs(base, [*args.templates, *extra]), cached=False)


def _load(args: argparse.Namespace, extra: Sequence[str] = ()) -> LoadResult:
    return _open(args, extra).loaded


def _warn_problems(result: LoadResult) -> None:
    for problem in result.problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def _scenario(result: LoadResult, scenario_id: str) -> Scenario:
    scenario = result.catalog.get(scenario_id)
    if scenario is None:
        raise UsageError(f"unknown scenario {scenario_id!r} (see `{program_name()} list`)")
    return scenario


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_list(args: argparse.Namespace) -> int:
    result = _load(args)
    _warn_problems(result)
    scenarios = list(result.catalog)
    if args.json:
        _print_json(
            [
                {
                    "id": s.id,
                    "category": s.category,
                    "title": dict(s.titles),
                    "keywords": list(s.keywords),
                    "languages": list(s.replies),
                    "source": str(s.source),
                }
                for s in scenarios
            ]
        )
        return 0
    width = max((len(s.id) for s in scenarios), default=0)
    for s in scenarios:
        titles = " / ".join(s.titles.values())
        print(f"{s.id:<{width}}  {s.category:<12}  {' '.join(s.replies):<24}  {titles}")
    return 0


def cmd_fields(args: argparse.Namespace) -> int:
    result = _load(args)
    _warn_problems(result)
    scenario = _scenario(result, args.scenario)
    rows = [
        {
            "name": f.name,
            "type": f.type.value,
            "required": f.required,
            "default": to_json(f.default),
            "example": to_json(f.example),
            "label": dict(f.labels),
            "help": dict(f.help),
            "options": [{"key": o.key, "label": dict(o.labels)} for o in f.options],
        }
        for f in scenario.fields
    ]
    if args.json:
        _print_json({"scenario": scenario.id, "fields": rows})
        return 0
    for row in rows:
        flag = "required" if row["required"] else "optional"
        line = f"{row['name']:<20} {row['type']:<8} {flag:<8}  {row['label'].get('en', '')}"
        if row["options"]:
            line += "  [" + ", ".join(o["key"] for o in row["options"]) + "]"
        if row["example"] not in (None, ""):
            line += f"  e.g. {json.dumps(row['example'], ensure_ascii=False)}"
        print(line)
    return 0


def _profile(workspace: Workspace) -> Profile:
    """The profile saved in the data folder (the defaults when there is none)."""
    if not workspace.has_profile():
        return Profile()
    from composer.storage.file_format import StoreError

    try:
        for problem in workspace.profiles.problems:
            print(f"warning: {problem}", file=sys.stderr)
        return workspace.profile()
    except StoreError as exc:
        print(f"warning: {exc}", file=sys.stderr)
        return Profile()


def _values(args: argparse.Namespace, scenario: Scenario, profile: Profile) -> dict[str, Value]:
    """As the app fills a form: the defaults and the profile, or the examples (``--example``,
    like the app's "Fill with example values"), then the values given."""
    values = {**scenario.defaults(), **prefill(scenario, profile)}
    if args.example:
        values.update(scenario.examples())
    given: dict[str, Any] = {}
    if args.values:
        try:
            loaded = json.loads(Path(args.values).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read values from {args.values}: {exc}") from None
        if not isinstance(loaded, dict):
            raise UsageError(f"{args.values} must hold a JSON object of field names and values")
        loaded, mended = mend_json(loaded)
        if mended:
            print(f"warning: {mended_note(args.values, mended)}", file=sys.stderr)
        given.update(loaded)
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--set {item!r}: write it as NAME=VALUE")
        value, mended = mend(value)
        if mended:
            print(f"warning: {mended_note(f'--set {name.strip()}', mended)}", file=sys.stderr)
        given[name.strip()] = value
    for name, raw in given.items():
        declared = scenario.field(name)
        if is_note_key(name) and isinstance(raw, str):
            values[name] = raw  # the seller's note in one language: note.en=TEXT
            continue
        if declared is None:
            known = ", ".join(f.name for f in scenario.fields)
            raise UsageError(f"{scenario.id} has no field {name!r} (fields: {known})")
        try:
            values[name] = declared.coerce(raw)
        except FieldValueError as exc:
            raise UsageError(str(exc)) from None
    return values


def cmd_render(args: argparse.Namespace) -> int:
    workspace = _open(args)
    result = workspace.loaded
    _warn_problems(result)
    scenario = _scenario(result, args.scenario)
    languages = list(scenario.replies) if args.lang == "all" else [args.lang]
    for code in languages:
        if code not in scenario.replies:
            known = ", ".join(scenario.replies)
            raise UsageError(f"{scenario.id} has no {code!r} reply (languages: {known}, all)")
    profile = _profile(workspace)
    values = _values(args, scenario, profile)
    judge.warn_rule_problems(workspace)
    try:
        platform = workspace.platform(args.platform, profile)
    except UnknownPlatformError as exc:
        raise UsageError(str(exc)) from None
    composed = workspace.compose(
        scenario, values, reply_format=args.format, platform=platform, languages=languages
    )
    rendered, checks = composed.result, composed.checks
    failed = any(d.error for d in rendered.drafts.values())
    if args.json:
        drafts: dict[str, Any] = {}
        for code, draft in rendered.drafts.items():
            drafts[code] = {"subject": draft.subject, "body": draft.body}
            if draft.error:
                drafts[code]["error"] = draft.error
        _print_json(
            {
                "scenario": scenario.id,
                "drafts": drafts,
                "missing": rendered.missing,
                "checks": [c.to_json() for c in checks],
            }
        )
    else:
        for code, draft in rendered.drafts.items():
            name = result.catalog.languages[code].name if code in result.catalog.languages else code
            print(f"===== {name} =====")
            if draft.error:
                print(f"(cannot render: {draft.error})")
            if draft.subject is not None:
                print(f"Subject: {draft.subject}\n")
            print(draft.body)
            print()
    for code, draft in rendered.drafts.items():
        if draft.error:
            print(
                f"{program_name()}: error: {scenario.id} [{code}]: {draft.error}", file=sys.stderr
            )
    if not args.json:
        judge.print_checks(checks, sys.stderr)
    if args.strict and rendered.missing:
        labels = ", ".join(rendered.missing)
        print(f"{program_name()}: error: required fields are empty: {labels}", file=sys.stderr)
        return 1
    if args.strict and any(c.severity == "error" for c in checks):
        print(f"{program_name()}: error: the checks found errors", file=sys.stderr)
        return 1
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    result = _load(args, args.folders)
    folders = [Path(f) for f in args.folders] if args.folders else None
    findings = check_library(result, folders)
    errors = [f for f in findings if f.severity == "error"]
    if args.json:
        _print_json(
            {
                "scenarios": len(result.catalog),
                "ok": not errors,
                "findings": [
                    {
                        "severity": f.severity,
                        "file": str(f.path) if f.path else None,
                        "line": f.line,
                        "scenario": f.scenario,
                        "language": f.language,
                        "message": f.message,
                    }
                    for f in findings
                ],
            }
        )
    else:
        for finding in findings:
            print(finding, file=sys.stderr if finding.severity == "error" else sys.stdout)
        verdict = "ok" if not errors else f"{len(errors)} error(s)"
        warnings = len(findings) - len(errors)
        print(f"checked {len(result.catalog)} scenarios: {verdict}, {warnings} warning(s)")
    return 1 if errors else 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": cmd_list,
    "fields": cmd_fields,
    "render": cmd_render,
    "check": cmd_check,
    "advise": judge.cmd_advise,
    "triage": lambda args: triage.cmd_triage(args, _load),
}
