"""What a store file holds and how it is read: the problems and errors a store reports, a store's
schema (its tables, document checks, version and migrations), and reading a file's bytes into
checked tables (``parse``), refusing a damaged, foreign or newer file."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from composer.storage.atomic_file import (
    Tables,
)

if TYPE_CHECKING:
    pass


META_TABLE = "_meta"
META_ID = "1"
REVISION = re.compile(rb'"revision":"([0-9a-f]+)"')
DOC_ID = re.compile(r"[1-9][0-9]{0,17}")  # what TinyDB writes; not "01", " 1" or "²"
BOM = b"\xef\xbb\xbf"
MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest store file read or written (10,000 snippets take about 6 MB)."""
MAX_DEPTH = 16
"""How deeply lists and objects may nest in a document of a table with no check of its own."""

DocumentCheck = Callable[[Any], "str | None"]
"""Why a document does not fit its table (a short phrase), or None when it does."""


@dataclass(frozen=True)
class StoreProblem:
    """Something wrong with a store's file that the seller should know about.

    ``message`` is a whole sentence that names the file.
    """

    path: Path
    message: str
    moved_to: Path | None = None

    def __str__(self) -> str:
        return self.message


class StoreError(Exception):
    """A change that could not be saved (read-only folder, full disk, file busy).

    The message says which file and why, in words a seller can act on.
    """


@dataclass(frozen=True)
class Schema:
    """What a store's file holds: its name (written in the file), version and tables.

    ``migrations[n]`` turns a version-``n`` file's tables into version ``n + 1``. A file with
    no version mark but only this store's tables counts as version 0.
    """

    name: str
    title: str  # how messages name it: "snippet library"
    version: int
    tables: frozenset[str]
    migrations: Mapping[int, Callable[[Tables], Tables]] = field(default_factory=dict)
    # Per table, what a document must be; a table without one takes any JSON object that
    # nests at most MAX_DEPTH deep.
    documents: Mapping[str, DocumentCheck] = field(default_factory=dict)


class BadFileError(Exception):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind  # goes into the moved-aside name: damaged, empty, foreign, unreadable
        self.reason = reason


class NewerFileError(Exception):
    pass


def file_signature(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def describe_os_error(exc: OSError) -> str:
    return exc.strerror or str(exc)


def nests_within(value: Any, depth: int) -> bool:
    """True when lists and objects in ``value`` nest at most ``depth`` deep."""
    if isinstance(value, dict):
        return depth > 0 and all(nests_within(v, depth - 1) for v in value.values())
    if isinstance(value, list):
        return depth > 0 and all(nests_within(v, depth - 1) for v in value)
    return True


def any_document(doc: Any) -> str | None:
    return None if nests_within(doc, MAX_DEPTH) else f"it nests deeper than {MAX_DEPTH} levels"


def entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def local_now() -> dt.datetime:
    """The current local time, with its offset (what every store stamps by default)."""
    return dt.datetime.now().astimezone()


def parse(raw: bytes, schema: Schema, path: Path) -> tuple[Tables, str, tuple[int, bytes] | None]:
    """The tables of the file ``path`` holding ``raw``, what was wrong with some of its documents
    ("" if nothing), and (format version, bytes) to keep before the first write when it is an
    older format's file that needed no repair.

    Raises BadFileError when the file as a whole cannot be used.
    """
    title = schema.title
    raw = raw.removeprefix(BOM)  # Notepad adds one; the import accepts it too
    if not raw.strip():
        raise BadFileError("empty", "is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadFileError("damaged", "is damaged (it is not UTF-8 text)") from None
    except RecursionError:
        raise BadFileError("damaged", "is damaged (it nests too deeply)") from None
    except ValueError as exc:
        raise BadFileError("damaged", f"is damaged (not valid JSON: {exc})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise BadFileError("foreign", f"is not a Reply Composer {title} file")
    meta = data.get(META_TABLE, {}).get(META_ID)
    if meta is None:
        others = set(data) - schema.tables
        if others:
            raise BadFileError(
                "foreign", f"is not a Reply Composer {title} file (it has {sorted(others)})"
            )
        version = 0
    else:
        if not isinstance(meta, dict) or meta.get("store") != schema.name:
            store = meta.get("store") if isinstance(meta, dict) else meta
            raise BadFileError("foreign", f"belongs to something else ({store!r}), not the {title}")
        found = meta.get("version")
        if not isinstance(found, int) or isinstance(found, bool) or found < 0:
            raise BadFileError("damaged", f"is damaged (its version is {found!r})")
        version = found
    if version > schema.version:
        raise NewerFileError(
            f"{path} was written by a newer Reply Composer (format {version}; this one "
            f"reads up to {schema.version}). It is left as it is and nothing will be "
            f"saved to it: update Reply Composer to use your {title}."
        )
    data.pop(META_TABLE, None)
    older = version < schema.version
    tables, repairs = checked(data, schema, current=not older)
    backup = (version, raw) if older and not repairs else None
    if older:
        try:
            for step in range(version, schema.version):
                migrate = schema.migrations.get(step)
                if migrate is not None:
                    tables = migrate(tables)
        except Exception as exc:  # a hand-edited old file the migration did not expect
            raise BadFileError(
                "damaged", f"is damaged (it cannot be brought up to date: {exc!r})"
            ) from None
        tables, more = checked(tables, schema, current=True)
        repairs = repairs or more
    return tables, repairs, backup


def checked(data: Tables, schema: Schema, current: bool) -> tuple[Tables, str]:
    """The documents that fit the schema, renumbered where their number is not plain.

    Also says what was wrong with the others ("" if nothing), in a phrase for a message.
    Documents of an older version (``current`` false) are only checked for their depth.
    """
    tables: Tables = {}
    bad: list[str] = []
    renumbered: list[str] = []
    for name, table in data.items():
        check = schema.documents.get(name, any_document) if current else any_document
        good: dict[str, Any] = {}
        odd: list[Any] = []
        for doc_id, doc in table.items():
            reason = "it is not an object" if not isinstance(doc, dict) else check(doc)
            if reason is not None:
                bad.append(f"{name} entry {doc_id!r}: {reason}")
            elif DOC_ID.fullmatch(doc_id):
                good[doc_id] = doc
            else:
                odd.append(doc)
                renumbered.append(f"{name} entry {doc_id!r}")
        if odd:  # "01" beside "1" would be one document to TinyDB: give each its own
            number = max(map(int, good), default=0)
            for doc in odd:
                number += 1
                good[str(number)] = doc
        tables[name] = good
    parts = []
    if bad:
        shown = "; ".join(bad[:3]) + (f"; and {len(bad) - 3} more" if len(bad) > 3 else "")
        parts.append(f"had {entries(len(bad))} that cannot be used ({shown})")
    if renumbered:
        parts.append(
            f"had {entries(len(renumbered))} whose number is not a plain number "
            f"({', '.join(renumbered[:3])}{', ...' if len(renumbered) > 3 else ''}; "
            "given new numbers)"
        )
    return tables, " and ".join(parts)


def cannot_write(exc: OSError, title: str, path: Path) -> str:
    """Why the store file ``path`` cannot be written, for the seller."""
    folder = path.parent
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"Cannot save the {title}: the folder {folder} is read-only "
            f"({describe_os_error(exc)}). Choose a data folder you can write to."
        )
    if exc.errno == errno.ENOSPC:
        return f"Cannot save the {title} to {path}: the disk is full."
    return f"Cannot save the {title} to {path}: {describe_os_error(exc)}."


def unused_name(path: Path, kind: str, stamp: str) -> Path:
    """Where a bad file goes aside: ``<stem>.<kind>-<stamp><suffix>``, numbered if taken."""
    target = path.with_name(f"{path.stem}.{kind}-{stamp}{path.suffix}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.stem}.{kind}-{stamp}-{number}{path.suffix}")
    return target
