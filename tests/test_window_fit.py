"""The window fits a seller's laptop: its size, its form without sideways scrolling, contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui import theme
from ui.window.screen_fit import PREFERRED, clamped, first_run_size
from ui.window.settings import WindowSettings

LAPTOPS = [QRect(0, 0, 1280, 760), QRect(0, 0, 1366, 728), QRect(0, 0, 1024, 668)]


@pytest.mark.parametrize("available", LAPTOPS)
def test_the_first_run_size_fits_a_laptop_screen(available):
    size = first_run_size(available)
    assert size.width() <= available.width() - 2 * 24
    assert size.height() <= available.height() - 3 * 24


def test_a_big_screen_gets_the_designed_size():
    assert first_run_size(QRect(0, 0, 1920, 1040)) == PREFERRED


def test_a_size_remembered_from_a_big_monitor_is_shrunk_onto_the_laptop():
    laptop = QRect(0, 0, 1280, 760)
    fitted = clamped(QRect(1500, 300, 1800, 1000), laptop)
    assert laptop.contains(fitted)
    assert fitted.size() == laptop.size()


def test_a_window_that_fits_stays_where_it_was():
    assert clamped(QRect(40, 30, 900, 600), QRect(0, 0, 1280, 760)) == QRect(40, 30, 900, 600)


def test_the_window_opens_within_its_screen(window):
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())


def test_a_remembered_oversized_window_is_brought_back_within_the_screen(qtbot, data_dir: Path):
    from ui.app import build_main_window

    first = build_main_window(data_dir)
    qtbot.addWidget(first)
    first.setGeometry(QRect(2000, 900, 3000, 2000))
    first.save_state()
    again = build_main_window(data_dir)
    qtbot.addWidget(again)
    assert WindowSettings(data_dir).geometry is not None
    available = again.screen().availableGeometry()
    assert available.contains(again.geometry())
    assert again.size().boundedTo(QSize(available.size())) == again.size()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_form_fits_its_column_at_1280x800_without_sideways_scrolling(window, qtbot, language):
    window.behaviour.set_interface_language(language)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    too_wide = []
    for scenario in window.catalog:
        window.choose_scenario(scenario.id)
        QApplication.processEvents()
        viewport = window.form_scroll.viewport().width()
        needed = max(window.form.width(), window.form.minimumSizeHint().width())
        if needed > viewport:
            too_wide.append((scenario.id, needed, viewport))
    assert not too_wide
    assert not window.form_scroll.horizontalScrollBar().isVisible()


def test_a_long_choice_is_shown_whole_in_its_open_list(window):
    window.choose_scenario("damaged-item")
    box = window.form.editors["remedy"]
    metrics = box.view().fontMetrics()
    widest = max(metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert box.view().minimumWidth() >= widest


def test_before_you_copy_is_as_high_as_its_lines_up_to_a_cap(window, qtbot):
    from ui.panes.checks_panel import MAX_LIST_HEIGHT

    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.choose_scenario("damaged-item")
    window.controller.fill_examples()
    QApplication.processEvents()
    checks = window.checks_panel.list
    assert checks.count() == 1  # ready to copy
    one_line = checks.height()
    assert one_line <= 2 * checks.fontMetrics().lineSpacing() + 2 * checks.frameWidth() + 8
    window.controller.reset()
    QApplication.processEvents()
    assert checks.count() > 3
    assert one_line < checks.height() <= MAX_LIST_HEIGHT


def contrast(one: str, other: str) -> float:
    """The WCAG 2 contrast ratio of two colours."""

    def luminance(name: str) -> float:
        color = QColor(name)
        channels = []
        for value in (color.redF(), color.greenF(), color.blueF()):
            low = value <= 0.04045
            channels.append(value / 12.92 if low else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True])
def test_every_text_colour_is_at_least_4_5_to_1_on_its_background(qapp, dark):
    palette = theme.dark_palette() if dark else QApplication.style().standardPalette()
    accents = theme.DARK_ACCENTS if dark else theme.LIGHT_ACCENTS
    role = QPalette.ColorRole
    base, window_ = palette.color(role.Base).name(), palette.color(role.Window).name()
    pairs = {
        "text": (palette.color(role.Text).name(), base),
        "window text": (palette.color(role.WindowText).name(), window_),
        "button text": (palette.color(role.ButtonText).name(), palette.color(role.Button).name()),
        "placeholder": (palette.color(role.PlaceholderText).name(), base),
        "link": (palette.color(role.Link).name(), base),
        "selected": (
            palette.color(role.HighlightedText).name(),
            palette.color(role.Highlight).name(),
        ),
        "error": (accents.error_text, base),
        "error in a dialog": (accents.error_text, window_),
        "warning": (accents.warning_text, base),
        "info": (accents.info_text, base),
        "marker": (accents.marker_text, accents.marker_background),
        "banner": (accents.banner_text, accents.banner_background),
    }
    if not dark:  # the light selection is the system's own (Fusion's is 3.7:1): not ours
        del pairs["selected"]
    too_faint = {name: round(contrast(*pair), 2) for name, pair in pairs.items()}
    too_faint = {name: ratio for name, ratio in too_faint.items() if ratio < 4.5}
    assert not too_faint


def test_an_unchecked_box_has_a_visible_edge_in_the_dark_theme():
    window_ = theme.dark_palette().color(QPalette.ColorRole.Window).name()
    assert contrast(theme.INDICATOR_EDGE, window_) >= 3  # WCAG's 3:1 for a control


def test_the_dark_theme_draws_the_edge_of_an_unchecked_box(window):
    from PySide6.QtWidgets import QCheckBox

    window.behaviour.set_theme("dark")
    try:
        box = QCheckBox()
        box.resize(40, 24)
        picture = box.grab().toImage()
        edge = QColor(theme.INDICATOR_EDGE)
        seen = {
            QColor(picture.pixel(x, y)).name()
            for x in range(picture.width())
            for y in range(picture.height())
        }
        assert any(contrast(color, window_color(box)) >= 3 for color in seen), edge.name()
    finally:
        window.behaviour.set_theme("light")


def window_color(widget) -> str:
    return widget.palette().color(QPalette.ColorRole.Window).name()


def test_the_chinese_interface_names_languages_and_scenarios_in_chinese(window, qtbot):
    window.choose_scenario("address-change")
    window.controller.fill_examples()
    window.behaviour.copy_language("en")
    window.statusBar().showMessage("Copied the English reply.")
    history = window.seller_data.show_history()
    window.behaviour.set_interface_language("zh_CN")
    try:
        assert [p.heading.text() for p in window.previews.values()] == ["英语", "中文"]
        picker = window.seller_data.panel.language
        names = [picker.itemText(i) for i in range(picker.count())]
        assert names[:2] == ["英语", "中文"] and "西班牙语" in names  # every language, in Chinese
        assert not any(name.isascii() for name in names), names
        checks = window.checks_panel.texts()
        assert any(line.startswith("英语: ") for line in checks), checks
        assert not any("English" in line for line in checks), checks
        assert history.model.data(history.model.index(0, 1)) == "买家要求修改地址"
        assert window.statusBar().currentMessage() == ""
    finally:
        history.close()
        window.behaviour.set_interface_language("en")
    assert [p.heading.text() for p in window.previews.values()] == ["English", "Chinese"]


@pytest.mark.parametrize("width", [900, 300, 200, 120])
def test_a_scenario_title_is_never_broken_inside_a_word(qtbot, width):
    from ui.window.title_label import SEPARATOR, TitleLabel

    label = TitleLabel()
    qtbot.addWidget(label)
    label.resize(width, 80)
    label.set_parts(["Shipping delay notice", "物流延误通知"])
    lines = label.text().split("\n")
    whole = SEPARATOR.join(["Shipping delay notice", "物流延误通知"])
    if lines == [whole]:
        assert label.toolTip() == ""
        return
    assert len(lines) == 2
    for line, part in zip(lines, ["Shipping delay notice", "物流延误通知"], strict=True):
        assert line == part or (line.endswith("…") and part.startswith(line[:-1]))
    if lines != ["Shipping delay notice", "物流延误通知"]:
        assert label.toolTip() == whole


def test_the_window_shows_both_titles_of_the_scenario(window):
    window.choose_scenario("shipping-delay")
    assert window.scenario_title.parts == ["Shipping delay notice", "物流延误通知"]


def test_a_wrapped_check_line_gets_the_height_of_its_lines(window, qtbot):
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.choose_scenario("damaged-item")
    window.controller.fill_examples()
    QApplication.processEvents()
    checks = window.checks_panel.list
    wide = checks.height()
    window.main_splitter.setSizes([230, 160, 890])  # a narrow middle column wraps the line
    QApplication.processEvents()
    assert checks.height() > wide
