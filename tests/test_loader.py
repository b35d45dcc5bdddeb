"""Loading template folders: overrides, and mistakes reported as file:line."""

from __future__ import annotations

import textwrap

import pytest

from composer.templating.fields import FieldType, Money
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.scenarios import SHIPPED

FOUNDATION_IDS = {"unpaid-reminder", "shipping-delay", "address-change"}


def test_shipped_templates_load_without_problems(load):
    result = load()
    assert result.problems == []
    assert set(result.catalog.scenarios) >= FOUNDATION_IDS
    buyer_languages = {p.name for p in (SHIPPED / "languages").iterdir()}
    assert set(result.catalog.languages) == {"en", "zh"} | buyer_languages


def test_shared_field_declarations_are_inherited(load):
    scenario = load().catalog.get("shipping-delay")
    order = scenario.field("order_number")
    assert order.type is FieldType.TEXT
    assert order.label("zh") == "订单号"
    assert order.required


def test_a_later_folder_overrides_a_scenario_by_id(load, write_template, minimal_template):
    write_template("thanks.toml", minimal_template, folder="team")
    override = minimal_template.replace('en = "Thank you"', 'en = "Thanks a lot"')
    user = write_template("thanks.toml", override, folder="user").parent
    result = load(user.parent / "team", user)
    assert result.errors == []
    assert result.catalog.get("thanks").title("en") == "Thanks a lot"


def test_a_user_folder_can_override_a_shipped_scenario(load, write_template, minimal_template):
    replacement = minimal_template.replace('id = "thanks"', 'id = "shipping-delay"')
    folder = write_template("my-delay.toml", replacement).parent
    result = load(folder)
    assert result.catalog.get("shipping-delay").source == folder / "my-delay.toml"
    assert len(result.catalog) == len(load().catalog)


def test_a_user_catalog_overrides_a_partial(load, write_template, minimal_template):
    folder = write_template("thanks.toml", minimal_template).parent
    write_template("catalog.toml", '[partials.en]\ngreeting = "Hi {{ buyer_name }}!"\n')
    result = load(folder)
    scenario = result.catalog.get("thanks")
    draft = Renderer(result.catalog).render_draft(scenario, scenario.examples()).drafts["en"]
    assert draft.body.startswith("Hi Maria!")


def _problem(result, name):
    matches = [p for p in result.errors if p.path.name == name]
    assert len(matches) == 1, result.problems
    return matches[0]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ('en = "Thank you"', 'en = "Thank you', 6, "TOML syntax"),
        ('type = "money"', 'type = "currency"', 14, "unknown field type 'currency'"),
        ("Thank you for paying {{ total }}.", "Thank you for {{ total }", 23, "template syntax"),
        ("Thank you for paying {{ total }}.", "Paid {{ amount }}.", 23, "'amount'"),
        ("Thank you for paying {{ total }}.", "Paid {{ total|shout }}.", 23, "filter 'shout'"),
        ('example = "13 USD"', 'example = "thirteen"', 15, "example of total"),
        ('partial("greeting")', 'partial("hello")', 21, "partial 'hello'"),
        ('{{ partial("greeting") }}\n\n    Thank', '{% include "x" %}\n\n    Thank', 21, "include"),
    ],
)
def test_a_broken_file_names_its_line_and_the_rest_still_loads(
    load, write_template, minimal_template, old, new, line, words
):
    assert old in minimal_template
    broken = minimal_template.replace(old, new, 1)
    folder = write_template("thanks.toml", broken).parent
    result = load(folder)
    problem = _problem(result, "thanks.toml")
    assert problem.line == line, str(problem)
    assert words in problem.message
    assert str(problem).startswith(f"{folder / 'thanks.toml'}:{line}: ")
    assert "thanks" not in result.catalog.scenarios
    assert set(result.catalog.scenarios) >= FOUNDATION_IDS


def test_a_missing_language_is_an_error_naming_the_language(load, write_template, minimal_template):
    without_zh = minimal_template[: minimal_template.index("[reply.zh]")]
    folder = write_template("thanks.toml", without_zh).parent
    problem = _problem(load(folder), "thanks.toml")
    assert "no 中文 reply" in problem.message and "[reply.zh]" in problem.message


def test_comparing_a_choice_with_an_unknown_key_is_an_error(load, write_template):
    text = (SHIPPED / "shipping-delay.toml").read_text(encoding="utf-8")
    broken = text.replace('reason == "customs"', 'reason == "customs-check"', 1)
    folder = write_template("shipping-delay.toml", broken).parent
    problem = _problem(load(folder), "shipping-delay.toml")
    assert "'customs-check'" in problem.message and "customs, peak-season" in problem.message
    assert broken.splitlines()[problem.line - 1].count("customs-check") == 1


def test_a_field_used_in_one_language_only_is_a_warning(load, write_template, minimal_template):
    one_sided = minimal_template.replace("感谢您支付{{ total }}。", "感谢您的付款。")
    folder = write_template("thanks.toml", one_sided).parent
    result = load(folder)
    assert result.errors == []
    (warning,) = [p for p in result.problems if p.severity == "warning"]
    assert "'total' is used in the en reply but not in zh" in warning.message
    assert warning.line == 13


def test_not_utf8_and_duplicate_ids_are_reported(load, write_template, minimal_template):
    folder = write_template("thanks.toml", minimal_template).parent
    (folder / "zz-copy.toml").write_text(minimal_template.replace("    ", ""), encoding="utf-8")
    (folder / "latin.toml").write_bytes("title = 'caf\xe9'".encode("latin-1"))
    result = load(folder)
    assert "already used by thanks.toml" in _problem(result, "zz-copy.toml").message
    assert "not UTF-8" in _problem(result, "latin.toml").message


def test_a_third_language_is_only_data(tmp_path, write_template, minimal_template):
    """Adding French: a catalog entry and a body, no code."""
    catalog = (SHIPPED / "catalog.toml").read_text(encoding="utf-8")
    catalog += textwrap.dedent(
        """
        [languages.fr]
        locale = "fr_FR"
        name = "Français"

        [partials.fr]
        greeting = "Bonjour {{ buyer_name }},"
        """
    )
    french = minimal_template + textwrap.indent(
        textwrap.dedent(
            '''
            [reply.fr]
            subject = "Merci, {{ buyer_name }}"
            body = """
            {{ partial("greeting") }}

            Merci d'avoir payé {{ total }}.
            """
            '''
        ),
        "    ",
    )
    folder = write_template("thanks.toml", french).parent
    write_template("catalog.toml", catalog)
    result = load_catalog([folder])
    assert result.errors == []
    scenario = result.catalog.get("thanks")
    values = {**scenario.examples(), "total": Money(__import__("decimal").Decimal("13"), "EUR")}
    drafts = Renderer(result.catalog).render_draft(scenario, values).drafts
    assert drafts["fr"].body == "Bonjour Maria,\n\nMerci d'avoir payé 13,00\xa0€."
    assert set(drafts) == {"en", "zh", "fr"}


def test_a_missing_extra_folder_is_skipped_and_a_file_in_its_place_reported(tmp_path, load):
    assert load(tmp_path / "nowhere").problems == []
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert "not a folder" in load(not_a_folder).problems[0].message


def test_a_bad_catalog_entry_names_its_line(tmp_path, write_template):
    catalog = (SHIPPED / "catalog.toml").read_text(encoding="utf-8")
    broken = catalog.replace('money_style = "name"', 'money_style = "words"')
    path = write_template("catalog.toml", broken)
    result = load_catalog([path.parent])
    (problem,) = result.errors
    assert "money_style must be one of standard, name, accounting" in problem.message
    assert broken.splitlines()[problem.line - 1].startswith('money_style = "words"')
