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
from ui.panes.text_update import PARAGRAPH, replace_changed_text, utf16_index

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
        self.heading = QLabel(language.name, self)
        self.heading.setObjectName("previewHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        header_row = QHBoxLayout()
        header_row.setContentsMargins(0, 0, 0, 0)
        header_row.addWidget(self.heading)
        header_row.addStretch(1)
        self.header = QWidget(self)  # the heading, or a language picker in its place
        self.header.setLayout(header_row)
        # Why this pane shows another language than the one chosen (a missing translation).
        self.notice = QLabel(self)
        self.notice.setObjectName("languageNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.subject = SubjectLabel(self)
        self.subject.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_subject = QToolButton(self)
        self.copy_subject.setAutoRaise(True)
        self.copy_subject.clicked.connect(
            lambda: self.copySubjectRequested.emit(self.language.code)
        )
        self.body = QPlainTextEdit(self)
        self.body.setUndoRedoEnabled(True)
        self.highlighter = MarkerHighlighter(self.body.document())
        self.edited = False  # the body is the seller's text, not the form's
        self._rendering = False  # the body is being set from a render, not by the seller
        self._form_text = ""  # the form's text of this reply, for "Use the form's text again"
        self._new_language = False  # the next draft replaces the body, an edit's text too
        self.body.textChanged.connect(self._body_changed)
        self.edited_notice = QLabel(self)
        self.edited_notice.setWordWrap(True)
        self.use_form_text = QPushButton(self)
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
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self._subject_row)
        layout.addWidget(self._notice_slot)
        layout.addWidget(self.body, 1)
        self._draft: Draft | None = None
        self._name_parts()
        self.update_colors()
        self.retranslate()

    def _name_parts(self) -> None:
        # Object names carry the language code (previewEn, copySubjectEsButton): tests and
        # power users find a reply by its language.
        suffix = language_suffix(self.language.code)
        self.setObjectName(f"previewPane{suffix}")
        self.subject.setObjectName(f"subject{suffix}")
        self.copy_subject.setObjectName(f"copySubject{suffix}Button")
        self.body.setObjectName(f"preview{suffix}")
        self.edited_notice.setObjectName(f"editedNotice{suffix}")
        self.use_form_text.setObjectName(f"useFormText{suffix}Button")

    def set_heading_widget(self, widget: QWidget) -> None:
        """Show ``widget`` (the buyer-language picker) in place of the heading."""
        self.heading.hide()
        layout = self.header.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(0, widget)

    def set_language(self, language: Language) -> None:
        """Show another language's reply from the next draft on (the buyer's language changed).

        The seller's undo history was typed in the other language: it goes, and the next draft
        replaces the body even when it holds the seller's edit in this language."""
        self.language = language
        self._name_parts()
        self._new_language = True
        self.body.document().clearUndoRedoStacks()
        self.retranslate()

    def set_notice(self, text: str) -> None:
        """Say why the pane shows another language than the chosen one; "" hides it."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.notice.setMinimumHeight(0)

    def language_notice_height(self) -> int:
        """The height the language notice needs at the pane's width (0: none)."""
        if not self.notice.text():
            return 0
        return max(self.notice.heightForWidth(max(self.width(), 1)), 0)

    def align_language_notice(self, height: int) -> None:
        """Keep ``height`` above the subject for a notice (another pane's, when this one has
        none), so every pane's body starts at the same line."""
        self.notice.setVisible(height > 0)
        self.notice.setMinimumHeight(height)

    def retranslate(self) -> None:
        """Set the interface texts in the current interface language."""
        name = i18n.reply_language_name(self.language)
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
        """Repaint the markers and the language notice after a theme change."""
        self.highlighter.update_colors()
        self.notice.setStyleSheet(f"color: {theme.accents().warning_text}; font-weight: 600;")
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
        if not self.edited or self._new_language:
            replace_changed_text(self.body.document(), text)
            self._new_language = False
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
            first, last = utf16_index(plain, start), utf16_index(plain, end)
            self.subject.setSelection(first, last - first)
            return
        text = self.body.toPlainText()
        cursor = self.body.textCursor()
        cursor.setPosition(utf16_index(text, start))
        cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.ensureCursorVisible()

    def replace_span(self, start: int, end: int, text: str) -> None:
        """Write ``text`` over characters ``start``-``end`` of the body (a check's fix), as one
        step Ctrl+Z undoes; it is the seller's edit like any other."""
        body = self.body_text()
        cursor = QTextCursor(self.body.document())
        cursor.beginEditBlock()
        cursor.setPosition(utf16_index(body, start))
        cursor.setPosition(utf16_index(body, end), QTextCursor.MoveMode.KeepAnchor)
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
    """Keep side-by-side panes level, so the eye can compare them line by line: the language
    notices (only the buyer's pane may carry one), the subjects (a Chinese one is shorter and
    its glyphs taller) and the edited notices (one pane may be edited) take one height each."""
    language = max((pane.language_notice_height() for pane in panes), default=0)
    subject = max((pane.subject_height() for pane in panes), default=0)
    notice = max((pane.notice_height() for pane in panes), default=0)
    for pane in panes:
        pane.align_language_notice(language)
        pane.align_subject(subject)
        pane.reserve_notice(notice)
