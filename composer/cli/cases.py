"""``python -m composer cases ...`` and ``disputes``: one order's problem from the buyer's
message to its solution, and the dispute rate per platform, from a script.

Every command takes ``--data-dir PATH`` and ``--json``; exit codes and errors as for
``orders`` (``composer.cli.orders``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from composer import paths
from composer.cli.options import program_name, whole_number
from composer.cli.orders import (
    CommandError,
    one_order,
    order_store,
    parse_day,
    print_json,
    run_actions,
    warn_problems,
)

if TYPE_CHECKING:
    from composer.orders.cases import Case, CaseStore
    from composer.templating.fields import Money


def register(
    commands: Any, common: argparse.ArgumentParser
) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``disputes`` and ``cases``; returns their handlers."""
    disputes = commands.add_parser(
        "disputes", parents=[common], help="dispute rate per platform; remedy cost per month"
    )
    disputes.add_argument("--as-of", metavar="DATE", type=parse_day, help="count up to this day")

    cases = commands.add_parser("cases", help="one order's problem, from message to solution")
    case_actions = cases.add_subparsers(dest="action", required=True, metavar="ACTION")
    case_list = case_actions.add_parser("list", parents=[common], help="list cases")
    case_list.add_argument("--status", choices=_statuses(), help="only cases with this status")
    case_list.add_argument("--search", metavar="TEXT", default="", help="order or buyer")
    case_show = case_actions.add_parser("show", parents=[common], help="show a case")
    case_show.add_argument("case", metavar="ID", type=whole_number)
    case_open = case_actions.add_parser("open", parents=[common], help="open a case for an order")
    case_open.add_argument("order", metavar="ORDER")
    case_open.add_argument("--platform", metavar="NAME", default="")
    case_open.add_argument("--message", metavar="TEXT", default="", help="the buyer's message")
    case_set = case_actions.add_parser("set", parents=[common], help="change a case")
    case_set.add_argument("case", metavar="ID", type=whole_number)
    case_set.add_argument("--status", choices=_statuses())
    case_set.add_argument("--remedy", metavar="KEY", help="the remedy chosen (see `advise`)")
    case_set.add_argument("--cost", metavar="AMOUNT", help="what it costs you: 4.50 or 4.50 EUR")
    case_set.add_argument("--done", metavar="STEP", action="append", default=[])
    case_set.add_argument("--undo", metavar="STEP", action="append", default=[])
    case_set.add_argument("--message", metavar="TEXT", help="another message from the buyer")
    case_set.add_argument("--reply", metavar="HISTORY_ID", type=whole_number, help="a copied reply")

    return {
        "disputes": run_actions({"": disputes_cmd}),
        "cases": run_actions(
            {"list": cases_list, "show": cases_show, "open": cases_open, "set": cases_set}
        ),
    }


def _statuses() -> Sequence[str]:
    from composer.orders.cases import STATUSES

    return STATUSES


def _cases(args: argparse.Namespace) -> CaseStore:
    from composer.orders.cases import CaseStore

    store = CaseStore(paths.cases_file(paths.data_dir(args.data_dir)))
    warn_problems(store)
    return store


# --- cases -------------------------------------------------------------------------------


def _case_line(case: Case) -> str:
    remedy = f"  {case.remedy} {case.remedy_cost}" if case.remedy else ""
    opened = case.opened_at.strftime("%Y-%m-%d")
    return (
        f"{case.id:>4}  {opened}  {case.status:<9} {case.platform:<10} {case.order_id:<22} "
        f"{case.buyer_name}{remedy}"
    )


def _show_case(case: Case, as_json: bool) -> int:
    from composer.orders.cases import STATUS_LABELS, STEPS, to_json

    if as_json:
        print_json(to_json(case))
        return 0
    print(_case_line(case))
    print(f"  status: {STATUS_LABELS[case.status]['en']} / {STATUS_LABELS[case.status]['zh']}")
    for message in case.messages:
        print(f"  buyer {message.time:%Y-%m-%d %H:%M}: {message.text}")
    for reply in case.replies:
        print(f"  reply {reply.time:%Y-%m-%d %H:%M} ({reply.scenario}, #{reply.history_id})")
    for number, (key, label) in enumerate(STEPS, 1):
        mark = "x" if key in case.steps else " "
        print(f"  [{mark}] {number}. {key:<10} {label['en']} / {label['zh']}")
    return 0


def cases_list(args: argparse.Namespace) -> int:
    from composer.orders.cases import to_json

    found = _cases(args).cases(args.status or "", args.search)
    if args.json:
        print_json([to_json(c) for c in found])
        return 0
    if not found:
        print("No cases." if args.status or args.search else "No cases yet.")
    for case in found:
        print(_case_line(case))
    return 0


def cases_show(args: argparse.Namespace) -> int:
    return _show_case(_cases(args).get(args.case), args.json)


def cases_open(args: argparse.Namespace) -> int:
    order = one_order(order_store(args), args.order, args.platform)
    return _show_case(_cases(args).open(order, args.message), args.json)


def _cost(args: argparse.Namespace, case: Case) -> Money:
    from composer.templating.fields import Field, FieldType, FieldValueError, Money

    currency = ""
    found = order_store(args).find(case.order_id, case.platform)
    if found:
        currency = found[0].currency
    if not currency and not re.search("[A-Za-z]{3}", args.cost):
        raise CommandError(
            f"--cost: {args.cost!r}: the order has no currency; write it too, like 4.50 USD"
        )
    try:
        value = Field("--cost", FieldType.MONEY, {}, currency=currency or "USD").coerce(args.cost)
    except FieldValueError as exc:
        raise CommandError(str(exc)) from None
    assert isinstance(value, Money)
    return value


def cases_set(args: argparse.Namespace) -> int:
    from composer.judgement.remedies import REMEDIES
    from composer.orders.cases import STEP_KEYS
    from composer.storage.history import HistoryStore

    if bool(args.remedy) != bool(args.cost):
        raise CommandError("--remedy and --cost go together: the remedy and what it costs you")
    if args.remedy and args.remedy not in REMEDIES:
        raise CommandError(f"--remedy: {args.remedy!r} is not one of {', '.join(REMEDIES)}")
    for step in [*args.done, *args.undo]:
        if step not in STEP_KEYS:
            raise CommandError(f"--done/--undo: {step!r} is not one of {', '.join(STEP_KEYS)}")
    store = _cases(args)
    with store.transaction():  # all the changes, or none of them
        case = store.get(args.case)
        if args.remedy:
            case = store.set_remedy(case.id, args.remedy, _cost(args, case))
        if args.reply:
            history = HistoryStore(paths.history_file(paths.data_dir(args.data_dir)))
            record = history.get(args.reply)
            if record is None:
                raise CommandError(
                    f"--reply: no copied reply {args.reply} (see `{program_name()} history list`)"
                )
            draft = record.drafts.get(record.copied) or next(iter(record.drafts.values()), {})
            body = draft.get("body") or ""
            case = store.add_reply(case.id, record.id, record.scenario_id, body)
        if args.message:
            case = store.add_message(case.id, args.message)
        for step in args.done:
            case = store.mark_step(case.id, step)
        for step in args.undo:
            case = store.mark_step(case.id, step, done=False)
        if args.status:
            case = store.set_status(case.id, args.status)
    return _show_case(store.get(case.id), args.json)


# --- disputes ----------------------------------------------------------------------------


def disputes_cmd(args: argparse.Namespace) -> int:
    from composer.orders.cases import dispute_rates, remedy_costs

    as_of = args.as_of or dt.date.today()
    cases = _cases(args).cases()
    rates = dispute_rates(order_store(args).orders(), cases, as_of)
    costs = remedy_costs(cases)
    if args.json:
        print_json(
            {
                "as_of": as_of.isoformat(),
                "rates": [
                    {"platform": r.platform, "days": r.days, "orders": r.orders,
                     "disputed": r.disputed, "rate": r.rate}
                    for r in rates
                ],
                "remedy_cost": {m: {c: str(a) for c, a in v.items()} for m, v in costs.items()},
            }
        )  # fmt: skip
        return 0
    if not rates:
        print(f"No orders yet: `{program_name()} orders import FILE` first.")
    for r in rates:
        share = "-" if r.rate is None else f"{r.rate:.1%}"
        print(f"{r.platform:<10} last {r.days:>2} days: {r.disputed} disputed of {r.orders} "
              f"orders ({share})")  # fmt: skip
    if costs:
        print("remedy cost per month:")
        for month, amounts in costs.items():
            print(f"  {month}  " + ", ".join(f"{a} {c}" for c, a in sorted(amounts.items())))
    return 0
