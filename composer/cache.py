"""What the app keeps between runs so it opens fast: the loaded catalog and compiled templates.

Both live in the ``cache`` folder of the data folder. Loading the catalog parses every template
file with Jinja (tens of milliseconds, plus importing Jinja itself); a start whose template files
are unchanged reads the catalog back instead, so the window can show before Jinja is imported.
Each entry records exactly what it was made from and is rebuilt when any of it changed, so
deleting the folder is always safe. Importing this module does not import Jinja.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from composer.scenario import LoadResult

CACHE_FOLDER = "cache"
CATALOG_FILE = "catalog.pickle"
TEMPLATES_FOLDER = "templates"


def cache_dir(data_dir: Path) -> Path:
    """The cache folder inside a data folder."""
    return data_dir / CACHE_FOLDER


def template_cache_dir(data_dir: Path) -> Path:
    """Where compiled templates are kept (``composer.render.Renderer(cache_dir=...)``)."""
    return cache_dir(data_dir) / TEMPLATES_FOLDER


def load_catalog_cached(folders: Iterable[Path], data_dir: Path) -> LoadResult:
    """``composer.loader.load_catalog(folders)``, read back from the cache when still valid.

    Valid means: the same folders holding the same template files, byte for byte, loaded by
    the same program. Anything else (or a cache that cannot be read) loads the files again and
    rewrites the cache; a cache that cannot be written is skipped.
    """
    folders = [Path(f) for f in folders]
    key = _catalog_key(folders)
    path = cache_dir(data_dir) / CATALOG_FILE
    cached = _read(path, key)
    if cached is not None:
        return cached
    from composer.loader import load_catalog  # imports Jinja: only when the files changed

    result = load_catalog(folders)
    _write(path, key, result)
    return result


def _catalog_key(folders: list[Path]) -> tuple[Any, ...]:
    """Everything a loaded catalog depends on: the program, then each folder's files."""
    contents: list[tuple[str, Any]] = []
    for folder in folders:
        if not folder.is_dir():
            contents.append((str(folder), folder.exists()))
            continue
        for file in sorted(folder.glob("*.toml")):
            try:
                contents.append((str(file), file.read_bytes()))
            except OSError as exc:
                contents.append((str(file), repr(exc)))
    return (_program_stamp(), tuple(contents))


def _program_stamp() -> tuple[Any, ...]:
    """Changes whenever the code that loads templates may have changed."""
    if getattr(sys, "frozen", False):  # a bundle: a rebuild rewrites the executable
        files = [Path(sys.executable)]
    else:
        here = Path(__file__).resolve().parent
        files = sorted(here.glob("*.py"))
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
    return (sys.version, tuple(stamps))


def _read(path: Path, key: tuple[Any, ...]) -> LoadResult | None:
    try:
        with path.open("rb") as stream:
            stored_key, result = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # any unreadable cache is only a cache miss
        return None
    if stored_key != key or not isinstance(result, LoadResult):
        return None
    return result


def _write(path: Path, key: tuple[Any, ...], result: LoadResult) -> None:
    """Write atomically, so a crash or a second app never leaves half a file."""
    from composer.safe_file import write_atomically  # only when the cache is rewritten

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, [pickle.dumps((key, result), protocol=pickle.HIGHEST_PROTOCOL)])
    except OSError:
        pass  # a cache that cannot be written only means the next start loads the files
