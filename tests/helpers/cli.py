"""Running the command line as a seller does: ``python -m composer`` in a new process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``python -m composer ARGS --data-dir DATA_DIR``, its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "composer", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
    )
