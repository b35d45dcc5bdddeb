"""The storage every store writes through: atomic, locked, and honest about bad files."""

from __future__ import annotations

import datetime as dt
import errno
import json

import pytest

from composer.storage import atomic_file
from composer.storage.database import Store
from composer.storage.file_format import Schema, StoreError
from composer.storage.snippets import Snippet, SnippetStore

FIXED = dt.datetime(2026, 3, 27, 10, 15, tzinfo=dt.UTC)


def clock() -> dt.datetime:
    return FIXED


def sig(key: str = "sig", en: str = "Best regards, Li") -> Snippet:
    return Snippet(key, "Signature", {"en": en, "zh": "此致，李"}, ["sign-off"])


@pytest.fixture
def path(data_dir):
    return data_dir / "snippets.json"


def test_a_saved_file_is_plain_json_that_tinydb_reads(path):
    from tinydb import TinyDB

    SnippetStore(path).save(sig())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["_meta"]["1"]["store"] == "snippets"
    assert data["_meta"]["1"]["version"] == 1
    assert "此致，李" in path.read_text(encoding="utf-8")  # Chinese readable, not \\u escapes
    with TinyDB(path) as plain:
        assert plain.table("snippets").all()[0]["key"] == "sig"


def test_a_change_replaces_the_file_and_leaves_no_temporary_file(path):
    store = SnippetStore(path)
    store.save(sig())
    first = path.stat().st_ino
    store.save(sig(en="Thanks, Li"))
    assert path.stat().st_ino != first  # a new file renamed over the old one
    assert atomic_file.temp_files(path) == []


def test_a_failed_write_leaves_the_old_file_whole(path, monkeypatch):
    store = SnippetStore(path)
    store.save(sig())
    before = path.read_bytes()

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "fsync", full_disk)
    with pytest.raises(StoreError, match="disk is full"):
        store.save(sig(en="changed"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert atomic_file.temp_files(path) == []
    assert store.get("sig").bodies["en"] == "Best regards, Li"  # memory follows the disk


def test_two_stores_on_one_file_keep_each_others_changes(path):
    mine, theirs = SnippetStore(path), SnippetStore(path)
    mine.save(sig())
    theirs.save(sig("sorry", "We are sorry."))
    mine.record_use("sig")
    theirs.record_use("sig")
    assert {s.key for s in mine.all()} == {"sig", "sorry"}
    assert SnippetStore(path).get("sig").use_count == 2


def test_a_change_made_elsewhere_is_seen_without_reopening(path):
    reader, writer = SnippetStore(path), SnippetStore(path)
    assert reader.search("sig") == []
    writer.save(sig())
    assert [s.key for s in reader.search("sig")] == ["sig"]


@pytest.mark.parametrize(
    ("content", "kind", "reason"),
    [
        (b'{"_meta": {"1": {"store": "snippets", "vers', "damaged", "not valid JSON"),
        (b"", "empty", "is empty"),
        (b"\xff\xfe\x00garbage", "damaged", "not UTF-8"),
        (b'{"name": "a shopping list"}', "foreign", "not a Reply Composer snippet library"),
        (b'{"_meta": {"1": {"store": "history", "version": 1}}}', "foreign", "'history'"),
    ],
)
def test_a_bad_file_is_moved_aside_reported_and_never_overwritten(path, content, kind, reason):
    path.write_bytes(content)
    store = SnippetStore(path, clock=clock)
    (problem,) = store.problems
    moved = path.with_name(f"snippets.{kind}-20260327-101500.json")
    assert problem.moved_to == moved
    assert reason in str(problem) and str(path) in str(problem) and moved.name in str(problem)
    assert moved.read_bytes() == content
    assert store.all() == []
    store.save(sig())  # the app keeps working, into a new file
    assert moved.read_bytes() == content
    assert [s.key for s in SnippetStore(path).all()] == ["sig"]


def test_a_second_bad_file_in_the_same_second_gets_its_own_name(path):
    for _ in range(2):
        path.write_bytes(b"{")
        SnippetStore(path, clock=clock)
    assert sorted(p.name for p in path.parent.glob("snippets.damaged-*")) == [
        "snippets.damaged-20260327-101500-2.json",
        "snippets.damaged-20260327-101500.json",
    ]


def test_a_file_that_goes_bad_while_the_app_runs_is_set_aside_and_the_good_copy_kept(path):
    store = SnippetStore(path, clock=clock)
    store.save(sig())
    path.write_text("{ half a file", encoding="utf-8")  # someone's editor, a sync tool...
    assert [s.key for s in store.all()] == ["sig"]
    assert store.problems and "the copy this window had was saved" in str(store.problems[0])
    assert [s.key for s in SnippetStore(path).all()] == ["sig"]
    assert (path.parent / "snippets.damaged-20260327-101500.json").exists()


def test_a_bad_file_that_cannot_be_moved_aside_is_left_alone(path, monkeypatch):
    path.write_bytes(b"{")
    monkeypatch.setattr(
        type(path), "rename", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied"))
    )
    store = SnippetStore(path)
    assert "could not be moved aside" in str(store.problems[0])
    with pytest.raises(StoreError, match="nothing will be saved"):
        store.save(sig())
    assert path.read_bytes() == b"{"


def test_a_read_only_folder_gives_a_clear_error_not_a_crash(path, monkeypatch):
    store = SnippetStore(path)

    def read_only(folder, name):
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic_file, "create_temp", read_only)
    with pytest.raises(StoreError) as raised:
        store.save(sig())
    assert "read-only" in str(raised.value) and str(path.parent) in str(raised.value)
    assert not path.exists()
    assert store.all() == []


def test_a_file_from_a_newer_version_is_left_untouched(path):
    newer = b'{"_meta": {"1": {"store": "snippets", "version": 99}}, "snippets": {}}'
    path.write_bytes(newer)
    store = SnippetStore(path)
    assert "newer Reply Composer" in str(store.problems[0])
    with pytest.raises(StoreError, match="newer"):
        store.save(sig())
    assert path.read_bytes() == newer


class Notes(Store):
    """A store at version 2 whose version 1 kept a single "text" field per note."""

    schema = Schema(
        name="notes",
        title="notes",
        version=2,
        tables=frozenset({"notes"}),
        migrations={
            1: lambda tables: {
                "notes": {
                    i: {"lines": doc["text"].splitlines()} for i, doc in tables["notes"].items()
                }
            }
        },
    )


def test_an_older_file_is_migrated_and_the_old_one_kept(data_dir):
    path = data_dir / "notes.json"
    old = {"_meta": {"1": {"store": "notes", "version": 1}}, "notes": {"1": {"text": "a\nb"}}}
    path.write_text(json.dumps(old), encoding="utf-8")
    store = Notes(path, clock=clock)
    notes = store.table("notes")
    assert notes.get(doc_id=1) == {"lines": ["a", "b"]}
    notes.insert({"lines": ["c"]})
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["_meta"]["1"]["version"] == 2
    assert saved["notes"]["1"] == {"lines": ["a", "b"]}
    kept = data_dir / "notes.v1-20260327-101500.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == old


def test_plain_tinydb_operations_are_locked_and_numbered_from_the_file(data_dir):
    path = data_dir / "notes.json"
    one, two = Notes(path).table("notes"), Notes(path).table("notes")
    assert one.insert({"lines": ["one"]}) == 1
    assert two.insert({"lines": ["two"]}) == 2  # not a stale count of its own
    assert one.insert({"lines": ["three"]}) == 3
    one.update({"lines": ["uno"]}, doc_ids=[1])
    assert [d["lines"][0] for d in Notes(path).table("notes").all()] == ["uno", "two", "three"]


def test_unchanged_documents_keep_their_bytes_and_changed_ones_are_written(path):
    store = SnippetStore(path)
    store.save_many([sig(f"k{i}", f"text {i}") for i in range(50)])
    store.save(sig("k7", "new text"))
    reopened = SnippetStore(path)
    assert reopened.get("k7").bodies["en"] == "new text"
    assert reopened.get("k8").bodies["en"] == "text 8"
    reopened.save(sig("k9", "after a reopen"))
    assert SnippetStore(path).get("k9").bodies["en"] == "after a reopen"
    assert len(SnippetStore(path)) == 50


def test_a_busy_lock_gives_a_clear_error(path):
    from filelock import FileLock

    store = SnippetStore(path, lock_timeout=0.05)
    with FileLock(f"{path}.lock"), pytest.raises(StoreError) as raised:
        store.save(sig())
    message = str(raised.value)
    assert "another copy of Reply Composer" in message and f"{path}.lock" in message
    assert "read-only" not in message
