"""Snippets: the seller's reusable texts (signature, apology lines, coupon offers, notices).

A snippet has a short unique key (``sig``), a title, a body per reply language, tags, when it
was made and last changed, and how often it was used. Templates print one with
``{{ snippet('sig') }}``; the app inserts one where the seller is typing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from composer.storage.database import Store
from composer.storage.file_format import Schema, StoreProblem
from composer.storage.snippet_search import SnippetIndex
from composer.storage.text_repair import mend, mended_note

TABLE = "snippets"
KEY_LENGTH = 40
KEY_PATTERN = re.compile(r"[\w.-]{1,40}")
MAX_TEXT = 10_000
"""The most characters in one language's text (a platform message is 2,000 at most)."""
MAX_TITLE = 200
MAX_TAGS = 20


class SnippetError(ValueError):
    """A snippet that cannot be saved as it is; the message says what to change."""


@dataclass
class Snippet:
    """A reusable text with a body per language (``bodies["zh"]``)."""

    key: str
    title: str
    bodies: dict[str, str]
    tags: list[str] = field(default_factory=list)
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    use_count: int = 0

    def body(self, language: str) -> str | None:
        """The text in ``language``, or None when it has none there."""
        return self.bodies.get(language) or None

    def copy(self) -> Snippet:
        """A copy to hand out: changing it changes nothing in the store."""
        twin = object.__new__(Snippet)  # dataclasses.replace is ~7x slower, and search copies
        twin.__dict__.update(self.__dict__)
        twin.bodies = dict(self.bodies)
        twin.tags = list(self.tags)
        return twin

    def same_text(self, other: Snippet) -> bool:
        """True when both say the same thing (times and use counts aside)."""
        return (self.key, self.title, self.bodies, self.tags) == (
            other.key,
            other.title,
            other.bodies,
            other.tags,
        )


def checked(snippet: Snippet, notes: list[str] | None = None) -> Snippet:
    """A tidied copy of ``snippet``; raises SnippetError when it cannot be saved.

    Broken characters (half an emoji) are replaced with U+FFFD; a sentence saying so is added
    to ``notes`` when it is given.
    """
    key = snippet.key.strip() if isinstance(snippet.key, str) else ""
    if not KEY_PATTERN.fullmatch(key):
        raise SnippetError(
            f"the key {snippet.key!r} must be 1 to 40 letters, digits, '-', '_' or '.', "
            "with no spaces, like sig or coupon-5"
        )
    if not isinstance(snippet.bodies, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in snippet.bodies.items()
    ):
        raise SnippetError(f"snippet {key!r}: bodies must be texts by language code")
    mended = 0

    def tidy(text: str) -> str:
        nonlocal mended
        text, found = mend(text.strip())
        mended += found
        return text

    bodies = {tidy(code): tidy(text) for code, text in snippet.bodies.items() if text.strip()}
    if not bodies:
        raise SnippetError(f"snippet {key!r} needs a text in at least one language")
    for code, text in bodies.items():
        if len(text) > MAX_TEXT:
            raise SnippetError(
                f"snippet {key!r}: the {code} text has {len(text):,} characters; "
                f"a snippet holds at most {MAX_TEXT:,} per language"
            )
    tags: list[str] = []
    for tag in snippet.tags:
        tag = tidy(str(tag))
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS or any(len(tag) > KEY_LENGTH for tag in tags):
        raise SnippetError(
            f"snippet {key!r}: at most {MAX_TAGS} tags of at most {KEY_LENGTH} characters each"
        )
    title = tidy(str(snippet.title or "")) or key
    if len(title) > MAX_TITLE:
        raise SnippetError(f"snippet {key!r}: the title has more than {MAX_TITLE} characters")
    if mended and notes is not None:
        notes.append(mended_note(f"snippet {key!r}", mended))
    return replace(
        snippet,
        key=key,
        title=title,
        bodies=bodies,
        tags=tags,
        created=_with_offset(snippet.created),
        updated=_with_offset(snippet.updated),
    )


def _with_offset(time: dt.datetime | None) -> dt.datetime | None:
    """``time`` with its offset; one without is taken as local time."""
    return time.astimezone() if time is not None and time.tzinfo is None else time


def _problem(doc: Any) -> str | None:
    """Why a stored document cannot be a snippet, or None (what the storage checks on read)."""
    key, bodies, tags = doc.get("key"), doc.get("bodies"), doc.get("tags")
    if not isinstance(key, str) or not isinstance(bodies, dict):
        return "a snippet needs a key and texts by language"
    if not all(
        isinstance(code, str) and isinstance(text, str) and len(text) <= MAX_TEXT
        for code, text in bodies.items()
    ):
        return f"its texts must be text of at most {MAX_TEXT:,} characters"
    if not isinstance(tags, str | list | None) or (
        isinstance(tags, list) and not all(isinstance(tag, str | int | float) for tag in tags)
    ):
        return "its tags must be texts"
    for name in ("title", "created", "updated"):
        if not isinstance(doc.get(name), str | None):
            return f"its {name} must be text"
    if not isinstance(doc.get("uses", 0), int):
        return "its use count must be a number"
    return None


SCHEMA = Schema(
    name="snippets",
    title="snippet library",
    version=1,
    tables=frozenset({TABLE}),
    documents={TABLE: _problem},
)


def _time(value: Any) -> dt.datetime | None:
    """A stored time, with its offset (one written without is taken as local time)."""
    if not isinstance(value, str):
        return None
    try:
        return _with_offset(dt.datetime.fromisoformat(value))
    except (ValueError, OverflowError):
        return None


def to_json(snippet: Snippet) -> dict[str, Any]:
    """The snippet as it is stored and exported."""
    return {
        "key": snippet.key,
        "title": snippet.title,
        "bodies": dict(snippet.bodies),
        "tags": list(snippet.tags),
        "created": snippet.created.isoformat(timespec="seconds") if snippet.created else None,
        "updated": snippet.updated.isoformat(timespec="seconds") if snippet.updated else None,
        "uses": snippet.use_count,
    }


def from_json(data: Any, notes: list[str] | None = None) -> Snippet:
    """A snippet from its stored or exported form; raises SnippetError when it is not one.

    ``notes``: as for ``checked``.
    """
    if not isinstance(data, dict) or not isinstance(data.get("key"), str):
        raise SnippetError("not a snippet (it needs at least a key and bodies)")
    uses = data.get("uses", data.get("use_count", 0))
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    title, bodies = data.get("title"), data.get("bodies")
    snippet = Snippet(
        key=data["key"],
        title=title if isinstance(title, str) else "",
        bodies=bodies if isinstance(bodies, dict) else {},
        tags=[str(t) for t in tags] if isinstance(tags, list) else [],
        created=_time(data.get("created")),
        updated=_time(data.get("updated")),
        use_count=uses if isinstance(uses, int) and not isinstance(uses, bool) and uses > 0 else 0,
    )
    return checked(snippet, notes)


class SnippetStore(Store):
    """The snippet library in ``snippets.json``: saved durably, searched from memory.

    Reads come from an index kept in memory and rebuilt when the file changes on disk (by
    another copy of the app, or a synced folder); each change is one locked, atomic write.
    """

    schema = SCHEMA

    def __init__(self, path: Path, **options: Any) -> None:
        """``options``: as for ``Store`` (the lock's timeout, the clock)."""
        super().__init__(path, **options)
        self._table = self.table(TABLE)
        self._generation = -1
        self._unreadable = 0
        self._ids: dict[str, int] = {}
        self._index = SnippetIndex()
        self._sync()

    # --- reading ---------------------------------------------------------------------------

    def _sync(self) -> None:
        """Rebuild the index if the file's data changed since it was built."""
        tables = self.storage.read()
        if self.storage.generation == self._generation:
            return
        ids: dict[str, int] = {}
        snippets: list[Snippet] = []
        unreadable = 0
        for doc_id, doc in tables.get(TABLE, {}).items():
            try:
                snippet = from_json(doc)
            except SnippetError:
                unreadable += 1
                continue
            ids[snippet.key] = int(doc_id)
            snippets.append(snippet)
        self._ids, self._index = ids, SnippetIndex(snippets)
        self._generation = self.storage.generation
        if unreadable and unreadable != self._unreadable:
            self.problems.append(
                StoreProblem(
                    self.path,
                    f"{self.path}: {unreadable} entries are not snippets this version can read; "
                    "they were left in the file as they are.",
                )
            )
        self._unreadable = unreadable

    def _synced(self) -> None:
        """After a change of ours: the index already has it."""
        self._generation = self.storage.generation

    def get(self, key: str) -> Snippet | None:
        """The snippet called ``key``, or None."""
        self._sync()
        snippet = self._index.get(key)
        return snippet.copy() if snippet else None

    def body(self, key: str, language: str) -> str | None:
        """The text of snippet ``key`` in ``language``: what ``{{ snippet(key) }}`` prints."""
        self._sync()
        snippet = self._index.get(key)
        return snippet.body(language) if snippet else None

    def all(self) -> list[Snippet]:
        """Every snippet, by title."""
        self._sync()
        return [s.copy() for s in self._index.snippets()]

    def __len__(self) -> int:
        self._sync()
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        self._sync()
        return key in self._index

    def search(self, text: str, limit: int | None = None) -> list[Snippet]:
        """Snippets matching ``text`` (fuzzy; Chinese too), best match then most used first."""
        self._sync()
        return [s.copy() for s in self._index.search(text, limit)]

    # --- changing ----------------------------------------------------------------------------

    def save(self, snippet: Snippet) -> None:
        """Add ``snippet`` or replace the one with its key; on disk when this returns."""
        self.save_many([snippet])

    def save_many(self, snippets: Iterable[Snippet], *, touch: bool = True) -> None:
        """Add or replace several snippets in one write (an import, a bulk edit).

        ``touch`` stamps them as changed now; without it they keep the times they carry
        (an import keeps the sender's), but never a time later than now: a snippet dated in
        the future would look newer than every later edit. A use count never goes down.
        """
        wanted = {s.key: s for s in (checked(s) for s in snippets)}
        if not wanted:
            return
        saved: dict[str, Snippet] = {}
        with self.transaction():
            self._sync()
            now = self.clock().replace(microsecond=0)
            replacements: dict[str, dict[str, Any]] = {}
            new: list[dict[str, Any]] = []
            for key, snippet in wanted.items():
                old = self._index.get(key)
                stored = replace(
                    snippet,
                    created=min((old.created if old else None) or snippet.created or now, now),
                    updated=now if touch or snippet.updated is None else min(snippet.updated, now),
                    use_count=max(snippet.use_count, old.use_count if old else 0),
                )
                if old is None:
                    new.append(to_json(stored))
                else:
                    replacements[key] = to_json(stored)
                saved[key] = stored
            if replacements:

                def replace_doc(doc: MutableMapping[str, Any]) -> None:
                    replacement = replacements[doc["key"]]
                    doc.clear()
                    doc.update(replacement)

                self._table.update(replace_doc, doc_ids=[self._ids[k] for k in replacements])
            if new:
                doc_ids = self._table.insert_multiple(new)
                self._ids.update((doc["key"], i) for doc, i in zip(new, doc_ids, strict=True))
        for stored in saved.values():
            self._index.put(stored)
        self._synced()

    def remove(self, key: str) -> None:
        """Delete the snippet called ``key`` (nothing happens if there is none)."""
        with self.transaction():
            self._sync()
            doc_id = self._ids.get(key)
            if doc_id is None:
                return
            self._table.remove(doc_ids=[doc_id])
        del self._ids[key]
        self._index.drop(key)
        self._synced()

    def record_use(self, key: str) -> None:
        """Count one more use of ``key`` (inserted or printed), so search ranks it higher."""
        with self.transaction():
            self._sync()
            snippet = self._index.get(key)
            if snippet is None:
                return
            used = replace(snippet, use_count=snippet.use_count + 1)
            self._table.update({"uses": used.use_count}, doc_ids=[self._ids[key]])
        self._index.put(used)
        self._synced()
