"""An unexpected error never closes the window: a short message, details in the log file."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import ui.app

pytestmark = pytest.mark.gui


@pytest.fixture
def logging_to(tmp_path: Path) -> Iterator[Path]:
    """The app's logging set up in tmp_path, taken down again after the test."""
    before = list(logging.getLogger().handlers)
    yield tmp_path
    for handler in logging.getLogger().handlers[:]:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_an_unexpected_error_is_logged_and_shown(qtbot, logging_to, monkeypatch):
    shown = []
    monkeypatch.setattr(ui.app, "show_error", lambda *args: shown.append(args))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = ui.app._setup_logging(logging_to)
    ui.app._install_excepthook(log_file)
    try:
        raise RuntimeError("the printer is on fire")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    (_parent, title, text, details) = shown[0]
    assert title == "Something went wrong"
    assert "Your draft is still here" in text and str(log_file) in text
    assert "RuntimeError: the printer is on fire" in details
    assert "the printer is on fire" in log_file.read_text(encoding="utf-8")


def test_a_large_log_is_set_aside_at_start(logging_to):
    log_file = logging_to / "logs" / "reply-composer.log"
    log_file.parent.mkdir()
    log_file.write_text("x" * 1_000_001)
    assert ui.app._setup_logging(logging_to) == log_file
    assert (logging_to / "logs" / "reply-composer.log.1").stat().st_size == 1_000_001
    assert log_file.stat().st_size == 0
