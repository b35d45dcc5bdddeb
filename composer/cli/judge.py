"""The command line's seller judgement: ``render --platform`` checks and ``advise``.

``composer.cli.commands`` registers these; they live here so the core commands stay short.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import TextIO

from composer.cli.options import OneLineParser, program_name
from composer.judgement.advisor import advise
from composer.judgement.findings import Check
from composer.judgement.remedies import LOGISTICS, PROBLEMS, Case
from composer.judgement.rules import DEFAULT_PLATFORM
from composer.templating.fields import AMOUNT, bounded, checked_currency
from composer.workspace import Workspace


def add_platform_option(render: argparse.ArgumentParser) -> None:
    """``render --platform NAME``: which platform's rules the checks apply."""
    render.add_argument(
        "--platform",
        metavar="NAME",
        help="apply this platform's message rules in the checks (and give templates its name "
        "as `platform`): amazon, ebay, aliexpress, shopee, etsy, wish, tiktok, temu or "
        f"{DEFAULT_PLATFORM}, or one from your platforms.toml (default: your profile's platform, "
        f"as in the app, else {DEFAULT_PLATFORM})",
    )


def warn_rule_problems(workspace: Workspace) -> None:
    """What was wrong in the platform rule files, one warning a line."""
    for problem in workspace.rulebook.problems:
        print(f"warning: {problem}", file=sys.stderr)


def print_checks(checks: list[Check], stream: TextIO) -> None:
    """One line per finding: ``error [en] phone: Not allowed on Amazon: ...``."""
    for check in checks:
        where = f" [{check.language}]" if check.language else ""
        print(f"{check.severity}{where} {check.code}: {check.text('en')}", file=stream)


def _amount(text: str) -> Decimal:
    """An amount option's value, within the bounds of a money field (0 to 999,999,999,999.99)."""
    try:
        amount = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount like 25 or 12.50") from None
    try:
        return bounded(amount, AMOUNT, text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _currency(text: str) -> str:
    """``--currency``: a currency in use (``EUR``), not the test or "no currency" codes."""
    try:
        return checked_currency(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_advise_command(
    commands: argparse._SubParsersAction[OneLineParser],
    parents: list[OneLineParser],
) -> None:
    """``advise``: the remedies for a dispute, best first, with the seller's cost of each.

    ``parents`` give the options every command takes (``--json``, the folders).
    """
    parser = commands.add_parser(
        "advise",
        parents=parents,
        help="rank the remedies for an after-sales problem, with what each costs you",
        description="Rank the remedies for an after-sales problem, best first, with what "
        "each costs you and why (from the seller guidance in the seeds).",
    )
    parser.add_argument("--problem", required=True, choices=PROBLEMS)
    parser.add_argument(
        "--logistics",
        required=True,
        choices=LOGISTICS,
        help="postal (tracked), economy (untracked) or express (commercial)",
    )
    parser.add_argument("--order-value", required=True, type=_amount, metavar="N")
    parser.add_argument("--shipping-cost", required=True, type=_amount, metavar="N")
    parser.add_argument(
        "--return-cost", type=_amount, metavar="N", help="default: the shipping cost"
    )
    parser.add_argument(
        "--item-cost",
        type=_amount,
        metavar="N",
        help="what the item costs you (default: the order value less shipping)",
    )
    parser.add_argument(
        "--past-promised", action="store_true", help="the promised delivery time has passed"
    )
    parser.add_argument(
        "--currency", type=_currency, default="USD", help="of the amounts (default USD)"
    )
    parser.add_argument(
        "--low-value",
        type=_amount,
        metavar="N",
        help="address change: re-ship orders worth up to this (default 20)",
    )


def cmd_advise(args: argparse.Namespace) -> int:
    """Print the ranked remedies; exit 2 when the facts do not fit."""
    extra = {"low_value_limit": args.low_value} if args.low_value is not None else {}
    try:
        case = Case(
            problem=args.problem,
            logistics=args.logistics,
            order_value=args.order_value,
            shipping_cost=args.shipping_cost,
            return_cost=args.return_cost,
            item_cost=args.item_cost,
            past_promised=args.past_promised,
            currency=args.currency,
            **extra,
        )
        options = advise(case)
    except ValueError as exc:  # also Babel's unknown-currency error
        print(f"{program_name()}: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        data = {"options": [o.to_json() for o in options]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for rank, option in enumerate(options, start=1):
        cost = f"{option.seller_cost} {case.currency}"
        print(f"{rank}. {option.label('en')} / {option.label('zh')}: costs you {cost}")
        print(f"   {option.reason['en']}")
        print(f"   {option.reason['zh']}")
    return 0
