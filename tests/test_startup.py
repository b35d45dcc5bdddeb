"""Opening fast: the window shows before the template engine loads, then the first draft
follows; and ``--self-test`` checks a whole installation in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from composer import paths
from ui.app import after_first_paint, build_main_window, populate_window, window_frame
from ui.window.settings import WindowSettings

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.gui

# The app as a seller starts it (ui.app.main), noting what is imported when the frame has
# painted and the rest of the window is about to be built.
FIRST_PAINT_IMPORTS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.app

app = QApplication([])
build_rest = ui.app.populate_window

def populate_window(window, *args, **kwargs):
    watched = {"jinja2", "babel", "tinydb", "composer.templating.loader",
               "composer.templating.cache", "composer.workspace", "ui.panes.picker",
               "ui.panes.preview", "ui.panes.field_form", "ui.window.seller_data"}
    print("imported before the first paint:", sorted(watched & set(sys.modules)))
    print("visible:", window.isVisible(), "populated:", window.populated)
    build_rest(window, *args, **kwargs)
    QTimer.singleShot(0, app.quit)

ui.app.populate_window = populate_window
code = ui.app.main(["reply-composer", "--data-dir", sys.argv[1]])
window = next(w for w in app.topLevelWidgets() if isinstance(w, ui.app.MainWindow))
assert window.previews["en"].body.toPlainText()
assert "jinja2" in sys.modules
print("ok", code)
"""


def _run(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REPLY_COMPOSER_HOME": str(data)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_the_frame_paints_before_the_templates_panes_and_engine_are_imported(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_text("[ui]\nfirstRunDone=true\n", encoding="utf-8")
    for start in ("first", "later"):  # the first fills the cache of loaded templates
        done = _run(["-c", FIRST_PAINT_IMPORTS, str(data)], data)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "imported before the first paint: []" in done.stdout, start
        assert "visible: True populated: False" in done.stdout
        assert done.stdout.strip().endswith("ok 0")
    assert (paths.cache_dir(data) / "catalog.json").is_file()
    assert not (data / "cache").exists()


def test_panes_added_to_a_shown_frame_are_laid_out_for_the_first_draft(qtbot, data_dir):
    # The app's order: the frame on screen, then the panes, then the first draft. Measured
    # before Qt laid the new panes out, a subject line wrapped at the default width and
    # pushed the bodies half-way down.
    settings = WindowSettings(data_dir)
    settings.reply_format = "email"  # the format with a subject line
    window = window_frame(settings)
    qtbot.addWidget(window)
    window.resize(1360, 820)  # the offscreen screen is 800×600: a desktop's size, as before
    window.show()
    qtbot.waitExposed(window)
    populate_window(window)
    window.open_last_scenario()
    english, chinese = window.previews["en"], window.previews["zh"]
    assert english.subject.text() and chinese.subject.text()
    line = english.subject.fontMetrics().lineSpacing()
    for pane in (english, chinese):
        assert pane.subject.isVisible()
        assert pane.subject.minimumHeight() <= 3 * line
    top = [pane.body.mapTo(window, QPoint(0, 0)).y() for pane in (english, chinese)]
    assert top[0] == top[1]
    assert top[0] < window.height() // 4


def test_a_populated_window_renders_its_first_draft_when_its_scenario_opens(qtbot, data_dir):
    window = window_frame(WindowSettings(data_dir))
    qtbot.addWidget(window)
    populate_window(window)
    body = window.findChild(QPlainTextEdit, "previewEn")
    assert window.controller.scenario is None
    assert window.controller.result is None
    assert body.toPlainText() == ""
    assert window.form.editors == {}  # the form is built with the first draft
    with qtbot.waitSignal(window.controller.rendered):
        window.open_last_scenario()
    assert window.controller.result.scenario_id == window.controller.scenario.id
    assert body.toPlainText()
    assert set(window.form.editors) == {f.name for f in window.controller.scenario.fields}


def test_work_waits_for_the_first_paint(qtbot, data_dir):
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    calls: list[bool] = []
    after_first_paint(window, lambda: calls.append(window.isVisible()))
    QApplication.processEvents()  # not shown: nothing happens (until the safety timeout)
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)


@pytest.mark.slow
def test_self_test_passes_in_one_line(tmp_path):
    done = _run(["-m", "ui", "--self-test"], tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("self-test passed: ")
    assert "main window opened" in lines[0]
    assert not (tmp_path / "home").exists()  # a temporary data folder, never the seller's


@pytest.mark.slow
def test_self_test_names_what_failed(tmp_path):
    broken = tmp_path / "team"
    broken.mkdir()
    (broken / "refund.toml").write_text(
        textwrap.dedent(
            """
            id = "refund"
            category = "after-sales"
            [title]
            en = "Refund"
            zh = "退款"
            [reply.en]
            body = "Your refund of {{ amount }} is on its way."
            [reply.zh]
            body = "退款已发出。"
            """
        ),
        encoding="utf-8",
    )
    done = _run(["-m", "ui", "--self-test", "--templates", str(broken)], tmp_path / "home")
    assert done.returncode == 1
    assert done.stdout.startswith("self-test FAILED: ")
    assert "refund.toml" in done.stdout
    assert "'amount'" in done.stdout


def test_closing_the_frame_before_the_panes_keeps_its_place_and_loses_nothing(qtbot, data_dir):
    settings = WindowSettings(data_dir)
    window = window_frame(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 500)
    assert window.close()  # before populate(): no panes, no splitters to save
    assert not window.populated
    reopened = window_frame(WindowSettings(data_dir))
    qtbot.addWidget(reopened)
    assert (reopened.width(), reopened.height()) == (700, 500)
    assert [m.title() for m in (reopened.reply_menu, reopened.help_menu)] == ["&Reply", "&Help"]
