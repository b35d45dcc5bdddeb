"""Time a save into, and searches over, a library of 10,000 snippets (in a temporary folder).

    python scripts/snippet_timings.py [--snippets N]

Bodies are 25-40 English words and 40-80 Chinese characters, so the file is about 5.6 MB.
Prints the median and 90th percentile of 40 saves (new and changed snippets) and of repeated
searches, as typed into the panel (limit 50) and for every match.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from composer.storage.snippets import Snippet, SnippetStore

QUERIES = ["r", "re", "ref", "refu", "refund", "s0004", "dlv", "丁", "丁七", "refund 七"]


def library(count: int, seed: int = 7) -> list[Snippet]:
    rng = random.Random(seed)
    syllables = [c + v for c in "bcdfglmnprst" for v in "aeiou"]
    words = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(3000)]
    words += ["refund", "coupon", "delay", "customs", "holiday", "tracking", "parcel"]
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]
    return [
        Snippet(
            key=f"s{i:05d}",
            title=" ".join(rng.choices(words, k=rng.randint(2, 5))),
            bodies={
                "en": " ".join(rng.choices(words, k=rng.randint(25, 40))),
                "zh": "".join(rng.choices(han, k=rng.randint(40, 80))),
            },
            tags=rng.choices(words[:50], k=rng.randint(0, 2)),
        )
        for i in range(count)
    ]


def timed(action: object, times: int) -> list[float]:
    assert callable(action)
    found = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def summary(label: str, values: list[float]) -> None:
    values = sorted(values)
    p90 = values[int(len(values) * 0.9) - 1]
    print(f"{label:<34} median {statistics.median(values):6.1f} ms   p90 {p90:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=int, default=10_000)
    args = parser.parse_args()
    snippets = library(args.snippets + 40)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "snippets.json"
        store = SnippetStore(path)
        start = time.perf_counter()
        store.save_many(snippets[: args.snippets])
        bulk = (time.perf_counter() - start) * 1000
        size = path.stat().st_size / 1e6
        print(f"{args.snippets} snippets, {size:.1f} MB; save_many of all: {bulk:.0f} ms")
        extra = iter(snippets[args.snippets :])
        summary("save one new snippet", timed(lambda: store.save(next(extra)), 40))
        changed = iter(snippets[: args.snippets : args.snippets // 40])
        summary("save one changed snippet", timed(lambda: store.save(next(changed)), 40))
        reopened = SnippetStore(path)
        summary("save after reopening the file", timed(lambda: reopened.save(snippets[1]), 5))
        store.search("")  # the index is built at the first search
        typed = [t for q in QUERIES for t in timed(lambda q=q: store.search(q, 50), 7)]
        summary("search, limit 50 (each keystroke)", typed)
        every = [t for q in QUERIES for t in timed(lambda q=q: store.search(q), 3)]
        summary("search, every match", every)


if __name__ == "__main__":
    main()
