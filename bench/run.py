"""Reply Composer's benchmark: start-up, typing, searching, saving and the bundle, with budgets.

    python3 dev.py bench [--runs N] [--json PATH] [--only startup,render,...]

Measures on this machine, in one run: start-up to the first shown window and to the ready
window (the restored scenario's previews rendered), and peak memory, each against a bare
PySide6 QMainWindow started the same way; the preview re-render per keystroke; the scenario
search and the snippet search per keystroke; saving a snippet into a 10,000-snippet store; the
bundle's size on disk and as tar.xz. Prints a table, writes JSON (default build/bench.json) and
exits 1 when a budget is missed, or when a measure is not available (it counts as missed).

How start-up is measured: ``bench/startup_probe.py`` starts either the bare window or the app
(``ui.app.main``) in a new process, offscreen; this process timestamps the probe's ``shown``
(first paint of the main window) and ``ready`` lines, and reads the child's peak RSS from
``wait4``. Bare and app runs alternate, so a busy machine slows both alike; the figures are
medians. Our modules run from compiled bytecode (written to ``__pycache__`` first, as an
installed wheel has it; PYTHONDONTWRITEBYTECODE only stops Python writing it), and the app
starts with the cache a seller has after the first start (a warm-up run fills the cache of
loaded templates, kept beside the data folder). For information, not budgets: the first start
(empty cache), a window with the same Qt widgets and none of the app's code (what Qt alone
costs), that window plus the libraries doing a first draft's work (what the app cannot go
below without dropping Qt, Jinja, Babel or TinyDB), and the frozen bundle (timed by its log
line). MB are 10^6 bytes.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import io
import json
import lzma
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "startup_probe.py"
SECTIONS = ("startup", "render", "search", "snippets", "bundle")
SNIPPETS = 10_000
KEYSTROKES = 500


@dataclass
class Row:
    """One line of the table: a measure, its value, the baseline or budget, and the verdict."""

    section: str
    measure: str
    value: float | None
    unit: str
    budget: float | None = None  # the value must be at most this
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Within budget (a row without a budget is information, never a miss)."""
        if self.budget is None:
            return True
        return self.value is not None and self.value <= self.budget


def missing(section: str, measure: str, unit: str, budget: float | None, why: str) -> Row:
    """A row that could not be measured: it fails its budget, never passes it quietly."""
    return Row(section, measure, None, unit, budget, f"not available ({why})")


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


# --- start-up -----------------------------------------------------------------------------


def compile_bytecode() -> None:
    """Our modules as an installed wheel or the bundle has them: compiled once, read after."""
    for package in ("composer", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def restored_scenario() -> tuple[str, int]:
    """The scenario a start restores: the shipped one with the most fields (the most work)."""
    from composer import paths
    from composer.templating.loader import load_catalog

    catalog = load_catalog([paths.shipped_templates_dir()]).catalog
    richest = max(catalog, key=lambda s: len(s.fields))
    return richest.id, len(richest.fields)


DATA_FOLDERS: list[Path] = []  # removed when the run ends


def data_folder(scenario_id: str) -> Path:
    """A fresh data folder whose settings restore ``scenario_id``."""
    folder = Path(tempfile.mkdtemp(prefix="reply-composer-bench-"))
    DATA_FOLDERS.append(folder)
    # A seller's everyday start: past the first-run welcome, back on their last scenario.
    settings = f"[draft]\nlastScenario={scenario_id}\n\n[ui]\nfirstRunDone=true\n"
    (folder / "settings.ini").write_text(settings, "utf-8")
    return folder


PROBE_TIMEOUT_S = 60


def start_once(args: list[str]) -> dict[str, float]:
    """One probe process: ms to ``shown`` and ``ready``, peak RSS in MB."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(PROBE), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        text=True,
    )
    assert process.stdout is not None
    marks: dict[str, float] = {}
    watchdog = threading.Timer(PROBE_TIMEOUT_S, process.kill)  # a start that never ends fails
    watchdog.start()
    try:
        for line in process.stdout:
            marks[line.strip()] = (time.perf_counter() - started) * 1000
    finally:
        watchdog.cancel()
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
        marks["rss"] = usage.ru_maxrss * scale / 1e6
    else:
        process.wait()
    if process.returncode != 0 or "ready" not in marks:
        raise RuntimeError(f"probe {args[0]} failed (exit {process.returncode})")
    return marks


def start_bundle_once(executable: Path, data: Path) -> dict[str, float]:
    """The frozen app, as a seller starts it: ms until its log says the first draft is shown
    (the log is polled: a few ms late at most), and its peak RSS in MB."""
    log = data / "logs" / "reply-composer.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(executable), "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    ready = None
    while ready is None and process.poll() is None and time.perf_counter() - started < 30:
        if log.exists() and "window shown" in log.read_text(encoding="utf-8", errors="replace"):
            ready = (time.perf_counter() - started) * 1000
        else:
            time.sleep(0.002)
    process.terminate()
    _pid, _status, usage = os.wait4(process.pid, 0)
    if ready is None:
        raise RuntimeError(f"{executable} did not show its window")
    return {"ready": ready, "rss": usage.ru_maxrss * 1024 / 1e6}


def bench_startup(runs: int, bundle: Path) -> list[Row]:
    compile_bytecode()
    scenario_id, field_count = restored_scenario()
    data = data_folder(scenario_id)
    app_args = ["app", str(data), scenario_id]
    first = [start_once(["app", str(data_folder(scenario_id)), scenario_id]) for _ in range(3)]
    start_once(["bare"])  # warm-up: the OS file cache, and the app's own cache
    start_once(app_args)
    executable = bundle / "ReplyComposer"
    frozen_data = data_folder(scenario_id)
    frozen_runs = executable.is_file() and sys.platform.startswith("linux")
    if frozen_runs:
        start_bundle_once(executable, frozen_data)
    bare: list[dict[str, float]] = []
    app: list[dict[str, float]] = []
    floor: list[dict[str, float]] = []
    libraries: list[dict[str, float]] = []
    fair: list[dict[str, float]] = []
    frozen: list[dict[str, float]] = []
    for _ in range(runs):
        bare.append(start_once(["bare"]))
        app.append(start_once(app_args))
        floor.append(start_once(["widgets"]))
        libraries.append(start_once(["libraries"]))
        fair.append(start_once(["floor"]))
        if frozen_runs:
            frozen.append(start_bundle_once(executable, frozen_data))

    def stat(samples: list[dict[str, float]], key: str) -> float:
        return median([s[key] for s in samples])

    how = f"median of {runs}, offscreen, restoring {scenario_id} ({field_count} fields)"
    rows = []
    for key, label, budget in (("shown", "first window", 1.3), ("ready", "ready window", 1.6)):
        ratio = stat(app, key) / stat(bare, key)
        rows.append(
            Row(
                "startup",
                f"start to {label}: app / bare",
                round(ratio, 2),
                "x",
                budget,
                f"app {stat(app, key):.0f} ms, bare {stat(bare, key):.0f} ms; {how}",
                {"app_ms": [s[key] for s in app], "bare_ms": [s[key] for s in bare]},
            )
        )
    if all("rss" in s for s in app + bare):
        ratio = stat(app, "rss") / stat(bare, "rss")
        rows.append(
            Row(
                "startup",
                "peak memory: app / bare",
                round(ratio, 2),
                "x",
                1.3,
                f"app {stat(app, 'rss'):.1f} MB, bare {stat(bare, 'rss'):.1f} MB peak RSS",
                {"app_mb": [s["rss"] for s in app], "bare_mb": [s["rss"] for s in bare]},
            )
        )
    else:
        rows.append(missing("startup", "peak memory: app / bare", "x", 1.3, "no wait4 here"))
    rows += fair_floor_rows(app, fair, how)
    rows.append(
        Row(
            "startup",
            "same widgets, no app code: first window / bare",
            round(stat(floor, "shown") / stat(bare, "shown"), 2),
            "x",
            note=f"{stat(floor, 'shown'):.0f} ms: what Qt alone costs to paint this window",
            detail={"ms": [s["shown"] for s in floor]},
        )
    )
    rows.append(
        Row(
            "startup",
            "same widgets and libraries, no app code: ready / bare",
            round(stat(libraries, "ready") / stat(bare, "ready"), 2),
            "x",
            note=f"{stat(libraries, 'ready'):.0f} ms: the window, then Jinja, Babel and TinyDB"
            " doing a first draft's work (startup_probe.first_draft_libraries)",
            detail={"ms": [s["ready"] for s in libraries]},
        )
    )
    if all("rss" in s for s in floor + libraries):
        for samples, what in ((floor, "same widgets"), (libraries, "same widgets and libraries")):
            rows.append(
                Row(
                    "startup",
                    f"{what}, no app code: peak memory / bare",
                    round(stat(samples, "rss") / stat(bare, "rss"), 2),
                    "x",
                    note=f"{stat(samples, 'rss'):.1f} MB peak RSS",
                    detail={"mb": [s["rss"] for s in samples]},
                )
            )
    if frozen:
        rows.append(
            Row(
                "startup",
                "bundle: start to ready / bare",
                round(stat(frozen, "ready") / stat(bare, "ready"), 2),
                "x",
                note=(
                    f"{stat(frozen, 'ready'):.0f} ms, {stat(frozen, 'rss'):.1f} MB"
                    f" ({stat(frozen, 'rss') / stat(bare, 'rss'):.2f}x memory): the frozen app"
                    " a seller runs, timed by its log line (ready, not first paint)"
                ),
                detail={"ms": [s["ready"] for s in frozen], "mb": [s["rss"] for s in frozen]},
            )
        )
    rows.append(
        Row(
            "startup",
            "first start (empty cache): ready",
            round(median([s["ready"] for s in first]), 0),
            "ms",
            note=f"median of {len(first)}; loads the templates, then caches them",
        )
    )
    return rows


FAIR_READY_BUDGET = 1.25
FAIR_MEMORY_BUDGET = 1.10


def fair_floor_rows(
    app: list[dict[str, float]], fair: list[dict[str, float]], how: str
) -> list[Row]:
    """The app against the fair floor of issue 13 (startup_probe ``floor``): a window with a
    scenario list, a 10-row form and two text panes, then Jinja's sandbox rendering, Babel
    formatting a date and an amount in en_US and zh_CN, TinyDB opening a store."""
    ready = median([s["ready"] for s in app]) / median([s["ready"] for s in fair])
    rows = [
        Row(
            "startup",
            "start to ready window: app / fair floor",
            round(ready, 2),
            "x",
            FAIR_READY_BUDGET,
            f"app {median([s['ready'] for s in app]):.0f} ms, floor "
            f"{median([s['ready'] for s in fair]):.0f} ms; {how}",
            {"floor_ms": [s["ready"] for s in fair]},
        )
    ]
    if all("rss" in s for s in app + fair):
        app_mb, fair_mb = median([s["rss"] for s in app]), median([s["rss"] for s in fair])
        rows.append(
            Row(
                "startup",
                "peak memory: app / fair floor",
                round(app_mb / fair_mb, 2),
                "x",
                FAIR_MEMORY_BUDGET,
                f"app {app_mb:.1f} MB, floor {fair_mb:.1f} MB peak RSS",
                {"floor_mb": [s["rss"] for s in fair]},
            )
        )
    else:
        rows.append(missing("startup", "peak memory: app / fair floor", "x", 1.1, "no wait4"))
    return rows


# --- in the window: typing and searching ----------------------------------------------------


def qt_app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def type_keys(widget: Any, text: str, repaint: bool = True) -> Iterator[tuple[float, float]]:
    """Type ``text`` into ``widget`` one key at a time, as Qt delivers real keys. For each key,
    yield the ms until the key was handled (everything it does synchronously: for a field,
    the render and both previews updated) and until the window was repainted as well."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for char in text:
        key = Qt.Key.Key_Backspace if char == "\b" else Qt.Key.Key_unknown
        typed = "" if char == "\b" else char
        started = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed)
            QCoreApplication.sendEvent(widget, event)
        handled = time.perf_counter()
        if repaint:
            QCoreApplication.processEvents()
        done = time.perf_counter()
        yield (handled - started) * 1000, (done - started) * 1000


def sample_typing(count: int, seed: int = 6) -> str:
    """What a seller types into a free-text field: words, a space, now and then a correction."""
    words = ["the", "parcel", "left", "our", "warehouse", "today", "and", "should", "arrive"]
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        out.extend(rng.choice(words) + " ")
        if rng.random() < 0.2:
            out.extend("\b\b")
    return "".join(out)[:count].rstrip("\b")


def printed_text_fields(window: Any, scenario: Any) -> list[str]:
    """The scenario's free-text fields whose value every language's reply prints."""
    from composer.templating.fields import FieldType

    renderer = window.controller.workspace.renderer
    names = []
    for declared in scenario.fields:
        if declared.type not in (FieldType.TEXT, FieldType.LONG_TEXT):
            continue
        values = {**scenario.defaults(), declared.name: "Zq9"}
        drafts = renderer.render_draft(scenario, values).drafts.values()
        if all("Zq9" in d.body for d in drafts):
            names.append(declared.name)
    return names


def bench_render() -> list[Row]:
    from PySide6.QtWidgets import QLineEdit

    from ui.app import build_main_window

    app = qt_app()
    handled: list[float] = []
    repainted: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        window = build_main_window(folder)
        window.show()
        app.processEvents()
        scenario = max(window.catalog, key=lambda s: len(s.fields))
        window.choose_scenario(scenario.id)
        names = printed_text_fields(window, scenario)
        if not names:
            raise RuntimeError(f"{scenario.id} prints no free-text field: nothing to type into")
        for number, name in enumerate(names):
            editor = window.form.editors[name].focus_target()
            editor.setFocus()
            share = KEYSTROKES // len(names) + (number < KEYSTROKES % len(names))
            for took in type_keys(editor, sample_typing(share, seed=number)):
                handled.append(took[0])
                repainted.append(took[1])
            typed = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            for code, pane in window.previews.items():
                if typed.strip() not in pane.body.toPlainText():
                    raise RuntimeError(f"{name} did not reach the {code} preview: not measured")
        window.close()
    where = (
        f"{len(handled)} keys into {scenario.id} ({len(scenario.fields)} fields), spread over the"
        f" {len(names)} free-text fields the reply prints"
    )
    note = f"key event to both previews updated; {where}"
    paint = "the same keys, until the window is repainted too"
    return [
        Row("render", "preview per keystroke: median", round(median(handled), 2), "ms", 2, note),
        Row("render", "preview per keystroke: p99", round(p99(handled), 2), "ms", 8, note),
        Row("render", "… with the repaint: median", round(median(repainted), 2), "ms", note=paint),
        Row("render", "… with the repaint: p99", round(p99(repainted), 2), "ms", note=paint),
        *bench_eight_languages(),
    ]


def bench_eight_languages() -> list[Row]:
    """The same typing with eight reply languages in the catalog (bench/eight_languages.py)."""
    from bench.eight_languages import measure

    found = measure(KEYSTROKES)
    window = found["window: key handled, median / p99 ms"]
    every = found["render all 8 languages, median / p99 ms"]
    two = found["render the 2 shown, median / p99 ms"]
    note = f"8 languages (6 stand-ins), Spanish beside the Chinese; {found['scenario']}"
    return [
        Row(
            "render",
            "8 languages: preview per keystroke, median",
            round(window[0], 2),
            "ms",
            2,
            note,
        ),
        Row(
            "render", "8 languages: preview per keystroke, p99", round(window[1], 2), "ms", 8, note
        ),
        Row("render", "8 languages: render all 8, median", round(every[0], 2), "ms", note=note),
        Row("render", "8 languages: render the 2 shown, median", round(two[0], 2), "ms", note=note),
    ]


def bench_scenario_search() -> list[Row]:
    from ui.app import build_main_window

    app = qt_app()
    queries = ["delay", "address", "unpaid", "催付", "改地址", "refund", "xyz"]
    times: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        window = build_main_window(folder)
        window.show()
        app.processEvents()
        search = window.picker.search
        for query in queries:
            search.clear()
            app.processEvents()
            search.setFocus()
            times.extend(took[1] for took in type_keys(search, query))
        count = len(window.catalog)
        window.close()
    note = f"picker filter, key event to list repainted; {len(times)} keys over {count} scenarios"
    return [Row("search", "scenario search per keystroke", round(median(times), 2), "ms", 15, note)]


# --- snippets -------------------------------------------------------------------------------


def make_snippets(
    snippet_class: Any, count: int, rng: random.Random, prefix: str = ""
) -> list[Any]:
    """Bilingual snippets such as sellers keep: signatures, apologies, coupons, holidays."""
    topics = [
        ("apology", "Apology", "We are sorry for the delay.", "很抱歉耽误了您的时间。"),
        ("coupon", "Coupon offer", "Here is a coupon for your next order.", "送您一张优惠券。"),
        ("holiday", "Holiday notice", "Our team is off for the holiday.", "我们放假期间暂停发货。"),
        ("signature", "Signature", "Best regards, the shop team", "祝好，店铺团队"),
        ("tracking", "Tracking link", "You can track the parcel here.", "您可以在此查询物流。"),
        ("refund", "Refund sent", "Your refund has been issued.", "退款已发出。"),
    ]
    snippets = []
    for number in range(count):
        key, title, english, chinese = rng.choice(topics)
        snippets.append(
            snippet_class(
                key=f"{prefix}{key}-{number:05d}",
                title=f"{title} {number}",
                bodies={"en": f"{english} (#{number})", "zh": f"{chinese}（{number}号）"},
                tags=[key, rng.choice(["aliexpress", "amazon", "ebay", "shopify"])],
            )
        )
    return snippets


def bench_snippets() -> list[Row]:
    search_name, save_name = "snippet search per keystroke", "save one snippet"
    why = f"composer.storage.snippets missing; {SNIPPETS:,} snippets"
    try:
        from composer.storage.snippets import Snippet, SnippetStore
    except ImportError:
        return [
            missing("snippets", search_name, "ms", 15, why),
            missing("snippets", save_name, "ms", 50, why),
        ]
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as folder:
        from ui.snippets.model import SHOWN_AT_MOST

        store = SnippetStore(Path(folder) / "snippets.json")
        store.save_many(make_snippets(Snippet, SNIPPETS, rng))
        searches: list[float] = []
        for query in ("coupon", "refund", "退款", "amazon", "holiday 12"):
            for end in range(1, len(query) + 1):
                started = time.perf_counter()
                # As the snippet panel asks on each keystroke: the best matches it lists.
                found = store.search(query[:end], SHOWN_AT_MOST)
                searches.append((time.perf_counter() - started) * 1000)
        if not store.search("coupon"):
            raise RuntimeError("the snippet search finds nothing: nothing was measured")
        saves: list[float] = []
        for extra in make_snippets(Snippet, 20, rng, prefix="new-"):
            started = time.perf_counter()
            store.save(extra)
            saves.append((time.perf_counter() - started) * 1000)
        del found
    return [
        Row(
            "snippets",
            search_name,
            round(median(searches), 2),
            "ms",
            15,
            f"SnippetStore.search over {SNIPPETS:,} snippets, best {SHOWN_AT_MOST} as the panel"
            f" lists them, {len(searches)} prefixes",
        ),
        Row(
            "snippets",
            save_name,
            round(median(saves), 2),
            "ms",
            50,
            f"SnippetStore.save into {SNIPPETS:,} snippets, median of {len(saves)}",
        ),
    ]


# --- the bundle -----------------------------------------------------------------------------


class _Counter(io.RawIOBase):
    """A write-only stream that only counts what it is given."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)


def tar_xz_size(folder: Path) -> int:
    """The folder as a .tar.xz (xz's default level, 6), counted without writing it."""
    counter = _Counter()
    with (
        lzma.LZMAFile(counter, "wb", preset=6) as packed,
        tarfile.open(fileobj=packed, mode="w|") as archive,
    ):
        archive.add(folder, arcname=folder.name)
    return counter.size


def bench_bundle(folder: Path) -> list[Row]:
    names = ("bundle on disk (onedir)", "bundle as tar.xz")
    if not folder.is_dir():
        why = f"no {folder}: run `python3 dev.py bundle` first"
        return [
            missing("bundle", names[0], "MB", 115, why),
            missing("bundle", names[1], "MB", 35, why),
        ]
    files = [p for p in folder.rglob("*") if p.is_file() or p.is_symlink()]
    on_disk = sum(p.lstat().st_size for p in files) / 1e6
    packed = tar_xz_size(folder) / 1e6
    note = (
        f"{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}, {len(files)} files"
    )
    return [
        Row("bundle", names[0], round(on_disk, 1), "MB", 115, note),
        Row("bundle", names[1], round(packed, 1), "MB", 35, "xz -6; MB = 10^6 bytes"),
    ]


# --- report ---------------------------------------------------------------------------------


def verdict(row: Row) -> str:
    if row.budget is None:
        return "info"
    return "ok" if row.passed else "MISSED"


def print_table(rows: list[Row]) -> None:
    header = ("measure", "value", "budget", "result", "how")
    lines = []
    for row in rows:
        value = "n/a" if row.value is None else f"{row.value:g} {row.unit}"
        budget = "" if row.budget is None else f"<= {row.budget:g} {row.unit}"
        lines.append((row.measure, value, budget, verdict(row), row.note))
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(4)]
    for line in [header, *lines]:
        cells = [str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)]
        print("  ".join([*cells, line[4]]).rstrip())


def machine() -> dict[str, Any]:
    from PySide6 import __version__ as pyside

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "pyside6": pyside,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": load,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="start-ups of each kind (>= 10)")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ReplyComposer")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, comma-separated")
    args = parser.parse_args(argv)
    wanted = [s for s in args.only.split(",") if s]
    unknown = set(wanted) - set(SECTIONS)
    if unknown or args.runs < 10:
        parser.error(f"--only takes {', '.join(SECTIONS)}; --runs at least 10")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: dict[str, Callable[[], list[Row]]] = {
        "startup": lambda: bench_startup(args.runs, args.bundle),
        "render": bench_render,
        "search": bench_scenario_search,
        "snippets": bench_snippets,
        "bundle": lambda: bench_bundle(args.bundle),
    }
    rows: list[Row] = []
    try:
        for section in wanted:
            print(f"bench: {section}...", file=sys.stderr, flush=True)
            rows.extend(steps[section]())
    finally:
        for folder in DATA_FOLDERS:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(folder.parent / f"{folder.name}.cache", ignore_errors=True)
    print_table(rows)
    report = {"machine": machine(), "rows": [{**asdict(r), "result": verdict(r)} for r in rows]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    budgeted = [r for r in rows if r.budget is not None]
    missed = [r.measure for r in budgeted if not r.passed]
    print(f"\n{len(budgeted) - len(missed)} of {len(budgeted)} within budget; JSON in {args.json}")
    if missed:
        print("missed: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
