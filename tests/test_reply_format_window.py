"""The reply format (chat message or e-mail) and the platform in the window, as a seller uses them.

The scenario here is the test's own (the shipped texts are being rewritten): it says "Hi" or
"Dear" by format, and names the platform's complaint process by platform.
"""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton

from composer.storage.history import HistoryStore
from tests.helpers.gui import child, preview
from ui.app import build_main_window
from ui.dialogs.help_menu import shortcut_rows

pytestmark = pytest.mark.gui

CASE = """
id = "case-note"
category = "after-sales"

[title]
en = "Case note"
zh = "纠纷说明"

[[fields]]
name = "buyer_name"

[reply.en]
body = \"\"\"
{% if format == "email" %}Dear {{ buyer_name }},{% else %}Hi {{ buyer_name }},{% endif %}

{% if platform == "aliexpress" %}Please accept our proposal in the dispute.\\
{% elif platform == "ebay" %}Please accept the refund offer in the request.\\
{% else %}We will refund you through the platform.{% endif %}
\"\"\"

[reply.zh]
body = \"\"\"
{% if format == "email" %}{{ buyer_name }}，您好！{% else %}您好，{{ buyer_name }}！{% endif %}

{% if platform == "aliexpress" %}请在纠纷中接受我们的方案。\\
{% elif platform == "ebay" %}请在请求中接受退款。\\
{% else %}我们会通过平台为您退款。{% endif %}
\"\"\"
"""


@pytest.fixture
def make_window(qtbot, data_dir):
    """Build the window over ``data_dir`` (with our scenario in its templates), as at a start."""
    folder = data_dir / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "case-note.toml").write_text(textwrap.dedent(CASE).lstrip(), encoding="utf-8")

    def make():
        win = build_main_window(data_dir)
        qtbot.addWidget(win)
        assert win.choose_scenario("case-note")
        win.form.editors["buyer_name"].insert("Maria")
        return win

    return make


def radio(window, name):
    return child(window, QRadioButton, f"format{name.title()}")


def choose_platform(window, platform_id):
    chooser = child(window, QComboBox, "platformChooser")
    chooser.setCurrentIndex(chooser.findData(platform_id))


def test_chat_is_the_default_and_email_is_one_click_away(make_window):
    window = make_window()
    assert radio(window, "chat").isChecked() and not radio(window, "email").isChecked()
    assert radio(window, "chat").text() == "Chat message"
    assert radio(window, "email").text() == "E-mail"
    assert preview(window, "en").startswith("Hi Maria,")
    radio(window, "email").click()
    assert preview(window, "en").startswith("Dear Maria,")  # at once, no other step
    assert preview(window, "zh").startswith("Maria，您好！")
    assert window.format_actions["email"].isChecked()
    radio(window, "chat").click()
    assert preview(window, "en").startswith("Hi Maria,")
    assert window.format_actions["chat"].isChecked()


def test_the_format_is_remembered_across_starts(make_window):
    first = make_window()
    radio(first, "email").click()
    first.close()  # as the seller quits: the settings are written
    second = make_window()
    assert radio(second, "email").isChecked()
    assert second.format_actions["email"].isChecked()
    assert preview(second, "en").startswith("Dear Maria,")


def test_the_reply_menu_switches_the_format_with_a_shortcut(make_window):
    window = make_window()
    email, chat = window.format_actions["email"], window.format_actions["chat"]
    assert email in window.reply_menu.actions() and chat in window.reply_menu.actions()
    assert QKeySequence("Ctrl+Shift+E") in email.shortcuts()
    assert QKeySequence("Ctrl+Shift+M") in chat.shortcuts()
    email.trigger()
    assert radio(window, "email").isChecked()
    assert preview(window, "en").startswith("Dear Maria,")
    chat.trigger()
    assert radio(window, "chat").isChecked() and preview(window, "en").startswith("Hi Maria,")
    rows = dict((text, keys) for keys, text in shortcut_rows(window))
    assert "E-mail" in rows and "Chat message" in rows  # in the F1 cheat sheet


def test_the_format_choices_are_reachable_with_the_keyboard(make_window):
    window = make_window()
    for name in ("chat", "email"):
        assert radio(window, name).focusPolicy() & Qt.FocusPolicy.TabFocus
    assert window.format_label.buddy() is radio(window, "chat")


def test_the_platform_picked_in_the_window_reaches_the_template(make_window):
    window = make_window()
    assert "refund you through the platform" in preview(window, "en")
    choose_platform(window, "aliexpress")
    assert "accept our proposal in the dispute" in preview(window, "en")
    assert "请在纠纷中接受我们的方案" in preview(window, "zh")
    choose_platform(window, "ebay")
    assert "accept the refund offer in the request" in preview(window, "en")
    radio(window, "email").click()  # format and platform together
    assert preview(window, "en").startswith("Dear Maria,")
    assert "refund offer in the request" in preview(window, "en")


def test_a_copy_records_the_format_and_platform_it_used(make_window, data_dir):
    window = make_window()
    choose_platform(window, "aliexpress")
    radio(window, "email").click()
    QApplication.processEvents()  # the checks follow the draft on the next turn
    window.behaviour.copy_language("en")
    (record,) = HistoryStore(data_dir / "history.json").records()
    assert (record.reply_format, record.platform) == ("email", "aliexpress")
    assert record.drafts["en"]["body"].startswith("Dear Maria,")


def test_an_unknown_saved_format_falls_back_to_chat(make_window, data_dir):
    window = make_window()
    window.settings.reply_format = "telegram"
    window.close()
    again = make_window()
    assert radio(again, "chat").isChecked()
    assert preview(again, "en").startswith("Hi Maria,")
    assert not again.behaviour.set_reply_format("telegram")
