"""The preview replaces only what a keystroke changed, and always ends up showing the draft."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from ui.panes.text_update import replace_changed_text

pytestmark = pytest.mark.gui

REPLY = "Dear Maria,\n\nYour parcel 8041 left today.\n\n祝您生活愉快！\nLin\n"


@pytest.mark.parametrize(
    "new",
    [
        REPLY,
        REPLY.replace("Maria", "Mario"),
        REPLY.replace("8041", "80412"),
        REPLY.replace("8041", ""),
        REPLY.replace("Dear Maria,\n\n", ""),
        REPLY + "P.S. 👋 see you\n",
        REPLY.replace("Maria", "Ma😀ria"),  # two UTF-16 units in one character
        REPLY.replace("today", "today\u00a0(Friday)"),  # a no-break space, as Babel writes
        "",
        "x",
    ],
)
def test_the_document_ends_up_holding_the_new_text(qtbot, new):
    document = QTextDocument()
    document.setPlainText(REPLY.replace("Maria", "Ma😀ria"))
    replace_changed_text(document, new)
    assert document.toRawText() == new.replace("\n", "\u2029")


def test_many_random_edits_in_a_row(qtbot):
    rng = random.Random(6)
    document = QTextDocument()
    text = REPLY
    document.setPlainText(text)
    alphabet = "ab c\n好😀\u00a0"
    for _ in range(300):
        at = rng.randrange(len(text) + 1)
        cut = rng.randrange(4)
        text = text[:at] + "".join(rng.choices(alphabet, k=rng.randrange(3))) + text[at + cut :]
        replace_changed_text(document, text)
        assert document.toRawText() == text.replace("\n", "\u2029")


def test_only_the_changed_paragraph_is_touched_and_no_undo_piles_up(qtbot):
    view = QPlainTextEdit(REPLY)  # as in the preview: the view lays the document out
    qtbot.addWidget(view)
    document = view.document()
    first, last = document.firstBlock(), document.lastBlock()
    changes: list[tuple[int, int, int]] = []
    document.contentsChange.connect(lambda *change: changes.append(change))
    replace_changed_text(document, REPLY.replace("8041", "8042"))
    assert changes == [(REPLY.index("8041") + 3, 1, 1)]
    assert document.firstBlock() == first and document.lastBlock() == last  # not rebuilt
    assert not document.isUndoAvailable()
