"""The snippet list as a Qt item model over the snippet store, filtered by a search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from composer.storage.snippets import Snippet, SnippetStore

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_AT_MOST = 200  # a search shows this many best matches


class SnippetListModel(QAbstractListModel):
    """The store's snippets matching the current search, best first (one row each)."""

    def __init__(self, store: SnippetStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.query = ""
        self._rows: list[Snippet] = []
        self.refresh()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        snippet = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{snippet.title}  ·  {snippet.key}"
                if snippet.title != snippet.key
                else snippet.key
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n\n".join(snippet.bodies.values())
        if role == KEY_ROLE:
            return snippet.key
        return None

    def set_query(self, text: str) -> None:
        """Show the snippets matching ``text`` (all, most used first, when empty)."""
        self.query = text
        self.refresh()

    def refresh(self) -> None:
        """Read the store again (after a change here or in another copy of the app)."""
        self.beginResetModel()
        self._rows = self.store.search(self.query, SHOWN_AT_MOST)
        self.endResetModel()

    def snippet(self, row: int) -> Snippet | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        """The row showing ``key``, or -1."""
        return next((row for row, s in enumerate(self._rows) if s.key == key), -1)
