"""The history window: find a copied reply by order number or buyer, read it, reopen it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from composer.storage.file_format import StoreError
from composer.storage.history import HistoryRecord, HistoryStore
from ui import i18n
from ui.i18n import N_, _, content_language

COLUMNS = (N_("Copied"), N_("Scenario"), N_("Order number"), N_("Buyer"), N_("Language"))


def copied_languages(record: HistoryRecord) -> list[str]:
    """The language codes the seller copied: one, or every kept reply for a "copy both"."""
    if record.copied in record.drafts:
        return [record.copied]
    return list(record.drafts) if record.copied == "all" else []


def language_name(code: str) -> str:
    """A record's language code in the interface language ("Spanish", "西班牙语")."""
    return i18n.language_name(code.replace("-", "_"), code)


class HistoryModel(QAbstractTableModel):
    """The records matching the search, newest first."""

    def __init__(self, store: HistoryStore, ui_language: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ui_language = ui_language
        self.query = ""
        self._rows: list[HistoryRecord] = []
        self.refresh()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        record = self._rows[index.row()]
        return (
            record.time.strftime("%Y-%m-%d %H:%M"),
            record.title(self.ui_language),
            record.order_number,
            record.buyer_name,
            _(" + ").join(language_name(code) for code in copied_languages(record)),
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section])
        return None

    def set_query(self, text: str) -> None:
        self.query = text
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self.store.records(self.query)
        self.endResetModel()

    def record(self, row: int) -> HistoryRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class HistoryView(QDialog):
    """Copied replies (``historyView``): search, read, reopen, delete, and how long to keep."""

    reopenRequested = Signal(object)  # HistoryRecord
    problem = Signal(str)

    def __init__(
        self, store: HistoryStore, ui_language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.store = store
        self.model = HistoryModel(store, ui_language, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setObjectName("historyList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("historyPreview")
        self.preview.setReadOnly(True)
        self.reopen_button = QPushButton(self)
        self.reopen_button.setObjectName("historyReopenButton")
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("historyDeleteButton")
        self.keep_label = QLabel(self)
        self.keep_days = QSpinBox(self)
        self.keep_days.setObjectName("historyKeepDays")
        self.keep_days.setRange(0, 3650)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("historyCount")

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_label)
        buttons.addWidget(self.keep_days)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)

        self.search.textChanged.connect(self.model.set_query)
        self.model.modelReset.connect(self._show_count)
        self.table.selectionModel().currentRowChanged.connect(self._show_record)
        self.table.doubleClicked.connect(lambda _index: self.reopen())
        self.reopen_button.clicked.connect(self.reopen)
        self.delete_button.clicked.connect(self.delete)
        self.keep_days.editingFinished.connect(self._keep_days_changed)
        self.resize(760, 520)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reply history"))
        self.search.setPlaceholderText(_("Search by order number or buyer"))
        self.reopen_button.setText(_("Reopen"))
        self.reopen_button.setToolTip(_("Open the scenario again with the values it was sent with"))
        self.delete_button.setText(_("Delete"))
        self.keep_label.setText(_("Keep replies for"))
        self.keep_days.setSuffix(_(" days"))
        self.keep_days.setSpecialValueText(_("forever"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        # The scenario and language columns in the interface's language too, after a switch.
        language = content_language()
        if language != self.model.ui_language:
            self.model.ui_language = language
            self.model.dataChanged.emit(
                self.model.index(0, 1),
                self.model.index(self.model.rowCount() - 1, len(COLUMNS) - 1),
            )
        self._show_count()

    def refresh(self) -> None:
        """Read the history again (a copy was just saved, or another window changed it)."""
        self.keep_days.setValue(self.store.keep_days or 0)
        self.model.refresh()

    def _show_count(self) -> None:
        days = self.store.keep_days
        kept = _("kept for {days} days").format(days=days) if days else _("kept until you delete")
        self.count_label.setText(
            _("{count} replies, {kept}.").format(count=len(self.store), kept=kept)
        )

    def current(self) -> HistoryRecord | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_record(self) -> None:
        record = self.current()
        if record is None:
            self.preview.clear()
            return
        parts = []
        copied = copied_languages(record)
        # What was copied first, each reply under its language's name.
        for code in sorted(record.drafts, key=lambda c: c not in copied):
            draft = record.drafts[code]
            name = language_name(code)
            heading = _("{language} (copied)").format(language=name) if code in copied else name
            subject = draft.get("subject")
            text = (f"{subject}\n\n" if subject else "") + (draft.get("body") or "")
            parts.append(f"{heading}\n\n{text}")
        if record.buyer_message:
            heading = _("The buyer's message:")
            parts.insert(0, f"{heading}\n\n{record.buyer_message}")
        self.preview.setPlainText("\n\n----------\n\n".join(parts))

    def reopen(self) -> None:
        record = self.current()
        if record is not None:
            self.reopenRequested.emit(record)

    def delete(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        records = [r for row in sorted(rows) if (r := self.model.record(row)) is not None]
        if not records and self.current() is not None:
            records = [self.current()]  # type: ignore[list-item]
        if not records:
            return
        try:
            self.store.remove(r.id for r in records)
        except StoreError as exc:
            self.problem.emit(str(exc))
        self.model.refresh()

    def _keep_days_changed(self) -> None:
        days = self.keep_days.value() or None
        if days == self.store.keep_days:
            return
        try:
            self.store.set_keep_days(days)
        except StoreError as exc:
            self.problem.emit(str(exc))
        self.model.refresh()
