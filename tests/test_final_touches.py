"""Final touches (issue 15, section 2): the seller edits a reply in its preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from composer.storage.history import HistoryStore
from tests.helpers.gui import child, preview

pytestmark = pytest.mark.gui

SENTENCE = "We are following the tracking"


@pytest.fixture
def win(window):
    window.show()
    window.choose_scenario("shipping-delay")
    window.controller.fill_examples()
    return window


def edit_sentence(win, qtbot, code="en", find=SENTENCE, typed=" closely"):
    """Click into the preview after ``find`` and type ``typed`` (ASCII keys)."""
    body = child(win, QPlainTextEdit, f"preview{code.title()}")
    at = body.toPlainText().index(find) + len(find)
    cursor = body.textCursor()
    cursor.setPosition(at)
    body.setTextCursor(cursor)
    body.setFocus()
    qtbot.keyClicks(body, typed)
    return body


def type_field(win, qtbot, name, text):
    """Select a text field's value and type over it, as a seller would."""
    editor = win.form.editors[name]
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def notice_shown(win, code):
    return child(win, QLabel, f"editedNotice{code.title()}").isVisibleTo(win)


def test_an_edit_is_kept_through_a_field_change_and_the_pane_says_so(win, qtbot):
    assert not notice_shown(win, "en")
    edit_sentence(win, qtbot)
    assert f"{SENTENCE} closely" in preview(win, "en")
    assert notice_shown(win, "en") and not notice_shown(win, "zh")
    assert "form no longer changes" in child(win, QLabel, "editedNoticeEn").text()
    type_field(win, qtbot, "order_number", "A-7731")  # the seller types a field
    assert f"{SENTENCE} closely" in preview(win, "en")
    assert "A-7731" not in preview(win, "en")
    assert "A-7731" in preview(win, "zh")  # the Chinese reply still follows the form
    assert notice_shown(win, "en")


def test_copy_and_history_use_the_edited_text(win, qtbot, data_dir, monkeypatch):
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *args: True)
    edit_sentence(win, qtbot)
    child(win, QPushButton, "copyEnButton").click()
    assert f"{SENTENCE} closely" in QGuiApplication.clipboard().text()
    record = HistoryStore(data_dir / "history.json").records()[0]
    assert f"{SENTENCE} closely" in record.drafts["en"]["body"]


def test_use_the_forms_text_again_restores_and_ctrl_z_brings_the_edit_back(win, qtbot):
    form_text = preview(win, "en")
    body = edit_sentence(win, qtbot)
    child(win, QPushButton, "useFormTextEnButton").click()
    assert preview(win, "en") == form_text
    assert not notice_shown(win, "en") and "en" not in win.controller.edits
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert f"{SENTENCE} closely" in preview(win, "en")
    assert notice_shown(win, "en")
    child(win, QPushButton, "useFormTextEnButton").click()
    type_field(win, qtbot, "order_number", "A-9")  # follows the form again
    assert "A-9" in preview(win, "en")


def test_undo_in_the_preview(win, qtbot):
    form_text = preview(win, "en")
    body = edit_sentence(win, qtbot, typed="!")
    assert preview(win, "en") != form_text
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert preview(win, "en") == form_text
    assert not notice_shown(win, "en")  # back to the form's text: it follows the form


def test_a_chinese_edit_is_independent_of_the_english(win, qtbot):
    zh = child(win, QPlainTextEdit, "previewZh")
    cursor = zh.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    zh.setTextCursor(cursor)
    zh.insertPlainText("\n感谢您的耐心！")
    assert notice_shown(win, "zh") and not notice_shown(win, "en")
    type_field(win, qtbot, "order_number", "B-42")
    assert "B-42" in preview(win, "en") and "B-42" not in preview(win, "zh")
    assert win.controller.result.drafts["zh"].body.endswith("感谢您的耐心！")


@pytest.mark.parametrize("answer", [False, True])
def test_switching_scenario_with_an_edit_asks(win, qtbot, monkeypatch, answer):
    asked = []

    def ask(parent, title, text):
        asked.append(title)
        return answer

    monkeypatch.setattr("ui.dialogs.questions.ask", ask)
    edit_sentence(win, qtbot)
    win.picker.scenarioChosen.emit("unpaid-reminder")
    assert asked == ["Drop your edited reply?"]
    if answer:
        assert win.controller.scenario.id == "unpaid-reminder"
        assert not win.controller.edits and not notice_shown(win, "en")
        assert SENTENCE not in preview(win, "en")
    else:
        assert win.controller.scenario.id == "shipping-delay"
        assert f"{SENTENCE} closely" in preview(win, "en") and notice_shown(win, "en")


def test_the_checks_run_on_the_edited_text(win, qtbot):
    edit_sentence(win, qtbot, typed=" XXX")
    qtbot.waitUntil(lambda: any(c.code == "placeholder" for c in win.controller.checks))
    found = [c for c in win.controller.checks if c.code == "placeholder"]
    assert found[0].language == "en"


def test_a_marker_left_in_an_edit_is_an_error_once_the_field_is_filled(win, qtbot):
    win.controller.set_value("order_number", "")
    marker = "[Order number]"
    assert marker in preview(win, "en")
    edit_sentence(win, qtbot, typed="!")
    type_field(win, qtbot, "order_number", "C-1")
    checks = [c for c in win.controller.checks if c.code == "unfilled-field" and c.language == "en"]
    assert checks and checks[0].severity == "error" and marker in checks[0].text("en")


def test_a_language_switch_keeps_the_edit(win, qtbot):
    edit_sentence(win, qtbot)
    win.behaviour.set_interface_language("zh_CN")
    assert f"{SENTENCE} closely" in preview(win, "en")
    assert (
        child(win, QLabel, "editedNoticeEn").text()
        != "Edited — the form no longer changes this reply"
    )
    win.behaviour.set_interface_language("en")
    assert notice_shown(win, "en")


def test_a_form_keystroke_does_not_touch_an_edited_preview(win, qtbot):
    body = edit_sentence(win, qtbot)
    changes = []
    body.document().contentsChange.connect(lambda *args: changes.append(args))
    type_field(win, qtbot, "order_number", "D-5")
    assert changes == []
