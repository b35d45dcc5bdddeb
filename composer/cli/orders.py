"""``python -m composer orders ...`` and ``rfm``: the orders the seller imported and their
buyers, from a script (``cases`` and ``disputes`` are in ``composer.cli.cases``).

Every command takes ``--data-dir PATH`` and ``--json``. Exit codes as for the other commands:
0 success, 1 a change could not be saved, 2 bad usage (a file that is not an export, an
unknown order, case, status or step). Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer import paths
from composer.cli.options import OneLineParser, program_name, whole_number

if TYPE_CHECKING:
    from composer.orders.model import Order
    from composer.orders.rfm import Buyer
    from composer.orders.store import OrderStore
    from composer.storage.database import Store


class CommandError(Exception):
    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def parse_day(text: str) -> dt.date:
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
    show.add_argument(
        "--as-of", metavar="DATE", type=parse_day, help="the buyer's tier as on this day"
    )

    rfm = commands.add_parser("rfm", parents=[common], help="your buyers by RFM, with tiers")
    rfm.add_argument("--as-of", metavar="DATE", type=parse_day, help="score as on this day")

    handlers = {
        "orders": run_actions({"import": orders_import, "list": orders_list, "show": orders_show}),
        "rfm": run_actions({"": rfm_cmd}),
    }
    from composer.cli import cases

    handlers.update(cases.register(commands, common))
    return handlers


def run_actions(
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
        except (CommandError, ExportFileError, MappingError, CaseError) as exc:
            print(f"{program_name()}: error: {exc}", file=sys.stderr)
            return exc.code if isinstance(exc, CommandError) else 2

    return run


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def warn_problems(store: Store) -> None:
    for problem in store.problems:
        print(f"warning: {problem}", file=sys.stderr)


def order_store(args: argparse.Namespace) -> OrderStore:
    from composer.orders.store import OrderStore

    store = OrderStore(paths.orders_file(paths.data_dir(args.data_dir)))
    warn_problems(store)
    return store


def money_text(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else f"{amount} {currency}".strip()


# --- orders ------------------------------------------------------------------------------


def orders_import(args: argparse.Namespace) -> int:
    from composer.orders.formats import read_mapping
    from composer.orders.importing import import_file

    mapping = read_mapping(Path(args.mapping)) if args.mapping else None
    report = import_file(order_store(args), Path(args.file), mapping)
    if args.json:
        print_json(report.to_json())
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
    store = order_store(args)
    found = store.search(args.search, args.limit)
    if args.json:
        print_json([_order_json(o) for o in found])
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
        total = money_text(o.value, o.currency)
        print(f"{o.platform:<10} {o.order_id:<22} {when}  {buyer[:24]:<24} {o.country:<2} {total}")
    return 0


def one_order(store: OrderStore, number: str, platform: str) -> Order:
    found = store.find(number, platform)
    if not found:
        where = f" on {platform}" if platform else ""
        raise CommandError(f"no order {number!r}{where} (see `{program_name()} orders list`)")
    if len(found) > 1:
        names = ", ".join(sorted(o.platform for o in found))
        raise CommandError(f"order {number!r} is on several platforms ({names}): add --platform")
    return found[0]


def orders_show(args: argparse.Namespace) -> int:
    from composer.orders.fill import buyer_language, fill_from_order, order_values
    from composer.orders.rfm import buyers, tier_of_order
    from composer.templating.fields import to_json

    store = order_store(args)
    order = one_order(store, args.order, args.platform)
    if args.scenario:
        fills = {k: to_json(v) for k, v in fill_from_order(order, _scenario(args)).items()}
    else:
        fills = {k: v for k, v in order_values(order).items() if v not in (None, "")}
    buyer = tier_of_order(order, buyers(store.orders(), args.as_of or dt.date.today()))
    if args.json:
        print_json(
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
            ("item", f"{i.quantity} x {i.name}  {money_text(i.amount, order.currency)}")
            for i in order.items
        ],
        ("shipping", money_text(order.shipping_cost, order.currency)),
        ("total", money_text(order.value, order.currency)),
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
            raise CommandError(f"template folder not found: {folder}")
    base = paths.data_dir(args.data_dir)
    catalog = load_catalog(paths.template_dirs(base, args.templates)).catalog
    scenario = catalog.get(args.scenario)
    if scenario is None:
        raise CommandError(f"unknown scenario {args.scenario!r} (see `{program_name()} list`)")
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
    found = buyers(order_store(args).orders(), as_of)
    counts = tier_counts(found)
    if args.json:
        print_json(
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
