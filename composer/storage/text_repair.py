"""Broken characters in text from outside: lone surrogates, replaced with U+FFFD, and said so.

JavaScript strings are UTF-16, and cutting one in the middle of an emoji leaves half of it (a
"lone surrogate", such as ``"\\ud83d"``) that JSON files carry as an escape. Python reads it,
but it cannot be written as UTF-8: saving or printing it fails. The policy everywhere text
enters a store or a render: replace each such half character with U+FFFD (shown as �), keep
the rest of the text, and tell the seller where it happened.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def mend(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    return _SURROGATE.subn(REPLACEMENT, text)


def mend_json(value: Any, depth: int = 32) -> tuple[Any, int]:
    """A JSON value with every text in it (keys too) mended; how many characters were.

    Lists and objects nested deeper than ``depth`` are left as they are.
    """
    if isinstance(value, str):
        return mend(value)
    if depth <= 0:
        return value, 0
    if isinstance(value, list):
        items = [mend_json(v, depth - 1) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        count = 0
        mended: dict[Any, Any] = {}
        for key, item in value.items():
            if isinstance(key, str):
                key, found = mend(key)
                count += found
            mended[key], found = mend_json(item, depth - 1)
            count += found
        return mended, count
    return value, 0


def mended_note(where: str, count: int) -> str:
    """The sentence that tells the seller what was replaced."""
    what = "1 broken character" if count == 1 else f"{count} broken characters"
    return (
        f"{where}: {what} (half of an emoji, as some programs write them) replaced with "
        f"{REPLACEMENT}"
    )
