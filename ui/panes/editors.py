"""One editor widget per field type. Each reads and writes a ``composer`` value.

Every editor has ``value()``, ``set_value()`` and an ``edited`` signal that fires on each
change the seller makes (each keystroke in a text box), never on ``set_value``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from composer.templating.fields import Field, FieldType, Money, Value
from ui.i18n import _

CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CNY", "HKD", "SGD", "NZD", "CHF", "SEK",
    "NOK", "DKK", "PLN", "CZK", "MXN", "BRL", "RUB", "KRW", "INR", "AED", "SAR", "ILS",
    "TRY", "ZAR", "THB", "MYR", "IDR", "PHP", "VND",
)  # fmt: skip
_DECIMAL = QRegularExpression(r"^-?\d{0,12}([.,]\d{0,4})?$")


def _decimal(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text or text in {"-", "."}:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


class _Editor:
    """What the form needs from every editor (mixed into a QWidget subclass)."""

    edited: Signal

    def value(self) -> Value:
        raise NotImplementedError

    def set_value(self, value: Value) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self  # type: ignore[return-value]


class TextEditor(QLineEdit, _Editor):
    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setProperty("snippetTarget", True)  # Insert puts a snippet at its cursor
        self.textEdited.connect(self.edited)

    def value(self) -> Value:
        return self.text()

    def set_value(self, value: Value) -> None:
        self.setText("" if value is None else str(value))


class LongTextEditor(QPlainTextEdit, _Editor):
    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        lines = 4
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._quiet = False
        self.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> Value:
        return self.toPlainText()

    def set_value(self, value: Value) -> None:
        self._quiet = True
        try:
            self.setPlainText("" if value is None else str(value))
        finally:
            self._quiet = False


class _FieldDateEdit(QDateEdit):
    """A date box that Tab leaves (QDateEdit walks its year/month/day with Tab) and Delete
    empties, so the keyboard moves through a form of dates like any other."""

    cleared = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.cleared.emit()
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(event)


class DateEditor(QWidget, _Editor):
    """A date with a calendar; "Not set" until the seller picks one."""

    edited = Signal()
    EMPTY = QDate(1900, 1, 1)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = _FieldDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(self.EMPTY)
        self.date_edit.setSpecialValueText(_("Not set"))
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(self.EMPTY)
        self._show_this_month()
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip(_("Clear the date (Delete)"))
        self.clear_button.setAccessibleName(_("Clear the date"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Delete in the date clears it
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit, 1)
        layout.addWidget(self.clear_button)
        self._quiet = False
        self.date_edit.dateChanged.connect(self._changed)
        self.clear_button.clicked.connect(self._clear)
        self.date_edit.cleared.connect(self._clear)
        self.setFocusProxy(self.date_edit)

    def _show_this_month(self) -> None:
        # An empty date opens its calendar on this month, not on the 1900 that means "empty".
        today = QDate.currentDate()
        self.date_edit.calendarWidget().setCurrentPage(today.year(), today.month())

    def _changed(self) -> None:
        if self.date_edit.date() == self.EMPTY:
            self._show_this_month()
        if not self._quiet:
            self.edited.emit()

    def _clear(self) -> None:
        self.date_edit.setDate(self.EMPTY)
        self.date_edit.setFocus()

    def value(self) -> Value:
        date = self.date_edit.date()
        if date == self.EMPTY or not date.isValid():
            return None
        return dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: Value) -> None:
        self._quiet = True
        try:
            if isinstance(value, dt.date):
                self.date_edit.setDate(QDate(value.year, value.month, value.day))
            else:
                self.date_edit.setDate(self.EMPTY)
        finally:
            self._quiet = False

    def focus_target(self) -> QWidget:
        return self.date_edit


class MoneyEditor(QWidget, _Editor):
    """An amount and its currency."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = QLineEdit(self)
        self.amount.setObjectName(f"field_{field.name}_amount")
        self.amount.setValidator(QRegularExpressionValidator(_DECIMAL, self.amount))
        self.amount.setPlaceholderText("0.00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.currency = QComboBox(self)
        self.currency.setObjectName(f"field_{field.name}_currency")
        self.currency.setAccessibleName(_("Currency"))
        self.currency.addItems(CURRENCIES)
        if field.currency not in CURRENCIES:
            self.currency.addItem(field.currency)
        self.currency.setCurrentText(field.currency)
        self._default_currency = field.currency
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount, 1)
        layout.addWidget(self.currency)
        self.amount.textEdited.connect(self.edited)
        self.currency.activated.connect(self.edited)
        self.setFocusProxy(self.amount)

    def value(self) -> Value:
        amount = _decimal(self.amount.text())
        return None if amount is None else Money(amount, self.currency.currentText())

    def set_value(self, value: Value) -> None:
        if isinstance(value, Money):
            self.amount.setText(_decimal_text(value.amount))
            if self.currency.findText(value.currency) < 0:
                self.currency.addItem(value.currency)
            self.currency.setCurrentText(value.currency)
        else:
            self.amount.setText("")
            self.currency.setCurrentText(self._default_currency)

    def focus_target(self) -> QWidget:
        return self.amount


class NumberEditor(QWidget, _Editor):
    """A number; a percentage shows a % sign after it."""

    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setValidator(QRegularExpressionValidator(_DECIMAL, self.line))
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        if field.type is FieldType.PERCENT:
            layout.addWidget(QLabel("%", self))
        self.line.textEdited.connect(self.edited)
        self.setFocusProxy(self.line)

    def value(self) -> Value:
        return _decimal(self.line.text())

    def set_value(self, value: Value) -> None:
        self.line.setText(_decimal_text(value) if isinstance(value, Decimal) else "")

    def focus_target(self) -> QWidget:
        return self.line


class ChoiceEditor(QComboBox, _Editor):
    edited = Signal()

    def __init__(self, field: Field, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if field.default is None:
            self.addItem(_("— choose —"), None)
        for option in field.options:
            self.addItem(
                option.labels.get(language) or option.labels.get("en", option.key), option.key
            )
        # A long option must not widen the form past a laptop's column (a sideways scroll
        # bar): the box shrinks and elides its text, the open list shows each option whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        metrics = self.view().fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0
        )
        self.view().setMinimumWidth(widest + 32)  # the item's padding and a scroll bar
        self.activated.connect(self.edited)

    def value(self) -> Value:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, value: Value) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class YesNoEditor(QCheckBox, _Editor):
    edited = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clicked.connect(self.edited)

    def value(self) -> Value:
        return self.isChecked()

    def set_value(self, value: Value) -> None:
        self.setChecked(bool(value))


def make_editor(field: Field, language: str, parent: QWidget | None = None) -> _Editor:
    """The editor for ``field``, with choice labels in the interface ``language``."""
    editor: _Editor
    match field.type:
        case FieldType.LONG_TEXT:
            editor = LongTextEditor(field, parent)
        case FieldType.DATE:
            editor = DateEditor(field, parent)
        case FieldType.MONEY:
            editor = MoneyEditor(field, parent)
        case FieldType.NUMBER | FieldType.PERCENT:
            editor = NumberEditor(field, parent)
        case FieldType.CHOICE:
            editor = ChoiceEditor(field, language, parent)
        case FieldType.YES_NO:
            editor = YesNoEditor(field, parent)
        case _:
            editor = TextEditor(field, parent)
    assert isinstance(editor, QWidget)
    editor.setObjectName(f"field_{field.name}")
    return editor
