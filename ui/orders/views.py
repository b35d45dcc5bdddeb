"""The Orders window: find an order (and fill the reply from it), its case, and the charts.

One non-modal window with three tabs, over ``Workspace.orders`` (``composer.workspace.orders``):
the order search (by order number, buyer or tracking number, each row with its buyer's tier),
the case of the order the reply was filled from (``ui.orders.case_view``), and the charts a
seller would rather look at than read (``ui.orders.charts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from composer.orders.model import Order
from composer.orders.rfm import TIERS
from composer.workspace.orders import OrderBook
from ui.dialogs.advisor import money_text
from ui.i18n import _
from ui.orders.case_view import CaseView
from ui.orders.charts import BarChart, Series

SHOWN = 200  # rows in the search's table: a search narrows it, nobody scrolls 10,000 rows
PLATFORM_NAMES = {"amazon": "Amazon", "ebay": "eBay", "shopify": "Shopify",
                  "aliexpress": "AliExpress", "shopee": "Shopee"}  # fmt: skip


def tier_title(key: str, language: str) -> str:
    tier = next(t for t in TIERS if t.key == key)
    return tier.title.get(language) or tier.title["en"]


def amounts_text(amounts: Mapping[str, Decimal], language: str) -> str:
    """``€149.50`` or, across currencies, ``€149.50 + $20.00``; ``—`` for nothing."""
    shown = [money_text(a, c or "USD", language) for c, a in sorted(amounts.items()) if a]
    return " + ".join(shown) or "—"


class OrderList(QWidget):
    """The search box, the matching orders, and Fill the reply."""

    fillRequested = Signal(object)  # Order
    importRequested = Signal()

    def __init__(self, book: OrderBook, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.language = language
        self.orders: list[Order] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("orderSearch")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("orderTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel(self)
        self.count.setObjectName("orderCount")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("orderImportButton")
        self.fill_button = QPushButton(self)
        self.fill_button.setObjectName("orderFillButton")
        self.fill_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.fill_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.fill_selected)
        self.table.itemActivated.connect(lambda _item: self.fill_selected())
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        self.fill_button.clicked.connect(self.fill_selected)
        self.import_button.clicked.connect(self.importRequested)
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        self.language = language
        self.search.setPlaceholderText(_("Order number, buyer or tracking number"))
        self.table.setHorizontalHeaderLabels(
            [_("Order"), _("Date"), _("Buyer"), _("Country"), _("Item"), _("Total"), _("Tier")]
        )
        self.import_button.setText(_("Import…"))
        self.import_button.setToolTip(_("Import an order export (CSV, TSV or Excel)"))
        self.fill_button.setText(_("Fill the reply"))
        self.fill_button.setToolTip(_("Fill the reply's fields from the selected order"))
        self.refresh()

    def refresh(self) -> None:
        """Show the orders matching the search, newest first (at most ``SHOWN``)."""
        text = self.search.text()
        total = len(self.book.orders())
        self.orders = self.book.search(text, SHOWN)
        buyers = {b.key: b for b in self.book.buyers()}
        from composer.orders.rfm import buyer_key

        self.table.setRowCount(len(self.orders))
        for row, order in enumerate(self.orders):
            buyer = buyers.get(buyer_key(order))
            when = order.ordered_at.strftime("%Y-%m-%d") if order.ordered_at else ""
            total_text = (
                money_text(order.value, order.currency or "USD", self.language)
                if order.value is not None
                else ""
            )
            cells = (
                order.order_id,
                when,
                order.buyer_name or order.buyer_id or order.buyer_email,
                order.country,
                order.item_name,
                total_text,
                tier_title(buyer.tier.key, self.language) if buyer else "",
            )
            for column, text_ in enumerate(cells):
                item = QTableWidgetItem(text_)
                if column == 0:
                    item.setToolTip(f"{order.platform} · {order.source}")
                self.table.setItem(row, column, item)
        if self.orders:
            self.table.setCurrentCell(0, 0)
        if not total:
            self.count.setText(_("No orders yet: Import… your platform's order export."))
        elif text.strip():
            self.count.setText(
                _("{shown} of {total} orders match.").format(shown=len(self.orders), total=total)
            )
        else:
            self.count.setText(_("{total} orders.").format(total=total))
        self._enable()

    def _enable(self) -> None:
        self.fill_button.setEnabled(self.selected() is not None)

    def selected(self) -> Order | None:
        row = self.table.currentRow()
        return self.orders[row] if 0 <= row < len(self.orders) else None

    def fill_selected(self) -> None:
        order = self.selected()
        if order is not None:
            self.fillRequested.emit(order)


class ChartsView(QScrollArea):
    """Buyers and money per tier, the dispute rate per platform, the remedy cost per month."""

    def __init__(self, book: OrderBook, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.language = language
        self.as_of: dt.date | None = None  # None: today
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        inside = QWidget(self)
        layout = QGridLayout(inside)  # two charts a row: each is a few short bars
        self.buyers_chart = BarChart(inside)
        self.buyers_chart.setObjectName("chartBuyersPerTier")
        self.value_chart = BarChart(inside)
        self.value_chart.setObjectName("chartValuePerTier")
        self.dispute_chart = BarChart(inside)
        self.dispute_chart.setObjectName("chartDisputeRate")
        self.cost_chart = BarChart(inside)
        self.cost_chart.setObjectName("chartRemedyCost")
        charts = (self.buyers_chart, self.value_chart, self.dispute_chart, self.cost_chart)
        for index, chart in enumerate(charts):
            layout.addWidget(chart, index // 2, index % 2, Qt.AlignmentFlag.AlignTop)
        layout.setRowStretch(2, 1)
        layout.setHorizontalSpacing(24)
        self.setWidget(inside)

    def refresh(self, language: str | None = None) -> None:
        """Draw the charts from the orders and cases as they are now."""
        self.language = language or self.language
        lang = self.language
        figures = self.book.tier_figures(self.as_of)
        names = [tier_title(t.key, lang) for t in TIERS]
        counts = [figures.buyers[t.key] for t in TIERS]
        self.buyers_chart.set_data(
            _("Buyers per tier"),
            names,
            [Series("", counts, [str(c) for c in counts])],
            _("No buyers yet: import your orders."),
        )
        currencies = sorted({c for per in figures.spent.values() for c in per})[:3]
        self.value_chart.set_data(
            _("Money spent per tier"),
            names,
            [
                Series(
                    currency,
                    [float(figures.spent[t.key].get(currency, 0)) for t in TIERS],
                    [
                        amounts_text(
                            {currency: figures.spent[t.key].get(currency, Decimal(0))}, lang
                        )
                        for t in TIERS
                    ],
                )
                for currency in currencies
            ],
            _("No buyers yet: import your orders."),
        )
        rates = self.book.dispute_rates(self.as_of)
        platforms = sorted({r.platform for r in rates})
        series = []
        for days in (30, 90):
            found = {r.platform: r for r in rates if r.days == days}
            values, labels = [], []
            for platform in platforms:
                rate = found.get(platform)
                share = (rate.rate or 0.0) if rate else 0.0
                values.append(share * 100)
                labels.append(
                    _("{rate:.1f} % ({disputed} of {orders})").format(
                        rate=share * 100, disputed=rate.disputed, orders=rate.orders
                    )
                    if rate and rate.orders
                    else _("no orders")
                )
            series.append(Series(_("last {days} days").format(days=days), values, labels))
        has_orders = any(r.orders for r in rates)
        self.dispute_chart.set_data(
            _("Dispute rate per platform"),
            [PLATFORM_NAMES.get(p, p) for p in platforms],
            series if has_orders else [],
            _("No orders in the last 90 days."),
        )
        if has_orders and not any(r.disputed for r in rates):
            self.dispute_chart.empty_text = _("No disputes in the last 90 days.")
        costs = self.book.remedy_costs()
        months = list(costs)[-12:]
        currencies = sorted({c for m in months for c in costs[m]})[:3]
        self.cost_chart.set_data(
            _("What remedies cost you per month"),
            months,
            [
                Series(
                    currency,
                    [float(costs[m].get(currency, 0)) for m in months],
                    [
                        amounts_text({currency: costs[m].get(currency, Decimal(0))}, lang)
                        for m in months
                    ],
                )
                for currency in currencies
            ],
            _("No remedy with a cost yet: choose one in a case."),
        )


class OrdersWindow(QDialog):
    """Orders, Case and Charts in tabs; ``Orders ▸`` in the menu bar opens it."""

    def __init__(
        self,
        book: OrderBook,
        language: str,
        message: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersWindow")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("ordersTabs")
        self.orders = OrderList(book, language, self)
        self.case = CaseView(book, language, message, self)
        self.charts = ChartsView(book, language, self)
        self.tabs.addTab(self.orders, "")
        self.tabs.addTab(self.case, "")
        self.tabs.addTab(self.charts, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.resize(900, 560)
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        self.setWindowTitle(_("Orders and cases"))
        self.tabs.setTabText(0, _("Orders"))
        self.tabs.setTabText(1, _("Case"))
        self.tabs.setTabText(2, _("Charts"))
        self.orders.retranslate(language)
        self.case.retranslate(language)
        self.charts.refresh(language)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.charts:
            self.charts.refresh()

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)
        self.show()
        self.activateWindow()
