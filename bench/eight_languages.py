"""Eight reply languages, one keystroke: what the preview costs when the catalog has them all.

    python bench/eight_languages.py [--keys N]        (also run by ``python3 dev.py bench``)

Until the translations land, the six buyer languages beyond English and Chinese are stand-ins:
a language folder (``languages/<code>/``, as the shipped ones will be) whose replies are the
English ones, so each costs what a translation of the same length and fields costs to render.
Measured per keystroke into the scenario with the most fields: the window as it is (the buyer's
language and the Chinese rendered, shown and checked), and, without any pane, a render of all
eight languages (what one pane per language asked for before) against a render of the two shown.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAND_INS = {  # code: (Babel locale, English name, Chinese name)
    "es": ("es_ES", "Spanish", "西班牙语"),
    "fr": ("fr_FR", "French", "法语"),
    "de": ("de_DE", "German", "德语"),
    "it": ("it_IT", "Italian", "意大利语"),
    "pt": ("pt_BR", "Portuguese", "葡萄牙语"),
    "ru": ("ru_RU", "Russian", "俄语"),
}
FRAME_MS = 1000 / 60


def _toml(text: str) -> str:
    # A JSON string is a TOML basic string (the same escapes).
    return json.dumps(text, ensure_ascii=False)


def write_stand_ins(folder: Path) -> Path:
    """A template folder holding the six stand-in languages for every shipped scenario."""
    from composer import paths
    from composer.templating.loader import load_catalog

    catalog = load_catalog([paths.shipped_templates_dir()]).catalog
    partials = catalog.partials.get("en", {})
    for code, (locale, english, chinese) in STAND_INS.items():
        target = folder / "languages" / code
        target.mkdir(parents=True)
        lines = [
            "[language]",
            f'locale = "{locale}"',
            f'name = "{english}"',
            f'names = {{ en = "{english}", zh = "{chinese}" }}',
            "",
            "[partials]",
            *(f"{name} = {_toml(source)}" for name, source in partials.items()),
        ]
        (target / "language.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for scenario in catalog:
            reply = scenario.replies.get("en")
            if reply is None:
                continue
            text = ["[reply]", f"body = {_toml(reply.body)}"]
            if reply.subject is not None:
                text.append(f"subject = {_toml(reply.subject)}")
            (target / f"{scenario.id}.toml").write_text("\n".join(text) + "\n", encoding="utf-8")
    return folder


def measure(keys: int = 500) -> dict[str, Any]:
    """Type ``keys`` keys into the window over eight languages; time the renders beside it."""
    from bench.run import median, p99, printed_text_fields, qt_app, sample_typing, type_keys
    from composer import paths
    from ui.app import build_main_window

    app = qt_app()
    handled: list[float] = []
    repainted: list[float] = []
    with tempfile.TemporaryDirectory() as temp:
        folders = [paths.shipped_templates_dir(), write_stand_ins(Path(temp) / "languages")]
        window = build_main_window(Path(temp) / "data", folders)
        languages = list(window.catalog.languages)
        window.buyer_language.choose("es")
        window.show()
        app.processEvents()
        scenario = max(window.catalog, key=lambda s: len(s.fields))
        window.choose_scenario(scenario.id)
        names = printed_text_fields(window, scenario)
        name = names[0]
        editor = window.form.editors[name].focus_target()
        editor.setFocus()
        for took in type_keys(editor, sample_typing(keys)):
            handled.append(took[0])
            repainted.append(took[1])
        typed = editor.text()
        shown = list(window.controller.result.drafts)
        if shown != ["es", "zh"] or typed.strip() not in window.previews["es"].body.toPlainText():
            raise RuntimeError(f"typing did not reach the Spanish preview ({shown}): not measured")

        # The same keystrokes as renders alone, in every language and in the two shown.
        workspace = window.controller.workspace
        values = dict(window.controller.values)
        every: list[float] = []
        two: list[float] = []
        for index in range(keys):
            values[name] = typed[: index % len(typed) + 1]
            for wanted, times in ((None, every), (("es", "zh"), two)):
                started = time.perf_counter()
                workspace.compose(scenario, values, languages=wanted)
                times.append((time.perf_counter() - started) * 1000)
        window.close()
    return {
        "scenario": f"{scenario.id} ({len(scenario.fields)} fields), typing into {name}",
        "languages": languages,
        "keys": keys,
        "window: key handled, median / p99 ms": (median(handled), p99(handled)),
        "window: with the repaint and the checks, median / p99 ms": (
            median(repainted),
            p99(repainted),
        ),
        "render all 8 languages, median / p99 ms": (median(every), p99(every)),
        "render the 2 shown, median / p99 ms": (median(two), p99(two)),
        "frame at 60 Hz, ms": FRAME_MS,
    }


def main() -> int:
    keys = int(sys.argv[sys.argv.index("--keys") + 1]) if "--keys" in sys.argv else 500
    for label, value in measure(keys).items():
        if isinstance(value, tuple):
            value = " / ".join(f"{v:.2f}" for v in value)
        elif isinstance(value, float):
            value = f"{value:.2f}"
        print(f"{label}: {value}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
