"""The replies the seller copied: findable by order number or buyer, reopened with their values.

Each copy saves a record: the scenario, the values, the rendered texts, when, the order number,
the buyer's name, the reply's format (chat or e-mail) and platform, and the buyer's message it
answered (when the seller pasted one). Records older than the
seller's chosen number of days are deleted when a new one is saved, and there is a ceiling on
how many are kept, so the file never grows without bound; both limits are shown where the
history is.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.table import Document

from composer.storage.database import Store
from composer.storage.file_format import Schema, nests_within
from composer.storage.text_repair import mend_json
from composer.templating.fields import Value, to_json
from composer.templating.note import note_values
from composer.templating.render import RenderResult
from composer.templating.scenario import Scenario

RECORDS = "records"
SETTINGS = "settings"
DEFAULT_KEEP_DAYS = 180
MAX_KEEP_DAYS = 3650  # ten years: what the history window offers
MAX_RECORDS = 5_000  # the newest are kept past this, whatever the number of days
_SETTINGS_ID = 1


class HistoryError(ValueError):
    """A history setting that does not fit; the message names it."""


def _texts(value: Any, optional: bool = False) -> bool:
    """True for an object of texts (or None in place of a text when ``optional``)."""
    return isinstance(value, dict) and all(
        isinstance(v, str) or (optional and v is None) for v in value.values()
    )


def _record_problem(doc: Any) -> str | None:
    """Why a stored document cannot be a history record, or None (checked on read)."""
    time = doc.get("time")
    if not isinstance(time, str) or not isinstance(doc.get("scenario"), str):
        return "a record needs a time and a scenario"
    try:
        dt.datetime.fromisoformat(time).astimezone()
    except (ValueError, OverflowError):
        return f"its time {time!r} is not a date and time"
    if not _texts(doc.get("titles") or {}):
        return "its titles must be texts"
    drafts = doc.get("drafts") or {}
    if not isinstance(drafts, dict) or not all(_texts(d, True) for d in drafts.values()):
        return "its drafts must be a subject and a body per language"
    values = doc.get("values") or {}
    if not isinstance(values, dict) or not nests_within(values, 3):
        return "its values must be an object of field values"
    for name in ("copied", "order_number", "buyer_name", "buyer_message"):
        if not isinstance(doc.get(name, ""), str | None):
            return f"its {name} must be text"
    return None


def _settings_problem(doc: Any) -> str | None:
    days = doc.get("keep_days", 0)
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        return f"keep_days must be a number of days, not {days!r}"
    return None


SCHEMA = Schema(
    name="history",
    title="reply history",
    version=1,
    tables=frozenset({RECORDS, SETTINGS}),
    documents={RECORDS: _record_problem, SETTINGS: _settings_problem},
)


@dataclass(frozen=True)
class HistoryRecord:
    """One copied reply."""

    id: int
    time: dt.datetime
    scenario_id: str
    titles: Mapping[str, str]  # the scenario's title per language, as it was then
    values: Mapping[str, Any]  # as JSON (dates as text, money as an object)
    drafts: Mapping[str, Mapping[str, str | None]]  # language -> subject, body
    copied: str = ""  # which was copied: a language code, or "all"
    order_number: str = ""
    buyer_name: str = ""
    reply_format: str = ""  # "chat" or "email"; "" in records saved before it was kept
    platform: str = ""  # the platform the checks and the template followed, as "amazon"
    buyer_message: str = ""  # the buyer's message the reply answered; "" if none was pasted

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get("en") or self.scenario_id

    def matches(self, text: str) -> bool:
        """True when ``text`` is in the order number or the buyer's name (any case)."""
        wanted = _fold(text)
        return wanted in _fold(self.order_number) or wanted in _fold(self.buyer_name)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _record(doc_id: int, doc: Mapping[str, Any]) -> HistoryRecord | None:
    try:
        time = dt.datetime.fromisoformat(doc["time"])
        if time.tzinfo is None:  # written by hand without an offset: take it as local time
            time = time.astimezone()
        return HistoryRecord(
            id=doc_id,
            time=time,
            scenario_id=str(doc["scenario"]),
            titles=dict(doc.get("titles") or {}),
            values=dict(doc.get("values") or {}),
            drafts={k: dict(v) for k, v in (doc.get("drafts") or {}).items()},
            copied=str(doc.get("copied") or ""),
            order_number=str(doc.get("order_number") or ""),
            buyer_name=str(doc.get("buyer_name") or ""),
            reply_format=str(doc.get("format") or ""),
            platform=str(doc.get("platform") or ""),
            buyer_message=str(doc.get("buyer_message") or ""),
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return None  # the storage checks documents on read; this is for one made in memory


def restore_values(record: HistoryRecord, scenario: Scenario) -> dict[str, Value]:
    """The record's values as ``scenario``'s fields take them (fields it lacks are skipped),
    and the seller's note."""
    return {
        **scenario.defaults(),
        **scenario.values_from(record.values),
        **note_values(record.values),
    }


class HistoryStore(Store):
    """The reply history in ``history.json``, newest first."""

    schema = SCHEMA

    def __init__(self, path: Path, **options: Any) -> None:
        """``options``: as for ``Store`` (the lock's timeout, the clock)."""
        super().__init__(path, **options)
        self._records = self.table(RECORDS)
        self._settings = self.table(SETTINGS)

    # --- reading ---------------------------------------------------------------------------

    def records(self, search: str = "", limit: int | None = None) -> list[HistoryRecord]:
        """Records whose order number or buyer contains ``search``, newest first."""
        raw = self.storage.read().get(RECORDS, {})
        found = [r for i, doc in raw.items() if (r := _record(int(i), doc)) is not None]
        if search.strip():
            found = [r for r in found if r.matches(search)]
        found.sort(key=lambda r: (r.time, r.id), reverse=True)
        return found[:limit]

    def get(self, record_id: int) -> HistoryRecord | None:
        doc = self.storage.read().get(RECORDS, {}).get(str(record_id))
        return _record(record_id, doc) if doc is not None else None

    def __len__(self) -> int:
        return len(self.storage.read().get(RECORDS, {}))

    @property
    def keep_days(self) -> int | None:
        """Days a record is kept; None keeps them until the seller deletes them."""
        doc = self._settings.get(doc_id=_SETTINGS_ID)
        if doc is None or "keep_days" not in doc:
            return DEFAULT_KEEP_DAYS
        days = doc["keep_days"]
        if not isinstance(days, int) or days <= 0:
            return None
        return min(days, MAX_KEEP_DAYS)  # a longer time, written by hand, is as good as ten years

    # --- changing ----------------------------------------------------------------------------

    def add(
        self,
        scenario: Scenario,
        values: Mapping[str, Value],
        result: RenderResult,
        copied: str = "",
        *,
        reply_format: str = "",
        platform: str = "",
        buyer_message: str = "",
    ) -> HistoryRecord:
        """Save what was just copied (in ``reply_format``, for ``platform``, answering
        ``buyer_message``); older records past the limits go in the same write.

        Broken characters (half an emoji) in the texts are replaced with U+FFFD.
        """
        now = self.clock().replace(microsecond=0)
        doc: dict[str, Any] = {
            "time": now.isoformat(),
            "scenario": scenario.id,
            "titles": dict(scenario.titles),
            "values": {name: to_json(value) for name, value in values.items()},
            "drafts": {
                code: {"subject": d.subject, "body": d.body}
                for code, d in result.drafts.items()
                if not d.error
            },
            "copied": copied,
            "order_number": str(values.get("order_number") or "").strip(),
            "buyer_name": str(values.get("buyer_name") or "").strip(),
            # Optional fields: a record without them (an older file) reads as "".
            "format": reply_format,
            "platform": platform,
            "buyer_message": buyer_message,
        }
        doc = mend_json(doc)[0]
        with self.transaction():
            doc_id = self._records.insert(doc)
            self.prune()
        record = _record(doc_id, doc)
        assert record is not None
        return record

    def remove(self, record_ids: Iterable[int]) -> int:
        """Delete records by id; returns how many there were."""
        return len(self._records.remove(doc_ids=list(record_ids)))

    def remove_older_than(self, days: int) -> int:
        """Delete the records older than ``days`` days; returns how many."""
        cutoff = self.clock() - dt.timedelta(days=days)
        with self.transaction():
            old = [r.id for r in self.records() if r.time < cutoff]
            return self.remove(old) if old else 0

    def set_keep_days(self, days: int | None) -> int:
        """Keep records ``days`` days (None: until deleted); returns how many were deleted.

        Raises HistoryError for a number of days that is not 1 to MAX_KEEP_DAYS.
        """
        if days is not None and (
            not isinstance(days, int) or isinstance(days, bool) or not 0 < days <= MAX_KEEP_DAYS
        ):
            raise HistoryError(
                f"keep_days: {days!r} is not a number of days from 1 to {MAX_KEEP_DAYS:,} "
                "(ten years); leave it empty to keep every reply until you delete it"
            )
        with self.transaction():
            self._settings.upsert(Document({"keep_days": days or 0}, doc_id=_SETTINGS_ID))
            return self.prune()

    def prune(self) -> int:
        """Apply the limits now; returns how many records were deleted."""
        with self.transaction():
            records = self.records()
            doomed = {r.id for r in records[MAX_RECORDS:]}
            days = self.keep_days
            if days is not None:
                cutoff = self.clock() - dt.timedelta(days=days)
                doomed.update(r.id for r in records if r.time < cutoff)
            return self.remove(doomed) if doomed else 0
