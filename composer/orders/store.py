"""The imported orders in ``orders.json``: one atomic, locked write per import.

Built on ``composer.store`` like the snippets and the history (atomic, locked, bad files moved
aside). An import reads the file once, works out in memory which orders are new, changed or
the same, and writes once: 10,000 orders take a second or two, where one TinyDB write per
order would take minutes (each write serialises the whole table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.table import Document

from composer.orders.formats import ColumnMapping, MappingError, mapping_from
from composer.orders.model import Order, from_doc, order_problem, to_doc
from composer.storage.database import Store
from composer.storage.file_format import Schema

ORDERS = "orders"
MAPPINGS = "mappings"
# When first imported and last changed, and from which file: the same order read from another
# file (a later export covering the same days) is not a change.
_NOT_COMPARED = ("imported", "changed", "source")


def _mapping_problem(doc: Any) -> str | None:
    try:
        mapping_from(doc, "mapping")
    except MappingError as exc:
        return str(exc).removeprefix("mapping: ")
    return None


SCHEMA = Schema(
    name="orders",
    title="orders",
    version=1,
    tables=frozenset({ORDERS, MAPPINGS}),
    documents={ORDERS: order_problem, MAPPINGS: _mapping_problem},
)


@dataclass
class ImportCounts:
    """Which orders an import added, updated or found unchanged (by ``platform:number``)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class OrderStore(Store):
    """The seller's orders, found by order number, buyer, e-mail or tracking number."""

    schema = SCHEMA

    def __init__(self, path: Path, **options: Any) -> None:
        """``options``: as for ``Store`` (the lock's timeout, the clock)."""
        super().__init__(path, **options)
        self._orders = self.table(ORDERS)
        self._mappings = self.table(MAPPINGS)

    # --- reading ---------------------------------------------------------------------------

    def _docs(self) -> Mapping[str, Mapping[str, Any]]:
        return self.storage.read().get(ORDERS, {})

    def orders(self) -> list[Order]:
        """Every order, newest first (orders without a date last)."""
        found = [from_doc(doc) for doc in self._docs().values()]
        oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
        found.sort(key=lambda o: (_aware(o.ordered_at) or oldest, o.key), reverse=True)
        return found

    def search(self, text: str = "", limit: int | None = None) -> list[Order]:
        """Orders whose number, buyer, e-mail or tracking number contains ``text``."""
        found = self.orders()
        if text.strip():
            found = [o for o in found if o.matches(text)]
        return found[:limit]

    def find(self, order_id: str, platform: str = "") -> list[Order]:
        """The orders numbered ``order_id`` (on ``platform`` if given): usually one."""
        wanted = order_id.strip().casefold()
        return [
            from_doc(doc)
            for doc in self._docs().values()
            if str(doc.get("order_id", "")).casefold() == wanted
            and (not platform or doc.get("platform") == platform)
        ]

    def __len__(self) -> int:
        return len(self._docs())

    def mappings(self) -> list[ColumnMapping]:
        """The column mappings the seller gave, newest first."""
        raw = self.storage.read().get(MAPPINGS, {})
        ordered = sorted(raw.items(), key=lambda kv: int(kv[0]), reverse=True)
        return [mapping_from(doc, "mapping") for _, doc in ordered]

    # --- changing ----------------------------------------------------------------------------

    def save_orders(self, orders: Iterable[Order]) -> ImportCounts:
        """Add new orders and update changed ones, all in one write; the same order twice
        (in this file or an earlier one) changes nothing."""
        counts = ImportCounts()
        now = self.clock().replace(microsecond=0).isoformat()
        with self.transaction():
            known = {
                f"{doc.get('platform')}:{doc.get('order_id')}": (int(doc_id), doc)
                for doc_id, doc in self._docs().items()
            }
            fresh: dict[str, dict[str, Any]] = {}
            replaced: dict[str, tuple[int, dict[str, Any]]] = {}
            for order in orders:
                doc = to_doc(order)
                if order.key in known:
                    doc_id, old = known[order.key]
                    if _same(old, doc):
                        if order.key not in replaced:
                            counts.unchanged.append(order.key)
                        continue
                    doc.update(imported=old.get("imported", now), changed=now)
                    if order.key not in replaced:
                        counts.updated.append(order.key)
                    replaced[order.key] = (doc_id, doc)
                else:
                    if order.key not in fresh:
                        counts.added.append(order.key)
                    fresh[order.key] = {**doc, "imported": now, "changed": now}
            if replaced:
                # Replace whole documents: a field the new export no longer has goes too.
                self._orders.remove(doc_ids=[doc_id for doc_id, _ in replaced.values()])
            self._orders.insert_multiple(
                [Document(doc, doc_id=doc_id) for doc_id, doc in replaced.values()]
                + list(fresh.values())
            )
        return counts

    def remember_mapping(self, mapping: ColumnMapping) -> None:
        """Keep ``mapping`` so that the next file with these columns imports without it."""
        doc = mapping.to_json()
        with self.transaction():
            raw = self.storage.read().get(MAPPINGS, {})
            same = [int(i) for i, d in raw.items() if d.get("columns") == doc["columns"]]
            if same:
                self._mappings.remove(doc_ids=same)
            self._mappings.insert(doc)


def _same(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    def compared(doc: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in doc.items() if k not in _NOT_COMPARED}

    return compared(old) == compared(new)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """Times compared across exports: one without an offset is taken as UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
