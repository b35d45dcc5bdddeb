"""Where Reply Composer keeps things: the data folder, the cache folder, the template folders.

One module decides, so that tests, smoke runs and a team's shared folder can point the app
elsewhere (``--data-dir`` or ``REPLY_COMPOSER_HOME``) without touching a real user's files.
Data and cache live apart (as in qutebrowser's ``standarddir``): a data folder may be synced or
shared, a cache never is, and the cache holds only plain data, never code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import platformdirs

APP_NAME = "ReplyComposer"
HOME_ENV = "REPLY_COMPOSER_HOME"
CACHE_ENV = "REPLY_COMPOSER_CACHE"
USER_TEMPLATES = "templates"
SNIPPETS_FILE = "snippets.json"
PROFILE_FILE = "profile.json"
HISTORY_FILE = "history.json"
ORDERS_FILE = "orders.json"
CASES_FILE = "cases.json"
PLATFORMS_FILE = "platforms.toml"  # platform rules; the seller's copy is laid over the shipped
PHRASES_FILE = "phrases.toml"  # what the wording checks look for, per reply language


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the override, else ``$REPLY_COMPOSER_HOME``, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def default_data_dir() -> Path:
    """The platform's user data folder, with no override."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def cache_dir(data: Path) -> Path:
    """The cache folder that goes with the data folder ``data``.

    ``$REPLY_COMPOSER_CACHE`` if set; for the platform's data folder, the platform's cache
    folder (``platformdirs.user_cache_dir``); for any other data folder (``--data-dir``,
    ``REPLY_COMPOSER_HOME``: a test, a smoke run, a second profile) its sibling
    ``<name>.cache``, so an override moves everything and never touches the real user's
    folders, and zipping or syncing the data folder never carries the cache along.
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    data = Path(data).expanduser()
    if _same_folder(data, default_data_dir()):
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return data.parent / f"{data.name or 'data'}.cache"


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other


def _shipped(folder: str, marker: str) -> Path:
    """A data folder that comes with the app, wherever it was installed from."""
    here = Path(__file__).resolve().parent
    candidates = [
        here / folder,  # an installed wheel
        here.parent / folder,  # a source checkout or an editable install
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # a PyInstaller bundle
        candidates.insert(0, Path(frozen) / folder)
    for candidate in candidates:
        if (candidate / marker).is_file():
            return candidate
    return candidates[-1]


def shipped_templates_dir() -> Path:
    """The templates that come with the app, wherever it was installed from."""
    return _shipped("templates", "catalog.toml")


def shipped_platforms_dir() -> Path:
    """The platform rules and check phrases that come with the app."""
    return _shipped("platforms", PLATFORMS_FILE)


def user_templates_dir(base: Path) -> Path:
    """The seller's own templates inside a data folder: they add to or override shipped ones."""
    return base / USER_TEMPLATES


def template_dirs(base: Path, extra: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Folders to load scenarios from, in order: shipped, the seller's own, then any extra.

    A later folder overrides an earlier one's scenario with the same id.
    """
    return [shipped_templates_dir(), user_templates_dir(base), *(Path(p) for p in extra)]


def snippets_file(base: Path) -> Path:
    """The seller's snippet library in a data folder."""
    return base / SNIPPETS_FILE


def profile_file(base: Path) -> Path:
    """The seller's profile (name, shop, defaults) in a data folder."""
    return base / PROFILE_FILE


def history_file(base: Path) -> Path:
    """The replies the seller copied, in a data folder."""
    return base / HISTORY_FILE


def orders_file(base: Path) -> Path:
    """The imported orders (and the column mappings the seller gave), in a data folder."""
    return base / ORDERS_FILE


def cases_file(base: Path) -> Path:
    """The seller's cases (one order's problem each), in a data folder."""
    return base / CASES_FILE
