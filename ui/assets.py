"""Finding the app's own files (icon, style) wherever it was installed from."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon

ICON = "icon.png"  # made from icon.svg by scripts/make_icons.py; PNG needs no Qt plugin


def assets_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [here / "assets", here.parent / "assets"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "assets")
    return next((c for c in candidates if (c / ICON).is_file()), candidates[-1])


def app_icon() -> QIcon:
    return QIcon(str(assets_dir() / ICON))
