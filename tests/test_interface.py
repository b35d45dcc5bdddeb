"""The interface in Chinese or English, themes, and a seller who never touches the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from composer import version
from tests.helpers.gui import child, preview
from ui import i18n, theme
from ui.app import build_main_window

pytestmark = pytest.mark.gui


@pytest.fixture
def shown(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def menu_texts(window):
    return [a.text() for a in window.menuBar().actions()]


# --- interface language ---------------------------------------------------------------------


def test_switching_to_chinese_changes_the_visible_texts_at_once(window):
    window.choose_scenario("shipping-delay")
    assert child(window, QPushButton, "copyBothButton").text() == "Copy both"
    window.language_actions["zh_CN"].trigger()
    assert i18n.current() == "zh_CN"
    assert child(window, QPushButton, "copyBothButton").text() == "复制两种语言"
    assert child(window, QPushButton, "copyEnButton").text() == "复制英语"
    assert window.windowTitle() == "回复助手"
    assert menu_texts(window) == ["回复(&R)", "视图(&V)", "卖家(&S)", "帮助(&H)"]
    assert child(window, QLineEdit, "scenarioSearch").placeholderText().startswith("搜索场景")
    # Scenario titles, field labels and checks follow the interface language too.
    assert child(window, QLabel, "scenarioTitle").text().startswith("物流延误通知")
    assert window.form.labels["order_number"].text() == "订单号 *"
    QApplication.processEvents()  # the checks follow the draft on the next event-loop turn
    assert window.checks.item(0).text() == "请填写：订单号"
    assert [window.picker.proxy.index(0, 0).data()] == ["售前咨询"]  # the first category


def test_the_reply_languages_do_not_change_with_the_interface(window):
    window.choose_scenario("shipping-delay")
    window.controller.fill_examples()
    english, chinese = preview(window, "en"), preview(window, "zh")
    window.behaviour.set_interface_language("zh_CN")
    assert preview(window, "en") == english
    assert preview(window, "zh") == chinese
    assert english.startswith("Hi Maria,")


def test_switching_back_to_english(window):
    window.behaviour.set_interface_language("zh_CN")
    window.behaviour.set_interface_language("en")
    assert child(window, QPushButton, "copyBothButton").text() == "Copy both"
    assert menu_texts(window) == ["&Reply", "&View", "&Seller", "&Help"]


def test_the_chosen_language_is_remembered(qtbot, data_dir):
    first = build_main_window(data_dir)
    qtbot.addWidget(first)
    first.behaviour.set_interface_language("zh_CN")
    first.save_state()
    i18n.set_language("en")
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    assert again.windowTitle() == "回复助手"
    assert again.language_actions["zh_CN"].isChecked()


def test_following_the_system_language(qtbot, data_dir, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    assert win.language_actions[i18n.SYSTEM].isChecked()
    assert win.windowTitle() == "回复助手"


def test_qt_own_dialog_buttons_are_translated_too(shown, qtbot):
    shown.behaviour.set_interface_language("zh_CN")
    shown.shortcuts_action.trigger()
    dialog = shown.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "关闭"
    dialog.close()


# --- keyboard -------------------------------------------------------------------------------


def test_every_shortcut_is_in_a_menu_and_the_cheat_sheet(shown):
    in_menus = set()
    for top in shown.menuBar().actions():
        for action in top.menu().actions():
            if action.menu():
                in_menus.update(action.menu().actions())
            in_menus.add(action)
    with_keys = [a for a in shown.actions() if a.shortcuts()]
    recent = set(shown.recent_actions)
    assert all(a in in_menus for a in with_keys if a not in recent)
    shown.behaviour.show_shortcuts()
    table = shown.findChild(QDialog, "shortcutsDialog").table.toPlainText()
    native = QKeySequence.SequenceFormat.NativeText
    for action in with_keys:
        if action not in recent:
            assert action.shortcuts()[0].toString(native) in table
    assert "Ctrl+1 … Ctrl+9" in table  # the recent scenarios, one row
    assert "Shift+Tab" in table


def test_ctrl_k_ctrl_f_and_esc_go_to_the_search(shown, qtbot):
    search = child(shown, QLineEdit, "scenarioSearch")
    field = child(shown, QLineEdit, "field_buyer_name")  # every first scenario asks for it
    for key in (Qt.Key.Key_K, Qt.Key.Key_F):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        qtbot.keyClick(field, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(search.hasFocus)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(search.hasFocus)


def test_compose_and_copy_without_the_mouse(shown, qtbot, monkeypatch):
    search = child(shown, QLineEdit, "scenarioSearch")
    qtbot.keyClick(shown, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "delay")  # the keywords of others match too; the title wins
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown.controller.scenario.id == "shipping-delay"
    # Enter put the cursor in the first field; Tab walks the fields in their order.
    first = child(shown, QLineEdit, "field_buyer_name")
    qtbot.waitUntil(first.hasFocus)  # the new editors are shown on the next turn of the loop
    order = [QApplication.focusWidget()]
    for _ in range(len(shown.controller.scenario.fields) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    editors = shown.form.editors
    assert order == [editors[f.name].focus_target() for f in shown.controller.scenario.fields]
    order_field = child(shown, QLineEdit, "field_order_number")
    back = []
    for _ in range(len(order) - 2):  # Shift+Tab walks back to the order number
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier
        )
        back.append(QApplication.focusWidget())
    assert back == order[-2:0:-1]
    assert QApplication.focusWidget() is order_field
    qtbot.keyClicks(order_field, "5551234")
    asked = []
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *args: asked.append(args[1]) or True)
    qtbot.keyClick(order_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "(order 5551234)" in QGuiApplication.clipboard().text()
    assert len(asked) == 1  # your name and shop are still empty: it asked before copying
    qtbot.keyClick(
        order_field,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    both = QGuiApplication.clipboard().text()
    assert both.startswith(preview(shown, "en")) and both.endswith(preview(shown, "zh"))


def test_ctrl_number_reopens_recent_scenarios(shown, qtbot):
    for scenario_id in ("unpaid-reminder", "address-change", "shipping-delay"):
        shown.choose_scenario(scenario_id)
    assert shown.behaviour.recent_ids()[:2] == ["address-change", "unpaid-reminder"]
    qtbot.keyClick(shown, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert shown.controller.scenario.id == "unpaid-reminder"
    qtbot.keyClick(shown, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert shown.controller.scenario.id == "shipping-delay"
    titles = [a.text() for a in shown.recent_menu.actions()]
    assert titles[0] == "Payment reminder" or titles  # titles come from the catalog
    assert len(titles) == len(shown.behaviour.recent_ids())


def test_f1_opens_the_cheat_sheet(shown, qtbot):
    qtbot.keyClick(shown, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown.findChild(QDialog, "shortcutsDialog") is not None)
    dialog = shown.findChild(QDialog, "shortcutsDialog")
    assert "Copy English" in dialog.table.toPlainText()
    dialog.close()


def test_an_input_method_composition_is_not_interrupted(shown, qtbot):
    """Pinyin being composed is not a search yet; committing it is, and picks nothing."""
    search = child(shown, QLineEdit, "scenarioSearch")
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    before = shown.controller.scenario.id
    composing = QInputMethodEvent("cuifu", [])
    QApplication.sendEvent(search, composing)
    assert search.text() == ""
    assert len(shown.picker.visible_ids()) == len(shown.catalog)
    commit = QInputMethodEvent()
    commit.setCommitString("催付")
    QApplication.sendEvent(search, commit)
    assert search.text() == "催付"
    assert shown.picker.visible_ids() == ["unpaid-reminder"]
    assert shown.controller.scenario.id == before  # committing a candidate opened nothing
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown.controller.scenario.id == "unpaid-reminder"


# --- a finished desktop app -----------------------------------------------------------------


def test_every_control_has_an_accessible_name(window):
    window.choose_scenario("shipping-delay")
    nameless = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if widget.objectName().startswith("qt_"):  # Qt's own inner parts (a spin box's text)
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            nameless.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert not nameless


@pytest.mark.parametrize("name", ["dark", "light"])
def test_themes_change_the_palette_and_the_markers(window, name):
    window.choose_scenario("shipping-delay")
    window.behaviour.set_reply_format("email")  # with its subject line
    window.behaviour.set_theme(name)
    try:
        assert theme.is_dark() == (name == "dark")
        expected = theme.DARK_ACCENTS if name == "dark" else theme.LIGHT_ACCENTS
        assert expected.marker_background in child(window, QLabel, "subjectEn").text()
        assert window.settings.theme == name
        assert window.theme_actions[name].isChecked()
    finally:
        window.behaviour.set_theme("system")


def test_about_names_the_version(window):
    window.about_action.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None
    assert version() in box.text()
    box.close()


def test_delete_empties_a_date_and_tab_leaves_it(shown, qtbot):
    shown.choose_scenario("shipping-delay")
    shown.controller.fill_examples()
    editor = shown.form.editors["new_estimate"]
    qtbot.waitUntil(shown.form.editors["seller_name"].isVisible)  # new editors show next turn
    assert editor.value() is not None
    box = editor.focus_target()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert editor.value() is None
    assert "now expects" not in preview(shown, "en")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is shown.form.editors["seller_name"].focus_target()


# --- first run ------------------------------------------------------------------------------


def test_the_first_start_welcomes_asks_the_profile_once_and_opens_a_scenario(window, monkeypatch):
    from composer.storage.profile_store import ProfileStore
    from ui.profile import first_run

    window.choose_scenario("shipping-delay")
    shown = []

    def fill_in(dialog):
        shown.append(dialog.objectName())
        assert "Welcome" in dialog.welcome.text()
        dialog.seller_name.setText("Li Wei")
        dialog.shop_name.setText("Bright Home")
        return True

    monkeypatch.setattr(window.seller_data, "ask", fill_in)
    assert first_run.offer(window) is True
    assert shown == ["welcomeDialog"]
    assert ProfileStore(window.settings.path.parent / "profile.json").load().seller_name == "Li Wei"
    assert window.controller.scenario.id == first_run.FIRST_SCENARIO
    assert window.controller.values["seller_name"] == "Li Wei"
    assert first_run.offer(window) is False
    assert shown == ["welcomeDialog"]


def test_skipping_the_welcome_saves_nothing_and_it_does_not_come_back(qtbot, data_dir):
    from ui.profile import first_run

    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.seller_data.ask = lambda dialog: False
    assert first_run.offer(win) is True
    assert (
        not (data_dir / "profile.json").exists()
        or win.seller_data.workspace.profile().seller_name == ""
    )
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    again.seller_data.ask = lambda dialog: pytest.fail("the welcome came back")
    assert first_run.offer(again) is False


def test_the_welcome_skip_button_and_language(qtbot, window):
    from composer.storage.profile import Profile
    from ui.profile.first_run import WelcomeDialog

    window.behaviour.set_interface_language("zh_CN")
    dialog = WelcomeDialog(Profile(), window)
    qtbot.addWidget(dialog)
    skip = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert skip.text() == "暂时跳过"
    assert "欢迎使用回复助手" in dialog.welcome.text()


def test_the_profile_platform_sets_the_checks_until_one_is_chosen(qtbot, data_dir):
    from composer.storage.profile import Profile
    from composer.storage.profile_store import ProfileStore

    ProfileStore(data_dir / "profile.json").save(Profile(seller_name="Li Wei", platform="eBay"))
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    assert win.controller.platform.id == "ebay"
    win.behaviour.choose_platform("amazon")  # the seller's choice in the window wins from now on
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    assert again.controller.platform.id == "amazon"
