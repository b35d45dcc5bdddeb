"""What the app keeps between runs so it opens fast: the loaded catalog, as plain JSON.

It lives in the cache folder (``composer.paths.cache_dir``), never in the data folder, and holds
nothing that runs: reading it back builds plain values (texts, numbers, dates) and nothing else,
so a planted or damaged file is at worst a cache miss. (Pickle and Jinja's marshalled bytecode
cache ran code from the file they read; neither is used any more, and the ``cache`` folder
older versions kept in the data folder is never read.)

Loading the catalog parses every template file with Jinja (about 100 ms with Jinja's import,
see ``bench/cache_savings.py``); a start whose template files are unchanged reads the catalog
back (about 16 ms), so the window can show before Jinja is imported. The entry records a digest
of exactly what it was made from and is rebuilt when any of it changed, so deleting the folder
is always safe. Importing this module does not import Jinja.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from composer import paths
from composer.templating.fields import Field, FieldType, Money, Option, Value
from composer.templating.scenario import (
    MESSAGE_KINDS,
    AdvisorLink,
    Catalog,
    Category,
    Language,
    LoadResult,
    Reply,
    Scenario,
    TemplateProblem,
)

CATALOG_FILE = "catalog.json"
FORMAT = 5  # bumped when the layout below changes


def load_catalog_cached(
    folders: Iterable[Path], data_dir: Path, cache_dir: Path | None = None
) -> LoadResult:
    """``composer.templating.loader.load_catalog(folders)``, read back from the cache when
    still valid.

    Valid means: the same folders holding the same template files, byte for byte, loaded by
    the same program. Anything else (or a cache that cannot be read) loads the files again and
    rewrites the cache; a cache that cannot be written is skipped. The cache folder is
    ``cache_dir``, by default the one that goes with ``data_dir``.
    """
    folders = [Path(f) for f in folders]
    key = _catalog_key(folders)
    path = (cache_dir or paths.cache_dir(data_dir)) / CATALOG_FILE
    cached = _read(path, key)
    if cached is not None:
        return cached
    from composer.templating.loader import (
        load_catalog,  # imports Jinja: only when the files changed
    )

    result = load_catalog(folders)
    _write(path, key, result)
    return result


def _catalog_key(folders: list[Path]) -> str:
    """A digest of everything a loaded catalog depends on: the program, then each file."""
    digest = hashlib.sha256(repr(_program_stamp()).encode("utf-8"))
    for folder in folders:
        digest.update(f"\0folder\0{folder}\0{folder.is_dir()}\0{folder.exists()}".encode())
        if not folder.is_dir():
            continue
        for file in sorted([*folder.glob("*.toml"), *folder.glob("languages/*/*.toml")]):
            digest.update(f"\0file\0{file}\0".encode())
            try:
                with file.open("rb") as stream:
                    for block in iter(lambda s=stream: s.read(1 << 20), b""):  # type: ignore[misc]
                        digest.update(block)
            except OSError as exc:
                digest.update(repr(exc).encode("utf-8", "replace"))
    return digest.hexdigest()


def _program_stamp() -> tuple[Any, ...]:
    """Changes whenever the code that loads templates may have changed."""
    if getattr(sys, "frozen", False):  # a bundle: a rebuild rewrites the executable
        files = [Path(sys.executable)]
    else:
        here = Path(__file__).resolve().parent
        files = sorted(here.rglob("*.py"))  # composer.triage checks the [triage] tables
        jinja = find_spec("jinja2")  # finds it without importing it
        if jinja is not None and jinja.origin:
            files.append(Path(jinja.origin))
    stamps: list[tuple[str, int, int]] = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        stamps.append((file.name, info.st_mtime_ns, info.st_size))
    return (FORMAT, sys.version, tuple(stamps))


def _read(path: Path, key: str) -> LoadResult | None:
    try:
        with path.open("rb") as stream:
            stored = json.load(stream)
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        return decode(stored["result"])
    except Exception:  # any unreadable, planted or damaged cache is only a cache miss
        return None


def _write(path: Path, key: str, result: LoadResult) -> None:
    """Write atomically, so a crash or a second app never leaves half a file."""
    from composer.storage.atomic_file import write_atomically  # only when the cache is rewritten

    try:
        text = json.dumps({"key": key, "result": encode(result)}, ensure_ascii=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, [text.encode("utf-8", "surrogatepass")])
    except (OSError, ValueError, TypeError):
        pass  # a cache that cannot be written only means the next start loads the files


# --- the catalog as plain JSON ------------------------------------------------------------


def encode(result: LoadResult) -> dict[str, Any]:
    """``result`` as JSON values: texts, numbers, lists and tables only."""
    catalog = result.catalog
    return {
        "languages": [
            {**vars(language), "names": dict(language.names)}
            for language in catalog.languages.values()
        ],
        "categories": [
            {"id": c.id, "titles": dict(c.titles), "order": c.order}
            for c in catalog.categories.values()
        ],
        "partials": catalog.partials,
        "folder_languages": sorted(catalog.folder_languages),
        "common_fields": [_encode_field(f) for f in catalog.common_fields.values()],
        "scenarios": [_encode_scenario(s) for s in catalog.scenarios.values()],
        "problems": [
            {"path": str(p.path), "line": p.line, "message": p.message, "severity": p.severity}
            for p in result.problems
        ],
    }


def decode(data: Mapping[str, Any]) -> LoadResult:
    """The ``LoadResult`` that ``encode`` gave ``data``; raises on anything else."""
    catalog = Catalog()
    for spec in _list(data["languages"]):
        spec = _dict(spec)
        names = _texts(spec.pop("names", {}))
        language = Language(**{k: _str(v) for k, v in spec.items()}, names=names)
        catalog.languages[language.code] = language
    for spec in _list(data["categories"]):
        category = Category(_str(spec["id"]), _texts(spec["titles"]), _int(spec["order"]))
        catalog.categories[category.id] = category
    catalog.folder_languages = {_str(code) for code in _list(data["folder_languages"])}
    for code, named in _dict(data["partials"]).items():
        catalog.partials[_str(code)] = _texts(named)
    for spec in _list(data["common_fields"]):
        field = _decode_field(spec)
        catalog.common_fields[field.name] = field
    for spec in _list(data["scenarios"]):
        scenario = _decode_scenario(spec)
        catalog.scenarios[scenario.id] = scenario
    problems = [
        TemplateProblem(
            Path(_str(p["path"])), _int(p["line"]), _str(p["message"]), _str(p["severity"])
        )
        for p in _list(data["problems"])
    ]
    return LoadResult(catalog, problems)


def _encode_value(value: Value) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Money):
        return ["money", str(value.amount), value.currency]
    if isinstance(value, Decimal):
        return ["number", str(value)]
    if isinstance(value, dt.date):
        return ["date", value.isoformat()]
    return ["text", value]


def _decode_value(raw: Any) -> Value:
    if raw is None or isinstance(raw, bool):
        return raw
    kind, *rest = _list(raw)
    if kind == "money":
        return Money(Decimal(_str(rest[0])), _str(rest[1]))
    if kind == "number":
        return Decimal(_str(rest[0]))
    if kind == "date":
        return dt.date.fromisoformat(_str(rest[0]))
    if kind == "text":
        return _str(rest[0])
    raise ValueError(f"unknown value kind {kind!r}")


def _encode_field(f: Field) -> dict[str, Any]:
    return {
        "name": f.name,
        "type": f.type.value,
        "labels": dict(f.labels),
        "required": f.required,
        "default": _encode_value(f.default),
        "example": _encode_value(f.example),
        "help": dict(f.help),
        "options": [{"key": o.key, "labels": dict(o.labels)} for o in f.options],
        "currency": f.currency,
    }


def _decode_field(spec: Any) -> Field:
    spec = _dict(spec)
    return Field(
        name=_str(spec["name"]),
        type=FieldType(spec["type"]),
        labels=_texts(spec["labels"]),
        required=_bool(spec["required"]),
        default=_decode_value(spec["default"]),
        example=_decode_value(spec["example"]),
        help=_texts(spec["help"]),
        options=tuple(Option(_str(o["key"]), _texts(o["labels"])) for o in _list(spec["options"])),
        currency=_str(spec["currency"]),
    )


def _encode_scenario(s: Scenario) -> dict[str, Any]:
    advisor = s.advisor
    return {
        "id": s.id,
        "category": s.category,
        "titles": dict(s.titles),
        "fields": [_encode_field(f) for f in s.fields],
        "replies": {
            code: {**vars(reply), "source": None if reply.source is None else str(reply.source)}
            for code, reply in s.replies.items()
        },
        "guidance": dict(s.guidance),
        "keywords": list(s.keywords),
        "source": None if s.source is None else str(s.source),
        "advisor": None
        if advisor is None
        else {
            "field_name": advisor.field_name,
            "options": dict(advisor.options),
            "problem": advisor.problem,
            "refund_field": advisor.refund_field,
            "inputs": dict(advisor.inputs),
        },
        "third_party": list(s.third_party),
        "kind": s.kind,
        "triage": {code: list(phrases) for code, phrases in s.triage.items()},
    }


def _decode_scenario(spec: Any) -> Scenario:
    spec = _dict(spec)
    advisor = spec["advisor"]
    replies = {}
    for code, reply in _dict(spec["replies"]).items():
        reply = _dict(reply)
        replies[_str(code)] = Reply(
            body=_str(reply["body"]),
            subject=_optional_str(reply["subject"]),
            body_line=_int(reply["body_line"]),
            subject_line=_int(reply["subject_line"]),
            source=None if reply["source"] is None else Path(_str(reply["source"])),
        )
    return Scenario(
        id=_str(spec["id"]),
        category=_str(spec["category"]),
        titles=_texts(spec["titles"]),
        fields=tuple(_decode_field(f) for f in _list(spec["fields"])),
        replies=replies,
        guidance=_texts(spec["guidance"]),
        keywords=tuple(_str(k) for k in _list(spec["keywords"])),
        source=None if spec["source"] is None else Path(_str(spec["source"])),
        advisor=None
        if advisor is None
        else AdvisorLink(
            field_name=_str(advisor["field_name"]),
            options=_texts(advisor["options"]),
            problem=_optional_str(advisor["problem"]),
            refund_field=_optional_str(advisor["refund_field"]),
            inputs=_texts(advisor["inputs"]),
        ),
        third_party=tuple(_str(n) for n in _list(spec["third_party"])),
        kind=_kind(spec["kind"]),
        triage={
            _str(code): tuple(_str(p) for p in _list(phrases))
            for code, phrases in _dict(spec["triage"]).items()
        },
    )


def _kind(value: Any) -> str:
    if value not in MESSAGE_KINDS:
        raise ValueError("not a kind of message")
    return str(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not a whole number")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("not true or false")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("not a table")
    return value


def _texts(value: Any) -> dict[str, str]:
    return {_str(k): _str(v) for k, v in _dict(value).items()}
