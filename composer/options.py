"""Command-line options the app and ``python -m composer`` share.

Kept apart from ``composer.cli`` so the app can parse its arguments without importing the
template engine that the command line's commands need.
"""

from __future__ import annotations

import argparse
from typing import Any

from composer import version


class VersionAction(argparse.Action):
    """``--version``, reading the version only when asked (it costs start-up time)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


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
