"""The reply editor's fields: one row per field (name, type, required, default, example, label
and help per language), add, remove and move up or down; below it, the options of the choice
field selected (key and label per language)."""

from __future__ import annotations

import copy
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.library.spec import FieldSpec, OptionSpec
from composer.templating.fields import FieldType
from ui.i18n import N_, _

TYPE_NAMES = {
    "": N_("shared (from the catalog)"),
    FieldType.TEXT.value: N_("text"),
    FieldType.LONG_TEXT.value: N_("long text"),
    FieldType.DATE.value: N_("date"),
    FieldType.MONEY.value: N_("money"),
    FieldType.NUMBER.value: N_("number"),
    FieldType.PERCENT.value: N_("percentage"),
    FieldType.CHOICE.value: N_("choice"),
    FieldType.YES_NO.value: N_("yes/no"),
}
NAME, TYPE, REQUIRED, DEFAULT, EXAMPLE = range(5)


class FieldsTable(QWidget):
    """Edits a list of ``FieldSpec``; ``fields()`` reads it back (extras kept per row)."""

    changed = Signal()

    def __init__(self, languages: Mapping[str, str], parent: QWidget | None = None) -> None:
        """``languages``: code -> the language's name in the interface."""
        super().__init__(parent)
        self.setObjectName("fieldsEditor")
        self.languages = dict(languages)
        self._rows: list[FieldSpec] = []
        self._filling = False
        codes = list(self.languages)
        self.columns = 5 + 2 * len(codes)
        self.table = QTableWidget(0, self.columns, self)
        self.table.setObjectName("fieldsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, handler in (
            ("add", self.add_field),
            ("remove", self.remove_field),
            ("up", lambda: self.move_field(-1)),
            ("down", lambda: self.move_field(1)),
        ):
            button = QPushButton(self)
            button.setObjectName(f"{name}FieldButton")
            button.clicked.connect(handler)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.options_label = QLabel(self)
        self.options = QTableWidget(0, 1 + len(codes), self)
        self.options.setObjectName("optionsTable")
        self.options.verticalHeader().setVisible(False)
        self.options.horizontalHeader().setStretchLastSection(True)
        self.add_option = QPushButton(self)
        self.add_option.setObjectName("addOptionButton")
        self.remove_option = QPushButton(self)
        self.remove_option.setObjectName("removeOptionButton")
        option_row = QHBoxLayout()
        option_row.addWidget(self.add_option)
        option_row.addWidget(self.remove_option)
        option_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addLayout(row)
        layout.addWidget(self.options_label)
        layout.addWidget(self.options, 1)
        layout.addLayout(option_row)
        self.table.itemChanged.connect(self._cell_changed)
        self.table.itemSelectionChanged.connect(self._show_options)
        self.options.itemChanged.connect(self._option_changed)
        self.add_option.clicked.connect(self._add_option)
        self.remove_option.clicked.connect(self._remove_option)
        self.retranslate()

    def retranslate(self) -> None:
        names = list(self.languages.values())
        heads = [_("Name"), _("Type"), _("Required"), _("Default"), _("Example")]
        heads += [_("Label ({language})").format(language=n) for n in names]
        heads += [_("Help ({language})").format(language=n) for n in names]
        self.table.setHorizontalHeaderLabels(heads)
        self.options.setHorizontalHeaderLabels(
            [_("Key"), *(_("Label ({language})").format(language=n) for n in names)]
        )
        texts = {"add": _("Add field"), "remove": _("Remove"), "up": _("Up"), "down": _("Down")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
        self.add_option.setText(_("Add option"))
        self.remove_option.setText(_("Remove option"))
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, TYPE)
            if isinstance(box, QComboBox):
                for index, key in enumerate(TYPE_NAMES):
                    box.setItemText(index, _(TYPE_NAMES[key]))
        self._show_options()

    # --- reading and writing ------------------------------------------------------------

    def set_fields(self, fields: list[FieldSpec]) -> None:
        self._rows = [copy.deepcopy(f) for f in fields]
        self._fill()

    def fields(self) -> list[FieldSpec]:
        return [copy.deepcopy(f) for f in self._rows]

    def names(self) -> list[str]:
        return [f.name for f in self._rows if f.name]

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)
            self.table.setFocus()

    def _fill(self) -> None:
        self._filling = True
        selected = self.current_row()
        self.table.setRowCount(len(self._rows))
        codes = list(self.languages)
        for row, spec in enumerate(self._rows):
            texts = [spec.name, "", "", spec.default, spec.example]
            texts += [spec.labels.get(c, "") for c in codes] + [spec.help.get(c, "") for c in codes]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column in (TYPE, REQUIRED):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == REQUIRED:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    unchecked = spec.required is False
                    item.setCheckState(
                        Qt.CheckState.Unchecked if unchecked else Qt.CheckState.Checked
                    )
                self.table.setItem(row, column, item)
            box = QComboBox(self.table)
            box.setObjectName(f"fieldType_{row}")
            for key, label in TYPE_NAMES.items():
                box.addItem(_(label), key)
            if spec.type not in TYPE_NAMES:
                box.addItem(spec.type, spec.type)
            box.setCurrentIndex(box.findData(spec.type))
            box.currentIndexChanged.connect(lambda _i, b=box, r=row: self._type_changed(r, b))
            self.table.setCellWidget(row, TYPE, box)
        self.table.resizeColumnsToContents()
        for column in range(DEFAULT, self.columns):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 160))
        self._filling = False
        self.select_row(min(max(selected, 0), len(self._rows) - 1))
        self._show_options()

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), item.column()
        spec = self._rows[row]
        codes = list(self.languages)
        text = item.text()
        if column == NAME:
            spec.name = text.strip()
        elif column == REQUIRED:
            checked = item.checkState() == Qt.CheckState.Checked
            spec.required = (spec.required or None) if checked else False  # None: required
        elif column == DEFAULT:
            spec.default = text
        elif column == EXAMPLE:
            spec.example = text
        elif column < 5 + len(codes):
            _set_text(spec.labels, codes[column - 5], text)
        else:
            _set_text(spec.help, codes[column - 5 - len(codes)], text)
        self.changed.emit()

    def _type_changed(self, row: int, box: QComboBox) -> None:
        if self._filling or row >= len(self._rows):
            return
        self._rows[row].type = str(box.currentData())
        self._show_options()
        self.changed.emit()

    def add_field(self) -> None:
        number = len(self._rows) + 1
        while f"field_{number}" in self.names():
            number += 1
        self._rows.append(FieldSpec(name=f"field_{number}", type="text"))
        self._fill()
        self.select_row(len(self._rows) - 1)
        _edit_cell(self.table, len(self._rows) - 1)
        self.changed.emit()

    def remove_field(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        del self._rows[row]
        self._fill()
        self.changed.emit()

    def move_field(self, delta: int) -> None:
        row = self.current_row()
        target = row + delta
        if row < 0 or not 0 <= target < len(self._rows):
            return
        self._rows[row], self._rows[target] = self._rows[target], self._rows[row]
        self._fill()
        self.select_row(target)
        self.changed.emit()

    # --- the options of the selected choice field ---------------------------------------

    def _show_options(self) -> None:
        row = self.current_row()
        spec = self._rows[row] if 0 <= row < len(self._rows) else None
        choice = spec is not None and spec.type == FieldType.CHOICE.value
        for widget in (self.options, self.add_option, self.remove_option):
            widget.setEnabled(choice)
        if spec is not None and choice:
            self.options_label.setText(_("Options of {field}").format(field=spec.name))
        else:
            self.options_label.setText(_("Options (for a choice field)"))
        self._filling = True
        options = spec.options if spec is not None and choice else []
        self.options.setRowCount(len(options))
        for index, option in enumerate(options):
            texts = [option.key, *(option.labels.get(c, "") for c in self.languages)]
            for column, text in enumerate(texts):
                self.options.setItem(index, column, QTableWidgetItem(text))
        self._filling = False

    def _option_changed(self, item: QTableWidgetItem) -> None:
        row = self.current_row()
        if self._filling or row < 0:
            return
        option = self._rows[row].options[item.row()]
        if item.column() == 0:
            option.key = item.text().strip()
        else:
            _set_text(option.labels, list(self.languages)[item.column() - 1], item.text())
        self.changed.emit()

    def _add_option(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        options = self._rows[row].options
        options.append(OptionSpec(f"option-{len(options) + 1}", {}))
        self._show_options()
        _edit_cell(self.options, len(options) - 1)
        self.changed.emit()

    def _remove_option(self) -> None:
        row, index = self.current_row(), self.options.currentRow()
        if row < 0 or not 0 <= index < len(self._rows[row].options):
            return
        del self._rows[row].options[index]
        self._show_options()
        self.changed.emit()


def _edit_cell(table: QTableWidget, row: int) -> None:
    """Make the first cell of ``row`` current: typing there names the new row."""
    table.setCurrentCell(row, 0)
    table.setFocus()


def _set_text(texts: dict[str, str], code: str, text: str) -> None:
    """A per-language text set, or dropped when emptied (the file then has no such key)."""
    if text:
        texts[code] = text
    else:
        texts.pop(code, None)
