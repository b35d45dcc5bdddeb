"""The checks panel, the platform chooser, copying with errors and the remedy advisor."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QPushButton

from composer.templating.fields import Money
from tests.helpers.scenarios import DISPUTE
from ui import theme
from ui.app import build_main_window

pytestmark = pytest.mark.gui


def rows(window):
    QApplication.processEvents()  # the checks follow the draft on the next event-loop turn
    panel = window.findChild(QListWidget, "checksPanel")
    return [panel.item(i) for i in range(panel.count())]


def type_into(window, name, text):
    editor = window.form.editors[name]
    editor.clear()
    editor.insert(text)  # as an input method commits it (keyClicks cannot send non-ASCII)


def choose_platform(window, platform_id):
    chooser = window.findChild(QComboBox, "platformChooser")
    chooser.setCurrentIndex(chooser.findData(platform_id))


def click(window, qtbot, text_part):
    (item,) = [item for item in rows(window) if text_part in item.text()]
    window.checks.itemClicked.emit(item)
    return item


def test_the_platform_chooser_changes_the_rules_and_is_remembered(qtbot, data_dir):
    first = build_main_window(data_dir)
    qtbot.addWidget(first)
    chooser = first.findChild(QComboBox, "platformChooser")
    assert chooser.currentData() == "generic"
    assert chooser.count() == 9
    first.choose_scenario("shipping-delay")
    first.controller.fill_examples()
    first.form.editors["buyer_name"].insert(" 😊")
    assert not any("emoji" in item.text() for item in rows(first))
    choose_platform(first, "amazon")
    assert first.controller.platform.id == "amazon"
    texts = [item.text() for item in rows(first)]
    assert "English: Not allowed on Amazon: emoji (😊)" in texts
    first.close()
    second = build_main_window(data_dir)
    qtbot.addWidget(second)
    assert second.findChild(QComboBox, "platformChooser").currentData() == "amazon"
    assert second.controller.platform.id == "amazon"


def test_clicking_a_finding_selects_its_span_in_the_preview(window, qtbot):
    window.choose_scenario("address-change")
    window.controller.fill_examples()
    choose_platform(window, "amazon")
    click(window, qtbot, "English: 800-463-3339")
    assert window.previews["en"].selected_text() == "800-463-3339"
    click(window, qtbot, "Chinese: 800-463-3339")
    assert window.previews["zh"].selected_text() == "800-463-3339"


def test_a_span_after_an_emoji_is_selected_exactly(window, qtbot):
    # Qt counts an emoji as two positions; the checks count it as one character.
    window.choose_scenario("shipping-delay")
    window.controller.fill_examples()
    choose_platform(window, "amazon")
    type_into(window, "buyer_name", "Maria 😊, lily@example.com")
    click(window, qtbot, "English: Not allowed on Amazon: e-mail")
    assert window.previews["en"].selected_text() == "lily@example.com"


def test_an_unfilled_field_selects_its_marker_and_shows_the_severity(window, qtbot):
    window.choose_scenario("shipping-delay")
    item = click(window, qtbot, "Fill in: Your name")
    assert window.previews["en"].selected_text() == "[Your name]"
    assert item.foreground().color().name() == theme.accents().error_text
    assert not item.icon().isNull()


def test_copying_with_errors_asks_once(window, qtbot, monkeypatch):
    answers = []

    def ask(parent, title, text):
        answers.append(text)
        return len(answers) > 1  # no the first time, yes after

    monkeypatch.setattr("ui.dialogs.questions.ask", ask)
    window.choose_scenario("shipping-delay")
    window.controller.fill_examples()
    choose_platform(window, "amazon")
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    copy = window.findChild(QPushButton, "copyEnButton")
    copy.click()
    assert answers == []  # no errors, no question
    assert clipboard.text().startswith("Hi Maria,")
    clipboard.setText("before")
    type_into(window, "buyer_name", "Maria 😊")
    copy.click()
    assert len(answers) == 1 and "Not allowed on Amazon: emoji" in answers[0]
    assert clipboard.text() == "before"
    assert "Not copied" in window.statusBar().currentMessage()
    copy.click()
    assert len(answers) == 2 and clipboard.text().startswith("Hi Maria 😊,")
    clipboard.setText("before")
    copy.click()
    assert len(answers) == 2  # the same errors: asked once already
    assert clipboard.text().startswith("Hi Maria 😊,")
    window.findChild(QPushButton, "copyZhButton").click()
    assert len(answers) == 3  # the Chinese reply's own emoji: asked about once
    window.findChild(QPushButton, "copyBothButton").click()
    assert len(answers) == 3  # both already accepted
    type_into(window, "buyer_name", "Maria 😊 🎉")
    copy.click()
    assert len(answers) == 4  # a new error: asked again


def test_the_advisor_fills_the_address_change_remedy(window, qtbot):
    window.choose_scenario("shipping-delay")
    assert window.findChild(QPushButton, "adviseButton").isHidden()
    window.choose_scenario("address-change")
    window.controller.fill_examples()
    assert not window.findChild(QPushButton, "adviseButton").isHidden()
    dialog = window.behaviour.open_advisor()
    assert dialog.problem.currentData() == "address-change"
    dialog.amounts["order_value"].setValue(12)
    dialog.amounts["shipping_cost"].setValue(4)
    assert [o.remedy for o in dialog.options] == ["reship", "decline-politely"]
    assert dialog.results.item(0, 1).text() == "$12.00"
    dialog.use_button.click()
    assert not dialog.isVisible()  # used: the dialog closes
    assert window.controller.values["remedy"] == "reship"
    assert "place a new order with that address" in window.previews["en"].body.toPlainText()
    assert window.form.editors["remedy"].currentData() == "reship"
    dialog = window.behaviour.open_advisor()
    dialog.amounts["order_value"].setValue(300)
    assert dialog.selected().remedy == "decline-politely"
    dialog.use_button.click()
    assert window.controller.values["remedy"] == "too-late"
    assert "hold it for pickup or redirect it" in window.previews["en"].body.toPlainText()


def test_a_remedy_the_scenario_has_no_option_for_cannot_be_used(window, qtbot):
    window.choose_scenario("address-change")
    dialog = window.behaviour.open_advisor()
    dialog.problem.setCurrentIndex(dialog.problem.findData("not-received"))
    assert dialog.note.text().startswith("Enter the order value: the amounts follow from it.")
    dialog.amounts["order_value"].setValue(25)
    dialog.past_promised.setChecked(True)
    assert dialog.select("carrier-claim")
    assert not dialog.use_button.isEnabled()
    assert dialog.note.text().startswith("Whichever you offer, claim it back from the carrier")
    assert dialog.note.text().endswith("\nThis reply has no option for that remedy.")


def test_the_advisor_starts_from_the_order_total_and_fills_the_refund(qtbot, data_dir):
    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "item-damaged.toml").write_text(textwrap.dedent(DISPUTE), encoding="utf-8")
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.choose_scenario("item-damaged")
    win.controller.fill_examples()
    dialog = win.behaviour.open_advisor()
    assert dialog.amounts["order_value"].value() == 40
    assert dialog.selected().remedy == "partial-refund"
    dialog.use_button.click()
    assert win.controller.values["refund"] == Money(Decimal("12.00"), "USD")
    assert win.previews["en"].body.toPlainText() == "Partial refund $40.00 $12.00"
    assert win.previews["zh"].body.toPlainText() == "部分退款 40.00美元 12.00美元"
