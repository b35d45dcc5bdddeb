"""The window fits a seller's laptop: its size, its form without sideways scrolling, contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize

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
