"""The buyer's language in the window (issue 17): a seller pastes a Spanish message, picks
a language by hand, copies, restarts; a scenario without it says so and shows the English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton

from composer.storage.history import HistoryStore
from tests.helpers.gui import child, preview
from tests.helpers.scenarios import SHIPPED

pytestmark = pytest.mark.gui

FIXTURE = Path(__file__).parent / "data" / "buyer-languages"  # es: 2 scenarios, ca: 1
SPANISH_MESSAGE = "Hola, mi pedido 8175630291847563 todavía no ha llegado. ¿Dónde está mi paquete?"


@pytest.fixture
def folders(tmp_path: Path) -> list[Path]:
    """The shipped templates and a language folder with Spanish and "Catalan" (test texts)."""
    folder = tmp_path / "languages-fixture"
    shutil.copytree(FIXTURE, folder)
    return [SHIPPED, folder]


def open_window(qtbot, data_dir, folders, scenario="shipping-delay"):
    from ui.app import build_main_window

    win = build_main_window(data_dir, folders)
    qtbot.addWidget(win)
    win.show()
    win.choose_scenario(scenario)
    win.controller.fill_examples()
    return win


@pytest.fixture
def win(qtbot, data_dir, folders):
    return open_window(qtbot, data_dir, folders)


def picker(win) -> QComboBox:
    return child(win, QComboBox, "buyerLanguagePicker")


def pick_by_hand(win, qtbot, name: str) -> None:
    """Choose ``name`` in the picker with the keyboard, as a seller would."""
    box = picker(win)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentText() != name:
        before = box.currentIndex()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"{name} is not in the picker"


def paste_message(win, qtbot, text: str) -> None:
    win.buyer_message.set_message(text)  # non-ASCII: keyClicks would abort
    qtbot.waitUntil(lambda: win.buyer_message.found is not None)


def test_the_window_starts_in_english_beside_the_chinese(win):
    assert picker(win).currentText() == "English"
    names = [picker(win).itemText(i) for i in range(picker(win).count())]
    assert names[0] == "English" and {"Spanish", "French", "Catalan", "Russian"} <= set(names)
    assert list(win.controller.result.drafts) == ["en", "zh"]  # not Spanish nor Catalan
    assert "may take longer" in preview(win, "en")
    assert child(win, QPushButton, "copyEnButton").text() == "Copy English"


def test_a_spanish_message_switches_the_buyer_reply_to_spanish(win, qtbot, data_dir):
    paste_message(win, qtbot, SPANISH_MESSAGE)
    qtbot.waitUntil(lambda: win.controller.buyer_language == "es")
    assert picker(win).currentText() == "Spanish"
    assert "Su paquete (pedido 8175630291847563)" in preview(win, "es")
    assert "8175630291847563" in preview(win, "zh")  # the Chinese stays beside it
    assert list(win.controller.result.drafts) == ["es", "zh"]
    assert child(win, QPushButton, "copyEsButton").text() == "Copy Spanish"
    assert win.findChild(QPlainTextEdit, "previewEn") is None  # one buyer pane, renamed
    assert "wrote Spanish" in win.statusBar().currentMessage()
    qtbot.keyClick(win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().startswith("Hola, Maria:")
    record = HistoryStore(data_dir / "history.json").records()[0]
    assert record.copied == "es" and "Su paquete" in record.drafts["es"]["body"]


def test_a_language_picked_by_hand_is_copied_kept_in_the_history_and_after_a_restart(
    win, qtbot, data_dir, folders
):
    paste_message(win, qtbot, SPANISH_MESSAGE)
    qtbot.waitUntil(lambda: win.controller.buyer_language == "es")
    pick_by_hand(win, qtbot, "Catalan")
    assert "Votre colis (commande 8175630291847563)" in preview(win, "ca")
    # Reading the same message again (a typo fixed in it) leaves the seller's pick alone.
    win.buyer_message.set_message(SPANISH_MESSAGE + " Gracias")
    win.buyer_message.read_now()
    assert win.controller.buyer_language == "ca"
    copy = child(win, QPushButton, "copyCaButton")
    assert copy.text() == "Copy Catalan"
    action = win.findChild(type(win.copy_both_action), "copyCaAction")
    assert action is win.copy_actions["ca"] and action.text() == "Copy Catalan"
    assert "Ctrl+Return" in [k.toString() for k in action.shortcuts()]
    copy.click()
    assert QGuiApplication.clipboard().text() == preview(win, "ca")
    assert "Copied the Catalan reply" in win.statusBar().currentMessage()
    child(win, QPushButton, "copyBothButton").click()
    both = QGuiApplication.clipboard().text()
    assert both.startswith(preview(win, "ca")) and both.endswith(preview(win, "zh"))
    records = HistoryStore(data_dir / "history.json").records()
    assert [r.copied for r in records] == ["all", "ca"]
    assert set(records[0].drafts) == {"ca", "zh"}
    view = win.seller_data.show_history()
    assert [view.model.data(view.model.index(row, 4)) for row in (0, 1)] == [
        "Catalan + Chinese",
        "Catalan",
    ]
    view.table.setCurrentIndex(view.model.index(1, 0))
    assert "----------\n\nCatalan (copied)\n\nBonjour Maria," in view.preview.toPlainText()
    pick_by_hand(win, qtbot, "English")
    view.reopen_button.click()  # the reply comes back in the language it was copied in
    assert win.controller.buyer_language == "ca"
    view.close()
    win.close()

    again = open_window(qtbot, data_dir, folders)
    assert again.controller.buyer_language == "ca"
    assert picker(again).currentText() == "Catalan"
    assert "Votre colis" in preview(again, "ca")


def test_a_scenario_without_the_language_says_so_and_shows_the_english(win, qtbot):
    pick_by_hand(win, qtbot, "Catalan")
    notice = child(win.buyer_preview, QLabel, "languageNotice")
    assert not notice.isVisibleTo(win)
    win.choose_scenario("not-received")  # Spanish in the fixture, no Catalan
    win.controller.fill_examples()
    assert picker(win).currentText() == "Catalan"  # the choice stays for the next scenario
    assert notice.isVisibleTo(win)
    assert notice.text() == (
        "This scenario has no Catalan reply yet: the English one is shown instead."
    )
    assert "your parcel (order 8175630291847563)" in preview(win, "en")
    copy = child(win, QPushButton, "copyEnButton")
    assert copy.text() == "Copy English"  # it names what it copies
    qtbot.keyClick(win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == preview(win, "en")
    win.choose_scenario("shipping-delay")
    assert not notice.isVisibleTo(win) and "Votre colis" in preview(win, "ca")


def test_an_edited_buyer_reply_is_kept_when_the_language_changes(win, qtbot):
    pick_by_hand(win, qtbot, "Spanish")
    body = child(win, QPlainTextEdit, "previewEs")
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insertPlainText(" ¡Gracias!")
    assert win.controller.edits.keys() == {"es"}
    pick_by_hand(win, qtbot, "Catalan")
    assert "Your edited Spanish reply is kept" in win.statusBar().currentMessage()
    assert "¡Gracias!" not in preview(win, "ca")
    assert not child(win, QLabel, "editedNoticeCa").isVisibleTo(win)
    qtbot.keyClick(
        child(win, QPlainTextEdit, "previewCa"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    assert "¡Gracias!" not in preview(win, "ca")  # Spanish typing is not undone in Catalan
    pick_by_hand(win, qtbot, "Spanish")
    assert preview(win, "es").endswith(" ¡Gracias!")
    assert child(win, QLabel, "editedNoticeEs").isVisibleTo(win)
    win.controller.fill_examples()  # a form change: the edit still stands
    assert preview(win, "es").endswith(" ¡Gracias!")


def test_checks_run_on_the_shown_languages(win, qtbot):
    pick_by_hand(win, qtbot, "Spanish")
    body = child(win, QPlainTextEdit, "previewEs")
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insertPlainText(" 谢谢")
    qtbot.waitUntil(lambda: any(c.code == "wrong-script" for c in win.controller.checks))
    assert {c.language for c in win.controller.checks} <= {None, "es", "zh"}
    found = [c for c in win.controller.checks if c.code == "wrong-script"]
    assert [c.language for c in found] == ["es"]
    win.behaviour.show_check(found[0])
    assert win.previews["es"].selected_text() == "谢谢"


def test_a_message_in_a_language_without_replies_keeps_the_last_used(win, qtbot):
    pick_by_hand(win, qtbot, "Spanish")
    paste_message(win, qtbot, "Dzień dobry, gdzie jest moja paczka? Zamówienie nie dotarło.")
    assert win.controller.buyer_language == "es"
    assert "Polish" in win.statusBar().currentMessage()
    assert "stays in Spanish" in win.statusBar().currentMessage()


def test_the_chinese_interface_names_the_languages_in_chinese(win, qtbot):
    pick_by_hand(win, qtbot, "Spanish")
    win.behaviour.set_interface_language("zh_CN")
    names = [picker(win).itemText(i) for i in range(picker(win).count())]
    assert names[0] == "英语" and {"西班牙语", "法语", "俄语", "加泰罗尼亚语"} <= set(names)
    assert not any(name.isascii() for name in names)
    assert picker(win).currentText() == "西班牙语"
    assert child(win, QPushButton, "copyEsButton").text() == "复制西班牙语"
    assert child(win, QPushButton, "copyZhButton").text() == "复制中文"
    assert win.copy_actions["es"].text() == "复制西班牙语"
    win.buyer_language.choose("ca")
    win.choose_scenario("unpaid-reminder")  # no "Catalan" in the fixture
    notice = child(win.buyer_preview, QLabel, "languageNotice").text()
    assert "加泰罗尼亚语" in notice and "英语" in notice


def test_a_message_switching_the_language_says_an_edit_is_kept(win, qtbot):
    body = child(win, QPlainTextEdit, "previewEn")
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insertPlainText(" Thanks!")
    paste_message(win, qtbot, SPANISH_MESSAGE)
    message = win.statusBar().currentMessage()
    assert "wrote Spanish" in message and "Your edited English reply is kept" in message
    assert win.controller.edits["en"].endswith(" Thanks!")
