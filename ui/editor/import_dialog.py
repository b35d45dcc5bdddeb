"""What importing a reply pack will do, shown before it is done: each reply, whether it is
added, replaces one of the seller's, shows instead of a shipped reply, is already there, or is
refused (with the file, line and reason). Import writes only the added and replaced ones."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.library.packs import ADD, REFUSED, REPLACE, REPLACE_SHIPPED, SAME, ImportItem
from ui import i18n, theme
from ui.editor.messages import explain
from ui.i18n import N_, _

ACTION_NAMES = {
    ADD: N_("Added"),
    REPLACE: N_("Replaces your reply"),
    REPLACE_SHIPPED: N_("Shows instead of the shipped reply"),
    SAME: N_("Already there, unchanged"),
    REFUSED: N_("Refused"),
}


class ImportDialog(QDialog):
    """The plan of one import; accepted: carry it out."""

    def __init__(self, items: list[ImportItem], source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importPackDialog")
        self.items = items
        language = i18n.content_language()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(items), 3, self)
        self.table.setObjectName("importPlan")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        colors = theme.accents()
        for row, item in enumerate(items):
            cells = [item.title(language), _(ACTION_NAMES[item.action]), _problem(item.problem)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if item.action == REFUSED:
                    cell.setForeground(QColor(colors.error_text))
                self.table.setItem(row, column, cell)
        self.table.setHorizontalHeaderLabels([_("Reply"), _("What happens"), _("Why")])
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("confirmImportButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        writes = sum(1 for i in items if i.action in (ADD, REPLACE, REPLACE_SHIPPED))
        refused = sum(1 for i in items if i.action == REFUSED)
        self.import_button.setEnabled(writes > 0)
        self.intro.setText(
            _("{source}: {count} replies to add or replace, {refused} refused.").format(
                source=source, count=writes, refused=refused
            )
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Import replies"))
        self.resize(820, 360)


def _problem(text: str) -> str:
    """``file:line: message`` with the message in the interface language."""
    parts = text.split(": ", 1)
    return f"{parts[0]}: {explain(parts[1])}" if len(parts) == 2 else text
