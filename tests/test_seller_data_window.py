"""Snippets, history and profile in the stocked_window, as a seller uses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListView, QPlainTextEdit, QWidget

from composer.storage.history import HistoryStore
from composer.storage.profile import Profile
from composer.storage.profile_store import ProfileStore
from composer.storage.snippets import Snippet, SnippetStore
from ui.app import build_main_window
from ui.profile.dialog import ProfileDialog

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _copy_anyway(monkeypatch):
    """These tests copy half-filled drafts on purpose: answer the pre-copy question yes."""
    monkeypatch.setattr("ui.dialogs.questions.ask", lambda *args: True)


LIBRARY = [
    Snippet("sig", "Signature", {"en": "Best regards, Li Wei", "zh": "此致，李伟"}),
    Snippet(
        "sorry", "Apology for a delay", {"en": "We are sorry for the delay.", "zh": "很抱歉。"}
    ),
    Snippet("refund", "Full refund", {"en": "We will refund you in full.", "zh": "全额退款。"}),
]


@pytest.fixture
def library(data_dir):
    store = SnippetStore(data_dir / "snippets.json")
    store.save_many(LIBRARY)
    return store


@pytest.fixture
def stocked_window(qtbot, data_dir, library):
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def panel(stocked_window):
    return stocked_window.seller_data.panel


def shown_keys(panel):
    model = panel.model
    return [model.snippet(row).key for row in range(model.rowCount())]


def test_the_panel_and_its_search_are_there_by_name(stocked_window):
    assert stocked_window.findChild(QWidget, "snippetPanel") is not None
    assert stocked_window.findChild(QLineEdit, "snippetSearch") is not None
    assert stocked_window.findChild(QListView, "snippetList") is not None


def test_the_snippet_model_passes_qt_model_tester(panel, qtmodeltester):
    qtmodeltester.check(panel.model)
    panel.search.setText("退款")
    qtmodeltester.check(panel.model)


def test_search_as_you_type_in_english_or_chinese(panel):
    assert sorted(shown_keys(panel)) == ["refund", "sig", "sorry"]
    panel.search.setText("sorry")
    assert shown_keys(panel) == ["sorry"]
    panel.search.setText("退款")
    assert shown_keys(panel) == ["refund"]
    panel.search.setText("zzzz")
    assert shown_keys(panel) == []


def test_insert_puts_the_text_at_the_cursor_of_the_long_text_field(stocked_window, panel, qtbot):
    stocked_window.show()
    qtbot.waitExposed(stocked_window)
    stocked_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is stocked_window)
    stocked_window.choose_scenario("return-instructions")
    box = stocked_window.findChild(QPlainTextEdit, "field_return_address")
    box.setPlainText("Line one\nLine two")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    cursor = box.textCursor()
    cursor.setPosition(len("Line one"))
    box.setTextCursor(cursor)
    panel.search.setText("sig")  # typing in the panel takes the focus from the box...
    panel.search.setFocus()
    qtbot.waitUntil(panel.search.hasFocus)
    with qtbot.waitSignal(stocked_window.controller.rendered):
        assert panel.insert()  # ...and Insert still goes where the seller was
    assert box.toPlainText() == "Line oneBest regards, Li Wei\nLine two"
    assert stocked_window.controller.values["return_address"] == box.toPlainText()
    assert SnippetStore(panel.store.path).get("sig").use_count == 1
    panel.language.setCurrentIndex(panel.language.findData("zh"))
    panel.insert()
    assert "此致，李伟" in box.toPlainText()


def test_insert_without_a_box_or_a_text_in_that_language_says_so(panel, qtbot):
    panel.search.setText("sig")
    with qtbot.waitSignal(panel.message) as said:
        assert not panel.insert()
    assert "a field or a reply" in said.args[0]
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    panel.set_target(box)
    panel.store.save(Snippet("en-only", "English only", {"en": "Hello"}))
    panel.refresh()
    panel.search.setText("en-only")
    panel.language.setCurrentIndex(panel.language.findData("zh"))
    with qtbot.waitSignal(panel.message) as said:
        assert not panel.insert()
    assert "no Chinese text" in said.args[0] and box.toPlainText() == ""


def test_a_preview_like_box_gets_its_own_language(panel, stocked_window, qtbot):
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.setProperty("replyLanguage", "zh")
    panel.set_target(box)
    panel.search.setText("sig")
    assert panel.insert()
    assert box.toPlainText() == "此致，李伟"


def test_create_and_edit_through_the_dialog(panel, monkeypatch, stocked_window):
    answers = [Snippet("coupon", "Coupon", {"en": "Here is a coupon.", "zh": "送您优惠券。"})]
    monkeypatch.setattr(panel, "ask_snippet", lambda current: answers.pop())
    panel.new()
    assert panel.store.get("coupon").bodies["zh"] == "送您优惠券。"
    assert panel.current().key == "coupon"
    answers.append(Snippet("coupon-5", "Coupon $5", {"en": "A $5 coupon.", "zh": "5美元券。"}))
    panel.edit()  # renamed and changed, in one write
    assert "coupon" not in panel.store and panel.store.get("coupon-5").title == "Coupon $5"
    assert "coupon-5" in shown_keys(panel)


def test_the_snippet_dialog_checks_what_is_entered(qtbot, stocked_window):
    from ui.snippets.dialog import SnippetDialog

    dialog = SnippetDialog(stocked_window.catalog.languages)
    qtbot.addWidget(dialog)
    dialog.set_snippet(LIBRARY[0])
    dialog.key.setText("two words")
    dialog.accept()
    assert dialog.findChild(QLabel, "snippetError").isVisibleTo(dialog)
    dialog.key.setText("sig2")
    dialog.findChild(QPlainTextEdit, "snippetBody_zh").setPlainText("新的")
    dialog.tags.setText("a， b")
    edited = dialog.snippet()
    assert edited.key == "sig2" and edited.bodies["zh"] == "新的" and edited.tags == ["a", "b"]


def test_delete_and_undo_bring_the_snippet_back_as_it_was(panel, qtbot):
    panel.store.record_use("sorry")
    panel.search.setText("sorry")
    panel.list.setCurrentIndex(panel.model.index(0))
    panel.delete()
    assert "sorry" not in panel.store and shown_keys(panel) == []
    assert panel.undo_button.isEnabled()
    panel.undo_button.click()
    restored = SnippetStore(panel.store.path).get("sorry")
    assert restored.bodies == LIBRARY[1].bodies and restored.use_count == 1
    assert panel.current().key == "sorry"
    assert not panel.undo_button.isEnabled()


def test_a_template_snippet_follows_an_edit_in_the_panel(stocked_window, panel, monkeypatch):
    assert panel.store.body("sig", "en") == "Best regards, Li Wei"
    monkeypatch.setattr(panel, "ask_snippet", lambda current: Snippet("sig", "S", {"en": "Li"}))
    panel.search.setText("sig")
    panel.edit()
    assert panel.store.body("sig", "en") == "Li"


def test_each_copy_is_recorded_and_a_record_reopens_its_scenario_and_values(
    stocked_window, data_dir
):
    stocked_window.choose_scenario("shipping-delay")
    stocked_window.controller.fill_examples()
    stocked_window.controller.set_value("order_number", "A-1001")
    stocked_window.controller.set_value("buyer_name", "Maria")
    stocked_window.behaviour.copy_language("en")
    stocked_window.choose_scenario("unpaid-reminder")
    stocked_window.behaviour.copy_both()
    history = HistoryStore(data_dir / "history.json")
    assert [r.scenario_id for r in history.records()] == ["unpaid-reminder", "shipping-delay"]
    assert history.records()[1].copied == "en"

    view = stocked_window.seller_data.show_history()
    assert view.objectName() == "historyView"
    view.search.setText("a-1001")
    assert view.model.rowCount() == 1
    view.table.setCurrentIndex(view.model.index(0, 0))
    assert "Hi Maria," in view.preview.toPlainText()
    stocked_window.controller.reset()
    stocked_window.choose_scenario("unpaid-reminder")
    view.reopen_button.click()
    assert stocked_window.controller.scenario.id == "shipping-delay"
    assert stocked_window.controller.values["order_number"] == "A-1001"
    assert stocked_window.findChild(QLineEdit, "field_order_number").text() == "A-1001"
    assert stocked_window.settings.last_scenario == "shipping-delay"
    view.close()


def test_history_delete_and_keep_days(stocked_window, data_dir):
    stocked_window.choose_scenario("shipping-delay")
    stocked_window.behaviour.copy_language("en")
    view = stocked_window.seller_data.show_history()
    assert view.keep_days.value() == 180
    view.keep_days.setValue(30)
    view.keep_days.editingFinished.emit()
    assert HistoryStore(data_dir / "history.json").keep_days == 30
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.delete_button.click()
    assert view.model.rowCount() == 0 and len(HistoryStore(data_dir / "history.json")) == 0
    view.close()


def test_the_profile_fills_fields_of_the_same_name(stocked_window, data_dir, monkeypatch):
    ui = stocked_window.seller_data

    def fill(dialog: ProfileDialog) -> bool:
        dialog.seller_name.setText("Li Wei")
        dialog.shop_name.setText("Lucky Shop")
        return True

    monkeypatch.setattr(ui, "ask", fill)
    stocked_window.choose_scenario("shipping-delay")
    ui.edit_profile()
    assert ProfileStore(data_dir / "profile.json").load().seller_name == "Li Wei"
    assert stocked_window.controller.values["seller_name"] == "Li Wei"
    assert stocked_window.findChild(QLineEdit, "field_shop_name").text() == "Lucky Shop"
    stocked_window.choose_scenario("unpaid-reminder")  # a scenario not opened before
    assert stocked_window.controller.values["seller_name"] == "Li Wei"
    stocked_window.controller.set_value(
        "seller_name", "Someone else"
    )  # the seller's own edit stays
    monkeypatch.setattr(ui, "ask", lambda dialog: dialog.seller_name.setText("Li") or True)
    ui.edit_profile()
    assert stocked_window.controller.values["seller_name"] == "Someone else"
    stocked_window.choose_scenario("shipping-delay")
    assert stocked_window.controller.values["seller_name"] == "Li"


def test_a_profile_saved_before_start_fills_the_first_form(qtbot, data_dir):
    ProfileStore(data_dir / "profile.json").save(Profile(seller_name="Li Wei"))
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    assert win.controller.values["seller_name"] == "Li Wei"
    assert "Li Wei" in win.findChild(QPlainTextEdit, "previewEn").toPlainText()


def test_a_damaged_data_file_is_named_in_the_banner_and_the_app_works(qtbot, data_dir):
    (data_dir / "snippets.json").write_text("{ not json", encoding="utf-8")
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    banner = win.findChild(QLabel, "problemsBanner")
    assert banner.isVisibleTo(win)
    assert "snippets.json" in banner.text() and "moved aside" in banner.text()
    assert list(data_dir.glob("snippets.damaged-*.json"))
    panel = win.seller_data.panel
    panel.store.save(Snippet("new", "New", {"en": "x"}))
    panel.refresh()
    assert shown_keys(panel) == ["new"]


def test_a_save_that_fails_is_reported_not_raised(panel, monkeypatch, qtbot):
    from composer.storage import atomic_file

    def read_only(folder, name):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_file, "create_temp", read_only)
    monkeypatch.setattr("ui.window.seller_data.show_error", lambda *args: None)
    monkeypatch.setattr(panel, "ask_snippet", lambda current: Snippet("x", "X", {"en": "x"}))
    with qtbot.waitSignal(panel.problem) as reported:
        panel.new()
    assert "read-only" in reported.args[0]
    assert "x" not in panel.store


def test_the_undo_shortcut_works_in_the_list(panel, qtbot, stocked_window):
    stocked_window.show()
    qtbot.waitExposed(stocked_window)
    stocked_window.activateWindow()
    panel.search.setText("refund")
    panel.list.setCurrentIndex(panel.model.index(0))
    panel.delete()
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "refund" in panel.store
