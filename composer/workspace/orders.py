"""The seller's orders, buyers and cases, as the window reaches them (``Workspace.orders``).

One object over ``orders.json`` and ``cases.json`` (each opened when first used): importing an
export (with the seller's column mapping for a file of unknown columns), finding an order by
its number, buyer or tracking number or from a buyer's message, what an order fills in a
scenario, the buyer's RFM tier, the order's case, and the figures the charts draw. Each change
returns ``Changes``, like the workspace's other operations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from composer import paths
from composer.orders.fill import buyer_language, fill_from_order
from composer.orders.model import Order
from composer.templating.fields import Money, Value
from composer.templating.scenario import Scenario
from composer.triage import Triage
from composer.workspace.changes import Changes

if TYPE_CHECKING:  # TinyDB: imported when a store is first opened
    from composer.orders.cases import Case, CaseStore, DisputeRate
    from composer.orders.formats import ColumnMapping
    from composer.orders.importing import ImportReport
    from composer.orders.rfm import Buyer
    from composer.orders.store import OrderStore
    from composer.storage.file_format import StoreProblem
    from composer.storage.history import HistoryStore


@dataclass(frozen=True)
class TierFigures:
    """Buyers and money per tier, for the chart (money per currency: no conversion)."""

    buyers: Mapping[str, int]
    spent: Mapping[str, Mapping[str, Decimal]]  # tier -> currency -> amount


class OrderBook:
    """The orders, buyers and cases of one data folder."""

    def __init__(self, data_dir: Path, history: Callable[[], HistoryStore] | None = None) -> None:
        """``history``: gives the reply history, whose copies a case takes in."""
        self.data_dir = data_dir
        self._history = history
        self._buyers: tuple[dt.date, list[Buyer]] | None = None
        self._orders: tuple[tuple[int, int], list[Order]] | None = None

    # --- the stores ---------------------------------------------------------------------------

    @cached_property
    def store(self) -> OrderStore:
        from composer.orders.store import OrderStore

        return OrderStore(paths.orders_file(self.data_dir))

    @cached_property
    def cases(self) -> CaseStore:
        from composer.orders.cases import CaseStore

        return CaseStore(paths.cases_file(self.data_dir))

    def problems(self) -> list[StoreProblem]:
        """What was wrong in ``orders.json`` and ``cases.json`` (each opened here)."""
        return [*self.store.problems, *self.cases.problems]

    # --- importing ----------------------------------------------------------------------------

    def import_file(
        self, path: Path, mapping: ColumnMapping | None = None
    ) -> tuple[ImportReport, Changes]:
        """Import an export (one write); a ``mapping`` that fits is remembered. Raises
        ExportFileError for a file that is no export it knows, StoreError when not saved."""
        from composer.orders.importing import import_file

        report = import_file(self.store, path, mapping)
        return report, Changes(orders=True)

    def needs_mapping(self, path: Path) -> list[str] | None:
        """The headers of ``path`` when no platform's export and no remembered mapping fits it
        (the seller says which column is which); None when it imports as it is. Raises
        ExportFileError when the file cannot be read at all."""
        from composer.orders.importing import find_format
        from composer.orders.reading import read_rows
        from composer.orders.values import is_blank, text

        rows = read_rows(path)
        if find_format(rows, self.store.mappings()) is not None:
            return None
        for row in rows[:30]:
            headers = [text(c).strip() for c in row.cells if not is_blank(c)]
            if headers:
                return headers
        return []

    # --- finding ------------------------------------------------------------------------------

    def orders(self) -> list[Order]:
        """Every order, newest first. Read again only when ``orders.json`` changed (an import
        here or in another copy of the app): a search as the seller types is a filter, not a
        read of 10,000 orders from disk."""
        path = paths.orders_file(self.data_dir)
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = (0, 0)
        if self._orders is None or self._orders[0] != stamp:
            self._orders = (stamp, self.store.orders())
            self._buyers = None
        return self._orders[1]

    def search(self, text: str = "", limit: int | None = 200) -> list[Order]:
        """Orders whose number, buyer, e-mail or tracking number contains ``text``."""
        found = self.orders()
        if text.strip():
            found = [o for o in found if o.matches(text)]
        return found[:limit]

    def from_message(self, found: Triage | None) -> list[Order]:
        """The imported orders a buyer's message names (by order or tracking number)."""
        if found is None or not (found.order_numbers or found.tracking_numbers):
            return []
        numbers = {n.number.casefold() for n in found.order_numbers}
        numbers |= {n.lstrip("#") for n in numbers}  # Shopify's "#1001" written as "1001"
        tracking = {n.number.casefold() for n in found.tracking_numbers}
        return [
            o
            for o in self.orders()
            if o.order_id.casefold() in numbers
            or (o.tracking_number and o.tracking_number.casefold() in tracking)
        ]

    def fill(self, order: Order, scenario: Scenario) -> dict[str, Value]:
        """What ``order`` fills in ``scenario``'s own fields."""
        return fill_from_order(order, scenario)

    def language(self, order: Order, found: Triage | None = None) -> tuple[str, str]:
        """The buyer's likely language and where it comes from: ``"message"`` when they wrote
        in a language we told, else ``"country"``."""
        from composer.triage import UNKNOWN

        if found is not None and found.language != UNKNOWN:
            return found.language, "message"
        return buyer_language(order.country), "country"

    # --- buyers -------------------------------------------------------------------------------

    def buyers(self, as_of: dt.date | None = None) -> list[Buyer]:
        """Every buyer scored on ``as_of`` (today), kept until the next import."""
        from composer.orders.rfm import buyers

        day = as_of or dt.date.today()
        orders = self.orders()  # forgets the buyers when the orders changed
        if self._buyers is None or self._buyers[0] != day:
            self._buyers = (day, buyers(orders, day))
        return self._buyers[1]

    def buyer_of(self, order: Order, as_of: dt.date | None = None) -> Buyer | None:
        """The scored buyer who placed ``order``: their tier and group."""
        from composer.orders.rfm import tier_of_order

        return tier_of_order(order, self.buyers(as_of))

    def tier_figures(self, as_of: dt.date | None = None) -> TierFigures:
        from composer.orders.rfm import TIERS, tier_counts

        found = self.buyers(as_of)
        spent: dict[str, dict[str, Decimal]] = {t.key: {} for t in TIERS}
        currencies = _buyer_currencies(self.orders())
        for buyer in found:
            currency = currencies.get(buyer.key, "")
            into = spent[buyer.tier.key]
            into[currency] = into.get(currency, Decimal(0)) + buyer.spent
        return TierFigures(tier_counts(found), spent)

    # --- cases --------------------------------------------------------------------------------

    def case_of(self, order: Order) -> Case | None:
        """The order's latest case (one not resolved first), or None."""
        found = [c for c in self.cases.cases(search=order.order_id) if c.order_key == order.key]
        found.sort(key=lambda c: (c.status != "resolved", c.opened_at, c.id), reverse=True)
        return found[0] if found else None

    def open_case(self, order: Order, message: str = "") -> tuple[Case, Changes]:
        return self.cases.open(order, message), Changes(cases=True)

    def set_status(self, case_id: int, status: str) -> tuple[Case, Changes]:
        return self.cases.set_status(case_id, status), Changes(cases=True)

    def mark_step(self, case_id: int, step: str, done: bool) -> tuple[Case, Changes]:
        return self.cases.mark_step(case_id, step, done), Changes(cases=True)

    def add_message(self, case_id: int, text: str) -> tuple[Case, Changes]:
        return self.cases.add_message(case_id, text), Changes(cases=True)

    def set_remedy(self, case_id: int, remedy: str, cost: Money) -> tuple[Case, Changes]:
        return self.cases.set_remedy(case_id, remedy, cost), Changes(cases=True)

    def add_copied_replies(self, case_id: int) -> tuple[Case, int, Changes]:
        """Add the replies copied for the case's order (from the reply history) that the case
        does not hold yet, in one write; the case and how many were added."""
        case = self.cases.get(case_id)
        if self._history is None:
            return case, 0, Changes()
        held = {r.history_id for r in case.replies}
        wanted = case.order_id.casefold()
        records = [
            r
            for r in reversed(self._history().records(case.order_id))
            if r.order_number.casefold() == wanted and r.id not in held
        ]
        with self.cases.transaction():
            for record in records:
                draft = record.drafts.get(record.copied) or next(iter(record.drafts.values()), {})
                body = draft.get("body") or ""
                if body.strip():
                    case = self.cases.add_reply(case.id, record.id, record.scenario_id, body)
        return case, len(records), Changes(cases=bool(records))

    def dispute_rates(self, as_of: dt.date | None = None) -> list[DisputeRate]:
        from composer.orders.cases import dispute_rates

        day = as_of or dt.date.today()
        return dispute_rates(self.orders(), self.cases.cases(), day)

    def remedy_costs(self) -> dict[str, dict[str, Decimal]]:
        from composer.orders.cases import remedy_costs

        return remedy_costs(self.cases.cases())


def _buyer_currencies(orders: Sequence[Order]) -> dict[str, str]:
    """Each buyer's currency (their latest order's), so money per tier is added per currency."""
    from composer.orders.rfm import buyer_key

    found: dict[str, str] = {}
    for order in reversed(orders):  # oldest first: the latest order's currency wins
        found[buyer_key(order)] = order.currency
    return found
