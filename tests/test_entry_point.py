"""End to end: the real entry points start the app against a temporary data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _log_text(path: Path, process: subprocess.Popen[str]) -> str:
    if process.poll() is not None:
        out, err = process.communicate()
        pytest.fail(f"the app exited with {process.returncode}:\n{out}\n{err}")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_python_m_ui_opens_the_window(qtbot, tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-m", "ui", "--data-dir", str(data)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log_file = data / "logs" / "reply-composer.log"
    try:
        qtbot.waitUntil(lambda: "window shown" in _log_text(log_file, process), timeout=60_000)
        log = _log_text(log_file, process)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert "scenarios" in log
    assert "ERROR" not in log


def installed(name: str) -> str | None:
    """The console script ``name`` beside this interpreter (a .venv not on PATH), else on PATH."""
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def test_the_reply_composer_command_is_installed():
    command = installed("reply-composer")
    assert command, "install the project first: pip install -e '.[test]'"
    done = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.startswith("reply-composer ")


def test_the_reply_composer_cli_command_is_installed_and_names_itself(tmp_path):
    command = installed("reply-composer-cli")
    assert command, "install the project first: pip install -e '.[test]'"
    done = subprocess.run(
        [command, "snippets", "list", "--limit", "0", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("reply-composer-cli snippets list: error: argument --limit")
