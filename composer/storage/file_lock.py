"""The lock a store file's writers take in turn (a file beside it, ``<name>.lock``), shared by
every copy of the app using the folder, and the tidying of temporary files killed writers left."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from composer.storage.atomic_file import temp_files
from composer.storage.file_format import Schema, StoreError, describe_os_error

if TYPE_CHECKING:
    from filelock import BaseFileLock


class FileLocking:
    """The lock of the store file ``path`` (a part of ``SafeJSONStorage``)."""

    path: Path
    schema: Schema
    lock_timeout: float
    _lock: BaseFileLock | None
    _depth: int  # how deep in transactions this process is: the lock is held when above 0

    def target(self) -> Path:
        """The file written: the store's path, or where it leads if it is a symbolic link."""
        return Path(os.path.realpath(self.path))

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
                f"created ({describe_os_error(exc)}). Choose a data folder you can write to."
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
