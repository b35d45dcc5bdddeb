"""The remedy advisor dialog: order facts in, remedies ranked with their cost to the seller.

It opens for a scenario with an ``[advisor]`` table, starts from that scenario's problem and
money fields, and recomputes as the seller changes a fact. "Use this option" announces the
chosen remedy (``optionChosen``) for the window to fill the scenario's fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer.judgement.advisor import advise
from composer.judgement.remedies import (
    LOGISTICS,
    LOGISTICS_LABELS,
    PROBLEM_LABELS,
    PROBLEMS,
    Case,
    Option,
)
from composer.templating.fields import Money, Value
from composer.templating.scenario import Scenario
from ui.i18n import _


def _label(labels: Mapping[str, Mapping[str, str]], key: str, language: str) -> str:
    texts = labels[key]
    return texts.get(language) or texts["en"]


class AdvisorDialog(QDialog):
    """Ranks the remedies for the facts entered; offers the chosen one to the scenario."""

    optionChosen = Signal(object, str)  # Option, currency

    def __init__(
        self,
        scenario: Scenario,
        values: Mapping[str, Value],
        ui_language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert scenario.advisor is not None
        self.setObjectName("advisorDialog")
        self.scenario = scenario
        self.link = scenario.advisor
        self.ui_language = ui_language
        self.options: list[Option] = []
        self.currency = "USD"

        self.problem = QComboBox(self)
        self.problem.setObjectName("advisorProblem")
        for key in PROBLEMS:
            self.problem.addItem(_label(PROBLEM_LABELS, key, ui_language), key)
        if self.link.problem:
            self.problem.setCurrentIndex(self.problem.findData(self.link.problem))
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
        self._take_values(values)

        self.results = QTreeWidget(self)
        self.results.setObjectName("advisorOptions")
        self.results.setColumnCount(3)
        self.results.setRootIsDecorated(False)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
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
        layout.addLayout(self.form)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        self.problem.currentIndexChanged.connect(self.update_options)
        self.logistics.currentIndexChanged.connect(self.update_options)
        for box in self.amounts.values():
            box.valueChanged.connect(self.update_options)
        self.past_promised.toggled.connect(self.update_options)
        self.results.currentItemChanged.connect(self._selection_changed)
        self.use_button.clicked.connect(self.use_selected)
        self.retranslate()
        self.resize(720, 520)
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
        self.results.setHeaderLabels([_("Remedy"), _("Costs you"), _("Why")])
        self.use_button.setText(_("Use this option"))

    def _amount_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setObjectName("advisor" + "".join(p.title() for p in name.split("_")))
        box.setRange(0, 1_000_000)
        box.setDecimals(2)
        return box

    def _take_values(self, values: Mapping[str, Value]) -> None:
        """Start from the scenario's money fields named in ``[advisor.inputs]``."""
        for given, field_name in self.link.inputs.items():
            value = values.get(field_name)
            if isinstance(value, Money):
                self.amounts[given].setValue(float(value.amount))
                self.currency = value.currency

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
        self.options = advise(case)
        self.results.clear()
        language = self.ui_language
        for option in self.options:
            usable = option.remedy in self.link.options
            item = QTreeWidgetItem(
                [option.label(language), f"{option.seller_cost} {case.currency}", ""]
            )
            reason = option.reason.get(language) or option.reason["en"]
            item.setText(2, reason)
            item.setToolTip(2, reason)
            if not usable:
                item.setForeground(0, self.palette().placeholderText())
            self.results.addTopLevelItem(item)
        self.results.resizeColumnToContents(0)
        self.results.resizeColumnToContents(1)
        self._select_row(0)
        self._selection_changed()

    def selected(self) -> Option | None:
        index = self.results.currentIndex().row()
        return self.options[index] if 0 <= index < len(self.options) else None

    def _select_row(self, index: int) -> None:
        item = self.results.topLevelItem(index)
        if item is not None:
            self.results.setCurrentItem(item)

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
        if option is not None:
            lines.append(option.reason.get(self.ui_language) or option.reason["en"])
            if not usable:
                lines.append(_("This reply has no option for that remedy."))
        self.note.setText("\n".join(lines))  # the whole reason, which the list cuts short

    def use_selected(self) -> None:
        option = self.selected()
        if option is not None and option.remedy in self.link.options:
            self.optionChosen.emit(option, self.currency)
