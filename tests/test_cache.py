"""The start-up cache: a catalog read back only while its files are unchanged, kept as plain
JSON outside the data folder; nothing in a cache, old or new, runs; a cache that cannot be used
never breaks anything."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import pickle

import pytest

from composer import paths
from composer.templating import cache
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.scenarios import SHIPPED


def _catalog_file(data_dir):
    return paths.cache_dir(data_dir) / cache.CATALOG_FILE


def test_an_unchanged_library_is_read_back_from_the_cache(data_dir, monkeypatch):
    folders = paths.template_dirs(data_dir)
    first = cache.load_catalog_cached(folders, data_dir)
    assert _catalog_file(data_dir).is_file()
    assert not (data_dir / "cache").exists()  # never in the data folder

    def no_loading(_folders):
        raise AssertionError("the catalog was loaded again")

    monkeypatch.setattr("composer.templating.loader.load_catalog", no_loading)
    second = cache.load_catalog_cached(folders, data_dir)
    assert second.catalog.scenarios.keys() == first.catalog.scenarios.keys()
    assert second.catalog == load_catalog(folders).catalog


def test_an_edited_added_or_removed_template_is_loaded_again(
    data_dir, write_template, minimal_template
):
    folder = write_template("thanks.toml", minimal_template).parent
    folders = [SHIPPED, folder]
    assert cache.load_catalog_cached(folders, data_dir).catalog.get("thanks").title("en") == (
        "Thank you"
    )
    # Same size, same modification time: only the content differs.
    path = folder / "thanks.toml"
    stat = path.stat()
    path.write_text(minimal_template.replace("Thank you", "Thank yuo"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edited = cache.load_catalog_cached(folders, data_dir).catalog.get("thanks")
    assert edited.title("en") == "Thank yuo"

    write_template("broken.toml", "id = [", folder=folder.name)
    added = cache.load_catalog_cached(folders, data_dir)
    assert [p.path.name for p in added.errors] == ["broken.toml"]
    (folder / "broken.toml").unlink()
    path.unlink()
    removed = cache.load_catalog_cached(folders, data_dir)
    assert removed.errors == []
    assert removed.catalog.get("thanks") is None


@pytest.mark.parametrize(
    "content", [b"", b"not json", b"[]", b'{"key": 1}', json.dumps({"key": "x"}).encode()]
)
def test_a_damaged_cache_file_is_only_a_miss(data_dir, content):
    target = _catalog_file(data_dir)
    target.parent.mkdir()
    target.write_bytes(content)
    result = cache.load_catalog_cached(paths.template_dirs(data_dir), data_dir)
    assert result.catalog.get("shipping-delay") is not None
    assert target.read_bytes() != content  # rewritten


def test_a_data_folder_that_cannot_hold_a_cache_still_loads(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    result = cache.load_catalog_cached([SHIPPED], blocked)
    assert result.catalog.get("shipping-delay") is not None


def test_a_cache_with_the_right_key_but_wrong_values_is_only_a_miss(data_dir):
    folders = paths.template_dirs(data_dir)
    cache.load_catalog_cached(folders, data_dir)
    stored = json.loads(_catalog_file(data_dir).read_text(encoding="utf-8"))
    stored["result"]["scenarios"][0]["fields"][0]["labels"] = ["not", "a", "table"]
    _catalog_file(data_dir).write_text(json.dumps(stored), encoding="utf-8")
    result = cache.load_catalog_cached(folders, data_dir)
    assert result.catalog == load_catalog(folders).catalog


def test_the_cache_folder_follows_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.CACHE_ENV, raising=False)
    data = tmp_path / "team data"
    assert paths.cache_dir(data) == tmp_path / "team data.cache"
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert paths.cache_dir(data) == tmp_path / "elsewhere"
    monkeypatch.delenv(paths.CACHE_ENV)
    monkeypatch.setattr(paths.platformdirs, "user_data_dir", lambda *a, **k: str(data))
    monkeypatch.setattr(
        paths.platformdirs, "user_cache_dir", lambda *a, **k: str(tmp_path / "os cache")
    )
    assert paths.cache_dir(data) == tmp_path / "os cache"  # the platform's, for the default


class _Planted:
    """Unpickling this runs code: it creates ``target``."""

    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (os.mkdir, (str(self.target),))


def test_planted_code_in_an_old_or_new_cache_never_runs(data_dir, tmp_path):
    ran = tmp_path / "planted code ran"
    payload = pickle.dumps(_Planted(ran))
    code = marshal.dumps(compile(f"import os; os.mkdir({str(ran)!r})", "planted", "exec"))
    pickle.loads(payload)  # the payload works
    ran.rmdir()
    new = paths.cache_dir(data_dir)
    for folder in (data_dir / "cache", new):  # where older versions kept it, and the new place
        (folder / "templates").mkdir(parents=True)
        (folder / "catalog.pickle").write_bytes(payload)
        (folder / "catalog.json").write_bytes(payload)
        for language in ("en", "zh"):  # what Jinja's bytecode cache files looked like
            for name in ("shipping-delay/body", "greeting"):
                digest = f"{language}-0-{abs(hash(name))}.jinja"
                (folder / "templates" / digest).write_bytes(b"j2" + code)
    result = cache.load_catalog_cached(paths.template_dirs(data_dir), data_dir)
    renderer = Renderer(result.catalog)
    for scenario in result.catalog:
        renderer.render_draft(scenario, scenario.examples())
    assert not ran.exists()
    assert result.catalog.get("shipping-delay") is not None


def test_a_scenarios_kind_of_message_survives_the_cache():
    result = load_catalog([SHIPPED])
    scenario = dataclasses.replace(result.catalog.get("shipped-update"), kind="notice")
    result.catalog.scenarios[scenario.id] = scenario
    assert cache.decode(cache.encode(result)).catalog.get("shipped-update").kind == "notice"
    data = cache.encode(result)
    next(s for s in data["scenarios"] if s["id"] == "shipped-update")["kind"] = "x"
    with pytest.raises(ValueError):
        cache.decode(data)
