"""Crash-safe, multi-process storage for TinyDB: the one place every store writes through.

TinyDB's own JSON storage rewrites its file in place, so a crash mid-write leaves half a file,
and two copies of the app overwrite each other's changes. Here instead:

- a write goes to a temporary file in the same folder, is flushed and fsynced, then atomically
  replaces the old file (``os.replace``), and the folder is fsynced where the OS allows;
- every change is a read-modify-write inside ``transaction()``, under a cross-process lock
  (``<file>.lock``), with the file re-read under the lock: no copy loses another's update;
- a damaged, empty, foreign, unreadable or oversized file (or one that is not a regular file: a
  pipe, a device) is moved aside under a timestamped name (never overwritten, never deleted) and
  reported as a ``StoreProblem`` naming the file; when only some documents are bad (one that
  does not fit the store's schema, a number that is not a plain number), the file is moved
  aside whole and the good documents are kept and saved;
- a store file that is a symbolic link is written through to the link's target, with the
  target's permissions; a new store file is readable by its owner only (POSIX);
- each file records which store it belongs to and its schema version, and older versions are
  migrated (the old file is kept beside it before the first write in the new format).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from composer.safe_file import (
    PRIVATE_FILE,
    Fragments,
    Tables,
    UnusableFileError,
    fragments_in,
    fsync_folder,
    open_regular,
    private_fragments,
    serialize,
    temp_files,
    write_atomically,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

META_TABLE = "_meta"
_META_ID = "1"
_REVISION = re.compile(rb'"revision":"([0-9a-f]+)"')
_DOC_ID = re.compile(r"[1-9][0-9]{0,17}")  # what TinyDB writes; not "01", " 1" or "²"
_BOM = b"\xef\xbb\xbf"
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


class _BadFileError(Exception):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind  # goes into the moved-aside name: damaged, empty, foreign, unreadable
        self.reason = reason


class _NewerFileError(Exception):
    pass


def _signature(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc)


def nests_within(value: Any, depth: int) -> bool:
    """True when lists and objects in ``value`` nest at most ``depth`` deep."""
    if isinstance(value, dict):
        return depth > 0 and all(nests_within(v, depth - 1) for v in value.values())
    if isinstance(value, list):
        return depth > 0 and all(nests_within(v, depth - 1) for v in value)
    return True


def _any_document(doc: Any) -> str | None:
    return None if nests_within(doc, MAX_DEPTH) else f"it nests deeper than {MAX_DEPTH} levels"


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def local_now() -> dt.datetime:
    """The current local time, with its offset (what every store stamps by default)."""
    return dt.datetime.now().astimezone()


class SafeJSONStorage(Storage):
    """A TinyDB storage with atomic writes, a cross-process lock and bad-file recovery.

    Reads are served from memory while the file is unchanged (compared by inode, size and
    modification time); changes happen in ``transaction()``, which checks under the lock
    whether another process wrote since (each write leaves a new random revision mark in the
    file's first line, so coarse timestamps on a shared drive cannot hide a change) and reads
    the file again if so.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        schema: Schema,
        lock_timeout: float = 10.0,
        clock: Callable[[], dt.datetime] = local_now,
    ) -> None:
        self.path = Path(path)
        self.schema = schema
        self.lock_timeout = lock_timeout
        self.clock = clock
        self.problems: list[StoreProblem] = []
        self.read_only_reason: str | None = None
        self.generation = 0  # goes up whenever the data changes, so callers can re-index
        self.reloads = 0  # goes up whenever the data is taken from the disk again
        self._data: Tables = {}
        self._revision: bytes | None = None  # the mark of the file ``_data`` came from
        self._signature: tuple[int, int, int, int] | None = None
        self._loaded = False
        self._backup: tuple[int, bytes] | None = None  # an older version's file, kept on write
        self._fragments: Fragments = {}  # each document's bytes in the file, to re-use
        self._private = True  # the fragments hold copies nobody else can change
        self._lock: BaseFileLock | None = None
        self._depth = 0
        self._dirty = False
        self._reload()
        self._remove_stale_temps()

    # --- TinyDB's interface --------------------------------------------------------------

    def read(self) -> Tables:
        if not self._depth:
            self.refresh()
        return self._data

    def write(self, data: Tables) -> None:
        """Keep ``data``; it reaches the disk when the outermost transaction ends.

        Outside a transaction (a TinyDB operation not run through ``SafeTable``) the data was
        computed from an earlier read: it is written only if the file is still the one that
        read came from, otherwise StoreError is raised and nothing is written.
        """
        if self._depth:
            self._data = data
            self._dirty = True
            return
        revision, signature = self._revision, self._signature
        with self.transaction():
            if (self._revision, self._signature) != (revision, signature):
                raise StoreError(
                    f"{self.path} was changed by another copy of Reply Composer while this "
                    "change was being made; nothing was saved. Try again."
                )
            self._data = data
            self._dirty = True

    def close(self) -> None:
        self._lock = None

    # --- transactions --------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Read-modify-write under the cross-process lock, written once, atomically, at the end.

        The file is re-read under the lock first, so a change another copy of the app made a
        moment ago is kept. If the block raises, nothing is written and the in-memory data is
        dropped (the next read takes it from the disk again). Raises StoreError when the file
        cannot be written.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        if self.read_only_reason:
            raise StoreError(self.read_only_reason)
        lock = self._acquire()
        try:
            self._depth = 1
            self._dirty = False
            if not self._unchanged():
                self._reload()
            if self.read_only_reason:  # the re-read found a file it must not overwrite
                raise StoreError(self.read_only_reason)
            if not self._private:  # before anything can change a document in place
                self._fragments = private_fragments(self._fragments)
                self._private = True
            try:
                yield
                if self._dirty:
                    self._flush()
            except BaseException:
                self._forget()
                raise
        finally:
            self._depth = 0
            self._dirty = False
            lock.release()

    def refresh(self) -> bool:
        """Take in what another process wrote since the last read; True if the data changed."""
        try:
            signature = _signature(self.path.stat())
        except OSError:
            signature = None
        if self._loaded and signature == self._signature:
            return False
        return self._reload()

    def _unchanged(self) -> bool:
        """True when the file is still the one read or written last (checked under the lock)."""
        if not self._loaded or self._revision is None:
            return False
        try:
            fd = open_regular(self.path)
            if fd is None:
                return False
            with os.fdopen(fd, "rb") as handle:
                if _signature(os.fstat(handle.fileno())) != self._signature:
                    return False
                found = _REVISION.search(handle.readline(512))
        except (OSError, UnusableFileError):
            return False
        return found is not None and found.group(1) == self._revision

    # --- reading ---------------------------------------------------------------------------

    def _read_raw(self) -> tuple[bytes | None, tuple[int, int, int, int] | None]:
        """The file's bytes and signature; (None, None) when there is none.

        Raises _BadFileError (not a regular file, too large) or OSError.
        """
        try:
            fd = open_regular(self.path)
        except UnusableFileError as exc:
            raise _BadFileError("damaged", str(exc)) from None
        if fd is None:
            return None, None
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            raw = b"" if status.st_size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
            size = max(status.st_size, len(raw))
        if size > MAX_FILE_BYTES:
            raise _BadFileError(
                "too-large",
                f"is too large to be a Reply Composer file ({_megabytes(size)}; at most "
                f"{_megabytes(MAX_FILE_BYTES)})",
            )
        return raw, _signature(status)

    def _reload(self) -> bool:
        try:
            raw, signature = self._read_raw()
        except _BadFileError as bad:
            return self._quarantine(bad)
        except OSError as exc:
            return self._quarantine(
                _BadFileError("unreadable", f"cannot be read: {_describe(exc)}")
            )
        if raw is None:
            data: Tables = {}
        else:
            try:
                data, repairs = self._parse(raw)
            except _BadFileError as bad:
                return self._quarantine(bad)
            except _NewerFileError as newer:
                self._refuse(str(newer), None, signature)
                return True
            if repairs:
                return self._quarantine(_BadFileError("damaged", repairs), salvaged=data)
        self._data, self._signature = data, signature
        self._fragments = fragments_in(raw.removeprefix(_BOM), data) if raw is not None else {}
        self._private = not self._fragments
        found = _REVISION.search(raw[:512].split(b"\n", 1)[0]) if raw is not None else None
        self._revision = found.group(1) if found else None
        self._loaded = True
        self.generation += 1
        self.reloads += 1
        return True

    def _parse(self, raw: bytes) -> tuple[Tables, str]:
        """The file's tables, and what was wrong with some of its documents ("" if nothing).

        Raises _BadFileError when the file as a whole cannot be used.
        """
        title = self.schema.title
        raw = raw.removeprefix(_BOM)  # Notepad adds one; the import accepts it too
        if not raw.strip():
            raise _BadFileError("empty", "is empty")
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise _BadFileError("damaged", "is damaged (it is not UTF-8 text)") from None
        except RecursionError:
            raise _BadFileError("damaged", "is damaged (it nests too deeply)") from None
        except ValueError as exc:
            raise _BadFileError("damaged", f"is damaged (not valid JSON: {exc})") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise _BadFileError("foreign", f"is not a Reply Composer {title} file")
        meta = data.get(META_TABLE, {}).get(_META_ID)
        if meta is None:
            others = set(data) - self.schema.tables
            if others:
                raise _BadFileError(
                    "foreign", f"is not a Reply Composer {title} file (it has {sorted(others)})"
                )
            version = 0
        else:
            if not isinstance(meta, dict) or meta.get("store") != self.schema.name:
                store = meta.get("store") if isinstance(meta, dict) else meta
                raise _BadFileError(
                    "foreign", f"belongs to something else ({store!r}), not the {title}"
                )
            found = meta.get("version")
            if not isinstance(found, int) or isinstance(found, bool) or found < 0:
                raise _BadFileError("damaged", f"is damaged (its version is {found!r})")
            version = found
        if version > self.schema.version:
            raise _NewerFileError(
                f"{self.path} was written by a newer Reply Composer (format {version}; this one "
                f"reads up to {self.schema.version}). It is left as it is and nothing will be "
                f"saved to it: update Reply Composer to use your {title}."
            )
        data.pop(META_TABLE, None)
        older = version < self.schema.version
        tables, repairs = self._checked(data, current=not older)
        self._backup = (version, raw) if older and not repairs else None
        if older:
            try:
                for step in range(version, self.schema.version):
                    migrate = self.schema.migrations.get(step)
                    if migrate is not None:
                        tables = migrate(tables)
            except Exception as exc:  # a hand-edited old file the migration did not expect
                raise _BadFileError(
                    "damaged", f"is damaged (it cannot be brought up to date: {exc!r})"
                ) from None
            tables, more = self._checked(tables, current=True)
            repairs = repairs or more
        return tables, repairs

    def _checked(self, data: Tables, current: bool) -> tuple[Tables, str]:
        """The documents that fit the schema, renumbered where their number is not plain.

        Also says what was wrong with the others ("" if nothing), in a phrase for a message.
        Documents of an older version (``current`` false) are only checked for their depth.
        """
        tables: Tables = {}
        bad: list[str] = []
        renumbered: list[str] = []
        for name, table in data.items():
            check = self.schema.documents.get(name, _any_document) if current else _any_document
            good: dict[str, Any] = {}
            odd: list[Any] = []
            for doc_id, doc in table.items():
                reason = "it is not an object" if not isinstance(doc, dict) else check(doc)
                if reason is not None:
                    bad.append(f"{name} entry {doc_id!r}: {reason}")
                elif _DOC_ID.fullmatch(doc_id):
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
            parts.append(f"had {_entries(len(bad))} that cannot be used ({shown})")
        if renumbered:
            parts.append(
                f"had {_entries(len(renumbered))} whose number is not a plain number "
                f"({', '.join(renumbered[:3])}{', ...' if len(renumbered) > 3 else ''}; "
                "given new numbers)"
            )
        return tables, " and ".join(parts)

    # --- bad files ---------------------------------------------------------------------------

    def _quarantine(self, bad: _BadFileError, salvaged: Tables | None = None) -> bool:
        """Move a bad file aside (under the lock) and carry on with ``salvaged`` (the good
        documents in it) or else the last good data."""
        previous = salvaged if salvaged is not None else self._data if self._loaded else None
        try:
            with self._held():
                moved = self._move_aside(bad.kind)
        except (OSError, StoreError) as exc:
            detail = _describe(exc) if isinstance(exc, OSError) else str(exc)
            try:
                signature = _signature(self.path.stat())
            except OSError:
                signature = None
            self._refuse(
                f"{self.path} {bad.reason}, and it could not be moved aside ({detail}). It is "
                f"left as it is, and nothing will be saved to it until it is fixed or removed.",
                previous,
                signature,
            )
            return True
        if moved is None:  # another process replaced it meanwhile: read that instead
            return self._reload()
        if salvaged is not None:
            count = sum(len(table) for table in salvaged.values())
            then = f"Reply Composer kept the {_entries(count)} it could use"
        elif previous:
            then = "the copy this window had was saved in its place"
        else:
            then = f"Reply Composer started with an empty {self.schema.title}"
        message = (
            f"{self.path} {bad.reason}. It was moved aside as {moved.name} "
            "(nothing in it was deleted); "
        )
        self.problems.append(StoreProblem(self.path, message + then + ".", moved))
        self._data, self._revision, self._signature = previous or {}, None, None
        self._fragments, self._private, self._backup = {}, True, None
        self._loaded = True
        self.generation += 1
        self.reloads += 1
        if previous:
            with contextlib.suppress(StoreError), self._held():
                self._flush()
        return True

    def _move_aside(self, kind: str) -> Path | None:
        """Rename the file to ``<stem>.<kind>-<time><suffix>``; None if it is no longer bad."""
        try:
            raw, _ = self._read_raw()
            if raw is None:
                return None
        except (OSError, _BadFileError):
            raw = None
        if raw is not None:
            try:
                if not self._parse(raw)[1]:
                    return None  # a good file by now: someone replaced the bad one
            except _BadFileError:
                pass
            except _NewerFileError:
                return None
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.{kind}-{stamp}{self.path.suffix}")
        number = 1
        while target.exists():
            number += 1
            name = f"{self.path.stem}.{kind}-{stamp}-{number}{self.path.suffix}"
            target = self.path.with_name(name)
        self.path.rename(target)  # never over an existing file: the name is new
        fsync_folder(self.path.parent)
        return target

    def _refuse(
        self,
        message: str,
        data: Tables | None,
        signature: tuple[int, int, int, int] | None,
    ) -> None:
        """Leave the file alone from now on: report why, and keep ``data`` (or nothing)."""
        self.read_only_reason = message
        self.problems.append(StoreProblem(self.path, message))
        self._data, self._revision, self._signature = data or {}, None, signature
        self._loaded = True
        self.generation += 1
        self.reloads += 1

    def _forget(self) -> None:
        """Drop the in-memory data after a failed change: the disk has the truth."""
        self._loaded = False
        self._revision = None
        self._signature = None
        self._fragments, self._private = {}, True
        self.generation += 1
        self.reloads += 1

    # --- writing -----------------------------------------------------------------------------

    def _flush(self) -> None:
        revision = secrets.token_hex(8)
        mark = {"store": self.schema.name, "version": self.schema.version, "revision": revision}
        self._data.pop(META_TABLE, None)
        try:
            pieces = serialize((META_TABLE, {_META_ID: mark}), self._data, self._fragments)
        except BaseException:
            self._fragments = {}  # it may hold entries for documents that were not written
            raise
        size = sum(map(len, pieces))
        if size > MAX_FILE_BYTES:
            raise StoreError(
                f"Cannot save the {self.schema.title}: {self.path} would grow to "
                f"{_megabytes(size)}, past the limit of {_megabytes(MAX_FILE_BYTES)}. "
                "Nothing was saved; remove what you no longer need."
            )
        try:
            if self._backup is not None:
                self._keep_old_version(*self._backup)
            write_atomically(self.target(), pieces, new_mode=PRIVATE_FILE)
            signature = _signature(self.path.stat())
        except OSError as exc:
            raise StoreError(self._cannot_write(exc)) from exc
        self._revision, self._signature, self._dirty = revision.encode(), signature, False
        self.generation += 1

    def _keep_old_version(self, version: int, raw: bytes) -> None:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}.v{version}-{stamp}{self.path.suffix}"
        write_atomically(self.path.with_name(name), [raw], new_mode=PRIVATE_FILE)
        self._backup = None

    def target(self) -> Path:
        """The file written: the store's path, or where it leads if it is a symbolic link."""
        return Path(os.path.realpath(self.path))

    def _cannot_write(self, exc: OSError) -> str:
        folder = self.path.parent
        title = self.schema.title
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (
                f"Cannot save the {title}: the folder {folder} is read-only "
                f"({_describe(exc)}). Choose a data folder you can write to."
            )
        if exc.errno == errno.ENOSPC:
            return f"Cannot save the {title} to {self.path}: the disk is full."
        return f"Cannot save the {title} to {self.path}: {_describe(exc)}."

    # --- the lock ----------------------------------------------------------------------------

    def lock_path(self) -> Path:
        """The lock file, beside the file written (so links to one file share one lock)."""
        target = self.target()
        return target.with_name(f"{target.name}.lock")

    def _acquire(self) -> BaseFileLock:
        from filelock import FileLock, Timeout  # imported on the first change, not at start

        lock_path = self.lock_path()
        if self._lock is None or self._lock.lock_file != str(lock_path):
            self._lock = FileLock(lock_path, timeout=self.lock_timeout)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout:
            raise StoreError(
                f"Cannot save the {self.schema.title} now: another copy of Reply Composer has "
                f"held its lock ({lock_path}) for {self.lock_timeout:g} s. Try again in a "
                "moment, or close the other copy."
            ) from None
        except OSError as exc:
            raise StoreError(
                f"Cannot save the {self.schema.title}: its lock file {lock_path} cannot be "
                f"created ({_describe(exc)}). Choose a data folder you can write to."
            ) from exc
        return self._lock

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """The lock, unless this process already holds it (inside a transaction)."""
        if self._depth:
            yield
            return
        lock = self._acquire()
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            lock.release()

    def _remove_stale_temps(self) -> None:
        """Temporary files of writers that were killed mid-write (only with the lock free)."""
        stale = temp_files(self.target())
        if not stale:
            return
        from filelock import FileLock, Timeout

        try:
            with FileLock(self.lock_path(), timeout=0):
                for temp in stale:
                    with contextlib.suppress(OSError):
                        temp.unlink()
        except (Timeout, OSError):
            pass  # a writer is busy right now; the next start tidies up
