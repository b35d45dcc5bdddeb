"""The base of every store: a TinyDB database in one file, changed only under the lock.

TinyDB's tables are used as they are, with three changes that make them safe for several
copies of the app on one file (``SafeTable``): every change runs inside the storage's
transaction (locked, re-read first, written once); new document numbers come from the file as
it is now, not from a count this process kept; and a changed document is a new object, which
lets the storage keep the bytes of every unchanged one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, ClassVar

from tinydb import TinyDB
from tinydb.table import Table

from composer.storage import SafeJSONStorage, Schema, StoreProblem, local_now


def _copy(value: Any) -> Any:
    """A deep copy of a JSON value (much faster than copy.deepcopy)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class _Documents(MutableMapping[int, Any]):
    """A table's documents by number, the way TinyDB's operations change them.

    A document taken out to be changed is first replaced by a copy, and one put in is
    copied: the objects the storage saw written are never edited behind its back.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        doc = _copy(self.raw[key])
        self.raw[key] = doc
        return doc

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.raw[str(doc_id)] = _copy(doc)

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()


class SafeTable(Table):
    """A TinyDB table whose every change is one locked, re-read, atomic transaction."""

    _id_generation = -1

    def _storage_transaction(self) -> contextlib.AbstractContextManager[None]:
        storage = self._storage
        if isinstance(storage, SafeJSONStorage):
            return storage.transaction()
        return contextlib.nullcontext()

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        with self._storage_transaction():
            tables = self._storage.read() or {}
            raw = tables.setdefault(self.name, {})
            updater(_Documents(raw))  # type: ignore[arg-type]
            self._storage.write(tables)
        self.clear_cache()

    def _get_next_id(self) -> int:
        # TinyDB remembers the next number per process; another copy of the app may have used
        # it since. Count from the file as read under the lock (again whenever it is re-read).
        reloads = getattr(self._storage, "reloads", None)
        if self._next_id is None or reloads != self._id_generation:
            self._next_id = max(map(int, self._read_table()), default=0) + 1  # type: ignore[assignment]
            self._id_generation = reloads if isinstance(reloads, int) else -1
        next_id: int = self._next_id  # type: ignore[assignment]
        self._next_id = next_id + 1  # type: ignore[assignment]
        return next_id

    def insert(self, document: Any) -> int:
        with self._storage_transaction():
            return super().insert(document)

    def insert_multiple(self, documents: Any) -> list[int]:
        with self._storage_transaction():
            return super().insert_multiple(documents)

    def update(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._storage_transaction():
            return super().update(*args, **kwargs)

    def update_multiple(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._storage_transaction():
            return super().update_multiple(*args, **kwargs)

    def upsert(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._storage_transaction():
            return super().upsert(*args, **kwargs)

    def remove(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._storage_transaction():
            return super().remove(*args, **kwargs)

    def truncate(self) -> None:
        with self._storage_transaction():
            super().truncate()


class SafeTinyDB(TinyDB):
    """TinyDB over SafeJSONStorage with SafeTable tables."""

    table_class = SafeTable
    default_storage_class = SafeJSONStorage  # type: ignore[assignment]


class Store:
    """A TinyDB database in one file of the data folder, written through SafeJSONStorage."""

    schema: ClassVar[Schema]

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = 10.0,
        clock: Callable[[], dt.datetime] = local_now,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.db = SafeTinyDB(self.path, schema=self.schema, lock_timeout=lock_timeout, clock=clock)
        storage = self.db.storage
        assert isinstance(storage, SafeJSONStorage)
        self.storage = storage

    @property
    def problems(self) -> list[StoreProblem]:
        """What was wrong with the file when it was read (a bad file moved aside, ...)."""
        return self.storage.problems

    @property
    def read_only_reason(self) -> str | None:
        """Why nothing can be saved, or None when saving works."""
        return self.storage.read_only_reason

    def table(self, name: str) -> Table:
        # No query cache: another copy of the app may change the file between two searches.
        return self.db.table(name, cache_size=0)

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """Several changes as one: locked, re-read first, written once at the end."""
        return self.storage.transaction()

    def close(self) -> None:
        self.db.close()
