"""``python -m composer snippets ...`` and ``history list``: the seller's data from a script.

Every command takes ``--data-dir PATH`` and ``--json``. Exit codes as for the other commands:
0 success, 1 a change could not be saved, 2 bad usage (an unknown key, a file that is not an
export). ``snippets add`` returns only once the snippet is durably on disk.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer import paths
from composer.cli.options import OneLineParser, program_name, whole_number
from composer.workspace import Workspace

if TYPE_CHECKING:
    from composer.storage.database import Store
    from composer.storage.snippets import SnippetStore


class _CommandError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _options() -> argparse.ArgumentParser:
    parent = OneLineParser(add_help=False)
    parent.add_argument("--data-dir", metavar="PATH", help="the data folder to use")
    parent.add_argument("--json", action="store_true", help="print JSON")
    return parent


def register(commands: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``snippets`` and ``history`` to the CLI's subcommands; returns their handlers."""
    common = _options()
    snippets = commands.add_parser("snippets", help="list, add, remove, export, import snippets")
    actions = snippets.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", parents=[common], help="list (or search) snippets")
    listing.add_argument("--search", metavar="TEXT", default="", help="fuzzy search")
    listing.add_argument("--limit", metavar="N", type=whole_number, help="at most N snippets")

    add = actions.add_parser("add", parents=[common], help="add a snippet")
    add.add_argument("--key", required=True, help="a short unique name, like sig")
    add.add_argument("--title", default="", help="what it is, in a few words")
    add.add_argument("--en", metavar="TEXT", help="the English text")
    add.add_argument("--zh", metavar="TEXT", help="the Chinese text")
    add.add_argument(
        "--body",
        metavar="LANG=TEXT",
        action="append",
        default=[],
        help="the text in another language (repeatable)",
    )
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--replace", action="store_true", help="replace a snippet with this key")

    remove = actions.add_parser("remove", parents=[common], help="delete a snippet")
    remove.add_argument("key", metavar="KEY")

    export = actions.add_parser("export", parents=[common], help="write every snippet as JSON")
    export.add_argument("file", metavar="FILE", nargs="?", help="where to write (default: print)")

    imports = actions.add_parser("import", parents=[common], help="add snippets from an export")
    imports.add_argument("file", metavar="FILE")
    imports.add_argument(
        "--on-conflict",
        choices=["keep", "theirs"],
        default="keep",
        help="when both sides changed a snippet: keep yours (default) or take the file's",
    )

    history = commands.add_parser("history", help="the replies you copied")
    history_actions = history.add_subparsers(dest="action", required=True, metavar="ACTION")
    history_list = history_actions.add_parser("list", parents=[common], help="list copied replies")
    history_list.add_argument("--search", metavar="TEXT", default="", help="order number or buyer")
    history_list.add_argument("--limit", metavar="N", type=whole_number, help="at most N records")

    return {"snippets": _run(_SNIPPET_ACTIONS), "history": _run({"list": history_list_cmd})}


def _run(
    actions: dict[str, Callable[[argparse.Namespace], int]],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from composer.storage.file_format import StoreError

        try:
            return actions[args.action](args)
        except StoreError as exc:
            print(f"{program_name()}: error: {exc}", file=sys.stderr)
            return 1
        except _CommandError as exc:
            print(f"{program_name()}: error: {exc}", file=sys.stderr)
            return exc.code

    return run


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(paths.data_dir(args.data_dir), cached=False)


def _warn(store: Store) -> None:
    for problem in store.problems:
        print(f"warning: {problem}", file=sys.stderr)


def _snippets(args: argparse.Namespace) -> SnippetStore:
    store = _workspace(args).snippets
    _warn(store)
    return store


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def snippets_list(args: argparse.Namespace) -> int:
    from composer.storage.snippets import to_json

    store = _snippets(args)
    found = store.search(args.search, args.limit) if args.search else store.all()[: args.limit]
    if args.json:
        _print_json([to_json(s) for s in found])
        return 0
    if not found:
        if args.search:
            print(f"No snippets match {args.search!r}.")
        else:
            add = f"{program_name()} snippets add --key sig --en TEXT"
            print(f"No snippets yet in {store.path}: add one with `{add}`, or in the app.")
        return 0
    width = max((len(s.key) for s in found), default=0)
    for s in found:
        languages = ",".join(s.bodies)
        tags = f"  #{' #'.join(s.tags)}" if s.tags else ""
        print(f"{s.key:<{width}}  {s.title}  [{languages}]{tags}")
    return 0


def snippets_add(args: argparse.Namespace) -> int:
    from composer.storage.snippets import Snippet, SnippetError, checked, to_json

    bodies: dict[str, str] = {}
    for code, text in (("en", args.en), ("zh", args.zh)):
        if text is not None:
            bodies[code] = text
    for item in args.body:
        code, sep, text = item.partition("=")
        if not sep or not code.strip():
            raise _CommandError(f"--body {item!r}: write it as LANG=TEXT", 2)
        bodies[code.strip()] = text
    mended: list[str] = []
    try:
        snippet = checked(Snippet(args.key, args.title, bodies, list(args.tag)), mended)
    except SnippetError as exc:
        raise _CommandError(str(exc), 2) from None
    for note in mended:
        print(f"warning: {note}", file=sys.stderr)
    workspace = _workspace(args)
    store = workspace.snippets
    _warn(store)
    with store.transaction():
        if snippet.key in store and not args.replace:
            raise _CommandError(f"a snippet {snippet.key!r} already exists (add --replace)", 2)
        workspace.save_snippet(snippet)
    saved = store.get(snippet.key)
    assert saved is not None
    if args.json:
        _print_json(to_json(saved))
    else:
        print(f"saved {saved.key} to {store.path}")
    return 0


def snippets_remove(args: argparse.Namespace) -> int:
    store = _snippets(args)
    with store.transaction():
        if args.key not in store:
            raise _CommandError(
                f"no snippet {args.key!r} (see `{program_name()} snippets list`)", 2
            )
        store.remove(args.key)
    if args.json:
        _print_json({"removed": args.key})
    else:
        print(f"removed {args.key}")
    return 0


def snippets_export(args: argparse.Namespace) -> int:
    from composer.storage.atomic_file import write_atomically
    from composer.storage.snippet_sharing import export_text

    store = _snippets(args)
    text = export_text(store)
    if not args.file or args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    try:
        write_atomically(target, [text.encode("utf-8")])
    except OSError as exc:
        raise _CommandError(f"cannot write {target}: {exc.strerror or exc}", 1) from None
    count = len(store)
    if args.json:
        _print_json({"exported": count, "file": str(target)})
    else:
        print(f"exported {count} snippets to {target}")
    return 0


def snippets_import(args: argparse.Namespace) -> int:
    from composer.storage.snippet_sharing import ImportFileError, import_snippets, read_export

    mended: list[str] = []
    try:
        snippets, invalid = read_export(Path(args.file), mended)
    except ImportFileError as exc:
        raise _CommandError(str(exc), 2) from None
    store = _snippets(args)
    report = import_snippets(store, snippets, take_theirs=args.on_conflict == "theirs")
    report.invalid, report.mended = invalid, mended
    if args.json:
        _print_json(report.to_json())
        return 0
    for label, keys in (
        ("added", report.added),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("conflicting", report.conflicts),
    ):
        print(f"{label} ({len(keys)}): {', '.join(keys) if keys else '-'}")
    if report.conflicts:
        kept = "the file's version was taken" if report.took_theirs else "yours were kept"
        print(f"  conflicting snippets were changed on both sides; {kept}")
    if report.future:
        print(
            f"  dated later than now, so not taken as newer: {', '.join(report.future)}",
        )
    for reason in invalid:
        print(f"skipped {reason}", file=sys.stderr)
    for note in mended:
        print(f"warning: {note}", file=sys.stderr)
    return 0


def history_list_cmd(args: argparse.Namespace) -> int:
    store = _workspace(args).history
    _warn(store)
    records = store.records(args.search, args.limit)
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "time": r.time.isoformat(),
                    "scenario": r.scenario_id,
                    "order_number": r.order_number,
                    "buyer_name": r.buyer_name,
                    "copied": r.copied,
                    "values": dict(r.values),
                    "drafts": {code: dict(d) for code, d in r.drafts.items()},
                }
                for r in records
            ]
        )
        return 0
    if not records:
        if args.search:
            print(f"No copied replies match {args.search!r}.")
        else:
            print(f"No copied replies yet in {store.path}: the app keeps each reply you copy.")
        return 0
    for r in records:
        when = r.time.strftime("%Y-%m-%d %H:%M")
        print(f"{r.id:>5}  {when}  {r.scenario_id:<20} {r.order_number:<20} {r.buyer_name}")
    return 0


_SNIPPET_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": snippets_list,
    "add": snippets_add,
    "remove": snippets_remove,
    "export": snippets_export,
    "import": snippets_import,
}
