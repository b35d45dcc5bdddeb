"""Where the profile is kept: ``profile.json`` in the data folder (TinyDB, crash-safe).

Apart from ``composer.storage.profile`` so that the profile's schema can be used (prefilling a
scenario's fields) without loading TinyDB.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from tinydb.table import Document

from composer.storage.database import Store
from composer.storage.file_format import Schema
from composer.storage.profile import Profile, checked, from_json

TABLE = "profile"
_DOC_ID = 1


def _problem(doc: Any) -> str | None:
    """Why a stored document cannot be the profile, or None (checked on read)."""
    if not all(isinstance(v, str | int | float | bool | None) for v in doc.values()):
        return "its values must be texts"
    return None


SCHEMA = Schema(
    name="profile",
    title="profile",
    version=1,
    tables=frozenset({TABLE}),
    documents={TABLE: _problem},
)


class ProfileStore(Store):
    """The profile in ``profile.json``."""

    schema = SCHEMA

    def __init__(self, path: Path, **options: Any) -> None:
        """``options``: as for ``Store`` (the lock's timeout, the clock)."""
        super().__init__(path, **options)
        self._table = self.table(TABLE)

    def load(self) -> Profile:
        """The saved profile, or the defaults."""
        return from_json(self._table.get(doc_id=_DOC_ID))

    def save(self, profile: Profile) -> Profile:
        """Save ``profile`` (tidied, which is returned); on disk when this returns."""
        profile = checked(profile)
        self._table.upsert(Document(asdict(profile), doc_id=_DOC_ID))
        return profile
