"""``reply-composer --self-test``: proves that an installed or frozen app works, with no screen.

Offscreen and in a temporary data folder (the seller's own is never touched): loads every
template, renders each scenario in every language with every variant ``python -m composer
check`` renders, then opens the main window once, shows each scenario in it and waits for the
drafts. Prints one line and returns 0, or 1 with the line naming what failed. CI runs it on
the PyInstaller bundle, where a missing template, Babel locale, Qt plugin or icon shows here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

PLATFORM = "offscreen"


def self_test(program: str, extra_templates: Sequence[Path] = ()) -> int:
    """Run the checks; print the one-line summary; return the exit code."""
    os.environ["QT_QPA_PLATFORM"] = PLATFORM  # before any QApplication exists
    started = time.perf_counter()
    failures: list[str] = []
    summary: list[str] = []
    with tempfile.TemporaryDirectory(prefix="reply-composer-self-test-") as folder:
        data = Path(folder)
        for step in (_check_templates, _check_window):
            try:
                summary.append(step(program, data, extra_templates, failures))
            except Exception as exc:  # a self-test reports, it does not crash
                failures.append(f"{step.__name__.removeprefix('_check_')}: {exc!r}")
                break
    elapsed = time.perf_counter() - started
    if failures:
        shown = "; ".join(failures[:5])
        more = f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""
        print(f"self-test FAILED: {shown}{more}", flush=True)
        return 1
    print(f"self-test passed: {', '.join(summary)} in {elapsed:.1f} s", flush=True)
    return 0


def _check_templates(_program: str, data: Path, extra: Sequence[Path], failures: list[str]) -> str:
    """Every template loads and every scenario renders in every language."""
    from composer import paths
    from composer.templating.loader import load_catalog
    from composer.templating.validate import check_library

    result = load_catalog(paths.template_dirs(data, extra))
    catalog = result.catalog
    if not catalog.scenarios:
        folder = paths.shipped_templates_dir()
        failures.append(f"templates: no scenario loaded from {folder}")
    failures.extend(
        f"templates: {finding}" for finding in check_library(result) if finding.severity == "error"
    )
    return f"{len(catalog)} scenarios rendered in {len(catalog.languages)} languages"


def _check_window(program: str, data: Path, extra: Sequence[Path], failures: list[str]) -> str:
    """The main window opens, and shows each scenario's drafts in every language."""
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler, qVersion
    from PySide6.QtWidgets import QApplication

    from composer import paths
    from ui.app import build_main_window
    from ui.assets import app_icon

    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([program, "-platform", PLATFORM])
    assert isinstance(app, QApplication)
    icon = app_icon()
    if icon.isNull() or not icon.availableSizes():
        failures.append("assets: the app icon is missing")
    window = build_main_window(data, paths.template_dirs(data, extra))
    try:
        window.show()
        deadline = time.monotonic() + 10
        while not window.isVisible() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
        if not window.isVisible():
            failures.append("window: the main window did not show")
        for scenario in window.catalog:
            window.choose_scenario(scenario.id)
            QCoreApplication.processEvents()
            result = window.controller.result
            if result is None or result.scenario_id != scenario.id:
                failures.append(f"window: {scenario.id} shows no draft")
                continue
            for code, pane in window.previews.items():
                draft = result.drafts.get(code)
                if draft is None or draft.error or not pane.body.toPlainText().strip():
                    failures.append(f"window: {scenario.id} [{code}] preview is empty")
        _check_extras(window, failures)
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    return f"main window opened (Qt {qVersion()}, {app.platformName()}, {_kind()})"


def _check_extras(window: MainWindow, failures: list[str]) -> None:
    """What else a bundle can lose: translations, platform rules, the seller's stores."""
    from PySide6.QtWidgets import QWidget

    english = window.copy_both_button.text()
    window.behaviour.set_interface_language("zh_CN")
    if window.copy_both_button.text() == english:
        failures.append("interface: the Chinese translation did not load")
    window.behaviour.set_interface_language("en")
    if not window.controller.rulebook.platforms:
        failures.append("platform rules: none loaded")
    if window.findChild(QWidget, "snippetPanel") is None:
        failures.append("seller data: the snippet panel is missing")
    # The reply editor (tomlkit, the writer and the checks): opens a reply and finds it sound.
    editor = window.reply_actions.edit_reply()  # type: ignore[attr-defined]
    if editor is None or editor.last_check is None or not editor.last_check.ok:
        failures.append("reply editor: the current reply does not check out in the editor")
    if editor is not None:
        editor.discard()


def _quiet_offscreen(_kind: object, _context: object, message: str) -> None:
    """Qt's messages to stderr, less the one the offscreen platform prints for every window."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr, flush=True)


def _kind() -> str:
    """How this copy of the app runs: frozen bundle or Python environment."""
    return "frozen bundle" if getattr(sys, "frozen", False) else f"Python {sys.version.split()[0]}"
