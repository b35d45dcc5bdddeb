"""The snippet panel: find a snippet, insert it where the seller is typing, keep the library.

Insert puts the snippet's text at the cursor of the text the seller was last in: a field of the
form, or a reply's preview. A box with a reply language of its own (a preview, a note) takes
the snippet's text in that language; any other takes the language chosen beside the button.
Typing a snippet's exact key selects it; an empty list says what to do. Delete can be undone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from composer.storage.file_format import StoreError
from composer.storage.snippets import Snippet
from composer.templating.scenario import Language
from composer.workspace import Changes, Workspace
from ui import i18n
from ui.i18n import _
from ui.snippets.dialog import SnippetDialog
from ui.snippets.model import SnippetListModel

TextBox = QPlainTextEdit | QTextEdit | QLineEdit
SNIPPET_TARGET = "snippetTarget"  # a widget property: True lets a one-line box take snippets,
# False keeps a long-text box out (the buyer's message is theirs, not the reply)


class _DeleteSnippet(QUndoCommand):
    """Deleting a snippet, undone by saving it back exactly as it was."""

    def __init__(self, panel: SnippetPanel, snippet: Snippet) -> None:
        super().__init__(_("Delete snippet {key}").format(key=snippet.key))
        self.panel = panel
        self.snippet = snippet

    def redo(self) -> None:
        self.panel.store_change(lambda: self.panel.workspace.remove_snippet(self.snippet.key))

    def undo(self) -> None:
        self.panel.store_change(lambda: self.panel.workspace.restore_snippet(self.snippet))
        self.panel.select(self.snippet.key)


class SnippetList(QListView):
    """The snippet list; empty, it says what to do (a hint painted in its viewport, so the list
    keeps its place and its keyboard shortcuts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def set_empty_text(self, text: str) -> None:
        if text != self.empty_text:
            self.empty_text = text
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            area = self.viewport().rect().adjusted(6, 4, -6, -4)
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.empty_text)
            painter.end()


class SnippetPanel(QWidget):
    """Search, insert, create, edit and delete snippets (``snippetPanel``)."""

    changed = Signal(object)  # Changes: the library changed (drafts printing one render again)
    message = Signal(str)  # a short note for the status bar
    problem = Signal(str)  # a change that could not be saved

    def __init__(
        self,
        workspace: Workspace,
        languages: Mapping[str, Language],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("snippetPanel")
        self.workspace = workspace
        self.store = store = workspace.snippets
        self.languages = languages
        self.model = SnippetListModel(store, self)
        self.undo_stack = QUndoStack(self)
        self._target: TextBox | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("snippetSearch")
        self.search.setClearButtonEnabled(True)
        self.list = SnippetList(self)
        self.list.setObjectName("snippetList")
        self.list.setModel(self.model)
        self.language = QComboBox(self)
        self.language.setObjectName("snippetLanguage")
        for code, language in languages.items():
            self.language.addItem(language.name, code)
        self.insert_button = QPushButton(self)
        self.insert_button.setObjectName("snippetInsertButton")
        # Small buttons: the panel shares the picker's narrow column.
        self.new_button = QToolButton(self)
        self.new_button.setObjectName("snippetNewButton")
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("snippetEditButton")
        self.delete_button = QToolButton(self)
        self.delete_button.setObjectName("snippetDeleteButton")
        self.undo_button = QToolButton(self)
        self.undo_button.setObjectName("snippetUndoButton")
        self.undo_button.setEnabled(False)
        self.language_label = QLabel(self)

        # A strip along the bottom of the window: one row with the search and every action,
        # then the snippets side by side, wrapping (a few short keys fill a line, not a column).
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.insert_button)
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            button.setAutoRaise(True)
            row.addWidget(button)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        line = self.list.fontMetrics().lineSpacing()
        self.list.setMinimumHeight(line + 12)  # at its smallest, one line of snippets

        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.list.addAction(self.undo_action)

        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.insert)
        self.list.activated.connect(lambda _index: self.insert())
        self.insert_button.clicked.connect(self.insert)
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search snippets (e.g. sig, refund, 退款)"))
        self.search.setAccessibleName(_("Search snippets"))
        self.list.setAccessibleName(_("Snippets"))
        self.insert_button.setText(_("Insert"))
        self.insert_button.setToolTip(_("Insert the snippet where the cursor was (Enter)"))
        self.language_label.setText(_("in"))
        self.language.setToolTip(_("The language to insert into a box that has none of its own"))
        self.language.setAccessibleName(_("Language to insert"))
        for index in range(self.language.count()):
            language = self.languages.get(self.language.itemData(index))
            if language is not None:
                self.language.setItemText(index, i18n.language_name(language.locale, language.name))
        self.new_button.setText(_("New…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.undo_button.setText(_("Undo"))
        self.undo_button.setToolTip(_("Bring back the snippet you deleted"))
        self.undo_action.setText(_("Undo delete"))
        self._show_empty()

    # --- where inserting goes --------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isinstance(new, QPlainTextEdit | QTextEdit | QLineEdit) or new.isReadOnly():
            return
        wanted = new.property(SNIPPET_TARGET)
        one_line = isinstance(new, QLineEdit)
        if (
            (wanted is True or (wanted is None and not one_line))
            and not self.isAncestorOf(new)
            and not isinstance(new.window(), QDialog)
        ):
            self._target = new

    def set_target(self, box: TextBox | None) -> None:
        """Make ``box`` the text box Insert writes into."""
        self._target = box

    def target(self) -> TextBox | None:
        """The text box the seller was last in, if it still exists."""
        box = self._target
        if box is None or not shiboken6.isValid(box) or box.isReadOnly():
            return None
        return box

    def target_language(self) -> str:
        """The reply language of the target box (a preview's), else the one chosen here."""
        widget: QWidget | None = self.target()
        while widget is not None:
            code = widget.property("replyLanguage")
            language = getattr(widget, "language", None)
            if isinstance(code, str) and code in self.languages:
                return code
            if isinstance(language, Language) and language.code in self.languages:
                return language.code
            widget = widget.parentWidget()
        return str(self.language.currentData() or next(iter(self.languages), "en"))

    # --- what the seller does ---------------------------------------------------------------

    def current(self) -> Snippet | None:
        index = self.list.currentIndex()
        if not index.isValid() and self.model.rowCount() == 1:
            return self.model.snippet(0)
        return self.model.snippet(index.row()) if index.isValid() else None

    def _search(self, text: str) -> None:
        """Show the matches; a snippet's exact key selects that snippet."""
        self.model.set_query(text)
        row = self.model.row_of(text.strip())
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        self._show_empty()

    def _show_empty(self) -> None:
        """What the list says when it shows nothing: what to do."""
        query = self.search.text().strip()
        if query:
            self.list.set_empty_text(_("No snippet matches “{text}”").format(text=query))
        else:
            self.list.set_empty_text(_("No snippets yet — New… adds one"))

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row < 0 and self.search.text():
            self.search.clear()
            row = self.model.row_of(key)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def insert(self) -> bool:
        """Insert the current snippet at the cursor of the target box; False if it cannot."""
        snippet = self.current()
        box = self.target()
        if snippet is None:
            self.message.emit(_("Choose a snippet first."))
            return False
        if box is None:
            self.message.emit(_("Click into a field or a reply first, then insert."))
            return False
        code = self.target_language()
        text = snippet.body(code)
        if text is None:
            language = self.languages.get(code)
            name = i18n.language_name(language.locale, language.name) if language else code
            self.message.emit(
                _("The snippet {key} has no {language} text.").format(
                    key=snippet.key, language=name
                )
            )
            return False
        if isinstance(box, QLineEdit):
            box.insert(" ".join(text.split()))  # one line: its line breaks become spaces
        else:
            box.textCursor().insertText(text)
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.store_change(lambda: self.workspace.record_snippet_use(snippet.key))
        self.message.emit(_("Inserted the snippet {key}.").format(key=snippet.key))
        return True

    def ask_snippet(self, snippet: Snippet | None) -> Snippet | None:
        """The snippet dialog, filled with ``snippet``; None when cancelled (tests replace it)."""
        dialog = SnippetDialog(self.languages, self)
        dialog.set_snippet(snippet)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.snippet()

    def ask_replace(self, key: str) -> bool:
        """Whether to replace the existing snippet ``key`` (tests replace it)."""
        answer = QMessageBox.question(
            self,
            _("Replace snippet?"),
            _("A snippet {key} already exists. Replace it?").format(key=key),
        )
        return answer == QMessageBox.StandardButton.Yes

    def new(self) -> None:
        snippet = self.ask_snippet(None)
        if snippet is None:
            return
        if snippet.key in self.store and not self.ask_replace(snippet.key):
            return
        if self.store_change(lambda: self.workspace.save_snippet(snippet)):
            self.select(snippet.key)

    def edit(self) -> None:
        old = self.current()
        if old is None:
            self.message.emit(_("Choose a snippet first."))
            return
        snippet = self.ask_snippet(old)
        if snippet is None:
            return
        renamed_over = snippet.key != old.key and snippet.key in self.store
        if renamed_over and not self.ask_replace(snippet.key):
            return
        # A renamed snippet: saved and the old key removed in one write.
        if self.store_change(lambda: self.workspace.save_snippet(snippet, replacing=old.key)):
            self.select(snippet.key)

    def delete(self) -> None:
        snippet = self.current()
        if snippet is None:
            self.message.emit(_("Choose a snippet first."))
            return
        self.undo_stack.push(_DeleteSnippet(self, snippet))
        self.message.emit(
            _("Deleted the snippet {key} (Undo brings it back).").format(key=snippet.key)
        )

    def store_change(self, change: Callable[[], Changes]) -> bool:
        """Run one workspace operation on the library; a failure is reported, never raised to
        the seller. What it changed is announced (nothing, for counting an insertion)."""
        try:
            changes = change()
        except StoreError as exc:
            self.problem.emit(str(exc))
            return False
        if changes:
            self.refresh()
            self.changed.emit(changes)
        return True

    def refresh(self) -> None:
        """Show the store as it is now, keeping the selection where possible."""
        current = self.current()
        self.model.refresh()
        if current is not None:
            row = self.model.row_of(current.key)
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))
        self._show_empty()

    def current_index(self) -> QModelIndex:
        return self.list.currentIndex()
