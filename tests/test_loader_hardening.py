"""A broken or hostile template file is reported by file and line and skipped, whatever is
wrong with it; everything else loads as before."""

from __future__ import annotations

import time

import pytest

from composer.judgement.presend import check_text
from composer.judgement.rules import load_rulebook, risky_pattern
from composer.templating.loader import load_catalog
from composer.templating.scenario_file import MAX_FIELDS
from tests.helpers.scenarios import SHIPPED

SHIPPED_IDS = set(load_catalog([SHIPPED]).catalog.scenarios)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('id = "big"\ncount = 1' + "0" * 5000 + "\n", "number too long"),
        ("x = " + "[" * 600 + "]" * 600 + "\n", "nested too deeply"),
        ('id = "deep"\nx = ' + "{a = " * 600 + "1" + "}" * 600 + "\n", "nested too deeply"),
    ],
    ids=["long-number", "toml-arrays", "toml-tables"],
)
def test_a_file_that_breaks_the_parser_is_skipped(text, expected, write_template):
    path = write_template("bad.toml", text)
    result = load_catalog([SHIPPED, path.parent])
    (error,) = result.errors
    assert error.path == path and expected in error.message
    assert set(result.catalog.scenarios) == SHIPPED_IDS


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{ 10**5000 }}", None),  # bounded at render time now, no longer a load failure
        ("{{ " + "(" * 70 + "1" + ")" * 70 + " }}", "nested too deeply"),
        ("{{ 1" + "0" * 5000 + " }}", "number too long"),
    ],
    ids=["power", "parentheses", "literal"],
)
def test_a_reply_that_breaks_jinja_is_reported_by_line(body, expected, write_template):
    text = (
        'id = "odd"\ncategory = "after-sales"\n[title]\nen = "Odd"\nzh = "怪"\n'
        f'[reply.en]\nbody = "{body}"\n[reply.zh]\nbody = "你好"\n'
    )
    path = write_template("odd.toml", text)
    result = load_catalog([SHIPPED, path.parent])
    assert set(result.catalog.scenarios) >= SHIPPED_IDS
    if expected is None:
        assert result.errors == []
        return
    (error,) = result.errors
    assert (error.path, error.line) == (path, 7) and expected in error.message


def test_a_huge_template_file_is_refused_quickly(write_template, minimal_template):
    path = write_template("huge.toml", minimal_template + "\n# " + "x" * (20 * 1024 * 1024))
    started = time.perf_counter()
    result = load_catalog([SHIPPED, path.parent])
    assert time.perf_counter() - started < 2
    (error,) = result.errors
    assert error.path == path and "a template file may be at most 512 KB" in error.message


def test_too_many_fields_are_refused_and_counting_them_is_linear(write_template, minimal_template):
    fields = "".join(
        f'\n[[fields]]\nname = "f{i}"\ntype = "text"\nlabel = {{ en = "F", zh = "F" }}\n'
        for i in range(MAX_FIELDS + 1)
    )
    path = write_template(
        "many.toml", minimal_template.replace("[reply.en]", fields + "\n[reply.en]")
    )
    result = load_catalog([SHIPPED, path.parent])
    (error,) = result.errors
    assert f"a scenario may have at most {MAX_FIELDS}" in error.message


def test_an_id_ending_in_a_newline_is_refused(write_template, minimal_template):
    path = write_template(
        "thanks.toml", minimal_template.replace('id = "thanks"', 'id = "thanks\\n"')
    )
    (error,) = load_catalog([SHIPPED, path.parent]).errors
    assert "id must be lower-case letters" in error.message


def test_a_language_a_team_adds_leaves_the_shipped_scenarios_working(write_template):
    catalog = write_template("catalog.toml", '[languages.xx]\nlocale = "fr_FR"\nname = "Xish"\n')
    result = load_catalog([SHIPPED, catalog.parent])
    assert set(result.catalog.scenarios) == SHIPPED_IDS
    assert result.errors == []
    (warning,) = [p for p in result.problems if p.path == catalog]
    assert warning.severity == "warning"
    assert f"{len(SHIPPED_IDS)} scenarios from earlier folders have no [reply.xx]" in (
        warning.message
    )


def test_a_team_scenario_still_needs_the_teams_own_language(write_template, minimal_template):
    write_template("catalog.toml", '[languages.xx]\nlocale = "fr_FR"\nname = "Xish"\n')
    path = write_template("thanks.toml", minimal_template)
    errors = load_catalog([SHIPPED, path.parent]).errors
    assert [(e.path, "no Xish reply" in e.message) for e in errors] == [(path, True)]


def test_replacing_a_shipped_scenario_gives_a_notice(write_template):
    shipped = (SHIPPED / "shipping-delay.toml").read_text(encoding="utf-8")
    path = write_template("my-delay.toml", shipped.replace("Shipping delay", "My delay"))
    result = load_catalog([SHIPPED, path.parent])
    (notice,) = [p for p in result.problems if p.path == path]
    assert notice.severity == "info"
    assert "replaces the scenario 'shipping-delay' of" in notice.message
    assert result.catalog.get("shipping-delay").source == path


def test_a_catastrophic_phrase_pattern_is_left_out(data_dir):
    (data_dir / "phrases.toml").write_text(
        "[en]\noff-platform = ['(\\w+\\s?)+!$', 'telegram']\n", encoding="utf-8"
    )
    book = load_rulebook(data_dir)
    (problem,) = book.problems
    assert "is left out: it repeats a group that itself repeats" in problem
    started = time.perf_counter()
    text = "a " * 40 + "telegram" + " word" * 40
    found = check_text(text, "en", book.platform("amazon"), book.phrases)
    assert time.perf_counter() - started < 1
    assert [c.code for c in found] == ["off-platform"]


@pytest.mark.parametrize("pattern", [r"(a|ab)*c", r"(?:x+y?){2,}", r"(?P<w>\w+)*$", r"((a+))+"])
def test_risky_pattern_shapes_are_recognised(pattern):
    assert risky_pattern(pattern)


@pytest.mark.parametrize(
    "pattern", [r"\bfoo\b", r"(?:\W+\w+){0,4}?\W+review", r"(ab)+", r"[(a+)]+", r"(?<!feel )free"]
)
def test_ordinary_patterns_pass(pattern):
    assert risky_pattern(pattern) is None


def test_a_deeply_nested_platforms_file_is_reported(data_dir):
    (data_dir / "platforms.toml").write_text("x = " + "[" * 600 + "]" * 600, encoding="utf-8")
    book = load_rulebook(data_dir)
    assert any("nested too deeply" in p for p in book.problems)
    assert book.platform("amazon") is not None
