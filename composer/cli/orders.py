"""``python -m composer orders ...``, ``rfm``, ``cases ...`` and ``disputes``: the orders the
seller imported, their buyers, and the cases, from a script.

Every command takes ``--data-dir PATH`` and ``--json``. Exit codes as for the other commands:
0 success, 1 a change could not be saved, 2 bad usage (a file that is not an export, an
unknown order, case, status or step). Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer import paths
from composer.cli.options import OneLineParser, program_name, whole_number

if TYPE_CHECKING:
    from composer.orders.cases import Case, CaseStore
    from composer.orders.model import Order
    from composer.orders.rfm import Buyer
    from composer.orders.store import OrderStore
    from composer.storage.database import Store
    from composer.templating.fields import Money


class _CommandError(Exception):
    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _day(text: str) -> dt.date:
    """``--as-of 2026-06-30``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-06-30") from None


def register(commands: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``orders``, ``rfm``, ``cases`` and ``disputes``; returns their handlers."""
    common = OneLineParser(add_help=False)
    common.add_argument("--data-dir", metavar="PATH", help="the data folder to use")
    common.add_argument("--json", action="store_true", help="print JSON")

    orders = commands.add_parser("orders", help="import, list and show your orders")
    actions = orders.add_subparsers(dest="action", required=True, metavar="ACTION")
    imports = actions.add_parser("import", parents=[common], help="import an order export")
    imports.add_argument("file", metavar="FILE")
    imports.add_argument(
        "--mapping", metavar="FILE", help="which column holds what (.toml or .json); remembered"
    )
    listing = actions.add_parser("list", parents=[common], help="list (or search) orders")
    listing.add_argument("--search", metavar="TEXT", default="", help="order, buyer, tracking")
    listing.add_argument("--limit", metavar="N", type=whole_number, help="at most N orders")
    show = actions.add_parser("show", parents=[common], help="an order and what it fills")
    show.add_argument("order", metavar="ORDER")
    show.add_argument("--platform", metavar="NAME", default="", help="when on several platforms")
    show.add_argument("--scenario", metavar="ID", help="the fields of this scenario it fills")
    show.add_argument("--templates", metavar="DIR", action="append", default=[])

    rfm = commands.add_parser("rfm", parents=[common], help="your buyers by RFM, with tiers")
    rfm.add_argument("--as-of", metavar="DATE", type=_day, help="score as on this day")

    disputes = commands.add_parser(
        "disputes", parents=[common], help="dispute rate per platform; remedy cost per month"
    )
    disputes.add_argument("--as-of", metavar="DATE", type=_day, help="count up to this day")

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
        "orders": _run({"import": orders_import, "list": orders_list, "show": orders_show}),
        "rfm": _run({"": rfm_cmd}),
        "disputes": _run({"": disputes_cmd}),
        "cases": _run(
            {"list": cases_list, "show": cases_show, "open": cases_open, "set": cases_set}
        ),
    }


def _statuses() -> Sequence[str]:
    from composer.orders.cases import STATUSES

    return STATUSES


def _run(
    actions: dict[str, Callable[[argparse.Namespace], int]],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from composer.orders.cases import CaseError
        from composer.orders.formats import MappingError
        from composer.orders.reading import ExportFileError
        from composer.storage.file_format import StoreError

        try:
            return actions[getattr(args, "action", "")](args)
        except StoreError as exc:
            print(f"{program_name()}: error: {exc}", file=sys.stderr)
            return 1
        except (_CommandError, ExportFileError, MappingError, CaseError) as exc:
            print(f"{program_name()}: error: {exc}", file=sys.stderr)
            return exc.code if isinstance(exc, _CommandError) else 2

    return run


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _warn(store: Store) -> None:
    for problem in store.problems:
        print(f"warning: {problem}", file=sys.stderr)


def _orders(args: argparse.Namespace) -> OrderStore:
    from composer.orders.store import OrderStore

    store = OrderStore(paths.orders_file(paths.data_dir(args.data_dir)))
    _warn(store)
    return store


def _cases(args: argparse.Namespace) -> CaseStore:
    from composer.orders.cases import CaseStore

    store = CaseStore(paths.cases_file(paths.data_dir(args.data_dir)))
    _warn(store)
    return store


def _money(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else f"{amount} {currency}".strip()


# --- orders ------------------------------------------------------------------------------


def orders_import(args: argparse.Namespace) -> int:
    from composer.orders.formats import read_mapping
    from composer.orders.importing import import_file

    mapping = read_mapping(Path(args.mapping)) if args.mapping else None
    report = import_file(_orders(args), Path(args.file), mapping)
    if args.json:
        _print_json(report.to_json())
        return 0
    print(
        f"{report.format.title}: added {len(report.added)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, skipped {len(report.skipped)} ({report.path.name})"
    )
    if not report.format.confirmed:
        print(
            f"  note: the {report.format.title}'s columns are not confirmed from the platform's "
            "documentation; check a few orders with `orders show`"
        )
    for skipped in report.skipped:
        print(f"  skipped {skipped}")
    return 0


def _order_json(order: Order) -> dict[str, Any]:
    from composer.orders.fill import buyer_language
    from composer.orders.model import to_doc

    return {**to_doc(order), "value": str(order.value) if order.value is not None else None,
            "language": buyer_language(order.country)}  # fmt: skip


def orders_list(args: argparse.Namespace) -> int:
    store = _orders(args)
    found = store.search(args.search, args.limit)
    if args.json:
        _print_json([_order_json(o) for o in found])
        return 0
    if not found:
        if args.search:
            print(f"No orders match {args.search!r}.")
        else:
            print(f"No orders yet in {store.path}: `{program_name()} orders import FILE`.")
        return 0
    for o in found:
        when = o.ordered_at.strftime("%Y-%m-%d") if o.ordered_at else "-"
        buyer = o.buyer_name or o.buyer_id or o.buyer_email
        total = _money(o.value, o.currency)
        print(f"{o.platform:<10} {o.order_id:<22} {when}  {buyer[:24]:<24} {o.country:<2} {total}")
    return 0


def _one_order(store: OrderStore, number: str, platform: str) -> Order:
    found = store.find(number, platform)
    if not found:
        where = f" on {platform}" if platform else ""
        raise _CommandError(f"no order {number!r}{where} (see `{program_name()} orders list`)")
    if len(found) > 1:
        names = ", ".join(sorted(o.platform for o in found))
        raise _CommandError(f"order {number!r} is on several platforms ({names}): add --platform")
    return found[0]


def orders_show(args: argparse.Namespace) -> int:
    from composer.orders.fill import buyer_language, fill_from_order, order_values
    from composer.orders.rfm import buyers, tier_of_order
    from composer.templating.fields import to_json

    store = _orders(args)
    order = _one_order(store, args.order, args.platform)
    if args.scenario:
        fills = {k: to_json(v) for k, v in fill_from_order(order, _scenario(args)).items()}
    else:
        fills = {k: v for k, v in order_values(order).items() if v not in (None, "")}
    buyer = tier_of_order(order, buyers(store.orders(), dt.date.today()))
    if args.json:
        _print_json(
            {
                "order": _order_json(order),
                "buyer": _buyer_json(buyer) if buyer else None,
                "scenario": args.scenario,
                "fills": fills,
            }
        )
        return 0
    when = order.ordered_at.strftime("%Y-%m-%d %H:%M") if order.ordered_at else "-"
    lines = [
        ("ordered", when),
        ("buyer", " ".join(p for p in (order.buyer_name, order.buyer_id, order.buyer_email) if p)),
        ("country", f"{order.country or '-'} (reply language: {buyer_language(order.country)})"),
        *[
            ("item", f"{i.quantity} x {i.name}  {_money(i.amount, order.currency)}")
            for i in order.items
        ],
        ("shipping", _money(order.shipping_cost, order.currency)),
        ("total", _money(order.value, order.currency)),
        ("shipped", " ".join(str(p) for p in (order.shipped_on, order.carrier,
                                              order.tracking_number) if p)),
        ("status", order.status),
        ("tier", f"{buyer.tier.title['en']} / {buyer.tier.title['zh']} ({buyer.group})"
         if buyer else ""),
    ]  # fmt: skip
    print(f"{order.platform} order {order.order_id}  (from {order.source})")
    for label, value in lines:
        if value:
            print(f"  {label:<9} {value}")
    print(f"fills {args.scenario}:" if args.scenario else "fills (in scenarios with these fields):")
    for name, value in fills.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        print(f"  {name} = {shown}")
    return 0


def _scenario(args: argparse.Namespace) -> Any:
    from composer.templating.loader import load_catalog

    for folder in args.templates:
        if not Path(folder).is_dir():
            raise _CommandError(f"template folder not found: {folder}")
    base = paths.data_dir(args.data_dir)
    catalog = load_catalog(paths.template_dirs(base, args.templates)).catalog
    scenario = catalog.get(args.scenario)
    if scenario is None:
        raise _CommandError(f"unknown scenario {args.scenario!r} (see `{program_name()} list`)")
    return scenario


# --- buyers ------------------------------------------------------------------------------


def _buyer_json(buyer: Buyer) -> dict[str, Any]:
    return {
        "buyer": buyer.key,
        "name": buyer.name,
        "platforms": list(buyer.platforms),
        "country": buyer.country,
        "orders": buyer.orders,
        "spent": str(buyer.spent),
        "last_order": buyer.last_order.isoformat() if buyer.last_order else None,
        "recency_days": buyer.recency_days,
        "r": buyer.r,
        "f": buyer.f,
        "m": buyer.m,
        "group": buyer.group,
        "tier": buyer.tier.key,
    }


def rfm_cmd(args: argparse.Namespace) -> int:
    from composer.orders.rfm import TIERS, buyers, tier_counts

    as_of = args.as_of or dt.date.today()
    found = buyers(_orders(args).orders(), as_of)
    counts = tier_counts(found)
    if args.json:
        _print_json(
            {
                "as_of": as_of.isoformat(),
                "buyers": [_buyer_json(b) for b in found],
                "tiers": {
                    t.key: {
                        "count": counts[t.key],
                        "title": dict(t.title),
                        "service": dict(t.service),
                    }
                    for t in TIERS
                },
            }
        )
        return 0
    if not found:
        print(f"No orders yet: `{program_name()} orders import FILE` first.")
        return 0
    print(f"{'buyer':<28} {'orders':>6} {'spent':>10}  {'days':>5}  r f m  tier")
    for b in found:
        days = "-" if b.recency_days is None else str(b.recency_days)
        print(
            f"{b.name[:28]:<28} {b.orders:>6} {b.spent:>10}  {days:>5}  {b.r} {b.f} {b.m}  "
            f"{b.tier.key}"
        )
    print("buyers per tier:")
    for t in TIERS:
        print(f"  {t.key:<10} {counts[t.key]:>5}  {t.title['en']} / {t.title['zh']}")
    return 0


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
        _print_json(to_json(case))
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
        _print_json([to_json(c) for c in found])
        return 0
    if not found:
        print("No cases." if args.status or args.search else "No cases yet.")
    for case in found:
        print(_case_line(case))
    return 0


def cases_show(args: argparse.Namespace) -> int:
    return _show_case(_cases(args).get(args.case), args.json)


def cases_open(args: argparse.Namespace) -> int:
    order = _one_order(_orders(args), args.order, args.platform)
    return _show_case(_cases(args).open(order, args.message), args.json)


def _cost(args: argparse.Namespace, case: Case) -> Money:
    from composer.templating.fields import Field, FieldType, FieldValueError, Money

    currency = ""
    found = _orders(args).find(case.order_id, case.platform)
    if found:
        currency = found[0].currency
    if not currency and not re.search("[A-Za-z]{3}", args.cost):
        raise _CommandError(
            f"--cost: {args.cost!r}: the order has no currency; write it too, like 4.50 USD"
        )
    try:
        value = Field("--cost", FieldType.MONEY, {}, currency=currency or "USD").coerce(args.cost)
    except FieldValueError as exc:
        raise _CommandError(str(exc)) from None
    assert isinstance(value, Money)
    return value


def cases_set(args: argparse.Namespace) -> int:
    from composer.judgement.remedies import REMEDIES
    from composer.orders.cases import STEP_KEYS
    from composer.storage.history import HistoryStore

    if bool(args.remedy) != bool(args.cost):
        raise _CommandError("--remedy and --cost go together: the remedy and what it costs you")
    if args.remedy and args.remedy not in REMEDIES:
        raise _CommandError(f"--remedy: {args.remedy!r} is not one of {', '.join(REMEDIES)}")
    for step in [*args.done, *args.undo]:
        if step not in STEP_KEYS:
            raise _CommandError(f"--done/--undo: {step!r} is not one of {', '.join(STEP_KEYS)}")
    store = _cases(args)
    with store.transaction():  # all the changes, or none of them
        case = store.get(args.case)
        if args.remedy:
            case = store.set_remedy(case.id, args.remedy, _cost(args, case))
        if args.reply:
            history = HistoryStore(paths.history_file(paths.data_dir(args.data_dir)))
            record = history.get(args.reply)
            if record is None:
                raise _CommandError(
                    f"--reply: no copied reply {args.reply} (see `{program_name()} history list`)"
                )
            draft = record.drafts.get(record.copied) or record.drafts.get("en") or {}
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
    rates = dispute_rates(_orders(args).orders(), cases, as_of)
    costs = remedy_costs(cases)
    if args.json:
        _print_json(
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
