"""Help: the keyboard cheat sheet (F1) and the About box.

Both open window-modal without blocking (``open()``), so the window's tests can find, read and
close them.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from composer import version
from ui.assets import app_icon
from ui.i18n import N_, _

# Keys that are not menu actions: what the lists and fields do by themselves.
FIXED_KEYS = [
    ("↑ ↓", N_("In the scenario search: move through the matching scenarios")),
    ("Enter", N_("In the scenario search: open the highlighted scenario")),
    ("Tab", N_("Next field")),
    ("Shift+Tab", N_("Previous field")),
]


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` that has a shortcut, then the rest.

    The nine Ctrl+1..9 of the recent scenarios make one row.
    """
    rows = []
    recent: list[str] = []
    for action in window.actions():
        if not isinstance(action, QAction) or not action.shortcuts():
            continue
        # Return and Enter read the same in some languages (回车): each text once.
        keys = " / ".join(dict.fromkeys(_native(s) for s in action.shortcuts()))
        if action.objectName().startswith("recentAction"):
            recent.append(keys)
            continue
        rows.append((keys, action.text().replace("&", "")))
    if recent:
        rows.append((f"{recent[0]} … {recent[-1]}", _("Reopen a recent scenario")))
    rows.extend((_native(QKeySequence(keys)) or keys, _(text)) for keys, text in FIXED_KEYS)
    return rows


class ShortcutsDialog(QDialog):
    """The cheat sheet: a two-column table read from the window's actions."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.table = QTextBrowser(self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        rows = "".join(
            f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(keys)}</b></td>"
            f"<td>{html.escape(text)}</td></tr>"
            for keys, text in shortcut_rows(window)
        )
        self.table.setHtml(f"<table>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(600, 400)


def show_shortcuts(window: QWidget) -> ShortcutsDialog:
    """Open the cheat sheet over ``window`` (closing it frees it)."""
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_about(window: QWidget, data_dir: Path | None = None) -> QMessageBox:
    """The About box: what the app is, its version, where it keeps the seller's data."""
    box = QMessageBox(window)
    box.setObjectName("aboutBox")
    box.setWindowTitle(_("About Reply Composer"))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<h3>{html.escape(_('Reply Composer'))} {html.escape(version())}</h3>"
        f"<p>{html.escape(_('Polite, correct customer-service replies in English and Chinese.'))}"
        f"</p><p>{html.escape(_('Works offline: no account, nothing leaves this computer.'))}</p>"
        + (
            f"<p>{html.escape(_('Your data folder (your replies, snippets, history):'))}<br>"
            f"<code>{html.escape(str(data_dir))}</code></p>"
            if data_dir is not None
            else ""
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
