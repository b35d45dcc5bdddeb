"""Finding snippets as the seller types: fuzzy, for English and Chinese alike.

Text is compared normalised (NFKC, so full-width ｓｉｇ matches sig, then casefolded). Each word
of a query must match; a word scores, best first: the key itself, a key or title that starts
with it, the title, key or tags containing it, a body containing it, and last its letters in
order in the key or title (``rfd`` finds "refund"). Ties go to the snippet used most.

The index keeps each kind of text in its own list, ordered by use, and updates it one snippet
at a time, so a query is a few tight scans and a save never rebuilds it.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from composer.storage.snippets import Snippet

# What one word scores, best first.
KEY = 100
KEY_START = 80
TITLE_START = 70
TITLE = 60
KEY_PART = 50
TAG = 45
BODY = 30
IN_ORDER = 10
FUZZY_WHEN_FEWER = 200  # letters in order are looked for while a word has fewer matches

FEW = 500  # a later word of a query checks each of this many entries found so far directly

_SEPARATOR = "\x1f"  # between two snippets' texts in a joined column (never in a text)
_BODY = "body:"


def normalize(text: str) -> str:
    """What matching compares: full-width forms folded to plain ones, case ignored."""
    return unicodedata.normalize("NFKC", text).casefold().replace(_SEPARATOR, " ")


@dataclass(frozen=True, slots=True)
class Entry:
    """One snippet's text, normalised once."""

    snippet: Snippet
    key: str
    title: str
    tags: str
    bodies: dict[str, str]

    @classmethod
    def of(cls, snippet: Snippet) -> Entry:
        key, title = normalize(snippet.key), normalize(snippet.title)
        tags = "\n".join(normalize(t) for t in snippet.tags)
        bodies = {code: normalize(text) for code, text in snippet.bodies.items()}
        return cls(snippet, key, title, tags, bodies)

    @property
    def order(self) -> tuple[int, str, str]:
        """Most used first, then by title."""
        return (-self.snippet.use_count, self.title, self.key)


class _Columns:
    """The entries, most used first, one list per kind of text, kept sorted as they change.

    For searching, each list is also laid end to end as one string (rebuilt after a change),
    so that finding a word is a scan in C that jumps from match to match, not a Python loop
    over every snippet; the matches come in order of use, so a search can stop early.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: e.order)
        self.orders = [e.order for e in self.entries]
        self.texts: dict[str, list[str]] = {
            "key": [e.key for e in self.entries],
            "title": [e.title for e in self.entries],
            "tags": [e.tags for e in self.entries],
        }
        for index, entry in enumerate(self.entries):
            for code, text in entry.bodies.items():
                self._column(_BODY + code)[index] = text
        self._joined: dict[str, tuple[str, list[int]]] = {}

    def _column(self, name: str) -> list[str]:
        column = self.texts.get(name)
        if column is None:
            column = self.texts[name] = [""] * len(self.entries)
        return column

    def _texts_of(self, entry: Entry) -> dict[str, str]:
        return {
            "key": entry.key,
            "title": entry.title,
            "tags": entry.tags,
            **{_BODY + code: text for code, text in entry.bodies.items()},
        }

    def add(self, entry: Entry) -> None:
        at = bisect.bisect_left(self.orders, entry.order)
        self.entries.insert(at, entry)
        self.orders.insert(at, entry.order)
        texts = self._texts_of(entry)
        for name in texts:
            self._column(name)  # a new language: a column of empty texts first
        for name, column in self.texts.items():
            column.insert(at, texts.get(name, ""))
        self._joined.clear()

    def remove(self, entry: Entry) -> None:
        at = bisect.bisect_left(self.orders, entry.order)
        del self.entries[at], self.orders[at]
        for column in self.texts.values():
            del column[at]
        self._joined.clear()

    def joined(self, name: str) -> tuple[str, list[int]]:
        """Column ``name`` as one string, each text after a separator, and where each starts."""
        found = self._joined.get(name)
        if found is None:
            column = self.texts[name]
            starts = [0, *itertools.accumulate(len(text) + 1 for text in column)]
            found = self._joined[name] = (_SEPARATOR + _SEPARATOR.join(column), starts[:-1])
        return found

    def _hits(self, name: str, text: str) -> Iterator[int]:
        """The entries whose ``name`` text contains ``text``, most used first."""
        blob, starts = self.joined(name)
        find, last = blob.find, len(starts) - 1
        position = find(text)
        while position >= 0:
            index = bisect.bisect_right(starts, position) - 1
            yield index
            if index >= last:
                return
            position = find(text, starts[index + 1])

    def _passes(self, word: str) -> Iterator[tuple[int, Iterable[int]]]:
        """(points, matching entries) for each kind of match, best kind first."""
        keys = self.texts["key"]
        if word in keys:
            yield KEY, [keys.index(word)]
        yield KEY_START, self._hits("key", _SEPARATOR + word)
        yield TITLE_START, self._hits("title", _SEPARATOR + word)
        yield TITLE, self._hits("title", word)
        yield KEY_PART, self._hits("key", word)
        yield TAG, self._hits("tags", word)
        # A single Latin letter is in nearly every body: bodies count from two letters (or
        # one Chinese character) on.
        if len(word) > 1 or not word.isascii():
            for name in self.texts:
                if name.startswith(_BODY):
                    yield BODY, self._hits(name, word)

    def score(self, word: str, within: dict[int, int] | None, enough: int | None) -> dict[int, int]:
        """Index -> points for the entries ``word`` matches (only those ``within``, if given).

        With ``enough``, the search stops once that many entries are found: a weaker kind of
        match could only rank below them.
        """
        found: dict[int, int] = {}
        for points, matches in self._passes(word):
            for i in matches:
                if i not in found and (within is None or i in within):
                    found[i] = points
                    if enough is not None and len(found) >= enough:
                        return found
        # Letters in order (rfd: refund) only while the word itself is rare, where it helps.
        if len(word) > 1 and len(found) < (enough or FUZZY_WHEN_FEWER):
            self._in_order(word, within, found)
        return found

    def _in_order(self, word: str, within: dict[int, int] | None, found: dict[int, int]) -> None:
        """Add the entries whose key or title has the letters of ``word`` in order."""
        pattern = _in_order_pattern(word)
        for name in ("key", "title"):
            blob, starts = self.joined(name)
            for match in pattern.finditer(blob):
                i = bisect.bisect_right(starts, match.start()) - 1
                if i not in found and (within is None or i in within):
                    found[i] = IN_ORDER

    def score_few(self, word: str, within: dict[int, int]) -> dict[int, int]:
        """``score`` for a handful of entries (a later word of a query): each looked at."""
        found: dict[int, int] = {}
        pattern = _in_order_pattern(word) if len(word) > 1 else None
        for i in within:
            entry = self.entries[i]
            key, title = entry.key, entry.title
            if key == word:
                points = KEY
            elif key.startswith(word):
                points = KEY_START
            elif word in title:
                points = TITLE_START if title.startswith(word) else TITLE
            elif word in key:
                points = KEY_PART
            elif word in entry.tags:
                points = TAG
            elif (len(word) > 1 or not word.isascii()) and any(
                word in body for body in entry.bodies.values()
            ):
                points = BODY
            elif pattern is not None and (pattern.search(key) or pattern.search(title)):
                points = IN_ORDER
            else:
                continue
            found[i] = points
        return found


def _in_order_pattern(word: str) -> re.Pattern[str]:
    """Matches ``word``'s letters in order within one line (starting at its first letter)."""
    letters = [re.escape(c) for c in word]
    steps = "".join(f"[^{c}{_SEPARATOR}\\n]*+{c}" for c in letters[1:])
    return re.compile(letters[0] + steps)


class SnippetIndex:
    """Snippets by key, kept up to date one at a time, searched as the seller types."""

    def __init__(self, snippets: Iterable[Snippet] = ()) -> None:
        self._entries: dict[str, Entry] = {s.key: Entry.of(s) for s in snippets}
        self._columns: _Columns | None = None  # built at the first search

    def put(self, snippet: Snippet) -> None:
        entry = Entry.of(snippet)
        old = self._entries.get(snippet.key)
        self._entries[snippet.key] = entry
        if self._columns is not None:
            if old is not None:
                self._columns.remove(old)
            self._columns.add(entry)

    def drop(self, key: str) -> None:
        old = self._entries.pop(key, None)
        if old is not None and self._columns is not None:
            self._columns.remove(old)

    def get(self, key: str) -> Snippet | None:
        entry = self._entries.get(key)
        return entry.snippet if entry else None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def snippets(self) -> list[Snippet]:
        """Every snippet, by title."""
        return [e.snippet for e in sorted(self._entries.values(), key=lambda e: (e.title, e.key))]

    def search(self, query: str, limit: int | None = None) -> list[Snippet]:
        """The snippets matching every word of ``query``, best match first, then most used.

        An empty query gives every snippet, most used first.
        """
        if self._columns is None:
            self._columns = _Columns(self._entries.values())
        columns = self._columns
        words = normalize(query).split()
        if not words:
            return [e.snippet for e in columns.entries[:limit]]
        scores: dict[int, int] | None = None
        enough = limit if len(words) == 1 else None
        for word in words:
            if scores is not None and len(scores) <= FEW:
                found = columns.score_few(word, scores)
            else:
                found = columns.score(word, scores, enough)
            scores = found if scores is None else {i: scores[i] + p for i, p in found.items()}
            if not scores:
                return []
        assert scores is not None
        # Entries are already in "most used, then title" order: sort each score's group by
        # position, best score first, and stop once the limit is reached.
        groups: dict[int, list[int]] = {}
        for i, points in scores.items():
            groups.setdefault(points, []).append(i)
        best: list[int] = []
        for points in sorted(groups, reverse=True):
            best += sorted(groups[points])
            if limit is not None and len(best) >= limit:
                break
        return [columns.entries[i].snippet for i in best[:limit]]
