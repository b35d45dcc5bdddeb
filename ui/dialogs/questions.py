"""Small modal questions, in one replaceable place.

Tests replace ``ask`` (``monkeypatch.setattr("ui.dialogs.questions.ask", ...)``) so that no
modal dialog blocks them (pytest-qt, "A note about Modal Dialogs"); the app calls it as
``questions.ask``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; True when the seller answers yes. No is the default answer."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
