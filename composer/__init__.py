"""Reply Composer's domain: scenarios, fields, rendering and checks. Knows nothing of Qt."""

from __future__ import annotations


def version() -> str:
    """The installed version (read on demand: importlib.metadata costs ~25 ms at start-up)."""
    from importlib import metadata

    try:
        return metadata.version("reply-composer")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+source"
