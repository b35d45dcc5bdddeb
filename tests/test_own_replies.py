"""The seller's own replies without a window: the spec, its file, checks, drafts and packs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from composer import paths
from composer.library.own import languages_of
from composer.library.packs import ADD, REFUSED, REPLACE, REPLACE_SHIPPED, SAME, PackError
from composer.library.spec import (
    FieldSpec,
    OptionSpec,
    ReplySpec,
    ScenarioSpec,
    spec_from_data,
)
from composer.library.toml_writer import multiline_string, write_scenario
from composer.templating.loader import load_catalog
from composer.templating.validate import check_library
from composer.workspace import Workspace
from composer.workspace.replies import ReplyInvalidError
from tests.helpers.scenarios import SHIPPED

BODY_EN = """{{ partial("greeting") }}

Thank you for your order.

{% if gift %}
We put {{ gift }} in the parcel as a small gift.

{% endif %}
{% if tone == "warm" %}
We hope you love it!

{% endif %}
{{ partial("signoff") }}
"""
BODY_ZH = """{{ partial("greeting") }}

感谢您的订购。

{% if gift %}
我们在包裹里放了一份小礼物：{{ gift }}。

{% endif %}
{% if tone == "warm" %}
希望您喜欢！

{% endif %}
{{ partial("signoff") }}
"""


def thanks_spec() -> ScenarioSpec:
    """A reply with a choice and an optional paragraph, as the editor builds one."""
    return ScenarioSpec(
        id="thank-you",
        category="after-sales",
        titles={"en": "Thank the buyer", "zh": "感谢买家"},
        keywords={"en": ["thanks"], "zh": ["感谢"]},
        fields=[
            FieldSpec(name="buyer_name"),
            FieldSpec(
                name="tone",
                type="choice",
                default="warm",
                example="warm",
                labels={"en": "Tone", "zh": "语气"},
                options=[
                    OptionSpec("warm", {"en": "Warm", "zh": "热情"}),
                    OptionSpec("brief", {"en": "Brief", "zh": "简洁"}),
                ],
            ),
            FieldSpec(
                name="gift",
                type="text",
                required=False,
                example="a keyring",
                labels={"en": "Gift", "zh": "赠品"},
                help={"en": "Empty: no gift paragraph.", "zh": "留空：不提赠品。"},
            ),
        ],
        replies={"en": ReplySpec(BODY_EN, "Thank you"), "zh": ReplySpec(BODY_ZH, "感谢您")},
    )


@pytest.fixture
def workspace(data_dir: Path) -> Workspace:
    return Workspace(data_dir, cached=False)


def shipped_spec(name: str) -> ScenarioSpec:
    catalog = load_catalog([SHIPPED]).catalog
    data = tomllib.loads((SHIPPED / f"{name}.toml").read_text(encoding="utf-8"))
    return spec_from_data(data, languages_of(catalog))


def test_every_shipped_file_round_trips_through_the_writer():
    """What the writer writes reads back as the same spec, and loads as the same scenario."""
    catalog = load_catalog([SHIPPED]).catalog
    for scenario in catalog:
        assert scenario.source is not None
        data = tomllib.loads(scenario.source.read_text(encoding="utf-8"))
        spec = spec_from_data(data, languages_of(catalog))
        text = write_scenario(spec)
        assert spec_from_data(tomllib.loads(text), languages_of(catalog)) == spec, scenario.id
        assert write_scenario(spec_from_data(tomllib.loads(text), languages_of(catalog))) == text


def test_the_file_reads_as_a_person_writes_it():
    text = write_scenario(thanks_spec())
    assert text.startswith('id = "thank-you"\ncategory = "after-sales"\n\n[title]\n')
    assert '[keywords]\nen = ["thanks"]\nzh = ["感谢"]' in text
    assert 'label = { en = "Tone", zh = "语气" }' in text
    assert '    { key = "warm", label = { en = "Warm", zh = "热情" } },' in text
    assert '[reply.en]\nsubject = "Thank you"\nbody = """\n{{ partial("greeting") }}\n' in text
    assert "required = false" in text


@pytest.mark.parametrize(
    "text",
    ['ends with a quote"', 'three """ quotes', 'four """" and a \\ backslash', "tab\tand\x01"],
)
def test_multiline_strings_escape_only_what_toml_needs(text):
    assert tomllib.loads(f"a = {multiline_string(text)}")["a"] == text


def test_a_language_the_editor_does_not_show_is_kept(workspace):
    """A [reply.es] of a later folder, triage phrases and an advisor table survive a save."""
    spec = shipped_spec("missing-items")
    spec.replies["es"] = ReplySpec("Hola {{ buyer_name }}", None, {"note": "kept"})
    spec.titles["es"] = "Faltan artículos"
    again = spec_from_data(tomllib.loads(write_scenario(spec)), languages_of(workspace.catalog))
    assert again.replies["es"] == spec.replies["es"]
    assert again.titles["es"] == "Faltan artículos"
    assert again.extra["triage"] == spec.extra["triage"]
    assert again.extra["advisor"]["options"] == {"reship": "reship", "partial-refund": "refund"}


def test_a_new_reply_with_a_choice_and_an_optional_paragraph_is_saved_and_checked(
    workspace, data_dir
):
    saved, changes = workspace.replies.save(thanks_spec())
    assert changes.templates
    assert saved.path == paths.user_templates_dir(data_dir) / "thank-you.toml"
    scenario = workspace.catalog.get("thank-you")
    assert scenario is not None and workspace.replies.is_own(scenario)
    assert [f.name for f in scenario.fields][:3] == ["buyer_name", "tone", "gift"]
    without_gift = workspace.compose(scenario, {**scenario.examples(), "gift": None})
    assert without_gift.result.drafts["en"].body.split("\n\n")[1:] == [
        "Thank you for your order.",
        "We hope you love it!",
        "Lily Chen, Sunny Home Store",
    ]
    with_gift = workspace.compose(scenario, {**scenario.examples(), "tone": "brief"})
    assert "\n\nWe put a keyring in the parcel as a small gift.\n\n" in (
        with_gift.result.drafts["en"].body
    )
    assert "love it" not in with_gift.result.drafts["en"].body
    # `composer check` finds nothing wrong with the folder, and the file loads unchanged.
    loaded = load_catalog(paths.template_dirs(data_dir))
    assert [f for f in check_library(loaded, [saved.path.parent]) if f.severity == "error"] == []
    spec = workspace.replies.spec_of(scenario)
    assert spec == thanks_spec()


def test_a_mistake_is_found_where_it_is(workspace):
    spec = thanks_spec()
    spec.replies["zh"].body = BODY_ZH.replace("{% endif %}", "", 1)
    checked = workspace.replies.checker().check(spec)
    assert not checked.ok
    mistake = checked.errors[0]
    assert mistake.key == ("reply", "zh", "body")
    assert mistake.line >= 3 and "template syntax" in mistake.message
    assert mistake.file_line > 1
    spec = thanks_spec()
    spec.replies["en"].body += "{{ buyers_name }}"
    mistake = workspace.replies.checker().check(spec).errors[0]
    assert (mistake.key, mistake.word) == (("reply", "en", "body"), "buyers_name")
    assert "not a declared field" in mistake.message
    with pytest.raises(ReplyInvalidError):
        workspace.replies.save(spec)
    assert workspace.catalog.get("thank-you") is None


def test_an_empty_title_and_a_taken_id_are_mistakes(workspace):
    workspace.replies.save(thanks_spec())
    spec = thanks_spec()
    spec.titles["zh"] = ""
    editing = workspace.replies.checker().check(spec, editing="thank-you")
    messages = [m.message for m in editing.errors]
    assert messages == ["the 中文 title is empty"]
    assert editing.errors[0].key == ("title", "zh")
    new = workspace.replies.checker().check(thanks_spec(), editing=None)
    assert "already used by your reply in thank-you.toml" in new.errors[0].message


def test_duplicate_a_shipped_reply_adapt_it_and_restore_the_shipped_one(workspace):
    shipped = workspace.catalog.get("missing-items")
    assert shipped is not None and not workspace.replies.is_own(shipped)
    saved, _ = workspace.replies.duplicate(shipped)
    assert saved.scenario_id == "missing-items"
    assert saved.path.read_bytes() == (SHIPPED / "missing-items.toml").read_bytes()
    copy = workspace.catalog.get("missing-items")
    assert copy is not None and workspace.replies.replaces_shipped(copy)
    spec = workspace.replies.spec_of(copy)
    spec.titles["en"] = "Items missing (my shop)"
    spec.replies["en"].body = spec.replies["en"].body.replace("We will put", "We will quickly put")
    workspace.replies.save(spec, editing=copy)
    adapted = workspace.catalog.get("missing-items")
    assert adapted is not None and adapted.title("en") == "Items missing (my shop)"
    assert adapted.triage == shipped.triage and adapted.advisor == shipped.advisor
    removed, _ = workspace.replies.delete(adapted)
    back = workspace.catalog.get("missing-items")
    assert back is not None and back.source == SHIPPED / "missing-items.toml"
    workspace.replies.undo_delete(removed)
    again = workspace.catalog.get("missing-items")
    assert again is not None and again.title("en") == "Items missing (my shop)"


def test_duplicating_ones_own_reply_gives_a_new_id(workspace):
    workspace.replies.save(thanks_spec())
    own = workspace.catalog.get("thank-you")
    assert own is not None
    saved, _ = workspace.replies.duplicate(own)
    assert saved.scenario_id == "thank-you-2"
    assert workspace.catalog.get("thank-you-2") is not None


def test_a_renamed_reply_moves_to_its_new_file(workspace, data_dir):
    saved, _ = workspace.replies.save(thanks_spec())
    own = workspace.catalog.get("thank-you")
    spec = thanks_spec()
    spec.id = "thanks-warmly"
    workspace.replies.save(spec, editing=own)
    assert not saved.path.exists()
    assert (paths.user_templates_dir(data_dir) / "thanks-warmly.toml").is_file()
    assert workspace.catalog.get("thank-you") is None


def test_drafts_keep_an_invalid_reply_until_discarded(workspace):
    drafts = workspace.replies.drafts
    spec = thanks_spec()
    spec.replies["en"].body = "{% if %}"
    spec.fields.append(FieldSpec())  # a row just added, still empty
    key = drafts.new_key()
    drafts.keep(key, spec)
    assert drafts.latest_new() is not None and drafts.latest_new().key == key
    assert drafts.load(key, workspace.catalog) == spec
    drafts.discard(key)
    assert drafts.load(key, workspace.catalog) is None and drafts.kept() == []


def test_a_pack_goes_from_one_data_folder_to_another(workspace, tmp_path):
    workspace.replies.save(thanks_spec())
    workspace.replies.duplicate(workspace.catalog.get("missing-items"))
    pack = tmp_path / "mine.replypack"
    assert workspace.replies.export_pack(pack) == ["missing-items", "thank-you"]
    assert json.loads(pack.read_text(encoding="utf-8"))["format"] == "reply-composer-pack"

    elsewhere = Workspace(tmp_path / "other", cached=False)
    plan = elsewhere.replies.plan_import(pack)
    assert {item.scenario_id: item.action for item in plan} == {
        "missing-items": REPLACE_SHIPPED,
        "thank-you": ADD,
    }
    written, changes = elsewhere.replies.apply_import(plan)
    assert len(written) == 2 and changes.templates
    assert elsewhere.catalog.get("thank-you").title("zh") == "感谢买家"
    again = elsewhere.replies.plan_import(pack)
    assert {item.action for item in again} == {SAME}
    changed = thanks_spec()
    changed.titles["en"] = "Thanks!"
    workspace.replies.save(changed, editing=workspace.catalog.get("thank-you"))
    workspace.replies.export_pack(pack)
    actions = {i.scenario_id: i.action for i in elsewhere.replies.plan_import(pack)}
    assert actions["thank-you"] == REPLACE


def test_a_broken_reply_in_a_pack_is_refused_by_name_and_line(workspace, tmp_path):
    good = write_scenario(thanks_spec())
    broken = good.replace("{% endif %}", "", 1)
    document = {
        "format": "reply-composer-pack",
        "version": 1,
        "replies": [{"file": "broken.toml", "text": broken}, {"file": "ok.toml", "text": good}],
    }
    pack = tmp_path / "shared.replypack"
    pack.write_text(json.dumps(document), encoding="utf-8")
    plan = workspace.replies.plan_import(pack)
    assert plan[0].action == REFUSED
    assert plan[0].problem.startswith("broken.toml:")
    line = int(plan[0].problem.split(":")[1])
    lines = broken.splitlines()
    assert lines.index("[reply.en]") < line - 1 < lines.index("[reply.zh]")  # Jinja: where it ends
    assert "template syntax" in plan[0].problem
    assert plan[1].action == ADD
    written, _ = workspace.replies.apply_import(plan)
    assert [p.name for p in written] == ["thank-you.toml"]
    assert workspace.catalog.get("thank-you") is not None


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not json", "is not a reply pack"),
        (b'{"format": "something else"}', "is not a reply pack"),
        (b'{"format": "reply-composer-pack", "version": 9, "replies": []}', "newer version"),
        (b'{"format": "reply-composer-pack", "version": 1, "replies": [1]}', "reply 1 has no"),
    ],
)
def test_a_file_that_is_not_a_pack_says_so(workspace, tmp_path, content, says):
    pack = tmp_path / "x.replypack"
    pack.write_bytes(content)
    with pytest.raises(PackError, match=says):
        workspace.replies.plan_import(pack)


def test_a_language_a_later_team_folder_adds_is_not_required(data_dir, tmp_path):
    """As the loader: a reply of the seller's needs the languages of the folders up to theirs."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "catalog.toml").write_text(
        '[languages.es]\nlocale = "es_ES"\nname = "Español"\n', encoding="utf-8"
    )
    workspace = Workspace(data_dir, [*paths.template_dirs(data_dir), team], cached=False)
    assert "es" in workspace.catalog.languages
    assert workspace.replies.required_languages() == {"en", "zh"}
    workspace.replies.save(thanks_spec())
    assert workspace.catalog.get("thank-you") is not None
    alone = Workspace(data_dir, [SHIPPED, team], cached=False)  # no seller's folder: all needed
    assert alone.replies.required_languages() is None
