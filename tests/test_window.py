"""What a seller does in the main window: find a scenario, fill it in, read, copy."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QTreeView,
    QWidget,
)

from tests.helpers.gui import child, preview
from ui.app import build_main_window

pytestmark = pytest.mark.gui


def test_the_window_has_the_documented_widgets(window):
    for kind, name in [
        (QTreeView, "scenarioPicker"),
        (QLineEdit, "scenarioSearch"),
        (QWidget, "fieldForm"),
        (QPlainTextEdit, "previewEn"),
        (QPlainTextEdit, "previewZh"),
        (QTextBrowser, "guidancePanel"),
        (QListWidget, "checksPanel"),
        (QPushButton, "copyEnButton"),
        (QPushButton, "copyZhButton"),
        (QPushButton, "copyBothButton"),
    ]:
        child(window, kind, name)
    assert not window.isVisible()


def test_it_opens_on_a_scenario_with_its_preview_ready(window):
    assert window.controller.scenario is not None
    assert preview(window, "en").startswith("Hello,")
    assert preview(window, "zh").startswith("您好！")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("催付", ["unpaid-reminder"]),
        ("物流延误", ["shipping-delay"]),
        ("delay", ["holiday-notice", "shipping-delay"]),
        ("ADDRESS-change", ["address-change"]),
        ("改地址", ["address-change"]),
        ("customs 海关", ["shipping-delay", "customs-charges", "not-received"]),
        ("payment", ["cancel-request", "invoice-request", "out-of-stock", "unpaid-reminder"]),
        ("zzzz", []),
    ],
)
def test_search_filters_on_titles_ids_and_keywords_in_both_languages(window, query, expected):
    window.picker.search.setText(query)
    assert window.picker.visible_ids() == expected


@pytest.mark.parametrize(
    ("query", "wanted"),
    [("差评", "negative-review"), ("纠纷", "dispute-opened"), ("未收到货", "not-received")],
)
def test_what_sellers_call_a_case_finds_it(window, query, wanted):
    # Related scenarios may match too (a dispute over a damaged item...): the one meant must.
    window.picker.search.setText(query)
    assert wanted in window.picker.visible_ids()


def test_arrows_and_enter_in_the_search_pick_a_scenario(window, qtbot):
    search = child(window, QLineEdit, "scenarioSearch")
    window.choose_scenario("unpaid-reminder")
    search.setText("")
    ids = window.picker.visible_ids()
    assert len(ids) >= 3
    qtbot.keyClicks(search, "ship")
    # Enter opens the first match with the word in its title (a keyword-only match such as
    # out-of-stock's "cannot ship" is listed, but not opened first).
    titled = [
        i
        for i in window.picker.visible_ids()
        if any("ship" in t.casefold() for t in window.catalog.get(i).titles.values())
    ]
    assert titled
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.controller.scenario.id == titled[0]
    search.clear()
    window.picker.select(ids[0])
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.controller.scenario.id == ids[2]


def test_typing_in_a_field_updates_both_previews_at_once(window, qtbot):
    window.choose_scenario("shipping-delay")
    order = child(window, QLineEdit, "field_order_number")
    qtbot.keyClicks(order, "SO-4711")
    assert "(order SO-4711)" in preview(window, "en")
    assert "（订单号SO-4711）" in preview(window, "zh")
    assert window.controller.result.drafts["en"].subject is None  # a chat message has none
    assert not child(window, QLabel, "subjectZh").isVisibleTo(window)
    window.behaviour.set_reply_format("email")
    assert window.controller.result.drafts["en"].subject == "Shipping update for your order SO-4711"
    assert child(window, QLabel, "subjectZh").text() == "订单SO-4711物流延误通知"


def test_chinese_typed_into_a_field_appears_in_both_previews(window):
    window.choose_scenario("shipping-delay")
    name = child(window, QLineEdit, "field_buyer_name")
    name.insert("王芳")  # as an input method commits it (keyClicks cannot send non-ASCII)
    assert preview(window, "en").startswith("Hi 王芳,")
    assert preview(window, "zh").startswith("您好，王芳！")


def test_what_the_seller_types_is_shown_literally(window, qtbot):
    window.choose_scenario("shipping-delay")
    qtbot.keyClicks(child(window, QLineEdit, "field_buyer_name"), "{{ 7*7 }} {% raw %}")
    assert preview(window, "en").startswith("Hi {{ 7*7 }} {% raw %},")


def test_a_choice_changes_the_text(window, qtbot):
    window.choose_scenario("shipping-delay")
    reason = child(window, QWidget, "field_reason")
    assert "customs clearance" in preview(window, "en")
    reason.setFocus()
    qtbot.keyClick(reason, Qt.Key.Key_Down)
    assert reason.currentData() == "peak-season"
    assert "peak shipping season" in preview(window, "en")
    assert "物流旺季" in preview(window, "zh")


def test_a_date_is_written_the_way_each_language_writes_it(window):
    window.choose_scenario("shipping-delay")
    editor = child(window, QWidget, "field_new_estimate")
    editor.date_edit.setDate(QDate(2027, 1, 4))
    assert re.search(r"by January 4(, 2027)?\.", preview(window, "en"))
    assert re.search(r"最晚(2027年)?1月4日送达", preview(window, "zh"))
    assert window.controller.values["new_estimate"] == dt.date(2027, 1, 4)
    editor.clear_button.click()
    assert "expects to deliver" not in preview(window, "en")


def test_a_percentage_field(window, qtbot):
    window.choose_scenario("address-change")
    window.controller.fill_examples()
    discount = child(window, QWidget, "field_discount")
    discount.line.clear()
    qtbot.keyClicks(discount.line, "12")
    assert "12% off your next order" in preview(window, "en")


def test_unfilled_fields_are_marked_and_listed(window, qtbot):
    window.choose_scenario("shipping-delay")
    assert "(order [Order number])" in preview(window, "en")
    pane = window.previews["en"]
    document = pane.body.document()
    block = document.findBlock(preview(window, "en").index("[Order number]"))
    formats = block.layout().formats()
    assert any(f.format.background().color().name() == "#ffe08a" for f in formats)
    window.behaviour.set_reply_format("email")  # the only format with a subject line
    subject = child(window, QLabel, "subjectEn").text()
    assert subject.endswith(
        '<span style="background:#ffe08a;color:#6b4a00;font-weight:600">[Order number]</span>'
    )
    QApplication.processEvents()  # the checks follow the draft on the next event-loop turn
    checks = child(window, QListWidget, "checksPanel")
    items = [checks.item(i).text() for i in range(checks.count())]
    assert items == ["Fill in: Order number", "Fill in: Your name", "Fill in: Shop name"]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    checks.itemClicked.emit(checks.item(1))
    qtbot.waitUntil(lambda: child(window, QLineEdit, "field_seller_name").hasFocus())


def test_filling_every_required_field_clears_the_list(window, qtbot):
    window.choose_scenario("shipping-delay")
    for name, text in [("order_number", "1"), ("seller_name", "Lily"), ("shop_name", "Shop")]:
        qtbot.keyClicks(child(window, QLineEdit, f"field_{name}"), text)
    QApplication.processEvents()  # the checks follow the draft on the next event-loop turn
    checks = child(window, QListWidget, "checksPanel")
    assert checks.item(0).text() == "✔ Ready to copy: no problems found."
    assert "[" not in preview(window, "en")


def test_copy_puts_plain_text_on_the_clipboard_and_confirms(window, qtbot):
    window.choose_scenario("shipping-delay")
    qtbot.mouseClick(child(window, QPushButton, "fillExampleButton"), Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(child(window, QPushButton, "copyEnButton"), Qt.MouseButton.LeftButton)
    assert clipboard.text() == preview(window, "en")
    assert clipboard.text().startswith("Hi Maria,")
    assert "Copied the English reply" in window.statusBar().currentMessage()
    qtbot.mouseClick(child(window, QPushButton, "copyZhButton"), Qt.MouseButton.LeftButton)
    assert clipboard.text() == preview(window, "zh")
    qtbot.mouseClick(child(window, QPushButton, "copyBothButton"), Qt.MouseButton.LeftButton)
    both = clipboard.text()
    assert both.startswith(preview(window, "en")) and both.endswith(preview(window, "zh"))
    assert "Copied both replies" in window.statusBar().currentMessage()


def test_copying_with_empty_required_fields_says_so(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *args: asked.append(args) or True)
    window.choose_scenario("shipping-delay")
    qtbot.mouseClick(child(window, QPushButton, "copyEnButton"), Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "3 required field(s) are still empty" in window.statusBar().currentMessage()


def test_values_survive_switching_scenarios(window, qtbot):
    window.choose_scenario("shipping-delay")
    qtbot.keyClicks(child(window, QLineEdit, "field_order_number"), "777")
    window.choose_scenario("unpaid-reminder")
    assert "777" not in preview(window, "en")
    window.choose_scenario("shipping-delay")
    assert child(window, QLineEdit, "field_order_number").text() == "777"
    assert "(order 777)" in preview(window, "en")


def test_example_and_clear_buttons(window, qtbot):
    window.choose_scenario("unpaid-reminder")
    child(window, QPushButton, "fillExampleButton").click()
    assert child(window, QLineEdit, "field_buyer_name").text() == "Maria"
    assert preview(window, "en").startswith("Hi Maria,")
    child(window, QPushButton, "resetFieldsButton").click()
    assert child(window, QLineEdit, "field_buyer_name").text() == ""
    assert preview(window, "en").startswith("Hello,")


def test_guidance_shows_both_languages(window):
    window.choose_scenario("address-change")
    text = child(window, QTextBrowser, "guidancePanel").toPlainText()
    assert "Already shipped, high-value item" in text
    assert "已发货、货值较高" in text


def test_window_state_and_last_scenario_are_remembered(qtbot, data_dir):
    first = build_main_window(data_dir)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.choose_scenario("address-change")
    first.resize(760, 560)  # within the offscreen screen (800x600)
    first.main_splitter.setSizes([150, 250, 300])
    QApplication.processEvents()
    sizes = first.main_splitter.sizes()
    first.close()
    assert (data_dir / "settings.ini").is_file()
    second = build_main_window(data_dir)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.controller.scenario.id == "address-change"
    assert second.size().width() == 760
    assert second.main_splitter.sizes() == sizes


def test_a_broken_template_is_named_in_a_banner_and_the_rest_works(
    qtbot, data_dir, minimal_template
):
    import textwrap

    folder = data_dir / "templates"
    folder.mkdir()
    broken = textwrap.dedent(minimal_template).lstrip("\n")
    broken = broken.replace('type = "money"', 'type = "cash"')
    (folder / "thanks.toml").write_text(broken, encoding="utf-8")
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    banner = child(win, QLabel, "problemsBanner")
    assert not banner.isHidden()
    assert f"{folder / 'thanks.toml'}:14: unknown field type 'cash'" in banner.text()
    assert win.choose_scenario("shipping-delay")
    assert preview(win, "en").startswith("Hello,")


def test_no_templates_at_all_still_opens_and_says_why(qtbot, tmp_path, data_dir):
    win = build_main_window(data_dir, template_dirs=[tmp_path / "empty"])
    qtbot.addWidget(win)
    assert win.controller.scenario is None
    assert "no reply languages are declared" in child(win, QLabel, "problemsBanner").text()
    child(win, QPushButton, "copyBothButton").click()
    assert "Nothing to copy" in win.statusBar().currentMessage()


def test_picker_models_pass_qt_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.picker.model)
    qtmodeltester.check(window.picker.proxy)
    window.picker.search.setText("delay")
    qtmodeltester.check(window.picker.proxy)


def test_shortcuts_focus_search_and_copy(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.choose_scenario("shipping-delay")
    window.controller.fill_examples()
    child(window, QLineEdit, "field_order_number").setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: child(window, QLineEdit, "scenarioSearch").hasFocus())
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == preview(window, "en")


def test_arrows_in_the_list_show_each_scenario_and_enter_opens(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    tree = child(window, QTreeView, "scenarioPicker")
    ids = window.picker.visible_ids()
    categories = [window.catalog.get(i).category for i in ids]
    second = next(n for n, category in enumerate(categories) if category != categories[0])
    window.choose_scenario(ids[second - 1])  # the last of the first category
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # passes over the category heading
    assert window.controller.scenario.id == ids[second]
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.controller.scenario.id == ids[second]


def test_a_reply_that_fails_to_render_says_so_and_the_other_language_works(
    qtbot, data_dir, minimal_template
):
    import textwrap

    folder = data_dir / "templates"
    folder.mkdir()
    evil = minimal_template.replace("Thank you for paying {{ total }}.", "{{ total.__class__ }}")
    (folder / "thanks.toml").write_text(textwrap.dedent(evil), encoding="utf-8")
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.choose_scenario("thanks")
    assert "cannot be shown because its template has a mistake" in preview(win, "en")
    assert "SecurityError" in preview(win, "en")
    assert preview(win, "zh").startswith("您好！")
    QApplication.processEvents()  # the checks follow the draft on the next event-loop turn
    checks = child(win, QListWidget, "checksPanel")
    texts = [checks.item(i).text() for i in range(checks.count())]
    assert any(t.startswith("English: This reply cannot be rendered: ") for t in texts)
    child(win, QPushButton, "copyEnButton").click()
    assert "Nothing to copy" in win.statusBar().currentMessage()


def test_a_garbled_settings_file_is_ignored_not_fatal(qtbot, data_dir):
    (data_dir / "settings.ini").write_bytes(
        b"\x00\xff[window]\ngeometry=not-bytes\n[draft]\nlastScenario=no-such-scenario\n"
    )
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    assert win.controller.scenario.id == win.picker.visible_ids()[0]
    assert preview(win, "en")
