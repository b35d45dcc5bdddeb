"""The live preview: one pane per reply language, subject above body, unfilled fields marked.

The seller can edit a reply in its pane: from then on the form no longer changes that reply
(the pane says so and offers the form's text again) and what is checked and copied is the
seller's text. A form keystroke does not touch an edited body: nothing is laid out again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.templating.scenario import Language
from ui import i18n, theme
from ui.i18n import _
from ui.panes.subject_label import SubjectLabel

if TYPE_CHECKING:
    from composer.templating.render import Draft


class MarkerHighlighter(QSyntaxHighlighter):
    """Paints the unfilled-field markers (``[Order number]``) so the seller cannot miss them."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._markers: tuple[str, ...] = ()
        self._format = QTextCharFormat()
        self.update_colors()

    def update_colors(self) -> None:
        """Take the marker colours of the current theme."""
        colors = theme.accents()
        self._format.setBackground(QColor(colors.marker_background))
        self._format.setForeground(QColor(colors.marker_text))
        self._format.setFontWeight(QFont.Weight.DemiBold)
        self.rehighlight()

    def set_markers(self, markers: Sequence[str]) -> None:
        markers = tuple(markers)
        if markers != self._markers:
            self._markers = markers
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        for marker in self._markers:
            start = text.find(marker)
            while start >= 0:
                self.setFormat(start, len(marker), self._format)
                start = text.find(marker, start + len(marker))


def _utf16(text: str, index: int) -> int:
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


def language_suffix(code: str) -> str:
    """``en`` -> ``En``: how a language appears in object names (``previewEn``)."""
    return code[:1].upper() + code[1:]


class PreviewPane(QWidget):
    """One language's reply: a heading, the subject line and the body the seller may edit."""

    copySubjectRequested = Signal(str)
    textEdited = Signal(str, object)  # language code, the seller's text (None: the form's)

    def __init__(self, language: Language, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        suffix = language_suffix(language.code)
        self.setObjectName(f"previewPane{suffix}")
        self.heading = QLabel(language.name, self)
        self.heading.setObjectName("previewHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.subject = SubjectLabel(self)
        self.subject.setObjectName(f"subject{suffix}")
        self.subject.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_subject = QToolButton(self)
        self.copy_subject.setObjectName(f"copySubject{suffix}Button")
        self.copy_subject.setAutoRaise(True)
        self.copy_subject.clicked.connect(
            lambda: self.copySubjectRequested.emit(self.language.code)
        )
        self.body = QPlainTextEdit(self)
        self.body.setObjectName(f"preview{suffix}")
        self.body.setUndoRedoEnabled(True)
        self.highlighter = MarkerHighlighter(self.body.document())
        self.edited = False  # the body is the seller's text, not the form's
        self._rendering = False  # the body is being set from a render, not by the seller
        self._form_text = ""  # the form's text of this reply, for "Use the form's text again"
        self.body.textChanged.connect(self._body_changed)
        self.edited_notice = QLabel(self)
        self.edited_notice.setObjectName(f"editedNotice{suffix}")
        self.edited_notice.setWordWrap(True)
        self.use_form_text = QPushButton(self)
        self.use_form_text.setObjectName(f"useFormText{suffix}Button")
        self.use_form_text.clicked.connect(self.use_form_text_again)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.edited_notice, 1)
        notice_row.addWidget(self.use_form_text, 0, Qt.AlignmentFlag.AlignTop)
        self._notice = QWidget(self)
        self._notice.setLayout(notice_row)
        self._notice.setVisible(False)
        # The notice's slot: as high in every pane as in the highest (align_panes), so an
        # edited pane's body starts on the same line as the other's.
        self._notice_slot = QWidget(self)
        slot = QVBoxLayout(self._notice_slot)
        slot.setContentsMargins(0, 0, 0, 0)
        slot.addWidget(self._notice)
        slot.addStretch(1)
        self._notice_slot.setVisible(False)
        self._subject_height_key: tuple[str, int, str] | None = None
        self._subject_height = 0

        subject_row = QHBoxLayout()
        subject_row.setContentsMargins(0, 0, 0, 0)
        self.subject_caption = QLabel(self)
        subject_row.addWidget(self.subject_caption, 0, Qt.AlignmentFlag.AlignTop)
        subject_row.addWidget(self.subject, 1)
        subject_row.addWidget(self.copy_subject, 0, Qt.AlignmentFlag.AlignTop)
        self._subject_row = QWidget(self)
        self._subject_row.setLayout(subject_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self._subject_row)
        layout.addWidget(self._notice_slot)
        layout.addWidget(self.body, 1)
        self._draft: Draft | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Set the interface texts in the current interface language."""
        name = i18n.language_name(self.language.locale, self.language.name)
        self.heading.setText(name)
        self.subject_caption.setText(_("Subject:"))
        self.subject.setAccessibleName(_("Subject ({language})").format(language=name))
        self.copy_subject.setText(_("Copy subject"))
        self.copy_subject.setToolTip(_("Copy the {language} subject line").format(language=name))
        self.body.setAccessibleName(_("Reply in {language}").format(language=name))
        self.body.setAccessibleDescription(
            _("The {language} reply as it will be copied, with unfilled fields marked").format(
                language=name
            )
        )
        self.edited_notice.setText(_("Edited — the form no longer changes this reply"))
        self.use_form_text.setText(_("Use the form's text again"))
        self.use_form_text.setToolTip(
            _("Put back the reply the form writes (Ctrl+Z brings your edit back)")
        )
        if self._draft is not None and self._draft.error:
            self.show_draft(self._draft)

    def update_colors(self) -> None:
        """Repaint the markers after a theme change."""
        self.highlighter.update_colors()
        if self._draft is not None:
            self.subject.setText("")  # the same subject, painted again in the new colours
            self.subject.set_subject(self._draft.subject or "", self._draft.markers)

    def show_draft(self, draft: Draft | None, form_text: str | None = None) -> None:
        """Show ``draft`` keeping the reader's scroll position; None clears the pane.

        ``form_text``: the form's text of the reply when ``draft`` holds the seller's edit;
        the edited body is left as it is (a form keystroke lays nothing out again).
        """
        self._rendering = True  # repainting markers and rendered text are not the seller's
        try:
            self._show(draft, form_text)
        finally:
            self._rendering = False

    def _show(self, draft: Draft | None, form_text: str | None) -> None:
        self._draft = draft
        self._set_edited(draft is not None and form_text is not None and not draft.error)
        if draft is None:
            self.subject.clear()
            self.body.clear()
            return
        self._form_text = draft.body if form_text is None else form_text
        self._subject_row.setVisible(draft.subject is not None)
        self.subject.set_subject(draft.subject or "", draft.markers)
        text = draft.body
        if draft.error:
            text = _(
                "This reply cannot be shown because its template has a mistake:\n{error}"
            ).format(error=draft.error)
        self.highlighter.set_markers(draft.markers)  # an edit's own: unchanged by the form
        self.body.setReadOnly(bool(draft.error))
        if not self.edited:
            replace_changed_text(self.body.document(), text)
        self.body.setProperty("error", bool(draft.error))

    def _set_edited(self, edited: bool) -> None:
        if edited != self.edited:
            self.edited = edited
            self._notice.setVisible(edited)

    def body_text(self) -> str:
        """The body as the seller sees it, no-break spaces kept (``toPlainText`` drops them)."""
        return self.body.document().toRawText().replace(PARAGRAPH, "\n").replace("\u2028", "\n")

    def _body_changed(self) -> None:
        # Repainting the markers announces a change too: only a changed text is an edit.
        if self._rendering or self._draft is None or self._draft.error:
            return
        text = self.body_text()
        if text != (self._draft.body if self.edited else self._form_text):
            self.textEdited.emit(self.language.code, text)

    def use_form_text_again(self) -> None:
        """Put the form's text back, as one step Ctrl+Z undoes; the reply follows the form."""
        cursor = QTextCursor(self.body.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(self._form_text)
        cursor.endEditBlock()
        self.textEdited.emit(self.language.code, None)

    def select_span(self, part: str, start: int, end: int) -> None:
        """Select characters ``start``-``end`` (Python string indices) of the subject or body,
        to show the seller where a check found a problem."""
        if part == "subject":
            text = self.subject.text()  # as shown: elided if it is too long for the pane
            plain = QTextDocumentFragment.fromHtml(text).toPlainText() if text else ""
            start, end = min(start, len(plain)), min(end, len(plain))
            first, last = _utf16(plain, start), _utf16(plain, end)
            self.subject.setSelection(first, last - first)
            return
        text = self.body.toPlainText()
        cursor = self.body.textCursor()
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()

    def replace_span(self, start: int, end: int, text: str) -> None:
        """Write ``text`` over characters ``start``-``end`` of the body (a check's fix), as one
        step Ctrl+Z undoes; it is the seller's edit like any other."""
        body = self.body_text()
        cursor = QTextCursor(self.body.document())
        cursor.beginEditBlock()
        cursor.setPosition(_utf16(body, start))
        cursor.setPosition(_utf16(body, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.endEditBlock()

    def selected_text(self) -> str:
        """What is selected in the body (the selection a check made, for one)."""
        return self.body.textCursor().selectedText()

    def subject_height(self) -> int:
        """The height of the subject's one line (0 without a subject; remembered: laying out
        rich text costs more than the rest of a keystroke)."""
        if self._draft is None or self._draft.subject is None:
            return 0
        key = (self.subject.text(), self.subject.width(), self.subject.font().key())
        if key != self._subject_height_key:
            self._subject_height_key = key
            self._subject_height = max(self.subject.sizeHint().height(), 0)
        return self._subject_height

    def align_subject(self, height: int) -> None:
        """Give the subject ``height``, so every pane's body starts at the same line."""
        self.subject.setMinimumHeight(height)

    def notice_height(self) -> int:
        """The height the edited notice needs at the pane's width (0 when not edited)."""
        if not self.edited:
            return 0
        width = max(1, self.width())
        notice = self._notice.layout()
        hint = notice.heightForWidth(width) if notice is not None else -1
        return max(hint, self._notice.sizeHint().height())

    def reserve_notice(self, height: int) -> None:
        """Keep ``height`` for the notice (0: none), edited or not."""
        self._notice_slot.setFixedHeight(height)
        self._notice_slot.setVisible(height > 0)


def align_panes(panes: Sequence[PreviewPane]) -> None:
    """Every pane's body starts at the same line: the subjects (a Chinese one is shorter and
    its glyphs taller) and the edited notices (one pane may be edited) take one height."""
    subject = max((pane.subject_height() for pane in panes), default=0)
    notice = max((pane.notice_height() for pane in panes), default=0)
    for pane in panes:
        pane.align_subject(subject)
        pane.reserve_notice(notice)
