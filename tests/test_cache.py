"""The start-up cache: a catalog read back only while its files are unchanged, compiled
templates kept between runs, and a cache that cannot be used never breaks anything."""

from __future__ import annotations

import os
import pickle

import pytest

from composer import cache, paths
from composer.loader import load_catalog
from composer.render import Renderer
from tests.conftest import SHIPPED


def test_an_unchanged_library_is_read_back_from_the_cache(data_dir, monkeypatch):
    folders = paths.template_dirs(data_dir)
    first = cache.load_catalog_cached(folders, data_dir)
    assert (data_dir / "cache" / "catalog.pickle").is_file()

    def no_loading(_folders):
        raise AssertionError("the catalog was loaded again")

    monkeypatch.setattr("composer.loader.load_catalog", no_loading)
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


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(("key", "value"))])
def test_a_damaged_cache_file_is_only_a_miss(data_dir, content):
    target = data_dir / "cache" / "catalog.pickle"
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


def test_compiled_templates_are_kept_and_reused(data_dir, monkeypatch):
    result = load_catalog([SHIPPED])
    scenario = result.catalog.get("shipping-delay")
    folder = cache.template_cache_dir(data_dir)
    expected = Renderer(result.catalog).render_draft(scenario, scenario.examples())
    first = Renderer(result.catalog, cache_dir=folder).render_draft(scenario, scenario.examples())
    assert first == expected
    files = sorted(folder.iterdir())
    assert {f.name.split("-")[0] for f in files} == {"en", "zh"}

    from jinja2.sandbox import SandboxedEnvironment

    def no_compiling(*_args, **_kwargs):
        raise AssertionError("a cached template was compiled again")

    monkeypatch.setattr(SandboxedEnvironment, "compile", no_compiling)
    again = Renderer(result.catalog, cache_dir=folder).render_draft(scenario, scenario.examples())
    assert again == expected
    assert sorted(folder.iterdir()) == files


def test_a_changed_template_is_compiled_again(data_dir, write_template, minimal_template):
    folder = write_template("thanks.toml", minimal_template).parent
    templates = cache.template_cache_dir(data_dir)
    scenario_of = lambda: load_catalog([SHIPPED, folder]).catalog  # noqa: E731
    catalog = scenario_of()
    thanks = catalog.get("thanks")
    Renderer(catalog, cache_dir=templates).render_draft(thanks, thanks.examples())
    (folder / "thanks.toml").write_text(
        minimal_template.replace("Thank you for paying", "Many thanks for paying"),
        encoding="utf-8",
    )
    catalog = scenario_of()
    thanks = catalog.get("thanks")
    body = (
        Renderer(catalog, cache_dir=templates)
        .render_draft(thanks, thanks.examples())
        .drafts["en"]
        .body
    )
    assert "Many thanks for paying $13.00." in body


def test_an_unwritable_template_cache_never_fails_a_render(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    result = load_catalog([SHIPPED])
    scenario = result.catalog.get("shipping-delay")
    drafts = (
        Renderer(result.catalog, cache_dir=blocked)
        .render_draft(scenario, scenario.examples())
        .drafts
    )
    assert all(not d.error and d.body for d in drafts.values())
