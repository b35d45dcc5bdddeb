"""The base of every store: a TinyDB database in one file, changed only under the lock.

TinyDB is used through its public API only: the storage (``SafeJSONStorage``, TinyDB's
extension point) makes every write atomic and locked, and ``SafeTable`` runs each of the
table's public changing methods as one transaction of that storage, so that a change made by
another copy of the app a moment ago is read before this one is made. New documents are
numbered from the file as read under the lock, handed to TinyDB as ``Document`` objects with
their number (TinyDB's own counter is kept per table object, and another copy of the app may
have used its next number since).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from composer.storage.file_format import Schema, StoreProblem, local_now
from composer.storage.json_storage import SafeJSONStorage


class SafeTable(Table):
    """A TinyDB table whose every change is one locked, re-read, atomic transaction."""

    def _transaction(self) -> contextlib.AbstractContextManager[None]:
        storage = self.storage
        if isinstance(storage, SafeJSONStorage):
            return storage.transaction()
        return contextlib.nullcontext()

    def insert(self, document: Mapping[Any, Any]) -> int:
        return self.insert_multiple([document])[0]

    def insert_multiple(self, documents: Iterable[Mapping[Any, Any]]) -> list[int]:
        with self._transaction():
            given = list(documents)
            taken = [int(i) for i in (self.storage.read() or {}).get(self.name, {})]
            taken += [d.doc_id for d in given if isinstance(d, Document)]
            number = max(taken, default=0)
            numbered: list[Mapping[Any, Any]] = []
            for document in given:
                if isinstance(document, Mapping) and not isinstance(document, Document):
                    number += 1
                    document = Document(document, doc_id=number)
                numbered.append(document)
            return super().insert_multiple(numbered)

    def update(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._transaction():
            return super().update(*args, **kwargs)

    def update_multiple(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._transaction():
            return super().update_multiple(*args, **kwargs)

    def upsert(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._transaction():
            return super().upsert(*args, **kwargs)

    def remove(self, *args: Any, **kwargs: Any) -> list[int]:
        with self._transaction():
            return super().remove(*args, **kwargs)

    def truncate(self) -> None:
        with self._transaction():
            super().truncate()


class SafeTinyDB(TinyDB):
    """TinyDB with SafeTable tables (pass ``storage=SafeJSONStorage``)."""

    table_class = SafeTable


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
        self.db = SafeTinyDB(
            self.path,
            storage=SafeJSONStorage,
            schema=self.schema,
            lock_timeout=lock_timeout,
            clock=clock,
        )
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
