"""``dev.py``, the README's commands from a checkout: a clear stop without a display, the
command line without activating ``.venv``, and pip only when something changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import dev


def no_install(*_args: object) -> Path:
    pytest.fail("nothing should be installed or started")


@pytest.mark.parametrize(
    ("platform", "args", "environ", "stops"),
    [
        ("linux", [], {}, True),
        ("linux", ["--data-dir", "x"], {"DISPLAY": ""}, True),
        ("linux", [], {"DISPLAY": ":0"}, False),
        ("linux", [], {"WAYLAND_DISPLAY": "wayland-0"}, False),
        ("linux", [], {"QT_QPA_PLATFORM": "offscreen"}, False),
        ("linux", ["--self-test"], {}, False),
        ("linux", ["--version"], {}, False),
        ("win32", [], {}, False),
        ("darwin", [], {}, False),
    ],
)
def test_no_display_is_only_linux_without_a_display_or_platform(
    monkeypatch, platform, args, environ, stops
):
    monkeypatch.setattr(sys, "platform", platform)
    assert (dev.no_display(args, environ) is not None) == stops


def test_start_without_a_display_stops_with_what_to_do_before_installing(monkeypatch, capsys):
    """Before: a hint, then Qt died with "xcb-cursor0 or libxcb-cursor0 is needed" (250)."""
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(dev, "install", no_install)
    monkeypatch.setattr(dev, "ensure_system_libraries", no_install)
    assert dev.start([]) == dev.NO_DISPLAY == 3
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "no display" in err and "xvfb-run -a python3 dev.py start" in err
    assert "--self-test" in err and "xcb" not in err.replace("xvfb", "")


def test_the_app_itself_says_the_same_without_a_display(monkeypatch, capsys):
    from ui import app

    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(app, "QApplication", no_install)  # Qt would abort this process
    assert app.main(["reply-composer"]) == app.NO_DISPLAY == 3
    err = capsys.readouterr().err
    assert err.startswith("reply-composer: no display") and "xvfb-run -a reply-composer" in err
    assert not app._no_display(["reply-composer", "-platform", "offscreen"])


def test_cli_runs_the_command_line_from_the_projects_environment(monkeypatch):
    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(dev, "install", lambda extra="": Path(sys.executable))
    monkeypatch.setattr(subprocess, "call", lambda command, env: calls.append((command, env)) or 0)
    monkeypatch.delenv("REPLY_COMPOSER_PROG", raising=False)
    assert dev.cli(["list", "--json"]) == 0
    ((command, env),) = calls
    assert command == [sys.executable, "-m", "composer", "list", "--json"]
    assert env["REPLY_COMPOSER_PROG"] == (
        "py -3 dev.py cli" if sys.platform == "win32" else dev.CLI
    )
    assert env["PATH"].startswith(str(Path(sys.executable).parent))


@pytest.fixture
def fake_environment(tmp_path, monkeypatch) -> list[str]:
    """``dev.install`` over a fake interpreter in tmp_path; returns the pip installs it ran."""
    interpreter = tmp_path / "venv" / "bin" / "python"
    interpreter.parent.mkdir(parents=True)
    lock = tmp_path / "requirements.lock"
    lock.write_text("jinja2==3.1.6\n", encoding="utf-8")
    monkeypatch.setattr(dev, "python", lambda: interpreter)
    monkeypatch.setattr(dev, "LOCK", lock)
    installs: list[str] = []

    def run(*command: object, env: object = None) -> None:
        if "--editable" in command:
            installs.append(str(command[-1]).removeprefix(str(dev.ROOT)))

    monkeypatch.setattr(dev, "run", run)
    return installs


def test_pip_runs_once_per_change_and_extra_whatever_the_order(fake_environment):
    installs = fake_environment
    dev.install()  # start
    dev.install()  # cli: nothing changed
    dev.install("[test]")  # test: the test tools are new
    dev.install()  # start again
    dev.install("[test]")
    assert installs == ["", "[test]"]
    dev.LOCK.write_text("jinja2==3.1.7\n", encoding="utf-8")  # `dev.py lock` moved a version
    dev.install("[test]")
    dev.install()  # [test] includes the app
    dev.install("[build]")
    assert installs == ["", "[test]", "[test]", "[build]"]


def test_the_apps_usage_errors_are_one_line_too(capsys):
    from ui import app

    with pytest.raises(SystemExit) as stop:
        app.main(["reply-composer", "--data-dir"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "reply-composer: error: argument --data-dir: expected one argument "
        "(see `reply-composer --help`)\n"
    )
