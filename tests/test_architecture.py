"""The domain stays free of Qt; paths resolve without touching a real user's folder."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import composer
from composer import paths

BLOCK_QT = """
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ImportError('composer imported ' + name)

sys.meta_path.insert(0, NoQt())
import composer
for module in {modules!r}:
    importlib.import_module(module)
from composer.cli.commands import main
sys.exit(main(['render', 'shipping-delay', '--example', '--json']))
"""


@pytest.mark.slow
def test_the_domain_never_imports_qt(tmp_path):
    modules = [m.name for m in pkgutil.walk_packages(composer.__path__, "composer.")]
    modules = [m for m in modules if m != "composer.__main__"]
    assert "composer.templating.render" in modules
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_QT.format(modules=modules)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={"REPLY_COMPOSER_HOME": str(tmp_path), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert '"scenario": "shipping-delay"' in done.stdout


def test_data_folder_override_order(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.data_dir() == tmp_path / "env"
    monkeypatch.delenv(paths.HOME_ENV)
    assert "ReplyComposer" in str(paths.data_dir())


def test_template_folders_in_order(tmp_path):
    folders = paths.template_dirs(tmp_path, [tmp_path / "team"])
    assert folders[0] == paths.shipped_templates_dir()
    assert (folders[0] / "catalog.toml").is_file()
    assert folders[1:] == [tmp_path / "templates", tmp_path / "team"]


def test_modules_stay_small_enough_to_read():
    """A module says what it holds; past 400 lines it holds two things (issue 13)."""
    root = Path(composer.__file__).resolve().parent.parent
    long = {
        str(path.relative_to(root)): count
        for package in ("composer", "ui")
        for path in (root / package).rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
