"""A preview's text brought up to date in place: only the stretch a keystroke changed."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument


def utf16_index(text: str, index: int) -> int:
    """A Python string index as a Qt text position (Qt counts UTF-16 units: an emoji is two)."""
    return len(text[: max(0, index)].encode("utf-16-le")) // 2


def replace_changed_text(document: QTextDocument, text: str) -> None:
    """Make ``document`` hold ``text``, replacing only the stretch that differs.

    A keystroke changes a few characters of a reply: replacing all of it would lay out,
    highlight and repaint every paragraph again, and lose the reader's scroll position.
    """
    old = document.toRawText()  # as stored: paragraph separators, no-break spaces kept
    new = text.replace("\n", PARAGRAPH)
    if new == old:
        return
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    cursor = QTextCursor(document)
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)  # the seller's own undo history is not for renders
    cursor.setPosition(_utf16_length(old[:start]))
    cursor.setPosition(_utf16_length(old[: len(old) - end]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text[start : len(text) - end])
    document.setUndoRedoEnabled(undo)


PARAGRAPH = "\u2029"  # how QTextDocument separates paragraphs


def _utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 units: an emoji is two of them."""
    return len(text.encode("utf-16-le")) // 2
