"""Package build step: compile the interface's translations (.po -> .mo) into the wheel."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        sys.path.insert(0, str(root / "scripts"))
        try:
            from translations import compile_catalogs
        finally:
            sys.path.pop(0)
        for mo in compile_catalogs(root):
            # An editable install finds the .mo in the source tree; a wheel carries it.
            if version != "editable":
                build_data["force_include"][str(mo)] = str(mo.relative_to(root))
