"""Real processes: killed mid-write, or writing at the same time, lose nothing acknowledged."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from composer.storage import atomic_file
from composer.storage.snippets import Snippet, SnippetStore

ROOT = Path(__file__).resolve().parent.parent

# Saves snippets k<start>, k<start+1>, ... and counts a use of "shared" after each; prints
# the number once both are on disk (the acknowledgement), until killed or done.
WRITER = """
import sys
from pathlib import Path
from composer.storage.snippets import Snippet, SnippetStore

store = SnippetStore(Path(sys.argv[1]))
start, count = int(sys.argv[2]), int(sys.argv[3])
for i in range(start, start + count):
    store.save(Snippet(f"k{i}", f"Snippet {i}", {"en": "Thank you! " * 20, "zh": "谢谢！" * 20}))
    store.record_use("shared")
    print(i, flush=True)
"""


def writer(path: Path, start: int, count: int = 100_000) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(start), str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def seed(path: Path) -> None:
    """A library of a few hundred snippets, so that each write takes a moment."""
    filler = [
        Snippet(f"seed{i}", f"Seed {i}", {"en": "x" * 300, "zh": "字" * 80}) for i in range(300)
    ]
    SnippetStore(path).save_many([*filler, Snippet("shared", "Shared", {"en": "shared"})])


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_writer_killed_at_random_moments_never_loses_an_acknowledged_write(data_dir):
    path = data_dir / "snippets.json"
    seed(path)
    moments = random.Random(20260327)
    acknowledged: list[int] = []
    uses = 0
    for round_number in range(12):
        process = writer(path, round_number * 100_000)
        assert process.stdout is not None
        first = process.stdout.readline()  # it is running and has written once
        assert first.strip(), "the writer did not start"
        time.sleep(moments.uniform(0, 0.04))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
        done = [int(line) for line in [first, *rest.splitlines()] if line.strip()]
        acknowledged += done
        uses += len(done)

        store = SnippetStore(path)  # a valid file, every acknowledged write in it
        assert store.problems == []
        assert all(f"k{i}" in store for i in done)
        # The use after the last acknowledgement may or may not have landed: never fewer.
        assert store.get("shared").use_count >= uses
        uses = store.get("shared").use_count
    final = SnippetStore(path)
    assert all(f"k{i}" in final for i in acknowledged)
    assert len(acknowledged) >= 12
    assert atomic_file.temp_files(path) == []  # what the killed writers left was tidied up


@pytest.mark.slow
@pytest.mark.parametrize(("writers", "count"), [(2, 40), (4, 15)])
def test_processes_writing_at_once_lose_nothing(data_dir, writers, count):
    path = data_dir / "snippets.json"
    seed(path)
    running = [writer(path, 1000 * n, count) for n in range(writers)]
    for process in running:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        assert len(out.split()) == count
    store = SnippetStore(path)
    keys = {s.key for s in store.all()}
    for n in range(writers):
        assert {f"k{1000 * n + i}" for i in range(count)} <= keys
    assert store.get("shared").use_count == writers * count
