"""The buyer's message pane, as a seller uses it: paste, read the suggestions, Enter, copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from composer.storage.history import HistoryStore
from tests.helpers.gui import child, preview, type_amount
from ui.dialogs.help_menu import shortcut_rows

pytestmark = pytest.mark.gui

DAMAGED = (
    "Hola, el paquete llegó roto y la taza está rota, quiero un reembolso o un reemplazo. "
    "Mi pedido es 8123456789012345. Adjunto fotos."
)
ORDER = "8123456789012345"


def paste(qtbot, window, text):
    """Paste ``text`` into the buyer's message box and wait for it to be read."""
    box = child(window, QPlainTextEdit, "buyerMessageText")
    box.setPlainText(text)  # a paste: keyClicks cannot type non-ASCII text
    qtbot.waitUntil(lambda: not window.buyer_message._read_due)
    return box


def suggested(window):
    """The suggested scenarios' ids, best first; each item shows its scenario's title."""
    listed = child(window, QListWidget, "buyerMessageSuggestions")
    ids = []
    for row in range(listed.count()):
        item = listed.item(row)
        scenario_id = item.data(Qt.ItemDataRole.UserRole)
        assert item.text() == window.catalog.get(scenario_id).title("en")
        ids.append(scenario_id)
    return ids


def test_a_pasted_spanish_message_shows_language_order_and_suggestions(qtbot, window):
    pane = child(window, QWidget, "buyerMessage")
    assert pane is window.buyer_message
    paste(qtbot, window, DAMAGED)
    found = child(window, QLabel, "buyerMessageFound").text()
    assert "Spanish" in found and ORDER in found
    assert suggested(window) == ["damaged-item", "late-delivery", "refund-status"]
    listed = child(window, QListWidget, "buyerMessageSuggestions")
    assert listed.currentRow() == 0 and listed.item(0).font().bold()
    assert not listed.isHidden()


def test_enter_opens_the_first_suggestion_with_the_order_number_keeping_typed_fields(qtbot, window):
    window.choose_scenario("damaged-item")
    window.controller.set_value("buyer_name", "Lucía")
    window.choose_scenario("shipping-delay")
    box = paste(qtbot, window, DAMAGED)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.controller.scenario.id == "damaged-item"
    assert window.controller.values["order_number"] == ORDER
    assert window.controller.values["buyer_name"] == "Lucía"
    assert child(window, QLineEdit, "field_order_number").text() == ORDER
    # The buyer wrote Spanish: the reply is in Spanish, beside the Chinese.
    assert ORDER in preview(window, "es") and ORDER in preview(window, "zh")
    assert box.toPlainText() == DAMAGED  # Enter opened, it did not add a line
    assert "Order number" in window.statusBar().currentMessage()


def test_shift_enter_is_a_new_line_and_a_click_opens_another_suggestion(qtbot, window):
    box = paste(qtbot, window, DAMAGED)
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert box.toPlainText() == DAMAGED + "\n"
    listed = child(window, QListWidget, "buyerMessageSuggestions")
    qtbot.waitUntil(lambda: listed.count() == 3)
    rect = listed.visualItemRect(listed.item(1))
    listed.show()  # a click needs the list laid out
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.scenario.id == "late-delivery"


def test_a_tracking_number_fills_tracking_and_carrier(qtbot, window):
    box = paste(qtbot, window, "Bonjour, le colis LX123456785CN n'est toujours pas arrivé.")
    assert "China Post" in child(window, QLabel, "buyerMessageFound").text()
    qtbot.keyClick(box, Qt.Key.Key_Enter)
    scenario = window.controller.scenario
    assert scenario.id == "not-received"
    names = {f.name for f in scenario.fields}
    assert "tracking_number" in names
    assert window.controller.values["tracking_number"] == "LX123456785CN"
    if "carrier" in names:
        assert window.controller.values["carrier"]


def test_an_empty_or_unmatched_message_says_so_and_enter_opens_nothing(qtbot, window):
    hint = child(window, QLabel, "buyerMessageHint")
    assert not hint.isHidden() and hint.text().startswith("No message yet")
    before = window.controller.scenario.id
    box = paste(qtbot, window, "Hola, ¿qué tal? Gracias.")
    assert suggested(window) == []
    assert child(window, QListWidget, "buyerMessageSuggestions").isHidden()
    assert hint.text().startswith("No scenario matches this message")
    assert "no order or tracking number" in child(window, QLabel, "buyerMessageFound").text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.controller.scenario.id == before
    assert box.toPlainText() == "Hola, ¿qué tal? Gracias."
    paste(qtbot, window, "qwzx")
    assert "Language not recognised" in child(window, QLabel, "buyerMessageFound").text()
    paste(qtbot, window, "   \n")
    assert hint.text().startswith("No message yet")
    assert child(window, QLabel, "buyerMessageFound").isHidden()


def test_a_burst_of_changes_is_read_once_on_the_next_turn(qtbot, window, monkeypatch):
    reads = []
    real = window.controller.workspace.read_message
    monkeypatch.setattr(
        window.controller.workspace, "read_message", lambda text: reads.append(text) or real(text)
    )
    box = child(window, QPlainTextEdit, "buyerMessageText")
    for end in range(1, 6):
        box.setPlainText(DAMAGED[: end * 10])
    assert reads == []  # typing never waits for the reading
    qtbot.waitUntil(lambda: reads != [])
    assert reads == [DAMAGED[:50]]


def test_ctrl_b_focuses_the_message_is_in_the_reply_menu_and_the_cheat_sheet(qtbot, window):
    action = window.message_action
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+B"]
    assert action in window.reply_menu.actions()
    clashes = [
        a.objectName()
        for a in window.findChildren(type(action))
        if a is not action and "Ctrl+B" in [s.toString() for s in a.shortcuts()]
    ]
    assert clashes == []
    assert ("Ctrl+B", "Buyer's message") in shortcut_rows(window)
    window.show()
    qtbot.waitExposed(window)
    window.left_splitter.setSizes([0, 500])  # folded away by the seller
    action.trigger()
    box = child(window, QPlainTextEdit, "buyerMessageText")
    assert window.left_splitter.sizes()[0] > 0
    qtbot.waitUntil(box.hasFocus)


def test_a_copy_records_the_message_and_the_history_shows_it(qtbot, window, data_dir, monkeypatch):
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *args: True)  # half-filled on purpose
    box = paste(qtbot, window, DAMAGED)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    window.copy_both_button.click()
    assert ORDER in QGuiApplication.clipboard().text()
    [record] = HistoryStore(data_dir / "history.json").records()
    assert (record.scenario_id, record.order_number) == ("damaged-item", ORDER)
    assert record.buyer_message == DAMAGED
    view = window.seller_data.show_history()
    view.table.setCurrentIndex(view.model.index(0, 0))
    shown = view.preview.toPlainText()
    assert shown.startswith("The buyer's message:") and DAMAGED in shown
    view.close()


def test_the_damaged_item_task_from_a_pasted_message_to_a_copy(qtbot, data_dir):
    """With a profile: Ctrl+B, paste, Enter, the refund's amount, Ctrl+Shift+Enter; no
    question, the order and the amount in it."""
    from composer.storage.profile import Profile
    from composer.storage.profile_store import ProfileStore
    from ui.app import build_main_window

    ProfileStore(data_dir / "profile.json").save(
        Profile(seller_name="Li Wei", shop_name="Lucky Shop")
    )
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.message_action.trigger()  # Ctrl+B
    box = paste(qtbot, window, DAMAGED)  # Ctrl+V
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.controller.scenario.id == "damaged-item"
    qtbot.waitUntil(lambda: window.checks_panel.list.count() > 0)
    type_amount(window, qtbot, "refund_amount", "7.50")  # the partial refund promises a figure
    window.copy_both_action.trigger()  # Ctrl+Shift+Enter: the autouse fixture fails on a question
    copied = QGuiApplication.clipboard().text()
    # In Spanish (the buyer's language) and Chinese, the amount as each writes it.
    assert ORDER in copied and "Li Wei" in copied and "7,50\xa0US$" in copied
    assert "Lamentamos" in copied and "7.50美元" in copied
    [record] = HistoryStore(data_dir / "history.json").records()
    assert record.buyer_message == DAMAGED
