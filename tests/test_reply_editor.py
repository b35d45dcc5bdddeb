"""The reply editor, driven as a seller drives it: write a reply, adapt a shipped one, share."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QDialog

from composer import paths
from composer.library.own import languages_of
from composer.library.spec import spec_from_data
from composer.templating.loader import load_catalog
from composer.templating.validate import check_library
from tests.helpers.cli import run
from tests.helpers.gui import preview
from tests.helpers.scenarios import SHIPPED
from ui.editor.fields_table import EXAMPLE, NAME, REQUIRED, TYPE

pytestmark = pytest.mark.gui

GREETING, SIGNOFF = '{{ partial("greeting") }}', '{{ partial("signoff") }}'
TEXTS = {
    "en": (
        "Thank you for your order.",
        "We put a small gift in the parcel: ",
        "We hope you love it!",
    ),
    "zh": ("感谢您的订购。", "我们在包裹里放了一份小礼物：", "希望您喜欢！"),
}


def put_cursor(editor: Any, code: str, text: str, at_end: bool = False) -> None:
    """The cursor of the ``code`` text at ``text`` (its end with ``at_end``), its tab shown."""
    pane = editor.texts[code]
    editor.tabs.setCurrentWidget(pane)
    position = pane.body_text().index(text) + (len(text) if at_end else 0)
    cursor = pane.body.textCursor()
    cursor.setPosition(position)
    pane.body.setTextCursor(cursor)


def set_cell(editor: Any, row: int, column: int, text: str) -> None:
    editor.fields.table.item(row, column).setText(text)


def add_field(editor: Any, name: str, kind: str, labels: tuple[str, str], example: str) -> int:
    editor.fields.buttons["add"].click()
    row = editor.fields.table.rowCount() - 1
    set_cell(editor, row, NAME, name)
    box: QComboBox = editor.fields.table.cellWidget(row, TYPE)
    box.setCurrentIndex(box.findData(kind))
    set_cell(editor, row, EXAMPLE, example)
    set_cell(editor, row, 5, labels[0])  # Label (English)
    set_cell(editor, row, 6, labels[1])  # Label (Chinese)
    return row


def write_thank_you(editor: Any) -> None:
    """A reply with a choice (tone) and an optional paragraph (gift), in both languages."""
    editor.titles["en"].setText("Thank the buyer")
    editor.titles["zh"].setText("感谢买家")
    editor.keywords["en"].setText("thanks, gift")
    editor.keywords["zh"].setText("感谢，礼物")
    tone = add_field(editor, "tone", "choice", ("Tone", "语气"), "warm")
    editor.fields.select_row(tone)
    for key, en, zh in (("warm", "Warm", "热情"), ("brief", "Brief", "简洁")):
        editor.fields.add_option.click()
        row = editor.fields.options.rowCount() - 1
        for column, text in enumerate((key, en, zh)):
            editor.fields.options.item(row, column).setText(text)
    gift = add_field(editor, "gift", "text", ("Gift", "赠品"), "a keyring")
    editor.fields.table.item(gift, REQUIRED).setCheckState(Qt.CheckState.Unchecked)
    for code, (thanks, gift_line, hope) in TEXTS.items():
        body = f"{GREETING}\n\n{thanks}\n\n{gift_line}\n\n{hope}\n\n{SIGNOFF}\n"
        editor.texts[code].body.setPlainText(body)
        put_cursor(editor, code, gift_line, at_end=True)
        editor.field_list.setCurrentItem(
            editor.field_list.findItems("gift", Qt.MatchFlag.MatchExactly)[0]
        )
        editor.insert_button.click()
        editor.optional_button.click()  # the paragraph shows only with a gift
        put_cursor(editor, code, hope)
        editor._fill_option_menu()
        warm = next(a for a in editor.option_menu.actions() if a.text() == "tone: Warm")
        warm.trigger()  # the paragraph shows only for the warm tone


def test_a_seller_writes_a_reply_with_a_choice_and_an_optional_paragraph(window, data_dir, qtbot):
    editor = window.reply_actions.new_reply()
    qtbot.addWidget(editor)
    write_thank_you(editor)
    body = editor.texts["en"].body_text()
    assert "{% if gift %}\nWe put a small gift in the parcel: {{ gift }}\n\n{% endif %}" in body
    assert '{% if tone == "warm" %}\nWe hope you love it!\n\n{% endif %}' in body
    with qtbot.waitSignal(editor.checked, timeout=3000) as checked:
        editor.schedule_check()
    assert checked.args[0].ok, [m.message for m in checked.args[0].mistakes]
    shown = editor.previews["en"].toPlainText()
    assert "We put a small gift in the parcel: a keyring" in shown and "love it" in shown
    assert "我们在包裹里放了一份小礼物：a keyring" in editor.previews["zh"].toPlainText()
    assert (data_dir / "reply-drafts").is_dir()  # kept as a draft while unsaved

    editor.save_button.click()
    assert editor.isHidden()
    assert list((data_dir / "reply-drafts").iterdir()) == []
    path = paths.user_templates_dir(data_dir) / "thank-the-buyer.toml"
    assert path.is_file()
    # It is in the picker, open, and composes with the seller's values.
    assert "thank-the-buyer" in window.picker.visible_ids()
    assert window.controller.scenario.id == "thank-the-buyer"
    window.controller.fill_examples()
    assert "We put a small gift in the parcel: a keyring" in preview(window, "en")
    assert "love it" in preview(window, "en")
    window.controller.set_value("gift", None)
    window.controller.set_value("tone", "brief")
    paragraphs = preview(window, "en").split("\n\n")
    assert paragraphs[1:-1] == ["Thank you for your order."]
    window.controller.set_value("gift", "a tote bag")
    assert "We put a small gift in the parcel: a tote bag" in preview(window, "en")
    # The file loads unchanged and passes the checks.
    loaded = load_catalog(paths.template_dirs(data_dir))
    assert [f for f in check_library(loaded, [path.parent]) if f.severity == "error"] == []
    again = spec_from_data(tomllib.loads(path.read_text("utf-8")), languages_of(loaded.catalog))
    assert again == editor.spec()


def test_a_mistake_is_underlined_and_explained_in_chinese(window, qtbot):
    window.behaviour.set_interface_language("zh_CN")
    editor = window.reply_actions.edit_reply()
    qtbot.addWidget(editor)
    pane = editor.texts["en"]
    pane.body.moveCursor(QTextCursor.MoveOperation.End)
    pane.body.insertPlainText("\n{{ order_nuber }}\n")
    result = editor.check_now()
    assert not result.ok
    text = editor.mistakes.item(0).text()
    assert "order_nuber" in text and "字段" in text, text
    line = result.errors[0].line
    block = pane.body.document().findBlockByNumber(line - 1).blockNumber()
    assert pane.highlighter.mistakes[block] == [(3, len("order_nuber"))]
    editor.mistakes.itemClicked.emit(editor.mistakes.item(0))
    assert editor.tabs.currentWidget() is pane
    assert pane.body.textCursor().blockNumber() == block
    editor.save_button.click()  # refused: the file is untouched, the draft kept
    assert editor.isVisible() and "未保存" in editor.status.text()
    assert editor.tabs.tabText(0) == "字段"
    window.behaviour.set_interface_language("en")  # the open editor follows
    assert editor.tabs.tabText(0) == "Fields"
    assert editor.kind.currentText() == "An answer to the buyer's message"
    editor.discard()


def test_an_unsaved_reply_is_kept_as_a_draft_until_discarded(window, data_dir, qtbot):
    editor = window.reply_actions.new_reply()
    editor.titles["en"].setText("Half written")
    editor.texts["en"].body.setPlainText("{% if %}")  # invalid, and still kept
    editor.close()
    assert "draft" in window.statusBar().currentMessage()
    again = window.reply_actions.new_reply()
    qtbot.addWidget(again)
    assert again.titles["en"].text() == "Half written"
    assert again.texts["en"].body_text() == "{% if %}"
    assert again.draft_banner.isVisibleTo(again)
    again.discard()
    assert list((data_dir / "reply-drafts").iterdir()) == []
    fresh = window.reply_actions.new_reply()
    qtbot.addWidget(fresh)
    assert fresh.titles["en"].text() == "" and not fresh.draft_banner.isVisibleTo(fresh)
    fresh.discard()


def test_duplicate_and_adapt_a_shipped_reply_then_restore_it(window, data_dir, qtbot):
    actions = window.reply_actions
    window.choose_scenario("missing-items")
    assert not actions.actions["restoreShipped"].isEnabled()
    editor = actions.duplicate_reply()
    qtbot.addWidget(editor)
    copy = paths.user_templates_dir(data_dir) / "missing-items.toml"
    assert copy.read_bytes() == (SHIPPED / "missing-items.toml").read_bytes()
    editor.titles["en"].setText("Items missing (Sunny Home)")
    body = editor.texts["en"].body_text().replace("We will put", "We will gladly put")
    editor.texts["en"].body.setPlainText(body)
    editor.save_button.click()
    assert window.controller.scenario.title("en") == "Items missing (Sunny Home)"
    assert "We will gladly put this right." in preview(window, "en")
    assert window.picker.visible_ids().count("missing-items") == 1
    assert actions.actions["restoreShipped"].isEnabled()
    assert not actions.actions["deleteReply"].isEnabled()
    saved = tomllib.loads(copy.read_text("utf-8"))
    assert (
        saved["triage"]
        == tomllib.loads((SHIPPED / "missing-items.toml").read_text("utf-8"))["triage"]
    )

    actions.actions["restoreShipped"].trigger()
    assert not copy.exists()
    assert window.controller.scenario.source == SHIPPED / "missing-items.toml"
    assert "We will put this right." in preview(window, "en")
    assert actions.actions["undoDeleteReply"].isEnabled()
    actions.actions["undoDeleteReply"].trigger()
    assert window.controller.scenario.title("en") == "Items missing (Sunny Home)"


def test_a_reply_of_ones_own_is_deleted_with_undo(window, data_dir, qtbot):
    editor = window.reply_actions.new_reply()
    qtbot.addWidget(editor)
    write_thank_you(editor)
    editor.save_button.click()
    actions = window.reply_actions
    assert actions.actions["deleteReply"].isEnabled()
    actions.actions["deleteReply"].trigger()
    assert "thank-the-buyer" not in window.picker.visible_ids()
    assert window.controller.scenario is not None  # another reply is shown
    actions.actions["undoDeleteReply"].trigger()
    assert "thank-the-buyer" in window.picker.visible_ids()
    assert window.controller.scenario.id == "thank-the-buyer"


def test_share_a_pack_and_import_it_in_another_data_folder(window, data_dir, tmp_path, qtbot):
    from ui.app import build_main_window

    actions = window.reply_actions
    editor = actions.new_reply()
    qtbot.addWidget(editor)
    write_thank_you(editor)
    editor.save_button.click()
    window.choose_scenario("missing-items")
    actions.duplicate_reply().close()
    pack = tmp_path / "sunny.replypack"
    actions.choose_file = lambda save: pack
    assert sorted(actions.export_pack()) == ["missing-items", "thank-the-buyer"]

    other = build_main_window(tmp_path / "elsewhere")
    qtbot.addWidget(other)
    plans: list[Any] = []

    def accept(dialog: QDialog) -> bool:
        rows = range(dialog.table.rowCount())
        shown = {dialog.items[r].scenario_id: dialog.table.item(r, 1).text() for r in rows}
        plans.append({i.scenario_id: i.action for i in dialog.items})
        plans.append(shown)
        return True

    other.reply_actions.choose_file = lambda save: pack
    other.reply_actions.ask = accept
    written = other.reply_actions.import_pack()
    assert plans[0] == {"missing-items": "replace-shipped", "thank-the-buyer": "add"}
    assert plans[1] == {
        "missing-items": "Shows instead of the shipped reply",
        "thank-the-buyer": "Added",
    }
    assert len(written) == 2
    assert "thank-the-buyer" in other.picker.visible_ids()

    # A pack with a broken reply: it is refused by name and line, the rest still comes in.
    document = json.loads(pack.read_text("utf-8"))
    for reply in document["replies"]:
        if reply["file"] == "thank-the-buyer.toml":
            reply["text"] = reply["text"].replace("{% endif %}", "", 1)
    broken = tmp_path / "broken.replypack"
    broken.write_text(json.dumps(document), "utf-8")
    third = build_main_window(tmp_path / "third")
    qtbot.addWidget(third)
    shown: list[Any] = []

    def look(dialog: QDialog) -> bool:
        rows = range(dialog.table.rowCount())
        shown.extend(dialog.table.item(r, 2).text() for r in rows if dialog.items[r].problem)
        return True

    third.reply_actions.choose_file = lambda save: broken
    third.reply_actions.ask = look
    written = third.reply_actions.import_pack()
    assert [p.name for p in written] == ["missing-items.toml"]
    assert len(shown) == 1
    assert shown[0].startswith("thank-the-buyer.toml:") and "tags" in shown[0], shown
    assert "thank-the-buyer" not in third.picker.visible_ids()


def test_open_data_folder_and_the_about_box_name_the_folder(window, data_dir, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        "ui.editor.actions.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile())
    )
    window.reply_actions.actions["openDataFolder"].trigger()
    assert opened == [str(data_dir)]
    window.about_action.trigger()
    box = window.findChild(QDialog, "aboutBox")
    assert str(data_dir) in box.text()
    box.close()


@pytest.mark.slow
def test_what_the_editor_saves_passes_the_command_line_check(window, data_dir, qtbot):
    editor = window.reply_actions.new_reply()
    qtbot.addWidget(editor)
    write_thank_you(editor)
    editor.save_button.click()
    result = run("check", str(paths.user_templates_dir(data_dir)), data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = run("render", "thank-the-buyer", "--example", "--lang", "en", data_dir=data_dir)
    assert "We put a small gift in the parcel: a keyring" in listed.stdout


def test_the_editor_opens_every_shipped_reply_as_it_is(window, data_dir, qtbot):
    """Untouched, the editor's reply is the file's: no draft, nothing to save."""
    for scenario in list(window.catalog):
        editor = window.reply_actions.edit_reply(scenario)
        qtbot.addWidget(editor)
        assert editor.spec() == editor.original, scenario.id
        assert editor.last_check.ok, (scenario.id, editor.last_check.mistakes[:1])
        editor.close()
    assert not (data_dir / "reply-drafts").exists() or not list(
        (data_dir / "reply-drafts").iterdir()
    )


def test_closing_the_window_keeps_the_reply_being_written(window, data_dir, qtbot):
    editor = window.reply_actions.new_reply()
    editor.titles["en"].setText("Written just now")  # no check has run yet
    window.close()
    kept = window.reply_actions.library.drafts.latest_new()
    assert kept is not None
    assert "Written just now" in kept.path.read_text("utf-8")
