"""The window fits a seller's laptop: its size, its form without sideways scrolling, contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication

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
    assert one_line <= checks.sizeHintForRow(0) + 2 * checks.frameWidth() + 4
    window.controller.reset()
    QApplication.processEvents()
    assert checks.count() > 3
    assert one_line < checks.height() <= MAX_LIST_HEIGHT
