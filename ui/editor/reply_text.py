"""One reply language's subject and body in the reply editor.

The body is a plain text box that colours what is not plain text: ``{{ field }}`` (a value
printed), ``{% if ... %}`` (a block) and ``{# ... #}`` (a note), and underlines a mistake where
it is, in the theme's error colour. The commands put a field at the cursor and wrap the
paragraphs the cursor is in as an optional paragraph (``{% if field %}``) or a paragraph for
one option (``{% if field == "key" %}``), so a seller never types a tag by hand; the text
still shows what each does.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui import theme
from ui.i18n import _

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
FIELD_COLORS = {"light": "#1a5fb4", "dark": "#8cc4ff"}
BLOCK_COLORS = {"light": "#8a3ab9", "dark": "#e0a6ff"}


class TemplateHighlighter(QSyntaxHighlighter):
    """Fields and blocks in colour; the mistakes' spans underlined (``set_mistakes``)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.mistakes: dict[int, list[tuple[int, int]]] = {}  # block number -> (start, length)

    def set_mistakes(self, spans: dict[int, list[tuple[int, int]]]) -> None:
        if spans != self.mistakes:
            self.mistakes = spans
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        shade = "dark" if theme.is_dark() else "light"
        field_format = QTextCharFormat()
        field_format.setForeground(QColor(FIELD_COLORS[shade]))
        field_format.setFontWeight(QFont.Weight.DemiBold)
        block_format = QTextCharFormat()
        block_format.setForeground(QColor(BLOCK_COLORS[shade]))
        for match in TAG.finditer(text):
            chosen = field_format if match.group().startswith("{{") else block_format
            self.setFormat(match.start(), match.end() - match.start(), chosen)
        for start, length in self.mistakes.get(self.currentBlock().blockNumber(), []):
            for position in range(start, min(start + length, len(text))):
                merged = QTextCharFormat(self.format(position))
                merged.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                merged.setUnderlineColor(QColor(theme.accents().error_text))
                self.setFormat(position, 1, merged)


class ReplyTextPane(QWidget):
    """The subject line and the body of one language, with their highlighters."""

    changed = Signal()

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName(f"replyText_{code}")
        self.subject_label = QLabel(self)
        self.subject = QLineEdit(self)
        self.subject.setObjectName(f"replySubject_{code}")
        self.body_label = QLabel(self)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName(f"replyBody_{code}")
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.setTabChangesFocus(True)
        self.subject_label.setBuddy(self.subject)
        self.body_label.setBuddy(self.body)
        self.highlighter = TemplateHighlighter(self.body.document())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.subject_label)
        layout.addWidget(self.subject)
        layout.addWidget(self.body_label)
        layout.addWidget(self.body, 1)
        self.subject.textChanged.connect(self.changed)
        self.body.textChanged.connect(self.changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.subject_label.setText(_("Subject (optional)"))
        self.body_label.setText(_("Text of the reply"))
        self.subject.setPlaceholderText(_("Empty: no subject line"))

    def set_text(self, subject: str | None, body: str) -> None:
        self.subject.setText(subject or "")
        self.body.setPlainText(body)

    def subject_text(self) -> str | None:
        text = self.subject.text()
        return text if text.strip() else None

    def body_text(self) -> str:
        return self.body.toPlainText()

    def show_mistakes(self, lines: list[tuple[int, str]]) -> None:
        """Underline each mistake: (line in the body, 1-based; the word, or the whole line)."""
        spans: dict[int, list[tuple[int, int]]] = {}
        document = self.body.document()
        for line, word in lines:
            block = document.findBlockByNumber(max(line, 1) - 1)
            if not block.isValid():
                block = document.lastBlock()
            text = block.text()
            start = text.find(word) if word else -1
            span = (start, len(word)) if start >= 0 else (0, max(len(text), 1))
            spans.setdefault(block.blockNumber(), []).append(span)
        self.highlighter.set_mistakes(spans)

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of ``line`` (1-based) of the body."""
        block = self.body.document().findBlockByNumber(max(line, 1) - 1)
        if block.isValid():
            cursor = QTextCursor(block)
            self.body.setTextCursor(cursor)
            self.body.centerCursor()
        self.body.setFocus()

    # --- the commands ---------------------------------------------------------------------

    def insert_field(self, name: str) -> None:
        """Put ``{{ name }}`` at the cursor (over the selection)."""
        self.body.insertPlainText(f"{{{{ {name} }}}}")
        self.body.setFocus()

    def wrap_paragraphs(self, condition: str) -> None:
        """Make the paragraphs the cursor or selection is in show only when ``condition``
        holds: ``{% if condition %}`` on the line before, ``{% endif %}`` after the blank line
        that ends them, so the reply keeps one blank line between paragraphs either way."""
        text = self.body.toPlainText()
        cursor = self.body.textCursor()
        lines = text.split("\n")
        first = text.count("\n", 0, cursor.selectionStart())
        last = text.count("\n", 0, cursor.selectionEnd())
        while first > 0 and _in_paragraph(lines[first - 1]):
            first -= 1
        while last + 1 < len(lines) and _in_paragraph(lines[last + 1]):
            last += 1
        after = last + 1
        if after < len(lines) and not lines[after].strip():
            after += 1  # the blank line that ends the paragraph goes inside
        new = "\n".join([f"{{% if {condition} %}}", *lines[first : last + 1], "", "{% endif %}"])
        start = sum(len(line) + 1 for line in lines[:first])
        end = sum(len(line) + 1 for line in lines[:after])
        if after < len(lines):
            new += "\n"
        else:
            end -= 1  # the text's last line has no line end
        cursor.setPosition(start)
        cursor.setPosition(min(end, len(text)), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)  # one step for Ctrl+Z
        cursor.setPosition(start + len(f"{{% if {condition} %}}") + 1)
        self.body.setTextCursor(cursor)
        self.body.setFocus()


BLOCK_LINE = re.compile(r"\s*\{%.*%\}\s*")


def _in_paragraph(line: str) -> bool:
    """True for a line of text: a blank line or a line holding only a block tag (an
    ``{% if %}`` or ``{% endif %}`` of the paragraph beside it) ends a paragraph."""
    return bool(line.strip()) and not BLOCK_LINE.fullmatch(line)
