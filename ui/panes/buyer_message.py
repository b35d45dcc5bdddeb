"""The buyer's message pane: paste what the buyer wrote, see what it calls for, open it.

The seller pastes the message (any language). On the next turn of the event loop (a burst of
typing is read once) the pane shows the language, the order and tracking numbers found, and the
three scenarios the message most likely needs, best first, the first highlighted. Enter in the
box (Shift+Enter: a new line) or a click on a suggestion asks the window to open that scenario
with the message's numbers filled in. Reading the message is the workspace's
(``Workspace.read_message``); this module only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from composer.templating.scenario import Catalog
from composer.triage import LANGUAGE_NAMES, UNKNOWN, FoundNumber, Triage
from composer.workspace import Workspace
from ui import i18n
from ui.i18n import _

BOX_LINES = 4  # the box's height at first, in lines: the message stays readable, the list short
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class BuyerMessagePane(QWidget):
    """The message box, what was found in it, and the suggested scenarios."""

    suggestionChosen = Signal(str)  # the scenario to open with the message's values
    messageRead = Signal(object)  # Triage, or None for an empty box: the reply's language follows

    def __init__(
        self, workspace: Workspace, catalog: Catalog, ui_language: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("buyerMessage")
        self.workspace = workspace
        self.catalog = catalog
        self.ui_language = ui_language
        self.found: Triage | None = None  # what the message tells, once read
        self._read_due = False

        self.heading = QLabel(self)
        self.heading.setObjectName("buyerMessageHeading")
        self.box = QPlainTextEdit(self)
        self.box.setObjectName("buyerMessageText")
        self.box.setTabChangesFocus(True)  # Tab goes on to the suggestions
        self.box.setProperty("snippetTarget", False)  # the buyer's words, not the reply
        line = self.box.fontMetrics().lineSpacing()
        self.box.setMinimumHeight(2 * line + 12)
        self.box.setFixedHeight(BOX_LINES * line + 12)
        self.box.installEventFilter(self)
        self.heading.setBuddy(self.box)
        self.summary = QLabel(self)
        self.summary.setObjectName("buyerMessageFound")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(self)
        self.hint.setObjectName("buyerMessageHint")
        self.hint.setWordWrap(True)
        self.suggestions = QListWidget(self)
        self.suggestions.setObjectName("buyerMessageSuggestions")
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = self.suggestions.fontMetrics().height() + 6
        self.suggestions.setFixedHeight(3 * row + 2 * self.suggestions.frameWidth() + 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.box)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addWidget(self.suggestions)
        layout.addStretch(1)

        self.box.textChanged.connect(self._read_soon)
        self.suggestions.itemClicked.connect(self._choose_item)
        self.suggestions.itemActivated.connect(self._choose_item)
        self.retranslate()
        self._show()

    # --- what the window asks -----------------------------------------------------------------

    def message(self) -> str:
        """The message as pasted (stored with the reply in the history)."""
        return self.box.toPlainText()

    def set_message(self, text: str) -> None:
        """Put ``text`` in the box (as a paste would); it is read on the next turn."""
        self.box.setPlainText(text)

    def read_now(self) -> Triage | None:
        """Read the message at once if a read is still due; what it tells (None: empty)."""
        if self._read_due:
            self._read()
        return self.found

    def open_current(self) -> bool:
        """Open the highlighted suggestion (the best one unless the seller moved); False when
        there is none."""
        self.read_now()
        item = self.suggestions.currentItem() or self.suggestions.item(0)
        if item is None:
            return False
        self.suggestionChosen.emit(item.data(Qt.ItemDataRole.UserRole))
        return True

    def focus_message(self) -> None:
        """Cursor in the box, its text selected: a paste replaces the last buyer's message."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def retranslate(self, ui_language: str | None = None) -> None:
        if ui_language is not None:
            self.ui_language = ui_language
        self.heading.setText(_("&Buyer's message"))
        self.box.setPlaceholderText(_("Paste the buyer's message here (any language)"))
        enter = _("Enter opens the highlighted scenario with the message's numbers filled in")
        self.box.setToolTip(enter + "\n" + _("Shift+Enter starts a new line"))
        self.box.setAccessibleName(_("Buyer's message"))
        self.suggestions.setAccessibleName(_("Suggested scenarios"))
        self.suggestions.setToolTip(enter)
        self._show()

    # --- reading and showing ------------------------------------------------------------------

    def _read_soon(self) -> None:
        # Read on the next turn of the event loop: a keystroke or a paste returns at once and a
        # burst of them is read once.
        if not self._read_due:
            self._read_due = True
            QTimer.singleShot(0, self, self._read)

    def _read(self) -> None:
        if not self._read_due:
            return
        self._read_due = False
        text = self.box.toPlainText()
        self.found = self.workspace.read_message(text) if text.strip() else None
        self._show()
        self.messageRead.emit(self.found)

    def _show(self) -> None:
        found = self.found
        self.suggestions.clear()
        if found is None:
            self.summary.hide()
            self.suggestions.hide()
            self.hint.setText(
                _("No message yet: paste one to see its language, order number and scenario.")
            )
            self.hint.show()
            return
        self.summary.setText(self._summary(found))
        self.summary.show()
        for rank, suggestion in enumerate(found.suggestions):
            scenario = self.catalog.get(suggestion.scenario)
            title = scenario.title(self.ui_language) if scenario else suggestion.scenario
            item = QListWidgetItem(title, self.suggestions)
            item.setData(Qt.ItemDataRole.UserRole, suggestion.scenario)
            score = _("Match score {score:.2f} (0 to 1; higher fits better)")
            item.setToolTip(title + "\n" + score.format(score=suggestion.score))  # full title
            if rank == 0:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        if found.suggestions:
            self.suggestions.setCurrentRow(0)
            self.suggestions.show()
            self.hint.hide()
        else:
            self.suggestions.hide()
            self.hint.setText(_("No scenario matches this message: pick one from the list below."))
            self.hint.show()

    def _summary(self, found: Triage) -> str:
        if found.language == UNKNOWN:
            parts = [_("Language not recognised")]
        else:
            fallback = LANGUAGE_NAMES.get(found.language, found.language)
            parts = [i18n.language_name(found.language, fallback)]
        if found.order_numbers:
            numbers = ", ".join(n.number for n in found.order_numbers)
            parts.append(_("order {numbers}").format(numbers=numbers))
        if found.tracking_numbers:
            numbers = ", ".join(_tracking(n) for n in found.tracking_numbers)
            parts.append(_("tracking {numbers}").format(numbers=numbers))
        if not (found.order_numbers or found.tracking_numbers):
            parts.append(_("no order or tracking number"))
        return " · ".join(parts)

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.suggestionChosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the box opens the highlighted suggestion, as in a chat app; Shift+Enter is
        # the new line. Pasting keeps every line of the message.
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in ENTER_KEYS:
                modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if modifiers == Qt.KeyboardModifier.NoModifier:
                    if not self.open_current():
                        self.hint.show()  # it already says why nothing opens
                    return True
                if modifiers == Qt.KeyboardModifier.ShiftModifier:
                    self.box.insertPlainText("\n")
                    return True
        return super().eventFilter(watched, event)


def _tracking(number: FoundNumber) -> str:
    return f"{number.number} ({number.carrier})" if number.carrier else number.number
