"""Shared test set-up. Qt runs offscreen, set here once before any QApplication exists."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from composer import paths
from composer.templating.loader import LoadResult, load_catalog
from tests.helpers.scenarios import MINIMAL, SHIPPED


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data folder for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _no_real_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Nothing a test runs may fall back to the real user's data folder."""
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _english_interface(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Window tests start in English whatever this machine's language, and leave it so."""
    if request.node.get_closest_marker("gui") is None:
        yield
        return
    from ui import i18n

    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _no_unexpected_questions(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GUI test that reaches a yes/no question fails instead of hanging on a modal dialog.

    A test that expects the question replaces ``ui.dialogs.questions.ask`` itself.
    """
    if request.node.get_closest_marker("gui") is None:
        return

    def unexpected(parent: object, title: str, text: str) -> bool:
        pytest.fail(f"unexpected question: {title}: {text}")

    monkeypatch.setattr("ui.dialogs.questions.ask", unexpected)


@pytest.fixture
def window(qtbot: Any, data_dir: Path) -> Any:
    """The main window over a fresh data folder, built as the app builds it, not shown."""
    from ui.app import build_main_window

    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def write_template(tmp_path: Path) -> Callable[..., Path]:
    """Write a template file (dedented) into a folder under tmp_path and return its path."""

    def write(name: str, text: str, folder: str = "user") -> Path:
        target = tmp_path / folder
        target.mkdir(exist_ok=True)
        path = target / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def load() -> Callable[..., LoadResult]:
    """Load the shipped templates followed by the given folders."""

    def run(*folders: Path) -> LoadResult:
        return load_catalog([SHIPPED, *folders])

    return run


@pytest.fixture
def minimal_template() -> str:
    """A small valid scenario file that tests break in one place at a time."""
    return MINIMAL
