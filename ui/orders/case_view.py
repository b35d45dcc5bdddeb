"""The case of the order the reply was filled from: the buyer's messages (from the message
pane), the replies copied for the order (from the reply history), the remedy chosen and its
cost, the status, and seed 003's eight-step checklist. Each change is one write through
``Workspace.orders``; a change that cannot be saved is reported, and the view shows the case as
it is on disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer.judgement.remedies import REMEDY_LABELS
from composer.orders.cases import STATUS_LABELS, STATUSES, STEPS, Case, CaseError
from composer.orders.model import Order
from composer.storage.file_format import StoreError
from composer.templating.fields import Money
from composer.workspace import Changes
from composer.workspace.orders import OrderBook
from ui.dialogs.advisor import money_text
from ui.i18n import _


def _label(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts["en"]


class CaseView(QWidget):
    """One order's case; ``show_order`` says which order."""

    changed = Signal(object)  # Changes
    problem = Signal(str)  # a change not saved: one line for the seller
    notice = Signal(str)  # nothing to do (no message to add...): the status bar says why

    def __init__(
        self,
        book: OrderBook,
        language: str,
        message: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.language = language
        self.message = message  # the buyer's message pane's text
        self.order: Order | None = None
        self.case: Case | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("caseHeading")
        self.heading.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("caseOpenButton")
        self.status = QComboBox(self)
        self.status.setObjectName("caseStatus")
        for key in STATUSES:
            self.status.addItem("", key)
        self.messages = QListWidget(self)
        self.messages.setObjectName("caseMessages")
        self.messages.setWordWrap(True)
        self.add_message = QPushButton(self)
        self.add_message.setObjectName("caseAddMessageButton")
        self.replies = QListWidget(self)
        self.replies.setObjectName("caseReplies")
        self.replies.setWordWrap(True)
        self.add_replies = QPushButton(self)
        self.add_replies.setObjectName("caseAddRepliesButton")
        self.remedy = QComboBox(self)
        self.remedy.setObjectName("caseRemedy")
        for key in REMEDY_LABELS:
            self.remedy.addItem("", key)
        self.cost = QDoubleSpinBox(self)
        self.cost.setObjectName("caseCost")
        self.cost.setRange(0, 1_000_000)
        self.cost.setDecimals(2)
        self.save_remedy = QPushButton(self)
        self.save_remedy.setObjectName("caseRemedyButton")
        self.steps = {key: QCheckBox(self) for key, _texts in STEPS}
        for key, box in self.steps.items():
            box.setObjectName(f"caseStep-{key}")

        self.details = QWidget(self)
        self.form = QFormLayout()
        self.status_caption = QLabel(self)
        self.messages_caption = QLabel(self)
        self.replies_caption = QLabel(self)
        self.remedy_caption = QLabel(self)
        remedy_row = QHBoxLayout()
        remedy_row.addWidget(self.remedy, 1)
        remedy_row.addWidget(self.cost)
        remedy_row.addWidget(self.save_remedy)
        self.form.addRow(self.status_caption, self.status)
        self.form.addRow(self.remedy_caption, remedy_row)
        lists = QHBoxLayout()
        for caption, items, button in (
            (self.messages_caption, self.messages, self.add_message),
            (self.replies_caption, self.replies, self.add_replies),
        ):
            column = QVBoxLayout()
            column.addWidget(caption)
            column.addWidget(items, 1)
            column.addWidget(button)
            lists.addLayout(column, 1)
        self.checklist = QGroupBox(self)
        checks = QVBoxLayout(self.checklist)
        checks.setSpacing(2)
        for box in self.steps.values():
            checks.addWidget(box)
        checks.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addLayout(lists, 1)
        body = QHBoxLayout(self.details)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 3)
        body.addWidget(self.checklist, 2)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)

        self.open_button.clicked.connect(self.open_case)
        self.status.activated.connect(self._status_chosen)
        self.add_message.clicked.connect(self.add_buyer_message)
        self.add_replies.clicked.connect(self.add_copied_replies)
        self.save_remedy.clicked.connect(self.save_chosen_remedy)
        for key, box in self.steps.items():
            box.clicked.connect(lambda checked, k=key: self._step(k, checked))
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        self.language = language
        self.open_button.setText(_("Open a case"))
        self.open_button.setToolTip(_("Start a case for this order, with the buyer's message"))
        for index, key in enumerate(STATUSES):
            self.status.setItemText(index, _label(STATUS_LABELS[key], language))
        for index, key in enumerate(REMEDY_LABELS):
            self.remedy.setItemText(index, _label(REMEDY_LABELS[key], language))
        self.status_caption.setText(_("Status"))
        self.remedy_caption.setText(_("Remedy and its cost"))
        self.messages_caption.setText(_("The buyer's messages"))
        self.replies_caption.setText(_("Replies you copied"))
        self.add_message.setText(_("Add the buyer's message"))
        self.add_message.setToolTip(_("Keep the message pasted in the Buyer's message pane"))
        self.add_replies.setText(_("Add the replies copied for this order"))
        self.add_replies.setToolTip(_("From the reply history: the replies with this order number"))
        self.save_remedy.setText(_("Save"))
        self.checklist.setTitle(_("Handling a complaint, step by step"))
        for number, (key, texts) in enumerate(STEPS, 1):
            self.steps[key].setText(f"{number}. {_label(texts, language)}")
        self.show_case()

    def show_order(self, order: Order | None) -> None:
        """Show ``order``'s case (None: no order chosen yet)."""
        self.order = order
        self.case = self.book.case_of(order) if order is not None else None
        self.show_case()

    def show_case(self) -> None:
        order, case = self.order, self.case
        self.open_button.setVisible(
            order is not None and (case is None or case.status == "resolved")
        )
        self.details.setVisible(case is not None)
        if order is None:
            self.heading.setText(_("No order chosen: fill the reply from an order first."))
            return
        buyer = order.buyer_name or order.buyer_id
        if case is None:
            self.heading.setText(
                _("Order {order} ({buyer}) has no case.").format(order=order.order_id, buyer=buyer)
            )
            return
        self.heading.setText(
            _("Case {case} · order {order} · {buyer} · opened {date}").format(
                case=case.id, order=order.order_id, buyer=buyer, date=f"{case.opened_at:%Y-%m-%d}"
            )
        )
        self.status.setCurrentIndex(STATUSES.index(case.status))
        self.messages.clear()
        for message in case.messages:
            self.messages.addItem(f"{message.time:%Y-%m-%d %H:%M}\n{message.text}")
        self.replies.clear()
        for reply in case.replies:
            self.replies.addItem(f"{reply.time:%Y-%m-%d %H:%M} · {reply.scenario}\n{reply.text}")
        if case.remedy:
            self.remedy.setCurrentIndex(self.remedy.findData(case.remedy))
        if case.remedy_cost is not None:
            self.cost.setValue(float(case.remedy_cost.amount))
        self.cost.setPrefix(self._currency() + " ")
        for key, box in self.steps.items():
            box.setChecked(key in case.steps)

    def _currency(self) -> str:
        if self.case is not None and self.case.remedy_cost is not None:
            return self.case.remedy_cost.currency
        return (self.order.currency if self.order else "") or "USD"

    def _apply(self, change: Callable[[], tuple[Case, Changes]]) -> bool:
        try:
            self.case, changes = change()
        except (StoreError, CaseError) as exc:
            self.problem.emit(str(exc))
            if self.order is not None:
                self.case = self.book.case_of(self.order)
            self.show_case()
            return False
        self.show_case()
        self.changed.emit(changes)
        return True

    def open_case(self) -> bool:
        order = self.order
        if order is None:
            return False
        return self._apply(lambda: self.book.open_case(order, self.message()))

    def _status_chosen(self, index: int) -> None:
        if self.case is not None:
            case_id = self.case.id
            self._apply(lambda: self.book.set_status(case_id, STATUSES[index]))

    def _step(self, key: str, done: bool) -> None:
        if self.case is not None:
            case_id = self.case.id
            self._apply(lambda: self.book.mark_step(case_id, key, done))

    def add_buyer_message(self) -> bool:
        text = self.message()
        if self.case is None:
            return False
        if not text.strip():
            self.notice.emit(_("The Buyer's message pane is empty: paste the message there."))
            return False
        if any(m.text == text.strip() for m in self.case.messages):
            self.notice.emit(_("The case already has this message."))
            return False
        case_id = self.case.id
        return self._apply(lambda: self.book.add_message(case_id, text))

    def add_copied_replies(self) -> int:
        if self.case is None:
            return 0
        case_id = self.case.id
        added = 0

        def change() -> tuple[Case, Changes]:
            nonlocal added
            case, added, changes = self.book.add_copied_replies(case_id)
            return case, changes

        self._apply(change)
        if not added:
            self.notice.emit(_("No copied reply for this order that the case does not have."))
        return added

    def save_chosen_remedy(self) -> bool:
        if self.case is None:
            return False
        case_id, remedy = self.case.id, self.remedy.currentData()
        cost = Money(Decimal(str(self.cost.value())).quantize(Decimal("0.01")), self._currency())
        return self._apply(lambda: self.book.set_remedy(case_id, remedy, cost))

    def cost_text(self) -> str:
        """The remedy's cost as the interface writes it (for the heading's tooltip, tests)."""
        if self.case is None or self.case.remedy_cost is None:
            return ""
        cost = self.case.remedy_cost
        return money_text(cost.amount, cost.currency, self.language)
