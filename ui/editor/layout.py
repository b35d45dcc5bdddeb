"""The reply editor's widgets: built and named here, so that ``ui.editor.dialog`` holds what
the editor does (checking, drafts, commands, saving) and this module what it looks like."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from composer.templating.scenario import MESSAGE_KINDS
from ui import i18n, theme
from ui.editor.fields_table import FieldsTable
from ui.editor.reply_text import ReplyTextPane
from ui.i18n import N_, _

if TYPE_CHECKING:
    from ui.editor.dialog import ReplyEditor

KIND_NAMES = {
    "answer": N_("An answer to the buyer's message"),
    "notice": N_("A notice you send first"),
    "feedback-request": N_("A feedback request"),
    "review-reply": N_("A public reply to a review"),
}


def build(self: ReplyEditor) -> None:
    """The editor's widgets, laid out, and their signals connected."""
    self.id_edit = QLineEdit(self)
    self.id_edit.setObjectName("replyId")
    self.category = QComboBox(self)
    self.category.setObjectName("replyCategory")
    for cid, category in sorted(self.catalog.categories.items(), key=lambda c: c[1].order):
        self.category.addItem(category.title(self.ui), cid)
    self.kind = QComboBox(self)
    self.kind.setObjectName("replyKind")
    for kind in MESSAGE_KINDS:
        self.kind.addItem(_(KIND_NAMES.get(kind, kind)), kind)
    self.labels = {n: QLabel(self) for n in ("id", "category", "kind")}
    top = QGridLayout()
    top.addWidget(self.labels["id"], 0, 0)
    top.addWidget(self.id_edit, 0, 1)
    top.addWidget(self.labels["category"], 0, 2)
    top.addWidget(self.category, 0, 3)
    top.addWidget(self.labels["kind"], 0, 4)
    top.addWidget(self.kind, 0, 5)
    self.titles = {}
    self.keywords = {}
    self.row_labels = {}
    for row, code in enumerate(self.codes, start=1):
        title, words = QLineEdit(self), QLineEdit(self)
        title.setObjectName(f"replyTitle_{code}")
        words.setObjectName(f"replyKeywords_{code}")
        self.titles[code], self.keywords[code] = title, words
        self.row_labels[code] = (QLabel(self), QLabel(self))
        top.addWidget(self.row_labels[code][0], row, 0)
        top.addWidget(title, row, 1, 1, 3)
        top.addWidget(self.row_labels[code][1], row, 4)
        top.addWidget(words, row, 5)
    top.setColumnStretch(1, 2)
    top.setColumnStretch(5, 2)

    self.tabs = QTabWidget(self)
    self.tabs.setObjectName("editorTabs")
    self.fields = FieldsTable(self.names, self)
    self.tabs.addTab(self.fields, "")
    self.texts = {}
    for code in self.codes:
        pane = ReplyTextPane(code, self)
        self.texts[code] = pane
        self.tabs.addTab(pane, "")
    # The seller's own advice for the reply, shown under the preview as "How to handle it".
    self.advice = QWidget(self)
    advice_layout = QVBoxLayout(self.advice)
    self.guidance = {}
    self.guidance_labels = {}
    for code in self.codes:
        label, text = QLabel(self), QPlainTextEdit(self)
        text.setObjectName(f"replyGuidance_{code}")
        text.setTabChangesFocus(True)
        label.setBuddy(text)
        self.guidance_labels[code], self.guidance[code] = label, text
        advice_layout.addWidget(label)
        advice_layout.addWidget(text, 1)
    self.tabs.addTab(self.advice, "")
    # Between the text and the preview: the fields to insert and the commands.
    self.field_list = QListWidget(self)
    self.field_list.setObjectName("insertFieldList")
    self.field_list_label = QLabel(self)
    self.insert_button = QPushButton(self)
    self.insert_button.setObjectName("insertFieldButton")
    self.optional_button = QPushButton(self)
    self.optional_button.setObjectName("optionalParagraphButton")
    self.option_button = QPushButton(self)
    self.option_button.setObjectName("optionParagraphButton")
    self.option_menu = QMenu(self)
    self.option_button.setMenu(self.option_menu)
    commands = QWidget(self)
    command_layout = QVBoxLayout(commands)
    command_layout.setContentsMargins(0, 0, 0, 0)
    for widget in (self.field_list_label, self.field_list, self.insert_button):
        command_layout.addWidget(widget)
    command_layout.addWidget(self.optional_button)
    command_layout.addWidget(self.option_button)
    self.previews = {}
    self.preview_labels = {}
    preview_area = QWidget(self)
    preview_layout = QVBoxLayout(preview_area)
    preview_layout.setContentsMargins(0, 0, 0, 0)
    for code in self.codes:
        label, view = QLabel(self), QPlainTextEdit(self)
        view.setObjectName(f"editorPreview_{code}")
        view.setReadOnly(True)
        self.preview_labels[code], self.previews[code] = label, view
        preview_layout.addWidget(label)
        preview_layout.addWidget(view, 1)
    self.mistakes_label = QLabel(self)
    self.mistakes = QListWidget(self)
    self.mistakes.setObjectName("editorMistakes")
    self.mistakes.setWordWrap(True)
    preview_layout.addWidget(self.mistakes_label)
    preview_layout.addWidget(self.mistakes)
    splitter = QSplitter(Qt.Orientation.Horizontal, self)
    splitter.addWidget(self.tabs)
    splitter.addWidget(commands)
    splitter.addWidget(preview_area)
    splitter.setStretchFactor(0, 5)
    splitter.setStretchFactor(1, 1)
    splitter.setStretchFactor(2, 3)
    splitter.setSizes([620, 170, 420])

    self.draft_banner = QLabel(self)
    self.draft_banner.setObjectName("draftBanner")
    self.draft_banner.setWordWrap(True)
    colors = theme.accents()
    self.draft_banner.setStyleSheet(
        f"QLabel#draftBanner {{ background: {colors.marker_background};"
        f" color: {colors.marker_text}; padding: 4px; border-radius: 3px; }}"
    )
    self.status = QLabel(self)
    self.status.setObjectName("editorStatus")
    self.save_button = QPushButton(self)
    self.save_button.setObjectName("saveReplyButton")
    self.save_button.setDefault(True)
    self.discard_button = QPushButton(self)
    self.discard_button.setObjectName("discardReplyButton")
    self.close_button = QPushButton(self)
    self.close_button.setObjectName("closeEditorButton")
    buttons = QHBoxLayout()
    buttons.addWidget(self.status, 1)
    for button in (self.discard_button, self.close_button, self.save_button):
        buttons.addWidget(button)
    layout = QVBoxLayout(self)
    layout.addWidget(self.draft_banner)
    layout.addLayout(top)
    layout.addWidget(splitter, 1)
    layout.addLayout(buttons)
    self.resize(1240, 760)

    for edit in (self.id_edit, *self.titles.values(), *self.keywords.values()):
        edit.textChanged.connect(self.schedule_check)
    self.category.currentIndexChanged.connect(self.schedule_check)
    self.kind.currentIndexChanged.connect(self.schedule_check)
    self.fields.changed.connect(self._fields_changed)
    for pane in self.texts.values():
        pane.changed.connect(self.schedule_check)
    for text in self.guidance.values():
        text.textChanged.connect(self.schedule_check)
    self.field_list.itemDoubleClicked.connect(lambda _item: self.insert_field())
    self.insert_button.clicked.connect(lambda: self.insert_field())
    self.optional_button.clicked.connect(lambda: self.wrap_optional())
    self.option_menu.aboutToShow.connect(self._fill_option_menu)
    self.mistakes.itemActivated.connect(self._go_to_mistake)
    self.mistakes.itemClicked.connect(self._go_to_mistake)
    self.save_button.clicked.connect(self.save)
    self.discard_button.clicked.connect(self.discard)
    self.close_button.clicked.connect(self.close)


def name_widgets(self: ReplyEditor) -> None:
    """The editor's texts in the current interface language."""
    self.setWindowTitle(_("Edit reply"))
    self.labels["id"].setText(_("Id"))
    self.id_edit.setPlaceholderText(_("made from the title"))
    self.labels["category"].setText(_("Category"))
    self.labels["kind"].setText(_("Kind"))
    for code, (title, words) in self.row_labels.items():
        title.setText(_("Title ({language})").format(language=self.names[code]))
        words.setText(_("Search words ({language})").format(language=self.names[code]))
        self.keywords[code].setPlaceholderText(_("comma-separated, e.g. thanks, gift"))
        self.preview_labels[code].setText(
            _("Preview with the examples ({language})").format(language=self.names[code])
        )
    self.tabs.setTabText(0, _("Fields"))
    for index, code in enumerate(self.codes, start=1):
        self.tabs.setTabText(index, _("Reply ({language})").format(language=self.names[code]))
        self.guidance_labels[code].setText(
            _("How to handle it ({language}): your advice, shown under the preview").format(
                language=self.names[code]
            )
        )
    self.tabs.setTabText(self.tabs.indexOf(self.advice), _("Advice"))
    for index in range(self.kind.count()):
        kind = str(self.kind.itemData(index))
        self.kind.setItemText(index, _(KIND_NAMES.get(kind, kind)))
    self.ui = i18n.content_language()
    for index in range(self.category.count()):
        category = self.catalog.categories.get(str(self.category.itemData(index)))
        if category is not None:
            self.category.setItemText(index, category.title(self.ui))
    self.field_list_label.setText(_("Fields to insert"))
    self.insert_button.setText(_("Insert at the cursor"))
    self.insert_button.setToolTip(_("Put the selected field into the text at the cursor"))
    self.optional_button.setText(_("Optional paragraph"))
    self.optional_button.setToolTip(
        _("Show the paragraph at the cursor only when the selected field is filled in")
    )
    self.option_button.setText(_("Paragraph for one option"))
    self.option_button.setToolTip(
        _("Show the paragraph at the cursor only when a choice has one option")
    )
    self.mistakes_label.setText(_("Mistakes"))
    self.save_button.setText(_("Save"))
    self.discard_button.setText(_("Discard changes"))
    self.close_button.setText(_("Close"))
    self.close_button.setToolTip(_("Close; unsaved changes are kept as a draft"))
    self.fields.retranslate()
