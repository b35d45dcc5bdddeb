"""Finding the app's own files (icon, style) wherever it was installed from."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def assets_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [here / "assets", here.parent / "assets"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "assets")
    return next((c for c in candidates if (c / "icon.svg").is_file()), candidates[-1])


def app_icon() -> QIcon:
    return QIcon(str(assets_dir() / "icon.svg"))
