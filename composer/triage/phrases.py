"""Buyer phrases, as the scenarios' ``[triage]`` tables write them, found in a message.

A phrase is words separated by spaces. Case, accents and width do not matter (``Dónde`` is
``donde``, ``ＰＡＱＵＥＴＥ`` is ``paquete``). A word ending in ``*`` matches any word that
starts with it (``arriv*``: arrive, arrived, arrival). Chinese and Japanese are written
without spaces: each character is a word of its own, the characters written together in a
phrase must follow each other, and a space in the phrase lets a few characters come between
(``没 收到`` finds 没收到 and 还没有收到). Between the words of a phrase the buyer may put up to
``GAP`` other words (``not arrived`` finds "not yet arrived").

A phrase weighs more the more words it has; ``^N`` at its end sets its weight instead
(``dogan* ^2``: one word that says a lot; ``pacco ^0.3``: a faint cue that only counts when
nothing stronger is said). When nothing in a message matches, ``find(..., loose=True)`` lets a
long word match with a typo or another ending (``adress``, ``cambiarlo``), so that a message
with a cue still gets suggestions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

GAP = 3
"""How many of the buyer's words may come between two words of a phrase."""
MAX_PHRASE_CHARS = 80
MAX_PHRASE_WORDS = 8
MIN_STEM = 3  # letters before a `*`: shorter stems match too much
MIN_WEIGHT = 0.1
MAX_WEIGHT = 3.0
LOOSE_MIN = 6
"""Letters a word needs before a loose match may change it (shorter words are too alike)."""
_WEIGHT = re.compile(r"\s\^(\S*)$")

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"  # kana, Han
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*\*?")


class PhraseError(ValueError):
    """A phrase that cannot be matched as written (empty, too long, a stray ``*``)."""


@dataclass(frozen=True)
class Word:
    """One word of a phrase: ``text`` as normalized, matched whole or as a ``prefix``;
    ``glued`` when it must follow the previous word at once (characters written together)."""

    text: str
    prefix: bool = False
    glued: bool = False


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase and its weight: longer phrases say more than a single word."""

    words: tuple[Word, ...]
    weight: float


def fold(text: str) -> str:
    """``text`` without case, accents or width differences, as the matcher compares it."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text).replace("’", "'").replace("`", "'")


def tokens(text: str) -> list[str]:
    """The message's words, folded: a Chinese or Japanese character is a word of its own."""
    return [t.rstrip("*") for t in _TOKEN.findall(fold(text))]


@lru_cache(maxsize=8192)
def compile_phrase(phrase: str) -> Phrase:
    """``phrase`` ready to match; raises ``PhraseError`` naming what is wrong with it."""
    if len(phrase) > MAX_PHRASE_CHARS:
        raise PhraseError(f"is longer than {MAX_PHRASE_CHARS} characters")
    weight: float | None = None
    marked = _WEIGHT.search(phrase)
    if marked:
        weight = _weight(marked.group(1))
        phrase = phrase[: marked.start()]
    words: list[Word] = []
    units = 0.0
    for chunk in fold(phrase).split():
        found = _TOKEN.findall(chunk)
        if chunk.count("*") != sum(t.endswith("*") for t in found):
            raise PhraseError(f"has a '*' in {chunk!r} that does not end a word")
        for index, token in enumerate(found):
            prefix = token.endswith("*")
            text = token.rstrip("*")
            if prefix and (len(text) < MIN_STEM or index != len(found) - 1):
                raise PhraseError(
                    f"{chunk!r}: a word ending in '*' needs at least {MIN_STEM} letters before it"
                )
            cjk = len(text) == 1 and re.fullmatch(f"[{_CJK}]", text) is not None
            words.append(Word(text, prefix, glued=index > 0))
            units += 0.5 if cjk else 1.0
    if not words:
        raise PhraseError("has no words")
    if len(words) > MAX_PHRASE_WORDS * 2:
        raise PhraseError(f"has more than {MAX_PHRASE_WORDS} words")
    if weight is None:
        weight = min(MAX_WEIGHT, 0.5 + 0.5 * max(units, 1.0))
    return Phrase(tuple(words), weight)


def _weight(written: str) -> float:
    try:
        weight = float(written)
    except ValueError:
        weight = 0.0
    if not MIN_WEIGHT <= weight <= MAX_WEIGHT:  # also refuses nan
        raise PhraseError(
            f"has a weight '^{written}': give a number from {MIN_WEIGHT:g} to {MAX_WEIGHT:g}"
        )
    return weight


def find(phrase: Phrase, words: list[str], loose: bool = False) -> tuple[int, int] | None:
    """Where ``phrase`` first occurs in the message's ``words`` (start, end), or None;
    ``loose`` also takes a long word with one typo or a different ending (see ``similar``)."""
    same = similar if loose else _same
    first = phrase.words[0]
    for start, word in enumerate(words):
        if same(first, word):
            end = _rest(phrase.words, 1, start, words, same)
            if end is not None:
                return start, end
    return None


def _rest(
    pattern: tuple[Word, ...],
    index: int,
    at: int,
    words: list[str],
    same: Callable[[Word, str], bool],
) -> int | None:
    if index == len(pattern):
        return at + 1
    wanted = pattern[index]
    reach = 1 if wanted.glued else GAP + 1
    for step in range(1, reach + 1):
        position = at + step
        if position >= len(words):
            return None
        if same(wanted, words[position]):
            end = _rest(pattern, index + 1, position, words, same)
            if end is not None:
                return end
    return None


def _same(word: Word, text: str) -> bool:
    return text.startswith(word.text) if word.prefix else text == word.text


def similar(word: Word, text: str) -> bool:
    """``text`` is ``word``, or nearly: for words of ``LOOSE_MIN`` letters or more, one letter
    added, dropped, changed or two swapped (``adress``, ``recieved``), or the same word with
    another ending of up to two letters more or less (``cambiarlo`` for ``cambiar``)."""
    if _same(word, text):
        return True
    wanted = word.text
    if min(len(wanted), len(text)) < LOOSE_MIN:
        return False
    if word.prefix:
        cut = len(wanted)
        return any(_one_edit(wanted, text[: cut + extra]) for extra in (-1, 0, 1))
    shared = _common_prefix(wanted, text)
    if shared >= max(LOOSE_MIN, max(len(wanted), len(text)) - 2):
        return True
    return _one_edit(wanted, text)


def _common_prefix(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` share at their start."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by at most one insertion, deletion, change or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    start = _common_prefix(a, b)
    a, b = a[start:], b[start:]
    if len(a) == len(b):
        return a[1:] == b[1:] or (a[:2] == b[1::-1] and a[2:] == b[2:])
    return a[1:] == b if len(a) > len(b) else b[1:] == a
