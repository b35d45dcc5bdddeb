"""The app survives a long day of typing: the Qt bindings never drop references under it.

PySide6 6.12.0 dropped a reference to None each time Qt deleted an item it wrapped; on Python
3.11 (None is not immortal there) the app aborted with "none_dealloc" after a few thousand
edits. These tests count references around many edits, so they fail in milliseconds rather
than after a day of use. (Counts that grow are harmless: None is never freed.)
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from ui.app import build_main_window

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_collection_while_counting():
    """Garbage left by earlier tests, collected mid-count, would look like dropped references.

    Collect it first and pause the collector: a binding's bug drops references at once anyway.
    """
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def _counts() -> list[int]:
    # Garbage left by earlier tests, freed halfway through a measurement, would look like a drop.
    gc.collect()
    return [sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)]


@contextlib.contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Only what the loop does may change the counts: a collection in the middle would free
    other tests' garbage, and with it hundreds of references to None."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_filling_and_emptying_fields_never_drops_references(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    window.choose_scenario("shipping-delay")
    field = window.findChild(QLineEdit, "field_order_number")
    field.insert("1")
    field.backspace()
    with _no_garbage_collection():
        before = _counts()
        for _ in range(150):
            field.insert("7")  # the "Fill in: Order number" line goes...
            field.backspace()  # ...and comes back: list items are deleted and made
        drift = [after - start for after, start in zip(_counts(), before, strict=True)]
    assert min(drift) > -20, drift


def test_switching_scenarios_keeps_no_old_editors(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    ids = [s.id for s in window.catalog]
    for scenario_id in ids:
        window.choose_scenario(scenario_id)
    children = len(window.form.findChildren(QWidget))
    with _no_garbage_collection():
        before = _counts()
        for _ in range(30):
            for scenario_id in ids:
                window.choose_scenario(scenario_id)  # rebuilds the form's editors
        drift = [after - start for after, start in zip(_counts(), before, strict=True)]
    assert min(drift) > -20, drift
    assert len(window.form.findChildren(QWidget)) == children
