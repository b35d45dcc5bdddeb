"""`python -m composer snippets ...` and `history list`, run as a seller's script would."""

from __future__ import annotations

import json

import pytest

from composer.storage.history import HistoryStore
from composer.storage.snippets import SnippetStore
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.cli import run
from tests.helpers.scenarios import SHIPPED


def add(data_dir, key, *more):
    return run("snippets", "add", "--key", key, *more, data_dir=data_dir)


@pytest.mark.slow
def test_add_is_on_disk_when_it_exits_and_list_shows_it(data_dir):
    done = add(data_dir, "sig", "--title", "Signature", "--en", "Best, Li", "--zh", "此致，李",
               "--tag", "sign-off", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["bodies"] == {"en": "Best, Li", "zh": "此致，李"}
    assert SnippetStore(data_dir / "snippets.json").get("sig").tags == ["sign-off"]
    listed = run("snippets", "list", "--json", data_dir=data_dir)
    assert [s["key"] for s in json.loads(listed.stdout)] == ["sig"]
    text = run("snippets", "list", data_dir=data_dir).stdout
    assert "sig" in text and "Signature" in text and "#sign-off" in text


@pytest.mark.slow
def test_add_refuses_an_existing_key_unless_told_to_replace(data_dir):
    add(data_dir, "sig", "--en", "one")
    again = add(data_dir, "sig", "--en", "two")
    assert again.returncode == 2 and "--replace" in again.stderr
    assert add(data_dir, "sig", "--en", "two", "--replace").returncode == 0
    assert SnippetStore(data_dir / "snippets.json").get("sig").bodies == {"en": "two"}


@pytest.mark.slow
def test_add_with_another_language_and_bad_input(data_dir):
    assert add(data_dir, "hola", "--en", "Hi", "--body", "es=Hola").returncode == 0
    assert SnippetStore(data_dir / "snippets.json").get("hola").bodies == {"en": "Hi", "es": "Hola"}
    bad = add(data_dir, "two words", "--en", "x")
    assert bad.returncode == 2 and "no spaces" in bad.stderr
    assert add(data_dir, "empty").returncode == 2


@pytest.mark.slow
def test_search_remove(data_dir):
    add(data_dir, "refund", "--title", "Full refund", "--zh", "我们将全额退款。")
    add(data_dir, "sig", "--en", "Best")
    found = run("snippets", "list", "--search", "退款", "--json", data_dir=data_dir)
    assert [s["key"] for s in json.loads(found.stdout)] == ["refund"]
    assert run("snippets", "remove", "refund", data_dir=data_dir).returncode == 0
    missing = run("snippets", "remove", "refund", data_dir=data_dir)
    assert missing.returncode == 2 and "no snippet 'refund'" in missing.stderr


@pytest.mark.slow
def test_export_then_import_elsewhere_with_a_report(data_dir, tmp_path):
    add(data_dir, "sig", "--en", "Best")
    add(data_dir, "sorry", "--en", "Sorry")
    exported = tmp_path / "team.json"
    assert run("snippets", "export", str(exported), data_dir=data_dir).returncode == 0
    other = tmp_path / "other"
    add(other, "sig", "--en", "Mine, changed after")
    done = run("snippets", "import", str(exported), "--json", data_dir=other)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == ["sorry"] and report["conflicts"] == ["sig"]
    assert report["conflicts_resolved_with"] == "yours"
    text = run("snippets", "import", str(exported), data_dir=other).stdout
    assert "unchanged (1): sorry" in text and "conflicting (1): sig" in text
    stdout = run("snippets", "export", data_dir=other).stdout
    assert {s["key"] for s in json.loads(stdout)["snippets"]} == {"sig", "sorry"}
    not_export = tmp_path / "x.json"
    not_export.write_text('{"hello": 1}', encoding="utf-8")
    bad = run("snippets", "import", str(not_export), data_dir=other)
    assert bad.returncode == 2 and "not a snippet export" in bad.stderr


@pytest.mark.slow
def test_a_damaged_library_is_reported_moved_aside_and_the_command_still_works(data_dir):
    (data_dir / "snippets.json").write_text("{oops", encoding="utf-8")
    done = run("snippets", "list", "--json", data_dir=data_dir)
    assert done.returncode == 0 and json.loads(done.stdout) == []
    assert "warning:" in done.stderr and "moved aside" in done.stderr
    assert list(data_dir.glob("snippets.damaged-*.json"))


@pytest.mark.slow
def test_render_prints_the_data_folders_snippets(data_dir, write_template):
    folder = write_template(
        "thanks.toml",
        """
        id = "thanks"
        category = "after-sales"
        [title]
        en = "Thanks"
        zh = "感谢"
        [reply.en]
        body = "Thanks! {{ snippet('sig') }}"
        [reply.zh]
        body = "谢谢！{{ snippet('sig') }}"
        """,
    ).parent
    before = run("render", "thanks", "--templates", str(folder), "--json", data_dir=data_dir)
    assert json.loads(before.stdout)["drafts"]["zh"]["body"] == "谢谢！[片段：sig]"
    add(data_dir, "sig", "--en", "Li", "--zh", "李")
    after = run("render", "thanks", "--templates", str(folder), "--json", data_dir=data_dir)
    drafts = json.loads(after.stdout)["drafts"]
    assert drafts["en"]["body"] == "Thanks! Li" and drafts["zh"]["body"] == "谢谢！李"


@pytest.mark.slow
def test_history_list(data_dir):
    catalog = load_catalog([SHIPPED]).catalog
    scenario = catalog.get("unpaid-reminder")
    values = {**scenario.examples(), "order_number": "A-1", "buyer_name": "Maria"}
    HistoryStore(data_dir / "history.json").add(
        scenario, values, Renderer(catalog).render_draft(scenario, values), "all"
    )
    done = run("history", "list", "--search", "a-1", "--json", data_dir=data_dir)
    (record,) = json.loads(done.stdout)
    assert record["order_number"] == "A-1" and record["scenario"] == "unpaid-reminder"
    assert record["drafts"]["en"]["body"].startswith("Hi Maria,")
    assert "A-1" in run("history", "list", data_dir=data_dir).stdout
    assert (
        json.loads(run("history", "list", "--search", "zz", "--json", data_dir=data_dir).stdout)
        == []
    )


def test_half_an_emoji_is_replaced_and_reported_not_a_traceback(data_dir, tmp_path):
    done = add(data_dir, "sig", "--en", "Thanks \udcff")  # an undecodable byte in argv
    assert done.returncode == 0, done.stderr
    assert "broken character" in done.stderr and "Traceback" not in done.stderr
    assert SnippetStore(data_dir / "snippets.json").get("sig").bodies["en"] == "Thanks \ufffd"
    exported = tmp_path / "from-js.json"
    exported.write_text(json.dumps([{"key": "js", "bodies": {"en": "Hi \ud83d"}}]), "ascii")
    imported = run("snippets", "import", str(exported), data_dir=data_dir)
    assert imported.returncode == 0 and "entry 1" in imported.stderr, imported.stderr
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"buyer_name": "Maria \ud83d"}), encoding="ascii")
    rendered = run("render", "shipping-delay", "--values", str(values), data_dir=data_dir)
    assert rendered.returncode == 0, rendered.stderr
    assert "Maria \ufffd" in rendered.stdout and "broken character" in rendered.stderr
