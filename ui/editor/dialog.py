"""The reply editor: a scenario's titles, keywords, fields and each language's text, with a
live preview from the example values and live checks.

Every change is checked a moment later (``checkDelay``) as ``composer check`` would check the
file; the mistakes are listed in the interface language and underlined where they are, and the
preview shows each language with the example values. Until it is saved, the reply is kept as
a draft in the data folder (``composer.library.own.ReplyDrafts``) at every check, valid or not,
so closing the window or a crash loses nothing; Discard drops it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QWidget,
)

from composer.library.checking import Mistake, SpecCheck
from composer.library.own import OwnRepliesError
from composer.library.spec import ReplySpec, ScenarioSpec
from composer.templating.fields import FieldType
from composer.templating.scenario import Scenario
from composer.workspace.replies import ReplyLibrary
from ui import i18n, theme
from ui.editor.fields_table import FieldsTable
from ui.editor.layout import build, name_widgets
from ui.editor.messages import explain
from ui.editor.reply_text import ReplyTextPane
from ui.i18n import _

CHECK_DELAY_MS = 300


class ReplyEditor(QDialog):
    """Edits one ``ScenarioSpec``; ``saved`` carries the id once its file is written."""

    saved = Signal(str)
    checked = Signal(object)  # SpecCheck, after each check
    closedWithDraft = Signal()  # closed with unsaved changes, kept as a draft

    # Made by ui.editor.layout.build:
    id_edit: QLineEdit
    category: QComboBox
    kind: QComboBox
    labels: dict[str, QLabel]
    titles: dict[str, QLineEdit]
    keywords: dict[str, QLineEdit]
    row_labels: dict[str, tuple[QLabel, QLabel]]
    tabs: QTabWidget
    fields: FieldsTable
    texts: dict[str, ReplyTextPane]
    advice: QWidget
    guidance: dict[str, QPlainTextEdit]
    guidance_labels: dict[str, QLabel]
    field_list: QListWidget
    field_list_label: QLabel
    insert_button: QPushButton
    optional_button: QPushButton
    option_button: QPushButton
    option_menu: QMenu
    previews: dict[str, QPlainTextEdit]
    preview_labels: dict[str, QLabel]
    mistakes_label: QLabel
    mistakes: QListWidget
    draft_banner: QLabel
    status: QLabel
    save_button: QPushButton
    discard_button: QPushButton
    close_button: QPushButton

    def __init__(
        self,
        library: ReplyLibrary,
        spec: ScenarioSpec,
        *,
        editing: Scenario | None,
        draft_key: str,
        original: ScenarioSpec | None = None,
        restored: dt.datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replyEditor")
        self.library = library
        self.catalog = library.workspace.catalog
        self.checker = library.checker()
        self.editing = editing
        self.draft_key = draft_key
        self.original = copy.deepcopy(original if original is not None else spec)
        self._base = copy.deepcopy(spec)
        self.last_check: SpecCheck | None = None
        self._discarded = False
        self._loading = True
        self.ui = i18n.content_language()
        languages = self.catalog.file_languages()  # a language folder's replies are apart
        self.codes = list(languages)
        self.names = {
            code: i18n.language_name(lang.locale, lang.name) for code, lang in languages.items()
        }
        self._build()
        self.set_spec(spec)
        self.draft_banner.setVisible(restored is not None)
        if restored is not None:
            when = restored.strftime("%Y-%m-%d %H:%M")
            self.draft_banner.setText(
                _("Your unsaved changes from {time} are back.").format(time=when)
            )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._loading = False
        self.check_now()

    # --- building: ui.editor.layout ---------------------------------------------------

    def _build(self) -> None:
        build(self)
        self.retranslate()

    def retranslate(self) -> None:
        name_widgets(self)

    # --- the spec in the widgets ----------------------------------------------------------

    def set_spec(self, spec: ScenarioSpec) -> None:
        self._base = copy.deepcopy(spec)
        self.id_edit.setText(spec.id)
        index = self.category.findData(spec.category)
        if index < 0 and spec.category:
            self.category.addItem(spec.category, spec.category)
            index = self.category.count() - 1
        self.category.setCurrentIndex(max(index, 0))
        self.kind.setCurrentIndex(max(self.kind.findData(spec.kind or "answer"), 0))
        for code in self.codes:
            self.titles[code].setText(spec.titles.get(code, ""))
            self.keywords[code].setText(", ".join(spec.keywords.get(code, [])))
            reply = spec.replies.get(code) or ReplySpec()
            self.texts[code].set_text(reply.subject, reply.body)
            self.guidance[code].setPlainText(spec.guidance.get(code, ""))
        self.fields.set_fields(spec.fields)
        self._fill_field_list()

    def spec(self) -> ScenarioSpec:
        """What the widgets say, over what they do not show (kept as it was)."""
        spec = copy.deepcopy(self._base)
        spec.id = self.id_edit.text().strip() or slug(self.titles)
        spec.category = str(self.category.currentData() or "")
        kind = str(self.kind.currentData() or "answer")
        spec.kind = "" if kind == "answer" and not self._base.kind else kind
        for code in self.codes:
            advice = self.guidance[code].toPlainText()
            if advice.strip() or code in spec.guidance:
                spec.guidance[code] = advice
            title = self.titles[code].text().strip()
            if title or code in spec.titles:
                spec.titles[code] = title
            words = [w.strip() for w in self.keywords[code].text().replace("，", ",").split(",")]
            if any(words):
                spec.keywords[code] = [w for w in words if w]
            else:
                spec.keywords.pop(code, None)
            pane = self.texts[code]
            if code not in spec.replies and not pane.body_text().strip():
                continue  # a language the reply never had, left empty: the checks say if needed
            extra = spec.replies[code].extra if code in spec.replies else {}
            spec.replies[code] = ReplySpec(pane.body_text(), pane.subject_text(), extra)
        spec.fields = self.fields.fields()
        return spec

    # --- checking, the preview and the draft ------------------------------------------

    def schedule_check(self) -> None:
        if not self._loading:
            self._timer.start()

    def _fields_changed(self) -> None:
        self._fill_field_list()
        self.schedule_check()

    def check_now(self) -> SpecCheck:
        """Check the reply now: list and underline its mistakes, preview it, keep the draft."""
        self._timer.stop()
        spec = self.spec()
        editing = self.editing.id if self.editing is not None else None
        result = self.last_check = self.checker.check(spec, editing=editing)
        self._show_mistakes(result.mistakes)
        if result.scenario is not None:
            drafts = self.checker.preview(result.scenario).drafts
            for code, view in self.previews.items():
                draft = drafts.get(code)
                text = "" if draft is None else (draft.error or draft.text())
                if draft is not None and draft.subject:
                    text = f"{draft.subject}\n\n{text}"
                view.setPlainText(text)
        for code, label in self.preview_labels.items():
            name = self.names[code]
            label.setText(
                _("Preview with the examples ({language})").format(language=name)
                if result.scenario is not None
                else _("Preview as it was before the mistake ({language})").format(language=name)
            )
        self._keep_draft(spec)
        count = len(result.errors)
        self.status.setText(
            _("No mistakes.")
            if count == 0
            else _("Mistakes to correct: {count}").format(count=count)
        )
        self.checked.emit(result)
        return result

    def _keep_draft(self, spec: ScenarioSpec) -> None:
        drafts = self.library.own.drafts
        try:
            if spec == self.original:
                drafts.discard(self.draft_key)
            else:
                drafts.keep(self.draft_key, spec)
        except OwnRepliesError as exc:
            self.status.setText(str(exc))

    def _show_mistakes(self, mistakes: list[Mistake]) -> None:
        self.mistakes.clear()
        colors = theme.accents()
        underline: dict[str, list[tuple[int, str]]] = {code: [] for code in self.texts}
        for mistake in mistakes:
            where = self._where(mistake)
            message = explain(mistake.message)
            if mistake.key[:1] == ("title",) and str(mistake.key[-1]) in self.names:
                language = self.names[str(mistake.key[-1])]
                message = _("The title in {language} is empty").format(language=language)
            if where:
                message = _("{place}: {message}").format(place=where, message=message)
            item = QListWidgetItem(message)
            item.setData(Qt.ItemDataRole.UserRole, mistake)
            color = colors.error_text if mistake.severity == "error" else colors.warning_text
            item.setForeground(QColor(color))
            self.mistakes.addItem(item)
            key = mistake.key
            if key[:1] == ("reply",) and len(key) > 2 and key[2] == "body" and mistake.line:
                underline.setdefault(str(key[1]), []).append((mistake.line, mistake.word))
        for code, pane in self.texts.items():
            pane.show_mistakes(underline.get(code, []))

    def _where(self, mistake: Mistake) -> str:
        key = mistake.key
        if key[:1] == ("reply",) and len(key) > 1 and str(key[1]) in self.names:
            line = _(", line {line}").format(line=mistake.line) if mistake.line else ""
            return f"{self.names[str(key[1])]}{line}"
        if key[:1] == ("fields",) and len(key) > 1 and isinstance(key[1], int):
            return _("Field {number}").format(number=key[1] + 1)
        if mistake.language in self.names:
            return self.names[str(mistake.language)]
        return ""

    def _go_to_mistake(self, item: QListWidgetItem) -> None:
        mistake: Mistake = item.data(Qt.ItemDataRole.UserRole)
        key = mistake.key
        code = str(key[1]) if len(key) > 1 else str(mistake.language or "")
        if (key[:1] == ("reply",) and code in self.texts) or mistake.language in self.texts:
            self.tabs.setCurrentWidget(self.texts[code or str(mistake.language)])
            if mistake.line:
                self.texts[code].go_to_line(mistake.line)
        elif key[:1] == ("fields",):
            self.tabs.setCurrentWidget(self.fields)
            if len(key) > 1 and isinstance(key[1], int):
                self.fields.select_row(key[1])
        elif key[:1] == ("title",) and code in self.titles:
            self.titles[code].setFocus()
        elif key[:1] == ("id",):
            self.id_edit.setFocus()

    # --- the commands -----------------------------------------------------------------

    def _fill_field_list(self) -> None:
        names = self.fields.names()
        shared = [n for n in self.catalog.common_fields if n not in names]
        current = self.field_list.currentItem()
        keep = current.text() if current is not None else None
        self.field_list.clear()
        self.field_list.addItems([*names, *shared])
        labels = {f.name: f.labels.get(self.ui, "") for f in self.fields.fields()}
        labels.update({n: f.label(self.ui) for n, f in self.catalog.common_fields.items()})
        for row in range(self.field_list.count()):
            item = self.field_list.item(row)
            item.setToolTip(labels.get(item.text(), ""))
        found = self.field_list.findItems(keep or "", Qt.MatchFlag.MatchExactly) if keep else []
        self.field_list.setCurrentItem(found[0] if found else self.field_list.item(0))

    def current_text(self) -> ReplyTextPane | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ReplyTextPane) else None

    def _chosen_field(self, name: str | None) -> str | None:
        item = self.field_list.currentItem()
        return name or (item.text() if item is not None else None)

    def insert_field(self, name: str | None = None) -> None:
        """Put the field (``name``, else the one selected) at the cursor of the shown text."""
        pane, chosen = self.current_text(), self._chosen_field(name)
        if pane is not None and chosen:
            pane.insert_field(chosen)

    def wrap_optional(self, name: str | None = None) -> None:
        """The paragraph at the cursor shows only when the field is filled in."""
        pane, chosen = self.current_text(), self._chosen_field(name)
        if pane is not None and chosen:
            pane.wrap_paragraphs(chosen)

    def wrap_for_option(self, name: str, key: str) -> None:
        """The paragraph at the cursor shows only when the choice ``name`` is ``key``."""
        pane = self.current_text()
        if pane is not None:
            pane.wrap_paragraphs(f'{name} == "{key}"')

    def _fill_option_menu(self) -> None:
        self.option_menu.clear()
        choices = [f for f in self.fields.fields() if f.type == FieldType.CHOICE.value]
        for field in choices:
            for option in field.options:
                label = option.labels.get(self.ui) or option.key
                action = self.option_menu.addAction(f"{field.name}: {label}")
                action.triggered.connect(
                    lambda _=False, n=field.name, k=option.key: self.wrap_for_option(n, k)
                )
        if not choices:
            self.option_menu.addAction(_("No choice field yet")).setEnabled(False)

    # --- saving, discarding, closing --------------------------------------------------

    def save(self) -> bool:
        """Save the reply if it has no mistakes; else show them and keep the draft."""
        result = self.check_now()
        if not result.ok:
            self.status.setText(_("Not saved: correct the mistakes first (they are listed)."))
            return False
        spec = self.spec()
        try:
            saved, _changes = self.library.save(spec, editing=self.editing, draft=self.draft_key)
        except OwnRepliesError as exc:
            self.status.setText(_("Not saved: {error}").format(error=explain(str(exc))))
            return False
        self.original = spec
        self.saved.emit(saved.scenario_id)
        self._discarded = True  # nothing left to keep
        self.accept()
        return True

    def discard(self) -> None:
        """Drop the unsaved changes (and their draft) and close."""
        self.library.own.drafts.discard(self.draft_key)
        self._discarded = True
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._keep_on_close()
        super().closeEvent(event)

    def reject(self) -> None:
        self._keep_on_close()
        super().reject()

    def _keep_on_close(self) -> None:
        if self._discarded:
            return
        spec = self.spec()
        self._keep_draft(spec)
        if spec != self.original:
            self._discarded = True  # announced once
            self.closedWithDraft.emit()


def slug(titles: dict[str, QLineEdit]) -> str:
    """An id made from the first title written in Latin letters: "Thank the buyer" gives
    ``thank-the-buyer``; empty when there is none."""
    for edit in titles.values():
        words = re.sub(r"[^a-z0-9]+", "-", edit.text().lower()).strip("-")
        if words:
            return words[:60].rstrip("-")
    return ""
