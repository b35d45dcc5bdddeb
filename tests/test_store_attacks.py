"""Damaged, hostile or odd store and import files: moved aside or refused, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from composer.storage import atomic_file
from composer.storage.database import Store
from composer.storage.file_format import MAX_FILE_BYTES, StoreError
from composer.storage.history import HistoryError, HistoryStore
from composer.storage.profile import Profile
from composer.storage.profile_store import ProfileStore
from composer.storage.snippet_sharing import (
    MAX_IMPORT_BYTES,
    ImportFileError,
    import_snippets,
    read_export,
)
from composer.storage.snippets import MAX_TEXT, Snippet, SnippetError, SnippetStore

NOW = dt.datetime(2026, 3, 27, 10, 15, tzinfo=dt.UTC)
STAMP = "20260327-101500"
SNIPPETS_META = {"_meta": {"1": {"store": "snippets", "version": 1}}}


def clock() -> dt.datetime:
    return NOW


def doc(key: str, en: str = "text") -> dict[str, object]:
    return {"key": key, "title": key, "bodies": {"en": en}, "tags": []}


def write(path, tables) -> bytes:
    raw = json.dumps({**SNIPPETS_META, **tables}, ensure_ascii=False).encode()
    path.write_bytes(raw)
    return raw


@pytest.fixture
def path(data_dir):
    return data_dir / "snippets.json"


def test_an_odd_document_number_is_renumbered_and_the_original_file_kept(path):
    raw = write(path, {"snippets": {"1": doc("keepme"), "²": doc("sup"), "01": doc("deleteme")}})
    store = SnippetStore(path, clock=clock)
    (problem,) = store.problems
    assert "'²'" in str(problem) and "'01'" in str(problem) and "kept the 3 entries" in str(problem)
    assert (path.parent / f"snippets.damaged-{STAMP}.json").read_bytes() == raw
    store.remove("deleteme")  # removed the one it names, not the one that shared its number
    assert {s.key for s in SnippetStore(path).all()} == {"keepme", "sup"}
    assert SnippetStore(path).problems == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"[" * 1000 + b"]" * 1000, "nests too deeply"),
        (
            json.dumps({**SNIPPETS_META, "snippets": {"1": {"key": "a", "x": [[[[[[[]]]]]]]}}})
            .replace("[[[[[[[]]]]]]]", "[" * 990 + "]" * 990)
            .encode(),
            "nests too deeply",
        ),
    ],
)
def test_json_nested_very_deep_is_moved_aside(path, content, reason):
    path.write_bytes(content)
    store = SnippetStore(path, clock=clock)
    assert reason in str(store.problems[0]) or "cannot be used" in str(store.problems[0])
    assert (path.parent / f"snippets.damaged-{STAMP}.json").read_bytes() == content
    store.save(Snippet("sig", "Sig", {"en": "Best"}))
    assert [s.key for s in SnippetStore(path).all()] == ["sig"]


def test_a_history_record_that_does_not_fit_is_moved_aside_and_copies_still_save(data_dir, load):
    path = data_dir / "history.json"
    good = {"time": "2026-03-26T10:00:00+00:00", "scenario": "shipping-delay", "drafts": {}}
    bad = {**good, "drafts": "x"}
    meta = {"_meta": {"1": {"store": "history", "version": 1}}}
    raw = json.dumps({**meta, "records": {"1": good, "2": bad}}).encode()
    path.write_bytes(raw)
    history = HistoryStore(path, clock=clock)
    assert "records entry '2'" in str(history.problems[0])
    assert (data_dir / f"history.damaged-{STAMP}.json").read_bytes() == raw
    assert [r.id for r in history.records()] == [1]
    catalog = load().catalog
    scenario = catalog.get("shipping-delay")
    from composer.templating.render import Renderer

    result = Renderer(catalog).render_draft(scenario, scenario.examples())
    history.add(scenario, scenario.examples(), result, copied="en")
    assert len(HistoryStore(path).records()) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_pipe_in_place_of_the_store_does_not_hang_and_is_moved_aside(path):
    os.mkfifo(path)
    store = SnippetStore(path, clock=clock)
    assert "not a regular file" in str(store.problems[0])
    assert stat.S_ISFIFO((path.parent / f"snippets.damaged-{STAMP}.json").lstat().st_mode)
    store.save(Snippet("sig", "Sig", {"en": "Best"}))
    assert path.is_file()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_moved_aside_not_read(path):
    path.symlink_to("/dev/zero")
    store = SnippetStore(path, clock=clock)
    assert "not a regular file" in str(store.problems[0])
    assert (path.parent / f"snippets.damaged-{STAMP}.json").is_symlink()
    assert store.all() == []


def test_a_linked_store_is_written_through_to_its_target(path, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "team-snippets.json"
    SnippetStore(target).save(Snippet("team", "Team", {"en": "From the team"}))
    path.symlink_to(target)
    store = SnippetStore(path)
    store.save(Snippet("mine", "Mine", {"en": "Mine"}))
    assert path.is_symlink()
    assert {s.key for s in SnippetStore(target).all()} == {"team", "mine"}
    assert atomic_file.temp_files(target) == []


def test_a_file_over_the_size_limit_is_moved_aside_unread(path, monkeypatch):
    monkeypatch.setattr("composer.storage.file_format.MAX_FILE_BYTES", 1000)
    raw = write(path, {"snippets": {"1": doc("big", "x" * 2000)}})
    store = SnippetStore(path, clock=clock)
    assert "too large" in str(store.problems[0])
    assert (path.parent / f"snippets.too-large-{STAMP}.json").read_bytes() == raw


def test_a_save_that_would_pass_the_size_limit_is_refused(path, monkeypatch):
    store = SnippetStore(path)
    store.save(Snippet("small", "Small", {"en": "x"}))
    monkeypatch.setattr("composer.storage.file_format.MAX_FILE_BYTES", 2000)
    with pytest.raises(StoreError, match="past the limit"):
        store.save(Snippet("big", "Big", {"en": "y" * 3000}))
    assert [s.key for s in SnippetStore(path).all()] == ["small"]
    assert MAX_FILE_BYTES > 10 * 1024 * 1024  # 10,000 snippets fit with room to spare


def test_a_bom_is_accepted_in_a_store_as_in_an_import(path, tmp_path):
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({**SNIPPETS_META, "snippets": {}}).encode())
    store = SnippetStore(path)
    assert store.problems == []
    store.save(Snippet("sig", "Sig", {"en": "Best"}))
    assert [s.key for s in SnippetStore(path).all()] == ["sig"]
    export = tmp_path / "export.json"
    export.write_bytes(b"\xef\xbb\xbf" + json.dumps([doc("other")]).encode())
    assert [s.key for s in read_export(export)[0]] == ["other"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_saving_keeps_the_files_permissions_and_new_files_are_private(data_dir):
    path = data_dir / "snippets.json"
    store = SnippetStore(path)
    store.save(Snippet("a", "A", {"en": "a"}))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    store.save(Snippet("b", "B", {"en": "b"}))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    history = HistoryStore(data_dir / "history.json")
    history.set_keep_days(30)
    assert stat.S_IMODE((data_dir / "history.json").stat().st_mode) == 0o600


def test_an_import_with_half_an_emoji_imports_everything_and_says_where(data_dir, tmp_path):
    export = tmp_path / "from-js.json"
    entries = [doc("ok"), {**doc("emoji"), "bodies": {"en": "Thanks \ud83d!"}, "title": "\ud83d"}]
    export.write_text(json.dumps(entries), encoding="ascii")  # JSON escapes, as JS writes
    notes: list[str] = []
    snippets, invalid = read_export(export, notes)
    assert invalid == [] and len(notes) == 1 and "entry 2" in notes[0] and "2 broken" in notes[0]
    store = SnippetStore(data_dir / "snippets.json")
    import_snippets(store, snippets)
    assert SnippetStore(data_dir / "snippets.json").get("emoji").bodies["en"] == "Thanks \ufffd!"


def test_a_snippet_saved_with_half_an_emoji_is_saved_mended(data_dir):
    store = SnippetStore(data_dir / "snippets.json")
    store.save(Snippet("sig", "Sig \udc80", {"zh": "谢谢\ud83d"}))
    assert SnippetStore(data_dir / "snippets.json").get("sig").bodies == {"zh": "谢谢\ufffd"}
    profile = ProfileStore(data_dir / "profile.json")
    assert profile.save(Profile(seller_name="Li \ud83d")).seller_name == "Li \ufffd"


def test_an_import_dated_in_the_future_does_not_win_over_the_sellers_edits(data_dir, tmp_path):
    now = [NOW]
    store = SnippetStore(data_dir / "snippets.json", clock=lambda: now[0])
    store.save(Snippet("sig", "Sig", {"en": "Mine"}))
    export = tmp_path / "2099.json"
    entry = {**doc("sig", "From 2099"), "updated": "2099-01-01T00:00:00+00:00"}
    new = {**doc("new"), "updated": "2099-01-01T00:00:00+00:00"}
    export.write_text(json.dumps([entry, new]), encoding="utf-8")
    report = import_snippets(store, read_export(export)[0])
    assert report.conflicts == ["sig"] and report.updated == []
    assert set(report.future) == {"sig", "new"}
    assert store.get("sig").bodies["en"] == "Mine"
    assert store.get("new").updated == NOW  # taken, but stamped no later than now
    # Taken on purpose, it is stamped now, and the seller's next edit is newer.
    import_snippets(store, read_export(export)[0], take_theirs=True)
    assert store.get("sig").updated == NOW
    now[0] = NOW + dt.timedelta(minutes=1)
    store.save(Snippet("sig", "Sig", {"en": "Mine again"}))
    again = import_snippets(store, read_export(export)[0])
    assert again.conflicts == ["sig"] and store.get("sig").bodies["en"] == "Mine again"


def test_a_time_a_few_minutes_ahead_is_still_believed(data_dir, tmp_path):
    store = SnippetStore(data_dir / "snippets.json", clock=clock)
    store.save(Snippet("sig", "Sig", {"en": "Mine"}))
    export = tmp_path / "colleague.json"
    ahead = (NOW + dt.timedelta(minutes=2)).isoformat()
    export.write_text(json.dumps([{**doc("sig", "Theirs"), "updated": ahead}]), encoding="utf-8")
    report = import_snippets(store, read_export(export)[0])
    assert report.updated == ["sig"] and report.future == []


def test_size_limits_on_a_snippet_and_an_import_file(data_dir, tmp_path):
    store = SnippetStore(data_dir / "snippets.json")
    with pytest.raises(SnippetError, match="at most 10,000"):
        store.save(Snippet("big", "Big", {"en": "x" * (MAX_TEXT + 1)}))
    export = tmp_path / "huge.json"
    export.write_text(json.dumps([doc("big", "x" * (MAX_TEXT + 1)), doc("ok")]), encoding="utf-8")
    snippets, invalid = read_export(export)
    assert [s.key for s in snippets] == ["ok"] and "entry 1 (big)" in invalid[0]
    with export.open("wb") as out:
        out.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(ImportFileError, match="too large"):
        read_export(export)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_an_import_from_a_pipe_is_refused_without_hanging(tmp_path):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(ImportFileError, match="not a regular file"):
        read_export(pipe)


def test_a_key_that_comes_twice_in_an_import_is_reported_once(tmp_path, data_dir):
    export = tmp_path / "twice.json"
    export.write_text(json.dumps([doc("sig", "one"), doc("sig", "two")]), encoding="utf-8")
    snippets, invalid = read_export(export)
    assert [s.bodies["en"] for s in snippets] == ["one"]
    assert len(invalid) == 1 and "already entry 1" in invalid[0]
    report = import_snippets(SnippetStore(data_dir / "snippets.json"), snippets)
    assert report.added == ["sig"]


def test_keep_days_is_bounded_with_a_clear_message(data_dir):
    history = HistoryStore(data_dir / "history.json")
    with pytest.raises(HistoryError, match="1 to 3,650"):
        history.set_keep_days(1_000_000)
    path = data_dir / "history.json"
    meta = {"_meta": {"1": {"store": "history", "version": 1}}}
    path.write_text(json.dumps({**meta, "settings": {"1": {"keep_days": 1_000_000}}}), "utf-8")
    assert HistoryStore(path).keep_days == 3650
    assert HistoryStore(path).prune() == 0  # no overflow, no traceback


class Notes(Store):
    from composer.storage.file_format import Schema

    schema = Schema(name="notes", title="notes", version=1, tables=frozenset({"notes"}))


def test_a_plain_write_from_stale_data_is_refused_not_lost(data_dir):
    path = data_dir / "notes.json"
    mine, theirs = Notes(path), Notes(path)
    mine.table("notes").insert({"text": "one"})
    stale = mine.storage.read()
    theirs.table("notes").insert({"text": "two"})
    with pytest.raises(StoreError, match="changed by another copy"):
        mine.storage.write({"notes": {**stale["notes"], "9": {"text": "stale"}}})
    assert [d["text"] for d in Notes(path).table("notes").all()] == ["one", "two"]


def test_a_document_changed_in_place_by_tinydb_update_is_written(data_dir):
    path = data_dir / "notes.json"
    notes = Notes(path)
    notes.table("notes").insert_multiple([{"text": "a", "tags": ["x"]}, {"text": "b"}])
    notes.table("notes").update(lambda d: d["tags"].append("y"), doc_ids=[1])
    assert Notes(path).table("notes").get(doc_id=1)["tags"] == ["x", "y"]
