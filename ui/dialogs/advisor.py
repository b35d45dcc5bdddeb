"""The remedy advisor dialog: order facts in, remedies ranked with their cost to the seller.

It opens for a scenario with an ``[advisor]`` table and starts from what the form already says
(its ``[advisor] inputs``: order value, return cost, problem, logistics, promised date) and the
profile's currency; it asks only for the facts the problem's rule weighs that the form does not
give, and recomputes as the seller changes one. Amounts are written as the reply writes them
(``$7.50``). "Use this option" announces the chosen remedy (``optionChosen``) for the window to
fill the scenario's choice and amount (``amounts_to_apply``), and closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.judgement.advisor import advise, facts_from, values_for
from composer.judgement.remedies import (
    FACTS_WEIGHED,
    LOGISTICS,
    LOGISTICS_LABELS,
    PROBLEM_LABELS,
    PROBLEMS,
    Case,
    Option,
)
from composer.judgement.tier_advice import for_tier
from composer.templating.fields import Money, Value
from composer.templating.formatting import currency_symbol, format_money
from composer.templating.scenario import AdvisorLink, Scenario
from ui.dialogs import questions
from ui.i18n import _

if TYPE_CHECKING:
    from composer.orders.rfm import Buyer


def _label(labels: Mapping[str, Mapping[str, str]], key: str, language: str) -> str:
    texts = labels[key]
    return texts.get(language) or texts["en"]


def money_text(amount: Decimal, currency: str, ui_language: str) -> str:
    """An amount as the reply in the interface's language writes it: ``$7.50``, ``7.50美元``."""
    if ui_language.startswith("zh"):
        return format_money(Money(amount, currency), "zh_CN", "name")
    return format_money(Money(amount, currency), "en_US")


def amounts_to_apply(
    parent: QWidget | None,
    link: AdvisorLink,
    option: Option,
    currency: str,
    current: Mapping[str, Value],
    ui_language: str,
) -> dict[str, Value]:
    """The values that put ``option`` into the form: its choice, and its amount unless the
    seller typed another one and, asked, keeps it."""
    values = values_for(link, option, currency)
    field = link.refund_field
    typed = current.get(field) if field else None
    advised = values.get(field) if field else None
    if (
        field
        and isinstance(advised, Money)
        and isinstance(typed, Money)
        and typed.amount
        and typed != advised
    ):
        question = _("You typed {typed}; the advice is {advised}. Replace your amount?").format(
            typed=money_text(typed.amount, typed.currency, ui_language),
            advised=money_text(advised.amount, advised.currency, ui_language),
        )
        if not questions.ask(parent, _("Replace the amount?"), question):
            del values[field]
    return values


class AdvisorDialog(QDialog):
    """Ranks the remedies for the facts entered; offers the chosen one to the scenario."""

    optionChosen = Signal(object, str)  # Option, currency

    def __init__(
        self,
        scenario: Scenario,
        values: Mapping[str, Value],
        ui_language: str,
        parent: QWidget | None = None,
        currency: str = "USD",
        today: dt.date | None = None,
        buyer: Buyer | None = None,
        order_amounts: Mapping[str, Decimal] | None = None,
        order_currency: str = "",
        order_number: str = "",
    ) -> None:
        """``buyer``: the current order's buyer, whose tier ranks the remedies again;
        ``order_amounts``: what the order says (order value, shipping cost) where the form
        says nothing, in ``order_currency``."""
        super().__init__(parent)
        assert scenario.advisor is not None
        self.buyer = buyer
        self.order_number = order_number
        self.setObjectName("advisorDialog")
        self.scenario = scenario
        self.link = scenario.advisor
        self.ui_language = ui_language
        self.options: list[Option] = []
        self.facts = facts_from(self.link, values, today)
        self.currency = self.facts.currency or order_currency or currency or "USD"
        # The order's amounts start the boxes the form leaves empty; the seller can change them.
        self.order_amounts = {
            k: v
            for k, v in (order_amounts or {}).items()
            if k not in self.facts.amounts and (order_currency or self.currency) == self.currency
        }

        self.problem = QComboBox(self)
        self.problem.setObjectName("advisorProblem")
        for key in PROBLEMS:
            self.problem.addItem(_label(PROBLEM_LABELS, key, ui_language), key)
        if self.facts.problem:
            self.problem.setCurrentIndex(self.problem.findData(self.facts.problem))
        self.logistics = QComboBox(self)
        self.logistics.setObjectName("advisorLogistics")
        for key in LOGISTICS:
            self.logistics.addItem(_label(LOGISTICS_LABELS, key, ui_language), key)
        self.amounts = {
            name: self._amount_box(name)
            for name in ("order_value", "shipping_cost", "return_cost", "item_cost")
        }
        self.past_promised = QCheckBox(self)
        self.past_promised.setObjectName("advisorPastPromised")
        self._take_facts()
        self.from_form = QLabel(self)
        self.from_form.setObjectName("advisorFromForm")
        self.from_form.setWordWrap(True)
        self.tier_note = QLabel(self)
        self.tier_note.setObjectName("advisorTier")
        self.tier_note.setWordWrap(True)
        self.tier_note.setVisible(buyer is not None)

        # A table, not a tree: its rows grow to the wrapped "Why" as the dialog is resized
        # (a tree view keeps the row heights it first laid out, and cut the reasons short).
        self.results = QTableWidget(0, 3, self)
        self.results.setObjectName("advisorOptions")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setShowGrid(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.use_button = QPushButton(self)
        self.use_button.setObjectName("advisorUseButton")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.ApplyRole)

        self.form = QFormLayout()
        self._captions: dict[str, QLabel] = {}
        for name, widget in [
            ("problem", self.problem),
            ("logistics", self.logistics),
            *self.amounts.items(),
        ]:
            caption = QLabel(self)
            caption.setBuddy(widget)
            self._captions[name] = caption
            self.form.addRow(caption, widget)
        self.form.addRow(self.past_promised)
        layout = QVBoxLayout(self)
        layout.addWidget(self.from_form)
        layout.addWidget(self.tier_note)
        layout.addLayout(self.form)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        self.problem.currentIndexChanged.connect(self.update_options)
        self.logistics.currentIndexChanged.connect(self.update_options)
        for box in self.amounts.values():
            box.valueChanged.connect(self.update_options)
        self.past_promised.toggled.connect(self.update_options)
        self.results.currentCellChanged.connect(self._selection_changed)
        self.use_button.clicked.connect(self.use_selected)
        self.problem.currentIndexChanged.connect(self._show_asked)
        self.retranslate()
        self.resize(860, 560)
        self._show_asked()
        self.update_options()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Which remedy to offer"))
        captions = {
            "problem": _("Problem"),
            "logistics": _("Shipping"),
            "order_value": _("Order value"),
            "shipping_cost": _("Shipping cost"),
            "return_cost": _("Return shipping (0: as shipping)"),
            "item_cost": _("Item cost to you (0: order value less shipping)"),
        }
        for name, text in captions.items():
            self._captions[name].setText(text)
        self.past_promised.setText(_("The promised delivery time has passed"))
        self.results.setHorizontalHeaderLabels([_("Remedy"), _("Costs you"), _("Why")])
        self.use_button.setText(_("Use this option"))
        self._show_from_form()

    def _show_from_form(self) -> None:
        """Say which facts came from the form: the dialog does not ask for them again."""
        facts = self.facts
        told: list[str] = []
        chinese = self.ui_language.startswith("zh")
        colon, between = ("：", "；") if chinese else (": ", "; ")
        captions = {
            "order_value": _("Order value"),
            "shipping_cost": _("Shipping cost"),
            "return_cost": _("Return shipping"),
            "item_cost": _("Item cost to you"),
        }
        if facts.problem and "problem" in self.link.inputs:
            problem = _label(PROBLEM_LABELS, facts.problem, self.ui_language)
            told.append(_("Problem") + colon + problem)
        if facts.logistics:
            shipping = _label(LOGISTICS_LABELS, facts.logistics, self.ui_language)
            told.append(_("Shipping") + colon + shipping)
        if facts.past_promised is not None:
            told.append(
                _("The promised delivery time has passed")
                if facts.past_promised
                else _("Still within the promised delivery time")
            )
        for name, amount in facts.amounts.items():
            shown = money_text(amount, self.currency, self.ui_language)
            told.append(captions[name] + colon + shown)
        text = _("From the form (change it there): {facts}").format(facts=between.join(told))
        if self.order_amounts:
            shown = between.join(
                captions[name] + colon + money_text(amount, self.currency, self.ui_language)
                for name, amount in self.order_amounts.items()
            )
            order = _("From order {order}: {facts}").format(order=self.order_number, facts=shown)
            text = f"{text}\n{order}" if told else order
        self.from_form.setText(text)
        self.from_form.setVisible(bool(told or self.order_amounts))
        if self.buyer is not None:
            tier = self.buyer.tier
            title = tier.title.get(self.ui_language) or tier.title["en"]
            service = tier.service.get(self.ui_language) or tier.service["en"]
            self.tier_note.setText(
                _("The buyer is one of your {tier} ({group}): {service}").format(
                    tier=title, group=self.buyer.group, service=service
                )
            )

    def _show_asked(self) -> None:
        """Show only the facts the problem's rule weighs and the form does not give."""
        weighed = FACTS_WEIGHED[self.problem.currentData()]
        given = self.facts.given
        rows: dict[str, QWidget] = {
            "problem": self.problem,
            "logistics": self.logistics,
            **self.amounts,
        }
        for name, widget in rows.items():
            shown = name not in given and (name == "problem" or name in weighed)
            self.form.setRowVisible(widget, shown)
        self.form.setRowVisible(
            self.past_promised, "past_promised" in weighed and "past_promised" not in given
        )

    def _amount_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName("advisor" + "".join(p.title() for p in name.split("_")))
        box.setRange(0, 1_000_000)
        box.setDecimals(2)
        locale = "zh_CN" if self.ui_language.startswith("zh") else "en_US"
        box.setPrefix(currency_symbol(self.currency, locale) + " ")
        return box

    def _take_facts(self) -> None:
        """Start from what the form says (``self.facts``)."""
        for name, amount in {**self.order_amounts, **self.facts.amounts}.items():
            self.amounts[name].setValue(float(amount))
        if self.facts.logistics:
            self.logistics.setCurrentIndex(self.logistics.findData(self.facts.logistics))
        if self.facts.past_promised is not None:
            self.past_promised.setChecked(self.facts.past_promised)

    def case(self) -> Case:
        """The facts as entered (0 for return or item cost means "not given")."""
        amount = {name: Decimal(str(box.value())) for name, box in self.amounts.items()}
        return Case(
            problem=self.problem.currentData(),
            logistics=self.logistics.currentData(),
            order_value=amount["order_value"],
            shipping_cost=amount["shipping_cost"],
            return_cost=amount["return_cost"] or None,
            item_cost=amount["item_cost"] or None,
            past_promised=self.past_promised.isChecked(),
            currency=self.currency,
        )

    def update_options(self) -> None:
        """Rank the remedies for the facts as they stand now."""
        case = self.case()
        tier = self.buyer.tier.key if self.buyer is not None else None
        self.options = for_tier(advise(case), case, tier).options
        self.results.setRowCount(0)
        self.results.setRowCount(len(self.options))
        language = self.ui_language
        known = case.order_value > 0  # without it every amount would be a guess from zero
        for row, option in enumerate(self.options):
            usable = option.remedy in self.link.options
            label = option.label(language)
            if option.refund and known:
                space = "" if language.startswith("zh") else " "
                label += space + money_text(option.refund, case.currency, language)
            cost = money_text(option.seller_cost, case.currency, language) if known else "—"
            reason = option.reason.get(language) or option.reason["en"]
            for column, text in enumerate((label, cost, reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(reason)
                if not usable:
                    item.setForeground(self.palette().placeholderText())
                self.results.setItem(row, column, item)
        self._select_row(0)
        self._selection_changed()

    def selected(self) -> Option | None:
        index = self.results.currentRow()
        return self.options[index] if 0 <= index < len(self.options) else None

    def _select_row(self, index: int) -> None:
        if 0 <= index < self.results.rowCount():
            self.results.setCurrentCell(index, 0)

    def select(self, remedy: str) -> bool:
        """Make ``remedy`` the selected option; False when it is not among them."""
        for index, option in enumerate(self.options):
            if option.remedy == remedy:
                self._select_row(index)
                return True
        return False

    def _selection_changed(self, *_args: object) -> None:
        option = self.selected()
        usable = option is not None and option.remedy in self.link.options
        self.use_button.setEnabled(usable)
        lines = []
        if not self.case().order_value:
            lines.append(_("Enter the order value: the amounts follow from it."))
        if option is not None:
            lines.append(option.reason.get(self.ui_language) or option.reason["en"])
            if not usable:
                lines.append(_("This reply has no option for that remedy."))
        self.note.setText("\n".join(lines))  # the whole reason, which the list cuts short

    def use_selected(self) -> None:
        option = self.selected()
        if option is not None and option.remedy in self.link.options:
            if not self.case().order_value:  # no amount to offer: the seller fills it in
                option = Option(option.remedy, option.seller_cost, option.reason)
            self.optionChosen.emit(option, self.currency)
            self.accept()
