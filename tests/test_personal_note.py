"""The seller's personal note in the replies, and what a chat message leaves out (domain)."""

from __future__ import annotations

import datetime as dt
import json

from composer.cli.commands import main
from composer.judgement.presend import check_draft
from composer.judgement.stale import in_step, stale_values
from composer.storage.history import HistoryStore, restore_values
from composer.templating.loader import load_catalog
from composer.templating.note import note_key
from composer.templating.render import Renderer
from composer.workspace import Workspace
from tests.helpers.scenarios import SHIPPED

RESULT = load_catalog([SHIPPED])
CATALOG = RESULT.catalog
RENDERER = Renderer(CATALOG)
NOTE_EN = "Thanks for being a loyal customer."
NOTE_ZH = "感谢您一直以来的支持。"


def render(scenario_id, reply_format="chat", **values):
    scenario = CATALOG.get(scenario_id)
    result = RENDERER.render_draft(
        scenario, {**scenario.examples(), **values}, reply_format=reply_format
    )
    return scenario, result


def test_the_note_goes_just_before_the_sign_off_in_every_reply_and_format():
    notes = {note_key("en"): NOTE_EN, note_key("zh"): NOTE_ZH}
    for scenario in CATALOG:
        if scenario.kind == "review-reply":
            continue
        for reply_format in ("chat", "email"):
            _, result = render(scenario.id, reply_format, **notes)
            for code, note in (("en", NOTE_EN), ("zh", NOTE_ZH)):
                paragraphs = result.drafts[code].body.split("\n\n")
                assert paragraphs[-2] == note, (scenario.id, reply_format, code)
                assert "Lily Chen" in paragraphs[-1], (scenario.id, reply_format, code)


def test_a_review_reply_has_no_sign_off_so_the_note_ends_it():
    _, result = render("negative-review", **{note_key("en"): NOTE_EN, note_key("zh"): NOTE_ZH})
    assert result.drafts["en"].body.endswith(f"\n\n{NOTE_EN}")
    assert result.drafts["zh"].body.endswith(f"\n\n{NOTE_ZH}")


def test_no_note_changes_nothing():
    _, without = render("damaged-item")
    _, empty = render("damaged-item", **{note_key("en"): "  ", note_key("zh"): ""})
    assert without.drafts == empty.drafts


def test_a_note_in_one_language_is_marked_for_translation_in_the_other_and_checked():
    scenario, result = render("damaged-item", **{note_key("en"): NOTE_EN})
    en, zh = result.drafts["en"], result.drafts["zh"]
    marker = f"[请译成中文：{NOTE_EN}]"
    assert NOTE_EN in en.body and marker not in en.body
    assert zh.body.split("\n\n")[-2] == marker and marker in zh.markers
    values = {**scenario.examples(), note_key("en"): NOTE_EN}
    found = check_draft(result, scenario, values, CATALOG.languages)
    marked = {c.language: c for c in found if c.code == "untranslated-note"}
    assert set(marked) == set(CATALOG.languages) - {"en"}  # every reply but the note's own
    check = marked["zh"]
    assert check.severity == "error"
    assert zh.body[check.start : check.end] == marker
    assert "translate" in check.message["en"] and "译文" in check.message["zh"]


def test_a_chinese_note_in_the_english_reply_is_one_finding_not_two():
    scenario, result = render("damaged-item", **{note_key("zh"): NOTE_ZH})
    en = result.drafts["en"]
    assert f"[Translate into English: {NOTE_ZH}]" in en.body
    values = {**scenario.examples(), note_key("zh"): NOTE_ZH}
    found = check_draft(result, scenario, values, CATALOG.languages)
    assert [c.code for c in found if c.language == "en"] == ["untranslated-note"]


def test_a_language_added_as_data_marks_the_note_its_own_way(write_template, minimal_template):
    folder = write_template(
        "catalog.toml",
        """
        [languages.fr]
        locale = "fr_FR"
        name = "Français"
        untranslated_note = "[À traduire : {note}]"

        [languages.de]
        locale = "de_DE"
        name = "Deutsch"

        [partials.fr]
        greeting = "Bonjour,"
        signoff = \"\"\"
        {% if personal_note %}{{ personal_note }}

        {% endif %}Lily\"\"\"

        [partials.de]
        greeting = "Hallo,"
        signoff = "Lily"
        """,
    ).parent
    scenario_text = minimal_template + (
        '\n    [reply.fr]\n    subject = "Merci"\n    body = """\n    {{ partial("greeting") }}\n\n'
        '    Merci.\n\n    {{ partial("signoff") }}\n    """\n'
        '\n    [reply.de]\n    subject = "Danke"\n    body = """\n    {{ partial("greeting") }}\n\n'
        '    Danke.\n\n    {{ partial("signoff") }}\n    """\n'
    )
    write_template("thanks.toml", scenario_text)
    loaded = load_catalog([SHIPPED, folder])
    assert not [p for p in loaded.problems if p.severity == "error"], loaded.problems
    scenario = loaded.catalog.get("thanks")
    values = {**scenario.examples(), note_key("en"): NOTE_EN}
    result = Renderer(loaded.catalog).render_draft(scenario, values, ["fr", "de"])
    assert result.drafts["fr"].body.endswith(f"[À traduire : {NOTE_EN}]\n\nLily")
    # A language that declares no marker uses the default one; a sign-off that does not
    # print the note gets it just before.
    assert result.drafts["de"].body.endswith(f"[Translate: {NOTE_EN}]\n\nLily")


def test_a_marker_without_the_note_in_it_is_a_mistake_naming_its_line(write_template):
    path = write_template(
        "catalog.toml",
        """
        [languages.fr]
        locale = "fr_FR"
        name = "Français"
        untranslated_note = "[À traduire]"
        """,
    )
    loaded = load_catalog([SHIPPED, path.parent])
    (problem,) = [p for p in loaded.problems if p.path == path]
    assert problem.line == 4 and "{note}" in problem.message


def test_a_chat_message_has_no_subject_line_an_email_has_one():
    for scenario in CATALOG:
        _, chat = render(scenario.id)
        _, email = render(scenario.id, "email")
        for code in ("en", "zh"):
            assert chat.drafts[code].subject is None, scenario.id
            has = scenario.replies[code].subject is not None
            assert (email.drafts[code].subject is not None) == has, scenario.id


def test_the_note_is_kept_in_the_history_and_comes_back_on_reopening(data_dir):
    workspace = Workspace(data_dir)
    scenario = workspace.catalog.get("damaged-item")
    values = {**scenario.examples(), note_key("en"): NOTE_EN, note_key("zh"): NOTE_ZH}
    workspace.record_copy(workspace.compose(scenario, values), "all")
    (record,) = HistoryStore(data_dir / "history.json").records()
    restored = restore_values(record, scenario)
    assert restored[note_key("en")] == NOTE_EN and restored[note_key("zh")] == NOTE_ZH
    assert NOTE_ZH in record.drafts["zh"]["body"]


def test_the_command_line_takes_a_note(data_dir, capsys):
    code = main([
        "render", "negative-review", "--example", "--lang", "all", "--json",
        "--set", f"note.zh={NOTE_ZH}", "--data-dir", str(data_dir),
    ])  # fmt: skip
    assert code == 0
    rendered = json.loads(capsys.readouterr().out)
    assert rendered["drafts"]["zh"]["body"].endswith(NOTE_ZH)
    assert [c["code"] for c in rendered["checks"] if c["language"] == "en"] == ["untranslated-note"]


# --- an edited reply's stale values -------------------------------------------------------


def test_a_value_changed_after_an_edit_that_the_edit_still_shows_is_an_error_with_its_fix():
    scenario = CATALOG.get("damaged-item")
    base = {**scenario.examples(), "order_number": "8041"}
    now = {**base, "order_number": "9050"}
    text = "Your order 8041 arrived damaged. Order 80412 is another one."
    (check,) = stale_values(scenario, base, now, CATALOG.languages["en"], text, CATALOG.languages)
    assert (check.code, check.severity, check.fix) == ("stale-value", "error", "9050")
    assert text[check.start : check.end] == "8041"  # not the 8041 inside 80412
    assert "“8041”" in check.message["en"] and "Order number" in check.message["en"]
    assert "订单号" in check.message["zh"]
    fixed = text[: check.start] + check.fix + text[check.end :]
    assert not stale_values(scenario, base, now, CATALOG.languages["en"], fixed, CATALOG.languages)
    # Once fixed, the edit is in step with 9050: a later change is caught again.
    step = in_step(scenario, base, now, CATALOG.languages["en"], fixed, CATALOG.languages)
    later = {**now, "order_number": "9051"}
    (again,) = stale_values(
        scenario, step, later, CATALOG.languages["en"], fixed, CATALOG.languages
    )
    assert (fixed[again.start : again.end], again.fix) == ("9050", "9051")


def test_an_amount_is_compared_as_the_reply_prints_it():
    scenario = CATALOG.get("damaged-item")
    base = scenario.examples()
    now = {**base, "refund_amount": scenario.field("refund_amount").coerce("12 USD")}
    text = "我们想为您提供15.00美元的部分退款。"
    (check,) = stale_values(scenario, base, now, CATALOG.languages["zh"], text, CATALOG.languages)
    assert (text[check.start : check.end], check.fix) == ("15.00美元", "12.00美元")


def test_an_unchanged_or_unshown_value_is_not_stale():
    scenario = CATALOG.get("damaged-item")
    base = scenario.examples()
    today = dt.date(2026, 11, 30)
    text = "Hi Maria, thank you."
    assert not stale_values(scenario, base, base, CATALOG.languages["en"], text, CATALOG.languages)
    now = {**base, "order_number": "1"}
    assert not stale_values(
        scenario, base, now, CATALOG.languages["en"], text, CATALOG.languages, today
    )


def test_a_date_is_found_in_whichever_style_the_reply_wrote_it():
    scenario = CATALOG.get("shipping-delay")
    (field,) = [f for f in scenario.fields if f.type.value == "date"][:1]
    today = dt.date(2026, 11, 30)
    base = {**scenario.examples(), field.name: dt.date(2026, 12, 3)}
    now = {**base, field.name: dt.date(2026, 12, 10)}
    en = CATALOG.languages["en"]
    text = "It left on December 3, 2026. Since December 3 it has not moved."
    found = stale_values(scenario, base, now, en, text, CATALOG.languages, today)
    assert [(text[c.start : c.end], c.fix) for c in found] == [
        ("December 3, 2026", "December 10, 2026"),  # |date("long")
        ("December 3", "December 10"),  # the chat style, this year
    ]


def test_every_buyer_language_marks_a_note_written_in_english_only():
    _scenario, result = render("damaged-item", **{note_key("en"): NOTE_EN})
    for code, name in {"es": "Spanish", "de": "German", "ru": "Russian"}.items():
        assert f"[Translate into {name}: {NOTE_EN}]" in result.drafts[code].body
