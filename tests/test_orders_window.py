"""Orders in the window, driven as a seller: import an export (and a file that needs the
mapping step), find an order, fill the reply from it (what was typed is not overwritten without
asking), see the buyer's tier, open the advisor and see what the tier changed, keep a case, and
read the charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from composer.orders.formats import ColumnMapping
from tests.helpers.gui import child, preview
from tests.helpers.orders import order_number, write_ebay_report, write_unknown_export

pytestmark = pytest.mark.gui

MARIA = order_number(0)  # the best buyer's latest order: a lamp, tracked with China Post
IVAN = order_number(8)  # a lost buyer: one small order long ago


@pytest.fixture
def orders(window, tmp_path):
    """The window's orders, with the test report imported through Orders ▸ Import orders…."""
    ui = window.seller_data.orders
    ui.choose_file = lambda: write_ebay_report(tmp_path / "ebay.csv")
    window.findChild(type(ui.import_action), "importOrdersAction").trigger()
    return ui


def test_import_reports_what_it_added_and_again_adds_nothing(window, orders, tmp_path):
    assert "12 added, 0 updated, 0 unchanged, 0 skipped" in window.statusBar().currentMessage()
    assert len(orders.book.store) == 12
    assert orders.import_file(tmp_path / "ebay.csv")
    assert "0 added, 0 updated, 12 unchanged" in window.statusBar().currentMessage()


def test_an_unknown_file_asks_which_column_is_which_once(window, orders, tmp_path):
    asked = []

    def ask_mapping(path, headers):
        asked.append(headers)
        return ColumnMapping(
            columns={"order_id": ("Ref",), "buyer_name": ("Client",), "country": ("Land",),
                     "item_name": ("Article",), "quantity": ("Qty",), "item_price": ("Unit",),
                     "ordered_at": ("Date",)},
            platform="etsy", currency="EUR",
        )  # fmt: skip

    orders.ask_mapping = ask_mapping
    assert orders.import_file(write_unknown_export(tmp_path / "shop.csv"))
    assert asked == [["Ref", "Client", "Land", "Article", "Qty", "Unit", "Date"]]
    assert orders.book.store.find("A-17")[0].buyer_name == "Emma Schmidt"
    # The next file with these columns imports without asking.
    assert orders.import_file(write_unknown_export(tmp_path / "shop-april.csv"))
    assert len(asked) == 1


def test_the_mapping_dialog_guesses_and_needs_the_order_number(qtbot):
    from ui.orders.mapping import MappingDialog

    dialog = MappingDialog("shop.csv", ["Ref", "Client", "Land", "Qty", "Date"])
    qtbot.addWidget(dialog)
    assert dialog.boxes["order_id"].currentData() == "Ref"
    assert dialog.boxes["country"].currentData() == "Land"
    dialog.boxes["order_id"].setCurrentIndex(0)
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "order number" in dialog.error.text()
    assert dialog.result() == 0


def test_a_bad_file_is_one_line_naming_it_and_nothing_changes(
    window, orders, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr("ui.window.seller_data.show_error", lambda *a: shown.append(a[2]))
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"not a workbook")
    assert not orders.import_file(bad)
    assert len(shown) == 1 and "photo.xlsx" in shown[0] and "\n" not in shown[0]
    assert len(orders.book.store) == 12


def test_find_an_order_by_buyer_or_tracking_number_and_fill_the_reply(window, orders):
    window.choose_scenario("shipped-update")
    view = orders.show_orders()
    view.orders.search.setText("RR123456785")
    assert [o.order_id for o in view.orders.orders] == [MARIA]
    assert view.orders.table.item(0, 6).text() == "Best buyers"
    view.orders.search.setText("ROSSI")
    assert len(view.orders.orders) == 3
    view.orders.search.setText("maria")
    child(view, QPushButton, "orderFillButton").click()
    values = window.controller.values
    assert values["buyer_name"] == "Maria Garcia" and values["order_number"] == MARIA
    assert values["carrier"] == "China Post" and values["tracking_number"] == "RR123456785CN"
    # A buyer in Spain who has not written: the reply switches to Spanish, and says so.
    assert window.controller.buyer_language == "es"
    assert "¡Hola, Maria Garcia!" in preview(window, "es") and MARIA in preview(window, "es")
    status = window.statusBar().currentMessage()
    assert f"Filled from order {MARIA}" in status and "Spanish (from the country)" in status
    assert "The reply is in Spanish." in status


def test_a_typed_value_is_replaced_only_if_the_seller_says_so(window, orders, monkeypatch):
    window.choose_scenario("shipped-update")
    window.controller.set_value("buyer_name", "Mary")
    window.form.set_values(window.controller.values)
    asked = []
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda p, t, text: asked.append(text) or False)
    order = orders.book.store.find(MARIA)[0]
    filled = orders.fill_from(order)
    assert "“Mary” → “Maria Garcia”" in asked[0]
    assert window.controller.values["buyer_name"] == "Mary" and "buyer_name" not in filled
    assert window.controller.values["order_number"] == MARIA  # the empty ones are filled
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *a: True)
    orders.fill_from(order)
    assert window.controller.values["buyer_name"] == "Maria Garcia"


def test_another_scenario_takes_the_order_into_its_empty_fields(window, orders):
    window.choose_scenario("shipped-update")
    orders.fill_from(orders.book.store.find(MARIA)[0])
    window.choose_scenario("damaged-item")
    values = window.controller.values
    assert values["order_number"] == MARIA and values["item_name"] == "Ceramic table lamp"


def test_the_buyer_message_names_an_imported_order_and_fills_from_it(window, orders):
    window.buyer_message.set_message("Hola, la lámpara llegó rota. Pedido " + MARIA)
    window.buyer_message.read_now()
    button = child(window, QPushButton, "orderFromMessageButton")
    assert button.isVisibleTo(window) and MARIA in button.text()
    assert "Maria Garcia" in button.toolTip()
    window.buyer_message.open_current()  # Enter: the best scenario, filled from the order too
    assert window.controller.scenario.id == "damaged-item"
    assert window.controller.values["item_name"] == "Ceramic table lamp"
    assert "The buyer writes Spanish." in window.statusBar().currentMessage()
    assert "reads Spanish (from the country)" in child(window, QLabel, "currentOrder").toolTip()
    window.buyer_message.set_message("Where is my parcel? Order 99-99999-99999")
    window.buyer_message.read_now()
    assert not button.isVisibleTo(window)


def test_the_tier_shows_beside_the_reply_with_what_it_means(window, orders):
    badge = child(window, QLabel, "tierBadge")
    assert not badge.isVisibleTo(window)
    window.choose_scenario("damaged-item")
    orders.fill_from(orders.book.store.find(MARIA)[0])
    assert badge.isVisibleTo(window) and badge.text() == "Best buyers · 444"
    assert "more proof than a photo" in badge.toolTip()
    assert child(window, QLabel, "currentOrder").text() == f"Order {MARIA}"
    orders.fill_from(orders.book.store.find(IVAN)[0], only_empty=True)
    assert badge.text() == "Lost buyers · 111"


def test_the_advisor_replaces_at_once_for_a_best_buyer_and_says_why(window, orders):
    window.choose_scenario("damaged-item")
    orders.fill_from(orders.book.store.find(MARIA)[0])
    child(window, QPushButton, "adviseButton").click()
    dialog = window.behaviour.advisor_dialog
    assert dialog.options[0].remedy == "reship"
    assert dialog.options[0].reason["en"].startswith("First for a best buyer")
    assert dialog.options[-1].remedy == "reship-shared-cost"  # no haggling with her
    assert "Best buyers (444)" in child(dialog, QLabel, "advisorTier").text()
    assert "From order" in dialog.from_form.text() and "€42.50" in dialog.from_form.text()
    assert dialog.amounts["order_value"].value() == 42.5
    dialog.close()
    # A new buyer keeps the partial refund first; a lost buyer is not told to spend more.
    orders.fill_from(orders.book.store.find(order_number(4))[0], only_empty=True)
    dialog = window.behaviour.open_advisor()
    assert dialog.options[0].remedy == "partial-refund"
    assert "New buyers" in dialog.tier_note.text()


def test_a_case_from_message_to_remedy_and_the_charts(window, orders, monkeypatch):
    window.choose_scenario("damaged-item")
    window.buyer_message.set_message("The lamp arrived broken. Order " + MARIA)
    window.buyer_message.read_now()
    orders.fill_from_message()
    window.controller.fill_examples()
    window.controller.set_values({"order_number": MARIA})
    window.behaviour.copy_language("en")  # copied: kept in the reply history
    view = orders.show_case()
    case = view.case
    assert "has no case" in case.heading.text()
    child(view, QPushButton, "caseOpenButton").click()
    assert case.case is not None and case.messages.count() == 1
    assert "arrived broken" in case.messages.item(0).text()
    child(view, QPushButton, "caseAddRepliesButton").click()
    assert case.replies.count() == 1 and "damaged-item" in case.replies.item(0).text()
    case.remedy.setCurrentIndex(case.remedy.findData("reship"))
    case.cost.setValue(12.5)
    child(view, QPushButton, "caseRemedyButton").click()
    case.steps["justified"].click()
    case.status.setCurrentIndex(3)
    case.status.activated.emit(3)
    stored = orders.book.cases.get(case.case.id)
    assert stored.status == "disputed" and stored.remedy == "reship"
    assert str(stored.remedy_cost.amount) == "12.50" and stored.remedy_cost.currency == "EUR"
    assert stored.steps == ("record", "justified")

    charts = orders.show_charts().charts
    QApplication.processEvents()
    assert "Best buyers: 1" in charts.buyers_chart.as_text()
    assert "Lost buyers: 1" in charts.buyers_chart.as_text()
    assert "Best buyers: EUR €149.50" in charts.value_chart.as_text()
    rate = charts.dispute_chart.as_text()
    assert "eBay: last 30 days 25.0 % (1 of 4), last 90 days 12.5 % (1 of 8)" in rate
    assert "EUR €12.50" in charts.cost_chart.as_text()
    picture = charts.grab()
    assert not picture.isNull()


def test_the_orders_window_follows_the_interface_language(window, orders):
    view = orders.show_orders()
    window.behaviour.set_interface_language("zh_CN")
    assert view.windowTitle() == "订单与售后"
    assert view.orders.table.item(0, 6).text() in {"最佳买家", "新买家", "流失风险", "已流失"}
    assert orders.menu.title().startswith("订单")


def test_nothing_is_offered_before_any_order_is_imported(window, data_dir):
    ui = window.seller_data.orders
    window.buyer_message.set_message("Where is order 12-34567-89000?")
    window.buyer_message.read_now()
    assert not child(window, QPushButton, "orderFromMessageButton").isVisibleTo(window)
    view = ui.show_orders()
    assert "No orders yet" in view.orders.count.text()
    assert not view.orders.fill_button.isEnabled()
    assert not Path(data_dir / "orders.json").exists() or len(ui.book.store) == 0


def test_a_damaged_orders_file_is_set_aside_and_named_in_the_banner(window, data_dir):
    (data_dir / "orders.json").write_text("{not json", encoding="utf-8")
    view = window.seller_data.orders.show_orders()
    banner = window.problems_banner
    assert banner.isVisibleTo(window) and "orders.damaged-" in banner.text()
    assert "No orders yet" in view.orders.count.text()
    assert list(data_dir.glob("orders.damaged-*.json"))
