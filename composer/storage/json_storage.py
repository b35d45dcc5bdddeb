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
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb.storages import Storage

from composer.storage import file_format  # MAX_FILE_BYTES: read at each use (tests lower it)
from composer.storage.atomic_file import (
    PRIVATE_FILE,
    Fragments,
    Tables,
    UnusableFileError,
    fragments_in,
    fsync_folder,
    open_regular,
    private_fragments,
    serialize,
    write_atomically,
)
from composer.storage.file_format import (
    BOM,
    META_ID,
    META_TABLE,
    REVISION,
    BadFileError,
    NewerFileError,
    Schema,
    StoreError,
    StoreProblem,
    cannot_write,
    describe_os_error,
    entries,
    file_signature,
    local_now,
    megabytes,
    parse,
    unused_name,
)
from composer.storage.file_lock import FileLocking

if TYPE_CHECKING:
    from filelock import BaseFileLock


class SafeJSONStorage(Storage, FileLocking):
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
            signature = file_signature(self.path.stat())
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
                if file_signature(os.fstat(handle.fileno())) != self._signature:
                    return False
                found = REVISION.search(handle.readline(512))
        except (OSError, UnusableFileError):
            return False
        return found is not None and found.group(1) == self._revision

    # --- reading ---------------------------------------------------------------------------

    def _read_raw(self) -> tuple[bytes | None, tuple[int, int, int, int] | None]:
        """The file's bytes and signature; (None, None) when there is none.

        Raises BadFileError (not a regular file, too large) or OSError.
        """
        try:
            fd = open_regular(self.path)
        except UnusableFileError as exc:
            raise BadFileError("damaged", str(exc)) from None
        if fd is None:
            return None, None
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            raw = (
                b""
                if status.st_size > file_format.MAX_FILE_BYTES
                else handle.read(file_format.MAX_FILE_BYTES + 1)
            )
            size = max(status.st_size, len(raw))
        if size > file_format.MAX_FILE_BYTES:
            raise BadFileError(
                "too-large",
                f"is too large to be a Reply Composer file ({megabytes(size)}; at most "
                f"{megabytes(file_format.MAX_FILE_BYTES)})",
            )
        return raw, file_signature(status)

    def _reload(self) -> bool:
        try:
            raw, signature = self._read_raw()
        except BadFileError as bad:
            return self._quarantine(bad)
        except OSError as exc:
            return self._quarantine(
                BadFileError("unreadable", f"cannot be read: {describe_os_error(exc)}")
            )
        if raw is None:
            data: Tables = {}
        else:
            try:
                data, repairs = self._parse(raw)
            except BadFileError as bad:
                return self._quarantine(bad)
            except NewerFileError as newer:
                self._refuse(str(newer), None, signature)
                return True
            if repairs:
                return self._quarantine(BadFileError("damaged", repairs), salvaged=data)
        self._data, self._signature = data, signature
        self._fragments = fragments_in(raw.removeprefix(BOM), data) if raw is not None else {}
        self._private = not self._fragments
        found = REVISION.search(raw[:512].split(b"\n", 1)[0]) if raw is not None else None
        self._revision = found.group(1) if found else None
        self._loaded = True
        self.generation += 1
        self.reloads += 1
        return True

    def _parse(self, raw: bytes) -> tuple[Tables, str]:
        """The file's tables, and what was wrong with some of its documents ("" if nothing);
        an older format's file is kept for the first write. Raises BadFileError."""
        tables, repairs, self._backup = parse(raw, self.schema, self.path)
        return tables, repairs

    # --- bad files ---------------------------------------------------------------------------

    def _quarantine(self, bad: BadFileError, salvaged: Tables | None = None) -> bool:
        """Move a bad file aside (under the lock) and carry on with ``salvaged`` (the good
        documents in it) or else the last good data."""
        previous = salvaged if salvaged is not None else self._data if self._loaded else None
        try:
            with self._held():
                moved = self._move_aside(bad.kind)
        except (OSError, StoreError) as exc:
            detail = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
            try:
                signature = file_signature(self.path.stat())
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
            then = f"Reply Composer kept the {entries(count)} it could use"
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
        except (OSError, BadFileError):
            raw = None
        if raw is not None:
            try:
                if not self._parse(raw)[1]:
                    return None  # a good file by now: someone replaced the bad one
            except BadFileError:
                pass
            except NewerFileError:
                return None
        target = unused_name(self.path, kind, self.clock().strftime("%Y%m%d-%H%M%S"))
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
            pieces = serialize((META_TABLE, {META_ID: mark}), self._data, self._fragments)
        except BaseException:
            self._fragments = {}  # it may hold entries for documents that were not written
            raise
        size = sum(map(len, pieces))
        if size > file_format.MAX_FILE_BYTES:
            raise StoreError(
                f"Cannot save the {self.schema.title}: {self.path} would grow to "
                f"{megabytes(size)}, past the limit of {megabytes(file_format.MAX_FILE_BYTES)}. "
                "Nothing was saved; remove what you no longer need."
            )
        try:
            if self._backup is not None:
                self._keep_old_version(*self._backup)
            write_atomically(self.target(), pieces, new_mode=PRIVATE_FILE)
            signature = file_signature(self.path.stat())
        except OSError as exc:
            raise StoreError(cannot_write(exc, self.schema.title, self.path)) from exc
        self._revision, self._signature, self._dirty = revision.encode(), signature, False
        self.generation += 1

    def _keep_old_version(self, version: int, raw: bytes) -> None:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}.v{version}-{stamp}{self.path.suffix}"
        write_atomically(self.path.with_name(name), [raw], new_mode=PRIVATE_FILE)
        self._backup = None
