"""Orders in the main window: the Orders menu, filling the reply from an order, the buyer's
tier beside the reply, the order a buyer's message names, and the advisor's view of the buyer.

``attach_orders`` adds them to a window whose seller's data is open. The order the reply was
last filled from stays the window's current order: another scenario opened afterwards takes
its values into the fields still empty, and its case is the Case tab's.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from composer.orders.model import Order
from composer.storage.file_format import StoreError
from composer.templating.fields import Money, Value
from composer.templating.scenario import Scenario
from composer.triage import LANGUAGE_NAMES, Triage
from composer.workspace import Changes, Workspace
from ui import i18n
from ui.dialogs import questions
from ui.i18n import _
from ui.orders.badge import TierBadge
from ui.orders.importing import ImportSteps

if TYPE_CHECKING:
    from composer.orders.rfm import Buyer
    from ui.orders.views import OrdersWindow
    from ui.window.main_window import MainWindow

log = logging.getLogger("reply_composer")


def shown_value(value: Value, language: str) -> str:
    """A field's value as the question about replacing it writes it."""
    if isinstance(value, Money):
        from ui.dialogs.advisor import money_text

        return money_text(value.amount, value.currency, language)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class OrdersUi(ImportSteps):
    """What ``attach_orders`` adds to a window; kept as ``window.seller_data.orders``."""

    def __init__(self, window: MainWindow, workspace: Workspace) -> None:
        self.window = window
        self.workspace = workspace
        self.book = workspace.orders
        self.order: Order | None = None  # the order the reply was last filled from
        self.matches: list[Order] = []  # the imported orders the buyer's message names
        self.as_of: dt.date | None = None  # the day tiers are scored on; None: today
        self.orders_window: OrdersWindow | None = None
        self._problems_told = False

        self.menu = window.menuBar().addMenu("")
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        self.menu.setObjectName("ordersMenu")
        self.import_action = self._action(self.import_file, "Ctrl+I", "importOrdersAction")
        self.find_action = self._action(self.show_orders, "Ctrl+Shift+O", "findOrderAction")
        self.case_action = self._action(self.show_case, "", "orderCaseAction")
        self.charts_action = self._action(self.show_charts, "", "orderChartsAction")

        # Beside the reply, at the end of the "Reply as" row: the order and its buyer's tier.
        self.order_label = QLabel(window)
        self.order_label.setObjectName("currentOrder")
        self.badge = TierBadge(window)
        area = window.preview_splitter.parentWidget()
        layout = area.layout() if area is not None else None
        first = layout.itemAt(0) if isinstance(layout, QVBoxLayout) else None
        row = first.layout() if first is not None else None
        if isinstance(row, QHBoxLayout):
            row.addWidget(self.order_label)
            row.addWidget(self.badge)
        # Under the buyer's message: the imported order it names, to fill the reply from.
        self.message_button = QPushButton(window.buyer_message)
        self.message_button.setObjectName("orderFromMessageButton")
        self.message_button.hide()
        pane_layout = window.buyer_message.layout()
        if isinstance(pane_layout, QVBoxLayout):
            pane_layout.insertWidget(3, self.message_button)
        self.message_button.clicked.connect(self.fill_from_message)
        window.buyer_message.messageRead.connect(self.follow_message)
        # After the window's own handler has opened the scenario: fill it from the order too.
        window.buyer_message.suggestionChosen.connect(self._opened_from_message)
        window.controller.scenarioChanged.connect(self._scenario_opened)
        window.retranslated.connect(self.retranslate)
        self.retranslate()
        self.show_order()

    def _action(self, handler: Any, keys: str, name: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(handler)
        self.window.addAction(action)  # in the cheat sheet, and working with the menu hidden
        self.menu.addAction(action)
        return action

    @property
    def language(self) -> str:
        return self.window.ui_language

    def retranslate(self) -> None:
        self.menu.setTitle(_("&Orders"))
        self.import_action.setText(_("Import orders…"))
        self.find_action.setText(_("Find an order…"))
        self.case_action.setText(_("Case of this order…"))
        self.charts_action.setText(_("Buyers and disputes charts…"))
        self.show_order()
        self.follow_message(self.window.buyer_message.found)
        if self.orders_window is not None:
            self.orders_window.retranslate(self.language)

    # --- the Orders window -------------------------------------------------------------------

    def tell_problems(self) -> None:
        """Once the order and case files are open: what was wrong in them, in the banner (a
        damaged file is moved aside and named, never fatal)."""
        if self._problems_told:
            return
        self._problems_told = True
        from ui.window.seller_data import show_store_problems

        problems = self.book.problems()
        for problem in problems:
            log.warning("%s", problem)
        show_store_problems(self.window, problems)

    def orders_view(self) -> OrdersWindow:
        self.tell_problems()
        if self.orders_window is None:
            from ui.orders.views import OrdersWindow

            view = OrdersWindow(
                self.book, self.language, self.window.buyer_message.message, self.window
            )
            view.charts.as_of = self.as_of
            view.orders.fillRequested.connect(self.fill_from)
            view.orders.importRequested.connect(self.import_file)
            view.case.changed.connect(self.follow)
            view.case.problem.connect(self._report)
            view.case.notice.connect(lambda text: self.window.statusBar().showMessage(text, 6000))
            self.orders_window = view
        self.orders_window.case.show_order(self.order)
        return self.orders_window

    def show_orders(self) -> OrdersWindow:
        view = self.orders_view()
        view.orders.refresh()
        view.show_tab(view.orders)
        view.orders.search.setFocus()
        return view

    def show_case(self) -> OrdersWindow:
        view = self.orders_view()
        view.show_tab(view.case)
        return view

    def show_charts(self) -> OrdersWindow:
        view = self.orders_view()
        view.charts.refresh(self.language)
        view.show_tab(view.charts)
        return view

    def follow(self, changes: Changes) -> None:
        """What an import or a case change means for the views."""
        view = self.orders_window
        if changes.orders:
            if self.order is not None:
                found = self.book.store.find(self.order.order_id, self.order.platform)
                self.order = found[0] if found else None
            self.show_order()
            self.follow_message(self.window.buyer_message.found)
            if view is not None:
                view.orders.refresh()
        if view is not None and (changes.orders or changes.cases):
            view.charts.refresh()

    def _report(self, text: str) -> None:
        seller_data = self.window.seller_data
        if seller_data is not None:
            seller_data.report(text)

    # --- filling -----------------------------------------------------------------------------

    def fill_from(self, order: Order, *, only_empty: bool = False) -> list[str]:
        """Fill the current scenario's fields from ``order``; a field the seller typed another
        value into is replaced only if they say so (``only_empty``: never). The names filled."""
        controller = self.window.controller
        scenario = controller.scenario
        self.order = order
        self.show_order()
        if self.orders_window is not None:
            self.orders_window.case.show_order(order)
        if scenario is None:
            return []
        values = self.book.fill(order, scenario)
        typed = self._typed(scenario, values)
        if typed and not only_empty:
            lines = [
                f"• {scenario.field(n).label(self.language)}: "  # type: ignore[union-attr]
                + _("“{typed}” → “{order}”").format(
                    typed=shown_value(controller.values[n], self.language),
                    order=shown_value(values[n], self.language),
                )
                for n in typed
            ]
            question = (
                _("You typed other values than order {order} has:").format(order=order.order_id)
                + "\n\n"
                + "\n".join(lines)
                + "\n\n"
                + _("Replace them with the order's?")
            )
            if questions.ask(self.window, _("Replace what you typed?"), question):
                typed = []
        for name in typed:
            del values[name]
        if values:
            controller.set_values(values)
        names = _(", ").join(f.label(self.language) for f in scenario.fields if f.name in values)
        language, source = self.book.language(order, self.window.buyer_message.found)
        reads = self._language_text(language, source)
        if source == "country":  # the buyer has not written: reply in their country's language
            reads = f"{reads} {self._reply_in(language)}".strip()
        text = (
            _("Filled from order {order}: {fields}.").format(order=order.order_id, fields=names)
            if values
            else _("Order {order}: nothing more to fill in this reply.").format(
                order=order.order_id
            )
        )
        self.window.statusBar().showMessage(f"{text} {reads}", 10000)
        return list(values)

    def _typed(self, scenario: Scenario, values: dict[str, Value]) -> list[str]:
        """The fields the order would change that hold a value the seller gave."""
        current = self.window.controller.values
        fresh = self.window.controller.drafts.fresh(scenario)
        typed = []
        for name, value in values.items():
            field = scenario.field(name)
            now = current.get(name)
            if field is None or field.is_empty(now) or now == value or now == fresh.get(name):
                continue
            typed.append(name)
        return typed

    def _reply_in(self, language: str) -> str:
        """Switch the reply to ``language`` when there are replies in it; say so ("" if not)."""
        from composer.workspace.reply_languages import match_language

        window = self.window
        code = match_language(window.catalog, language)
        if code is None or code == window.controller.buyer_language:
            return ""
        if not window.buyer_language.choose(code):
            return ""
        name = window.buyer_language.name(code)
        return _("The reply is in {language}.").format(language=name)

    def _language_text(self, language: str, source: str) -> str:
        name = i18n.language_name(language, LANGUAGE_NAMES.get(language, language))
        if source == "message":
            return _("The buyer writes {language}.").format(language=name)
        return _("The buyer most likely reads {language} (from the country).").format(language=name)

    def _scenario_opened(self, _scenario: object) -> None:
        if self.order is not None:
            self.fill_from(self.order, only_empty=True)

    # --- the buyer's message -----------------------------------------------------------------

    def follow_message(self, found: Triage | None) -> None:
        """Offer the imported order the message names (order or tracking number)."""
        try:
            self.matches = self.book.from_message(found)
        except StoreError as exc:
            log.warning("orders not read: %s", exc)
            self.matches = []
        button = self.message_button
        if len(self.matches) == 1:
            order = self.matches[0]
            buyer = order.buyer_name or order.buyer_id
            button.setText(_("Fill from order {order}").format(order=order.order_id))
            button.setToolTip(
                _("The message names this imported order: fill the reply from it")
                + f"\n{buyer} · {order.country} · {order.item_name}"
            )
        elif self.matches:
            button.setText(_("{count} imported orders match: choose one…").format(
                count=len(self.matches)))  # fmt: skip
        button.setVisible(bool(self.matches))

    def fill_from_message(self) -> None:
        if len(self.matches) == 1:
            self.fill_from(self.matches[0])
        elif self.matches:
            view = self.show_orders()
            view.orders.search.setText(self.matches[0].order_id)

    def _opened_from_message(self, _scenario_id: str) -> None:
        if len(self.matches) == 1:
            self.fill_from(self.matches[0], only_empty=True)

    # --- the buyer's tier --------------------------------------------------------------------

    def buyer(self) -> Buyer | None:
        """The current order's buyer, scored (None without an order)."""
        if self.order is None:
            return None
        return self.book.buyer_of(self.order, self.as_of)

    def show_order(self) -> None:
        order = self.order
        if order is None:
            self.order_label.hide()
            self.badge.show_buyer(None, self.language)
            return
        buyer = self.buyer()
        self.order_label.setText(_("Order {order}").format(order=order.order_id))
        language, _source = self.book.language(order)
        self.order_label.setToolTip(
            " · ".join(p for p in (order.platform, order.buyer_name, order.country) if p)
            + "\n"
            + self._language_text(language, "country")
        )
        self.order_label.show()
        self.badge.show_buyer(buyer, self.language)

    def advisor_context(self) -> dict[str, Any]:
        """What the advisor takes from the current order: its buyer's tier, its amounts."""
        if self.order is None:
            return {}
        amounts: dict[str, Decimal] = {}
        if self.order.value is not None:
            amounts["order_value"] = self.order.value
        if self.order.shipping_cost is not None:
            amounts["shipping_cost"] = self.order.shipping_cost
        buyer = self.buyer()
        return {
            "buyer": buyer,
            "order_amounts": amounts,
            "order_currency": self.order.currency,
            "order_number": self.order.order_id,
        }


def attach_orders(window: MainWindow, workspace: Workspace) -> OrdersUi:
    """Add the Orders menu, the tier badge and the message's order to ``window``."""
    return OrdersUi(window, workspace)
