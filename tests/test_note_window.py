"""The personal note, snippets anywhere and the window's fixes (issue 15), as a seller uses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from composer.storage.history import HistoryStore
from composer.storage.profile import Profile
from composer.storage.snippets import Snippet, SnippetStore
from tests.helpers.gui import child, preview
from ui.app import build_main_window
from ui.profile.dialog import ProfileDialog

pytestmark = pytest.mark.gui

NOTE = "Thanks for being a loyal customer."
LIBRARY = [
    Snippet("sig", "Signature", {"en": "Best regards, Li Wei", "zh": "此致，李伟"}),
    Snippet(
        "thanks", "Thanks again", {"en": "Thank you for coming back.", "zh": "感谢您再次光临。"}
    ),
    Snippet("thanks-long", "Thanks, longer", {"en": "Thank you so much.", "zh": "非常感谢。"}),
]


@pytest.fixture
def win(qtbot, data_dir):
    SnippetStore(data_dir / "snippets.json").save_many(LIBRARY)
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.choose_scenario("damaged-item")
    window.controller.fill_examples()
    return window


def checks_text(win):
    QApplication.processEvents()  # the checks follow the draft on the next turn
    return win.checks_panel.texts()


def put_cursor(box, at):
    cursor = box.textCursor()
    cursor.setPosition(at)
    box.setTextCursor(cursor)


# --- the note -----------------------------------------------------------------------------


def test_a_note_typed_in_both_languages_stands_before_each_sign_off(win, qtbot):
    english = child(win, QLineEdit, "note_en")
    qtbot.keyClicks(english, NOTE)
    child(win, QLineEdit, "note_zh").setText("感谢您一直以来的支持。")
    assert preview(win, "en").split("\n\n")[-2:] == [NOTE, "Lily Chen, Sunny Home Store"]
    assert preview(win, "zh").split("\n\n")[-2] == "感谢您一直以来的支持。"
    assert win.controller.values["note.en"] == NOTE
    assert any("Ready to copy" in line for line in checks_text(win))


def test_a_note_in_english_only_is_marked_in_the_chinese_reply_and_checked(win, qtbot):
    qtbot.keyClicks(child(win, QLineEdit, "note_en"), NOTE)
    marker = f"[请译成中文：{NOTE}]"
    assert marker in preview(win, "zh")
    assert marker in win.previews["zh"].highlighter._markers  # painted like a field's marker
    lines = checks_text(win)
    assert "Chinese: Your note is in another language only: translate it under “Your note”" in lines
    win.behaviour.set_interface_language("zh_CN")
    assert "中文: 您的附言只有另一种语言：请在“您的附言”中填写这种语言的译文" in checks_text(win)
    assert child(win, QLabel, "noteHeading").text() == "您的附言（可选）"


def test_the_note_is_kept_per_scenario_and_in_the_history(win, qtbot, monkeypatch, data_dir):
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *args: True)
    child(win, QLineEdit, "note_en").setText(NOTE)
    child(win, QLineEdit, "note_zh").setText("感谢支持。")
    win.choose_scenario("shipping-delay")
    assert child(win, QLineEdit, "note_en").text() == ""  # its own note
    win.choose_scenario("damaged-item")
    assert child(win, QLineEdit, "note_en").text() == NOTE
    child(win, QPushButton, "copyBothButton").click()
    record = HistoryStore(data_dir / "history.json").records()[0]
    assert record.values["note.en"] == NOTE
    win.controller.reset()
    assert child(win, QLineEdit, "note_en").text() == ""
    win.seller_data.reopen(record)
    assert child(win, QLineEdit, "note_en").text() == NOTE
    assert NOTE in preview(win, "en")


# --- snippets anywhere --------------------------------------------------------------------


def test_insert_puts_a_snippet_into_a_field_the_seller_was_in(win, qtbot):
    panel = win.seller_data.panel
    item = child(win, QLineEdit, "field_item_name")
    item.setFocus()
    qtbot.waitUntil(item.hasFocus)
    item.setCursorPosition(len("ceramic "))
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "sig")
    assert panel.insert()
    assert item.text() == "ceramic Best regards, Li Weitable lamp"
    assert win.controller.values["item_name"] == item.text()


def test_insert_into_the_chinese_preview_puts_its_chinese_text_at_the_cursor(win, qtbot):
    panel = win.seller_data.panel
    body = child(win, QPlainTextEdit, "previewZh")
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    put_cursor(body, 0)
    panel.language.setCurrentIndex(panel.language.findData("en"))  # the preview's own wins
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "thanks")
    assert panel.current().key == "thanks"  # the exact key, though two snippets match
    assert panel.insert()
    assert preview(win, "zh").startswith("感谢您再次光临。您好，Maria！")
    assert "zh" in win.controller.edits


def test_insert_into_a_note_uses_the_notes_language(win, qtbot):
    panel = win.seller_data.panel
    note = child(win, QLineEdit, "note_zh")
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    panel.search.setText("thanks")
    assert panel.insert()
    assert note.text() == "感谢您再次光临。"
    assert preview(win, "zh").split("\n\n")[-2] == "感谢您再次光临。"


def test_the_buyers_message_and_the_searches_never_take_a_snippet(win, qtbot):
    panel = win.seller_data.panel
    panel.set_target(None)
    for box in (win.buyer_message.box, win.picker.search):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        assert panel.target() is None


def test_an_empty_list_says_what_to_do_in_both_languages(qtbot, data_dir, win):
    panel = win.seller_data.panel
    qtbot.keyClicks(panel.search, "zzz")
    assert panel.model.rowCount() == 0
    assert panel.list.empty_text == "No snippet matches “zzz”"
    win.behaviour.set_interface_language("zh_CN")
    assert panel.list.empty_text == "没有与“zzz”匹配的片段"
    empty = build_main_window(data_dir.parent / "empty")
    qtbot.addWidget(empty)
    assert empty.seller_data.panel.list.empty_text == "No snippets yet — New… adds one"
    empty.behaviour.set_interface_language("zh_CN")
    assert empty.seller_data.panel.list.empty_text == "还没有片段——点击“新建…”添加"


# --- an edited reply's stale values -------------------------------------------------------


def test_a_field_changed_after_an_edit_is_named_and_fixed_in_one_click(win, qtbot):
    body = child(win, QPlainTextEdit, "previewEn")
    put_cursor(body, len(body.toPlainText()))
    body.setFocus()
    qtbot.keyClicks(body, " Thanks!")  # the seller's final touch
    order = win.form.editors["order_number"]
    order.selectAll()
    qtbot.keyClicks(order, "114-1234567-1234567")
    assert "8175630291847563" in preview(win, "en")  # the edit is kept...
    lines = checks_text(win)
    assert (  # ...and the checks say it still shows the old number, not "Ready to copy"
        "English: Your edited reply still says “8175630291847563” for Order number; "
        "the form now says “114-1234567-1234567”"
    ) in lines
    fix = child(win, QPushButton, "checkFixButton")
    assert fix.isVisibleTo(win) and fix.text() == "Use the form's value"
    fix.click()
    assert "114-1234567-1234567" in preview(win, "en") and " Thanks!" in preview(win, "en")
    assert "8175630291847563" not in preview(win, "en")
    assert not any("still says" in line for line in checks_text(win))
    assert not fix.isVisibleTo(win)
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undoable
    assert "8175630291847563" in preview(win, "en")


# --- the window ---------------------------------------------------------------------------


def test_an_edited_panes_notice_does_not_push_its_body_below_the_others(win, qtbot):
    body = child(win, QPlainTextEdit, "previewEn")
    body.setFocus()
    qtbot.keyClicks(body, "x")
    QApplication.processEvents()
    assert child(win, QLabel, "editedNoticeEn").isVisibleTo(win)
    tops = [p.body.mapTo(win, QPoint(0, 0)).y() for p in win.previews.values()]
    assert tops[0] == tops[1]
    child(win, QPushButton, "useFormTextEnButton").click()
    QApplication.processEvents()
    again = [p.body.mapTo(win, QPoint(0, 0)).y() for p in win.previews.values()]
    assert again[0] == again[1] < tops[0]  # the room is given back


def test_a_chat_reply_shows_no_subject_an_email_one_line_elided_whole_in_its_tooltip(win):
    assert not child(win, QLabel, "subjectZh").isVisibleTo(win)
    assert not child(win, QLabel, "subjectEn").isVisibleTo(win)
    win.behaviour.set_reply_format("email")
    win.main_splitter.setSizes([230, 600, 450])  # narrow previews
    QApplication.processEvents()
    subject = child(win, QLabel, "subjectZh")
    whole = win.controller.result.drafts["zh"].subject
    assert subject.isVisibleTo(win)
    assert subject.height() < 2 * subject.fontMetrics().lineSpacing()  # never two lines
    assert subject.text().endswith("…") and subject.toolTip() == whole


def test_the_profile_dialogs_default_platform_is_never_blank(qtbot):
    dialog = ProfileDialog(Profile())
    qtbot.addWidget(dialog)
    chooser = child(dialog, QComboBox, "profile_platform")
    assert chooser.currentText() == "No default platform (general rules)"
    assert dialog.profile().platform == ""
    dialog.set_profile(Profile(platform="ebay"))
    assert chooser.currentText() == "eBay" and dialog.profile().platform == "eBay"
    dialog.set_profile(Profile(platform="Temu"))  # one of the seller's own: kept
    assert chooser.currentText() == "Temu" and dialog.profile().platform == "Temu"


def test_at_1920x1080_the_previews_are_as_high_as_the_reply_and_the_advice_takes_the_rest(win):
    win.resize(1920, 1080)
    QApplication.processEvents()
    QApplication.processEvents()
    body = win.previews["en"].body
    lines = body.document().size().height() * body.fontMetrics().lineSpacing()
    assert body.viewport().height() < lines * 2  # not half empty
    preview_area, advice = win.right_splitter.sizes()
    assert advice >= sum(win.right_splitter.sizes()) * 0.25
    strip = win.seller_data.dock
    assert strip.height() <= 130  # one row of actions, then the snippets side by side
    panel = win.seller_data.panel
    search, insert = panel.search.geometry(), panel.insert_button.geometry()
    assert abs(search.center().y() - insert.center().y()) < 4  # on one row
    win.right_splitter.setSizes([preview_area + 100, advice - 100])
    win.right_splitter.splitterMoved.emit(preview_area + 100, 1)  # the seller drags it
    win.behaviour.set_reply_format("email")
    QApplication.processEvents()
    assert win.right_splitter.sizes()[0] == preview_area + 100  # theirs now
