"""Opening fast: the window shows before the template engine loads, then the first draft
follows; and ``--self-test`` checks a whole installation in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from ui.app import after_first_paint, build_main_window

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.gui

FIRST_PAINT_IMPORTS = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.app import build_main_window
window = build_main_window(sys.argv[1], hold_first_draft=True)
window.show()
app.processEvents()
early = sorted({m.split(".")[0] for m in sys.modules} & {"jinja2", "babel", "tinydb"})
print("imported before the first draft:", early)
assert window.controller.result is None
window.controller.release()
assert "jinja2" in sys.modules
assert window.previews["en"].body.toPlainText()
print("ok")
"""


def _run(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REPLY_COMPOSER_HOME": str(data)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_window_shows_before_jinja_and_babel_are_imported(tmp_path):
    data = tmp_path / "data"
    first = _run(["-c", FIRST_PAINT_IMPORTS, str(data)], data)
    assert first.returncode == 0, first.stdout + first.stderr
    # The first start loads the templates with Jinja, and leaves the catalog in the cache...
    assert "'jinja2'" in first.stdout
    assert (data / "cache" / "catalog.pickle").is_file()
    # ...so every later start shows the window before importing Jinja or Babel.
    later = _run(["-c", FIRST_PAINT_IMPORTS, str(data)], data)
    assert later.returncode == 0, later.stdout + later.stderr
    assert "imported before the first draft: []" in later.stdout
    assert later.stdout.strip().endswith("ok")


def test_a_held_window_renders_its_first_draft_on_release(qtbot, data_dir):
    window = build_main_window(data_dir, hold_first_draft=True)
    qtbot.addWidget(window)
    body = window.findChild(QPlainTextEdit, "previewEn")
    assert window.controller.scenario is not None
    assert window.controller.result is None
    assert body.toPlainText() == ""
    assert window.form.editors == {}  # the form is built after the first paint too
    with qtbot.waitSignal(window.controller.rendered):
        window.controller.release()
    assert window.controller.result.scenario_id == window.controller.scenario.id
    assert body.toPlainText()
    assert set(window.form.editors) == {f.name for f in window.controller.scenario.fields}
    window.controller.release()  # a second release renders nothing new
    assert window.controller.result is not None


def test_work_waits_for_the_first_paint(qtbot, data_dir):
    window = build_main_window(data_dir, hold_first_draft=True)
    qtbot.addWidget(window)
    calls: list[bool] = []
    after_first_paint(window, lambda: calls.append(window.isVisible()))
    QApplication.processEvents()  # not shown: nothing happens (until the safety timeout)
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)


def test_self_test_passes_in_one_line(tmp_path):
    done = _run(["-m", "ui", "--self-test"], tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("self-test passed: ")
    assert "main window opened" in lines[0]
    assert not (tmp_path / "home").exists()  # a temporary data folder, never the seller's


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
