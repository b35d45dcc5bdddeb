"""The remedy advisor driven as a seller drives it: type the order's facts into the form, open
Advise…, read the amounts, Use this option, and read the reply and the checks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication, QListWidget, QPushButton

from composer.judgement.findings import errors
from composer.templating.fields import Money
from tests.helpers.gui import child, preview, type_amount

pytestmark = pytest.mark.gui


def checks_lines(window):
    QApplication.processEvents()  # the checks follow the draft on the next event-loop turn
    panel = child(window, QListWidget, "checksPanel")
    return [panel.item(i).text() for i in range(panel.count())]


def open_advisor(window):
    child(window, QPushButton, "adviseButton").click()
    dialog = window.behaviour.advisor_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def rows(dialog):
    results = dialog.results
    return [
        (results.item(r, 0).text(), results.item(r, 1).text()) for r in range(results.rowCount())
    ]


@pytest.fixture
def dispute(window, qtbot):
    """The dispute reply with its examples, the seller's own amounts cleared."""
    window.show()
    window.choose_scenario("dispute-opened")
    window.controller.fill_examples()
    type_amount(window, qtbot, "refund_amount", "")
    type_amount(window, qtbot, "order_total", "")
    return window


def test_the_advisor_takes_the_order_value_from_the_form_and_fills_the_refund(dispute, qtbot):
    window = dispute
    type_amount(window, qtbot, "order_total", "25")
    dialog = open_advisor(window)
    assert dialog.from_form.text() == (
        "From the form (change it there): Problem: Damaged; Order value: $25.00"
    )
    assert dialog.form.isRowVisible(dialog.amounts["shipping_cost"])  # not in the form: asked
    assert not dialog.form.isRowVisible(dialog.amounts["order_value"])  # in the form: not asked
    assert not dialog.form.isRowVisible(dialog.problem)
    assert rows(dialog)[0] == ("Partial refund $7.50", "$7.50")
    assert dialog.amounts["order_value"].prefix() == "$ "

    dialog.use_button.click()
    assert not dialog.isVisible()
    assert window.controller.values["solution"] == "partial-refund"
    assert window.controller.values["refund_amount"] == Money(Decimal("7.50"), "USD")
    assert "a partial refund of $7.50" in preview(window, "en")
    assert "7.50美元的部分退款" in preview(window, "zh")
    assert not errors(window.controller.checks)
    assert not any("Refund" in line for line in checks_lines(window))


def test_a_typed_amount_is_replaced_only_when_the_seller_says_so(dispute, qtbot, monkeypatch):
    window = dispute
    asked = []
    answers = iter([False, True])
    monkeypatch.setattr(
        "ui.dialogs.questions.ask", lambda parent, title, text: asked.append(text) or next(answers)
    )
    type_amount(window, qtbot, "order_total", "25")
    type_amount(window, qtbot, "refund_amount", "5")
    open_advisor(window).use_button.click()
    assert asked == ["You typed $5.00; the advice is $7.50. Replace your amount?"]
    assert window.controller.values["refund_amount"] == Money(Decimal(5), "USD")
    assert window.controller.values["solution"] == "partial-refund"
    assert "a partial refund of $5.00" in preview(window, "en")

    open_advisor(window).use_button.click()
    assert len(asked) == 2
    assert window.controller.values["refund_amount"] == Money(Decimal("7.50"), "USD")

    open_advisor(window).use_button.click()  # the same amount: nothing to ask
    assert len(asked) == 2


def test_without_an_order_value_no_zero_reaches_the_reply_and_the_checks_say_so(dispute, qtbot):
    window = dispute
    dialog = open_advisor(window)
    assert dialog.form.isRowVisible(dialog.amounts["order_value"])  # missing: asked for
    assert dialog.note.text().startswith("Enter the order value: the amounts follow from it.")
    assert rows(dialog)[0] == ("Partial refund", "—")
    dialog.use_button.click()
    assert window.controller.values["solution"] == "partial-refund"
    assert window.controller.values.get("refund_amount") is None
    body = preview(window, "en")
    assert "$0.00" not in body
    assert "a partial refund of [Partial refund amount], and you keep the item" in body
    (error,) = errors(window.controller.checks)
    assert error.field == "refund_amount"
    lines = checks_lines(window)
    assert not any("Ready to copy" in line for line in lines)
    promised = "Fill in the amount the reply promises: Partial refund amount"
    assert any(promised in line for line in lines)


def test_an_express_keep_it_refund_is_no_dearer_than_a_return(window, qtbot):
    window.show()
    window.choose_scenario("unwanted-order")
    window.controller.fill_examples()
    type_amount(window, qtbot, "partial_refund", "")
    editor = window.form.editors["logistics"]
    editor.setCurrentIndex(editor.findData("express"))
    editor.activated.emit(editor.currentIndex())  # as when the seller picks it
    type_amount(window, qtbot, "return_shipping", "30")
    dialog = open_advisor(window)
    assert not dialog.form.isRowVisible(dialog.logistics)  # the form says express
    assert not dialog.form.isRowVisible(dialog.past_promised)  # not weighed for this problem
    assert "Shipping: Commercial express" in dialog.from_form.text()
    assert "Return shipping: $30.00" in dialog.from_form.text()
    for name, text in (("order_value", "100"), ("shipping_cost", "10")):
        dialog.amounts[name].lineEdit().selectAll()
        qtbot.keyClicks(dialog.amounts[name], text)
    assert rows(dialog)[:2] == [
        ("Keep it with a partial refund $10.00", "$10.00"),
        ("Return at the buyer's cost", "$10.00"),
    ]
    dialog.use_button.click()
    assert window.controller.values["partial_refund"] == Money(Decimal(10), "USD")
    assert "we'll refund you $10.00" in preview(window, "en")
    assert not errors(window.controller.checks)


def test_the_chinese_interface_writes_amounts_as_the_chinese_reply_does(dispute, qtbot):
    window = dispute
    window.behaviour.set_interface_language("zh_CN")
    type_amount(window, qtbot, "order_total", "25")
    dialog = open_advisor(window)
    assert rows(dialog)[0] == ("部分退款7.50美元", "7.50美元")
    assert dialog.use_button.text() == "采用此方案"
    told = "来自表单（请在表单中修改）：问题：商品破损；订单金额：25.00美元"
    assert dialog.from_form.text() == told
