"""Helpers for the window tests: find a widget by its object name, read a preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def child(window: QWidget, kind: type[Any], name: str) -> Any:
    """The ``kind`` widget called ``name`` in ``window``; fails the test when there is none."""
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def preview(window: QWidget, code: str) -> str:
    """The reply text the ``code`` preview shows."""
    return child(window, QPlainTextEdit, f"preview{code.title()}").toPlainText()


def type_amount(window: Any, qtbot: Any, name: str, text: str) -> None:
    """Type an amount into a money field's box as a seller would (select all, type over)."""
    box = window.form.editors[name].amount
    box.selectAll()
    if text:
        qtbot.keyClicks(box, text)
    else:
        qtbot.keyClick(box, Qt.Key.Key_Delete)
