"""Command-line options the app and ``python -m composer`` share.

Kept apart from ``composer.cli.commands`` so the app can parse its arguments without importing the
template engine that the command line's commands need.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from composer import version


def program_name() -> str:
    """How the seller runs the command line, for its usage lines and the commands its messages
    suggest: what ``REPLY_COMPOSER_PROG`` says (``python3 dev.py cli`` sets it), the console
    script ``reply-composer-cli``, else ``python -m composer``."""
    named = os.environ.get("REPLY_COMPOSER_PROG", "").strip()
    if named:
        return named
    script = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    return "reply-composer-cli" if script == "reply-composer-cli" else "python -m composer"


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit 2), not the usage
    block argparse prints first: a seller reads one sentence, a script logs one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


class VersionAction(argparse.Action):
    """``--version``, reading the version only when asked (it costs start-up time)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


def whole_number(text: str) -> int:
    """An argument that is a whole number of 1 or more (``--limit N``, an id): ``-1`` would
    silently drop the last result."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number like 10") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return number


def add_folder_options(parser: argparse.ArgumentParser) -> None:
    """``--templates DIR`` and ``--data-dir PATH``, the same for the app and the CLI."""
    parser.add_argument(
        "--templates",
        metavar="DIR",
        action="append",
        default=[],
        help="another template folder, loaded after the shipped and your own (repeatable)",
    )
    parser.add_argument("--data-dir", metavar="PATH", help="the data folder to use")
