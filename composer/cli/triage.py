"""``python -m composer triage [FILE|-]``: read a buyer's message, say what it calls for.

``composer.cli`` registers it; the work is ``composer.triage``'s. Exit codes: 0 read, 2 bad
usage (no message, a file that cannot be read, an unknown template folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from composer.cli.options import OneLineParser, program_name
from composer.templating.fields import to_json
from composer.templating.scenario import Catalog, LoadResult
from composer.triage import LANGUAGE_NAMES, Triage, fill_values, triage

MAX_MESSAGE_BYTES = 1024 * 1024
"""A buyer's message is a few lines; a larger file is not one (and would only be slow)."""


class MessageError(Exception):
    """No message to read: the one-line reason."""


def add_triage_command(
    commands: argparse._SubParsersAction[OneLineParser], parents: list[OneLineParser]
) -> None:
    """``triage [FILE|-]``; ``parents`` give the options every command takes."""
    parser = commands.add_parser(
        "triage",
        parents=parents,
        help="read a buyer's message: its language, order and tracking numbers, likely scenarios",
        description="Read a buyer's message (any language) and print its language, the order "
        "and tracking numbers in it, and the three scenarios it most likely calls for, best "
        "first, with the fields they would fill.",
    )
    parser.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="a text file holding the message (UTF-8); - or nothing reads standard input",
    )


def read_message(file: str | None) -> str:
    """The message from ``file``, or from standard input for ``-`` (or no file when input is
    piped); raises ``MessageError`` with a one-line reason."""
    if file is None and sys.stdin.isatty():
        raise MessageError("give a FILE holding the buyer's message, or - to read it from input")
    name = "standard input" if file in (None, "-") else str(file)
    try:
        if file in (None, "-"):
            data = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        else:
            with Path(str(file)).open("rb") as stream:
                data = stream.read(MAX_MESSAGE_BYTES + 1)
    except OSError as exc:
        raise MessageError(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageError(f"{name} is over {MAX_MESSAGE_BYTES // 1024} KB: is it one message?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MessageError(f"{name} is not UTF-8 text (byte {exc.start + 1})") from None
    if not text.strip():
        raise MessageError(f"{name} is empty: paste the buyer's message into it")
    return text


def cmd_triage(args: argparse.Namespace, load: Callable[[argparse.Namespace], LoadResult]) -> int:
    """Print what the message says; ``load`` gives the catalog as the other commands load it."""
    try:
        message = read_message(args.file)
    except MessageError as exc:
        print(f"{program_name()}: error: {exc}", file=sys.stderr)
        return 2
    catalog = load(args).catalog
    found = triage(message, catalog)
    if args.json:
        data = found.to_json()
        for suggestion in data["suggestions"]:
            scenario = catalog.scenarios[suggestion["scenario"]]
            values = fill_values(scenario, found)
            suggestion["values"] = {name: to_json(value) for name, value in values.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(_summary(found, catalog))
    return 0


def _summary(found: Triage, catalog: Catalog) -> str:
    name = LANGUAGE_NAMES.get(found.language, "")
    lines = [f"Language: {found.language}" + (f" ({name})" if name else "")]
    for title, numbers in (
        ("Order numbers", found.order_numbers),
        ("Tracking numbers", found.tracking_numbers),
    ):
        shown = [f"{n.number} ({', '.join(filter(None, [n.kind, n.carrier]))})" for n in numbers]
        lines.append(f"{title}: {'; '.join(shown) if shown else 'none'}")
    if not found.suggestions:
        lines.append(f"Likely scenarios: none recognised (see `{program_name()} list`)")
        return "\n".join(lines)
    lines.append("Likely scenarios:")
    width = max(len(s.scenario) for s in found.suggestions)
    for rank, suggestion in enumerate(found.suggestions, start=1):
        scenario = catalog.scenarios[suggestion.scenario]
        lines.append(
            f"  {rank}. {suggestion.scenario:<{width}}  {suggestion.score:.2f}  "
            f"{scenario.title('en')} / {scenario.title('zh')}"
        )
    return "\n".join(lines)
