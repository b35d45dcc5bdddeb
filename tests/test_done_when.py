"""Issue 15's "Done when", driven as a seller: keys and clicks only, each one counted.

Paste the buyer's message, press Enter, see the right draft with the order number filled, give
the amount the reply promises, edit a sentence in the English preview, insert a snippet into
the English reply, change a field and see the edit kept, copy and read the clipboard.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QListWidget, QPlainTextEdit, QWidget

from composer.storage.history import HistoryStore
from composer.storage.profile import Profile
from composer.storage.profile_store import ProfileStore
from composer.storage.snippets import Snippet, SnippetStore
from tests.helpers.gui import child, preview
from ui.app import build_main_window

pytestmark = pytest.mark.gui

MESSAGE = (
    "Hello, the lamp I ordered arrived broken, the glass is cracked. "
    "Order 114-1234567-1234567. Can you help?"
)
CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass
class Seller:
    """Presses keys and clicks as a seller does, counting each (a shortcut is one key)."""

    qtbot: object
    window: QWidget
    keys: int = 0
    clicks: int = 0

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        self.qtbot.keyClick(self.focused(), key, modifier)
        self.keys += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)  # ASCII: see NOTES.md
        self.keys += len(text)

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())
        self.clicks += 1

    def click_text(self, box: QPlainTextEdit, before: str) -> None:
        """Click into a reply just before ``before``."""
        text = box.toPlainText()
        cursor = box.textCursor()
        cursor.setPosition(text.index(before))
        self.click(box.viewport(), box.cursorRect(cursor).center())
        assert box.textCursor().position() == text.index(before)

    def click_check(self, starting: str) -> None:
        checks = self.window.findChild(QListWidget, "checksPanel")
        QApplication.processEvents()  # the checks follow the draft on the next turn
        (item,) = [
            checks.item(i)
            for i in range(checks.count())
            if checks.item(i).text().startswith(starting)
        ]
        self.click(checks.viewport(), checks.visualItemRect(item).center())


@pytest.fixture
def seller(qtbot, data_dir):
    ProfileStore(data_dir / "profile.json").save(
        Profile(seller_name="Lily Chen", shop_name="Sunny Home Store")
    )
    SnippetStore(data_dir / "snippets.json").save(
        Snippet(
            "thanks", "Thanks again", {"en": "Thank you for your patience.", "zh": "感谢您的耐心。"}
        )
    )
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QGuiApplication.clipboard().setText(MESSAGE)  # copied from the platform's message page
    return Seller(qtbot, window)


def answer_the_damaged_item(seller: Seller) -> None:
    """The damaged-item task: from the buyer's message to a reply ready to copy."""
    window = seller.window
    seller.press(Qt.Key.Key_B, CTRL)  # the buyer's message
    seller.press(Qt.Key.Key_V, CTRL)  # paste it
    seller.press(Qt.Key.Key_Return)  # open the best suggestion
    assert window.controller.scenario.id == "damaged-item"
    assert window.controller.values["order_number"] == "114-1234567-1234567"
    assert "order 114-1234567-1234567 arrived damaged" in preview(window, "en")
    seller.click_check("Fill in the amount the reply promises")  # to the amount's box
    seller.type("15")
    assert "a partial refund of $15.00" in preview(window, "en")


def test_the_damaged_item_task_takes_one_click_and_six_keys(seller):
    answer_the_damaged_item(seller)
    QApplication.processEvents()
    assert seller.window.checks_panel.texts() == ["✔ Ready to copy: no problems found."]
    seller.press(Qt.Key.Key_Return, CTRL)  # copy the English reply
    assert "a partial refund of $15.00" in QGuiApplication.clipboard().text()
    # Before issue 15: 4 clicks and about 60 keys.
    assert (seller.clicks, seller.keys) == (1, 6)


def test_paste_enter_edit_insert_change_a_field_copy(seller, data_dir):
    window = seller.window
    answer_the_damaged_item(seller)
    english = child(window, QPlainTextEdit, "previewEn")
    # A final touch: a sentence of the seller's own words.
    seller.click_text(english, " We will make it right.")
    seller.type(" We are very sorry.")
    assert "arrived damaged. We are very sorry. We will make it right." in preview(window, "en")
    # A snippet into the English reply, found by its key.
    seller.click_text(english, "Does this work for you?")
    seller.click(window.seller_data.panel.search)
    seller.type("thanks")
    seller.press(Qt.Key.Key_Return)  # Insert
    assert "Thank you for your patience.Does this work for you?" in preview(window, "en")
    # A field changed afterwards: the English edit stays, the Chinese reply follows the form.
    seller.click(window.form.editors["item_name"])
    seller.type("lamp")
    assert "We are very sorry." in preview(window, "en")
    assert "Thank you for your patience." in preview(window, "en")
    assert "“lamp”" in preview(window, "zh")
    seller.press(Qt.Key.Key_Return, CTRL)  # copy the English reply
    copied = QGuiApplication.clipboard().text()
    assert copied == preview(window, "en")
    assert "order 114-1234567-1234567" in copied and "$15.00" in copied
    assert "We are very sorry." in copied and "Thank you for your patience." in copied
    record = HistoryStore(data_dir / "history.json").records()[0]
    assert record.buyer_message == MESSAGE and "We are very sorry." in record.drafts["en"]["body"]
    assert (seller.clicks, seller.keys) == (5, 5 + 19 + 6 + 1 + 4 + 1)
