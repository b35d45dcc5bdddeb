"""Writing a store's file so that a crash never leaves half of it, and writing it fast.

``write_atomically`` writes a temporary file in the same folder, flushes and fsyncs it, then
renames it over the old one and fsyncs the folder: a reader (or the app after a power cut)
finds the old file or the new one, never a mix.

``serialize`` lays TinyDB's data out one document per line (still plain JSON that TinyDB and a
text editor read) and re-uses the bytes of every document that did not change, so saving one
snippet into a library of 10,000 does not encode the other 9,999 again. "Did not change" is
decided by comparing each document with a private copy of it as it was last read or written
(TinyDB's ``update`` edits documents in place, so an object's identity proves nothing).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Tables = dict[str, dict[str, Any]]
"""TinyDB's data: table name -> document id (as text) -> document."""

Fragments = dict[str, dict[str, tuple[Any, bytes]]]
"""Table -> document id -> (a private copy of the document, its line in the file)."""

PRIVATE_FILE = 0o600
"""The mode of a new store file on POSIX: the history holds buyers' names and addresses."""

_REPLACE_TRIES = 50  # Windows refuses to replace a file another process is reading: retry


def create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty temporary file for ``name`` in ``folder``, readable by its owner only."""
    path = folder / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, PRIVATE_FILE), path


class UnusableFileError(Exception):
    """A path that is a pipe, a device or a folder: reading it would block or never end."""


def open_regular(path: Path) -> int | None:
    """A descriptor of ``path`` opened for reading, or None when there is no such file.

    Raises UnusableFileError (its message completes "<path> ...") for anything but a regular
    file, without blocking on a pipe, and OSError when it cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe, a device or another special file"
        raise UnusableFileError(f"is not a regular file (it is {kind})")
    return fd


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file ``path`` (None if there is none), at most ``limit``.

    Raises UnusableFileError as ``open_regular`` does, and when the file is larger than ``limit``.
    """
    fd = open_regular(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        raw = b"" if size > limit else handle.read(limit + 1)
    size = max(size, len(raw))
    if size > limit:
        raise UnusableFileError(
            f"is too large ({size / 1024 / 1024:.0f} MB; at most {limit / 1024 / 1024:.0f} MB)"
        )
    return raw


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def temp_files(path: Path) -> list[Path]:
    """Temporary files left next to ``path`` by writers that were killed mid-write."""
    return list(path.parent.glob(f".{path.name}.*.tmp"))


def _replace(source: Path, target: Path) -> None:
    for attempt in range(_REPLACE_TRIES):
        try:
            source.replace(target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(0.02)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a folder for this; NTFS journals it."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse; the rename has still happened
    finally:
        os.close(fd)


def write_atomically(path: Path, pieces: Iterable[bytes], new_mode: int | None = None) -> None:
    """Replace ``path`` with ``pieces``: a reader sees the old file or the new, never half.

    The new file keeps the old one's permissions (a seller's ``chmod 600`` survives a save);
    a file that did not exist gets ``new_mode`` (or the umask's default when None).
    """
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = new_mode
    if mode is None:  # what a plain open() would have made: 0o666 less the umask
        mode = 0o666 & ~_umask()
    fd, temp = create_temp(path.parent, path.name)
    try:
        if os.name != "nt":  # Windows has no such modes: the file inherits the folder's ACL
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.writelines(pieces)
            out.flush()
            os.fsync(out.fileno())
        _replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(path.parent)


def dumps(value: Any) -> bytes:
    """Compact JSON as UTF-8, Chinese left readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def serialize(first: tuple[str, Any], tables: Tables, cache: Fragments) -> list[bytes]:
    """The file, in pieces: ``first`` (the store's mark) then each table, a document a line.

    A document equal to the private copy ``cache`` holds of it has not changed and keeps its
    bytes; ``cache`` is brought up to date. (JSON equality as Python sees it: a number that
    turns from 1 into 1.0 or true counts as unchanged; the stores never do that.)
    """
    out = [b"{", dumps(first[0]), b":", dumps(first[1])]
    for name, table in tables.items():
        known = cache.setdefault(name, {})
        if len(known) > 2 * len(table) + 100:  # many documents were removed: forget them
            known = cache[name] = {i: known[i] for i in table if i in known}
        lines = [
            hit[1] if (hit := known.get(i)) is not None and hit[0] == doc else _line(known, i, doc)
            for i, doc in table.items()
        ]
        out += (
            [b",\n", dumps(name), b":{\n", b",\n".join(lines), b"\n}"]
            if lines
            else [
                b",\n",
                dumps(name),
                b":{}",
            ]
        )
    out.append(b"}\n")
    return out


def _line(known: dict[str, tuple[Any, bytes]], doc_id: str, doc: Any) -> bytes:
    line = dumps(doc_id) + b":" + dumps(doc)
    known[doc_id] = (private_copy(doc), line)
    return line


def private_copy(value: Any) -> Any:
    """A copy of a JSON value that shares no list or object with it (much faster than deepcopy)."""
    if isinstance(value, dict):
        return {k: private_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [private_copy(v) for v in value]
    return value


def private_fragments(fragments: Fragments) -> Fragments:
    """``fragments`` with each document replaced by a private copy, to compare against later."""
    return {
        name: {i: (private_copy(doc), line) for i, (doc, line) in table.items()}
        for name, table in fragments.items()
    }


def fragments_in(raw: bytes, tables: Tables) -> Fragments:
    """The line of each document in a file ``serialize`` wrote, with its parsed object.

    The objects are the ones in ``tables``: make them private (``private_fragments``) before
    anything may change them.

    Anything else (a file laid out by hand or by another program) gives an empty cache, and
    the next write encodes every document afresh.
    """
    found: Fragments = {name: {} for name in tables}
    name: str | None = None
    for line in raw.split(b"\n")[1:]:
        if line.startswith(b'"') and line.endswith(b":{"):
            try:
                name = json.loads(line[:-2])
            except ValueError:
                return {}
            if not isinstance(name, str) or name not in tables:
                return {}
            continue
        if name is None:
            continue
        entry = line.removesuffix(b",")
        end = entry.find(b'":{', 1)
        if entry.startswith(b'"') and entry.endswith(b"}") and end > 1:
            doc_id = entry[1:end].decode("ascii", "replace")
            doc = tables[name].get(doc_id)
            if doc is None or not doc_id.isdigit():
                return {}
            found[name][doc_id] = (doc, entry)
        elif entry in (b"}", b"}}"):
            name = None
        else:
            return {}
    if any(len(found[name]) != len(table) for name, table in tables.items()):
        return {}
    return found
